"""Check set H: the gold files agree with each other, with TABLES.md's arithmetic and with the
Word files. Run: ``python tests/gold/authored_h/check_set.py`` (python-docx needed). Exit 1 on a fault.

Checks:
1. every report has its fields; odd numbers are ``dev``, even ``held``; the file exists;
2. every line of ``text`` is non-empty and has exactly one label record with that text, in order;
3. kinds and labels are valid (label, generic only on narrative; ``unsure`` names another label);
4. every narrative and heading line appears, in order, among the paragraph texts of the .docx
   (body, table cells and text boxes, in document order; whitespace dropped on both sides; where the
   Word paragraph carries automatic numbering (w:numPr) the line's leading number is ignored);
5. the sections point at heading lines that carry the section's name, in the template's order;
6. the tables are complete for the template and add up (TABLES.md rules 1-4), and the figures of
   ``tables.jsonl``, of the text's table lines and of the Word tables are the same sequence.
With ``--render`` (needs LibreOffice's ``soffice``), also:
7. the automatic numbers are what a word processor shows: every heading and narrative line is found,
   in order, in the plain text LibreOffice makes of the file (numbers included), a line with a soft
   break as two rendered lines, a text box's line left out (LibreOffice's text export drops frames).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

HERE = Path(__file__).parent
sys.dont_write_bytecode = True  # keep the gold folder free of __pycache__
sys.path.insert(0, str(HERE))
from tables_h import (  # noqa: E402
    ACTIVE_2019,
    ACTIVE_2021,
    APPLICANTS,
    REQ_COLS,
    REVIEW_COLS,
    REVIEW_ROWS,
    SECTIONS,
    outcome_rows,
    request_rows,
)

LABELS = {"active_disclosure", "application", "info_management", "platform", "organization",
          "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
LEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def load(name: str) -> list[dict]:
    with open(HERE / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def squash(text: str) -> str:
    return "".join(text.split())


def word_paragraphs(path: Path) -> list[tuple[str, bool]]:
    """(text without whitespace, has automatic numbering) of every paragraph in document order."""
    document = docx.Document(path)
    out = []
    for p in document.element.body.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        numbered = ppr is not None and ppr.find(qn("w:numPr")) is not None
        out.append((squash(Paragraph(p, document).text), numbered))
    return out


def word_table_figures(path: Path) -> list[str]:
    """Figures of the Word tables, one per cell (merged cells once), in reading order."""
    document = docx.Document(path)
    figures = []
    for tbl in document.element.body.iter(qn("w:tbl")):
        for tc in tbl.iter(qn("w:tc")):
            text = squash("".join(t.text or "" for t in tc.iter(qn("w:t"))))
            if NUMBER.fullmatch(text):
                figures.append(text)
    return figures


def expected_cells(template: str) -> list[tuple[str, str, str]]:
    keys = []
    for row, _name, cols in (ACTIVE_2021 if template == "2021" else ACTIVE_2019):
        keys += [("active", row, col) for col in cols]
    keys += [("requests", row, col) for row in request_rows(template) for col in REQ_COLS]
    keys += [("review_litigation", row, col) for row in REVIEW_ROWS for col in REVIEW_COLS]
    return keys


def fmt(value) -> str:
    return str(value)


def check_tables(doc_id: str, rec: dict, faults: list[str]) -> list[str]:
    template = rec["template"]
    keys = [(c["table"], c["row"], c["col"]) for c in rec["cells"]]
    if keys != expected_cells(template):
        faults.append(f"{doc_id}: table cells are not the template's, in order")
        return []
    value = {(c["table"], c["row"], c["col"]): c["value"] for c in rec["cells"]}
    for v in value.values():
        if v is not None and not isinstance(v, (int, float)):
            faults.append(f"{doc_id}: cell value {v!r} is not a number")
    req = {(r, c): value["requests", r, c] or 0 for r in request_rows(template) for c in REQ_COLS}
    for row in request_rows(template):
        if req[row, "total"] != sum(req[row, c] for c in APPLICANTS):
            faults.append(f"{doc_id}: requests {row}: total is not the sum of the applicants")
    for col in REQ_COLS:
        if req["new_received", col] + req["carried_over", col] != req["total_handled", col] + req["carried_forward", col]:
            faults.append(f"{doc_id}: requests {col}: new + carried over != handled + carried forward")
        if req["total_handled", col] != sum(req[r, col] for r in outcome_rows(template)):
            faults.append(f"{doc_id}: requests {col}: total handled is not the sum of the outcomes")
    for row in REVIEW_ROWS:
        figures = [value["review_litigation", row, c] or 0 for c in REVIEW_COLS]
        if figures[-1] != sum(figures[:-1]):
            faults.append(f"{doc_id}: review_litigation {row}: total is not the sum")
    return [fmt(c["value"]) for c in rec["cells"] if c["value"] is not None]


def textbox_texts(path: Path) -> set[str]:
    document = docx.Document(path)
    return {squash(Paragraph(p, document).text)
            for box in document.element.body.iter(qn("w:txbxContent")) for p in box.iter(qn("w:p"))}


def check_rendered(reports: list[dict], by_doc: dict[str, list[dict]], faults: list[str]) -> None:
    """Compare the lines with LibreOffice's plain-text rendering, which writes automatic numbers out."""
    soffice = shutil.which("soffice")
    if soffice is None:
        faults.append("--render: soffice not found")
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp]
                       + [str(HERE / rep["file"]) for rep in reports],
                       check=True, capture_output=True, timeout=600)
        for rep in reports:
            rendered = Path(tmp, Path(rep["file"]).stem + ".txt").read_text(encoding="utf-8-sig")
            lines = [squash(line) for line in rendered.splitlines() if squash(line)]
            boxed = textbox_texts(HERE / rep["file"])
            pos = 0
            for r in by_doc[rep["doc_id"]]:
                text = squash(r["text"])
                if r["kind"] not in ("narrative", "heading") or text in boxed:
                    continue
                for j in range(pos, len(lines)):
                    if lines[j] == text:
                        pos = j + 1
                        break
                    if j + 1 < len(lines) and lines[j] + lines[j + 1] == text:
                        pos = j + 2
                        break
                else:
                    faults.append(f"{rep['doc_id']}:{r['para_index']}: not rendered so by LibreOffice: {r['text'][:30]}")


