"""Tagged corpora: the lecture's four sentences and readers for CoNLL-U files.

A corpus is a list of sentences, each a list of (token, tag) pairs kept as two
parallel lists. Nothing here imports TensorFlow.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass

import conllu

LECTURE_SENTENCES = (
    ("I", "feel", "hungry"),
    ("tensorflow", "is", "very", "difficult"),
    ("tensorflow", "is", "a", "framework", "for", "deep", "learning"),
    ("tensorflow", "is", "very", "fast", "changing"),
)
LECTURE_TAGS = (
    ("pronoun", "verb", "adjective"),
    ("noun", "verb", "adverb", "adjective"),
    ("noun", "verb", "determiner", "noun", "preposition", "adjective", "noun"),
    ("noun", "verb", "adverb", "adjective", "verb"),
)
LECTURE_NAME = "lecture"
CONLLU_COLUMNS = 10
LECTURE_MAXLEN = 10  # the lecture pads every sentence to ten tokens


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Corpus:
    """Sentences of tokens with one tag per token."""

    name: str
    sentences: tuple[tuple[str, ...], ...]
    tags: tuple[tuple[str, ...], ...]

    @property
    def is_lecture(self) -> bool:
        return self.name == LECTURE_NAME

    @property
    def num_tokens(self) -> int:
        return sum(len(sentence) for sentence in self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)


def lecture_corpus() -> Corpus:
    """The lecture's four sentences with their eight-way part-of-speech tags."""
    return Corpus(LECTURE_NAME, LECTURE_SENTENCES, LECTURE_TAGS)


def read_conllu(source: str | os.PathLike | bytes, name: str | None = None) -> Corpus:
    """Read a CoNLL-U file (a path, or its bytes): FORM as token, UPOS as tag.

    Multiword-token ranges (`3-4`) and empty nodes (`8.1`) are not words and
    are skipped.
    """
    if isinstance(source, bytes):
        name = name or "upload.conllu"
        text = _decode(source, name)
    else:
        name = name or os.path.basename(os.fspath(source))
        try:
            with open(source, "rb") as handle:
                text = _decode(handle.read(), name)
        except OSError as error:
            raise CorpusError(f"{name}: cannot open ({error.strerror})") from error
    return _parse_conllu(text, name)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise CorpusError(
            f"{name}: not UTF-8 text (byte {error.start} cannot be decoded)"
        ) from error


def _check_conllu_columns(text: str, name: str) -> None:
    # the conllu parser fills missing columns with defaults, so a column file of
    # another format would load with every tag "_": refuse it, naming the line
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            columns = line.count("\t") + 1
            if columns != CONLLU_COLUMNS:
                raise CorpusError(
                    f"{name}, line {number}: {columns} tab-separated columns where "
                    f"CoNLL-U has {CONLLU_COLUMNS}"
                )


def _parse_conllu(text: str, name: str) -> Corpus:
    _check_conllu_columns(text, name)
    sentences, tags = [], []
    try:
        for token_list in conllu.parse_incr(io.StringIO(text)):
            words = [token for token in token_list if isinstance(token["id"], int)]
            if words:
                sentences.append(tuple(token["form"] for token in words))
                tags.append(tuple(token["upos"] or "_" for token in words))
    except conllu.exceptions.ParseException as error:
        raise CorpusError(f"{name}: {error}") from error
    if not sentences:
        raise CorpusError(f"{name}: no sentences found (is it a CoNLL-U file?)")
    return Corpus(name, tuple(sentences), tuple(tags))
