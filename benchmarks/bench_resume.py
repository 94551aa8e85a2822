"""What `analyze --resume` reads back of the reports an earlier run finished, at N reports: before and now.

A batch of real reports is analysed once (`--source`, default ../shared/corpus/full_reports.jsonl
written to files); its per-report JSON documents are then copied under N distinct names into a fresh
output folder, with the `.finished.jsonl` sidecar a run writes for them, so that the folder looks
like the output of an N-report run killed at the end of pass 1. Timed, each in a fresh child process
(cold Python, warm page cache: the second of two reads is kept):

* before (up to commit 7d216be): every finished report's JSON parsed, for its doc_id, agency, year
  and labels (`json.loads` of each file, as `_run_pass_one` did);
* now: the sidecar read (`nlp.batch.ledger.read_finished`), checked against the doc_ids the run's
  index holds (`OUTPUT/index.sqlite`, built here for the N reports; opening it is not timed, as
  every run opens it: the index is not flushed per report, so a report it lost is redone), plus the end-of-file check of each JSON that both do (a
  JSON cut short by a power cut is redone).

    PYTHONPATH=. python benchmarks/bench_resume.py --reports 10000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "full_reports.jsonl"

BEFORE = """
import json, os, sys, time
from pathlib import Path
results = Path(sys.argv[1]) / "reports"
started = time.perf_counter()
done = {}
for path in sorted(results.glob("*.json")):
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        assert handle.read() == b"}"
    document = json.loads(path.read_text(encoding="utf-8"))
    done[document["doc_id"]] = (path.stem, document.get("agency"), document.get("year"), document.get("labels"))
print(time.perf_counter() - started, len(done))
"""

NOW = """
import os, sys, time
from pathlib import Path
from nlp.batch.ledger import read_finished
from nlp.batch.state import FINISHED_FILE
from nlp.duplicates.index import DuplicateIndex
output = Path(sys.argv[1])
index = DuplicateIndex(output / "index.sqlite")  # opened by every run, resumed or not: not timed
started = time.perf_counter()
known = read_finished(output / FINISHED_FILE, index)
for name in known:
    with (output / "reports" / f"{name}.json").open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        assert handle.read() == b"}"
print(time.perf_counter() - started, len(known))
"""


def run(script: str, output: Path) -> tuple[float, int]:
    result = subprocess.run([sys.executable, "-c", script, str(output)], check=True, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    seconds, count = result.stdout.split()
    return float(seconds), int(count)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--work", default=None, help="where to write (default: the system's temporary folder)")
    args = parser.parse_args()
    from nlp.batch.state import FINISHED_FILE, Done
    from nlp.duplicates.index import DuplicateIndex
    from nlp.reportjson import from_json

    work = Path(tempfile.mkdtemp(prefix="bench-resume-", dir=args.work))
    try:
        texts = work / "texts"
        texts.mkdir()
        for line in CORPUS.open(encoding="utf-8"):
            record = json.loads(line)
            (texts / f"{record['doc_id']}.txt").write_text(record["text"], encoding="utf-8")
        subprocess.run([sys.executable, "-m", "nlp", "analyze", str(texts), "-o", str(work / "real"), "--quiet"], env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=work)
        documents = sorted((work / "real" / "reports").glob("*.json"))
        output = work / "big"
        (output / "reports").mkdir(parents=True)
        with (output / FINISHED_FILE).open("w", encoding="utf-8") as sidecar, DuplicateIndex(output / "index.sqlite", durable=False) as index:
            for number in range(args.reports):
                source = documents[number % len(documents)]
                document = json.loads(source.read_text(encoding="utf-8"))
                name = f"r{number:06d}"
                document["doc_id"] = name
                index.add(from_json(document))
                (output / "reports" / f"{name}.json").write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
                sidecar.write(Done(name, name, document.get("agency"), document.get("year"), tuple(document.get("labels") or ())).to_line())
        size = sum(p.stat().st_size for p in (output / "reports").glob("*.json")) / args.reports / 1024
        results = {}
        for label, script in (("before", BEFORE), ("now", NOW)):
            run(script, output)  # the first read warms the page cache
            results[label] = run(script, output)
        print(f"{args.reports:,} finished reports, JSON {size:.0f} KB each on average; sidecar {(output / FINISHED_FILE).stat().st_size / 1024:.0f} KB")
        for label, (seconds, count) in results.items():
            print(f"{label:>6}: {seconds:7.2f} s to read back {count:,} reports")
        print(f"now / before: {results['now'][0] / results['before'][0]:.1%}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
