"""AppTest runs of the Lecture page: each of its four steps shows the lecture's figures.

The expected figures are written out here as the lecture prints them, not
taken from tagger.lecture, so a slip there cannot hide one on the page.
"""

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tagger.corpus import LECTURE_SENTENCES, LECTURE_TAGS, Corpus, lecture_corpus

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
PAGE = "app_pages/lecture.py"
TIMEOUT = 120  # seconds; the first import of TensorFlow alone takes several
LECTURE_WORDS = (
    "<pad> I a changing deep difficult fast feel for framework hungry is learning "
    "tensorflow very"
).split()
LECTURE_TAG_SET = (
    "<pad> adjective adverb determiner noun preposition pronoun verb".split()
)
LECTURE_X = [
    [1, 7, 10, 0, 0, 0, 0, 0, 0, 0],
    [13, 11, 14, 5, 0, 0, 0, 0, 0, 0],
    [13, 11, 2, 9, 8, 4, 12, 0, 0, 0],
    [13, 11, 14, 6, 3, 0, 0, 0, 0, 0],
]
LECTURE_Y = [
    [6, 7, 1, 0, 0, 0, 0, 0, 0, 0],
    [4, 7, 2, 1, 0, 0, 0, 0, 0, 0],
    [4, 7, 3, 4, 5, 1, 4, 0, 0, 0],
    [4, 7, 2, 1, 7, 0, 0, 0, 0, 0],
]
LECTURE_MASK = [[int(i < n) for i in range(10)] for n in (3, 4, 7, 5)]


def check(app: AppTest) -> AppTest:
    assert not app.exception, [e.value for e in app.exception]
    return app


def lecture_page(app: AppTest | None = None) -> AppTest:
    if app is None:
        app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.switch_page(PAGE)
    app.run()
    return check(app)


def go_to(app: AppTest, step: int) -> AppTest:
    app.segmented_control(key="lecture_step").set_value(step)
    app.run()
    return check(app)


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def heatmap_values(app: AppTest) -> list[list[list[int]]]:
    """Each heatmap's cell values; Plotly sends a numpy array as base64 bytes."""
    values = []
    for chart in app.get("plotly_chart"):
        z = json.loads(chart.proto.spec)["data"][0]["z"]
        shape = [int(n) for n in z["shape"].split(",")]
        array = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"])
        values.append(array.reshape(shape).tolist())
    return values


def summary(table) -> dict[str, str]:
    """A summary table's parameter count by row name."""
    frame = table.value
    return dict(zip(frame["Layer (type)"], frame["Param #"], strict=True))


@pytest.fixture(scope="module")
def trained_app() -> AppTest:
    """A session with another corpus loaded, in which step 3 trained both models."""
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.session_state["corpus"] = Corpus(
        "tiny.conllu", (("dogs", "bark"),), (("N", "V"),)
    )
    app.session_state["corpus_id"] = "tiny.conllu"
    app.session_state["dev"] = None
    app.run()
    go_to(lecture_page(app), 3)
    app.button(key="lecture_train").click()
    app.run()
    return check(app)


def test_data_step_shows_the_lectures_dictionaries_and_arrays():
    app = lecture_page()

    words, tags = (frame.value for frame in app.dataframe[:2])
    assert list(words["entry"]) == LECTURE_WORDS
    assert list(words["id"]) == list(range(15))
    assert list(words["lecture's id"]) == list(range(15))
    assert list(tags["entry"]) == LECTURE_TAG_SET
    assert list(tags["lecture's id"]) == list(range(8))
    assert heatmap_values(app) == [LECTURE_X, LECTURE_MASK, LECTURE_Y]
    assert "3, 4, 7, 5" in " ".join(c.value for c in app.code)
    assert "✗" not in " ".join(m.value for m in app.markdown)


