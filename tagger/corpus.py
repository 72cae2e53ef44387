"""Tagged corpora: the lecture's four sentences, readers for real corpus files, splits.

A corpus is a list of sentences, each a list of (token, tag) pairs kept as two
parallel lists. Three file formats are read: CoNLL-U, token/tag column files
(IOB2, CoNLL-2003) and one `word/TAG` sentence per line. Every refusal is a
CorpusError naming the file and, where there is one, the line. Nothing here
imports TensorFlow.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import conllu
import numpy as np

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

FORMATS = ("conllu", "columns", "slash")
CONLLU_TAG_COLUMNS = ("upos", "xpos")
CONLLU_FIELDS = ("id", "form", "lemma", "upos", "xpos")  # the columns a tagger uses
DOCSTART = "-DOCSTART-"  # CoNLL-2003's document separator row
MAX_WARNINGS = 20  # warnings kept per corpus; the rest are only counted
SNIFF_BYTES = 8192  # the head of a file inspected for binary content and format
PLACEHOLDER_TAGS = ("_", "-")  # what an unused column holds

# bytes a text file may contain: printable, high (non-ASCII) and the usual controls
_TEXT_BYTES = bytes({7, 8, 9, 10, 12, 13, 27} | set(range(0x20, 0x100)) - {0x7F})
# UD metadata comments: `# key = value`, `# newdoc`, `# newpar`
_METADATA = re.compile(r"#\s*((newdoc|newpar)\b|[\w.-]+( [\w.-]+)* ?=)")
_CONLLU_ID = re.compile(r"\d+([-.]\d+)?")

logger = logging.getLogger(__name__)


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Corpus:
    """Sentences of tokens with one tag per token."""

    name: str
    sentences: tuple[tuple[str, ...], ...]
    tags: tuple[tuple[str, ...], ...]
    warnings: tuple[str, ...] = ()  # doubtful but accepted places, file and line

    @property
    def is_lecture(self) -> bool:
        return self.name == LECTURE_NAME

    @property
    def is_bio(self) -> bool:
        """Whether every tag is `O`, `B-type` or `I-type`: an entity tagging."""
        return all(_is_bio_tag(tag) for sentence in self.tags for tag in sentence)

    @property
    def num_tokens(self) -> int:
        return sum(len(sentence) for sentence in self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)


def lecture_corpus() -> Corpus:
    """The lecture's four sentences with their eight-way part-of-speech tags."""
    return Corpus(LECTURE_NAME, LECTURE_SENTENCES, LECTURE_TAGS)


def read_corpus(
    source: str | os.PathLike | bytes, fmt: str, name: str | None = None, **options
) -> Corpus:
    """Read a corpus file in one of FORMATS; `options` go to that format's reader."""
    readers = {
        "conllu": read_conllu,
        "columns": read_columns,
        "slash": read_slash_tagged,
    }
    if fmt not in readers:
        raise ValueError(f"unknown corpus format {fmt!r}; choose one of {FORMATS}")
    return readers[fmt](source, name, **options)


def guess_format(filename: str | os.PathLike, data: bytes | None = None) -> str:
    """The likely format of a file, from its extension and, if readable, its head.

    `data` is the file's content (an upload); without it, an existing file at
    `filename` is read. A `.conllu` file is always CoNLL-U.
    """
    extension = os.path.splitext(os.fspath(filename))[1].lower()
    if extension == ".conllu":
        return "conllu"
    if data is None and os.path.isfile(filename):
        with open(filename, "rb") as handle:
            data = handle.read(SNIFF_BYTES + 1)
    data = data or b""
    head = data[:SNIFF_BYTES].decode("utf-8-sig", errors="replace")
    lines = head.replace("\r\n", "\n").split("\n")
    if len(data) > SNIFF_BYTES:
        lines.pop()  # cut off mid-line
    _, line = _first_row(lines)
    return _sniff_line(line) or "columns"


def guess_columns(data: bytes) -> tuple[int, int, int]:
    """(token column, tag column, columns) of a column file's first data row.

    A first column of numbers is a word index, as in UNER files (index, token,
    tag, ...); otherwise the token comes first and the tag last, as in
    CoNLL-2003. All three are 0-based counts.
    """
    text = data[:SNIFF_BYTES].decode("utf-8-sig", errors="replace")
    for line in text.splitlines():
        fields = line.split("\t") if "\t" in line else line.split()
        if len(fields) >= 2 and not line.startswith(("#", DOCSTART)):
            if fields[0].isdigit() and len(fields) >= 3:
                return 1, 2, len(fields)
            return 0, len(fields) - 1, len(fields)
    return 0, 1, 2


