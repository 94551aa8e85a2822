"""The three statistical tables of a report: extraction by rules, and the checks evaluators apply.

* `nlp.tables.schema` – row and column keys of the 2019 and 2021 templates, label patterns;
* `nlp.tables.layout` – lines of a table region → label + number groups; placing numbers;
* `nlp.tables.digits` – cells flattened into digit runs, decoded by the template's arithmetic;
* `nlp.tables.regions` / `nlp.tables.align` – where each table is, which row each group is;
* `nlp.tables.extract` – `extract_tables(report)` → tidy DataFrame, `read_tables` → everything;
* `nlp.tables.checks` / `narrative` / `audits` – the rules of TABLES.md and the audits as Findings.
"""

from __future__ import annotations

from nlp.tables.checks import check_report, rule_failures, tables_record
from nlp.tables.extract import TableExtraction, extract_tables, read_tables

__all__ = ["TableExtraction", "check_report", "extract_tables", "read_tables", "rule_failures", "tables_record"]
