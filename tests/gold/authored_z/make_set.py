"""Build set Z: report files, reports/labels/sections/tables jsonl. Run with the repo venv python."""
import json
import os
import random
import re
import subprocess

from texts_z import (
    ACT,
    APP,
    FEE,
    FIVE,
    IMP,
    MGT,
    NPC,
    NPC_A,
    OLD_FEE,
    OLD_HEADS,
    OLD_PRE,
    OLD_REV,
    OLDX,
    ORG,
    OVERVIEW,
    PLAT,
    PRE19,
    PRE21,
    PRE_ADDR,
    PRE_PARTS,
    PROB,
    REPORTS,
    RUNIN,
    SIX_NONE,
    SIX_POINTS,
)

HERE = os.path.dirname(os.path.abspath(__file__))
LAB = dict(A="active_disclosure", P="application", I="info_management", F="platform", O="organization",
           Q="problem", M="improvement", X="other")
APPC = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org"]
OUT21 = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited", "denied_security_stability", "denied_third_party",
         "denied_internal_affairs", "denied_process_info", "denied_enforcement_files", "denied_admin_query", "unavailable_not_held",
         "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint", "not_processed_duplicate",
         "not_processed_publication", "not_processed_mass_repeat", "not_processed_confirmation"]
RLAB = {"new_received": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
        "granted": "（一）予以公开", "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "denied_state_secret": "1.属于国家秘密", "denied_prohibited": "2.其他法律行政法规禁止公开", "denied_security_stability": "3.危及“三安全一稳定”",
        "denied_third_party": "4.保护第三方合法权益", "denied_internal_affairs": "5.属于三类内部事务信息", "denied_process_info": "6.属于四类过程性信息",
        "denied_enforcement_files": "7.属于行政执法案卷", "denied_admin_query": "8.属于行政查询事项",
        "unavailable_not_held": "1.本机关不掌握相关政府信息", "unavailable_needs_creation": "2.没有现成信息需要另行制作", "unavailable_unclear": "3.补正后申请内容仍不明确",
        "not_processed_complaint": "1.信访举报投诉类申请", "not_processed_duplicate": "2.重复申请", "not_processed_publication": "3.要求提供公开出版物",
        "not_processed_mass_repeat": "4.无正当理由大量反复申请", "not_processed_confirmation": "5.要求行政机关确认或重新出具已获取信息",
        "other_handling": "（六）其他处理", "other_overdue_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other_unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_misc": "3.其他",
        "total_handled": "（七）总计", "carried_forward": "四、结转下年度继续办理"}
GROUP_BEFORE = {"granted": "三、本年度办理结果", "denied_state_secret": "（三）不予公开", "unavailable_not_held": "（四）无法提供",
                "not_processed_complaint": "（五）不予处理", "other_overdue_correction": "（六）其他处理"}
HEADS21 = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
           "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
SUBS = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障"]
SUBS19 = ["（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）平台建设情况", "（五）监督保障情况"]


