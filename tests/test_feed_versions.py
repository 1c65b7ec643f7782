"""watch/ingest of a feed: a stored item that the feed says has changed (a later Atom
``updated``, a new RSS ``pubDate``) is fetched again, and its new text replaces the old one."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from lagebild.feeds import entry_stamp
from lagebild.ingest import Ingester, ingest_feed
from lagebild.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import SPEC  # noqa: E402

KW = dict(resolver=lambda host: ["93.184.216.34"], fetch_items=True)


def _atom(updated: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>N</title><updated>{updated}</updated>'
            f'<entry><title>Angriff</title><link href="http://news.test/1"/><id>urn:n:1</id>'
            f'<updated>{updated}</updated><summary>Kurz.</summary></entry></feed>').encode()


def _page(line: str, more: int = 0) -> bytes:
    """An item page; ``more`` paragraphs of background make its article longer (``more=4``: a
    full article of 600 characters or more, ``feeds.MIN_FULL_TEXT``)."""
    background = "".join(f"<p>Hintergrund {i}: Beobachter sprechen von der schwersten Lage seit "
                         f"Wochen, die Gespräche der Regierungen gehen weiter.</p>" for i in range(more))
    return (f"<html><head><title>Angriff</title></head><body><article><h1>Angriff</h1>"
            f"<p>Die Armee meldet am Sonntag neue Kämpfe an der Grenze und viele Verletzte.</p>"
            f"<p>{line}</p><p>Die Regierung in Kiew verurteilte den Angriff scharf und "
            f"forderte weitere Hilfe der Verbündeten, berichtete die Agentur.</p>{background}"
            f"</article></body></html>").encode()


def _serve(feed: dict, seen: list):
    """The feed and its item's page; ``feed["page_status"]`` other than 200 makes the page fail."""
    def handler(request):
        seen.append(request.url.path)
        if request.url.path == "/feed":
            return httpx.Response(200, stream=httpx.ByteStream(_atom(feed["updated"])),
                                  headers={"content-type": "application/atom+xml"})
        if feed.get("page_status", 200) != 200:
            return httpx.Response(feed["page_status"], stream=httpx.ByteStream(b"busy"))
        return httpx.Response(200, stream=httpx.ByteStream(_page(feed["line"])),
                              headers={"content-type": "text/html; charset=utf-8"})
    return httpx.Client(transport=httpx.MockTransport(handler))


class _Poller:
    """A served feed (``feed``: its stamp, the item page's line, ``page_status``), the paths
    requested (``seen``) and a store; ``poll()`` ingests the feed once."""

    def __init__(self, client, store, ing, feed, seen, kw):
        self.client, self.store, self.ing, self.feed, self.seen, self.kw = client, store, ing, feed, seen, kw

    def poll(self):
        return ingest_feed(self.ing, "http://news.test/feed", client=self.client, **self.kw)

    def texts(self) -> list[str]:
        return [r[0] for r in self.store.con.execute("SELECT text FROM articles").fetchall()]


@contextmanager
def _polling(tmp_path, **kw):
    """A feed whose one item starts as an ASSAULT stamped 2026-03-01T10:00:00Z."""
    feed = {"updated": "2026-03-01T10:00:00Z", "line": "#EV ASSAULT RUS UKR 2026-03-01"}
    seen: list[str] = []
    with _serve(feed, seen) as client, Store(tmp_path / "v.duckdb") as store, \
            Ingester(store, analyzer=SPEC) as ing:
        yield _Poller(client, store, ing, feed, seen, dict(KW, **kw))


