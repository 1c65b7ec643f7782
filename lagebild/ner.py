"""German named-entity recognition: lagebild's own small spaCy model.

No German NER model can be downloaded where lagebild runs, so lagebild trains one
from the public corpora in ``../shared/data`` (GermEval 2014 dev, German Legal
Entity Recognition, Europeana newspapers) and ships it in
``lagebild/models/ner_de/``. Labels: PER, LOC, ORG and MISC (GermEval's OTH).

Use::

    from lagebild.ner import load_ner, try_load_ner
    ner = load_ner()                     # ModelError if missing or corrupt
    ner.predict("Olaf Scholz reiste nach Paris.")
    # [Entity(text='Olaf Scholz', label='PER', ...), Entity(text='Paris', label='LOC', ...)]
    doc = spacy.blank("de")("...")      # any blank("de") pipeline
    ner.annotate(doc)                   # sets doc.ents

    ner = try_load_ner()                # None plus a warning when unusable

Rebuild the model with ``lagebild train ner`` (see ``train_ner``): the network
is in ``lagebild/models/ner_de.cfg``. Its token encoder reads static floret word
vectors that lagebild trains itself on the shared unlabeled text
(``lagebild/vectors.py``; ``lagebild train vectors``, or as the first step of
``train ner``); they are stored inside the model. Training then pretrains the token encoder
on raw text (spaCy's "characters" objective), then trains NER on GermEval
(4/5 of dev; every 5th sentence is held out), a per-epoch sample of LER and
Europeana, and copies of the GermEval sentences whose entities are swapped for
other names of the same type (from the corpora, lagebild's dictionaries and the
PETRARCH2 actor lists), the project's annotated news sentences
(``data/ner/news.jsonl``) and the DFKI SmartData corpus (``read_smartdata``: its
training part, labels mapped to GermEval's conventions, see docs/annotation.md).
Early stopping uses a further 1/10 of GermEval dev.
The data readers, the label mappings and the span scorer used by
``lagebild eval ner`` live here as well.
"""
from __future__ import annotations

import functools
import json

import lzma
import os
import random
import re
import shutil
import tempfile
import threading
import time
import warnings
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .errors import DataError, InputError, ModelError
from .lexicon import expand_braces, read_tsv as read_lexicon_tsv
from .records import Entity

PACKAGE_DIR = Path(__file__).resolve().parent
MODEL_DIR = PACKAGE_DIR / "models" / "ner_de"
CONFIG_PATH = PACKAGE_DIR / "models" / "ner_de.cfg"
LABELS = ("PER", "LOC", "ORG", "MISC")
SCORED_LABELS = ("PER", "LOC", "ORG")
REBUILD_HINT = ("rebuild it with `lagebild train ner` (needs ../shared/data; "
                "see `lagebild train ner --help`)")

_TAG_RE = re.compile(r"^([BI])-([A-Za-z]+)$")


def shared_dir() -> Path:
    """The ``shared`` folder: ``$LAGEBILD_SHARED`` or ``<repo>/../shared``."""
    env = os.environ.get("LAGEBILD_SHARED")
    if env:
        return Path(env)
    return (PACKAGE_DIR.parent / ".." / "shared").resolve()


def default_data_dir() -> Path:
    return shared_dir() / "data"


# ---------------------------------------------------------------------------
# label mappings
# ---------------------------------------------------------------------------

#: LER fine classes -> lagebild labels (paper's coarse PER/LOC/ORG; norms etc. -> O)
LER_MAP = {
    "PER": "PER", "RR": "PER", "AN": "PER",
    "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
    "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "ORG",
    "GS": None, "VO": None, "EUN": None, "VS": None, "VT": None, "RS": None, "LIT": None,
}


def germeval_tag(tag: str, *, misc: bool = True) -> str:
    """Map one GermEval 2014 BIO tag to lagebild's outer-level tag.

    ``B-PER`` stays; ``deriv`` and ``part`` variants (``B-LOCderiv``) become ``O``;
    ``OTH`` becomes ``MISC`` (or ``O`` with ``misc=False``). Raises ValueError on
    anything that is not a GermEval tag.
    """
    if tag == "O":
        return "O"
    m = re.fullmatch(r"([BI])-(PER|LOC|ORG|OTH)(deriv|part)?", tag)
    if not m:
        raise ValueError(f"not a GermEval 2014 tag: {tag!r}")
    prefix, label, variant = m.groups()
    if variant:
        return "O"
    if label == "OTH":
        return f"{prefix}-MISC" if misc else "O"
    return f"{prefix}-{label}"


def ler_tag(tag: str) -> str:
    """Map one LER (German legal NER) tag, e.g. ``B-RR`` (judge) -> ``B-PER``, ``B-GS`` -> ``O``."""
    if tag == "O":
        return "O"
    m = _TAG_RE.match(tag)
    if not m or m.group(2) not in LER_MAP:
        raise ValueError(f"not a LER tag: {tag!r}")
    label = LER_MAP[m.group(2)]
    return f"{m.group(1)}-{label}" if label else "O"


_EUR_TAG_RE = re.compile(r"^([BI])[-_.]([A-Za-z]+)$")


def europeana_tag(tag: str) -> str:
    """Map one Europeana newspapers tag (PER/LOC/ORG; slips like ``B-PEr``, ``B_LOC`` fixed).

    Raises ValueError for anything else (``B-BER``, ``v``).
    """
    if tag == "O":
        return "O"
    m = _EUR_TAG_RE.match(tag)
    if not m:
        raise ValueError(f"not a BIO tag: {tag!r}")
    label = m.group(2).upper()
    if label not in ("PER", "LOC", "ORG", "MISC"):
        raise ValueError(f"unknown label in tag {tag!r}")
    return "O" if label == "MISC" else f"{m.group(1)}-{label}"


