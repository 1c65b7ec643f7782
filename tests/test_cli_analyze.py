"""`lagebild analyze` and `lagebild eval events` through the CLI, in-process."""
import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from lagebild.cli import main

ARTICLE = (" date 2024-03-14 Die Europäische Union hat am Mittwoch neue Sanktionen gegen Russland verhängt. "
           "Der Kreml wies die Strafmaßnahmen zurück.\n")


@pytest.fixture
def runner():
    return CliRunner()


def test_every_command_has_help_text():
    def walk(cmd, path):
        assert cmd.help and len(cmd.help.strip()) > 20, f"{path} has no help text"
        for p in getattr(cmd, "params", []):
            if isinstance(p, click.Option) and not p.hidden:
                assert p.help, f"{path} option {p.name} has no help"
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{path} {name}")
    walk(main, "lagebild")


def test_analyze_text_summary(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    res = runner.invoke(main, ["analyze", str(f), "--no-models"])
    assert res.exit_code == 0, res.output
    assert "SANCTION" in res.output and "2024-03-14" in res.output


def test_analyze_json_is_an_array_of_document_objects(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    # the rule coder: what this checks is the document's shape, not the shipped model's floor
    res = runner.invoke(main, ["analyze", str(f), "--format", "json", "--no-models", "--coder", "rules"])
    (doc,) = json.loads(res.stdout)
    assert doc["dct"] == "2024-03-14" and doc["doc_id"] == "a"
    types = {e["type"] for e in doc["events"]}
    assert {"SANCTION", "REJECT"} <= types


def test_analyze_several_inputs_jsonl_with_dct(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Polen kritisierte Belarus scharf.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "x1", "text": "Japan unterstützt die Ukraine."}) + "\n",
                                      encoding="utf-8")
    res = runner.invoke(main, ["analyze", str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl"),
                               "--format", "jsonl", "--dct", "2022-02-18", "--no-models"])
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [d["doc_id"] for d in lines] == ["a", "x1"]
    assert all(d["dct"] == "2022-02-18" for d in lines)


