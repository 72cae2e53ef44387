"""Many users at once: sessions that train or predict in parallel threads, as a
Streamlit server runs them, each get exactly the answer they would get alone."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from _trained import trained_lecture
from streamlit.testing.v1 import AppTest

import app_state
from tagger.config import ModelConfig, TrainConfig
from tagger.corpus import lecture_corpus
from tagger.model import build_tagger
from tagger.predict import predict_sentence
from tagger.training import train_tagger
from tagger.vocab import encode_corpus

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
SESSIONS = 20
WORDS = ("tensorflow", "is", "very", "fast", "deep", "learning", "I", "feel", "a")


def train_once(seed: int) -> tuple[list[float], list[np.ndarray]]:
    encoded = encode_corpus(lecture_corpus())
    config = ModelConfig(seed=seed)
    model = build_tagger(config, len(encoded.words), len(encoded.tags))
    result = train_tagger(model, encoded.tensors, TrainConfig(epochs=10, seed=seed))
    return [r.loss for r in result.history], model.get_weights()


def test_two_trainings_at_once_with_one_seed_match_a_training_alone():
    alone = train_once(seed=3)

    with ThreadPoolExecutor(2) as pool:
        together = list(pool.map(train_once, [3, 3]))

    for losses, weights in together:
        assert losses == alone[0]
        for got, expected in zip(weights, alone[1], strict=True):
            np.testing.assert_array_equal(got, expected)


def predicting_session() -> AppTest:
    """A new session on the Predict page, holding the trained birnn."""
    trained = trained_lecture("birnn")
    app = AppTest.from_file(APP, default_timeout=120)
    run = app_state.Run("birnn", trained.tagger, TrainConfig(), trained.result)
    run.done.set()
    app.session_state["runs"] = {app_state.LECTURE_KEY: {"birnn": run}}
    app.switch_page("app_pages/predict.py")
    app.run()
    return app


def ask(app: AppTest, sentence: str) -> list[str]:
    """The combined tags a session shows for a sentence typed into it."""
    app.text_input(key="predict_text").set_value(sentence)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    table = app.table[0].value
    return [cell.split(" (")[0] for cell in table["combined (bidirectional)"]]


def test_twenty_sessions_predicting_at_once_each_get_their_own_answer():
    rng = np.random.default_rng(0)
    sentences = [
        " ".join(rng.choice(WORDS, size=rng.integers(1, 12))) for _ in range(SESSIONS)
    ]
    tagger = trained_lecture("birnn").tagger
    expected = [[p.tag for p in predict_sentence(tagger, s.split())] for s in sentences]
    # opened one by one: CPython 3.11's ast.parse can fail in parallel threads;
    # each test run compiles the app anew (a server does once), without ast.parse
    # only because the app's config turns Streamlit's magic off
    sessions = [predicting_session() for _ in range(SESSIONS)]

    with ThreadPoolExecutor(SESSIONS) as pool:
        answers = list(pool.map(ask, sessions, sentences))

    assert answers == expected
