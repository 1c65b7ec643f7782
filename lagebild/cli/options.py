"""Click options that several commands share (one definition each)."""
from __future__ import annotations

import click


def _country(ctx, param, value):
    if value is None:
        return None
    from ..actors import home_country
    try:
        return home_country(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


country_option = click.option(
    "--country", metavar="CODE", default=None, callback=_country,
    help="Where the outlet reports from (ISO 3166 alpha-3 or the German name, e.g. AUT or Österreich "
         "for an Austrian paper), for articles that do not say: a story that names no country (a place "
         "its first sentence opens with, 'In Ungarn hat ...', counts as named; a destination or origin, "
         "'nach Berlin', does not) takes it for its offices and roles ('die Regierung', 'die Polizei'), "
         "and names Germany, Austria and Switzerland share ('die Grünen', 'die Bundesregierung') take it "
         "where the story names none of the three. Such sides are shown as inferred ('story', "
         "'shared'). A foreign story without any country word ('Die Rebellen griffen die Armee an') "
         "is then coded as the outlet's country too. Default: none: a story without any country word "
         "gives no events, but a name the three share is then taken as German (its country shown as "
         "inferred, 'shared'), so give --country AUT or CHE for Austrian or Swiss news.")
