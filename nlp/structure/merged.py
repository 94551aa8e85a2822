"""Sections a report merges under one heading (`三、收到和处理政府信息公开申请及行政复议、行政诉讼情况`).

Reports with little to say in a section write it under its neighbour's title: requests with review and
litigation, problems with other matters. The report object carries every section such a heading names, each
at that heading, so no section is reported missing; a subheading naming a later one of them (`（二）政府信息公开
行政复议、行政诉讼情况`) opens that one, so each topic keeps its own context. Without such a subheading the
merged section's paragraphs stand in the first section it names, its main topic (the later, `其他需要报告的事项`
after the problems, is most often a line or two); the section objects of both stand at the heading.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from nlp.report import EXTRA_SECTION, SECTION_KEYS
from nlp.structure.headings import HeadingCandidate

#: Words only one section's title holds, by section: `因政府信息公开申请提起行政复议` names review alone
#: (no `收到和处理`), `主动公开` under 总体情况 is a subsection's.
_OWN_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("overview", re.compile(r"总体情况")),
    ("active", re.compile(r"主动公开")),
    ("requests", re.compile(r"收到[和及]处理|受理[和及]处理|依申请公开")),
    ("review_litigation", re.compile(r"行政复议|行政诉讼")),
    ("problems_improvements", re.compile(r"存在的?主要问题|问题[和及]改进|改进情况")),
    ("other_matters", re.compile(r"其[他它]需要?报告|其[他它](?:需要?|应)说明|其[他它]事项")),
)
#: A subheading's numbering (`（二）`, `2.`), or none.
_SUBHEADING_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、.．])?")


class Opening(NamedTuple):
    """A section a line opens: its key, the heading that opens it, and the section it is merged into where it
    stands empty at a heading naming both (`Section.merged_into`)."""

    key: str
    heading: HeadingCandidate
    merged_into: str | None = None


def merged_keys(title: str, key: str | None) -> tuple[str, ...]:
    """The sections a heading's title names, in template order, where it names more than one; else ()."""
    named = [section for section, words in _OWN_WORDS if words.search(title)]
    if len(named) < 2 or (key is not None and key not in named):
        return ()
    return tuple(sorted(named, key=SECTION_KEYS.index))


def opens_merged_part(line: str, key: str) -> bool:
    """A short title line (a subheading, or a table's caption) naming `key` alone among the merged sections."""
    rest = line[_SUBHEADING_NUMBER.match(line).end() :].strip()
    if not rest or len(rest) > 30 or re.search(r"[，。；,;]", rest[:-1]):
        return False
    named = [section for section, words in _OWN_WORDS if words.search(rest)]
    return named == [key]


def merged_title(line: str, title: str) -> str:
    """The heading's title with what runs on after it where that is more title (`存在的主要问题及改进情况及其他需要报告
    的事项`: the template's title is read first): a short line without a clause; else the title as read."""
    rest = line[line.find(title) :] if title and title in line else title
    return rest.rstrip("。：:") if len(rest) <= 40 and not re.search(r"[，。；,;]", rest[:-1]) else title


def section_openings(headings: list[HeadingCandidate], lines: list[str]) -> dict[int, list[Opening]]:
    """The sections each line opens, with the heading that opens them: a heading its own section, a merged heading
    every section it names that no other heading opens; a later one of them opens instead at the first subheading
    naming it alone before the next heading. Sections opened at one line hold their paragraphs in the last opened."""
    openings: dict[int, list[Opening]] = {}
    ordered = sorted(headings, key=lambda h: h.line)
    taken = {h.key for h in ordered if h.key is not None and not merged_keys(merged_title(lines[h.line], h.title), h.key)}
    for position, heading in enumerate(ordered):
        title = merged_title(lines[heading.line], heading.title)
        keys = [key for key in merged_keys(title, heading.key) if key not in taken]
        if len(keys) < 2:
            openings.setdefault(heading.line, []).append(Opening(heading.key or EXTRA_SECTION, heading))
            continue
        taken.update(keys)
        end = ordered[position + 1].line if position + 1 < len(ordered) else len(lines)
        # The sections no subheading opens stand at the heading before the first named, so that the first named (the
        # section's main topic: requests' table, the problems) holds the paragraphs up to a later one's subheading.
        start, later = heading.line + 1, []
        for key in keys[1:]:
            at = next((i for i in range(start, end) if opens_merged_part(lines[i], key)), None)
            later.append((key, at))
            start = start if at is None else at + 1
        whole = replace(heading, title=title)
        openings.setdefault(heading.line, []).extend(Opening(key, whole, keys[0]) for key, at in later if at is None)
        openings[heading.line].append(Opening(keys[0], whole))
        for key, at in later:
            if at is not None:
                openings.setdefault(at, []).append(Opening(key, whole))
    return openings
