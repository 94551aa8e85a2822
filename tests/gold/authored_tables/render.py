"""Print the three tables the way agencies' pages and copied texts print them.

A table is first laid out as rows of label cells and value cells (`table_rows`), then printed as
text (tab, space, one cell a line, label line then number line, blank cells dropped) or HTML
(<table> with the templates' rowspan/colspan, cells wrapped in <p><span>, headers split
differently, or the whole table flattened into <div>s). Each printed number is recorded, so the
gold holds exactly what the page shows.
"""

from __future__ import annotations

import html
import re

from tables_model import REQUEST_COLS, REVIEW_COLS, REVIEW_ROWS, active_blocks, request_rows

# a cell that holds a number: signed, decimal, or in full-width digits
NUMBER = re.compile(r"[-+]?[0-9０-９]+([.．][0-9０-９]+)?")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

SHORT_LABELS = {
    "new_received": "本年新收申请数量",
    "carried_over": "上年结转申请数量",
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "denied_state_secret": "国家秘密",
    "denied_prohibited": "其他法律行政法规禁止公开",
    "denied_security_stability": "危及“三安全一稳定”",
    "denied_third_party": "保护第三方合法权益",
    "denied_internal_affairs": "三类内部事务信息",
    "denied_process_info": "四类过程性信息",
    "denied_enforcement_files": "行政执法案卷",
    "denied_admin_query": "行政查询事项",
    "unavailable_not_held": "本机关不掌握相关政府信息",
    "unavailable_needs_creation": "没有现成信息需要另行制作",
    "unavailable_unclear": "补正后申请内容仍不明确",
    "not_processed_complaint": "信访举报投诉类申请",
    "not_processed_duplicate": "重复申请",
    "not_processed_publication": "要求提供公开出版物",
    "not_processed_mass_repeat": "无正当理由大量反复申请",
    "not_processed_confirmation": "要求行政机关确认或重新出具已获取信息",
    "other_handling": "其他处理",
    "other_overdue_correction": "逾期不补正",
    "other_unpaid_fee": "逾期未缴费",
    "other_misc": "其他",
    "total_handled": "总计",
    "carried_forward": "结转下年度继续办理",
}


def _renumber(label: str, style: dict) -> str:
    """Reword a label's numbering: items 1. -> 1、/（1）/1．; groups （一） -> (一)/一、; quotes."""
    item = style.get("item_num", "1.")
    m = re.match(r"^(\d)\.", label)
    if m:
        n = m.group(1)
        prefix = {"1.": f"{n}.", "1、": f"{n}、", "（1）": f"（{n}）", "1．": f"{n}．", "none": ""}[item]
        label = prefix + label[m.end() :]
    group = style.get("group_num", "（一）")
    m = re.match(r"^（([一二三四五六七])）", label)
    if m:
        label = {"（一）": f"（{m.group(1)}）", "(一)": f"({m.group(1)})", "一、": f"{m.group(1)}、"}[
            group
        ] + label[m.end() :]
    if style.get("quotes") == "plain":
        label = label.replace("“", "").replace("”", "")
    if style.get("quotes") == "ascii":
        label = label.replace("“", '"').replace("”", '"')
    return label


def _request_path(key: str, path: list[str], style: dict) -> list[str]:
    path = [_renumber(p, style) for p in path]
    if style.get("short"):
        # abbreviating agencies shorten the row's own label and keep the merged group labels
        path = path[:-1] + [SHORT_LABELS[key]]
    if style.get("partial_plain"):
        path = [p.replace("（区分处理的，只计这一情形，不计其他情形）", "") for p in path]
    return path


def fmt(value, style: dict) -> str:
    """A number as the page prints it; zeros in the report's zero style; floats are amounts."""
    if value == 0 and style.get("zero", "0") != "0":
        return style["zero"]
    if isinstance(value, int):
        text = str(value)
    elif style.get("amount_decimals"):
        text = f"{value:.2f}"  # some agencies print every amount with two decimals: 0.00, 343.00
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
    if style.get("full_width"):
        text = text.translate(FULL_WIDTH)
    return text


def is_number(text: str) -> bool:
    return bool(NUMBER.fullmatch(text))


