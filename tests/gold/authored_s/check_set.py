"""Checks set S: labels cover every text line, labels valid, narrative lines found in order in the files'
source .docx (python-docx paragraphs and table cells, whitespace dropped), sections point at headings, tables add up."""
import json
import os
import re
import subprocess
import sys

import docx

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
REQ_OUT_2021 = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited",
                "denied_security_stability", "denied_third_party", "denied_internal_affairs",
                "denied_process_info", "denied_enforcement_files", "denied_admin_query", "unavailable_not_held",
                "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint",
                "not_processed_duplicate", "not_processed_publication", "not_processed_mass_repeat",
                "not_processed_confirmation"]
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org", "total"]


def load(fn):
    with open(os.path.join(HERE, fn), encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def docx_text(path):
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return re.sub(r"\s+", "", "".join(parts))


def main():
    errs = []
    reps = load("reports.jsonl")
    labs = load("labels.jsonl")
    secs = {s["doc_id"]: s for s in load("sections.jsonl")}
    tabs = {t["doc_id"]: t for t in load("tables.jsonl")}
    by = {}
    for r in labs:
        by.setdefault(r["doc_id"], []).append(r)
    for rep in reps:
        did = rep["doc_id"]
        lines = [x for x in rep["text"].split("\n") if x.strip()]
        recs = by.get(did, [])
        if [r["text"] for r in recs] != lines or [r["para_index"] for r in recs] != list(range(len(lines))):
            errs.append(f"{did}: label records do not match text lines")
        n_narr = 0
        for r in recs:
            if r["kind"] not in ("narrative", "heading", "table", "meta"):
                errs.append(f"{did} {r['para_index']}: bad kind")
            if r["kind"] == "narrative":
                n_narr += 1
                if r["label"] not in LABELS or not isinstance(r["generic"], bool):
                    errs.append(f"{did} {r['para_index']}: bad label/generic")
                if r.get("unsure") and r["unsure"] not in LABELS | {None}:
                    errs.append(f"{did} {r['para_index']}: bad unsure")
            elif r["label"] is not None or r["generic"] is not None:
                errs.append(f"{did} {r['para_index']}: label on non-narrative")
        if n_narr < 30:
            errs.append(f"{did}: only {n_narr} narrative units")
        if not os.path.exists(os.path.join(HERE, rep["file"])):
            errs.append(f"{did}: file missing")
        src = os.path.join(HERE, "src", did + ".docx")
        sources = [("source docx", docx_text(src))]
        if "--soffice" in sys.argv and rep["format"] != "docx":
            # also read the converted .doc/.rtf itself, as LibreOffice sees it
            out = subprocess.run(["soffice", "--headless", "--cat", os.path.join(HERE, rep["file"])],
                                 capture_output=True, text=True, timeout=180).stdout
            sources.append((rep["format"], re.sub(r"\s+", "", out)))
        for what, flat in sources:
            pos = 0
            for r in recs:
                if r["kind"] == "narrative":
                    t = re.sub(r"\s+", "", r["text"])
                    j = flat.find(t, pos)
                    if j < 0:
                        errs.append(f"{did} {r['para_index']}: narrative not found in order in {what}")
                    else:
                        pos = j + len(t)
        for s in secs[did]["sections"]:
            i = s["para_index"]
            if i is not None and (recs[i]["kind"] != "heading" or recs[i]["text"] != s["name"]):
                errs.append(f"{did}: section {s['number']} does not point at its heading")
        if rep["template"] in ("2019", "2021"):
            cells = {(c["table"], c["row"], c["col"]): c["value"] for c in tabs[did]["cells"]}
            outs = REQ_OUT_2021 + (["other_overdue_correction", "other_unpaid_fee", "other_misc"]
                                   if rep["template"] == "2021" else ["other_handling"])
            rows = {k[1] for k in cells if k[0] == "requests"}
            for row in rows:
                if sum(cells[("requests", row, c)] for c in COLS[:-1]) != cells[("requests", row, "total")]:
                    errs.append(f"{did}: requests {row} total")
            for c in COLS:
                def g(r, c=c, cells=cells):
                    return cells[("requests", r, c)]
                if g("new_received") + g("carried_over") != g("total_handled") + g("carried_forward"):
                    errs.append(f"{did}: requests {c} balance")
                if sum(g(r) for r in outs) != g("total_handled"):
                    errs.append(f"{did}: requests {c} outcomes")
            for row in ("review", "litigation_direct", "litigation_after_review"):
                v = [cells[("review_litigation", row, c)] for c in ("upheld", "corrected", "other_result", "pending")]
                if sum(v) != cells[("review_litigation", row, "total")]:
                    errs.append(f"{did}: {row} total")
            m = re.search(r"收到[^。]*?申请(\d+)件", rep["text"])
            if m and int(m.group(1)) != cells[("requests", "new_received", "total")]:
                errs.append(f"{did}: narrative received {m.group(1)} != table")
        print(f"{did}: {len(recs)} lines, {n_narr} narrative")
    for e in errs:
        print("ERROR", e)
    print("OK" if not errs else f"{len(errs)} errors")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
