"""What a built PDF actually shows, read back with pdfplumber, for the `page`
notes: on which pages each table starts and ends, and which headings were left
alone at the foot of a page. Read back rather than planned, because reportlab
decides where pages break."""

from __future__ import annotations

import re

import pdfplumber

BODY_TOP, BODY_BOTTOM = 780, 62     # make_pdf.py: the body frame (pt from the foot)
TABLE_MARKS = (   # a string that opens and one that closes each printed table, in print order
    ("active", "第二十条第（一）项", ("行政事业性收费", "政府集中采购")),
    ("requests", "申请人情况", ("四、结转下年度继续办理",)),
    ("review_litigation", "未经复议直接起诉", ("复议后起诉",)),
)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_lines(path) -> list[list[str]]:
    with pdfplumber.open(str(path)) as pdf:
        return [(page.crop((0, page.height - BODY_TOP - 4, page.width,
                            page.height - BODY_BOTTOM + 4)).extract_text() or "").split("\n")
                for page in pdf.pages]


def broken_lines(joined: str, offsets: list[int], lines: list[tuple[int, str]]) -> list[int]:
    """The indexes of clean lines that the PDF starts on one page and ends on the next."""
    broken, at = [], 0
    for index, text in lines:
        found = joined.find(squeeze(text), at)
        if found < 0:
            continue
        end = found + len(squeeze(text))
        if any(found < offset < end for offset in offsets):
            broken.append(index)
        at = end
    return broken


def pdf_facts(path, headings: list[str], prose: list[tuple[int, str]]) -> str:
    """`prose`: (index, text) of the clean lines outside the tables."""
    pages = body_lines(path)
    flat = [squeeze("".join(lines)) for lines in pages]
    notes = []
    offsets, at = [], 0
    for text in flat:
        offsets.append(at)
        at += len(text)
    joined = "".join(flat)

    def page_of(position: int) -> int:
        return max(i for i, offset in enumerate(offsets) if offset <= position) + 1

    at = 0      # tables are searched in print order, so prose before them cannot match
    for n, (which, start, ends) in enumerate(TABLE_MARKS):
        first = joined.find(start, at)
        if first < 0:
            continue
        following = [joined.find(mark, first) for _, mark, _ in TABLE_MARKS[n + 1:]]
        limit = min([f for f in following if f > 0], default=len(joined))   # the next table's start
        last = max(joined.find(end, first, limit) for end in ends)
        at = max(first, last)
        if last > 0 and page_of(last) > page_of(first):
            notes.append(f"table {which} runs from page {page_of(first)} to page {page_of(last)}")
        else:
            notes.append(f"table {which} stands on page {page_of(first)}")
    broken = broken_lines(joined, offsets, prose)
    if broken:
        notes.append(f"lines {broken} run over a page break (the reader must join them across "
                     "the page footer and header)")
    wanted = {squeeze(h) for h in headings}
    for number, lines in enumerate(pages[:-1], 1):
        tail = squeeze(lines[-1]) if lines else ""
        if tail in wanted:
            notes.append(f"the heading \"{lines[-1].strip()}\" is the last line of page {number} of the file, "
                         "what follows it begins the next page")
    return ("Read back from the PDF (pages of the file, counted from its first): " + "; ".join(notes) + ".") if notes else ""
