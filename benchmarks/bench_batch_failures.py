"""What a killed worker costs a parallel batch: wall time, throughput and peak memory of
`govreport analyze --jobs N` on the same reports with and without one file that kills its worker.

Run: PYTHONPATH=. python benchmarks/bench_batch_failures.py [--reports 40] [--jobs 2]

The worker-killing file uses the test-only hook of tests/test_batch_failures.py (a `sitecustomize.py`
on the child's PYTHONPATH that SIGKILLs the process reading a file whose name holds `KILLER`); the
clean run has the hook too, so both runs load the same code. Peak memory is the largest resident
set of the batch's own process and of its workers (RUSAGE_CHILDREN of the `govreport` child, read
by a wrapper), in MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from test_batch_failures import EXAMPLE, HOOK  # noqa: E402

_WRAPPER = """
import resource, subprocess, sys, json
code = subprocess.call([sys.executable, "-m", "nlp", *sys.argv[1:]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(json.dumps({"code": code, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def make_reports(folder: Path, count: int) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"county_{number:03d}.txt").write_text(text.replace("青禾县", f"第{number}号县").replace("2023", str(1900 + number)), encoding="utf-8")


def run(workdir: Path, inputs: Path, output: str, jobs: int) -> dict:
    hook = workdir / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(hook), str(REPO)])}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, "analyze", str(inputs), "-o", output, "--jobs", str(jobs), "--quiet"], cwd=workdir, env=env, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    return {"seconds": round(seconds, 1), **measured}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        make_reports(workdir / "in", args.reports)
        clean = run(workdir, workdir / "in", "clean", args.jobs)
        (workdir / "in" / f"county_{args.reports // 2:03d}_KILLER.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        killed = run(workdir, workdir / "in", "killed", args.jobs)
        errors = (workdir / "killed" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    print(f"{args.reports} reports, --jobs {args.jobs}")
    print(f"  clean run:            {clean['seconds']:6.1f} s  {args.reports / clean['seconds']:5.2f} reports/s  peak {clean['peak_mb']:5.0f} MB  exit {clean['code']}")
    print(
        f"  one worker killed:    {killed['seconds']:6.1f} s  {args.reports / killed['seconds']:5.2f} reports/s  peak {killed['peak_mb']:5.0f} MB  exit {killed['code']}"
        f"  ({len(errors)} error record: {json.loads(errors[0])['kind'] if errors else '-'})"
    )
    print(f"  cost of the kill:     {killed['seconds'] - clean['seconds']:+6.1f} s")


if __name__ == "__main__":
    main()
