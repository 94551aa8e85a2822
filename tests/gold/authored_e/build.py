"""Build set E from its sources: the Word and PDF files and the gold files.

Run from anywhere:  python tests/gold/authored_e/build.py
Writes reports.jsonl, labels.jsonl, sections.jsonl, tables.jsonl and Dxx.docx /
Dxx.pdf next to this script. The files are rebuilt byte-for-byte only up to the
time stamps Word and reportlab put in them; the text inside is fixed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from facts import pdf_facts  # noqa: E402
from make_docx import make_docx  # noqa: E402
from make_pdf import make_pdf  # noqa: E402
from source import SOFT_BREAK, Report, read_all  # noqa: E402

SECTIONS = {
    "new": ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"],
    "old": ["概述", "主动公开政府信息情况", "依申请公开政府信息情况", "政府信息公开的收费及减免情况",
            "因政府信息公开申请提起行政复议、提起行政诉讼的情况",
            "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项"],
}


def report_record(report: Report, pages: int | None, facts: str = "") -> dict:
    meta = report.meta
    page = meta.get("page", "")
    soft = [i for i, line in enumerate(report.lines) if SOFT_BREAK in line.raw]
    numbered = [i for i, line in enumerate(report.lines) if line.word_numbered]
    if soft:
        page += f" Lines {soft} are broken inside by soft returns (Word) or forced line breaks (PDF); the clean line joins them."
    if numbered:
        page += (f" Lines {numbered} are Word list items: their numbers (1. 2. …) come from Word"
                 " numbering and are not in the paragraph text, nor in the clean line.")
    if pages:
        page += f" {pages} pages. {facts}"
    return {
        "doc_id": report.doc_id, "agency": meta["agency"], "year": meta["year"],
        "template": meta["template"], "title": meta["title"], "file": meta["file"],
        "province": meta["province"], "level": meta["level"], "split": meta_split(report),
        "text": "\n".join(line.text for line in report.lines), "page": page.strip(),
    }


def meta_split(report: Report) -> str:
    return "dev" if int(report.doc_id[1:]) % 2 else "held"


def label_records(report: Report) -> list[dict]:
    out = []
    for index, line in enumerate(report.lines):
        record = {"doc_id": report.doc_id, "para_index": index, "text": line.text,
                  "kind": line.kind, "label": line.label if line.kind == "narrative" else None,
                  "mixed": line.mixed,
                  "generic": line.generic if line.kind == "narrative" else None}
        if line.unsure:
            record["unsure"] = line.unsure
        out.append(record)
    return out


def section_record(report: Report) -> dict:
    names = SECTIONS["old" if report.template == "old" else "new"]
    found = {int(line.code[1:]): i for i, line in enumerate(report.lines)
             if line.code.startswith("S")}
    return {"doc_id": report.doc_id, "template": report.template,
            "sections": [{"number": n, "name": name, "para_index": found.get(n)}
                         for n, name in enumerate(names, 1)]}


def table_record(report: Report) -> dict | None:
    if report.template == "old":
        return None
    cells, seen = [], set()
    for line in report.lines:
        if line.kind != "table" or id(line.grid) in seen:
            continue
        seen.add(id(line.grid))
        for row in line.grid.rows:
            for cell in row:
                if cell.key:
                    table, row_key, col = cell.key
                    cells.append({"table": table, "row": row_key, "col": col, "value": cell.value})
    return {"doc_id": report.doc_id, "template": report.template, "cells": cells}


def fill_contents(report: Report, section_pages: dict[str, int]) -> None:
    """A contents-list entry `…{p:S2}` shows the page the PDF put section 2 on."""
    for line in report.lines:
        if "{p:" in line.text:
            key = line.text[line.text.index("{p:") + 3:line.text.index("}")]
            line.text = line.text[:line.text.index("{p:")] + str(section_pages[key])


def write_jsonl(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    reports = read_all(HERE)
    records = []
    for report in reports:
        target = HERE / report.meta["file"]
        pages, facts = None, ""
        if target.suffix == ".pdf":
            pages, section_pages = make_pdf(report, target)
            fill_contents(report, section_pages)
            facts = pdf_facts(target, [line.text for line in report.lines if line.kind == "heading"],
                              [(i, line.text) for i, line in enumerate(report.lines)
                               if line.kind != "table"])
        else:
            make_docx(report, target)
        records.append(report_record(report, pages, facts))
    write_jsonl(HERE / "reports.jsonl", records)
    write_jsonl(HERE / "labels.jsonl", [r for rep in reports for r in label_records(rep)])
    write_jsonl(HERE / "sections.jsonl", [section_record(rep) for rep in reports])
    write_jsonl(HERE / "tables.jsonl", [t for rep in reports if (t := table_record(rep))])
    print(f"built {len(reports)} reports")


if __name__ == "__main__":
    main()
