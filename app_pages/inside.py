"""Inside page: what each direction has read at a time step, and its hidden states."""

import streamlit as st

# the first page that needs TensorFlow pays its import, several seconds: say so
with st.spinner("Loading TensorFlow…"):
    import tensorflow  # noqa: F401

import app_state
from tagger.charts import hidden_figure, reading_figure
from tagger.predict import predict_sentence

DEFAULT_SENTENCE = "tensorflow is a framework for deep learning"
MAX_TOKENS = 60  # longer sentences are cut for these views
NOTE = {"delta_color": "off", "delta_arrow": "off"}  # a metric's note, not a change


st.title("Inside the RNN")
st.write(
    "A one-way RNN tags each word from the words before it: its first state has "
    "read one word, its last has read them all. A bidirectional RNN adds a second "
    "RNN that reads from the end, so every word is tagged from both sides. Move "
    "the time step and watch what each direction has read."
)
runs = app_state.trained_runs_or_stop()
kind = st.radio(
    "Model",
    list(runs),
    index=list(runs).index("birnn") if "birnn" in runs else 0,
    format_func=app_state.MODEL_LABELS.get,
    horizontal=True,
    key="inside_kind",
    persist_state="session",
    bind="query-params",  # a shared link opens the same view
)
tagger = runs[kind].tagger
tokens = app_state.sentence_tokens("inside_text", DEFAULT_SENTENCE)
if len(tokens) > MAX_TOKENS:
    st.caption(f"These views show the first {MAX_TOKENS} words.")
    tokens = tokens[:MAX_TOKENS]

# the walk-through: one time step at a time
st.subheader("Walk-through")
step = 0
if len(tokens) > 1:
    step = st.slider(
        "Time step",
        0,
        len(tokens) - 1,
        0,
        key="inside_step",
        persist_state="session",
        bind="query-params",
    )
st.plotly_chart(
    reading_figure(tokens, step, tagger.bidirectional), key="inside_reading"
)
predictions = predict_sentence(tagger, tokens)
here = predictions[step]
cols = st.columns(3)
if tagger.bidirectional:
    cols[0].metric(
        f"forward, having read {step + 1} of {len(tokens)}",
        here.forward.tag,
        f"p = {here.forward.p:.2f}",
        **NOTE,
    )
    cols[1].metric(
        f"backward, having read {len(tokens) - step} of {len(tokens)}",
        here.backward.tag,
        f"p = {here.backward.p:.2f}",
        **NOTE,
    )
cols[2].metric("the model's answer", here.tag, f"p = {here.p:.2f}", **NOTE)
if not tagger.bidirectional:
    st.caption(
        f"The one-way model has read {step + 1} of {len(tokens)} words here: the "
        "words after this one cannot change its tag."
    )

# the hidden states, time × units, one heatmap per direction
st.subheader("Hidden states")
states = tagger.hidden_states(tokens)  # (time, units): [forward; backward]
half = tagger.config.hidden
if tagger.bidirectional:
    left, right = st.columns(2)
    left.plotly_chart(
        hidden_figure(tokens, states[:, :half], "forward states"), key="inside_fwd"
    )
    right.plotly_chart(
        hidden_figure(tokens, states[:, half:], "backward states"), key="inside_bwd"
    )
else:
    st.plotly_chart(hidden_figure(tokens, states, "states"), key="inside_states")
st.caption(
    "Each row is the state after reading one more word, in the order that "
    "direction reads: the forward states fill in from the top, the backward ones "
    "from the bottom. Hover for a unit's value."
)
