"""Table layout for set AH: builds the three statistical tables of a report as positioned cells,
with the office's own redrawing (transposed, split, units, zero marks, separators, extra 合计)."""

COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
CSHORT = {"np": "natural_person", "ce": "commercial_enterprise", "ri": "research_institution",
          "sw": "social_welfare_org", "ls": "legal_service_org", "oo": "other_org"}
REQ_ROWS_A = [
    ("granted", None, "（一）予以公开"),
    ("partially_granted", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied_prohibited", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("denied_third_party", "（三）不予公开", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "（三）不予公开", "5.属于三类内部事务信息"),
    ("denied_process_info", "（三）不予公开", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "（三）不予公开", "7.属于行政执法案卷"),
    ("denied_admin_query", "（三）不予公开", "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "（五）不予处理", "2.重复申请"),
    ("not_processed_publication", "（五）不予处理", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
]
OTHER_2021 = [
    ("other_overdue_correction", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "（六）其他处理", "3.其他"),
]
OTHER_2019 = [("other_handling", None, "（六）其他处理")]
FW = str.maketrans("0123456789.,-+", "０１２３４５６７８９．，－＋")


def outcome_rows(template):
    return REQ_ROWS_A + (OTHER_2021 if template == "2021" else OTHER_2019)


class Fmt:
    def __init__(self, style):
        self.s = style or {}

    def __call__(self, v, unit=True):
        """returns (printed, keyed value)"""
        if v is None:
            return "", None
        z = self.s.get("zero")
        if z and v == 0:
            return z, None
        if isinstance(v, float):
            t = (f"{v:.2f}").rstrip("0").rstrip(".")
        else:
            t = (f"{v:,}" if self.s.get("thousands") else str(v))
        if self.s.get("unit") and unit:
            t += "件"
        if self.s.get("fullwidth"):
            t = t.translate(FW)
        return t, v


def compute_requests(spec, template):
    """spec: new, carry, fwd: {short col: n}; out: {row: {short col: n}}"""
    rows = ["new_received", "carried_over"] + [r for r, _, _ in outcome_rows(template)] + ["total_handled", "carried_forward"]
    m = {r: {c: 0 for c in COLS} for r in rows}
    for key, rk in (("new", "new_received"), ("carry", "carried_over"), ("fwd", "carried_forward")):
        for c, n in spec.get(key, {}).items():
            m[rk][CSHORT[c]] = n
    for r, d in spec.get("out", {}).items():
        assert r in m, r
        for c, n in d.items():
            m[r][CSHORT[c]] = n
    for c in COLS:
        m["total_handled"][c] = sum(m[r][c] for r, _, _ in outcome_rows(template))
    for r in rows:
        m[r]["total"] = sum(m[r][c] for c in COLS)
    for c in COLS + ["total"]:
        assert m["new_received"][c] + m["carried_over"][c] == m["total_handled"][c] + m["carried_forward"][c], (spec, c)
    return rows, m


class Grid:
    """a table as rows of (text, rowspan, colspan); laid out into positioned cells"""
    def __init__(self, caption=None):
        self.rows = []
        self.caption = caption
        self.keys = []  # (table,row,col,value)

    def add(self, *cells):
        self.rows.append([c if isinstance(c, tuple) else (c, 1, 1) for c in cells])

    def layout(self):
        occ = set()
        out = []
        for r, row in enumerate(self.rows):
            c = 0
            for text, rs, cs in row:
                while (r, c) in occ:
                    c += 1
                out.append([r, c, rs, cs, text])
                for i in range(rs):
                    for j in range(cs):
                        occ.add((r + i, c + j))
                c += cs
        ncols = max(c + cs for r, c, rs, cs, t in out)
        return out, len(self.rows), ncols


def split_cells(cells, nrows, k):
    """split positioned cells at row k: a cell spanning the break is cut and repeated below"""
    a, b = [], []
    for r, c, rs, cs, t in cells:
        if r < k:
            a.append([r, c, min(rs, k - r), cs, t])
            if r + rs > k:
                b.append([0, c, r + rs - k, cs, t])
        else:
            b.append([r - k, c, rs, cs, t])
    return (a, k), (b, nrows - k)


def row_lines(cells, nrows):
    lines = []
    for r in range(nrows):
        cs = sorted([x for x in cells if x[0] == r], key=lambda x: x[1])
        s = " | ".join(x[4] for x in cs if x[4] != "")
        if s.strip():
            lines.append(s)
    return lines


def active_tables(spec, template, fmt, split4=False, extra_total=False):
    keys = []
    def v(row, col, val, unit=True):
        t, kv = fmt(val, unit)
        keys.append({"table": "active", "row": row, "col": col, "value": kv})
        return t
    blocks = []
    if template == "2021":
        g = Grid("（一）规章和行政规范性文件" if split4 else None)
        g.add(("第二十条第（一）项", 1, 4))
        g.add("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
        for key, lab in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
            a, b, c = spec[key]
            g.add(lab, v(key, "issued", a), v(key, "repealed", b), v(key, "in_force", c))
        blocks.append(g)
        if split4:
            g = Grid("（二）行政许可")
        g.add(("第二十条第（五）项", 1, 4))
        g.add("信息内容", ("本年处理决定数量", 1, 3))
        g.add("行政许可", (v("licensing", "decisions", spec["licensing"]), 1, 3))
        if split4:
            blocks.append(g)
            g = Grid("（三）行政处罚和行政强制")
        g.add(("第二十条第（六）项", 1, 4))
        g.add("信息内容", ("本年处理决定数量", 1, 3))
        g.add("行政处罚", (v("punishment", "decisions", spec["punishment"]), 1, 3))
        g.add("行政强制", (v("coercion", "decisions", spec["coercion"]), 1, 3))
        if extra_total:
            g.add("合计", (fmt(spec["punishment"] + spec["coercion"])[0], 1, 3))
        if split4:
            blocks.append(g)
            g = Grid("（四）行政事业性收费")
        g.add(("第二十条第（八）项", 1, 4))
        g.add("信息内容", ("本年收费金额（单位：万元）", 1, 3))
        g.add("行政事业性收费", (v("fees", "amount", spec["fees"], unit=False), 1, 3))
        if split4:
            blocks.append(g)
    else:
        g = Grid()
        g.add(("第二十条第（一）项", 1, 4))
        g.add("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")
        for key, lab in (("regulations", "规章"), ("normative_documents", "规范性文件")):
            a, b, c = spec[key]
            g.add(lab, v(key, "new_made", a), v(key, "new_published", b), v(key, "total_published", c))
        for head, items in (("第二十条第（五）项", (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
                            ("第二十条第（六）项", (("punishment", "行政处罚"), ("coercion", "行政强制")))):
            g.add((head, 1, 4))
            g.add("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")
            for key, lab in items:
                a, b, c = spec[key]
                g.add(lab, v(key, "prev_items", a), v(key, "change", b), v(key, "decisions", c))
        g.add(("第二十条第（八）项", 1, 4))
        g.add("信息内容", "上一年项目数量", ("本年增/减", 1, 2))
        a, b = spec["fees"]
        g.add("行政事业性收费", v("fees", "prev_items", a), (v("fees", "change", b), 1, 2))
        g.add(("第二十条第（九）项", 1, 4))
        g.add("信息内容", "采购项目数量", ("采购总金额", 1, 2))
        a, b = spec["procurement"]
        g.add("政府集中采购", v("procurement", "items", a), (v("procurement", "amount", b, unit=False), 1, 2))
        blocks.append(g)
    if not split4:
        blocks = [blocks[0]]
    return blocks, keys


def requests_table(spec, template, fmt, transposed=False):
    rows, m = compute_requests(spec, template)
    keys = []
    printed = {}
    for r in rows:
        for c in COLS + ["total"]:
            t, kv = fmt(m[r][c])
            printed[(r, c)] = t
            keys.append({"table": "requests", "row": r, "col": c, "value": kv})
    outs = outcome_rows(template)
    g = Grid()
    if not transposed:
        g.add(("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 7))
        g.add(("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1))
        g.add("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")

        def vals(r):
            return [printed[(r, c)] for c in COLS + ["total"]]

        g.add(("一、本年新收政府信息公开申请数量", 1, 3), *vals("new_received"))
        g.add(("二、上年结转政府信息公开申请数量", 1, 3), *vals("carried_over"))
        first = True
        seen = set()
        for r, grp, item in outs:
            cells = []
            if first:
                cells.append(("三、本年度办理结果", len(outs) + 1, 1))
                first = False
            if grp is None:
                cells.append((item, 1, 2))
            else:
                if grp not in seen:
                    seen.add(grp)
                    cells.append((grp, sum(1 for x in outs if x[1] == grp), 1))
                cells.append(item)
            g.add(*cells, *vals(r))
        g.add(("（七）总计", 1, 2), *vals("total_handled"))
        g.add(("四、结转下年度继续办理", 1, 3), *vals("carried_forward"))
    else:
        g.add(("申请人情况", 2, 2), ("一、本年新收政府信息公开申请数量", 2, 1), ("二、上年结转政府信息公开申请数量", 2, 1),
              ("三、本年度办理结果", 1, len(outs) + 1), ("四、结转下年度继续办理", 2, 1))
        heads = []
        for _r, grp, item in outs:
            heads.append(item if grp is None else grp + item)
        g.add(*heads, "（七）总计")
        order = ["new_received", "carried_over"] + [r for r, _, _ in outs] + ["total_handled", "carried_forward"]
        labs = [("自然人", None), ("商业企业", "法人或其他组织"), ("科研机构", None), ("社会公益组织", None),
                ("法律服务机构", None), ("其他", None), ("总计", None)]
        for i, c in enumerate(COLS + ["total"]):
            lab, grp = labs[i]
            vals = [printed[(r, c)] for r in order]
            if c == "natural_person":
                g.add((lab, 1, 2), *vals)
            elif c == "total":
                g.add((lab, 1, 2), *vals)
            elif grp:
                g.add((grp, 5, 1), lab, *vals)
            else:
                g.add(lab, *vals)
    return g, keys, m


def review_tables(spec, fmt, split2=False, extra_total=False):
    keys = []
    vals = {}
    for row, short in (("review", "review"), ("litigation_direct", "ld"), ("litigation_after_review", "lr")):
        u, c, o, p = spec.get(short, (0, 0, 0, 0))
        d = {"upheld": u, "corrected": c, "other_result": o, "pending": p, "total": u + c + o + p}
        for col, x in d.items():
            t, kv = fmt(x)
            keys.append({"table": "review_litigation", "row": row, "col": col, "value": kv})
            vals[(row, col)] = t
        vals[row] = d
    cols = ["upheld", "corrected", "other_result", "pending", "total"]
    labs = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

    def pv(row):
        return [vals[(row, c)] for c in cols]

    if split2:
        a = Grid("（一）行政复议情况")
        a.add(*labs)
        a.add(*pv("review"))
        b = Grid("（二）行政诉讼情况")
        b.add(("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5))
        b.add(*labs, *labs)
        b.add(*pv("litigation_direct"), *pv("litigation_after_review"))
        return [a, b], keys
    g = Grid()
    head = [("行政复议", 1, 5), ("行政诉讼", 1, 10)]
    if extra_total:
        head.append(("合计", 3, 1))
    g.add(*head)
    g.add(*[(lb, 2, 1) for lb in labs], ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5))
    g.add(*labs, *labs)
    last = pv("review") + pv("litigation_direct") + pv("litigation_after_review")
    if extra_total:
        last.append(fmt(sum(vals[r]["total"] for r in ("review", "litigation_direct", "litigation_after_review")))[0])
    g.add(*last)
    return [g], keys
