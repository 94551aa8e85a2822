"""Table 四 in a web page whose zero cells are left blank: the run of fifteen cells reaches the text as
`1\t\t\t\t1` once the line's trailing blanks are stripped. Where the table's other lines keep their leading
blanks (the merged header cells of `<table>` rows), the cut was at the end only, so the row is placed from
its first column and the cut cells are blank; the row's arithmetic must allow it. Where no line keeps a
leading blank, the same row could have lost blanks at either end and stays out, with a warning."""

from __future__ import annotations

import pytest
from table_samples import random_values

from nlp.read import read_bytes
from nlp.structure import parse_text
from nlp.tables.extract import read_tables
from nlp.tables.schema import REVIEW_COLUMNS

ROWS = ("review", "litigation_direct", "litigation_after_review")


def _page(values: dict) -> bytes:
    """Table 四 as agencies print it in HTML: merged header cells, every 0 left blank."""
    cells = "".join(f"<td>{values[(r, c)] or ''}</td>" for r in ROWS for c in REVIEW_COLUMNS)
    heads = "".join(f"<td>{h}</td>" for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    table = (
        "<table border='1'>"
        "<tr><td colspan='5' rowspan='2'>行政复议</td><td colspan='10'>行政诉讼</td></tr>"
        "<tr><td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>"
        f"<tr>{heads}{heads}{heads}</tr><tr>{cells}</tr></table>"
    )
    body = (
        "<p>一、总体情况</p><p>本机关全面推进政务公开工作。</p><p>四、政府信息公开行政复议、行政诉讼情况</p>"
        f"{table}<p>五、存在的主要问题及改进情况</p><p>一是公开不够及时。</p>"
    )
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode()


def _values(seed: int, zero_rows: tuple[str, ...]) -> dict:
    drawn = random_values("2021", seed)
    values = {(r, c): drawn[("review_litigation", r, c)] for r in ROWS for c in REVIEW_COLUMNS}
    for row in zero_rows:
        values.update({(row, c): 0 for c in REVIEW_COLUMNS})
    # at least one review upheld, so the row has a number to place
    values[("review", "upheld")] += 1
    values[("review", "total")] += 1
    return values


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("zero_rows", [("litigation_after_review",), ("litigation_direct", "litigation_after_review")])
def test_blank_cells_cut_at_the_end_of_table_fours_run_are_read_as_blank(seed, zero_rows):
    values = _values(seed, zero_rows)
    extraction = read_tables(parse_text(read_bytes(_page(values), "page.html")))
    read = {(row, col): value for (table, row, col), value in extraction.values().items() if table == "review_litigation"}
    printed = {key: value for key, value in values.items() if value}
    assert printed and all(read.get(key) == value for key, value in printed.items()), (printed, read)
    # a zero left blank is blank (null as printed), never another number
    assert all(read.get(key) in (None, 0) for key, value in values.items() if not value)


def test_without_leading_blanks_kept_a_short_run_is_not_guessed():
    values = _values(3, ("litigation_after_review",))
    cells = "\t".join(str(values[(r, c)] or "") for r in ROWS for c in REVIEW_COLUMNS).strip("\t")
    text = (
        "一、总体情况\n本机关全面推进政务公开工作。\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n"
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n" + cells + "\n五、存在的主要问题及改进情况\n一是公开不够及时。\n"
    )
    extraction = read_tables(parse_text(text))
    read = {key: value for key, value in extraction.values().items() if key[0] == "review_litigation" and value is not None}
    # either left out with a warning, or, where the row was whole, read right: never a value in the wrong cell
    assert all(values[(row, col)] == value for (_, row, col), value in read.items())
    assert read or any(w.table == "review_litigation" for w in extraction.warnings)
