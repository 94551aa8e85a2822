"""Check set L: labels against text, narrative lines against the files, sections, table arithmetic.

Run: python tests/gold/authored_l/check_set.py   (exit 1 and a list of faults where any check fails)
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
              "legal_service_org", "other_org"]
OUTCOME_FIRST = "granted"


def load(name: str) -> list[dict]:
    with open(HERE / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def file_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        from lxml import html as lh
        raw = lh.fromstring(raw).text_content()
    return re.sub(r"\s+", "", raw)


def check() -> list[str]:
    faults = []
    reports = load("reports.jsonl")
    labels = defaultdict(list)
    for r in load("labels.jsonl"):
        labels[r["doc_id"]].append(r)
    secs = {s["doc_id"]: s for s in load("sections.jsonl")}
    tables = {t["doc_id"]: t for t in load("tables.jsonl")}
    for rep in reports:
        d = rep["doc_id"]
        n = int(d[1:])
        if rep["split"] != ("dev" if n % 2 else "held"):
            faults.append(f"{d}: split {rep['split']}")
        lines = rep["text"].split("\n")
        recs = labels[d]
        if len(recs) != len([x for x in lines if x.strip()]):
            faults.append(f"{d}: {len(lines)} lines, {len(recs)} label records")
        for i, (line, rec) in enumerate(zip([x for x in lines if x.strip()], recs, strict=False)):
            if rec["para_index"] != i or rec["text"] != line:
                faults.append(f"{d}/{i}: label record does not match the line")
            if rec["kind"] not in KINDS:
                faults.append(f"{d}/{i}: kind {rec['kind']}")
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS or not isinstance(rec["generic"], bool):
                    faults.append(f"{d}/{i}: label {rec['label']} generic {rec['generic']}")
                if "unsure" in rec and (rec["unsure"] not in LABELS or rec["unsure"] == rec["label"]):
                    faults.append(f"{d}/{i}: unsure {rec['unsure']}")
            elif rec["label"] is not None or rec["generic"] is not None:
                faults.append(f"{d}/{i}: non-narrative with a label")
        # narrative lines in order in the file
        ft = file_text(HERE / rep["file"])
        pos = 0
        for rec in recs:
            if rec["kind"] != "narrative":
                continue
            needle = re.sub(r"\s+", "", rec["text"])
            k = ft.find(needle, pos)
            if k < 0:
                faults.append(f"{d}/{rec['para_index']}: narrative line not found in order in {rep['file']}")
            else:
                pos = k + len(needle)
        # sections point at headings
        s = secs.get(d)
        if s is None:
            faults.append(f"{d}: no sections record")
        else:
            for sec in s["sections"]:
                p = sec["para_index"]
                if p is not None and (p >= len(recs) or recs[p]["kind"] != "heading"):
                    faults.append(f"{d}: section {sec['n']} points at a non-heading line {p}")
        if rep["template"] != "old":
            t = tables.get(d)
            if t is None:
                faults.append(f"{d}: no tables record")
            else:
                faults += [f"{d}: {m}" for m in arithmetic(t["cells"], rep["template"])]
                faults += [f"{d}: {m}" for m in cells_match_text(t["cells"], recs)]
        elif d in tables:
            faults.append(f"{d}: old template with a tables record")
    return faults


NUMBER = re.compile(r"-?\d+(\.\d+)?")


def cells_match_text(cells: list[dict], recs: list[dict]) -> list[str]:
    """The numbers printed in the text's table lines, in order, are the non-blank cells of tables.jsonl."""
    printed = [c for r in recs if r["kind"] == "table" for c in r["text"].split("\t") if NUMBER.fullmatch(c)]
    own = [str(c["value"]) for c in cells if c["value"] is not None]
    return [] if printed == own else [f"table lines print {len(printed)} numbers, tables.jsonl has {len(own)} or differs"]


def arithmetic(cells: list[dict], template: str) -> list[str]:
    v = {(c["table"], c["row"], c["col"]): c["value"] for c in cells}
    out = []
    req_rows = [r for (t, r, c) in v if t == "requests" and c == "total"]
    for row in req_rows:  # rule 1
        if sum(v[("requests", row, a)] or 0 for a in APPLICANTS) != v[("requests", row, "total")]:
            out.append(f"requests/{row}: total is not the sum of the applicants")
    outcomes = req_rows[req_rows.index(OUTCOME_FIRST):req_rows.index("total_handled")]
    expected = 19 if template == "2019" else 21
    if len(outcomes) != expected or len(req_rows) != expected + 4:
        out.append(f"requests: {len(req_rows)} rows for the {template} template")
    for col in APPLICANTS + ["total"]:
        def g(r: str, col: str = col) -> int:
            return v[("requests", r, col)] or 0

        if g("new_received") + g("carried_over") != g("total_handled") + g("carried_forward"):
            out.append(f"requests/{col}: 一+二 != 三(七)+四")  # rule 2
        if sum(g(r) for r in outcomes) != g("total_handled"):
            out.append(f"requests/{col}: outcomes do not add up to 三(七)")  # rule 3
    for row in ("review", "litigation_direct", "litigation_after_review"):  # rule 4
        parts = [v[("review_litigation", row, c)] or 0 for c in ("upheld", "corrected", "other_result", "pending")]
        if sum(parts) != v[("review_litigation", row, "total")]:
            out.append(f"review_litigation/{row}: total is not the sum")
    active_rows = {r for (t, r, c) in v if t == "active"}
    need = ({"regulations", "normative_documents", "licensing", "punishment", "coercion", "fees"}
            | ({"other_services", "procurement"} if template == "2019" else set()))
    if active_rows != need:
        out.append(f"active: rows {sorted(active_rows)}")
    return out


if __name__ == "__main__":
    faults = check()
    print("\n".join(faults) or "set L: all checks pass")
    sys.exit(1 if faults else 0)
