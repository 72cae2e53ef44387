"""Data page: the corpus as the model sees it, vocabularies and padded tensors."""

import numpy as np
import pandas as pd
import streamlit as st

import app_state
from tagger.charts import length_figure, matrix_figure, tag_counts_figure
from tagger.config import defaults_for
from tagger.corpus import (
    FORMATS,
    CorpusError,
    guess_columns,
    guess_format,
    lecture_corpus,
)
from tagger.sources import SOURCES
from tagger.statistics import corpus_stats
from tagger.vocab import PAD

ORIGINS = ("Lecture corpus (4 sentences)", "Public treebank", "Upload a file")
FORMAT_LABELS = {
    "conllu": "CoNLL-U",
    "columns": "Columns (IOB2, CoNLL-2003)",
    "slash": "One sentence per line, word/TAG",
}
PREVIEW_DEFAULT = 20  # sentences shown for a real corpus; the lecture shows all four
PREVIEW_MAX = 200  # more would make the heatmaps unreadable


def keep(name: str) -> dict:
    # kept for the session, and in the URL, so a link reopens these settings;
    # a file's format and columns are guessed from each file instead
    return {"key": f"data_{name}", "persist_state": "session", "bind": "query-params"}


def use_lecture_corpus():
    if st.session_state.data_origin == ORIGINS[0]:
        app_state.set_corpus(lecture_corpus(), app_state.LECTURE_KEY)


def read_uploaded_file(upload) -> None:
    """Ask how to read an upload, then read it and hold out a dev part."""
    data = upload.getvalue()
    left, right = st.columns(2)
    guessed = guess_format(upload.name, data)
    fmt = left.selectbox(
        "Format", FORMATS, FORMATS.index(guessed), format_func=FORMAT_LABELS.get
    )
    options = {}
    if fmt == "conllu":
        options["tag_column"] = right.radio(
            "Tag column",
            ("upos", "xpos"),
            format_func=str.upper,
            horizontal=True,
            **keep("tagset"),
        )
    elif fmt == "columns":
        token, tag, count = guess_columns(data)
        options["token_column"] = (
            right.number_input("Token column", 1, 99, token + 1) - 1
        )
        options["tag_column"] = right.number_input("Tag column", 1, 99, tag + 1) - 1
    held_out = left.slider("Held out for evaluation (%)", 5, 50, 10, **keep("holdout"))
    seed = right.number_input("Hold-out seed", 0, 2**31 - 1, 0, **keep("seed"))
    try:
        whole = app_state.read_upload(data, upload.name, fmt, options)
        train, dev = app_state.hold_out(whole, held_out / 100, int(seed))
    except (CorpusError, ValueError) as error:
        st.error(
            "Could not read this file, so the corpus is unchanged. "
            + app_state.plain(str(error))
        )
        return
    key = app_state.upload_key(upload.name, data, fmt, options, held_out, seed)
    if key != app_state.current_corpus()[0]:
        app_state.set_corpus(train, key, dev)
    if whole.warnings:
        with st.expander(f"⚠ {len(whole.warnings)} warnings while reading"):
            st.text("\n".join(whole.warnings))


st.title("Data")
st.write(
    "Before an RNN reads a sentence, every word becomes an id, every sentence is "
    "padded to the same length, and a mask marks which positions are real words. "
    "These are the arrays the model trains on."
)

key, corpus = app_state.current_corpus()
origin = 0 if corpus.is_lecture else 1 if key in SOURCES else 2
st.radio(
    "Corpus",
    ORIGINS,
    origin,
    horizontal=True,
    key="data_origin",
    on_change=use_lecture_corpus,
)
if st.session_state.data_origin == ORIGINS[1]:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    name = left.selectbox(
        "Treebank",
        list(SOURCES),
        format_func=lambda k: SOURCES[k].title,
        **keep("treebank"),
    )
    if right.button("Load", key="data_load", type="primary"):
        app_state.load_treebank(SOURCES[name])
    st.caption(
        f"Downloaded once from github.com/{SOURCES[name].repo} and kept on disk; "
        f"{SOURCES[name].licence}. Its own dev file is used for evaluation."
    )
