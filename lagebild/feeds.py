"""RSS/Atom feeds over HTTP: fetch politely, parse safely, extract each item's article.

``fetch_feed(url)`` downloads one feed with httpx (timeouts, a User-Agent, conditional
GET with ETag/Last-Modified, retries with exponential backoff, a hard cap on the bytes
read), refuses XML that declares entities (entity-expansion "billion laughs" bombs),
parses it with feedparser *from the downloaded bytes*, and turns every item into an
:class:`~lagebild.records.Article`. An item whose feed entry carries the full text is
used as is; otherwise the item's link is fetched (same client, same limits) and its
main text and date are extracted with trafilatura.

Nothing here raises on bad input: a timeout, a 404/500, malformed XML, a huge body, a
bomb or an item page that fails becomes a warning string in ``FeedResult.warnings``
that names the URL, and the other items and feeds go on.

Example::

    from lagebild.feeds import fetch_feed, fetch_feeds

    result = fetch_feed("https://example.org/feed.xml")
    for warning in result.warnings:
        print("warning:", warning)
    for article in result.articles:
        print(article.dct, article.title)

    # polling: pass the validators back, a 304 gives not_modified=True and no articles
    state = {result.url: (result.etag, result.modified)}
    for r in fetch_feeds(["https://example.org/feed.xml"], state=state):
        state[r.url] = (r.etag, r.modified)
"""
from __future__ import annotations

import email.utils
import os
import hashlib
import io
import re
import time
import urllib.request
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Iterator
from urllib.parse import urlparse

from .cleaning import MIN_PAGE_TEXT, article_text, clean_optional, main_text
from .records import Article
from .wording import count

try:  # the installed distribution's version; the source tree's as a fallback
    from importlib.metadata import PackageNotFoundError, version as _dist_version
    try:
        __version__ = _dist_version("lagebild")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        __version__ = "0.1.0"
except ImportError:  # pragma: no cover
    __version__ = "0.1.0"

PROJECT_URL = "https://github.com/lagebild/lagebild"
DEFAULT_UA = f"lagebild/{__version__} (+{PROJECT_URL})"

#: an entry's own content/summary counts as the full article when its plain text has at
#: least this many characters; shorter ones (teasers) make fetch_feed fetch the item link
MIN_FULL_TEXT = 600
#: when an item page fails, the feed's own summary is used instead only from this length
#: on (a sentence); a teaser of a few characters ("Mehr") is no article
MIN_SUMMARY_TEXT = 40
#: the longest wait between two tries, whatever backoff or Retry-After say
MAX_BACKOFF = 30.0
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_CHUNK = 64 * 1024


@dataclass
class FeedResult:
    """What fetching one feed gave.

    ``status`` is the feed's final HTTP status (None when no answer came). ``etag`` and
    ``modified`` are the validators to send next time: the server's new ones after a
    200, otherwise (304, failure) the ones passed in, so a caller can always store them.
    ``not_modified`` is True when the server answered 304 Not Modified (no articles).
    """

    url: str
    status: int | None = None
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # problems: an item or the feed lost (errors)
    notes: list[str] = field(default_factory=list)      # stored, with a problem (a summary used instead)
    etag: str | None = None
    modified: str | None = None
    not_modified: bool = False
    skipped_known: int = 0          # items whose URL was already stored (``known_urls``)


# --------------------------------------------------------------------------- HTTP


@dataclass
class _Body:
    status: int | None
    headers: dict[str, str]
    content: bytes
    final_url: str
    truncated: bool = False


class _FetchFailed(Exception):
    """One URL could not be fetched; the message is the warning text."""

    def __init__(self, message: str, status: int | None = None, transient: bool | None = None):
        super().__init__(message)
        self.status = status
        # whether the next poll may not meet it: a timeout, a connection failure, a 5xx, 429 or a
        # 404 of a page not online yet -- not a refused host, a bad URL or a redirect loop
        self.transient = (status is None or status >= 500 or status in (404, 408, 425, 429)) \
            if transient is None else transient


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


#: redirects followed for one request (each hop checked like the first URL)
MAX_REDIRECTS = 5


def _system_resolver(host: str) -> list[str]:
    """The IP addresses ``host`` resolves to (the system resolver)."""
    import socket
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


def address_refusal(ip: str, allow_private: bool = False) -> str | None:
    """Why lagebild must not connect to IP address ``ip``, or None when it may.

    Refused: loopback, private (RFC 1918, unique local), link-local (169.254.0.0/16,
    with the cloud metadata address 169.254.169.254), shared, multicast, reserved
    and unspecified addresses. ``allow_private`` allows all of them except multicast,
    reserved and unspecified (a local setup, the tests' 127.0.0.1 server).
    """
    import ipaddress
    try:
        addr = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return f"{ip!r} is not an IP address"
    if getattr(addr, "ipv4_mapped", None) is not None:
        addr = addr.ipv4_mapped
    if addr.is_multicast:
        return f"{addr} is a multicast address"
    if addr.is_unspecified or (addr.is_reserved and not addr.is_loopback):
        return f"{addr} is a reserved address"
    if allow_private:
        return None
    if addr.is_loopback:
        return f"{addr} is a loopback address"
    if addr.is_link_local:
        return f"{addr} is a link-local address (cloud metadata services live there)"
    if addr.is_private or not addr.is_global:
        return f"{addr} is a private address"
    return None


