"""Settings for building and training a tagger, with the lecture's values as defaults.

`defaults_for` gives the settings that suit a corpus: the lecture's own for the
lecture corpus, larger ones with a trainable embedding for a real treebank.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("rnn", "birnn")
CELLS = ("simple", "gru", "lstm")


@dataclass(frozen=True)
class ModelConfig:
    kind: str = "birnn"  # "rnn" reads left to right, "birnn" both ways
    hidden: int = 10  # recurrent units per direction
    embedding_dim: int | None = None  # None: a frozen one-hot embedding
    feature_dim: int = 0  # size of suffix and word-shape embeddings; 0: none
    dropout: float = 0.0  # share of the RNN's inputs dropped in each training step
    cell: str = "simple"  # recurrent cell: "simple" (SimpleRNN), "gru" or "lstm"
    seed: int = 0  # seeds the initial weights

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(
                f"model must be one of {', '.join(KINDS)}, not {self.kind!r}"
            )
        if self.cell not in CELLS:
            raise ValueError(
                f"cell must be one of {', '.join(CELLS)}, not {self.cell!r}"
            )
        if self.hidden < 1:
            raise ValueError("hidden size must be at least 1")
        if self.embedding_dim is not None and self.embedding_dim < 1:
            raise ValueError("embedding size must be at least 1")
        if not 0 <= self.dropout < 1:
            raise ValueError("dropout must be at least 0 and below 1")
        if self.feature_dim < 0:
            raise ValueError("feature embedding size cannot be negative")
        if self.feature_dim and self.embedding_dim is None:
            raise ValueError("suffix and shape features need a trainable embedding")


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 30  # passes over the training sentences
    learning_rate: float = 0.1  # Adam's step size
    batch_size: int = 2  # sentences per step
    seed: int = 0  # seeds the order of sentences in each epoch
    clipnorm: float | None = None  # clip each gradient to this norm; None: no clipping
    bucket: bool = False  # batch sentences of similar length: less padding
    word_dropout: float = 0.0  # share of known words shown as <unk> in training
    decay: bool = False  # lower the learning rate along a cosine, to a tenth at the end
    mask_pads: bool = True  # False counts pad positions in the loss, as a lesson

    def __post_init__(self):
        if self.epochs < 1:
            raise ValueError("epochs must be at least 1")
        if not self.learning_rate > 0:
            raise ValueError("learning rate must be positive")
        if self.batch_size < 1:
            raise ValueError("batch size must be at least 1")
        if not 0 <= self.word_dropout < 1:
            raise ValueError("word dropout must be at least 0 and below 1")
        if self.clipnorm is not None and not self.clipnorm > 0:
            raise ValueError("gradient clipping norm must be positive")


@dataclass(frozen=True)
class Defaults:
    model: ModelConfig
    train: TrainConfig
    min_freq: int  # words seen fewer times in training become <unk>


LECTURE_DEFAULTS = Defaults(ModelConfig(), TrainConfig(), min_freq=1)
REAL_CORPUS_DEFAULTS = Defaults(
    ModelConfig(hidden=100, embedding_dim=100, feature_dim=25, dropout=0.3),
    TrainConfig(
        epochs=8,
        learning_rate=0.005,
        batch_size=32,
        bucket=True,
        word_dropout=0.05,
        decay=True,
    ),
    min_freq=2,
)


def epochs_label(count: int) -> str:
    """ "1 epoch", "2 epochs"."""
    return f"{count} epoch" if count == 1 else f"{count} epochs"


def defaults_for(is_lecture: bool) -> Defaults:
    """The lecture's settings for its corpus; settings for a real corpus otherwise."""
    return LECTURE_DEFAULTS if is_lecture else REAL_CORPUS_DEFAULTS
