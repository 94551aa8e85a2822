"""Findings that are fair to the agency: `fail` (the report's fault) only on plain evidence.

Every gold report of ../shared is damaged here the way converters and crawlers damage text, and
the findings on the damaged copy are compared with what the damage did:

* the tables' numbers lost while titles and labels stay → `uncertain`, `fault="extraction"`,
  with what was seen and where; never `fail`;
* a table truly removed (title, rows and all) → `fail`, `fault="report"`;
* one printed cell changed so a rule breaks → still `fail`, `fault="report"`;
* a stretch of text lost between two tables → the rows and the numbering gap are not blamed;
* a section heading glued into prose, a word doubled only by a line break → not blamed.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

import nlp
from nlp.findings import EXTRACTION, FAIL, NOT_ASSESSABLE, PASS, REPORT, UNCERTAIN, Fault, FindingStatus
from nlp.report import Finding
from nlp.structure import heading_candidate
from nlp.tables.checks import check_report, rule_failures
from nlp.tables.extract import read_tables, report_lines
from nlp.tables.layout import is_prose_text
from tests.conftest import SHARED

GOLD_DOCS = [
    "002_8775b43b601402e9", "004_46deb1f51ba2e893", "huaian_2024", "hongze_2023", "hongze_2024",
    "sh_kewei_2024", "sh_office_2025", "shuyang_2025",
]
TITLE_WORDS = {
    "active": r"主动公开政府信息(?:的)?情况",
    "requests": r"收到和处理政府信息公开申请",
    "review_litigation": r"行政复议.{0,3}行政诉讼",
}


def _gold(doc_id: str) -> dict:
    for name in ("seed_tables.jsonl", "reports_tables.jsonl"):
        path = SHARED / "gold" / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and json.loads(line)["doc_id"] == doc_id:
                    return json.loads(line)
    pytest.skip(f"no gold for {doc_id} in ../shared/gold")


@cache
def clean_lines(doc_id: str) -> tuple[str, ...]:
    """The report's clean lines, provided that reading them back gives every gold cell (the damage
    below is measured against a reading that was right to begin with)."""
    paths = [p for folder in ("seeds", "reports") for p in sorted((SHARED / folder).glob(f"{doc_id}.*"))]
    if not paths:
        pytest.skip(f"no source file for {doc_id} in ../shared")
    lines = tuple(report_lines(nlp.read_report(paths[0])))
    gold = _gold(doc_id)
    got = {(c.table, c.row, c.col): c.value for c in read_tables(_parse(lines)).cells}
    truth = {(c["table"], c["row"], c["col"]): c["value"] for c in gold["cells"]}
    if any(got.get(k, "missing") != v for k, v in truth.items()):
        pytest.skip(f"{doc_id}: its clean text does not read to its gold cells on this branch (extraction, not findings)")
    return lines


def _parse(lines) -> nlp.Report:
    return nlp.parse_text("\n".join(lines), doc_id="damaged")


def findings_of(lines) -> dict[str, Finding]:
    return {f.id: f for f in check_report(_parse(lines))}


def _is_heading(line: str) -> bool:
    candidate = heading_candidate(line, 0)
    return candidate is not None and candidate.key is not None


def _first(lines, pattern: str, start: int = 0, short: bool = True) -> int:
    """The first line from `start` that matches: a short, non-prose line (a title or a table row)."""
    for i in range(start, len(lines)):
        if re.search(pattern, lines[i]) and not is_prose_text(lines[i]) and (not short or len(lines[i]) <= 60):
            return i
    pytest.skip(f"no line {pattern} in this report")


def _tables_span(lines) -> tuple[int, int]:
    """From the first table title to the heading of section 五."""
    start = _first(lines, "|".join(TITLE_WORDS.values()))
    end = _first(lines, r"存在的?主要问题", start)
    return start, end


# --------------------------------------------------------------------------------------------
# The types
# --------------------------------------------------------------------------------------------


def test_status_and_fault_are_plain_strings_to_the_outside():
    finding = Finding("x", "rule", "fail", "m", fault="report")
    assert finding.status is FindingStatus.FAIL and finding.fault is Fault.REPORT
    assert json.dumps(finding.to_dict())  # no enum leaks into JSON
    assert finding.to_dict()["status"] == "fail" and type(finding.to_dict()["status"]) is str
    assert f"{finding.status}|{finding.fault}" == "fail|report" and finding.status.upper() == "FAIL"
    assert {PASS, FAIL, UNCERTAIN, NOT_ASSESSABLE} == {"pass", "fail", "uncertain", "not_assessable"}
    assert (REPORT, EXTRACTION) == ("report", "extraction")
    with pytest.raises(ValueError):
        Finding("x", "rule", "failed")
    with pytest.raises(ValueError):
        Finding("x", "rule", "fail", fault="agency")


# --------------------------------------------------------------------------------------------
# Damage from the gold reports
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_tables_whose_numbers_were_lost_are_not_blamed_on_the_report(doc_id):
    lines = list(clean_lines(doc_id))
    start, end = _tables_span(lines)
    damaged = lines[:start]
    for line in lines[start:end]:
        if _is_heading(line) or is_prose_text(line):
            damaged.append(line)
            continue
        stripped = re.sub(r"[\d.,，]+", "", line)
        if re.search(r"[\u4e00-\u9fff]", stripped):  # labels stay, numbers go
            damaged.append(stripped)
    damaged += lines[end:]
    findings = findings_of(damaged)
    for table in TITLE_WORDS:
        finding = findings[f"tables.missing.{table}"]
        assert (finding.status, finding.fault) != (FAIL, REPORT), finding.message
        if finding.status == UNCERTAIN:
            assert finding.fault == EXTRACTION and re.search(r"at lines? \d+", finding.message)
    assert not [f for f in findings.values() if f.id.startswith("tables.") and f.status == FAIL]
    assert not rule_failures(list(findings.values()))
    before = findings_of(lines)
    for audit in ("audit.section_numbering", "audit.section5_content"):  # the audits see the same headings as before
        assert findings[audit].status == before[audit].status


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_a_table_truly_absent_is_the_reports_fault(doc_id):
    lines = list(clean_lines(doc_id))
    start = _first(lines, TITLE_WORDS["review_litigation"], _tables_span(lines)[0])
    end = _first(lines, r"存在的?主要问题", start)
    damaged = lines[:start] + lines[end:]
    text = "".join(damaged)
    findings = findings_of(damaged)
    finding = findings["tables.missing.review_litigation"]
    words_left = re.search(r"结果维持|尚未审结|未经复议|复议后起诉|" + TITLE_WORDS["review_litigation"], text)
    if words_left is None and not re.search(r"行政复议[^\d。；]{0,6}\d", text):
        assert (finding.status, finding.fault) == (FAIL, REPORT), finding.message
        assert "neither" in finding.message
    else:  # the narrative still names the table: at worst uncertain, and it says where
        assert finding.status in (FAIL, UNCERTAIN)
    assert findings["tables.missing.requests"].status == PASS


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_a_changed_cell_is_still_the_reports_fault(doc_id):
    lines = list(clean_lines(doc_id))
    report = _parse(lines)
    before = {f.id: f for f in check_report(report)}
    cell = next(c for c in read_tables(report).cells if (c.table, c.row, c.col) == ("requests", "new_received", "total"))
    pieces = cell.line.split(" / ")
    index = next(i for i in range(len(lines) - len(pieces) + 1) if [x.strip() for x in lines[i : i + len(pieces)]] == [p.strip() for p in pieces])
    index += len(pieces) - 1
    target = str(cell.value)
    position = lines[index].rfind(target)
    assert position >= 0
    lines[index] = lines[index][:position] + str(cell.value + 7) + lines[index][position + len(target) :]
    findings = findings_of(lines)
    row = findings["requests.row_total.new_received"]
    assert (row.status, row.fault) == (FAIL, REPORT), row.message
    assert (row.expected, row.printed) == (cell.value, cell.value + 7)
    if before["requests.balance.total"].status == PASS:  # rule 2 breaks too, where it could be judged before
        balance = findings["requests.balance.total"]
        assert (balance.status, balance.fault) == (FAIL, REPORT)


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_a_changed_cell_read_from_an_ocr_layer_is_not_blamed(doc_id):
    """The same changed cell in a text a reader marked as an OCR layer over page images (`nlp.ocrlayer`): the sum
    still fails, but the OCR program may have misread the figure, so the failure is `uncertain`, the extraction's."""
    from nlp.ocrlayer import OCR_LAYER_LINE
    from nlp.tables.checks import blamed_on_report

    lines = list(clean_lines(doc_id))
    cell = next(c for c in read_tables(_parse(lines)).cells if (c.table, c.row, c.col) == ("requests", "new_received", "total"))
    index = max(i for i, line in enumerate(lines) if str(cell.value) in line and i > 0 and ("新收" in line or line.strip().isdigit()))
    position = lines[index].rfind(str(cell.value))
    lines[index] = lines[index][:position] + str(cell.value + 7) + lines[index][position + len(str(cell.value)) :]
    plain = findings_of(lines)
    scanned = findings_of([OCR_LAYER_LINE, *lines])
    failed = [key for key, finding in plain.items() if (finding.status, finding.fault) == (FAIL, REPORT)]
    assert failed, "the changed figure breaks a rule"
    for key in failed:
        assert (scanned[key].status, scanned[key].fault) == (UNCERTAIN, EXTRACTION), scanned[key]
        assert "OCR" in scanned[key].message
    assert not blamed_on_report(list(scanned.values()))
    # the mark is no paragraph of the report
    assert not any("OCR" in paragraph.text for paragraph in _parse([OCR_LAYER_LINE, *lines]).paragraphs)


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_a_stretch_lost_between_two_tables_is_not_blamed(doc_id):
    lines = list(clean_lines(doc_id))
    start, end = _tables_span(lines)
    first = _first(lines, r"行政处罚", start, short=False)  # a row of table 二 in both templates
    last = _first(lines, r"第三方", first, short=False)  # a row of table 三 in both templates
    damaged = lines[:first] + lines[last:]
    findings, before = findings_of(damaged), findings_of(lines)
    for fid in ("tables.rows.active", "tables.rows.requests", "tables.missing.active", "tables.missing.requests", "audit.section_numbering"):
        if fid in findings and before[fid].status != FAIL:  # 004 mixes `1、` and `三、`: its own, not the damage's
            assert findings[fid].status != FAIL, findings[fid].message
    assert findings.get("tables.rows.active", findings["tables.missing.active"]).status == UNCERTAIN


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_a_lost_stretch_is_not_blamed_where_its_row_labels_stand_elsewhere(doc_id):
    """The same lost stretch, where a header line naming table 三's first rows survived it (a summary
    table's header, `本年新收件数 | 上年结转件数 | 予以公开 …`): the labels seen there do not bring the
    lost rows back, so the stretch is still the extraction's, and table 二's lost end is not blamed
    on the report."""
    lines = list(clean_lines(doc_id))
    start, end = _tables_span(lines)
    first = _first(lines, r"行政处罚", start, short=False)
    last = _first(lines, r"第三方", first, short=False)
    summary = "项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 | 总计"
    damaged = lines[:first] + [summary] + lines[last:]
    findings = findings_of(damaged)
    for fid in ("tables.rows.active", "tables.rows.requests", "tables.missing.active"):
        if fid in findings:
            assert findings[fid].status != FAIL, findings[fid].message


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_section_five_glued_into_prose_is_not_called_missing(doc_id):
    lines = list(clean_lines(doc_id))
    heading = _first(lines, r"存在的?主要问题")
    # the crawler glued the heading to the end of the paragraph before it
    damaged = lines[: heading - 1] + [lines[heading - 1] + lines[heading]] + lines[heading + 1 :]
    finding = findings_of(damaged)["audit.section5_content"]
    assert finding.status != FAIL, finding.message
    if finding.status == UNCERTAIN:
        assert finding.fault == EXTRACTION and "存在的主要问题" in finding.message


