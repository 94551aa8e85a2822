"""Reports on the template before 2019 (the 2008 regulations): no national statistical tables to expect.

Until the reports for 2018, agencies wrote seven sections (概述 / 主动公开政府信息情况 / 依申请公开政府信息情况 /
政府信息公开的收费及减免情况 / 因政府信息公开申请行政复议、提起行政诉讼的情况 / 存在的主要问题及改进措施 /
其他需要报告的事项, each often shortened: `主动公开情况`, `收费及减免`, `复议诉讼情况`, `存在的不足及改进措施`)
and printed their figures in prose; the three tables of TABLES.md came with the 2019 template. A report
on the old template that prints no table is not missing one: `tables.missing.*` and `tables.rows.*` are
`not_assessable` for it, never the report's fault (`nlp.tables.checks.table_presence`).

The old template is recognised, where no table was read, by the report's year (2018 or before) or, with no
year, by a section heading only the old template has (收费及减免).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from nlp.report import Report
    from nlp.tables.extract import TableExtraction

#: The last report year written on the old template (reports for 2019 use the 2019 template).
LAST_OLD_YEAR = 2018
#: A heading only the old template has: its section 四 on fees (`四、政府信息公开的收费及减免情况`, `（四）收费及减免`).
_OLD_ONLY_HEADING = re.compile(r"收费[及和与、]?减免")


def old_template_reason(report: Report | None, extraction: TableExtraction) -> str | None:
    """Why the report is on the template before 2019 (`a report for 2016`, `its heading 「四、收费及减免情况」`),
    or None: where a table was read, or nothing says so, the 2019 and 2021 templates' checks apply."""
    if report is None or extraction.cells:
        return None
    if report.year is not None:
        return f"a report for {report.year}" if report.year <= LAST_OLD_YEAR else None
    for paragraph in report.paragraphs:
        if paragraph.kind == "heading" and len(paragraph.text) <= 40 and _OLD_ONLY_HEADING.search(paragraph.text):
            return f"its heading 「{paragraph.text.strip()}」"
    return None
