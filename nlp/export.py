"""Every table the package writes for people: CSV and XLSX, atomically, one writer each.

Commands pass rows (dicts or sequences) and their columns; a workbook is a list of `Sheet`s whose
rows may be streamed (a CSV file read back, a generator), so a batch of any size is written without
holding it. Numbers stay numbers in a workbook but in the columns named as text (ids that look like
numbers: doc_id "001", row "1").

Made for Excel and for Chinese readers:

* CSV is UTF-8 with a byte-order mark, the one mark by which Excel knows UTF-8 (without it Excel
  reads Chinese as mojibake); Python's `utf-8-sig`, pandas and LibreOffice read it as plain UTF-8.
* Formula injection: a report's text is the author's, and a cell that starts with `=`, `+`, `-`,
  `@`, a tab or a carriage return would be run by a spreadsheet as a formula. In XLSX such text is
  stored as a text cell (never evaluated, shown as written). In CSV, where a cell has no type, a `'`
  is put before it, as spreadsheet programs do (`'=1+2` shows `=1+2`); a text that starts with `'`
  gets one more, so that `unescape_cell` gives back every text exactly. Only text is escaped:
  numbers (a negative count) are written as numbers.
* Sheets have their header row frozen and column widths fitted to their first rows (a Chinese
  character counts twice).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from nlp.files import atomic_writer

#: Rows an Excel sheet holds (a header row and 1,048,575 more).
EXCEL_MAX_ROWS = 1_048_575
#: First characters by which a spreadsheet takes a cell for a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Rows a sheet's column widths are fitted to (the rest of a streamed sheet is not held).
WIDTH_SAMPLE_ROWS = 200
MAX_COLUMN_WIDTH = 60

Row = Mapping[str, Any] | Sequence[Any]


def _values(row: Row, columns: Sequence[str]) -> list[Any]:
    if isinstance(row, Mapping):
        return [row.get(column, "") for column in columns]
    return list(row)


#: First characters that get a `'` in CSV: the formula starts, and the quote itself (so that the
#: escape can be undone exactly). The empty string is not among them.
_ESCAPED = frozenset((*FORMULA_STARTS, "'"))


def escape_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula (see the module); non-text as it is."""
    if isinstance(value, str) and value[:1] in _ESCAPED:
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """The text `escape_cell` was given."""
    return value[1:] if value.startswith("'") else value


class ExcelWriter:
    """`csv.writer` whose cells are escaped for spreadsheets (`escape_cell`)."""

    def __init__(self, handle: IO[str], lineterminator: str = "\r\n") -> None:
        self._writer = csv.writer(handle, lineterminator=lineterminator)

    def writerow(self, values: Iterable[Any]) -> None:
        # escape_cell, inlined: this runs once per cell of every batch file.
        self._writer.writerow(["'" + v if v.__class__ is str and v[:1] in _ESCAPED else v for v in values])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def write_csv_rows(handle: IO[str], columns: Sequence[str], rows: Iterable[Row], lineterminator: str = "\r\n") -> int:
    """Write a header and `rows` (dicts, by `columns`; or sequences in column order) to an open text
    handle, cells escaped for spreadsheets; the number of rows."""
    writer = ExcelWriter(handle, lineterminator=lineterminator)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(_values(row, columns))
        count += 1
    return count


def write_csv(
    path: str | os.PathLike[str], columns: Sequence[str], rows: Iterable[Row], bom: bool = True, lineterminator: str = "\r\n"
) -> int:
    """CSV for spreadsheets (UTF-8 with the byte-order mark unless `bom` is False; cells escaped),
    written atomically; the number of rows."""
    with atomic_writer(path, encoding="utf-8-sig" if bom else "utf-8") as handle:
        return write_csv_rows(handle, columns, rows, lineterminator)


