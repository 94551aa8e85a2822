"""Build set AC: report files (.docx / .html), reports.jsonl, labels.jsonl, sections.jsonl, tables.jsonl.

Report texts live in reports_a.py / reports_b.py.  Body line syntax (one unit a line):
    T text            title (heading)
    H text            heading (section headings are recognised by their numbering)
    C text            table caption (heading)
    M text            meta
    [active] [requests] [review]   the three statistical tables
    CODE flags|text   narrative.  CODE: OT AD AP IM PF OG PB IV; flags: g (generic), m (mixed), u:CODE (unsure)
                      inside text, '^' marks a manual line break in the file (removed in the clean text);
                      flag b: the unit shares its file paragraph with the next unit, joined by a manual break.
"""
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reports_a import REPORTS as RA
from reports_b import REPORTS as RB

HERE = os.path.dirname(os.path.abspath(__file__))

REPORTS = RA + RB
CODES = {"OT": "other", "AD": "active_disclosure", "AP": "application", "IM": "info_management",
         "PF": "platform", "OG": "organization", "PB": "problem", "IV": "improvement"}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org", "total"]
APPL = COLS[:6]

# ---------------------------------------------------------------- tables
REQ_ROWS_2021 = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    (None, "三、本年度办理结果"),
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "（三）不予公开 1.属于国家秘密"),
    ("denied_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "（五）不予处理 1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_overdue_correction", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
    ("total_handled", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
REQ_ROWS_2019 = [r for r in REQ_ROWS_2021 if r[0] not in ("other_overdue_correction", "other_unpaid_fee", "other_misc")]
REQ_ROWS_2019.insert([k for k, _ in REQ_ROWS_2019].index("total_handled"), ("other_handling", "（六）其他处理"))
OUTCOME_START = "granted"
REQ_HEAD = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
            ["自然人", "法人或其他组织", "总计"],
            ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
REV_HEAD = [["行政复议", "行政诉讼"], ["未经复议直接起诉", "复议后起诉"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3]
REV_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


def req_rows(tpl):
    return REQ_ROWS_2021 if tpl == "2021" else REQ_ROWS_2019


def build_requests(r):
    """-> dict row -> list of 7 values, with totals computed."""
    spec = r.get("requests", {})
    rows = [k for k, _ in req_rows(r["template"]) if k]
    out = {}
    for k in rows:
        d = spec.get(k, {})
        bad = set(d) - set(APPL)
        assert not bad, (r["doc_id"], k, bad)
        out[k] = [d.get(c, 0) for c in APPL]
    outcome = rows[rows.index(OUTCOME_START):rows.index("total_handled")]
    out["total_handled"] = [sum(out[k][i] for k in outcome) for i in range(6)]
    assert "total_handled" not in spec
    for k in rows:
        out[k] = out[k] + [sum(out[k])]
    for i in range(7):
        lhs = out["new_received"][i] + out["carried_over"][i]
        rhs = out["total_handled"][i] + out["carried_forward"][i]
        assert lhs == rhs, (r["doc_id"], COLS[i], lhs, rhs)
    return out


def build_review(r):
    spec = r.get("review", {})
    out = {}
    for k in REV_ROWS:
        v = list(spec.get(k, (0, 0, 0, 0)))
        out[k] = v + [sum(v)]
    return out


ACT_2021 = [("regulations", ["issued", "repealed", "in_force"]), ("normative_documents", ["issued", "repealed", "in_force"]),
            ("licensing", ["decisions"]), ("punishment", ["decisions"]), ("coercion", ["decisions"]), ("fees", ["amount"])]
ACT_2019 = [("regulations", ["new_made", "new_published", "total_published"]),
            ("normative_documents", ["new_made", "new_published", "total_published"]),
            ("licensing", ["prev_items", "change", "decisions"]), ("other_services", ["prev_items", "change", "decisions"]),
            ("punishment", ["prev_items", "change", "decisions"]), ("coercion", ["prev_items", "change", "decisions"]),
            ("fees", ["prev_items", "change"]), ("procurement", ["items", "amount"])]
ACT_NAMES = {"regulations": "规章", "normative_documents": "行政规范性文件", "licensing": "行政许可", "punishment": "行政处罚",
             "coercion": "行政强制", "fees": "行政事业性收费", "other_services": "其他对外管理服务事项", "procurement": "政府集中采购"}


def build_active(r):
    spec = r.get("active", {})
    layout = ACT_2021 if r["template"] == "2021" else ACT_2019
    out = {}
    for k, cols in layout:
        v = spec.get(k, tuple([0] * len(cols)))
        if not isinstance(v, (tuple, list)):
            v = (v,)
        assert len(v) == len(cols), (r["doc_id"], k)
        out[k] = list(v)
    assert not set(spec) - set(out), (r["doc_id"], set(spec) - set(out))
    return out


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return (f"{v:.2f}").rstrip("0").rstrip(".")
    return str(v)


def table_blocks(r, which):
    """-> list of rows (each a list of cell strings) as printed."""
    tpl = r["template"]
    if which == "active":
        act = build_active(r)
        rows = []
        if tpl == "2021":
            rows += [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]]
            for k in ("regulations", "normative_documents"):
                rows.append([ACT_NAMES[k]] + [fmt(x) for x in act[k]])
            rows += [["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", fmt(act["licensing"][0])]]
            rows += [["第二十条第（六）项"], ["信息内容", "本年处理决定数量"],
                     ["行政处罚", fmt(act["punishment"][0])], ["行政强制", fmt(act["coercion"][0])]]
            rows += [["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", fmt(act["fees"][0])]]
        else:
            rows += [["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]]
            for k in ("regulations", "normative_documents"):
                rows.append([ACT_NAMES[k] if k != "normative_documents" else "规范性文件"] + [fmt(x) for x in act[k]])
            rows += [["第二十条第（五）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]]
            for k in ("licensing", "other_services"):
                rows.append([ACT_NAMES[k]] + [fmt(x) for x in act[k]])
            rows += [["第二十条第（六）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]]
            for k in ("punishment", "coercion"):
                rows.append([ACT_NAMES[k]] + [fmt(x) for x in act[k]])
            rows += [["第二十条第（八）项"], ["信息内容", "上一年项目数量", "本年增/减"],
                     ["行政事业性收费"] + [fmt(x) for x in act["fees"]]]
            rows += [["第二十条第（九）项"], ["信息内容", "采购项目数量", "采购总金额"],
                     ["政府集中采购"] + [fmt(x) for x in act["procurement"]]]
        return rows
    if which == "requests":
        req = build_requests(r)
        rows = [list(h) for h in REQ_HEAD]
        for k, name in req_rows(tpl):
            rows.append([name] + ([fmt(x) for x in req[k]] if k else []))
        return rows
    rev = build_review(r)
    rows = [list(h) for h in REV_HEAD]
    rows.append(sum(([fmt(x) for x in rev[k]] for k in REV_ROWS), []))
    return rows


def table_cells(r):
    cells = []
    act = build_active(r)
    layout = ACT_2021 if r["template"] == "2021" else ACT_2019
    for k, cols in layout:
        for c, v in zip(cols, act[k], strict=True):
            cells.append({"table": "active", "row": k, "col": c, "value": v})
    req = build_requests(r)
    for k, _ in req_rows(r["template"]):
        if k:
            for c, v in zip(COLS, req[k], strict=True):
                cells.append({"table": "requests", "row": k, "col": c, "value": v})
    rev = build_review(r)
    for k in REV_ROWS:
        for c, v in zip(REV_COLS, rev[k], strict=True):
            cells.append({"table": "review_litigation", "row": k, "col": c, "value": v})
    return cells


# ---------------------------------------------------------------- body parsing
SEC_RE = re.compile(r"^([一二三四五六七八九十]+)、")
NUMS = "一二三四五六七八九十"


def parse(r):
    """-> list of unit dicts: kind, text (clean), label, mixed, generic, unsure, raw, join_next; plus table markers."""
    units = []
    for raw in r["body"].strip("\n").split("\n"):
        raw = raw.rstrip()
        if not raw.strip():
            units.append({"kind": "blank"})
            continue
        m = re.fullmatch(r"\[(active|requests|review)\]", raw.strip())
        if m:
            units.append({"kind": "tablemark", "which": m.group(1)})
            continue
        code, rest = raw[:2], raw[2:]
        if code[0] in "THCM" and code[1] == " ":
            kind = {"T": "title", "H": "heading", "C": "caption", "M": "meta"}[code[0]]
            units.append({"kind": kind, "raw": rest.strip(), "text": rest.strip().replace("^", "")})
            continue
        head, _, text = raw.partition("|")
        parts = head.split()
        assert parts and parts[0] in CODES, (r["doc_id"], raw)
        flags = parts[1:]
        u = {"kind": "narrative", "label": CODES[parts[0]], "generic": "g" in flags, "mixed": "m" in flags,
             "join_next": "b" in flags, "raw": text.strip(), "text": text.strip().replace("^", "")}
        for f in flags:
            if f.startswith("u:"):
                u["unsure"] = CODES[f[2:]]
            else:
                assert f in ("g", "m", "b"), (r["doc_id"], f)
        units.append(u)
    return units


def text_lines(r):
    """-> list of label records (without doc_id/para_index) in text order, and section list."""
    recs, sections = [], []
    for u in parse(r):
        k = u["kind"]
        if k == "blank":
            continue
        if k == "tablemark":
            for row in table_blocks(r, u["which"]):
                recs.append({"text": " | ".join(row), "kind": "table", "label": None, "mixed": False, "generic": None})
            continue
        if k in ("title", "heading", "caption"):
            recs.append({"text": u["text"], "kind": "heading", "label": None, "mixed": False, "generic": None})
            m = SEC_RE.match(u["text"])
            if k == "heading" and m:
                sections.append({"number": NUMS.index(m.group(1)) + 1, "name": u["text"], "para_index": len(recs) - 1})
            continue
        if k == "meta":
            recs.append({"text": u["text"], "kind": "meta", "label": None, "mixed": False, "generic": None})
            continue
        rec = {"text": u["text"], "kind": "narrative", "label": u["label"], "mixed": u["mixed"], "generic": u["generic"]}
        if "unsure" in u:
            rec["unsure"] = u["unsure"]
        recs.append(rec)
    return recs, sections


# ---------------------------------------------------------------- docx
def make_docx(r, path):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Pt

    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "仿宋"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    st.font.size = Pt(14)
    shape = r.get("shape", "plain")
    if shape == "frame":
        frame = doc.add_table(rows=1, cols=1)
        frame.style = "Table Grid"
        host = frame.cell(0, 0)
        first = host.paragraphs[0]
    else:
        host = doc
        first = None

    def new_par():
        nonlocal first
        if first is not None:
            p, first = first, None
            return p
        return host.add_paragraph()

    def add_runs(p, raw, size=None, bold=False):
        # split into a few runs, '^' becomes a manual break
        pieces = raw.split("^")
        for i, piece in enumerate(pieces):
            if i:
                p.add_run().add_break()
            chunks = [piece] if len(piece) < 30 else [piece[:len(piece) // 3], piece[len(piece) // 3:]]
            for ch in chunks:
                run = p.add_run(ch)
                run.bold = bold
                if size:
                    run.font.size = Pt(size)

    units = parse(r)
    i = 0
    while i < len(units):
        u = units[i]
        k = u["kind"]
        if k == "blank":
            new_par()
        elif k == "title":
            if shape == "textbox" or r.get("title_box"):
                p = new_par()
                t = html.escape(u["raw"].replace("^", ""))
                xml = ('<w:r {}><w:pict><v:shape id="tb1" type="#_x0000_t202" style="width:440pt;height:60pt">'
                       '<v:textbox><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
                       '<w:r><w:rPr><w:b/><w:sz w:val="36"/></w:rPr><w:t>{}</w:t></w:r></w:p>'
                       '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>').format(
                    nsdecls("w") + ' xmlns:v="urn:schemas-microsoft-com:vml"', t)
                p._p.append(parse_xml(xml))
            else:
                p = new_par()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                add_runs(p, u["raw"], size=18, bold=True)
        elif k == "tablemark":
            rows = table_blocks(r, u["which"])
            ncol = max(len(x) for x in rows)
            t = host.add_table(rows=len(rows), cols=ncol)
            t.style = "Table Grid"
            for ri, row in enumerate(rows):
                for ci, val in enumerate(row):
                    t.cell(ri, ci).text = val
            if first is not None:
                first = None
        else:
            p = new_par()
            if k in ("heading", "caption"):
                add_runs(p, u["raw"], bold=SEC_RE.match(u["raw"]) is not None)
            else:
                add_runs(p, u["raw"])
                while u.get("join_next") and i + 1 < len(units):
                    i += 1
                    u = units[i]
                    p.add_run().add_break()
                    add_runs(p, u["raw"])
        i += 1
    doc.save(path)


# ---------------------------------------------------------------- html
def make_html(r, path):
    esc = html.escape
    out = []
    site = r.get("site", r["agency"])
    out.append('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n'
               '<meta http-equiv="Content-Type" content="text/html; charset=gbk">\n'
               '<title>{} - {}</title>\n<link href="/images/style.css" rel="stylesheet" type="text/css">\n'
               '<script language="javascript" src="/inc/count.js"></script>\n</head>\n'
               '<body leftmargin="0" topmargin="0" bgcolor="#FFFFFF">\n'.format(esc(r["title"]), esc(site)))
    out.append('<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">\n'
               '<tr><td height="120" background="/images/top_bg.jpg">&nbsp;</td></tr>\n</table>\n')
    out.append('<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" bgcolor="#FFFFFF">\n<tr>\n'
               '<td width="20">&nbsp;</td>\n<td valign="top" class="zw">\n')
    units = parse(r)
    i = 0
    while i < len(units):
        u = units[i]
        k = u["kind"]
        if k == "blank":
            out.append('<p>&nbsp;</p>\n')
        elif k == "title":
            out.append('<table width="100%" border="0"><tr><td align="center" height="50">'
                       '<font size="5" color="#CC0000"><b>{}</b></font></td></tr></table>\n'.format(esc(u["raw"]).replace("^", "<br>")))
        elif k == "meta":
            out.append('<div align="center"><font color="#666666" style="font-size:12px">{}</font></div>\n'.format(esc(u["raw"])))
        elif k == "tablemark":
            rows = table_blocks(r, u["which"])
            ncol = max(len(x) for x in rows)
            out.append('<table width="600" border="1" cellspacing="0" cellpadding="2" align="center" '
                       'style="border-collapse:collapse">\n')
            for row in rows:
                out.append('<tr>')
                for ci, val in enumerate(row):
                    span = f' colspan="{ncol - len(row) + 1:d}"' if ci == len(row) - 1 and len(row) < ncol else ""
                    w = f' width="{260 if ci == 0 else 56:d}"'
                    out.append('<td{}{}><span style="font-size:10.5pt">{}</span></td>'.format(w, span, esc(val) if val else "&nbsp;"))
                out.append('</tr>\n')
            out.append('</table>\n')
        else:
            raw = u["raw"]
            if k in ("heading", "caption"):
                out.append(f'<p style="text-indent:2em"><font face="黑体"><span style="font-size:16px"><b>{esc(raw)}</b></span></font></p>\n')
            else:
                pieces = [raw]
                while u.get("join_next") and i + 1 < len(units):
                    i += 1
                    u = units[i]
                    pieces.append(u["raw"])
                body = "<br>\n".join(_spans(p) for p in pieces)
                out.append(f'<p style="text-indent:2em;line-height:28px"><font face="仿宋_GB2312">{body}</font></p>\n')
        i += 1
    out.append('</td>\n<td width="20">&nbsp;</td>\n</tr>\n</table>\n')
    out.append('<table width="980" border="0" align="center"><tr><td align="right">'
               '<font style="font-size:12px">【<a href="javascript:window.print()">打印本页</a>】'
               '【<a href="javascript:window.close()">关闭窗口</a>】</font></td></tr></table>\n')
    out.append('<table width="980" border="0" align="center" bgcolor="#E6E6E6"><tr><td align="center" height="60">'
               f'<font style="font-size:12px">版权所有：{esc(site)}&nbsp;&nbsp;{esc(r.get("icp", ""))}<br>'
               f'您是第<font color="red">{r.get("visits", 12345):d}</font>位访问者'
               '&nbsp;&nbsp;建议使用1024*768分辨率浏览</font></td></tr></table>\n</body>\n</html>\n')
    data = "".join(out)
    with open(path, "wb") as f:
        f.write(data.encode("gbk"))


def _spans(raw):
    esc = html.escape
    parts = raw.split("^")
    res = []
    for p in parts:
        if len(p) > 40:
            cut = len(p) // 2
            res.append(f'<span style="font-size:16px">{esc(p[:cut])}</span><span style="font-size:16px;font-family:仿宋">{esc(p[cut:])}</span>')
        else:
            res.append(f'<span style="font-size:16px">{esc(p)}</span>')
    return "<br>".join(res)


# ---------------------------------------------------------------- main
def main():
    rep_out, lab_out, sec_out, tab_out = [], [], [], []
    seen = set()
    for r in REPORTS:
        did = r["doc_id"]
        assert did not in seen
        seen.add(did)
        n = int(did[2:])
        split = "dev" if n % 2 else "held"
        recs, sections = text_lines(r)
        fname = "{}.{}".format(did, r["format"])
        if r["format"] == "docx":
            make_docx(r, os.path.join(HERE, fname))
        else:
            make_html(r, os.path.join(HERE, fname))
        rep_out.append({"doc_id": did, "agency": r["agency"], "year": r["year"], "template": r["template"],
                        "title": r["title"], "level": r["level"], "province": r["province"], "file": fname,
                        "format": r["format"], "split": split, "text": "\n".join(x["text"] for x in recs),
                        "page": r["page"]})
        for i, x in enumerate(recs):
            rec = {"doc_id": did, "para_index": i}
            rec.update(x)
            lab_out.append(rec)
        sec_out.append({"doc_id": did, "sections": sections})
        if r["template"] in ("2019", "2021"):
            tab_out.append({"doc_id": did, "template": r["template"], "cells": table_cells(r)})
    for name, rows in (("reports.jsonl", rep_out), ("labels.jsonl", lab_out), ("sections.jsonl", sec_out),
                       ("tables.jsonl", tab_out)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("reports", len(rep_out), "lines", len(lab_out))


if __name__ == "__main__":
    main()
