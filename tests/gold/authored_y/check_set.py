"""Check set Y: labels against texts, kinds/labels, >=30 narrative units, narrative found in the files,
sections, tables complete and adding up, narrative received count = table. Prints errors; 0 errors = good."""

import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {
    "active_disclosure",
    "application",
    "info_management",
    "platform",
    "organization",
    "problem",
    "improvement",
    "other",
}
KINDS = {"narrative", "heading", "table", "meta"}
COLS6 = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
]
ROWS_REQ = [
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited",
    "denied_security_stability",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_files",
    "denied_admin_query",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "not_processed_complaint",
    "not_processed_duplicate",
    "not_processed_publication",
    "not_processed_mass_repeat",
    "not_processed_confirmation",
]
OTHER = {"2019": ["other_handling"], "2021": ["other_overdue_correction", "other_unpaid_fee", "other_misc"]}
ACTIVE = {
    "2021": {
        "regulations": ["issued", "repealed", "in_force"],
        "normative_documents": ["issued", "repealed", "in_force"],
        "licensing": ["decisions"],
        "punishment": ["decisions"],
        "coercion": ["decisions"],
        "fees": ["amount"],
    },
    "2019": {
        "regulations": ["new_made", "new_published", "total_published"],
        "normative_documents": ["new_made", "new_published", "total_published"],
        "licensing": ["prev_items", "change", "decisions"],
        "other_services": ["prev_items", "change", "decisions"],
        "punishment": ["prev_items", "change", "decisions"],
        "coercion": ["prev_items", "change", "decisions"],
        "fees": ["prev_items", "change"],
        "procurement": ["items", "amount"],
    },
}
errors = []


