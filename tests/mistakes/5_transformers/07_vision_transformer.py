"""Typical wrong answers for 5_transformers/07_vision_transformer. Each must be rejected by its check."""


def _patchify(permutation: str, grid: str = "rows, columns = height // patch_size, width // patch_size") -> str:
    return f"""
def patchify(images, patch_size):
    batch, channels, height, width = images.shape
    {grid}
    grid = images.reshape(batch, channels, rows, patch_size, columns, patch_size)
    grid = grid.permute({permutation})
    return grid.reshape(batch, rows * columns, channels * patch_size * patch_size)
"""


def _vit(body: str) -> str:
    return (
        """
def vit_forward(model, images):
    tokens = model.patch_embedding(patchify(images, model.patch_size))
    class_tokens = model.class_token.expand(len(images), -1, -1)
"""
        + body
    )


_BLOCKS = """    for block in model.blocks:
        tokens = block(tokens)
"""
_RIGHT_SEQUENCE = "    tokens = torch.cat([class_tokens, tokens], dim=1) + model.position_embeddings\n"


def _rollout(mixing: str, product: str = "mixing @ rollout", heads: str = "layer.mean(dim=1)") -> str:
    return f"""
def attention_rollout(attentions):
    num_tokens = attentions.shape[-1]
    identity = torch.eye(num_tokens, dtype=attentions.dtype)
    rollout = identity.expand(attentions.shape[1], num_tokens, num_tokens)
    for layer in attentions:
        averaged = {heads}
        mixing = {mixing}
        rollout = {product}
    return rollout
"""


_HALF = "0.5 * averaged + 0.5 * identity"

