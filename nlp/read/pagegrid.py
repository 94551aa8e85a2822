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

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nlp.normalize.lines import ENUMERATED_START

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


@dataclass(frozen=True)
class TextLine:
    """One line of a page as `chars_text` writes it, with where it stands (points)."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    #: The line's words (runs of characters between spaces) with their left and right, on lines holding a figure:
    #: where an unruled table's numbers stand (`nlp.read.blankcells`).
    fields: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class Column:
    """Where a document's prose lines start and end (its margins) and how far apart they stand (its line
    pitch): what tells a line wrapped at the margin from a paragraph's end."""

    left: float
    right: float
    pitch: float
    #: Whether the document starts its paragraphs indented (about two characters in from the left margin).
    indented: bool = False
    #: Whether it sets space between paragraphs (a common distance half a character or more over the pitch).
    spaced: bool = False
    #: Where the fullest lines end (`right` is where most end, within a character): a line that reaches it
    #: left no room for another character.
    edge: float = 0.0


def text_lines(chars: Sequence[dict]) -> list[TextLine]:
    """The lines `chars_text` writes, each with its first character's left, its last one's right, its top and
    its characters' median size."""
    from pdfplumber.utils import chars_to_textmap

    if not chars:
        return []
    lines: list[TextLine] = []
    pieces: list[tuple[str, dict | None]] = []
    placed: list[dict] = []
    for text, char in [*chars_to_textmap(list(chars)).tuples, ("\n", None)]:
        if text != "\n":
            pieces.append((text, char))
            if char is not None:
                placed.append(char)
            continue
        if placed:
            sizes = sorted(char["size"] for char in placed)
            text = "".join(piece for piece, _ in pieces)
            fields = _fields(pieces) if any(c.isdigit() for c in text) else ()
            lines.append(TextLine(text, placed[0]["x0"], max(c["x1"] for c in placed), min(c["top"] for c in placed), sizes[len(sizes) // 2], fields))
        pieces, placed = [], []
    return lines


def _fields(pieces: Sequence[tuple[str, dict | None]]) -> tuple[tuple[str, float, float], ...]:
    """The words of a line (its characters with their dictionaries, and the spaces the layout put between them)
    with where each starts and ends."""
    fields: list[tuple[str, float, float]] = []
    word: list[str] = []
    left = right = 0.0
    for piece, char in pieces:
        if piece.isspace() or char is None:
            if word:
                fields.append(("".join(word), left, right))
                word = []
            continue
        if not word:
            left = char["x0"]
        word.append(piece)
        right = char["x1"]
    if word:
        fields.append(("".join(word), left, right))
    return tuple(fields)


def text_column(lines: Sequence[TextLine]) -> Column | None:
    """The margins most lines start and end at, and the most common distance between a line and the next
    (within a character's size); None where too few lines share a margin to tell (a page of a few lines)."""
    if len(lines) < 4:
        return None
    unit = sorted(line.size for line in lines)[len(lines) // 2] or 1.0
    # A row of fields set apart (an unruled table's) starts and ends where its cells do, not at the margins.
    prose = [line for line in lines if not _FIELDS.search(line.text)]
    if len(prose) < 4:
        return None
    lefts = Counter(round(line.x0 / (unit / 2)) for line in prose)
    rights = Counter(round(line.x1 / (unit / 2)) for line in prose)
    # Lines more than three lines' height apart have a table, a figure or the page's end between them (the
    # reader's lines skip a ruled table): no rhythm of the text, and one per table would pass for paragraph
    # spacing in a report of many small tables.
    pitches = Counter(round((b.top - a.top) / (unit / 4)) for a, b in zip(lines, lines[1:], strict=False) if 0 < b.top - a.top <= 3 * unit)
    (left, at_left) = lefts.most_common(1)[0]
    # Lines wrapped at the right margin end within a character of it, not at one point (justified text, a
    # digit or a closing mark narrower than a Chinese character): counted with their neighbours, so that a
    # few short last lines that happen to end alike do not outnumber them.
    # Only where a line reaches past the middle of the text's width: a table's short cells read as lines
    # (a number a line) can outnumber the wrapped lines.
    middle = (min(rights) + max(rights)) / 2
    near = {x: rights[x - 1] + rights[x] + rights[x + 1] for x in rights if x >= middle}
    right, at_right = max(near.items(), key=lambda item: (item[1], item[0]))
    if at_left < 3 or at_right < 3 or not pitches:
        return None
    # The pitch inside a paragraph is the smallest of the common ones: where paragraphs are short, the wider
    # distance between paragraphs can be the most common.
    common = [pitch for pitch, count in pitches.items() if count >= max(2, pitches.most_common(1)[0][1] // 10)]
    # Where most paragraphs are a line long, their indented first lines outnumber the lines at the margin:
    # the margin is then the common left a first-line indent (up to three characters) to their left.
    left = min((x for x, count in lefts.items() if left - 6 <= x <= left and count >= max(3, at_left // 5)), default=left)
    margin = left * unit / 2
    indented = sum(1.5 * line.size <= line.x0 - margin <= 2.5 * line.size for line in lines) >= 3
    spaced = any(pitch >= min(common) + 2 for pitch in common)  # in quarters of a character
    edge = max(line.x1 for line in prose if abs(line.x1 - right * unit / 2) <= unit)
    return Column(margin, right * unit / 2, min(common) * unit / 4, indented, spaced, edge)


def join_paragraphs(lines: Sequence[TextLine], column: Column | None) -> str:
    """The lines (`text_lines`) with each line wrapped at the column's right margin joined to the next where that
    one goes on at the left margin, at the column's line pitch, in the same size: a paragraph a line, as a
    .docx gives it. A line short of the margin, an indented line (a paragraph's first), a wider gap
    (paragraph spacing) or another size (a heading) keeps its break. Without a column, the lines as they are."""
    out: list[str] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        if out and column is not None and previous is not None and _wrapped(previous, line, column):
            out[-1] = join_wrapped(out[-1], line.text)
        else:
            out.append(line.text)
    return "\n".join(out)


def _wrapped(line: TextLine, following: TextLine, column: Column) -> bool:
    """A line broken at the margin. Where the line also ends a sentence, its paragraph may end there too. In a
    document that marks its paragraphs (a first-line indent, or space between them, which the pitch test has
    already seen) the next line goes on the paragraph unless it is a heading (a line short of the margin
    without a sentence end). In one that marks them neither way, only a line ending `。` or `；` that fills the
    line to the margin goes on (as the normaliser weighed such a PDF line before the layout joined lines, since
    the text it gets now is a paragraph a line, with no wrap width to measure), unless the next line is a
    heading or starts a numbered item (`（四）`, `二是`)."""
    if _FIELDS.search(line.text) or _FIELDS.search(following.text):
        return False  # a row of fields set apart (an unruled table's), not prose
    if not (
        line.x1 >= column.right - 1.5 * line.size
        and abs(following.x0 - column.left) <= 0.5 * following.size
        and 0 < following.top - line.top <= column.pitch + 0.15 * line.size
        and abs(following.size - line.size) <= 0.15 * line.size
    ):
        return False
    if not line.text.rstrip().endswith(_SENTENCE_ENDS):
        return True
    heading = following.x1 < column.right - 1.5 * following.size and not following.text.rstrip().endswith(_SENTENCE_ENDS)
    if heading:
        return False
    if column.indented or column.spaced:
        return True
    full = line.x1 >= column.edge - 0.5 * line.size
    return full and line.text.rstrip().endswith(("。", "；")) and not ENUMERATED_START.match(following.text.lstrip())


_SENTENCE_ENDS = ("。", "！", "？", "；", "：", ".", "!", "?", ";", ":", "”", "」")
#: A row of fields set apart (an unruled table's): a label and, after a gap the line assembly wrote as a space,
#: the number it counts, ending the line; or three numbers or more set apart ending it, whatever stands before
#: them (`1. 0 0 3 0 0 0 3`, a row whose label is wrapped onto the lines below), or cells between tabs (a row whose
#: blank cells were placed, `nlp.read.blankcells`). A space beside a Chinese
#: character alone is no sign: producers set numbers in prose apart too (`2025 年`, `第 711 号`).
_FIELDS = re.compile(r"(?:[^\x00-\x7f][ \t]+[-+]?\d[\d,.%]*|(?:^|\s)\d[\d,.%]*(?:[ \t]+[-+]?\d[\d,.%]*){2,})\s*$|\t")


def join_wrapped(head: str, tail: str) -> str:
    """Two pieces of one text wrapped at a line's end: Chinese joins without a space, two Latin letters or digits
    across the break keep one, so that two numbers never run into one."""
    head, tail = head.rstrip(), tail.lstrip()
    if not head or not tail:
        return head + tail
    return head + (" " if head[-1].isascii() and head[-1].isalnum() and tail[0].isascii() and tail[0].isalnum() else "") + tail


def grid_page_parts(chars: Sequence[dict], find_tables: Callable[[], list], bbox: Box, rules: int) -> list[str | list[dict]] | None:
    """The page's ruled tables and the text around them, top to bottom: each table's rows (a string a row, cells
    tab-separated) and, between them, the characters of the text around them (a list, possibly empty), for the
    caller to assemble once every page's lines are known (`pagetext`: the document's column, running lines).
    None where the page has no grid (too few or too many rules, or no table whose every character lies in a
    cell), for the caller to read as text.

    find_tables: the page's candidate tables (called only where the rule count allows a grid).
    rules: how many drawn lines and rectangles the page has."""
    if rules < MIN_RULES or rules > MAX_RULES:
        return None
    grids = _grids(chars, find_tables())
    if not grids:
        return None
    parts: list[str | list[dict]] = []
    above, bottom = bbox[1], bbox[3]
    for box, lines in grids:
        # Text above the grid, and any beside it (a note in the margin), comes before its rows.
        parts.append(_band_chars(chars, above, box[3], box))
        parts.extend(lines)
        above = box[3]
    parts.append(_band_chars(chars, above, bottom + 1, None))
    return parts


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


def _band_chars(chars: Sequence[dict], top: float, bottom: float, table_box: Box | None) -> list[dict]:
    """The characters whose centres lie between `top` and `bottom`, outside `table_box`."""

    def keep(char: dict) -> bool:
        y = (char["top"] + char["bottom"]) / 2
        return top <= y < bottom and not (table_box is not None and _centre_in(char, table_box))

    return [char for char in chars if keep(char)]


def _table_lines(rows: list[list[str | None]]) -> list[str]:
    """A table's rows as lines of tab-separated fields; the lines of a cell's wrapped text joined."""
    lines = []
    for row in rows:
        fields = [_cell_text(cell) for cell in row]
        if any(fields):
            lines.append("\t".join(fields))
    return lines


def _cell_text(text: str | None) -> str:
    """A cell's lines as one (`join_wrapped`): `三\\n、\\n本\\n年` is one label, two numbers stay two."""
    if not text:
        return ""
    joined = ""
    for piece in (piece.strip() for piece in text.split("\n")):
        if piece:
            joined = join_wrapped(joined, piece) if joined else piece
    return joined.replace("\t", " ")