def make_tables(r, rng):
    cells = []
    def c(t, row, col, v):
        cells.append(dict(table=t, row=row, col=col, value=v))
    tpl = r["tpl"]
    drop = r.get("dropempty")
    if tpl == "2021":
        for row in ["regulations", "normative_documents"]:
            if row == "regulations" and (r["level"] == "city" or drop):
                for col in ["issued", "repealed", "in_force"]:
                    c("active", row, col, None if drop else 0)
            else:
                iss = rng.randint(0, 2) if row == "regulations" else rng.randint(2, 15)
                c("active", row, "issued", iss)
                c("active", row, "repealed", rng.randint(0, 5))
                c("active", row, "in_force", iss + rng.randint(5, 60))
        c("active", "licensing", "decisions", rng.randint(50, 5000))
        c("active", "punishment", "decisions", rng.randint(0, 400))
        c("active", "coercion", "decisions", rng.randint(0, 30))
        c("active", "fees", "amount", None if drop else round(rng.uniform(0, 300), 2))
    else:
        for row in ["regulations", "normative_documents"]:
            m = 0 if row == "regulations" and r["level"] == "city" else rng.randint(1, 12)
            c("active", row, "new_made", m)
            c("active", row, "new_published", m)
            c("active", row, "total_published", m + rng.randint(10, 80))
        for row in ["licensing", "other_services", "punishment", "coercion"]:
            c("active", row, "prev_items", rng.randint(3, 60))
            c("active", row, "change", rng.randint(-3, 4))
            c("active", row, "decisions", rng.randint(0, 2000))
        c("active", "fees", "prev_items", rng.randint(0, 5))
        c("active", "fees", "change", 0)
        c("active", "procurement", "items", rng.randint(2, 30))
        c("active", "procurement", "amount", round(rng.uniform(20, 900), 2))
    # requests
    outs = OUT21 + (["other_overdue_correction", "other_unpaid_fee", "other_misc"] if tpl == "2021" else ["other_handling"])
    weights = {"granted": 8, "partially_granted": 2, "unavailable_not_held": 4, "denied_process_info": 1, "not_processed_complaint": 1,
               "denied_third_party": 1, "other_overdue_correction": 1, "other_handling": 1, "unavailable_unclear": 1}
    data = {k: [0] * 6 for k in ["new_received", "carried_over"] + outs + ["total_handled", "carried_forward"]}
    for j, lo, hi in [(0, 3, 40), (1, 0, 5), (4, 0, 2), (5, 0, 3)]:
        data["new_received"][j] = rng.randint(lo, hi)
    data["carried_over"][0] = rng.randint(0, 3)
    data["carried_forward"][0] = rng.randint(0, 2)
    for j in range(6):
        n = data["new_received"][j] + data["carried_over"][j] - data["carried_forward"][j]
        if n < 0:
            data["carried_forward"][j] += n
            n = 0
        data["total_handled"][j] = n
        keys = [k for k in outs if k in weights]
        w = [weights[k] for k in keys]
        for _ in range(n):
            data[rng.choices(keys, w)[0]][j] += 1
    for row, vals in data.items():
        for j, col in enumerate(APPC):
            c("requests", row, col, vals[j])
        c("requests", row, "total", sum(vals))
    rv = {}
    for row in ["review", "litigation_direct", "litigation_after_review"]:
        v = [0, 0, 0, 0]
        if row == "review" and rng.random() < 0.5:
            v = [rng.randint(0, 2), rng.randint(0, 1), 0, rng.randint(0, 1)]
        if row == "litigation_direct" and rng.random() < 0.3:
            v = [1, 0, 0, 0]
        for col, x in zip(["upheld", "corrected", "other_result", "pending"], v, strict=True):
            c("review_litigation", row, col, x)
        c("review_litigation", row, "total", sum(v))
        rv[row] = sum(v)
    return cells, data, outs, rv


def fmtnum(v):
    return "" if v is None else ((f"{v:.2f}") if isinstance(v, float) else str(v))


