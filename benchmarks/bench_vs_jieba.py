"""`govreport analyze --jobs 1` beside jieba alone cutting the same texts: the speed ratio.

The texts are the real reports of ../shared/corpus (`full_reports.jsonl` and `pages_dev.jsonl`, one
file per doc_id, written to a temporary folder). Both are timed as child processes, process start
included, side by side in one run (alternating, `--rounds` times; the median is kept):

* jieba alone: a fresh Python that imports jieba, reads every file and cuts each whole text
  (`jieba.lcut`, precise mode, the library's default dictionary);
* analyze: `python -m nlp analyze FOLDER -o OUT --jobs 1 --quiet`.

Python's bytecode is cached for both, as an installed package has it (pip compiles a package's
modules on install), even where PYTHONDONTWRITEBYTECODE is set: an untimed round fills a cache folder
of the run (`PYTHONPYCACHEPREFIX`) before the timed ones.

Every round writes into its own folder, and all are deleted only after the last round: on ext4,
creating a file costs more the more files were deleted on the disk in the last minutes (the inode
allocator skips recently deleted inodes), so deleting a round's ~1,240 output files before the next
round would slow the next analyze by the benchmark's own doing. A file-system probe (seconds to
create 1,240 files of 8 KB in a fresh folder, median of three, its files also kept to the end) is
printed before the first and after the last round, to show the state of the disk the figures were
taken in (see docs/benchmarks.md, "Files, SQLite and system calls").

Printed: files and characters, the wall and CPU (user + system) seconds of each, and analyze's speed
as a share of jieba's (`jieba seconds / analyze seconds`; the issue's target is at least 0.3). The
CPU ratio is the steadier one on a machine shared with other work (`--jobs 1` runs on one core).

    PYTHONPATH=. python benchmarks/bench_vs_jieba.py [--rounds 3] [--limit N] [--code DIR [--code DIR2]]
    python benchmarks/bench_vs_jieba.py --probe     # the file-system effect alone
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

JIEBA_ALONE = """
import sys
from pathlib import Path
import jieba
jieba.setLogLevel(60)
tokens = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    tokens += len(jieba.lcut(path.read_text(encoding="utf-8")))
print(tokens)
"""


def write_texts(folder: Path, limit: int | None) -> tuple[int, int]:
    """One .txt per doc_id of the corpus files (the first text of a doc_id stands); files and characters."""
    seen: dict[str, str] = {}
    for name in ("full_reports.jsonl", "pages_dev.jsonl"):
        with (CORPUS / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                seen.setdefault(str(record["doc_id"]), record["text"])
    items = sorted(seen.items())[:limit]
    for doc_id, text in items:
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return len(items), sum(len(text) for _, text in items)


def probe_file_system(folder: Path, files: int = 1240, size: int = 8192, repeats: int = 3) -> float:
    """Median seconds to create `files` files of `size` bytes in a fresh sub-folder of `folder`.

    The files are left in place: deleting them here would slow every file created after (ext4 skips
    recently deleted inodes), the very effect the probe shows. The caller deletes `folder` at the end."""
    payload = b"x" * size
    times = []
    for _ in range(repeats):
        fresh = Path(tempfile.mkdtemp(prefix="probe-", dir=folder))
        started = time.perf_counter()
        for number in range(files):
            with open(fresh / f"{number}.bin", "wb") as handle:
                handle.write(payload)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def probe_deletions(rounds: int = 3, quiet: float = 30.0) -> None:
    """The file-system effect alone: the probe after `quiet` seconds without deleting, and 2 s after
    deleting 1,240 files of 8 KB once and three times, `rounds` times alternating; medians printed."""
    work = Path(tempfile.mkdtemp(prefix="bench-probe-"))
    states = {"quiet": [], "2 s after deleting 1,240 files": [], "2 s after deleting 3 x 1,240 files": []}
    try:
        for _ in range(rounds):
            for state, deletions in zip(states, (0, 1, 3), strict=True):
                time.sleep(quiet)
                for _ in range(deletions):
                    doomed = Path(tempfile.mkdtemp(prefix="doomed-", dir=work))
                    for number in range(1240):
                        (doomed / f"{number}.bin").write_bytes(b"x" * 8192)
                    shutil.rmtree(doomed)
                time.sleep(2 if deletions else 0)
                states[state].append(probe_file_system(work, repeats=1))
        for state, times in states.items():
            print(f"{state:36}: {statistics.median(times):.2f} s median ({', '.join(f'{t:.2f}' for t in times)})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def child_environment(code: Path, work: Path) -> dict[str, str]:
    """The children's environment: `code` first on the path, and Python's bytecode kept (in a cache
    folder of this run, `PYTHONPYCACHEPREFIX`) even where the shell says not to write it
    (PYTHONDONTWRITEBYTECODE), as an installed package has it (pip compiles on install); otherwise
    every analyze run would compile the package's ~110 modules again (~0.15 s)."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**environment, "PYTHONPATH": str(code), "PYTHONPYCACHEPREFIX": str(work / "bytecode")}


