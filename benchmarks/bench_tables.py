"""Table extraction throughput: tables and cells per second over a few thousand reports.

The corpus is the seeds and the real reports of ../shared, parsed once, then mutated: every digit
of every table line is redrawn at random (so rows no longer add up and the checks have work), and
each mutant is parsed into a `Report`. Timed separately, on one core:

* extraction (`read_tables`) on the parsed reports;
* the checks (`check_report`: arithmetic, narrative claims, audits) given the extraction.

Run: python benchmarks/bench_tables.py [--reports 3000]
Prints throughput (timed without tracing) and memory (tracemalloc over a sample, and max RSS).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from nlp.structure import parse_text, read_report
from nlp.tables.checks import check_report
from nlp.tables.extract import read_tables

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
_DIGIT = re.compile(r"\d")


def base_texts() -> list[str]:
    if not SHARED.exists():
        sys.exit(f"bench_tables: {SHARED} is absent; the benchmark needs the shared seeds and reports")
    paths = sorted((SHARED / "seeds").glob("*.txt")) + sorted(p for p in (SHARED / "reports").iterdir() if p.suffix in (".txt", ".md", ".pdf"))
    return [read_report(p).source_text for p in paths]


def mutate(text: str, rng: random.Random) -> str:
    """Redraw the digits of lines that look like table rows (tabs, pipes, or several numbers)."""
    out = []
    for line in text.split("\n"):
        if "\t" in line or "|" in line or len(re.findall(r"\d+", line)) >= 3 and len(line) < 80:
            line = _DIGIT.sub(lambda _: str(rng.randint(0, 9)), line)
        out.append(line)
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=3000, help="how many mutated reports to extract")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = base_texts()
    started = time.perf_counter()
    reports = [parse_text(mutate(texts[i % len(texts)], rng), doc_id=str(i)) for i in range(args.reports)]
    parse_seconds = time.perf_counter() - started

    started, cpu = time.perf_counter(), time.process_time()
    extractions = [read_tables(report) for report in reports]
    extract_seconds, extract_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    findings = sum(len(check_report(report, extraction)) for report, extraction in zip(reports, extractions, strict=True))
    check_seconds, check_cpu = time.perf_counter() - started, time.process_time() - cpu
    # Memory apart: tracemalloc slows Python code several times over.
    sample = reports[: min(len(reports), 200)]
    tracemalloc.start()
    for report in sample:
        check_report(report, read_tables(report))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    tables = sum(len({c.table for c in e.cells}) for e in extractions)
    cells = sum(len(e.cells) for e in extractions)
    warnings = sum(len(e.warnings) for e in extractions)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(reports)} mutated reports from {len(texts)} real ones (parsed beforehand in {parse_seconds:.1f} s, not counted)")
    print(
        f"extraction: {tables} tables, {cells} cells, {warnings} warnings in {extract_seconds:.2f} s wall, {extract_cpu:.2f} s CPU, one core → "
        f"{len(reports) / extract_seconds:.0f} reports/s, {tables / extract_seconds:.0f} tables/s, {cells / extract_seconds:.0f} cells/s "
        f"(per CPU second: {tables / extract_cpu:.0f} tables/s)"
    )
    print(
        f"checks: {findings} findings in {check_seconds:.2f} s wall, {check_cpu:.2f} s CPU → {len(reports) / check_seconds:.0f} reports/s "
        f"(per CPU second: {len(reports) / check_cpu:.0f})"
    )
    print(f"load average while running: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"peak traced memory extracting and checking {len(sample)} reports one by one: {peak / 1e6:.1f} MB; process max RSS {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
