"""Check set AL. Run: /work/main/.venv/bin/python check_set.py  (prints the error count)."""
import collections
import json
import os
import re
import sys

import docx
from bs4 import BeautifulSoup

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"narrative", "heading", "table", "meta"}
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
OUT_COMMON = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited",
              "denied_security_stability", "denied_third_party", "denied_internal_affairs",
              "denied_process_info", "denied_enforcement_files", "denied_admin_query", "unavailable_not_held",
              "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint",
              "not_processed_duplicate", "not_processed_publication", "not_processed_mass_repeat",
              "not_processed_confirmation"]
OUT = {"2021": OUT_COMMON + ["other_overdue_correction", "other_unpaid_fee", "other_misc"],
       "2019": OUT_COMMON + ["other_handling"]}
ACTIVE = {
    "2021": {"regulations": ["issued", "repealed", "in_force"], "normative_documents": ["issued", "repealed", "in_force"],
             "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"], "fees": ["amount"]},
    "2019": {"regulations": ["new_made", "new_published", "total_published"],
             "normative_documents": ["new_made", "new_published", "total_published"],
             "licensing": ["prev_items", "change", "decisions"], "other_services": ["prev_items", "change", "decisions"],
             "punishment": ["prev_items", "change", "decisions"], "coercion": ["prev_items", "change", "decisions"],
             "fees": ["prev_items", "change"], "procurement": ["items", "amount"]},
}
REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other_result", "pending", "total"]

errors = []


def err(*a):
    errors.append(" ".join(str(x) for x in a))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def file_text(path):
    if path.endswith(".html"):
        with open(path, encoding="utf-8") as f:
            return BeautifulSoup(f.read(), "html.parser").get_text("\n")
    if path.endswith(".docx"):
        d = docx.Document(path)
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for c in row.cells:
                    parts.append(c.text)
        return "\n".join(parts)
    raise ValueError(path)


def nows(s):
    return re.sub(r"\s+", "", s)


def main():
    reps = load("reports.jsonl")
    labs = load("labels.jsonl")
    secs = {s["doc_id"]: s["sections"] for s in load("sections.jsonl")}
    tabs = {t["doc_id"]: t for t in load("tables.jsonl")}
    by_doc = collections.defaultdict(list)
    for lab in labs:
        by_doc[lab["doc_id"]].append(lab)
    if len(reps) != 16:
        err("expected 16 reports, got", len(reps))
    for r in reps:
        d = r["doc_id"]
        n = int(d[2:])
        if r["split"] != ("dev" if n % 2 else "held"):
            err(d, "split")
        for k in ("doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split",
                  "text", "page"):
            if k not in r:
                err(d, "missing field", k)
        lines = [x for x in r["text"].split("\n") if x.strip()]
        L = by_doc[d]
        if len(L) != len(lines):
            err(d, "label count", len(L), "!= lines", len(lines))
        for i, (line, rec) in enumerate(zip(lines, L, strict=False)):
            if rec["para_index"] != i or rec["text"] != line:
                err(d, "label record out of order at", i)
            if rec["kind"] not in KINDS:
                err(d, i, "bad kind")
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS:
                    err(d, i, "bad label", rec["label"])
                if not isinstance(rec["generic"], bool):
                    err(d, i, "generic not bool")
                if "unsure" in rec and (rec["unsure"] not in LABELS or rec["unsure"] == rec["label"]):
                    err(d, i, "bad unsure")
            else:
                if rec["label"] is not None or rec["generic"] is not None:
                    err(d, i, "non-narrative with label/generic")
            if not isinstance(rec["mixed"], bool):
                err(d, i, "mixed not bool")
        narr = [x for x in L if x["kind"] == "narrative"]
        if len(narr) < 30:
            err(d, "only", len(narr), "narrative units")
        # narrative found in order in the file
        ft = nows(file_text(os.path.join(HERE, r["file"])))
        pos = 0
        for x in narr:
            k = ft.find(nows(x["text"]), pos)
            if k < 0:
                err(d, "narrative not found in file (in order):", x["para_index"], x["text"][:30])
            else:
                pos = k + len(nows(x["text"]))
        # sections
        S = secs.get(d, [])
        nums = [s["number"] for s in S]
        if nums != [1, 2, 3, 4, 5, 6]:
            err(d, "sections", nums)
        for s in S:
            rec = L[s["para_index"]] if s["para_index"] < len(L) else None
            if not rec or rec["kind"] != "heading" or rec["text"] != s["name"]:
                err(d, "section does not point at its heading", s)
        # tables
        t = tabs.get(d)
        if r["template"] in ("2019", "2021"):
            if not t:
                err(d, "no tables entry")
                continue
            if t["template"] != r["template"]:
                err(d, "table template")
            C = {(c["table"], c["row"], c["col"]): c["value"] for c in t["cells"]}
            for row, cols in ACTIVE[r["template"]].items():
                for col in cols:
                    if ("active", row, col) not in C:
                        err(d, "missing active", row, col)
            rows = ["new_received", "carried_over"] + OUT[r["template"]] + ["total_handled", "carried_forward"]

            def g(row, col, C=C):
                return C.get(("requests", row, col)) or 0

            for row in rows:
                for col in APPL + ["total"]:
                    if ("requests", row, col) not in C:
                        err(d, "missing requests", row, col)
                if g(row, "total") != sum(g(row, c) for c in APPL):
                    err(d, "row total", row)
            for col in APPL + ["total"]:
                if g("new_received", col) + g("carried_over", col) != g("total_handled", col) + g("carried_forward", col):
                    err(d, "column balance", col)
                if g("total_handled", col) != sum(g(o, col) for o in OUT[r["template"]]):
                    err(d, "total_handled sum", col)
            for row in REVIEW_ROWS:
                for col in REVIEW_COLS:
                    if ("review_litigation", row, col) not in C:
                        err(d, "missing review", row, col)

                def v(c, C=C, row=row):
                    return C.get(("review_litigation", row, c)) or 0

                if v("total") != v("upheld") + v("corrected") + v("other_result") + v("pending"):
                    err(d, "review total", row)
            # narrative received count
            stated = None
            for x in narr:
                if "未收到政府信息公开申请" in x["text"]:
                    stated = 0
                    break
                m = re.search(r"(?:收到|新收)[^。；，]*?申请(\d+)件", x["text"])
                if m:
                    stated = int(m.group(1))
                    break
            if stated is None:
                err(d, "no received-request count in narrative")
            elif stated != g("new_received", "total"):
                err(d, "narrative says", stated, "requests, table", g("new_received", "total"))
            # review count stated?
            for x in narr:
                m = re.search(r"行政复议(\d+)件", x["text"])
                if m and int(m.group(1)) != (C.get(("review_litigation", "review", "total")) or 0):
                    err(d, "narrative review count", m.group(1))
        elif t:
            err(d, "old template with tables entry")
    for e in errors:
        print(e)
    print(len(errors), "errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
