"""Typical wrong answers for 4_cnn_rnn/04_residual_networks. Each must be rejected by its check cell."""

MISTAKES = {
    "shortcut": {
        "a projection only when the channels change (not for stride 2)": """
def shortcut(in_channels, out_channels, stride):
    if in_channels == out_channels:
        return nn.Identity()
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                         nn.BatchNorm2d(out_channels))
""",
        "a projection only when the stride changes (not for more channels)": """
def shortcut(in_channels, out_channels, stride):
    if stride == 1:
        return nn.Identity()
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                         nn.BatchNorm2d(out_channels))
""",
        "always the identity": """
def shortcut(in_channels, out_channels, stride):
    return nn.Identity()
""",
        "always a projection": """
def shortcut(in_channels, out_channels, stride):
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                         nn.BatchNorm2d(out_channels))
""",
        "forgets the stride in the projection": """
def shortcut(in_channels, out_channels, stride):
    if stride == 1 and in_channels == out_channels:
        return nn.Identity()
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels))
""",
        "no batch norm in the projection": """
def shortcut(in_channels, out_channels, stride):
    if stride == 1 and in_channels == out_channels:
        return nn.Identity()
    return nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)
""",
        "a 3x3 projection": """
def shortcut(in_channels, out_channels, stride):
    if stride == 1 and in_channels == out_channels:
        return nn.Identity()
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False),
                         nn.BatchNorm2d(out_channels))
""",
        "a bias in the projection": """
def shortcut(in_channels, out_channels, stride):
    if stride == 1 and in_channels == out_channels:
        return nn.Identity()
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride), nn.BatchNorm2d(out_channels))
""",
        "average pooling instead of a projection (the channels still differ)": """
def shortcut(in_channels, out_channels, stride):
    if stride == 1 and in_channels == out_channels:
        return nn.Identity()
    return nn.AvgPool2d(stride) if stride > 1 else nn.Identity()
""",
        "batch norm over the input channels": """
def shortcut(in_channels, out_channels, stride):
    if stride == 1 and in_channels == out_channels:
        return nn.Identity()
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.Conv2d(in_channels, out_channels, 1, stride=stride,
                                                                bias=False))
""",
    },
    "residual_forward": {
        "adds the shortcut after the last ReLU": """
def residual_forward(block, inputs):
    outputs = F.relu(block.bn1(block.conv1(inputs)))
    outputs = F.relu(block.bn2(block.conv2(outputs)))
    if block.shortcut is not None:
        outputs = outputs + block.shortcut(inputs)
    return outputs
""",
        "adds the input instead of the shortcut (ignores the projection)": """
def residual_forward(block, inputs):
    outputs = F.relu(block.bn1(block.conv1(inputs)))
    outputs = block.bn2(block.conv2(outputs))
    if block.shortcut is not None:
        outputs = outputs + inputs
    return F.relu(outputs)
""",
        "treats a plain block as if it had an identity shortcut": """
def residual_forward(block, inputs):
    outputs = F.relu(block.bn1(block.conv1(inputs)))
    outputs = block.bn2(block.conv2(outputs))
    outputs = outputs + (inputs if block.shortcut is None else block.shortcut(inputs))
    return F.relu(outputs)
""",
        "always calls the shortcut (fails on plain blocks)": """
def residual_forward(block, inputs):
    outputs = F.relu(block.bn1(block.conv1(inputs)))
    outputs = block.bn2(block.conv2(outputs))
    return F.relu(outputs + block.shortcut(inputs))
""",
        "no ReLU at the end": """
def residual_forward(block, inputs):
    outputs = F.relu(block.bn1(block.conv1(inputs)))
    outputs = block.bn2(block.conv2(outputs))
    if block.shortcut is not None:
        outputs = outputs + block.shortcut(inputs)
    return outputs
""",
        "forgets the second batch norm": """
def residual_forward(block, inputs):
    outputs = F.relu(block.bn1(block.conv1(inputs)))
    outputs = block.conv2(outputs)
    if block.shortcut is not None:
        outputs = outputs + block.shortcut(inputs)
    return F.relu(outputs)
""",
        "no ReLU between the two convolutions": """
def residual_forward(block, inputs):
    outputs = block.bn1(block.conv1(inputs))
    outputs = block.bn2(block.conv2(outputs))
    if block.shortcut is not None:
        outputs = outputs + block.shortcut(inputs)
    return F.relu(outputs)
""",
        "the shortcut of the intermediate activations instead of the input": """
def residual_forward(block, inputs):
    hidden = F.relu(block.bn1(block.conv1(inputs)))
    outputs = block.bn2(block.conv2(hidden))
    if block.shortcut is not None:
        outputs = outputs + block.shortcut(hidden)
    return F.relu(outputs)
""",
        "ReLU on the shortcut before adding": """
def residual_forward(block, inputs):
    outputs = F.relu(block.bn1(block.conv1(inputs)))
    outputs = block.bn2(block.conv2(outputs))
    if block.shortcut is not None:
        outputs = outputs + F.relu(block.shortcut(inputs))
    return F.relu(outputs)
""",
        "applies a ReLU to the caller's inputs in place": """
def residual_forward(block, inputs):
    outputs = F.relu(block.bn1(block.conv1(inputs)))
    outputs = block.bn2(block.conv2(outputs))
    if block.shortcut is not None:
        outputs = outputs + block.shortcut(inputs)
    inputs.relu_()
    return F.relu(outputs)
""",
        "batch norm in evaluation mode always (F.batch_norm with training=False)": """
def residual_forward(block, inputs):
    def norm(layer, x):
        return F.batch_norm(x, layer.running_mean, layer.running_var, layer.weight, layer.bias, training=False)
    outputs = F.relu(norm(block.bn1, block.conv1(inputs)))
    outputs = norm(block.bn2, block.conv2(outputs))
    if block.shortcut is not None:
        outputs = outputs + block.shortcut(inputs)
    return F.relu(outputs)
""",
    },
    "gradient_norms": {
        "forgets model.train() (batch norm in evaluation mode)": """
def gradient_norms(model, images, labels):
    model.zero_grad()
    F.cross_entropy(model(images), labels).backward()
    return {name: module.weight.grad.norm().item()
            for name, module in model.named_modules() if isinstance(module, nn.Conv2d)}
""",
        "forgets to zero the old gradients": """
def gradient_norms(model, images, labels):
    model.train()
    F.cross_entropy(model(images), labels).backward()
    return {name: module.weight.grad.norm().item()
            for name, module in model.named_modules() if isinstance(module, nn.Conv2d)}
""",
        "the summed loss instead of the mean": """
def gradient_norms(model, images, labels):
    model.train()
    model.zero_grad()
    F.cross_entropy(model(images), labels, reduction="sum").backward()
    return {name: module.weight.grad.norm().item()
            for name, module in model.named_modules() if isinstance(module, nn.Conv2d)}
""",
        "squared norms": """
def gradient_norms(model, images, labels):
    model.train()
    model.zero_grad()
    F.cross_entropy(model(images), labels).backward()
    return {name: (module.weight.grad ** 2).sum().item()
            for name, module in model.named_modules() if isinstance(module, nn.Conv2d)}
""",
        "the norm of the weights, not of their gradients": """
def gradient_norms(model, images, labels):
    model.train()
    model.zero_grad()
    F.cross_entropy(model(images), labels).backward()
    return {name: module.weight.norm().item()
            for name, module in model.named_modules() if isinstance(module, nn.Conv2d)}
""",
        "every parameter, not only the convolutions": """
def gradient_norms(model, images, labels):
    model.train()
    model.zero_grad()
    F.cross_entropy(model(images), labels).backward()
    return {name: parameter.grad.norm().item() for name, parameter in model.named_parameters()}
""",
        "takes an optimiser step (the weights change)": """
def gradient_norms(model, images, labels):
    model.train()
    model.zero_grad()
    F.cross_entropy(model(images), labels).backward()
    norms = {name: module.weight.grad.norm().item()
             for name, module in model.named_modules() if isinstance(module, nn.Conv2d)}
    torch.optim.SGD(model.parameters(), lr=0.1).step()
    return norms
""",
        "returns tensors instead of floats": """
def gradient_norms(model, images, labels):
    model.train()
    model.zero_grad()
    F.cross_entropy(model(images), labels).backward()
    return {name: module.weight.grad.norm()
            for name, module in model.named_modules() if isinstance(module, nn.Conv2d)}
""",
        "the mean absolute gradient instead of the norm": """
def gradient_norms(model, images, labels):
    model.train()
    model.zero_grad()
    F.cross_entropy(model(images), labels).backward()
    return {name: module.weight.grad.abs().mean().item()
            for name, module in model.named_modules() if isinstance(module, nn.Conv2d)}
""",
        "a list of norms instead of a dict": """
def gradient_norms(model, images, labels):
    model.train()
    model.zero_grad()
    F.cross_entropy(model(images), labels).backward()
    return [module.weight.grad.norm().item() for module in model.modules() if isinstance(module, nn.Conv2d)]
""",
    },
}
