"""Normalisation: each repair on small texts written here, and the offset map back to the source."""

from __future__ import annotations

import re

from nlp.normalize import clean_text, comparable, normalize_text as normalize


def paragraphs(text: str) -> list[str]:
    return [line for line in normalize(text).text.split("\n") if line.strip()]


def test_pinyin_glosses_removed_but_real_parentheses_kept():
    source = "本年報根據(jù)《條例》編制,呈現(xiàn)出良好態(tài)勢。（一）設置公开栏(墙)3处,(二)其他。"
    cleaned = normalize(source).text
    assert "(jù)" not in cleaned and "(xiàn)" not in cleaned and "(tài)" not in cleaned
    assert "根据《条例》编制" in cleaned and "呈现出良好态势" in cleaned
    assert "（一）" in cleaned and "公开栏(墙)" in cleaned and "(二)" in cleaned


def test_traditional_characters_become_simplified():
    cleaned = normalize("飛云街道2020年政府信息公開工作年度報告").text
    assert cleaned == "飞云街道2020年政府信息公开工作年度报告"


def test_kangxi_and_radical_supplement_code_points_mapped_back():
    # U+2F00 ⼀ (Kangxi ONE) and U+2EA0 ⺠ (CJK radical CIVILIAN), as PDF fonts emit them.
    cleaned = normalize("\u2f00是人\u2ea0群众满意，\u2ed4户网站").text
    assert cleaned == "一是人民群众满意，门户网站"


def test_full_width_digits_and_letters_folded_chinese_punctuation_kept():
    cleaned = normalize("全年公开信息３１２条，ＡＢＣ平台（含政务新媒体）。").text
    assert cleaned == "全年公开信息312条，ABC平台（含政务新媒体）。"


def test_furniture_removed():
    source = "您现在的位置: | 首页 |\n|\n[bookmark: _GoBack]根据条例编制本报告。 | ||||||||||||\n- 3 -\n"
    lines = paragraphs(source)
    assert "[bookmark" not in "".join(lines) and "||" not in "".join(lines)
    assert "根据条例编制本报告。" in lines
    assert not any(line.strip() in {"- 3 -", "|"} for line in lines)


def test_page_break_inside_sentence_is_joined_headings_kept():
    source = (
        "一、总体情况\n\n"
        "（三）明确公开内容。各责任单位从老百姓急需了解的信息入手，公开了涉及部门概\n\n"
        "况、法律法规、发展规划等九个方面内容的信息。\n\n"
        "（四）强化宣传培训\n\n"
        "充分利用广播、网站等形式进行宣传。\n"
    )
    lines = paragraphs(source)
    assert "（三）明确公开内容。各责任单位从老百姓急需了解的信息入手，公开了涉及部门概况、法律法规、发展规划等九个方面内容的信息。" in lines
    assert "一、总体情况" in lines and "（四）强化宣传培训" in lines


def test_pdf_wrapped_lines_joined_into_paragraphs():
    paragraph_1 = "2024年，我市坚持以人民为中心的发展思想，认真贯彻落实条例各项规定，推动政务公开工作取得新进展，圆满完成了各项任务。"
    paragraph_2 = "（一）主动公开情况。全年市政府网站主动公开各类政府信息5500余条，制作政策解读21个。"
    wrapped = "\n".join(
        [paragraph_1[i : i + 28] for i in range(0, len(paragraph_1), 28)]
        + ["二、主动公开政府信息情况"]
        + [paragraph_2[i : i + 28] for i in range(0, len(paragraph_2), 28)]
        + ["规章 1 0 11", "行政规范性文件 8 26 66"]
    )
    lines = paragraphs("一、总体情况\n" + wrapped)
    assert paragraph_1 in lines
    assert paragraph_2 in lines
    assert "二、主动公开政府信息情况" in lines
    assert "规章 1 0 11" in lines and "行政规范性文件 8 26 66" in lines


