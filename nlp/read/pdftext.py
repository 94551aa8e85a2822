"""PDF → text, page by page with form feeds between pages; stream bombs refused before parsing."""

from __future__ import annotations

import io
import itertools
import re

from nlp.errors import ReadError, ReadLimitError
from nlp.read.limits import ReadLimits

#: Page breaks are kept as form feeds so that the normaliser can repair sentences cut by them.
PAGE_BREAK = "\f"

def read_pdf(data: bytes, name: str, limits: ReadLimits) -> str:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _check_pdf_streams(data, name, limits)
    pages: list[str] = []
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            # Count through the page tree, stopping one past the limit: the tree's own /Count can lie,
            # and building every page object of a 100,000-page file first would cost minutes.
            from pdfminer.pdfpage import PDFPage

            counted = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limits.max_pdf_pages + 1))
            if counted > limits.max_pdf_pages:
                raise ReadLimitError(
                    name,
                    f"the PDF has over {limits.max_pdf_pages:,} pages, too many for one report",
                    "max_pdf_pages",
                    limits.max_pdf_pages,
                )
            for page in pdf.pages:
                text = _page_text(page)
                page.flush_cache()
                chars += len(text) + 1
                if chars > limits.max_chars:
                    raise ReadLimitError(
                        name, f"the PDF yields over {limits.max_chars:,} characters of text by page {len(pages) + 1}", "max_chars", limits.max_chars
                    )
                pages.append(text)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many types for a damaged file
        raise ReadError(name, f"damaged or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    text = PAGE_BREAK.join(pages)
    if not text.strip():
        raise ReadError(name, "the PDF has no text layer (a scan?); run OCR on it first")
    return text


def _page_text(page) -> str:
    """A page's text: its ruled tables (a grid of drawn lines, as the templates' tables are printed) one row
    a line, cells separated by tabs in their grid columns; the rest of the page as pdfplumber's text.

    Read as plain text, a ruled table with merged cells loses its rows: a label centred in its span lands on
    another row's line or on a line of its own, a label wrapped inside its cell puts the row's numbers on
    its middle line, and the characters of a narrow cell come one per line. Read as a grid, each cell's text
    is whole and a merged cell's text stands in its first row, the positions it covers empty (as the .docx
    and HTML readers give them). A page with no grid is read as text, as before, and so is a grid that
    leaves any character outside its cells (a table cut by the page, whose first cell has no top rule):
    nothing is lost.
    """
    rules = len(page.lines) + len(page.rects)
    if rules < _MIN_RULES or rules > _MAX_RULES:
        return page.extract_text() or ""
    grids = _grids(page)
    if not grids:
        return page.extract_text() or ""
    parts: list[str] = []
    above, bottom = page.bbox[1], page.bbox[3]
    for box, lines in grids:
        # Text above the grid, and any beside it (a note in the margin), comes before its rows.
        band = _band_text(page, above, box[3], box)
        if band:
            parts.append(band)
        parts.extend(lines)
        above = box[3]
    band = _band_text(page, above, bottom + 1, None)
    if band:
        parts.append(band)
    return "\n".join(parts)


#: Fewer drawn lines and rectangles than a grid of 2 × 2 cells needs: no ruled table on the page.
_MIN_RULES = 4
#: More than a table drawn cell by cell needs (a Word table 三 draws a few hundred): a chart or a drawing,
#: read as text rather than searched for grids, whose cost grows with the rules.
_MAX_RULES = 5_000


def _grids(page) -> list[tuple[tuple[float, float, float, float], list[str]]]:
    """The page's ruled tables as (box, lines), top to bottom: grids of at least two rows and two columns
    each of whose characters lies in one of its cells. Rows at a grid's top or bottom that are one cell
    across its whole width are left out of it (read as text): documents ruled like lined paper, and a
    table's title row, draw such cells around prose. A rectangle around prose is no grid either."""
    found: list[tuple[tuple[float, float, float, float], list[str]]] = []
    for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
        rows = table.rows
        x0, _, x1, _ = table.bbox
        across = [sum(cell is not None for cell in row.cells) == 1 and row.cells[0] is not None for row in rows]
        first = next((i for i, one in enumerate(across) if not one), len(rows))
        last = max((i for i, one in enumerate(across) if not one), default=-1)
        if last - first < 1 or max(len(row.cells) for row in rows) < 2:
            continue
        box = (x0, rows[first].bbox[1], x1, rows[last].bbox[3])
        if found and box[1] < found[-1][0][3]:
            continue  # overlaps the grid above: left to the text
        texts = _cell_texts(rows[first : last + 1], [char for char in page.chars if _centre_in(char, box)])
        if texts is None:
            continue  # characters between the grid's cells: the grid is not the whole table
        found.append((box, _table_lines(texts)))
    return found


def _cell_texts(rows: list, chars: list[dict]) -> list[list[str | None]] | None:
    """Each cell's text (pdfplumber's text of the characters centred in it), row by row, None where a merged
    cell from elsewhere covers the position; None for the whole grid if a character lies in no cell.

    One pass over the characters: each looks only at the cells that reach into its row band (a dozen),
    where pdfplumber's `Table.extract` filters every character once per row and again per cell."""
    from bisect import bisect_right

    from pdfplumber.utils import extract_text

    cells = [(r, c, cell) for r, row in enumerate(rows) for c, cell in enumerate(row.cells) if cell is not None]
    tops = sorted({cell[1] for _, _, cell in cells})
    # The cells reaching into each band between two successive row tops (a merged cell into several).
    bands: list[list[tuple[int, int, tuple]]] = [[] for _ in tops]
    for r, c, cell in cells:
        for band, top in enumerate(tops):
            if cell[1] <= top < cell[3]:
                bands[band].append((r, c, cell))
    held: dict[tuple[int, int], list[dict]] = {}
    for char in chars:
        band = bisect_right(tops, (char["top"] + char["bottom"]) / 2) - 1
        home = next(((r, c) for r, c, cell in bands[band] if _centre_in(char, cell)), None) if band >= 0 else None
        if home is None:
            home = next(((r, c) for r, c, cell in cells if _centre_in(char, cell)), None)  # on a band's edge
            if home is None:
                return None
        held.setdefault(home, []).append(char)
    texts: list[list[str | None]] = [[None] * len(row.cells) for row in rows]
    for r, c, _ in cells:
        texts[r][c] = extract_text(held[(r, c)]) if (r, c) in held else ""
    return texts


def _centre_in(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _band_text(page, top: float, bottom: float, table_box: tuple[float, float, float, float] | None) -> str:
    """The text of the characters whose centres lie between `top` and `bottom`, outside `table_box`."""

    def keep(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return False
        y = (obj["top"] + obj["bottom"]) / 2
        return top <= y < bottom and not (table_box is not None and _centre_in(obj, table_box))

    return (page.filter(keep).extract_text() or "").strip("\n")


def _table_lines(rows: list[list[str | None]]) -> list[str]:
    """A table's rows as lines of tab-separated fields; the lines of a cell's wrapped text joined."""
    lines = []
    for row in rows:
        fields = [_cell_text(cell) for cell in row]
        if any(fields):
            lines.append("\t".join(fields))
    return lines


def _cell_text(text: str | None) -> str:
    """A cell's lines as one: Chinese wrapped inside a cell joins without a space (`三\\n、\\n本\\n年` is one label),
    two Latin letters or digits across a break keep one, so that two numbers never run into one."""
    if not text:
        return ""
    pieces = [piece.strip() for piece in text.split("\n") if piece.strip()]
    joined = pieces[0] if pieces else ""
    for piece in pieces[1:]:
        joined += (" " if joined[-1].isascii() and joined[-1].isalnum() and piece[0].isascii() and piece[0].isalnum() else "") + piece
    return joined.replace("\t", " ")


_PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_PDF_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_PDF_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def _check_pdf_streams(data: bytes, name: str, limits: ReadLimits) -> None:
    """Refuse a PDF whose compressed streams inflate past the limit, before pdfminer inflates each
    whole in memory. Streams are found in the raw bytes (so object streams and streams the cross-
    reference table does not list count too); image streams are skipped, as text extraction never
    decodes them; a stream that is not zlib data is left to the parser."""
    total = 0
    for match in _PDF_STREAM.finditer(data):
        header_start = max(0, match.start() - 4096)
        objects = list(_PDF_OBJ.finditer(data, header_start, match.start()))
        header = data[objects[-1].end() if objects else header_start : match.start()]
        if _PDF_IMAGE.search(header):
            continue
        total += _inflated_size(data, match.end(), limits.max_pdf_unpacked - total)
        if total > limits.max_pdf_unpacked:
            raise ReadLimitError(
                name,
                f"the PDF's compressed streams inflate to over {limits.max_pdf_unpacked / 1e6:,.0f} MB (a stream bomb?)",
                "max_pdf_unpacked",
                limits.max_pdf_unpacked,
            )


def _inflated_size(data: bytes, start: int, budget: int) -> int:
    """Bytes the zlib stream at `start` inflates to, counting stops just past `budget` (0: not zlib)."""
    import zlib

    inflater = zlib.decompressobj()
    size, position, pending = 0, start, b""
    while not inflater.eof and size <= budget:
        if not pending:
            if position >= len(data):
                break
            pending, position = data[position : position + (1 << 16)], position + (1 << 16)
        try:
            size += len(inflater.decompress(pending, 1 << 20))
        except zlib.error:
            break  # not Flate data, or damaged: the parser decides
        pending = inflater.unconsumed_tail
    return size
