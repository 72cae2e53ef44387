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

from tagger.config import TrainConfig
from tagger.loss import sequence_loss
from tagger.vocab import Tensors

log = logging.getLogger(__name__)

IDS = tf.TensorSpec((None, None), tf.int32)  # (batch, time)
LENGTHS = tf.TensorSpec((None,), tf.int32)  # (batch,)


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


class Trainer:
    """Holds a model, its optimizer and the compiled training step.

    `should_stop` is asked before every batch; a stop undoes the unfinished
    epoch, so the model always matches the last epoch in the history.
    """

    def __init__(self, model: keras.Model, config: TrainConfig):
        self.model = model
        self.config = config
        self.optimizer = keras.optimizers.Adam(
            learning_rate=config.learning_rate, clipnorm=config.clipnorm
        )
        self.optimizer.build(model.trainable_variables)
        # fixed signatures with open dimensions: one trace serves every batch shape
        self._step = tf.function(self._train_step, input_signature=[IDS, IDS, LENGTHS])

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
    ) -> TrainingResult:
        """Train the configured epochs; `result` collects the history as it grows."""
        config = self.config
        result = TrainingResult() if result is None else result
        rng = np.random.default_rng(config.seed)
        last_good = self.model.get_weights()
        start = time.perf_counter()
        for epoch in range(1, config.epochs + 1):
            # one pass in a new seeded order, each batch padded to its own longest
            order = rng.permutation(len(data.lengths))
            losses = []
            for first in range(0, len(order), config.batch_size):
                if should_stop is not None and should_stop():
                    # drop the unfinished epoch, so the model matches the history
                    self.model.set_weights(last_good)
                    result.status = "stopped"
                    result.message = f"stopped after {epochs_label(epoch - 1)}"
                    return result
                rows = order[first : first + config.batch_size]
                lengths = data.lengths[rows]
                width = int(lengths.max())
                loss = self._step(data.x[rows, :width], data.y[rows, :width], lengths)
                losses.append(float(loss))
            record = EpochRecord(
                epoch, float(np.mean(losses)), time.perf_counter() - start
            )

            # a loss gone to NaN or infinity ruins the weights: keep the last good ones
            if not math.isfinite(record.loss):
                self.model.set_weights(last_good)
                result.status = "diverged"
                result.message = (
                    f"the loss became {record.loss} at epoch {epoch}; training stopped "
                    f"and the model keeps its weights from epoch {epoch - 1}. "
                    "Try a smaller learning rate or gradient clipping."
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
        result.status, result.message = (
            "finished",
            f"trained {epochs_label(config.epochs)}",
        )
        return result


def epochs_label(count: int) -> str:
    """ "1 epoch", "2 epochs"."""
    return f"{count} epoch" if count == 1 else f"{count} epochs"


def train_tagger(
    model: keras.Model,
    data: Tensors,
    config: TrainConfig,
    on_epoch: Callable[[EpochRecord], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainingResult:
    """Train `model` in place on padded tensors and return its loss history."""
    return Trainer(model, config).run(data, on_epoch, should_stop)
