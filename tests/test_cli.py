"""Tests for `python -m tagger`, run in a subprocess the way scripts call it.

Every process that trains or predicts spends seconds importing TensorFlow, so one
trained model folder serves all the tests that need one, and the error cases
that fail before TensorFlow is imported call `tagger.cli.main` in this process.
So do the evaluate tests beyond the first: this process pays TensorFlow's
import once, where each subprocess would pay it again.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tagger.cli import main

REPO = Path(__file__).resolve().parents[1]
EWT_SAMPLE_SENTENCES = 40
EVALUATE_KEYS = {"accuracy", "tokens", "unknown_accuracy", "baseline_accuracy"}
# the lecture's first two sentences as CoNLL-U with BIO tags in the UPOS column
BIO_CONLLU = """\
1\tI\t_\tB-PER\t_\t_\t_\t_\t_\t_
2\tfeel\t_\tO\t_\t_\t_\t_\t_\t_
3\thungry\t_\tO\t_\t_\t_\t_\t_\t_

1\ttensorflow\t_\tB-ORG\t_\t_\t_\t_\t_\t_
2\tis\t_\tO\t_\t_\t_\t_\t_\t_
3\tvery\t_\tO\t_\t_\t_\t_\t_\t_
4\tdifficult\t_\tO\t_\t_\t_\t_\t_\t_

"""
# TensorFlow's C++ start-up lines, which TF_CPP_MIN_LOG_LEVEL no longer silences
TF_NATIVE_LOG = re.compile(r"^(?:[IWEF]\d{4} |WARNING: All log messages before absl)")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tagger", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )


def last_json(process: subprocess.CompletedProcess) -> dict:
    return json.loads(process.stdout.strip().splitlines()[-1])


def error_of(capsys, *args: str) -> str:
    """Run the command in this process and return its one line of error."""
    with pytest.raises(SystemExit) as stopped:
        main(list(args))
    assert stopped.value.code == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture(scope="module")
def birnn(tmp_path_factory):
    """The lecture's birnn trained once, saved, with the process that trained it."""
    folder = tmp_path_factory.mktemp("birnn")
    process = run_cli("train", "--model", "birnn", "--json", "--out", str(folder))
    assert process.returncode == 0, process.stderr
    return process, folder


@pytest.fixture(scope="module")
def birnn_prediction(birnn):
    _, folder = birnn
    process = run_cli(
        "predict", "--model-dir", str(folder), "--json", "tensorflow is", "very", "easy"
    )
    assert process.returncode == 0, process.stderr
    return last_json(process)


@pytest.fixture(scope="module")
def birnn_evaluation(birnn):
    _, folder = birnn
    process = run_cli(
        "evaluate", "--model-dir", str(folder), "--corpus", "toy", "--json"
    )
    assert process.returncode == 0, process.stderr
    return last_json(process)


@pytest.fixture
def birnn_without_baseline(birnn, tmp_path):
    """A copy of the trained folder as saved before baselines were."""
    folder = shutil.copytree(birnn[1], tmp_path / "old")
    (folder / "baseline.json").unlink()
    return folder


@pytest.fixture(scope="module")
def diverged_rnn():
    # a learning rate beyond float32's range turns the first updates into NaN
    process = run_cli(
        "train", "--model", "rnn", "--lr", "1e39", "--epochs", "2", "--json"
    )
    return process


@pytest.fixture(scope="module")
def ewt_sample(ewt_dev, tmp_path_factory) -> Path:
    """The first sentences of the EWT dev file, enough for a quick real run."""
    blocks = ewt_dev.read_text("utf-8").split("\n\n")[:EWT_SAMPLE_SENTENCES]
    path = tmp_path_factory.mktemp("ewt") / "sample.conllu"
    path.write_text("\n\n".join(blocks) + "\n\n", "utf-8")
    return path


# inspect


