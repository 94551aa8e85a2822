"""Word .docx → text, tables in document order (cells separated by tabs), Word's automatic numbers written
out (`nlp.read.docxnumbering`); zip bombs refused before parsing."""

from __future__ import annotations

import io
import zipfile
import zlib

from nlp.errors import ReadError, ReadLimitError
from nlp.read.limits import ReadLimits


def _check_docx_archive(archive: zipfile.ZipFile, name: str, limits: ReadLimits) -> None:
    """Refuse a zip bomb before python-docx inflates it: count members, then stream every member
    through the decompressor counting bytes (the sizes in the zip's directory can lie)."""
    members = archive.infolist()
    if len(members) > limits.max_docx_members:
        raise ReadLimitError(name, f"the .docx holds {len(members):,} files, not a Word document", "max_docx_members", limits.max_docx_members)
    declared = sum(member.file_size for member in members)
    if declared > limits.max_docx_unpacked:
        raise ReadLimitError(
            name, f"the .docx unpacks to {declared / 1e6:,.0f} MB (a zip bomb?)", "max_docx_unpacked", limits.max_docx_unpacked
        )
    unpacked = 0
    for member in members:
        with archive.open(member) as stream:
            while block := stream.read(1 << 20):
                unpacked += len(block)
                if unpacked > limits.max_docx_unpacked:
                    raise ReadLimitError(
                        name, f"the .docx unpacks to over {limits.max_docx_unpacked / 1e6:,.0f} MB (a zip bomb?)", "max_docx_unpacked", limits.max_docx_unpacked
                    )


def read_docx(data: bytes, name: str, limits: ReadLimits) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if "word/document.xml" not in archive.namelist():
            raise ReadError(name, "a zip archive, but not a .docx (no word/document.xml)")
        _check_docx_archive(archive, name, limits)
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
    """Each row a line of tab-separated fields, one per grid column, as the table is laid out: a cell merged
    across columns (`w:gridSpan`) is its text then empty fields for the columns it covers, and a cell
    merged down (`w:vMerge`) has its text in its first row only, empty fields below. (python-docx's
    `row.cells` hands back the top cell again for every row a vertical merge covers, which repeated a group
    label such as `三、本年度办理结果` into the rows of another label's numbers.)"""
    from docx.table import _Cell

    rows = []
    for row in table.rows:
        tr = row._tr
        fields: list[str] = [""] * _grid_number(tr.find(f"{_W}trPr/{_W}gridBefore"))
        for tc in tr.iterchildren(f"{_W}tc"):
            span = max(1, min(_grid_number(tc.find(f"{_W}tcPr/{_W}gridSpan")), _MAX_GRID_SPAN))
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            # `<w:vMerge/>` and `w:val="continue"` carry on the cell above; `restart` opens a merge.
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
                text = ""
            else:
                text = " ".join(p.text.strip() for p in _Cell(tc, table).paragraphs if p.text.strip())
            fields.append(text)
            fields.extend([""] * (span - 1))
        rows.append("\t".join(fields))
    return rows


#: Word's own limit on a table's grid columns: a hostile `gridSpan` or `gridBefore` is clamped to it.
_MAX_GRID_SPAN = 63


def _grid_number(element) -> int:
    """A `w:gridSpan`/`w:gridBefore` count (1 for a span, 0 for gridBefore where absent or not a number)."""
    if element is None:
        return 0
    value = element.get(f"{_W}val", "")
    return min(int(value), _MAX_GRID_SPAN) if value.isdigit() else 0
