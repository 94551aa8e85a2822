"""CPU seconds of loading the models and running them, for one or more code trees side by side
(alternating, `--rounds` times; the median is kept).

Each tree runs in a child process (PYTHONPATH = the tree; its `models/` beside `nlp/`) over the same
texts (`bench_vs_jieba.write_texts`: the real reports of ../shared/corpus) and times with
`time.process_time`:

* load: `Steps.load()` in the fresh process (the imports it triggers included; pandas, scipy.sparse,
  jieba and openpyxl, which `analyze` imports anyway, are imported before the clock starts);
* classify: `predict_reports` over the reports, 8 at a time (as `Steps.annotate` is given them);
* boilerplate: `score_groups` over the same batches (spans explained);
* the reports are read and their paragraphs cut by jieba before any of it (not timed).

Also printed: whether the child imported skops.

    PYTHONPATH=. python benchmarks/bench_models.py --code OLD_TREE --code . [--rounds 3] [--limit N]

Run it from outside the repository (cd /tmp) so that each child imports the tree it is given.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_vs_jieba import CORPUS, write_texts  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
import jieba, openpyxl, pandas, scipy.sparse
import nlp
from nlp.structure import read_report

paths = sorted(Path(sys.argv[1]).glob("*.txt"))
reports = [read_report(path) for path in paths]
times = {"nlp": str(Path(nlp.__file__).parent)}
started = time.process_time()
from nlp.pipeline import Steps, tokenize
steps = Steps.load()
times["load"] = time.process_time() - started
batches = [reports[i : i + 8] for i in range(0, len(reports), 8)]
for batch in batches:
    tokenize(batch, steps.tokenizer)
started = time.process_time()
for batch in batches:
    steps.classifier.predict_reports(batch)
times["classify"] = time.process_time() - started
started = time.process_time()
for batch in batches:
    steps.scorer.score_groups([([p.text for p in r.narrative()], [r.agency] if r.agency else []) for r in batch])
times["boilerplate"] = time.process_time() - started
times["skops imported"] = "skops.io" in sys.modules
print(json.dumps(times))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, action="append", required=True, help="a folder holding `nlp` (repeat for each tree)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="the first N texts only")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-models-"))
    try:
        files, characters = write_texts(work, args.limit)
        runs: dict[Path, list[dict]] = {code: [] for code in args.code}
        for _ in range(args.rounds):
            for code in args.code:
                done = subprocess.run(
                    [sys.executable, "-c", CHILD, str(work)],
                    check=True,
                    capture_output=True,
                    text=True,
                    env={**os.environ, "PYTHONPATH": str(code.resolve())},
                    cwd=work,
                )
                runs[code].append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{files} texts, {characters:,} characters; median of {args.rounds} round(s), CPU seconds")
        print("| step | " + " | ".join(str(code) for code in args.code) + " |")
        print("|---|" + "---:|" * len(args.code))
        for step in ("load", "classify", "boilerplate"):
            cells = [f"{statistics.median(run[step] for run in runs[code]):.2f}" for code in args.code]
            print(f"| {step} | " + " | ".join(cells) + " |")
        for code in args.code:
            print(f"{code}: imported nlp from {runs[code][0]['nlp']}; skops imported: {runs[code][0]['skops imported']}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
