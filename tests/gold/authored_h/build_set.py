"""Build set H (H01-H16): Word files as offices make them, and the gold that goes with them.

Every report is written by hand in ``src/Hnn.txt`` (a small line format, see ``parse_source``).
This script turns each source into ``Hnn.docx`` and into the records of ``reports.jsonl``,
``labels.jsonl``, ``sections.jsonl`` and ``tables.jsonl``. It uses python-docx and lxml only
as libraries; it never imports the project.

Source line format (one paragraph a line):
  ``@meta {json}``            report fields (doc_id, agency, year, template, title, level, province,
                               page, opts, tables)
  ``TITLE|text``              the title (kind heading)
  ``S1|name`` / ``S2|name``   section / subsection heading; the number (一、 / （一）) is added here:
                               as automatic numbering when opts.autonum, else typed into the text
  ``P|label|flags|text``      a narrative paragraph; flags: G generic, S specific, M mixed,
                               ?other  (unsure, the other label considered)
  ``I|label|flags|text``      a numbered list item (1. 2. …); ``R|…`` the same, restarting at 1
  ``Q|label|flags|text``      a subsection that runs on: its number （一） and bold lead-in (up to
                               the first 。) open a narrative paragraph (kind narrative, per the guide)
  ``BOX|label|flags|text``    a narrative paragraph inside a text box
  ``TABLE|active`` / ``TABLE|requests`` / ``TABLE|review``   one of the three tables
  ``SIGN|text``               sign-off line (kind meta)
A ``⏎`` inside a text is written as a soft line break (w:br) and dropped from the clean text.
"""

from __future__ import annotations

import datetime
import io
import json
import random
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

sys.dont_write_bytecode = True  # keep the gold folder free of __pycache__
sys.path.insert(0, str(Path(__file__).parent))
from tables_h import SECTIONS, build_cells, table_layout  # noqa: E402
from word_h import (  # noqa: E402
    add_numbering,
    add_text_box,
    header_footer,
    set_numpr,
    table_lines,
    write_runs,
    write_table,
)

