"""Check set T: labels match text, labels valid, narrative lines found in order in the files,
sections point at headings, tables add up (TABLES.md arithmetic). Run: python check_set.py"""
import json
import pathlib
import re
import sys

from lxml import html as lh

HERE = pathlib.Path(__file__).parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]


def load(name):
    return [json.loads(x) for x in (HERE / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def file_text(rep):
    raw = (HERE / rep["file"]).read_bytes()
    if rep["format"] == "html":
        tree = lh.fromstring(raw.decode("utf-8"))
        for cell in tree.xpath('//div[contains(@class,"g-cell")]'):
            cell.tail = "\t" + (cell.tail or "")  # my reading: grid cells joined by tabs
        return tree.text_content()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def squash(s):
    return re.sub(r"\s+", "", s)


def check_tables(t, errs):
    cell = {}
    for c in t["cells"]:
        cell[(c["table"], c["row"], c["col"])] = c["value"]
    rows = sorted({r for (tb, r, _) in cell if tb == "requests"})
    v = lambda r, c: cell.get(("requests", r, c)) or 0  # noqa: E731
    for r in rows:
        if v(r, "total") != sum(v(r, c) for c in COLS):
            errs.append(f"{t['doc_id']}: requests {r} total != sum of columns")
    outcomes = [r for r in rows if r not in ("new_received", "carried_over", "total_handled", "carried_forward")]
    for c in COLS + ["total"]:
        if v("new_received", c) + v("carried_over", c) != v("total_handled", c) + v("carried_forward", c):
            errs.append(f"{t['doc_id']}: requests col {c}: received+carried != handled+forward")
        if v("total_handled", c) != sum(v(r, c) for r in outcomes):
            errs.append(f"{t['doc_id']}: requests col {c}: total_handled != outcomes")
    for r in ("review", "litigation_direct", "litigation_after_review"):
        g = lambda c, r=r: cell.get(("review_litigation", r, c)) or 0  # noqa: E731
        if g("total") != g("upheld") + g("corrected") + g("other_result") + g("pending"):
            errs.append(f"{t['doc_id']}: review {r} total wrong")
    need = 25 if t["template"] == "2021" else 23
    if len(rows) != need:
        errs.append(f"{t['doc_id']}: requests has {len(rows)} rows, template {t['template']} needs {need}")


def main():
    errs = []
    reps, labels = load("reports.jsonl"), load("labels.jsonl")
    by_doc = {}
    for lab in labels:
        by_doc.setdefault(lab["doc_id"], []).append(lab)
    secs = {s["doc_id"]: s for s in load("sections.jsonl")}
    for rep in reps:
        lines = [x for x in rep["text"].split("\n") if x.strip()]
        labs = by_doc.get(rep["doc_id"], [])
        if len(lines) != len(labs):
            errs.append(f"{rep['doc_id']}: {len(lines)} lines but {len(labs)} label records")
        for i, (ln, lab) in enumerate(zip(lines, labs, strict=False)):
            if lab["text"] != ln or lab["para_index"] != i:
                errs.append(f"{rep['doc_id']}#{i}: label text/index mismatch")
            if lab["kind"] not in KINDS:
                errs.append(f"{rep['doc_id']}#{i}: bad kind")
            if lab["kind"] == "narrative":
                if lab["label"] not in LABELS or not isinstance(lab["generic"], bool):
                    errs.append(f"{rep['doc_id']}#{i}: bad label/generic")
            elif lab["label"] is not None or lab["generic"] is not None:
                errs.append(f"{rep['doc_id']}#{i}: non-narrative with label")
            if "unsure" in lab and lab["unsure"] not in LABELS:
                errs.append(f"{rep['doc_id']}#{i}: bad unsure")
        narr = [lab for lab in labs if lab["kind"] == "narrative"]
        if len(narr) < 30:
            errs.append(f"{rep['doc_id']}: only {len(narr)} narrative units")
        ft, pos = squash(file_text(rep)), 0
        for lab in narr:
            k = ft.find(squash(lab["text"]), pos)
            if k < 0:
                errs.append(f"{rep['doc_id']}#{lab['para_index']}: narrative not found in order in file")
            else:
                pos = k + 1
        for s in secs[rep["doc_id"]]["sections"]:
            if s["para_index"] is not None and (labs[s["para_index"]]["kind"] != "heading"
                                                or labs[s["para_index"]]["text"] != s["name"]):
                errs.append(f"{rep['doc_id']}: section {s['number']} does not point at its heading")
        print(f"{rep['doc_id']}: {len(lines)} lines, {len(narr)} narrative")
    for t in load("tables.jsonl"):
        check_tables(t, errs)
    for e in errs:
        print("ERROR", e)
    print("OK" if not errs else f"{len(errs)} errors")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
