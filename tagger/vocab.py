"""Vocabularies and padded tensors, with numpy only.

Id 0 is always `<pad>`. The lecture's vocabulary is the sorted set of its
words; a real corpus adds `<unk>` at id 1 for rare and unseen words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from tagger.corpus import LECTURE_MAXLEN, Corpus

PAD = "<pad>"
UNK = "<unk>"
SHAPE_LENGTH = 6  # characters of a word's shape kept as a feature


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


def word_shape(token: str) -> str:
    """A word's spelling pattern: "Tensor" → "Xx", "2.5" → "d.d", "USA" → "X"."""
    classes = []
    for char in token:
        kind = "X" if char.isupper() else "x" if char.islower() else char
        kind = "d" if char.isdigit() else kind
        if not classes or classes[-1] != kind:
            classes.append(kind)
    return "".join(classes[:SHAPE_LENGTH])


# what a word's spelling says of its tag, even for a word never seen in training:
# endings such as -ing, -ed, -ly, -tion; beginnings such as un-; its shape
FEATURE_EXTRACTORS: dict[str, Callable[[str], str]] = {
    "suffix2": lambda token: token[-2:].lower(),
    "suffix3": lambda token: token[-3:].lower(),
    "suffix4": lambda token: token[-4:].lower(),
    "prefix3": lambda token: token[:3].lower(),
    "shape": word_shape,
}


@dataclass(frozen=True)
class Features:
    """One vocabulary per spelling feature of a word, in FEATURE_EXTRACTORS order."""

    names: tuple[str, ...]
    tables: tuple[Vocabulary, ...]

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(len(table) for table in self.tables)

    def encode(self, words: Vocabulary, tokens: Sequence[str]) -> np.ndarray:
        """(time, 1 + features) ids: the word's, then each feature's."""
        extract = [FEATURE_EXTRACTORS[name] for name in self.names]
        rows = [
            [words.id_of(t) or 0]
            + [
                table.id_of(f(t)) or 0
                for f, table in zip(extract, self.tables, strict=True)
            ]
            for t in tokens
        ]
        return np.array(rows, dtype=np.int32).reshape(len(tokens), 1 + len(self.names))


def build_features(sentences: Iterable[Sequence[str]], min_freq: int = 1) -> Features:
    """A vocabulary, with `<unk>`, for each spelling feature of a corpus's words."""
    sentences = list(sentences)
    tables = tuple(
        build_vocabulary(
            ([extract(t) for t in sentence] for sentence in sentences),
            min_freq=min_freq,
            unk=True,
        )
        for extract in FEATURE_EXTRACTORS.values()
    )
    return Features(tuple(FEATURE_EXTRACTORS), tables)


@dataclass(frozen=True)
class Tensors:
    """A corpus as padded id matrices, the lecture's four training arrays."""

    x: np.ndarray  # (sentences, maxlen) word ids, 0 at pads; (…, 1 + F) with features
    y: np.ndarray  # (sentences, maxlen) tag ids, 0 at pads
    mask: np.ndarray  # (sentences, maxlen) 1.0 at real tokens, 0.0 at pads
    lengths: np.ndarray  # (sentences,) real tokens per sentence


def pad_ids(rows: Sequence[Sequence], maxlen: int | None = None) -> np.ndarray:
    """Post-pad (and post-truncate) rows of ids with 0 to `maxlen` columns.

    A row may be a list of ids, or a (time, features) array of them.
    """
    maxlen = max((len(row) for row in rows), default=0) if maxlen is None else maxlen
    inner = np.shape(rows[0])[1:] if len(rows) else ()
    out = np.zeros((len(rows), maxlen, *inner), dtype=np.int32)
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
    features: Features | None = None,
) -> Tensors:
    """Encode and post-pad a corpus; `maxlen` defaults to its longest sentence."""
    if features is None:
        x = pad_ids([words.encode(s) for s in sentences], maxlen)
    else:
        x = pad_ids([features.encode(words, s) for s in sentences], maxlen)
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
    features: Features | None = None


def encode_corpus(
    corpus: Corpus,
    min_freq: int = 1,
    words: Vocabulary | None = None,
    tags: Vocabulary | None = None,
    features: Features | bool = False,
) -> EncodedCorpus:
    """Vocabularies (built here unless given) and tensors for a corpus.

    The lecture corpus keeps the lecture's setup: every word, no `<unk>`, padding
    to ten (`min_freq` does not apply).
    Any other corpus gets `<unk>` and pads to its own longest sentence.
    `features=True` builds suffix and shape vocabularies from this corpus; give
    a training corpus's `Features` to encode a held-out one the same way.
    """
    if words is None and corpus.is_lecture:
        words = build_vocabulary(corpus.sentences)  # no <unk>, so every word stays
    elif words is None:
        words = build_vocabulary(corpus.sentences, min_freq=min_freq, unk=True)
    if tags is None:
        tags = build_vocabulary(corpus.tags)
    if features is True:
        features = build_features(corpus.sentences, min_freq)
    features = features or None
    maxlen = LECTURE_MAXLEN if corpus.is_lecture else None
    tensors = make_tensors(corpus.sentences, corpus.tags, words, tags, maxlen, features)
    return EncodedCorpus(words, tags, tensors, features)
