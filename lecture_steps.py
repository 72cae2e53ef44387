"""The Follow the lecture page's four steps, each drawn by one function.

Step 1 needs no TensorFlow; the others import it when they are drawn.
"""

from dataclasses import replace

import numpy as np
import streamlit as st

import app_state
from tagger.charts import loss_figure, matrix_figure, reading_figure
from tagger.config import KINDS, LECTURE_DEFAULTS, ModelConfig
from tagger.corpus import Corpus
from tagger.lecture import LECTURE_FIGURES as LECTURE
from tagger.lecture import (
    dictionary_rows,
    loss_rows,
    prediction_rows,
    setup_rows,
    summary_rows,
    trained_the_lectures_way,
)
from tagger.vocab import EncodedCorpus

READ_SENTENCE = 3  # the sentence whose reading order step 2 draws
LOSS_FORMULA = (
    r"L = \frac{1}{B} \sum_{b=1}^{B} \frac{1}{n_b} \sum_{t=1}^{T} m_{b,t}"
    r"\left(-\log \operatorname{softmax}(z_{b,t})_{y_{b,t}}\right)"
)
UNMOVED = {"delta_color": "off", "delta_arrow": "off"}  # a metric's note, not a change


def load_tensorflow() -> None:
    # its import takes several seconds: say so
    with st.spinner("Loading TensorFlow…"):
        import tensorflow  # noqa: F401


def lecture_config(kind: str) -> ModelConfig:
    return replace(LECTURE_DEFAULTS.model, kind=kind)


def verdict(same: bool) -> str:
    if same:
        return ":green[✓ the same as the lecture]"
    return ":red[✗ not the lecture's]"


def move_to(step: int) -> None:
    st.session_state.lecture_step = step


def lecture_runs() -> dict[str, app_state.Run]:
    """Runs on the lecture corpus that finished an epoch, whatever corpus is current."""
    return app_state.trained_runs(app_state.LECTURE_KEY)


@st.cache_data(show_spinner="Building the models…")
def model_summary(kind: str, vocab_size: int, num_tags: int) -> list[dict[str, str]]:
    from tagger.model import build_tagger, layer_table, parameter_counts

    model = build_tagger(lecture_config(kind), vocab_size, num_tags)
    return summary_rows(layer_table(model), parameter_counts(model)["trainable"])


def train_both(enc: EncodedCorpus) -> None:
    """Both models trained the lecture's way, each kept once its training ends."""
    for kind in KINDS:
        app_state.train_run(
            lecture_config(kind), LECTURE_DEFAULTS.train, enc, key=app_state.LECTURE_KEY
        )


def show_data(corpus: Corpus, enc: EncodedCorpus) -> None:
    st.write(
        "The lecture first splits a sentence into words: *tensorflow is very easy* "
        "becomes `['tensorflow', 'is', 'very', 'easy']`. It then trains on four "
        "sentences whose every word carries its part of speech:"
    )
    sentences = zip(corpus.sentences, corpus.tags, strict=True)
    st.table(
        [
            {"sentence": f"s{i}", "words": " ".join(words), "tags": " ".join(tags)}
            for i, (words, tags) in enumerate(sentences)
        ],
        hide_index=True,
    )

    # the two dictionaries, each id beside the lecture's
    for column, title, vocab, lecture in zip(
        st.columns(2),
        ("Words: `<pad>` = 0, then by code point", "Tags"),
        (enc.words, enc.tags),
        (LECTURE.words, LECTURE.tags),
        strict=True,
    ):
        column.markdown(f"**{title}** ({len(vocab)} entries)")
        rows = dictionary_rows(vocab.entries, lecture)
        column.dataframe(rows, hide_index=True, height="content")
        column.markdown(verdict(vocab.entries == lecture))

    # the padded arrays beside what the lecture prints; it prints lengths beside x
    st.markdown("**Padded arrays**: 10 time steps, pads after the words")
    t, lengths = enc.tensors, list(LECTURE.lengths)
    words = [enc.words.decode(ids) for ids in t.x]
    for name, values, hover, lecture, after_it, scale in (
        ("x: word ids", t.x, words, LECTURE.x, f" {lengths}", "Blues"),
        ("mask", t.mask.astype(int), words, LECTURE.mask, "", "Greens"),
        (
            "y: tag ids",
            t.y,
            [enc.tags.decode(i) for i in t.y],
            LECTURE.y,
            "",
            "Purples",
        ),
    ):
        left, right = st.columns(2, vertical_alignment="center")
        figure = matrix_figure(values, hover, f"{name}, as the app computes it", scale)
        figure.update_traces(textfont_size=15)  # read from the back of a room
        left.plotly_chart(
            figure, key=f"lecture_{name}", config={"displayModeBar": False}
        )
        printed = np.array(lecture, dtype=np.float32 if name == "mask" else int)
        right.caption("The lecture prints")
        right.code(f"{printed}{after_it}", language=None)
        same = np.array_equal(values, lecture)
        if after_it:
            left.caption(f"Valid lengths: {', '.join(map(str, t.lengths))}")
            same = same and t.lengths.tolist() == lengths
        right.markdown(verdict(same))


