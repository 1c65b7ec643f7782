"""The ``lagebild`` command line: a thin click layer over the library.

Each area keeps its commands in its own module with a ``register(main, eval_group)``
function: analyze.py (analyze, eval events), timex.py (eval timex), models.py
(train, ner, eval ner), store.py (ingest, watch, events, timeline, export),
web.py (serve).
"""
from __future__ import annotations

import click

from . import analyze, corpus, models, store, timex, web


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lagebild")
def main() -> None:
    """lagebild: German news in, a situation picture out.

    Read German articles, find who did what to whom (PLOVER events with
    factuality, conditions, attribution, dates, places and numbers), store them
    in an embedded DuckDB database, query and export them.

    \b
    Start here:
      lagebild analyze article.txt             readable summary of one article
      lagebild analyze a.txt --format json     [the document object] (docs/output.md)
      lagebild ingest examples/ --db lage.duckdb
      lagebild events --db lage.duckdb --actor RUS
      lagebild serve --db lage.duckdb           browse it at http://127.0.0.1:8000
    """


@main.group("eval")
def eval_group() -> None:
    """Score lagebild against annotated data (events, time expressions, NER)."""


for _module in (analyze, timex, models, store, corpus, web):
    _module.register(main, eval_group)