class Table:
    """Header rows and body rows of one table; body cells are (text, span info)."""

    def __init__(self, name: str):
        self.name = name
        self.header: list[list[tuple[str, int, int]]] = []  # (text, colspan, rowspan)
        self.body: list[dict] = []  # {labels, label_spans, values}


def active_table(figures: dict, template: str, style: dict, printed: list) -> Table:
    t = Table("active")
    width = 4  # the label column and at most three value columns
    art = style.get("article", "（一）")
    for article, cols, rows in active_blocks(template):
        if art == "(一)":
            article = article.replace("（", "(").replace("）", ")")
        elif art == "一":
            article = article.replace("（", "").replace("）", "")
        t.body.append({"labels": [article], "spans": [(width, 1)], "values": []})
        t.body.append(
            {
                "labels": ["信息内容"] + cols,
                "spans": [(1, 1)] * len(cols) + [(width - len(cols), 1)],
                "values": [],
            }
        )
        for key, label, col_keys in rows:
            values = []
            for col in col_keys:
                value = figures["active"][key][col]
                if col == "amount" and style.get("amount_decimals"):
                    value = float(value)
                text = fmt(value, style)
                if col == "change" and style.get("plus") and figures["active"][key][col] > 0:
                    text = "+" + text  # some agencies sign the 本年增/减 column
                values.append(text)
                if is_number(text):
                    printed.append(("active", key, col, value))
            spans = [(1, 1)] * (len(values) - 1) + [(width - len(values), 1)]
            t.body.append({"labels": [label], "spans": [(1, 1)], "values": values, "vspans": spans})
    return t


