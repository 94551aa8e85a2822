"""The three statistical tables of the 2019 and 2021 templates as set G prints them: rows of cells with their
row and column spans (for the HTML ``<table>`` and the text's tab rows) and the gold cells keyed as TABLES.md.

The request table's totals are computed, and its 予以公开 row is the remainder of each column where the source
does not give it, so that every printed table adds up.
"""

from __future__ import annotations

APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
APPLICANT_CODES = dict(zip(["np", "ce", "ri", "sw", "ls", "oo"], APPLICANTS, strict=True))

def cell(text, rowspan=1, colspan=1):
    return {"text": str(text), "rowspan": rowspan, "colspan": colspan}


# ---------------------------------------------------------------- tables

def fmt(value, blank_zero):
    if value is None or (blank_zero and value == 0):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
    return str(value)


def active_rows(doc):
    """The 主动公开 table: (rows for printing, gold cells)."""
    a = doc["active"]
    rows, cells = [], []

    def nums(row, cols, span_last=1):
        vals = a[row]
        for col, v in zip(cols, vals, strict=True):
            cells.append({"table": "active", "row": row, "col": col, "value": v})
        out = [cell(fmt(v, False)) for v in vals]
        if span_last > 1:
            out[-1]["colspan"] = span_last
        return out

    if doc["template"] == "2021":
        rows += [[cell("第二十条第（一）项", colspan=4)],
                 [cell("信息内容"), cell("本年制发件数"), cell("本年废止件数"), cell("现行有效件数")],
                 [cell("规章")] + nums("regulations", ["issued", "repealed", "in_force"]),
                 [cell("行政规范性文件")] + nums("normative_documents", ["issued", "repealed", "in_force"]),
                 [cell("第二十条第（五）项", colspan=4)],
                 [cell("信息内容"), cell("本年处理决定数量", colspan=3)],
                 [cell("行政许可")] + nums("licensing", ["decisions"], 3),
                 [cell("第二十条第（六）项", colspan=4)],
                 [cell("信息内容"), cell("本年处理决定数量", colspan=3)],
                 [cell("行政处罚")] + nums("punishment", ["decisions"], 3),
                 [cell("行政强制")] + nums("coercion", ["decisions"], 3),
                 [cell("第二十条第（八）项", colspan=4)],
                 [cell("信息内容"), cell("本年收费金额（万元）", colspan=3)],
                 [cell("行政事业性收费")] + nums("fees", ["amount"], 3)]
    else:
        three = ["prev_items", "change", "decisions"]
        rows += [[cell("第二十条第（一）项", colspan=4)],
                 [cell("信息内容"), cell("本年新制作数量"), cell("本年新公开数量"), cell("对外公开总数量")],
                 [cell("规章")] + nums("regulations", ["new_made", "new_published", "total_published"]),
                 [cell("规范性文件")] + nums("normative_documents", ["new_made", "new_published", "total_published"]),
                 [cell("第二十条第（五）项", colspan=4)],
                 [cell("信息内容"), cell("上一年项目数量"), cell("本年增/减"), cell("处理决定数量")],
                 [cell("行政许可")] + nums("licensing", three),
                 [cell("其他对外管理服务事项")] + nums("other_services", three),
                 [cell("第二十条第（六）项", colspan=4)],
                 [cell("信息内容"), cell("上一年项目数量"), cell("本年增/减"), cell("处理决定数量")],
                 [cell("行政处罚")] + nums("punishment", three),
                 [cell("行政强制")] + nums("coercion", three),
                 [cell("第二十条第（八）项", colspan=4)],
                 [cell("信息内容"), cell("上一年项目数量"), cell("本年增/减", colspan=2)],
                 [cell("行政事业性收费")] + nums("fees", ["prev_items", "change"], 2),
                 [cell("第二十条第（九）项", colspan=4)],
                 [cell("信息内容"), cell("采购项目数量"), cell("采购总金额", colspan=2)],
                 [cell("政府集中采购")] + nums("procurement", ["items", "amount"], 2)]
    return rows, cells


