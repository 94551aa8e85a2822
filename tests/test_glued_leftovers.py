"""Flattened pages, third pass: the kinds of loss the second left (`nlp.normalize.glued`, `nlp.classify.segment`).

The damage is made here: ../shared's whole reports with their section numbers arabic or lost
(`tests.damage_sections`), the authored development reports, and small pages written here, glued into one line.
Each test names the kind it checks. Texts with their line breaks are read as before (tests/test_glued_breaks.py,
tests/test_segment.py).
"""

from __future__ import annotations

import pytest

from nlp.classify.loading import load_model
from nlp.classify.reportinputs import report_inputs
from nlp.classify.segment import plan_turns, segment_report
from nlp.normalize import comparable
from nlp.report import SECTION_KEYS
from nlp.structure import parse_text
from tests import authored_sets, damage
from tests.conftest import REPO, whole_reports
from tests.damage_sections import section_numbers_arabic, section_numbers_lost

GLUE = damage.TEXT_TRANSFORMS["join_lines"]

#: A page written here with its line breaks: sections numbered `1.`…`6.`, subsections `（1）`…, a subheading with
#: items of its own, a table after a title, the fee statement between two sentences.
WRITTEN = "\n".join(
    [
        "某市水务局2024年政府信息公开工作年度报告",
        "1. 总体情况",
        "2024年，本局围绕供水保障和河湖治理，扎实推进政务公开各项工作。",
        "（1）主动公开",
        "全年在门户网站主动公开信息528条，其中政策文件21件。",
        "（2）依申请公开",
        "全年收到政府信息公开申请9件，均在法定期限内答复。",
        "（3）监督保障",
        "（一）强化组织领导。调整政务公开工作领导小组，明确专人负责。",
        "（二）加强教育培训。开展专题培训2次，参训60人次。",
        "2. 主动公开政府信息情况",
        "统计数据",
        "第二十条第（一）项\t信息内容\t本年制发件数",
        "规章\t0",
        "3. 收到和处理政府信息公开申请情况",
        "全年新收申请9件，予以公开6件。",
        "4. 政府信息公开行政复议、行政诉讼情况",
        "本年度未发生行政复议和行政诉讼。",
        "5. 存在的主要问题及改进情况",
        "（1）存在的问题。政策解读形式较为单一。",
        "（2）改进情况。丰富图解、视频等解读形式。",
        "6. 其他需要报告的事项",
        "本局2024年政务公开工作要点确定的任务均已完成。",
        "本年度未收取信息处理费。",
        "本年度承办市人大代表建议12件、市政协提案15件，均已办复。",
    ]
)

#: The same kinds unnumbered: subheadings without a number or a stop, glued between sentences; a run-in title that
#: opens an `一是` list.
UNNUMBERED = "\n".join(
    [
        "某县供销社2023年度信息公开工作报告",
        "基本情况",
        "2023年，本社把信息公开作为服务农户的重要抓手，围绕农资供应、惠农补贴和为农服务中心建设，及时公开群众关心的信息。"
        "全年通过门户网站、微信公众号和基层社公开栏发布信息216条，其中农资价格信息96条、补贴发放信息41条。",
        "重点信息公开扎实推进。一是公开化肥、农药等农资的供应价格；二是公开惠农补贴的发放对象、标准和结果。",
        "依申请公开情况",
        "全年收到信息公开申请3件，均为农户咨询补贴发放情况，已全部在法定期限内答复。本年度未发生行政复议和行政诉讼。",
        "信息管理和平台建设情况",
        "本社对拟公开的信息实行办公室初审、分管领导审核的两级审核制度，全年未发生泄密事件。"
        "门户网站开设信息公开专栏，设置机构概况、农资供应、惠农政策等子栏目，全年更新信息216条。",
        "组织保障情况",
        "成立信息公开工作小组，由主任任组长，办公室负责日常工作，各基层社明确一名联络员。全年开展业务培训2次。",
        "其他需要报告的事项",
        "无。",
    ]
)


def _paragraphs(text: str, segment: bool = False) -> list[str]:
    report = parse_text(text)
    if segment:
        segment_report(report, load_model())
    return [comparable(p.text) for p in report.paragraphs]


