"""Structure of the real seeds and reports (../shared), and the same seed through every file format."""

from __future__ import annotations

import re

import pytest
from makers import write_docx, write_html, write_pdf

import nlp
from nlp.report import SECTION_KEYS
from tests.conftest import shared_path

TRADITIONAL = re.compile("[開報與會發現實據據處關條質應這東當產頁區縣鎮]")
PINYIN_GLOSS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+[)）]")

# What each seed really is (../shared/seeds/README.md): title, agency, year, section keys in order.
SEEDS = {
    "000_3fbb002993fdb7e6": (
        "湛河区轻工路街道办事处2020年政府信息公开工作年度报告",
        "湛河区轻工路街道办事处",
        2020,
        # table 三's heading is lost with the missing stretch of text; 四、结转… is a table row
        ["extra", "overview", "active", "review_litigation", "problems_improvements", "other_matters"],
    ),
    "001_82d6f7fdece5d549": (
        "飞云街道2020年政府信息公开工作年度报告",
        "飞云街道",
        2020,
        ["extra", *SECTION_KEYS],
    ),
    "002_8775b43b601402e9": (
        "湛河区城市管理局2021年政府信息公开工作年度报告",
        "湛河区城市管理局",
        2021,
        ["extra", *SECTION_KEYS],
    ),
    "003_300c643672395d3d": (
        "桦川县悦来镇2020年政府信息公开工作年度报告",
        "桦川县悦来镇",
        2020,
        ["extra", *SECTION_KEYS],
    ),
    "004_46deb1f51ba2e893": (
        "宁海县桃源街道2020年政府信息公开年度报告",
        "宁海县桃源街道",
        2020,
        ["extra", "overview", "active", "requests", "review_litigation", "extra", "problems_improvements", "other_matters"],
    ),
}


@pytest.fixture(scope="module")
def seed_reports() -> dict[str, nlp.Report]:
    folder = shared_path("seeds")
    return {doc_id: nlp.read_report(folder / f"{doc_id}.txt") for doc_id in SEEDS}


@pytest.mark.parametrize("doc_id", sorted(SEEDS))
def test_seed_title_agency_year_sections(seed_reports, doc_id):
    title, agency, year, keys = SEEDS[doc_id]
    report = seed_reports[doc_id]
    assert report.title == title
    assert report.agency == agency
    assert report.year == year
    assert report.section_keys == keys


def test_seed_000_table_row_is_not_a_section(seed_reports):
    report = seed_reports["000_3fbb002993fdb7e6"]
    assert not any("结转" in section.title for section in report.sections)
    assert any(p.text.startswith("四、结转下年度继续办理") and p.kind == "table" for p in report.paragraphs)
    assert "sections not found: requests" in report.warnings


def test_seed_001_glued_traditional_page(seed_reports):
    report = seed_reports["001_82d6f7fdece5d549"]
    texts = [p.text for p in report.paragraphs]
    assert not any(TRADITIONAL.search(t) for t in texts)
    assert not any(PINYIN_GLOSS.search(t) for t in texts)
    assert len(report.narrative()) >= 10  # the one-line report split back into units
    assert any(t.startswith("二是依申请公开政府信息和不予公开政府信息情况") for t in texts)
    assert report.paragraphs[0].kind == "meta"  # the breadcrumb


def test_seed_002_sentence_across_page_break_joined(seed_reports):
    report = seed_reports["002_8775b43b601402e9"]
    assert any("三是进一步提高信息公开工作的规范化" in p.text for p in report.paragraphs)


def test_seed_003_pdf_text_joined_and_improvements_under_six(seed_reports):
    report = seed_reports["003_300c643672395d3d"]
    assert any("公开了涉及部门概况、法律法规" in p.text for p in report.paragraphs)
    other = report.section("other_matters")
    assert any(p.text.startswith("1. 进一步加强组织领导") for p in other.paragraphs)