def table_rows(r, cells, outs):
    """returns list of (kind, text) for the three tables; each data row as (label, [values])"""
    get = {(x["table"], x["row"], x["col"]): x["value"] for x in cells}
    T = {"active": [], "requests": [], "review_litigation": []}
    if r["tpl"] == "2021":
        T["active"] = [("H", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
                       ("R", "规章", [get["active", "regulations", k] for k in ["issued", "repealed", "in_force"]]),
                       ("R", "行政规范性文件", [get["active", "normative_documents", k] for k in ["issued", "repealed", "in_force"]]),
                       ("H", ["信息内容", "本年处理决定数量"]),
                       ("R", "行政许可", [get["active", "licensing", "decisions"]]), ("R", "行政处罚", [get["active", "punishment", "decisions"]]),
                       ("R", "行政强制", [get["active", "coercion", "decisions"]]),
                       ("H", ["信息内容", "本年收费金额（单位：万元）"]), ("R", "行政事业性收费", [get["active", "fees", "amount"]])]
    else:
        T["active"] = [("H", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])]
        for row, lab in [("regulations", "规章"), ("normative_documents", "规范性文件")]:
            T["active"].append(("R", lab, [get["active", row, k] for k in ["new_made", "new_published", "total_published"]]))
        T["active"].append(("H", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]))
        for row, lab in [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"), ("punishment", "行政处罚"), ("coercion", "行政强制")]:
            T["active"].append(("R", lab, [get["active", row, k] for k in ["prev_items", "change", "decisions"]]))
        T["active"] += [("H", ["信息内容", "上一年项目数量", "本年增/减"]), ("R", "行政事业性收费", [get["active", "fees", k] for k in ["prev_items", "change"]]),
                        ("H", ["信息内容", "采购项目数量", "采购总金额"]), ("R", "政府集中采购", [get["active", "procurement", k] for k in ["items", "amount"]])]
    rq = [("H", ["本年度情况", "申请人情况"]), ("H", ["自然人", "法人或其他组织", "总计"]),
          ("H", ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])]
    for row in ["new_received", "carried_over"] + outs + ["total_handled", "carried_forward"]:
        if row in GROUP_BEFORE and not (row == "other_overdue_correction" and r["tpl"] != "2021"):
            rq.append(("H", [GROUP_BEFORE[row]]))
        rq.append(("R", RLAB[row], [get["requests", row, k] for k in APPC + ["total"]]))
    T["requests"] = rq
    rl = [("H", ["行政复议", "行政诉讼"]), ("H", ["未经复议直接起诉", "复议后起诉"])]
    hdr = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rl.append(("H", hdr * 3))
    vals = []
    for row in ["review", "litigation_direct", "litigation_after_review"]:
        vals += [get["review_litigation", row, k] for k in ["upheld", "corrected", "other_result", "pending", "total"]]
    rl.append(("R", "", vals))
    T["review_litigation"] = rl
    return T


def row_text(item, drop=False):
    if item[0] == "H":
        return " ".join(item[1])
    vals = [fmtnum(v) for v in item[2] if not (drop and v is None)]
    return " ".join(([item[1]] if item[1] else []) + [v if v != "" else "" for v in vals]).strip()


