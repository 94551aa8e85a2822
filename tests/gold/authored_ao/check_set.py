"""Check set AO. Run: /work/main/.venv/bin/python check_set.py  -> prints errors and '0 errors' when clean."""
import json
import re
from pathlib import Path

import docx
import pdfplumber
from bs4 import BeautifulSoup

HERE = Path(__file__).resolve().parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
REQ_ROWS = ["new_received", "carried_over", "granted", "partially_granted", "denied_state_secret", "denied_prohibited",
            "denied_security_stability", "denied_third_party", "denied_internal_affairs", "denied_process_info",
            "denied_enforcement_files", "denied_admin_query", "unavailable_not_held", "unavailable_needs_creation",
            "unavailable_unclear", "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
            "not_processed_mass_repeat", "not_processed_confirmation", "other_overdue_correction", "other_unpaid_fee",
            "other_misc", "total_handled", "carried_forward"]
OUTCOMES = REQ_ROWS[2:23]
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org",
        "other_org"]
REQ_COLS = APPL + ["total"]
ACTIVE = {"regulations": ["issued", "repealed", "in_force"], "normative_documents": ["issued", "repealed", "in_force"],
          "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"], "fees": ["amount"]}
RL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
RL_COLS = ["upheld", "corrected", "other_result", "pending", "total"]

errors = []


def err(*a):
    errors.append(" ".join(str(x) for x in a))


def load(name):
    return [json.loads(line) for line in open(HERE / name, encoding="utf-8") if line.strip()]


def squash(s):
    return re.sub(r"\s+", "", s)


def file_text(path, fmt):
    if fmt == "html":
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text("\n")
    if fmt == "txt":
        return path.read_text(encoding="utf-8")
    if fmt == "docx":
        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for r in t.rows:
                parts.append("\t".join(c.text for c in r.cells))
        return "\n".join(parts)
    if fmt == "pdf":
        with pdfplumber.open(str(path)) as pdf:
            return "\n".join((p.extract_text() or "") for p in pdf.pages)
    raise ValueError(fmt)


reports = load("reports.jsonl")
labels = load("labels.jsonl")
sections = {s["doc_id"]: s["sections"] for s in load("sections.jsonl")}
tables = {t["doc_id"]: t for t in load("tables.jsonl")}
years = load("years.jsonl")
by_doc = {}
for r in labels:
    by_doc.setdefault(r["doc_id"], []).append(r)

ids = [r["doc_id"] for r in reports]
if ids != [f"AO{i:02d}" for i in range(1, 17)]:
    err("doc ids", ids)

for rep in reports:
    did = rep["doc_id"]
    if rep["split"] != ("dev" if int(did[2:]) % 2 else "held"):
        err(did, "split")
    lines = [line for line in rep["text"].split("\n") if line.strip()]
    recs = by_doc.get(did, [])
    if len(lines) != len(recs):
        err(did, "lines", len(lines), "records", len(recs))
    for i, (line, r) in enumerate(zip(lines, recs, strict=False)):
        if r["para_index"] != i or r["text"] != line:
            err(did, "record mismatch at", i)
        if r["kind"] not in KINDS:
            err(did, i, "kind", r["kind"])
        if r["kind"] == "narrative":
            if r["label"] not in LABELS:
                err(did, i, "label", r["label"])
            if not isinstance(r["generic"], bool):
                err(did, i, "generic")
            if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
                err(did, i, "unsure", r.get("unsure"))
        else:
            if r["label"] is not None or r["generic"] is not None:
                err(did, i, "non-narrative with label/generic")
        if not isinstance(r["mixed"], bool):
            err(did, i, "mixed")
    narr = [r for r in recs if r["kind"] == "narrative"]
    if len(narr) < 30:
        err(did, "only", len(narr), "narrative units")
    # file: narrative lines in order
    path = HERE / rep["file"]
    if not path.exists():
        err(did, "missing file", path)
        continue
    if path.suffix[1:] != rep["format"]:
        err(did, "format/suffix")
    ft = squash(file_text(path, rep["format"]))
    pos = 0
    for r in narr:
        k = ft.find(squash(r["text"]), pos)
        if k < 0:
            err(did, "narrative not found in file (in order):", r["para_index"], r["text"][:30])
        else:
            pos = k + len(squash(r["text"]))
    # sections
    secs = sections.get(did, [])
    if [s["number"] for s in secs] != [1, 2, 3, 4, 5, 6]:
        err(did, "sections", [s["number"] for s in secs])
    for s in secs:
        r = recs[s["para_index"]]
        if r["kind"] != "heading" or r["text"] != s["name"]:
            err(did, "section points at", s)
    # tables
    t = tables.get(did)
    if t is None:
        err(did, "no tables entry")
        continue
    c = {(x["table"], x["row"], x["col"]): x["value"] for x in t["cells"]}
    for row, cols in ACTIVE.items():
        for col in cols:
            if ("active", row, col) not in c:
                err(did, "missing cell active", row, col)
    for row in REQ_ROWS:
        for col in REQ_COLS:
            if ("requests", row, col) not in c:
                err(did, "missing cell requests", row, col)
    for row in RL_ROWS:
        for col in RL_COLS:
            if ("review_litigation", row, col) not in c:
                err(did, "missing cell rl", row, col)
    def v(*k, c=c):
        return c.get(k) or 0
    for row in REQ_ROWS:
        if sum(v("requests", row, a) for a in APPL) != v("requests", row, "total"):
            err(did, "rule 1", row)
    for col in REQ_COLS:
        if v("requests", "new_received", col) + v("requests", "carried_over", col) != \
                v("requests", "total_handled", col) + v("requests", "carried_forward", col):
            err(did, "rule 2", col)
        if sum(v("requests", o, col) for o in OUTCOMES) != v("requests", "total_handled", col):
            err(did, "rule 3", col)
    for row in RL_ROWS:
        if sum(v("review_litigation", row, k) for k in RL_COLS[:4]) != v("review_litigation", row, "total"):
            err(did, "rule 4", row)
    # narrative received count (sentences about this report's own year only)
    found = False
    for r in narr:
        other_years = [y for y in re.findall(r"(20\d\d)年", r["text"]) if int(y) != rep["year"]]
        m = re.search(r"(?:新收|收到)(?:政府信息公开)?申请(?:共)?(\d+)件", r["text"])
        if m:
            if other_years and not r["text"].startswith(f"{rep['year']}年") and "本年" not in r["text"]:
                continue
            found = True
            if int(m.group(1)) != v("requests", "new_received", "total"):
                err(did, "narrative count", m.group(1), "table", v("requests", "new_received", "total"))
    if not found:
        err(did, "no received-count sentence found")

