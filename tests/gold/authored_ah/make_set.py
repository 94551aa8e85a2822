"""Build set AH: report files (.html / .docx) and the gold files from the texts in ah_texts*.py.
Run: /work/main/.venv/bin/python make_set.py"""
import html
import json
import os
import re

from ah_tables import Fmt, active_tables, requests_table, review_tables, row_lines, split_cells

HERE = os.path.dirname(os.path.abspath(__file__))
LAB = {"A": "active_disclosure", "P": "application", "I": "info_management", "L": "platform",
       "O": "organization", "R": "problem", "V": "improvement", "X": "other"}
CODE = re.compile(r"^([APILORVX])([01])(m?)(?:/([APILORVX]))? (.+)$")
SEC = re.compile(r"^([一二三四五六])、")
NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def load_reports():
    from ah_texts1 import REPORTS as R1
    try:
        from ah_texts2 import REPORTS as R2
    except ImportError:
        R2 = []
    return sorted(R1 + R2, key=lambda r: r["id"])


def build(rep):
    """returns list of blocks: ('line', kind, text, rec) or ('table', grids-with-layout)"""
    t = rep["template"]
    fmt = Fmt(rep.get("style"))
    items = []  # (kind, text, label, generic, mixed, unsure) or ("TABLE", name, [grid layouts])
    keys = []
    for raw in rep["body"].strip().split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        if raw in ("T2", "T3", "T4"):
            if raw == "T2":
                grids, k = active_tables(rep["active"], t, fmt, split4=rep.get("split4", False),
                                         extra_total=rep.get("active_total", False))
                parts = [[(g.caption, g.layout())] for g in grids]
            elif raw == "T3":
                g, k, m = requests_table(rep["requests"], t, fmt, transposed=rep.get("transposed", False))
                rep["_m"] = m
                cells, nr, nc = g.layout()
                if rep["format"] == "docx":
                    (a, na), (b, nb) = split_cells(cells, nr, rep.get("break_at", 14))
                    parts = [[(None, (a, na, nc)), (None, (b, nb, nc))]]
                else:
                    parts = [[(None, (cells, nr, nc))]]
            else:
                grids, k = review_tables(rep["review"], fmt, split2=rep.get("review_split", False),
                                         extra_total=rep.get("review_total", False))
                parts = [[(g.caption, g.layout())] for g in grids]
            keys += k
            items.append(("TABLE", raw, parts))
            continue
        if raw.startswith("H "):
            items.append(("heading", raw[2:], None, None, False, None))
            continue
        if raw.startswith("M "):
            items.append(("meta", raw[2:], None, None, False, None))
            continue
        mo = CODE.match(raw)
        assert mo, (rep["id"], raw)
        items.append(("narrative", mo.group(5), LAB[mo.group(1)], mo.group(2) == "1", bool(mo.group(3)),
                      LAB[mo.group(4)] if mo.group(4) else None))
    return items, keys


def text_records(rep, items):
    recs = []
    def add(kind, text, label=None, generic=None, mixed=False, unsure=None):
        r = {"doc_id": rep["id"], "para_index": len(recs), "text": text, "kind": kind, "label": label,
             "mixed": mixed, "generic": generic if kind == "narrative" else None}
        if unsure:
            r["unsure"] = unsure
        recs.append(r)
    if rep["format"] == "html":
        add("meta", rep["crumb"])
    add("heading", rep["title"])
    if rep["format"] == "html":
        add("meta", "发布时间：{}　来源：{}".format(rep["pubdate"], rep["agency"]))
    for it in items:
        if it[0] == "TABLE":
            for part in it[2]:
                for cap, (cells, nr, _nc) in part:
                    if cap:
                        add("heading", cap)
                    for ln in row_lines(cells, nr):
                        add("table", ln)
        else:
            add(*it)
    add("meta", rep["agency"])
    add("meta", rep["signdate"])
    return recs


