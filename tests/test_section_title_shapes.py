"""Section titles in shapes agencies and converters give them (tests/damage.py `SECTION_SHAPES`): numbered as
subsections (`（二）主动公开政府信息情况`, `（一）基本情况`), as parts, in arabic, roman or capital numerals, their number's
comma lost, set letter-spaced, in 【】 or bold, worded off the template, with the year before them, run into their
first sentence, a section left out and the rest renumbered, 五 and 六 under one title. Made from the gold reports
and the whole crawled reports of ../shared; the sections must all be found. The shapes must not make sections of
a report's subsections (lines written here)."""

from __future__ import annotations

from functools import cache

import pytest

from nlp.normalize import normalize_text
from nlp.structure import parse_text
from tests import damage
from tests.conftest import gold_and_whole_report_texts

#: Reports (of 42) allowed to lose a section, per shape (`tests/damage.py` `SECTION_SHAPES`; measured: none, but 2 with
#: every number lost: `一、政府信息主动公开工作` alone says no section, and one overview title glued to the paragraph before).
#: With a title misread by OCR, one report numbering its sections its own way (`三、政府信息公开行政复议…` under 三) loses the
#: section its exact template title had placed there (`公幵`: measured, 1 of 42).
LOST_AT_MOST = {**dict.fromkeys(damage.SECTION_SHAPES, 0), "section_numbers_lost": 2, "titles_misread_by_ocr": 1}


@pytest.mark.parametrize("name", list(damage.SECTION_SHAPES))
def test_sections_are_found_in_every_title_shape(name):
    transform = damage.SECTION_SHAPES[name]
    dropped = damage.SECTION_SHAPE_DROPS.get(name, frozenset())
    changed = lost = 0
    for doc_id, text in _texts().items():
        damaged = transform(text)
        changed += damaged != text
        lost += not _keys(doc_id) - dropped <= set(parse_text(damaged).section_keys)
    assert changed >= 20 and lost <= LOST_AT_MOST[name], (changed, lost)


@cache
def _texts() -> dict[str, str]:
    return gold_and_whole_report_texts()


@cache
def _keys(doc_id: str) -> set[str]:
    """The sections of the undamaged report."""
    return set(parse_text(_texts()[doc_id]).section_keys)


def test_a_whole_section_title_under_a_subsection_number_stays_a_subsection_where_the_report_numbers_sections():
    report = parse_text(
        "某局2024年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开政府信息情况\n全年主动公开政府信息120条。\n"
        "（二）收到和处理政府信息公开申请情况\n全年收到申请3件。\n二、主动公开政府信息情况\n第二十条第（一）项\n"
        "三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量\n六、其他需要报告的事项\n本局未收取信息处理费。"
    )
    titles = {section.key: section.title for section in report.sections if section.title}
    assert titles["active"] == "主动公开政府信息情况" and titles["overview"] == "总体情况"
    assert [s.number for s in report.sections if s.key == "active"] == ["二"]


def test_letter_spacing_is_closed_only_where_single_characters_stand_between_spaces():
    assert normalize_text("四、政 府 信 息 公 开 行 政 复 议、行 政 诉 讼 情 况").text == "四、政府信息公开行政复议、行政诉讼情况"
    assert normalize_text("五 存 在 的 主 要 问 题 及 改 进 情 况").text == "五、存在的主要问题及改进情况"
    for words in ("自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计", "我 局", "本年度 我局 共计"):
        assert normalize_text(words).text == words


def test_a_lost_comma_is_put_back_only_before_a_sections_title():
    assert normalize_text("六\t其他应说明事项").text == "六、其他应说明事项"
    assert normalize_text("二）主动公开政府信息情况").text == "二、主动公开政府信息情况"
    for line in ("十 分重视政务公开工作", "三 是加强培训", "一 二 三", "一）加强培训", "（一）总体情况"):
        assert normalize_text(line).text == line


