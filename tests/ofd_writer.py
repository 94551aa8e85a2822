"""A small OFD writer for tests (no OFD writer exists on the test machines): a report's paragraphs and tables
laid out on A4 pages the way real producers write them, in three producer styles.

* `line`: one `TextObject` per line, its `Boundary` the line's box, `DeltaX` written out glyph by glyph
  (converters from Word); table cells ruled as separate line segments.
* `char`: one `TextObject` per character, every `Boundary` the whole page and `X`/`Y` absolute (数科-style
  output); cells ruled as rectangles.
* `run`: one `TextObject` per run of a few characters, `DeltaX` in the `g n d` shorthand, every other run
  drawn at twice the size under a `CTM` of 0.5 and some runs inside a `PageBlock` (福昕/书生-style).

Prose is indented two characters (`line`, `run`), or set flush left with space between paragraphs (`char`);
Latin words and numbers are never broken at a line's end. Every style puts a running head and its rule on a
`TemplatePage` and a page number on each page; text flows
onto the next page where the page is full (a paragraph broken across pages); a table's rows move whole to the
next page, with the rows a merged cell covers kept together. A table is a `tests.table_layouts.Layout` (merged
cells drawn as one ruled cell, its text centred in it); `text_parts` makes one of each run of tab-separated
lines of a text. Units are millimetres, y growing down the page, as the standard has them.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from tests.table_layouts import Cell, Layout, placed

STYLES = ("line", "char", "run")
NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 25.0, 185.0, 30.0, 270.0
BODY_SIZE, BODY_PITCH = 4.0, 7.0
CELL_SIZE, CELL_PITCH, CELL_PAD = 3.0, 4.2, 1.5
RUNNING_HEAD = "示例市示例局政府信息公开工作年度报告"


def page_number(number: int) -> str:
    return f"— {number} —"


def furniture(text_line: str) -> bool:
    """A line the writer adds to every page (the running head, a page number), not the report's text."""
    line = text_line.strip()
    return line == RUNNING_HEAD or (line.startswith("—") and line.endswith("—") and line.strip("— ").isdigit())


def text_parts(text: str) -> list[str | Layout]:
    """A text's lines as parts: each run of lines holding tabs one table (a cell per field), others paragraphs."""
    parts: list[str | Layout] = []
    for line in text.replace("\f", "\n").split("\n"):
        if "\t" in line:
            row = [Cell(field.strip()) for field in line.split("\t")]
            if parts and isinstance(parts[-1], list):
                parts[-1].append(row)
            else:
                parts.append([row])
        elif line.strip():
            parts.append(line.strip())
    return parts


def _advance(char: str, size: float) -> float:
    return size if unicodedata.east_asian_width(char) in "WF" else size / 2


