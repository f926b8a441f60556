"""Typical wrong answers for 6_llms/10_clip. Each must be rejected by its check cell."""


def _info_nce(*lines: str) -> str:
    body = "\n".join(f"    {line}" for line in lines)
    return f"""
def info_nce(queries, keys, log_scale):
{body}
"""


_NORMALISE = [
    "queries = queries / queries.norm(dim=-1, keepdim=True)",
    "keys = keys / keys.norm(dim=-1, keepdim=True)",
]
_DIAGONAL = "positives = logits[torch.arange(len(queries)), torch.arange(len(queries))]"
_STABLE = "return (torch.logsumexp(logits, dim=-1) - positives).mean()"

_ZERO_SHOT = """
def zero_shot_predict(image_embeddings, prompt_embeddings):
    prompts = {prompts}
    classes = prompts.mean(dim=1)
    classes = {classes}
    images = image_embeddings / image_embeddings.norm(dim=-1, keepdim=True)
    return {result}
"""


def _zero_shot(
    prompts: str = "prompt_embeddings / prompt_embeddings.norm(dim=-1, keepdim=True)",
    classes: str = "classes / classes.norm(dim=-1, keepdim=True)",
    result: str = "(images @ classes.T).argmax(dim=1)",
) -> str:
    return _ZERO_SHOT.format(prompts=prompts, classes=classes, result=result)


MISTAKES = {
    "info_nce": {
        "does not normalise (dot products, not cosines)": _info_nce(
            "logits = log_scale.exp() * queries @ keys.T", _DIAGONAL, _STABLE
        ),
        "normalises along the wrong axis": _info_nce(
            "queries = queries / queries.norm(dim=0, keepdim=True)",
            "keys = keys / keys.norm(dim=0, keepdim=True)",
            "logits = log_scale.exp() * queries @ keys.T",
            _DIAGONAL,
            _STABLE,
        ),
        "uses log_scale itself as the scale": _info_nce(
            *_NORMALISE, "logits = log_scale * queries @ keys.T", _DIAGONAL, _STABLE
        ),
        "divides by the scale (temperature and scale confused)": _info_nce(
            *_NORMALISE, "logits = queries @ keys.T / log_scale.exp()", _DIAGONAL, _STABLE
        ),
        "naive softmax: overflows for large logits": _info_nce(
            *_NORMALISE,
            "logits = log_scale.exp() * queries @ keys.T",
            _DIAGONAL,
            "return -(positives.exp() / logits.exp().sum(dim=-1)).log().mean()",
        ),
        "detaches the temperature (a Python float)": _info_nce(
            *_NORMALISE, "logits = math.exp(log_scale.item()) * queries @ keys.T", _DIAGONAL, _STABLE
        ),
        "sums over the queries instead of averaging": _info_nce(
            *_NORMALISE,
            "logits = log_scale.exp() * queries @ keys.T",
            _DIAGONAL,
            "return (torch.logsumexp(logits, dim=-1) - positives).sum()",
        ),
        "drops the extra negatives (only the first N keys)": _info_nce(
            *_NORMALISE,
            "logits = log_scale.exp() * queries @ keys[: len(queries)].T",
            _DIAGONAL,
            _STABLE,
        ),
        "normalises over the queries (log-sum-exp down the columns)": _info_nce(
            *_NORMALISE,
            "logits = log_scale.exp() * queries @ keys.T",
            _DIAGONAL,
            "return (torch.logsumexp(logits, dim=0)[: len(queries)] - positives).mean()",
        ),
        "returns a Python float": _info_nce(
            *_NORMALISE,
            "logits = log_scale.exp() * queries @ keys.T",
            _DIAGONAL,
            _STABLE.replace(".mean()", ".mean().item()"),
        ),
    },
    "clip_loss": {
        "only the image -> text direction": """
def clip_loss(image_embeddings, text_embeddings, log_scale):
    return info_nce(image_embeddings, text_embeddings, log_scale)
""",
        "sums the two directions": """
def clip_loss(image_embeddings, text_embeddings, log_scale):
    image_to_text = info_nce(image_embeddings, text_embeddings, log_scale)
    return image_to_text + info_nce(text_embeddings, image_embeddings, log_scale)
""",
        "the same direction twice": """
def clip_loss(image_embeddings, text_embeddings, log_scale):
    image_to_text = info_nce(image_embeddings, text_embeddings, log_scale)
    return (image_to_text + info_nce(image_embeddings, text_embeddings, log_scale)) / 2
""",
        "forgets to normalise, both directions": """
def clip_loss(image_embeddings, text_embeddings, log_scale):
    logits = log_scale.exp() * image_embeddings @ text_embeddings.T
    labels = torch.arange(len(logits))
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
""",
        "a fixed temperature of 0.07 instead of the learned one": """
def clip_loss(image_embeddings, text_embeddings, log_scale):
    fixed = torch.tensor(math.log(1 / 0.07))
    return (info_nce(image_embeddings, text_embeddings, fixed) + info_nce(text_embeddings, image_embeddings, fixed)) / 2
""",
        "naive softmax: overflows for large logits": """
def clip_loss(image_embeddings, text_embeddings, log_scale):
    logits = log_scale.exp() * F.normalize(image_embeddings, dim=-1) @ F.normalize(text_embeddings, dim=-1).T
    rows = (logits.exp() / logits.exp().sum(dim=1, keepdim=True)).diagonal()
    columns = (logits.exp() / logits.exp().sum(dim=0, keepdim=True)).diagonal()
    return -(rows.log().mean() + columns.log().mean()) / 2
""",
        "detaches the temperature in the text -> image direction": """
def clip_loss(image_embeddings, text_embeddings, log_scale):
    image_to_text = info_nce(image_embeddings, text_embeddings, log_scale)
    text_to_image = info_nce(text_embeddings, image_embeddings, log_scale.detach())
    return (image_to_text + text_to_image) / 2
""",
    },
    "zero_shot_predict": {
        "averages the prompts before normalising them": _zero_shot(prompts="prompt_embeddings"),
        "does not normalise the class means": _zero_shot(classes="classes"),
        "uses only the first template": _zero_shot(
            prompts="prompt_embeddings[:, :1] / prompt_embeddings[:, :1].norm(dim=-1, keepdim=True)"
        ),
        "argmax over the wrong axis": _zero_shot(result="(images @ classes.T).argmax(dim=0)"),
        "returns the similarities, not the classes": _zero_shot(result="images @ classes.T"),
        "returns the classes as floats": _zero_shot(result="(images @ classes.T).argmax(dim=1).float()"),
        "the class with the lowest similarity (distances and similarities confused)": _zero_shot(
            result="(images @ classes.T).argmin(dim=1)"
        ),
    },
}

FAMILY_EXEMPTIONS = {
    "clip_loss": {
        "swaps `image_embeddings` and `text_embeddings`": "CLIP's loss is symmetric: it averages both "
        "directions, so swapping images and texts gives the same loss",
    },
}