def show_model(corpus: Corpus, enc: EncodedCorpus) -> None:
    load_tensorflow()
    st.write(
        "Each model is an embedding, a recurrent layer of 10 units that returns a "
        "state at every time step, and a Dense layer applied at each step to give "
        "8 tag scores. Keras's summary of each, beside the lecture's:"
    )
    for kind in KINDS:
        st.markdown(f"**{app_state.MODEL_LABELS[kind]}**")
        ours = model_summary(kind, len(enc.words), len(enc.tags))
        theirs = summary_rows(LECTURE.summaries[kind], LECTURE.trainable[kind])
        left, right = st.columns(2)
        left.caption("The app's model")
        left.table(ours, hide_index=True)
        right.caption("The lecture's")
        right.table(theirs, hide_index=True)
        same = [r["Param #"] for r in ours] == [r["Param #"] for r in theirs]
        st.markdown(verdict(same))
    st.caption(
        "The app leaves the time axis open (`None`) because it pads each batch "
        "only to its longest sentence; its layer names differ from the lecture's."
    )
    st.markdown(
        "- **Frozen one-hot embedding.** A 15 × 15 identity table: word id *i* "
        "becomes a vector with a 1 in place *i*. It never trains, so its 225 "
        "weights are the non-trainable ones, and `mask_zero=True` hides id 0, the "
        "pad, from the layers after it.\n"
        "- **SimpleRNN:** 10 × (15 inputs + 10 recurrent + 1 bias) = 260. "
        "**Output:** 8 × (10 + 1) = 88, one Dense layer shared by every step.\n"
        "- **Bidirectional:** a second SimpleRNN reads from the end, 2 × 260 = 520; "
        "the two states are concatenated, so the output reads 20 numbers: "
        "8 × (20 + 1) = 168."
    )
    st.subheader("Why a bidirectional model")
    st.write(
        "A one-way RNN reads left to right, so its states are unbalanced: the "
        "first has read one word, the last all of them. The bidirectional model "
        "adds an RNN that reads from the end, so every word is tagged from both "
        "sides. The one-way model has only the top row:"
    )
    sentence = corpus.sentences[READ_SENTENCE]
    step = st.slider("Time step", 0, len(sentence) - 1, 0, key="lecture_read_step")
    st.plotly_chart(reading_figure(sentence, step), key="lecture_reading")
    st.caption(
        "Dark: the word at this time step. Light: words that state has read. "
        "Grey: words it has not read yet."
    )