def test_a_corrected_item_replaces_the_stored_version(tmp_path):
    with _polling(tmp_path) as p:
        s1, _ = p.poll()
        assert (s1.new, s1.updated) == (1, 0)
        (aid,) = [r[0] for r in p.store.con.execute("SELECT article_id FROM articles").fetchall()]

        p.seen.clear()
        s2, r2 = p.poll()
        assert p.seen == ["/feed"] and r2.skipped_known == 1     # unchanged: not fetched again

        # the outlet corrects the item: a new text, a later <updated>
        p.feed.update(updated="2026-03-01T12:30:00Z", line="#EV MOBILIZE RUS - 2026-03-01")
        p.seen.clear()
        s3, _ = p.poll()
        assert p.seen == ["/feed", "/1"] and (s3.new, s3.updated) == (1, 1)
        rows = p.store.con.execute("SELECT article_id, text, updated FROM articles").fetchall()
        assert len(rows) == 1 and rows[0][0] == aid                # the same article, its number kept
        assert "MOBILIZE" in rows[0][1] and rows[0][2] == "2026-03-01T12:30:00Z"
        types = [r[0] for r in p.store.con.execute(
            "SELECT type FROM events WHERE num_mentions > 0").fetchall()]
        assert types == ["MOBILIZE"]                              # the old version's event is gone
        assert p.store.con.execute("SELECT count(*) FROM article_minhash").fetchall()[0][0] == 1

        p.seen.clear()
        s4, r4 = p.poll()
        assert p.seen == ["/feed"] and r4.skipped_known == 1 and s4.updated == 0


def test_a_new_stamp_with_the_same_text_is_noted_and_not_fetched_again(tmp_path):
    with _polling(tmp_path) as p:
        p.poll()
        p.feed["updated"] = "2026-03-02T08:00:00Z"              # a new stamp, the same page
        s2, _ = p.poll()
        assert (s2.new, s2.updated, s2.known) == (0, 0, 1)
        p.seen.clear()
        p.poll()
        assert p.seen == ["/feed"]                                # the new stamp was recorded


def test_entry_stamp_reads_atom_updated_and_rss_pubdate_in_utc():
    import feedparser
    atom = feedparser.parse(_atom("2026-03-01T12:30:00+01:00")).entries[0]
    assert entry_stamp(atom) == "2026-03-01T11:30:00Z"
    rss = feedparser.parse(b'<rss version="2.0"><channel><item><link>http://x/1</link>'
                           b'<pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate></item>'
                           b'</channel></rss>').entries[0]
    assert entry_stamp(rss) == "2026-03-01T10:00:00Z"
    bare = feedparser.parse(b'<rss version="2.0"><channel><item><link>http://x/1</link>'
                            b'</item></channel></rss>').entries[0]
    assert entry_stamp(bare) is None


def test_a_changed_item_whose_page_fails_keeps_the_stored_version(tmp_path):
    """Never the feed's teaser over a stored article: the page is tried again on the next poll
    (a review: a 503 replaced the article by its summary and recorded the stamp)."""
    with _polling(tmp_path, retries=0) as p:
        p.poll()
        p.feed.update(updated="2026-03-01T12:00:00Z", line="#EV MOBILIZE RUS - 2026-03-01", page_status=503)
        s2, r2 = p.poll()
        assert s2.updated == 0 and any("stored version is kept" in w for w in r2.warnings)
        assert "ASSAULT" in p.texts()[0]
        p.feed["page_status"] = 200
        s3, _ = p.poll()
        assert s3.updated == 1           # the next poll gets it
        assert "MOBILIZE" in p.texts()[0]


def test_a_version_that_goes_back_to_an_earlier_text_is_applied(tmp_path):
    with _polling(tmp_path) as p:
        p.poll()
        p.feed.update(updated="2026-03-01T11:00:00Z", line="#EV MOBILIZE RUS - 2026-03-01")
        p.poll()
        p.feed.update(updated="2026-03-01T12:00:00Z", line="#EV ASSAULT RUS UKR 2026-03-01")   # reverted
        s3, _ = p.poll()
        assert s3.updated == 1
        assert "ASSAULT" in p.texts()[0]


