"""A laid-out page's text from its positioned characters and drawn rules: ruled tables one row a line, cells
tab-separated in their grid columns, the rest as lines of text. Shared by the PDF reader (pdfplumber's
characters and tables) and the OFD reader (glyphs placed from the page's XML, rules from its paths), so that
both formats give a table's merged cells the same way.

Characters are pdfplumber's dictionaries (`text`, `x0`, `x1`, `top`, `bottom`, `upright`, `size`; points,
`top` growing down the page); tables are pdfplumber `Table`s (`.bbox`, `.rows[i].cells`/`.bbox`).

Read as plain text, a ruled table with merged cells loses its rows: a label centred in its span lands on
another row's line or on a line of its own, a label wrapped inside its cell puts the row's numbers on its
middle line, and the characters of a narrow cell come one per line. Read as a grid, each cell's text is
whole and a merged cell's text stands in its first row, the positions it covers empty (as the .docx and
HTML readers give them). A page with no grid is read as text, and so is a grid that leaves any character
outside its cells (a table cut by the page, whose first cell has no top rule): nothing is lost.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

Box = tuple[float, float, float, float]

#: Fewer drawn lines and rectangles than a grid of 2 × 2 cells needs: no ruled table on the page.
MIN_RULES = 4
#: More than a table drawn cell by cell needs (a Word table 三 draws a few hundred): a chart or a drawing,
#: read as text rather than searched for grids, whose cost grows with the rules.
MAX_RULES = 5_000


def chars_text(chars: Sequence[dict]) -> str:
    """The characters' text as pdfplumber writes a page's: lines by position, words split at wide gaps."""
    from pdfplumber.utils import chars_to_textmap

    return chars_to_textmap(list(chars)).as_string if chars else ""


def grid_page_text(chars: Sequence[dict], find_tables: Callable[[], list], bbox: Box, rules: int) -> str | None:
    """The page's text with its ruled tables as tab-separated rows; None where the page has no grid (too few
    or too many rules, or no table whose every character lies in a cell), for the caller to read as text.

    find_tables: the page's candidate tables (called only where the rule count allows a grid).
    rules: how many drawn lines and rectangles the page has."""
    if rules < MIN_RULES or rules > MAX_RULES:
        return None
    grids = _grids(chars, find_tables())
    if not grids:
        return None
    parts: list[str] = []
    above, bottom = bbox[1], bbox[3]
    for box, lines in grids:
        # Text above the grid, and any beside it (a note in the margin), comes before its rows.
        band = _band_text(chars, above, box[3], box)
        if band:
            parts.append(band)
        parts.extend(lines)
        above = box[3]
    band = _band_text(chars, above, bottom + 1, None)
    if band:
        parts.append(band)
    return "\n".join(parts)


def _grids(chars: Sequence[dict], tables: list) -> list[tuple[Box, list[str]]]:
    """The page's ruled tables as (box, lines), top to bottom: grids of at least two rows and two columns
    each of whose characters lies in one of its cells. Rows at a grid's top or bottom that are one cell
    across its whole width are left out of it (read as text): documents ruled like lined paper, and a
    table's title row, draw such cells around prose. A rectangle around prose is no grid either."""
    found: list[tuple[Box, list[str]]] = []
    for table in sorted(tables, key=lambda t: t.bbox[1]):
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
        texts = _cell_texts(rows[first : last + 1], [char for char in chars if _centre_in(char, box)])
        if texts is None:
            continue  # characters between the grid's cells: the grid is not the whole table
        found.append((box, _table_lines(texts)))
    return found


def _cell_texts(rows: list, chars: list[dict]) -> list[list[str | None]] | None:
    """Each cell's text (pdfplumber's text of the characters centred in it), row by row, None where a merged
    cell from elsewhere covers the position; None for the whole grid if a character lies in no cell.

    One pass over the characters: each looks only at the cells that reach into its row band (a dozen),
    where pdfplumber's `Table.extract` filters every character once per row and again per cell."""
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


def _centre_in(obj: dict, box: Box) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _band_text(chars: Sequence[dict], top: float, bottom: float, table_box: Box | None) -> str:
    """The text of the characters whose centres lie between `top` and `bottom`, outside `table_box`."""

    def keep(char: dict) -> bool:
        y = (char["top"] + char["bottom"]) / 2
        return top <= y < bottom and not (table_box is not None and _centre_in(char, table_box))

    return chars_text([char for char in chars if keep(char)]).strip("\n")


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
