"""utils.sentiment: the fine-tuning recipe of 6_llms/03 and the artefact phase 7 serves."""

import copy
import itertools

import numpy as np
import pandas as pd
import pytest
import torch
import transformers

from utils import artifacts, models, sentiment


def tiny_classifier(seed=0, num_labels=2):
    torch.manual_seed(seed)
    config = transformers.BertConfig(vocab_size=30, hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
                                     intermediate_size=16, max_position_embeddings=16, hidden_dropout_prob=0.0,
                                     attention_probs_dropout_prob=0.0)
    return sentiment.SentimentClassifier(transformers.BertModel(config), num_labels=num_labels, dropout=0.0)


def test_length_sorted_batches_cover_every_index_once_and_group_similar_lengths():
    lengths = np.random.default_rng(0).integers(3, 60, size=103)
    batches = sentiment.length_sorted_batches(lengths, 10, seed=1)
    assert sorted(np.concatenate(batches).tolist()) == list(range(103))
    assert sorted(len(batch) for batch in batches) == [3] + [10] * 10
    spans = sorted((lengths[batch].min(), lengths[batch].max()) for batch in batches)
    assert all(previous[1] <= following[0] for previous, following in itertools.pairwise(spans))
    again = sentiment.length_sorted_batches(lengths, 10, seed=1)
    assert all(np.array_equal(a, b) for a, b in zip(batches, again, strict=True))
    other = sentiment.length_sorted_batches(lengths, 10, seed=2)
    assert [sorted(b.tolist()) for b in batches] != [sorted(b.tolist()) for b in other]
    with pytest.raises(ValueError, match="batch_size"):
        sentiment.length_sorted_batches(lengths, 0)


def test_epoch_batches_reshuffle_each_epoch():
    token_ids = [[1] * n for n in range(2, 22)]
    batches = sentiment.epoch_batches(token_ids, 4, epochs=2, seed=0)
    assert len(batches) == 10
    first, second = batches[:5], batches[5:]
    assert sorted(np.concatenate(first).tolist()) == sorted(np.concatenate(second).tolist()) == list(range(20))


def test_collate_pads_to_the_longest_and_masks_the_padding():
    batch = sentiment.collate([[5, 6, 7], [8]], [1, 0], pad_id=0)
    assert batch["input_ids"].tolist() == [[5, 6, 7], [8, 0, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 0, 0]]
    assert batch["labels"].tolist() == [1, 0] and batch["labels"].dtype == torch.long
    assert "labels" not in sentiment.collate([[1]])


@pytest.mark.parametrize("total, warmup", [(100, 10), (40, 25), (50, 0), (7, 7)])
def test_schedule_matches_transformers(total, warmup):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    reference = transformers.get_linear_schedule_with_warmup(optimizer, warmup, total).lr_lambdas[0]
    for step in range(total + 5):
        assert sentiment.linear_warmup_schedule(step, total, warmup, 2.0) == pytest.approx(2.0 * reference(step))


def test_split_reviews_is_seeded_and_disjoint():
    frame = pd.DataFrame({"text": [f"review {i}" for i in range(50)], "label": [i % 2 for i in range(50)]})
    train, test = sentiment.split_reviews(frame, 12, seed=3)
    assert len(train) == 38 and len(test) == 12
    assert not set(train.text) & set(test.text)
    assert sentiment.split_reviews(frame, 12, seed=3)[1].text.tolist() == test.text.tolist()
    with pytest.raises(ValueError, match="test_size"):
        sentiment.split_reviews(frame, 50)


def test_train_step_resets_stale_gradients_clips_and_schedules():
    model = tiny_classifier()
    for parameter in model.parameters():
        parameter.grad = torch.full_like(parameter, 100.0)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 0.5**step)
    batch = sentiment.collate([[3, 4, 5], [6, 7]], [1, 0])
    before = [parameter.detach().clone() for parameter in model.parameters()]
    loss = sentiment.train_step(model, batch, optimizer, scheduler, max_grad_norm=0.01)
    assert isinstance(loss, float) and model.training
    moved = torch.cat([(p.detach() - b).flatten() for p, b in zip(model.parameters(), before, strict=True)])
    assert moved.norm().item() == pytest.approx(0.1 * 0.01, rel=1e-4)  # one clipped SGD step of norm lr * 0.01
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.05)


def test_fine_tune_lowers_the_loss_of_a_tiny_model():
    model = tiny_classifier(1)
    token_ids = [[1 + (i % 2)] * 4 for i in range(64)]
    labels = np.arange(64) % 2
    losses = sentiment.fine_tune(model, token_ids, labels, epochs=3, batch_size=16, peak_lr=1e-2, seed=0)
    assert len(losses) == 12 and np.mean(losses[-3:]) < np.mean(losses[:3])
    probabilities = sentiment.evaluate(model, token_ids)
    assert probabilities.shape == (64, 2) and np.allclose(probabilities.sum(1), 1, atol=1e-6)
    assert (probabilities.argmax(1) == labels).mean() == 1.0


def test_classifier_loss_is_cross_entropy_and_ignores_padding():
    model = tiny_classifier().eval()
    batch = sentiment.collate([[3, 4], [5, 6, 7]], [0, 1])
    output = model(**batch)
    assert output["logits"].shape == (2, 2)
    assert torch.allclose(output["loss"], torch.nn.functional.cross_entropy(output["logits"], batch["labels"]))
    padded = copy.deepcopy(batch)
    padded["input_ids"][0, 2] = 9  # a different token in the padding: no effect
    assert torch.allclose(model(**padded)["logits"], output["logits"], atol=1e-6)


def test_embed_matches_the_packaged_pooling():
    tokenizer, encoder = models.load(sentiment.MODEL)
    texts = ["A triumph.", "Dull, overlong and far too pleased with itself.", "Fine."]
    ours = sentiment.embed(encoder, sentiment.tokenize(tokenizer, texts, 512))
    assert np.allclose(ours, np.asarray(models.encode(sentiment.MODEL, texts, tokenizer, encoder)), atol=1e-5)


def test_mixed_precision_dtype_and_the_registered_artefact():
    assert sentiment.mixed_precision_dtype("cpu") in (torch.bfloat16, None)
    assert sentiment.mixed_precision_dtype("meta") is None
    assert sentiment.ARTIFACT in artifacts.available()
    assert "train_step" in " ".join(artifacts.code_sources(sentiment.build_sentiment_classifier))
