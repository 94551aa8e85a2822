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
  ``BOX|label|flags|text``    a narrative paragraph inside a text box
  ``TABLE|active`` / ``TABLE|requests`` / ``TABLE|review``   one of the three tables
  ``SIGN|text``               sign-off line (kind meta)
A ``⏎`` inside a text is written as a soft line break (w:br) and dropped from the clean text.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

sys.dont_write_bytecode = True  # keep the gold folder free of __pycache__
sys.path.insert(0, str(Path(__file__).parent))
from tables_h import SECTIONS, build_cells, table_layout  # noqa: E402

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
        if code in ("P", "I", "R", "BOX"):
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


# ---------------------------------------------------------------- numbering
def _lvl(ilvl: int, fmt: str, text: str, indent: int) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{indent}"/></w:pPr></w:lvl>')


def add_numbering(document, item_text: str):
    """Add two automatic lists: the headings (一、 / （一）, one multi-level list) and the
    numbered items (1. …). Return the heading num id, the item num id and a function that
    makes a restarted item list (a new w:num with a startOverride)."""
    numbering = document.part.numbering_part.element
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    heading_levels = _lvl(0, "chineseCounting", "%1、", 640) + _lvl(1, "chineseCounting", "（%2）", 640)
    item_levels = _lvl(0, "decimal", item_text.replace("N", "%1"), 640)
    first_num = numbering.find(qn("w:num"))
    for abstract_id, levels in ((90, heading_levels), (91, item_levels)):
        abstract = docx.oxml.parse_xml(
            f'<w:abstractNum {ns} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    counter = {"next": 90}

    def new_num(abstract_id: int, restart: bool) -> int:
        counter["next"] += 1
        num_id = counter["next"]
        override = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                    if restart else "")
        numbering.append(docx.oxml.parse_xml(
            f'<w:num {ns} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'{override}</w:num>'))
        return num_id

    return new_num(90, False), new_num(91, False), lambda: new_num(91, True)


def set_numpr(paragraph, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    lvl = OxmlElement("w:ilvl")
    lvl.set(qn("w:val"), str(ilvl))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(lvl)
    numpr.append(nid)
    # numPr goes after pStyle/keepNext… in schema order; right after pStyle is safe here
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(numpr)
    else:
        ppr.insert(0, numpr)


# ---------------------------------------------------------------- runs
FONTS = ["仿宋_GB2312", "仿宋", "宋体", "FangSong"]


def set_font(run, name: str, size: float, bold: bool | None = None) -> None:
    run.font.name = name
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def write_runs(paragraph, text: str, rng: random.Random, font: str, size: float,
               bold: bool = False, split: bool = True) -> None:
    """Write text in several runs, as editing leaves it: the cut points fall anywhere
    (inside a word, before a figure) and the runs differ in font or bold."""
    pieces = text.split("⏎")
    for k, piece in enumerate(pieces):
        if k:
            paragraph.add_run().add_break()
        cuts = sorted(rng.sample(range(1, len(piece)), min(len(piece) - 1, rng.randint(1, 4)))) \
            if split and len(piece) > 6 else []
        start = 0
        for cut in cuts + [len(piece)]:
            chunk = piece[start:cut]
            start = cut
            if not chunk:
                continue
            run = paragraph.add_run(chunk)
            alt = split and rng.random() < 0.3
            set_font(run, rng.choice(FONTS) if alt else font, size, bold or (alt and rng.random() < 0.2))


# ---------------------------------------------------------------- text box, header, footer
def add_text_box(paragraph, text: str) -> None:
    run = paragraph.add_run()
    pict = docx.oxml.parse_xml(
        '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><v:shape style="width:420pt;height:60pt" '
        'stroked="t"><v:textbox><w:txbxContent><w:p><w:r><w:t>' + text
        + '</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>')
    run._r.append(pict)


def add_field(paragraph, instr: str) -> None:
    for kind in ("begin", None, "separate", "1", "end"):
        run = paragraph.add_run()
        if kind is None:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
        elif kind == "1":
            el = OxmlElement("w:t")
            el.text = "1"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def header_footer(document, header_text: str | None, footer: str) -> None:
    section = document.sections[0]
    if header_text:
        section.header.paragraphs[0].text = header_text
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if footer == "dash":
        para.add_run("— ")
        add_field(para, " PAGE ")
        para.add_run(" —")
    else:
        para.add_run("第 ")
        add_field(para, " PAGE ")
        para.add_run(" 页 共 ")
        add_field(para, " NUMPAGES ")
        para.add_run(" 页")


# ---------------------------------------------------------------- tables
def _merge_props(cell, span: int, vmerge: str | None) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    if span > 1:
        gs = OxmlElement("w:gridSpan")
        gs.set(qn("w:val"), str(span))
        tcpr.append(gs)
    if vmerge:
        vm = OxmlElement("w:vMerge")
        if vmerge == "restart":
            vm.set(qn("w:val"), "restart")
        tcpr.append(vm)


def write_table(document, layout: list[list[tuple]], opts: dict, header_rows: int,
                rng: random.Random) -> None:
    """layout: rows of cells (text, span, vmerge) built by tables_h.table_layout. Cells are
    written with raw w:tc elements so that gridSpan and vMerge are exactly as given."""
    width = sum(cell[1] for cell in layout[0])
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    tbl = table._tbl
    for r, row_cells in enumerate(layout):
        tr = OxmlElement("w:tr")
        if r < header_rows and opts.get("repeat_header"):
            trpr = OxmlElement("w:trPr")
            th = OxmlElement("w:tblHeader")
            trpr.append(th)
            tr.append(trpr)
        tbl.append(tr)
        for text, span, vmerge in row_cells:
            tc = OxmlElement("w:tc")
            tr.append(tc)
            cell = docx.table._Cell(tc, table)
            _merge_props(cell, span, vmerge)
            is_figure = re.fullmatch(r"[\d.]+", text or "") is not None
            if opts.get("cell_paragraphs") and text:
                # figures under a blank paragraph (centred by hand); long labels in two paragraphs
                if is_figure:
                    cell.add_paragraph("")
                    p = cell.add_paragraph()
                    write_runs(p, text, rng, "宋体", 10, split=False)
                elif len(text) > 12:
                    half = len(text) // 2
                    for part in (text[:half], text[half:]):
                        write_runs(cell.add_paragraph(), part, rng, "宋体", 10, split=False)
                else:
                    write_runs(cell.add_paragraph(), text, rng, "宋体", 10, split=False)
            else:
                p = cell.add_paragraph()
                if text:
                    write_runs(p, text, rng, "宋体", 10, split=False)
            if not cell.paragraphs:
                cell.add_paragraph()
            if is_figure:
                for p in cell.paragraphs:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def table_lines(layout: list[list[tuple]]) -> list[str]:
    lines = []
    for row_cells in layout:
        cells = [text for text, _span, vmerge in row_cells if text and vmerge != "continue"]
        if cells:
            lines.append("\t".join(cells))
    return lines


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
    document.core_properties.title = meta["title"]
    autonum = opts.get("autonum", False)
    item_fmt = opts.get("item_fmt", "N.")
    num_id, item_num, new_item_num = add_numbering(document, item_fmt) if autonum else (None,) * 3
    lines: list[dict] = []
    counters = [0, 0, 0]
    found: dict[str, int] = {}
    template = meta["template"]
    cells = build_cells(meta) if template != "old" else []
    features: dict[str, list[int]] = {"soft_breaks": [], "box": [], "restart": []}

    def add_line(text: str, kind: str, item: dict | None = None) -> None:
        rec = {"text": text, "kind": kind}
        if item is not None and kind == "narrative":
            rec.update(label=item["label"], mixed=item["mixed"], generic=item["generic"],
                       unsure=item["unsure"])
        lines.append(rec)

    def body_paragraph(text: str, item_style: str | None = None):
        p = document.add_paragraph(style=item_style) if item_style else document.add_paragraph()
        indent = opts.get("indent", "format")
        if indent == "format":
            p.paragraph_format.first_line_indent = Pt(32)
        elif indent == "spaces":
            text = "\u3000\u3000" + text
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
    document.save(HERE / meta["file"])
    meta["page"] = describe_page(opts, features, any(i["code"] in ("I", "R") for i in items),
                                 template != "old") + meta.get("page_extra", "")
    unknown = set(found) - set(SECTIONS[template])
    if unknown:
        raise ValueError(f"{src.name}: sections not in the template: {unknown}")
    sections = [{"number": k + 1, "name": name, "para_index": found.get(name)}
                for k, name in enumerate(SECTIONS[template])]
    return {"meta": meta, "lines": lines, "sections": sections, "cells": cells}


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