def _host_refusal(host: str, *, allow_private: bool = False,
                  resolver=None) -> tuple[str | None, list[str]]:
    """Why no connection to ``host`` may be made (or None) and the addresses it may be
    made to: every address the host resolves to must pass :func:`address_refusal`."""
    import ipaddress
    try:
        ipaddress.ip_address(host.split("%")[0])
        addrs = [host]
    except ValueError:
        try:
            addrs = list((resolver or _system_resolver)(host))
        except OSError as exc:
            return f"host {host} not found ({exc})", []
        if not addrs:
            return f"host {host} not found", []
    for ip in addrs:
        why = address_refusal(ip, allow_private)
        if why:
            shown = why if ip == host else f"it resolves to {ip}, and {why}"
            return (f"host {host} is refused: {shown} (lagebild fetches only from public "
                    f"addresses; for a server in your own network pass --allow-private-hosts "
                    f"or set LAGEBILD_ALLOW_PRIVATE_HOSTS=1)"), []
    return None, addrs


def url_refusal(url: str, *, allow_private: bool = False, resolver=None) -> str | None:
    """Why ``url`` must not be fetched, or None: only http(s), and every address its host
    resolves to must be public (see :func:`address_refusal`). The connection itself is
    checked again where it is made (:func:`_vetted_transport`), so a host that resolves
    to another address a moment later (DNS rebinding) is not reached either."""
    parts = urlparse(url)
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http(s) URL ({parts.scheme or 'no scheme'}:); refused"
    host = (parts.hostname or "").strip()
    if not host:
        return "no host in the URL; refused"
    return _host_refusal(host, allow_private=allow_private, resolver=resolver)[0]


def _vetted_transport(allow_private: bool = False, resolver=None):
    """An httpx transport whose connections go only to addresses :func:`address_refusal`
    allows: the host is resolved once, where the socket is opened, and the socket is
    opened to the address that was checked (a check before the request alone would let
    a host that answers DNS with a public address and then with a private one through).
    TLS still verifies the certificate against the host name."""
    import httpcore
    import httpx

    class _VettedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host, port, timeout=None, local_address=None,
                        socket_options=None):
            name = host.decode() if isinstance(host, bytes) else str(host)
            why, addrs = _host_refusal(name.strip("[]"), allow_private=allow_private,
                                       resolver=resolver)
            if why:
                raise httpcore.ConnectError(why)
            error: Exception | None = None
            for ip in addrs:
                try:
                    return super().connect_tcp(ip, port, timeout=timeout,
                                               local_address=local_address,
                                               socket_options=socket_options)
                except httpcore.ConnectError as exc:
                    error = exc
            raise error or httpcore.ConnectError(f"host {name} not reachable")

    transport = httpx.HTTPTransport(retries=0)
    pool = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        # an httpx that builds its pool differently: the check before each request stays
        # (tests/test_fetch_safety.py fails here, so an upgrade cannot drop this unseen)
        return transport
    pool._network_backend = _VettedBackend()
    return transport


def _get(client, url: str, *, headers: dict[str, str], max_bytes: int, retries: int,
         backoff: float, total_timeout: float, what: str, allow_private: bool = False,
         resolver=None, max_redirects: int = MAX_REDIRECTS) -> _Body:
    """GET ``url`` with retries; read at most ``max_bytes`` of the body.

    Retries (up to ``retries`` more tries, waiting ``backoff * 2**n`` seconds) on
    timeouts, connection errors and 429/5xx answers. Raises _FetchFailed with a
    warning text naming the URL when all tries fail or the answer is a 4xx.

    ``total_timeout`` is one deadline for the whole request, all tries and redirects
    included, from the first byte sent. Redirects are followed here (at most
    ``max_redirects``), each target checked by :func:`url_refusal` like the first URL.
    """
    import httpx

    deadline = time.monotonic() + total_timeout
    last: str = ""
    last_status: int | None = None
    for attempt in range(retries + 1):
        wait = backoff * (2 ** attempt)
        alarm = _DeadlineAlarm(deadline)
        try:
            alarm.start()
            resp_cm, final = _open(client, url, headers, deadline, total_timeout, what,
                                   allow_private, resolver, max_redirects)
            with resp_cm as resp:
                status = resp.status_code
                last_status = status
                if status in _RETRY_STATUSES:
                    last = f"{what} {url}: HTTP {status} {resp.reason_phrase}".rstrip()
                    hinted = _retry_after(resp.headers.get("retry-after"))
                    if hinted is not None:
                        wait = hinted
                    raise _Retry()
                if status >= 400:
                    raise _FetchFailed(
                        f"{what} {url}: HTTP {status} {resp.reason_phrase}".rstrip(), status)
                chunks: list[bytes] = []
                size = 0
                truncated = False
                if status != 304:
                    for chunk in _decoded(resp, max_bytes, what, url):
                        room = max_bytes - size
                        if len(chunk) >= room + 1:
                            chunks.append(chunk[:room])
                            size += room
                            truncated = True
                            break
                        chunks.append(chunk)
                        size += len(chunk)
                        if time.monotonic() > deadline:
                            raise _FetchFailed(
                                f"{what} {url}: body not complete after {total_timeout:g} s "
                                f"({size} bytes read); gave up", status)
                return _Body(status, {k.lower(): v for k, v in resp.headers.items()},
                             b"".join(chunks), final, truncated)
        except _Retry:
            pass
        except _DeadlineExceeded:
            raise _FetchFailed(f"{what} {url}: no complete answer within {total_timeout:g} s "
                               f"(a server sending slowly); gave up", last_status) from None
        except httpx.TimeoutException as exc:
            last = f"{what} {url}: timed out ({type(exc).__name__})"
            last_status = None
        except httpx.TransportError as exc:  # connection refused/reset, DNS, protocol errors
            last = f"{what} {url}: connection failed ({type(exc).__name__}: {exc})"
            last_status = None
        except httpx.InvalidURL as exc:
            raise _FetchFailed(f"{what} {url}: invalid URL ({exc})", transient=False) from None
        except httpx.RequestError as exc:  # too many redirects, undecodable body, ...
            raise _FetchFailed(f"{what} {url}: failed ({type(exc).__name__}: {exc})",
                               last_status, transient=False) from None
        finally:
            alarm.stop()
        if attempt < retries:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(max(wait, 0.0), MAX_BACKOFF, left))
    tries = attempt + 1
    raise _FetchFailed(f"{last} (after {tries} {'try' if tries == 1 else 'tries'})",
                       last_status)


