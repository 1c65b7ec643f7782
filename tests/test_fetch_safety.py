"""Fetch safety: private/link-local/loopback addresses refused after DNS resolution and
on every redirect (a stub resolver, never real traffic to such addresses), redirect
caps, one deadline per request."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from lagebild.feeds import address_refusal, fetch_feed, url_refusal

PUBLIC = "93.184.216.34"
LONG = "Die Regierung in Berlin hat am Montag ein neues Gesetz beschlossen. " * 12
RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Eins</title><link>http://news.test/1</link><description>{LONG}</description></item>
</channel></rss>""".encode()

DNS = {"news.test": [PUBLIC], "intern.test": ["10.0.0.7"], "meta.test": ["169.254.169.254"],
       "local.test": ["127.0.0.1"], "mixed.test": [PUBLIC, "192.168.1.2"],
       "v6.test": ["::1"], "mcast.test": ["224.0.0.1"]}


def resolver(host):
    return DNS[host]


@pytest.mark.parametrize("ip,refused,refused_even_allowed", [
    ("127.0.0.1", True, False), ("10.1.2.3", True, False), ("172.16.0.1", True, False),
    ("192.168.0.1", True, False), ("169.254.169.254", True, False), ("::1", True, False),
    ("fd00::1", True, False), ("fe80::1", True, False), ("224.0.0.1", True, True),
    ("240.0.0.1", True, True), ("0.0.0.0", True, True), ("::ffff:127.0.0.1", True, False),
    (PUBLIC, False, False), ("2606:4700::1111", False, False),
])
def test_address_refusal(ip, refused, refused_even_allowed):
    assert (address_refusal(ip) is not None) is refused
    assert (address_refusal(ip, allow_private=True) is not None) is refused_even_allowed


@pytest.mark.parametrize("url,ok", [
    ("http://news.test/feed", True), ("http://intern.test/feed", False),
    ("http://meta.test/latest/meta-data", False), ("http://local.test/", False),
    ("http://mixed.test/", False), ("http://v6.test/", False), ("file:///etc/passwd", False),
    ("ftp://news.test/x", False), ("http://169.254.169.254/", False),
])
def test_url_refusal_after_resolution(url, ok):
    assert (url_refusal(url, resolver=resolver) is None) is ok


def _client(routes, seen):
    def handler(request):
        seen.append(str(request.url))
        status, headers, body = routes[str(request.url)]
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_feed_on_a_private_host_is_refused_without_a_request():
    seen = []
    with _client({}, seen) as client:
        res = fetch_feed("http://intern.test/feed", client=client, resolver=resolver)
    assert seen == [] and not res.articles
    assert "10.0.0.7" in res.warnings[0] and "private" in res.warnings[0]


def test_redirect_to_cloud_metadata_is_refused_before_sending():
    seen = []
    routes = {"http://news.test/feed": (302, {"location": "http://meta.test/latest/"}, b"")}
    with _client(routes, seen) as client:
        res = fetch_feed("http://news.test/feed", client=client, resolver=resolver,
                         retries=2, backoff=0.01)
    assert seen == ["http://news.test/feed"]
    assert "redirect to http://meta.test/latest/" in res.warnings[0]
    assert "link-local" in res.warnings[0]


def test_redirect_to_file_url_says_so():
    seen = []
    routes = {"http://news.test/feed": (301, {"location": "file:///etc/passwd"}, b"")}
    with _client(routes, seen) as client:
        res = fetch_feed("http://news.test/feed", client=client, resolver=resolver)
    assert "not an http(s) URL" in res.warnings[0] and "connection failed" not in res.warnings[0]


def test_redirects_are_capped():
    seen = []
    routes = {f"http://news.test/{i}": (302, {"location": f"/{i + 1}"}, b"") for i in range(20)}
    with _client(routes, seen) as client:
        res = fetch_feed("http://news.test/0", client=client, resolver=resolver, max_redirects=3)
    assert len(seen) == 4 and "more than 3 redirects" in res.warnings[0]


def test_item_page_on_private_host_is_not_fetched():
    seen = []
    rss = RSS.replace(b"http://news.test/1", b"http://intern.test/secret").replace(
        LONG.encode(), b"Kurz.")
    routes = {"http://news.test/feed": (200, {"content-type": "application/rss+xml"}, rss)}
    with _client(routes, seen) as client:
        res = fetch_feed("http://news.test/feed", client=client, resolver=resolver)
    assert seen == ["http://news.test/feed"]
    assert any("intern.test/secret" in w and "refused" in w for w in res.warnings)


class _Dribble(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        try:
            for _ in range(100000):     # one byte every 20 ms: never a read timeout
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.02)
        except OSError:
            pass


def _fetch_with_deadline(handler):
    """Fetch a feed from a local server with ``handler``, under a 1 s deadline: (seconds, result)."""
    srv = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        t0 = time.monotonic()
        res = fetch_feed(f"http://127.0.0.1:{srv.server_address[1]}/feed.xml", timeout=1.0,
                         total_timeout=1.0, retries=0, allow_private=True)
        return time.monotonic() - t0, res
    finally:
        srv.shutdown()
        srv.server_close()