def build(r):
    rng = random.Random(r["id"] + "z")
    Y = r["year"]
    ctx = dict(ag=r["agency"], s=r["short"], Y=Y, Y1=Y + 1, site=r["site"], url=r["url"], addr=r["addr"], tel=r["tel"],
               wechat=r["wechat"], prov=r["prov"], ptopic=r["ptopic"], docI=r["docI"], docO=r["docO"], q=r["q"], focus=r["focus"])
    lines = []  # dicts: kind,label,generic,mixed,unsure,text,(tbl)
    def N(code_text):
        code, text = code_text.split("|", 1)
        text = re.sub(r"\{(\d+)-(\d+)\}", lambda m: str(rng.randint(int(m.group(1)), int(m.group(2)))), text)
        text = text.format(**ctx)
        if r["level"] == "city":
            text = text.replace("处室", "科室")
        d = dict(kind="narrative", label=LAB[code[0]], generic=code[1] == "1", mixed="m" in code, text=text)
        if "?" in code:
            d["unsure"] = LAB[code[code.index("?") + 1]]
        lines.append(d)
    def H(t, sec=None):
        lines.append(dict(kind="heading", text=t, sec=sec))
    def MT(t):
        lines.append(dict(kind="meta", text=t))
    def some(pool, k):
        pool = [p for p in pool if not (r["tpl"] == "old" and p in OLDX)]
        idx = sorted(rng.sample(range(len(pool)), k))
        return [pool[i] for i in idx]
    cells = data = outs = rv = None
    H(f"{r['agency']}{Y}年政府信息公开工作年度报告")
    topics = ["A0|" + t for t in r["topics"]]
    meet = "O0?A|" + r["meet"]
    if r["tpl"] == "old":
        newn = rng.randint(3, 30)
        H(OLD_HEADS[0], 1)
        N(OLD_PRE)
        N(OVERVIEW[0])
        N("O0|" + r["meet"])
        [N(x) for x in some(ORG, 3)]
        [N(x) for x in some(PLAT, 3)]
        H(OLD_HEADS[1], 2)
        pa = [rng.randint(10, 30), rng.randint(30, 90), rng.randint(5, 20), rng.randint(150, 500), rng.randint(20, 60)]
        N(f"A0|{Y}年，{r['short']}共主动公开政府信息{sum(pa)}条，其中机构职能类{pa[0]}条、政策法规类{pa[1]}条、规划计划类{pa[2]}条、业务工作类{pa[3]}条、人事信息类{pa[4]}条。")
        [N(x) for x in topics]
        [N(x) for x in some(ACT, 3)]
        [N(x) for x in some(MGT, 3)]
        H(OLD_HEADS[2], 3)
        g = rng.randint(1, newn)
        nh = newn - g
        N(f"P0|{Y}年，{r['short']}共收到政府信息公开申请{newn}件，其中当面申请{rng.randint(0, newn // 3)}件，其余通过网络和信函提出。已全部按期答复，其中同意公开{g}件，信息不存在或不属于本机关公开范围{nh}件。")
        [N(x) for x in some(APP, 3)]
        H(OLD_HEADS[3], 4)
        N(OLD_FEE)
        H(OLD_HEADS[4], 5)
        N(OLD_REV)
        H(OLD_HEADS[5], 6)
        [N(x) for x in some(PROB, 2)]
        N(FIVE[r["id"]][0])
        if r["runin"]:
            N(RUNIN)
        [N(x) for x in FIVE[r["id"]][1:]]
        [N(x) for x in some(IMP, 3)]
        H(OLD_HEADS[6], 7)
        N(NPC)
        N(SIX_NONE)
    else:
        subs = SUBS if r["tpl"] == "2021" else SUBS19
        cells, data, outs, rv = make_tables(r, rng)
        N(PRE21 if r["tpl"] == "2021" else PRE19)
        N(PRE_PARTS)
        N(PRE_ADDR)
        H(HEADS21[0], 1)
        N(OVERVIEW[rng.randint(0, 1)])
        if r["npc"] == "in1":
            N(NPC)
        mpos = rng.choice([0, 2, 4])
        H(subs[0])
        if mpos == 0:
            N(meet)
        [N(x) for x in some(ACT, 4)]
        [N(x) for x in topics]
        H(subs[1])
        nr = sum(data["new_received"])
        co = sum(data["carried_over"])
        th = sum(data["total_handled"])
        cf = sum(data["carried_forward"])
        N(f"P0|{Y}年，{r['short']}共收到政府信息公开申请{nr}件，上年结转{co}件，本年度办结{th}件" + (f"，结转下年度继续办理{cf}件。" if cf else "，均在法定期限内予以答复。"))
        [N(x) for x in some(APP, 3)]
        rvt = rv["review"]
        lt = rv["litigation_direct"] + rv["litigation_after_review"]
        if rvt or lt:
            N(f"P0|全年因政府信息公开申请引发行政复议{rvt}件、行政诉讼{lt}件，具体结果见本报告第四部分。")
        else:
            N("P1|全年未发生因政府信息公开申请引发的行政复议和行政诉讼案件。")
        H(subs[2])
        if mpos == 2:
            N("O0?I|" + r["meet"])
        [N(x) for x in some(MGT, 4)]
        H(subs[3])
        [N(x) for x in some(PLAT, 4)]
        H(subs[4])
        if mpos == 4:
            N("O0|" + r["meet"])
        [N(x) for x in some(ORG, 4)]
        T = table_rows(r, cells, outs)
        for si, tk in [(1, "active"), (2, "requests"), (3, "review_litigation")]:
            H(HEADS21[si], si + 1)
            for item in T[tk]:
                lines.append(dict(kind="table", text=row_text(item), item=item, tk=tk))
        H(HEADS21[4], 5)
        [N(x) for x in some(PROB, 2)]
        N(FIVE[r["id"]][0])
        [N(x) for x in FIVE[r["id"]][1:]]
        if r["runin"]:
            N(RUNIN)
            [N(x) for x in some(IMP, 2)]
        else:
            [N(x) for x in some(IMP, 3)]
        H(HEADS21[5], 6)
        N(FEE[rng.randint(0, 1)])
        if r["npc"] == "six":
            N(NPC)
            N(NPC_A)
        N(SIX_POINTS)
    MT(r["agency"])
    MT(f"{Y + 1}年1月{rng.randint(10, 28)}日")
    return lines, cells


