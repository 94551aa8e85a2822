"""Section 五 opened at its first subheading (`（一）主要问题`) where its own heading was lost: a page dropped it, or
it was never written, and the problems would otherwise stand in the section before."""

from __future__ import annotations

import re

from nlp.structure.headings import HeadingCandidate
from nlp.structure.kinds import SENTENCE, SUBHEADING

_BARE_LABEL = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[)）]")
_PROBLEMS_SUBHEADING = re.compile(r"存在的?(?:主要)?问题|主要问题|问题(?:及|和)改进")


def infer_problems_section(headings: list[HeadingCandidate], lines: list[str]) -> list[HeadingCandidate]:
    """Open section 五 at its first subheading (`（一）主要问题`) where its own heading was lost."""
    if any(h.key == "problems_improvements" for h in headings) or not headings:
        return headings
    after = max((h.line for h in headings if h.key in ("active", "requests", "review_litigation")), default=None)
    if after is None:
        return headings
    until = min((h.line for h in headings if h.line > after and h.key == "other_matters"), default=len(lines))
    for index in range(after + 1, until):
        text = lines[index]
        if _BARE_LABEL.fullmatch(text):
            # `（一）` / `2024` / `年工作中存在问题的改进情况`: the label, a year and the title on lines of their own.
            pieces = lines[index + 1 : min(index + 3, until)]
            text += "".join(pieces if pieces and pieces[0].isdigit() else pieces[:1])
        if not SUBHEADING.match(text):
            continue
        alone = len(text) <= 40 and _PROBLEMS_SUBHEADING.search(text) and not SENTENCE.search(text[:-1])
        # Glued to its first paragraph (crawled text): the words must stand in the subheading's lead.
        glued = _PROBLEMS_SUBHEADING.search(text[:24])
        if alone or glued:
            title = text if alone else text[: glued.end()]
            implicit = HeadingCandidate(index, None, "implicit", title, "problems_improvements")
            return sorted([*headings, implicit], key=lambda h: h.line)
    return headings
