"""Which section heading candidates open the template's sections (`choose_section_headings`).

`nlp.structure.headings` reads each line as a candidate (its numbering, its title, the section the title names);
here the candidates are weighed against each other: the report's top numbering, one heading per section and per
number, the sequence of numbers, a section's whole title against an item worded like it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from nlp.report import SECTION_KEYS
from nlp.structure.headings import (
    NUMBERING_LEVEL,
    OLD_FEES_TITLE,
    OVERVIEW_WORDING,
    UNNUMBERED_TITLE,
    HeadingCandidate,
    at_template_position,
    line_numbering,
    reworded_paren_fits,
)


def choose_section_headings(
    candidates: list[HeadingCandidate], table_lines: frozenset[int] = frozenset(), lines: Sequence[str] = ()
) -> list[HeadingCandidate]:
    """Keep the candidates that really open sections.

    The numbering style of the first template title (一、 or 1、 …) is the report's top level:
    its headings with a template title are kept, one per key, and one per number unless the title
    is the template's full title (reports that restart their numbering for the tables). Headings in
    another style (a report mixing `1、` and `三、`, or `1、主动公开` as a subsection) are kept only
    where their number fits between the sections around them. A numbered heading with no template
    title is an extra section only where its number continues the sequence before it. Neither opens a section where
    it is the next item of a list of its numbering, a level below the report's, inside the section before it (`lines`:
    the report's lines, where the list's earlier items stand; `_continues_a_list`).
    """
    known = [c for c in candidates if c.key is not None]
    if any(c.style in ("cn", "part", "ar", "bracket") for c in known):
        # The overview in another wording alone on its line (`基本情况`) is read only where the report numbers no
        # section: a page's menu may hold the same words.
        known = [c for c in known if not (c.style == "none" and OVERVIEW_WORDING.match(c.title))]
    # `（一）政府信息主动公开工作` before `（二）主动公开政府信息情况` is the overview: its key is settled first.
    known = [c for c in _keys_by_template_position(known) if reworded_paren_fits(c)]
    if not known:
        return []
    # The first template heading sets the top level (`一、总体情况` before `1.主动公开` beneath it).
    # A subsection's numbering sets it only where no section numbering (`一、`, `第一部分`) names a section:
    # `（二）主动公开政府信息情况` under `一、总体情况` is the overview's subsection.
    dominant = next((c.style for c in known if not _number_contradicts_title(c)), known[0].style)
    if dominant == "paren":
        dominant = next((c.style for c in known if c.style in ("cn", "part", "bracket")), dominant)
    if dominant != "bracket" and _brackets_restart_under_sections(known, candidates, lines):
        # A number in brackets is the report's section numbering or a list's: where its count starts again under a
        # section numbered `一、` it numbers the items beneath them (`【一】主动公开政府信息情况` under 总体情况, whose
        # words name a section), never a section.
        known = [c for c in known if c.style != "bracket"]
        candidates = [c for c in candidates if c.style != "bracket"]
        if not known:
            return []
    chosen: list[HeadingCandidate] = []
    # A section the template's whole title names in the report's numbering is that heading's: an item worded like a
    # section's title before it (`4、政府信息公开申请提起行政复议、行政诉讼情况` under 总体情况) does not take its key.
    claimed = {c.key for c in known if c.style == dominant and _is_full_title(c.title)}
    for candidate in known:
        full = _is_full_title(candidate.title)
        if candidate.style == dominant and (full or candidate.key not in claimed) and _is_free(candidate, chosen, full_title=full):
            chosen.append(candidate)
    for candidate in known:
        if candidate.style != dominant and _is_free(candidate, chosen) and _fits_sequence(candidate, chosen) and not _continues_a_list(candidate, chosen, dominant, lines):
            chosen.append(candidate)
    # A section the report puts out of order (`七、其他需要报告的事项` before `六、存在的主要问题及改进情况`) is still
    # one where its heading is the template's whole title in section numbering and no other heading names it.
    for candidate in known:
        if candidate not in chosen and candidate.style in ("cn", "part", "bracket") and _is_full_title(candidate.title) and _is_free(candidate, chosen, full_title=True):
            chosen.append(candidate)
    # A run-in item under a number its title's section never has is a section only beside the report's own.
    chosen = [c for c in chosen if _supported(c, chosen)]
    for candidate in sorted(candidates, key=lambda c: c.line):
        if candidate.key is not None or candidate.number is None:
            continue
        # a run-in title in the report's own section numbering counts by its lead where the lead is a section's
        # title (`四、收费及减免：全年未收取…`, `…情况：`), not an item's (`5、其他方式：简报…`)
        lead = _RUN_IN_STOP.split(candidate.title, maxsplit=1)[0]
        if candidate.style != dominant or not (OLD_FEES_TITLE.match(lead) or lead.endswith(("情况", "事项"))):
            lead = candidate.title
        if len(lead) > 25 or "，" in lead or len(lead) < 2:
            continue
        before = sorted((c for c in chosen if c.line < candidate.line and c.number is not None), key=lambda c: c.line)
        if not before or before[-1].number != candidate.number - 1:
            continue
        after = sorted((c for c in chosen if c.line > candidate.line and c.number is not None), key=lambda c: c.line)
        continues = bool(after) and after[0].number == candidate.number + 1
        if candidate.style not in (before[-1].style, dominant) and not continues:
            continue
        # Inside what reads as a table region, a numbered row is not a section (`4.保护第三方合法权益`), but a
        # title that closes as a section's does, in the report's numbering, is: the old template's
        # `四、不予公开政府信息的情况` / `五、政府信息公开的收费及减免情况` after the requests section.
        titled = candidate.style == dominant == "cn" and candidate.title.endswith(("情况", "事项"))
        # Continuing the count in another numbering counts for a title that closes as a section's (`5、机构建设及组织保障
        # 情况` between `四、` and `六、`): `4.保护第三方合法权益` between `三、` and `五、` (四 left out) is table 三's row.
        closes = candidate.style == before[-1].style or candidate.title.endswith(("情况", "事项"))
        if candidate.line in table_lines and not (continues and closes) and not titled:
            continue
        if _continues_a_list(candidate, chosen, dominant, lines):
            continue
        chosen.append(candidate)
    chosen = sorted(chosen, key=lambda c: c.line)
    # An unnumbered overview worded off the template (`基本情况`) is the overview only as the first section: after
    # another it is a subsection's title.
    return [c for c in chosen if not (c.style == "none" and OVERVIEW_WORDING.match(c.title) and c is not chosen[0])]


def _brackets_restart_under_sections(known: list[HeadingCandidate], candidates: list[HeadingCandidate], lines: Sequence[str]) -> bool:
    """A line numbered `【一】` (any bracket) stands below a section heading numbered `一、` or `第一部分`: the report's
    brackets count a list's items, not its sections (a report numbering a few sections `一、` and the rest `【二】`…
    never restarts them)."""
    opened = [c.line for c in known if c.style in ("cn", "part")]
    if not opened:
        return False
    first = min(opened)
    if lines:
        return any(line_numbering(lines[index]) == ("bracket", 1) for index in range(first + 1, len(lines)))
    return any(c.style == "bracket" and c.number == 1 and c.line > first for c in candidates)


#: Where a run-in title ends and its body begins.
_RUN_IN_STOP = re.compile(r"[：:。]")


def _continues_a_list(candidate: HeadingCandidate, chosen: list[HeadingCandidate], dominant: str, lines: Sequence[str]) -> bool:
    """The candidate is numbered a level below the report's sections (`（三）` or `3.` under `一、`…) and the lines of its
    numbering before it inside the section it stands in count down from its number's predecessor to the first item:
    the next item of a list begun there
    (`（三）依申请公开` after `（二）政府信息管理` under 总体情况, `3.行政复议情况：无` after `2.…` under 其他需要报告的事项), whose
    title names a topic, not the report's next section. A report numbering a section in another style (`三、` then
    `4、政府信息公开行政复议…`) does not continue a list of the section before it; the template's whole title opens
    its section wherever it stands."""
    if not lines or candidate.number is None or _is_full_title(candidate.title):
        return False
    if NUMBERING_LEVEL.get(candidate.style, 0) <= NUMBERING_LEVEL.get(dominant, 0):
        return False
    # Only inside the section it stands in: an earlier sibling that opens a section itself (`（二）主动公开政府信息情况`
    # after `一、概述`) makes the candidate the next of the report's sections, not of a list.
    opened = [c.line for c in chosen if c.line < candidate.line]
    if not opened:
        return False
    # The list's items before it, down to its first, all inside the section: a run that goes on from the section's own
    # heading (`（三）依申请…` kept, `（四）…收费情况` not, `（五）…复议、诉讼情况`) is the report's sections, not a list.
    expected = candidate.number - 1
    for line in range(candidate.line - 1, max(opened), -1):
        numbering = line_numbering(lines[line])
        if numbering is not None and numbering[0] == candidate.style:
            if numbering[1] != expected:
                return False
            expected -= 1
            if expected == 0:
                return True
    return False


def _number_contradicts_title(candidate: HeadingCandidate) -> bool:
    """A run-in title (`4.主动公开类信息公开情况。本年度…`) under a number the template never gives the section it names,
    short of the template's whole title: as likely an item of a list inside a section as a section."""
    return (
        candidate.run_in
        and candidate.style in ("cn", "ar", "part", "bracket")
        and candidate.key is not None
        and candidate.number is not None
        and not at_template_position(candidate)
        and not _is_full_title(candidate.title)
    )