def test_inspect_json_gives_the_lecture_tensors():
    process = run_cli("inspect", "--json")

    assert process.returncode == 0, process.stderr
    record = last_json(process)
    assert len(record["words"]) == 15
    assert record["words"]["<pad>"] == 0
    assert record["words"]["I"] == 1
    assert record["words"]["very"] == 14
    assert record["x"] == [
        [1, 7, 10, 0, 0, 0, 0, 0, 0, 0],
        [13, 11, 14, 5, 0, 0, 0, 0, 0, 0],
        [13, 11, 2, 9, 8, 4, 12, 0, 0, 0],
        [13, 11, 14, 6, 3, 0, 0, 0, 0, 0],
    ]
    assert record["y"] == [
        [6, 7, 1, 0, 0, 0, 0, 0, 0, 0],
        [4, 7, 2, 1, 0, 0, 0, 0, 0, 0],
        [4, 7, 3, 4, 5, 1, 4, 0, 0, 0],
        [4, 7, 2, 1, 7, 0, 0, 0, 0, 0],
    ]
    assert record["lengths"] == [3, 4, 7, 5]
    assert record["mask"] == [[1] * n + [0] * (10 - n) for n in (3, 4, 7, 5)]
    assert record["tags"]["<pad>"] == 0 and len(record["tags"]) == 8


def test_inspect_never_imports_tensorflow():
    script = (
        "import sys, tagger.cli; tagger.cli.main(['inspect', '--json']); "
        "loaded = [m for m in ('tensorflow', 'keras') if m in sys.modules]; "
        "sys.exit(f'imported {loaded}' if loaded else 0)"
    )
    process = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True
    )

    assert process.returncode == 0, process.stderr


def test_inspect_text_shows_each_sentence_with_its_rows(capsys):
    assert main(["inspect"]) == 0

    out = capsys.readouterr().out
    assert "words (15): <pad>=0 I=1" in out
    assert "sentence 3 (7 tokens): tensorflow is a framework for deep learning" in out
    assert "  x     13 11  2  9  8  4 12  0  0  0" in out


def test_inspect_reads_a_conllu_file_with_unk(capsys, ewt_sample):
    assert main(["inspect", "--json", "--corpus", str(ewt_sample)]) == 0

    record = json.loads(capsys.readouterr().out)
    assert record["words"]["<unk>"] == 1
    assert len(record["lengths"]) == EWT_SAMPLE_SENTENCES
    assert "NOUN" in record["tags"]


# train


def test_train_birnn_json_reports_params_accuracy_and_history(birnn):
    record = last_json(birnn[0])

    assert record["model"] == "birnn"
    assert record["corpus"] == "lecture"
    assert record["status"] == "finished"
    assert record["params"] == {"total": 913, "trainable": 688, "non_trainable": 225}
    assert record["train_accuracy"] == 1.0
    assert [entry["epoch"] for entry in record["history"]] == list(range(1, 31))
    assert record["history"][-1]["loss"] < record["history"][0]["loss"]
    assert record["seconds"] > 0


def test_train_prints_one_line_per_epoch_before_the_json(birnn):
    lines = birnn[0].stdout.strip().splitlines()

    assert len(lines) == 31
    assert lines[0].startswith("epoch   1  loss ")
    assert lines[29].startswith("epoch  30  loss ")


def test_train_tells_its_settings_on_stderr(birnn):
    settings = birnn[0].stderr

    assert "training birnn (simple cell, 10 units, one-hot input" in settings
    assert "30 epochs, lr 0.1, batch 2" in settings
    assert "Traceback" not in settings


def test_train_out_saves_the_model_vocabulary_and_config(birnn):
    folder = birnn[1]
    config = json.loads((folder / "config.json").read_text("utf-8"))

    assert (folder / "model.keras").is_file()
    assert (folder / "vocab.json").is_file()
    assert config["corpus"] == "lecture"
    assert config["train"]["epochs"] == 30
    assert config["model"]["kind"] == "birnn"


def test_train_out_saves_the_baseline_of_its_corpus(birnn):
    baseline = json.loads((birnn[1] / "baseline.json").read_text("utf-8"))

    assert baseline["table"]["tensorflow"] == "noun"
    assert baseline["table"]["very"] == "adverb"
    assert baseline["fallback"] == "adjective"  # the commonest among words seen once


