"""Check the authored_f set: labels cover the text, narrative lines are in the files, tables add up.

Run from anywhere:  /work/main/.venv/bin/python tests/gold/authored_f/check_set.py
Exits 1 and lists every problem found.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import lxml.html
import opencc

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from render_files import BIG5_HAND  # noqa: E402

LABELS = {"active_disclosure", "application", "info_management", "platform", "organization", "problem",
          "improvement", "other"}
KINDS = {"narrative", "heading", "table", "meta"}
PAGE_NO = re.compile(r"^\s*(-\s*\d+\s*-|第\s*\d+\s*页(\s*共\s*\d+\s*页)?)\s*$")
T2S = opencc.OpenCC("t2s")
S2T = opencc.OpenCC("s2t")


def load(name: str) -> list[dict]:
    return [json.loads(x) for x in (HERE / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def squash(text: str) -> str:
    """Compare on characters only: NFKC folds full/half-width punctuation, whitespace goes."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def file_text(rep: dict) -> str:
    """The file's text as a reader sees it, with the shape's marks removed."""
    raw = (HERE / rep["file"]).read_bytes()
    text = raw.decode(rep["encoding"])
    if rep["format"] == "wechat":
        text = lxml.html.fromstring(raw.decode("utf-8")).text_content()
    elif rep["format"] == "markdown":
        text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
        text = re.sub(r"<[^>]+>", "", text)
        text = re.sub(r"(?m)^#+\s", "", text).replace("**", "").replace("\\", "")
    elif rep["format"] == "ocr":
        lines = text.splitlines()
        counts = Counter(x.strip() for x in lines if x.strip())
        # running heads (repeated lines) and page numbers are furniture between pages
        text = "\n".join(x for x in lines if not PAGE_NO.match(x) and counts[x.strip()] < 2)
    if rep["encoding"] == "big5":
        text = T2S.convert(text)
    return text


def as_big5_reads(line: str) -> str:
    """A clean line as the Big5 file carries it once converted back: s2t, the hand swaps, t2s."""
    trad = S2T.convert(line)
    return T2S.convert("".join(BIG5_HAND.get(ch, ch) for ch in trad))


def check_labels(rep: dict, labs: list[dict], problems: list[str]) -> None:
    lines = rep["text"].split("\n")
    nonempty = [x for x in lines if x.strip()]
    if len(labs) != len(nonempty):
        problems.append(f"{rep['doc_id']}: {len(labs)} label records for {len(nonempty)} lines")
    for i, (line, lab) in enumerate(zip(nonempty, labs, strict=False)):
        where = f"{rep['doc_id']}#{i}"
        if lab["text"] != line or lab["para_index"] != i:
            problems.append(f"{where}: label record text/index does not match the line")
        if lab["kind"] not in KINDS:
            problems.append(f"{where}: kind {lab['kind']}")
        if lab["kind"] == "narrative":
            if lab["label"] not in LABELS or not isinstance(lab["generic"], bool):
                problems.append(f"{where}: narrative needs a label and a generic flag")
            if lab.get("unsure") and (lab["unsure"] not in LABELS or lab["unsure"] == lab["label"]):
                problems.append(f"{where}: unsure {lab.get('unsure')}")
        elif lab["label"] is not None or lab["generic"] is not None:
            problems.append(f"{where}: {lab['kind']} with a label")


def check_in_file(rep: dict, labs: list[dict], problems: list[str]) -> None:
    hay = squash(file_text(rep))
    big5 = rep["encoding"] == "big5"
    pos = 0
    for lab in labs:
        if lab["kind"] != "narrative":
            continue
        needle = squash(as_big5_reads(lab["text"]) if big5 else lab["text"])
        at = hay.find(needle, pos)
        if at < 0:
            where = "out of order" if needle in hay else "missing"
            problems.append(f"{rep['doc_id']}#{lab['para_index']}: narrative line {where} in {rep['file']}")
        else:
            pos = at + len(needle)


def check_tables(rec: dict, problems: list[str]) -> None:
    v = defaultdict(dict)
    for c in rec["cells"]:
        v[(c["table"], c["row"])][c["col"]] = c["value"] or 0
    doc = rec["doc_id"]
    req = {row: cols for (t, row), cols in v.items() if t == "requests"}
    if req:
        apps = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
                "legal_service_org", "other_org"]
        for row, cols in req.items():
            if cols.get("total") != sum(cols.get(a, 0) for a in apps):
                problems.append(f"{doc}: requests {row} total is not the sum of the applicants")
        outcomes = [r for r in req if r not in ("new_received", "carried_over", "total_handled",
                                                "carried_forward")]
        for col in apps + ["total"]:
            g = {r: req[r].get(col, 0) for r in req}
            if g["new_received"] + g["carried_over"] != g["total_handled"] + g["carried_forward"]:
                problems.append(f"{doc}: requests {col}: received + carried over != handled + forward")
            if g["total_handled"] != sum(g[r] for r in outcomes):
                problems.append(f"{doc}: requests {col}: total_handled is not the sum of the outcomes")
    for (t, row), cols in v.items():
        if t == "review_litigation" and cols["total"] != sum(cols[k] for k in
                                                               ("upheld", "corrected", "other_result", "pending")):
            problems.append(f"{doc}: review_litigation {row} total does not add up")


def main() -> int:
    problems: list[str] = []
    reps, labels = load("reports.jsonl"), load("labels.jsonl")
    by_doc = defaultdict(list)
    for lab in labels:
        by_doc[lab["doc_id"]].append(lab)
    for rep in reps:
        labs = by_doc[rep["doc_id"]]
        check_labels(rep, labs, problems)
        check_in_file(rep, labs, problems)
    for rec in load("tables.jsonl"):
        check_tables(rec, problems)
    for sec in load("sections.jsonl"):
        labs = by_doc[sec["doc_id"]]
        for s in sec["sections"]:
            if s["para_index"] is not None and labs[s["para_index"]]["kind"] != "heading":
                problems.append(f"{sec['doc_id']}: section {s['number']} points at a non-heading line")
    for p in problems:
        print(p)
    kinds = Counter(lab["kind"] for lab in labels)
    print(f"{len(reps)} reports, {len(labels)} lines {dict(kinds)}; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
