"""Write a Report as a PDF the way agencies' exported or typeset files look (reportlab, STSong-Light).

The CID font STSong-Light is built into reportlab: no font file is read or downloaded.
"""

from __future__ import annotations

from grids import Grid
from model import PlacedTable, Report
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _styles(size: float) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=size, leading=size * 1.6, firstLineIndent=size * 2)
    return {
        "body": base,
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontSize=size + 6,
            leading=(size + 6) * 1.5,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=size,
        ),
        "heading": ParagraphStyle(
            "heading", parent=base, fontSize=size + 1, leading=(size + 1) * 1.8, firstLineIndent=size * 2
        ),
        "caption": ParagraphStyle(
            "caption", parent=base, alignment=TA_CENTER, firstLineIndent=0, spaceBefore=4, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=size - 2, leading=(size - 2) * 1.25),
        "sign": ParagraphStyle("sign", parent=base, alignment=TA_RIGHT, firstLineIndent=0),
    }


def _table(grid: Grid, width: float, styles: dict, ruled: bool, wrap: bool) -> Table:
    """A reportlab Table for the grid; label cells as Paragraphs so long labels wrap within their column."""
    ncols = len(grid.rows[0])
    label_w = (0.30 if grid.label_cols == 1 else 0.16) * width if grid.label_cols else 0
    if wrap and grid.label_cols:
        label_w = 0.20 * width
    num_w = (width - label_w * grid.label_cols) / (ncols - grid.label_cols)
    widths = [label_w] * grid.label_cols + [num_w] * (ncols - grid.label_cols)
    data = []
    for r, row in enumerate(grid.rows):
        out = []
        for c, text in enumerate(row):
            if text and (c < grid.label_cols or r < grid.header_rows) and len(text) > 4:
                out.append(Paragraph(text.replace("\n", "<br/>"), styles["cell"]))
            else:
                out.append(text)
        data.append(out)
    cmds = [
        ("FONT", (0, 0), (-1, -1), FONT, styles["cell"].fontSize),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (grid.label_cols, 0), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if ruled:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    for r0, c0, r1, c1 in grid.merges:
        cmds.append(("SPAN", (c0, r0), (c1, r1)))
    return Table(data, colWidths=widths, style=TableStyle(cmds), repeatRows=0)


def _furniture(title: str):
    def draw(canvas, doc) -> None:
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(20 * mm, h - 12 * mm, title)
        canvas.line(20 * mm, h - 13.5 * mm, w - 20 * mm, h - 13.5 * mm)
        canvas.drawCentredString(w / 2, 10 * mm, f"— {doc.page} —")
        canvas.drawRightString(w - 20 * mm, 10 * mm, "政府信息公开专栏")
        canvas.restoreState()

    return draw


def _flow_table(placed: PlacedTable, report: Report, styles: dict, width: float, land_width: float) -> list:
    out: list = []
    if placed.landscape:
        out += [NextPageTemplate("landscape"), PageBreak()]
        width = land_width
    elif placed.new_page:
        out.append(PageBreak())
    out.append(Paragraph(placed.caption, styles["caption"]))
    for grid in placed.grids:
        table = _table(grid, width, styles, report.ruled, report.wrap_labels)
        if placed.split is not None:
            # A PDF breaks the table where the page ends (not at `split`); the header repeats or not.
            table.repeatRows = grid.header_rows if placed.repeat_header else 0
        out.append(table)
        out.append(Spacer(1, 6))
    if placed.landscape:
        out += [NextPageTemplate("portrait"), PageBreak()]
    return out


def write_pdf(report: Report, path: str) -> None:
    styles = _styles(report.font_size)
    margin = 22 * mm
    portrait_frame = Frame(margin, margin, A4[0] - 2 * margin, A4[1] - 2 * margin, id="p")
    lw, lh = landscape(A4)
    land_frame = Frame(margin, margin, lw - 2 * margin, lh - 2 * margin, id="l")
    on_page = _furniture(report.title) if report.furniture else (lambda canvas, doc: None)
    doc = BaseDocTemplate(path, pagesize=A4, title=report.title, author="", creator="", invariant=True)
    doc.addPageTemplates(
        [
            PageTemplate("portrait", [portrait_frame], onPage=on_page, pagesize=A4),
            PageTemplate("landscape", [land_frame], onPage=on_page, pagesize=landscape(A4)),
        ]
    )
    story: list = [Paragraph(report.title, styles["title"])]
    for i, (heading, paras) in enumerate(report.sections):
        story.append(Paragraph(heading, styles["heading"]))
        story += [Paragraph(t, styles["body"]) for t in paras]
        for placed in report.tables.get(i, []):
            story += _flow_table(placed, report, styles, A4[0] - 2 * margin, lw - 2 * margin)
    story.append(Spacer(1, 12))
    story += [Paragraph(line, styles["sign"]) for line in report.sign_off]
    doc.build(story)