class _Retry(Exception):
    pass


class _DeadlineExceeded(Exception):
    pass


class _DeadlineAlarm:
    """The request's deadline, also while the server sends its headers byte by byte
    (httpx's timeouts bound each read, not the whole): SIGALRM raises
    _DeadlineExceeded at the deadline. Only in the main thread on POSIX and when no
    other timer runs; elsewhere the per-read timeouts and the check between body
    pieces remain."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.active = False
        self.old = None

    def start(self) -> None:
        import signal
        import threading
        if (not hasattr(signal, "setitimer")
                or threading.current_thread() is not threading.main_thread()
                or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
            return
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise _DeadlineExceeded()

        def expired(signum, frame):
            raise _DeadlineExceeded()

        self.old = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, left)
        self.active = True

    def stop(self) -> None:
        import signal
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
            self.active = False


def _timeout_left(client, deadline: float, total: float, what: str, url: str):
    """The client's timeouts, none longer than what is left of the request's deadline."""
    import httpx
    left = deadline - time.monotonic()
    if left <= 0:
        raise _FetchFailed(f"{what} {url}: no complete answer within {total:g} s; gave up")
    t = client.timeout

    def cap(v):
        return left if v is None else min(v, left)
    return httpx.Timeout(connect=cap(t.connect), read=cap(t.read), write=cap(t.write),
                         pool=cap(t.pool))


def _open(client, url, headers, deadline, total, what, allow_private, resolver, max_redirects):
    """Send the request, following redirects by hand (each hop checked); returns the
    open response's context manager and the final URL."""
    current = url
    for _hop in range(max_redirects + 1):
        why = url_refusal(current, allow_private=allow_private, resolver=resolver)
        if why:
            prefix = "" if current == url else f"redirect to {current}: "
            raise _FetchFailed(f"{what} {url}: {prefix}{why}", transient=False)
        request = client.build_request("GET", current, headers=headers,
                                       timeout=_timeout_left(client, deadline, total, what, url))
        resp = client.send(request, stream=True, follow_redirects=False)
        if resp.status_code in (301, 302, 303, 307, 308) and resp.headers.get("location"):
            target = str(resp.url.join(resp.headers["location"]))
            resp.close()
            current = target
            continue
        return _Closing(resp), current
    raise _FetchFailed(f"{what} {url}: more than {max_redirects} redirects; gave up", transient=False)


class _Closing:
    def __init__(self, resp):
        self.resp = resp

    def __enter__(self):
        return self.resp

    def __exit__(self, *exc):
        self.resp.close()


def _decoded(resp, max_bytes: int, what: str, url: str) -> Iterator[bytes]:
    """The body's bytes, decompressed here in bounded steps (no piece > max_bytes + 1).

    httpx would inflate a whole network chunk at once, so a small gzip "bomb" chunk
    could become tens of megabytes before the cap is checked; this does not.
    """
    enc = (resp.headers.get("content-encoding") or "").strip().lower()
    if enc in ("", "identity"):
        yield from resp.iter_raw()      # each network read: the deadline is checked after it
        return
    if enc in ("gzip", "x-gzip"):
        decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif enc == "deflate":
        decomp = None  # zlib-wrapped or raw deflate: decided on the first bytes
    else:
        raise _FetchFailed(f"{what} {url}: unsupported content encoding {enc!r}",
                           resp.status_code)
    for raw in resp.iter_raw():
        if decomp is None:  # RFC 9110 says zlib-wrapped; some servers send raw deflate
            zlib_header = (len(raw) >= 2 and (raw[0] & 0x0F) == 8
                           and (raw[0] * 256 + raw[1]) % 31 == 0)
            decomp = zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)
        buf = raw
        while buf:
            try:
                out = decomp.decompress(buf, max_bytes + 1)
            except zlib.error as exc:
                raise _FetchFailed(f"{what} {url}: corrupt {enc} body ({exc})",
                                   resp.status_code) from None
            if out:
                yield out
            buf = decomp.unconsumed_tail
    if decomp is not None:
        rest = decomp.flush()
        if rest:
            yield rest


def _private_allowed(allow_private: bool | None) -> bool:
    """``allow_private``, or where it is None, $LAGEBILD_ALLOW_PRIVATE_HOSTS."""
    if allow_private is None:
        return os.environ.get("LAGEBILD_ALLOW_PRIVATE_HOSTS", "") not in ("", "0")
    return bool(allow_private)


def _make_client(timeout: float, user_agent: str, *, allow_private: bool = False,
                 resolver=None):
    import httpx

    # behind a proxy from the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY) the connection goes
    # to the proxy, which reaches the host: the check before each request (url_refusal) is the one
    # that holds there; without one, every connection is checked where it is opened
    proxied = any(k in ("http", "https", "all") for k in urllib.request.getproxies())
    return httpx.Client(
        transport=None if proxied else _vetted_transport(allow_private, resolver),
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=5,
        headers={"User-Agent": user_agent,
                 "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                           "text/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
                 "Accept-Language": "de, en;q=0.5",
                 "Accept-Encoding": "gzip, deflate"},
    )


# --------------------------------------------------------------------------- XML safety

_ROOT_START = re.compile(r"<[A-Za-z_:]")


