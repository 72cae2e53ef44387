"""Shared fixtures: the lecture corpus encoded, and the real treebank when present."""

import functools
import http.server
import threading
from pathlib import Path

import pytest

from tagger.corpus import lecture_corpus
from tagger.sources import SOURCES
from tagger.vocab import encode_corpus

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
EWT_DEV = DATA / "ud-english-ewt" / "en_ewt-ud-dev.conllu"
EWT_TRAIN = DATA / "ud-english-ewt" / "en_ewt-ud-train.conllu"


@pytest.fixture(scope="session")
def lecture():
    return encode_corpus(lecture_corpus())


@pytest.fixture(scope="session")
def ewt_dev() -> Path:
    if not EWT_DEV.is_file():
        pytest.skip(f"the EWT dev file is not at {EWT_DEV}")
    return EWT_DEV


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def mirror_url(tmp_path_factory):
    """An HTTP server on 127.0.0.1 laid out as the treebanks' repositories are,
    serving whichever of their files the shared data folder holds."""
    root = tmp_path_factory.mktemp("mirror")
    for source in SOURCES.values():
        folder = root / source.repo / source.branch
        folder.mkdir(parents=True)
        for name in (source.train_file, source.dev_file):
            if (DATA / source.key / name).is_file():
                (folder / name).symlink_to(DATA / source.key / name)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