def test_train_rnn_counts_its_parameters(diverged_rnn):
    assert last_json(diverged_rnn)["params"] == {
        "total": 573,
        "trainable": 348,
        "non_trainable": 225,
    }


def test_train_diverged_run_warns_on_stderr_and_still_exits_zero(diverged_rnn):
    record = last_json(diverged_rnn)

    assert diverged_rnn.returncode == 0
    assert record["status"] == "diverged"
    assert record["history"] == []
    assert "the loss became nan" in diverged_rnn.stderr
    assert "Traceback" not in diverged_rnn.stderr


def test_train_on_a_conllu_file_uses_its_defaults(ewt_sample):
    process = run_cli("train", "--corpus", str(ewt_sample), "--epochs", "1", "--json")

    assert process.returncode == 0, process.stderr
    record = last_json(process)
    assert record["corpus"] == "sample.conllu"
    assert len(record["history"]) == 1
    assert 0 <= record["train_accuracy"] <= 1
    assert "100 units, 100-d embedding" in process.stderr
    assert "1 epochs, lr 0.005, batch 32" in process.stderr


# predict


def test_predict_json_tags_every_token_with_both_directions(birnn_prediction):
    tokens = birnn_prediction["tokens"]

    assert [t["token"] for t in tokens] == ["tensorflow", "is", "very", "easy"]
    assert [t["known"] for t in tokens] == [True, True, True, False]
    for token in tokens:
        assert token["tag"]
        assert 0 < token["p"] <= 1
        assert set(token["forward"]) == {"tag", "p"}
        assert set(token["backward"]) == {"tag", "p"}


def test_predict_text_prints_a_table(birnn):
    process = run_cli("predict", "--model-dir", str(birnn[1]), "I feel hungry")

    assert process.returncode == 0, process.stderr
    lines = process.stdout.strip().splitlines()
    assert lines[0].split() == ["token", "known", "tag", "p", "forward", "backward"]
    assert [line.split()[:3] for line in lines[1:]] == [
        ["I", "yes", "pronoun"],
        ["feel", "yes", "verb"],
        ["hungry", "yes", "adjective"],
    ]


def test_predict_with_a_damaged_model_gives_one_error_line(birnn, tmp_path):
    for name in ("vocab.json", "config.json"):
        shutil.copy(birnn[1] / name, tmp_path / name)
    (tmp_path / "model.keras").write_bytes(b"not a zip archive")

    process = run_cli("predict", "--model-dir", str(tmp_path), "tensorflow")

    assert process.returncode == 2
    lines = [
        line for line in process.stderr.splitlines() if not TF_NATIVE_LOG.match(line)
    ]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ") and "model.keras" in lines[0]


# evaluate


def test_evaluate_json_scores_the_tagger_and_its_baseline(birnn_evaluation):
    record = birnn_evaluation

    assert set(record) == EVALUATE_KEYS | {"per_tag"}
    assert record["accuracy"] == 1.0
    assert record["baseline_accuracy"] == 1.0
    assert record["tokens"] == 19
    assert record["unknown_accuracy"] is None
    assert record["per_tag"]["noun"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "support": 5,
    }


def test_evaluate_without_a_saved_baseline_gives_null(capsys, birnn_without_baseline):
    folder = str(birnn_without_baseline)

    assert main(["evaluate", "--model-dir", folder, "--corpus", "toy", "--json"]) == 0

    record = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert record["baseline_accuracy"] is None
    assert record["accuracy"] == 1.0


def test_evaluate_text_reports_accuracy_baseline_and_tags(capsys, birnn):
    assert main(["evaluate", "--model-dir", str(birnn[1]), "--corpus", "toy"]) == 0

    out = capsys.readouterr().out
    assert "accuracy          1.0000" in out
    assert "baseline accuracy 1.0000" in out
    assert "unknown words     none in this corpus (0 tokens)" in out
    assert re.search(r"^noun +1\.000 +1\.000 +1\.000 +5$", out, re.MULTILINE)
    assert "entity" not in out


