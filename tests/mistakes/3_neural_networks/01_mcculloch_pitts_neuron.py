"""Typical wrong answers for 3_neural_networks/01_mcculloch_pitts_neuron. Each must be rejected by its check cell."""

MISTAKES = {
    "mcculloch_pitts_neuron": {
        "inhibition subtracts instead of vetoing": """
def mcculloch_pitts_neuron(excitatory, inhibitory, threshold):
    return 1 if sum(excitatory) - sum(inhibitory) >= threshold else 0
""",
        "strict > instead of >= (fires only above the threshold)": """
def mcculloch_pitts_neuron(excitatory, inhibitory, threshold):
    if any(inhibitory):
        return 0
    return 1 if sum(excitatory) > threshold else 0
""",
        "returns a bool instead of an int": """
def mcculloch_pitts_neuron(excitatory, inhibitory, threshold):
    return not any(inhibitory) and sum(excitatory) >= threshold
""",
        "ignores the inhibitory inputs": """
def mcculloch_pitts_neuron(excitatory, inhibitory, threshold):
    return 1 if sum(excitatory) >= threshold else 0
""",
        "vetoes only when every inhibitory input is on": """
def mcculloch_pitts_neuron(excitatory, inhibitory, threshold):
    if inhibitory and all(inhibitory):
        return 0
    return 1 if sum(excitatory) >= threshold else 0
""",
        "counts inhibitory inputs as excitatory": """
def mcculloch_pitts_neuron(excitatory, inhibitory, threshold):
    return 1 if sum(excitatory) + sum(inhibitory) >= threshold else 0
""",
    },
    "threshold_unit": {
        "strict > instead of >=": """
def threshold_unit(inputs, weights, threshold):
    return 1 if sum(w * x for x, w in zip(inputs, weights, strict=True)) > threshold else 0
""",
        "ignores the weights (counts the active inputs)": """
def threshold_unit(inputs, weights, threshold):
    return 1 if sum(inputs) >= threshold else 0
""",
        "adds the threshold instead of comparing with it": """
def threshold_unit(inputs, weights, threshold):
    return 1 if sum(w * x for x, w in zip(inputs, weights, strict=True)) + threshold >= 0 else 0
""",
        "returns a bool instead of an int": """
def threshold_unit(inputs, weights, threshold):
    return sum(w * x for x, w in zip(inputs, weights, strict=True)) >= threshold
""",
        "uses the size of each weight, losing inhibition": """
def threshold_unit(inputs, weights, threshold):
    return 1 if sum(abs(w) * x for x, w in zip(inputs, weights, strict=True)) >= threshold else 0
""",
        "rounds the sum": """
def threshold_unit(inputs, weights, threshold):
    return 1 if round(sum(w * x for x, w in zip(inputs, weights))) >= threshold else 0
""",
        "reverses the weights": """
def threshold_unit(inputs, weights, threshold):
    return 1 if sum(w * x for x, w in zip(inputs, reversed(weights))) >= threshold else 0
""",
    },
    "run_network": {
        "feeds the network's inputs to every layer": """
def run_network(layers, inputs):
    values = list(inputs)
    for layer in layers:
        values = [threshold_unit(list(inputs)[: len(weights)], weights, threshold) for weights, threshold in layer]
    return values
""",
        "returns the first layer's outputs": """
def run_network(layers, inputs):
    if not layers:
        return list(inputs)
    return [threshold_unit(list(inputs), weights, threshold) for weights, threshold in layers[0]]
""",
        "returns a tuple instead of a list": """
def run_network(layers, inputs):
    values = tuple(inputs)
    for layer in layers:
        values = tuple(threshold_unit(values, weights, threshold) for weights, threshold in layer)
    return values
""",
        "returns the outputs of every layer": """
def run_network(layers, inputs):
    values, everything = list(inputs), []
    for layer in layers:
        values = [threshold_unit(values, weights, threshold) for weights, threshold in layer]
        everything.extend(values)
    return everything if everything else values
""",
        "skips the last layer": """
def run_network(layers, inputs):
    values = list(inputs)
    for layer in layers[:-1]:
        values = [threshold_unit(values, weights, threshold) for weights, threshold in layer]
    return values
""",
        "consumes the layers list": """
def run_network(layers, inputs):
    values = list(inputs)
    while layers:
        layer = layers.pop(0)
        values = [threshold_unit(values, weights, threshold) for weights, threshold in layer]
    return values
""",
    },
    "xor_network": {
        "OR and AND hidden units (the network computes AND)": """
def xor_network():
    return [[gates["OR"], gates["AND"]], [gates["AND"]]]
""",
        "the output unit ORs the hidden units": """
def xor_network():
    return [[gates["OR"], gates["NAND"]], [gates["OR"]]]
""",
        "a hidden layer of three units": """
def xor_network():
    return [[gates["OR"], gates["NAND"], gates["AND"]], [((1, 1, 0), 1.5)]]
""",
        "all three units in one layer": """
def xor_network():
    return [[gates["OR"], gates["NAND"], gates["AND"]]]
""",
        "the pair written as (threshold, weights)": """
def xor_network():
    return [[(0.5, (1, 1)), (-1.5, (-1, -1))], [(1.5, (1, 1))]]
""",
    },
}
