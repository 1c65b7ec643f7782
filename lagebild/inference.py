"""How lagebild runs the spaCy models it trains (NER, POS/case) when tagging.

Two changes that leave the predictions as they are and make tagging on one CPU core
about 1.7 times faster (``benchmarks/bench_ner.py``):

* ``BlasOps``: thinc's CPU ops multiply matrices with the ``blis`` package; numpy's
  BLAS (OpenBLAS in the numpy wheels) is about three times faster for the shapes of
  these small CNNs on current x86 CPUs, and the matrix products are half the time.
* ``CachedVectors`` (``lagebild.vectors``): floret vectors are hashed once per
  distinct word instead of once per token.

``for_tagging`` is applied by ``load_ner`` and ``load_morph``; ``train_ner`` and
``train_morph`` build their networks inside ``blas_ops()``.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

import numpy
from thinc.api import NumpyOps


class BlasOps(NumpyOps):
    """thinc's numpy ops with matrix products by numpy (its BLAS) instead of ``blis``."""

    name = "lagebild_blas"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


@contextmanager
def blas_ops():
    """Models created inside use ``BlasOps`` (training: the same maths, faster)."""
    from thinc.api import get_current_ops, set_current_ops
    before = get_current_ops()
    set_current_ops(BlasOps())
    try:
        yield
    finally:
        set_current_ops(before)


def for_tagging(nlp):
    """Set ``nlp`` up for fast tagging (see the module docstring); returns it."""
    ops = BlasOps()
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None:
            continue
        for node in model.walk():
            node.ops = ops
    if getattr(nlp.vocab.vectors, "mode", None) == "floret":
        from .vectors import CachedVectors
        nlp.vocab.vectors = CachedVectors(nlp.vocab.vectors)
    return nlp


_loaded: dict[tuple[str, str], object] = {}
_loaded_lock = threading.Lock()


def load_trained(path: Path, component: str, what: str, hint: str, wrap: Callable):
    """A spaCy pipeline lagebild trained (the folder ``path``, holding ``component``), set up for
    tagging (``for_tagging``) and wrapped by ``wrap(nlp, path)``; cached per process. ModelError
    naming ``what`` and what to do (``hint``) when it is missing or unreadable."""
    from .errors import ModelError
    key = (str(path.resolve()), getattr(wrap, "__qualname__", repr(wrap)))
    with _loaded_lock:
        if key in _loaded:
            return _loaded[key]
        if not (path / "config.cfg").is_file() or not (path / component / "model").is_file():
            raise ModelError(f"{what} not found or incomplete at {path}; {hint}")
        try:
            import spacy
            model = wrap(for_tagging(spacy.load(path)), path)
        except Exception as exc:
            raise ModelError(f"{what} at {path} is corrupt or unreadable "
                             f"({type(exc).__name__}: {str(exc)[:200]}); {hint}") from exc
        _loaded[key] = model
        return model


def forget_trained() -> None:
    """Drop the cached pipelines of ``load_trained`` (after training wrote a new one)."""
    with _loaded_lock:
        _loaded.clear()


def try_load(load: Callable, path, without: str):
    """``load(path)``, but a warning ("-- continuing without ``without``") and None when the model
    is unusable (ModelError)."""
    import warnings

    from .errors import ModelError
    try:
        return load(path)
    except ModelError as exc:
        warnings.warn(f"{exc} -- continuing without {without}", RuntimeWarning, stacklevel=3)
        return None
