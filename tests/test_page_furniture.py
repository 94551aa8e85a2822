"""Page furniture in the shapes document pages give it: field names spaced out or behind a mark, a site's
chrome, a page's machinery, a date run into its fields, and the sign-off after the report (lines written
here). `benchmarks/eval_structure.py --meta` measures the same on page openings, per half of the sites."""

from __future__ import annotations

import re

import pytest

from nlp.normalize import is_furniture_line
from nlp.structure import parse_text
from nlp.structure.kinds import paragraph_kind


@pytest.mark.parametrize(
    "line",
    [
        "索  引  号: 11330000/2024-00012",
        "有 效 性: 有效",
        "- 浏览次数:",
        "• 发文字号: 某政办〔2024〕3号",
        "[ 主题分类 ] [ 体裁分类 ]",
        "| 发文机构: | 生成日期: | 2024-01-29 10:00 |",
        "文号 时效 有效",
        "访问量:",
        "您当前所在的位置: 网站首页 > 信息公开",
        "您好，欢迎访问某某县人民政府网站！",
        "网站支持IPv6",
        "大 中 小",
        "[字体: 大 中 小] 打印",
        "11330782051348517D/2024-547405",
        "d5b5f316b2d8c8b60cedb05304df1cf0",
        "图片3.jpg",
        "联系地址：某某县某某路18号",
        "标    题: 某某县水务局2023年政府信息公开工作年度报告",
        "• 名称:某某旗科技局2022年政府信息公开工作年度报告",
        "| 标 题: | 某某省交通运输厅2021年政府信息公开工作年度报告 | |",
        "Page 3 - 某某市生态环境局2023年政府信息公开工作年度报告",
        "某教〔2022〕8号",
        "1675156994710",
        # a site's footer, as crawlers keep it after the sign-off
        "版权所有：某某县人民政府办公室",
        "Copyright © 2024 某某县人民政府 All Rights Reserved",
        "主办单位：某某县人民政府办公室　承办：某某县大数据中心",
        "网站标识码：3601000001　赣ICP备12345678号",
        "浙公网安备 33010002000001号",
        "技术支持：某某信息科技有限公司",
    ],
)
def test_page_furniture_is_meta(line):
    assert is_furniture_line(line) or paragraph_kind(line, in_table=False) == "meta", line
    assert paragraph_kind(line, in_table=False) == "meta", line


@pytest.mark.parametrize(
    "line",
    [
        "来源于群众的意见建议均在规定时限内办结。",
        "编辑出版政府公报12期，刊登规范性文件35件。",
        "关键词检索功能全面上线，群众查询更加便捷。",
        "全部政府信息均经保密审查后公开。",
        "主题分类目录同步更新，共调整栏目8个。",
        "微博、微信等政务新媒体全年发布信息1200余条。",
        "2024年1月15日，召开政务公开工作推进会，部署全年任务。",
        "名称规范、内容准确的公开目录已全部上线。",
        "标准化规范化建设有序推进，全年编制标准目录12项。",
        "主办政府开放日活动3场，邀请群众代表60余人次参加。",
        "版权保护、知识产权等方面的政策文件均已公开。",
        "承办人大代表建议15件、政协委员提案22件，均已按期办结。",
    ],
)
def test_content_that_opens_like_a_field_stays_content(line):
    assert not is_furniture_line(line), line
    assert paragraph_kind(line, in_table=False) == "narrative", line


def test_sentences_telling_of_a_sites_chrome_stay_content():
    # Reports tell of the site's accessibility work in the words its chrome uses (`长者模式`, `无障碍浏览`); a page of
    # a paragraph per sentence leaves such a sentence short enough to be taken for the chrome itself.
    for line in ("完成门户网站适老化改造，新增长者模式和语音读屏功能。", "多渠道提供无障碍浏览,及时回应关切。"):
        assert not is_furniture_line(line), line
    for line in ("公务邮 无障碍浏览 长者模式 手机版 微信", "点击收听年报语音朗读", "长者模式", "无障碍浏览"):
        assert is_furniture_line(line), line


