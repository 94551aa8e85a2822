"""Check the authored Word/PDF set against its gold: `python check_gold.py` (python-docx, pdfplumber).

For every gold line: the file opens; part and template follow the id and year; every key is a
canonical key, and a key the template prints is missing only where the layout says the file prints
zeros as no number; the arithmetic (TABLES.md rules 1–4) holds once the recorded deliberate errors are
undone, and the printed figures break exactly the rules those errors name; every gold figure is printed
in the file, in the gold's order and nowhere else in its tables (after full-width digits and
thousands separators are undone);
the narrative's request count agrees with the table (rule 5); the section titles are in the file; and
the layout the line claims (thousands separators, a table across pages, a landscape page, a text box, a nested table, a
table split in two) is in the file.
"""

from __future__ import annotations

import json
import os
import re
import sys

import pdfplumber
from docx import Document
from docx.oxml.ns import qn
from spec import arithmetic_violations, expected_keys

HERE = os.path.dirname(os.path.abspath(__file__))
_FULL = str.maketrans("０１２３４５６７８９，．－＋", "0123456789,.-+")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_PAGE_NUMBER = re.compile(r"\s*—\s*\d+\s*—.*")


def _plain(text: str) -> str:
    """Full-width digits and thousands separators undone, so 1,234 and １，２３４ read 1234."""
    return re.sub(r"(?<=\d),(?=\d{3})", "", text.translate(_FULL)).strip()


def _docx_figures(body) -> list[str]:
    """The table cells that hold only a number, in document order (nested tables' cells once)."""
    out = []
    for tc in body.iter(qn("w:tc")):
        if tc.find(qn("w:tbl")) is not None:
            continue  # a layout cell around a table: its figures are the inner table's
        text = _plain("".join(t.text or "" for t in tc.iter(qn("w:t"))))
        if _NUMBER.fullmatch(text):
            out.append(text)
    return out


def _pdf_figures(pages: list[str]) -> list[str]:
    """The words that are only a number, in reading order; page numbers (— 2 —) skipped.

    Narrative figures are glued to their characters (申请6件), so they are not words of their own.
    """
    out = []
    for page in pages:
        for line in page.splitlines():
            if not _PAGE_NUMBER.fullmatch(line):
                out += [w for w in map(_plain, line.split()) if _NUMBER.fullmatch(w)]
    return out


def _printed(value: float, col: str) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return f"+{value}" if col == "change" and value > 0 else str(value)


def _docx_text(path: str) -> tuple[list[str], object]:
    body = Document(path).element.body
    paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
    return paras, body


def _pdf_pages(path: str) -> list[tuple[str, bool]]:
    with pdfplumber.open(path) as pdf:
        return [(p.extract_text() or "", p.width > p.height) for p in pdf.pages]


def _repeat_check(layout: str, header_on_last_part: bool, problems: list[str]) -> None:
    """Table 三's column header (自然人 …) is on its last part exactly when the layout says it repeats."""
    claims = (
        "header repeated" in layout or "header rows repeated" in layout
    ) and "without the header" not in layout
    if claims != header_on_last_part:
        problems.append("table 三's header is repeated after the break, or not, against the layout")


def _layout_checks(rec: dict, path: str, problems: list[str]) -> tuple[str, list[str]]:
    """Open the file, check what its layout line claims; return its text and its table figures."""
    layout = rec["layout"]
    if rec["file"].endswith(".docx"):
        paras, body = _docx_text(path)
        tables = [t for t in body.iter(qn("w:tbl"))]
        cell_text = ["".join(x.text or "" for x in t.iter(qn("w:t"))) for t in tables]
        if "split into two Word tables" in layout:
            first = [i for i, t in enumerate(cell_text) if "本年新收" in t]
            last = [i for i, t in enumerate(cell_text) if "结转下年度" in t]
            if not first or not last or first[0] == last[-1]:
                problems.append("table 三 is not split into two Word tables")
            else:
                _repeat_check(layout, "自然人" in cell_text[last[-1]], problems)
        if "text box" in layout and not any(
            x.find(".//" + qn("w:tbl")) is not None for x in body.iter(qn("w:txbxContent"))
        ):
            problems.append("no table inside a text box")
        if "nested" in layout and not any(tc.find(qn("w:tbl")) is not None for tc in body.iter(qn("w:tc"))):
            problems.append("no table nested in a table cell")
        return "\n".join(paras), _docx_figures(body)
    pages = _pdf_pages(path)
    # Table 三's first and last row labels, short enough to survive a label broken over two lines
    # (the narrative and table 二 say 本年新… and 结转下年度 too, but not after 一、 and 四、).
    squeezed = [re.sub(r"\s", "", t) for t, _ in pages]
    first = next((i for i, t in enumerate(squeezed) if "一、本年新" in t), None)
    last = max((i for i, t in enumerate(squeezed) if "四、结转下" in t), default=None)
    if first is None or last is None:
        problems.append("table 三's first or last row label not found in the PDF text")
    elif "breaking across pages" in layout and first == last:
        problems.append("table 三 does not break across pages")
    elif "breaking across pages" not in layout and first != last:
        problems.append("table 三 breaks across pages but the layout does not say so")
    if "breaking across pages" in layout and first is not None and last is not None and first != last:
        _repeat_check(layout, "自然人" in pages[last][0], problems)
    if "landscape" in layout and (first is None or not pages[first][1]):
        problems.append("table 三 is not on a landscape page")
    return "\n".join(t for t, _ in pages), _pdf_figures([t for t, _ in pages])