def read_csv(path: str | os.PathLike[str]) -> Iterator[dict[str, str]]:
    """The rows of a CSV file this module wrote (with or without its mark), cells unescaped."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        columns = next(reader, [])
        for values in reader:
            yield dict(zip(columns, map(unescape_cell, values), strict=False))


@dataclass
class Sheet:
    """One sheet of a workbook: its name, columns and rows (streamed once)."""

    name: str
    columns: Sequence[str]
    rows: Iterable[Row]
    #: Rows written at most; a last row then says where the rest is (`whole`).
    limit: int = EXCEL_MAX_ROWS
    whole: str = ""
    #: Columns kept as text; in the others, strings that read as numbers become numbers.
    text_columns: frozenset[str] = field(default_factory=frozenset)
    #: Convert numeric-looking strings (rows read back from a CSV file) in non-text columns.
    numbers_from_text: bool = False


def write_workbook(path: str | os.PathLike[str], sheets: Sequence[Sheet]) -> None:
    """An XLSX workbook of `sheets`, streamed into a write-only workbook and written atomically:
    header rows frozen, columns as wide as their first rows, text never taken for a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for sheet in sheets:
        target = workbook.create_sheet(sheet.name)
        columns = list(sheet.columns)
        numeric = [sheet.numbers_from_text and name not in sheet.text_columns for name in columns]
        rows = iter(sheet.rows)
        first = [_values(row, columns) for row in islice(rows, min(WIDTH_SAMPLE_ROWS, sheet.limit))]
        for number, width in enumerate(_widths(columns, first), start=1):
            target.column_dimensions[get_column_letter(number)].width = width
        target.freeze_panes = "A2"
        target.append([_cell(target, name, WriteOnlyCell) for name in columns])
        for number, values in enumerate(chain(first, (_values(row, columns) for row in rows)), start=1):
            if number > sheet.limit:
                target.append([f"cut at {sheet.limit:,} rows: every row is in {sheet.whole}"])
                break
            converted = [_number(v) if wanted and isinstance(v, str) else v for v, wanted in zip(values, numeric, strict=False)] + values[len(numeric) :]
            target.append([_cell(target, v, WriteOnlyCell) for v in converted])
    with atomic_writer(path, "wb") as handle:
        workbook.save(handle)


def _cell(sheet: Any, value: Any, make: Any) -> Any:
    """`value` for a write-only sheet; a text a spreadsheet would take for a formula as a text cell
    (openpyxl would store `=…` as a formula; the others are stored as text already)."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        text = make(sheet, value=None)
        text.value, text.data_type = value, "s"
        return text
    return value


#: Characters that take two columns of a spreadsheet's default font (East Asian ones).
_WIDE = re.compile("[\u2e80-\U0010ffff]")


def _display_width(value: Any) -> int:
    text = "" if value is None else str(value)
    # The wide characters counted by one regular expression (in C), not one Python step per character.
    return len(text) + len(_WIDE.findall(text))


def _widths(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    widths = []
    for position, name in enumerate(columns):
        longest = max([_display_width(name), *(_display_width(row[position]) for row in rows if position < len(row))])
        widths.append(float(min(MAX_COLUMN_WIDTH, max(6, longest + 2))))
    return widths


def csv_sheet(name: str, path: Path, limit: int = EXCEL_MAX_ROWS, text_columns: frozenset[str] = frozenset()) -> tuple[Sheet, IO[str]]:
    """A sheet streamed from a CSV file written before (its header gives the columns; cells are
    unescaped, the workbook keeps text as text); and the open file, for the caller to close once
    the workbook is written."""
    handle = path.open(encoding="utf-8-sig", newline="")
    reader = csv.reader(handle)
    columns = next(reader, [])
    rows = ([unescape_cell(v) for v in values] for values in reader)
    return Sheet(name, columns, rows, limit=limit, whole=path.name, text_columns=text_columns, numbers_from_text=True), handle


def _number(value: str) -> Any:
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def write_table(path: str | os.PathLike[str], columns: Sequence[str], rows: Iterable[Row], sheet: str = "rows") -> int:
    """CSV (with BOM, for spreadsheet programs) or XLSX by the file's ending; the number of rows."""
    if Path(path).suffix.lower() == ".csv":
        return write_csv(path, columns, rows, bom=True)
    listed = list(rows)
    write_workbook(path, [Sheet(sheet, columns, listed)])
    return len(listed)


__all__ = [
    "EXCEL_MAX_ROWS", "FORMULA_STARTS", "ExcelWriter", "Sheet", "csv_sheet", "escape_cell", "read_csv",
    "unescape_cell", "write_csv", "write_csv_rows", "write_table", "write_workbook",
]  # fmt: skip
