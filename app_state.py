"""What the pages share through the session: the corpus and the runs trained on it.

Nothing here imports TensorFlow, so a page that only shows data stays light.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import streamlit as st

from tagger.corpus import (
    Corpus,
    CorpusError,
    lecture_corpus,
    read_corpus,
    split_corpus,
)
from tagger.sources import Source, SourceError, fetch
from tagger.vocab import EncodedCorpus, encode_corpus

if TYPE_CHECKING:
    from tagger.config import ModelConfig, TrainConfig
    from tagger.evaluation import Evaluation
    from tagger.predict import Tagger
    from tagger.training import TrainingResult

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:=^&])")
# where Markdown makes a link of bare text (www.…, …://…, …@…), escapes or not
AUTOLINK_MARKS = re.compile(r"(?i)(?<=www)\.|:(?=//)|@")
WORD_JOINER = "\u2060"  # invisible; it stands between the text and a link
LECTURE_KEY = "lecture"
MODEL_LABELS = {"rnn": "one-way RNN", "birnn": "bidirectional RNN"}


@dataclass
class Run:
    """One training of one model kind on the current corpus."""

    kind: str  # "rnn" or "birnn"
    tagger: Tagger
    train_config: TrainConfig
    result: TrainingResult  # grows epoch by epoch while training runs
    min_freq: int = 1  # rarer training words became <unk>
    accuracy: float | None = None  # masked training accuracy, once finished
    evaluation: Evaluation | None = None  # on the held-out part, once asked for
    replaces: Run | None = None  # the run it succeeds, kept until an epoch ends
    # a click reruns the page while the old run's thread still trains: the new
    # run sets `stop` and waits for `done` before it reads the model
    stop: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)


@st.cache_data(max_entries=4, show_spinner="Reading the corpus…")
def read_upload(data: bytes, name: str, fmt: str, options: dict) -> Corpus:
    """An uploaded file's corpus; the same bytes and options are read once."""
    return read_corpus(data, fmt, name, **options)


@st.cache_data(max_entries=8, show_spinner="Reading the corpus…")
def read_file(path: str, fmt: str, options: dict) -> Corpus:
    """A downloaded treebank file's corpus, read once for every session."""
    return read_corpus(path, fmt, **options)


@st.cache_data(max_entries=4)
def hold_out(corpus: Corpus, dev_fraction: float, seed: int) -> tuple[Corpus, Corpus]:
    return split_corpus(corpus, dev_fraction, seed)


def upload_key(name: str, data: bytes, *settings) -> str:
    """A plain-string key for an upload read with given settings."""
    digest = hashlib.sha1(data + repr(settings).encode()).hexdigest()[:10]
    return f"{name}#{digest}"


def load_treebank(source: Source) -> bool:
    """Download (once) and read a named treebank's training and dev files.

    Shows a progress bar while downloading, and an error, leaving the current
    corpus as it was, when a file cannot be fetched or read.
    """
    bar = st.progress(0.0, text=f"Fetching {source.title}…")
    try:
        parts = []
        for part, filename in (
            ("training", source.train_file),
            ("dev", source.dev_file),
        ):

            def show(done: int, total: int | None, part=part):
                share = min(done / total, 1.0) if total else 0.0
                bar.progress(
                    share, text=f"Downloading the {part} file: {done / 1e6:.1f} MB"
                )

            path = fetch(source, filename, show)
            parts.append(read_file(str(path), source.fmt, source.options))
    except (SourceError, CorpusError) as error:
        st.error(f"{plain(str(error))} The corpus is unchanged.")
        return False
    finally:
        bar.empty()
    set_corpus(parts[0], source.key, parts[1])
    return True


def current_corpus() -> tuple[str, Corpus]:
    """The training corpus the user chose on the Data page; the lecture's until then."""
    if "corpus" not in st.session_state:
        set_corpus(lecture_corpus(), LECTURE_KEY)
    return st.session_state.corpus_id, st.session_state.corpus


def current_dev() -> Corpus | None:
    """The held-out part of the current corpus; None for the lecture's."""
    current_corpus()
    return st.session_state.dev


def set_corpus(corpus: Corpus, key: str, dev: Corpus | None = None) -> None:
    st.session_state.corpus = corpus
    st.session_state.corpus_id = key
    st.session_state.dev = dev


def encoded(min_freq: int = 1, features: bool = False) -> EncodedCorpus:
    """The current corpus's vocabularies and tensors, computed once per setting."""
    key, corpus = current_corpus()
    cache: dict[tuple, EncodedCorpus] = st.session_state.setdefault("encoded", {})
    if (key, min_freq, features) not in cache:
        cache.clear()  # one corpus at a time: a real treebank's tensors are large
        cache[(key, min_freq, features)] = encode_corpus(
            corpus, min_freq=min_freq, features=features
        )
    return cache[(key, min_freq, features)]


def runs(key: str | None = None) -> dict[str, Run]:
    """Runs on a corpus, the current one by default, by model kind.

    Kept across page switches and corpus changes.
    """
    if key is None:
        key, _ = current_corpus()
    by_corpus: dict[str, dict[str, Run]] = st.session_state.setdefault("runs", {})
    return by_corpus.setdefault(key, {})


