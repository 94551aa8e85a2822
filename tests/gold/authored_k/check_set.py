"""Check set K: labels match the text lines, narrative lines are in the files, sections point at
headings, and the statistical tables add up by the rules of TABLES.md. Exit status 1 on any problem.

Run: /work/main/.venv/bin/python tests/gold/authored_k/check_set.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import docx

HERE = Path(__file__).parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization",
          "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
OUTCOMES_START, OUTCOMES_END = "granted", "total_handled"
REQ_ORDER = ["new_received", "carried_over", "granted", "partially_granted", "denied_state_secret",
             "denied_prohibited", "denied_security_stability", "denied_third_party",
             "denied_internal_affairs", "denied_process_info", "denied_enforcement_files",
             "denied_admin_query", "unavailable_not_held", "unavailable_needs_creation",
             "unavailable_unclear", "not_processed_complaint", "not_processed_duplicate",
             "not_processed_publication", "not_processed_mass_repeat", "not_processed_confirmation",
             "other_handling", "other_overdue_correction", "other_unpaid_fee", "other_misc",
             "total_handled", "carried_forward"]


def load(name):
    with open(HERE / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def file_text(path: Path) -> str:
    """All text of a file in reading order; for Word, paragraphs and table cells alike."""
    if path.suffix == ".docx":
        d = docx.Document(path)
        parts = []
        for block in d.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                parts.append("".join(t.text or "" for t in block.iter(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
            elif tag == "tbl":
                for t in block.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
                    parts.append(t.text or "")
        return "".join(parts)
    return path.read_text(encoding="utf-8")


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def check() -> list[str]:
    errs: list[str] = []
    reports = load("reports.jsonl")
    labels = defaultdict(list)
    for r in load("labels.jsonl"):
        labels[r["doc_id"]].append(r)
    sections = {s["doc_id"]: s for s in load("sections.jsonl")}
    tables = {t["doc_id"]: t for t in load("tables.jsonl")}
    for rep in reports:
        did = rep["doc_id"]
        n = int(did[1:])
        if rep["split"] != ("dev" if n % 2 else "held"):
            errs.append(f"{did}: split {rep['split']}")
        if rep["template"] not in ("old", "2019", "2021"):
            errs.append(f"{did}: template {rep['template']}")
        lines = [x for x in rep["text"].split("\n") if x.strip()]
        recs = labels[did]
        if len(recs) != len(lines):
            errs.append(f"{did}: {len(lines)} lines, {len(recs)} label records")
        for i, (line, rec) in enumerate(zip(lines, recs, strict=False)):
            if rec["text"] != line or rec["para_index"] != i:
                errs.append(f"{did}:{i}: label record does not match the line")
            if rec["kind"] not in KINDS:
                errs.append(f"{did}:{i}: kind {rec['kind']}")
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS or not isinstance(rec["generic"], bool):
                    errs.append(f"{did}:{i}: narrative needs a label and generic")
                if rec.get("unsure") and (rec["unsure"] not in LABELS or rec["unsure"] == rec["label"]):
                    errs.append(f"{did}:{i}: unsure {rec.get('unsure')}")
            elif rec["label"] is not None or rec["generic"] is not None:
                errs.append(f"{did}:{i}: non-narrative with label/generic")
            if not isinstance(rec["mixed"], bool):
                errs.append(f"{did}:{i}: mixed not bool")
        # narrative lines appear in order in the file's own text
        body = squeeze(file_text(HERE / rep["file"]))
        pos = 0
        for rec in recs:
            if rec["kind"] != "narrative":
                continue
            at = body.find(squeeze(rec["text"]), pos)
            if at < 0:
                errs.append(f"{did}:{rec['para_index']}: narrative line not found in order in {rep['file']}")
            else:
                pos = at + len(squeeze(rec["text"]))
        for s in sections[did]["sections"]:
            i = s["para_index"]
            if i is None:
                continue
            rec = recs[i]
            if s["run_in"]:
                if rec["kind"] != "narrative" or not rec["text"].startswith(s["title"][:4]):
                    errs.append(f"{did}: run-in section {s['number']} does not point at its line")
            elif rec["kind"] != "heading":
                errs.append(f"{did}: section {s['number']} points at a {rec['kind']} line")
        if rep["template"] != "old":
            if did not in tables:
                errs.append(f"{did}: no tables record")
            else:
                errs += [f"{did}: {e}" for e in table_errors(tables[did]["cells"])]
    return errs


def table_errors(cells: list[dict]) -> list[str]:
    v = {(c["table"], c["row"], c["col"]): c["value"] for c in cells}
    out = []

    def g(*k):
        return v.get(k) or 0

    req_rows = [r for r in REQ_ORDER if any(("requests", r, c) in v for c in APPLICANTS + ["total"])]
    for row in req_rows:  # rule 1
        if all(("requests", row, c) in v for c in APPLICANTS + ["total"]):
            if sum(g("requests", row, c) for c in APPLICANTS) != g("requests", row, "total"):
                out.append(f"requests {row}: total is not the sum of applicants")
    outcome_rows = [r for r in REQ_ORDER[REQ_ORDER.index(OUTCOMES_START):REQ_ORDER.index(OUTCOMES_END)]]
    for col in APPLICANTS + ["total"]:
        if ("requests", "total_handled", col) not in v:
            continue
        lhs = g("requests", "new_received", col) + g("requests", "carried_over", col)
        handled = g("requests", "total_handled", col)
        if ("requests", "carried_forward", col) in v and lhs != handled + g("requests", "carried_forward", col):
            out.append(f"requests {col}: new + carried over != handled + carried forward")  # rule 2
        if any(("requests", r, col) in v for r in outcome_rows):
            if sum(g("requests", r, col) for r in outcome_rows) != handled:
                out.append(f"requests {col}: outcomes do not sum to total_handled")  # rule 3
    for row in ("review", "litigation_direct", "litigation_after_review"):  # rule 4
        if ("review_litigation", row, "total") in v:
            parts = sum(g("review_litigation", row, c) for c in ("upheld", "corrected", "other_result", "pending"))
            if parts != g("review_litigation", row, "total"):
                out.append(f"review_litigation {row}: total is not the sum")
    return out


if __name__ == "__main__":
    problems = check()
    for p in problems:
        print(p)
    n = len(load("reports.jsonl"))
    print(f"{n} reports checked, {len(problems)} problems")
    sys.exit(1 if problems else 0)
