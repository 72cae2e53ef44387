"""Scores for tag predictions, counted over real tokens only (numpy only)."""

from __future__ import annotations

import numpy as np


def masked_accuracy(predicted: np.ndarray, gold: np.ndarray, mask: np.ndarray) -> float:
    """Share of real tokens whose predicted tag id equals the gold one.

    All three arrays are (sentences, time); pads, where `mask` is 0, are not counted.
    """
    real = mask.astype(bool)
    return float((predicted[real] == gold[real]).mean()) if real.any() else 0.0
