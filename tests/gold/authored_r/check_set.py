"""Checks set R: labels against text, narrative lines against the files, sections, table arithmetic.

Run: cd /work/wt-setr && /work/main/.venv/bin/python tests/gold/authored_r/check_set.py
"""
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
OUTCOMES = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited",
            "denied_security_stability", "denied_third_party", "denied_internal_affairs", "denied_process_info",
            "denied_enforcement_files", "denied_admin_query", "unavailable_not_held", "unavailable_needs_creation",
            "unavailable_unclear", "not_processed_complaint", "not_processed_duplicate",
            "not_processed_publication", "not_processed_mass_repeat", "not_processed_confirmation",
            "other_handling", "other_overdue_correction", "other_unpaid_fee", "other_misc"]
errors = []


def load(name):
    with open(HERE / name, encoding="utf-8") as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def squash(s):
    return re.sub(r"\s+", "", s)


def file_text(path, encoding_hint=None):
    if path.suffix == ".docx":
        d = docx.Document(path)
        parts = []
        for el in d.element.body.iterchildren():
            if el.tag.endswith("}p"):
                parts.append(Paragraph(el, d).text)
            elif el.tag.endswith("}tbl"):
                for row in Table(el, d).rows:
                    parts += [c.text for c in row.cells]
        return "".join(parts)
    raw = path.read_bytes()
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{path}: neither UTF-8 nor GB18030")


def check_report(rep, labs, secs):
    did = rep["doc_id"]
    n = int(did[1:])
    if rep["split"] != ("dev" if n % 2 else "held"):
        errors.append(f"{did}: split")
    lines = [ln for ln in rep["text"].split("\n")]
    if any(not ln.strip() for ln in lines):
        errors.append(f"{did}: empty line in text")
    if [r["text"] for r in labs] != lines or [r["para_index"] for r in labs] != list(range(len(lines))):
        errors.append(f"{did}: label records do not match the text lines")
    for r in labs:
        where = f"{did}#{r['para_index']}"
        if r["kind"] not in KINDS:
            errors.append(f"{where}: kind {r['kind']}")
        if r["kind"] == "narrative":
            if r["label"] not in LABELS or not isinstance(r["generic"], bool):
                errors.append(f"{where}: narrative needs a label and generic")
        elif r["label"] is not None or r["generic"] is not None:
            errors.append(f"{where}: non-narrative with label/generic")
        if not isinstance(r["mixed"], bool):
            errors.append(f"{where}: mixed")
        if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
            errors.append(f"{where}: unsure")
    # narrative lines appear in order in the file
    ft = squash(file_text(HERE / rep["file"]))
    pos = 0
    for r in labs:
        if r["kind"] != "narrative":
            continue
        k = ft.find(squash(r["text"]), pos)
        if k < 0:
            errors.append(f"{did}#{r['para_index']}: narrative not found in order in {rep['file']}")
        else:
            pos = k + len(squash(r["text"]))
    # sections
    nums = [s["number"] for s in secs]
    if rep["template"] != "old" and nums != [1, 2, 3, 4, 5, 6]:
        errors.append(f"{did}: sections {nums}")
    for s in secs:
        i = s["para_index"]
        if i is None:
            continue
        r = labs[i]
        if not (r["kind"] == "heading" and r["text"] == s["name"]) and not (
                r["kind"] == "narrative" and r["text"].startswith(s["name"])):
            errors.append(f"{did}: section {s['number']} does not point at its heading")


def check_tables(t):
    did = t["doc_id"]
    for key in ("cells", "picture_cells"):
        g = defaultdict(dict)
        for c in t.get(key, []):
            g[(c["table"], c["row"])][c["col"]] = c["value"] or 0
        req = {r: cols for (tb, r), cols in g.items() if tb == "requests"}
        for r, cols in req.items():
            if cols and cols.get("total") != sum(cols.get(a, 0) for a in APPL):
                errors.append(f"{did}: requests {r} total")
        cols = APPL + ["total"]
        if req:
            for c in cols:
                def v(r, c=c, req=req):
                    return req.get(r, {}).get(c, 0)
                if v("new_received") + v("carried_over") != v("total_handled") + v("carried_forward"):
                    errors.append(f"{did}: requests rule 2 in {c}")
                if v("total_handled") != sum(v(o) for o in OUTCOMES):
                    errors.append(f"{did}: requests rule 3 in {c}")
        for (tb, r), cols in g.items():
            if tb == "review_litigation" and cols["total"] != sum(
                    cols[k] for k in ("upheld", "corrected", "other_result", "pending")):
                errors.append(f"{did}: review {r} total")


def check_cells_against_text(t, rep):
    """The requests rows and the review row of tables.jsonl are the numbers printed in the text."""
    from tables_r import REQ_ROWS_2019, REQ_ROWS_2021, REVIEW_COLS, REVIEW_ROWS
    did = rep["doc_id"]
    names = dict(REQ_ROWS_2021 if t["template"] == "2021" else REQ_ROWS_2019)
    by_first = {}
    for ln in rep["text"].split("\n"):
        cells = ln.split("\t")
        by_first.setdefault(cells[0], cells[1:])
    rows = defaultdict(dict)
    for c in t["cells"]:
        rows[(c["table"], c["row"])][c["col"]] = c["value"]
    for (tb, r), cols in rows.items():
        if tb != "requests":
            continue
        printed = by_first.get(names[r])
        want = [cols[c] for c in APPL + ["total"]]
        got = [int(x) if x.strip() else None for x in printed] if printed else None
        if got != want:
            errors.append(f"{did}: requests {r} printed {got}, recorded {want}")
    review = [rows[("review_litigation", r)].get(c) for r in REVIEW_ROWS for c in REVIEW_COLS]
    if any(v is not None for v in review):
        lines = rep["text"].split("\n")
        k = lines.index("\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3))
        got = [int(x) if x.strip() else None for x in lines[k + 1].split("\t")]
        if got != review:
            errors.append(f"{did}: review printed {got}, recorded {review}")


def main():
    reps = load("reports.jsonl")
    labs = defaultdict(list)
    for r in load("labels.jsonl"):
        labs[r["doc_id"]].append(r)
    secs = {s["doc_id"]: s["sections"] for s in load("sections.jsonl")}
    tabs = {t["doc_id"]: t for t in load("tables.jsonl")}
    for rep in reps:
        check_report(rep, labs[rep["doc_id"]], secs[rep["doc_id"]])
        if rep["template"] in ("2019", "2021") and rep["doc_id"] not in tabs:
            errors.append(f"{rep['doc_id']}: no tables record")
    for t in tabs.values():
        check_tables(t)
        check_cells_against_text(t, next(r for r in reps if r["doc_id"] == t["doc_id"]))
    units = sum(len(v) for v in labs.values())
    print(f"{len(reps)} reports, {units} units, {len(tabs)} table records")
    for e in errors:
        print("ERROR", e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
