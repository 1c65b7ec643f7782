"""Move participant spans that an anchoring slip put inside a word onto the word itself.

The anchorer (``lagebild.corpus.anchor``) placed a participant at the occurrence of its
surface nearest to the cue, also inside another word: "er" of "Erneut kritisierte er" landed
in "kritisi(er)te". It now prefers occurrences that begin a word; this rewrites the stored
corpus files the same way (``corpus.misplaced`` finds such spans, ``lagebild corpus check``
reports them). Codes, types, sides and every other field stay as they are; the dyads and so
the scores of every split are unchanged (spans only teach the models where a participant is).

    python tools/reanchor_spans.py [--dry-run]

Needs ../shared/data/10kgnad for the texts of the 10kGNAD articles.
"""
from __future__ import annotations

import argparse
import json
import sys

from lagebild.corpus import Span, _anchor_near, data_dir, gnad_texts, misplaced


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true", help="only list what would move")
    args = ap.parse_args()
    texts = gnad_texts()
    moved = 0
    for name in ("corpus.jsonl", "extension.jsonl", "written.jsonl"):
        path = data_dir() / "events" / name
        out = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                out.append(line)
                continue
            rec = json.loads(line)
            text = rec.get("text") if rec.get("written") else texts.get(rec["doc_id"], (None, None))[1]
            if text is None:
                print(f"{name}:{n} {rec['doc_id']}: text not found; left as it is", file=sys.stderr)
                out.append(line)
                continue
            changed = False
            for k, ev in enumerate(rec.get("events") or [], 1):
                for side in ("source", "target"):
                    for p in ev.get(side) or []:
                        if p.get("start") is None:
                            continue
                        sp = Span(p["start"], p["end"], p["text"])
                        if not misplaced(text, sp):
                            continue
                        new = _anchor_near(text, sp.text, ev["cue"]["start"], f"{rec['doc_id']} event {k}", side)
                        print(f"{name}:{n} {rec['doc_id']} event {k} {side} {sp.text!r}: "
                              f"{sp.start}-{sp.end} -> {new.start}-{new.end}")
                        p["start"], p["end"] = new.start, new.end
                        changed = True
                        moved += 1
            out.append(json.dumps(rec, ensure_ascii=False) if changed else line)
        if not args.dry_run:
            path.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{moved} spans {'would move' if args.dry_run else 'moved'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
