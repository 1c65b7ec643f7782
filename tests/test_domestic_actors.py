"""Domestic politics below the country level (probe P22): a name that is no country -- a party,
person or institution as the texts write it -- filters the events whose participants are called
so, not every event of its country; a country's name or code still means the country. One
reading (``actor_names.read_actor``) for the command line and the pages; the sector filter and
the sector's name on the pages; the actor box finds the names the articles hold.

Before: ``events --actor FPÖ`` listed every AUT event without a word, ``timeline FPÖ ÖVP`` was
exit 2 ("both sides name AUT"), ``/actors/FPÖ`` and ``/actors/Kickl`` redirected to
``/actors/AUT``, "Grüne" always meant DEU, and ``/actors?q=Schnedlitz`` was a 400."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from lagebild import actor_names
from lagebild.cli import main
from lagebild.records import Actor, Article, Document, Event, EventDate, Evidence, Participant

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import filler, ingest  # noqa: E402


class PartyAnalyzer:
    """Every line ``#EV TYPE SRC TGT DATE`` becomes an event; a side is
    ``CODE/SECTOR=Words_as_written[=Actor_name]`` (the actor name: what the participant resolved
    to, when the words do not say it)."""

    def __call__(self, art: Article) -> Document:
        events, actors, offset = [], [], 0
        for i, line in enumerate(art.text.split("\n")):
            if line.startswith("#EV "):
                typ, src, tgt, date = line.split()[1:5]

                def side(spec: str) -> list[Participant]:
                    if spec == "-":
                        return []
                    head, _, rest = spec.partition("=")
                    code, _, sector = head.partition("/")
                    words, _, name = rest.partition("=")
                    aid = f"A{len(actors) + 1}"
                    text = words.replace("_", " ")
                    actors.append(Actor(aid, (name or words).replace("_", " "), [text], code,
                                        sector or None))
                    return [Participant(aid, text, code, sector or None)]
                events.append(Event(type=typ, source=side(src), target=side(tgt),
                                    date=EventDate(date, date), quad_class=3, goldstein=-2.0,
                                    evidence=[Evidence(i, offset, offset + len(line), line)]))
            offset += len(line) + 1
        return Document(doc_id=art.doc_id, dct=art.dct, text=art.text, title=art.title,
                        url=art.url, source=art.source, events=events, actors=actors)


EVENTS = [
    # 1: the FPÖ's leader accuses the ÖVP's (two parties of one country)
    "#EV ACCUSE AUT/PTY=FPÖ-Chef_Herbert_Kickl AUT/PTY=ÖVP 2025-02-11",
    # 2: the Austrian Greens reject the government
    "#EV REJECT AUT/PTY=Grünen AUT/GOV=Regierung 2025-03-04",
    # 3: the German Greens accuse the Union
    "#EV ACCUSE DEU/PTY=Grüne DEU/PTY=Union 2025-03-05",
    # 4: a court convicts an official (the judiciary)
    "#EV SANCTION AUT/JUD=Straflandesgericht AUT/GOV=Kabinettschef 2025-03-06",
    # 5: the Chancellor, named by his office only, meets Germany's chancellor
    "#EV CONSULT AUT/GOV=Kanzler=Karl_Nehammer DEU/GOV=Bundeskanzler 2025-03-07",
    # 6: the FPÖ's secretary general accuses the government
    "#EV ACCUSE AUT/PTY=FPÖ-Generalsekretär_Michael_Schnedlitz=Michael_Schnedlitz AUT/GOV=Regierung 2025-03-08",
]


def events_db(tmp_path_factory, name: str, events: list[str], prefix: str) -> Path:
    """A database of one article per ``#EV`` line of ``events`` (ids ``prefix``1, 2, ...), coded as
    written by ``PartyAnalyzer``: the fixture of the name and sector tests."""
    path = tmp_path_factory.mktemp(name) / f"{name}.duckdb"
    arts = [Article(doc_id=f"{prefix}{i}", text=filler(i) + "\n" + ev, dct="2025-03-10", source=f"o{i}",
                    url=f"https://{name}{i}.example/a/{i}") for i, ev in enumerate(events, 1)]
    ingest(path, arts, analyzer="test_domestic_actors:PartyAnalyzer")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return events_db(tmp_path_factory, "dom", EVENTS, "d")


@pytest.fixture(scope="module")
def client(db):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    with TestClient(create_app(db)) as c:
        yield c


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _events(db, *args) -> list[dict]:
    r = _run("events", "--db", db, "--format", "json", *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def _types(rows) -> list[str]:
    return sorted(r["type"] for r in rows)


# -- the reading --------------------------------------------------------------------------
@pytest.mark.parametrize("typed, code, name", [
    ("AUT", "AUT", None), ("aut", "AUT", None), ("Österreich", "AUT", None), ("Österreichs", "AUT", None),
    ("EU", "EU", None), ("FPÖ", None, "FPÖ"), ("Kickl", None, "Kickl"), ("Grüne", None, "Grüne"),
    ("Grüne (AUT)", "AUT", "Grüne"), ("Van  der Bellen", None, "Van der Bellen"),
])
def test_a_country_means_the_country_and_any_other_name_the_participants_called_so(typed, code, name):
    ref = actor_names.read_actor(typed)[0]
    assert (ref.code, ref.name) == (code, name)


def test_a_name_neither_the_lexicon_nor_the_database_knows_is_refused(db):
    from lagebild.errors import LagebildError
    from lagebild.store import Store
    with pytest.raises(LagebildError, match="unknown actor 'Straflandesgericht'"):
        actor_names.read_actor("Straflandesgericht")           # not in the lexicon, and no database
    with Store(db, read_only=True) as s:
        assert actor_names.read_actor("Straflandesgericht", db=s)[0].name == "Straflandesgericht"
        with pytest.raises(LagebildError, match="unknown actor 'Nirgendwopartei'"):
            actor_names.read_actor("Nirgendwopartei", db=s)


# -- the command line ---------------------------------------------------------------------
def test_events_by_a_party_name_lists_that_partys_events_and_says_how_it_read_it(db):
    r = _run("events", "--db", db, "--format", "json", "--actor", "FPÖ")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [(x["source_text"], x["type"]) for x in rows] == [
        ("FPÖ-Chef Herbert Kickl", "ACCUSE"), ("FPÖ-Generalsekretär Michael Schnedlitz", "ACCUSE")]
    assert "note: --actor 'FPÖ' is matched as a name" in r.stderr and "2 events of AUT" in r.stderr
    assert len(_events(db, "--actor", "AUT")) == 5          # the country: every AUT event


def test_a_name_of_participants_of_two_countries_says_so_and_a_country_keeps_one(db):
    r = _run("events", "--db", db, "--format", "json", "--actor", "Grüne")
    assert r.exit_code == 0, r.output
    assert {x["source_codes"][0] for x in json.loads(r.stdout)} == {"AUT", "DEU"}
    assert "several countries" in r.stderr and "1 event of AUT" in r.stderr and "1 event of DEU" in r.stderr
    assert "'Grüne (AUT)'" in r.stderr
    only = _events(db, "--actor", "Grüne (AUT)")
    assert [(x["type"], x["source_codes"]) for x in only] == [("REJECT", ["AUT"])]


def test_a_name_matches_the_actor_a_participant_resolved_to(db):
    """"der Kanzler" resolved to Karl Nehammer: "Nehammer" finds it through the actor's name."""
    assert _types(_events(db, "--actor", "Nehammer")) == ["CONSULT"]


