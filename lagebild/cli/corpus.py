"""``lagebild corpus``: the annotated event corpus (show, lint, build, raw, update, check, export)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..wording import count


@click.group("corpus")
def corpus_group() -> None:
    """The annotated German event corpus in data/events/ (stand-off, texts from ../shared).

    \b
    Examples:
      lagebild corpus show gnad-0123            # an article's text, for annotating
      lagebild corpus lint raw/gnad-0123.json   # an annotator's file: do the surfaces anchor?
      lagebild corpus build raw/ --out data/events/corpus.jsonl
      lagebild corpus check                     # every span, code, type and mode of the corpus
      lagebild corpus gold --split dev out/     # gold JSON files for score_events.py
      lagebild corpus raw /tmp/review gnad-0123 # an article out for review, as an annotator's file
      lagebild corpus update /tmp/review --annotator reviewer-1   # ... and back in
    """


@corpus_group.command("show")
@click.argument("doc_id")
@click.option("--events", "with_events", is_flag=True,
              help="Also list the article's annotated events (train and dev split; the test split's "
                   "are held out for scoring and not shown here).")
def show_cmd(doc_id: str, with_events: bool) -> None:
    """Print the text of a 10kGNAD article (paragraphs as in the source), with its split in the
    annotated event corpus, and with --events its annotated events (type, factuality, source ->
    target codes and words, cue). `lagebild corpus gold --split dev DIR` writes whole splits as
    gold files.

    \b
    Examples:
      lagebild corpus show gnad-0037
      lagebild corpus show gnad-0037 --events
    """
    from ..corpus import gnad_texts, load
    from ..errors import DataError
    try:
        texts = gnad_texts()
    except DataError as exc:
        raise click.ClickException(str(exc))
    if doc_id not in texts:
        raise click.ClickException(f"{doc_id}: no such article in 10kGNAD (ids look like gnad-0123)")
    cat, text = texts[doc_id]
    try:
        doc = next((d for d in load(with_text=False, include_written=False) if d.doc_id == doc_id), None)
        where = f"{doc.split} split of the event corpus, {count(len(doc.events), 'event')}" if doc is not None \
            else "not in the event corpus"
    except DataError as exc:        # the text is shown without the annotations
        doc, where = None, f"the event corpus could not be read: {exc}"
    click.echo(f"# {doc_id} ({cat}, {len(text)} characters; {where})")
    click.echo(text)
    if not with_events or doc is None:
        return
    if doc.split == "test":
        click.echo("\n(test split: its events are held out for scoring and not shown)")
        return
    click.echo("\n# events")

    def side(ps) -> str:
        return ", ".join(f"{p.code or '-'} ({p.span.text if p.span else 'inferred: ' + str(p.inferred)})"
                         for p in ps) or "-"
    for ev in doc.events:
        click.echo(f"{ev.type} [{ev.factuality}{', optional' if ev.optional else ''}]: {side(ev.source)} -> "
                   f"{side(ev.target)}; cue {ev.cue.text if ev.cue else '?'!r}")


def _read_raw(path: Path) -> dict:
    """An annotator's file: one JSON object (``{"doc_id": "gnad-0123", ...}``, docs/annotation.md)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise click.ClickException(f"{path}: not JSON ({exc})")
    if not isinstance(raw, dict):
        raise click.ClickException(
            f"{path}: expected one JSON object, found {type(raw).__name__ if raw is not None else 'null'}"
            f' -- an annotator\'s file is one object such as {{"doc_id": "gnad-0123", "events": [...]}} '
            "(docs/annotation.md)")
    return raw


