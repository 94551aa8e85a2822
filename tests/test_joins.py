"""Paragraphs broken at a page's inline elements come back whole: one small case per rule (docs/structure.md,
`## Paragraphs broken at inline elements`). Every example is written here, none is taken from ../shared."""

from __future__ import annotations

from nlp.normalize import is_fragmented, normalize_text, table_region_lines
from nlp.normalize.furniture import is_page_field_line
from nlp.normalize.lines import after_label_line, completes_title, is_unclosed


def lines_of(*lines: str) -> list[str]:
    return [line for line in normalize_text("\n".join(lines)).text.split("\n") if line.strip()]


# A page recognised as saved element by element: numbers stand alone in mid-sentence three times.
_ELEMENTS = ["某某局", "20", "24", "年政府信息公开工作年度报告", "一、总体情况", "20", "24", "年，某某局主动公开信息", "56", "条，更新栏目", "8", "个。"]


def element_page(*lines: str) -> list[str]:
    return lines_of(*_ELEMENTS, *lines)


# --- marks left open -------------------------------------------------------------------------------


def test_unclosed_marks():
    assert is_unclosed("根据《中华人民共和")
    assert is_unclosed("公开条例》(以下简称")
    assert not is_unclosed("根据《条例》（以下简称《条例》）规定")
    assert not is_unclosed("（一）主动公开情况")


def test_a_line_left_inside_a_title_mark_continues_where_lines_are_paragraphs():
    """No paragraph ends inside `《…》` or `（…）`, however short the line: joined also outside element pages."""
    text = lines_of(
        "一、总体情况",
        "本局依照《中华人民共",
        "和国政府信息公开条例》（以下简",
        "称《条例》）要求编制本报告。",
        "（一）主动公开情况",
        "全年主动公开信息三十条。",
    )
    assert text == ["一、总体情况", "本局依照《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制本报告。", "（一）主动公开情况", "全年主动公开信息三十条。"]


def test_a_short_line_cut_after_a_clause_continues_where_lines_are_paragraphs():
    text = lines_of("一、总体情况", "2024年，我办", "认真落实上级部署，扎实推进政务公开。")
    assert text == ["一、总体情况", "2024年，我办认真落实上级部署，扎实推进政务公开。"]


def test_a_sentence_with_a_stray_bracket_still_ends_at_its_full_stop():
    """A typing slip (`（国办函〔2019〕60号》`) leaves a bracket open in a whole paragraph: its full stop ends it."""
    text = lines_of("一、总体情况", "根据《条例》（国办函〔2019〕60号》要求，编制本报告。", "本报告分六个部分。")
    assert text[1:] == ["根据《条例》（国办函〔2019〕60号》要求，编制本报告。", "本报告分六个部分。"]


# --- recognising a page of elements -----------------------------------------------------------------


def test_breaks_on_lines_short_of_a_chance_width_peak_still_make_an_element_page():
    """Lines broken at random widths may peak at one length by chance; a fixed wrap breaks a clause only where
    the line fills the width, so clause breaks on much shorter lines are a page's elements."""
    long_piece = "全面推进决策执行管理服务结果公开，进一步完善信息发布审核机制确"  # 32 characters
    lines = []
    for short in ("本局依照《中华人民共", "2024年，我", "按照“谁公开、谁审查"):
        lines += [long_piece, long_piece[:31] + "保", short, "和国政府信息公开条例》要求开展工作。"]
    assert not is_fragmented(lines[:1] * 12, table_region_lines(lines[:1] * 12))
    assert is_fragmented(lines, table_region_lines(lines))


# --- numbered titles --------------------------------------------------------------------------------


def test_completes_title():
    assert completes_title("（一）强化组织领", "导。成立了由主要领导任组长的领导小组。")
    assert completes_title("1.深入推进主动公开工作", "情况。按照条例要求，及时公开信息。")
    assert completes_title("（四）是完善信息发布保密", "审查机制。按照谁公开谁审查的原则办理。")
    assert completes_title("4.加强依申请公开,提高依法行政水", "平。线上线下均畅通申请渠道。")
    # a whole title, then its body's first sentence
    assert not completes_title("（二）依申请公开情况", "本年度未收到申请。")
    assert not completes_title("（五）其他", "无。")
    assert not completes_title("（三）政府信息公开有序推进", "一是强化组织领导。")
    assert not completes_title("（一）主动公开情况", "2024年，本局公开信息30条。")