def bio_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO tags -> ``[(start, end, label)]`` token spans (end exclusive).

    Lenient like conlleval: an ``I-X`` after ``O`` or after another label opens
    a new span.
    """
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or not tag:
            prefix, lab = "O", None
        else:
            prefix, _, lab = tag.partition("-")
        if label is not None and (prefix != "I" or lab != label):
            spans.append((start, i, label))
            start, label = None, None
        if prefix in ("B", "I") and label is None:
            start, label = i, lab
    return spans


def spans_to_bio(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n
    for s, e, lab in spans:
        tags[s] = f"B-{lab}"
        for i in range(s + 1, e):
            tags[i] = f"I-{lab}"
    return tags


# ---------------------------------------------------------------------------
# readers
# ---------------------------------------------------------------------------

@dataclass
class TaggedSentence:
    """Tokens with BIO tags, and where they came from (file, first line)."""

    words: list[str]
    tags: list[str]
    source: str = ""
    line: int = 0
    kind: str = ""          # a corpus's own sub-source (SmartData: news, rss, tweet)
    doc: str = ""           # the article it comes from, where known (the project's news sentences)


@dataclass
class TsvBlock:
    """One sentence of a GermEval-style TSV file, raw lines kept for rewriting.

    ``lines`` holds every line of the block (comments included, no newline);
    ``token_lines`` the indexes into ``lines`` of the token rows.
    """

    lines: list[str] = field(default_factory=list)
    token_lines: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    tags: list[str] | None = None
    start_line: int = 0


def _open_text(path: Path):
    if str(path).endswith(".xz"):
        return lzma.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def _check_exists(path: Path, error=DataError) -> None:
    if not Path(path).is_file():
        if error is DataError:
            raise DataError(f"{path}: data file not found -- is ../shared/data present? "
                            "(or set LAGEBILD_SHARED, or pass --data)")
        raise InputError("file not found", path=str(path))


def read_tsv(path: str | Path, *, token_col: int = 1, tag_col: int | None = None,
             error=InputError) -> list[TsvBlock]:
    """Read a GermEval-style TSV file into sentence blocks.

    Lines starting with ``#`` are comments, blank lines end a sentence, other
    lines are TAB-separated with the token in column ``token_col`` (0-based; 1 =
    GermEval's second column). With ``tag_col`` the gold tag of that column is
    read too (raw, not mapped). A row with too few columns raises ``error``
    (InputError, or DataError for training) naming file and line.
    """
    path = Path(path)
    _check_exists(path, error)
    blocks: list[TsvBlock] = []
    cur = TsvBlock()
    need = max(token_col, tag_col if tag_col is not None else -1) + 1
    try:
        with _open_text(path) as fh:
            for lineno, raw in enumerate(fh, 1):
                line = raw.rstrip("\n").rstrip("\r")
                if not line.strip():
                    if cur.lines:
                        blocks.append(cur)
                    cur = TsvBlock()
                    continue
                if not cur.lines:
                    cur.start_line = lineno
                cur.lines.append(line)
                if line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) < need or not fields[token_col]:
                    what = (f"expected at least {need} TAB-separated columns (token in column "
                            f"{token_col + 1}{'' if tag_col is None else f', tag in column {tag_col + 1}'}),"
                            f" got {len(fields)}: {line[:60]!r}")
                    _raise(error, what, path, lineno, "fix or remove the line; comments start with #")
                cur.token_lines.append(len(cur.lines) - 1)
                cur.words.append(fields[token_col])
                if tag_col is not None:
                    if cur.tags is None:
                        cur.tags = []
                    cur.tags.append(fields[tag_col].strip())
    except UnicodeDecodeError as exc:
        _raise(error, f"not UTF-8 text ({exc.reason})", path, None, "convert the file to UTF-8")
    except (OSError, lzma.LZMAError, EOFError) as exc:
        _raise(error, f"cannot read file ({exc})", path, None, None)
    if cur.lines:
        blocks.append(cur)
    return blocks


def _raise(error, what, path, line, hint):
    if error is DataError:
        where = f"{path}" + (f":{line}" if line else "")
        raise DataError(f"{where}: {what}" + (f" -- {hint}" if hint else ""))
    raise error(what, path=str(path), line=line, hint=hint)


def read_germeval(path: str | Path, *, misc: bool = True) -> list[TaggedSentence]:
    """GermEval 2014 file -> sentences with outer-level tags mapped by ``germeval_tag``."""
    out = []
    for block in read_tsv(path, token_col=1, tag_col=2, error=DataError):
        tags = []
        for k, tag in enumerate(block.tags or []):
            try:
                tags.append(germeval_tag(tag, misc=misc))
            except ValueError as exc:
                raise DataError(f"{path}:{block.start_line + block.token_lines[k]}: {exc} "
                                "-- expected O or B-/I-PER|LOC|ORG|OTH[deriv|part]") from None
        if block.words:
            out.append(TaggedSentence(block.words, tags, str(path), block.start_line))
    return out


def read_news(path: str | Path, texts: dict[str, tuple[str, str]], *, misc: bool = True,
              annotators: Iterable[str] | None = None) -> list[TaggedSentence]:
    """The project's annotated news sentences (``data/ner/news.jsonl``: stand-off entity spans
    in GermEval conventions over 10kGNAD texts) -> sentences with outer-level tags.
    ``annotators``: only the sentences of these annotators (the rounds of data/ner/README.md)."""
    keep = set(annotators) if annotators is not None else None
    from .corpus import text_hash
    from .text import tokenizer
    nlp = tokenizer()
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if keep is not None and r.get("annotator") not in keep:
                continue
            text = texts.get(r["doc_id"], (None, ""))[1][r["start"]:r["end"]]
            if not text or text_hash(text) != r["text_sha1"]:
                raise DataError(f"{path}:{n}: sentence of {r['doc_id']} missing or changed in 10kGNAD")
            doc = nlp(text)
            words = [t.text for t in doc if not t.is_space]
            starts = [t.idx for t in doc if not t.is_space]
            tags = ["O"] * len(words)
            for a, b, label in r["entities"]:
                a, b = a - r["start"], b - r["start"]
                inside = [k for k, st in enumerate(starts) if a <= st < b]
                for j, k in enumerate(inside):
                    tags[k] = germeval_tag(("B-" if j == 0 else "I-") + label, misc=misc)
            out.append(TaggedSentence(words, tags, str(path), n, doc=r["doc_id"]))
    return out


#: SmartData concept types -> lagebild labels. ``None``: the tokens are left unannotated
#: (missing, "-"): the model is neither taught to tag nor to leave them. Every other type
#: (date, time, number, duration, distance, trigger, disaster-type, org-position, ...) -> O.
SMARTDATA_MAP = {
    "person": "PER",
    "organization": "ORG", "organization-company": "ORG",
    "location": "LOC", "location-city": "LOC", "location-stop": "LOC", "location-street": "LOC",
    "location-route": None,       # "IC 2083", "S2", "ICE-Züge": GermEval has no such names
}
#: SmartData's three document sources (``refids.source``)
SMARTDATA_KINDS = ("news", "rss", "tweet")
MISSING = "-"                       # tag of a token whose annotation is unknown (not O)
_SD_CODE = re.compile(r"^(?=.*\d)[^a-zäöüß]+$")     # "A1", "B 27", "K4552": road numbers
_SD_DERIV = re.compile(r"-[a-zäöüß]+$")              # "US-amerikanische": LOCderiv/LOCpart


def _read_json_stream(path: Path) -> list[dict]:
    """A gzipped file of concatenated (pretty-printed) JSON objects, as SmartData ships."""
    import gzip
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read gzipped JSON ({exc}) -- is the download "
                        "complete?") from None
    dec = json.JSONDecoder()
    out, pos = [], 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return out
        try:
            obj, pos = dec.raw_decode(text, pos)
        except ValueError as exc:
            line = text.count("\n", 0, pos) + 1
            raise DataError(f"{path}:{line}: not a SmartData JSON document ({exc})") from None
        out.append(obj)


def smartdata_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(files to train on, files whose documents are held out) of the SmartData folder.

    Version 1 holds all 2,436 documents (its own 50/50 train/test split); version 3's
    train file is not in ``../shared``, only its dev and test files. The training part is
    therefore version 1 (train + test) without the documents of version 3 dev and test,
    i.e. version 3's train split with the version 1 annotations."""
    v1 = [folder / "v1_20180119" / f"{n}.json.gz" for n in ("train", "test")]
    v3 = [folder / "v3_20200302" / f"{n}.json.gz" for n in ("dev", "test")]
    return v1, v3


def smartdata_votes(reference: Iterable[TaggedSentence]) -> dict[tuple[str, ...], Counter]:
    """How GermEval-convention data labels each word sequence: ``{words: Counter(label)}``.

    Every entity span counts for its label; every capitalised single word outside an
    entity counts for ``O`` (so "Polizei", "Bundesregierung", "Berliner" -- GermEval's
    generic institutions and demonyms -- collect O votes)."""
    votes: dict[tuple[str, ...], Counter] = {}
    for sent in reference:
        covered = set()
        for a, b, lab in bio_to_spans(sent.tags):
            votes.setdefault(tuple(sent.words[a:b]), Counter())[lab] += 1
            covered.update(range(a, b))
        for i, w in enumerate(sent.words):
            if i not in covered and w[:1].isupper() and sent.tags[i] == "O":
                votes.setdefault((w,), Counter())["O"] += 1
    return votes


_SD_DESCRIPTION = re.compile(r"^(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|[a-zäöüß]+"
                             r"(?:e|en|er|es|em))$")


def smartdata_label(words: Sequence[str], ctype: str,
                    votes: dict[tuple[str, ...], Counter]) -> str | None:
    """The label of one SmartData mention of type ``ctype`` in GermEval's terms: PER, LOC,
    ORG, ``"O"``, or ``None`` (missing: its tokens are left unannotated).

    1. ``SMARTDATA_MAP`` gives the label; types not in it are O.
    2. A LOCATION starting in lower case is O: GermEval's outer level leaves demonym
       adjectives ("deutschen" is LOCderiv) and directions ("beiden Richtungen",
       "stadtauswärts") out. A longer ORGANIZATION/PERSON opening with an article or a
       lower-case adjective is a description, O ("die Marke", "japanische Autoriese",
       "türkische Polizei"); lower-case names stay ("dpa", "faznet", "dpa-infocom GmbH").
       A single role noun of lagebild's lexicon ("Polizei", "Flugbegleiter", "Regierung")
       is O: GermEval leaves generic institutions and roles out.
    3. Road numbers ("A1", "B 27", "K4552") are missing: GermEval shows none. A
       LOCATION ending in a lower-case hyphen part ("US-amerikanische") is O (LOCderiv).
    4. Where the GermEval-convention reference (GermEval training part and
       ``data/ner/news.jsonl``) labels the same words at least twice and one label (O
       included) holds two thirds of the votes, that label wins: "Polizei", "Bundeswehr",
       "Gruppe", "Unternehmen", "EU-Kommission" -> O (generic institutions; ORGpart);
       "Berliner", "Kölner" -> O (LOCderiv); "EU" -> ORG (SmartData: sometimes LOCATION).
       A city name (LOCATION-CITY) keeps LOC unless it is an -er demonym ("Essen").
    """
    label = SMARTDATA_MAP.get(ctype, "O")
    if label in (None, "O") or not words:
        return label
    first = words[0]
    if first[:1].islower():
        if label == "LOC":
            return "O"
        if len(words) > 1 and _SD_DESCRIPTION.match(first):
            return "O"
    if label == "LOC" and _SD_CODE.match(" ".join(words)):
        return None
    if label == "LOC" and _SD_DERIV.search(words[-1]):
        return "O"
    if label in ("ORG", "PER") and len(words) == 1 and first in _role_forms()[0]:
        return "O"
    v = votes.get(tuple(words))
    if v:
        n = sum(v.values())
        top, k = v.most_common(1)[0]
        if n >= 2 and k * 3 >= n * 2 and top != label:
            if ctype == "location-city" and not (top == "O" and words[-1].endswith("er")):
                return label
            return top if top in ("PER", "LOC", "ORG", "O") else None
    return label


