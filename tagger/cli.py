"""`python -m tagger <command>`: the command line, stable for scripts.

The commands are inspect, train, predict and evaluate. `inspect` needs numpy
only; the others import TensorFlow inside their handlers, after their input is
checked, so a typo fails at once. A bad argument, file or model folder gives
one `error: ...` line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tagger.config import (
    CELLS,
    KINDS,
    Defaults,
    ModelConfig,
    TrainConfig,
    defaults_for,
)
from tagger.corpus import (
    FORMATS,
    Corpus,
    CorpusError,
    guess_format,
    lecture_corpus,
    read_corpus,
)
from tagger.metrics import Scores, baseline_fallback, build_baseline, masked_accuracy
from tagger.sources import SOURCES, SourceError, fetch
from tagger.vocab import EncodedCorpus, encode_corpus

if TYPE_CHECKING:  # importing it for real would load TensorFlow
    from tagger.evaluation import Evaluation

TOY = "toy"  # the --corpus value naming the lecture's four sentences
USAGE_ERROR = 2  # the exit code argparse uses for its own errors
MAX_ERROR_CHARS = 300  # longer error messages are cut to keep them readable
WORST_SHOWN = 3  # sentences with the most errors in evaluate's text report

EXIT_STATUS = """\
exit status:
  0  success, including a training run that diverged: its loss became NaN or
     infinite, so training stopped early, a warning went to stderr, the model
     keeps its last finite weights (and is saved with --out), and --json
     reports "status": "diverged"
  2  a bad argument, corpus file or model directory, told in one line on stderr
"""


class UsageError(Exception):
    """Input the command cannot use; reported as one line with exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code; bad input raises SystemExit(2)."""
    # TensorFlow reads this once, when the train or predict handler imports it
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # shows library warnings, among them a diverged run's, as "WARNING: ..."
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")

    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UsageError as error:
        print("error: " + one_line(str(error)), file=sys.stderr)
        raise SystemExit(USAGE_ERROR) from None
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        raise SystemExit(130) from None


def build_parser() -> argparse.ArgumentParser:
    """The parser for all the commands; each sets `handler` to its function."""
    parser = argparse.ArgumentParser(
        prog="python -m tagger",
        description="Inspect the tensors, train, use and evaluate the lecture's RNN "
        "taggers.",
        epilog=EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    inspect = _add_command(
        commands,
        "inspect",
        "show a corpus's vocabularies and padded id matrices",
        """\
Show the vocabularies and the x, y, mask and lengths arrays a corpus
becomes. Does not load TensorFlow.""",
    )
    _add_corpus_option(inspect)
    _add_min_freq_option(inspect)
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.set_defaults(handler=run_inspect)

    train = _add_command(
        commands,
        "train",
        "train a tagger, printing each epoch's loss",
        """\
