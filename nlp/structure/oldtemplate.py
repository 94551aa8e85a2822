"""Section titles of the template before 2019 standing unnumbered on their own lines.

The 2008 regulations' reports have seven sections (概述 / 主动公开政府信息情况 / 依申请公开政府信息情况 /
政府信息公开的收费及减免情况 / 因政府信息公开申请行政复议、提起行政诉讼的情况 / 存在的主要问题及改进措施 /
其他需要报告的事项), often shortened (`主动公开情况`, `收费及减免`, `复议诉讼情况`, `存在的不足及改进措施`). Numbered,
they are read as any section. A page that drops the numbers (a list marker or a bold number lost) leaves
the short titles alone on their lines, and `主动公开情况` alone is as often a subsection's title: the parser
keeps only the template's whole titles unnumbered (`headings._is_unnumbered_title`).

Some reports number them as subsections (`（一）概述`), and many run each title in with a colon, its body on the
same line (`（二）主动公开政府信息情况：本年度…`, `主动公开政府信息的情况：…`): a line no heading test reads, being a
paragraph. What makes them a report's sections is the whole report: each alone on its line or run in with a colon,
in the old template's order (and its `（N）` numbers, where it has them, counting up), with no heading numbered as
a section (`一、`, `1.`, `第一部分`: under those, such lines are subsections), four of the seven with the fees
section (the old template's own) among them, or five. Then each is a section heading (a run-in one its section's
first paragraph too, as a glued section title is); the fees section (no section of the 2019 template) has no key,
as a numbered one has none.
"""

from __future__ import annotations

import re

from nlp.structure.headings import HeadingCandidate, chinese_number, section_key_for_title

#: A subsection's number before an old title (`（二）`), which some reports give their sections.
_PAREN = r"(?:[（(](?P<number>[一二三四五六七八九十]{1,2})[)）][ \t]*)?"
#: The old template's sections in order, each as agencies shorten it: a whole line, or run in with a colon and the
#: section's first sentence after it (`：本年度…`).
OLD_SECTIONS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rf"^{_PAREN}(?P<title>{pattern})(?:[：:]?$|[：:][ \t]*(?P<body>\S))")
    for pattern in (
        r"(?:政府信息公开工作)?(?:概述|总体情况|基本情况)",
        r"(?:政府信息)?主动公开(?:政府信息)?(?:工作)?的?情况",
        r"(?:政府信息)?依申请公开(?:政府信息)?(?:工作)?的?情况",
        r"(?:政府信息公开(?:工作)?的?)?收费[及和与、]?减免(?:的)?(?:情况)?",
        r"(?:因政府信息公开(?:申请)?(?:被申请|申请)?)?(?:行政)?复议[、和及与]?(?:提起)?(?:行政)?诉讼(?:的)?(?:情况)?",
        r"(?:政府信息公开工作)?存在的?(?:主要)?(?:问题|不足)[及和与、](?:改进|整改)(?:措施|情况|方向)?",
        r"其[他它]需要报告的事项",
    )
)
#: How many of the seven must stand so: four, the old template's own fees section among them, or five.
MIN_TITLES, MIN_WITHOUT_FEES = 4, 5
#: The position of the fees section, the one the 2019 and 2021 templates do not have.
FEES = 3


def old_template_titles(lines: list[str], headings: list[HeadingCandidate]) -> list[HeadingCandidate]:
    """`headings` with the old template's unnumbered, `（N）`-numbered or run-in titles added, where the whole report
    shows them (see the module's doc); else `headings` unchanged."""
    if any(h.number is not None and h.style != "paren" for h in headings):
        return headings
    found: list[tuple[int, int, re.Match[str]]] = []  # (line, section index, the title's match)
    for index, text in enumerate(lines):
        stripped = text.strip()
        for position, pattern in enumerate(OLD_SECTIONS):
            match = pattern.match(stripped)
            # A title alone is a short line; a run-in one is known by its colon, whatever its body's length.
            if match is not None and (match.group("body") is not None or len(stripped) <= 30):
                found.append((index, position, match))
                break
    positions = [p for _, p, _ in found]
    if positions != sorted(set(positions)):
        return headings  # repeated or out of order: a list of subsections, a table of contents
    numbers = [chinese_number(m.group("number")) for _, _, m in found if m.group("number")]
    if numbers != sorted(set(numbers)):
        return headings  # `（N）` numbers that restart or repeat: subsections of several sections
    # the old template's own section (收费及减免) with three more, or five of the seven: fewer shared titles
    # (基本情况 / 依申请公开情况 / 存在的问题和改进措施 / 其他需要报告的事项) are as well a later report's own sections
    if not ((FEES in positions and len(positions) >= MIN_TITLES) or len(positions) >= MIN_WITHOUT_FEES):
        return headings
    # The old titles are the sections now, each read here (a run-in one's line its first paragraph too): a `（N）`
    # heading the report's numbering chose is one of them or a subsection.
    kept = [h for h in headings if h.style != "paren"]
    taken = {h.line for h in kept}
    added = [
        HeadingCandidate(
            line,
            chinese_number(m.group("number")) if m.group("number") else None,
            "none",
            m.group("title"),
            section_key_for_title(m.group("title")),
            run_in=m.group("body") is not None,  # the line is its section's first paragraph too
        )
        for line, _, m in found
        if line not in taken
    ]
    return sorted([*kept, *added], key=lambda h: h.line)
