"""Train page: choose a model and its settings, watch the loss fall, keep the result."""

import time

import streamlit as st

import app_state
from settings_form import training_settings
from tagger.charts import loss_figure
from tagger.metrics import masked_accuracy
from tagger.model import build_tagger, layer_table, parameter_counts
from tagger.predict import Tagger, predict_ids
from tagger.training import Trainer, TrainingResult, epochs_label

CHART_INTERVAL = 0.15  # seconds between redraws of the live chart
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
st.write(
    f"Training on **{corpus.name}** ({len(corpus):,} sentences); choose another "
    "corpus on the Data page. The loss is the lecture's sequence loss: cross-entropy "
    "averaged over real tokens only, pads masked out."
)

# settings
model_config, train_config, min_freq = training_settings(corpus.is_lecture)
enc = app_state.encoded(min_freq, features=model_config.feature_dim > 0)
feature_sizes = None
if enc.features is not None:
    feature_sizes = enc.features.sizes
model = build_tagger(model_config, len(enc.words), len(enc.tags), feature_sizes)

# the model's layers, as Keras's summary shows them
counts = parameter_counts(model)
with st.expander(
    f"Layers of the {app_state.MODEL_LABELS[model_config.kind]}: "
    f"{counts['total']:,} parameters, {counts['trainable']:,} trainable",
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
    if model_config.embedding_dim is None:
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
        model_config.kind,
        Tagger(model, enc.words, enc.tags, model_config, enc.features),
        train_config,
        TrainingResult(),
    )
    runs[model_config.kind] = run
    stop_slot.button("Stop", key="train_stop")  # its click reruns the page
    bar = progress_slot.progress(0.0, text="Compiling the training step…")
    last_draw = [0.0]

    def show_epoch(record):
        bar.progress(
            record.epoch / train_config.epochs,
            text=f"epoch {record.epoch}/{train_config.epochs} · loss {record.loss:.4f}",
        )
        if (
            time.monotonic() - last_draw[0] > CHART_INTERVAL
            or record.epoch == train_config.epochs
        ):
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
