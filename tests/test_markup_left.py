"""Text that arrives as text (JSON Lines records, `parse_text`) with what crawlers leave in it: HTML
references and tags (`nlp.normalize.markup`), lines ended by `\r` or U+2028, zero-width spaces inside
words (`nlp.normalize.characters`). The report must read as it would without them. Files go through
the reader instead (tests/test_damage.py has the same damage there).
"""

from __future__ import annotations

import pytest

import nlp
from nlp.normalize import clean_text, drop_markup
from nlp.normalize.markdown import drop_markdown_marks
from nlp.normalize.text import NormalizedText
from nlp.tables.extract import read_tables
from tests import damage
from tests.conftest import source_file
from tests.damage_encodings import MARKDOWN_VARIANTS
from tests.test_damage import GOLD_DOCS

#: Shapes the records' path must read as the file's: markup, and line breaks and zero-width spaces that
#: text from JSON or JavaScript carries.
SHAPES = ("html_references_left", "html_tags_left", "line_breaks_cr", "line_separators", "zero_width_inside", "markdown_export")


def _clean(text: str) -> str:
    return drop_markup(NormalizedText.identity(text)).text


def test_references_resolve_twice_escaped_too():
    assert _clean("&ldquo;公开为常态&rdquo;&#65307;&#x3002;") == "“公开为常态”；。"
    assert _clean("&amp;nbsp;全年") == "\u00a0全年"
    assert _clean("A&nbsp B") == "A\u00a0 B"


def test_tags_become_lines_cells_or_nothing():
    text = '<p style="a:b"><span>第一段</span></p><p>第二段<br/>接着</p><tr><td>规章</td><td>0</td></tr>'
    assert [line for line in _clean(text).split("\n") if line] == ["第一段", "第二段", "接着", "规章\t0"]
    assert _clean("<script>var a = '<p>';</script>正文<!-- <p>注释</p> -->") == "正文"


def test_text_using_angle_brackets_or_ampersands_stays():
    for text in ("若a<b且c>d，则成立。", "<涉密不上网>", "A&B公司", "R&D投入", "<bbb>"):
        assert _clean(text) == text


def test_offsets_point_back_to_the_source():
    source = "<p>通过&ldquo;网站&rdquo;公开</p>"
    clean = drop_markup(NormalizedText.identity(source))
    start = clean.text.index("网站")
    begin, end = clean.source_span(start, start + 2)
    assert source[begin:end] == "网站"


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_records_with_markup_keep_sections_and_cells(doc_id, shape, gold_tables):
    text = nlp.read_text(source_file(doc_id))
    original = nlp.parse_text(text)
    damaged = nlp.parse_text(damage.TEXT_TRANSFORMS[shape](text))
    expected = set(original.section_keys) & set(nlp.SECTION_KEYS)
    assert expected <= set(damaged.section_keys)
    gold = gold_tables[doc_id]
    ambiguous = {tuple(row) for row in gold.get("ambiguous_rows", [])}
    truth = {(c["table"], c["row"], c["col"]): c["value"] for c in gold["cells"] if (c["table"], c["row"]) not in ambiguous}
    got = {(c.table, c.row, c.col): c.value for c in read_tables(damaged).cells}
    assert {key: got.get(key) for key in truth} == truth
    narrative = [p.text for p in damaged.paragraphs if p.kind == "narrative"]
    assert not any("&" in p and ";" in p or "<span" in p or "</p>" in p for p in narrative)
    assert not any("\\" in p or "](" in p for p in narrative)  # Markdown's escapes and image links
    if shape == "markdown_export":  # nothing lost: the narrative reads as in the file without the marks
        assert narrative == [p.text for p in original.paragraphs if p.kind == "narrative"]


def test_markdown_escapes_and_images_go_and_text_that_uses_backslashes_stays():
    assert clean_text("1\\.加强领导。成立\\*小组\\*\\[注\\]。") == "1.加强领导。成立*小组*[注]。"
    assert clean_text("![图片1](media/image1.png)\n正文") == "正文"
    assert clean_text("见![示意图](a.png)所示") == "见示意图所示"
    for text in ("文件存放于D:\\公开\\2023目录。", "路径为\\\\server\\share。"):
        assert clean_text(text) == text


def test_text_full_of_unclosed_markup_is_read_in_one_pass():
    """Unclosed scripts and comments do not each scan to the end of the text (it took minutes)."""
    for opener in ("<script>", "<!--", "<style>"):
        text = opener * 50_000 + "正文"
        assert _clean(text).endswith("正文")


@pytest.mark.parametrize("variant", sorted(MARKDOWN_VARIANTS))
@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_markdown_variants_read_as_the_plain_export(doc_id, variant, gold_tables):
    """Setext headings, list items, quotes, `<br>` in cells, tables without outer pipes or under an empty header:
    every gold cell, every section, and the narrative exactly as the plain export gives it."""
    text = nlp.read_text(source_file(doc_id))
    plain = nlp.parse_text(damage.markdown_export(text))
    damaged = nlp.parse_text(MARKDOWN_VARIANTS[variant](text))
    assert set(plain.section_keys) & set(nlp.SECTION_KEYS) <= set(damaged.section_keys)
    gold = gold_tables[doc_id]
    ambiguous = {tuple(row) for row in gold.get("ambiguous_rows", [])}
    truth = {(c["table"], c["row"], c["col"]): c["value"] for c in gold["cells"] if (c["table"], c["row"]) not in ambiguous}
    got = {(c.table, c.row, c.col): c.value for c in read_tables(damaged).cells}
    assert {key: got.get(key) for key in truth} == truth
    assert [p.text for p in damaged.paragraphs if p.kind == "narrative"] == [p.text for p in plain.paragraphs if p.kind == "narrative"]


def test_markdown_marks_go_only_where_they_are_marks():
    # A page's number is no list item, nor is one dash before a line; a `<br>` outside a pipe row breaks the line.
    assert _markdown("正文一\n- 3 -\n正文二") == "正文一\n- 3 -\n正文二"
    assert _markdown("- 仅此一项\n正文") == "- 仅此一项\n正文"
    assert _markdown("- 第一项\n* 第二项") == "第一项\n第二项"
    # A row's cells printed as dashes are no list items: its first dash stays its first cell.
    assert _markdown("- - 0 0\n-\t-\t1\n- 3 5") == "- - 0 0\n-\t-\t1\n- 3 5"
    assert _markdown("标题\n===\n正文") == "标题\n\n正文"
    assert _clean("| 规章<br>文件 | 0 |\n第一行<br>第二行") == "| 规章文件 | 0 |\n第一行\n第二行"
    # A table without outer pipes: its rows' pipes are cells' boundaries, a leading one an empty first cell.
    assert _markdown("规章 | 0 | 1\n---|---|---\n | 2 | 3") == "规章\t0\t1\n\t2\t3"


def _markdown(text: str) -> str:
    return drop_markdown_marks(NormalizedText.identity(text)).text
