"""Build set Y: report files (.docx / .pdf via soffice) and the gold jsonl files.

Report texts live in texts_*.py (REPORTS lists). Body line syntax, one unit a line:
  #N text      section heading number N (kind heading, recorded in sections.jsonl)
  ## text      other heading (title, subsection, table caption)
  M text       meta (sign-off, date)
  T1 / T2 / T3 the active / requests / review_litigation table goes here
  lab[.flags][?unsure] text   narrative; lab in ad ap im pf og pb ip ot;
               flags: g = generic, m = mixed; ?lab = the other label considered
"""

import json
import os
import shutil
import subprocess
import sys

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
LAB = {
    "ad": "active_disclosure",
    "ap": "application",
    "im": "info_management",
    "pf": "platform",
    "og": "organization",
    "pb": "problem",
    "ip": "improvement",
    "ot": "other",
}
COLS = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
]
FONT = "WenQuanYi Zen Hei"

REQ_LABELS_2021 = [
    ("granted", "（一）予以公开", None),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("denied_state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied_prohibited", "^", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "^", "3.危及“三安全一稳定”"),
    ("denied_third_party", "^", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "^", "5.属于三类内部事务信息"),
    ("denied_process_info", "^", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "^", "7.属于行政执法案卷"),
    ("denied_admin_query", "^", "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "^", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "^", "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "^", "2.重复申请"),
    ("not_processed_publication", "^", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "^", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "^", "5.要求行政机关确认或重新出具已获取信息"),
]
OTHER_2021 = [
    (
        "other_overdue_correction",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    ("other_unpaid_fee", "^", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "^", "3.其他"),
]
OTHER_2019 = [("other_handling", "（六）其他处理", None)]


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return (f"{v:.2f}").rstrip("0").rstrip(".") if v != int(v) else f"{v:.1f}"
    return str(v)


def active_table(r):
    a, cells, g = r["active"], [], []

    def row(key, label, cols):
        vals = a.get(key, (0,) * len(cols))
        for c, v in zip(cols, vals, strict=False):
            cells.append(("active", key, c, v))
        return [label] + [fmt(v) for v in vals]

    if r["template"] == "2021":
        g.append(["第二十条第（一）项", "<", "<", "<"])
        g.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
        g.append(row("regulations", "规章", ["issued", "repealed", "in_force"]))
        g.append(row("normative_documents", "行政规范性文件", ["issued", "repealed", "in_force"]))
        for item, lst in [
            ("（五）", [("licensing", "行政许可")]),
            ("（六）", [("punishment", "行政处罚"), ("coercion", "行政强制")]),
        ]:
            g.append([f"第二十条第{item}项", "<", "<", "<"])
            g.append(["信息内容", "本年处理决定数量", "<", "<"])
            for k, lab in lst:
                g.append(row(k, lab, ["decisions"]) + ["<", "<"])
        g.append(["第二十条第（八）项", "<", "<", "<"])
        g.append(["信息内容", "本年收费金额（单位：万元）", "<", "<"])
        g.append(row("fees", "行政事业性收费", ["amount"]) + ["<", "<"])
    else:
        g.append(["第二十条第（一）项", "<", "<", "<"])
        g.append(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
        for k, lab in [("regulations", "规章"), ("normative_documents", "规范性文件")]:
            g.append(row(k, lab, ["new_made", "new_published", "total_published"]))
        for item, lst in [
            ("（五）", [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
            ("（六）", [("punishment", "行政处罚"), ("coercion", "行政强制")]),
        ]:
            g.append([f"第二十条第{item}项", "<", "<", "<"])
            g.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
            for k, lab in lst:
                g.append(row(k, lab, ["prev_items", "change", "decisions"]))
        g.append(["第二十条第（八）项", "<", "<", "<"])
        g.append(["信息内容", "上一年项目数量", "本年增/减", "<"])
        g.append(row("fees", "行政事业性收费", ["prev_items", "change"]) + ["<"])
        g.append(["第二十条第（九）项", "<", "<", "<"])
        g.append(["信息内容", "采购项目数量", "采购总金额（万元）", "<"])
        g.append(row("procurement", "政府集中采购", ["items", "amount"]) + ["<"])
    return g, cells


def requests_table(r):
    q = r["requests"]
    blanks = set(r.get("blank_cols", []))  # applicant columns whose zeros are printed blank
    outcome = REQ_LABELS_2021 + (OTHER_2021 if r["template"] == "2021" else OTHER_2019)
    z = (0,) * 6
    handled = [sum(q.get(k, z)[i] for k, _, _ in outcome) for i in range(6)]
    co = q.get("carried_over", z)
    cf = q.get("carried_forward", z)
    new = [handled[i] + cf[i] - co[i] for i in range(6)]
    assert min(new) >= 0, (r["id"], new)
    vals = {
        "new_received": new,
        "carried_over": list(co),
        "carried_forward": list(cf),
        "total_handled": handled,
    }
    for k, _, _ in outcome:
        vals[k] = list(q.get(k, z))
    cells, g = [], []
    H = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    g.append([H, "<", "<", "申请人情况", "<", "<", "<", "<", "<", "<"])
    g.append(["^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"])
    g.append(["^", "^", "^", "^", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "^"])

    def nums(key):
        v = vals[key]
        tot = sum(v)
        out = []
        for i, c in enumerate(COLS):
            val = v[i]
            if val == 0 and c in blanks and key not in ("new_received", "total_handled"):
                val = None
            cells.append(("requests", key, c, val))
            out.append(fmt(val))
        cells.append(("requests", key, "total", tot))
        return out + [fmt(tot)]

    g.append(["一、本年新收政府信息公开申请数量", "<", "<"] + nums("new_received"))
    g.append(["二、上年结转政府信息公开申请数量", "<", "<"] + nums("carried_over"))
    first = True
    for k, mid, sub in outcome:
        c0 = "三、本年度办理结果" if first else "^"
        first = False
        g.append([c0, mid, sub if sub else "<"] + nums(k))
    g.append(["^", "（七）总计", "<"] + nums("total_handled"))
    g.append(["四、结转下年度继续办理", "<", "<"] + nums("carried_forward"))
    return g, cells, sum(new)


def review_table(r):
    rv = r.get("review", {})
    cells, vals = [], []
    for k in ["review", "litigation_direct", "litigation_after_review"]:
        v = list(rv.get(k, (0, 0, 0, 0)))
        for c, x in zip(["upheld", "corrected", "other_result", "pending"], v, strict=False):
            cells.append(("review_litigation", k, c, x))
        cells.append(("review_litigation", k, "total", sum(v)))
        vals += [fmt(x) for x in v] + [fmt(sum(v))]
    R = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    g = [
        ["行政复议", "<", "<", "<", "<", "行政诉讼"] + ["<"] * 9,
        R + ["未经复议直接起诉", "<", "<", "<", "<", "复议后起诉", "<", "<", "<", "<"],
        ["^"] * 5 + R + R,
        vals,
    ]
    return g, cells


def grid_lines(g):
    out = []
    for row in g:
        t = " ".join(x for x in row if x not in ("<", "^", ""))
        if t:
            out.append(t)
    return out


def add_grid(doc, g, font_size=9):
    nrow, ncol = len(g), len(g[0])
    t = doc.add_table(rows=nrow, cols=ncol)
    t.style = "Table Grid"
    for i in range(nrow):
        for j in range(ncol):
            x = g[i][j]
            if x in ("<", "^"):
                continue
            w = 1
            while j + w < ncol and g[i][j + w] == "<":
                w += 1
            h = 1
            while i + h < nrow and g[i + h][j] == "^":
                h += 1
            c = t.cell(i, j)
            if w > 1 or h > 1:
                c = c.merge(t.cell(i + h - 1, j + w - 1))
            c.text = x
            for p in c.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(font_size)
    return t


def parse_body(r):
    """Return unit records (text, kind, label, mixed, generic, unsure, section no.) and table slots."""
    units = []
    for raw in r["body"].strip("\n").split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        code, _, text = raw.partition(" ")
        text = text.strip()
        if code in ("T1", "T2", "T3"):
            units.append({"slot": code})
            continue
        u = {"text": text, "label": None, "mixed": False, "generic": None, "sec": None}
        if code.startswith("#") and code != "##":
            u["kind"] = "heading"
            u["sec"] = int(code[1:])
        elif code == "##":
            u["kind"] = "heading"
        elif code == "M":
            u["kind"] = "meta"
        else:
            lab, _, uns = code.partition("?")
            lab, _, flags = lab.partition(".")
            u["kind"] = "narrative"
            u["label"] = LAB[lab]
            u["mixed"] = "m" in flags
            u["generic"] = "g" in flags
            if uns:
                u["unsure"] = LAB[uns]
        units.append(u)
    return units


def set_font(doc):
    st = doc.styles["Normal"]
    st.font.name = FONT
    st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for _s in ("Table Grid",):
        pass


def build(r, outdir):
    units = parse_body(r)
    ga, ca = active_table(r)
    gq, cq, received = requests_table(r)
    gr, cr = review_table(r)
    grids = {"T1": ga, "T2": gq, "T3": gr}
    doc = Document()
    set_font(doc)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    lines = []  # final units with kinds
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(r["title"])
    run.bold = True
    run.font.size = Pt(16)
    lines.append(
        {"text": r["title"], "kind": "heading", "label": None, "mixed": False, "generic": None, "sec": None}
    )
    land = r.get("landscape")  # slot before which a landscape section starts
    for u in units:
        if "slot" in u:
            g = grids[u["slot"]]
            if land and u["slot"] == "T1":
                s = doc.add_section(WD_SECTION.NEW_PAGE)
                s.orientation = WD_ORIENT.LANDSCAPE
                s.page_width, s.page_height = Cm(29.7), Cm(21)
            add_grid(doc, g, 8 if u["slot"] == "T3" else 9)
            if land and u["slot"] == "T3":
                s = doc.add_section(WD_SECTION.NEW_PAGE)
                s.orientation = WD_ORIENT.PORTRAIT
                s.page_width, s.page_height = Cm(21), Cm(29.7)
            for t in grid_lines(g):
                lines.append(
                    {"text": t, "kind": "table", "label": None, "mixed": False, "generic": None, "sec": None}
                )
            continue
        if u.get("pagebreak"):
            pass
        if u["text"].startswith("附件") or u["text"].startswith("附表"):
            if r.get("appendix_break") and u["text"] == r["appendix_break"]:
                doc.add_page_break()
        p = doc.add_paragraph()
        if u["kind"] == "heading":
            run = p.add_run(u["text"])
            run.bold = u["sec"] is not None
        elif u["kind"] == "meta":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.add_run(u["text"])
        else:
            p.paragraph_format.first_line_indent = Pt(24)
            p.add_run(u["text"])
        lines.append(u)
    path = os.path.join(outdir, r["id"] + ".docx")
    doc.save(path)
    return lines, ca + cq + cr, received, path


def main():
    import glob
    import importlib

    reps = []
    for f in sorted(glob.glob(os.path.join(HERE, "texts_*.py"))):
        reps += importlib.import_module(os.path.basename(f)[:-3]).REPORTS
    tmp = "/tmp/sety_build"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    R, L, S, T = [], [], [], []
    to_pdf = []
    for r in reps:
        lines, cells, received, path = build(r, tmp)
        n = int(r["id"][1:])
        fmt_ = r["format"]
        if fmt_ == "docx":
            shutil.copy(path, os.path.join(HERE, r["id"] + ".docx"))
        else:
            to_pdf.append(path)
        text = "\n".join(u["text"] for u in lines)
        R.append(
            {
                "doc_id": r["id"],
                "agency": r["agency"],
                "year": r["year"],
                "template": r["template"],
                "title": r["title"],
                "level": r["level"],
                "province": r["province"],
                "file": r["id"] + "." + fmt_,
                "format": fmt_,
                "split": "dev" if n % 2 else "held",
                "text": text,
                "page": r["page"],
                "received_requests": received,
            }
        )
        secs = []
        for i, u in enumerate(lines):
            rec = {
                "doc_id": r["id"],
                "para_index": i,
                "text": u["text"],
                "kind": u["kind"],
                "label": u["label"],
                "mixed": u["mixed"],
                "generic": u["generic"],
            }
            if u.get("unsure"):
                rec["unsure"] = u["unsure"]
            L.append(rec)
            if u.get("sec"):
                secs.append({"number": u["sec"], "name": u["text"], "para_index": i})
        S.append({"doc_id": r["id"], "sections": secs})
        T.append(
            {
                "doc_id": r["id"],
                "template": r["template"],
                "cells": [{"table": a, "row": b, "col": c, "value": v} for a, b, c, v in cells],
            }
        )
    if to_pdf:
        subprocess.run(
            [
                "soffice",
                "-env:UserInstallation=file:///tmp/lo_y",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
            ]
            + to_pdf,
            check=True,
            capture_output=True,
        )
        for pth in to_pdf:
            shutil.copy(pth[:-5] + ".pdf", os.path.join(HERE, os.path.basename(pth)[:-5] + ".pdf"))
    for name, data in [("reports", R), ("labels", L), ("sections", S), ("tables", T)]:
        with open(os.path.join(HERE, name + ".jsonl"), "w", encoding="utf-8") as f:
            for d in data:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print("reports", len(R), "lines", len(L))


if __name__ == "__main__":
    main()
