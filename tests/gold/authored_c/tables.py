"""The three statistical tables of the 2019 and 2021 templates, as cell grids.

One grid serves both renderings: the clean text (one tab-joined line per row) and the
page (an HTML ``<table>`` with the merged header cells). Totals and the carried-forward
row are computed here from the outcome counts, so the figures always add up.
"""

from __future__ import annotations

from dataclasses import dataclass

APPLICANT_COLS = [
    "np",
    "ce",
    "ri",
    "sw",
    "ls",
    "oo",
]  # 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    number: bool = False  # a figure (may be shown blank on pages that leave zeros empty)


Grid = list[list[Cell]]


def _n(value: object) -> Cell:
    return Cell(str(value), number=True)


def active_2021(spec: list[object]) -> Grid:
    """spec: [reg_issued, reg_repealed, reg_in_force, nd_issued, nd_repealed, nd_in_force,
    licensing, punishment, coercion, fees_amount]"""
    r = spec
    return [
        [Cell("第二十条第（一）项", colspan=4)],
        [Cell("信息内容"), Cell("本年制发件数"), Cell("本年废止件数"), Cell("现行有效件数")],
        [Cell("规章"), _n(r[0]), _n(r[1]), _n(r[2])],
        [Cell("行政规范性文件"), _n(r[3]), _n(r[4]), _n(r[5])],
        [Cell("第二十条第（五）项", colspan=4)],
        [Cell("信息内容"), Cell("本年处理决定数量", colspan=3)],
        [Cell("行政许可"), Cell(str(r[6]), colspan=3, number=True)],
        [Cell("第二十条第（六）项", colspan=4)],
        [Cell("信息内容"), Cell("本年处理决定数量", colspan=3)],
        [Cell("行政处罚"), Cell(str(r[7]), colspan=3, number=True)],
        [Cell("行政强制"), Cell(str(r[8]), colspan=3, number=True)],
        [Cell("第二十条第（八）项", colspan=4)],
        [Cell("信息内容"), Cell("本年收费金额（单位：万元）", colspan=3)],
        [Cell("行政事业性收费"), Cell(str(r[9]), colspan=3, number=True)],
    ]


def active_2019(spec: list[object]) -> Grid:
    """spec: [reg new_made, new_published, total_published, nd x3, licensing prev, change,
    decisions, other_services x3, punishment x3, coercion x3, fees prev, change,
    procurement items, amount]"""
    r = [str(v) for v in spec]
    return [
        [Cell("第二十条第（一）项", colspan=4)],
        [Cell("信息内容"), Cell("本年新制作数量"), Cell("本年新公开数量"), Cell("对外公开总数量")],
        [Cell("规章"), _n(r[0]), _n(r[1]), _n(r[2])],
        [Cell("规范性文件"), _n(r[3]), _n(r[4]), _n(r[5])],
        [Cell("第二十条第（五）项", colspan=4)],
        [Cell("信息内容"), Cell("上一年项目数量"), Cell("本年增/减"), Cell("处理决定数量")],
        [Cell("行政许可"), _n(r[6]), _n(r[7]), _n(r[8])],
        [Cell("其他对外管理服务事项"), _n(r[9]), _n(r[10]), _n(r[11])],
        [Cell("第二十条第（六）项", colspan=4)],
        [Cell("信息内容"), Cell("上一年项目数量"), Cell("本年增/减"), Cell("处理决定数量")],
        [Cell("行政处罚"), _n(r[12]), _n(r[13]), _n(r[14])],
        [Cell("行政强制"), _n(r[15]), _n(r[16]), _n(r[17])],
        [Cell("第二十条第（八）项", colspan=4)],
        [Cell("信息内容"), Cell("上一年项目数量"), Cell("本年增/减", colspan=2)],
        [Cell("行政事业性收费"), _n(r[18]), Cell(r[19], colspan=2, number=True)],
        [Cell("第二十条第（九）项", colspan=4)],
        [Cell("信息内容"), Cell("采购项目数量"), Cell("采购总金额", colspan=2)],
        [Cell("政府集中采购"), _n(r[20]), Cell(r[21], colspan=2, number=True)],
    ]


