"""Reports on the template before 2019: their seven sections found, never blamed for the national tables.

All reports here are written for the test (invented agencies and figures), in the ways agencies number and
shorten the old template's titles.
"""

from __future__ import annotations

import pytest

from nlp.findings import NOT_ASSESSABLE
from nlp.structure import parse_text
from nlp.tables.checks import blamed_on_report, check_report
from nlp.tables.extract import read_tables

SHORT = ("概述", "主动公开情况", "依申请公开情况", "收费及减免情况", "复议诉讼情况", "存在的不足及改进措施", "其他需要报告的事项")
LONG = (
    "概述", "主动公开政府信息的情况", "依申请公开政府信息的情况", "政府信息公开收费及减免情况",
    "因政府信息公开申请行政复议和提起行政诉讼情况", "存在的不足和改进措施", "其他需要报告的事项",
)
BODIES = (
    "2015年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，按照市政府的统一部署，扎实推进政府信息公开工作。",
    "全年共主动公开政府信息412条，其中通过门户网站公开377条，通过公开栏公开35条。",
    "全年共受理政府信息公开申请9件，均已按期答复，其中同意公开6件，同意部分公开2件，不属于本机关公开范围1件。",
    "全年未收取任何费用，也没有减免费用的情况。",
    "全年未发生因政府信息公开申请提起行政复议和行政诉讼的情况。",
    "一是公开内容还不够全面；二是公开形式比较单一。下一步，我局将进一步加强培训，丰富公开形式。",
    "无。",
)
NUMBERINGS = {
    "cn": lambda i: "一二三四五六七"[i] + "、",
    "arabic": lambda i: f"{i + 1}.",
    "part": lambda i: f"第{'一二三四五六七'[i]}部分 ",
    "paren": lambda i: "（" + "一二三四五六七"[i] + "）",
    "none": lambda i: "",
}


def _report(titles, number, year: int | None = 2015, run_in: bool = False) -> str:
    head = f"某市某局{year}年政府信息公开工作年度报告" if year else "某市某局政府信息公开工作年度报告"
    if run_in:
        return head + "\n" + "\n".join(f"{number(i)}{t}：{b}" for i, (t, b) in enumerate(zip(titles, BODIES, strict=True)))
    return head + "\n" + "\n".join(f"{number(i)}{t}\n{b}" for i, (t, b) in enumerate(zip(titles, BODIES, strict=True)))


def _blames(report) -> list[str]:
    return [f"{f.id}: {f.message}" for f in blamed_on_report(check_report(report, read_tables(report)))]


@pytest.mark.parametrize("titles", [SHORT, LONG], ids=["short", "long"])
@pytest.mark.parametrize("numbering", sorted(NUMBERINGS))
def test_the_old_templates_seven_sections_are_found_and_nothing_is_blamed(titles, numbering):
    report = parse_text(_report(titles, NUMBERINGS[numbering]))
    assert len([s for s in report.sections if s.title]) == 7, [s.title for s in report.sections]
    assert not _blames(report)


@pytest.mark.parametrize("numbering", ["cn", "arabic", "part"])
def test_run_in_titles_of_the_old_template_continue_the_count(numbering):
    """`四、收费及减免情况：全年未收取…`: the fees section has no key of the 2019 template, yet it is the report's 四."""
    report = parse_text(_report(SHORT, NUMBERINGS[numbering], run_in=True))
    assert len([s for s in report.sections if s.title]) == 7, [s.title for s in report.sections]
    assert not _blames(report)


def test_the_national_tables_are_not_assessable_on_an_old_template_report():
    report = parse_text(_report(SHORT, NUMBERINGS["cn"]))
    findings = {f.id: f for f in check_report(report, read_tables(report))}
    for table in ("active", "requests", "review_litigation"):
        assert findings[f"tables.missing.{table}"].status == NOT_ASSESSABLE
        assert "before 2019" in findings[f"tables.missing.{table}"].message


def test_without_a_year_the_fees_heading_names_the_old_template():
    report = parse_text(_report(SHORT, NUMBERINGS["cn"], year=None).replace("2015年，", "本年度，"))
    assert report.year is None
    findings = {f.id: f for f in check_report(report, read_tables(report))}
    assert findings["tables.missing.active"].status == NOT_ASSESSABLE


def test_a_report_on_the_new_template_without_its_tables_is_still_blamed():
    """A 2021 report whose tables are nowhere (no title, header or row label) lacks them: the report's fault."""
    text = (
        "某市某局2021年政府信息公开工作年度报告\n一、总体情况\n本局认真落实条例，全年主动公开信息三百余条。\n"
        "二、存在的主要问题及改进情况\n公开内容不够全面，下一步将加强培训。\n三、其他需要报告的事项\n无。\n"
    )
    report = parse_text(text)
    assert any(b.startswith("tables.missing.active") for b in _blames(report))


def test_four_titles_both_templates_share_are_not_enough_unnumbered():
    """A later report's own unnumbered sections (`基本情况` / `依申请公开情况` / …) are not the old template's: only
    the old template's own fees section, or five of its seven titles, show it."""
    titles = ("基本情况", "依申请公开情况", "信息管理和平台建设情况", "存在的问题和改进措施", "其他需要报告的事项")
    bodies = ("本公司认真落实信息公开要求。", "全年收到申请三件，均按期答复。", "完善平台管理制度。", "公开内容不够全面，下一步加强培训。", "无。")
    text = "某市某公司2025年度信息公开工作报告\n" + "\n".join(f"{t}\n{b}" for t, b in zip(titles, bodies, strict=True))
    assert "依申请公开情况" not in [s.title for s in parse_text(text).sections]
    with_fees = text.replace("信息管理和平台建设情况", "收费及减免情况")
    assert "依申请公开情况" in [s.title for s in parse_text(with_fees).sections]


def test_three_short_titles_alone_are_not_the_old_templates_sections():
    """`主动公开情况` / `依申请公开情况` alone on their lines under numbered sections are subsections: left as they are."""
    text = (
        "某市某局2022年政府信息公开工作年度报告\n一、总体情况\n主动公开情况\n本局全年主动公开信息三百余条，内容涵盖各类事项。\n"
        "依申请公开情况\n本局全年收到申请十件，均按期答复。\n收费及减免情况\n未收取费用。\n"
        "二、主动公开政府信息情况\n本局按照条例规定主动公开有关信息。\n"
    )
    report = parse_text(text)
    assert [s.title for s in report.sections if s.title] == ["总体情况", "主动公开政府信息情况"]
