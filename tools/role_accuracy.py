"""How often the role model's likeliest mention is the gold source / target of a corpus event.

    python tools/role_accuracy.py [dev|train]                      # the event model in use
    LAGEBILD_EVENT_MODEL=DIR LAGEBILD_DEP_MODEL=PARSER python tools/role_accuracy.py dev   # a --parse model

For each required gold event of the split whose cue is a content token: among the candidate
mentions of its sentence (and the one before), is the one with the highest source (target)
probability a gold source (target)? Events whose gold side is no candidate are counted apart.
Train and dev only (session 9: dev 85 of 115 sources, 67 of 108 targets; with the parse 89 / 71).
"""
from __future__ import annotations

import sys
from collections import Counter


def main(split: str = "dev") -> Counter:
    from lagebild.corpus import load
    from lagebild.learned import load_event_model
    from lagebild.learned.features import candidate_mentions, content_token, role_features
    from lagebild.learned.train import Prepared, _overlaps
    from lagebild.pipeline import Analyzer
    if split == "test":
        raise SystemExit("the test split is scored only with `lagebild eval events --split test`")
    model = load_event_model()
    an = Analyzer(coder="rules")
    if model.meta.get("uses_parse"):
        from lagebild.depparse import load_dep
        an.dep = load_dep()
    col = {c: i for i, c in enumerate(model.role.classes)}
    out: Counter = Counter()
    for d in load(split=split, include_written=False):
        prep = Prepared(d, an)
        ctx = prep.ctx
        for ev in prep.gold:
            if ev.optional:
                continue
            typ = ev.type.split("|")[0]
            st = next((s for s in ctx.sentences if s.sentence.start <= ev.cue.start < s.sentence.end), None)
            toks = [t for t in st.tokens if _overlaps(t.start, t.end, ev.cue.start, ev.cue.end)
                    and content_token(t)] if st is not None else []
            ms = candidate_mentions(st, ctx) if toks else []
            if not ms:
                continue
            probs = model.role.proba_many([role_features(st, toks[0].i, typ, m, ctx) for m in ms])
            for side, parts in (("source", ev.source), ("target", ev.target)):
                spans = [q.span for q in parts if q.span]
                gold = [i for i, m in enumerate(ms) if any(_overlaps(m.start, m.end, s.start, s.end) for s in spans)]
                if not gold:
                    out[f"{side}: gold not among the candidates"] += 1
                    continue
                best = max(range(len(ms)), key=lambda i: probs[i][col[side]])
                out[f"{side}: events"] += 1
                out[f"{side}: likeliest mention right"] += best in gold
    return out


if __name__ == "__main__":
    for k, v in sorted(main(sys.argv[1] if len(sys.argv) > 1 else "dev").items()):
        print(f"{v:5d}  {k}")
