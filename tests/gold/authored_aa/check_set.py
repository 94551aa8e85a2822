# -*- coding: utf-8 -*-
"""Check set AA. Prints errors and a summary; exits 1 if any error."""
import json, os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org"]
REQ_ROWS = ["new_received", "carried_over", "granted", "partially_granted", "denied_state_secret", "denied_prohibited",
            "denied_security_stability", "denied_third_party", "denied_internal_affairs", "denied_process_info",
            "denied_enforcement_files", "denied_admin_query", "unavailable_not_held", "unavailable_needs_creation",
            "unavailable_unclear", "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
            "not_processed_mass_repeat", "not_processed_confirmation"]
OTHERS = {"2021": ["other_overdue_correction", "other_unpaid_fee", "other_misc"], "2019": ["other_handling"]}
ACT = {"2021": {"regulations": ["issued", "repealed", "in_force"], "normative_documents": ["issued", "repealed", "in_force"],
                "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"], "fees": ["amount"]},
       "2019": {"regulations": ["new_made", "new_published", "total_published"], "normative_documents": ["new_made", "new_published", "total_published"],
                "licensing": ["prev_items", "change", "decisions"], "other_services": ["prev_items", "change", "decisions"],
                "punishment": ["prev_items", "change", "decisions"], "coercion": ["prev_items", "change", "decisions"],
                "fees": ["prev_items", "change"], "procurement": ["items", "amount"]}}
RL = ["review", "litigation_direct", "litigation_after_review"]
RC = ["upheld", "corrected", "other_result", "pending", "total"]
errs = []
def E(m): errs.append(m)
def load(n): return [json.loads(l) for l in open(os.path.join(HERE, n), encoding="utf-8") if l.strip()]
nows = lambda s: re.sub(r"\s+", "", s.replace("\xa0", ""))

def file_text(rep):
    path = os.path.join(HERE, rep["file"])
    if rep["format"] == "html":
        from bs4 import BeautifulSoup
        return nows(BeautifulSoup(open(path, encoding="utf-8").read(), "html.parser").get_text())
    if rep["format"] == "pdf":
        import pdfplumber
        head = nows(rep["title"]); out = []
        with pdfplumber.open(path) as pdf:
            for pg in pdf.pages:
                for line in (pg.extract_text() or "").split("\n"):
                    l = nows(line)
                    if l == head and out: continue          # running header (the title page keeps its own title)
                    if re.fullmatch(r"—?\d+—?", l): continue  # page number footer
                    out.append(l)
        return "".join(out)
    E("%s: unknown format" % rep["doc_id"]); return ""

