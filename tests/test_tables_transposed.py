"""Table 三 printed transposed: applicant types as rows, request stages as columns (`nlp.tables.transposed`).

The damage is made from the shared gold (`tests.table_layouts.requests_transposed_layout`: every report whose table
三 has all its stages, 2021 and 2019 forms, the 2021 tables that kept the one-row 其他处理 too), written as tab rows,
space-aligned rows, an HTML page and a Word file, with one header row or two: every gold cell must come back right,
none invented, and the report not blamed on table 三. A transposed table whose figures or header do not fit one reading is left
out with a warning on each of its rows, never read wrong. Set AH's development reports AH05 and AH09 print it so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import nlp
from nlp.tables.checks import blamed_on_report, check_report, rule_failures
from nlp.tables.extract import read_tables
from nlp.tables.schema import get_template
from nlp.tables.transposed import TRANSPOSED
from tests.authored_sets import report_number
from tests.table_layouts import (
    GOLD_OUTCOMES,
    cell_outcomes,
    parts_text,
    report_parts,
    requests_transposed_layout,
    write_docx_parts,
    write_html_parts,
)

AH = Path(__file__).parent / "gold" / "authored_ah"

#: Each form of the damage: (how the report is written, header rows).
FORMS = {
    "tabs": ("tabs", True),
    "tabs_one_header_row": ("tabs", False),
    "spaces": ("spaces", True),
    "spaces_one_header_row": ("spaces", False),
    "html": ("html", True),
    "html_one_header_row": ("html", False),
    "docx": ("docx", True),
}


def _transposed(gold_tables: dict) -> list[tuple[str, dict]]:
    items = [(doc_id, gold) for doc_id, gold in sorted(gold_tables.items()) if requests_transposed_layout(gold)]
    assert len(items) >= 5, "the shared gold should hold five reports or more whose table 三 has every stage"
    return items


def _parts(gold: dict, two_level: bool) -> list:
    return report_parts(gold, lambda g: requests_transposed_layout(g, two_level))


def _write(parts: list, how: str, path: Path) -> Path:
    if how == "html":
        return write_html_parts(parts, path.with_suffix(".html"))
    if how == "docx":
        return write_docx_parts(parts, path.with_suffix(".docx"))
    path = path.with_suffix(".txt")
    path.write_text(parts_text(parts, how), encoding="utf-8")
    return path


def _read(path: Path):
    """The report's tables, and the failures the checks blame on the report that involve table 三 (a gold report may
    print an error of its own in table 四: hongze_2023's totals)."""
    report = nlp.read_report(path)
    extraction = read_tables(report)
    blamed = blamed_on_report(rule_failures(check_report(report, extraction)))
    return extraction, [f for f in blamed if f.id.startswith("requests") or any(c.get("table") == "requests" for c in f.cells)]


@pytest.mark.parametrize("form", tuple(FORMS))
def test_every_gold_cell_is_read_from_a_transposed_table_three(form, gold_tables, tmp_path):
    how, two_level = FORMS[form]
    templates = set()
    for doc_id, gold in _transposed(gold_tables):
        extraction, blamed = _read(_write(_parts(gold, two_level), how, tmp_path / doc_id))
        counts, bad = cell_outcomes(gold, extraction)
        cells = sum(counts[o] for o in GOLD_OUTCOMES)
        assert counts["right"] == cells and counts["invented"] == 0, (doc_id, counts, bad[:6])
        assert not blamed, (doc_id, [f.message for f in blamed][:3])
        read = {row for (table, row), placed in extraction.placements.items() if table == "requests" and placed == TRANSPOSED}
        assert read == {c["row"] for c in gold["cells"] if c["table"] == "requests"}, doc_id
        templates.add((gold["template"], "other_handling" in read))
    # the 2021 form, and the one-row 其他处理 (2019, or kept in a 2021 table), are both met
    assert ("2021", False) in templates and any(one_row for _, one_row in templates)


# --------------------------------------------------------------------------------------------
# What does not fit one reading is left out with a warning
# --------------------------------------------------------------------------------------------


def _table_three_lines(text: str) -> tuple[list[str], int, int]:
    """The report's lines, and where its table 三's header and its 总计 row stand."""
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("申请人情况"))
    total = next(i for i, line in enumerate(lines) if i > header and line.startswith("总计"))
    return lines, header, total


def _left_out(gold: dict, text: str, tmp_path: Path, name: str) -> None:
    """Table 三 gives no cell and each of its rows is warned of; tables 二 and 四 are read as ever."""
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    extraction, _ = _read(path)
    assert not [c for c in extraction.cells if c.table == "requests"], name
    warned = {w.row for w in extraction.warnings if w.table == "requests" and "transposed" in w.message}
    expected = set(get_template(gold["template"]).table("requests").row_keys)
    assert expected <= warned, (name, expected - warned)
    counts, bad = cell_outcomes(gold, extraction)
    assert counts["wrong"] == counts["invented"] == counts["silent"] == 0, (name, bad[:6])
    assert counts["warned"] == sum(1 for c in gold["cells"] if c["table"] == "requests"), name


def test_a_row_one_figure_short_leaves_the_table_out(gold_tables, tmp_path):
    for doc_id, gold in _transposed(gold_tables):
        lines, header, total = _table_three_lines(parts_text(_parts(gold, True), "tabs"))
        row = total - 3  # 社会公益组织 … or any applicant row: its last figure lost
        lines[row] = lines[row].rsplit("\t", 1)[0]
        _left_out(gold, "\n".join(lines), tmp_path, f"{doc_id}_short")


