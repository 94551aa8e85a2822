"""Check set AJ: labels vs texts, kinds/labels, unit counts, narrative found in order in the
files' text, sections, table rows and arithmetic, narrative request counts vs the tables."""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
REQ_COMMON = ["new_received", "carried_over", "granted", "partially_granted", "denied_state_secret",
              "denied_prohibited", "denied_security_stability", "denied_third_party", "denied_internal_affairs",
              "denied_process_info", "denied_enforcement_files", "denied_admin_query", "unavailable_not_held",
              "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint",
              "not_processed_duplicate", "not_processed_publication", "not_processed_mass_repeat",
              "not_processed_confirmation"]
OTHER = {"2021": ["other_overdue_correction", "other_unpaid_fee", "other_misc"], "2019": ["other_handling"]}
ACTIVE = {"2021": {"regulations": ["issued", "repealed", "in_force"], "normative_documents": ["issued", "repealed", "in_force"],
                   "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"], "fees": ["amount"]},
          "2019": {"regulations": ["new_made", "new_published", "total_published"],
                   "normative_documents": ["new_made", "new_published", "total_published"],
                   "licensing": ["prev_items", "change", "decisions"], "other_services": ["prev_items", "change", "decisions"],
                   "punishment": ["prev_items", "change", "decisions"], "coercion": ["prev_items", "change", "decisions"],
                   "fees": ["prev_items", "change"], "procurement": ["items", "amount"]}}
RL = ["upheld", "corrected", "other_result", "pending", "total"]


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def file_text(path):
    raw = open(path, "rb").read()
    m = re.search(rb"charset=([\w-]+)", raw[:2000])
    enc = m.group(1).decode().lower() if m else "utf-8"
    enc = "gb18030" if enc in ("gb2312", "gbk") else enc
    t = raw.decode(enc)
    t = re.sub(r"<!--.*?-->", "", t, flags=re.S)
    t = re.sub(r"<style.*?</style>", "", t, flags=re.S)
    t = re.sub(r"<[^>]+>", "", t)
    t = html.unescape(t)
    return re.sub(r"\s+", "", t)


def main():
    errs = []
    reps = load("reports.jsonl")
    labels = load("labels.jsonl")
    secs = {s["doc_id"]: s["sections"] for s in load("sections.jsonl")}
    tabs = {t["doc_id"]: t for t in load("tables.jsonl")}
    bydoc = {}
    for r in labels:
        bydoc.setdefault(r["doc_id"], []).append(r)
    if len(reps) != 16:
        errs.append(f"expected 16 reports, got {len(reps):d}")
    for rep in reps:
        d = rep["doc_id"]
        n = int(d[2:])
        if rep["split"] != ("dev" if n % 2 else "held"):
            errs.append(f"{d}: split")
        lines = [ln for ln in rep["text"].split("\n") if ln.strip()]
        recs = bydoc.get(d, [])
        if len(recs) != len(lines):
            errs.append(f"{d}: {len(lines):d} lines, {len(recs):d} label records")
        for i, (ln, r) in enumerate(zip(lines, recs, strict=False)):
            if r["para_index"] != i or r["text"] != ln:
                errs.append(f"{d}: record {i:d} does not match line")
            if r["kind"] not in KINDS:
                errs.append(f"{d}/{i:d}: kind {r['kind']}")
            if r["kind"] == "narrative":
                if r["label"] not in LABELS or not isinstance(r["generic"], bool):
                    errs.append(f"{d}/{i:d}: label/generic")
                if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
                    errs.append(f"{d}/{i:d}: unsure")
            elif r["label"] is not None or r["generic"] is not None:
                errs.append(f"{d}/{i:d}: label on non-narrative")
            if not isinstance(r["mixed"], bool):
                errs.append(f"{d}/{i:d}: mixed")
        narr = [r for r in recs if r["kind"] == "narrative"]
        if len(narr) < 30:
            errs.append(f"{d}: only {len(narr):d} narrative units")
        # narrative in order in the file
        ft = file_text(os.path.join(HERE, rep["file"]))
        pos = 0
        for r in narr:
            k = ft.find(re.sub(r"\s+", "", r["text"]), pos)
            if k < 0:
                errs.append(f"{d}/{r['para_index']:d}: narrative not found in order in file")
            else:
                pos = k
        # sections
        for s in secs.get(d, []):
            i = s["para_index"]
            if i >= len(recs) or recs[i]["kind"] != "heading" or recs[i]["text"] != s["name"]:
                errs.append(f"{d}: section {s['name']} does not point at its heading")
        if rep["template"] in ("2019", "2021"):
            if [s["number"] for s in secs.get(d, [])] != [1, 2, 3, 4, 5, 6]:
                errs.append(f"{d}: sections not 1-6")
            t = tabs.get(d)
            if not t:
                errs.append(f"{d}: no tables")
                continue
            cells = {(c["table"], c["row"], c["col"]): c["value"] for c in t["cells"]}
            tpl = rep["template"]
            for row, cols in ACTIVE[tpl].items():
                for c in cols:
                    if ("active", row, c) not in cells:
                        errs.append(f"{d}: missing active {row}/{c}")
            rows = REQ_COMMON + OTHER[tpl] + ["total_handled", "carried_forward"]
            def g(row, col, cells=cells):
                return cells.get(("requests", row, col)) or 0
            for row in rows:
                for c in COLS + ["total"]:
                    if ("requests", row, c) not in cells:
                        errs.append(f"{d}: missing requests {row}/{c}")
                if g(row, "total") != sum(g(row, c) for c in COLS):
                    errs.append(f"{d}: requests {row} total")
            outs = REQ_COMMON[2:] + OTHER[tpl]
            for c in COLS + ["total"]:
                if g("new_received", c) + g("carried_over", c) != g("total_handled", c) + g("carried_forward", c):
                    errs.append(f"{d}: rule 2 fails in {c}")
                if g("total_handled", c) != sum(g(r, c) for r in outs):
                    errs.append(f"{d}: rule 3 fails in {c}")
            for row in ["review", "litigation_direct", "litigation_after_review"]:
                v = [cells.get(("review_litigation", row, c)) for c in RL]
                if None in v:
                    errs.append(f"{d}: missing review {row}")
                elif v[4] != sum(v[:4]):
                    errs.append(f"{d}: review {row} total")
            # narrative request count
            found = False
            for r in narr:
                m = re.search(r"收到[^。；，]*?申请(\d+)件", r["text"])
                if m:
                    found = True
                    if int(m.group(1)) != g("new_received", "total"):
                        errs.append(f"{d}: narrative says {m.group(1)} requests, table {g('new_received', 'total')}")
                    break
                if re.search(r"未收到[^。]*申请", r["text"]):
                    found = True
                    if g("new_received", "total") != 0:
                        errs.append(f"{d}: narrative says none received")
                    break
            if not found:
                errs.append(f"{d}: no received-request count in narrative")
        elif d in tabs:
            errs.append(f"{d}: old template with tables")
    for e in errs:
        print(e)
    print(f"{len(errs):d} errors")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
