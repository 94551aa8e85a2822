"""Reports as OCR gives them (tests/damage_ocr.py): each kind of damage made on the shared gold and the repair
that handles it (`nlp/normalize/ocr.py`)."""

from __future__ import annotations

import re
from functools import cache

import pytest

import nlp
from nlp.normalize import normalize_text
from nlp.normalize.ocr import is_letter_spaced
from nlp.structure import parse_text
from nlp.tables.extract import read_tables
from tests.conftest import gold_and_whole_report_texts, source_file
from tests.damage import paragraphs_out_of_place
from tests.damage_ocr import OCR_DAMAGE, letter_spaced, space_aligned_tables
from tests.table_layouts import cell_outcomes
from tests.test_damage import GOLD_DOCS

#: Letter-spacing left in a paragraph: four single characters each followed by one space.
STILL_SPACED = re.compile(r"(?<!\S)(?:\S ){4}\S(?!\S)")


def test_letter_spaced_prose_is_closed_and_column_gaps_kept():
    clean = normalize_text("2 0 2 3 年 ， 我 镇 认 真 贯 彻 落 实 《 条 例 》 。\n行 政 许 可   1 2   0   3\n", breaks=None)
    assert clean.text.split("\n")[:2] == ["2023年，我镇认真贯彻落实《条例》。", "行政许可 12 0 3"]


def test_closing_keeps_each_character_at_its_source_offset():
    source = "我 局 全 年 公 开 信 息 1 2 3 条 。"
    clean = normalize_text(source, breaks=None)
    assert clean.text == "我局全年公开信息123条。"
    assert [source[offset] for offset in clean.offsets] == list(clean.text)


@pytest.mark.parametrize(
    "line",
    ["行政许可 0 0 0 0 0", "自然人 商业企业 科研机构 社会公益组织", "【字体：大 中 小】", "Word Word 文件"],
)
def test_lines_that_are_not_letter_spaced_stay(line):
    assert not is_letter_spaced(line)
    assert normalize_text(line, breaks=None).text == line


def test_the_damage_makers_make_their_damage():
    text = "一、总体情况\n2023年，我镇认真贯彻落实。\n行政许可\t1\t\t3\n"
    spaced = letter_spaced(text, tables=True)
    assert "2 0 2 3 年 ， 我" in spaced and "行 政 许 可   1      3" in spaced
    assert "1\t" in letter_spaced(text)  # table rows kept unless asked
    aligned = space_aligned_tables(text)
    assert "\t" not in aligned and re.search(r"行政许可 {2,}1 {2,}3", aligned)


@cache
def _texts() -> dict[str, str]:
    return gold_and_whole_report_texts()


@pytest.mark.parametrize("damage", ["ocr_spaced_prose", "ocr_spaced_half", "ocr_spaced_tables"])
def test_letter_spaced_reports_keep_their_sections_and_plain_paragraphs(damage):
    """The 11 gold and 31 whole reports letter-spaced: every section found, narrative in its section (one
    crawled report whose `1.` item numbers stand on lines of their own may lose one), no paragraph still spaced
    but the lone figures of such crawled lines (`2 0 1 9` alone on a line: one number or four cells)."""
    lost, moved, spaced, paragraphs = [], 0, 0, 0
    for doc_id, text in _texts().items():
        before, after = parse_text(text), parse_text(OCR_DAMAGE[damage](text))
        if set(before.section_keys) - set(after.section_keys):
            lost.append(doc_id)
        moved += bool(paragraphs_out_of_place(before, after))
        for section in after.sections:
            for paragraph in section.paragraphs:
                if paragraph.kind == "narrative":
                    paragraphs += 1
                    spaced += bool(STILL_SPACED.search(paragraph.text))
    assert lost == []
    assert moved <= 1
    assert spaced <= 0.01 * paragraphs


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_letter_spaced_prose_keeps_every_gold_cell(doc_id, tmp_path):
    """Prose letter-spaced, tables as they were: no cell becomes wrong or invented, and at most a few are left
    out, each with a warning naming its row."""
    text = nlp.read_text(source_file(doc_id))
    gold = _gold(doc_id)
    path = tmp_path / f"{doc_id}.txt"
    path.write_text(OCR_DAMAGE["ocr_spaced_prose"](text), encoding="utf-8")
    counts, bad = cell_outcomes(gold, read_tables(nlp.read_report(path)))
    assert counts["wrong"] == counts["invented"] == counts["silent"] == 0, bad


