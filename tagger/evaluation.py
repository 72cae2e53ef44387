"""Evaluating a trained tagger on a held-out corpus, beside the baseline.

One call tags the whole corpus and gathers what the Evaluate page and the
`evaluate` command show: accuracy overall and on unknown words, per-tag
scores, the confusion matrix, entity scores for BIO tags and the sentences
with the most errors. The scores themselves are computed in `tagger.metrics`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

import numpy as np

from tagger.corpus import Corpus
from tagger.metrics import (
    Scores,
    baseline_predictions,
    confusion_matrix,
    confusion_scores,
    entity_scores,
    is_bio,
    tag_labels,
    token_accuracy,
)
from tagger.predict import Tagger, predict_ids, predict_sentence
from tagger.vocab import pad_ids

WORST_SENTENCES = 10  # sentences kept by default in `Evaluation.worst`


@dataclass(frozen=True)
class SentenceErrors:
    index: int  # position in the corpus, from 0
    tokens: tuple[str, ...]
    gold: tuple[str, ...]
    predicted: tuple[str, ...]

    @property
    def errors(self) -> int:
        return sum(g != p for g, p in zip(self.gold, self.predicted, strict=True))

    @property
    def accuracy(self) -> float:
        return 1 - self.errors / len(self.tokens)


@dataclass(frozen=True)
class Evaluation:
    accuracy: float  # over every token of the corpus
    tokens: int
    unknown_accuracy: float | None  # over tokens not in the vocabulary; None: none
    unknown_tokens: int
    baseline_accuracy: float | None  # None without a baseline
    per_tag: dict[str, Scores]  # in `labels` order
    labels: tuple[str, ...]  # every gold or predicted tag, sorted
    confusion: np.ndarray  # (gold, predicted) token counts in `labels` order
    entity_f1: float | None  # micro F1 over entities; None unless gold tags are BIO
    entity: dict[str, Scores] | None  # entity type to scores; None unless BIO
    worst: tuple[SentenceErrors, ...]  # most errors first; error-free ones left out


def evaluate_tagger(
    tagger: Tagger,
    corpus: Corpus,
    baseline: Mapping[str, str] | None = None,
    fallback_tag: str | None = None,
    worst: int = WORST_SENTENCES,
) -> Evaluation:
    """Tag `corpus` with `tagger` and score the tags against the corpus's own.

    `baseline` is a most-frequent-tag table and `fallback_tag` its tag for
    words the table lacks (both from `tagger.metrics`, or `load_baseline`).
    Tags are compared as strings, so a gold tag the tagger never saw in
    training is an error, not a match with padding.
    """
    if baseline is not None and fallback_tag is None:
        raise ValueError("a baseline needs its fallback tag for unknown words")
    gold = [tuple(tags) for tags in corpus.tags]
    predicted = predict_corpus(tagger, corpus)

    # accuracy overall, on unknown words, and the baseline's
    unknown = [
        (g, p)
        for words, gs, ps in zip(corpus.sentences, gold, predicted, strict=True)
        for word, g, p in zip(words, gs, ps, strict=True)
        if not tagger.is_known(word)
    ]
    baseline_accuracy = None
    if baseline is not None:
        guesses = baseline_predictions(baseline, fallback_tag, corpus.sentences)
        baseline_accuracy = token_accuracy(gold, guesses)

    # per-tag scores and confusions over every tag that occurs on either side
    labels = tag_labels(gold, predicted)
    confusion = confusion_matrix(gold, predicted, labels)
    bio = is_bio(tag for tags in gold for tag in tags)
    entities = entity_scores(gold, predicted) if bio else None

    return Evaluation(
        accuracy=token_accuracy(gold, predicted),
        tokens=corpus.num_tokens,
        unknown_accuracy=(
            sum(g == p for g, p in unknown) / len(unknown) if unknown else None
        ),
        unknown_tokens=len(unknown),
        baseline_accuracy=baseline_accuracy,
        per_tag=confusion_scores(confusion, labels),
        labels=tuple(labels),
        confusion=confusion,
        entity_f1=None if entities is None else entities.overall.f1,
        entity=None if entities is None else entities.per_type,
        worst=worst_sentences(corpus, predicted, worst),
    )


def predict_corpus(tagger: Tagger, corpus: Corpus) -> list[tuple[str, ...]]:
    """The tagger's tags for every sentence of `corpus`, as strings."""
    if not tagger.words.has_unk:
        # without <unk> an unseen word's id is 0, which the model reads as padding;
        # tag sentence by sentence, as the Predict page does, so it enters as zeros
        return [
            tuple(token.tag for token in predict_sentence(tagger, list(sentence)))
            for sentence in corpus.sentences
        ]

    # padded to the corpus's own longest sentence (encode_corpus would cut a
    # corpus named "lecture" at ten tokens); similar lengths share a batch
    order = np.argsort([len(sentence) for sentence in corpus.sentences], kind="stable")
    sentences = [corpus.sentences[i] for i in order]
    if tagger.features is None:
        x = pad_ids([tagger.words.encode(s) for s in sentences])  # (sentences, time)
    else:
        x = pad_ids([tagger.features.encode(tagger.words, s) for s in sentences])
    ids = predict_ids(tagger.model, x)  # (sentences, time)
    predicted: list[tuple[str, ...]] = [()] * len(corpus)
    for row, i in enumerate(order):
        length = len(corpus.sentences[i])
        predicted[i] = tuple(tagger.tags.decode(ids[row, :length]))
    return predicted


def worst_sentences(
    corpus: Corpus, predicted: list[tuple[str, ...]], count: int
) -> tuple[SentenceErrors, ...]:
    """The `count` sentences with the most errors; a tie goes to the lower accuracy."""
    candidates = [
        SentenceErrors(i, tuple(words), tuple(gold), predicted[i])
        for i, (words, gold) in enumerate(
            zip(corpus.sentences, corpus.tags, strict=True)
        )
    ]
    with_errors = [s for s in candidates if s.errors > 0]
    with_errors.sort(key=lambda s: (-s.errors, s.accuracy, s.index))
    return tuple(with_errors[:count])


def as_json(evaluation: Evaluation) -> dict:
    """The scores as plain JSON-ready values; entity scores only for BIO tags."""
    record = {
        "accuracy": evaluation.accuracy,
        "tokens": evaluation.tokens,
        "unknown_accuracy": evaluation.unknown_accuracy,
        "baseline_accuracy": evaluation.baseline_accuracy,
        "per_tag": {tag: asdict(s) for tag, s in evaluation.per_tag.items()},
    }
    if evaluation.entity is not None:
        record["entity_f1"] = evaluation.entity_f1
        record["entity"] = {name: asdict(s) for name, s in evaluation.entity.items()}
    return record