Train a tagger and print each epoch's loss. An option left out takes the
lecture's value for the toy corpus, and a larger setting (trainable
embedding, more units, fewer epochs) for a CoNLL-U file; the settings in
use go to stderr as training starts.""",
    )
    _add_corpus_option(train)
    _add_min_freq_option(train)
    train.add_argument("--model", choices=KINDS, help="direction " + _both("kind"))
    train.add_argument(
        "--epochs", type=int, metavar="N", help="passes " + _both("epochs")
    )
    train.add_argument(
        "--lr", type=float, help="Adam's learning rate " + _both("learning_rate")
    )
    train.add_argument(
        "--batch-size",
        type=int,
        metavar="N",
        help="sentences per step " + _both("batch_size"),
    )
    train.add_argument(
        "--hidden",
        type=int,
        metavar="N",
        help="recurrent units per direction " + _both("hidden"),
    )
    train.add_argument(
        "--embedding-dim",
        type=int,
        metavar="N",
        help="size of a trainable embedding " + _both("embedding_dim"),
    )
    train.add_argument("--cell", choices=CELLS, help="recurrent cell " + _both("cell"))
    train.add_argument(
        "--feature-dim",
        type=int,
        metavar="N",
        help="size of each spelling-feature embedding, 0 for none "
        + _both("feature_dim"),
    )
    train.add_argument(
        "--dropout",
        type=float,
        metavar="X",
        help="share of the RNN's inputs dropped in training " + _both("dropout"),
    )
    train.add_argument(
        "--word-dropout",
        type=float,
        metavar="X",
        help="share of known words shown as <unk> in training " + _both("word_dropout"),
    )
    train.add_argument(
        "--decay",
        action=argparse.BooleanOptionalAction,
        help="lower the learning rate along a cosine to a tenth " + _both("decay"),
    )
    train.add_argument(
        "--clipnorm",
        type=float,
        metavar="X",
        help="clip each gradient's norm " + _both("clipnorm"),
    )
    train.add_argument(
        "--seed", type=int, metavar="N", help="seeds weights and batch order (0)"
    )
    train.add_argument(
        "--out",
        metavar="DIR",
        help="save the trained tagger here, with its most-frequent-tag baseline",
    )
    train.add_argument(
        "--json",
        action="store_true",
        help="end with one line of JSON: model, corpus, status, message, params, "
        "history, train_accuracy, seconds",
    )
    train.set_defaults(handler=run_train)

    predict = _add_command(
        commands,
        "predict",
        "tag words with a saved tagger",
        """\
Tag words with a tagger saved by `train --out`: per token its tag and
probability, and for a bidirectional model each direction's own answer.""",
    )
    predict.add_argument(
        "--model-dir", required=True, metavar="DIR", help="a folder from train --out"
    )
    predict.add_argument("--json", action="store_true", help="print one JSON object")
    predict.add_argument(
        "words", nargs="*", metavar="WORD", help="words, or one quoted sentence"
    )
    predict.set_defaults(handler=run_predict)

    evaluate = _add_command(
        commands,
        "evaluate",
        "score a saved tagger on a held-out corpus",
        """\
Tag a held-out corpus with a tagger saved by `train --out` and compare with
the corpus's own tags: token accuracy beside the most-frequent-tag baseline
saved with the model, accuracy on words outside the model's vocabulary,
per-tag precision, recall and F1, and entity scores when the tags are BIO.""",
    )
    evaluate.add_argument(
        "--model-dir", required=True, metavar="DIR", help="a folder from train --out"
    )
    _add_corpus_option(evaluate, required=True)
    evaluate.add_argument(
        "--json",
        action="store_true",
        help="end with one line of JSON: accuracy, tokens, unknown_accuracy, "
        "baseline_accuracy, per_tag, and entity_f1 and entity for BIO tags",
    )
    evaluate.set_defaults(handler=run_evaluate)
    return parser


def _add_command(commands, name: str, summary: str, description: str):
    # descriptions are wrapped by hand: the exit-status epilog must stay unwrapped
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _add_corpus_option(parser: argparse.ArgumentParser, required: bool = False):
    # every option that says how to read a corpus belongs here: see load_corpus
    parser.add_argument(
        "--corpus",
        required=required,
        default=None if required else TOY,
        metavar="toy|NAME|FILE",
        help="'toy', the lecture's four sentences"
        + ("" if required else " (default)")
        + f"; a public treebank by name ({', '.join(SOURCES)}), downloaded once"
        "; or a corpus file",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="how to read FILE: CoNLL-U, token/tag columns (IOB2, CoNLL-2003) or "
        "word/TAG lines (default: guessed from the file)",
    )
    parser.add_argument(
        "--tag-column",
        metavar="upos|xpos|N",
        help="the tag: UPOS (default) or XPOS for CoNLL-U; a column number, from "
        "1, for a column file (default: the last; -1 also means the last)",
    )
    parser.add_argument(
        "--token-column",
        type=int,
        metavar="N",
        help="the token's column number, from 1, in a column file (default: 1)",
    )


