"""Typical wrong answers for 2_pytorch/01_tensors. Each must be rejected by its check cell."""

MISTAKES = {
    "channels_last_to_first": {
        "reshape instead of permute: right shape, scrambled values": """
def channels_last_to_first(batch):
    num_images, height, width, channels = batch.shape
    return batch.reshape(num_images, channels, height, width)
""",
        "transpose(1, 3): height and width end up swapped": """
def channels_last_to_first(batch):
    return batch.transpose(1, 3)
""",
        "applies the inverse permutation (channels first -> last)": """
def channels_last_to_first(batch):
    return batch.permute(0, 2, 3, 1)
""",
        "moves the channel axis in front of the batch axis": """
def channels_last_to_first(batch):
    return batch.permute(3, 0, 1, 2)
""",
        "converts to float on the way (the values' type changes)": """
def channels_last_to_first(batch):
    return batch.permute(0, 3, 1, 2).float()
""",
    },
    "normalize_images": {
        "divides by 256 instead of 255": """
def normalize_images(images):
    return (images.float() / 256).unsqueeze(1)
""",
        "forgets the channel axis": """
def normalize_images(images):
    return images.float() / 255
""",
        "puts the channel axis last (channels-last layout)": """
def normalize_images(images):
    return (images.float() / 255).unsqueeze(-1)
""",
        "goes through NumPy and returns float64": """
def normalize_images(images):
    return torch.from_numpy(images.numpy() / 255.0).unsqueeze(1)
""",
        "integer division keeps uint8 (all zeros except full ink)": """
def normalize_images(images):
    return (images // 255).unsqueeze(1)
""",
        "divides by the batch's maximum instead of 255": """
def normalize_images(images):
    images = images.float()
    return (images / images.max()).unsqueeze(1)
""",
        "inserts the channel axis in front of the batch axis (unsqueeze(0))": """
def normalize_images(images):
    return (images.float() / 255).unsqueeze(0)
""",
    },
    "select_by_label": {
        "squeeze() drops the image axis when one image matches": """
def select_by_label(images, labels, digit):
    return images[labels == digit].squeeze()
""",
        "stacks a Python list, which fails when nothing matches": """
def select_by_label(images, labels, digit):
    return torch.stack([image for image, label in zip(images, labels) if label == digit])
""",
        "indexes with nonzero() positions, adding an axis": """
def select_by_label(images, labels, digit):
    return images[torch.nonzero(labels == digit)]
""",
        "indexes with nonzero().squeeze(): one match loses the image axis": """
def select_by_label(images, labels, digit):
    return images[torch.nonzero(labels == digit).squeeze()]
""",
        "uses the matching labels' values as positions": """
def select_by_label(images, labels, digit):
    return images[labels[labels == digit]]
""",
        "takes the first k images instead of the matching ones": """
def select_by_label(images, labels, digit):
    return images[: int((labels == digit).sum())]
""",
        "converts the images to float": """
def select_by_label(images, labels, digit):
    return images[labels == digit].float()
""",
    },
}
