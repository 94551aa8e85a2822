"""Write set N (authored, clean room): report files, reports/labels/sections/tables jsonl.

Each report is written below as a list of lines:
  ("h", sec, text)           heading; sec = section number it opens (or None for a sub-heading)
  ("n", label, generic, text[, extra])  narrative unit; extra: {"mixed": True} / {"unsure": "label"}
  ("m", text)                meta line (sign-off date etc. counted as narrative where content)
  ("T", tables)              the three 2021/2019 tables, rendered from a figures dict
Run: /work/main/.venv/bin/python tests/gold/authored_n/make_set.py
"""
import html
import json
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).parent
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
REQ_ROWS_2021 = [
    ("new_received", ["一、本年新收政府信息公开申请数量"]),
    ("carried_over", ["二、上年结转政府信息公开申请数量"]),
    ("granted", ["三、本年度办理结果", "（一）予以公开"]),
    ("partially_granted", ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]),
    ("denied_state_secret", ["（三）不予公开", "1.属于国家秘密"]),
    ("denied_prohibited", ["2.其他法律行政法规禁止公开"]),
    ("denied_security_stability", ["3.危及“三安全一稳定”"]),
    ("denied_third_party", ["4.保护第三方合法权益"]),
    ("denied_internal_affairs", ["5.属于三类内部事务信息"]),
    ("denied_process_info", ["6.属于四类过程性信息"]),
    ("denied_enforcement_files", ["7.属于行政执法案卷"]),
    ("denied_admin_query", ["8.属于行政查询事项"]),
    ("unavailable_not_held", ["（四）无法提供", "1.本机关不掌握相关政府信息"]),
    ("unavailable_needs_creation", ["2.没有现成信息需要另行制作"]),
    ("unavailable_unclear", ["3.补正后申请内容仍不明确"]),
    ("not_processed_complaint", ["（五）不予处理", "1.信访举报投诉类申请"]),
    ("not_processed_duplicate", ["2.重复申请"]),
    ("not_processed_publication", ["3.要求提供公开出版物"]),
    ("not_processed_mass_repeat", ["4.无正当理由大量反复申请"]),
    ("not_processed_confirmation", ["5.要求行政机关确认或重新出具已获取信息"]),
    ("other_overdue_correction", ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
    ("other_unpaid_fee", ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
    ("other_misc", ["3.其他"]),
    ("total_handled", ["（七）总计"]),
    ("carried_forward", ["四、结转下年度继续办理"]),
]
OUTCOMES = [k for k, _ in REQ_ROWS_2021[2:-2]]
RL_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


REQ_ROWS_2019 = REQ_ROWS_2021[:20] + [("other_handling", ["（六）其他处理"])] + REQ_ROWS_2021[-2:]
OUTCOMES_2019 = [k for k, _ in REQ_ROWS_2019[2:-2]]


def active_2019(a):
    """2019 template table 二: a = {row: [values in the template's column order]}."""
    cells, body = [], [["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]]
    for key, name in (("regulations", "规章"), ("normative_documents", "规范性文件")):
        body.append([name] + [str(v) for v in a[key]])
        cells += [{"table": "active", "row": key, "col": c, "value": v}
                  for c, v in zip(("new_made", "new_published", "total_published"), a[key], strict=True)]
    groups = (("第二十条第（五）项", (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
              ("第二十条第（六）项", (("punishment", "行政处罚"), ("coercion", "行政强制"))))
    for title, rows in groups:
        body += [[title], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]]
        for key, name in rows:
            body.append([name] + [str(v) for v in a[key]])
            cells += [{"table": "active", "row": key, "col": c, "value": v}
                      for c, v in zip(("prev_items", "change", "decisions"), a[key], strict=True)]
    body += [["第二十条第（八）项"], ["信息内容", "上一年项目数量", "本年增/减"],
             ["行政事业性收费"] + [str(v) for v in a["fees"]],
             ["第二十条第（九）项"], ["信息内容", "采购项目数量", "采购总金额"],
             ["政府集中采购"] + [str(v) for v in a["procurement"]]]
    cells += [{"table": "active", "row": "fees", "col": c, "value": v} for c, v in zip(("prev_items", "change"), a["fees"], strict=True)]
    cells += [{"table": "active", "row": "procurement", "col": c, "value": v}
              for c, v in zip(("items", "amount"), a["procurement"], strict=True)]
    return ("二、主动公开政府信息情况", body), cells


def active_2021(a):
    """2021 template table 二."""
    cells = []
    body = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]]
    for key, name in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        body.append([name] + [str(v) for v in a[key]])
        cells += [{"table": "active", "row": key, "col": c, "value": v}
                  for c, v in zip(("issued", "repealed", "in_force"), a[key], strict=True)]
    body += [["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", str(a["licensing"])],
             ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"]]
    cells.append({"table": "active", "row": "licensing", "col": "decisions", "value": a["licensing"]})
    for key, name in (("punishment", "行政处罚"), ("coercion", "行政强制")):
        body.append([name, str(a[key])])
        cells.append({"table": "active", "row": key, "col": "decisions", "value": a[key]})
    body += [["第二十条第（八）项"], ["信息内容", "本年收费金额（万元）"], ["行政事业性收费", str(a["fees"])]]
    cells.append({"table": "active", "row": "fees", "col": "amount", "value": a["fees"]})
    return ("二、主动公开政府信息情况", body), cells


def tables_2021(fig, template="2021"):
    """fig: {"active": {...}, "requests": {row: [6 applicant values]}, "review": {row: [4]}}.
    Returns (blocks, cells); a block is (title, header rows, body rows); each row a list of cells."""
    cells, blocks = [], []
    a = fig["active"]
    req_rows, outcomes = (REQ_ROWS_2021, OUTCOMES) if template == "2021" else (REQ_ROWS_2019, OUTCOMES_2019)
    if template == "2019":
        block, cells = active_2019(a)
        blocks.append(block)
    else:
        block, cells = active_2021(a)
        blocks.append(block)
    r = fig["requests"]
    rows = {k: r.get(k, [0] * 6) for k, _ in req_rows}
    rows["total_handled"] = [sum(rows[o][i] for o in outcomes) for i in range(6)]
    body = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
            ["自然人", "法人或其他组织", "总计"],
            ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    for key, labels in req_rows:
        vals = rows[key] + [sum(rows[key])]
        body.append(labels + [str(v) for v in vals])
        cells += [{"table": "requests", "row": key, "col": c, "value": v}
                  for c, v in zip(APPLICANTS + ["total"], vals, strict=True)]
    blocks.append(("三、收到和处理政府信息公开申请情况", body))
    rv = fig.get("review", {})
    body = [["行政复议", "行政诉讼"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]
    line = []
    for key in ("review", "litigation_direct", "litigation_after_review"):
        v = rv.get(key, [0] * 4)
        v = v + [sum(v)]
        line += [str(x) for x in v]
        cells += [{"table": "review_litigation", "row": key, "col": c, "value": x}
                  for c, x in zip(RL_COLS, v, strict=True)]
    body.append(line)
    blocks.append(("四、政府信息公开行政复议、行政诉讼情况", body))
    return blocks, cells


def build(rep):
    """Flatten the report's lines into text lines, label records, sections and docx/html parts."""
    lines, labels, sections, parts = [], [], {}, []
    doc_id = rep["doc_id"]

    def add(text, kind, label=None, generic=None, extra=None):
        rec = {"doc_id": doc_id, "para_index": len(lines), "text": text, "kind": kind,
               "label": label, "mixed": False, "generic": generic}
        rec.update(extra or {})
        labels.append(rec)
        lines.append(text)
        return rec["para_index"]

    for item in rep["body"]:
        tag = item[0]
        if tag == "h":
            sec, text = item[1], item[2]
            level = item[3] if len(item) > 3 else (1 if sec else 2)
            i = add(text, "heading")
            if sec:
                sections[sec] = i
            parts.append(("h", text, level))
        elif tag == "n":
            label, generic, text = item[1:4]
            add(text, "narrative", label, generic, item[4] if len(item) > 4 else None)
            parts.append(("p", text))
        elif tag == "m":
            add(item[1], "meta")
            parts.append(("p", item[1]))
        elif tag == "T":
            title, body = item[1]
            if title:
                i = add(title, "heading")
                sections[int("一二三四五六".index(title[0]) + 1)] = i
                parts.append(("h", title, 1))
            for row in body:
                add("\t".join(row), "table")
            parts.append(("t", body))
    return lines, labels, sections, parts


def write_docx(path, rep, parts):
    d = docx.Document()
    styles = rep.get("docx_headings") == "styles"
    d.add_paragraph(rep["title"]).runs[0].bold = True
    for p in parts:
        if p[0] == "h":
            if styles:
                d.add_paragraph(p[1], style=f"Heading {min(p[2], 3)}")
            else:
                r = d.add_paragraph().add_run(p[1])
                r.bold = True
                r.font.size = Pt(14 if p[2] == 1 else 12)
        elif p[0] == "p":
            d.add_paragraph(p[1])
        else:
            body = p[1]
            width = max(len(r) for r in body)
            t = d.add_table(rows=len(body), cols=width)
            t.style = "Table Grid"
            for ri, row in enumerate(body):
                if len(row) < width:  # merge the row's last cell to the right edge (header spans)
                    t.cell(ri, len(row) - 1).merge(t.cell(ri, width - 1))
                for ci, c in enumerate(row):
                    t.cell(ri, ci).text = c
    d.save(path)


def write_html(path, rep, parts):
    e = html.escape
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'>",
           f"<title>{e(rep['title'])}_{e(rep['portal'])}</title></head><body>",
           f"<div class='header'><div class='logo'>{e(rep['portal'])}</div>",
           "<ul class='nav'><li><a href='/'>首页</a></li><li><a href='/zwgk/'>政务公开</a></li>"
           "<li><a href='/bsfw/'>办事服务</a></li><li><a href='/hdjl/'>互动交流</a></li></ul></div>",
           "<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; <a href='/zwgk/'>政府信息公开</a> &gt; 政府信息公开年报</div>",
           "<table class='meta'><tr><td>索引号：</td><td>" + e(rep["index_no"]) + "</td><td>发布机构：</td><td>"
           + e(rep["agency"]) + "</td></tr><tr><td>发布日期：</td><td>" + e(rep["pub_date"])
           + "</td><td>分类：</td><td>政府信息公开年报</td></tr></table>",
           f"<h1 class='title'>{e(rep['title'])}</h1>", "<div class='TRS_Editor' id='zoom'>"]
    h3 = rep.get("html_headings") == "h3"
    for p in parts:
        if p[0] == "h":
            out.append(f"<h3>{e(p[1])}</h3>" if h3 and p[2] == 1 else f"<p><strong>{e(p[1])}</strong></p>")
        elif p[0] == "p":
            out.append(f"<p>{e(p[1])}</p>")
        else:
            body = p[1]
            width = max(len(r) for r in body)
            out.append("<table border='1'>")
            for row in body:
                tds = [f"<td>{e(c)}</td>" for c in row[:-1]]
                span = width - len(row) + 1
                tds.append(f"<td colspan='{span}'>{e(row[-1])}</td>" if span > 1 else f"<td>{e(row[-1])}</td>")
                out.append("<tr>" + "".join(tds) + "</tr>")
            out.append("</table>")
    out += ["</div><div class='share'>【打印本页】【关闭窗口】</div>",
            f"<div class='footer'>主办：{e(rep['portal'])} 网站标识码：{e(rep['site_code'])}</div></body></html>"]
    path.write_text("\n".join(out), encoding="utf-8")


def main():
    from reports_n import REPORTS
    rec_out, lab_out, sec_out, tab_out = [], [], [], []
    for rep in REPORTS:
        lines, labels, sections, parts = build(rep)
        path = HERE / rep["file"]
        (write_docx if rep["format"] == "docx" else write_html)(path, rep, parts)
        meta = {k: rep[k] for k in ("doc_id", "agency", "year", "template", "title", "level",
                                    "province", "file", "format", "split")}
        meta["text"] = "\n".join(lines)
        meta["page"] = rep["page"]
        rec_out.append(meta)
        lab_out += labels
        sec_out.append({"doc_id": rep["doc_id"], "sections": [
            {"n": n, "name": name, "para_index": sections.get(n)} for n, name in rep["section_names"]]})
        if rep["template"] in ("2019", "2021"):
            tab_out.append({"doc_id": rep["doc_id"], "template": rep["template"], "cells": rep["cells"]})
    for name, rows in (("reports", rec_out), ("labels", lab_out), ("sections", sec_out), ("tables", tab_out)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    import sys
    sys.path.insert(0, str(HERE))
    main()
