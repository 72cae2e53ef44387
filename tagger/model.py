"""The lecture's Keras taggers: embedding, one-way or bidirectional RNN, dense logits.

Every initializer is seeded from the config, so the same seed gives the same
weights in any process or session without touching global random state.
"""

from __future__ import annotations

from dataclasses import dataclass

import keras
from keras import layers

from tagger.config import ModelConfig

CELL_LAYERS = {"simple": layers.SimpleRNN, "gru": layers.GRU, "lstm": layers.LSTM}


@keras.saving.register_keras_serializable(package="tagger")
class TimeDistributed(layers.TimeDistributed):
    """Keras's TimeDistributed, for a wrapped layer that acts on the last axis alone.

    Keras 3.15 maps over the batch instead of the time steps when both sizes
    are unknown while tracing, and a compiled step sees exactly that. Dense on
    the whole (batch, time, units) tensor is the same per-token computation.
    """

    def call(self, inputs, training=None, mask=None):
        return self.layer(inputs)


def build_tagger(config: ModelConfig, vocab_size: int, num_tags: int) -> keras.Model:
    """Embedding, recurrent layer and a per-token Dense layer giving tag logits."""
    seed = config.seed * 16  # room for a few distinct initializer seeds per model
    if config.embedding_dim is None:
        # the lecture's one-hot input: an identity matrix that training leaves alone
        embedding = layers.Embedding(
            vocab_size,
            vocab_size,
            mask_zero=True,
            trainable=False,
            embeddings_initializer="identity",
            name="embedding",
        )
    else:
        embedding = layers.Embedding(
            vocab_size,
            config.embedding_dim,
            mask_zero=True,
            embeddings_initializer=keras.initializers.RandomUniform(
                -0.05, 0.05, seed=seed
            ),
            name="embedding",
        )

    def cell(seed_offset: int, **kwargs) -> layers.Layer:
        return CELL_LAYERS[config.cell](
            config.hidden,
            return_sequences=True,
            kernel_initializer=keras.initializers.GlorotUniform(seed + seed_offset),
            recurrent_initializer=keras.initializers.Orthogonal(
                seed=seed + seed_offset + 1
            ),
            **kwargs,
        )

    if config.kind == "rnn":
        recurrent = cell(1, name="rnn")
    else:
        recurrent = layers.Bidirectional(
            cell(1, name="forward"),
            backward_layer=cell(3, name="backward", go_backwards=True),
            name="bidirectional",
        )
    output = TimeDistributed(
        layers.Dense(
            num_tags, kernel_initializer=keras.initializers.GlorotUniform(seed + 5)
        ),
        name="output",
    )
    return keras.Sequential(
        [keras.Input((None,), dtype="int32"), embedding, recurrent, output],
        name=f"{config.kind}_tagger",
    )


@dataclass(frozen=True)
class LayerRow:
    name: str
    kind: str
    output_shape: str
    params: int
    trainable: bool


def layer_table(model: keras.Model) -> list[LayerRow]:
    """One row per layer, as in Keras's summary."""
    return [
        LayerRow(
            layer.name,
            type(layer).__name__,
            str(layer.output.shape),
            layer.count_params(),
            layer.trainable,
        )
        for layer in model.layers
    ]


def parameter_counts(model: keras.Model) -> dict[str, int]:
    """Total, trainable and non-trainable parameter counts."""
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)
    total = model.count_params()
    return {"total": total, "trainable": trainable, "non_trainable": total - trainable}
