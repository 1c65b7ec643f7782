"""A multinomial linear model over sparse binary features, stored as numpy arrays.

Trained with scikit-learn's LogisticRegression, shipped as ``NAME.npz`` (weights, bias, class
names, feature names): prediction needs numpy only, and loading needs no pickle.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelError


@dataclass
class LinearModel:
    classes: list[str]
    features: dict[str, int]
    weights: np.ndarray          # (n_features, n_classes), float32
    bias: np.ndarray             # (n_classes,)

    def scores(self, feats: list[str]) -> np.ndarray:
        idx = [self.features[f] for f in feats if f in self.features]
        s = self.bias.astype(np.float64)
        if idx:
            s = s + self.weights[idx].sum(axis=0)
        return s

    def proba(self, feats: list[str]) -> dict[str, float]:
        s = self.scores(feats)
        e = np.exp(s - s.max())
        p = e / e.sum()
        return dict(zip(self.classes, p.tolist()))

    def proba_many(self, rows: list[list[str]]) -> np.ndarray:
        """Class probabilities for many feature lists at once: (n_rows, n_classes)."""
        return self.softmax(self.sums_many(rows))

    def sums_many(self, rows: list[list[str]]) -> np.ndarray:
        """Each feature list's summed weights, without the bias: (n_rows, n_classes). Rows that
        share part of their features may be scored in parts and added (``pairs.dyad_probs``)."""
        get = self.features.get
        idx: list[int] = []
        ends: list[int] = []
        for feats in rows:
            idx.extend([i for i in map(get, feats) if i is not None])
            ends.append(len(idx))
        s = np.zeros((len(rows), len(self.classes)), dtype=np.float64)
        if idx:
            stop = np.array(ends)
            start = np.r_[0, stop[:-1]]
            has = start < stop
            s[has] += np.add.reduceat(self.weights[np.array(idx)], start[has], axis=0)
        return s

    def softmax(self, sums: np.ndarray) -> np.ndarray:
        """Class probabilities of summed weights (``sums_many``) with the bias added."""
        s = sums + self.bias.astype(np.float64)
        s -= s.max(axis=1, keepdims=True)
        e = np.exp(s)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        names = np.array(sorted(self.features, key=self.features.get))
        np.savez_compressed(path, weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32),
                            classes=np.array(self.classes), features=names)

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        try:
            with np.load(path, allow_pickle=False) as z:
                names = [str(x) for x in z["features"]]
                return cls(classes=[str(x) for x in z["classes"]],
                           features={n: i for i, n in enumerate(names)},
                           weights=z["weights"].astype(np.float32), bias=z["bias"].astype(np.float32))
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"{path}: event model file missing or corrupt ({exc}) -- "
                             "retrain with `lagebild train events`") from exc

    @classmethod
    def from_sklearn(cls, clf, vectorizer, prune: float = 1e-3) -> "LinearModel":
        """Keep only features whose largest absolute weight exceeds ``prune``."""
        coef = clf.coef_
        classes = [str(c) for c in clf.classes_]
        if coef.shape[0] == 1:             # binary: sklearn keeps one row for the positive class
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            bias = np.array([-clf.intercept_[0] / 2, clf.intercept_[0] / 2])
        else:
            bias = clf.intercept_
        w = coef.T
        keep = np.abs(w).max(axis=1) > prune
        names = np.array(vectorizer.get_feature_names_out())[keep]
        return cls(classes=classes, features={str(n): i for i, n in enumerate(names)},
                   weights=w[keep].astype(np.float32), bias=bias.astype(np.float32))
