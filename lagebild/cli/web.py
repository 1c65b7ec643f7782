"""``lagebild serve``: the situation picture in a browser (needs the ``web`` extra)."""
from __future__ import annotations

import ipaddress
import re
import os
import secrets
import sys

import click

from ..errors import DatabaseLocked, LagebildError
from ..wording import count
from .options import Number, db_option, usage_error
from ..web import IDLE_CLOSE, MAX_IDLE_CLOSE


class ReleaseAfter(Number):
    """``--release-after``: seconds (0 to ``MAX_IDLE_CLOSE``, a day) or ``never`` (None: the
    store is kept open, as before December 2026)."""

    name = "seconds"

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value.strip().lower() == "never":
            return None
        return super().convert(value, param, ctx)

    def get_metavar(self, param, ctx=None):     # click 8.1 and 8.2 call it with and without ctx
        return "SECONDS|never"

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@db_option("The DuckDB database file (opened read-only unless --watch). Default: $LAGEBILD_DB.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1/localhost exposes the pages "
                   "to the network and then needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--token", envvar="LAGEBILD_TOKEN", default=None,
              help="Every request must carry this token (Authorization: Bearer TOKEN, or "
                   "?token=TOKEN once per browser). Default: $LAGEBILD_TOKEN; with a "
                   "non-local --host and no token, one is generated and printed.")
@click.argument("watch_urls", nargs=-1, metavar="[FEED_URL]...")
@click.option("--watch", "watch", is_flag=True,
              help="Poll the FEED_URLs (RSS/Atom) and ingest new articles while serving; the "
                   "server is then the database's single writer and the pages stay live. The "
                   "analysis runs in the server's watcher thread with ingest's default "
                   "per-article time budget (300 s): a slower article is reported and skipped, "
                   "as by `lagebild watch`.")
@click.option("--every", default="10m", show_default=True,
              help="With --watch: polling interval (90, 30s, 10m, 1h).")
@click.option("--allow-private-hosts", is_flag=True,
              help="With --watch: allow feed hosts on loopback/private addresses (a feed server "
                   "in your own network). By default they are refused, on every redirect. Also "
                   "$LAGEBILD_ALLOW_PRIVATE_HOSTS=1.")
@click.option("--release-after", type=ReleaseAfter(min=0, max=MAX_IDLE_CLOSE), default=IDLE_CLOSE,
              show_default=True,
              help="Read-only (no --watch): let go of the database file when no request has come "
                   "for this many seconds, so that `lagebild ingest` can write between requests "
                   f"(the next request opens it again; 0: after every request; at most "
                   f"{MAX_IDLE_CLOSE:g}; never: keep it open).")
