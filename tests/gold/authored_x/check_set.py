"""Check set X: labels against text, files, sections, tables. Prints the errors and their count."""

import json
import os
import re
import sys

from bs4 import BeautifulSoup
from common import COLS6, LAB, OUTCOME_2019, OUTCOME_2021, REQ_ROWS_2019, REQ_ROWS_2021, REV_COLS, REV_ROWS

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = set(LAB.values())
KINDS = {"narrative", "heading", "table", "meta"}
err = []


def load(n):
    return [json.loads(line) for line in open(os.path.join(HERE, n + ".jsonl"), encoding="utf-8")]


def ws(s):
    return re.sub(r"\s+", "", s)


def file_text(path):
    if path.endswith(".html"):
        return BeautifulSoup(open(path, encoding="utf-8").read(), "html.parser").get_text("\n")
    if path.endswith(".txt"):
        return open(path, encoding="utf-8").read()
    raise ValueError(path)


reports = load("reports")
labels = load("labels")
sections = {x["doc_id"]: x for x in load("sections")}
tables = {x["doc_id"]: x for x in load("tables")}
bydoc = {}
for x in labels:
    bydoc.setdefault(x["doc_id"], []).append(x)
need = [
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
]
if len(reports) != 16:
    err.append(f"expected 16 reports, got {len(reports):d}")
for r in reports:
    d = r["doc_id"]
    for k in need:
        if k not in r:
            err.append(f"{d}: missing field {k}")
    if r["split"] != ("dev" if int(d[1:]) % 2 else "held"):
        err.append(f"{d}: split")
    if r["template"] not in ("old", "2019", "2021"):
        err.append(f"{d}: template")
    lines = [s for s in r["text"].split("\n") if s.strip()]
    L = bydoc.get(d, [])
    if len(lines) != len(L):
        err.append(f"{d}: {len(lines):d} text lines, {len(L):d} label records")
    for i, (t, x) in enumerate(zip(lines, L, strict=False)):
        if x["para_index"] != i or x["text"] != t:
            err.append(f"{d}[{i:d}]: label record out of order or text differs")
        if x["kind"] not in KINDS:
            err.append(f"{d}[{i:d}]: kind {x['kind']!r}")
        if x["kind"] == "narrative":
            if x["label"] not in LABELS:
                err.append(f"{d}[{i:d}]: label {x['label']!r}")
            if not isinstance(x["generic"], bool):
                err.append(f"{d}[{i:d}]: generic not bool")
            if "unsure" in x and (x["unsure"] not in LABELS or x["unsure"] == x["label"]):
                err.append(f"{d}[{i:d}]: unsure {x.get('unsure')!r}")
        else:
            if x["label"] is not None or x["generic"] is not None:
                err.append(f"{d}[{i:d}]: non-narrative with label/generic")
        if not isinstance(x["mixed"], bool):
            err.append(f"{d}[{i:d}]: mixed not bool")
    narr = [x for x in L if x["kind"] == "narrative"]
    if len(narr) < 30:
        err.append(f"{d}: only {len(narr):d} narrative units")
    # narrative found in order in the file
    path = os.path.join(HERE, r["file"])
    if not os.path.exists(path):
        err.append(f"{d}: file missing")
        continue
    ft = ws(file_text(path))
    pos = 0
    for x in L:
        if x["kind"] in ("narrative", "heading"):
            j = ft.find(ws(x["text"]), pos)
            if j < 0:
                err.append(
                    "{}[{:d}]: {} not found in order in file: {}".format(
                        d, x["para_index"], x["kind"], x["text"][:30]
                    )
                )
            else:
                pos = j + len(ws(x["text"]))
    # sections
    secs = sections.get(d, {}).get("sections", [])
    nums = [s["number"] for s in secs]
    if nums != [1, 2, 3, 4, 5, 6]:
        err.append(f"{d}: section numbers {nums}")
    for s in secs:
        x = L[s["para_index"]] if s["para_index"] < len(L) else None
        if not x or x["kind"] != "heading" or x["text"] != s["name"]:
            err.append(f"{d}: section {s} does not point at its heading")
    # tables
    if r["template"] in ("2019", "2021"):
        tb = tables.get(d)
        if not tb or tb["template"] != r["template"]:
            err.append(f"{d}: no table entry")
            continue
        g = {}
        for c in tb["cells"]:
            g[(c["table"], c["row"], c["col"])] = c["value"]
        def v(*k, g=g):
            return g.get(k) or 0
        if r["template"] == "2021":
            act = (
                [
                    (k, c)
                    for k in ("regulations", "normative_documents")
                    for c in ("issued", "repealed", "in_force")
                ]
                + [(k, "decisions") for k in ("licensing", "punishment", "coercion")]
                + [("fees", "amount")]
            )
            rows = REQ_ROWS_2021
            outs = OUTCOME_2021
        else:
            act = (
                [
                    (k, c)
                    for k in ("regulations", "normative_documents")
                    for c in ("new_made", "new_published", "total_published")
                ]
                + [
                    (k, c)
                    for k in ("licensing", "other_services", "punishment", "coercion")
                    for c in ("prev_items", "change", "decisions")
                ]
                + [
                    ("fees", "prev_items"),
                    ("fees", "change"),
                    ("procurement", "items"),
                    ("procurement", "amount"),
                ]
            )
            rows = REQ_ROWS_2019
            outs = OUTCOME_2019
        for k, c in act:
            if ("active", k, c) not in g:
                err.append(f"{d}: active {k}/{c} missing")
        for k, _ in rows:
            for c in COLS6 + ["total"]:
                if ("requests", k, c) not in g:
                    err.append(f"{d}: requests {k}/{c} missing")
            if v("requests", k, "total") != sum(v("requests", k, c) for c in COLS6):
                err.append(f"{d}: requests row {k} total")
        for c in COLS6 + ["total"]:
            if v("requests", "new_received", c) + v("requests", "carried_over", c) != v(
                "requests", "total_handled", c
            ) + v("requests", "carried_forward", c):
                err.append(f"{d}: requests col {c}: 1+2 != 3+4")
            if v("requests", "total_handled", c) != sum(v("requests", k, c) for k in outs):
                err.append(f"{d}: requests col {c}: total_handled")
        for k, _ in REV_ROWS:
            for c in REV_COLS:
                if ("review_litigation", k, c) not in g:
                    err.append(f"{d}: review {k}/{c} missing")
            if v("review_litigation", k, "total") != sum(v("review_litigation", k, c) for c in REV_COLS[:4]):
                err.append(f"{d}: review row {k} total")
        # narrative count of received requests
        body = "\n".join(x["text"] for x in narr)
        m = re.search(r"(?:收到|受理|新收)[^。；]*?申请(\d+)件", body)
        if m:
            said = int(m.group(1))
        elif re.search(r"未收到[^。]*?申请", body):
            said = 0
        else:
            said = None
            err.append(f"{d}: narrative states no received-request count")
        if said is not None and said != v("requests", "new_received", "total"):
            err.append(
                "{}: narrative says {} requests received, table {}".format(d, said, v("requests", "new_received", "total"))
            )
        m = re.search(r"行政复议(\d+)件", body)
        if m and int(m.group(1)) != v("review_litigation", "review", "total"):
            err.append(
                "{}: narrative review count {}, table {}".format(d, m.group(1), v("review_litigation", "review", "total"))
            )
for e in err:
    print(e)
print(f"{len(err):d} errors")
sys.exit(1 if err else 0)
