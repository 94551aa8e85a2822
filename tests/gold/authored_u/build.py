"""Build set U: python-docx sources -> PDF via soffice, plus the jsonl gold files.

Line markup in content_u.py: "H|text" heading, "E|text" meta, "T:active" / "T:requests" /
"T:review" a statistical table, "C|text" a cover-page line (not in `text`),
"<lab><g>[m][?alt]|text" a narrative unit (lab one of A R I L O Q M X, g 0/1 generic).
Narrative text may hold {placeholders} filled from the computed tables.
"""
import json
import subprocess
import sys
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from content_u import REPORTS  # noqa: E402

LABELS = {"A": "active_disclosure", "R": "application", "I": "info_management", "L": "platform",
          "O": "organization", "Q": "problem", "M": "improvement", "X": "other"}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org", "total"]
COL_CN = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
OUTCOMES_COMMON = [
    ("granted", "（一）予以公开"), ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "（三）不予公开 1.属于国家秘密"), ("denied_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"), ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"), ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"), ("denied_admin_query", "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"), ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "（五）不予处理 1.信访举报投诉类申请"), ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"), ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
]
OTHER_2019 = [("other_handling", "（六）其他处理")]
OTHER_2021 = [("other_overdue_correction", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
              ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
              ("other_misc", "3.其他")]


def requests_cells(spec, template):
    """spec: row -> {col: n} for outcome rows and carried_over/carried_forward; totals derived."""
    outcomes = OUTCOMES_COMMON + (OTHER_2019 if template == "2019" else OTHER_2021)
    vals = {}
    for row, _ in outcomes + [("carried_over", ""), ("carried_forward", "")]:
        vals[row] = {c: spec.get(row, {}).get(c, 0) for c in COLS[:-1]}
    vals["total_handled"] = {c: sum(vals[r][c] for r, _ in outcomes) for c in COLS[:-1]}
    vals["new_received"] = {c: vals["total_handled"][c] + vals["carried_forward"][c] - vals["carried_over"][c]
                            for c in COLS[:-1]}
    for row in vals.values():
        assert all(v >= 0 for v in row.values()), spec
        row["total"] = sum(row.values())
    order = [("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量")]
    order += [(r, ("三、本年度办理结果 " + n) if r == "granted" else n) for r, n in outcomes]
    order += [("total_handled", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]
    return vals, order


def table_rows(rep):
    """Return {name: (list of row cell lists, header row count, cells for tables.jsonl)}."""
    t = rep["template"]
    out = {}
    act = rep["active"]
    cells = []
    rows = []
    if t == "2021":
        rows.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
        for key, cn in [("regulations", "规章"), ("normative_documents", "行政规范性文件")]:
            v = act[key]
            rows.append([cn] + [str(x) for x in v])
            cells += [("active", key, c, x) for c, x in zip(["issued", "repealed", "in_force"], v, strict=False)]
        rows.append(["信息内容", "本年处理决定数量", "", ""])
        for key, cn in [("licensing", "行政许可"), ("punishment", "行政处罚"), ("coercion", "行政强制")]:
            rows.append([cn, str(act[key]), "", ""])
            cells.append(("active", key, "decisions", act[key]))
        rows.append(["信息内容", "本年收费金额（万元）", "", ""])
        rows.append(["行政事业性收费", str(act["fees"]), "", ""])
        cells.append(("active", "fees", "amount", act["fees"]))
    else:
        rows.append(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
        for key, cn in [("regulations", "规章"), ("normative_documents", "规范性文件")]:
            v = act[key]
            rows.append([cn] + [str(x) for x in v])
            cells += [("active", key, c, x) for c, x in zip(["new_made", "new_published", "total_published"], v, strict=False)]
        rows.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
        for key, cn in [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"),
                        ("punishment", "行政处罚"), ("coercion", "行政强制")]:
            v = act[key]
            rows.append([cn] + [str(x) for x in v])
            cells += [("active", key, c, x) for c, x in zip(["prev_items", "change", "decisions"], v, strict=False)]
        rows.append(["信息内容", "上一年项目数量", "本年增/减", ""])
        rows.append(["行政事业性收费"] + [str(x) for x in act["fees"]] + [""])
        cells += [("active", "fees", c, x) for c, x in zip(["prev_items", "change"], act["fees"], strict=False)]
        rows.append(["信息内容", "采购项目数量", "采购总金额", ""])
        rows.append(["政府集中采购"] + [str(x) for x in act["procurement"]] + [""])
        cells += [("active", "procurement", c, x) for c, x in zip(["items", "amount"], act["procurement"], strict=False)]
    out["active"] = (rows, 1, cells)

    vals, order = requests_cells(rep["requests"], t)
    rows = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] + COL_CN]
    cells = []
    for key, cn in order:
        rows.append([cn] + [str(vals[key][c]) for c in COLS])
        cells += [("requests", key, c, vals[key][c]) for c in COLS]
    out["requests"] = (rows, 1, cells)
    rep["_req"] = vals

    rows = [["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]
    rows[0][5] = "行政诉讼（未经复议直接起诉）"
    rows[0][10] = "行政诉讼（复议后起诉）"
    rows[0][5:] = ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]
    cells = []
    line = []
    rev = {}
    for key in ["review", "litigation_direct", "litigation_after_review"]:
        v = rep["review"].get(key, [0, 0, 0, 0])
        v = list(v) + [sum(v)]
        rev[key] = v
        line += [str(x) for x in v]
        cells += [("review_litigation", key, c, x) for c, x in
                  zip(["upheld", "corrected", "other_result", "pending", "total"], v, strict=False)]
    rows.append(line)
    out["review"] = (rows, 2, cells)
    rep["_rev"] = rev
    return out


def fill(rep):
    r = rep["_req"]
    f = {k: v["total"] for k, v in r.items()}
    f["rev_total"] = rep["_rev"]["review"][4]
    f["lit_total"] = rep["_rev"]["litigation_direct"][4] + rep["_rev"]["litigation_after_review"][4]
    f["np"] = r["new_received"]["natural_person"]
    f["corrected"] = sum(v[1] for v in rep["_rev"].values())
    f["legal"] = r["new_received"]["total"] - r["new_received"]["natural_person"]
    f.update(rep.get("vars", {}))
    return f


# reports already committed: their files are not remade (pass --all to remake every file)
FROZEN = set() if "--all" in sys.argv else {"U01", "U02", "U03", "U04", "U05", "U06", "U07", "U08", "U09", "U10", "U11", "U12", "U13", "U14", "U15", "U16"}


def add_page_number(section):
    p = section.footer.paragraphs[0]
    p.alignment = 1
    p.add_run("— ")
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)
    p.add_run(" —")


def set_orient(section, landscape):
    w, h = section.page_width, section.page_height
    if landscape != (w > h):
        section.page_width, section.page_height = h, w
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT


def add_table(doc, rows, header_rows):
    tbl = doc.add_table(rows=len(rows), cols=len(rows[0]))
    tbl.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            cell = tbl.cell(i, j)
            cell.text = val
            for par in cell.paragraphs:
                for run in par.runs:
                    run.font.size = Pt(8)
        if i < header_rows:
            trPr = tbl.rows[i]._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            trPr.append(el)


def build(rep):
    tables = table_rows(rep)
    f = fill(rep)
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "Noto Serif CJK SC"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    st.font.size = Pt(11)
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(210), Mm(297)
    add_page_number(doc.sections[0])
    lines, labels = [], []
    in_land = False
    first_real = True
    for item in rep["body"]:
        if item.startswith("C|"):
            p = doc.add_paragraph(item[2:])
            p.alignment = 1
            continue
        if item == "PAGEBREAK":
            doc.add_page_break()
            continue
        if item == "LAND" or item == "PORT":
            sec = doc.add_section(WD_SECTION.NEW_PAGE)
            set_orient(sec, item == "LAND")
            in_land = item == "LAND"
            continue
        if item.startswith("T:"):
            rows, hdr, _ = tables[item[2:]]
            add_table(doc, rows, hdr)
            for row in rows:
                line = "\t".join(row)
                lines.append(line)
                labels.append({"kind": "table", "label": None, "mixed": False, "generic": None})
            continue
        code, text = item.split("|", 1)
        text = text.format(**f) if "{" in text else text
        rec = {"mixed": False, "generic": None, "label": None}
        if code == "H":
            rec["kind"] = "heading"
        elif code == "E":
            rec["kind"] = "meta"
        else:
            rec["kind"] = "narrative"
            rec["label"] = LABELS[code[0]]
            rec["generic"] = code[1] == "1"
            rest = code[2:]
            if rest.startswith("m"):
                rec["mixed"] = True
                rest = rest[1:]
            if rest.startswith("?"):
                rec["unsure"] = LABELS[rest[1]]
        p = doc.add_paragraph(text)
        if code == "H" and first_real:
            p.alignment = 1
            for run in p.runs:
                run.font.size = Pt(16)
                run.bold = True
        elif code == "E" and rep["body"].index(item) > len(rep["body"]) - 4:
            p.alignment = 2
        first_real = False
        lines.append(text)
        labels.append(rec)
    assert not in_land
    src = HERE / "src" / f"{rep['doc_id']}.docx"
    if rep["doc_id"] in FROZEN and (HERE / f"{rep['doc_id']}.pdf").exists():
        return lines, labels, tables  # committed: keep the file the second labeller reads
    src.parent.mkdir(exist_ok=True)
    doc.save(src)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(HERE), str(src)],
                   check=True, capture_output=True)
    return lines, labels, tables


