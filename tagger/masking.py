"""The masking lesson: one model trained with pads masked out of the loss, one
with pads counted, and what counting them does to the accuracy.

On the lecture corpus the lesson uses the lecture's model; on a real treebank
it trains a small model on a seeded sample, so both trainings take seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from tagger.config import ModelConfig, TrainConfig
from tagger.corpus import Corpus
from tagger.metrics import masked_accuracy
from tagger.model import build_tagger
from tagger.training import EpochRecord, TrainingResult, train_tagger
from tagger.vocab import EncodedCorpus, encode_corpus

SAMPLE_SIZE = 300  # sentences of a real corpus the lesson trains on by default
SAMPLE_MIN_FREQ = 2  # words seen fewer times in the sample become <unk>
SAMPLE_MODEL = ModelConfig(kind="birnn", hidden=32, embedding_dim=32)
SAMPLE_TRAIN = TrainConfig(epochs=3, learning_rate=0.02, batch_size=32)
TABLE_SENTENCES = 10  # sentences of a sample shown with their pad answers
TABLE_WIDTH = 30  # positions of a sample shown, pads included


@dataclass(frozen=True)
class LessonSetup:
    """What the lesson trains on, and how."""

    corpus: Corpus  # the lecture's sentences, or a real corpus's sample
    data: EncodedCorpus  # padded to the lecture's ten, or the sample's longest
    model: ModelConfig
    train: TrainConfig  # its epochs are a default: the lesson is given its own

    @property
    def pads(self) -> int:
        mask = self.data.tensors.mask
        return int(mask.size - mask.sum())


@dataclass(frozen=True)
class MaskingRun:
    masked: bool  # whether pads were left out of the loss
    result: TrainingResult
    accuracy: float  # over real tokens only: what matters
    accuracy_with_pads: float  # over every position, pads included: inflated
    predicted: np.ndarray  # (sentences, maxlen) tag ids, pads included


def sample_corpus(corpus: Corpus, size: int, seed: int = 0) -> Corpus:
    """`size` sentences drawn without replacement, in the corpus's order.

    The whole corpus when it holds no more than `size` sentences.
    """
    if size < 1:
        raise ValueError("a sample needs at least one sentence")
    rng = np.random.default_rng(seed)
    picked = np.sort(rng.choice(len(corpus), min(size, len(corpus)), replace=False))
    return Corpus(
        f"{corpus.name} (sample)",
        tuple(corpus.sentences[i] for i in picked),
        tuple(corpus.tags[i] for i in picked),
    )


def lesson_setup(
    corpus: Corpus, sample_size: int = SAMPLE_SIZE, seed: int = 0
) -> LessonSetup:
    """The lecture's model on the lecture corpus; a small one on a real corpus's
    seeded sample, padded to its longest sentence, rare words as `<unk>`."""
    if corpus.is_lecture:
        return LessonSetup(corpus, encode_corpus(corpus), ModelConfig(), TrainConfig())
    sample = sample_corpus(corpus, sample_size, seed)
    data = encode_corpus(sample, min_freq=SAMPLE_MIN_FREQ)
    return LessonSetup(sample, data, SAMPLE_MODEL, SAMPLE_TRAIN)


def masking_lesson(
    setup: LessonSetup,
    epochs: int,
    on_epoch: Callable[[bool, EpochRecord], None] | None = None,
) -> tuple[MaskingRun, MaskingRun]:
    """The same model and seed trained twice: pads masked, then pads counted.

    `on_epoch(masked, record)` follows both trainings, epoch by epoch.
    """
    return tuple(
        _run(
            setup.data,
            setup.model,
            replace(setup.train, epochs=epochs, mask_pads=masked),
            on_epoch,
        )
        for masked in (True, False)
    )


def pad_answers(
    setup: LessonSetup,
    run: MaskingRun,
    sentences: int | None = None,
    width: int | None = None,
) -> list[dict[str, str]]:
    """One row per sentence: the run's tag at each position, pads in brackets,
    then the sentence; the first `sentences` rows and `width` positions."""
    rows = []
    for tokens, ids, length in zip(
        setup.corpus.sentences[:sentences],
        run.predicted[:sentences, :width],
        setup.data.tensors.lengths[:sentences],
        strict=True,
    ):
        tags = setup.data.tags.decode(ids)
        rows.append(
            {f"t{t}": tag if t < length else f"[{tag}]" for t, tag in enumerate(tags)}
            | {"sentence": " ".join(tokens)}
        )
    return rows


def _run(
    data: EncodedCorpus,
    config: ModelConfig,
    train: TrainConfig,
    on_epoch: Callable[[bool, EpochRecord], None] | None,
) -> MaskingRun:
    model = build_tagger(config, len(data.words), len(data.tags))
    report = None if on_epoch is None else partial(on_epoch, train.mask_pads)
    result = train_tagger(model, data.tensors, train, report)
    t = data.tensors
    # read every position, pads too: the model's own mask hides nothing from Dense
    predicted = np.argmax(model(t.x, training=False), axis=-1)  # (sentences, time)
    return MaskingRun(
        masked=train.mask_pads,
        result=result,
        accuracy=masked_accuracy(predicted, t.y, t.mask),
        accuracy_with_pads=masked_accuracy(predicted, t.y, np.ones_like(t.mask)),
        predicted=predicted,
    )