def trained_runs(key: str | None = None) -> dict[str, Run]:
    """A corpus's runs that have finished an epoch, the one-way model's first."""
    by_kind = runs(key)
    return {
        kind: by_kind[kind]
        for kind in MODEL_LABELS
        if kind in by_kind and by_kind[kind].result.history
    }


def trained_runs_or_stop() -> dict[str, Run]:
    """Runs on the current corpus that have finished an epoch.

    With none, says so, links to the Train page and stops the page; or just
    stops it, when a shared link's models wait to be trained.
    """
    _, corpus = current_corpus()
    trained = trained_runs()
    if not trained and st.session_state.get("share_offered"):
        st.stop()  # a shared link's models are offered above: that is what to do
    if not trained:
        st.info(
            f"No model has been trained on **{plain(corpus.name)}** yet. "
            "Train one first."
        )
        st.page_link(
            "app_pages/train.py", label="Go to Train", icon=":material/model_training:"
        )
        st.stop()
    return trained


def train_run(
    config: ModelConfig,
    train: TrainConfig,
    enc: EncodedCorpus,
    min_freq: int = 1,
    key: str | None = None,
) -> Run:
    """Train a model with a progress bar, and keep it among a corpus's runs.

    `enc` is the corpus, the current one unless `key` names another. The run
    is kept only once training ends: a rerun that interrupts it leaves no
    half-trained model behind.
    """
    from tagger.model import build_tagger
    from tagger.predict import Tagger
    from tagger.training import Trainer, TrainingResult

    sizes = None if enc.features is None else enc.features.sizes
    model = build_tagger(config, len(enc.words), len(enc.tags), sizes)
    tagger = Tagger(model, enc.words, enc.tags, config, enc.features)
    run = Run(config.kind, tagger, train, TrainingResult(), min_freq=min_freq)
    label = MODEL_LABELS[config.kind]
    bar = st.progress(0.0, text=f"Training the {label}…")

    def show_epoch(record):
        bar.progress(
            record.epoch / train.epochs,
            text=f"Training the {label}: epoch {record.epoch}/{train.epochs}, "
            f"loss {record.loss:.4f}",
        )

    Trainer(model, train).run(enc.tensors, show_epoch, run.stop.is_set, run.result)
    run.accuracy = training_accuracy(run, enc)
    run.done.set()
    bar.empty()
    runs(key)[config.kind] = run
    return run


def training_accuracy(run: Run, enc: EncodedCorpus) -> float:
    """A run's accuracy on the real tokens of the corpus it trained on."""
    from tagger.metrics import masked_accuracy
    from tagger.predict import predict_ids

    predicted = predict_ids(run.tagger.model, enc.tensors.x)
    return masked_accuracy(predicted, enc.tensors.y, enc.tensors.mask)


def plain(text: str) -> str:
    """Text from a user or a file, escaped so Streamlit's Markdown shows it as is.

    Web and mail addresses stay plain text, never links.
    """
    text = AUTOLINK_MARKS.sub(lambda mark: WORD_JOINER + mark.group(), text)
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)


def offer_downloads(run: Run) -> None:
    """Buttons that download a run's model, as a zip of its folder, and losses."""
    from tagger.storage import tagger_zip  # here: this module stays TensorFlow-free

    history = [[r.epoch, r.loss, round(r.seconds, 3)] for r in run.result.history]
    extra = {"history": history, "train": asdict(run.train_config)}
    left, right = st.columns(2)
    left.download_button(
        "Download the model (.zip)",
        lambda: tagger_zip(run.tagger, extra),  # built only when clicked
        file_name=f"{run.kind}-tagger.zip",
        mime="application/zip",
        key=f"train_zip_{run.kind}",
    )
    right.download_button(
        "Download the loss history (.csv)",
        "epoch,loss,seconds\n" + "".join(f"{e},{loss},{s}\n" for e, loss, s in history),
        file_name=f"{run.kind}-loss.csv",
        mime="text/csv",
        key=f"train_csv_{run.kind}",
    )


def import_run(data: bytes) -> Run | None:
    """A run from a model zip the command line or a download made; None if refused.

    The archive loads in Keras's safe mode: no code from it runs.
    """
    from tagger.config import TrainConfig
    from tagger.storage import ModelDirError, load_tagger_zip
    from tagger.training import EpochRecord, TrainingResult

    try:
        tagger, extra = load_tagger_zip(data)
        train = TrainConfig(**extra.get("train", {}))
    except (ModelDirError, TypeError, ValueError) as error:
        st.error(f"Could not use this file: {plain(str(error))}")
        return None
    history = [EpochRecord(e, loss, s) for e, loss, s in extra.get("history", [])]
    result = TrainingResult(history or [EpochRecord(1, float("nan"), 0.0)], "finished")
    result.message = "loaded from a file"
    run = Run(tagger.config.kind, tagger, train, result)
    run.done.set()
    return run


def sentence_tokens(key: str, default: str) -> list[str]:
    """A sentence box, kept for the session and in the URL, split into words.

    An empty box says to type a word and stops the page.
    """
    text = st.text_input(
        "Sentence (words separated by spaces)",
        default,
        key=key,
        persist_state="session",
        bind="query-params",  # a shared link opens this sentence
    )
    tokens = text.split()
    if not tokens:
        st.warning("Type at least one word.")
        st.stop()
    return tokens
