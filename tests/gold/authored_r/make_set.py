"""Builds set R (files and gold) from the reports written in reports_r*.py.

Run: cd /work/wt-setr && /work/main/.venv/bin/python tests/gold/authored_r/make_set.py
Only tools are used (python-docx, Pillow); no project code.
"""
import json
import random
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import tables_r  # noqa: E402
from reports_r import REPORTS  # noqa: E402

LABELS = {"act": "active_disclosure", "app": "application", "man": "info_management", "plat": "platform",
          "org": "organization", "prob": "problem", "imp": "improvement", "oth": "other"}
FONTS = ["仿宋_GB2312", "宋体", "微软雅黑", "仿宋", "楷体_GB2312"]
CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
BR = "⏎"


def table_block(rep, name):
    t = rep["tables"][name]
    if name == "active":
        fn = tables_r.active_2021 if rep["template"] == "2021" else tables_r.active_2019
        return fn(*t)
    if name == "requests":
        return tables_r.requests(rep["template"], t.get("data", {}), t.get("missing", ()), t.get("blank", ()))
    return tables_r.review(t)


def parse(rep):
    """Returns units: dicts with text, kind, label, mixed, generic, unsure, sec, flags, block."""
    units, cells, pic_cells = [], [], []
    for raw in rep["body"].strip("\n").split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        head, _, text = raw.partition("|")
        toks = head.split()
        code, opts = toks[0], toks[1:]
        if code == "X":  # a small table of the report's own (old template)
            units.append(dict(text=text, kind="table", block="own", first=("first" in toks), flags=[]))
            continue
        if code in ("T", "P"):
            lines, c = table_block(rep, text)
            if code == "T":
                cells += c
                for i, ln in enumerate(lines):
                    units.append(dict(text=ln, kind="table", block=text, first=(i == 0), flags=[]))
            else:
                pic_cells += c
                units.append(dict(text=None, kind="picture", block=text, lines=lines, flags=[]))
            continue
        u = dict(text=text, kind={"H": "heading", "N": "narrative", "M": "meta"}[code], label=None,
                 mixed=False, generic=None, unsure=None, sec=None, flags=[])
        for o in opts:
            if o in LABELS:
                u["label"] = LABELS[o]
            elif o == "g":
                u["generic"] = True
            elif o == "m":
                u["mixed"] = True
            elif o.startswith("u="):
                u["unsure"] = LABELS[o[2:]]
            elif o[0] == "s" and o[1:].isdigit():
                u["sec"] = int(o[1:])
            else:
                u["flags"].append(o)
        if u["kind"] == "narrative":
            assert u["label"], raw
            if u["generic"] is None:
                u["generic"] = False
        units.append(u)
    return units, cells, pic_cells


def clean(t):
    return t.replace(BR, "")


def build(rep):
    units, cells, pic_cells = parse(rep)
    lines, labels, secs = [], [], {}
    for u in units:
        if u["kind"] == "picture":
            continue
        idx = len(lines)
        t = clean(u["text"])
        lines.append(t)
        rec = {"doc_id": rep["doc_id"], "para_index": idx, "text": t, "kind": u["kind"],
               "label": u.get("label"), "mixed": u.get("mixed", False), "generic": u.get("generic")}
        if u.get("unsure"):
            rec["unsure"] = u["unsure"]
        labels.append(rec)
        if u.get("sec"):
            name = t
            if u["kind"] == "narrative":
                cut = min([p for p in (t.find("。"), t.find("："), t.find(":"), t.find(" "), t.find("，")) if p > 0] or [len(t)])
                name = t[:cut]
            secs[u["sec"]] = {"number": u["sec"], "name": name, "para_index": idx}
    for n, name in rep.get("missing_sections", {}).items():
        secs[n] = {"number": n, "name": name, "para_index": None}
    sections = [secs[k] for k in sorted(secs)]
    return units, lines, labels, sections, cells, pic_cells


def set_font(run, name, size):
    run.font.name = name
    run.font.size = Pt(size)
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def add_text(par, text, font, size, bold=False):
    parts = text.split(BR)
    for i, p in enumerate(parts):
        r = par.add_run(p)
        r.bold = bold
        set_font(r, font, size)
        if i < len(parts) - 1:
            r.add_break(WD_BREAK.LINE)


def picture(lines, path):
    font = ImageFont.truetype(CJK_FONT, 18)
    rows = [ln.split("\t") for ln in lines]
    ncol = max(len(r) for r in rows)
    w0, w = 420, 130
    width, rh = w0 + w * (ncol - 1) + 20, 34
    img = Image.new("RGB", (width, rh * len(rows) + 20), "white")
    d = ImageDraw.Draw(img)
    for i, r in enumerate(rows):
        y = 10 + i * rh
        d.rectangle([10, y, width - 10, y + rh], outline="black")
        for j, c in enumerate(r):
            x = 10 if j == 0 else w0 + (j - 1) * w
            if j:
                d.line([x, y, x, y + rh], fill="black")
            d.text((x + 6, y + 7), c[:22], font=font, fill="black")
    img.save(path)


