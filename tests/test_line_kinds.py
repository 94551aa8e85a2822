"""Short numbered lines and short sentences: which are subheadings, which are statements, and where a
statistical table's region ends (lines written here, in the shapes page openings have)."""

from __future__ import annotations

import pytest

from nlp.structure import parse_text
from nlp.structure.kinds import paragraph_kind


def test_a_numbered_line_that_states_a_count_or_runs_on_is_narrative():
    for statement in ("二是依申请公开，全年办理9件。", "2.微信公众号发布33条。", "（一）全年主动公开信息120余条", "1、信息公开的内容不够全面，公开的范围有待进一步拓宽；", "3.公开渠道不够多，", "1.信息公开的主动性不够，部分信息在上级要求后才公开。", "3.工作人员均为兼职，业务能力有待提升。"):
        assert paragraph_kind(statement, in_table=False) == "narrative", statement
    for heading in ("（一）主动公开情况。", "2.政务新媒体建设", "（三）2024年主要工作", "一、", "1.加强组织领导，健全工作机制。", "二是依申请公开情况。", "（二）工作中存在的薄弱环节", "（一）公开内容不够全面"):
        assert paragraph_kind(heading, in_table=False) == "heading", heading


def test_a_short_sentence_ends_a_table_region():
    text = "\n".join(
        [
            "某镇2024年政府信息公开工作年度报告",
            "一、总体情况",
            "本年度本镇认真落实条例要求，扎实推进政务公开工作，全年主动公开政府信息百余条。",
            "三、收到和处理政府信息公开申请情况",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "本年度未收到申请，故无不予公开情况。",
            "四、政府信息公开行政复议、行政诉讼情况",
        ]
    )
    kinds = {p.text: p.kind for p in parse_text(text).paragraphs}
    assert kinds["本年度未收到申请，故无不予公开情况。"] == "narrative"


def test_a_sentence_with_only_a_year_for_a_figure_ends_a_table_region():
    text = "\n".join(
        [
            "某镇2024年政府信息公开工作年度报告",
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议\t行政诉讼",
            "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
            "2024年度本镇未发生政府信息公开行政复议、行政诉讼案件。",
            "五、存在的主要问题及改进情况",
        ]
    )
    kinds = {p.text: p.kind for p in parse_text(text).paragraphs}
    assert kinds["2024年度本镇未发生政府信息公开行政复议、行政诉讼案件。"] == "narrative"
    # A row's label with a figure other than a year stays in the table.
    assert paragraph_kind("其中2024年新收12件。", in_table=True) == "table"


def test_a_numbered_shortcoming_that_needs_work_or_counts_people_is_an_item_not_a_title():
    for item in ("（三）依申请公开答复文书规范性还需加强。", "（二）新开通的公众号关注人数仅1900余人，影响力不足。"):
        assert paragraph_kind(item, in_table=False) == "narrative", item
    for title in ("（三）依申请公开答复文书规范性还需加强", "（一）强化平台建设。"):
        assert paragraph_kind(title, in_table=False) == "heading", title


def test_an_item_number_before_a_year_is_a_number_not_a_decimal():
    for heading in ("1.2024年政务公开工作要点落实情况", "2、2023年度重点领域信息公开", "3．2022年工作打算"):
        assert paragraph_kind(heading, in_table=False) == "heading", heading
    for statement in ("1.5万条信息已按期公开。", "3.2%的申请在法定期限内延期答复。"):
        assert paragraph_kind(statement, in_table=False) == "narrative", statement
    glued = (
        "某县2024年政府信息公开工作年度报告一、总体情况本年度全县政务公开工作有序推进，各项任务按期完成。"
        "1.2024年政务公开要点落实情况。全县分解任务32项，均已完成。2.重点领域信息公开。全年公开补贴信息46条。"
        "二、主动公开政府信息情况本年度制发规范性文件3件。"
    )
    pieces = [p.text for p in parse_text(glued).paragraphs]
    assert any(piece.startswith("1.2024年政务公开要点") for piece in pieces), pieces