def _wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Lines of at most `width`; a run of Latin letters and digits (a number, a word) is never broken, as
    Word breaks lines."""
    words = [match for match in _WORDS.findall(text)]
    lines, line, used = [], "", indent
    for word in words:
        advance = sum(_advance(char, size) for char in word)
        if line and used + advance > width:
            lines.append(line)
            line, used = "", 0.0
        line += word
        used += advance
    return [*lines, line] if line else lines


_WORDS = re.compile(r"[A-Za-z0-9.,%]+|.", re.DOTALL)


@dataclass
class _Page:
    objects: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # objects the `run` style nests in a PageBlock


class _Writer:
    def __init__(self, style: str) -> None:
        if style not in STYLES:
            raise ValueError(f"unknown OFD style {style!r}")
        self.style = style
        self.pages: list[_Page] = [_Page()]
        self.y = TOP
        self.ids = 100
        self.runs = 0

    def next_id(self) -> int:
        self.ids += 1
        return self.ids

    # -- text -------------------------------------------------------------------------------------------

    def text(self, page: _Page, text: str, x: float, baseline: float, size: float) -> None:
        """One line of glyphs starting at (x, baseline), as this writer's producer style cuts it."""
        advances = [_advance(char, size) for char in text]
        if self.style == "line":
            deltas = " ".join(f"{a:g}" for a in advances[:-1])
            page.objects.append(self._text_object(f"{x:g} {baseline - size:g} {sum(advances):g} {size * 1.2:g}", size, 0, size, text, deltas))
        elif self.style == "char":
            for char, offset in zip(text, _offsets(advances), strict=True):
                page.objects.append(self._text_object(f"0 0 {PAGE_W:g} {PAGE_H:g}", size, x + offset, baseline, char, ""))
        else:
            start = 0
            offsets = _offsets(advances)
            while start < len(text):
                end = min(len(text), start + 7)
                while end < len(text) and text[end - 1].isascii() != text[end].isascii() and end - start > 1:
                    end -= 1  # a run ends where the script changes, as a run of one font does
                self._run(page, text[start:end], x + offsets[start], baseline, size, advances[start:end])
                start = end

    def _run(self, page: _Page, text: str, x: float, baseline: float, size: float, advances: list[float]) -> None:
        self.runs += 1
        scaled = self.runs % 2 == 0  # drawn at twice the size, scaled back by the CTM
        factor = 2.0 if scaled else 1.0
        deltas = _shorthand([a * factor for a in advances[:-1]])
        obj = self._text_object(
            f"{x:g} {baseline - size:g} {sum(advances):g} {size * 1.2:g}", size * factor, 0, size * factor, text, deltas, "0.5 0 0 0.5 0 0" if scaled else None
        )
        (page.blocks if self.runs % 3 == 0 else page.objects).append(obj)

    def _text_object(self, boundary: str, size: float, x: float, y: float, text: str, deltas: str, ctm: str | None = None) -> str:
        delta = f' DeltaX="{deltas}"' if deltas else ""
        transform = f' CTM="{ctm}"' if ctm else ""
        return (
            f'<ofd:TextObject ID="{self.next_id()}" Boundary="{boundary}" Font="3" Size="{size:g}"{transform}>'
            f'<ofd:TextCode X="{x:g}" Y="{y:g}"{delta}>{escape(text)}</ofd:TextCode></ofd:TextObject>'
        )

    def path(self, page: _Page, x: float, y: float, width: float, height: float) -> None:
        """A cell's rules: a rectangle (`char`), or its four sides as segments (the other styles)."""
        if self.style == "char":
            page.objects.append(self._path_object(f"{x:g} {y:g} {width:g} {height:g}", f"M 0 0 L {width:g} 0 L {width:g} {height:g} L 0 {height:g} C"))
            return
        for x0, y0, x1, y1 in ((x, y, x + width, y), (x, y + height, x + width, y + height), (x, y, x, y + height), (x + width, y, x + width, y + height)):
            page.objects.append(self._path_object(f"{min(x0, x1):g} {min(y0, y1):g} {abs(x1 - x0) or 0.35:g} {abs(y1 - y0) or 0.35:g}", f"M 0 0 L {x1 - x0:g} {y1 - y0:g}"))

    def _path_object(self, boundary: str, data: str) -> str:
        return f'<ofd:PathObject ID="{self.next_id()}" Boundary="{boundary}" LineWidth="0.35"><ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>'

    # -- flow -------------------------------------------------------------------------------------------

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = TOP

    def paragraph(self, text: str) -> None:
        """Headings flush left; prose indented two characters, or (the `char` style) flush left with space
        between paragraphs, as documents set without a first-line indent are."""
        spaced = self.style == "char"
        indent = 0.0 if len(text) < 30 or spaced else 2 * BODY_SIZE
        for index, line in enumerate(_wrap(text, RIGHT - LEFT, BODY_SIZE, indent)):
            if self.y + BODY_PITCH > BOTTOM:
                self.new_page()  # the paragraph goes on on the next page
            self.y += BODY_PITCH
            self.text(self.pages[-1], line, LEFT + (indent if index == 0 else 0.0), self.y - 1.5, BODY_SIZE)
        self.y += 4.0 if spaced else 1.0

    def table(self, layout: Layout) -> None:
        cells, width = placed(layout)
        widths = _column_widths(width)
        lefts = [LEFT + sum(widths[:c]) for c in range(width + 1)]
        heights = [7.0] * len(layout)
        wrapped = {}
        for r, c, cell in cells:
            span_width = lefts[c + cell.cols] - lefts[c] - 2 * CELL_PAD
            wrapped[r, c] = _wrap(cell.text, span_width, CELL_SIZE) if cell.text else []
            need = len(wrapped[r, c]) * CELL_PITCH + 2 * CELL_PAD
            if cell.rows == 1:
                heights[r] = max(heights[r], need)
        for r, c, cell in cells:  # a merged cell taller than its rows makes its last row taller
            covered = sum(heights[r : r + cell.rows])
            need = len(wrapped[r, c]) * CELL_PITCH + 2 * CELL_PAD
            if need > covered:
                heights[r + cell.rows - 1] += need - covered
        tops: dict[int, tuple[int, float]] = {}
        for block in _row_blocks(cells, len(layout)):
            if self.y + sum(heights[row] for row in block) > BOTTOM and self.y > TOP:
                self.new_page()
            for row in block:
                tops[row] = (len(self.pages) - 1, self.y)
                self.y += heights[row]
        for r, c, cell in cells:
            page_index, top = tops[r]
            page = self.pages[page_index]
            height = sum(heights[r : r + cell.rows])
            x, cell_width = lefts[c], lefts[c + cell.cols] - lefts[c]
            self.path(page, x, top, cell_width, height)
            lines = wrapped[r, c]
            first = top + (height - len(lines) * CELL_PITCH) / 2
            for index, line in enumerate(lines):
                used = sum(_advance(char, CELL_SIZE) for char in line)
                self.text(page, line, x + (cell_width - used) / 2, first + (index + 1) * CELL_PITCH - 1.0, CELL_SIZE)
        self.y += 3.0