def test_shared_reports_cut_a_sentence_a_line_keep_their_sentences():
    """The whole reports of ../shared, each sentence of their prose on a line of its own (a page's paragraph per
    sentence): no sentence with a comma is taken for a site's chrome."""
    from tests.conftest import whole_reports

    sentences = [
        sentence.strip()
        for record in whole_reports()
        for sentence in re.findall(r"[^。\n]+。", record["text"])
        if re.search("[，,]", sentence) and _SITE_CHROME_WORDS.search(sentence)
    ]
    assert sentences  # the 莆田 culture and tourism bureau's 无障碍浏览
    assert [sentence for sentence in sentences if is_furniture_line(sentence)] == []


#: The words of a site's chrome that reports use too.
_SITE_CHROME_WORDS = re.compile("长者模式|无障碍浏览|点击收听|继续访问")


def test_long_figures_other_than_a_timestamp_are_not_furniture():
    for line in ("1675156994", "2000000000000", "1234567"):  # a count, a sum: table cells or narrative
        assert not is_furniture_line(line), line


def test_a_date_run_into_its_fields_is_meta():
    for line in ("2024年01月18日来源:某某县政府办", "2024-01-30 18:26 来源:某某局", "2024-01-26   某某县人民政府办公室", "2019年12月3日星期二"):
        assert paragraph_kind(line, in_table=False) == "meta", line


def test_the_agency_name_signing_off_is_meta_but_at_the_top_it_may_head_the_title():
    text = "\n".join(
        [
            "某某镇人民政府",
            "2024年政府信息公开工作年度报告",
            "一、总体情况",
            "本年度我镇认真落实政务公开各项要求，全年主动公开信息86条。",
            "二、其他需要报告的事项",
            "本年度未收取信息处理费。",
            "某某镇人民政府",
            "2025年1月20日",
        ]
    )
    paragraphs = parse_text(text).paragraphs
    assert paragraphs[0].kind == "heading"
    assert [p.kind for p in paragraphs[-2:]] == ["meta", "meta"]
    # A report cut short after a subheading keeps it: a sign-off comes after content.
    cut = parse_text("某某镇2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序推进，全年公开信息86条。\n（一）主动公开").paragraphs
    assert cut[-1].kind == "heading"


def test_short_lines_above_the_title_are_the_pages_but_a_two_line_title_keeps_its_agency():
    page = "\n".join(["某某县人民政府", "政府信息", "公开指南", "某某县农业农村局2024年政府信息公开工作年度报告", "一、总体情况", "本年度全局公开信息120条。"])
    kinds = [p.kind for p in parse_text(page).paragraphs]
    assert kinds[:4] == ["meta", "meta", "meta", "heading"], kinds
    two_lines = parse_text("\n".join(["某某县人民政府", "2024年政府信息公开工作年度报告", "一、总体情况", "本年度全县公开信息120条。"]))
    assert two_lines.agency == "某某县人民政府"
    assert [p.kind for p in two_lines.paragraphs[:2]] == ["heading", "heading"]


def test_a_breadcrumb_glued_onto_the_reports_sentences_is_content():
    glued = "您当前的位置：首页 > 政务公开 > 年报某某县医疗保障局2023年度政府信息公开工作年度报告根据《中华人民共和国政府信息公开条例》规定，特向社会公布本机关2023年度政府信息公开工作年度报告。"
    glued += "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
    assert not is_furniture_line(glued)


def test_a_title_field_is_meta_and_still_gives_the_title_where_the_page_shows_no_other():
    page = "\n".join(["• 标    题: 某某县水务局2023年政府信息公开工作年度报告", "一、总体情况", "本年度全局主动公开信息120条。"])
    report = parse_text(page)
    assert report.paragraphs[0].kind == "meta"
    assert report.title == "某某县水务局2023年政府信息公开工作年度报告"
    assert report.agency == "某某县水务局" and report.year == 2023
    # The running head of a PDF's later pages does not end the paragraph it falls inside.
    shown = parse_text("\n".join(["某某县水务局2023年政府信息公开工作年度报告", "一、总体情况", "本年度全局主动公开信息120条。", "Page 2 - 某某县水务局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况"]))
    assert [p.kind for p in shown.paragraphs if p.text.startswith("Page")] == ["meta"]
    assert shown.title == "某某县水务局2023年政府信息公开工作年度报告"
