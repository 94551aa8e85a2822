"""Throughput and memory of the files written for people (`nlp.export`): a table_cells-like CSV
written and read back into a workbook sheet, as `analyze` does for summary.xlsx.

    PYTHONPATH=. python benchmarks/bench_export.py --rows 200000

Prints rows/s for the CSV and for the workbook, and the peak RSS of the process. To compare code,
run it with PYTHONPATH pointing at another checkout of `nlp/` (e.g. `git archive COMMIT nlp | tar -x -C DIR`).
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from nlp.export import csv_sheet, write_csv, write_workbook

ROWS = ("new_received", "carried_over", "granted", "denied_third_party", "total_handled")
COLUMNS = ("natural_person", "commercial_enterprise", "other_org", "total")


def rows(count: int, seed: int = 0):
    rng = random.Random(seed)
    for n in range(count):
        # One row in a thousand holds text a spreadsheet would take for a formula.
        doc = f"=report{n}" if n % 1000 == 0 else f"青禾县文化和旅游局{n // 200:05d}"
        yield [doc, "requests", rng.choice(ROWS), rng.choice(COLUMNS), rng.randint(0, 500)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cells.csv"
        started = time.perf_counter()
        write_csv(path, ["doc_id", "table", "row", "col", "value"], rows(args.rows))
        csv_seconds = time.perf_counter() - started
        started = time.perf_counter()
        sheet, handle = csv_sheet("table_cells", path, text_columns=frozenset({"doc_id", "table", "row", "col"}))
        with handle:
            write_workbook(Path(folder) / "cells.xlsx", [sheet])
        xlsx_seconds = time.perf_counter() - started
        sizes = (path.stat().st_size, (Path(folder) / "cells.xlsx").stat().st_size)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows {args.rows:,}: csv {args.rows / csv_seconds:,.0f} rows/s ({csv_seconds:.2f} s, {sizes[0] / 1e6:.1f} MB); "
          f"xlsx from the csv {args.rows / xlsx_seconds:,.0f} rows/s ({xlsx_seconds:.2f} s, {sizes[1] / 1e6:.1f} MB); peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
