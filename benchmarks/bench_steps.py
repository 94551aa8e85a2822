"""CPU seconds of the per-report steps that `analyze` spends outside jieba and the classifier, for
one or more code trees side by side (alternating, `--rounds` times; the median is kept).

Each tree runs in a child process (PYTHONPATH = the tree; its `models/` beside `nlp/`) over the same
texts (`bench_vs_jieba.write_texts`: the real reports of ../shared/corpus), and times with
`time.process_time`:

* jieba load: `Tokenizer().initialize()` once (importing jieba, loading its dictionary and the
  domain words), the start-up the pipeline pays before its first cut;
* read: `read_report` of every file (read, normalise, structure);
* tables read / tables check: `read_tables` and `check_report` of every report;
* generic model: `predict_and_explain` of each report's narrative paragraphs (the TF-IDF model's
  probability and its top n-grams);
* specificity: `SpecificityScorer.score` of every narrative paragraph (after one untimed pass, so
  that jieba's words are cached and the step's own work is what is timed).

    PYTHONPATH=. python benchmarks/bench_steps.py --code OLD_TREE --code . [--rounds 3] [--limit N] [--in-analyze]

With `--in-analyze` the same steps are timed inside a real `govreport analyze --jobs 1` run of the
texts instead (in the child's process: `nlp.inputs.read_one`, `nlp.pipeline.tokenize/tables/
boilerplate` wrapped with `time.process_time`), and the whole run's CPU after the interpreter's start.

Run it from outside the repository (cd /tmp) so that each child imports the tree it is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from trees import CPU_TIMER, print_medians, run_trees, tree_arguments  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
import nlp
from nlp.boilerplate.train import load_boilerplate_scorer
from nlp.structure import read_report
from nlp.tables.checks import check_report
from nlp.tables.extract import read_tables

paths = sorted(Path(sys.argv[1]).glob("*.txt"))
times = {"nlp": str(Path(nlp.__file__).parent)}
def timed(name, function):
    started = time.process_time()
    out = function()
    times[name] = time.process_time() - started
    return out
from nlp.tokenize import Tokenizer
timed("jieba load", lambda: Tokenizer().initialize())
reports = timed("read", lambda: [read_report(path) for path in paths])
extractions = timed("tables read", lambda: [read_tables(report) for report in reports])
timed("tables check", lambda: [check_report(report, extraction) for report, extraction in zip(reports, extractions)])
scorer = load_boilerplate_scorer()
groups = [([p.text for p in report.narrative()], [report.agency] if report.agency else []) for report in reports]
timed("generic model", lambda: [scorer.generic_.predict_and_explain(texts) for texts, _ in groups if texts])
for texts, names in groups:
    for text in texts:
        scorer.specificity.score(text, names)
timed("specificity", lambda: [scorer.specificity.score(text, names) for texts, names in groups for text in texts])
print(json.dumps(times))
"""


IN_ANALYZE_CHILD = r"""
import json, sys, time
from pathlib import Path
import nlp
import nlp.inputs as inputs
import nlp.pipeline as pipeline

""" + CPU_TIMER + r"""
spent["nlp"] = str(Path(nlp.__file__).parent)
timed(inputs, "read_one", "read")
timed(pipeline, "tokenize", "tokenize (jieba's load and cut)")
timed(pipeline, "tables", "tables read + check")
timed(pipeline, "boilerplate", "boilerplate (generic model + specificity)")
from nlp.cli import main
started = time.process_time()
main(["analyze", sys.argv[1], "-o", sys.argv[2], "--jobs", "1", "--quiet"])
spent["whole analyze (after interpreter start)"] = time.process_time() - started
print(json.dumps(spent))
"""
#: Not in `tree_arguments` (shared with other benchmarks): taken off the command line here.
IN_ANALYZE = "--in-analyze"


def main() -> int:
    in_analyze = IN_ANALYZE in sys.argv
    if in_analyze:
        sys.argv.remove(IN_ANALYZE)
    args = tree_arguments(__doc__.splitlines()[0])
    files, characters, runs = run_trees(IN_ANALYZE_CHILD if in_analyze else CHILD, args.code, args.rounds, args.limit)
    print(f"{files} texts, {characters:,} characters")
    print_medians(runs, [name for name in runs[args.code[0]][0] if name != "nlp"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
