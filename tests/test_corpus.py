"""Tests for tagger.corpus: the lecture's sentences and the CoNLL-U reader."""

import pytest

from tagger.corpus import CorpusError, lecture_corpus, read_conllu

# two sentences: comments, a multiword token range (3-4) and an empty node (8.1)
SAMPLE = """\
# sent_id = one
# text = I don't know.
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2\treally\treally\tADV\tRB\t_\t4\tadvmod\t_\t_
3-4\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
3\tdo\tdo\tAUX\tVBP\t_\t5\taux\t_\t_
4\tn't\tnot\tPART\tRB\t_\t5\tadvmod\t_\t_
5\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_
6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_

# sent_id = two
1\tSue\tSue\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tlikes\tlike\tVERB\tVBZ\t_\t0\troot\t_\t_
3\ttea\ttea\tNOUN\tNN\t_\t2\tobj\t_\t_
4\tand\tand\tCCONJ\tCC\t_\t8\tcc\t_\t_
5\tJo\tJo\tPROPN\tNNP\t_\t8\tconj\t_\t_
6\t,\t,\tPUNCT\t,\t_\t8\tpunct\t_\t_
7\tmaybe\tmaybe\tADV\tRB\t_\t8\tadvmod\t_\t_
8\tcoffee\tcoffee\tNOUN\tNN\t_\t2\tconj\t_\t_
8.1\tlikes\tlike\tVERB\tVBZ\t_\t_\t_\t2:conj\t_

"""
SAMPLE_SENTENCES = (
    ("I", "really", "do", "n't", "know", "."),
    ("Sue", "likes", "tea", "and", "Jo", ",", "maybe", "coffee"),
)
SAMPLE_TAGS = (
    ("PRON", "ADV", "AUX", "PART", "VERB", "PUNCT"),
    ("PROPN", "VERB", "NOUN", "CCONJ", "PROPN", "PUNCT", "ADV", "NOUN"),
)


def test_lecture_corpus_has_four_sentences_of_nineteen_words():
    corpus = lecture_corpus()

    assert len(corpus) == 4
    assert corpus.num_tokens == 19
    assert corpus.is_lecture
    assert [len(s) for s in corpus.sentences] == [len(t) for t in corpus.tags]


def test_read_conllu_keeps_only_real_words_with_upos_tags(tmp_path):
    path = tmp_path / "sample.conllu"
    path.write_text(SAMPLE, encoding="utf-8")

    corpus = read_conllu(path)

    assert corpus.name == "sample.conllu"
    assert corpus.sentences == SAMPLE_SENTENCES
    assert corpus.tags == SAMPLE_TAGS
    assert not corpus.is_lecture


def test_read_conllu_accepts_the_file_as_bytes():
    corpus = read_conllu(SAMPLE.encode("utf-8"), name="upload.conllu")

    assert corpus.name == "upload.conllu"
    assert corpus.sentences == SAMPLE_SENTENCES
    assert corpus.tags == SAMPLE_TAGS


def test_read_conllu_accepts_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.conllu"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))

    corpus = read_conllu(path)

    assert corpus.sentences == SAMPLE_SENTENCES
    assert corpus.tags == SAMPLE_TAGS


def test_read_conllu_rejects_plain_prose(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("This is a shopping list.\nMilk, eggs, bread.\n", "utf-8")

    with pytest.raises(CorpusError, match="notes.txt"):
        read_conllu(path)


def test_read_conllu_rejects_a_file_without_sentences():
    with pytest.raises(CorpusError, match="no sentences"):
        read_conllu(b"# only a comment\n\n", name="empty.conllu")


def test_read_conllu_rejects_text_that_is_not_utf8():
    with pytest.raises(CorpusError, match="UTF-8"):
        read_conllu("caf\xe9\tcafe\n".encode("latin-1"), name="latin1.conllu")


def test_read_conllu_rejects_a_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="cannot open"):
        read_conllu(tmp_path / "absent.conllu")


def test_read_conllu_rejects_an_iob2_file_with_five_columns():
    # the shipped UNER file: index, token, entity tag, two unused columns
    iob2 = b"1\tSue\tB-PER\t-\t-\n2\tsmiled\tO\t-\t-\n\n"

    with pytest.raises(CorpusError):
        read_conllu(iob2, name="en_ewt-ud-dev.iob2")


def test_read_conllu_parses_the_ewt_dev_file(ewt_dev):
    corpus = read_conllu(ewt_dev)

    assert len(corpus) == 2001
    assert corpus.num_tokens == 25147
    assert corpus.sentences[0] == ("From", "the", "AP", "comes", "this", "story", ":")
    assert corpus.tags[0] == ("ADP", "DET", "PROPN", "VERB", "DET", "NOUN", "PUNCT")
    assert corpus.sentences[1][:5] == (
        "President",
        "Bush",
        "on",
        "Tuesday",
        "nominated",
    )