def _sniff_text(data: bytes, limit: int = 256 * 1024) -> str:
    """The document's start as text, good enough to find markup declarations."""
    head = data[:limit]
    for bom, enc in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                     (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head.decode(enc, errors="replace")
    if head[:4] == b"<\x00?\x00" or head[:4] == b"<\x00!\x00":
        return head.decode("utf-16-le", errors="replace")
    if head[:4] == b"\x00<\x00?" or head[:4] == b"\x00<\x00!":
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1")


_ENTITY_REFUSAL = "declares XML entities (possible entity-expansion bomb); refused"
_SUBSET_REFUSAL = ("has a DOCTYPE with an internal subset (possible entity-expansion bomb); "
                   "refused")
_XML_ENCODING = re.compile(rb"^(\s*<\?xml[^>]*encoding\s*=\s*)([\"'])([A-Za-z0-9._-]+)\2")


class _PrologDone(Exception):
    pass


class _Refused(Exception):
    pass


def _expat_refusal(data: bytes) -> str | None:
    """Parse the prolog with expat (no entity expansion: a declaration stops the parse);
    raises ExpatError/LookupError when expat cannot read the document."""
    import xml.parsers.expat as expat

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(name, sysid, pubid, has_internal_subset):
        if has_internal_subset:
            raise _Refused(_SUBSET_REFUSAL)

    def entity(*args):
        raise _Refused(_ENTITY_REFUSAL)

    def root(name, attrs):
        raise _PrologDone()

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.StartElementHandler = root
    try:
        for i in range(0, len(data), _CHUNK):
            parser.Parse(data[i:i + _CHUNK], False)
        parser.Parse(b"", True)
    except _Refused as exc:
        return str(exc)
    except _PrologDone:
        return None
    return None


def xml_refusal(data: bytes) -> str | None:
    """Why an XML document must not be parsed, or None when it is safe.

    Refused: entity declarations (``<!ENTITY``) and document type declarations with an
    internal subset (``<!DOCTYPE x [ ... ]>``) -- the building blocks of entity-expansion
    bombs ("billion laughs") and external-entity tricks. A plain ``<!DOCTYPE rss PUBLIC
    "..." "...">`` (old RSS 0.91 feeds) is fine. The prolog is read by an XML parser
    (expat, with entity expansion off and stopping at the root element), not by a text
    search, so comments, padding or odd encodings before the DOCTYPE do not hide it.
    """
    import xml.parsers.expat as expat

    try:
        return _expat_refusal(data)
    except (expat.ExpatError, LookupError, ValueError):
        pass
    # an encoding expat does not know (windows-1252, ...): read it as UTF-8 and retry
    m = _XML_ENCODING.match(data)
    if m:
        try:
            text = data.decode(m.group(3).decode("ascii"), errors="replace")
            utf8 = _XML_ENCODING.sub(rb"\1\2utf-8\2", text.encode("utf-8"), count=1)
            return _expat_refusal(utf8)
        except (expat.ExpatError, LookupError, ValueError):
            pass
    # not well-formed: the feed parser's lenient mode may still read it; refuse any
    # declaration before the first element, whatever comments precede it
    return _text_refusal(data)


def _text_refusal(data: bytes) -> str | None:
    text = _sniff_text(data)
    no_comments = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    m = _ROOT_START.search(no_comments)
    prolog = no_comments[: m.start()] if m else no_comments
    if "<!ENTITY" in prolog:
        return _ENTITY_REFUSAL
    d = prolog.find("<!DOCTYPE")
    if d >= 0 and "[" in prolog[d:]:
        return _SUBSET_REFUSAL
    return None


_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _neutral_charrefs(data: bytes) -> tuple[bytes, int]:
    """Replace character references to lone surrogates, NUL/control characters or
    beyond U+10FFFF (``&#xD800;``, ``&#0;``) by ``&#xFFFD;``: the feed parser would
    crash on them, losing the whole feed. Returns (bytes, how many)."""
    n = 0

    def sub(m: re.Match) -> bytes:
        nonlocal n
        v = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if 0xD800 <= v <= 0xDFFF or v > 0x10FFFF or (v < 0x20 and v not in (9, 10, 13)):
            n += 1
            return b"&#xFFFD;"
        return m.group(0)

    if b"&#" not in data:
        return data, 0
    return _CHARREF.sub(sub, data), n


# --------------------------------------------------------------------------- text helpers

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "section", "article", "tr", "table", "pre", "figure", "figcaption"}


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), paragraphs kept apart."""
    if not html:
        return ""
    if "<" not in html:
        return _tidy(html)
    try:
        import lxml.html
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # not parseable as HTML: strip tags crudely
        return _tidy(re.sub(r"<[^>]+>", " ", html))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("script", "style"):
            el.text = ""
        if el.tag in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    paras = []
    for block in re.split(r"\n\s*\n", text.replace("\r", "\n")):
        line = re.sub(r"\s+", " ", block).strip()
        if line:
            paras.append(line)
    return "\n\n".join(paras)


def _date_from_string(raw: str | None) -> str | None:
    """YYYY-MM-DD in the date's own time zone (not shifted to UTC)."""
    if not raw:
        return None
    raw = raw.strip()
    try:
        dt = email.utils.parsedate_to_datetime(raw)  # RSS: RFC 822
        if dt is not None:
            return dt.date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", raw)  # Atom: ISO 8601 / RFC 3339
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])).date().isoformat()
        except ValueError:
            return None
    return None


def _entry_date(entry) -> str | None:
    # dict.get: only a key the entry has (feedparser's .get("updated") falls back to "published"
    # with a DeprecationWarning)
    for key in ("published", "updated", "created"):
        d = _date_from_string(dict.get(entry, key))
        if d:
            return d
    return next((d for key in ("published_parsed", "updated_parsed", "created_parsed")
                 if (d := _strftime(dict.get(entry, key), "%Y-%m-%d"))), None)