def _gold(doc_id: str) -> dict:
    import json

    from tests.conftest import shared_path

    for name in ("seed_tables.jsonl", "reports_tables.jsonl"):
        with shared_path("gold", name).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and (record := json.loads(line))["doc_id"] == doc_id:
                    return record
    pytest.skip(f"no gold cells for {doc_id}")


def test_a_section_number_split_from_its_title_is_joined_again():
    text = "三\n、收到和处理政府信息公开申请情况\n本年收到申请5件。\n二\n、本年新收申请数量\n"
    lines = normalize_text(text, breaks=None).text.split("\n")
    assert lines[0] == "三、收到和处理政府信息公开申请情况"
    assert "二" in lines  # a table row's label (no section's words) stays as the OCR gave it


def test_reports_with_section_numbers_split_read_as_before():
    """Every section number of the 11 gold and 31 whole reports on a line of its own: each report's narrative
    paragraphs stay in the sections their undamaged text gives them."""
    moved = [doc_id for doc_id, text in _texts().items() if paragraphs_out_of_place(parse_text(text), parse_text(OCR_DAMAGE["ocr_number_split"](text)))]
    assert moved == []


_PAGE = "我局全年主动公开政府信息一百二十条，其中机构职能类信息二十条，政策文件类信息三十条，"


def test_running_heads_beside_page_numbers_go_with_the_numbers():
    head = "某某县某某局2023年政府信息公开工作年度报告"
    text = "\n".join([head, "一、总体情况", _PAGE, "- 1 -", head, "工作动态类信息七十条。", "二、主动公开政府信息情况", _PAGE, "2", head, "其他信息十条。"])
    lines = normalize_text(text, breaks=None).text.split("\n")
    assert lines[0] == head and lines.count(head) == 1
    assert "2" not in lines and _PAGE + "工作动态类信息七十条。" in lines


def test_a_tables_label_beside_its_figures_is_no_running_head():
    text = "行政复议\n结果维持\n0\n尚未审结\n0\n总计\n0\n行政诉讼\n结果维持\n0\n总计\n0\n"
    assert normalize_text(text, breaks=None).text.split("\n")[:12] == text.split("\n")[:12]


def test_printed_lines_of_an_indented_page_join_even_after_a_sentence_end():
    """Each printed line a line, paragraphs opened by an indent: a full line that ends a sentence continues its
    paragraph where the next line has no indent; an indented line opens one."""
    paragraph = [
        "    我局认真贯彻落实《条例》要求，全年主动公开政府信息一百二十条，其中机构",
        "职能类信息二十条，政策文件类信息三十条，工作动态类信息七十条，以上信息",
        "全部信息在门户网站政府信息公开专栏集中发布，方便群众查阅和监督，同时报",
        "送市档案馆和市图书馆。",
    ]
    problems = ["    主要问题是业务培训还不够深入，信息公开的及时性和规范性还有待提高。", "下一步我们将加强业务学习培训，健全信息发布协调机制，进一步提高公开质量。"]
    page = ["（一）主动公开", *paragraph, "（二）存在问题", *problems]
    clean = normalize_text("\n".join(page * 3), breaks=None).text.split("\n")
    assert clean == ["（一）主动公开", "".join(line.strip() for line in paragraph), "（二）存在问题", "".join(line.strip() for line in problems)] * 3


@pytest.mark.parametrize("damage", ["ocr_printed_indent", "ocr_all"])
def test_printed_reports_keep_their_sections_and_most_paragraphs_whole(damage):
    """The 11 gold and 31 whole reports as printed lines with page numbers and running heads between pages: every
    section found, and the paragraphs of at least two reports in three in their sections whole (before the
    repairs for printed lines, 37 of 42 reports had a paragraph cut or out of place)."""
    lost, moved = [], 0
    for doc_id, text in _texts().items():
        before, after = parse_text(text), parse_text(OCR_DAMAGE[damage](text))
        lost += [doc_id] if set(before.section_keys) - set(after.section_keys) else []
        moved += bool(paragraphs_out_of_place(before, after))
    assert lost == []
    assert moved <= len(_texts()) / 3


def test_half_width_punctuation_between_chinese_text_is_read_full_width():
    clean = normalize_text("全年办结12件(含上年结转3件) , 均按期答复; 其中: 予以公开10件。\n存在问题:", breaks=None).text
    assert clean == "全年办结12件(含上年结转3件)，均按期答复；其中：予以公开10件。\n存在问题："
    for kept in ("共计1,234元", "上午10:30开始", "网址http://www.example.cn/", "Word, Excel"):
        assert normalize_text(kept, breaks=None).text == kept


