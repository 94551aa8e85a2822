"""Check set Q: labels match text, narrative lines are in the files, sections, figures add up.

Run from anywhere: python tests/gold/authored_q/check_set.py  (exit 1 on any failure).
"""
import html
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).parent
LABELS = {"active_disclosure", "application", "info_management", "platform", "organization",
          "problem", "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
# Figures each report states in prose as a total and its parts ("共…N条，其中…"): every number
# must appear in the report's text and the parts must add up to the total.
ARITH = {
    "Q01": [(2136, [487, 1649]), (2136, [93, 356, 62, 418, 145, 71, 991]), (7, [5, 2]), (7, [2, 3, 1, 1])],
    "Q02": [(412, [386, 26]), (412, [32, 47, 58, 64, 19, 192]), (5, [3, 2]), (5, [3, 1, 1])],
    "Q03": [(268, [15, 36, 21, 143, 28, 25])],
    "Q04": [(521, [478, 43]), (521, [11, 64, 9, 205, 28, 204]), (9, [6, 2, 1])],
    "Q05": [(356, [298, 58]), (4, [3, 1]), (4, [2, 1, 1])],
    "Q06": [(1876, [1742, 134]), (21, [15, 6]), (21, [12, 7, 2]), (21, [14, 3, 2, 2])],
    "Q07": [(203, [8, 17, 26, 39, 22, 35, 56])],
    "Q09": [(318, [276, 42])],
    "Q10": [(2304, [26, 58, 412, 165, 19, 1624]), (12, [2, 7, 3]), (12, [8, 4]), (12, [7, 1, 2, 1, 1])],
    "Q11": [(3917, [63, 94, 58, 121, 3581]), (86, [51, 29, 6]), (86, [39, 8, 5, 17, 12, 5]), (5, [4, 1]), (3, [2, 1])],
    "Q12": [(187, [132, 55])],
    "Q13": [(426, [218, 96, 34, 78]), (6, [4, 1, 1])],
    "Q14": [(745, [41, 126, 213, 37, 9, 319]), (167, [58, 43, 66]), (7, [5, 2]), (7, [4, 3]), (7, [4, 1, 1, 1])],
    "Q15": [(213, [185, 28]), (486, [479, 5, 2]), (2, [1, 1])],
    "Q16": [(157, [121, 36]), (3, [2, 1])],
    "Q08": [(1582, [1067, 94, 31, 390]), (34, [9, 11, 14]), (34, [21, 5, 3, 4, 1]), (2, [1, 1])],
}
errors = []


def err(msg):
    errors.append(msg)


def load(name):
    path = HERE / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def file_text(rep):
    data = (HERE / rep["file"]).read_bytes()
    page = rep["page"]
    if rep["format"] == "html":
        declared = re.search(rb"charset=([\w-]+)", data).group(1).decode().lower()
        # browsers read a page declared gb2312 as GBK; the page field says which bytes it holds
        enc = "gbk" if declared == "gb2312" else declared
        raw = data.decode(enc)
        raw = re.sub(r"<(script|style)\b.*?</\1>", "", raw, flags=re.S | re.I)
        raw = html.unescape(re.sub(r"<[^>]+>", "", raw))
    else:
        m = re.search(r"Bytes ([\w-]+)", page)
        enc = m.group(1)
        if data.startswith(b"\xef\xbb\xbf") != (enc == "utf-8-sig"):
            err(f"{rep['doc_id']}: BOM does not match the stated encoding {enc}")
        raw = data.decode(enc)
        if b"\r\n" not in data or re.search(rb"(?<!\r)\n", data):
            err(f"{rep['doc_id']}: line ends are not all CRLF")
    return re.sub(r"\s+", "", raw)


def main():
    reps, labs, secs = load("reports.jsonl"), load("labels.jsonl"), load("sections.jsonl")
    tables = load("tables.jsonl")
    by_doc = {}
    for r in labs:
        by_doc.setdefault(r["doc_id"], []).append(r)
    for rep in reps:
        d = rep["doc_id"]
        n = int(d[1:])
        if rep["split"] != ("dev" if n % 2 else "held"):
            err(f"{d}: split should be {'dev' if n % 2 else 'held'}")
        if rep["template"] != "old" or not 2008 <= rep["year"] <= 2018:
            err(f"{d}: set Q holds old-template reports of 2008–2018 only")
        lines = rep["text"].split("\n")
        recs = by_doc.get(d, [])
        if len(lines) != len(recs):
            err(f"{d}: {len(lines)} text lines but {len(recs)} label records")
        for i, (line, rec) in enumerate(zip(lines, recs, strict=False)):
            if not line.strip():
                err(f"{d}: empty line {i} in text")
            if rec["para_index"] != i or rec["text"] != line:
                err(f"{d}: label record {i} does not match text line")
            if rec["kind"] not in KINDS:
                err(f"{d}/{i}: bad kind {rec['kind']}")
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS or not isinstance(rec["generic"], bool):
                    err(f"{d}/{i}: narrative needs a label and a boolean generic")
            elif rec["label"] is not None or rec["generic"] is not None:
                err(f"{d}/{i}: label/generic must be null for {rec['kind']}")
            if not isinstance(rec["mixed"], bool):
                err(f"{d}/{i}: mixed must be boolean")
            if "unsure" in rec and (rec["unsure"] not in LABELS or rec["unsure"] == rec["label"]):
                err(f"{d}/{i}: unsure must name another valid label")
        # narrative lines in order in the file
        flat, pos = file_text(rep), 0
        for rec in recs:
            if rec["kind"] != "narrative":
                continue
            needle = re.sub(r"\s+", "", rec["text"])
            at = flat.find(needle, pos)
            if at < 0:
                err(f"{d}/{rec['para_index']}: narrative line not found in order in {rep['file']}")
            else:
                pos = at + len(needle)
        # a report's own small table repeats figures of its prose (a 0 may stand for "none" there)
        prose = "\n".join(r["text"] for r in recs if r["kind"] == "narrative")
        for rec in recs:
            if rec["kind"] != "table":
                continue
            for cell in rec["text"].split("\t"):
                if re.fullmatch(r"[1-9]\d*", cell) and not re.search(rf"(?<!\d){cell}(?!\d)", prose):
                    err(f"{d}/{rec['para_index']}: table figure {cell} not stated in the prose")
        for total, parts in ARITH.get(d, []):
            if sum(parts) != total:
                err(f"{d}: parts {parts} add to {sum(parts)}, not {total}")
            for x in [total, *parts]:
                if not re.search(rf"(?<!\d){x}(?!\d)", rep["text"]):
                    err(f"{d}: figure {x} not stated in the text")
    sec_docs = {s["doc_id"]: s["sections"] for s in secs}
    for rep in reps:
        d = rep["doc_id"]
        recs = by_doc.get(d, [])
        sl = sec_docs.get(d)
        if not sl:
            err(f"{d}: no sections record")
            continue
        for k, s in enumerate(sl, 1):
            if s["number"] != k:
                err(f"{d}: section numbers must run 1.. in order")
            pi = s["para_index"]
            if pi is not None and (recs[pi]["kind"] != "heading" or recs[pi]["text"] != s["name"]):
                err(f"{d}: section {k} does not point at its heading line")
        idx = [s["para_index"] for s in sl if s["para_index"] is not None]
        if idx != sorted(idx):
            err(f"{d}: sections out of order")
    # tables.jsonl keys cells of 2019/2021 reports only; set Q has none
    for t in tables:
        err(f"tables.jsonl: unexpected record for {t.get('doc_id')} (set Q is all old template)")
    print(f"{len(reps)} reports, {len(labs)} units, {len(errors)} errors")
    for e in errors:
        print("  ", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