def show_training(corpus: Corpus, enc: EncodedCorpus) -> None:
    load_tensorflow()
    st.write("Both models train the same way, the app's as the lecture's:")
    st.table(setup_rows(LECTURE_DEFAULTS.train), hide_index=True, width="content")
    st.write(
        "The loss is the lecture's sequence loss: the cross-entropy of each "
        "position's tag scores against its gold tag, multiplied by the mask so "
        "that pads add nothing, summed over time and divided by the sentence's "
        "real length, then averaged over the sentences of the batch:"
    )
    st.latex(LOSS_FORMULA)
    st.caption(
        "$B$ sentences in a batch; sentence $b$ has $n_b$ words in $T$ positions; "
        "$m_{b,t}$ is 1 at a word and 0 at a pad; $z_{b,t}$ are the tag scores "
        "(logits) and $y_{b,t}$ the gold tag."
    )

    runs = lecture_runs()
    verb = "Retrain" if runs else "Train"
    if st.button(
        f"{verb} both models the lecture's way", "lecture_train", type="primary"
    ):
        train_both(enc)
        runs = lecture_runs()
    if not runs:
        st.info("No model is trained on the lecture's sentences yet: press the button.")
        return
    curves = {
        k: [(r.epoch, r.loss) for r in run.result.history] for k, run in runs.items()
    }
    for kind in (kind for kind in KINDS if kind not in runs):
        st.caption(f"The {app_state.MODEL_LABELS[kind]} is not trained yet: retrain.")
    st.plotly_chart(loss_figure(curves, app_state.MODEL_LABELS), key="lecture_loss")
    for column, (kind, run) in zip(st.columns(2), runs.items(), strict=False):
        label, lecture = app_state.MODEL_LABELS[kind], LECTURE.losses[kind]
        loss, last = run.result.history[-1].loss, lecture[LECTURE.epochs]
        column.metric(
            f"final loss, {label}", f"{loss:.4f}", f"the lecture: {last:.3f}", **UNMOVED
        )
        accuracy = "not measured" if run.accuracy is None else f"{run.accuracy:.1%}"
        column.metric(
            f"training accuracy, {label}",
            accuracy,
            "the lecture: every word",
            **UNMOVED,
        )
        epochs = len(run.result.history)
        if not trained_the_lectures_way(run.tagger.config, run.train_config, epochs):
            column.warning(
                "Trained on the Train page with other settings, or stopped early: "
                "retrain for the lecture's figures."
            )
    st.markdown("**The loss every five epochs**, as the lecture prints it")
    histories = {k: [r.loss for r in run.result.history] for k, run in runs.items()}
    st.table(loss_rows(histories, app_state.MODEL_LABELS), hide_index=True)
    st.caption(
        "The lecture's losses are one run of its own; the app's starting weights "
        "and batch order differ, so its figures differ in the digits, not in size."
    )


def show_predictions(corpus: Corpus, enc: EncodedCorpus) -> None:
    runs = lecture_runs()
    if not runs:
        st.info(
            "No model is trained on the lecture's sentences yet: train both in "
            "step 3 first."
        )
        st.button("Go to step 3", "lecture_to_training", on_click=move_to, args=(3,))
        return
    load_tensorflow()
    from tagger.evaluation import predict_corpus
    from tagger.metrics import token_accuracy

    st.write(
        "The lecture tags its four training sentences with each model and sets "
        "the answers beside the gold tags: every word is right. Here is the same "
        "check with the app's models."
    )
    tagged = {
        app_state.MODEL_LABELS[kind]: predict_corpus(run.tagger, corpus)
        for kind, run in runs.items()
    }
    for column, (label, rows) in zip(st.columns(2), tagged.items(), strict=False):
        right = round(token_accuracy(corpus.tags, rows) * corpus.num_tokens)
        column.metric(
            label, f"{right} of {corpus.num_tokens}", "words tagged right", **UNMOVED
        )
    columns = [c for _ in corpus.sentences[::2] for c in st.columns(2)]  # two a row
    for i, (column, words, gold) in enumerate(
        zip(columns, corpus.sentences, corpus.tags, strict=True)
    ):
        column.markdown(f"**s{i}**: {' '.join(words)}")
        answers = {label: rows[i] for label, rows in tagged.items()}
        column.table(prediction_rows(words, gold, answers), hide_index=True)

    st.write(
        "The lecture tags no sentence beyond these four. Its opening example, "
        "*tensorflow is very easy*, has a word neither model has seen, `easy`: "
        "see what the models make of it, and of sentences of your own."
    )
    key, current = app_state.current_corpus()
    if key != app_state.LECTURE_KEY:
        st.warning(
            f"These pages use the current corpus, **{app_state.plain(current.name)}**: "
            "choose the lecture corpus on the Data page to use these models there."
        )
    st.page_link(
        "app_pages/predict.py", label="Tag a sentence", icon=":material/edit_note:"
    )
    st.page_link(
        "app_pages/inside.py", label="Look inside the RNN", icon=":material/hub:"
    )