def test_source_and_target_take_names(db):
    assert _types(_events(db, "--source-actor", "FPÖ", "--target-actor", "ÖVP")) == ["ACCUSE"]
    assert _events(db, "--source-actor", "ÖVP", "--target-actor", "FPÖ") == []


def test_timeline_of_two_parties_of_one_country(db):
    r = _run("timeline", "FPÖ", "ÖVP", "--db", db, "--format", "json")
    assert r.exit_code == 0, r.output
    assert [(x["day"], x["events"]) for x in json.loads(r.stdout)] == [("2025-02-11", 1)]
    assert "ACTOR_A 'FPÖ' is matched as a name" in r.stderr
    r = _run("timeline", "FPÖ", "fpö", "--db", db)
    assert r.exit_code == 2 and "both sides name" in r.output


@pytest.mark.parametrize("args, types", [
    (["--sector", "JUD"], ["SANCTION"]),
    (["--sector", "pty"], ["ACCUSE", "ACCUSE", "ACCUSE", "REJECT"]),
    (["--actor", "AUT", "--sector", "PTY"], ["ACCUSE", "ACCUSE", "REJECT"]),
    (["--target-actor", "AUT", "--sector", "GOV"], ["ACCUSE", "REJECT", "SANCTION"]),
])
def test_events_by_sector(db, args, types):
    assert _types(_events(db, *args)) == types


def test_a_bad_sector_is_a_usage_error_listing_the_sectors_with_their_names(db):
    r = _run("events", "--db", db, "--sector", "PARTY")
    assert r.exit_code == 2 and "unknown sector 'PARTY'" in r.output and "PTY (political party)" in r.output


def test_timeline_by_sector(db):
    r = _run("timeline", "AUT", "DEU", "--db", db, "--format", "json", "--sector", "GOV")
    assert r.exit_code == 0, r.output
    assert [x["day"] for x in json.loads(r.stdout)] == ["2025-03-07"]


