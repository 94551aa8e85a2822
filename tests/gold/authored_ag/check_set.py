"""Check set AG. Run: /work/main/.venv/bin/python check_set.py  -> prints the errors and '0 errors' when clean."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from docx import Document
from docx.oxml.ns import qn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tables_def import APPL, REQ_COLS, REV_COLS, REV_ROWS, active_def, req_rows

HERE = os.path.dirname(os.path.abspath(__file__))

KINDS = {"narrative", "heading", "table", "meta"}
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
errors = []


def err(*a):
    errors.append(" ".join(str(x) for x in a))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def docx_text(path):
    """Text of a .docx with every tracked change accepted: all w:t in body order (w:del holds w:delText,
    comments live in their own part, field codes are w:instrText)."""
    doc = Document(path)
    body = doc.element.body
    out = []
    for p in body.iter(qn("w:p")):
        out.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return "\n".join(out)


def doc_text(path):
    tmp = tempfile.mkdtemp()
    src = os.path.join(tmp, "x.doc")
    shutil.copy(path, src)
    subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/lo_ag_check", "--headless", "--convert-to",
                    "txt:Text (encoded):UTF8", "--outdir", tmp, src], check=True, capture_output=True, timeout=180)
    with open(os.path.join(tmp, "x.txt"), encoding="utf-8-sig") as f:
        t = f.read()
    shutil.rmtree(tmp)
    return t


def squash(s):
    return re.sub(r"\s+", "", s)


def main():
    reports = load("reports.jsonl")
    labels = load("labels.jsonl")
    sections = {r["doc_id"]: r for r in load("sections.jsonl")}
    tables = {r["doc_id"]: r for r in load("tables.jsonl")}
    by_doc = {}
    for r in labels:
        by_doc.setdefault(r["doc_id"], []).append(r)
    ids = [r["doc_id"] for r in reports]
    if ids != [f"AG{i:02d}" for i in range(1, 17)]:
        err("report ids", ids)
    for rep in reports:
        d = rep["doc_id"]
        for k in ("doc_id", "agency", "year", "template", "title", "level", "province", "file", "format", "split", "text", "page"):
            if k not in rep:
                err(d, "missing field", k)
        n = int(d[2:])
        if rep["split"] != ("dev" if n % 2 else "held"):
            err(d, "split")
        if rep["template"] not in ("old", "2019", "2021"):
            err(d, "template")
        if not rep["file"].endswith("." + rep["format"]):
            err(d, "format/file")
        lines = [ln for ln in rep["text"].split("\n") if ln.strip()]
        recs = by_doc.get(d, [])
        if len(lines) != len(recs):
            err(d, "lines", len(lines), "records", len(recs))
        for i, (ln, r) in enumerate(zip(lines, recs, strict=False)):
            if r["para_index"] != i or r["text"] != ln:
                err(d, "record out of order at", i)
            if r["kind"] not in KINDS:
                err(d, i, "kind", r["kind"])
            if r["kind"] == "narrative":
                if r["label"] not in LABELS:
                    err(d, i, "label", r["label"])
                if not isinstance(r["generic"], bool):
                    err(d, i, "generic not bool")
                if "unsure" in r and (r["unsure"] not in LABELS or r["unsure"] == r["label"]):
                    err(d, i, "unsure", r["unsure"])
            else:
                if r["label"] is not None or r["generic"] is not None:
                    err(d, i, "label/generic on non-narrative")
            if not isinstance(r["mixed"], bool):
                err(d, i, "mixed not bool")
        nar = [r for r in recs if r["kind"] == "narrative"]
        if len(nar) < 30:
            err(d, "only", len(nar), "narrative units")
        if rep["title"] != lines[0]:
            err(d, "title is not the first line")
        if str(rep["year"]) not in rep["title"]:
            err(d, "year not in title")
        # years consistent: the statistical period names the report's year
        if not re.search(f"{rep['year']:d}年1月1日", rep["text"]):
            err(d, "statistical period year")
        # file text
        path = os.path.join(HERE, rep["file"])
        if not os.path.exists(path):
            err(d, "file missing")
            continue
        if rep["format"] == "docx":
            ft = docx_text(path)
        elif rep["format"] in ("doc", "wps"):
            with open(path, "rb") as f:
                if f.read(8) != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
                    err(d, "not an OLE2 Word 97-2003 file")
            ft = doc_text(path)
        else:
            err(d, "format", rep["format"])
            continue
        flat = squash(ft)
        if rep["format"] == "docx":
            z = __import__("zipfile").ZipFile(path)
            xml = z.read("word/document.xml").decode("utf-8")
            feats = dict(ins="<w:ins " in xml, dele="<w:del " in xml, delpara="<w:rPr><w:del " in xml,
                         comments="commentRangeStart" in xml and any("comments" in n for n in z.namelist()),
                         sdt=xml.count("<w:sdt>") >= 2, link="<w:hyperlink" in xml)
            for k, v in feats.items():
                if not v:
                    err(d, "docx lacks", k)
            if ("TOC \\o" in xml) != ("目录" in lines):
                err(d, "TOC field and 目录 line disagree")
            # a deleted whole paragraph is not in the accepted text
            for dp in re.findall(r"<w:p><w:pPr><w:rPr><w:del .*?</w:p>", xml, flags=re.S):
                gone = squash("".join(re.findall(r"<w:delText[^>]*>([^<]*)<", dp)))
                if gone and gone in flat:
                    err(d, "deleted paragraph text found in the accepted text")
        # every non-table line (headings, meta, narrative) in order
        pos = 0
        for r in recs:
            if r["kind"] == "table":
                continue
            t = squash(r["text"])
            j = flat.find(t, pos)
            if j < 0:
                err(d, "line not found in order in file:", r["para_index"], r["kind"], r["text"][:30])
            else:
                pos = j + len(t)
        # table cells: every printed row's numbers present in the file text
        for r in recs:
            if r["kind"] == "table" and squash(r["text"].split(" | ")[0]) not in flat:
                err(d, "table row label not in file", r["text"][:30])
        pos = 0
        for r in nar:
            t = squash(r["text"])
            j = flat.find(t, pos)
            if j < 0:
                err(d, "narrative line not found in order in file:", r["para_index"], r["text"][:30])
            else:
                pos = j + len(t)
        # sections
        secs = sections.get(d, {}).get("sections", [])
        if [s["number"] for s in secs] != [1, 2, 3, 4, 5, 6]:
            err(d, "section numbers", [s["number"] for s in secs])
        for s in secs:
            r = recs[s["para_index"]]
            if r["kind"] != "heading" or r["text"] != s["name"]:
                err(d, "section points at", s)
        # tables
        tb = tables.get(d)
        if rep["template"] == "old":
            if tb:
                err(d, "old template with tables")
            continue
        if not tb or tb["template"] != rep["template"]:
            err(d, "tables missing/template")
            continue
        cell = {(c["table"], c["row"], c["col"]): c["value"] for c in tb["cells"]}
        if len(cell) != len(tb["cells"]):
            err(d, "duplicate cells")
        for _cap, _head, rows in active_def(rep["template"]):
            for key, _label, cols in rows:
                for c in cols:
                    if ("active", key, c) not in cell:
                        err(d, "active cell missing", key, c)
        rows = [k for k, _ in req_rows(rep["template"])]
        for k in rows:
            for c in REQ_COLS:
                if ("requests", k, c) not in cell:
                    err(d, "requests cell missing", k, c)
        if any(k[0] == "requests" and k[1] not in rows for k in cell):
            err(d, "requests row of the other template")

        def g(k, c, cell=cell):
            return cell.get(("requests", k, c)) or 0

        outcomes = rows[rows.index("granted"):rows.index("total_handled")]
        for k in rows:
            if sum(g(k, c) for c in APPL) != g(k, "total"):
                err(d, "row total", k)
        for c in REQ_COLS:
            if g("new_received", c) + g("carried_over", c) != g("total_handled", c) + g("carried_forward", c):
                err(d, "balance", c)
            if sum(g(k, c) for k in outcomes) != g("total_handled", c):
                err(d, "total_handled", c)
        for k in REV_ROWS:
            vals = [cell.get(("review_litigation", k, c)) for c in REV_COLS]
            if None in vals:
                err(d, "review cell missing", k)
                continue
            if sum(vals[:4]) != vals[4]:
                err(d, "review total", k)
        # narrative numbers agree with the tables
        found = False
        for r in nar:
            m = re.search(r"(?:收到|新收)[^，。；]*?申请(\d+)件", r["text"])
            if m:
                found = True
                if int(m.group(1)) != g("new_received", "total"):
                    err(d, "narrative received", m.group(1), "table", g("new_received", "total"))
            m = re.search(r"办结(\d+)件", r["text"])
            if m and int(m.group(1)) != g("total_handled", "total"):
                err(d, "narrative handled", m.group(1))
            m = re.search(r"行政复议(\d+)件", r["text"])
            if m and int(m.group(1)) != cell[("review_litigation", "review", "total")]:
                err(d, "narrative review", m.group(1))
        if not found:
            err(d, "no received-request count in the narrative")
    for e in errors:
        print(e)
    print(f"{len(errors):d} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
