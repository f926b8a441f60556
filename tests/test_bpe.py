"""utils.bpe: the fast trainer learns what the plain loop learns, encoding round-trips any text, specials stay whole."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest
import regex

from utils import bpe


def slow_merges(chunk_counts, num_merges):
    """The plain loop: recount every pair after every merge; most frequent first, ties to the smallest pair."""
    words = {tuple(chunk): count for chunk, count in chunk_counts.items()}
    merges = []
    for rank in range(num_merges):
        counts = Counter()
        for word, frequency in words.items():
            for pair in itertools.pairwise(word):
                counts[pair] += frequency
        if not counts:
            break
        best = min(counts, key=lambda pair: (-counts[pair], pair))
        merges.append(best)
        merged = Counter()
        for word, frequency in words.items():
            merged[tuple(bpe.merge_pair(word, best, 256 + rank))] += frequency
        words = merged
    return merges


def test_the_textbook_example():
    # Wikipedia's "aaabdaaabac": aa -> Z, then ab -> Y (a tie with Za, broken by the smaller pair), then ZY -> X.
    counts = bpe.count_chunks("aaabdaaabac")
    assert counts == Counter({tuple(b"aaabdaaabac"): 1})
    assert bpe.train_merges(counts, 3) == [(97, 97), (97, 98), (256, 257)]
    tokenizer = bpe.BPETokenizer(bpe.train_merges(counts, 3))
    assert tokenizer.encode("aaabdaaabac") == [258, 100, 258, 97, 99]


def test_merge_pair_is_left_to_right_without_overlaps():
    assert bpe.merge_pair([1, 1, 1], (1, 1), 9) == [9, 1]
    assert bpe.merge_pair([1, 1, 1, 1], (1, 1), 9) == [9, 9]
    assert bpe.merge_pair([2, 1, 2, 1], (1, 2), 7) == [2, 7, 1]
    assert bpe.merge_pair([], (1, 2), 7) == []


@pytest.mark.parametrize("seed", range(6))
def test_incremental_training_equals_recounting(seed):
    rng = random.Random(seed)
    alphabet = [97, 98, 99, 100][: 2 + seed % 3]
    counts = Counter()
    for _ in range(40):
        word = tuple(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        counts[word] += rng.randint(1, 5)
    assert bpe.train_merges(counts, 60) == slow_merges(counts, 60)


def test_training_stops_when_no_pair_is_left():
    assert bpe.train_merges(Counter({(1, 2): 3, (5,): 10}), 10) == [(1, 2)]
    assert bpe.train_merges(Counter(), 5) == []
    with pytest.raises(ValueError, match="num_merges"):
        bpe.train_merges(Counter({(1, 2): 1}), -1)


def test_round_trip_unseen_unicode_and_special_tokens():
    text = "To be, or not to be: that is the question.\n" * 20 + "Whether 'tis nobler in the mind to suffer\n" * 5
    tokenizer = bpe.BPETokenizer.train(text, vocab_size=300)
    assert tokenizer.vocab_size == 300 and len(tokenizer.merges) == 300 - 257
    for sample in [text, "naïve café — 東京 🎭 e\u0301 \x00\ufffd", "  two  spaces\t\ttabs\n\n", "", "<|endoftext|>"]:
        assert tokenizer.decode(tokenizer.encode(sample)) == sample
    special = tokenizer.special_ids[bpe.END_OF_TEXT]
    assert special == 256 + len(tokenizer.merges)
    ids = tokenizer.encode("to be<|endoftext|>or not")
    assert ids.count(special) == 1 and tokenizer.decode(ids) == "to be<|endoftext|>or not"
    assert special not in tokenizer.encode("to be<|endoftext|>or not", special_tokens=False)


def test_special_tokens_are_never_learned():
    documents = ["<|endoftext|>".join(["ab ab ab"] * 50)]
    tokenizer = bpe.BPETokenizer.train(documents, vocab_size=270)
    learned = [tokenizer.vocabulary[256 + rank] for rank in range(len(tokenizer.merges))]
    assert all(b"<|" not in token and b"|>" not in token for token in learned)
    assert bpe.count_chunks(documents) == bpe.count_chunks(["ab ab ab"] * 50)


def test_pre_split_matches_gpt2_pattern_and_tokenizers_byte_level():
    from tokenizers import pre_tokenizers

    text = "Hello world's 123 numbers!!  Two spaces\n\nand émigré—dash"
    chunks = regex.findall(bpe.GPT2_SPLIT_PATTERN, text)
    assert "".join(chunks) == text
    assert chunks[:4] == ["Hello", " world", "'s", " 123"]
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    others = [byte for byte in range(256) if byte not in printable]
    shown = {**{byte: chr(byte) for byte in printable}, **{byte: chr(256 + k) for k, byte in enumerate(others)}}
    theirs = [piece for piece, _ in pre_tokenizers.ByteLevel(add_prefix_space=False).pre_tokenize_str(text)]
    assert theirs == ["".join(shown[byte] for byte in chunk.encode()) for chunk in chunks]


def test_truncation_is_a_shorter_training_run():
    text = " ".join(["the quick brown fox jumps over the lazy dog"] * 10 + ["a bee sees the tree"] * 7)
    long = bpe.BPETokenizer.train(text, vocab_size=320)
    short = bpe.BPETokenizer.train(text, vocab_size=280)
    assert long.truncated(280).merges == short.merges
    with pytest.raises(ValueError, match="vocab_size"):
        long.truncated(long.vocab_size + 1)


def test_bad_input_is_explained():
    with pytest.raises(ValueError, match="at least 257"):
        bpe.BPETokenizer.train("abc", vocab_size=100)
    with pytest.raises(TypeError, match="sequence of strings"):
        bpe.BPETokenizer([], special_tokens="<|endoftext|>")
    with pytest.raises(ValueError, match="earlier merge"):
        bpe.BPETokenizer([(300, 1)])
    tokenizer = bpe.BPETokenizer([(104, 105)])
    with pytest.raises(ValueError, match="not in this tokenizer's vocabulary"):
        tokenizer.decode([5000])
    with pytest.raises(TypeError, match="decode bytes first"):
        tokenizer.encode(b"hi")