def read_conllu(
    source: str | os.PathLike | bytes, name: str | None = None, tag_column: str = "upos"
) -> Corpus:
    """Read a CoNLL-U file (a path, or its bytes): FORM as token, UPOS or XPOS as tag.

    Multiword-token ranges (`3-4`) and empty nodes (`8.1`) are not words and
    are skipped.
    """
    if tag_column not in CONLLU_TAG_COLUMNS:
        raise ValueError(f"tag_column must be one of {CONLLU_TAG_COLUMNS}")
    text, name = _read_text(source, name, "upload.conllu")
    return _parse_conllu(text, name, tag_column)


def read_columns(
    source: str | os.PathLike | bytes,
    name: str | None = None,
    token_column: int = 0,
    tag_column: int = -1,
) -> Corpus:
    """Read a column file (IOB2, CoNLL-2003): a token per row, blank lines between.

    Columns count from 0 and may be negative (-1 is the last). The defaults
    suit CoNLL-2003's `token POS chunk NER`; UNER's `index token tag - -` needs
    token_column=1, tag_column=2. Rows split at tabs if the first row has one,
    else at runs of spaces. A row starting with `#` is a comment unless it has
    the file's column count and is not UD metadata (`# key = value`), so `#`
    stays usable as a token.
    """
    text, name = _read_text(source, name, "upload.iob2")
    return _parse_columns(text, name, token_column, tag_column)


def read_slash_tagged(
    source: str | os.PathLike | bytes, name: str | None = None
) -> Corpus:
    """Read one sentence per line as space-separated `word/TAG` pairs.

    A pair splits at its last `/`, so `1/2/CD` is the token `1/2` with tag
    `CD`. A line starting with `#` that is not all pairs is a comment.
    """
    text, name = _read_text(source, name, "upload.txt")
    return _parse_slash(text, name)


def split_corpus(
    corpus: Corpus, dev_fraction: float = 0.1, seed: int = 0
) -> tuple[Corpus, Corpus]:
    """A seeded hold-out: (train, dev), each keeping the corpus's sentence order."""
    if not 0 < dev_fraction < 1:
        raise ValueError(f"dev_fraction must be between 0 and 1, not {dev_fraction}")
    if len(corpus) < 2:
        raise CorpusError(f"{corpus.name}: a single sentence cannot be split")
    num_dev = min(max(round(len(corpus) * dev_fraction), 1), len(corpus) - 1)
    order = np.random.default_rng(seed).permutation(len(corpus))
    dev, train = np.sort(order[:num_dev]), np.sort(order[num_dev:])
    return _subset(corpus, train, "train"), _subset(corpus, dev, "dev")


def _subset(corpus: Corpus, indices: np.ndarray, part: str) -> Corpus:
    # the warnings name lines of the whole file, so they stay with the whole corpus
    return Corpus(
        f"{corpus.name} ({part})",
        tuple(corpus.sentences[i] for i in indices),
        tuple(corpus.tags[i] for i in indices),
    )


# reading bytes into text


