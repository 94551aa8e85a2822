"""Check set AH. Run: /work/main/.venv/bin/python check_set.py  -> prints errors, ends with 'N errors'."""
import json
import os
import re
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
OUT = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited", "denied_security_stability",
       "denied_third_party", "denied_internal_affairs", "denied_process_info", "denied_enforcement_files",
       "denied_admin_query", "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
       "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
       "not_processed_mass_repeat", "not_processed_confirmation"]
OTHER = {"2021": ["other_overdue_correction", "other_unpaid_fee", "other_misc"], "2019": ["other_handling"]}
ACTIVE = {"2021": {"regulations": ["issued", "repealed", "in_force"], "normative_documents": ["issued", "repealed", "in_force"],
                   "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"], "fees": ["amount"]},
          "2019": {"regulations": ["new_made", "new_published", "total_published"],
                   "normative_documents": ["new_made", "new_published", "total_published"],
                   "licensing": ["prev_items", "change", "decisions"], "other_services": ["prev_items", "change", "decisions"],
                   "punishment": ["prev_items", "change", "decisions"], "coercion": ["prev_items", "change", "decisions"],
                   "fees": ["prev_items", "change"], "procurement": ["items", "amount"]}}
REVIEW = {r: ["upheld", "corrected", "other_result", "pending", "total"] for r in ("review", "litigation_direct", "litigation_after_review")}
errs = []
def err(*a):
    errs.append(" ".join(str(x) for x in a))
def load(n):
    return [json.loads(ln) for ln in open(os.path.join(HERE, n), encoding="utf-8") if ln.strip()]


def nows(s):
    return re.sub(r"\s+", "", s)

def file_text(path):
    if path.endswith(".html"):
        from bs4 import BeautifulSoup
        return BeautifulSoup(open(path, encoding="utf-8").read(), "html.parser").get_text("\n")
    if path.endswith(".docx"):
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        d = docx.Document(path)
        parts = []
        for el in d.element.body.iterchildren():
            if el.tag.endswith("}p"):
                parts.append(Paragraph(el, d).text)
            elif el.tag.endswith("}tbl"):
                for row in Table(el, d).rows:
                    seen = []
                    for c in row.cells:
                        if c._tc not in seen:
                            seen.append(c._tc)
                            parts.append(c.text)
        return "\n".join(parts)
    raise ValueError(path)

reports = load("reports.jsonl")
labels = load("labels.jsonl")
sections = {s["doc_id"]: s for s in load("sections.jsonl")}
tables = {t["doc_id"]: t for t in load("tables.jsonl")}
bydoc = {}
for r in labels:
    bydoc.setdefault(r["doc_id"], []).append(r)
if len(reports) != 16:
    err("expected 16 reports, got", len(reports))
for rep in reports:
    d = rep["doc_id"]
    n = int(d[2:])
    for k in ("doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split", "text", "page"):
        if k not in rep:
            err(d, "missing field", k)
    if rep["split"] != ("dev" if n % 2 else "held"):
        err(d, "split")
    lines = [ln for ln in rep["text"].split("\n") if ln.strip()]
    recs = bydoc.get(d, [])
    if len(lines) != len(recs):
        err(d, "lines", len(lines), "records", len(recs))
    for i, (ln, r) in enumerate(zip(lines, recs, strict=False)):
        if r["para_index"] != i or r["text"] != ln:
            err(d, "record out of order at", i)
        if r["kind"] not in KINDS:
            err(d, i, "kind", r["kind"])
        if r["kind"] == "narrative":
            if r["label"] not in LABELS:
                err(d, i, "label", r["label"])
            if not isinstance(r["generic"], bool):
                err(d, i, "generic")
            if r.get("unsure") and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
                err(d, i, "unsure")
        else:
            if r["label"] is not None or r["generic"] is not None:
                err(d, i, "non-narrative with label")
        if not isinstance(r["mixed"], bool):
            err(d, i, "mixed")
    narr = [r for r in recs if r["kind"] == "narrative"]
    if len(narr) < 30:
        err(d, "only", len(narr), "narrative units")
    # narrative found in order in file
    ft = nows(file_text(os.path.join(HERE, rep["file"])))
    pos = 0
    for r in narr:
        j = ft.find(nows(r["text"]), pos)
        if j < 0:
            err(d, r["para_index"], "narrative not found in file in order:", r["text"][:30])
        else:
            pos = j + len(nows(r["text"]))
    # sections
    secs = sections.get(d, {}).get("sections", [])
    if [s["number"] for s in secs] != [1, 2, 3, 4, 5, 6]:
        err(d, "sections", [s["number"] for s in secs])
    for s in secs:
        r = recs[s["para_index"]] if s["para_index"] < len(recs) else None
        if not r or r["kind"] != "heading" or r["text"] != s["name"]:
            err(d, "section points wrong", s)
    # tables
    t = tables.get(d)
    if rep["template"] in ("2019", "2021"):
        if not t or t["template"] != rep["template"]:
            err(d, "no table entry")
            continue
        cells = {}
        for c in t["cells"]:
            cells[(c["table"], c["row"], c["col"])] = c["value"]

        def V(*k, cells=cells):
            return cells.get(k) or 0

        for row, cols in ACTIVE[rep["template"]].items():
            for c in cols:
                if ("active", row, c) not in cells:
                    err(d, "missing active", row, c)
        rows = ["new_received", "carried_over"] + OUT + OTHER[rep["template"]] + ["total_handled", "carried_forward"]
        for row in rows:
            for c in COLS + ["total"]:
                if ("requests", row, c) not in cells:
                    err(d, "missing requests", row, c)
            if V("requests", row, "total") != sum(V("requests", row, c) for c in COLS):
                err(d, "row total", row)
        for c in COLS + ["total"]:
            if V("requests", "new_received", c) + V("requests", "carried_over", c) != V("requests", "total_handled", c) + V("requests", "carried_forward", c):
                err(d, "rule 2", c)
            if V("requests", "total_handled", c) != sum(V("requests", r, c) for r in OUT + OTHER[rep["template"]]):
                err(d, "rule 3", c)
        for row, cols in REVIEW.items():
            for c in cols:
                if ("review_litigation", row, c) not in cells:
                    err(d, "missing review", row, c)
            if V("review_litigation", row, "total") != sum(V("review_litigation", row, c) for c in cols[:4]):
                err(d, "rule 4", row)
        # narrative received count
        got = None
        for r in narr:
            m = re.search(r"(?:共|累计|合计)?(?:新)?收到[^，。；]*?申请(?:共)?(\d+)件", r["text"])
            if m:
                got = int(m.group(1))
                break
            if re.search(r"未(?:新)?收到[^。；]*?申请", r["text"]):
                got = 0
                break
        if got is None:
            err(d, "no received count in narrative")
        elif got != V("requests", "new_received", "total"):
            err(d, "narrative count", got, "table", V("requests", "new_received", "total"))
    for _s in ():
        pass
c = Counter(r["kind"] for r in labels)
lab = Counter(r["label"] for r in labels if r["kind"] == "narrative")
gen = sum(1 for r in labels if r["kind"] == "narrative" and r["generic"])
for e in errs:
    print(e)
print("kinds", dict(c))
print("labels", dict(lab))
print("generic", gen, "mixed", sum(r["mixed"] for r in labels))
print(len(errs), "errors")
