"""A table of contents before the report's sections (`目录`, then the section titles, maybe with dot leaders and page
numbers: `一、总体情况……………1`): its lines are the page's furniture (`meta`), not the sections' headings, which
open where the report really starts them.

A contents block is recognised only where the titles it lists are written again after it: its last entry is the last
line whose title the report repeats further on, so the first real section title right after a contents list (or a
site's menu under a `目录` heading) is never taken for an entry.
"""

from __future__ import annotations

import re

from nlp.normalize import comparable
from nlp.structure.kinds import SENTENCE

#: `目录`, `目　录`, `目 录：` alone on a line.
_CONTENTS_HEAD = re.compile(r"^目[ \t\u3000]*录[ \t]*[：:]?$")
#: Dot leaders before a page number at the end of an entry (`……………1`, `.........12`, `…… 第3页`, the Chinese ellipsis
#: `……` being two characters of three dots each); not a run of spaces, which table rows have before their figures.
_LEADERS_AND_PAGE = re.compile(r"(?:[…⋯]{2,}|[…⋯·•．.\-_—]{3,})[ \t\u3000]*(?:第[ \t]*)?\d{1,3}[ \t]*页?$")
#: Under a `目录` line only: a page number after a gap (`一、总体情况\t1`: a Word contents field whose dotted tab leader
#: is no character of the text, or a PDF's leaders dropped by the extraction).
_GAP_AND_PAGE = re.compile(r"[ \t\u3000]+(?:第[ \t]*)?\d{1,3}[ \t]*页?$")
#: A run of this many entries with leaders and page numbers is a contents block without a `目录` line.
_LEADER_RUN = 3
#: Entries are short lines.
_ENTRY_CHARS = 50
#: A contents block is looked for before the first section heading, and at least among the first lines (the heading
#: found first may be the contents' own first entry, or a page's menu item worded as a section).
_SEARCH_LINES = 60


def _entry_title(line: str, headed: bool = False) -> str | None:
    """The title a contents entry lists (leaders and page number gone, compared as `comparable`), or None where the
    line is no entry (a sentence, a long line). `headed`: the block opened with a `目录` line, so a page number after
    a mere gap ends an entry too."""
    bare = _LEADERS_AND_PAGE.sub("", line).strip()
    if headed:
        bare = _GAP_AND_PAGE.sub("", bare).strip()
    if not bare or len(bare) > _ENTRY_CHARS or SENTENCE.search(bare[:-1]):
        return None
    return comparable(bare)


def contents_lines(lines: list[str], first_heading: int | None = None) -> set[int]:
    """The lines of a table of contents before the report's sections (the `目录` line and its entries), or none.

    `first_heading`: the line of the first section heading found (which may be the contents' first entry): the block
    starts at or before it, wherever that is (a crawled page's header pushes the contents down), or among the
    first `_SEARCH_LINES` lines."""
    search = max(_SEARCH_LINES, first_heading + 1 if first_heading is not None else 0)
    for start in range(min(len(lines), search)):
        line = lines[start]
        if len(line) > _ENTRY_CHARS + 20:  # no entry, and the patterns need not scan it
            continue
        head = bool(_CONTENTS_HEAD.match(line.strip()))
        if not head and not _LEADERS_AND_PAGE.search(line):
            continue
        entries = _entries(lines, start + 1 if head else start, head)
        if not entries:
            continue
        # Listed titles written again after the block: the block ends at the last of them.
        after = [comparable(line) for line in lines[entries[-1][0] + 1 :]]
        repeated = [index for index, title in entries if any(line.startswith(title) for line in after)]
        led = sum(bool(_LEADERS_AND_PAGE.search(lines[index])) for index, _ in entries)
        if len(repeated) >= 2 and (head or led >= _LEADER_RUN):
            return set(range(start, repeated[-1] + 1))
        return set()
    return set()


def _entries(lines: list[str], start: int, headed: bool = False) -> list[tuple[int, str]]:
    """(line, title) of the entries from `start` on, until a line that is none or lists a title listed already (the
    report's first section title after the contents)."""
    entries: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index in range(start, len(lines)):
        title = _entry_title(lines[index], headed)
        if title is None or title in seen:
            break
        seen.add(title)
        entries.append((index, title))
    return entries
