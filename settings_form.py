"""The Train page's settings widgets, turned into the library's config dataclasses.

Each widget keeps its value for the session, separately for the lecture corpus
and for real corpora, whose defaults differ.
"""

from __future__ import annotations

from collections.abc import Mapping
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
RANGES = {  # each number widget's bounds, which a link's values must respect too
    "epochs": (1, 200),
    "batch": (1, 1024),
    "hidden": (1, 512),
    "seed": (0, 2**31 - 1),
    "embedding": (1, 512),
    "features": (0, 128),
    "min_freq": (1, 100),
    "dropout": (0.0, 0.8),
    "word_dropout": (0.0, 0.5),
}
LABELS = {"kind": MODEL_LABELS, "cell": CELL_LABELS}  # how the URL names choices


def param_key(name: str, is_lecture: bool) -> str:
    """A setting's widget key, which is also its name in the URL."""
    return f"train_{name}_{'lecture' if is_lecture else 'real'}"


def training_settings(is_lecture: bool) -> tuple[ModelConfig, TrainConfig, int]:
    """Draw the settings; return the model and training configs and min frequency."""
    defaults = defaults_for(is_lecture)

    def keep(name: str) -> dict:
        # kept for the session, and in the URL, so a link reopens these settings
        return {
            "key": param_key(name, is_lecture),
            "persist_state": "session",
            "bind": "query-params",
        }

    left, right = st.columns(2)
    values = {
        "kind": left.radio(
            "Model",
            list(MODEL_LABELS),
            index=1,
            format_func=MODEL_LABELS.get,
            horizontal=True,
            **keep("kind"),
        ),
        "epochs": left.slider(
            "Epochs", *RANGES["epochs"], defaults.train.epochs, **keep("epochs")
        ),
        "lr": left.select_slider(
            "Learning rate (log scale)",
            LEARNING_RATES,
            defaults.train.learning_rate,
            **keep("lr"),
        ),
        "clip": left.checkbox(f"Clip gradients (norm {CLIPNORM:g})", **keep("clip")),
        "batch": right.number_input(
            "Batch size", *RANGES["batch"], defaults.train.batch_size, **keep("batch")
        ),
        "hidden": right.number_input(
            "Hidden units per direction",
            *RANGES["hidden"],
            defaults.model.hidden,
            **keep("hidden"),
        ),
        "seed": right.number_input("Seed", *RANGES["seed"], 0, **keep("seed")),
    }
    if not is_lecture:
        values |= real_corpus_settings(defaults, keep)
    return configs(values, is_lecture)


def real_corpus_settings(defaults: Defaults, keep) -> dict:
    """The settings only a real corpus has: embeddings, cell, regularization."""
    with st.expander("Embeddings, cell and regularization"):
        left, right = st.columns(2)
        return {
            "cell": left.selectbox(
                "Recurrent cell",
                CELLS,
                CELLS.index(defaults.model.cell),
                format_func=CELL_LABELS.get,
                **keep("cell"),
            ),
            "embedding": left.number_input(
                "Word embedding size",
                *RANGES["embedding"],
                defaults.model.embedding_dim,
                **keep("embedding"),
            ),
            "features": left.number_input(
                "Suffix and word-shape embedding size (0: words only)",
                *RANGES["features"],
                defaults.model.feature_dim,
                **keep("features"),
                help="Embeddings of each word's last two, three and four letters, "
                "its first three and its shape (Xx, d.d): they tell the model "
                "something about words it has never seen.",
            ),
            "min_freq": right.number_input(
                "Minimum word frequency (rarer words become <unk>)",
                *RANGES["min_freq"],
                defaults.min_freq,
                **keep("min_freq"),
            ),
            "dropout": right.slider(
                "Dropout on the RNN's inputs",
                *RANGES["dropout"],
                defaults.model.dropout,
                0.05,
                **keep("dropout"),
            ),
            "word_dropout": right.slider(
                "Word dropout (known words shown as <unk>)",
                *RANGES["word_dropout"],
                defaults.train.word_dropout,
                0.01,
                **keep("word_dropout"),
            ),
            "decay": right.checkbox(
                "Lower the learning rate along a cosine, to a tenth by the last epoch",
                defaults.train.decay,
                **keep("decay"),
            ),
        }


def configs(values: dict, is_lecture: bool) -> tuple[ModelConfig, TrainConfig, int]:
    """The model and training configs, and min frequency, that settings make."""
    defaults = defaults_for(is_lecture)
    model = replace(
        defaults.model,
        kind=values["kind"],
        hidden=int(values["hidden"]),
        seed=int(values["seed"]),
    )
    train = replace(
        defaults.train,
        epochs=int(values["epochs"]),
        learning_rate=values["lr"],
        batch_size=int(values["batch"]),
        seed=int(values["seed"]),
        clipnorm=CLIPNORM if values["clip"] else None,
    )
    if is_lecture:
        return model, train, defaults.min_freq
    model = replace(
        model,
        embedding_dim=int(values["embedding"]),
        feature_dim=int(values["features"]),
        dropout=values["dropout"],
        cell=values["cell"],
    )
    train = replace(train, word_dropout=values["word_dropout"], decay=values["decay"])
    return model, train, int(values["min_freq"])


def setting_values(
    model: ModelConfig, train: TrainConfig, min_freq: int, is_lecture: bool
) -> dict:
    """The settings widgets' values that give these configs, by setting name."""
    values = {
        "kind": model.kind,
        "epochs": train.epochs,
        "lr": train.learning_rate,
        "clip": train.clipnorm is not None,
        "batch": train.batch_size,
        "hidden": model.hidden,
        "seed": model.seed,
    }
    if not is_lecture:
        values |= {
            "cell": model.cell,
            "embedding": model.embedding_dim,
            "features": model.feature_dim,
            "min_freq": min_freq,
            "dropout": model.dropout,
            "word_dropout": train.word_dropout,
            "decay": train.decay,
        }
    return values


def settings_params(
    model: ModelConfig, train: TrainConfig, min_freq: int, is_lecture: bool
) -> dict[str, str]:
    """URL query parameters under which the Train page shows these settings."""
    values = setting_values(model, train, min_freq, is_lecture)
    return {
        param_key(name, is_lecture): url_text(LABELS.get(name, {}).get(value, value))
        for name, value in values.items()
    }


def url_text(value) -> str:
    """A value as Streamlit writes a bound widget's value into the URL."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def settings_from_params(
    params: Mapping[str, str], is_lecture: bool
) -> tuple[ModelConfig, TrainConfig, int]:
    """The settings a link's query parameters name, as `training_settings` gives.

    A value the widget would not accept counts as absent: the default is used.
    """
    defaults = defaults_for(is_lecture)
    default_values = setting_values(
        defaults.model, defaults.train, defaults.min_freq, is_lecture
    )
    values = dict(default_values)
    for name, default in default_values.items():
        text = params.get(param_key(name, is_lecture))
        value = None if text is None else parsed(name, text, default)
        if value is not None:
            values[name] = value
    return configs(values, is_lecture)


def parsed(name: str, text: str, default):
    """A setting's value from its URL text; None when the widget would refuse it."""
    if name in LABELS:
        by_label = {label: value for value, label in LABELS[name].items()}
        return by_label.get(text, text if text in LABELS[name] else None)
    if isinstance(default, bool):
        return {"true": True, "false": False}.get(text.lower())
    try:
        value = float(text)
    except ValueError:
        return None
    if name == "lr":
        return value if value in LEARNING_RATES else None
    low, high = RANGES[name]
    if not low <= value <= high or (isinstance(low, int) and not value.is_integer()):
        return None
    return type(low)(value)
