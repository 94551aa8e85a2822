"""Rows of a table printed without rules that leave cells blank: each number goes to the column it stands under
(`nlp.read.blankcells`). Lines written here with their words' places, as the PDF reader measures them."""

from __future__ import annotations

from nlp.read.blankcells import place_blank_cells
from nlp.read.pagegrid import TextLine

#: Where four columns' numbers stand (points, centred in 40-point cells from x = 200).
_COLUMNS = (220.0, 260.0, 300.0, 340.0)


def _row(label: str, cells: dict[int, str], top: float) -> TextLine:
    """A row: its label at the left, then numbers centred under the columns given."""
    fields = [(label, 60.0, 60.0 + 12 * len(label))] if label else []
    fields += [(value, _COLUMNS[column] - 3 * len(value), _COLUMNS[column] + 3 * len(value)) for column, value in sorted(cells.items())]
    text = " ".join(field[0] for field in fields)
    return TextLine(text, fields[0][1], fields[-1][2], top, 12.0, tuple(fields))


def _line(text: str, x0: float, x1: float, top: float) -> TextLine:
    return TextLine(text, x0, x1, top, 12.0)


def _full(label: str, top: float) -> TextLine:
    return _row(label, {0: "12", 1: "3", 2: "0", 3: "15"}, top)


def test_a_row_with_blank_cells_is_written_as_cells_under_their_columns():
    lines = [_full("一、新收", 100), _row("二、结转", {0: "1", 3: "1"}, 120), _full("（七）总计", 140)]
    out = place_blank_cells([lines])[0]
    assert out[1].text == "二、结转\t1\t\t\t1"
    assert out[0].text == lines[0].text and out[2].text == lines[2].text  # full rows stay as they are


def test_a_number_between_two_columns_leaves_its_row_as_it_is():
    lines = [_full("一、新收", 100), _full("二、结转", 120), _row("三、予以公开", {0: "5"}, 140)]
    between = TextLine("三、予以公开 5", 60, 283, 140, 12.0, (("三、予以公开", 60.0, 132.0), ("5", 277.0, 283.0)))
    out = place_blank_cells([[*lines[:2], between]])[0]
    assert out[2].text == "三、予以公开 5"


def test_one_full_row_does_not_place_a_table():
    lines = [_full("一、新收", 100), _row("二、结转", {0: "1", 3: "1"}, 120)]
    assert [line.text for line in place_blank_cells([lines])[0]] == [line.text for line in lines]


def test_a_header_reaching_into_the_columns_ends_a_table():
    lines = [
        _full("一、新收", 100),
        _full("二、结转", 120),
        _line("信息内容 本年处理决定数量", 60, 330, 140),
        _row("行政许可", {1: "7"}, 160),  # another table's one column, under a column of the table above
    ]
    assert place_blank_cells([lines])[0][3].text == "行政许可 7"


def test_a_table_broken_over_a_page_keeps_its_columns_on_the_next():
    first = [_full("一、新收", 100), _row("二、结转", {0: "1", 3: "1"}, 120), _full("（一）予以公开", 140), _line("数量", 60, 84, 152)]
    # Every row of the next page leaves the same cell blank: only the page before tells which.
    second = [_row("3.危及", {0: "0", 1: "0", 3: "0"}, 80), _line("安全", 60, 84, 92), _row("4.保护", {0: "2", 1: "0", 3: "2"}, 104)]
    out = place_blank_cells([first, second])
    assert out[1][0].text == "3.危及\t0\t0\t\t0" and out[1][2].text == "4.保护\t2\t0\t\t2"
    # The same rows under a header of their own are a table of their own.
    headed = [_line("信息内容 本年制发件数", 60, 330, 60), *second[:3]]
    assert place_blank_cells([first, headed])[1][1].text == second[0].text