def test_seed_004_numbering_and_extra_section(seed_reports):
    report = seed_reports["004_46deb1f51ba2e893"]
    assert [s.number for s in report.sections] == [None, "1", "2", "三", "四", "5", "六", "七"]
    assert report.sections[5].title == "机构建设及组织保障情况"
    # the legacy table's cells (单位, 人, ——), one a line, are table paragraphs, not prose
    assert not [p.text for p in report.sections[5].paragraphs if p.kind == "narrative" and len(p.text) <= 2]
    first = report.section("overview").paragraphs[1]
    assert first.text.startswith("根据《中华人民共和国政府信息公开条例》")  # [bookmark: _GoBack] removed
    # ... and the offsets still point into the user's text, where the bookmark stands before it
    assert "[bookmark: _GoBack]" in report.source_text[first.start - 30 : first.start]


@pytest.mark.parametrize("name", ["huaian_2024.pdf", "sh_kewei_2024.md", "sh_office_2025.md", "shuyang_2025.txt"])
def test_real_reports_have_all_six_sections(name):
    report = nlp.read_report(shared_path("reports", name))
    assert set(SECTION_KEYS) <= set(report.section_keys)
    assert report.year in (2024, 2025)
    for paragraph in report.narrative():
        # No paragraph cut by a page break or a PDF line wrap: narrative ends a sentence.
        assert paragraph.text.endswith(tuple("。！？；：”）)")), paragraph.text[-40:]


def test_every_paragraph_maps_back_to_the_users_text(seed_reports):
    for report in seed_reports.values():
        for paragraph in report.paragraphs:
            original = report.original(paragraph)
            assert original.strip(), paragraph
            # Same characters as the clean text, once both are compared in the comparable form.
            head = nlp.normalize_text(original).text.replace("\n", "")
            assert re.sub(r"\s", "", paragraph.text)[:4] in re.sub(r"\s", "", head), (paragraph.text[:30], original[:60])


def test_old_report_without_2019_template_parses_and_says_what_is_missing():
    text = (
        "某某县民政局2012年政府信息公开工作年度报告\n"
        "一、概述\n本年度我局认真贯彻落实条例。\n"
        "二、主动公开政府信息情况\n全年主动公开信息120条。\n"
        "三、依申请公开政府信息情况\n全年未收到申请。\n"
        "四、政府信息公开的收费及减免情况\n未收取任何费用。\n"
        "五、存在的主要问题及改进措施\n公开内容不够全面。\n"
    )
    report = nlp.parse_text(text, doc_id="old")
    assert report.section_keys == ["extra", "overview", "active", "requests", "extra", "problems_improvements"]
    assert any("review_litigation" in w and "other_matters" in w for w in report.warnings)


def test_report_with_no_headings_parses_with_a_warning():
    report = nlp.parse_text("这是一段没有任何标题的文字。\n第二段文字。", doc_id="plain")
    assert [p.text for p in report.paragraphs] == ["这是一段没有任何标题的文字。", "第二段文字。"]
    assert any("no section headings" in w for w in report.warnings)


# ---------------------------------------------------------------------------------------------
# The same seed in every encoding and format parses to the same paragraphs
# ---------------------------------------------------------------------------------------------


def _prose(report: nlp.Report) -> list[tuple[str, str]]:
    """(section, text) of narrative and heading paragraphs, spaces removed (formats differ there)."""
    return [(p.section, re.sub(r"\s", "", p.text)) for p in report.paragraphs if p.kind in ("narrative", "heading")]


@pytest.mark.parametrize("doc_id", ["000_3fbb002993fdb7e6", "002_8775b43b601402e9", "004_46deb1f51ba2e893"])
@pytest.mark.parametrize("form", ["gb18030", "utf-16", "utf-8-sig", "docx", "pdf", "html"])
def test_seed_in_other_formats_parses_to_same_paragraphs(tmp_path, seed_reports, doc_id, form):
    text = shared_path("seeds", f"{doc_id}.txt").read_text(encoding="utf-8")
    target = tmp_path / f"{doc_id}.{'txt' if form in ('gb18030', 'utf-16', 'utf-8-sig') else form}"
    if form in ("gb18030", "utf-16", "utf-8-sig"):
        target.write_bytes(text.encode(form))
    elif form == "docx":
        write_docx(text, target)
    elif form == "pdf":
        write_pdf(text, target)
    else:
        write_html(text, target)
    converted = nlp.read_report(target)
    assert converted.doc_id == doc_id
    assert converted.title == seed_reports[doc_id].title
    assert _prose(converted) == _prose(seed_reports[doc_id])


