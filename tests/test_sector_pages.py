"""``?sector=`` on an actor's or a dyad's page means what ``--sector`` means on the command
line (review R23, finding 3): the sector of the page's actor's participants (``events --actor X
--sector S``), of both sides on a dyad's page (``timeline A B --sector S``) -- not "some
participant of the event is of the sector" (/actors/FPÖ.json?sector=GOV counted the FPÖ's
accusations of a government, while ``events --actor FPÖ --sector GOV`` listed none)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_domestic_actors import events_db  # noqa: E402

EVENTS = [
    "#EV ACCUSE AUT/PTY=FPÖ DEU/GOV=Bundesregierung 2025-03-01",        # a party of AUT -> a government of DEU
    "#EV CONSULT AUT/GOV=Regierung DEU/GOV=Bundesregierung 2025-03-02",  # two governments
    "#EV REJECT DEU/PTY=Grüne AUT/GOV=Regierung 2025-03-03",             # a party of DEU -> a government of AUT
    "#EV ACCUSE AUT/PTY=FPÖ AUT/GOV=Regierung 2025-03-04",               # within AUT
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return events_db(tmp_path_factory, "sec", EVENTS, "s")


def _cli_events(db, actor, sector):
    r = CliRunner().invoke(main, ["events", "--db", str(db), "--actor", actor, "--sector", sector,
                                  "--factuality", "all", "--format", "json"])
    assert r.exit_code == 0, r.output
    return len(json.loads(r.stdout))


def _cli_timeline(db, a, b, sector):
    r = CliRunner().invoke(main, ["timeline", a, b, "--db", str(db), "--sector", sector,
                                  "--factuality", "all", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    return sum(x.get("a_to_b", 0) + x.get("b_to_a", 0) for x in rows) if rows and "a_to_b" in rows[0] \
        else sum(x.get("events", 0) for x in rows)


def _client(path):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    return TestClient(create_app(path))


@pytest.mark.parametrize("actor, sector, n", [("FPÖ", "GOV", 0), ("FPÖ", "PTY", 2), ("AUT", "PTY", 2),
                                              ("AUT", "GOV", 3), ("DEU", "PTY", 1), ("Regierung", "GOV", 3)])
def test_an_actor_pages_sector_is_its_actors_as_on_the_command_line(db, actor, sector, n):
    assert _cli_events(db, actor, sector) == n
    with _client(db) as c:
        page = c.get(f"/actors/{actor}.json", params={"sector": sector, "factuality": "all"}).json()
        listed = c.get("/overview.json", params={"actor": actor, "sector": sector, "factuality": "all"}).json()
    assert sum(t["events"] for t in page["types"]) == n
    assert sum(r["as_source"] + r["as_target"] for r in page["timeline"]) >= n
    assert len(listed["events"]) == n


@pytest.mark.parametrize("a, b, sector, n", [("AUT", "DEU", "GOV", 1), ("AUT", "DEU", "PTY", 0),
                                             ("FPÖ", "Regierung", "GOV", 0), ("FPÖ", "Regierung", "PTY", 0)])
def test_a_dyad_pages_sector_is_both_sides_as_timeline_sector(db, a, b, sector, n):
    assert _cli_timeline(db, a, b, sector) == n
    with _client(db) as c:
        page = c.get(f"/dyads/{a}/{b}.json", params={"sector": sector, "factuality": "all"}).json()
    assert sum(r["a_to_b"] + r["b_to_a"] for r in page["timeline"]) == n
    assert len(page["events"]) == n
