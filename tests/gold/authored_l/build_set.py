"""Build set L from its sources: src/Lnn.txt -> the report files and the jsonl gold.

Source format (one record a line, written by hand):
  @ {json}                         report metadata and its tables (first line)
  H<n> text                        heading of template section n (1-6, or the old template's own)
  H text                           other heading (title, subsection)
  N <label> [flags] | text         narrative line; flags: m (mixed), g (generic), u=<label> (unsure),
                                   br (joined to the next line by <br> in HTML), soup (rich-text editor soup)
  M text                           meta line (sign-off agency and date)
  TABLE active|requests|review     the table, rendered from the metadata's cells
"""

from __future__ import annotations

import html
import json
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = {
    "ad": "active_disclosure", "ap": "application", "im": "info_management", "pf": "platform",
    "org": "organization", "pb": "problem", "imp": "improvement", "oth": "other",
}
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
REQ_ROWS_2019 = [r for r in REQ_ROWS_2021 if not r[0].startswith("other_")]
REQ_ROWS_2019.insert(REQ_ROWS_2019.index(("total_handled", ["（七）总计"])), ("other_handling", ["（六）其他处理"]))

ACTIVE_2021 = [
    (["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], None),
    (["规章"], ("regulations", ["issued", "repealed", "in_force"])),
    (["行政规范性文件"], ("normative_documents", ["issued", "repealed", "in_force"])),
    (["信息内容", "本年处理决定数量"], None),
    (["行政许可"], ("licensing", ["decisions"])),
    (["行政处罚"], ("punishment", ["decisions"])),
    (["行政强制"], ("coercion", ["decisions"])),
    (["信息内容", "本年收费金额（单位：万元）"], None),
    (["行政事业性收费"], ("fees", ["amount"])),
]
ACTIVE_2019 = [
    (["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], None),
    (["规章"], ("regulations", ["new_made", "new_published", "total_published"])),
    (["规范性文件"], ("normative_documents", ["new_made", "new_published", "total_published"])),
    (["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], None),
    (["行政许可"], ("licensing", ["prev_items", "change", "decisions"])),
    (["其他对外管理服务事项"], ("other_services", ["prev_items", "change", "decisions"])),
    (["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], None),
    (["行政处罚"], ("punishment", ["prev_items", "change", "decisions"])),
    (["行政强制"], ("coercion", ["prev_items", "change", "decisions"])),
    (["信息内容", "上一年项目数量", "本年增/减"], None),
    (["行政事业性收费"], ("fees", ["prev_items", "change"])),
    (["信息内容", "采购项目数量", "采购总金额"], None),
    (["政府集中采购"], ("procurement", ["items", "amount"])),
]
REVIEW_COLS = ["upheld", "corrected", "other_result", "pending", "total"]
REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]


def fmt(v) -> str:
    return "" if v is None else str(v)


def table_rows(name: str, meta: dict) -> tuple[list[list[str]], list[dict], list[dict]]:
    """Rows of cells (for text and files), the tidy cells, and HTML layout hints per row."""
    tables = meta["tables"]
    tpl = meta["template"]
    rows, cells, hints = [], [], []
    if name == "active":
        spec = tables["active"]
        for head, key in ACTIVE_2021 if tpl == "2021" else ACTIVE_2019:
            if key is None:
                rows.append(head)
                hints.append({"header": True})
                continue
            row, cols = key
            vals = spec[row]
            rows.append(head + [fmt(v) for v in vals])
            hints.append({})
            cells += [{"table": "active", "row": row, "col": c, "value": v} for c, v in zip(cols, vals, strict=True)]
    elif name == "requests":
        spec = tables["requests"]
        rows.append(["申请人情况", "自然人", "法人或其他组织", "", "", "", "", "总计"])
        hints.append({"header": True, "top": True})
        rows.append(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])
        hints.append({"header": True, "second": True})
        order = REQ_ROWS_2021 if tpl == "2021" else REQ_ROWS_2019
        for row, labels in order:
            vals = list(spec.get(row, [0] * 6))
            vals.append(sum(vals))
            rows.append(labels + [fmt(v) for v in vals])
            hints.append({"labels": len(labels)})
            cells += [{"table": "requests", "row": row, "col": c, "value": v}
                      for c, v in zip(APPLICANTS + ["total"], vals, strict=True)]
    else:
        spec = tables["review"]
        rows.append(["行政复议", "", "", "", "", "行政诉讼"])
        hints.append({"header": True})
        rows.append(["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉"])
        hints.append({"header": True})
        rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
        hints.append({"header": True})
        line = []
        for row in REVIEW_ROWS:
            vals = list(spec.get(row, [0] * 4))
            vals.append(sum(vals))
            line += [fmt(v) for v in vals]
            cells += [{"table": "review_litigation", "row": row, "col": c, "value": v}
                      for c, v in zip(REVIEW_COLS, vals, strict=True)]
        rows.append(line)
        hints.append({})
    return rows, cells, hints


def parse(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    meta = json.loads(lines[0][1:])
    units = []  # dicts: text, kind, label, mixed, generic, unsure, flags, section
    for raw in lines[1:]:
        if not raw.strip() or raw.startswith("#"):
            continue
        tag, _, rest = raw.partition(" ")
        if tag == "TABLE":
            rows, _, hints = table_rows(rest.strip(), meta)
            for r, h in zip(rows, hints, strict=True):
                units.append({"text": "\t".join(r).rstrip("\t"), "kind": "table", "row": r,
                              "hint": h, "table": rest.strip()})
        elif tag == "T":  # a line of a table the old-template report made for itself
            units.append({"text": rest.strip(), "kind": "table", "row": rest.strip().split("\t"),
                          "hint": {}, "table": "own"})
        elif tag.startswith("H"):
            units.append({"text": rest.strip(), "kind": "heading", "section": tag[1:] or None})
        elif tag == "M":
            units.append({"text": rest.strip(), "kind": "meta"})
        elif tag == "N":
            flags_s, _, text = rest.partition("|")
            flags = flags_s.split()
            u = {"text": text.strip(), "kind": "narrative", "label": LABELS[flags[0]],
                 "mixed": "m" in flags, "generic": "g" in flags, "flags": flags}
            for f in flags:
                if f.startswith("u="):
                    u["unsure"] = LABELS[f[2:]]
            units.append(u)
        else:
            raise ValueError(f"{path.name}: bad line {raw!r}")
    return meta, units


# ---------- file renderers ----------

SITE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_{site}</title>
<link rel="stylesheet" href="/static/css/xxgk.css"></head>
<body>
<div class="top-bar"><span>{site}</span> <a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/en/">English</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<table class="xxgk-info"><tr><td>索引号：{index}</td><td>发布机构：{agency}</td></tr>
<tr><td>发布日期：{date}</td><td>主题分类：政务公开</td></tr>
<tr><td colspan="2">名称：{title}</td></tr></table>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-info">来源：{agency}　浏览次数：<span id="hits">{hits}</span>　字号：[大 中 小]</div>
<div class="TRS_Editor" id="zoom">
{body}
</div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办单位：{agency}　地址：{address}</p><p>{icp}　{police}</p><p>网站标识码：{siteid}</p></div>
</body></html>
"""


def html_table(name: str, meta: dict) -> str:
    rows, _, hints = table_rows(name, meta)
    out = ['<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;width:100%">']
    if name == "requests":
        out.append('<tr><td colspan="3" rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
                   '<td colspan="7">申请人情况</td></tr>')
        out.append('<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>')
        out.append('<tr><td colspan="3"></td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>'
                   '<td>法律服务机构</td><td>其他</td></tr>')
        group_left = 0
        for r, h in zip(rows, hints, strict=True):
            if h.get("header"):
                continue
            n = h["labels"]
            labels, vals = r[:n], r[n:]
            tds = []
            key = labels[0]
            if key.startswith("三、"):
                tds.append(f'<td rowspan="{22 if meta["template"] == "2021" else 20}">三、本年度办理结果</td>')
                labels = labels[1:]
            if labels and labels[0][:3] in ("（三）", "（四）", "（五）") and len(labels) == 2:
                span = {"（三）": 8, "（四）": 3, "（五）": 5}[labels[0][:3]]
                tds.append(f'<td rowspan="{span}">{html.escape(labels[0])}</td><td>{html.escape(labels[1])}</td>')
                group_left = span - 1
            elif labels and labels[0].startswith("（六）") and len(labels) == 2:
                tds.append(f'<td rowspan="3">{html.escape(labels[0])}</td><td>{html.escape(labels[1])}</td>')
                group_left = 2
            elif group_left:
                tds.append(f"<td>{html.escape(labels[0])}</td>")
                group_left -= 1
            elif key.startswith(("一、", "二、", "四、")):
                tds.append(f'<td colspan="3">{html.escape(labels[0])}</td>')
            else:
                tds.append(f'<td colspan="2">{html.escape(labels[0])}</td>')
            tds += [f"<td>{v}</td>" for v in vals]
            out.append("<tr>" + "".join(tds) + "</tr>")
    elif name == "review":
        out.append('<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>')
        out.append('<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>')
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in rows[2]) + "</tr>")
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in rows[3]) + "</tr>")
    else:
        for r, h in zip(rows, hints, strict=True):
            tag = "th" if h.get("header") else "td"
            out.append("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in r) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


SOUP = ('<div style="text-indent:2em;line-height:1.8;"><span style="font-family:仿宋_GB2312;font-size:16pt;">'
        '<span style="color:#333333;">{a}</span><span style="font-family:仿宋_GB2312;">{b}</span></span></div>')


def render_html(meta: dict, units: list[dict]) -> str:
    body = []
    i = 0
    if units and units[0]["kind"] == "heading" and units[0]["text"] == meta["title"]:
        i = 1  # the title is the page's <h1>
    pending_br = None
    while i < len(units):
        u = units[i]
        if u["kind"] == "table":
            name, start = u["table"], i
            while i < len(units) and units[i]["kind"] == "table" and units[i]["table"] == name:
                i += 1
            if name == "own":
                rows = [units[k]["row"] for k in range(start, i)]
                body.append("<table border=\"1\">" + "".join(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows) + "</table>")
            elif meta.get("img_tables"):
                alt = {"active": "主动公开政府信息情况", "requests": "收到和处理政府信息公开申请情况",
                       "review": "政府信息公开行政复议、行政诉讼情况"}[name]
                body.append(f'<p style="text-align:center"><img src="/uploads/{meta["doc_id"].lower()}_{name}.png" '
                            f'alt="{alt}" width="640"></p>')
            else:
                body.append(html_table(name, meta))
            continue
        t = html.escape(u["text"])
        flags = u.get("flags", [])
        if pending_br is not None:
            body.append(f'<p style="text-indent:2em;">{pending_br}<br>{t}</p>')
            pending_br = None
        elif "br" in flags:
            pending_br = t
        elif "soup" in flags:
            cut = len(t) // 3
            body.append(SOUP.format(a=t[:cut], b=t[cut:]))
        elif u["kind"] == "heading":
            body.append(f'<p style="text-indent:2em;"><strong>{t}</strong></p>')
        elif u["kind"] == "meta":
            body.append(f'<p style="text-align:right;">{t}</p>')
        else:
            body.append(f'<p style="text-indent:2em;">{t}</p>')
        i += 1
    h = meta["html"]
    return SITE.format(title=html.escape(meta["title"]), site=h["site"], index=h["index"], agency=meta["agency"],
                       date=h["date"], hits=h.get("hits", 312), body="\n".join(body), address=h["address"],
                       icp=h["icp"], police=h.get("police", ""), siteid=h["siteid"])


def width(s: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in s)


def render_txt(meta: dict, units: list[dict]) -> str:
    style = meta["txt"]  # tab | space | wrap | plain
    out = []
    i = 0
    while i < len(units):
        u = units[i]
        if u["kind"] == "table":
            name = u["table"]
            block = []
            while i < len(units) and units[i]["kind"] == "table" and units[i]["table"] == name:
                row, n = units[i]["row"], units[i]["hint"].get("labels")
                if style == "space" and n:  # a row's label cells become one column so the numbers line up
                    row = ["".join(row[:n])] + row[n:]
                block.append(row)
                i += 1
            if style == "space":
                ncol = max(len(r) for r in block)
                widths = [max((width(r[c]) if c < len(r) else 0) for r in block) for c in range(ncol)]
                for r in block:
                    out.append("  ".join(c + " " * (widths[k] - width(c)) for k, c in enumerate(r)).rstrip())
            else:
                out += ["\t".join(r).rstrip("\t") for r in block]
            continue
        t = u["text"]
        if style == "wrap" and u["kind"] == "narrative":
            out += textwrap.wrap("　　" + t, width=38, drop_whitespace=False)
        elif u["kind"] == "narrative" and style != "plain":
            out.append("　　" + t)
        else:
            out.append(t)
        i += 1
    return "\n".join(out) + "\n"


def page_notes(meta: dict, units: list[dict]) -> str:
    """Where the HTML shapes fall, by para_index of `text` (so the page note cannot drift from the file)."""
    if meta["format"] != "html":
        return ""
    br = [i for i, u in enumerate(units) if "br" in u.get("flags", [])]
    soup = [i for i, u in enumerate(units) if "soup" in u.get("flags", [])]
    notes = []
    if br:
        notes.append("以<br>与下一段同处一个<p>的行（para_index）：" + "、".join(map(str, br)))
    if soup:
        notes.append("富文本编辑器<div>/<span>内联样式的行：" + "、".join(map(str, soup)))
    return "（" + "；".join(notes) + "）" if notes else ""


def build(ids: list[str]) -> None:
    reports, labels, sections, tables = [], [], [], []
    for sid in ids:
        meta, units = parse(HERE / "src" / f"{sid}.txt")
        text_lines = [u["text"] for u in units]
        assert all(t for t in text_lines), sid
        content = render_html(meta, units) if meta["format"] == "html" else render_txt(meta, units)
        (HERE / meta["file"]).write_text(content, encoding="utf-8")
        rec = {k: meta[k] for k in ("doc_id", "agency", "year", "template", "title", "level", "province",
                                    "file", "format", "split")}
        rec["text"] = "\n".join(text_lines)
        rec["page"] = meta["page"] + page_notes(meta, units)
        reports.append(rec)
        secs = {}
        for idx, u in enumerate(units):
            lab = {"doc_id": sid, "para_index": idx, "text": u["text"], "kind": u["kind"],
                   "label": u.get("label"), "mixed": u.get("mixed", False),
                   "generic": u.get("generic") if u["kind"] == "narrative" else None}
            if "unsure" in u:
                lab["unsure"] = u["unsure"]
            labels.append(lab)
            if u.get("section"):
                secs[u["section"]] = idx
        names = meta["sections"]
        sections.append({"doc_id": sid, "template": meta["template"], "sections": [
            {"n": n, "name": name, "para_index": secs.get(str(n))} for n, name in enumerate(names, 1)]})
        if meta["template"] != "old":
            cells = []
            for name in ("active", "requests", "review"):
                cells += table_rows(name, meta)[1]
            tables.append({"doc_id": sid, "template": meta["template"], "cells": cells})
    for name, recs in (("reports", reports), ("labels", labels), ("sections", sections), ("tables", tables)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    build(sys.argv[1:] or sorted(p.stem for p in (HERE / "src").glob("L*.txt")))