@pytest.mark.parametrize(
    "breadcrumb",
    [
        "网站首页 > 信息公开 > 某某镇人民政府信息公开年报",
        " > 政府信息公开 > 政府信息公开年报 > 2023 > 某某镇",
        "首页>>政务公开>>某某县卫生健康局2023年政府信息公开工作年度报告",
    ],
)
def test_breadcrumb_is_meta_not_the_title(breadcrumb):
    text = "\n".join(
        [
            breadcrumb,
            "某某县某某镇人民政府2023年政府信息公开工作年度报告",
            "一、总体情况",
            "2023年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开信息120条。",
        ]
    )
    report = nlp.parse_text(text, doc_id="crumbs")
    assert report.paragraphs[0].kind == "meta"
    assert report.title == "某某县某某镇人民政府2023年政府信息公开工作年度报告"
    assert report.agency == "某某县某某镇人民政府"


# --------------------------------------------------------------------------------------------
# Crawler headers, renamed and split headings (texts written here)
# --------------------------------------------------------------------------------------------

BODY = (
    "某某县水利局2024年政府信息公开工作年度报告\n一、总体情况\n2024年，某某县水利局坚持公开为常态。\n二、主动公开政府信息情况\n"
    "三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n一是公开不够及时。\n"
    "六、其他需要报告的事项\n无。\n"
)


@pytest.mark.parametrize("colon", [":", "："])
def test_crawler_header_lines_become_metadata_not_prose(colon):
    header = (
        f"标题{colon} 某某县水利局2024年政府信息公开工作年度报告\n发布时间{colon} 2025-01-20 10:00:00\n"
        f"发布机构{colon} 某某县水利局办公室\n来源{colon} 某某县人民政府网\n索引号{colon} 11350300-2025-00012\n"
        f"原文链接{colon} http://www.example.gov.cn/art/2025/1/20/art_1.html\n==== 正文 ====\n"
    )
    report = nlp.parse_text(header + BODY)
    assert report.title == "某某县水利局2024年政府信息公开工作年度报告"
    assert report.agency == "某某县水利局办公室"
    fields = report.page_fields
    assert fields["published"] == "2025-01-20 10:00:00" and fields["url"].startswith("http://www.example.gov.cn")
    assert all(p.kind == "meta" for p in report.paragraphs[:7])
    assert not any("原文链接" in p.text or "正文 ===" in p.text for p in report.narrative())
    assert report.section_keys[1:] == list(SECTION_KEYS)


def test_page_without_crawler_header_keeps_the_title_agency():
    report = nlp.parse_text("发布机构：某某县人民政府办公室\n" + BODY)
    assert report.agency == "某某县水利局"  # a site's field alone does not override the report's own title


def test_renamed_first_section_takes_its_template_position():
    text = BODY.replace("一、总体情况", "一、政府信息主动公开工作")
    report = nlp.parse_text(text)
    assert report.section_keys[1:] == list(SECTION_KEYS)
    assert report.section("overview").title == "政府信息主动公开工作"


def test_other_matters_worded_as_matters_to_explain():
    report = nlp.parse_text(BODY.replace("六、其他需要报告的事项", "六、其他应说明事项"))
    assert "other_matters" in report.section_keys


def test_heading_numbering_on_its_own_line_in_fragmented_pages():
    fragmented = BODY.replace("2024年，", "20\n24\n年，").replace("二、主动公开", "二\n、\n主动公开").replace("三、", "三\n、\n")
    fragmented = fragmented.replace("（一）", "") + "全年收到申请\n3\n件，办结\n3\n件。\n"
    report = nlp.parse_text(fragmented)
    assert report.section_keys[1:] == list(SECTION_KEYS)
    assert any(p.text == "2024年，某某县水利局坚持公开为常态。" for p in report.narrative())


def test_problems_subheading_split_from_its_year_opens_section_five():
    text = BODY.replace("五、存在的主要问题及改进情况\n", "（一）\n2024\n年工作中存在问题的改进情况\n").replace("六、其他需要报告的事项\n无。\n", "")
    report = nlp.parse_text(text)
    assert "problems_improvements" in report.section_keys
