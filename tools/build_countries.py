#!/usr/bin/env python3
"""Draft and check lagebild/lang/de/countries.tsv against the mledoze country data.

countries.tsv is written and reviewed by hand (demonyms, inflections and capitals have no
data source); this tool helps keep it complete and consistent:

    python tools/build_countries.py --check      # UN members missing, German names that differ
    python tools/build_countries.py --draft      # skeleton rows for missing states, to stdout
    python tools/build_countries.py --add-official   # add official names + inflections to `names`
    python tools/build_countries.py --borders    # write lagebild/lang/de/borders.tsv (land neighbours)

Source: ../shared/data/countries/mledoze_countries.json.xz (mledoze/countries, ODbL 1.0),
fields cca3, unMember, translations.deu.common/official. Set LAGEBILD_SHARED to point
elsewhere.
"""
from __future__ import annotations

import argparse
import json
import lzma
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TSV = ROOT / "lagebild" / "lang" / "de" / "countries.tsv"
COLUMNS = ("code", "name", "names", "adj", "noun_m", "noun_f", "noun_pl", "capital", "genus", "status")
# mledoze's code for Kosovo is UNK; lagebild uses XKX. It marks the Vatican (observer) a member.
CODE_MAP = {"UNK": "XKX"}
NOT_MEMBERS = {"VAT"}
EXTRA = {"XKX": "partial", "PSE": "observer", "VAT": "observer", "TWN": "other"}


def shared_dir() -> Path:
    env = os.environ.get("LAGEBILD_SHARED")
    return Path(env) if env else ROOT / ".." / "shared"


def load_mledoze() -> dict[str, dict]:
    path = shared_dir() / "data" / "countries" / "mledoze_countries.json.xz"
    if not path.exists():
        raise SystemExit(f"{path}: not found -- this tool needs ../shared/data (or LAGEBILD_SHARED)")
    out = {}
    for c in json.load(lzma.open(path, "rt", encoding="utf-8")):
        code = CODE_MAP.get(c["cca3"], c["cca3"])
        member = bool(c.get("unMember")) and code not in NOT_MEMBERS
        if member or code in EXTRA:
            deu = c["translations"].get("deu", {})
            out[code] = {"status": "un" if member else EXTRA[code], "name": deu.get("common", ""),
                         "official": deu.get("official", "").rstrip(",")}
    return out


def load_tsv() -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    header = None
    for line in TSV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        if row["code"]:
            rows.setdefault(row["code"], row)
    return rows


def check(ml: dict[str, dict], rows: dict[str, dict[str, str]]) -> int:
    problems = 0
    for code, m in sorted(ml.items()):
        row = rows.get(code)
        if row is None:
            print(f"MISSING {code} {m['name']} ({m['status']})")
            problems += 1
            continue
        if row.get("status") != m["status"]:
            print(f"STATUS  {code}: countries.tsv says {row.get('status')!r}, mledoze {m['status']!r}")
            problems += 1
        ours = {row["name"], *row["names"].split("|")}
        for label in ("name", "official"):
            if m[label] and m[label] not in ours and "(" not in m[label]:
                print(f"NAME    {code}: mledoze {label} {m[label]!r} not among {row['name']!r}|{row['names']!r}")
        if not row.get("adj"):
            print(f"NOADJ   {code} {row['name']}")
            problems += 1
    print(f"{len(ml)} states checked, {problems} problem(s); NAME lines are informational")
    return 1 if problems else 0


def draft(ml: dict[str, dict], rows: dict[str, dict[str, str]]) -> None:
    print("\t".join(COLUMNS))
    for code, m in sorted(ml.items(), key=lambda kv: kv[1]["name"]):
        if code in rows:
            continue
        names = m["official"] if m["official"] != m["name"] else ""
        print("\t".join([code, m["name"], names, "", "", "", "", "", "n", m["status"]]))


HEAD_NOUNS = {"Republik", "Volksrepublik", "Bundesrepublik", "Königreich", "Föderation", "Staat",
              "Staaten", "Eidgenossenschaft", "Union", "Emirate", "Fürstentum", "Großherzogtum",
              "Sultanat", "Commonwealth"}
