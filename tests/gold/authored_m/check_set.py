"""Check set M: labels against text, narrative lines against the files, sections, table arithmetic.

Run: cd tests/gold/authored_m && /work/main/.venv/bin/python check_set.py
"""
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pdfplumber

HERE = Path(__file__).parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
              "legal_service_org", "other_org"]


def load(name):
    return [json.loads(x) for x in (HERE / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def squash(s):
    return re.sub(r"\s+", "", s)


def file_text(rep):
    path = HERE / rep["file"]
    if rep["format"] == "pdf":
        with pdfplumber.open(path) as doc:
            return "".join(p.extract_text() or "" for p in doc.pages)
    return path.read_text(encoding="utf-8")


def main():
    errors = []
    reports = load("reports.jsonl")
    by_doc = defaultdict(list)
    for r in load("labels.jsonl"):
        by_doc[r["doc_id"]].append(r)
    for rep in reports:
        d = rep["doc_id"]
        if rep["split"] != ("dev" if int(d[1:]) % 2 else "held"):
            errors.append(f"{d}: split")
        lines = [x for x in rep["text"].split("\n") if x.strip()]
        recs = sorted(by_doc[d], key=lambda r: r["para_index"])
        if [r["text"] for r in recs] != lines or [r["para_index"] for r in recs] != list(range(len(lines))):
            errors.append(f"{d}: label records do not match the text lines one to one")
        for r in recs:
            if r["kind"] not in KINDS:
                errors.append(f"{d}/{r['para_index']}: kind {r['kind']}")
            if r["kind"] == "narrative":
                if r["label"] not in LABELS or not isinstance(r["generic"], bool):
                    errors.append(f"{d}/{r['para_index']}: label/generic")
            elif r["label"] is not None or r["generic"] is not None:
                errors.append(f"{d}/{r['para_index']}: non-narrative with label")
            if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
                errors.append(f"{d}/{r['para_index']}: unsure")
        # narrative lines in order in the file's text, whitespace dropped, furniture allowed between
        hay, pos = squash(file_text(rep)), 0
        for r in recs:
            if r["kind"] != "narrative":
                continue
            at = hay.find(squash(r["text"]), pos)
            if at < 0:
                errors.append(f"{d}/{r['para_index']}: narrative not found in order in {rep['file']}")
            else:
                pos = at + len(squash(r["text"]))
    kinds = {(r["doc_id"], r["para_index"]): r["kind"] for rs in by_doc.values() for r in rs}
    for s in load("sections.jsonl"):
        for n, idx in s["sections"].items():
            if idx is not None and kinds.get((s["doc_id"], idx)) != "heading":
                errors.append(f"{s['doc_id']}: section {n} points at a non-heading line {idx}")
    for t in load("tables.jsonl"):
        v = {(c["table"], c["row"], c["col"]): c["value"] for c in t["cells"]}
        req_rows = {r for (tb, r, _) in v if tb == "requests"}
        for row in req_rows:
            if sum(v[("requests", row, c)] or 0 for c in APPLICANTS) != v[("requests", row, "total")]:
                errors.append(f"{t['doc_id']}: requests row {row} total")
        outcomes = [r for r in req_rows if r not in
                    ("new_received", "carried_over", "total_handled", "carried_forward")]
        for c in APPLICANTS + ["total"]:
            def g(row, col=c, cells=v):
                return cells.get(("requests", row, col)) or 0

            if g("new_received") + g("carried_over") != g("total_handled") + g("carried_forward"):
                errors.append(f"{t['doc_id']}: requests column {c} balance")
            if sum(g(r) for r in outcomes) != g("total_handled"):
                errors.append(f"{t['doc_id']}: requests column {c} outcomes")
        for row in ("review", "litigation_direct", "litigation_after_review"):
            parts = [v.get(("review_litigation", row, c)) or 0 for c in ("upheld", "corrected", "other_result", "pending")]
            if sum(parts) != v.get(("review_litigation", row, "total")):
                errors.append(f"{t['doc_id']}: review row {row}")
    n = sum(len(x) for x in by_doc.values())
    print(f"{len(reports)} reports, {n} label records, {len(errors)} errors")
    for e in errors:
        print(" ", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
