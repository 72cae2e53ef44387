"""Tests for tagger.training: the lecture's outcome, the epoch callbacks, divergence."""

import math

import numpy as np
import pytest
from _trained import trained_lecture

from tagger.config import ModelConfig, TrainConfig
from tagger.metrics import masked_accuracy
from tagger.model import build_tagger
from tagger.predict import predict_ids
from tagger.training import Trainer, train_tagger


def fresh_model(lecture, kind="rnn", hidden=10):
    config = ModelConfig(kind=kind, hidden=hidden)
    return build_tagger(config, len(lecture.words), len(lecture.tags))


def all_finite(model):
    return all(np.isfinite(w).all() for w in model.get_weights())


@pytest.mark.parametrize("kind", ["rnn", "birnn"])
def test_lecture_model_tags_every_training_word_correctly(lecture, kind):
    model = trained_lecture(kind).tagger.model
    data = lecture.tensors

    predicted = predict_ids(model, data.x)

    assert masked_accuracy(predicted, data.y, data.mask) == 1.0


@pytest.mark.parametrize("kind", ["rnn", "birnn"])
def test_lecture_model_ends_with_a_loss_below_a_hundredth(kind):
    result = trained_lecture(kind).result

    assert result.status == "finished"
    assert result.history[-1].loss < 0.01


def test_history_has_one_record_per_epoch_in_order():
    history = trained_lecture("rnn").result.history

    assert [record.epoch for record in history] == list(range(1, 31))
    seconds = [record.seconds for record in history]
    assert seconds == sorted(seconds)
    assert trained_lecture("rnn").result.seconds == seconds[-1]


def test_on_epoch_is_called_once_per_epoch_with_its_record(lecture):
    seen = []

    result = train_tagger(
        fresh_model(lecture),
        lecture.tensors,
        TrainConfig(epochs=3),
        on_epoch=seen.append,
    )

    assert seen == result.history
    assert [record.epoch for record in seen] == [1, 2, 3]


def test_should_stop_ends_training_before_the_next_epoch(lecture):
    seen = []

    result = train_tagger(
        fresh_model(lecture),
        lecture.tensors,
        TrainConfig(),
        on_epoch=seen.append,
        should_stop=lambda: len(seen) >= 3,
    )

    assert result.status == "stopped"
    assert len(result.history) == 3
    assert result.message == "stopped after 3 epochs"


def test_same_seed_gives_the_same_loss_history(lecture):
    again = train_tagger(fresh_model(lecture), lecture.tensors, TrainConfig())

    first = [record.loss for record in trained_lecture("rnn").result.history]
    assert [record.loss for record in again.history] == first


def test_another_shuffling_seed_gives_another_loss_history(lecture):
    other = train_tagger(
        fresh_model(lecture), lecture.tensors, TrainConfig(epochs=3, seed=1)
    )

    first = [record.loss for record in trained_lecture("rnn").result.history[:3]]
    assert [record.loss for record in other.history] != first


def test_huge_learning_rate_diverges_and_leaves_finite_weights(lecture):
    # Adam's steps are about the learning rate in size: 1e38 overflows float32
    model = fresh_model(lecture, hidden=64)

    result = train_tagger(model, lecture.tensors, TrainConfig(learning_rate=1e38))

    assert result.status == "diverged"
    assert len(result.history) < 30
    assert all(math.isfinite(record.loss) for record in result.history)
    assert all_finite(model)


def test_diverged_model_keeps_the_weights_of_its_last_finite_epoch(lecture):
    model = fresh_model(lecture, hidden=64)
    snapshots = [model.get_weights()]

    result = train_tagger(
        model,
        lecture.tensors,
        TrainConfig(learning_rate=1e37),
        on_epoch=lambda record: snapshots.append(model.get_weights()),
    )

    assert result.status == "diverged"
    assert len(snapshots) == len(result.history) + 1
    kept = model.get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(kept, snapshots[-1], strict=True))


def test_a_callback_raising_mid_epoch_leaves_the_last_finished_epoch(lecture):
    model = build_tagger(ModelConfig(), len(lecture.words), len(lecture.tags))
    snapshots = []

    def interrupt(done, total):
        if len(snapshots) == 2 and done == 1:
            raise KeyboardInterrupt  # as a page rerun interrupts its script

    with pytest.raises(KeyboardInterrupt):
        Trainer(model, TrainConfig()).run(
            lecture.tensors,
            on_epoch=lambda record: snapshots.append(model.get_weights()),
            on_batch=interrupt,
        )

    for now, after_epoch_2 in zip(model.get_weights(), snapshots[-1], strict=True):
        np.testing.assert_array_equal(now, after_epoch_2)