def check(rec: dict) -> list[str]:
    problems: list[str] = []
    path = os.path.join(HERE, rec["file"])
    number = int(rec["doc_id"][1:])
    if rec["part"] != ("dev" if number % 2 else "held"):
        problems.append("part does not follow the id's parity")
    if rec["template"] != ("2019" if rec["year"] <= 2020 else "2021"):
        problems.append("template does not follow the year")
    try:
        text, figures = _layout_checks(rec, path, problems)
    except Exception as exc:  # a file that does not open is the failure this line reports
        return [f"does not open: {exc}"]

    values = {(c["table"], c["row"], c["col"]): c["value"] for c in rec["cells"]}
    expected = set(expected_keys(rec["template"]))
    if set(values) - expected:
        problems.append(f"non-canonical keys: {sorted(set(values) - expected)[:3]}")
    missing = expected - set(values)
    if missing and "left out of the gold" not in rec["layout"]:
        problems.append(f"{len(missing)} printed cells missing from the gold")

    # Rules 1–4: none broken once the errors are undone; the printed figures break exactly the named rules.
    undone = dict(values)
    for e in rec["errors"]:
        key = (e["table"], e["row"], e["col"])
        if values.get(key) != e["printed"]:
            problems.append(f"error {key} does not match the printed figure")
        undone[key] = e["consistent"]
    if arithmetic_violations(rec["template"], undone):
        problems.append(
            f"arithmetic broken beyond the recorded errors: {arithmetic_violations(rec['template'], undone)[:2]}"
        )
    broken = {v["rule"] for v in arithmetic_violations(rec["template"], values)}
    named = {r for e in rec["errors"] for r in e["rules"]}
    if broken != named:
        problems.append(f"rules broken {sorted(broken)} but errors name {sorted(named)}")

    # The gold, in its printed order, is exactly the sequence of figures the file's tables print:
    # a figure missing, extra, misread or in another cell breaks the match.
    wanted = [_printed(c["value"], c["col"]) for c in rec["cells"]]
    if figures != wanted:
        at = next(
            (i for i, (a, b) in enumerate(zip(figures, wanted, strict=False)) if a != b),
            min(len(figures), len(wanted)),
        )
        problems.append(
            f"the file's table figures differ from the gold from figure {at} on ({len(figures)} vs {len(wanted)})"
        )

    if "thousands separators" in rec["layout"] and not re.search(r"\d,\d{3}", text.translate(_FULL)):
        problems.append("no figure printed with a thousands separator")

    # Rule 5: the narrative states the table's count of new requests.
    new = undone.get(("requests", "new_received", "total"), 0)
    if f"新收政府信息公开申请{new}件" not in text.replace("\n", ""):
        problems.append("narrative's count of new requests is not the table's")
    flat = re.sub(r"\s", "", text)
    for title in rec["sections"]:
        if title.split("、", 1)[1] not in flat:
            problems.append(f"section title not in the file: {title}")
    return problems


def main() -> int:
    with open(os.path.join(HERE, "gold.jsonl"), encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    failed = 0
    for rec in records:
        problems = check(rec)
        status = "ok" if not problems else "FAIL"
        print(
            f"{rec['doc_id']} {rec['file']:10} {rec['part']:4} {rec['template']} cells={len(rec['cells']):3} errors={len(rec['errors'])} {status}"
        )
        for p in problems:
            print("   ", p)
        failed += bool(problems)
    for part in ("dev", "held"):
        recs = [r for r in records if r["part"] == part]
        print(
            f"{part}: {len(recs)} files, {sum(len(r['cells']) for r in recs)} cells, "
            f"{sum(r['file'].endswith('.docx') for r in recs)} docx, {sum(r['file'].endswith('.pdf') for r in recs)} pdf, "
            f"{sum(bool(r['errors']) for r in recs)} with deliberate errors"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
