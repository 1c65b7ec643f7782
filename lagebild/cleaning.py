"""Characters that must not reach the analyzer, the database or an export.

A lone surrogate (``"\\ud800"`` in JSON Lines, ``&#xD800;`` in a feed) cannot be
encoded as UTF-8 and would crash hashing and storing; NUL and other control
characters break CSV exports and terminals. :func:`clean_text` replaces them (a
surrogate by U+FFFD, a control character by a space, so that lengths and offsets stay
the same) and counts them; the readers report the count.
"""
from __future__ import annotations

import re
import unicodedata

# C0 controls except tab, newline, carriage return; DEL; C1 controls; lone surrogates
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: str) -> tuple[str, int]:
    """(the text with bad characters replaced, how many were replaced)."""
    if not value or _BAD.search(value) is None:
        return value, 0
    n = 0

    def sub(m: re.Match) -> str:
        nonlocal n
        n += 1
        return "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else " "

    return _BAD.sub(sub, value), n


def article_text(value: str) -> tuple[str, int]:
    """An article's text as the analyzer reads it, whatever the path it came by (a file, a feed,
    the library): bad characters replaced (``clean_text``) and characters composed (NFC: "ė",
    not "e" and a combining dot, as some HTML and macOS files hold them), so that names and words
    match the dictionaries; offsets index this text. (the text, how many were replaced)"""
    text, bad = clean_text(value)
    return (unicodedata.normalize("NFC", text) if text else text), bad


def clean_optional(value):
    """clean_text for an optional metadata field (title, url, id); other types pass."""
    if isinstance(value, str):
        return clean_text(value)[0]
    return value


def paragraphs_from_lines(text: str) -> str:
    """Extracted page text (trafilatura writes one paragraph, or the headline, per line)
    as the text reader's paragraphs: one blank line between them, whitespace inside a
    paragraph collapsed. Without this the headline is glued to the first sentence and
    paragraph breaks are lost, which changes events (their factuality and dates). A headline
    that the first paragraph repeats word for word ("Die Türkei hat Griechenland ein Ultimatum
    gestellt" above "Die Türkei hat Griechenland ein Ultimatum gestellt. Sollte ...") is left
    out: told twice, one happening would count as two mentions."""
    paras = []
    for line in (text or "").replace("\r", "\n").split("\n"):
        line = " ".join(line.split())
        if line:
            paras.append(line)
    if len(paras) >= 2 and repeats_headline(paras[0], paras[1]):
        paras = paras[1:]
    return "\n\n".join(paras)


def repeats_headline(headline: str, paragraph: str) -> bool:
    """Whether ``paragraph`` opens with the words of ``headline`` (punctuation and case aside)."""
    words = re.findall(r"\w+", headline.lower())
    return len(words) >= 3 and re.findall(r"\w+", paragraph.lower())[:len(words)] == words


#: the shortest main text of an HTML page that is an article (shorter: a menu, a teaser, an index
#: page), for saved pages and feed item pages alike
MIN_PAGE_TEXT = 80


def main_text(html: str | bytes, url: str | None = None
              ) -> tuple[str, str | None, str | None, str | None, str | None] | None:
    """The main text of an HTML page as paragraphs, its title, date (as the page gives it), site
    name and own URL (its canonical link), or None when the page has no main text: one reading of a page for saved HTML
    files and feed item pages alike (trafilatura, recall first, no comments, no tables: a page's
    tables are sidebars and figures more than the article). Raises what trafilatura raises on
    markup it cannot parse."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, favor_recall=True, with_metadata=True, include_comments=False,
        include_tables=False, date_extraction_params={"extensive_search": True, "original_date": True})
    if doc is None:
        return None
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))   # older trafilatura
    text = paragraphs_from_lines(get("text") or "")
    if not text:
        return None
    return text, get("title"), get("date"), get("sitename"), get("url")
