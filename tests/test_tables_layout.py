"""Lines → tokens → groups → placed cells, and digit-run decoding (small tables written here)."""

from __future__ import annotations

import pytest

from nlp.tables.digits import blocks_hold, decode_runs, split_runs
from nlp.tables.layout import (
    BLANK,
    DECODED,
    EMPTY,
    EXACT,
    EXTRA_DROPPED,
    NUM,
    POSITIONAL,
    TEXT,
    group_lines,
    is_furniture,
    place,
    tokenize_line,
)
from nlp.tables.schema import compact, get_template, match_rows, note_column, recognise_template


def kinds(text: str) -> list[tuple[str, object]]:
    line = tokenize_line(text)
    assert line is not None
    return [(t.kind, t.value if t.kind != TEXT else t.raw.strip()) for t in line.tokens]


def groups_of(*lines: str):
    tokenized = [tokenize_line(text, i) for i, text in enumerate(lines)]
    return group_lines([t for t in tokenized if t is not None])


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("规章\t0\t12\t3", [(TEXT, "规章"), (NUM, 0), (NUM, 12), (NUM, 3)]),
        ("规章 | 1 | 0 | 11", [(TEXT, "规章"), (NUM, 1), (NUM, 0), (NUM, 11)]),
        ("| 行政许可 | 447228 |", [(TEXT, "行政许可"), (NUM, 447228)]),
        ("行政事业性收费 96171.6", [(TEXT, "行政事业性收费"), (NUM, 96171.6)]),
        ("行政许可 1,234,567", [(TEXT, "行政许可"), (NUM, 1234567)]),
        ("行政许可\t—", [(TEXT, "行政许可"), (BLANK, None)]),
        ("规章 / 无 —", [(TEXT, "规章"), (BLANK, None), (BLANK, None), (BLANK, None)]),
        ("行政许可 +19 -3", [(TEXT, "行政许可"), (NUM, 19), (NUM, -3)]),
        ("规章 １２ ０", [(TEXT, "规章"), (NUM, 12), (NUM, 0)]),
    ],
)
def test_cells_in_every_separator_style(text, expected):
    assert kinds(text) == expected


def test_item_numbers_years_units_and_brackets_are_text_not_cells():
    assert [k for k, _ in kinds("1.属于国家秘密 2 0 0 0 0 0 2")] == [TEXT] + [NUM] * 7
    assert kinds("3、其他 108 2 0 0 0 0 110")[0] == (TEXT, "3、其他")
    assert all(k == TEXT for k, _ in kinds("2024 年，全市共受理申请 3119 件"))
    assert all(k == TEXT for k, _ in kinds("信息内容 本年收费金额（单位：万元，保留4位小数）"))
    assert all(k == TEXT for k, _ in kinds("第2项 5、 机构建设情况"))


def test_a_cell_note_stays_with_its_number():
    line = tokenize_line("22（其中修订 16 件）")
    assert line is not None and [(t.kind, t.value, t.note) for t in line.tokens] == [(NUM, 22, "其中修订16件")]


def test_empty_cells_keep_their_position_only_in_separated_rows():
    assert kinds("\t\t0\t0") == [(EMPTY, None), (EMPTY, None), (NUM, 0), (NUM, 0)]
    assert kinds("0  0") == [(NUM, 0), (NUM, 0)]


def test_glued_digits_are_cut_from_labels_and_item_numbers():
    assert kinds("规章000规范性文件6233440") == [(TEXT, "规章"), (NUM, 0), (TEXT, "规范性文件"), (NUM, 6233440)]
    # `…秘密` cells `0000000`, then item `2.` of the next row
    assert kinds("国家秘密00000002.其他法律行政法规禁止公开") == [(TEXT, "国家秘密"), (NUM, 0), (TEXT, "2.其他法律行政法规禁止公开")]