def test_an_item_stored_without_a_stamp_takes_its_first_one_and_then_updates(tmp_path):
    """An item stored before schema version 5 has no stamp: the first poll records the feed's,
    a later one is a new version."""
    with _polling(tmp_path) as p:
        p.poll()
        p.store.con.execute("UPDATE articles SET updated = NULL")        # as an old store has it
        p.seen.clear()
        s2, _ = p.poll()
        assert p.seen == ["/feed"] and s2.updated == 0
        assert p.store.con.execute("SELECT updated FROM articles").fetchall() == [("2026-03-01T10:00:00Z",)]
        p.feed.update(updated="2026-03-02T08:00:00Z", line="#EV MOBILIZE RUS - 2026-03-02")
        s3, _ = p.poll()
        assert s3.updated == 1


def _articles_after_polls(tmp_path, body: bytes, ctype: str, cap: int, polls: int = 3) -> list[int]:
    """The number of stored articles after each of ``polls`` polls of a served feed ``body``."""
    def handler(request):
        return httpx.Response(200, stream=httpx.ByteStream(body), headers={"content-type": ctype})
    with httpx.Client(transport=httpx.MockTransport(handler)) as client, \
            Store(tmp_path / "c.duckdb") as store, Ingester(store, analyzer=SPEC) as ing:
        counts = []
        for _ in range(polls):
            ingest_feed(ing, "http://news.test/feed", client=client, max_items=cap, **KW)
            counts.append(store.counts()["articles"])
    return counts


def test_items_without_links_over_the_cap_come_on_the_next_polls(tmp_path):
    """450 items with neither link nor permalink: every poll took the same first 200 again and
    the rest never came (a new-user probe); stored ones are known by the id their text gives."""
    items = "".join(f'<item><guid isPermaLink="false">n-{i}</guid><description>Meldung {i}: Polen '
                    f'kritisierte Belarus.</description></item>' for i in range(45))
    body = f'<rss version="2.0"><channel><title>N</title>{items}</channel></rss>'.encode()
    assert _articles_after_polls(tmp_path, body, "application/rss+xml", 20) == [20, 40, 45]


def test_atom_entries_without_links_over_the_cap_come_on_the_next_polls(tmp_path):
    """feedparser gives an Atom entry without a link its urn: id as the link, so the check for
    stored linkless items was never asked (a review of this session's change)."""
    entries = "".join(f'<entry><title>M{i}</title><id>urn:n:{i}</id><updated>2024-03-05T10:00:00Z</updated>'
                      f'<summary>Meldung {i}: Polen kritisierte Belarus.</summary></entry>' for i in range(3))
    body = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>'
            f'{entries}</feed>').encode()
    assert _articles_after_polls(tmp_path, body, "application/atom+xml", 1) == [1, 2, 3]


def _snapshot(stamp: str, line: str, extra: str = "") -> str:
    """A saved Atom file of one item (the same id and link) stamped ``stamp``, whose text ends with
    the scripted analyzer's line ``line``."""
    body = ("&lt;p&gt;Die Armee meldet am Sonntag neue Kämpfe an der Grenze und viele Verletzte. Die "
            "Regierung in Kiew verurteilte den Angriff scharf und forderte weitere Hilfe der "
            f"Verbündeten, berichtete die Agentur. {extra}&lt;/p&gt;&lt;p&gt;{line}&lt;/p&gt;")
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>N</title><entry><title>Angriff</title><link href="http://news.test/1"/>'
            f'<id>urn:n:1</id><updated>{stamp}</updated><content type="html">{body}</content>'
            f'</entry></feed>')


def _stored(db) -> tuple[list, list]:
    with Store(db, read_only=True) as s:
        arts = s.con.execute("SELECT article_id, updated, text FROM articles ORDER BY article_id").fetchall()
        types = [r[0] for r in s.con.execute("SELECT type FROM events WHERE num_mentions > 0 "
                                             "ORDER BY type").fetchall()]
    return arts, types


