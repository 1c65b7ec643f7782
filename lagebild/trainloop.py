"""The training loop of the spaCy pipelines lagebild trains (POS/case tagger, dependency parser):
minibatches by words, evaluation with averaged weights, early stopping, a wall-clock cap."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class LoopResult:
    best_bytes: bytes | None     # the best-scoring component, serialized (None: never evaluated)
    best: float
    best_step: int
    steps: int
    stop_reason: str


def early_stopped(nlp, optimizer, component: str, epoch: Callable[[int], list],
                  evaluate: Callable[[], tuple[float, str]], *, dropout: float, eval_every: int,
                  patience: int, deadline: float, log: Callable[[str], None], t0: float) -> LoopResult:
    """Update ``nlp`` with the examples ``epoch(n)`` gives for epoch n (1, 2, ...), in batches of
    100 to 1,000 words; every ``eval_every`` steps score it with the averaged weights
    (``evaluate()`` -> (score, what to log)) and keep the best ``component``; stop after
    ``patience`` steps without a better score or at ``deadline`` (a ``time.time()`` value)."""
    from thinc.api import compounding

    from .ner import _batches_by_words
    sizes = compounding(100, 1000, 1.001)
    res = LoopResult(None, -1.0, 0, 0, "time budget")
    ep = 0
    while True:
        ep += 1
        for batch in _batches_by_words(epoch(ep), sizes):
            nlp.update(batch, sgd=optimizer, drop=dropout)
            res.steps += 1
            if res.steps % eval_every == 0:
                with nlp.use_params(optimizer.averages):
                    score, shown = evaluate()
                    if score > res.best:
                        res.best, res.best_step = score, res.steps
                        res.best_bytes = nlp.get_pipe(component).to_bytes(exclude=["vocab"])
                log(f"epoch {ep} step {res.steps} {shown} (best {res.best:.3f} @ {res.best_step}) "
                    f"{(time.time() - t0) / 60:.1f} min")
                if res.steps - res.best_step >= patience:
                    res.stop_reason = "no dev improvement"
                    return res
            if time.time() > deadline:
                return res
