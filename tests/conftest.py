"""Shared fixtures: the lecture corpus encoded, and the real treebank when present."""

from pathlib import Path

import pytest

from tagger.corpus import lecture_corpus
from tagger.vocab import encode_corpus

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
EWT_DEV = DATA / "ud-english-ewt" / "en_ewt-ud-dev.conllu"
EWT_TRAIN = DATA / "ud-english-ewt" / "en_ewt-ud-train.conllu"


@pytest.fixture(scope="session")
def lecture():
    return encode_corpus(lecture_corpus())


@pytest.fixture(scope="session")
def ewt_dev() -> Path:
    if not EWT_DEV.is_file():
        pytest.skip(f"the EWT dev file is not at {EWT_DEV}")
    return EWT_DEV
