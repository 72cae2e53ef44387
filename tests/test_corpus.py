"""Tests for tagger.corpus: the lecture's sentences, the three readers, splits."""

from pathlib import Path

import pytest

from tagger.corpus import (
    MAX_WARNINGS,
    Corpus,
    CorpusError,
    guess_format,
    lecture_corpus,
    read_columns,
    read_conllu,
    read_corpus,
    read_slash_tagged,
    split_corpus,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
EWT_TRAIN = DATA / "ud-english-ewt" / "en_ewt-ud-train.conllu"
UNER_DEV = DATA / "uner-english-ewt" / "en_ewt-ud-dev.iob2"
UNER_TAGS = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}

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


# the same two sentences in each layout a reader takes; the second starts with
# `#`, a real token in web text that must not be mistaken for a comment
WORDS = (("Sue", "met", "Jo", "."), ("#", "bye", "!"))
POS = (("PROPN", "VERB", "PROPN", "PUNCT"), ("SYM", "INTJ", "PUNCT"))
LAYOUTS = {
    "conllu": ("conllu", {}),
    "uner": ("columns", {"token_column": 1, "tag_column": 2}),
    "conll2003": ("columns", {}),
    "slash": ("slash", {}),
}
ROWS = {
    "conllu": "{i}\t{w}\t_\t{t}\t_\t_\t0\t_\t_\t_",
    "uner": "{i}\t{w}\t{t}\t-\t-",
    "conll2003": "{w} X X {t}",
}


def render(layout: str, comments: bool = False) -> str:
    """WORDS and POS as a file of `layout`, with UD-style comments if asked."""
    blocks = []
    for n, (words, tags) in enumerate(zip(WORDS, POS, strict=True), start=1):
        lines = [f"# sent_id = s{n}"] if comments else []
        pairs = list(zip(words, tags, strict=True))
        if layout == "slash":
            lines.append(" ".join(f"{w}/{t}" for w, t in pairs))
            blocks.append("\n".join(lines) + "\n")
        else:
            rows = (
                ROWS[layout].format(i=i, w=w, t=t) for i, (w, t) in enumerate(pairs, 1)
            )
            blocks.append("\n".join([*lines, *rows]) + "\n\n")
    return "".join(blocks)


def read(layout: str, source, name: str | None = None) -> Corpus:
    fmt, options = LAYOUTS[layout]
    return read_corpus(source, fmt, name=name, **options)


def uner_rows(*pairs: tuple[str, str]) -> bytes:
    """One sentence of UNER-style rows: index, token, tag, two unused columns."""
    rows = (f"{i}\t{w}\t{t}\t-\t-\n" for i, (w, t) in enumerate(pairs, start=1))
    return ("".join(rows) + "\n").encode()


@pytest.fixture(scope="session")
def uner_dev() -> Path:
    if not UNER_DEV.is_file():
        pytest.skip(f"the UNER dev file is not at {UNER_DEV}")
    return UNER_DEV


@pytest.fixture(scope="session")
def ewt_train() -> Path:
    if not EWT_TRAIN.is_file():
        pytest.skip(f"the EWT train file is not at {EWT_TRAIN}")
    return EWT_TRAIN


def test_corpus_built_without_warnings_has_none():
    assert Corpus("x", (("a",),), (("O",),)).warnings == ()


def test_corpus_is_bio_when_every_tag_is_o_or_begins_b_or_i():
    corpus = Corpus("x", (("Sue", "Smith", "ran"),), (("B-PER", "I-PER", "O"),))

    assert corpus.is_bio


def test_corpus_of_part_of_speech_tags_is_not_bio():
    assert not lecture_corpus().is_bio


