"""Test utilities that turn a report's text into the file formats users have (.docx, .pdf, .html)."""

from __future__ import annotations

import html
from pathlib import Path

_CN = "一二三四五六七八九十"
_WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: A Chinese two-level list as Word makes one: `一、` for level 0, `（一）` for level 1.
_ABSTRACT_LIST = (
    f'<w:abstractNum xmlns:w="{_WORD}" w:abstractNumId="77"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
    "</w:abstractNum>"
)


def numbered_heading_lines(lines: list[str]) -> dict[int, int]:
    """Line index → list level of the headings Word could number: `一、`… in sequence from 一 (level 0), and
    under each of them `（一）`… in sequence (level 1); short lines without a full stop."""
    import re

    levels: dict[int, int] = {}
    top = sub = 0
    for index, line in enumerate(lines):
        match = re.match(r"\s*(?:([一二三四五六七八九])、|[（(]([一二三四五六七八九])[)）])([^。\t]{2,38})$", line)
        if not match or re.search(r"本年新收|上年结转|办理结果|结转下年|\d", match.group(3)):
            continue
        if match.group(1) and _CN.index(match.group(1)) == top:
            top, sub = top + 1, 0
            levels[index] = 0
        elif match.group(2) and top and _CN.index(match.group(2)) == sub:
            sub += 1
            levels[index] = 1
    return levels


