"""Shared links: settings written to and read from the URL, and what a link reopens."""

from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from settings_form import settings_from_params, settings_params
from tagger.config import LECTURE_DEFAULTS, REAL_CORPUS_DEFAULTS

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
TIMEOUT = 120  # seconds; the first import of TensorFlow alone takes several


def open_link(query: dict[str, str], page: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for name, value in query.items():
        app.query_params[name] = value
    app.switch_page(f"app_pages/{page}.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def shared_link(app: AppTest) -> dict[str, str]:
    """The query of the link the sidebar's Share box shows."""
    link = app.sidebar.code[0].value
    return dict(parse_qsl(link.partition("?")[2]))


def losses(app: AppTest, kind: str) -> list[float]:
    run = app.session_state["runs"]["lecture"][kind]
    return [record.loss for record in run.result.history]


@pytest.mark.parametrize("defaults", [LECTURE_DEFAULTS, REAL_CORPUS_DEFAULTS])
def test_settings_written_to_the_url_read_back_the_same(defaults):
    is_lecture = defaults is LECTURE_DEFAULTS
    model = replace(defaults.model, kind="rnn", hidden=37, seed=5)
    if not is_lecture:
        model = replace(model, cell="lstm", dropout=0.25, feature_dim=0)
    train = replace(defaults.train, epochs=12, learning_rate=0.02, clipnorm=1.0, seed=5)

    params = settings_params(model, train, defaults.min_freq, is_lecture)

    assert settings_from_params(params, is_lecture) == (
        model,
        train,
        defaults.min_freq,
    )


def test_settings_in_the_url_use_the_widgets_labels():
    d = LECTURE_DEFAULTS
    params = settings_params(d.model, d.train, d.min_freq, True)

    assert params["train_kind_lecture"] == "bidirectional RNN"
    assert params["train_lr_lecture"] == "0.1"
    assert params["train_clip_lecture"] == "false"


def test_url_values_a_widget_would_refuse_give_the_defaults():
    params = {
        "train_epochs_lecture": "<script>",
        "train_hidden_lecture": "99999",
        "train_lr_lecture": "0.3",  # not one of the slider's rates
        "train_batch_lecture": "2.5",
        "train_kind_lecture": "transformer",
        "train_clip_lecture": "maybe",
    }
    d = LECTURE_DEFAULTS

    assert settings_from_params(params, True) == (d.model, d.train, d.min_freq)


def test_a_shared_link_retrains_the_same_models_with_the_same_loss_curves():
    first = open_link({}, "train")
    first.slider(key="train_epochs_lecture").set_value(12)
    first.button(key="train_start").click().run()
    first.radio(key="train_kind_lecture").set_value("rnn")
    first.button(key="train_start").click().run()
    first.switch_page("app_pages/predict.py").run()
    first.text_input(key="predict_text").set_value("I love tensorflow").run()
    query = shared_link(first)

    second = open_link(query, "predict")

    assert query["models"] == "rnn,birnn"
    assert query["train_epochs_lecture"] == "12"
    assert second.text_input(key="predict_text").value == "I love tensorflow"
    for kind in ("rnn", "birnn"):
        assert losses(second, kind) == losses(first, kind)
    assert second.table[0].value["token"].tolist() == ["I", "love", "tensorflow"]


def test_a_link_without_models_opens_the_page_asking_for_training():
    app = open_link({"corpus": "lecture", "predict_text": "I love it"}, "predict")

    assert "No model has been trained" in app.info[0].value
    assert "runs" not in app.session_state or not app.session_state["runs"].get(
        "lecture"
    )


def test_a_link_naming_an_unknown_corpus_keeps_the_lecture_corpus():
    app = open_link({"corpus": "../../etc/passwd", "models": "birnn"}, "data")

    assert "does not know" in app.warning[0].value
    assert app.session_state["corpus_id"] == "lecture"
    assert app.query_params["corpus"] == "lecture"


def test_a_treebank_link_loads_the_treebank_and_waits_for_a_click_to_train(
    mirror_url, ewt_dev, tmp_path, monkeypatch
):
    monkeypatch.setenv("TAGGER_SOURCE_BASE", mirror_url)
    monkeypatch.setenv("TAGGER_CACHE", str(tmp_path))
    query = {"corpus": "ud-english-ewt", "models": "birnn", "train_epochs_real": "3"}

    app = open_link(query, "predict")

    assert app.session_state["corpus_id"] == "ud-english-ewt"
    assert "3 epochs" in app.info[0].value
    assert app.button(key="share_train").value is False
    assert len(app.info) == 1  # the link's offer, not also "no model trained yet"
    assert not app.session_state["runs"].get("ud-english-ewt")


def test_an_inside_link_opens_the_same_sentence_model_and_time_step():
    query = {
        "corpus": "lecture",
        "models": "rnn,birnn",
        "inside_text": "I love deep learning",
        "inside_kind": "bidirectional RNN",
        "inside_step": "2",
    }

    app = open_link(query, "inside")

    assert app.slider(key="inside_step").value == 2
    assert app.metric[0].label == "forward, having read 3 of 4"
    assert shared_link(app) | query == shared_link(app)  # the link says them again


def test_a_treebank_link_that_cannot_download_trains_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("TAGGER_SOURCE_BASE", "http://127.0.0.1:9")  # nothing there
    monkeypatch.setenv("TAGGER_CACHE", str(tmp_path))
    query = {"corpus": "ud-english-ewt", "models": "birnn", "predict_text": "a b"}

    app = open_link(query, "predict")

    assert "corpus is unchanged" in app.error[0].value
    assert "No model has been trained" in app.info[0].value
    assert not app.session_state["runs"].get("lecture")


def test_a_link_with_infinite_numbers_opens_with_the_defaults():
    query = {
        "train_hidden_lecture": "1e400",
        "train_seed_lecture": "inf",
        "train_epochs_lecture": "-inf",
        "predict_text": "inf",
    }

    app = open_link(query, "train")

    assert app.number_input(key="train_hidden_lecture").value == 10
    assert app.number_input(key="train_seed_lecture").value == 0
    assert app.slider(key="train_epochs_lecture").value == 30
    assert app.query_params["predict_text"] == "inf"


def test_a_train_page_link_trains_its_models_and_shows_their_settings():
    query = {"corpus": "lecture", "models": "birnn", "train_epochs_lecture": "5"}

    app = open_link(query, "train")

    assert app.slider(key="train_epochs_lecture").value == 5
    assert app.metric[0].label == "bidirectional RNN"
    assert app.metric[0].value == "5 epochs"
    assert not app.info  # the link's note is gone once its models are trained


def test_a_stopped_training_is_shared_with_the_epochs_it_finished():
    app = open_link({"corpus": "lecture", "models": "birnn"}, "train")
    run = app.session_state["runs"]["lecture"]["birnn"]
    del run.result.history[7:]  # as if stopped after 7 of 30 epochs
    app.run()

    assert shared_link(app)["train_epochs_lecture"] == "7"
    assert any("stopped after 7 of 30" in c.value for c in app.sidebar.caption)