def _unreadable_date(entry) -> str | None:
    """The date an item gives (RSS pubDate, Atom published/updated) when ``_entry_date`` could not
    read it ('gestern abend'); None when it gives none."""
    return next((str(v).strip() for key in ("published", "updated", "created")
                 if str(v := dict.get(entry, key) or "").strip()), None)


def _strftime(st, fmt: str) -> str | None:
    """A feedparser time (a UTC struct_time) as text; None for none or a broken one."""
    if not st:
        return None
    try:
        return time.strftime(fmt, st)
    except (OverflowError, ValueError, TypeError):
        return None


def entry_stamp(entry) -> str | None:
    """When the feed says the item last changed, in UTC (YYYY-MM-DDTHH:MM:SSZ): Atom's
    ``updated``, else RSS's ``pubDate`` (a republished item gets a new one); None without.
    A stamp later than the stored one makes a known item a new version (a correction)."""
    # (feedparser falls back from "updated" to "published": only a key the entry has counts)
    return next((d for key in ("updated_parsed", "published_parsed")
                 if dict.__contains__(entry, key.split("_")[0])
                 and (d := _strftime(entry.get(key), "%Y-%m-%dT%H:%M:%SZ"))), None)


def is_newer(stamp: str | None, stored: str | None) -> bool:
    """Whether a feed item's stamp (``entry_stamp``) makes it a new version of the stored item:
    later than the stored one's. An item stored without one (before schema version 5, or from a
    feed that gave none) is not replaced: its first stamp is only recorded. The one test of
    feeds and the writer (``Ingester._older_version``)."""
    return stamp is not None and stored is not None and stamp > stored


def _is_known(known_urls, link: str, entry) -> bool:
    """Whether an item is stored already, in the version the feed gives (``is_newer``).
    ``known_urls`` may tell the stored stamp by ``updated_of(url)`` (a plain set of URLs does
    not)."""
    if link not in known_urls:
        return False
    updated_of = getattr(known_urls, "updated_of", None)
    if updated_of is None:
        return True
    stamp, stored = entry_stamp(entry), updated_of(link)
    if stored is None and stamp is not None and hasattr(known_urls, "record_stamp"):
        known_urls.record_stamp(link, stamp)    # from now on a later stamp is a new version
    return not is_newer(stamp, stored)


def _linkless_known(known_urls, entry) -> bool:
    """Whether an item without a link is stored already, by the id its own text gives it
    (``item_id``; ``known_urls.has_item``): otherwise a feed of more such items than the cap
    offered the same first ones on every poll, and the rest never came."""
    has_item = getattr(known_urls, "has_item", None)
    if has_item is None:
        return False
    text = article_text(_entry_text(entry))[0]
    if not text:
        return False
    guid = clean_optional((entry.get("id") or "").strip() or None)
    title = clean_optional(fragment_text(entry.get("title") or "") or None)
    return has_item(item_id(guid, None, title, _entry_date(entry), text))


def _entry_text(entry) -> str:
    """The longest plain text among the entry's content blocks and summary."""
    best = ""
    for block in entry.get("content") or []:
        t = fragment_text(block.get("value") or "")
        if len(t) > len(best):
            best = t
    summary = fragment_text(entry.get("summary") or "")
    return best if len(best) >= len(summary) else summary


def _stable_id(*parts: str | None) -> str:
    key = next((p.strip() for p in parts if p and p.strip()), "")
    return "feed-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def item_id(guid: str | None, link: str | None, title: str | None, dct: str | None,
            text: str) -> str:
    """The id of a feed item: of its guid, else its link, else its title, date and text (RSS
    items may have neither guid nor link, and several may share a title or have none: each
    text is its own item)."""
    own = (f"{title.strip()}|{dct or ''}|" if title and title.strip() else f"|{dct or ''}|") \
        + hashlib.sha1(text.encode("utf-8")).hexdigest()
    return _stable_id(guid, link, own)


def _add_item(out: list[Article], seen: dict[str, str], art: Article, origin: str,
              warnings: list[str]) -> None:
    """``art`` added to the items of one feed, unless an item with its id is there: a repeat of
    the same text is left out, another text under the same guid or link is left out with a
    warning (the feed gives two items one id)."""
    if art.doc_id not in seen:
        seen[art.doc_id] = art.text
        out.append(art)
    elif seen[art.doc_id] != art.text:
        warnings.append(f"feed {origin}: item {art.url or art.title or art.doc_id}: another item "
                        f"of this feed has the same guid or link; only the first was taken")


def host_of(url: str | None) -> str | None:
    """The host of a URL without "www." (an article's source when no outlet is named)."""
    if not url:
        return None
    try:
        host = urlparse(url).hostname
    except ValueError:
        return None
    if host and host.startswith("www."):
        host = host[4:]
    return host or None


# --------------------------------------------------------------------------- extraction


def _extract(html: str | bytes, url: str | None):
    """The main text, title, date and site name of a page (``cleaning.main_text``), or None."""
    try:
        return main_text(html, url)
    except Exception:  # trafilatura/lxml choke on some documents
        return None


def html_to_article(html: str | bytes, url: str | None = None, *, doc_id: str | None = None,
                    origin: str | None = None, min_chars: int = MIN_PAGE_TEXT) -> Article | None:
    """One HTML page -> an Article with its main text, title and date (trafilatura).

    Returns None when no main text of at least ``min_chars`` characters can be found
    (an index page, a menu, an empty page).
    ``doc_id`` defaults to a stable hash of the URL (or of the text when there is none).
    """
    got = _extract(html, url)
    if not got:
        return None
    text, title, date, sitename, _ = got
    if len(text) < max(min_chars, 1):
        return None
    dct = _date_from_string(date) if date else None
    return Article(
        doc_id=doc_id or _stable_id(url, text[:2000]),
        text=text,
        dct=dct,
        title=title or None,
        url=url,
        source=sitename or (host_of(url) if url else None),
        origin=origin or url,
    )


