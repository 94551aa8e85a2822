"""Check set G's files against each other: run ``python tests/gold/authored_g/check_set.py``.

- every non-empty line of a report's ``text`` has exactly one label record carrying that text;
- kinds and labels are valid, ``label``/``generic`` present exactly for narrative units;
- every narrative line appears, in order, in the file's text (HTML tags stripped, whitespace dropped);
- ``text`` is what a careful reader recovers from the file: for HTML the <h1> title, then the content <div>'s
  paragraphs (split at <br>) and table rows (cells joined by tabs), exactly; for .txt the non-empty lines, one for
  one (table rows may be space-aligned in the file, so only the non-table lines are compared);
- the sections point at heading lines;
- the tables add up as TABLES.md lays down (rules 1-4) and the narrative's request figures agree (rule 5).
Exits non-zero with a list of problems. Needs lxml (HTML) from the project's environment.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from lxml import html as lxml_html

HERE = Path(__file__).resolve().parent
KINDS = {"narrative", "heading", "table", "meta"}
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization",
          "problem", "improvement", "other"}
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
SPACE = re.compile(r"\s+")


def load(name):
    with open(HERE / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def file_text(report):
    raw = (HERE / report["file"]).read_bytes()
    if report["format"] == "html":
        tree = lxml_html.fromstring(raw.decode("utf-8"))
        for bad in tree.xpath("//script|//style"):
            bad.drop_tree()
        text = tree.text_content()
    else:
        text = raw.decode("utf-8")
    return SPACE.sub("", text.replace("\u3000", " ").replace("\xa0", " "))


def _clean(s):
    return s.replace("\xa0", " ").strip(" \u3000\t\n")


def recovered_lines(report):
    """The report's lines as a careful reader takes them from the file, without the site furniture."""
    raw = (HERE / report["file"]).read_text(encoding="utf-8")
    if report["format"] != "html":
        return [_clean(line) for line in raw.split("\n") if _clean(line)]
    tree = lxml_html.fromstring(raw)
    out = [_clean(tree.xpath("//h1")[0].text_content())]
    for el in tree.xpath('//div[@id="zoom"]')[0]:
        if el.tag == "table":
            out += ["\t".join(_clean(td.text_content()) for td in tr.iter("td")) for tr in el.iter("tr")]
        elif el.tag == "p":
            parts = [[]]
            for node in el.iter():
                if node.tag == "br":
                    parts.append([])
                elif node.text:
                    parts[-1].append(node.text)
                if node.tail and node is not el:
                    parts[-1].append(node.tail)
            out += [_clean("".join(p)) for p in parts if _clean("".join(p))]
    return out


def check_recovered(report, kinds, problems):
    got = recovered_lines(report)
    expected = [line for line in report["text"].split("\n") if line.strip()]
    if len(got) != len(expected):
        problems.append(f"{report['doc_id']}: the file gives {len(got)} lines, the text has {len(expected)}")
        return
    table_lines = {line for i, line in enumerate(report["text"].split("\n")) if kinds.get(i) == "table"}
    for a, b in zip(got, expected, strict=True):
        if a != b and (report["format"] == "html" or b not in table_lines):
            problems.append(f"{report['doc_id']}: file line {a[:30]!r} is not text line {b[:30]!r}")
            return


def check_labels(report, records, problems):
    doc = report["doc_id"]
    lines = report["text"].split("\n")
    expected = [(i, t) for i, t in enumerate(lines) if t.strip()]
    if [(r["para_index"], r["text"]) for r in records] != expected:
        problems.append(f"{doc}: label records do not match the text lines one to one")
    for r in records:
        where = f"{doc}#{r['para_index']}"
        if r["kind"] not in KINDS:
            problems.append(f"{where}: kind {r['kind']!r}")
        if r["kind"] == "narrative":
            if r["label"] not in LABELS or not isinstance(r["generic"], bool):
                problems.append(f"{where}: narrative needs a label and a generic flag")
            if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
                problems.append(f"{where}: unsure must name another label")
        elif r["label"] is not None or r["generic"] is not None or r["mixed"]:
            problems.append(f"{where}: only narrative units carry label, generic, mixed")