def test_sections_numbered_in_arabic_open_their_sections_in_a_flattened_page():
    """Kind: section titles numbered `1.`…`6.` glued into prose. Each title run on into its first paragraph becomes
    the section's heading line again, so the paragraphs after it stand in its section for the classifier."""
    report = segment_report(parse_text(GLUE(WRITTEN)), load_model())
    headings = [comparable(p.text) for p in report.paragraphs if p.kind == "heading"]
    for title in ("1. 总体情况", "5. 存在的主要问题及改进情况", "6. 其他需要报告的事项"):
        assert comparable(title) in headings
    sections = {item.text: item.context.section for item in report_inputs(report)}
    assert sections["2024年，本局围绕供水保障和河湖治理，扎实推进政务公开各项工作。"] == "overview"
    assert sections["本年度未收取信息处理费。"] == "other_matters"


@pytest.mark.parametrize("shape, kept_share", [(section_numbers_arabic, 0.9), (section_numbers_lost, 0.5)])
def test_whole_reports_with_their_section_numbers_changed_keep_their_sections_glued(shape, kept_share):
    """Kind: section titles numbered in arabic, or with no number, glued into prose (the unnumbered ones with no stop
    after them). ../shared's whole reports so damaged and glued keep most of their template sections, and few
    narrative paragraphs stand in no section for the classifier (with the numbers arabic 431 of 529 did before
    this pass, 69 after; with them lost, sections kept 49 → 106 of 186, paragraphs in no section 84 → 0)."""
    model = load_model()
    kept = total = outside = narrative = 0
    for record in whole_reports():
        written = [key for key in parse_text(record["text"]).section_keys if key in SECTION_KEYS]
        report = segment_report(parse_text(GLUE(shape(record["text"]))), model)
        total += len(written)
        kept += sum(key in report.section_keys for key in written)
        inputs = report_inputs(report)
        narrative += len(inputs)
        outside += sum(item.context.section in (None, "none") for item in inputs)
    assert kept >= kept_share * total
    assert outside <= 0.15 * narrative


def test_subsection_items_numbered_in_parentheses_begin_paragraphs():
    """Kind: items numbered `（1）` glued after a sentence: each begins a paragraph in a flattened page, as `（一）` does."""
    paragraphs = _paragraphs(GLUE(WRITTEN), segment=True)
    assert any(p.startswith(comparable("（2）改进情况。")) for p in paragraphs)
    assert not any(comparable("（1）存在的问题") in p and comparable("（2）改进情况") in p for p in paragraphs)


def test_the_fee_statement_is_a_paragraph_of_its_own():
    """Kind: a fee statement glued between section 六's other sentences (the closing, the NPC/CPPCC proposals): a
    paragraph of its own in a flattened page; in the authored development reports glued, every labelled unit that
    is the fee statement stands apart."""
    paragraphs = _paragraphs(GLUE(WRITTEN), segment=True)
    assert comparable("本年度未收取信息处理费。") in paragraphs
    fees = 0
    for reports, labels in (
        ("authored_reports.jsonl", "authored_labels.jsonl"),
        ("authored_b/reports.jsonl", "authored_b/labels.jsonl"),
        ("authored_c/reports.jsonl", "authored_c/labels.jsonl"),
    ):
        labelled = authored_sets.units_by_report(REPO / "tests" / "gold" / labels)
        for record in authored_sets.records(REPO / "tests" / "gold" / reports):
            if authored_sets.held(record["doc_id"]):
                continue
            units = [u["text"] for u in labelled[record["doc_id"]] if "信息处理费" in u["text"] and len(u["text"]) < 40]
            if not units:
                continue
            glued = _paragraphs(GLUE(record["text"]), segment=True)
            for unit in units:
                fees += 1
                assert any(p == comparable(unit) for p in glued), (record["doc_id"], unit)
    assert fees >= 10


def test_a_table_after_a_title_without_a_stop_is_not_read_as_prose():
    """Kind: a table glued after a short title with no stop of its own (`…。统计数据第二十条第（一）项信息内容…`): the
    table begins a line, so the narrative before it is not lost to the table."""
    page = GLUE(WRITTEN.replace("2. 主动公开政府信息情况\n", ""))
    report = parse_text(page)
    narrative = [comparable(p.text) for p in report.paragraphs if p.kind == "narrative"]
    assert any(comparable("（二）加强教育培训。") in p for p in narrative)
    assert not any("第二十条第" in p for p in narrative)


