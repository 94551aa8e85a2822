"""Word .docx → text, tables in document order (cells separated by tabs), Word's automatic numbers written
out (`nlp.read.docxnumbering`); zip bombs refused before parsing."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

from nlp.errors import ReadError, ReadLimitError
from nlp.pictures import picture_line
from nlp.read.cellgrid import cell_field, is_frame_cell
from nlp.read.limits import ReadLimits, check_zip_archive
from nlp.read.runtext import paragraph_text


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
    walker = BlockWalker(_W, lambda p: paragraph_text(p, _W), numbering.label if numbering is not None else None)
    return walker.text(document.element.body.iterchildren(), name, limits, ".docx")


class BlockWalker:
    """The lines of WordprocessingML blocks, shared by the .docx and the Word 2003 XML readers (the same
    shape under other names): a paragraph (its number as Word draws it, then the text boxes it anchors), a
    table (rows on its grid; a page frame's blocks in order), and the blocks that content controls, custom
    XML and smart tags hold, and those of `hints` (Word 2003's `wx:sect`, `wx:sub-section`, `wx:pBdrGroup`).

    namespace: the schema's `{uri}` prefix; paragraph_text: a `w:p` element's text (`\n` for a line break);
    label: the number Word draws before a paragraph (None: no lists); merge_tag: the vertical merge's name;
    pad_rows: fill a row short of the table's grid from the left (a writer that leaves out merged cells);
    hints: a namespace (`{uri}`) whose every element only wraps blocks."""

    def __init__(self, namespace: str, paragraph_text: Callable[[Any], str], label: Callable[[Any], str] | None = None,
                 merge_tag: str = "vMerge", pad_rows: bool = False, hints: str | None = None) -> None:
        self.w = namespace
        self.paragraph_text = paragraph_text
        self.label = label
        self.merge_tag = merge_tag
        self.pad_rows = pad_rows
        self.hints = hints

    def text(self, blocks, name: str, limits: ReadLimits, kind: str) -> str:
        """The document's text from its body's blocks, refused past `limits.max_chars` as it grows."""
        lines: list[str] = []
        chars = 0
        for block in blocks:
            new = self.block_lines(block)
            chars += sum(len(line) + 1 for line in new)
            if chars > limits.max_chars:
                raise ReadLimitError(name, f"the {kind} yields over {limits.max_chars:,} characters of text", "max_chars", limits.max_chars)
            lines.extend(new)
        return "\n".join(lines)

    def block_lines(self, block) -> list[str]:
        """The lines of one block-level element; nothing for section properties, bookmarks and the like."""
        if not isinstance(block.tag, str):
            return []  # a comment or a processing instruction
        tag = block.tag.rsplit("}", 1)[-1]
        w = self.w
        if tag == "p":
            text = self.paragraph_text(block)
            # Word counts a numbered paragraph even where it is empty.
            label = self.label(block) if self.label is not None else ""
            lines = [label + text if text.strip() else text]
            # a picture (a table pasted as an image): its place as a line of its own (`nlp.pictures`)
            lines.extend(picture_line(alt) for alt in _pictures(block))
            for box in self._text_boxes(block):
                lines.extend(self._children_lines(box))
            return lines
        if tag == "tbl":
            if not self._is_frame(block):
                return self.table_lines(block)
            # A layout table (a page frame holding the report's text, its tables nested in its cells): its
            # cells' blocks in reading order, each nested table read as a table.
            return [line for tr in block.iterchildren(f"{w}tr") for tc in tr.iterchildren(f"{w}tc") for line in self._children_lines(tc)]
        if self.hints is not None and block.tag.startswith(self.hints):
            return self._children_lines(block)
        if tag in _WRAPPERS:
            inner = block.find(f"{w}{_WRAPPERS[tag]}") if _WRAPPERS[tag] else block
            return [] if inner is None else self._children_lines(inner)
        return []

    def _children_lines(self, parent) -> list[str]:
        return [line for child in parent.iterchildren() for line in self.block_lines(child)]

    def table_lines(self, tbl) -> list[str]:
        """A data table's rows (`table_rows`), each cell's paragraphs one field (`cellgrid.cell_field`)."""
        w = self.w
        rows = table_rows(tbl, w, lambda tc: cell_field([self.paragraph_text(p) for p in tc.iterchildren(f"{w}p")]), self.merge_tag)
        if not self.pad_rows:
            return rows
        # A row short of the grid's columns: the missing positions are taken to be its first ones, where
        # the merged labels of a table's left columns stand.
        width = max(len(tbl.findall(f"{w}tblGrid/{w}gridCol")), max((row.count("\t") + 1 for row in rows), default=0))
        return ["\t" * (width - row.count("\t") - 1) + row for row in rows]

    def _is_frame(self, tbl) -> bool:
        """A table that lays out a page rather than holding data (`cellgrid.is_frame_cell`)."""
        w = self.w
        for row in tbl.iterchildren(f"{w}tr"):
            for cell in row.iterchildren(f"{w}tc"):
                texts = ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in cell.iterchildren(f"{w}p")]
                if is_frame_cell(texts, cell.find(f"{w}tbl") is not None):
                    return True
        return False

    def _text_boxes(self, paragraph) -> list:
        """The text boxes (`w:txbxContent`) a paragraph anchors, each once: Word writes a .docx's box twice,
        for DrawingML (`mc:Choice`) and for VML readers (`mc:Fallback`), and the fallback copy is left out.
        (Word 2003 XML has the VML box only: `w:pict/v:shape/v:textbox`.)"""
        tag = f"{self.w}txbxContent"
        boxes = []
        for box in paragraph.iter(tag):
            ancestor = box.getparent()
            while ancestor is not None and ancestor is not paragraph and not ancestor.tag.endswith("}Fallback"):
                ancestor = ancestor.getparent()
            if ancestor is paragraph or ancestor is None:
                boxes.append(box)
        # A box nested in another box is read with the outer one.
        return [box for box in boxes if not any(other is not box and box in other.iter(tag) for other in boxes)]


_PICTURE = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
_DOC_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"


def _pictures(paragraph) -> list[str]:
    """The alternative text ('' for none) of each picture a paragraph holds: a DrawingML picture (its `wp:docPr`
    description or title; not a shape or a text box, and not the `mc:Fallback` copy Word writes for old readers)
    or a VML image (its `o:title`)."""
    alts: list[str] = []
    for element in paragraph.iter(_PICTURE, _VML_IMAGE):
        ancestor, drawing = element.getparent(), None
        while ancestor is not None and ancestor is not paragraph:
            if ancestor.tag.endswith("}Fallback"):
                break
            if ancestor.tag.endswith("}drawing") or ancestor.tag.endswith("}pict"):
                drawing = ancestor
            ancestor = ancestor.getparent()
        else:
            if element.tag == _VML_IMAGE:
                alts.append(next((v for k, v in element.attrib.items() if k.endswith("}title")), ""))
            else:
                properties = drawing.find(f".//{_DOC_PROPERTIES}") if drawing is not None else None
                alts.append("" if properties is None else properties.get("descr") or properties.get("title") or "")
    return alts


#: Elements that only wrap blocks (content controls, custom XML, smart tags): their blocks are read.
_WRAPPERS = {"sdt": "sdtContent", "customXml": None, "smartTag": None}

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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