def read_smartdata(folder: str | Path, reference: Iterable[TaggedSentence] = (),
                   files: Sequence[Path] | None = None, exclude: Sequence[Path] | None = None
                   ) -> list[TaggedSentence]:
    """The DFKI SmartData corpus (CC BY 4.0) -> sentences in GermEval outer-level labels.

    ``folder`` is ``../shared/data/smartdata``. Documents of the held-out files
    (``smartdata_files``) are skipped, by id and by text. Texts are split at line breaks
    and by ``lagebild.text.split_sentences``, and tokenized with the tokenizer of the other
    news data (``lagebild.text.tokenizer``). Concept types map by ``SMARTDATA_MAP``, then
    each mention by ``smartdata_label`` against ``reference`` (see there). Tokens whose
    annotation is unknown -- a route, a road number, a mention not on token boundaries or
    crossing a sentence end, overlapping mentions -- get the tag ``MISSING``. Sentences of
    fewer than 4 tokens or 2 words are left out (page furniture). Each sentence's ``kind``
    is the document's source: news, rss or tweet. Raises DataError naming the file when a
    training file is missing or not SmartData JSON."""
    from .text import split_sentences, tokenizer
    folder = Path(folder)
    default_files, default_exclude = smartdata_files(folder)
    files = list(files) if files is not None else default_files
    exclude = list(exclude) if exclude is not None else default_exclude
    for f in files:
        _check_exists(f)
    held_ids, held_texts = set(), set()
    for f in exclude:
        if not f.is_file():
            # the held-out documents could not be read, so they cannot be left out: refuse
            # rather than train on them
            raise DataError(f"{f}: SmartData held-out file missing -- its documents would be "
                            "trained on; restore it or train with --smartdata 0")
        if f.is_file():
            for doc in _read_json_stream(f):
                held_ids.add(doc.get("id"))
                held_texts.add(((doc.get("text") or {}).get("string") or "").strip())
    votes = smartdata_votes(reference)
    nlp = tokenizer()
    seen: set = set()
    out: list[TaggedSentence] = []
    for f in files:
        for n, doc in enumerate(_read_json_stream(f), 1):
            try:
                doc_id = doc["id"]
                text = doc["text"]["string"]
                mentions = (doc.get("conceptMentions") or {}).get("array") or []
                kind = ((doc.get("refids") or {}).get("map") or {}).get("source") or "news"
                spans = [(m["span"]["start"], m["span"]["end"], m["type"]) for m in mentions]
            except (KeyError, TypeError) as exc:
                raise DataError(f"{f}: document {n}: not a SmartData document (missing {exc})"
                                " -- expected id, text.string, conceptMentions") from None
            if doc_id in seen or doc_id in held_ids or text.strip() in held_texts:
                continue
            seen.add(doc_id)
            out += _smartdata_doc(text, spans, kind, votes, nlp, split_sentences,
                                  f"{f}#{doc_id}", n)
    return out


def _same_span(tags: list[str], k: int, inside: list[int]) -> bool:
    """Whether token k belongs to the tagged span that overlaps the tokens ``inside``."""
    lo, hi = min(inside), max(inside)
    a = k
    while a > 0 and tags[a].startswith("I-"):
        a -= 1
    b = k
    while b + 1 < len(tags) and tags[b + 1].startswith("I-"):
        b += 1
    return a <= hi and lo <= b


def _smartdata_doc(text, spans, kind, votes, nlp, split_sentences, source, n, min_words=4):
    # entity mentions only; the longest first, so nested ones ("Berlin" in "Berlin Hbf") drop
    ents = sorted(((a, b, t) for a, b, t in spans if t in SMARTDATA_MAP
                   and 0 <= a < b <= len(text)), key=lambda x: (x[0], -(x[1] - x[0])))
    out = []
    pos = 0
    for line in text.split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        if not line.strip():
            continue
        for ss, se in split_sentences(text, ls, le):
            doc = nlp(text[ss:se])
            toks = [t for t in doc if not t.is_space]
            if not toks:
                continue
            words = [t.text for t in toks]
            if len(words) < min_words or sum(w.isalpha() for w in words) < 2:
                continue            # "------", "Weiter zum Artikel": page furniture
            starts = [ss + t.idx for t in toks]
            ends = [ss + t.idx + len(t.text) for t in toks]
            tags = ["O"] * len(words)
            taken: set = set()
            for a, b, ctype in ents:
                if b <= ss or a >= se:
                    continue
                inside = [k for k in range(len(words)) if starts[k] < b and ends[k] > a]
                if not inside:
                    continue
                aligned = (a >= ss and b <= se and starts[inside[0]] == a
                           and ends[inside[-1]] == b)
                if taken.intersection(inside):
                    if not all(k in taken for k in inside):   # crossing, not nested: both unknown
                        crossed = [k for k in range(len(words))
                                   if k in taken and tags[k] != "O" and _same_span(tags, k, inside)]
                        for k in inside + crossed:
                            tags[k] = MISSING
                    continue
                taken.update(inside)
                lab = smartdata_label(words[inside[0]:inside[-1] + 1], ctype, votes) \
                    if aligned else None
                for j, k in enumerate(inside):
                    if lab is None:
                        tags[k] = MISSING
                    elif lab != "O":
                        tags[k] = ("B-" if j == 0 else "I-") + lab
            out.append(TaggedSentence(words, tags, source, n, kind=kind))
    return out


def read_conll(path: str | Path, mapper: Callable[[str], str] = ler_tag) -> list[TaggedSentence]:
    """CoNLL-2002 style ``token TAG`` file (LER), blank line between sentences."""
    path = Path(path)
    _check_exists(path)
    out: list[TaggedSentence] = []
    words: list[str] = []
    tags: list[str] = []
    start = 0
    try:
        with _open_text(path) as fh:
            for lineno, raw in enumerate(fh, 1):
                line = raw.rstrip("\r\n")
                if not line.strip():
                    if words:
                        out.append(TaggedSentence(words, tags, str(path), start))
                    words, tags = [], []
                    continue
                parts = line.split(" ")
                if len(parts) != 2:
                    raise DataError(f"{path}:{lineno}: expected 'token TAG', got {line[:60]!r}")
                try:
                    tag = mapper(parts[1])
                except ValueError as exc:
                    raise DataError(f"{path}:{lineno}: {exc}") from None
                if not words:
                    start = lineno
                words.append(parts[0])
                tags.append(tag)
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except (OSError, lzma.LZMAError, EOFError) as exc:
        raise DataError(f"{path}: cannot read file ({exc}) -- is the download complete?") from None
    if words:
        out.append(TaggedSentence(words, tags, str(path), start))
    return out


_SENT_END = {".", "!", "?"}


