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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from trees import print_medians, run_trees, tree_arguments  # noqa: E402

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
    args = tree_arguments(__doc__.splitlines()[0])
    files, characters, runs = run_trees(CHILD, args.code, args.rounds, args.limit)
    print(f"{files} texts, {characters:,} characters")
    print_medians(runs, ("load", "classify", "boilerplate"))
    for code in args.code:
        print(f"{code}: skops imported: {runs[code][0]['skops imported']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
