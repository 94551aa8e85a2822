"""Statistics written as lines instead of tables: damage made from a report's gold cells.

Small offices (townships, development zones) often give the three statistical tables as lines of text:
`1.本年新收政府信息公开申请数量：3件`, `（一）予以公开：5件`, `其中自然人：2件；商业企业：1件`,
`行政复议：维持0件，纠正0件，其他结果0件，尚未审结0件，总计0件`. They state a row's total and a few of its
columns, seldom every cell. `statistics_as_lines` writes a report (`tests.table_layouts.report_parts`) with
its tables as such lines, in one of `WORDINGS`; `stated_gold` is the gold cells those lines state (the rest
of the table is unstated: a reader must warn of it, never fill it in).
"""

from __future__ import annotations

from nlp.tables.schema import REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS
from tests.table_layouts import report_parts

#: How the lines are worded: numbered items, labels as the template numbers its rows, or running sentences.
WORDINGS = ("numbered", "labelled", "sentences")

_REQUEST_LABELS = {
    "new_received": "本年新收政府信息公开申请数量",
    "carried_over": "上年结转政府信息公开申请数量",
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "denied_state_secret": "不予公开（属于国家秘密）",
    "denied_prohibited": "不予公开（其他法律行政法规禁止公开）",
    "denied_security_stability": "不予公开（危及“三安全一稳定”）",
    "denied_third_party": "不予公开（保护第三方合法权益）",
    "denied_internal_affairs": "不予公开（属于三类内部事务信息）",
    "denied_process_info": "不予公开（属于四类过程性信息）",
    "denied_enforcement_files": "不予公开（属于行政执法案卷）",
    "denied_admin_query": "不予公开（属于行政查询事项）",
    "unavailable_not_held": "无法提供（本机关不掌握相关政府信息）",
    "unavailable_needs_creation": "无法提供（没有现成信息需要另行制作）",
    "unavailable_unclear": "无法提供（补正后申请内容仍不明确）",
    "not_processed_complaint": "不予处理（信访举报投诉类申请）",
    "not_processed_duplicate": "不予处理（重复申请）",
    "not_processed_publication": "不予处理（要求提供公开出版物）",
    "not_processed_mass_repeat": "不予处理（无正当理由大量反复申请）",
    "not_processed_confirmation": "不予处理（要求行政机关确认或重新出具已获取信息）",
    "other_handling": "其他处理",
    "other_overdue_correction": "其他处理（申请人无正当理由逾期不补正）",
    "other_unpaid_fee": "其他处理（申请人逾期未按收费通知要求缴纳费用）",
    "other_misc": "其他处理（其他）",
    "total_handled": "（七）总计",
    "carried_forward": "结转下年度继续办理",
}
_APPLICANT_NAMES = {"natural_person": "自然人", "commercial_enterprise": "商业企业", "research_institution": "科研机构",
                    "social_welfare_org": "社会公益组织", "legal_service_org": "法律服务机构", "other_org": "其他"}
