"""The lecture's two taggers, each trained once per session at the lecture's settings.

A cache rather than a fixture: a session fixture imported into several test
modules is set up once per module, and training is the slow part of the suite.
Tests must treat the models as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tagger.config import ModelConfig, TrainConfig
from tagger.corpus import lecture_corpus
from tagger.model import build_tagger
from tagger.predict import Tagger
from tagger.training import TrainingResult, train_tagger
from tagger.vocab import encode_corpus


@dataclass(frozen=True)
class TrainedLecture:
    tagger: Tagger
    result: TrainingResult


@cache
def trained_lecture(kind: str) -> TrainedLecture:
    """A tagger of `kind` ("rnn" or "birnn") after the lecture's 30 epochs."""
    encoded = encode_corpus(lecture_corpus())
    config = ModelConfig(kind=kind)
    model = build_tagger(config, len(encoded.words), len(encoded.tags))
    result = train_tagger(model, encoded.tensors, TrainConfig())
    return TrainedLecture(Tagger(model, encoded.words, encoded.tags, config), result)
