"""Downloading named treebanks from a server on 127.0.0.1, never the internet."""

import functools
import http.server
import threading
from pathlib import Path

import pytest

from conftest import DATA
from tagger.sources import SOURCES, SourceError, fetch

EWT = SOURCES["ud-english-ewt"]


@pytest.fixture(scope="module")
def mirror(tmp_path_factory) -> Path:
    """A folder laid out as the repositories are, linking to the shared data."""
    root = tmp_path_factory.mktemp("mirror")
    for key, folder in (
        ("ud-english-ewt", "ud-english-ewt"),
        ("uner-english-ewt", "uner-english-ewt"),
    ):
        source = SOURCES[key]
        target = root / source.repo / source.branch
        target.mkdir(parents=True)
        for name in (source.train_file, source.dev_file):
            if (DATA / folder / name).is_file():
                (target / name).symlink_to(DATA / folder / name)
    return root


@pytest.fixture(scope="module")
def server(mirror):
    """An HTTP server on a free 127.0.0.1 port serving the mirror."""
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(mirror)
    )
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_downloads_once_then_reads_the_cache(server, tmp_path, ewt_dev):
    calls = []

    path = fetch(
        EWT,
        EWT.dev_file,
        lambda done, total: calls.append((done, total)),
        base=server,
        cache=tmp_path,
    )

    assert path.read_bytes() == ewt_dev.read_bytes()
    assert calls[-1] == (ewt_dev.stat().st_size, ewt_dev.stat().st_size)
    again = fetch(EWT, EWT.dev_file, base="http://127.0.0.1:9", cache=tmp_path)
    assert again == path


def test_an_unreachable_server_names_what_could_not_be_reached(tmp_path):
    with pytest.raises(SourceError) as error:
        fetch(EWT, EWT.dev_file, base="http://127.0.0.1:9", cache=tmp_path)

    assert "http://127.0.0.1:9/UniversalDependencies/UD_English-EWT" in str(error.value)
    assert "UD English-EWT" in str(error.value)
    assert not list((tmp_path / EWT.key).iterdir())  # no partial file left


def test_a_missing_file_is_an_error_and_leaves_nothing(server, tmp_path):
    with pytest.raises(SourceError, match="404"):
        fetch(
            SOURCES["ud-korean-gsd"],
            "ko_gsd-ud-dev.conllu",
            base=server,
            cache=tmp_path,
        )

    assert not (tmp_path / "ud-korean-gsd" / "ko_gsd-ud-dev.conllu").exists()
