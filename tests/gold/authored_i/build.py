"""Build set I: Word documents from the report sources in src/, PDFs from them with LibreOffice,
and the gold files (reports, labels, sections, tables) from the same sources.

Clean room: this script uses python-docx, Pillow, pdfplumber and soffice only as tools; it imports
nothing from the project.

Run from anywhere:  /work/main/.venv/bin/python tests/gold/authored_i/build.py [I01 I02 ...]

A report source (src/Ixx.py) holds META (dict), optional ACTIVE / REQ / REVIEW table data and BODY,
a line-based markup:
  T text        title (kind heading), centred; ' // ' inside it is a line break within the paragraph
  H text        section heading (heading), h text: subheading (heading), A text: 附件 heading (heading)
  C text        picture caption (heading), centred
  M text        meta line, left; MC centred; R right-aligned (sign-off, date)
  LABEL[+g][+m][?OTHER] text   narrative: LABEL one of the eight short codes below; +g generic,
                 +m mixed, ?OTHER the label the writer hesitated towards (recorded as "unsure")
  @PB           page break            @IMG name   a picture (drawn here)
  @ACTIVE @REQ @REVIEW                the three tables (2019 or 2021 template by META['template'])
  @LANDSCAPE / @PORTRAIT              start a landscape / portrait section
  @TOC          a 目录 page (not part of the clean text: navigation, like a breadcrumb)
Placeholders {new}, {handled}, ... in BODY are filled from the table figures so that the narrative
and the tables agree.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
sys.path.insert(0, str(HERE))
import tables_i as T  # noqa: E402

LABELS = {
    "ad": "active_disclosure", "app": "application", "im": "info_management", "pf": "platform",
    "org": "organization", "pb": "problem", "imp": "improvement", "oth": "other",
}
BODY_FONT = "AR PL UMing CN"
HEAD_FONT = "WenQuanYi Micro Hei"
RUN_IN = re.compile(r"^(（[一二三四五六七八九十]+）[^。：]{2,40}[。：])")


def load(doc_id: str):
    spec = importlib.util.spec_from_file_location(doc_id, SRC / f"{doc_id}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------- Word helpers
def set_font(run, name=BODY_FONT, size=16, bold=False):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def add_field(par, instr, size):
    for kind in ("begin", None, "separate", "end"):
        run = par.add_run()
        set_font(run, size=size)
        if kind is None:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._element.append(el)
        if kind == "separate":
            r2 = par.add_run("1")
            set_font(r2, size=size)


def furnish(section, meta, first_blank=False):
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header_distance, section.footer_distance = Cm(1.5), Cm(1.75)
    section.different_first_page_header_footer = first_blank
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style = meta["page"]["footer"]
    parts = {"dash": ["— ", "PAGE", " —"], "of": ["第", "PAGE", "页 共", "NUMPAGES", "页"],
             "plain": ["PAGE"], "dash_right": ["— ", "PAGE", " —"]}[style]
    if style == "dash_right":
        foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for p in parts:
        if p in ("PAGE", "NUMPAGES"):
            add_field(foot, p, 12)
        else:
            set_font(foot.add_run(p), size=12)
    if meta["page"].get("header"):
        head = section.header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(head.add_run(meta["page"]["header"]), size=10.5)


def body_par(doc, text, font=BODY_FONT, size=16, align=None, indent=True, bold=False, runin=False):
    par = doc.add_paragraph()
    fmt = par.paragraph_format
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        par.alignment = align
    pieces = text.split(" // ")
    for i, piece in enumerate(pieces):
        m = RUN_IN.match(piece) if runin else None
        if m:
            set_font(par.add_run(m.group(1)), HEAD_FONT, size, True)
            piece = piece[m.end():]
        run = par.add_run(piece)
        set_font(run, font, size, bold)
        if i < len(pieces) - 1:
            run.add_break(WD_BREAK.LINE)
    return par


def draw_picture(path: Path, seed: int):
    img = Image.new("RGB", (900, 520), (232, 236, 240))
    d = ImageDraw.Draw(img)
    d.rectangle([60, 60, 840, 200], fill=(170, 30, 30))
    for i in range(7):
        x = 80 + i * 110
        d.ellipse([x, 300, x + 60, 360], fill=(60 + seed * 10 % 120, 60, 90))
        d.rectangle([x - 5, 360, x + 65, 480], fill=(40, 50, 70))
    d.rectangle([0, 480, 900, 520], fill=(120, 90, 60))
    img.save(path)


def add_table(doc, grid, widths, size, header_rows, repeat):
    nrows, ncols = len(grid), len(grid[0])
    table = doc.add_table(rows=nrows, cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for c, w in enumerate(widths):
        table.columns[c].width = Cm(w)
        for r in range(nrows):
            table.cell(r, c).width = Cm(w)
    for r, c, h, w, text in T.anchors(grid):
        cell = table.cell(r, c)
        if h > 1 or w > 1:
            cell = cell.merge(table.cell(r + h - 1, c + w - 1))
        par = cell.paragraphs[0]
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.paragraph_format.line_spacing = 1.0
        set_font(par.add_run(text), BODY_FONT, size)
    if repeat:
        for r in range(header_rows):
            trpr = table.rows[r]._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            trpr.append(el)
    return table


# ---------------------------------------------------------------- one report
def parse_body(mod):
    meta = mod.META
    figures = T.figures(getattr(mod, "REQ", None), getattr(mod, "REVIEW", None), meta["template"])
    items = []  # (code, text, label, flags)
    for raw in mod.BODY.strip("\n").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("@"):
            items.append(("@", line[1:].strip(), None, {}))
            continue
        code, _, text = line.partition(" ")
        text = text.strip().format(**figures) if "{" in text else text.strip()
        m = re.fullmatch(r"([a-z]+)((?:\+[gm])*)(?:\?([a-z]+))?", code)
        if m and m.group(1) in LABELS:
            flags = {"generic": "+g" in m.group(2), "mixed": "+m" in m.group(2)}
            if m.group(3):
                flags["unsure"] = LABELS[m.group(3)]
            items.append(("N", text, LABELS[m.group(1)], flags))
        elif code in ("T", "H", "h", "A", "C", "M", "MC", "R"):
            items.append((code, text, None, {}))
        else:
            raise ValueError(f"{meta['doc_id']}: bad line code {code!r} in {raw!r}")
    return meta, figures, items


def build_doc(mod, out_docx: Path, toc_pages=None):
    meta, _, items = parse_body(mod)
    tpl = meta["template"]
    doc = docx.Document()
    first_blank = meta["page"].get("title_page", False)
    furnish(doc.sections[0], meta, first_blank)
    text_lines, records = [], []

    def emit(text, kind, label=None, flags=None):
        flags = flags or {}
        text_lines.append(text.replace(" // ", ""))
        rec = {"doc_id": meta["doc_id"], "para_index": len(records), "text": text_lines[-1],
               "kind": kind, "label": label, "mixed": flags.get("mixed", False),
               "generic": flags.get("generic") if kind == "narrative" else None}
        if "unsure" in flags:
            rec["unsure"] = flags["unsure"]
        records.append(rec)

    table_cells = []
    for code, text, label, flags in items:
        if code == "@":
            cmd, _, arg = text.partition(" ")
            if cmd == "PB":
                doc.add_page_break()
            elif cmd == "IMG":
                pic = out_docx.parent / f"{meta['doc_id']}_{arg}.png"
                draw_picture(pic, len(arg))
                par = doc.add_paragraph()
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                par.add_run().add_picture(str(pic), width=Cm(12))
            elif cmd in ("LANDSCAPE", "PORTRAIT"):
                sec = doc.add_section(WD_SECTION.NEW_PAGE)
                if cmd == "LANDSCAPE":
                    sec.orientation = WD_ORIENT.LANDSCAPE
                    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
                else:
                    sec.orientation = WD_ORIENT.PORTRAIT
                    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
            elif cmd == "TOC":
                body_par(doc, "目  录", HEAD_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, False)
                heads = [t for c, t, _, _ in items if c == "H"]
                for i, h in enumerate(heads):
                    num = str(toc_pages[i]) if toc_pages else "0"
                    body_par(doc, f"{h}{'…' * max(2, 28 - len(h) - len(num))}{num}", indent=False)
                doc.add_page_break()
            elif cmd in ("ACTIVE", "REQ", "REVIEW"):
                grid, cells, widths, size, hdr = T.table(cmd, tpl, mod, meta["page"])
                landscape = cmd == "REQ" and meta["page"].get("landscape_requests")
                add_table(doc, grid, widths, size, hdr, meta["page"].get("repeat_header", False))
                if not landscape:
                    body_par(doc, "", indent=False)
                for row in T.text_rows(grid):
                    emit(row, "table")
                table_cells.extend(cells)
            else:
                raise ValueError(cmd)
            continue
        if code == "N":
            body_par(doc, text, runin=True)
            emit(text, "narrative", label, flags)
        elif code == "T":
            body_par(doc, text, HEAD_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, False)
            emit(text, "heading")
        elif code == "H":
            body_par(doc, text, HEAD_FONT, 16)
            emit(text, "heading")
        elif code in ("h", "A"):
            body_par(doc, text, BODY_FONT, 16, bold=True, indent=code == "h")
            emit(text, "heading")
        elif code == "C":
            body_par(doc, text, BODY_FONT, 14, WD_ALIGN_PARAGRAPH.CENTER, False)
            emit(text, "heading")
        elif code in ("M", "MC", "R"):
            align = {"M": None, "MC": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT}[code]
            body_par(doc, text, align=align, indent=False)
            emit(text, "meta")
    doc.save(out_docx)
    return text_lines, records, table_cells


def to_pdf(docx_paths, outdir: Path):
    subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/seti_lo_profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_paths)],
                   check=True, capture_output=True, timeout=600)


def page_texts(pdf_path: Path):
    """Body text of each page, without the header and footer bands (page furniture)."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            band = 82  # 2.9 cm: header and footer sit in the margins, the body starts below 3.5 cm
            body = page.crop((0, band, page.width, page.height - band))
            out.append(re.sub(r"\s+", "", body.extract_text() or ""))
    return out


