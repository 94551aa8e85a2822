"""Build set AP from the report texts in texts_a.py / texts_b.py.

Writes AP01..AP16 (.docx / .html), reports.jsonl, labels.jsonl, sections.jsonl, tables.jsonl.
Line syntax of a body: `H text` heading, `M text` meta, `T text` table line,
`N<L><g>[*][?<L>] text` narrative (L: label code, g: 1 generic / 0 not, * mixed, ?L unsure),
`@T2` `@T3` `@T4` where the generator puts the lines of table 二/三/四 (as a table or as 项目：数字 lines).
"""
import html
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from texts_a import REPORTS as RA
from texts_b import REPORTS as RB

HERE = Path(__file__).resolve().parent

REPORTS = {**RA, **RB}

LAB = dict(A="active_disclosure", P="application", I="info_management", F="platform",
           O="organization", R="problem", V="improvement", X="other")

ACT_ROWS = [("regulations", "规章", ["issued", "repealed", "in_force"]),
            ("normative_documents", "行政规范性文件", ["issued", "repealed", "in_force"]),
            ("licensing", "行政许可", ["decisions"]),
            ("punishment", "行政处罚", ["decisions"]),
            ("coercion", "行政强制", ["decisions"]),
            ("fees", "行政事业性收费", ["amount"])]
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
RCOLS = APPL + ["total"]
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
OUTCOMES = [r for r, _ in REQ_ROWS if r and r not in ("new_received", "carried_over", "total_handled", "carried_forward")]
REV_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]
APPL_ZH = dict(natural_person="自然人", commercial_enterprise="商业企业", research_institution="科研机构",
               social_welfare_org="社会公益组织", legal_service_org="法律服务机构", other_org="其他")


def build_tables(r):
    """Return {(table,row,col): value} for every template cell, per the report's style."""
    style = r["style"]
    cells = {}
    # active
    adef = 0 if style in ("table", "list") else None
    act = r.get("active", {})
    for row, _, cols in ACT_ROWS:
        for c in cols:
            cells[("active", row, c)] = act.get(row, {}).get(c, adef)
    # requests
    q = r.get("req", {})
    full = style in ("table", "mixed")  # every applicant column printed
    m = {}
    new = q.get("new", {})
    m["new_received"] = {c: new.get(c, 0) for c in APPL}
    def vec(v):
        if isinstance(v, dict):
            return {c: v.get(c, 0) for c in APPL}
        return {c: (v if c == "natural_person" else 0) for c in APPL}
    m["carried_over"] = vec(q.get("carried", 0))
    for o in OUTCOMES:
        m[o] = vec(q.get(o, 0))
    m["total_handled"] = {c: sum(m[o][c] for o in OUTCOMES) for c in APPL}
    m["carried_forward"] = {c: m["new_received"][c] + m["carried_over"][c] - m["total_handled"][c] for c in APPL}
    for c in APPL:
        assert m["carried_forward"][c] >= 0, (r["doc_id"], c)
    for row, vals in m.items():
        tot = sum(vals.values())
        for c in APPL:
            if full or row == "new_received" or tot == 0:
                cells[("requests", row, c)] = vals[c]
            else:
                cells[("requests", row, c)] = None
        cells[("requests", row, "total")] = tot
    # review
    rv = r.get("rev", {})
    for row in REV_ROWS:
        vals = {c: rv.get(row, {}).get(c, 0) for c in REV_COLS[:-1]}
        for c, v in vals.items():
            cells[("review_litigation", row, c)] = v
        cells[("review_litigation", row, "total")] = sum(vals.values())
    for k in r.get("unsaid", []):
        cells[tuple(k)] = None
    return cells


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v)}"
    return str(v)


def table_rows(r, cells, which):
    """Rows (list of cell-string lists) of table 二/三/四 as printed in a table."""
    rows = []
    if which == "T2":
        rows.append(["第二十条第（一）项"])
        rows.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
        for row, zh, cols in ACT_ROWS[:2]:
            rows.append([zh] + [fmt(cells[("active", row, c)]) for c in cols])
        rows.append(["第二十条第（五）项"])
        rows.append(["信息内容", "本年处理决定数量"])
        rows.append(["行政许可", fmt(cells[("active", "licensing", "decisions")])])
        rows.append(["第二十条第（六）项"])
        rows.append(["信息内容", "本年处理决定数量"])
        for row in ("punishment", "coercion"):
            rows.append([dict(punishment="行政处罚", coercion="行政强制")[row], fmt(cells[("active", row, "decisions")])])
        rows.append(["第二十条第（八）项"])
        rows.append(["信息内容", "本年收费金额（万元）"])
        rows.append(["行政事业性收费", fmt(cells[("active", "fees", "amount")])])
    elif which == "T3":
        rows.append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"])
        rows.append(["", "自然人", "法人或其他组织", "", "", "", "", "总计"])
        rows.append(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])
        for row, zh in REQ_ROWS:
            if row is None:
                rows.append([zh])
            else:
                rows.append([zh] + [fmt(cells[("requests", row, c)]) for c in RCOLS])
    elif which == "T4":
        rows.append(["行政复议", "行政诉讼"])
        rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"])
        rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
        rows.append([fmt(cells[("review_litigation", row, c)]) for row in REV_ROWS for c in REV_COLS])
    return rows


