"""AppTest runs of each page: what a user sees after the clicks the page asks for."""

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import app_state
from tagger.corpus import Corpus, lecture_corpus, read_corpus, split_corpus

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
TIMEOUT = 120  # seconds; the first import of TensorFlow alone takes several


def new_app() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.run()
    return app


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def open_page(app: AppTest, page: str) -> AppTest:
    app.switch_page(f"app_pages/{page}.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def train(app: AppTest, kind: str) -> AppTest:
    app.radio(key="train_kind_lecture").set_value(kind)
    app.button(key="train_start").click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.fixture(scope="module")
def trained_app() -> AppTest:
    """One session in which both lecture models have been trained."""
    app = open_page(new_app(), "train")
    train(app, "birnn")
    return train(app, "rnn")


def test_data_page_shows_the_lecture_figures():
    app = new_app()

    assert not app.exception
    assert metrics(app) == {
        "sentences": "4",
        "tokens": "19",
        "word vocabulary": "15",
        "tag set": "8",
    }
    words = app.dataframe[0].value
    assert list(words["word"][:3]) == ["<pad>", "I", "a"]
    assert words["id"].iloc[-1] == 14
    x = app.dataframe[2].value.to_numpy()
    assert x.shape == (4, 10)
    assert x[2].tolist() == [13, 11, 2, 9, 8, 4, 12, 0, 0, 0]


@pytest.mark.parametrize("page", ["data", "lecture"])  # the lecture's step 1: data
def test_a_page_that_shows_data_never_imports_tensorflow(page):
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"app = AppTest.from_file({APP!r}, default_timeout=60)\n"
        f"app.switch_page('app_pages/{page}.py')\n"
        "app.run()\n"
        "assert not app.exception, app.exception\n"
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split()[-2:] == ["False", "False"]


def test_train_page_shows_the_lecture_parameter_counts():
    app = open_page(new_app(), "train")

    expanders = [e.label for e in app.expander]
    assert any("913 parameters, 688 trainable" in label for label in expanders)
    app.radio(key="train_kind_lecture").set_value("rnn")
    app.run()
    expanders = [e.label for e in app.expander]
    assert any("573 parameters, 348 trainable" in label for label in expanders)


def test_train_page_trains_both_models_to_full_accuracy(trained_app):
    shown = metrics(trained_app)

    assert shown["bidirectional RNN"] == "30 epochs"
    assert shown["one-way RNN"] == "30 epochs"
    accuracy = [m.value for m in trained_app.metric if "accuracy" in m.label]
    assert accuracy == ["100.0%", "100.0%"]
    curves = trained_app.get("plotly_chart")[0].proto.spec
    assert '"name":"bidirectional RNN"' in curves
    assert '"name":"one-way RNN"' in curves


def test_train_settings_survive_a_page_switch(trained_app):
    trained_app.slider(key="train_epochs_lecture").set_value(45)
    trained_app.run()
    open_page(trained_app, "data")
    open_page(trained_app, "train")

    assert trained_app.slider(key="train_epochs_lecture").value == 45
    trained_app.slider(key="train_epochs_lecture").set_value(30)
    trained_app.run()


def test_predict_page_without_a_model_points_to_train():
    app = open_page(new_app(), "predict")

    assert "No model has been trained" in app.info[0].value
    assert not app.text_input


def test_predict_page_shows_each_direction_and_marks_unknown_words(trained_app):
    open_page(trained_app, "predict")

    table = trained_app.table[0].value
    assert list(table["token"]) == ["tensorflow", "is", "very", "easy"]
    assert list(table["known"]) == ["yes", "yes", "yes", "no"]
    for column in ("forward", "backward", "combined (bidirectional)", "one-way RNN"):
        assert table[column].str.match(r"^\S+ \(\d\.\d\d\)$").all(), column
    assert (
        table["combined (bidirectional)"][:3]
        .str.startswith(("noun", "verb", "adverb"))
        .all()
    )
    assert "all-zero vector" in trained_app.caption[0].value


def test_predict_page_asks_for_words_when_the_box_is_blank(trained_app):
    open_page(trained_app, "predict")
    trained_app.text_input(key="predict_text").set_value("   ")
    trained_app.run()

    assert not trained_app.exception
    assert "at least one word" in trained_app.warning[0].value
    trained_app.text_input(key="predict_text").set_value("tensorflow is very easy")
    trained_app.run()


def test_evaluate_page_scores_the_lecture_models_beside_the_baseline(trained_app):
    open_page(trained_app, "evaluate")

    shown = metrics(trained_app)
    assert shown["accuracy"] == "100.0%"
    assert shown["most-frequent-tag baseline"] == "100.0%"
    assert "no held-out sentences" in trained_app.info[0].value
    per_tag = trained_app.dataframe[0].value
    assert per_tag["support"].sum() == 19
    assert trained_app.get("plotly_chart")


def test_evaluate_page_without_a_model_points_to_train():
    app = open_page(new_app(), "evaluate")

    assert "No model has been trained" in app.info[0].value


@pytest.fixture(scope="module")
def real_app(ewt_dev) -> AppTest:
    """A session holding 60 EWT sentences, split 54/6, with a trained birnn."""
    whole = read_corpus(ewt_dev, "conllu")
    small = Corpus("ewt-sample", whole.sentences[:60], whole.tags[:60])
    train_part, dev_part = split_corpus(small, 0.1, seed=0)
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.session_state["corpus"] = train_part
    app.session_state["corpus_id"] = "ewt-sample"
    app.session_state["dev"] = dev_part
    app.run()
    open_page(app, "train")
    app.button(key="train_start").click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_data_page_shows_a_real_corpus_with_its_statistics(real_app):
    open_page(real_app, "data")

    shown = metrics(real_app)
    assert shown["sentences"] == "54"
    assert shown["dev sentences"] == "6"
    assert shown["dev tokens unknown to training"].endswith("%")
    assert len(real_app.get("plotly_chart")) >= 3  # tags, lengths, a tensor


def test_a_real_corpus_model_with_spelling_features_tags_and_scores(real_app):
    open_page(real_app, "train")
    assert metrics(real_app)["bidirectional RNN"] == "8 epochs"

    open_page(real_app, "predict")
    real_app.text_input(key="predict_text").set_value("The cats were sleeping .")
    real_app.run()
    table = real_app.table[0].value
    shown = [token.replace("\\", "") for token in table["token"]]  # Markdown escapes
    assert shown == ["The", "cats", "were", "sleeping", "."]
    assert "<unk>" in real_app.caption[0].value

    open_page(real_app, "evaluate")
    assert "accuracy" in metrics(real_app)
    assert not real_app.info  # a real dev part: no lecture note


def test_predict_page_shows_html_and_markdown_as_typed(trained_app):
    open_page(trained_app, "predict")
    hostile = [
        "<script>alert(1)</script>",
        "**bold**",
        "$x^2$",
        ":smile:",
        "안녕",  # CJK
        "مرحبا",  # right to left
        "🙂🚀",
        "?!…",  # punctuation only
    ]
    trained_app.text_input(key="predict_text").set_value(" ".join(hostile))
    trained_app.run()

    assert not trained_app.exception
    tokens = list(trained_app.table[0].value["token"])
    assert tokens == [app_state.plain(token) for token in hostile]
    trained_app.text_input(key="predict_text").set_value("tensorflow is very easy")
    trained_app.run()


def test_predict_page_tags_a_2000_word_sentence(trained_app):
    open_page(trained_app, "predict")
    words = ("tensorflow is very easy and deep " * 400).split()[:2000]
    trained_app.text_input(key="predict_text").set_value(" ".join(words))
    trained_app.run()

    assert not trained_app.exception
    assert len(trained_app.dataframe[0].value) == 2000
    assert "first 60 words" in " ".join(c.value for c in trained_app.caption)
    trained_app.text_input(key="predict_text").set_value("tensorflow is very easy")
    trained_app.run()


def test_inside_page_walks_through_what_each_direction_has_read(trained_app):
    open_page(trained_app, "inside")
    trained_app.radio(key="inside_kind").set_value("birnn")
    trained_app.text_input(key="inside_text").set_value("tensorflow is very easy")
    trained_app.run()
    trained_app.slider(key="inside_step").set_value(1)
    trained_app.run()

    assert not trained_app.exception
    shown = metrics(trained_app)
    assert shown["forward, having read 2 of 4"] == "verb"
    assert shown["backward, having read 3 of 4"]
    assert shown["the model's answer"] == "verb"
    charts = [c.proto.spec for c in trained_app.get("plotly_chart")]
    assert len(charts) == 3  # reading, forward states, backward states
    assert '"forward states"' in charts[1] and '"backward states"' in charts[2]


def test_inside_page_for_the_one_way_model_shows_one_direction(trained_app):
    open_page(trained_app, "inside")
    trained_app.radio(key="inside_kind").set_value("rnn")
    trained_app.run()

    assert not trained_app.exception
    assert "words after this one cannot change its tag" in trained_app.caption[0].value
    assert len(trained_app.get("plotly_chart")) == 2


def test_inside_page_walks_through_a_real_corpus_model(real_app):
    open_page(real_app, "inside")
    real_app.text_input(key="inside_text").set_value("The cats were sleeping .")
    real_app.run()
    real_app.slider(key="inside_step").set_value(4)
    real_app.run()

    assert not real_app.exception
    shown = metrics(real_app)
    assert "forward, having read 5 of 5" in shown
    assert "backward, having read 1 of 5" in shown
    charts = [c.proto.spec for c in real_app.get("plotly_chart")]
    assert len(charts) == 3  # reading, forward states, backward states
    assert '"forward states"' in charts[1]


def test_a_model_downloaded_as_zip_can_be_used_again(trained_app):
    from tagger.storage import tagger_zip

    open_page(trained_app, "train")
    assert trained_app.get("download_button")
    birnn = trained_app.session_state["runs"]["lecture"]["birnn"]
    data = tagger_zip(birnn.tagger, {"history": [[1, 0.5, 0.1]]})

    fresh = open_page(new_app(), "train")
    fresh.file_uploader(key="train_import").set_value(
        ("m.zip", data, "application/zip")
    )
    fresh.run()
    fresh.button(key="train_import_use").click()
    fresh.run()

    assert not fresh.exception, [e.value for e in fresh.exception]
    assert metrics(fresh)["bidirectional RNN"] == "1 epoch"
    open_page(fresh, "predict")
    assert list(fresh.table[0].value["known"]) == ["yes", "yes", "yes", "no"]


def test_a_file_that_is_not_a_model_zip_is_refused_on_the_train_page():
    app = open_page(new_app(), "train")
    app.file_uploader(key="train_import").set_value(
        ("m.zip", b"junk", "application/zip")
    )
    app.run()
    app.button(key="train_import_use").click()
    app.run()

    assert not app.exception
    assert "Could not use this file" in app.error[0].value


def column(table, start: str) -> str:
    """The one column of a table whose name starts with `start`."""
    (name,) = [name for name in table.columns if name.startswith(start)]
    return name


def test_masking_lesson_shows_how_counting_pads_inflates_accuracy():
    app = open_page(new_app(), "masking")
    assert "21 of the lecture's 40 positions" in app.markdown[0].value
    app.slider(key="masking_epochs_lecture").set_value(1)
    app.button(key="masking_start").click()
    app.run()

    assert not app.exception, [e.value for e in app.exception]
    table = app.table[0].value
    assert list(table["loss"]) == ["pads masked", "pads counted"]
    counted = table.iloc[1]
    real = float(counted["accuracy on the 19 real tokens"].rstrip("%"))
    with_pads = float(counted["accuracy counting pads (40 positions)"].rstrip("%"))
    assert with_pads > real  # the pads, easy to get right, lift the score
    pads = app.dataframe[1].value  # the pads-counted model's answers
    assert pads["t9"].str.startswith("[").all()  # every t9 is a pad


def use_corpus(app: AppTest, corpus: Corpus) -> AppTest:
    """Make a corpus, named as its key, the session's current one and rerun."""
    app.session_state["corpus"] = corpus
    app.session_state["corpus_id"] = corpus.name
    app.session_state["dev"] = None
    app.run()
    return app


@pytest.fixture
def sample_app(ewt_dev) -> AppTest:
    """A session on the masking page whose corpus is 200 EWT sentences."""
    whole = read_corpus(ewt_dev, "conllu")
    small = Corpus("ewt-200", whole.sentences[:200], whole.tags[:200])
    app = use_corpus(AppTest.from_file(APP, default_timeout=TIMEOUT), small)
    return open_page(app, "masking")


def test_masking_lesson_on_a_treebank_trains_on_a_padded_sample(sample_app):
    sample_app.slider(key="masking_sample").set_value(50)
    sample_app.slider(key="masking_epochs_real").set_value(1)
    sample_app.run()
    assert "sample of 50 of the 200 sentences" in sample_app.markdown[0].value
    sample_app.button(key="masking_start").click()
    sample_app.run()

    assert not sample_app.exception, [e.value for e in sample_app.exception]
    table = sample_app.table[0].value
    counted = table.iloc[1]
    real = float(counted[column(table, "accuracy on the")].rstrip("%"))
    with_pads = float(counted[column(table, "accuracy counting pads")].rstrip("%"))
    assert with_pads > real
    pads = sample_app.dataframe[1].value
    assert len(pads) == 10  # a readable corner of the sample
    assert list(pads.columns)[-2:] == ["t29", "sentence"]
    assert not sample_app.info

    sample_app.slider(key="masking_sample").set_value(60).run()
    assert "not from the settings above" in sample_app.info[0].value


def test_a_masking_result_is_not_shown_for_another_corpus(sample_app):
    treebank = sample_app.session_state["corpus"]
    use_corpus(sample_app, lecture_corpus())
    sample_app.slider(key="masking_epochs_lecture").set_value(1)
    sample_app.button(key="masking_start").click()
    sample_app.run()
    assert sample_app.table

    use_corpus(sample_app, treebank)

    assert not sample_app.exception
    assert not sample_app.table  # the lecture's result stays with the lecture


def test_a_shared_link_reopens_the_settings_and_the_sentence():
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["train_epochs_lecture"] = "45"
    app.query_params["train_kind_lecture"] = "one-way RNN"  # as the URL shows it
    app.switch_page("app_pages/train.py")
    app.run()

    assert app.slider(key="train_epochs_lecture").value == 45
    assert app.radio(key="train_kind_lecture").value == "rnn"
    assert any("573 parameters" in e.label for e in app.expander)


def test_a_link_with_nonsense_settings_falls_back_to_the_defaults():
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["train_epochs_lecture"] = "<script>"
    app.query_params["train_hidden_lecture"] = "99999"
    app.switch_page("app_pages/train.py")
    app.run()

    assert not app.exception
    assert app.slider(key="train_epochs_lecture").value == 30
