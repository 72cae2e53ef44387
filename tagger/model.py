"""The lecture's Keras taggers: embedding, one-way or bidirectional RNN, dense logits.

Every initializer is seeded from the config, so the same seed gives the same
weights in any process or session without touching global random state.
"""

from __future__ import annotations

from dataclasses import dataclass

import keras
from keras import layers, ops

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


@keras.saving.register_keras_serializable(package="tagger")
class FeatureEmbedding(layers.Layer):
    """Embeddings of a word and of its spelling features, side by side.

    Takes (batch, time, 1 + features) ids and gives (batch, time, sum of dims).
    The mask comes from the word id alone, 0 being a pad.
    """

    def __init__(self, sizes, dims, seed=0, **kwargs):
        super().__init__(**kwargs)
        self.sizes, self.dims, self.seed = tuple(sizes), tuple(dims), seed
        self.tables = [
            layers.Embedding(
                size,
                dim,
                embeddings_initializer=keras.initializers.RandomUniform(
                    -0.05, 0.05, seed=seed + i
                ),
                name="words" if i == 0 else f"feature_{i}",
            )
            for i, (size, dim) in enumerate(zip(self.sizes, self.dims, strict=True))
        ]

    def build(self, input_shape):
        for table in self.tables:
            table.build(input_shape[:-1])

    def call(self, ids):
        return ops.concatenate(
            [table(ids[..., i]) for i, table in enumerate(self.tables)], axis=-1
        )

    def compute_mask(self, ids, mask=None):
        return ops.not_equal(ids[..., 0], 0)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], sum(self.dims))

    def get_config(self):
        return {
            **super().get_config(),
            "sizes": self.sizes,
            "dims": self.dims,
            "seed": self.seed,
        }


def build_tagger(
    config: ModelConfig,
    vocab_size: int,
    num_tags: int,
    feature_sizes: tuple[int, ...] | None = None,
) -> keras.Model:
    """Embedding, recurrent layer and a per-token Dense layer giving tag logits.

    `feature_sizes`, the spelling features' vocabulary sizes, is needed when
    the config asks for those features.
    """
    seed = config.seed * 16  # room for a few distinct initializer seeds per model
    if config.feature_dim:
        if feature_sizes is None:
            raise ValueError("a model with features needs the feature vocabulary sizes")
        embedding = FeatureEmbedding(
            (vocab_size, *feature_sizes),
            (config.embedding_dim,) + (config.feature_dim,) * len(feature_sizes),
            seed=seed,
            name="embedding",
        )
    elif config.embedding_dim is None:
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
            dropout=config.dropout,
            seed=seed + seed_offset + 2,
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
        # Bidirectional rebuilds its forward layer from the layer's config, which
        # leaves out the dropout seed (Keras 3.15): give the copy its seed back
        recurrent.forward_layer.cell.seed_generator.state.assign([seed + 3, 0])
    output = TimeDistributed(
        layers.Dense(
            num_tags, kernel_initializer=keras.initializers.GlorotUniform(seed + 5)
        ),
        name="output",
    )
    width = 1 + len(feature_sizes) if config.feature_dim else None
    inputs = keras.Input((None, width) if width else (None,), dtype="int32")
    return keras.Sequential(
        [inputs, embedding, recurrent, output],
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