# ---------------- files ----------------
def html_table(cells, nr):
    out = ['<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;width:100%">']
    for r in range(nr):
        out.append("<tr>")
        for x in sorted([x for x in cells if x[0] == r], key=lambda x: x[1]):
            attrs = ""
            if x[2] > 1:
                attrs += f' rowspan="{x[2]:d}"'
            if x[3] > 1:
                attrs += f' colspan="{x[3]:d}"'
            out.append(f'<td{attrs} style="text-align:center">{html.escape(x[4])}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def write_html(rep, items, path):
    site = rep["site"]
    e = html.escape
    body = []
    for it in items:
        if it[0] == "TABLE":
            for part in it[2]:
                for cap, (cells, nr, _nc) in part:
                    if cap:
                        body.append(f'<p style="text-align:center"><strong>{e(cap)}</strong></p>')
                    body.append(html_table(cells, nr))
        elif it[0] == "heading":
            body.append(f'<p style="text-indent:2em"><strong>{e(it[1])}</strong></p>')
        else:
            body.append(f'<p style="text-indent:2em">{e(it[1])}</p>')
    idx = rep["index_no"]
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{e(rep['title'])}-{e(site)}</title></head>
<body>
<div class="top-bar"><span>{e(site)}</span> <a href="#">无障碍浏览</a> <a href="#">长者模式</a> <a href="#">English</a></div>
<div class="nav"><ul><li><a href="#">首页</a></li><li><a href="#">走进{e(rep['county'])}</a></li><li><a href="#">政务公开</a></li><li><a href="#">政务服务</a></li><li><a href="#">互动交流</a></li></ul></div>
<div class="crumb">{e(rep['crumb'])}</div>
<table class="xxgk-meta">
<tr><th>索引号：</th><td>{e(idx)}</td><th>信息分类：</th><td>政府信息公开年度报告</td></tr>
<tr><th>发布机构：</th><td>{e(rep['agency'])}</td><th>生成日期：</th><td>{e(rep['pubdate'])}</td></tr>
<tr><th>文　　号：</th><td></td><th>有效性：</th><td>有效</td></tr>
</table>
<div class="article">
<h1 style="text-align:center">{e(rep['title'])}</h1>
<div class="info">发布时间：{e(rep['pubdate'])}　来源：{e(rep['agency'])}　<span>字体：[大 中 小]</span>　<a href="#">打印</a></div>
<div class="content">
{chr(10).join(body)}
<p style="text-align:right">{e(rep['agency'])}</p>
<p style="text-align:right">{e(rep['signdate'])}</p>
</div></div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="footer"><p>主办单位：{e(rep['county'])}人民政府办公室　承办单位：{e(rep['county'])}大数据中心</p>
<p>网站标识码：{e(rep['site_code'])}　{e(rep['icp'])}</p><p>建议使用1366×768分辨率浏览</p></div>
</body></html>
"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)


def write_docx(rep, items, path):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.font.size = Pt(16)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(rep["title"])
    r.bold = True
    r.font.size = Pt(22)
    def table(cells, nr, nc):
        t = doc.add_table(rows=nr, cols=nc)
        t.style = "Table Grid"
        for rr, c, rs, cs, text in cells:
            a = t.cell(rr, c)
            if rs > 1 or cs > 1:
                a = a.merge(t.cell(rr + rs - 1, c + cs - 1))
            a.text = text
            for pp in a.paragraphs:
                for run in pp.runs:
                    run.font.size = Pt(9)
    for it in items:
        if it[0] == "TABLE":
            for part in it[2]:
                for i, (cap, (cells, nr, nc)) in enumerate(part):
                    if cap:
                        q = doc.add_paragraph()
                        q.alignment = WD_ALIGN_PARAGRAPH.CENTER
                        q.add_run(cap).bold = True
                    if i > 0:  # the page broke inside the table: Word shows two tables
                        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                    table(cells, nr, nc)
        elif it[0] == "heading":
            q = doc.add_paragraph()
            q.paragraph_format.first_line_indent = Pt(32)
            q.add_run(it[1]).bold = True
        else:
            q = doc.add_paragraph(it[1])
            q.paragraph_format.first_line_indent = Pt(32)
    for s in (rep["agency"], rep["signdate"]):
        q = doc.add_paragraph(s)
        q.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(path)


def main():
    reps = load_reports()
    out = {k: open(os.path.join(HERE, k + ".jsonl"), "w", encoding="utf-8")
           for k in ("reports", "labels", "sections", "tables")}
    for rep in reps:
        items, keys = build(rep)
        recs = text_records(rep, items)
        fname = "{}.{}".format(rep["id"], rep["format"])
        if rep["format"] == "html":
            write_html(rep, items, os.path.join(HERE, fname))
        else:
            write_docx(rep, items, os.path.join(HERE, fname))
        n = int(rep["id"][2:])
        row = {"doc_id": rep["id"], "agency": rep["agency"], "year": rep["year"], "template": rep["template"],
               "title": rep["title"], "level": rep["level"], "province": rep["province"], "file": fname,
               "format": rep["format"], "split": "dev" if n % 2 else "held",
               "text": "\n".join(r["text"] for r in recs), "page": rep["page"]}
        out["reports"].write(json.dumps(row, ensure_ascii=False) + "\n")
        for r in recs:
            out["labels"].write(json.dumps(r, ensure_ascii=False) + "\n")
        secs = []
        for r in recs:
            m = SEC.match(r["text"])
            if r["kind"] == "heading" and m:
                secs.append({"number": NUM[m.group(1)], "name": r["text"], "para_index": r["para_index"]})
        out["sections"].write(json.dumps({"doc_id": rep["id"], "sections": secs}, ensure_ascii=False) + "\n")
        out["tables"].write(json.dumps({"doc_id": rep["id"], "template": rep["template"], "cells": keys},
                                       ensure_ascii=False) + "\n")
    for f in out.values():
        f.close()
    print("built", len(reps), "reports")


if __name__ == "__main__":
    main()