# every reader, on the same sentences


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_reads_the_sentences_and_their_tags(layout, tmp_path):
    path = tmp_path / f"sample.{layout}"
    path.write_text(render(layout), encoding="utf-8")

    corpus = read(layout, path)

    assert corpus.name == f"sample.{layout}"
    assert corpus.sentences == WORDS
    assert corpus.tags == POS
    assert corpus.warnings == ()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_reads_the_file_as_bytes(layout):
    corpus = read(layout, render(layout).encode(), name="upload")

    assert corpus.name == "upload"
    assert corpus.sentences == WORDS


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_skips_comment_lines(layout):
    corpus = read(layout, render(layout, comments=True).encode())

    assert corpus.sentences == WORDS
    assert corpus.tags == POS


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_keeps_a_hash_token_at_the_start_of_a_row(layout):
    corpus = read(layout, render(layout, comments=True).encode())

    assert corpus.sentences[1][0] == "#"
    assert corpus.tags[1][0] == "SYM"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_accepts_a_byte_order_mark(layout):
    data = b"\xef\xbb\xbf" + render(layout, comments=True).encode()

    assert read(layout, data).sentences == WORDS


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_accepts_crlf_line_endings(layout):
    data = render(layout, comments=True).replace("\n", "\r\n").encode()

    corpus = read(layout, data)

    assert corpus.sentences == WORDS
    assert corpus.tags == POS


