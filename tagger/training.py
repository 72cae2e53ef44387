"""Training with the lecture's sequence loss and Adam, one compiled step per batch.

The trainer knows nothing of who is watching: it reports each finished epoch
to a callback and asks a second callback whether to stop before the next one.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import keras
import numpy as np
import tensorflow as tf

from tagger.config import TrainConfig, epochs_label
from tagger.loss import sequence_loss
from tagger.vocab import Tensors

UNK_ID = 1  # <unk> follows <pad> in every vocabulary that has it

log = logging.getLogger(__name__)

IDS = tf.TensorSpec((None, None), tf.int32)  # (batch, time)
FEATURE_IDS = tf.TensorSpec((None, None, None), tf.int32)  # (batch, time, 1 + F)
LENGTHS = tf.TensorSpec((None,), tf.int32)  # (batch,)
BUCKET_BATCHES = 50  # batches' worth of sentences sorted by length together
DECAY_FLOOR = 0.1  # a decaying learning rate ends at this share of its start


@dataclass(frozen=True)
class EpochRecord:
    epoch: int  # counted from 1
    loss: float  # mean of the epoch's batch losses
    seconds: float  # wall time since training began


@dataclass
class TrainingResult:
    history: list[EpochRecord] = field(default_factory=list)
    status: str = "running"  # then "finished", "stopped" or "diverged"
    message: str = ""

    @property
    def seconds(self) -> float:
        return self.history[-1].seconds if self.history else 0.0


class SingleDeviceAdam(keras.optimizers.Adam):
    """Adam without the cross-replica sum of gradients, which one device never needs.

    In TensorFlow 2.21 that sum registers a custom gradient per traced step in
    a global registry that is never emptied (tensorflow/tensorflow#97697), so
    every training would keep its whole graph alive for the life of the
    process: some 10 MB per Train click on a server. Drop this class once a
    TensorFlow release carries the fix.
    """

    def _all_reduce_sum_gradients(self, grads_and_vars):
        return list(grads_and_vars)


class Trainer:
    """Holds a model, its optimizer and the compiled training step.

    `should_stop` is asked before every batch; a stop undoes the unfinished
    epoch, so the model always matches the last epoch in the history.
    """

    def __init__(self, model: keras.Model, config: TrainConfig):
        self.model = model
        self.config = config
        self.optimizer = SingleDeviceAdam(
            learning_rate=config.learning_rate, clipnorm=config.clipnorm
        )
        self.optimizer.build(model.trainable_variables)
        # fixed signatures with open dimensions: one trace serves every batch shape
        x_spec = FEATURE_IDS if len(model.inputs[0].shape) == 3 else IDS
        self._step = tf.function(
            self._train_step, input_signature=[x_spec, IDS, LENGTHS]
        )

    def _train_step(self, x, y, lengths):
        with tf.GradientTape() as tape:
            logits = self.model(x, training=True)  # (batch, time, tags)
            loss = sequence_loss(y, logits, lengths)
        variables = self.model.trainable_variables
        grads = tape.gradient(loss, variables)
        self.optimizer.apply_gradients(zip(grads, variables, strict=True))
        return loss

    def run(
        self,
        data: Tensors,
        on_epoch: Callable[[EpochRecord], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        result: TrainingResult | None = None,
        on_batch: Callable[[int, int], None] | None = None,
    ) -> TrainingResult:
        """Train the configured epochs; `result` collects the history as it grows.

        `on_batch(done, total)` follows the batches of each epoch. When a
        callback raises (a page interrupted by a click, say), the model goes
        back to its last finished epoch before the exception goes on.
        """
        config = self.config
        result = TrainingResult() if result is None else result
        rng = np.random.default_rng(config.seed)
        last_good = self.model.get_weights()
        start = time.perf_counter()
        try:
            for epoch in range(1, config.epochs + 1):
                loss = self._epoch(data, epoch, rng, should_stop, on_batch)
                if loss is None:
                    # drop the unfinished epoch, so the model matches the history
                    self.model.set_weights(last_good)
                    result.status = "stopped"
                    result.message = f"stopped after {epochs_label(epoch - 1)}"
                    return result
                record = EpochRecord(epoch, loss, time.perf_counter() - start)

                # a loss gone to NaN or infinity ruins the weights: keep the good ones
                if not math.isfinite(record.loss):
                    self.model.set_weights(last_good)
                    result.status = "diverged"
                    result.message = (
                        f"the loss became {record.loss} at epoch {epoch}; training "
                        f"stopped and the model keeps its weights from epoch "
                        f"{epoch - 1}. Try a smaller learning rate or gradient "
                        "clipping."
                    )
                    log.warning(result.message)
                    return result
                weights = self.model.get_weights()
                if all(np.isfinite(w).all() for w in weights):
                    last_good = weights

                result.history.append(record)
                log.info("epoch %d loss %.4f", epoch, record.loss)
                if on_epoch is not None:
                    on_epoch(record)
        except BaseException:
            self.model.set_weights(last_good)
            raise
        result.status = "finished"
        result.message = f"trained {epochs_label(config.epochs)}"
        return result

    def _epoch(
        self,
        data: Tensors,
        epoch: int,
        rng: np.random.Generator,
        should_stop: Callable[[], bool] | None,
        on_batch: Callable[[int, int], None] | None,
    ) -> float | None:
        """One pass over the data: the mean batch loss, or None if asked to stop."""
        config = self.config
        if config.decay:
            self.optimizer.learning_rate.assign(epoch_learning_rate(config, epoch))

        # a new seeded order each epoch, each batch padded to its own longest
        batches = batch_order(data.lengths, config, rng)
        losses = []
        for done, rows in enumerate(batches):
            if should_stop is not None and should_stop():
                return None
            if on_batch is not None:
                on_batch(done, len(batches))
            lengths = data.lengths[rows]
            width = int(lengths.max())
            if not config.mask_pads:
                # the lesson's mistake: every padded position counts as a token
                width = data.x.shape[1]
                lengths = np.full_like(lengths, width)
            x = data.x[rows, :width]
            if config.word_dropout:
                x = hide_words(x, config.word_dropout, rng)
            losses.append(float(self._step(x, data.y[rows, :width], lengths)))
        return float(np.mean(losses))


def batch_order(
    lengths: np.ndarray, config: TrainConfig, rng: np.random.Generator
) -> list[np.ndarray]:
    """The sentence indices of each batch of one epoch, in a seeded random order.

    With `config.bucket`, sentences are shuffled, sorted by length within runs
    of a few dozen batches, cut into batches, and the batches shuffled: each
    batch then holds sentences of about one length and carries little padding.
    """
    order = rng.permutation(len(lengths))
    size = config.batch_size
    if config.bucket:
        run = size * BUCKET_BATCHES
        order = np.concatenate(
            [
                chunk[np.argsort(lengths[chunk], kind="stable")]
                for chunk in np.split(order, range(run, len(order), run))
            ]
        )
    batches = np.split(order, range(size, len(order), size))
    if config.bucket:
        batches = [batches[i] for i in rng.permutation(len(batches))]
    return batches


def epoch_learning_rate(config: TrainConfig, epoch: int) -> float:
    """The learning rate of an epoch (from 1) when it decays along a cosine.

    Large early steps find a good region fast; small late ones settle in it.
    """
    progress = (epoch - 1) / max(config.epochs - 1, 1)
    floor = config.learning_rate * DECAY_FLOOR
    return floor + (config.learning_rate - floor) * 0.5 * (
        1 + math.cos(math.pi * progress)
    )


def hide_words(x: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """A copy of a batch with a share of its real words replaced by `<unk>`.

    The model then learns what an unknown word looks like from its context, suffix
    and shape, which is all it will have for the unseen words of new text.
    """
    x = x.copy()
    words = x if x.ndim == 2 else x[..., 0]  # a view: writes reach x
    hidden = (words > UNK_ID) & (rng.random(words.shape) < rate)
    words[hidden] = UNK_ID
    return x


def train_tagger(
    model: keras.Model,
    data: Tensors,
    config: TrainConfig,
    on_epoch: Callable[[EpochRecord], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainingResult:
    """Train `model` in place on padded tensors and return its loss history."""
    return Trainer(model, config).run(data, on_epoch, should_stop)
