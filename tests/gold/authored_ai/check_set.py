"""Check set AI. Run: /work/main/.venv/bin/python check_set.py  -> prints 'N errors'."""
import json
import os
import re
import sys
import unicodedata
from difflib import SequenceMatcher

import pdfplumber

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
REQ21 = ["new_received", "carried_over", "granted", "partially_granted", "denied_state_secret", "denied_prohibited",
         "denied_security_stability", "denied_third_party", "denied_internal_affairs", "denied_process_info",
         "denied_enforcement_files", "denied_admin_query", "unavailable_not_held", "unavailable_needs_creation",
         "unavailable_unclear", "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
         "not_processed_mass_repeat", "not_processed_confirmation"]
OUT = {"2021": ["other_overdue_correction", "other_unpaid_fee", "other_misc"], "2019": ["other_handling"]}
COLS6 = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
         "legal_service_org", "other_org"]
ACTIVE = {"2021": {"regulations": ["issued", "repealed", "in_force"], "normative_documents": ["issued", "repealed", "in_force"],
                   "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"], "fees": ["amount"]},
          "2019": {"regulations": ["new_made", "new_published", "total_published"],
                   "normative_documents": ["new_made", "new_published", "total_published"],
                   "licensing": ["prev_items", "change", "decisions"], "other_services": ["prev_items", "change", "decisions"],
                   "punishment": ["prev_items", "change", "decisions"], "coercion": ["prev_items", "change", "decisions"],
                   "fees": ["prev_items", "change"], "procurement": ["items", "amount"]}}
CONF = str.maketrans({"O": "0", "o": "0", "l": "1", "己": "已", "曰": "日"})
errors = []


def err(*a):
    errors.append(" ".join(str(x) for x in a))


def norm(s):
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"\s+", "", s).translate(CONF)


def jl(name):
    return [json.loads(ln) for ln in open(os.path.join(HERE, name), encoding="utf-8") if ln.strip()]


def find(hay, needle, start):
    """exact, else fuzzy (OCR layer has dropped/doubled chars): returns end position or -1"""
    p = hay.find(needle, start)
    if p >= 0:
        return p + len(needle), True
    L = len(needle)
    for k in range(0, max(1, L - 6), 3):
        chunk = needle[k:k + 6]
        q = hay.find(chunk, start)
        if q < 0 or q - start > 4000:
            continue
        best = None
        for d in range(-2, 3):
            s0 = max(start, q - k + d)
            for dl in range(-2, 3):
                cand = hay[s0:s0 + L + dl]
                r = SequenceMatcher(None, needle, cand, autojunk=False).ratio()
                if best is None or r > best[0]:
                    best = (r, s0 + L + dl)
        if best and best[0] >= 0.9:
            return best[1], False
    return -1, False