def _add_min_freq_option(parser: argparse.ArgumentParser):
    parser.add_argument(
        "--min-freq",
        type=int,
        metavar="N",
        help="words seen fewer times become <unk> (CoNLL-U file only; default "
        f"{defaults_for(False).min_freq})",
    )


def _both(field: str) -> str:
    """The defaults an option falls back on, toy and file, read from the configs."""

    def shown(defaults: Defaults) -> str:
        config = defaults.model if hasattr(defaults.model, field) else defaults.train
        value = getattr(config, field)
        if value is None:
            return "one-hot" if field == "embedding_dim" else "off"
        return str(value)

    return f"(toy: {shown(defaults_for(True))}, file: {shown(defaults_for(False))})"


def one_line(message: str) -> str:
    """A message on one line of readable length: some quote a whole Keras config."""
    message = " ".join(message.split())
    if len(message) > MAX_ERROR_CHARS:
        message = message[: MAX_ERROR_CHARS - 1].rstrip() + "…"
    return message


# inspect


def run_inspect(args: argparse.Namespace) -> int:
    """Print a corpus's vocabularies and padded tensors."""
    corpus = load_corpus(args)
    encoded = encode_corpus(corpus, min_freq=choose_min_freq(args.min_freq, corpus))
    if args.json:
        print(json.dumps(inspect_record(encoded), ensure_ascii=False))
    else:
        print(inspect_text(corpus, encoded))
    return 0


def inspect_record(encoded: EncodedCorpus) -> dict:
    """The vocabularies and tensors as plain JSON-ready values."""
    tensors = encoded.tensors
    return {
        "words": encoded.words.as_dict(),
        "tags": encoded.tags.as_dict(),
        "x": tensors.x.tolist(),
        "y": tensors.y.tolist(),
        "mask": tensors.mask.astype(int).tolist(),  # 0/1 reads better than 0.0/1.0
        "lengths": tensors.lengths.tolist(),
    }


def inspect_text(corpus: Corpus, encoded: EncodedCorpus) -> str:
    """A readable version: vocabularies, then each sentence with its rows."""
    tensors = encoded.tensors
    lines = [
        f"corpus {corpus.name}: {len(corpus)} sentences, {corpus.num_tokens} tokens, "
        f"padded to {tensors.x.shape[1]}",
        f"words ({len(encoded.words)}): " + _id_list(encoded.words.entries),
        f"tags ({len(encoded.tags)}): " + _id_list(encoded.tags.entries),
    ]
    width = len(str(max(len(encoded.words), len(encoded.tags)) - 1))
    for i, sentence in enumerate(corpus.sentences):
        lines += [
            "",
            f"sentence {i + 1} ({tensors.lengths[i]} tokens): {' '.join(sentence)}",
            "  x     " + _row(tensors.x[i], width),
            "  y     " + _row(tensors.y[i], width),
            "  mask  " + _row(tensors.mask[i].astype(int), width),
        ]
    return "\n".join(lines)


def _id_list(entries: Sequence[str]) -> str:
    return " ".join(f"{entry}={i}" for i, entry in enumerate(entries))


def _row(values, width: int) -> str:
    return " ".join(f"{int(v):>{width}}" for v in values)


# train