def _read_text(
    source: str | os.PathLike | bytes, name: str | None, default_name: str
) -> tuple[str, str]:
    if isinstance(source, bytes):
        name = name or default_name
        return _decode(source, name), name
    name = name or os.path.basename(os.fspath(source))
    try:
        with open(source, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise CorpusError(f"{name}: cannot open ({error.strerror})") from error
    return _decode(data, name), name


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise CorpusError(f"{name}: UTF-16 text; re-save the file as UTF-8")
    if _looks_binary(data):
        raise CorpusError(f"{name}: looks like a binary file, not a text corpus")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CorpusError(
            f"{name}, line {line}: byte 0x{data[error.start]:02x} is not UTF-8; "
            "the file must be UTF-8 (if it is Latin-1 or Windows-1252, re-save it "
            "as UTF-8)"
        ) from error
    if not text.strip():
        raise CorpusError(f"{name}: the file is empty")
    return text.replace("\r\n", "\n")


def _looks_binary(data: bytes) -> bool:
    # a NUL never occurs in text; other control bytes may, but rarely many
    head = data[:SNIFF_BYTES]
    controls = len(head.translate(None, _TEXT_BYTES))
    return b"\0" in head or controls > len(head) // 20


def _sniff_line(line: str) -> str | None:
    """The format a single data line looks like, or None."""
    fields = line.split("\t")
    if len(fields) == CONLLU_COLUMNS and _CONLLU_ID.fullmatch(fields[0]):
        return "conllu"
    items = line.split()
    if items and "\t" not in line and all(_split_pair(item) for item in items):
        return "slash"
    return "columns" if len(items) > 1 else None


def _format_hint(line: str, fmt: str) -> str:
    sniffed = _sniff_line(line)
    return (
        f" (it looks like the {sniffed} format)" if sniffed not in (None, fmt) else ""
    )


def _finish(
    name: str,
    sentences: list[tuple[str, ...]],
    tags: list[tuple[str, ...]],
    warnings: Sequence[str],
    fmt: str,
) -> Corpus:
    if not sentences:
        raise CorpusError(
            f"{name}: no sentences found, only comments and blank lines "
            f"(is it a {fmt} file?)"
        )
    tag_set = {tag for sentence in tags for tag in sentence}
    if len(tag_set) == 1 and tag_set <= set(PLACEHOLDER_TAGS):
        raise CorpusError(
            f"{name}: every tag is {tag_set.pop()!r}, an empty column; "
            "choose another tag column"
        )
    if warnings:
        logger.warning("%s: %d warnings, first: %s", name, len(warnings), warnings[0])
    return Corpus(name, tuple(sentences), tuple(tags), tuple(warnings))


# CoNLL-U


def _check_conllu_columns(lines: Sequence[str], name: str) -> None:
    # the conllu parser fills missing columns with defaults, so a column file of
    # another format would load with every tag "_": refuse it, naming the line
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.startswith("#"):
            columns = line.count("\t") + 1
            if columns != CONLLU_COLUMNS:
                raise CorpusError(
                    f"{name}, line {number}: {columns} tab-separated columns where "
                    f"CoNLL-U has {CONLLU_COLUMNS}" + _format_hint(line, "conllu")
                )


def _parse_conllu(text: str, name: str, tag_column: str) -> Corpus:
    lines = text.split("\n")
    _check_conllu_columns(lines, name)
    sentences, tags = [], []
    try:
        # parsing only the columns used is three times faster on EWT
        for token_list in conllu.parse_incr(io.StringIO(text), fields=CONLLU_FIELDS):
            words = [token for token in token_list if isinstance(token["id"], int)]
            if words:
                sentences.append(tuple(token["form"] for token in words))
                tags.append(tuple(token[tag_column] or "_" for token in words))
    except conllu.exceptions.ParseException as error:
        raise CorpusError(f"{name}{_conllu_error_place(lines)}: {error}") from error
    return _finish(name, sentences, tags, (), "CoNLL-U")


def _conllu_error_place(lines: Sequence[str]) -> str:
    # the parser's exceptions carry no line number: parse line by line to find it
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.startswith("#"):
            try:
                conllu.parse_token_and_metadata(line.strip(), fields=CONLLU_FIELDS)
            except conllu.exceptions.ParseException:
                return f", line {number}"
    return ""


# token and tag columns


@dataclass(frozen=True)
class _Layout:
    """How a column file's rows split, learned from its first row."""

    line: int  # number of the first row
    tabs: bool  # split at tabs, else at runs of spaces
    count: int  # columns per row
    token: int  # the token's column, counted from 0
    tag: int  # the tag's column, counted from 0

    def split(self, line: str) -> list[str]:
        return [f.strip() for f in line.split("\t")] if self.tabs else line.split()

    def is_comment(self, line: str, fields: list[str]) -> bool:
        # `#` is a real token in web text, so a row of the right width is data
        if not line.startswith("#"):
            return False
        return len(fields) != self.count or bool(_METADATA.match(line))


def _parse_columns(text: str, name: str, token_column: int, tag_column: int) -> Corpus:
    lines = text.split("\n")
    layout = _column_layout(lines, name, token_column, tag_column)
    sentences, tags, token_lines = [], [], []
    rows: list[tuple[int, list[str]]] = []  # (line number, fields) of this sentence
    # a last empty line ends a last sentence that has no blank line after it
    for number, line in enumerate(lines + [""], start=1):
        fields = layout.split(line) if line.strip() else []
        if fields and not layout.is_comment(line, fields) and DOCSTART not in fields:
            _check_row(line, fields, number, layout, name)
            rows.append((number, fields))
        elif rows and not line.startswith("#"):
            # a blank line or a document start ends the sentence, a comment does not
            sentences.append(tuple(row[layout.token] for _, row in rows))
            tags.append(tuple(row[layout.tag] for _, row in rows))
            token_lines.append(tuple(row_number for row_number, _ in rows))
            rows = []
    _check_token_column(sentences, layout, name)
    warnings = _bio_warnings(
        name, sentences, tags, lambda s, t: f"line {token_lines[s][t]}"
    )
    return _finish(name, sentences, tags, warnings, "column")


def _column_layout(
    lines: Sequence[str], name: str, token_column: int, tag_column: int
) -> _Layout:
    number, line = _first_row(lines)
    tabs = "\t" in line
    fields = line.split("\t") if tabs else line.split()
    if _sniff_line(line) == "slash":
        raise CorpusError(
            f"{name}, line {number}: word/TAG pairs, not columns (it looks like the "
            "slash format)"
        )
    if len(fields) == 1:
        raise CorpusError(
            f"{name}, line {number}: one column, but a column file needs a token and "
            "a tag column"
        )
    token = _column_index(token_column, "token", fields, number, name)
    tag = _column_index(tag_column, "tag", fields, number, name)
    if fields and token == tag:
        raise CorpusError(f"{name}: the token and the tag are both column {token}")
    return _Layout(number, tabs, len(fields), token, tag)


def _first_row(lines: Sequence[str]) -> tuple[int, str]:
    """The number and text of the first line that is neither blank nor a comment."""
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.startswith("#") and DOCSTART not in line:
            return number, line
    return 0, ""


def _column_index(
    column: int, what: str, fields: Sequence[str], number: int, name: str
) -> int:
    # no data line at all is left for _finish to report as "no sentences"
    if fields and not -len(fields) <= column < len(fields):
        raise CorpusError(
            f"{name}, line {number}: {len(fields)} columns, but the {what} column "
            f"is {column} (counting from 0)"
        )
    return column % len(fields) if fields else column


def _check_row(
    line: str, fields: list[str], number: int, layout: _Layout, name: str
) -> None:
    if len(fields) != layout.count:
        raise CorpusError(
            f"{name}, line {number}: {len(fields)} columns, but line {layout.line} "
            f"has {layout.count}" + _format_hint(line, "columns")
        )
    for what, column in (("token", layout.token), ("tag", layout.tag)):
        if not fields[column]:
            raise CorpusError(f"{name}, line {number}: the {what} column is empty")
    # plain word ids are fine: CoNLL-U without word ranges reads well as columns
    conllu_id = layout.count == CONLLU_COLUMNS and _CONLLU_ID.fullmatch(fields[0])
    if conllu_id and not fields[0].isdigit():
        raise CorpusError(
            f"{name}, line {number}: {fields[0]!r} is a CoNLL-U word range or empty "
            "node (it looks like the conllu format)"
        )


def _check_token_column(
    sentences: Sequence[Sequence[str]], layout: _Layout, name: str
) -> None:
    # UNER and CoNLL-U start with a word index: a file read with the default
    # token column would otherwise train on numbers
    if sentences and all(
        sentence == tuple(str(i) for i in range(1, len(sentence) + 1))
        for sentence in sentences
    ):
        raise CorpusError(
            f"{name}: column {layout.token} holds each sentence's word index "
            "1, 2, 3 …, not tokens; choose another token column (UNER files: "
            "token_column=1, tag_column=2)"
        )


# word/TAG pairs


def _split_pair(item: str) -> tuple[str, str] | None:
    token, slash, tag = item.rpartition("/")
    return (token, tag) if slash and token and tag else None


def _parse_slash(text: str, name: str) -> Corpus:
    sentences, tags, sentence_lines = [], [], []
    for number, line in enumerate(text.split("\n"), start=1):
        items = line.split()
        pairs = [_split_pair(item) for item in items]
        if not items or (line.startswith("#") and not all(pairs)):
            continue
        if not all(pairs):
            bad = items[pairs.index(None)]
            raise CorpusError(
                f"{name}, line {number}: {bad!r} is not a word/TAG pair"
                + _format_hint(line, "slash")
            )
        sentences.append(tuple(token for token, _ in pairs))
        tags.append(tuple(tag for _, tag in pairs))
        sentence_lines.append(number)
    warnings = _bio_warnings(
        name, sentences, tags, lambda s, t: f"line {sentence_lines[s]}, token {t + 1}"
    )
    return _finish(name, sentences, tags, warnings, "word/TAG")


# IOB2 checks


def _is_bio_tag(tag: str) -> bool:
    return tag == "O" or (tag[:2] in ("B-", "I-") and len(tag) > 2)


def _bio_problems(tags: Sequence[Sequence[str]]) -> Iterator[tuple[int, int, str]]:
    """(sentence, token, previous tag) of each I-X that continues no X entity."""
    for s, sentence in enumerate(tags):
        previous = "O"
        for t, tag in enumerate(sentence):
            if tag.startswith("I-") and previous[2:] != tag[2:]:
                yield s, t, previous if t else ""
            previous = tag


def _bio_warnings(
    name: str,
    sentences: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    place: Callable[[int, int], str],
) -> list[str]:
    if not all(_is_bio_tag(tag) for sentence in tags for tag in sentence):
        return []
    problems = list(_bio_problems(tags))
    warnings = [
        f"{name}, {place(s, t)}: {sentences[s][t]!r} is tagged {tags[s][t]} "
        f"after {previous or 'the sentence start'}, but IOB2 begins an entity with B-"
        for s, t, previous in problems[:MAX_WARNINGS]
    ]
    if len(problems) > MAX_WARNINGS:
        warnings.append(
            f"{name}: {len(problems) - MAX_WARNINGS} more I- tags that begin an "
            "entity; so many suggest IOB1 (CoNLL-2003's original scheme), not IOB2"
        )
    return warnings
