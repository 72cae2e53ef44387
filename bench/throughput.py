"""Real-corpus throughput: tokens per second of one epoch on English-EWT's training set.

    python bench/throughput.py                  # one epoch of each variant
    python bench/throughput.py --repeats 3
    python bench/throughput.py --sentences 1600 --keras-sentences 640  # quick

A bidirectional SimpleRNN (hidden 100, embedding 100, no spelling features),
batch 32, Adam at 0.005, min-freq 2, trained three ways, alternating:

- `app-bucket`: the app's Trainer, batches of similar length, each padded to
  its own longest sentence;
- `app-nobucket`: the app's Trainer, random batches, per-batch padding only;
- `keras-fit`: plain `model.compile` and `model.fit` on arrays padded to the
  corpus's longest sentence, the way a Keras tutorial would do it.

Each variant first trains briefly on a slice of the corpus, so its step is
traced before the timed epoch starts: the tokens per second are those of a
warm epoch, and the warm-up's seconds are printed beside them. Tokens are real
tokens, pads excluded. The file is ../shared/data/ud-english-ewt/ beside the
checkout, or under --data. Prints figures; passes or fails nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keras  # noqa: E402
import numpy as np  # noqa: E402

from tagger.config import ModelConfig, TrainConfig  # noqa: E402
from tagger.corpus import read_corpus  # noqa: E402
from tagger.model import build_tagger  # noqa: E402
from tagger.training import Trainer  # noqa: E402
from tagger.vocab import Tensors, encode_corpus  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TRAIN_FILE = Path("ud-english-ewt") / "en_ewt-ud-train.conllu"
MODEL = ModelConfig(kind="birnn", hidden=100, embedding_dim=100, feature_dim=0)
TRAIN = TrainConfig(epochs=1, learning_rate=0.005, batch_size=32)
MIN_FREQ = 2
WARMUP_SENTENCES = 200  # a slice trained first, not a multiple of 32: both
# the full and the last, short batch shape get traced before timing
TARGET_RATIO = 2.0  # app tokens/s over Keras fit's


def subset(data: Tensors, rows: np.ndarray) -> Tensors:
    return Tensors(data.x[rows], data.y[rows], data.mask[rows], data.lengths[rows])


def run_trainer(model, data: Tensors, warmup: Tensors, bucket: bool) -> dict:
    """Warm the app's Trainer on a slice, then time one epoch of the corpus."""
    config = replace(TRAIN, bucket=bucket)
    start = time.perf_counter()
    trainer = Trainer(model, config)
    trainer.run(warmup)
    warm = time.perf_counter()
    result = trainer.run(data)
    end = time.perf_counter()
    return {
        "warmup_s": warm - start,
        "epoch_s": end - warm,
        "loss": result.history[-1].loss,
        "traces": trainer._step.experimental_get_tracing_count(),
    }


def run_keras_fit(model, data: Tensors, warmup: Tensors, bucket: bool) -> dict:
    """Warm Keras's compiled fit on a slice, then time one epoch of the corpus.

    The arrays stay padded to the corpus's longest sentence; the embedding's
    mask_zero carries a mask to the loss, so pads add no loss. Keras averages
    that loss over the batch's real tokens, where the lecture averages each
    sentence over its own tokens and then the sentences: long sentences weigh
    more here. The gradients differ a little; the work per step does not.
    """
    start = time.perf_counter()
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=TRAIN.learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    model.fit(warmup.x, warmup.y, batch_size=TRAIN.batch_size, epochs=1, verbose=0)
    warm = time.perf_counter()
    history = model.fit(
        data.x, data.y, batch_size=TRAIN.batch_size, epochs=1, verbose=0
    )
    end = time.perf_counter()
    return {
        "warmup_s": warm - start,
        "epoch_s": end - warm,
        "loss": history.history["loss"][-1],
        "traces": None,
    }


