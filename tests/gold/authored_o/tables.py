"""The three template tables of set O: text rows, PDF and HTML renderings, and gold cells."""
import html

from reportlab.platypus import Paragraph, Table, TableStyle

SECTION_NAMES = {1: "一、总体情况", 2: "二、主动公开政府信息情况", 3: "三、收到和处理政府信息公开申请情况",
                 4: "四、政府信息公开行政复议、行政诉讼情况", 5: "五、存在的主要问题及改进情况", 6: "六、其他需要报告的事项"}

APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
              "legal_service_org", "other_org", "total"]

# (key, group label, row label)
REQ_ROWS_HEAD = [("new_received", "一、本年新收政府信息公开申请数量", ""),
                 ("carried_over", "二、上年结转政府信息公开申请数量", "")]
REQ_ROWS_OUT = [
    ("granted", "（一）予以公开", ""), ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("denied_state_secret", "（三）不予公开", "1.属于国家秘密"), ("denied_prohibited", "", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "", "3.危及“三安全一稳定”"), ("denied_third_party", "", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "", "5.属于三类内部事务信息"), ("denied_process_info", "", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "", "7.属于行政执法案卷"), ("denied_admin_query", "", "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "", "2.没有现成信息需要另行制作"), ("unavailable_unclear", "", "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "（五）不予处理", "1.信访举报投诉类申请"), ("not_processed_duplicate", "", "2.重复申请"),
    ("not_processed_publication", "", "3.要求提供公开出版物"), ("not_processed_mass_repeat", "", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "", "5.要求行政机关确认或重新出具已获取信息"),
]
OTHER_2019 = [("other_handling", "（六）其他处理", "")]
OTHER_2021 = [("other_overdue_correction", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
              ("other_unpaid_fee", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
              ("other_misc", "", "3.其他")]
REQ_ROWS_TAIL = [("total_handled", "（七）总计", ""), ("carried_forward", "四、结转下年度继续办理", "")]

REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other_result", "pending", "total"]

ACTIVE_2021 = [("regulations", "规章"), ("normative_documents", "行政规范性文件")]
ACTIVE_2021_DEC = [("licensing", "行政许可"), ("punishment", "行政处罚"), ("coercion", "行政强制")]
ACTIVE_2019_DOC = [("regulations", "规章"), ("normative_documents", "规范性文件")]
ACTIVE_2019_SVC = [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]
ACTIVE_2019_ENF = [("punishment", "行政处罚"), ("coercion", "行政强制")]


def req_rows(template):
    return REQ_ROWS_HEAD + REQ_ROWS_OUT + (OTHER_2019 if template == "2019" else OTHER_2021) + REQ_ROWS_TAIL


def _fmt(v):
    return "" if v is None else str(v)


def requests_values(template, spec):
    """spec: row -> six applicant values; the total column and the total_handled row are computed."""
    vals = {}
    for key, _, _ in req_rows(template):
        if key == "total_handled":
            continue
        six = list(spec.get(key, [0] * 6))
        vals[key] = six + [sum(six)]
    outcome = [k for k, _, _ in req_rows(template)[2:-2]]
    vals["total_handled"] = [sum(vals[k][i] for k in outcome) for i in range(7)]
    return vals


def review_values(spec):
    vals = {}
    for r in REVIEW_ROWS:
        four = list(spec.get(r, [0] * 4))
        vals[r] = four + [sum(four)]
    return vals


def active_cells(template, spec):
    cells = []
    if template == "2021":
        for key, _ in ACTIVE_2021:
            for col in ("issued", "repealed", "in_force"):
                cells.append(("active", key, col, spec.get(key, {}).get(col, 0)))
        for key, _ in ACTIVE_2021_DEC:
            cells.append(("active", key, "decisions", spec.get(key, {}).get("decisions", 0)))
        cells.append(("active", "fees", "amount", spec.get("fees", {}).get("amount", 0)))
    else:
        for key, _ in ACTIVE_2019_DOC:
            for col in ("new_made", "new_published", "total_published"):
                cells.append(("active", key, col, spec.get(key, {}).get(col, 0)))
        for key, _ in ACTIVE_2019_SVC + ACTIVE_2019_ENF:
            for col in ("prev_items", "change", "decisions"):
                cells.append(("active", key, col, spec.get(key, {}).get(col, 0)))
        for col in ("prev_items", "change"):
            cells.append(("active", "fees", col, spec.get("fees", {}).get(col, 0)))
        for col in ("items", "amount"):
            cells.append(("active", "procurement", col, spec.get("procurement", {}).get(col, 0)))
    return cells


def cells(template, tables):
    out = [dict(table=t, row=r, col=c, value=v) for t, r, c, v in active_cells(template, tables["active"])]
    rv = requests_values(template, tables["requests"])
    for key, _, _ in req_rows(template):
        for col, v in zip(APPLICANTS, rv[key], strict=True):
            out.append(dict(table="requests", row=key, col=col, value=v))
    vv = review_values(tables["review"])
    for r in REVIEW_ROWS:
        for col, v in zip(REVIEW_COLS, vv[r], strict=True):
            out.append(dict(table="review_litigation", row=r, col=col, value=v))
    return out


# ------------------------------------------------------------------ the grid each table is drawn from
class _Grid:
    """Rows of cells (None = covered by a span) and the spans as (c0, r0, c1, r1)."""

    def __init__(self):
        self.rows, self.spans = [], []

    def add(self, row, *spans):
        """Append a row; each span is (c0, c1) on this row, or (c0, r_end_offset, c1) for a taller one."""
        i = len(self.rows)
        self.rows.append(row)
        for sp in spans:
            c0, c1 = sp[0], sp[-1]
            self.spans.append((c0, i, c1, i + (sp[1] if len(sp) == 3 else 0)))
        return i


def _active_grid(template, spec):
    a = dict(((r, c), v) for _, r, c, v in active_cells(template, spec))
    g = _Grid()
    g.add(["第二十条第（一）项", None, None, None], (0, 3))
    if template == "2021":
        g.add(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
        for key, lab in ACTIVE_2021:
            g.add([lab] + [a[(key, c)] for c in ("issued", "repealed", "in_force")])
        for hdr, keys in (("第二十条第（五）项", ACTIVE_2021_DEC[:1]), ("第二十条第（六）项", ACTIVE_2021_DEC[1:])):
            g.add([hdr, None, None, None], (0, 3))
            g.add(["信息内容", "本年处理决定数量", None, None], (1, 3))
            for key, lab in keys:
                g.add([lab, a[(key, "decisions")], None, None], (1, 3))
        g.add(["第二十条第（八）项", None, None, None], (0, 3))
        g.add(["信息内容", "本年收费金额（万元）", None, None], (1, 3))
        g.add(["行政事业性收费", a[("fees", "amount")], None, None], (1, 3))
        return g.rows, g.spans
    g.add(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
    for key, lab in ACTIVE_2019_DOC:
        g.add([lab] + [a[(key, c)] for c in ("new_made", "new_published", "total_published")])
    for hdr, grp in (("第二十条第（五）项", ACTIVE_2019_SVC), ("第二十条第（六）项", ACTIVE_2019_ENF)):
        g.add([hdr, None, None, None], (0, 3))
        g.add(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
        for key, lab in grp:
            g.add([lab] + [a[(key, c)] for c in ("prev_items", "change", "decisions")])
    g.add(["第二十条第（八）项", None, None, None], (0, 3))
    g.add(["信息内容", "上一年项目数量", "本年增/减", None], (2, 3))
    g.add(["行政事业性收费", a[("fees", "prev_items")], a[("fees", "change")], None], (2, 3))
    g.add(["第二十条第（九）项", None, None, None], (0, 3))
    g.add(["信息内容", "采购项目数量", "采购总金额", None], (2, 3))
    g.add(["政府集中采购", a[("procurement", "items")], a[("procurement", "amount")], None], (2, 3))
    return g.rows, g.spans


def _requests_grid(template, spec):
    rv = requests_values(template, spec)
    g = _Grid()
    g.add(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None, None, "申请人情况",
           None, None, None, None, None, None], (0, 2, 2), (3, 9))
    g.add([None, None, None, "自然人", "法人或其他组织", None, None, None, None, "总计"], (3, 1, 3), (4, 8), (9, 1, 9))
    g.add([None, None, None, None, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", None])
    outcome_top = None
    for key, grp, lab in req_rows(template):
        v = rv[key]
        if key in ("new_received", "carried_over", "carried_forward"):
            g.add([grp, None, None] + v, (0, 2))
        elif not lab:  # an outcome with no sub-rows: its label spans two columns
            i = g.add([None, grp, None] + v, (1, 2))
            outcome_top = i if outcome_top is None else outcome_top
        elif grp:  # the first sub-row of a group: the group label spans its rows (closed below)
            g.add([None, grp, lab] + v)
        else:
            g.add([None, None, lab] + v)
    # close the group spans: a group runs over the sub-rows that follow its first row
    for top, row in enumerate(g.rows):
        if row[1] is not None and row[2] is not None and top > 2:
            end = top
            while end + 1 < len(g.rows) and g.rows[end + 1][1] is None and g.rows[end + 1][2] is not None:
                end += 1
            if end > top:
                g.spans.append((1, top, 1, end))
    total_row = next(i for i, r in enumerate(g.rows) if r[1] == "（七）总计")
    g.rows[outcome_top][0] = "三、本年度办理结果"
    g.spans.append((0, outcome_top, 0, total_row))
    return g.rows, g.spans


def _review_grid(spec):
    vv = review_values(spec)
    g = _Grid()
    g.add(["行政复议", None, None, None, None, "行政诉讼"] + [None] * 9, (0, 1, 4), (5, 14))
    g.add([None] * 5 + ["未经复议直接起诉", None, None, None, None, "复议后起诉", None, None, None, None], (5, 9), (10, 14))
    g.add(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    g.add(vv["review"] + vv["litigation_direct"] + vv["litigation_after_review"])
    return g.rows, g.spans


def grid(template, name, spec):
    """The table as drawn: rows of cells (None = covered by a span) and the spans."""
    if name == "active":
        return _active_grid(template, spec)
    if name == "requests":
        return _requests_grid(template, spec)
    return _review_grid(spec)


def text_rows(template, name, spec):
    """What a careful reader recovers from the table, one line a row, cells by tabs."""
    rows, _ = grid(template, name, spec)
    out = []
    for r in rows:
        cells_ = [_fmt(c) for c in r if c is not None]
        if cells_:
            out.append(cells_)
    return out


def pdf_table(template, name, spec, own, style):
    rows, spans = (own, []) if name == "own" else grid(template, name, spec)
    data = [[Paragraph(html.escape(_fmt(c)), style) if c is not None else "" for c in r] for r in rows]
    ncol = len(rows[0])
    if name == "requests":
        widths = [22, 44, 70] + [(460 - 136) / 7] * 7
    elif name == "review_litigation" or name == "review":
        widths = [460 / 15] * 15
    else:
        widths = [460 / ncol] * ncol
    t = Table(data, colWidths=widths, repeatRows=0)
    st = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
          ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for c0, r0, c1, r1 in spans:
        st.append(("SPAN", (c0, r0), (c1, r1)))
    t.setStyle(TableStyle(st))
    return t


def html_table(template, name, spec, own):
    rows, spans = (own, []) if name == "own" else grid(template, name, spec)
    span_at = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for c0, r0, c1, r1 in spans}
    out = ['<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;margin:0 auto">']
    for ri, r in enumerate(rows):
        tds = []
        for ci, c in enumerate(r):
            if c is None and (ri, ci) not in span_at:
                continue
            attrs = ""
            if (ri, ci) in span_at:
                rs, cs = span_at[(ri, ci)]
                attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            tds.append(f"<td{attrs}>{html.escape(_fmt(c))}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "\n".join(out)
