"""Where a paragraph stands: its section, the topic of the heading above it, its own lead phrase.

The same walk serves labelled files (units of one `doc_id` in `para_index` order, headings included
as `kind=heading` units) and structured reports (`Report.paragraphs`), so that a model sees the same
context at training and at prediction time. Headings are mapped by `nlp.sections`.

Context fields (each a short string; `none` where unknown, e.g. a JSONL paragraph given alone):
- `section`: the top-level section key (`overview`, `active`, … `front` before the first heading);
- `topic`: the topic of the nearest heading above that names one (`problems`, `platform`, …);
- `lead`: the topic named by the paragraph's own lead phrase (`（四）平台建设情况。…`);
- `position`: `first` for the first narrative paragraph under its heading, else `next`;
- `slot`: the section and the number of the open second-level heading (`overview:3` under
  `（三）…` in 总体情况), inline ones included: the 2021 template orders the subsections of
  总体情况 (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障), so the number says what a
  paragraph whose wording is vague is about.

Section 五 without subheadings (`五、存在的主要问题及改进情况`, then bare items) is split into its two
halves as `（一）存在问题` / `（二）改进措施` would split it (`section_five_halves`): its items are
problems until a unit opens the plans (`下一步，…`, `2024年，我局将…`, `针对上述问题，…`), plans from
there on. The position tells a numbered problem item that names a topic (`2.政策解读以转发上级文件为主`)
from a plan item on the same topic, which its wording alone often does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.sections import (
    heading_number,
    heading_topic,
    opening_section,
    report_heading_levels,
    section_key_for_heading,
)
from nlp.structure.kinds import SHORTCOMING_WORDS
from nlp.structure.runin import glued_title

#: The value of a context field that is not known.
UNKNOWN = "none"
#: Section key before the first section heading (as in `nlp.report.FRONT_MATTER`).
FRONT = "front"

_LEAD_END = re.compile(r"[。：:；;！!？?]")
#: Heading topics that say nothing about a paragraph's label: under 总体情况 every label occurs, and
#: the words that name it (情况, 概述) head many unrelated sections (`工作情况说明`), where a model
#: that learned "overview → other" mislabelled everything below.
UNINFORMATIVE_TOPICS = frozenset({"overview"})
#: Subheading topics that exist in one section of the template only: a report whose section heading
#: was lost (`四、存在的主要问题及改进情况` dropped by the page, its `（一）主要问题` kept) is in that
#: section from such a subheading on, not in the one before it.
SECTION_OF_TOPIC = {"problems": "problems_improvements", "improvements": "problems_improvements"}
#: Sections whose own subheadings may name problems or improvements (六's `上年度问题整改情况`).
_KEEPS_SECTION = frozenset({"problems_improvements", "other_matters", "extra"})
#: A lead phrase longer than this is a sentence, not an inline heading.
MAX_LEAD_CHARS = 30

#: Item numbering a section-五 unit may open with (`2.`, `（三）`, `三是`).
_ITEM = r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]是?|[一二三四五六七八九十]是)?\s*"
#: A unit that opens the plans of section 五: a plan word near its start (`下一步，`, `针对上述问题，`,
#: `（二）改进情况。`), a coming year or 我局/我们 with 将 in its first sentence (`2024年，市政府将…`,
#: `在今后的工作中，我街道将…`), a purpose clause (`为进一步做好…`), or an item that opens with a verb of
#: doing (`加强学习。…`, `一是进一步完善…`) and names no shortcoming near its start (`_SHORTCOMING`): on
#: the labelled data of ../shared such an item under 五 is a plan 32 times of 32.
_OPENS_PLANS = re.compile(
    _ITEM
    + r"(?:[^。；;：:]{0,16}?(?:下一步|今后|下阶段|下一阶段|针对(?:上述|以上|这些|存在的?)|(?:改进|整改)(?:措施|情况|方向|计划)|努力方向|工作打算|工作计划)"
    r"|(?:在\s*)?(?:\d{4}|明|下一?)年度?[^。；;：:]{0,18}?将|[^。；;：:]{0,24}?(?:我|本)[^。；;：:，,]{0,4}?将|为(?:进一步|更好|切实|深入))"
)
#: A section 五 title that names 六 too (`五、存在的主要问题、改进情况及其他需要报告的事项`).
_NAMES_OTHER_MATTERS = re.compile(r"其[他它](?:需要?|应当?)?(?:报告|说明)?的?事项")
#: The topic section 六's own title gives (`六、其他需要报告的事项`).
_OTHER_MATTERS_TOPIC = "other_matters"
#: What opens section 六 inside such a title's section: a fee statement (not a fee named in a problem: `收费公示`), a nil
#: answer (`无`, `无其他需要报告的事项`), the NPC deputies' suggestions and
#: CPPCC members' proposals handled, the year's key tasks of open government (`政务公开工作要点`).
_OPENS_OTHER_MATTERS = re.compile(
    _ITEM
    + r"(?:无[。.]?$|[^。；;]{0,12}?其[他它]需要?报告|[^。；;]{0,30}?(?:信息处理费|(?:未|没有|不)收取|收费(?:及|和)?减免|收费情况|人大代表建议|政协委员提案"
    r"|代表建议|委员提案|建议提案|议案提案|建议和提案|建议、提案|工作要点))"
)
_DOING = re.compile(
    _ITEM + r"(?:进一步|加强|加大|深化|健全|完善|推进|推动|提升|提高|强化|继续|持续|努力|深入|严格|切实|不断|着力|建立|优化|丰富|扩大|拓展|落实|坚持|牢固|做好|抓好|注重|规范)"
)
_SHORTCOMING = re.compile(SHORTCOMING_WORDS + r"|不足|问题")
#: A unit of section 六 that opens the year's plans (`下一步工作打算：一是…`, `2025年工作计划：…`, `2022年，我局将着重做好以下
#:工作：…`): `_OPENS_PLANS` without its purpose clause (`为深入贯彻…工作要点` opens 六's account of the key tasks) and
#: its verbs of doing (六's accounts of proposals and key tasks open with 加强, 落实, 做好…).
_OPENS_PLANS_IN_SIX = re.compile(
    _ITEM
    + r"(?:[^。；;：:]{0,16}?(?:下一步|今后|下阶段|下一阶段|(?:改进|整改)(?:措施|方向|计划)|努力方向|工作打算|工作计划)"
    r"|(?:在\s*)?(?:\d{4}|明|下一?)年度?[^。；;：:]{0,18}?将|[^。；;：:]{0,24}?(?:我|本)[^。；;：:，,]{0,4}?将)"
)
#: A unit that opens the problems again (`存在问题：`, `二是…还存在…`, `…还存在以下不足：`).
_OPENS_PROBLEMS = re.compile(
    _ITEM + r"(?:[^。；;：:]{0,24}?(?:存在|主要问题|问题[:：]|不足[:：]|薄弱|短板)|[^。]{0,40}(?:以下|如下|一些|几个|主要)(?:问题|不足))"
)
#: A unit that turns to the plans after opening with its problems (`…等问题。下一步，我局将…`).
_TURNS_TO_PLANS = re.compile(r"下一步|今后|(?:\d{4}|明)年[^。；;]{0,12}将")
#: A unit whose turn to the plans comes before this share of its length is mostly plans: in the
#: plans half itself (ANNOTATION.md rule 1 labels a unit by its first part only where the two parts
#: are comparable). On ../shared the turn of such units labelled `improvement` is at 0.16–0.23 of
#: their length, of those labelled `problem` at 0.31–0.88.
PLANS_DOMINATE = 0.25
#: The topics of the two halves (the topics of `（一）存在问题` and `（二）改进措施`).
PROBLEMS, IMPROVEMENTS = "problems", "improvements"
#: The topic of section 五's own heading: either half.
SECTION_FIVE = "problems_improvements"


#: The first item of a list (`一是`, `（一）`, `(1)`, `1.`, `一、`) at a unit's start.
_FIRST_ITEM = re.compile(r"^\s*(?:[（(](?:一|1)[）)]|一是|(?:一|1)[、.．](?!\d))")
#: A shortcoming quoted (`“专栏更新不及时”问题`): the one an item mends, not one it reports.
_QUOTED_SHORTCOMING = re.compile(r"[“\"「][^”\"」]{0,40}[”\"」](?:的?(?:问题|不足))?")
_SENTENCE_END = re.compile(r"[。；;！!？?]")
#: A list in a unit, at its start or inside it (`…存在以下不足：一是…；二是…`).
_HOLDS_LIST = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．](?!\d)|[一二三四五六七八九十]是)|一是|[（(]一[）)]")


def _restarts_list(text: str, list_seen: bool) -> bool:
    """A unit that opens a new list after one was given (`一是…；二是…` of problems, then `一是项目进度表增加…`;
    `1.…不够` `2.…偏少`, then `1.建立…`) and names no shortcoming near its start: the second list of section 五
    is its plans, as `（二）改进措施` would head it, where no word says so."""
    if not (list_seen and _FIRST_ITEM.match(text)):
        return False
    # Its first sentence only: a plan item's body may name what it mends (`…组合发布“常见问题”`); and a shortcoming
    # quoted is the one the item mends (`一是针对上年度指出的“专栏更新不及时”问题，…建立…`), not one it reports.
    stop = _SENTENCE_END.search(text, 0, 40)
    return not _SHORTCOMING.search(_QUOTED_SHORTCOMING.sub("", text[: stop.start() if stop else 40]))


def section_five_halves(texts: Sequence[str], second_list: bool = True) -> list[str]:
    """The half of section 五 each of its units (in reading order, no subheading between them) stands in.

    Only what comes before a unit and the unit itself decide, as a reader deciding where the list
    turns: a unit that names problems and then plans (`…等问题。下一步，我局将…`) is in the problems
    half unless the plans are most of it (`PLANS_DOMINATE`), the units after it in the plans half; a
    second list after the problems' own (`_restarts_list`) opens the plans (`second_list=False`: not, as
    before the fourteenth round).
    """
    halves: list[str] = []
    half = PROBLEMS
    list_seen = False
    for text in texts:
        turn = _TURNS_TO_PLANS.search(text)
        if (
            _OPENS_PLANS.match(text)
            or (_DOING.match(text) and not _SHORTCOMING.search(text, 0, 40))
            or (second_list and half == PROBLEMS and _restarts_list(text, list_seen))
        ):
            half = IMPROVEMENTS
        elif turn and turn.start() < PLANS_DOMINATE * len(text):
            half = IMPROVEMENTS
        elif _OPENS_PROBLEMS.match(text):
            half = PROBLEMS
        halves.append(half)
        list_seen = list_seen or bool(_HOLDS_LIST.search(text))
        if half == PROBLEMS and turn:
            half = IMPROVEMENTS
    return halves


@dataclass(frozen=True)
class Context:
    section: str = UNKNOWN
    topic: str = UNKNOWN
    lead: str = UNKNOWN
    position: str = UNKNOWN
    slot: str = UNKNOWN

    def as_dict(self) -> dict[str, str]:
        return {"section": self.section, "topic": self.topic, "lead": self.lead, "position": self.position, "slot": self.slot}


def lead_phrase(text: str) -> str | None:
    """The paragraph's opening phrase up to the first full stop or colon, if short enough to be a title; or a
    numbered title its body runs on from without a stop (`（二）依申请公开情况2023年，本机关…`)."""
    match = _LEAD_END.search(text, 0, MAX_LEAD_CHARS + 12)
    if match is None:
        return glued_title(text)
    lead = text[: match.start()].strip()
    return lead if 0 < len(lead) <= MAX_LEAD_CHARS + 8 else None


def lead_topic(text: str) -> str | None:
    lead = lead_phrase(text)
    return heading_topic(lead) if lead else None


class _HeadingStack:
    """Open headings by level, each with its topic; the deepest one with a topic is the current topic."""

    def __init__(self) -> None:
        self.entries: list[tuple[int, str | None]] = []
        self.narratives_since_heading = 0
        #: Number of the open second-level heading (explicit or inline).
        self.number: int | None = None
        #: The deepest entry is a run-in subheading's (`（三）政府信息管理情况。…`), not a heading line's.
        self.inline = False

    def push(self, level: int, topic: str | None) -> None:
        level = level or 1  # an unnumbered heading acts as a top-level one
        self.entries = [entry for entry in self.entries if entry[0] < level]
        self.entries.append((level, topic))
        self.narratives_since_heading = 0
        self.inline = False

    def reset(self) -> None:
        self.entries = []
        self.number = None
        self.inline = False

    @property
    def topic(self) -> str:
        return next((topic for _, topic in reversed(self.entries) if topic and topic not in UNINFORMATIVE_TOPICS), UNKNOWN)


def contexts_for_units(
    kinds: Sequence[str],
    texts: Sequence[str],
    sections: Sequence[str | None] | None = None,
    five_halves: bool = True,
    five_six_shapes: bool = True,
) -> list[Context]:
    """Context of every unit of one report, given in reading order.

    `sections`, where given (a report already structured), overrides the section derived from the
    headings; None entries fall back to the derived one. `five_halves`: split section 五 without
    subheadings into its problems and plans (`section_five_halves`); off, its units keep the
    section heading's topic (`problems_improvements`), as before the fifth round. `five_six_shapes` (with
    `five_halves`): a second list in 五 opens its plans and plans written under 六 stand as plans
    (`_plans_under_six`); off, as before the fourteenth round.

    `front` is only said of paragraphs before the first section heading of a report that has one. A
    report whose headings were lost or are all worded in ways `nlp.sections` does not know gets
    `none`: calling its paragraphs `front` told the model they open the report, and a model that
    learned "front → other" then labelled a whole unfamiliar report `other`.
    """
    # A section heading run on into its paragraph (`一、总体情况2023年，…`) opens its section as one alone
    # on its line does: glued pages have no other kind.
    opened = [opening_section(text) if kind == "narrative" else None for kind, text in zip(kinds, texts, strict=True)]
    # A section the parser opened at a heading numbered as a subsection (`1.总体情况`: `sections`) is one too: a
    # report numbering its sections in arabic has no other, and its preamble would read `none`.
    levels = report_heading_levels(kinds, texts)
    known = (
        any(found is not None and found.key != "extra" for found in opened)
        or any(kind == "heading" and section_key_for_heading(text) not in (None, "extra") and level <= 1 for kind, text, level in zip(kinds, texts, levels, strict=True))
        or any(given is not None for given in sections or ())
    )
    section = FRONT if known else UNKNOWN
    merged_other = False  # the open section 五's title names section 六 too
    stack = _HeadingStack()
    out: list[Context] = []
    for i, (kind, text) in enumerate(zip(kinds, texts, strict=True)):
        given = sections[i] if sections is not None else None
        # The walk goes on from a section the parser opened: an extra section after it (`3.信息管理情况` between
        # `1.总体情况` and `2.…`) stands in it, as after `一、总体情况` the walk keeps 总体情况 past `三、信息管理情况`.
        section = given or section
        if kind == "heading":
            level = levels[i]
            key = section_key_for_heading(text)
            topic = heading_topic(text)
            if key is not None and level <= 1:
                section = key
                merged_other = key == "problems_improvements" and bool(_NAMES_OTHER_MATTERS.search(text))
                stack.reset()
            elif level >= 2 and topic in SECTION_OF_TOPIC and section not in _KEEPS_SECTION:
                section = SECTION_OF_TOPIC[topic]
            stack.push(level, topic)
            if level == 2:
                stack.number = heading_number(text)
            out.append(Context(section=given or section, topic=stack.topic))
            continue
        if kind != "narrative":
            out.append(Context(section=given or section, topic=stack.topic))
            continue
        if opened[i] is not None:
            # The heading's topic too, as its own line would give it: section 五's halves and the
            # topic of 三, 四, 六 reach the glued page's pieces after it (they read `none` without it).
            section = opened[i].key
            merged_other = section == "problems_improvements" and bool(_NAMES_OTHER_MATTERS.search(text[: opened[i].end]))
            stack.reset()
            stack.push(1, opened[i].topic)
        elif merged_other and section == "problems_improvements" and _OPENS_OTHER_MATTERS.match(text):
            # Sections 五 and 六 under one title: 六's usual content (a fee statement, a nil answer, the NPC and
            # CPPCC proposals handled, the year's key tasks) opens 六 within it, as its own heading would.
            section = "other_matters"
            stack.reset()
            stack.push(1, _OTHER_MATTERS_TOPIC)
        own = lead_topic(text)
        level = levels[i]
        if level == 2:
            stack.number = heading_number(text)
            if stack.inline:  # the run-in subheading before this one ends here
                stack.entries.pop()
                stack.inline = False
        position = "first" if stack.narratives_since_heading == 0 else "next"
        stack.narratives_since_heading += 1
        out.append(
            Context(
                section=given or section,
                topic=stack.topic,
                lead=own or UNKNOWN,
                position=position,
                slot=f"{given or section}:{stack.number}" if stack.number else UNKNOWN,
            )
        )
        if level == 2:
            # A run-in subheading (`（三）政府信息管理情况。…`) heads the items that follow it (`二是…`, a glued
            # page's pieces) as one on its own line would; itself it is labelled by its text.
            narratives = stack.narratives_since_heading
            stack.push(2, own)
            stack.narratives_since_heading = narratives
            stack.inline = True
    if not five_halves:
        return out
    # Section 五's halves are read from what its units say, not from its title run on into the first
    # (`…存在的主要问题及改进情况` names the plans).
    bodies = [text if found is None else text[found.end :] for text, found in zip(texts, opened, strict=True)]
    halves = _split_section_five(kinds, bodies, out, second_list=five_six_shapes)
    return _plans_under_six(kinds, bodies, halves) if five_six_shapes else halves


def _split_section_five(kinds: Sequence[str], texts: Sequence[str], contexts: list[Context], second_list: bool = True) -> list[Context]:
    """Each run of narrative units under section 五's own heading (no subheading naming a half) gets
    the topic of the half it stands in; a heading ends a run."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, (kind, context) in enumerate(zip(kinds, contexts, strict=True)):
        if kind == "narrative" and context.section == "problems_improvements" and context.topic == "problems_improvements":
            current.append(i)
        elif kind in ("heading", "narrative") and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    out = list(contexts)
    for run in runs:
        halves = section_five_halves([texts[i] for i in run], second_list)
        if second_list and len(run) > 1 and IMPROVEMENTS not in halves and not any(_TURNS_TO_PLANS.search(texts[i]) for i in run):
            # No unit turns to the plans: they may be there all the same, as bare items (`深化重点领域信息公开。…`), or
            # under 六. A unit that names no shortcoming is then of either half: it keeps the section's own
            # topic, which the model learned from units under 五 of either label, rather than a `problems` that lies.
            halves = [half if _SHORTCOMING.search(texts[i]) or _OPENS_PROBLEMS.match(texts[i]) else SECTION_FIVE for i, half in zip(run, halves, strict=True)]
        for i, half in zip(run, halves, strict=True):
            out[i] = Context(**{**out[i].as_dict(), "topic": half})
    return out


