"""What the pages share through the session: the corpus and the runs trained on it.

Nothing here imports TensorFlow, so a page that only shows data stays light.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import streamlit as st

from tagger.corpus import Corpus, lecture_corpus, read_conllu
from tagger.vocab import EncodedCorpus, encode_corpus

if TYPE_CHECKING:
    from tagger.config import TrainConfig
    from tagger.predict import Tagger
    from tagger.training import TrainingResult

MODEL_LABELS = {"rnn": "one-way RNN", "birnn": "bidirectional RNN"}


@dataclass
class Run:
    """One training of one model kind on the current corpus."""

    kind: str  # "rnn" or "birnn"
    tagger: Tagger
    train_config: TrainConfig
    result: TrainingResult  # grows epoch by epoch while training runs
    accuracy: float | None = None  # masked training accuracy, once finished
    # a click reruns the page while the old run's thread still trains: the new
    # run sets `stop` and waits for `done` before it reads the model
    stop: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)


@st.cache_data(max_entries=4, show_spinner="Reading the corpus…")
def parse_conllu(data: bytes, name: str) -> Corpus:
    return read_conllu(data, name)


def corpus_id(corpus: Corpus, data: bytes | None = None) -> str:
    """A plain-string key for a corpus: its name, plus a digest for an upload."""
    if data is None:
        return corpus.name
    return f"{corpus.name}#{hashlib.sha1(data).hexdigest()[:10]}"


def current_corpus() -> tuple[str, Corpus]:
    """The corpus the user chose on the Data page; the lecture's until then."""
    if "corpus" not in st.session_state:
        st.session_state.corpus = lecture_corpus()
        st.session_state.corpus_id = corpus_id(st.session_state.corpus)
    return st.session_state.corpus_id, st.session_state.corpus


def set_corpus(corpus: Corpus, key: str) -> None:
    st.session_state.corpus = corpus
    st.session_state.corpus_id = key


def encoded(min_freq: int = 1) -> EncodedCorpus:
    """The current corpus's vocabularies and tensors, computed once per setting."""
    key, corpus = current_corpus()
    cache: dict[tuple[str, int], EncodedCorpus] = st.session_state.setdefault(
        "encoded", {}
    )
    if (key, min_freq) not in cache:
        cache.clear()  # one corpus at a time: a real treebank's tensors are large
        cache[(key, min_freq)] = encode_corpus(corpus, min_freq=min_freq)
    return cache[(key, min_freq)]


def runs() -> dict[str, Run]:
    """Runs on the current corpus, by model kind; kept across page switches."""
    key, _ = current_corpus()
    by_corpus: dict[str, dict[str, Run]] = st.session_state.setdefault("runs", {})
    return by_corpus.setdefault(key, {})