def test_two_snapshots_of_a_feed_in_one_run_keep_the_later_version(tmp_path):
    """`ingest feed-1000.xml feed-1400.xml`: the first version was kept and the later refused
    ("one run keeps the first version it reads"); the later one replaces it with its events, in
    whichever order the snapshots are given."""
    from click.testing import CliRunner
    from lagebild.cli import main
    old = tmp_path / "feed-1000.xml"
    new = tmp_path / "feed-1400.xml"
    old.write_text(_snapshot("2026-03-01T10:00:00Z", "#EV ASSAULT RUS UKR 2026-03-01"), encoding="utf-8")
    new.write_text(_snapshot("2026-03-01T14:00:00Z", "#EV MOBILIZE RUS - 2026-03-01", "Korrigiert."),
                   encoding="utf-8")
    for n, order in enumerate([(old, new), (new, old)]):
        db = tmp_path / f"s{n}.duckdb"
        r = CliRunner().invoke(main, ["ingest", *map(str, order), "--db", str(db), "--analyzer", SPEC])
        assert r.exit_code == 0, r.output
        arts, types = _stored(db)
        assert [(a[1], "MOBILIZE" in a[2]) for a in arts] == [("2026-03-01T14:00:00Z", True)]
        assert types == ["MOBILIZE"]                # the first version's ASSAULT is gone
        assert "error:" not in r.output and ("earlier version" in r.output) == (order[0] == new)


def test_two_versions_of_a_feed_item_in_one_batch_store_the_later_one(tmp_path):
    """The library path (no reader in between): both versions in one batch gave two articles of
    one id and URL, the earlier one's events counting as news."""
    from lagebild.records import Article

    def version(stamp, line):
        return Article("feed-1", "Die Armee meldet neue Kämpfe an der Grenze.\n" + line, "2026-03-01",
                       url="http://news.test/1", source="N", updated=stamp)
    db = tmp_path / "b.duckdb"
    with Store(db) as store, Ingester(store, analyzer=SPEC) as ing:
        stats = ing.ingest([version("2026-03-01T10:00:00Z", "#EV ASSAULT RUS UKR 2026-03-01"),
                            version("2026-03-01T14:00:00Z", "#EV MOBILIZE RUS - 2026-03-01")])
        assert (stats.new, stats.updated) == (2, 1)
        later = ing.ingest([version("2026-03-01T12:00:00Z", "#EV CONSULT RUS UKR 2026-03-01")])
        assert (later.new, later.known) == (0, 1)       # an earlier version after it: the later stays
    arts, types = _stored(db)
    assert len(arts) == 1 and arts[0][1] == "2026-03-01T14:00:00Z" and types == ["MOBILIZE"]


def test_a_replaced_item_gets_the_near_duplicate_link_of_its_new_text(tmp_path):
    """A feed item stored as a wire copy kept its link (and its events counted as the copy's)
    after a correction gave it its own text; a correction back to the wire text links it again."""
    from lagebild.records import Article
    from test_ingest import filler
    wire = filler(7, words=200)
    words = wire.split()
    words[100] = "Aktualisiert"
    copy = " ".join(words)
    line = "#EV ASSAULT RUS UKR 2026-03-01"

    def version(stamp, body):
        return Article("feed-1", body + "\n" + line, "2026-03-01", url="http://news.test/1",
                       source="N", updated=stamp)

    def state(store):
        links = store.con.execute("SELECT article_id, near_duplicate_of FROM articles "
                                  "ORDER BY article_id").fetchall()
        counts = store.con.execute("SELECT num_articles, num_sources FROM events").fetchall()
        return links, counts

    with Store(tmp_path / "n.duckdb") as store, Ingester(store, analyzer=SPEC) as ing:
        ing.ingest([Article("wire", wire + "\n" + line, "2026-03-01", source="dpa")])
        ing.ingest([version("2026-03-01T10:00:00Z", copy)])
        assert state(store) == ([(1, None), (2, 1)], [(1, 1)])          # a copy: counted once
        ing.ingest([version("2026-03-01T12:00:00Z", filler(9, words=200))])
        assert state(store) == ([(1, None), (2, None)], [(2, 2)])       # its own story now
        ing.ingest([version("2026-03-01T14:00:00Z", copy)])
        assert state(store) == ([(1, None), (2, 1)], [(1, 1)])


