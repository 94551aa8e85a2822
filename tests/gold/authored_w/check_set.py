"""Check set W: labels against texts, files against narrative, sections, tables. Prints the error count."""

import json
import os
import re
import sys

import pdfplumber
from docx import Document

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import APPL, LAB, OTHER19, OTHER21, REQ_COLS, REQ_OUT, REQ_ROWS_HEAD, REQ_TAIL, REV_COLS, REV_ROWS

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = set(LAB.values())
KINDS = {"narrative", "heading", "table", "meta"}
errs = []


def err(*a):
    errs.append(" ".join(str(x) for x in a))


def load(name):
    return [json.loads(line) for line in open(os.path.join(HERE, name), encoding="utf-8") if line.strip()]


def docx_text(path):
    d = Document(path)
    out = []
    body = d.element.body
    for el in body.iterchildren():
        tag = el.tag.split("}")[1]
        if tag == "p":
            out.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            out.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
    return "\n".join(out)


def pdf_text(path, agency):
    lines = []
    with pdfplumber.open(path) as pdf:
        for pg in pdf.pages:
            for ln in (pg.extract_text() or "").split("\n"):
                s = ln.strip()
                if s == agency or re.fullmatch(r"-\s*\d+\s*-", s):
                    continue  # running header and page footer
                lines.append(s)
    return "\n".join(lines)


def squeeze(s):
    return re.sub(r"\s+", "", s)


reports = load("reports.jsonl")
labels = load("labels.jsonl")
sections = {d["doc_id"]: d["sections"] for d in load("sections.jsonl")}
tables = {d["doc_id"]: d for d in load("tables.jsonl")}
bydoc = {}
for r in labels:
    bydoc.setdefault(r["doc_id"], []).append(r)

if len(reports) != 16:
    err("expected 16 reports, got", len(reports))