def _offsets(advances: list[float]) -> list[float]:
    out, total = [], 0.0
    for advance in advances:
        out.append(total)
        total += advance
    return out


def _shorthand(deltas: list[float]) -> str:
    """`DeltaX` with each run of equal values written `g n d`."""
    out, index = [], 0
    while index < len(deltas):
        end = index
        while end < len(deltas) and deltas[end] == deltas[index]:
            end += 1
        out.append(f"g {end - index} {deltas[index]:g}" if end - index > 1 else f"{deltas[index]:g}")
        index = end
    return " ".join(out)


def _column_widths(width: int) -> list[float]:
    if width == 10:
        return [14.0, 18.0, 30.0] + [14.0] * 7
    if width == 4:
        return [52.0, 36.0, 36.0, 36.0]
    return [(RIGHT - LEFT) / max(width, 1)] * width


def _row_blocks(cells, rows: int) -> list[list[int]]:
    """Rows in groups no merged cell crosses: a group moves to the next page whole."""
    reach = list(range(rows))
    for r, _, cell in cells:
        reach[r] = max(reach[r], r + cell.rows - 1)
    blocks, start, end = [], 0, 0
    for row in range(rows):
        end = max(end, reach[row])
        if row == end:
            blocks.append(list(range(start, row + 1)))
            start = row + 1
            end = row + 1
    return blocks


def ofd_bytes(parts: list[str | Layout], style: str = "line", *, scanned_page: bool = False, page_head: str | None = None) -> bytes:
    """The parts as an OFD package; `scanned_page` adds a page holding an image only, before the last;
    `page_head` draws a running head on every page's own layer, where producers that use no template page put
    it (over the template's, which the reader leaves out anyway)."""
    writer = _Writer(style)
    for part in parts:
        if isinstance(part, str):
            writer.paragraph(part)
        else:
            writer.table(part)
    head = _Page()
    writer.text(head, RUNNING_HEAD, LEFT, 18.0, 3.5)
    head.objects.append(writer._path_object(f"{LEFT:g} 21 {RIGHT - LEFT:g} 0.35", f"M 0 0 L {RIGHT - LEFT:g} 0"))
    for number, page in enumerate(writer.pages, 1):
        label = page_number(number)
        writer.text(page, label, (PAGE_W - len(label) * 2.0) / 2, 285.0, 4.0)
        if page_head is not None:
            writer.text(page, page_head, LEFT, 18.0, 3.5)
    pages = [_content(page, template=True) for page in writer.pages]
    if scanned_page:
        image = '<ofd:ImageObject ID="9" Boundary="0 0 210 297" ResourceID="8"/>'
        pages.insert(max(0, len(pages) - 1), _content(_Page(objects=[image]), template=False))
    return _package(pages, _content(head, template=False, page_tag="Page"))


#: A text → OFD bytes per producer style, as the layouts of `benchmarks/eval_classify_layouts.py` take them.
OFD_LAYOUTS = {f"ofd_{style}": (lambda text, style=style: ofd_bytes(text_parts(text), style)) for style in STYLES}


def write_ofd(parts: list[str | Layout], path: Path, style: str = "line") -> Path:
    path.write_bytes(ofd_bytes(parts, style))
    return path


def _content(page: _Page, template: bool, page_tag: str = "Page") -> str:
    blocks = f'<ofd:PageBlock ID="7">{"".join(page.blocks)}</ofd:PageBlock>' if page.blocks else ""
    uses = '<ofd:Template TemplateID="2" ZOrder="Background"/>' if template else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:{page_tag} xmlns:ofd="{NS}">{uses}'
        f'<ofd:Content><ofd:Layer ID="5" Type="Body">{"".join(page.objects)}{blocks}</ofd:Layer></ofd:Content></ofd:{page_tag}>'
    )


def _package(pages: list[str], template: str) -> bytes:
    listed = "".join(f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>99999</ofd:MaxUnitID>'
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W:g} {PAGE_H:g}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        f'<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>'
    )
    root = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.1" DocType="OFD"><ofd:DocBody>'
        "<ofd:DocInfo><ofd:DocID>0c1a6b2e</ofd:DocID><ofd:Creator>tests.ofd_writer</ofd:Creator></ofd:DocInfo>"
        "<ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    resources = f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="3" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", root)
        archive.writestr("Doc_0/Document.xml", document)
        archive.writestr("Doc_0/PublicRes.xml", resources)
        archive.writestr("Doc_0/Tpls/Tpl_0/Content.xml", template)
        for index, content in enumerate(pages):
            archive.writestr(f"Doc_0/Pages/Page_{index}/Content.xml", content)
    return buffer.getvalue()
