"""Sections a report numbers as subsections (`（一）总体情况`, `1.主动公开…`) give their paragraphs the section
as context, as `一、总体情况` does: the classifier's context walk reads those headings as subsections, so the
parser's sections stand in for it there (`nlp.classify.reportinputs.promoted_sections`)."""

from __future__ import annotations

import nlp
from nlp.classify.reportinputs import promoted_sections, report_inputs
from tests import damage

# Written for this test.
WRITTEN = """某县林业局2024年政府信息公开工作年度报告
一、总体情况
2024年，我局认真贯彻《中华人民共和国政府信息公开条例》，全面推进政务公开。
（一）主动公开
全年通过门户网站主动公开政府信息86条。
二、主动公开政府信息情况
本年度制发规范性文件3件。
五、存在的主要问题及改进情况
一是公开内容不够全面；二是解读形式较为单一。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def _sections_of_narrative(text: str) -> list[str]:
    return [item.context.section for item in report_inputs(nlp.parse_text(text))]


def test_subsection_numbered_sections_give_the_same_context():
    written = _sections_of_narrative(WRITTEN)
    assert written[:2] == ["overview", "overview"] and written[-1] == "other_matters"
    for shape in (damage.section_numbers_as_subsections, damage.section_numbers_arabic):
        assert _sections_of_narrative(shape(WRITTEN)) == written, shape.__name__


def test_sections_opened_at_their_own_level_are_left_to_the_walk():
    assert not any(promoted_sections(nlp.parse_text(WRITTEN)))


def _unit_contexts(text: str) -> list[tuple[str, str]]:
    """Section and topic of every line of a labelled-file report: headings are the numbered short lines."""
    from nlp.classify.context import contexts_for_units
    from nlp.sections import heading_level

    lines = [line for line in text.splitlines() if line.strip()]
    kinds = ["meta" if i == 0 else "heading" if heading_level(line) and len(line) < 30 else "narrative" for i, line in enumerate(lines)]
    return [(context.section, context.topic) for context in contexts_for_units(kinds, lines)]


def test_sections_numbered_in_brackets_give_the_same_context_in_labelled_files():
    from tests import damage_sections

    written = _unit_contexts(WRITTEN)
    assert written[2][0] == "overview" and written[-1][0] == "other_matters"
    shapes = (
        damage_sections.section_numbers_in_lenticular_brackets,
        damage_sections.section_numbers_in_brackets_spaced,
        damage_sections.section_numbers_in_tortoise_brackets,
        damage_sections.section_numbers_in_square_brackets,
        damage_sections.section_numbers_in_full_width_brackets,
        damage_sections.subsections_numbered_in_brackets,  # brackets one level down stay subsections
    )
    for shape in shapes:
        damaged = shape(WRITTEN)
        assert damaged != WRITTEN, shape.__name__
        assert _unit_contexts(damaged) == written, shape.__name__
