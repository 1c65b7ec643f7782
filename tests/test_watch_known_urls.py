"""watch/ingest of a feed: item pages already stored are not downloaded again."""
from __future__ import annotations

import sys
from pathlib import Path

import httpx

from lagebild.ingest import Ingester, ingest_feed
from lagebild.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_feeds import ARTIKEL_1, ARTIKEL_2, ARTIKEL_3  # noqa: E402
from test_ingest import SPEC  # noqa: E402

PAGES = {"/1": ARTIKEL_1, "/2": ARTIKEL_2, "/3": ARTIKEL_3}


def _rss(items):
    body = "".join(f"<item><title>T{i}</title><link>http://news.test/{i}</link>"
                   f"<description>Kurz.</description></item>" for i in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{body}'
            f"</channel></rss>").encode()


def test_changed_feed_fetches_only_new_item_pages(tmp_path):
    feed = {"items": [1, 2]}
    seen = []

    def handler(request):
        seen.append(request.url.path)
        if request.url.path == "/feed":
            return httpx.Response(200, stream=httpx.ByteStream(_rss(feed["items"])),
                                  headers={"content-type": "application/rss+xml"})
        return httpx.Response(200, stream=httpx.ByteStream(PAGES[request.url.path].encode()),
                              headers={"content-type": "text/html; charset=utf-8"})

    kw = dict(resolver=lambda host: ["93.184.216.34"])
    with httpx.Client(transport=httpx.MockTransport(handler)) as client, \
            Store(tmp_path / "w.duckdb") as store, Ingester(store, analyzer=SPEC) as ing:
        s1, _ = ingest_feed(ing, "http://news.test/feed", client=client, **kw)
        assert s1.new == 2 and sorted(seen) == ["/1", "/2", "/feed"]
        seen.clear()
        feed["items"] = [1, 2, 3]                      # the feed changed: one new item
        s2, r2 = ingest_feed(ing, "http://news.test/feed", client=client, **kw)
        assert sorted(seen) == ["/3", "/feed"]         # stored pages not fetched again
        assert s2.new == 1 and r2.skipped_known == 2
        assert (s2.read, s2.known) == (3, 2)          # the skipped items count as read and known


def test_failed_item_page_is_not_stored_with_a_tiny_feed_summary():
    from lagebild.feeds import fetch_feed

    def handler(request):
        if request.url.path == "/feed":
            return httpx.Response(200, stream=httpx.ByteStream(_rss([1])),
                                  headers={"content-type": "application/rss+xml"})
        return httpx.Response(404, stream=httpx.ByteStream(b"weg"))

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        res = fetch_feed("http://news.test/feed", client=client,
                         resolver=lambda host: ["93.184.216.34"])
    assert res.articles == []
    assert any("only 5 characters; item skipped" in w for w in res.warnings)
    (msg,) = [w for w in res.warnings if "/1" in w]      # the 404 and the skip: one message, one error
    assert "404" in msg and "tried again on the next poll" in msg
    assert res.etag is None and res.modified is None     # the next poll gets the whole feed


def test_an_item_linking_to_no_html_page_is_one_message_and_keeps_the_feed_s_etag():
    """A PDF behind a short teaser: one message (one error), and not retried on every poll (the
    ETag is kept, so an unchanged feed costs a 304); a review."""
    from lagebild.feeds import fetch_feed

    def handler(request):
        if request.url.path == "/feed":
            return httpx.Response(200, stream=httpx.ByteStream(_rss([1])),
                                  headers={"content-type": "application/rss+xml", "etag": '"v1"'})
        return httpx.Response(200, stream=httpx.ByteStream(b"%PDF-1.4"),
                              headers={"content-type": "application/pdf"})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        res = fetch_feed("http://news.test/feed", client=client,
                         resolver=lambda host: ["93.184.216.34"])
    assert res.articles == []
    (msg,) = [w for w in res.warnings if "/1" in w]
    assert "not an HTML page" in msg and "item skipped" in msg and "tried again" not in msg
    assert res.etag == '"v1"'


def test_an_item_on_a_refused_host_is_not_retried_on_every_poll():
    """A refused private host is no failure that passes: the feed's ETag is kept (a review)."""
    from lagebild.feeds import fetch_feed
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title><item><title>T</title>'
           b'<link>http://intern.test/1</link><description>Kurz.</description></item></channel></rss>')

    def handler(request):
        return httpx.Response(200, stream=httpx.ByteStream(rss),
                              headers={"content-type": "application/rss+xml", "etag": '"v1"'})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        res = fetch_feed("http://news.test/feed", client=client,
                         resolver=lambda host: ["10.0.0.5"] if host == "intern.test" else ["93.184.216.34"])
    (msg,) = [w for w in res.warnings if "intern.test" in w]
    assert "item skipped" in msg and "tried again" not in msg and res.etag == '"v1"'
