"""Rows whose zeros were printed blank and dropped: the gold reports so damaged, scored with and without
the arithmetic placement (`nlp.tables.arithmetic`).

Every report with gold cells in ../shared is damaged by `tests/damage_zeros.py` (every zero cell blank,
empty cells dropped) in three layouts (tab-separated, space-separated, one cell a line), read again, and
its gold cells still printed (the non-zero ones) scored right / warned / silent / wrong / invented
(`tests.table_layouts.cell_outcomes`; a null read where the gold had a zero is what the page prints).
`--without-search` scores the extractor with the arithmetic placement switched off (the figure before).
Also timed: CPU milliseconds per report of `read_tables` (best of `--repeat`), and of it the search's, on the
damaged and on the undamaged reports.

Run: python benchmarks/eval_dropped_zeros.py [--without-search] [--detail] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from eval_tables_wild import load_gold, source  # noqa: E402

import nlp  # noqa: E402
import nlp.tables.extract as extract  # noqa: E402
from tests.damage_zeros import ZERO_LAYOUTS, blank_zero_outcomes  # noqa: E402
from tests.table_layouts import OUTCOME_HEADER, outcome_columns  # noqa: E402

#: CPU seconds spent in the search (`place_short_rows`), added up by `_searched`.
SEARCH_SECONDS = [0.0]


def _searched(search):
    def timed(*args):
        started = time.process_time()
        search(*args)
        SEARCH_SECONDS[0] += time.process_time() - started

    return timed


def _timed(reports: list, repeat: int) -> tuple[float, float]:
    """Best of `repeat` runs of `read_tables` over `reports`: CPU ms per report, and of it the search's."""
    best, search = float("inf"), 0.0
    for _ in range(repeat):
        SEARCH_SECONDS[0] = 0.0
        started = time.process_time()
        for report in reports:
            extract.read_tables(report)
        spent = time.process_time() - started
        if spent < best:
            best, search = spent, SEARCH_SECONDS[0]
    return 1000 * best / max(len(reports), 1), 1000 * search / max(len(reports), 1)


def _ms(reports: list, repeat: int) -> str:
    whole, search = _timed(reports, repeat)
    return f"{whole:.1f} ({search:.2f})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--without-search", action="store_true", help="switch the arithmetic placement off (the figure before)")
    parser.add_argument("--detail", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    extract.place_short_rows = (lambda *_: None) if args.without_search else _searched(extract.place_short_rows)  # type: ignore[assignment]
    gold = load_gold()
    doc_ids = sorted(d for d in gold if gold[d].get("template"))
    print(f"## zeros printed blank and dropped: {len(doc_ids)} gold reports, search {'off' if args.without_search else 'on'}")
    print(f"| layout | {OUTCOME_HEADER} | CPU ms/report (search) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        originals = {d: nlp.read_text(source(d)) for d in doc_ids}
        for layout, damage in ZERO_LAYOUTS.items():
            total: Counter = Counter()
            reports = []
            for doc_id in doc_ids:
                path = Path(folder) / f"{doc_id}.{layout}.txt"
                path.write_text(damage(originals[doc_id]), encoding="utf-8")
                report = nlp.read_report(path)
                reports.append(report)
                counts, bad = blank_zero_outcomes(gold[doc_id], extract.read_tables(report))
                total.update(counts)
                if args.detail and bad:
                    print(f"   {layout} {doc_id}: " + "; ".join(bad[:6]), file=sys.stderr)
            print(f"| {layout} | {outcome_columns(total)} | {_ms(reports, args.repeat)} |")
        undamaged = [nlp.read_report(source(d)) for d in doc_ids]
        print(f"| undamaged (timing only) | | | | | | | {_ms(undamaged, args.repeat)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
