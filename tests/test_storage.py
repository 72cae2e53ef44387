"""Tests for tagger.storage: saving a tagger to a folder and loading it back."""

import json
import shutil

import numpy as np
import pytest
from _trained import trained_lecture

from tagger.predict import predict_ids, predict_sentence
from tagger.storage import (
    CONFIG_FILE,
    MODEL_FILE,
    VOCAB_FILE,
    ModelDirError,
    load_tagger,
    save_tagger,
)

SENTENCE = "tensorflow is very easy".split()


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("birnn")
    save_tagger(trained_lecture("birnn").tagger, folder, extra={"epochs": 30})
    return folder


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
