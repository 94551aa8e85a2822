"""Build set AO (consecutive years of the same agencies) from the report texts in texts_ao*.py.

Run: /work/main/.venv/bin/python make_set.py   (writes files, reports/labels/sections/tables/years .jsonl)
"""
import difflib
import html
import json
import subprocess
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt
from texts_ao1 import PAIRS as P1
from texts_ao2 import PAIRS as P2

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
LAB = {"ad": "active_disclosure", "ap": "application", "im": "info_management", "pf": "platform",
       "og": "organization", "pb": "problem", "iv": "improvement", "ot": "other"}
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
OUT_ROWS = [
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "（三）不予公开\t1.属于国家秘密"),
    ("denied_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供\t1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "（五）不予处理\t1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_overdue_correction", "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
]
RL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
RL_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


def z6():
    return [0] * 6


def compute_tables(spec, prev=None, breaks=()):
    """spec: active{reg:(i,r), norm:(i,r), reg_base, norm_base (for first year), lic,pun,coe,fee},
    req{new:[6], carried:[6] (first year only), outcomes{row:[6]}}, rl{row:(u,c,o,p)}.
    prev: computed tables of year N-1 (joins applied unless overridden in spec['override'])."""
    a = spec["active"]
    ov = spec.get("override", {})
    act = {}
    for key, row in (("reg", "regulations"), ("norm", "normative_documents")):
        i, r = a[key]
        if prev is None:
            base = a[key + "_base"]
        else:
            base = prev["active"][row]["in_force"] - 0  # N-1 stock
        f = base + i - r if prev is not None else a[key + "_base"]
        f = ov.get(("active", row, "in_force"), f)
        act[row] = {"issued": i, "repealed": r, "in_force": f}
    act["licensing"] = {"decisions": a["lic"]}
    act["punishment"] = {"decisions": a["pun"]}
    act["coercion"] = {"decisions": a["coe"]}
    act["fees"] = {"amount": a["fee"]}
    rq = spec["req"]
    new = rq["new"]
    carried = list(prev["requests"]["carried_forward"]) if prev is not None else rq.get("carried", z6())
    if "carried" in ov:
        carried = ov["carried"]
    outs = {k: rq["outcomes"].get(k, z6()) for k, _ in OUT_ROWS}
    handled = [sum(outs[k][c] for k, _ in OUT_ROWS) for c in range(6)]
    fwd = [new[c] + carried[c] - handled[c] for c in range(6)]
    assert all(x >= 0 for x in fwd), (spec, fwd)
    req = {"new_received": new, "carried_over": carried, **outs, "total_handled": handled, "carried_forward": fwd}
    rl = {}
    for r in RL_ROWS:
        u, c, o, p = spec.get("rl", {}).get(r, (0, 0, 0, 0))
        rl[r] = [u, c, o, p, u + c + o + p]
    return {"active": act, "requests": req, "rl": rl}


def cells(t):
    out = []
    for row, d in t["active"].items():
        for col, v in d.items():
            out.append({"table": "active", "row": row, "col": col, "value": v})
    for row, vals in t["requests"].items():
        for c, v in zip(APPL, vals, strict=True):
            out.append({"table": "requests", "row": row, "col": c, "value": v})
        out.append({"table": "requests", "row": row, "col": "total", "value": sum(vals)})
    for row in RL_ROWS:
        for c, v in zip(RL_COLS, t["rl"][row], strict=True):
            out.append({"table": "review_litigation", "row": row, "col": c, "value": v})
    return out


def fmt(v):
    return str(v)


