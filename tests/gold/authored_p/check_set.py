"""Checks set P's files against each other and against TABLES.md's arithmetic. Run: python check_set.py"""
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization",
          "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
OUTCOMES = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited",
            "denied_security_stability", "denied_third_party", "denied_internal_affairs",
            "denied_process_info", "denied_enforcement_files", "denied_admin_query",
            "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
            "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
            "not_processed_mass_repeat", "not_processed_confirmation", "other_overdue_correction",
            "other_unpaid_fee", "other_misc"]


def load(name):
    return [json.loads(line) for line in open(HERE / name, encoding="utf-8") if line.strip()]


def squash(s):
    return re.sub(r"\s+", "", s)


def file_text(rep):
    raw = (HERE / rep["file"]).read_text(encoding="utf-8")
    if rep["format"] == "html":
        raw = re.sub(r"(?s)<(script|style|title).*?</\1>", "", raw)
        raw = html.unescape(re.sub(r"<[^>]+>", "", raw))
    return squash(raw)


def main():
    errors = []
    reports = {r["doc_id"]: r for r in load("reports.jsonl")}
    labels = load("labels.jsonl")
    by_doc = {}
    for lab in labels:
        by_doc.setdefault(lab["doc_id"], []).append(lab)
    for doc_id, rep in reports.items():
        num = int(doc_id[1:])
        if rep["split"] != ("dev" if num % 2 else "held"):
            errors.append(f"{doc_id}: split")
        lines = [x for x in rep["text"].split("\n") if x.strip()]
        labs = by_doc.get(doc_id, [])
        if [x["text"] for x in labs] != lines or [x["para_index"] for x in labs] != list(range(len(lines))):
            errors.append(f"{doc_id}: label records do not match the text lines")
        body = file_text(rep)
        pos = 0
        for lab in labs:
            if lab["kind"] not in KINDS:
                errors.append(f"{doc_id}/{lab['para_index']}: kind {lab['kind']}")
            if lab["kind"] == "narrative":
                if lab["label"] not in LABELS or not isinstance(lab["generic"], bool):
                    errors.append(f"{doc_id}/{lab['para_index']}: label/generic")
                if lab.get("unsure") and (lab["unsure"] not in LABELS or lab["unsure"] == lab["label"]):
                    errors.append(f"{doc_id}/{lab['para_index']}: unsure")
                found = body.find(squash(lab["text"]), pos)
                if found < 0:
                    errors.append(f"{doc_id}/{lab['para_index']}: narrative not found in order in {rep['file']}")
                else:
                    pos = found + len(squash(lab["text"]))
            elif lab["label"] is not None or lab["generic"] is not None:
                errors.append(f"{doc_id}/{lab['para_index']}: non-narrative with a label")
    for sec in load("sections.jsonl"):
        lines = reports[sec["doc_id"]]["text"].split("\n")
        kinds = [x["kind"] for x in by_doc[sec["doc_id"]]]
        if reports[sec["doc_id"]]["template"] != "old" and [s["number"] for s in sec["sections"]] != [1, 2, 3, 4, 5, 6]:
            errors.append(f"{sec['doc_id']}: sections not 1–6")
        for s in sec["sections"]:
            i = s["para_index"]
            if i is not None and (kinds[i] != "heading" or lines[i] != s["name"]):
                errors.append(f"{sec['doc_id']}: section {s['number']} does not point at its heading")
    for tab in load("tables.jsonl"):
        d = {(c["table"], c["row"], c["col"]): c["value"] for c in tab["cells"]}

        def v(row, col, d=d):
            return d.get(("requests", row, col)) or 0
        for r in {k[1] for k in d if k[0] == "requests"}:
            if v(r, "total") != sum(v(r, c) for c in COLS):
                errors.append(f"{tab['doc_id']}: requests {r} total")
        for c in COLS + ["total"]:
            if v("new_received", c) + v("carried_over", c) != v("total_handled", c) + v("carried_forward", c):
                errors.append(f"{tab['doc_id']}: requests {c} balance")
            if v("total_handled", c) != sum(v(r, c) for r in OUTCOMES):
                errors.append(f"{tab['doc_id']}: requests {c} outcomes")
        for r in ("review", "litigation_direct", "litigation_after_review"):

            def g(col, d=d, r=r):
                return d.get(("review_litigation", r, col)) or 0
            if g("total") != g("upheld") + g("corrected") + g("other_result") + g("pending"):
                errors.append(f"{tab['doc_id']}: review_litigation {r} total")
        if len(tab["cells"]) != 10 + 25 * 7 + 15:
            errors.append(f"{tab['doc_id']}: {len(tab['cells'])} cells, expected {10 + 25 * 7 + 15}")
    for e in errors:
        print(e)
    n = sum(1 for x in labels if x["kind"] == "narrative")
    print(f"{len(reports)} reports, {len(labels)} lines, {n} narrative units: {'OK' if not errors else f'{len(errors)} errors'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
