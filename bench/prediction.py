"""Prediction latency: one sentence through predict_sentence, as the Predict page does.

    python bench/prediction.py                   # 200 calls per sentence length
    python bench/prediction.py --calls 500 --lengths 10 50 100
    python bench/prediction.py --no-real         # the lecture model only

The models are untrained: their weights are the seeded initial ones, and the
time of a call does not depend on the weights' values. A lecture birnn tagger
is timed on seeded random sentences of lecture words, one in ten an unknown
word; then, if English-EWT's dev file is present (../shared/data beside the
checkout, or --data), a real-corpus tagger with spelling features built from
that file. Each tagger is warmed by one call first. Also counts the traces of
the tagger's hidden-state function after sentences of every length from 1 to
60. Prints figures; passes or fails nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from tagger.config import REAL_CORPUS_DEFAULTS, ModelConfig  # noqa: E402
from tagger.corpus import lecture_corpus, read_corpus  # noqa: E402
from tagger.model import build_tagger  # noqa: E402
from tagger.predict import Tagger, predict_sentence  # noqa: E402
from tagger.vocab import encode_corpus  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEV_FILE = Path("ud-english-ewt") / "en_ewt-ud-dev.conllu"
TARGET_P50_MS = 30.0
TRACE_LENGTHS = range(1, 61)  # every sentence length the trace count is checked at
UNKNOWN_SHARE = 0.1  # share of words in a timed sentence that no model knows


def random_sentence(words: list[str], length: int, rng: np.random.Generator):
    """A sentence of known words with about one unknown word in ten."""
    return [
        "zzxq" if rng.random() < UNKNOWN_SHARE else words[rng.integers(len(words))]
        for _ in range(length)
    ]


def latencies_ms(tagger: Tagger, sentences: list[list[str]]) -> np.ndarray:
    times = []
    for tokens in sentences:
        start = time.perf_counter()
        predict_sentence(tagger, tokens)
        times.append(time.perf_counter() - start)
    return np.array(times) * 1000


def measure(
    name: str, tagger: Tagger, words: list[str], lengths, calls: int, seed: int
) -> dict:
    """Warm the tagger, time `calls` sentences of each length, count its traces."""
    rng = np.random.default_rng(seed)
    predict_sentence(tagger, random_sentence(words, 5, rng))
    figures = {}
    for length in lengths:
        sentences = [random_sentence(words, length, rng) for _ in range(calls)]
        ms = latencies_ms(tagger, sentences)
        p50, p95 = np.percentile(ms, [50, 95])
        figures[f"words_{length}"] = {
            "p50_ms": round(float(p50), 3),
            "p95_ms": round(float(p95), 3),
            "max_ms": round(float(ms.max()), 3),
        }
        print(
            f"  {name:8s} {length:3d} words: p50 {p50:6.2f} ms  p95 {p95:6.2f} ms "
            f"over {calls} calls",
            flush=True,
        )

    # every length once more: an input signature with open shapes keeps one trace
    for length in TRACE_LENGTHS:
        predict_sentence(tagger, random_sentence(words, length, rng))
    figures["hidden_traces"] = tagger._hidden.experimental_get_tracing_count()
    print(
        f"  {name:8s} hidden-state traces after lengths "
        f"{TRACE_LENGTHS.start}..{TRACE_LENGTHS.stop - 1}: "
        f"{figures['hidden_traces']} (expected 1)",
        flush=True,
    )
    return figures


def lecture_tagger() -> tuple[Tagger, list[str]]:
    enc = encode_corpus(lecture_corpus())
    config = ModelConfig()
    model = build_tagger(config, len(enc.words), len(enc.tags))
    return Tagger(model, enc.words, enc.tags, config), list(enc.words.entries[1:])


def real_tagger(path: Path) -> tuple[Tagger, list[str]]:
    corpus = read_corpus(path, "conllu")
    settings = REAL_CORPUS_DEFAULTS
    enc = encode_corpus(corpus, settings.min_freq, features=True)
    model = build_tagger(
        settings.model, len(enc.words), len(enc.tags), enc.features.sizes
    )
    tagger = Tagger(model, enc.words, enc.tags, settings.model, enc.features)
    return tagger, sorted({t for sentence in corpus.sentences for t in sentence})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200, help="calls per length")
    parser.add_argument("--lengths", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--data", type=Path, default=DATA, help="shared data folder")
    parser.add_argument(
        "--no-real", action="store_true", help="skip the real-corpus tagger"
    )
    args = parser.parse_args()

    print(
        f"prediction latency, untrained taggers, load average "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs",
        flush=True,
    )
    results = {
        "lecture": measure("lecture", *lecture_tagger(), args.lengths, args.calls, 0)
    }
    dev = args.data / DEV_FILE
    if args.no_real:
        print("  no real-corpus tagger: --no-real")
    elif dev.is_file():
        results["ewt-dev"] = measure(
            "ewt-dev", *real_tagger(dev), args.lengths, args.calls, 1
        )
    else:
        print(f"  no real-corpus tagger: {dev} is missing")

    p50s = {
        name: max(v["p50_ms"] for k, v in r.items() if k.startswith("words_"))
        for name, r in results.items()
    }
    print(
        "  worst p50: "
        + ", ".join(f"{name} {ms:.2f} ms" for name, ms in p50s.items())
        + f" (target <= {TARGET_P50_MS:g} ms)"
    )
    print(
        json.dumps(
            {
                "bench": "prediction",
                "calls": args.calls,
                "weights": "untrained (seeded initial)",
                "taggers": results,
                "target_p50_ms": TARGET_P50_MS,
                "loadavg": [round(x, 2) for x in os.getloadavg()],
                "cpus": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