def test_evaluate_on_bio_tags_adds_entity_scores(capsys, birnn, tmp_path):
    path = tmp_path / "entities.conllu"
    path.write_text(BIO_CONLLU, "utf-8")
    args = ["evaluate", "--model-dir", str(birnn[1]), "--corpus", str(path)]

    assert main([*args, "--json"]) == 0
    record = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert main(args) == 0
    out = capsys.readouterr().out

    # the tagger answers part-of-speech tags, so it finds no entity at all
    assert set(record) == EVALUATE_KEYS | {"per_tag", "entity_f1", "entity"}
    assert record["entity_f1"] == 0.0
    assert set(record["entity"]) == {"ORG", "PER"}
    assert "entity F1         0.0000" in out
    assert "sentences with the most errors" in out


def test_evaluate_with_a_damaged_baseline_is_one_error_line(
    capsys, birnn_without_baseline
):
    (birnn_without_baseline / "baseline.json").write_text("{not json", "utf-8")

    line = error_of(
        capsys,
        "evaluate",
        "--model-dir",
        str(birnn_without_baseline),
        "--corpus",
        "toy",
    )

    assert "baseline.json: unreadable baseline" in line


# errors that stop before TensorFlow is imported


def test_missing_model_dir_is_one_error_line(capsys, tmp_path):
    line = error_of(capsys, "predict", "--model-dir", str(tmp_path / "no"), "word")

    assert "no such model directory" in line


def test_predict_without_words_is_one_error_line(capsys, tmp_path):
    assert "no words" in error_of(capsys, "predict", "--model-dir", str(tmp_path))
    assert "no words" in error_of(capsys, "predict", "--model-dir", str(tmp_path), " ")


def test_missing_corpus_file_is_one_error_line(capsys, tmp_path):
    line = error_of(capsys, "train", "--corpus", str(tmp_path / "missing.conllu"))

    assert "missing.conllu: no such file" in line


def test_evaluate_with_a_missing_model_dir_is_one_error_line(capsys, tmp_path):
    args = ["--model-dir", str(tmp_path / "no"), "--corpus", "toy"]

    assert "no such model directory" in error_of(capsys, "evaluate", *args)


def test_evaluate_with_a_missing_corpus_is_one_error_line(capsys, tmp_path):
    args = ["--model-dir", str(tmp_path), "--corpus", str(tmp_path / "gone.conllu")]

    assert "gone.conllu: no such file" in error_of(capsys, "evaluate", *args)


@pytest.mark.parametrize(
    "content",
    [bytes(range(256)), b"The\tDET\tthe\nend\tNOUN\tend\n"],
    ids=["binary", "three-columns"],
)
def test_a_file_that_is_not_conllu_is_one_error_line(capsys, tmp_path, content):
    path = tmp_path / "corpus.txt"
    path.write_bytes(content)

    for command in ("inspect", "train"):
        args = ["--corpus", str(path), "--format", "conllu"]
        assert "corpus.txt" in error_of(capsys, command, *args)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--epochs", "0", "epochs must be at least 1"),
        ("--lr", "-0.1", "learning rate must be positive"),
        ("--batch-size", "0", "batch size must be at least 1"),
        ("--hidden", "0", "hidden size must be at least 1"),
        ("--clipnorm", "0", "clipping norm must be positive"),
        ("--min-freq", "2", "toy corpus keeps every word"),
    ],
)
def test_a_bad_training_number_is_one_error_line(capsys, option, value, message):
    assert message in error_of(capsys, "train", option, value)


def test_out_that_is_a_file_is_one_error_line(capsys, tmp_path):
    path = tmp_path / "taken"
    path.write_text("", "utf-8")

    assert "is not a directory" in error_of(capsys, "train", "--out", str(path))


def test_help_explains_the_exit_status(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["train", "--help"])

    assert stopped.value.code == 0
    assert "diverged" in capsys.readouterr().out