@pytest.mark.parametrize("damage", ["ocr_half_width", "ocr_half_width_spaced"])
def test_reports_with_half_width_punctuation_read_as_full_width_ones(damage):
    """The 11 gold and 31 whole reports with `,` `:` `;` `(一)` for `，` `：` `；` `（一）`: every narrative
    paragraph stays whole in its section (a figure before `件,` cut paragraphs before the repair)."""
    moved = [doc_id for doc_id, text in _texts().items() if paragraphs_out_of_place(parse_text(text), parse_text(OCR_DAMAGE[damage](text)))]
    assert len(moved) <= 1, moved


def test_a_space_aligned_rows_empty_leading_cells_come_from_the_header_columns_above():
    from nlp.tables.spacecolumns import leading_empty_cells

    above = ["行政复议            行政诉讼", "维持  纠正  总计  维持  纠正  总计"]
    assert leading_empty_cells("                     3     1     4", above) == 3
    assert leading_empty_cells("  3     1     4     0     0     0", above) == 0  # no empty cell
    assert leading_empty_cells("                   3 1 4", above) == 0  # not under the columns: left as it was
    assert leading_empty_cells("                     3     1     4", ["四、政府信息公开行政复议、行政诉讼情况"]) == 0


@pytest.mark.parametrize("damage", ["ocr_tables_figures_first", "ocr_tables_figures_second", "ocr_all"])
@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_space_aligned_tables_keep_every_gold_cell(doc_id, damage, tmp_path):
    """Tables as columns aligned by spaces, a long label wrapped (figures on its first or second line), an empty
    cell only spaces: every gold cell is read, none left out, wrong or invented."""
    path = tmp_path / f"{doc_id}.txt"
    path.write_text(OCR_DAMAGE[damage](nlp.read_text(source_file(doc_id))), encoding="utf-8")
    counts, bad = cell_outcomes(_gold(doc_id), read_tables(nlp.read_report(path)))
    assert counts["wrong"] == counts["invented"] == counts["silent"] == counts["warned"] == 0, bad


def test_an_unnumbered_title_after_a_full_line_is_not_joined():
    """A sentence's end at the page's edge, then a title without a number or a stop (`基本情况`): two lines."""
    paragraph = [
        "    我局认真贯彻落实《条例》要求，全年主动公开政府信息一百二十条，其中机构",
        "职能类信息二十条，政策文件类信息三十条，工作动态类信息七十条，以上信息",
        "全部在门户网站政府信息公开专栏集中发布，方便群众查阅和监督。本报告所列",
        "数据统计时间为本年度一月一日至十二月三十一日，全部数据均经过审核确认。",
    ]
    clean = normalize_text("\n".join([*paragraph, "基本情况", *paragraph]), breaks=None).text.split("\n")
    assert clean == ["".join(line.strip() for line in paragraph), "基本情况", "".join(line.strip() for line in paragraph)]


def test_figures_after_a_rows_label_stay_apart_and_figures_before_a_unit_close():
    """A letter-spaced row whose cells are apart by single spaces (a PDF's text) keeps its cells; in prose, and in
    a cell of its own between column gaps, a spaced figure is one figure."""
    assert normalize_text("行 政 许 可 0 2 4", breaks=None).text == "行政许可 0 2 4"
    assert normalize_text("规  章 1527 0 0", breaks=None).text == "规 章 1527 0 0"
    assert normalize_text("行 政 许 可 0 -1 0", breaks=None).text == "行政许可 0 -1 0"
    assert normalize_text("规  章 0 0 —", breaks=None).text == "规 章 0 0 —"
    assert normalize_text("我 局 全 年 公 开 信 息 1 2 3 条 。", breaks=None).text == "我局全年公开信息123条。"
    assert normalize_text("行 政 许 可   1 2   0   3", breaks=None).text == "行政许可 12 0 3"


def test_the_reports_title_beside_its_one_page_number_is_a_running_head():
    head = "某某县某某局2023年政府信息公开工作年度报告"
    text = "\n".join([head, "一、总体情况", _PAGE, "二", "第 1 页", head, "、主动公开政府信息情况", "本年制发规范性文件3件。"])
    lines = normalize_text(text, breaks=None).text.split("\n")
    assert lines[0] == head and lines.count(head) == 1
    assert "二、主动公开政府信息情况" in lines


