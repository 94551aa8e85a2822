"""CPU seconds of the batch job around the per-report steps (`analyze --jobs 1`), phase by phase, for
one or more code trees side by side (alternating, `--rounds` times; the median is kept).

Each tree runs `govreport analyze TEXTS -o OUT --jobs 1 --quiet` in a child process (PYTHONPATH =
the tree) over the real reports of ../shared/corpus (`bench_vs_jieba.write_texts`), with
`time.process_time` around the phases (wrapped from outside, so an older tree is timed the same way):

* start: imports up to the command's first line of work, and model load (`Steps.load`);
* steps: `Steps.annotate` (the models, tables, tokens), read: `read_input` (read, normalise, structure);
* pass 1 own: pass 1 less those two and the model load (index additions, JSON, sidecar lines);
* between: the band table, the page names and the checks across years;
* pass 2: `finish_report` (index lookup, reuse, JSON again, review page), page: the review pages
  within it, workbook: `summary.xlsx`;
* json: every write of a report's JSON (both passes), index add / lookup: `DuplicateIndex.add`
  (pass 1) and `DuplicateIndex.lookup` (pass 2);
* gc: the garbage collector's own time (all phases), from `gc.callbacks`;
* total: the child's CPU (user + system) and its peak memory (ru_maxrss).

    cd /tmp && PYTHONPATH=REPO python REPO/benchmarks/bench_batch.py --code OLD_TREE --code REPO [--rounds 3] [--limit N]

Run it from outside the repository so that each child imports the tree it is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from trees import CPU_TIMER, print_medians, run_trees, tree_arguments  # noqa: E402

CHILD = r"""
import functools, gc, json, resource, sys, time
started = time.process_time()
gc_time = [0.0]
gc_start = [0.0]
def collected(phase, info):
    if phase == "start":
        gc_start[0] = time.process_time()
    else:
        gc_time[0] += time.process_time() - gc_start[0]
gc.callbacks.append(collected)
import nlp
from nlp.batch import files, passes, run, state
from nlp.cli import main
from nlp.pipeline import Steps
""" + CPU_TIMER + r"""
timed(Steps, "annotate", "steps")
timed(Steps, "load", "load")
timed(passes, "read_input", "read")
timed(run, "pass_one", "pass 1")
timed(run, "between_passes", "between")
timed(run, "pass_two", "pass 2 all")
timed(passes, "finish_report", "pass 2")
timed(files, "write_page", "page")
timed(files, "write_summary_workbook", "workbook")
from nlp.duplicates.index import DuplicateIndex
timed(passes, "write_report_json", "json")
timed(state, "write_report_json", "json")
timed(DuplicateIndex, "add", "index add")
timed(DuplicateIndex, "lookup", "lookup")
imported = time.process_time() - started
try:
    main(["analyze", sys.argv[1], "-o", sys.argv[2], "--jobs", "1", "--quiet"])
except SystemExit:
    pass
usage = resource.getrusage(resource.RUSAGE_SELF)
spent["start"] = imported + spent.get("load", 0.0)
spent["pass 1 own"] = spent["pass 1"] - spent["steps"] - spent["read"] - spent.get("load", 0.0)
spent["gc"] = gc_time[0]
spent["total"] = usage.ru_utime + usage.ru_stime
spent["peak MB"] = usage.ru_maxrss / 1024
spent["nlp"] = str(nlp.__file__)
print(json.dumps(spent))
"""

SHOWN = ("start", "read", "steps", "pass 1 own", "between", "pass 2", "json", "page", "index add", "lookup", "workbook", "gc", "total", "peak MB")


def main() -> int:
    args = tree_arguments(__doc__.splitlines()[0], default=Path(__file__).resolve().parents[1])
    trees = args.code
    files, characters, runs = run_trees(CHILD, trees, args.rounds, args.limit)
    print(f"{files} texts, {characters:,} characters")
    print_medians(runs, SHOWN, unit="CPU seconds (peak MB in its row)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