def inspect_json(capsys, *args: str) -> dict:
    assert main(["inspect", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_inspect_reads_a_column_file_with_chosen_columns(capsys, tmp_path):
    path = tmp_path / "ner.iob2"
    path.write_text("1\tAnna\tB-PER\n2\tsleeps\tO\n\n1\tBob\tB-PER\n", "utf-8")

    found = inspect_json(
        capsys,
        "--corpus",
        str(path),
        "--token-column",
        "2",
        "--tag-column",
        "3",
        "--min-freq",
        "1",
    )

    assert set(found["words"]) == {"<pad>", "<unk>", "Anna", "Bob", "sleeps"}
    assert set(found["tags"]) == {"<pad>", "B-PER", "O"}
    assert found["lengths"] == [2, 1]


def test_inspect_reads_word_slash_tag_lines(capsys, tmp_path):
    path = tmp_path / "tagged.txt"
    path.write_text("The/DT cat/NN sat/VBD ./.\nA/DT dog/NN\n", "utf-8")

    found = inspect_json(capsys, "--corpus", str(path), "--min-freq", "1")

    assert set(found["tags"]) == {"<pad>", ".", "DT", "NN", "VBD"}
    assert found["lengths"] == [4, 2]


def test_inspect_reads_xpos_from_conllu(capsys, ewt_sample):
    found = inspect_json(capsys, "--corpus", str(ewt_sample), "--tag-column", "xpos")

    assert {"NN", "VBZ", "DT"} <= set(found["tags"])


def test_a_treebank_by_name_is_downloaded_then_read(
    capsys, monkeypatch, tmp_path, mirror_url, ewt_dev
):
    monkeypatch.setenv("TAGGER_SOURCE_BASE", mirror_url)
    monkeypatch.setenv("TAGGER_CACHE", str(tmp_path))

    found = inspect_json(capsys, "--corpus", "ud-english-ewt")

    assert len(found["lengths"]) == 12_544
    assert (tmp_path / "ud-english-ewt" / "en_ewt-ud-train.conllu").is_file()


def test_an_unreachable_treebank_is_one_error_line(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("TAGGER_SOURCE_BASE", "http://127.0.0.1:9")
    monkeypatch.setenv("TAGGER_CACHE", str(tmp_path))

    line = error_of(capsys, "inspect", "--corpus", "ud-korean-gsd")

    assert "Could not download UD Korean-GSD" in line
    assert "http://127.0.0.1:9/UniversalDependencies/UD_Korean-GSD" in line


def test_predict_with_an_edited_vocabulary_is_one_error_line(capsys, birnn, tmp_path):
    folder = shutil.copytree(birnn[1], tmp_path / "edited")
    vocab = json.loads((folder / "vocab.json").read_text("utf-8"))
    vocab["words"].append("extra")
    (folder / "vocab.json").write_text(json.dumps(vocab), "utf-8")

    line = error_of(capsys, "predict", "--model-dir", str(folder), "tensorflow")

    assert "vocab.json has 16 words" in line


def test_a_model_file_carrying_code_is_refused(capsys, birnn, tmp_path):
    import zipfile

    folder = shutil.copytree(birnn[1], tmp_path / "tampered")
    archive = folder / "model.keras"
    with zipfile.ZipFile(archive) as original:
        files = {name: original.read(name) for name in original.namelist()}
    config = json.loads(files["config.json"])
    # a Lambda layer's code would run on load; safe mode must refuse it
    config["config"]["layers"].append(
        {
            "module": "keras.layers",
            "class_name": "Lambda",
            "config": {
                "name": "evil",
                "function": {
                    "class_name": "__lambda__",
                    "config": {"code": "ZXZpbA==", "defaults": None, "closure": None},
                },
            },
        }
    )
    files["config.json"] = json.dumps(config).encode()
    with zipfile.ZipFile(archive, "w") as rewritten:
        for name, data in files.items():
            rewritten.writestr(name, data)

    line = error_of(capsys, "predict", "--model-dir", str(folder), "tensorflow")

    assert "model.keras" in line
    assert "arbitrary code execution" in line  # refused by Keras safe mode
