"""`lagebild serve` in a real browser: headless Chromium (Debian's `chromium`, driven by
Playwright with its executable_path; `playwright install` is never needed) loads the
overview, the map, an actor page and an event page of the bundled examples' database.

Asserts that the charts rendered (SVG elements with shapes, laid out with a size), that
the browser logged no console errors, and that no request left 127.0.0.1 (any other
request is aborted and recorded). Screenshots go to build/screenshots/. Skips with a
message where Playwright or Chromium is missing (`.ci/run` installs both when it can).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")
uvicorn = pytest.importorskip("uvicorn", reason="the web extra is not installed")
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install playwright)")

from lagebild.store import Store  # noqa: E402
from lagebild.web.app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "screenshots"


def _chromium() -> str:
    for cand in (os.environ.get("LAGEBILD_CHROMIUM"), shutil.which("chromium"),
                 shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if cand and Path(cand).exists():
            return cand
    pytest.skip("no Chromium found (apt-get install chromium, or set $LAGEBILD_CHROMIUM); "
                "the browser tests are skipped, the API tests still run")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(examples_db):
    port = _free_port()
    config = uvicorn.Config(create_app(examples_db), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(10)


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=exe, headless=True,
                                  args=["--no-sandbox", "--disable-gpu"])
        except Exception as exc:  # noqa: BLE001 - a broken browser install is a skip, with why
            pytest.skip(f"Chromium at {exe} does not start under Playwright: {exc}")
        yield b
        b.close()


def _event_id(db) -> int:
    with Store(db, read_only=True) as s:
        return int(s.con.execute("SELECT min(event_id) FROM events WHERE type = 'RETREAT'"
                                 ).fetchall()[0][0])


def test_pages_render_their_charts_in_chromium_without_errors_or_outside_requests(
        server, browser, examples_db):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def guard(route):
        host = urllib.parse.urlsplit(route.request.url).hostname
        if host != "127.0.0.1":
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()
    page.route("**/*", guard)

    pages = [("overview", "/overview", "svg.chart.stacked rect", 3),
             ("map", "/map", "svg.map path.has-events", 3),
             ("actor", "/actors/RUS", "svg.chart.stacked rect", 1),
             ("event", f"/events/{_event_id(examples_db)}", "mark.cue", 1),
             ("dyad", "/dyads/DEU/LBN", "svg.chart.mirror rect", 1),
             ("article", "/articles/1", ".text .actor", 5)]
    for name, path, selector, at_least in pages:
        resp = page.goto(server + path)
        assert resp is not None and resp.status == 200, path
        n = page.locator(selector).count()
        assert n >= at_least, f"{path}: {n} x {selector}"
        if page.locator("svg.chart").count():
            box = page.locator("svg.chart").first.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 50, f"{path}: chart not laid out"
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    # following a link works like a user's click: map -> country -> actor page
    page.goto(server + "/map")
    page.locator("svg.map a").first.click()
    assert "/actors/" in page.url
    # the actor box resolves a name
    page.goto(server + "/overview")
    page.fill("input[aria-label=actor]", "Russland")
    page.press("input[aria-label=actor]", "Enter")
    page.wait_for_url("**/actors/RUS")
    assert errors == [], errors
    assert outside == [], outside
    assert (SHOTS / "overview.png").stat().st_size > 10_000
