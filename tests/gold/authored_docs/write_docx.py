"""Write a Report as a Word document the way agencies' own files are built (python-docx)."""

from __future__ import annotations

import datetime
import io
import zipfile

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from grids import Grid
from model import PlacedTable, Report

_CN_NUMBERING = (
    '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">'
    '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'
)


def _font(run, size: float, bold: bool = False, name: str = "宋体") -> None:
    run.font.size = Pt(size)
    run.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def _chinese_list(doc) -> int:
    """Add a numbering definition printing 一、二、… and return its numId (Word draws the numbers)."""
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(_CN_NUMBERING)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = parse_xml(
        '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90">'
        '<w:abstractNumId w:val="90"/></w:num>'
    )
    numbering.append(num)
    return 90


def _heading(doc, title: str, mode: str, num_id: int) -> None:
    if mode == "style":
        p = doc.add_heading(level=1)
        _font(p.add_run(title), 14, True, "黑体")
    elif mode == "numbered":
        p = doc.add_paragraph(style="List Paragraph")
        ppr = p._p.get_or_add_pPr()
        ppr.append(
            parse_xml(
                '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f'<w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
            )
        )
        _font(p.add_run(title.split("、", 1)[1]), 12, True, "黑体")
    else:
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(24)
        _font(p.add_run(title), 12, True, "黑体")


def _cell_text(p, text: str, size: float, split_runs: bool) -> None:
    """A cell's text: "\n" as a Word line break; with split_runs each line in two runs."""
    for k, line in enumerate(text.split("\n")):
        if k:
            p.add_run().add_break()
        cut = len(line) // 2
        for piece in [line[:cut], line[cut:]] if split_runs and len(line) > 1 else [line]:
            _font(p.add_run(piece), size)


def _draw(doc, grid: Grid, size: float, page: float = 15.5, split_runs: bool = False):
    """A Word table for the grid; merged cells merged as Word merges them (gridSpan / vMerge)."""
    table = doc.add_table(rows=len(grid.rows), cols=len(grid.rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            if text:
                p = table.cell(r, c).paragraphs[0]
                if c >= grid.label_cols or r < grid.header_rows:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _cell_text(p, text, size, split_runs)
    _widths(table, grid, page)
    for r0, c0, r1, c1 in grid.merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    for r in range(grid.header_rows):
        trpr = table.rows[r]._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:tblHeader"))
    return table


def _widths(table, grid: Grid, page: float = 15.5) -> None:
    """Label columns wide, figure columns narrow, as agencies size them (Word would split evenly)."""
    ncols = len(grid.rows[0])
    nums = ncols - grid.label_cols
    num_w = min(1.4, page / ncols) if grid.label_cols else page / ncols
    label_w = (page - num_w * nums) / grid.label_cols if grid.label_cols else 0
    table.autofit = False
    for c in range(ncols):
        width = Cm(label_w if c < grid.label_cols else num_w)
        for cell in table.columns[c].cells:
            cell.width = width


def _page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _in_text_box(doc, table) -> None:
    """Move the table into a VML text box anchored in its own paragraph (as pasted from a form)."""
    box = parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict>'
        '<v:shape id="tb1" type="#_x0000_t202" style="width:440pt;height:120pt;mso-position-horizontal:center">'
        "<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    tbl = table._tbl
    table.alignment = None  # centred inside a text box, LibreOffice draws it off the box's left edge
    tbl.addprevious(box)
    content = box.find(".//" + qn("w:txbxContent"))
    content.append(tbl)
    content.append(OxmlElement("w:p"))


def _nested(doc, table) -> None:
    """Move the table into the single cell of a borderless layout table."""
    outer = doc.add_table(rows=1, cols=1)
    tbl = table._tbl
    tbl.addprevious(outer._tbl)
    tc = outer.cell(0, 0)._tc
    tc.append(tbl)
    tc.append(OxmlElement("w:p"))


def _place(doc, placed: PlacedTable, size: float, split_runs: bool) -> None:
    cap = doc.add_paragraph()
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(cap.add_run(placed.caption), size + 1, True)
    for k, grid in enumerate(placed.grids):
        if k == 0 and placed.split is not None:
            first = grid.part(grid.header_rows, placed.split, True)
            second = grid.part(placed.split, len(grid.rows), placed.repeat_header)
            _draw(doc, first, size, split_runs=split_runs)
            _page_break(doc)
            _draw(doc, second, size, split_runs=split_runs)
            continue
        # A text box is narrower than the page: its table is sized to fit inside it.
        table = _draw(doc, grid, size, 13.5 if placed.container == "textbox" else 15.5, split_runs)
        if placed.container == "textbox":
            _in_text_box(doc, table)
        elif placed.container == "nested":
            _nested(doc, table)
        if k + 1 < len(placed.grids):
            doc.add_paragraph()


def write_docx(report: Report, path: str) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(report.font_size + 1.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    num_id = _chinese_list(doc) if report.headings == "numbered" else 0
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(report.title), 18, True, "方正小标宋简体")
    for i, (heading, paras) in enumerate(report.sections):
        _heading(doc, heading, report.headings, num_id)
        for text in paras:
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24)
            p.add_run(text)
        for placed in report.tables.get(i, []):
            _place(doc, placed, report.font_size - 1.5, report.split_runs)
    doc.add_paragraph()
    for line in report.sign_off:
        p = doc.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.core_properties.author = ""
    fixed = datetime.datetime(2026, 1, 1)
    doc.core_properties.created = fixed
    doc.core_properties.modified = fixed
    buffer = io.BytesIO()
    doc.save(buffer)
    _fixed_zip_times(buffer.getvalue(), path)


def _fixed_zip_times(data: bytes, path: str) -> None:
    """Rewrite the package with one fixed time on every member, so a rebuild gives the same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(member, src.read(info.filename))