def run_train(args: argparse.Namespace) -> int:
    """Train a tagger, print its epochs and results, and save it if asked."""
    # check every input before paying for TensorFlow's import
    corpus = load_corpus(args)
    model_config, train_config = training_settings(args, corpus)
    min_freq = choose_min_freq(args.min_freq, corpus)
    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a directory")
    encoded = encode_corpus(
        corpus, min_freq=min_freq, features=model_config.feature_dim > 0
    )
    print(
        settings_line(corpus, encoded, model_config, train_config, min_freq),
        file=sys.stderr,
        flush=True,
    )

    from tagger.model import build_tagger, parameter_counts
    from tagger.predict import Tagger, predict_ids
    from tagger.storage import save_tagger
    from tagger.training import train_tagger

    features = encoded.features
    model = build_tagger(
        model_config,
        len(encoded.words),
        len(encoded.tags),
        None if features is None else features.sizes,
    )
    # a diverged run comes back as a status; the trainer's warning reaches stderr
    result = train_tagger(model, encoded.tensors, train_config, on_epoch=print_epoch)
    tensors = encoded.tensors
    accuracy = masked_accuracy(predict_ids(model, tensors.x), tensors.y, tensors.mask)

    if out is not None:
        tagger = Tagger(model, encoded.words, encoded.tags, model_config, features)
        extra = {"corpus": corpus.name, "train": asdict(train_config)}
        baseline = (
            build_baseline(corpus.sentences, corpus.tags),
            baseline_fallback(corpus.sentences, corpus.tags),
        )
        try:
            save_tagger(tagger, out, extra=extra, baseline=baseline)
        except OSError as error:
            raise UsageError(f"{out}: cannot save the tagger ({error})") from error

    record = {
        "model": model_config.kind,
        "corpus": corpus.name,
        "status": result.status,
        "message": result.message,
        "params": parameter_counts(model),
        "history": [{"epoch": r.epoch, "loss": r.loss} for r in result.history],
        "train_accuracy": accuracy,
        "seconds": round(result.seconds, 3),
    }
    if args.json:
        print(json.dumps(record))
    else:
        print(train_text(record, out))
    return 0


def training_settings(
    args: argparse.Namespace, corpus: Corpus
) -> tuple[ModelConfig, TrainConfig]:
    """The corpus's defaults with the options given on the command line."""
    defaults = defaults_for(corpus.is_lecture)
    try:
        model_config = replace(
            defaults.model,
            **_given(
                kind=args.model,
                hidden=args.hidden,
                embedding_dim=args.embedding_dim,
                feature_dim=args.feature_dim,
                dropout=args.dropout,
                cell=args.cell,
                seed=args.seed,
            ),
        )
        train_config = replace(
            defaults.train,
            **_given(
                epochs=args.epochs,
                learning_rate=args.lr,
                batch_size=args.batch_size,
                seed=args.seed,
                clipnorm=args.clipnorm,
                word_dropout=args.word_dropout,
                decay=args.decay,
            ),
        )
    except ValueError as error:  # the configs check their own ranges
        raise UsageError(str(error)) from error
    return model_config, train_config


def _given(**options) -> dict:
    # argparse leaves an option out as None, so the corpus's default applies
    return {name: value for name, value in options.items() if value is not None}


def settings_line(
    corpus: Corpus,
    encoded: EncodedCorpus,
    model: ModelConfig,
    train: TrainConfig,
    min_freq: int,
) -> str:
    """One line naming everything that shapes this run."""
    embedding = (
        "one-hot input"
        if model.embedding_dim is None
        else f"{model.embedding_dim}-d embedding"
    )
    if model.feature_dim:
        embedding += f", {model.feature_dim}-d spelling features"
    if model.dropout:
        embedding += f", dropout {model.dropout}"
    batches = f"batch {train.batch_size}" + (" by length" if train.bucket else "")
    if train.word_dropout:
        batches += f", word dropout {train.word_dropout}"
    if train.decay:
        batches += ", cosine decay"
    return (
        f"training {model.kind} ({model.cell} cell, {model.hidden} units, "
        f"{embedding}, seed {model.seed}) on {corpus.name}: {len(corpus)} sentences, "
        f"{len(encoded.words)} words, {len(encoded.tags)} tags, min freq {min_freq}; "
        f"{train.epochs} epochs, lr {train.learning_rate}, {batches}, "
        f"clipnorm {'off' if train.clipnorm is None else train.clipnorm}"
    )


def print_epoch(record) -> None:
    # flushed so a pipe or a watching script sees each epoch as it ends
    print(f"epoch {record.epoch:3d}  loss {record.loss:.4f}", flush=True)


