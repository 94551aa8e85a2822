"""The publishing agency: from the title, the page's fields, or the opening sentences when the title is lost."""

from __future__ import annotations

import pytest

import nlp
from nlp.agency import agency_from_opening, agency_from_page_fields, agency_from_title


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        ("根据《中华人民共和国政府信息公开条例》规定，现公布某某市农业农村局2024年政府信息公开工作年度报告。", "某某市农业农村局"),
        ("根据有关要求，特向社会公布2023年度某某市公安局某某分局政府信息公开工作年度报告。", "某某市公安局某某分局"),
        ("2024年，某某省水利厅认真贯彻落实党中央关于政务公开工作的决策部署。", "某某省水利厅"),
        ("根据某某县人民政府办公室《关于做好年度报告工作的通知》要求，某某县市场监督管理局结合单位实际，编制本报告。", "某某县市场监督管理局"),
        ("2022年，在区委区政府的正确领导下，某某经济开发区管理委员会认真贯彻执行《条例》。", "某某经济开发区管理委员会"),
        ("我局编制并向社会公开某某区人力资源和社会保障局2023年度政府信息公开工作年度报告。", "某某区人力资源和社会保障局"),
        ("根据《条例》规定，我镇认真编制了《某某镇2020年政府信息公开工作年度报告》。", "某某镇"),
        ("按照上级要求，某某县某某镇人民政府特向社会公布2020年政府信息公开工作年度报告。", "某某县某某镇人民政府"),
        ("现向社会公布某某镇政府2019年信息公开工作年度报告。", "某某镇政府"),
        ("根据《条例》，现将某某区2020年政府信息公开年度报告公布如下。", "某某区"),
        ("本年度报告依据《条例》，由某某市人力资源和社会保障局编制。", "某某市人力资源和社会保障局"),
    ],
)
def test_agency_named_in_the_opening(opening, agency):
    assert agency_from_opening([opening]) == agency


@pytest.mark.parametrize(
    "opening",
    [
        "2023年，我局认真贯彻落实《条例》，全年主动公开信息120条。",  # a pronoun, no name
        "本年度报告根据《条例》编制，由总体情况、主动公开政府信息情况等部分组成。",
        "全年通过政府信息公开管理系统填报本乡信息56条。",  # a place word inside prose, not a name
        "您当前所在位置：首页",
        "2023年，市委、市政府高度重视政务公开工作。",  # the party committee is not the publisher
        "现将全市2020年政府信息公开年度报告公布如下。",  # a collective, not a name
        "本报告通过某某市政府网站发布，欢迎查阅。",  # the channel, not the publisher
        "2023年，市应急局认真贯彻《条例》。",  # a level without its place: any city's
    ],
)
def test_no_agency_invented(opening):
    assert agency_from_opening([opening]) is None


def test_a_pages_source_field_is_the_last_resort():
    from nlp.structure import parse_text

    page = "来源：某某县发展和改革局 发布时间：2021-01-15\n一、总体情况\n本年度我局全年主动公开信息120条。"
    assert parse_text(page).agency == "某某县发展和改革局"
    # The report's own sentences win over the site's name in the field (a county's site over its township).
    page = "来源：某某县人民政府 发布时间：2021-01-31\n根据《条例》，现公布某某乡人民政府2020年政府信息公开工作年度报告。\n一、总体情况\n全年公开信息56条。"
    assert parse_text(page).agency == "某某乡人民政府"


def test_superior_named_first_is_not_taken():
    opening = "根据某某市人民政府办公室《关于做好2023年政府信息公开工作年度报告的通知》要求，某某镇人民政府结合实际编制本报告。"
    assert agency_from_opening([opening]) == "某某镇人民政府"


def test_page_fields_and_titles():
    assert agency_from_page_fields(["索引号 | 0001-2024 | 分类 | 报告", "发 布 机 构 | 某某街道办事处 | 发文日期 | 2024-01-09"]) == "某某街道办事处"
    assert agency_from_page_fields(["发布日期：2024-01-09 来源：本站"]) is None
    assert agency_from_title("某某县人民政府2023年政府信息公开工作年度报告") == "某某县人民政府"
    assert agency_from_title("部门信息公开年报2022") is None


def test_untitled_page_gets_its_agency_from_the_opening():
    text = "\n".join(
        [
            "发布日期：2024-01-15",
            "根据《中华人民共和国政府信息公开条例》规定，现公布某某县交通运输局2023年政府信息公开工作年度报告。",
            "一、总体情况",
            "2023年，我局认真贯彻落实《条例》，全年主动公开信息120条。",
        ]
    )
    report = nlp.parse_text(text, doc_id="untitled")
    assert report.title is None
    assert report.agency == "某某县交通运输局"
    assert report.year == 2023


def test_title_label_is_not_part_of_title_or_agency():
    report = nlp.parse_text("标 题 | 某某街道2019年度政府信息公开工作报告\n一、总体情况\n2019年，我街道全年公开信息80条。", doc_id="label")
    assert report.title == "某某街道2019年度政府信息公开工作报告"
    assert report.agency == "某某街道"


def test_page_fields_of_a_crawler_header():
    from nlp.agency import page_fields

    lines = [
        "标题： 某某镇2023年政府信息公开工作年度报告",
        "发布时间: 2024-01-15",
        "发布机构：某某镇人民政府",
        "索引号: 001234-2024-0001",
        "URL: http://www.example.gov.cn/a.html",
        "一、总体情况",
        "标题: a second title is not the first",
    ]
    fields = page_fields(lines)
    assert fields == {
        "title": "某某镇2023年政府信息公开工作年度报告",
        "published": "2024-01-15",
        "publisher": "某某镇人民政府",
        "index": "001234-2024-0001",
        "url": "http://www.example.gov.cn/a.html",
    }
    assert page_fields(["全年主动公开政府信息86条。", "来源不明的说法"]) == {}
