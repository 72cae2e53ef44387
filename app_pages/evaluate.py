"""Evaluate page: a trained tagger on held-out sentences, beside a simple baseline."""

import streamlit as st

# the first page that needs TensorFlow pays its import, several seconds: say so
with st.spinner("Loading TensorFlow…"):
    import tensorflow  # noqa: F401

import app_state
from tagger.charts import confusion_figure
from tagger.evaluation import evaluate_tagger
from tagger.metrics import baseline_fallback, build_baseline

WORST_SHOWN = 5  # sentences with the most errors shown in full


def scores_table(scores: dict) -> list[dict]:
    return [
        {
            "tag": tag,
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            "support": s.support,
        }
        for tag, s in scores.items()
    ]


st.title("Evaluate")
key, corpus = app_state.current_corpus()
dev = app_state.current_dev()
runs = app_state.trained_runs_or_stop()

if dev is None:
    st.info(
        "The lecture corpus has no held-out sentences, so the models are scored on "
        "the four sentences they were trained on. Load a treebank on the Data page "
        "for a fair test."
    )
held_out = dev if dev is not None else corpus
kind = st.radio(
    "Model",
    list(runs),
    format_func=app_state.MODEL_LABELS.get,
    horizontal=True,
    key="evaluate_kind",
)
run = runs[kind]

# the model's answers on every held-out sentence, computed once per trained model
if run.evaluation is None:
    with st.spinner(f"Tagging {len(held_out):,} sentences…"):
        table = build_baseline(corpus.sentences, corpus.tags)
        fallback = baseline_fallback(corpus.sentences, corpus.tags)
        run.evaluation = evaluate_tagger(run.tagger, held_out, table, fallback)
result = run.evaluation

st.subheader(f"On {app_state.plain(held_out.name)}: {result.tokens:,} tokens")
cols = st.columns(4)
cols[0].metric("accuracy", f"{result.accuracy:.1%}")
cols[1].metric(
    "most-frequent-tag baseline",
    f"{result.baseline_accuracy:.1%}",
    help="Each word gets the tag it had most often in training; a word never seen "
    "gets the commonest tag of rare words.",
)
if result.unknown_accuracy is not None:
    cols[2].metric(
        "accuracy on unknown words",
        f"{result.unknown_accuracy:.1%}",
        help=f"{result.unknown_tokens:,} tokens the training vocabulary lacks.",
    )
if result.entity_f1 is not None:
    cols[3].metric("entity F1 (seqeval)", f"{result.entity_f1:.1%}")

if result.entity is not None:
    st.markdown("**Entities**, counted whole: a span must match in type and extent.")
    st.dataframe(scores_table(result.entity), hide_index=True)
st.markdown("**Per tag**, over tokens")
st.dataframe(
    scores_table(result.per_tag),
    hide_index=True,
    column_config={
        name: st.column_config.NumberColumn(format="%.3f")
        for name in ("precision", "recall", "f1")
    },
)
st.plotly_chart(confusion_figure(result.labels, result.confusion), key="evaluate_cm")

st.subheader("Sentences with the most errors")
if not result.worst:
    st.write("Every sentence is tagged without an error.")
for sentence in result.worst[:WORST_SHOWN]:
    with st.expander(
        f"Sentence {sentence.index}: {sentence.errors} errors in "
        f"{len(sentence.tokens)} tokens"
    ):
        st.table(
            [
                {
                    "token": app_state.plain(token),
                    "gold": app_state.plain(gold),
                    "predicted": app_state.plain(predicted),
                    "": "" if gold == predicted else "✗",
                }
                for token, gold, predicted in zip(
                    sentence.tokens, sentence.gold, sentence.predicted, strict=True
                )
            ],
            hide_index=True,
        )
