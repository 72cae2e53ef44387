"""RNN Tagger Studio's library: corpora, vocabularies, RNN taggers, training, prediction."""