def main():
    reps, labs, secs, tabs = [], [], [], []
    for rep in REPORTS:
        lines, labels, tables = build(rep)
        did = rep["doc_id"]
        num = int(did[1:])
        reps.append({"doc_id": did, "agency": rep["agency"], "year": rep["year"], "template": rep["template"],
                     "title": lines[0], "level": rep["level"], "province": rep["province"],
                     "file": f"{did}.pdf", "format": "pdf", "split": "dev" if num % 2 else "held",
                     "text": "\n".join(lines), "page": rep["page"]})
        for i, (line, rec) in enumerate(zip(lines, labels, strict=False)):
            labs.append({"doc_id": did, "para_index": i, "text": line, **rec})
        sections = []
        for n, name in enumerate(rep["sections"], 1):
            sections.append({"number": n, "name": name, "para_index": lines.index(name) if name in lines else None})
        secs.append({"doc_id": did, "sections": sections})
        cells = [c for k in ("active", "requests", "review") for c in tables[k][2]]
        tabs.append({"doc_id": did, "template": rep["template"],
                     "cells": [{"table": a, "row": b, "col": c, "value": d} for a, b, c, d in cells]})
    for name, data in [("reports", reps), ("labels", labs), ("sections", secs), ("tables", tabs)]:
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for obj in data:
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
