"""How deeply subdividing writers lay out a section's text: labelled paragraphs split into numbered lists of short
sentence items under numbered subheadings, and (the counter-shape) numbered titles each over its paragraph.

Each transform takes the labelled units of one report (`nlp.labels.LabelledUnit`, in `para_index` order) and
returns them with the narrative of every section that holds no table rewritten: its paragraphs cut into their
sentences (or clauses), each sentence an item of a numbered list (`1.` under `（一）`, `（1）` under `1.`, `（一）`
items straight under the section's heading), labels carried from the paragraph; the subheadings written here are
`heading` units; a list may be followed by a paragraph after it or by the report's sign-off. Used by `benchmarks/eval_item_lists.py` and tests/test_structure_item_lists.py.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from nlp.labels import LabelledUnit
from nlp.sections import heading_level, section_key_for_heading
from tests.damage_five import _bare

_NUMERALS = "一二三四五六七八九十"
#: Subheadings over a list of items: topics without a stop, as `（一）主动公开情况` is.
_TOPICS = ("主要做法", "具体举措", "工作开展情况", "有关工作", "重点工作", "落实情况")
#: Titles each over its paragraph (the counter-shape), with a stop and a verb as titles often have: they read as
#: sentences, only what stands under them makes them titles.
_TITLES = ("持续加强组织领导和制度保障。", "着力推进重点领域信息公开。", "不断规范依申请公开办理工作。", "切实抓好公开平台建设和管理。", "认真做好政策解读和回应关切。")
_SENTENCE = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")
_CLAUSE = re.compile(r"[^，,。；;！？!?]+")
#: Fewest characters of a piece worth an item of its own: shorter pieces (`二是`, a figure) stay with the next.
_MIN_PIECE = 6


def _pieces(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The text's sentences (or clauses), each closed with `。`; short pieces join the next."""
    out: list[str] = []
    carry = ""
    for found in pattern.findall(_bare(text)):
        piece = carry + found.strip().rstrip("。；;！？!?，,")
        if len(piece) < _MIN_PIECE:
            carry = piece + "，" if piece else ""
            continue
        out.append(piece + "。")
        carry = ""
    if carry and out:
        out[-1] = out[-1][:-1] + "，" + carry.rstrip("，") + "。"
    return out


def _sections(units: Sequence[LabelledUnit]) -> list[tuple[int, int]]:
    """(heading index, end) of each top-level section whose body holds narrative and no table."""
    starts = [i for i, u in enumerate(units) if u.kind == "heading" and heading_level(u.text) <= 1 and section_key_for_heading(u.text)]
    spans = []
    for place, start in enumerate(starts):
        end = starts[place + 1] if place + 1 < len(starts) else len(units)
        body = units[start + 1 : end]
        if any(u.kind == "narrative" for u in body) and not any(u.kind == "table" for u in body):
            spans.append((start, end))
    return spans


def _heading(like: LabelledUnit, text: str) -> LabelledUnit:
    return dataclasses.replace(like, text=text, kind="heading", label=None, mixed=False, generic=None)


def _item(like: LabelledUnit, text: str) -> LabelledUnit:
    return dataclasses.replace(like, text=text, kind="narrative", mixed=False)


def _reshaped(units: Sequence[LabelledUnit], body: Callable[[list[LabelledUnit]], list[LabelledUnit]]) -> list[LabelledUnit] | None:
    """The report with each fitting section's narrative replaced by `body(narrative)`; None when no section fits.
    The sign-off (the report's last narrative lines after its last section, a name and a date) is kept as written."""
    spans = _sections(units)
    if not spans:
        return None
    out: list[LabelledUnit] = []
    last = 0
    for start, end in spans:
        narrative = [u for u in units[start + 1 : end] if u.kind == "narrative" and len(u.text) >= 12]
        keep = [u for u in units[start + 1 : end] if u not in narrative and u.kind != "heading"]
        out += list(units[last : start + 1]) + body(narrative) + keep
        last = end
    out += list(units[last:])
    return [dataclasses.replace(u, para_index=i) for i, u in enumerate(out)]


def _two_levels(narrative: list[LabelledUnit], pattern: re.Pattern[str]) -> list[LabelledUnit]:
    out: list[LabelledUnit] = []
    for k, unit in enumerate(narrative[: len(_NUMERALS)]):
        out.append(_heading(unit, f"（{_NUMERALS[k]}）{_TOPICS[k % len(_TOPICS)]}"))
        out += [_item(unit, f"{n + 1}.{piece}") for n, piece in enumerate(_pieces(unit.text, pattern))]
    return out


def items_under_subheadings(units: Sequence[LabelledUnit]) -> list[LabelledUnit] | None:
    """`（一）主要做法` then `1.…。` `2.…。`: each paragraph a subheading over its sentences as items."""
    return _reshaped(units, lambda narrative: _two_levels(narrative, _SENTENCE))