HERE = Path(__file__).parent
CN = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    if n < 20:
        return "十" + (CN[n - 11] if n > 10 else "")
    return CN[n // 10 - 1] + "十" + (CN[n % 10 - 1] if n % 10 else "")


# ---------------------------------------------------------------- source
def parse_source(path: Path) -> tuple[dict, list[dict]]:
    meta: dict = {}
    items: list[dict] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@meta "):
            meta = json.loads(line[6:])
            continue
        code, _, rest = line.partition("|")
        if code in ("P", "Q", "I", "R", "BOX"):
            label, flags, text = rest.split("|", 2)
            unsure = re.search(r"\?(\w+)", flags)
            items.append({"code": code, "label": label, "text": text,
                          "generic": "G" in flags.split("?")[0],
                          "mixed": "M" in flags.split("?")[0],
                          "unsure": unsure.group(1) if unsure else None})
        elif code in ("TITLE", "S1", "S2", "SIGN", "TABLE"):
            items.append({"code": code, "text": rest})
        else:
            raise ValueError(f"{path.name}: unknown line {line[:30]}")
    return meta, items


# ---------------------------------------------------------------- one report
def build_report(src: Path) -> dict:
    meta, items = parse_source(src)
    opts = meta.get("opts", {})
    rng = random.Random(meta["doc_id"])
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋_GB2312"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    style.font.size = Pt(16)
    header_footer(document, opts.get("header"), opts.get("footer", "dash"))
    document.core_properties.author = meta["agency"]
    stamp = datetime.datetime(meta["year"] + 1, 1, 10, 9, 0, 0)
    document.core_properties.created = stamp
    document.core_properties.modified = stamp
    document.core_properties.last_modified_by = meta["agency"]
    document.core_properties.title = meta["title"]
    autonum = opts.get("autonum", False)
    item_fmt = opts.get("item_fmt", "N.")
    num_id, item_num, new_item_num = add_numbering(document, item_fmt) if autonum else (None,) * 3
    lines: list[dict] = []
    counters = [0, 0, 0]
    found: dict[str, int] = {}
    template = meta["template"]
    cells = build_cells(meta) if template != "old" else []
    features: dict[str, list[int]] = {"soft_breaks": [], "box": [], "restart": [], "run_on": []}

    def add_line(text: str, kind: str, item: dict | None = None) -> None:
        rec = {"text": text, "kind": kind}
        if item is not None and kind == "narrative":
            rec.update(label=item["label"], mixed=item["mixed"], generic=item["generic"],
                       unsure=item["unsure"])
        lines.append(rec)

    def body_paragraph(text: str, lead: str = ""):
        """A body paragraph; ``lead`` is a bold lead-in written before the text."""
        p = document.add_paragraph()
        indent = opts.get("indent", "format")
        if indent == "format":
            p.paragraph_format.first_line_indent = Pt(32)
        elif indent == "spaces":
            lead, text = ("\u3000\u3000" + lead, text) if lead else ("", "\u3000\u3000" + text)
        if lead:
            write_runs(p, lead, rng, "楷体_GB2312", 16, bold=True, split=False)
        write_runs(p, text, rng, "仿宋_GB2312", 16)
        return p

    for item in items:
        code, text = item["code"], item["text"]
        if code == "TITLE":
            if opts.get("title_in_table"):
                t = document.add_table(rows=1, cols=1)
                cell = t.rows[0].cells[0]
                write_runs(cell.paragraphs[0], text, rng, "方正小标宋简体", 22, split=False)
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                p = document.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                write_runs(p, text, rng, "方正小标宋简体", 22)
            add_line(text, "heading")
        elif code in ("S1", "S2"):
            level = 0 if code == "S1" else 1
            counters[level] += 1
            if level == 0:
                counters[1] = 0
                found[text] = len(lines)
            number = (cn_number(counters[0]) + "、" if level == 0
                      else "（" + cn_number(counters[1]) + "）")
            heading_style = opts.get("heading_style") and f"Heading {level + 1}"
            p = document.add_paragraph(style=heading_style) if heading_style else document.add_paragraph()
            if not heading_style:
                p.paragraph_format.first_line_indent = Pt(32)
            written = text if autonum else number + text
            write_runs(p, written, rng, "黑体" if level == 0 else "楷体_GB2312", 16,
                       bold=not heading_style)
            if autonum:
                set_numpr(p, num_id, level)
            add_line(number + text, "heading")
        elif code in ("P", "BOX"):
            clean = text.replace("⏎", "")
            if "⏎" in text:
                features["soft_breaks"].append(len(lines))
            if code == "BOX":
                features["box"].append(len(lines))
            if code == "BOX":
                p = document.add_paragraph()
                add_text_box(p, clean)
            else:
                body_paragraph(text)
            add_line(clean, "narrative", item)
        elif code == "Q":
            counters[1] += 1
            number = "（" + cn_number(counters[1]) + "）"
            lead, _, rest = text.partition("。")
            lead += "。"
            if autonum:  # the number comes first, so no typed indent spaces before the lead-in
                p = document.add_paragraph()
                write_runs(p, lead, rng, "楷体_GB2312", 16, bold=True, split=False)
                write_runs(p, rest, rng, "仿宋_GB2312", 16)
                set_numpr(p, num_id, 1)
            else:
                body_paragraph(rest, number + lead)
            add_line(number + text, "narrative", item)
            features["run_on"].append(len(lines) - 1)
        elif code in ("I", "R"):
            if code == "R":
                features["restart"].append(len(lines))
                counters[2] = 0
                if autonum:
                    item_num = new_item_num()
            counters[2] += 1
            number = item_fmt.replace("N", str(counters[2]))
            if autonum:
                p = document.add_paragraph()
                write_runs(p, text, rng, "仿宋_GB2312", 16)
                set_numpr(p, item_num, 0)
            else:
                body_paragraph(number + text)
            add_line(number + text, "narrative", item)
        elif code == "TABLE":
            layout, header_rows = table_layout(text, template, cells)
            split_at = opts.get("split_requests") if text == "requests" else None
            if split_at:
                write_table(document, layout[:split_at], opts | {"repeat_header": True}, header_rows, rng)
                document.add_paragraph().add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
                first_body = [(t, span, "restart" if vm == "continue" else vm)
                              for t, span, vm in layout[split_at]]
                write_table(document, layout[:header_rows] + [first_body] + layout[split_at + 1:],
                            opts | {"repeat_header": True}, header_rows, rng)
            else:
                write_table(document, layout, opts, header_rows, rng)
            for tl in table_lines(layout):
                add_line(tl, "table")
        elif code == "SIGN":
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            write_runs(p, text, rng, "仿宋_GB2312", 16, split=False)
            add_line(text, "meta")
    save_stable(document, HERE / meta["file"])
    meta["page"] = describe_page(opts, features, any(i["code"] in ("I", "R") for i in items),
                                 template != "old") + meta.get("page_extra", "")
    unknown = set(found) - set(SECTIONS[template])
    if unknown:
        raise ValueError(f"{src.name}: sections not in the template: {unknown}")
    sections = [{"number": k + 1, "name": name, "para_index": found.get(name)}
                for k, name in enumerate(SECTIONS[template])]
    return {"meta": meta, "lines": lines, "sections": sections, "cells": cells}


def save_stable(document, path: Path) -> None:
    """Save with fixed zip entry times, so that rebuilding an unchanged source gives the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, src.read(info.filename))


def describe_page(opts: dict, features: dict, has_items: bool, has_tables: bool) -> str:
    """What the Word file shows, i.e. what a reader must undo to get the clean text."""
    parts = []
    if opts.get("autonum"):
        parts.append("section headings 一、 and subsection headings （一） are Word automatic numbering "
                     "(one multi-level list in numbering.xml, w:numPr on the paragraph; the number is "
                     "not in the paragraph's text, the clean text writes it out)")
        if has_items:
            parts.append(f"numbered items ({opts.get('item_fmt', 'N.').replace('N', '1')} …) are a "
                         "second automatic list")
    else:
        parts.append("all numbers (一、 （一） and item numbers) typed in the text")
    if features["restart"]:
        where = ", ".join(str(k) for k in features["restart"])
        parts.append(f"the item list restarts at 1 at para_index {where}"
                     + (" (a new w:num with startOverride)" if opts.get("autonum") else ""))
    parts.append("headings in Heading 1/Heading 2 styles" if opts.get("heading_style")
                 else "headings are Normal paragraphs with bold runs")
    indent = opts.get("indent", "format")
    parts.append({"format": "first-line indent by paragraph format (w:ind firstLine)",
                  "spaces": "first-line indent by two leading full-width spaces (U+3000) typed in "
                            "each body paragraph, dropped in the clean text",
                  "none": "no first-line indent"}[indent])
    parts.append("text split into several runs inside sentences (font and bold changes)")
    if opts.get("header"):
        parts.append(f"page header '{opts['header']}' (furniture, not in text)")
    parts.append("footer page number as a PAGE field ('— 1 —')" if opts.get("footer", "dash") == "dash"
                 else "footer '第 X 页 共 Y 页' with PAGE and NUMPAGES fields")
    if opts.get("title_in_table"):
        parts.append("the title stands in a one-cell Word table")
    if features["box"]:
        parts.append("para_index " + ", ".join(map(str, features["box"]))
                     + " stands in a text box (VML v:textbox, w:txbxContent)")
    if features["run_on"]:
        parts.append("subsection number and bold lead-in open a body paragraph at para_index "
                     + ", ".join(map(str, features["run_on"]))
                     + (" (the number automatic, w:numPr level 2 on the body paragraph)" if opts.get("autonum") else ""))
    if features["soft_breaks"]:
        parts.append("soft line breaks (w:br) inside para_index " + ", ".join(map(str, features["soft_breaks"]))
                     + ", joined in the clean text")
    if has_tables:
        parts.append("the three tables are Word tables with merged cells (w:gridSpan, w:vMerge); "
                     "text gives each row once, merged cells once, tabs between cells")
    if opts.get("split_requests"):
        parts.append("the requests table is split into two Word tables at a page break, its three "
                     "header rows repeated on the second (w:tblHeader); text keeps the header once")
    if opts.get("cell_paragraphs"):
        parts.append("table cells hold their text in several paragraphs: each figure under an empty "
                     "paragraph, long row labels broken into two paragraphs; text joins them")
    return "; ".join(parts) + "."


def main() -> None:
    reports, labels, section_recs, table_recs = [], [], [], []
    for src in sorted((HERE / "src").glob("H*.txt")):
        built = build_report(src)
        meta, lines = built["meta"], built["lines"]
        doc_id = meta["doc_id"]
        number = int(doc_id[1:])
        reports.append({
            "doc_id": doc_id, "agency": meta["agency"], "year": meta["year"],
            "template": meta["template"], "title": meta["title"], "level": meta["level"],
            "province": meta["province"], "file": meta["file"], "format": "docx",
            "split": "dev" if number % 2 else "held",
            "text": "\n".join(rec["text"] for rec in lines), "page": meta["page"]})
        for k, rec in enumerate(lines):
            out = {"doc_id": doc_id, "para_index": k, "text": rec["text"], "kind": rec["kind"],
                   "label": rec.get("label"), "mixed": rec.get("mixed", False),
                   "generic": rec.get("generic") if rec["kind"] == "narrative" else None}
            if rec.get("unsure"):
                out["unsure"] = rec["unsure"]
            labels.append(out)
        section_recs.append({"doc_id": doc_id, "template": meta["template"],
                             "sections": built["sections"]})
        if meta["template"] != "old":
            table_recs.append({"doc_id": doc_id, "template": meta["template"],
                               "cells": built["cells"]})
    for name, recs in (("reports", reports), ("labels", labels),
                       ("sections", section_recs), ("tables", table_recs)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for rec in recs:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(reports)} reports, {len(labels)} lines")


if __name__ == "__main__":
    main()
