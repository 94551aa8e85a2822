"""Scale: `govreport analyze` over N generated reports (mutations of real ones), 1 and 2 jobs.

Reports are made from the seeds, ../shared/reports and the example: the agency name, the year and
the figures are changed and some paragraphs dropped or shuffled, so that tables, labels and copy-paste
all have work to do. For each size and job count it prints reports/s, paragraphs/s and the peak memory
(max RSS of the largest process of the run: the parent or one worker), and the share of single-job
time spent in jieba.

Run: python benchmarks/bench_analyze.py --sizes 1000 10000 --jobs 1 2
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PLACES = "东西南北中上下前后新老大小长远安平和兴华"


def sources() -> list[str]:
    texts = [(REPO / "examples" / "qinghe_culture_tourism_2023.txt").read_text(encoding="utf-8")]
    if SHARED.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
        texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "reports").glob("*.txt"))]
    return texts


def mutate(text: str, rng: random.Random, number: int) -> str:
    agency = "".join(rng.choice(PLACES) for _ in range(2)) + rng.choice(["街道", "镇", "县民政局", "区教育局", "市税务局"])
    year = rng.choice(range(2019, 2025))
    text = re.sub(r"20\d\d(?=\s*年)", str(year), text)
    lines = text.split("\n")
    if lines:
        lines[0] = f"{agency}{year}年政府信息公开工作年度报告"
    narrative = [i for i, line in enumerate(lines) if len(line) > 60]
    for i in rng.sample(narrative, k=len(narrative) // 4):
        lines[i] = ""  # dropped paragraphs
    text = "\n".join(lines)
    return re.sub(r"(?<=[^\d])(\d{1,3})(?=[条件次篇个])", lambda m: str(int(m.group(1)) + rng.randint(0, 9)), text) + f"\n（编号{number}）\n"


def make_corpus(folder: Path, size: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    texts = sources()
    for number in range(size):
        sub = folder / f"{number // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"r{number:06d}.txt").write_text(mutate(rng.choice(texts), rng, number), encoding="utf-8")


def run(folder: Path, jobs: int) -> tuple[float, float, int]:
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    started = time.perf_counter()
    command = [sys.executable, "-m", "nlp", "analyze", str(folder), "-o", str(out), "--quiet", "--jobs", str(jobs)]
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    paragraphs = sum(1 for line in (out / "summary.csv").read_text(encoding="utf-8").splitlines()[1:])
    shutil.rmtree(out)
    return elapsed, peak_mb, paragraphs


def jieba_share(folder: Path, sample: int = 200) -> float:
    """Share of single-process analysis time spent inside jieba (profiled on a sample)."""
    from nlp.analyze import AnalysisConfig, Steps, analyze_report
    from nlp.structure import read_report

    steps = Steps.load(AnalysisConfig())
    files = sorted(folder.rglob("*.txt"))[:sample]
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        analyze_report(read_report(path), steps)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[3] for key, row in stats.stats.items() if key[2] == "<module>") or stats.total_tt
    jieba = sum(row[3] for key, row in stats.stats.items() if "jieba" in key[0] and key[2] == "cut")
    return jieba / max(stats.total_tt, total)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print("| reports | jobs | seconds | reports/s | paragraphs/s | peak RSS (MB) |")
    print("|---|---|---|---|---|---|")
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"bench-{size}-"))
        make_corpus(folder, size)
        paragraphs = sum(len([line for line in p.read_text(encoding="utf-8").split("\n") if line.strip()]) for p in folder.rglob("*.txt"))
        for jobs in args.jobs:
            elapsed, peak, rows = run(folder, jobs)
            print(f"| {size:,} | {jobs} | {elapsed:.0f} | {rows / elapsed:.1f} | {paragraphs / elapsed:.0f} | {peak:.0f} |", flush=True)
        if size == args.sizes[0]:
            share = jieba_share(folder)
        shutil.rmtree(folder)
    print(f"share of single-job time inside jieba (profiled on 200 reports): {share:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