def list_lines(r, cells, which):
    """项目：数字 lines for the list style."""
    sep = r.get("sep", "：")
    L = []
    if which == "T2":
        for row, zh, cols in ACT_ROWS[:2]:
            for c, czh in zip(cols, ["本年制发件数", "本年废止件数", "现行有效件数"], strict=True):
                L.append(f"{zh}{czh}{sep}{fmt(cells[('active', row, c)])}")
        for row, zh in (("licensing", "行政许可"), ("punishment", "行政处罚"), ("coercion", "行政强制")):
            L.append(f"{zh}本年处理决定数量{sep}{fmt(cells[('active', row, 'decisions')])}")
        L.append(f"行政事业性收费本年收费金额（万元）{sep}{fmt(cells[('active', 'fees', 'amount')])}")
    elif which == "T3":
        group = ""
        for row, zh in REQ_ROWS:
            if row is None:
                group = zh.split("）")[-1] if zh.startswith("（") else ""
                continue
            v = cells[("requests", row, "total")]
            if row in ("new_received", "carried_over", "carried_forward"):
                zh = zh.split("、", 1)[1]
            elif row == "total_handled":
                zh = "办理结果总计"
            elif row in ("granted", "partially_granted"):
                zh = zh.split("）", 1)[1].split("（")[0]
            else:
                zh = f"{group}（{zh.split('.', 1)[1]}）"

            if row == "new_received":
                parts = "，".join(f"{APPL_ZH[c]}{fmt(cells[('requests', row, c)])}" for c in APPL)
                L.append(f"{zh}{sep}{fmt(v)}（{parts}）")
            else:
                L.append(f"{zh}{sep}{fmt(v)}")
    elif which == "T4":
        for row, zh in zip(REV_ROWS, ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"], strict=True):
            parts = "，".join(f"{czh}{sep}{fmt(cells[('review_litigation', row, c)])}"
                             for c, czh in zip(REV_COLS, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], strict=True))
            L.append(f"{zh}——{parts}")
    return L


def expand(r, cells):
    """Return list of items: (kind, text, extra) and blocks for files: ('p', text) | ('table', rows)."""
    items, blocks = [], []
    style = r["style"]
    for raw in r["body"].strip("\n").split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        if raw.startswith("@T"):
            which = raw[1:]
            as_table = style == "table" or (style == "mixed" and which == "T3")
            if as_table:
                rows = table_rows(r, cells, which)
                blocks.append(("table", rows))
                for row in rows:
                    items.append(("table", " ".join(x for x in row if x), {}))
            else:
                assert style == "list", (r["doc_id"], raw)
                for line in list_lines(r, cells, which):
                    items.append(("table", line, {}))
                    blocks.append(("p", line))
            continue
        tag, text = raw.split(" ", 1)
        text = text.strip()
        if tag == "H":
            items.append(("heading", text, {}))
        elif tag == "M":
            items.append(("meta", text, {}))
        elif tag == "T":
            items.append(("table", text, {}))
        else:
            mm = re.fullmatch(r"N([APIFORVX])([01])(\*?)(?:\?([APIFORVX]))?", tag)
            assert mm, (r["doc_id"], raw)
            ex = dict(label=LAB[mm.group(1)], generic=mm.group(2) == "1", mixed=bool(mm.group(3)))
            if mm.group(4):
                ex["unsure"] = LAB[mm.group(4)]
            items.append(("narrative", text, ex))
        blocks.append(("p", text, tag))
    return items, blocks