@pytest.mark.parametrize("text", ["- 3 -", "— 12 —", "第 4 页", "---|---|---", "|:---|---:|"])
def test_page_numbers_and_markdown_rules_are_furniture(text):
    assert is_furniture(text) and tokenize_line(text) is None


# --------------------------------------------------------------------------------------------
# Groups
# --------------------------------------------------------------------------------------------


def test_one_cell_per_line_rows_become_one_group_under_their_label():
    groups = groups_of("自然人", "总计", "一、本年新收政府信息公开申请数量", "47", "0", "0", "0", "0", "0", "47", "二、上年结转政府信息公开申请数量", "0", "0")
    assert [len(g.values) for g in groups] == [7, 2]
    assert groups[0].stacked and groups[0].before == ["一.本年新收政府信息公开申请数量"]  # header words dropped


def test_pdf_label_wrapped_around_its_numbers():
    groups = groups_of("（二）部分公开（区分处理的，只计这一情", "447 7 0 0 0 0 454", "形，不计其他情形）", "1.属于国家秘密 2 0 0 0 0 0 2")
    assert groups[0].before == [compact("（二）部分公开（区分处理的，只计这一情")]
    assert groups[0].after == [compact("形，不计其他情形）")]
    assert groups[1].inline == "1.属于国家秘密"


def test_a_line_with_a_label_and_numbers_then_another_label_and_numbers():
    groups = groups_of("规章000规范性文件000")
    assert [(g.inline, len(g.values)) for g in groups] == [("规章", 1), ("规范性文件", 1)]


def test_empty_cells_after_a_label_are_the_label_span_not_blank_cells():
    (group,) = groups_of("四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t")
    assert [t.kind for t in group.cells] == [NUM] * 7
    (unlabelled,) = groups_of("\t\t\t0\t0")
    assert [t.kind for t in unlabelled.cells] == [EMPTY, EMPTY, EMPTY, NUM, NUM]


# --------------------------------------------------------------------------------------------
# Placement
# --------------------------------------------------------------------------------------------

ROW = ((0, 7),)
REVIEW = ((0, 5), (5, 5), (10, 5))


def cells(text: str):
    line = tokenize_line(text)
    assert line is not None
    return [t for t in line.tokens if t.kind != TEXT]


def test_exact_rows_and_blank_cells():
    assert place(cells("3 1 0 0 0 0 4"), 7, ROW).values == (3, 1, 0, 0, 0, 0, 4)
    placement = place(cells("— 0 / 0 无 0 0"), 7, ROW)
    assert placement.how == EXACT and placement.values == (None, 0, None, 0, None, 0, 0)


def test_leading_empty_cells_of_an_unlabelled_row_are_blank_cells():
    placement = place(cells("\t\t\t\t\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1"), 15, REVIEW)
    assert placement.how == POSITIONAL and placement.values[:5] == (None,) * 5 and placement.values[5:] == (0, 0, 0, 0, 0, 1, 0, 0, 0, 1)


def test_a_row_missing_a_number_is_left_out():
    placement = place(cells("32 2 0 0 0 34"), 7, ROW)
    assert not placement.ok and "6 numbers for 7 columns" in placement.detail


def test_surplus_numbers_dropped_only_when_every_choice_agrees_or_one_adds_up():
    assert place(cells(" ".join(["0"] * 16)), 15, REVIEW).values == (0,) * 15
    placement = place(cells("2 0 0 3 5 0 0 0 2 2 0 0 0 0 0 5"), 15, REVIEW)  # a stray `5` after the row
    assert placement.how == EXTRA_DROPPED and placement.values == (2, 0, 0, 3, 5, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0)
    ambiguous = place(cells("1 2 3 4 5 6 7 8"), 7, ())  # no arithmetic: many ways to drop one
    assert not ambiguous.ok


