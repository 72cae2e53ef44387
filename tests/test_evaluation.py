"""Tests for tagger.evaluation, with the lecture's birnn trained once per session."""

import json

import pytest
from _trained import trained_lecture

from tagger.config import ModelConfig
from tagger.corpus import LECTURE_SENTENCES, LECTURE_TAGS, Corpus, lecture_corpus
from tagger.evaluation import as_json, evaluate_tagger, predict_corpus
from tagger.metrics import Scores, baseline_fallback, build_baseline
from tagger.model import build_tagger
from tagger.predict import Tagger, predict_sentence
from tagger.vocab import encode_corpus

SCORE_KEYS = {"precision", "recall", "f1", "support"}


@pytest.fixture(scope="module")
def tagger():
    return trained_lecture("birnn").tagger


@pytest.fixture(scope="module")
def lecture_baseline():
    corpus = lecture_corpus()
    return (
        build_baseline(corpus.sentences, corpus.tags),
        baseline_fallback(corpus.sentences, corpus.tags),
    )


def corpus_of(*tagged: list[tuple[str, str]]) -> Corpus:
    """A held-out corpus from sentences of (word, gold tag) pairs."""
    return Corpus(
        "held-out",
        tuple(tuple(word for word, _ in pairs) for pairs in tagged),
        tuple(tuple(tag for _, tag in pairs) for pairs in tagged),
    )


def test_tagger_is_perfect_on_its_own_training_data(tagger, lecture_baseline):
    evaluation = evaluate_tagger(tagger, lecture_corpus(), *lecture_baseline)

    assert evaluation.accuracy == 1.0
    assert evaluation.tokens == 19
    assert evaluation.baseline_accuracy == 1.0
    assert (evaluation.unknown_tokens, evaluation.unknown_accuracy) == (0, None)
    assert evaluation.per_tag["noun"] == Scores(1.0, 1.0, 1.0, 5)
    assert evaluation.confusion.trace() == 19
    assert evaluation.worst == ()
    assert evaluation.entity_f1 is None and evaluation.entity is None


def test_unknown_accuracy_counts_the_unknown_token_only(tagger):
    tokens = ["tensorflow", "is", "very", "easy"]
    guess = predict_sentence(tagger, tokens)[3].tag
    # "very" is given a wrong gold tag, "easy" the tag the model gives it
    corpus = corpus_of(list(zip(tokens, ["noun", "verb", "noun", guess], strict=True)))

    evaluation = evaluate_tagger(tagger, corpus)

    assert evaluation.accuracy == 0.75
    assert (evaluation.unknown_tokens, evaluation.unknown_accuracy) == (1, 1.0)


def test_baseline_tags_unknown_words_with_its_fallback(tagger, lecture_baseline):
    table, fallback = lecture_baseline
    corpus = corpus_of(
        [("tensorflow", "noun"), ("is", "verb"), ("very", "adverb")]
        + [("easy", "adjective")]
    )

    # hungry, difficult, deep and fast are seen once each: rare words are adjectives
    assert fallback == "adjective"
    assert evaluate_tagger(tagger, corpus, table, fallback).baseline_accuracy == 1.0
    assert evaluate_tagger(tagger, corpus, table, "noun").baseline_accuracy == 0.75


def test_a_baseline_without_its_fallback_is_refused(tagger, lecture_baseline):
    with pytest.raises(ValueError, match="fallback"):
        evaluate_tagger(tagger, lecture_corpus(), lecture_baseline[0])


def test_a_gold_tag_unseen_in_training_counts_as_an_error(tagger):
    corpus = corpus_of([("tensorflow", "PROPN"), ("is", "verb")])

    evaluation = evaluate_tagger(tagger, corpus)

    assert evaluation.accuracy == 0.5
    assert evaluation.per_tag["PROPN"] == Scores(0.0, 0.0, 0.0, 1)
    assert evaluation.labels == ("PROPN", "noun", "verb")
    assert evaluation.confusion.tolist() == [[0, 1, 0], [0, 0, 0], [0, 0, 1]]


def test_worst_sentences_have_most_errors_then_lowest_accuracy(tagger):
    # the tagger answers the lecture's tags; "x" marks a gold tag it gets wrong
    corpus = corpus_of(
        [("I", "x"), ("feel", "verb"), ("hungry", "adjective")],  # 1 of 3
        [("tensorflow", "noun"), ("is", "x"), ("very", "x"), ("fast", "adjective")],
        [("tensorflow", "noun"), ("is", "verb")],  # no error
        [("tensorflow", "x"), ("is", "verb"), ("a", "x"), ("framework", "noun")]
        + [("for", "preposition"), ("deep", "adjective"), ("learning", "noun")],
    )

    evaluation = evaluate_tagger(tagger, corpus, worst=2)

    assert [(s.index, s.errors) for s in evaluation.worst] == [(1, 2), (3, 2)]
    first = evaluation.worst[0]
    assert first.tokens == ("tensorflow", "is", "very", "fast")
    assert first.gold == ("noun", "x", "x", "adjective")
    assert first.predicted == ("noun", "verb", "adverb", "adjective")
    assert first.accuracy == 0.5


def test_as_json_has_exactly_the_documented_keys(tagger, lecture_baseline):
    record = as_json(evaluate_tagger(tagger, lecture_corpus(), *lecture_baseline))

    assert set(record) == {
        "accuracy",
        "tokens",
        "unknown_accuracy",
        "baseline_accuracy",
        "per_tag",
    }
    assert set(record["per_tag"]) == set(LECTURE_TAGS[2]) | {"pronoun", "adverb"}
    assert all(set(row) == SCORE_KEYS for row in record["per_tag"].values())
    assert json.loads(json.dumps(record)) == record


def test_bio_gold_tags_add_entity_scores(tagger):
    # the lecture tagger answers part-of-speech tags, which read as "O"
    corpus = corpus_of([("tensorflow", "B-ORG"), ("is", "O"), ("fast", "O")])

    evaluation = evaluate_tagger(tagger, corpus)
    record = as_json(evaluation)

    assert evaluation.entity_f1 == 0.0
    assert evaluation.entity == {"ORG": Scores(0.0, 0.0, 0.0, 1)}
    assert record["entity_f1"] == 0.0
    assert set(record["entity"]) == {"ORG"}
    assert set(record["entity"]["ORG"]) == SCORE_KEYS


@pytest.mark.parametrize("feature_dim", [0, 2], ids=["words", "features"])
def test_batched_predictions_match_sentence_predictions(feature_dim):
    # an untrained model over a vocabulary with <unk> takes the batched path;
    # sentences of different lengths, one longer than the lecture's ten
    long = LECTURE_SENTENCES[2] + LECTURE_SENTENCES[3]
    corpus = Corpus(
        "mixed",
        (*LECTURE_SENTENCES, long),
        (*LECTURE_TAGS, LECTURE_TAGS[2] + LECTURE_TAGS[3]),
    )
    encoded = encode_corpus(corpus, min_freq=2, features=feature_dim > 0)
    features = encoded.features
    sizes = None if features is None else features.sizes
    config = ModelConfig(hidden=4, embedding_dim=4, feature_dim=feature_dim)
    model = build_tagger(config, len(encoded.words), len(encoded.tags), sizes)
    untrained = Tagger(model, encoded.words, encoded.tags, config, features)

    predicted = predict_corpus(untrained, corpus)

    assert [len(tags) for tags in predicted] == [3, 4, 7, 5, 12]
    assert predicted == [
        tuple(p.tag for p in predict_sentence(untrained, list(sentence)))
        for sentence in corpus.sentences
    ]
