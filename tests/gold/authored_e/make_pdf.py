"""Typeset a source report as an A4 PDF (reportlab, CID font STSong-Light).

Layout keys (the header's `layout` object): `size` (body pt), `header`
(running header text), `footer` (`page_of`: "第 3 页 共 8 页"; `dash`: "- 3 -"),
`ruled` (false: tables without rules, only a line under the header rows),
`repeat` (repeat a table's header rows where it breaks), `cover` (a cover
page and a contents list; body pages numbered from 1), `bottom_heading`
(a section code, `S5`: that heading is pushed to the foot of a page).

Everything the body holds lies between y = 62 and y = 780 pt; running headers
and footers lie outside it, so a reader (and check_set.py) can crop them.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from grid import Grid
from picture import picture_png
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    Flowable,
    Image,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from source import SOFT_BREAK, Report

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
BODY_TOP, BODY_BOTTOM = 780, 62


class PushDown(Flowable):
    """Fills a page down to `keep` points above its foot, so the heading that
    follows lands at the bottom of the page, cut from its text."""

    def __init__(self, keep: float):
        super().__init__()
        self.keep = keep

    def wrap(self, avail_width, avail_height):
        self.height = max(0, avail_height - self.keep)
        return avail_width, self.height

    def draw(self):
        pass


def numbered_canvas(layout: dict, first_body_page: int):
    """A canvas that knows the page count when it draws the page furniture."""

    class Numbered(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.pages = []

        def showPage(self):
            self.pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self.pages) - first_body_page + 1
            for state in self.pages:
                self.__dict__.update(state)
                number = self._pageNumber - first_body_page + 1
                if number >= 1:
                    self.furniture(number, total)
                super().showPage()
            super().save()

        def furniture(self, number: int, total: int) -> None:
            self.setFont(FONT, 9)
            if layout.get("header"):
                self.drawCentredString(WIDTH / 2, HEIGHT - 42, layout["header"])
                self.setLineWidth(0.5)
                self.line(72, HEIGHT - 48, WIDTH - 72, HEIGHT - 48)
            text = (f"第 {number} 页 共 {total} 页" if layout.get("footer") == "page_of"
                    else f"- {number} -")
            self.drawCentredString(WIDTH / 2, 34, text)

    return Numbered


def styles(size: float) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=size, leading=size * 1.75,
                          firstLineIndent=size * 2, alignment=TA_JUSTIFY, wordWrap="CJK")
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontSize=size + 6, leading=(size + 6) * 1.5,
                                alignment=TA_CENTER, firstLineIndent=0, spaceAfter=size),
        "section": ParagraphStyle("section", parent=base, fontSize=size + 1, spaceBefore=size / 2),
        "sub": base,
        "caption": ParagraphStyle("caption", parent=base, fontSize=size - 1.5, alignment=TA_CENTER,
                                  firstLineIndent=0),
        "meta": ParagraphStyle("meta", parent=base, alignment=TA_RIGHT, firstLineIndent=0),
        "cover": ParagraphStyle("cover", parent=base, fontSize=size + 2, leading=(size + 2) * 2,
                                alignment=TA_CENTER, firstLineIndent=0),
        "toc": ParagraphStyle("toc", parent=base, alignment=TA_LEFT, firstLineIndent=0),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=7.5, leading=9.5, wordWrap="CJK",
                               alignment=TA_CENTER),
        "cell_left": ParagraphStyle("cell_left", fontName=FONT, fontSize=7.5, leading=9.5,
                                    wordWrap="CJK", alignment=TA_LEFT),
    }


def markup(raw: str) -> str:
    return escape(raw).replace(SOFT_BREAK, "<br/>")


def grid_table(grid: Grid, st: dict, layout: dict) -> Table:
    data = [["" for _ in range(grid.ncols)] for _ in grid.rows]
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for r, row in enumerate(grid.rows):
        for cell in row:
            style = st["cell"] if cell.key or r < grid.header_rows else st["cell_left"]
            data[r][cell.col] = Paragraph(escape(cell.text), style)
            if cell.rowspan > 1 or cell.colspan > 1:
                commands.append(("SPAN", (cell.col, r),
                                 (cell.col + cell.colspan - 1, r + cell.rowspan - 1)))
    if layout.get("ruled", True):
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    else:
        commands.append(("LINEBELOW", (0, max(grid.header_rows, 1) - 1), (-1, max(grid.header_rows, 1) - 1),
                         0.5, colors.black))
    body = WIDTH - 2 * 72
    if grid.which == "requests":
        widths = [62, 62, 122] + [(body - 246) / 7] * 7
    elif grid.which == "active":
        widths = [body * 0.31] + [body * 0.23] * 3
    else:
        widths = [body / grid.ncols] * grid.ncols
    return Table(data, colWidths=widths, style=TableStyle(commands),
                 repeatRows=grid.header_rows if layout.get("repeat") else 0)


def story(report: Report, layout: dict, toc_pages: dict) -> list:
    st = styles(layout.get("size", 11.5))
    flow: list = []
    lines = report.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "table":
            flow += [Spacer(1, 4), grid_table(line.grid, st, layout), Spacer(1, 6)]
            i += len(line.grid.rows)
            continue
        if line.code == layout.get("bottom_heading"):
            flow.append(PushDown(st["section"].leading * 1.6))
        if line.code == "C":
            flow.append(Image(picture_png(), width=200, height=123))
        text = markup(line.raw)
        if "{p:" in text:     # a contents-list entry: the page its section starts on
            key = text[text.index("{p:") + 3:text.index("}")]
            text = text[:text.index("{p:")] + str(toc_pages.get(key, 0))
        on_cover = bool(layout.get("cover")) and i <= layout["cover"]["title_end"]
        if on_cover and i == 0:
            flow.append(Spacer(1, 220))         # a cover's title stands a third down the page
        if line.code == "T":
            paragraph = Paragraph(text, st["title"])
        elif on_cover:
            paragraph = Paragraph(text, st["cover"])
        elif line.code.startswith("S"):
            paragraph = Paragraph(text, st["section"])
            paragraph._section_key = line.code
        elif line.code == "H":
            paragraph = Paragraph(text, st["sub"])
        elif line.code == "C":
            paragraph = Paragraph(text, st["caption"])
        elif line.kind == "meta":
            paragraph = Paragraph(text, st["toc" if layout.get("cover") and "{p:" in line.raw
                                           or line.raw == "目录" else "meta"])
        else:
            paragraph = Paragraph(text, st["body"])
        flow.append(paragraph)
        if layout.get("cover") and i == layout["cover"]["title_end"]:
            flow.append(PageBreak())          # the cover page ends
        if layout.get("cover") and i == layout["cover"]["toc_end"]:
            flow.append(PageBreak())          # the contents list ends
        i += 1
    return flow


class Doc(SimpleDocTemplate):
    def __init__(self, *args, first_body_page: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_pages: dict[str, int] = {}
        self.first_body_page = first_body_page

    def afterFlowable(self, flowable):
        key = getattr(flowable, "_section_key", None)
        if key and key not in self.section_pages:
            self.section_pages[key] = self.page - self.first_body_page + 1


def make_pdf(report: Report, path) -> tuple[int, dict[str, int]]:
    """Writes the PDF; returns its page count and the body page of each section heading."""
    layout = report.meta.get("layout", {})
    first_body = 3 if layout.get("cover") else 1
    toc_pages: dict = {}
    for _ in range(2 if layout.get("cover") else 1):   # the contents list needs a first pass
        doc = Doc(str(path), pagesize=A4, leftMargin=72, rightMargin=72,
                  topMargin=HEIGHT - BODY_TOP, bottomMargin=BODY_BOTTOM,
                  title=report.meta["title"], first_body_page=first_body)
        doc.build(story(report, layout, toc_pages),
                  canvasmaker=numbered_canvas(layout, first_body))
        toc_pages = doc.section_pages
    return doc.page, doc.section_pages
