"""Saving a trained tagger to a folder, and loading it back without running its code.

The folder holds `model.keras`, `vocab.json` (words and tags, in id order) and
`config.json` (the model settings). Loading uses Keras's safe mode, so a file
that carries code is refused instead of run.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import keras

import tagger.model  # noqa: F401  registers the model's custom layer for load_model
from tagger.config import ModelConfig
from tagger.predict import Tagger
from tagger.vocab import Vocabulary

MODEL_FILE = "model.keras"
VOCAB_FILE = "vocab.json"
CONFIG_FILE = "config.json"


class ModelDirError(ValueError):
    """A model folder that is missing, incomplete or does not fit together."""


def save_tagger(tagger: Tagger, folder: str | os.PathLike, extra: dict | None = None):
    """Write the model, vocabularies and settings; `extra` goes into config.json."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tagger.model.save(folder / MODEL_FILE)
    vocab = {"words": list(tagger.words.entries), "tags": list(tagger.tags.entries)}
    (folder / VOCAB_FILE).write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    config = {"model": asdict(tagger.config), **(extra or {})}
    (folder / CONFIG_FILE).write_text(json.dumps(config, indent=2), "utf-8")


def load_tagger(folder: str | os.PathLike) -> Tagger:
    """Read a folder written by `save_tagger`; ModelDirError says what is wrong."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ModelDirError(f"{folder}: no such model directory")
    for name in (MODEL_FILE, VOCAB_FILE, CONFIG_FILE):
        if not (folder / name).is_file():
            raise ModelDirError(f"{folder}: {name} is missing")
    try:
        vocab = json.loads((folder / VOCAB_FILE).read_text("utf-8"))
        words, tags = (
            Vocabulary(tuple(vocab["words"])),
            Vocabulary(tuple(vocab["tags"])),
        )
        config = ModelConfig(
            **json.loads((folder / CONFIG_FILE).read_text("utf-8"))["model"]
        )
    except (ValueError, KeyError, TypeError) as error:
        raise ModelDirError(
            f"{folder}: vocabulary or config is unreadable ({error})"
        ) from error
    try:
        model = keras.models.load_model(folder / MODEL_FILE, safe_mode=True)
    except Exception as error:  # Keras raises many kinds for a damaged archive
        raise ModelDirError(
            f"{folder / MODEL_FILE}: not a loadable Keras model ({error})"
        ) from error
    vocab_size = model.layers[0].input_dim
    num_tags = model.layers[-1].layer.units
    if (vocab_size, num_tags) != (len(words), len(tags)):
        raise ModelDirError(
            f"{folder}: vocab.json has {len(words)} words and {len(tags)} tags, "
            f"but the model expects {vocab_size} and {num_tags}"
        )
    return Tagger(model, words, tags, config)
