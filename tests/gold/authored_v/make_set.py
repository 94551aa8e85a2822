"""Build set V (files, reports.jsonl, labels.jsonl, sections.jsonl, tables.jsonl) from reports_*.py.

Run from this folder: python make_set.py. Written by the setv helper without reading the project's code.
"""
import html
import json
import re
from pathlib import Path

import reports_a
import reports_b
import reports_c
import reports_d
import reports_e
from tablegen import build

HERE = Path(__file__).parent
CODES = {"AD": "active_disclosure", "AP": "application", "IM": "info_management", "PL": "platform",
         "OR": "organization", "PR": "problem", "IP": "improvement", "OT": "other"}
LINE = re.compile(r"^(AD|AP|IM|PL|OR|PR|IP|OT)([01])(m?)(?:\?(\w\w))?\s(.+)$")
SECTION_NAMES = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                 "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
TOP = re.compile(r"^[一二三四五六七八九十]+、")
SPAN = {"申请人情况": 7, "法人或其他组织": 5, "行政复议": 5, "行政诉讼": 10, "未经复议直接起诉": 5,
        "复议后起诉": 5, "第二十条第（一）项": 4, "第二十条第（五）项": 4, "第二十条第（六）项": 4,
        "第二十条第（八）项": 4, "第二十条第（九）项": 4}

# per report: whether repeated merged cells of the request table are printed on every row
REPEAT_MERGED = {"V02": True, "V04": False, "V06": False, "V07": True, "V08": False, "V10": True, "V11": False, "V14": False, "V15": False, "V16": True}


def dedupe(rows):
    """Drop label cells repeated from the row above (a merged cell shown once); return rows and rowspans."""
    out, spans = [], []
    prev = []
    for cells in rows:
        nlab = sum(1 for c in cells if not re.fullmatch(r"-?[\d.]*", c))
        keep, span = [], []
        same = True
        for j, c in enumerate(cells):
            if j < nlab - 1 and same and j < len(prev) and prev[j] == c:
                continue
            same = False
            keep.append(c)
            span.append(j)
        out.append(keep)
        spans.append(span)
        prev = cells
    return out, spans


def parse(rep):
    items = []  # (kind, text, label, generic, mixed, unsure, table)
    tables = {}
    cells = []
    if rep["template"] != "old":
        t = rep["tables"]
        lines, cells = build(rep["template"], t["active"], t["requests"], t["rl"], rep.get("blank", ()))
        for name, row in lines:
            tables.setdefault(name, []).append(row)
    items.append(("heading", rep["title"], None, None, False, None, None))
    for raw in rep["lines"].strip().split("\n"):
        if raw.startswith("H "):
            items.append(("heading", raw[2:], None, None, False, None, None))
        elif raw.startswith("M "):
            items.append(("meta", raw[2:], None, None, False, None, None))
        elif raw.startswith("X "):  # a small table of the report's own (old template), cells by tabs
            items.append(("table", raw[2:], None, None, False, None, raw[2:].split("\t")))
        elif raw.startswith("T "):
            rows = tables[raw[2:]]
            rowspans = [[1] * len(r) for r in rows]
            if raw[2:] == "requests" and not REPEAT_MERGED.get(rep["doc_id"], False):
                rows, spans = dedupe(rows)
                rowspans = [[1 + next((n for n, later in enumerate(spans[i + 1:]) if j in later),
                                      len(spans) - i - 1) if j < 3 else 1 for j in sp] for i, sp in enumerate(spans)]
            for row, rs in zip(rows, rowspans, strict=True):
                items.append(("table", "\t".join(row), None, None, False, None, row, rs))
        else:
            m = LINE.match(raw)
            assert m, raw
            items.append(("narrative", m.group(5), CODES[m.group(1)], m.group(2) == "1", m.group(3) == "m",
                          CODES[m.group(4)] if m.group(4) else None, None))
    return items, cells


def sections(rep, items):
    out = []
    heads = [(i, it[1]) for i, it in enumerate(items) if it[0] == "heading"]
    if rep["template"] == "old":
        n = 0
        numbered = any(TOP.match(h) for _, h in heads)
        for i, h in heads:
            # Word's lost numbering (V12): every heading after the title is a section heading
            if TOP.match(h) or (not numbered and i > 0):
                n += 1
                out.append({"number": n, "name": h, "para_index": i})
        return out
    for n, name in enumerate(SECTION_NAMES, 1):
        hit = [(i, h) for i, h in heads if TOP.sub("", h) == name]
        out.append({"number": n, "name": hit[0][1] if hit else name, "para_index": hit[0][0] if hit else None})
    return out