def test_glued_report_split_into_sections_and_items():
    glued = (
        "本年报根据条例编制,统计期限自2020年1月1日起至2020年12月31日止。 一、总体情况 2020年,本街道高度重视政务公开工作,"
        "全面落实信息公开工作。 (一)机构建设情况。本街道切实加强领导,确保机构健全。 (二)平台建设情况。主要平台有门户网站。"
        " 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、存在的主要问题及改进情况 一是平台建设有待完善;二是时效性不强。"
        " 五、其他需要报告的事项 无"
    )
    lines = paragraphs(glued)
    assert any(line.startswith("一、总体情况") for line in lines)
    assert any(line.startswith("(一)机构建设情况。") for line in lines)
    assert any(line.startswith("(二)平台建设情况。") for line in lines)
    assert "二、主动公开政府信息情况" in lines
    assert any(line.startswith("五、其他需要报告的事项") for line in lines)


def test_offsets_map_every_line_back_to_the_source():
    source = "飛云街道  年報\n\n您現(xiàn)在的位置\n全年公開信息３１２條。"
    normalized = normalize(source)
    for line_start, line in _lines_with_offsets(normalized.text):
        start, end = normalized.source_span(line_start, line_start + len(line))
        original = source[start:end]
        # The original span holds the same characters before conversion (traditional, full-width).
        assert clean_text(original) == line
    assert len(normalized.offsets) == len(normalized.text)


def _lines_with_offsets(text: str):
    position = 0
    for line in text.split("\n"):
        if line.strip():
            yield position, line
        position += len(line) + 1


def test_comparable_folds_punctuation_width_and_spaces():
    assert comparable("（一） 主动公开，2024 年") == comparable("(一)主动公开,2024年")


def test_tab_table_rows_do_not_make_unwrapped_text_look_wrapped():
    # A text file with one paragraph per line and the tables as tab-separated rows of similar
    # lengths: the rows must not pass for lines wrapped at a page width, or the title and
    # the paragraphs separated by blank lines would be glued together.
    title = "某某市某某区市场监督管理局2024年政府信息公开工作年度报告"
    opening = "本报告根据《中华人民共和国政府信息公开条例》要求编制，内容包括"
    rows = [
        f"{label}\t{made}\t{repealed}\t{valid}"
        for label, made, repealed, valid in [
            ("规章制度文件本年度制发情况统计", 1, 0, 11),
            ("行政规范性文件本年度制发情况统计", 8, 26, 66),
            ("行政许可事项本年度办理情况统计", 120, 3, 45),
            ("行政处罚事项本年度办理情况统计", 40, 7, 9),
            ("行政强制事项本年度办理情况统计", 2, 0, 1),
            ("行政事业性收费本年度情况统计表", 0, 0, 3),
            ("本年新收政府信息公开申请数量统计", 17, 0, 17),
            ("上年结转政府信息公开申请数量统计", 1, 0, 1),
            ("本年度行政复议案件办理情况统计表", 2, 1, 0),
            ("本年度行政诉讼案件办理情况统计表", 1, 0, 1),
        ]
    ]
    text = "\n\n".join([title, opening, "一、总体情况", "全年主动公开政府信息1200条，办理依申请公开17件，按时答复率100%。"]) + "\n" + "\n".join(rows)
    lines = paragraphs(text)
    assert title in lines
    assert opening in lines
    assert all(row.replace("\t", " ") in [line.replace("\t", " ") for line in lines] for row in rows)


def test_page_numbers_in_their_usual_forms_removed_sentence_joined():
    for mark in ("- 3 -", "—— 3 ——", "－12－", "第3页，共12页", "第 3 页", "3/12"):
        text = f"一、总体情况\n全年主动公开政府信息1200条，其中政策文件\n{mark}\n56件，政策解读12篇。"
        assert paragraphs(text) == ["一、总体情况", "全年主动公开政府信息1200条，其中政策文件56件，政策解读12篇。"], mark


# --------------------------------------------------------------------------------------------
# Crawled text: headings glued on both sides, table rows run together
# --------------------------------------------------------------------------------------------

CRAWLED = (
    "某某县人民政府2023年政府信息公开工作年度报告本报告由某某县人民政府办公室编制。一、总体情况2023年，某某县坚持以公开为常态，"
    "全面推进政务公开，公开质量持续加强。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
    "规章000行政规范性文件312三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    "申请人情况自然人总计一、本年新收政府信息公开申请数量2000002二、上年结转政府信息公开申请数量0000000"
    "四、政府信息公开行政复议、行政诉讼情况行政复议结果维持000五、存在的主要问题及改进情况一是公开深度不够。二是解读形式单一。"
    "下一步将加强培训。六、其他需要报告的事项本年度未收取信息处理费。"
)


