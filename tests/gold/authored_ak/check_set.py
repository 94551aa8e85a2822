"""Check set AK: labels vs text, kinds/labels, unit counts, narrative found in the files, sections, tables."""
import json
import os
import re
import sys

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org", "total"]
OUTS = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited", "denied_security_stability", "denied_third_party",
        "denied_internal_affairs", "denied_process_info", "denied_enforcement_files", "denied_admin_query", "unavailable_not_held",
        "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint", "not_processed_duplicate",
        "not_processed_publication", "not_processed_mass_repeat", "not_processed_confirmation"]
OTHER = {"2021": ["other_overdue_correction", "other_unpaid_fee", "other_misc"], "2019": ["other_handling"]}
ACT = {"2021": {"regulations": ["issued", "repealed", "in_force"], "normative_documents": ["issued", "repealed", "in_force"],
                "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"], "fees": ["amount"]},
       "2019": {"regulations": ["new_made", "new_published", "total_published"], "normative_documents": ["new_made", "new_published", "total_published"],
                "licensing": ["prev_items", "change", "decisions"], "other_services": ["prev_items", "change", "decisions"],
                "punishment": ["prev_items", "change", "decisions"], "coercion": ["prev_items", "change", "decisions"],
                "fees": ["prev_items", "change"], "procurement": ["items", "amount"]}}
REV = ["review", "litigation_direct", "litigation_after_review"]
REVC = ["upheld", "corrected", "other_result", "pending", "total"]
errors = []


def err(*a):
    errors.append(" ".join(str(x) for x in a))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def docx_lines(path, furniture):
    doc = Document(path)
    out = []
    for el in doc.element.body.iterchildren():
        tag = el.tag.split("}")[1]
        if tag == "p":
            out.append(Paragraph(el, doc).text)
        elif tag == "tbl":
            for row in Table(el, doc).rows:
                for c in row.cells:
                    out.extend(p.text for p in c.paragraphs)
    keep = []
    for t in out:
        s = t.strip()
        if re.fullmatch(r"- \d+ -|第\d+页", s) or s in furniture:
            continue  # page furniture sits between pages and may cut a sentence
        keep.append(t)
    return keep


def squash(s):
    return re.sub(r"\s+", "", s)


def main():
    reps, labs, secs, tabs = load("reports.jsonl"), load("labels.jsonl"), load("sections.jsonl"), load("tables.jsonl")
    by = {}
    for lab in labs:
        by.setdefault(lab["doc_id"], []).append(lab)
    secd = {s["doc_id"]: s for s in secs}
    tabd = {t["doc_id"]: t for t in tabs}
    if len(reps) != 16:
        err("expected 16 reports, got", len(reps))
    for r in reps:
        d = r["doc_id"]
        for k in ("doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split", "text", "page"):
            if k not in r:
                err(d, "missing field", k)
        n = int(d[2:])
        if r["split"] != ("dev" if n % 2 else "held"):
            err(d, "split")
        if r["template"] not in ("old", "2019", "2021"):
            err(d, "template")
        lines = [x for x in r["text"].split("\n") if x.strip()]
        L = by.get(d, [])
        if len(L) != len(lines):
            err(d, "label count", len(L), "vs lines", len(lines))
        for i, (line, rec) in enumerate(zip(lines, L, strict=False)):
            if rec["para_index"] != i or rec["text"] != line:
                err(d, i, "label record out of order")
            if rec["kind"] not in KINDS:
                err(d, i, "kind")
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS:
                    err(d, i, "label", rec["label"])
                if not isinstance(rec["generic"], bool):
                    err(d, i, "generic")
                if "unsure" in rec and (rec["unsure"] not in LABELS or rec["unsure"] == rec["label"]):
                    err(d, i, "unsure")
            else:
                if rec["label"] is not None or rec["generic"] is not None:
                    err(d, i, "non-narrative with label/generic")
            if not isinstance(rec["mixed"], bool):
                err(d, i, "mixed")
        narr = [x for x in L if x["kind"] == "narrative"]
        if len(narr) < 30:
            err(d, "only", len(narr), "narrative units")
        # narrative in the file
        path = os.path.join(HERE, r["file"])
        if not os.path.exists(path):
            err(d, "file missing")
            continue
        furniture = {r["agency"], r["agency"] + "政府信息公开工作年度报告"}
        blob = squash("".join(docx_lines(path, furniture)))
        pos = 0
        for x in narr:
            k = blob.find(squash(x["text"]), pos)
            if k < 0:
                err(d, x["para_index"], "narrative not found in order in file:", x["text"][:30])
            else:
                pos = k + len(squash(x["text"]))
        # sections
        s = secd.get(d)
        if not s:
            err(d, "no sections")
        else:
            nums = [x["number"] for x in s["sections"]]
            if r["template"] != "old" and nums != [1, 2, 3, 4, 5, 6]:
                err(d, "section numbers", nums)
            for x in s["sections"]:
                i = x["para_index"]
                if i >= len(L) or L[i]["kind"] != "heading" or L[i]["text"] != x["name"]:
                    err(d, "section points wrong", x)
        # tables
        if r["template"] == "old":
            if d in tabd:
                err(d, "old template with table entry")
            continue
        t = tabd.get(d)
        if not t:
            err(d, "no tables")
            continue
        if t["template"] != r["template"]:
            err(d, "table template")
        cell = {(c["table"], c["row"], c["col"]): c["value"] for c in t["cells"]}
        if len(cell) != len(t["cells"]):
            err(d, "duplicate cells")
        for row, cols in ACT[r["template"]].items():
            for c in cols:
                if ("active", row, c) not in cell:
                    err(d, "missing active", row, c)
        rows = ["new_received", "carried_over"] + OUTS + OTHER[r["template"]] + ["total_handled", "carried_forward"]
        def g(row, c, cell=cell):
            return cell.get(("requests", row, c)) or 0
        for row in rows:
            for c in COLS:
                if ("requests", row, c) not in cell:
                    err(d, "missing requests", row, c)
            if g(row, "total") != sum(g(row, c) for c in COLS[:-1]):
                err(d, "row total", row)
        for c in COLS:
            if g("new_received", c) + g("carried_over", c) != g("total_handled", c) + g("carried_forward", c):
                err(d, "balance", c)
            if g("total_handled", c) != sum(g(x, c) for x in OUTS + OTHER[r["template"]]):
                err(d, "handled sum", c)
        for row in REV:
            for c in REVC:
                if ("review_litigation", row, c) not in cell:
                    err(d, "missing review", row, c)
            def h(c, cell=cell, row=row):
                return cell.get(("review_litigation", row, c)) or 0
            if h("total") != sum(h(c) for c in REVC[:-1]):
                err(d, "review total", row)
        # narrative count of received requests
        m = None
        for x in narr:
            m = re.search(r"收到[^。；]*?申请(\d+)件", x["text"])
            if m:
                break
        if not m:
            err(d, "no received-request count in narrative")
        elif int(m.group(1)) != g("new_received", "total"):
            err(d, "narrative received", m.group(1), "table", g("new_received", "total"))
    for e in errors:
        print("ERROR", e)
    print(len(errors), "errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
