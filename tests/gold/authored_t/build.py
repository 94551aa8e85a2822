"""Build set T's files and JSONL from the hand-written report content. Run from this folder."""
import html
import json
import pathlib

import tables_lib as tl
from reports_t01_t04 import REPORTS as R1
from reports_t05_t08 import REPORTS as R2
from reports_t09_t12 import REPORTS as R3
from reports_t13_t16 import REPORTS as R4

HERE = pathlib.Path(__file__).parent
REPORTS = list(R1) + list(R2) + list(R3) + list(R4)


def table_lines(rep, which):
    t = rep["template"]
    if which == "active":
        return (tl.active_2021 if t == "2021" else tl.active_2019)(rep["active"])
    if which == "requests":
        return tl.requests_table(t, rep["requests"])
    return tl.review_table(rep["review"])


def expand(rep):
    """-> list of line records (text, kind, label, generic, mixed, unsure, table_cells_or_None), table cells."""
    out, cells = [], []
    for kind, text, label, generic, mixed, unsure in rep["units"]:
        if kind == "tables":
            lines, c = table_lines(rep, text)
            cells += c
            for cl in lines:
                out.append(dict(text="\t".join(cl), kind="table", cells=cl))
            continue
        out.append(dict(text=text, kind=kind, label=label, generic=generic, mixed=mixed, unsure=unsure))
    return out, cells


NAV = """<div class="left-nav"><div class="nav-title">政府信息公开</div><ul class="tree">
<li><a href="../zn/">政府信息公开指南</a></li><li><a href="../zd/">政府信息公开制度</a></li>
<li class="open"><a href="../fdzdgknr/">法定主动公开内容</a><ul><li><a href="#">机构职能</a></li><li><a href="#">政策文件</a></li>
<li><a href="#">财政信息</a></li></ul></li><li class="cur"><a href="./">政府信息公开年报</a></li>
<li><a href="../ysqgk/">依申请公开</a></li></ul></div>"""


def html_page(rep, lines, idx):
    body = []
    grid = None
    for i, ln in enumerate(lines):
        if i == 0:
            continue  # title goes to the h1
        if ln["kind"] == "table":
            if grid is None:
                grid = []
            rest = ln["cells"][1:]
            is_data = any(any(ch.isdigit() for ch in c) for c in rest[-1:]) or (rest and not any(rest))
            cls = "g-row" if is_data else "g-row g-head"
            if rep.get("html_tables") == "table":
                grid.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in ln["cells"]) + "</tr>")
            else:
                grid.append(f'<div class="{cls}">' + "".join(
                    f'<div class="g-cell">{html.escape(c)}</div>' for c in ln["cells"]) + "</div>")
            continue
        if grid is not None:
            if rep.get("html_tables") == "table":
                body.append('<table border="1" cellspacing="0" class="MsoNormalTable">\n<tbody>' + "\n".join(grid) + "</tbody>\n</table>")
            else:
                body.append('<div class="xxgk-grid">\n' + "\n".join(grid) + "\n</div>")
            grid = None
        t = html.escape(ln["text"])
        if ln["kind"] == "heading":
            body.append(f'<p style="text-indent:2em"><strong>{t}</strong></p>')
        elif ln["kind"] == "meta":
            body.append(f'<p style="text-align:right">{t}</p>')
        elif i % 3 == 0:
            body.append(f'<div style="text-indent:2em;line-height:2">{t}</div>')
        else:
            body.append(f'<p style="text-indent:2em">{t}</p>')
    county = rep["agency"][:3]
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(rep['title'])}_{county}政府信息公开平台</title>
<style>.xxgk-grid{{display:table;border-collapse:collapse}}.g-row{{display:table-row}}.g-cell{{display:table-cell;border:1px solid #999;padding:2px 6px}}</style></head>
<body><div class="top-bar">{county}人民政府 | 无障碍 | 长者模式</div>
<div class="container">{NAV}
<div class="main"><div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="./">政府信息公开年报</a></div>
<div class="xxgk-meta"><div><span>索引号：</span>{idx}</div><div><span>主题分类：</span>其他</div>
<div><span>发布机构：</span>{html.escape(rep['agency'])}</div><div><span>成文日期：</span>{rep['year'] + 1}-01-20</div></div>
<h1 class="art-title">{html.escape(rep['title'])}</h1>
<div class="art-info">发布时间：{rep['year'] + 1}-01-25 来源：{html.escape(rep['agency'])} 浏览次数：<span id="hits">0</span> 【字体：大 中 小】</div>
<div class="TRS_Editor">
{chr(10).join(body)}
</div>
<div class="fujian">附件：<ul><li><a href="./P020{rep['year'] + 1}0125.pdf">{html.escape(rep['title'])}.pdf</a></li></ul></div>
<div class="share">分享到：微信 微博 【打印本页】【关闭窗口】</div></div></div>
<div class="footer">主办单位：{county}人民政府办公室 网站标识码：3311xx0001 备案号：ICP备案号略</div></body></html>
"""


def txt_file(rep, lines, sep):
    out = []
    for ln in lines:
        out.append(sep.join(ln["cells"]) if ln["kind"] == "table" else ln["text"])
    return "\n".join(out) + "\n"


def main():
    reps, labels, secs, tabs = [], [], [], []
    for n, rep in enumerate(REPORTS):
        lines, cells = expand(rep)
        text = "\n".join(ln["text"] for ln in lines)
        if rep["format"] == "html":
            (HERE / rep["file"]).write_text(html_page(rep, lines, f"0033{n:02d}-{rep['year'] + 1}-0001"), encoding="utf-8")
        else:
            data = txt_file(rep, lines, rep.get("sep", "\t"))
            (HERE / rep["file"]).write_bytes(data.encode(rep.get("encoding", "utf-8")))
        num = int(rep["doc_id"][1:])
        reps.append({k: rep[k] for k in ("doc_id", "agency", "year", "template", "title", "level", "province",
                                         "file", "format")} | {"split": "dev" if num % 2 else "held",
                                                               "text": text, "page": rep["page"]})
        for i, ln in enumerate(lines):
            rec = {"doc_id": rep["doc_id"], "para_index": i, "text": ln["text"], "kind": ln["kind"],
                   "label": ln.get("label") if ln["kind"] == "narrative" else None,
                   "mixed": bool(ln.get("mixed")) if ln["kind"] == "narrative" else False,
                   "generic": bool(ln.get("generic")) if ln["kind"] == "narrative" else None}
            if ln.get("unsure"):
                rec["unsure"] = ln["unsure"]
            labels.append(rec)
        names = rep.get("section_names") or SECNAMES
        s = []
        for k, name in enumerate(names, 1):
            pi = next((i for i, ln in enumerate(lines) if ln["kind"] == "heading" and ln["text"] == name), None)
            s.append({"number": k, "name": name, "para_index": pi})
        secs.append({"doc_id": rep["doc_id"], "sections": s})
        if rep["template"] in ("2019", "2021"):
            tabs.append({"doc_id": rep["doc_id"], "template": rep["template"], "cells": cells})
    for name, rows in (("reports", reps), ("labels", labels), ("sections", secs), ("tables", tabs)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


SECNAMES = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]

if __name__ == "__main__":
    main()
