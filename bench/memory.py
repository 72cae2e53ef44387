"""Memory: resident memory of the lecture flow, of EWT training, and its growth.

    python bench/memory.py                       # all runs
    python bench/memory.py lecture growth        # some of them
    python bench/memory.py ewt --epochs 2 --data ../shared/data

Each run is a fresh subprocess (this file with --child), so one run's memory
never counts toward another's. Peak is `ru_maxrss` (KiB on Linux), current is
VmRSS from /proc/self/status; both include TensorFlow's own import.

- `lecture`: train the one-way and the bidirectional model with the lecture's
  settings, then tag "tensorflow is very easy".
- `ewt`: English-EWT's training file with the app's real-corpus defaults,
  spelling features included, for --epochs epochs.
- `growth-plain`, `growth-gc`, `growth-clear`: --trainings lecture birnn
  trainings in one process, each with a fresh model and Trainer, and nothing
  between them, `gc.collect()`, or `keras.backend.clear_session()`. Prints the
  RSS after the first and the last, and which objects are still alive. (The
  trainer's optimizer skips TensorFlow's cross-replica gradient sum, whose
  registered custom gradients would keep every traced step alive with its
  graph, tensorflow#97697: `registered_custom_gradients` shows that none are.)

Prints figures; passes or fails nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
TRAIN_FILE = Path("ud-english-ewt") / "en_ewt-ud-train.conllu"
GROWTH_MODES = (
    "growth-plain",
    "growth-gc",
    "growth-clear",
)
RUNS = ("lecture", "ewt", *GROWTH_MODES)
TARGETS_MB = {"lecture": 800, "ewt": 1536, "growth": 100}
# object types whose live count tells what an old training leaves behind
TRACKED_TYPES = (
    "Trainer",
    "Sequential",
    "Function",  # a tf.function
    "ConcreteFunction",
    "AtomicFunction",
    "FuncGraph",
    "Adam",
    "Variable",  # a Keras variable
)


def rss_mb() -> dict:
    """Peak and current resident memory of this process, in MB."""
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    current_kib = 0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                current_kib = int(line.split()[1])
    return {
        "peak_mb": round(peak_kib / 1024, 1),
        "rss_mb": round(current_kib / 1024, 1),
    }


def live_objects() -> dict:
    """How many objects of each TRACKED_TYPES the garbage collector knows of,
    and how many custom gradients TensorFlow's global registry holds."""
    import gc

    from tensorflow.python.framework import ops

    counts = Counter(type(o).__name__ for o in gc.get_objects())
    registry = ops._gradient_registry._registry  # private: no public count
    return {
        **{name: counts[name] for name in TRACKED_TYPES},
        "registered_custom_gradients": sum("CustomGradient" in k for k in registry),
    }


# the children: each runs in its own interpreter


def child_lecture(args) -> dict:
    before_tf = rss_mb()
    from tagger.config import ModelConfig, TrainConfig
    from tagger.corpus import lecture_corpus
    from tagger.model import build_tagger
    from tagger.predict import Tagger, predict_sentence
    from tagger.training import Trainer
    from tagger.vocab import encode_corpus

    imported = rss_mb()
    enc = encode_corpus(lecture_corpus())
    tags = {}
    for kind in ("rnn", "birnn"):
        config = ModelConfig(kind=kind)
        model = build_tagger(config, len(enc.words), len(enc.tags))
        Trainer(model, TrainConfig()).run(enc.tensors)
        tagger = Tagger(model, enc.words, enc.tags, config)
        tokens = "tensorflow is very easy".split()
        tags[kind] = [p.tag for p in predict_sentence(tagger, tokens)]
    return {"before_import": before_tf, "after_import": imported, "tags": tags}


