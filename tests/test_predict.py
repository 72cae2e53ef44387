"""Tests for tagger.predict: tagging sentences and splitting logits by direction."""

import numpy as np
import pytest
from _trained import trained_lecture

from tagger.predict import predict_ids, predict_sentence

SENTENCE = ["tensorflow", "is", "very", "fast", "changing"]


@pytest.fixture(scope="module")
def birnn():
    return trained_lecture("birnn").tagger


@pytest.fixture(scope="module")
def rnn():
    return trained_lecture("rnn").tagger


def pad_to(x, width):
    return np.pad(x, ((0, 0), (0, width - x.shape[1])))


def test_forward_plus_backward_minus_bias_is_the_combined_logits(birnn):
    logits = birnn.direction_logits(SENTENCE)
    bias = birnn.model.layers[-1].layer.bias.numpy()

    combined = logits.forward + logits.backward - bias

    np.testing.assert_allclose(combined, logits.combined, atol=1e-5)


def test_combined_logits_are_the_models_own(birnn):
    ids = np.array([birnn.words.encode(SENTENCE)], dtype=np.int32)

    own = birnn.model(ids, training=False).numpy()[0]  # (time, tags)

    np.testing.assert_allclose(
        birnn.direction_logits(SENTENCE).combined, own, atol=1e-5
    )


def test_forward_logits_ignore_later_words(birnn):
    changed = SENTENCE[:3] + ["difficult"]  # same first three words

    before = birnn.direction_logits(SENTENCE).forward
    after = birnn.direction_logits(changed).forward

    np.testing.assert_allclose(after[:3], before[:3], atol=1e-6)
    assert not np.allclose(after[3], before[3])


def test_backward_logits_ignore_earlier_words(birnn):
    changed = ["I", "feel"] + SENTENCE[2:]  # same last three words

    before = birnn.direction_logits(SENTENCE).backward
    after = birnn.direction_logits(changed).backward

    np.testing.assert_allclose(after[2:], before[2:], atol=1e-6)
    assert not np.allclose(after[1], before[1])


def test_forward_choices_ignore_later_words(birnn):
    changed = SENTENCE[:3] + ["difficult"]

    before = predict_sentence(birnn, SENTENCE)
    after = predict_sentence(birnn, changed)

    assert [p.forward for p in after[:3]] == [p.forward for p in before[:3]]


@pytest.mark.parametrize("kind", ["rnn", "birnn"])
def test_predicted_ids_do_not_depend_on_padding_length(lecture, kind):
    model = trained_lecture(kind).tagger.model
    x = lecture.tensors.x

    at10 = predict_ids(model, pad_to(x, 10))
    at50 = predict_ids(model, pad_to(x, 50))

    np.testing.assert_array_equal(at50[:, :10], at10)
    assert not at50[:, 10:].any()


@pytest.mark.parametrize("kind", ["rnn", "birnn"])
def test_logits_at_words_do_not_depend_on_padding_length(lecture, kind):
    model = trained_lecture(kind).tagger.model
    x, real = lecture.tensors.x, lecture.tensors.mask.astype(bool)

    at10 = model(pad_to(x, 10), training=False).numpy()
    at50 = model(pad_to(x, 50), training=False).numpy()[:, :10]

    np.testing.assert_allclose(at50[real], at10[real], atol=1e-6)


def test_unknown_word_is_tagged_and_marked_unknown(birnn):
    predictions = predict_sentence(birnn, "tensorflow is very easy".split())

    assert [p.token for p in predictions] == ["tensorflow", "is", "very", "easy"]
    assert [p.known for p in predictions] == [True, True, True, False]
    assert all(p.tag in birnn.tags.entries[1:] for p in predictions)
    assert all(0.0 < p.p <= 1.0 for p in predictions)


def test_sentence_longer_than_the_lecture_padding_is_tagged_in_full(birnn):
    tokens = SENTENCE * 5  # 25 words, the lecture pads to 10

    predictions = predict_sentence(birnn, tokens)

    assert [p.token for p in predictions] == tokens
    assert all(p.tag in birnn.tags.entries[1:] for p in predictions)


def test_empty_sentence_gives_no_predictions(birnn):
    assert predict_sentence(birnn, []) == []


def test_one_way_model_has_no_direction_choices(rnn):
    predictions = predict_sentence(rnn, SENTENCE)

    assert [p.tag for p in predictions] == [
        "noun",
        "verb",
        "adverb",
        "adjective",
        "verb",
    ]
    assert all(p.forward is None and p.backward is None for p in predictions)


def test_bidirectional_model_has_both_direction_choices(birnn):
    predictions = predict_sentence(birnn, SENTENCE)

    assert [p.tag for p in predictions] == [
        "noun",
        "verb",
        "adverb",
        "adjective",
        "verb",
    ]
    assert all(p.forward is not None and p.backward is not None for p in predictions)
