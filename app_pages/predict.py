"""Predict page: tag a typed sentence, each direction's answer beside the model's."""

import streamlit as st

# the first page that needs TensorFlow pays its import, several seconds: say so
with st.spinner("Loading TensorFlow…"):
    import tensorflow  # noqa: F401

import app_state
from tagger.charts import probability_figure
from tagger.predict import predict_sentence, softmax

DEFAULT_SENTENCE = "tensorflow is very easy"
CHART_TOKENS = 60  # words drawn in the probability chart; the table has them all
TABLE_TOKENS = 100  # longer sentences get a scrolling table instead of a static one


def as_cell(tag: str, p: float) -> str:
    return f"{tag} ({p:.2f})"


def unknown_note(words: list[str], tagger) -> str:
    listed = ", ".join(f"'{app_state.plain(w)}'" for w in words)
    if tagger.features is not None:
        how = (
            "They share the learned `<unk>` word vector; their suffixes, prefix "
            "and shape still have vectors of their own."
        )
    elif tagger.words.has_unk:
        how = "They share the learned `<unk>` vector."
    else:
        how = (
            "The one-hot input has no entry for an unseen word, so it enters the "
            "RNN as an all-zero vector: its tag comes from the surrounding words "
            "alone, and the vocabulary keeps the lecture's 15 entries."
        )
    return f"Unknown to the training data: {listed}. {how}"


st.title("Predict")
st.write(
    "Type a sentence and see the tag each model gives every word, with its "
    "probability. The bidirectional model's answer is split into what its forward "
    "and its backward half say alone."
)
key, corpus = app_state.current_corpus()
runs = app_state.trained_runs_or_stop()

tokens = app_state.sentence_tokens("predict_text", DEFAULT_SENTENCE)

predictions = {kind: predict_sentence(run.tagger, tokens) for kind, run in runs.items()}
first = next(iter(predictions.values()))

# one row per token: the bidirectional model's three views, then the one-way
# model; a static table renders Markdown, so its text is escaped, while a long
# sentence's scrolling table shows text as it is
static = len(tokens) <= TABLE_TOKENS
text_of = app_state.plain if static else str
rows = []
for t, token in enumerate(tokens):
    row = {"token": text_of(token), "known": "yes" if first[t].known else "no"}
    if "birnn" in predictions:
        p = predictions["birnn"][t]
        row["forward"] = as_cell(text_of(p.forward.tag), p.forward.p)
        row["backward"] = as_cell(text_of(p.backward.tag), p.backward.p)
        row["combined (bidirectional)"] = as_cell(text_of(p.tag), p.p)
    if "rnn" in predictions:
        p = predictions["rnn"][t]
        row["one-way RNN"] = as_cell(text_of(p.tag), p.p)
    rows.append(row)
if static:
    st.table(rows, hide_index=True)
else:
    st.dataframe(rows, hide_index=True)

unknown = list(dict.fromkeys(p.token for p in first if not p.known))
if unknown:
    st.caption(unknown_note(unknown, next(iter(runs.values())).tagger))

if "birnn" in runs:
    st.subheader("Tag probabilities of the bidirectional model")
    st.write(
        "The output layer is linear on [forward state; backward state], so its logits "
        "split exactly into what each direction says. The forward half has read the "
        "words up to this one, the backward half the words from here to the end."
    )
    tagger = runs["birnn"].tagger
    logits = tagger.direction_logits(tokens[:CHART_TOKENS])
    # column 0 is <pad>, which no real word is ever trained to be
    views = {
        "forward": softmax(logits.forward)[:, 1:],
        "backward": softmax(logits.backward)[:, 1:],
        "combined": softmax(logits.combined)[:, 1:],
    }
    if len(tokens) > CHART_TOKENS:
        st.caption(f"The chart shows the first {CHART_TOKENS} words.")
    st.plotly_chart(
        probability_figure(tokens[:CHART_TOKENS], views, tagger.tags.entries[1:]),
        key="predict_probs",
    )
else:
    st.page_link(
        "app_pages/train.py",
        label="Train the bidirectional model to see each direction's answer",
        icon=":material/model_training:",
    )
