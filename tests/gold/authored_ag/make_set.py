"""Build set AG: reports.jsonl, labels.jsonl, sections.jsonl, tables.jsonl and the report files.
Run with the repo venv: /work/main/.venv/bin/python make_set.py"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import texts1
import texts2
import texts3
import texts4
from tables_def import compute

HERE = os.path.dirname(os.path.abspath(__file__))

LABELS = dict(a="active_disclosure", r="application", i="info_management", p="platform", g="organization",
              x="problem", m="improvement", o="other")
CN_NUM = "一二三四五六七八九"
AUTHOR = "set AG helper session"
DOCX_IDS = [f"AG{i:02d}" for i in range(1, 9)]
TOC_IDS = {"AG02", "AG03", "AG05", "AG08", "AG10", "AG13"}
WPS_IDS = {"AG12", "AG15"}
CHANGE_DATE = "2025-01-10T09:30:00Z"

REPORTS = {}
for m in (texts1, texts2, texts3, texts4):
    REPORTS.update(m.R)


def fmt_num(v):
    return str(v)


def parse(doc_id, rep, fig, rows_out):
    """Return list of line dicts: text, kind, label, generic, mixed, unsure, special."""
    out, deleted = [], []
    sec_titles = []
    for raw in rep["body"].splitlines():
        if not raw.strip():
            continue
        code, text = raw.split("|", 1)
        text = text.format(**fig) if "{" in text else text
        c = code[0]
        if code == "TOC":
            out.append(dict(special="TOC"))
            continue
        if code in ("T1", "T2", "T3"):
            tname = {"T1": "active", "T2": "requests", "T3": "review_litigation"}[code]
            for row in rows_out[tname]:
                out.append(dict(text=" | ".join(row), kind="table", cells=row, tname=tname))
            continue
        if c == "D":
            deleted.append((len(out), text))
            continue
        if c == "H":
            out.append(dict(text=text, kind="heading"))
            if re.match(f"^[{CN_NUM}]、", text):
                sec_titles.append(text)
            continue
        if c == "Z":
            out.append(dict(text=text, kind="meta"))
            continue
        assert c in LABELS, (doc_id, raw)
        d = dict(text=text, kind="narrative", label=LABELS[c], generic="*" in code, mixed="+" in code)
        if "?" in code:
            d["unsure"] = LABELS[code[code.index("?") + 1]]
        out.append(d)
    # expand the table of contents: 目录 + one line per section (meta)
    final = []
    for d in out:
        if d.get("special") == "TOC":
            final.append(dict(text="目录", kind="meta", toc=True))
            for k, t in enumerate(sec_titles):
                pg = [1, 3, 4, 5, 6, 7][k] if k < 6 else 7
                final.append(dict(text=t + "……………………" + str(pg), kind="meta", toc=True, toc_title=t, toc_page=pg))
        else:
            final.append(d)
    return final, deleted, sec_titles


# ---------------------------------------------------------------- docx helpers
W_ID = [100]


def nid():
    W_ID[0] += 1
    return str(W_ID[0])


def mk_run(text, bold=False, deleted=False, size=None):
    r = OxmlElement("w:r")
    if bold or size:
        rpr = OxmlElement("w:rPr")
        if bold:
            rpr.append(OxmlElement("w:b"))
        if size:
            sz = OxmlElement("w:sz")
            sz.set(qn("w:val"), str(size))
            rpr.append(sz)
        r.append(rpr)
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    r.append(t)
    return r


def mk_change(tag, text, bold=False):
    e = OxmlElement(tag)
    e.set(qn("w:id"), nid())
    e.set(qn("w:author"), "审核人")
    e.set(qn("w:date"), CHANGE_DATE)
    e.append(mk_run(text, bold=bold, deleted=(tag == "w:del")))
    return e


def add_text_with_links(doc, p, text, bold=False):
    """Append runs to paragraph p; URLs become hyperlinks to the portal."""
    parts = re.split(r"(https?://[A-Za-z0-9./_-]+)", text)
    for part in parts:
        if not part:
            continue
        if part.startswith("http"):
            rid = doc.part.relate_to(part, RT.HYPERLINK, is_external=True)
            h = OxmlElement("w:hyperlink")
            h.set(qn("r:id"), rid)
            r = mk_run(part, bold=bold)
            rpr = r.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                r.insert(0, rpr)
            st = OxmlElement("w:rStyle")
            st.set(qn("w:val"), "Hyperlink")
            rpr.insert(0, st)
            col = OxmlElement("w:color")
            col.set(qn("w:val"), "0563C1")
            rpr.append(col)
            u = OxmlElement("w:u")
            u.set(qn("w:val"), "single")
            rpr.append(u)
            h.append(r)
            p._p.append(h)
        else:
            p._p.append(mk_run(part, bold=bold))


def wrap_sdt(p, alias):
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    a = OxmlElement("w:alias")
    a.set(qn("w:val"), alias)
    pr.append(a)
    tg = OxmlElement("w:tag")
    tg.set(qn("w:val"), alias)
    pr.append(tg)
    i = OxmlElement("w:id")
    i.set(qn("w:val"), nid())
    pr.append(i)
    if alias == "发布日期":
        pr.append(OxmlElement("w:text"))
    sdt.append(pr)
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    p._p.addprevious(sdt)
    content.append(p._p)


def del_paragraph(doc, anchor_p, text):
    """A whole paragraph deleted with tracked changes, placed after anchor_p."""
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    rpr = OxmlElement("w:rPr")
    d = OxmlElement("w:del")
    d.set(qn("w:id"), nid())
    d.set(qn("w:author"), "审核人")
    d.set(qn("w:date"), CHANGE_DATE)
    rpr.append(d)
    ppr.append(rpr)
    p.append(ppr)
    p.append(mk_change("w:del", text))
    anchor_p._p.addnext(p)


def toc_field(doc, lines):
    """目录 heading and a TOC field whose cached result lines carry dot leaders and page numbers."""
    h = doc.add_paragraph()
    h.alignment = 1
    h._p.append(mk_run("目录", bold=True, size=32))
    for k, d in enumerate(lines):
        p = doc.add_paragraph()
        if k == 0:
            r = OxmlElement("w:r")
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), "begin")
            r.append(fc)
            p._p.append(r)
            r = OxmlElement("w:r")
            it = OxmlElement("w:instrText")
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            it.text = ' TOC \\o "1-1" \\h \\z \\u '
            r.append(it)
            p._p.append(r)
            r = OxmlElement("w:r")
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), "separate")
            r.append(fc)
            p._p.append(r)
        p._p.append(mk_run(d["toc_title"]))
        p._p.append(mk_run("……………………"))
        p._p.append(mk_run(str(d["toc_page"])))
        if k == len(lines) - 1:
            r = OxmlElement("w:r")
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), "end")
            r.append(fc)
            p._p.append(r)
            r = OxmlElement("w:r")
            br = OxmlElement("w:br")
            br.set(qn("w:type"), "page")
            r.append(br)
            p._p.append(r)


def table_layout(rows, tname):
    """Place the printed rows on a grid as the national templates draw them.
    Returns (ncol, texts {(r, c): text}, rectangles [(r0, r1, c0, c1)] to merge)."""
    texts, rects = {}, []
    if tname == "active":
        ncol = 4
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                texts[(i, j)] = v
            if len(row) < ncol:
                rects.append((i, i, len(row) - 1, ncol - 1))
        return ncol, texts, rects
    if tname == "requests":
        ncol = 10
        texts[(0, 0)] = rows[0][0]
        texts[(0, 3)] = rows[0][1]
        rects += [(0, 2, 0, 2), (0, 0, 3, 9)]
        texts[(1, 3)], texts[(1, 4)], texts[(1, 9)] = rows[1]
        rects += [(1, 2, 3, 3), (1, 1, 4, 8), (1, 2, 9, 9)]
        for j, v in enumerate(rows[2]):
            texts[(2, 4 + j)] = v
        first_outcome = last_outcome = None
        group_start = None
        for i in range(3, len(rows)):
            row = rows[i]
            labels, nums = row[:-7], row[-7:]
            for j, v in enumerate(nums):
                texts[(i, 3 + j)] = v
            if labels[0].startswith(("一、", "二、", "四、")):
                texts[(i, 0)] = labels[0]
                rects.append((i, i, 0, 2))
                if group_start is not None:
                    rects.append((group_start, i - 1, 1, 1)) if i - 1 > group_start else None
                    group_start = None
                continue
            if labels[0].startswith("三、"):
                texts[(i, 0)] = labels[0]
                first_outcome = i
                labels = labels[1:]
            if len(labels) == 2:
                if group_start is not None and i - 1 > group_start:
                    rects.append((group_start, i - 1, 1, 1))
                texts[(i, 1)] = labels[0]
                texts[(i, 2)] = labels[1]
                group_start = i
            elif labels[0][0].isdigit():
                texts[(i, 2)] = labels[0]
            else:
                if group_start is not None and i - 1 > group_start:
                    rects.append((group_start, i - 1, 1, 1))
                group_start = None
                texts[(i, 1)] = labels[0]
                rects.append((i, i, 1, 2))
            last_outcome = i
        rects.append((first_outcome, last_outcome, 0, 0))
        return ncol, texts, rects
    # review_litigation
    ncol = 15
    texts[(0, 0)] = rows[0][0]
    texts[(0, 5)] = rows[0][1]
    rects += [(0, 0, 0, 4), (0, 0, 5, 14)]
    for j in range(5):
        texts[(1, j)] = rows[1][j]
        rects.append((1, 2, j, j))
    texts[(1, 5)] = rows[1][5]
    texts[(1, 10)] = rows[1][6]
    rects += [(1, 1, 5, 9), (1, 1, 10, 14)]
    for j in range(10):
        texts[(2, 5 + j)] = rows[2][j]
    for j, v in enumerate(rows[3]):
        texts[(3, j)] = v
    return ncol, texts, rects


def add_table(doc, rows, tname):
    ncol, texts, rects = table_layout(rows, tname)
    tb = doc.add_table(rows=len(rows), cols=ncol)
    tb.style = "Table Grid"
    for (r, c), v in texts.items():
        tb.cell(r, c).text = v
    for r0, r1, c0, c1 in rects:
        if (r0, c0) != (r1, c1):
            tb.cell(r0, c0).merge(tb.cell(r1, c1))
    widths = {"active": [4.0, 3.6, 3.6, 3.6], "requests": [1.8, 2.0, 3.6] + [1.25] * 7,
              "review_litigation": [1.0] * 15}[tname]
    from docx.shared import Cm
    tb.autofit = False
    for row in tb.rows:
        for j, cell in enumerate(row.cells):
            cell.width = Cm(widths[j])
    size = Pt(7.5) if tname == "review_litigation" else Pt(9)
    for tr in tb._tbl.tr_lst:
        for tc in tr.tc_lst:
            ps = tc.p_lst
            if len(ps) > 1:
                for p in ps:
                    if not "".join(t.text or "" for t in p.iter(qn("w:t"))) and len(tc.p_lst) > 1:
                        tc.remove(p)
            for r in tc.iter(qn("w:r")):
                rpr = r.get_or_add_rPr()
                sz = OxmlElement("w:sz")
                sz.set(qn("w:val"), str(int(size.pt * 2)))
                rpr.append(sz)


def build_docx(doc_id, rep, lines, deleted, path, tracked):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    toc_lines = [d for d in lines if d.get("toc") and d["text"] != "目录"]
    first_a = None
    comment_targets = []
    ins_done = del_done = 0
    nar_seen = 0
    for idx, d in enumerate(lines):
        if d.get("toc"):
            if d["text"] == "目录":
                toc_field(doc, toc_lines)
            continue
        if d["kind"] == "table":
            # consecutive table lines are one Word table
            if idx > 0 and lines[idx - 1]["kind"] == "table" and lines[idx - 1]["tname"] == d["tname"]:
                continue
            rows = []
            k = idx
            while k < len(lines) and lines[k]["kind"] == "table" and lines[k]["tname"] == d["tname"]:
                rows.append(lines[k]["cells"])
                k += 1
            add_table(doc, rows, d["tname"])
            continue
        p = doc.add_paragraph()
        text = d["text"]
        if d["kind"] == "heading":
            if idx == 0:
                p.alignment = 1
                p._p.append(mk_run(text, bold=True, size=36))
                if tracked:
                    wrap_sdt(p, "标题")
            else:
                add_text_with_links(doc, p, text, bold=True)
            continue
        if d["kind"] == "meta":
            p.alignment = 2
            add_text_with_links(doc, p, text)
            if tracked and re.match(r"^\d{4}年\d+月\d+日$", text):
                wrap_sdt(p, "发布日期")
            continue
        # narrative
        p.paragraph_format.first_line_indent = Pt(24)
        nar_seen += 1
        if tracked and d["label"] == "application" and str(rep["_fig"]["NEW"]) in text and del_done == 0 and "申请" in text:
            # correction of a figure: stale number deleted, right number inserted
            num = str(rep["_fig"]["NEW"])
            pos = text.index(num, text.index("申请"))
            p._p.append(mk_run(text[:pos]))
            p._p.append(mk_change("w:del", str(rep["_fig"]["NEW"] - 2)))
            p._p.append(mk_change("w:ins", num))
            add_text_with_links(doc, p, text[pos + len(num):])
            del_done += 1
        elif tracked and ins_done < 2 and d["label"] in ("active_disclosure", "improvement") and "，" in text[:-4] \
                and not re.search("https?://", text) and (ins_done == 0 or d["label"] == "improvement"):
            cut = text.rindex("，", 0, len(text) - 4) + 1
            p._p.append(mk_run(text[:cut]))
            p._p.append(mk_change("w:ins", text[cut:]))
            ins_done += 1
        elif tracked and d["label"] == "problem" and "不够" in text and del_done == 1:
            pos = text.index("不够")
            p._p.append(mk_run(text[:pos]))
            p._p.append(mk_change("w:del", "还"))
            p._p.append(mk_run(text[pos:]))
            del_done += 1
        else:
            add_text_with_links(doc, p, text)
            kind_c = "application" if d["label"] == "application" else ("plan" if d["label"] in ("problem", "improvement") else None)
            if tracked and kind_c and len(comment_targets) < 2 and all(c[1] != kind_c for c in comment_targets):
                comment_targets.append((p, kind_c))
        if d["label"] == "active_disclosure" and first_a is None:
            first_a = p
    if tracked:
        for p, lab in comment_targets:
            runs = p.runs
            if runs:
                txt = "请与第三部分表格数据核对一致。" if lab == "application" else ("问题请写具体，最好结合年度检查通报。" if lab == "plan" else "")
                doc.add_comment(runs, text=txt, author="办公室 李", initials="李")
        for _, t in deleted:
            if first_a is not None:
                del_paragraph(doc, first_a, t)
    # page footer with page number field is page furniture; keep files simple
    doc.core_properties.author = rep["agency"] + "办公室"
    doc.core_properties.title = lines[0]["text"]
    doc.save(path)


def soffice_convert(src, fmt, outdir):
    subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/lo_ag", "--headless", "--convert-to", fmt,
                    "--outdir", outdir, src], check=True, capture_output=True, timeout=180)


def main():
    filesdir = os.path.join(HERE, "files")
    os.makedirs(filesdir, exist_ok=True)
    reports, labels, sections, tables = [], [], [], []
    for n in range(1, 17):
        doc_id = f"AG{n:02d}"
        rep = REPORTS[doc_id]
        rep["doc_id"] = doc_id
        cells, fig, rows_out = compute(rep)
        rep["_fig"] = fig
        lines, deleted, sec_titles = parse(doc_id, rep, fig, rows_out)
        is_docx = doc_id in DOCX_IDS
        fmt = "docx" if is_docx else ("wps" if doc_id in WPS_IDS else "doc")
        fname = f"{doc_id}.{fmt}"
        if is_docx:
            build_docx(doc_id, rep, lines, deleted, os.path.join(filesdir, fname), tracked=True)
        else:
            tmp = tempfile.mkdtemp()
            src = os.path.join(tmp, doc_id + ".docx")
            build_docx(doc_id, rep, lines, deleted, src, tracked=False)
            soffice_convert(src, "doc", tmp)
            shutil.copy(os.path.join(tmp, doc_id + ".doc"), os.path.join(filesdir, fname))
            shutil.rmtree(tmp)
        text = "\n".join(d["text"] for d in lines)
        has_toc = doc_id in TOC_IDS
        if is_docx:
            page = ("Word .docx left mid-edit: tracked insertions and deletions not yet accepted (a corrected request "
                    "figure, an inserted clause, a deleted word and one whole deleted paragraph), two reviewer comments, "
                    "content controls around the title and the date, portal hyperlinks"
                    + (", and a table of contents (目录 and a TOC field with dot leaders and page numbers) at the top" if has_toc else "")
                    + "; the three tables are Word tables.")
        else:
            page = ("Word 97-2003 binary document converted by soffice from a .docx made the same way with every change "
                    "accepted (content controls flattened, as Word 97-2003 has none; portal hyperlinks kept)"
                    + (", with a table of contents (目录 and dot-leader lines with page numbers) at the top" if has_toc else "")
                    + ("; saved with the .wps extension as WPS Office leaves it" if fmt == "wps" else "")
                    + "; the three tables are Word tables.")
        reports.append(dict(doc_id=doc_id, agency=rep["agency"], year=rep["year"], template=rep["template"],
                            title=lines[0]["text"], level="provincial", province=rep["province"],
                            file="files/" + fname, format=fmt, split="dev" if n % 2 else "held",
                            text=text, page=page))
        secs = []
        for i, d in enumerate(lines):
            rec = dict(doc_id=doc_id, para_index=i, text=d["text"], kind=d["kind"],
                       label=d.get("label") if d["kind"] == "narrative" else None,
                       mixed=bool(d.get("mixed", False)),
                       generic=d.get("generic") if d["kind"] == "narrative" else None)
            if d.get("unsure"):
                rec["unsure"] = d["unsure"]
            labels.append(rec)
            if d["kind"] == "heading" and re.match(f"^[{CN_NUM}]、", d["text"]):
                secs.append(dict(number=CN_NUM.index(d["text"][0]) + 1, name=d["text"], para_index=i))
        sections.append(dict(doc_id=doc_id, sections=secs))
        tables.append(dict(doc_id=doc_id, template=rep["template"], cells=cells))
    def dump(name, rows):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    dump("reports.jsonl", reports)
    dump("labels.jsonl", labels)
    dump("sections.jsonl", sections)
    dump("tables.jsonl", tables)
    print("reports", len(reports), "lines", len(labels))


if __name__ == "__main__":
    main()
