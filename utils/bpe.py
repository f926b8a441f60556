"""A byte-level BPE tokenizer (GPT-2 style): trained fast, encodes and decodes any text exactly.

Phase 5 notebook 04 builds byte-pair encoding from scratch (its check cells compare the learner's
trainer with :func:`train_merges` here); notebook 05 trains its GPT on Shakespeare with
:class:`BPETokenizer` at full size. Used as::

    from utils import bpe
    tokenizer = bpe.BPETokenizer.train(documents, vocab_size=2048)
    ids = tokenizer.encode("To be, or not to be<|endoftext|>")
    assert tokenizer.decode(ids) == "To be, or not to be<|endoftext|>"

The rules, which the notebook states and checks:

* **Bytes first.** Text is UTF-8 encoded; token ids 0-255 are the 256 single bytes, so every string,
  in any script, has an encoding (no unknown token), and decoding joins the bytes of the tokens
  before turning them back into text (a character may be split across tokens).
* **Pre-split.** Text is cut into chunks by :data:`GPT2_SPLIT_PATTERN` (Radford et al. 2019) before
  BPE, and merges never cross a chunk boundary: words, numbers, punctuation runs and spaces stay apart.
* **Special tokens** (``<|endoftext|>`` by default) are cut out of the text before the pre-split:
  each is one id, never split, never seen by the trainer, so no merge can produce it.
* **Training** repeatedly merges the most frequent adjacent pair of tokens, counted over all chunks
  with their frequencies (every adjacent position counts, so ``aaa`` holds the pair ``(a, a)`` twice).
  **Ties** go to the smallest pair ``(left id, right id)``. Merge ``r`` (from 0) creates id ``256 + r``;
  training stops early when no pair is left. After a merge only the chunks that contained the pair
  change, so :func:`train_merges` updates the pair counts of those chunks alone (an index from each
  pair to the chunks holding it, and a heap of counts) instead of recounting everything.
* **Encoding** a chunk applies the learned merges by **rank**: repeatedly merge the pair with the
  lowest new id present, until none of the chunk's pairs was learned. Special-token ids follow the
  merges: ``256 + len(merges) + k``.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import regex

__all__ = [
    "END_OF_TEXT",
    "GPT2_SPLIT_PATTERN",
    "BPETokenizer",
    "count_chunks",
    "merge_pair",
    "train_merges",
]

GPT2_SPLIT_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
"""GPT-2's pre-split (Radford et al. 2019): contractions, words with their leading space, numbers,
punctuation runs, and whitespace (a run of spaces leaves its last space to the next word)."""

END_OF_TEXT = "<|endoftext|>"
NUM_BYTES = 256


def _special_splitter(special_tokens: Sequence[str]) -> regex.Pattern | None:
    if not special_tokens:
        return None
    alternatives = "|".join(regex.escape(token) for token in sorted(special_tokens, key=len, reverse=True))
    return regex.compile(f"({alternatives})")


def _check_special_tokens(special_tokens: Sequence[str]) -> tuple[str, ...]:
    if isinstance(special_tokens, str):
        raise TypeError(f"special_tokens is a sequence of strings, e.g. ({special_tokens!r},), not one string")
    tokens = tuple(special_tokens)
    for token in tokens:
        if not isinstance(token, str) or not token:
            raise ValueError(f"every special token must be a non-empty string, got {token!r}")
    if len(set(tokens)) != len(tokens):
        raise ValueError(f"special tokens must be distinct, got {tokens}")
    return tokens


def _documents(texts: str | Iterable[str]) -> Iterable[str]:
    if isinstance(texts, str):
        return [texts]
    return texts


def count_chunks(
    texts: str | Iterable[str],
    pattern: str = GPT2_SPLIT_PATTERN,
    special_tokens: Sequence[str] = (END_OF_TEXT,),
) -> Counter[tuple[int, ...]]:
    """How often each pre-split chunk occurs in ``texts`` (a string or an iterable of documents).

    Keys are chunks as tuples of byte values (``" the"`` -> ``(32, 116, 104, 101)``). Special tokens are
    cut out first and not counted.
    """
    splitter = _special_splitter(_check_special_tokens(special_tokens))
    compiled = regex.compile(pattern)
    strings: Counter[str] = Counter()
    for document in _documents(texts):
        if not isinstance(document, str):
            raise TypeError(f"texts must be strings, got {type(document).__name__}")
        pieces = splitter.split(document)[::2] if splitter else [document]
        for piece in pieces:
            strings.update(compiled.findall(piece))
    return Counter({tuple(chunk.encode("utf-8")): count for chunk, count in strings.items()})


def merge_pair(ids: Sequence[int], pair: tuple[int, int], new_id: int) -> list[int]:
    """``ids`` with every occurrence of ``pair`` replaced by ``new_id``, left to right, without overlaps."""
    merged: list[int] = []
    first, second = pair
    index, length = 0, len(ids)
    while index < length:
        if index + 1 < length and ids[index] == first and ids[index + 1] == second:
            merged.append(new_id)
            index += 2
        else:
            merged.append(ids[index])
            index += 1
    return merged


def train_merges(chunk_counts: Mapping[tuple[int, ...], int], num_merges: int) -> list[tuple[int, int]]:
    """The first ``num_merges`` BPE merges learned from chunk frequencies, in order (merge r makes id 256 + r).

    Each step merges the most frequent adjacent pair (ties: the smallest pair); it stops early when no
    pair is left. The pair counts are updated incrementally: only the chunks holding the merged pair
    are re-counted.
    """
    if not isinstance(num_merges, int) or isinstance(num_merges, bool) or num_merges < 0:
        raise ValueError(f"num_merges must be a non-negative int, got {num_merges!r}")
    words = [list(chunk) for chunk in chunk_counts]
    frequencies = list(chunk_counts.values())
    pair_counts: defaultdict[tuple[int, int], int] = defaultdict(int)
    holders: defaultdict[tuple[int, int], set[int]] = defaultdict(set)
    for index, (word, frequency) in enumerate(zip(words, frequencies, strict=True)):
        if frequency < 0:
            raise ValueError(f"chunk counts must be non-negative, got {frequency} for {tuple(word)}")
        for pair in itertools.pairwise(word):
            pair_counts[pair] += frequency
            holders[pair].add(index)
    # A max-heap by count, then the smallest pair; stale entries are skipped when popped.
    heap = [(-count, pair) for pair, count in pair_counts.items() if count > 0]
    heapq.heapify(heap)
    merges: list[tuple[int, int]] = []
    while len(merges) < num_merges and heap:
        negative_count, pair = heapq.heappop(heap)
        count = pair_counts.get(pair, 0)
        if count <= 0 or -negative_count != count:
            continue  # stale: the current count (if any) has its own, newer entry
        new_id = NUM_BYTES + len(merges)
        merges.append(pair)
        touched: set[tuple[int, int]] = set()
        for index in holders.pop(pair):
            word, frequency = words[index], frequencies[index]
            for old in itertools.pairwise(word):
                pair_counts[old] -= frequency
                touched.add(old)
            word = merge_pair(word, pair, new_id)
            words[index] = word
            for new in itertools.pairwise(word):
                pair_counts[new] += frequency
                holders[new].add(index)
                touched.add(new)
        pair_counts.pop(pair, None)
        for changed in touched:
            count = pair_counts.get(changed, 0)
            if count > 0:
                heapq.heappush(heap, (-count, changed))
            elif changed in pair_counts:
                del pair_counts[changed]
    return merges


class BPETokenizer:
    """Byte-level BPE with the GPT-2 pre-split and special tokens; see the module docstring for the rules."""

    def __init__(
        self,
        merges: Sequence[tuple[int, int]],
        special_tokens: Sequence[str] = (END_OF_TEXT,),
        pattern: str = GPT2_SPLIT_PATTERN,
    ):
        self.merges = [(int(left), int(right)) for left, right in merges]
        self.special_tokens = _check_special_tokens(special_tokens)
        self.pattern = pattern
        self._compiled = regex.compile(pattern)
        self._splitter = _special_splitter(self.special_tokens)
        self.ranks: dict[tuple[int, int], int] = {}
        self.vocabulary: dict[int, bytes] = {byte: bytes([byte]) for byte in range(NUM_BYTES)}
        for rank, (left, right) in enumerate(self.merges):
            new_id = NUM_BYTES + rank
            if left not in self.vocabulary or right not in self.vocabulary:
                raise ValueError(f"merge {rank} {(left, right)} uses an id that no earlier merge or byte defines")
            if (left, right) in self.ranks:
                raise ValueError(f"merge {rank} {(left, right)} repeats merge {self.ranks[(left, right)] - NUM_BYTES}")
            self.ranks[(left, right)] = new_id
            self.vocabulary[new_id] = self.vocabulary[left] + self.vocabulary[right]
        first_special = NUM_BYTES + len(self.merges)
        self.special_ids = {token: first_special + k for k, token in enumerate(self.special_tokens)}
        for token, token_id in self.special_ids.items():
            self.vocabulary[token_id] = token.encode("utf-8")
        self._cache: dict[str, list[int]] = {}

    @classmethod
    def train(
        cls,
        texts: str | Iterable[str],
        vocab_size: int,
        special_tokens: Sequence[str] = (END_OF_TEXT,),
        pattern: str = GPT2_SPLIT_PATTERN,
    ) -> BPETokenizer:
        """Learn merges from ``texts`` (a string or documents) until the vocabulary has ``vocab_size`` ids.

        ``vocab_size`` counts the 256 bytes, the merges and the special tokens. Fewer merges are learned
        when the text runs out of pairs (then ``vocab_size`` of the result is smaller).
        """
        special_tokens = _check_special_tokens(special_tokens)
        smallest = NUM_BYTES + len(special_tokens)
        if not isinstance(vocab_size, int) or isinstance(vocab_size, bool) or vocab_size < smallest:
            raise ValueError(
                f"vocab_size must be an int of at least {smallest} (256 bytes + {len(special_tokens)} special "
                f"tokens), got {vocab_size!r}"
            )
        counts = count_chunks(texts, pattern, special_tokens)
        return cls(train_merges(counts, vocab_size - smallest), special_tokens, pattern)

    @property
    def vocab_size(self) -> int:
        return len(self.vocabulary)

    def truncated(self, vocab_size: int) -> BPETokenizer:
        """The tokenizer with only its first merges, ``vocab_size`` ids in all (BPE is greedy: the first
        merges of a longer training run are exactly what a shorter run learns)."""
        num_merges = vocab_size - NUM_BYTES - len(self.special_tokens)
        if not 0 <= num_merges <= len(self.merges):
            raise ValueError(
                f"vocab_size must be between {NUM_BYTES + len(self.special_tokens)} and {self.vocab_size}, "
                f"got {vocab_size}"
            )
        return BPETokenizer(self.merges[:num_merges], self.special_tokens, self.pattern)

    def encode_chunk(self, chunk: bytes) -> list[int]:
        """The ids of one pre-split chunk: its bytes, merged by rank (the lowest new id first)."""
        ids = list(chunk)
        ranks = self.ranks
        while len(ids) >= 2:
            best = min(itertools.pairwise(ids), key=lambda pair: ranks.get(pair, 1 << 62))
            if best not in ranks:
                break
            ids = merge_pair(ids, best, ranks[best])
        return ids

    def _encode_ordinary(self, text: str, output: list[int]) -> None:
        cache = self._cache
        for chunk in self._compiled.findall(text):
            ids = cache.get(chunk)
            if ids is None:
                ids = cache[chunk] = self.encode_chunk(chunk.encode("utf-8"))
            output.extend(ids)

    def encode(self, text: str, special_tokens: bool = True) -> list[int]:
        """Token ids of ``text``. With ``special_tokens=False`` a special token's text is encoded as plain text."""
        if not isinstance(text, str):
            raise TypeError(f"encode() takes a str, got {type(text).__name__}: decode bytes first")
        output: list[int] = []
        if not special_tokens or self._splitter is None:
            self._encode_ordinary(text, output)
            return output
        for position, piece in enumerate(self._splitter.split(text)):
            if position % 2:
                output.append(self.special_ids[piece])
            elif piece:
                self._encode_ordinary(piece, output)
        return output

    def decode(self, ids: Iterable[int]) -> str:
        """The text of ``ids``: the tokens' bytes joined, then decoded as UTF-8 (invalid bytes become U+FFFD)."""
        vocabulary = self.vocabulary
        try:
            data = b"".join(vocabulary[int(token_id)] for token_id in ids)
        except KeyError as error:
            raise ValueError(
                f"token id {error.args[0]} is not in this tokenizer's vocabulary (ids 0 to {self.vocab_size - 1})"
            ) from None
        return data.decode("utf-8", errors="replace")

    def __repr__(self) -> str:
        return (
            f"BPETokenizer(vocab_size={self.vocab_size}: 256 bytes, {len(self.merges)} merges, "
            f"special tokens {list(self.special_tokens)})"
        )
