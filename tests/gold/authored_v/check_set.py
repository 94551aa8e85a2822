"""Check set V: labels match text lines, labels valid, narrative lines found in order in the files,
sections point at headings, tables add up by TABLES.md. Run from anywhere: python check_set.py."""
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from bs4 import BeautifulSoup

HERE = Path(__file__).parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
REQ_COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
            "legal_service_org", "other_org"]
FIXED = {"new_received", "carried_over", "total_handled", "carried_forward"}


def load(name):
    return [json.loads(line) for line in open(HERE / name, encoding="utf-8")]


def squash(s):
    return re.sub(r"\s+", "", s.replace("\xa0", " "))


def main():
    errors = []
    reports = load("reports.jsonl")
    labels = defaultdict(list)
    for r in load("labels.jsonl"):
        labels[r["doc_id"]].append(r)
    sections = {r["doc_id"]: r["sections"] for r in load("sections.jsonl")}
    tables = {r["doc_id"]: r for r in load("tables.jsonl")}
    for rep in reports:
        d = rep["doc_id"]
        lines = [x for x in rep["text"].split("\n") if x.strip()]
        labs = labels[d]
        if [x["text"] for x in labs] != lines:
            errors.append(f"{d}: label texts differ from text lines")
        if [x["para_index"] for x in labs] != list(range(len(labs))):
            errors.append(f"{d}: para_index not 0..n-1")
        if rep["split"] != ("dev" if int(d[1:]) % 2 else "held"):
            errors.append(f"{d}: split")
        for x in labs:
            if x["kind"] not in KINDS:
                errors.append(f"{d}/{x['para_index']}: kind {x['kind']}")
            if x["kind"] == "narrative":
                if x["label"] not in LABELS or not isinstance(x["generic"], bool):
                    errors.append(f"{d}/{x['para_index']}: label/generic")
                if "unsure" in x and (x["unsure"] not in LABELS or x["unsure"] == x["label"]):
                    errors.append(f"{d}/{x['para_index']}: unsure")
            elif x["label"] is not None or x["generic"] is not None:
                errors.append(f"{d}/{x['para_index']}: non-narrative with label")
        nar = sum(x["kind"] == "narrative" for x in labs)
        if nar < 30:
            errors.append(f"{d}: only {nar} narrative units")
        raw = (HERE / rep["file"]).read_text(encoding="utf-8")
        if rep["format"] == "html":
            raw = BeautifulSoup(raw, "lxml").get_text()
        hay = squash(raw)
        pos = 0
        for x in labs:
            if x["kind"] != "narrative":
                continue
            k = hay.find(squash(x["text"]), pos)
            if k < 0:
                errors.append(f"{d}/{x['para_index']}: narrative not found in order in {rep['file']}")
            else:
                pos = k + len(squash(x["text"]))
        secs = sections[d]
        for s in secs:
            pi = s["para_index"]
            if pi is not None and (pi >= len(labs) or labs[pi]["kind"] != "heading" or labs[pi]["text"] != s["name"]):
                errors.append(f"{d}: section {s['number']} does not point at its heading")
        if rep["template"] != "old":
            if len(secs) != 6:
                errors.append(f"{d}: {len(secs)} sections")
            errors += check_tables(d, tables.get(d), rep)
        elif d in tables:
            errors.append(f"{d}: old template with table cells")
    for e in errors:
        print(e)
    n = sum(len(v) for v in labels.values())
    print(f"{len(reports)} reports, {n} label records, {len(errors)} errors")
    return 1 if errors else 0


def check_tables(d, tab, rep):
    if tab is None:
        return [f"{d}: no tables"]
    errs = []
    v = {(c["table"], c["row"], c["col"]): c["value"] for c in tab["cells"]}

    def g(t, r, c):
        return v.get((t, r, c)) or 0

    rows = sorted({r for (t, r, c) in v if t == "requests"})
    outcomes = [r for r in rows if r not in FIXED]
    for r in rows:
        if g("requests", r, "total") != sum(g("requests", r, c) for c in REQ_COLS):
            errs.append(f"{d}: requests {r} total")
    for c in REQ_COLS + ["total"]:
        if g("requests", "new_received", c) + g("requests", "carried_over", c) != \
                g("requests", "total_handled", c) + g("requests", "carried_forward", c):
            errs.append(f"{d}: requests balance {c}")
        if g("requests", "total_handled", c) != sum(g("requests", r, c) for r in outcomes):
            errs.append(f"{d}: requests outcomes {c}")
    need = 23 if rep["template"] == "2019" else 25
    if len(rows) != need:
        errs.append(f"{d}: {len(rows)} request rows, template has {need}")
    for r in ("review", "litigation_direct", "litigation_after_review"):
        if g("review_litigation", r, "total") != sum(g("review_litigation", r, c)
                                                     for c in ("upheld", "corrected", "other_result", "pending")):
            errs.append(f"{d}: review_litigation {r} total")
    m = re.search(r"收到政府信息公开申请(\d+)件|新收政府信息公开申请(\d+)件", rep["text"])
    if m and int(m.group(1) or m.group(2)) != g("requests", "new_received", "total"):
        errs.append(f"{d}: narrative received count disagrees with table")
    return errs


if __name__ == "__main__":
    sys.exit(main())