for rep in reports:
    did = rep["doc_id"]
    n = int(did[1:])
    for k in (
        "doc_id",
        "agency",
        "year",
        "template",
        "title",
        "level",
        "province",
        "file",
        "format",
        "split",
        "text",
        "page",
    ):
        if k not in rep:
            err(did, "missing field", k)
    if rep["split"] != ("dev" if n % 2 else "held"):
        err(did, "split rule")
    if rep["template"] not in ("old", "2019", "2021"):
        err(did, "template", rep["template"])
    lines = [s for s in rep["text"].split("\n") if s.strip()]
    recs = bydoc.get(did, [])
    if len(lines) != len(recs):
        err(did, "lines", len(lines), "records", len(recs))
    for i, (ln, r) in enumerate(zip(lines, recs, strict=False)):
        if r["para_index"] != i or r["text"] != ln:
            err(did, i, "record/text mismatch")
        if r["kind"] not in KINDS:
            err(did, i, "kind", r["kind"])
        if not isinstance(r["mixed"], bool):
            err(did, i, "mixed not bool")
        if r["kind"] == "narrative":
            if r["label"] not in LABELS:
                err(did, i, "label", r["label"])
            if not isinstance(r["generic"], bool):
                err(did, i, "generic not bool")
        else:
            if r["label"] is not None or r["generic"] is not None:
                err(did, i, "non-narrative with label/generic")
        if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
            err(did, i, "unsure", r.get("unsure"))
    narr = [r for r in recs if r["kind"] == "narrative"]
    if len(narr) < 30:
        err(did, "only", len(narr), "narrative units")
    # file
    path = os.path.join(HERE, rep["file"])
    if not os.path.exists(path):
        err(did, "file missing")
        continue
    ft = docx_text(path) if rep["format"] == "docx" else pdf_text(path, rep["agency"])
    ft = squeeze(ft)
    pos = 0
    autonum = 0
    for r in narr:
        t = squeeze(r["text"])
        j = ft.find(t, pos)
        if j < 0:
            t2 = re.sub(r"^\d+[.．、]", "", t)
            j = ft.find(t2, pos)
            if j >= 0 and t2 != t:
                autonum += 1
                t = t2
            else:
                err(did, r["para_index"], "narrative not found in file in order:", r["text"][:30])
                continue
        pos = j + len(t)
    if autonum and "automatic numbering" not in rep["page"]:
        err(did, "autonumbered lines but page does not say so")
    # sections
    secs = sections.get(did)
    if not secs:
        err(did, "no sections")
        secs = []
    want = list(range(1, 8 if rep["template"] == "old" else 7))
    if [s["number"] for s in secs] != want:
        err(did, "section numbers", [s["number"] for s in secs])
    for s in secs:
        r = recs[s["para_index"]]
        if r["kind"] == "heading":
            if r["text"] != s["name"]:
                err(did, "section name mismatch", s["name"])
        elif not r["text"].startswith(s["name"]):
            err(did, "glued section line does not start with", s["name"])
    idx = [s["para_index"] for s in secs]
    if idx != sorted(idx):
        err(did, "sections out of order")
    # tables
    if rep["template"] == "old":
        if did in tables:
            err(did, "old template with tables entry")
        continue
    t = tables.get(did)
    if not t:
        err(did, "no tables entry")
        continue
    cell = {(c["table"], c["row"], c["col"]): c["value"] for c in t["cells"]}
    other = OTHER21 if rep["template"] == "2021" else OTHER19
    out_rows = [k for k, _ in REQ_OUT + other]
    rows = [k for k, _ in REQ_ROWS_HEAD] + out_rows + [k for k, _ in REQ_TAIL]
    for r in rows:
        for c in REQ_COLS:
            if ("requests", r, c) not in cell:
                err(did, "missing cell requests", r, c)
    def g(r, c, cell=cell):
        return cell.get(("requests", r, c)) or 0
    for r in rows:
        if g(r, "total") != sum(g(r, c) for c in APPL):
            err(did, "rule1", r)
    for c in REQ_COLS:
        if g("new_received", c) + g("carried_over", c) != g("total_handled", c) + g("carried_forward", c):
            err(did, "rule2", c)
        if g("total_handled", c) != sum(g(r, c) for r in out_rows):
            err(did, "rule3", c)
    for r in REV_ROWS:
        for c in REV_COLS:
            if ("review_litigation", r, c) not in cell:
                err(did, "missing cell review", r, c)
        def v(c, cell=cell, r=r):
            return cell.get(("review_litigation", r, c)) or 0
        if v("total") != v("upheld") + v("corrected") + v("other_result") + v("pending"):
            err(did, "rule4", r)
    if rep["template"] == "2021":
        act = (
            [("regulations", c) for c in ("issued", "repealed", "in_force")]
            + [("normative_documents", c) for c in ("issued", "repealed", "in_force")]
            + [
                ("licensing", "decisions"),
                ("punishment", "decisions"),
                ("coercion", "decisions"),
                ("fees", "amount"),
            ]
        )
    else:
        act = (
            [
                (r, c)
                for r in ("regulations", "normative_documents")
                for c in ("new_made", "new_published", "total_published")
            ]
            + [
                (r, c)
                for r in ("licensing", "other_services", "punishment", "coercion")
                for c in ("prev_items", "change", "decisions")
            ]
            + [
                ("fees", "prev_items"),
                ("fees", "change"),
                ("procurement", "items"),
                ("procurement", "amount"),
            ]
        )
    for r, c in act:
        if ("active", r, c) not in cell:
            err(did, "missing cell active", r, c)
    # narrative's received count
    got = None
    for r in narr:
        m = re.search(r"(新收|收到|受理)[^。；]*?申请(\d+)件", r["text"])
        if m:
            got = int(m.group(2))
            break
    if got is None:
        err(did, "no received count in narrative")
    elif got != g("new_received", "total"):
        err(did, "narrative received", got, "table", g("new_received", "total"))
    # review count stated
    for r in narr:
        m = re.search(r"行政复议(\d+)[件起]", r["text"])
        if m and int(m.group(1)) != (cell.get(("review_litigation", "review", "total")) or 0):
            err(did, "narrative review count", m.group(1))

for e in errs:
    print(e)
print(len(errs), "errors")