def read_europeana(path: str | Path, *, min_len: int = 12, max_len: int = 50,
                   max_irregular: float = 0.01) -> list[TaggedSentence]:
    """Europeana newspapers ``token TAG`` file (no sentence breaks) -> chunks.

    Chunks end after ``.``/``!``/``?`` followed by a capitalised word once they hold
    ``min_len`` tokens, and are cut at ``max_len`` outside an entity. The corpus's
    known irregular lines (``# ...`` comments, a token without tag, a tag with a
    typo such as ``B-BER``) end the current chunk and are skipped; lines with
    several tokens before the tag are split into tokens. When more than
    ``max_irregular`` of the lines are irregular the file is taken as broken:
    DataError names the first such line.
    """
    path = Path(path)
    _check_exists(path)
    chunks: list[TaggedSentence] = []
    words: list[str] = []
    tags: list[str] = []
    start = 0
    irregular: list[tuple[int, str]] = []
    n_lines = 0

    def flush():
        nonlocal words, tags
        if len(words) >= 3:
            chunks.append(TaggedSentence(words, spans_to_bio(len(words), bio_to_spans(tags)),
                                         str(path), start))
        words, tags = [], []

    try:
        with _open_text(path) as fh:
            for lineno, raw in enumerate(fh, 1):
                n_lines += 1
                line = raw.rstrip("\r\n")
                parts = line.split()
                if not parts or line.startswith("#"):
                    flush()
                    continue
                try:
                    if len(parts) == 1:
                        raise ValueError(f"no tag after token {parts[0][:30]!r}")
                    tag = europeana_tag(parts[-1])
                except ValueError as exc:
                    irregular.append((lineno, str(exc)))
                    flush()
                    continue
                toks = parts[:-1]
                if words and tag == "O" and words[-1] in _SENT_END and len(words) >= min_len \
                        and toks[0][:1].isupper():
                    flush()
                elif len(words) >= max_len and not tag.startswith("I-"):
                    flush()
                if not words:
                    start = lineno
                for k, tok in enumerate(toks):
                    words.append(tok)
                    tags.append(tag if k == 0 or tag == "O" else "I-" + tag[2:])
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read file ({exc})") from None
    flush()
    if irregular and len(irregular) > max_irregular * max(n_lines, 1):
        line, what = irregular[0]
        raise DataError(f"{path}:{line}: {what} -- {len(irregular)} of {n_lines} lines are "
                        "not 'token TAG'; is this the Europeana NER file?")
    return chunks


# ---------------------------------------------------------------------------
# scoring
# ---------------------------------------------------------------------------

def score_spans(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]],
                labels: Sequence[str] = SCORED_LABELS) -> dict:
    """Exact-span P/R/F1 per label and micro-averaged over ``labels``.

    ``gold`` and ``pred`` are per-sentence BIO tag lists (already mapped to the
    outer level). Spans of other labels (MISC) are ignored on both sides.
    """
    counts = {lab: [0, 0, 0] for lab in labels}   # tp, fp, fn
    if len(gold) != len(pred):
        raise ValueError("gold and predicted sentence counts differ")
    for g, p in zip(gold, pred):
        if len(g) != len(p):
            raise ValueError("gold and predicted token counts differ")
        gs = {s for s in bio_to_spans(g) if s[2] in counts}
        ps = {s for s in bio_to_spans(p) if s[2] in counts}
        for s in gs & ps:
            counts[s[2]][0] += 1
        for s in ps - gs:
            counts[s[2]][1] += 1
        for s in gs - ps:
            counts[s[2]][2] += 1

    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn,
                "support": tp + fn}

    result = {lab: prf(*c) for lab, c in counts.items()}
    result["micro"] = prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return result