def check_in_file(report, records, problems):
    haystack, pos = file_text(report), 0
    for r in records:
        if r["kind"] != "narrative":
            continue
        needle = SPACE.sub("", r["text"].replace("\u3000", " "))
        found = haystack.find(needle, pos)
        if found < 0:
            problems.append(f"{report['doc_id']}#{r['para_index']}: narrative line not found in order in {report['file']}")
        else:
            pos = found + len(needle)


def check_sections(report, sections, kinds, problems):
    for s in sections["sections"]:
        i = s["para_index"]
        if i is not None and kinds.get(i) != "heading":
            problems.append(f"{report['doc_id']}: section {s['number']} points at line {i}, not a heading")
    found = [s["para_index"] for s in sections["sections"] if s["para_index"] is not None]
    if not found:
        problems.append(f"{report['doc_id']}: no section found")


def check_tables(report, entry, problems):
    doc = report["doc_id"]
    t = defaultdict(dict)
    for c in entry["cells"]:
        t[(c["table"], c["row"])][c["col"]] = c["value"] or 0  # a blank cell counts as zero
    req = {row: cols for (table, row), cols in t.items() if table == "requests"}
    for row, cols in req.items():
        if cols["total"] != sum(cols[c] for c in APPLICANTS):
            problems.append(f"{doc}: requests {row}: total is not the sum of the applicants")
    outcomes = [row for row in req if row not in {"new_received", "carried_over", "total_handled", "carried_forward"}]
    for col in APPLICANTS + ["total"]:
        if req["new_received"][col] + req["carried_over"][col] != req["total_handled"][col] + req["carried_forward"][col]:
            problems.append(f"{doc}: requests column {col}: 一+二 != 三（七）+四")
        if req["total_handled"][col] != sum(req[row][col] for row in outcomes):
            problems.append(f"{doc}: requests column {col}: 总计 is not the sum of the outcomes")
    for (table, row), cols in t.items():
        if table == "review_litigation" and cols["total"] != sum(cols[c] for c in ["upheld", "corrected", "other_result", "pending"]):
            problems.append(f"{doc}: review_litigation {row}: total does not add up")
    # rule 5: the narrative's 收到/新收 figure is the table's new_received total
    m = re.search(r"(?:共?收到|新收)(?:各类)?政府信息公开申请(\d+)件", report["text"])
    if m and int(m.group(1)) != req["new_received"]["total"]:
        problems.append(f"{doc}: narrative says {m.group(1)} requests received, the table {req['new_received']['total']}")


def main():
    reports, labels = load("reports.jsonl"), load("labels.jsonl")
    sections = {s["doc_id"]: s for s in load("sections.jsonl")}
    tables = {t["doc_id"]: t for t in load("tables.jsonl")}
    by_doc = defaultdict(list)
    for r in labels:
        by_doc[r["doc_id"]].append(r)
    problems = []
    for report in reports:
        doc = report["doc_id"]
        records = by_doc.pop(doc, [])
        check_labels(report, records, problems)
        check_in_file(report, records, problems)
        kinds = {r["para_index"]: r["kind"] for r in records}
        check_recovered(report, kinds, problems)
        check_sections(report, sections[doc], kinds, problems)
        if report["template"] in ("2019", "2021"):
            if doc not in tables:
                problems.append(f"{doc}: no table gold")
            else:
                check_tables(report, tables[doc], problems)
        if report["split"] != ("dev" if int(doc[1:]) % 2 else "held"):
            problems.append(f"{doc}: split should be dev for odd numbers, held for even")
    problems += [f"{doc}: labels for a report not in reports.jsonl" for doc in by_doc]
    for p in problems:
        print(p)
    print(f"{len(reports)} reports, {len(labels)} label records, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