def main() -> int:
    reports, labels = load("reports.jsonl"), load("labels.jsonl")
    sections = {r["doc_id"]: r for r in load("sections.jsonl")}
    tables = {r["doc_id"]: r for r in load("tables.jsonl")}
    by_doc: dict[str, list[dict]] = {}
    for rec in labels:
        by_doc.setdefault(rec["doc_id"], []).append(rec)
    faults: list[str] = []
    fields = ("doc_id", "agency", "year", "template", "title", "level", "province", "file",
              "format", "split", "text", "page")
    for rep in reports:
        doc_id = rep["doc_id"]
        missing = [f for f in fields if f not in rep or rep[f] in (None, "")]
        if missing:
            faults.append(f"{doc_id}: missing fields {missing}")
        if rep["split"] != ("dev" if int(doc_id[1:]) % 2 else "held"):
            faults.append(f"{doc_id}: split {rep['split']} against the odd/even rule")
        if rep["template"] not in SECTIONS or rep["format"] != "docx":
            faults.append(f"{doc_id}: template or format invalid")
        path = HERE / rep["file"]
        if not path.exists():
            faults.append(f"{doc_id}: file {rep['file']} missing")
            continue
        lines = rep["text"].split("\n")
        recs = by_doc.get(doc_id, [])
        if [r["text"] for r in recs] != lines or [r["para_index"] for r in recs] != list(range(len(lines))):
            faults.append(f"{doc_id}: label records do not match the text lines one to one")
        for k, line in enumerate(lines):
            if not line or line != line.strip():
                faults.append(f"{doc_id}:{k}: empty line or surrounding whitespace")
        # 3. labels
        for r in recs:
            where = f"{doc_id}:{r['para_index']}"
            if r["kind"] not in KINDS or not isinstance(r["mixed"], bool):
                faults.append(f"{where}: bad kind or mixed")
            if r["kind"] == "narrative":
                if r["label"] not in LABELS or not isinstance(r["generic"], bool):
                    faults.append(f"{where}: narrative needs one of the eight labels and generic")
                if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
                    faults.append(f"{where}: unsure must name another label")
            elif r["label"] is not None or r["generic"] is not None or r["mixed"] or "unsure" in r:
                faults.append(f"{where}: only narrative records carry label, generic, mixed, unsure")
        # 4. narrative and heading lines in the Word file, in order
        paragraphs = word_paragraphs(path)
        pos = 0
        for r in recs:
            if r["kind"] not in ("narrative", "heading"):
                continue
            full = squash(r["text"])
            bare = LEADING_NUMBER.sub("", full)
            for j in range(pos, len(paragraphs)):
                text, numbered = paragraphs[j]
                if text == full or (numbered and text == bare):
                    pos = j + 1
                    break
            else:
                faults.append(f"{doc_id}:{r['para_index']}: not found in order in {rep['file']}: {r['text'][:30]}")
        # 5. sections
        names = SECTIONS[rep["template"]]
        sec = sections.get(doc_id, {}).get("sections", [])
        if [s["name"] for s in sec] != names:
            faults.append(f"{doc_id}: sections are not the template's {len(names)}")
        last = -1
        for s in sec:
            k = s["para_index"]
            if k is None:
                continue
            if not (0 <= k < len(recs)) or recs[k]["kind"] != "heading" or not recs[k]["text"].endswith(s["name"]) \
                    or k <= last:
                faults.append(f"{doc_id}: section {s['name']} does not point at its heading, in order")
            last = k if k is not None else last
        # 6. tables
        if rep["template"] == "old":
            if doc_id in tables:
                faults.append(f"{doc_id}: an old-template report has no template tables")
            continue
        if doc_id not in tables:
            faults.append(f"{doc_id}: tables missing")
            continue
        gold = check_tables(doc_id, tables[doc_id], faults)
        in_text = [cell for r in recs if r["kind"] == "table" for cell in r["text"].split("\t")
                   if NUMBER.fullmatch(cell)]
        in_word = word_table_figures(path)
        if not (gold == in_text == in_word):
            faults.append(f"{doc_id}: table figures differ: tables.jsonl {len(gold)}, text {len(in_text)}, "
                          f"Word {len(in_word)}")
    if "--render" in sys.argv[1:]:
        check_rendered(reports, by_doc, faults)
    for fault in faults:
        print(fault)
    counts = {}
    for rec in labels:
        key = rec["label"] or rec["kind"]
        counts[key] = counts.get(key, 0) + 1
    print(f"{len(reports)} reports, {len(labels)} lines: {dict(sorted(counts.items()))}")
    print("OK" if not faults else f"{len(faults)} faults")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
