"""utils.text: the character-level language-modelling pipeline round-trips, splits, batches and samples correctly."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from utils import text as text_utils
from utils.text import CharacterVocabulary

SAMPLE = "To be, or not to be, that is the question:\nWhether 'tis nobler in the mind to suffer—\n"


def test_vocabulary_from_text_is_sorted_distinct_and_round_trips():
    vocabulary = CharacterVocabulary.from_text(SAMPLE)
    assert vocabulary.characters == tuple(sorted(set(SAMPLE)))
    assert len(vocabulary) == vocabulary.size == len(set(SAMPLE))
    ids = vocabulary.encode(SAMPLE)
    assert ids.dtype == torch.int64 and ids.shape == (len(SAMPLE),)
    assert vocabulary.decode(ids) == SAMPLE
    assert vocabulary.decode(ids.tolist()) == SAMPLE
    assert vocabulary.decode(ids.numpy()) == SAMPLE
    assert [vocabulary.characters[i] for i in ids[:5]] == list(SAMPLE[:5])
    assert "—" in vocabulary and "Z" not in vocabulary
    assert vocabulary.encode("").shape == (0,) and vocabulary.decode([]) == ""


def test_vocabulary_keeps_a_given_order():
    vocabulary = CharacterVocabulary("cab")
    assert vocabulary.encode("abc").tolist() == [1, 2, 0]
    assert vocabulary.decode(torch.tensor([0, 0, 2])) == "ccb"


def test_encode_names_unknown_characters():
    vocabulary = CharacterVocabulary.from_text("abc")
    with pytest.raises(ValueError, match=r"'z'.*from_text"):
        vocabulary.encode("abz")
    with pytest.raises(ValueError, match="not in the vocabulary"):
        vocabulary.encode("a\u2603")  # a code point beyond the lookup table


def test_bad_vocabularies_and_ids_are_explained():
    with pytest.raises(ValueError, match="distinct"):
        CharacterVocabulary("abca")
    with pytest.raises(TypeError, match="single characters"):
        CharacterVocabulary(["ab", "c"])
    with pytest.raises(ValueError, match="at least one"):
        CharacterVocabulary("")
    vocabulary = CharacterVocabulary("abc")
    with pytest.raises(ValueError, match=r"\[0, 3\)"):
        vocabulary.decode([0, 3])
    with pytest.raises(ValueError, match="1-D"):
        vocabulary.decode(torch.zeros(2, 2, dtype=torch.long))
    with pytest.raises(TypeError, match="str"):
        vocabulary.encode(torch.tensor([0, 1]))


def test_split_holds_out_the_end():
    ids = torch.arange(1000) % 7
    train, validation = text_utils.split_text(ids, validation_fraction=0.1)
    assert len(train) == 900 and len(validation) == 100
    assert torch.equal(torch.cat([train, validation]), ids)
    train, validation = text_utils.split_text(ids, validation_fraction=0.25)
    assert len(validation) == 250 and torch.equal(validation, ids[750:])
    for bad in (0, 1, -0.1, 1.5):
        with pytest.raises(ValueError, match="between 0 and 1"):
            text_utils.split_text(ids, bad)
    with pytest.raises(ValueError, match="too short"):
        text_utils.split_text(torch.arange(3), 0.1)
    with pytest.raises(TypeError, match="encode"):
        text_utils.split_text(list(range(10)))


def test_random_windows_are_contiguous_shifted_and_reproducible():
    ids = torch.arange(500)
    generator = torch.Generator().manual_seed(3)
    inputs, targets = text_utils.random_windows(ids, 8, 20, generator)
    assert inputs.shape == targets.shape == (8, 20) and inputs.dtype == targets.dtype == torch.int64
    assert torch.equal(targets[:, :-1], inputs[:, 1:])  # targets are the inputs shifted by one
    assert torch.equal(inputs[:, 1:] - inputs[:, :-1], torch.ones(8, 19, dtype=torch.long))  # contiguous
    assert torch.equal(targets[:, -1], inputs[:, -1] + 1)
    assert inputs.min() >= 0 and targets.max() <= 499
    again = text_utils.random_windows(ids, 8, 20, torch.Generator().manual_seed(3))
    assert torch.equal(again[0], inputs)
    other = text_utils.random_windows(ids, 8, 20, torch.Generator().manual_seed(4))
    assert not torch.equal(other[0], inputs)


def test_random_windows_reach_both_ends_of_the_text():
    ids = torch.arange(30)
    inputs, targets = text_utils.random_windows(ids, 2000, 10, torch.Generator().manual_seed(0))
    assert set(inputs[:, 0].tolist()) == set(range(20))  # every start from 0 to len - sequence_length - 1
    assert targets.max() == 29
    exact, _ = text_utils.random_windows(torch.arange(11), 4, 10)  # exactly one window fits
    assert torch.equal(exact, torch.arange(10).expand(4, 10))


def test_random_windows_explain_bad_arguments():
    ids = torch.arange(10)
    with pytest.raises(ValueError, match="shorter sequence_length"):
        text_utils.random_windows(ids, 2, 10)
    with pytest.raises(ValueError, match="batch_size"):
        text_utils.random_windows(ids, 0, 3)
    with pytest.raises(ValueError, match="sequence_length"):
        text_utils.random_windows(ids, 2, 0)
    with pytest.raises(ValueError, match="1-D integer"):
        text_utils.random_windows(torch.zeros(10), 2, 3)


def test_units():
    assert text_utils.nats_to_bits(math.log(2)) == pytest.approx(1.0)
    assert text_utils.nats_to_bits(math.log(76)) == pytest.approx(math.log2(76))
    assert text_utils.perplexity(math.log(76)) == pytest.approx(76)
    assert text_utils.perplexity(0.0) == 1.0


def test_count_baselines_match_hand_computed_values():
    train = torch.tensor([0, 1, 0, 1, 0, 2])  # pairs 01 10 01 10 02
    evaluation = torch.tensor([0, 1, 2])  # pairs 01 12
    # bigram with smoothing 1 over 3 characters: P(1|0) = (2+1)/(3+3), P(2|1) = (0+1)/(2+3)
    expected = -(math.log(3 / 6) + math.log(1 / 5)) / 2
    assert text_utils.bigram_cross_entropy(train, evaluation, 3) == pytest.approx(expected)
    # unigram: counts 3, 2, 1 (+1 each) over 9
    expected_unigram = -(math.log(4 / 9) + math.log(3 / 9) + math.log(2 / 9)) / 3
    assert text_utils.unigram_cross_entropy(train, evaluation, 3) == pytest.approx(expected_unigram)
    assert text_utils.unigram_cross_entropy(train, evaluation, 3, smoothing=1e9) == pytest.approx(math.log(3))
    with pytest.raises(ValueError, match="smoothing"):
        text_utils.bigram_cross_entropy(train, evaluation, 3, smoothing=0)


def test_bigram_beats_unigram_on_text():
    vocabulary = CharacterVocabulary.from_text(SAMPLE * 3)
    ids = vocabulary.encode(SAMPLE * 20)
    train, validation = text_utils.split_text(ids, 0.2)
    bigram = text_utils.bigram_cross_entropy(train, validation, vocabulary.size)
    unigram = text_utils.unigram_cross_entropy(train, validation, vocabulary.size)
    assert bigram < unigram < math.log(vocabulary.size)


def test_softmax_with_temperature():
    logits = torch.tensor([[1000.0, 1001.0, 999.0], [0.5, -2.0, 3.0]], dtype=torch.float64)
    for temperature in (0.5, 1.0, 2.0):
        probabilities = text_utils.softmax_with_temperature(logits, temperature)
        torch.testing.assert_close(probabilities, torch.softmax(logits / temperature, dim=-1))
        assert torch.isfinite(probabilities).all()
    greedy = text_utils.softmax_with_temperature(logits, 0)
    assert torch.equal(greedy, torch.tensor([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], dtype=torch.float64))
    with pytest.raises(ValueError, match=">= 0"):
        text_utils.softmax_with_temperature(logits, -1.0)


class NextLetter(nn.Module):
    """A stand-in recurrent model: it always predicts, with certainty, the id after the last one it read."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size
        self.scale = nn.Parameter(torch.tensor(50.0))
        self.calls = 0

    def forward(self, ids, state=None):
        self.calls += 1
        logits = self.scale * nn.functional.one_hot((ids + 1) % self.size, self.size).float()
        return logits, ("state", self.calls)