def train_text(record: dict, out: Path | None) -> str:
    """The end of a training run in words."""
    params = record["params"]
    lines = [
        f"{record['status']}: {record['message']}",
        f"parameters      {params['total']} ({params['trainable']} trainable, "
        f"{params['non_trainable']} non-trainable)",
        f"train accuracy  {record['train_accuracy']:.4f} (real tokens only)",
        f"training time   {record['seconds']:.1f} s",
    ]
    if out is not None:
        lines.append(f"saved to        {out}")
    return "\n".join(lines)


# predict


def run_predict(args: argparse.Namespace) -> int:
    """Tag the given words with a saved tagger."""
    tokens = [word for arg in args.words for word in arg.split()]
    if not tokens:
        raise UsageError("no words to tag; give them after the options")
    # load_tagger checks this too, but only after TensorFlow's import delay
    if not Path(args.model_dir).is_dir():
        raise UsageError(f"{args.model_dir}: no such model directory")

    from tagger.predict import predict_sentence
    from tagger.storage import ModelDirError, load_tagger

    try:
        tagger = load_tagger(args.model_dir)
    except ModelDirError as error:
        raise UsageError(str(error)) from error
    predictions = predict_sentence(tagger, tokens)

    if args.json:
        print(json.dumps({"tokens": [asdict(p) for p in predictions]}))
    else:
        print(predict_text([asdict(p) for p in predictions]))
    return 0


def predict_text(rows: list[dict]) -> str:
    """A table with a line per token; direction columns only when there are any."""
    directions = rows[0]["forward"] is not None
    header = ["token", "known", "tag", "p"]
    if directions:
        header += ["forward", "backward"]
    table = [header]
    for row in rows:
        cells = [row["token"], "yes" if row["known"] else "no", row["tag"]]
        cells.append(f"{row['p']:.3f}")
        if directions:
            cells += [_choice(row["forward"]), _choice(row["backward"])]
        table.append(cells)
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in table
    )


def _choice(choice: dict) -> str:
    return f"{choice['tag']} {choice['p']:.3f}"


# evaluate


def run_evaluate(args: argparse.Namespace) -> int:
    """Score a saved tagger on a corpus and print the report."""
    # both checks come before TensorFlow's import delay
    if not Path(args.model_dir).is_dir():
        raise UsageError(f"{args.model_dir}: no such model directory")
    corpus = load_corpus(args, part="dev")

    from tagger.evaluation import as_json, evaluate_tagger
    from tagger.storage import ModelDirError, load_baseline, load_tagger

    try:
        tagger = load_tagger(args.model_dir)
        baseline = load_baseline(args.model_dir)
    except ModelDirError as error:
        raise UsageError(str(error)) from error
    table, fallback = baseline if baseline is not None else (None, None)
    evaluation = evaluate_tagger(tagger, corpus, table, fallback)

    if args.json:
        print(json.dumps(as_json(evaluation), ensure_ascii=False))
    else:
        print(evaluate_text(corpus, evaluation))
    return 0


def evaluate_text(corpus: Corpus, evaluation: Evaluation) -> str:
    """The evaluation in words: accuracies, a per-tag table, entities, worst lines."""
    baseline = evaluation.baseline_accuracy
    unknown = evaluation.unknown_accuracy
    lines = [
        f"corpus {corpus.name}: {len(corpus)} sentences, {evaluation.tokens} tokens",
        f"accuracy          {evaluation.accuracy:.4f}",
        "baseline accuracy "
        + ("none saved with the model" if baseline is None else f"{baseline:.4f}")
        + " (most frequent tag per word)",
        "unknown words     "
        + ("none in this corpus" if unknown is None else f"{unknown:.4f}")
        + f" ({evaluation.unknown_tokens} tokens)",
        "",
        _score_table("tag", evaluation.per_tag),
    ]
    if evaluation.entity is not None:
        lines += [
            "",
            f"entity F1         {evaluation.entity_f1:.4f} (exact span and type)",
            _score_table("entity", evaluation.entity),
        ]
    if evaluation.worst:
        lines += ["", "sentences with the most errors (word gold>predicted):"]
        for sentence in evaluation.worst[:WORST_SHOWN]:
            words = (
                word if gold == guess else f"{word}[{gold}>{guess}]"
                for word, gold, guess in zip(
                    sentence.tokens, sentence.gold, sentence.predicted, strict=True
                )
            )
            lines.append(
                f"  {sentence.index + 1}: {sentence.errors} of {len(sentence.tokens)} "
                "wrong: " + " ".join(words)
            )
    return "\n".join(lines)


