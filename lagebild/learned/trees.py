"""A binary classifier of gradient-boosted trees over sparse binary features, stored as numpy arrays.

Trained with scikit-learn's HistGradientBoostingClassifier (``from_sklearn``), shipped as
``NAME.npz`` (the trees' nodes as flat arrays, class and feature names): prediction needs numpy
only, and loading needs no pickle. It offers what the coder asks of a ``LinearModel``
(``classes``, ``features``, ``proba``, ``proba_many``, ``save``), so either can be the dyad judge:
trees read how features combine ("a rule event and a strong trigger, but the pair model has no
unit for it"), which a linear model can only add up.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelError

KIND = "trees"
_MAX_DEPTH = 64


@dataclass
class TreeModel:
    classes: list[str]           # two; the trees score the second
    features: dict[str, int]
    feature: np.ndarray          # per node (all trees' nodes in one array): the feature it tests
    threshold: np.ndarray        # ... a present feature (1.0) goes right of a threshold below 1
    left: np.ndarray             # ... its children (indices into the same arrays)
    right: np.ndarray
    value: np.ndarray            # ... a leaf's score
    is_leaf: np.ndarray
    roots: np.ndarray            # each tree's root node
    baseline: float

    def _raw(self, rows: list[list[str]]) -> np.ndarray:
        get = self.features.get
        x = np.zeros((len(rows), max(len(self.features), 1)), dtype=np.float32)
        for r, feats in enumerate(rows):
            idx = [i for i in map(get, feats) if i is not None]
            x[r, idx] = 1.0
        n = len(rows)
        if n == 0 or len(self.roots) == 0:
            return np.full(n, self.baseline)
        nodes = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        rows_ix = np.arange(n)[:, None]
        for _ in range(_MAX_DEPTH):
            leaf = self.is_leaf[nodes]
            if leaf.all():
                break
            go_left = x[rows_ix, self.feature[nodes]] <= self.threshold[nodes]
            nodes = np.where(leaf, nodes, np.where(go_left, self.left[nodes], self.right[nodes]))
        return self.baseline + self.value[nodes].sum(axis=1, dtype=np.float64)

    def proba_many(self, rows: list[list[str]]) -> np.ndarray:
        """Class probabilities for many feature lists at once: (n_rows, 2)."""
        p = 1.0 / (1.0 + np.exp(-self._raw(rows)))
        return np.stack([1.0 - p, p], axis=1)

    def proba(self, feats: list[str]) -> dict[str, float]:
        return dict(zip(self.classes, self.proba_many([feats])[0].tolist()))

    def save(self, path: Path) -> None:
        names = np.array(sorted(self.features, key=self.features.get))
        np.savez_compressed(path, kind=np.array(KIND), classes=np.array(self.classes), features=names,
                            feature=self.feature.astype(np.int32), threshold=self.threshold.astype(np.float32),
                            left=self.left.astype(np.int32), right=self.right.astype(np.int32),
                            value=self.value.astype(np.float32), is_leaf=self.is_leaf.astype(bool),
                            roots=self.roots.astype(np.int32), baseline=np.array(self.baseline))

    @classmethod
    def load(cls, path: Path) -> "TreeModel":
        try:
            with np.load(path, allow_pickle=False) as z:
                return cls(classes=[str(x) for x in z["classes"]],
                           features={str(n): i for i, n in enumerate(z["features"])},
                           feature=z["feature"].astype(np.intp), threshold=z["threshold"].astype(np.float32),
                           left=z["left"].astype(np.intp), right=z["right"].astype(np.intp),
                           value=z["value"].astype(np.float64), is_leaf=z["is_leaf"].astype(bool),
                           roots=z["roots"].astype(np.intp), baseline=float(z["baseline"]))
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"{path}: event model file missing or corrupt ({exc}) -- "
                             "retrain with `lagebild train events`") from exc

    @classmethod
    def from_sklearn(cls, clf, names: list[str]) -> "TreeModel":
        """The trees of a fitted binary ``HistGradientBoostingClassifier`` over columns ``names``."""
        if len(clf.classes_) != 2:
            raise ValueError("a tree judge needs exactly two classes")
        parts = {k: [] for k in ("feature", "threshold", "left", "right", "value", "is_leaf")}
        roots = []
        offset = 0
        for (pred,) in clf._predictors:
            nd = pred.nodes
            roots.append(offset)
            parts["feature"].append(nd["feature_idx"])
            parts["threshold"].append(nd["num_threshold"])
            parts["left"].append(nd["left"] + offset)
            parts["right"].append(nd["right"] + offset)
            parts["value"].append(nd["value"])
            parts["is_leaf"].append(nd["is_leaf"].astype(bool))
            offset += len(nd)
        cat = {k: (np.concatenate(v) if v else np.zeros(0)) for k, v in parts.items()}
        return cls(classes=[str(c) for c in clf.classes_], features={n: i for i, n in enumerate(names)},
                   feature=cat["feature"].astype(np.intp), threshold=cat["threshold"].astype(np.float32),
                   left=cat["left"].astype(np.intp), right=cat["right"].astype(np.intp),
                   value=cat["value"].astype(np.float64), is_leaf=cat["is_leaf"].astype(bool),
                   roots=np.array(roots, dtype=np.intp), baseline=float(np.ravel(clf._baseline_prediction)[0]))


def load_scorer(path: Path):
    """A judge file: gradient-boosted trees (``TreeModel``) or a ``LinearModel``, by its contents."""
    from .linear import LinearModel
    try:
        with np.load(path, allow_pickle=False) as z:
            trees = "kind" in z.files and str(z["kind"]) == KIND
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: event model file missing or corrupt ({exc}) -- "
                         "retrain with `lagebild train events`") from exc
    return TreeModel.load(path) if trees else LinearModel.load(path)
