"""Lecture training: the lecture's eager loop against the app's compiled trainer.

    python bench/lecture_training.py               # 5 runs of each, alternating
    python bench/lecture_training.py --repeats 9

Both train the bidirectional lecture model on the four sentences for 30
epochs, Adam at 0.1, batch 2; each run starts from a freshly built model.
Prints the median total time, the time to the first finished epoch (the
compiled trainer traces its step there) and the steady-state time per step,
with the app/lecture ratio. Prints figures; passes or fails nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from tagger.config import ModelConfig, TrainConfig  # noqa: E402
from tagger.corpus import lecture_corpus  # noqa: E402
from tagger.model import build_tagger  # noqa: E402
from tagger.training import Trainer  # noqa: E402
from tagger.vocab import encode_corpus  # noqa: E402

TARGET_RATIO = 0.2  # app total time as a share of the lecture loop's
TARGET_STEP_MS = 3.0  # app steady-state milliseconds per step


def lecture_loss(model, x, y, lengths) -> tf.Tensor:
    """The lecture's sequence loss, written out as the lecture writes it."""
    logits = model(x, training=True)  # (batch, time, tags)
    per_token = keras.losses.sparse_categorical_crossentropy(
        y, logits, from_logits=True
    )  # (batch, time)
    mask = tf.sequence_mask(lengths, maxlen=tf.shape(x)[1], dtype=tf.float32)
    per_sentence = tf.reduce_sum(per_token * mask, axis=-1)
    return tf.reduce_mean(per_sentence / tf.cast(lengths, tf.float32))


def run_lecture_loop(model, data, config: TrainConfig) -> dict:
    """The lecture's eager loop: a tf.data pipeline and a tape per batch."""
    start = time.perf_counter()
    optimizer = keras.optimizers.Adam(learning_rate=config.learning_rate)
    dataset = (
        tf.data.Dataset.from_tensor_slices((data.x, data.y, data.lengths))
        .shuffle(buffer_size=len(data.x), seed=config.seed)
        .batch(config.batch_size)
    )
    ends, losses = [], []
    for _ in range(config.epochs):
        epoch_losses = []
        for x, y, lengths in dataset:
            with tf.GradientTape() as tape:
                loss = lecture_loss(model, x, y, lengths)
            variables = model.trainable_variables
            grads = tape.gradient(loss, variables)
            optimizer.apply_gradients(zip(grads, variables, strict=True))
            # the lecture reads each loss back as a float, as the app does
            epoch_losses.append(float(loss))
        losses.append(float(np.mean(epoch_losses)))
        ends.append(time.perf_counter() - start)
    return {"ends": ends, "final_loss": losses[-1], "trace_count": None}


def run_app_trainer(model, data, config: TrainConfig) -> dict:
    """The app's Trainer; its construction is timed, as a page pays for it too."""
    start = time.perf_counter()
    ends = []
    trainer = Trainer(model, config)
    result = trainer.run(
        data, on_epoch=lambda record: ends.append(time.perf_counter() - start)
    )
    return {
        "ends": ends,
        "final_loss": result.history[-1].loss,
        "trace_count": trainer._step.experimental_get_tracing_count(),
    }


VARIANTS = {"lecture": run_lecture_loop, "app": run_app_trainer}


def figures_of(ends: list[float], steps_per_epoch: int) -> dict:
    """Total, first-epoch and steady-state figures of one run's epoch end times."""
    epoch_seconds = np.diff([0.0, *ends])
    return {
        "total_s": ends[-1],
        "first_epoch_s": ends[0],
        "step_ms": float(np.median(epoch_seconds[1:])) / steps_per_epoch * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs of each variant")
    args = parser.parse_args()

    enc = encode_corpus(lecture_corpus())
    model_config, train_config = ModelConfig(), TrainConfig()
    steps = -(-len(enc.tensors.x) // train_config.batch_size)
    runs = {name: [] for name in VARIANTS}
    traces, final_losses = [], {name: [] for name in VARIANTS}

    # alternate the variants, and their order, so drifting load hits both alike
    for repeat in range(args.repeats):
        order = list(VARIANTS) if repeat % 2 == 0 else list(reversed(VARIANTS))
        for name in order:
            model = build_tagger(model_config, len(enc.words), len(enc.tags))
            out = VARIANTS[name](model, enc.tensors, train_config)
            runs[name].append(figures_of(out["ends"], steps))
            final_losses[name].append(out["final_loss"])
            if out["trace_count"] is not None:
                traces.append(out["trace_count"])
            print(
                f"  run {repeat + 1} {name:8s} total {out['ends'][-1]:6.3f} s  "
                f"first epoch {out['ends'][0]:6.3f} s  "
                f"loss {out['final_loss']:.4f}",
                flush=True,
            )

    medians = {
        name: {key: statistics.median(run[key] for run in rows) for key in rows[0]}
        for name, rows in runs.items()
    }
    ratio = medians["app"]["total_s"] / medians["lecture"]["total_s"]
    step_ratio = medians["app"]["step_ms"] / medians["lecture"]["step_ms"]
    print(
        f"lecture training, birnn, {train_config.epochs} epochs of {steps} steps, "
        f"median of {args.repeats} runs each, load average "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    for name, m in medians.items():
        print(
            f"  {name:8s} total {m['total_s']:6.3f} s  first epoch "
            f"{m['first_epoch_s']:6.3f} s  steady {m['step_ms']:6.2f} ms/step"
        )
    print(
        f"  app/lecture total {ratio:.3f} (target <= {TARGET_RATIO}); "
        f"steady step {step_ratio:.3f}; app steady "
        f"{medians['app']['step_ms']:.2f} ms/step (target <= {TARGET_STEP_MS}); "
        f"trainer traces {sorted(set(traces))} (expected [1])"
    )
    print(
        json.dumps(
            {
                "bench": "lecture_training",
                "repeats": args.repeats,
                "epochs": train_config.epochs,
                "steps_per_epoch": steps,
                "lecture": {k: round(v, 4) for k, v in medians["lecture"].items()},
                "app": {k: round(v, 4) for k, v in medians["app"].items()},
                "ratio_total_app_over_lecture": round(ratio, 4),
                "ratio_step_app_over_lecture": round(step_ratio, 4),
                "target_ratio": TARGET_RATIO,
                "target_step_ms": TARGET_STEP_MS,
                "trainer_trace_counts": traces,
                "final_loss_median": {
                    k: round(statistics.median(v), 5) for k, v in final_losses.items()
                },
                "loadavg": [round(x, 2) for x in os.getloadavg()],
                "cpus": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
