"""RSS/Atom fetching against a local HTTP server on 127.0.0.1 (never the internet)."""
from __future__ import annotations

import threading
import time
import tracemalloc
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lagebild.feeds import (DEFAULT_UA, FeedResult, fetch_feed, fetch_feeds, fragment_text,
                            html_to_article, xml_refusal)
from lagebild.records import Article

# --------------------------------------------------------------------------- content

ARTIKEL_1 = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Regierung beschließt neues Hilfspaket | Tagesblatt</title>
<meta property="article:published_time" content="2026-03-02T09:15:00+01:00">
<meta property="og:site_name" content="Tagesblatt">
</head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/wirtschaft">Wirtschaft</a></nav>
<article>
<h1>Regierung beschließt neues Hilfspaket für die Landwirtschaft</h1>
<p>Die Bundesregierung hat am Montag ein Hilfspaket in Höhe von 800 Millionen Euro für
landwirtschaftliche Betriebe beschlossen. Nach der monatelangen Dürre im vergangenen Sommer
seien viele Höfe in ihrer Existenz bedroht, sagte die Landwirtschaftsministerin in Berlin.</p>
<p>Das Geld soll vor allem kleinen und mittleren Betrieben zugutekommen, die besonders unter
den Ernteausfällen gelitten haben. Die Anträge können ab April bei den Landesbehörden gestellt
werden. Der Bauernverband begrüßte die Entscheidung, kritisierte aber, dass die Hilfe zu spät
komme und viele Betriebe bereits aufgegeben hätten.</p>
<p>Die Opposition warf der Regierung vor, die Folgen des Klimawandels für die Landwirtschaft
zu lange unterschätzt zu haben. Sie forderte einen dauerhaften Fonds für Ernteausfälle, der
nicht jedes Jahr neu verhandelt werden müsse.</p>
</article>
<footer>Impressum · Datenschutz · Kontakt</footer>
</body></html>
"""

ARTIKEL_2 = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Gewerkschaft kündigt Warnstreiks an</title>
</head><body>
<article>
<h1>Gewerkschaft kündigt Warnstreiks im Nahverkehr an</h1>
<p>Die Gewerkschaft hat für die kommende Woche Warnstreiks im öffentlichen Nahverkehr in
mehreren Bundesländern angekündigt. Nach drei ergebnislosen Verhandlungsrunden mit den
kommunalen Arbeitgebern sehe man keinen anderen Weg, erklärte der Verhandlungsführer.</p>
<p>Die Arbeitgeber wiesen die Forderung nach zwölf Prozent mehr Lohn als unbezahlbar zurück.
Sie boten eine Erhöhung um fünf Prozent in zwei Stufen an und riefen die Gewerkschaft auf,
an den Verhandlungstisch zurückzukehren, statt Fahrgäste in Geiselhaft zu nehmen.</p>
<p>Pendler müssen sich nach Angaben der Verkehrsbetriebe auf erhebliche Einschränkungen
einstellen. Busse und Straßenbahnen sollen in vielen Städten den ganzen Tag stillstehen.</p>
</article>
</body></html>
"""

ARTIKEL_3 = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Bürgermeister tritt zurück</title>
<meta name="date" content="2026-02-20">
</head><body><main>
<h1>Bürgermeister tritt nach Affäre zurück</h1>
<p>Der Bürgermeister der Stadt ist am Freitag nach wochenlanger Kritik an der Vergabe
städtischer Aufträge zurückgetreten. Er wolle den Weg für eine unabhängige Aufklärung frei
machen, sagte er vor dem Stadtrat. Die Staatsanwaltschaft ermittelt wegen des Verdachts der
Vorteilsannahme gegen zwei Mitarbeiter der Verwaltung.</p>
<p>Der Stadtrat will bereits in der kommenden Woche über einen Termin für die Neuwahl beraten.
Bis dahin führt die erste Stellvertreterin die Amtsgeschäfte. Mehrere Fraktionen forderten
einen Untersuchungsausschuss, der alle Vergaben der vergangenen fünf Jahre prüfen soll.</p>
</main></body></html>
"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Tagesblatt Politik</title><link>{base}/</link><description>Nachrichten</description>
<item>
  <title>Regierung beschließt neues Hilfspaket</title>
  <link>{base}/artikel/1.html</link>
  <guid isPermaLink="false">tagesblatt-0001</guid>
  <description>Die Bundesregierung hilft Landwirten mit 800 Millionen Euro.</description>