def _supported(candidate: HeadingCandidate, chosen: list[HeadingCandidate]) -> bool:
    """A heading whose number contradicts its title opens a section only beside another section heading of its
    numbering whose number fits (the report numbers its sections so, with one added or left out): alone, its
    title names what the item is about, not the report's section."""
    if not _number_contradicts_title(candidate):
        return True
    return any(other.style == candidate.style and other.key is not None and not _number_contradicts_title(other) for other in chosen)


def _keys_by_template_position(known: list[HeadingCandidate]) -> list[HeadingCandidate]:
    """Two headings of one numbering naming one section: the one without the template's full title takes
    the section its number has in the template, where no heading names that one.

    `一、政府信息主动公开工作` before `二、主动公开政府信息情况` is the report's 总体情况 under another name.
    """
    claimed = {c.key for c in known}
    result = []
    for candidate in known:
        # A rival has the template's full title, or stands at the number the template gives the section
        # where this one does not (`二、主动公开工作情况` against `一、政府信息主动公开工作`).
        rivals = [
            c for c in known
            if c is not candidate and c.key == candidate.key and c.style == candidate.style
            and (_is_full_title(c.title) or (at_template_position(c) and not at_template_position(candidate)))
        ]
        number = candidate.number
        if (
            rivals
            and not _is_full_title(candidate.title)
            and number is not None
            and 1 <= number <= len(SECTION_KEYS)
            and SECTION_KEYS[number - 1] not in claimed
            and all(c.number != number for c in rivals)
        ):
            candidate = replace(candidate, key=SECTION_KEYS[number - 1])
            claimed.add(candidate.key)
        result.append(candidate)
    return result


#: The report's year before a section's title (`三、2023年政府信息公开行政复议、行政诉讼情况`).
_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年度?")


def _is_full_title(title: str) -> bool:
    """The template's whole title, the report's year before it or not."""
    return bool(UNNUMBERED_TITLE.match(_LEADING_YEAR.sub("", title.strip())))


def _is_free(candidate: HeadingCandidate, chosen: list[HeadingCandidate], full_title: bool = False) -> bool:
    """Neither its number nor its template key is taken by a heading already kept."""
    if not full_title and candidate.number is not None and any(c.number == candidate.number for c in chosen):
        return False
    return candidate.key is None or all(c.key != candidate.key for c in chosen)


def _fits_sequence(candidate: HeadingCandidate, chosen: list[HeadingCandidate]) -> bool:
    if candidate.number is None:
        return True
    before = [c.number for c in chosen if c.line < candidate.line and c.number is not None]
    after = [c.number for c in chosen if c.line > candidate.line and c.number is not None]
    return (not before or max(before) < candidate.number) and (not after or candidate.number < min(after))
