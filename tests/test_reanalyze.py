"""Re-analysis after an upgrade: the analyzer version is stored, older articles are redone."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.ingest import Ingester
from lagebild.store import SCHEMA_VERSION, Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import SPEC, ScriptedAnalyzer, art, ingest  # noqa: E402


class V2(ScriptedAnalyzer):
    """The "upgraded" analyzer: every ASSAULT is now a MOBILIZE."""

    version = "v2"

    def __call__(self, a):
        doc = super().__call__(a)
        for ev in doc.events:
            if ev.type == "ASSAULT":
                ev.type = "MOBILIZE"
        return doc


def q(db, sql):
    with Store(db, read_only=True) as s:
        return s.con.execute(sql).fetchall()


def test_analyzer_version_is_stored_with_each_article(tmp_path):
    db = tmp_path / "t.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    assert q(db, "SELECT analyzer_version FROM articles") == [(SPEC,)]
    assert q(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]


def test_reanalyze_replaces_events_of_older_articles_and_is_resumable(tmp_path):
    db = tmp_path / "t.duckdb"
    ingest(db, [art(i, "#EV ASSAULT RUS UKR 2022-02-24", source=f"s{i}") for i in range(5)]
           + [art(9, "#EV CONSULT USA RUS 2022-02-20")])
    assert q(db, "SELECT type, num_mentions FROM events ORDER BY type") == [
        ("ASSAULT", 5), ("CONSULT", 1)]
    # a run that stops after the first batch of 2 (as if killed): the rest is redone later
    with Store(db) as store, Ingester(store, analyzer=V2, batch_size=2) as ing:
        real = store.articles_to_reanalyze
        calls = []

        def once(*a, **kw):
            calls.append(1)
            return real(*a, **kw) if len(calls) == 1 else []
        store.articles_to_reanalyze = once
        ing.reanalyze()
    assert q(db, "SELECT count(*) FROM articles WHERE analyzer_version = 'v2'") == [(2,)]
    with Store(db) as store, Ingester(store, analyzer=V2, batch_size=2) as ing:
        stats = ing.reanalyze()
    assert stats.read == 4 and stats.errors == 0
    assert q(db, "SELECT DISTINCT analyzer_version FROM articles") == [("v2",)]
    assert q(db, "SELECT type, num_mentions, num_articles FROM events ORDER BY type") == [
        ("CONSULT", 1, 1), ("MOBILIZE", 5, 5)]
    assert q(db, "SELECT count(*) FROM event_mentions") == [(6,)]
    with Store(db) as store, Ingester(store, analyzer=V2) as ing:   # nothing left to do
        assert ing.reanalyze().read == 0


def test_cli_reanalyze(tmp_path):
    db = tmp_path / "t.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    r = CliRunner().invoke(main, ["reanalyze", "--db", str(db), "--analyzer",
                                  "test_reanalyze:V2"])
    assert r.exit_code == 0, r.output
    assert q(db, "SELECT type FROM events") == [("MOBILIZE",)]


#: the columns of schema version 1, frozen: every column since is a migration (``MIGRATIONS``)
SCHEMA_V1 = {
    'meta': ('key', 'value'),
    'articles': ('article_id', 'doc_id', 'content_hash', 'source', 'url', 'dct', 'title', 'origin', 'text', 'n_chars', 'n_events', 'near_duplicate_of', 'near_duplicate_score', 'warnings', 'batch_id', 'ingested_at'),
    'article_minhash': ('article_id', 'signature'),
    'actors': ('article_id', 'actor_id', 'name', 'code', 'sector', 'role', 'kind', 'mentions'),
    'quotes': ('article_id', 'quote_index', 'speaker_actor', 'speaker_text', 'speaker_code', 'speaker_sector', 'text', 'direct', 'start_char', 'end_char'),
    'events': ('event_id', 'merge_key', 'type', 'mode', 'source_code', 'source_sector', 'source_text', 'source_codes', 'source_json', 'target_code', 'target_sector', 'target_text', 'target_codes', 'target_json', 'factuality', 'condition', 'reported_by_text', 'reported_by_code', 'reported_by_sector', 'date_text', 'date_value', 'date_from_dct', 'event_date', 'date_precision', 'month', 'location_text', 'location_code', 'magnitude_value', 'magnitude_unit', 'magnitude_qualifier', 'quad_class', 'goldstein', 'cameo', 'cue', 'num_mentions', 'num_articles', 'num_sources', 'first_article_id', 'created_at', 'updated_at'),
    'event_mentions': ('mention_id', 'event_id', 'article_id', 'doc_event_index', 'sentence', 'start_char', 'end_char', 'text', 'factuality', 'source', 'is_duplicate'),
    'feeds': ('url', 'etag', 'modified', 'last_fetch', 'last_status', 'articles_seen', 'last_warning'),
}


def test_every_column_since_version_1_has_a_migration():
    """A column added to ``TABLES`` without a migration passed the upgrade test below, which
    builds its old file from today's tables (a code review): today's tables are version 1's
    columns plus the migrations."""
    from lagebild.store import MIGRATIONS, TABLES, TABLES_ADDED
    added = {t for ts in TABLES_ADDED.values() for t in ts}
    assert set(TABLES) == set(SCHEMA_V1) | added and not added & set(SCHEMA_V1)
    for table, cols in TABLES.items():
        if table in added:      # created with today's columns, filled from what the store holds
            continue
        later = [c for v in sorted(MIGRATIONS) for t, c, _ in MIGRATIONS[v] if t == table]
        assert sorted(c for c, _ in cols) == sorted(SCHEMA_V1[table] + tuple(later)), table


def test_store_of_schema_version_1_is_upgraded_in_place(tmp_path):
    import duckdb
    db = tmp_path / "t.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    con = duckdb.connect(str(db))
    from lagebild.store import MIGRATIONS, TABLES_ADDED
    for added in MIGRATIONS.values():                                # every column added since 1
        for table, col, _ in added:
            con.execute(f"ALTER TABLE {table} DROP COLUMN {col}")
    for tables in TABLES_ADDED.values():                             # and every table
        for table in tables:
            con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    from lagebild.store import SCHEMA_VERSION
    r = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "json"])
    assert r.exit_code == 0, r.output       # a reading command upgrades the file first
    assert "confidence" in r.stdout and "Traceback" not in r.output
    assert q(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    with Store(db, read_only=True) as s:
        assert s.counts()["events"] == 1
        assert s.con.execute("SELECT event_id, side, code FROM participants ORDER BY side").fetchall() == [
            (1, "source", "RUS"), (1, "target", "UKR")]
    ingest(db, [art(2, "#EV ASSAULT RUS UKR 2022-02-24")])
    assert q(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    assert q(db, "SELECT analyzer_version FROM articles ORDER BY article_id") == [(None,), (SPEC,)]
    assert q(db, "SELECT country FROM articles ORDER BY article_id") == [(None,), (None,)]


def test_reanalyze_progress_says_reanalyze_once(tmp_path):
    import io

    from lagebild.ingest import Progress
    db = tmp_path / "t.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    out = io.StringIO()
    with Store(db) as store, Ingester(store, analyzer=V2, progress=Progress(stream=out, interval=0)) as ing:
        ing.reanalyze()
    lines = out.getvalue().splitlines()
    assert lines and all(x.startswith("reanalyze: 1 read") for x in lines) and len(lines) == len(set(lines))


def test_reanalyzing_an_original_redoes_its_near_duplicates_and_leaves_no_empty_events(tmp_path):
    from test_ingest import original_and_copy
    db = tmp_path / "t.duckdb"
    ingest(db, original_and_copy(7, "#EV ASSAULT RUS UKR 2022-02-24") + [art(3, "#EV CONSULT USA RUS 2022-02-20")])
    assert q(db, "SELECT near_duplicate_of FROM articles ORDER BY article_id") == [(None,), (1,), (None,)]
    with Store(db) as s:        # only the original is of an older version (as after --country)
        s.con.execute("UPDATE articles SET analyzer_version = 'old' WHERE article_id = 1")
    with Store(db) as store, Ingester(store, analyzer=SPEC) as ing:
        assert ing.reanalyze().read == 2       # the copy is redone after it, article 3 is not
    assert q(db, "SELECT count(*) FROM events WHERE num_mentions = 0") == [(0,)]
    assert q(db, "SELECT type, num_mentions, num_articles FROM events ORDER BY type") == [
        ("ASSAULT", 1, 1), ("CONSULT", 1, 1)]
    assert q(db, "SELECT count(*) FROM event_mentions WHERE is_duplicate") == [(1,)]


def test_an_older_database_that_cannot_be_written_says_how_to_read_it(tmp_path, monkeypatch):
    import duckdb

    import lagebild.store as store_mod
    db = tmp_path / "t.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE articles DROP COLUMN country")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.close()
    real = duckdb.connect

    def connect(path, read_only=False, **kw):
        if not read_only:
            raise duckdb.IOException("IO Error: Cannot open file: Read-only file system")
        return real(path, read_only=read_only, **kw)
    monkeypatch.setattr(store_mod.duckdb, "connect", connect)
    with pytest.raises(store_mod.StoreError, match="schema version 3.*cannot be written here.*copy it"):
        Store(db, read_only=True).__enter__()


def test_reanalyze_summary_says_what_really_changed_in_numbers_that_add_up(tmp_path):
    """`reanalyze` said "444 new events (+81 merged)" and the database then held 510 events
    (probe P1): the new and merged counts did not say what was removed or kept. Now the summary
    gives the events before and after, new, removed and kept, and they add up."""
    db = tmp_path / "t.duckdb"
    ingest(db, [art(i, "#EV ASSAULT RUS UKR 2022-02-24", source=f"s{i}") for i in range(5)]
           + [art(9, "#EV CONSULT USA RUS 2022-02-20")])
    with Store(db) as store, Ingester(store, analyzer=V2, batch_size=2) as ing:
        stats = ing.reanalyze()
    n_events = q(db, "SELECT count(*) FROM events WHERE num_mentions >= 1")[0][0]
    assert (stats.events_before, stats.events_after) == (2, n_events) == (2, 2)
    # ASSAULT is gone (MOBILIZE is new); CONSULT's re-analyzed mention merged into it again
    assert (stats.events_new, stats.events_removed, stats.events_merged) == (1, 1, 5)
    assert stats.events_after == stats.events_before - stats.events_removed + stats.events_new
    ingest(db, [art(20, "#EV ASSAULT RUS UKR 2022-02-24")])     # an article of the old version
    r = CliRunner().invoke(main, ["reanalyze", "--db", str(db), "--analyzer", "test_reanalyze:V2"])
    assert r.exit_code == 0, r.output
    # every article again (the CLI's analyzer has another version string); 3 events before
    # (MOBILIZE, CONSULT, the new ASSAULT); all 7 mentions merge: the ASSAULT is removed
    assert ("re-analyzed 7 articles (0 failed): their 7 events gave 0 new events, 7 merged into an "
            "event already there; events in the database: 3 before, 2 after (0 new, 1 removed, "
            "2 kept)") in r.stderr


def test_reanalyze_with_nothing_to_do_says_so(tmp_path):
    """A second `reanalyze` said "re-analyzed 0 articles (0 failed): their 0 events gave 0 new
    events, 0 merged ..." (a new-user probe): it says that there was nothing to do, and why."""
    db = tmp_path / "n.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    args = ["reanalyze", "--db", str(db), "--analyzer", "test_reanalyze:V2"]
    assert CliRunner().invoke(main, args).exit_code == 0
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    assert "nothing to re-analyze: every stored article was analyzed by the current analyzer" in r.stderr
    assert "re-analyzed 0 articles" not in r.stderr
    assert "--country CODE re-analyzes" in r.stderr
    # with --country given, the hint to give --country is no help (a review)
    assert CliRunner().invoke(main, args + ["--country", "AUT"]).exit_code == 0     # gives it a country
    r = CliRunner().invoke(main, args + ["--country", "AUT"])
    assert r.exit_code == 0 and "nothing to re-analyze" in r.stderr, r.output
    assert "--country CODE re-analyzes" not in r.stderr, r.stderr


def test_reanalyze_of_a_missing_database_is_an_error_and_creates_none(tmp_path):
    """`reanalyze --db typo.duckdb` created an empty database, said 're-analyzed 0 articles' and
    exited 0 (a probe): now exit 1 with how to create one, as the query commands, and no file."""
    db = tmp_path / "typo.duckdb"
    r = CliRunner().invoke(main, ["reanalyze", "--db", str(db), "--analyzer", SPEC])
    assert r.exit_code == 1, r.output
    assert f"{db}: no such database" in r.output and "lagebild ingest" in r.output
    assert "re-analyzed" not in r.output
    assert not db.exists() and not Path(str(db) + ".wal").exists()
    Store(db).close()                   # an empty database that exists is re-analyzed (nothing)
    r = CliRunner().invoke(main, ["reanalyze", "--db", str(db), "--analyzer", SPEC])
    assert r.exit_code == 0 and "nothing to re-analyze" in r.output, r.output


def test_a_store_that_may_not_create_refuses_a_missing_file(tmp_path):
    from lagebild.errors import StoreError
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "none.duckdb", create=False)
    assert not (tmp_path / "none.duckdb").exists()
