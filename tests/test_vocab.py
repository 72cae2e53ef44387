"""Tests for tagger.vocab: the lecture's vocabularies and padded tensors, and <unk>."""

import numpy as np

from tagger.corpus import Corpus
from tagger.vocab import (
    FEATURE_EXTRACTORS,
    build_features,
    build_vocabulary,
    encode_corpus,
    pad_ids,
    word_shape,
)

LECTURE_WORDS = {
    "<pad>": 0,
    "I": 1,
    "a": 2,
    "changing": 3,
    "deep": 4,
    "difficult": 5,
    "fast": 6,
    "feel": 7,
    "for": 8,
    "framework": 9,
    "hungry": 10,
    "is": 11,
    "learning": 12,
    "tensorflow": 13,
    "very": 14,
}
LECTURE_TAGS = {
    "<pad>": 0,
    "adjective": 1,
    "adverb": 2,
    "determiner": 3,
    "noun": 4,
    "preposition": 5,
    "pronoun": 6,
    "verb": 7,
}
LECTURE_X = [
    [1, 7, 10, 0, 0, 0, 0, 0, 0, 0],
    [13, 11, 14, 5, 0, 0, 0, 0, 0, 0],
    [13, 11, 2, 9, 8, 4, 12, 0, 0, 0],
    [13, 11, 14, 6, 3, 0, 0, 0, 0, 0],
]
LECTURE_Y = [
    [6, 7, 1, 0, 0, 0, 0, 0, 0, 0],
    [4, 7, 2, 1, 0, 0, 0, 0, 0, 0],
    [4, 7, 3, 4, 5, 1, 4, 0, 0, 0],
    [4, 7, 2, 1, 7, 0, 0, 0, 0, 0],
]

# "the" and "cat" twice, every other word once
TINY = Corpus(
    "tiny",
    (("the", "cat", "sat"), ("the", "cat", "ran", "off", "fast"), ("a", "dog")),
    (("DET", "NOUN", "VERB"), ("DET", "NOUN", "VERB", "ADV", "ADV"), ("DET", "NOUN")),
)


def test_lecture_vocabulary_is_pad_then_sorted_words(lecture):
    assert lecture.words.as_dict() == LECTURE_WORDS
    assert len(lecture.words) == 15
    assert not lecture.words.has_unk


def test_lecture_tag_set_is_pad_then_sorted_tags(lecture):
    assert lecture.tags.as_dict() == LECTURE_TAGS
    assert len(lecture.tags) == 8


def test_lecture_ids_are_post_padded_to_ten(lecture):
    assert lecture.tensors.x.shape == (4, 10)
    np.testing.assert_array_equal(lecture.tensors.x, LECTURE_X)


def test_lecture_tag_ids_are_post_padded_to_ten(lecture):
    np.testing.assert_array_equal(lecture.tensors.y, LECTURE_Y)


def test_lecture_lengths_count_real_words(lecture):
    np.testing.assert_array_equal(lecture.tensors.lengths, [3, 4, 7, 5])


def test_lecture_mask_is_one_at_words_and_zero_at_pads(lecture):
    expected = (np.array(LECTURE_X) != 0).astype(np.float32)

    np.testing.assert_array_equal(lecture.tensors.mask, expected)


def test_pad_ids_truncates_rows_longer_than_maxlen():
    padded = pad_ids([[1, 2, 3, 4], [5]], maxlen=3)

    np.testing.assert_array_equal(padded, [[1, 2, 3], [5, 0, 0]])


def test_vocabulary_with_unk_puts_pad_then_unk_then_frequent_words():
    words = build_vocabulary(TINY.sentences, min_freq=2, unk=True)

    assert words.as_dict() == {"<pad>": 0, "<unk>": 1, "cat": 2, "the": 3}
    assert words.has_unk


def test_rare_and_unseen_words_map_to_unk():
    words = build_vocabulary(TINY.sentences, min_freq=2, unk=True)

    assert words.encode(["the", "dog", "cat", "zebra"]) == [3, 1, 2, 1]


def test_unseen_words_map_to_pad_without_unk(lecture):
    assert lecture.words.encode(["tensorflow", "is", "easy"]) == [13, 11, 0]


def test_other_corpus_pads_to_its_longest_sentence_with_unk():
    encoded = encode_corpus(TINY, min_freq=2)

    np.testing.assert_array_equal(
        encoded.tensors.x, [[3, 2, 1, 0, 0], [3, 2, 1, 1, 1], [1, 1, 0, 0, 0]]
    )
    np.testing.assert_array_equal(encoded.tensors.lengths, [3, 5, 2])
    assert encoded.tags.as_dict() == {
        "<pad>": 0,
        "ADV": 1,
        "DET": 2,
        "NOUN": 3,
        "VERB": 4,
    }


def test_word_shape_collapses_runs_of_one_kind():
    shapes = [word_shape(w) for w in ("Tensor", "2.5", "USA", "e-mail", "McDonald")]

    assert shapes == ["Xx", "d.d", "X", "x-x", "XxXx"]


def test_features_give_each_token_its_word_and_spelling_ids():
    features = build_features([["walking", "talked"], ["Walking"]])
    words = build_vocabulary([["walking", "talked"]], unk=True)

    ids = features.encode(words, ["walking", "jogging", "Ran"])

    assert ids.shape == (3, 1 + len(FEATURE_EXTRACTORS))
    assert ids[0, 0] == words.id_of("walking")
    assert ids[1, 0] == 1  # an unseen word is <unk> ...
    suffix3 = features.names.index("suffix3")
    assert ids[1, 1 + suffix3] == ids[0, 1 + suffix3]  # ... but ends like "walking"
    assert (ids[2, 1:] == 1).sum() >= 3  # "Ran" shares little with either
