"""The figures the lecture prints, and tables that set the app's own beside them.

The lecture prints its two dictionaries, the padded arrays, each model's
summary, the loss every five epochs and its predictions. Its losses come from
one run of its own: a run here matches their size, not every digit. Nothing
here imports TensorFlow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from tagger.config import LECTURE_DEFAULTS, ModelConfig, TrainConfig

RIGHT, WRONG = "✓", "✗"


@dataclass(frozen=True)
class SummaryLayer:
    """One layer's row of a Keras model summary."""

    name: str
    kind: str  # the layer's class
    output_shape: str
    params: int


@dataclass(frozen=True)
class LectureFigures:
    words: tuple[str, ...]  # the word dictionary; an entry's id is its position
    tags: tuple[str, ...]  # the tag dictionary
    x: tuple[tuple[int, ...], ...]  # (sentences, 10) word ids, post-padded with 0
    lengths: tuple[int, ...]  # real words in each sentence
    mask: tuple[tuple[int, ...], ...]  # (sentences, 10): 1 at a word, 0 at a pad
    y: tuple[tuple[int, ...], ...]  # (sentences, 10) tag ids, post-padded with 0
    summaries: Mapping[str, tuple[SummaryLayer, ...]]  # by model kind
    trainable: Mapping[str, int]  # trainable parameters by model kind
    learning_rate: float  # Adam's
    epochs: int
    batch_size: int
    losses: Mapping[str, Mapping[int, float]]  # by kind: the loss every 5th epoch


def _summary(recurrent: SummaryLayer, output_params: int) -> tuple[SummaryLayer, ...]:
    return (
        SummaryLayer("embedding", "Embedding", "(None, 10, 15)", 225),
        recurrent,
        SummaryLayer(
            "time_distributed", "TimeDistributed", "(None, 10, 8)", output_params
        ),
    )


