"""What `analyze` spends writing a report's files, with and without a flush to the disk (fsync) each.

A report a one-job run holds between the passes writes two files, both in pass 2 (its JSON and its
review page; a report beyond the held budget also writes its JSON in pass 1). This analyses the
bundled example and the seeds once, then writes their JSON and pages `--rounds` times each way
through `nlp.files.atomic_write_text` (what `write_report_json` and `write_page` use), into a
folder on the disk that holds `--folder`.
Run: python benchmarks/bench_writes.py [--folder /path/on/the/disk] [--rounds 100]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from nlp.analyze import AnalysisConfig, analyze
from nlp.files import atomic_write_text
from nlp.render import review_page
from nlp.reportjson import from_json

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", default=None, help="where to write (default: the system's temporary folder)")
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-writes-", dir=args.folder))
    try:
        inputs = [REPO / "examples" / "qinghe_culture_tourism_2023.txt"] + (sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else [])
        analyze(inputs, work / "analysed", AnalysisConfig())
        documents = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((work / "analysed" / "reports").glob("*.json"))]
        texts = [json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in documents]
        pages = [review_page(from_json(d), page_for={}) for d in documents]
        target = work / "writes"
        target.mkdir()
        print(f"{len(documents)} reports, JSON {sum(map(len, texts)) / len(texts) / 1024:.0f} KB and page {sum(map(len, pages)) / len(pages) / 1024:.0f} KB each on average")
        timings: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(args.rounds):
            for durable in (True, False):  # interleaved, so that other load on the machine falls on both
                started = time.perf_counter()
                for number, (text, page) in enumerate(zip(texts, pages, strict=True)):
                    for name, content in ((f"{number}.json", text), (f"{number}.html", page)):
                        atomic_write_text(target / name, content, durable=durable)
                timings[durable].append((time.perf_counter() - started) / len(documents))
        for durable, values in timings.items():
            values.sort()
            print(f"{'fsync each' if durable else 'no fsync':>10}: median {values[len(values) // 2] * 1000:.2f} ms per report (2 files), "
                  f"fastest {values[0] * 1000:.2f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
