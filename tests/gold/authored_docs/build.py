"""Rebuild the authored Word/PDF set and its gold: `python build.py` (python-docx, reportlab).

Every file is described once in CATALOGUE: its agency, year, the layout variants it uses and the
deliberate arithmetic errors it carries. The figures come from figures.report_figures (seeded, so a
rebuild gives the same numbers); the gold is what the Printer recorded while laying the tables out.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from figures import apply_error, report_figures
from grids import Printer, active_grid, break_lines, requests_grid, review_grids
from model import PlacedTable, Report
from text import SECTION_TITLES, Agency, report_title, sections, sign_off
from write_docx import write_docx
from write_pdf import write_pdf

HERE = os.path.dirname(os.path.abspath(__file__))


@dataclass
class Entry:
    doc_id: str
    fmt: str  # docx | pdf
    agency: Agency
    layout: str  # one line for the gold: what this file's layout does
    labels: str = "merged3"  # table 三 row labels: merged3 | two | flat | short
    header: str = "template"  # table 三 header: template | two | single
    review: str = "template"  # table 四: template | two_tables | transposed
    articles: bool = True  # table 二 prints its 第二十条 rows
    split: float | None = None  # table 三 breaks onto a new page this far down its rows
    repeat_header: bool = False
    container: dict = field(default_factory=dict)  # table name → "textbox" | "nested"
    printer: dict = field(default_factory=dict)
    report: dict = field(default_factory=dict)  # Report options (headings, ruled, furniture, …)
    titles: dict = field(default_factory=dict)  # section index → title as this agency prints it
    errors: list = field(default_factory=list)  # (table, row, col, delta, rules, note)
    landscape: bool = False
    new_page: bool = False  # table 三 starts on a fresh page (PDF)
    line_breaks: bool = False  # long header and label texts broken by manual line breaks


def _a(name: str, province: str, level: str, year: int, published: str) -> Agency:
    return Agency(name, province, level, year, published)


CATALOGUE = [
    Entry(
        "D01",
        "docx",
        _a("浙江省青溪县人民政府", "浙江", "county", 2022, "2023年1月16日"),
        "Word, template copied faithfully: heading styles, all three tables with the template's merged headers and three merged label columns, zeros printed 0; cell text split over several Word runs",
        report={"headings": "style", "split_runs": True},
    ),
    Entry(
        "D02",
        "docx",
        _a("江苏省澄湖县人民政府", "江苏", "county", 2023, "2024年1月22日"),
        "Word, section headings as bold body text; table 三 split into two Word tables at a page break with its three header rows repeated; merged headers and labels; long header and label texts broken by manual line breaks inside their cells",
        split=0.55,
        repeat_header=True,
        report={"headings": "bold"},
        line_breaks=True,
    ),
    Entry(
        "D03",
        "pdf",
        _a("广东省南岭市人力资源和社会保障局", "广东", "city", 2021, "2022年1月25日"),
        "PDF, ruled tables, running header/footer/page numbers; table 三 with one label column (sub-heads as rows of their own), two header rows, two-line wrapped labels, breaking across pages without the header repeated; long header and label texts broken by manual line breaks inside their cells",
        labels="flat",
        header="two",
        split=0.5,
        report={"furniture": True, "wrap_labels": True},
        errors=[
            (
                "requests",
                "granted",
                "total",
                1,
                [1, 3],
                "予以公开 总计 printed one more than the six columns' sum (so the 总计 column's outcomes no longer add up to （七）总计)",
            )
        ],
        line_breaks=True,
    ),
    Entry(
        "D04",
        "pdf",
        _a("四川省自然资源厅", "四川", "province", 2024, "2025年1月20日"),
        "PDF, ruled, small font (8.5 pt), thousands separators in large figures, page header/footer; table 三 with two label columns, breaking across pages without the header repeated",
        labels="two",
        split=0.45,
        printer={"thousands": True},
        report={"furniture": True, "font_size": 8.5},
    ),
    Entry(
        "D05",
        "docx",
        _a("河南省柳河县双桥镇人民政府", "河南", "township", 2019, "2020年1月17日"),
        "Word, 2019 template; section headings as a Word numbered list (一、… drawn by list numbering); table 三 one label column with sub-heads as rows, one header row, zeros printed blank (left out of the gold); table 四 transposed (3 rows × 5 columns); cell text split over several Word runs",
        labels="flat",
        header="single",
        review="transposed",
        printer={"zero": "", "zero_tables": ("requests",)},
        report={"headings": "numbered", "split_runs": True},
    ),
    Entry(
        "D06",
        "docx",
        _a("山东省临港市市场监督管理局", "山东", "city", 2020, "2021年1月28日"),
        "Word, 2019 template; zeros printed — in every table (left out of the gold); table 二 without its 第二十条 rows; table 三 two header rows; table 四 as two tables (复议, 诉讼); cell text split over several Word runs",
        header="two",
        review="two_tables",
        articles=False,
        printer={"zero": "—"},
        report={"headings": "bold", "split_runs": True},
        titles={4: "五、政府信息公开工作存在的主要问题及改进情况"},
        errors=[
            ("review_litigation", "review", "total", 1, [4], "行政复议 总计 one more than its four results"),
            (
                "requests",
                "new_received",
                "natural_person",
                -1,
                [1, 2],
                "本年新收 自然人 one short: breaks the row total and the column balance",
            ),
        ],
    ),
    Entry(
        "D07",
        "pdf",
        _a("湖南省桃林县白石镇人民政府", "湖南", "township", 2025, "2026年1月19日"),
        "PDF, unruled tables (text positioned in columns, no lines); table 三 with reworded, abbreviated labels numbered ①②…, one header row, breaking across pages with the header repeated; table 四 transposed, its zeros printed / (left out of the gold)",
        labels="short",
        header="single",
        review="transposed",
        split=0.5,
        repeat_header=True,
        printer={"zero": "/", "zero_tables": ("review_litigation",)},
        report={"ruled": False},
    ),
    Entry(
        "D08",
        "pdf",
        _a("湖北省云梦县长湖乡人民政府", "湖北", "township", 2022, "2023年1月12日"),
        "PDF, unruled, page header/footer/page numbers; table 三 one label column with sub-heads as rows, breaking across pages without the header repeated; zeros in table 二 printed / (left out of the gold)",
        labels="flat",
        header="two",
        split=0.6,
        printer={"zero": "/", "zero_tables": ("active",)},
        report={"ruled": False, "furniture": True},
    ),
    Entry(
        "D09",
        "docx",
        _a("福建省交通运输厅", "福建", "province", 2023, "2024年1月26日"),
        "Word, heading styles; full-width digits and thousands separators (１，２３４) in every table; table 二 nested in a one-cell layout table; template's merged headers",
        container={"active": "nested"},
        printer={"thousands": True, "full_width": True},
    ),
    Entry(
        "D10",
        "docx",
        _a("安徽省枫山县人民政府", "安徽", "county", 2024, "2025年1月21日"),
        "Word, headings as a Chinese-numbered Word list; table 四 inside a text box; table 三 with two label columns and two header rows; cell text split over several Word runs",
        labels="two",
        header="two",
        container={"review_litigation": "textbox"},
        report={"headings": "numbered", "split_runs": True},
    ),
    Entry(
        "D11",
        "pdf",
        _a("河北省滦川县人民政府", "河北", "county", 2020, "2021年1月29日"),
        "PDF, 2019 template, ruled; table 三 on a landscape page of its own with two label columns and the template's header; table 四 as two tables",
        labels="two",
        review="two_tables",
        landscape=True,
        errors=[
            (
                "requests",
                "total_handled",
                "natural_person",
                1,
                [1, 2, 3],
                "（七）总计 自然人 one more than its outcomes",
            )
        ],
    ),
    Entry(
        "D12",
        "pdf",
        _a("陕西省生态环境厅", "陕西", "province", 2019, "2020年1月23日"),
        "PDF, 2019 template, ruled, small font (8 pt), thousands separators, page furniture; table 三 with reworded labels breaking across pages with its header repeated; table 四 as two tables; long header and label texts broken by manual line breaks inside their cells",
        labels="short",
        header="single",
        review="two_tables",
        split=0.5,
        repeat_header=True,
        printer={"thousands": True},
        report={"furniture": True, "font_size": 8},
        line_breaks=True,
    ),
    Entry(
        "D13",
        "docx",
        _a("云南省彩云市教育体育局", "云南", "city", 2021, "2022年1月27日"),
        "Word, bold headings; table 三 with reworded labels numbered ①②…, split into two Word tables at a page break without the header repeated; zeros in table 三 printed — (left out of the gold); long header and label texts broken by manual line breaks inside their cells",
        labels="short",
        header="single",
        split=0.5,
        printer={"zero": "—", "zero_tables": ("requests",)},
        report={"headings": "bold"},
        line_breaks=True,
    ),
    Entry(
        "D14",
        "docx",
        _a("江西省赣东市住房和城乡建设局", "江西", "city", 2025, "2026年1月23日"),
        "Word, heading styles; full-width digits (０１２) in every table; table 三 one label column with sub-heads as rows under the template header; zeros in table 二 printed / (left out of the gold); table 四 as two tables",
        labels="flat",
        review="two_tables",
        printer={"zero": "/", "zero_tables": ("active",), "full_width": True},
        titles={4: "五、政府信息公开工作存在的主要问题及改进情况"},
    ),
    Entry(
        "D15",
        "pdf",
        _a("广西壮族自治区桂岭县人民政府", "广西", "county", 2023, "2024年1月18日"),
        "PDF, unruled, small font (8 pt), page header/footer/page numbers; table 三 two label columns with two-line wrapped labels, breaking across pages with its two header rows repeated",
        labels="two",
        header="two",
        split=0.5,
        repeat_header=True,
        report={"ruled": False, "font_size": 8, "wrap_labels": True, "furniture": True},
    ),
    Entry(
        "D16",
        "pdf",
        _a("辽宁省市场监督管理局", "辽宁", "province", 2024, "2025年1月24日"),
        "PDF, ruled, page furniture, thousands separators; table 三 on a fresh page, whole, with reworded labels and the template's header; zeros in table 四 printed blank (left out of the gold)",
        labels="short",
        new_page=True,
        printer={"thousands": True, "zero": "", "zero_tables": ("review_litigation",)},
        report={"furniture": True},
    ),
]


def _template(year: int) -> str:
    return "2019" if year <= 2020 else "2021"


def build_one(entry: Entry, seed: int) -> dict:
    template = _template(entry.agency.year)
    cells = report_figures(seed, template, entry.agency.level)
    narrative = sections(entry.agency, cells, [entry.titles.get(i, t) for i, t in enumerate(SECTION_TITLES)])
    printed = dict(cells)
    errors = [apply_error(printed, *e) for e in entry.errors]
    p = Printer(**entry.printer)
    t3 = requests_grid(template, printed, p, entry.labels, entry.header)
    split = None
    if entry.split is not None:
        split = t3.header_rows + int(entry.split * (len(t3.rows) - t3.header_rows))
    tables = {
        1: [
            PlacedTable(
                "（表二）主动公开政府信息情况",
                [active_grid(template, printed, p, entry.articles)],
                container=entry.container.get("active", ""),
            )
        ],
        2: [
            PlacedTable(
                "（表三）收到和处理政府信息公开申请情况",
                [t3],
                split,
                entry.repeat_header,
                landscape=entry.landscape,
                new_page=entry.new_page,
            )
        ],
        3: [
            PlacedTable(
                "（表四）政府信息公开行政复议、行政诉讼情况",
                review_grids(printed, p, entry.review),
                container=entry.container.get("review_litigation", ""),
            )
        ],
    }
    if entry.line_breaks:
        for placed in [t for ts in tables.values() for t in ts]:
            for grid in placed.grids:
                break_lines(grid)
    report = Report(report_title(entry.agency), narrative, tables, sign_off(entry.agency), **entry.report)
    path = os.path.join(HERE, f"{entry.doc_id}.{entry.fmt}")
    (write_docx if entry.fmt == "docx" else write_pdf)(report, path)
    number = int(entry.doc_id[1:])
    # In printed order, table by table (the Printer saw table 三 first).
    gold_cells = [
        {"table": t, "row": r, "col": c, "value": v}
        for table in ("active", "requests", "review_litigation")
        for (t, r, c), v in p.gold.items()
        if t == table
    ]
    return {
        "doc_id": entry.doc_id,
        "file": os.path.basename(path),
        "part": "dev" if number % 2 else "held",
        "template": template,
        "agency": entry.agency.name,
        "province": entry.agency.province,
        "level": entry.agency.level,
        "year": entry.agency.year,
        "layout": entry.layout,
        "errors": errors,
        "sections": [title for title, _ in narrative],
        "cells": gold_cells,
    }


def main() -> None:
    records = [build_one(e, seed=1000 + i) for i, e in enumerate(CATALOGUE)]
    with open(os.path.join(HERE, "gold.jsonl"), "w", encoding="utf-8") as out:
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(records)} files, {sum(len(r['cells']) for r in records)} gold cells")


if __name__ == "__main__":
    main()
