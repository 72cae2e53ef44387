"""Vocabularies and padded tensors, with numpy only.

Id 0 is always `<pad>`. The lecture's vocabulary is the sorted set of its
words; a real corpus adds `<unk>` at id 1 for rare and unseen words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from tagger.corpus import LECTURE_MAXLEN, Corpus

PAD = "<pad>"
UNK = "<unk>"


@dataclass(frozen=True)
class Vocabulary:
    """An ordered list of entries; an entry's id is its position."""

    entries: tuple[str, ...]

    def __post_init__(self):
        object.__setattr__(self, "_ids", {e: i for i, e in enumerate(self.entries)})

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry: str) -> bool:
        return entry in self._ids

    @property
    def has_unk(self) -> bool:
        return UNK in self._ids

    def as_dict(self) -> dict[str, int]:
        return dict(self._ids)

    def id_of(self, entry: str) -> int | None:
        """The entry's id; `<unk>`'s id, or None, for an entry not in the list."""
        return self._ids.get(entry, self._ids.get(UNK))

    def encode(self, entries: Sequence[str]) -> list[int]:
        """Ids for a sentence; an unknown entry gets `<unk>`, or 0 without one."""
        return [self.id_of(e) or 0 for e in entries]

    def decode(self, ids: Iterable[int]) -> list[str]:
        return [self.entries[i] for i in ids]


def build_vocabulary(
    sentences: Iterable[Sequence[str]], min_freq: int = 1, unk: bool = False
) -> Vocabulary:
    """`<pad>`, then `<unk>` if asked, then entries seen `min_freq` times, sorted."""
    counts = Counter(entry for sentence in sentences for entry in sentence)
    kept = sorted(entry for entry, count in counts.items() if count >= min_freq)
    specials = (PAD, UNK) if unk else (PAD,)
    return Vocabulary(specials + tuple(e for e in kept if e not in specials))


@dataclass(frozen=True)
class Tensors:
    """A corpus as padded id matrices, the lecture's four training arrays."""

    x: np.ndarray  # (sentences, maxlen) word ids, 0 at pads
    y: np.ndarray  # (sentences, maxlen) tag ids, 0 at pads
    mask: np.ndarray  # (sentences, maxlen) 1.0 at real tokens, 0.0 at pads
    lengths: np.ndarray  # (sentences,) real tokens per sentence


def pad_ids(rows: Sequence[Sequence[int]], maxlen: int | None = None) -> np.ndarray:
    """Post-pad (and post-truncate) rows of ids with 0 to `maxlen` columns."""
    maxlen = max((len(row) for row in rows), default=0) if maxlen is None else maxlen
    out = np.zeros((len(rows), maxlen), dtype=np.int32)
    for i, row in enumerate(rows):
        row = row[:maxlen]
        out[i, : len(row)] = row
    return out


def make_tensors(
    sentences: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    words: Vocabulary,
    tag_set: Vocabulary,
    maxlen: int | None = None,
) -> Tensors:
    """Encode and post-pad a corpus; `maxlen` defaults to its longest sentence."""
    x = pad_ids([words.encode(s) for s in sentences], maxlen)
    y = pad_ids([tag_set.encode(t) for t in tags], x.shape[1])
    lengths = np.array([min(len(s), x.shape[1]) for s in sentences], dtype=np.int32)
    mask = (np.arange(x.shape[1])[None, :] < lengths[:, None]).astype(np.float32)
    return Tensors(x, y, mask, lengths)


@dataclass(frozen=True)
class EncodedCorpus:
    """A corpus's vocabularies and its padded tensors."""

    words: Vocabulary
    tags: Vocabulary
    tensors: Tensors


def encode_corpus(
    corpus: Corpus,
    min_freq: int = 1,
    words: Vocabulary | None = None,
    tags: Vocabulary | None = None,
) -> EncodedCorpus:
    """Vocabularies (built here unless given) and tensors for a corpus.

    The lecture corpus keeps the lecture's setup: every word, no `<unk>`, padding
    to ten (`min_freq` does not apply).
    Any other corpus gets `<unk>` and pads to its own longest sentence.
    """
    if words is None and corpus.is_lecture:
        words = build_vocabulary(corpus.sentences)  # no <unk>, so every word stays
    elif words is None:
        words = build_vocabulary(corpus.sentences, min_freq=min_freq, unk=True)
    if tags is None:
        tags = build_vocabulary(corpus.tags)
    maxlen = LECTURE_MAXLEN if corpus.is_lecture else None
    return EncodedCorpus(
        words, tags, make_tensors(corpus.sentences, corpus.tags, words, tags, maxlen)
    )