def write_docx(path, r, blocks):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "FangSong"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    st.font.size = Pt(16)
    for b in blocks:
        if b[0] == "table":
            rows = b[1]
            ncol = max(len(x) for x in rows)
            t = d.add_table(rows=len(rows), cols=ncol)
            t.style = "Table Grid"
            from docx.shared import Cm
            t.autofit = False
            for j, col in enumerate(t.columns):
                col.width = Cm(5.5) if (j == 0 and ncol > 2) else Cm(1.5 if ncol > 4 else 4)
            for i, row in enumerate(rows):
                for j in range(ncol):
                    cell = t.cell(i, j)
                    cell.width = Cm(5.5) if (j == 0 and ncol > 2) else Cm(1.5 if ncol > 4 else 4)
                    if j < len(row):
                        cell.text = row[j]
                        for pr in cell.paragraphs:
                            for rn in pr.runs:
                                rn.font.size = Pt(9)
        else:
            text = b[1]
            tag = b[2] if len(b) > 2 else "T"
            p = d.add_paragraph()
            run = p.add_run(text)
            if text == r["title"]:
                p.alignment = 1
                run.bold = True
            elif tag == "H":
                run.bold = True
            elif tag == "M":
                p.alignment = 2
            elif tag.startswith("N"):
                p.paragraph_format.first_line_indent = Pt(32)
    d.save(path)


def write_html(path, r, blocks):
    out = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8">',
           f'<title>{html.escape(r["title"])}_{html.escape(r.get("site", r["agency"]))}</title>',
           '<style>body{font-family:SimSun;width:1000px;margin:auto}.TRS_Editor p{text-indent:2em;line-height:2}'
           'table{border-collapse:collapse}td{border:1px solid #333;padding:2px 6px;text-align:center}</style>',
           '</head><body>',
           f'<div class="header"><span class="logo">{html.escape(r.get("site", r["agency"]))}</span>'
           '<ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></div>']
    in_art = False
    for b in blocks:
        if b[0] == "table":
            out.append('<table border="1" cellspacing="0">')
            for row in b[1]:
                out.append("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>")
            out.append("</table>")
            continue
        text, tag = b[1], (b[2] if len(b) > 2 else "T")
        e = html.escape(text)
        if tag == "M" and not in_art:
            out.append(f'<div class="crumb">{e}</div>')
        elif text == r["title"]:
            out.append(f'<h1 class="art-title">{e}</h1><div class="TRS_Editor">')
            in_art = True
        elif tag == "H":
            out.append(f'<p><strong>{e}</strong></p>')
        elif tag == "M":
            out.append(f'<p style="text-align:right">{e}</p>')
        else:
            out.append(f"<p>{e}</p>")
    out.append('</div><div class="footer"><p>主办单位：' + html.escape(r.get("site", r["agency"])) +
               '</p><p>技术支持：本站信息中心</p></div></body></html>')
    Path(path).write_text("\n".join(out), encoding="utf-8")


def main():
    reps, labs, secs, tabs = [], [], [], []
    for did in sorted(REPORTS):
        r = REPORTS[did]
        r["doc_id"] = did
        cells = build_tables(r)
        items, blocks = expand(r, cells)
        n = int(did[2:])
        ext = r["fmt"]
        fname = f"{did}.{ext}"
        if ext == "docx":
            write_docx(HERE / fname, r, blocks)
        else:
            write_html(HERE / fname, r, blocks)
        text = "\n".join(t for _, t, _ in items)
        reps.append(dict(doc_id=did, agency=r["agency"], year=r["year"], template="2021", title=r["title"],
                         level=r["level"], province=r["province"], file=fname, format=ext,
                         split="dev" if n % 2 else "held", text=text, page=r["page"], stats_style=r["style"]))
        sec = []
        for i, (k, t, ex) in enumerate(items):
            rec = dict(doc_id=did, para_index=i, text=t, kind=k, label=ex.get("label"),
                       mixed=ex.get("mixed", False), generic=ex.get("generic") if k == "narrative" else None)
            if "unsure" in ex:
                rec["unsure"] = ex["unsure"]
            labs.append(rec)
            mm = re.match(r"^([一二三四五六])、", t)
            if k == "heading" and mm and t != r["title"]:
                num = "一二三四五六".index(mm.group(1)) + 1
                if not sec or sec[-1]["number"] < num:
                    sec.append(dict(number=num, name=t, para_index=i))
        secs.append(dict(doc_id=did, sections=sec))
        tabs.append(dict(doc_id=did, template="2021",
                         cells=[dict(table=a, row=b, col=c, value=v) for (a, b, c), v in cells.items()]))
    def dump(name, rows):
        with open(HERE / name, "w", encoding="utf-8") as f:
            for x in rows:
                f.write(json.dumps(x, ensure_ascii=False) + "\n")
    dump("reports.jsonl", reps)
    dump("labels.jsonl", labs)
    dump("sections.jsonl", secs)
    dump("tables.jsonl", tabs)
    print(len(reps), "reports", len(labs), "lines")


if __name__ == "__main__":
    main()
