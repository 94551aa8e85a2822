"""Every table the package writes for people: CSV and XLSX, atomically, one writer each.

Commands pass rows (dicts or sequences) and their columns; a workbook is a list of `Sheet`s whose
rows may be streamed (a CSV file read back, a generator), so a batch of any size is written without
holding it. Numbers stay numbers in a workbook but in the columns named as text (ids that look like
numbers: doc_id "001", row "1").
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from nlp.files import atomic_writer

#: Rows an Excel sheet holds (a header row and 1,048,575 more).
EXCEL_MAX_ROWS = 1_048_575

Row = Mapping[str, Any] | Sequence[Any]


def _values(row: Row, columns: Sequence[str]) -> list[Any]:
    if isinstance(row, Mapping):
        return [row.get(column, "") for column in columns]
    return list(row)


def write_csv_rows(handle: IO[str], columns: Sequence[str], rows: Iterable[Row], lineterminator: str = "\r\n") -> int:
    """Write a header and `rows` (dicts, by `columns`; or sequences in column order) to an open text
    handle; the number of rows."""
    writer = csv.writer(handle, lineterminator=lineterminator)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(_values(row, columns))
        count += 1
    return count


def write_csv(
    path: str | os.PathLike[str], columns: Sequence[str], rows: Iterable[Row], bom: bool = False, lineterminator: str = "\r\n"
) -> int:
    """CSV (UTF-8; with `bom`, with the byte-order mark spreadsheet programs need to read Chinese),
    written atomically; the number of rows."""
    with atomic_writer(path, encoding="utf-8-sig" if bom else "utf-8") as handle:
        return write_csv_rows(handle, columns, rows, lineterminator)


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
    """An XLSX workbook of `sheets`, streamed into a write-only workbook and written atomically."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet in sheets:
        target = workbook.create_sheet(sheet.name)
        columns = list(sheet.columns)
        target.append(columns)
        numeric = [sheet.numbers_from_text and name not in sheet.text_columns for name in columns]
        for number, row in enumerate(sheet.rows, start=1):
            if number > sheet.limit:
                target.append([f"cut at {sheet.limit:,} rows: every row is in {sheet.whole}"])
                break
            values = _values(row, columns)
            target.append([_number(v) if wanted and isinstance(v, str) else v for v, wanted in zip(values, numeric, strict=False)] + values[len(numeric) :])
    with atomic_writer(path, "wb") as handle:
        workbook.save(handle)


def csv_sheet(name: str, path: Path, limit: int = EXCEL_MAX_ROWS, text_columns: frozenset[str] = frozenset()) -> tuple[Sheet, IO[str]]:
    """A sheet streamed from a CSV file written before (its header gives the columns); and the open
    file, for the caller to close once the workbook is written."""
    handle = path.open(encoding="utf-8", newline="")
    reader = csv.reader(handle)
    columns = next(reader, [])
    return Sheet(name, columns, reader, limit=limit, whole=path.name, text_columns=text_columns, numbers_from_text=True), handle


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


__all__ = ["EXCEL_MAX_ROWS", "Sheet", "csv_sheet", "write_csv", "write_csv_rows", "write_table", "write_workbook"]