#: the copies stored before the correction comes, or ingested in its batch, before it (a copy
#: added earlier in the same batch is relinked too: it is no stored row yet)
BATCHES = pytest.mark.parametrize("same_batch", [False, True], ids=["copies_stored", "same_batch"])


def _copies_case(tmp_path, corrections, copies=1, same_batch=False):
    """A feed item (article 1, the wire text) and ``copies`` wire copies of it from other outlets
    (articles 2, ...), all telling an ASSAULT; then the item is corrected: each of
    ``corrections`` is ``(body, line)`` of a new version. ``same_batch``: the copies arrive in
    the batch of the first correction, before it (``ingest outlet.xml wire-1400.xml``). Returns
    the links, the events as ``(type, num_articles, num_sources)`` that count, and the stored
    mentions as ``(article_id, type, is_duplicate)``."""
    from lagebild.records import Article
    from test_ingest import filler
    wire = filler(7, words=200)
    line = "#EV ASSAULT RUS UKR 2026-03-01"

    def copy_of(body, k):
        words = body.split()
        words[100 + k] = f"Aktualisiert{k}"
        return " ".join(words)

    with Store(tmp_path / "c.duckdb") as store, Ingester(store, analyzer=SPEC) as ing:
        ing.ingest([Article("feed-1", wire + "\n" + line, "2026-03-01", url="http://news.test/1",
                            source="N", updated="2026-03-01T10:00:00Z")])
        batch = [Article(f"copy-{k}", copy_of(wire, k) + "\n" + line, "2026-03-01",
                         source=f"outlet{k}") for k in range(copies)]
        if not same_batch:
            for art in batch:
                ing.ingest([art])
            batch = []
        for n, (body, new_line) in enumerate(corrections):
            ing.ingest(batch + [Article("feed-1", (copy_of(wire, 50) if body is None else body)
                                        + "\n" + new_line, "2026-03-01", url="http://news.test/1",
                                        source="N", updated=f"2026-03-01T1{n + 1}:00:00Z")])
            batch = []
        links = store.con.execute("SELECT article_id, near_duplicate_of FROM articles "
                                  "ORDER BY article_id").fetchall()
        events = store.con.execute("SELECT type, num_articles, num_sources FROM events "
                                   "WHERE num_mentions >= 1 ORDER BY type").fetchall()
        mentions = store.con.execute("SELECT m.article_id, e.type, m.is_duplicate FROM event_mentions m "
                                     "JOIN events e USING (event_id) ORDER BY 1, 2").fetchall()
        shown = sorted(store.query_events(limit=None)["type"])
        orphans = store.con.execute("SELECT count(*) FROM events WHERE event_id NOT IN "
                                    "(SELECT event_id FROM event_mentions WHERE NOT is_duplicate)"
                                    ).fetchall()[0][0]
    assert orphans == 0, "an event only copies mention, shown nowhere"
    assert shown == [t for t, *_ in events]
    return links, events, mentions


@BATCHES
def test_copies_of_a_corrected_item_follow_their_own_text(tmp_path, same_batch):
    """A wire copy kept its link to a feed item whose correction gave it another text: its ASSAULT
    was a duplicate mention of an event no article told any more (counted nowhere, shown nowhere,
    until a `reanalyze`). The copy is now an original of its own, its ASSAULT counts."""
    from test_ingest import filler
    links, events, mentions = _copies_case(
        tmp_path, [(filler(9, words=200), "#EV MOBILIZE RUS - 2026-03-01")], same_batch=same_batch)
    assert links == [(1, None), (2, None)]
    assert events == [("ASSAULT", 1, 1), ("MOBILIZE", 1, 1)]
    assert mentions == [(1, "MOBILIZE", False), (2, "ASSAULT", False)]