def _score_table(heading: str, scores: dict[str, Scores]) -> str:
    table = [[heading, "precision", "recall", "f1", "support"]]
    for name, row in scores.items():
        table.append(
            [name, f"{row.precision:.3f}", f"{row.recall:.3f}", f"{row.f1:.3f}"]
            + [str(row.support)]
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    return "\n".join(
        "  ".join(
            [line[0].ljust(widths[0])]
            + [cell.rjust(w) for cell, w in zip(line[1:], widths[1:], strict=True)]
        )
        for line in table
    )


# shared


def load_corpus(args: argparse.Namespace, part: str = "train") -> Corpus:
    """The corpus named by --corpus, read as the format options say.

    The one place that reads a corpus for any command, so every command reads
    files the same way. A named treebank gives its training file, or with
    `part="dev"` its dev file.
    """
    name = args.corpus
    if name == TOY:
        return lecture_corpus()
    if name in SOURCES:
        source = SOURCES[name]
        filename = source.train_file if part == "train" else source.dev_file
        try:
            path = fetch(source, filename, _show_download)
            return read_corpus(path, source.fmt, **source.options)
        except (SourceError, CorpusError) as error:
            raise UsageError(str(error)) from error
    if not Path(name).is_file():
        raise UsageError(
            f"{name}: no such file (--corpus takes 'toy', a treebank name such as "
            f"{next(iter(SOURCES))}, or a corpus file)"
        )
    fmt = args.format
    try:
        fmt = fmt or guess_format(name)
        return read_corpus(name, fmt, **_format_options(args, fmt))
    except (CorpusError, ValueError) as error:
        raise UsageError(str(error)) from error


def _format_options(args: argparse.Namespace, fmt: str) -> dict:
    """The reader's keyword options from --tag-column and --token-column."""
    tag, token = args.tag_column, args.token_column
    if fmt == "conllu":
        if token is not None:
            raise UsageError("--token-column is for column files; CoNLL-U has FORM")
        return {} if tag is None else {"tag_column": tag.lower()}
    if fmt == "slash":
        if tag is not None or token is not None:
            raise UsageError("word/TAG files have no columns to choose")
        return {}
    options = {}
    if token is not None:
        options["token_column"] = _column_index(token, "--token-column")
    if tag is not None:
        try:
            options["tag_column"] = _column_index(int(tag), "--tag-column")
        except ValueError:
            raise UsageError(
                f"--tag-column {tag}: a column file needs a number"
            ) from None
    return options


def _column_index(number: int, option: str) -> int:
    # users count columns from 1, as editors do; -1 is the last one
    if number == 0 or number < -1:
        raise UsageError(f"{option} counts from 1 (or -1 for the last column)")
    return number - 1 if number > 0 else -1


def _show_download(done: int, total: int | None) -> None:
    size = f" of {total / 1e6:.1f}" if total else ""
    end = "\n" if total and done >= total else ""
    print(f"\rdownloading: {done / 1e6:.1f}{size} MB", end=end, file=sys.stderr)


def choose_min_freq(min_freq: int | None, corpus: Corpus) -> int:
    """The given --min-freq, checked, or the corpus's default."""
    if min_freq is None:
        return defaults_for(corpus.is_lecture).min_freq
    if min_freq < 1:
        raise UsageError("--min-freq must be at least 1")
    # the lecture's vocabulary has no <unk>, so a dropped word would become padding
    if corpus.is_lecture and min_freq != 1:
        raise UsageError(
            "--min-freq applies to a CoNLL-U file; the toy corpus keeps every word"
        )
    return min_freq