</item>
<item>
  <title>Gewerkschaft kündigt Warnstreiks an</title>
  <link>{base}/artikel/2.html</link>
  <guid>{base}/artikel/2.html</guid>
  <pubDate>Tue, 03 Mar 2026 00:30:00 +0100</pubDate>
  <description>Busse und Bahnen stehen still.</description>
</item>
<item>
  <title>Verschwundener Artikel</title>
  <link>{base}/artikel/fehlt.html</link>
  <pubDate>Wed, 04 Mar 2026 12:00:00 +0100</pubDate>
  <description>Ein kurzer Anriss eines Artikels, dessen Seite nicht mehr existiert.</description>
</item>
</channel></rss>
"""

ATOM_BODY = (
    "<p>Die Außenminister der beiden Länder haben sich am Dienstag in Wien zu Gesprächen über "
    "die Lage an der gemeinsamen Grenze getroffen. Beide Seiten vereinbarten, eine gemeinsame "
    "Kommission einzusetzen, die bis zum Sommer Vorschläge für einen dauerhaften Grenzverlauf "
    "vorlegen soll.</p><p>Nach dem Treffen sprach der Gastgeber von einem konstruktiven "
    "Austausch. Man sei sich in vielen Punkten nähergekommen, auch wenn noch schwierige Fragen "
    "offen seien. Beobachter werteten das Treffen als ersten Schritt zur Entspannung nach "
    "Monaten gegenseitiger Vorwürfe.</p><p>Die Opposition in beiden Hauptstädten kritisierte "
    "die Gespräche dagegen als zu nachgiebig und kündigte Widerstand im Parlament an, sollte "
    "die Kommission Gebietsabtretungen empfehlen.</p>"
)

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Weltspiegel</title>
  <id>urn:weltspiegel</id>
  <updated>2026-03-10T08:00:00Z</updated>
  <entry>
    <title>Außenminister vereinbaren Grenzkommission</title>
    <id>urn:weltspiegel:42</id>
    <link rel="alternate" href="{base}/nie-abrufen.html"/>
    <published>2026-03-10T07:30:00+01:00</published>
    <updated>2026-03-10T07:45:00+01:00</updated>
    <content type="html">{content}</content>
  </entry>
  <entry>
    <title>Bürgermeister tritt zurück</title>
    <id>urn:weltspiegel:43</id>
    <link rel="alternate" href="{base}/artikel/3.html"/>
    <summary>Rücktritt nach Affäre.</summary>
  </entry>
</feed>
"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>
"""