def word_table(doc, lines, rng):
    rows = [ln.split("\t") for ln in lines]
    ncol = max(len(r) for r in rows)
    tb = doc.add_table(rows=len(rows), cols=ncol)
    tb.style = "Table Grid"
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            cell = tb.cell(i, j)
            cell.text = c
        if len(r) < ncol:  # a short row: its last cell spans the rest (merged cells)
            tb.cell(i, len(r) - 1).merge(tb.cell(i, ncol - 1))
            tb.cell(i, len(r) - 1).text = r[-1]


def restamp(path):
    """Rewrites the .docx zip with fixed member times (python-docx stamps the current time)."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def write_docx(rep, units, path):
    rng = random.Random(rep["doc_id"])
    doc = docx.Document()
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(2.6)
    base = rng.choice(FONTS)
    par = None
    i = 0
    while i < len(units):
        u = units[i]
        if u["kind"] == "picture":
            png = path.with_suffix(".table.png")
            picture(u["lines"], png)
            doc.add_picture(str(png), width=Cm(15.5))
            png.unlink()
            i += 1
            continue
        if u["kind"] == "table" and rep.get("wordtables"):
            block = [u["text"]]
            while i + 1 < len(units) and units[i + 1]["kind"] == "table" and not units[i + 1]["first"]:
                i += 1
                block.append(units[i]["text"])
            word_table(doc, block, rng)
            i += 1
            continue
        font = base if rng.random() < 0.75 else rng.choice(FONTS)
        size = 16 if u["kind"] != "meta" else 14
        bold = u["kind"] == "heading" and ("b" in u["flags"] or rep.get("boldheads"))
        if par is None:
            par = doc.add_paragraph()
            if u["kind"] == "narrative" and rng.random() < 0.8:
                par.paragraph_format.first_line_indent = Pt(32)
        else:
            par.runs[-1].add_break(WD_BREAK.LINE)
        text = u["text"]
        if "glue" in u["flags"]:  # heading typed in bold, text run on in the same paragraph
            cut = text.index("。") + 1 if "。" in text[:30] else text.index("：") + 1
            add_text(par, text[:cut], font, size, bold=True)
            add_text(par, text[cut:], font, size)
        else:
            add_text(par, text.replace("\t", "\t"), font, size, bold)
        if "j" not in u["flags"]:
            par = None
        i += 1
    # fixed document properties, so that rebuilding gives the same file
    import datetime
    fixed = datetime.datetime(rep["year"] + 1, 1, 10, 9, 0, 0)
    doc.core_properties.created = doc.core_properties.modified = fixed
    doc.core_properties.author = doc.core_properties.last_modified_by = "admin"
    doc.core_properties.revision = 1
    doc.save(path)
    restamp(path)


def write_txt(rep, units, path):
    rng = random.Random(rep["doc_id"])
    out = []
    for u in units:
        if u["kind"] == "picture":
            continue
        t = u["text"].replace(BR, "\n")
        if u["kind"] == "table" and rep.get("spaced"):
            cells = t.split("\t")
            t = cells[0] + "".join(" " * max(2, 8 - len(c)) + c for c in cells[1:])
        if rep.get("indent") and u["kind"] == "narrative":
            t = "　　" + t
        out.append(t)
        blank = rep.get("blank", "some")
        if u["kind"] != "table" and "nb" not in u["flags"] and (
                blank == "all" or (blank == "some" and rng.random() < 0.5)):
            out.append("")
    data = "\n".join(out) + "\n"
    if rep.get("crlf"):
        data = data.replace("\n", "\r\n")
    path.write_bytes(data.encode(rep.get("encoding", "utf-8")))


def main():
    reps, labs, secs, tabs = [], [], [], []
    for rep in REPORTS:
        units, lines, labels, sections, cells, pic_cells = build(rep)
        fname = rep["doc_id"] + "." + rep["format"]
        path = HERE / fname
        (write_docx if rep["format"] == "docx" else write_txt)(rep, units, path)
        n = int(rep["doc_id"][1:])
        reps.append({k: rep[k] for k in ("doc_id", "agency", "year", "template", "title", "level", "province")}
                    | {"file": fname, "format": rep["format"], "split": "dev" if n % 2 else "held",
                       "text": "\n".join(lines), "page": rep["page"]})
        labs += labels
        secs.append({"doc_id": rep["doc_id"], "sections": sections})
        if rep["template"] in ("2019", "2021"):
            rec = {"doc_id": rep["doc_id"], "template": rep["template"],
                   "cells": [dict(table=a, row=b, col=c, value=d) for a, b, c, d in cells]}
            if pic_cells:
                rec["picture_cells"] = [dict(table=a, row=b, col=c, value=d) for a, b, c, d in pic_cells]
            tabs.append(rec)
    for name, rows in (("reports", reps), ("labels", labs), ("sections", secs), ("tables", tabs)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(reps), "reports,", len(labs), "units")


if __name__ == "__main__":
    main()
