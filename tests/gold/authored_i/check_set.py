"""Check set I against itself and its PDFs.

  /work/main/.venv/bin/python tests/gold/authored_i/check_set.py

Checks: reports.jsonl fields and split rule; one label record per non-empty text line, same text,
valid kind/label/flags; every non-table line of the text found in order in the PDF's body text
(pdfplumber page text without the header and footer bands, whitespace dropped on both sides, so
page furniture may stand between two parts of a paragraph broken over a page); sections point at
heading lines that carry their number; table cells complete for the template, their numbers equal
to the numbers of the text's table lines in print order, and the arithmetic of TABLES.md.
Uses pdfplumber only; imports nothing from the project. Exit status 1 on any failure.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pdfplumber

HERE = Path(__file__).resolve().parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization",
          "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
NUMERALS = "一二三四五六七八九十"
BAND = 82  # points: header and footer sit within 2.9 cm of the page edge, the body further in
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
OUT_2021 = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited",
            "denied_security_stability", "denied_third_party", "denied_internal_affairs",
            "denied_process_info", "denied_enforcement_files", "denied_admin_query",
            "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
            "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
            "not_processed_mass_repeat", "not_processed_confirmation",
            "other_overdue_correction", "other_unpaid_fee", "other_misc"]
OUT_2019 = OUT_2021[:-3] + ["other_handling"]
ACTIVE_KEYS = {
    "2021": {"regulations": ["issued", "repealed", "in_force"],
             "normative_documents": ["issued", "repealed", "in_force"],
             "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"],
             "fees": ["amount"]},
    "2019": {"regulations": ["new_made", "new_published", "total_published"],
             "normative_documents": ["new_made", "new_published", "total_published"],
             "licensing": ["prev_items", "change", "decisions"],
             "other_services": ["prev_items", "change", "decisions"],
             "punishment": ["prev_items", "change", "decisions"],
             "coercion": ["prev_items", "change", "decisions"],
             "fees": ["prev_items", "change"], "procurement": ["items", "amount"]},
}
REVIEW_COLS = ["upheld", "corrected", "other_result", "pending", "total"]
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")

errors: list[str] = []


def fail(doc_id, msg):
    errors.append(f"{doc_id}: {msg}")


def read(name):
    return [json.loads(line) for line in (HERE / name).read_text().splitlines() if line.strip()]


def body_text(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        return "".join(re.sub(r"\s+", "", page.crop((0, BAND, page.width, page.height - BAND))
                              .extract_text() or "") for page in pdf.pages)


def check_report(rep, labels):
    d = rep["doc_id"]
    for key in ("doc_id", "agency", "year", "template", "title", "level", "province", "file", "format",
                "split", "text", "page"):
        if key not in rep:
            fail(d, f"report lacks {key}")
    if rep["split"] != ("dev" if int(d[1:]) % 2 else "held"):
        fail(d, "split breaks the odd-dev / even-held rule")
    if rep["template"] not in ("old", "2019", "2021") or rep["format"] != "pdf":
        fail(d, "bad template or format")
    lines = [ln for ln in rep["text"].split("\n") if ln.strip()]
    if len(lines) != len(labels):
        fail(d, f"{len(lines)} text lines but {len(labels)} label records")
    for i, (line, rec) in enumerate(zip(lines, labels, strict=False)):
        if rec["para_index"] != i or rec["text"] != line:
            fail(d, f"record {i} does not match its text line")
        if rec["kind"] not in KINDS:
            fail(d, f"record {i}: bad kind")
        if rec["kind"] == "narrative":
            if rec["label"] not in LABELS or not isinstance(rec["generic"], bool):
                fail(d, f"record {i}: narrative needs a label and a generic flag")
        elif rec["label"] is not None or rec["generic"] is not None:
            fail(d, f"record {i}: only narrative carries label and generic")
        if "unsure" in rec and (rec["unsure"] not in LABELS or rec["unsure"] == rec["label"]):
            fail(d, f"record {i}: bad unsure")
    pdf = HERE / rep["file"]
    if not pdf.exists():
        fail(d, "PDF missing")
        return
    joined, pos = body_text(pdf), 0
    for rec in labels:
        if rec["kind"] == "table":
            continue
        needle = re.sub(r"\s+", "", rec["text"])
        at = joined.find(needle, pos)
        if at < 0:
            fail(d, f"line {rec['para_index']} ({rec['kind']}) not found in order in the PDF: {needle[:30]}")
        else:
            pos = at + len(needle)


def check_sections(sec, labels):
    d = sec["doc_id"]
    expected = 7 if sec["template"] == "old" else 6
    if [s["number"] for s in sec["sections"]] != list(range(1, expected + 1)):
        fail(d, "sections not numbered 1..n")
    for s in sec["sections"]:
        i = s["para_index"]
        if i is None:
            continue
        rec = labels[i]
        if rec["kind"] != "heading":
            fail(d, f"section {s['number']} points at a non-heading line")
        elif not any(rec["text"].startswith(NUMERALS[n - 1] + "、")
                     for n in [s["number"]] + [t["number"] for t in sec["sections"] if t["para_index"] == i]):
            fail(d, f"section {s['number']} heading does not carry its number")


def check_tables(tab, labels):
    d, tpl = tab["doc_id"], tab["template"]
    cells = {(c["table"], c["row"], c["col"]): c["value"] for c in tab["cells"]}
    want = [("active", r, c) for r, cols in ACTIVE_KEYS[tpl].items() for c in cols]
    outs = OUT_2021 if tpl == "2021" else OUT_2019
    rows = ["new_received", "carried_over"] + outs + ["total_handled", "carried_forward"]
    want += [("requests", r, c) for r in rows for c in APPLICANTS + ["total"]]
    want += [("review_litigation", r, c) for r in ("review", "litigation_direct", "litigation_after_review")
             for c in REVIEW_COLS]
    missing = [k for k in want if k not in cells]
    if missing or len(cells) != len(want):
        fail(d, f"table cells incomplete or extra: missing {missing[:3]}")
        return
    printed = [v for v in (c["value"] for c in tab["cells"]) if v is not None]
    in_text = [float(tok) for rec in labels if rec["kind"] == "table"
               for tok in rec["text"].split("\t") if NUMBER.match(tok)]
    if [float(v) for v in printed] != in_text:
        fail(d, "table numbers differ from the text's table lines")

    def v(t, r, c):
        return cells[(t, r, c)] or 0

    for r in rows:
        if sum(v("requests", r, c) for c in APPLICANTS) != v("requests", r, "total"):
            fail(d, f"requests {r}: total is not the sum of the applicants")
    for c in APPLICANTS + ["total"]:
        if (v("requests", "new_received", c) + v("requests", "carried_over", c)
                != v("requests", "total_handled", c) + v("requests", "carried_forward", c)):
            fail(d, f"requests {c}: new + carried over != handled + carried forward")
        if sum(v("requests", r, c) for r in outs) != v("requests", "total_handled", c):
            fail(d, f"requests {c}: outcomes do not add up to total_handled")
    for r in ("review", "litigation_direct", "litigation_after_review"):
        if sum(v("review_litigation", r, c) for c in REVIEW_COLS[:4]) != v("review_litigation", r, "total"):
            fail(d, f"review_litigation {r}: total is not the sum")


def main():
    reports, labels = read("reports.jsonl"), read("labels.jsonl")
    by_doc: dict[str, list] = {}
    for rec in labels:
        by_doc.setdefault(rec["doc_id"], []).append(rec)
    for rep in reports:
        check_report(rep, by_doc.get(rep["doc_id"], []))
    for sec in read("sections.jsonl"):
        check_sections(sec, by_doc[sec["doc_id"]])
    tables = {t["doc_id"]: t for t in read("tables.jsonl")}
    for rep in reports:
        if rep["template"] != "old" and rep["doc_id"] not in tables:
            fail(rep["doc_id"], "no tables record")
    for tab in tables.values():
        check_tables(tab, by_doc[tab["doc_id"]])
    kinds = Counter(r["kind"] for r in labels)
    labs = Counter(r["label"] for r in labels if r["kind"] == "narrative")
    print(f"{len(reports)} reports, {len(labels)} lines; kinds {dict(kinds)}")
    print("labels", dict(sorted(labs.items())))
    for e in errors:
        print("FAIL", e)
    print(f"{len(reports) - len({e.split(':')[0] for e in errors})} reports passed, "
          f"{len({e.split(':')[0] for e in errors})} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