def format_scores(scores: dict) -> str:
    lines = [f"{'label':<7}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for lab, s in scores.items():
        lines.append(f"{lab:<7}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"
                     f"{s['support']:>7}{s['tp'] + s['fp']:>7}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# the model
# ---------------------------------------------------------------------------

class NerModel:
    """A loaded NER pipeline. Thread-safe for reading; one per process is enough."""

    def __init__(self, nlp, path: Path | None = None):
        self.nlp = nlp
        self.path = path
        self.ner = nlp.get_pipe("ner")
        self.labels = tuple(self.ner.labels)
        self.meta = dict(nlp.meta.get("lagebild", {}))
        #: document-level surname consistency in annotate()/predict() (not in tag_sentences)
        self.consistency = True

    # -- core ---------------------------------------------------------------
    def _own_docs(self, word_lists: Iterable[Sequence[str]], spaces=None):
        from spacy.tokens import Doc
        for k, words in enumerate(word_lists):
            sp = None if spaces is None else spaces[k]
            yield Doc(self.nlp.vocab, words=list(words), spaces=sp)

    def tag_sentences(self, sentences: Sequence[Sequence[str]], batch_size: int = 128,
                      gazetteer: bool = True) -> list[list[str]]:
        """Pre-tokenized sentences -> BIO tags (``B-PER``, ``I-PER``, ``O``...).

        With ``gazetteer`` (default) names from lagebild's own dictionaries (countries,
        capitals, organisations, parties, well-known persons) fill tokens the model left O."""
        out = []
        docs = (d for d in self._own_docs(sentences))
        for doc in self.ner.pipe(docs, batch_size=batch_size):
            spans = strip_role_prefix([t.text for t in doc],
                                      [(e.start, e.end, e.label_) for e in doc.ents])
            if gazetteer:
                spans = gazetteer_fill([t.text for t in doc], spans)
            out.append(spans_to_bio(len(doc), spans))
        return out

    def annotate(self, doc, keep_existing: bool = False):
        """Set ``doc.ents`` on a Doc from any ``spacy.blank("de")`` pipeline; returns it.

        The text is re-run in the model's own vocab and the spans are copied back
        with string labels, so the two pipelines need not share a vocab. With
        ``keep_existing`` entities already on the doc win over overlapping ones.
        """
        self.annotate_many([doc], keep_existing=keep_existing)
        return doc

    def annotate_many(self, docs: Sequence, keep_existing: bool = False, batch_size: int = 64):
        """``annotate`` for many docs at once (faster)."""
        from spacy.tokens import Span
        docs = list(docs)
        own = self._own_docs([[t.text for t in d] for d in docs],
                             [[bool(t.whitespace_) for t in d] for d in docs])
        for doc, tagged in zip(docs, self.ner.pipe(own, batch_size=batch_size)):
            found = _postprocess([t.text for t in tagged],
                                 [(e.start, e.end, e.label_) for e in tagged.ents], self.consistency)
            spans = [Span(doc, a, b, label=lab) for a, b, lab in found]
            if keep_existing and doc.ents:
                taken = set()
                for e in doc.ents:
                    taken.update(range(e.start, e.end))
                spans = list(doc.ents) + [s for s in spans
                                          if not taken.intersection(range(s.start, s.end))]
                spans.sort(key=lambda s: s.start)
            doc.ents = spans
        return docs

    def annotate_own(self, doc):
        """Set ``doc.ents`` on a Doc made by this model's own tokenizer (``self.nlp.make_doc``):
        the analyzer's fast path, with no second tokenization."""
        return self.annotate_own_many([doc])[0]

    def annotate_own_many(self, docs: Sequence, batch_size: int = 32) -> list:
        """``annotate_own`` over a batch of docs (the model runs faster on batches)."""
        from spacy.tokens import Span
        out = list(self.ner.pipe(docs, batch_size=batch_size))
        for doc in out:
            ents = [(e.start, e.end, e.label_) for e in doc.ents]
            found = _postprocess([t.text for t in doc], ents, self.consistency)
            if found != ents:
                doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in found]
        return out

    def predict(self, text: str) -> list[Entity]:
        """Entities in ``text`` with character offsets (tokenized by ``spacy.blank("de")``)."""
        doc = self.nlp.make_doc(text)
        doc = self.ner(doc)
        found = _postprocess([t.text for t in doc], [(e.start, e.end, e.label_) for e in doc.ents],
                             self.consistency)
        out = []
        for a, b, lab in found:
            span = doc[a:b]
            out.append(Entity(text=span.text, label=lab, start=span.start_char, end=span.end_char))
        return out

    def __call__(self, text: str) -> list[Entity]:
        return self.predict(text)


#: lexicon kinds that gazetteer_fill adds. Not "government" (role-like nouns: "Papst",
#: "Autonomiebehörde", "Regierung") nor "group": GermEval leaves those O, and adding them
#: cost 0.01 F1 on the early-stopping slice.
_GAZ_LABEL = {"country": "LOC", "capital": "LOC", "igo": "ORG", "military": "ORG",
              "institution": "ORG", "media": "ORG", "company": "ORG", "party": "ORG"}


def gazetteer_fill(words: Sequence[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Add dictionary names (lagebild's lexicon and persons file) where the model found nothing.

    Only tokens outside every predicted entity are filled, longest match first; demonym
    adjectives ("russische") are GermEval's LOCderiv, i.e. outside the outer level, and stay O."""
    from .lexicon import load_lexicon
    lex = load_lexicon()
    persons = _persons_index()
    covered = set()
    for a, b, _ in spans:
        covered.update(range(a, b))
    out = list(spans)
    i = 0
    while i < len(words):
        if i in covered or not words[i][:1].isupper():
            i += 1
            continue
        n = persons.get((words[i], words[i + 1] if i + 1 < len(words) else None))
        if n is not None and not covered.intersection(range(i, i + n)):
            out.append((i, i + n, "PER"))
            i += n
            continue
        hit = lex.match(words[i:i + lex.max_len], 0)
        if hit is not None:
            n, entry = hit
            label = _GAZ_LABEL.get(entry.kind)
            if label and not covered.intersection(range(i, i + n)):
                out.append((i, i + n, label))
                i += n
                continue
        i += 1
    return sorted(out)


@functools.lru_cache(maxsize=1)
def _persons_index() -> dict[tuple[str, str | None], int]:
    """(first word, second word) of each well-known person's full name -> its length in words."""
    from .actors import _persons
    out = {}
    for name in _persons():
        w = name.split()
        if len(w) >= 2:
            out[(w[0], w[1])] = max(out.get((w[0], w[1]), 0), len(w))
    return out


def model_license(smartdata: bool, news: bool) -> str:
    """The license line of a trained model: CC BY 4.0 data, or a derived work of the CC BY-NC-SA
    10kGNAD text when its annotated news sentences were in the mix (lagebild/models/LICENSES.md)."""
    data = ("GermEval 2014, LER CC BY 4.0; Europeana CC0"
            + ("; DFKI SmartData CC BY 4.0, Schiersch et al. LREC 2018" if smartdata else ""))
    if news:
        return (f"CC BY-NC-SA 4.0 (trained on 10kGNAD sentences annotated by lagebild, CC BY-NC-SA 4.0 text; "
                f"other training data: {data})")
    return f"CC BY 4.0 (training data: {data})"


def save_atomically(nlp, out: Path) -> None:
    """Write a spaCy pipeline to ``out`` so that a crash never leaves half a model there."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}_tmp_", dir=out.parent))
    try:
        nlp.to_disk(tmp)
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def surname_consistency(words: Sequence[str], spans: list[tuple[int, int, str]]
                        ) -> list[tuple[int, int, str]]:
    """One document's entities made consistent with its full person names.

    News names a person in full once ("Makarim Wibisono") and then by surname
    ("Wibisono", "Wibisonos"). The last word of every predicted PER span of two
    or more tokens is taken as a surname; elsewhere in the document a one-token
    entity with that text (or its genitive, + "s") is relabelled PER, and a
    capitalised token with that text outside any entity becomes a PER entity.
    """
    surnames = set()
    for a, b, lab in spans:
        last = words[b - 1]
        if lab == "PER" and b - a >= 2 and len(last) >= 3 and last[:1].isupper() \
                and last.isalpha():
            surnames.add(last)
    if not surnames:
        return spans
    forms = surnames | {w + "s" for w in surnames}
    out = []
    covered = set()
    for a, b, lab in spans:
        if b - a == 1 and lab != "PER" and words[a] in forms:
            lab = "PER"
        out.append((a, b, lab))
        covered.update(range(a, b))
    for i, w in enumerate(words):
        if i not in covered and w in forms:
            out.append((i, i + 1, "PER"))
    return sorted(out)


@functools.lru_cache(maxsize=1)
def _role_forms() -> tuple[frozenset, frozenset, int]:
    """(role forms, lower-cased role forms of 5+ letters as compound heads, longest head)."""
    from .lexicon import load_lexicon
    forms = frozenset(load_lexicon().roles)
    heads = frozenset(f.lower() for f in forms if len(f) >= 5)
    return forms, heads, max((len(h) for h in heads), default=0)


def is_role_word(word: str) -> bool:
    """Whether ``word`` is a role noun of lagebild's lexicon (``Nachrichtenagentur``) or a
    compound ending in one of 5+ letters (``Chemiekonzern``, ``Technologie-Konzerns``)."""
    forms, heads, longest = _role_forms()
    if word in forms:
        return True
    low = word.lower()
    for k in range(5, min(len(low) - 1, longest) + 1):
        if low[-k:] in heads:
            return True
    return False


def strip_role_prefix(words: Sequence[str], spans: list[tuple[int, int, str]]
                      ) -> list[tuple[int, int, str]]:
    """Drop leading role nouns from predicted entities: ``[Nachrichtenagentur AFP]`` ->
    ``Nachrichtenagentur [AFP]``, ``[Chemiekonzern BASF]`` -> ``Chemiekonzern [BASF]``.

    GermEval 2014 (like most German NER guidelines) leaves descriptors and titles out
    of the name. Only a role word followed by a capitalised token is dropped, so
    ``Bundesagentur für Arbeit`` stays whole.
    """
    out = []
    for a, b, lab in spans:
        while b - a >= 2 and words[a + 1][:1].isupper() and is_role_word(words[a]):
            a += 1
        out.append((a, b, lab))
    return out


def _postprocess(words: Sequence[str], spans: list[tuple[int, int, str]], consistency: bool
                 ) -> list[tuple[int, int, str]]:
    spans = strip_role_prefix(words, spans)
    if consistency:
        spans = surname_consistency(words, spans)
    return spans


_cache: dict[str, NerModel] = {}
_lock = threading.Lock()


def load_ner(path: str | Path | None = None) -> NerModel:
    """Load the NER model (default: the shipped ``lagebild/models/ner_de``), cached per process.

    Raises ModelError, saying how to rebuild, when the model is missing or corrupt.
    """
    p = Path(path) if path is not None else MODEL_DIR
    key = str(p.resolve())
    with _lock:
        if key in _cache:
            return _cache[key]
        if not p.is_dir():
            raise ModelError(f"NER model not found at {p}; {REBUILD_HINT}")
        for part in ("config.cfg", "meta.json", "ner/model", "ner/moves"):
            if not (p / part).is_file():
                raise ModelError(f"NER model at {p} is incomplete (no {part}); {REBUILD_HINT}")
        try:
            import spacy
            from .inference import for_tagging
            nlp = for_tagging(spacy.load(p))      # same predictions, faster (lagebild.inference)
            model = NerModel(nlp, p)
        except Exception as exc:  # anything spaCy/thinc/srsly raise on a broken file
            raise ModelError(f"NER model at {p} is corrupt or unreadable "
                             f"({type(exc).__name__}: {str(exc)[:200]}); {REBUILD_HINT}") from exc
        if "PER" not in model.labels:
            raise ModelError(f"NER model at {p} has no PER label (labels: {model.labels}); "
                             f"{REBUILD_HINT}")
        _cache[key] = model
        return model


def try_load_ner(path: str | Path | None = None) -> NerModel | None:
    """``load_ner``, but warn and return None when the model is unusable.

    The analyzer uses this: without a model it falls back to its dictionaries.
    """
    try:
        return load_ner(path)
    except ModelError as exc:
        warnings.warn(f"{exc} -- continuing without the statistical NER model "
                      "(dictionary entities only)", RuntimeWarning, stacklevel=2)
        return None


def clear_cache() -> None:
    with _lock:
        _cache.clear()


# ---------------------------------------------------------------------------
# training
# ---------------------------------------------------------------------------

@dataclass
class TrainSettings:
    """The data mix and loop of ``train_ner``; the network is in ``ner_de.cfg``."""

    seed: int = 0
    max_minutes: float = 40.0
    holdout_every: int = 5          # GermEval dev sentence i is held out when i % 5 == 4
    dev_every: int = 10             # ... used for early stopping when i % 10 == 2
    misc: bool = True               # GermEval OTH -> MISC
    germeval_repeat: int = 3        # GermEval training sentences per epoch, times
    ler_per_epoch: int = 3000       # LER sentences drawn per epoch (of ~57k)
    ler_entity_share: float = 0.75  # ... share of them holding a PER/LOC/ORG entity
    europeana_share: float = 0.5    # Europeana chunks drawn per epoch (share)
    news_repeat: int = 2            # the project's annotated news sentences (data/ner) per epoch,
                                    # times; 0 = leave them out
    news_annotators: tuple[str, ...] | None = None   # only these annotators' news sentences
    news_dev_every: int = 0         # > 0: the news sentences of every n-th article (by id) are not
                                    # trained on and join the early-stopping dev (the GermEval slice
                                    # alone holds ~190 entities: a noisy choice of the best step)
    smartdata_share: float = 1.0    # DFKI SmartData (../shared/data/smartdata, training part):
                                    # share of its news and RSS sentences drawn per epoch
                                    # (above 1: whole copies plus a sample); 0 = off. Holdout
                                    # micro F1: 0 -> 0.639, 1.0 -> 0.675, 2.0 -> 0.639
    smartdata_tweet_weight: float = 0.5  # SmartData tweets are drawn at this fraction of
                                    # smartdata_share (noisier text, other conventions)
    gazetteers: bool = True         # add names from lagebild's dictionaries + PETRARCH2 to the
                                    # mention pools
    pretrain_epochs: int = 4        # first pretrain the tok2vec on raw text (spaCy's
                                    # "characters" objective) for this many passes; 0 = off
    pretrain_max_minutes: float = 30.0  # safety cap on pretraining wall time
    pretrain_ler: int = 15000       # LER sentences in the raw text for pretraining
    mention_swap: float = 0.5       # in the 2nd..nth GermEval copy, replace each entity with
                                    # this probability by a mention of the same label drawn
                                    # from the training corpora (names seen in other contexts)
    dropout: float = 0.15
    batch_start: int = 100
    batch_stop: int = 1000
    eval_every: int = 200           # steps
    patience: int = 2000            # steps without dev improvement before stopping
    max_steps: int = 0              # 0 = no step limit
    vectors: str | None = None      # folder written by `lagebild train vectors`; None = train
                                    # the vectors first (lagebild/vectors.py) when the config's
                                    # tok2vec has include_static_vectors = true


def data_files(data_dir: Path) -> dict[str, list[Path]]:
    return {
        "germeval": [data_dir / "germeval2014" / "NER-de-dev.tsv"],
        "ler": [data_dir / "ler_legal_ner" / "ler_train.conll.xz",
                data_dir / "ler_legal_ner" / "ler_dev.conll.xz"],
        "europeana": [data_dir / "europeana_ner_de" / f"enp_DE.{n}.bio"
                      for n in ("lft", "onb", "sbb")],
    }


def split_germeval(sents: list[TaggedSentence], s: TrainSettings):
    """GermEval dev -> (train, early-stopping dev, reported holdout), fixed by position."""
    return split_by_position(sents, s.holdout_every, s.dev_every)


def split_by_position(items: list, holdout_every: int, dev_every: int) -> tuple[list, list, list]:
    """(train, early-stopping dev, held out) by position: item i is held out when
    i % holdout_every == holdout_every - 1, early-stopping dev when i % dev_every == 2."""
    train, dev, hold = [], [], []
    for i, sent in enumerate(items):
        if i % holdout_every == holdout_every - 1:
            hold.append(sent)
        elif i % dev_every == 2:
            dev.append(sent)
        else:
            train.append(sent)
    return train, dev, hold


def load_corpora(data_dir: Path, s: TrainSettings, log=print) -> dict[str, list[TaggedSentence]]:
    """Read and validate every training file up front (DataError names file and line)."""
    files = data_files(data_dir)
    for group in files.values():
        for f in group:
            _check_exists(f)
    ge = read_germeval(files["germeval"][0], misc=s.misc)
    ge_train, ge_dev, ge_hold = split_germeval(ge, s)
    ler = [x for f in files["ler"] for x in read_conll(f, ler_tag)]
    eur = [x for f in files["europeana"] for x in read_europeana(f)]
    news: list[TaggedSentence] = []
    from .corpus import data_dir as project_data
    news_path = project_data() / "ner" / "news.jsonl"       # annotated news sentences (repository)
    gnad = data_dir / "10kgnad" / "articles.csv.xz"
    if s.news_repeat and news_path.exists() and gnad.exists():
        from .corpus import gnad_texts
        news = read_news(news_path, gnad_texts(gnad), misc=s.misc, annotators=s.news_annotators)
    elif s.news_repeat and news_path.exists():
        log(f"news sentences left out: {gnad} (their texts) not found")
    news, news_dev = hold_out_articles(news, s.news_dev_every)
    smart = load_smartdata(data_dir, s.smartdata_share, ge_train + news, log)
    log(f"data: GermEval {len(ge)} sentences -> train {len(ge_train)}, early-stop dev "
        f"{len(ge_dev)}, held out {len(ge_hold)}; LER {len(ler)} sentences; "
        f"Europeana {len(eur)} chunks; news {len(news)} sentences (data/ner)"
        + (f", {len(news_dev)} more of every {s.news_dev_every}th article in the early-stopping dev"
           if news_dev else "")
        + (f"; SmartData {len(smart)} sentences ("
           + ", ".join(f"{k} {sum(x.kind == k for x in smart)}" for k in SMARTDATA_KINDS) + ")"
           if smart else ""))
    return {"germeval_train": ge_train, "germeval_dev": ge_dev, "germeval_holdout": ge_hold,
            "ler": ler, "europeana": eur, "news": news, "smartdata": smart, "news_dev": news_dev}


def hold_out_articles(sents: list[TaggedSentence], every: int
                      ) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """(kept, held out): the sentences of every ``every``-th article (sorted ids, the first
    included) held out whole, so that no sentence of a held-out article is trained on; 0 =
    none held out."""
    if not every:
        return list(sents), []
    docs = sorted({x.doc for x in sents})
    held = {d for i, d in enumerate(docs) if i % every == 0}
    return [x for x in sents if x.doc not in held], [x for x in sents if x.doc in held]


def load_smartdata(data_dir: Path, share: float, reference: Sequence[TaggedSentence],
                   log=print) -> list[TaggedSentence]:
    """``read_smartdata`` of ``data_dir/smartdata`` when ``share`` > 0; when the folder is
    absent, a message and no sentences (SmartData is optional training data)."""
    if share <= 0:
        return []
    folder = Path(data_dir) / "smartdata"
    if not folder.is_dir():
        log(f"SmartData left out: {folder} not found (smartdata share {share}; put the DFKI "
            "SmartData corpus there -- v1_20180119/ and v3_20200302/ -- or train with "
            "--smartdata 0)")
        return []
    return read_smartdata(folder, reference=reference)


def draw_share(items: Sequence, share: float, rng: random.Random) -> list:
    """``share`` times ``items``: whole copies for the integer part, a random sample for the
    rest (0.5 -> half of them, 1.5 -> all plus half)."""
    whole = int(share)
    out = list(items) * whole
    k = int(round((share - whole) * len(items)))
    return out + (rng.sample(list(items), k) if k else [])


_MENTION_OK = re.compile(r"^[A-ZÄÖÜ][\w.\-'&]*$")


def mention_pools(corpora: Iterable[Sequence[TaggedSentence]], max_len: int = 4
                  ) -> dict[str, list[list[tuple[str, ...]]]]:
    """Distinct entity mentions per label and corpus (for ``swap_mentions``).

    Mentions longer than ``max_len`` tokens, or with a token that is not a
    capitalised word-like string (OCR junk, numbers, a trailing full stop after a
    long word), are left out.
    """
    def ok(tok: str) -> bool:
        return (len(tok) >= 2 and bool(_MENTION_OK.match(tok))
                and (not tok.endswith(".") or len(tok) <= 3))

    pools: dict[str, list[list[tuple[str, ...]]]] = {}
    for corpus in corpora:
        found: dict[str, set] = {}
        for sent in corpus:
            for a, b, lab in bio_to_spans(sent.tags):
                toks = tuple(sent.words[a:b])
                if len(toks) > max_len or not ok(toks[0]) or not ok(toks[-1]):
                    continue
                if not all(ok(t) or t in ("von", "der", "de", "van", "für", "und") for t in toks):
                    continue
                found.setdefault(lab, set()).add(toks)
        for lab, mentions in found.items():
            pools.setdefault(lab, []).append(sorted(mentions))
    return pools


def gazetteer_pools(data_dir: Path, lang_dir: Path | None = None
                    ) -> dict[str, list[tuple[str, ...]]]:
    """Entity names from lagebild's own dictionaries and the PETRARCH2 actor lists.

    ORG: the forms of ``lagebild/lang/de/organisations.tsv`` and ``parties.tsv``;
    LOC: country names and capitals of ``countries.tsv``; PER: the person names of
    ``petrarch2/dictionaries/Phoenix.Countries.actors.txt`` (MIT), title-cased.
    Missing files are skipped (the pools are an augmentation, not required data).
    """
    lang_dir = lang_dir or PACKAGE_DIR / "lang" / "de"
    pools: dict[str, set] = {"ORG": set(), "LOC": set(), "PER": set()}

    def rows(path: Path):
        if path.is_file():
            yield from (row for _, row in read_lexicon_tsv(path.name, path.read_text(encoding="utf-8")))

    for name in ("organisations.tsv", "parties.tsv"):
        for row in rows(lang_dir / name):
            for form in row.get("forms", "").split("|"):
                for f in expand_braces(form.lstrip("?").strip()):
                    if f and f[:1].isupper():
                        pools["ORG"].add(tuple(f.split()))
    for row in rows(lang_dir / "countries.tsv"):
        for key in ("name", "capital"):
            for f in row.get(key, "").split("|"):
                f = f.lstrip("?").strip()
                if f and f[:1].isupper():
                    pools["LOC"].add(tuple(f.split()))
    phoenix = data_dir / "petrarch2" / "dictionaries" / "Phoenix.Countries.actors.txt.xz"
    if phoenix.is_file():
        name_re = re.compile(r"^([A-Z][A-Z'\-]+(?:_[A-Z][A-Z'\-]+){1,3})_?\s*(#.*)?$")
        with _open_text(phoenix) as fh:
            for line in fh:
                m = name_re.match(line.rstrip())
                if m and "CountryInfo" in (m.group(2) or ""):
                    pools["PER"].add(tuple(w.capitalize() for w in m.group(1).split("_")))
    return {k: sorted(v) for k, v in pools.items() if v}


def swap_mentions(sent: TaggedSentence, pools: dict, rng: random.Random, p: float
                  ) -> TaggedSentence:
    """A copy of ``sent`` with each entity replaced, with probability ``p``, by a
    random mention of the same label (mention-replacement augmentation): a corpus
    is drawn first, then a mention from it, so each corpus weighs the same."""
    spans = bio_to_spans(sent.tags)
    if not spans:
        return sent
    words: list[str] = []
    tags: list[str] = []
    pos = 0
    for a, b, lab in spans:
        words += sent.words[pos:a]
        tags += ["O"] * (a - pos)
        new = sent.words[a:b]
        if pools.get(lab) and rng.random() < p:
            new = list(rng.choice(rng.choice(pools[lab])))
        words += new
        tags += [f"B-{lab}"] + [f"I-{lab}"] * (len(new) - 1)
        pos = b
    words += sent.words[pos:]
    tags += ["O"] * (len(sent.words) - pos)
    return TaggedSentence(words, tags, sent.source, sent.line)


def pretrain_texts(corp: dict, data_dir: Path, nlp, s: TrainSettings,
                   rng: random.Random) -> list[list[str]]:
    """Raw token lists for tok2vec pretraining: the GermEval training part (never
    the held-out or early-stopping parts), a LER sample, Europeana and the
    SpkAtt-2023 Bundestag speeches (CC0). Corpora with non-commercial licenses
    (KRAUTS, REDEWIEDERGABE) are left out so the model stays CC BY."""
    import json
    texts = [x.words for x in corp["germeval_train"]]
    texts += [x.words for x in rng.sample(corp["ler"], min(s.pretrain_ler, len(corp["ler"])))]
    texts += [x.words for x in corp["europeana"]]
    spk = sorted((data_dir / "spkatt2023" / "train").glob("*.json"))
    if not spk:
        raise DataError(f"{data_dir / 'spkatt2023' / 'train'}: no *.json files (needed for "
                        "pretraining; set pretrain_epochs=0 to skip)")
    for f in spk:
        try:
            doc = json.loads(f.read_text(encoding="utf-8"))
            texts += [list(x["Tokens"]) for x in doc["Sentences"] if x.get("Tokens")]
        except (ValueError, KeyError, TypeError) as exc:
            raise DataError(f"{f}: not a SpkAtt-2023 speech file ({exc})") from None
    return texts


def _pretrain_tok2vec(nlp, texts: list[list[str]], epochs: int, max_minutes: float,
                      rng: random.Random, log) -> bytes:
    """Pretrain the NER's tok2vec with spaCy's characters objective; returns its weights."""
    from spacy.tokens import Doc
    from spacy.training.pretrain import make_update
    from spacy.util import registry
    from thinc.api import Adam

    objective = registry.resolve({"o": {"@architectures": "spacy.PretrainCharacters.v1",
                                        "maxout_pieces": 3, "hidden_size": 300,
                                        "n_characters": 4}})["o"]
    # the NER model's "tok2vec" ref is chain(Tok2Vec, list2array, Linear); pretrain the
    # Tok2Vec part (it yields one array per doc, as the objective expects)
    ner = nlp.get_pipe("ner")
    inner = ner.model.get_ref("tok2vec").layers[0]
    sample = [nlp.make_doc("Ein Satz , damit die Formen bekannt sind .")]
    inner.initialize(X=sample)
    model = objective(nlp.vocab, inner)
    model.initialize(X=sample)
    from thinc.api import set_dropout_rate
    set_dropout_rate(model, 0.2)
    loss_fn = model.attrs["loss"]
    optimizer = Adam(learn_rate=0.001, L2=0.01, grad_clip=1.0, use_averages=True)
    docs = [Doc(nlp.vocab, words=w) for w in texts if w]
    n_words = sum(len(d) for d in docs)
    log(f"pretraining tok2vec on {len(docs)} texts, {n_words} words, {epochs} epochs")
    t0 = time.time()
    deadline = t0 + max_minutes * 60
    seen, epoch, loss = 0, 0, 0.0
    while epoch < epochs and time.time() < deadline:
        epoch += 1
        rng.shuffle(docs)
        batch, n = [], 0
        for d in docs:
            batch.append(d)
            n += len(d)
            if n >= 3000:
                loss += make_update(model, batch, optimizer, loss_fn)
                seen += n
                batch, n = [], 0
                if time.time() > deadline:
                    break
        log(f"pretrain epoch {epoch}: {seen} words, loss {loss:.0f}, "
            f"{seen / max(time.time() - t0, 1e-9):.0f} words/s")
        loss = 0.0
    with model.use_params(optimizer.averages):
        return inner.to_bytes()


def _example(nlp, sent: TaggedSentence):
    from spacy.tokens import Doc
    from spacy.training import Example
    tags: list = spans_to_bio(len(sent.words), bio_to_spans(sent.tags))
    for i, t in enumerate(sent.tags):
        if t == MISSING:
            tags[i] = None          # unknown, not O (spaCy: missing annotation)
    ref = Doc(nlp.vocab, words=sent.words, ents=tags)
    return Example(Doc(nlp.vocab, words=sent.words), ref)


def evaluate_model(model: NerModel, sents: Sequence[TaggedSentence]) -> dict:
    pred = model.tag_sentences([s.words for s in sents])
    return score_spans([s.tags for s in sents], pred)


def train_ner(data_dir: str | Path | None = None, out: str | Path | None = None,
              settings: TrainSettings | None = None, config_path: str | Path | None = None,
              log: Callable[[str], None] = print) -> dict:
    """Train the NER model and write it to ``out`` (default: the shipped location).

    Returns the model's meta (scores on the early-stopping dev part and on the
    held-out GermEval part). The old model is replaced only when training ends
    without error. Matrix products run on numpy's BLAS (``lagebild.inference``).
    """
    from .inference import blas_ops
    with blas_ops():
        return _train_ner(data_dir, out, settings, config_path, log)


def _train_ner(data_dir, out, settings, config_path, log) -> dict:
    from spacy.util import fix_random_seed, load_config, load_model_from_config
    from thinc.api import compounding

    s = settings or TrainSettings()
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    out = Path(out) if out else MODEL_DIR
    config_path = Path(config_path) if config_path else CONFIG_PATH
    if not data_dir.is_dir():
        raise DataError(f"{data_dir}: data folder not found -- pass --data or set LAGEBILD_SHARED")
    t0 = time.time()
    corp = load_corpora(data_dir, s, log)
    rng = random.Random(s.seed)
    fix_random_seed(s.seed)

    config = load_config(config_path)
    config["system"]["seed"] = s.seed
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    ner = nlp.get_pipe("ner")
    vectors = None
    t_vec = time.time()
    if _uses_static_vectors(config):
        from .vectors import load_vectors, train_vectors
        if s.vectors:
            vectors = load_vectors(s.vectors)
            log(f"static vectors from {s.vectors}: {vectors.shape[0]} x {vectors.shape[1]} "
                f"({vectors.mode})")
        else:
            with tempfile.TemporaryDirectory(prefix="lagebild_vectors_") as vtmp:
                vectors = load_vectors(train_vectors(data_dir, Path(vtmp) / "vectors", log=log))
        nlp.vocab.vectors = vectors
    vectors_minutes = (time.time() - t_vec) / 60
    labels = LABELS if s.misc else SCORED_LABELS
    for lab in labels:
        ner.add_label(lab)

    ler_ent = [x for x in corp["ler"] if any(t != "O" for t in x.tags)]
    ler_none = [x for x in corp["ler"] if all(t == "O" for t in x.tags)]
    n_ent = int(s.ler_per_epoch * s.ler_entity_share)

    pools = mention_pools([corp["germeval_train"], corp["ler"], corp["europeana"], corp["news"]])
    if s.gazetteers:
        for lab, names in gazetteer_pools(data_dir).items():
            pools.setdefault(lab, []).append(names)
    log("mention pools: " + ", ".join(f"{k} {sum(map(len, v))}" for k, v in pools.items()))

    smart_main = [x for x in corp.get("smartdata", []) if x.kind != "tweet"]
    smart_tweets = [x for x in corp.get("smartdata", []) if x.kind == "tweet"]

    def epoch_sents() -> list[TaggedSentence]:
        sents = list(corp["germeval_train"])
        for _ in range(s.germeval_repeat - 1):
            sents += [swap_mentions(x, pools, rng, s.mention_swap) if s.mention_swap else x
                      for x in corp["germeval_train"]]
        sents += rng.sample(ler_ent, min(n_ent, len(ler_ent)))
        sents += rng.sample(ler_none, min(s.ler_per_epoch - n_ent, len(ler_none)))
        eur = corp["europeana"]
        sents += rng.sample(eur, int(len(eur) * s.europeana_share))
        sents += corp["news"] * s.news_repeat
        if smart_main:
            sents += draw_share(smart_main, s.smartdata_share, rng)
        if smart_tweets:
            sents += draw_share(smart_tweets, s.smartdata_share * s.smartdata_tweet_weight, rng)
        rng.shuffle(sents)
        return sents

    t2v_bytes = None
    t_pre = time.time()
    if s.pretrain_epochs > 0:
        texts = pretrain_texts(corp, data_dir, nlp, s, rng)
        t2v_bytes = _pretrain_tok2vec(nlp, texts, s.pretrain_epochs, s.pretrain_max_minutes,
                                      rng, log)
    pretrain_minutes = (time.time() - t_pre) / 60
    first = [_example(nlp, x) for x in epoch_sents()[:500]]
    optimizer = nlp.initialize(lambda: first)
    if t2v_bytes is not None:
        ner.model.get_ref("tok2vec").layers[0].from_bytes(t2v_bytes)
    model = NerModel(nlp)
    dev = corp["germeval_dev"] + corp.get("news_dev", [])
    sizes = compounding(s.batch_start, s.batch_stop, 1.001)
    best_f, best_step, best_bytes = -1.0, 0, None
    step, epoch, words_seen = 0, 0, 0
    deadline = time.time() + s.max_minutes * 60
    stop_reason = "time budget"
    losses: dict = {}
    done = False
    while not done:
        epoch += 1
        examples = [_example(nlp, x) for x in epoch_sents()]
        for batch in _batches_by_words(examples, sizes):
            nlp.update(batch, sgd=optimizer, drop=s.dropout, losses=losses)
            step += 1
            words_seen += sum(len(e.reference) for e in batch)
            if step % s.eval_every == 0:
                with nlp.use_params(optimizer.averages):
                    f = evaluate_model(model, dev)["micro"]["f1"]
                    if f > best_f:
                        best_f, best_step = f, step
                        best_bytes = nlp.get_pipe("ner").to_bytes(exclude=["vocab"])
                el = time.time() - t0
                log(f"epoch {epoch} step {step} loss {losses.get('ner', 0.0):.1f} "
                    f"dev F1 {f:.3f} (best {best_f:.3f} @ {best_step}) "
                    f"{words_seen / max(el, 1e-9):.0f} words/s {el / 60:.1f} min")
                losses = {}
                if step - best_step >= s.patience:
                    stop_reason, done = "no dev improvement", True
                    break
            if time.time() > deadline:
                stop_reason, done = "time budget", True
                break
            if s.max_steps and step >= s.max_steps:
                stop_reason, done = "max steps", True
                break

    # final evaluation of the averaged weights, keep the best of both
    with nlp.use_params(optimizer.averages):
        f = evaluate_model(model, dev)["micro"]["f1"]
        if f > best_f or best_bytes is None:
            best_f, best_step = f, step
            best_bytes = nlp.get_pipe("ner").to_bytes(exclude=["vocab"])
    train_minutes = (time.time() - t0) / 60

    # a fresh pipeline from the config holds only the strings it needs
    final = load_model_from_config(config, auto_fill=True, validate=True)
    if vectors is not None:
        final.vocab.vectors = vectors
    final.get_pipe("ner").from_bytes(best_bytes, exclude=["vocab"])
    fm = NerModel(final)
    dev_scores = evaluate_model(fm, dev)
    hold_scores = evaluate_model(fm, corp["germeval_holdout"])
    meta = {
        "trained_minutes": round(train_minutes, 1),
        "pretrain_minutes": round(pretrain_minutes, 1),
        "vectors_minutes": round(vectors_minutes, 1),
        "vectors": None if vectors is None else {"mode": vectors.mode, "shape": list(vectors.shape)},
        "steps": step, "epochs": epoch,
        "best_step": best_step, "stop_reason": stop_reason, "settings": asdict(s),
        "data": str(data_dir),
        "sentences": {k: len(v) for k, v in corp.items()},
        "early_stopping_dev": _round(dev_scores),
        **({"early_stopping_dev_germeval": _round(evaluate_model(fm, corp["germeval_dev"]))}
           if corp.get("news_dev") else {}),
        "germeval_holdout": _round(hold_scores),
        "holdout_rule": f"GermEval 2014 dev sentence i (0-based, file order) with "
                        f"i % {s.holdout_every} == {s.holdout_every - 1}; never trained on",
    }
    final.meta["name"] = "lagebild_ner_de"
    final.meta["version"] = "0.1.0"
    smart_used = bool(corp.get("smartdata")) and s.smartdata_share > 0
    news_used = bool(corp.get("news")) and s.news_repeat > 0
    final.meta["description"] = ("German NER (PER, LOC, ORG, MISC) trained by `lagebild train ner` "
                                 "on GermEval 2014 dev (part), LER, Europeana newspapers"
                                 + (", DFKI SmartData (training part)" if smart_used else "")
                                 + (", 10kGNAD news sentences annotated by lagebild" if news_used else ""))
    final.meta["license"] = model_license(smart_used, news_used)
    final.meta["lagebild"] = meta
    save_atomically(final, out)
    clear_cache()
    log(f"done: {stop_reason} after {step} steps / {epoch} epochs in {train_minutes:.1f} min; "
        f"best dev F1 {best_f:.3f} at step {best_step}")
    log("held-out GermEval part:\n" + format_scores(hold_scores))
    log(f"model written to {out}")
    return meta


def _uses_static_vectors(config) -> bool:
    """Whether the NER tok2vec of a spaCy config reads static vectors."""
    try:
        embed = config["components"]["ner"]["model"]["tok2vec"]["embed"]
    except KeyError:
        return False
    return bool(embed.get("include_static_vectors", False))


def _batches_by_words(examples, sizes) -> Iterator[list]:
    batch, n = [], 0
    size = next(sizes)
    for ex in examples:
        batch.append(ex)
        n += len(ex.reference)
        if n >= size:
            yield batch
            batch, n = [], 0
            size = next(sizes)
    if batch:
        yield batch


def _round(scores: dict) -> dict:
    return {k: {kk: (round(vv, 4) if isinstance(vv, float) else vv) for kk, vv in v.items()}
            for k, v in scores.items()}
