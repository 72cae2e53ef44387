"""Bad uploads on the Data page: a clear message, and the corpus and models kept."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
GOOD = "1\tAnna\t_\tPROPN\t_\t_\t_\t_\t_\t_\n2\tsleeps\t_\tVERB\t_\t_\t_\t_\t_\t_\n\n"
BAD_UPLOADS = {
    "empty": ("empty.conllu", b"", "empty"),
    "binary": ("junk.conllu", bytes(range(256)) * 4, "binary"),
    "only comments": (
        "notes.conllu",
        b"# sent_id = 1\n# text = hi\n\n",
        "no sentences",
    ),
    "wrong format": ("tagged.conllu", b"The/DT cat/NN sat/VBD\n", "line 1"),
    "wrong column count": (
        "ner.iob2",
        b"1\tAnna\tB-PER\n2\tsleeps\n\n",
        "line 2",
    ),
    "latin-1": (
        "latin.conllu",
        GOOD.replace("Anna", "Ana\u00efs").encode("latin-1"),
        "UTF-8",
    ),
}


def data_page_with_upload(filename: str, content: bytes) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.radio(key="data_origin").set_value("Upload a file")
    app.run()
    app.file_uploader[0].set_value((filename, content, "text/plain"))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_a_bad_upload_says_why_and_keeps_the_corpus(case):
    filename, content, reason = BAD_UPLOADS[case]

    app = data_page_with_upload(filename, content)

    message = app.error[0].value.replace("\\", "")  # Markdown escapes
    assert "corpus is unchanged" in message
    assert reason.lower() in message.lower()
    assert app.session_state["corpus_id"] == "lecture"
    assert {m.label: m.value for m in app.metric}["sentences"] == "4"


def test_iob2_with_i_after_o_is_read_with_a_warning_that_says_where():
    content = b"1\tthe\tO\n2\tUnited\tI-ORG\n3\tNations\tI-ORG\n\n" * 3

    app = data_page_with_upload("ner.iob2", content)

    assert not app.error
    warnings = app.expander[0]
    assert "warning" in warnings.label
    assert "line 2" in warnings.text[0].value and "I-ORG" in warnings.text[0].value
    assert app.session_state["corpus_id"].startswith("ner.iob2#")
