"""Typical wrong answers for 7_mlops/05_distributed_training. Each must be rejected by its check cell."""


def _ring(reduce_scatter: str, all_gather: str, setup: str = "result = tensor.flatten().clone()",
          chunks: str = "result.tensor_split(world_size)", end: str = "return result.reshape(tensor.shape)") -> str:
    return f"""
def ring_all_reduce(tensor):
    rank, world_size = dist.get_rank(), dist.get_world_size()
    {setup}
    chunks = {chunks}
    right, left = (rank + 1) % world_size, (rank - 1) % world_size
    for step in range(world_size - 1):
        outgoing, incoming = chunks[(rank - step) % world_size], chunks[(rank - step - 1) % world_size]
        received = torch.empty_like(incoming)
{reduce_scatter}
    for step in range(world_size - 1):
        outgoing, incoming = chunks[(rank - step + 1) % world_size], chunks[(rank - step) % world_size]
{all_gather}
    {end}
"""


_SCATTER = """        request = dist.isend(outgoing, right)
        dist.recv(received, left)
        request.wait()
        incoming += received"""
_GATHER = """        request = dist.isend(outgoing, right)
        dist.recv(incoming, left)
        request.wait()"""


def _zero(body: str) -> str:
    lines = "\n".join(f"    {line}" for line in body.strip().splitlines())
    return f"""
def zero1_step(flat_parameters, flat_gradient, shard, optimizer):
{lines}
"""


_AVERAGED = """
world_size = dist.get_world_size()
rank = dist.get_rank()
dist.all_reduce(flat_gradient)
average = flat_gradient / world_size
"""

