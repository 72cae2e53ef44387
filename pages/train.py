"""Train page: choose a model and its settings, watch the loss fall, keep the result."""

import time

import streamlit as st

import app_state
from tagger.charts import loss_figure
from tagger.config import ModelConfig, TrainConfig, defaults_for
from tagger.metrics import masked_accuracy
from tagger.model import build_tagger, layer_table, parameter_counts
from tagger.predict import Tagger, predict_ids
from tagger.training import Trainer, TrainingResult, epochs_label

LEARNING_RATES = (
    1e-4,
    2e-4,
    5e-4,
    1e-3,
    2e-3,
    5e-3,
    0.01,
    0.02,
    0.05,
    0.1,
    0.2,
    0.5,
    1.0,
)
CHART_INTERVAL = 0.15  # seconds between redraws of the live chart
CLIPNORM = 1.0  # gradient norm limit when clipping is on
STOP_WAIT = 60  # seconds to wait for an interrupted training to stop


def training_accuracy(run: app_state.Run, enc) -> float:
    predicted = predict_ids(run.tagger.model, enc.tensors.x)
    return masked_accuracy(predicted, enc.tensors.y, enc.tensors.mask)


def loss_curves(runs: dict[str, app_state.Run]):
    return loss_figure(
        {
            kind: [(r.epoch, r.loss) for r in run.result.history]
            for kind, run in runs.items()
        }
    )


st.title("Train")
key, corpus = app_state.current_corpus()
defaults = defaults_for(corpus.is_lecture)
setting = "lecture" if corpus.is_lecture else "real"  # settings kept per kind of corpus
st.write(
    f"Training on **{corpus.name}** ({len(corpus):,} sentences); choose another "
    "corpus on the Data page. The loss is the lecture's sequence loss: cross-entropy "
    "averaged over real tokens only, pads masked out."
)

# settings
left, right = st.columns(2)
kind = left.radio(
    "Model",
    list(app_state.MODEL_LABELS),
    index=1,
    format_func=app_state.MODEL_LABELS.get,
    horizontal=True,
    key=f"train_kind_{setting}",
    persist_state="session",
)
epochs = left.slider(
    "Epochs",
    1,
    200,
    defaults.train.epochs,
    key=f"train_epochs_{setting}",
    persist_state="session",
)
learning_rate = left.select_slider(
    "Learning rate (log scale)",
    LEARNING_RATES,
    value=defaults.train.learning_rate,
    key=f"train_lr_{setting}",
    persist_state="session",
)
batch_size = right.number_input(
    "Batch size",
    1,
    1024,
    defaults.train.batch_size,
    key=f"train_batch_{setting}",
    persist_state="session",
)
hidden = right.number_input(
    "Hidden units per direction",
    1,
    512,
    defaults.model.hidden,
    key=f"train_hidden_{setting}",
    persist_state="session",
)
seed = right.number_input(
    "Seed", 0, 2**31 - 1, 0, key=f"train_seed_{setting}", persist_state="session"
)
embedding_dim, min_freq = None, defaults.min_freq
if not corpus.is_lecture:
    embedding_dim = right.number_input(
        "Embedding size",
        1,
        512,
        defaults.model.embedding_dim,
        key="train_embedding_real",
        persist_state="session",
    )
    min_freq = right.number_input(
        "Minimum word frequency (rarer words become <unk>)",
        1,
        100,
        min_freq,
        key="train_min_freq_real",
        persist_state="session",
    )
clip = left.checkbox(
    "Clip gradients (norm 1)", key=f"train_clip_{setting}", persist_state="session"
)

model_config = ModelConfig(
    kind, int(hidden), embedding_dim and int(embedding_dim), seed=int(seed)
)
train_config = TrainConfig(
    epochs, learning_rate, int(batch_size), int(seed), CLIPNORM if clip else None
)
enc = app_state.encoded(int(min_freq))
model = build_tagger(model_config, len(enc.words), len(enc.tags))

# the model's layers, as Keras's summary shows them
counts = parameter_counts(model)
with st.expander(
    f"Layers of the {app_state.MODEL_LABELS[kind]}: {counts['total']:,} parameters, "
    f"{counts['trainable']:,} trainable",
    expanded=corpus.is_lecture,
):
    st.dataframe(
        [
            {
                "layer": r.name,
                "type": r.kind,
                "output shape": r.output_shape,
                "parameters": r.params,
                "trainable": r.trainable,
            }
            for r in layer_table(model)
        ],
        hide_index=True,
    )
    if embedding_dim is None:
        st.caption(
            "The embedding is a frozen one-hot table, so its weights never train."
        )

# a click while a model trains reruns this page: stop the old training at its
# next batch, wait for it, and keep the epochs it finished
runs = app_state.runs()
for run in runs.values():
    if not run.done.is_set():
        run.stop.set()
        run.done.wait(STOP_WAIT)
    if run.result.status == "running":
        run.result.status = "stopped"
        run.result.message = f"stopped after {epochs_label(len(run.result.history))}"
    if run.accuracy is None and run.result.history:
        run.accuracy = training_accuracy(run, enc)

start = st.button("Train", type="primary", key="train_start")
stop_slot, progress_slot, chart_slot = st.empty(), st.empty(), st.empty()
if start:
    run = app_state.Run(
        kind,
        Tagger(model, enc.words, enc.tags, model_config),
        train_config,
        TrainingResult(),
    )
    runs[kind] = run
    stop_slot.button("Stop", key="train_stop")  # its click reruns the page
    bar = progress_slot.progress(0.0, text="Compiling the training step…")
    last_draw = [0.0]

    def show_epoch(record):
        bar.progress(
            record.epoch / epochs,
            text=f"epoch {record.epoch}/{epochs} · loss {record.loss:.4f}",
        )
        if time.monotonic() - last_draw[0] > CHART_INTERVAL or record.epoch == epochs:
            chart_slot.plotly_chart(loss_curves(runs), key=f"train_live_{record.epoch}")
            last_draw[0] = time.monotonic()

    try:
        Trainer(model, train_config).run(
            enc.tensors, show_epoch, run.stop.is_set, result=run.result
        )
        run.accuracy = training_accuracy(run, enc)
    finally:
        run.done.set()
    stop_slot.empty()
    progress_slot.empty()

# results
if not runs:
    st.info("No model trained yet on this corpus. Press **Train**.")
    st.stop()
chart_slot.plotly_chart(loss_curves(runs), key="train_loss")
for kind_name, run in runs.items():
    label = app_state.MODEL_LABELS[kind_name]
    history = run.result.history
    if run.result.status == "diverged":
        st.error(f"{label}: {run.result.message}")
    elif run.result.status == "stopped":
        st.warning(f"{label}: {run.result.message}; the model after them is kept.")
    if history:
        cols = st.columns(4)
        cols[0].metric(label, epochs_label(len(history)))
        cols[1].metric("final loss", f"{history[-1].loss:.4f}")
        if run.accuracy is not None:
            cols[2].metric("training accuracy (real tokens)", f"{run.accuracy:.1%}")
        cols[3].metric("training time", f"{run.result.seconds:.1f} s")
st.page_link(
    "pages/predict.py", label="Next: tag a sentence", icon=":material/edit_note:"
)
