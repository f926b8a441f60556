"""Typical wrong answers for 4_cnn_rnn/03_cnn_fashion_mnist. Each must be rejected by its check cell."""

_BATCH_NORM_HEAD = """
def batch_norm(inputs, weight, bias, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    axes = [0, *range(2, inputs.ndim)]
    shape = [1, -1] + [1] * (inputs.ndim - 2)
"""

MISTAKES = {
    "batch_norm": {
        "normalises with the unbiased variance": _BATCH_NORM_HEAD + """
    if training:
        mean, variance = inputs.mean(dim=axes), torch.var(inputs, dim=axes, correction=1)
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * variance)
    else:
        mean, variance = running_mean, running_var
    return weight.reshape(shape) * (inputs - mean.reshape(shape)) / torch.sqrt(variance.reshape(shape) + eps) \\
        + bias.reshape(shape)
""",
        "keeps the biased variance in running_var": _BATCH_NORM_HEAD + """
    if training:
        mean, variance = inputs.mean(dim=axes), torch.var(inputs, dim=axes, correction=0)
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * variance)
    else:
        mean, variance = running_mean, running_var
    return weight.reshape(shape) * (inputs - mean.reshape(shape)) / torch.sqrt(variance.reshape(shape) + eps) \\
        + bias.reshape(shape)
""",
        "momentum the wrong way round (keeps momentum of the old value)": _BATCH_NORM_HEAD + """
    if training:
        mean, variance = inputs.mean(dim=axes), torch.var(inputs, dim=axes, correction=0)
        n = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            running_mean.mul_(momentum).add_((1 - momentum) * mean)
            running_var.mul_(momentum).add_((1 - momentum) * variance * n / (n - 1))
    else:
        mean, variance = running_mean, running_var
    return weight.reshape(shape) * (inputs - mean.reshape(shape)) / torch.sqrt(variance.reshape(shape) + eps) \\
        + bias.reshape(shape)
""",
        "uses the batch statistics in evaluation mode too": _BATCH_NORM_HEAD + """
    mean, variance = inputs.mean(dim=axes), torch.var(inputs, dim=axes, correction=0)
    if training:
        n = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * variance * n / (n - 1))
    return weight.reshape(shape) * (inputs - mean.reshape(shape)) / torch.sqrt(variance.reshape(shape) + eps) \\
        + bias.reshape(shape)
""",
        "uses the running statistics in training mode too": _BATCH_NORM_HEAD + """
    if training:
        mean, variance = inputs.mean(dim=axes), torch.var(inputs, dim=axes, correction=0)
        n = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * variance * n / (n - 1))
    return weight.reshape(shape) * (inputs - running_mean.reshape(shape)) / \\
        torch.sqrt(running_var.reshape(shape) + eps) + bias.reshape(shape)
""",
        "forgets to update the running statistics": _BATCH_NORM_HEAD + """
    if training:
        mean, variance = inputs.mean(dim=axes), torch.var(inputs, dim=axes, correction=0)
    else:
        mean, variance = running_mean, running_var
    return weight.reshape(shape) * (inputs - mean.reshape(shape)) / torch.sqrt(variance.reshape(shape) + eps) \\
        + bias.reshape(shape)
""",
        "assigns new running statistics to the local names (the caller's buffers never change)": _BATCH_NORM_HEAD
        + """
    if training:
        mean, variance = inputs.mean(dim=axes), torch.var(inputs, dim=axes, correction=0)
        n = inputs.numel() // inputs.shape[1]
        running_mean = (1 - momentum) * running_mean + momentum * mean
        running_var = (1 - momentum) * running_var + momentum * variance * n / (n - 1)
    else:
        mean, variance = running_mean, running_var
    return weight.reshape(shape) * (inputs - mean.reshape(shape)) / torch.sqrt(variance.reshape(shape) + eps) \\
        + bias.reshape(shape)
""",
        "statistics over the whole batch, not per channel": _BATCH_NORM_HEAD + """
    if training:
        mean, variance = inputs.mean(), torch.var(inputs, correction=0)
        n = inputs.numel()
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * variance * n / (n - 1))
        return weight.reshape(shape) * (inputs - mean) / torch.sqrt(variance + eps) + bias.reshape(shape)
    return weight.reshape(shape) * (inputs - running_mean.reshape(shape)) / \\
        torch.sqrt(running_var.reshape(shape) + eps) + bias.reshape(shape)
""",
        "statistics over the batch axis only (per channel and position)": _BATCH_NORM_HEAD + """
    if training:
        mean, variance = inputs.mean(dim=0, keepdim=True), torch.var(inputs, dim=0, correction=0, keepdim=True)
        n = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean.mean(dim=axes))
            running_var.mul_(1 - momentum).add_(momentum * variance.mean(dim=axes) * n / (n - 1))
        return weight.reshape(shape) * (inputs - mean) / torch.sqrt(variance + eps) + bias.reshape(shape)
    return weight.reshape(shape) * (inputs - running_mean.reshape(shape)) / \\
        torch.sqrt(running_var.reshape(shape) + eps) + bias.reshape(shape)
""",
        "adds eps outside the square root": _BATCH_NORM_HEAD + """
    if training:
        mean, variance = inputs.mean(dim=axes), torch.var(inputs, dim=axes, correction=0)
        n = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * variance * n / (n - 1))
    else:
        mean, variance = running_mean, running_var
    return weight.reshape(shape) * (inputs - mean.reshape(shape)) / (torch.sqrt(variance.reshape(shape)) + eps) \\
        + bias.reshape(shape)
""",
        "the variance as E[x²] − E[x]² (cancels in float32 far from zero)": _BATCH_NORM_HEAD + """
    if training:
        mean = inputs.mean(dim=axes)
        variance = (inputs * inputs).mean(dim=axes) - mean * mean
        n = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * variance * n / (n - 1))
    else:
        mean, variance = running_mean, running_var
    return weight.reshape(shape) * (inputs - mean.reshape(shape)) / torch.sqrt(variance.reshape(shape) + eps) \\
        + bias.reshape(shape)
""",
        "swaps the scale and the shift": _BATCH_NORM_HEAD + """
    if training:
        mean, variance = inputs.mean(dim=axes), torch.var(inputs, dim=axes, correction=0)
        n = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * variance * n / (n - 1))
    else:
        mean, variance = running_mean, running_var
    return bias.reshape(shape) * (inputs - mean.reshape(shape)) / torch.sqrt(variance.reshape(shape) + eps) \\
        + weight.reshape(shape)
""",
        "only handles 4-D inputs": """
def batch_norm(inputs, weight, bias, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    if training:
        mean, variance = inputs.mean(dim=(0, 2, 3)), torch.var(inputs, dim=(0, 2, 3), correction=0)
        n = inputs.numel() // inputs.shape[1]
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * variance * n / (n - 1))
    else:
        mean, variance = running_mean, running_var
    return weight[:, None, None] * (inputs - mean[:, None, None]) / torch.sqrt(variance[:, None, None] + eps) \\
        + bias[:, None, None]
""",
    },
    "conv_block": {
        "no padding (the block shrinks the image)": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 3, bias=not batch_norm), nn.MaxPool2d(2)]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return nn.Sequential(*layers, nn.ReLU())
