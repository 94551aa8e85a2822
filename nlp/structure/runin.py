"""Run-in headings: a short numbered title closed by a full stop (`（一）主动公开方面。`) and its paragraph.

Official documents write second- and third-level titles run in: the title, a full stop, and the body on
the same line (GB/T 9704's `（一）` and `1.` levels). Pages made from them often put the title in an
element of its own (bold), so the crawled text shows it on a line apart; the paragraph a reader sees,
and the unit the labels hold, is the title and its body together. A title alone on its line carries no
full stop, so the full stop is the evidence that the author ran the title in; what is still joined
only on a report's own evidence is a title the page also shows apart in its layout (see
`run_in_joins`).
"""

from __future__ import annotations

import re

from nlp.normalize.lines import CN_NUM, ENUMERATED_START, NOT_DECIMAL

_LABEL = r"(?:[（(][" + CN_NUM + r"\d]{1,3}[)）]|[" + CN_NUM + r"]{1,3}[、.．]|\d{1,2}[、.．]" + NOT_DECIMAL + ")"
#: The words of a title: no digits (a figure makes it a sentence), no clause punctuation but one comma
#: between two short phrases (`强化政策解读，积极引导预期`).
_TITLE = r"(?:[^。；;，,！!？?：:\d]{2,30}|[^。；;，,！!？?：:\d]{2,15}[，,][^。；;，,！!？?：:\d]{2,15})"
#: A run-in title alone on its line: a label, the title, a full stop.
RUN_IN_ALONE = re.compile(r"^" + _LABEL + _TITLE + r"。$")
#: The same title with its body on the line: the author's way of writing titles, shown by the page.
_RUN_IN_GLUED = re.compile(r"^" + _LABEL + _TITLE + r"。(?=\S{2})")
#: Top-level labels (`一、`): section titles, joined only where they are not the template's sections.
_TOP_LABEL = re.compile(r"^[" + CN_NUM + r"]{1,3}[、.．]")


#: When a title alone on its line is joined to its body, on pages whose lines are elements: where the
#: report writes a title of the same numbering run in elsewhere, always, never.
RUN_IN_POLICIES = ("evidence", "always", "never")


def _family(line: str) -> str:
    """The numbering family of a title's label: `（一）`, `一、` or `1.`."""
    return "bracket" if line[:1] in "（(" else ("chinese" if line[:1] in CN_NUM else "arabic")


def run_in_families(lines: list[str], kinds: list[str]) -> set[str]:
    """The numbering families the report writes run in: a title of that family shares its line with its body."""
    return {_family(line) for line, kind in zip(lines, kinds, strict=True) if kind == "narrative" and _RUN_IN_GLUED.match(line)}


def run_in_joins(lines: list[str], kinds: list[str], section_lines: set[int], policy: str = "evidence", element_lines: bool = True) -> list[int]:
    """The lines that are a run-in title alone on its line, to be joined to the paragraph after them.

    Only where the lines are a page's elements (`element_lines`): elsewhere a line is a paragraph as
    its author wrote it. A title is joined when the next line is a narrative paragraph that does not
    open a unit of its own (another numbered item or title); section headings of the template are
    never joined. `policy`: `evidence` joins the titles of a numbering family the report shows run in
    somewhere (`（一）…。` on its body's line), `always` every one, `never` none.
    """
    if policy == "never" or not element_lines:
        return []
    families = run_in_families(lines, kinds) if policy == "evidence" else {"bracket", "chinese", "arabic"}
    if not families:
        return []
    joins = []
    for index in range(len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        if index in section_lines or index + 1 in section_lines or not RUN_IN_ALONE.match(line) or _family(line) not in families:
            continue
        if kinds[index + 1] != "narrative" or ENUMERATED_START.match(following) or RUN_IN_ALONE.match(following):
            continue
        joins.append(index)
    return joins


#: A numbered title glued to its body without a full stop (`（二）依申请公开情况2023年，本机关…`, `（三）政府信息管理情况我局…`):
#: a label, a few title words closed by a title's word, then the body opening as a report's sentences do (a year,
#: `本年度`, `我局`, `一是`). The body's opening is the evidence: a sentence does not go on so after `情况`.
_GLUED_TITLE = re.compile(
    r"^" + _LABEL + r"[^。；;，,！!？?：:\d]{2,20}?(?:情况|方面|工作|建设|管理|保障|公开)"
    r"(?=(?:19|20)\d{2}年|本年度?|今年|全年|我(?:局|委|办|镇|区|县|市|厅|乡|街道|中心|们|单位)|本机关|本单位|[一二三四五六七八九十]是)"
)


def glued_title(text: str) -> str | None:
    """The numbered title a paragraph opens with where its body runs on without a full stop, or None."""
    match = _GLUED_TITLE.match(text)
    return match.group(0) if match else None
