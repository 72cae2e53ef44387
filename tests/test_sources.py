"""Downloading named treebanks from a server on 127.0.0.1, never the internet."""

import pytest

from tagger.sources import SOURCES, SourceError, fetch

EWT = SOURCES["ud-english-ewt"]


def test_fetch_downloads_once_then_reads_the_cache(mirror_url, tmp_path, ewt_dev):
    calls = []

    path = fetch(
        EWT,
        EWT.dev_file,
        lambda done, total: calls.append((done, total)),
        base=mirror_url,
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


def test_a_missing_file_is_an_error_and_leaves_nothing(mirror_url, tmp_path):
    with pytest.raises(SourceError, match="404"):
        fetch(
            SOURCES["ud-korean-gsd"],
            "ko_gsd-ud-dev.conllu",
            base=mirror_url,
            cache=tmp_path,
        )

    assert not (tmp_path / "ud-korean-gsd" / "ko_gsd-ud-dev.conllu").exists()