def test_next_leads_to_the_model_step_with_the_lectures_parameter_counts():
    app = lecture_page()
    app.button(key="lecture_next").click()
    app.run()
    check(app)

    assert app.segmented_control(key="lecture_step").value == 2
    rnn, rnn_lecture, birnn, birnn_lecture = (summary(t) for t in app.table[:4])
    assert list(rnn.values()) == list(rnn_lecture.values())
    assert list(birnn.values()) == list(birnn_lecture.values())
    assert rnn["rnn (SimpleRNN)"] == "260"
    assert (rnn["Total params"], rnn["Trainable params"]) == ("573", "348")
    assert (birnn["Total params"], birnn["Trainable params"]) == ("913", "688")
    assert birnn["Non-trainable params"] == "225"


def test_prediction_step_before_training_says_to_train_first():
    app = go_to(lecture_page(), 4)

    assert "step 3" in app.info[0].value
    app.button(key="lecture_to_training").click()
    app.run()
    assert app.segmented_control(key="lecture_step").value == 3


def test_training_step_trains_both_models_to_the_lectures_loss(trained_app):
    shown = metrics(go_to(trained_app, 3))

    for label in ("one-way RNN", "bidirectional RNN"):
        assert float(shown[f"final loss, {label}"]) < 0.01
        assert shown[f"training accuracy, {label}"] == "100.0%"
    losses = trained_app.table[-1].value
    assert list(losses["epoch"]) == [5, 10, 15, 20, 25, 30]
    assert list(losses["one-way RNN: lecture"])[-1] == "0.001"
    assert trained_app.get("plotly_chart")  # the loss curves


def test_lecture_training_keeps_a_loaded_corpus_current(trained_app):
    state = trained_app.session_state

    assert state["corpus_id"] == "tiny.conllu"
    runs = state["runs"]["lecture"]
    assert set(runs) == {"rnn", "birnn"}
    assert all(run.done.is_set() and run.accuracy == 1.0 for run in runs.values())
    assert not state["runs"].get("tiny.conllu")


def test_prediction_step_tags_every_word_correctly(trained_app):
    app = go_to(trained_app, 4)

    tables = [t.value for t in app.table]
    assert len(tables) == 4
    for table, words, gold in zip(tables, LECTURE_SENTENCES, LECTURE_TAGS, strict=True):
        assert list(table["word"]) == list(words)
        assert list(table["gold tag"]) == list(gold)
        for model in ("one-way RNN", "bidirectional RNN"):
            assert list(table[model]) == [f"{tag} ✓" for tag in gold]
    shown = metrics(app)
    assert shown["one-way RNN"] == shown["bidirectional RNN"] == "19 of 19"
    assert r"tiny\.conllu" in app.warning[0].value  # the corpus those pages use
    links = [link.proto.page for link in app.page_link]
    assert links == ["predict", "inside"], links


def test_training_step_shows_a_model_trained_on_the_train_page():
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.run()
    app.switch_page("app_pages/train.py")
    app.run()
    app.button(key="train_start").click()  # the bidirectional model
    app.run()
    go_to(lecture_page(app), 3)

    shown = metrics(app)
    assert float(shown["final loss, bidirectional RNN"]) < 0.01
    assert "final loss, one-way RNN" not in shown
    assert any("one-way RNN is not trained yet" in c.value for c in app.caption)
    assert app.button(key="lecture_train").label.startswith("Retrain")


def test_predict_page_uses_the_lecture_models_once_the_lecture_corpus_is_current(
    trained_app,
):
    trained_app.session_state["corpus"] = lecture_corpus()
    trained_app.session_state["corpus_id"] = "lecture"
    trained_app.switch_page("app_pages/predict.py")
    trained_app.run()
    check(trained_app)

    table = trained_app.table[0].value
    assert list(table["token"]) == ["tensorflow", "is", "very", "easy"]
    assert "one-way RNN" in table.columns


@pytest.mark.parametrize(("asked", "shown"), [("2", 2), ("99", 1), ("Training", 1)])
def test_a_link_opens_the_step_it_names_by_number(asked, shown):
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["lecture_step"] = asked

    lecture_page(app)

    assert app.segmented_control(key="lecture_step").value == shown
    assert app.header[0].value.startswith(f"Step {shown}:")
    assert app.query_params["lecture_step"] == str(shown)
