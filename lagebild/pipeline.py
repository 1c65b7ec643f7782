"""The analyzer: Article -> Document, stage by stage.

Stages (each a module): text (paragraphs, captions, sentences, tokens) ->
timex (time expressions) -> ner (statistical names, optional) -> actors
(recognition, coding, coreference) -> syntax (dependency parse of the sentences with
actors, for the learned coder) -> quotes -> events (coding, factuality,
conditions, attribution, magnitudes) -> dates and places -> merge (one record
per happening) -> cameo (quad class, CAMEO root, Goldstein).
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from . import cameo
from .actors import ActorTagger
from .events import EventCoder
from .longdoc import MAX_PIECE, bound_sentences, defuse_runs, join_documents, pieces
from .events.policies import output_policies
from .merge import merge_events
from .offsets import TextMap, clean, rebase
from .quotes import find_quote_spans, find_quotes
from .wording import count
from .syntax import parse_sentences
from .records import Article, Document, Entity, Event, Quote, Sentence, Timex
from .text import SentenceTokens, segment, tokenize
from .timex import find_timexes

CODERS = ("auto", "rules", "learned", "both")


@dataclass
class Stages:
    """What the stages before event coding found in one article (also the learned coder's input)."""

    sentences: list[Sentence]
    sent_tokens: list[SentenceTokens]
    actors: object                  # actors.ActorIndex
    quotes: list[Quote]
    timexes: list[Timex]
    entities: list[Entity]
    rule_events: list[Event]        # the rule coder's events, not yet merged
    warnings: list[str]
    tm: TextMap                     # the cleaned text the stages read, and the way back to the input
    reporters: dict = field(default_factory=dict)   # sentence index -> who reports it (rule coder)
    cited: dict = field(default_factory=dict)       # ... when named by "laut", "nach Angaben", "zufolge"


class Analyzer:
    """Holds the loaded language resources; call it on an Article to get a Document.

    ``use_models``: run the shipped NER model (falls back to dictionaries, with a
    warning, when the model file is missing or corrupt).
    ``coder``: which event coder speaks: ``rules`` (the cue lexicon and clause rules),
    ``learned`` (the models trained on the annotated corpus, rules as features), ``both``
    (their union) or ``auto`` (``learned`` when a trained model ships, else ``rules``).
    ``min_confidence``: drop learned events below this confidence (rule events have none).
    """

    def __init__(self, use_models: bool = True, coder: str = "auto", min_confidence: float | None = None):
        if coder not in CODERS:
            raise ValueError(f"coder must be one of {', '.join(CODERS)}, not {coder!r}")
        self.use_models = use_models
        self.tagger = ActorTagger()
        self.coder = EventCoder()
        self.learned = None
        if coder != "rules":
            from .learned import LearnedCoder, load_event_model
            model = load_event_model()
            if model is not None:
                self.learned = LearnedCoder(model, self.coder.lex)
            elif coder != "auto":
                from .errors import ModelError
                raise ModelError("no trained event model ships with this installation -- "
                                 "train one with `lagebild train events` or use --coder rules")
        if coder == "auto":
            coder = self.learned.model.meta.get("default_coder", "learned") if self.learned is not None else "rules"
        self.coder_mode = coder
        if min_confidence is None and self.learned is not None:
            min_confidence = self.learned.model.thresholds.__dict__.get("min_confidence", 0.0)
        self.min_confidence = min_confidence or 0.0
        self.ner = None
        if use_models:
            try:
                from .ner import try_load_ner
                self.ner = try_load_ner()
            except ImportError:  # pragma: no cover - the module ships with the package
                self.ner = None
        self.dep = None
        if self.learned is not None and self.learned.model.meta.get("uses_parse"):
            self.dep = _parser_for(self.learned.model.meta)

    def __call__(self, article: Article) -> Document:
        if len(article.text) > MAX_PIECE:
            return self._long(article)
        prepared = self._prepare(article)
        if self.ner is not None:
            self.ner.annotate_own(prepared[2])
        return self._finish(article, prepared)

    def pipe(self, articles: Iterable[Article], batch_size: int = 32,
             on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[Document]:
        """Analyze many articles; the NER model runs over batches (about 20% faster).

        ``on_error(article, exc)``: an article whose analysis fails is passed to it and
        skipped (its batch is redone one article at a time, so it takes no other article
        with it); without it the exception propagates.
        """
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._safe_batch(batch, on_error)
                batch = []
        if batch:
            yield from self._safe_batch(batch, on_error)

    def _safe_batch(self, articles: list[Article], on_error) -> Iterator[Document]:
        if on_error is None:
            yield from self._batch(articles)
            return
        try:
            docs = list(self._batch(articles))
        except Exception:  # noqa: BLE001 - redone one by one below
            docs = None
        if docs is not None:
            yield from docs
            return
        for article in articles:
            try:
                doc = self(article)
            except Exception as exc:  # noqa: BLE001 - reported by the caller
                on_error(article, exc)
                continue
            yield doc

    def _long(self, article: Article) -> Document:
        """A long article in bounded pieces (see :mod:`lagebild.longdoc`)."""
        parts = []
        for start, end in pieces(article.text):
            sub = replace(article, text=article.text[start:end])
            prepared = self._prepare(sub)
            if self.ner is not None:
                self.ner.annotate_own(prepared[2])
            parts.append((start, self._finish(sub, prepared)))
        doc = join_documents(article, parts, merge_events)
        for ev in doc.events:       # events of two pieces merged: the evidence of both
            ev.mark_named_elsewhere()
        return doc

    def _batch(self, articles: list[Article]) -> Iterator[Document]:
        if any(len(a.text) > MAX_PIECE for a in articles):
            for a in articles:
                yield self(a)
            return
        prepared = [self._prepare(a) for a in articles]
        if self.ner is not None:
            self.ner.annotate_own_many([p[2] for p in prepared])
        for article, prep in zip(articles, prepared):
            yield self._finish(article, prep)

    def _prepare(self, article: Article):
        """Sentences and tokens (one tokenization, by the NER model's tokenizer when it is loaded),
        on the cleaned text (``offsets.clean``); offsets are moved back onto the input at the end.
        Sentences are bounded and long punctuation runs spared the tokenizer (``lagebild.longdoc``)."""
        tm = clean(article.text)
        sentences = bound_sentences(segment(tm.text), tm.text)
        spacy_doc, sent_tokens = tokenize(defuse_runs(tm.text), sentences,
                                          self.ner.nlp if self.ner is not None else None)
        return sentences, sent_tokens, spacy_doc, tm

    def stages(self, article: Article) -> Stages:
        """Everything up to (and including) the rule coder's raw events, for one article."""
        prepared = self._prepare(article)
        if self.ner is not None:
            self.ner.annotate_own(prepared[2])
        return self._stages(article, prepared)

    def _finish(self, article: Article, prepared) -> Document:
        st = self._stages(article, prepared)
        if self.learned is not None and self.coder_mode in ("learned", "both"):
            cache: dict = {}
            learned = self.learned.code(st.sent_tokens, st.actors, st.rule_events, st.timexes, article.dct,
                                        cache=cache, reporters=st.reporters, cited=st.cited)
            if self.coder_mode == "both":
                self.learned.score_rule_events(st.rule_events, cache["ctx"], cache)
            from .learned.coder import combine, left_out
            both = self.coder_mode == "both"
            events = combine(learned, st.rule_events, both, lambda e: self.learned.keep(e, self.min_confidence))
            below = left_out(combine(learned, st.rule_events, both, lambda e: True), events) \
                if self.min_confidence > 0 else 0
        else:
            events = merge_events(st.rule_events)
            below = 0
        events = output_policies(events, st.actors.dateline_code)
        for ev in events:
            ev.cameo, ev.quad_class, ev.goldstein = cameo.code_event(ev.type, ev.mode)
        doc = Document(doc_id=article.doc_id, dct=article.dct, text=st.tm.text, title=article.title,
                       url=article.url, source=article.source, sentences=st.sentences,
                       actors=st.actors.actors, events=events, quotes=st.quotes, timexes=st.timexes,
                       entities=st.entities, warnings=st.warnings, below_floor=max(below, 0))
        rebase(doc, st.tm)     # every start/end indexes article.text
        for ev in doc.events:   # which sides the text names only in another sentence
            ev.mark_named_elsewhere()
        return doc

    def _stages(self, article: Article, prepared) -> Stages:
        sentences, sent_tokens, spacy_doc, tm = prepared
        text = tm.text
        quote_spans = find_quote_spans(text)
        doc_warnings: list[str] = []
        try:
            timexes = find_timexes(text, article.dct, warnings=doc_warnings)
        except Exception as e:  # a bug in one stage must not lose the article's other results
            timexes = []
            doc_warnings.append(f"time expressions skipped: {type(e).__name__}: {e}")
        unresolved = [t.text for t in timexes if t.value and "X" in t.value] if not article.dct else []
        if unresolved:
            doc_warnings.append(f"no document date: {count(len(unresolved), 'time expression')} relative to it "
                                f"(\"{unresolved[0]}\") left unresolved -- give the article a 'date: YYYY-MM-DD' "
                                "line or pass --dct")
        entities: list[Entity] = []
        if self.ner is not None:
            entities = [Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char)
                        for e in spacy_doc.ents]
        actors = self.tagger.tag(sent_tokens, quote_spans, entities, home=article.country, dct=article.dct)
        if self.dep is not None:   # structure where the learned coder may find participants
            with_mention = {m.sent for m in actors.mentions}
            parse_sentences(self.dep, [st for st in sent_tokens if st.sentence.index in with_mention
                                       and st.sentence.kind == "body"])
        for ent in entities:   # a name the lexicon also knows gets its code ("München" -> DEU)
            ent.code = next((m.code for m in actors.mentions if m.start < ent.end and ent.start < m.end
                             and not m.pronoun), None)
        quotes = find_quotes(text, quote_spans, sentences, actors)
        reporters: dict = {}
        cited: dict = {}
        events = self.coder.code(sent_tokens, actors, timexes, article.dct, text=text, quotes=quotes,
                                 reporters=reporters, cited=cited)
        return Stages(sentences, sent_tokens, actors, quotes, timexes, entities, events, doc_warnings, tm,
                      reporters, cited)


def _parser_for(meta: dict):
    """The dependency parser an event model trained with ``--parse`` reads (``$LAGEBILD_DEP_MODEL``,
    else the one it was trained with, else the package's); None, with a warning that says what
    to do, when it is missing or another one."""
    import os
    from pathlib import Path

    from . import depparse
    from .inference import try_load
    trained_with, fingerprint = meta.get("dep_path"), meta.get("dep_fingerprint")
    path = None if os.environ.get("LAGEBILD_DEP_MODEL") or not trained_with or not Path(trained_with).is_dir() \
        else trained_with
    fix = (f"set LAGEBILD_DEP_MODEL to the parser the event model was trained with ({trained_with}, "
           f"fingerprint {fingerprint}), or retrain the event model (`lagebild train events`, with --parse "
           "to keep the structure features)")
    dep = try_load(depparse.load_dep, path, f"sentence structure; {fix}")
    if dep is not None and fingerprint and dep.fingerprint != fingerprint:
        warnings.warn(f"the event model was trained on the structure of another dependency parser "
                      f"(this one is {dep.fingerprint} at {dep.path}); {fix}", RuntimeWarning, stacklevel=3)
    return dep


_DEFAULT: Analyzer | None = None


def default_analyzer() -> Analyzer:
    global _DEFAULT
    if _DEFAULT is None:
        with warnings.catch_warnings():
            _DEFAULT = Analyzer()
    return _DEFAULT


def analyze(text: str, dct: str | None = None, doc_id: str = "doc") -> Document:
    """Analyze one German article body; ``dct`` is its date (YYYY[-MM[-DD]]) if known."""
    return default_analyzer()(Article(doc_id=doc_id, text=text, dct=dct))


def rules_analyzer() -> Analyzer:
    """An analyzer with the rule coder alone (``ingest --analyzer lagebild.pipeline:rules_analyzer``):
    output that does not change when the learned model is retrained."""
    return Analyzer(coder="rules")
