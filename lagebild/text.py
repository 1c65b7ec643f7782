"""Text stage: paragraphs, photo captions and bylines, sentences and tokens.

German news has ordinals ("die 58. Münchner Sicherheitskonferenz"), dates
("18.02.2022"), abbreviations ("u.a.", "Dr.") and captions glued to paragraphs
("Joe Biden am Donnerstag in Washington Bild: AP"); all must stay out of the
sentence split. Tokens come from spaCy's German tokenizer (rules only, no model).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import spacy
from spacy.tokens import Doc

from .records import Sentence

_PARA = re.compile(r"\n\s*\n|\r\n\s*\r\n|\n(?=\s*[-–•*]\s)")
_CAPTION = re.compile(
    r"(?:\b(?:Bild|Foto|Fotos|Grafik|Video|Quelle|Illustration|Screenshot)\s*:\s*[\w./&, -]{1,60}$)"
    r"|(?:^\s*(?:Foto|Bild)\s*:)", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\s*(?:(?:Von|Aus|Text:|Ein Bericht von|Eine Analyse von)\s+[A-ZÄÖÜ][\w.-]+(?:\s+[A-ZÄÖÜ][\w.-]+){0,3}\s*"
    r"(?:[,/(].{0,60})?$|\(\s*[\w/ ,.-]{1,60}\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}\s*\)\s*$)")
#: a byline that goes on with a sentence: a colon, then five words or more and a full stop
_BYLINE_SENTENCE = re.compile(r":\s+\S+(?:\s+\S+){4,}[.!?][\"“”»«’']*$")
# sentence end: . ! ? (and … ) optionally followed by closing quotes/brackets, then space
# (possessive and anchored at the start of a punctuation run: linear time on "....." x 40,000)
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"“”»«’'\)]*+(?=\s)")
_ABBREV = frozenset("""
a.d abs abt allg anm bd bspw bzgl bzw ca co d.h dipl dr ebd etc evtl ev ff frl gegr ggf hr hrsg inkl
jh jr kap kath lt max min mio mrd nr o.ä o.g od prof röm s sog st std str tel u.a u.ä u.u usw v.a
vgl z.b z.t zb zt ua mag ing abg jun sen bzw gen lt kpt oberst hl ehem geb gest verh dt engl frz
jan feb mär apr aug sep sept okt nov dez mo di mi do fr sa
""".split())
_ORDINAL_BEFORE = re.compile(r"(?:^|\s)\d{1,3}\.$")
#: words an ordinal number follows ("die 58.", "am 24.", "zum 3."): after any other word a number
#: and a full stop before a capitalised word that is no month end the sentence ("Die Zahl der
#: Toten stieg auf 45. Russland griff ... an")
_ORDINAL_LEAD = frozenset("""
der die das den dem des am im zum zur vom beim ins ans
sein seine seinem seinen seiner ihr ihre ihrem ihren ihrer jede jedes jeden jedem jeder dieser diese diesem diesen
""".split())
_MONTHS = frozenset("""
januar jänner februar feber märz april mai juni juli august september oktober november dezember
jan jän feb mär apr jun jul aug sep sept okt nov dez
""".split())
_INITIAL_BEFORE = re.compile(r"(?:^|\s)[A-ZÄÖÜ]\.$")


_REFRESH_EVERY = 20_000     # documents; spaCy's vocabulary grows with every new word form
_state = {"nlp": None, "docs": 0}


def tokenizer() -> spacy.language.Language:
    """The blank German spaCy pipeline (tokenizer rules only), renewed now and then so that
    its vocabulary does not grow without bound over a long stream."""
    if _state["nlp"] is None or _state["docs"] >= _REFRESH_EVERY:
        _state["nlp"] = spacy.blank("de")
        _state["docs"] = 0
    _state["docs"] += 1
    return _state["nlp"]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs (blank-line separated), stripped."""
    spans, pos = [], 0
    for m in _PARA.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((s + lead, s + trail))
    return out


