"""Data page: the corpus as the model sees it, vocabularies and padded tensors."""

import numpy as np
import streamlit as st

import app_state
from tagger.charts import matrix_figure
from tagger.config import defaults_for
from tagger.corpus import CorpusError, lecture_corpus
from tagger.vocab import PAD

SOURCES = ("Lecture corpus (4 sentences)", "Upload a CoNLL-U file")
PREVIEW_DEFAULT = 20  # sentences shown for a real corpus; the lecture shows all four


def use_lecture_corpus():
    if st.session_state.data_source == SOURCES[0]:
        corpus = lecture_corpus()
        app_state.set_corpus(corpus, app_state.corpus_id(corpus))


st.title("Data")
st.write(
    "Before an RNN reads a sentence, every word becomes an id, every sentence is "
    "padded to the same length, and a mask marks which positions are real words. "
    "These are the arrays the model trains on."
)

key, corpus = app_state.current_corpus()
st.radio(
    "Corpus",
    SOURCES,
    index=0 if corpus.is_lecture else 1,
    horizontal=True,
    key="data_source",
    on_change=use_lecture_corpus,
)
if st.session_state.data_source == SOURCES[1]:
    upload = st.file_uploader(
        "A CoNLL-U treebank: the word form (column 2) is the token, UPOS (column 4) "
        "the tag",
        type=["conllu"],
        key="data_upload",
    )
    if upload is not None:
        data = upload.getvalue()
        try:
            uploaded = app_state.parse_conllu(data, upload.name)
        except CorpusError as error:
            st.error(f"Could not read this file, so the corpus is unchanged. {error}")
        else:
            app_state.set_corpus(uploaded, app_state.corpus_id(uploaded, data))
    key, corpus = app_state.current_corpus()

min_freq = defaults_for(corpus.is_lecture).min_freq
enc = app_state.encoded(min_freq)
t = enc.tensors
st.subheader(f"Corpus: {corpus.name}")
cols = st.columns(4)
cols[0].metric("sentences", f"{len(corpus):,}")
cols[1].metric("tokens", f"{corpus.num_tokens:,}")
cols[2].metric("word vocabulary", f"{len(enc.words):,}")
cols[3].metric("tag set", len(enc.tags))
if not corpus.is_lecture:
    st.caption(
        f"Words seen fewer than {min_freq} times map to `<unk>` (id 1); sentences "
        f"are padded to the longest one, {t.x.shape[1]} tokens."
    )

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
shown = len(corpus)
if not corpus.is_lecture:
    shown = st.slider(
        "Sentences shown",
        1,
        min(len(corpus), 200),
        PREVIEW_DEFAULT,
        key="data_rows",
        persist_state="session",
    )
width = int(t.lengths[:shown].max())
if corpus.is_lecture:
    width = t.x.shape[1]  # the lecture pads to ten: show all ten columns
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
        st.dataframe(values, column_config={"_index": "sentence"})
with tabs[-1]:
    st.write("Valid lengths: the number of real tokens in each sentence.")
    st.dataframe(
        {"sentence": rows, "length": t.lengths[:shown]}, hide_index=True, width=300
    )
st.caption(
    f"Shape of the full arrays: {t.x.shape[0]} sentences × {t.x.shape[1]} time steps. "
    f"{int(t.mask.sum()):,} real tokens, {int(np.size(t.mask) - t.mask.sum()):,} pads."
)
st.page_link(
    "pages/train.py",
    label="Next: train a tagger on this corpus",
    icon=":material/model_training:",
)
