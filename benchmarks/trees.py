"""Code trees side by side: one child script run over the same real texts for each tree, alternating.

`bench_batch`, `bench_models` and `bench_steps` each time a child script (a string of Python) that
imports `nlp` from the tree it is given (PYTHONPATH = the tree; its `models/` beside `nlp/`) and
prints one JSON object of figures as its last line. `run_trees` writes the texts once
(`bench_vs_jieba.write_texts`: the real reports of ../shared/corpus), runs the child for every tree
in turn, `rounds` times (so that other load on the machine falls on every tree), and returns every
run's figures; `print_medians` prints the median of each figure as a Markdown table.

The child is called as `python -c CHILD TEXTS OUTPUT`: TEXTS the folder of .txt files, OUTPUT a
folder it may write into (its own for each run; all are removed after the last round, since deleting
files on ext4 slows the creation of files for minutes after: see bench_vs_jieba).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from bench_vs_jieba import CORPUS, write_texts

#: Child-script code (for the `CHILD` strings): `timed(owner, name, label)` replaces `owner.name` by a
#: wrapper that adds its CPU seconds (`time.process_time`) to `spent[label]`.
CPU_TIMER = r"""
import functools, time
spent = {}
def timed(owner, name, label):
    function = getattr(owner, name)
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        began = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.process_time() - began
    setattr(owner, name, wrapper)
"""


def run_trees(child: str, trees: list[Path], rounds: int, limit: int | None) -> tuple[int, int, dict[Path, list[dict]]]:
    """(files, characters, {tree: [figures of each round]}); raises SystemExit(2) without the corpus."""
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        raise SystemExit(2)
    work = Path(tempfile.mkdtemp(prefix="bench-trees-"))
    try:
        texts = work / "texts"
        texts.mkdir()
        files, characters = write_texts(texts, limit)
        runs: dict[Path, list[dict]] = {tree: [] for tree in trees}
        for round_number in range(rounds):
            for tree_number, tree in enumerate(trees):
                output = work / f"out-{round_number}-{tree_number}"
                done = subprocess.run(
                    [sys.executable, "-c", child, str(texts), str(output)],
                    env={**os.environ, "PYTHONPATH": str(tree.resolve())},
                    cwd=work,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs[tree].append(json.loads(done.stdout.strip().splitlines()[-1]))
        return files, characters, runs
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_medians(runs: dict[Path, list[dict]], figures: Iterable[str], unit: str = "CPU seconds") -> None:
    """A Markdown table: one row per figure, one column per tree, the median over the rounds; then
    which `nlp` each tree's child imported (its `nlp` figure), to show the tree that really ran."""
    trees = list(runs)
    rounds = len(runs[trees[0]])
    print(f"{unit}, median of {rounds} round(s)")
    print("| | " + " | ".join(str(tree) for tree in trees) + " |")
    print("|---|" + "---:|" * len(trees))
    for figure in figures:
        cells = []
        for tree in trees:
            values = [run[figure] for run in runs[tree] if figure in run]
            median = statistics.median(values) if values else float("nan")
            cells.append(f"{median:.2f}" if isinstance(median, float) else str(median))
        print(f"| {figure} | " + " | ".join(cells) + " |")
    for tree in trees:
        print(f"{tree}: imported nlp from {runs[tree][0].get('nlp', '?')}")


def tree_arguments(description: str, default: Path | None = None) -> argparse.Namespace:
    """`--code DIR` (repeat for each tree; `default` where none is given), `--rounds`, `--limit`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--code", type=lambda text: Path(text).resolve(), action="append", required=default is None,
        help="a folder holding `nlp` (repeat for each tree)",
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="the first N texts only")
    args = parser.parse_args()
    args.code = args.code or [default]
    return args
