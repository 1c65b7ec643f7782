"""Speed of lagebild.timex.find_timexes on one core (articles per second).

    python benchmarks/bench_timex.py            # KRAUTS texts from ../shared, else a built-in sample
    python benchmarks/bench_timex.py --repeat 5

Target: well over 200 articles/s (the whole analyzer must do >= 20/s).
"""
from __future__ import annotations

import argparse
import time

SAMPLE = (
    "Die Telefon-Diplomatie geht in die nächste Runde. Auch will sich nächste Woche der "
    "amerikanische Außenminister mit seinem russischen Gegenüber treffen. Themen der Telefonschalte "
    "an diesem Freitagnachmittag sollten unter anderem die Aufstockung der Truppen sein, teilte das "
    "Büro am Donnerstagabend mit. Am Freitag beginnt die 58. Münchner Sicherheitskonferenz. Russland "
    "hatte in den vergangenen Monaten mehr als 100.000 Soldaten an der Grenze zusammengezogen. "
) * 6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes; the best one is reported")
    args = ap.parse_args()

    from lagebild.timex import find_timexes

    docs: list[tuple[str, str | None]] = []
    try:
        from lagebild.evaluate.timex import find_gold_files, read_timeml, shared_dir

        for f in find_gold_files([shared_dir() / "data" / "krauts"]):
            d = read_timeml(f)
            docs.append((d.text, d.dct))
        source = f"{len(docs)} KRAUTS articles"
    except Exception:  # shared data absent: use the built-in sample
        docs = [(SAMPLE, "2022-02-18")] * 100
        source = "100 copies of a built-in sample article"
    t0 = time.perf_counter()
    find_timexes("Am Freitag", "2022-02-18")   # compiles the patterns
    compile_s = time.perf_counter() - t0
    best = best_cpu = float("inf")
    n_tx = 0
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        n_tx = sum(len(find_timexes(text, dct)) for text, dct in docs)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    chars = sum(len(t) for t, _ in docs) / len(docs)
    print(f"{source}, {chars:.0f} characters on average, {n_tx} time expressions")
    print(f"first call (pattern compilation): {compile_s * 1000:.0f} ms")
    print(f"best of {args.repeat}: wall {best:.3f} s = {len(docs) / best:.0f} articles/s; "
          f"CPU {best_cpu:.3f} s = {len(docs) / best_cpu:.0f} articles/s on one core")
    # one overlong "sentence" (a list of dates without a full stop): the cost must grow
    # linearly with its length (it grew with its square before SCAN_CHARS)
    for n in (800, 3200):
        text = ", ".join(f"am {d % 28 + 1}. März 2020" for d in range(n)) + "."
        t0 = time.perf_counter()
        found = len(find_timexes(text, "2020-04-01"))
        print(f"one sentence of {len(text)} characters, {found} dates: "
              f"{time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