def table_rows(t, which):
    """Rows (lists of cell strings) of table 1=active, 2=requests, 3=review/litigation."""
    if which == 1:
        a = t["active"]
        return [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章"] + [fmt(a["regulations"][k]) for k in ("issued", "repealed", "in_force")],
                ["行政规范性文件"] + [fmt(a["normative_documents"][k]) for k in ("issued", "repealed", "in_force")],
                ["信息内容", "本年处理决定数量"],
                ["行政许可", fmt(a["licensing"]["decisions"])],
                ["行政处罚", fmt(a["punishment"]["decisions"])],
                ["行政强制", fmt(a["coercion"]["decisions"])],
                ["信息内容", "本年收费金额（单位：万元）"],
                ["行政事业性收费", fmt(a["fees"]["amount"])]]
    if which == 2:
        q = t["requests"]
        rows = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
                ["", "自然人", "法人或其他组织", "总计"],
                ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]

        def r(label, vals):
            return label.split("\t") + [fmt(v) for v in vals] + [fmt(sum(vals))]
        rows.append(r("一、本年新收政府信息公开申请数量", q["new_received"]))
        rows.append(r("二、上年结转政府信息公开申请数量", q["carried_over"]))
        rows.append(["三、本年度办理结果"])
        for k, label in OUT_ROWS:
            rows.append(r(label, q[k]))
        rows.append(r("（七）总计", q["total_handled"]))
        rows.append(r("四、结转下年度继续办理", q["carried_forward"]))
        return rows
    rl = t["rl"]
    return [["行政复议", "行政诉讼"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
            [fmt(v) for r in RL_ROWS for v in rl[r]]]


def parse_body(body, t):
    """DSL -> list of units {text, kind, label, mixed, generic, unsure, copy, section}."""
    units = []
    for raw in body.strip("\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line in ("T1", "T2", "T3"):
            for row in table_rows(t, int(line[1])):
                units.append(dict(text="\t".join(row), kind="table"))
            continue
        if line.startswith("#"):
            units.append(dict(text=line[1:].strip(), kind="heading"))
            continue
        if line[0] == "S" and line[1].isdigit():
            units.append(dict(text=line[2:].strip(), kind="heading", section=int(line[1])))
            continue
        if line.startswith("@"):
            units.append(dict(text=line[1:].strip(), kind="meta"))
            continue
        head, text = line.split("|", 1)
        toks = head.split()
        lab = LAB[toks[0]]
        u = dict(text=text.strip(), kind="narrative", label=lab, generic=(toks[1] == "g"), mixed=False)
        for tk in toks[2:]:
            if tk == "m":
                u["mixed"] = True
            elif tk.startswith("u:"):
                u["unsure"] = LAB[tk[2:]]
            elif tk == "c=":
                u["copy"] = "exact"
            elif tk == "c~":
                u["copy"] = "edited"
            elif tk == "req":
                u["req"] = True
            else:
                raise ValueError(tk)
        units.append(u)
    return units


# ---------------------------------------------------------------- file writers
def set_font(doc):
    st = doc.styles["Normal"]
    st.font.name = "WenQuanYi Zen Hei"
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Zen Hei")


def write_docx(rep, path):
    d = docx.Document()
    set_font(d)
    units = rep["units"]
    i = 0
    while i < len(units):
        u = units[i]
        if u["kind"] == "table":
            j = i
            rows = []
            while j < len(units) and units[j]["kind"] == "table":
                rows.append(units[j]["text"].split("\t"))
                j += 1
            ncol = max(len(r) for r in rows)
            tb = d.add_table(rows=len(rows), cols=ncol)
            tb.style = "Table Grid"
            for ri, r in enumerate(rows):
                for ci, c in enumerate(r):
                    tb.cell(ri, ci).text = c
            i = j
            continue
        p = d.add_paragraph(u["text"])
        if u["kind"] == "heading":
            for run in p.runs:
                run.bold = True
        i += 1
    d.save(path)


def write_html(rep, path):
    units = rep["units"]
    out = ["<!DOCTYPE html>", "<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
           f"<title>{html.escape(rep['title'])}-{html.escape(rep['site'])}</title></head><body>",
           f"<div class=\"top\"><a href=\"/\">{html.escape(rep['site'])}</a> | 无障碍 | 长者模式 | 登录</div>",
           "<div class=\"nav\"><a href=\"/\">首页</a><a href=\"/zwgk/\">政务公开</a><a href=\"/hdjl/\">互动交流</a><a href=\"/bsfw/\">办事服务</a></div>",
           "<div class=\"main\">"]
    i = 0
    while i < len(units):
        u = units[i]
        if u["kind"] == "table":
            out.append("<table border=\"1\" cellspacing=\"0\">")
            while i < len(units) and units[i]["kind"] == "table":
                out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in units[i]["text"].split("\t")) + "</tr>")
                i += 1
            out.append("</table>")
            continue
        t = html.escape(u["text"])
        if u["kind"] == "meta":
            out.append(f"<div class=\"info\">{t}</div>")
        elif u["kind"] == "heading" and i == rep["title_index"]:
            out.append(f"<h1>{t}</h1>")
        elif u["kind"] == "heading":
            out.append(f"<p style=\"font-weight:bold\">{t}</p>")
        else:
            out.append(f"<p style=\"text-indent:2em\">{t}</p>")
        i += 1
    out += ["</div>", "<div class=\"share\">分享到：微信 微博</div>",
            f"<div class=\"foot\">主办：{html.escape(rep['site'])}　网站标识码：{rep['siteid']}　{rep['icp']}</div>",
            "<script>var _hmt=_hmt||[];</script></body></html>"]
    Path(path).write_text("\n".join(out), encoding="utf-8")