@pytest.mark.parametrize("ending", ["\n", ""], ids=["no-blank-line", "no-newline"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_keeps_the_last_sentence_without_a_final_blank_line(layout, ending):
    data = (render(layout).rstrip("\n") + ending).encode()

    assert read(layout, data).sentences == WORDS


@pytest.mark.parametrize("data", [b"", b"\n  \n\n", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_rejects_an_empty_file(layout, data):
    with pytest.raises(CorpusError, match=r"^empty\.txt: the file is empty$"):
        read(layout, data, name="empty.txt")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", bytes(range(1, 256)) * 4],
    ids=["nul-bytes", "control-bytes"],
)
def test_each_reader_rejects_a_binary_file(layout, data):
    with pytest.raises(CorpusError, match=r"^image\.png: looks like a binary file"):
        read(layout, data, name="image.png")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_rejects_latin1_naming_the_line_and_asking_for_utf8(layout):
    text = render(layout).replace("Jo", "Jos\xe9")
    line = text[: text.index("Jos")].count("\n") + 1

    message = rf"^latin1\.txt, line {line}: byte 0xe9 is not UTF-8.*re-save it as UTF-8"

    with pytest.raises(CorpusError, match=message):
        read(layout, text.encode("latin-1"), name="latin1.txt")


def test_a_reader_rejects_utf16_asking_for_utf8():
    with pytest.raises(CorpusError, match="UTF-16.*UTF-8"):
        read_columns(render("uner").encode("utf-16"), name="wide.iob2")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_rejects_a_file_of_only_comments(layout):
    data = b"# sent_id = 1\n# text = nothing here\n\n"

    with pytest.raises(CorpusError, match=r"^notes\.txt: no sentences found"):
        read(layout, data, name="notes.txt")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_reader_rejects_a_missing_file(layout, tmp_path):
    with pytest.raises(CorpusError, match=r"^absent\.txt: cannot open"):
        read(layout, tmp_path / "absent.txt")


@pytest.mark.parametrize(
    ("layout", "text", "message"),
    [
        (
            "conllu",
            SAMPLE.replace("5\tknow", "x\tknow"),
            r"^bad\.txt, line 8: .*'x' is not a valid ID",
        ),
        (
            "conllu",
            SAMPLE.replace("\tADV\tRB\t_\t4\tadvmod\t_\t_\n", "\tADV\n", 1),
            r"^bad\.txt, line 4: 4 tab-separated columns where CoNLL-U has 10",
        ),
        (
            "uner",
            "1\tSue\tB-PER\t-\t-\n2\tmet\tO\n",
            r"^bad\.txt, line 2: 3 columns, but line 1 has 5",
        ),
        (
            "uner",
            "1\tSue\tB-PER\t-\t-\n2\t\tO\t-\t-\n",
            r"^bad\.txt, line 2: the token column is empty",
        ),
        (
            "conll2003",
            "# sent_id = 1\nSue X X B-PER\nmet O\n",
            r"^bad\.txt, line 3: 2 columns, but line 2 has 4",
        ),
        (
            "slash",
            "Sue/PROPN met/VERB\nJo smiled/VERB\n",
            r"^bad\.txt, line 2: 'Jo' is not a word/TAG pair",
        ),
        (
            "slash",
            "# a comment\nSue/PROPN met/\n",
            r"^bad\.txt, line 2: 'met/' is not a word/TAG pair",
        ),
    ],
    ids=[
        "conllu-id",
        "conllu-columns",
        "columns-width",
        "columns-empty",
        "conll2003-width",
        "slash-pair",
        "slash-empty-tag",
    ],
)
def test_a_malformed_line_is_named_by_file_and_line_number(
    layout, text, message, tmp_path
):
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(CorpusError, match=message):
        read(layout, path)


@pytest.mark.parametrize(
    ("written", "fmt", "message"),
    [
        ("conllu", "slash", r"line 1: '1' is not a word/TAG pair.*conllu format"),
        ("conllu", "columns", r"word index 1, 2, 3"),
        ("uner", "slash", r"line 1: '1' is not a word/TAG pair.*columns format"),
        ("uner", "conllu", r"line 1: 5 tab-separated columns.*columns format"),
        ("conll2003", "conllu", r"line 1: 1 tab-separated columns.*columns format"),
        ("slash", "columns", r"line 1: word/TAG pairs, not columns.*slash format"),
        ("slash", "conllu", r"line 1: 1 tab-separated columns.*slash format"),
    ],
)
def test_a_file_read_in_the_wrong_format_is_refused(written, fmt, message):
    with pytest.raises(CorpusError, match=message):
        read_corpus(render(written).encode(), fmt, name="f.txt")


def test_read_columns_refuses_conllu_word_ranges():
    with pytest.raises(
        CorpusError, match=r"line 5: '3-4' is a CoNLL-U word range.*conllu format"
    ):
        read_columns(SAMPLE.encode(), name="f.txt", token_column=1, tag_column=3)


def test_read_corpus_rejects_an_unknown_format():
    with pytest.raises(ValueError, match="unknown corpus format 'xml'"):
        read_corpus(render("slash").encode(), "xml")


# CoNLL-U


def test_read_conllu_takes_xpos_tags_when_asked():
    corpus = read_conllu(SAMPLE.encode(), name="s.conllu", tag_column="xpos")

    assert corpus.sentences == SAMPLE_SENTENCES
    assert corpus.tags[0] == ("PRP", "RB", "VBP", "RB", "VB", ".")


def test_read_conllu_rejects_an_unknown_tag_column():
    with pytest.raises(ValueError, match="tag_column"):
        read_conllu(SAMPLE.encode(), tag_column="deprel")


def test_read_conllu_rejects_an_xpos_column_left_empty():
    with pytest.raises(CorpusError, match=r"every tag is '_'"):
        read_conllu(render("conllu").encode(), tag_column="xpos")


def test_read_conllu_skips_word_ranges_and_empty_nodes_with_crlf_endings():
    corpus = read_conllu(SAMPLE.replace("\n", "\r\n").encode())

    assert corpus.sentences == SAMPLE_SENTENCES
    assert corpus.tags == SAMPLE_TAGS


# token and tag columns


def test_read_columns_counts_a_negative_tag_column_from_the_end():
    data = b"Sue NNP B-NP B-PER\nmet VBD B-VP O\n"

    corpus = read_columns(data, token_column=0, tag_column=-2)

    assert corpus.tags == (("B-NP", "B-VP"),)


def test_read_columns_skips_docstart_rows():
    data = b"-DOCSTART- -X- -X- O\n\n" + render("conll2003").encode()

    assert read_columns(data).sentences == WORDS


def test_read_columns_ends_a_sentence_at_a_docstart_row():
    data = b"Sue X X B-PER\n-DOCSTART- -X- -X- O\nJo X X B-PER\n"

    assert read_columns(data).sentences == (("Sue",), ("Jo",))


def test_read_columns_reads_a_hash_row_of_another_width_as_a_comment():
    data = b"Sue X X B-PER\n# a note\n# X X O\n"

    assert read_columns(data).sentences == (("Sue", "#"),)


def test_read_columns_splits_tab_rows_only_at_tabs():
    data = b"1\tNew York\tB-LOC\t-\t-\n2\tcity\tO\t-\t-\n"

    corpus = read_columns(data, token_column=1, tag_column=2)

    assert corpus.sentences == (("New York", "city"),)


def test_read_columns_names_a_tag_column_the_rows_do_not_have():
    with pytest.raises(
        CorpusError, match=r"line 1: 5 columns, but the tag column is 5"
    ):
        read_columns(uner_rows(("Sue", "B-PER")), token_column=1, tag_column=5)


def test_read_columns_refuses_the_same_column_for_token_and_tag():
    with pytest.raises(CorpusError, match="both column 1"):
        read_columns(uner_rows(("Sue", "B-PER")), token_column=1, tag_column=-4)


def test_read_columns_refuses_a_tag_column_of_placeholders():
    # UNER with the CoNLL-2003 default tag column, the last: an unused column
    with pytest.raises(CorpusError, match=r"every tag is '-'"):
        read_columns(uner_rows(("Sue", "B-PER")), token_column=1)


# IOB2 warnings


def test_an_i_tag_after_o_is_kept_with_a_warning_naming_file_line_and_tag():
    corpus = read_columns(
        uner_rows(("met", "O"), ("Smith", "I-PER")),
        name="ner.iob2",
        token_column=1,
        tag_column=2,
    )

    assert corpus.tags == (("O", "I-PER"),)
    assert len(corpus.warnings) == 1
    assert corpus.warnings[0].startswith("ner.iob2, line 2: 'Smith' is tagged I-PER")
    assert "after O" in corpus.warnings[0]


def test_an_i_tag_after_another_entity_type_warns():
    data = uner_rows(("Acme", "B-ORG"), ("Smith", "I-PER"))

    corpus = read_columns(data, name="ner.iob2", token_column=1, tag_column=2)

    assert "after B-ORG" in corpus.warnings[0]


def test_an_i_tag_that_starts_a_sentence_warns():
    data = uner_rows(("Smith", "I-PER"), ("ran", "O"))

    corpus = read_columns(data, name="ner.iob2", token_column=1, tag_column=2)

    assert "line 1" in corpus.warnings[0]
    assert "sentence start" in corpus.warnings[0]


def test_well_formed_iob2_has_no_warnings():
    data = uner_rows(("Ann", "B-PER"), ("Lee", "I-PER"), ("in", "O"), ("Oslo", "B-LOC"))

    assert read_columns(data, token_column=1, tag_column=2).warnings == ()


def test_warnings_keep_the_first_ones_and_count_the_rest():
    data = uner_rows(("Smith", "I-PER")) * (MAX_WARNINGS + 5)

    corpus = read_columns(data, name="ner.iob2", token_column=1, tag_column=2)

    assert len(corpus.warnings) == MAX_WARNINGS + 1
    assert corpus.warnings[-1].startswith("ner.iob2: 5 more I- tags")


def test_a_slash_tagged_i_tag_after_o_warns_naming_line_and_token():
    corpus = read_slash_tagged(b"Sue/B-PER ran/O\nmet/O Smith/I-PER\n", name="n.txt")

    assert corpus.warnings[0].startswith("n.txt, line 2, token 2: 'Smith'")


# word/TAG pairs


def test_read_slash_tagged_splits_a_pair_at_its_last_slash():
    corpus = read_slash_tagged(b"1/2/CD cups/NNS and/or/CC\n")

    assert corpus.sentences == (("1/2", "cups", "and/or"),)
    assert corpus.tags == (("CD", "NNS", "CC"),)


# guessing the format


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("train.conllu", None, "conllu"),
        ("train.conllu", b"1\tSue\tB-PER\t-\t-\n", "conllu"),
        ("dev.iob2", b"# sent_id = 1\n1\tSue\tB-PER\t-\t-\n", "columns"),
        ("eng.train", b"-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\n", "columns"),
        ("ptb.txt", b"# wsj\nThe/DT cat/NN sat/VBD\n", "slash"),
        ("ud.conll", SAMPLE.encode(), "conllu"),
        ("notes.tsv", None, "columns"),
    ],
)
def test_guess_format_from_the_name_and_the_content(filename, data, expected):
    assert guess_format(filename, data) == expected


def test_guess_format_reads_the_head_of_a_file_on_disk(tmp_path):
    path = tmp_path / "tagged.txt"
    path.write_text(render("slash", comments=True), encoding="utf-8")

    assert guess_format(path) == "slash"


# splits


def numbered_corpus(size: int) -> Corpus:
    return Corpus("toy", tuple((f"w{i}",) for i in range(size)), (("O",),) * size)


def test_split_corpus_is_the_same_for_the_same_seed():
    corpus = numbered_corpus(50)

    assert split_corpus(corpus, seed=3) == split_corpus(corpus, seed=3)


def test_split_corpus_differs_for_another_seed():
    corpus = numbered_corpus(50)

    assert split_corpus(corpus, seed=3)[1] != split_corpus(corpus, seed=4)[1]


def test_split_corpus_parts_are_disjoint_and_cover_every_sentence():
    corpus = numbered_corpus(50)

    train, dev = split_corpus(corpus, dev_fraction=0.2)

    assert len(dev) == 10
    assert set(train.sentences).isdisjoint(dev.sentences)
    assert set(train.sentences) | set(dev.sentences) == set(corpus.sentences)


def test_split_corpus_names_the_parts():
    train, dev = split_corpus(numbered_corpus(10))

    assert (train.name, dev.name) == ("toy (train)", "toy (dev)")


def test_split_corpus_holds_out_at_least_one_sentence():
    train, dev = split_corpus(lecture_corpus(), dev_fraction=0.1)

    assert (len(train), len(dev)) == (3, 1)


def test_split_corpus_refuses_a_single_sentence():
    with pytest.raises(CorpusError, match="single sentence"):
        split_corpus(numbered_corpus(1))


@pytest.mark.parametrize("fraction", [0, 1, 1.5])
def test_split_corpus_refuses_a_fraction_outside_zero_and_one(fraction):
    with pytest.raises(ValueError, match="dev_fraction"):
        split_corpus(numbered_corpus(10), dev_fraction=fraction)


# the shipped corpora


def test_read_conllu_takes_penn_tags_from_the_ewt_dev_file(ewt_dev):
    corpus = read_conllu(ewt_dev, tag_column="xpos")

    assert corpus.tags[0] == ("IN", "DT", "NNP", "VBZ", "DT", "NN", ":")


def test_read_conllu_parses_the_ewt_train_file(ewt_train):
    corpus = read_conllu(ewt_train)

    assert (len(corpus), corpus.num_tokens) == (12544, 204577)


def test_read_columns_parses_the_uner_dev_file(uner_dev):
    corpus = read_columns(uner_dev, token_column=1, tag_column=2)

    assert (len(corpus), corpus.num_tokens) == (2001, 25149)
    assert {tag for tags in corpus.tags for tag in tags} == UNER_TAGS
    assert corpus.sentences[0][:4] == ("where", "can", "I", "get")
    assert corpus.is_bio
    assert corpus.warnings == ()


def test_guess_format_names_the_shipped_files(ewt_dev, uner_dev):
    assert (guess_format(ewt_dev), guess_format(uner_dev)) == ("conllu", "columns")