_REVIEW_LABELS = {"review": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）", "litigation_after_review": "行政诉讼（复议后起诉）"}
_REVIEW_NAMES = {"upheld": "维持", "corrected": "纠正", "other_result": "其他结果", "pending": "尚未审结", "total": "总计"}
#: Table 二 (2021 template) by row: its label and each column's words; the 2019 template's table 二 is left as a table.
_ACTIVE_2021 = {
    "regulations": ("规章", {"issued": "本年制发", "repealed": "本年废止", "in_force": "现行有效"}),
    "normative_documents": ("行政规范性文件", {"issued": "本年制发", "repealed": "本年废止", "in_force": "现行有效"}),
    "licensing": ("行政许可", {"decisions": "本年处理决定"}),
    "punishment": ("行政处罚", {"decisions": "本年处理决定"}),
    "coercion": ("行政强制", {"decisions": "本年处理决定"}),
    "fees": ("行政事业性收费", {"amount": "本年收费金额"}),
}


def _number(value: int | float) -> str:
    return repr(value) if isinstance(value, float) else str(value)  # every digit the gold holds


def _statements(gold: dict, table: str) -> list[tuple[str, list[tuple[str, str, int | float]]]]:
    """Each statement as (label, [(column words, column key, value)]) in the template's order; a row the
    gold leaves blank is not stated."""
    values = {(c["row"], c["col"]): c["value"] for c in gold["cells"] if c["table"] == table and c["value"] is not None}
    out: list[tuple[str, list[tuple[str, str, int | float]]]] = []
    if table == "requests":
        for row, label in _REQUEST_LABELS.items():
            if (row, "total") in values:
                out.append((label, [("", "total", values[row, "total"])]))
            if row == "new_received":  # the applicants of the year's new requests, the one breakdown small offices give
                parts = [(_APPLICANT_NAMES[col], col, values[row, col]) for col in REQUEST_COLUMNS[:-1] if (row, col) in values]
                if parts:
                    out.append(("其中", parts))
    elif table == "review_litigation":
        for row in REVIEW_ROWS:
            parts = [(_REVIEW_NAMES[col], col, values[row, col]) for col in REVIEW_COLUMNS if (row, col) in values]
            if parts:
                out.append((_REVIEW_LABELS[row], parts))
    elif gold.get("template") == "2021":
        for row, (label, columns) in _ACTIVE_2021.items():
            parts = [(words, col, values[row, col]) for col, words in columns.items() if (row, col) in values]
            if parts:
                out.append((label, parts))
    return out


def _unit(table: str, col: str) -> str:
    return "万元" if col == "amount" else "件"


def _line(table: str, label: str, parts: list[tuple[str, str, int | float]], wording: str, number: int) -> str:
    if len(parts) == 1 and not parts[0][0]:  # a row's total alone
        words, col, value = parts[0]
        body = f"{label}：{_number(value)}{_unit(table, col)}" if wording != "sentences" else f"{label}{_number(value)}{_unit(table, col)}。"
    elif label == "其中":
        body = "其中" + "；".join(f"{words}：{_number(value)}件" for words, _, value in parts) + ("。" if wording == "sentences" else "")
    else:
        joined = "，".join(f"{words}{_number(value)}{_unit(table, col)}" for words, col, value in parts)
        body = f"{label}：{joined}" if wording != "sentences" else f"{label}{joined}。"
    return f"{number}.{body}" if wording == "numbered" else body


def statistics_as_lines(gold: dict, wording: str = "numbered") -> str:
    """The report of `gold` (`report_parts`) with tables 三 and 四 (and 二 on the 2021 template) as lines."""
    if wording not in WORDINGS:
        raise ValueError(f"unknown wording {wording!r}: one of {WORDINGS}")
    tables = [t for t in ("active", "requests", "review_litigation") if any(c["table"] == t for c in gold["cells"])]
    lines: list[str] = []
    layouts = iter(tables)
    for part in report_parts(gold):
        if isinstance(part, str):
            lines.append(part)
            continue
        table = next(layouts)
        statements = _statements(gold, table)
        if not statements:  # a table the damage does not write as lines (2019's table 二) stays a table
            lines += ["\t".join(cell.text for cell in row) for row in part]
            continue
        lines += [_line(table, label, parts, wording, i) for i, (label, parts) in enumerate(statements, start=1)]
    return "\n".join(line for line in lines if line.strip())


def stated_gold(gold: dict) -> dict:
    """The gold cells `statistics_as_lines` states (whatever the wording), with those of a table left as a table."""
    stated: set[tuple[str, str, str]] = set()
    for table in ("active", "requests", "review_litigation"):
        statements = _statements(gold, table)
        if not statements:
            stated |= {(c["table"], c["row"], c["col"]) for c in gold["cells"] if c["table"] == table}
            continue
        rows = {label: row for row, label in {**_REQUEST_LABELS, **_REVIEW_LABELS}.items()}
        rows |= {label: row for row, (label, _) in _ACTIVE_2021.items()}
        for label, parts in statements:
            row = "new_received" if label == "其中" else rows[label]
            stated |= {(table, row, col) for _, col, _ in parts}
    return {**gold, "cells": [c for c in gold["cells"] if (c["table"], c["row"], c["col"]) in stated]}