def test_bad_input_is_reported_and_others_still_processed(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Russland griff die Ukraine an.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    res = runner.invoke(main, ["analyze", str(empty), str(good), "--format", "jsonl", "--no-models"])
    assert res.exit_code == 3          # as ingest: something was skipped (the good one still analyzed)
    assert "empty.txt" in res.stderr
    assert json.loads(res.stdout.splitlines()[0])["doc_id"] == "good"


def test_nothing_readable_exits_non_zero(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    res = runner.invoke(main, ["analyze", str(empty), "--no-models"])
    assert res.exit_code == 1
    assert "no article" in res.stderr


def test_bad_dct_is_a_usage_error(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Text.", encoding="utf-8")
    res = runner.invoke(main, ["analyze", str(f), "--dct", "gestern"])
    assert res.exit_code == 2 and "gestern" in res.output


def test_eval_events_agrees_with_the_reference_scorer(runner, shared, tmp_path):
    gold = shared / "gold" / "seed.json"
    res = runner.invoke(main, ["eval", "events", str(gold), "--json", "--no-models"])
    ours = json.loads(res.stdout)
    pred = tmp_path / "pred.json"
    res2 = runner.invoke(main, ["analyze", str(shared / "gold" / "seed.txt"), "--format", "json", "--no-models"])
    pred.write_text(res2.stdout, encoding="utf-8")
    ref = subprocess.run([sys.executable, str(shared / "tools" / "score_events.py"), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    theirs = json.loads(ref.stdout)
    for key in ("tp", "fp", "fn", "precision", "recall", "f1", "factuality_accuracy", "false_facts"):
        assert ours[key] == theirs[key], key


def test_scorer_counts_alternatives_optional_and_agree_alias():
    from lagebild.evaluate.events import score_pairs
    gold = {"doc_id": "g", "events": [
        {"type": "CONSULT", "source": [{"code": "USA"}], "target": [{"code": "RUS"}], "factuality": "planned"},
        {"type": "REQUEST|AGREE", "source": [{"code": "USA"}], "target": [{"code": "RUS|-"}], "factuality": "asserted"},
        {"type": "ASSAULT", "source": [{"code": "RUS"}], "target": [{"code": "UKR"}], "factuality": "hypothetical"},
        {"type": "SUPPORT", "source": [{"code": "DEU"}], "target": [], "factuality": "asserted", "optional": True},
    ]}
    pred = {"events": [
        {"type": "AGREE", "source": [{"code": "USA"}], "target": [{"code": "RUS"}], "factuality": "planned"},
        {"type": "REQUEST", "source": [{"code": "USA"}], "target": [], "factuality": "asserted"},
        {"type": "ASSAULT", "source": [{"code": "RUS"}], "target": [{"code": "UKR"}], "factuality": "asserted"},
        {"type": "SUPPORT", "source": [{"code": "DEU"}], "target": [], "factuality": "asserted"},
        {"type": "THREATEN", "source": [{"code": "CHN"}], "target": [], "factuality": "asserted"},
    ]}
    d = score_pairs([(gold, pred)]).as_dict()
    # AGREE fills one slot (planned CONSULT alias or the REQUEST|AGREE one), REQUEST USA->- the other
    assert (d["tp"], d["fp"], d["fn"]) == (3, 1, 0)
    assert d["false_facts"] == 1


def test_analyze_says_how_many_events_the_floor_left_out(runner, tmp_path):
    """Events below the default confidence floor are not silently gone: the text summary and the
    JSON ('below_floor') say how many; --min-confidence 0 shows them."""
    from lagebild.pipeline import Analyzer
    if Analyzer().learned is None:
        pytest.skip("no event model ships in this checkout")
    f = tmp_path / "a.txt"
    f.write_text("date: 2025-05-12\nRussland hat mit einem Atomschlag gedroht. Verdi ruft für Montag zu einem "
                 "Warnstreik auf. Die Polizei hat in Istanbul eine Kundgebung aufgelöst.\n", encoding="utf-8")
    (floor,) = json.loads(runner.invoke(main, ["analyze", str(f), "--format", "json"]).output)
    (everything,) = json.loads(runner.invoke(main, ["analyze", str(f), "--format", "json", "--min-confidence", "0"]).output)
    assert everything["below_floor"] == 0 and len(everything["events"]) > len(floor["events"])
    assert floor["below_floor"] == len(everything["events"]) - len(floor["events"])
    text = runner.invoke(main, ["analyze", str(f)]).output
    n = floor["below_floor"]
    assert f"{n} more event{'' if n == 1 else 's'} below the confidence floor" in text


def test_the_text_summary_says_where_a_participants_country_comes_from():
    """A country the text does not say for the mention is marked by its source: the story's, or the
    country named just before (the JSON's ``code_inferred``), never one for the other."""
    from lagebild.cli.analyze import format_summary
    from lagebild.records import Document, Event, Participant
    ev = Event(type="COERCE", source=[Participant("a1", "Polizei", "AUT", "COP", code_inferred="nearby")],
               target=[Participant("a2", "Regierung", "AUT", "GOV", code_inferred="story")], factuality="asserted")
    text = format_summary(Document(doc_id="d", dct="2026-11-20", text="x", events=[ev]))
    assert "AUT (Polizei) [country: named just before] -> AUT (Regierung) [country: the story's]" in text


def test_the_ingest_summary_names_every_event_type_or_says_how_many_are_left_out():
    from lagebild.ingest import summary_text
    types = {t: 10 - i for i, t in enumerate(("AGREE", "ACCUSE", "ASSAULT", "COERCE", "CONSULT", "REJECT",
                                               "REQUEST", "THREATEN"))}
    text = summary_text({"articles": 1, "near_duplicates": 0, "events": sum(types.values()), "mentions": 1,
                         "actors": 1, "quotes": 0, "events_by_type": types})
    assert "Event types: AGREE 10, ACCUSE 9, ASSAULT 8, COERCE 7, CONSULT 6, REJECT 5, and 2 more types with 7 events." in text


def test_an_article_without_a_date_says_which_time_expressions_it_could_not_resolve(runner, tmp_path):
    f = tmp_path / "nodate.txt"
    f.write_text("Die Polizei hat am Montag in Wien einen Mann festgenommen.\n", encoding="utf-8")
    (doc,) = json.loads(runner.invoke(main, ["analyze", str(f), "--format", "json"]).stdout)
    assert any("no document date" in w and "am Montag" in w and "--dct" in w for w in doc["warnings"]), doc["warnings"]
    (dated,) = json.loads(runner.invoke(main, ["analyze", str(f), "--format", "json", "--dct", "2026-11-20"]).output)
    assert not any("no document date" in w for w in dated["warnings"])


def test_warnings_written_into_a_file_are_said_on_stderr_too(runner, tmp_path):
    """Probe: `analyze nodate.txt -o out.txt` printed nothing; the missing date was said only
    inside out.txt (and a review: also with "> out.txt"). The first five articles' warnings go to
    stderr too, then how many more; on a terminal the text output says them once."""
    for i in range(7):
        (tmp_path / f"n{i}.txt").write_text("Die Polizei hat am Montag in Wien einen Mann festgenommen.\n",
                                            encoding="utf-8")
    out = tmp_path / "out.txt"
    r = runner.invoke(main, ["analyze", str(tmp_path / "n0.txt"), "-o", str(out)])
    assert r.exit_code == 0 and "warning: n0: no document date" in r.stderr and "am Montag" in r.stderr
    assert "no document date" in out.read_text(encoding="utf-8")
    r = runner.invoke(main, ["analyze", *(str(tmp_path / f"n{i}.txt") for i in range(7)), "--format", "jsonl",
                             "-o", str(out)])
    assert r.stderr.count("no document date") == 5 and "2 more articles with warnings (n5, n6)" in r.stderr
    assert runner.invoke(main, ["analyze", str(tmp_path / "n0.txt"), "-o", str(out), "-q"]).stderr == ""
    # standard output that is no terminal ("> out.txt" in a shell; here the test runner's): the same
    piped = runner.invoke(main, ["analyze", str(tmp_path / "n0.txt")])
    assert "warning: n0: no document date" in piped.stderr and "no document date" in piped.stdout


def test_analyze_says_why_a_story_without_any_country_gives_no_events(runner, tmp_path):
    f = tmp_path / "dom.txt"
    f.write_text("date: 2025-03-10\n\nDie Opposition warf der Regierung vor, das Budget zu verschleppen. "
                 "Der Sprecher der Regierung wies die Vorwürfe zurück.\n", encoding="utf-8")
    res = runner.invoke(main, ["analyze", str(f), "--no-models"])
    assert res.exit_code == 0, res.output
    assert "Events (0)" in res.output and "the text names none" in res.output


def test_dct_means_the_same_in_analyze_and_ingest(tmp_path):
    """--dct fills in articles without a date, an article's own date wins, --dct-override replaces
    it: in analyze and ingest alike (ingest replaced, analyze filled in; a new-user probe)."""
    import duckdb
    src = tmp_path / "one.jsonl"
    src.write_text('{"id": "own", "date": "2024-03-05", "text": "Frankreich hat Deutschland kritisiert."}\n'
                   '{"id": "none", "text": "Frankreich hat Deutschland kritisiert, hieß es."}\n', encoding="utf-8")
    runner = CliRunner()
    for flags, own in (([], "2024-03-05"), (["--dct-override"], "2020-01-01")):
        out = json.loads(runner.invoke(main, ["analyze", str(src), "--format", "json", "--coder", "rules",
                                              "--no-models", "--dct", "2020-01-01", *flags]).output)
        assert {d["doc_id"]: d["dct"] for d in out} == {"own": own, "none": "2020-01-01"}
        db = tmp_path / f"d{len(flags)}.duckdb"
        r = runner.invoke(main, ["ingest", str(src), "--db", str(db), "-q", "--dct", "2020-01-01", *flags,
                                 "--analyzer", "lagebild.pipeline:rules_analyzer"])
        assert r.exit_code == 0, r.output
        con = duckdb.connect(str(db), read_only=True)
        assert dict(con.execute("SELECT doc_id, dct FROM articles").fetchall()) == {"own": own, "none": "2020-01-01"}
        con.close()


def test_csv_delimiter_takes_a_tab_and_refuses_two_characters(tmp_path):
    f = tmp_path / "t.tsv"
    f.write_text("id\tdate\ttext\na1\t2024-03-05\tFrankreich hat Deutschland am Dienstag scharf kritisiert.\n",
                 encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(main, ["analyze", str(f), "--csv-delimiter", "tab", "--format", "json", "--coder", "rules",
                             "--no-models"])
    assert r.exit_code == 0 and [d["doc_id"] for d in json.loads(r.output)] == ["a1"]
    r = runner.invoke(main, ["analyze", str(f), "--csv-delimiter", ";;"])
    assert r.exit_code == 2 and "not one character" in r.output


def test_a_gold_file_of_another_shape_is_one_clear_error(tmp_path):
    """A gold file that is a list, or whose text is null, gave a traceback (a code review)."""
    from click.testing import CliRunner
    from lagebild.cli import main
    for name, body in (("list.json", "[1, 2]"), ("null.json", '{"text": null, "events": []}')):
        p = tmp_path / name
        p.write_text(body, encoding="utf-8")
        r = CliRunner().invoke(main, ["eval", "events", str(p), "--no-models"])
        assert r.exit_code == 1 and "not a gold file" in r.output and "Traceback" not in r.output, r.output


def test_an_empty_actor_is_an_error_not_no_filter(tmp_path):
    """`--actor ''` (an unset shell variable) listed every event; `timeline '' BLR` exited 0 (a
    new-user probe)."""
    from lagebild.store import Store
    db = tmp_path / "e.duckdb"
    Store(db).close()
    for args in (["events", "--db", str(db), "--actor", ""], ["timeline", "", "BLR", "--db", str(db)]):
        r = CliRunner().invoke(main, args)
        assert r.exit_code != 0 and "empty actor" in r.output, (args, r.output)


def test_analyze_json_has_one_shape_whatever_the_number_of_articles(runner, tmp_path):
    """--format json gave the bare object for one article and an array for several (and [] for
    none): a script could not know which it got. Now always an array; --format jsonl stays one
    object per line, the path for a script that wants the bare object of one article."""
    one = tmp_path / "one.txt"
    one.write_text("date 2022-02-18\nFrankreich hat Russland kritisiert.\n", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("date 2022-02-18\nPolen hat Belarus kritisiert.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    flags = ["--format", "json", "--no-models", "--coder", "rules", "--no-text", "-q"]

    def ids(*paths):
        r = runner.invoke(main, ["analyze", *map(str, paths), *flags])
        out = json.loads(r.stdout)
        assert isinstance(out, list), out
        return [d["doc_id"] for d in out]
    assert ids(one) == ["one"]
    assert ids(one, two) == ["one", "two"]
    assert ids(empty) == []
    r = runner.invoke(main, ["analyze", str(one), *flags[2:], "--format", "jsonl"])
    doc = json.loads(r.stdout)                  # one line, the bare object
    assert isinstance(doc, dict) and doc["doc_id"] == "one" and r.stdout.count("\n") == 1
    r = runner.invoke(main, ["analyze", "--help"])
    assert "JSON array" in r.output and "jsonl" in r.output


def test_a_url_given_to_analyze_is_named_as_one_and_the_way_to_read_it_said(tmp_path):
    """`analyze https://host/feed.xml` said "http:/host/feed.xml: no such file or folder -- check
    the path" (the URL bent into a path; a new-user probe): analyze reads files, and the message
    says so, with the URL as given, and how to read it (save it, or `lagebild ingest` the feed)."""
    from click.testing import CliRunner

    from lagebild.cli import main
    url = "https://news.test/feed.xml"
    r = CliRunner().invoke(main, ["analyze", url, "--no-models", "--coder", "rules"])
    assert r.exit_code == 1, r.output
    assert f"{url}: " in r.stderr and "no such file" not in r.stderr
    assert "lagebild ingest" in r.stderr and "curl -o" in r.stderr


def test_the_text_view_says_where_each_event_is_told():
    """Each event of the text view shows its cue word and the sentence that tells it, shortened
    around the cue for long sentences (a probe could not check an event without the JSON)."""
    from types import SimpleNamespace
    from lagebild.cli.analyze import _told_where
    ev = SimpleNamespace(cue="angegriffen", evidence=[SimpleNamespace(text="Russland hat am Montag die Ukraine "
                                                                       "angegriffen, sagte ein Sprecher.")])
    assert _told_where(ev) == "cue 'angegriffen' in: „Russland hat am Montag die Ukraine angegriffen, sagte ein Sprecher.“"
    long = "Vorher " * 40 + "hat Russland die Ukraine angegriffen" + " danach" * 40
    ev = SimpleNamespace(cue="angegriffen", evidence=[SimpleNamespace(text=long)])
    told = _told_where(ev, width=60)
    assert "angegriffen" in told and told.count("…") == 2 and len(told) < 110
    assert _told_where(SimpleNamespace(cue="x", evidence=[])) == ""


def test_the_text_view_names_the_reporter_by_its_actor_not_its_grammatical_form(runner, tmp_path):
    """"Nach Angaben Ankaras ...": according to Ankara (a probe saw "according to Ankaras")."""
    f = tmp_path / "a.txt"
    f.write_text("date 2016-03-03\n\nNach Angaben Ankaras hat Russland die Türkei kritisiert.\n", encoding="utf-8")
    res = runner.invoke(main, ["analyze", str(f), "--no-models"])
    assert res.exit_code == 0, res.output
    assert "according to Ankara;" in res.output and "Ankaras;" not in res.output


def test_the_summary_says_when_a_participant_is_named_in_another_sentence():
    """Probe P22: a CONSULT's target came from the sentences before and after, and nothing said so."""
    from lagebild.cli.analyze import _side
    from lagebild.records import Evidence, Participant, Span
    ev = [Evidence(sentence=3, start=100, end=160, text="x" * 60)]
    here = Participant(actor="A1", text="Minister", code="FRA", mention=Span(110, 118, "Minister"))
    before = Participant(actor="A2", text="Frankreich", code="FRA", mention=Span(40, 50, "Frankreich"))
    home = Participant(actor=None, text=None, code="FRA", inferred="home")
    assert _side([here], ev) == "FRA (Minister)"
    assert _side([before], ev) == "FRA (Frankreich) [named in another sentence]"
    assert _side([home], ev) == "FRA [inferred: home]"      # an inferred side says that instead