def test_section_headings_glued_on_both_sides_are_cut_out():
    lines = paragraphs(CRAWLED)
    assert "二、主动公开政府信息情况" in lines  # heading cut from the prose before and the table after it
    assert any(line.startswith("第二十条第（一）项") for line in lines)
    assert any(line.startswith("四、政府信息公开行政复议、行政诉讼情况") for line in lines)
    # A heading with its first paragraph glued on stays one unit (ANNOTATION.md's blob rule).
    assert any(line.startswith("一、总体情况2023年，某某县") for line in lines)
    assert any(line.startswith("五、存在的主要问题及改进情况一是公开深度不够。") for line in lines)
    assert any(line.startswith("六、其他需要报告的事项本年度未收取") for line in lines)


def test_glued_table_rows_split_at_their_labels():
    lines = paragraphs(CRAWLED)
    assert any(line.startswith("一、本年新收政府信息公开申请数量2000002") for line in lines)
    assert any(line.startswith("二、上年结转政府信息公开申请数量0000000") for line in lines)


def test_glued_report_without_any_whitespace_keeps_its_sections():
    from nlp.structure import parse_text

    report = parse_text(CRAWLED.replace("，", "，"))
    assert report.section_keys[1:] == ["overview", "active", "requests", "review_litigation", "problems_improvements", "other_matters"]


def test_listing_of_the_parts_is_not_cut():
    text = (
        "本报告包括：1.总体情况，2.主动公开政府信息情况，3.收到和处理政府信息公开申请情况；全文包括：总体情况；主动公开政府信息情况；"
        "收到和处理政府信息公开申请情况；其他需要报告的事项等。本单位在“主动公开政府信息情况”栏目下发布信息。" * 3
    )
    assert len(paragraphs(text)) == 1