def main():
    reps = jl("reports.jsonl")
    labs = jl("labels.jsonl")
    secs = {r["doc_id"]: r for r in jl("sections.jsonl")}
    tabs = {r["doc_id"]: r for r in jl("tables.jsonl")}
    bydoc = {}
    for lab in labs:
        bydoc.setdefault(lab["doc_id"], []).append(lab)
    fuzzy_total = 0
    if len(reps) != 16:
        err("expected 16 reports, got", len(reps))
    for r in reps:
        d = r["doc_id"]
        for f in ("doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split", "text", "page"):
            if f not in r:
                err(d, "missing field", f)
        if r["split"] != ("dev" if int(d[2:]) % 2 else "held"):
            err(d, "split")
        lines = [x.strip() for x in r["text"].split("\n") if x.strip()]
        L = bydoc.get(d, [])
        if len(L) != len(lines):
            err(d, "label count", len(L), "vs lines", len(lines))
        for i, (t, rec) in enumerate(zip(lines, L, strict=False)):
            if rec["para_index"] != i or rec["text"] != t:
                err(d, "order/text mismatch at", i)
            if rec["kind"] not in KINDS:
                err(d, i, "bad kind")
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS or not isinstance(rec["generic"], bool):
                    err(d, i, "bad narrative label/generic")
                if "unsure" in rec and rec["unsure"] not in LABELS:
                    err(d, i, "bad unsure")
            elif rec["label"] is not None or rec["generic"] is not None:
                err(d, i, "non-narrative with label/generic")
            if not isinstance(rec["mixed"], bool):
                err(d, i, "mixed not bool")
        nar = [x for x in L if x["kind"] == "narrative"]
        if len(nar) < 30:
            err(d, "only", len(nar), "narrative units")
        # file text
        path = os.path.join(HERE, r["file"])
        with pdfplumber.open(path) as pdf:
            hay = norm("".join((p.extract_text() or "") for p in pdf.pages))
        pos = 0
        for x in L:
            if x["kind"] != "narrative":
                continue
            e, exact = find(hay, norm(x["text"]), pos)
            if e < 0:
                err(d, x["para_index"], "narrative not found in order in file:", x["text"][:30])
            else:
                pos = e
                fuzzy_total += (not exact)
        # sections
        s = secs.get(d)
        if not s or len(s["sections"]) < 6:
            err(d, "sections missing/short")
        else:
            for sec in s["sections"]:
                rec = L[sec["para_index"]]
                if rec["kind"] != "heading" or rec["text"] != sec["name"]:
                    err(d, "section does not point at its heading", sec)
        # tables
        if r["template"] == "old":
            if d in tabs:
                err(d, "old template with tables")
            continue
        t = tabs.get(d)
        if not t:
            err(d, "no tables")
            continue
        C = {(c["table"], c["row"], c["col"]): c["value"] for c in t["cells"]}
        for row, cols in ACTIVE[r["template"]].items():
            for c in cols:
                if ("active", row, c) not in C:
                    err(d, "active missing", row, c)
        rows = REQ21 + OUT[r["template"]] + ["total_handled", "carried_forward"]
        def v(row, c, C=C):
            return C.get(("requests", row, c)) or 0
        for row in rows:
            for c in COLS6 + ["total"]:
                if ("requests", row, c) not in C:
                    err(d, "requests missing", row, c)
            if v(row, "total") != sum(v(row, c) for c in COLS6):
                err(d, "row total", row)
        for c in COLS6 + ["total"]:
            if v("new_received", c) + v("carried_over", c) != v("total_handled", c) + v("carried_forward", c):
                err(d, "balance", c)
            if v("total_handled", c) != sum(v(row, c) for row in rows[2:-2]):
                err(d, "total_handled", c)
        for row in ("review", "litigation_direct", "litigation_after_review"):
            def g(c, C=C, row=row):
                return C.get(("review_litigation", row, c)) or 0
            if g("total") != g("upheld") + g("corrected") + g("other_result") + g("pending"):
                err(d, "review total", row)
        # narrative received count
        got = None
        for x in nar:
            m = re.search(r"(?:收到|新收|受理)[^。；]{0,20}?申请(?:共计|共)?(\d+)件", x["text"]) or \
                re.search(r"(?:收到|新收|受理)[^。；]{0,6}?(\d+)件[^。；]{0,12}申请", x["text"])
            if m:
                got = int(m.group(1))
                break
            if re.search(r"未(?:收到|受理)[^。；]{0,12}申请", x["text"]):
                got = 0
                break
        for x in nar:
            for pat, key in ((r"办结(\d+)件", ("requests", "total_handled", "total")),
                             (r"结转(?:至)?(?:下年度|20\d\d年)[^。；，]{0,6}?(\d+)件|(\d+)件结转", ("requests", "carried_forward", "total")),
                             (r"行政复议(\d+)件", None)):
                m = re.search(pat, x["text"])
                if not m:
                    continue
                n = int(next(g for g in m.groups() if g))
                want = C.get(key) if key else sum(C.get(("review_litigation", "review", c)) or 0 for c in ("total",))
                if n != want:
                    err(d, x["para_index"], "narrative figure", m.group(0), "!= table", want)
        if got is None:
            err(d, "no received-request count in narrative")
        elif got != v("new_received", "total"):
            err(d, "narrative received", got, "!= table", v("new_received", "total"))
    for e in errors:
        print("ERROR", e)
    print("fuzzy (OCR-damaged) narrative matches:", fuzzy_total)
    print(len(errors), "errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
