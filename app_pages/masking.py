"""Masking lesson: the same model trained with pads masked out of the loss, and not."""

import streamlit as st

# the first page that needs TensorFlow pays its import, several seconds: say so
with st.spinner("Loading TensorFlow…"):
    import tensorflow  # noqa: F401

import app_state
from tagger.config import epochs_label
from tagger.masking import (
    SAMPLE_MIN_FREQ,
    SAMPLE_SIZE,
    SAMPLE_TRAIN,
    TABLE_SENTENCES,
    TABLE_WIDTH,
    lesson_setup,
    masking_lesson,
    pad_answers,
)
from tagger.training import EpochRecord

SAMPLE_RANGE = (50, 2000)  # sentences the sample slider offers
MAX_SAMPLE_EPOCHS = 5  # 2000 sentences trained twice for 5 epochs: about 20 s


def loss_label(masked: bool) -> str:
    return "pads masked" if masked else "pads counted"


st.title("Why pads are masked")
key, corpus = app_state.current_corpus()

# the lecture's corpus as it is; a seeded sample of a real one, so training is quick
if corpus.is_lecture:
    setup = lesson_setup(corpus)
    tensors = setup.data.tensors
    st.write(
        f"Every sentence is padded to {tensors.x.shape[1]} tokens, so {setup.pads} "
        f"of the lecture's {tensors.mask.size} positions are `<pad>`. The lecture's "
        "loss multiplies them by zero. Here the same model, with the same seed, is "
        "trained twice on the lecture corpus: once with pads masked, once with every "
        "pad counted as a token to tag."
    )
    epochs = st.slider("Epochs", 1, 30, 2, key="masking_epochs_lecture")
else:
    left, right = st.columns(2)
    largest = min(SAMPLE_RANGE[1], len(corpus))
    size = len(corpus)
    if largest > SAMPLE_RANGE[0]:
        size = left.slider(
            "Sentences in the sample",
            SAMPLE_RANGE[0],
            largest,
            min(SAMPLE_SIZE, largest),
            step=10,
            key="masking_sample",
        )
    epochs = right.slider(
        "Epochs", 1, MAX_SAMPLE_EPOCHS, SAMPLE_TRAIN.epochs, key="masking_epochs_real"
    )
    setup = lesson_setup(corpus, size)
    model, tensors, n = setup.model, setup.data.tensors, len(setup.corpus)
    sample = f"a seeded sample of {n:,} of the" if n < len(corpus) else "all"
    st.write(
        f"To keep two trainings to seconds, the lesson uses {sample} "
        f"{len(corpus):,} sentences of **{app_state.plain(corpus.name)}**, padded to "
        f"the longest of them: {tensors.x.shape[1]} tokens, so {setup.pads:,} of "
        f"the {tensors.mask.size:,} positions ({setup.pads / tensors.mask.size:.0%}) "
        "are `<pad>`. The loss multiplies them by zero. Here a small bidirectional "
        f"RNN (a learned embedding of {model.embedding_dim}, {model.hidden} units "
        f"each way; words seen fewer than {SAMPLE_MIN_FREQ} times in the sample are "
        "`<unk>`) is trained twice with the same seed: once with pads masked, once "
        "with every pad counted as a token to tag."
    )

# one result per corpus, so another corpus never shows this one's numbers
results = st.session_state.setdefault("masking", {})
if st.button("Train both", type="primary", key="masking_start"):
    bar = st.progress(0.0, text="Training with pads masked…")

    def show(masked: bool, record: EpochRecord) -> None:
        done = record.epoch + (0 if masked else epochs)
        bar.progress(
            done / (2 * epochs),
            text=f"Training with {loss_label(masked)}: epoch {record.epoch}/{epochs}",
        )

    results[key] = setup, masking_lesson(setup, epochs, show)
    bar.empty()
if key not in results:
    st.stop()

asked, (setup, runs) = (len(setup.corpus), epochs), results[key]
lecture, tensors = setup.corpus.is_lecture, setup.data.tensors
if asked != (len(setup.corpus), len(runs[0].result.history)):
    st.info(
        "These results are from the last training, not from the settings above: "
        "press **Train both** to train with those."
    )
real, positions = int(tensors.mask.sum()), tensors.mask.size
trained_on = "" if lecture else f" on {len(setup.corpus):,} sentences"
st.subheader(f"After {epochs_label(len(runs[0].result.history))}{trained_on}")
st.table(
    [
        {
            "loss": loss_label(run.masked),
            f"accuracy on the {real:,} real tokens": f"{run.accuracy:.1%}",
            f"accuracy counting pads ({positions:,} positions)": (
                f"{run.accuracy_with_pads:.1%}"
            ),
            "final loss": f"{run.result.history[-1].loss:.4f}",
        }
        for run in runs
    ],
    hide_index=True,
)
st.write(
    f"Counting pads flatters a model: answering `<pad>` on the {setup.pads:,} pads "
    f"alone already scores {setup.pads / positions:.1%}. Only the accuracy on real "
    "tokens says how well it tags."
)

# what each model says at the pad positions, on a readable corner of a sample
st.subheader("What the models predict at pad positions")
shown = (None, None) if lecture else (TABLE_SENTENCES, TABLE_WIDTH)
# a sample's rows are wider than the page: keep each sentence in view while scrolling
sentence = st.column_config.TextColumn(width="medium", pinned=True)
pinned = {} if lecture else {"sentence": sentence}
if not lecture:
    st.caption(
        f"The sample's first {min(TABLE_SENTENCES, len(setup.corpus))} sentences, "
        f"first {min(TABLE_WIDTH, tensors.x.shape[1])} of their "
        f"{tensors.x.shape[1]} positions."
    )
for run in runs:
    st.markdown(
        f"**{loss_label(run.masked).capitalize()}** (pad positions in brackets)"
    )
    st.dataframe(
        pad_answers(setup, run, *shown),
        hide_index=True,
        column_config=pinned,
        key=f"masking_pads_{run.masked}",
    )
st.caption(
    "With pads masked the model is never told what a pad is, so it says anything "
    "there, and nothing reads it. With pads counted it learns to say `<pad>` "
    "there, an easy answer that inflates the score."
)
