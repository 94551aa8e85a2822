"""Check set N: labels match text lines, labels valid, narrative lines found in order in the file,
sections point at headings, tables add up (TABLES.md arithmetic 1-4). Prints problems; exit 1 on any.
Run: /work/main/.venv/bin/python tests/gold/authored_n/check_set.py
"""
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization",
          "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]


def load(name):
    with open(HERE / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def squash(s):
    return re.sub(r"\s+", "", s)


def file_text(path):
    """The file's visible text, whitespace dropped: docx paragraphs and table cells; html with tags stripped."""
    if path.suffix == ".docx":
        import docx
        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts += [c.text for c in row.cells]
        return squash("".join(parts))
    from bs4 import BeautifulSoup
    return squash(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").get_text())


def main():
    errors = []
    reports = load("reports.jsonl")
    labels = defaultdict(list)
    for r in load("labels.jsonl"):
        labels[r["doc_id"]].append(r)
    sections = {s["doc_id"]: s for s in load("sections.jsonl")}
    tables = {t["doc_id"]: t for t in load("tables.jsonl")}
    for rep in reports:
        d = rep["doc_id"]
        lines = [x for x in rep["text"].split("\n") if x.strip()]
        recs = labels[d]
        if [r["text"] for r in recs] != lines or [r["para_index"] for r in recs] != list(range(len(lines))):
            errors.append(f"{d}: label records do not match text lines one to one")
        expect_split = "dev" if int(d[1:]) % 2 else "held"
        if rep["split"] != expect_split:
            errors.append(f"{d}: split {rep['split']} should be {expect_split}")
        for r in recs:
            if r["kind"] not in KINDS:
                errors.append(f"{d}/{r['para_index']}: kind {r['kind']}")
            if r["kind"] == "narrative":
                if r["label"] not in LABELS or not isinstance(r["generic"], bool):
                    errors.append(f"{d}/{r['para_index']}: label/generic invalid")
                if r.get("unsure") is not None and r["unsure"] not in LABELS - {r["label"]}:
                    errors.append(f"{d}/{r['para_index']}: unsure {r['unsure']}")
            elif r["label"] is not None or r["generic"] is not None:
                errors.append(f"{d}/{r['para_index']}: non-narrative with label")
        # narrative lines, in order, in the file's own text
        body, pos = file_text(HERE / rep["file"]), 0
        for r in recs:
            if r["kind"] != "narrative":
                continue
            i = body.find(squash(r["text"]), pos)
            if i < 0:
                errors.append(f"{d}/{r['para_index']}: not found in order in {rep['file']}")
            else:
                pos = i + len(squash(r["text"]))
        for s in sections[d]["sections"]:
            i = s["para_index"]
            if i is not None and (i >= len(recs) or recs[i]["kind"] != "heading"):
                errors.append(f"{d}: section {s['n']} does not point at a heading")
        if rep["template"] in ("2019", "2021"):
            errors += check_tables(d, tables.get(d))
    for e in errors:
        print(e)
    n = sum(len(v) for v in labels.values())
    print(f"{len(reports)} reports, {n} label records, {len(errors)} problems")
    return 1 if errors else 0


def check_tables(d, t):
    if t is None:
        return [f"{d}: no tables record"]
    errs = []
    cell = {(c["table"], c["row"], c["col"]): c["value"] for c in t["cells"]}
    rows = sorted({r for (tb, r, _) in cell if tb == "requests"})
    for r in rows:
        if sum(cell[("requests", r, c)] or 0 for c in APPLICANTS) != (cell[("requests", r, "total")] or 0):
            errs.append(f"{d}: requests {r} total")
    outcomes = [r for r in rows if r.startswith(("granted", "partially", "denied", "unavailable",
                                                 "not_processed", "other_"))]
    for c in APPLICANTS + ["total"]:
        def g(r, c=c):
            return cell.get(("requests", r, c)) or 0

        if g("new_received") + g("carried_over") != g("total_handled") + g("carried_forward"):
            errs.append(f"{d}: requests column {c}: received+carried != handled+forward")
        if sum(g(r) for r in outcomes) != g("total_handled"):
            errs.append(f"{d}: requests column {c}: outcomes != total_handled")
    for r in ("review", "litigation_direct", "litigation_after_review"):
        v = [cell.get(("review_litigation", r, c)) or 0 for c in ("upheld", "corrected", "other_result", "pending")]
        if sum(v) != (cell.get(("review_litigation", r, "total")) or 0):
            errs.append(f"{d}: review_litigation {r} total")
    return errs


if __name__ == "__main__":
    sys.exit(main())
