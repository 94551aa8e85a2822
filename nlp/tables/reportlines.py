"""A structured report's lines as the table reader reads them: its paragraphs, with the empty leading
cells of table rows given back from the source text (the normaliser strips them as leading space)."""

from __future__ import annotations

import re

from nlp.normalize.characters import LINE_BREAKS
from nlp.normalize.markdown import RULE_LINE
from nlp.report import Report
from nlp.tables.spacecolumns import leading_empty_cells

_MARKUP = re.compile(r"<[^<>]*>")
_CELL_END_TAG = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_LINE_BREAK = re.compile("|".join(map(re.escape, LINE_BREAKS)))


def report_lines(report: Report) -> list[str]:
    """The report's paragraphs as lines, with the leading tabs of table rows given back and a table of
    contents left blank.

    The normaliser strips leading whitespace, which in a tab-separated row is the row's first,
    empty cells (`\\t\\t\\t\\t\\t0\\t0…`: table 四 with the 行政复议 cells blank); they are read again
    from the source text.
    """
    paragraphs = report.paragraphs
    if not paragraphs:
        return report.source_text.splitlines()
    source = report.source_text
    # A table of contents lists the titles of tables 二–四 before the sections (`二、主动公开政府信息情况……2`): the
    # parser found it (`Report.contents`); left blank, so that no table is looked for there; blank, not dropped, so
    # line numbers stay the report's.
    contents = set(report.contents)
    markdown = "|" in source and RULE_LINE.search(source) is not None
    lines: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index in contents:
            lines.append("")
            continue
        text = paragraph.text
        if paragraph.kind == "table" and source and 0 < paragraph.start <= len(source):
            # Any line break the normaliser reads as one (`\r` alone, U+2028…), not only `\n`.
            line_start = max(source.rfind(mark, 0, paragraph.start) for mark in LINE_BREAKS) + 1
            prefix = source[line_start : paragraph.start]
            if "\t" in prefix and not prefix.strip():
                text = "\t" * prefix.count("\t") + text
            elif markdown and prefix.lstrip().startswith("|") and not prefix.replace("|", "").strip():
                # A Markdown table's row (`nlp.normalize.markdown`): `|  |  | 0` starts with two empty cells.
                text = "\t" * (prefix.count("|") - 1) + text
            elif len(prefix) >= 2 and not prefix.strip(" "):
                # Columns aligned by spaces (OCR): the empty cells the header lines above show (`spacecolumns`).
                line_end = min((i for mark in LINE_BREAKS if (i := source.find(mark, paragraph.start)) >= 0), default=len(source))
                above = _LINE_BREAK.split(source[max(0, line_start - 2000) : line_start])[:-1]
                text = "\t" * leading_empty_cells(source[line_start:line_end], above) + text
            elif "<" in prefix and not _MARKUP.sub("", prefix).strip():
                # A row still in its HTML (`nlp.normalize.markup`): its empty leading cells are `</td>`s.
                text = "\t" * len(_CELL_END_TAG.findall(prefix)) + text
            # and its empty trailing cells, which the normaliser strips as trailing space: a row printed
            # all blank (`规章\t\t\t`) shows its empty cells only there (`nlp.tables.blankrows`)
            line_end = min((i for mark in LINE_BREAKS if (i := source.find(mark, paragraph.end)) >= 0), default=len(source))
            suffix = source[paragraph.end : line_end]
            if "\t" in suffix and not suffix.strip():
                text += "\t" * suffix.count("\t")
        lines.append(text)
    return lines
