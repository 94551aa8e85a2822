"""Rows printed with every cell blank (`nlp.tables.blankrows`): read as blank cells where the layout shows
them empty, left out (warned) where a label alone is no evidence.

Damage from the shared gold (`tests.damage_blanks`: zeros of whole rows, whole columns or whole tables
printed as empty cells, in tab-separated text, in text whose empty cells were collapsed, and in HTML with
empty `<td>`s), and tables written here.
"""

from __future__ import annotations

import pytest

from nlp.findings import EXTRACTION, FAIL, REPORT, UNCERTAIN
from nlp.read import read_text
from nlp.structure import parse_text
from nlp.tables.blankrows import BLANK_CELLS, BLANK_COLLAPSED
from nlp.tables.checks import blamed_on_report, check_report
from nlp.tables.extract import read_tables
from tests.damage_blanks import SCOPES, blank_html, blank_text, blanked_cells, blanked_gold
from tests.table_layouts import cell_outcomes

GOLD_DOCS = (
    "000_3fbb002993fdb7e6", "002_8775b43b601402e9", "003_300c643672395d3d", "004_46deb1f51ba2e893", "huaian_2024",
    "sh_kewei_2024", "sh_office_2025", "shuyang_2025", "hongze_2023", "hongze_2024",
)


def _read(gold: dict, scope: str, layout: str, tmp_path):
    if layout == "html":
        text = read_text(blank_html(gold, scope, tmp_path / f"{gold['doc_id']}.html"))
    else:
        text = blank_text(gold, scope, layout)
    report = parse_text(text)
    extraction = read_tables(report)
    return extraction, check_report(report, extraction)


def _blamed(findings) -> set[str]:
    return {f.id for f in blamed_on_report(findings)}


@pytest.mark.parametrize("layout", ["tabs", "collapsed", "html"])
@pytest.mark.parametrize("scope", SCOPES)
def test_blank_zeros_of_the_gold_never_give_a_wrong_cell_nor_a_new_blame(gold_tables, scope, layout, tmp_path):
    for doc_id in GOLD_DOCS:
        gold = gold_tables[doc_id]
        extraction, findings = _read(gold, scope, layout, tmp_path)
        counts, bad = cell_outcomes(blanked_gold(gold, scope), extraction)
        assert counts["wrong"] == 0 and counts["invented"] == 0, (doc_id, bad[:5])
        _, printed = _read(gold, "none", layout, tmp_path)
        assert _blamed(findings) <= _blamed(printed), doc_id


@pytest.mark.parametrize("layout", ["tabs", "html"])
def test_rows_whose_empty_cells_stand_on_their_line_are_read_blank(gold_tables, layout, tmp_path):
    """Every row the gold has all zero, printed with its empty cells, comes back as blank cells read as printed."""
    read_blank = 0
    for doc_id in GOLD_DOCS:
        gold = gold_tables[doc_id]
        blank_rows = {key[:2] for key in blanked_cells(gold, "rows")} - {("review_litigation", r) for r in ("review", "litigation_direct", "litigation_after_review")}
        if not blank_rows or len(blank_rows) == len({(c["table"], c["row"]) for c in gold["cells"] if c["table"] != "review_litigation"}):
            continue  # a report all zero prints no number at all: see the next test
        extraction, _ = _read(gold, "rows", layout, tmp_path)
        for table, row in blank_rows:
            assert extraction.how(table, row) == BLANK_CELLS, (doc_id, table, row)
            assert all(v is None for (t, r, _), v in extraction.values().items() if (t, r) == (table, row))
            read_blank += 1
    assert read_blank > 30  # the damage made many such rows (else the test proves nothing)


def test_a_deliberate_error_is_still_caught_where_the_blanks_stand_on_the_lines(gold_tables, tmp_path):
    gold = gold_tables["hongze_2024"]
    cells = [{**c, "value": c["value"] + 7} if (c["table"], c["row"], c["col"]) == ("requests", "new_received", "total") else c for c in gold["cells"]]
    for layout in ("tabs", "html"):
        _, findings = _read({**gold, "cells": cells}, "table", layout, tmp_path)
        assert any(i.startswith("requests.") for i in _blamed(findings)), layout