def write_docx(text: str, path: Path, word_numbering: bool = False) -> Path:
    """Each line a paragraph; runs of tab-separated lines become one Word table. With `word_numbering`,
    the section headings (`一、`…) and their subheadings (`（一）`…) are numbered by Word instead of by
    their text, as in documents written with a numbered heading style: the sections through the
    `Heading 1` style, the subheadings through the paragraph's own list properties."""
    import re

    import docx
    from lxml import etree

    document = docx.Document()
    lines = text.replace("\f", "\n").split("\n")  # Word has no form feeds in its text
    levels = numbered_heading_lines(lines) if word_numbering else {}
    if levels:
        numbering = document.part.numbering_part.element
        numbering.insert(0, etree.fromstring(_ABSTRACT_LIST))
        numbering.append(etree.fromstring(f'<w:num xmlns:w="{_WORD}" w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
        heading = document.styles["Heading 1"].element.get_or_add_pPr()
        heading.append(etree.fromstring(f'<w:numPr xmlns:w="{_WORD}"><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>'))
    index = 0
    while index < len(lines):
        if index in levels:
            title = re.sub(r"^\s*(?:[一二三四五六七八九]、|[（(][一二三四五六七八九][)）])", "", lines[index])
            if levels[index] == 0:
                document.add_paragraph(title, style="Heading 1")
            else:
                paragraph = document.add_paragraph(title)
                paragraph._p.get_or_add_pPr().append(
                    etree.fromstring(f'<w:numPr xmlns:w="{_WORD}"><w:ilvl w:val="1"/><w:numId w:val="77"/></w:numPr>')
                )
            index += 1
            continue
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


def write_pdf(text: str, path: Path, chars_per_line: int = 34, lines_per_page: int = 40, turned: frozenset[int] = frozenset(), turn: int = 90) -> Path:
    """A text-layer PDF (reportlab's built-in STSong-Light CID font, no font file needed).

    Paragraphs are wrapped every `chars_per_line` characters and pages break every
    `lines_per_page` lines, wherever that falls: in mid-sentence, as real PDFs do. Pages numbered in
    `turned` (from 0) are turned by `turn` degrees (`/Rotate 90`: a viewer shows their text sideways; 180: upside
    down).
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
        if start // lines_per_page in turned:
            pdf.setPageRotation(turn)
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


def list_numbered_html(text: str, path: Path) -> Path:
    """A web page whose sections are the items of one ordered list drawn with Chinese numbers
    (`<ol style="list-style-type: cjk-ideographic">`): each section heading loses its `一、` to the
    browser, and the section's paragraphs and tables stand inside its item."""
    import re

    lines = text.replace("\f", "\n").split("\n")
    starts = sorted(index for index, level in numbered_heading_lines(lines).items() if level == 0)
    if not starts:
        raise ValueError("no section headings numbered 一、二、… in sequence")
    items = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        title = re.sub(r"^\s*[一二三四五六七八九]、", "", lines[start])
        items.append(f"<li><h2>{html.escape(title)}</h2>" + html_body(lines[start + 1 : end]) + "</li>")
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title></head><body>"
        + html_body(lines[: starts[0]])
        + '<ol style="list-style-type: cjk-ideographic">' + "".join(items) + "</ol></body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


#: How a writer puts Chinese into RTF: `gbk` as Word does under `\ansicpg936` (`\'d6\'d0`, a trail byte
#: below 0x80 left as its ASCII character, as in `\'b0@`); `unicode` as `\uN` with a `?` fallback;
#: `unicode_gbk` as `\uc2\uN` followed by its GBK bytes to skip (Word's own way); `raw_gbk` as unescaped
#: GBK bytes (some converters); `big5` as `\'xx` pairs under a font of charset 136.
RTF_ESCAPES: tuple[str, ...] = ("gbk", "unicode", "unicode_gbk", "raw_gbk", "big5")


def rtf_bytes(text: str, escapes: str = "gbk") -> bytes:
    """The text as an RTF document a Word-like writer saves: a font table (a Western and a Chinese font),
    `\\ansicpg936`, a paragraph per line, and runs of tab-separated lines as table rows (`\\trowd`,
    `\\cellx`, `\\intbl … \\cell`, `\\row`) padded to the block's widest row, as `write_docx` pads them;
    header and footer groups and a picture that are not text."""
    if escapes == "big5":
        import opencc

        text = opencc.OpenCC("s2t").convert(text)
    codepage, charset = ("cp950", 136) if escapes == "big5" else ("gbk", 134)

    def escaped(line: str) -> str:
        out = []
        for char in line:
            if char in "\\{}":
                out.append("\\" + char)
            elif ord(char) < 0x80:
                out.append(char)
            elif escapes in ("unicode", "unicode_gbk") or not _encodable(char, codepage):
                fallback = "?" if escapes != "unicode_gbk" or not _encodable(char, codepage) else "".join(f"\\'{b:02x}" for b in char.encode(codepage))
                code = ord(char)
                units = [code] if code < 0x10000 else [0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)]
                out.append("".join(f"\\u{unit if unit < 0x8000 else unit - 0x10000}" for unit in units) + fallback)
            else:  # a byte that is RTF's own (`\\`, `{`, `}`) escaped even where the rest is raw
                raw = escapes == "raw_gbk"
                data = char.encode(codepage)
                out.append("".join(f"\\'{b:02x}" if (b >= 0x80 and not raw) or chr(b) in "\\{}" else chr(b) for b in data))
        return "".join(out)

    uc = "\\uc2" if escapes == "unicode_gbk" else "\\uc1"
    parts = [
        f"{{\\rtf1\\ansi\\ansicpg{936 if charset == 134 else 950}\\deff0{uc}",
        f"{{\\fonttbl{{\\f0\\froman\\fcharset0 Times New Roman;}}{{\\f1\\fnil\\fcharset{charset} \\'cb\\'ce\\'cc\\'e5;}}}}",
        "{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Test writer;}",
        "{\\info{\\title \\'c4\\'ea\\'b6\\'c8\\'b1\\'a8\\'b8\\'e6}{\\author x}}",
        "{\\header \\pard\\plain \\f1 \\'d2\\'b3\\'c3\\'bc\\par}{\\footer \\pard\\plain \\f1 - 1 -\\par}\n",
    ]
    lines = text.replace("\f", "\n").split("\n")  # as `write_docx` splits it
    index = 0
    while index < len(lines):
        if "\t" not in lines[index]:
            parts.append(f"\\pard\\plain \\f1\\fs24 {escaped(lines[index])}\\par\n")
            index += 1
            continue
        block = []
        while index < len(lines) and "\t" in lines[index]:
            block.append(lines[index].split("\t"))
            index += 1
        width = max(len(row) for row in block)
        definition = "\\trowd\\trgaph108\\trleft-108" + "".join(f"\\clbrdrt\\brdrs\\cellx{1500 * (column + 1)}" for column in range(width))
        for row in block:
            cells = "".join(f"\\pard\\intbl\\f1 {escaped(cell)}\\cell " for cell in row + [""] * (width - len(row)))
            parts.append(f"{definition}\n{cells}\\pard\\intbl{{{definition}\\row}}\n")
    parts.append("{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a}\\pard\\par}")
    return "".join(parts).encode("latin-1")


def _encodable(char: str, codepage: str) -> bool:
    try:
        char.encode(codepage)
    except UnicodeEncodeError:
        return False
    return True


def mht_bytes(page: bytes, transfer: str = "quoted-printable", charset: str = "gb2312") -> bytes:
    """A web page as Word saves a "single file web page" (MHTML, often published as .doc): a MIME message,
    `multipart/related`, the page quoted-printable or base64, then a picture part."""
    import base64
    import quopri

    body = quopri.encodestring(page) if transfer == "quoted-printable" else base64.encodebytes(page)
    boundary = b"----=_NextPart_01D9A1B2.3C4D5E60"
    return b"".join((
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="' + boundary + b'"\r\n\r\n',
        b"This document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n",
        b"--" + boundary + b"\r\nContent-Location: file:///C:/report.htm\r\n",
        b"Content-Transfer-Encoding: " + transfer.encode() + b"\r\n",
        b'Content-Type: text/html; charset="' + charset.encode() + b'"\r\n\r\n', body, b"\r\n\r\n",
        b"--" + boundary + b"\r\nContent-Location: file:///C:/report.files/image001.png\r\n",
        b"Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\niVBORw0KGgo=\r\n\r\n",
        b"--" + boundary + b"--\r\n",
    ))


def unruled_pdf_from_docx(source: Path, folder: Path, label_twips: int | None = None) -> Path:
    """A Word report converted to PDF by LibreOffice with its tables' borders taken off (`soffice` must be installed):
    without rules the PDF reader has no grid, and a label wrapped in a narrow column reads as its first characters
    beside the row's numbers and the rest on the lines below. `label_twips`: the three label columns of table 三 (ten
    grid columns) set this wide, the rest of the page's width shared by the seven number columns."""
    import subprocess

    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(source))
    for table in document.tables:
        table.style = document.styles["Normal Table"]
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        if borders is not None:
            table._tbl.tblPr.remove(borders)
        for cell in table._tbl.iter(qn("w:tc")):
            if cell.tcPr is not None and (own := cell.tcPr.find(qn("w:tcBorders"))) is not None:
                cell.tcPr.remove(own)
        columns = table._tbl.tblGrid.findall(qn("w:gridCol"))
        if label_twips and len(columns) == 10:
            _set_column_widths(table, [label_twips] * 3 + [(9070 - 3 * label_twips) // 7] * 7)
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / source.name
    document.save(str(copy))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder / 'lo'}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(copy)],
        check=True, capture_output=True, timeout=180,
    )
    return copy.with_suffix(".pdf")


def _set_column_widths(table, widths: list[int]) -> None:
    """A Word table's grid columns and every cell (merged cells over their span) set to these widths, in twips."""
    from docx.oxml.ns import qn

    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        column.set(qn("w:w"), str(width))
    for row in table._tbl.findall(qn("w:tr")):
        start = 0
        for cell in row.findall(qn("w:tc")):
            properties = cell.get_or_add_tcPr()
            span = properties.find(qn("w:gridSpan"))
            count = int(span.get(qn("w:val"))) if span is not None else 1
            width = properties.find(qn("w:tcW"))
            if width is None:
                width = properties.makeelement(qn("w:tcW"), {})
                properties.insert(0, width)
            width.set(qn("w:w"), str(sum(widths[start : start + count])))
            width.set(qn("w:type"), "dxa")
            start += count