def _is_boundary(text: str, para_start: int, dot_end: int, match: re.Match) -> bool:
    """Whether the punctuation run ending at dot_end closes a sentence."""
    punct = match.group(0)
    before = text[max(para_start, match.start() - 40):match.start() + 1]
    nxt = text[dot_end:dot_end + 40].lstrip()
    if not nxt:
        return True
    first = nxt[0]
    if punct.startswith("."):
        word = re.search(r"([\wÄÖÜäöüß.]+)\.$", before)
        if word:
            w = word.group(1).lower()
            if w in _ABBREV or w.rstrip(".") in _ABBREV:
                return False
        if _ORDINAL_BEFORE.search(before) and not first.isdigit() and not _number_ends(before, nxt):
            # "die 58. Münchner ...", "am 24. Februar": ordinal, not an end
            return False
        if _INITIAL_BEFORE.search(before):
            return False
    # a new sentence starts with an upper-case letter, a digit or an opening quote/dash
    return first.isupper() or first.isdigit() or first in "„\"»«'‚(–-"


def _number_ends(before: str, nxt: str) -> bool:
    """Whether the "N." that ``before`` ends with is a number closing its sentence, not an
    ordinal: the word before it takes no ordinal and a capitalised word that is no month
    follows."""
    words = before.split()
    lead = words[-2].lower() if len(words) >= 2 else ""
    nxt_word = re.match(r"[\wÄÖÜäöüß]+", nxt)
    if nxt_word is None or not nxt[0].isupper():
        return False
    # an inflected adjective before it is an ordinal's too ("ab dem vollendeten 16. Lebensjahr",
    # "das stattfindende 63. Treffen")
    adjective = lead.endswith(("te", "ten", "de", "den")) and lead.isalpha() and lead.islower()
    return lead not in _ORDINAL_LEAD and not adjective and nxt_word.group(0).lower() not in _MONTHS


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end]."""
    out, s = [], start
    for m in _END.finditer(text, start, end):
        e = m.end()
        if e >= end:
            break
        if _is_boundary(text, start, e, m):
            out.append((s, e))
            s = e
            while s < end and text[s].isspace():
                s += 1
    if s < end:
        out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _kind(par: str) -> str:
    """A paragraph's kind: a photo caption or credit (at most one sentence before "Bild:",
    "Quelle:" ...), a byline ("Von Maria Muster", "Aus Moskau (dpa)"; not one that goes on with a
    sentence of its own: "Aus Moskau (dpa): Russland hat ... angegriffen."), else body text
    (a body paragraph that ends in "Quelle: Reuters" keeps its sentences and their events)."""
    text = par.strip()
    credit = _CAPTION.search(text)
    if credit and len(par) < 300 and len(split_sentences(text, 0, credit.start())) <= 1:
        return "caption"
    if _BYLINE.match(par) and len(par) < 120 and not _BYLINE_SENTENCE.search(text):
        return "byline"
    return "body"


def segment(text: str) -> list[Sentence]:
    """Paragraph-aware sentences; captions and bylines are marked, not merged."""
    sentences: list[Sentence] = []
    for p_index, (ps, pe) in enumerate(paragraphs(text)):
        kind = _kind(text[ps:pe])
        spans = [(ps, pe)] if kind != "body" else split_sentences(text, ps, pe)
        for s, e in spans:
            sentences.append(Sentence(index=len(sentences), start=s, end=e, text=text[s:e],
                                      paragraph=p_index, kind=kind))
    return sentences


@dataclass
class Token:
    """One token with what the later stages need."""

    i: int              # index in the sentence
    text: str
    start: int          # char offset in the document
    end: int
    lower: str = ""
    sent: int = 0

    def __post_init__(self) -> None:
        self.lower = self.text.lower()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass
class SentenceTokens:
    sentence: Sentence
    tokens: list[Token] = field(default_factory=list)
    # the dependency parse (``lagebild.syntax``), where the sentence was parsed: each token's
    # head as an index into ``tokens`` (a root points to itself) and its label (ParZu's scheme)
    heads: list[int] | None = None
    deps: list[str] | None = None


def tokenize(text: str, sentences: list[Sentence], nlp=None) -> tuple[Doc, list[SentenceTokens]]:
    """Tokenize the whole text once with spaCy (``nlp``'s tokenizer, e.g. the NER model's, or
    the blank German one); hand out tokens per sentence."""
    doc = nlp.make_doc(text) if nlp is not None else tokenizer()(text)
    out = [SentenceTokens(s) for s in sentences]
    si = 0
    for tok in doc:
        if tok.is_space:
            continue
        while si < len(sentences) and tok.idx >= sentences[si].end:
            si += 1
        if si >= len(sentences):
            break
        if tok.idx < sentences[si].start:
            continue
        st = out[si]
        st.tokens.append(Token(i=len(st.tokens), text=tok.text, start=tok.idx,
                               end=tok.idx + len(tok.text), sent=si))
    return doc, out
