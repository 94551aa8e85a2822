"""Build set M: .docx -> PDF (LibreOffice), .txt as copied out of such a PDF, and the jsonl files.

Run: cd tests/gold/authored_m && /work/main/.venv/bin/python build_set.py
"""
import json
import subprocess
import tempfile
from pathlib import Path

import docx
import pdfplumber
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from reports_src import REPORTS

HERE = Path(__file__).parent
REQ_COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
            "legal_service_org", "other_org", "total"]
REQ_HEAD = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
REQ_ROWS_COMMON = [
    ("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "（一）予以公开"), ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "1.属于国家秘密"), ("denied_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"), ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"), ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"), ("denied_admin_query", "8.属于行政查询事项"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息"), ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"), ("not_processed_complaint", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"), ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
]
REQ_ROWS_2019 = REQ_ROWS_COMMON + [("other_handling", "（六）其他处理")]
REQ_ROWS_2021 = REQ_ROWS_COMMON + [
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他")]
REQ_TAIL = [("total_handled", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]
REV_ROWS = [("review", "行政复议"), ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
            ("litigation_after_review", "行政诉讼（复议后起诉）")]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


def table_rows(rep, key):
    """Return (lines of cells, cells as TABLES.md keys)."""
    cells, lines = [], []
    if key == "active" and rep["template"] == "2021":
        a = rep["active"]
        lines.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
        for row, zh in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
            lines.append([zh, *map(str, a[row])])
            cells += [dict(table="active", row=row, col=c, value=v) for c, v in zip(("issued", "repealed", "in_force"), a[row], strict=True)]
        lines.append(["信息内容", "本年处理决定数量"])
        for row, zh in (("licensing", "行政许可"), ("punishment", "行政处罚"), ("coercion", "行政强制")):
            lines.append([zh, str(a[row])])
            cells.append(dict(table="active", row=row, col="decisions", value=a[row]))
        lines.append(["信息内容", "本年收费金额（万元）"])
        lines.append(["行政事业性收费", str(a["fees"])])
        cells.append(dict(table="active", row="fees", col="amount", value=a["fees"]))
    elif key == "active":
        a = rep["active"]
        lines.append(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
        for row, zh in (("regulations", "规章"), ("normative_documents", "规范性文件")):
            lines.append([zh, *map(str, a[row])])
            cells += [dict(table="active", row=row, col=c, value=v) for c, v in zip(("new_made", "new_published", "total_published"), a[row], strict=True)]
        lines.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
        for row, zh in (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"),
                        ("punishment", "行政处罚"), ("coercion", "行政强制")):
            lines.append([zh, *map(str, a[row])])
            cells += [dict(table="active", row=row, col=c, value=v) for c, v in zip(("prev_items", "change", "decisions"), a[row], strict=True)]
        lines.append(["信息内容", "上一年项目数量", "本年增/减"])
        lines.append(["行政事业性收费", *map(str, a["fees"])])
        cells += [dict(table="active", row="fees", col=c, value=v) for c, v in zip(("prev_items", "change"), a["fees"], strict=True)]
        lines.append(["信息内容", "采购项目数量", "采购总金额"])
        lines.append(["政府集中采购", *map(str, a["procurement"])])
        cells += [dict(table="active", row="procurement", col=c, value=v) for c, v in zip(("items", "amount"), a["procurement"], strict=True)]
    elif key == "requests":
        r = rep["requests"]
        rows = (REQ_ROWS_2021 if rep["template"] == "2021" else REQ_ROWS_2019)
        outcome = [k for k, _ in rows[2:]]
        handled = [sum(r.get(k, [0] * 6)[i] for k in outcome) for i in range(6)]
        new = r.get("new_received", [0] * 6)
        forward = [new[i] + r.get("carried_over", [0] * 6)[i] - handled[i] for i in range(6)]
        r = dict(r, total_handled=handled, carried_forward=forward)
        lines.append(REQ_HEAD)
        for row, zh in rows + REQ_TAIL:
            vals = list(r.get(row, [0] * 6))
            vals.append(sum(vals))
            lines.append([zh, *map(str, vals)])
            cells += [dict(table="requests", row=row, col=c, value=v) for c, v in zip(REQ_COLS, vals, strict=True)]
    elif key == "own_table":
        lines = rep["own_table"]  # the report's own small table: printed, not keyed by TABLES.md
    else:
        lines.append(["类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
        for row, zh in REV_ROWS:
            vals = list(rep["review"].get(row, [0, 0, 0, 0]))
            vals.append(sum(vals))
            lines.append([zh, *map(str, vals)])
            cells += [dict(table="review_litigation", row=row, col=c, value=v) for c, v in zip(REV_COLS, vals, strict=True)]
    return lines, cells


def add_page_number(section, style):
    """Footer with a PAGE field, so LibreOffice prints the page number."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pre, post = ("第 ", " 页") if style == "cn" else ("- ", " -")
    p.add_run(pre)
    run = p.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)
    p.add_run(post)


def build_docx(rep, path):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "WenQuanYi Micro Hei"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Micro Hei")
    st.font.size = Pt(14)  # large type: more pages, sentences and tables cross page breaks
    add_page_number(d.sections[0], "cn" if rep["format"] == "pdf" else "dash")
    t = d.add_paragraph(rep["title"])
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for u in rep["units"]:
        if u[0] == "t":
            lines, _ = table_rows(rep, u[1])
            width = max(len(x) for x in lines)
            tab = d.add_table(rows=len(lines), cols=width)
            tab.style = "Table Grid"
            for i, line in enumerate(lines):
                for j, c in enumerate(line):
                    tab.cell(i, j).text = c
            continue
        text = u[1] if u[0] in "hm" else u[3]
        p = d.add_paragraph(text)
        if u[0] == "n":
            p.paragraph_format.first_line_indent = Pt(28)
        if u[0] == "m":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(path)


def to_pdf(docx_path, outdir):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)],
                   check=True, capture_output=True)
    return Path(outdir) / (Path(docx_path).stem + ".pdf")


def main():
    reports, labels, sections, tables = [], [], [], []
    for rep in REPORTS:
        split = "dev" if int(rep["doc_id"][1:]) % 2 else "held"
        lines, recs, heads = [rep["title"]], [], []
        recs.append(dict(kind="heading", label=None, mixed=False, generic=None))
        cells = []
        for u in rep["units"]:
            if u[0] == "t":
                tl, tc = table_rows(rep, u[1])
                cells += tc
                for row in tl:
                    lines.append("\t".join(row))
                    recs.append(dict(kind="table", label=None, mixed=False, generic=None))
            elif u[0] == "h":
                heads.append((len(lines), u[1]))
                lines.append(u[1])
                recs.append(dict(kind="heading", label=None, mixed=False, generic=None))
            elif u[0] == "m":
                lines.append(u[1])
                recs.append(dict(kind="meta", label=None, mixed=False, generic=None))
            else:
                extra = u[4] if len(u) > 4 else {}
                lines.append(u[3])
                rec = dict(kind="narrative", label=u[1], mixed=extra.get("mixed", False), generic=u[2])
                if "unsure" in extra:
                    rec["unsure"] = extra["unsure"]
                recs.append(rec)
        for i, (line, rec) in enumerate(zip(lines, recs, strict=True)):
            labels.append(dict(doc_id=rep["doc_id"], para_index=i, text=line, **rec))
        with tempfile.TemporaryDirectory() as tmp:
            dpath = Path(tmp) / f"{rep['doc_id']}.docx"
            build_docx(rep, dpath)
            pdf = to_pdf(dpath, tmp)
            with pdfplumber.open(pdf) as doc:
                npages = len(doc.pages)
                if rep["format"] == "pdf":
                    (HERE / f"{rep['doc_id']}.pdf").write_bytes(pdf.read_bytes())
                else:
                    text = "\f".join(p.extract_text(layout=True) for p in doc.pages)
                    (HERE / f"{rep['doc_id']}.txt").write_text(text, encoding="utf-8")
        fname = f"{rep['doc_id']}.{rep['format']}"
        sec = {}
        for n in range(1, 7):
            prefix = "一二三四五六"[n - 1] + "、"
            sec[str(n)] = next((i for i, h in heads if h.startswith(prefix)), None)
        sections.append(dict(doc_id=rep["doc_id"], sections=sec))
        if cells:
            tables.append(dict(doc_id=rep["doc_id"], template=rep["template"], cells=cells))
        reports.append(dict(doc_id=rep["doc_id"], agency=rep["agency"], year=rep["year"], template=rep["template"],
                            title=rep["title"], level=rep["level"], province=rep["province"], file=fname,
                            format=rep["format"], split=split, text="\n".join(lines),
                            page=f"{rep['page']} {npages} pages."))
    for name, rows in (("reports", reports), ("labels", labels), ("sections", sections), ("tables", tables)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