@BATCHES
def test_a_copy_still_near_the_corrected_item_keeps_the_link_and_what_it_alone_tells_counts(tmp_path, same_batch):
    """A small correction (one more word) that drops the ASSAULT: the copy is still a copy of the
    item, and the ASSAULT the item no longer tells is the copy's own."""
    links, events, mentions = _copies_case(tmp_path, [(None, "#EV MOBILIZE RUS - 2026-03-01")],
                                           same_batch=same_batch)
    assert links == [(1, None), (2, 1)]
    assert events == [("ASSAULT", 1, 1), ("MOBILIZE", 1, 1)]
    assert mentions == [(1, "MOBILIZE", False), (2, "ASSAULT", False)]


@BATCHES
def test_a_correction_that_keeps_the_event_keeps_the_copy_a_duplicate(tmp_path, same_batch):
    links, events, mentions = _copies_case(tmp_path, [(None, "#EV ASSAULT RUS UKR 2026-03-01")],
                                           same_batch=same_batch)
    assert links == [(1, None), (2, 1)]
    assert events == [("ASSAULT", 1, 1)]
    assert mentions == [(1, "ASSAULT", False), (2, "ASSAULT", True)]


@BATCHES
def test_two_copies_of_a_corrected_item_become_one_original_and_its_copy(tmp_path, same_batch):
    """Two copies of the wire text, whose item is corrected to another story: the first copy is the
    original of the second now, and their ASSAULT counts once."""
    from test_ingest import filler
    links, events, mentions = _copies_case(
        tmp_path, [(filler(9, words=200), "#EV MOBILIZE RUS - 2026-03-01")], copies=2,
        same_batch=same_batch)
    assert links == [(1, None), (2, None), (3, 2)]
    assert events == [("ASSAULT", 1, 1), ("MOBILIZE", 1, 1)]
    assert mentions == [(1, "MOBILIZE", False), (2, "ASSAULT", False), (3, "ASSAULT", True)]


@BATCHES
def test_copies_follow_a_correction_back_to_the_wire_text(tmp_path, same_batch):
    """Corrected to another story and then back: the copy that became an original stays one, and
    nothing is left that only a copy's duplicate mentions keep. (The item is no copy of it: a copy
    is of an earlier article; both count, as before this fix for any later original.)"""
    from test_ingest import filler
    links, events, mentions = _copies_case(
        tmp_path, [(filler(9, words=200), "#EV MOBILIZE RUS - 2026-03-01"),
                   (None, "#EV ASSAULT RUS UKR 2026-03-01")], same_batch=same_batch)
    assert links == [(1, None), (2, None)]
    assert events == [("ASSAULT", 2, 2)]
    assert mentions == [(1, "ASSAULT", False), (2, "ASSAULT", False)]


# -- a corrected item whose page fails, over HTTP (a feed server on 127.0.0.1, never the internet) --
@pytest.fixture
def rss_server(serve_local):
    """An RSS feed of one item on 127.0.0.1 whose state the test sets: ``state["pubdate"]``,
    ``state["summary"]`` (the item's description) and ``state["page"]`` (the item page's HTTP
    status; 200 serves an article ending in ``state["line"]``); ``hits`` counts the requests."""
    from collections import Counter
    from http.server import BaseHTTPRequestHandler

    state = {"pubdate": "Sun, 01 Mar 2026 10:00:00 GMT", "page": 404, "line": "", "more": 0,
             "summary": "<p>Die Armee meldet neue Kämpfe an der Grenze.</p><p>#EV ASSAULT RUS UKR 2026-03-01</p>"}
    hits: Counter = Counter()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits[self.path] += 1
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                from xml.sax.saxutils import escape
                body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                        f'<title>Tagesblatt</title><link>{base}/</link><item><title>Angriff</title>'
                        f'<link>{base}/artikel/1</link><guid>tb-1</guid>'
                        f'<pubDate>{state["pubdate"]}</pubDate>'
                        f'<description>{escape(state["summary"])}</description></item>'
                        f'</channel></rss>').encode()
                status, ctype = 200, "application/rss+xml"
            elif state["page"] == 200:
                body, status, ctype = _page(state["line"], state["more"]), 200, "text/html; charset=utf-8"
            else:
                body, status, ctype = b"nicht gefunden", state["page"], "text/plain"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    return serve_local(Handler), state, hits


