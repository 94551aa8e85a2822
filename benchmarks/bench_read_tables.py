"""What reading report files with tables costs: `nlp.read_text` on PDF, .docx and HTML files.

Run: python benchmarks/bench_read_tables.py [--rounds 3] [--code DIR]
Files: the real PDFs of ../shared/reports (ruled tables), and every report with gold cells written with its
tables laid out as the templates print them (tests/table_layouts.py: a ruled PDF, a .docx with merged
cells, an HTML page with rowspan/colspan). Prints, per format, files, pages or bytes, the best of
`--rounds` CPU times (process time: the machine is shared) and throughput, and the peak memory of one round (tracemalloc).
`--code DIR` reads with the `nlp` package found in DIR (e.g. an older tree unpacked with
`git archive COMMIT nlp models | tar -x -C DIR`), so that the before and after run in one session.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--code", type=Path, help="a folder holding the nlp package to time instead of this tree's")
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"bench_read_tables: {SHARED} is absent")
    sys.path.insert(0, str(REPO))
    from tests.table_layouts import LAYOUTS  # the writers, from this tree

    if args.code:
        for name in [m for m in sys.modules if m == "nlp" or m.startswith("nlp.")]:
            del sys.modules[name]
        sys.path.insert(0, str(args.code.resolve()))
    import nlp

    print(f"nlp from {Path(nlp.__file__).parent}")
    gold = {}
    for name in ("seed_tables.jsonl", "reports_tables.jsonl"):
        for line in (SHARED / "gold" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record.get("template"):
                    gold[record["doc_id"]] = record
    with tempfile.TemporaryDirectory() as folder:
        groups: dict[str, list[Path]] = {"pdf (real, ruled tables)": sorted((SHARED / "reports").glob("*.pdf"))}
        for layout in ("pdf_ruled", "docx_merged", "html_rowspan"):
            suffix, write = LAYOUTS[layout]
            groups[layout] = [write(record, Path(folder) / f"{doc_id}{suffix}") for doc_id, record in sorted(gold.items())]
        print("| files | count | MB | best round, CPU s | files/s | peak MB |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, paths in groups.items():
            size = sum(path.stat().st_size for path in paths) / 1e6
            best = float("inf")
            for _ in range(args.rounds):
                start = time.process_time()
                for path in paths:
                    nlp.read_text(path)
                best = min(best, time.process_time() - start)
            tracemalloc.start()
            for path in paths:
                nlp.read_text(path)
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            print(f"| {label} | {len(paths)} | {size:.2f} | {best:.2f} | {len(paths) / best:.1f} | {peak:.1f} |")


if __name__ == "__main__":
    main()
