"""No list on the pages is cut without a word (a new-user probe: an actor page showed 20 partners,
the map 100 places and the actor index 100 actors, and none said that there were more). Each cut
list says "showing N of M" (``wording.showing``), its JSON twin has ``<list>_total``, and the page
links to ``?top=M``, which shows them all; more than MAX_ROWS are in the export."""
from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")
pytest.importorskip("jinja2", reason="the web extra is not installed (pip install '.[web]')")

from starlette.testclient import TestClient  # noqa: E402

from lagebild.records import Actor  # noqa: E402
from lagebild.web.app import create_app  # noqa: E402
from lagebild.wording import count, showing  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import ScriptedAnalyzer, art, ingest  # noqa: E402

N = 105         # targets of RUS, each at its own place: more than every list's default


class NamedAnalyzer(ScriptedAnalyzer):
    """The scripted analyzer; each article also names RUS by its own name ("Name 7")."""

    def __call__(self, article):
        doc = super().__call__(article)
        doc.actors.append(Actor("N1", f"Name {article.doc_id}", [f"Name {article.doc_id}"], "RUS"))
        return doc


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("cut") / "cut.duckdb"
    arts = [art(i, f"#EV ASSAULT RUS T{i:03d} 2022-03-{1 + i % 28:02d} asserted Ort{i:03d}=UKR")
            for i in range(N)]
    # one event told by four articles (four mentions), one article telling four events
    arts += [art(500 + i, "#EV AID DEU UKR 2022-04-01") for i in range(4)]
    arts.append(art(600, *(f"#EV CONSULT FRA {c} 2022-04-02" for c in ("ITA", "ESP", "POL", "AUT"))))
    ingest(db, arts, analyzer=NamedAnalyzer)
    with TestClient(create_app(db)) as c:
        yield c


def _link(html: str, text: str) -> str:
    """The href of the link whose text is ``text``."""
    m = re.search(r'<a href="([^"]+)">' + re.escape(text) + "</a>", html)
    assert m, (text, html[-3000:])
    return unescape(m.group(1))


@pytest.mark.parametrize("page, key, default, total, noun", [
    ("/actors/RUS", "partners_as_source", 20, N, ("target",)),
    ("/actors/RUS", "names_in_articles", 8, N + 6, ("name",)),    # "rus" and one per article
    ("/map", "places", 100, N, ("place",)),
    ("/actors", "actors", 100, N + 8, ("actor",)),                # T000..T104 and 8 others
    ("/overview", "top_dyads", 10, N + 5, ("dyad",)),
])
def test_a_cut_list_says_how_many_there_are_and_links_to_all_of_them(client, page, key, default,
                                                                      total, noun):
    d = client.get(page + ".json").json()
    assert len(d[key]) == default and d[f"{key}_total"] == total
    html = client.get(page).text
    say = showing(default, total, *noun)
    assert say in html, (say, html[-3000:])
    href = _link(html, f"show all {total}")
    assert href == f"{page}?top={total}"
    everything = client.get(href.replace(page, page + ".json", 1)).json()
    assert len(everything[key]) == everything[f"{key}_total"] == total
    assert "of " + count(total, *noun) not in client.get(href).text   # that list is whole


def test_a_list_that_is_not_cut_says_nothing_and_the_twins_have_its_total(client):
    d = client.get("/actors/UKR.json").json()
    assert d["partners_as_target_total"] == len(d["partners_as_target"]) == 1
    assert "showing" not in client.get("/actors/UKR").text


def test_top_sets_every_ranked_list_of_the_page_and_each_link_keeps_the_defaults(client):
    """``?top=3`` cuts each list at 3 and each says so; a list's link asks for all of it, and
    never for fewer rows than another list of the page shows by default."""
    d = client.get("/actors/RUS.json?top=3").json()
    assert len(d["partners_as_source"]) == len(d["names_in_articles"]) == 3
    html = client.get("/actors/RUS?top=3").text
    assert showing(3, N, "target") in html and showing(3, N + 6, "name") in html
    assert _link(html, f"show all {N}") == f"/actors/RUS?top={N}"
    d = client.get("/actors/UKR.json?top=1").json()    # one partner: not cut
    assert d["partners_as_target_total"] == len(d["partners_as_target"]) == 1
    assert "showing" not in client.get("/actors/UKR?top=1").text
    assert client.get("/actors/RUS.json?top=20").json()["partners_as_source_total"] == N


def test_links_to_other_pages_do_not_carry_top(client):
    html = client.get("/overview?top=200").text
    hrefs = [unescape(h) for h in re.findall(r'href="(/[^"#]*)', html)]
    assert hrefs and not [h for h in hrefs if "top=" in h and not h.startswith("/overview")]
    for h in hrefs[:40]:
        assert client.get(h, follow_redirects=True).status_code == 200, h
    r = client.get("/dyads/RUS/T001.json?top=5")
    assert r.status_code == 400 and "top" in r.json()["error"]


@pytest.mark.parametrize("value", ["0", "501", "x"])
def test_a_bad_top_is_a_400(client, value):
    r = client.get(f"/map.json?top={value}")
    assert r.status_code == 400 and r.json()["error"].startswith("bad value for top:")


def test_more_than_the_pages_show_points_to_the_export(client, monkeypatch):
    """Lists a page never shows more of (an event's mentions, an article's events) and lists
    longer than MAX_ROWS name the command that gives them all."""
    import lagebild.queries as Q
    monkeypatch.setattr(Q, "MAX_ROWS", 3)
    aid = client.get("/overview.json?type=AID").json()["events"][0]["event_id"]
    ev = client.get(f"/events/{aid}.json").json()["event"]
    assert len(ev["mentions"]) == 3 and ev["mentions_total"] == 4
    html = client.get(f"/events/{aid}").text
    assert showing(3, 4, "mention") in html
    assert "lagebild export OUT --db cut.duckdb --format csv" in html and "event_mentions.csv" in html
    art_id = client.get("/search.json?q=CONSULT").json()["articles"][0]["article_id"]
    a = client.get(f"/articles/{art_id}.json").json()["article"]
    assert len(a["events"]) == 3 and a["events_total"] == 4
    assert showing(3, 4, "event") in client.get(f"/articles/{art_id}").text
    html = client.get("/map?top=100").text      # 100 asked, 3 the most a page shows
    assert showing(3, N, "place") in html and "lagebild export OUT --db cut.duckdb" in html
