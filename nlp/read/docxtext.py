"""Word .docx → text, tables in document order (cells separated by tabs), Word's automatic numbers written
out (`nlp.read.docxnumbering`); zip bombs refused before parsing."""

from __future__ import annotations

import io
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
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises lxml and KeyError types for broken parts
        raise ReadError(name, f"damaged .docx file ({type(exc).__name__}: {exc})") from exc
    from nlp.read.docxnumbering import Numbering

    numbering = Numbering.of(document)
    lines: list[str] = []
    chars = 0
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(block, document).text
            # Word counts a numbered paragraph even where it is empty.
            label = numbering.label(block) if numbering is not None else ""
            new = [label + text if text.strip() else text]
        elif tag == "tbl":
            new = _docx_table_rows(Table(block, document))
        else:
            continue
        chars += sum(len(line) + 1 for line in new)
        if chars > limits.max_chars:
            raise ReadLimitError(name, f"the .docx yields over {limits.max_chars:,} characters of text", "max_chars", limits.max_chars)
        lines.extend(new)
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_table_rows(table) -> list[str]:
    """A python-docx table's rows (`table_rows`), each cell's text as python-docx reads its paragraphs."""
    from docx.table import _Cell

    def cell_text(tc) -> str:
        return " ".join(p.text.strip() for p in _Cell(tc, table).paragraphs if p.text.strip())

    return table_rows(table._tbl, _W, cell_text)


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
