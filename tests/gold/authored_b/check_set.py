"""Check the authored_b set: one label record per non-empty text line with that exact text,
valid kinds/labels/flags, and every narrative line recoverable in order from `crawled`
once the crawl's wrapping, indents and blank lines are undone (lines joined)."""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
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
SPACE = re.compile(r"\s+")  # includes the ideographic space used for indents


def check() -> list[str]:
    errors = []
    reports = [json.loads(x) for x in open(HERE / "reports.jsonl", encoding="utf-8")]
    labels = [json.loads(x) for x in open(HERE / "labels.jsonl", encoding="utf-8")]
    by_doc: dict[str, list] = {}
    for rec in labels:
        by_doc.setdefault(rec["doc_id"], []).append(rec)
    for rep in reports:
        doc = rep["doc_id"]
        lines = [ln for ln in rep["text"].split("\n") if ln.strip()]
        recs = by_doc.pop(doc, [])
        if len(recs) != len(lines):
            errors.append(f"{doc}: {len(lines)} lines, {len(recs)} label records")
        for i, (ln, rec) in enumerate(zip(lines, recs, strict=False)):
            if rec["para_index"] != i or rec["text"] != ln:
                errors.append(f"{doc}#{i}: record does not match line {ln[:20]!r}")
            if rec["kind"] not in KINDS:
                errors.append(f"{doc}#{i}: bad kind {rec['kind']}")
            if rec["kind"] == "narrative":
                if rec["label"] not in LABELS or not isinstance(rec["generic"], bool):
                    errors.append(f"{doc}#{i}: narrative needs a label and generic")
                if rec.get("unsure") is not None and rec["unsure"] not in LABELS - {rec["label"]}:
                    errors.append(f"{doc}#{i}: bad unsure {rec['unsure']}")
            elif rec["label"] is not None or rec["generic"] is not None or rec["mixed"]:
                errors.append(f"{doc}#{i}: non-narrative carries a label")
        joined = SPACE.sub("", rep["crawled"])
        pos = 0
        for rec in recs:
            if rec["kind"] != "narrative":
                continue
            found = joined.find(SPACE.sub("", rec["text"]), pos)
            if found < 0:
                errors.append(f"{doc}#{rec['para_index']}: narrative not found in order in crawled")
            else:
                pos = found + len(SPACE.sub("", rec["text"]))
        errors.extend(check_requests_table(doc, rep["text"]))
    errors.extend(f"{doc}: labels without a report" for doc in by_doc)
    return errors


def check_requests_table(doc: str, text: str) -> list[str]:
    """The template's arithmetic for table 三 (TABLES.md rules 1-3), per column."""
    rows = [ln.split("\t") for ln in text.split("\n") if ln.count("\t") == 7]
    rows = [(r[0], [int(x) for x in r[1:]]) for r in rows if r[1].isdigit()]
    if not rows:
        return []
    named = {name[:2]: vals for name, vals in rows}
    start = next(i for i, (name, _) in enumerate(rows) if name.startswith("三、"))
    end = next(i for i, (name, _) in enumerate(rows) if name.startswith("（七）"))
    outcomes = [sum(col) for col in zip(*(v for _, v in rows[start:end]), strict=True)]
    errors = []
    for name, vals in rows:
        if sum(vals[:6]) != vals[6]:
            errors.append(f"{doc}: row {name[:12]} total is not the sum of applicants")
    if outcomes != named["（七"]:
        errors.append(f"{doc}: outcome rows do not add up to 总计")
    if [a + b for a, b in zip(named["一、"], named["二、"], strict=True)] != [
        a + b for a, b in zip(named["（七"], named["四、"], strict=True)
    ]:
        errors.append(f"{doc}: new + carried != handled + carried forward")
    return errors


if __name__ == "__main__":
    errs = check()
    print("\n".join(errs) or f"ok: {sum(1 for _ in open(HERE / 'reports.jsonl'))} reports")
    sys.exit(1 if errs else 0)