@corpus_group.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def lint_cmd(files: tuple[Path, ...]) -> None:
    """Check annotators' files: every cue, participant and condition found in the text,
    every type, mode, code and sector valid. Prints the dyads when all is well. Files
    with "timexes" are time-expression files: surfaces in text order, types, values."""
    from ..corpus import anchor, anchor_timexes, gnad_texts, valid_codes
    texts, codes, bad = gnad_texts(), valid_codes(), 0
    for path in files:
        if path.suffix == ".jsonl":          # named-entity sentences with [[text|LABEL]] marks
            bad += _lint_ner(path, texts)
            continue
        raw = _read_raw(path)
        doc_id = raw.get("doc_id") or path.stem
        if raw.get("written"):
            texts[doc_id] = ("written", raw.get("text") or "")
        if doc_id not in texts:
            whence = "its doc_id" if raw.get("doc_id") else "the file name (the file has no doc_id)"
            click.echo(f"{path}: unknown doc_id {doc_id!r}, from {whence} -- give the article's id "
                       f"(gnad-0123, as `lagebild corpus show` takes) as \"doc_id\" or name the file "
                       f"after it (gnad-0123.json); a text written for the project needs "
                       f"\"written\": true and its \"text\"", err=True)
            bad += 1
            continue
        if "timexes" in raw:       # a time-expression file
            txs, problems = anchor_timexes(texts[doc_id][1], raw)
            for p in problems:
                click.echo(f"{path}: {p}", err=True)
            bad += bool(problems)
            if not problems:
                click.echo(f"{path}: ok, dct {raw['dct']}, {len(txs)} time expressions: "
                           + "; ".join(f"{t['text']!r}@{t['start']}={t['value']}" for t in txs))
            continue
        events, problems = anchor(texts[doc_id][1], raw, codes)
        for p in problems:
            click.echo(f"{path}: {p}", err=True)
        bad += bool(problems)
        if not problems:
            dy = [f"{e.type} {'+'.join(p.code or '-' for p in e.source) or '-'}->"
                  f"{'+'.join(p.code or '-' for p in e.target) or '-'} {e.factuality}" for e in events]
            click.echo(f"{path}: ok, {count(len(events), 'event')}: " + "; ".join(dy))
    if bad:
        sys.exit(1)


def _lint_ner(path: Path, texts) -> int:
    from ..corpus import check_ner_line
    n = ents = bad = 0
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as exc:
            click.echo(f"{path}:{k}: not JSON ({exc})", err=True)
            bad += 1
            continue
        out, problems = check_ner_line(rec, texts)
        for p in problems:
            click.echo(f"{path}:{k}: {p}", err=True)
        bad += bool(problems)
        n += 1
        ents += len(out["entities"]) if out else 0
    click.echo(f"{path}: {n} sentences, {ents} entities, {bad} with problems")
    return int(bool(bad))


@corpus_group.command("build-ner")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Stand-off JSON Lines: article id, sentence offsets, text hash, entity spans and labels.")
@click.option("--annotator", default=None, help="Annotator name to record.")
def build_ner_cmd(files: tuple[Path, ...], out: Path, annotator: str | None) -> None:
    """Turn annotated sentences ([[text|LABEL]] marks) into the stand-off NER corpus; the first
    annotation of a sentence wins. Sentences with problems are reported and left out."""
    from ..corpus import check_ner_line, gnad_texts
    texts, seen, rows, bad = gnad_texts(), set(), [], 0
    for path in files:
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec, problems = check_ner_line(json.loads(line), texts)
            for p in problems:
                click.echo(f"{path}:{k}: {p}", err=True)
            if rec is None:
                bad += 1
                continue
            key = (rec["doc_id"], rec["start"])
            if key in seen:
                continue
            seen.add(key)
            rec["annotator"] = annotator or path.parent.name
            rows.append(rec)
    out.parent.mkdir(parents=True, exist_ok=True)
    rows.sort(key=lambda r: (r["doc_id"], r["start"]))
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    click.echo(f"{len(rows)} sentences, {sum(len(r['entities']) for r in rows)} entities -> {out}"
               + (f" ({bad} left out)" if bad else ""))


@corpus_group.command("build-timex")
@click.argument("raw_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Stand-off JSON Lines: article id, text hash, the DCT assigned, TIMEX3 spans.")
def build_timex_cmd(raw_dir: Path, out: Path) -> None:
    """Turn annotators' time-expression files into the stand-off news set (data/timex/)."""
    from ..corpus import anchor_timexes, gnad_texts, text_hash
    texts, rows, bad = gnad_texts(), [], 0
    for path in sorted(raw_dir.glob("*.json")):
        raw = _read_raw(path)
        doc_id = raw.get("doc_id") or path.stem
        if doc_id not in texts:
            click.echo(f"{path}: unknown article {doc_id}", err=True)
            bad += 1
            continue
        txs, problems = anchor_timexes(texts[doc_id][1], raw)
        for p in problems:
            click.echo(f"{path}: {p}", err=True)
        bad += bool(problems)
        rows.append({"doc_id": doc_id, "dataset": "10kgnad", "text_sha1": text_hash(texts[doc_id][1]),
                     "dct": raw.get("dct"), "dct_note": raw.get("dct_note"),
                     "annotators": [raw.get("annotator")], "timexes": txs})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    click.echo(f"{len(rows)} articles, {sum(len(r['timexes']) for r in rows)} time expressions -> {out}"
               + (f" ({bad} with problems)" if bad else ""))


