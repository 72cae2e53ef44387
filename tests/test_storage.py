"""Tests for tagger.storage: saving a tagger to a folder and loading it back."""

import json
import shutil

import numpy as np
import pytest
from _trained import trained_lecture

from tagger.config import ModelConfig
from tagger.corpus import LECTURE_SENTENCES, LECTURE_TAGS, Corpus
from tagger.model import build_tagger
from tagger.predict import Tagger, predict_ids, predict_sentence
from tagger.storage import (
    BASELINE_FILE,
    CONFIG_FILE,
    MODEL_FILE,
    VOCAB_FILE,
    ModelDirError,
    load_baseline,
    load_tagger,
    load_tagger_zip,
    save_tagger,
    tagger_zip,
)
from tagger.vocab import encode_corpus

SENTENCE = "tensorflow is very easy".split()
BASELINE = ({"tensorflow": "noun", "is": "verb", "très": "adverb"}, "adjective")


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("birnn")
    save_tagger(trained_lecture("birnn").tagger, folder, extra={"epochs": 30})
    return folder


@pytest.fixture(scope="module")
def with_features():
    """An untrained tagger that reads spelling features beside the words."""
    corpus = Corpus("real", LECTURE_SENTENCES, LECTURE_TAGS)
    encoded = encode_corpus(corpus, min_freq=2, features=True)
    sizes = encoded.features.sizes
    config = ModelConfig(hidden=4, embedding_dim=4, feature_dim=2)
    model = build_tagger(config, len(encoded.words), len(encoded.tags), sizes)
    return Tagger(model, encoded.words, encoded.tags, config, encoded.features)


@pytest.fixture
def copy_of_saved(saved, tmp_path):
    return shutil.copytree(saved, tmp_path / "copy")


def test_save_writes_model_vocab_and_config(saved):
    assert sorted(p.name for p in saved.iterdir()) == sorted(
        [MODEL_FILE, VOCAB_FILE, CONFIG_FILE]
    )
    assert json.loads((saved / CONFIG_FILE).read_text("utf-8"))["epochs"] == 30


def test_loaded_tagger_predicts_as_the_saved_one(saved, lecture):
    original = trained_lecture("birnn").tagger

    loaded = load_tagger(saved)

    assert loaded.words == original.words and loaded.tags == original.tags
    assert loaded.config == original.config
    assert predict_sentence(loaded, SENTENCE) == predict_sentence(original, SENTENCE)
    np.testing.assert_array_equal(
        predict_ids(loaded.model, lecture.tensors.x),
        predict_ids(original.model, lecture.tensors.x),
    )


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(ModelDirError, match="no such model directory"):
        load_tagger(tmp_path / "absent")


def test_folder_without_vocab_is_refused(copy_of_saved):
    (copy_of_saved / VOCAB_FILE).unlink()

    with pytest.raises(ModelDirError, match="vocab.json is missing"):
        load_tagger(copy_of_saved)


def test_corrupt_model_file_is_refused(copy_of_saved):
    (copy_of_saved / MODEL_FILE).write_bytes(b"\x00not a keras archive\xff" * 64)

    with pytest.raises(ModelDirError, match="not a loadable Keras model"):
        load_tagger(copy_of_saved)


def test_vocab_that_does_not_fit_the_model_is_refused(copy_of_saved):
    vocab_file = copy_of_saved / VOCAB_FILE
    vocab = json.loads(vocab_file.read_text("utf-8"))
    vocab["words"].append("pytorch")
    vocab_file.write_text(json.dumps(vocab), "utf-8")

    with pytest.raises(ModelDirError, match="16 words"):
        load_tagger(copy_of_saved)


def test_unreadable_config_is_refused(copy_of_saved):
    (copy_of_saved / CONFIG_FILE).write_text("{not json", "utf-8")

    with pytest.raises(ModelDirError, match="unreadable"):
        load_tagger(copy_of_saved)


def test_baseline_is_saved_beside_the_model_and_loads_back(tmp_path):
    save_tagger(trained_lecture("birnn").tagger, tmp_path, baseline=BASELINE)

    assert (tmp_path / BASELINE_FILE).is_file()
    assert load_baseline(tmp_path) == BASELINE
    assert load_tagger(tmp_path).words == trained_lecture("birnn").tagger.words


def test_folder_saved_without_a_baseline_has_none(saved):
    assert load_baseline(saved) is None


def test_saving_again_without_a_baseline_drops_the_old_one(copy_of_saved):
    tagger = trained_lecture("birnn").tagger
    save_tagger(tagger, copy_of_saved, baseline=BASELINE)

    save_tagger(tagger, copy_of_saved)

    assert load_baseline(copy_of_saved) is None


@pytest.mark.parametrize(
    "content",
    ["{not json", '{"table": {}}', '{"table": ["is"], "fallback": "noun"}'],
    ids=["not-json", "no-fallback", "not-a-table"],
)
def test_unreadable_baseline_is_refused(copy_of_saved, content):
    (copy_of_saved / BASELINE_FILE).write_text(content, "utf-8")

    with pytest.raises(ModelDirError, match="unreadable baseline"):
        load_baseline(copy_of_saved)


def test_tagger_with_features_loads_back_with_them(with_features, tmp_path):
    save_tagger(with_features, tmp_path)

    loaded = load_tagger(tmp_path)

    assert loaded.features == with_features.features
    assert predict_sentence(loaded, SENTENCE) == predict_sentence(
        with_features, SENTENCE
    )


def test_feature_vocabulary_that_does_not_fit_the_model_is_refused(
    with_features, tmp_path
):
    save_tagger(with_features, tmp_path)
    vocab = json.loads((tmp_path / VOCAB_FILE).read_text("utf-8"))
    vocab["features"]["shape"].append("Xd")
    (tmp_path / VOCAB_FILE).write_text(json.dumps(vocab), "utf-8")

    with pytest.raises(ModelDirError, match="spelling-feature vocabularies"):
        load_tagger(tmp_path)


def test_a_tagger_travels_as_a_zip_and_tags_the_same():
    tagger = trained_lecture("birnn").tagger

    again, extra = load_tagger_zip(tagger_zip(tagger, {"history": [[1, 0.5]]}))

    assert predict_sentence(again, SENTENCE) == predict_sentence(tagger, SENTENCE)
    assert extra == {"history": [[1, 0.5]]}


@pytest.mark.parametrize(
    "data", [b"not a zip", b"PK\x05\x06" + bytes(18)], ids=["junk", "empty-zip"]
)
def test_a_zip_that_is_not_a_saved_model_is_refused(data):
    with pytest.raises(ModelDirError):
        load_tagger_zip(data)
