"""Predict page: tag a typed sentence, each direction's answer beside the model's."""

import streamlit as st

import app_state
from tagger.charts import probability_figure
from tagger.predict import predict_sentence, softmax

DEFAULT_SENTENCE = "tensorflow is very easy"


def as_cell(tag: str, p: float) -> str:
    return f"{tag} ({p:.2f})"


st.title("Predict")
key, corpus = app_state.current_corpus()
runs = app_state.trained_runs_or_stop()

text = st.text_input(
    "Sentence (words separated by spaces)",
    DEFAULT_SENTENCE,
    key="predict_text",
    persist_state="session",
)
tokens = text.split()
if not tokens:
    st.warning("Type at least one word.")
    st.stop()

predictions = {kind: predict_sentence(run.tagger, tokens) for kind, run in runs.items()}

# one row per token: the bidirectional model's three views, then the one-way model
rows = []
for t, token in enumerate(tokens):
    row = {
        "token": token,
        "known": "yes" if predictions[next(iter(runs))][t].known else "unknown",
    }
    if "birnn" in predictions:
        p = predictions["birnn"][t]
        row["forward"] = as_cell(p.forward.tag, p.forward.p)
        row["backward"] = as_cell(p.backward.tag, p.backward.p)
        row["combined (bidirectional)"] = as_cell(p.tag, p.p)
    if "rnn" in predictions:
        p = predictions["rnn"][t]
        row["one-way RNN"] = as_cell(p.tag, p.p)
    rows.append(row)
st.table(rows, hide_index=True)

unknown = [
    tok for tok, row in zip(tokens, rows, strict=True) if row["known"] == "unknown"
]
if unknown:
    words = ", ".join(f"'{w}'" for w in unknown)
    if runs[next(iter(runs))].tagger.words.has_unk:
        st.caption(
            f"Unknown to the training data: {words}. "
            "They share the learned `<unk>` vector."
        )
    else:
        st.caption(
            f"Unknown to the training data: {words}. The one-hot input has no "
            "entry for an unseen word, so it enters the RNN as an all-zero vector: "
            "its tag comes from the surrounding words alone, and the vocabulary "
            "keeps the lecture's 15 entries."
        )

if "birnn" in runs:
    st.subheader("Tag probabilities of the bidirectional model")
    st.write(
        "The output layer is linear on [forward state; backward state], so its logits "
        "split exactly into what each direction says. The forward half has read the "
        "words up to this one, the backward half the words from here to the end."
    )
    tagger = runs["birnn"].tagger
    logits = tagger.direction_logits(tokens)
    views = {
        "forward": softmax(logits.forward),
        "backward": softmax(logits.backward),
        "combined": softmax(logits.combined),
    }
    st.plotly_chart(
        probability_figure(tokens, views, tagger.tags.entries), key="predict_probs"
    )
else:
    st.page_link(
        "pages/train.py",
        label="Train the bidirectional model to see each direction's answer",
        icon=":material/model_training:",
    )
