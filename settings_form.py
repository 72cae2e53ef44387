"""The Train page's settings widgets, turned into the library's config dataclasses.

Each widget keeps its value for the session, separately for the lecture corpus
and for real corpora, whose defaults differ.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from app_state import MODEL_LABELS
from tagger.config import CELLS, Defaults, ModelConfig, TrainConfig, defaults_for

LEARNING_RATES = (
    1e-4,
    2e-4,
    5e-4,
    1e-3,
    2e-3,
    5e-3,
    0.01,
    0.02,
    0.05,
    0.1,
    0.2,
    0.5,
    1.0,
)
CELL_LABELS = {"simple": "SimpleRNN (the lecture's)", "gru": "GRU", "lstm": "LSTM"}
CLIPNORM = 1.0  # gradient norm limit when clipping is on


def training_settings(is_lecture: bool) -> tuple[ModelConfig, TrainConfig, int]:
    """Draw the settings; return the model and training configs and min frequency."""
    defaults = defaults_for(is_lecture)
    scope = "lecture" if is_lecture else "real"

    def keep(name: str) -> dict:
        # kept for the session, and in the URL, so a link reopens these settings
        return {
            "key": f"train_{name}_{scope}",
            "persist_state": "session",
            "bind": "query-params",
        }

    left, right = st.columns(2)
    kind = left.radio(
        "Model",
        list(MODEL_LABELS),
        index=1,
        format_func=MODEL_LABELS.get,
        horizontal=True,
        **keep("kind"),
    )
    epochs = left.slider("Epochs", 1, 200, defaults.train.epochs, **keep("epochs"))
    learning_rate = left.select_slider(
        "Learning rate (log scale)",
        LEARNING_RATES,
        defaults.train.learning_rate,
        **keep("lr"),
    )
    clip = left.checkbox(f"Clip gradients (norm {CLIPNORM:g})", **keep("clip"))
    batch_size = right.number_input(
        "Batch size", 1, 1024, defaults.train.batch_size, **keep("batch")
    )
    hidden = right.number_input(
        "Hidden units per direction", 1, 512, defaults.model.hidden, **keep("hidden")
    )
    seed = right.number_input("Seed", 0, 2**31 - 1, 0, **keep("seed"))
    model = ModelConfig(kind=kind, hidden=int(hidden), seed=int(seed))
    train = TrainConfig(
        epochs=epochs,
        learning_rate=learning_rate,
        batch_size=int(batch_size),
        seed=int(seed),
        clipnorm=CLIPNORM if clip else None,
    )
    if is_lecture:
        return model, train, defaults.min_freq
    return real_corpus_settings(defaults, model, train, keep)


def real_corpus_settings(
    defaults: Defaults, model: ModelConfig, train: TrainConfig, keep
) -> tuple[ModelConfig, TrainConfig, int]:
    """The settings only a real corpus has: embeddings, cell, regularization."""
    with st.expander("Embeddings, cell and regularization"):
        left, right = st.columns(2)
        cell = left.selectbox(
            "Recurrent cell",
            CELLS,
            CELLS.index(defaults.model.cell),
            format_func=CELL_LABELS.get,
            **keep("cell"),
        )
        embedding_dim = left.number_input(
            "Word embedding size",
            1,
            512,
            defaults.model.embedding_dim,
            **keep("embedding"),
        )
        feature_dim = left.number_input(
            "Suffix and word-shape embedding size (0: words only)",
            0,
            128,
            defaults.model.feature_dim,
            **keep("features"),
            help="Embeddings of each word's last two, three and four letters, its "
            "first three and its shape (Xx, d.d): they tell the model something "
            "about words it has never seen.",
        )
        min_freq = right.number_input(
            "Minimum word frequency (rarer words become <unk>)",
            1,
            100,
            defaults.min_freq,
            **keep("min_freq"),
        )
        dropout = right.slider(
            "Dropout on the RNN's inputs",
            0.0,
            0.8,
            defaults.model.dropout,
            0.05,
            **keep("dropout"),
        )
        word_dropout = right.slider(
            "Word dropout (known words shown as <unk>)",
            0.0,
            0.5,
            defaults.train.word_dropout,
            0.01,
            **keep("word_dropout"),
        )
        decay = right.checkbox(
            "Lower the learning rate along a cosine, to a tenth by the last epoch",
            defaults.train.decay,
            **keep("decay"),
        )
    model = replace(
        model,
        embedding_dim=int(embedding_dim),
        feature_dim=int(feature_dim),
        dropout=dropout,
        cell=cell,
    )
    train = replace(
        train, bucket=defaults.train.bucket, word_dropout=word_dropout, decay=decay
    )
    return model, train, int(min_freq)
