"""Tables glued into prose with no cell separators (`nlp.normalize.glued._BORDERLESS_TABLE_END`): in a flattened
page, a table's last cells run into the next section's first sentence; the sentence begins a line again and the
cells stay as they were (several run together: split by the table's arithmetic or left out with a warning).

Damage from the shared gold (`tests.damage_glued.glued_borderless_unheaded`: section headings gone, tabs gone,
one line) and pages written here.
"""

from __future__ import annotations

import re

import pytest

from nlp.normalize import comparable
from nlp.structure import parse_text
from nlp.tables.extract import read_tables
from nlp.tables.reportlines import report_lines
from tests.conftest import source_file
from tests.damage import join_lines
from tests.damage_glued import glued_borderless, glued_borderless_unheaded
from tests.table_layouts import cell_outcomes

#: A table's header words, cells run together (five figures or more) and a full stop: a table glued to prose.
_TABLE_WORDS = re.compile(r"结果维持|尚未审结|本年新收|予以公开|第二十条第")
_CELLS_RUN = re.compile(r"\d{5,}")


@pytest.fixture(scope="module")
def gold_texts(gold_tables) -> dict[str, str]:
    """The gold reports' texts, read as a user's file is."""
    from nlp.read import read_text

    return {doc_id: read_text(source_file(doc_id)) for doc_id in sorted(gold_tables)}


def _lines(text: str) -> list[str]:
    return [comparable(line) for line in report_lines(parse_text(text))]


@pytest.mark.parametrize("glue", [glued_borderless, glued_borderless_unheaded])
def test_no_table_of_the_gold_stays_glued_to_prose_and_no_cell_is_wrong(gold_tables, gold_texts, glue):
    mixed = []
    for doc_id, text in gold_texts.items():
        glued = glue(text)
        mixed += [(doc_id, line[-60:]) for line in _lines(glued) if _TABLE_WORDS.search(line) and _CELLS_RUN.search(line) and "。" in line]
        counts, bad = cell_outcomes(gold_tables[doc_id], read_tables(parse_text(glued)))
        assert counts["wrong"] == 0 and counts["invented"] == 0, (doc_id, bad[:4])
    assert mixed == []


#: A page written here, its table 四's cells without borders; `{after}` is what follows the last cell.
_PAGE = (
    "某县交通运输局2024年政府信息公开工作年度报告。2024年，本局认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。"
    "全年主动公开各类信息326条，其中政策文件12件。全年收到政府信息公开申请5件，均在法定期限内答复。本局建立健全信息发布审核机制，"
    "做到先审后发。本局定期更新政府信息公开目录，方便群众查阅。本局围绕重点领域，及时公开项目审批、招标投标和工程建设信息，"
    "主动接受社会监督。本局通过政务新媒体发布政策解读8篇，回应群众关切问题20余个，公开实效明显提升。四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
    "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计{cells}{after}信息公开的深度和广度还不够，"
    "公开形式不够丰富。下一步，本局将加强培训，规范答复文书，提升公开实效。本年度未收取信息处理费。本局将持续深化政务公开，回应社会关切。"
)


@pytest.mark.parametrize(
    ("after", "opening"),
    [
        ("存在的主要问题：一是", "存在的主要问题"),
        ("2024年，本局", "2024年,本局"),
        ("1.", "1.信息公开"),
        ("（一）", "(一)信息公开"),
    ],
)
def test_the_sentence_after_a_borderless_table_begins_a_line(after, opening):
    cells = "1" + "0" * 3 + "1" + "0" * 10
    lines = _lines(_PAGE.format(cells=cells, after=after))
    assert any(line.startswith(opening) for line in lines), lines
    table_line = next(line for line in lines if "结果维持" in line)
    assert table_line.endswith(cells)  # the cells stay whole on the table's line
    extraction = read_tables(parse_text(_PAGE.format(cells=cells, after=after)))
    assert {(c.row, c.col): c.value for c in extraction.cells if c.table == "review_litigation"}[("review", "total")] == 1


def test_cells_run_into_a_year_stay_unread_with_a_warning():
    """Sixteen figures for fifteen cells, then a year: the cut goes before the year; the cells are not guessed."""
    page = _PAGE.format(cells="1010000000050000", after="2024年，本局")
    extraction = read_tables(parse_text(page))
    assert not [c for c in extraction.cells if c.table == "review_litigation" and c.value is not None]
    assert [w for w in extraction.warnings if w.table == "review_litigation"]
    assert any(line.startswith("2024年,本局") for line in _lines(page))


@pytest.mark.parametrize(
    "page",
    [
        # a figure in a sentence after a total: its unit follows, so no table ends there
        _PAGE.format(cells="", after="").replace("全年收到政府信息公开申请5件", "全年收到申请总计5件次政府信息公开申请，均已办结，另有2件"),
        # a year in a sentence after `办理`: its `年度` follows, so no table ends there
        _PAGE.format(cells="", after="").replace("全年收到政府信息公开申请5件", "本局依法办理2023年度结转的政府信息公开申请，另有2件"),
        # the same page with its line breaks: never cut by a flattened page's rules
        "\n".join(["行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计", "000000000000000存在的主要问题：一是信息公开不够深入。"]),
    ],
    ids=["a figure with its unit", "a year with its unit", "a text with its line breaks"],
)
def test_no_cut_where_no_borderless_table_ends(page):
    lines = _lines(page)
    assert not any(line.startswith(("件次政府信息", "年度结转", "存在的主要问题")) for line in lines), lines


def test_the_shapes_glue_the_tables_without_borders(gold_texts):
    text = next(iter(gold_texts.values()))
    assert "\n" not in glued_borderless(text) and "\t" not in glued_borderless(text)
    assert glued_borderless(text) == join_lines(text.replace("\t", ""))
