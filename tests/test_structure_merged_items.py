"""Structures off the template that sector and grassroots reports write (lines written here, and the shared gold
merged by `tests/damage.py`): two sections under one heading, numbered plan items that are sentences, and the
prose after a table."""

from __future__ import annotations

from functools import cache

import pytest

from nlp.structure import parse_text
from tests import damage
from tests.conftest import gold_and_whole_report_texts

_TOP = "某市某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度我局认真落实条例要求，全面推进政务公开。\n二、主动公开政府信息情况\n本年度主动公开信息120条。\n"


def _kinds(text: str) -> dict[str, str]:
    return {p.text: p.kind for p in parse_text(text).paragraphs}


def _section_of(text: str) -> dict[str, str]:
    return {p.text: s.key for s in parse_text(text).sections for p in s.paragraphs}


PLAN = [
    "1、规范村务公开，制定公开清单，明确每月10日前更新公开内容。",
    "2、加强培训，组织全镇工作人员参加县里组织的业务培训并通过考核。",
    "3、增加双语信息发布数量，重要惠民政策做到双语同步公开。",
]


@pytest.mark.parametrize("lead", ["针对以上问题，下一步我镇将：", "（二）改进措施"])
@pytest.mark.parametrize("number", ["{}、", "{}.", "（{}）"])
def test_numbered_plan_items_that_are_sentences_are_narrative(lead, number):
    items = [number.format(i + 1) + item[2:] for i, item in enumerate(PLAN)]
    text = _TOP + "三、存在的主要问题及改进情况\n" + lead + "\n" + "\n".join(items) + "\n四、其他需要报告的事项\n无。\n某镇人民政府\n2024年1月20日\n"
    kinds = _kinds(text)
    assert [kinds[item] for item in items] == ["narrative"] * 3
    sections = _section_of(text)
    assert {sections[item] for item in items} == {"problems_improvements"}


def test_a_numbered_title_over_its_paragraph_stays_a_heading():
    # The same shape of line, with the paragraph it heads under it: a title.
    title = "1.加强组织领导，压实工作责任。"
    text = _TOP + "三、存在的主要问题及改进情况\n" + title + "\n成立由局长任组长的领导小组，每季度研究政务公开工作。\n2.强化队伍建设，提升业务能力。\n全年组织培训3次。\n"
    kinds = _kinds(text)
    assert kinds[title] == "heading"
    assert kinds["2.强化队伍建设，提升业务能力。"] == "heading"


@pytest.mark.parametrize("gap", ["\t", " ", "  "])
def test_a_sentence_after_a_tables_last_row_is_prose(gap):
    row = gap.join(["0"] * 15)
    sentence = "本年度我局未发生因政府信息公开引起的行政复议、行政诉讼。"
    text = (_TOP + "三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n四、政府信息公开行政复议、行政诉讼情况\n"
            + gap.join(["行政复议", "行政诉讼"]) + "\n" + gap.join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]) + "\n"
            + row + "\n" + sentence + "\n五、存在的主要问题及改进情况\n公开内容不够全面。\n")
    kinds = _kinds(text)
    assert kinds[sentence] == "narrative"
    assert [kind for line, kind in kinds.items() if line.startswith("0")] == ["table"]


def test_a_tables_note_closed_by_a_full_stop_stays_the_tables():
    note = "注：行政复议、行政诉讼数量含上年度结转数量。"
    text = (_TOP + "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
            + "\t".join(["0"] * 15) + "\n" + note + "\n五、存在的主要问题及改进情况\n公开内容不够全面。\n")
    assert _kinds(text)[note] == "table"


@pytest.mark.parametrize(
    ("title", "keys"),
    [
        ("三、收到和处理政府信息公开申请及行政复议、行政诉讼情况", ["requests", "review_litigation"]),
        ("五、存在的主要问题、改进情况及其他需要报告的事项", ["problems_improvements", "other_matters"]),
    ],
)
def test_a_merged_heading_carries_both_sections(title, keys):
    text = _TOP + title + "\n本年度我局未收到申请，未发生行政复议、行政诉讼，未发现其他需要报告的事项。\n"
    report = parse_text(text)
    opened = [s for s in report.sections if s.key in keys]
    assert sorted(s.key for s in opened) == sorted(keys) and {s.title for s in opened} == {title.split("、", 1)[1]}
    # without a subheading naming the later section, its paragraphs stand in the first named, the main topic
    assert _section_of(text)["本年度我局未收到申请，未发生行政复议、行政诉讼，未发现其他需要报告的事项。"] == keys[0]
    assert not set(keys) & set(report.missing_sections)
    assert any("merged" in warning for warning in report.warnings)


def test_a_subheading_of_a_merged_section_opens_the_later_topic():
    text = (_TOP + "三、收到和处理政府信息公开申请及行政复议、行政诉讼情况\n（一）收到和处理政府信息公开申请情况\n本年度收到申请12件，均按期答复。\n"
            "（二）政府信息公开行政复议、行政诉讼情况\n本年度发生行政复议1件，结果维持。\n四、存在的主要问题及改进情况\n解读形式单一。\n")
    sections = _section_of(text)
    assert sections["本年度收到申请12件，均按期答复。"] == "requests"
    assert sections["本年度发生行政复议1件，结果维持。"] == "review_litigation"