# --------------------------------------------------------------------------- feeds


def fetch_feed(url: str, *, etag: str | None = None, modified: str | None = None,
               timeout: float = 10.0, max_bytes: int = 5_000_000, max_items: int = 200,
               fetch_items: bool = True, client=None, retries: int = 2, backoff: float = 0.5,
               user_agent: str = DEFAULT_UA, min_full_text: int = MIN_FULL_TEXT,
               total_timeout: float | None = None, allow_private: bool | None = None,
               resolver=None, known_urls=None, max_redirects: int = MAX_REDIRECTS
               ) -> FeedResult:
    """Fetch one RSS/Atom feed and return its items as Articles; never raises.

    ``etag``/``modified`` (from a previous FeedResult) make the request conditional; a
    304 answer gives ``not_modified=True``. ``timeout`` applies to connecting and to
    each read; ``total_timeout`` (default ``6 * timeout``) bounds one whole download.
    At most ``max_bytes`` are read of the feed and of each item page (a longer body is
    cut off with a warning), at most ``max_items`` new items are taken (known ones do not
    count). When something is left for the next poll -- a feed cut off, items over the cap,
    an item whose page failed and that had no text of its own -- the answer's validators are
    not kept (``etag``/``modified`` None), so that the next poll gets the whole feed. Items whose entry
    text is shorter than ``min_full_text`` characters are fetched from their link when
    ``fetch_items`` is true; when that fails the entry's own text is used (warning).
    ``client`` is an ``httpx.Client`` to reuse (not closed here).

    Safety: only http(s) URLs are fetched, and by default no host that resolves to a
    loopback, private, link-local (cloud metadata), multicast or reserved address,
    checked after DNS resolution and again on every redirect (at most
    ``max_redirects``); ``allow_private=True`` (or $LAGEBILD_ALLOW_PRIVATE_HOSTS=1)
    allows private hosts for a local setup. ``resolver(host) -> [ip, ...]`` replaces
    the system resolver (tests). ``total_timeout`` is one deadline per request (tries
    and redirects included). ``known_urls``: a container of item URLs already stored;
    their pages are not fetched again (the item is skipped).
    """
    allow_private = _private_allowed(allow_private)
    result = FeedResult(url=url, etag=etag, modified=modified)
    try:
        own = client is None
        if own:
            client = _make_client(timeout, user_agent, allow_private=allow_private,
                                  resolver=resolver)
        try:
            _fetch_into(result, client, etag=etag, modified=modified, timeout=timeout,
                        max_bytes=max_bytes, max_items=max_items, fetch_items=fetch_items,
                        retries=retries, backoff=backoff, min_full_text=min_full_text,
                        total_timeout=total_timeout if total_timeout is not None
                        else 6 * timeout, allow_private=allow_private, resolver=resolver,
                        known_urls=known_urls, max_redirects=max_redirects)
        finally:
            if own:
                client.close()
    except Exception as exc:  # last resort: a bug or an odd library error must not stop a watch
        result.warnings.append(f"feed {url}: failed ({type(exc).__name__}: {exc})")
    return result


