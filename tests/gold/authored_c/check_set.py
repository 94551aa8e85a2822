"""Check set C: labels cover the text one to one, labels are valid, and every narrative
line can be found, in order, in the visible text of its web page.

Run: python check_set.py   (from this folder; exit status 1 and a list of faults if any)
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"narrative", "heading", "table", "meta"}
LABELS = {
    "active_disclosure",
    "application",
    "info_management",
    "platform",
    "organization",
    "problem",
    "improvement",
    "other",
}
TEMPLATES = {"old": range(2008, 2019), "2019": range(2019, 2021), "2021": range(2021, 2026)}


class _Visible(HTMLParser):
    """Collect the text a browser shows: everything outside <script>, <style> and <head>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "head"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def squeeze(text: str) -> str:
    return "".join(text.split())


def _figure_rows(text: str, width: int) -> list[list[int]]:
    """Table lines of the text that end in exactly ``width`` integer cells, in order."""
    rows = []
    for line in text.split("\n"):
        cells = line.split("\t")
        tail = cells[-width:]
        head = cells[:-width]
        if (
            len(cells) >= width
            and all(re.fullmatch(r"-?\d+", c) for c in tail)
            and not any(re.fullmatch(r"-?[\d.]+", c) for c in head)
        ):
            rows.append([int(c) for c in tail])
    return rows


def check_tables(rep: dict) -> list[str]:
    """The arithmetic of TABLES.md (rules 1-4), recomputed from the clean text's table lines."""
    if rep["template"] == "old":
        return []
    doc, faults = rep["doc_id"], []
    review = _figure_rows(rep["text"], 15)
    if len(review) != 1:
        faults.append(f"{doc}: expected one review/litigation figure row, found {len(review)}")
    else:
        for g in range(3):
            part = review[0][5 * g : 5 * g + 5]
            if part[4] != sum(part[:4]):
                faults.append(f"{doc}: review/litigation group {g} total does not add up")
    rows = _figure_rows(rep["text"], 7)
    expected = 2 + (18 + (3 if rep["template"] == "2021" else 1)) + 2
    if len(rows) != expected:
        return faults + [f"{doc}: requests table has {len(rows)} figure rows, expected {expected}"]
    for row in rows:
        if row[6] != sum(row[:6]):
            faults.append(f"{doc}: a requests row total is not the sum of the applicant columns")
    new, carried, outcomes, handled, forward = rows[0], rows[1], rows[2:-2], rows[-2], rows[-1]
    for col in range(7):
        if handled[col] != sum(r[col] for r in outcomes):
            faults.append(f"{doc}: requests column {col}: total_handled is not the sum of outcomes")
        if new[col] + carried[col] != handled[col] + forward[col]:
            faults.append(f"{doc}: requests column {col}: received does not equal handled + carried forward")
    return faults


def check(reports: list[dict], labels: list[dict]) -> list[str]:
    faults: list[str] = []
    by_doc: dict[str, list[dict]] = {}
    for rec in labels:
        by_doc.setdefault(rec["doc_id"], []).append(rec)
    seen = set()
    for rep in reports:
        doc = rep["doc_id"]
        if doc in seen:
            faults.append(f"{doc}: duplicate doc_id")
        seen.add(doc)
        if rep["year"] not in TEMPLATES.get(rep["template"], ()):
            faults.append(f"{doc}: year {rep['year']} does not fit template {rep['template']}")
        lines = [ln for ln in rep["text"].split("\n") if ln.strip()]
        recs = by_doc.get(doc, [])
        if [r["text"] for r in recs] != lines:
            faults.append(f"{doc}: label records do not match the text lines one to one")
        for i, r in enumerate(recs):
            where = f"{doc}#{r['para_index']}"
            if r["para_index"] != i:
                faults.append(f"{where}: para_index out of order")
            if r["kind"] not in KINDS:
                faults.append(f"{where}: bad kind {r['kind']!r}")
            if not isinstance(r["mixed"], bool):
                faults.append(f"{where}: mixed is not a bool")
            if r["kind"] == "narrative":
                if r["label"] not in LABELS or not isinstance(r["generic"], bool):
                    faults.append(f"{where}: narrative needs a label and a bool generic")
                if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
                    faults.append(f"{where}: bad unsure {r.get('unsure')!r}")
            elif r["label"] is not None or r["generic"] is not None or r["mixed"] or "unsure" in r:
                faults.append(f"{where}: non-narrative unit carries a label")
        faults.extend(check_tables(rep))
        page = rep["html"]
        enc = rep["page"]["encoding"]
        try:
            page.encode(enc)
        except UnicodeEncodeError as err:
            faults.append(f"{doc}: page not valid {enc}: {err}")
        has_meta = bool(re.search(r"<meta[^>]+charset", page, re.I))
        if has_meta != rep["page"]["charset_meta"]:
            faults.append(f"{doc}: page record says charset_meta={rep['page']['charset_meta']}")
        shown = squeeze(visible_text(page))
        pos = 0
        for r in recs:
            if r["kind"] != "narrative":
                continue
            found = shown.find(squeeze(r["text"]), pos)
            if found < 0:
                faults.append(f"{doc}#{r['para_index']}: narrative not found in order on the page")
            else:
                pos = found + len(squeeze(r["text"]))
    for doc in set(by_doc) - seen:
        faults.append(f"{doc}: labels without a report")
    return faults


def main() -> int:
    reports = [json.loads(x) for x in open(HERE / "reports.jsonl", encoding="utf-8")]
    labels = [json.loads(x) for x in open(HERE / "labels.jsonl", encoding="utf-8")]
    faults = check(reports, labels)
    kinds = Counter(r["kind"] for r in labels)
    narr = Counter(r["label"] for r in labels if r["kind"] == "narrative")
    print(f"{len(reports)} reports, {len(labels)} units: {dict(kinds)}")
    print("labels:", dict(sorted(narr.items())))
    for fault in faults:
        print("FAULT", fault)
    print("ok" if not faults else f"{len(faults)} faults")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
