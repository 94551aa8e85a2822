"""`extract_tables` on reports written here: every layout, both templates, other agencies' wordings,
the file formats users have, and the repairs (blank, missing and extra numbers, cut-short and
missing tables, digit runs). The property that matters most: no value is ever wrong or invented."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest
from makers import write_docx, write_html, write_pdf
from table_samples import LAYOUTS, random_values, render_report

import nlp
from nlp.tables.extract import COLUMNS, read_tables


def cells_of(extraction) -> dict:
    return {(c.table, c.row, c.col): c.value for c in extraction.cells}


def assert_no_wrong_values(extraction, truth) -> None:
    got = cells_of(extraction)
    wrong = {k: (truth.get(k, "absent"), v) for k, v in got.items() if k not in truth or truth[k] != v}
    assert not wrong, f"wrong or invented cells: {list(wrong.items())[:5]}"


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("wording", [0, 1], ids=["template-wording", "other-wording"])
def test_every_layout_reads_every_cell(template, layout, wording):
    for seed in (1, 2):
        truth = random_values(template, seed * 7 + wording)
        text = render_report(template, truth, layout, wording)
        for source in (text, nlp.parse_text(text, doc_id="sample")):
            extraction = read_tables(source)
            assert extraction.template == template
            assert cells_of(extraction) == truth, [w.to_dict() for w in extraction.warnings][:3]
            assert not extraction.warnings


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_web_page_digit_runs_are_decoded_only_where_the_arithmetic_decides(template):
    decoded = 0
    for seed in range(6):
        truth = random_values(template, 100 + seed)
        extraction = read_tables(render_report(template, truth, "glued"))
        assert_no_wrong_values(extraction, truth)
        decoded += sum(1 for c in extraction.cells if extraction.how(c.table, c.row) == "decoded")
        # every row left out is said so, with its line
        placed_rows = {(c.table, c.row) for c in extraction.cells}
        left_out = {(k[0], k[1]) for k in truth} - placed_rows
        warned = {(w.table, w.row) for w in extraction.warnings} | {(t, r) for t, rows in extraction.unplaced_rows.items() for r in rows}
        assert all((t, r) in warned or any(w.table == t and w.row is None for w in extraction.warnings) for t, r in left_out)
    assert decoded > 100  # the table 三 and 四 runs mostly decode


@pytest.mark.parametrize("writer, options", [(write_docx, {}), (write_html, {}), (write_pdf, {"chars_per_line": 150})], ids=["docx", "html", "pdf"])
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_tables_read_from_docx_html_and_pdf_files(tmp_path, writer, options, template):
    truth = random_values(template, 41)
    path = writer(render_report(template, truth, "tab", wording=1), tmp_path / f"report.{writer.__name__[6:]}", **options)
    frame = nlp.extract_tables(nlp.read_report(path))
    assert list(frame.columns) == list(COLUMNS)
    assert set(frame["template"]) == {template}
    assert {(r.table, r.row, r.col): r.value for r in frame.itertuples()} == truth


def test_dataframe_shape_and_warning_attrs():
    truth = random_values("2021", 5)
    text = render_report("2021", truth, "tab").replace("\n行政强制\t", "\n行政强制\t9\t")  # an extra number
    frame = nlp.extract_tables(text)
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(truth) - 1  # the row with two numbers for one column is left out
    assert frame.attrs["warnings"] and frame.attrs["warnings"][0]["line"].startswith("行政强制")


# --------------------------------------------------------------------------------------------
# Repairs and refusals
# --------------------------------------------------------------------------------------------

TAB_2021 = render_report("2021", random_values("2021", 3), "tab")


def _replace_row(text: str, label: str, new_row: str) -> str:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(label))
    lines[index] = new_row
    return "\n".join(lines)


def test_blank_cells_are_null_cells():
    text = _replace_row(TAB_2021, "行政许可", "行政许可\t—")
    text = _replace_row(text, "2.重复申请", "2.重复申请\t/\t0\t0\t0\t0\t0\t无")
    extraction = read_tables(text)
    values = cells_of(extraction)
    assert values[("active", "licensing", "decisions")] is None
    assert [values[("requests", "not_processed_duplicate", c)] for c in ("natural_person", "commercial_enterprise", "total")] == [None, 0, None]


def test_a_row_with_a_missing_number_is_left_out_and_warned_with_its_line():
    text = _replace_row(TAB_2021, "2.重复申请", "2.重复申请\t5\t0\t0\t0\t0\t5")
    extraction = read_tables(text)
    assert not any(c.row == "not_processed_duplicate" for c in extraction.cells)
    warning = next(w for w in extraction.warnings if w.row == "not_processed_duplicate")
    assert "6 numbers for 7 columns" in warning.message and warning.line.startswith("2.重复申请")
    assert extraction.unplaced_rows["requests"] == ["not_processed_duplicate"]


def test_a_surplus_number_is_dropped_where_the_total_decides():
    text = _replace_row(TAB_2021, "2.重复申请", "2.重复申请\t5\t1\t0\t0\t0\t0\t6\t6")
    extraction = read_tables(text)
    row = extraction.rows("requests")["not_processed_duplicate"]
    assert row["natural_person"] == 5 and row["total"] == 6
    assert extraction.how("requests", "not_processed_duplicate") == "extra_dropped"


def test_decimals_thousands_and_full_width_digits():
    text = _replace_row(TAB_2021, "行政事业性收费", "行政事业性收费\t1,234.5678")
    text = _replace_row(text, "行政许可", "行政许可\t１２３４５")
    values = cells_of(read_tables(text))
    assert values[("active", "fees", "amount")] == pytest.approx(1234.5678)
    assert values[("active", "licensing", "decisions")] == 12345


def test_a_table_cut_short_gives_the_rows_it_has():
    lines = TAB_2021.split("\n")
    stop = next(i for i, line in enumerate(lines) if line.startswith("（四）无法提供"))
    resume = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    extraction = read_tables("\n".join(lines[:stop] + lines[resume:]))
    requests = extraction.rows("requests")
    assert "denied_admin_query" in requests and "unavailable_not_held" not in requests
    assert "review_litigation" not in {c.table for c in extraction.cells}


def test_a_report_without_tables_extracts_nothing():
    text = "某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
    extraction = read_tables(text)
    assert extraction.template is None and not extraction.cells
    assert extraction.titles == {"active", "requests"}


def test_narrative_numbers_are_never_read_as_cells():
    text = TAB_2021.replace(
        "二、主动公开政府信息情况",
        "二、主动公开政府信息情况\n全年主动公开规章 3 件、行政规范性文件 12 件，行政许可 4500 件，办结申请 30 件。",
    )
    assert cells_of(read_tables(text)) == cells_of(read_tables(TAB_2021))


def test_a_lost_table_title_does_not_lose_the_table():
    lines = TAB_2021.split("\n")
    text = "\n".join(line for line in lines if not line.startswith("三、收到和处理"))
    assert cells_of(read_tables(text)) == cells_of(read_tables(TAB_2021))


def test_loose_noted_cell_completes_its_row():
    text = TAB_2021.replace("第二十条第（一）项", "第二十条第（一）项\n5\n（其中修订2件）", 1)
    text = _replace_row(text, "规章", "规章\t0\t40")
    row = read_tables(text).rows("active")["regulations"]
    assert row == {"issued": 5, "repealed": 0, "in_force": 40}
    # without a note that names the column, the row is left out
    bare = _replace_row(TAB_2021.replace("第二十条第（一）项", "第二十条第（一）项\n5", 1), "规章", "规章\t0\t40")
    assert "regulations" not in read_tables(bare).rows("active")


def test_rows_printed_out_of_template_order_are_read_by_their_labels():
    lines = TAB_2021.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("（六）其他处理"))
    lines[first], lines[first + 1] = lines[first + 1], lines[first]  # （六）2 printed before （六）1
    second = next(i for i, line in enumerate(lines) if line.startswith("二、上年结转"))
    lines[second], lines[second + 1] = lines[second + 1], lines[second]  # 二 after 三（一）
    assert cells_of(read_tables("\n".join(lines))) == cells_of(read_tables(TAB_2021))


_VALUES_ONLY = re.compile(r"[\d.\-— ]+")


def test_disturbed_layouts_never_give_a_wrong_value():
    """Labels deleted, duplicated or swapped, stray numbers between rows: cells are lost, never wrong."""
    kept = total = 0
    for trial in range(120):
        rng = random.Random(trial)
        template, layout = rng.choice(["2019", "2021"]), rng.choice(LAYOUTS)
        truth = random_values(template, 500 + trial)
        lines = render_report(template, truth, layout, rng.randint(0, 1)).split("\n")
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(4, len(lines) - 4)
            if _VALUES_ONLY.fullmatch(lines[i].strip()):
                continue  # the printed numbers themselves stay as they are
            operation = rng.choice(["delete", "stray", "duplicate", "swap"])
            if operation == "delete":
                del lines[i]
            elif operation == "stray":
                lines.insert(i + rng.randint(0, 1), str(rng.randint(0, 50)))
            elif operation == "duplicate":
                lines.insert(i, lines[i])
            elif not _VALUES_ONLY.fullmatch(lines[i + 1].strip()) and not _VALUES_ONLY.fullmatch(lines[i - 1].strip()):
                lines[i], lines[i + 1] = lines[i + 1], lines[i]
        extraction = read_tables(lines)
        assert_no_wrong_values(extraction, truth)
        kept += len(extraction.cells)
        total += len(truth)
    assert kept / total > 0.9
