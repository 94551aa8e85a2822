"""Synthetic statistical tables for the tests: values that satisfy the templates' arithmetic, printed
in the layouts extraction leaves (tab rows, `|` rows, one cell per line, PDF text with wrapped and
spread labels, digit runs), with the template's wording or with other agencies' wordings.

Everything here is written for the tests; no text of a real report is copied.
"""

from __future__ import annotations

import random

from nlp.tables.schema import REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS, get_template

Values = dict[tuple[str, str, str], int | float | None]

# Row labels as the templates print them, and as some agencies reword them.
ACTIVE_LABELS = {
    "regulations": ("规章", "规  章"),
    "normative_documents": ("行政规范性文件", "规范性文件"),
    "licensing": ("行政许可", "行 政 许 可"),
    "other_services": ("其他对外管理服务事项", "其他对外管理服务事项"),
    "punishment": ("行政处罚", "行政处罚"),
    "coercion": ("行政强制", "行政 强制"),
    "fees": ("行政事业性收费", "行政事业性 收费"),
    "procurement": ("政府集中采购", "政府集中采购"),
}
REQUEST_LABELS = {
    "new_received": ("一、本年新收政府信息公开申请数量", "一、本年度新收到的政府信息公开申请数量"),
    "carried_over": ("二、上年结转政府信息公开申请数量", "二、上一年度结转的申请数量"),
    "granted": ("三、本年度办理结果\t（一）予以公开", "三、本年度办理结果\t(一)予以公开"),
    "partially_granted": ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二)部分公开"),
    "denied_state_secret": ("（三）不予公开\t1.属于国家秘密", "(三)不予公开\t1、属于国家秘密的"),
    "denied_prohibited": ("2.其他法律行政法规禁止公开", "2、其他法律、行政法规禁止公开"),
    "denied_security_stability": ("3.危及“三安全一稳定”", "3、危及\"三安全一稳定\""),
    "denied_third_party": ("4.保护第三方合法权益", "4、保护第三方合法权益的"),
    "denied_internal_affairs": ("5.属于三类内部事务信息", "5、属于三类内部事务信息的"),
    "denied_process_info": ("6.属于四类过程性信息", "6、属于四类过程性信息的"),
    "denied_enforcement_files": ("7.属于行政执法案卷", "7、属于行政执法案卷的"),
    "denied_admin_query": ("8.属于行政查询事项", "8、属于行政查询事项的"),
    "unavailable_not_held": ("（四）无法提供\t1.本机关不掌握相关政府信息", "(四)无法提供\t1、本机关未掌握相关政府信息"),
    "unavailable_needs_creation": ("2.没有现成信息需要另行制作", "2、无现成信息需另行制作"),
    "unavailable_unclear": ("3.补正后申请内容仍不明确", "3、经补正后申请内容仍不明确"),
    "not_processed_complaint": ("（五）不予处理\t1.信访举报投诉类申请", "(五)不予处理\t1、信访、举报、投诉类申请"),
    "not_processed_duplicate": ("2.重复申请", "2、重复申请"),
    "not_processed_publication": ("3.要求提供公开出版物", "3、要求提供公开出版物的"),
    "not_processed_mass_repeat": ("4.无正当理由大量反复申请", "4、无正当理由大量、反复申请"),
    "not_processed_confirmation": ("5.要求行政机关确认或重新出具已获取信息", "5、要求行政机关确认或者重新出具已获取信息"),
    "other_handling": ("（六）其他处理", "(六)其它处理"),
    "other_overdue_correction": (
        "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "(六)其他处理\t1、申请人无正当理由逾期不补正，行政机关不再处理其申请",
    ),
    "other_unpaid_fee": (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2、申请人逾期未按收费通知缴纳费用，行政机关不再处理",
    ),
    "other_misc": ("3.其他", "3、其它"),
    "total_handled": ("（七）总计", "(七) 总 计"),
    "carried_forward": ("四、结转下年度继续办理", "四、结转至下一年度继续办理"),
}
ACTIVE_BLOCKS = {
    "2021": (
        ("第二十条第（一）项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), ("regulations", "normative_documents")),
        ("第二十条第（五）项", ("信息内容", "本年处理决定数量"), ("licensing",)),
        ("第二十条第（六）项", ("信息内容", "本年处理决定数量"), ("punishment", "coercion")),
        ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), ("fees",)),
    ),
    "2019": (
        ("第二十条第（一）项", ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"), ("regulations", "normative_documents")),
        ("第二十条第（五）项", ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"), ("licensing", "other_services")),
        ("第二十条第（六）项", ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"), ("punishment", "coercion")),
        ("第二十条第（八）项", ("信息内容", "上一年项目数量", "本年增/减"), ("fees",)),
        ("第二十条第（九）项", ("信息内容", "采购项目数量", "采购总金额"), ("procurement",)),
    ),
}
REQUEST_HEADER = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
    "自然人\t法人或其他组织\t总计",
    "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
)
REVIEW_HEADER = (
    "行政复议\t行政诉讼",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
)
LAYOUTS = ("tab", "pipe", "docx", "pdf")


def _small(rng: random.Random, zero_share: float = 0.6, high: int = 40) -> int:
    return 0 if rng.random() < zero_share else rng.randint(1, high)


def random_values(template: str, seed: int) -> Values:
    """A complete, arithmetically consistent set of the three tables."""
    rng = random.Random(seed)
    spec = get_template(template)
    values: Values = {}
    for row in spec.table("active").rows:
        for col in row.columns:
            if col == "amount":
                values[("active", row.key, col)] = round(rng.random() * 500, 2) if rng.random() < 0.7 else 0
            elif col == "change":
                values[("active", row.key, col)] = rng.randint(-5, 5)
            else:
                values[("active", row.key, col)] = rng.choice([0, 0, rng.randint(1, 9), rng.randint(10, 3000)])
    rows = spec.table("requests").row_keys
    outcomes = rows[rows.index("granted") : rows.index("total_handled")]
    applicants = REQUEST_COLUMNS[:-1]
    handled = dict.fromkeys(applicants, 0)
    for row in outcomes:
        for col in applicants:
            value = _small(rng, 0.7 if col == "natural_person" else 0.93)
            values[("requests", row, col)] = value
            handled[col] += value
    for col in applicants:
        forward = _small(rng, 0.7, 9)
        over = rng.randint(0, handled[col] + forward)
        values[("requests", "total_handled", col)] = handled[col]
        values[("requests", "carried_forward", col)] = forward
        values[("requests", "carried_over", col)] = over
        values[("requests", "new_received", col)] = handled[col] + forward - over
    for row in rows:
        values[("requests", row, "total")] = sum(values[("requests", row, c)] for c in applicants)  # type: ignore[misc]
    for row in REVIEW_ROWS:
        parts = [_small(rng, 0.5, 12) for _ in REVIEW_COLUMNS[:-1]]
        for col, value in zip(REVIEW_COLUMNS, [*parts, sum(parts)], strict=True):
            values[("review_litigation", row, col)] = value
    return values


def _cell(value: int | float | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}" if value != int(value) else f"{value:.1f}"
    return str(value)


def table_rows(template: str, values: Values, wording: int = 0) -> dict[str, list[tuple[str, list[str]]]]:
    """(label, printed cells) of every row, per table; block headers carry no cells."""
    spec = get_template(template)
    out: dict[str, list[tuple[str, list[str]]]] = {"active": [], "requests": [], "review_litigation": []}
    for title, header, keys in ACTIVE_BLOCKS[template]:
        out["active"].append((title, []))
        out["active"].append(("\t".join(header), []))
        for key in keys:
            cols = spec.table("active").row(key).columns
            out["active"].append((ACTIVE_LABELS[key][wording], [_cell(values[("active", key, c)]) for c in cols]))
    for line in REQUEST_HEADER:
        out["requests"].append((line, []))
    for key in spec.table("requests").row_keys:
        label = REQUEST_LABELS[key][wording]
        if template == "2021" and key == "other_overdue_correction" and wording == 0:
            label = REQUEST_LABELS[key][0]
        out["requests"].append((label, [_cell(values[("requests", key, c)]) for c in REQUEST_COLUMNS]))
    for line in REVIEW_HEADER:
        out["review_litigation"].append((line, []))
    out["review_litigation"].append(("", [_cell(values[("review_litigation", r, c)]) for r in REVIEW_ROWS for c in REVIEW_COLUMNS]))
    return out


def _render_rows(rows: list[tuple[str, list[str]]], layout: str) -> list[str]:
    lines: list[str] = []
    for label, cells in rows:
        if layout == "tab":
            lines.append("\t".join([label, *cells]) if label else "\t".join(cells))
        elif layout == "pipe":
            parts = [p for p in label.split("\t") if p] + cells
            lines.append("| " + " | ".join(parts) + " |")
        elif layout == "docx":
            lines.extend(p for p in label.split("\t") if p)
            lines.extend(cells)
        elif layout == "pdf":
            lines.extend(_pdf_row(label.replace("\t", " "), cells))
        elif layout == "glued":
            lines.append(label.replace("\t", "") + "".join(cells))
        else:
            raise ValueError(layout)
    return lines


def _pdf_row(label: str, cells: list[str]) -> list[str]:
    """PDF text: long labels wrap around the numbers' line, short ones share it."""
    if not cells:
        return [label]
    numbers = " ".join(cells)
    if len(label) > 18:
        cut = len(label) // 2
        while label[cut - 1].isdigit() or label[cut].isdigit() or label[cut] in ".、":
            cut += 1  # PDF cells wrap between characters of the label, not inside an item number
        return [label[:cut], f"{label[cut:cut + 4]} {numbers}", label[cut + 4 :]]
    return [f"{label} {numbers}".strip()]


def render_report(
    template: str, values: Values, layout: str, wording: int = 0, year: int | None = None, other_matters: str = "本年度未收取信息处理费，无其他需要报告的事项。"
) -> str:
    """A whole report with the three tables printed in `layout`."""
    year = year or (2022 if template == "2021" else 2020)
    rows = table_rows(template, values, wording)
    parts = [
        f"示例县示例局{year}年政府信息公开工作年度报告",
        "一、总体情况",
        "本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作，取得了较好成效。",
        "二、主动公开政府信息情况",
        *_render_rows(rows["active"], layout),
        "三、收到和处理政府信息公开申请情况",
        *_render_rows(rows["requests"], layout),
        "四、政府信息公开行政复议、行政诉讼情况",
        *_render_rows(rows["review_litigation"], layout),
        "五、存在的主要问题及改进情况",
        "一是公开内容还不够全面，二是解读形式较为单一。下一步将加强培训，提升公开质量和工作水平。",
        "六、其他需要报告的事项",
        other_matters,
    ]
    return "\n".join(parts) + "\n"
