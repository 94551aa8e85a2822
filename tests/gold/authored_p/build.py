"""Builds set P from the report sources in src_pNN.py (written by hand, clean room).

Each source holds META (dict), BODY (a line-coded string) and TABLES (figures).
Body lines: `H|text` heading, `M|text` meta, `T|active|requests|review` a table,
`N <label> <g> [m] [u=<label>]|text` a narrative unit (g: 1 generic, 0 not; m: mixed).
`**…**` at the start of a narrative marks a bold run-in title (plain in `text`).
"""
import html
import importlib
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
AB = {"AD": "active_disclosure", "AP": "application", "IM": "info_management", "PL": "platform",
      "OR": "organization", "PR": "problem", "IMP": "improvement", "OT": "other"}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org", "total"]
REQ_ROWS = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    (None, "三、本年度办理结果"),
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (None, "（三）不予公开"),
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
    (None, "（四）无法提供"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    (None, "（五）不予处理"),
    ("not_processed_complaint", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    (None, "（六）其他处理"),
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
    ("total_handled", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
OUTCOMES = [k for k, _ in REQ_ROWS[3:-2] if k]
REV_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def active_rows(t):
    a = t["active"]
    rows = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]]
    for key, zh in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        rows.append([zh] + [fmt(x) for x in a[key]])
    rows += [["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", fmt(a["licensing"])],
             ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", fmt(a["punishment"])],
             ["行政强制", fmt(a["coercion"])],
             ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", fmt(a["fees"])]]
    cells = []
    for key, cols in (("regulations", ["issued", "repealed", "in_force"]),
                      ("normative_documents", ["issued", "repealed", "in_force"])):
        cells += [("active", key, c, v) for c, v in zip(cols, a[key], strict=True)]
    cells += [("active", k, "decisions", a[k]) for k in ("licensing", "punishment", "coercion")]
    cells.append(("active", "fees", "amount", a["fees"]))
    return rows, cells


def request_grid(t):
    r = t["requests"]
    grid = {k: [0] * 6 for k, _ in REQ_ROWS if k}
    for k, v in r.items():
        grid[k] = list(v)
    for i in range(6):
        grid["total_handled"][i] = sum(grid[k][i] for k in OUTCOMES)
        grid["new_received"][i] = grid["total_handled"][i] + grid["carried_forward"][i] - grid["carried_over"][i]
        assert grid["new_received"][i] >= 0, (t, i)
    return {k: v + [sum(v)] for k, v in grid.items()}


def request_rows(t):
    g = request_grid(t)
    rows = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
            ["自然人", "法人或其他组织", "总计"],
            ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    cells = []
    for key, zh in REQ_ROWS:
        if key is None:
            rows.append([zh])
            continue
        rows.append([zh] + [str(x) for x in g[key]])
        cells += [("requests", key, c, v) for c, v in zip(COLS, g[key], strict=True)]
    return rows, cells


def review_rows(t):
    rv = t.get("review", {})
    rows = [["行政复议", "行政诉讼"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]
    nums, cells = [], []
    for key in REV_ROWS:
        v = list(rv.get(key, [0, 0, 0, 0]))
        v.append(sum(v))
        nums += v
        cells += [("review_litigation", key, c, x) for c, x in zip(REV_COLS, v, strict=True)]
    rows.append([str(x) for x in nums])
    return rows, cells


TABLE_MAKERS = {"active": active_rows, "requests": request_rows, "review": review_rows}


def parse(body):
    units = []
    for raw in body.strip("\n").split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        code, text = raw.split("|", 1)
        parts = code.split()
        if parts[0] == "N":
            u = {"kind": "narrative", "label": AB[parts[1]], "generic": parts[2] == "1",
                 "mixed": "m" in parts[3:], "text": text}
            for p in parts[3:]:
                if p.startswith("u="):
                    u["unsure"] = AB[p[2:]]
            units.append(u)
        elif parts[0] == "T":
            units.append({"kind": "tableblock", "which": text})
        else:
            units.append({"kind": {"H": "heading", "M": "meta"}[parts[0]], "text": text})
    return units


def plain(s):
    return s.replace("**", "")


def spans(s, rng):
    """Text split into styled <span> runs, as the editor leaves it; a bold run-in title becomes <strong>."""
    out = []
    m = re.match(r"\*\*(.+?)\*\*(.*)", s)
    if m:
        out.append(f'<strong><span style="color:#0b5aa8;">{html.escape(m.group(1))}</span></strong>')
        s = m.group(2)
    i = 0
    while i < len(s):
        n = rng.randint(6, 22)
        out.append(f'<span style="font-size:15px;letter-spacing:1px;">{html.escape(s[i:i + n])}</span>')
        i += n
    return "".join(out)


def html_table(rows):
    tr = []
    for r in rows:
        tds = "".join(f'<td style="border:1px solid #999;padding:4px;"><section><span>{html.escape(c)}</span></section></td>' for c in r)
        tr.append(f"<tr>{tds}</tr>")
    return ('<section style="overflow-x:auto;"><table style="border-collapse:collapse;width:100%;font-size:12px;">'
            f"<tbody>{''.join(tr)}</tbody></table></section>")


def build(num):
    src = importlib.import_module(f"src_p{num:02d}")
    meta, units, tables = src.META, parse(src.BODY), src.TABLES
    rng = random.Random(num)
    doc_id = f"P{num:02d}"
    lines, labels, cells, sections = [], [], [], []
    file_parts = []
    image_table = meta.get("image_table")
    txt_table_style = meta.get("txt_table", "spaces")
    for u in units:
        if u["kind"] == "tableblock":
            rows, c = TABLE_MAKERS[u["which"]](tables)
            cells += c
            if meta["format"] == "html" and u["which"] == image_table:
                alt = meta["image_alt"]
                file_parts.append(f'<section style="text-align:center;"><img class="rich_pages wxw-img" data-src="https://mmbiz.qpic.cn/mmbiz_png/{doc_id}tbl/640?wx_fmt=png" alt="{html.escape(alt)}" style="width:100%;"></section>')
                continue
            for r in rows:
                lines.append("\t".join(r))
                labels.append({"kind": "table"})
            if meta["format"] == "html":
                file_parts.append(html_table(rows))
            elif txt_table_style == "spaces":
                file_parts.append("\n".join(" ".join(r) for r in rows))
            else:
                file_parts.append("\n".join(c for r in rows for c in r))
            continue
        text = plain(u["text"])
        if u["kind"] == "heading":
            m = re.match(r"([一二三四五六])、", text)
            if m and len(text) < 30:
                sections.append({"number": "一二三四五六".index(m.group(1)) + 1, "name": text,
                                 "para_index": len(lines)})
        rec = {k: v for k, v in u.items() if k != "text"}
        lines.append(text)
        labels.append(rec)
        if meta["format"] == "html":
            if u["kind"] == "heading":
                file_parts.append(f'<section style="margin:18px 0 8px;"><section style="display:inline-block;border-left:4px solid #0b5aa8;padding-left:8px;"><p><strong><span style="font-size:16px;color:#0b5aa8;">{html.escape(text)}</span></strong></p></section></section>')
            elif u["kind"] == "meta":
                file_parts.append(f'<section style="text-align:right;"><p><span style="font-size:14px;">{html.escape(text)}</span></p></section>')
            else:
                file_parts.append(f'<section style="margin-bottom:10px;text-indent:2em;line-height:1.75;"><p>{spans(u["text"], rng)}</p></section>')
        else:
            file_parts.append(text)
    if meta["format"] == "html":
        content = make_html(meta, file_parts)
    else:
        content = make_txt(meta, file_parts)
    (HERE / meta["file"]).write_text(content, encoding="utf-8")
    text = "\n".join(lines)
    report = {"doc_id": doc_id, **{k: meta[k] for k in ("agency", "year", "template", "title", "level", "province", "file", "format")},
              "split": "dev" if num % 2 else "held", "text": text, "page": meta["page"]}
    labs = []
    for i, (line, rec) in enumerate(zip(lines, labels, strict=True)):
        r = {"doc_id": doc_id, "para_index": i, "text": line, "kind": rec["kind"],
             "label": rec.get("label"), "mixed": rec.get("mixed", False), "generic": rec.get("generic")}
        if "unsure" in rec:
            r["unsure"] = rec["unsure"]
        labs.append(r)
    tab = {"doc_id": doc_id, "template": meta["template"],
           "cells": [{"table": a, "row": b, "col": c, "value": d} for a, b, c, d in cells]}
    if image_table and meta["format"] == "html":
        tab["from_image"] = [{"review": "review_litigation", "requests": "requests", "active": "active"}[image_table]]
    return report, labs, {"doc_id": doc_id, "sections": sections}, tab


def make_html(meta, parts):
    tail = (f'<section style="font-size:12px;color:#888;margin-top:24px;"><p><span>来源：{html.escape(meta["source"])}</span></p>'
            f'<p><span>编辑：{meta["editor"]}</span></p><p><span>审核：{meta["checker"]}</span></p></section>'
            '<section style="margin-top:16px;"><p><strong><span>往期推荐</span></strong></p>'
            + "".join(f'<p><a href="https://mp.weixin.qq.com/s/{i}x{meta["file"][:3]}" target="_blank"><span>{html.escape(t)}</span></a></p>' for i, t in enumerate(meta["recommend"]))
            + "</section>")
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1.0">
<title>{html.escape(meta["title"])}</title></head>
<body id="activity-detail" class="zh_CN"><div class="rich_media_area_primary"><div class="rich_media_area_primary_inner">
<h1 class="rich_media_title" id="activity-name">{html.escape(meta["title"])}</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_text">{html.escape(meta["account_author"])}</span>
<span class="rich_media_meta rich_media_meta_nickname"><a id="js_name">{html.escape(meta["account"])}</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">{meta["pub"]}</em> <em class="rich_media_meta_text">{meta["ip"]}</em></div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility:visible;">
<section style="text-align:center;margin-bottom:12px;"><section style="display:inline-block;"><p><span style="color:#1677ff;font-weight:bold;">点击蓝字</span><span style="color:#333;"> 关注我们</span></p></section></section>
{chr(10).join(parts)}
{tail}
</div>
<div id="js_article_bottom_bar"><a id="js_view_source" href="{meta["source_url"]}"><span>阅读原文</span></a> <span>阅读 {meta["reads"]}</span></div>
</div></div></body></html>
"""


def make_txt(meta, parts):
    head = meta.get("txt_head", "")
    tail = meta.get("txt_tail", "")
    sep = "\n\n" if meta.get("txt_blank") else "\n"
    return (head + sep.join(parts) + tail).rstrip("\n") + "\n"


def main(nums):
    sys.path.insert(0, str(HERE))
    out = {n: [] for n in ("reports", "labels", "sections", "tables")}
    for num in nums:
        rep, labs, sec, tab = build(num)
        out["reports"].append(rep)
        out["labels"] += labs
        out["sections"].append(sec)
        out["tables"].append(tab)
    for name, rows in out.items():
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sorted(int(p.stem[5:]) for p in HERE.glob("src_p*.py")))