MISTAKES = {
    "patchify": {
        "a reshape without the permutation: each 'patch' is a run of consecutive pixels": """
def patchify(images, patch_size):
    batch, channels, height, width = images.shape
    return images.reshape(batch, (height // patch_size) * (width // patch_size), channels * patch_size**2)
""",
        "patches in column order (the grid transposed)": _patchify("0, 4, 2, 1, 3, 5"),
        "channels last inside a patch: (row, column, channel) order": _patchify("0, 2, 4, 3, 5, 1"),
        "rows and columns swapped inside each patch": _patchify("0, 2, 4, 1, 5, 3"),
        "the grid's size taken from the height twice (right only for square images)": _patchify(
            "0, 2, 4, 1, 3, 5", "rows = columns = height // patch_size"
        ),
        "rows of the grid from the width and columns from the height": _patchify(
            "0, 2, 4, 1, 3, 5", "rows, columns = width // patch_size, height // patch_size"
        ),
        "F.unfold without the transpose: (N, C * p * p, patches)": """
def patchify(images, patch_size):
    return F.unfold(images, kernel_size=patch_size, stride=patch_size)
""",
        "F.unfold with stride 1: overlapping windows, not patches": """
def patchify(images, patch_size):
    return F.unfold(images, kernel_size=patch_size).transpose(1, 2)
""",
        "always float32": """
def patchify(images, patch_size):
    return F.unfold(images.float(), kernel_size=patch_size, stride=patch_size).transpose(1, 2)
""",
        "returns a NumPy array": """
def patchify(images, patch_size):
    return F.unfold(images, kernel_size=patch_size, stride=patch_size).transpose(1, 2).numpy()
""",
    },
    "vit_forward": {
        "forgets the position embeddings": _vit(
            "    tokens = torch.cat([class_tokens, tokens], dim=1)\n"
            + _BLOCKS
            + "    return model.head(model.norm(tokens[:, 0]))\n"
        ),
        "adds positions to the patches only (the class token gets none)": _vit(
            "    tokens = torch.cat([class_tokens, tokens + model.position_embeddings[:, 1:]], dim=1)\n"
            + _BLOCKS
            + "    return model.head(model.norm(tokens[:, 0]))\n"
        ),
        "puts the class token after the patches and reads token 0": _vit(
            "    tokens = torch.cat([tokens, class_tokens], dim=1) + model.position_embeddings\n"
            + _BLOCKS
            + "    return model.head(model.norm(tokens[:, 0]))\n"
        ),
        "puts the class token last (with the first position's embedding on patch 0)": _vit(
            "    tokens = torch.cat([tokens, class_tokens], dim=1) + model.position_embeddings\n"
            + _BLOCKS
            + "    return model.head(model.norm(tokens[:, -1]))\n"
        ),
        "the head on the mean of all tokens (global average pooling) instead of the class token": _vit(
            _RIGHT_SEQUENCE + _BLOCKS + "    return model.head(model.norm(tokens).mean(dim=1))\n"
        ),
        "the head on the mean of the patch tokens": _vit(
            _RIGHT_SEQUENCE + _BLOCKS + "    return model.head(model.norm(tokens[:, 1:]).mean(dim=1))\n"
        ),
        "forgets the final layer norm": _vit(_RIGHT_SEQUENCE + _BLOCKS + "    return model.head(tokens[:, 0])\n"),
        "applies the final norm before the blocks": _vit(
            _RIGHT_SEQUENCE + "    tokens = model.norm(tokens)\n" + _BLOCKS + "    return model.head(tokens[:, 0])\n"
        ),
        "runs only the first block": _vit(
            _RIGHT_SEQUENCE
            + "    if len(model.blocks):\n        tokens = model.blocks[0](tokens)\n"
            + "    return model.head(model.norm(tokens[:, 0]))\n"
        ),
        "runs the blocks in reverse order": _vit(
            _RIGHT_SEQUENCE
            + "    for block in reversed(model.blocks):\n        tokens = block(tokens)\n"
            + "    return model.head(model.norm(tokens[:, 0]))\n"
        ),
        "does not expand the class token over the batch": """
def vit_forward(model, images):
    tokens = model.patch_embedding(patchify(images, model.patch_size))
    tokens = torch.cat([model.class_token, tokens], dim=1) + model.position_embeddings
    for block in model.blocks:
        tokens = block(tokens)
    return model.head(model.norm(tokens[:, 0]))
""",
        "patches of size 7 whatever the model's patch size": """
def vit_forward(model, images):
    tokens = model.patch_embedding(patchify(images, 7))
    class_tokens = model.class_token.expand(len(images), -1, -1)
    tokens = torch.cat([class_tokens, tokens], dim=1) + model.position_embeddings
    for block in model.blocks:
        tokens = block(tokens)
    return model.head(model.norm(tokens[:, 0]))
""",
        "adds the position embeddings in place to the model's class token": """
def vit_forward(model, images):
    tokens = model.patch_embedding(patchify(images, model.patch_size))
    with torch.no_grad():
        model.class_token += model.position_embeddings[:, :1]
    tokens = torch.cat([model.class_token.expand(len(images), -1, -1), tokens + model.position_embeddings[:, 1:]], 1)
    for block in model.blocks:
        tokens = block(tokens)
    return model.head(model.norm(tokens[:, 0]))
""",
    },
    "attention_rollout": {
        "multiplies in the wrong order (the first layer on the left)": _rollout(_HALF, product="rollout @ mixing"),
        "forgets the residual: a plain product of the attention matrices": _rollout("averaged"),
        "adds the identity without halving (rows sum to 2, then 4, ...)": _rollout("averaged + identity"),
        "takes the maximum over the heads instead of the mean": _rollout(_HALF, heads="layer.max(dim=1).values"),
        "sums the heads instead of averaging them": _rollout(
            "0.5 * averaged + 0.5 * identity", heads="layer.sum(dim=1)"
        ),
        "averages over the images (axis 0) instead of the heads": _rollout(
            _HALF, heads="layer.mean(dim=0).mean(dim=0)"
        ),
        "rolls out each head separately, then averages the heads": """
def attention_rollout(attentions):
    num_tokens = attentions.shape[-1]
    identity = torch.eye(num_tokens, dtype=attentions.dtype)
    rollout = identity.expand(*attentions.shape[1:3], num_tokens, num_tokens)
    for layer in attentions:
        rollout = (0.5 * layer + 0.5 * identity) @ rollout
    return rollout.mean(dim=1)
""",
        "uses only the last layer": """
def attention_rollout(attentions):
    identity = torch.eye(attentions.shape[-1], dtype=attentions.dtype)
    return 0.5 * attentions[-1].mean(dim=1) + 0.5 * identity
""",
        "always float64": """
def attention_rollout(attentions):
    attentions = attentions.double()
    identity = torch.eye(attentions.shape[-1], dtype=torch.float64)
    rollout = identity.expand(attentions.shape[1], *identity.shape)
    for layer in attentions:
        rollout = (0.5 * layer.mean(dim=1) + 0.5 * identity) @ rollout
    return rollout
""",
    },
}