def locate(records, pages):
    """Page span of each non-table line, in order; None where not found."""
    joined, starts = "", []
    for p in pages:
        starts.append(len(joined))
        joined += p
    pos, spans = 0, {}
    for rec in records:
        if rec["kind"] == "table":
            continue
        needle = re.sub(r"\s+", "", rec["text"])
        at = joined.find(needle, pos)
        if at < 0:
            spans[rec["para_index"]] = None
            continue
        end = at + len(needle) - 1
        page_of = lambda i: max(k for k, s in enumerate(starts) if s <= i) + 1  # noqa: E731
        spans[rec["para_index"]] = (page_of(at), page_of(end))
        pos = at + len(needle)
    return spans


def main(ids):
    outdir = HERE
    srcdir = SRC
    built = {}
    for doc_id in ids:
        mod = load(doc_id)
        built[doc_id] = (mod, *build_doc(mod, srcdir / f"{doc_id}.docx"))
    to_pdf([srcdir / f"{i}.docx" for i in ids], outdir)
    for doc_id, (mod, _, records, _) in list(built.items()):
        if mod.META["page"].get("title_page"):  # fill the 目录's page numbers from the first pass
            pages = page_texts(outdir / f"{doc_id}.pdf")
            nums = []
            for rec in records:
                if rec["kind"] == "heading" and re.match(r"^[一二三四五六七八九十]+、", rec["text"]):
                    needle = re.sub(r"\s+", "", rec["text"])
                    hits = [k for k, p in enumerate(pages) if needle in p and k > 1]
                    nums.append(hits[0] + 1 if hits else 0)  # printed numbers count the title page
            build_doc(mod, srcdir / f"{doc_id}.docx", toc_pages=nums)
            to_pdf([srcdir / f"{doc_id}.docx"], outdir)
    for doc_id, (mod, text_lines, records, cells) in built.items():
        meta = dict(mod.META)
        texts = page_texts(outdir / f"{doc_id}.pdf")
        spans = locate(records, texts)
        with pdfplumber.open(outdir / f"{doc_id}.pdf") as pdf:
            npages = len(pdf.pages)
        across = sum(1 for i, s in spans.items() if s and s[0] != s[1] and records[i]["kind"] == "narrative")
        missing = [i for i, s in spans.items() if s is None]
        page = dict(meta.pop("page"))
        page.update({"pages": npages, "narrative_paragraphs_across_pages": across,
                     "pages_printing_requests_header": sum("申请人情况" in p for p in texts)})
        reader_notes = page.pop("notes", [])
        page["undo"] = reader_notes
        rep = {"doc_id": doc_id, "agency": meta["agency"], "year": meta["year"],
               "template": meta["template"], "title": meta["title"], "level": meta["level"],
               "province": meta["province"], "file": f"{doc_id}.pdf", "format": "pdf",
               "split": "dev" if int(doc_id[1:]) % 2 else "held", "text": "\n".join(text_lines),
               "page": page}
        (HERE / "parts").mkdir(exist_ok=True)
        part = {"report": rep, "labels": records,
                "sections": {"doc_id": doc_id, "template": meta["template"],
                             "sections": T.sections(meta["template"], records, meta.get("sections"))},
                "tables": ({"doc_id": doc_id, "template": meta["template"], "cells": cells}
                           if meta["template"] != "old" else None)}
        (HERE / "parts" / f"{doc_id}.json").write_text(json.dumps(part, ensure_ascii=False, indent=1))
        print(doc_id, "pages", npages, "across", across, "lines", len(records),
              "narrative", sum(r["kind"] == "narrative" for r in records), "missing", missing)
    assemble()


def assemble():
    """Write the four jsonl files from parts/ in doc_id order."""
    parts = [json.loads(p.read_text()) for p in sorted((HERE / "parts").glob("I*.json"))]
    with open(HERE / "reports.jsonl", "w") as f:
        for p in parts:
            f.write(json.dumps(p["report"], ensure_ascii=False) + "\n")
    with open(HERE / "labels.jsonl", "w") as f:
        for p in parts:
            for r in p["labels"]:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(HERE / "sections.jsonl", "w") as f:
        for p in parts:
            f.write(json.dumps(p["sections"], ensure_ascii=False) + "\n")
    with open(HERE / "tables.jsonl", "w") as f:
        for p in parts:
            if p["tables"]:
                f.write(json.dumps(p["tables"], ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:] or sorted(p.stem for p in SRC.glob("I*.py")))
