"""Character-level language modelling: vocabulary, held-out split, batches, baselines, units, sampling.

Used by the recurrent-network notebooks of phase 4 and the GPT notebooks of phase 5, so that every
character model in the curriculum is trained and measured the same way::

    text = data.load("shakespeare")
    vocabulary = text_utils.CharacterVocabulary.from_text(text)   # the distinct characters, sorted
    ids = vocabulary.encode(text)                                  # a 1-D int64 tensor
    train_ids, validation_ids = text_utils.split_text(ids, validation_fraction=0.1)  # the end is held out
    generator = torch.Generator().manual_seed(0)
    inputs, targets = text_utils.random_windows(train_ids, 32, 64, generator)      # (32, 64) each
    ...                                                            # loss in nats per character
    text_utils.nats_to_bits(loss)                                  # bits per character
    text_utils.generate(model, vocabulary, "To be or", 200, temperature=0.8, generator=generator)

Conventions: losses are natural-log cross-entropies, **nats per character** (what
``F.cross_entropy`` returns); ``nats_to_bits`` and ``perplexity`` convert. ``targets`` are the
``inputs`` shifted by one character: position ``t`` of a window predicts character ``t + 1``.
``generate`` drives either a recurrent model, called as ``model(ids, state) -> (logits, state)``
(an RNN, LSTM or GRU carrying its state), or, with ``context_size=``, a model called on the last
``context_size`` characters as ``model(ids) -> logits`` (a transformer).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import torch

__all__ = [
    "CharacterVocabulary",
    "bigram_cross_entropy",
    "generate",
    "nats_to_bits",
    "perplexity",
    "random_windows",
    "softmax_with_temperature",
    "split_text",
    "unigram_cross_entropy",
]


class CharacterVocabulary:
    """A fixed list of characters and their integer ids: ``encode`` text to ids, ``decode`` ids to text.

    ``CharacterVocabulary.from_text(text)`` takes the distinct characters of a text in sorted
    order (so the same text always gives the same ids). Encoding a character that is not in the
    vocabulary is an error that names it, never a silent id.
    """

    def __init__(self, characters: Iterable[str]) -> None:
        characters = tuple(characters)
        if not characters:
            raise ValueError("a vocabulary needs at least one character")
        bad = [c for c in characters if not isinstance(c, str) or len(c) != 1]
        if bad:
            raise TypeError(f"a vocabulary holds single characters, got {bad[:3]!r}: pass a string or a list of them")
        if len(set(characters)) != len(characters):
            repeated = sorted({c for c in characters if characters.count(c) > 1})
            raise ValueError(f"the characters must be distinct, but {repeated[:5]!r} repeat: use sorted(set(text))")
        self.characters = characters
        self._index = {character: index for index, character in enumerate(characters)}
        codes = np.array([ord(c) for c in characters], dtype=np.int64)
        self._lookup = np.full(int(codes.max()) + 2, -1, dtype=np.int64)  # code point -> id, -1 if absent
        self._lookup[codes] = np.arange(len(characters))

    @classmethod
    def from_text(cls, text: str) -> CharacterVocabulary:
        """The vocabulary of the distinct characters of ``text``, in sorted order."""
        if not isinstance(text, str):
            raise TypeError(f"from_text needs a str, got {type(text).__name__}")
        if not text:
            raise ValueError("from_text needs a non-empty text")
        return cls(sorted(set(text)))

    @property
    def size(self) -> int:
        """The number of characters (the width of a model's output layer)."""
        return len(self.characters)

    def __len__(self) -> int:
        return len(self.characters)

    def __contains__(self, character: object) -> bool:
        return character in self._index

    def __repr__(self) -> str:
        shown = "".join(self.characters[:20]).encode("unicode_escape").decode()
        return f"CharacterVocabulary({self.size} characters: {shown!r}{'...' if self.size > 20 else ''})"

    def encode(self, text: str) -> torch.Tensor:
        """The ids of the characters of ``text``: a 1-D int64 tensor of ``len(text)`` entries."""
        if not isinstance(text, str):
            raise TypeError(f"encode needs a str, got {type(text).__name__}: decode turns ids back into text")
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        # Code points past the table all land on its last slot, which is -1 (unknown), like any gap.
        ids = self._lookup[np.minimum(codes, len(self._lookup) - 1)]
        if ids.size and ids.min() < 0:
            unknown = sorted({text[i] for i in np.flatnonzero(ids < 0)[:1000]})
            raise ValueError(
                f"these characters are not in the vocabulary: {unknown[:10]!r}. Build the vocabulary from a text "
                "that contains them (CharacterVocabulary.from_text(all_text)), or remove them from the input."
            )
        return torch.from_numpy(ids)

    def decode(self, ids: Any) -> str:
        """The text of a sequence of ids (a 1-D tensor, array or list of ints)."""
        values = ids.detach().cpu().numpy() if isinstance(ids, torch.Tensor) else np.asarray(ids)
        if values.ndim != 1:
            raise ValueError(f"decode needs a 1-D sequence of ids, got shape {values.shape}: decode one row at a time")
        if values.size and not np.issubdtype(values.dtype, np.integer):
            raise TypeError(f"decode needs integer ids, got dtype {values.dtype}")
        if values.size and (values.min() < 0 or values.max() >= self.size):
            raise ValueError(f"ids must lie in [0, {self.size}), got values from {values.min()} to {values.max()}")
        return "".join(self.characters[i] for i in values.tolist())


def _ids(ids: Any, name: str) -> torch.Tensor:
    if not isinstance(ids, torch.Tensor):
        raise TypeError(
            f"{name} should be a 1-D tensor of character ids (vocabulary.encode(text)), got {type(ids).__name__}"
        )
    if ids.ndim != 1 or ids.dtype not in (torch.int64, torch.int32, torch.int16, torch.uint8):
        raise ValueError(f"{name} should be a 1-D integer tensor, got shape {tuple(ids.shape)} and dtype {ids.dtype}")
    return ids


def split_text(ids: torch.Tensor, validation_fraction: float = 0.1) -> tuple[torch.Tensor, torch.Tensor]:
    """Split a text's ids into (training, validation): the validation part is the last fraction of the text.

    Holding out the *end* (not random windows) keeps the two parts from sharing any passage: a
    randomly chosen validation window would overlap training windows around it.
    """
    ids = _ids(ids, "ids")
    if not 0 < validation_fraction < 1:
        raise ValueError(f"validation_fraction should lie strictly between 0 and 1, got {validation_fraction}")
    boundary = round(len(ids) * (1 - validation_fraction))
    if boundary < 2 or len(ids) - boundary < 2:
        raise ValueError(
            f"a text of {len(ids)} characters is too short to split with validation_fraction={validation_fraction}"
        )
    return ids[:boundary], ids[boundary:]


def random_windows(
    ids: torch.Tensor, batch_size: int, sequence_length: int, generator: torch.Generator | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """A batch of contiguous windows at random offsets: (inputs, targets), each of shape (batch, sequence).

    ``targets[b, t]`` is the character after ``inputs[b, t]``: every window of ``sequence_length + 1``
    characters gives both. Offsets are uniform over every position a whole window fits, drawn from
    ``generator`` (a ``torch.Generator``, for a reproducible stream of batches).
    """
    ids = _ids(ids, "ids")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size should be a positive int, got {batch_size!r}")
    if not isinstance(sequence_length, int) or sequence_length < 1:
        raise ValueError(f"sequence_length should be a positive int, got {sequence_length!r}")
    if len(ids) < sequence_length + 1:
        raise ValueError(
            f"a window needs sequence_length + 1 = {sequence_length + 1} characters, the text has {len(ids)}: "
            "use a shorter sequence_length"
        )
    starts = torch.randint(0, len(ids) - sequence_length, (batch_size,), generator=generator)
    windows = ids[starts[:, None] + torch.arange(sequence_length + 1)].long()
    return windows[:, :-1], windows[:, 1:]


def nats_to_bits(nats: float) -> float:
    """A cross-entropy in nats (natural log) expressed in bits (log base 2): divide by ln 2."""
    return float(nats) / math.log(2)


def perplexity(nats: float) -> float:
    """exp(cross-entropy in nats): the number of equally likely characters the model is as unsure as."""
    return math.exp(float(nats))


def unigram_cross_entropy(
    train_ids: torch.Tensor, eval_ids: torch.Tensor, vocabulary_size: int, smoothing: float = 1.0
) -> float:
    """Nats per character of ``eval_ids`` under character frequencies counted on ``train_ids`` (add-``smoothing``)."""
    train_ids, eval_ids = _ids(train_ids, "train_ids"), _ids(eval_ids, "eval_ids")
    counts = torch.bincount(train_ids.long(), minlength=vocabulary_size).double() + smoothing
    log_probabilities = torch.log(counts / counts.sum())
    return float(-log_probabilities[eval_ids.long()].mean())


def bigram_cross_entropy(
    train_ids: torch.Tensor, eval_ids: torch.Tensor, vocabulary_size: int, smoothing: float = 1.0
) -> float:
    """Nats per character of ``eval_ids`` under a bigram model counted on ``train_ids``.

    P(next | current) = (count(current, next) + smoothing) / (count(current) + smoothing * vocabulary_size):
    the simplest character language model, and the baseline any network must beat. Averaged over
    the ``len(eval_ids) - 1`` characters that have a predecessor.
    """
    train_ids, eval_ids = _ids(train_ids, "train_ids").long(), _ids(eval_ids, "eval_ids").long()
    if smoothing <= 0:
        raise ValueError("smoothing should be positive, or an unseen pair would get probability 0 (infinite loss)")
    pairs = train_ids[:-1] * vocabulary_size + train_ids[1:]
    counts = torch.bincount(pairs, minlength=vocabulary_size**2).double().view(vocabulary_size, vocabulary_size)
    counts += smoothing
    log_probabilities = torch.log(counts / counts.sum(dim=1, keepdim=True))
    return float(-log_probabilities[eval_ids[:-1], eval_ids[1:]].mean())


def softmax_with_temperature(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """Probabilities softmax(logits / temperature) over the last axis; temperature 0 puts all mass on the argmax."""
    if temperature < 0:
        raise ValueError(f"temperature should be >= 0, got {temperature}")
    if temperature == 0:
        return torch.nn.functional.one_hot(logits.argmax(dim=-1), logits.shape[-1]).to(logits.dtype)
    return torch.softmax(logits / temperature, dim=-1)


def _model_device(model: Any) -> torch.device:
    parameters = getattr(model, "parameters", None)
    if callable(parameters):
        for parameter in parameters():
            return parameter.device
    return torch.device("cpu")


def _sample(
    logits: torch.Tensor,
    temperature: float,
    generator: torch.Generator | None,
    probabilities: Callable[[torch.Tensor, float], torch.Tensor],
) -> torch.Tensor:
    logits = logits.detach().float().cpu()
    probs = probabilities(logits, temperature)
    if not isinstance(probs, torch.Tensor) or probs.shape != logits.shape:
        raise ValueError(
            f"probabilities(logits, temperature) should return a tensor of shape {tuple(logits.shape)}, got "
            f"{type(probs).__name__} {tuple(getattr(probs, 'shape', ()))}"
        )
    if not torch.isfinite(probs).all() or probs.min() < 0 or not math.isclose(float(probs.sum()), 1.0, abs_tol=1e-3):
        raise ValueError(
            f"probabilities(logits, temperature={temperature}) should return non-negative numbers that sum to 1, "
            f"got a sum of {float(probs.sum()):.4g} (NaN or inf in a softmax usually means exp overflowed)"
        )
    return torch.multinomial(probs, 1, generator=generator)


def generate(
    model: Any,
    vocabulary: CharacterVocabulary,
    prompt: str,
    num_characters: int,
    *,
    temperature: float = 1.0,
    generator: torch.Generator | None = None,
    context_size: int | None = None,
    probabilities: Callable[[torch.Tensor, float], torch.Tensor] = softmax_with_temperature,
) -> str:
    """The prompt followed by ``num_characters`` characters sampled one at a time from the model.

    * recurrent model (``context_size=None``): ``model(ids, state) -> (logits, state)`` with ``ids``
      of shape (1, t) and logits (1, t, vocabulary); it reads the prompt once, then each new
      character with the state it returned (``state=None`` at the start);
    * context model (``context_size=N``): ``model(ids) -> logits``, called each step on the last
      ``N`` characters (a transformer with a context window of N).

    Each next character is drawn from ``probabilities(logits, temperature)`` (softmax of the logits
    divided by the temperature; 0 is greedy) with ``generator``. The model runs in eval mode under
    ``torch.inference_mode`` and is put back in the mode it was in.
    """
    if not isinstance(prompt, str) or not prompt:
        raise ValueError("generate needs a non-empty prompt: the model predicts each character from the ones before")
    if not isinstance(num_characters, int) or num_characters < 0:
        raise ValueError(f"num_characters should be a non-negative int, got {num_characters!r}")
    if context_size is not None and (not isinstance(context_size, int) or context_size < 1):
        raise ValueError(f"context_size should be a positive int (or None for a recurrent model), got {context_size!r}")
    device = _model_device(model)
    was_training = getattr(model, "training", None)
    if was_training is not None:
        model.eval()
    ids = vocabulary.encode(prompt)
    new_ids: list[int] = []
    try:
        with torch.inference_mode():
            if context_size is None:
                logits, state = model(ids[None].to(device), None)
                for _ in range(num_characters):
                    next_id = _sample(logits[0, -1], temperature, generator, probabilities)
                    new_ids.append(int(next_id))
                    logits, state = model(next_id.view(1, 1).to(device), state)
            else:
                context = ids.tolist()
                for _ in range(num_characters):
                    window = torch.tensor(context[-context_size:], dtype=torch.long, device=device)
                    logits = model(window[None])
                    next_id = int(_sample(logits[0, -1], temperature, generator, probabilities))
                    new_ids.append(next_id)
                    context.append(next_id)
    finally:
        if was_training is not None:
            model.train(was_training)
    return prompt + vocabulary.decode(new_ids)
