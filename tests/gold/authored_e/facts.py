"""What a built PDF actually shows, read back with pdfplumber, for the `page`
notes: on which pages each table starts and ends, and which headings were left
alone at the foot of a page. Read back rather than planned, because reportlab
decides where pages break."""

from __future__ import annotations

import re

import pdfplumber

BODY_TOP, BODY_BOTTOM = 780, 62     # make_pdf.py: the body frame (pt from the foot)
TABLE_MARKS = {   # a string that opens and one that closes each printed table
    "active": ("第二十条第（一）项", "行政事业性收费"),
    "requests": ("申请人情况", "四、结转下年度继续办理"),
    "review_litigation": ("结果维持结果纠正其他结果尚未审结总计结果维持", "结果维持结果纠正其他结果尚未审结总计结果维持"),
}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_lines(path) -> list[list[str]]:
    with pdfplumber.open(str(path)) as pdf:
        return [(page.crop((0, page.height - BODY_TOP - 4, page.width,
                            page.height - BODY_BOTTOM + 4)).extract_text() or "").split("\n")
                for page in pdf.pages]


def pdf_facts(path, headings: list[str]) -> str:
    pages = body_lines(path)
    flat = [squeeze("".join(lines)) for lines in pages]
    notes = []
    for which, (start, end) in TABLE_MARKS.items():
        first = next((i + 1 for i, text in enumerate(flat) if start in text), None)
        last = next((i + 1 for i, text in enumerate(flat) if end in text and i + 1 >= (first or 0)), None)
        if first and last and last > first:
            notes.append(f"table {which} runs from page {first} to page {last}")
        elif first:
            notes.append(f"table {which} stands on page {first}")
    wanted = {squeeze(h) for h in headings}
    for number, lines in enumerate(pages[:-1], 1):
        tail = squeeze(lines[-1]) if lines else ""
        if tail in wanted:
            notes.append(f"the heading \"{lines[-1].strip()}\" is the last line of page {number} of the file, "
                         "what follows it begins the next page")
    return ("Read back from the PDF: " + "; ".join(notes) + ".") if notes else ""