def test_digit_runs_are_decoded_by_the_arithmetic_or_left_out():
    placement = place(cells("21317000001324019"), 15, REVIEW)
    assert placement.how == DECODED and placement.values == (2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19)
    assert place(cells("0000000"), 7, ROW).values == (0,) * 7
    assert place(cells("000"), 3, ()).values == (0, 0, 0)
    assert not place(cells("6233440"), 3, ()).ok  # 62/33/440 or 6/233/440 …: nothing decides
    assert not place(cells("755"), 3, ()).ok  # forced by digit count only: no evidence


def test_split_runs_reports_every_split_that_fits():
    assert split_runs(["6233440"], 3)[:3] == [(6, 2, 33440), (6, 23, 3440), (6, 233, 440)]
    assert (62, 33, 440) in split_runs(["6233440"], 3)
    assert decode_runs(["21317000001324019"], 15, REVIEW)[0] is not None
    assert decode_runs(["112"], 3, ((0, 3),)) == ((1, 1, 2), [(1, 1, 2)])
    # two splits add up (1+0+10 = 10+1+0 = 11): no decision, both candidates reported
    assert decode_runs(["101011"], 4, ((0, 4),)) == (None, [(1, 0, 10, 11), (10, 1, 0, 11)])
    assert decode_runs(["1010"], 3, ((0, 3),)) == (None, [])  # nothing adds up
    assert split_runs(["0012"], 2) == []  # `012` is not a number


def test_blocks_hold_judges_totals_and_blanks():
    assert blocks_hold((1, 2, 3), ((0, 3),)) is True
    assert blocks_hold((1, 2, 4), ((0, 3),)) is False
    assert blocks_hold((1, None, 3), ((0, 3),)) is None


# --------------------------------------------------------------------------------------------
# Schema
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label, row",
    [
        ("一、本年新收政府信息公开申请数量", "new_received"),
        ("本年度新收到的申请", "new_received"),
        ("二、上一年度结转政府信息公开申请数量", "carried_over"),
        ("（ 一 ） 予 以 公 开", "granted"),
        ("3. 危及 “三安 全一 稳定”", "denied_security_stability"),
        ("1、本机关未掌握相关政府信息", "unavailable_not_held"),
        ("(七) 总 计", "total_handled"),
        ("四、结转至下一年度继续办理", "carried_forward"),
    ],
)
def test_request_rows_are_named_by_their_words_whatever_the_wording(label, row):
    found = match_rows(get_template("2021").table("requests"), compact(label))
    assert row in found and found[row] == 2


def test_rows_that_share_words_are_weak_matches():
    found = match_rows(get_template("2021").table("requests"), compact("行政机关不再处理其政府信息公"))
    assert found == {"other_overdue_correction": 1, "other_unpaid_fee": 1}


def test_template_from_headers_and_year():
    assert recognise_template([compact("信息内容 本年制发件数 本年废止件数 现行有效件数")]) == "2021"
    assert recognise_template([compact("信息内容 本年新制作数量 本年新公开数量 对外公开总数量")]) == "2019"
    assert recognise_template(["规章"], year=2020) == "2019"
    assert recognise_template(["规章"]) is None


def test_a_cell_note_names_its_column():
    columns = ("issued", "repealed", "in_force")
    assert note_column("其中修订16件", columns) == "issued"
    assert note_column("含自然失效29件", columns) == "repealed"
    assert note_column("备注", columns) is None


def _prose_by_count(raw: str) -> bool:
    """`is_prose_text` as defined: the CJK characters counted one by one."""
    if "。" not in raw:
        return False
    cjk = sum(1 for c in raw if "\u4e00" <= c <= "\u9fff")
    return cjk >= 15 and "。" in raw.rstrip("。 ") or cjk >= 20


def test_prose_is_told_by_its_count_of_chinese_characters() -> None:
    import random

    from nlp.tables.layout import is_prose_text

    rng = random.Random(7)
    alphabet = ["公", "开", "。", " ", "1", "a", "（", "\u3400", "\u9fff", "\u4e00", "\ua000", "\n", "|", "\t"]
    lines = ["", "。", "公开" * 7 + "。", "公开" * 7 + "公。", "公开" * 10 + "。", "。" + "开" * 15, "开" * 14 + "。。 "]
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(60))) for _ in range(3000)]
    told = [is_prose_text(line) for line in lines]
    assert told == [_prose_by_count(line) for line in lines]
    assert 100 < sum(told) < len(lines) - 100  # both answers are tested


