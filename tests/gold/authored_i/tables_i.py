"""The three statistical tables of TABLES.md as grids (for Word and for the clean text) and as
canonical cells (for tables.jsonl), from a report source's ACTIVE / REQ / REVIEW figures.

A grid is a list of rows; a cell is its text, '<' (merged with the cell on its left) or '^'
(merged with the cell above). Requests figures are per applicant column (six numbers); an int
stands for natural persons only. new_received is derived so that the template's arithmetic holds.
"""

from __future__ import annotations

APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
REQ_COLS = APPLICANTS + ["total"]
DENIED = [("denied_state_secret", "1.属于国家秘密"), ("denied_prohibited", "2.其他法律行政法规禁止公开"),
          ("denied_security_stability", "3.危及“三安全一稳定”"), ("denied_third_party", "4.保护第三方合法权益"),
          ("denied_internal_affairs", "5.属于三类内部事务信息"), ("denied_process_info", "6.属于四类过程性信息"),
          ("denied_enforcement_files", "7.属于行政执法案卷"), ("denied_admin_query", "8.属于行政查询事项")]
UNAVAILABLE = [("unavailable_not_held", "1.本机关不掌握相关政府信息"),
               ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
               ("unavailable_unclear", "3.补正后申请内容仍不明确")]
NOT_PROCESSED = [("not_processed_complaint", "1.信访举报投诉类申请"), ("not_processed_duplicate", "2.重复申请"),
                 ("not_processed_publication", "3.要求提供公开出版物"),
                 ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
                 ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息")]
OTHER_2021 = [("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
              ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
              ("other_misc", "3.其他")]
OUTCOMES_2021 = (["granted", "partially_granted"] + [k for k, _ in DENIED + UNAVAILABLE + NOT_PROCESSED]
                 + [k for k, _ in OTHER_2021])
OUTCOMES_2019 = OUTCOMES_2021[:-3] + ["other_handling"]
REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other_result", "pending", "total"]
NUMERALS = "一二三四五六七八九十"
SECTION_NAMES = {
    "2021": ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
             "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"],
    "old": ["概述", "主动公开政府信息情况", "依申请公开政府信息情况", "政府信息公开的收费及减免情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况", "政府信息公开工作存在的主要问题及改进措施",
            "其他需要报告的事项"],
}
SECTION_NAMES["2019"] = SECTION_NAMES["2021"]


def fmt(v):
    return "" if v is None else str(v)


def anchors(grid):
    """(row, col, height, width, text) of every cell that is not a merge continuation."""
    out = []
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell in ("<", "^"):
                continue
            w = 1
            while c + w < len(row) and row[c + w] == "<":
                w += 1
            h = 1
            while r + h < len(grid) and grid[r + h][c] == "^":
                h += 1
            out.append((r, c, h, w, cell))
    return out


def text_rows(grid):
    """One clean-text line per grid row: its anchored, non-empty cells joined by tabs."""
    rows = {}
    for r, _, _, _, text in anchors(grid):
        if text:
            rows.setdefault(r, []).append(text)
    return ["\t".join(rows[r]) for r in sorted(rows)]


def requests_matrix(req, template):
    outcomes = OUTCOMES_2021 if template == "2021" else OUTCOMES_2019
    req = dict(req or {})
    unknown = set(req) - set(outcomes) - {"carried_over", "carried_forward"}
    if unknown:
        raise ValueError(f"unknown request rows {unknown}")

    def six(v):
        if v is None:
            return [0] * 6
        return [v, 0, 0, 0, 0, 0] if isinstance(v, int) else list(v)

    rows = {k: six(req.get(k)) for k in outcomes + ["carried_over", "carried_forward"]}
    rows["total_handled"] = [sum(rows[k][i] for k in outcomes) for i in range(6)]
    rows["new_received"] = [rows["total_handled"][i] + rows["carried_forward"][i] - rows["carried_over"][i]
                            for i in range(6)]
    if min(rows["new_received"]) < 0:
        raise ValueError("carried over more than handled")
    return {k: v + [sum(v)] for k, v in rows.items()}, outcomes


def review_matrix(review):
    review = review or {}
    out = {}
    for k in REVIEW_ROWS:
        v = list(review.get(k, [0, 0, 0, 0]))
        out[k] = v + [sum(v)]
    return out


def figures(req, review, template="2021"):
    """Named totals for the narrative placeholders."""
    m, outcomes = requests_matrix(req, template)
    rv = review_matrix(review)

    def tot(keys):
        return sum(m[k][6] for k in keys if k in m)

    return {
        "new": m["new_received"][6], "carried": m["carried_over"][6], "handled": m["total_handled"][6],
        "forward": m["carried_forward"][6], "granted": m["granted"][6], "partial": m["partially_granted"][6],
        "denied": tot([k for k, _ in DENIED]), "unavailable": tot([k for k, _ in UNAVAILABLE]),
        "notheld": m["unavailable_not_held"][6], "notproc": tot([k for k, _ in NOT_PROCESSED]),
        "otherh": tot(["other_handling"] + [k for k, _ in OTHER_2021]),
        "natural": m["new_received"][0], "orgs": m["new_received"][6] - m["new_received"][0],
        "review": rv["review"][4], "litigation": rv["litigation_direct"][4] + rv["litigation_after_review"][4],
        "review_upheld": rv["review"][0], "review_corrected": rv["review"][1],
        "review_pending": rv["review"][3], "review_other": rv["review"][2],
        "lit_upheld": rv["litigation_direct"][0] + rv["litigation_after_review"][0],
        "lit_pending": rv["litigation_direct"][3] + rv["litigation_after_review"][3],
    }


def active_grid(active, template):
    a = active
    cells = []

    def put(row, cols, vals):
        for c, v in zip(cols, vals, strict=True):
            cells.append({"table": "active", "row": row, "col": c, "value": v})
        return [fmt(v) for v in vals]

    if template == "2021":
        grid = [["第二十条第（一）项", "<", "<", "<"],
                ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", *put("regulations", ["issued", "repealed", "in_force"], a["regulations"])],
                ["行政规范性文件", *put("normative_documents", ["issued", "repealed", "in_force"],
                                       a["normative_documents"])],
                ["第二十条第（五）项", "<", "<", "<"],
                ["信息内容", "本年处理决定数量", "<", "<"],
                ["行政许可", *put("licensing", ["decisions"], [a["licensing"]]), "<", "<"],
                ["第二十条第（六）项", "<", "<", "<"],
                ["信息内容", "本年处理决定数量", "<", "<"],
                ["行政处罚", *put("punishment", ["decisions"], [a["punishment"]]), "<", "<"],
                ["行政强制", *put("coercion", ["decisions"], [a["coercion"]]), "<", "<"],
                ["第二十条第（八）项", "<", "<", "<"],
                ["信息内容", "本年收费金额（单位：万元）", "<", "<"],
                ["行政事业性收费", *put("fees", ["amount"], [a["fees"]]), "<", "<"]]
    else:
        three = ["prev_items", "change", "decisions"]
        grid = [["第二十条第（一）项", "<", "<", "<"],
                ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                ["规章", *put("regulations", ["new_made", "new_published", "total_published"], a["regulations"])],
                ["规范性文件", *put("normative_documents", ["new_made", "new_published", "total_published"],
                                   a["normative_documents"])],
                ["第二十条第（五）项", "<", "<", "<"],
                ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                ["行政许可", *put("licensing", three, a["licensing"])],
                ["其他对外管理服务事项", *put("other_services", three, a["other_services"])],
                ["第二十条第（六）项", "<", "<", "<"],
                ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                ["行政处罚", *put("punishment", three, a["punishment"])],
                ["行政强制", *put("coercion", three, a["coercion"])],
                ["第二十条第（八）项", "<", "<", "<"],
                ["信息内容", "上一年项目数量", "本年增/减", "<"],
                ["行政事业性收费", *put("fees", ["prev_items", "change"], a["fees"]), "<"],
                ["第二十条第（九）项", "<", "<", "<"],
                ["信息内容", "采购项目数量", "采购总金额", "<"],
                ["政府集中采购", *put("procurement", ["items", "amount"], a["procurement"]), "<"]]
    return grid, cells


def requests_grid(req, template):
    m, outcomes = requests_matrix(req, template)
    cells = []

    def nums(row):
        for c, v in zip(REQ_COLS, m[row], strict=True):
            cells.append({"table": "requests", "row": row, "col": c, "value": v})
        return [str(v) for v in m[row]]

    grid = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "<", "<",
             "申请人情况", "<", "<", "<", "<", "<", "<"],
            ["^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"],
            ["^", "^", "^", "^", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "^"],
            ["一、本年新收政府信息公开申请数量", "<", "<", *nums("new_received")],
            ["二、上年结转政府信息公开申请数量", "<", "<", *nums("carried_over")],
            ["三、本年度办理结果", "（一）予以公开", "<", *nums("granted")],
            ["^", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "<", *nums("partially_granted")]]
    for head, group in (("（三）不予公开", DENIED), ("（四）无法提供", UNAVAILABLE), ("（五）不予处理", NOT_PROCESSED)):
        for i, (key, label) in enumerate(group):
            grid.append(["^", head if i == 0 else "^", label, *nums(key)])
    if template == "2021":
        for i, (key, label) in enumerate(OTHER_2021):
            grid.append(["^", "（六）其他处理" if i == 0 else "^", label, *nums(key)])
    else:
        grid.append(["^", "（六）其他处理", "<", *nums("other_handling")])
    grid.append(["^", "（七）总计", "<", *nums("total_handled")])
    grid.append(["四、结转下年度继续办理", "<", "<", *nums("carried_forward")])
    return grid, cells


