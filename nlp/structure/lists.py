"""Lists of numbered items that head nothing: a writer's short sentence units read as subheadings.

Deeply subdivided reports number everything: `一、` `（一）` `1.` `（1）`, and their lowest level is often a run of
one-sentence items (`1.明确综合处为政府信息公开工作机构。` `2.在机关办公楼设置公开栏。`). Short, numbered and
without a clause mark but the final stop, each reads as a subheading line by line. The list tells them apart: a
title heads something (the unnumbered paragraph after it, or a list one level down), an item heads nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.normalize.lines import NOT_DECIMAL
from nlp.structure.headings import chinese_number

_ITEM_NUMBER = re.compile(
    r"^(?:(?P<arabic>\d{1,2})(?P<arabic_mark>[、．]|\." + NOT_DECIMAL + r")"
    r"|[（(](?P<paren_arabic>\d{1,2})[)）]"
    r"|[（(](?P<paren_chinese>[一二三四五六七八九十]{1,3})[)）]"
    r"|(?P<chinese>[一二三四五六七八九十]{1,3})(?P<chinese_mark>[、．.]))"
)
#: How a sentence item ends: a full stop, or a semicolon where the list runs on.
_SENTENCE_END = ("。", "；", ";")
#: A title worded with a final stop (`（二）本年度依申请公开情况。`, `3.平台建设。`): a topic's last word.
_TOPIC_END = re.compile(r"^[^，,]*(?:情况|方面|事项|概述|总结|问题|措施|举措)[。；;]$")
#: Fewest characters after the number for a sentence: a bare topic (`1.公开政策文件。`) is shorter.
_MIN_SENTENCE_CHARS = 8


@dataclass(frozen=True)
class ItemNumber:
    """The numbering of a list's member: its style (`1.`, `1、`, `（1）`, `（一）`, `一、`) and its number."""

    style: str
    number: int


def item_number(line: str) -> ItemNumber | None:
    """The numbering a line opens with, or None. `1.` and `1．` are one style; `1、` another."""
    match = _ITEM_NUMBER.match(line)
    if match is None:
        return None
    if match["arabic"]:
        return ItemNumber("1" + ("、" if match["arabic_mark"] == "、" else "."), int(match["arabic"]))
    if match["paren_arabic"]:
        return ItemNumber("（1）", int(match["paren_arabic"]))
    if match["paren_chinese"]:
        return ItemNumber("（一）", chinese_number(match["paren_chinese"]) or 0)
    return ItemNumber("一" + ("、" if match["chinese_mark"] == "、" else "."), chinese_number(match["chinese"]) or 0)


def reads_as_sentence(line: str) -> bool:
    """A numbered line that is a sentence rather than a topic: it closes with a full stop or a semicolon, says
    more than a bare topic, and its last word is not a topic's (`…情况。`)."""
    match = _ITEM_NUMBER.match(line)
    body = line[match.end() :] if match else line
    return line.endswith(_SENTENCE_END) and len(body) - 1 >= _MIN_SENTENCE_CHARS and not _TOPIC_END.search(line)


def _has_clauses(line: str) -> bool:
    return reads_as_sentence(line) and ("，" in line or "," in line)


def sibling_lists(lines: list[str], kinds: list[str], section_lines: set[int]) -> list[tuple[list[int], bool]]:
    """Every list of numbered siblings in the report, each as (its members' line indexes, whether any member heads
    something). Levels are read as the writer opens them: a style not open yet opens a level below; a style open
    above closes the levels under it; a section's heading closes them all. A member heads something when its next
    content line is neither its next sibling, a line of a level above, a section's heading nor the end: an
    unnumbered paragraph, a list one level down, or its own numbering opening afresh at 1. The last of several
    members alone over something, itself a sentence with a comma, does not count: what follows a list of items
    stands after it."""
    content = [i for i, kind in enumerate(kinds) if kind != "meta"]
    following = {index: (content[place + 1] if place + 1 < len(content) else None) for place, index in enumerate(content)}
    numbers = {i: item_number(lines[i].strip()) for i in content if i not in section_lines}
    open_styles: list[str] = []
    open_lists: dict[str, list[int]] = {}
    found: list[tuple[list[int], list[str]]] = []  # members, and the styles open above and at the list's own
    for index in content:
        if index in section_lines:
            open_styles, open_lists = [], {}
            continue
        number = numbers[index]
        if number is None:
            continue
        if number.style in open_styles:
            for style in open_styles[open_styles.index(number.style) + 1 :]:
                open_lists.pop(style, None)
            open_styles = open_styles[: open_styles.index(number.style) + 1]
            current = open_lists.get(number.style)
            previous = numbers[current[-1]] if current else None
            if current is not None and previous is not None and number.number == previous.number + 1:
                current.append(index)
                continue
        else:
            open_styles.append(number.style)
        open_lists[number.style] = [index]
        found.append((open_lists[number.style], list(open_styles)))

    def heads_something(member: int, levels_above: list[str]) -> bool:
        after = following[member]
        if after is None or after in section_lines:
            return False
        numbered = numbers.get(after)
        if numbered is None or numbered.style not in levels_above:
            return True
        # The same numbering opening afresh right under a member (`1.…` then `1.…`): a list under it, written in
        # its own style, as the writer of a title over numbered paragraphs does.
        return numbered.style == numbers[member].style and numbered.number == 1  # type: ignore[union-attr]

    def heads(members: list[int], levels_above: list[str]) -> bool:
        heading = [heads_something(member, levels_above) for member in members]
        # Only the last of several members over something, and it a sentence of clauses: a list of items, then a
        # paragraph after the list (`此外，…`) or the sign-off (the agency's name); the titles before a title would
        # head nothing. A last member without a comma (`4.加强网站内容的保障。` over its paragraph, after run-in items
        # `1.实现语音识别搜索。门户网站…`) is a title.
        if len(members) > 1 and not any(heading[:-1]):
            return heading[-1] and not _has_clauses(lines[members[-1]].strip())
        return any(heading)

    return [(members, heads(members, levels)) for members, levels in found]


def items_with_nothing_under(lines: list[str], kinds: list[str], section_lines: set[int]) -> list[int]:
    """Members of lists of items read as headings: narrative. A list none of whose members heads anything is a list of
    items (each followed by its next sibling, the last by a line of a level above, a section's heading or the end);
    its members that read as sentences are narrative, labelled by their text. A list where any member heads a
    paragraph or a list below is a list of titles, and stays (`（一）主动公开情况`, `1.公开政策文件。` over its text)."""
    return [
        member
        for members, heads in sibling_lists(lines, kinds, section_lines)
        if not heads
        for member in members
        if kinds[member] == "heading" and reads_as_sentence(lines[member].strip())
    ]
