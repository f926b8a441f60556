"""Fine-tuning MiniLM for review sentiment: the recipe of ``6_llms/03`` and the model phase 7 serves.

``6_llms/03_fine_tuning_sentiment`` builds this recipe step by step (the learner writes the
learning-rate schedule and the training step); this module keeps the same recipe as tested code,
so that the fine-tuned classifier is an artefact (``utils.artifacts``) that any notebook can load
without depending on that notebook having run::

    from utils import sentiment

    tokenizer, model, metrics = sentiment.load_classifier()   # built once (about a minute on a CPU)
    probabilities = sentiment.predict_proba(tokenizer, model, ["A triumph.", "Dull and overlong."])

The model is the packaged MiniLM encoder (``models.load("all-minilm-l6-v2")``) with a linear head
on its mean-pooled token states (:class:`SentimentClassifier`); the tokenizer is the packaged one,
unchanged, so the artefact keeps only the weights, the settings and the held-out metrics.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from utils import artifacts, data, models
from utils.models.loaders import pool

__all__ = [
    "ARTIFACT",
    "MODEL",
    "SentimentClassifier",
    "collate",
    "embed",
    "epoch_batches",
    "evaluate",
    "fine_tune",
    "length_sorted_batches",
    "linear_warmup_schedule",
    "load_classifier",
    "make_optimizer",
    "mixed_precision_dtype",
    "predict_proba",
    "split_reviews",
    "tokenize",
    "train_step",
]

MODEL = "all-minilm-l6-v2"
ARTIFACT = "minilm-sentiment"
LABELS = ("rotten", "fresh")


class SentimentClassifier(nn.Module):
    """A BERT-style encoder, mean pooling over the real (unpadded) tokens, dropout and a linear head.

    ``forward(input_ids, attention_mask, labels=None)`` returns a dict with ``logits``
    (batch x num_labels) and, when ``labels`` are given, the mean cross-entropy ``loss``: the
    interface ``transformers.Trainer`` expects of a model.
    """

    def __init__(self, encoder: nn.Module, num_labels: int = 2, dropout: float = 0.1):
        super().__init__()
        if getattr(encoder, "pooler", None) is not None:
            encoder.pooler = None  # BERT's [CLS] pooler: unused here, so it would only hold gradients of None
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(encoder.config.hidden_size, num_labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, labels: torch.Tensor | None = None):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        pooled = pool(hidden, attention_mask, "mean")
        logits = self.head(self.dropout(pooled)).float()
        output = {"logits": logits}
        if labels is not None:
            output["loss"] = F.cross_entropy(logits, labels)
        return output


def split_reviews(frame, test_size: int, seed: int = 0):
    """(train, test) DataFrames: a seeded random permutation, the last ``test_size`` rows held out."""
    if not 0 < test_size < len(frame):
        raise ValueError(f"test_size must be between 1 and {len(frame) - 1}, got {test_size}")
    order = np.random.default_rng(seed).permutation(len(frame))
    shuffled = frame.iloc[order].reset_index(drop=True)
    return shuffled.iloc[:-test_size].reset_index(drop=True), shuffled.iloc[-test_size:].reset_index(drop=True)


def tokenize(tokenizer, texts, max_length: int) -> list[list[int]]:
    """Token ids of each text (with [CLS] and [SEP]), truncated to ``max_length``, not padded."""
    return tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]


def length_sorted_batches(lengths, batch_size: int, seed: int = 0) -> list[np.ndarray]:
    """Indices grouped into batches of similar length, the batches in a seeded random order.

    Sorting by length before cutting batches means dynamic padding adds almost nothing; shuffling
    the order of the batches keeps the training order random. Ties are broken by a seeded shuffle.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    rng = np.random.default_rng(seed)
    lengths = np.asarray(lengths)
    tie_break = rng.permutation(len(lengths))
    order = tie_break[np.argsort(lengths[tie_break], kind="stable")]
    batches = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
    return [batches[index] for index in rng.permutation(len(batches))]


def collate(token_ids, labels=None, pad_id: int = 0) -> dict[str, torch.Tensor]:
    """Pad a list of token-id lists to the longest one: ``input_ids``, ``attention_mask`` (and ``labels``)."""
    longest = max(len(ids) for ids in token_ids)
    input_ids = torch.full((len(token_ids), longest), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((len(token_ids), longest), dtype=torch.long)
    for row, ids in enumerate(token_ids):
        input_ids[row, : len(ids)] = torch.as_tensor(ids)
        attention_mask[row, : len(ids)] = 1
    batch = {"input_ids": input_ids, "attention_mask": attention_mask}
    if labels is not None:
        batch["labels"] = torch.tensor(np.asarray(labels), dtype=torch.long)
    return batch


def linear_warmup_schedule(step: int, total_steps: int, warmup_steps: int, peak_lr: float) -> float:
    """The learning rate at ``step``: linear warm-up from 0 to ``peak_lr``, then linear decay to 0."""
    if step < warmup_steps:
        return peak_lr * step / max(1, warmup_steps)
    return peak_lr * max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))


