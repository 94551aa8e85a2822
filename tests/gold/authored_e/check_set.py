"""Check set E: labels against texts, texts against the files, tables against
the arithmetic of TABLES.md, sections against headings.

Run:  python tests/gold/authored_e/check_set.py      (exit status 1 on a problem)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from grid import ACTIVE_2019, ACTIVE_2021, APPLICANTS, OUTCOME_ROWS, REQUEST_COLS, REVIEW_COLS, REVIEW_ROWS  # noqa: E402

LABELS = {"active_disclosure", "application", "info_management", "platform",
          "organization", "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
BODY_TOP, BODY_BOTTOM = 780, 62     # make_pdf.py: the body lies between these (pt from the foot)


def load(name: str) -> list[dict]:
    with (HERE / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def file_text(path: Path) -> str:
    """What a reader gets from the file: Word body paragraphs, or the PDF's
    text inside the body frame (running headers and footers cropped)."""
    if path.suffix == ".docx":
        from docx import Document
        return "".join(p.text for p in Document(str(path)).paragraphs)
    import pdfplumber
    with pdfplumber.open(str(path)) as pdf:
        parts = []
        for page in pdf.pages:
            body = page.crop((0, page.height - BODY_TOP - 4, page.width, page.height - BODY_BOTTOM + 4))
            parts.append(body.extract_text() or "")
    return "".join(parts)


def word_table_rows(path: Path) -> list[str]:
    """The Word tables' rows as the clean text writes them: cells by tabs, a
    merged cell once, in the first row it covers (python-docx repeats it)."""
    from docx import Document
    rows, seen = [], set()
    for table in Document(str(path)).tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell._tc in seen:      # the elements themselves: an id() could be reused
                    continue
                seen.add(cell._tc)
                if cell._tc.vMerge == "continue":     # the lower part of a vertical merge
                    continue
                cells.append(cell.text)
            rows.append("\t".join(cells))
    return rows


def check_word_tables(report: dict, labels: list[dict], problems: list[str]) -> None:
    """A Word file's tables print exactly the table lines of the clean text;
    a table cut in two (and blank where a merged label was cut) is joined back."""
    printed = [row for row in word_table_rows(HERE / report["file"])]
    wanted = [r["text"] for r in labels if r["kind"] == "table"]
    if [squeeze(r) for r in printed if squeeze(r)] != [squeeze(w) for w in wanted]:
        problems.append(f"{report['doc_id']}: the Word tables do not print the table lines")


def check_labels(report: dict, labels: list[dict], problems: list[str]) -> None:
    lines = [line for line in report["text"].split("\n")]
    if any(not line.strip() for line in lines):
        problems.append(f"{report['doc_id']}: empty line in text")
    if [r["text"] for r in labels] != lines:
        problems.append(f"{report['doc_id']}: label texts differ from the text's lines")
    for i, r in enumerate(labels):
        where = f"{report['doc_id']}#{i}"
        if r["para_index"] != i:
            problems.append(f"{where}: para_index {r['para_index']}")
        if r["kind"] not in KINDS:
            problems.append(f"{where}: kind {r['kind']}")
        narrative = r["kind"] == "narrative"
        if narrative != (r["label"] in LABELS) or (not narrative and r["label"] is not None):
            problems.append(f"{where}: label {r['label']} for kind {r['kind']}")
        if narrative != isinstance(r["generic"], bool) or not isinstance(r["mixed"], bool):
            problems.append(f"{where}: generic/mixed {r['generic']}/{r['mixed']}")
        if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
            problems.append(f"{where}: unsure {r['unsure']}")


def check_file(report: dict, labels: list[dict], problems: list[str]) -> None:
    """Every narrative, heading and meta line stands in the file, in order."""
    path = HERE / report["file"]
    if not path.exists():
        problems.append(f"{report['doc_id']}: no file {report['file']}")
        return
    extracted = squeeze(file_text(path))
    at = 0
    for r in labels:
        if r["kind"] == "table":
            continue
        found = extracted.find(squeeze(r["text"]), at)
        if found < 0:
            problems.append(f"{report['doc_id']}#{r['para_index']} ({r['kind']}) not found in order "
                            f"in {report['file']}: {r['text'][:30]}")
        else:
            at = found + len(squeeze(r["text"]))


def expected_cells(template: str) -> set[tuple]:
    keys = set()
    for _, columns, body in (ACTIVE_2021 if template == "2021" else ACTIVE_2019):
        keys |= {("active", row, col) for _, row in body for _, col in columns[1:]}
    rows = ["new_received", "carried_over", *OUTCOME_ROWS[template], "total_handled", "carried_forward"]
    keys |= {("requests", row, col) for row in rows for col in REQUEST_COLS}
    keys |= {("review_litigation", row, col) for row in REVIEW_ROWS for col in REVIEW_COLS}
    return keys


def check_tables(gold: dict, problems: list[str]) -> None:
    doc, template = gold["doc_id"], gold["template"]
    cells = {(c["table"], c["row"], c["col"]): c["value"] for c in gold["cells"]}
    if len(cells) != len(gold["cells"]) or set(cells) != expected_cells(template):
        problems.append(f"{doc}: table cells are not the template's "
                        f"(missing {expected_cells(template) - set(cells)}, extra {set(cells) - expected_cells(template)})")
        return

    def v(table, row, col):        # a cell printed blank counts as nothing
        return cells[(table, row, col)] or 0

    outcome = OUTCOME_ROWS[template]
    for row in ["new_received", "carried_over", *outcome, "total_handled", "carried_forward"]:
        if v("requests", row, "total") != sum(v("requests", row, c) for c in APPLICANTS):
            problems.append(f"{doc}: requests {row}: total is not the sum of the applicants")
    for col in REQUEST_COLS:
        handled = v("requests", "total_handled", col)
        if v("requests", "new_received", col) + v("requests", "carried_over", col) != \
                handled + v("requests", "carried_forward", col):
            problems.append(f"{doc}: requests {col}: 一+二 is not 三+四")
        if handled != sum(v("requests", row, col) for row in outcome):
            problems.append(f"{doc}: requests {col}: （七）总计 is not the sum of the outcomes")
    for row in REVIEW_ROWS:
        if v("review_litigation", row, "total") != sum(v("review_litigation", row, c)
                                                       for c in REVIEW_COLS[:-1]):
            problems.append(f"{doc}: review_litigation {row}: total is not the sum")


def check_sections(report: dict, sections: dict, labels: list[dict], problems: list[str]) -> None:
    for s in sections["sections"]:
        i = s["para_index"]
        if i is not None and labels[i]["kind"] != "heading":
            problems.append(f"{report['doc_id']}: section {s['number']} points at a {labels[i]['kind']}")


def main() -> int:
    reports = load("reports.jsonl")
    labels = load("labels.jsonl")
    sections = {s["doc_id"]: s for s in load("sections.jsonl")}
    tables = {t["doc_id"]: t for t in load("tables.jsonl")}
    problems: list[str] = []
    by_doc: dict[str, list[dict]] = {}
    for r in labels:
        by_doc.setdefault(r["doc_id"], []).append(r)
    if set(by_doc) != {r["doc_id"] for r in reports}:
        problems.append("labels.jsonl and reports.jsonl cover different reports")
    for report in reports:
        doc = report["doc_id"]
        own = by_doc.get(doc, [])
        check_labels(report, own, problems)
        check_file(report, own, problems)
        check_sections(report, sections[doc], own, problems)
        if report["file"].endswith(".docx"):
            check_word_tables(report, own, problems)
        if report["template"] != "old":
            if doc not in tables:
                problems.append(f"{doc}: no tables")
            else:
                check_tables(tables[doc], problems)
                if any(c["value"] is None for c in tables[doc]["cells"]) and "null" not in report["page"]:
                    problems.append(f"{doc}: null table cells the page note does not mention")
    for p in problems:
        print(p)
    print(f"{len(reports)} reports, {len(labels)} units: "
          f"{'OK' if not problems else str(len(problems)) + ' problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