@click.option("--quiet", "-q", is_flag=True, help="No access log.")
def serve_cmd(watch_urls, db, host, port, token, watch, every, allow_private_hosts, release_after,
              quiet):
    """Browse the situation picture: overview, map, actors, dyads, one page per event
    (/events/ID) and per article (/articles/ID), search.

    Starts a local web server over the database (read-only by default) and prints
    the address to open. Every page has a JSON twin: add .json to its path
    (/overview.json, /actors/RUS.json, /events/12.json). Pages need no network:
    charts and the map are drawn on the server as SVG.

    A read-only server lets go of the database file for `lagebild ingest`
    (reanalyze, watch) run with --wait SECONDS as soon as no request is in flight
    (the waiting command leaves a file DB.want-write that says so), and otherwise
    when no request has come for --release-after seconds; while they write, the
    pages answer "database busy" (503) and recover by themselves. An ingest
    without --wait that starts while a request is in flight, or within
    --release-after seconds after the last one, exits 75 (database in use). With
    --watch the server is the single writer and holds the file.

    \b
    Examples:
      lagebild serve --db lage.duckdb                       # http://127.0.0.1:8000
      lagebild serve --db lage.duckdb --port 8080
      lagebild serve --db lage.duckdb --watch https://example.org/feed.xml --every 10m
      lagebild serve --db lage.duckdb --watch URL1 URL2 URL3
      lagebild serve --db lage.duckdb --host 0.0.0.0 --token "$(openssl rand -hex 16)"
      curl 'http://127.0.0.1:8000/overview.json?actor=RUS&since=2022-02'
    """
    try:
        from ..web import require_web
        require_web()
    except ImportError as exc:
        raise click.ClickException(str(exc)) from None
    from ..ingest import parse_interval
    from ..store import Store
    from ..web.app import create_app

    # usage errors (exit 2) first, then the database (exit 1), as every command does
    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        raise usage_error(str(exc), "--every") from None
    if watch_urls and not watch:
        raise click.UsageError("feed URLs are polled only with --watch: "
                               "lagebild serve --db FILE --watch FEED_URL...")
    if watch and not watch_urls:
        raise click.UsageError("--watch needs at least one FEED_URL")
    bad = [u for u in watch_urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise usage_error(f"not an http(s) URL: {bad[0]}", "FEED_URL")
    if allow_private_hosts and not watch_urls:
        raise click.UsageError("--allow-private-hosts is for the feeds of --watch")
    ctx = click.get_current_context()
    if not watch and ctx.get_parameter_source("every") is not click.core.ParameterSource.DEFAULT:
        raise click.UsageError("--every is the polling interval of --watch: "
                               "lagebild serve --db FILE --watch FEED_URL... --every 10m")
    if watch and ctx.get_parameter_source("release_after") is not click.core.ParameterSource.DEFAULT:
        raise click.UsageError("--release-after is for a read-only server: with --watch the server "
                               "is the database's single writer and holds the file")
    if not os.path.exists(db) and not watch:
        raise click.ClickException(f"{db}: no such database -- create one first, for example "
                                   f"`lagebild ingest examples/ --db {db}`, or serve it with "
                                   f"--watch FEED_URL, which creates it")
    generated = False
    if not _is_loopback(host) and not token:
        token, generated = secrets.token_urlsafe(18), True
    # check the file now (not a DuckDB file, another application's, newer schema) for a clear
    # message; a lock held by another process is fine: the pages say "database busy" until free
    try:
        Store(db, read_only=not watch_urls).close()
    except LagebildError as exc:
        if not isinstance(exc, DatabaseLocked):
            raise click.ClickException(str(exc)) from None
        click.echo(f"warning: {exc}; the pages answer 'database busy' until it is free", err=True)
    if watch and seconds < 60 and not quiet:
        click.echo(f"warning: polling every {seconds:g}s is not polite to most servers; "
                   f"use --every 10m or more for real feeds", err=True)
    sock = _bound_socket(host, port)        # before anything is printed: a busy port is an error
    port = sock.getsockname()[1]            # --port 0: the free port the system chose
    app = create_app(db, token=token, watch=list(watch_urls) or None, every=seconds,
                     watch_kw={"allow_private": True} if allow_private_hosts else None,
                     allowed_hosts=(LOOPBACK + (host,)) if _is_loopback(host) else None,
                     idle_close=release_after)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"            # an IPv6 address in a URL
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    mode = f"live, polling {count(len(watch_urls), 'feed')} every {every}" if watch_urls else "read-only"
    click.echo(f"lagebild: serving {db} ({mode}) at {url}  (Ctrl-C to stop)", err=False)
    if generated:
        click.echo("a token was generated because --host exposes the server; pass --token or "
                   "$LAGEBILD_TOKEN to choose one", err=True)
    sys.stdout.flush()
    import logging
    web_log = logging.getLogger("lagebild.web")
    handler, before = None, (web_log.level, web_log.propagate)
    if watch_urls and not quiet:        # the watcher's round lines ("watch round 3: 2 new articles")
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("lagebild: %(message)s"))
        web_log.setLevel(logging.INFO)
        web_log.addHandler(handler)
        web_log.propagate = False
    access = logging.getLogger("uvicorn.access")
    access.addFilter(_HIDE_TOKEN)
    try:
        # uvicorn writes its access lines at level info: without -q they are shown
        _run_server(app, sock, host=host, port=port, log_level="warning" if quiet else "info",
                    access_log=not quiet, server_header=False)
    finally:
        access.removeFilter(_HIDE_TOKEN)
        if handler is not None:         # the logger as it was (several servers in one process)
            web_log.removeHandler(handler)
            web_log.setLevel(before[0])
            web_log.propagate = before[1]


def _hide_token(record) -> bool:
    """An access line without the token of "?token=..." (the log must not hold the secret)."""
    if isinstance(record.args, tuple):
        record.args = tuple(re.sub(r"(token=)[^&\s]*", r"\1***", a) if isinstance(a, str) else a
                            for a in record.args)
    return True


_HIDE_TOKEN = _hide_token


def _run_server(app, sock, **config) -> None:
    """Serve ``app`` with uvicorn on the socket bound before (so the address printed is the one
    served)."""
    import uvicorn
    uvicorn.Server(uvicorn.Config(app, **config)).run(sockets=[sock])


def _bound_socket(host: str, port: int):
    """A listening socket on ``host:port`` (port 0: a free one), or a ClickException that says
    what to do when the port is taken or the address is not this machine's."""
    import socket
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise click.ClickException(f"--host {host}: not an address of this machine ({exc.strerror})") from None
    # a host name that has both: IPv4, as uvicorn binds it
    family, _, _, _, addr = sorted(infos, key=lambda i: i[0] != socket.AF_INET)[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError as exc:
        sock.close()
        raise click.ClickException(f"cannot listen on {host}:{port} ({exc.strerror}) -- another server "
                                   f"may use the port: choose another with --port, or --port 0 for a "
                                   f"free one") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def register(main, eval_group) -> None:
    main.add_command(serve_cmd)