REQ_GROUPS = [
    ("（一）予以公开", [("granted", None)]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [("partially_granted", None)]),
    ("（三）不予公开", [("denied_state_secret", "1.属于国家秘密"),
                      ("denied_prohibited", "2.其他法律行政法规禁止公开"),
                      ("denied_security_stability", "3.危及“三安全一稳定”"),
                      ("denied_third_party", "4.保护第三方合法权益"),
                      ("denied_internal_affairs", "5.属于三类内部事务信息"),
                      ("denied_process_info", "6.属于四类过程性信息"),
                      ("denied_enforcement_files", "7.属于行政执法案卷"),
                      ("denied_admin_query", "8.属于行政查询事项")]),
    ("（四）无法提供", [("unavailable_not_held", "1.本机关不掌握相关政府信息"),
                      ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
                      ("unavailable_unclear", "3.补正后申请内容仍不明确")]),
    ("（五）不予处理", [("not_processed_complaint", "1.信访举报投诉类申请"),
                      ("not_processed_duplicate", "2.重复申请"),
                      ("not_processed_publication", "3.要求提供公开出版物"),
                      ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
                      ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息")]),
]
OTHER_2021 = ("（六）其他处理", [
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他")])
OTHER_2019 = ("（六）其他处理", [("other_handling", None)])


def outcome_keys(template):
    groups = REQ_GROUPS + [OTHER_2021 if template == "2021" else OTHER_2019]
    return [key for _, items in groups for key, _ in items], groups


def request_values(doc):
    """Every row of the requests table per applicant column, with the totals the template implies."""
    req = doc["req"]
    keys, _ = outcome_keys(doc["template"])
    table = {}
    for row in ["new_received", "carried_over"] + keys + ["carried_forward"]:
        table[row] = {c: req.get(row, {}).get(c, 0) for c in APPLICANTS}
    if "granted" not in req:  # the remainder of each column, so that the column adds up
        for c in APPLICANTS:
            rest = sum(table[k][c] for k in keys if k != "granted") + table["carried_forward"][c]
            table["granted"][c] = table["new_received"][c] + table["carried_over"][c] - rest
            assert table["granted"][c] >= 0, (doc["doc_id"], c)
    table["total_handled"] = {c: sum(table[k][c] for k in keys) for c in APPLICANTS}
    for row in table.values():
        row["total"] = sum(row[c] for c in APPLICANTS)
    for c in APPLICANTS + ["total"]:
        left = table["new_received"][c] + table["carried_over"][c]
        right = table["total_handled"][c] + table["carried_forward"][c]
        assert left == right, (doc["doc_id"], c, left, right)
    return table


def request_rows(doc):
    table = request_values(doc)
    blank = "requests" in doc.get("blank_zeros", "")
    cols = APPLICANTS + ["total"]
    cells = []

    def nums(row):
        for c in cols:
            v = table[row][c]
            cells.append({"table": "requests", "row": row, "col": c,
                          "value": None if blank and v == 0 else v})
        return [cell(fmt(table[row][c], blank)) for c in cols]

    keys, groups = outcome_keys(doc["template"])
    n_outcome_rows = len(keys) + 1
    rows = [[cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
             cell("申请人情况", colspan=7)],
            [cell("自然人", rowspan=2), cell("法人或其他组织", colspan=5), cell("总计", rowspan=2)],
            [cell("商业企业"), cell("科研机构"), cell("社会公益组织"), cell("法律服务机构"), cell("其他")],
            [cell("一、本年新收政府信息公开申请数量", colspan=3)] + nums("new_received"),
            [cell("二、上年结转政府信息公开申请数量", colspan=3)] + nums("carried_over")]
    first = True
    for group, items in groups:
        for i, (key, sub) in enumerate(items):
            row = []
            if first:
                row.append(cell("三、本年度办理结果", rowspan=n_outcome_rows))
                first = False
            if sub is None:
                row.append(cell(group, colspan=2))
            else:
                if i == 0:
                    row.append(cell(group, rowspan=len(items)))
                row.append(cell(sub))
            rows.append(row + nums(key))
    rows.append([cell("（七）总计", colspan=2)] + nums("total_handled"))
    rows.append([cell("四、结转下年度继续办理", colspan=3)] + nums("carried_forward"))
    return rows, cells


def review_rows(doc):
    cells, numbers = [], []
    for row in ["review", "litigation_direct", "litigation_after_review"]:
        u, c, o, p = doc["rev"].get(row, [0, 0, 0, 0])
        for col, v in zip(["upheld", "corrected", "other_result", "pending", "total"], [u, c, o, p, u + c + o + p], strict=True):
            cells.append({"table": "review_litigation", "row": row, "col": col, "value": v})
            numbers.append(cell(v))
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [[cell("行政复议", colspan=5), cell("行政诉讼", colspan=10)],
            [cell(h, rowspan=2) for h in heads] + [cell("未经复议直接起诉", colspan=5), cell("复议后起诉", colspan=5)],
            [cell(h) for h in heads * 2],
            numbers]
    return rows, cells


TABLE_MAKERS = {"active": active_rows, "requests": request_rows, "review": review_rows}
