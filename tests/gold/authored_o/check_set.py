"""Check set O: labels against text, narrative lines against the files, sections, table arithmetic.

Run from the repo root: /work/main/.venv/bin/python tests/gold/authored_o/check_set.py
"""
import json
import re
import sys
from pathlib import Path

import pdfplumber
from bs4 import BeautifulSoup

HERE = Path(__file__).resolve().parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
PAGE_NO = re.compile(r"^—\s*\d+\s*—$")


def load(name):
    return [json.loads(x) for x in (HERE / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def squash(s):
    return re.sub(r"\s+", "", s)


def file_text(rep):
    path = HERE / rep["file"]
    if rep["format"] == "pdf":
        kept = []
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for line in (page.extract_text() or "").splitlines():
                    if line.strip() == rep["title"] and kept and page.page_number > 1:
                        continue  # running header
                    if PAGE_NO.match(line.strip()):
                        continue  # page number
                    kept.append(line)
        return squash("".join(kept))
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return squash(soup.get_text())


def main():
    errors = []
    reports, labels, sections, tables = load("reports.jsonl"), load("labels.jsonl"), load("sections.jsonl"), load("tables.jsonl")
    by_doc = {}
    for rec in labels:
        by_doc.setdefault(rec["doc_id"], []).append(rec)
    secs = {s["doc_id"]: s["sections"] for s in sections}
    tabs = {t["doc_id"]: t for t in tables}
    for rep in reports:
        d = rep["doc_id"]
        if rep["split"] != ("dev" if int(d[1:]) % 2 else "held"):
            errors.append(f"{d}: split")
        lines = [x for x in rep["text"].split("\n") if x.strip()]
        recs = by_doc.get(d, [])
        if len(lines) != len(recs):
            errors.append(f"{d}: {len(lines)} lines, {len(recs)} label records")
        for i, (line, rec) in enumerate(zip(lines, recs, strict=False)):
            if rec["text"] != line or rec["para_index"] != i:
                errors.append(f"{d}:{i}: label record does not match the line")
            if rec["kind"] not in KINDS:
                errors.append(f"{d}:{i}: kind {rec['kind']}")
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS or not isinstance(rec["generic"], bool):
                    errors.append(f"{d}:{i}: narrative needs a label and generic")
                if rec.get("unsure") and (rec["unsure"] not in LABELS or rec["unsure"] == rec["label"]):
                    errors.append(f"{d}:{i}: unsure {rec['unsure']}")
            elif rec["label"] is not None or rec["generic"] is not None:
                errors.append(f"{d}:{i}: only narrative carries a label")
        # narrative lines in order in the file's text
        whole, pos = file_text(rep), 0
        for rec in recs:
            if rec["kind"] != "narrative":
                continue
            at = whole.find(squash(rec["text"]), pos)
            if at < 0:
                errors.append(f"{d}:{rec['para_index']}: narrative not found in order in {rep['file']}")
            else:
                pos = at + len(squash(rec["text"]))
        # sections point at heading lines
        for s in secs.get(d, []):
            if s["para_index"] is not None:
                rec = recs[s["para_index"]]
                if rec["kind"] != "heading" or rec["text"] != s["name"]:
                    errors.append(f"{d}: section {s['number']} does not point at its heading")
        if rep["template"] == "old":
            if d in tabs:
                errors.append(f"{d}: old template has no table gold")
            continue
        errors += check_tables(d, tabs.get(d))
        errors += check_narrative_counts(d, recs, tabs.get(d))
    n = sum(1 for r in labels if r["kind"] == "narrative")
    print(f"{len(reports)} reports, {len(labels)} lines, {n} narrative")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org"]


def check_tables(d, tab):
    if tab is None:
        return [f"{d}: no tables"]
    errs = []
    v = {(c["table"], c["row"], c["col"]): c["value"] for c in tab["cells"]}

    def g(t, r, c):
        x = v.get((t, r, c))
        return 0 if x is None else x
    rows = sorted({r for (t, r, c) in v if t == "requests"})
    expected = 25 if tab["template"] == "2021" else 23
    if len(rows) != expected:
        errs.append(f"{d}: requests has {len(rows)} rows, expected {expected}")
    for r in rows:
        if g("requests", r, "total") != sum(g("requests", r, c) for c in APPL):
            errs.append(f"{d}: requests {r}: total is not the sum of the applicants")
    outcome = [r for r in rows if r.startswith(("granted", "partially", "denied_", "unavailable_", "not_processed_", "other_"))]
    for c in APPL + ["total"]:
        if g("requests", "new_received", c) + g("requests", "carried_over", c) != g("requests", "total_handled", c) + g("requests", "carried_forward", c):
            errs.append(f"{d}: requests {c}: received + carried over != handled + carried forward")
        if g("requests", "total_handled", c) != sum(g("requests", r, c) for r in outcome):
            errs.append(f"{d}: requests {c}: total_handled is not the sum of the outcomes")
    for r in ("review", "litigation_direct", "litigation_after_review"):
        if g("review_litigation", r, "total") != sum(g("review_litigation", r, c) for c in ("upheld", "corrected", "other_result", "pending")):
            errs.append(f"{d}: review_litigation {r}: total")
    if not any(t == "active" for (t, r, c) in v):
        errs.append(f"{d}: no active table")
    return errs


RECEIVED = re.compile(r"(?:新收|收到|受理)(?:各类)?(?:政府信息公开)?申请(\d+)件")


def check_narrative_counts(d, recs, tab):
    """Rule 5 of TABLES.md: a count of requests received stated in the narrative equals the table's."""
    if tab is None:
        return []
    new = next((c["value"] for c in tab["cells"]
                if (c["table"], c["row"], c["col"]) == ("requests", "new_received", "total")), None)
    errs = []
    for rec in recs:
        if rec["kind"] != "narrative":
            continue
        for m in RECEIVED.finditer(rec["text"]):
            if int(m.group(1)) != new:
                errs.append(f"{d}:{rec['para_index']}: narrative says {m.group(1)} requests received, table {new}")
    return errs


if __name__ == "__main__":
    sys.exit(main())