def test_a_section_title_with_a_short_body_run_on_is_its_first_paragraph():
    from nlp.structure.headings import heading_kind

    for line in ("七、其他需要报告的事项无。", "三、收到和处理政府信息公开申请情况本年度新收申请2件，均已答复。", "六、其他需要报告的事项：无", "四、行政复议、行政诉讼情况本年度未发生。"):
        assert heading_kind(line) == "narrative", line
    for line in ("二、主动公开政府信息情况（详见附表）", "一、总体情况", "一、总体情况和主要成效", "二、主动公开政府信息情况。", "五、2024年存在的主要问题及改进情况"):
        assert heading_kind(line) == "heading", line
    glued = (
        "某街道2024年政府信息公开工作年度报告一、总体情况本年度街道政务公开工作有序推进，全年公开信息120条。"
        "二、主动公开政府信息情况（详见附表）三、收到和处理政府信息公开申请情况本年度新收申请2件，均已答复。"
        "四、政府信息公开行政复议、行政诉讼情况无。五、存在的主要问题及改进情况公开栏更新不够及时。六、其他需要报告的事项无。"
    )
    kinds = {p.text: (p.kind, p.section) for p in parse_text(glued).paragraphs}
    assert kinds["三、收到和处理政府信息公开申请情况本年度新收申请2件，均已答复。"] == ("narrative", "requests"), kinds
    assert kinds["六、其他需要报告的事项无。"] == ("narrative", "other_matters"), kinds


def test_a_numbered_title_with_its_sentence_run_on_is_narrative():
    for line in ("（二）着力抓好依申请公开本年度我局未收到政府信息公开申请。", "（一）平台建设我局全年更新网站信息。"):
        assert paragraph_kind(line, in_table=False) == "narrative", line
    for line in ("（二）本年度依申请公开情况。", "（三）2024年主要工作", "（一）主动公开情况。"):
        assert paragraph_kind(line, in_table=False) == "heading", line


@pytest.mark.parametrize(
    "line",
    ["1.本年度未收取信息处理费。", "2.我局全年未发生政府信息公开行政复议。", "（三）本机关未收到人大代表建议。", "3、2023年度未收取任何费用。"],
)
def test_a_numbered_item_that_is_a_sentence_is_narrative(line):
    assert paragraph_kind(line, in_table=False) == "narrative"


@pytest.mark.parametrize("line", ["（二）本年度依申请公开情况。", "一、2019年政府信息公开工作的总体情况", "1.本年度收费情况", "（一）2021年工作要点落实情况"])
def test_a_numbered_title_that_opens_with_the_year_stays_a_heading(line):
    assert paragraph_kind(line, in_table=False) == "heading"


def test_a_title_whose_number_word_saved_apart_by_a_tab_is_a_heading():
    text = "某市2024年政府信息公开工作年度报告\n五、\t存在的主要问题及改进情况\n（一）\t上年度问题整改情况\n针对上年度报告指出的问题，开展专项整治。"
    kinds = {p.text: p.kind for p in parse_text(text).paragraphs}
    assert kinds["（一）上年度问题整改情况"] == "heading" and kinds["五、存在的主要问题及改进情况"] == "heading"
    rows = parse_text("三、收到和处理政府信息公开申请情况\n1.\t属于国家秘密\t0\t0\t0").paragraphs
    assert any("\t" in p.text for p in rows)  # a row of cells keeps its tabs


def test_lines_in_another_script_of_a_bilingual_report_are_meta():
    """The other version of a bilingual report (Korean, Uyghur, Tibetan, Mongolian) is not the report's prose to
    classify; a line with Chinese in it (a bilingual table row or caption) and a Latin-only line stay as they were."""
    from nlp.structure.kinds import paragraph_kind

    for line in ("이 보고는 《중화인민공화국 정부정보공개조례》에 근거하여 작성하였다.", "بۇ يىللىق ئاشكارىلاش خىزمىتىنى ئومۇمىي ئەھۋال",
                 "(༡) རང་འགུལ་གྱིས་ཁ་ཕྱེ་བ།", "ᠬᠣᠷᠴᠢᠨ ᠵᠡᠭᠦᠨ ᠭᠠᠷᠤᠨ ᠳᠤᠮᠳᠠᠳᠤ ᠬᠣᠰᠢᠭᠤ"):
        assert paragraph_kind(line, in_table=False) == "meta", line
    assert paragraph_kind("本年度以朝鲜文同步公开政府文件12件，방문객 안내도 함께 게시하였다。", in_table=False) == "narrative"
    assert paragraph_kind("Open data portal statistics were published every quarter.", in_table=False) == "narrative"


def test_a_bilingual_page_gives_only_its_chinese_paragraphs_as_narrative(tmp_path):
    import re

    import nlp

    korean = ["연변조선족자치주 정부정보공개사업 년도보고", "올해 정무공개사업의 전반 상황은 다음과 같다."]
    chinese = ["一、总体情况", "2023年，我州坚持双语公开，全年以朝汉两种文字公开政府信息386条。"]
    body = "".join(f"<p lang='ko'>{k}</p><p>{c}</p>" for k, c in zip(korean, chinese, strict=True))
    page = tmp_path / "bilingual.html"
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    narrative = [p.text for p in nlp.read_report(page).paragraphs if p.kind == "narrative"]
    assert narrative == [chinese[1]]
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in narrative)
