"""CPU seconds of loading and applying the models as `analyze` does, imports included, for one or more
code trees side by side (alternating, `--rounds` times; the median is kept).

Nothing but jieba, openpyxl and scipy.sparse (which `analyze` imports anyway) is imported before
the clock starts: what loading the models imports (scikit-learn, and with it
scipy.stats and pandas, before the inference twins of `nlp.inference`) is part of `load`. Each tree
runs in a child process over the real reports of ../shared/corpus (`trees.run_trees`), timed with
`time.process_time`:

* load: `Steps.load()` in the fresh process;
* classify: `predict_reports` over the reports, 8 at a time (as `Steps.annotate` is given them);
* boilerplate: `score_groups` over the same batches (spans explained);
* the reports are read and their paragraphs cut by jieba first (not timed).

Also printed: which of sklearn, scipy.stats and pandas the child had imported at the end (none since
the inference twins), and the peak resident memory (MB) of the child.

    cd /tmp && PYTHONPATH=REPO python REPO/benchmarks/bench_models.py --code OLD_TREE --code REPO [--rounds 3]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from trees import print_medians, run_trees, tree_arguments  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import jieba, openpyxl, scipy.sparse
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
times["imported"] = " ".join(name for name in ("sklearn", "scipy.stats", "pandas") if name in sys.modules) or "none"
times["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(times))
"""


def main() -> int:
    args = tree_arguments(__doc__.splitlines()[0])
    files, characters, runs = run_trees(CHILD, args.code, args.rounds, args.limit)
    print(f"{files} texts, {characters:,} characters")
    print_medians(runs, ("load", "classify", "boilerplate", "peak MB"))
    for code in args.code:
        print(f"{code}: imported at the end: {runs[code][0]['imported']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