def make_optimizer(model: nn.Module, peak_lr: float, total_steps: int, warmup_steps: int):
    """AdamW over the trainable parameters (no weight decay, as ``Trainer``'s default) and its schedule."""
    parameters = [parameter for parameter in model.parameters() if parameter.requires_grad]
    optimizer = torch.optim.AdamW(parameters, lr=peak_lr, weight_decay=0.0)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: linear_warmup_schedule(step, total_steps, warmup_steps, 1.0)
    )
    return optimizer, scheduler


def mixed_precision_dtype(device: torch.device | str) -> torch.dtype | None:
    """``torch.bfloat16`` where the device computes in it faster than in float32, else None (train in float32).

    CUDA: where the GPU supports bf16. CPU: measured, because the flags do not tell: a CPU with AMX
    multiplies bf16 matrices several times faster than float32 ones, while one with only AVX-512 BF16
    (or none) may be slower, and bf16 autocast then makes training slower, not faster (a MiniLM
    training step took 1.9 times as long on such a machine). The measurement (a few matrix products on
    one thread, a fraction of a second) is made once per process.
    """
    device = torch.device(device)
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else None
    if device.type == "cpu":
        return torch.bfloat16 if _bf16_is_faster_on_this_cpu() else None
    return None


@functools.lru_cache(maxsize=1)
def _bf16_is_faster_on_this_cpu() -> bool:
    if not torch.ops.mkldnn._is_mkldnn_bf16_supported():
        return False
    from utils.timing import best_time

    generator = torch.Generator().manual_seed(0)
    left, right = torch.randn(512, 384, generator=generator), torch.randn(384, 1536, generator=generator)
    float32_seconds = best_time(torch.mm, left, right, repeats=7, threads=1)
    bfloat16_seconds = best_time(torch.mm, left.bfloat16(), right.bfloat16(), repeats=7, threads=1)
    return bfloat16_seconds < 0.7 * float32_seconds


def train_step(model, batch, optimizer, scheduler, max_grad_norm: float = 1.0, autocast_dtype=None) -> float:
    """One optimisation step; returns the batch's mean loss before the update, as a float.

    Resets the gradients, runs the model in train mode (under autocast when ``autocast_dtype`` is
    given), backpropagates, clips the gradients' global norm to ``max_grad_norm``, steps the
    optimiser and then the learning-rate schedule: what ``transformers.Trainer`` does each step.
    """
    optimizer.zero_grad()
    model.train()
    device_type = next(model.parameters()).device.type
    with torch.autocast(device_type, dtype=autocast_dtype or torch.bfloat16, enabled=autocast_dtype is not None):
        loss = model(**batch)["loss"]
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
    optimizer.step()
    scheduler.step()
    return loss.item()


def epoch_batches(token_ids, batch_size: int, epochs: int, seed: int) -> list[np.ndarray]:
    """The batches of ``epochs`` passes: each pass length-sorted, in its own seeded order (seed + epoch)."""
    lengths = [len(ids) for ids in token_ids]
    return [batch for epoch in range(epochs) for batch in length_sorted_batches(lengths, batch_size, seed + epoch)]


def fine_tune(model, token_ids, labels, *, epochs=1, batch_size=32, peak_lr=1e-4, warmup_share=0.1, seed=0,
              autocast_dtype=None, pad_id=0, device="cpu", progress=False) -> list[float]:
    """Train ``model`` with :func:`train_step` over :func:`epoch_batches`; the loss of each step.

    AdamW (no weight decay), linear warm-up over ``warmup_share`` of the steps then linear decay to
    zero, gradients clipped to norm 1, dropout seeded with ``seed`` just before the first step:
    step for step what ``transformers.Trainer`` does with the same settings and batches.
    """
    batches = epoch_batches(token_ids, batch_size, epochs, seed)
    optimizer, scheduler = make_optimizer(model, peak_lr, len(batches), round(warmup_share * len(batches)))
    labels = np.asarray(labels)
    iterator = batches
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(batches, desc="fine-tuning")
    torch.manual_seed(seed)
    losses = []
    for indices in iterator:
        batch = collate([token_ids[i] for i in indices], labels[indices], pad_id)
        batch = {key: value.to(device) for key, value in batch.items()}
        losses.append(train_step(model, batch, optimizer, scheduler, 1.0, autocast_dtype))
    return losses


@torch.inference_mode()
def evaluate(model, token_ids, labels=None, *, batch_size: int = 128, pad_id: int = 0, autocast_dtype=None,
             device="cpu") -> np.ndarray:
    """Class probabilities (N x num_labels) of ``token_ids``, in the given order, in eval mode."""
    model.eval()
    batches = length_sorted_batches([len(ids) for ids in token_ids], batch_size, seed=0)
    device_type = torch.device(device).type
    probabilities = np.zeros((len(token_ids), model.head.out_features), dtype=np.float32)
    for indices in batches:
        batch = {key: value.to(device) for key, value in collate([token_ids[i] for i in indices], None, pad_id).items()}
        with torch.autocast(device_type, dtype=autocast_dtype or torch.bfloat16, enabled=autocast_dtype is not None):
            logits = model(**batch)["logits"]
        probabilities[indices] = torch.softmax(logits.float(), dim=-1).cpu().numpy()
    return probabilities