def test_the_glued_line_test_with_its_screens_equals_the_plain_one() -> None:
    """`is_glued` looks for a rule's dashes and a row's separators with `in` before its patterns:
    on lines of every kind (the seeds' lines, glued, markdown, tab-separated) it answers as without."""
    import nlp.tables.glued as glued
    from tests import damage
    from tests.conftest import shared_path

    def plain(line: str) -> bool:
        return len(line) >= glued.MIN_GLUED_CHARS and glued._GLUED_NEEDS.search(line) is not None and bool(
            glued._AFTER_NUMBER.search(line) or glued.MARKDOWN_RULE.search(line) or glued._ROW_AFTER_TEXT.search(line)
            or glued._glued_note(line) or glued._NUMBERS_IN_BRACKETS.search(line)
            or (bool(glued._AFTER_TEXT.search(line)) and len(glued._CELL_RUN.findall(line)) >= 2)
        )

    lines: list[str] = [
        "| 信息内容 | 本年制发件数 | ---|---|--- | 规章 | 0 | 0 | 行政规范性文件 | 3 | 1 |",
        "本年新收政府信息公开申请数量1\t0\t0\t0\t0\t0\t1（一）予以公开2\t0\t0\t0\t0\t0\t2",
        "三、本年度办理结果（一）予以公开 22 0 0 0 0 0 22（二）部分公开 1 0 0 0 0 0 1 （三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0",
    ]
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in (text, damage.join_lines(text), damage.remove_whitespace(text), damage.numbers_on_own_lines(text)):
            lines += variant.split("\n")
    told = [glued.is_glued(line) for line in lines]
    assert told == [plain(line) for line in lines]
    assert any(told) and not all(told)


def _seed_lines() -> list[str]:
    from tests import damage
    from tests.conftest import shared_path

    lines: list[str] = []
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in (text, damage.join_lines(text), damage.numbers_on_own_lines(text), damage.crawler_header(text)):
            lines += variant.split("\n")
    return lines


def test_page_furniture_is_told_as_by_the_patterns_alone() -> None:
    import nlp.tables.tokens as tokens

    def plain(line: str) -> bool:
        stripped = line.strip()
        if tokens._PAGE_MARK.match(stripped):
            return True
        cells = [c.strip() for c in stripped.strip("|").split("|")]
        return len(cells) > 0 and all(tokens._RULE_CELL.match(c) for c in cells if c) and any(cells)

    shapes = ["- 3 -", "—— 12 ——", "－ 4 －", "第3页，共12页", "第 2 页", "3/12", "---|---|---", "|:---:|---|", "===", "___", "|", "", "  ", "1 2 3"]
    lines = shapes + _seed_lines()
    told = [is_furniture(line) for line in lines]
    assert told == [plain(line) for line in lines]
    assert sum(told) >= 8


def test_tables_titled_anywhere_are_found_as_line_by_line() -> None:
    from nlp.structure import parse_text
    from nlp.tables import regions
    from nlp.tables.extract import report_lines
    from tests import damage
    from tests.conftest import shared_path

    checked = 0
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in (text, damage.join_lines(text), damage.numbers_on_own_lines(text), "\n".join(text.split("\n")[:30])):
            lines = [line for i, raw in enumerate(report_lines(parse_text(variant))) if (line := tokenize_line(raw, i)) is not None]
            plain = {table for table in regions.TABLE_KEYS if any(regions._is_title(line, table) for line in lines)}
            assert regions.titles_present(lines) == plain
            assert regions._titled(lines) >= plain
            checked += len(plain)
    assert checked >= 5
