"""Check set AP: labels against texts, kinds/labels, unit counts, narrative found in order in the files,
sections, table keys and arithmetic, narrative received-request count against table 三. Prints N errors."""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
errors = []


def err(*a):
    errors.append(" ".join(str(x) for x in a))


def load(name):
    return [json.loads(line) for line in open(HERE / name, encoding="utf-8") if line.strip()]


def file_text(path):
    if path.suffix == ".html":
        raw = path.read_text(encoding="utf-8")
        t = re.sub(r"<[^>]+>", "\n", raw)
        import html
        t = html.unescape(t)
    elif path.suffix == ".docx":
        import docx
        d = docx.Document(str(path))
        parts = []
        body = d.element.body
        for el in body.iterchildren():
            tag = el.tag.split("}")[1]
            if tag == "p":
                parts.append("".join(x.text or "" for x in el.iter() if x.tag.endswith("}t")))
            elif tag == "tbl":
                for x in el.iter():
                    if x.tag.endswith("}t"):
                        parts.append(x.text or "")
        t = "\n".join(parts)
    else:
        raise ValueError(path)
    return re.sub(r"\s+", "", t)


ACT = {"regulations": ["issued", "repealed", "in_force"], "normative_documents": ["issued", "repealed", "in_force"],
       "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"], "fees": ["amount"]}
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
REQ_ROWS = ["new_received", "carried_over", "granted", "partially_granted", "denied_state_secret",
            "denied_prohibited", "denied_security_stability", "denied_third_party", "denied_internal_affairs",
            "denied_process_info", "denied_enforcement_files", "denied_admin_query", "unavailable_not_held",
            "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint",
            "not_processed_duplicate", "not_processed_publication", "not_processed_mass_repeat",
            "not_processed_confirmation", "other_overdue_correction", "other_unpaid_fee", "other_misc",
            "total_handled", "carried_forward"]
OUT = REQ_ROWS[2:23]
REV = ["review", "litigation_direct", "litigation_after_review"]
REVC = ["upheld", "corrected", "other_result", "pending", "total"]


def main():
    reps = load("reports.jsonl")
    labs = load("labels.jsonl")
    secs = {s["doc_id"]: s for s in load("sections.jsonl")}
    tabs = {t["doc_id"]: t for t in load("tables.jsonl")}
    if len(reps) != 16:
        err("expected 16 reports, got", len(reps))
    bydoc = {}
    for lab in labs:
        bydoc.setdefault(lab["doc_id"], []).append(lab)
    for r in reps:
        did = r["doc_id"]
        n = int(did[2:])
        for k in ["doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split",
                  "text", "page"]:
            if k not in r:
                err(did, "missing field", k)
        if r["split"] != ("dev" if n % 2 else "held"):
            err(did, "split")
        if r["file"] != f"{did}.{r['format']}" or not (HERE / r["file"]).exists():
            err(did, "file missing", r["file"])
        lines = [x for x in r["text"].split("\n") if x.strip()]
        L = bydoc.get(did, [])
        if len(L) != len(lines):
            err(did, "label count", len(L), "!=", len(lines))
        for i, (line, rec) in enumerate(zip(lines, L, strict=False)):
            if rec["para_index"] != i or rec["text"] != line:
                err(did, i, "label record out of order / text differs")
            if rec["kind"] not in KINDS:
                err(did, i, "kind", rec["kind"])
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS:
                    err(did, i, "label", rec["label"])
                if not isinstance(rec["generic"], bool):
                    err(did, i, "generic not bool")
                if "unsure" in rec and rec["unsure"] not in LABELS:
                    err(did, i, "unsure label", rec["unsure"])
            else:
                if rec["label"] is not None or rec["generic"] is not None:
                    err(did, i, "non-narrative with label/generic")
            if not isinstance(rec["mixed"], bool):
                err(did, i, "mixed not bool")
        narr = [x for x in L if x["kind"] == "narrative"]
        if len(narr) < 30:
            err(did, "only", len(narr), "narrative units")
        # file
        ft = file_text(HERE / r["file"])
        pos = 0
        for x in narr:
            s = re.sub(r"\s+", "", x["text"])
            j = ft.find(s, pos)
            if j < 0:
                err(did, x["para_index"], "narrative not found in order in file:", x["text"][:30])
            else:
                pos = j + len(s)
        # sections
        sec = secs.get(did)
        if not sec:
            err(did, "no sections")
        else:
            nums = [s["number"] for s in sec["sections"]]
            if nums != [1, 2, 3, 4, 5, 6]:
                err(did, "section numbers", nums)
            for s in sec["sections"]:
                rec = L[s["para_index"]]
                if rec["kind"] != "heading" or rec["text"] != s["name"]:
                    err(did, "section", s, "does not point at its heading")
        # tables
        t = tabs.get(did)
        if r["template"] in ("2019", "2021"):
            if not t:
                err(did, "no tables")
                continue
            c = {(x["table"], x["row"], x["col"]): x["value"] for x in t["cells"]}
            if len(c) != len(t["cells"]):
                err(did, "duplicate cells")
            want = [("active", row, col) for row, cols in ACT.items() for col in cols]
            want += [("requests", row, col) for row in REQ_ROWS for col in APPL + ["total"]]
            want += [("review_litigation", row, col) for row in REV for col in REVC]
            for k in want:
                if k not in c:
                    err(did, "missing cell", k)
            if set(c) - set(want):
                err(did, "extra cells", set(c) - set(want))
            def g(*k, c=c):
                return c.get(k)

            def add(vals, tot, what, did=did):
                if tot is None or any(v is None for v in vals):
                    return
                if sum(vals) != tot:
                    err(did, "does not add up:", what, vals, tot)
            for row in REQ_ROWS:
                add([g("requests", row, a) for a in APPL], g("requests", row, "total"), row)
            for col in APPL + ["total"]:
                a, b, h, f = (g("requests", x, col) for x in ("new_received", "carried_over", "total_handled",
                                                              "carried_forward"))
                if None not in (a, b, h, f) and a + b != h + f:
                    err(did, "rule 2 fails in", col)
                add([g("requests", o, col) for o in OUT], h, "total_handled/" + col)
            for row in REV:
                add([g("review_litigation", row, x) for x in REVC[:-1]], g("review_litigation", row, "total"), row)
            # narrative received count
            tot = g("requests", "new_received", "total")
            found = None
            for x in narr:
                m = re.search(r"(?:收到|新收|受理)[^。；]*?申请(\d+)件", x["text"])
                if m:
                    found = int(m.group(1))
                    break
                if re.search(r"未收到[^。；]*申请", x["text"]):
                    found = 0
                    break
            if found is None:
                err(did, "no received-request count in the narrative")
            elif found != tot:
                err(did, "narrative says", found, "requests, table", tot)
        elif t:
            err(did, "old template with tables")
    for e in errors:
        print("ERROR", e)
    print(len(errors), "errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