def test_one_deadline_per_request_also_for_a_dribbling_server():
    took, res = _fetch_with_deadline(_Dribble)
    assert took < 4.0
    assert res.warnings and "1 s" in res.warnings[0]


def test_cli_refuses_a_local_feed_unless_allowed(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from lagebild.cli import main
    monkeypatch.delenv("LAGEBILD_ALLOW_PRIVATE_HOSTS", raising=False)
    # nothing listens on port 9; the refusal comes before any connection attempt
    r = CliRunner().invoke(main, ["ingest", "http://127.0.0.1:9/feed.xml", "--db",
                                  str(tmp_path / "t.duckdb"), "-q"])
    assert r.exit_code == 1 and "loopback" in r.stderr and "--allow-private-hosts" in r.stderr


def test_entity_declarations_are_found_by_parsing_not_by_text_search():
    from lagebild.feeds import xml_refusal
    bomb_tail = (b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                 b"<rss><channel><title>&b;</title></channel></rss>")
    head = b'<?xml version="1.0"?>\n'
    # a comment with "<a" before the DOCTYPE fooled the old text check
    assert xml_refusal(head + b"<!-- <a href='x'> -->" + bomb_tail) is not None
    # so did 256 KB of padding before it
    assert xml_refusal(head + b"<!--" + b" " * 300_000 + b"-->" + bomb_tail) is not None
    assert xml_refusal(head + b"\n" * 300_000 + bomb_tail) is not None
    # an encoding expat does not know natively
    assert xml_refusal(b'<?xml version="1.0" encoding="windows-1252"?>' + bomb_tail) is not None
    ok = head + b"<!-- <a> -->" + b" " * 300_000 + b"<rss><channel><title>t</title></channel></rss>"
    assert xml_refusal(ok) is None


class _SlowHeaders(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(100000):      # an endless header, one byte every 20 ms
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(0.02)
        except OSError:
            pass


def test_one_deadline_per_request_also_for_slow_headers():
    took, res = _fetch_with_deadline(_SlowHeaders)
    assert took < 4.0
    assert res.warnings and "within 1 s" in res.warnings[0]


def test_the_refusal_of_a_private_host_says_what_to_do_in_plain_words():
    from lagebild.feeds import url_refusal
    msg = url_refusal("http://intranet.example/rss", resolver=lambda h: ["10.0.0.5"])
    assert msg.startswith("host intranet.example is refused: it resolves to 10.0.0.5, and 10.0.0.5 is a private")
    assert "--allow-private-hosts" in msg and "allow_private=True" not in msg


class _Feed(BaseHTTPRequestHandler):
    hosts: list = []

    def log_message(self, *a):
        pass

    def do_GET(self):
        _Feed.hosts.append(self.headers.get("Host"))
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(RSS)))
        self.end_headers()
        self.wfile.write(RSS)


def _local_server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return srv


def test_a_host_that_rebinds_to_a_private_address_is_not_connected_to():
    # DNS rebinding: the check before the request sees a public address, the connection
    # would resolve again and reach a private one; the socket is opened only to an address
    # that was checked where it is opened, so nothing is connected to (stub resolver only)
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"], ["127.0.0.1"]])
    calls = []

    def rebinding(host):
        calls.append(host)
        return next(answers)

    res = fetch_feed("http://rebind.test/feed", resolver=rebinding, retries=0, timeout=2.0)
    assert not res.articles and len(calls) == 2
    assert "loopback" in res.warnings[0] and "rebind.test" in res.warnings[0]


def test_the_connection_goes_to_the_checked_address_under_the_host_name():
    # the name is resolved by lagebild's resolver (here a stub), never again by the system,
    # and the server still sees the host name the URL gave
    srv = _local_server()
    _Feed.hosts.clear()
    try:
        port = srv.server_address[1]
        res = fetch_feed(f"http://feed.test:{port}/feed", resolver=lambda h: ["127.0.0.1"],
                         allow_private=True, retries=0, timeout=5.0)
    finally:
        srv.shutdown()
        srv.server_close()
    assert [a.title for a in res.articles] == ["Eins"]
    assert _Feed.hosts == [f"feed.test:{port}"]


class _Proxy(BaseHTTPRequestHandler):
    paths: list = []

    def log_message(self, *a):
        pass

    def do_GET(self):
        _Proxy.paths.append(self.path)          # a forward proxy gets the absolute URL
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(RSS)))
        self.end_headers()
        self.wfile.write(RSS)


def test_a_proxy_from_the_environment_is_still_used(monkeypatch):
    # the connection-time check must not switch off HTTP_PROXY: the request goes to the proxy
    # (here one on 127.0.0.1), and the host is still checked before the request
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Proxy)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    _Proxy.paths.clear()
    for k in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{srv.server_address[1]}")
    try:
        res = fetch_feed("http://news.test/feed", resolver=resolver, retries=0, timeout=5.0)
        refused = fetch_feed("http://intern.test/feed", resolver=resolver, retries=0, timeout=5.0)
    finally:
        srv.shutdown()
        srv.server_close()
    assert [a.title for a in res.articles] == ["Eins"] and _Proxy.paths == ["http://news.test/feed"]
    assert not refused.articles and "private" in refused.warnings[0]