def _fetch_into(result: FeedResult, client, *, etag, modified, timeout, max_bytes, max_items,
                fetch_items, retries, backoff, min_full_text, total_timeout, allow_private=False,
                resolver=None, known_urls=None, max_redirects=MAX_REDIRECTS) -> None:
    import feedparser

    url = result.url
    scheme = urlparse(url).scheme.lower()
    if scheme not in ("http", "https"):
        result.warnings.append(f"feed {url}: not an http(s) URL; skipped")
        return
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    limits = dict(max_bytes=max_bytes, retries=retries, backoff=backoff,
                  total_timeout=total_timeout, allow_private=allow_private, resolver=resolver,
                  max_redirects=max_redirects)
    try:
        body = _get(client, url, headers=headers, what="feed", **limits)
    except _FetchFailed as exc:
        result.status = exc.status
        result.warnings.append(str(exc))
        return
    result.status = body.status
    if body.status == 304:
        result.not_modified = True
        result.etag = body.headers.get("etag") or etag
        result.modified = body.headers.get("last-modified") or modified
        return
    if body.truncated:
        result.warnings.append(
            f"feed {url}: body larger than {max_bytes} bytes; cut off there, "
            "items after the cut are lost")
    refusal = xml_refusal(body.content)
    if refusal:
        result.warnings.append(f"feed {url}: {refusal}")
        return

    content, bad_refs = _neutral_charrefs(body.content)
    if bad_refs:
        result.warnings.append(f"feed {url}: {count(bad_refs, 'invalid character reference')} "
                               f"(such as &#xD800;) replaced")
    parsed = feedparser.parse(
        io.BytesIO(content),
        response_headers={"content-location": body.final_url,
                          "content-type": body.headers.get("content-type", "application/xml")})
    entries = list(parsed.get("entries") or [])
    if parsed.get("bozo") and not entries:
        exc = parsed.get("bozo_exception")
        result.warnings.append(
            f"feed {url}: not a readable RSS/Atom feed ({type(exc).__name__ if exc else 'bozo'}"
            f"{': ' + str(exc) if exc else ''}) -- a URL is read as a feed; to analyze one article "
            f"page, save it and pass the .html file")
        return
    if not entries and not parsed.get("version"):
        ctype = body.headers.get("content-type", "unknown type")
        result.warnings.append(f"feed {url}: no RSS/Atom feed found ({ctype})")
        return
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"),
                                             feedparser.CharacterEncodingOverride):
        result.warnings.append(
            f"feed {url}: malformed XML ({parsed.get('bozo_exception')}); "
            f"{count(len(entries), 'item')} recovered")
    # only now, after a usable 200, take the server's new validators -- unless something of this
    # answer is left for the next poll (a body cut off, items over the cap, an item whose page
    # failed): then the next poll must get the whole feed again, not a 304
    result.etag = body.headers.get("etag")
    result.modified = body.headers.get("last-modified")
    incomplete = {"left": body.truncated}

    feed_title = (parsed.get("feed") or {}).get("title")
    source = (feed_title or "").strip() or host_of(url)
    seen: dict[str, str] = {}
    taken = left = 0
    for entry in entries:
        link = (entry.get("link") or "").strip()
        if link and urlparse(link).scheme.lower() not in ("http", "https"):
            link = ""       # an Atom entry without a link: feedparser gives its id ("urn:..."), as
            #                 ``_entry_article`` reads it
        if known_urls is not None and link and _is_known(known_urls, link, entry):
            result.skipped_known += 1       # stored before: its page is not fetched again
            continue
        if known_urls is not None and not link and _linkless_known(known_urls, entry):
            result.skipped_known += 1       # an item without a link stored before, by its id
            continue
        new_version = known_urls is not None and bool(link) and link in known_urls
        if taken >= max_items:              # the cap counts new items, after the known ones
            left += 1
            continue
        taken += 1
        stored_chars = getattr(known_urls, "stored_chars", None) if new_version else None
        try:
            art = _entry_article(entry, client, feed_url=url, source=source,
                                 fetch_items=fetch_items, min_full_text=min_full_text,
                                 warnings=result.warnings, limits=limits, incomplete=incomplete,
                                 notes=result.notes, new_version=new_version,
                                 stored_chars=stored_chars(link) if stored_chars else None)
        except Exception as exc:  # one odd item must not cost the others
            result.warnings.append(
                f"feed {url}: item {entry.get('link') or entry.get('id') or '?'} failed "
                f"({type(exc).__name__}: {exc})")
            continue
        if art is not None:
            _add_item(result.articles, seen, art, url, result.warnings)
    if left:
        result.warnings.append(
            f"feed {url}: {max_items} new items taken; the other {left} new ones are left for the next poll")
        incomplete["left"] = True
    if incomplete["left"]:
        result.etag = result.modified = None


#: the end of the warning for an item whose date is no date (the readers say instead what
#: --dct did with it)
UNDATED_ITEM = "the item is read without one"


def keeps_stored_version(summary: str, status: int | None, transient: bool,
                         stored_chars: int | None, min_full_text: int = MIN_FULL_TEXT) -> bool:
    """The one rule for an item the feed says has changed (a correction) whose page fails: keep
    the stored version (and try the page again on the next poll) rather than store the feed's new
    summary? Only when the summary is too short to be an article (``MIN_SUMMARY_TEXT``), or when
    the server had a passing trouble (a timeout, a 5xx, 429: ``status`` is not 404) and the stored
    version is a full article: ``stored_chars`` (the stored text's length; None: not known, counted
    as an article) of at least ``min_full_text``, the length from which a feed's own text is taken
    as the article and the page is not fetched at all. A stored text shorter than that is what the
    feed gave when its page failed (a summary), so it is not kept, whether the new summary is
    longer or shorter (a retraction is often shorter): a stored article is not replaced by a
    teaser for a server's hiccup, and an earlier summary does not stay for ever while the page
    keeps failing. Otherwise too (a 404, a page that is no article) the new summary is stored, as
    a new item's would be: a failure that does not pass would otherwise keep the old version, and
    fail the run, on every poll. The price of deciding by length: a page whose article text was
    shorter than ``min_full_text`` (a brief of a few sentences) counts as a summary."""
    if len(summary) < MIN_SUMMARY_TEXT:
        return True
    passing = transient and status != 404
    return passing and (stored_chars is None or stored_chars >= min_full_text)


