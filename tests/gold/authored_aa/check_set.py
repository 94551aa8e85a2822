"""Check set AA. Prints errors and a summary; exits 1 if any error."""
import collections
import json
import os
import re
import sys

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
def E(m):
    errs.append(m)
def load(n):
    return [json.loads(ln) for ln in open(os.path.join(HERE, n), encoding="utf-8") if ln.strip()]
def nows(s):
    return re.sub(r"\s+", "", s.replace("\xa0", ""))

def file_text(rep):
    path = os.path.join(HERE, rep["file"])
    if rep["format"] == "html":
        from bs4 import BeautifulSoup
        return nows(BeautifulSoup(open(path, encoding="utf-8").read(), "html.parser").get_text())
    if rep["format"] == "pdf":
        import pdfplumber
        head = nows(rep["title"])
        out = []
        with pdfplumber.open(path) as pdf:
            for pg in pdf.pages:
                for line in (pg.extract_text() or "").split("\n"):
                    ln = nows(line)
                    if ln == head and out:
                        continue          # running header (the title page keeps its own title)
                    if re.fullmatch(r"—?\d+—?", ln):
                        continue  # page number footer
                    out.append(ln)
        return "".join(out)
    E("{}: unknown format".format(rep["doc_id"]))
    return ""

reps = load("reports.jsonl")
labs = load("labels.jsonl")
secs = {x["doc_id"]: x for x in load("sections.jsonl")}
tabs = {x["doc_id"]: x for x in load("tables.jsonl")}
bydoc = collections.defaultdict(list)
for r in labs:
    bydoc[r["doc_id"]].append(r)
summary = []
for rep in reps:
    did = rep["doc_id"]
    for k in ["doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split", "text", "page"]:
        if k not in rep:
            E(f"{did}: missing {k}")
    if rep["split"] != ("dev" if int(did[2:]) % 2 else "held"):
        E(f"{did}: split")
    lines = [ln for ln in rep["text"].split("\n") if ln.strip()]
    L = bydoc[did]
    if len(L) != len(lines):
        E(f"{did}: {len(lines):d} lines vs {len(L):d} labels")
    for i, (t, r) in enumerate(zip(lines, L, strict=False)):
        if r["para_index"] != i or r["text"] != t:
            E(f"{did}: label {i:d} out of order/text differs")
        if r["kind"] not in KINDS:
            E(f"{did} {i:d}: kind")
        if r["kind"] == "narrative":
            if r["label"] not in LABELS:
                E(f"{did} {i:d}: label")
            if not isinstance(r["generic"], bool):
                E(f"{did} {i:d}: generic")
        else:
            if r["label"] is not None or r["generic"] is not None:
                E(f"{did} {i:d}: non-narrative with label")
        if not isinstance(r["mixed"], bool):
            E(f"{did} {i:d}: mixed")
        if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
            E(f"{did} {i:d}: unsure")
    nar = [r for r in L if r["kind"] == "narrative"]
    if len(nar) < 30:
        E(f"{did}: only {len(nar):d} narrative units")
    # narrative found in order in the file
    ft = file_text(rep)
    pos = 0
    for r in nar:
        j = ft.find(nows(r["text"]), pos)
        if j < 0:
            E("{} {:d}: narrative not found in file in order: {}".format(did, r["para_index"], r["text"][:30]))
            continue
        pos = j + len(nows(r["text"]))
    # sections
    S = secs.get(did, {}).get("sections", [])
    if [s["number"] for s in S] != [1, 2, 3, 4, 5, 6]:
        E("{}: sections {}".format(did, [s["number"] for s in S]))
    for s in S:
        r = L[s["para_index"]]
        if r["kind"] != "heading" or r["text"] != s["name"]:
            E("{}: section {} points at {!r}".format(did, s["number"], r["text"]))
    # tables
    tpl = rep["template"]
    if tpl in ("2019", "2021"):
        T = tabs.get(did)
        if not T or T["template"] != tpl:
            E(f"{did}: tables missing/template")
            continue
        C = {(c["table"], c["row"], c["col"]): c["value"] for c in T["cells"]}
        if len(C) != len(T["cells"]):
            E(f"{did}: duplicate cells")
        for row, cols in ACT[tpl].items():
            for c in cols:
                if ("active", row, c) not in C:
                    E(f"{did}: active {row} {c} missing")
        rows = REQ_ROWS + OTHERS[tpl] + ["total_handled", "carried_forward"]
        def g(row, c, C=C):
            return C.get(("requests", row, c)) or 0
        for row in rows:
            for c in COLS + ["total"]:
                if ("requests", row, c) not in C:
                    E(f"{did}: requests {row} {c} missing")
            if sum(g(row, c) for c in COLS) != g(row, "total"):
                E(f"{did}: row total {row}")
        for c in COLS + ["total"]:
            if g("new_received", c) + g("carried_over", c) != g("total_handled", c) + g("carried_forward", c):
                E(f"{did}: balance {c}")
            if sum(g(row, c) for row in rows[2:-2]) != g("total_handled", c):
                E(f"{did}: outcomes {c}")
        for row in RL:
            for c in RC:
                if ("review_litigation", row, c) not in C:
                    E(f"{did}: review {row} {c} missing")
            def v(c, C=C, row=row):
                return C.get(("review_litigation", row, c)) or 0
            if v("upheld") + v("corrected") + v("other_result") + v("pending") != v("total"):
                E(f"{did}: review total {row}")
        # narrative figures agree with the tables
        recv = [int(m) for r in nar for m in re.findall(r"收到政府信息公开申请(\d+)件", r["text"])]
        if recv != [g("new_received", "total")]:
            E("{}: narrative received {} vs table {}".format(did, recv, g("new_received", "total")))
        for r in nar:
            m = re.search(r"行政复议(\d+)件，行政诉讼(\d+)件", r["text"])
            if m:
                rv = C[("review_litigation", "review", "total")]
                lt = C[("review_litigation", "litigation_direct", "total")] + C[("review_litigation", "litigation_after_review", "total")]
                if (int(m.group(1)), int(m.group(2))) != (rv, lt):
                    E(f"{did}: narrative review/litigation")
            if "未发生因政府信息公开引起的行政复议和行政诉讼" in r["text"]:
                if any(C[("review_litigation", x, "total")] for x in RL):
                    E(f"{did}: says no review but table has")
    elif did in tabs:
        E(f"{did}: old template with tables")
    summary.append((did, len(lines), len(nar)))

cnt = collections.Counter(r["kind"] for r in labs)
lab = collections.Counter(r["label"] for r in labs if r["kind"] == "narrative")
gen = sum(1 for r in labs if r["kind"] == "narrative" and r["generic"])
print("reports", len(reps), "lines", len(labs), dict(cnt))
print("labels", dict(lab))
print("generic", gen, "mixed", sum(r["mixed"] for r in labs), "unsure", sum("unsure" in r for r in labs))
for s in summary:
    print(*s)
for e in errs:
    print("ERROR", e)
print(len(errs), "errors")
sys.exit(1 if errs else 0)
