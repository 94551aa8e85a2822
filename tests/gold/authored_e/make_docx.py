"""Typeset a source report as a Word file, in the layouts agencies use.

Layout keys (the header's `layout` object): `font`, `size` (pt), `title_size`,
`headings` (`bold`: bold body paragraphs; `styles`: Word Heading 1/2),
`header` (running header text), `footer` (`dash`: "- 3 -"; `page_of`:
"第 3 页 共 8 页"; `plain`: "3"), `split` (grid row at which the requests
table is cut into two Word tables), `landscape` (a table put in a landscape
section), `indent` (first-line indent in characters, default 2).
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from grid import Grid
from picture import picture_png
from source import SOFT_BREAK, Report


def set_font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def add_field(paragraph, code: str, font: str, size: float) -> None:
    """A Word field (PAGE, NUMPAGES), so Word fills in the page numbers."""
    run = paragraph.add_run()
    set_font(run, font, size)
    begin, instr, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(end)


def page_furniture(section, layout: dict, font: str) -> None:
    if layout.get("header"):
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(p.add_run(layout["header"]), font, 9)
    style = layout.get("footer", "dash")
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if style == "page_of":
        set_font(p.add_run("第 "), font, 9)
        add_field(p, "PAGE", font, 9)
        set_font(p.add_run(" 页 共 "), font, 9)
        add_field(p, "NUMPAGES", font, 9)
        set_font(p.add_run(" 页"), font, 9)
    elif style == "dash":
        set_font(p.add_run("- "), font, 9)
        add_field(p, "PAGE", font, 9)
        set_font(p.add_run(" -"), font, 9)
    else:
        add_field(p, "PAGE", font, 9)


def write_text(paragraph, raw: str, font: str, size: float, bold: bool = False) -> None:
    """Soft returns (`‖`) become manual line breaks inside the paragraph."""
    pieces = raw.split(SOFT_BREAK)
    for i, piece in enumerate(pieces):
        run = paragraph.add_run(piece)
        set_font(run, font, size, bold)
        if i < len(pieces) - 1:
            run.add_break(WD_BREAK.LINE)


def column_widths(grid: Grid, body: float) -> list[float]:
    """Label columns wide, figure columns narrow, as agencies size them."""
    if grid.which == "requests":
        labels = [body * 0.11, body * 0.13, body * 0.22]
        return labels + [(body - sum(labels)) / 7] * 7
    if grid.which == "active":
        return [body * 0.31] + [body * 0.23] * 3
    return [body / grid.ncols] * grid.ncols


def add_grid(doc, grid: Grid, rows: range, font: str) -> None:
    table = doc.add_table(rows=len(rows), cols=grid.ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    section = doc.sections[-1]
    body = (section.page_width - section.left_margin - section.right_margin) / 12700   # EMU -> pt
    for column, width in zip(table.columns, column_widths(grid, body), strict=True):
        column.width = Pt(width)            # the grid Word lays out, and each cell's own
        for cell in column.cells:
            cell.width = Pt(width)
    size = 7 if grid.ncols > 10 else 8
    for r in rows:
        for cell in grid.rows[r]:
            last_row = min(r + cell.rowspan, rows.stop) - 1   # a span is cut where the table is
            top = table.cell(r - rows.start, cell.col)
            target = top.merge(table.cell(last_row - rows.start, cell.col + cell.colspan - 1)) \
                if (last_row > r or cell.colspan > 1) else top
            p = target.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if cell.key or r < grid.header_rows \
                else WD_ALIGN_PARAGRAPH.LEFT
            set_font(p.add_run(cell.text), font, size)


def new_section(doc, landscape: bool) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    portrait = section.page_width < section.page_height
    if landscape == portrait:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = section.page_height, section.page_width


def make_docx(report: Report, path) -> None:
    layout = report.meta.get("layout", {})
    font, size = layout.get("font", "仿宋_GB2312"), layout.get("size", 16)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)     # A4, official margins
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    page_furniture(section, layout, font)
    indent = Pt(size * layout.get("indent", 2))
    lines = report.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "table":
            grid = line.grid
            n = len(grid.rows)
            landscape = grid.which.startswith(layout.get("landscape") or "-")
            if landscape:
                new_section(doc, True)
            cut = layout.get("split") if grid.which == "requests" else None
            if cut:
                add_grid(doc, grid, range(0, cut), font)
                doc.add_paragraph()            # Word would join two tables with nothing between
                add_grid(doc, grid, range(cut, n), font)
            else:
                add_grid(doc, grid, range(0, n), font)
            if landscape:
                new_section(doc, False)
            i += n
            continue
        if line.code == "C":
            doc.add_paragraph().alignment = WD_ALIGN_PARAGRAPH.CENTER
            doc.paragraphs[-1].add_run().add_picture(picture_png(), width=Pt(220))
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        if line.code == "T":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            write_text(p, line.raw, layout.get("title_font", "方正小标宋简体"),
                       layout.get("title_size", 22))
        elif line.kind == "heading" and line.code != "C":
            if layout.get("headings") == "styles":
                p.style = doc.styles["Heading 1" if line.code.startswith("S") else "Heading 2"]
                write_text(p, line.raw, "黑体", size)
            else:
                fmt.first_line_indent = indent
                write_text(p, line.raw, "黑体" if line.code.startswith("S") else font, size,
                           bold=True)
        elif line.code == "C":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            write_text(p, line.raw, "楷体_GB2312", size - 2)
        elif line.kind == "meta":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            write_text(p, line.raw, font, size)
        else:
            if line.word_numbered:
                p.style = doc.styles["List Number"]
            else:
                fmt.first_line_indent = indent
            fmt.line_spacing = Pt(size * 1.8)
            write_text(p, line.raw, font, size)
        i += 1
    doc.save(path)
