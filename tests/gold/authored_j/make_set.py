"""Build set J from its hand-written sources (src/J??.txt).

Each source holds one report written for this set: header lines ``#key: value`` (the
reports.jsonl fields, the file shape, the table figures) and one body line per
paragraph of the clean text, prefixed with its kind and label:

    S<n>|heading that opens section n     H|other heading     M|meta line
    T|table line, cells split by \\t       N <label> [g] [m] [u=<label>] [br]|narrative
    @ACTIVE / @REQUESTS / @REVIEW          the template's statistical table, generated
                                            from the ``#active`` / ``#requests`` / ``#review``
                                            figures so that its arithmetic holds by construction

The script writes the archived file (shape per ``#shape``) and the four JSONL files.
Run from anywhere: ``python tests/gold/authored_j/make_set.py``.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
LABELS = {"active_disclosure", "application", "info_management", "platform",
          "organization", "problem", "improvement", "other"}
NEW_SECTIONS = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
DENIED = [("denied_state_secret", "1.属于国家秘密"), ("denied_prohibited", "2.其他法律行政法规禁止公开"),
          ("denied_security_stability", "3.危及“三安全一稳定”"), ("denied_third_party", "4.保护第三方合法权益"),
          ("denied_internal_affairs", "5.属于三类内部事务信息"), ("denied_process_info", "6.属于四类过程性信息"),
          ("denied_enforcement_files", "7.属于行政执法案卷"), ("denied_admin_query", "8.属于行政查询事项")]
UNAVAILABLE = [("unavailable_not_held", "1.本机关不掌握相关政府信息"),
               ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
               ("unavailable_unclear", "3.补正后申请内容仍不明确")]
NOT_PROCESSED = [("not_processed_complaint", "1.信访举报投诉类申请"), ("not_processed_duplicate", "2.重复申请"),
                 ("not_processed_publication", "3.要求提供公开出版物"),
                 ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
                 ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息")]
OTHER_2021 = [("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
              ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
              ("other_misc", "3.其他")]


def cell(text, rowspan=1, colspan=1):
    return (str(text), rowspan, colspan)


def fmt(value):
    return "" if value is None else str(value)


def parse_figures(spec):
    """'row=1,2,3; row2=4' -> {row: [numbers or None]}; '-' is a cell printed blank."""
    out = {}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        key, vals = part.split("=")
        out[key.strip()] = [None if v.strip() == "-" else (float(v) if "." in v else int(v))
                            for v in vals.split(",")]
    return out


def active_table(template, fig):
    cells, rows = [], []

    def add(key, label, cols, values):
        rows.append([cell(label)] + [cell(fmt(v)) for v in values])
        cells.extend({"table": "active", "row": key, "col": c, "value": v} for c, v in zip(cols, values, strict=True))

    if template == "2021":
        rows.append([cell("第二十条第（一）项", colspan=4)])
        rows.append([cell("信息内容"), cell("本年制发件数"), cell("本年废止件数"), cell("现行有效件数")])
        for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
            add(key, label, ["issued", "repealed", "in_force"], fig[key])
        for item, keys in (("第二十条第（五）项", [("licensing", "行政许可")]),
                           ("第二十条第（六）项", [("punishment", "行政处罚"), ("coercion", "行政强制")])):
            rows.append([cell(item, colspan=4)])
            rows.append([cell("信息内容"), cell("本年处理决定数量", colspan=3)])
            for key, label in keys:
                rows.append([cell(label), cell(fmt(fig[key][0]), colspan=3)])
                cells.append({"table": "active", "row": key, "col": "decisions", "value": fig[key][0]})
        rows.append([cell("第二十条第（八）项", colspan=4)])
        rows.append([cell("信息内容"), cell("本年收费金额（单位：万元）", colspan=3)])
        rows.append([cell("行政事业性收费"), cell(fmt(fig["fees"][0]), colspan=3)])
        cells.append({"table": "active", "row": "fees", "col": "amount", "value": fig["fees"][0]})
        return rows, cells
    rows.append([cell("第二十条第（一）项", colspan=4)])
    rows.append([cell("信息内容"), cell("本年新制作数量"), cell("本年新公开数量"), cell("对外公开总数量")])
    for key, label in (("regulations", "规章"), ("normative_documents", "规范性文件")):
        add(key, label, ["new_made", "new_published", "total_published"], fig[key])
    three = ["prev_items", "change", "decisions"]
    for item, keys in (("第二十条第（五）项", [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
                       ("第二十条第（六）项", [("punishment", "行政处罚"), ("coercion", "行政强制")])):
        rows.append([cell(item, colspan=4)])
        rows.append([cell("信息内容"), cell("上一年项目数量"), cell("本年增/减"), cell("处理决定数量")])
        for key, label in keys:
            add(key, label, three, fig[key])
    rows.append([cell("第二十条第（八）项", colspan=4)])
    rows.append([cell("信息内容"), cell("上一年项目数量"), cell("本年增/减", colspan=2)])
    rows.append([cell("行政事业性收费"), cell(fmt(fig["fees"][0])), cell(fmt(fig["fees"][1]), colspan=2)])
    cells.extend({"table": "active", "row": "fees", "col": c, "value": v}
                 for c, v in zip(["prev_items", "change"], fig["fees"], strict=True))
    rows.append([cell("第二十条第（九）项", colspan=4)])
    rows.append([cell("信息内容"), cell("采购项目数量"), cell("采购总金额", colspan=2)])
    rows.append([cell("政府集中采购"), cell(fmt(fig["procurement"][0])), cell(fmt(fig["procurement"][1]), colspan=2)])
    cells.extend({"table": "active", "row": "procurement", "col": c, "value": v}
                 for c, v in zip(["items", "amount"], fig["procurement"], strict=True))
    return rows, cells


def requests_table(template, fig):
    """The applicant columns come from the source; totals, 总计 and 结转 are computed."""
    other = OTHER_2021 if template == "2021" else [("other_handling", None)]
    outcome_keys = (["granted", "partially_granted"] + [k for k, _ in DENIED] + [k for k, _ in UNAVAILABLE]
                    + [k for k, _ in NOT_PROCESSED] + [k for k, _ in other])
    zero = [0] * 6
    vals = {k: fig.get(k, zero) for k in ["new_received", "carried_over"] + outcome_keys}
    vals["total_handled"] = [sum(vals[k][i] for k in outcome_keys) for i in range(6)]
    vals["carried_forward"] = [vals["new_received"][i] + vals["carried_over"][i] - vals["total_handled"][i]
                               for i in range(6)]
    assert min(vals["carried_forward"]) >= 0, vals["carried_forward"]
    full = {k: v + [sum(v)] for k, v in vals.items()}
    cols = APPLICANTS + ["total"]
    cells = [{"table": "requests", "row": k, "col": c, "value": v}
             for k in ["new_received", "carried_over"] + outcome_keys + ["total_handled", "carried_forward"]
             for c, v in zip(cols, full[k], strict=True)]
    nums = lambda k: [cell(v) for v in full[k]]  # noqa: E731
    n_outcomes = len(outcome_keys) + 1
    rows = [[cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
             cell("申请人情况", colspan=7)],
            [cell("自然人", rowspan=2), cell("法人或其他组织", colspan=5), cell("总计", rowspan=2)],
            [cell(x) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
            [cell("一、本年新收政府信息公开申请数量", colspan=3)] + nums("new_received"),
            [cell("二、上年结转政府信息公开申请数量", colspan=3)] + nums("carried_over"),
            [cell("三、本年度办理结果", rowspan=n_outcomes), cell("（一）予以公开", colspan=2)] + nums("granted"),
            [cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2)] + nums("partially_granted")]
    for head, group in (("（三）不予公开", DENIED), ("（四）无法提供", UNAVAILABLE), ("（五）不予处理", NOT_PROCESSED)):
        for i, (key, label) in enumerate(group):
            first = [cell(head, rowspan=len(group))] if i == 0 else []
            rows.append(first + [cell(label)] + nums(key))
    if template == "2021":
        for i, (key, label) in enumerate(OTHER_2021):
            first = [cell("（六）其他处理", rowspan=3)] if i == 0 else []
            rows.append(first + [cell(label)] + nums(key))
    else:
        rows.append([cell("（六）其他处理", colspan=2)] + nums("other_handling"))
    rows.append([cell("（七）总计", colspan=2)] + nums("total_handled"))
    rows.append([cell("四、结转下年度继续办理", colspan=3)] + nums("carried_forward"))
    return rows, cells


def review_table(fig):
    cols = ["upheld", "corrected", "other_result", "pending", "total"]
    rows_keys = ["review", "litigation_direct", "litigation_after_review"]
    vals = {k: fig.get(k, [0, 0, 0, 0]) for k in rows_keys}
    full = {k: v + [sum(v)] for k, v in vals.items()}
    cells = [{"table": "review_litigation", "row": k, "col": c, "value": v}
             for k in rows_keys for c, v in zip(cols, full[k], strict=True)]
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [[cell("行政复议", colspan=5), cell("行政诉讼", colspan=10)],
            [cell(h, rowspan=2) for h in heads] + [cell("未经复议直接起诉", colspan=5), cell("复议后起诉", colspan=5)],
            [cell(h) for h in heads * 2],
            [cell(v) for k in rows_keys for v in full[k]]]
    return rows, cells


def parse_source(path):
    meta, body = {}, []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        if raw.startswith("#"):
            key, _, value = raw[1:].partition(":")
            meta[key.strip()] = value.strip()
        else:
            body.append(raw)
    return meta, body


def build(path):
    meta, body = parse_source(path)
    doc = path.stem
    template = meta["template"]
    lines, records, tables = [], [], []   # lines: (text, kind, table rows or None)
    section_at = {}
    for raw in body:
        if raw.startswith("@"):
            which = raw[1:].strip()
            if which == "ACTIVE":
                rows, cells = active_table(template, parse_figures(meta["active"]))
            elif which == "REQUESTS":
                rows, cells = requests_table(template, parse_figures(meta["requests"]))
            else:
                rows, cells = review_table(parse_figures(meta.get("review", "")))
            tables.extend(cells)
            for row in rows:
                lines.append(("\t".join(c[0] for c in row), "table", row, None))
            continue
        head, _, text = raw.partition("|")
        text = text.replace("\\t", "\t")
        parts = head.split()
        tag = parts[0]
        if tag.startswith("S"):
            section_at[int(tag[1:])] = len(lines)
            lines.append((text, "heading", None, None))
        elif tag in ("H", "M", "T"):
            kind = {"H": "heading", "M": "meta", "T": "table"}[tag]
            row = [cell(x) for x in text.split("\t")] if tag == "T" else None
            lines.append((text, kind, row, None))
        else:
            assert tag == "N", raw
            label = parts[1]
            assert label in LABELS, raw
            flags = {"generic": "g" in parts[2:], "mixed": "m" in parts[2:]}
            unsure = [p[2:] for p in parts[2:] if p.startswith("u=")]
            if "br" in parts[2:]:  # the HTML page joins this paragraph and the next with <br>
                meta["br_join"] = meta.get("br_join", "") + f",{len(lines)}"
            lines.append((text, "narrative", None, (label, flags, unsure[0] if unsure else None)))
    for i, (text, kind, _row, lab) in enumerate(lines):
        rec = {"doc_id": doc, "para_index": i, "text": text, "kind": kind,
               "label": lab[0] if lab else None, "mixed": lab[1]["mixed"] if lab else False,
               "generic": lab[1]["generic"] if lab else None}
        if lab and lab[2]:
            rec["unsure"] = lab[2]
        records.append(rec)
    text = "\n".join(t for t, *_ in lines)
    if template == "old":
        names = [s.split(" ", 1) for s in meta["sections"].split(";")]
        sections = [{"number": int(n), "name": name.strip(), "para_index": section_at.get(int(n))}
                    for n, name in names]
    else:
        sections = [{"number": n, "name": name, "para_index": section_at.get(n)}
                    for n, name in enumerate(NEW_SECTIONS, 1)]
    file_name = write_file(doc, meta, lines)
    report = {"doc_id": doc, "agency": meta["agency"], "year": int(meta["year"]), "template": template,
              "title": meta["title"], "level": meta["level"], "province": meta["province"],
              "file": file_name, "format": meta["format"], "encoding": meta["encoding"],
              "split": "dev" if int(doc[1:]) % 2 else "held", "text": text, "page": meta["page"]}
    table_rec = {"doc_id": doc, "template": template, "cells": tables} if template != "old" else None
    return report, records, {"doc_id": doc, "template": template, "sections": sections}, table_rec


# ---- file shapes ---------------------------------------------------------------------------

def converter(meta):
    conv = meta.get("convert")
    return opencc.OpenCC(conv).convert if conv else (lambda s: s)


def write_file(doc, meta, lines):
    shape, conv = meta["shape"], converter(meta)
    texts = [t for t, *_ in lines]
    if shape == "html":
        name, data = f"{doc}.html", render_html(meta, lines, conv).encode("utf-8")
    elif shape == "crawler":
        body = "\n\n".join(texts)
        name = f"{doc}.txt"
        data = (meta["crawl_head"].replace("\\n", "\n") + "\n\n" + body + "\n\n"
                + meta["crawl_foot"].replace("\\n", "\n") + "\n").encode("utf-8")
    elif shape == "longline":
        blocks, current = [], []
        for (text, kind, *_rest) in lines:
            if kind == "heading" and re.match(r"^[一二三四五六七八九十]+、", text) and current:
                blocks.append(current)
                current = []
            current.append(text.replace("\t", " "))
        blocks.append(current)
        name = f"{doc}.txt"
        data = ("\n".join("".join(b) for b in blocks) + "\n").encode(meta["encoding"])
    else:  # plain txt: CRLF, a blank line between paragraphs, in the declared encoding
        name = f"{doc}.txt"
        data = ("\r\n\r\n".join(conv(t) for t in texts) + "\r\n").encode(meta["encoding"])
    (HERE / name).write_bytes(data)
    return name


def render_html(meta, lines, conv):
    lang = "zh-Hant" if meta.get("convert") else "zh-CN"
    e = lambda s: html.escape(conv(s), quote=False)  # noqa: E731
    out = [f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8"><title>{e(meta["title"])}</title></head>',
           "<body>", '<div class="top-nav"><a href="/">' + e("首页") + "</a> | <a>" + e("政务公开") + "</a> | <a>"
           + e("政府信息公开年报") + "</a> | <a>" + e("无障碍浏览") + "</a></div>",
           '<div class="crumb">' + e("当前位置：首页 > 政务公开 > 政府信息公开年报") + "</div>",
           '<table class="xxgk-meta">']
    for pair in meta["index_block"].split(";"):
        k, v = pair.split("=")
        out.append(f"<tr><th>{e(k.strip())}</th><td>{e(v.strip())}</td></tr>")
    out.append("</table>")
    out.append(f'<h1 class="article-title">{e(meta["title"])}</h1>')
    out.append('<div class="article-body">')
    joins = {int(x) for x in meta.get("br_join", "").split(",") if x.strip()}
    i, table_open = 0, False
    while i < len(lines):
        text, kind, row, _ = lines[i]
        if row is not None:
            if not table_open:
                out.append('<table border="1" cellspacing="0">')
                table_open = True
            tds = "".join(
                "<td" + (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                + f">{e(t)}</td>" for t, rs, cs in row)
            out.append(f"<tr>{tds}</tr>")
            i += 1
            continue
        if table_open:
            out.append("</table>")
            table_open = False
        if i in joins and i + 1 < len(lines) and lines[i + 1][2] is None:
            out.append(f"<p>{e(text)}<br>{e(lines[i + 1][0])}</p>")
            i += 2
            continue
        tag = "h3" if kind == "heading" else "p"
        out.append(f"<{tag}>{e(text)}</{tag}>")
        i += 1
    if table_open:
        out.append("</table>")
    out += ["</div>", '<div class="share">' + e("【打印】【关闭】 分享到：") + "</div>",
            '<div class="footer">' + e(meta["footer"]) + "</div>", "</body>\n</html>\n"]
    return "\n".join(out)


def main():
    built = [build(p) for p in sorted(SRC.glob("J*.txt"))]
    dump = lambda name, items: (HERE / name).write_text(  # noqa: E731
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items if x is not None), encoding="utf-8")
    dump("reports.jsonl", [b[0] for b in built])
    dump("labels.jsonl", [r for b in built for r in b[1]])
    dump("sections.jsonl", [b[2] for b in built])
    dump("tables.jsonl", [b[3] for b in built])
    print(f"built {len(built)} reports")


if __name__ == "__main__":
    main()
