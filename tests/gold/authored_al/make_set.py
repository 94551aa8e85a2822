"""Build set AL (bilingual reports of ethnic autonomous areas) from the text modules.

Line codes in texts_*.py (one report line a line, `code|text`):
  t        title line (kind heading)
  h1..h6   section heading (kind heading, section number 1-6)
  h        subsection heading (kind heading)
  m        meta (breadcrumb, date, sign-off)
  T        table placeholder: active | requests | review (expands to kind-table lines)
  o a r i p g P I   narrative, label other / active_disclosure / application / info_management /
           platform / organization / problem / improvement;
           then optional '*' (generic), 'x' (mixed), '?<code>' (unsure: the other label considered)
Run: /work/main/.venv/bin/python make_set.py
"""
import html
import json
import os
import re

import docx
import texts_bo
import texts_ko
import texts_mn
import texts_ug
import xscript as X
import xtopics
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"o": "other", "a": "active_disclosure", "r": "application", "i": "info_management",
          "p": "platform", "g": "organization", "P": "problem", "I": "improvement"}
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
REPORTS = texts_ko.REPORTS + texts_mn.REPORTS + texts_ug.REPORTS + texts_bo.REPORTS
REPORTS.sort(key=lambda r: r["doc_id"])


# ---------------------------------------------------------------- tables
def fmt(v):
    if v is None:
        return ""
    return str(v)


