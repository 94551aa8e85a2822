"""How a desktop OCR tool gives a scanned report's text: damage makers, one kind of OCR damage each.

County and township reports are often published as scans; users run an OCR tool on them and feed us its text.
Each maker takes a report's text as the project reads it from the user's file (tables as tab- or `|`-separated
rows) and returns what the OCR tool would give for the printed page:

- `letter_spaced`: every character of a line set apart by a space (`2 0 2 3 年 ， 我 镇 …`), as OCR reads a
  justified or spaced Chinese line; on every prose line, on a share of them (OCR decides per text block), or on
  table rows too (each cell letter-spaced, cells apart by a run of spaces);
- `half_width_punctuation`: `,` `:` `;` `(一)` for `，` `：` `；` `（一）`, with or without a space after;
- `printed_lines`: each printed line a line (prose set on a page 30–40 characters wide), the first-line indent
  kept as spaces or lost, a page number and a running head between pages;
- `space_aligned_tables`: tables as columns aligned by runs of spaces, the ruling lost (a Markdown rule row
  goes), an empty cell only more spaces, a long row label wrapped onto a second line with the figures on the
  first or on the second;
- `section_number_split`: a section's number on a line of its own and the rest of its title on the next
  (`三` / `、收到和处理政府信息公开申请情况`).

`OCR_DAMAGE` names them all (benchmarks/eval_ocr.py measures each; tests/test_ocr_damage.py tests them).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

from nlp.normalize.markdown import RULE_LINE  # a Markdown table's rule row: the ruling OCR never sees
from tests.damage_sections import _retitle

_CN_ORDINALS = "一二三四五六七八九十"


def _cells(line: str) -> list[str] | None:
    """A table row's cells (tab-separated, or a Markdown row between `|`), None for any other line."""
    if "\t" in line:
        return [cell.strip() for cell in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        return [cell.strip() for cell in stripped.strip("|").split("|")]
    return None


def _rows_rewritten(lines: list[str], rewrite: Callable[[int, list[str]], list[str]]) -> str:
    """The text with each table row (by its index in `lines`, with its cells) replaced by the lines `rewrite`
    gives, the rule rows dropped (OCR never sees a ruling) and every other line as it is."""
    out: list[str] = []
    for index, line in enumerate(lines):
        cells = _cells(line)
        if cells is None:
            out.append(line)
        elif not RULE_LINE.match(line):
            out += rewrite(index, cells)
    return "\n".join(out)


def _is_prose(line: str) -> bool:
    return bool(line.strip()) and _cells(line) is None


def _spaced(text: str) -> str:
    """`2023年，` → `2 0 2 3 年 ，`: every visible character apart (the text's own spaces go)."""
    return " ".join(ch for ch in text if not ch.isspace())


def letter_spaced(text: str, share: float = 1.0, tables: bool = False, seed: int = 0) -> str:
    """Prose lines (a `share` of them, drawn with `seed`) letter-spaced; table rows too where `tables`, each cell
    letter-spaced and the cells apart by three spaces (an empty cell: only more spaces)."""
    rng = random.Random(seed)
    out: list[str] = []
    for line in text.split("\n"):
        cells = _cells(line)
        if cells is not None:
            if tables and not RULE_LINE.match(line):
                line = "   ".join(_spaced(cell) for cell in cells).rstrip()
            elif tables:
                continue
            out.append(line)
        elif line.strip() and rng.random() < share:
            # The indent and a Markdown heading's marks stay as they are (OCR gives no marks: the report's .md did).
            kept = re.match(r"\s*(?:#+ +)?", line)
            out.append(line[: kept.end()] + _spaced(line[kept.end() :]))
        else:
            out.append(line)
    return "\n".join(out)


_HALF_WIDTH = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"}


def half_width_punctuation(text: str, space_after: bool = False) -> str:
    """Commas, colons, semicolons and brackets read as their half-width forms, a space after each where
    `space_after` (`,` `:` `;` and the closing bracket; an opening bracket takes none)."""

    def one(match: re.Match[str]) -> str:
        mark = _HALF_WIDTH[match.group()]
        return mark + " " if space_after and mark != "(" else mark

    return re.sub("[，：；（）]", one, text)


def _width(text: str) -> int:
    """Columns a string takes in a monospaced rendering: wide characters two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


#: Marks Chinese typesetting never starts a line with: they stay at the end of the line before.
_NO_LINE_START = "，。、；：？！）》”’」』】,.;:?!)"


def _printed(body: str, columns: int) -> list[str]:
    """A paragraph as a page `columns` wide (a wide character two) prints it: the first line two characters
    shorter (its indent), never a figure cut in two (the line ends before it) nor a line opened by a comma or a
    closing mark (it stays on the line before, past the width)."""
    lines: list[str] = []
    start, room = 0, columns - 4
    while start < len(body):
        cut, used = start, 0
        while cut < len(body) and used + _width(body[cut]) <= room:
            used += _width(body[cut])
            cut += 1
        if cut < len(body):
            back = cut
            while back > start and body[back - 1 : back + 1].isdigit():
                back -= 1
            cut = back if back > start else cut
            while cut < len(body) and body[cut] in _NO_LINE_START:
                cut += 1
        lines.append(body[start:cut])
        start, room = cut, columns
    return lines


def printed_lines(text: str, indent: str = "    ", seed: int = 0, page_lines: int = 36) -> str:
    """Each printed line a line: prose set on a page 30–40 characters wide (drawn with `seed`; figures and Latin
    letters take half a character, so lines holding them hold more), its first line indented by `indent` (`""`:
    the indent lost); after every `page_lines` lines a page's number (`- 3 -`, `第 3 页`, `3`, in turn) and the
    next page's running head (the report's first line where it is a short title, else the template's title)."""
    rng = random.Random(seed)
    columns = 2 * rng.randint(30, 40)
    lines = text.split("\n")
    first = next((line.strip() for line in lines if line.strip()), "")
    head = first if len(first) <= 40 and "报告" in first else "政府信息公开工作年度报告"
    printed: list[str] = []
    for line in lines:
        if not _is_prose(line) or _width(line.strip()) <= columns - 4:
            printed.append(line)
            continue
        pieces = _printed(line.strip(), columns)
        printed += [indent + pieces[0], *pieces[1:]]
    out: list[str] = []
    page = 1
    for index, line in enumerate(printed, 1):
        out.append(line)
        if index % page_lines == 0 and index < len(printed):
            out += [("- {} -", "第 {} 页", "{}")[page % 3].format(page), head]
            page += 1
    return "\n".join(out)


def space_aligned_tables(text: str, figures_on_second: bool = False, label_columns: int = 28) -> str:
    """Table rows as an OCR tool lays them out: cells padded with spaces into aligned columns (no tabs, no `|`,
    the Markdown rule row gone), an empty cell only spaces. A label wider than `label_columns` is wrapped: its
    first part on the row's line with the figures and the rest on the next line, or (`figures_on_second`) the first
    part alone and the rest on the next line with the figures."""
    lines = text.split("\n")
    # Each table (a run of rows, blank lines allowed) has its own columns: the widest cell of each.
    tables: list[dict[int, int]] = []
    current: dict[int, int] = {}
    for line in lines:
        cells = _cells(line)
        if cells is None and line.strip():
            current = {}
        elif cells is not None and not RULE_LINE.match(line):
            for column, cell in enumerate(cells[1:], 1):
                current[column] = max(current.get(column, 0), _width(cell))
        tables.append(current)

    def aligned(index: int, cells: list[str]) -> list[str]:
        table = tables[index]
        label, rest = cells[0], ""
        if _width(label) > label_columns:
            cut = label_columns // 2
            label, rest = label[:cut], label[cut:]
        figures = "".join("  " + cell.rjust(table[column] - _width(cell) + len(cell)) for column, cell in enumerate(cells[1:], 1))
        pad = " " * max(label_columns - _width(label), 0)
        if not rest:
            return [(label + pad + figures).rstrip()]
        if figures_on_second:
            return [label, (rest + " " * max(label_columns - _width(rest), 0) + figures).rstrip()]
        return [(label + pad + figures).rstrip(), rest]

    return _rows_rewritten(lines, aligned)


#: Table 四's cells: 5 under 行政复议 and 10 under 行政诉讼, in one row without a label.
_REVIEW_CELLS = 15
#: A figure cell of a table row (`0`, `12`, `-3`, `1.5`); other cells are labels or header words.
_FIGURE = re.compile(r"-?\d+(?:\.\d+)?")


def printed_tables(text: str, blank_zeros: bool = True, cell_columns: int = 7, label_columns: int = 32) -> str:
    """Tables as a scan of a printed table gives them, OCR keeping the page's positions: a row's label cells (one
    or two, the merged group's name before an item's) in a field padded with ideographic spaces to `label_columns`
    display columns (a longer label wrapped, the rest on the next line), each figure right-aligned in a field
    `cell_columns` wide, an empty cell only spaces; the header rows' words three spaces apart, not aligned to the
    figures below (OCR reads merged header cells as separate text blocks). Zeros printed blank where
    `blank_zeros`, as many agencies print them: rows then show only some of their figures and a column blank in
    every row shows nothing at all."""
    lines = re.split("[\n\f]", text)  # a page break (a PDF's form feed) is a line's end on the printed page
    # One field width for the whole print, two columns wider than its widest figure at least.
    widest = max((len(cell) for line in lines for cell in _cells(line) or () if _FIGURE.fullmatch(cell)), default=0)
    cell_columns = max(cell_columns, widest + 2)

    def printed(_index: int, cells: list[str]) -> list[str]:
        figures_at = [i for i, cell in enumerate(cells) if _FIGURE.fullmatch(cell)]
        if not figures_at:
            return ["   ".join(cell for cell in cells if cell)]
        # The label cells run to the last word before the first figure (the first cell is a label's even when
        # empty); empty cells after them are figures printed blank (table 四's 行政复议 half).
        # The label cells are all before the first figure (a merged label leaves some empty, and a row whose label
        # the page printed on other lines leaves all of them empty: its label field is printed blank); table 四's
        # row, which has no label column, is printed from the line's start, its empty cells blank figures.
        first = 0 if len(cells) >= _REVIEW_CELLS and not any(cells[: figures_at[0]]) else figures_at[0]
        label = " ".join(cell for cell in cells[:first] if cell)
        rest = ""
        if _width(label) > label_columns - 4:
            cut = (label_columns - 4) // 2
            label, rest = label[:cut], label[cut:]
        if first and not label:
            pad = " " * label_columns
        else:
            pad = "\u3000" * max((label_columns - _width(label)) // 2, 0) + " " * ((label_columns - _width(label)) % 2) if label else ""
        figures = "".join(("" if blank_zeros and cell == "0" else cell).rjust(cell_columns) for cell in cells[first:])
        return [(label + pad + figures).rstrip()] + ([rest] if rest else [])

    return _rows_rewritten(lines, printed)


def section_number_split(text: str) -> str:
    """Each section title's number on a line of its own, the rest from the comma on the next (`三` /
    `、收到和处理政府信息公开申请情况`), as OCR reads a number set apart from its title."""
    return _retitle(text, lambda indent, n, title: f"{indent}{_CN_ORDINALS[n - 1]}\n{indent}、{title}")


#: Every OCR damage measured (benchmarks/eval_ocr.py) and tested (tests/test_ocr_damage.py), by name.
#: What OCR reads for a digit: a capital or small O for 0, a small l or capital I for 1.
_LETTERS_FOR = {"0": "Oo", "1": "lI"}


def letters_for_digits(text: str, share: float = 0.3, seed: int = 0) -> str:
    """A share of the 0s and 1s of the tables' figures read as letters (`2O54`, `3l`, a lone `O`), as OCR reads a
    scan's digits; every other character where it was, the prose left as it is (the tables are what this damages)."""
    import random

    rng = random.Random(seed)

    def figure(match: re.Match[str]) -> str:
        return "".join(rng.choice(_LETTERS_FOR[ch]) if ch in _LETTERS_FOR and rng.random() < share else ch for ch in match.group())

    return "\n".join(_TAB_FIGURE.sub(figure, line) if _cells(line) is not None and "\t" in line else line for line in text.split("\n"))


#: A figure standing as a tab-separated cell of its own.
_TAB_FIGURE = re.compile(r"(?<![^\t])-?\d[\d.,]*(?![^\t])")


OCR_DAMAGE: dict[str, Callable[[str], str]] = {
    "ocr_spaced_prose": letter_spaced,
    "ocr_spaced_half": lambda text: letter_spaced(text, share=0.5),
    "ocr_spaced_tables": lambda text: letter_spaced(text, tables=True),
    "ocr_half_width": half_width_punctuation,
    "ocr_half_width_spaced": lambda text: half_width_punctuation(text, space_after=True),
    "ocr_printed_indent": printed_lines,
    "ocr_printed_no_indent": lambda text: printed_lines(text, indent=""),
    "ocr_tables_figures_first": space_aligned_tables,
    "ocr_tables_figures_second": lambda text: space_aligned_tables(text, figures_on_second=True),
    "ocr_number_split": section_number_split,
    "ocr_letters_for_digits": letters_for_digits,
    "ocr_printed_tables": lambda text: printed_tables(text, blank_zeros=False),
    "ocr_printed_tables_blank_zeros": printed_tables,
    # All at once, as one scan gives them: each printed line spaced or not (OCR decides per block), the punctuation
    # read before the spacing (a space after it would otherwise make a run of two).
    "ocr_all": lambda text: space_aligned_tables(
        letter_spaced(printed_lines(section_number_split(half_width_punctuation(text)), indent="  "), share=0.5)
    ),
}

#: The damages that print zeros blank: their cells are scored against the gold with its zeros null
#: (`tests.damage_blanks.blanked_gold`, scope `table`), a blank cell read as blank being right.
ZEROS_BLANK = frozenset({"ocr_printed_tables_blank_zeros"})