@torch.inference_mode()
def embed(encoder, token_ids, *, batch_size: int = 128, pad_id: int = 0, autocast_dtype=None,
          device="cpu") -> np.ndarray:
    """Sentence embeddings of ``token_ids`` (mean over real tokens, L2-normalised, as ``models.encode``),
    in length-sorted batches so that padding costs almost nothing; float32, in the given order."""
    encoder.eval()
    device_type = torch.device(device).type
    embeddings = np.zeros((len(token_ids), encoder.config.hidden_size), dtype=np.float32)
    for indices in length_sorted_batches([len(ids) for ids in token_ids], batch_size, seed=0):
        batch = {key: value.to(device) for key, value in collate([token_ids[i] for i in indices], None, pad_id).items()}
        with torch.autocast(device_type, dtype=autocast_dtype or torch.bfloat16, enabled=autocast_dtype is not None):
            hidden = encoder(**batch).last_hidden_state.float()
        pooled = pool(hidden, batch["attention_mask"], "mean")
        embeddings[indices] = F.normalize(pooled, dim=-1).cpu().numpy()
    return embeddings


def new_classifier(seed: int = 0) -> tuple[Any, SentimentClassifier]:
    """(tokenizer, classifier): the packaged MiniLM with a fresh head (seeded), word embeddings frozen."""
    tokenizer, encoder = models.load(MODEL)
    torch.manual_seed(seed)
    model = SentimentClassifier(encoder)
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    return tokenizer, model


@artifacts.register(ARTIFACT, version=1)
def build_sentiment_classifier(
    full: bool = False,
    test_size: int = 1000,
    max_length: int = 64,
    batch_size: int = 32,
    peak_lr: float = 1e-4,
    warmup_share: float = 0.1,
    epochs: int = 1,
    seed: int = 0,
) -> dict:
    """MiniLM fine-tuned on Rotten Tomatoes snippets (the recipe of 6_llms/03); held-out accuracy."""
    device = "cuda" if torch.cuda.is_available() else "cpu"
    autocast_dtype = mixed_precision_dtype(device)
    train, test = split_reviews(data.load("rotten_tomatoes", full=full), test_size, seed)
    tokenizer, model = new_classifier(seed)
    model.to(device)
    train_ids = tokenize(tokenizer, train.text, max_length)
    losses = fine_tune(model, train_ids, train.label.to_numpy(), epochs=epochs, batch_size=batch_size,
                       peak_lr=peak_lr, warmup_share=warmup_share, seed=seed, autocast_dtype=autocast_dtype,
                       pad_id=tokenizer.pad_token_id, device=device)
    test_ids = tokenize(tokenizer, test.text, max_length)
    probabilities = evaluate(model, test_ids, autocast_dtype=autocast_dtype, pad_id=tokenizer.pad_token_id,
                             device=device)
    accuracy = float((probabilities.argmax(1) == test.label.to_numpy()).mean())
    model.to("cpu")
    # The float32 model's own probabilities on the held-out split, on the CPU (the reference that 6_llms/09
    # compares quantised variants with, and that phase 7 checks a served model against): the ones above
    # when they were computed that way already.
    if autocast_dtype is None and device == "cpu":
        float32_probabilities = probabilities
    else:
        float32_probabilities = evaluate(model, test_ids, pad_id=tokenizer.pad_token_id)
    return {
        "state_dict": {key: value.detach().clone() for key, value in model.state_dict().items()},
        "config": {"model": MODEL, "labels": list(LABELS), "max_length": max_length, "num_labels": 2},
        "metrics": {
            "test_accuracy": accuracy,
            "test_size": len(test),
            "standard_error": math.sqrt(accuracy * (1 - accuracy) / len(test)),
            "final_loss": float(np.mean(losses[-10:])),
            "test_probabilities_float32": torch.from_numpy(float32_probabilities),
        },
    }


def load_classifier(**settings) -> tuple[Any, SentimentClassifier, dict]:
    """(tokenizer, fine-tuned classifier in eval mode, metrics) from the artefact store."""
    saved = artifacts.load(ARTIFACT, **settings)
    tokenizer, model = new_classifier()
    model.load_state_dict(saved["state_dict"])
    model.eval()
    return tokenizer, model, {**saved["config"], **saved["metrics"]}


def predict_proba(tokenizer, model, texts, max_length: int = 64) -> np.ndarray:
    """P(rotten), P(fresh) for each text, with the fine-tuned classifier (float32, on its device)."""
    device = next(model.parameters()).device
    return evaluate(model, tokenize(tokenizer, texts, max_length), pad_id=tokenizer.pad_token_id, device=device)