def test_section_five_absent_from_the_text_is_the_reports_fault():
    lines = list(clean_lines("shuyang_2025"))
    start = _first(lines, r"存在的?主要问题")
    end = _first(lines, r"其[他它]需要报告", start)
    damaged = [line for line in lines[:start] + lines[end:] if not re.search(r"主要问题|改进", line)]
    finding = findings_of(damaged)["audit.section5_content"]
    assert (finding.status, finding.fault) == (FAIL, REPORT)


def test_a_word_doubled_by_a_line_break_is_not_the_reports_slip():
    lines = list(clean_lines("shuyang_2025"))
    index = next(i for i, line in enumerate(lines) if is_prose_text(line) and "公开" in line and len(line) > 40)
    line = lines[index]
    at = line.index("公开") + 2
    # a page break that repeated the last word (`…信息公开` / `公开工作…`) in the file, joined by the reader
    source = "\n".join(lines[:index] + [line[:at], line[at - 2 :]] + lines[index + 1 :])
    report = nlp.parse_text(source, doc_id="joined")
    finding = next(f for f in check_report(report) if f.id == "audit.doubled_words")
    assert finding.status != FAIL, finding.message
    # the same doubling printed inside one line is the report's
    printed = lines[:index] + [line[:at] + line[at - 2 :]] + lines[index + 1 :]
    finding = findings_of(printed)["audit.doubled_words"]
    assert (finding.status, finding.fault) == (FAIL, REPORT)


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_a_heading_split_over_lines_is_not_a_numbering_slip(doc_id):
    # Word-made pages put the number, the stop and the title of a heading on lines of their own
    lines = list(clean_lines(doc_id))
    index = _first(lines, r"^\s*二\s*[、.．]\s*" + TITLE_WORDS["active"])
    number, title = re.match(r"^\s*(二)\s*[、.．]\s*(.*)$", lines[index]).groups()  # type: ignore[union-attr]
    damaged = lines[:index] + [number, "、", title] + lines[index + 1 :]
    before, after = findings_of(lines)["audit.section_numbering"], findings_of(damaged)["audit.section_numbering"]
    if before.status != FAIL:
        assert after.status != FAIL, after.message


