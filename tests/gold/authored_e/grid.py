"""The three statistical tables as printed grids, from a report's figures.

One grid serves the clean text (a line per grid row, its cells by tabs, a
merged cell once, in the first row it covers), the Word table and the PDF
table, so the three print the same cells. Wordings follow the national
templates of 2019 and 2021.
"""

from __future__ import annotations

from dataclasses import dataclass

APPLICANTS = (
    "natural_person", "commercial_enterprise", "research_institution",
    "social_welfare_org", "legal_service_org", "other_org",
)
REQUEST_COLS = APPLICANTS + ("total",)
REVIEW_ROWS = ("review", "litigation_direct", "litigation_after_review")
REVIEW_COLS = ("upheld", "corrected", "other_result", "pending", "total")


@dataclass
class Cell:
    text: str
    col: int
    rowspan: int = 1
    colspan: int = 1
    key: tuple | None = None     # (table, row, col) for a figure
    value: object = None         # the gold value of a figure (None: printed blank)


@dataclass
class Grid:
    which: str                   # active, requests, review_litigation
    ncols: int
    rows: list[list[Cell]]
    header_rows: int             # rows to repeat where the table breaks


REQ_ROWS_2021 = [
    ("一、本年新收政府信息公开申请数量", None, None, "new_received"),
    ("二、上年结转政府信息公开申请数量", None, None, "carried_over"),
    ("三、本年度办理结果", "（一）予以公开", None, "granted"),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, "partially_granted"),
    (None, "（三）不予公开", "1.属于国家秘密", "denied_state_secret"),
    (None, None, "2.其他法律行政法规禁止公开", "denied_prohibited"),
    (None, None, "3.危及“三安全一稳定”", "denied_security_stability"),
    (None, None, "4.保护第三方合法权益", "denied_third_party"),
    (None, None, "5.属于三类内部事务信息", "denied_internal_affairs"),
    (None, None, "6.属于四类过程性信息", "denied_process_info"),
    (None, None, "7.属于行政执法案卷", "denied_enforcement_files"),
    (None, None, "8.属于行政查询事项", "denied_admin_query"),
    (None, "（四）无法提供", "1.本机关不掌握相关政府信息", "unavailable_not_held"),
    (None, None, "2.没有现成信息需要另行制作", "unavailable_needs_creation"),
    (None, None, "3.补正后申请内容仍不明确", "unavailable_unclear"),
    (None, "（五）不予处理", "1.信访举报投诉类申请", "not_processed_complaint"),
    (None, None, "2.重复申请", "not_processed_duplicate"),
    (None, None, "3.要求提供公开出版物", "not_processed_publication"),
    (None, None, "4.无正当理由大量反复申请", "not_processed_mass_repeat"),
    (None, None, "5.要求行政机关确认或重新出具已获取信息", "not_processed_confirmation"),
    (None, "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "other_overdue_correction"),
    (None, None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "other_unpaid_fee"),
    (None, None, "3.其他", "other_misc"),
    (None, "（七）总计", None, "total_handled"),
    ("四、结转下年度继续办理", None, None, "carried_forward"),
]
REQ_ROWS_2019 = [r for r in REQ_ROWS_2021 if not r[3].startswith("other_")]
REQ_ROWS_2019.insert(len(REQ_ROWS_2019) - 2, (None, "（六）其他处理", None, "other_handling"))
OUTCOME_ROWS = {t: [r[3] for r in rows[2:-2]]
                for t, rows in (("2021", REQ_ROWS_2021), ("2019", REQ_ROWS_2019))}

ACTIVE_2021 = [
    ("第二十条第（一）项", [("信息内容", None), ("本年制发件数", "issued"),
                      ("本年废止件数", "repealed"), ("现行有效件数", "in_force")],
     [("规章", "regulations"), ("行政规范性文件", "normative_documents")]),
    ("第二十条第（五）项", [("信息内容", None), ("本年处理决定数量", "decisions")],
     [("行政许可", "licensing")]),
    ("第二十条第（六）项", [("信息内容", None), ("本年处理决定数量", "decisions")],
     [("行政处罚", "punishment"), ("行政强制", "coercion")]),
    ("第二十条第（八）项", [("信息内容", None), ("本年收费金额（单位：万元）", "amount")],
     [("行政事业性收费", "fees")]),
]
ACTIVE_2019 = [
    ("第二十条第（一）项", [("信息内容", None), ("本年新制作数量", "new_made"),
                      ("本年新公开数量", "new_published"), ("对外公开总数量", "total_published")],
     [("规章", "regulations"), ("规范性文件", "normative_documents")]),
    ("第二十条第（五）项", [("信息内容", None), ("上一年项目数量", "prev_items"),
                      ("本年增/减", "change"), ("处理决定数量", "decisions")],
     [("行政许可", "licensing"), ("其他对外管理服务事项", "other_services")]),
    ("第二十条第（六）项", [("信息内容", None), ("上一年项目数量", "prev_items"),
                      ("本年增/减", "change"), ("处理决定数量", "decisions")],
     [("行政处罚", "punishment"), ("行政强制", "coercion")]),
    ("第二十条第（八）项", [("信息内容", None), ("上一年项目数量", "prev_items"),
                      ("本年增/减", "change")],
     [("行政事业性收费", "fees")]),
    ("第二十条第（九）项", [("信息内容", None), ("采购项目数量", "items"),
                      ("采购总金额", "amount")],
     [("政府集中采购", "procurement")]),
]


