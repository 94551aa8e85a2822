"""The workbooks `nlp.export.write_workbook` writes (`nlp.xlsx`): what openpyxl's write-only mode
wrote before, cell for cell, read back by openpyxl and pandas; valid zips; refused values."""

from __future__ import annotations

import decimal
import random
import zipfile
from itertools import islice

import openpyxl
import pandas as pd
import pytest

from nlp.export import FORMULA_STARTS, WIDTH_SAMPLE_ROWS, Sheet, _number, _values, _widths, write_workbook
from nlp.xlsx import MAX_CELL_CHARACTERS, XlsxError, column_letter

PIECES = ["政府信息公开", "abc", " ", "\r\n", "\n", "&", "<", ">", '"', "'", "=", "+", "-", "@", "\t", "1", "。", "（一）", "\u2e80", "\U0001f600"]


def _text(chooser: random.Random) -> str:
    return "".join(chooser.choice(PIECES) for _ in range(chooser.randint(0, 8)))


def _value(chooser: random.Random) -> object:
    kind = chooser.randrange(10)
    if kind == 0:
        return None
    if kind == 1:
        return chooser.randint(-(10**17), 10**17)
    if kind == 2:
        return chooser.choice([0.1, 1.0, -2.5, 1e-05, 123456.789, 1e300, float("nan"), float("inf"), 0.12345678901234567])
    if kind == 3:
        return chooser.choice([True, False])
    if kind == 4:
        return chooser.choice(["", "1", "2.5", "-3", "1e5", "nan", "007"])  # text that reads as a number
    if kind == 5:
        return decimal.Decimal("3.25")
    return _text(chooser)


def _openpyxl_write_only(path, sheets):
    """What write_workbook did up to this change (openpyxl's write-only mode), kept as the reference."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    def cell(sheet, value):
        if isinstance(value, str) and value[:1] in FORMULA_STARTS:
            text = WriteOnlyCell(sheet, value=None)
            text.value, text.data_type = value, "s"
            return text
        return value

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
        target.append([cell(target, name) for name in columns])
        for number, values in enumerate([*first, *(_values(row, columns) for row in rows)], start=1):
            if number > sheet.limit:
                target.append([f"cut at {sheet.limit:,} rows: every row is in {sheet.whole}"])
                break
            converted = [_number(v) if wanted and isinstance(v, str) else v for v, wanted in zip(values, numeric, strict=False)] + values[len(numeric) :]
            target.append([cell(target, v) for v in converted])
    workbook.save(path)


def _read(path) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    out: list[tuple] = [tuple(book.sheetnames)]
    for sheet in book.worksheets:
        out.append((sheet.title, sheet.freeze_panes, sheet.max_row, sheet.max_column, tuple(sorted((k, v.width) for k, v in sheet.column_dimensions.items()))))
        for row in sheet.iter_rows():
            for c in row:
                out.append((c.coordinate, c.value, c.data_type, c.number_format, c.font.name, c.font.sz, c.font.b, c.fill.fill_type, c.alignment.horizontal))
    return out


def _sheets(seed: int) -> list[Sheet]:
    chooser = random.Random(seed)
    columns = ["doc_id", "count", "text", "share"]
    rows = [[_value(chooser) for _ in columns] for _ in range(300)]  # beyond the width sample
    dicts = [dict(zip(columns, row, strict=True)) for row in rows[:50]]
    from_text = [["" if v is None else str(v) for v in row] for row in rows]  # as read back from a CSV file
    return [
        Sheet("plain", columns, rows),
        Sheet("dicts", columns, dicts, limit=20, whole="dicts.csv"),
        Sheet("from_csv", columns, from_text, text_columns=frozenset({"doc_id"}), numbers_from_text=True),
        Sheet("ragged", ["a"], [[1, 2, 3], [], ["x" * 40]]),
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_workbooks_read_back_as_openpyxl_wrote_them(tmp_path, seed):
    _openpyxl_write_only(tmp_path / "openpyxl.xlsx", _sheets(seed))
    write_workbook(tmp_path / "ours.xlsx", _sheets(seed))
    assert _read(tmp_path / "ours.xlsx") == _read(tmp_path / "openpyxl.xlsx")
    for sheet in ("plain", "dicts", "from_csv", "ragged"):
        ours, theirs = (pd.read_excel(tmp_path / name, sheet_name=sheet) for name in ("ours.xlsx", "openpyxl.xlsx"))
        pd.testing.assert_frame_equal(ours, theirs)


def test_texts_stay_texts_whole_up_to_a_cells_size(tmp_path):
    texts = ["=SUM(A1:A2)", "-3", "+x", "@a", "\tx", "\rx", " lead", "trail ", "a\r\nb", "&<>\"'", "#N/A", "#DIV/0!", "x" * (MAX_CELL_CHARACTERS + 10)]
    write_workbook(tmp_path / "t.xlsx", [Sheet("texts", ["text"], [[t] for t in texts])])
    cells = [c for (c,) in openpyxl.load_workbook(tmp_path / "t.xlsx")["texts"].iter_rows(min_row=2)]
    assert [c.value for c in cells] == [t[:MAX_CELL_CHARACTERS] for t in texts]
    assert {c.data_type for c in cells} == {"s"}  # a report's "#N/A" is its text, not an error cell
    with zipfile.ZipFile(tmp_path / "t.xlsx") as book:
        assert book.testzip() is None
        names = set(book.namelist())
    assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"} <= names


def test_a_value_a_worksheet_cannot_hold_is_refused_and_no_file_is_left(tmp_path):
    target = tmp_path / "bad.xlsx"
    with pytest.raises(XlsxError, match="control character"):
        write_workbook(target, [Sheet("s", ["text"], [["fine"], ["bell\x07"]])])
    with pytest.raises(XlsxError, match="cannot write"):
        write_workbook(target, [Sheet("s", ["value"], [[{"a": 1}]])])
    assert list(tmp_path.iterdir()) == []


def test_column_letters():
    assert [column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703, 16384)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]
