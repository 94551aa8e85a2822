"""Check set X: labels against text, files, sections, tables. Prints the errors and their count."""
import json, os, re, sys
from bs4 import BeautifulSoup
from common import *

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = set(LAB.values())
KINDS = {"narrative", "heading", "table", "meta"}
err = []


def load(n):
    return [json.loads(l) for l in open(os.path.join(HERE, n + ".jsonl"), encoding="utf-8")]


def ws(s):
    return re.sub(r"\s+", "", s)


def file_text(path):
    if path.endswith(".html"):
        return BeautifulSoup(open(path, encoding="utf-8").read(), "html.parser").get_text("\n")
    if path.endswith(".txt"):
        return open(path, encoding="utf-8").read()
    raise ValueError(path)


reports = load("reports"); labels = load("labels"); sections = {x["doc_id"]: x for x in load("sections")}
tables = {x["doc_id"]: x for x in load("tables")}
bydoc = {}
for x in labels:
    bydoc.setdefault(x["doc_id"], []).append(x)
need = ["doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split", "text", "page"]
if len(reports) != 16:
    err.append("expected 16 reports, got %d" % len(reports))
for r in reports:
    d = r["doc_id"]
    for k in need:
        if k not in r:
            err.append("%s: missing field %s" % (d, k))
    if r["split"] != ("dev" if int(d[1:]) % 2 else "held"):
        err.append("%s: split" % d)
    if r["template"] not in ("old", "2019", "2021"):
        err.append("%s: template" % d)
    lines = [l for l in r["text"].split("\n") if l.strip()]
    L = bydoc.get(d, [])
    if len(lines) != len(L):
        err.append("%s: %d text lines, %d label records" % (d, len(lines), len(L)))
    for i, (t, x) in enumerate(zip(lines, L)):
        if x["para_index"] != i or x["text"] != t:
            err.append("%s[%d]: label record out of order or text differs" % (d, i))
        if x["kind"] not in KINDS:
            err.append("%s[%d]: kind %r" % (d, i, x["kind"]))
        if x["kind"] == "narrative":
            if x["label"] not in LABELS:
                err.append("%s[%d]: label %r" % (d, i, x["label"]))
            if not isinstance(x["generic"], bool):
                err.append("%s[%d]: generic not bool" % (d, i))
            if "unsure" in x and (x["unsure"] not in LABELS or x["unsure"] == x["label"]):
                err.append("%s[%d]: unsure %r" % (d, i, x.get("unsure")))
        else:
            if x["label"] is not None or x["generic"] is not None:
                err.append("%s[%d]: non-narrative with label/generic" % (d, i))
        if not isinstance(x["mixed"], bool):
            err.append("%s[%d]: mixed not bool" % (d, i))
    narr = [x for x in L if x["kind"] == "narrative"]
    if len(narr) < 30:
        err.append("%s: only %d narrative units" % (d, len(narr)))
    # narrative found in order in the file
    path = os.path.join(HERE, r["file"])
    if not os.path.exists(path):
        err.append("%s: file missing" % d); continue
    ft = ws(file_text(path)); pos = 0
    for x in L:
        if x["kind"] in ("narrative", "heading"):
            j = ft.find(ws(x["text"]), pos)
            if j < 0:
                err.append("%s[%d]: %s not found in order in file: %s" % (d, x["para_index"], x["kind"], x["text"][:30]))
            else:
                pos = j + len(ws(x["text"]))
    # sections
    secs = sections.get(d, {}).get("sections", [])
    nums = [s["number"] for s in secs]
    if nums != [1, 2, 3, 4, 5, 6]:
        err.append("%s: section numbers %s" % (d, nums))
    for s in secs:
        x = L[s["para_index"]] if s["para_index"] < len(L) else None
        if not x or x["kind"] != "heading" or x["text"] != s["name"]:
            err.append("%s: section %s does not point at its heading" % (d, s))
    # tables
    if r["template"] in ("2019", "2021"):
        tb = tables.get(d)
        if not tb or tb["template"] != r["template"]:
            err.append("%s: no table entry" % d); continue
        g = {}
        for c in tb["cells"]:
            g[(c["table"], c["row"], c["col"])] = c["value"]
        v = lambda *k: g.get(k) or 0
        if r["template"] == "2021":
            act = [(k, c) for k in ("regulations", "normative_documents") for c in ("issued", "repealed", "in_force")] + \
                  [(k, "decisions") for k in ("licensing", "punishment", "coercion")] + [("fees", "amount")]
            rows = REQ_ROWS_2021; outs = OUTCOME_2021
        else:
            act = [(k, c) for k in ("regulations", "normative_documents") for c in ("new_made", "new_published", "total_published")] + \
                  [(k, c) for k in ("licensing", "other_services", "punishment", "coercion") for c in ("prev_items", "change", "decisions")] + \
                  [("fees", "prev_items"), ("fees", "change"), ("procurement", "items"), ("procurement", "amount")]
            rows = REQ_ROWS_2019; outs = OUTCOME_2019
        for k, c in act:
            if ("active", k, c) not in g:
                err.append("%s: active %s/%s missing" % (d, k, c))
        for k, _ in rows:
            for c in COLS6 + ["total"]:
                if ("requests", k, c) not in g:
                    err.append("%s: requests %s/%s missing" % (d, k, c))
            if v("requests", k, "total") != sum(v("requests", k, c) for c in COLS6):
                err.append("%s: requests row %s total" % (d, k))
        for c in COLS6 + ["total"]:
            if v("requests", "new_received", c) + v("requests", "carried_over", c) != v("requests", "total_handled", c) + v("requests", "carried_forward", c):
                err.append("%s: requests col %s: 1+2 != 3+4" % (d, c))
            if v("requests", "total_handled", c) != sum(v("requests", k, c) for k in outs):
                err.append("%s: requests col %s: total_handled" % (d, c))
        for k, _ in REV_ROWS:
            for c in REV_COLS:
                if ("review_litigation", k, c) not in g:
                    err.append("%s: review %s/%s missing" % (d, k, c))
            if v("review_litigation", k, "total") != sum(v("review_litigation", k, c) for c in REV_COLS[:4]):
                err.append("%s: review row %s total" % (d, k))
        # narrative count of received requests
        body = "\n".join(x["text"] for x in narr)
        m = re.search(r"(?:收到|受理|新收)[^。；]*?申请(\d+)件", body)
        if m:
            said = int(m.group(1))
        elif re.search(r"未收到[^。]*?申请", body):
            said = 0
        else:
            said = None
            err.append("%s: narrative states no received-request count" % d)
        if said is not None and said != v("requests", "new_received", "total"):
            err.append("%s: narrative says %s requests received, table %s" % (d, said, v("requests", "new_received", "total")))
        m = re.search(r"行政复议(\d+)件", body)
        if m and int(m.group(1)) != v("review_litigation", "review", "total"):
            err.append("%s: narrative review count %s, table %s" % (d, m.group(1), v("review_litigation", "review", "total")))
for e in err:
    print(e)
print("%d errors" % len(err))
sys.exit(1 if err else 0)
