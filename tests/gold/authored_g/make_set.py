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

HERE = Path(__file__).resolve().parent
LABELS = {
    "AD": "active_disclosure", "AP": "application", "IM": "info_management", "PL": "platform",
    "OR": "organization", "PR": "problem", "IV": "improvement", "OT": "other",
}
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
APPLICANT_CODES = dict(zip(["np", "ce", "ri", "sw", "ls", "oo"], APPLICANTS, strict=True))
SECTION_NAMES = {
    "new": ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"],
    "old": ["概述", "主动公开政府信息情况", "依申请公开政府信息情况", "政府信息公开的收费及减免情况",
            "因政府信息公开申请提起行政复议、行政诉讼的情况", "政府信息公开工作存在的主要问题及改进措施",
            "其他需要报告的事项"],
}


def cell(text, rowspan=1, colspan=1):
    return {"text": str(text), "rowspan": rowspan, "colspan": colspan}


# ---------------------------------------------------------------- tables

def fmt(value, blank_zero):
    if value is None or (blank_zero and value == 0):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
    return str(value)


def active_rows(doc):
    """The 主动公开 table: (rows for printing, gold cells)."""
    a = doc["active"]
    rows, cells = [], []

    def nums(row, cols, span_last=1):
        vals = a[row]
        for col, v in zip(cols, vals, strict=True):
            cells.append({"table": "active", "row": row, "col": col, "value": v})
        out = [cell(fmt(v, False)) for v in vals]
        if span_last > 1:
            out[-1]["colspan"] = span_last
        return out

    if doc["template"] == "2021":
        rows += [[cell("第二十条第（一）项", colspan=4)],
                 [cell("信息内容"), cell("本年制发件数"), cell("本年废止件数"), cell("现行有效件数")],
                 [cell("规章")] + nums("regulations", ["issued", "repealed", "in_force"]),
                 [cell("行政规范性文件")] + nums("normative_documents", ["issued", "repealed", "in_force"]),
                 [cell("第二十条第（五）项", colspan=4)],
                 [cell("信息内容"), cell("本年处理决定数量", colspan=3)],
                 [cell("行政许可")] + nums("licensing", ["decisions"], 3),
                 [cell("第二十条第（六）项", colspan=4)],
                 [cell("信息内容"), cell("本年处理决定数量", colspan=3)],
                 [cell("行政处罚")] + nums("punishment", ["decisions"], 3),
                 [cell("行政强制")] + nums("coercion", ["decisions"], 3),
                 [cell("第二十条第（八）项", colspan=4)],
                 [cell("信息内容"), cell("本年收费金额（万元）", colspan=3)],
                 [cell("行政事业性收费")] + nums("fees", ["amount"], 3)]
    else:
        three = ["prev_items", "change", "decisions"]
        rows += [[cell("第二十条第（一）项", colspan=4)],
                 [cell("信息内容"), cell("本年新制作数量"), cell("本年新公开数量"), cell("对外公开总数量")],
                 [cell("规章")] + nums("regulations", ["new_made", "new_published", "total_published"]),
                 [cell("规范性文件")] + nums("normative_documents", ["new_made", "new_published", "total_published"]),
                 [cell("第二十条第（五）项", colspan=4)],
                 [cell("信息内容"), cell("上一年项目数量"), cell("本年增/减"), cell("处理决定数量")],
                 [cell("行政许可")] + nums("licensing", three),
                 [cell("其他对外管理服务事项")] + nums("other_services", three),
                 [cell("第二十条第（六）项", colspan=4)],
                 [cell("信息内容"), cell("上一年项目数量"), cell("本年增/减"), cell("处理决定数量")],
                 [cell("行政处罚")] + nums("punishment", three),
                 [cell("行政强制")] + nums("coercion", three),
                 [cell("第二十条第（八）项", colspan=4)],
                 [cell("信息内容"), cell("上一年项目数量"), cell("本年增/减", colspan=2)],
                 [cell("行政事业性收费")] + nums("fees", ["prev_items", "change"], 2),
                 [cell("第二十条第（九）项", colspan=4)],
                 [cell("信息内容"), cell("采购项目数量"), cell("采购总金额", colspan=2)],
                 [cell("政府集中采购")] + nums("procurement", ["items", "amount"], 2)]
    return rows, cells


