"""RNN Tagger Studio's library: corpora, vocabularies, taggers, training, prediction."""
