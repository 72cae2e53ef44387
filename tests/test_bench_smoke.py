"""The benchmark scripts still run: a tiny prediction bench ends with its JSON line.

Timings are never checked here; the scripts print figures and judge nothing.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_prediction_bench_runs_and_ends_with_json():
    done = subprocess.run(
        [
            sys.executable,
            "bench/prediction.py",
            "--calls",
            "3",
            "--lengths",
            "2",
            "--no-real",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["bench"] == "prediction"
    assert "words_2" in figures["taggers"]["lecture"]