# --------------------------------------------------------------------------------------------
# Tables written here: table 二 of a 2021 report, one row a line
# --------------------------------------------------------------------------------------------

HEAD = "某某局2023年政府信息公开工作年度报告\n一、总体情况\n本局认真落实条例，稳步推进各项工作，全年公开信息一百余条。\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
TAIL = "三、收到和处理政府信息公开申请情况\n本局全年未收到申请。\n"


def _active(body: str, tail: str = TAIL):
    extraction = read_tables(parse_text(HEAD + body + tail))
    return extraction, extraction.rows("active")


def test_a_label_alone_between_rows_read_on_their_lines_is_a_blank_row():
    body = "规章 1 0 3\n行政规范性文件\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 12\n"
    extraction, rows = _active(body)
    assert rows["normative_documents"] == {"issued": None, "repealed": None, "in_force": None}
    assert extraction.how("active", "normative_documents") == BLANK_COLLAPSED
    assert rows["regulations"] == {"issued": 1, "repealed": 0, "in_force": 3}


def test_a_label_alone_at_the_end_of_a_table_followed_by_the_next_title_is_a_blank_row():
    body = "规章 1 0 3\n行政规范性文件 2 0 5\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 12\n第二十条第（六）项\n信息内容 本年处理决定数量\n行政处罚 4\n行政强制\n"
    _, rows = _active(body)
    assert rows["coercion"] == {"decisions": None}


def test_a_table_cut_short_keeps_its_last_label_left_out():
    """The text ends (or prose follows) right after the label: the numbers may have been lost with the rest."""
    body = "规章 1 0 3\n行政规范性文件 2 0 5\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 12\n第二十条第（六）项\n信息内容 本年处理决定数量\n行政处罚 4\n行政强制\n"
    extraction, rows = _active(body, tail="")
    assert "coercion" not in rows
    assert "coercion" in extraction.unplaced_rows["active"]


def test_a_label_alone_where_numbers_stand_on_lines_of_their_own_is_no_evidence():
    """Labels over their numbers (a PDF, a .docx): the label alone is every row's shape, not a blank row."""
    body = "规章\n1 0 3\n行政规范性文件\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可\n12\n"
    extraction, rows = _active(body)
    assert "normative_documents" not in rows
    assert any(w.row == "normative_documents" for w in extraction.warnings)


def test_a_label_alone_next_to_numbers_no_row_took_is_no_evidence():
    body = "规章 1 0 3\n行政规范性文件\n2 0 5 7\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 12\n"
    _, rows = _active(body)
    assert "normative_documents" not in rows


def test_a_blank_row_with_its_empty_cells_shown_is_read_as_printed():
    body = "规章\t1\t0\t3\n行政规范性文件\t\t\t\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t12\n"
    extraction, rows = _active(body)
    assert rows["normative_documents"] == {"issued": None, "repealed": None, "in_force": None}
    assert extraction.how("active", "normative_documents") == BLANK_CELLS
    assert not extraction.repaired("active", "normative_documents")


def test_a_label_with_too_few_empty_cells_is_not_a_blank_row():
    """One empty cell for three columns: the label may span it, and the numbers are elsewhere or lost."""
    body = "规章\t1\t0\t3\n行政规范性文件\t\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t12\n"
    extraction, rows = _active(body)
    assert "normative_documents" not in rows


def _invented_gold(handled_total: int = 5) -> dict:
    """A 2021 report's cells written here: 5 requests, 3 granted, 2 denied as secrets; everything else zero."""
    from nlp.tables.schema import REQUEST_COLUMNS, get_template

    template = get_template("2021")
    figures = {"new_received": 5, "granted": 3, "denied_state_secret": 2, "total_handled": handled_total}
    cells = []
    for table in ("active", "requests", "review_litigation"):
        for row in template.table(table).rows:
            for col in row.columns:
                value = figures.get(row.key, 0) if table == "requests" and col in (REQUEST_COLUMNS[0], "total") else 0
                cells.append({"table": table, "row": row.key, "col": col, "value": value})
    return {"doc_id": "invented", "template": "2021", "year": 2023, "cells": cells}


