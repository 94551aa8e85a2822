"""Check the authored table gold against its files; exits non-zero on any problem.

For every record of gold.jsonl:
- the file decodes strictly in its stated encoding, and an HTML page's declared charset reads it too;
- keys are canonical for the template, no cell twice, and a report that prints every zero has
  every cell of its template;
- the numbers printed in the file's table cells, in reading order, are exactly the gold values;
- an HTML table's rows cover the same width once rowspan/colspan are counted;
- arithmetic rules 1-4 of TABLES.md hold, except in reports with deliberate errors, where they
  fail, and hold again once each recorded error's `consistent` value is put back.
Run from this folder: python check_gold.py
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from render import NUMBER
from tables_model import (
    REQUEST_COLS,
    REVIEW_COLS,
    REVIEW_ROWS,
    active_blocks,
    arithmetic_failures,
    request_rows,
)

HERE = Path(__file__).parent
# a page-number line a PDF copy leaves in the table: "- 4 -", "— 4 —"
PAGE_NUMBER = re.compile(r"^\s*[-—]\s*\d+\s*[-—]\s*$")
TO_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")


def template_keys(template: str) -> set[tuple[str, str, str]]:
    keys = set()
    for _, _, rows in active_blocks(template):
        for row, _, cols in rows:
            keys |= {("active", row, c) for c in cols}
    keys |= {("requests", r, c) for r, _ in request_rows(template) for c in REQUEST_COLS}
    keys |= {("review_litigation", r, c) for r in REVIEW_ROWS for c in REVIEW_COLS}
    return keys


class _Cells(HTMLParser):
    """The texts of table cells (<td>/<th>, or <div class="td">) and each <tr>'s spans."""

    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self.rows: list[list[tuple[int, int]]] = []  # per <tr>: (colspan, rowspan) of its cells
        self.tables: list[int] = []  # index into rows where each <table> starts
        self._depth_div = []
        self._buf: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append(len(self.rows))
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.rows[-1].append((int(a.get("colspan", 1)), int(a.get("rowspan", 1))))
            self._buf = []
        if tag == "div":
            self._depth_div.append(a.get("class") == "td")
            if a.get("class") == "td":
                self._buf = []

    def handle_endtag(self, tag):
        ends = tag in ("td", "th") or (tag == "div" and self._depth_div and self._depth_div.pop())
        if ends and self._buf is not None:
            self.cells.append("".join(self._buf).strip())
            self._buf = None

    def handle_data(self, data):
        if self._buf is not None:
            self._buf.append(data)


def grid_problems(rows: list[list[tuple[int, int]]], starts: list[int]) -> list[str]:
    problems = []
    bounds = starts + [len(rows)]
    for t, (lo, hi) in enumerate(zip(bounds, bounds[1:], strict=False)):
        carry: dict[int, int] = {}  # row index -> columns covered by rowspans from above
        widths = []
        for i in range(lo, hi):
            width = carry.get(i, 0) + sum(cs for cs, _ in rows[i])
            widths.append(width)
            for cs, rs in rows[i]:
                for k in range(1, rs):
                    carry[i + k] = carry.get(i + k, 0) + cs
        if len(set(widths)) > 1:
            problems.append(f"table {t}: row widths {sorted(set(widths))}")
    return problems


def printed_numbers(text: str, is_html: bool) -> tuple[list[str], list[str]]:
    if is_html:
        parser = _Cells()
        parser.feed(text)
        tokens = parser.cells
        problems = grid_problems(parser.rows, parser.tables)
    else:
        lines = [line for line in text.splitlines() if not PAGE_NUMBER.match(line)]
        tokens = [t for line in lines for t in line.split()]
        problems = []
    return [t for t in tokens if NUMBER.fullmatch(t)], problems


def check(record: dict) -> list[str]:
    problems = []
    raw = (HERE / record["file"]).read_bytes()
    try:
        text = raw.decode(record["encoding"])
    except UnicodeDecodeError as e:
        return [f"does not decode as {record['encoding']}: {e}"]
    if record.get("declared_charset"):
        # pages declaring gb2312 are read as GBK by browsers, as agencies' pages need
        declared = record["declared_charset"].replace("gb2312", "gbk")
        try:
            raw.decode(declared)
        except UnicodeDecodeError as e:
            problems.append(f"does not decode as its declared {declared}: {e}")
        if f'charset="{record["declared_charset"]}"' not in text:
            problems.append("declared charset not in the page")
    cells = {(c["table"], c["row"], c["col"]): c["value"] for c in record["cells"]}
    if len(cells) != len(record["cells"]):
        problems.append("a cell appears twice")
    keys = template_keys(record["template"])
    problems += [f"not a {record['template']} key: {k}" for k in cells if k not in keys]
    prints_zeros = "not in the gold" not in record["layout"]
    if prints_zeros and set(cells) != keys:
        problems.append(f"missing cells: {sorted(keys - set(cells))[:5]}")
    numbers, grid = printed_numbers(text, record["file"].endswith(".html"))
    problems += grid
    values = [float(n.translate(TO_ASCII)) for n in numbers]
    if values != [float(c["value"]) for c in record["cells"]]:
        problems.append(f"printed numbers ({len(values)}) differ from the gold cells ({len(cells)})")
    # only 本年增/减 may be negative: counts of requests, cases and items never are
    problems += [f"negative count {k}" for k, v in cells.items() if v < 0 and k[2] != "change"]
    fails = arithmetic_failures(cells, record["template"])
    if record["errors"]:
        if not fails:
            problems.append("deliberate errors recorded but the arithmetic holds")
        repaired = dict(cells)
        for e in record["errors"]:
            repaired[(e["table"], e["row"], e["col"])] = e["consistent"]
            arithmetic = {b for b in e["breaks"] if not b.startswith("rule 5")}  # 1-4 are checked here
            if not arithmetic <= set(fails):
                problems.append(f"recorded breaks not found: {e['breaks']}")
        fails = arithmetic_failures(repaired, record["template"])
    problems += fails
    return problems


def main() -> int:
    records = [json.loads(line) for line in open(HERE / "gold.jsonl", encoding="utf-8")]
    bad = 0
    for r in records:
        problems = check(r)
        bad += bool(problems)
        print(
            r["doc_id"],
            r["part"],
            r["template"],
            r["encoding"],
            len(r["cells"]),
            "cells",
            "OK" if not problems else "; ".join(problems),
        )
    for part in ("dev", "held"):
        rs = [r for r in records if r["part"] == part]
        print(
            f"{part}: {len(rs)} reports, {sum(len(r['cells']) for r in rs)} cells, "
            f"{sum(len(r['errors']) for r in rs)} deliberate errors in "
            f"{sum(bool(r['errors']) for r in rs)} reports"
        )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
