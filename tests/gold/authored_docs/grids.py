"""The three tables laid out as grids of printed text with merges, in the variants agencies use.

A Grid is what both writers (Word and PDF) draw, so that a layout variant is written once. While
laying out, the Printer records every figure it prints as a number: that record is the file's gold, so
a cell printed blank, `—` or `/` is left out of the gold by the same code that leaves it off the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spec import (
    APPLICANT_LABELS,
    REQUEST_COLS,
    REVIEW_COL_LABELS,
    REVIEW_COLS,
    REVIEW_ROWS,
    active_blocks,
    request_rows,
)

_FULL_WIDTH = str.maketrans("0123456789,.-+", "０１２３４５６７８９，．－＋")


@dataclass
class Printer:
    """How one file prints figures: what a zero looks like (and in which tables), separators, digits."""

    zero: str = "0"  # "0", "", "—" or "/"
    zero_tables: tuple[str, ...] = ("active", "requests", "review_litigation")
    thousands: bool = False  # 1,234
    full_width: bool = False  # １２３
    gold: dict[tuple[str, str, str], float] = field(default_factory=dict)

    def show(self, table: str, row: str, col: str, value: float) -> str:
        if value == 0 and table in self.zero_tables and self.zero != "0":
            return self.zero  # printed as no number: not in the gold
        self.gold[(table, row, col)] = value
        if isinstance(value, float):
            text = f"{value:,.2f}" if self.thousands else f"{value:.2f}"
        elif col == "change" and value > 0:
            text = f"+{value}"
        else:
            text = f"{value:,}" if self.thousands else str(value)
        return text.translate(_FULL_WIDTH) if self.full_width else text


@dataclass
class Grid:
    """A table as printed: text per cell (covered cells hold ""), merges as (r0, c0, r1, c1) inclusive."""

    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    header_rows: int = 1
    label_cols: int = 1

    def add(self, cells: list[str]) -> int:
        self.rows.append(cells)
        return len(self.rows) - 1

    def part(self, start: int, stop: int, with_header: bool) -> Grid:
        """Rows [start, stop) as a table of their own (the header repeated or not), merges clipped."""
        keep = (list(range(self.header_rows)) if with_header else []) + list(range(start, stop))
        where = {old: new for new, old in enumerate(keep)}
        rows = [list(self.rows[i]) for i in keep]
        merges = []
        for r0, c0, r1, c1 in self.merges:
            inside = [r for r in range(r0, r1 + 1) if r in where]
            if inside:
                merges.append((where[inside[0]], c0, where[inside[-1]], c1))
        return Grid(rows, merges, self.header_rows if with_header else 0, self.label_cols)


def break_lines(grid: Grid, width: int = 6) -> None:
    """Break long header and label texts with manual line breaks, as agencies type them into narrow cells."""
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            heading = r < grid.header_rows or c < grid.label_cols
            if heading and len(text) > width and text != NOTE and "\n" not in text:
                cut = (len(text) + 1) // 2
                row[c] = text[:cut] + "\n" + text[cut:]


# Table 三's row labels reworded and numbered as some agencies print them in one column.
_SHORT_LABELS = {
    "new_received": "一、本年新收申请数量",
    "carried_over": "二、上年结转申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开",
    "denied_state_secret": "（三）不予公开：①属于国家秘密",
    "denied_prohibited": "②其他法律行政法规禁止公开",
    "denied_security_stability": "③危及“三安全一稳定”",
    "denied_third_party": "④保护第三方合法权益",
    "denied_internal_affairs": "⑤属于三类内部事务信息",
    "denied_process_info": "⑥属于四类过程性信息",
    "denied_enforcement_files": "⑦属于行政执法案卷",
    "denied_admin_query": "⑧属于行政查询事项",
    "unavailable_not_held": "（四）无法提供：①本机关不掌握",
    "unavailable_needs_creation": "②没有现成信息需另行制作",
    "unavailable_unclear": "③补正后申请内容仍不明确",
    "not_processed_complaint": "（五）不予处理：①信访举报投诉类",
    "not_processed_duplicate": "②重复申请",
    "not_processed_publication": "③要求提供公开出版物",
    "not_processed_mass_repeat": "④无正当理由大量反复申请",
    "not_processed_confirmation": "⑤要求确认或重新出具已获取信息",
    "other_handling": "（六）其他处理",
    "other_overdue_correction": "（六）其他处理：①逾期不补正不再处理",
    "other_unpaid_fee": "②逾期未缴费不再处理",
    "other_misc": "③其他",
    "total_handled": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def requests_grid(template: str, cells: dict, p: Printer, labels: str, header: str) -> Grid:
    """Table 三. labels: "merged3" | "two" | "flat" | "short"; header: "template" | "two" | "single"."""
    nl = {"merged3": 3, "two": 2}.get(labels, 1)
    width = nl + len(REQUEST_COLS)
    g = Grid([], label_cols=nl)
    blank = [""] * width
    if header == "template":
        g.add([NOTE] + [""] * (nl - 1) + ["申请人情况"] + [""] * 6)
        g.add(blank[:nl] + ["自然人", "法人或其他组织", "", "", "", "", "总计"])
        g.add(blank[:nl] + [""] + APPLICANT_LABELS[1:] + [""])
        g.merges += [
            (0, 0, 2, nl - 1),
            (0, nl, 0, width - 1),
            (1, nl, 2, nl),
            (1, nl + 1, 1, nl + 5),
            (1, width - 1, 2, width - 1),
        ]
        g.header_rows = 3
    elif header == "two":
        g.add(["项目"] + [""] * (nl - 1) + ["自然人", "法人或其他组织", "", "", "", "", "总计"])
        g.add(blank[:nl] + [""] + APPLICANT_LABELS[1:] + [""])
        g.merges += [(0, 0, 1, nl - 1), (0, nl, 1, nl), (0, nl + 1, 0, nl + 5), (0, width - 1, 1, width - 1)]
        g.header_rows = 2
    else:
        g.add(["项目"] + [""] * (nl - 1) + APPLICANT_LABELS + ["总计"])
    rows = request_rows(template)
    group_start: dict[str, int] = {}
    sub_start: dict[str, int] = {}
    seen_subs: set[str] = set()
    for r in rows:
        values = [p.show("requests", r.key, c, cells[("requests", r.key, c)]) for c in REQUEST_COLS]
        if labels == "merged3":
            i = g.add([r.group, r.sub, r.item] + values)
            if not r.sub:
                g.merges.append((i, 0, i, 2))
            else:
                group_start.setdefault(r.group, i)
                if r.item:
                    sub_start.setdefault(r.sub, i)
                else:
                    g.merges.append((i, 1, i, 2))
        elif labels == "two":
            if r.group.startswith("三") and r.group not in group_start:
                group_start[r.group] = g.add([r.group, ""] + [""] * len(REQUEST_COLS))
                g.merges.append((group_start[r.group], 0, group_start[r.group], width - 1))
            i = g.add([r.sub or r.group, r.item] + values)
            if not r.item:
                g.merges.append((i, 0, i, 1))
            else:
                sub_start.setdefault(r.sub, i)
        elif labels == "flat":
            if r.item and r.sub not in seen_subs:
                seen_subs.add(r.sub)
                g.add([r.sub] + [""] * len(REQUEST_COLS))
            g.add([r.item or r.sub or r.group] + values)
        else:
            g.add([_SHORT_LABELS[r.key]] + values)
    # Vertical merges of the label columns over the rows each label covers.
    if labels in ("merged3", "two"):
        col = 1 if labels == "merged3" else 0
        for sub, start in sub_start.items():
            stop = max(i for i, row in enumerate(g.rows) if row[col] == sub)
            for i in range(start + 1, stop + 1):
                g.rows[i][col] = ""
            g.merges.append((start, col, stop, col))
    if labels == "merged3":
        for group, start in group_start.items():
            stop = max(i for i, row in enumerate(g.rows) if row[0] == group)
            for i in range(start + 1, stop + 1):
                g.rows[i][0] = ""
            g.merges.append((start, 0, stop, 0))
    return g


def review_grids(cells: dict, p: Printer, layout: str) -> list[Grid]:
    """Table 四. layout: "template" (one 15-column table) | "two_tables" | "transposed"."""
    nums = {
        r: [p.show("review_litigation", r, c, cells[("review_litigation", r, c)]) for c in REVIEW_COLS]
        for r in REVIEW_ROWS
    }
    if layout == "transposed":
        g = Grid([["项目"] + REVIEW_COL_LABELS], label_cols=1)
        g.add(["行政复议"] + nums["review"])
        g.add(["行政诉讼（未经复议直接起诉）"] + nums["litigation_direct"])
        g.add(["行政诉讼（复议后起诉）"] + nums["litigation_after_review"])
        return [g]
    review = Grid([["行政复议"] + [""] * 4, REVIEW_COL_LABELS[:], nums["review"]], [(0, 0, 0, 4)], 2, 0)
    suits = Grid(
        [
            ["行政诉讼"] + [""] * 9,
            ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4,
            REVIEW_COL_LABELS * 2,
            nums["litigation_direct"] + nums["litigation_after_review"],
        ],
        [(0, 0, 0, 9), (1, 0, 1, 4), (1, 5, 1, 9)],
        3,
        0,
    )
    if layout == "two_tables":
        return [review, suits]
    g = Grid(
        [
            ["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9,
            REVIEW_COL_LABELS + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4,
            [""] * 5 + REVIEW_COL_LABELS * 2,
            nums["review"] + nums["litigation_direct"] + nums["litigation_after_review"],
        ],
        [(0, 0, 0, 4), (0, 5, 0, 14), (1, 5, 1, 9), (1, 10, 1, 14)] + [(1, c, 2, c) for c in range(5)],
        3,
        0,
    )
    return [g]


def active_grid(template: str, cells: dict, p: Printer, articles: bool) -> Grid:
    """Table 二 in four columns; with articles=False the 第二十条 rows are left out (some agencies do)."""
    g = Grid([], label_cols=1)
    for block in active_blocks(template):
        if articles:
            i = g.add([block.article, "", "", ""])
            g.merges.append((i, 0, i, 3))
        head = ["信息内容"] + block.col_labels + [""] * (3 - len(block.cols))
        i = g.add(head)
        if len(block.cols) == 1:
            g.merges.append((i, 1, i, 3))
        for key, label in block.rows:
            values = [p.show("active", key, c, cells[("active", key, c)]) for c in block.cols]
            i = g.add([label] + values + [""] * (3 - len(values)))
            if len(values) == 1:
                g.merges.append((i, 1, i, 3))
    g.header_rows = 0
    return g
