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