def test_a_row_one_figure_long_leaves_the_table_out(gold_tables, tmp_path):
    for doc_id, gold in _transposed(gold_tables):
        lines, header, total = _table_three_lines(parts_text(_parts(gold, False), "tabs"))
        lines[total - 1] += "\t0"
        _left_out(gold, "\n".join(lines), tmp_path, f"{doc_id}_long")


@pytest.mark.parametrize("two_level", (True, False))
def test_a_header_in_another_order_leaves_the_table_out(two_level, gold_tables, tmp_path):
    for doc_id, gold in _transposed(gold_tables):
        text = parts_text(_parts(gold, two_level), "tabs")
        lines, header, _ = _table_three_lines(text)
        # two stages' headings swapped, their figures not: 予以公开 and 部分公开, or 本年新收 and 上年结转
        first, second = ("（一）予以公开", "（二）部分公开") if two_level else ("一、本年新收", "二、上年结转")
        at = header + 1 if two_level else header
        swapped = lines[at].replace(first, "\0").replace(second, first).replace("\0", second)
        assert swapped != lines[at]
        lines[at] = swapped
        _left_out(gold, "\n".join(lines), tmp_path, f"{doc_id}_swapped")


def test_without_a_header_the_arithmetic_confirms_the_order(gold_tables, tmp_path):
    """No header names the stages: the table is read where its arithmetic holds on the template's order, and left
    out where two stages' figures are swapped and the sums no longer hold."""
    for doc_id, gold in _transposed(gold_tables):
        lines, header, total = _table_three_lines(parts_text(_parts(gold, True), "tabs"))
        bare = lines[:header] + lines[header + 2 :]
        path = tmp_path / f"{doc_id}_bare.txt"
        path.write_text("\n".join(bare), encoding="utf-8")
        extraction, blamed = _read(path)
        counts, bad = cell_outcomes(gold, extraction)
        assert counts["right"] == sum(counts[o] for o in GOLD_OUTCOMES) and counts["invented"] == 0, (doc_id, bad[:6])
        assert not blamed, doc_id
    # the first report whose received and handled totals differ: swapping them breaks rules 2 and 3
    for doc_id, gold in _transposed(gold_tables):
        lines, header, total = _table_three_lines(parts_text(_parts(gold, True), "tabs"))
        rows = [line.split("\t") for line in lines[header + 2 : total + 1]]
        if all(row[2] == row[-2] for row in rows):
            continue
        for row in rows:
            row[2], row[-2] = row[-2], row[2]  # 本年新收 and （七）总计
        bare = lines[:header] + ["\t".join(row) for row in rows] + lines[total + 1 :]
        _left_out(gold, "\n".join(bare), tmp_path, f"{doc_id}_bare_swapped")
        break
    else:
        pytest.fail("no gold report whose received and handled totals differ")


def test_numbers_outside_the_applicant_rows_leave_the_table_out(gold_tables, tmp_path):
    doc_id, gold = _transposed(gold_tables)[0]
    lines, _, total = _table_three_lines(parts_text(_parts(gold, True), "tabs"))
    lines.insert(total, "\t".join(["小计", "", *lines[total].split("\t")[2:]]))
    _left_out(gold, "\n".join(lines), tmp_path, f"{doc_id}_subtotal")


def test_a_printed_error_in_a_transposed_table_is_blamed_as_in_the_template_layout(gold_tables, tmp_path):
    """Cells read from a transposed table are as printed: a wrong 总计 there is the report's, as it is in the
    template's layout."""
    doc_id, gold = _transposed(gold_tables)[0]
    lines, header, total = _table_three_lines(parts_text(_parts(gold, True), "tabs"))
    cells = lines[total].split("\t")
    cells[2] = str(int(cells[2]) + 1)  # 总计's 本年新收: no longer the sum of the applicants
    lines[total] = "\t".join(cells)
    path = tmp_path / "error.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    extraction, blamed = _read(path)
    assert extraction.values()[("requests", "new_received", "total")] == int(cells[2])
    assert blamed


# --------------------------------------------------------------------------------------------
# Set AH's development reports (odd numbers only: the held ones are scored by the lead)
# --------------------------------------------------------------------------------------------


def _ah_gold(doc_id: str) -> dict:
    assert report_number(doc_id) % 2 == 1, "only the development (odd) reports of set AH are read here"
    with (AH / "tables.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line) if line.strip() else {}
            if record.get("doc_id") == doc_id:
                return record
    raise AssertionError(f"no gold for {doc_id}")


@pytest.mark.parametrize("doc_id", ("AH05", "AH09"))
def test_set_ah_transposed_tables_are_read(doc_id):
    gold = _ah_gold(doc_id)
    extraction, blamed = _read(AH / f"{doc_id}.html")
    counts, bad = cell_outcomes(gold, extraction)
    assert counts["right"] == sum(counts[o] for o in GOLD_OUTCOMES) and counts["invented"] == 0, (counts, bad[:6])
    assert extraction.how("requests", "new_received") == TRANSPOSED
    assert not blamed


def test_numbers_above_the_header_are_warned_of_and_the_table_read(gold_tables, tmp_path):
    """A line with numbers between the title and the header (the statistics' period) is no cell: said so, and the
    applicant rows below read as ever."""
    doc_id, gold = _transposed(gold_tables)[0]
    lines, header, _ = _table_three_lines(parts_text(_parts(gold, True), "tabs"))
    lines.insert(header, "统计年度\t2023")
    path = tmp_path / "period.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    extraction, blamed = _read(path)
    counts, bad = cell_outcomes(gold, extraction)
    assert counts["right"] == sum(counts[o] for o in GOLD_OUTCOMES) and counts["invented"] == 0, (counts, bad[:6])
    assert any(w.table == "requests" and "统计年度" in w.line and not w.row for w in extraction.warnings)
    assert not blamed
