"""Tagging sentences with a trained model, and splitting a bidirectional answer.

The output layer is linear on [h_fwd; h_bwd], so its logits split exactly:
W·h + b = W_f·h_f + W_b·h_b + b. Each half plus the bias is what that direction
alone says about a token.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import keras
import numpy as np
import tensorflow as tf

from tagger.config import ModelConfig
from tagger.vocab import Features, Vocabulary

IDS = tf.TensorSpec((None, None), tf.int32)  # (batch, time)
FEATURE_IDS = tf.TensorSpec((None, None, None), tf.int32)  # (batch, time, 1 + F)
KNOWN = tf.TensorSpec((None, None), tf.float32)  # (batch, time)
PREDICT_BATCH = 256  # sentences per call when tagging a whole corpus


@dataclass(frozen=True)
class Choice:
    tag: str
    p: float  # softmax probability of `tag`


@dataclass(frozen=True)
class TokenPrediction:
    token: str
    known: bool  # False for a word the training data never had
    tag: str  # the model's own answer
    p: float
    forward: Choice | None = None  # bidirectional models only
    backward: Choice | None = None


@dataclass(frozen=True)
class DirectionLogits:
    combined: np.ndarray  # (time, tags), the model's own logits
    forward: np.ndarray | None  # (time, tags): W_f·h_f + b; None for a one-way model
    backward: np.ndarray | None  # (time, tags): W_b·h_b + b


class Tagger:
    """A trained model with the vocabularies and settings it was trained with."""

    def __init__(
        self,
        model: keras.Model,
        words: Vocabulary,
        tags: Vocabulary,
        config: ModelConfig,
        features: Features | None = None,
    ):
        self.model = model
        self.words = words
        self.tags = tags
        self.config = config
        self.features = features  # spelling-feature vocabularies, if the model has them

    @property
    def bidirectional(self) -> bool:
        return self.config.kind == "birnn"

    @cached_property
    def _hidden(self):
        embedding, recurrent, _ = self.model.layers

        # one trace for every sentence length; unknown words enter as all-zero vectors
        @tf.function(input_signature=[FEATURE_IDS if self.features else IDS, KNOWN])
        def hidden(ids, known):
            return recurrent(embedding(ids) * known[..., None])

        return hidden

    def hidden_states(self, tokens: list[str]) -> np.ndarray:
        """The recurrent layer's output for one sentence: (time, units), [fwd; bwd]."""
        ids, known = self._encode(tokens)
        return self._hidden(ids[None], known[None])[0].numpy()

    def direction_logits(self, tokens: list[str]) -> DirectionLogits:
        """The model's logits for a sentence, and a bidirectional model's halves."""
        h = self.hidden_states(tokens)  # (time, units)
        dense = self.model.layers[-1].layer
        kernel, bias = (w.numpy() for w in dense.weights)  # (units, tags), (tags,)
        combined = h @ kernel + bias
        if not self.bidirectional:
            return DirectionLogits(combined, None, None)
        half = self.config.hidden
        forward = h[:, :half] @ kernel[:half] + bias
        backward = h[:, half:] @ kernel[half:] + bias
        return DirectionLogits(combined, forward, backward)

    def is_known(self, token: str) -> bool:
        return token in self.words and token not in ("<pad>", "<unk>")

    def _encode(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
        known = np.array([self.is_known(t) for t in tokens], dtype=np.float32)
        if self.features is not None:
            ids = self.features.encode(self.words, tokens)  # (time, 1 + features)
        else:
            ids = np.array(self.words.encode(tokens), dtype=np.int32)
        if self.words.has_unk:
            # an <unk> entry has its own learned vector: feed it, not zeros
            known = np.ones_like(known)
        return ids, known


def predict_sentence(tagger: Tagger, tokens: list[str]) -> list[TokenPrediction]:
    """A tag and its probability for each token; per direction too for a birnn."""
    if not tokens:
        return []
    logits = tagger.direction_logits(tokens)
    combined = _choices(logits.combined, tagger.tags)
    forward = _choices(logits.forward, tagger.tags) if tagger.bidirectional else None
    backward = _choices(logits.backward, tagger.tags) if tagger.bidirectional else None
    return [
        TokenPrediction(
            token=token,
            known=tagger.is_known(token),
            tag=combined[t].tag,
            p=combined[t].p,
            forward=forward[t] if forward else None,
            backward=backward[t] if backward else None,
        )
        for t, token in enumerate(tokens)
    ]


def predict_ids(model: keras.Model, x: np.ndarray) -> np.ndarray:
    """Arg-max tag ids for a padded id matrix: (sentences, time)."""
    out = np.zeros(x.shape[:2], dtype=np.int32)
    for first in range(0, len(x), PREDICT_BATCH):
        batch = x[first : first + PREDICT_BATCH]
        words = batch if batch.ndim == 2 else batch[..., 0]  # (batch, time)
        width = max(int((words != 0).any(axis=0).nonzero()[0].max(initial=-1)) + 1, 1)
        logits = model(batch[:, :width], training=False)  # (batch, width, tags)
        out[first : first + PREDICT_BATCH, :width] = np.argmax(logits, axis=-1)
    return out


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def _choices(logits: np.ndarray, tags: Vocabulary) -> list[Choice]:
    probs = softmax(logits)  # (time, tags)
    best = probs.argmax(axis=-1)
    return [Choice(tags.entries[i], float(probs[t, i])) for t, i in enumerate(best)]
