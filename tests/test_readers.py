"""Input readers: every format, and every kind of bad input reported, not fatal."""
from __future__ import annotations

import gzip
import io
import json
import lzma
import os
import sys
from pathlib import Path

import pytest

from lagebild.errors import InputError
from lagebild.readers import (
    ReadStats, article_from_html, article_from_text, iter_articles, iter_input_files,
    normalize_date, read_articles,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAGEBILD_SHARED") or REPO.parent / "shared")
EXAMPLES = REPO / "examples"

BODY = ("Der Außenminister reist am Montag nach Wien. „Wir wollen reden“, sagte er.\n\n"
        "Demonstranten vor dem Parlament Bild: AP\n\nDie Gespräche beginnen am Dienstag.")


def read(paths, **kw):
    """Articles and problems of a read, problems collected instead of logged."""
    problems: list[InputError] = []
    stats = ReadStats()
    arts = list(iter_articles(paths, on_error=problems.append, stats=stats, **kw))
    return arts, problems, stats


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# ----------------------------------------------------------------------------- dates

@pytest.mark.parametrize("value, iso", [
    ("2022", "2022"), ("2022-02", "2022-02"), ("2022-2", "2022-02"),
    ("2022-02-18", "2022-02-18"), ("18.02.2022", "2022-02-18"), ("1.3.2024", "2024-03-01"),
    ("2022-02-18T10:30:00Z", "2022-02-18"), (" 2024-03-07 ", "2024-03-07"),
])
def test_normalize_date_accepts_iso_and_german_dates(value, iso):
    assert normalize_date(value) == iso


@pytest.mark.parametrize("value", [
    "2022-13", "2022-02-30", "31.02.2024", "gestern", "Montag", "22-02-18", "", "20220",
])
def test_normalize_date_rejects_what_is_not_a_date(value):
    assert normalize_date(value) is None


# ----------------------------------------------------------------------------- seed format / text

def test_seed_header_on_the_same_line_as_the_body(tmp_path):
    p = write(tmp_path / "a.txt", " date 2022-02 " + BODY)
    (art,), problems, _ = read(p)
    assert problems == []
    assert art.dct == "2022-02"
    assert art.text == BODY                 # offsets index the body, header excluded
    assert art.doc_id == "a" and art.origin == str(p)


def test_seed_header_on_its_own_line_and_german_date(tmp_path):
    p = write(tmp_path / "b.txt", "date 07.03.2024\n" + BODY + "\n")
    (art,), problems, _ = read(p)
    assert (art.dct, art.text, problems) == ("2024-03-07", BODY + "\n", [])   # the body as it stands


@pytest.mark.parametrize("header,dct", [("date: 2024-05-17", "2024-05-17"), ("Date: 2024-05", "2024-05"),
                                        ("Datum: 17.05.2024", "2024-05-17"), ("Datum: 17. Mai 2024", "2024-05-17")])
def test_date_header_may_have_a_colon_or_be_capitalised(tmp_path, header, dct):
    p = write(tmp_path / "h.txt", header + "\n\n" + BODY)
    (art,), problems, _ = read(p)
    assert (art.dct, art.text, problems) == (dct, "\n" + BODY, [])


@pytest.mark.parametrize("text", ["Datum und Ort des Treffens sind noch offen.",
                                  "Date 2024 war ein gutes Jahr für die Firma."])
def test_prose_that_starts_with_datum_is_body(text):
    from lagebild.readers import article_from_text
    art = article_from_text(text, doc_id="x")
    assert art.dct is None and art.text == text


def test_plain_text_has_no_date_unless_given(tmp_path):
    p = write(tmp_path / "c.txt", "\ufeff" + BODY.replace("\n", "\r\n") + "\r\n")
    (art,), _, _ = read(p)
    # the file's BOM is dropped; line ends are kept, so that offsets index the text as read
    assert art.dct is None and art.text == BODY.replace("\n", "\r\n") + "\r\n"
    (art,), _, _ = read(p, dct="2022-02-18")
    assert art.dct == "2022-02-18"


def test_given_dct_overrides_the_header_or_only_fills_in(tmp_path):
    p = write(tmp_path / "d.txt", " date 2022-02 " + BODY)
    q = write(tmp_path / "e.txt", BODY)
    arts, _, _ = read([p, q], dct="18.02.2022")
    assert [a.dct for a in arts] == ["2022-02-18", "2022-02-18"]
    r = write(tmp_path / "f.txt", " date 2023-05-01 " + BODY)
    arts, _, _ = read([p, q, r], dct="2022-02-18", dct_override=False)
    # fill-in mode: refines an agreeing coarser date, fills a missing one, keeps the rest
    assert [a.dct for a in arts] == ["2022-02-18", "2022-02-18", "2023-05-01"]


def test_invalid_dct_option_is_refused_at_the_call(tmp_path):
    with pytest.raises(InputError, match="not a date"):
        iter_articles(write(tmp_path / "a.txt", BODY), dct="letzte Woche")


def test_date_header_that_is_not_a_date_is_reported_and_article_still_read(tmp_path):
    bad = write(tmp_path / "bad.txt", " date 2022-13-45 " + BODY)
    good = write(tmp_path / "good.txt", BODY)
    arts, problems, stats = read([bad, good])
    assert [a.doc_id for a in arts] == ["bad", "good"]
    assert arts[0].dct is None and arts[0].text == BODY
    (err,) = problems
    assert err.path == str(bad) and err.line == 1 and "2022-13-45" in str(err)
    assert "YYYY-MM-DD" in err.hint and err.skipped is False
    assert stats.warnings == 1 and stats.errors == 0


def test_article_from_text_parses_the_seed_header():
    art = article_from_text(" date 2024-05-12 Ein Text.", doc_id="x")
    assert (art.dct, art.text) == ("2024-05-12", "Ein Text.")
    with pytest.raises(InputError, match="not a date"):
        article_from_text(" date morgen Ein Text.")


def test_stdin_dash_reads_seed_format(monkeypatch):
    data = (" date 2024-01-02 " + BODY).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    (art,), problems, _ = read(["-"])
    assert (art.dct, art.text, art.origin, problems) == ("2024-01-02", BODY, "<stdin>", [])


@pytest.mark.parametrize("data,what", [(b"", "standard input is empty"),
                                       (b"  \n", "standard input holds only whitespace"),
                                       (b"date 2024-01-02\n", "no article text after the date header")])
def test_empty_stdin_says_to_pipe_an_article_not_to_remove_a_file(monkeypatch, data, what):
    """`printf '' | lagebild ingest -` said "<stdin>: empty file -- remove it or put the article
    text in it" (a probe): standard input is no file to remove."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    arts, problems, _ = read(["-"])
    assert arts == [] and len(problems) == 1
    msg = str(problems[0])
    assert msg.startswith(f"<stdin>: {what} -- pipe an article into it") and "remove it" not in msg
    assert "name files instead of '-'" in msg


def test_stdin_dash_reads_json_lines_and_csv_like_files(monkeypatch):
    def stdin(text):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
    stdin(json.dumps({"id": "a1", "date": "2024-02-12", "text": BODY}) + "\n"
          + json.dumps({"id": "a2", "text": BODY}) + "\n")
    arts, problems, _ = read(["-"])
    assert [(a.doc_id, a.dct) for a in arts] == [("a1", "2024-02-12"), ("a2", None)] and problems == []
    assert [a.origin for a in arts] == ["<stdin>:1", "<stdin>:2"]       # not a temporary file's path
    long = (BODY.replace("\n", " ") + " ") * 60                          # a first line of 5,000+ characters
    stdin(json.dumps({"id": "big", "text": long}) + "\n")
    (art,), problems, _ = read(["-"])
    assert len(long) > 4096 and art.doc_id == "big" and problems == []
    line = "Russland hat die Ukraine am Montag angegriffen, sagte der Sprecher."
    stdin(f"id;date;text\n7;2024-02-12;{line}\n")
    (art,), problems, _ = read(["-"])
    assert (art.doc_id, art.dct, art.text, problems) == ("7", "2024-02-12", line, [])
    stdin(f"Gestern, am Montag; sagte er: {BODY}")       # commas and semicolons, no header: text
    (art,), _, _ = read(["-"])
    assert art.origin == "<stdin>" and art.text.startswith("Gestern, am Montag;")
    # a JSON array, and a headerless CSV with its columns given (a code review: one text article)
    stdin(json.dumps([{"id": "j1", "date": "2024-03-05", "text": BODY}]))
    (art,), problems, _ = read(["-"])
    assert (art.doc_id, art.dct, problems) == ("j1", "2024-03-05", [])
    stdin(f"a1,2024-03-05,{line}\na2,2024-03-06,{line}\n")
    arts, problems, _ = read(["-"], csv_header=False, csv_id=0, csv_date=1, csv_text=2)
    assert [(a.doc_id, a.dct) for a in arts] == [("a1", "2024-03-05"), ("a2", "2024-03-06")] and not problems


# ----------------------------------------------------------------------------- JSON Lines / JSON

def test_jsonl_fields_ids_and_origins(tmp_path):
    lines = [
        {"id": "a1", "text": "Erster Text.", "date": "2024-03-05", "title": "T",
         "url": "https://example.org/a1", "source": "Agentur"},
        {"text": "Zweiter Text ohne id."},
        {"id": 7, "text": "Dritter.", "dct": "05.03.2024"},
    ]
    p = write(tmp_path / "x.jsonl",
              json.dumps(lines[0]) + "\n\n" + "\n".join(json.dumps(x) for x in lines[1:]) + "\n")
    arts, problems, stats = read(p)
    assert problems == []
    assert [a.doc_id for a in arts] == ["a1", "x-3", "7"]
    assert [a.origin for a in arts] == [f"{p}:1", f"{p}:3", f"{p}:4"]
    a = arts[0]
    assert (a.dct, a.title, a.url, a.source) == ("2024-03-05", "T", "https://example.org/a1",
                                                 "Agentur")
    assert arts[1].dct is None and arts[2].dct == "2024-03-05"
    assert stats.articles == 3 and stats.inputs == 1


def test_bad_jsonl_lines_are_reported_with_line_and_the_rest_read(tmp_path):
    p = write(tmp_path / "bad.jsonl", "\n".join([
        '{"id": "ok1", "text": "Gut."}',
        '{"id": "broken", "text": "kein Ende',
        '{"id": "notext", "body": "falsches Feld"}',
        '["eine", "Liste"]',
        '{"id": "num", "text": 42}',
        '{"id": "baddate", "text": "Mit falschem Datum.", "date": "Dienstag"}',
        '{"id": "ok2", "text": "Auch gut."}',
    ]) + "\n")
    arts, problems, stats = read(p)
    assert [a.doc_id for a in arts] == ["ok1", "baddate", "ok2"]
    assert arts[1].dct is None
    by_line = {e.line: e for e in problems}
    assert set(by_line) == {2, 3, 4, 5, 6}
    assert "not JSON" in str(by_line[2]) and f"{p}:2" in str(by_line[2])
    assert '"text"' in str(by_line[3]) and by_line[3].doc_id == "notext"
    assert "object" in str(by_line[4])
    assert "string" in str(by_line[5])
    assert "Dienstag" in str(by_line[6]) and by_line[6].skipped is False
    assert all(e.hint for e in problems)
    assert (stats.articles, stats.errors, stats.warnings) == (3, 4, 1)


def test_json_file_with_one_object_or_a_list(tmp_path):
    one = write(tmp_path / "one.json", json.dumps({"doc_id": "d1", "text": "Eins."}))
    many = write(tmp_path / "many.json", json.dumps({"articles": [
        {"text": "Zwei."}, {"id": "z3", "text": "Drei.", "date": "2024"}]}))
    arts, problems, _ = read([one, many])
    assert problems == []
    assert [(a.doc_id, a.dct) for a in arts] == [("d1", None), ("many-1", None), ("z3", "2024")]


# ----------------------------------------------------------------------------- CSV

def test_csv_with_header_and_sniffed_semicolon(tmp_path):
    p = write(tmp_path / "export.csv",
              'id;date;title;text\n'
              'k1;2024-03-05;Titel;"Ein Text; mit Semikolon\nund Zeilenumbruch."\n'
              'k2;;;Zweiter Text.\n')
    arts, problems, _ = read(p)
    assert problems == []
    assert [(a.doc_id, a.dct, a.title) for a in arts] == [("k1", "2024-03-05", "Titel"),
                                                         ("k2", None, None)]
    assert arts[0].text == "Ein Text; mit Semikolon\nund Zeilenumbruch."
    assert [a.origin for a in arts] == [f"{p}:2", f"{p}:4"]


def test_csv_column_mapping_options(tmp_path):
    p = write(tmp_path / "m.csv", "nr,body,published\n5,Der Text.,01.02.2024\n")
    (art,), problems, _ = read(p, csv_text="Body", csv_id="nr", csv_date="published")
    assert (art.doc_id, art.text, art.dct, problems) == ("5", "Der Text.", "2024-02-01", [])


def test_csv_header_without_the_text_column_is_reported(tmp_path):
    p = write(tmp_path / "h.csv", "nr,textkoerper\n1," + "Ein recht langer Artikeltext. " * 5 + "\n")
    arts, (err,), stats = read(p)
    assert arts == [] and "'text'" in str(err) and "--csv-text" in err.hint
    assert stats.nothing_read


def test_a_csv_header_may_name_its_columns_in_german(tmp_path):
    """"id;Datum;Titel;Inhalt": the articles were undated and untitled without a word (a code
    review); the default names take their German and usual other names too."""
    p = write(tmp_path / "g.csv", "id;Datum;Titel;Inhalt\nb1;05.03.2024;Kritik;Polen hat Belarus kritisiert.\n")
    arts, problems, _ = read(p)
    assert [(a.doc_id, a.dct, a.title, a.text) for a in arts] == [
        ("b1", "2024-03-05", "Kritik", "Polen hat Belarus kritisiert.")] and not problems


def test_the_same_record_twice_is_read_once(tmp_path):
    p = write(tmp_path / "d.jsonl", '{"id": "a", "text": "Polen hat Belarus kritisiert."}\n' * 2)
    arts, problems, _ = read(p)
    assert [a.doc_id for a in arts] == ["a"]
    assert len(problems) == 1 and "read once" in str(problems[0]) and not problems[0].skipped


def test_headerless_10kgnad_style_csv_xz_compressed(tmp_path):
    rows = [f"gnad-{i:04d};Inland;'Ein Artikel Nummer {i}, mit Komma; Semikolon und "
            f"''Apostroph'' und \"Anführung\". " + "Mehr Text. " * 10 + "'" for i in range(5)]
    p = write(tmp_path / "articles.csv.xz", lzma.compress("\n".join(rows).encode("utf-8")))
    arts, problems, _ = read(p)
    assert problems == []
    assert [a.doc_id for a in arts] == [f"gnad-{i:04d}" for i in range(5)]
    assert arts[0].text.startswith("Ein Artikel Nummer 0, mit Komma; Semikolon und 'Apostroph'")
    assert arts[2].origin == f"{p}:3"


def test_headerless_csv_with_explicit_column_numbers_gzip(tmp_path):
    data = "x,Ein kurzer Text.,a1\ny,Noch einer.,a2\n"
    p = write(tmp_path / "rows.csv.gz", gzip.compress(data.encode("utf-8")))
    arts, problems, _ = read(p, csv_header=False, csv_text=1, csv_id="2")
    assert problems == []
    assert [(a.doc_id, a.text) for a in arts] == [("a1", "Ein kurzer Text."), ("a2", "Noch einer.")]


def test_tsv_and_bad_csv_rows(tmp_path):
    p = write(tmp_path / "t.tsv", "id\ttext\nr1\tText eins.\nr2\t\nr3\tText drei.\n")
    arts, problems, _ = read(p)
    assert [a.doc_id for a in arts] == ["r1", "r3"]
    (err,) = problems
    assert err.line == 3 and err.doc_id == "r2" and "empty" in str(err)


# ----------------------------------------------------------------------------- HTML

HTML = """<!DOCTYPE html><html lang="de"><head><title>Gipfel in Wien | Testblatt</title>
<meta property="og:site_name" content="Testblatt">
<meta property="article:published_time" content="2024-03-05T09:00:00+01:00">
<link rel="canonical" href="https://example.org/politik/gipfel"></head>
<body><nav><a href="/">Start</a> <a href="/k">Kontakt</a></nav><article><h1>Gipfel in Wien</h1>
<p>Die Außenminister Frankreichs und Russlands treffen sich am Montag in Wien, teilte das
Außenministerium in Paris mit.</p>
<p>„Wir sind zum Dialog bereit“, sagte der Minister. Ein Treffen ohne Zugeständnisse werde es
aber nicht geben, hieß es weiter.</p></article><footer>Impressum Datenschutz</footer></body></html>"""


def test_html_main_text_title_date_url_and_site(tmp_path):
    p = write(tmp_path / "seite.html", HTML)
    (art,), problems, _ = read(p)
    assert problems == []
    assert "treffen sich am Montag in Wien" in art.text and "Impressum" not in art.text
    assert (art.doc_id, art.dct, art.title) == ("seite", "2024-03-05", "Gipfel in Wien")
    assert art.url == "https://example.org/politik/gipfel" and art.source == "Testblatt"


def test_html_without_article_text_is_reported(tmp_path):
    p = write(tmp_path / "leer.htm", "<html><head><title>x</title></head><body></body></html>")
    arts, (err,), _ = read(p)
    assert arts == [] and "no article text" in str(err) and err.path == str(p)


def test_article_from_html_for_feed_items():
    art = article_from_html(HTML, doc_id="item1", url="https://feed.example/1",
                            source="Feed", dct="2024-03-06")
    assert (art.url, art.source, art.dct) == ("https://feed.example/1", "Feed", "2024-03-06")


# ----------------------------------------------------------------------------- folders

def test_folders_are_read_recursively_sorted_skipping_hidden_and_other_files(tmp_path):
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a" / "z.txt", "Z.")
    write(tmp_path / "a" / "y.jsonl", '{"id": "y1", "text": "Y."}\n')
    write(tmp_path / ".hidden.txt", "versteckt")
    write(tmp_path / ".git" / "x.txt", "versteckt")
    write(tmp_path / "notes.md", "kein Artikel")
    write(tmp_path / "g.txt", "Gold.")
    write(tmp_path / "g.json", json.dumps({"doc_id": "g", "text": "Gold.", "events": []}))
    arts, problems, _ = read(tmp_path)
    # notes.md is left out with a warning that names it (not an error: the rest is read)
    assert [(p.skipped, "(notes.md)" in str(p)) for p in problems] == [(False, True)]
    assert [a.doc_id for a in arts] == ["y1", "z", "b", "g"]
    assert [p.name for p in iter_input_files(tmp_path)] == ["y.jsonl", "z.txt", "b.txt", "g.txt"]


def test_files_with_the_same_name_in_two_folders_get_distinct_ids(tmp_path):
    write(tmp_path / "a" / "meldung.txt", "Erste.")
    write(tmp_path / "b" / "meldung.txt", "Zweite.")
    arts, _, _ = read(tmp_path)
    assert [(a.doc_id, a.text) for a in arts] == [("meldung", "Erste."), ("meldung-2", "Zweite.")]


def test_files_of_another_type_in_a_folder_are_named_not_dropped_without_a_word(tmp_path):
    """A folder of saved pages ("artikel.php", as wget names them) or scans beside .txt files:
    they were left out without a word, so a user could not know that articles were missing (a
    new-user probe). A warning names them (the rest is read, exit status unchanged); a folder's
    README or LICENSE and hidden files are no articles and pass without one."""
    write(tmp_path / "ok.txt", "Ein Text.")
    write(tmp_path / "artikel.php", "Russland hat die Ukraine angegriffen.")
    write(tmp_path / "sub" / "scan.pdf", b"%PDF-1.4")
    write(tmp_path / "README.md", "notes")
    write(tmp_path / ".DS_Store", b"x")
    arts, problems, stats = read(tmp_path)
    assert [a.doc_id for a in arts] == ["ok"]
    assert len(problems) == 1 and not problems[0].skipped and stats.warnings == 1 and stats.errors == 0
    msg = str(problems[0])
    assert msg.startswith(f"{tmp_path}: 2 files of another type not read (artikel.php, sub/scan.pdf)")
    assert "give it by name to read it as plain text" in msg and "README" not in msg
    # given by name, such a file is read as plain text
    assert [a.doc_id for a in read(tmp_path / "artikel.php")[0]] == ["artikel"]


def test_empty_folder_and_missing_path_are_reported(tmp_path):
    (tmp_path / "leer").mkdir()
    good = write(tmp_path / "ok.txt", "Ein Text.")
    arts, problems, stats = read([tmp_path / "leer", tmp_path / "fehlt.txt", good])
    assert [a.doc_id for a in arts] == ["ok"]
    assert "no article files" in str(problems[0])
    assert "no such file" in str(problems[1]) and "fehlt.txt" in str(problems[1])
    assert stats.ok and stats.errors == 2


def test_unknown_extension_named_explicitly_is_sniffed(tmp_path):
    p = write(tmp_path / "feed.dump", '{"id": "s1", "text": "Gesniffter Text."}\n')
    (art,), _, _ = read(p)
    assert art.doc_id == "s1"


# ----------------------------------------------------------------------------- bad input

def test_empty_and_whitespace_files_are_reported(tmp_path):
    empty = write(tmp_path / "empty.txt", "")
    blank = write(tmp_path / "blank.jsonl", "\n\n")
    header = write(tmp_path / "header.txt", " date 2024-01-01 \n")
    arts, problems, stats = read([empty, blank, header])
    assert arts == [] and stats.nothing_read and stats.errors == 3
    assert [e.path for e in problems] == [str(empty), str(blank), str(header)]
    assert "empty" in str(problems[0]) and "blank" in str(problems[1])
    assert "after the date header" in str(problems[2])


def test_binary_files_are_reported_and_others_still_read(tmp_path):
    nul = write(tmp_path / "daten.txt", b"abc\x00\x01\x02" * 100)
    pdf = write(tmp_path / "bericht.txt", b"%PDF-1.7\n...")
    utf16 = write(tmp_path / "u16.txt", "Ein Text.".encode("utf-16"))
    good = write(tmp_path / "gut.txt", "Ein Text.")
    arts, problems, _ = read([nul, pdf, utf16, good])
    assert [a.doc_id for a in arts] == ["gut"]
    assert "binary" in str(problems[0])
    assert "PDF" in str(problems[1]) and "pdftotext" in problems[1].hint
    assert "UTF-16" in str(problems[2]) and "iconv" in problems[2].hint


def test_invalid_utf8_reports_byte_offset_and_line(tmp_path):
    data = "Erste Zeile.\nZweite Zeile mit Umlaut: ".encode("utf-8") + b"Gr\xfc\xdfe\n"
    p = write(tmp_path / "latin1.txt", data)
    arts, (err,), _ = read(p)
    assert arts == []
    offset = data.index(b"\xfc")
    assert err.line == 2 and f"byte {offset}" in str(err)
    assert "Latin-1" in str(err) and "iconv" in err.hint
    (art,), (warn,), _ = read(p, encoding_errors="replace")
    assert "Gr\ufffd\ufffde" in art.text and warn.skipped is False


def test_invalid_utf8_in_one_jsonl_line_skips_only_that_line(tmp_path):
    p = write(tmp_path / "mixed.jsonl",
              b'{"id": "a", "text": "Gut."}\n{"id": "b", "text": "Caf\xe9"}\n'
              b'{"id": "c", "text": "Auch gut."}\n')
    arts, (err,), _ = read(p)
    assert [a.doc_id for a in arts] == ["a", "c"]
    assert err.line == 2 and "byte 52" in str(err)     # 28 bytes of line 1 + 24


def test_oversized_article_is_reported_not_truncated(tmp_path):
    big_line = json.dumps({"id": "gross", "text": "Wort " * 1000})
    p = write(tmp_path / "big.jsonl", big_line + '\n{"id": "klein", "text": "Klein."}\n')
    arts, (err,), _ = read(p, max_chars=2000)
    assert [a.doc_id for a in arts] == ["klein"]
    assert err.line == 1 and "not truncated" in str(err)


def test_50_megabyte_text_file_is_reported_without_reading_it_whole(tmp_path):
    line = b"Dies ist eine sehr lange Zeile in einer riesigen Datei. " * 20 + b"\n"
    big = tmp_path / "riesig.txt"
    with open(big, "wb") as f:
        f.write(line * (50_000_000 // len(line) + 1))
    assert big.stat().st_size >= 50_000_000
    gz = write(tmp_path / "riesig2.txt.gz", gzip.compress(line * 60_000, compresslevel=1))
    good = write(tmp_path / "klein.txt", "Ein Text.")
    arts, problems, stats = read([big, gz, good])
    assert [a.doc_id for a in arts] == ["klein"]
    assert [e.path for e in problems] == [str(big), str(gz)]
    assert all("not truncated" in str(e) for e in problems)
    assert "50.0 MB" in str(problems[0])


def test_50_megabyte_jsonl_file_is_streamed(tmp_path):
    rec = json.dumps({"text": "Ein kurzer Artikel. " * 240}) + "\n"   # ~5 kB per line
    p = tmp_path / "viel.jsonl"
    n = 50_000_000 // len(rec) + 1
    with open(p, "w", encoding="utf-8") as f:
        f.write(rec * n)
    assert p.stat().st_size >= 50_000_000
    stats = ReadStats()
    first = next(iter_articles(p, stats=stats))
    assert first.doc_id == "viel-1" and stats.articles == 1    # lazily, one at a time
    count = sum(1 for _ in iter_articles(p))
    assert count == n


def test_corrupt_compressed_file_is_reported(tmp_path):
    bad = write(tmp_path / "kaputt.jsonl.gz", gzip.compress(b'{"text": "x"}\n' * 50)[:30])
    good = write(tmp_path / "ok.txt", "Ein Text.")
    arts, (err,), _ = read([bad, good])
    assert [a.doc_id for a in arts] == ["ok"] and "corrupt" in str(err)


def test_on_error_may_raise_to_stop_at_the_first_problem(tmp_path):
    def stop(err):
        raise err
    bad = write(tmp_path / "leer.txt", "")
    with pytest.raises(InputError, match="empty"):
        list(iter_articles([bad, write(tmp_path / "ok.txt", "Text.")], on_error=stop))


def test_default_on_error_logs_a_warning_naming_the_file(tmp_path, caplog):
    p = write(tmp_path / "leer.txt", "")
    with caplog.at_level("WARNING", logger="lagebild.readers"):
        assert list(iter_articles(p)) == []
    assert any("leer.txt" in r.getMessage() and "empty" in r.getMessage()
               for r in caplog.records)


def test_read_articles_returns_list_and_stats(tmp_path):
    arts, stats = read_articles([write(tmp_path / "a.txt", "Ein Text.")],
                                on_error=lambda e: None)
    assert len(arts) == 1 and stats.articles == 1 and not stats.nothing_read
    assert "1 article read" in stats.summary()


# ----------------------------------------------------------------------------- bundled examples

def test_bundled_examples_read_cleanly_with_dates():
    arts, problems, _ = read(EXAMPLES)
    assert problems == []
    assert len(arts) >= 8
    assert all(a.dct and a.dct.startswith("2024") for a in arts)
    assert any("Bild: Reuters" in a.text for a in arts)
    assert all(not a.text.startswith(("date", " ")) for a in arts)


# ----------------------------------------------------------------------------- shared data

@pytest.mark.needs_shared
def test_seed_and_dev_texts_match_their_gold_files():
    gold = SHARED / "gold"
    if not gold.is_dir():
        pytest.skip("../shared/gold not present")
    (seed,), problems, _ = read(gold / "seed.txt")
    want = json.loads((gold / "seed.json").read_text(encoding="utf-8"))
    # the body as read: the gold text, then the file's final line end (offsets agree)
    assert (seed.text.rstrip(), seed.dct, problems) == (want["text"], want["dct"], [])
    assert seed.text.startswith(want["text"])
    for art in read(gold / "dev")[0]:
        g = json.loads((gold / "dev" / f"{art.doc_id}.json").read_text(encoding="utf-8"))
        assert art.text.rstrip() == g["text"] and art.text.startswith(g["text"])


@pytest.mark.needs_shared
def test_10kgnad_csv_reads_all_1000_articles():
    p = SHARED / "data" / "10kgnad" / "articles.csv.xz"
    if not p.exists():
        pytest.skip("../shared/data not present")
    arts, problems, _ = read(p)
    assert problems == [] and len(arts) == 1000
    assert arts[0].doc_id == "gnad-0000" and arts[0].text.startswith("Die Gewerkschaft")
    assert len({a.doc_id for a in arts}) == 1000


def test_csv_quote_never_closed_is_reported_not_swallowed(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("id,date,text\n0,2024-03-04,Die EU kritisierte Ungarn am Montag scharf.\n"
                 '1,2024-03-05,"Russland hat die Ukraine angegriffen.\n'
                 "2,2024-03-06,Die USA kritisierten China am Mittwoch.\n", encoding="utf-8")
    arts, problems, _ = read([p])
    assert [a.doc_id for a in arts] == ["0"]           # not one article made of rows 1 and 2
    (msg,) = [str(x) for x in problems]
    assert "bad.csv:3" in msg and "never closed" in msg and "header but no rows" not in msg


def test_csv_header_is_detected_when_columns_are_given_by_number(tmp_path):
    p = tmp_path / "semi.csv"
    text = "Russische Truppen haben am Montag die ukrainische Stadt Charkiw mit Raketen beschossen."
    p.write_text(f"Kennung;Datum;Inhalt\na1;12.03.2024;{text}\na2;13.03.2024;{text} Zwei Tote.\n",
                 encoding="utf-8")
    arts, problems, _ = read([p], csv_text=2, csv_id=0, csv_date=1)
    assert [(a.doc_id, a.dct) for a in arts] == [("a1", "2024-03-12"), ("a2", "2024-03-13")] and not problems
    arts, _, _ = read([p], csv_text=2, csv_id=0, csv_date=None, csv_header=False)
    assert arts[0].doc_id == "Kennung"                 # --csv-no-header: the first row is data


def test_csv_text_field_opening_with_a_quotation_is_read(tmp_path):
    p = tmp_path / "quote.csv"
    p.write_text('id;date;text\na1;2024-03-04;"Wir werden nicht nachgeben", sagte Selenskyj am Montag.\n'
                 "a2;2024-03-05;Russland hat die Ukraine am Dienstag erneut angegriffen.\n", encoding="utf-8")
    arts, problems, _ = read([p])
    assert [a.doc_id for a in arts] == ["a1", "a2"] and not problems
    assert arts[0].text.startswith("Wir werden nicht nachgeben") and "Selenskyj" in arts[0].text


def test_a_first_row_of_data_is_no_header_when_columns_are_given_by_number(tmp_path):
    long = "Russische Truppen haben am Montag die ukrainische Stadt Charkiw mit Raketen beschossen."
    p = tmp_path / "nohead.csv"
    p.write_text(f"a1;12.03.2024;Explosion in Kiew.\na2;13.03.2024;{long}\na3;14.03.2024;{long} Zwei Tote.\n",
                 encoding="utf-8")
    arts, problems, _ = read([p], csv_text=2, csv_id=0, csv_date=1)
    assert [a.doc_id for a in arts] == ["a1", "a2", "a3"] and not problems


def test_decomposed_text_is_read_composed(tmp_path):
    import unicodedata
    body = "Der litauische Präsident Gitanas Nausėda traf am Montag in Vilnius ein."
    p = tmp_path / "nfd.txt"
    p.write_text(" date 2024-02-12 " + unicodedata.normalize("NFD", body), encoding="utf-8")
    (art,), problems, _ = read([p])
    assert art.text == body and not problems
    # a feed item's text and an article given to the library are composed too (one policy)
    from lagebild.feeds import feed_file_articles
    from lagebild.ingest import _clean_article
    from lagebild.records import Article
    nfd = unicodedata.normalize("NFD", body)
    xml = f'<rss version="2.0"><channel><title>T</title><item><description>{nfd}</description></item></channel></rss>'
    (item,), _ = feed_file_articles(xml.encode(), "feed.xml")
    assert item.text == body
    assert _clean_article(Article(doc_id="a", text=nfd), print).text == body


def test_a_text_column_beyond_the_first_row_is_one_problem_for_the_file(tmp_path):
    """--csv-text 99 on a three-column file: one error naming the columns, not one per row."""
    p = tmp_path / "c.csv"
    p.write_text("id;date;text\n" + "".join(f"a{i};2024-03-05;Frankreich hat Deutschland kritisiert, Nummer {i}.\n"
                                            for i in range(50)), encoding="utf-8")
    arts, problems, _ = read([p], csv_text=99)
    assert arts == [] and len(problems) == 1
    assert "beyond the 3 columns" in str(problems[0]) and "0 to 2" in problems[0].hint


def test_a_saved_feed_file_is_read_item_by_item(tmp_path):
    """A saved RSS file: its items, not the XML markup as one article (a new-user probe)."""
    p = tmp_path / "local.xml"
    p.write_text('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Tagesblatt</title>'
                 '<item><title>Polen kritisiert Belarus</title><link>http://news.test/1</link>'
                 '<pubDate>Tue, 05 Mar 2024 10:00:00 +0100</pubDate><description>Polen kritisierte am Dienstag '
                 'Belarus scharf.</description></item><item><title>Leer</title><link>http://news.test/2</link>'
                 '</item></channel></rss>', encoding="utf-8")
    arts, problems, _ = read([p])
    assert [(a.text, a.dct, a.url, a.source) for a in arts] == [
        ("Polen kritisierte am Dienstag Belarus scharf.", "2024-03-05", "http://news.test/1", "Tagesblatt")]
    assert len(problems) == 1 and "no text" in str(problems[0]) and "<" not in arts[0].text


def test_an_rfc_822_date_is_read_as_its_own_day():
    """Feeds write dates this way; a JSON Lines export of them lost the date (a new-user probe)."""
    from lagebild.readers import normalize_date
    assert normalize_date("Tue, 05 Mar 2024 23:30:00 -0500") == "2024-03-05"
    assert normalize_date("5 Mar 2024 10:00 GMT") == "2024-03-05"
    assert normalize_date("Tue, 31 Feb 2024 10:00:00 +0000") is None
    # without the time, and a month of a year in German (a code review, a new-user probe)
    assert normalize_date("Tue, 05 Mar 2024") == "2024-03-05" and normalize_date("März 2023") == "2023-03"
    assert normalize_date("03/04/2023") is None         # day or month first: not guessed


def _rss(path: Path, items: str) -> Path:
    """A saved RSS file of these items."""
    path.write_text(f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>', encoding="utf-8")
    return path


def test_feed_items_without_guid_or_link_are_each_their_own_article(tmp_path):
    """RSS items need neither a guid nor a link (nor a title): three on one day were one id, and
    two of them were dropped without a word (a code review)."""
    items = "".join(f"<item><pubDate>Tue, 05 Mar 2024 1{i}:00:00 +0100</pubDate><description>Meldung {i}: "
                    f"Polen kritisierte Belarus.</description></item>" for i in range(3))
    items += ("<item><title>Ticker</title><pubDate>Tue, 05 Mar 2024 12:00:00 +0100</pubDate>"
              "<description>Erste Meldung.</description></item>"
              "<item><title>Ticker</title><pubDate>Tue, 05 Mar 2024 13:00:00 +0100</pubDate>"
              "<description>Zweite Meldung.</description></item>")
    p = _rss(tmp_path / "heute.xml", items)
    arts, problems, _ = read([p])
    assert [a.text for a in arts] == [f"Meldung {i}: Polen kritisierte Belarus." for i in range(3)] + [
        "Erste Meldung.", "Zweite Meldung."]
    assert len({a.doc_id for a in arts}) == 5 and problems == []
    again, _, _ = read([p])
    assert [a.doc_id for a in again] == [a.doc_id for a in arts]     # the same item, the same id


def test_a_feed_item_date_that_is_no_date_is_a_warning_naming_the_item(tmp_path):
    """An item whose pubDate is no date ('gestern abend') was read without a date and not a word
    said, while a seed file's or a JSON line's bad date is a warning (a new-user probe). The item
    is read (undated; --dct dates it), the warning names the file, the item and the value."""
    items = ("<item><link>http://news.test/1</link><pubDate>gestern abend</pubDate>"
             "<description>Polen kritisierte Belarus.</description></item>"
             "<item><link>http://news.test/2</link><pubDate>Tue, 05 Mar 2024 10:00:00 +0100</pubDate>"
             "<description>Belarus kritisierte Polen.</description></item>")
    p = _rss(tmp_path / "heute.xml", items)
    arts, problems, _ = read([p])
    assert [(a.url, a.dct) for a in arts] == [("http://news.test/1", None), ("http://news.test/2", "2024-03-05")]
    assert len(problems) == 1 and not problems[0].skipped
    msg = str(problems[0])
    assert "heute.xml" in msg and "http://news.test/1" in msg and "'gestern abend' is not a date" in msg
    assert "--dct" in msg
    dated, problems, _ = read([p], dct="2024-03-04", dct_override=False)
    assert [a.dct for a in dated] == ["2024-03-04", "2024-03-05"] and len(problems) == 1
    overridden, problems, _ = read([p], dct="2024-03-04", dct_override=True)
    assert [a.dct for a in overridden] == ["2024-03-04", "2024-03-04"] and problems == []


def test_a_feed_item_date_that_is_no_date_says_the_dct_dates_it(tmp_path):
    """With --dct (no --dct-override) the item whose pubDate is no date is dated by --dct; the
    warning said it was read without a date and to give one with --dct (a code review)."""
    items = ("<item><link>http://news.test/1</link><pubDate>gestern abend</pubDate>"
             "<description>Polen kritisierte Belarus.</description></item>")
    p = _rss(tmp_path / "heute.xml", items)
    arts, problems, _ = read([p], dct="2016-10-20", dct_override=False)
    assert [a.dct for a in arts] == ["2016-10-20"]
    assert len(problems) == 1 and not problems[0].skipped
    msg = str(problems[0])
    assert "http://news.test/1" in msg and "'gestern abend' is not a date" in msg
    assert "the date given with --dct (2016-10-20) is used" in msg
    assert "read without" not in msg and "a date with --dct" not in msg, msg
    assert "RFC 822" in msg     # how to write the item's own date still


def test_two_feed_items_under_one_guid_keep_the_first_and_say_so(tmp_path):
    p = _rss(tmp_path / "guid.xml", "".join(
        f'<item><guid isPermaLink="false">x-1</guid><description>{text}</description></item>'
        for text in ("Erster Text.", "Erster Text.", "Anderer Text.")))
    arts, problems, _ = read([p])
    assert [a.text for a in arts] == ["Erster Text."]
    assert len(problems) == 1 and "same guid or link" in str(problems[0])


def test_saved_feed_files_in_a_folder_are_read(tmp_path):
    """A folder of saved feeds (.xml, .rss) held "no article files" (a code review); an .xml that
    is no feed is one problem, not its markup as an article."""
    item = ('<rss version="2.0"><channel><title>T</title><item><link>http://news.test/{n}</link>'
            '<description>Polen kritisierte Belarus, Meldung {n}.</description></item></channel></rss>')
    (tmp_path / "heute.xml").write_text(item.format(n=1), encoding="utf-8")
    (tmp_path / "copy.rss").write_text(item.format(n=2), encoding="utf-8")
    (tmp_path / "config.xml").write_text("<config><a>1</a></config>", encoding="utf-8")
    arts, problems, _ = read([tmp_path])
    assert sorted(a.url for a in arts) == ["http://news.test/1", "http://news.test/2"]
    assert len(problems) == 1 and "no RSS/Atom feed" in str(problems[0])


def test_a_csv_text_holding_the_delimiter_unquoted_is_not_cut(tmp_path):
    """A row with more fields than its header: the text was cut at the delimiter, without a
    word (a new-user probe). As the last column it is joined back, with a warning; elsewhere
    the row is an error."""
    p = tmp_path / "s.csv"
    p.write_text("id;date;text\ns1;2023-04-01;Eins ist gut.\n"
                 "s2;2023-04-02;Polen hat Belarus kritisiert; Minsk wies die Kritik zurück.\n", encoding="utf-8")
    arts, problems, _ = read([p])
    assert [a.text for a in arts] == ["Eins ist gut.", "Polen hat Belarus kritisiert; Minsk wies die Kritik zurück."]
    assert len(problems) == 1 and not problems[0].skipped and "joined back" in str(problems[0])
    q = tmp_path / "m.csv"
    q.write_text("id;text;date\ns2;Polen hat Belarus kritisiert; Minsk wies zurück.;2023-04-02\n", encoding="utf-8")
    arts, problems, _ = read([q])
    assert arts == [] and len(problems) == 1 and problems[0].skipped and "shifted" in str(problems[0])


def test_csv_text_cannot_be_left_out_and_a_bad_date_names_the_date_used(tmp_path):
    """`--csv-text -` ended in a KeyError called a lagebild bug; a bad date with --dct given said
    the article was read without a date (a code review)."""
    from click.testing import CliRunner
    from lagebild.cli import main
    p = write(tmp_path / "c.csv", "id,date,text\nx1,kein Datum,Polen hat Belarus kritisiert.\n")
    r = CliRunner().invoke(main, ["analyze", "--csv-text", "-", str(p), "--no-models", "--coder", "rules"])
    assert r.exit_code == 2 and "--csv-text" in r.output and "Traceback" not in r.output
    arts, problems, _ = read(p, dct="2024-03-05", dct_override=False)
    assert arts[0].dct == "2024-03-05" and "(2024-03-05) is used" in str(problems[0])


def test_a_compressed_input_is_closed_after_reading(tmp_path):
    import gzip
    import warnings
    p = tmp_path / "a.txt.gz"
    p.write_bytes(gzip.compress("Polen hat Belarus kritisiert.".encode()))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        arts, problems, _ = read(p)
        import gc
        gc.collect()
    assert [a.text for a in arts] == ["Polen hat Belarus kritisiert."] and not problems


def test_ids_made_up_from_file_names_never_clash(tmp_path):
    """"a-2.txt" beside a second "a.txt": the made-up "a-2" clashed, and the article was skipped
    with advice to give each article its own id, which the user had not given (a code review)."""
    (tmp_path / "sub").mkdir()
    write(tmp_path / "a-2.txt", "Erster Text.")
    write(tmp_path / "a.txt", "Zweiter Text.")
    write(tmp_path / "sub" / "a.txt", "Dritter Text.")
    arts, problems, _ = read(tmp_path)
    assert sorted(a.text.strip() for a in arts) == ["Dritter Text.", "Erster Text.", "Zweiter Text."]
    assert len({a.doc_id for a in arts}) == 3 and not problems


def test_a_list_where_a_source_belongs_is_left_out_with_a_warning(tmp_path):
    """"source": ["a", "b"] was stored as the text "['a', 'b']" and counted as an outlet (a
    new-user probe)."""
    p = write(tmp_path / "l.jsonl", '{"id": "a", "text": "Polen hat Belarus kritisiert.", "source": ["a", "b"]}\n')
    (art,), problems, _ = read(p)
    assert art.source is None and len(problems) == 1 and "'source' is an array, not text" in str(problems[0])


def test_json_values_of_the_wrong_kind_are_named_in_json_words_and_an_object_id_is_not_stored(tmp_path):
    """Messages said "found NoneType", "\"text\" is a int", "a JSON dict" (Python's words for JSON
    values), and an object as the id was stored as the id "{'a': 1}" without a word (a new-user
    probe)."""
    p = write(tmp_path / "x.jsonl", '{"id": {"a": 1}, "text": "Polen hat Belarus kritisiert."}\n'
                                   '{"id": "t", "text": 123}\nnull\n["a"]\n')
    arts, problems, _ = read(p)
    assert [a.doc_id for a in arts] == ["x-1"]
    said = [str(e) for e in problems]
    assert "x.jsonl:1: \"id\" is an object, not a string or number; the record is read as 'x-1'" in said[0]
    assert not problems[0].skipped
    assert "\"text\" is a number, not a string" in said[1]
    assert "found null" in said[2] and "found an array" in said[3]
    assert not any(w in " ".join(said) for w in ("NoneType", " int", "dict", "list"))


def test_a_later_version_of_a_feed_item_in_the_same_run_is_read_and_an_earlier_one_left_out(tmp_path):
    """Two snapshots of one feed in one run: the later version was refused ("one run keeps the
    first version it reads"); it is read (the ingest replaces the earlier one with it), and an
    earlier version after it is left out with a warning, not an error."""
    def feed(stamp, text):
        return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>N</title><entry>'
                f'<title>A</title><link href="http://news.test/1"/><id>urn:n:1</id><updated>{stamp}</updated>'
                f'<summary>{text}</summary></entry></feed>')
    old = write(tmp_path / "feed-1000.xml", feed("2024-03-05T10:00:00Z", "Erste Fassung des Berichts."))
    new = write(tmp_path / "feed-1400.xml", feed("2024-03-05T14:00:00Z", "Korrigierte Fassung des Berichts."))
    arts, problems, _ = read([old, new])
    assert [a.text for a in arts] == ["Erste Fassung des Berichts.", "Korrigierte Fassung des Berichts."]
    assert arts[0].doc_id == arts[1].doc_id and not problems
    arts, problems, _ = read([new, old])
    assert [a.text for a in arts] == ["Korrigierte Fassung des Berichts."]
    assert len(problems) == 1 and "earlier version" in str(problems[0]) and not problems[0].skipped
    same = write(tmp_path / "feed-same.xml", feed("2024-03-05T10:00:00Z", "Eine dritte Fassung."))
    arts, problems, _ = read([old, same])
    assert [a.text for a in arts] == ["Erste Fassung des Berichts."]
    assert len(problems) == 1 and "same time stamp" in str(problems[0]) and problems[0].skipped


def test_csv_trailing_empty_fields_and_row_numbers_are_no_surprise(tmp_path):
    """"1;<text>;2024-03-01;;" was taken for a text holding the delimiter (skipped); a column "Nr"
    became the id, and files numbering their rows 1..n clashed (a review of this session's change)."""
    p = write(tmp_path / "t.csv", "id;text;date\nx1;Polen hat Belarus kritisiert.;2024-03-01;;\n")
    arts, problems, _ = read(p)
    assert [(a.doc_id, a.dct) for a in arts] == [("x1", "2024-03-01")] and not problems
    a = write(tmp_path / "jan.csv", "Nr;Datum;Inhalt\n1;01.01.2024;Polen hat Belarus kritisiert.\n")
    b = write(tmp_path / "feb.csv", "Nr;Datum;Inhalt\n1;01.02.2024;Frankreich hat Russland kritisiert.\n")
    arts, problems, _ = read([a, b])
    assert len(arts) == 2 and not problems and len({x.doc_id for x in arts}) == 2


def test_an_html_page_of_a_menu_is_no_article(tmp_path):
    """A page with only a navigation and scripts was stored as an article "Menü" (a new-user
    probe): the same floor as for feed item pages (cleaning.MIN_PAGE_TEXT)."""
    p = write(tmp_path / "nav.html", "<html><body><nav><a href='/'>Menü</a></nav><script>x()</script>"
                                     "<p>Menü</p></body></html>")
    arts, problems, _ = read(p)
    assert arts == [] and len(problems) == 1 and "no article text" in str(problems[0])
