"""The lecture's sequence loss: token cross-entropy averaged over real tokens only."""

from __future__ import annotations

import tensorflow as tf


def sequence_loss(y: tf.Tensor, logits: tf.Tensor, lengths: tf.Tensor) -> tf.Tensor:
    """Mean over sentences of the mean cross-entropy over each sentence's real tokens.

    y: (batch, time) tag ids; logits: (batch, time, tags); lengths: (batch,).
    Pad positions are multiplied by zero, so the padded width does not matter.
    """
    per_token = tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.cast(y, tf.int32), logits=logits
    )  # (batch, time)
    mask = tf.sequence_mask(lengths, maxlen=tf.shape(y)[1], dtype=per_token.dtype)
    per_sentence = tf.reduce_sum(per_token * mask, axis=-1) / tf.cast(
        lengths, per_token.dtype
    )
    return tf.reduce_mean(per_sentence)
