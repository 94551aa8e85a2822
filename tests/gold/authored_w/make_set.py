"""Build set W: report files (.docx, .pdf via soffice) and the gold jsonl files."""

import json
import os
import re
import shutil
import subprocess

import reports_a
import reports_b
import reports_c
import reports_d
from common import parse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
REPORTS = reports_a.R + reports_b.R + reports_c.R + reports_d.R
FONT = "WenQuanYi Zen Hei"


def set_font(run_or_style, size=None, bold=None):
    f = run_or_style.font
    f.name = FONT
    el = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = el.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), FONT)
    if size:
        f.size = Pt(size)
    if bold is not None:
        f.bold = bold


def add_field(par, instr):
    r = par.add_run()
    for t, attr in (("begin", None), ("instr", instr), ("separate", None), ("text", "1"), ("end", None)):
        if t == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = attr
        elif t == "text":
            el = OxmlElement("w:t")
            el.text = "1"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), t)
        r._r.append(el)
    return r


def add_rich(par, raw, bold_all=False):
    parts = re.split(r"(\*\*.*?\*\*)", raw)
    for p in parts:
        if not p:
            continue
        b = p.startswith("**")
        run = par.add_run(p.strip("*") if b else p)
        set_font(run, bold=(b or bold_all) or None)


def build_docx(rep, items, path):
    st = rep.get("style", {})
    doc = Document()
    for sname in ("Normal", "Heading 1", "Heading 2", "Title", "List Number"):
        try:
            set_font(doc.styles[sname])
        except KeyError:
            pass
    doc.styles["Normal"].font.size = Pt(12)
    sec = doc.sections[0]
    if rep["format"] == "pdf":
        hp = sec.header.paragraphs[0]
        hp.text = ""
        add_rich(hp, rep["agency"])
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_rich(fp, "- ")
        add_field(fp, "PAGE")
        add_rich(fp, " -")
    heads = st.get("heads", "bold")
    for it in items:
        f = it["fmt"]
        if f == "pagebreak":
            doc.add_page_break()
            continue
        if f == "title":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_rich(p, it["raw"])
            [set_font(r, size=16, bold=True) for r in p.runs]
        elif f in ("sec", "sub"):
            if heads == "word":
                p = doc.add_heading("", level=1 if f == "sec" else 2)
                add_rich(p, it["raw"])
            elif heads == "plain":
                p = doc.add_paragraph()
                add_rich(p, it["raw"])
            else:
                p = doc.add_paragraph()
                add_rich(p, it["raw"], bold_all=True)
        elif f == "meta":
            p = doc.add_paragraph()
            add_rich(p, it["raw"])
            if re.match(r"^\d{4}年", it["raw"]) or "局" in it["raw"][-4:] or "政府" in it["raw"][-4:]:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif f == "table":
            grid = it["grid"]
            ncol = max(len(r) for r in grid)
            t = doc.add_table(rows=len(grid), cols=ncol)
            t.style = "Table Grid"
            for i, row in enumerate(grid):
                for j, v in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    add_rich(c.paragraphs[0], v)
                    for r in c.paragraphs[0].runs:
                        r.font.size = Pt(8 if ncol > 8 else 9)
        else:
            raw = it["raw"]
            if it.get("autonum"):
                raw = re.sub(r"^\d+[.．、]", "", raw)
                p = doc.add_paragraph(style="List Number")
            else:
                p = doc.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(24)
            add_rich(p, raw)
    doc.save(path)


def line_of(it):
    if it["kind"] == "table":
        return [" ".join(c for c in row if c) for row in it["grid"]]
    return [it["text"]]


def main():
    out = HERE
    tmp = "/tmp/setw_build"
    os.makedirs(tmp, exist_ok=True)
    R, L, S, T = [], [], [], []
    for rep in REPORTS:
        items = parse(rep)
        did = rep["doc_id"]
        n = int(did[1:])
        lines, recs, secs, tcells = [], [], [], []
        for it in items:
            if it["fmt"] == "pagebreak":
                continue
            for ln in line_of(it):
                idx = len(lines)
                lines.append(ln)
                rec = dict(
                    doc_id=did,
                    para_index=idx,
                    text=ln,
                    kind=it["kind"],
                    label=it.get("label") if it["kind"] == "narrative" else None,
                    mixed=bool(it.get("mixed")),
                    generic=it.get("generic") if it["kind"] == "narrative" else None,
                )
                if it.get("unsure"):
                    rec["unsure"] = it["unsure"]
                recs.append(rec)
                if it.get("sec") is not None:
                    name = ln if it["kind"] == "heading" else re.split(r"[。：:]", ln)[0]
                    secs.append(dict(number=it["sec"], name=name, para_index=idx))
            if it["kind"] == "table":
                tcells += [dict(table=it["table"], row=r, col=c, value=v) for r, c, v in it["cells"]]
        fname = f"{did}.{rep['format']}"
        docx_path = os.path.join(tmp, f"{did}.docx")
        build_docx(rep, items, docx_path)
        if rep["format"] == "docx":
            shutil.copy(docx_path, os.path.join(out, fname))
        else:
            subprocess.run(
                [
                    "soffice",
                    "-env:UserInstallation=file:///tmp/lo_w",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    out,
                    docx_path,
                ],
                check=True,
                capture_output=True,
            )
        R.append(
            dict(
                doc_id=did,
                agency=rep["agency"],
                year=rep["year"],
                template=rep["template"],
                title=lines[0],
                level=rep["level"],
                province=rep["province"],
                file=fname,
                format=rep["format"],
                split="dev" if n % 2 else "held",
                text="\n".join(lines),
                page=rep["page"],
            )
        )
        L += recs
        S.append(dict(doc_id=did, sections=secs))
        if rep["template"] != "old":
            T.append(dict(doc_id=did, template=rep["template"], cells=tcells))
    for name, data in (("reports", R), ("labels", L), ("sections", S), ("tables", T)):
        with open(os.path.join(out, f"{name}.jsonl"), "w") as fh:
            for d in data:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(len(R), "reports", len(L), "lines")


if __name__ == "__main__":
    main()