OUTCOMES_COMMON = [
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
OTHER_2019 = [("other_handling", None, "（六）其他处理")]
OTHER_2021 = [
    (
        "other_overdue_correction",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other_unpaid_fee",
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other_misc", "（六）其他处理", "3.其他"),
]


def parse_counts(spec: str) -> dict[str, dict[str, int]]:
    """'new_received np5 ce1 | granted np3' -> {row: {col: n}}; unnamed cells are 0."""
    rows: dict[str, dict[str, int]] = {}
    for part in spec.split("|"):
        words = part.split()
        if not words:
            continue
        row = rows.setdefault(words[0], {})
        for word in words[1:]:
            col, num = word[:2], int(word[2:])
            if col not in APPLICANT_COLS:
                raise ValueError(f"unknown applicant column {col!r} in {spec!r}")
            row[col] = num
    return rows


def requests_table(spec: str, template: str) -> tuple[Grid, dict[str, list[int]]]:
    """The 三 table; returns the grid and the row figures (six columns then the total)."""
    counts = parse_counts(spec)
    outcomes = OUTCOMES_COMMON + (OTHER_2021 if template == "2021" else OTHER_2019)
    known = {key for key, _, _ in outcomes} | {"new_received", "carried_over"}
    unknown = set(counts) - known
    if unknown:
        raise ValueError(f"unknown request rows {unknown}")

    def figures(row: str) -> list[int]:
        vals = [counts.get(row, {}).get(col, 0) for col in APPLICANT_COLS]
        return vals + [sum(vals)]

    values = {key: figures(key) for key in known}
    handled = [sum(values[key][i] for key, _, _ in outcomes) for i in range(7)]
    forward = [values["new_received"][i] + values["carried_over"][i] - handled[i] for i in range(7)]
    if min(forward) < 0:
        raise ValueError(f"more handled than received: {spec!r}")
    values["total_handled"], values["carried_forward"] = handled, forward

    grid: Grid = [
        [
            Cell(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3
            ),
            Cell("申请人情况", colspan=7),
        ],
        [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
        [Cell("商业企业"), Cell("科研机构"), Cell("社会公益组织"), Cell("法律服务机构"), Cell("其他")],
        [Cell("一、本年新收政府信息公开申请数量", colspan=3)] + [_n(v) for v in values["new_received"]],
        [Cell("二、上年结转政府信息公开申请数量", colspan=3)] + [_n(v) for v in values["carried_over"]],
    ]
    block_rows = len(outcomes) + 1
    seen_groups: set[str] = set()
    for i, (key, group, label) in enumerate(outcomes):
        row: list[Cell] = []
        if i == 0:
            row.append(Cell("三、本年度办理结果", rowspan=block_rows))
        if group is None:
            row.append(Cell(label, colspan=2))
        else:
            if group not in seen_groups:
                seen_groups.add(group)
                size = sum(1 for _, g, _ in outcomes if g == group)
                row.append(Cell(group, rowspan=size))
            row.append(Cell(label))
        grid.append(row + [_n(v) for v in values[key]])
    grid.append([Cell("（七）总计", colspan=2)] + [_n(v) for v in handled])
    grid.append([Cell("四、结转下年度继续办理", colspan=3)] + [_n(v) for v in forward])
    return grid, values


def review_table(spec: str) -> tuple[Grid, list[list[int]]]:
    """spec: 'upheld corrected other pending' for review | direct suit | suit after review."""
    groups = [[int(x) for x in part.split()] for part in spec.split("|")]
    if len(groups) != 3 or any(len(g) != 4 for g in groups):
        raise ValueError(f"review spec needs 3 groups of 4: {spec!r}")
    rows = [g + [sum(g)] for g in groups]
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    grid: Grid = [
        [Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)],
        [Cell(t, rowspan=2) for t in results]
        + [Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)],
        [Cell(t) for t in results] + [Cell(t) for t in results],
        [_n(v) for row in rows for v in row],
    ]
    return grid, rows


def grid_lines(grid: Grid) -> list[str]:
    """The clean-text form: one line per row, cells joined by tabs."""
    return ["\t".join(cell.text for cell in row) for row in grid]