def test_an_arithmetic_failure_over_a_collapsed_blank_row_is_not_the_reports_fault(tmp_path):
    """A row read blank from its label alone may have lost its numbers: a failure over it is uncertain, while
    the same table with its empty cells shown is the report's fault."""
    extraction, findings = _read(_invented_gold(), "rows", "collapsed", tmp_path)
    assert extraction.how("requests", "partially_granted") == BLANK_COLLAPSED
    assert not [f for f in findings if f.id.startswith("requests.") and f.status == FAIL]
    _, findings = _read(_invented_gold(handled_total=6), "rows", "collapsed", tmp_path)
    outcome = next(f for f in findings if f.id == "requests.outcomes_total.total")
    assert outcome.status == UNCERTAIN and outcome.fault == EXTRACTION
    _, findings = _read(_invented_gold(handled_total=6), "rows", "tabs", tmp_path)
    outcome = next(f for f in findings if f.id == "requests.outcomes_total.total")
    assert outcome.status == FAIL and outcome.fault == REPORT


# --------------------------------------------------------------------------------------------
# The gold, collapsed, then damaged further: where a label alone is no evidence
# --------------------------------------------------------------------------------------------


def _numbered_row_lines(text: str) -> list[int]:
    """Lines of table rows holding a label and numbers (`规章 1 0 3`)."""
    import re

    return [i for i, line in enumerate(text.split("\n")) if re.match(r"^\S.*?[\u4e00-\u9fff）)”]\s+\d", line)]


def test_a_rows_numbers_broken_onto_the_next_line_never_make_a_blank_row(gold_tables):
    """The line break between a label and its numbers: the label alone is followed by bare numbers. The row is
    never read blank (its figures would be wrong cells), nor any other cell wrong."""
    checked = 0
    for doc_id in GOLD_DOCS:
        gold = gold_tables[doc_id]
        text = blank_text(gold, "rows", "collapsed")
        for index in _numbered_row_lines(text)[1::4]:
            lines = text.split("\n")
            label, _, numbers = lines[index].partition(" ")
            lines[index] = f"{label}\n{numbers}"
            extraction = read_tables(parse_text("\n".join(lines)))
            counts, bad = cell_outcomes(blanked_gold(gold, "rows"), extraction)
            assert counts["wrong"] == 0 and counts["invented"] == 0, (doc_id, index, bad[:3])
            checked += 1
    assert checked > 20


def test_a_table_cut_short_after_a_blank_label_keeps_it_left_out(gold_tables):
    """The text ends (or prose follows) right after a blank row's label at the end of what is left."""
    checked = 0
    for doc_id in GOLD_DOCS:
        gold = gold_tables[doc_id]
        text = blank_text(gold, "rows", "collapsed")
        blank = {key[1] for key in blanked_cells(gold, "rows") if key[0] == "requests"}
        lines = text.split("\n")
        for cut, line in enumerate(lines):
            rows = [row for row in blank if _names(line, row)]
            if not rows:
                continue
            for tail in ("", "以上数据截至12月31日，如有出入以年报正式文本为准。"):
                extraction = read_tables(parse_text("\n".join([*lines[: cut + 1], tail])))
                assert extraction.how("requests", rows[0]) is None, (doc_id, rows[0], tail)
                assert not [c for c in extraction.cells if c.row == rows[0]], (doc_id, rows[0])
                checked += 1
            break
    assert checked >= 4


def _names(line: str, row: str) -> bool:
    from nlp.tables.schema import STRONG, compact, get_template

    if any(ch.isdigit() for ch in line.split("）")[-1].split(".")[-1]):
        return False
    found = get_template("2021").table("requests").with_variants()
    from nlp.tables.schema import match_rows

    strong = [r for r, s in match_rows(found, compact(line)).items() if s == STRONG]
    return strong == [row]