# years
tabs = {d: {(x["table"], x["row"], x["col"]): x["value"] for x in t["cells"]} for d, t in tables.items()}
recs_by = by_doc
names = {r["doc_id"]: r["agency"] for r in reports}
short_pairs = 0
for y in years:
    e, later = y["earlier"], y["later"]
    if int(later[2:]) - int(e[2:]) != 2:
        err("pair numbering", e, later)
    ye = next(r["year"] for r in reports if r["doc_id"] == e)
    yl = next(r["year"] for r in reports if r["doc_id"] == later)
    if yl != ye + 1:
        err("pair years", e, later)
    if names[e] != names[later]:
        short_pairs += 1
    te, tl = tabs[e], tabs[later]
    found = []
    for col in REQ_COLS:
        exp, got = te[("requests", "carried_forward", col)], tl[("requests", "carried_over", col)]
        if exp != got:
            found.append(("carried_over", "requests", "carried_over", col, exp, got))
    for row in ("regulations", "normative_documents"):
        exp = te[("active", row, "in_force")] + tl[("active", row, "issued")] - tl[("active", row, "repealed")]
        got = tl[("active", row, "in_force")]
        if exp != got:
            found.append(("in_force", "active", row, "in_force", exp, got))
    listed = [(b["check"], b["table"], b["row"], b["col"], b["expected"], b["printed"]) for b in y["breaks"]
              if b["check"] != "narrative"]
    if sorted(found) != sorted(listed):
        err("breaks of", later, "found", found, "listed", listed)
    for b in y["breaks"]:
        if b["check"] == "narrative":
            if te[(b["table"], b["row"], b["col"])] != b["expected"]:
                err("narrative break expected wrong", later)
            pat = f"{ye}年共收到申请{b['printed']}件"
            if not any(pat in r["text"] for r in recs_by[later]):
                err("narrative break sentence not found", later, pat)
    ex = sum(1 for c in y["copied"] if c["kind"] == "exact")
    ed = sum(1 for c in y["copied"] if c["kind"] == "edited")
    if not (3 <= ex <= 6 and 3 <= ed <= 6):
        err("copies of", later, ex, ed)
    for c in y["copied"]:
        a, b = recs_by[later][c["later_para_index"]], recs_by[e][c["earlier_para_index"]]
        if a["kind"] != "narrative" or b["kind"] != "narrative":
            err("copy not narrative", later, c)
        if (a["text"] == b["text"]) != (c["kind"] == "exact"):
            err("copy kind", later, c)
if len(years) != 8:
    err("years pairs", len(years))
if short_pairs != 2:
    err("short-name pairs", short_pairs)
if sum(1 for y in years if y["breaks"]) != 4:
    err("pairs with breaks", sum(1 for y in years if y["breaks"]))
fmts = {}
for y in years:
    f1 = next(r["format"] for r in reports if r["doc_id"] == y["earlier"])
    f2 = next(r["format"] for r in reports if r["doc_id"] == y["later"])
    if f1 != f2:
        err("pair formats differ", y["earlier"])

for e in errors:
    print(e)
print(len(errors), "errors")
