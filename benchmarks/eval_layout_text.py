"""Table cells of text copied out of a PDF with its layout (pdfplumber `extract_text(layout=True)`).

A user who copies a PDF's text with its layout gets page furniture, a form feed between pages, lines wrapped at
the page width with their indent as spaces, the statistical tables as space-aligned columns and a table running
over pages with its header repeated. This script makes such text itself — never from a held-out file — out of:
- `authored`: the dev PDFs (odd numbers) of the authored sets M and E, scored against their `tables.jsonl`;
- `shared`: PDFs made from the shared gold's tables (`tests.table_layouts.write_pdf_layout`: both PDF styles, and labels set at the top of narrow cells),
  scored against that gold (skipped where ../shared is absent).

Each text is written to a `.txt` file and read by `nlp.read_report`; each gold cell is right, warned (left out
with a warning naming its row), silent or wrong (`tests.table_layouts.cell_outcomes`). Wrong is the worst.

Run: python benchmarks/eval_layout_text.py [--source authored|shared|all] [--detail]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
import nlp  # noqa: E402
from tests.authored_sets import report_number  # noqa: E402
from tests.table_layouts import (  # noqa: E402
    GOLD_OUTCOMES,
    PDF_STYLES,
    PDF_TOP_STYLE,
    pdf_layout_text,
    report_cell_outcomes,
    write_pdf_layout,
)

SHARED = REPO.parent / "shared"
#: The authored sets whose dev PDFs are read (odd numbers only: the even ones are held out).
AUTHORED = ("m", "e")


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def authored_cases() -> list[tuple[str, Path, dict]]:
    """(name, PDF, gold) for each dev PDF of the authored sets with gold cells."""
    cases = []
    for name in AUTHORED:
        folder = REPO / "tests" / "gold" / f"authored_{name}"
        gold = {t["doc_id"]: t for t in _jsonl(folder / "tables.jsonl")}
        for record in _jsonl(folder / "reports.jsonl"):
            doc_id = record["doc_id"]
            if report_number(doc_id) % 2 == 1 and record["file"].endswith(".pdf") and doc_id in gold and record["template"] != "old":
                cases.append((doc_id, folder / record["file"], gold[doc_id]))
    return cases


def shared_cases(workdir: Path) -> list[tuple[str, Path, dict]]:
    """(name, PDF, gold) for the shared gold's tables laid out as PDFs in each style."""
    cases = []
    for file in ("seed_tables.jsonl", "reports_tables.jsonl"):
        path = SHARED / "gold" / file
        if not path.exists():
            continue
        for gold in _jsonl(path):
            if gold.get("template") not in ("2019", "2021"):
                continue
            for style in (*PDF_STYLES, PDF_TOP_STYLE):
                pdf = write_pdf_layout(gold, workdir / f"{gold['doc_id']}-{style}.pdf", style)
                cases.append((f"{gold['doc_id']}/{style}", pdf, gold))
    return cases


def score(cases: list[tuple[str, Path, dict]], workdir: Path, detail: bool) -> Counter:
    totals: Counter = Counter()
    for name, pdf, gold in cases:
        text_path = workdir / (name.replace("/", "-") + ".txt")
        text_path.write_text(pdf_layout_text(pdf), encoding="utf-8")
        counts, bad = report_cell_outcomes(gold, nlp.read_report(text_path))
        totals.update(counts)
        print(f"{name}: " + ", ".join(f"{o} {counts[o]}" for o in GOLD_OUTCOMES), flush=True)
        if detail:
            for line in bad:
                if not line.startswith("invented"):
                    print(f"    {line}")
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=("authored", "shared", "all"), default="all")
    parser.add_argument("--detail", action="store_true", help="each cell not right")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for source in ("authored", "shared"):
            if args.source not in (source, "all"):
                continue
            cases = authored_cases() if source == "authored" else shared_cases(workdir)
            if not cases:
                print(f"{source}: no cases (../shared absent?)")
                continue
            totals = score(cases, workdir, args.detail)
            print(f"\n{source}: {len(cases)} texts; " + ", ".join(f"{o} {totals[o]}" for o in GOLD_OUTCOMES) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