reps = load("reports.jsonl"); labs = load("labels.jsonl"); secs = {x["doc_id"]: x for x in load("sections.jsonl")}
tabs = {x["doc_id"]: x for x in load("tables.jsonl")}
bydoc = collections.defaultdict(list)
for r in labs: bydoc[r["doc_id"]].append(r)
summary = []
for rep in reps:
    did = rep["doc_id"]
    for k in ["doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split", "text", "page"]:
        if k not in rep: E("%s: missing %s" % (did, k))
    if rep["split"] != ("dev" if int(did[2:]) % 2 else "held"): E("%s: split" % did)
    lines = [l for l in rep["text"].split("\n") if l.strip()]
    L = bydoc[did]
    if len(L) != len(lines): E("%s: %d lines vs %d labels" % (did, len(lines), len(L)))
    for i, (t, r) in enumerate(zip(lines, L)):
        if r["para_index"] != i or r["text"] != t: E("%s: label %d out of order/text differs" % (did, i))
        if r["kind"] not in KINDS: E("%s %d: kind" % (did, i))
        if r["kind"] == "narrative":
            if r["label"] not in LABELS: E("%s %d: label" % (did, i))
            if not isinstance(r["generic"], bool): E("%s %d: generic" % (did, i))
        else:
            if r["label"] is not None or r["generic"] is not None: E("%s %d: non-narrative with label" % (did, i))
        if not isinstance(r["mixed"], bool): E("%s %d: mixed" % (did, i))
        if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]): E("%s %d: unsure" % (did, i))
    nar = [r for r in L if r["kind"] == "narrative"]
    if len(nar) < 30: E("%s: only %d narrative units" % (did, len(nar)))
    # narrative found in order in the file
    ft = file_text(rep); pos = 0
    for r in nar:
        j = ft.find(nows(r["text"]), pos)
        if j < 0: E("%s %d: narrative not found in file in order: %s" % (did, r["para_index"], r["text"][:30])); continue
        pos = j + len(nows(r["text"]))
    # sections
    S = secs.get(did, {}).get("sections", [])
    if [s["number"] for s in S] != [1, 2, 3, 4, 5, 6]: E("%s: sections %s" % (did, [s["number"] for s in S]))
    for s in S:
        r = L[s["para_index"]]
        if r["kind"] != "heading" or r["text"] != s["name"]: E("%s: section %s points at %r" % (did, s["number"], r["text"]))
    # tables
    tpl = rep["template"]
    if tpl in ("2019", "2021"):
        T = tabs.get(did)
        if not T or T["template"] != tpl: E("%s: tables missing/template" % did); continue
        C = {(c["table"], c["row"], c["col"]): c["value"] for c in T["cells"]}
        if len(C) != len(T["cells"]): E("%s: duplicate cells" % did)
        for row, cols in ACT[tpl].items():
            for c in cols:
                if ("active", row, c) not in C: E("%s: active %s %s missing" % (did, row, c))
        rows = REQ_ROWS + OTHERS[tpl] + ["total_handled", "carried_forward"]
        g = lambda row, c: C.get(("requests", row, c)) or 0
        for row in rows:
            for c in COLS + ["total"]:
                if ("requests", row, c) not in C: E("%s: requests %s %s missing" % (did, row, c))
            if sum(g(row, c) for c in COLS) != g(row, "total"): E("%s: row total %s" % (did, row))
        for c in COLS + ["total"]:
            if g("new_received", c) + g("carried_over", c) != g("total_handled", c) + g("carried_forward", c): E("%s: balance %s" % (did, c))
            if sum(g(row, c) for row in rows[2:-2]) != g("total_handled", c): E("%s: outcomes %s" % (did, c))
        for row in RL:
            for c in RC:
                if ("review_litigation", row, c) not in C: E("%s: review %s %s missing" % (did, row, c))
            v = lambda c: C.get(("review_litigation", row, c)) or 0
            if v("upheld") + v("corrected") + v("other_result") + v("pending") != v("total"): E("%s: review total %s" % (did, row))
        # narrative figures agree with the tables
        recv = [int(m) for r in nar for m in re.findall(r"收到政府信息公开申请(\d+)件", r["text"])]
        if recv != [g("new_received", "total")]: E("%s: narrative received %s vs table %s" % (did, recv, g("new_received", "total")))
        for r in nar:
            m = re.search(r"行政复议(\d+)件，行政诉讼(\d+)件", r["text"])
            if m:
                rv = C[("review_litigation", "review", "total")]
                lt = C[("review_litigation", "litigation_direct", "total")] + C[("review_litigation", "litigation_after_review", "total")]
                if (int(m.group(1)), int(m.group(2))) != (rv, lt): E("%s: narrative review/litigation" % did)
            if "未发生因政府信息公开引起的行政复议和行政诉讼" in r["text"]:
                if any(C[("review_litigation", x, "total")] for x in RL): E("%s: says no review but table has" % did)
    elif did in tabs: E("%s: old template with tables" % did)
    summary.append((did, len(lines), len(nar)))

cnt = collections.Counter(r["kind"] for r in labs)
lab = collections.Counter(r["label"] for r in labs if r["kind"] == "narrative")
gen = sum(1 for r in labs if r["kind"] == "narrative" and r["generic"])
print("reports", len(reps), "lines", len(labs), dict(cnt))
print("labels", dict(lab)); print("generic", gen, "mixed", sum(r["mixed"] for r in labs), "unsure", sum("unsure" in r for r in labs))
for s in summary: print(*s)
for e in errs: print("ERROR", e)
print(len(errs), "errors")
sys.exit(1 if errs else 0)