def test_generate_with_a_recurrent_model_is_greedy_at_temperature_zero():
    vocabulary = CharacterVocabulary("abcdef")
    model = NextLetter(vocabulary.size)
    model.train()
    result = text_utils.generate(model, vocabulary, "ab", 7, temperature=0)
    assert result == "abcdefabc"
    assert model.calls == 1 + 7  # the prompt once, then one call per new character
    assert model.training  # put back in the mode it was in


def test_generate_samples_reproducibly_and_tempers():
    torch.manual_seed(0)
    vocabulary = CharacterVocabulary("abcdefgh")
    embedding, lstm, head = nn.Embedding(8, 4), nn.LSTM(4, 16, batch_first=True), nn.Linear(16, 8)

    class Tiny(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding, self.lstm, self.head = embedding, lstm, head

        def forward(self, ids, state=None):
            output, state = self.lstm(self.embedding(ids), state)
            return self.head(output), state

    model = Tiny()
    first = text_utils.generate(model, vocabulary, "abc", 50, generator=torch.Generator().manual_seed(1))
    again = text_utils.generate(model, vocabulary, "abc", 50, generator=torch.Generator().manual_seed(1))
    other = text_utils.generate(model, vocabulary, "abc", 50, generator=torch.Generator().manual_seed(2))
    assert first == again != other
    assert first.startswith("abc") and len(first) == 53 and set(first) <= set("abcdefgh")
    hot = text_utils.generate(
        model, vocabulary, "abc", 300, temperature=100.0, generator=torch.Generator().manual_seed(1)
    )
    assert len(set(hot[3:])) == 8  # near-uniform sampling visits every character


def test_generate_with_a_context_model_sees_only_its_window():
    vocabulary = CharacterVocabulary("abcdefghij")
    seen: list[int] = []

    def model(ids):
        seen.append(ids.shape[1])
        return 50.0 * nn.functional.one_hot((ids + 1) % 10, 10).float()

    result = text_utils.generate(model, vocabulary, "abcd", 6, temperature=0, context_size=3)
    assert result == "abcdefghij"
    assert seen == [3] * 6


def test_generate_explains_bad_input():
    vocabulary = CharacterVocabulary("abc")
    model = NextLetter(3)
    with pytest.raises(ValueError, match="non-empty prompt"):
        text_utils.generate(model, vocabulary, "", 5)
    with pytest.raises(ValueError, match="not in the vocabulary"):
        text_utils.generate(model, vocabulary, "abz", 5)
    with pytest.raises(ValueError, match="sum to 1"):
        text_utils.generate(model, vocabulary, "ab", 5, probabilities=lambda logits, t: torch.exp(logits / t))
    with pytest.raises(ValueError, match="shape"):
        text_utils.generate(model, vocabulary, "ab", 5, probabilities=lambda logits, t: logits[:1])
    with pytest.raises(ValueError, match="context_size"):
        text_utils.generate(model, vocabulary, "ab", 5, context_size=0)