def test_a_numbered_title_cut_before_its_last_characters_joins_them_and_its_body():
    text = element_page("（一）强化组织领", "导。成立了由主要领导任组长的领导小组，", "明确专人负责信息公开。", "（二）依申请公开情况", "无。")
    assert "（一）强化组织领导。成立了由主要领导任组长的领导小组，明确专人负责信息公开。" in text
    assert text[-2:] == ["（二）依申请公开情况", "无。"]


def test_a_numbered_title_cut_across_a_furniture_line():
    text = element_page("2.加强政策解读,改进工作方", "打印本页", "式。及时做好政策文件解读发布工作。")
    assert "2.加强政策解读，改进工作方式。及时做好政策文件解读发布工作。" in text


def test_an_item_cut_after_a_half_width_comma_is_no_heading():
    """`2.在公文办理中,建立…审查` holds a clause's comma (half width as well as full): an item cut in its words."""
    text = element_page("2.在公文办理程序中,建立本局文件公开属性审查", "制度,属于主动公开的公文按程序公开。")
    assert "2.在公文办理程序中，建立本局文件公开属性审查制度，属于主动公开的公文按程序公开。" in text


def test_a_numbered_title_of_two_short_phrases_stands_alone():
    text = element_page("（一）强化组织领导，压实公开责任", "持续完善主要领导负总责的工作体系，", "明确分工。")
    assert "（一）强化组织领导，压实公开责任" in text
    assert "持续完善主要领导负总责的工作体系，明确分工。" in text


# --- page fields and titles -------------------------------------------------------------------------


def test_page_field_lines():
    assert is_page_field_line("2022-01-20 作者:佚名 点击数:")
    assert is_page_field_line("时间 : 2025-01-22 14:27:50 来源 : 本网 【字体:")
    assert is_page_field_line("2024-01-26 某某县人民政府办公室")
    assert is_page_field_line("2019年12月3日星期二")
    assert not is_page_field_line("2023年1月1日至2023年12")  # a date inside a sentence cut by the page
    assert not is_page_field_line("2024年，本局主动公开信息30条。")


def test_a_page_field_line_is_never_glued_onto_the_first_paragraph():
    text = element_page("2022-01-20 作者:佚名 点击数:", "按照上级通知要求，本局认真编制年度报告，", "现予公布。")
    assert "2022-01-20 作者：佚名 点击数：" in text
    assert "按照上级通知要求，本局认真编制年度报告，现予公布。" in text


def test_after_label_line():
    assert after_label_line("收藏", "根据《中华人民共和国政府信息公开条例》编制本报告。")
    assert after_label_line("某某镇人民政府", "某某市某某镇人民政府2023年政府信息公开工作年度报告")
    assert after_label_line("文号：某府〔2024〕1号", "本年度报告根据《条例》编制。")
    assert not after_label_line("根据条例规定，现公布", "某某市某某局2023年政府信息公开工作年度报告")
    assert not after_label_line("某某镇人民政府", "根据条例规定编制本报告。")  # `根据` without a document's name


def test_a_name_line_stays_apart_from_the_title_and_a_title_named_in_a_sentence_runs_on():
    text = lines_of(
        "某某镇人民政府",
        "某某市某某镇人民政府2023年政府信息公开工作年度报告",
        "根据《中华人民共和国政府信息公开条例》规定，现公",
        "布某某市某某镇人民政府2023年政府信息公开工作年度报告",
        "。本报告所列数据统计期限自2023年1月1日起至12月31日止。",
    )
    assert text[:2] == ["某某镇人民政府", "某某市某某镇人民政府2023年政府信息公开工作年度报告"]
    assert text[2].endswith("年度报告。本报告所列数据统计期限自2023年1月1日起至12月31日止。")


# --- table regions ----------------------------------------------------------------------------------


def test_prose_naming_a_table_word_with_half_width_commas_opens_no_table():
    text = element_page("其中,商业企业申请公开信息1条,", "咨询本机关权力事项清单信息,", "已按规定程序完成答复。")
    assert "其中，商业企业申请公开信息1条，咨询本机关权力事项清单信息，已按规定程序完成答复。" in text
    assert table_region_lines(["商业企业", "科研机构"]) == [True, True]


# --- the opposite damage ----------------------------------------------------------------------------


def test_one_paragraph_a_line_is_left_alone():
    text = [
        "某某局2024年政府信息公开工作年度报告",
        "发布时间：2025-01-20",
        "根据《中华人民共和国政府信息公开条例》规定，编制本报告。",
        "一、总体情况",
        "（一）主动公开情况",
        "全年主动公开信息56条。",
        "（二）依申请公开情况",
        "无。",
        "（三）强化组织领导，压实公开责任",
        "本局明确专人负责信息公开工作。",
    ]
    assert lines_of(*text) == text
