"""`lagebild serve`: every page and its JSON twin, filters, bad values, 404s, pagination,
ETags, the token, a busy database and the live watcher (in-process, Starlette TestClient)."""
from __future__ import annotations

import re
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")
pytest.importorskip("jinja2", reason="the web extra is not installed (pip install '.[web]')")

from click.testing import CliRunner  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from lagebild.queries import MAX_ROWS  # noqa: E402
from lagebild.store import Store  # noqa: E402
from lagebild.web import charts  # noqa: E402
from lagebild.web.app import create_app  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import SPEC, art, ingest  # noqa: E402  (the scripted analyzer)


@pytest.fixture(scope="module")
def client(examples_db):
    with TestClient(create_app(examples_db)) as c:
        yield c


@pytest.fixture(scope="module")
def scripted_db(tmp_path_factory):
    """130 RUS->UKR events two days apart (so they stay apart), a few USA->RUS, one event
    from two outlets."""
    import datetime as dt
    db = tmp_path_factory.mktemp("web") / "s.duckdb"
    day0 = dt.date(2022, 1, 1)
    arts = [art(i, f"#EV ASSAULT RUS UKR {day0 + dt.timedelta(days=2 * i)} - Kiew")
            for i in range(130)]
    arts += [art(200 + i, f"#EV CONSULT USA RUS 2022-02-{10 + 3 * i:02d}") for i in range(3)]
    arts += [art(300, "#EV AID DEU UKR 2022-03-01", source="a"),
             art(301, "#EV AID DEU UKR 2022-03-01", source="b"),
             art(302, "#EV ACCUSE USA RUS 2022-02-20 planned", body="#QUOTE Ein Zitat")]
    ingest(db, arts)
    return db


@pytest.fixture(scope="module")
def sclient(scripted_db):
    with TestClient(create_app(scripted_db)) as c:
        yield c


def _first_event_id(db: Path, type_: str) -> int:
    with Store(db, read_only=True) as s:
        return int(s.con.execute("SELECT min(event_id) FROM events WHERE type = ?",
                                 [type_]).fetchall()[0][0])


