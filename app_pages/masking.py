"""Masking lesson: the same model trained with pads masked out of the loss, and not."""

import streamlit as st

# the first page that needs TensorFlow pays its import, several seconds: say so
with st.spinner("Loading TensorFlow…"):
    import tensorflow  # noqa: F401

from tagger.config import ModelConfig, TrainConfig
from tagger.corpus import lecture_corpus
from tagger.masking import masking_lesson
from tagger.vocab import PAD, encode_corpus

st.title("Why pads are masked")
st.write(
    "Every sentence is padded to ten tokens, so 21 of the lecture's 40 positions "
    "are `<pad>`. The lecture's loss multiplies them by zero. Here the same model, "
    "with the same seed, is trained twice on the lecture corpus: once with pads "
    "masked, once with every pad counted as a token to tag."
)
data = encode_corpus(lecture_corpus())
epochs = st.slider("Epochs", 1, 30, 2, key="masking_epochs")
if st.button("Train both", type="primary", key="masking_start"):
    with st.spinner("Training twice…"):
        st.session_state.masking = (
            epochs,
            masking_lesson(data, ModelConfig(), TrainConfig(epochs=epochs)),
        )
if "masking" not in st.session_state:
    st.stop()

trained_epochs, runs = st.session_state.masking
pads = int(data.tensors.mask.size - data.tensors.mask.sum())
st.subheader(f"After {trained_epochs} epochs")
st.table(
    [
        {
            "loss": "pads masked" if run.masked else "pads counted",
            "accuracy on the 19 real tokens": f"{run.accuracy:.1%}",
            "accuracy counting pads (40 positions)": f"{run.accuracy_with_pads:.1%}",
            "final loss": f"{run.result.history[-1].loss:.4f}",
        }
        for run in runs
    ],
    hide_index=True,
)
st.write(
    f"Counting pads flatters a model: answering `<pad>` on the {pads} pads alone "
    f"already scores {pads / data.tensors.mask.size:.1%}. Only the accuracy on real "
    "tokens says how well it tags."
)

# what each model says at the pad positions
st.subheader("What the models predict at pad positions")
for run in runs:
    rows = []
    for sentence, ids, length in zip(
        data.tensors.x, run.predicted, data.tensors.lengths, strict=True
    ):
        words = data.words.decode(sentence)
        rows.append(
            {
                f"t{t}": (tag if t < length else f"[{tag}]")
                for t, tag in enumerate(data.tags.decode(ids))
            }
            | {"sentence": " ".join(w for w in words if w != PAD)}
        )
    st.markdown(
        f"**{'Pads masked' if run.masked else 'Pads counted'}** "
        "(pad positions in brackets)"
    )
    st.dataframe(rows, hide_index=True, key=f"masking_pads_{run.masked}")
st.caption(
    "With pads masked the model is never told what a pad is, so it says anything "
    "there, and nothing reads it. With pads counted it spends its capacity "
    "learning to say `<pad>`, an easy answer that inflates the score."
)