VARIANTS = {
    "app-bucket": (run_trainer, True),
    "app-nobucket": (run_trainer, False),
    "keras-fit": (run_keras_fit, False),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="shared data folder")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each variant")
    parser.add_argument(
        "--sentences",
        type=int,
        default=0,
        help="train the app variants on this many sentences (seeded sample); 0: all",
    )
    parser.add_argument(
        "--keras-sentences",
        type=int,
        default=0,
        help="train the Keras variant on this many sentences (seeded sample), "
        "still padded to the corpus's longest one; 0: all",
    )
    args = parser.parse_args()

    corpus = read_corpus(args.data / TRAIN_FILE, "conllu")
    enc = encode_corpus(corpus, MIN_FREQ)
    data = enc.tensors
    rng = np.random.default_rng(0)
    order = rng.permutation(len(data.x))
    warmup = subset(data, order[:WARMUP_SENTENCES])
    samples = {
        name: subset(data, order[:count]) if count else data
        for name, count in (
            ("app-bucket", args.sentences),
            ("app-nobucket", args.sentences),
            ("keras-fit", args.keras_sentences),
        )
    }
    print(
        f"{corpus.name}: {len(data.x):,} sentences, {int(data.lengths.sum()):,} "
        f"tokens, padded to {data.x.shape[1]}; vocabulary {len(enc.words):,}, "
        f"{len(enc.tags)} tags",
        flush=True,
    )

    # alternate the variants, rotating their order, so drifting load hits all
    rows = {name: [] for name in VARIANTS}
    for repeat in range(args.repeats):
        names = list(VARIANTS)
        names = names[repeat % len(names) :] + names[: repeat % len(names)]
        for name in names:
            run, bucket = VARIANTS[name]
            sample = samples[name]
            model = build_tagger(MODEL, len(enc.words), len(enc.tags))
            out = run(model, sample, warmup, bucket)
            out["tokens"] = int(sample.lengths.sum())
            out["tokens_per_s"] = out["tokens"] / out["epoch_s"]
            rows[name].append(out)
            print(
                f"  run {repeat + 1} {name:13s} {out['tokens']:7,} tokens in "
                f"{out['epoch_s']:6.1f} s: {out['tokens_per_s']:8,.0f} tokens/s "
                f"(warm-up {out['warmup_s']:.1f} s, loss {out['loss']:.3f})",
                flush=True,
            )

    medians = {
        name: {
            "tokens": runs[0]["tokens"],
            "tokens_per_s": statistics.median(r["tokens_per_s"] for r in runs),
            "epoch_s": statistics.median(r["epoch_s"] for r in runs),
            "warmup_s": statistics.median(r["warmup_s"] for r in runs),
            "traces": [r["traces"] for r in runs],
        }
        for name, runs in rows.items()
    }
    keras_rate = medians["keras-fit"]["tokens_per_s"]
    ratios = {
        name: medians[name]["tokens_per_s"] / keras_rate
        for name in ("app-bucket", "app-nobucket")
    }
    print(
        f"warm-epoch throughput, median of {args.repeats}, load average "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    for name, m in medians.items():
        print(
            f"  {name:13s} {m['tokens_per_s']:8,.0f} tokens/s "
            f"(warm-up incl. first trace {m['warmup_s']:.1f} s)"
        )
    print(
        f"  app-bucket/keras {ratios['app-bucket']:.2f}x, app-nobucket/keras "
        f"{ratios['app-nobucket']:.2f}x (target >= {TARGET_RATIO}x)"
    )
    print(
        json.dumps(
            {
                "bench": "throughput",
                "repeats": args.repeats,
                "warmup_sentences": WARMUP_SENTENCES,
                "tokens_per_s_excludes": "first trace (a warm-up epoch on a slice)",
                "variants": {
                    name: {
                        k: round(v, 2) if isinstance(v, float) else v
                        for k, v in m.items()
                    }
                    for name, m in medians.items()
                },
                "ratio_app_bucket_over_keras": round(ratios["app-bucket"], 3),
                "ratio_app_nobucket_over_keras": round(ratios["app-nobucket"], 3),
                "target_ratio": TARGET_RATIO,
                "loadavg": [round(x, 2) for x in os.getloadavg()],
                "cpus": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
