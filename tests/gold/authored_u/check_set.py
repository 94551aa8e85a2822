"""Checker for set U: labels against text, narrative lines in the PDFs in order, sections, table arithmetic.

Run: /work/main/.venv/bin/python tests/gold/authored_u/check_set.py
"""
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pdfplumber

HERE = Path(__file__).resolve().parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization",
          "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
PAGE_NO = re.compile(r"^\s*[—-]?\s*\d+\s*[—-]?\s*$")


def load(name):
    return [json.loads(line) for line in open(HERE / name, encoding="utf-8")]


def pdf_text(path):
    """Page text with the footer page numbers dropped, all whitespace removed."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = (page.extract_text() or "").split("\n")
            out += [ln for ln in lines if not PAGE_NO.match(ln)]
    return re.sub(r"\s+", "", "".join(out))


def check():
    errors = []
    reports = load("reports.jsonl")
    labels = defaultdict(list)
    for rec in load("labels.jsonl"):
        labels[rec["doc_id"]].append(rec)
    sections = {s["doc_id"]: s["sections"] for s in load("sections.jsonl")}
    tables = {t["doc_id"]: t for t in load("tables.jsonl")}
    for rep in reports:
        did = rep["doc_id"]
        lines = [ln for ln in rep["text"].split("\n")]
        recs = labels[did]
        want_split = "dev" if int(did[1:]) % 2 else "held"
        if rep["split"] != want_split:
            errors.append(f"{did}: split {rep['split']}")
        if len(recs) != len([ln for ln in lines if ln.strip()]):
            errors.append(f"{did}: {len(recs)} label records for {len(lines)} lines")
        for i, (line, rec) in enumerate(zip([ln for ln in lines if ln.strip()], recs, strict=False)):
            if rec["para_index"] != i or rec["text"] != line:
                errors.append(f"{did}:{i}: record does not match line")
            if rec["kind"] not in KINDS:
                errors.append(f"{did}:{i}: kind {rec['kind']}")
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS or not isinstance(rec["generic"], bool):
                    errors.append(f"{did}:{i}: label/generic {rec['label']} {rec['generic']}")
                if "unsure" in rec and (rec["unsure"] not in LABELS or rec["unsure"] == rec["label"]):
                    errors.append(f"{did}:{i}: unsure {rec['unsure']}")
            elif rec["label"] is not None or rec["generic"] is not None:
                errors.append(f"{did}:{i}: non-narrative with label")
        narr = sum(r["kind"] == "narrative" for r in recs)
        if narr < 30:
            errors.append(f"{did}: only {narr} narrative units")
        # narrative lines appear in order in the PDF text
        flat = pdf_text(HERE / rep["file"])
        pos = 0
        for rec in recs:
            if rec["kind"] != "narrative":
                continue
            needle = re.sub(r"\s+", "", rec["text"])
            at = flat.find(needle, pos)
            if at < 0:
                errors.append(f"{did}:{rec['para_index']}: narrative not found in order in PDF: {needle[:30]}")
            else:
                pos = at + len(needle)
        for sec in sections[did]:
            pi = sec["para_index"]
            if pi is not None and (recs[pi]["kind"] != "heading" or recs[pi]["text"] != sec["name"]):
                errors.append(f"{did}: section {sec['number']} points at a non-heading")
        if rep["template"] in ("2019", "2021"):
            errors += check_tables(did, tables[did])
    return errors, reports, labels


def check_tables(did, tab):
    errs = []
    cell = {(c["table"], c["row"], c["col"]): c["value"] for c in tab["cells"]}
    req_rows = []
    for (t, r, _col) in cell:
        if t == "requests" and r not in req_rows:
            req_rows.append(r)
    cols = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
            "legal_service_org", "other_org"]
    for r in req_rows:  # rule 1
        if sum(cell[("requests", r, c)] or 0 for c in cols) != cell[("requests", r, "total")]:
            errs.append(f"{did}: requests row {r} total")
    outcomes = req_rows[req_rows.index("granted"):req_rows.index("total_handled")]
    for c in cols + ["total"]:
        g = lambda r, c=c: cell[("requests", r, c)] or 0  # noqa: E731
        if g("new_received") + g("carried_over") != g("total_handled") + g("carried_forward"):
            errs.append(f"{did}: requests column {c} rule 2")
        if sum(g(r) for r in outcomes) != g("total_handled"):
            errs.append(f"{did}: requests column {c} rule 3")
    for r in ["review", "litigation_direct", "litigation_after_review"]:
        parts = [cell[("review_litigation", r, c)] for c in ["upheld", "corrected", "other_result", "pending"]]
        if sum(parts) != cell[("review_litigation", r, "total")]:
            errs.append(f"{did}: review row {r} total")
    return errs


if __name__ == "__main__":
    errs, reports, labels = check()
    for e in errs:
        print(e)
    counts = defaultdict(int)
    for recs in labels.values():
        for r in recs:
            counts[r["label"] or r["kind"]] += 1
    print(len(reports), "reports;", dict(counts))
    print("OK" if not errs else f"{len(errs)} errors")
    sys.exit(1 if errs else 0)
