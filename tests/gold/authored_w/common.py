"""Parsing of the report mini-format and the three tables (set W)."""

import re

LAB = dict(
    ad="active_disclosure",
    ap="application",
    im="info_management",
    pf="platform",
    og="organization",
    pb="problem",
    iv="improvement",
    ot="other",
)

APPL = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
]
REQ_COLS = APPL + ["total"]
REQ_ROWS_HEAD = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
]
REQ_OUT = [
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "（三）不予公开 1.属于国家秘密"),
    ("denied_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "（五）不予处理 1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
]
OTHER21 = [
    (
        "other_overdue_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
]
OTHER19 = [("other_handling", "（六）其他处理")]
REQ_TAIL = [("total_handled", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]
REV_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]
REV_COLS_ZH = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
ABBR = dict(
    np="natural_person",
    ce="commercial_enterprise",
    ri="research_institution",
    sw="social_welfare_org",
    ls="legal_service_org",
    oo="other_org",
)


def req_cells(template, spec, co=None, cf=None):
    """spec: {'np': {'granted': 3, ...}, ...}; co/cf: carried over / forward per applicant abbr."""
    co = co or {}
    cf = cf or {}
    other = OTHER21 if template == "2021" else OTHER19
    out_rows = [k for k, _ in REQ_OUT + other]
    grid = {}
    for ab, col in ABBR.items():
        d = spec.get(ab, {})
        for k in d:
            assert k in out_rows, k
        for k in out_rows:
            grid[(k, col)] = d.get(k, 0)
        th = sum(d.get(k, 0) for k in out_rows)
        grid[("total_handled", col)] = th
        grid[("carried_over", col)] = co.get(ab, 0)
        grid[("carried_forward", col)] = cf.get(ab, 0)
        grid[("new_received", col)] = th + cf.get(ab, 0) - co.get(ab, 0)
        assert grid[("new_received", col)] >= 0
    rows = [k for k, _ in REQ_ROWS_HEAD] + out_rows + [k for k, _ in REQ_TAIL]
    for r in rows:
        grid[(r, "total")] = sum(grid[(r, c)] for c in APPL)
    return rows, grid


def req_lines(template, rows, grid):
    other = OTHER21 if template == "2021" else OTHER19
    names = dict(REQ_ROWS_HEAD + REQ_OUT + other + REQ_TAIL)
    head = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
        ["自然人", "法人或其他组织", "总计"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ]
    body = []
    for r in rows:
        if r == "granted":
            body.append(["三、本年度办理结果"])
        body.append([names[r]] + [str(grid[(r, c)]) for c in REQ_COLS])
    return head, body


def rev_lines(vals):
    head = [
        ["行政复议", "行政诉讼"],
        REV_COLS_ZH + ["未经复议直接起诉", "复议后起诉"],
        REV_COLS_ZH + REV_COLS_ZH,
    ]
    row = []
    for r in REV_ROWS:
        row += [str(vals[(r, c)]) for c in REV_COLS]
    return head, [row]


def rev_cells(spec):
    vals = {}
    for r in REV_ROWS:
        d = spec.get(r, {})
        for c in REV_COLS[:4]:
            vals[(r, c)] = d.get(c, 0)
        vals[(r, "total")] = sum(vals[(r, c)] for c in REV_COLS[:4])
    return vals


def act21(spec):
    """spec: dict reg=(i,r,f) nd=(i,r,f) lic=n pun=n coe=n fee=x"""
    cells = []
    for key, row in (("reg", "regulations"), ("nd", "normative_documents")):
        for c, v in zip(("issued", "repealed", "in_force"), spec[key], strict=False):
            cells.append((row, c, v))
    for key, row in (("lic", "licensing"), ("pun", "punishment"), ("coe", "coercion")):
        cells.append((row, "decisions", spec[key]))
    cells.append(("fees", "amount", spec["fee"]))
    v = {(r, c): x for r, c, x in cells}
    def f(x):
        return "" if x is None else str(x)
    lines = [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章"] + [f(v[("regulations", c)]) for c in ("issued", "repealed", "in_force")],
        ["行政规范性文件"] + [f(v[("normative_documents", c)]) for c in ("issued", "repealed", "in_force")],
        ["第二十条第（五）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政许可", f(v[("licensing", "decisions")])],
        ["第二十条第（六）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政处罚", f(v[("punishment", "decisions")])],
        ["行政强制", f(v[("coercion", "decisions")])],
        ["第二十条第（八）项"],
        ["信息内容", "本年收费金额（万元）"],
        ["行政事业性收费", f(v[("fees", "amount")])],
    ]
    return cells, lines


def act19(spec):
    """reg/nd=(new_made,new_published,total_published); lic/oth/pun/coe=(prev,change,decisions); fee=(prev,change); proc=(items,amount)"""
    cells = []
    for key, row in (("reg", "regulations"), ("nd", "normative_documents")):
        for c, x in zip(("new_made", "new_published", "total_published"), spec[key], strict=False):
            cells.append((row, c, x))
    for key, row in (
        ("lic", "licensing"),
        ("oth", "other_services"),
        ("pun", "punishment"),
        ("coe", "coercion"),
    ):
        for c, x in zip(("prev_items", "change", "decisions"), spec[key], strict=False):
            cells.append((row, c, x))
    for c, x in zip(("prev_items", "change"), spec["fee"], strict=False):
        cells.append(("fees", c, x))
    for c, x in zip(("items", "amount"), spec["proc"], strict=False):
        cells.append(("procurement", c, x))
    v = {(r, c): x for r, c, x in cells}
    def f(x):
        return "" if x is None else str(x)
    def g(row, cs):
        return [f(v[(row, c)]) for c in cs]
    A = ("new_made", "new_published", "total_published")
    B = ("prev_items", "change", "decisions")
    lines = [
        ["第二十条第（一）项"],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章"] + g("regulations", A),
        ["规范性文件"] + g("normative_documents", A),
        ["第二十条第（五）项"],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可"] + g("licensing", B),
        ["其他对外管理服务事项"] + g("other_services", B),
        ["第二十条第（六）项"],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政处罚"] + g("punishment", B),
        ["行政强制"] + g("coercion", B),
        ["第二十条第（八）项"],
        ["信息内容", "上一年项目数量", "本年增/减"],
        ["行政事业性收费"] + g("fees", ("prev_items", "change")),
        ["第二十条第（九）项"],
        ["信息内容", "采购项目数量", "采购总金额"],
        ["政府集中采购"] + g("procurement", ("items", "amount")),
    ]
    return cells, lines


def parse(rep):
    """Return list of items: dict(kind, text, label, generic, mixed, unsure, sec, fmt, rows)."""
    items = []
    tpl = rep["template"]
    for raw in rep["body"].strip("\n").split("\n"):
        if not raw.strip():
            continue
        code, _, text = raw.partition("|")
        it = dict(code=code, raw=text)
        if code == "T":
            it.update(kind="heading", fmt="title")
        elif code == "M":
            it.update(kind="meta", fmt="meta")
        elif code.startswith("S"):
            it.update(kind="heading", fmt="sec", sec=int(code[1:]))
        elif code == "h":
            it.update(kind="heading", fmt="sub")
        elif code == "P":
            it.update(kind=None, fmt="pagebreak")
            items.append(it)
            continue
        elif code == "TAB":
            which = text
            if which == "active":
                cells, lines = (act21 if tpl == "2021" else act19)(rep["active"])
                it.update(kind="table", fmt="table", grid=lines, table="active", cells=cells)
            elif which == "requests":
                rows, grid = req_cells(tpl, rep["requests"], rep.get("co"), rep.get("cf"))
                head, body = req_lines(tpl, rows, grid)
                cells = [(r, c, grid[(r, c)]) for r in rows for c in REQ_COLS]
                it.update(
                    kind="table", fmt="table", grid=head + body, table="requests", cells=cells, rgrid=grid
                )
            else:
                vals = rev_cells(rep.get("review", {}))
                head, body = rev_lines(vals)
                cells = [(r, c, vals[(r, c)]) for r in REV_ROWS for c in REV_COLS]
                it.update(kind="table", fmt="table", grid=head + body, table="review_litigation", cells=cells)
            items.append(it)
            continue
        else:
            lab, _, fl = code.partition(".")
            assert lab in LAB, (rep["doc_id"], raw)
            m = re.search(r"\?(\w\w)", fl)
            s = re.search(r"#(\d)", fl)
            it.update(
                kind="narrative",
                fmt="para",
                label=LAB[lab],
                generic="g" in fl.split("?")[0],
                mixed="x" in fl.split("?")[0],
                unsure=LAB[m.group(1)] if m else None,
                autonum="n" in fl.split("?")[0],
                sec=int(s.group(1)) if s else None,
            )
        it["text"] = text.replace("**", "")
        items.append(it)
    return items
