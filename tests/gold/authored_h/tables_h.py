"""The template of set H: its section names and its three statistical tables (keys as TABLES.md), the cells of a report
built from the few figures its source gives, and the Word layout (merged cells) they print in."""

from __future__ import annotations

ACTIVE_2021 = [("regulations", "规章", ("issued", "repealed", "in_force")),
               ("normative_documents", "行政规范性文件", ("issued", "repealed", "in_force")),
               ("licensing", "行政许可", ("decisions",)),
               ("punishment", "行政处罚", ("decisions",)),
               ("coercion", "行政强制", ("decisions",)),
               ("fees", "行政事业性收费", ("amount",))]
ACTIVE_2019 = [("regulations", "规章", ("new_made", "new_published", "total_published")),
               ("normative_documents", "规范性文件", ("new_made", "new_published", "total_published")),
               ("licensing", "行政许可", ("prev_items", "change", "decisions")),
               ("other_services", "其他对外管理服务事项", ("prev_items", "change", "decisions")),
               ("punishment", "行政处罚", ("prev_items", "change", "decisions")),
               ("coercion", "行政强制", ("prev_items", "change", "decisions")),
               ("fees", "行政事业性收费", ("prev_items", "change")),
               ("procurement", "政府集中采购", ("items", "amount"))]
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
REQ_COLS = APPLICANTS + ["total"]
OUTCOMES_HEAD = [("granted", "（一）予以公开"),
                 ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")]
GROUPS = [("（三）不予公开", [("denied_state_secret", "1.属于国家秘密"),
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
                         ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息")])]
OTHER_2021 = ("（六）其他处理", [
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他")])
SECTIONS = {
    "2019": ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
             "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"],
    "old": ["概述", "主动公开政府信息情况", "依申请公开政府信息情况", "政府信息公开的收费及减免情况",
            "因政府信息公开申请提起行政复议、提起行政诉讼的情况",
            "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项"],
}
SECTIONS["2021"] = SECTIONS["2019"]
REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


def outcome_rows(template: str) -> list[str]:
    rows = [key for key, _ in OUTCOMES_HEAD]
    for _, members in GROUPS:
        rows += [key for key, _ in members]
    rows += [key for key, _ in OTHER_2021[1]] if template == "2021" else ["other_handling"]
    return rows


def request_rows(template: str) -> list[str]:
    return ["new_received", "carried_over"] + outcome_rows(template) + ["total_handled", "carried_forward"]


def build_cells(meta: dict) -> list[dict]:
    """All cells of the three tables; figures not given in the source are 0, totals are summed."""
    template = meta["template"]
    given = meta.get("tables", {})
    cells = []
    active_spec = ACTIVE_2021 if template == "2021" else ACTIVE_2019
    for row, _name, cols in active_spec:
        for col in cols:
            value = given.get("active", {}).get(row, {}).get(col, 0)
            cells.append({"table": "active", "row": row, "col": col, "value": value})
    req = given.get("requests", {})
    values: dict[tuple[str, str], int] = {}
    for row in request_rows(template):
        for col in APPLICANTS:
            values[row, col] = req.get(row, {}).get(col, 0)
    for col in APPLICANTS:
        values["total_handled", col] = sum(values[r, col] for r in outcome_rows(template))
    for row in request_rows(template):
        values[row, "total"] = sum(values[row, col] for col in APPLICANTS)
        for col in REQ_COLS:
            cells.append({"table": "requests", "row": row, "col": col, "value": values[row, col]})
    rev = given.get("review", {})
    for row in REVIEW_ROWS:
        figures = {col: rev.get(row, {}).get(col, 0) for col in REVIEW_COLS[:-1]}
        figures["total"] = sum(figures.values())
        for col in REVIEW_COLS:
            cells.append({"table": "review_litigation", "row": row, "col": col, "value": figures[col]})
    return cells


def _fig(cells: list[dict], table: str, row: str, col: str) -> str:
    for cell in cells:
        if (cell["table"], cell["row"], cell["col"]) == (table, row, col):
            value = cell["value"]
            return "" if value is None else str(value)
    raise KeyError((table, row, col))


def table_layout(name: str, template: str, cells: list[dict]) -> tuple[list[list[tuple]], int]:
    """Rows of (text, grid span, vMerge) as the template prints the table; the number of header rows."""
    fig = lambda *key: _fig(cells, *key)  # noqa: E731
    if name == "active":
        def section(clause):
            return [(f"第二十条第（{clause}）项", 4, None)]

        def head(*cols):
            return [("信息内容", 1, None)] + [(c, 4 - len(cols) if k == len(cols) - 1 else 1, None)
                                            for k, c in enumerate(cols)]

        def row(r, label, cols):
            last = len(cols) - 1
            return [(label, 1, None)] + [(fig("active", r, c), 4 - len(cols) if k == last else 1, None)
                                         for k, c in enumerate(cols)]
        spec = {r: (label, cols) for r, label, cols in (ACTIVE_2021 if template == "2021" else ACTIVE_2019)}
        if template == "2021":
            layout = [section("一"), head("本年制发件数", "本年废止件数", "现行有效件数"),
                      row("regulations", *spec["regulations"]),
                      row("normative_documents", *spec["normative_documents"]),
                      section("五"), head("本年处理决定数量"), row("licensing", *spec["licensing"]),
                      section("六"), head("本年处理决定数量"), row("punishment", *spec["punishment"]),
                      row("coercion", *spec["coercion"]),
                      section("八"), head("本年收费金额（单位：万元）"), row("fees", *spec["fees"])]
        else:
            three = ("上一年项目数量", "本年增/减", "处理决定数量")
            layout = [section("一"), head("本年新制作数量", "本年新公开数量", "对外公开总数量"),
                      row("regulations", *spec["regulations"]),
                      row("normative_documents", *spec["normative_documents"]),
                      section("五"), head(*three), row("licensing", *spec["licensing"]),
                      row("other_services", *spec["other_services"]),
                      section("六"), head(*three), row("punishment", *spec["punishment"]),
                      row("coercion", *spec["coercion"]),
                      section("八"), head("上一年项目数量", "本年增/减"), row("fees", *spec["fees"]),
                      section("九"), head("采购项目数量", "采购总金额"), row("procurement", *spec["procurement"])]
        return layout, 0
    if name == "requests":
        layout = [
            [("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", 3, "restart"),
             ("申请人情况", 7, None)],
            [("", 3, "continue"), ("自然人", 1, "restart"), ("法人或其他组织", 5, None), ("总计", 1, "restart")],
            [("", 3, "continue"), ("", 1, "continue"), ("商业企业", 1, None), ("科研机构", 1, None),
             ("社会公益组织", 1, None), ("法律服务机构", 1, None), ("其他", 1, None), ("", 1, "continue")]]

        def figures(r):
            return [(fig("requests", r, c), 1, None) for c in REQ_COLS]
        layout.append([("一、本年新收政府信息公开申请数量", 3, None)] + figures("new_received"))
        layout.append([("二、上年结转政府信息公开申请数量", 3, None)] + figures("carried_over"))
        first = True
        for key, label in OUTCOMES_HEAD:
            lead = ("三、本年度办理结果", 1, "restart") if first else ("", 1, "continue")
            first = False
            layout.append([lead, (label, 2, None)] + figures(key))
        groups = GROUPS + ([OTHER_2021] if template == "2021" else [])
        for group, members in groups:
            for k, (key, label) in enumerate(members):
                layout.append([("", 1, "continue"), (group, 1, "restart") if k == 0 else ("", 1, "continue"),
                               (label, 1, None)] + figures(key))
        if template == "2019":
            layout.append([("", 1, "continue"), ("（六）其他处理", 2, None)] + figures("other_handling"))
        layout.append([("", 1, "continue"), ("（七）总计", 2, None)] + figures("total_handled"))
        layout.append([("四、结转下年度继续办理", 3, None)] + figures("carried_forward"))
        return layout, 3
    if name == "review":
        cols = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        layout = [[("行政复议", 5, None), ("行政诉讼", 10, None)],
                  [(c, 1, "restart") for c in cols] + [("未经复议直接起诉", 5, None), ("复议后起诉", 5, None)],
                  [("", 1, "continue")] * 5 + [(c, 1, None) for c in cols * 2],
                  [(fig("review_litigation", r, c), 1, None) for r in REVIEW_ROWS for c in REVIEW_COLS]]
        return layout, 3
    raise ValueError(name)