def active_rows(R):
    """rows: list of (cells, cnlabel or None); cells: strings. Also returns cells records."""
    rows, cells = [], []
    a = R["act"]
    if R["template"] == "2021":
        (reg, norm, lic, pun, coe, fee) = a
        rows.append((["第二十条第（一）项"], None))
        rows.append((["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], None))
        for key, cn, v in (("regulations", "规章", reg), ("normative_documents", "行政规范性文件", norm)):
            rows.append(([cn] + [fmt(x) for x in v], cn))
            for col, x in zip(("issued", "repealed", "in_force"), v, strict=True):
                cells.append(dict(table="active", row=key, col=col, value=x))
        rows.append((["第二十条第（五）项"], None))
        rows.append((["信息内容", "本年处理决定数量"], None))
        rows.append((["行政许可", fmt(lic[0])], "行政许可"))
        cells.append(dict(table="active", row="licensing", col="decisions", value=lic[0]))
        rows.append((["第二十条第（六）项"], None))
        rows.append((["信息内容", "本年处理决定数量"], None))
        for key, cn, v in (("punishment", "行政处罚", pun), ("coercion", "行政强制", coe)):
            rows.append(([cn, fmt(v[0])], cn))
            cells.append(dict(table="active", row=key, col="decisions", value=v[0]))
        rows.append((["第二十条第（八）项"], None))
        rows.append((["信息内容", "本年收费金额（单位：万元）"], None))
        rows.append((["行政事业性收费", fmt(fee[0])], "行政事业性收费"))
        cells.append(dict(table="active", row="fees", col="amount", value=fee[0]))
    else:
        rows.append((["第二十条第（一）项"], None))
        rows.append((["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], None))
        for key, cn in (("regulations", "规章"), ("normative_documents", "规范性文件")):
            v = a[key]
            rows.append(([cn] + [fmt(x) for x in v], cn))
            for col, x in zip(("new_made", "new_published", "total_published"), v, strict=True):
                cells.append(dict(table="active", row=key, col=col, value=x))
        for art, items in (("第二十条第（五）项", (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
                           ("第二十条第（六）项", (("punishment", "行政处罚"), ("coercion", "行政强制")))):
            rows.append(([art], None))
            rows.append((["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], None))
            for key, cn in items:
                v = a[key]
                rows.append(([cn] + [fmt(x) for x in v], cn))
                for col, x in zip(("prev_items", "change", "decisions"), v, strict=True):
                    cells.append(dict(table="active", row=key, col=col, value=x))
        rows.append((["第二十条第（八）项"], None))
        rows.append((["信息内容", "上一年项目数量", "本年增/减"], None))
        v = a["fees"]
        rows.append((["行政事业性收费"] + [fmt(x) for x in v], "行政事业性收费"))
        for col, x in zip(("prev_items", "change"), v, strict=True):
            cells.append(dict(table="active", row="fees", col=col, value=x))
        rows.append((["第二十条第（九）项"], None))
        rows.append((["信息内容", "采购项目数量", "采购总金额"], None))
        v = a["procurement"]
        rows.append((["政府集中采购"] + [fmt(x) for x in v], "政府集中采购"))
        for col, x in zip(("items", "amount"), v, strict=True):
            cells.append(dict(table="active", row="procurement", col=col, value=x))
    return rows, cells


REQ_LAYOUT_COMMON = [
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
]
OTHER_2021 = [
    (None, "（六）其他处理"),
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
]
OTHER_2019 = [("other_handling", "（六）其他处理")]


def request_rows(R):
    q = R["req"]
    outs = [k for k, _ in REQ_LAYOUT_COMMON + (OTHER_2021 if R["template"] == "2021" else OTHER_2019) if k]
    for k in q["out"]:
        assert k in outs, (R["doc_id"], k)
    vals = {k: q["out"].get(k, [0] * 6) for k in outs}
    handled = [sum(vals[k][j] for k in outs) for j in range(6)]
    new = [handled[j] + q["cf"][j] - q["co"][j] for j in range(6)]
    assert all(x >= 0 for x in new), R["doc_id"]
    vals["new_received"], vals["carried_over"] = new, q["co"]
    vals["total_handled"], vals["carried_forward"] = handled, q["cf"]
    layout = ([("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"),
               (None, "三、本年度办理结果")] + REQ_LAYOUT_COMMON
              + (OTHER_2021 if R["template"] == "2021" else OTHER_2019)
              + [("total_handled", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")])
    rows = [(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"], None),
            (["申请人情况"], None),
            (["自然人", "法人或其他组织", "总计"], None),
            (["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], None)]
    cells = []
    for key, cn in layout:
        if key is None:
            rows.append(([cn], None))
            continue
        v = vals[key] + [sum(vals[key])]
        rows.append(([cn] + [fmt(x) for x in v], cn))
        for col, x in zip(APPL + ["total"], v, strict=True):
            cells.append(dict(table="requests", row=key, col=col, value=x))
    return rows, cells, sum(new)


def review_rows(R):
    rows = [(["行政复议", "行政诉讼"], None),
            (["未经复议直接起诉", "复议后起诉"], None),
            (["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3, None)]
    data, cells = [], []
    for key, v in zip(("review", "litigation_direct", "litigation_after_review"), R["rev"], strict=True):
        v = list(v) + [sum(v)]
        data += [fmt(x) for x in v]
        for col, x in zip(("upheld", "corrected", "other_result", "pending", "total"), v, strict=True):
            cells.append(dict(table="review_litigation", row=key, col=col, value=x))
    rows.append((data, None))
    return rows, cells


# ---------------------------------------------------------------- parse
def parse(R):
    recs, secs, tables, cells = [], [], {}, []
    a_rows, a_cells = active_rows(R)
    q_rows, q_cells, new_total = request_rows(R)
    v_rows, v_cells = review_rows(R)
    tables = {"active": a_rows, "requests": q_rows, "review": v_rows}
    cells = a_cells + q_cells + v_cells
    items = []  # for the file: (type, payload)
    for raw in R["lines"].strip("\n").split("\n"):
        code, text = raw.split("|", 1)
        if code == "T":
            items.append(("table", text))
            for cellrow, _ in tables[text]:
                line = " ".join(c for c in cellrow if c != "")
                recs.append(dict(kind="table", text=line, label=None, mixed=False, generic=None))
            continue
        rec = dict(text=text, label=None, mixed=False, generic=None)
        if code == "t":
            rec["kind"] = "heading"
            items.append(("title", text))
        elif code == "m":
            rec["kind"] = "meta"
            items.append(("meta", text))
        elif code == "h" or re.fullmatch(r"h[1-6]", code):
            rec["kind"] = "heading"
            if code != "h":
                secs.append(dict(number=int(code[1]), name=text, para_index=len(recs)))
                items.append(("section", (int(code[1]), text)))
            else:
                items.append(("sub", text))
        else:
            m = re.fullmatch(r"([oariPgpI])(\*?)(x?)(?:\?([oariPgpI]))?", code)
            assert m, (R["doc_id"], raw)
            rec["kind"] = "narrative"
            rec["label"] = LABELS[m.group(1)]
            rec["generic"] = bool(m.group(2))
            rec["mixed"] = bool(m.group(3))
            if m.group(4):
                rec["unsure"] = LABELS[m.group(4)]
            items.append(("para", (text, rec["label"])))
        recs.append(rec)
    return recs, secs, tables, cells, items, new_total


# ---------------------------------------------------------------- other-script rendering
class Renderer:
    def __init__(self, R):
        self.R, self.lang, self.count = R, R["lang"], {}

    def x(self, typ, payload):
        L = self.lang
        if typ == "title":
            return X.TITLE[L].format(a=X.AGENCY[self.R["doc_id"]], y=self.R["year"])
        if typ == "section":
            n, _ = payload
            return X.SEC_NUM[L][n - 1] + " " + X.SECTIONS[L][n - 1]
        if typ == "sub":
            num = "一二三四五".index(payload[1]) if payload[1] in "一二三四五" else 0
            for k, v in X.SUBS[L].items():
                if k in payload:
                    return X.SUB_NUM[L].format(X.DIGITS[L][num]) + " " + v
            return X.SUB_NUM[L].format(X.DIGITS[L][num])
        if typ == "para":
            text, label = payload
            return xtopics.render(L, text, label)
        if typ == "table":
            return X.TABLE_NOTE[L]
        return None


def bi_label(R, cn, sep):
    if not R["tbl_bi"] or cn is None:
        return None
    o = X.ROWS[R["lang"]].get(cn)
    return o


# ---------------------------------------------------------------- HTML
CSS = """body{font-family:"Microsoft YaHei",SimSun,sans-serif;margin:0;background:#f4f4f4}
.top{background:#8b0000;color:#fff;padding:6px 20px}.top a{color:#fff;text-decoration:none}
.wrap{width:1000px;margin:0 auto;background:#fff;padding:20px 40px}
.crumb{font-size:13px;color:#666;border-bottom:1px solid #ddd;padding:6px 0}
h1{font-size:22px;text-align:center;color:#222}.xt{color:#555}
.mn{writing-mode:vertical-lr;-webkit-writing-mode:vertical-lr;font-family:"Mongolian Baiti","Noto Sans Mongolian";height:260px;display:inline-block;margin:4px 10px;vertical-align:top}
.ug{font-family:"UKIJ Tuz Tom","Noto Naskh Arabic";text-align:right;display:block}
.bo{font-family:"Microsoft Himalaya","Noto Serif Tibetan";font-size:18px}
table{border-collapse:collapse;width:100%;margin:10px 0}td{border:1px solid #999;padding:3px 5px;font-size:13px;text-align:center}
.sign{text-align:right}"""


def x_html(lang, text, block="p", cls=""):
    t = html.escape(text)
    if lang == "ug":
        return f'<{block} class="xt {cls}"><span dir="rtl" lang="ug" class="ug">{t}</span></{block}>'
    if lang == "mn":
        return f'<{block} class="xt mn {cls}" lang="mn" style="writing-mode: vertical-lr;">{t}</{block}>'
    return f'<{block} class="xt {lang} {cls}" lang="{lang}">{t}</{block}>'


def html_table(R, rows):
    out = ['<table>']
    for cellrow, cn in rows:
        tds = []
        for j, c in enumerate(cellrow):
            content = html.escape(c)
            o = bi_label(R, cn, "/") if j == 0 else None
            if o:
                if R["doc_id"] in ("AL01", "AL05", "AL13"):
                    content += " / " + (f'<span dir="rtl">{html.escape(o)}</span>' if R["lang"] == "ug" else html.escape(o))
                else:
                    content += "<br>" + (f'<span dir="rtl">{html.escape(o)}</span>' if R["lang"] == "ug" else html.escape(o))
            span = f' colspan="{16 - len(cellrow)}"' if len(cellrow) == 1 else ""
            tds.append(f"<td{span}>{content}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def render_html(R, items, tables, path):
    L, rd = R["lang"], Renderer(R)
    crumb = next((p for t, p in items if t == "meta" and ("首页" in p)), None)
    body = []

    def cn_block(typ, p):
        if typ == "title":
            return f"<h1>{html.escape(p)}</h1>"
        if typ == "meta":
            if p == crumb:
                return ""
            return f'<p class="sign">{html.escape(p)}</p>' if not p.startswith(("发布", "来源")) else f'<div class="info">{html.escape(p)}</div>'
        if typ == "section":
            return f"<p><strong>{html.escape(p[1])}</strong></p>"
        if typ == "sub":
            return f"<p><b>{html.escape(p)}</b></p>"
        if typ == "para":
            return f'<p style="text-indent:2em">{html.escape(p[0])}</p>'
        if typ == "table":
            return html_table(R, tables[p])
        return ""

    if R["layout"] == "block":
        body.append(f'<div class="xblock" lang="{L}">')
        for typ, p in items:
            if typ == "meta":
                continue
            t = rd.x(typ, p)
            if t:
                body.append(x_html(L, t, "h1" if typ == "title" else "p"))
        body.append("</div><hr>")
        for typ, p in items:
            body.append(cn_block(typ, p))
    else:
        for typ, p in items:
            t = None if typ in ("meta", "table") else rd.x(typ, p)
            xs = x_html(L, t, "h1" if typ == "title" else "p") if t else ""
            c = cn_block(typ, p)
            body.append(xs + c if R["layout"] == "before" else c + xs)
    nav = f'<div class="top"><a href="#">首页</a>　<a href="#">政务公开</a>　<span class="lang"><a href="#">中文</a> | <a href="#" lang="{L}">{X.LANG_NAME[L]}</a></span></div>'
    page = (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(R["title"])}</title>'
            f"<style>{CSS}</style></head><body>\n{nav}\n<div class=\"wrap\">\n"
            + (f'<div class="crumb">{html.escape(crumb)}</div>\n' if crumb else "")
            + '<div class="article">\n' + "\n".join(b for b in body if b) + "\n</div></div>\n"
            '<div class="foot">主办：' + html.escape(R["agency"]) + "</div></body></html>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)


# ---------------------------------------------------------------- DOCX
def set_rtl(par):
    pPr = par._p.get_or_add_pPr()
    pPr.append(OxmlElement("w:bidi"))
    par.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def add_x(doc, L, text, heading=False):
    par = doc.add_paragraph()
    run = par.add_run(text)
    run.bold = heading
    font = {"ko": "Malgun Gothic", "ug": "UKIJ Tuz Tom", "bo": "Microsoft Himalaya", "mn": "Mongolian Baiti"}[L]
    run.font.name = font
    rPr = run._r.get_or_add_rPr()
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rPr.append(fonts)
    fonts.set(qn("w:cs"), font)
    if L == "ug":
        set_rtl(par)
        rtl = OxmlElement("w:rtl")
        rPr.append(rtl)
    return par


def add_cn(doc, typ, p, R, tables):
    if typ == "title":
        par = doc.add_paragraph()
        r = par.add_run(p)
        r.bold = True
        r.font.size = Pt(16)
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif typ == "meta":
        par = doc.add_paragraph(p)
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif typ in ("section", "sub"):
        par = doc.add_paragraph()
        r = par.add_run(p[1] if typ == "section" else p)
        r.bold = True
    elif typ == "para":
        par = doc.add_paragraph(p[0])
        par.paragraph_format.first_line_indent = Pt(24)
    elif typ == "table":
        rows = tables[p]
        ncol = max(len(c) for c, _ in rows)
        t = doc.add_table(rows=len(rows), cols=ncol)
        t.style = "Table Grid"
        for i, (cellrow, cn) in enumerate(rows):
            for j, c in enumerate(cellrow):
                o = bi_label(R, cn, "\n") if j == 0 else None
                t.cell(i, j).text = c + ("\n" + o if o else "")
            if len(cellrow) == 1 and ncol > 1:
                t.cell(i, 0).merge(t.cell(i, ncol - 1))
        doc.add_paragraph()


def render_docx(R, items, tables, path):
    L, rd = R["lang"], Renderer(R)
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "SimSun"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    if R["layout"] == "block":
        for typ, p in items:
            if typ == "meta":
                continue
            t = rd.x(typ, p)
            if t:
                add_x(doc, L, t, heading=typ in ("title", "section", "sub"))
        doc.add_page_break()
        for typ, p in items:
            add_cn(doc, typ, p, R, tables)
    else:
        for typ, p in items:
            t = None if typ in ("meta", "table") else rd.x(typ, p)
            if R["layout"] == "before" and t:
                add_x(doc, L, t, heading=typ in ("title", "section", "sub"))
            add_cn(doc, typ, p, R, tables)
            if R["layout"] == "after" and t:
                add_x(doc, L, t, heading=typ in ("title", "section", "sub"))
    doc.save(path)


# ---------------------------------------------------------------- main
PAGE = {
    ("html", "before"): "A {lang} portal page (nav with the switch 中文 | {sw}): each heading and paragraph is preceded by its {lang} rendering ({how}); {tb}.",
    ("html", "after"): "A {lang} portal page (nav with the switch 中文 | {sw}): each heading and paragraph is followed by its {lang} rendering ({how}); {tb}.",
    ("html", "block"): "A {lang} portal page (nav with the switch 中文 | {sw}): the whole {lang} version comes first ({how}), then the Chinese report; {tb}.",
    ("docx", "before"): "A Word file: each {lang} paragraph comes right before its Chinese paragraph; {tb}.",
    ("docx", "after"): "A Word file: each {lang} paragraph comes right after its Chinese paragraph; {tb}.",
    ("docx", "block"): "A Word file: the whole {lang} version first ({lang} headings numbered in its own way), a page break, then the Chinese report; {tb}.",
}
LANGNAME = {"ko": "Korean", "ug": "Uyghur", "bo": "Tibetan", "mn": "traditional Mongolian"}
HOW = {"ko": "lang=ko paragraphs", "ug": 'dir="rtl" spans', "bo": "lang=bo paragraphs",
       "mn": "writing-mode: vertical-lr paragraphs"}


def table_desc(R):
    L = LANGNAME[R["lang"]]
    if not R["tbl_bi"]:
        return "the three tables with Chinese row labels only"
    if R["fmt"] == "html" and R["doc_id"] in ("AL01", "AL05", "AL13"):
        return f"the three tables with the main row labels as `Chinese / {L}` in one cell"
    return f"the three tables with the main row labels in Chinese and {L} on two lines of one cell"


def main():
    out_rep, out_lab, out_sec, out_tab = [], [], [], []
    for R in REPORTS:
        R["tbl_bi"] = R["layout"] != "block" or R["doc_id"] in ("AL06", "AL16")
        recs, secs, tables, cells, items, new_total = parse(R)
        R["title"] = next(r["text"] for r in recs if r["kind"] == "heading")
        fn = f'{R["doc_id"]}.{R["fmt"]}'
        path = os.path.join(HERE, fn)
        (render_html if R["fmt"] == "html" else render_docx)(R, items, tables, path)
        n = int(R["doc_id"][2:])
        page = PAGE[(R["fmt"], R["layout"])].format(lang=LANGNAME[R["lang"]], tb=table_desc(R),
                                                    sw=X.LANG_NAME[R["lang"]], how=HOW[R["lang"]])
        out_rep.append(dict(doc_id=R["doc_id"], agency=R["agency"], year=R["year"], template=R["template"],
                            title=R["title"], level=R["level"], province=R["province"], file=fn,
                            format=R["fmt"], split="dev" if n % 2 else "held",
                            text="\n".join(r["text"] for r in recs), page=page))
        for i, r in enumerate(recs):
            d = dict(doc_id=R["doc_id"], para_index=i, text=r["text"], kind=r["kind"], label=r["label"],
                     mixed=r["mixed"], generic=r["generic"])
            if "unsure" in r:
                d["unsure"] = r["unsure"]
            out_lab.append(d)
        out_sec.append(dict(doc_id=R["doc_id"], sections=secs))
        out_tab.append(dict(doc_id=R["doc_id"], template=R["template"], cells=cells))

    def dump(name, rows):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    dump("reports.jsonl", out_rep)
    dump("labels.jsonl", out_lab)
    dump("sections.jsonl", out_sec)
    dump("tables.jsonl", out_tab)
    print("wrote", len(out_rep), "reports,", len(out_lab), "label records")


if __name__ == "__main__":
    main()