def test_lone_digits_among_cells_laid_one_a_line_are_one_figure_spaced():
    """In a letter-spaced text, `6 8` among a table's cells printed one a line is one figure (`68`); a row's cells
    apart by single spaces under its label (`0 0 0`) stay cells."""
    spaced = "\n".join(["我 镇 认 真 贯 彻 落 实 条 例 要 求"] * 3)
    stacked = normalize_text(f"{spaced}\n政 府 集 中 采 购\n   0\n   6 8\n   2 7 9\n").text
    assert "68" in stacked and "279" in stacked
    rows = normalize_text(f"{spaced}\n行政许可\n0 0 0\n行政处罚\n1 0 2\n").text
    assert "0 0 0" in rows and "1 0 2" in rows


_ADDRESS = re.compile(r"(?:https?://|www\.)[\w./%?=&#~:+-]+|[\w.-]+@[\w-]+(?:\.[\w-]+)+")


def test_a_web_address_cut_at_the_margin_is_joined_without_a_space():
    """Kind: a printed line wraps inside a web or mail address (no space in it to wrap at). Latin words cut by a
    wrap keep a space; an address goes on without one."""
    from nlp.normalize.text import NormalizedText
    from nlp.normalize.wraps import join_lines_at

    lines = ["可通过专栏（https://www.example.cn/zfxxgk/bmz", "fxxgk/nb/）下载，或来信至office@example", "cn咨询，或gkb", "gs@example.cn。", "支持Word", "Excel格式。"]
    text = NormalizedText.identity("\n".join(lines))
    joined = join_lines_at(text, lines, {0: 1, 1: 2, 2: 3, 4: 5}).text
    assert "https://www.example.cn/zfxxgk/bmzfxxgk/nb/" in joined and "office@examplecn" in joined and "或gkbgs@example.cn。" in joined
    assert "支持Word Excel格式。" in joined


def test_printed_reports_without_indents_keep_their_web_addresses_whole():
    """The shared gold and whole reports printed with the indent lost: every web and mail address of a narrative
    paragraph stands whole in the damaged report's paragraphs (10 of 54 were cut before: a space put inside, or
    the break kept where no Chinese character stood beside it)."""
    checked, broken = 0, []
    for doc_id, text in _texts().items():
        addresses = {a for p in parse_text(text).paragraphs if p.kind == "narrative" for a in _ADDRESS.findall(p.text)}
        if not addresses:
            continue
        damaged = "\n".join(p.text for p in parse_text(OCR_DAMAGE["ocr_printed_no_indent"](text)).paragraphs)
        checked += len(addresses)
        broken += [(doc_id, a) for a in addresses if a not in damaged]
    assert checked >= 10 and broken == [], broken


def test_ocrs_letters_in_figures_are_digits_again():
    """`2O54`, `43l8.7`, `3l` at a row's end and a lone `O` among figures; words of letters and digits stay."""
    text = "规范性文件\t6\t6\t3l\n行政许可 286 22 2O54\n政府集中采购 52 43l8.7\n上年结转 1 O 0 l 0 0 1\n依托IPv6和5G，开通12345热线，Iphone用户l次。"
    assert normalize_text(text, breaks=None).text.split("\n") == [
        "规范性文件\t6\t6\t31", "行政许可 286 22 2054", "政府集中采购 52 4318.7", "上年结转 1 0 0 1 0 0 1", "依托IPv6和5G，开通12345热线，Iphone用户l次。"
    ]


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_tables_with_letters_for_digits_keep_every_gold_cell(doc_id, tmp_path):
    """A third of the tables' 0s and 1s read as O, o, l or I: every gold cell is read right, none wrong."""
    from tests.damage_ocr import letters_for_digits

    original = nlp.read_text(source_file(doc_id))
    damaged = letters_for_digits(original)
    if damaged == original:
        pytest.skip("its tables are not tab-separated cells as read (a page or a PDF laid out by spaces)")
    path = tmp_path / f"{doc_id}.txt"
    path.write_text(damaged, encoding="utf-8")
    counts, bad = cell_outcomes(_gold(doc_id), read_tables(nlp.read_report(path)))
    before = tmp_path / f"{doc_id}_plain.txt"
    before.write_text(original, encoding="utf-8")
    plain, _ = cell_outcomes(_gold(doc_id), read_tables(nlp.read_report(before)))
    assert counts["wrong"] == counts["invented"] == 0, bad
    assert counts["right"] == plain["right"], (counts, plain)