elif st.session_state.data_origin == ORIGINS[2]:
    upload = st.file_uploader(
        "A tagged corpus: CoNLL-U, token/tag columns, or word/TAG lines",
        type=["conllu", "iob2", "bio", "conll", "tsv", "txt"],
        key="data_upload",
    )
    if upload is not None:
        read_uploaded_file(upload)
key, corpus = app_state.current_corpus()
dev = app_state.current_dev()

min_freq = defaults_for(corpus.is_lecture).min_freq
enc = app_state.encoded(min_freq)
t = enc.tensors
stats = corpus_stats(corpus, dev, enc.words)
st.subheader(f"Corpus: {app_state.plain(corpus.name)}")
cols = st.columns(4)
cols[0].metric("sentences", f"{stats.sentences:,}")
cols[1].metric("tokens", f"{stats.tokens:,}")
cols[2].metric("word vocabulary", f"{len(enc.words):,}")
cols[3].metric("tag set", len(enc.tags))
if dev is not None:
    cols = st.columns(4)
    cols[0].metric("dev sentences", f"{stats.dev_sentences:,}")
    cols[1].metric("dev tokens", f"{stats.dev_tokens:,}")
    cols[2].metric(
        "dev tokens unknown to training",
        f"{stats.dev_unknown / max(stats.dev_tokens, 1):.1%}",
        help=f"{stats.dev_unknown:,} dev tokens map to <unk>.",
    )
if not corpus.is_lecture:
    st.caption(
        f"{stats.vocabulary:,} distinct words; those seen fewer than {min_freq} times "
        f"map to `<unk>` (id 1). Sentences are padded to the longest one, "
        f"{t.x.shape[1]} tokens."
    )
    left, right = st.columns(2)
    left.plotly_chart(tag_counts_figure(stats.tag_counts), key="data_tags")
    right.plotly_chart(length_figure(stats.lengths), key="data_lengths")

# vocabularies
st.subheader("Vocabularies")
left, right = st.columns(2)
left.markdown("**Words** (`<pad>` is 0, then the sorted vocabulary)")
left.dataframe(
    {"word": list(enc.words.entries), "id": list(range(len(enc.words)))},
    height=300,
    hide_index=True,
)
right.markdown("**Tags**")
right.dataframe(
    {"tag": list(enc.tags.entries), "id": list(range(len(enc.tags)))},
    height=300,
    hide_index=True,
)

# padded tensors, for the first few sentences of a large corpus
st.subheader("Padded tensors")
shown = min(len(corpus), PREVIEW_MAX)
if not corpus.is_lecture and shown > 1:
    shown = st.slider(
        "Sentences shown", 1, shown, min(PREVIEW_DEFAULT, shown), **keep("rows")
    )
width = t.x.shape[1] if corpus.is_lecture else int(t.lengths[:shown].max())
words_hover = [
    [s[i] if i < len(s) else PAD for i in range(width)]
    for s in corpus.sentences[:shown]
]
tags_hover = [
    [f"{w}: {g[i]}" if i < len(g) else PAD for i, w in enumerate(row)]
    for row, g in zip(words_hover, corpus.tags[:shown], strict=True)
]
rows = [f"s{i}" for i in range(shown)]
tensors = {
    "x: word ids": (t.x[:shown, :width], words_hover, "Blues"),
    "mask": (t.mask[:shown, :width].astype(int), words_hover, "Greens"),
    "y: tag ids": (t.y[:shown, :width], tags_hover, "Purples"),
}
tabs = st.tabs([*tensors, "lengths"])
for tab, (name, (values, hover, scale)) in zip(tabs, tensors.items(), strict=False):
    with tab:
        st.plotly_chart(
            matrix_figure(values, hover, name, scale, rows),
            key=f"data_{name}",
            config={"displayModeBar": False},
        )
        st.dataframe(pd.DataFrame(values, index=rows))
with tabs[-1]:
    st.write("Valid lengths: the number of real tokens in each sentence.")
    st.dataframe(
        {"sentence": rows, "length": t.lengths[:shown]}, hide_index=True, width=300
    )
st.caption(
    f"Shape of the full arrays: {t.x.shape[0]:,} sentences × {t.x.shape[1]} time "
    "steps. "
    f"{int(t.mask.sum()):,} real tokens, {int(np.size(t.mask) - t.mask.sum()):,} pads."
)
st.page_link(
    "app_pages/train.py",
    label="Next: train a tagger on this corpus",
    icon=":material/model_training:",
)
