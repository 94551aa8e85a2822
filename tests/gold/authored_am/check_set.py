"""Check set AM: labels against texts, labels valid, >=30 narrative units, narrative found in order in the files
(read as a perfect reader would: hidden spans and zero-width characters dropped, JS-held content decoded),
sections, tables complete and adding up, narrative request count = table."""
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_set import APPL, RL_COLS, RL_ROWS, req_rows

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}


def load(n):
    return [json.loads(line) for line in open(os.path.join(HERE, n), encoding="utf-8") if line.strip()]

def strip_tags(s):
    s = re.sub(r"<(script|style)\b.*?</\1>", "", s, flags=re.S)
    s = re.sub(r"<[^>]+>", "", s)
    return html.unescape(s)

def read_wenku(raw):
    hidden = re.findall(r"\.([\w-]+)\s*\{\s*display\s*:\s*none\s*;?\s*\}", raw)
    raw = re.sub(r'<span style="(?:display:none|font-size:0)">[^<]*</span>', "", raw)
    for c in hidden:
        raw = re.sub(rf'<span class="{re.escape(c)}">[^<]*</span>', "", raw)
    m = re.search(r'<div id="pageContainer">(.*)', raw, re.S)
    body = m.group(1)
    # drop furniture between pages
    body = re.sub(r'<div class="(?:wm|page-num|read-more|doc-foot|related)">.*?</div>', "", body, flags=re.S)
    t = strip_tags(body)
    for z in "\u200b\ufeff\u00ad":
        t = t.replace(z, "")
    return t

def read_portal(raw):
    m = re.search(r"<script>(?:var pageData = |window\.__INITIAL_STATE__ = )(.*?);</script>", raw, re.S)
    obj = json.loads(m.group(1))
    art = obj["data"] if "data" in obj else obj["article"]
    assert "<p" not in strip_tags(raw), "body visible outside script"
    return art["title"] + "\n" + art["publishDate"] + "\n" + strip_tags(art["content"])

def nows(s): return re.sub(r"\s+", "", s)

def main():
    errs = []
    def E(*a): errs.append(" ".join(str(x) for x in a))
    reps = load("reports.jsonl")
    labs = load("labels.jsonl")
    secs = {x["doc_id"]: x for x in load("sections.jsonl")}
    tabs = {x["doc_id"]: x for x in load("tables.jsonl")}
    by = {}
    for lab in labs:
        by.setdefault(lab["doc_id"], []).append(lab)
    if len(reps) != 16:
        E("reports", len(reps))
    for r in reps:
        d = r["doc_id"]
        L = by.get(d, [])
        lines = [x for x in r["text"].split("\n") if x.strip()]
        if len(lines) != len(L):
            E(d, "line count", len(lines), len(L))
        for i, (t, lab) in enumerate(zip(lines, L, strict=False)):
            if lab["para_index"] != i or lab["text"] != t:
                E(d, "label record mismatch at", i)
            if lab["kind"] not in KINDS:
                E(d, i, "bad kind")
            if lab["kind"] == "narrative":
                if lab["label"] not in LABELS:
                    E(d, i, "bad label")
                if not isinstance(lab["generic"], bool):
                    E(d, i, "generic not bool")
                if "unsure" in lab and (lab["unsure"] not in LABELS or lab["unsure"] == lab["label"]):
                    E(d, i, "bad unsure")
            else:
                if lab["label"] is not None or lab["generic"] is not None:
                    E(d, i, "label on non-narrative")
            if not isinstance(lab["mixed"], bool):
                E(d, i, "mixed")
        narr = [lab for lab in L if lab["kind"] == "narrative"]
        if len(narr) < 30:
            E(d, "only", len(narr), "narrative units")
        if r["split"] != ("dev" if int(d[2:]) % 2 else "held"):
            E(d, "split")
        # file
        raw = open(os.path.join(HERE, r["file"]), encoding="utf-8").read()
        ft = nows(read_wenku(raw) if "pageContainer" in raw else read_portal(raw))
        pos = 0
        for lab in narr:
            k = ft.find(nows(lab["text"]), pos)
            if k < 0:
                E(d, "narrative not found in order in file:", lab["para_index"], lab["text"][:30])
            else:
                pos = k + len(nows(lab["text"]))
        # sections
        S = secs[d]["sections"]
        if r["template"] != "old" and [s["number"] for s in S] != [1, 2, 3, 4, 5, 6]:
            E(d, "sections", [s["number"] for s in S])
        for s in S:
            lab = L[s["para_index"]]
            if lab["kind"] != "heading" or lab["text"] != s["name"]:
                E(d, "section points wrong", s)
        # tables
        if r["template"] in ("2019", "2021"):
            T = tabs[d]
            cells = {(c["table"], c["row"], c["col"]): c["value"] for c in T["cells"]}
            if T["template"] != r["template"]:
                E(d, "table template")
            rows = [k for k, _ in req_rows(r["template"])]
            for row in rows:
                for c in APPL + ["total"]:
                    if (("requests", row, c)) not in cells:
                        E(d, "missing cell", row, c)

            def g(row, c, cells=cells):
                return cells.get(("requests", row, c)) or 0

            for row in rows:
                if sum(g(row, c) for c in APPL) != g(row, "total"):
                    E(d, "row total", row)
            outs = rows[2:-2]
            for c in APPL + ["total"]:
                if g("new_received", c) + g("carried_over", c) != g("total_handled", c) + g("carried_forward", c):
                    E(d, "balance", c)
                if sum(g(o, c) for o in outs) != g("total_handled", c):
                    E(d, "handled sum", c)
            for row in RL_ROWS:
                v = [cells.get(("review_litigation", row, c)) or 0 for c in RL_COLS]
                if sum(v[:4]) != v[4]:
                    E(d, "rl total", row)
            act = {k[1] for k in cells if k[0] == "active"}
            need = {"regulations", "normative_documents", "licensing", "punishment", "coercion", "fees"}
            if r["template"] == "2019":
                need |= {"other_services", "procurement"}
            if act != need:
                E(d, "active rows", act ^ need)
            # narrative count of received requests
            new = g("new_received", "total")
            found = []
            for lab in narr:
                t = lab["text"]
                if re.search(r"未(?:收到|受理)[^。；]{0,12}申请", t):
                    found.append(0)
                for m in re.finditer(r"(?:收到|新收|受理)[^。；，、]{0,16}?申请(?:共|合计)?(\d+)(?:件|份|条)", t):
                    found.append(int(m.group(1)))
                for m in re.finditer(r"(?:收到|新收|受理)(?:各类|政府信息公开)?申请(?:共)?(\d+)", t):
                    found.append(int(m.group(1)))
            if not found:
                E(d, "no received-request count in narrative")
            for f in found:
                if f != new:
                    E(d, "narrative count", f, "!= table", new)
        elif d in tabs:
            E(d, "old template has a table entry")
    for e in errs:
        print("ERROR", e)
    print(f"{len(errs)} errors")
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main())