def wrap(t, rng):
    w = rng.randint(30, 40)
    return [t[i:i + w] for i in range(0, len(t), w)] or [""]


def write_txt(r, lines, path):
    rng = random.Random(r["id"] + "f")
    out = []
    for d in lines:
        if d["kind"] == "table":
            item = d["item"]
            if r.get("numlines") and item[0] == "R":
                if item[1]:
                    out.append(item[1])
                out += [fmtnum(v) for v in item[2] if v is not None] if r.get("dropempty") else [fmtnum(v) for v in item[2]]
            else:
                sep = "\t" if r["id"] in ("Z05", "Z13") else " "
                out.append(sep.join(row_text(item, r.get("dropempty")).split(" ")))
        elif d["kind"] == "narrative":
            out += wrap(d["text"], rng)
            if rng.random() < 0.35:
                out.append("")
        else:
            out.append(d["text"])
            if rng.random() < 0.3:
                out.append("")
    # page lines
    pages = (len(out) + 37) // 38
    style = rng.randint(0, 1)
    res = []
    for i, ln in enumerate(out):
        res.append(ln)
        if (i + 1) % 38 == 0 and i + 1 < len(out):
            p = (i + 1) // 38
            res.append(f"第 {p} 页 共 {pages} 页" if style == 0 else f"- {p} -")
    nl = "\r\n" if r.get("crlf") else "\n"
    data = nl.join(res) + nl
    with open(path, "wb") as f:
        f.write(data.encode("utf-16") if r["enc"] == "utf-16" else data.encode(r["enc"]))
    return "page lines `%s`" % ("第 n 页 共 m 页" if style == 0 else "- n -")


