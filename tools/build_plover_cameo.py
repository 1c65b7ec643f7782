#!/usr/bin/env python3
"""Build lagebild/lang/plover_cameo.tsv: PLOVER (type, mode) -> CAMEO code, quad class, Goldstein.

Sources (read-only, in ../shared/data; see lagebild/lang/de/README.md for licenses):
  plover/CAMEO2PLOVER-2021.txt   CAMEO code -> PLOVER type, mode (CC BY-SA 4.0)
  plover/PLOVER_MANUAL.tex       the modes of each PLOVER type (tables "X modes")
  cameo/CAMEO.goldsteinscale.txt GDELT's Goldstein value per CAMEO code

How a row is chosen (reproducible, no judgment hidden in the output):
  * default row (mode empty) of a type: the CAMEO root (2 digits) most CAMEO codes of that type
    fall under, except where DEFAULT_ROOT overrides it (with the reason);
  * (type, mode) in MODE_CHOICES below: that code, with the CAMEO description it was matched to
    (PLOVER modes CAMEO lacks, and two where CAMEO2PLOVER's first code is a poor fit);
  * other (type, mode) found in CAMEO2PLOVER: its codes, preferring those under the type's default
    root, then the most general (shortest), then the lowest code;
  * modes: the manual's mode tables, EXTRA_MODES, and CAMEO2PLOVER's modes (not its contexts);
  * Goldstein: GDELT's value for the chosen code, else its parent code, else its root;
  * quad_class: PLOVER's quad category (manual, "Quad categories in PLOVER");
    gdelt_quad_class: GDELT's QuadClass of the CAMEO root (01-05, 06-08, 09-13, 14-20).

Usage:
    python tools/build_plover_cameo.py            # writes lagebild/lang/plover_cameo.tsv
    python tools/build_plover_cameo.py --check    # exit 1 if the file differs from a rebuild
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "lagebild" / "lang" / "plover_cameo.tsv"

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# PLOVER manual, table "Quad categories in PLOVER".
PLOVER_QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}

# Modes named in EVENTS.md but without a table in the manual (REQUEST/REJECT share CAMEO's).
EXTRA_MODES = {"REQUEST": ("assist", "change", "yield", "meet"),
               "REJECT": ("assist", "change", "yield", "meet")}

DEFAULT_ROOT = {
    "ASSAULT": ("19", "conventional military force (invade, shell, air strikes) is the ASSAULT "
                      "international news reports most; CAMEO2PLOVER spreads ASSAULT over 18/19/20"),
}

# (type, mode) -> (CAMEO code, CAMEO description it was matched to)
MODE_CHOICES = {
    ("RETREAT", "withdraw"): ("0874", "Retreat or surrender militarily (CAMEO2PLOVER's only "
                                      "'withdraw' code, 0872, eases a blockade)"),
    ("MOBILIZE", "troops"): ("154", "Mobilize or increase armed forces (not just alert status, 152)"),
    ("CONSULT", "multilateral"): ("040", "Consult, not specified below"),
    ("RETREAT", "release"): ("0841", "Return, release person(s)"),
    ("RETREAT", "ceasefire"): ("0871", "Declare truce, ceasefire"),
    ("RETREAT", "resign"): ("0831", "Accede to demands for change in leadership"),
    ("REQUEST", "yield"): ("105", "Demand that target yields (CAMEO2PLOVER: mode change)"),
    ("THREATEN", "restrict"): ("1321", "Threaten to impose restrictions on political freedoms"),
    ("THREATEN", "arrest"): ("132", "Threaten with administrative sanctions"),
    ("THREATEN", "territory"): ("1382", "Threaten occupation"),
    ("PROTEST", "strike"): ("143", "Conduct strike or boycott"),
    ("PROTEST", "vandalize"): ("145", "Protest violently, riot"),
    ("SANCTION", "convict"): ("116", "Find guilty or liable (legally)"),
    ("MOBILIZE", "weapons"): ("154", "Mobilize or increase armed forces"),
    ("MOBILIZE", "militia"): ("154", "Mobilize or increase armed forces"),
    ("COERCE", "censor"): ("1721", "Impose restrictions on political freedoms"),
    ("COERCE", "curfew"): ("1723", "Impose curfew"),
    ("COERCE", "martial-law"): ("1724", "Impose state of emergency or martial law"),
    ("COERCE", "withhold"): ("172", "Impose administrative sanctions"),
    ("COERCE", "misinformation"): ("17", "Coerce (no CAMEO code for misinformation)"),
    ("COERCE", "cyber"): ("17", "Coerce (no CAMEO code for cyber attacks)"),
    ("ASSAULT", "torture"): ("1822", "Torture"),
    ("ASSAULT", "sexual"): ("1821", "Sexually assault"),
    ("ASSAULT", "targeted"): ("186", "Assassinate"),
    ("ASSAULT", "destroy"): ("1712", "Destroy property"),
    ("ASSAULT", "primitive"): ("180", "Use unconventional violence"),
    ("ASSAULT", "explosives"): ("183", "Conduct suicide, car, or other non-military bombing"),
    ("ASSAULT", "aerial"): ("195", "Employ aerial weapons"),
    ("ASSAULT", "drone"): ("195", "Employ aerial weapons"),
    ("ASSAULT", "crowd-control"): ("175", "Use tactics of violent repression"),
}


def shared_dir() -> Path:
    env = os.environ.get("LAGEBILD_SHARED")
    return Path(env) if env else ROOT / ".." / "shared"


def read_cameo2plover(path: Path) -> list[tuple[str, str, str, str]]:
    """(code, type, mode, description) for every CAMEO code line."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        body, _, comment = line.partition("#")
        m = re.match(r"\s*(\d{2,4})\s*:\s*(.*)", body)
        if not m:
            continue
        fields = [f.strip() for f in m.group(2).split(",")]
        if len(fields) < 2:          # "03: AGREE" root headers
            continue
        rows.append((m.group(1), fields[0].upper(), fields[1].lower(), comment.strip()))
    return rows