def test_the_old_templates_sections_after_the_requests_section_are_read_and_a_bare_other_is_section_six():
    old = ["一、政府信息公开工作概况", "二、主动公开政府信息的情况", "三、依申请公开政府信息的情况", "四、不予公开政府信息的情况",
           "五、政府信息公开的收费及减免情况", "六、因政府信息公开申请提起行政复议、行政诉讼的情况", "七、政府信息公开工作存在的主要问题及改进措施", "八、其他需要报告的事项"]
    body = "本年度共受理申请12件，均按期答复。"
    report = parse_text("某某县某某局2014年政府信息公开工作年度报告\n" + "\n".join(f"{title}\n{body}" for title in old))
    assert [s.number for s in report.sections if s.title] == list("一二三四五六七八")
    assert [s.key for s in report.sections if s.number in ("四", "五")] == ["extra", "extra"]
    bare = parse_text("某局2024年政府信息公开工作年度报告\n一、总体情况\n全年公开信息86条。\n五、存在的主要问题及改进情况\n培训不足。\n六、其他\n本局未收取信息处理费。")
    assert bare.section_keys[-1] == "other_matters"


_BODY = "本年度共受理申请12件，均按期答复。"


def _sections(lines: list[str]) -> list[tuple[str, str]]:
    report = parse_text("某某县某某局2023年政府信息公开工作年度报告\n" + "\n".join(lines))
    return [(section.key, section.title) for section in report.sections if section.title]


def test_titles_worded_off_the_template_open_sections_where_the_report_numbers_its_sections_as_subsections():
    titles = ["（一）基本情况", "（二）主动公开工作情况", "（三）依申请公开工作情况", "（四）行政复议和行政诉讼情况",
              "（五）工作中存在的不足和下一步打算", "（六）其他事项"]
    lines = [line for title in titles for line in (title, "1.加强组织领导", _BODY)]
    assert [key for key, _ in _sections(lines)] == ["overview", "active", "requests", "review_litigation", "problems_improvements", "other_matters"]
    # Two whole template titles among them say the same where one section keeps the report's `一、`.
    mixed = ["一、概述", _BODY, "（二）主动公开政府信息情况", _BODY, "（三）依申请公开工作情况", _BODY,
             "（四）因政府信息公开申请行政复议、提起行政诉讼的情况", _BODY]
    assert [key for key, _ in _sections(mixed)] == ["overview", "active", "requests", "review_litigation"]


def test_reworded_subsection_titles_stay_subsections():
    # Under the report's own `一、`, where the page ends before section 二.
    opening = ["一、总体情况", _BODY, "（一）强化组织领导", _BODY, "（二）主动公开情况", _BODY, "（三）依申请公开情况", _BODY]
    assert [key for key, _ in _sections(opening)] == ["overview"]
    # The same numbered `（一）`: the subsections' run restarts at a line that opens no section.
    restarted = ["（一）总体情况", _BODY, "（一）强化组织领导", _BODY, "（二）主动公开情况", _BODY, "（三）依申请公开情况", _BODY,
                 "（二）主动公开政府信息情况", "第二十条第（一）项", "（三）收到和处理政府信息公开申请情况", _BODY]
    assert _sections(restarted) == [("overview", "总体情况"), ("active", "主动公开政府信息情况"), ("requests", "收到和处理政府信息公开申请情况")]
    # A run headed by a second overview (`（一）概述` under `（一）总体情况`) is the overview's own.
    again = ["（一）总体情况", "（一）概述", _BODY, "（二）主动公开信息情况", _BODY, "（三）依申请公开政府信息情况", _BODY,
             "（二）主动公开政府信息情况", _BODY, "（五）存在的主要问题及改进情况", "（一）存在的主要问题", _BODY]
    assert [key for key, _ in _sections(again)] == ["overview", "active", "problems_improvements"]


def test_other_numerals_and_brackets_around_a_section_title_are_read_as_its_number():
    assert normalize_text("Ⅳ.政府信息公开行政复议、行政诉讼情况").text == "四.政府信息公开行政复议、行政诉讼情况"
    assert normalize_text("陆、其他应说明事项").text == "六、其他应说明事项"
    assert normalize_text("【五、存在的不足和下一步打算】").text == "五、存在的不足和下一步打算"
    assert normalize_text("【Ⅱ、主动公开工作情况】").text == "二、主动公开工作情况"
    # Numerals before other words, and furniture or bare words in brackets, stay as they are.
    for line in ("叁、拾万元专项资金", "Ⅱ、二期工程进度", "【打印本页】", "【总体情况】", "【一、加强组织领导】"):
        assert normalize_text(line).text == line


def test_a_bare_other_under_a_tables_row_number_is_no_section():
    report = parse_text("某局2024年政府信息公开工作年度报告\n1.总体情况\n全年公开信息86条。\n2.收到和处理政府信息公开申请情况\n"
                        "（三）不予公开\n3.其他\n0\n5.存在的主要问题及改进情况\n培训不足。\n6.其他\n本局未收取信息处理费。")
    assert [(s.key, s.title) for s in report.sections if s.key == "other_matters"] == [("other_matters", "其他")]
    assert report.sections[-1].title == "其他"


