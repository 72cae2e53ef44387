"""Tests for tagger.masking: the lecture's lesson setup, a real corpus's sample, and
what counting pads does to the accuracy."""

import numpy as np
import pytest

from tagger.config import ModelConfig
from tagger.corpus import lecture_corpus, read_corpus
from tagger.masking import (
    SAMPLE_MODEL,
    MaskingRun,
    lesson_setup,
    masking_lesson,
    pad_answers,
    sample_corpus,
)
from tagger.metrics import masked_accuracy
from tagger.training import TrainingResult
from tagger.vocab import UNK

WIDTH = 12  # positions of the pad table, longer than some sample sentences


@pytest.fixture(scope="module")
def dev(ewt_dev):
    return read_corpus(ewt_dev, "conllu")


def test_a_sample_is_seeded_and_keeps_the_corpus_order(dev):
    first = sample_corpus(dev, 100, seed=3)
    again = sample_corpus(dev, 100, seed=3)
    other = sample_corpus(dev, 100, seed=4)

    assert len(first) == 100
    assert first == again
    assert first.sentences != other.sentences
    rest = iter(dev.sentences)
    assert all(sentence in rest for sentence in first.sentences)  # a subsequence


def test_a_sample_larger_than_the_corpus_is_the_whole_corpus(dev):
    sample = sample_corpus(dev, len(dev) + 10)

    assert sample.sentences == dev.sentences
    assert not sample.is_lecture


def test_a_sample_of_no_sentences_is_refused(dev):
    with pytest.raises(ValueError, match="at least one sentence"):
        sample_corpus(dev, 0)


def test_the_lecture_lesson_keeps_the_lecture_model_and_padding():
    setup = lesson_setup(lecture_corpus())

    assert setup.data.tensors.x.shape == (4, 10)
    assert setup.pads == 21
    assert setup.model == ModelConfig()  # one-hot input, hidden 10


def test_a_real_lesson_pads_its_sample_to_the_longest_sentence(dev):
    setup = lesson_setup(dev, sample_size=80, seed=0)

    longest = max(len(s) for s in setup.corpus.sentences)
    assert len(setup.corpus) == 80
    assert setup.data.tensors.x.shape == (80, longest)
    assert setup.pads == 80 * longest - setup.corpus.num_tokens
    assert setup.data.words.has_unk  # rare words of the sample become <unk>
    assert UNK in setup.data.words.decode(setup.data.tensors.x.ravel())
    assert setup.model == SAMPLE_MODEL and setup.model.embedding_dim


def test_on_a_real_sample_counting_pads_inflates_accuracy(dev):
    setup = lesson_setup(dev, sample_size=40, seed=0)
    seen = []

    masked, counted = masking_lesson(setup, 1, lambda m, r: seen.append((m, r.epoch)))

    t = setup.data.tensors
    assert seen == [(True, 1), (False, 1)]
    assert (masked.masked, counted.masked) == (True, False)
    assert masked.accuracy == masked_accuracy(masked.predicted, t.y, t.mask)
    assert counted.accuracy_with_pads > counted.accuracy


def test_pad_answers_show_the_asked_rows_and_width_with_pads_in_brackets(dev):
    setup = lesson_setup(dev, sample_size=30, seed=0)
    predicted = np.zeros(setup.data.tensors.x.shape, dtype=int)  # <pad> everywhere
    run = MaskingRun(False, TrainingResult(), 0.0, 0.0, predicted)

    rows = pad_answers(setup, run, sentences=5, width=WIDTH)

    assert len(rows) == 5
    assert list(rows[0]) == [f"t{t}" for t in range(WIDTH)] + ["sentence"]
    for row, tokens in zip(rows, setup.corpus.sentences, strict=False):
        assert row["sentence"] == " ".join(tokens)
        bracketed = [row[f"t{t}"].startswith("[") for t in range(WIDTH)]
        assert bracketed == [t >= len(tokens) for t in range(WIDTH)]
    assert any(len(tokens) < WIDTH for tokens in setup.corpus.sentences[:5])
