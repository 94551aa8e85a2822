"""Check set Z. Prints errors and '0 errors' when clean. Run with the repo venv python."""
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
APPC = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org"]
ROWS = {"2021": {"active": ["regulations", "normative_documents", "licensing", "punishment", "coercion", "fees"],
                 "other": ["other_overdue_correction", "other_unpaid_fee", "other_misc"]},
        "2019": {"active": ["regulations", "normative_documents", "licensing", "other_services", "punishment", "coercion", "fees", "procurement"],
                 "other": ["other_handling"]}}
OUT = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited", "denied_security_stability", "denied_third_party",
       "denied_internal_affairs", "denied_process_info", "denied_enforcement_files", "denied_admin_query", "unavailable_not_held",
       "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint", "not_processed_duplicate",
       "not_processed_publication", "not_processed_mass_repeat", "not_processed_confirmation"]
PAGE = re.compile(r"^\s*(第\s*\d+\s*页\s*共\s*\d+\s*页|-\s*\d+\s*-)\s*$")
errs = []
def E(*a):
    errs.append(" ".join(str(x) for x in a))
def load(n):
    return [json.loads(rec) for rec in open(os.path.join(HERE, n + ".jsonl"), encoding="utf-8")]
reps, labs, secs, tabs = load("reports"), load("labels"), load("sections"), load("tables")
bydoc = collections.defaultdict(list)
for rec in labs:
    bydoc[rec["doc_id"]].append(rec)
secd = {s["doc_id"]: s["sections"] for s in secs}
tabd = {t["doc_id"]: t for t in tabs}
if len(reps) != 16:
    E("reports", len(reps))

def extract(path, fmt):
    raw = open(path, "rb").read()
    if fmt == "txt":
        for enc in ("utf-16",) if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8", "gb18030"):
            try:
                t = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        return "\n".join(ln for ln in t.splitlines() if not PAGE.match(ln))
    if fmt == "pdf":
        import pdfplumber
        with pdfplumber.open(path) as p:
            return "\n".join((pg.extract_text() or "") for pg in p.pages)
    if fmt in ("html", "htm"):
        return re.sub(r"<[^>]+>", "", raw.decode("utf-8"))
    if fmt == "docx":
        import docx
        return "\n".join(p.text for p in docx.Document(path).paragraphs)
    out = subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/lo_z", "--headless", "--cat", path], capture_output=True, text=True)
    return out.stdout

ws = re.compile(r"\s+")
for r in reps:
    d = r["doc_id"]
    L = bydoc[d]
    tl = [x for x in r["text"].split("\n") if x.strip()]
    if len(tl) != len(L):
        E(d, "line count", len(tl), len(L))
    for i, (t, rec) in enumerate(zip(tl, L, strict=False)):
        if rec["para_index"] != i or rec["text"] != t:
            E(d, "order/text mismatch at", i)
        if rec["kind"] not in KINDS:
            E(d, i, "kind", rec["kind"])
        if rec["kind"] == "narrative":
            if rec["label"] not in LABELS:
                E(d, i, "label", rec["label"])
            if not isinstance(rec["generic"], bool):
                E(d, i, "generic")
            if "unsure" in rec and rec["unsure"] not in LABELS:
                E(d, i, "unsure")
        else:
            if rec["label"] is not None or rec["generic"] is not None:
                E(d, i, "non-narrative with label")
        if not isinstance(rec["mixed"], bool):
            E(d, i, "mixed")
    narr = [rec for rec in L if rec["kind"] == "narrative"]
    if len(narr) < 30:
        E(d, "narrative units", len(narr))
    if (int(d[1:]) % 2 == 1) != (r["split"] == "dev"):
        E(d, "split")
    body = ws.sub("", extract(os.path.join(HERE, r["file"]), r["format"]))
    pos = 0
    for rec in narr:
        k = body.find(ws.sub("", rec["text"]), pos)
        if k < 0:
            E(d, "narrative not found in order:", rec["para_index"], rec["text"][:30])
            continue
        pos = k + 1
    for s in secd.get(d, []):
        rec = L[s["para_index"]]
        if rec["kind"] != "heading" or rec["text"] != s["name"]:
            E(d, "section", s)
    nums = [s["number"] for s in secd.get(d, [])]
    if nums != list(range(1, (7 if r["template"] == "old" else 6) + 1)):
        E(d, "section numbers", nums)
    if r["template"] == "old":
        if d in tabd:
            E(d, "old template has tables")
            continue
        continue
    t = tabd.get(d)
    if not t:
        E(d, "no tables")
        continue
    tpl = r["template"]
    g = {(c["table"], c["row"], c["col"]): c["value"] for c in t["cells"]}
    for row in ROWS[tpl]["active"]:
        if not any(k[0] == "active" and k[1] == row for k in g):
            E(d, "missing active row", row)
    rrows = ["new_received", "carried_over"] + OUT + ROWS[tpl]["other"] + ["total_handled", "carried_forward"]
    def v(row, col, g=g):
        return g.get(("requests", row, col)) or 0
    for row in rrows:
        for col in APPC + ["total"]:
            if ("requests", row, col) not in g:
                E(d, "missing cell", row, col)
        if v(row, "total") != sum(v(row, c) for c in APPC):
            E(d, "row total", row)
    for col in APPC + ["total"]:
        if v("new_received", col) + v("carried_over", col) != v("total_handled", col) + v("carried_forward", col):
            E(d, "balance", col)
        if v("total_handled", col) != sum(v(row, col) for row in OUT + ROWS[tpl]["other"]):
            E(d, "handled sum", col)
    for row in ["review", "litigation_direct", "litigation_after_review"]:
        def gg(c, g=g, row=row):
            return g.get(("review_litigation", row, c)) or 0
        if gg("total") != sum(gg(c) for c in ["upheld", "corrected", "other_result", "pending"]):
            E(d, "review total", row)
    m = None
    for rec in narr:
        m = re.search(r"收到(?:政府信息公开)?申请(\d+)件", rec["text"])
        if m:
            break
    if not m:
        E(d, "no received count in narrative")
    elif int(m.group(1)) != v("new_received", "total"):
        E(d, "received count", m.group(1), v("new_received", "total"))

print("\n".join(errs))
print(len(errs), "errors")
c = collections.Counter(rec["kind"] for rec in labs)
print(dict(c))
print(dict(collections.Counter(rec["label"] for rec in labs if rec["kind"] == "narrative")))
print("generic", sum(1 for rec in labs if rec.get("generic")), "mixed", sum(rec["mixed"] for rec in labs), "unsure", sum("unsure" in rec for rec in labs))
for r in reps:
    print(r["doc_id"], sum(1 for rec in bydoc[r["doc_id"]] if rec["kind"] == "narrative"))
sys.exit(1 if errs else 0)