def test_template_titles_in_prose_do_not_split_real_reports(shared):
    """Every line of the seeds and the page openings: a cut only where the parser then opens a section."""
    import json

    from nlp.normalize import NormalizedText, split_glued_lines
    from nlp.normalize.breaks import RUN_IN_TITLE

    texts = [json.loads(line)["text"] for line in (shared / "corpus" / "pages_dev.jsonl").open(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in sorted((shared / "seeds").glob("*.txt"))]
    cut_lines = 0
    for text in texts:
        for line in text.split("\n"):
            if len(line) < 120:
                continue
            pieces = split_glued_lines(NormalizedText.identity(line)).text.split("\n")
            for piece in pieces[1:]:
                if not piece.strip():
                    continue
                cut_lines += 1
                # A cut starts a numbered item, a template heading or a table row label, or (a flattened page's)
                # a run-in title after a sentence (`…1038条。强化政策解读。采取…`); never mid-sentence.
                starts = re.match(r"[（(一二三四五六七八九十\d]|首先|其次|再次|最后|总计|合计", piece.strip())
                assert starts or re.match(f"(?:{RUN_IN_TITLE.pattern})。", piece.strip()), piece[:60]
    assert cut_lines > 0


# --------------------------------------------------------------------------------------------
# Pages saved element by element: every number on a line of its own
# --------------------------------------------------------------------------------------------

FRAGMENTED = "\n".join(
    [
        "某某市某某局",
        "20",
        "23",
        "年政府信息公开工作年度报告",
        "一",
        "、",
        "总体情况",
        "20",
        "23",
        "年，某某局共主动公开政府信息",
        "34",
        "条，其中规范性文件",
        "3",
        "件。",
        "（一）主动公开情况。",
        "全年更新栏目",
        "12",
        "个。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "规章",
        "0",
        "行政规范性文件",
        "3",
        "2",
        "7",
        "三、收到和处理政府信息公开申请情况",
    ]
)


def test_fragmented_prose_is_rejoined_and_tables_keep_their_number_lines():
    lines = paragraphs(FRAGMENTED)
    assert "某某市某某局2023年政府信息公开工作年度报告" in lines
    assert "一、总体情况" in lines
    assert "2023年，某某局共主动公开政府信息34条，其中规范性文件3件。" in lines[lines.index("一、总体情况") + 1]
    # A run-in heading closed by a full stop is an element of its own on most such pages (see
    # docs/reading.md); its paragraph's pieces are joined after it.
    assert lines[lines.index("（一）主动公开情况。") + 1] == "全年更新栏目12个。"
    table = lines[lines.index("二、主动公开政府信息情况") + 1 : lines.index("三、收到和处理政府信息公开申请情况")]
    assert table[-5:] == ["规章", "0", "行政规范性文件", "3", "2", "7"][-5:]
    assert "0" in table and table.count("3") == 1


def test_text_without_fragments_is_left_alone():
    # Ordinary lines with numbers inside them: nothing is rejoined, so labelled units keep their lines.
    text = "（一）主动公开情况。\n全年主动公开信息34条，更新栏目12个。\n（二）依申请公开情况。\n全年收到申请2件。"
    assert paragraphs(text) == text.split("\n")


# Kinds of line break on pages saved element by element. Each text starts with an opening whose
# numbers stand alone in mid-sentence, so that the page is recognised as such.
_OPENING = ["某某局", "20", "24", "年政府信息公开工作年度报告", "一、总体情况", "20", "24", "年，某某局主动公开信息", "56", "条，更新栏目", "8", "个。"]


def fragmented(*elements: str) -> list[str]:
    return paragraphs("\n".join([*_OPENING, *elements]))


def test_fragment_opening_is_recognised():
    lines = fragmented()
    assert lines == ["某某局2024年政府信息公开工作年度报告", "一、总体情况", "2024年，某某局主动公开信息56条，更新栏目8个。"]


def test_numbers_of_headings_and_items_join_their_titles():
    lines = fragmented("1.", "主动公开情况", "全年公开信息", "12", "条。", "一", "是加大公开力度。", "一是", "网站栏目设置有待进一步加强。")
    assert "1.主动公开情况" in lines
    assert "全年公开信息12条。" in lines
    assert "一是加大公开力度。" in lines
    assert "一是网站栏目设置有待进一步加强。" in lines


def test_heading_title_in_pieces_is_one_heading():
    lines = fragmented(
        "（一）主动公开", "方面", "。", "全年公开信息", "12", "条。",
        "（", "二", "）", "依申请公开", "方面。", "全年收到申请", "3", "件。",
        "（三）加强", "政府信息管理。", "建立审核制度。",
        "（四）平台建设", "根据", "省里要求，开设栏目", "2", "个。",
    )  # fmt: skip
    assert lines[3:] == [
        "（一）主动公开方面。", "全年公开信息12条。",
        "（二）依申请公开方面。", "全年收到申请3件。",
        "（三）加强政府信息管理。", "建立审核制度。",
        # `根据` opens the paragraph: it is no word that ends a title
        "（四）平台建设", "根据省里要求，开设栏目2个。",
    ]  # fmt: skip


def test_items_counted_inside_a_sentence_continue_it():
    lines = fragmented("存在的问题：", "一", "是公开内容不够丰富；", "二是", "解读形式单一。", "一", "是针对", "新要求，主动意识有待提高。")
    assert "存在的问题：一是公开内容不够丰富；二是解读形式单一。" in lines
    # an item that opens a paragraph is no heading: its words run on into the sentence
    assert lines[-1] == "一是针对新要求，主动意识有待提高。"


def test_numbered_heading_in_two_elements_ends_a_table():
    lines = fragmented(
        "四、政府信息公开行政复议、行政诉讼情况", "行政复议", "结果维持", "0",
        "五、", "存在的主要问题及改进情况", "本年存在的问题：", "一", "是栏目更新不及时；", "二是", "解读不足。",
    )  # fmt: skip
    assert "五、存在的主要问题及改进情况" in lines
    assert lines[-1] == "本年存在的问题：一是栏目更新不及时；二是解读不足。"
    assert "0" in lines  # the table's number stays a line of its own


def test_title_that_introduces_its_content_stays_a_heading():
    lines = fragmented("（二）信息公开处理费收取情况：", "无。", "2.", "信息处理费收取情况", "无。")
    assert lines[3:] == ["（二）信息公开处理费收取情况：", "无。", "2.信息处理费收取情况", "无。"]


def test_brackets_and_title_marks_on_lines_of_their_own_continue_the_sentence():
    lines = fragmented("本报告可在政府网站", "（", "https://www.example.gov.cn/", "）", "下载。", "印发《关于印发", "<", "某某局公开制度", ">", "的通知》。")
    assert "本报告可在政府网站（https://www.example.gov.cn/）下载。" in lines
    assert lines[-1] == "印发《关于印发<某某局公开制度>的通知》。"


def test_signature_with_its_date_in_pieces():
    lines = fragmented("暂无其他需要报告的事项。", "某某市文化", "和旅游", "局", "20", "25", "年", "1", "月", "14", "日")
    assert lines[-3:] == ["暂无其他需要报告的事项。", "某某市文化和旅游局", "2025年1月14日"]


def test_pages_with_inline_numbers_are_recognised_by_their_breaks():
    # No number stands alone, but lines break after commas and headings' numbers stand apart.
    text = "\n".join(
        [
            "某某局2024年政府信息公开工作年度报告", "根据《条例》要求，", "现将本局2024年工作情况报告如下。",
            "一、总体情况", "本局主动公开信息56条，", "更新栏目8个，", "办理申请3件。", "1.", "主动公开情况", "全年发布文件5件。",
        ]
    )  # fmt: skip
    lines = paragraphs(text)
    assert "根据《条例》要求，现将本局2024年工作情况报告如下。" in lines
    assert "本局主动公开信息56条，更新栏目8个，办理申请3件。" in lines
    assert "1.主动公开情况" in lines


def test_text_wrapped_at_a_fixed_width_is_not_taken_for_a_fragmented_page():
    from nlp.normalize import is_fragmented, table_region_lines

    clause = "本局坚持以公开为常态不公开为例外持续推进政务公开"
    wrapped = [(clause * 2)[i : i + 29] + "，" for i in range(12)]
    assert not is_fragmented(wrapped, table_region_lines(wrapped))
    # the same clause breaks at lengths that vary are a page's elements
    uneven = [(clause * 2)[: 8 + 3 * i] + "，" for i in range(12)]
    assert is_fragmented(uneven, table_region_lines(uneven))


def test_table_line_test_equals_the_plain_regex_on_damaged_rows():
    """`looks_like_table_line` skips its trailing-cells search by the line's last character; the
    answer must be the search's own on rows and prose with every kind of ending."""
    import random

    from nlp.normalize.lines import _ALL_CELLS, _NUMBERS, _TRAILING_CELLS, looks_like_table_line

    def by_search(line: str) -> bool:
        stripped = line.strip()
        if not stripped:
            return False
        if "\t" in stripped or stripped.count("|") >= 2:
            return True
        if not _NUMBERS.search(stripped):
            return False
        if _ALL_CELLS.match(stripped):
            return True
        return bool(_TRAILING_CELLS.search(stripped)) and not stripped.endswith("。")

    rng = random.Random(5)
    pieces = ["本年新收政府信息公开申请数量", " 12", " 3 4 5", " —", " 无", " /", " -", "件", "。", "，", "１２", "٣", " 1,234", " 0.5", "\u3000", " x", "％"]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(3000)]
    assert sum(map(looks_like_table_line, lines)) > 100, "too few rows among the generated lines to compare"
    assert [looks_like_table_line(line) for line in lines] == [by_search(line) for line in lines]


