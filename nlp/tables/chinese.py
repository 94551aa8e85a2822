"""The template's own Chinese words for the table keys, for pages and sheets people read.

Row labels come from `nlp.tables.schema` (each `RowSpec.chinese`), table titles from
`nlp.tables.checks`; columns are named here, in the template's wording. A key without a label (a row added to the schema without one)
shows as itself, so that nothing is dropped.
"""

from __future__ import annotations

from nlp.tables.checks import TABLE_TITLES
from nlp.tables.schema import TEMPLATE_2019, TEMPLATE_2021

#: The tables' titles, those the checks' messages use.
TABLE_LABELS: dict[str, str] = TABLE_TITLES

COLUMN_LABELS: dict[str, str] = {
    # Table 二, 2021 template
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount": "金额（万元）",
    # Table 二, 2019 template
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "prev_items": "上一年项目数量",
    "change": "本年增/减",
    "items": "采购项目数量",
    # Table 三: the applicants
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
    # Table 四
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other_result": "其他结果",
    "pending": "尚未审结",
}

_ROW_LABELS: dict[tuple[str, str], str] = {}
for _template in (TEMPLATE_2021, TEMPLATE_2019):  # the 2021 wording where both have a row
    for _table in _template.tables.values():
        for _row in _table.rows:
            _ROW_LABELS.setdefault((_table.key, _row.key), _row.chinese)
_ROW_LABELS[("requests", "other_handling")] = _ROW_LABELS.get(("requests", "other_handling")) or "（六）其他处理"


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def row_label(table: str, row: str) -> str:
    return _ROW_LABELS.get((table, row)) or row


def column_label(table: str, column: str) -> str:
    return COLUMN_LABELS.get(column, column)


#: Columns that give a cell's keys in the template's words, beside the keys themselves.
LABEL_COLUMNS: tuple[str, ...] = ("table_label", "row_label", "col_label")


def cell_labels(table: str, row: str, column: str) -> tuple[str, str, str]:
    """A cell's table, row and column in the template's words (the `LABEL_COLUMNS`)."""
    return table_label(table), row_label(table, row), column_label(table, column)


__all__ = ["COLUMN_LABELS", "LABEL_COLUMNS", "TABLE_LABELS", "cell_labels", "column_label", "row_label", "table_label"]