def timed(command: list[str], environment: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of the child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # Run outside the checkout: `python -m` puts the working folder first on the path, which would
    # import this checkout's `nlp` whatever --code says.
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment, cwd=cwd)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="the first N texts only")
    parser.add_argument(
        "--code", type=lambda text: Path(text).resolve(), action="append",
        help="folder holding the `nlp` package to run (default: this checkout), e.g. an older commit's `git archive`; "
        "repeat it to compare trees in one run (alternating, on the same disk state: no run's output is deleted before the last)",
    )
    parser.add_argument("--probe", action="store_true", help="only the file-system probe: quiet, and 2 s after deleting 1,240 files once and three times (~4 minutes)")
    args = parser.parse_args()
    if args.probe:
        probe_deletions()
        return 0
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    trees: list[Path] = args.code or [REPO]
    work = Path(tempfile.mkdtemp(prefix="bench-vs-jieba-"))
    try:
        texts = work / "texts"
        texts.mkdir()
        files, characters = write_texts(texts, args.limit)
        environments = [child_environment(tree, work) for tree in trees]
        jieba_command = [sys.executable, "-c", JIEBA_ALONE, str(texts)]
        analyze_command = [sys.executable, "-m", "nlp", "analyze", str(texts), "--jobs", "1", "--quiet", "-o"]
        # One untimed round first: it fills the bytecode cache, for both commands alike.
        timed(jieba_command, environments[0], work)
        for number, environment in enumerate(environments):
            timed([*analyze_command, str(work / f"warm-up-{number}")], environment, work)
        probes = work / "probes"
        probes.mkdir()
        probe_before = probe_file_system(probes)
        jieba_times: list[tuple[float, float]] = []
        analyze_times: list[list[tuple[float, float]]] = [[] for _ in trees]
        for round_number in range(args.rounds):  # alternating, so that other load on the machine falls on all
            jieba_times.append(timed(jieba_command, environments[0], work))
            for number, environment in enumerate(environments):
                # Kept until every round is done: deleting it now would slow the next run's file creation.
                output = work / f"out-{round_number}-{number}"
                analyze_times[number].append(timed([*analyze_command, str(output)], environment, work))
        probe_after = probe_file_system(probes)
        jieba_s, jieba_cpu = statistics.median(wall for wall, _ in jieba_times), statistics.median(cpu for _, cpu in jieba_times)
        print(f"{files} texts, {characters:,} characters; median of {args.rounds} rounds after an untimed one, process start included, bytecode cached")
        print(f"jieba alone : {jieba_s:7.2f} s wall {jieba_cpu:7.2f} s CPU  ({files / jieba_s:6.1f} texts/s)")
        for tree, runs in zip(trees, analyze_times, strict=True):
            analyze_s, analyze_cpu = statistics.median(wall for wall, _ in runs), statistics.median(cpu for _, cpu in runs)
            label = f" ({tree})" if len(trees) > 1 else ""
            print(f"analyze -j1 : {analyze_s:7.2f} s wall {analyze_cpu:7.2f} s CPU  ({files / analyze_s:6.1f} texts/s){label}")
            # CPU seconds are steadier than wall seconds on a machine shared with other work.
            print(f"analyze speed / jieba speed: {jieba_s / analyze_s:.2f}x wall, {jieba_cpu / analyze_cpu:.2f}x CPU (target >= 0.3x){label}")
        # About 0.1-0.3 s on a disk with no recent deletions; more after deletions (other work's included).
        print(f"file-system probe (1,240 files of 8 KB in a fresh folder, median of 3): {probe_before:.2f} s before the first round, {probe_after:.2f} s after the last")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
