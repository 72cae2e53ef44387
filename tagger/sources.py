"""Public treebanks by name: where each lives, and downloading it once into a cache.

Files come from the treebanks' own GitHub repositories. Nothing here parses a
corpus; `tagger.corpus` reads the cached files.
"""

from __future__ import annotations

import logging
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

GITHUB_RAW = "https://raw.githubusercontent.com"
CACHE_ENV = "TAGGER_CACHE"  # overrides the cache folder
BASE_ENV = "TAGGER_SOURCE_BASE"  # overrides GITHUB_RAW, for a mirror
TIMEOUT = 30  # seconds without an answer before a download gives up
CHUNK = 1 << 16  # bytes read per step, so progress can be reported


class SourceError(RuntimeError):
    """A treebank that could not be fetched; the message names the address."""


@dataclass(frozen=True)
class Source:
    """A public treebank: its repository, its files, and how to read them."""

    key: str
    title: str
    repo: str  # owner/name on GitHub
    branch: str
    train_file: str
    dev_file: str
    fmt: str  # a format of tagger.corpus.read_corpus
    options: dict = field(default_factory=dict)  # keyword options for that reader
    licence: str = "CC BY-SA 4.0"

    def url(self, filename: str, base: str = GITHUB_RAW) -> str:
        return f"{base.rstrip('/')}/{self.repo}/{self.branch}/{filename}"


SOURCES = {
    source.key: source
    for source in (
        Source(
            "ud-english-ewt",
            "UD English-EWT (UPOS)",
            "UniversalDependencies/UD_English-EWT",
            "master",
            "en_ewt-ud-train.conllu",
            "en_ewt-ud-dev.conllu",
            "conllu",
            {"tag_column": "upos"},
        ),
        Source(
            "ud-korean-gsd",
            "UD Korean-GSD (UPOS)",
            "UniversalDependencies/UD_Korean-GSD",
            "master",
            "ko_gsd-ud-train.conllu",
            "ko_gsd-ud-dev.conllu",
            "conllu",
            {"tag_column": "upos"},
        ),
        Source(
            "uner-english-ewt",
            "Universal NER English-EWT (IOB2: PER, ORG, LOC)",
            "UniversalNER/UNER_English-EWT",
            "master",
            "en_ewt-ud-train.iob2",
            "en_ewt-ud-dev.iob2",
            "columns",
            {"token_column": 1, "tag_column": 2},
        ),
    )
}


def cache_dir() -> Path:
    """Where downloads are kept: $TAGGER_CACHE, else ~/.cache/rnn-tagger-studio."""
    default = Path.home() / ".cache" / "rnn-tagger-studio"
    return Path(os.environ.get(CACHE_ENV, default))


def fetch(
    source: Source,
    filename: str,
    progress: Callable[[int, int | None], None] | None = None,
    base: str | None = None,
    cache: Path | None = None,
) -> Path:
    """The cached path of one of a source's files, downloading it on first use.

    Files come from `base`, else $TAGGER_SOURCE_BASE, else GitHub.
    `progress(done, total)` is called as bytes arrive; `total` is None when the
    server does not say. A failed download leaves no partial file behind.
    """
    folder = (cache or cache_dir()) / source.key
    path = folder / filename
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    url = source.url(filename, base or os.environ.get(BASE_ENV) or GITHUB_RAW)
    log.info("downloading %s", url)
    # write beside the target, then rename: a reader never sees half a file,
    # and two sessions fetching at once each write their own part
    handle, part = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with (
            os.fdopen(handle, "wb") as out,
            urllib.request.urlopen(url, timeout=TIMEOUT) as response,
        ):
            size = response.headers.get("Content-Length")
            total = int(size) if size and size.isdigit() else None
            done = 0
            while chunk := response.read(CHUNK):
                out.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
        os.replace(part, path)
    except (urllib.error.URLError, OSError, ValueError) as error:
        Path(part).unlink(missing_ok=True)
        if isinstance(error, urllib.error.HTTPError):
            reason = f"HTTP {error.code} {error.reason}"
        else:
            reason = getattr(error, "reason", error)
        raise SourceError(
            f"Could not download {source.title} from {url} ({reason}). Check the "
            "internet connection, or upload the file instead."
        ) from error
    return path