def requests_table(figures: dict, template: str, style: dict, printed: list) -> Table:
    t = Table("requests")
    split = style.get("split_header")
    rule = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    if split:
        t.header = [
            [(rule, 3, 2), ("申请人情况", 7, 1)],
            [
                ("自然人", 1, 1),
                ("商业企业", 1, 1),
                ("科研机构", 1, 1),
                ("社会公益组织", 1, 1),
                ("法律服务机构", 1, 1),
                ("其他", 1, 1),
                ("总计", 1, 1),
            ],
        ]
    else:
        t.header = [
            [(rule, 3, 3), ("申请人情况", 7, 1)],
            [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
            [
                ("商业企业", 1, 1),
                ("科研机构", 1, 1),
                ("社会公益组织", 1, 1),
                ("法律服务机构", 1, 1),
                ("其他", 1, 1),
            ],
        ]
    rows = request_rows(template)
    for key, path in rows:
        path = _request_path(key, path, style)
        values = []
        for col in REQUEST_COLS:
            v = figures["requests"][key][col]
            text = fmt(v, style)
            values.append(text)
            if is_number(text):
                printed.append(("requests", key, col, v))
        t.body.append({"key": key, "path": path, "values": values})
    return t


def review_table(figures: dict, style: dict, printed: list) -> Table:
    t = Table("review_litigation")
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    if style.get("split_header"):
        t.header = [
            [("行政复议", 5, 1), ("行政诉讼（未经复议直接起诉）", 5, 1), ("行政诉讼（复议后起诉）", 5, 1)],
            [(h, 1, 1) for h in heads * 3],
        ]
    else:
        t.header = [
            [("行政复议", 5, 1), ("行政诉讼", 10, 1)],
            [(h, 1, 2) for h in heads] + [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
            [(h, 1, 1) for h in heads * 2],
        ]
    values = []
    for row in REVIEW_ROWS:
        for col in REVIEW_COLS:
            v = figures["review_litigation"][row][col]
            text = fmt(v, style)
            values.append(text)
            if is_number(text):
                printed.append(("review_litigation", row, col, v))
    t.body.append({"labels": [], "values": values})
    return t


# ---------------------------------------------------------------- text


def _request_label_cells(t: Table, style: dict) -> list[list[str]]:
    """Label cells per body row as a browser copy gives them: a merged cell only on its first row."""
    out, seen = [], set()
    for row in t.body:
        if style.get("join_labels"):
            out.append(["".join(row["path"][1:]) if len(row["path"]) > 1 else row["path"][0]])
            continue
        cells = []
        for depth, part in enumerate(row["path"]):
            last = depth == len(row["path"]) - 1
            if last or (depth, part) not in seen:
                cells.append(part)
            seen.add((depth, part))
        out.append(cells)
    return out


def text_rows(t: Table, style: dict) -> list[list[str]]:
    """The table as rows of cell texts, before joining them in the report's text layout."""
    rows = [[c[0] for c in h] for h in t.header]
    if t.name == "requests":
        for labels, row in zip(_request_label_cells(t, style), t.body, strict=True):
            rows.append(labels + row["values"])
    elif t.name == "review_litigation":
        rows.append(t.body[0]["values"])
    else:
        for row in t.body:
            rows.append(row["labels"] + row["values"])
    return rows


def text_lines(t: Table, style: dict) -> list[str]:
    layout = style["text_layout"]
    lines = []
    for cells in text_rows(t, style):
        values = [c for c in cells if is_number(c) or c in ("", "—", "/", "-")]
        labels = cells[: len(cells) - len(values)] if values else cells
        if layout == "tab":
            lines.append("\t".join(cells))
        elif layout == "space":
            lines.append("  ".join(cells) if style.get("wide") else " ".join(cells))
        elif layout == "lines":
            lines.extend(cells)
        elif layout == "dropped":
            lines.append("\t".join(c for c in cells if c.strip()))
        elif layout == "label_then_numbers":
            if labels:
                lines.append(" ".join(labels))
            if values:
                lines.append(" ".join(values))
    return lines


# ---------------------------------------------------------------- html


def _cell(text: str, style: dict, colspan: int = 1, rowspan: int = 1, tag: str = "td") -> str:
    attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (
        f' rowspan="{rowspan}"' if rowspan > 1 else ""
    )
    inner = html.escape(text, quote=False)
    if style.get("p_span"):
        # as Word saves a table to HTML: sized, aligned cells, &nbsp; in an empty one
        attrs += ' width="70" valign="center" style="border:solid windowtext 1.0pt"'
        inner = inner or "&nbsp;"
        inner = (
            f'<p style="text-align:center;line-height:150%"><span style="font-family:宋体;'
            f'font-size:14px">{inner}</span></p>'
        )
    return f"<{tag}{attrs}>{inner}</{tag}>"


def html_table(t: Table, style: dict) -> str:
    if style.get("html_layout") == "divs":
        return _div_table(t, style)
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="width:100%">', "<tbody>"]
    for h in t.header:
        out.append("<tr>" + "".join(_cell(x, style, cs, rs) for x, cs, rs in h) + "</tr>")
    if t.name == "requests":
        out += _request_html_rows(t, style)
    elif t.name == "review_litigation":
        out.append("<tr>" + "".join(_cell(v, style) for v in t.body[0]["values"]) + "</tr>")
    else:
        for row in t.body:
            cells = [_cell(x, style, cs, rs) for x, (cs, rs) in zip(row["labels"], row["spans"], strict=True)]
            spans = row.get("vspans", [])
            cells += [_cell(v, style, cs, rs) for v, (cs, rs) in zip(row["values"], spans, strict=True)]
            out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _request_html_rows(t: Table, style: dict) -> list[str]:
    rows = t.body
    out = []
    for i, row in enumerate(rows):
        cells = []
        path = row["path"]
        for depth, part in enumerate(path):
            last = depth == len(path) - 1
            if (
                i > 0
                and not last
                and depth < len(rows[i - 1]["path"]) - 1
                and rows[i - 1]["path"][depth] == part
            ):
                continue  # covered by the rowspan above
            if last:
                cells.append(_cell(part, style, colspan=3 - depth))
            else:
                span = 1
                while (
                    i + span < len(rows)
                    and len(rows[i + span]["path"]) > depth + 1
                    and rows[i + span]["path"][depth] == part
                ):
                    span += 1
                cells.append(_cell(part, style, rowspan=span))
        cells += [_cell(v, style) for v in row["values"]]
        out.append("<tr>" + "".join(cells) + "</tr>")
    return out


def _div_table(t: Table, style: dict) -> str:
    out = ['<div class="xxgk-table">']
    for cells in text_rows(t, style):
        out.append(
            '<div class="tr">'
            + "".join(f'<div class="td">{html.escape(c, quote=False)}</div>' for c in cells)
            + "</div>"
        )
    out.append("</div>")
    return "\n".join(out)
