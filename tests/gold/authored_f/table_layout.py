"""The three statistical tables as printed: merged-cell layout, keyed cells, and a full grid.

Written for the authored_f set only (clean room: built from TABLES.md, not from the project's code).
A table is a list of rows; a row is a list of Cell (text, rowspan, colspan) as an HTML table would
hold it. Each row is one line of the clean text (its cells joined by tabs), so every file shape
(HTML, pipe table, space-aligned OCR) renders the same rows.
"""
from __future__ import annotations

from dataclasses import dataclass

APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
RESULTS = ["upheld", "corrected", "other_result", "pending"]
REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    key: tuple[str, str, str] | None = None  # (table, row, col) for a figure cell


def fmt(value) -> str:
    """A figure as printed; None is a blank cell."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _num(table: str, row: str, col: str, value, colspan: int = 1) -> Cell:
    return Cell(fmt(value), 1, colspan, (table, row, col))


def active_rows(template: str, v: dict) -> list[list[Cell]]:
    """Table 二. v maps row key -> list of figures in the template's column order."""
    t = "active"
    if template == "2021":
        head3 = [Cell("信息内容"), Cell("本年制发件数"), Cell("本年废止件数"), Cell("现行有效件数")]
        cols3 = ["issued", "repealed", "in_force"]
        rows = [[Cell("第二十条第（一）项", 1, 4)], head3]
        for key, name in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
            rows.append([Cell(name)] + [_num(t, key, c, x) for c, x in zip(cols3, v[key], strict=True)])
        for item, keys, colname, col in (
            ("（五）", [("licensing", "行政许可")], "本年处理决定数量", "decisions"),
            ("（六）", [("punishment", "行政处罚"), ("coercion", "行政强制")], "本年处理决定数量", "decisions"),
            ("（八）", [("fees", "行政事业性收费")], "本年收费金额（单位：万元）", "amount"),
        ):
            rows.append([Cell(f"第二十条第{item}项", 1, 4)])
            rows.append([Cell("信息内容"), Cell(colname, 1, 3)])
            for key, name in keys:
                rows.append([Cell(name), _num(t, key, col, v[key][0], 3)])
        return rows
    rows = [[Cell("第二十条第（一）项", 1, 4)],
            [Cell("信息内容"), Cell("本年新制作数量"), Cell("本年新公开数量"), Cell("对外公开总数量")]]
    for key, name in (("regulations", "规章"), ("normative_documents", "规范性文件")):
        rows.append([Cell(name)] + [_num(t, key, c, x) for c, x in
                                    zip(["new_made", "new_published", "total_published"], v[key], strict=True)])
    three = ["prev_items", "change", "decisions"]
    for item, keys in (("（五）", [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
                       ("（六）", [("punishment", "行政处罚"), ("coercion", "行政强制")])):
        rows.append([Cell(f"第二十条第{item}项", 1, 4)])
        rows.append([Cell("信息内容"), Cell("上一年项目数量"), Cell("本年增/减"), Cell("处理决定数量")])
        for key, name in keys:
            rows.append([Cell(name)] + [_num(t, key, c, x) for c, x in zip(three, v[key], strict=True)])
    rows.append([Cell("第二十条第（八）项", 1, 4)])
    rows.append([Cell("信息内容"), Cell("上一年项目数量"), Cell("本年增/减", 1, 2)])
    rows.append([Cell("行政事业性收费"), _num(t, "fees", "prev_items", v["fees"][0]),
                 _num(t, "fees", "change", v["fees"][1], 2)])
    rows.append([Cell("第二十条第（九）项", 1, 4)])
    rows.append([Cell("信息内容"), Cell("采购项目数量"), Cell("采购总金额", 1, 2)])
    rows.append([Cell("政府集中采购"), _num(t, "procurement", "items", v["procurement"][0]),
                 _num(t, "procurement", "amount", v["procurement"][1], 2)])
    return rows


# (row key, label in the first free column, group label or None, sub label or None)
OUTCOMES_2021 = [
    ("granted", "（一）予以公开", None),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("denied_state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied_prohibited", None, "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", None, "3.危及“三安全一稳定”"),
    ("denied_third_party", None, "4.保护第三方合法权益"),
    ("denied_internal_affairs", None, "5.属于三类内部事务信息"),
    ("denied_process_info", None, "6.属于四类过程性信息"),
    ("denied_enforcement_files", None, "7.属于行政执法案卷"),
    ("denied_admin_query", None, "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", None, "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", None, "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", None, "2.重复申请"),
    ("not_processed_publication", None, "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", None, "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", None, "5.要求行政机关确认或重新出具已获取信息"),
    ("other_overdue_correction", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", None, "3.其他"),
    ("total_handled", "（七）总计", None),
]
GROUP_SIZES = {"（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}


def outcome_rows(template: str) -> list[tuple[str, str | None, str | None]]:
    if template == "2021":
        return OUTCOMES_2021
    rows = [r for r in OUTCOMES_2021 if not r[0].startswith("other_")]
    at = [r[0] for r in rows].index("total_handled")
    return rows[:at] + [("other_handling", "（六）其他处理", None)] + rows[at:]


def request_values(template: str, given: dict, blank_zero: bool = False) -> dict:
    """Every row of table 三 with its seven figures; totals and the carried-forward row computed
    so that the template's arithmetic holds. A zero printed blank becomes None."""
    keys = [r[0] for r in outcome_rows(template)]
    vals = {}
    for key in ["new_received", "carried_over"] + keys[:-1]:
        six = list(given.get(key, [0] * 6))
        vals[key] = six
    vals["total_handled"] = [sum(vals[k][i] for k in keys[:-1]) for i in range(6)]
    vals["carried_forward"] = [vals["new_received"][i] + vals["carried_over"][i] - vals["total_handled"][i]
                               for i in range(6)]
    if min(vals["carried_forward"]) < 0:
        raise ValueError(f"more handled than received: {vals}")
    out = {}
    for key, six in vals.items():
        seven = six + [sum(six)]
        out[key] = [None if blank_zero and x == 0 else x for x in seven]
    return out


def requests_rows(template: str, vals: dict) -> list[list[Cell]]:
    t = "requests"
    cols = APPLICANTS + ["total"]

    def figs(key):
        return [_num(t, key, c, x) for c, x in zip(cols, vals[key], strict=True)]

    rows = [[Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
             Cell("申请人情况", 1, 7)],
            [Cell("自然人", 2), Cell("法人或其他组织", 1, 5), Cell("总计", 2)],
            [Cell("商业企业"), Cell("科研机构"), Cell("社会公益组织"), Cell("法律服务机构"), Cell("其他")],
            [Cell("一、本年新收政府信息公开申请数量", 1, 3)] + figs("new_received"),
            [Cell("二、上年结转政府信息公开申请数量", 1, 3)] + figs("carried_over")]
    outcomes = outcome_rows(template)
    for i, (key, group, sub) in enumerate(outcomes):
        row = [Cell("三、本年度办理结果", len(outcomes))] if i == 0 else []
        if sub is None:
            row.append(Cell(group, 1, 2))
        else:
            if group is not None:
                row.append(Cell(group, GROUP_SIZES.get(group, 1)))
            row.append(Cell(sub))
        rows.append(row + figs(key))
    rows.append([Cell("四、结转下年度继续办理", 1, 3)] + figs("carried_forward"))
    return rows


def review_rows(v: dict) -> list[list[Cell]]:
    """Table 四. v maps row key -> [upheld, corrected, other_result, pending] (total computed)."""
    t = "review_litigation"
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [[Cell("行政复议", 1, 5), Cell("行政诉讼", 1, 10)],
            [Cell(h, 2) for h in heads] + [Cell("未经复议直接起诉", 1, 5), Cell("复议后起诉", 1, 5)],
            [Cell(h) for h in heads] * 2]
    figs = []
    for key in REVIEW_ROWS:
        four = list(v.get(key, [0] * 4))
        for col, x in zip(RESULTS + ["total"], four + [sum(four)], strict=True):
            figs.append(_num(t, key, col, x))
    rows.append(figs)
    return rows


def grid(rows: list[list[Cell]], fill: str = "repeat") -> list[list[str]]:
    """Expand merged cells into a full grid: a merged cell's text repeated in every slot it covers
    (fill='repeat') or only in its first slot (fill='empty'), as Word-to-Markdown converters do."""
    out: list[list[str | None]] = []
    for r, row in enumerate(rows):
        while len(out) <= r:
            out.append([])
        c = 0
        for cell in row:
            while c < len(out[r]) and out[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                while len(out) <= r + dr:
                    out.append([])
                line = out[r + dr]
                for dc in range(cell.colspan):
                    while len(line) <= c + dc:
                        line.append(None)
                    first = dr == 0 and dc == 0
                    line[c + dc] = cell.text if (first or fill == "repeat") else ""
            c += cell.colspan
    width = max(len(line) for line in out)
    return [[x if x is not None else "" for x in line] + [""] * (width - len(line)) for line in out]


def keyed_cells(rows: list[list[Cell]]) -> list[dict]:
    cells = []
    for row in rows:
        for cell in row:
            if cell.key:
                table, rkey, col = cell.key
                value = None if cell.text == "" else (float(cell.text) if "." in cell.text else int(cell.text))
                cells.append({"table": table, "row": rkey, "col": col, "value": value})
    return cells