LECTURE_FIGURES = LectureFigures(
    words=(
        "<pad>",
        *"I a changing deep difficult fast feel for framework hungry is learning "
        "tensorflow very".split(),
    ),
    tags=(
        "<pad>",
        *"adjective adverb determiner noun preposition pronoun verb".split(),
    ),
    x=(
        (1, 7, 10, 0, 0, 0, 0, 0, 0, 0),
        (13, 11, 14, 5, 0, 0, 0, 0, 0, 0),
        (13, 11, 2, 9, 8, 4, 12, 0, 0, 0),
        (13, 11, 14, 6, 3, 0, 0, 0, 0, 0),
    ),
    lengths=(3, 4, 7, 5),
    mask=(
        (1, 1, 1, 0, 0, 0, 0, 0, 0, 0),
        (1, 1, 1, 1, 0, 0, 0, 0, 0, 0),
        (1, 1, 1, 1, 1, 1, 1, 0, 0, 0),
        (1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
    ),
    y=(
        (6, 7, 1, 0, 0, 0, 0, 0, 0, 0),
        (4, 7, 2, 1, 0, 0, 0, 0, 0, 0),
        (4, 7, 3, 4, 5, 1, 4, 0, 0, 0),
        (4, 7, 2, 1, 7, 0, 0, 0, 0, 0),
    ),
    summaries={
        "rnn": _summary(
            SummaryLayer("simple_rnn", "SimpleRNN", "(None, 10, 10)", 260), 88
        ),
        "birnn": _summary(
            SummaryLayer("bidirectional", "Bidirectional", "(None, 10, 20)", 520), 168
        ),
    },
    trainable={"rnn": 348, "birnn": 688},
    learning_rate=0.1,
    epochs=30,
    batch_size=2,
    losses={
        "rnn": {5: 0.249, 10: 0.040, 15: 0.006, 20: 0.002, 25: 0.001, 30: 0.001},
        "birnn": {5: 0.052, 10: 0.002, 15: 0.000, 20: 0.000, 25: 0.000, 30: 0.000},
    },
)


def trained_the_lectures_way(
    model: ModelConfig, train: TrainConfig, epochs_done: int
) -> bool:
    """Whether a run had the lecture's settings, seeds aside, and all its epochs."""
    lecture = LECTURE_DEFAULTS
    return (
        replace(model, kind=lecture.model.kind, seed=lecture.model.seed)
        == lecture.model
        and replace(train, seed=lecture.train.seed) == lecture.train
        and epochs_done == lecture.train.epochs
    )


def dictionary_rows(
    entries: Sequence[str], lecture: Sequence[str]
) -> list[dict[str, object]]:
    """Each entry with its id here and its id in the lecture's dictionary."""
    return [
        {
            "entry": entry,
            "id": i,
            "lecture's id": lecture.index(entry) if entry in lecture else None,
        }
        for i, entry in enumerate(entries)
    ]


def summary_rows(layers: Sequence, trainable: int) -> list[dict[str, str]]:
    """A model summary as Keras prints it: a row per layer, then the totals.

    `layers` holds SummaryLayer rows, or tagger.model's LayerRow, which has the
    same fields.
    """
    total = sum(layer.params for layer in layers)
    rows = [
        {
            "Layer (type)": f"{layer.name} ({layer.kind})",
            "Output Shape": layer.output_shape,
            "Param #": f"{layer.params:,}",
        }
        for layer in layers
    ]
    totals = {
        "Total params": total,
        "Trainable params": trainable,
        "Non-trainable params": total - trainable,
    }
    return rows + [
        {"Layer (type)": name, "Output Shape": "", "Param #": f"{count:,}"}
        for name, count in totals.items()
    ]


def setup_rows(train: TrainConfig) -> list[dict[str, str]]:
    """The app's training setup beside the lecture's, a setting per row."""
    lecture = LECTURE_FIGURES
    return [
        {"setting": "optimizer", "app": "Adam", "lecture": "Adam"},
        {
            "setting": "learning rate",
            "app": f"{train.learning_rate:g}",
            "lecture": f"{lecture.learning_rate:g}",
        },
        {"setting": "epochs", "app": str(train.epochs), "lecture": str(lecture.epochs)},
        {
            "setting": "batch size",
            "app": str(train.batch_size),
            "lecture": str(lecture.batch_size),
        },
        {
            "setting": "order",
            "app": f"shuffled anew each epoch (seed {train.seed})",
            "lecture": "shuffled anew each epoch",
        },
        {
            # the loss masks pads, so how far a batch is padded changes nothing
            "setting": "padding",
            "app": "each batch to its longest sentence",
            "lecture": "every sentence to 10",
        },
    ]


def loss_rows(
    histories: Mapping[str, Sequence[float]], labels: Mapping[str, str]
) -> list[dict[str, object]]:
    """The loss every fifth epoch, as the lecture prints it, each run's beside it.

    `histories` maps a model kind to its loss per epoch, from the first.
    """
    rows = []
    for epoch in LECTURE_FIGURES.losses["rnn"]:
        row: dict[str, object] = {"epoch": epoch}
        for kind, losses in histories.items():
            shown = f"{losses[epoch - 1]:.3f}" if epoch <= len(losses) else ""
            row[f"{labels[kind]}: app"] = shown
            row[f"{labels[kind]}: lecture"] = (
                f"{LECTURE_FIGURES.losses[kind][epoch]:.3f}"
            )
        rows.append(row)
    return rows


def prediction_rows(
    words: Sequence[str], gold: Sequence[str], predicted: Mapping[str, Sequence[str]]
) -> list[dict[str, str]]:
    """A row per word: its gold tag, then each model's tag marked right or wrong.

    `predicted` maps a column name (a model) to its tag for each word.
    """
    return [
        {"word": word, "gold tag": tag}
        | {
            name: f"{tags[t]} {RIGHT if tags[t] == tag else WRONG}"
            for name, tags in predicted.items()
        }
        for t, (word, tag) in enumerate(zip(words, gold, strict=True))
    ]