def _ingest_url(url: str, db, monkeypatch, *extra: str):
    from click.testing import CliRunner
    from lagebild.cli import main
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent))
    return CliRunner().invoke(main, ["ingest", url, "--db", str(db), "--analyzer", SPEC,
                                     "--allow-private-hosts", "--timeout", "5", *extra])


@pytest.mark.usefixtures("no_retry_wait")       # the 503s are tried again at once
@pytest.mark.parametrize("status", [404, 503])
def test_a_correction_whose_page_fails_uses_its_new_summary_as_a_first_fetch_does(
        tmp_path, rss_server, monkeypatch, status):
    """An item whose page is 404 was stored with the feed's summary; its correction (a later
    pubDate, a new summary) whose page still failed said "the stored version is kept; it is tried
    again on the next poll" and exited 3 on every poll, for ever (a new-user probe). It is stored
    with its new summary now, as on the first fetch, with a note; the next poll finds it known.
    Also for a server error (503): the stored version was only a summary, no longer than the new
    one, so nothing is lost."""
    base, state, hits = rss_server
    db = tmp_path / "f.duckdb"
    r = _ingest_url(f"{base}/feed.xml", db, monkeypatch)
    assert r.exit_code == 0, r.output
    assert "HTTP 404" in r.stderr and "summary instead" in r.stderr
    state.update(pubdate="Sun, 01 Mar 2026 12:30:00 GMT", page=status,
                 summary="<p>Korrektur: Die Armee meldet eine Mobilmachung an der Grenze, keine "
                         "Kämpfe.</p><p>#EV MOBILIZE RUS - 2026-03-01</p>")
    r = _ingest_url(f"{base}/feed.xml", db, monkeypatch, "--timeout", "1")
    assert r.exit_code == 0, r.output
    note = [x for x in r.stderr.splitlines() if "/artikel/1" in x]
    assert len(note) == 1 and f"HTTP {status}" in note[0], r.stderr
    assert "summary instead" in note[0] and "replaces the stored one" in note[0]
    assert "stored version is kept" not in r.output and "1 error" not in r.output
    arts, types = _stored(db)
    assert len(arts) == 1 and arts[0][1] == "2026-03-01T12:30:00Z" and "Mobilmachung" in arts[0][2]
    assert types == ["MOBILIZE"]                    # the first version's ASSAULT is gone
    page_hits = hits["/artikel/1"]
    r = _ingest_url(f"{base}/feed.xml", db, monkeypatch)
    assert r.exit_code == 0 and hits["/artikel/1"] == page_hits, r.output   # known: not fetched again
    assert _stored(db)[0] == arts


