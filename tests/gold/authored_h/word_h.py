"""Word writing for set H: automatic numbering, runs split as editing leaves them, a text box,
page-number fields, and tables with merged cells. python-docx and lxml used as libraries only."""

from __future__ import annotations

import random
import re

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt


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
