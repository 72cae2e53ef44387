"""Links that reopen a setup in a new session: the corpus, the models, the sentence.

A link names the corpus, carries the Train page's settings under its widgets'
own URL keys, so the Train page opens showing them, and lists the models to
train again: with the same seeds they come out the same, loss curve and all.
"""

from __future__ import annotations

import math
from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

import app_state
from settings_form import (
    param_key,
    setting_values,
    settings_from_params,
    settings_params,
)
from tagger.config import KINDS, epochs_label
from tagger.sources import SOURCES

CORPUS = "corpus"  # URL parameter: the lecture's corpus or a treebank's name
MODELS = "models"  # URL parameter: the model kinds to train again, comma-separated
VIEWS = {  # the views' widget keys, and how the URL writes their values
    "lecture_step": str,
    "predict_text": str,
    "inside_text": str,
    "inside_kind": app_state.MODEL_LABELS.get,
    "inside_step": str,
}


def shareable(key: str) -> bool:
    """Whether a link can name this corpus: the lecture's or a public treebank."""
    return key == app_state.LECTURE_KEY or key in SOURCES


def setup_params() -> tuple[dict[str, str], list[str]]:
    """The current setup as URL parameters, and notes on what a link leaves out."""
    key, corpus = app_state.current_corpus()
    if not shareable(key):
        return {}, [
            f"An uploaded file cannot travel in a link: whoever opens it uploads "
            f"**{app_state.plain(corpus.name)}** too, then trains."
        ]
    params, notes = {CORPUS: key}, []
    trained = app_state.trained_runs()
    if trained:
        run = trained.get("birnn") or trained["rnn"]
        params[MODELS] = ",".join(trained)
        train, done = run.train_config, len(run.result.history)
        if done < train.epochs:
            notes.append(
                f"Training stopped after {done} of {train.epochs} epochs; the link "
                f"trains {done}."
            )
            train = replace(train, epochs=done)
        params |= settings_params(
            run.tagger.config, train, run.min_freq, corpus.is_lecture
        )
        if any(not same_settings(other, run) for other in trained.values()):
            notes.append(
                "The two models were trained with different settings; the link "
                "trains both with the bidirectional model's."
            )
    for name, url_text in VIEWS.items():
        if st.session_state.get(name) is not None:
            params[name] = url_text(st.session_state[name])
    return params, notes


def same_settings(run: app_state.Run, other: app_state.Run) -> bool:
    config = replace(run.tagger.config, kind=other.tagger.config.kind)
    return (config, run.train_config, run.min_freq) == (
        other.tagger.config,
        other.train_config,
        other.min_freq,
    )


def show_setup(slot) -> None:
    """Name the corpus in the URL, and draw in an empty slot a link to the setup."""
    key, _ = app_state.current_corpus()
    if shareable(key):
        st.query_params[CORPUS] = key
    else:
        st.query_params.pop(CORPUS, None)
    with slot.popover("Share this setup", icon=":material/share:", width="stretch"):
        params, notes = setup_params()
        link = f"{st.context.url or ''}?{urlencode(params, safe=',')}"
        st.code(link, language=None, wrap_lines=True)
        st.caption(
            "The link opens this page on the same corpus and sentence, and trains "
            "the same models with the same settings and seeds: the same loss "
            "curves, the same answers."
        )
        for note in notes:
            st.caption(note)


def open_shared_corpus(page) -> None:
    """Once a session, open the corpus a link names, downloading it if need be.

    `page` is the page the link opens.
    """
    if "share_link" in st.session_state:
        return
    drop_infinite_numbers(page)
    # kept: the URL changes as the user moves on, the link's models train later
    st.session_state.share_link = st.query_params.to_dict()
    name = st.session_state.share_link.get(CORPUS)
    if name is None or name == app_state.current_corpus()[0]:
        return
    if name in SOURCES:
        app_state.load_treebank(SOURCES[name])
    else:
        st.warning(
            f"The link names a corpus this app does not know, "
            f"'{app_state.plain(name)}'; the lecture corpus is open instead."
        )


def drop_infinite_numbers(page) -> None:
    """Open the page again without the URL's infinite numbers, if it has any.

    Streamlit's number widgets fail on them; reopening the page is how the
    widgets come to read the URL anew.
    """
    params = st.query_params.to_dict()
    finite = {name: text for name, text in params.items() if not infinite(name, text)}
    if finite != params:
        st.switch_page(page, query_params=finite)


def infinite(name: str, text: str) -> bool:
    if name.endswith("_text"):  # a sentence may well say "inf"
        return False
    try:
        return not math.isfinite(float(text))
    except ValueError:
        return False


def train_shared_models() -> None:
    """Train the models the session's link lists, on its corpus, if none is yet.

    The lecture's train in seconds and start at once; a treebank's take a
    minute or more, so they wait for a click.
    """
    st.session_state.share_offered = False  # whether a click is awaited, this run
    key, corpus = app_state.current_corpus()
    link = st.session_state.get("share_link", {})
    kinds = [k for k in KINDS if k in link.get(MODELS, "").split(",")]
    if not kinds or link.get(CORPUS) != key or app_state.trained_runs():
        return
    model, train, min_freq = settings_from_params(link, corpus.is_lecture)
    names = " and the ".join(app_state.MODEL_LABELS[kind] for kind in kinds)
    title = SOURCES[key].title if key in SOURCES else "the lecture's sentences"
    slot = st.empty()
    with slot.container():
        st.info(
            f"This link shares the {names} trained on {title}: "
            f"{epochs_label(train.epochs)}, learning rate {train.learning_rate:g}, "
            f"{model.hidden} hidden units, seed {train.seed}."
        )
        them = "them" if len(kinds) > 1 else "it"
        if not corpus.is_lecture and not st.button(
            f"Train {them} now", type="primary", key="share_train"
        ):
            st.session_state.share_offered = True
            return
        enc = app_state.encoded(min_freq, features=model.feature_dim > 0)
        for kind in kinds:
            app_state.train_run(replace(model, kind=kind), train, enc, min_freq)
    slot.empty()
    # the Train page, opened next, shows the settings these models were trained with
    values = setting_values(model, train, min_freq, corpus.is_lecture)
    for name, value in values.items():
        st.session_state[param_key(name, corpus.is_lecture)] = value
