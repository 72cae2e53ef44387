"""Tests for tagger.model: the lecture's parameter counts and seeded initial weights."""

import numpy as np
import pytest

from tagger.config import CELLS, ModelConfig
from tagger.model import build_tagger, layer_table, parameter_counts


@pytest.fixture(scope="module")
def rnn(lecture):
    return build_tagger(ModelConfig(kind="rnn"), len(lecture.words), len(lecture.tags))


@pytest.fixture(scope="module")
def birnn(lecture):
    return build_tagger(
        ModelConfig(kind="birnn"), len(lecture.words), len(lecture.tags)
    )


def test_one_way_model_has_the_lectures_parameter_counts(rnn):
    assert parameter_counts(rnn) == {
        "total": 573,
        "trainable": 348,
        "non_trainable": 225,
    }


def test_bidirectional_model_has_the_lectures_parameter_counts(birnn):
    assert parameter_counts(birnn) == {
        "total": 913,
        "trainable": 688,
        "non_trainable": 225,
    }


def test_one_way_layer_table_counts_each_layer(rnn):
    rows = layer_table(rnn)

    assert [row.params for row in rows] == [225, 260, 88]
    assert [row.trainable for row in rows] == [False, True, True]
    assert [row.output_shape for row in rows][-1] == "(None, None, 8)"


def test_bidirectional_layer_table_counts_each_layer(birnn):
    rows = layer_table(birnn)

    assert [row.params for row in rows] == [225, 520, 168]
    assert rows[1].kind == "Bidirectional"
    assert rows[1].output_shape == "(None, None, 20)"


def test_embedding_is_the_frozen_one_hot_identity(rnn):
    np.testing.assert_array_equal(rnn.layers[0].get_weights()[0], np.eye(15))


def test_same_seed_gives_the_same_initial_weights(lecture):
    def weights(seed):
        config = ModelConfig(kind="birnn", seed=seed)
        model = build_tagger(config, len(lecture.words), len(lecture.tags))
        return model.get_weights()

    first, again, other = weights(0), weights(0), weights(1)

    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not np.array_equal(first[1], other[1])


@pytest.mark.parametrize("cell", CELLS)
def test_two_bidirectional_models_with_one_seed_drop_the_same_inputs(cell):
    config = ModelConfig(
        kind="birnn", hidden=4, embedding_dim=4, dropout=0.5, cell=cell
    )
    x = np.array([[3, 4, 5, 6, 0], [7, 8, 9, 0, 0]])

    first, second = (build_tagger(config, 12, 5) for _ in range(2))

    np.testing.assert_array_equal(first(x, training=True), second(x, training=True))
