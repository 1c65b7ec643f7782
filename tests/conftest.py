"""Shared fixtures: where ../shared is, and skipping when it is absent."""
from __future__ import annotations

import os
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAGEBILD_SHARED", ROOT.parent / "shared"))
# the library's defaults (corpora in data/, texts in ../shared) as this checkout has them, also
# when the package is installed into a virtual environment (as .ci/run does)
os.environ.setdefault("LAGEBILD_DATA", str(ROOT / "data"))
if SHARED.is_dir():
    os.environ.setdefault("LAGEBILD_SHARED", str(SHARED))


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
    """A database of the bundled examples/, ingested once with the real analyzer (the rule
    coder, so that the figures the tests expect do not move when the event model is retrained)."""
    from lagebild.ingest import Ingester, Progress
    from lagebild.readers import iter_articles
    from lagebild.store import Store

    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    with Store(db) as store, Ingester(store, progress=Progress(quiet=True),
                                      analyzer="lagebild.pipeline:rules_analyzer") as ing:
        ing.ingest(iter_articles([str(ROOT / "examples")]))
    return db


@pytest.fixture
def serve_local():
    """Start an HTTP request handler class on 127.0.0.1 (a free port, never another address) in a
    daemon thread: ``base = serve_local(Handler)`` gives its base URL; every server started so is
    shut down when the test ends."""
    servers = []

    def start(handler) -> str:
        srv = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}"
    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()