def render_html(rep, items):
    body = []
    i = 1  # items[0] is the title, printed as <h1>
    while i < len(items):
        it = items[i]
        if it[0] == "table":
            rows = []
            while i < len(items) and items[i][0] == "table":
                rows.append((items[i][6], items[i][7] if len(items[i]) > 7 else [1] * len(items[i][6])))
                i += 1
            trs = []
            for row, rs in rows:
                tds = "".join(
                    f'<td colspan="{SPAN[c]}">{html.escape(c)}</td>' if c in SPAN
                    else (f'<td rowspan="{n}">{html.escape(c)}</td>' if n > 1 else f"<td>{html.escape(c)}</td>")
                    for c, n in zip(row, rs, strict=True))
                trs.append(f"<tr>{tds}</tr>")
            body.append('<table border="1" cellspacing="0" class="MsoTableGrid">' + "\n".join(trs) + "</table>")
            continue
        if it[0] == "heading":
            body.append(f"<p><strong>&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(it[1])}</strong></p>")
        elif it[0] == "meta":
            body.append(f'<p style="text-align:right">{html.escape(it[1])}</p>')
        else:
            body.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(it[1])}</p>")
        i += 1
    prov = rep["province"]
    site = {"内蒙古": "内蒙古自治区政务公开平台", "吉林": "吉林省政务公开平台", "河北": "河北省政府信息公开专栏",
            "辽宁": "辽宁省政务公开平台", "黑龙江": "黑龙江省政务公开平台"}.get(prov, prov + "政务公开平台")
    date = next((it[1] for it in reversed(items) if it[0] == "meta" and "年" in it[1]), "")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(rep['title'])}-{site}</title></head>
