"""Tests for tagger.loss: the lecture's masked sequence loss."""

import numpy as np
import pytest

from tagger.loss import sequence_loss

LENGTHS = np.array([3, 4, 7, 5], dtype=np.int32)
NUM_TAGS = 8


def lecture_formula(y, logits, lengths):
    """The lecture's loss in numpy: masked token cross-entropy, per sentence, mean."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    per_token = -np.take_along_axis(log_probs, y[..., None], axis=-1)[..., 0]
    mask = (np.arange(y.shape[1])[None, :] < lengths[:, None]).astype(np.float64)
    per_sentence = (per_token * mask).sum(axis=1) / lengths
    return per_sentence.mean()


def random_batch(rng, maxlen):
    """Tag ids with 0 at pads, and logits that are random garbage at pads too."""
    y = rng.integers(1, NUM_TAGS, size=(len(LENGTHS), maxlen))
    y[np.arange(maxlen)[None, :] >= LENGTHS[:, None]] = 0
    logits = rng.normal(scale=3.0, size=(len(LENGTHS), maxlen, NUM_TAGS))
    return y.astype(np.int32), logits.astype(np.float32)


def test_loss_matches_the_lectures_formula():
    y, logits = random_batch(np.random.default_rng(0), 10)

    loss = float(sequence_loss(y, logits, LENGTHS))

    assert loss == pytest.approx(lecture_formula(y, logits, LENGTHS), rel=1e-5)


def test_loss_does_not_depend_on_the_padded_width():
    rng = np.random.default_rng(1)
    y10, logits10 = random_batch(rng, 10)
    y50, logits50 = random_batch(rng, 50)
    y50[:, :10], logits50[:, :10] = y10, logits10  # same words, new pad garbage

    loss10 = float(sequence_loss(y10, logits10, LENGTHS))
    loss50 = float(sequence_loss(y50, logits50, LENGTHS))

    assert loss10 == pytest.approx(loss50, rel=1e-6)


def test_loss_ignores_pad_logits():
    rng = np.random.default_rng(2)
    y, logits = random_batch(rng, 10)
    garbled = logits.copy()
    pads = np.arange(10)[None, :] >= LENGTHS[:, None]
    garbled[pads] = rng.normal(scale=100.0, size=(pads.sum(), NUM_TAGS))

    assert float(sequence_loss(y, garbled, LENGTHS)) == float(
        sequence_loss(y, logits, LENGTHS)
    )


def test_every_sentence_weighs_the_same_whatever_its_length():
    # a perfect short sentence and a uniformly wrong long one: mean of 0 and log(8)
    y = np.array([[1, 0, 0, 0], [1, 1, 1, 1]], dtype=np.int32)
    logits = np.zeros((2, 4, NUM_TAGS), dtype=np.float32)
    logits[0, 0, 1] = 100.0

    loss = float(sequence_loss(y, logits, np.array([1, 4], dtype=np.int32)))

    assert loss == pytest.approx(np.log(NUM_TAGS) / 2, rel=1e-6)