def _anchor_dirs(raw_dirs: tuple[Path, ...], annotator: str | None, corpus_dir: Path | None = None,
                 duplicates_ok: bool = True) -> tuple[list, list[str]]:
    """Every annotator's file of the folders anchored into corpus records (the first file of an article
    kept where ``duplicates_ok``, else a problem), and the problems found, each with its file. The
    annotators recorded: ``annotator``, else the file's ``annotators`` (as `corpus raw` writes them) or
    ``annotator``."""
    from ..corpus import doc_from_raw, frozen_categories, gnad_texts, valid_codes
    splits, texts, codes = frozen_categories(corpus_dir), gnad_texts(), valid_codes()
    docs, problems, seen = [], [], {}
    for d in raw_dirs:
        for path in sorted(d.glob("*.json")):
            raw = _read_raw(path)
            doc_id = raw.get("doc_id") or path.stem
            if doc_id in seen:
                msg = f"{path}: {doc_id} also in {seen[doc_id]}"
                if duplicates_ok:
                    click.echo(f"{msg}; the first is kept (score the two with `lagebild corpus agree`)", err=True)
                else:
                    problems.append(f"{msg}; give each article once")
                continue
            seen[doc_id] = path
            names = [annotator] if annotator else (raw.get("annotators") or [raw.get("annotator") or "?"])
            doc, probs = doc_from_raw(raw, doc_id, splits, texts, codes, list(names))
            problems += [f"{path}: {p}" for p in probs]
            if doc is not None:
                docs.append(doc)
    return docs, problems


