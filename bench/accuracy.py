"""Tagging accuracy on real treebanks, beside the most-frequent-tag baseline.

    python bench/accuracy.py upos-default   # the app's real-corpus defaults
    python bench/accuracy.py upos-best      # the best setting the app offers
    python bench/accuracy.py ner            # entity F1 on a hold-out of UNER dev

UPOS runs train on en_ewt-ud-train.conllu and score en_ewt-ud-dev.conllu; the
NER run holds out a seeded tenth of the UNER English-EWT dev file. The files
are read from ../shared/data/ beside the checkout, or from --data. Prints
figures; passes or fails nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tagger.config import REAL_CORPUS_DEFAULTS, Defaults  # noqa: E402
from tagger.corpus import read_corpus, split_corpus  # noqa: E402
from tagger.evaluation import evaluate_tagger  # noqa: E402
from tagger.metrics import baseline_fallback, build_baseline  # noqa: E402
from tagger.model import build_tagger, parameter_counts  # noqa: E402
from tagger.predict import Tagger  # noqa: E402
from tagger.training import Trainer  # noqa: E402
from tagger.vocab import encode_corpus  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BEST = Defaults(
    replace(REAL_CORPUS_DEFAULTS.model, cell="lstm", hidden=150, dropout=0.5),
    replace(
        REAL_CORPUS_DEFAULTS.train,
        epochs=16,
        learning_rate=0.003,
        word_dropout=0.1,
        decay=True,
    ),
    min_freq=1,
)
RUNS = {
    # name: (settings, training files, time budget in seconds)
    "upos-default": (REAL_CORPUS_DEFAULTS, "ewt", 180),
    "upos-best": (BEST, "ewt", 600),
    "ner": (REAL_CORPUS_DEFAULTS, "uner", 180),
}


def load(kind: str, data: Path):
    """(train, dev) corpora of a run."""
    if kind == "ewt":
        folder = data / "ud-english-ewt"
        train = read_corpus(folder / "en_ewt-ud-train.conllu", "conllu")
        dev = read_corpus(folder / "en_ewt-ud-dev.conllu", "conllu")
        return train, dev
    whole = read_corpus(
        data / "uner-english-ewt" / "en_ewt-ud-dev.iob2",
        "columns",
        token_column=1,
        tag_column=2,
    )
    return split_corpus(whole, dev_fraction=0.1, seed=0)


def run(name: str, data: Path) -> dict:
    settings, kind, budget = RUNS[name]
    train, dev = load(kind, data)
    enc = encode_corpus(
        train, settings.min_freq, features=settings.model.feature_dim > 0
    )
    sizes = enc.features.sizes if enc.features else None
    model = build_tagger(settings.model, len(enc.words), len(enc.tags), sizes)
    print(
        f"{name}: {len(train):,} training sentences, {len(dev):,} dev; "
        f"{parameter_counts(model)['total']:,} parameters",
        flush=True,
    )

    # the budget ends training between two batches; the model keeps its last epoch
    start = time.perf_counter()
    result = Trainer(model, settings.train).run(
        enc.tensors,
        on_epoch=lambda r: print(
            f"  epoch {r.epoch:2d}  loss {r.loss:.4f}  {r.seconds:6.1f} s", flush=True
        ),
        should_stop=lambda: time.perf_counter() - start > budget,
    )
    tagger = Tagger(model, enc.words, enc.tags, settings.model, enc.features)
    baseline = build_baseline(train.sentences, train.tags)
    fallback = baseline_fallback(train.sentences, train.tags)
    scores = evaluate_tagger(tagger, dev, baseline, fallback)
    return {
        "run": name,
        "epochs": len(result.history),
        "train_seconds": round(result.seconds, 1),
        "budget_seconds": budget,
        "accuracy": round(scores.accuracy, 4),
        "baseline_accuracy": round(scores.baseline_accuracy, 4),
        "unknown_accuracy": round(scores.unknown_accuracy or 0.0, 4),
        "entity_f1": None if scores.entity_f1 is None else round(scores.entity_f1, 4),
        "model": asdict(settings.model),
        "train": asdict(settings.train),
        "min_freq": settings.min_freq,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="*", metavar="RUN", help=", ".join(RUNS))
    parser.add_argument(
        "--data", type=Path, default=DATA, help="the shared data folder"
    )
    args = parser.parse_args()
    unknown = set(args.runs) - set(RUNS)
    if unknown:
        parser.error(f"no run named {', '.join(sorted(unknown))}")
    for name in args.runs or RUNS:
        figures = run(name, args.data)
        print(
            f"{name}: accuracy {figures['accuracy']:.2%} "
            f"(baseline {figures['baseline_accuracy']:.2%}, unknown words "
            f"{figures['unknown_accuracy']:.2%})"
            + (
                f", entity F1 {figures['entity_f1']:.2%}"
                if figures["entity_f1"]
                else ""
            )
            + f" after {figures['epochs']} epochs, {figures['train_seconds']} s"
        )
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