def _plans_under_six(kinds: Sequence[str], texts: Sequence[str], contexts: list[Context]) -> list[Context]:
    """Plans written under section 六 (section 五 holding the problems only) stand as they would under
    `（二）改进措施`: from a unit that opens them (`_OPENS_PLANS_IN_SIX`) on, with the items that go on
    from it (`二是…`, `加强培训…`), until a unit of 六's own content (`_OPENS_OTHER_MATTERS`: fees, proposals,
    key tasks) or a heading. Given `other_matters`, a model reads them as the nil answers and accounts that
    section holds (`other`, `organization`)."""
    out = list(contexts)
    in_plans = False
    for i, (kind, context) in enumerate(zip(kinds, contexts, strict=True)):
        if kind != "narrative" or context.section != "other_matters" or context.topic != _OTHER_MATTERS_TOPIC:
            in_plans = in_plans and kind != "heading" and context.section == "other_matters"
            continue
        text = texts[i]
        if _OPENS_OTHER_MATTERS.match(text):
            in_plans = False
        elif _OPENS_PLANS_IN_SIX.match(text):
            in_plans = True
        elif in_plans and not (_DOING.match(text) or _HOLDS_LIST.match(text)):
            in_plans = False
        if in_plans:
            out[i] = Context(**{**context.as_dict(), "section": "problems_improvements", "topic": IMPROVEMENTS, "slot": UNKNOWN})
    return out
