"""Old-template reports (before 2019) whose section titles are numbered as subsections (`（二）`) or not at all and run
in with a colon, the section's first sentence on the title's line (`（二）主动公开政府信息情况：本年度…`): their seven
sections come out where the old order shows them (`nlp.structure.oldtemplate`), and a new-template report's run-in
subsection titles (`（一）主动公开。…`) are never taken for sections. All reports are written here (invented agencies
and figures), with the old template's usual section names, short and long."""

from __future__ import annotations

import pytest

from nlp.report import SECTION_KEYS
from nlp.structure import parse_text
from nlp.tables.checks import blamed_on_report, check_report
from nlp.tables.extract import read_tables
from tests.test_old_template import BODIES, LONG, SHORT

#: The keys the seven old sections take (the fees section, no section of the 2019 template, has none: `extra`).
OLD_KEYS = ["overview", "active", "requests", "extra", "review_litigation", "problems_improvements", "other_matters"]
NUMBERS = {"paren": lambda i: "（" + "一二三四五六七"[i] + "）", "none": lambda i: ""}


def _run_in(titles, number, alone: frozenset[int] = frozenset()) -> str:
    """The report with each title run in with a colon, but those at `alone`, which stand on their own lines."""
    lines = ["某县某局2016年政府信息公开工作年度报告"]
    for i, (title, body) in enumerate(zip(titles, BODIES, strict=True)):
        lines.extend([f"{number(i)}{title}", body] if i in alone else [f"{number(i)}{title}：{body}"])
    return "\n".join(lines)


@pytest.mark.parametrize("titles", [SHORT, LONG], ids=["short", "long"])
@pytest.mark.parametrize("numbering", sorted(NUMBERS))
@pytest.mark.parametrize("alone", [frozenset(), frozenset({0, 3, 6})], ids=["all run in", "some alone"])
def test_run_in_old_titles_open_the_seven_sections_in_order(titles, numbering, alone):
    """Kind: the old template's titles run in with a colon, numbered `（N）` or not. Each opens its section, whose first
    paragraph holds the body run in after it; nothing is blamed for the national tables."""
    report = parse_text(_run_in(titles, NUMBERS[numbering], alone))
    sections = [section for section in report.sections if section.title]
    assert [section.key for section in sections] == OLD_KEYS
    assert [section.title for section in sections] == list(titles)
    for section, body in zip(sections, BODIES, strict=True):
        narrative = [p.text for p in section.paragraphs if p.kind == "narrative"]
        assert narrative and body in narrative[0], (section.title, narrative)
    if numbering == "paren":
        assert [section.number for section in sections] == list("一二三四五六七")
    assert not [f.id for f in blamed_on_report(check_report(report, read_tables(report)))]


NEW_TEMPLATE = "\n".join(
    [
        "某市某局2022年政府信息公开工作年度报告",
        "一、总体情况",
        "（一）主动公开情况：全年主动公开信息三百余条。",
        "（二）依申请公开情况：全年收到申请十件，均按期答复。",
        "（三）收费及减免情况：未收取任何费用。",
        "二、主动公开政府信息情况",
        "（一）主动公开。本局按照条例规定主动公开有关信息。",
        "三、收到和处理政府信息公开申请情况",
        "全年新收申请十件。",
        "四、政府信息公开行政复议、行政诉讼情况",
        "本年度未发生。",
        "五、存在的主要问题及改进情况",
        "（一）存在的不足及改进措施：公开内容不够全面，下一步将加强培训。",
        "六、其他需要报告的事项",
        "无。",
    ]
)


def test_a_new_template_report_with_run_in_subsection_titles_is_not_resectioned():
    """The kind's limit: the same run-in wordings under sections numbered `一、`… are subsections, paragraphs of the
    sections they stand in; with the section numbers lost too, the template's own titles repeat the old order
    (`主动公开情况` under 总体情况, then `主动公开政府信息情况`), which no old report does."""
    six = list(SECTION_KEYS[:6])
    for text in (NEW_TEMPLATE, "\n".join(line.split("、", 1)[1] if line[:1] in "一二三四五六" else line for line in NEW_TEMPLATE.split("\n"))):
        report = parse_text(text)
        assert [key for key in report.section_keys if key != "extra"] == six, report.section_keys
        overview = next(section for section in report.sections if section.key == "overview")
        assert [p.text for p in overview.paragraphs if p.kind == "narrative"][:3] == [line for line in NEW_TEMPLATE.split("\n")[2:5]]
