"""PDF tables without rules whose row labels wrap in a narrow column: cells right / warned / silent / wrong, and the
reports the checks blame.

Set Y's development .docx files (odd numbers; the held half is never opened here) are converted to PDF by LibreOffice
(`soffice`) with their tables' borders taken off (`tests.makers.unruled_pdf_from_docx`): as written (table 三's
label columns about four characters wide) and with those columns narrowed to 500 twips (about three characters).
Each PDF is read by `nlp.read_report` and scored against the set's `tables.jsonl` as `eval_authored_files.py` scores
cells (`eval_authored_tables.score_report`); a report is blamed where a check lays `fail`/`report` on it (the set's
tables add up: any blame is unfair). `--detail` prints each PDF's line.

Run: python benchmarks/eval_unruled_pdfs.py [--detail]   (needs soffice; about a minute for the 16 conversions)
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
from tests.authored_sets import report_number  # noqa: E402

SET_Y = REPO / "tests" / "gold" / "authored_y"
#: Table 三's label columns: as the .docx has them, and narrowed (twips).
WIDTHS = {"as written": None, "labels 500 twips": 500}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        print("skipped: soffice not found")
        return 0
    from eval_authored_tables import score_report

    from tests.makers import unruled_pdf_from_docx

    with (SET_Y / "tables.jsonl").open(encoding="utf-8") as handle:
        gold = {record["doc_id"]: record for record in map(json.loads, handle)}
    dev = sorted(doc_id for doc_id in gold if report_number(doc_id) % 2 == 1)
    print("| label columns | reports | cells | right | warned | silent | wrong | reports blamed |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for name, width in WIDTHS.items():
            totals: Counter = Counter()
            blamed = 0
            for doc_id in dev:
                pdf = unruled_pdf_from_docx(SET_Y / f"{doc_id}.docx", Path(folder) / name.replace(" ", "_"), width)
                outcome = score_report({**gold[doc_id], "path": str(pdf)})
                totals.update(outcome["counts"])
                blamed += bool(outcome["blamed"])
                if args.detail:
                    print(f"  {name} {doc_id}: {dict(outcome['counts'])}, blamed {outcome['blamed']}", file=sys.stderr)
            cells = sum(totals[k] for k in ("right", "warned", "silent", "wrong"))
            print(f"| {name} | {len(dev)} | {cells} | {totals['right']} | {totals['warned']} | {totals['silent']} | {totals['wrong']} | {blamed} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