def _entry_article(entry, client, *, feed_url, source, fetch_items, min_full_text, warnings,
                   limits, incomplete: dict | None = None, notes: list[str] | None = None,
                   new_version: bool = False, stored_chars: int | None = None) -> Article | None:
    """The article of one feed item (its page fetched where the feed gives only a teaser);
    None for an item that is skipped. ``incomplete["left"]`` is set when the item is to be
    tried again on the next poll. ``warnings`` get what lost an item (errors), ``notes`` what
    an item was stored with (a summary used for a page that failed; default: ``warnings``).
    ``new_version``: the item is stored (its text has ``stored_chars`` characters) and the feed
    says it changed; a page that fails then stores the feed's new summary as for a new item, or
    keeps the stored version until the next poll (``keeps_stored_version``)."""
    notes = warnings if notes is None else notes
    link = (entry.get("link") or "").strip() or None
    if link and urlparse(link).scheme.lower() not in ("http", "https"):
        link = None         # an Atom entry without a link: feedparser gives its id ("urn:...")
    guid = (entry.get("id") or "").strip() or None
    title = fragment_text(entry.get("title") or "") or None
    text = _entry_text(entry)
    dct = _entry_date(entry)
    name = link or guid or title or "?"
    if (len(text) < min_full_text and fetch_items and link
            and urlparse(link).scheme.lower() in ("http", "https")):
        page = None
        failed_at = None        # where the page's failure is told, if it failed
        failed_status = None    # the page's HTTP status, if it failed with one
        transient = False       # a failure the next poll may not meet (a timeout, 5xx, 429, a 404
                                # of a page not online yet)
        try:
            body = _get(client, link, headers={}, what=f"feed {feed_url}: item", **limits)
            if body.truncated:
                notes.append(f"feed {feed_url}: item {link}: page larger than "
                             f"{limits['max_bytes']} bytes; cut off there")
            ctype = body.headers.get("content-type", "")
            if ctype and "html" not in ctype and "xml" not in ctype:
                failed_at = len(warnings)
                warnings.append(f"feed {feed_url}: item {link}: not an HTML page ({ctype})")
            else:
                page = _extract(body.content, body.final_url or link)
                found = len(_tidy(page[0] or "")) if page else 0
                if found < MIN_PAGE_TEXT:
                    failed_at = len(warnings)
                    warnings.append(f"feed {feed_url}: item {link}: no article text found in the page"
                                    + (f" (the main text has {found} characters, fewer than the "
                                       f"{MIN_PAGE_TEXT} an article needs)" if found else ""))
                    page = None
        except _FetchFailed as exc:
            failed_at = len(warnings)
            warnings.append(str(exc))
            transient = exc.transient
            failed_status = exc.status
            if incomplete is not None and not text and transient:
                incomplete["left"] = True       # nothing to store: the item is tried again
        def give_up(what: str, lead: str) -> None:
            """One message for the page's failure and what became of the item (one problem, one
            error). Only a failure that may pass (timeout, 5xx, 404) is tried again: the feed's
            ETag is then not kept, so a link to a PDF would be downloaded on every poll."""
            what += "; it is tried again on the next poll" if transient else ""
            if failed_at is not None:
                warnings[failed_at] += f"; {what}"
            else:
                warnings.append(f"feed {feed_url}: item {link}: {lead} and {what}")
            if incomplete is not None and transient:
                incomplete["left"] = True

        if not page and new_version and keeps_stored_version(text, failed_status, transient,
                                                             stored_chars, min_full_text):
            give_up("the stored version is kept", "changed, but its page gave no text")
            return None
        if page:
            p_text, p_title, p_date, _, _ = page
            if len(p_text) > len(text):
                text = p_text
            title = title or p_title or None
            dct = dct or _date_from_string(p_date)
        elif text and len(text) < MIN_SUMMARY_TEXT:
            # a teaser of a few characters is no article: never store it as one
            give_up(f"the feed's own summary has only {count(len(text), 'character')}; item skipped",
                    "the page gave no article text")
            return None
        elif text:
            # stored with the summary: one note (the page's failure and its remedy), no error
            used = f"used the feed's own {len(text)}-character summary instead"
            if new_version:
                used += " (the item's new version: it replaces the stored one)"
            notes.append(warnings.pop(failed_at) + f"; {used}" if failed_at is not None
                         else f"feed {feed_url}: item {link}: {used}")
    if not text:
        if not (fetch_items and link):
            warnings.append(f"feed {feed_url}: item {name}: no text; skipped")
        return None
    text, bad = article_text(text)
    title, link, guid = clean_optional(title), clean_optional(link), clean_optional(guid)
    if bad:
        notes.append(f"feed {feed_url}: item {name}: {count(bad, 'invalid character')} replaced")
    raw_date = _unreadable_date(entry) if dct is None else None
    if raw_date:
        notes.append(f"feed {feed_url}: item {name}: date {raw_date[:40]!r} is not a date; {UNDATED_ITEM}")
    return Article(
        doc_id=item_id(guid, link, title, dct, text),
        text=text,
        dct=dct,
        title=title,
        url=link,
        source=source,
        origin=feed_url,
        updated=entry_stamp(entry),
    )


def feed_file_articles(data: bytes, origin: str) -> tuple[list[Article], list[str]]:
    """The articles of a saved RSS/Atom file (a feed read from disk: the items' own text, their
    pages are not fetched) and the warnings; a refused or unreadable file is one warning and no
    article."""
    import feedparser

    refusal = xml_refusal(data)
    if refusal:
        return [], [f"{origin}: {refusal}"]
    content, bad_refs = _neutral_charrefs(data)
    warnings = [f"{origin}: {count(bad_refs, 'invalid character reference')} replaced"] if bad_refs else []
    parsed = feedparser.parse(io.BytesIO(content))
    entries = list(parsed.get("entries") or [])
    if not entries:
        return [], warnings + [f"{origin}: an XML file with no RSS/Atom items"]
    source = ((parsed.get("feed") or {}).get("title") or "").strip() or None
    out: list[Article] = []
    seen: dict[str, str] = {}
    for entry in entries:
        art = _entry_article(entry, None, feed_url=origin, source=source, fetch_items=False,
                             min_full_text=0, warnings=warnings, limits={})
        if art is not None:
            _add_item(out, seen, art, origin, warnings)
    return out, warnings


def fetch_feeds(urls: Iterable[str], state: dict[str, tuple[str | None, str | None]] | None = None,
                **kw) -> Iterator[FeedResult]:
    """Fetch several feeds one after the other, yielding one FeedResult each; never raises.

    ``state`` maps a feed URL to its ``(etag, modified)`` from the last poll. Keyword
    arguments are those of :func:`fetch_feed`; one HTTP client is shared unless
    ``client`` is given. A failing feed yields a result with warnings and the next
    feed is fetched all the same.
    """
    state = state or {}
    client = kw.pop("client", None)
    own = client is None
    if own:
        client = _make_client(kw.get("timeout", 10.0), kw.get("user_agent", DEFAULT_UA),
                              allow_private=_private_allowed(kw.get("allow_private")),
                              resolver=kw.get("resolver"))
    try:
        for url in urls:
            etag, modified = state.get(url, (None, None))
            yield fetch_feed(url, etag=etag, modified=modified, client=client, **kw)
    finally:
        if own:
            client.close()
