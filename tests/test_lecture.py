"""Tests for tagger.lecture: the lecture's printed figures are what the app computes."""

from dataclasses import replace

import numpy as np
import pytest

from tagger.config import LECTURE_DEFAULTS, ModelConfig
from tagger.lecture import (
    LECTURE_FIGURES,
    SummaryLayer,
    dictionary_rows,
    loss_rows,
    prediction_rows,
    setup_rows,
    summary_rows,
    trained_the_lectures_way,
)

LABELS = {"rnn": "one-way", "birnn": "bidirectional"}


def test_dictionaries_are_the_lectures(lecture):
    assert lecture.words.entries == LECTURE_FIGURES.words
    assert lecture.tags.entries == LECTURE_FIGURES.tags
    assert len(LECTURE_FIGURES.words) == 15
    assert len(LECTURE_FIGURES.tags) == 8


def test_padded_arrays_are_the_lectures(lecture):
    t = lecture.tensors

    np.testing.assert_array_equal(t.x, LECTURE_FIGURES.x)
    np.testing.assert_array_equal(t.lengths, LECTURE_FIGURES.lengths)
    np.testing.assert_array_equal(t.mask, LECTURE_FIGURES.mask)
    np.testing.assert_array_equal(t.y, LECTURE_FIGURES.y)


@pytest.mark.parametrize("kind", ["rnn", "birnn"])
def test_each_layer_has_the_lectures_parameter_count(lecture, kind):
    from tagger.model import build_tagger, layer_table, parameter_counts

    model = build_tagger(ModelConfig(kind=kind), len(lecture.words), len(lecture.tags))
    counts = parameter_counts(model)
    ours = [row.params for row in layer_table(model)]
    theirs = [layer.params for layer in LECTURE_FIGURES.summaries[kind]]

    assert ours == theirs
    assert counts["total"] == sum(theirs)
    assert counts["trainable"] == LECTURE_FIGURES.trainable[kind]


def test_default_training_is_the_lectures():
    train = LECTURE_DEFAULTS.train

    assert train.learning_rate == LECTURE_FIGURES.learning_rate
    assert train.epochs == LECTURE_FIGURES.epochs
    assert train.batch_size == LECTURE_FIGURES.batch_size
    assert all(row["app"] == row["lecture"] for row in setup_rows(train)[:4])


def test_a_run_of_either_kind_and_any_seed_is_trained_the_lectures_way():
    model, train = LECTURE_DEFAULTS.model, LECTURE_DEFAULTS.train

    assert trained_the_lectures_way(replace(model, kind="rnn", seed=4), train, 30)
    assert trained_the_lectures_way(model, replace(train, seed=9), 30)


def test_other_settings_or_fewer_epochs_are_not_the_lectures_way():
    model, train = LECTURE_DEFAULTS.model, LECTURE_DEFAULTS.train

    assert not trained_the_lectures_way(replace(model, hidden=20), train, 30)
    assert not trained_the_lectures_way(model, replace(train, epochs=45), 45)
    assert not trained_the_lectures_way(model, train, 12)  # stopped early


def test_dictionary_rows_give_an_unknown_entry_no_lecture_id():
    rows = dictionary_rows(["<pad>", "I", "easy"], LECTURE_FIGURES.words)

    assert [row["lecture's id"] for row in rows] == [0, 1, None]


def test_summary_rows_end_with_the_lectures_totals():
    rows = summary_rows(LECTURE_FIGURES.summaries["birnn"], 688)

    assert rows[1] == {
        "Layer (type)": "bidirectional (Bidirectional)",
        "Output Shape": "(None, 10, 20)",
        "Param #": "520",
    }
    assert [(row["Layer (type)"], row["Param #"]) for row in rows[3:]] == [
        ("Total params", "913"),
        ("Trainable params", "688"),
        ("Non-trainable params", "225"),
    ]


def test_summary_rows_take_a_layer_of_any_class_with_those_fields():
    rows = summary_rows([SummaryLayer("d", "Dense", "(None, 2)", 1200)], 0)

    assert rows[0]["Param #"] == "1,200"
    assert rows[-1]["Param #"] == "1,200"


def test_loss_rows_set_a_run_beside_the_lectures_printout():
    rows = loss_rows({"rnn": [0.5] * 9 + [0.0401]}, LABELS)

    assert [row["epoch"] for row in rows] == [5, 10, 15, 20, 25, 30]
    assert rows[1] == {
        "epoch": 10,
        "one-way: app": "0.040",
        "one-way: lecture": "0.040",
    }
    assert rows[2]["one-way: app"] == ""  # the run ended before epoch 15


def test_prediction_rows_mark_a_wrong_tag():
    rows = prediction_rows(
        ["I", "feel"], ["pronoun", "verb"], {"model": ["pronoun", "noun"]}
    )

    assert rows == [
        {"word": "I", "gold tag": "pronoun", "model": "pronoun ✓"},
        {"word": "feel", "gold tag": "verb", "model": "noun ✗"},
    ]
