"""The masking lesson: one model trained with pads masked out of the loss, one
with pads counted, and what counting them does to the accuracy."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from tagger.config import ModelConfig, TrainConfig
from tagger.metrics import masked_accuracy
from tagger.model import build_tagger
from tagger.training import TrainingResult, train_tagger
from tagger.vocab import EncodedCorpus


@dataclass(frozen=True)
class MaskingRun:
    masked: bool  # whether pads were left out of the loss
    result: TrainingResult
    accuracy: float  # over real tokens only: what matters
    accuracy_with_pads: float  # over every position, pads included: inflated
    predicted: np.ndarray  # (sentences, maxlen) tag ids, pads included


def masking_lesson(
    data: EncodedCorpus, model: ModelConfig, train: TrainConfig
) -> tuple[MaskingRun, MaskingRun]:
    """The same model and seed trained twice: pads masked, then pads counted."""
    return tuple(
        _run(data, model, replace(train, mask_pads=masked)) for masked in (True, False)
    )


def _run(data: EncodedCorpus, config: ModelConfig, train: TrainConfig) -> MaskingRun:
    model = build_tagger(config, len(data.words), len(data.tags))
    result = train_tagger(model, data.tensors, train)
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
