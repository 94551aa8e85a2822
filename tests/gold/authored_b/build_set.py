"""Build reports.jsonl and labels.jsonl of the authored_b set from src/Bnn.txt.

Each source file starts with `key: value` header lines (doc_id, agency, year, template,
title, level, province, crawl), then a line `---`, then one report line per line, written
`CODE¦text`.  CODE is `H` (heading), `M` (meta), `T` (table) or, for narrative, a label
abbreviation followed by optional flags: `g` generic, `x` mixed, `?ABBR` unsure-other-label.
Table rows may be written `T¦cell<TAB>cell` (a literal \\t in the source is turned into a tab).
The crawled text is made by crawl.py from the clean text with the transformations named
in the header's `crawl` line.
"""

import json
import re
import sys
from pathlib import Path

from crawl import crawl
from tables import expand

HERE = Path(__file__).resolve().parent
LABELS = {
    "AD": "active_disclosure",
    "AP": "application",
    "IM": "info_management",
    "PL": "platform",
    "OR": "organization",
    "PR": "problem",
    "IMP": "improvement",
    "OT": "other",
}
KINDS = {"H": "heading", "M": "meta", "T": "table"}
CODE = re.compile(r"^(IMP|AD|AP|IM|PL|OR|PR|OT)(g?)(x?)(?:\?(IMP|AD|AP|IM|PL|OR|PR|OT))?$")


def parse(path: Path):
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    meta = dict(line.split(": ", 1) for line in head.strip().splitlines())
    lines, records = [], []
    for raw in body.splitlines():
        if not raw.strip():
            continue
        code, text = raw.split("¦", 1)
        if code.startswith("@"):
            for row in expand(code, text):
                rec = {
                    "doc_id": meta["doc_id"],
                    "para_index": len(lines),
                    "text": row,
                    "kind": "table",
                    "label": None,
                    "mixed": False,
                    "generic": None,
                }
                lines.append(row)
                records.append(rec)
            continue
        text = text.replace("\\t", "\t")
        rec = {"doc_id": meta["doc_id"], "para_index": len(lines), "text": text}
        if code in KINDS:
            rec.update(kind=KINDS[code], label=None, mixed=False, generic=None)
        else:
            m = CODE.match(code)
            if not m:
                sys.exit(f"{path.name}: bad code {code!r} on {text[:20]}")
            rec.update(
                kind="narrative", label=LABELS[m.group(1)], mixed=bool(m.group(3)), generic=bool(m.group(2))
            )
            if m.group(4):
                rec["unsure"] = LABELS[m.group(4)]
        lines.append(text)
        records.append(rec)
    text = "\n".join(lines)
    steps = [s.strip() for s in meta["crawl"].split(",") if s.strip()]
    report = {
        "doc_id": meta["doc_id"],
        "agency": meta["agency"],
        "year": int(meta["year"]),
        "template": meta["template"],
        "title": meta["title"],
        "level": meta["level"],
        "province": meta["province"],
        "text": text,
        "crawled": crawl(text, steps, meta),
        "crawl": steps,
    }
    return report, records


def main() -> None:
    reports, labels = [], []
    for path in sorted((HERE / "src").glob("B*.txt")):
        rep, recs = parse(path)
        reports.append(rep)
        labels.extend(recs)
    with open(HERE / "reports.jsonl", "w", encoding="utf-8") as f:
        for r in reports:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(HERE / "labels.jsonl", "w", encoding="utf-8") as f:
        for r in labels:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(reports)} reports, {len(labels)} label records")


if __name__ == "__main__":
    main()