GENITIVE_HEADS = {"Königreich": "Königreichs", "Fürstentum": "Fürstentums", "Großherzogtum": "Großherzogtums",
                  "Sultanat": "Sultanats", "Staat": "Staates"}


def official_forms(official: str) -> list[str]:
    """An official name and its oblique forms: "Islamische Republik Iran" -> + "Islamischen
    Republik Iran"; "Königreich Spanien" -> + "Königreichs Spanien"; "Staat Israel" -> + "Staates Israel"."""
    words = official.split()
    out = [official]
    oblique, changed = [], False
    for i, w in enumerate(words):
        if any(h == w for h in HEAD_NOUNS) or not w[:1].isupper():
            if w in GENITIVE_HEADS and i == 0:
                out.append(" ".join([GENITIVE_HEADS[w]] + words[1:]))
            oblique += words[i:]
            break
        for end in ("es", "er", "e"):
            if w.endswith(end):
                oblique.append(w[: -len(end)] + "en")
                changed = True
                break
        else:
            oblique += words[i:]
            break
    if changed:
        out.append(" ".join(oblique))
    return out


def add_official(ml: dict[str, dict]) -> int:
    lines = TSV.read_text(encoding="utf-8").split("\n")
    header, added = None, 0
    for i, line in enumerate(lines):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        m = ml.get(row["code"])
        if not m or not m["official"] or "(" in m["official"] or m["official"] == row["name"]:
            continue
        names = [n for n in row["names"].split("|") if n]
        have = {row["name"], *(n.lstrip("?") for n in names)}
        new = [f for f in official_forms(m["official"]) if f not in have]
        if new:
            row["names"] = "|".join(names + new)
            lines[i] = "\t".join(row[c] for c in header)
            added += len(new)
    TSV.write_text("\n".join(lines), encoding="utf-8")
    print(f"added {added} official name forms to {TSV}")
    return 0


BORDERS = TSV.parent / "borders.tsv"


def write_borders() -> int:
    """Land neighbours per state, for "das Nachbarland" (mledoze `borders`, ISO alpha-3)."""
    path = shared_dir() / "data" / "countries" / "mledoze_countries.json.xz"
    if not path.exists():
        raise SystemExit(f"{path}: not found -- this tool needs ../shared/data (or LAGEBILD_SHARED)")
    known = set(load_tsv())
    near: dict[str, set[str]] = {}
    for c in json.load(lzma.open(path, "rt", encoding="utf-8")):
        code = CODE_MAP.get(c["cca3"], c["cca3"])
        for b in c.get("borders") or []:
            b = CODE_MAP.get(b, b)
            if code in known and b in known:       # a border is mutual (the data lists a few one way)
                near.setdefault(code, set()).add(b)
                near.setdefault(b, set()).add(code)
    rows = [f"{code}\t{'|'.join(sorted(bs))}" for code, bs in near.items()]
    BORDERS.write_text("# Land neighbours of each state (ISO alpha-3), for \"das Nachbarland\".\n"
                       "# Written by `python tools/build_countries.py --borders` from mledoze/countries\n"
                       "# (commit 5e9f370, field `borders`). Contains information from mledoze/countries,\n"
                       "# which is made available under the Open Database License (ODbL 1.0).\n"
                       "code\tborders\n" + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} rows to {BORDERS}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--check", action="store_true", help="report missing states and differing names")
    g.add_argument("--draft", action="store_true", help="print skeleton rows for missing states")
    g.add_argument("--borders", action="store_true", help="write lagebild/lang/de/borders.tsv")
    g.add_argument("--add-official", action="store_true",
                   help="add the official German names (and their oblique forms) to `names`")
    args = ap.parse_args(argv)
    if args.borders:
        return write_borders()
    ml, rows = load_mledoze(), load_tsv()
    if args.add_official:
        return add_official(ml)
    if args.check:
        return check(ml, rows)
    draft(ml, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
