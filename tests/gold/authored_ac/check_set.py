"""Check set AC: records, labels, files, sections, tables.  Prints the errors and '0 errors' when clean."""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
COLS = APPL + ["total"]
REQ_2021 = ["new_received", "carried_over", "granted", "partially_granted", "denied_state_secret", "denied_prohibited",
            "denied_security_stability", "denied_third_party", "denied_internal_affairs", "denied_process_info",
            "denied_enforcement_files", "denied_admin_query", "unavailable_not_held", "unavailable_needs_creation",
            "unavailable_unclear", "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
            "not_processed_mass_repeat", "not_processed_confirmation", "other_overdue_correction", "other_unpaid_fee",
            "other_misc", "total_handled", "carried_forward"]
REQ_2019 = REQ_2021[:20] + ["other_handling"] + REQ_2021[23:]
ACTIVE = {
    "2021": {"regulations": ["issued", "repealed", "in_force"], "normative_documents": ["issued", "repealed", "in_force"],
             "licensing": ["decisions"], "punishment": ["decisions"], "coercion": ["decisions"], "fees": ["amount"]},
    "2019": {"regulations": ["new_made", "new_published", "total_published"],
             "normative_documents": ["new_made", "new_published", "total_published"],
             "licensing": ["prev_items", "change", "decisions"], "other_services": ["prev_items", "change", "decisions"],
             "punishment": ["prev_items", "change", "decisions"], "coercion": ["prev_items", "change", "decisions"],
             "fees": ["prev_items", "change"], "procurement": ["items", "amount"]},
}
REV_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]

errors = []


def err(*a):
    errors.append(" ".join(str(x) for x in a))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def squash(s):
    return re.sub(r"\s+", "", s)


def docx_text(path):
    from docx import Document
    from docx.oxml.ns import qn
    doc = Document(path)
    out = []
    for el in doc.element.body.iter():
        if el.tag == qn("w:t"):
            out.append(el.text or "")
        elif el.tag in (qn("w:br"), qn("w:p"), qn("w:tc")):
            out.append("\n")
    return "".join(out)


def html_text(path):
    raw = open(path, "rb").read()
    head = raw[:600].decode("ascii", "replace").lower()
    if "charset=gbk" not in head and "charset=gb2312" not in head:
        err(path, "no GBK charset meta")
    try:
        s = raw.decode("gbk")
    except UnicodeDecodeError as e:
        err(path, "not GBK:", e)
        s = raw.decode("gbk", "replace")
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", s)
    s = re.sub(r"(?i)<br\s*/?>|</p>|</td>|</tr>", "\n", s)
    s = re.sub(r"<[^>]+>", "", s)
    return html.unescape(s)


def file_text(path):
    ext = os.path.splitext(path)[1].lower()
    if ext == ".docx":
        return docx_text(path)
    if ext in (".html", ".htm"):
        return html_text(path)
    if ext == ".pdf":
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            return "\n".join(p.extract_text() or "" for p in pdf.pages)
    raise ValueError(ext)


def check_tables(doc_id, tpl, cells):
    grid = {}
    for c in cells:
        key = (c["table"], c["row"], c["col"])
        if key in grid:
            err(doc_id, "duplicate cell", key)
        v = c["value"]
        if v is not None and not isinstance(v, (int, float)):
            err(doc_id, "bad value", key, v)
        grid[key] = v
    want = set()
    for row, cols in ACTIVE[tpl].items():
        for col in cols:
            want.add(("active", row, col))
    for row in (REQ_2021 if tpl == "2021" else REQ_2019):
        for col in COLS:
            want.add(("requests", row, col))
    for row in REV_ROWS:
        for col in REV_COLS:
            want.add(("review_litigation", row, col))
    if set(grid) != want:
        err(doc_id, "table keys differ: missing", sorted(want - set(grid))[:5], "extra", sorted(set(grid) - want)[:5])
        return grid
    def g(t, r, c):
        return grid[(t, r, c)] or 0

    rows = REQ_2021 if tpl == "2021" else REQ_2019
    for r in rows:
        if g("requests", r, "total") != sum(g("requests", r, c) for c in APPL):
            err(doc_id, "requests row total", r)
    outcome = rows[rows.index("granted"):rows.index("total_handled")]
    for c in COLS:
        if g("requests", "new_received", c) + g("requests", "carried_over", c) != \
                g("requests", "total_handled", c) + g("requests", "carried_forward", c):
            err(doc_id, "requests rule 2", c)
        if g("requests", "total_handled", c) != sum(g("requests", r, c) for r in outcome):
            err(doc_id, "requests rule 3", c)
    for r in REV_ROWS:
        if g("review_litigation", r, "total") != sum(g("review_litigation", r, c) for c in REV_COLS[:4]):
            err(doc_id, "review total", r)
    return grid


