"""What the one input layer costs on JSON Lines: deciding what a file holds, and reading paragraph records.

Run: python benchmarks/bench_inputs.py [--copies 4] [--rounds 3]
Prints, for the JSON Lines files of ../shared (each repeated `--copies` times into a temporary file):
the time of `nlp.jsonl.file_kind` (the first 200 records), and the throughput of reading a paragraph
file through `nlp.inputs.read_sources` (per-line limits, checks, FILE:LINE failures) beside the
plain loop the paragraph commands used before (`nlp.labels.iter_json_lines`, records kept in a list, as they kept them), with peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from nlp.inputs import ParagraphRecords, read_sources
from nlp.jsonl import file_kind
from nlp.labels import iter_json_lines

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FILES = ("corpus/pages_dev.jsonl", "corpus/full_reports.jsonl", "labels/dev.jsonl", "labels/full_reports.jsonl")


def copies(data: bytes, n: int) -> bytes:
    """The file's lines `n` times, each copy's doc_ids its own (`ID~2`): a file of reports that
    repeats its doc_ids is refused as unclear, rightly."""
    lines = [json.loads(line) for line in data.splitlines() if line.strip()]
    out = []
    for copy in range(1, n + 1):
        for record in lines:
            doc_id = record.get("doc_id")
            out.append(json.dumps({**record, "doc_id": f"{doc_id}~{copy}" if copy > 1 else doc_id}, ensure_ascii=False))
    return ("\n".join(out) + "\n").encode("utf-8")


def timed(work) -> tuple[float, int, object]:
    """(seconds, peak traced bytes, value): timed untraced (tracemalloc slows every allocation), then
    run once more under tracemalloc for its peak."""
    started = time.perf_counter()
    value = work()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=4, help="how many times each file is repeated")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, alternating the readers (the best is kept)")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"{SHARED} is absent: nothing to measure", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        for name in FILES:
            data = copies((SHARED / name).read_bytes(), args.copies)
            path = Path(folder) / name.replace("/", "_")
            path.write_bytes(data)
            best_kind = min(timed(lambda path=path: file_kind(path))[0] for _ in range(args.rounds))
            kind, lines = file_kind(path), data.count(b"\n")
            print(f"{name} ×{args.copies}: {lines} lines, {len(data) / 1e6:.1f} MB; file_kind → {kind} in {best_kind * 1000:.1f} ms")
            if kind != "paragraphs":
                continue
            layer, plain = [], []
            for _ in range(args.rounds):  # alternate, so that a change in the machine's load hits both
                layer.append(timed(lambda path=path: sum(len(i.records) for i in read_sources([path]) if isinstance(i, ParagraphRecords))))
                plain.append(timed(lambda path=path: len([record for _, record, _ in iter_json_lines(path) if record is not None])))
            (t_layer, m_layer, n_layer), (t_plain, m_plain, n_plain) = min(layer, key=lambda r: r[0]), min(plain, key=lambda r: r[0])
            print(f"  read_sources: {n_layer} records in {t_layer:.3f} s ({n_layer / t_layer:,.0f} records/s), peak {m_layer / 1e6:.1f} MB")
            print(f"  plain json loop (before): {n_plain} records in {t_plain:.3f} s ({n_plain / t_plain:,.0f} records/s), peak {m_plain / 1e6:.1f} MB")
    print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