def printed(value) -> str:
    """A figure as printed: None is a blank cell, a string is the agency's own
    blank mark (`/`, `—`), a signed change (2019 本年增/减) keeps its sign."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (tuple, list)):   # ("+", 2): a change printed with its sign (a list once read from JSON)
        return f"{value[0]}{value[1]}"
    return str(value)


def gold_value(value):
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, (tuple, list)):
        return value[1] if value[0] == "+" else -value[1]
    return value


def figure(table: str, row: str, col: str, value, at: int, colspan: int = 1) -> Cell:
    return Cell(printed(value), at, colspan=colspan, key=(table, row, col),
                value=gold_value(value))


def active_grid(template: str, figures: dict) -> Grid:
    """`figures`: row key -> printed values in the template's column order."""
    rows: list[list[Cell]] = []
    for title, columns, body in (ACTIVE_2021 if template == "2021" else ACTIVE_2019):
        rows.append([Cell(title, 0, colspan=4)])
        last_span = 4 - len(columns) + 1
        rows.append([Cell(c, i, colspan=last_span if i == len(columns) - 1 else 1)
                     for i, (c, _) in enumerate(columns)])
        keys = [k for _, k in columns[1:]]
        for name, row_key in body:
            values = figures[row_key]
            if len(values) != len(keys):
                raise ValueError(f"active {row_key}: {len(keys)} values wanted, got {values}")
            rows.append([Cell(name, 0)] + [
                figure("active", row_key, col, v, i + 1,
                       last_span if i == len(keys) - 1 else 1)
                for i, (v, col) in enumerate(zip(values, keys, strict=True))
            ])
    return Grid("active", 4, rows, 0)


def request_columns(template: str, spec: dict) -> dict[str, dict[str, int]]:
    """`spec`: applicant column -> {row key: count}; rows not named are 0 and
    the total column and the （七）总计 row are summed, as the template asks."""
    outcome = OUTCOME_ROWS[template]
    allowed = set(outcome) | {"new_received", "carried_over", "carried_forward"}
    table: dict[str, dict[str, int]] = {}
    for col in APPLICANTS:
        given = spec.get(col, {})
        if set(given) - allowed:
            raise ValueError(f"requests {col}: unknown rows {set(given) - allowed}")
        column = {row: given.get(row, 0) for row in allowed}
        column["total_handled"] = sum(column[r] for r in outcome)
        table[col] = column
    table["total"] = {row: sum(table[c][row] for c in APPLICANTS) for row in table[APPLICANTS[0]]}
    return table


def request_grid(template: str, spec: dict) -> Grid:
    table = request_columns(template, spec)
    blank = set(spec.get("_blank", []))      # rows whose zeros the agency left blank
    layout = REQ_ROWS_2021 if template == "2021" else REQ_ROWS_2019
    rows = [
        [Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 0, 3, 3),
         Cell("申请人情况", 3, colspan=7)],
        [Cell("自然人", 3, rowspan=2), Cell("法人或其他组织", 4, colspan=5),
         Cell("总计", 9, rowspan=2)],
        [Cell(t, 4 + i) for i, t in enumerate(("商业企业", "科研机构", "社会公益组织",
                                               "法律服务机构", "其他"))],
    ]
    for i, (a, b, c, key) in enumerate(layout):
        row: list[Cell] = []
        if a:   # spans down to the next first-level row
            down = next((j for j in range(i + 1, len(layout)) if layout[j][0]), len(layout)) - i
            row.append(Cell(a, 0, rowspan=down, colspan=3 if not b else 1))
        if b:
            down = next((j for j in range(i + 1, len(layout)) if layout[j][1] or layout[j][0]),
                        len(layout)) - i
            row.append(Cell(b, 1, rowspan=down, colspan=1 if c else 2))
        if c:
            row.append(Cell(c, 2))
        for n, col in enumerate(REQUEST_COLS):
            value = table[col][key]
            row.append(figure("requests", key, col,
                              None if key in blank and value == 0 else value, 3 + n))
        rows.append(row)
    return Grid("requests", 10, rows, 3)


def review_grid(spec: dict) -> Grid:
    """`spec`: row key -> [upheld, corrected, other_result, pending]; total summed."""
    rows = [
        [Cell("行政复议", 0, rowspan=2, colspan=5), Cell("行政诉讼", 5, colspan=10)],
        [Cell("未经复议直接起诉", 5, colspan=5), Cell("复议后起诉", 10, colspan=5)],
        [Cell(t, i) for i, t in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)],
    ]
    figures = []
    for r, row in enumerate(REVIEW_ROWS):
        values = list(spec.get(row, [0, 0, 0, 0]))
        values.append(sum(values))
        figures += [figure("review_litigation", row, col, v, r * 5 + i)
                    for i, (v, col) in enumerate(zip(values, REVIEW_COLS, strict=True))]
    rows.append(figures)
    return Grid("review_litigation", 15, rows, 3)


def build_grid(meta: dict, which: str) -> Grid:
    if which == "active":
        return active_grid(meta["template"], meta["active"])
    if which == "requests":
        return request_grid(meta["template"], meta["requests"])
    if which == "review":
        return review_grid(meta["review"])
    raise ValueError(f"unknown table {which!r}")
