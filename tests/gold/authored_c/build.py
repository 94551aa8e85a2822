"""Build reports.jsonl and labels.jsonl of set C from the hand-written sources in src/.

A source file is a header (``key: value`` lines) and, after ``---``, one report line per
source line, each prefixed with its labelling:

    H|一、总体情况                      heading
    N org g|成立了……                    narrative, label org, generic
    N prob x u=impr|一是……              mixed, and the labeller hesitated towards improvement
    M|2022年1月20日                      meta (page furniture, sign-off date)
    C|图为……                            picture caption (heading, convention 8)
    F|IMG_0312.jpg                       image file name (meta, convention 8)
    @active / @requests / @review        the statistical table built from the header figures

Run: python build.py  (from this folder; writes reports.jsonl and labels.jsonl)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pages import SITES, Block, render_page
from tables import active_2019, active_2021, grid_lines, requests_table, review_table

HERE = Path(__file__).resolve().parent
LABELS = {
    "act": "active_disclosure",
    "app": "application",
    "inf": "info_management",
    "plat": "platform",
    "org": "organization",
    "prob": "problem",
    "impr": "improvement",
    "oth": "other",
}
HEADER_KEYS = {
    "doc_id",
    "agency",
    "year",
    "template",
    "title",
    "site",
    "level",
    "province",
    "date",
    "index",
    "portal",
    "short",
    "host",
    "icp",
    "police",
    "siteid",
    "phone",
    "address",
    "active",
    "requests",
    "review",
    "table_image",
    "encoding",
}


def _parse_tag(tag: str, line: str) -> dict:
    words = tag.split()
    if words[0] != "N":
        raise ValueError(f"bad tag {tag!r}: {line!r}")
    record: dict = {"kind": "narrative", "label": LABELS[words[1]], "mixed": False, "generic": False}
    for flag in words[2:]:
        if flag == "g":
            record["generic"] = True
        elif flag == "x":
            record["mixed"] = True
        elif flag.startswith("u="):
            record["unsure"] = LABELS[flag[2:]]
        else:
            raise ValueError(f"bad flag {flag!r}: {line!r}")
    return record


def build_one(path: Path) -> tuple[dict, list[dict]]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if line.strip():
            key, _, value = line.partition(":")
            if key.strip() not in HEADER_KEYS:
                raise ValueError(f"{path.name}: unknown header key {key!r}")
            meta[key.strip()] = value.strip()
    template = meta["template"]
    blocks = [Block("title", meta["title"])]
    units: list[dict] = [
        {"kind": "heading", "label": None, "mixed": False, "generic": None, "text": meta["title"]}
    ]
    for raw in body.splitlines():
        if not raw.strip():
            continue
        if raw.startswith("@"):
            name = raw[1:].strip()
            if name == "active":
                figures = meta["active"].split()
                grid = active_2021(figures) if template == "2021" else active_2019(figures)
            elif name == "requests":
                grid, _ = requests_table(meta["requests"], template)
            elif name == "review":
                grid, _ = review_table(meta["review"])
            else:
                raise ValueError(f"{path.name}: unknown table {name!r}")
            blocks.append(Block("table", grid=grid, image_first=name == meta.get("table_image")))
            for line in grid_lines(grid):
                units.append({"kind": "table", "label": None, "mixed": False, "generic": None, "text": line})
            continue
        tag, sep, text = raw.partition("|")
        if not sep or not text.strip() or text != text.strip():
            raise ValueError(f"{path.name}: bad line {raw!r}")
        if tag == "H":
            blocks.append(Block("heading", text))
            record = {"kind": "heading", "label": None, "mixed": False, "generic": None}
        elif tag == "C":
            blocks.append(Block("caption", text))
            record = {"kind": "heading", "label": None, "mixed": False, "generic": None}
        elif tag in ("M", "F"):
            blocks.append(Block("meta" if tag == "M" else "imagefile", text))
            record = {"kind": "meta", "label": None, "mixed": False, "generic": None}
        else:
            blocks.append(Block("narrative", text))
            record = _parse_tag(tag, raw)
        record["text"] = text
        units.append(record)
    doc_id = meta["doc_id"]
    text = "\n".join(u["text"] for u in units)
    page_html = render_page(blocks, meta)
    shape = SITES[meta["site"]]
    page = {
        "site": meta["site"],
        "body": shape["body"],
        "headings": shape["headings"],
        "charset_meta": shape["charset_meta"],
        "encoding": meta.get("encoding", shape["encoding"]),
        "blank_zero_cells": shape["blank_zero_cells"],
        "table_image_placeholder": meta.get("table_image"),
    }
    if page["encoding"] == "gbk":
        page["note"] = (
            "html is stored as a str; the server sends html.encode('gbk') with no charset "
            "in the page or its headers"
        )
    report = {
        "doc_id": doc_id,
        "agency": meta["agency"],
        "year": int(meta["year"]),
        "template": template,
        "title": meta["title"],
        "level": meta["level"],
        "province": meta["province"],
        "text": text,
        "html": page_html,
        "page": page,
    }
    labels = []
    for i, u in enumerate(units):
        rec = {
            "doc_id": doc_id,
            "para_index": i,
            "text": u["text"],
            "kind": u["kind"],
            "label": u["label"],
            "mixed": u["mixed"],
            "generic": u["generic"],
        }
        if "unsure" in u:
            rec["unsure"] = u["unsure"]
        labels.append(rec)
    return report, labels


def main() -> int:
    reports, labels = [], []
    for path in sorted((HERE / "src").glob("C*.txt")):
        report, recs = build_one(path)
        reports.append(report)
        labels.extend(recs)
    with open(HERE / "reports.jsonl", "w", encoding="utf-8") as out:
        for r in reports:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(HERE / "labels.jsonl", "w", encoding="utf-8") as out:
        for r in labels:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(reports)} reports, {len(labels)} label records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
