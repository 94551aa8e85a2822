"""Template sections whose headings are pictures (`［图片］` where a page shows `一、总体情况` as an image, as WeChat
articles and some portals print their headings): each section opens at its picture.

Without it the section's paragraphs stand in the section before, or in the front matter for section 一. Pictures
are taken for lost headings only where the sections found on either side leave a run of template sections out, in
template order, with no other heading between them, and the pictures there are exactly as many as the sections
left out: they open them in order. Before section 一 (nothing before it but the title and the preamble) pictures
may be more (a banner, a logo): the last ones open the sections.
"""

from __future__ import annotations

from nlp.pictures import is_picture_line
from nlp.report import SECTION_KEYS
from nlp.structure.headings import HeadingCandidate

#: The style of a heading read from a picture's place (`HeadingCandidate.style`).
PICTURE = "picture"


def _missing_runs(found: dict[str, int]) -> list[tuple[int, int]]:
    """Runs of consecutive template sections not found, as (first position, last position + 1)."""
    runs: list[tuple[int, int]] = []
    position = 0
    while position < len(SECTION_KEYS):
        if SECTION_KEYS[position] in found:
            position += 1
            continue
        end = position
        while end < len(SECTION_KEYS) and SECTION_KEYS[end] not in found:
            end += 1
        runs.append((position, end))
        position = end
    return runs


def pictured_sections(headings: list[HeadingCandidate], lines: list[str]) -> list[HeadingCandidate]:
    """The headings with a section opened at each picture that stands where a template section is lost."""
    found = {h.key: h.line for h in headings if h.key in SECTION_KEYS}
    if not found:
        return headings
    pictures = [index for index, line in enumerate(lines) if is_picture_line(line)]
    if not pictures:
        return headings
    added: list[HeadingCandidate] = []
    for first, end in _missing_runs(found):
        # Each run is bounded by found sections, or by the text's start (section 一) or end (section 六).
        start_line = found[SECTION_KEYS[first - 1]] if first else -1
        end_line = found[SECTION_KEYS[end]] if end < len(SECTION_KEYS) else len(lines)
        if start_line >= end_line or any(start_line < h.line < end_line for h in headings):
            continue
        between = [index for index in pictures if start_line < index < end_line]
        wanted = end - first
        if len(between) == wanted or (first == 0 and len(between) > wanted):
            for key, index in zip(SECTION_KEYS[first:end], between[-wanted:], strict=True):
                added.append(HeadingCandidate(index, None, PICTURE, lines[index].strip(), key))
    return sorted([*headings, *added], key=lambda h: h.line) if added else headings
