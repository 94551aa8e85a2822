"""Word .docx → text, tables in document order (cells separated by tabs), Word's automatic numbers written
out (`nlp.read.docxnumbering`); zip bombs refused before parsing."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

from nlp.errors import ReadError, ReadLimitError
from nlp.read.limits import ReadLimits, check_zip_archive


def read_docx(data: bytes, name: str, limits: ReadLimits) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if "word/document.xml" not in archive.namelist():
            raise ReadError(name, "a zip archive, but not a .docx (no word/document.xml)")
        check_zip_archive(archive, name, limits, ".docx")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, zlib.error) as exc:
        # A wrong CRC, a cut member or an unknown compression method: the zip itself is broken.
        raise ReadError(name, f"damaged .docx/zip file ({type(exc).__name__}: {exc})") from exc
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises lxml and KeyError types for broken parts
        raise ReadError(name, f"damaged .docx file ({type(exc).__name__}: {exc})") from exc
    from nlp.read.docxnumbering import Numbering

    numbering = Numbering.of(document)
    lines: list[str] = []
    chars = 0
    for block in document.element.body.iterchildren():
        new = _block_lines(block, document, numbering)
        chars += sum(len(line) + 1 for line in new)
        if chars > limits.max_chars:
            raise ReadLimitError(name, f"the .docx yields over {limits.max_chars:,} characters of text", "max_chars", limits.max_chars)
        lines.extend(new)
    return "\n".join(lines)


#: Elements that only wrap blocks (content controls, custom XML, smart tags): their blocks are read.
_WRAPPERS = {"sdt": "sdtContent", "customXml": None, "smartTag": None}


def _block_lines(block, document, numbering) -> list[str]:
    """The lines of one body-level element: a paragraph (then the text boxes it anchors), a table, or
    what a content control wraps; nothing for section properties, bookmarks and the like."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    tag = block.tag.rsplit("}", 1)[-1]
    if tag == "p":
        text = Paragraph(block, document).text
        # Word counts a numbered paragraph even where it is empty.
        label = numbering.label(block) if numbering is not None else ""
        lines = [label + text if text.strip() else text]
        for box in _text_boxes(block):
            lines.extend(line for child in box.iterchildren() for line in _block_lines(child, document, numbering))
        return lines
    if tag == "tbl":
        if not _is_frame(block):
            return _docx_table_rows(Table(block, document))
        # A layout table (a page frame holding the report's text, its tables nested in its cells): its
        # cells' blocks in reading order, each nested table read as a table.
        return [line for tc in block.iterchildren(f"{_W}tr") for cell in tc.iterchildren(f"{_W}tc") for child in cell.iterchildren() for line in _block_lines(child, document, numbering)]
    if tag in _WRAPPERS:
        inner = block.find(f"{_W}{_WRAPPERS[tag]}") if _WRAPPERS[tag] else block
        return [] if inner is None else [line for child in inner.iterchildren() for line in _block_lines(child, document, numbering)]
    return []


#: A cell with this many paragraphs of text, or this many characters, holds a page's text, not a table's field.
_FRAME_PARAGRAPHS = 4
_FRAME_CHARS = 300


def _is_frame(tbl) -> bool:
    """True for a table that lays out a page rather than holding data: a cell holds a table of its own,
    or holds several paragraphs or a page's worth of text (a report typed into a one-cell frame)."""
    for row in tbl.iterchildren(f"{_W}tr"):
        for cell in row.iterchildren(f"{_W}tc"):
            if cell.find(f"{_W}tbl") is not None:
                return True
            texts = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in cell.iterchildren(f"{_W}p")]
            filled = [text for text in texts if text.strip()]
            if len(filled) >= _FRAME_PARAGRAPHS or sum(map(len, filled)) >= _FRAME_CHARS:
                return True
    return False


def _text_boxes(paragraph) -> list:
    """The text boxes (`w:txbxContent`) a paragraph anchors, each once: Word writes a box twice, for
    DrawingML (`mc:Choice`) and for VML readers (`mc:Fallback`), and the fallback copy is left out."""
    boxes = []
    for box in paragraph.iter(f"{_W}txbxContent"):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not paragraph and not ancestor.tag.endswith("}Fallback"):
            ancestor = ancestor.getparent()
        if ancestor is paragraph or ancestor is None:
            boxes.append(box)
    # A box nested in another box is read with the outer one.
    return [box for box in boxes if not any(other is not box and box in other.iter(f"{_W}txbxContent") for other in boxes)]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_table_rows(table) -> list[str]:
    """A python-docx table's rows (`table_rows`), each cell's text as python-docx reads its paragraphs."""
    from docx.table import _Cell

    def cell_text(tc) -> str:
        return " ".join(_joined_breaks(p.text.strip()) for p in _Cell(tc, table).paragraphs if p.text.strip())

    return table_rows(table._tbl, _W, cell_text)


#: A manual line break inside a cell (`行政规范<w:br/>性文件`): a wrap, joined without a space between
#: Chinese characters and with one elsewhere, so that a row label stays one field on one line.
_CELL_BREAK = re.compile(r"\s*\n\s*")


def _joined_breaks(text: str) -> str:
    def joined(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        return "" if _is_cjk(before) or _is_cjk(after) else " "

    return _CELL_BREAK.sub(joined, text) if "\n" in text else text


def _is_cjk(char: str) -> bool:
    return bool(char) and ("\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef")


def table_rows(tbl, namespace: str, cell_text: Callable[[Any], str], merge_tag: str = "vMerge") -> list[str]:
    """Each row of a WordprocessingML table (`w:tbl` element) a line of tab-separated fields, one per grid
    column, as the table is laid out: a cell merged across columns (`w:gridSpan`) is its text then empty
    fields for the columns it covers, and a cell merged down (`w:vMerge`; `w:vmerge` in Word 2003 XML) has
    its text in its first row only, empty fields below. (python-docx's `row.cells` hands back the top cell
    again for every row a vertical merge covers, which repeated a group label such as `三、本年度办理结果`
    into the rows of another label's numbers.) Shared by the .docx and the Word 2003 XML readers.

    namespace: the schema's `{uri}` prefix; cell_text: a `w:tc` element's text."""
    w = namespace
    rows = []
    for tr in tbl.iterchildren(f"{w}tr"):
        fields: list[str] = [""] * _grid_number(tr.find(f"{w}trPr/{w}gridBefore"), w)
        for tc in tr.iterchildren(f"{w}tc"):
            span = max(1, min(_grid_number(tc.find(f"{w}tcPr/{w}gridSpan"), w), _MAX_GRID_SPAN))
            merge = tc.find(f"{w}tcPr/{w}{merge_tag}")
            # `<w:vMerge/>` and `w:val="continue"` carry on the cell above; `restart` opens a merge.
            text = "" if merge is not None and merge.get(f"{w}val", "continue") == "continue" else cell_text(tc)
            fields.append(text)
            fields.extend([""] * (span - 1))
        rows.append("\t".join(fields))
    return rows


#: Word's own limit on a table's grid columns: a hostile `gridSpan` or `gridBefore` is clamped to it.
_MAX_GRID_SPAN = 63


def _grid_number(element, namespace: str) -> int:
    """A `w:gridSpan`/`w:gridBefore` count (1 for a span, 0 for gridBefore where absent or not a number)."""
    if element is None:
        return 0
    value = element.get(f"{namespace}val", "")
    return min(int(value), _MAX_GRID_SPAN) if value.isdigit() else 0
