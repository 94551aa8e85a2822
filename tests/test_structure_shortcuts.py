"""The parser's shortcuts answer as the plain tests: `heading_candidate` asks whether a line is a
table row only of lines that could be headings otherwise. Checked on the lines of the seed reports,
damaged the ways crawlers and converters damage them, and on heading shapes written here."""

from __future__ import annotations

from nlp.normalize import looks_like_table_line, normalize_text
from nlp.structure import headings
from nlp.structure.headings import HeadingCandidate, heading_candidate
from tests import damage
from tests.conftest import shared_path

SHAPES = [
    "一、总体情况", "二、主动公开政府信息情况 3 4 5", "总体情况", "总体情况 12 0 3", "其他需要报告的事项。",
    "三、收到和处理政府信息公开申请情况\t1\t2", "1.主动公开政府信息情况", "第一部分 总体情况", "四、结转下年度继续办理 0 0 0",
    "存在的主要问题及改进情况", "五、存在的主要问题及改进情况2023年，本机关……", "（一）主动公开", "10 20 30 40",
    "二、本机关主动公开政府信息情况第二十条第（一）项 3 0 5", "六、其他应说明事项1.本机关未收取费用。", "1.主动公开情况本年度 3 4",
]


def _plain(text: str, line: int) -> HeadingCandidate | None:
    """`heading_candidate` as first written: the table-row test on every line, first."""
    stripped = text.strip()
    match = headings._TOP_NUMBER.match(stripped)
    rest = stripped[match.end() :] if match else ""
    run_on_title = match and (
        headings._GLUED_TEMPLATE_TITLE.match(rest) or (match.group("cn") and headings._GLUED_TOLERANT_TITLE.match(rest))
    )
    if looks_like_table_line(stripped) and not run_on_title:
        return None
    if match:
        raw = match.group("part") or match.group("cn") or match.group("ar")
        style = "part" if match.group("part") else ("cn" if match.group("cn") else "ar")
        title = headings._heading_title(rest, chinese_number=style == "cn")
        if title is None or headings.TABLE_ROW_TITLE.search(title):
            return None
        run_in = bool(headings._RUN_IN_BODY.match(rest))
        return HeadingCandidate(line, headings.chinese_number(raw), style, title, headings.section_key_for_title(title), run_in)
    if len(stripped) <= 40 and headings._is_unnumbered_title(stripped):
        return HeadingCandidate(line, None, "none", stripped.rstrip("。：:"), headings.section_key_for_title(stripped))
    paren = headings.PAREN_NUMBER.match(stripped)
    if paren and len(stripped) <= 40:
        title, number = stripped[paren.end() :], headings.chinese_number(paren.group("cn"))
        whole = headings._is_unnumbered_title(title)
        key = headings.section_key_for_title(title) if whole else headings._reworded_section_key(title, number)
        if key is not None:
            return HeadingCandidate(line, number, "paren", title.rstrip("。：:"), key)
    return None


def test_heading_candidates_equal_the_plain_test() -> None:
    lines = list(SHAPES)
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in (text, damage.numbers_on_own_lines(text), damage.wrap_lines(text), damage.join_lines(text)):
            lines += variant.split("\n") + normalize_text(variant).text.split("\n")
    found = [heading_candidate(line, i) for i, line in enumerate(lines)]
    assert found == [_plain(line, i) for i, line in enumerate(lines)]
    assert sum(c is not None for c in found) > 20 and sum(c is not None and c.style == "none" for c in found) >= 2
    assert sum(c is not None and c.style == "paren" for c in found) >= 1


def test_table_regions_from_shapes_asked_once_equal_the_plain_flags() -> None:
    import random

    from nlp.normalize import TABLE_HEADER
    from nlp.structure.kinds import SENTENCE, region_shapes, table_region_flags

    def plain(lines: list[str], section_lines: set[int]) -> list[bool]:
        flags = [False] * len(lines)
        inside = False
        for index, text in enumerate(lines):
            stripped = text.strip()
            if index in section_lines:
                inside = False
                continue
            prose = len(stripped) >= 40 and bool(SENTENCE.search(stripped)) and not looks_like_table_line(stripped)
            if prose:
                inside = False
            elif TABLE_HEADER.search(stripped) and (len(stripped) <= 60 or looks_like_table_line(stripped)):
                inside = True
            flags[index] = inside and not prose
        return flags

    rng = random.Random(5)
    inside = 0
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in (text, damage.numbers_on_own_lines(text), damage.join_lines(text)):
            lines = [line.strip() for line in normalize_text(variant).text.split("\n") if line.strip()]
            shapes = region_shapes(lines)
            for _ in range(5):
                sections = set(rng.sample(range(len(lines)), min(len(lines), rng.randrange(8))))
                expected = plain(lines, sections)
                assert table_region_flags(lines, sections, shapes) == expected
                assert table_region_flags(lines, sections) == expected
                inside += sum(expected)
    assert inside > 100