# -- every page and its twin ---------------------------------------------------------------
PAGES = ["/overview", "/map", "/map?by=actor", "/actors", "/actors/RUS", "/dyads/RUS/FRA",
         "/events/{ev}", "/articles/1", "/search?q=Dialog"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_and_its_json_twin_answer_with_the_same_data(client, examples_db, page):
    page = page.format(ev=_first_event_id(examples_db, "RETREAT"))
    path, _, query = page.partition("?")
    html = client.get(page)
    assert html.status_code == 200, html.text[:300]
    assert html.headers["content-type"].startswith("text/html")
    assert "<!doctype html>" in html.text and "Traceback" not in html.text
    twin = client.get(path + ".json" + ("?" + query if query else ""))
    assert twin.status_code == 200
    assert twin.headers["content-type"].startswith("application/json")
    data = twin.json()
    assert data and "error" not in data
    assert twin.headers["etag"]
    # no scripts, nothing from elsewhere: a CSP that forbids it, and no external references
    assert "<script" not in html.text
    assert not re.search(r'(src|href)="(https?:)?//', html.text)
    assert "default-src 'none'" in html.headers["content-security-policy"]


def test_root_redirects_to_the_overview_keeping_the_filters(client):
    r = client.get("/?actor=RUS", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/overview?actor=RUS"


def test_overview_has_charts_dyads_and_newest_events_with_factuality_badges(client, examples_db):
    d = client.get("/overview.json").json()
    with Store(examples_db, read_only=True) as s:
        n_events, n_day = s.con.execute(
            "SELECT count(*), count(*) FILTER (WHERE date_precision = 'day') FROM events"
        ).fetchall()[0]
        # events per dyad of two countries (the overview's top dyads)
        pairs = dict(((a, b), n) for a, b, n in s.con.execute(
            "SELECT s, t, count(*) FROM (SELECT DISTINCT event_id, unnest(source_codes) AS s FROM events) "
            "JOIN (SELECT DISTINCT event_id, unnest(target_codes) AS t FROM events) USING (event_id) "
            "WHERE s <> t GROUP BY s, t").fetchall())
    assert d["unit"] == "week"  # February to November: weekly bars
    assert sum(x["events"] for x in d["series"]) == n_day
    assert sum(sum(x["by_quad_class"].values()) for x in d["series"]) == n_day
    assert d["pagination"]["total"] == n_events
    top = d["top_dyads"][0]
    top_src, top_tgt = top["source"], top["target"]
    assert top["events"] == pairs[top_src, top_tgt] == max(pairs.values()) >= 2
    # activity needs 5 dated events (as the dyad page's escalation does): fewer is "unknown"
    both = min(top["first_half"], top["second_half"])
    assert top["series"] and (top["trend"] in ("rising", "falling", "steady")) == (both >= 5)
    dates = [e["event_date"] for e in d["events"] if e["event_date"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    html = client.get("/overview").text
    assert html.count('<svg class="chart') == 2 and "<rect" in html
    assert 'class="badge f-hypothetical"' in html and 'class="badge f-asserted"' in html
    assert f'href="/dyads/{top_src}/{top_tgt}' in html


@pytest.mark.parametrize("query, check", [
    ("actor=RUS", lambda e: "RUS" in e["source_codes"] + e["target_codes"]),
    ("actor=rus,blr", lambda e: {"RUS", "BLR"} & set(e["source_codes"] + e["target_codes"])),
    ("factuality=asserted", lambda e: e["factuality"] == "asserted"),
    ("factuality=planned,hypothetical", lambda e: e["factuality"] in ("planned", "hypothetical")),
    ("type=ACCUSE", lambda e: e["type"] == "ACCUSE"),
    ("since=2024-06&until=2024-09-30", lambda e: "2024-06-01" <= e["event_date"] <= "2024-09-30"),
    ("min_sources=2", lambda e: e["num_sources"] >= 2),
])
def test_overview_filters_keep_only_matching_events(client, query, check):
    d = client.get("/overview.json?" + query + "&per_page=500").json()
    assert d["events"], f"{query}: nothing matched"
    assert all(check(e) for e in d["events"]), query
    assert d["pagination"]["total"] == len(d["events"])
    everything = client.get("/overview.json?per_page=500").json()["pagination"]["total"]
    assert d["pagination"]["total"] < everything


def test_factuality_all_on_the_pages_is_every_factuality(client):
    """?factuality=all, as on the command line (it was refused with a 400)."""
    every = client.get("/overview.json?factuality=asserted,planned,hypothetical,negated&per_page=500").json()
    d = client.get("/overview.json?factuality=all&per_page=500").json()
    assert d["pagination"]["total"] == every["pagination"]["total"] > 0
    assert {e["factuality"] for e in d["events"]} >= {"asserted", "hypothetical"}


@pytest.mark.parametrize("query, name", [
    ("since=2022-13", "since"), ("until=yesterday", "until"), ("since=2024-06&until=2024-01", "until"),
    ("factuality=maybe", "factuality"), ("min_sources=0", "min_sources"),
    ("min_sources=abc", "min_sources"), ("actor=RUS;DROP TABLE events", "actor"),
    ("type=assault'--", "type"), ("type=ATTACK", "type"), ("type=ASSAULT,FOO", "type"), ("page=0", "page"), (f"per_page={MAX_ROWS + 1}", "per_page"),
    ("since=2024&since=2023", "since"), ("actor=RUS&actor=UKR", "actor"),
    ("min_confidence=1.5", "min_confidence"), ("min_confidence=abc", "min_confidence"), ("sector=XYZ", "sector"), ("actor=XYZ", "actor"), ("actor=RUS,XYZ", "actor"),
    ("by=actor&by=place", "by"), ("day=2022-02-24&day=2022-02-26", "day"), ("q=a&q=b", "q"),
])
def test_bad_filter_values_get_a_clear_400(client, query, name):
    r = client.get("/overview.json?" + query)
    assert r.status_code == 400
    assert r.json()["error"].startswith(f"bad value for {name}:")
    h = client.get("/overview?" + query)
    assert h.status_code == 400 and f"bad value for {name}" in h.text
    assert "Traceback" not in h.text


@pytest.mark.parametrize("url", ["/map.json?by=everything", "/dyads/RUS/FRA.json?day=2024-3-6",
                                 "/search.json?q=x", "/dyads/R/FRA.json"])
def test_bad_page_parameters_get_a_400(client, url):
    r = client.get(url)
    assert r.status_code == 400 and "bad value" in r.json()["error"]


@pytest.mark.parametrize("url", ["/events/999999", "/articles/999999", "/no/such/page"])
def test_unknown_events_articles_and_pages_are_404(client, url):
    """An unknown actor in an address is a 400, as in ?actor= (see the address tests below)."""
    h = client.get(url)
    assert h.status_code == 404 and "Not found" in h.text
    j = client.get(url + ".json")
    assert j.status_code == 404 and j.json()["status"] == 404


@pytest.mark.parametrize("name", ["Russland", "Russlands", "Russen", "rus"])
def test_country_names_resolve_to_codes_through_the_lexicon(client, name):
    """A country's name, its people or its code in lower case is the country (the page of the
    code); a person's or stand-in's name ("Putin", "Kreml") is a name of its own (probe P22:
    test_a_name_that_is_no_country_has_a_page_of_its_own)."""
    r = client.get(f"/actors?q={name}", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/actors/RUS"
    r = client.get(f"/actors/{name}.json", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/actors/RUS.json"


def test_an_organisation_with_a_code_of_its_own_has_its_name():
    """Probe: the ICC's page was titled "ICC" and the overview showed "ICC -> PHL", though the
    lexicon names it; country and IGO names stay as they were."""
    from lagebild.web.names import actor_name
    assert actor_name("ICC") == "Internationaler Strafgerichtshof"
    assert (actor_name("DEU"), actor_name("EU"), actor_name("UN")) == ("Deutschland", "Europäische Union",
                                                                       "Vereinte Nationen")


def test_actor_page_has_timeline_partners_quotes_and_types(client):
    d = client.get("/actors/RUS.json").json()
    assert d["name"] == "Russland" and d["timeline"]
    assert {p["code"] for p in d["partners_as_source"]} >= {"FRA"}
    assert d["quotes"] and all(q["text"] for q in d["quotes"])
    assert any(q["text"] == "Man prüfe den Vorschlag" for q in d["quotes"])
    assert {t["type"] for t in d["types"]} >= {"ACCUSE"}
    html = client.get("/actors/RUS").text
    assert "Man prüfe den Vorschlag" in html and '<svg class="chart' in html


def test_dyad_page_shows_both_directions_and_the_events_of_a_day(sclient):
    import datetime as dt
    d = sclient.get("/dyads/RUS/UKR.json").json()
    assert sum(x["a_to_b"] for x in d["timeline"]) == 130
    assert d["unit"] == "week"  # 260 days: one point per week, each starting on a Monday
    assert all(dt.date.fromisoformat(x["bucket"]).weekday() == 0 for x in d["timeline"])
    short = sclient.get("/dyads/RUS/UKR.json?until=2022-02-28").json()
    assert short["unit"] == "day" and len(short["timeline"]) == 30
    assert d["escalation"]["trend"] in ("escalating", "de-escalating", "stable", "unknown")
    day = sclient.get("/dyads/RUS/UKR.json?day=2022-01-05").json()
    assert [e["event_date"] for e in day["events"]] == ["2022-01-05"]
    html = sclient.get("/dyads/RUS/UKR").text
    assert 'class="chart mirror"' in html
    assert re.search(r'<a href="/dyads/RUS/UKR\?[^"]*(day|since)=[^"]*#events">', html)  # bar -> events
    rev = sclient.get("/dyads/UKR/RUS.json").json()
    assert sum(x["b_to_a"] for x in rev["timeline"]) == 130


def test_event_page_shows_evidence_with_cue_and_participants_marked(client, examples_db):
    ev = _first_event_id(examples_db, "RETREAT")
    d = client.get(f"/events/{ev}.json").json()["event"]
    assert d["type"] == "RETREAT" and d["factuality"] == "hypothetical"
    assert d["reported_by_text"] == "Außenministerium"
    assert d["mentions"] and d["articles"][0]["doc_id"] == "aussenminister-treffen"
    assert d["source_participants"][0]["text"] == "Moskau"
    html = client.get(f"/events/{ev}").text
    assert '<mark class="cue">freilasse</mark>' in html
    assert '<mark class="src">Moskau</mark>' in html
    # a hypothetical event has no date (timex.happening_date): "am Mittwochabend" dates the
    # statement, so it is shown in the sentence but not marked as the event's date
    assert d["date_value"] is None and "am Mittwochabend" in html
    assert '<mark class="timex">am Mittwochabend</mark>' not in html


def test_article_page_marks_actors_time_quotes_and_events_inline(client):
    d = client.get("/articles/1.json").json()["article"]
    assert d["doc_id"] == "aussenminister-treffen" and d["events"] and d["quotes"]
    html = client.get("/articles/1").text
    assert '<span class="actor">Kreml</span><span class="lbl actor">RUS</span>' in html
    assert 'class="evbadge" href="/events/' in html
    assert re.search(r'<span class="[^"]*quote[^"]*">Wir sind zum Dialog', html)
    # the dates of its events (the planned meeting's; "am Mittwochabend" dates only a statement)
    assert re.search(r'<span class="[^"]*timex[^"]*">in der kommenden Woche</span>', html)


def test_search_finds_articles_and_quotes_and_is_parameterised(client, examples_db):
    d = client.get("/search.json?q=Dialog").json()
    assert d["articles_total"] == 1 and d["quotes_total"] == 1
    assert "Dialog" in d["articles"][0]["snippet"]
    assert client.get("/search?q=Dialog").text.count('<mark class="hit">Dialog</mark>') == 1
    for nasty in ("'; DROP TABLE events; --", "100%", "_"):
        r = client.get("/search.json", params={"q": nasty + " x"})
        assert r.status_code == 200 and r.json()["articles_total"] == 0
    with Store(examples_db, read_only=True) as s:
        assert s.counts()["events"] > 0


def test_map_shades_countries_with_events_and_lists_places(client):
    every = client.get("/map.json?factuality=asserted,planned,hypothetical,negated").json()
    assert {r["code"]: r["events"] for r in every["countries"]}["FRA"] == 1
    d = client.get("/map.json").json()      # where it happened: asserted and planned events
    counts = {r["code"]: r["events"] for r in d["countries"]}
    assert counts["LUX"] == 2 and "FRA" not in counts      # the one in France did not happen
    assert {"place": "Luxemburg", "code": "LUX", "events": 2} in d["places"]
    html = client.get("/map").text
    assert html.count('class="has-events"') == len([c for c in counts if c in charts.world()["countries"]])
    assert 'href="/actors/LUX"' in html and '<circle class="place"' in html
    by_actor = client.get("/map.json?by=actor").json()
    assert by_actor["by"] == "actor" and sum(r["events"] for r in by_actor["countries"]) > sum(counts.values())


# -- pagination ----------------------------------------------------------------------------
def test_pages_of_events_are_complete_and_disjoint(sclient):
    seen, url, pages = [], "/overview.json?actor=RUS&type=ASSAULT&per_page=50", 0
    while url:
        d = sclient.get(url).json()
        assert len(d["events"]) <= 50
        seen += [e["event_id"] for e in d["events"]]
        url = d["pagination"]["next"]
        pages += 1
        if url:
            assert url.startswith("/overview.json?") and "page=" in url
    assert pages == 3 and len(seen) == len(set(seen)) == 130
    last = sclient.get("/overview.json?actor=RUS&type=ASSAULT&per_page=50&page=3").json()
    assert len(last["events"]) == 30 and last["pagination"]["prev"]
    big = sclient.get(f"/overview.json?per_page={MAX_ROWS}").json()
    assert len(big["events"]) == big["pagination"]["total"] <= MAX_ROWS


def test_html_pager_links_to_the_next_page(sclient):
    html = sclient.get("/overview?per_page=20").text
    assert 'rel="next"' in html and "page=2" in html


def test_a_page_past_the_last_says_so_and_links_the_last(sclient):
    """Probe: /overview?page=99 said "No events for these filters" and "page 99 of 1"."""
    d = sclient.get("/overview.json?per_page=100&page=99").json()
    assert d["events"] == [] and d["pagination"]["past_end"] and d["pagination"]["pages"] == 2
    html = sclient.get("/overview?per_page=100&page=99").text
    assert "Page 99 is past the last page (2;" in html and "page=2" in html
    assert "No events for these filters" not in html and "page 99 of" not in html
    html = sclient.get("/dyads/RUS/UKR?page=99").text
    assert "is past the last page" in html
    assert not sclient.get("/overview.json?per_page=100&page=2").json()["pagination"]["past_end"]
    assert "No events for these filters" in sclient.get("/overview?actor=RUS&since=1990&until=1991").text
    # every paged list: the search page and an actor page's quotes (a review)
    html = sclient.get("/search?q=Ein&page=999").text
    assert "Page 999 is past the last page" in html and "No quote matches" not in html
    html = sclient.get("/actors/USA?page=999").text
    assert "Page 999 is past the last page" in html and "No quotes of this actor" not in html


def test_min_sources_counts_distinct_outlets(sclient):
    d = sclient.get("/overview.json?min_sources=2").json()
    assert [(e["type"], e["num_sources"]) for e in d["events"]] == [("AID", 2)]


# -- caching -------------------------------------------------------------------------------
def test_json_answers_carry_an_etag_and_answer_304_when_unchanged(client):
    r = client.get("/overview.json?actor=RUS")
    etag = r.headers["etag"]
    again = client.get("/overview.json?actor=RUS", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    other = client.get("/overview.json?actor=FRA", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag


# -- token ---------------------------------------------------------------------------------
def test_token_protects_every_endpoint(examples_db):
    with TestClient(create_app(examples_db, token="s3cret")) as c:
        for url in ("/overview", "/overview.json", "/events/1.json", "/actors?q=Kreml", "/nope"):
            r = c.get(url, follow_redirects=False)
            assert r.status_code == 401, url
            assert "token" in r.text.lower()
        assert c.get("/overview.json", headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = c.get("/overview.json", headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["events"]
        first = c.get("/map?by=actor&token=s3cret", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/map?by=actor"
        assert "lagebild_token" in first.headers["set-cookie"]
        assert "httponly" in first.headers["set-cookie"].lower()
        assert c.get("/map?by=actor").status_code == 200  # the cookie now carries it
    with TestClient(create_app(examples_db, token="s3cret")) as c:
        r = c.get("/overview.json?token=s3cret", follow_redirects=False)     # a script, no cookie jar
        assert r.status_code == 200 and r.json()["events"]


def test_a_loopback_server_answers_only_to_its_own_names(examples_db):
    """Another site's name resolved to 127.0.0.1 (DNS rebinding) read the pages of a server with
    no token (a code review): serve passes the loopback names, any other Host gets a 400."""
    from lagebild.cli.web import LOOPBACK
    app = create_app(examples_db, allowed_hosts=LOOPBACK)
    with TestClient(app, base_url="http://attacker.example:8000") as c:
        r = c.get("/search.json?q=Regierung")
        assert r.status_code == 400 and "answers to" in r.text and "attacker.example" in r.text
    for base in ("http://127.0.0.1:8000", "http://localhost:8123", "http://[::1]:8000"):
        with TestClient(app, base_url=base) as c:
            assert c.get("/overview.json").status_code == 200, base


def test_the_access_log_never_shows_the_token():
    import logging
    from lagebild.cli.web import _hide_token
    rec = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d', (
        "127.0.0.1:5", "GET", "/map?by=actor&token=s3cret", "1.1", 303), None)
    assert _hide_token(rec) and rec.getMessage() == '127.0.0.1:5 - "GET /map?by=actor&token=*** HTTP/1.1" 303'


# -- a busy database -----------------------------------------------------------------------
HOLD = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
        "print('locked', flush=True); time.sleep(60)")


def test_database_held_by_another_writer_gives_a_busy_page_then_recovers(tmp_path, scripted_db):
    db = tmp_path / "busy.duckdb"
    db.write_bytes(scripted_db.read_bytes())
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with TestClient(create_app(db)) as c:
            r = c.get("/overview")
            assert r.status_code == 503 and "Database busy" in r.text
            assert "another process is writing to the database" in r.text and "Traceback" not in r.text
            assert r.headers["retry-after"]
            j = c.get("/overview.json")
            assert j.status_code == 503 and "reload in a moment" in j.json()["error"]
            holder.kill()
            holder.wait(10)
            r = c.get("/overview.json")
            assert r.status_code == 200 and r.json()["events"]
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)


def test_a_watcher_waits_for_a_database_another_process_holds(tmp_path, scripted_db):
    """serve --watch started while another process wrote: the watcher stopped for good, and
    the page said "reload in a moment" (a code review). It waits, says so, and starts."""
    import time
    db = tmp_path / "w.duckdb"
    db.write_bytes(scripted_db.read_bytes())
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        # a feed the fetcher refuses at once (a loopback address): no request leaves the test
        app = create_app(db, watch=["http://127.0.0.1:9/feed.xml"], every=0.2)
        app.state.watcher.retry = 0.1
        with TestClient(app) as c:
            for _ in range(50):
                if app.state.watcher.error:
                    break
                time.sleep(0.1)
            assert app.state.watcher.error.startswith("waiting for the database")
            assert "starts when the file is free" in c.get("/overview").text
            holder.kill()
            holder.wait(10)
            for _ in range(100):
                if app.state.watcher.rounds:
                    break
                time.sleep(0.1)
            assert app.state.watcher.rounds >= 1 and app.state.watcher.thread.is_alive()
            assert app.state.watcher.error is None
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)


def test_ingest_elsewhere_gets_the_clear_message_while_the_server_reads(tmp_path, scripted_db):
    db = tmp_path / "ro.duckdb"
    db.write_bytes(scripted_db.read_bytes())
    src = tmp_path / "a.txt"
    src.write_text("date 2022-03-01\nRussland greift an.\n", encoding="utf-8")
    # a server that keeps the file (idle_close=None; by default it lets go when idle: see
    # test_database_lock.py): the ingest exits 75, "busy, try again"
    with TestClient(create_app(db, idle_close=None)) as c:
        assert c.get("/overview.json").status_code == 200  # the server now holds the file
        code = (f"import sys; from lagebild.cli import main; "
                f"sys.argv=['lagebild','ingest',{str(src)!r},'--db',{str(db)!r},'-q']; main()")
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=120, cwd=Path(__file__).resolve().parents[1])
        assert p.returncode == 75
        assert "in use by another process" in p.stderr
        assert "Traceback" not in p.stderr


# -- live: --watch ---------------------------------------------------------------------------
def test_watch_mode_ingests_new_articles_while_pages_keep_working(tmp_path):
    db = tmp_path / "live.duckdb"
    ingest(db, [art(1, "#EV CONSULT USA RUS 2022-02-15")])
    rounds = []

    def fetch(url, etag=None, modified=None, **kw):
        n = len(rounds)
        rounds.append(url)
        arts = [art(100 + n, f"#EV ASSAULT RUS UKR 2022-02-{10 + 3 * n:02d}")] if n < 3 else []
        return types.SimpleNamespace(articles=arts, etag=f"e{n}", modified=None, status=200,
                                     warnings=[])

    app = create_app(db, watch=["https://feed.example/rss"], every=0.05,
                     ingest_kw={"analyzer": SPEC}, watch_kw={"fetch": fetch, "jitter": 0})
    with TestClient(app) as c:
        deadline = time.time() + 30
        total = 0
        while time.time() < deadline:
            r = c.get("/overview.json")
            assert r.status_code == 200
            total = r.json()["pagination"]["total"]
            if total >= 4:
                break
            time.sleep(0.05)
        assert total == 4  # the first event and three from the feed
        assert "live" in c.get("/overview").text
    assert app.state.watcher.error is None
    with Store(db, read_only=True) as s:  # the watcher let go of the file on shutdown
        assert s.feed_state("https://feed.example/rss")["articles_seen"] == 3


class BusyOnMarker:
    """The scripted analyzer, busy in Python code for up to 10 s on an article with #BUSY."""

    def __init__(self):
        from test_ingest import ScriptedAnalyzer
        self.inner = ScriptedAnalyzer()

    def __call__(self, article):
        if "#BUSY" in article.text:
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < 10:
                pass
        return self.inner(article)


def test_the_time_budget_holds_in_the_watchers_thread(tmp_path):
    """serve --watch analyzes in a background thread, where ingest's per-article time budget
    (SIGALRM) did not reach: one runaway article held the writer as long as it ran."""
    db = tmp_path / "live.duckdb"
    ingest(db, [art(1, "#EV CONSULT USA RUS 2022-02-15")])
    served = []

    def fetch(url, etag=None, modified=None, **kw):
        arts = [] if served else [art(50, "#BUSY"), art(51, "#EV ASSAULT RUS UKR 2022-02-20")]
        served.append(url)
        return types.SimpleNamespace(articles=arts, etag="e", modified=None, status=200, warnings=[])

    app = create_app(db, watch=["https://feed.example/rss"], every=0.05,
                     ingest_kw={"analyzer": BusyOnMarker, "time_budget": 0.5},
                     watch_kw={"fetch": fetch, "jitter": 0})
    t0 = time.perf_counter()
    with TestClient(app) as c:
        total = 0
        while time.perf_counter() - t0 < 8 and total < 2:
            total = c.get("/overview.json").json()["pagination"]["total"]
            time.sleep(0.05)
        took = time.perf_counter() - t0
    assert total == 2 and took < 5      # the busy article was cut off at its budget
    with Store(db, read_only=True) as s:
        ids = {r[0] for r in s.con.execute("SELECT doc_id FROM articles").fetchall()}
    assert ids == {"d1", "d51"}


# -- the command line ----------------------------------------------------------------------
def test_serve_help_has_examples():
    from lagebild.cli import main
    r = CliRunner().invoke(main, ["serve", "--help"])
    assert r.exit_code == 0
    assert "lagebild serve --db lage.duckdb" in r.output and "--watch" in r.output
    assert "--token" in r.output


def test_serve_without_the_web_extra_fails_politely(monkeypatch, examples_db):
    import lagebild.web as web
    from lagebild.cli import main

    def missing():
        raise ImportError(web.missing_message("starlette"))
    monkeypatch.setattr(web, "require_web", missing)
    r = CliRunner().invoke(main, ["serve", "--db", str(examples_db)])
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    # an install from a folder, as the README's, and one from a package index (probe P1: only
    # the index's form was given)
    assert 'pip install "PATH[web]"' in r.output and 'pip install ".[web]"' in r.output
    assert 'pip install "lagebild[web]"' in r.output


def test_serve_refuses_a_missing_database_with_a_hint(tmp_path):
    from lagebild.cli import main
    r = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "lagebild ingest examples/" in r.output


class _FakeSocket:
    """What _bound_socket returns, without binding (for tests of what serve prints)."""

    def __init__(self, port):
        self.port = port

    def getsockname(self):
        return ("127.0.0.1", self.port)

    def close(self):
        pass


def test_serve_prints_the_address_and_runs_uvicorn_on_localhost(monkeypatch, examples_db):
    import uvicorn

    from lagebild.cli import main
    calls = {}
    import lagebild.cli.web as cw
    monkeypatch.setattr(cw, "_run_server", lambda app, sock, **kw: calls.update(kw, sock=sock))
    r = CliRunner().invoke(main, ["serve", "--db", str(examples_db), "--port", "0"])
    assert r.exit_code == 0, r.output
    port = calls["sock"].getsockname()[1]
    calls["sock"].close()
    assert port > 0 and f"http://127.0.0.1:{port}/" in r.output and "read-only" in r.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == port        # --port 0: the port it got
    assert calls["access_log"] and calls["log_level"] == "info"      # the access lines are shown


def test_serve_on_a_busy_port_says_so_before_printing_an_address(examples_db):
    import socket

    from lagebild.cli import main
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    try:
        r = CliRunner().invoke(main, ["serve", "--db", str(examples_db), "--port", str(port)])
    finally:
        busy.close()
    assert r.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in r.output
    assert "serving" not in r.output and "--port 0" in r.output


def test_serve_refuses_every_without_watch(examples_db):
    from lagebild.cli import main
    r = CliRunner().invoke(main, ["serve", "--db", str(examples_db), "--every", "5m"])
    assert r.exit_code == 2 and "--every is the polling interval of --watch" in r.output


def test_serve_watch_makes_the_server_the_writer_of_several_feeds(monkeypatch, examples_db,
                                                                    tmp_path):
    import uvicorn

    import lagebild.web.app as web_app
    from lagebild.cli import main
    db = tmp_path / "w.duckdb"
    db.write_bytes(examples_db.read_bytes())
    seen = {}
    real = web_app.create_app
    monkeypatch.setattr(web_app, "create_app", lambda *a, **kw: seen.update(kw) or real(*a, **kw))
    import lagebild.cli.web as cw
    monkeypatch.setattr(cw, "_run_server", lambda app, sock, **kw: sock.close())
    monkeypatch.setattr(cw, "_bound_socket", lambda host, port: _FakeSocket(port))
    r = CliRunner().invoke(main, ["serve", "--db", str(db), "--watch", "https://a.example/rss",
                                  "https://b.example/rss", "--every", "30m"])
    assert r.exit_code == 0, r.output
    assert seen["watch"] == ["https://a.example/rss", "https://b.example/rss"]
    assert seen["every"] == 1800 and "live, polling 2 feeds every 30m" in r.output
    assert not seen["watch_kw"]
    # a feed server in one's own network; a new database file is created by the watching server
    new = tmp_path / "new.duckdb"
    r = CliRunner().invoke(main, ["serve", "--db", str(new), "--watch", "http://127.0.0.1:9/rss",
                                  "--allow-private-hosts"])
    assert r.exit_code == 0, r.output
    assert seen["watch_kw"] == {"allow_private": True} and new.exists()
    r = CliRunner().invoke(main, ["serve", "--db", str(db), "--allow-private-hosts"])
    assert r.exit_code == 2 and "for the feeds of --watch" in r.output


def test_serve_on_an_exposed_host_always_has_a_token(monkeypatch, examples_db):
    import uvicorn

    from lagebild.cli import main
    import lagebild.cli.web as cw
    monkeypatch.setattr(cw, "_run_server", lambda app, sock, **kw: sock.close())
    monkeypatch.setattr(cw, "_bound_socket", lambda host, port: _FakeSocket(port))   # never bound on 0.0.0.0
    monkeypatch.delenv("LAGEBILD_TOKEN", raising=False)
    r = CliRunner().invoke(main, ["serve", "--db", str(examples_db), "--host", "0.0.0.0"])
    assert r.exit_code == 0 and "?token=" in r.output
    r = CliRunner().invoke(main, ["serve", "--db", str(examples_db), "--host", "0.0.0.0"],
                           env={"LAGEBILD_TOKEN": "mine"})
    assert "?token=mine" in r.output


# -- charts --------------------------------------------------------------------------------
def test_long_periods_are_drawn_by_month_from_the_first_day_asked_for(sclient):
    d = sclient.get("/overview.json?since=2020").json()
    assert d["unit"] == "month" and d["first_day"] == "2020-01-01"
    assert [x["bucket"][8:] for x in d["series"]] == ["01"] * len(d["series"])
    assert sum(x["events"] for x in d["series"]) == d["pagination"]["total"]


def test_a_stray_ancient_date_does_not_stretch_the_charts(tmp_path):
    import datetime as dt
    db = tmp_path / "stray.duckdb"
    day0 = dt.date(2022, 1, 1)
    ingest(db, [art(i, f"#EV ACCUSE USA RUS {day0 + dt.timedelta(days=2 * i)}") for i in range(200)]
           + [art(999, "#EV ACCUSE USA RUS 1214-05-01")])
    with TestClient(create_app(db)) as c:
        d = c.get("/overview.json?per_page=1").json()
        assert d["pagination"]["total"] == 201  # the event is listed ...
        assert d["first_day"] > "2022" and d["unit"] == "week"  # ... but not charted
        assert sum(x["events"] for x in d["series"]) < 200
        assert '<svg class="chart stacked"' in c.get("/overview").text


def test_bucket_unit_grows_with_the_span():
    assert charts.bucket_unit("2022-01-01", "2022-03-01") == "day"
    assert charts.bucket_unit("2022-01-01", "2023-01-01") == "week"
    assert charts.bucket_unit("2020-01-01", "2023-01-01") == "month"
    assert charts.bucket_unit("1900-01-01", "2023-01-01") == "year"
    assert charts.fill_buckets("2021-11-15", "2022-02-01", "month") == [
        "2021-11-01", "2021-12-01", "2022-01-01", "2022-02-01"]
    assert charts.fill_buckets("2022-01-30", "2022-02-02", "day") == [
        "2022-01-30", "2022-01-31", "2022-02-01", "2022-02-02"]


def test_charts_escape_labels_and_draw_one_rect_per_part():
    svg = charts.stacked_bars([("<b>", {1: 2, 4: 1}), ("x", {})], title="<script>")
    assert "<script>" not in svg and "&lt;b&gt;" in svg
    assert svg.count("<rect") == 2
    assert "<polyline" in charts.sparkline([("2022-01-02", 3)], "2022-01-01", "2022-01-05")


def test_world_map_has_the_countries_lagebild_codes():
    w = charts.world()
    assert {"RUS", "UKR", "DEU", "USA", "XKX", "FRA"} <= set(w["countries"])
    assert all(c["d"].startswith("M") for c in w["countries"].values())


# -- the benchmark's database grower -------------------------------------------------------------
def test_replicate_events_adds_varied_copies_with_their_mentions(tmp_path, scripted_db):
    db = tmp_path / "rep.duckdb"
    db.write_bytes(scripted_db.read_bytes())
    with Store(db) as s:
        n, m = s.counts()["events"], s.counts()["mentions"]
        assert s.replicate_events(2, shift_days=7) == 3 * n
        assert s.counts()["mentions"] == 3 * m
        rows = s.con.execute("""SELECT merge_key, event_date, source_code, target_code FROM events
                                WHERE event_id IN (SELECT min(event_id) FROM events WHERE type = 'AID')
                                   OR merge_key LIKE 'AID%#copy%' ORDER BY event_date DESC""").fetchall()
    (k0, d0, s0, t0), (k1, d1, s1, t1), (k2, d2, s2, t2) = rows
    assert (s0, t0) == ("DEU", "UKR") and (s1, t1) == ("UKR", "DEU") and (s2, t2) == ("DEU", "UKR")
    assert (d0 - d1).days == 7 and (d0 - d2).days == 14
    assert k1.endswith("#copy1") and k2.endswith("#copy2")


def test_serve_watch_takes_only_http_urls_and_a_valid_interval(examples_db):
    from lagebild.cli import main
    r = CliRunner().invoke(main, ["serve", "--db", str(examples_db), "--watch", "feed.xml"])
    assert r.exit_code == 2 and "not an http(s) URL" in r.output
    r = CliRunner().invoke(main, ["serve", "--db", str(examples_db), "https://feed.example/rss"])
    assert r.exit_code == 2 and "only with --watch" in r.output
    r = CliRunner().invoke(main, ["serve", "--db", str(examples_db), "--watch"])
    assert r.exit_code == 2 and "at least one FEED_URL" in r.output
    r = CliRunner().invoke(main, ["serve", "--db", str(examples_db), "--watch",
                                  "https://feed.example/rss", "--every", "soon"])
    assert r.exit_code == 2 and "--every" in r.output


def test_main_help_mentions_serve():
    from lagebild.cli import main
    r = CliRunner().invoke(main, ["--help"])
    assert "serve" in r.output and "lagebild serve --db lage.duckdb" in r.output


@pytest.mark.parametrize("sort, key", [("outlets", lambda e: -e["num_sources"]),
                                       ("date", lambda e: e["event_date"] or "9999"),
                                       ("mentions", lambda e: -e["num_mentions"]),
                                       ("id", lambda e: e["event_id"])])
def test_overview_events_can_be_sorted(sclient, sort, key):
    d = sclient.get(f"/overview.json?sort={sort}&per_page=500").json()
    assert d["sort"] == sort and [key(e) for e in d["events"]] == sorted(key(e) for e in d["events"])
    assert sclient.get("/overview.json?sort=random").status_code == 400


def test_overview_offers_the_orders_of_the_command_line(sclient):
    """One set of orders (records.EVENT_SORTS): each of `lagebild events --sort` is a link."""
    from lagebild.cli import main
    from lagebild.records import EVENT_SORTS
    html = sclient.get("/overview").text
    choice = next(p for p in main.commands["events"].params if p.name == "sort").type.choices
    assert list(choice) == list(EVENT_SORTS)
    for key in EVENT_SORTS:
        assert sclient.get(f"/overview.json?sort={key}").status_code == 200
        assert EVENT_SORTS[key] in html
        assert key == "-date" or f"sort={key}" in html


def test_overview_sorted_by_latest_report_puts_the_last_ingested_first(sclient, scripted_db):
    with Store(scripted_db, read_only=True) as s:
        last = s.con.execute("SELECT event_id FROM events ORDER BY first_article_id DESC, "
                             "event_id DESC LIMIT 1").fetchall()[0][0]
    d = sclient.get("/overview.json?sort=reported&per_page=1").json()
    assert d["events"][0]["event_id"] == last
    assert "latest reported first</b>" in sclient.get("/overview?sort=reported").text


def test_overview_says_which_events_are_between_actors_of_one_country(tmp_path):
    """Domestic news (AUT -> AUT) is no dyad of the table; the page says so and where they are."""
    db = tmp_path / "dom.duckdb"
    ingest(db, [art(1, "#EV ACCUSE AUT AUT 2022-02-15"), art(2, "#EV COERCE AUT AUT 2022-02-16"),
                art(3, "#EV ASSAULT RUS UKR 2022-02-16")])
    with TestClient(create_app(db)) as c:
        data = c.get("/overview.json").json()
        html = c.get("/overview").text
    assert data["same_country"] == [{"code": "AUT", "events": 2}]
    assert [(d["source"], d["target"]) for d in data["top_dyads"]] == [("RUS", "UKR")]
    assert "Between actors of one country, not among the dyads" in html and "AUT → AUT</a> 2" in html


def test_event_page_names_the_outlets_it_counts_and_those_of_copies_apart(tmp_path):
    from test_ingest import original_and_copy
    db = tmp_path / "copies.duckdb"
    ingest(db, original_and_copy(5, "#EV ASSAULT RUS UKR 2022-02-24", sources=("dpa", "Probe")))
    ev = _first_event_id(db, "ASSAULT")
    with TestClient(create_app(db)) as c:
        e = c.get(f"/events/{ev}.json").json()["event"]
        assert e["num_sources"] == 1 and e["sources"] == ["dpa"] and e["copy_sources"] == ["Probe"]
        assert "near-duplicate copies: Probe" in c.get(f"/events/{ev}").text


def test_actor_filters_and_dyad_paths_take_names_as_the_command_line_does(sclient):
    by_code = sclient.get("/overview.json?actor=RUS").json()["pagination"]["total"]
    assert by_code > 0
    assert sclient.get("/overview.json?actor=Russland").json()["pagination"]["total"] == by_code
    r = sclient.get("/overview.json?actor=Nirgendwoland")
    assert r.status_code == 400 and "lagebild actors --search" in r.text
    r = sclient.get("/dyads/Russland/Ukraine.json", follow_redirects=False)
    assert r.status_code in (302, 303, 307) and r.headers["location"].startswith("/dyads/RUS/UKR.json")
    assert sclient.get("/dyads/Russland/Ukraine.json").json()["a"] == "RUS"
    # two names of one code are no dyad, as on the command line (it built a RUS -- RUS page)
    r = sclient.get("/dyads/Russland/RUS.json")
    assert r.status_code == 400 and "both sides name RUS" in r.json()["error"] and "/actors/RUS" in r.text


@pytest.mark.parametrize("url, name, bad", [("/dyads/XYZ/UKR", "a", "XYZ"), ("/dyads/RUS/QQQ", "b", "QQQ"),
                                             ("/dyads/R_U/UKR", "a", "R_U"), ("/dyads/RUS/RU$S", "b", "RU$S"),
                                             ("/dyads/RUS/UK1", "b", "UK1")])
def test_the_dyad_page_answers_a_code_it_cannot_read_with_a_400_as_the_actor_filter(sclient, url, name, bad):
    """/dyads/XYZ/UKR was a 404 ('no events between XYZ and UKR') while ?actor=XYZ is a 400: the
    client's error. Both now read an actor through actor_names.actor_filter with the database."""
    import html
    for u in (url, url + ".json"):
        r = sclient.get(u)
        assert r.status_code == 400, (u, r.status_code, r.text[:200])
        text = r.json()["error"] if u.endswith(".json") else html.unescape(r.text)
        assert f"bad value for {name}: {bad!r}" in text and "unknown actor" in text
        assert "nor a code in this database" in text and "Traceback" not in text
    assert sclient.get("/overview.json", params={"actor": bad}).status_code == 400   # the same policy


def test_the_dyad_page_of_known_actors_without_events_is_an_empty_page(sclient):
    """A code the lexicon knows (FRA) passes as it does in ?actor=FRA; no events: an empty page."""
    d = sclient.get("/dyads/RUS/FRA.json")
    assert d.status_code == 200 and d.json()["events"] == [] and d.json()["pagination"]["total"] == 0
    assert sclient.get("/overview.json?actor=FRA").json()["pagination"]["total"] == 0
    assert "No events for these filters" in sclient.get("/dyads/RUS/FRA").text


# -- the actor of an address: one policy for /actors/CODE, /dyads/A/B and the actor box ---------
# (params.actor_code, as ?actor= reads an actor). /actors/RU$S, /actors/XYZ were 404s while
# /dyads/RU$S/UKR, /dyads/XYZ/UKR were 400s; /actors/FRA (known, no events) was a 404 while
# /dyads/RUS/FRA is an empty page.
def _error_text(r, json_twin: bool) -> str:
    import html
    return r.json()["error"] if json_twin else html.unescape(r.text)


@pytest.mark.parametrize("url, name, bad", [("/actors/RU$S", "code", "RU$S"), ("/dyads/RU$S/UKR", "a", "RU$S"),
                                             ("/actors/R_U", "code", "R_U"), ("/dyads/RUS/R_U", "b", "R_U")])
def test_a_malformed_code_in_an_address_is_a_400_naming_the_parameter(sclient, url, name, bad):
    for u in (url, url + ".json"):
        r = sclient.get(u, follow_redirects=False)
        assert r.status_code == 400, (u, r.status_code, r.text[:200])
        text = _error_text(r, u.endswith(".json"))
        assert f"bad value for {name}: {bad!r}" in text and "unknown actor" in text
        assert "Traceback" not in text


@pytest.mark.parametrize("url, name", [("/actors/UKX", "code"), ("/dyads/UKX/RUS", "a"),
                                       ("/dyads/RUS/UKX", "b"), ("/actors?q=UKX", "q")])
def test_a_code_neither_the_lexicon_nor_the_database_knows_is_a_400_with_close_matches(sclient, url, name):
    path, _, query = url.partition("?")
    for u in (url, path + ".json" + ("?" + query if query else "")):
        r = sclient.get(u, follow_redirects=False)
        assert r.status_code == 400, (u, r.status_code, r.text[:200])
        text = _error_text(r, ".json" in u)
        assert f"bad value for {name}: 'UKX'" in text and "nor a code in this database" in text
        assert "did you mean: UKR" in text
    assert sclient.get("/overview.json?actor=UKX").status_code == 400        # as the filter


@pytest.mark.parametrize("url, to", [("/actors/Russland", "/actors/RUS"), ("/actors/ukr?since=2022", "/actors/UKR?since=2022"),
                                     ("/actors?q=Russland&since=2022", "/actors/RUS?since=2022"),
                                     ("/actors?q=Kreml&since=2022", "/actors/Kreml?since=2022"),
                                     ("/dyads/Russland/ukr?since=2022", "/dyads/RUS/UKR?since=2022")])
def test_a_name_or_a_lower_case_code_in_an_address_redirects_to_the_code(sclient, url, to):
    r = sclient.get(url, follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == to
    path, sep, query = url.partition("?")
    r = sclient.get(path + ".json" + sep + query, follow_redirects=False)
    to_path, sep, to_query = to.partition("?")
    assert r.status_code == 302 and r.headers["location"] == to_path + ".json" + sep + to_query


def test_an_actor_page_counts_events_within_the_country_and_links_its_events(tmp_path):
    """Probe: /actors/SRB said "Acts on: None / Acted on by: None" for a Serbia whose three events
    were all within the country, and the page had no way to its events."""
    db = tmp_path / "w.duckdb"
    ingest(db, [art(1, "#EV PROTEST SRB SRB 2025-03-15"), art(2, "#EV COERCE SRB SRB 2025-03-16"),
                art(3, "#EV ACCUSE SRB HRV 2025-03-17")])
    with TestClient(create_app(db)) as c:
        d = c.get("/actors/SRB.json").json()
        assert d["within"] == 2 and [p["code"] for p in d["partners_as_source"]] == ["HRV"]
        html = c.get("/actors/SRB").text
        assert "2 events with SRB on both sides" in html and 'href="/overview?actor=SRB"' in html
        assert c.get("/actors/HRV.json").json()["within"] == 0
        assert "on both sides" not in c.get("/actors/HRV").text


def test_a_known_actor_without_events_is_an_empty_page_on_both_pages(sclient):
    """FRA: the lexicon knows it, the database holds no event of it (the actor page said 404)."""
    d = sclient.get("/actors/FRA.json")
    assert d.status_code == 200, d.text
    d = d.json()
    assert d["code"] == "FRA" and d["timeline"] == [] and d["types"] == [] and d["quotes"] == []
    assert d["partners_as_source"] == [] and d["partners_as_target"] == []
    html = sclient.get("/actors/FRA")
    assert html.status_code == 200 and "No events of FRA for these filters" in html.text
    d = sclient.get("/dyads/RUS/FRA.json")
    assert d.status_code == 200 and d.json()["pagination"]["total"] == 0
    # a known actor with events, filtered to none: the same empty page
    d = sclient.get("/actors/RUS.json?since=2030")
    assert d.status_code == 200 and d.json()["timeline"] == []


def test_a_page_past_the_last_links_back_to_the_last(sclient):
    d = sclient.get("/overview.json?page=999&per_page=5").json()["pagination"]
    assert d["pages"] < 999 and d["next"] is None
    assert d["prev"].endswith(f"page={d['pages']}") or f"page={d['pages']}&" in d["prev"]


def test_the_event_page_links_every_pair_and_no_dyad_of_one_country(tmp_path):
    """A same-country event links its actor page (its /dyads/X/X link was a 400), and an event with
    two targets links both pairs (a new-user probe)."""
    db = tmp_path / "pairs.duckdb"
    ingest(db, [art(1, "#EV ACCUSE AUT AUT 2022-02-24"), art(2, "#EV ASSAULT RUS UKR 2022-02-25")])
    with TestClient(create_app(db)) as c:
        html = c.get(f"/events/{_first_event_id(db, 'ACCUSE')}").text
        assert "/dyads/AUT/AUT" not in html and 'href="/actors/AUT"' in html
        html = c.get(f"/events/{_first_event_id(db, 'ASSAULT')}").text
        assert 'href="/dyads/RUS/UKR"' in html
        for href in ("/dyads/RUS/UKR", "/actors/AUT"):
            assert c.get(href).status_code == 200


def test_the_filter_form_resets_to_the_page_without_filters_and_offers_all_factualities(sclient):
    html = sclient.get("/overview?actor=RUS&since=2022-02").text
    assert '<a href="?">reset</a>' in html            # href="" kept the filters (a new-user probe)
    assert '<option value="all">all</option>' in html
    assert 'selected value="all"' in sclient.get("/map?factuality=all").text


def test_the_overview_says_which_events_the_charts_leave_out(tmp_path):
    """Events dated to a month or not at all are listed but not charted: the page says so (it
    said "No dated events" above a list of them; a new-user probe)."""
    db = tmp_path / "coarse.duckdb"
    ingest(db, [art(1, "#EV ACCUSE FRA RUS 2023-11"), art(2, "#EV ASSAULT RUS UKR - hypothetical"),
                art(3, "#EV ASSAULT RUS UKR 2023-11-05")])
    with TestClient(create_app(db)) as c:
        d = c.get("/overview.json").json()
        assert d["not_charted"] == {"coarse": 1, "undated": 1, "outside": 0} and d["pagination"]["total"] == 3
        assert "not charted: 1 dated only to a week, month, season or year, 1 without a date." in c.get("/overview").text


def test_min_sources_means_the_same_on_the_pages_and_the_command_line(scripted_db, sclient):
    import json

    from lagebild.cli import main
    web = sclient.get("/overview.json?min_sources=2&per_page=500").json()["pagination"]["total"]
    r = CliRunner().invoke(main, ["events", "--db", str(scripted_db), "--min-sources", "2", "--limit", "0",
                                  "--format", "json"])
    assert r.exit_code == 0 and web == len(json.loads(r.output)) >= 1


def test_the_outlet_threshold_is_named_min_outlets_everywhere_and_min_sources_still_works(scripted_db, sclient):
    """--min-sources / ?min_sources= count outlets (distinct outlets reporting an event), not the
    events' sources (actors): the name says so now; the older spelling stays, hidden."""
    import json

    from lagebild.cli import main
    by_new = sclient.get("/overview.json?min_outlets=2&per_page=500").json()
    assert by_new["filters"]["min_outlets"] == 2 and by_new["pagination"]["total"] >= 1
    assert all(e["num_sources"] >= 2 for e in by_new["events"])
    by_old = sclient.get("/overview.json?min_sources=2&per_page=500").json()
    assert by_old["pagination"]["total"] == by_new["pagination"]["total"]
    both = sclient.get("/overview.json?min_outlets=2&min_sources=2")
    assert both.status_code == 400 and "older spelling of min_outlets" in both.json()["error"]
    bad = sclient.get("/overview.json?min_outlets=0")
    assert bad.status_code == 400 and bad.json()["error"].startswith("bad value for min_outlets:")
    html = sclient.get("/overview").text
    assert 'name="min_outlets"' in html and "min. outlets" in html and "min_sources" not in html
    assert "min_sources" not in sclient.get("/overview.json?nope=1").json()["error"]

    def run(*args):
        return CliRunner().invoke(main, ["events", "--db", str(scripted_db), "--limit", "0", "--format",
                                         "json", *args])
    new, old = run("--min-outlets", "2"), run("--min-sources", "2")
    assert new.exit_code == 0 and old.exit_code == 0, (new.output, old.output)
    assert json.loads(new.output) == json.loads(old.output) and len(json.loads(new.output)) == by_new["pagination"]["total"]
    r = run("--min-outlets", "2", "--min-sources", "2")
    assert r.exit_code == 2 and "--min-sources is the older spelling of --min-outlets" in r.output
    help_ = CliRunner().invoke(main, ["events", "--help"]).output
    assert "--min-outlets" in help_ and "--min-sources" not in help_ and "min_outlets" in help_


def test_the_order_by_outlets_is_named_outlets_everywhere_and_sources_still_works(scripted_db, sclient):
    """`--sort sources` / ?sort=sources ordered by the number of outlets (num_sources), not by the
    events' sources (actors): the order is `outlets` now, as --min-outlets; the older name is read,
    not offered; the column keeps its name num_sources."""
    import html as html_
    import json

    from lagebild.cli import main
    new = sclient.get("/overview.json?sort=outlets&per_page=500").json()
    assert new["sort"] == "outlets" and new["events"][0]["num_sources"] == 2
    assert [e["num_sources"] for e in new["events"]] == sorted((e["num_sources"] for e in new["events"]), reverse=True)
    old = sclient.get("/overview.json?sort=sources&per_page=500").json()
    assert old["sort"] == "outlets" and old["events"] == new["events"]
    page = html_.unescape(sclient.get("/overview").text)
    assert "sort=outlets" in page and "sort=sources" not in page and "most outlets first" in page
    bad = sclient.get("/overview.json?sort=bogus").json()["error"]
    assert "outlets" in bad and "sources" not in bad

    def run(*args):
        return CliRunner().invoke(main, ["events", "--db", str(scripted_db), "--limit", "0", "--format",
                                         "json", *args])
    by_new, by_old = run("--sort", "outlets"), run("--sort", "sources")
    assert by_new.exit_code == 0 and by_old.exit_code == 0, (by_new.output, by_old.output)
    rows = json.loads(by_new.output)
    assert rows == json.loads(by_old.output) and rows[0]["num_sources"] == 2 and "num_sources" in rows[-1]
    help_ = " ".join(CliRunner().invoke(main, ["events", "--help"]).output.split())
    assert "|outlets|" in help_ and "|sources|" not in help_ and "outlets: most outlets first" in help_
    assert "num_sources" in help_
    r = run("--sort", "bogus")
    assert r.exit_code == 2 and "outlets" in r.output and "sources" not in r.output.split("Invalid value")[-1]


def test_a_parameter_of_another_page_is_refused_and_no_link_carries_one(client):
    """"/overview?day=..." listed every day and "/events/ID?actor=RUS" ignored its filter (a
    new-user probe): a page refuses what it does not read. Every link of the pages, followed
    from a filtered and sorted overview, still works."""
    import re
    from html import unescape
    for url in ("/overview.json?day=2022-02-24", "/map.json?q=x", "/actors/RUS.json?by=actor",
                "/events/1.json?actor=RUS", "/articles/1.json?page=2"):
        r = client.get(url)
        assert r.status_code == 400 and "bad value" in r.json()["error"], url
    assert client.get("/dyads/RUS/UKR.json?day=2022-02-24").status_code in (200, 404)
    seen, todo = set(), ["/overview?actor=RUS&sort=mentions&per_page=5", "/map?by=actor", "/search?q=Russland"]
    while todo and len(seen) < 150:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url, follow_redirects=True)
        assert r.status_code in (200, 404), (url, r.status_code, r.text[:300])
        for href in re.findall(r'href="(/[^"#]*)', r.text):
            href = unescape(href)
            if not href.startswith("/static") and href not in seen:
                todo.append(href)
    assert len(seen) > 20


def test_the_pages_read_actor_names_as_the_command_line_does(client):
    """44 names resolved differently on the pages ("Grossbritannien" was a 404 there; a code
    review), "/actors/HAMAS" was a 404 (a new-user probe). A country's name redirects to its
    code; a person's, stand-in's or group's name is a page of its own (probe P22), and a name
    that participants of several countries carry ("Harris") says where its events are."""
    from lagebild.actor_names import codes_for, read_actors
    r = client.get("/actors/Grossbritannien.json", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == f"/actors/{codes_for('Grossbritannien')[0]}.json"
    for name in ("Kreml", "Putin", "hamas", "HAMAS"):
        r = client.get(f"/actors/{name}.json", follow_redirects=False)
        assert r.status_code == 200 and r.json()["match"] == "name" and r.json()["actor"] == name, name
        assert read_actors(name)[0].name == name
    r = client.get("/overview.json?actor=Harris")
    assert r.status_code == 200 and r.json()["filters"]["actor_notes"], r.text


def test_events_dated_outside_the_charted_period_are_counted(tmp_path):
    """100 events in February 2022 and one on 27 February 2014: the chart keeps to 2022 and left
    the one out without a word (a code review)."""
    from test_ingest import art, ingest
    db = tmp_path / "o.duckdb"
    ingest(db, [art(i, f"#EV ASSAULT RUS UKR 2022-02-{1 + i % 28:02d} asserted X{i}", source=f"s{i}")
                for i in range(100)] + [art(200, "#EV ASSAULT RUS UKR 2014-02-27", dct="2014-02-27")])
    with TestClient(create_app(db)) as c:
        d = c.get("/overview.json").json()
        page = c.get("/overview").text
    assert d["first_day"].startswith("2022") and d["not_charted"]["outside"] == 1
    assert "1 dated outside that period" in page


@pytest.mark.parametrize("url, name", [("/actors/Harris.json", "code"), ("/dyads/Harris/RUS.json", "a"),
                                       ("/actors.json?q=Harris", "q")])
def test_an_ambiguous_name_in_an_address_lists_its_codes(client, monkeypatch, url, name):
    """A country's name of two countries (made up here: the lexicon has none) is refused."""
    from test_actor_filter import two_countries_named
    two_countries_named(monkeypatch, "Harris", "IRL", "USA")
    r = client.get(url)
    assert r.status_code == 400 and "IRL, USA" in r.json()["error"], r.text
    assert f"bad value for {name}: 'Harris'" in r.json()["error"]


def test_the_actor_page_lists_every_event_type_so_that_the_counts_add_up(tmp_path):
    """`/actors/AUT.json` listed 15 types summing to 576 of AUT's 577 events and left out
    COOPERATE without a note (probe P1): every type is listed now."""
    from lagebild.records import EVENT_TYPES
    db = tmp_path / "t.duckdb"
    # one event of each of the 16 types, two of ASSAULT (so the rarest type comes last)
    arts = [art(i, f"#EV {t} AUT DEU 2022-03-{i + 1:02d}") for i, t in enumerate(EVENT_TYPES)]
    arts.append(art(99, "#EV ASSAULT AUT DEU 2022-04-01"))
    ingest(db, arts)
    with TestClient(create_app(db)) as c:
        d = c.get("/actors/AUT.json").json()
        html = c.get("/actors/AUT").text
    assert sorted(t["type"] for t in d["types"]) == sorted(EVENT_TYPES)
    assert sum(t["events"] for t in d["types"]) == len(arts)
    assert d["types"][0] == {"type": "ASSAULT", "events": 2, "as_source": 2}
    assert all(f"type={t}" in html for t in EVENT_TYPES)


def test_search_matches_words_that_begin_with_the_text_not_inside_words(tmp_path):
    """`/search.json?q=Putin` found "LHC Computing Grid" (probe P1). A hit is now a word that
    begins with the text, so German endings and compounds still count ("Putins",
    "Putin-Regierung", "Putinversteher"); a leading * also searches inside words."""
    db = tmp_path / "t.duckdb"
    bodies = {1: "Das LHC Computing Grid verarbeitet Daten.", 2: "Putins Rede war lang.",
              3: "Die Putin-Regierung schweigt.", 4: "Ein Putinversteher spricht.",
              5: "Die Bundesregierung berät.", 6: "Wien (APA) - PUTIN reist nach Wien."}
    ingest(db, [art(i, body=b) for i, b in bodies.items()])
    with TestClient(create_app(db)) as c:
        d = c.get("/search.json?q=putin").json()
        html = c.get("/search?q=putin").text
        inside = c.get("/search.json", params={"q": "*regierung"}).json()
        word = c.get("/search.json?q=regierung").json()
        assert c.get("/search.json", params={"q": "**"}).status_code == 400
    assert d["articles_total"] == 4
    assert sorted(a["doc_id"] for a in d["articles"]) == ["d2", "d3", "d4", "d6"]
    for a in d["articles"]:     # the hit is marked where it is, whatever its case
        s, e = a["hit"]
        assert a["snippet"][s:e].lower() == "putin"
    assert html.count('<mark class="hit">') == 4 and '<mark class="hit">PUTIN</mark>' in html
    assert sorted(a["doc_id"] for a in inside["articles"]) == ["d3", "d5"]
    # a part after a hyphen begins a word; "Bundesregierung" needs the *
    assert sorted(a["doc_id"] for a in word["articles"]) == ["d3"]