@pytest.mark.parametrize(
    ("subject", "status"),
    [("县政府办代表县政府", UNCERTAIN), ("县政务服务中心", UNCERTAIN), ("本机关", FAIL), ("示例县人民政府", FAIL)],
)
def test_a_count_stated_for_another_body_is_not_a_plain_failure(subject, status):
    from table_samples import random_values, render_report

    values = random_values("2021", 21)
    received = values[("requests", "new_received", "total")]
    text = render_report("2021", values, "tab").replace("示例县示例局", "示例县人民政府", 1)
    text = text.replace("取得了较好成效。", f"取得了较好成效。2022年，{subject}受理政府信息公开申请{received + 5}件，均已按时答复。", 1)
    finding = next(f for f in check_report(nlp.parse_text(text, doc_id="x")) if f.id == "narrative.received")
    assert finding.status == status, finding.message
    assert finding.fault == (REPORT if status == FAIL else None)


@pytest.mark.parametrize("phrase", ["督促各社区社区工作者按月更新公开栏", "苏木纪委对各嘎查嘎查务公开情况进行了抽查", "要求每科室科室负责人审核"])
def test_each_x_then_a_term_made_on_x_is_not_a_doubled_word(phrase):
    """`各嘎查嘎查务公开` is "each gacha's gacha-affairs disclosure": two words, not a slip; the same word
    doubled without `各`/`每` before it still is one."""
    lines = list(clean_lines("shuyang_2025"))
    index = next(i for i, line in enumerate(lines) if is_prose_text(line) and len(line) > 40)
    kept = lines[:index] + [lines[index] + phrase + "。"] + lines[index + 1 :]
    assert findings_of(kept)["audit.doubled_words"].status != FAIL
    slip = lines[:index] + [lines[index] + phrase.replace("各", "").replace("每", "") + "。"] + lines[index + 1 :]
    assert (findings_of(slip)["audit.doubled_words"].status, findings_of(slip)["audit.doubled_words"].fault) == (FAIL, REPORT)


def test_a_years_annual_report_is_not_a_doubled_word():
    """`对照2024年度年度报告中提出的问题`, `上年度年度报告`: the year's 年度, then 年度报告; `年度年度` with no year before
    it is a slip."""
    lines = list(clean_lines("shuyang_2025"))
    index = next(i for i, line in enumerate(lines) if is_prose_text(line) and len(line) > 40)
    for year in ("2024年度", "上年度"):
        kept = lines[:index] + [lines[index] + f"对照{year}年度报告中提出的问题逐项整改。"] + lines[index + 1 :]
        assert findings_of(kept)["audit.doubled_words"].status != FAIL, year
    slip = lines[:index] + [lines[index] + "对照年度年度报告中提出的问题逐项整改。"] + lines[index + 1 :]
    assert (findings_of(slip)["audit.doubled_words"].status, findings_of(slip)["audit.doubled_words"].fault) == (FAIL, REPORT)
