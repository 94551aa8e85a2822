"""How writers shape section 五 (problems and plans) and 六: transforms of labelled whole reports.

Each transform takes the labelled units of one report (`nlp.labels.LabelledUnit`, in `para_index` order) whose
section 五 holds both problems and plans, and returns them as a writer of another habit would have written that
section, labels carried with the text: no subheadings naming the halves, the plans with nothing that opens them
(`下一步，`, `针对上述问题，` taken off), numbered afresh, joined into one line, or moved under 六. A report the shape
does not fit (no plans, no 六) gives None. Used by `benchmarks/eval_five_shapes.py` and tests/test_context_shapes.py.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from nlp.labels import LabelledUnit
from nlp.sections import heading_level, section_key_for_heading

_NUMERALS = "一二三四五六七八九十"
#: Item numbering at a unit's start (`2.`, `（三）`, `三是`), taken off before the unit is numbered afresh.
_NUMBERING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．](?!\d)是?|[一二三四五六七八九十]是)\s*")
#: Words that open the plans (`下一步，`, `针对上述问题，我局将`, `下一步工作打算：`), taken off so that nothing says
#: where the plans begin but their position and wording.
_PLAN_OPENER = re.compile(r"^\s*(?:下一步|今后|针对[^，,：:。]{0,12}|[^，,：:。]{0,8}改进措施)[^，,：:。]{0,10}[，,：:]")
_END = "。；;，,：: "


def _five_and_six(units: Sequence[LabelledUnit]) -> tuple[int, int, int | None] | None:
    """Index of section 五's heading, the index where 五 ends, and 六's heading index (None: no 六)."""
    starts = [i for i, u in enumerate(units) if u.kind == "heading" and heading_level(u.text) <= 1 and section_key_for_heading(u.text)]
    five = next((i for i in starts if section_key_for_heading(units[i].text) == "problems_improvements"), None)
    if five is None:
        return None
    end = next((i for i in starts if i > five), len(units))
    six = end if end < len(units) and section_key_for_heading(units[end].text) == "other_matters" else None
    return five, end, six


def _halves(units: Sequence[LabelledUnit]) -> tuple[int, int, list[LabelledUnit], list[LabelledUnit], int | None] | None:
    found = _five_and_six(units)
    if found is None:
        return None
    five, end, six = found
    body = [u for u in units[five + 1 : end] if u.kind == "narrative"]
    problems = [u for u in body if u.label == "problem"]
    plans = [u for u in body if u.label == "improvement"]
    # Only a section of problems and plans alone: other units between them would have to be placed by guess.
    if not problems or not plans or len(problems) + len(plans) != len(body):
        return None
    return five, end, problems, plans, six


def _bare(text: str) -> str:
    return _NUMBERING.sub("", text, count=1).strip()


def _plain_plan(text: str) -> str:
    return _bare(_PLAN_OPENER.sub("", _bare(text), count=1))


def _numbered(unit: LabelledUnit, number: int, text: str) -> LabelledUnit:
    return dataclasses.replace(unit, text=f"{number}.{text}")


def _joined(units: Sequence[LabelledUnit], texts: Sequence[str], prefix: str = "") -> LabelledUnit:
    """One line `一是…；二是…。` holding the units, labelled as its first unit."""
    parts = [f"{_NUMERALS[i]}是{text.rstrip(_END)}" for i, text in enumerate(texts[: len(_NUMERALS)])]
    return dataclasses.replace(units[0], text=prefix + "；".join(parts) + "。", mixed=False)


def _rebuilt(units: Sequence[LabelledUnit], five: int, end: int, section: Sequence[LabelledUnit]) -> list[LabelledUnit]:
    out = list(units[: five + 1]) + list(section) + list(units[end:])
    return [dataclasses.replace(u, para_index=i) for i, u in enumerate(out)]


def numbered_halves(units: Sequence[LabelledUnit]) -> list[LabelledUnit] | None:
    """`1.…不够` `2.…偏少` then `1.建立…` `2.…`: both halves numbered from 1, no subheading, no opening words."""
    found = _halves(units)
    if found is None:
        return None
    five, end, problems, plans, _ = found
    section = [_numbered(u, i + 1, _bare(u.text)) for i, u in enumerate(problems)]
    section += [_numbered(u, i + 1, _plain_plan(u.text)) for i, u in enumerate(plans)]
    return _rebuilt(units, five, end, section)


def one_line_each(units: Sequence[LabelledUnit]) -> list[LabelledUnit] | None:
    """A terse report's 五: one line `一是…；二是…。` of problems, one of plans, nothing opening the plans."""
    found = _halves(units)
    if found is None:
        return None
    five, end, problems, plans, _ = found
    section = [_joined(problems, [_bare(u.text) for u in problems]), _joined(plans, [_plain_plan(u.text) for u in plans])]
    return _rebuilt(units, five, end, section)


def plans_as_topics(units: Sequence[LabelledUnit]) -> list[LabelledUnit] | None:
    """The problems as written, then each plan as a bare item (`深化重点领域信息公开。…`): no subheading, no numbering,
    no opening words."""
    found = _halves(units)
    if found is None:
        return None
    five, end, problems, plans, _ = found
    section = list(problems) + [dataclasses.replace(u, text=_plain_plan(u.text)) for u in plans]
    return _rebuilt(units, five, end, section)


def plans_under_six(units: Sequence[LabelledUnit], opener: str = "下一步工作打算：") -> list[LabelledUnit] | None:
    """五 holds the problems only; the plans stand under 六 as one line (`下一步工作打算：一是…；二是…。`)."""
    found = _halves(units)
    if found is None or found[4] is None:
        return None
    five, end, problems, plans, six = found
    moved = _joined(plans, [_plain_plan(u.text) for u in plans], prefix=opener)
    out = list(units[: five + 1]) + list(problems) + [units[six], moved] + list(units[six + 1 :])
    return [dataclasses.replace(u, para_index=i) for i, u in enumerate(out)]


#: The shapes of section 五/六, by name.
FIVE_SIX_SHAPES: dict[str, Callable[[Sequence[LabelledUnit]], list[LabelledUnit] | None]] = {
    "numbered_halves": numbered_halves,
    "one_line_each": one_line_each,
    "plans_as_topics": plans_as_topics,
    "plans_under_six": plans_under_six,
    "plans_under_six_next_year": lambda units: plans_under_six(units, "明年，我们将着重做好以下工作："),
}
