"""Shared fixtures: where ../shared is, and skipping when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAGEBILD_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared not present (gold files and data live there)")
    return SHARED


@pytest.fixture(scope="session")
def analyzer():
    from lagebild.pipeline import Analyzer
    return Analyzer()


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory) -> Path:
    """A database of the bundled examples/, ingested once with the real analyzer."""
    from lagebild.ingest import Ingester, Progress
    from lagebild.readers import iter_articles
    from lagebild.store import Store

    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    with Store(db) as store, Ingester(store, progress=Progress(quiet=True)) as ing:
        ing.ingest(iter_articles([str(ROOT / "examples")]))
    return db