def test_unnumbered_subheadings_glued_without_a_stop_are_lines_of_their_own():
    """Kind: unnumbered section and subsection titles glued to the sentences around them with no stop of their own
    (`…答复。组织保障情况成立…`): each is a line of its own, the section's title opens its section; a run-in title's
    sentence that opens an `一是` list stays with it; prose that opens a report (`现将有关情况报告如下`) is not cut."""
    report = parse_text(GLUE(UNNUMBERED))
    paragraphs = [comparable(p.text) for p in report.paragraphs]
    for title in ("依申请公开情况", "信息管理和平台建设情况", "组织保障情况", "其他需要报告的事项"):
        assert comparable(title) in paragraphs
    assert any(p.startswith(comparable("重点信息公开扎实推进。一是公开化肥")) for p in paragraphs)
    assert "other_matters" in report.section_keys
    prose = GLUE(UNNUMBERED.replace("2023年，本社把", "现将有关情况报告如下。2023年，本社把"))
    assert parse_text(prose).section_keys == report.section_keys
    assert not any(p == comparable("现将有关情况") for p in _paragraphs(prose))


def test_a_plan_that_opens_a_list_or_labelled_halves_are_cut_off_the_problems():
    """Kind: section 五's problems and plans glued (a unit merged into a neighbour of another label). A plan that opens
    a list of its own, or the halves labelled `存在的问题：` / `改进措施：`, begin a paragraph after the problems; an
    enumerated pair (`问题一：…。改进措施：…`) and a plain plan after plain problems stay one unit, as they are labelled
    as often as not."""
    listed = "本年度存在一些不足：一是更新不够及时；二是解读数量偏少。针对上述问题，下一步将重点做好以下工作：一是建立提醒台账；二是增加图解。"
    assert [listed[end : end + 4] for _, end in plan_turns(listed)] == ["针对上述"]
    labelled = "存在的问题：停水通知依靠线上渠道发布，老年用户不便。改进措施：在社区公告栏增设张贴点。"
    assert [labelled[end : end + 4] for _, end in plan_turns(labelled)] == ["改进措施"]
    assert plan_turns("问题一：部分信息公示不够及时。改进措施：建立公示台账，按月调度。") == []
    assert plan_turns("部分信息公开不够及时，解读形式单一。下一步，本局将丰富解读形式。") == []
    page = GLUE(WRITTEN.replace("（1）存在的问题。政策解读形式较为单一。\n（2）改进情况。丰富图解、视频等解读形式。", labelled))
    paragraphs = _paragraphs(page, segment=True)
    assert comparable("改进措施：在社区公告栏增设张贴点。") in paragraphs


#: A report of the old template whose overview is three short plain paragraphs (organisation, catalogue, platform).
SHORT_OVERVIEW = "\n".join(
    [
        "某乡人民政府2010年政府信息公开工作年度报告",
        "一、概述",
        "乡里成立了政府信息公开工作领导小组，由乡长任组长，党政办公室负责日常工作。",
        "按照县里的统一要求，编制完成了本乡政府信息公开指南和公开目录，并在公开栏公布。",
        "乡政府在大院门口设置政务公开栏，在县政府门户网站开设乡镇信息公开专栏。",
        "二、主动公开政府信息情况",
        "全年主动公开政府信息86条，主要包括机构职能、惠农补贴和计划生育奖励扶助等内容。",
        "三、依申请公开政府信息情况",
        "本年度未收到政府信息公开申请。",
        "四、其他需要报告的事项",
        "无。",
    ]
)


def test_a_sections_only_paragraph_is_cut_where_its_labels_change_however_short():
    """Kind: a short overview of plain paragraphs in a page that kept its section headings. Nothing cut the section's
    body, so its one piece (under the 262 characters below which a piece is taken for one paragraph) is all of it:
    it is cut where the labels change, and the organisation paragraph stands apart from the platform's."""
    report = segment_report(parse_text(GLUE(SHORT_OVERVIEW)), load_model())
    overview = next(section for section in report.sections if section.key == "overview")
    narrative = [comparable(p.text) for p in overview.paragraphs if p.kind == "narrative"]
    assert sum(len(p) for p in narrative) < 262
    assert len(narrative) >= 2
    assert not any(comparable("领导小组") in p and comparable("政务公开栏") in p for p in narrative)