def test_a_section_heading_in_its_own_words_ends_a_table_on_an_element_page():
    lines = fragmented(
        "四、政府信息公开行政复议、行政诉讼情况", "结果维持", "结果纠正", "总计", "0", "0",
        "五、存在的主要问题及下一步工作计划", "1.", "存在的主要问题和不足。", "信息更新不及时。",
    )
    assert "1.存在的主要问题和不足。" in lines


def test_table_words_listed_in_prose_do_not_open_a_table():
    # `主动公开、依申请公开或不予公开` names the tables' words inside a sentence cut at the page's elements.
    lines = fragmented("发文时，", "明确是否主动公开、依申请公开或不予公开", "，做到及时更新", "。")
    assert lines[-1] == "发文时，明确是否主动公开、依申请公开或不予公开，做到及时更新。"


def test_lines_cut_inside_clauses_are_joined_without_numbers_alone():
    # A page broken at its inline elements but with its numbers inline: clauses cut in their words.
    text = "\n".join([
        "一、总体情况",
        "本年度，我局认真贯彻落实条例，坚持以公开为常",
        "态、不公开为例外，扎实推进政务公开工作，各项工",
        "作取得新成效。",
        "（一）主动公开情况",
        "全年主动公开信息34条，其中规范性文件",
        "3件，更新栏目12个，回应关切",
        "8次。",
    ])
    assert paragraphs(text) == [
        "一、总体情况",
        "本年度，我局认真贯彻落实条例，坚持以公开为常态、不公开为例外，扎实推进政务公开工作，各项工作取得新成效。",
        "（一）主动公开情况",
        "全年主动公开信息34条，其中规范性文件3件，更新栏目12个，回应关切8次。",
    ]