@corpus_group.command("build")
@click.argument("raw_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="JSON Lines file to write (stand-off: ids, hashes, spans; no 10kGNAD text).")
@click.option("--annotator", default=None, help="Annotator name to record (default: the file's 'annotator').")
def build_cmd(raw_dirs: tuple[Path, ...], out: Path, annotator: str | None) -> None:
    """Anchor annotators' files into the stand-off corpus format, with the frozen splits."""
    from ..corpus import write_jsonl
    docs, problems = _anchor_dirs(raw_dirs, annotator)
    for p in problems:
        click.echo(p, err=True)
    write_jsonl(sorted(docs, key=lambda x: x.doc_id), out)
    click.echo(f"{count(len(docs), 'article')}, {count(sum(len(x.events) for x in docs), 'event')} -> {out}"
               + (f" ({count(len(problems), 'problem')})" if problems else ""))


@corpus_group.command("update")
@click.argument("raw_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--annotator", required=True,
              help="Who reviewed or completed the annotations: added to each article's annotators.")
@click.option("--dir", "corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, show_default="data/events", help="Corpus folder.")
def update_cmd(raw_dirs: tuple[Path, ...], annotator: str, corpus_dir: Path | None) -> None:
    """Replace corpus articles' events with those of reviewed annotators' files (from `corpus raw`,
    edited), in the corpus file that holds each article; every other record stays as it is.

    From a file: the events (and a written item's text and date). Kept from the corpus: a news
    article's split, category and date; the annotators, with NAME added (a file's own annotators are
    not read). A participant or condition whose words stand where they stood keeps its offsets; new
    ones anchor at the occurrence nearest the cue. Dev and test articles are changed like train ones:
    the summary says which splits were touched. All or nothing: any file that does not anchor (`corpus
    lint FILE`), names no corpus article or one twice, or turns a news article into a written item or
    back, and no file of the corpus is written.

    \b
    Examples:
      lagebild corpus raw /tmp/review --split train --category Inland
      # ... review and complete the files, then:
      lagebild corpus update /tmp/review --annotator reviewer-1
      lagebild corpus check
    """
    from ..corpus import update
    from ..errors import DataError
    if not any(p.suffix == ".json" for d in raw_dirs for p in d.iterdir()):
        raise click.ClickException(f"no annotators' files (*.json) directly in {', '.join(map(str, raw_dirs))}")
    docs, problems = _anchor_dirs(raw_dirs, annotator, corpus_dir, duplicates_ok=False)
    if problems:
        for p in problems:
            click.echo(p, err=True)
        raise click.ClickException(f"{count(len(problems), 'problem')}; nothing updated (fix the files, "
                                   "`lagebild corpus lint FILE` checks one)")
    try:
        done = update(docs, corpus_dir)
    except DataError as exc:
        raise click.ClickException(str(exc))
    by_split: dict[str, list[int]] = {}
    for split, before, after in done.values():
        row = by_split.setdefault(split, [0, 0, 0])
        row[0] += 1
        row[1] += before
        row[2] += after
    click.echo(f"{count(len(done), 'article')} updated: " + "; ".join(
        f"{split} {n} ({before} -> {after} events)" for split, (n, before, after) in sorted(by_split.items())))


@corpus_group.command("check")
@click.option("--dir", "corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, show_default="data/events", help="Corpus folder.")
def check_cmd(corpus_dir: Path | None) -> None:
    """Verify the corpus: every span against the text (via the text hash), codes, types,
    modes, sectors, splits and duplicate ids. Exit 1 on any problem."""
    from ..corpus import check, load
    from ..corpus import corpus_dir as default_dir
    from ..errors import DataError
    corpus_dir = corpus_dir or default_dir()
    try:
        problems = check(corpus_dir)
        docs = load(corpus_dir, with_text=False)
    except DataError as exc:
        raise click.ClickException(str(exc))
    for p in problems:
        click.echo(p, err=True)
    by = {}
    for d in docs:
        by.setdefault(d.split, [0, 0])
        by[d.split][0] += 1
        by[d.split][1] += len(d.events)
    click.echo(", ".join(f"{s}: {count(n, 'article')}, {count(e, 'event')}" for s, (n, e) in sorted(by.items()))
               + f"; {count(len(problems), 'problem')}")
    if problems:
        sys.exit(1)


@corpus_group.command("gold")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(["train", "dev", "test"]), default=None,
              help="Only the articles of this split (default: all).")
def gold_cmd(out: Path, split: str | None) -> None:
    """Write one EVENTS.md gold file (with text) per article, for score_events.py.
    The files contain 10kGNAD text: keep them outside the repository."""
    from ..corpus import load
    out.mkdir(parents=True, exist_ok=True)
    docs = load(split=split)
    for d in docs:
        (out / f"{d.doc_id}.json").write_text(json.dumps(d.as_gold(), ensure_ascii=False, indent=1),
                                              encoding="utf-8")
        (out / f"{d.doc_id}.txt").write_text(d.text or "", encoding="utf-8")
    click.echo(f"{len(docs)} gold files -> {out}")


@corpus_group.command("raw")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.argument("doc_ids", nargs=-1)
@click.option("--split", type=click.Choice(["train", "dev", "test"]), default=None,
              help="Only the articles of this split (default: train and dev; the test split only when named, "
                   "as --split test or by id).")
@click.option("--category", default=None,
              help="Only the 10kGNAD articles of this category, as articles.tsv spells it (International, "
                   "Inland, Panorama, Wirtschaft, Etat, Web, ...); written items have none.")
@click.option("--force", is_flag=True, help="Overwrite files already in OUT (a reviewer's edits there are lost).")
def raw_cmd(out: Path, doc_ids: tuple[str, ...], split: str | None, category: str | None, force: bool) -> None:
    """Write corpus articles as annotators' files, one per article (its text; each event's cue, with a
    cue_context where the cue recurs; participants by their words in the text, or `inferred`; the
    annotators): for reviewing or completing an annotation. `corpus lint FILE` checks an edited file
    and `corpus update OUT --annotator NAME` reads the folder back into the corpus. Written items
    (probes, short items) are included unless --category is given. The files contain 10kGNAD text: keep
    them outside the repository.

    \b
    Examples:
      lagebild corpus raw /tmp/review gnad-0123 gnad-0456
      lagebild corpus raw /tmp/review --split train --category Inland
    """
    from ..corpus import load
    every = load()
    docs = [d for d in every if (d.doc_id in doc_ids if doc_ids else (split is not None or d.split != "test"))
            and (split is None or d.split == split) and (category is None or d.category == category)]
    missing = sorted(set(doc_ids) - {d.doc_id for d in docs})
    if missing:
        where = {d.doc_id: f"{d.split}, {d.category or 'written'}" for d in every}
        raise click.ClickException("not written: " + ", ".join(
            f"{i} ({where[i]})" if i in where else f"{i} (in no corpus file)" for i in missing)
            + (f" -- asked for --split {split}" if split else "") + (f" --category {category}" if category else ""))
    if not docs:
        cats = sorted({d.category for d in every if d.category})
        raise click.ClickException(f"no article matches; the categories are {', '.join(cats)} (case matters)")
    clash = [d.doc_id for d in docs if (out / f"{d.doc_id}.json").exists()]
    if clash and not force:
        raise click.ClickException(f"{out}: {count(len(clash), 'file')} already there ({', '.join(clash[:5])}"
                                   f"{', ...' if len(clash) > 5 else ''}); nothing written -- another folder, or "
                                   "--force to overwrite")
    out.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (out / f"{d.doc_id}.json").write_text(json.dumps(d.as_raw(), ensure_ascii=False, indent=1),
                                              encoding="utf-8")
    tests = sum(d.split == "test" for d in docs)
    files = count(len(docs), "annotators' file")
    click.echo(f"{files} -> {out}"
               + (f" ({tests} of the test split: read no system output against them)" if tests else ""))


@corpus_group.command("agree")
@click.argument("first", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("second", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable result.")
def agree_cmd(first: Path, second: Path, as_json: bool) -> None:
    """Inter-annotator agreement on the articles two annotators' folders share: dyad P/R/F1 of
    SECOND scored against FIRST as gold (and the reverse), as score_events.py computes it."""
    from ..corpus import anchor, gnad_texts, valid_codes
    from ..evaluate.events import score_pairs
    texts, codes = gnad_texts(), valid_codes()

    def read(folder: Path) -> dict[str, dict]:
        out = {}
        for path in sorted(folder.glob("*.json")):
            raw = _read_raw(path)
            doc_id = raw.get("doc_id") or path.stem
            if doc_id in texts:
                evs, _ = anchor(texts[doc_id][1], raw, codes)
                out[doc_id] = {"doc_id": doc_id, "events": [e.as_gold() for e in evs]}
        return out

    a, b = read(first), read(second)
    shared = sorted(set(a) & set(b))
    if not shared:
        raise click.ClickException("the two folders share no article")
    ab = score_pairs([(a[i], b[i]) for i in shared]).as_dict()
    ba = score_pairs([(b[i], a[i]) for i in shared]).as_dict()
    res = {"articles": len(shared), "second_vs_first": {k: ab[k] for k in ("precision", "recall", "f1",
                                                                          "factuality_accuracy", "tp", "fp", "fn")},
           "first_vs_second": {k: ba[k] for k in ("precision", "recall", "f1", "factuality_accuracy",
                                                  "tp", "fp", "fn")},
           "mean_f1": round((ab["f1"] + ba["f1"]) / 2, 3), "ids": shared}
    if as_json:
        click.echo(json.dumps(res))
    else:
        click.echo(f"{len(shared)} articles: F1 {ab['f1']} (second against first), {ba['f1']} (first against "
                   f"second), mean {res['mean_f1']}; factuality on matches {ab['factuality_accuracy']}")


@corpus_group.command("agree-ner")
@click.argument("first", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("second", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def agree_ner_cmd(first: Path, second: Path) -> None:
    """Agreement of two stand-off NER annotations of the same sentences: span F1 (same start,
    end and label) over all labels, over PER/LOC/ORG/OTH (no deriv/part) and PER/LOC/ORG."""
    from ..corpus import ner_agreement
    a = [json.loads(x) for x in first.read_text(encoding="utf-8").splitlines() if x.strip()]
    b = [json.loads(x) for x in second.read_text(encoding="utf-8").splitlines() if x.strip()]
    for name, labels in (("all labels", None), ("PER/LOC/ORG/OTH", ("PER", "LOC", "ORG", "OTH")),
                         ("PER/LOC/ORG", ("PER", "LOC", "ORG"))):
        r = ner_agreement(a, b, labels)
        click.echo(f"{name}: span F1 {r['f1']} ({r['matched']} matched of {r['first']} / {r['second']}, "
                   f"{r['sentences']} sentences)")


def register(main, eval_group) -> None:
    main.add_command(corpus_group)
