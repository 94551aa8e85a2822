"""A text holding more than one report: where the second one begins.

Counties publish their departments' reports bound into one file (a 汇编), gazettes print several in one issue, a
column page shows this year's report above last year's, and a crawler may save a page twice. Read as one report,
everything after the first report's section 六 would be that section's: the second report's paragraphs labelled as
其他事项, its tables unread, its counts mixed into the first one's checks. So the text is cut where the second report
begins and only the first is structured; the report says where the rest began and what its title was.

A second report is told by its section numbering starting again: a template section numbered 一 (`一、总体情况`,
`一、概述`, `一、政府信息主动公开工作`), at the level of the first report's sections, after headings of at least three
sections of the first report, one of them from its second half (四, 五 or 六), and followed by headings of at least
two template sections the first report printed too (one report with its sections out of order prints each once). A table of contents lists the titles once and opens none
(its lines are not candidates here). The cut is at the report title standing before that section 一 (a line worded
as a report's title, after the first report's last heading and at most `_TITLE_REACH` lines up), else at the
section 一 itself; a text that shows no title there ends the first report at its sign-off (a date, `（此件主动公开）`).
"""

from __future__ import annotations

import re

from nlp.normalize.furniture import SIGNATURE_LINE
from nlp.report import SECTION_KEYS
from nlp.structure.headings import HeadingCandidate
from nlp.structure.kinds import is_title_line

#: How many lines above a restarting section 一 its report's title, issuing body and preamble may stand (a crawl may cut a preamble into a line a phrase).
_TITLE_REACH = 40
#: A sign-off line that ends a report: its date or its `（此件主动公开）`, not only a name.
_SIGNED = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|[（(]此[件份]")
#: Sections of a report's second half: one of them must have been seen before the numbering starts again.
_LATE_SECTIONS = frozenset(SECTION_KEYS[3:])


def next_report_line(lines: list[str], candidates: list[HeadingCandidate]) -> int | None:
    """The line where a second report begins in `lines` (the text's non-empty lines), or None for one report.

    `candidates`: the text's heading candidates (`heading_candidate` of each line, lines of a table of contents
    left out), in line order."""
    template = [c for c in candidates if c.key is not None]
    if not template:
        return None
    # Only headings at the level of the first report's sections count, so that an `（一）总体情况` item inside a
    # later section, or a table's numbered rows, never reads as a report starting.
    level = next((c.style for c in template if c.number == 1), template[0].style)
    sections = [c for c in template if c.style == level]
    seen: set[str] = set()
    for position, candidate in enumerate(sections):
        if candidate.number == 1 and len(seen) >= 3 and seen & _LATE_SECTIONS:
            after = {c.key for c in sections[position + 1 :] if c.number != 1}
            # A second report prints again sections the first one printed; one report with its sections out of
            # order (`二、三、五、一、四、六`) prints each once.
            if len(after & seen) >= 2:
                return _title_line(lines, sections[position - 1].line, candidate.line)
        seen.add(candidate.key)
    return None


def _title_line(lines: list[str], last_heading: int, restart: int) -> int:
    """Where the second report begins: at its title; without one (a crawled body starts at its preamble), after the
    first report's sign-off (its date, `（此件主动公开）`); without either, at its section 一."""
    top = max(last_heading, restart - 1 - _TITLE_REACH)
    reach = range(restart - 1, top, -1)
    for index in reach:
        if is_title_line(lines[index]):
            # A page's title above the article's own (the same words, or the site's longer wording of them).
            while index - 1 > top and is_title_line(lines[index - 1]):
                index -= 1
            return index
    for index in reach:
        if _SIGNED.search(lines[index]) and SIGNATURE_LINE.match(lines[index]):
            return index + 1
    return restart