def test_an_old_templates_review_title_is_no_merge():
    # `因政府信息公开申请提起行政复议` names review alone: 申请 here is the review's cause, not the requests section.
    text = _TOP + "三、依申请公开政府信息情况\n本年度未收到申请。\n四、因政府信息公开申请提起行政复议、行政诉讼的情况\n无。\n"
    report = parse_text(text)
    assert [s.key for s in report.sections if s.title][-2:] == ["requests", "review_litigation"]
    assert not any("merged" in warning for warning in report.warnings)


_MERGED = {"sections_three_four_merged": ("requests", "review_litigation"), "sections_five_six_merged": ("problems_improvements", "other_matters")}


@cache
def _texts() -> dict[str, str]:
    return gold_and_whole_report_texts()


@pytest.mark.parametrize("name", ["sections_three_four_merged", "sections_five_six_merged"])
def test_merged_sections_of_the_shared_gold_keep_every_topic_in_its_section(name):
    merge = getattr(damage, name)
    changed = kept = 0
    for text in _texts().values():
        merged = merge(text)
        if merged == text:
            continue
        changed += 1
        plain, damaged = parse_text(text), parse_text(merged)
        # every section found before is found; the narrative of the first merged section, and of the later where a
        # subheading opens it (三+四), stands in the section it stood in; the later's without one in the first
        before = {p.text: p.section for p in plain.paragraphs if p.kind == "narrative"}
        after = {p.text: p.section for p in damaged.paragraphs if p.kind == "narrative"}
        first, later = _MERGED[name]
        moved = {t for t, s in before.items() if after.get(t, s) != s}
        allowed = {t for t in moved if name == "sections_five_six_merged" and before[t] == later and after[t] == first}
        kept += set(plain.section_keys) <= set(damaged.section_keys) and moved == allowed
    assert changed >= 20 and kept >= changed - 2, (changed, kept)


@pytest.mark.parametrize("name", ["sections_three_four_merged", "sections_five_six_merged"])
def test_a_section_merged_under_anothers_heading_says_so_in_the_output(name):
    """Kind: two sections under one heading. The later section, opened by no subheading of its own, stands empty at
    the heading: it says which section holds its text, the summary row names it, the JSON keeps it, and the numbering
    audit counts the shared heading once (it read `三` twice, the report's slip)."""
    from nlp.batch.files import finished
    from nlp.findings import FindingStatus
    from nlp.pipeline import tables
    from nlp.reportjson import from_json, to_json
    from nlp.tables.audits import section_numbering

    merge = getattr(damage, name)
    first, later = _MERGED[name]
    changed = 0
    for doc_id, text in _texts().items():
        merged = merge(text)
        if merged == text:
            continue
        changed += 1
        plain, report = parse_text(text, doc_id=doc_id), parse_text(merged, doc_id=doc_id)
        section = report.section(later)
        if section is None or report.section(first) is None:
            continue
        if section.paragraphs:  # opened at its subheading (三+四): a section of its own, merged into none
            assert section.merged_into is None
        else:
            assert section.merged_into == first and report.merged_sections == {later: first}
            assert report.holding_section(later) is report.section(first)
        assert [s.merged_into for s in report.sections if s.key != later] == [None] * (len(report.sections) - 1)
        if section_numbering(plain).status == FindingStatus.PASS:
            assert section_numbering(report).status == FindingStatus.PASS, doc_id
        tables([report])
        row = finished(report, "page.html").summary
        assert row["sections_merged"] == (f"{later}>{first}" if section.merged_into else "")
        assert [s.merged_into for s in from_json(to_json(report)).sections] == [s.merged_into for s in report.sections]
    assert changed >= 20


def test_a_merged_heading_is_numbered_once():
    # A report numbered in order with two sections under 三: the audit reads 一 二 三 四, not 三 out of order.
    from nlp.findings import FindingStatus
    from nlp.tables.audits import numbered_headings, section_numbering

    text = _TOP + "三、收到和处理政府信息公开申请及行政复议、行政诉讼情况\n本年度未收到申请，未发生行政复议。\n四、存在的主要问题及改进情况\n解读形式单一。\n"
    report = parse_text(text)
    assert report.merged_sections == {"review_litigation": "requests"}
    assert [number for _, number, _ in numbered_headings(report)] == ["一", "二", "三", "四"]
    assert section_numbering(report).status == FindingStatus.PASS


def test_the_review_page_heads_a_merged_section_with_both_keys():
    from nlp.pipeline import tables
    from nlp.render import review_page

    text = _TOP + "三、收到和处理政府信息公开申请及行政复议、行政诉讼情况\n本年度未收到申请，未发生行政复议。\n四、存在的主要问题及改进情况\n解读形式单一。\n"
    report = parse_text(text)
    tables([report])
    page = review_page(report)
    assert "requests + review_litigation · " in page and "problems_improvements + " not in page