MISTAKES = {
    "ring_all_reduce": {
        "every rank starts with a blocking send (deadlock)": _ring(
            _SCATTER.replace("request = dist.isend(outgoing, right)", "dist.send(outgoing, right)")
                    .replace("request.wait()", "pass"), _GATHER),
        "returns its own tensor": """
def ring_all_reduce(tensor):
    return tensor.clone()
""",
        "calls dist.all_reduce": """
def ring_all_reduce(tensor):
    result = tensor.clone()
    dist.all_reduce(result)
    return result
""",
        "adds into the caller's tensor (no copy)": _ring(_SCATTER, _GATHER, setup="result = tensor.view(-1)"),
        "overwrites instead of adding in the reduce-scatter": _ring(
            _SCATTER.replace("incoming += received", "incoming.copy_(received)"), _GATHER),
        "adds during the all-gather too": _ring(_SCATTER, _GATHER.replace(
            "dist.recv(incoming, left)", "received = torch.empty_like(incoming)\n        dist.recv(received, left)\n"
            "        incoming += received")),
        "stops after the reduce-scatter": _ring(_SCATTER, "        pass"),
        "all-gather sends the wrong chunk (off by one)": _ring(_SCATTER, _GATHER).replace(
            "chunks[(rank - step + 1) % world_size], chunks[(rank - step) % world_size]",
            "chunks[(rank - step) % world_size], chunks[(rank - step - 1) % world_size]"),
        "chunk() instead of tensor_split (too few chunks for small tensors)": _ring(
            _SCATTER, _GATHER, chunks="result.chunk(world_size)"),
        "assumes the size divides by the number of ranks": _ring(
            _SCATTER, _GATHER, chunks="list(result.view(world_size, -1))"),
        "returns the flat tensor": _ring(_SCATTER, _GATHER, end="return result"),
        "changes the dtype to float32": _ring(_SCATTER, _GATHER, setup="result = tensor.flatten().float()"),
        "averages instead of summing": _ring(_SCATTER, _GATHER,
                                             end="return (result / world_size).to(tensor.dtype).reshape(tensor.shape)"),
        "assumes 4 ranks": _ring(_SCATTER, _GATHER).replace(
            "rank, world_size = dist.get_rank(), dist.get_world_size()", "rank, world_size = dist.get_rank(), 4"),
        "sends the whole tensor to every other rank": """
def ring_all_reduce(tensor):
    rank, world_size = dist.get_rank(), dist.get_world_size()
    result = tensor.clone()
    requests = [dist.isend(tensor, other) for other in range(world_size) if other != rank]
    for other in range(world_size):
        if other != rank:
            received = torch.empty_like(tensor)
            dist.recv(received, other)
            result += received
    for request in requests:
        request.wait()
    return result
""",
    },
    "average_gradients": {
        "sums without dividing": """
def average_gradients(model):
    for parameter in model.parameters():
        if parameter.grad is not None:
            dist.all_reduce(parameter.grad)
""",
        "divides by 2, not by the world size": """
def average_gradients(model):
    for parameter in model.parameters():
        if parameter.grad is not None:
            dist.all_reduce(parameter.grad)
            parameter.grad /= 2
""",
        "averages the parameters instead of the gradients": """
def average_gradients(model):
    for parameter in model.parameters():
        if parameter.grad is not None:
            dist.all_reduce(parameter.data)
            parameter.data /= dist.get_world_size()
""",
        "averages only the first parameter": """
def average_gradients(model):
    parameter = next(model.parameters())
    dist.all_reduce(parameter.grad)
    parameter.grad /= dist.get_world_size()
""",
        "reduces to rank 0 only": """
def average_gradients(model):
    for parameter in model.parameters():
        if parameter.grad is not None:
            dist.reduce(parameter.grad, dst=0)
            parameter.grad /= dist.get_world_size()
""",
        "forgets the frozen parameter has no gradient": """
def average_gradients(model):
    for parameter in model.parameters():
        dist.all_reduce(parameter.grad)
        parameter.grad /= dist.get_world_size()
""",
        "gives frozen parameters a zero gradient": """
def average_gradients(model):
    for parameter in model.parameters():
        if parameter.grad is None:
            parameter.grad = torch.zeros_like(parameter)
        dist.all_reduce(parameter.grad)
        parameter.grad /= dist.get_world_size()
""",
        "divides by the rank count plus one": """
def average_gradients(model):
    for parameter in model.parameters():
        if parameter.grad is not None:
            dist.all_reduce(parameter.grad)
            parameter.grad /= dist.get_world_size() + 1
""",
        "averages a copy, leaving .grad unchanged": """
def average_gradients(model):
    for parameter in model.parameters():
        if parameter.grad is not None:
            gradient = parameter.grad.clone()
            dist.all_reduce(gradient)
            gradient /= dist.get_world_size()
""",
    },
    "zero1_step": {
        "sums the gradients without dividing": _zero("""
shard_gradient = torch.empty_like(shard)
dist.reduce_scatter_tensor(shard_gradient, flat_gradient)
shard.grad = shard_gradient
optimizer.step()
dist.all_gather_into_tensor(flat_parameters, shard.detach())
"""),
        "does not average over the ranks": _zero("""
rank, length = dist.get_rank(), len(shard)
shard.grad = flat_gradient[rank * length:(rank + 1) * length].clone()
optimizer.step()
dist.all_gather_into_tensor(flat_parameters, shard.detach())
"""),
        "takes the first slice on every rank": _zero(_AVERAGED + """
shard.grad = average[:len(shard)].clone()
optimizer.step()
dist.all_gather_into_tensor(flat_parameters, shard.detach())
"""),
        "forgets to gather the other ranks' shards": _zero(_AVERAGED + """
length = len(shard)
shard.grad = average[rank * length:(rank + 1) * length].clone()
optimizer.step()
flat_parameters[rank * length:(rank + 1) * length] = shard.detach()
"""),
        "gathers before the step": _zero(_AVERAGED + """
length = len(shard)
shard.grad = average[rank * length:(rank + 1) * length].clone()
dist.all_gather_into_tensor(flat_parameters, shard.detach())
optimizer.step()
"""),
        "forgets the optimiser step": _zero(_AVERAGED + """
length = len(shard)
shard.grad = average[rank * length:(rank + 1) * length].clone()
dist.all_gather_into_tensor(flat_parameters, shard.detach())
"""),
        "adds to the stale gradient": _zero(_AVERAGED + """
length = len(shard)
shard.grad += average[rank * length:(rank + 1) * length]
optimizer.step()
dist.all_gather_into_tensor(flat_parameters, shard.detach())
"""),
        "gathers the gradient instead of the parameters": _zero(_AVERAGED + """
length = len(shard)
shard.grad = average[rank * length:(rank + 1) * length].clone()
optimizer.step()
dist.all_gather_into_tensor(flat_parameters, shard.grad)
"""),
        "divides by 2, not by the world size": _zero("""
shard_gradient = torch.empty_like(shard)
dist.reduce_scatter_tensor(shard_gradient, flat_gradient)
shard.grad = shard_gradient / 2
optimizer.step()
dist.all_gather_into_tensor(flat_parameters, shard.detach())
"""),
    },
}

FAMILY_EXEMPTIONS: dict = {}
