"""Screenshots of `lagebild serve` for the README (docs/img/*.png), in headless Chromium.

    python tools/take_screenshots.py --db build/gnad1000.duckdb --event-db lage.duckdb

``--db``: the database for the overview and the map (the README's come from the 1,000
10kGNAD articles that benchmarks/bench_serve.py ingests into build/gnad1000.duckdb);
``--event-db``: the database for the event page (the bundled examples), with --event ID
(default: its first hypothetical event with a condition or attribution). Needs Playwright
and Debian's chromium (never `playwright install`).
"""
from __future__ import annotations

import argparse
import shutil
import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from lagebild.store import Store
from lagebild.web.app import create_app

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"


def _serve(db: Path) -> tuple[str, uvicorn.Server, threading.Thread]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                        log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    while not srv.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv, t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--event-db", type=Path, required=True)
    ap.add_argument("--event", type=int)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    event = a.event
    if event is None:
        with Store(a.event_db, read_only=True) as s:
            event = s.con.execute("""SELECT event_id FROM events WHERE factuality = 'hypothetical'
                                     AND reported_by_text IS NOT NULL ORDER BY event_id LIMIT 1
                                  """).fetchall()[0][0]
    shots = [(a.db, "overview", "/overview?since=2022-01-01&until=2022-12-31", 1250), (a.db, "map", "/map?by=actor", 900),
             (a.event_db, "event", f"/events/{event}", 820)]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=a.chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        for db, name, path, height in shots:
            base, srv, t = _serve(db)
            page.set_viewport_size({"width": 1100, "height": height})
            page.goto(base + path)
            page.screenshot(path=str(OUT / f"{name}.png"))
            srv.should_exit = True
            t.join(10)
            print(OUT / f"{name}.png", (OUT / f"{name}.png").stat().st_size // 1024, "KB")
        browser.close()


if __name__ == "__main__":
    main()
