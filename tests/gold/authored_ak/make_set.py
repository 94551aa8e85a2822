"""Build set AK: report files (.docx) and the gold jsonl files from texts_*.py."""
import json
import os
import re
import sys

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import texts_a
import texts_b
import texts_c
import texts_d

HERE = os.path.dirname(os.path.abspath(__file__))

CODES = dict(A="active_disclosure", R="application", I="info_management", P="platform", O="organization",
             B="problem", V="improvement", X="other")
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org", "total"]
COLCN = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
OUT21 = [("granted", "（一）予以公开"), ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
         ("denied_state_secret", "（三）不予公开 1.属于国家秘密"), ("denied_prohibited", "2.其他法律行政法规禁止公开"),
         ("denied_security_stability", "3.危及“三安全一稳定”"), ("denied_third_party", "4.保护第三方合法权益"),
         ("denied_internal_affairs", "5.属于三类内部事务信息"), ("denied_process_info", "6.属于四类过程性信息"),
         ("denied_enforcement_files", "7.属于行政执法案卷"), ("denied_admin_query", "8.属于行政查询事项"),
         ("unavailable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息"), ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
         ("unavailable_unclear", "3.补正后申请内容仍不明确"), ("not_processed_complaint", "（五）不予处理 1.信访举报投诉类申请"),
         ("not_processed_duplicate", "2.重复申请"), ("not_processed_publication", "3.要求提供公开出版物"),
         ("not_processed_mass_repeat", "4.无正当理由大量反复申请"), ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息")]
OTHER21 = [("other_overdue_correction", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
           ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
           ("other_misc", "3.其他")]
OTHER19 = [("other_handling", "（六）其他处理")]
REVROWS = [("review", "行政复议"), ("litigation_direct", "行政诉讼 未经复议直接起诉"), ("litigation_after_review", "行政诉讼 复议后起诉")]
PDFWORD = {1, 3, 5, 8, 10, 11, 13, 16}
REVCOLS = ["upheld", "corrected", "other_result", "pending", "total"]


def all_reports():
    out = []
    for m in (texts_a, texts_b, texts_c, texts_d):
        out.extend(m.REPORTS)
    return out


def fmt(v):
    if v is None:
        return "/"
    if isinstance(v, float):
        return (f"{v:.2f}").rstrip("0").rstrip(".")
    return str(v)


def build_tables(r):
    """Return (cells, blocks) where blocks maps ACT/REQ/REV to list of rows (list of str cells)."""
    t = r["template"]
    cells, blocks = [], {}
    a = r["act"]
    rows = []
    if t == "2021":
        rows.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
        for key, cn in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
            v = a[key]
            for c, x in zip(("issued", "repealed", "in_force"), v, strict=True):
                cells.append(dict(table="active", row=key, col=c, value=x))
            rows.append([cn] + [fmt(x) for x in v])
        rows.append(["信息内容", "本年处理决定数量"])
        for key, cn in (("licensing", "行政许可"), ("punishment", "行政处罚"), ("coercion", "行政强制")):
            cells.append(dict(table="active", row=key, col="decisions", value=a[key][0]))
            rows.append([cn, fmt(a[key][0])])
        rows.append(["信息内容", "本年收费金额（单位：万元）"])
        cells.append(dict(table="active", row="fees", col="amount", value=a["fees"][0]))
        rows.append(["行政事业性收费", fmt(a["fees"][0])])
    else:
        rows.append(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
        for key, cn in (("regulations", "规章"), ("normative_documents", "规范性文件")):
            for c, x in zip(("new_made", "new_published", "total_published"), a[key], strict=True):
                cells.append(dict(table="active", row=key, col=c, value=x))
            rows.append([cn] + [fmt(x) for x in a[key]])
        rows.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
        for key, cn in (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"), ("punishment", "行政处罚"), ("coercion", "行政强制")):
            for c, x in zip(("prev_items", "change", "decisions"), a[key], strict=True):
                cells.append(dict(table="active", row=key, col=c, value=x))
            rows.append([cn] + [fmt(x) for x in a[key]])
        rows.append(["信息内容", "上一年项目数量", "本年增/减"])
        for c, x in zip(("prev_items", "change"), a["fees"], strict=True):
            cells.append(dict(table="active", row="fees", col=c, value=x))
        rows.append(["行政事业性收费"] + [fmt(x) for x in a["fees"]])
        rows.append(["信息内容", "采购项目数量", "采购总金额"])
        for c, x in zip(("items", "amount"), a["procurement"], strict=True):
            cells.append(dict(table="active", row="procurement", col=c, value=x))
        rows.append(["政府集中采购"] + [fmt(x) for x in a["procurement"]])
    blocks["ACT"] = rows
    # requests
    q = r["req"]
    outs = OUT21 + (OTHER21 if t == "2021" else OTHER19)
    def vec(key):
        d = q.get(key, {})
        v = [d.get(c, 0) for c in COLS[:-1]]
        return v + [sum(v)]
    nr, co = vec("new_received"), vec("carried_over")
    handled = [0] * 7
    outvals = []
    for key, cn in outs:
        v = vec(key)
        outvals.append((key, cn, v))
        handled = [h + x for h, x in zip(handled, v, strict=True)]
    cf = [n + c - h for n, c, h in zip(nr, co, handled, strict=True)]
    assert all(x >= 0 for x in cf), (r["id"], cf)
    if "carried_forward" in q:
        assert cf == vec("carried_forward"), (r["id"], cf)
    rows = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
            ["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]
    seq = [("new_received", "一、本年新收政府信息公开申请数量", nr), ("carried_over", "二、上年结转政府信息公开申请数量", co)]
    seq += [(k, "三、本年度办理结果" + cn if k == "granted" else cn, v) for k, cn, v in outvals]
    seq += [("total_handled", "（七）总计", handled), ("carried_forward", "四、结转下年度继续办理", cf)]
    for key, cn, v in seq:
        for c, x in zip(COLS, v, strict=True):
            cells.append(dict(table="requests", row=key, col=c, value=x))
        rows.append([cn] + [str(x) for x in v])
    blocks["REQ"] = rows
    rv = r["rev"]
    rows = [["行政复议", "", "", "", "", "行政诉讼"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉 结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
             "复议后起诉 结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]]
    vals = []
    for key, _cn in REVROWS:
        v = list(rv.get(key, (0, 0, 0, 0)))
        v = v + [sum(v)]
        for c, x in zip(REVCOLS, v, strict=True):
            cells.append(dict(table="review_litigation", row=key, col=c, value=x))
        vals += [str(x) for x in v]
    rows.append(vals)
    blocks["REV"] = rows
    return cells, blocks


def parse(r):
    """Return list of units dicts and sections."""
    cells, blocks = build_tables(r)
    units, sections = [], []
    for raw in r["body"].strip("\n").split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        if raw.startswith("%"):
            for row in blocks[raw[1:]]:
                txt = " ".join(c for c in row if c)
                units.append(dict(text=txt, kind="table", label=None, mixed=False, generic=None, cells=row, block=raw[1:]))
            continue
        tag, txt = raw.split(" ", 1)
        if tag.startswith("#"):
            if tag[1:]:
                sections.append(dict(number=int(tag[1:]), name=txt, para_index=len(units)))
            units.append(dict(text=txt, kind="heading", label=None, mixed=False, generic=None))
        elif tag == "@":
            units.append(dict(text=txt, kind="meta", label=None, mixed=False, generic=None))
        else:
            m = re.fullmatch(r"([ARIPOBVX])([01])(m?)(?:\?([ARIPOBVX]))?", tag)
            assert m, (r["id"], raw)
            u = dict(text=txt, kind="narrative", label=CODES[m.group(1)], mixed=bool(m.group(3)), generic=m.group(2) == "1")
            if m.group(4):
                u["unsure"] = CODES[m.group(4)]
            units.append(u)
    return units, sections, cells


# ---------------------------------------------------------------- docx writers
def set_font(doc):
    st = doc.styles["Normal"]
    st.font.name = "FangSong"
    st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")


def wrap(text, width, indent):
    """Cut text into printed lines of `width` chars; first line carries the indent."""
    lines, first = [], True
    while text:
        w = width - (2 if first and indent else 0)
        lines.append(("    " if first and indent else "") + text[:w])
        text, first = text[w:], False
    return lines


def pdfword_docx(r, units, path):
    """PDF-to-Word damage: one paragraph per printed line, header/footer paragraphs between pages,
    the tables as many small Word tables split where the page broke, some cells with two lines."""
    doc = Document()
    set_font(doc)
    per_page, width = 34, 30
    state = dict(n=0, page=1)
    def furniture():
        doc.add_paragraph(f"- {state['page']:d} -")
        state["page"] += 1
        doc.add_paragraph(r["agency"])  # running header of next page
        state["n"] = 0
    def line(t):
        if state["n"] >= per_page:
            furniture()
        doc.add_paragraph(t)
        state["n"] += 1
    table_rows = []
    def flush_table():
        if not table_rows:
            return
        chunk = []
        for row in table_rows:
            if state["n"] >= per_page:
                emit(chunk)
                chunk = []
                furniture()
            chunk.append(row)
            state["n"] += 2
        emit(chunk)
        table_rows.clear()
    def emit(chunk):
        if not chunk:
            return
        ncol = max(len(x) for x in chunk)
        t = doc.add_table(rows=len(chunk), cols=ncol)
        t.style = "Table Grid"
        for i, row in enumerate(chunk):
            for j, c in enumerate(row):
                cell = t.cell(i, j)
                if len(c) > 9:  # long labels wrap onto two lines inside the cell
                    cell.paragraphs[0].text = c[:len(c) // 2]
                    cell.add_paragraph(c[len(c) // 2:])
                else:
                    cell.paragraphs[0].text = c
    for u in units:
        if u["kind"] == "table":
            table_rows.append(u["cells"])
            continue
        flush_table()
        if u["kind"] == "narrative":
            for ln in wrap(u["text"], width, True):
                line(ln)
        else:
            for ln in wrap(u["text"], width, False):
                line(ln)
    flush_table()
    doc.add_paragraph(f"- {state['page']:d} -")
    doc.save(path)


def framed_para(doc, text, x, y, w=9000):
    p = doc.add_paragraph(text)
    pPr = p._p.get_or_add_pPr()
    fp = OxmlElement("w:framePr")
    for k, v in (("w:w", str(w)), ("w:hSpace", "180"), ("w:wrap", "around"), ("w:vAnchor", "page"),
                 ("w:hAnchor", "page"), ("w:x", str(x)), ("w:y", str(y))):
        fp.set(qn(k), v)
    pPr.insert(0, fp)
    return p


def frame_docx(r, units, path):
    """Text-box conversion: each text block in a positioned frame (w:framePr); on each page the header
    box comes first and the footer box last; tables as real tables."""
    doc = Document()
    set_font(doc)
    page, y = 1, 1400
    def header():
        framed_para(doc, r["agency"] + "政府信息公开工作年度报告", 1800, 600)
    def footer():
        framed_para(doc, f"第{page:d}页", 5600, 15800, 1200)
    header()
    i = 0
    while i < len(units):
        u = units[i]
        if u["kind"] == "table":
            blk = u["block"]
            rows = []
            while i < len(units) and units[i]["kind"] == "table" and units[i]["block"] == blk:
                rows.append(units[i]["cells"])
                i += 1
            ncol = max(len(x) for x in rows)
            t = doc.add_table(rows=len(rows), cols=ncol)
            t.style = "Table Grid"
            for a, row in enumerate(rows):
                for b, c in enumerate(row):
                    t.cell(a, b).text = c
            y += 400 * len(rows)
        else:
            h = 300 * (len(u["text"]) // 34 + 1)
            framed_para(doc, ("　　" if u["kind"] == "narrative" else "") + u["text"], 1800, y)
            y += h + 120
            i += 1
        if y > 14800:
            footer()
            page += 1
            y = 1400
            header()
    footer()
    doc.save(path)


def main():
    reps, labels, secs, tabs = [], [], [], []
    for r in all_reports():
        units, sections, cells = parse(r)
        n = int(r["id"][2:])
        fmtname = "docx-pdfword" if n in PDFWORD else "docx-frame"
        path = os.path.join(HERE, r["id"] + ".docx")
        if fmtname == "docx-pdfword":
            pdfword_docx(r, units, path)
            page = "PDF-to-Word conversion: every printed line is its own paragraph (sentences cut mid-line, first lines indented with spaces), page number and agency-name header paragraphs between pages, the three tables as many small Word tables split at page breaks with long row labels on two lines."
        else:
            frame_docx(r, units, path)
            page = "Frame conversion: every text block sits in a positioned frame (w:framePr) in reading order, a running-header frame first and a 第N页 footer frame last on each page; the three tables are real Word tables."
        text = "\n".join(u["text"] for u in units)
        title = units[0]["text"]
        reps.append(dict(doc_id=r["id"], agency=r["agency"], year=r["year"], template=r["template"], title=title,
                         level=r["level"], province=r["province"], file=r["id"] + ".docx", format=fmtname,
                         split="dev" if n % 2 else "held", text=text, page=page))
        for k, u in enumerate(units):
            rec = dict(doc_id=r["id"], para_index=k, text=u["text"], kind=u["kind"], label=u["label"],
                       mixed=u["mixed"], generic=u["generic"])
            if "unsure" in u:
                rec["unsure"] = u["unsure"]
            labels.append(rec)
        secs.append(dict(doc_id=r["id"], sections=sections))
        tabs.append(dict(doc_id=r["id"], template=r["template"], cells=cells))
    def dump(name, rows):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for x in rows:
                f.write(json.dumps(x, ensure_ascii=False) + "\n")
    dump("reports.jsonl", reps)
    dump("labels.jsonl", labels)
    dump("sections.jsonl", secs)
    dump("tables.jsonl", tabs)
    print(len(reps), "reports", len(labels), "lines")


if __name__ == "__main__":
    main()