REQ_GROUPS = [
    ("（一）予以公开", [("granted", None)]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [("partially_granted", None)]),
    ("（三）不予公开", [("denied_state_secret", "1.属于国家秘密"),
                      ("denied_prohibited", "2.其他法律行政法规禁止公开"),
                      ("denied_security_stability", "3.危及“三安全一稳定”"),
                      ("denied_third_party", "4.保护第三方合法权益"),
                      ("denied_internal_affairs", "5.属于三类内部事务信息"),
                      ("denied_process_info", "6.属于四类过程性信息"),
                      ("denied_enforcement_files", "7.属于行政执法案卷"),
                      ("denied_admin_query", "8.属于行政查询事项")]),
    ("（四）无法提供", [("unavailable_not_held", "1.本机关不掌握相关政府信息"),
                      ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
                      ("unavailable_unclear", "3.补正后申请内容仍不明确")]),
    ("（五）不予处理", [("not_processed_complaint", "1.信访举报投诉类申请"),
                      ("not_processed_duplicate", "2.重复申请"),
                      ("not_processed_publication", "3.要求提供公开出版物"),
                      ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
                      ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息")]),
]
OTHER_2021 = ("（六）其他处理", [
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他")])
OTHER_2019 = ("（六）其他处理", [("other_handling", None)])


def outcome_keys(template):
    groups = REQ_GROUPS + [OTHER_2021 if template == "2021" else OTHER_2019]
    return [key for _, items in groups for key, _ in items], groups


def request_values(doc):
    """Every row of the requests table per applicant column, with the totals the template implies."""
    req = doc["req"]
    keys, _ = outcome_keys(doc["template"])
    table = {}
    for row in ["new_received", "carried_over"] + keys + ["carried_forward"]:
        table[row] = {c: req.get(row, {}).get(c, 0) for c in APPLICANTS}
    if "granted" not in req:  # the remainder of each column, so that the column adds up
        for c in APPLICANTS:
            rest = sum(table[k][c] for k in keys if k != "granted") + table["carried_forward"][c]
            table["granted"][c] = table["new_received"][c] + table["carried_over"][c] - rest
            assert table["granted"][c] >= 0, (doc["doc_id"], c)
    table["total_handled"] = {c: sum(table[k][c] for k in keys) for c in APPLICANTS}
    for row in table.values():
        row["total"] = sum(row[c] for c in APPLICANTS)
    for c in APPLICANTS + ["total"]:
        left = table["new_received"][c] + table["carried_over"][c]
        right = table["total_handled"][c] + table["carried_forward"][c]
        assert left == right, (doc["doc_id"], c, left, right)
    return table


def request_rows(doc):
    table = request_values(doc)
    blank = "requests" in doc.get("blank_zeros", "")
    cols = APPLICANTS + ["total"]
    cells = []

    def nums(row):
        for c in cols:
            v = table[row][c]
            cells.append({"table": "requests", "row": row, "col": c,
                          "value": None if blank and v == 0 else v})
        return [cell(fmt(table[row][c], blank)) for c in cols]

    keys, groups = outcome_keys(doc["template"])
    n_outcome_rows = len(keys) + 1
    rows = [[cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
             cell("申请人情况", colspan=7)],
            [cell("自然人", rowspan=2), cell("法人或其他组织", colspan=5), cell("总计", rowspan=2)],
            [cell("商业企业"), cell("科研机构"), cell("社会公益组织"), cell("法律服务机构"), cell("其他")],
            [cell("一、本年新收政府信息公开申请数量", colspan=3)] + nums("new_received"),
            [cell("二、上年结转政府信息公开申请数量", colspan=3)] + nums("carried_over")]
    first = True
    for group, items in groups:
        for i, (key, sub) in enumerate(items):
            row = []
            if first:
                row.append(cell("三、本年度办理结果", rowspan=n_outcome_rows))
                first = False
            if sub is None:
                row.append(cell(group, colspan=2))
            else:
                if i == 0:
                    row.append(cell(group, rowspan=len(items)))
                row.append(cell(sub))
            rows.append(row + nums(key))
    rows.append([cell("（七）总计", colspan=2)] + nums("total_handled"))
    rows.append([cell("四、结转下年度继续办理", colspan=3)] + nums("carried_forward"))
    return rows, cells


def review_rows(doc):
    cells, numbers = [], []
    for row in ["review", "litigation_direct", "litigation_after_review"]:
        u, c, o, p = doc["rev"].get(row, [0, 0, 0, 0])
        for col, v in zip(["upheld", "corrected", "other_result", "pending", "total"], [u, c, o, p, u + c + o + p], strict=True):
            cells.append({"table": "review_litigation", "row": row, "col": col, "value": v})
            numbers.append(cell(v))
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [[cell("行政复议", colspan=5), cell("行政诉讼", colspan=10)],
            [cell(h, rowspan=2) for h in heads] + [cell("未经复议直接起诉", colspan=5), cell("复议后起诉", colspan=5)],
            [cell(h) for h in heads * 2],
            numbers]
    return rows, cells


TABLE_MAKERS = {"active": active_rows, "requests": request_rows, "review": review_rows}

# ---------------------------------------------------------------- sources


def parse_source(path):
    doc = {"units": [], "active": {}, "req": {}, "rev": {}}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
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
            doc[key] = value.strip()
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