""",
        "the textbook order: batch norm and ReLU before the pooling": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=not batch_norm)]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return nn.Sequential(*layers, nn.ReLU(), nn.MaxPool2d(2))
""",
        "pooling between batch norm and ReLU": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=not batch_norm)]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return nn.Sequential(*layers, nn.MaxPool2d(2), nn.ReLU())
""",
        "ReLU before batch norm": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=not batch_norm), nn.MaxPool2d(2), nn.ReLU()]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return nn.Sequential(*layers)
""",
        "keeps the convolution's bias under batch norm": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 3, padding=1), nn.MaxPool2d(2)]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return nn.Sequential(*layers, nn.ReLU())
""",
        "drops the bias even without batch norm": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False), nn.MaxPool2d(2)]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return nn.Sequential(*layers, nn.ReLU())
""",
        "average pooling instead of max pooling": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=not batch_norm), nn.AvgPool2d(2)]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return nn.Sequential(*layers, nn.ReLU())
""",
        "forgets the ReLU": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=not batch_norm), nn.MaxPool2d(2)]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return nn.Sequential(*layers)
""",
        "a stride-2 convolution instead of the pooling": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 3, stride=2, padding=1, bias=not batch_norm)]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return nn.Sequential(*layers, nn.ReLU())
""",
        "a 5x5 kernel": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 5, padding=2, bias=not batch_norm), nn.MaxPool2d(2)]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return nn.Sequential(*layers, nn.ReLU())
""",
        "always adds batch norm": """
def conv_block(in_channels, out_channels, batch_norm):
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False), nn.MaxPool2d(2),
                         nn.BatchNorm2d(out_channels), nn.ReLU())
""",
        "returns a list of layers": """
def conv_block(in_channels, out_channels, batch_norm):
    layers = [nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=not batch_norm), nn.MaxPool2d(2)]
    layers += [nn.BatchNorm2d(out_channels)] if batch_norm else []
    return layers + [nn.ReLU()]
""",
    },
    "random_crop": {
        "one offset for the whole batch": """
def random_crop(images, padding, generator):
    height, width = images.shape[-2:]
    padded = F.pad(images, (padding,) * 4)
    top, left = torch.randint(0, 2 * padding + 1, (2,), generator=generator).tolist()
    return padded[:, :, top:top + height, left:left + width]
""",
        "the same offset for rows and columns": """
def random_crop(images, padding, generator):
    height, width = images.shape[-2:]
    padded = F.pad(images, (padding,) * 4)
    offsets = torch.randint(0, 2 * padding + 1, (len(images),), generator=generator).tolist()
    return torch.stack([padded[i, :, o:o + height, o:o + width] for i, o in enumerate(offsets)])
""",
        "offsets only up to padding (never shifts the other way)": """
def random_crop(images, padding, generator):
    height, width = images.shape[-2:]
    padded = F.pad(images, (padding,) * 4)
    offsets = torch.randint(0, padding + 1, (len(images), 2), generator=generator).tolist()
    return torch.stack([padded[i, :, t:t + height, l:l + width] for i, (t, l) in enumerate(offsets)])
""",
        "uses the global random generator": """
def random_crop(images, padding, generator):
    height, width = images.shape[-2:]
    padded = F.pad(images, (padding,) * 4)
    offsets = torch.randint(0, 2 * padding + 1, (len(images), 2)).tolist()
    return torch.stack([padded[i, :, t:t + height, l:l + width] for i, (t, l) in enumerate(offsets)])
""",
        "returns the padded images (the size changes)": """
def random_crop(images, padding, generator):
    return F.pad(images, (padding,) * 4)
""",
        "crops a smaller window from the unpadded image": """
def random_crop(images, padding, generator):
    height, width = images.shape[-2:]
    offsets = torch.randint(0, 2 * padding + 1, (len(images), 2), generator=generator).tolist()
    return torch.stack([images[i, :, t:t + height - 2 * padding, l:l + width - 2 * padding]
                        for i, (t, l) in enumerate(offsets)])
""",
        "pads by reflection instead of zeros": """
def random_crop(images, padding, generator):
    height, width = images.shape[-2:]
    padded = F.pad(images, (padding,) * 4, mode="reflect") if padding else images
    offsets = torch.randint(0, 2 * padding + 1, (len(images), 2), generator=generator).tolist()
    return torch.stack([padded[i, :, t:t + height, l:l + width] for i, (t, l) in enumerate(offsets)])
""",
        "height and width swapped in the window": """
def random_crop(images, padding, generator):
    height, width = images.shape[-2:]
    padded = F.pad(images, (padding,) * 4)
    offsets = torch.randint(0, 2 * padding + 1, (len(images), 2), generator=generator).tolist()
    return torch.stack([padded[i, :, t:t + width, l:l + height] for i, (t, l) in enumerate(offsets)])
""",
        "an offset per channel instead of per image": """
def random_crop(images, padding, generator):
    count, channels, height, width = images.shape
    padded = F.pad(images, (padding,) * 4)
    offsets = torch.randint(0, 2 * padding + 1, (count, channels, 2), generator=generator).tolist()
    return torch.stack([torch.stack([padded[i, c, t:t + height, l:l + width] for c, (t, l) in enumerate(row)])
                        for i, row in enumerate(offsets)])
""",
        "pads the input in place": """
def random_crop(images, padding, generator):
    height, width = images.shape[-2:]
    padded = F.pad(images, (padding,) * 4)
    offsets = torch.randint(0, 2 * padding + 1, (len(images), 2), generator=generator).tolist()
    result = torch.stack([padded[i, :, t:t + height, l:l + width] for i, (t, l) in enumerate(offsets)])
    images.copy_(result)
    return images
""",
    },
    "random_horizontal_flip": {
        "flips upside down (the height axis)": """
def random_horizontal_flip(images, probability, generator):
    flip = torch.rand(len(images), generator=generator) < probability
    return torch.where(flip[:, None, None, None], images.flip(-2), images)
""",
        "flips with probability 1 - p": """
def random_horizontal_flip(images, probability, generator):
    flip = torch.rand(len(images), generator=generator) > probability
    return torch.where(flip[:, None, None, None], images.flip(-1), images)
""",
        "one decision for the whole batch": """
def random_horizontal_flip(images, probability, generator):
    if torch.rand(1, generator=generator).item() < probability:
        return images.flip(-1)
    return images.clone()
""",
        "uses the global random generator": """
def random_horizontal_flip(images, probability, generator):
    flip = torch.rand(len(images)) < probability
    return torch.where(flip[:, None, None, None], images.flip(-1), images)
""",
        "reverses the channels": """
def random_horizontal_flip(images, probability, generator):
    flip = torch.rand(len(images), generator=generator) < probability
    return torch.where(flip[:, None, None, None], images.flip(1), images)
""",
        "flips every image": """
def random_horizontal_flip(images, probability, generator):
    return images.flip(-1)
""",
        "mirrors the images in place": """
def random_horizontal_flip(images, probability, generator):
    flip = torch.rand(len(images), generator=generator) < probability
    images[flip] = images[flip].flip(-1)
    return images
""",
        "transposes instead of mirroring": """
def random_horizontal_flip(images, probability, generator):
    flip = torch.rand(len(images), generator=generator) < probability
    if images.shape[-1] != images.shape[-2]:
        return images.clone()
    return torch.where(flip[:, None, None, None], images.transpose(-1, -2), images)
""",
    },
    "freeze_and_replace_head": {
        "model.features[-num_trainable_blocks:] (with 0 it unfreezes everything)": """
def freeze_and_replace_head(model, num_classes, num_trainable_blocks):
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    for parameter in model.features[-num_trainable_blocks:].parameters():
        parameter.requires_grad_(True)
    model.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))
    return model
""",
        "leaves the head with 1000 outputs": """
def freeze_and_replace_head(model, num_classes, num_trainable_blocks):
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    for parameter in model.features[len(model.features) - num_trainable_blocks:].parameters():
        parameter.requires_grad_(True)
    for parameter in model.classifier.parameters():
        parameter.requires_grad_(True)
    return model
""",
        "freezes nothing": """
def freeze_and_replace_head(model, num_classes, num_trainable_blocks):
    model.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))
    return model
""",
        "unfreezes the first blocks instead of the last": """
def freeze_and_replace_head(model, num_classes, num_trainable_blocks):
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    for parameter in model.features[:num_trainable_blocks].parameters():
        parameter.requires_grad_(True)
    model.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))
    return model
""",
        "freezes after replacing the head (the new head is frozen too)": """
def freeze_and_replace_head(model, num_classes, num_trainable_blocks):
    model.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    for parameter in model.features[len(model.features) - num_trainable_blocks:].parameters():
        parameter.requires_grad_(True)
    return model
""",
        "'freezes' with eval mode only": """
def freeze_and_replace_head(model, num_classes, num_trainable_blocks):
    model.features[:len(model.features) - num_trainable_blocks].eval()
    model.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))
    return model
""",
        "re-initialises the features": """
def freeze_and_replace_head(model, num_classes, num_trainable_blocks):
    for module in model.modules():
        if hasattr(module, "reset_parameters"):
            module.reset_parameters()
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    for parameter in model.features[len(model.features) - num_trainable_blocks:].parameters():
        parameter.requires_grad_(True)
    model.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))
    return model
""",
        "returns a new model instead of changing the given one": """
def freeze_and_replace_head(model, num_classes, num_trainable_blocks):
    model = copy.deepcopy(model)
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    for parameter in model.features[len(model.features) - num_trainable_blocks:].parameters():
        parameter.requires_grad_(True)
    model.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))
    return model
""",
        "unfreezes only the convolutions of the trainable blocks (their batch norms stay frozen)": """
def freeze_and_replace_head(model, num_classes, num_trainable_blocks):
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    for module in model.features[len(model.features) - num_trainable_blocks:].modules():
        if isinstance(module, nn.Conv2d):
            module.weight.requires_grad_(True)
    model.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, num_classes))
    return model
""",
        "a head without the classifier's Sequential wrapper, with the wrong input size": """
def freeze_and_replace_head(model, num_classes, num_trainable_blocks):
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    for parameter in model.features[len(model.features) - num_trainable_blocks:].parameters():
        parameter.requires_grad_(True)
    model.classifier = nn.Linear(1000, num_classes)
    return model
""",
    },
}
