"""``lagebild analyze`` and ``lagebild eval events``."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from ..errors import InputError
from ..modelinfo import default_floor_text
from .options import (EXIT_NOTHING_READ, EXIT_SOME_FAILED, Number, country_option, output_file, reader_kwargs,
                      reader_options)
from ..records import Document, named_elsewhere
from ..timex import gloss
from ..wording import count


#: how the text summary says where a participant's country comes from when the text does not
#: say it for that mention (``Participant.code_inferred``)
COUNTRY_FROM = {"story": "the story's", "nearby": "named just before", "earlier": "of an earlier mention",
                "shared": "assumed: a name Germany, Austria and Switzerland share"}


def _side(parts, evidence=()) -> str:
    """One side of an event: each participant's code and text, with what the text does not say for
    it (inferred, its country from elsewhere, or named in another sentence than the event's)."""
    def country(p) -> str:
        how = getattr(p, "code_inferred", None)
        return f" [country: {COUNTRY_FROM.get(how, how)}]" if how else ""

    def elsewhere(p) -> str:
        return " [named in another sentence]" if named_elsewhere(p, evidence) else ""
    return ", ".join(f"{p.code or '?'}" + (f" ({p.text})" if p.text else "")
                     + (f" [inferred: {p.inferred}]" if getattr(p, "inferred", None) else "") + country(p)
                     + elsewhere(p) for p in parts) or "-"


def _told_where(ev, width: int = 110) -> str:
    """Where the text tells an event: its cue word and the sentence around it (shortened to about
    ``width`` characters around the cue), so that a reader can check the event without the JSON."""
    if not ev.evidence:
        return ""
    sent = " ".join(ev.evidence[0].text.split())
    at = sent.find(ev.cue) if ev.cue else -1
    if len(sent) > width:
        start = max(0, min(at - width // 2, len(sent) - width)) if at >= 0 else 0
        sent = ("…" if start else "") + sent[start:start + width].strip() + ("…" if start + width < len(sent) else "")
    return (f"cue {ev.cue!r} in: " if ev.cue else "in: ") + f"„{sent}“"


def below_floor_text(n: int, floor: float | None) -> str:
    """What ``analyze`` says of the events the confidence floor left out: how many, and the floor
    used. Not the higher floors of some events (an empty side, a guessed pair of countries): the
    analyzer does not keep the events it left out, so it cannot say that one of them was such an
    event, and a rule repeated for every article read as a description of them (review R23,
    finding 10; probe P22: the event left out was "NEOS -> -"); ``--min-confidence``'s help says them."""
    at = f" {floor:g}" if floor is not None else ""
    return (f"{count(n, 'more event')} below the confidence floor{at}, not shown: "
            f"--min-confidence 0 shows them")


def format_summary(doc: Document, floor: float | None = None) -> str:
    """A readable summary of one analyzed article."""
    lines = [f"== {doc.doc_id}" + (f" ({doc.dct})" if doc.dct else " (no date)") +
             (f": {doc.title}" if doc.title else "")]
    if doc.actors:
        lines.append("Actors:")
        for a in doc.actors:
            extra = ", ".join(x for x in (a.role, a.sector) if x)
            lines.append(f"  {a.id:<4} {a.name} [{a.code or '?'}{'/' + extra if extra else ''}]"
                         + (f"  also: {', '.join(m for m in a.mentions if m != a.name)}"
                            if len(a.mentions) > 1 else ""))
    lines.append(f"Events ({len(doc.events)}):")
    names = {a.id: a.name for a in doc.actors}
    for ev in doc.events:
        head = f"  [{ev.factuality}] {ev.type}" + (f"/{ev.mode}" if ev.mode else "") \
            + (f" ({ev.confidence:.2f})" if ev.confidence is not None else "")
        lines.append(f"{head}: {_side(ev.source, ev.evidence)} -> {_side(ev.target, ev.evidence)}")
        bits = []
        if ev.date and ev.date.value:
            said = gloss(ev.date.value)
            bits.append(f"date {ev.date.value}" + (f" = {said}" if said else "")
                        + (" (document date)" if ev.date.from_dct else f" ({ev.date.text})"))
        if ev.magnitude:
            bits.append(f"{ev.magnitude.qualifier} {ev.magnitude.value} {ev.magnitude.unit}")
        if ev.condition:
            bits.append(f"if: {ev.condition}")
        if ev.reported_by:
            # the actor's name, not the mention's grammatical form ("laut Ankaras" -> Ankara)
            rep = ev.reported_by
            bits.append(f"according to {names.get(rep.actor) or rep.text or rep.code}")
        if ev.location:
            bits.append(f"in {ev.location.text}")
        if ev.cameo:
            bits.append(f"CAMEO {ev.cameo}, Goldstein {ev.goldstein}")
        if len(ev.evidence) > 1:
            bits.append(count(len(ev.evidence), "mention"))
        if bits:
            lines.append("      " + "; ".join(bits))
        told = _told_where(ev)
        if told:
            lines.append("      " + told)
    if doc.below_floor:
        lines.append("  (" + below_floor_text(doc.below_floor, floor) + ")")
    if not doc.events and doc.actors and not any(a.code for a in doc.actors):
        lines.append("  (no actor of this article has a country or organisation code: the text names none, "
                     "so no event between them can be coded; for domestic news, --country gives the "
                     "outlet's country, e.g. --country AUT)")
    if doc.quotes:
        lines.append(f"Quotes ({len(doc.quotes)}):")
        for q in doc.quotes:
            who = q.speaker.text if q.speaker else "?"
            text = q.text if len(q.text) < 90 else q.text[:87] + "..."
            lines.append(f"  {who}: „{text}“" if q.direct else f"  {who} (reported): {text}")
    if doc.timexes:
        lines.append("Time expressions:")
        for t in doc.timexes:
            said = gloss(t.value)
            lines.append(f"  {t.text!r} -> {t.value}" + (f" = {said}" if said else "") + f" ({t.type})")
    for w in doc.warnings:
        lines.append(f"warning: {w}")
    return "\n".join(lines)


@click.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="text: readable summary; json: a JSON array of the document "
              "objects of docs/output.md (EVENTS.md in ../shared/spec), one per article, also for one "
              "article or none ([]); jsonl: one document object per line (for one article, the bare "
              "object, which --format json printed for one article in earlier versions).")
@click.option("--no-models", is_flag=True, help="Skip the statistical NER model (names from the dictionaries "
              "only). The event coder is still the one --coder names; add --coder rules for rules only.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              callback=output_file,
              help="Write to this file instead of standard output.")
@click.option("--with-text/--no-text", default=True, show_default=True,
              help="JSON output: include the article body as read ('text'), which every "
              "start/end offset indexes (for HTML the extracted text).")
@click.option("--coder", type=click.Choice(["auto", "rules", "learned", "both"]), default="auto",
              show_default=True, help="Event coder. rules: the cue lexicon and clause rules; learned: "
              "the models trained on the annotated corpus (trigger and role models propose, the dyad "
              "judge decides which dyads the article reports; rule events are among its candidates); both: the learned events plus the rule "
              "events, each rule event scored by the learned rulecheck model (its confidence); auto: what the "
              "shipped model was chosen for out of fold on the train articles (lagebild/models/events_de/meta.json), "
              "else rules.")
@click.option("--min-confidence", type=Number(0, 1), default=None,
              show_default=default_floor_text(),
              help="Drop events whose confidence is below this before merging (0 keeps all; "
                   "--coder rules gives no confidence: a floor above 0 with it is a usage error).")
@country_option
@reader_options
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr.")
def analyze_cmd(inputs, fmt, no_models, output, with_text, coder, min_confidence, country, quiet, **o):
    """Analyze German articles: actors, events, quotes and dates.

    INPUTS are files or folders: seed-format text (first line ' date YYYY-MM[-DD] ' or 'date: ...'),
    plain UTF-8 text, JSON Lines (id, text, date, title, url), CSV, HTML, a saved RSS/Atom
    file (one article per item); '-' reads standard input. Unreadable inputs are reported on stderr (file, line, what to
    do) and the others still processed; an article whose analysis fails is reported
    and skipped. Exit status (as for ingest): 0 all read and analyzed, 1 nothing read
    or analyzed, 3 some inputs skipped or some articles failed (partial success: the
    others were written), 2 a usage error (a bad option or value). Long articles are analyzed in bounded pieces (cost linear in
    their length).

    \b
    Examples:
      lagebild analyze examples/aussenminister-treffen.txt
      lagebild analyze article.txt --format json            # [ {document} ]
      lagebild analyze article.txt --format jsonl           # {document}, one line
      lagebild analyze a.txt b.jsonl dir/ --format jsonl --dct 2022-02-18
      lagebild analyze austrian-news.jsonl --country AUT
    """
    from ..readers import ReadStats, iter_articles

    stats = ReadStats()

    def on_error(err: InputError) -> None:
        # a skipped input is shown even with -q (it changes the exit status); a warning is not
        if not quiet or getattr(err, "skipped", True):
            click.echo(f"{'error' if getattr(err, 'skipped', True) else 'warning'}: {err}", err=True)

    try:
        articles = iter_articles(list(inputs), on_error=on_error, stats=stats, **reader_kwargs(o))
    except InputError as e:
        raise click.UsageError(str(e)) from None
    if country:
        from dataclasses import replace
        articles = (replace(a, country=a.country or country) for a in articles)
    analyzer = _analyzer(no_models, coder, min_confidence)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    docs_json = []
    started = time.monotonic()
    n = 0
    failed = []

    def on_failure(article, exc) -> None:   # one bad article never takes the others with it
        failed.append(article.doc_id)
        click.echo(f"error: {article.origin or article.doc_id} (article {article.doc_id}): "
                   f"analysis failed ({type(exc).__name__}: {exc}); skipped", err=True)

    warned: list[str] = []      # articles with warnings the terminal would not show otherwise
    shown_warnings = 5

    try:
        for doc in analyzer.pipe(articles, on_error=on_failure):
            n += 1
            if doc.warnings and (output or fmt != "text" or not sys.stdout.isatty()) and not quiet:
                # the warnings are in the output, which a file (-o or a shell's "> out.txt") or JSON
                # hides from the reader: the first few on stderr as well, then how many more
                # articles have some
                warned.append(doc.doc_id)
                if len(warned) <= shown_warnings:
                    for w in doc.warnings:
                        click.echo(f"warning: {doc.doc_id}: {w}", err=True)
            if fmt == "text":
                out.write(format_summary(doc, analyzer.min_confidence) + "\n\n")
            elif fmt == "jsonl":
                out.write(json.dumps(doc.to_dict(with_text=with_text), ensure_ascii=False) + "\n")
            else:
                docs_json.append(doc.to_dict(with_text=with_text))
            if not quiet and n % 100 == 0:
                rate = n / max(time.monotonic() - started, 1e-9)
                click.echo(f"{count(n, 'article')}, {rate:.1f}/s", err=True)
        if fmt == "json":       # always an array: its shape does not depend on how many were read
            out.write(json.dumps(docs_json, ensure_ascii=False, indent=1) + "\n")
    finally:
        if output:
            out.close()
    if len(warned) > shown_warnings:
        click.echo(f"warning: {count(len(warned) - shown_warnings, 'more article')} with warnings "
                   f"({', '.join(warned[shown_warnings:shown_warnings + 5])}{' ...' if len(warned) > 10 else ''}): "
                   "see their 'warnings' in the output", err=True)
    if stats.errors or (not quiet and stats.warnings):       # skipped inputs are shown even with -q
        click.echo(stats.summary(), err=True)
    if stats.nothing_read:
        click.echo("error: no article could be read from the inputs given", err=True)
        sys.exit(EXIT_NOTHING_READ)
    if failed:
        click.echo(f"error: {count(len(failed), 'article')} could not be analyzed: "
                   f"{', '.join(failed[:10])}", err=True)
        sys.exit(EXIT_NOTHING_READ if n == 0 else EXIT_SOME_FAILED)
    if stats.errors:
        sys.exit(EXIT_SOME_FAILED)


def _analyzer(no_models: bool, coder: str, min_confidence: float | None):
    from ..errors import LagebildError
    from ..pipeline import Analyzer
    if coder == "rules" and min_confidence:
        # the rule coder alone scores nothing: a floor would drop nothing, silently
        raise click.UsageError(f"--min-confidence {min_confidence:g} needs a confidence, and --coder rules gives "
                               "none; use --coder both (rule events scored by the learned rulecheck model) or "
                               "--coder learned, or leave --min-confidence out")
    try:
        return Analyzer(use_models=not no_models, coder=coder, min_confidence=min_confidence)
    except LagebildError as e:
        raise click.ClickException(str(e)) from None


@click.command("events")
@click.argument("gold", nargs=-1, type=click.Path(exists=True))
@click.option("--split", type=click.Choice(["train", "dev", "test"]), default=None,
              help="Score on a split of the project's annotated corpus (data/events) instead of "
                   "gold files. The test split is for the end of a round of work: log every score "
                   "in data/events/test_scores.md.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable result.")
@click.option("--no-models", is_flag=True, help="Score without the statistical NER model (names from the "
              "dictionaries only); the event model is used as with --coder. What the NER buys: "
              "`lagebild train events --no-models --out DIR`, then `LAGEBILD_EVENT_MODEL=DIR lagebild eval "
              "events --split dev --no-models`.")
@click.option("--coder", type=click.Choice(["auto", "rules", "learned", "both"]), default="auto",
              show_default=True, help="Which event coder to score.")
@click.option("--min-confidence", type=Number(0, 1), default=None,
              show_default=default_floor_text(), help="Drop learned events below this confidence.")
@click.option("--brief", is_flag=True, help="Only the totals line, no misses/extras or per-type table.")
def eval_events_cmd(gold, split, as_json, no_models, coder, min_confidence, brief):
    """Score event coding against gold files (EVENTS.md section 4).

    GOLD are gold JSON files or folders of them (e.g. ../shared/gold/dev/); each
    holds the article text ('text', 'dct'). Or --split scores a split of the
    annotated corpus (texts joined from ../shared). Prints the misses and extras, a
    per-type table and micro P/R/F1, factuality accuracy and false facts -- the same
    numbers as ../shared/tools/score_events.py -- and the calibration: how many of
    the events at confidence >= 0.8 are right (one of their dyads fits the gold;
    every band in --json).

    \b
    Reading the output:
      miss  ID: ('ACCUSE', 'DEU', '-')   a gold dyad (type, source code, target code;
                                         '-' no code) no predicted event gives
      extra ID: (...)                    a predicted dyad no gold event holds
      'AGREE/CONSULT', 'RUS|UKR'         the gold accepts either type or code
      P, R, F1                           over dyads, as score_events.py counts them;
                                         a dyad only an optional gold event holds is
                                         neither right nor wrong
      factuality=0.96                    of the matched dyads, the share whose
                                         factuality (asserted, planned, ...) is right
      false_facts=2                      predicted asserted where the gold says
                                         hypothetical or negated
      quotes: speaker right 9 of 12      gold quotes found whose speaker is right

    \b
    Examples:
      lagebild eval events ../shared/gold/dev/
      lagebild eval events ../shared/gold/seed.json --json
      lagebild eval events --split dev --coder rules
      lagebild eval events --split test --brief
    """
    from ..evaluate.events import format_report, gold_files, load_gold, score_pairs
    from ..records import Article

    if not gold and not split:
        raise click.UsageError("give gold files/folders or --split")
    analyzer = _analyzer(no_models, coder, min_confidence)
    golds = []
    if split in ("train", "dev") and coder != "rules":
        from ..modelinfo import trained_on_dev
        if split == "train" or trained_on_dev():
            click.echo(f"note: the event model was trained on the {split} split: these figures are in sample, "
                       "not a measure of unseen news (that is --split test and data/events/blind)", err=True)
    if split:
        from ..corpus import load
        from ..errors import DataError
        try:
            golds += [d.as_gold() for d in load(split=split, include_written=False)]
        except DataError as e:
            raise click.ClickException(str(e)) from None
    for path in gold_files([Path(g) for g in gold]):
        try:
            g = load_gold(path)
            if not isinstance(g, dict) or not isinstance(g.get("text"), str):
                raise ValueError("no JSON object with a 'text' string" if isinstance(g, dict)
                                 else f"a JSON {type(g).__name__}, not an object")
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise click.ClickException(f"{path}: not a gold file ({e}); expected JSON with 'text' and 'events'")
        g.setdefault("doc_id", path.stem)
        golds.append(g)
    pairs = []
    for g in golds:
        doc = analyzer(Article(doc_id=g.get("doc_id") or "?", text=g["text"], dct=g.get("dct")))
        pairs.append((g, doc.to_dict()))
    if not pairs:
        raise click.ClickException("no gold files found in the paths given")
    score = score_pairs(pairs)
    if as_json:
        click.echo(json.dumps(score.as_dict(), ensure_ascii=False))
    else:
        click.echo(format_report(score, details=not brief))


def register(main, eval_group) -> None:
    main.add_command(analyze_cmd)
    eval_group.add_command(eval_events_cmd)
