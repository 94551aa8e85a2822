"""Test utilities that turn a report's text into the file formats users have (.docx, .pdf, .html)."""

from __future__ import annotations

import html
from pathlib import Path


def write_docx(text: str, path: Path) -> Path:
    """Each line a paragraph; runs of tab-separated lines become one Word table."""
    import docx

    document = docx.Document()
    lines = text.replace("\f", "\n").split("\n")  # Word has no form feeds in its text
    index = 0
    while index < len(lines):
        if "\t" in lines[index]:
            block = []
            while index < len(lines) and "\t" in lines[index]:
                block.append(lines[index].split("\t"))
                index += 1
            width = max(len(row) for row in block)
            table = document.add_table(rows=len(block), cols=width)
            for r, row in enumerate(block):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        document.add_paragraph(lines[index])
        index += 1
    document.save(str(path))
    return path


def write_pdf(text: str, path: Path, chars_per_line: int = 34, lines_per_page: int = 40) -> Path:
    """A text-layer PDF (reportlab's built-in STSong-Light CID font, no font file needed).

    Paragraphs are wrapped every `chars_per_line` characters and pages break every
    `lines_per_page` lines, wherever that falls: in mid-sentence, as real PDFs do.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    rendered: list[str] = []
    for line in text.split("\n"):
        line = line.replace("\t", " ").replace("[bookmark: _GoBack]", "")  # Word furniture, not in PDFs
        if not line.strip():
            continue
        while len(line) > chars_per_line:
            rendered.append(line[:chars_per_line])
            line = line[chars_per_line:]
        rendered.append(line)
    for start in range(0, len(rendered), lines_per_page):
        pdf.setFont("STSong-Light", 10)
        y = 800
        for line in rendered[start : start + lines_per_page]:
            pdf.drawString(40, y, line)
            y -= 18
        pdf.drawString(280, 40, f"- {start // lines_per_page + 1} -")
        pdf.showPage()
    pdf.save()
    return path


def html_body(lines: list[str], span: bool = False) -> str:
    """Paragraphs, and runs of tab-separated lines as table rows, as a web page's body holds them."""
    body = []
    rows: list[str] = []
    for line in lines:
        if "\t" in line:
            rows.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in line.split("\t")) + "</tr>")
            continue
        if rows:
            body.append("<table>" + "".join(rows) + "</table>")
            rows = []
        if line.strip():
            body.append(f"<p><span>{html.escape(line)}</span></p>" if span else f"<p>{html.escape(line)}</p>")
    if rows:
        body.append("<table>" + "".join(rows) + "</table>")
    return "".join(body)


def write_html(text: str, path: Path) -> Path:
    """A web page: a script, a breadcrumb, paragraphs, and tab-separated lines as table rows."""
    body = html_body(text.split("\n"), span=True)
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title>"
        "<style>p{margin:0}</style><script>var x = '<p>不是正文</p>';</script></head><body>"
        "<div class='crumb'>您现在的位置：首页 &gt; 政务公开</div>" + body + "</body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path