def review_grid(review):
    rv = review_matrix(review)
    cells, numbers = [], []
    for row in REVIEW_ROWS:
        for c, v in zip(REVIEW_COLS, rv[row], strict=True):
            cells.append({"table": "review_litigation", "row": row, "col": c, "value": v})
            numbers.append(str(v))
    five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    grid = [["行政复议", "<", "<", "<", "<", "行政诉讼"] + ["<"] * 9,
            [*five, "未经复议直接起诉", "<", "<", "<", "<", "复议后起诉", "<", "<", "<", "<"],
            ["^"] * 5 + five + five,
            numbers]
    return grid, cells


def table(cmd, template, mod, page):
    """grid, canonical cells, column widths (cm), font size, header rows to repeat."""
    landscape = page.get("landscape_requests")
    narrow = page.get("narrow_cells")
    if cmd == "ACTIVE":
        grid, cells = active_grid(mod.ACTIVE, template)
        return grid, cells, [4.2, 3.8, 3.8, 3.8], 10.5, 0
    if cmd == "REQ":
        grid, cells = requests_grid(getattr(mod, "REQ", None), template)
        if landscape:
            widths = [3.0, 4.0, 6.3] + [1.57] * 7
        elif narrow:
            widths = [1.1, 1.5, 2.6] + [1.48] * 7
        else:
            widths = [1.6, 2.0, 3.4] + [1.23] * 7
        return grid, cells, widths, 10 if not narrow else 9, 3
    grid, cells = review_grid(getattr(mod, "REVIEW", None))
    return grid, cells, [1.04] * 15, 9, 3


def sections(template, records, merged=None):
    """The template's sections with the para_index of their heading lines (None where absent)."""
    merged = {int(k): v for k, v in (merged or {}).items()}
    names = SECTION_NAMES[template]
    found = {}
    for rec in records:
        if rec["kind"] != "heading":
            continue
        for n in range(1, len(names) + 1):
            if n not in found and rec["text"].startswith(NUMERALS[n - 1] + "、"):
                found[n] = rec["para_index"]
    for n, other in merged.items():
        found[n] = found.get(other)
    return [{"number": n, "name": names[n - 1], "para_index": found.get(n)} for n in range(1, len(names) + 1)]