def read_goldstein(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split()
        if len(parts) == 2:
            out[parts[0]] = float(parts[1])
    return out


def read_manual_modes(path: Path) -> dict[str, list[str]]:
    modes: dict[str, list[str]] = defaultdict(list)
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.search(r"\\caption\{(?:\\plcat\{)?([A-Z]+)\}? modes\}", line)
        if m:
            current = m.group(1)
            continue
        if current and "end{tabular}" in line:
            current = None
            continue
        if current and not line.lstrip().startswith("%"):
            m = re.match(r"\s*([a-z][a-z-]*)\s*&", line)
            if m and m.group(1) != "name":
                modes[current].append(m.group(1))
    return modes


def gdelt_quad(root: str) -> int:
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def goldstein_of(code: str, gs: dict[str, float]) -> float:
    for c in (code, code[:3], code[:2]):
        if c in gs:
            return gs[c]
    raise SystemExit(f"no Goldstein value for CAMEO {code}")


def build() -> str:
    data = shared_dir() / "data"
    try:
        c2p = read_cameo2plover(data / "plover" / "CAMEO2PLOVER-2021.txt")
        gs = read_goldstein(data / "cameo" / "CAMEO.goldsteinscale.txt")
        manual = read_manual_modes(data / "plover" / "PLOVER_MANUAL.tex")
    except FileNotFoundError as exc:
        raise SystemExit(f"{exc.filename}: not found -- this script needs ../shared/data "
                         "(or set LAGEBILD_SHARED to the shared folder)")
    by_type: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for code, typ, mode, desc in c2p:
        by_type[typ].append((code, mode, desc))
    lines = ["# PLOVER type/mode -> CAMEO root, CAMEO code, quad class, Goldstein value.",
             "# Generated by tools/build_plover_cameo.py from ../shared/data (CAMEO2PLOVER-2021, PLOVER manual,",
             "# GDELT Goldstein scale); do not edit by hand -- edit the script and rerun it.",
             "# quad_class: PLOVER quad (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict);",
             "# gdelt_quad_class: GDELT's QuadClass of the CAMEO root (differs for SANCTION, root 16).",
             "type\tmode\tcameo\tcameo_code\tquad_class\tgoldstein\tgdelt_quad_class\tnote"]
    for typ in TYPES:
        codes = by_type.get(typ, [])
        if not codes:
            raise SystemExit(f"CAMEO2PLOVER has no code for {typ}")
        counts = Counter(code[:2] for code, _, _ in codes)
        derived = sorted(counts, key=lambda r: (-counts[r], r))[0]
        root, why = DEFAULT_ROOT.get(typ, (derived, f"root of {counts[derived]} of the "
                                                     f"{len(codes)} CAMEO codes mapped to {typ}"))
        rows = [("", root, root, why)]
        modes = list(dict.fromkeys(manual.get(typ, []) + list(EXTRA_MODES.get(typ, ()))
                                   + [m for _, m, _ in codes if m and "_" not in m]))
        for mode in modes:
            cands = sorted((c for c, m, _ in codes if m == mode),
                           key=lambda c: (c[:2] != root, len(c), c))
            if (typ, mode) in MODE_CHOICES:
                code, desc = MODE_CHOICES[(typ, mode)]
                note = f"chosen: {code} {desc}"
            elif cands:
                code = cands[0]
                desc = next(d for c, m, d in codes if c == code and m == mode)
                note = f"CAMEO2PLOVER: {code} {desc}"
            else:
                raise SystemExit(f"no CAMEO code for {typ}/{mode}: add it to MODE_CHOICES")
            rows.append((mode, code[:2], code, note))
        for mode, r, code, note in rows:
            lines.append("\t".join([typ, mode, r, code, str(PLOVER_QUAD[typ]),
                                    f"{goldstein_of(code, gs):.1f}", str(gdelt_quad(r)),
                                    note.replace("\t", " ")]))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the file, do not write")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output file (default {OUT})")
    args = ap.parse_args(argv)
    text = build()
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} differs from a rebuild")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({text.count(chr(10)) - 6} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