@pytest.mark.usefixtures("no_retry_wait")       # the 503s are tried again at once
def test_a_server_error_on_a_corrected_article_keeps_the_stored_article_until_the_page_works(
        tmp_path, rss_server, monkeypatch):
    """A stored article (from its page) is not replaced by the feed's shorter summary for a
    server's passing trouble (a review): kept, the page tried again on the next poll (an error of
    the run: exit 1 here, the feed's only item), and the correction applied when the page answers."""
    base, state, hits = rss_server
    db = tmp_path / "p.duckdb"
    state.update(page=200, line="#EV ASSAULT RUS UKR 2026-03-01", more=4)
    assert _ingest_url(f"{base}/feed.xml", db, monkeypatch).exit_code == 0
    assert len(_stored(db)[0][0][2]) >= 600                 # a full article, from its page
    state.update(pubdate="Sun, 01 Mar 2026 12:30:00 GMT", page=503, line="#EV MOBILIZE RUS - 2026-03-01",
                 summary="<p>Korrektur: Die Armee meldet eine Mobilmachung an der Grenze.</p>"
                         "<p>#EV MOBILIZE RUS - 2026-03-01</p>")
    r = _ingest_url(f"{base}/feed.xml", db, monkeypatch, "--timeout", "1")
    assert r.exit_code == 1 and "the stored version is kept; it is tried again on the next poll" in r.stderr
    assert _stored(db)[1] == ["ASSAULT"]
    state["page"] = 200
    assert _ingest_url(f"{base}/feed.xml", db, monkeypatch).exit_code == 0
    arts, types = _stored(db)
    assert types == ["MOBILIZE"] and "Die Regierung in Kiew" in arts[0][2]   # the page's text


@pytest.mark.parametrize("summary,status,transient,stored,keep", [
    ("kurz", 404, True, 10, True),                  # no article: nothing to store instead
    ("x" * 100, 404, True, 5000, False),            # a 404: the new summary, as a new item's
    ("x" * 100, None, False, 5000, False),          # no article in the page, not HTML: the same
    ("x" * 100, 503, True, 5000, True),             # a server's hiccup over a stored article: kept
    ("x" * 100, None, True, 5000, True),            # a timeout: the same
    ("x" * 100, 503, True, 80, False),              # ... over a stored summary: the new summary
    ("x" * 100, 503, True, 120, False),             # ... also when the stored summary is longer
    ("x" * 100, 503, True, 599, False),             # shorter than a full article: a summary
    ("x" * 100, 503, True, 600, True),              # MIN_FULL_TEXT: a full article, kept
    ("x" * 100, 503, True, None, True),             # not known: counted as an article
], ids=["teaser", "404", "no-article", "503-article", "timeout-article", "503-summary",
        "503-longer-summary", "503-short-text", "503-full-article", "503-unknown"])
def test_keeps_stored_version_is_one_rule(summary, status, transient, stored, keep):
    from lagebild.feeds import keeps_stored_version
    assert keeps_stored_version(summary, status, transient, stored) is keep


@pytest.mark.usefixtures("no_retry_wait")       # the 503s are tried again at once
def test_a_retraction_with_a_shorter_summary_whose_page_gives_503_replaces_the_stored_summary(
        tmp_path, rss_server, monkeypatch):
    """R22: the item was stored from its 120-character summary (page 404); its correction has a
    shorter summary (a retraction) and its page now answers 503. The rule compared lengths, so the
    old summary with its retracted ASSAULT was kept and every poll failed, for ever."""
    base, state, hits = rss_server
    db = tmp_path / "r.duckdb"
    state["summary"] = ("<p>Die Armee meldet neue schwere Kämpfe an der Grenze und viele Verletzte "
                        "unter den Soldaten.</p><p>#EV ASSAULT RUS UKR 2026-03-01</p>")
    r = _ingest_url(f"{base}/feed.xml", db, monkeypatch)
    assert r.exit_code == 0 and "summary instead" in r.stderr, r.output
    first = _stored(db)[0][0][2]
    state.update(pubdate="Sun, 01 Mar 2026 12:30:00 GMT", page=503,
                 summary="<p>Korrektur: keine Kämpfe.</p><p>#EV MOBILIZE RUS - 2026-03-01</p>")
    r = _ingest_url(f"{base}/feed.xml", db, monkeypatch, "--timeout", "1")
    arts, types = _stored(db)
    assert len(arts[0][2]) < len(first)                         # the shorter one replaced it
    assert r.exit_code == 0 and "replaces the stored one" in r.stderr, r.output
    assert arts[0][1] == "2026-03-01T12:30:00Z" and "keine Kämpfe" in arts[0][2]
    assert types == ["MOBILIZE"]
