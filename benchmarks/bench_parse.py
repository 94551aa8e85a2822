"""Parse throughput: reports/s and MB/s on a corpus made by repeating the seeds (and the example).

Run: python benchmarks/bench_parse.py [--copies 40]
Prints throughput and peak memory (tracemalloc of the parse loop and the process's max RSS).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from nlp.structure import parse_text

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def corpus() -> list[str]:
    texts = [(REPO / "examples" / "qinghe_culture_tourism_2023.txt").read_text(encoding="utf-8")]
    if SEEDS.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=40, help="how many times each text is parsed")
    args = parser.parse_args()
    texts = corpus()
    parse_text(texts[0])  # warm-up: OpenCC's dictionaries load once
    batch = texts * args.copies
    size = sum(len(t.encode("utf-8")) for t in batch)
    tracemalloc.start()
    started = time.perf_counter()
    paragraphs = 0
    for index, text in enumerate(batch):
        paragraphs += len(parse_text(text, doc_id=str(index)).paragraphs)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"parsed {len(batch)} reports ({size / 1e6:.1f} MB, {paragraphs} paragraphs) in {elapsed:.2f} s, one core")
    print(f"throughput: {len(batch) / elapsed:.1f} reports/s, {size / 1e6 / elapsed:.2f} MB/s, {paragraphs / elapsed:.0f} paragraphs/s")
    print(f"peak traced memory in the loop: {peak / 1e6:.1f} MB; process max RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