def clauses_under_subheadings(units: Sequence[LabelledUnit]) -> list[LabelledUnit] | None:
    """As `items_under_subheadings`, each item one clause closed with `。`: items without a comma."""
    return _reshaped(units, lambda narrative: _two_levels(narrative, _CLAUSE))


def items_three_levels(units: Sequence[LabelledUnit]) -> list[LabelledUnit] | None:
    """`（一）主要做法`, `1.具体举措`, then `（1）…。` `（2）…。`: three levels, the paragraphs' sentences the lowest."""

    def body(narrative: list[LabelledUnit]) -> list[LabelledUnit]:
        if not narrative:
            return []
        out = [_heading(narrative[0], f"（一）{_TOPICS[0]}")]
        for k, unit in enumerate(narrative):
            out.append(_heading(unit, f"{k + 1}.{_TOPICS[(k + 1) % len(_TOPICS)]}"))
            out += [_item(unit, f"（{n + 1}）{piece}") for n, piece in enumerate(_pieces(unit.text, _SENTENCE))]
        return out

    return _reshaped(units, body)


def chinese_numbered_items(units: Sequence[LabelledUnit]) -> list[LabelledUnit] | None:
    """`（一）…。` `（二）…。`: the section's sentences as items numbered as subsections are, straight under its heading."""

    def body(narrative: list[LabelledUnit]) -> list[LabelledUnit]:
        items = [(unit, piece) for unit in narrative for piece in _pieces(unit.text, _SENTENCE)]
        return [_item(unit, f"（{_NUMERALS[n]}）{piece}") for n, (unit, piece) in enumerate(items[: len(_NUMERALS)])]

    return _reshaped(units, body)


def _arabic_items(narrative: list[LabelledUnit]) -> list[LabelledUnit]:
    items = [(unit, piece) for unit in narrative for piece in _pieces(unit.text, _SENTENCE)]
    return [_item(unit, f"{n + 1}.{piece}") for n, (unit, piece) in enumerate(items)]


def items_then_paragraph(units: Sequence[LabelledUnit]) -> list[LabelledUnit] | None:
    """`1.…。` `2.…。` straight under the section's heading, cut from every paragraph but the last, which follows the
    list as written (a closing `此外，…`): a paragraph after a list of items, not under its last item."""

    def body(narrative: list[LabelledUnit]) -> list[LabelledUnit]:
        if len(narrative) < 2:
            return _arabic_items(narrative)
        return _arabic_items(narrative[:-1]) + [_item(narrative[-1], _bare(narrative[-1].text))]

    return _reshaped(units, body)


#: A report's sign-off as a saved page ends: the agency's name and the date, the page's print links, its footer.
_SIGN_OFF = ("某某县人民政府办公室", "2024年1月20日", "【 打印本页 】【 关闭窗口 】", "版权所有：某某县人民政府 技术支持：某某信息中心")


def items_then_sign_off(units: Sequence[LabelledUnit]) -> list[LabelledUnit] | None:
    """`1.…。` `2.…。` straight under each section's heading, the report's last list followed by its sign-off (the
    agency's name, the date) and the page's footer: an agency's name after a list of items, not a paragraph under its
    last item."""
    shaped = _reshaped(units, _arabic_items)
    if shaped is None:
        return None
    sign_off = [dataclasses.replace(shaped[-1], text=text, kind="meta", label=None, mixed=False, generic=None) for text in _SIGN_OFF]
    return [dataclasses.replace(u, para_index=i) for i, u in enumerate(shaped + sign_off)]


def titles_over_paragraphs(units: Sequence[LabelledUnit]) -> list[LabelledUnit] | None:
    """The counter-shape: `1.持续加强组织领导和制度保障。` over each paragraph as written; the titles stay headings."""

    def body(narrative: list[LabelledUnit]) -> list[LabelledUnit]:
        out: list[LabelledUnit] = []
        for k, unit in enumerate(narrative):
            out += [_heading(unit, f"{k + 1}.{_TITLES[k % len(_TITLES)]}"), _item(unit, _bare(unit.text))]
        return out

    return _reshaped(units, body)


#: Lists of items, by name: every item written is narrative.
ITEM_LIST_SHAPES: dict[str, Callable[[Sequence[LabelledUnit]], list[LabelledUnit] | None]] = {
    "items_under_subheadings": items_under_subheadings,
    "clauses_under_subheadings": clauses_under_subheadings,
    "items_three_levels": items_three_levels,
    "chinese_numbered_items": chinese_numbered_items,
    "items_then_paragraph": items_then_paragraph,
    "items_then_sign_off": items_then_sign_off,
}
#: Lists of titles, by name: every title written stays a heading.
TITLE_LIST_SHAPES: dict[str, Callable[[Sequence[LabelledUnit]], list[LabelledUnit] | None]] = {
    "titles_over_paragraphs": titles_over_paragraphs,
}
