"""Check set AE. Run: /work/main/.venv/bin/python check_set.py  -> prints 'N errors'."""
import json
import logging
import re
import sys
from pathlib import Path

logging.getLogger("pdfminer").setLevel(logging.ERROR)

HERE = Path(__file__).resolve().parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
REQ_ROWS = ["new_received", "carried_over", "granted", "partially_granted", "denied_state_secret",
            "denied_prohibited", "denied_security_stability", "denied_third_party", "denied_internal_affairs",
            "denied_process_info", "denied_enforcement_files", "denied_admin_query", "unavailable_not_held",
            "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint",
            "not_processed_duplicate", "not_processed_publication", "not_processed_mass_repeat",
            "not_processed_confirmation", "other_overdue_correction", "other_unpaid_fee", "other_misc",
            "total_handled", "carried_forward"]
ACTIVE = {"regulations": ["issued", "repealed", "in_force"], "normative_documents": ["issued", "repealed", "in_force"],
          "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"], "fees": ["amount"]}
REV_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]
# lines the browser adds when printing: "12/7/26, 9:47 AM  <title>" and "<url> 2/5"
PRINT_HEAD = re.compile(r"^\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} [AP]M .*$")
PRINT_FOOT = re.compile(r"^https?://\S+ \d+/\d+$")

errors = []


def err(*a):
    errors.append(" ".join(str(x) for x in a))


def load(name):
    return [json.loads(line) for line in open(HERE / name, encoding="utf-8") if line.strip()]


def file_text(path):
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if path.suffix == ".pdf":
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            raw = "\n".join(p.extract_text() or "" for p in pdf.pages)
        return "\n".join(ln for ln in raw.split("\n") if not PRINT_HEAD.match(ln) and not PRINT_FOOT.match(ln))
    raise ValueError(path)


def squash(s):
    return re.sub(r"\s+", "", s)


def main():
    reports = load("reports.jsonl")
    labels = load("labels.jsonl")
    sections = {s["doc_id"]: s["sections"] for s in load("sections.jsonl")}
    tables = {t["doc_id"]: t for t in load("tables.jsonl")}
    by_doc = {}
    for rec in labels:
        by_doc.setdefault(rec["doc_id"], []).append(rec)
    if len(reports) != 16:
        err("expected 16 reports, got", len(reports))
    for r in reports:
        d = r["doc_id"]
        n = int(d[2:])
        for k in ("doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split",
                  "text", "page"):
            if k not in r:
                err(d, "missing field", k)
        if r["split"] != ("dev" if n % 2 else "held"):
            err(d, "split")
        lines = [ln for ln in r["text"].split("\n") if ln.strip()]
        recs = by_doc.get(d, [])
        if len(recs) != len(lines):
            err(d, "label records", len(recs), "!= lines", len(lines))
        for i, (line, rec) in enumerate(zip(lines, recs, strict=False)):
            if rec["para_index"] != i or rec["text"] != line:
                err(d, i, "label record out of order / text differs")
            if rec["kind"] not in KINDS:
                err(d, i, "bad kind", rec["kind"])
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS:
                    err(d, i, "bad label", rec["label"])
                if not isinstance(rec["generic"], bool):
                    err(d, i, "generic must be bool")
            else:
                if rec["label"] is not None or rec["generic"] is not None:
                    err(d, i, "non-narrative with label/generic")
            if not isinstance(rec["mixed"], bool):
                err(d, i, "mixed must be bool")
            if "unsure" in rec and (rec["unsure"] not in LABELS or rec["unsure"] == rec["label"]):
                err(d, i, "bad unsure")
        narr = [rec for rec in recs if rec["kind"] == "narrative"]
        if len(narr) < 30:
            err(d, "only", len(narr), "narrative units")
        # narrative lines in order in the file's text
        ft = squash(file_text(HERE / r["file"]))
        pos = 0
        for rec in narr:
            k = ft.find(squash(rec["text"]), pos)
            if k < 0:
                err(d, rec["para_index"], "narrative not found in file in order:", rec["text"][:30])
            else:
                pos = k + len(squash(rec["text"]))
        # sections
        secs = sections.get(d)
        if not secs:
            err(d, "no sections")
        else:
            if [s["number"] for s in secs] != [1, 2, 3, 4, 5, 6]:
                err(d, "section numbers", [s["number"] for s in secs])
            for s in secs:
                rec = recs[s["para_index"]] if s["para_index"] < len(recs) else None
                if not rec or rec["kind"] != "heading" or rec["text"] != s["name"]:
                    err(d, "section", s, "does not point at its heading")
        # tables
        if r["template"] in ("2019", "2021"):
            t = tables.get(d)
            if not t:
                err(d, "no tables")
                continue
            c = {(x["table"], x["row"], x["col"]): x["value"] for x in t["cells"]}
            for row, cols in ACTIVE.items():
                for col in cols:
                    if ("active", row, col) not in c:
                        err(d, "missing active", row, col)
            for row in REQ_ROWS:
                for col in APPL + ["total"]:
                    if ("requests", row, col) not in c:
                        err(d, "missing requests", row, col)
            for row in REV_ROWS:
                for col in REV_COLS:
                    if ("review_litigation", row, col) not in c:
                        err(d, "missing review", row, col)
            def g(row, col, c=c):
                return c.get(("requests", row, col)) or 0

            for row in REQ_ROWS:
                if g(row, "total") != sum(g(row, a) for a in APPL):
                    err(d, "rule 1", row)
            for col in APPL + ["total"]:
                if g("new_received", col) + g("carried_over", col) != g("total_handled", col) + g("carried_forward", col):
                    err(d, "rule 2", col)
                if g("total_handled", col) != sum(g(row, col) for row in REQ_ROWS[2:23]):
                    err(d, "rule 3", col)
            for row in REV_ROWS:
                v = [c.get(("review_litigation", row, col)) or 0 for col in REV_COLS]
                if v[4] != sum(v[:4]):
                    err(d, "rule 4", row)
            # narrative received count
            got = None
            for rec in narr:
                if rec["label"] != "application":
                    continue
                if re.search(r"未(?:收到|受理)[^。]*?政府信息公开申请", rec["text"]):
                    got = 0
                    break
                m = re.search(r"(?:收到|受理|新收)[^，。；]*?申请(\d+)件", rec["text"])
                if m:
                    got = int(m.group(1))
                    break
            if got is None:
                err(d, "no received-request count in the narrative")
            elif got != g("new_received", "total"):
                err(d, "narrative says", got, "requests, table", g("new_received", "total"))
    for e in errors:
        print("ERROR", e)
    print(f"{len(errors):d} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
