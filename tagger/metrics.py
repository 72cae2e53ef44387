"""Scores for tag predictions over real tokens, with numpy (and seqeval for entities).

Token accuracy, per-tag precision/recall/F1, the confusion matrix, the
most-frequent-tag baseline and, for BIO tag sets, entity scores. Nothing here
runs a model: every function takes tags as strings (or ids, for the masked
accuracy of training), so gold tags a model never saw are still counted.
"""

from __future__ import annotations

import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

OUTSIDE = "O"  # the BIO tag for tokens outside any entity
BIO_PREFIXES = ("B-", "I-")

Rows = Sequence[Sequence[str]]  # per sentence, its tags (or its words)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    support: int  # gold tokens with this tag (entities, for entity scores)


@dataclass(frozen=True)
class EntityScores:
    overall: Scores  # micro-averaged over every entity type
    per_type: dict[str, Scores]  # entity type ("PER", "LOC") to its scores


def masked_accuracy(predicted: np.ndarray, gold: np.ndarray, mask: np.ndarray) -> float:
    """Share of real tokens whose predicted tag id equals the gold one.

    All three arrays are (sentences, time); pads, where `mask` is 0, are not counted.
    """
    real = mask.astype(bool)
    return float((predicted[real] == gold[real]).mean()) if real.any() else 0.0


def token_accuracy(gold: Rows, predicted: Rows) -> float:
    """Share of tokens whose predicted tag equals the gold one; 0.0 for no tokens."""
    pairs = list(_token_pairs(gold, predicted))
    return sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0


def tag_labels(gold: Rows, predicted: Rows) -> list[str]:
    """Every tag that occurs as gold or as prediction, sorted."""
    return sorted({tag for tags in (*gold, *predicted) for tag in tags})


def confusion_matrix(gold: Rows, predicted: Rows, labels: Sequence[str]) -> np.ndarray:
    """Token counts, gold tag by row and predicted tag by column, in `labels` order.

    A token whose gold or predicted tag is not among `labels` is left out.
    """
    index = {label: i for i, label in enumerate(labels)}
    n = len(labels)
    cells = [
        index[g] * n + index[p]
        for g, p in _token_pairs(gold, predicted)
        if g in index and p in index
    ]
    counts = np.bincount(np.array(cells, dtype=np.int64), minlength=n * n)
    return counts.reshape(n, n)  # (gold, predicted)


def tag_scores(
    gold: Rows, predicted: Rows, labels: Sequence[str] | None = None
) -> dict[str, Scores]:
    """Precision, recall, F1 and gold support for each tag, in `labels` order.

    `labels` defaults to every tag seen in either list, so a tag that is only
    ever predicted shows up with support 0. A ratio with nothing to divide by
    (a tag never predicted, or never gold) is 0.0, as in scikit-learn.
    """
    labels = tag_labels(gold, predicted) if labels is None else list(labels)
    return confusion_scores(confusion_matrix(gold, predicted, labels), labels)


def confusion_scores(matrix: np.ndarray, labels: Sequence[str]) -> dict[str, Scores]:
    """Per-tag scores read off a confusion matrix from `confusion_matrix`."""
    hits = np.diag(matrix)
    support = matrix.sum(axis=1)  # gold tokens per tag
    guessed = matrix.sum(axis=0)  # predicted tokens per tag
    precision = _ratio(hits, guessed)
    recall = _ratio(hits, support)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return {
        label: Scores(float(precision[i]), float(recall[i]), float(f1[i]), int(n))
        for i, (label, n) in enumerate(zip(labels, support, strict=True))
    }


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    numerator = numerator.astype(np.float64)
    out = np.zeros_like(numerator)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def _token_pairs(gold: Rows, predicted: Rows) -> Iterable[tuple[str, str]]:
    if len(gold) != len(predicted):
        raise ValueError(
            f"{len(gold)} gold sentences but {len(predicted)} predicted ones"
        )
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        if len(g) != len(p):
            raise ValueError(
                f"sentence {i + 1}: {len(g)} gold tags but {len(p)} predicted ones"
            )
        yield from zip(g, p, strict=True)


# the most-frequent-tag baseline


def build_baseline(sentences: Rows, tags: Rows) -> dict[str, str]:
    """Each training word's most frequent tag; a tie goes to the tag sorting first."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for word, tag in _token_pairs(sentences, tags):
        counts[word][tag] += 1
    return {word: _most_frequent(tag_counts) for word, tag_counts in counts.items()}


def baseline_fallback(sentences: Rows, tags: Rows) -> str:
    """The baseline's tag for a word it never saw: the commonest among rare words.

    Words seen once in training stand in for unseen words, which are mostly
    rare words too: on EWT both this and the overall commonest tag are NOUN,
    but on a corpus dominated by function words the rare words tell the truth.
    Without any word seen once, the commonest tag overall; ties as above.
    """
    words = Counter(word for sentence in sentences for word in sentence)
    pairs = list(_token_pairs(sentences, tags))
    if not pairs:
        raise ValueError("no tagged tokens to learn a fallback tag from")
    rare = Counter(tag for word, tag in pairs if words[word] == 1)
    return _most_frequent(rare or Counter(tag for _, tag in pairs))


def baseline_predictions(
    table: Mapping[str, str], fallback: str, sentences: Rows
) -> list[list[str]]:
    """The baseline's tags: the table's for known words, `fallback` for the rest."""
    return [[table.get(word, fallback) for word in sentence] for sentence in sentences]


def _most_frequent(counts: Counter) -> str:
    # sorting by (-count, tag) makes ties independent of the corpus's order
    return min(counts, key=lambda tag: (-counts[tag], tag))


# entities in BIO tags


def is_bio(tags: Iterable[str]) -> bool:
    """True for a BIO tag set: every tag "O", "B-type" or "I-type", one not "O"."""
    tags = set(tags)
    return any(t != OUTSIDE for t in tags) and all(_is_bio_tag(t) for t in tags)


def _is_bio_tag(tag: str) -> bool:
    return tag == OUTSIDE or (tag.startswith(BIO_PREFIXES) and len(tag) > 2)


def entity_scores(gold: Rows, predicted: Rows) -> EntityScores:
    """Entity precision, recall and F1, overall and per type, with seqeval.

    An entity counts only when its span and type both match. A predicted tag
    that is not BIO (a part-of-speech tag, or padding) is read as "O".
    Decoding is seqeval's lenient default: an "I-" after "O" opens an entity.
    """
    # seqeval pulls in scikit-learn, a second's import: only pay it when scoring
    from seqeval.metrics import classification_report

    predicted = [[p if _is_bio_tag(p) else OUTSIDE for p in tags] for tags in predicted]
    list(_token_pairs(gold, predicted))  # the same length checks as for tags
    with warnings.catch_warnings():
        # averages over zero entity types warn about empty means: those are unused
        warnings.simplefilter("ignore", RuntimeWarning)
        report = classification_report(
            [list(tags) for tags in gold], predicted, output_dict=True, zero_division=0
        )
    averages = {"micro avg", "macro avg", "weighted avg"}
    per_type = {
        name: _entity_row(row)
        for name, row in sorted(report.items())
        if name not in averages
    }
    return EntityScores(_entity_row(report["micro avg"]), per_type)


def _entity_row(row: dict) -> Scores:
    return Scores(
        float(row["precision"]),
        float(row["recall"]),
        float(row["f1-score"]),
        int(row["support"]),
    )
