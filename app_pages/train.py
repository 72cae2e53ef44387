"""Train page: choose a model and its settings, watch the loss fall, keep the result."""

import time

import streamlit as st

# the first page that needs TensorFlow pays its import, several seconds: say so
with st.spinner("Loading TensorFlow…"):
    import tensorflow  # noqa: F401

import app_state
from settings_form import training_settings
from tagger.charts import loss_figure
from tagger.config import epochs_label
from tagger.model import build_tagger, layer_table, parameter_counts
from tagger.predict import Tagger
from tagger.training import Trainer, TrainingResult

CHART_INTERVAL = 0.15  # seconds between redraws of the live chart
BAR_INTERVAL = 0.2  # seconds between progress updates within an epoch
STOP_WAIT = 60  # seconds to wait for an interrupted training to stop


def encoded_alike(run: app_state.Run, enc) -> bool:
    """Whether a run's tagger reads the corpus as these tensors encode it.

    A model loaded from a file, or trained before a setting changed, may not.
    """
    tagger = run.tagger
    return (tagger.words, tagger.tags, tagger.features) == (
        enc.words,
        enc.tags,
        enc.features,
    )


def loss_curves(runs: dict[str, app_state.Run]):
    curves = {
        kind: [(r.epoch, r.loss) for r in run.result.history]
        for kind, run in runs.items()
    }
    return loss_figure(curves, app_state.MODEL_LABELS)


def settings_caption(run: app_state.Run) -> str:
    model, train = run.tagger.config, run.train_config
    return (
        f"{model.cell} cell, {model.hidden} units, learning rate "
        f"{train.learning_rate:g}, batch {train.batch_size}, seed {train.seed}"
        + ("" if train.clipnorm is None else f", clipped at {train.clipnorm:g}")
    )


st.title("Train")
key, corpus = app_state.current_corpus()
st.write(
    f"Training on **{app_state.plain(corpus.name)}** "
    f"({len(corpus):,} sentence{'' if len(corpus) == 1 else 's'}); choose another "
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
                "parameters": f"{r.params:,}",
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

# a click while a model trains reruns this page and stops the old run at its
# next batch; keep the epochs it finished, or the model it was replacing
runs = app_state.runs()
for kind, run in list(runs.items()):
    if not run.done.is_set():
        run.stop.set()
        run.done.wait(STOP_WAIT)
    if run.result.status == "running":
        run.result.status = "stopped"
        run.result.message = f"stopped after {epochs_label(len(run.result.history))}"
    if not run.result.history and run.replaces is not None:
        runs[kind] = run.replaces
        st.warning(
            f"{app_state.MODEL_LABELS[kind]}: stopped before its first epoch ended; "
            "the model trained before it is kept."
        )
    elif run.accuracy is None and run.result.history and encoded_alike(run, enc):
        run.accuracy = app_state.training_accuracy(run, enc)

start = st.button("Train", type="primary", key="train_start")
stop_slot, progress_slot, chart_slot = st.empty(), st.empty(), st.empty()
if start:
    kind = model_config.kind
    run = app_state.Run(
        kind,
        Tagger(model, enc.words, enc.tags, model_config, enc.features),
        train_config,
        TrainingResult(),
        min_freq=min_freq,
        replaces=runs.get(kind),
    )
    runs[kind] = run
    stop_slot.button("Stop", key="train_stop")  # its click reruns the page
    # the first chart on a page loads Plotly in the browser: start that now,
    # not when the first epoch ends
    chart_slot.plotly_chart(loss_curves(runs), key="train_live_0")
    bar = progress_slot.progress(0.0, text="Compiling the training step…")
    shown = {"epoch": "", "drawn": 0.0, "bar": 0.0}

    def show_batch(done: int, total: int):
        # a Streamlit call is where a click elsewhere can stop this script, so
        # a long epoch still stops within a fraction of a second
        if time.monotonic() - shown["bar"] > BAR_INTERVAL:
            epoch = len(run.result.history) + 1
            share = (epoch - 1 + done / total) / train_config.epochs
            bar.progress(
                share, text=f"epoch {epoch}/{train_config.epochs} {shown['epoch']}"
            )
            shown["bar"] = time.monotonic()

    def show_epoch(record):
        run.replaces = None  # a finished epoch: the model it replaced can go
        shown["epoch"] = f"· loss after epoch {record.epoch}: {record.loss:.4f}"
        total = train_config.epochs
        bar.progress(
            record.epoch / total,
            text=f"epoch {record.epoch}/{total} · loss {record.loss:.4f}",
        )
        last = record.epoch == total
        if time.monotonic() - shown["drawn"] > CHART_INTERVAL or last:
            chart_slot.plotly_chart(loss_curves(runs), key=f"train_live_{record.epoch}")
            shown["drawn"] = time.monotonic()

    try:
        Trainer(model, train_config).run(
            enc.tensors, show_epoch, run.stop.is_set, run.result, show_batch
        )
        if run.result.history:
            run.accuracy = app_state.training_accuracy(run, enc)
        elif run.replaces is not None:
            runs[kind] = run.replaces
    finally:
        run.done.set()
    stop_slot.empty()
    progress_slot.empty()

# results
if not runs:
    st.info("No model trained yet on this corpus. Press **Train**.")
chart_slot.plotly_chart(loss_curves(runs), key="train_loss")
for kind, run in runs.items():
    label = app_state.MODEL_LABELS[kind]
    history = run.result.history
    if run.result.status == "diverged":
        st.error(f"{label}: {run.result.message}")
    elif run.result.status == "stopped":
        st.warning(
            f"{label}: {run.result.message}; the model as it was after the last "
            "finished epoch is kept."
        )
    if history:
        cols = st.columns(4)
        cols[0].metric(label, epochs_label(len(history)))
        cols[1].metric("final loss", f"{history[-1].loss:.4g}")
        if run.accuracy is not None:
            cols[2].metric("training accuracy (real tokens)", f"{run.accuracy:.1%}")
        cols[3].metric("training time", f"{run.result.seconds:.1f} s")
        st.caption(settings_caption(run))
        app_state.offer_downloads(run)

# a model saved before, by a download or by `python -m tagger train --out`
with st.expander("Use a saved model (.zip)"):
    saved = st.file_uploader(
        "A zip of a model folder, as the download above or the command line makes",
        type=["zip"],
        key="train_import",
    )
    if saved is not None and st.button("Use it", key="train_import_use"):
        imported = app_state.import_run(saved.getvalue())
        if imported is not None:
            runs[imported.kind] = imported
            st.rerun()
st.page_link(
    "app_pages/predict.py", label="Next: tag a sentence", icon=":material/edit_note:"
)
