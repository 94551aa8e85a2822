"""The extractor and the checks on the real reports of ../shared, against their gold cells, and on
copies of the seeds with errors planted in them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import nlp
from nlp.tables.checks import FAIL, check_report, rule_failures
from nlp.tables.extract import read_tables
from tests.conftest import source_file


@cache
def _read(path: Path):
    report = nlp.read_report(path)
    return report, read_tables(report)


GOLD_DOCS = [
    "000_3fbb002993fdb7e6", "001_82d6f7fdece5d549", "002_8775b43b601402e9", "003_300c643672395d3d", "004_46deb1f51ba2e893",
    "huaian_2024", "sh_kewei_2024", "sh_office_2025", "shuyang_2025", "hongze_2023", "hongze_2024",
]


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_every_gold_cell_is_extracted_with_its_true_value(gold_tables, doc_id):
    gold = gold_tables[doc_id]
    report, extraction = _read(source_file(doc_id))
    ambiguous = {tuple(row) for row in gold.get("ambiguous_rows", [])}
    truth = {(c["table"], c["row"], c["col"]): c["value"] for c in gold["cells"]}
    got = {(c.table, c.row, c.col): c.value for c in extraction.cells}
    assert extraction.template == gold["template"]
    missing = sorted(k for k in truth if k not in got)
    wrong = sorted((k, truth[k], got[k]) for k in truth if k in got and got[k] != truth[k])
    invented = sorted(k for k in got if k not in truth and (k[0], k[1]) not in ambiguous)
    assert not missing and not wrong and not invented, (missing[:5], wrong[:5], invented[:5])
    # rows the gold calls ambiguous are left out, or extracted with a warning naming the row
    warned = {(w.table, w.row) for w in extraction.warnings}
    for table, row in ambiguous:
        assert not any(k[:2] == (table, row) for k in got) or (table, row) in warned


def test_seed_001_tables_lost_by_the_page_are_not_blamed_on_the_report():
    # only the tables' headings remain in the saved page: we cannot read them, the agency printed them
    report, extraction = _read(source_file("001_82d6f7fdece5d549"))
    findings = {f.id: f for f in check_report(report, extraction)}
    for table in ("active", "requests", "review_litigation"):
        assert (findings[f"tables.missing.{table}"].status, findings[f"tables.missing.{table}"].fault) == ("uncertain", "extraction")
    assert not extraction.cells


def test_seed_003_rows_with_six_numbers_for_seven_columns_are_left_out_and_warned():
    _, extraction = _read(source_file("003_300c643672395d3d"))
    assert set(extraction.unplaced_rows["requests"]) == {
        "new_received", "carried_over", "granted", "partially_granted", "denied_state_secret", "denied_prohibited",
    }
    assert all("6 numbers for 7 columns" in w.message for w in extraction.warnings if w.row in extraction.unplaced_rows["requests"])


@pytest.mark.parametrize("doc_id", ["002_8775b43b601402e9", "004_46deb1f51ba2e893", "huaian_2024", "shuyang_2025"])
def test_no_rule_fails_on_reports_whose_tables_and_narrative_agree(doc_id):
    report, extraction = _read(source_file(doc_id))
    findings = check_report(report, extraction)
    assert rule_failures(findings) == []
    assert sum(f.status == "pass" for f in findings) > 40


def test_seed_004_narrative_agrees_and_its_mixed_numbering_is_an_audit_finding():
    report, extraction = _read(source_file("004_46deb1f51ba2e893"))
    findings = {f.id: f for f in check_report(report, extraction)}
    assert [findings[f"narrative.{k}"].status for k in ("received", "handled", "carried_forward")] == ["pass"] * 3
    assert findings["audit.section_numbering"].status == FAIL and "mixed" in findings["audit.section_numbering"].message


def test_the_doubled_word_in_a_real_report_is_found():
    report, extraction = _read(source_file("sh_kewei_2024"))
    finding = next(f for f in check_report(report, extraction) if f.id == "audit.doubled_words")
    assert finding.status == FAIL and "资金资金" in finding.message


# --------------------------------------------------------------------------------------------
# Errors planted in copies of the seeds
# --------------------------------------------------------------------------------------------


def _planted(tmp_path: Path, doc_id: str, edit) -> list:
    source = source_file(doc_id)
    lines = source.read_text(encoding="utf-8").split("\n")
    edit(lines)
    copy = tmp_path / source.name
    copy.write_text("\n".join(lines), encoding="utf-8")
    return check_report(nlp.read_report(copy))


def _index(lines: list[str], start: str) -> int:
    return next(i for i, line in enumerate(lines) if line.strip().startswith(start))


def test_planted_changed_total_is_found(tmp_path):
    def edit(lines):  # 004, one cell per line: （七）总计 47→… its 总计 cell is the 7th number after the label
        row = _index(lines, "（七）总计")
        numbers = [i for i in range(row + 1, row + 12) if lines[i].strip().isdigit()][:7]
        lines[numbers[-1]] = lines[numbers[-1]].replace("38", "39")

    failed = {f.id for f in rule_failures(_planted(tmp_path, "004_46deb1f51ba2e893", edit))}
    assert {"requests.row_total.total_handled", "requests.balance.total", "requests.outcomes_total.total"} <= failed


def test_planted_changed_total_in_a_tab_table_is_found(tmp_path):
    def edit(lines):  # 002, tab rows, all zeros: (七) 总计 gets a total of 1
        row = _index(lines, "(七) 总计")
        cells = lines[row].rstrip("\t").split("\t")
        cells[-1] = "1"
        lines[row] = "\t".join(cells)

    failed = {f.id for f in rule_failures(_planted(tmp_path, "002_8775b43b601402e9", edit))}
    assert failed == {"requests.row_total.total_handled", "requests.balance.total", "requests.outcomes_total.total"}


def test_planted_swapped_columns_are_found(tmp_path):
    def edit(lines):  # 004: 本年新收 47 0 … becomes 0 47 …; table 四's 维持 and 总计 of 行政复议 swap
        row = _index(lines, "一、本年新收")
        lines[row + 1], lines[row + 2] = lines[row + 2], lines[row + 1]
        review = _index(lines, "结果维持")
        first = next(i for i in range(review, len(lines)) if lines[i].strip().isdigit())
        lines[first], lines[first + 4] = lines[first + 4], lines[first]

    failed = {f.id for f in rule_failures(_planted(tmp_path, "004_46deb1f51ba2e893", edit))}
    assert {"requests.balance.natural_person", "requests.balance.commercial_enterprise", "review_litigation.row_total.review"} <= failed
    assert "requests.row_total.new_received" not in failed  # the row still adds up


def test_planted_narrative_number_that_disagrees_is_found(tmp_path):
    def edit(lines):
        row = _index(lines, "2020年桃源街道收到依申请公开")
        lines[row] = lines[row].replace("收到依申请公开47件", "收到依申请公开57件")

    findings = {f.id: f for f in _planted(tmp_path, "004_46deb1f51ba2e893", edit)}
    assert findings["narrative.received"].status == FAIL and findings["narrative.received"].printed == 57
    assert findings["narrative.handled"].status == "pass"