def test_a_furniture_line_inside_a_sentence_goes():
    lines = fragmented("全年收到政府信息公开申请", "打印本页", "3件，均已按时答复。")
    assert lines[-1] == "全年收到政府信息公开申请3件，均已按时答复。"
    # Between two sentences it is the page's furniture, kept as its own line.
    lines = fragmented("全年收到申请3件。", "打印本页", "均已按时答复。")
    assert "打印本页" in lines


def _hard_wrapped(paragraph: str, width: int) -> list[str]:
    return [paragraph[i : i + width] for i in range(0, len(paragraph), width)]


# Written for this test: report paragraphs; the second is 60 characters, two full lines at width 30.
WRAPPED_PARAGRAPHS = [
    "本年度，县农业农村局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕乡村振兴重点工作，及时公开强农惠农政策、项目资金分配和农产品质量安全监管信息，全年主动公开政府信息二百余条。",
    "目前，我局政务公开工作还存在一些薄弱环节：一是部分政策解读仍以文字为主，可读性有待增强；二是部分科室的信息发布还不及时。",
    "下一步，我局将推行政策文件与解读材料同步发布，建立信息发布时限提醒和通报机制，确保信息按时公开，同时加强业务培训，提升工作人员的业务能力和服务水平。",
    "全年共收到政府信息公开申请十二件，均在法定期限内予以答复，未发生因政府信息公开引起的行政复议和行政诉讼，未收取任何信息处理费用，群众满意度较高。",
    "我局进一步加强门户网站和政务新媒体建设管理，完善栏目设置，及时更新涉农补贴、动物防疫、农机购置补贴等信息，方便群众查询和办事，提升公开实效。",
]


def test_a_sentence_ending_at_the_wrap_width_before_a_blank_line_ends_its_paragraph():
    """Text whose paragraphs are set apart by blank lines and hard-wrapped inside them (a page's text column
    copied out): a paragraph whose last sentence fills its last line exactly still ends there."""
    width = 30
    assert len(WRAPPED_PARAGRAPHS[1]) == 2 * width and WRAPPED_PARAGRAPHS[1].endswith("。")
    text = "\n\n".join("\n".join(_hard_wrapped(p, width)) for p in WRAPPED_PARAGRAPHS) + "\n"
    lines = [line for line in normalize(text).text.split("\n") if line.strip()]
    assert lines == WRAPPED_PARAGRAPHS


def test_word_level_pinyin_glosses_read_as_the_text_without_them():
    """Pinyin after words, syllables apart or together, in either bracket (`政府(zhèng fǔ)`, `实现（shíxiàn）`):
    every writer's dev report normalises exactly as without them."""
    from tests.authored_sets import dev_reports
    from tests.damage import pinyin_glossed_words

    texts = [(record["doc_id"], record["text"]) for record in dev_reports()]
    assert len(texts) > 100
    for doc_id, text in texts:
        glossed = pinyin_glossed_words(text)
        assert glossed.count("(") + glossed.count("（") > text.count("(") + text.count("（") + 10, doc_id
        assert normalize(glossed).text == normalize(text).text, doc_id


def test_bracketed_latin_that_is_not_a_gloss_kept():
    cleaned = normalize("开通政务APP(app)和微信(WeChat)公众号，设置公开栏(ban)2处。").text
    assert "(app)" in cleaned and "(WeChat)" in cleaned and "(ban)" in cleaned