def test_help_says_how_names_are_read():
    out = " ".join(_run("events", "--help").output.split())
    assert "--sector" in out and "participants are called so" in out and "Grüne (AUT)" in out
    out = " ".join(_run("timeline", "--help").output.split())
    assert "--sector" in out and "timeline FPÖ ÖVP" in out


# -- the pages ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["FPÖ", "Kickl", "Grüne", "Straflandesgericht"])
def test_a_name_that_is_no_country_has_a_page_of_its_own(client, name):
    r = client.get(f"/actors/{quote(name)}.json", follow_redirects=False)
    assert r.status_code == 200, (r.status_code, r.headers.get("location"))
    d = r.json()
    assert d["actor"] == name and d["match"] == "name"
    page = client.get(f"/actors/{quote(name)}").text
    assert "participants called so" in page


def test_the_name_page_counts_the_names_events_not_the_countrys(client):
    d = client.get("/actors/FPÖ.json").json()
    assert d["countries"] == [["AUT", 2]]
    assert sum(t["events"] for t in d["types"]) == 2
    assert [p["code"] for p in d["partners_as_source"]] == ["AUT"]   # its own country's actors
    grüne = client.get("/actors/Grüne.json").json()
    assert sorted(grüne["countries"]) == [["AUT", 1], ["DEU", 1]]
    assert "Note:" in client.get("/overview?actor=Gr%C3%BCne").text
    assert client.get("/actors/AUT.json").json()["match"] == "code"
    r = client.get("/actors/%C3%96sterreich.json", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/actors/AUT.json"


def test_the_lists_filter_by_a_name_and_say_how_they_read_it(client):
    d = client.get("/overview.json", params={"actor": "FPÖ"}).json()
    assert d["pagination"]["total"] == 2 and d["filters"]["actor"] == "FPÖ"
    assert d["filters"]["actor_notes"] and "matched as a name" in d["filters"]["actor_notes"][0]
    page = client.get("/overview", params={"actor": "Grüne"}).text
    assert 'class="note"' in page and "several countries" in page


def test_the_dyad_page_of_two_parties_of_one_country(client):
    r = client.get("/dyads/FPÖ/ÖVP.json")
    assert r.status_code == 200, r.text
    d = r.json()
    assert (d["a"], d["b"], d["match_a"]) == ("FPÖ", "ÖVP", "name")
    assert [e["type"] for e in d["events"]] == ["ACCUSE"]
    assert client.get("/dyads/FPÖ/FPÖ.json").status_code == 400


@pytest.mark.parametrize("query, types", [("sector=JUD", ["SANCTION"]),
                                          ("actor=AUT&sector=PTY", ["ACCUSE", "ACCUSE", "REJECT"])])
def test_the_lists_filter_by_sector(client, query, types):
    d = client.get("/overview.json?" + query + "&per_page=50")
    assert d.status_code == 200, d.text
    assert sorted(e["type"] for e in d.json()["events"]) == types


def test_the_pages_show_the_sector_and_its_name_next_to_the_code(client):
    page = client.get("/overview").text
    assert "JUD" in page and "judiciary" in page and "political party" in page
    ev = client.get("/overview.json?sector=JUD").json()["events"][0]
    assert ev["source_sector"] == "JUD"
    event = client.get(f"/events/{ev['event_id']}").text
    assert "judiciary" in event and "Straflandesgericht" in event


def test_the_sector_table_is_one_reviewed_file_with_every_sector():
    from lagebild.lexicon import SECTORS, sector_names
    assert set(sector_names()) == SECTORS and sector_names()["PTY"] == "political party"


# -- the actor box: names the articles hold ----------------------------------------------------
@pytest.mark.parametrize("q, to", [("Schnedlitz", "/actors/Schnedlitz"), ("Straflandesgericht", "/actors/Straflandesgericht"),
                                   ("Herbert Kickl", "/actors/Herbert%20Kickl"), ("Österreich", "/actors/AUT")])
def test_the_actor_box_finds_names_the_articles_hold(client, q, to):
    r = client.get("/actors", params={"q": q}, follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == to, (r.status_code, r.text[:300])
    assert client.get(to + ".json" if "?" not in to else to).status_code == 200


def test_the_actor_box_refuses_a_name_nobody_has_naming_close_ones(client):
    r = client.get("/actors.json", params={"q": "Schnedlitzer"})
    assert r.status_code == 400 and "unknown actor" in r.json()["error"]
    r = client.get("/actors.json", params={"q": "Schned"}, follow_redirects=False)
    assert r.status_code == 302             # a word's start is a name, as in the search


def test_actors_search_with_a_database_lists_the_names_its_articles_hold(db):
    r = _run("actors", "--db", db, "--search", "Schnedlitz", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert any(x["name"] == "Michael Schnedlitz" and x["code"] == "AUT" for x in rows), rows
