"""Check set J: labels against text, lines against the archived files, sections, tables.

Run: ``/work/main/.venv/bin/python tests/gold/authored_j/check_set.py``; exits 1 on any failure.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import opencc
from lxml import html as lxml_html

HERE = Path(__file__).resolve().parent
LABELS = {"active_disclosure", "application", "info_management", "platform",
          "organization", "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
T2S = opencc.OpenCC("t2s")


def load(name):
    return [json.loads(x) for x in (HERE / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def squash(s):
    return re.sub(r"\s+", "", s)


def decoded_file(rep):
    """The file's text as a reader gets it: decoded, tags dropped, traditional made simplified."""
    raw = (HERE / rep["file"]).read_bytes()
    text = raw.decode(rep["encoding"])  # strict: a wrong encoding is a failure
    traditional = False
    if rep["format"] == "html":
        tree = lxml_html.fromstring(text)
        traditional = tree.get("lang", "").lower() == "zh-hant"
        text = tree.text_content()
    elif rep["encoding"].lower() == "big5":
        traditional = True
    return squash(T2S.convert(text) if traditional else text), traditional


def check():
    errors = []
    reports = load("reports.jsonl")
    labels = load("labels.jsonl")
    by_doc = defaultdict(list)
    for r in labels:
        by_doc[r["doc_id"]].append(r)
    for rep in reports:
        doc = rep["doc_id"]
        lines = [x for x in rep["text"].split("\n") if x.strip()]
        recs = by_doc[doc]
        if len(lines) != len(recs):
            errors.append(f"{doc}: {len(lines)} lines, {len(recs)} label records")
        for i, (line, rec) in enumerate(zip(lines, recs, strict=False)):
            if rec["para_index"] != i or rec["text"] != line:
                errors.append(f"{doc}#{i}: record does not match the line")
            if rec["kind"] not in KINDS:
                errors.append(f"{doc}#{i}: kind {rec['kind']}")
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS or not isinstance(rec["generic"], bool):
                    errors.append(f"{doc}#{i}: narrative needs a label and generic")
                if rec.get("unsure") and rec["unsure"] not in LABELS - {rec["label"]}:
                    errors.append(f"{doc}#{i}: unsure must name another label")
            elif rec["label"] is not None or rec["generic"] is not None:
                errors.append(f"{doc}#{i}: non-narrative with a label")
        expected_split = "dev" if int(doc[1:]) % 2 else "held"
        if rep["split"] != expected_split:
            errors.append(f"{doc}: split {rep['split']}")
        if T2S.convert(rep["text"]) != rep["text"]:
            errors.append(f"{doc}: text is not all simplified")
        flat, _ = decoded_file(rep)
        pos = 0
        for rec in recs:  # every line, narrative or not, in order in the file
            needle = squash(rec["text"])
            at = flat.find(needle, pos)
            if at < 0:
                errors.append(f"{doc}#{rec['para_index']} ({rec['kind']}): not found in order in {rep['file']}: "
                              f"{rec['text'][:30]}")
            else:
                pos = at + len(needle)
    heading_at = {(r["doc_id"], r["para_index"]) for r in labels if r["kind"] == "heading"}
    for sec in load("sections.jsonl"):
        for s in sec["sections"]:
            if s["para_index"] is not None and (sec["doc_id"], s["para_index"]) not in heading_at:
                errors.append(f"{sec['doc_id']}: section {s['number']} points at a non-heading")
    for tab in load("tables.jsonl"):
        errors += check_tables(tab)
    return reports, labels, errors


def check_tables(tab):
    errs, doc = [], tab["doc_id"]
    g = {(c["table"], c["row"], c["col"]): c["value"] for c in tab["cells"]}
    apps = ["natural_person", "commercial_enterprise", "research_institution",
            "social_welfare_org", "legal_service_org", "other_org"]
    rows = [c["row"] for c in tab["cells"] if c["table"] == "requests" and c["col"] == "total"]
    outcomes = rows[rows.index("granted"):rows.index("total_handled")]
    v = lambda t, r, c: g.get((t, r, c)) or 0  # noqa: E731
    for r in rows:
        if sum(v("requests", r, a) for a in apps) != v("requests", r, "total"):
            errs.append(f"{doc}: requests {r} total")
    for c in apps + ["total"]:
        if v("requests", "new_received", c) + v("requests", "carried_over", c) != \
                v("requests", "total_handled", c) + v("requests", "carried_forward", c):
            errs.append(f"{doc}: requests {c} balance")
        if sum(v("requests", r, c) for r in outcomes) != v("requests", "total_handled", c):
            errs.append(f"{doc}: requests {c} outcomes")
    for r in ("review", "litigation_direct", "litigation_after_review"):
        if sum(v("review_litigation", r, c) for c in ("upheld", "corrected", "other_result", "pending")) != \
                v("review_litigation", r, "total"):
            errs.append(f"{doc}: review {r} total")
    return errs


def main():
    reports, labels, errors = check()
    for e in errors:
        print("FAIL", e)
    counts = defaultdict(int)
    for r in labels:
        counts[r["label"] or r["kind"]] += 1
    print(f"{len(reports)} reports, {len(labels)} units:", dict(sorted(counts.items())))
    print("OK" if not errors else f"{len(errors)} failures")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