def write_docx(r, lines, path):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "WenQuanYi Zen Hei"
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Zen Hei")
    i = 0
    while i < len(lines):
        d = lines[i]
        if d["kind"] == "table":
            items = []
            while i < len(lines) and lines[i]["kind"] == "table" and lines[i]["tk"] == d["tk"]:
                items.append(lines[i]["item"])
                i += 1
            ncol = max((len(it[1]) if it[0] == "H" else len(it[2]) + (1 if it[1] else 0)) for it in items)
            tb = doc.add_table(rows=0, cols=ncol)
            tb.style = "Table Grid"
            tb.autofit = False
            for k, it in enumerate(items):
                cellsv = it[1] if it[0] == "H" else ([it[1]] if it[1] else []) + [fmtnum(v) for v in it[2]]
                if d["tk"] == "requests" and it[0] == "H" and len(it[1]) == 3:
                    cellsv = ["", "自然人", "法人或其他组织", "", "", "", "", "总计"]
                if d["tk"] == "requests" and it[0] == "H" and len(it[1]) == 5:
                    cellsv = [""] * 2 + it[1] + [""]
                if d["tk"] == "review_litigation" and it[1] == ["行政复议", "行政诉讼"]:
                    cellsv = ["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9
                if d["tk"] == "review_litigation" and it[1] == ["未经复议直接起诉", "复议后起诉"]:
                    cellsv = [""] * 5 + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4
                row = tb.add_row()
                for j, v in enumerate(cellsv):
                    row.cells[j].text = v
                if d["tk"] == "requests":
                    from docx.shared import Cm
                    for j, cc in enumerate(row.cells):
                        cc.width = Cm(5.5) if j == 0 else Cm(1.6)
                if r.get("repeat_header") and d["tk"] == "requests" and k < 3:
                    trPr = row._tr.get_or_add_trPr()
                    e = OxmlElement("w:tblHeader")
                    e.set(qn("w:val"), "true")
                    trPr.append(e)
            if d["tk"] == "requests":
                from docx.shared import Cm
                for j, col in enumerate(tb.columns):
                    col.width = Cm(5.5) if j == 0 else Cm(1.6)
            continue
        p = doc.add_paragraph(d["text"])
        if d["kind"] == "heading" and i == 0:
            p.alignment = 1
        i += 1
    doc.save(path)


def main():
    reps, labs, secs, tabs = [], [], [], []
    tmp = "/tmp/setz_docx"
    os.makedirs(tmp, exist_ok=True)
    for r in REPORTS:
        lines, cells = build(r)
        fn = f"{r['id']}.{r['fmt']}"
        if r["fmt"] == "txt":
            pl = write_txt(r, lines, os.path.join(HERE, fn))
            enc = {"gb18030": "GB18030", "gbk": "GBK", "utf-16": "UTF-16 with BOM"}[r["enc"]]
            page = (f"Text saved from a PDF in {enc}" + (", Windows line endings" if r.get("crlf") else "") +
                    f"; hard line breaks every 30-40 characters, {pl} between lines, blank lines between some paragraphs; tables as text rows" +
                    (", each number on its own line" if r.get("numlines") else "") + (", empty cells dropped" if r.get("dropempty") else "") +
                    (", tab-separated" if r["id"] in ("Z05", "Z13") else ", space-separated") + ".")
        else:
            dp = os.path.join(tmp, r["id"] + ".docx")
            write_docx(r, lines, dp)
            page = "PDF made from .docx through soffice; " + ("old template, prose only with figures in the text" if r["tpl"] == "old" else "tables as real ruled tables") + \
                   ("; the requests table breaks over a page with its header rows repeated." if r.get("repeat_header") else ".")
        text = [d["text"] for d in lines]
        title = lines[0]["text"]
        reps.append(dict(doc_id=r["id"], agency=r["agency"], year=r["year"], template=r["tpl"], title=title, level=r["level"],
                         province=r["prov"], file=fn, format=r["fmt"], split="dev" if int(r["id"][1:]) % 2 else "held",
                         text="\n".join(text), page=page))
        ss = []
        for k, d in enumerate(lines):
            rec = dict(doc_id=r["id"], para_index=k, text=d["text"], kind=d["kind"], label=d.get("label"),
                       mixed=d.get("mixed", False), generic=d.get("generic") if d["kind"] == "narrative" else None)
            if d.get("unsure"):
                rec["unsure"] = d["unsure"]
            labs.append(rec)
            if d["kind"] == "heading" and d.get("sec"):
                ss.append(dict(number=d["sec"], name=d["text"], para_index=k))
        secs.append(dict(doc_id=r["id"], sections=ss))
        if cells:
            tabs.append(dict(doc_id=r["id"], template=r["tpl"], cells=cells))
    pdfs = [os.path.join(tmp, r["id"] + ".docx") for r in REPORTS if r["fmt"] == "pdf"]
    subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/lo_z", "--headless", "--convert-to", "pdf", "--outdir", HERE] + pdfs,
                   check=True, capture_output=True)
    for name, rows in [("reports", reps), ("labels", labs), ("sections", secs), ("tables", tabs)]:
        with open(os.path.join(HERE, name + ".jsonl"), "w", encoding="utf-8") as f:
            for x in rows:
                f.write(json.dumps(x, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