def write_txt(rep, path):
    lines = [u["text"] for u in rep["units"]]
    # crawled: page chrome before/after the text (not part of `text`), blank lines between paragraphs
    pre = rep.get("txt_pre", [])
    post = rep.get("txt_post", [])
    Path(path).write_text("\n".join(pre + [""] + [ln + "\n" if "\t" not in ln else ln for ln in lines] + post) + "\n",
                          encoding="utf-8")


def soffice_pdf(src, outdir):
    subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/lo_ao", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=300)


# ---------------------------------------------------------------- build
def build():
    FILES.mkdir(exist_ok=True)
    reports, labels, sections, tables, years = [], [], [], [], []
    built = {}
    for pair in P1 + P2:
        prev_t = None
        prev_units = None
        for yi, rep in enumerate(pair["years"]):
            t = compute_tables(rep["spec"], prev_t)
            units = parse_body(rep["body"], t)
            rep["units"] = units
            rep["tables"] = t
            rep["title_index"] = next(i for i, u in enumerate(units) if u["kind"] == "heading")
            rep["title"] = units[rep["title_index"]]["text"]
            built[rep["doc_id"]] = rep
            if yi == 1:
                copied = []
                earlier_narr = [(i, u["text"]) for i, u in enumerate(prev_units) if u["kind"] == "narrative"]
                for i, u in enumerate(units):
                    if "copy" not in u:
                        continue
                    if u["copy"] == "exact":
                        src = [k for k, s in earlier_narr if s == u["text"]]
                        assert src, (rep["doc_id"], u["text"])
                        copied.append({"later_para_index": i, "earlier_para_index": src[0], "kind": "exact"})
                    else:
                        best = max(earlier_narr, key=lambda ks: difflib.SequenceMatcher(None, ks[1], u["text"]).ratio())
                        ratio = difflib.SequenceMatcher(None, best[1], u["text"]).ratio()
                        assert ratio > 0.6 and best[1] != u["text"], (rep["doc_id"], u["text"], best, ratio)
                        copied.append({"later_para_index": i, "earlier_para_index": best[0], "kind": "edited"})
                for b in pair["breaks"]:
                    if b["check"] == "narrative":
                        pat = f"{pair['years'][0]['year']}年共收到申请{b['printed']}件"
                        b["para_index"] = next(i for i, u in enumerate(units) if pat in u["text"])
                years.append({"agency": pair["agency"], "earlier": pair["years"][0]["doc_id"],
                              "later": rep["doc_id"], "breaks": pair["breaks"], "copied": copied})
            prev_t, prev_units = t, units
    for did in sorted(built):
        rep = built[did]
        fmt_ = rep["format"]
        fname = f"{did}.{fmt_}"
        path = FILES / fname
        if fmt_ == "docx":
            write_docx(rep, path)
        elif fmt_ == "pdf":
            tmp = Path("/tmp/ao_docx")
            tmp.mkdir(exist_ok=True)
            write_docx(rep, tmp / f"{did}.docx")
            soffice_pdf(tmp / f"{did}.docx", FILES)
        elif fmt_ == "html":
            write_html(rep, path)
        else:
            write_txt(rep, path)
        units = rep["units"]
        reports.append({"doc_id": did, "agency": rep["agency"], "year": rep["year"], "template": "2021",
                        "title": rep["title"], "level": rep["level"], "province": rep["province"],
                        "file": f"files/{fname}", "format": fmt_, "split": "dev" if int(did[2:]) % 2 else "held",
                        "text": "\n".join(u["text"] for u in units), "page": rep["page"]})
        for i, u in enumerate(units):
            r = {"doc_id": did, "para_index": i, "text": u["text"], "kind": u["kind"],
                 "label": u.get("label") if u["kind"] == "narrative" else None,
                 "mixed": u.get("mixed", False),
                 "generic": u.get("generic") if u["kind"] == "narrative" else None}
            if "unsure" in u:
                r["unsure"] = u["unsure"]
            labels.append(r)
        sections.append({"doc_id": did, "sections": [{"number": u["section"], "name": u["text"], "para_index": i}
                                                     for i, u in enumerate(units) if "section" in u]})
        tables.append({"doc_id": did, "template": "2021", "cells": cells(rep["tables"])})

    def dump(name, rows):
        with open(HERE / name, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    dump("reports.jsonl", reports)
    dump("labels.jsonl", labels)
    dump("sections.jsonl", sections)
    dump("tables.jsonl", tables)
    dump("years.jsonl", years)
    print(len(reports), "reports,", len(labels), "lines")


if __name__ == "__main__":
    build()
