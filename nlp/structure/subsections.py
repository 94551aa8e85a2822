"""Sections numbered as subsections (`（一）基本情况` … `（六）其他事项`): whether a report's `（N）` lines worded off
the template are its sections or a section's subsections, from the evidence of the whole report
(docs/reading.md, *Sections*)."""

from __future__ import annotations

from nlp.normalize import looks_like_table_line
from nlp.structure.headings import (
    PAREN_NUMBER,
    HeadingCandidate,
    at_template_position,
    chinese_number,
    is_reworded_paren,
)


def admit_reworded_titles(candidates: list[HeadingCandidate], lines: list[str]) -> list[HeadingCandidate]:
    """Drop the titles worded off the template under a subsection's number (`（一）基本情况`) unless the report
    numbers its sections so.

    The report must have no section numbering of its own (`一、`, `第一部分`) naming two sections, and either
    two of its `（N）` lines carry the template's whole titles, or three name sections at the numbers the
    template gives them, or, naming no section in its own numbering, its first `（N）` line is `（一）` naming
    the overview. And the title's run of `（N）` lines (numbers counting up one by one from where the count
    last restarted) must be headed by a line that opens a section: a run headed by `（一）强化组织领导`, or by a
    second `（一）概述` right under `（一）总体情况`, is a section's subsections. Under `一、总体情况`, `（二）主动公开`
    is the overview's subsection even where the page ends before section 二.
    """
    reworded = [c for c in candidates if c.key is not None and is_reworded_paren(c)]
    if not reworded:
        return candidates
    numbered = [c for c in candidates if c.key is not None and c.style in ("cn", "part", "bracket")]
    whole = [c for c in candidates if c.key is not None and c.style == "paren" and c not in reworded]
    placed = {c.key for c in candidates if c.style == "paren" and at_template_position(c)}
    paren = _paren_lines(lines)
    evidence = len(whole) >= 2 or len(placed) >= 3 or (not numbered and _first_paren_opens_overview(candidates, paren))
    if len(numbered) >= 2 or not evidence:
        return [c for c in candidates if c not in reworded]
    heads = _run_heads(paren)
    by_line = {c.line: c for c in candidates}
    named_before = {c.line: {d.key for d in candidates if d.key is not None and d.line < c.line} for c in candidates}

    def opens_section(line: int) -> bool:
        head = by_line.get(line)
        return head is not None and head.key is not None and head.key not in named_before[line]

    return [c for c in candidates if c not in reworded or opens_section(heads[c.line])]


def _paren_lines(lines: list[str]) -> list[tuple[int, int]]:
    """(line, number) of the lines numbered `（N）`, table rows left out."""
    found = []
    for index, text in enumerate(lines):
        match = PAREN_NUMBER.match(text)
        if match and not looks_like_table_line(text) and (number := chinese_number(match.group("cn"))) is not None:
            found.append((index, number))
    return found


def _run_heads(paren: list[tuple[int, int]]) -> dict[int, int]:
    """For each `（N）` line (`_paren_lines`), the line that heads its run: the last `（N）` line before it (or
    itself) whose number does not follow the previous one's."""
    heads: dict[int, int] = {}
    head = previous = None
    for index, number in paren:
        if previous is None or number != previous + 1:
            head = index
        heads[index] = head
        previous = number
    return heads


def _first_paren_opens_overview(candidates: list[HeadingCandidate], paren: list[tuple[int, int]]) -> bool:
    first = paren[0][0] if paren else None
    return any(c.line == first and c.style == "paren" and c.number == 1 and c.key == "overview" for c in candidates)
