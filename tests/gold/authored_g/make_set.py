"""Build set G from its sources (src/G??.txt): the clean text, the labels, the sections,
the tables and the files (.txt as pasted from a web page, .html as a CMS serves it).

Run from anywhere: ``python tests/gold/authored_g/make_set.py``. Uses only the standard library.

Source format (one paragraph a line, ``codes | text``):
  ``t``           the report's title (kind heading)
  ``h``           a subsection heading (kind heading)
  ``sN``/``sN,M`` a section heading opening template section N (N,M: one heading for two merged sections)
  ``cap``         a picture's caption (kind heading; the HTML shows the picture above it)
  ``m``           meta (sign-off, attachment notes that are furniture)
  ``LB g|s [mx] [u=LB] [br]`` a narrative unit: label code, generic (g) or specific (s), mixed,
                  unsure (the other label considered), br = joined to the previous paragraph by <br> in HTML
  ``@table active|requests|review``  the statistical table at this point (its lines are kind table)
  ``@key value``  report metadata; ``@active.ROW v v v``, ``@req.ROW np=1 ce=2``, ``@rev.ROW u c o p``
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from template_tables import APPLICANT_CODES, TABLE_MAKERS, request_values

HERE = Path(__file__).resolve().parent
LABELS = {
    "AD": "active_disclosure", "AP": "application", "IM": "info_management", "PL": "platform",
    "OR": "organization", "PR": "problem", "IV": "improvement", "OT": "other",
}
SECTION_NAMES = {
    "new": ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"],
    "old": ["概述", "主动公开政府信息情况", "依申请公开政府信息情况", "政府信息公开的收费及减免情况",
            "因政府信息公开申请提起行政复议、行政诉讼的情况", "政府信息公开工作存在的主要问题及改进措施",
            "其他需要报告的事项"],
}


# ---------------------------------------------------------------- sources


def parse_source(path):
    doc = {"units": [], "active": {}, "req": {}, "rev": {}}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip(" \t\r")
        if not line or line.startswith("#"):
            continue
        if line.startswith("@active."):
            key, *vals = line[8:].split()
            doc["active"][key] = [float(v) if "." in v else int(v) for v in vals]
        elif line.startswith("@req."):
            key, *pairs = line[5:].split()
            doc["req"][key] = {APPLICANT_CODES[p.split("=")[0]]: int(p.split("=")[1]) for p in pairs}
        elif line.startswith("@rev."):
            key, *vals = line[5:].split()
            doc["rev"][key] = [int(v) for v in vals]
        elif line.startswith("@table "):
            doc["units"].append({"table": line.split()[1]})
        elif line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            doc[key] = value.strip(" \t")  # keep full-width spaces (the txt indent)
        else:
            codes, sep, text = line.partition(" | ")
            assert sep, (path.name, line)
            doc["units"].append({"codes": codes.split(), "text": text.strip()})
    return doc


def fill_figures(doc, text):
    """Put the requests table's figures into the narrative ({granted} = its total, {granted.np} one column),
    so that the prose agrees with the table."""
    if "{" not in text:
        return text
    table = request_values(doc)

    def one(m):
        col = APPLICANT_CODES.get(m.group(2), "total")
        return str(table[m.group(1)][col])
    return re.sub(r"\{(\w+)(?:\.(\w+))?\}", one, text)


def build(doc):
    """Lines of the clean text with their label records, the sections and the table cells."""
    lines, labels, gold_cells, printed = [], [], [], []
    sections = {}
    for unit in doc["units"]:
        if "table" in unit:
            rows, cells = TABLE_MAKERS[unit["table"]](doc)
            gold_cells += cells
            printed.append({"kind": "table", "rows": rows, "first": len(lines)})
            for row in rows:
                text = "\t".join(c["text"] for c in row)
                lines.append(text)
                labels.append({"kind": "table", "label": None, "mixed": False, "generic": None})
            continue
        codes, text = unit["codes"], fill_figures(doc, unit["text"])
        head = codes[0]
        record = {"kind": "narrative", "label": None, "mixed": False, "generic": None}
        if head in ("t", "h", "cap"):
            record["kind"] = "heading"
        elif head == "m":
            record["kind"] = "meta"
        elif head.startswith("s") and head[1:2].isdigit():
            record["kind"] = "heading"
            for n in head[1:].split(","):
                sections[int(n)] = len(lines)
        else:
            record["label"] = LABELS[head]
            record["generic"] = {"g": True, "s": False}[codes[1]]
            record["mixed"] = "mx" in codes
            for c in codes[2:]:
                if c.startswith("u="):
                    record["unsure"] = LABELS[c[2:]]
        printed.append({"kind": record["kind"], "text": text, "br": "br" in codes,
                        "title": head == "t", "caption": head == "cap", "index": len(lines)})
        lines.append(text)
        labels.append(record)
    return lines, labels, sections, gold_cells, printed


# ---------------------------------------------------------------- files

def txt_file(doc, printed):
    """The report as pasted from a web page into a text editor: one paragraph a line."""
    indent = doc.get("txt_indent", "")
    out = []
    for p in printed:
        if p["kind"] == "table":
            for row in p["rows"]:
                texts = [c["text"] for c in row]
                if doc.get("txt_tables") == "space":
                    out.append("  ".join(t if t else "  " for t in texts))
                else:
                    out.append("\t".join(texts))
        else:
            out.append((indent if p["kind"] == "narrative" else "") + p["text"])
    blank = "\n\n" if doc.get("txt_blank_lines") else "\n"
    return blank.join(out) + "\n"


def html_table(rows):
    parts = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse" width="100%"><tbody>']
    for row in rows:
        parts.append("<tr>")
        for c in row:
            attrs = ""
            if c["rowspan"] > 1:
                attrs += f' rowspan="{c["rowspan"]}"'
            if c["colspan"] > 1:
                attrs += f' colspan="{c["colspan"]}"'
            text = html.escape(c["text"]) if c["text"] else "&nbsp;"
            parts.append(f'<td{attrs} valign="middle"><p style="text-align:center"><span style="font-size:12px">{text}</span></p></td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)


def html_file(doc, printed):
    """The report as a government site's CMS serves it, with the site furniture around the article."""
    site = doc["site"]
    indent = {"nbsp": "&nbsp;&nbsp;&nbsp;&nbsp;", "ideo": "\u3000\u3000", "css": ""}[doc.get("html_indent", "ideo")]
    pstyle = ' style="text-indent:2em"' if doc.get("html_indent") == "css" else ""
    body, open_p = [], None
    for p in printed:
        if p["kind"] == "table":
            if open_p:
                body.append(open_p + "</p>")
                open_p = None
            body.append(html_table(p["rows"]))
            continue
        if p["title"]:
            continue  # the title is the page's <h1>
        text = html.escape(p["text"], quote=False)
        if p["caption"]:  # a picture with its caption under it, as CMS editors insert them
            if open_p:
                body.append(open_p + "</p>")
                open_p = None
            body.append(f'<p style="text-align:center"><img src="/picture/0/{doc["index"][-5:]}{p["index"]}.jpg" '
                        f'border="0" width="600"></p>')
            body.append(f'<p style="text-align:center">{text}</p>')
            continue
        if p["kind"] == "heading":
            text = f"<strong>{text}</strong>"
        if p["br"] and open_p:
            open_p += f"<br/>{indent}{text}"
            continue
        if open_p:
            body.append(open_p + "</p>")
        align = ' style="text-align:right"' if p["kind"] == "meta" else pstyle
        open_p = f"<p{align}>{'' if p['kind'] == 'meta' else indent}{text}"
    if open_p:
        body.append(open_p + "</p>")
    nav = "".join(f'<li><a href="/col/col{i}/index.html">{n}</a></li>'
                  for i, n in enumerate(["首页", "要闻动态", "政务公开", "政务服务", "互动交流", "专题专栏"], 1))
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(doc['title'])}_{site}</title>
<meta name="ArticleTitle" content="{html.escape(doc['title'])}">
<meta name="PubDate" content="{doc['pubdate']}">
<link rel="stylesheet" href="/css/main.css">
<script src="/js/jquery.min.js"></script>
</head>
<body>
<div class="top-bar"><span>无障碍浏览</span> | <span>长者模式</span> | <a href="/">English</a></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{site}"></div>
<div class="search"><input type="text" placeholder="请输入关键字"><button>搜索</button></div></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/col/col3/">政务公开</a> &gt; <a href="/col/col31/">政府信息公开年报</a></div>
<div class="xxgk-info"><table class="info-table">
<tr><td>索引号：</td><td>{doc['index']}</td><td>发布机构：</td><td>{doc['agency']}</td></tr>
<tr><td>发布日期：</td><td>{doc['pubdate']}</td><td>主题分类：</td><td>政务公开</td></tr>
</table></div>
<div class="article">
<h1 class="article-title">{html.escape(doc['title'])}</h1>
<div class="article-sub"><span>来源：{doc['agency']}</span><span>发布时间：{doc['pubdate']}</span><span>浏览次数：<em id="hits">1{doc['year'][-2:]}6</em></span><span>字号：<a>大</a> <a>中</a> <a>小</a></span></div>
<div class="{doc.get('content_class', 'TRS_Editor')}" id="zoom">
{chr(10).join(body)}
</div>
<div class="article-tools">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
</div>
<div class="footer"><p>主办单位：{doc['agency']}&nbsp;&nbsp;网站标识码：{doc['index'][:10]}</p>
<p>{doc.get('icp', '备案号')}&nbsp;&nbsp;公网安备 {doc['year']}0102000{len(site)}号</p></div>
</body>
</html>
"""


# ---------------------------------------------------------------- main

def main():
    reports, all_labels, all_sections, all_tables = [], [], [], []
    for path in sorted((HERE / "src").glob("G*.txt")):
        doc = parse_source(path)
        lines, labels, sections, cells, printed = build(doc)
        name = f"{doc['doc_id']}.{doc['format']}"
        content = txt_file(doc, printed) if doc["format"] == "txt" else html_file(doc, printed)
        encoding = doc.get("encoding", "utf-8")
        (HERE / name).write_bytes(content.encode(encoding))
        n = int(doc["doc_id"][1:])
        reports.append({k: doc[k] for k in ["doc_id", "agency"]} | {
            "year": int(doc["year"]), "template": doc["template"], "title": doc["title"],
            "level": doc["level"], "province": doc["province"], "file": name, "format": doc["format"],
            "split": "dev" if n % 2 else "held", "text": "\n".join(lines), "page": doc["page"]})
        for i, (line, rec) in enumerate(zip(lines, labels, strict=True)):
            if line.strip():
                all_labels.append({"doc_id": doc["doc_id"], "para_index": i, "text": line} | rec)
        names = SECTION_NAMES["old" if doc["template"] == "old" else "new"]
        all_sections.append({"doc_id": doc["doc_id"], "template": doc["template"], "sections": [
            {"number": i, "name": nm, "para_index": sections.get(i)} for i, nm in enumerate(names, 1)]})
        if doc["template"] != "old":
            all_tables.append({"doc_id": doc["doc_id"], "template": doc["template"], "cells": cells})
    for fname, rows in [("reports.jsonl", reports), ("labels.jsonl", all_labels),
                        ("sections.jsonl", all_sections), ("tables.jsonl", all_tables)]:
        with open(HERE / fname, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(reports)} reports, {len(all_labels)} label records")


if __name__ == "__main__":
    main()
