"""Saving a trained tagger to a folder, and loading it back without running its code.

The folder holds `model.keras`, `vocab.json` (words and tags in id order, and
spelling features for a model that has them),
`config.json` (the model settings) and, when saved with one, `baseline.json`
(the most-frequent-tag baseline from the same training corpus). Loading uses
Keras's safe mode, so a file that carries code is refused instead of run.
The same folder also travels as one zip archive, for downloads and uploads.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

import keras

import tagger.model  # noqa: F401  registers the model's custom layer for load_model
from tagger.config import ModelConfig
from tagger.predict import Tagger
from tagger.vocab import Features, Vocabulary

MODEL_FILE = "model.keras"
VOCAB_FILE = "vocab.json"
CONFIG_FILE = "config.json"
BASELINE_FILE = "baseline.json"


class ModelDirError(ValueError):
    """A model folder that is missing, incomplete or does not fit together."""


def save_tagger(
    tagger: Tagger,
    folder: str | os.PathLike,
    extra: dict | None = None,
    baseline: tuple[Mapping[str, str], str] | None = None,
):
    """Write the model, vocabularies and settings; `extra` goes into config.json.

    `baseline` is a most-frequent-tag table and its tag for unknown words.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tagger.model.save(folder / MODEL_FILE)
    vocab = {"words": list(tagger.words.entries), "tags": list(tagger.tags.entries)}
    if tagger.features is not None:
        vocab["features"] = {
            name: list(table.entries)
            for name, table in zip(
                tagger.features.names, tagger.features.tables, strict=True
            )
        }
    (folder / VOCAB_FILE).write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    config = {"model": asdict(tagger.config), **(extra or {})}
    (folder / CONFIG_FILE).write_text(json.dumps(config, indent=2), "utf-8")
    if baseline is None:
        # a baseline left from an earlier save would belong to another corpus
        (folder / BASELINE_FILE).unlink(missing_ok=True)
    else:
        table, fallback = baseline
        record = {"table": dict(table), "fallback": fallback}
        (folder / BASELINE_FILE).write_text(
            json.dumps(record, ensure_ascii=False), "utf-8"
        )


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
        features = None
        if "features" in vocab:
            features = Features(
                tuple(vocab["features"]),
                tuple(Vocabulary(tuple(e)) for e in vocab["features"].values()),
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
    _check_sizes(folder, model, words, tags, features)
    return Tagger(model, words, tags, config, features)


def _check_sizes(
    folder: Path,
    model: keras.Model,
    words: Vocabulary,
    tags: Vocabulary,
    features: Features | None,
):
    embedding = model.layers[0]
    # a feature embedding holds a table for words, then one per spelling feature
    sizes = embedding.sizes if hasattr(embedding, "sizes") else (embedding.input_dim,)
    num_tags = model.layers[-1].layer.units
    if (sizes[0], num_tags) != (len(words), len(tags)):
        raise ModelDirError(
            f"{folder}: vocab.json has {len(words)} words and {len(tags)} tags, "
            f"but the model expects {sizes[0]} and {num_tags}"
        )
    found = () if features is None else features.sizes
    if tuple(sizes[1:]) != found:
        raise ModelDirError(
            f"{folder}: vocab.json has spelling-feature vocabularies of sizes "
            f"{found or 'none'}, but the model expects {tuple(sizes[1:]) or 'none'}"
        )


def load_baseline(folder: str | os.PathLike) -> tuple[dict[str, str], str] | None:
    """The saved baseline's table and fallback tag; None for a folder without one."""
    path = Path(folder) / BASELINE_FILE
    if not path.is_file():
        return None  # saved before baselines were, or without a training corpus
    try:
        record = json.loads(path.read_text("utf-8"))
        table, fallback = record["table"], record["fallback"]
    except (ValueError, KeyError, TypeError) as error:
        raise ModelDirError(f"{path}: unreadable baseline ({error})") from error
    if not (
        isinstance(table, dict)
        and isinstance(fallback, str)
        and all(isinstance(tag, str) for tag in table.values())
    ):
        raise ModelDirError(f"{path}: unreadable baseline (wrong structure)")
    return table, fallback


def tagger_zip(tagger: Tagger, extra: dict | None = None) -> bytes:
    """The folder `save_tagger` writes, as the bytes of one zip archive."""
    with tempfile.TemporaryDirectory() as folder:
        save_tagger(tagger, folder, extra)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in (MODEL_FILE, VOCAB_FILE, CONFIG_FILE):
                archive.write(Path(folder) / name, name)
        return buffer.getvalue()


def load_tagger_zip(data: bytes) -> tuple[Tagger, dict]:
    """A tagger from a zip of its folder, and its config.json's extra entries.

    ModelDirError says what is wrong with an archive that is not such a zip.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ModelDirError("not a zip archive of a saved model") from error
    with archive, tempfile.TemporaryDirectory() as folder:
        for name in (MODEL_FILE, VOCAB_FILE, CONFIG_FILE):
            # only the three known names are read, so no path in the archive
            # can write outside the temporary folder
            try:
                (Path(folder) / name).write_bytes(archive.read(name))
            except KeyError as error:
                raise ModelDirError(f"the archive has no {name}") from error
        tagger = load_tagger(folder)
        config = json.loads((Path(folder) / CONFIG_FILE).read_text("utf-8"))
        return tagger, {k: v for k, v in config.items() if k != "model"}