<body>
<div class="header"><div class="logo">{site}</div><ul class="nav"><li>首页</li><li>政策文件</li><li>政府信息公开年报</li><li>互动交流</li></ul></div>
<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/ndbg/">政府信息公开年报</a></div>
<table class="meta-table">
<tr><td>索引号：</td><td>{rep['doc_id'].lower()}-{rep['year']}-0001</td><td>发布机构：</td><td>{html.escape(rep['agency'])}</td></tr>
<tr><td>标&nbsp;&nbsp;题：</td><td colspan="3">{html.escape(rep['title'])}</td></tr>
<tr><td>发布日期：</td><td>{html.escape(date)}</td><td>主题分类：</td><td>政务公开</td></tr>
</table>
<div class="article"><h1>{html.escape(rep['title'])}</h1>
{chr(10).join(body)}
</div>
<div class="footer">主办单位：{site} 网站标识码：1500000001 <span>【打印本页】【关闭窗口】</span></div>
</body></html>
"""


def render_txt(rep, items):
    lines = [items[0][1], ""]
    for it in items[1:]:
        lines.append(it[1])
    return "\r\n".join(lines) + "\r\n"


def main(reports, pages):
    recs, labels, secs, tabs = [], [], [], []
    for rep in reports:
        items, cells = parse(rep)
        text = "\n".join(it[1] for it in items)
        fname = f"{rep['doc_id']}.{rep['format']}"
        content = render_html(rep, items) if rep["format"] == "html" else render_txt(rep, items)
        (HERE / fname).write_text(content, encoding="utf-8")
        num = int(rep["doc_id"][1:])
        recs.append({"doc_id": rep["doc_id"], "agency": rep["agency"], "year": rep["year"],
                     "template": rep["template"], "title": rep["title"], "level": rep["level"],
                     "province": rep["province"], "file": fname, "format": rep["format"],
                     "split": "dev" if num % 2 else "held", "text": text, "page": pages[rep["doc_id"]]})
        for i, it in enumerate(items):
            r = {"doc_id": rep["doc_id"], "para_index": i, "text": it[1], "kind": it[0], "label": it[2],
                 "mixed": it[4], "generic": it[3]}
            if it[5]:
                r["unsure"] = it[5]
            labels.append(r)
        secs.append({"doc_id": rep["doc_id"], "sections": sections(rep, items)})
        if cells:
            tabs.append({"doc_id": rep["doc_id"], "template": rep["template"], "cells": cells})
    for name, rows in (("reports", recs), ("labels", labels), ("sections", secs), ("tables", tabs)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


PAGES = {
    "V01": "HTML page of a provincial platform: header, nav, breadcrumb, metadata table (索引号, 发布机构, 标题, 发布日期), the article as <p> with &nbsp; indents, headings in <strong>; old template, no table, all figures in prose; sign-off right-aligned.",
    "V02": "Text copied out of Word (UTF-8, CRLF, title line then a blank line): Word's automatic numbering lost, so the six section headings have no 一、…六、 numbers; tables pasted tab-separated, merged cells (三、本年度办理结果, （三）不予公开 …) repeated on every row; every cell filled.",
    "V03": "HTML page of a provincial platform: header, breadcrumb, metadata table, article as <p> with &nbsp; indents; subsections （一）–（五） under 一; tables as <table> with colspan headers; merged cells of the request table shown once (the text keeps them once); the 行政事业性收费 amount cell printed blank (null in tables.jsonl).",
    "V04": "Text copied out of Word (UTF-8, CRLF): section numbers kept; tables pasted tab-separated with merged cells of the request table missing after their first row; 六 lists the next year's 工作要点 one task a line.",
    "V05": "Text copied out of Word (UTF-8, CRLF): old template, figures in prose plus a small table of the bureau's own (主动公开 by category) pasted tab-separated under its caption; numbering kept.",
    "V06": "HTML page of a provincial platform: header, breadcrumb, metadata table, article as <p> with &nbsp; indents; 2019 tables as <table> with colspan headers, merged cells of the request table shown once; the three cells of 其他对外管理服务事项 printed blank (null in tables.jsonl).",
    "V07": "Text copied out of Word (UTF-8, CRLF): numbering kept; 总体情况 written as one run of paragraphs without subsection headings; tables pasted tab-separated, merged cells repeated on every row.",
    "V08": "HTML page of a provincial platform: header, breadcrumb, metadata table, article as <p> with &nbsp; indents; tables as <table> with colspan headers, merged cells of the request table shown once; every cell filled.",
    "V09": "HTML page of a provincial platform: header, breadcrumb, metadata table (发布日期 given in Chinese numerals as in the sign-off), article as <p> with &nbsp; indents; old template, no table, all figures in prose.",
    "V10": "Text copied out of Word (UTF-8, CRLF): Word's automatic numbering lost, so the six section headings have no numbers; 2019 tables pasted tab-separated, merged cells repeated on every row; every cell filled.",
    "V11": "HTML page of a provincial platform: header, breadcrumb, metadata table, article as <p> with &nbsp; indents; subsections （一）–（五） under 一; tables as <table> with colspan/rowspan; the three 处理决定数量 cells (行政许可, 行政处罚, 行政强制) printed blank (null in tables.jsonl).",
    "V12": "Text copied out of Word (UTF-8, CRLF): old template, Word's automatic numbering lost (six section headings without 一、…六、), figures in prose, no table, no section 七.",
    "V13": "HTML page of a provincial platform: header, breadcrumb, metadata table, article as <p> with &nbsp; indents; old template, figures in prose plus a small table of the city's own (主动公开 by channel) under its caption.",
    "V14": "Text copied out of Word (UTF-8, CRLF): numbering kept; subsections 1.–5. under 一; tables pasted tab-separated with merged cells of the request table missing after their first row; every cell filled.",
    "V15": "HTML page of a provincial platform: header, breadcrumb, metadata table, article as <p> with &nbsp; indents; tables as <table> with colspan/rowspan; every cell filled; fee amount a decimal (86.4).",
    "V16": "Text copied out of Word (UTF-8, CRLF): Word's automatic numbering lost (section headings without numbers); tables pasted tab-separated, merged cells repeated on every row; 五 ends with next year's 工作要点 one task a line.",
}

if __name__ == "__main__":
    main([reports_a.V01, reports_a.V02, reports_b.V03, reports_b.V04,
          reports_c.V05, reports_c.V06, reports_c.V07, reports_c.V08,
          reports_d.V09, reports_d.V10, reports_d.V11, reports_d.V12,
          reports_e.V13, reports_e.V14, reports_e.V15, reports_e.V16], PAGES)
