"""Build the authored_f set from the hand-written sources in src/: the report files and the four JSONL files.

Run from this folder:  /work/main/.venv/bin/python make_set.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import render_files  # noqa: E402
import source  # noqa: E402
import wechat  # noqa: E402

EXT = {"ocr": ".txt", "markdown": ".md", "encoding": ".txt", "wechat": ".html"}
RENDER = {"ocr": render_files.ocr, "markdown": render_files.markdown, "encoding": render_files.encoded,
          "wechat": wechat.wechat}


def main() -> None:
    reps, labels, sections, tables = [], [], [], []
    for path in sorted((HERE / "src").glob("F*.txt")):
        report = source.parse(path)
        fmt = report.meta["format"]
        data, encoding, desc = RENDER[fmt](report)
        name = f"{report.doc_id}{EXT[fmt]}"
        (HERE / name).write_bytes(data)
        note = report.meta.get("note", "")
        page = desc + (f". {note}" if note else ".")
        rep, labs, secs = source.records(report, name, page, encoding)
        reps.append(rep)
        labels += labs
        sections.append(secs)
        if report.meta["template"] != "old" and "images" not in report.render.get("tables", ""):
            tables.append({"doc_id": report.doc_id, "template": report.meta["template"], "cells": report.cells()})
    for name, rows in (("reports", reps), ("labels", labels), ("sections", sections), ("tables", tables)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(reps)} reports, {len(labels)} label records, {len(tables)} table records")


if __name__ == "__main__":
    main()
