"""The tree judge (lagebild.learned.trees): numpy prediction equals scikit-learn's, and a saved
model loads back to the same predictions, without pickle."""
import numpy as np
import pytest

from lagebild.learned.linear import LinearModel
from lagebild.learned.trees import TreeModel, load_scorer


def _rows(n=600, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n):
        feats = [f"f{j}" for j in range(12) if rng.random() < 0.3]
        # an interaction a linear model cannot add up: right only with both or with f2 alone
        right = ("f0" in feats and "f1" in feats) or ("f2" in feats and "f3" not in feats)
        rows.append((feats, "right" if right != (rng.random() < 0.05) else "wrong"))
    return rows


def test_trees_predict_as_sklearn_and_survive_a_round_trip(tmp_path):
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier
    from lagebild.learned.train import fit_trees
    rows = _rows()
    model = fit_trees(rows, {"learning_rate": 0.1, "max_iter": 50, "max_leaf_nodes": 7}, min_count=1)
    assert model.classes == ["right", "wrong"] and len(model.roots) > 1
    names = sorted(model.features, key=model.features.get)
    X = np.array([[f in feats for f in names] for feats, _ in rows], dtype=np.float32)
    clf = HistGradientBoostingClassifier(learning_rate=0.1, max_iter=50, max_leaf_nodes=7, min_samples_leaf=20,
                                         l2_regularization=1.0, early_stopping=True, validation_fraction=0.1,
                                         n_iter_no_change=10, random_state=0).fit(X, [lab for _, lab in rows])
    ours = model.proba_many([feats for feats, _ in rows])
    assert np.allclose(ours, clf.predict_proba(X), atol=1e-5)
    # it learned the interaction: both features right, one alone wrong
    assert model.proba(["f0", "f1", "f3"])["right"] > 0.5 > model.proba(["f0", "f3"])["right"]
    # unknown features are absent ones; an empty batch is an empty answer
    assert np.allclose(model.proba_many([["f0", "f1", "f3", "nie gesehen"]]), model.proba_many([["f0", "f1", "f3"]]))
    assert model.proba_many([]).shape == (0, 2)
    model.save(tmp_path / "judge.npz")
    back = load_scorer(tmp_path / "judge.npz")
    assert isinstance(back, TreeModel) and np.allclose(back.proba_many([f for f, _ in rows]), ours)


def test_a_linear_judge_file_still_loads_as_linear(tmp_path):
    lin = LinearModel(classes=["right", "wrong"], features={"a": 0}, weights=np.array([[1.0, -1.0]], np.float32),
                      bias=np.zeros(2, np.float32))
    lin.save(tmp_path / "judge.npz")
    assert isinstance(load_scorer(tmp_path / "judge.npz"), LinearModel)


def test_the_isotonic_calibration_is_monotone_and_never_certain():
    pytest.importorskip("sklearn")
    from lagebild.learned.train import isotonic
    rng = np.random.default_rng(0)
    pairs = [(float(x), bool(rng.random() < x)) for x in rng.random(400)]
    pairs += [(0.99, True)] * 3 + [(0.95, True)] * 40 + [(0.95, False)] * 4     # a small top step, all right
    xs, ys = isotonic(pairs)
    assert all(a <= b for a, b in zip(ys, ys[1:])) and max(ys) < 1.0 and min(ys) > 0.0
    assert isotonic(pairs[:50]) is None          # too few pairs: no curve (Platt scaling instead)
