"""Typical wrong answers for 4_cnn_rnn/02_lenet5. Each must be rejected by its check cell."""

_FORWARD = """
def lenet5_forward(images, parameters):
    p = parameters
    hidden = conv.conv2d(images, p["conv1.weight"], {bias1}, padding={padding})
    hidden = {pool}({act1}(hidden), 2)
    hidden = conv.conv2d(hidden, p["conv2.weight"], p["conv2.bias"])
    hidden = {pool}({act2}(hidden), 2){flatten}
    hidden = F.relu(hidden @ p["fc1.weight"].T + p["fc1.bias"])
    hidden = {act3}(hidden @ p["fc2.weight"].T + p["fc2.bias"])
    return {output}(hidden @ p["fc3.weight"].T + p["fc3.bias"])
"""
_RIGHT = {
    "bias1": 'p["conv1.bias"]', "padding": "2", "pool": "conv.max_pool2d", "act1": "F.relu", "act2": "F.relu",
    "flatten": ".flatten(1)", "act3": "F.relu", "output": "",
}


def _forward(**changes: str) -> str:
    return _FORWARD.format(**{**_RIGHT, **changes})


MISTAKES = {
    "lenet5_forward": {
        "average pooling instead of max pooling": _forward(pool="conv.avg_pool2d"),
        "forgets C1's padding (the shapes no longer fit C5)": _forward(padding="0"),
        "no ReLU after C3": _forward(act2=""),
        "no ReLU after C1": _forward(act1=""),
        "a ReLU on the output scores": _forward(output="F.relu"),
        "softmax on the output (cross-entropy wants raw scores)": _forward(output="(lambda s: s.softmax(dim=1))"),
        "forgets the bias of C1": _forward(bias1="None"),
        "flattens channels-last (row, column, channel) instead of (channel, row, column)":
            _forward(flatten=".permute(0, 2, 3, 1).flatten(1)"),
        "no ReLU after F6": _forward(act3=""),
        "tanh instead of ReLU": _forward(act1="torch.tanh", act2="torch.tanh", act3="torch.tanh"),
        "forgets to transpose the linear weights": """
def lenet5_forward(images, parameters):
    p = parameters
    hidden = conv.max_pool2d(F.relu(conv.conv2d(images, p["conv1.weight"], p["conv1.bias"], padding=2)), 2)
    hidden = conv.max_pool2d(F.relu(conv.conv2d(hidden, p["conv2.weight"], p["conv2.bias"])), 2).flatten(1)
    hidden = F.relu(hidden @ p["fc1.weight"] + p["fc1.bias"])
    hidden = F.relu(hidden @ p["fc2.weight"] + p["fc2.bias"])
    return hidden @ p["fc3.weight"] + p["fc3.bias"]
""",
        "returns float32 scores for float64 images": """
def lenet5_forward(images, parameters):
    p = {name: value.float() for name, value in parameters.items()}
    hidden = conv.max_pool2d(F.relu(conv.conv2d(images.float(), p["conv1.weight"], p["conv1.bias"], padding=2)), 2)
    hidden = conv.max_pool2d(F.relu(conv.conv2d(hidden, p["conv2.weight"], p["conv2.bias"])), 2).flatten(1)
    hidden = F.relu(hidden @ p["fc1.weight"].T + p["fc1.bias"])
    hidden = F.relu(hidden @ p["fc2.weight"].T + p["fc2.bias"])
    return hidden @ p["fc3.weight"].T + p["fc3.bias"]
""",
    },
    "shift_images": {
        "torch.roll: pixels wrap around instead of falling off": """
def shift_images(images, shifts):
    return torch.stack([torch.roll(image, (int(d), int(r)), dims=(-2, -1)) for image, (d, r) in zip(images, shifts)])
""",
        "moves the other way (up for a positive shift)": """
def shift_images(images, shifts):
    return _family_reference_shift(images, -shifts)

def _family_reference_shift(images, shifts):
    out = torch.zeros_like(images)
    h, w = images.shape[-2:]
    for i, (d, r) in enumerate(shifts.tolist()):
        out[i, :, max(d, 0):h + min(d, 0), max(r, 0):w + min(r, 0)] = images[i, :, max(-d, 0):h - max(d, 0),
                                                                              max(-r, 0):w - max(r, 0)]
    return out
""",
        "applies the vertical shift to the columns and the horizontal one to the rows": """
def shift_images(images, shifts):
    out = torch.zeros_like(images)
    h, w = images.shape[-2:]
    for i, (r, d) in enumerate(shifts.tolist()):
        out[i, :, max(d, 0):h + min(d, 0), max(r, 0):w + min(r, 0)] = images[i, :, max(-d, 0):h - max(d, 0),
                                                                              max(-r, 0):w - max(r, 0)]
    return out
""",
        "one shift (the first) for the whole batch": """
def shift_images(images, shifts):
    out = torch.zeros_like(images)
    h, w = images.shape[-2:]
    d, r = shifts[0].tolist()
    out[:, :, max(d, 0):h + min(d, 0), max(r, 0):w + min(r, 0)] = images[:, :, max(-d, 0):h - max(d, 0),
                                                                          max(-r, 0):w - max(r, 0)]
    return out
""",
        "fills with the nearest edge pixel (replicate) instead of zeros": """
def shift_images(images, shifts):
    pad = int(shifts.abs().max())
    padded = F.pad(images, (pad, pad, pad, pad), mode="replicate")
    h, w = images.shape[-2:]
    return torch.stack([padded[i, :, pad - d : pad - d + h, pad - r : pad - r + w]
                        for i, (d, r) in enumerate(shifts.tolist())])
""",
        "shifts the caller's images in place": """
def shift_images(images, shifts):
    h, w = images.shape[-2:]
    for i, (d, r) in enumerate(shifts.tolist()):
        moved = torch.zeros_like(images[i])
        moved[:, max(d, 0):h + min(d, 0), max(r, 0):w + min(r, 0)] = images[i, :, max(-d, 0):h - max(d, 0),
                                                                             max(-r, 0):w - max(r, 0)]
        images[i] = moved
    return images
""",
        "returns float64 for float32 images": """
def shift_images(images, shifts):
    out = torch.zeros(images.shape, dtype=torch.float64)
    h, w = images.shape[-2:]
    for i, (d, r) in enumerate(shifts.tolist()):
        out[i, :, max(d, 0):h + min(d, 0), max(r, 0):w + min(r, 0)] = images[i, :, max(-d, 0):h - max(d, 0),
                                                                              max(-r, 0):w - max(r, 0)].double()
    return out
""",
        "off by one: pads by the largest shift but reads one row too far": """
def shift_images(images, shifts):
    batch, channels, height, width = images.shape
    pad = int(shifts.abs().max()) + 1
    padded = F.pad(images, (pad, pad, pad, pad))
    rows = torch.arange(height) - shifts[:, 0:1] + pad - 1
    columns = torch.arange(width) - shifts[:, 1:2] + pad
    return padded[torch.arange(batch)[:, None, None, None], torch.arange(channels)[None, :, None, None],
                  rows[:, None, :, None], columns[:, None, None, :]]
""",
    },
}