def test_a_part_numbered_section_heading_is_a_top_level_heading_for_the_context():
    from nlp.sections import heading_level, heading_number, section_key_for_heading

    assert [heading_level(t) for t in ("第二部分 主动公开政府信息情况", "第三章：收到和处理政府信息公开申请情况")] == [1, 1]
    assert heading_number("第三部分 收到和处理政府信息公开申请情况") == 3
    assert section_key_for_heading("第二部分 主动公开政府信息情况") == "active"
    # A table's article reference is no part.
    assert heading_level("第二十条第（一）项") == 0


def test_section_five_titled_off_the_template_without_its_number_is_found_by_naming_both_halves():
    """`工作中存在的问题及改进措施` / `存在的不足和下一步打算` alone on a line, its number lost: problems and remedies
    named together are section 五's title (its subsections name one half each), so the section is found."""
    reports = found = 0
    for doc_id, text in _texts().items():
        if "problems_improvements" not in _keys(doc_id):
            continue
        reports += 1
        damaged = damage.section_numbers_lost(damage.titles_reworded(text))
        found += "problems_improvements" in parse_text(damaged).section_keys
    assert reports >= 30 and found == reports, (found, reports)


def test_one_half_of_section_five_alone_is_no_section_title():
    text = "一、总体情况\n本年度工作有序开展。\n五、存在的主要问题及改进情况\n存在的问题\n一是公开不够及时。\n改进措施\n下一步将加强培训。\n"
    report = parse_text(text)
    assert [s.key for s in report.sections if s.title] == ["overview", "problems_improvements"]
    assert len(report.section("problems_improvements").paragraphs) >= 4


def test_section_titles_opening_with_the_year_are_found_in_a_flattened_page():
    """`三、2023年收到和处理政府信息公开申请情况` glued into one line with the rest: the year is part of the title,
    not the start of its first sentence."""
    glue = damage.TEXT_TRANSFORMS["join_lines"]
    changed = lost = 0
    for doc_id, text in _texts().items():
        damaged = glue(damage.titles_with_year(text))
        if damaged == glue(text):
            continue
        changed += 1
        lost += not _keys(doc_id) <= set(parse_text(damaged).section_keys)
    assert changed >= 30 and lost == 0, (changed, lost)


_SIX_TITLES = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
               "存在的主要问题及改进情况", "其他需要报告的事项")


@pytest.mark.parametrize("opening, closing, space", [("【", "】", ""), ("【", "】", " "), ("〔", "〕", ""), ("[", "]", ""), ("［", "］", "\u3000")])
def test_sections_numbered_in_brackets_are_all_found_and_their_bracketed_subsections_stay_subsections(opening, closing, space):
    body = "全年主动公开政府信息120条，均按期发布。"
    text = "某局2024年政府信息公开工作年度报告\n" + "\n".join(
        f"{opening}{number}{closing}{space}{title}\n{opening}1{closing}主动公开情况。\n{body}" for number, title in zip("一二三四五六", _SIX_TITLES, strict=True)
    )
    report = parse_text(text)
    assert [s.key for s in report.sections if s.title] == ["overview", "active", "requests", "review_litigation", "problems_improvements", "other_matters"]
    assert [s.number for s in report.sections if s.title] == list("一二三四五六")
    # (the normaliser folds `［1］` to `[1]`)
    subsections = [p.kind for s in report.sections for p in s.paragraphs if p.text.endswith("1]主动公开情况。") or p.text.endswith("1】主动公开情况。") or p.text.endswith("1〕主动公开情况。")]
    assert subsections == ["heading"] * 6


def test_items_numbered_in_brackets_under_sections_numbered_so_open_no_section():
    report = parse_text(
        "某局2024年政府信息公开工作年度报告\n一、总体情况\n【一】主动公开政府信息情况\n全年主动公开政府信息120条。\n"
        "【二】收到和处理政府信息公开申请情况\n全年收到申请3件。\n【三】政府信息管理\n加强审核。\n二、主动公开政府信息情况\n第二十条第（一）项"
    )
    assert [(s.key, s.number) for s in report.sections if s.title] == [("overview", "一"), ("active", "二")]