def err(*a):
    errors.append(" ".join(str(x) for x in a))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def file_text(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        import docx

        d = docx.Document(path)
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts += [c.text for c in row.cells]
        return "\n".join(parts)
    if ext == "pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(p.extract_text() or "" for p in pdf.pages)
    if ext in ("html", "htm"):
        return re.sub(r"<[^>]+>", "", open(path, encoding="utf-8").read())
    if ext in ("doc", "rtf"):
        tmp = tempfile.mkdtemp()
        subprocess.run(
            [
                "soffice",
                "-env:UserInstallation=file:///tmp/lo_y",
                "--headless",
                "--convert-to",
                "txt:Text",
                "--outdir",
                tmp,
                path,
            ],
            check=True,
            capture_output=True,
        )
        return open(
            os.path.join(tmp, os.path.basename(path).rsplit(".", 1)[0] + ".txt"), encoding="utf-8"
        ).read()
    return open(path, encoding="utf-8").read()


def nows(s):
    return re.sub(r"\s+", "", s)


def v0(x):
    return x or 0


reports = load("reports.jsonl")
labels = load("labels.jsonl")
sections = {d["doc_id"]: d["sections"] for d in load("sections.jsonl")}
tables = {d["doc_id"]: d for d in load("tables.jsonl")}
by_doc = {}
for r in labels:
    by_doc.setdefault(r["doc_id"], []).append(r)
if len(reports) != 16:
    err("expected 16 reports, got", len(reports))
for rep in reports:
    d = rep["doc_id"]
    n = int(d[1:])
    if rep["split"] != ("dev" if n % 2 else "held"):
        err(d, "split")
    for k in [
        "doc_id",
        "agency",
        "year",
        "template",
        "title",
        "level",
        "province",
        "file",
        "format",
        "split",
        "text",
        "page",
    ]:
        if k not in rep:
            err(d, "missing field", k)
    lines = [s.strip() for s in rep["text"].split("\n") if s.strip()]
    recs = by_doc.get(d, [])
    if len(lines) != len(recs):
        err(d, "lines", len(lines), "records", len(recs))
    for i, (ln, r) in enumerate(zip(lines, recs, strict=False)):
        if r["para_index"] != i or r["text"] != ln:
            err(d, "record mismatch at", i)
        if r["kind"] not in KINDS:
            err(d, i, "kind", r["kind"])
        if r["kind"] == "narrative":
            if r["label"] not in LABELS:
                err(d, i, "label", r["label"])
            if not isinstance(r["generic"], bool):
                err(d, i, "generic not bool")
        else:
            if r["label"] is not None or r["generic"] is not None:
                err(d, i, "non-narrative with label/generic")
        if not isinstance(r["mixed"], bool):
            err(d, i, "mixed not bool")
        if "unsure" in r and r["unsure"] not in LABELS:
            err(d, i, "unsure", r["unsure"])
    narr = [r for r in recs if r["kind"] == "narrative"]
    if len(narr) < 30:
        err(d, "only", len(narr), "narrative units")
    # narrative found in order in the file
    path = os.path.join(HERE, rep["file"])
    if not os.path.exists(path):
        err(d, "file missing", rep["file"])
    else:
        ft = nows(file_text(path))
        pos = 0
        for r in narr:
            j = ft.find(nows(r["text"]), pos)
            if j < 0:
                err(d, r["para_index"], "narrative not found in file:", r["text"][:30])
            else:
                pos = j + len(nows(r["text"]))
    # sections
    secs = sections.get(d)
    if not secs:
        err(d, "no sections")
    else:
        nums = [s["number"] for s in secs]
        if rep["template"] in ("2019", "2021") and nums != [1, 2, 3, 4, 5, 6]:
            err(d, "section numbers", nums)
        for s in secs:
            r = recs[s["para_index"]]
            if r["kind"] != "heading" or r["text"] != s["name"]:
                err(d, "section", s)
    # tables
    if rep["template"] in ("2019", "2021"):
        t = tables.get(d)
        if not t or t["template"] != rep["template"]:
            err(d, "tables missing / template")
            continue
        cells = {}
        for c in t["cells"]:
            key = (c["table"], c["row"], c["col"])
            if key in cells:
                err(d, "duplicate cell", key)
            cells[key] = c["value"]
        for row, cols in ACTIVE[rep["template"]].items():
            for c in cols:
                if ("active", row, c) not in cells:
                    err(d, "active cell missing", row, c)
        rows = ROWS_REQ + OTHER[rep["template"]] + ["total_handled", "carried_forward"]
        for row in rows:
            for c in COLS6 + ["total"]:
                if ("requests", row, c) not in cells:
                    err(d, "requests cell missing", row, c)
            if sum(v0(cells.get(("requests", row, c))) for c in COLS6) != v0(
                cells.get(("requests", row, "total"))
            ):
                err(d, "requests row total", row)
        outs = ROWS_REQ[2:] + OTHER[rep["template"]]
        for c in COLS6 + ["total"]:
            def g(row, cells=cells, c=c):
                return v0(cells.get(("requests", row, c)))
            if g("new_received") + g("carried_over") != g("total_handled") + g("carried_forward"):
                err(d, "requests balance", c)
            if sum(g(o) for o in outs) != g("total_handled"):
                err(d, "requests handled sum", c)
        for row in ["review", "litigation_direct", "litigation_after_review"]:
            vals = [
                cells.get(("review_litigation", row, c))
                for c in ["upheld", "corrected", "other_result", "pending", "total"]
            ]
            if None in vals[4:] or sum(v0(x) for x in vals[:4]) != v0(vals[4]):
                err(d, "review row", row)
        # narrative received count
        got = None
        for r in narr:
            if "申请" not in r["text"]:
                continue
            m = re.search(r"(?:收到|新收|受理)[^。；]*?(\d+)件", r["text"])
            if m:
                got = int(m.group(1))
                break
        want = cells.get(("requests", "new_received", "total"))
        if got != want:
            err(d, "narrative received", got, "table", want)
    elif d in tables:
        err(d, "old template with tables entry")
for e in errors:
    print("ERROR", e)
print(len(errors), "errors")
sys.exit(1 if errors else 0)
