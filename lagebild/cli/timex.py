"""``lagebild eval timex``: score time expressions against KRAUTS TimeML gold files."""
from __future__ import annotations

import json

import click


@click.command("timex")
@click.argument("dirs", nargs=-1, type=click.Path(), metavar="[DIR]...")
@click.option("--json", "as_json", is_flag=True,
              help="Print the scores as one JSON object instead of a table.")
@click.option("--no-heideltime", is_flag=True,
              help="Score only lagebild, not the HeidelTime files in the sibling heideltime/ folders.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write every mismatch (missed, spurious, span, value) as JSON lines to this file.")
@click.option("--news", "news", is_flag=True,
              help="Score the project's blind set of 40 news articles (data/timex/10kgnad_news.jsonl, "
                   "stand-off, texts from ../shared) instead of KRAUTS; DIR may name another such file.")
def eval_timex(dirs: tuple[str, ...], as_json: bool, no_heideltime: bool, errors_path: str | None,
               news: bool) -> None:
    """Score time-expression recognition and normalization on TimeML files.

    DIR is the KRAUTS folder, one of its sub-corpora or a gold/ folder
    (default: ../shared/data/krauts). Each gold file's DCT is taken from the
    file; lagebild's tagger runs on the text with the tags stripped, using
    TimeML span conventions (prepositions outside the span). The HeidelTime
    output shipped in the sibling heideltime/ folders is scored by the same code.

    Reported per sub-corpus and overall: strict span P/R/F1 (same offsets),
    relaxed span F1 (overlap), value and type accuracy on the relaxed matches.
    Values are compared after unifying spellings; durations that TimeML makes equal
    (the same quantity in another unit of fixed size: PT30M = PT0.5H, P1W = P7D, but
    P1D is not PT24H) count as equal, for both systems alike.

    \b
    Examples:
      lagebild eval timex ../shared/data/krauts
      lagebild eval timex ../shared/data/krauts/DieZeit --json
      lagebild eval timex ../shared/data/krauts --errors timex_errors.jsonl
      lagebild eval timex --news                # the blind set of 40 10kGNAD news articles
    """
    from ..errors import DataError
    from ..evaluate.timex import evaluate, format_table, shared_dir

    if news:
        from ..evaluate.timex import evaluate_news
        errors = [] if errors_path else None
        try:
            res = evaluate_news(dirs[0] if dirs else None, errors=errors)
        except (DataError, OSError) as exc:
            raise click.ClickException(str(exc)) from exc
        if errors_path:
            with open(errors_path, "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in errors or [])
        o = res["overall"]
        click.echo(json.dumps(res, ensure_ascii=False) if as_json else
                   f"{res['documents']} news articles, {o['gold']} gold TIMEX3: strict F1 {o['strict']['f1']}, "
                   f"relaxed F1 {o['relaxed']['f1']}, value accuracy {o['value_acc']}, type accuracy {o['type_acc']}")
        return
    if not dirs:
        default = shared_dir() / "data" / "krauts"
        if not default.is_dir():
            raise click.UsageError(f"no DIR given and {default} does not exist -- "
                                   f"give the KRAUTS folder, e.g. ../shared/data/krauts")
        dirs = (str(default),)
    errors: list[dict] | None = [] if errors_path else None
    try:
        result = evaluate(dirs, with_heideltime=not no_heideltime, errors=errors)
    except DataError as exc:
        raise click.ClickException(str(exc)) from exc
    if errors_path:
        with open(errors_path, "w", encoding="utf-8") as fh:
            for e in errors or []:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        click.echo(format_table(result))


def register(main, eval_group) -> None:
    """Attach ``lagebild eval timex`` to the ``eval`` group."""
    eval_group.add_command(eval_timex)