RECEIVED = re.compile(r"(?:收到|新收)[^。；，]{0,12}?申请(\d+)件")
NONE = re.compile(r"未收到[^。；]{0,10}申请")


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
    fields = ["doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split", "text", "page"]
    for r in reports:
        d = r["doc_id"]
        for f in fields:
            if f not in r or r[f] in (None, ""):
                err(d, "missing field", f)
        n = int(d[2:])
        if r["split"] != ("dev" if n % 2 else "held"):
            err(d, "split")
        if r["template"] not in ("old", "2019", "2021"):
            err(d, "template")
        if r["template"] == "2019" and r["year"] not in (2019, 2020):
            err(d, "2019 template but year", r["year"])
        if r["template"] == "2021" and r["year"] < 2021:
            err(d, "2021 template but year", r["year"])
        lines = [ln for ln in r["text"].split("\n") if ln.strip()]
        recs = by_doc.get(d, [])
        if len(lines) != len(recs):
            err(d, "lines", len(lines), "records", len(recs))
        for i, (line, rec) in enumerate(zip(lines, recs, strict=False)):
            if rec["para_index"] != i or rec["text"] != line:
                err(d, "record mismatch at", i)
            k = rec["kind"]
            if k not in KINDS:
                err(d, i, "kind", k)
            if not isinstance(rec.get("mixed"), bool):
                err(d, i, "mixed not bool")
            if k == "narrative":
                if rec["label"] not in LABELS:
                    err(d, i, "label", rec["label"])
                if not isinstance(rec.get("generic"), bool):
                    err(d, i, "generic not bool")
                if "unsure" in rec and (rec["unsure"] not in LABELS or rec["unsure"] == rec["label"]):
                    err(d, i, "unsure", rec["unsure"])
            else:
                if rec["label"] is not None or rec["generic"] is not None or rec["mixed"]:
                    err(d, i, "non-narrative with label/generic/mixed")
        narr = [rec for rec in recs if rec["kind"] == "narrative"]
        if len(narr) < 30:
            err(d, "only", len(narr), "narrative units")
        # the title line is a heading and the first heading
        heads = [rec for rec in recs if rec["kind"] == "heading"]
        if not heads or heads[0]["text"] != r["title"]:
            err(d, "title is not the first heading line")
        # narrative found in order in the file
        path = os.path.join(HERE, r["file"])
        if not os.path.exists(path):
            err(d, "file missing", r["file"])
            continue
        if os.path.splitext(path)[1][1:] != r["format"]:
            err(d, "format/extension")
        ft = squash(file_text(path))
        pos = 0
        for rec in narr:
            j = ft.find(squash(rec["text"]), pos)
            if j < 0:
                err(d, "narrative not found in order in file:", rec["para_index"], rec["text"][:30])
            else:
                pos = j + len(squash(rec["text"]))
        if squash(r["title"]) not in ft:
            err(d, "title not in file")
        # sections
        secs = sections.get(d)
        if not secs:
            err(d, "no sections")
        else:
            nums = [s["number"] for s in secs]
            if r["template"] in ("2019", "2021") and nums != [1, 2, 3, 4, 5, 6]:
                err(d, "section numbers", nums)
            for s in secs:
                i = s["para_index"]
                if not (0 <= i < len(recs)) or recs[i]["kind"] != "heading" or recs[i]["text"] != s["name"]:
                    err(d, "section does not point at its heading", s)
        # tables
        if r["template"] in ("2019", "2021"):
            t = tables.get(d)
            if not t:
                err(d, "no tables entry")
                continue
            if t["template"] != r["template"]:
                err(d, "tables template")
            grid = check_tables(d, r["template"], t["cells"])
            got = grid.get(("requests", "new_received", "total"))
            stated = []
            for rec in narr:
                if rec["label"] != "application":
                    continue
                m = RECEIVED.search(rec["text"])
                if m and "未收到" not in rec["text"]:
                    stated.append(int(m.group(1)))
                elif NONE.search(rec["text"]):
                    stated.append(0)
            if not stated:
                err(d, "no received-request count in the narrative")
            elif stated[0] != got:
                err(d, "narrative says", stated[0], "requests received, table", got)
            tbl_lines = sum(1 for rec in recs if rec["kind"] == "table")
            if tbl_lines < 40:
                err(d, "few table lines", tbl_lines)
        elif d in tables:
            err(d, "old template with a tables entry")
    extra = set(by_doc) - {r["doc_id"] for r in reports}
    if extra:
        err("label records for unknown reports", extra)
    for e in errors:
        print(e)
    print(f"{len(errors):d} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