def child_ewt(args) -> dict:
    from dataclasses import replace

    from tagger.config import REAL_CORPUS_DEFAULTS
    from tagger.corpus import read_corpus
    from tagger.model import build_tagger
    from tagger.training import Trainer
    from tagger.vocab import encode_corpus

    imported = rss_mb()
    settings = REAL_CORPUS_DEFAULTS
    train = read_corpus(args.data / TRAIN_FILE, "conllu")
    enc = encode_corpus(train, settings.min_freq, features=True)
    encoded = rss_mb()
    model = build_tagger(
        settings.model, len(enc.words), len(enc.tags), enc.features.sizes
    )
    start = time.perf_counter()
    result = Trainer(model, replace(settings.train, epochs=args.epochs)).run(
        enc.tensors
    )
    return {
        "after_import": imported,
        "after_encoding": encoded,
        "epochs": len(result.history),
        "train_s": round(time.perf_counter() - start, 1),
        "padded_x_mb": round(enc.tensors.x.nbytes / 2**20, 1),
    }


def child_growth(args) -> dict:
    import gc

    import keras

    from tagger.config import ModelConfig, TrainConfig
    from tagger.corpus import lecture_corpus
    from tagger.model import build_tagger
    from tagger.training import Trainer
    from tagger.vocab import encode_corpus

    enc = encode_corpus(lecture_corpus())
    mode = args.child.removeprefix("growth-")
    between = {
        "plain": lambda: None,
        "gc": gc.collect,
        "clear": keras.backend.clear_session,
    }[mode]
    series = []
    for _ in range(args.trainings):
        between()
        model = build_tagger(ModelConfig(), len(enc.words), len(enc.tags))
        trainer = Trainer(model, TrainConfig())
        trainer.run(enc.tensors)
        series.append(rss_mb()["rss_mb"])
    del trainer
    del model
    alive = live_objects()
    gc.collect()
    return {
        "rss_series_mb": series,
        "growth_mb": round(series[-1] - series[0], 1),
        "alive_before_collect": alive,
        "alive_after_collect": live_objects(),
    }


CHILDREN = {
    "lecture": child_lecture,
    "ewt": child_ewt,
    **dict.fromkeys(GROWTH_MODES, child_growth),
}


def run_child(name: str, args) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        name,
        "--epochs",
        str(args.epochs),
        "--trainings",
        str(args.trainings),
        "--data",
        str(args.data),
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:], "seconds": None}
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["seconds"] = round(time.perf_counter() - start, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "runs", nargs="*", metavar="RUN", help=f"{', '.join(RUNS)}, or growth"
    )
    parser.add_argument("--epochs", type=int, default=1, help="EWT epochs")
    parser.add_argument("--trainings", type=int, default=20, help="growth runs")
    parser.add_argument("--data", type=Path, default=DATA, help="shared data folder")
    parser.add_argument("--child", choices=RUNS, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        sys.path.insert(0, str(ROOT))
        out = CHILDREN[args.child](args)
        print(json.dumps({**out, **rss_mb()}))
        return

    names = [
        name
        for run in args.runs or RUNS
        for name in (GROWTH_MODES if run == "growth" else [run])
    ]
    unknown = set(names) - set(RUNS)
    if unknown:
        parser.error(f"no run named {', '.join(sorted(unknown))}")
    if "ewt" in names and not (args.data / TRAIN_FILE).is_file():
        print(f"  no ewt run: {args.data / TRAIN_FILE} is missing")
        names.remove("ewt")

    figures = {}
    for name in names:
        out = figures[name] = run_child(name, args)
        if "error" in out:
            print(f"  {name}: failed: {out['error']}", flush=True)
            continue
        line = (
            f"  {name:13s} peak {out['peak_mb']:7.1f} MB, now {out['rss_mb']:7.1f} MB"
        )
        if name in GROWTH_MODES:
            series = out["rss_series_mb"]
            line += (
                f"; after training 1 {series[0]:.1f} MB, after {len(series)} "
                f"{series[-1]:.1f} MB: growth {out['growth_mb']:+.1f} MB "
                f"(target <= {TARGETS_MB['growth']} MB)"
            )
        else:
            line += f" (target <= {TARGETS_MB[name]} MB)"
        print(line + f", {out['seconds']} s", flush=True)
        if name in GROWTH_MODES:
            print(f"    alive before gc.collect: {out['alive_before_collect']}")
            print(f"    alive after gc.collect:  {out['alive_after_collect']}")

    print(f"memory, load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(
        json.dumps(
            {
                "bench": "memory",
                "runs": figures,
                "targets_mb": TARGETS_MB,
                "loadavg": [round(x, 2) for x in os.getloadavg()],
                "cpus": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
