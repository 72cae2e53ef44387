"""Corpus statistics for the Data page: sizes, tag counts, lengths, unknown words."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tagger.corpus import Corpus
from tagger.vocab import Vocabulary


@dataclass(frozen=True)
class CorpusStats:
    sentences: int
    tokens: int
    vocabulary: int  # distinct word forms in the training part
    tag_counts: dict[str, int]  # training tokens per tag, most frequent first
    lengths: list[int]  # tokens per training sentence
    dev_sentences: int
    dev_tokens: int
    dev_unknown: int  # dev tokens the training vocabulary maps to <unk>


def corpus_stats(train: Corpus, dev: Corpus | None, words: Vocabulary) -> CorpusStats:
    """Figures of a training corpus, and of its dev part against its vocabulary."""
    tag_counts = Counter(tag for sentence in train.tags for tag in sentence)
    dev_sentences = dev.sentences if dev is not None else ()
    unknown = sum(
        1 for sentence in dev_sentences for token in sentence if token not in words
    )
    return CorpusStats(
        sentences=len(train),
        tokens=train.num_tokens,
        vocabulary=len({token for sentence in train.sentences for token in sentence}),
        tag_counts=dict(tag_counts.most_common()),
        lengths=[len(sentence) for sentence in train.sentences],
        dev_sentences=len(dev_sentences),
        dev_tokens=sum(len(sentence) for sentence in dev_sentences),
        dev_unknown=unknown,
    )