def _gzip_bomb(size: int) -> bytes:
    """A gzip body of ``size`` bytes (a feed start, then blanks) in a few hundred kB."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [comp.compress(b'<?xml version="1.0"?><rss version="2.0"><channel><title>')]
    block = b" " * (1 << 20)
    parts += [comp.compress(block) for _ in range(size >> 20)]
    parts.append(comp.flush())
    return b"".join(parts)


GZIP_BOMB_SIZE = 100 * 1024 * 1024
GZIP_BOMB = _gzip_bomb(GZIP_BOMB_SIZE)

ETAG = '"tagesblatt-v1"'
LAST_MODIFIED = "Tue, 10 Mar 2026 08:00:00 GMT"
HUGE_LIMIT = 200 * 1024 * 1024  # what /riesig.xml would send if nobody stopped reading


# --------------------------------------------------------------------------- server


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):  # noqa: C901 - one route table
        srv = self.server
        path = self.path
        srv.hits[path] += 1
        srv.requests.append((path, dict(self.headers)))
        base = f"http://127.0.0.1:{srv.server_address[1]}"
        route = path.split("?")[0]
        if route == "/rss.xml":
            if (self.headers.get("If-None-Match") == ETAG
                    or self.headers.get("If-Modified-Since") == LAST_MODIFIED):
                self._send(304, headers={"ETag": ETAG})
                return
            self._send(200, RSS.format(base=base), "application/rss+xml; charset=utf-8",
                       {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})
        elif route == "/atom.xml":
            from xml.sax.saxutils import escape
            self._send(200, ATOM.format(base=base, content=escape(ATOM_BODY)),
                       "application/atom+xml; charset=utf-8")
        elif route == "/artikel/1.html":
            self._send(200, ARTIKEL_1)
        elif route == "/artikel/2.html":
            self._send(200, ARTIKEL_2)
        elif route == "/artikel/3.html":
            self._send(200, ARTIKEL_3)
        elif route == "/langsam.xml":
            time.sleep(1.5)
            self._send(200, RSS.format(base=base), "application/rss+xml")
        elif route == "/wackelig.xml":  # 500 on the first request, then the feed
            if srv.hits[path] == 1:
                self._send(500, "kaputt", "text/plain")
            else:
                self._send(200, RSS.format(base=base), "application/rss+xml")
        elif route == "/immer500.xml":
            self._send(500, "kaputt", "text/plain")
        elif route == "/kaputt.xml":
            self._send(200, "<<< das ist & kein <XML", "application/rss+xml")
        elif route == "/bombe.xml":
            self._send(200, BOMB, "application/rss+xml")
        elif route == "/gzipbombe.xml":
            self._send(200, GZIP_BOMB, "application/rss+xml", {"Content-Encoding": "gzip"})
        elif route == "/gezippt.xml":
            import gzip
            self._send(200, gzip.compress(RSS.format(base=base).encode()), "application/rss+xml",
                       {"Content-Encoding": "gzip"})
        elif route == "/deflate.xml":  # zlib-wrapped (as RFC 9110 says) or raw (?roh)
            raw = RSS.format(base=base).encode()
            comp = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS if "roh" in path else 15)
            self._send(200, comp.compress(raw) + comp.flush(), "application/rss+xml",
                       {"Content-Encoding": "deflate"})
        elif route == "/umgezogen.xml":
            self._send(301, "", headers={"Location": "/atom.xml?umgezogen"})
        elif route == "/riesig.xml":
            self._huge()
        else:
            self._send(404, "nicht gefunden", "text/plain")

    def _huge(self):
        """An endless feed (no Content-Length): it only stops when the client hangs up."""
        srv = self.server
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        item = ("<item><title>Meldung</title><link>http://127.0.0.1:9/x</link>"
                "<description>" + "Viel Text. " * 80 + "</description></item>\n").encode()
        sent = 0
        try:
            self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>'
                             b"<title>Riesig</title>\n")
            while sent < HUGE_LIMIT:
                self.wfile.write(item * 64)
                sent += len(item) * 64
        except OSError:
            pass
        finally:
            srv.huge_sent = sent
            srv.huge_done.set()
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients hanging up early (timeouts, the byte cap) are expected here


@pytest.fixture(scope="module")
def server():
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.hits = Counter()
    srv.requests = []
    srv.huge_sent = None
    srv.huge_done = threading.Event()
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    srv.base = f"http://127.0.0.1:{srv.server_address[1]}"
    yield srv
    srv.shutdown()
    srv.server_close()


FAST = dict(timeout=2.0, retries=0, backoff=0.01, allow_private=True)


# --------------------------------------------------------------------------- tests


def test_rss_items_are_fetched_and_extracted_from_their_pages(server):
    res = fetch_feed(server.base + "/rss.xml", **FAST)
    assert isinstance(res, FeedResult)
    assert res.status == 200 and not res.not_modified
    by_title = {a.title: a for a in res.articles}
    hilfe = by_title["Regierung beschließt neues Hilfspaket"]
    assert isinstance(hilfe, Article)
    assert "800 Millionen Euro" in hilfe.text
    assert "Bauernverband" in hilfe.text           # the page's text, not the one-line teaser
    assert "Impressum" not in hilfe.text            # boilerplate left out
    assert hilfe.dct == "2026-03-02"                # no pubDate in the feed: the page's date
    assert hilfe.url == server.base + "/artikel/1.html"
    assert hilfe.source == "Tagesblatt Politik"
    assert hilfe.origin == server.base + "/rss.xml"
    streik = by_title["Gewerkschaft kündigt Warnstreiks an"]
    assert "zwölf Prozent" in streik.text
    assert streik.dct == "2026-03-03"               # the pubDate's own day, not shifted to UTC


def test_item_page_failing_gives_warning_and_other_items_continue(server):
    res = fetch_feed(server.base + "/rss.xml", **FAST)
    # stored with the feed's summary: one note that says why (no error: the item is not lost)
    (missing,) = [w for w in res.notes if "/artikel/fehlt.html" in w]
    assert "404" in missing and "used the feed's own" in missing
    assert not [w for w in res.warnings if "/artikel/fehlt.html" in w]
    # the other two items are complete; the missing one falls back to the feed's summary
    assert len(res.articles) == 3
    fallback = next(a for a in res.articles if a.url.endswith("fehlt.html"))
    assert fallback.text.startswith("Ein kurzer Anriss")
    assert fallback.dct == "2026-03-04"


def test_doc_ids_are_stable_and_distinct(server):
    first = fetch_feed(server.base + "/rss.xml", **FAST)
    second = fetch_feed(server.base + "/rss.xml?wieder", **FAST)
    ids1 = [a.doc_id for a in first.articles]
    assert len(set(ids1)) == len(ids1)
    # the guid (not the feed URL) decides the id, so the same items keep their ids
    assert ids1 == [a.doc_id for a in second.articles]


def test_requests_carry_the_lagebild_user_agent(server):
    fetch_feed(server.base + "/rss.xml?ua", **FAST)
    headers = next(h for p, h in server.requests if p == "/rss.xml?ua")
    assert headers["User-Agent"] == DEFAULT_UA
    assert DEFAULT_UA.startswith("lagebild/") and "(+http" in DEFAULT_UA


def test_etag_and_last_modified_give_not_modified_on_second_fetch(server):
    url = server.base + "/rss.xml"
    first = fetch_feed(url, **FAST)
    assert first.etag == ETAG and first.modified == LAST_MODIFIED
    second = fetch_feed(url, etag=first.etag, modified=first.modified, **FAST)
    assert second.status == 304 and second.not_modified
    assert second.articles == [] and second.warnings == []
    assert second.etag == ETAG and second.modified == LAST_MODIFIED   # kept for the next poll
    only_modified = fetch_feed(url, modified=LAST_MODIFIED, **FAST)
    assert only_modified.not_modified


def test_atom_entry_with_full_content_is_not_fetched_again(server):
    res = fetch_feed(server.base + "/atom.xml", **FAST)
    assert res.warnings == []
    arts = {a.title: a for a in res.articles}
    grenz = arts["Außenminister vereinbaren Grenzkommission"]
    assert "gemeinsame Kommission" in grenz.text and "<p>" not in grenz.text
    assert len(grenz.text.split("\n\n")) == 3       # paragraphs kept apart
    assert grenz.dct == "2026-03-10"
    assert grenz.source == "Weltspiegel"
    assert server.hits["/nie-abrufen.html"] == 0    # full text in the feed: link not fetched
    # the short-summary entry was fetched and extracted, date from the page
    ruecktritt = arts["Bürgermeister tritt zurück"]
    assert "Untersuchungsausschuss" in ruecktritt.text
    assert ruecktritt.dct == "2026-02-20"


def test_fetch_items_false_uses_only_the_feed_text(server):
    before = server.hits["/artikel/3.html"]
    res = fetch_feed(server.base + "/atom.xml?nurfeed", fetch_items=False, **FAST)
    assert server.hits["/artikel/3.html"] == before
    assert {a.text for a in res.articles if a.title == "Bürgermeister tritt zurück"} == {
        "Rücktritt nach Affäre."}


def test_timeout_gives_warning_naming_the_url(server):
    url = server.base + "/langsam.xml"
    res = fetch_feed(url, timeout=0.3, retries=1, backoff=0.01, allow_private=True)
    assert res.articles == [] and res.status is None
    assert len(res.warnings) == 1
    assert url in res.warnings[0] and "timed out" in res.warnings[0]
    assert "2 tries" in res.warnings[0]


def test_404_gives_warning_and_is_not_retried(server):
    url = server.base + "/gibtsnicht.xml"
    res = fetch_feed(url, retries=3, backoff=0.01, allow_private=True)
    assert res.status == 404 and res.articles == []
    assert any(url in w and "404" in w for w in res.warnings)
    assert server.hits["/gibtsnicht.xml"] == 1


def test_500_then_200_succeeds_after_retry(server):
    url = server.base + "/wackelig.xml?retry"
    res = fetch_feed(url, retries=2, backoff=0.01, allow_private=True)
    assert server.hits["/wackelig.xml?retry"] == 2
    assert res.status == 200
    assert len(res.articles) == 3


def test_500_every_time_gives_warning_after_all_retries(server):
    url = server.base + "/immer500.xml"
    res = fetch_feed(url, retries=2, backoff=0.01, allow_private=True)
    assert server.hits["/immer500.xml"] == 3
    assert res.status == 500 and res.articles == []
    assert any(url in w and "500" in w for w in res.warnings)


def test_malformed_xml_gives_warning(server):
    url = server.base + "/kaputt.xml"
    res = fetch_feed(url, **FAST)
    assert res.articles == []
    assert len(res.warnings) == 1 and url in res.warnings[0]
    assert res.etag is None


def test_huge_body_is_cut_off_with_warning_and_bounded_reading(server):
    url = server.base + "/riesig.xml"
    limit = 300_000
    res = fetch_feed(url, max_bytes=limit, fetch_items=False, max_items=10, **FAST)
    assert any(url in w and "cut off" in w for w in res.warnings)
    # the server stops once the client hangs up: far less than the endless body was sent
    assert server.huge_done.wait(10), "server still sending: the client kept reading"
    assert server.huge_sent < HUGE_LIMIT // 4
    # what was read is parsed as far as it goes, capped at max_items
    assert 0 < len(res.articles) <= 10


def test_gzip_body_is_decoded(server):
    res = fetch_feed(server.base + "/gezippt.xml", fetch_items=False, **FAST)
    assert res.status == 200 and len(res.articles) == 3


@pytest.mark.parametrize("query", ["", "?roh"])
def test_deflate_body_is_decoded_wrapped_or_raw(server, query):
    res = fetch_feed(server.base + "/deflate.xml" + query, fetch_items=False, **FAST)
    assert res.warnings == [] and len(res.articles) == 3


def test_redirect_is_followed(server):
    res = fetch_feed(server.base + "/umgezogen.xml", **FAST)
    assert res.status == 200 and len(res.articles) == 2
    assert server.hits["/atom.xml?umgezogen"] == 1


def test_gzip_bomb_is_cut_off_without_inflating_it_in_memory(server):
    url = server.base + "/gzipbombe.xml"
    limit = 500_000
    tracemalloc.start()
    try:
        res = fetch_feed(url, max_bytes=limit, **FAST)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert any(url in w and "cut off" in w for w in res.warnings)
    assert res.articles == []
    assert peak < GZIP_BOMB_SIZE // 2   # the 100 MB it inflates to are never held at once


def test_xml_bomb_is_refused_with_warning(server):
    url = server.base + "/bombe.xml"
    res = fetch_feed(url, **FAST)
    assert res.articles == []
    assert len(res.warnings) == 1
    assert url in res.warnings[0] and "refused" in res.warnings[0]


def test_xml_refusal_allows_plain_doctype_but_not_entities():
    plain = (b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD '
             b'RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
             b'<rss version="0.91"><channel><title>t</title></channel></rss>')
    assert xml_refusal(plain) is None
    assert xml_refusal(BOMB) is not None
    external = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<rss>&x;</rss>")
    assert xml_refusal(external) is not None
    assert xml_refusal(BOMB.decode().encode("utf-16")) is not None
    # an article *about* XML that mentions <!ENTITY in its body is not refused
    assert xml_refusal(b"<rss><channel><description><![CDATA[<!ENTITY x>]]></description>"
                       b"</channel></rss>") is None


def test_one_failing_feed_does_not_stop_the_others(server):
    urls = [server.base + "/kaputt.xml", server.base + "/nirgends.xml",
            "ftp://127.0.0.1/feed.xml", server.base + "/atom.xml?mehrere"]
    results = list(fetch_feeds(urls, **FAST))
    assert [r.url for r in results] == urls
    assert all(r.warnings and r.url in r.warnings[0] for r in results[:3])
    assert all(r.articles == [] for r in results[:3])
    assert len(results[3].articles) == 2 and results[3].warnings == []


def test_fetch_feeds_passes_state_for_conditional_get(server):
    url = server.base + "/rss.xml"
    state = {url: (ETAG, LAST_MODIFIED)}
    (res,) = fetch_feeds([url], state=state, **FAST)
    assert res.not_modified and res.etag == ETAG


def test_unreachable_host_gives_warning():
    # port 9 (discard) on localhost: nothing listens there, the connection is refused
    res = fetch_feed("http://127.0.0.1:9/feed.xml", timeout=0.5, retries=0, allow_private=True)
    assert res.status is None and res.articles == []
    assert any("127.0.0.1:9/feed.xml" in w and "connection failed" in w for w in res.warnings)


def test_html_to_article_extracts_text_title_and_date():
    art = html_to_article(ARTIKEL_1, "https://www.tagesblatt.example/politik/hilfe.html")
    assert art is not None
    assert "Landwirtschaftsministerin" in art.text and "Startseite" not in art.text
    assert art.dct == "2026-03-02"
    assert "Hilfspaket" in (art.title or "")
    assert art.url == "https://www.tagesblatt.example/politik/hilfe.html"
    assert art.source  # site name or host
    again = html_to_article(ARTIKEL_1, "https://www.tagesblatt.example/politik/hilfe.html")
    assert again.doc_id == art.doc_id


def test_html_to_article_returns_none_without_main_text():
    assert html_to_article("<html><body><nav>Startseite</nav></body></html>", None) is None


def test_fragment_text_keeps_paragraphs_and_drops_markup():
    assert fragment_text("<p>Erster Absatz.</p><p>Zweiter <b>Absatz</b>.</p>") == (
        "Erster Absatz.\n\nZweiter Absatz.")
    assert fragment_text("ohne Markup") == "ohne Markup"


def test_the_item_cap_counts_new_items_and_leaves_the_rest_for_the_next_poll(server):
    url = server.base + "/rss.xml"
    every = fetch_feed(url, **FAST)
    first, second = every.articles[0].url, every.articles[1].url
    res = fetch_feed(url, max_items=1, known_urls={first}, **FAST)
    assert [a.url for a in res.articles] == [second]          # the known one does not use up the cap
    assert any("left for the next poll" in w for w in res.warnings)
    assert res.etag is None and res.modified is None          # so the next poll gets the whole feed
    # the message counts the new items left, and the known ones after the cap count as known
    urls = [a.url for a in every.articles]
    res = fetch_feed(url, max_items=1, known_urls={urls[-1]}, **FAST)
    new_left = len(urls) - 2
    assert res.skipped_known == 1
    assert any(f"the other {new_left} new ones are left" in w for w in res.warnings), res.warnings
