"""Reports as document-sharing sites repost them: characters hidden inside words, the site's lines between pages,
fixed-width lines that cut words, glosses and addresses (`nlp.read.hiddentext`, `nlp.normalize.furniture`).

The pages are made from the shared gold (`tests.damage_html.html_reposted_page`); the damage suite checks their
sections and cells (`tests/test_damage.py`), this file their paragraphs and the rules one at a time.
"""

from __future__ import annotations

import re

import nlp
from nlp.normalize import normalize_text
from nlp.read import read_bytes
from nlp.read.hiddentext import PageHiding
from nlp.read.htmltext import html_to_text
from tests.conftest import whole_reports
from tests.damage_html import html_reposted_page

#: Spaces, and half-width marks a line's edge makes full-width or not, do not make a paragraph another one.
_FOLD = str.maketrans(",;:!?()", "，；：！？（）")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(_FOLD)


def test_the_whole_reports_keep_their_paragraphs_when_reposted_page_by_page():
    """The 31 whole reports as a document-sharing site shows them: at least 95 % of the narrative paragraphs read
    from the plain text come back whole (a page break inside a crawl's one-element-a-line fragments, a contact line
    wrapped at `电话：`, cost the rest; without the hidden characters dropped none would)."""
    total = kept = 0
    for record in whole_reports():
        plain = nlp.parse_text(record["text"], doc_id=record["doc_id"])
        reposted = nlp.parse_text(read_bytes(html_reposted_page(record["text"]), f"{record['doc_id']}.html"), doc_id=record["doc_id"])
        found = {_key(p.text) for p in reposted.paragraphs if p.kind == "narrative"}
        wanted = [_key(p.text) for p in plain.paragraphs if p.kind == "narrative"]
        total += len(wanted)
        kept += sum(text in found for text in wanted)
        assert not any("原创力文档" in p.text or "点击阅读全文" in p.text or "上传人" in p.text for p in reposted.paragraphs), record["doc_id"]
    assert total > 500
    assert kept >= 0.95 * total, f"{kept} of {total} paragraphs whole"


def test_inline_elements_hidden_by_style_class_or_attribute_are_not_read():
    page = (
        "<html><head><style>.a1 {display: none} span.b2{ font-size:0 } .c3,.d4{visibility:hidden} .shown{color:red}</style></head><body>"
        '<p>政府<span style="display:none">道</span>信<span class="a1">创</span>息<font style="font-size:0px">址</font>公'
        '<span class="b2">网</span>开<i class="d4">制</i>工<span hidden>客</span>作<span class="shown">年度</span>报告</p></body></html>'
    )
    assert html_to_text(page).strip() == "政府信息公开工作年度报告"


def test_a_hidden_block_is_still_read():
    """A `<div style="display:none">` may hold the article a script shows: read as before."""
    page = '<html><body><div style="display:none"><p>一、总体情况</p><p>本年度我局主动公开信息12条。</p></div></body></html>'
    assert "本年度我局主动公开信息12条。" in html_to_text(page)


def test_only_class_selectors_with_hiding_declarations_count():
    from lxml import etree

    root = etree.fromstring(
        "<html><head><style>/* .x{display:none} */ .y{font-size:0.8em} div .z{display:none} .w{font-size:0;}</style></head><body/></html>",
        etree.HTMLParser(),
    )
    assert PageHiding.of(root).classes == frozenset({"w"})


def test_a_sharing_sites_lines_go_and_a_reports_sentence_stays():
    text = (
        "原创力文档 预览与源文档一致，下载高清无水印\n第2页 / 共4页\n点击阅读全文\n本文档由用户上传，内容仅供参考，如有侵权请联系删除。\n"
        "上传人：tjz*** 上传时间：2024-03-02 页数：4\n剩余3页未读，继续阅读\n"
        "全年公开信息100条，群众可在专栏阅读全文。\n"
    )
    assert normalize_text(text).text.strip() == "全年公开信息100条，群众可在专栏阅读全文。"


def test_a_tables_last_figure_before_the_sites_watermark_is_kept():
    """A repeated watermark between pages is a running foot, and the page's number beside it is the page line
    (`第3页 / 共4页`), not the table's last figure standing just above it."""
    pages = []
    for number, (label, figures) in enumerate((("（六）其他处理", "0 0 0 0 0 0 0"), ("（七）总计", "7 1 0 0 0 0 8"), ("四、结转下年度继续办理", "0 1 0 0 0 0 1")), 1):
        pages.append(label + "\n" + "\n".join(figures.split()) + f"\n某某文库 本页预览与原文一致\n第{number}页 / 共4页\n")
    lines = [line for line in normalize_text("".join(pages)).text.split("\n") if line.strip()]
    assert lines[lines.index("（七）总计") + 7] == "8"
    assert not any("文库" in line or "第" in line and "页" in line for line in lines)


def test_a_pinyin_gloss_cut_by_a_wrap_is_dropped_whole():
    cut_inside = normalize_text("本报告所列數(shù)據(j\nù)的统计期限自2020年1月1日起至2020年12月31日止。\n").text
    cut_before = normalize_text("全年工作运行平穩\n(wěn)、成效良好，公开信息共计二百余条。\n").text
    assert "数据的统计期限" in cut_inside and "(" not in cut_inside
    assert "运行平稳、成效良好" in cut_before


def test_a_web_address_cut_inside_its_scheme_is_joined_without_a_space():
    from nlp.normalize.wraps import address_cut

    assert address_cut("本报告电子版可在专栏（ht", "tps://www.example.gov.cn/）下载。", joined=True)
    assert not address_cut("open data", "portal", joined=True)


def test_a_section_title_glued_to_the_paragraph_before_it_goes_on_its_own_line():
    text = "开展社会评议问卷调查，以进一步推进政府信息公开工作。 二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
    assert normalize_text(text).text.split("\n")[:2] == ["开展社会评议问卷调查，以进一步推进政府信息公开工作。", "二、主动公开政府信息情况"]
    # A table 三 row numbered like a section, or a title without a sentence before it, stays where it is.
    assert normalize_text("我局认真落实各项要求。二、上年结转政府信息公开申请数量\n").text.count("\n") == 1
