"""Tables printed as pictures: the reader leaves their place as a line, the checks say so, the evaluation warns.

The pages are written here: a report's narrative and the three tables' titles, each table an `<img>`
(with or without alternative text), and a logo that is no table.
"""

from __future__ import annotations

from collections import Counter

import pytest

import nlp
from nlp.findings import EXTRACTION, FAIL, UNCERTAIN
from nlp.pictures import is_picture_line, picture_alt, picture_line
from nlp.read import html_to_text
from nlp.tables.checks import check_report, tables_said_unread
from nlp.tables.extract import read_tables
from nlp.tables.pictures import table_pictures
from tests.table_layouts import cell_outcomes, report_cell_outcomes

_PAGE = """<html><body>
<p><img src="/logo.png" alt="某某县人民政府门户网站"></p>
<p>某某县市场监督管理局2022年政府信息公开工作年度报告</p>
<p>一、总体情况</p>
<p>本年度我局坚持以公开为常态、不公开为例外，全面推进政务公开工作。</p>
<p>二、主动公开政府信息情况</p>
<p><img src="/t1.png" alt="{alt_active}"></p>
<p>三、收到和处理政府信息公开申请情况</p>
<p><img src="/t2.png"{alt_requests}></p>
{review}
<p>五、存在的主要问题及改进情况</p>
<p>一是公开内容不够全面，二是解读形式较为单一。</p>
<p>六、其他需要报告的事项</p>
<p>本年度未收取信息处理费。</p>
</body></html>
"""


def _page(tmp_path, alt_active="主动公开政府信息情况", alt_requests="", review="<p>四、政府信息公开行政复议、行政诉讼情况</p>\n<p><img src='/t3.jpg'></p>"):
    path = tmp_path / "report.html"
    path.write_text(_PAGE.format(alt_active=alt_active, alt_requests=alt_requests, review=review), encoding="utf-8")
    return nlp.read_report(path)


def _missing(report) -> dict[str, object]:
    return {f.id.rsplit(".", 1)[1]: f for f in check_report(report, read_tables(report)) if f.id.startswith("tables.missing.")}


def test_picture_line_round_trips_its_alternative_text():
    assert picture_alt(picture_line("收到和处理 政府信息公开申请情况")) == "收到和处理 政府信息公开申请情况"
    assert picture_line(None) == "［图片］" and picture_alt("［图片］") == ""
    assert is_picture_line(picture_line("表］三"))  # a closing bracket in the text cannot end the line early
    assert picture_alt("本年度收到［图片］一张") is None


def test_the_reader_leaves_each_picture_in_its_place():
    lines = [line for line in html_to_text("<p>前文<img alt='图一'>后文</p><p><img src='x.png'></p>").splitlines() if line.strip()]
    assert lines == ["前文", "［图片：图一］", "后文", "［图片］"]


def test_tables_as_pictures_are_said_to_be_pictures(tmp_path):
    report = _page(tmp_path)
    missing = _missing(report)
    for table, numeral in (("active", "二"), ("requests", "三"), ("review_litigation", "四")):
        finding = missing[table]
        assert (finding.status, finding.fault) == (UNCERTAIN, EXTRACTION), finding.message
        assert f"table {numeral} is a picture" in finding.message and "cannot be read" in finding.message
    assert "主动公开政府信息情况" in missing["active"].message  # its alternative text, to find it by
    assert "某某县人民政府门户网站" not in "".join(f.message for f in missing.values())  # the logo is no table
    # a picture's line is no content of the report: page furniture (`meta`), read with its brackets folded
    pictured = [p.kind for p in report.paragraphs if is_picture_line(p.text)]
    assert len(pictured) == 4 and set(pictured) == {"meta"}
    assert tables_said_unread(check_report(report, read_tables(report))) == {"active", "requests", "review_litigation"}


def test_a_picture_named_by_its_alternative_text_needs_no_title_before_it(tmp_path):
    text = "一、总体情况\n本年度工作平稳推进。\n［图片：政府信息公开行政复议、行政诉讼情况统计表］\n［图片：logo］\n"
    assert set(table_pictures(text)) == {"review_litigation"}


def test_a_table_left_out_with_no_picture_is_still_missing(tmp_path):
    report = _page(tmp_path, review="")
    finding = _missing(report)["review_litigation"]
    assert "picture" not in finding.message
    assert finding.status == FAIL


def test_cells_of_a_table_said_unread_are_warned_not_silent():
    gold = {"cells": [{"table": "requests", "row": "granted", "col": "total", "value": 3}, {"table": "active", "row": "licensing", "col": "decisions", "value": 9}]}

    class _Nothing:
        cells: list = []
        warnings: list = []

    counts, _ = cell_outcomes(gold, _Nothing(), {"requests"})
    assert counts == Counter(warned=1, silent=1)



def test_an_evaluation_that_has_the_report_warns_of_the_cells_of_its_pictured_tables(tmp_path):
    """`report_cell_outcomes`, which the table evaluations score with: the cells of the three tables printed as
    pictures are warned of (the checks say why), none silent; `cell_outcomes` without the checks calls them silent."""
    report = _page(tmp_path)
    gold = {"cells": [{"table": "active", "row": "licensing", "col": "decisions", "value": 9},
                      {"table": "requests", "row": "granted", "col": "total", "value": 3},
                      {"table": "review_litigation", "row": "review", "col": "upheld", "value": 0}]}
    counts, bad = report_cell_outcomes(gold, report)
    assert counts == Counter(warned=3), bad
    assert cell_outcomes(gold, read_tables(report))[0] == Counter(silent=3)

def _png() -> bytes:
    """A 1×1 PNG, written here (python-docx reads a picture's size from its header)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")


def test_a_word_picture_under_a_table_title_is_said_to_be_the_table(tmp_path):
    import io

    import docx

    document = docx.Document()
    for line in ("某某乡人民政府2021年政府信息公开工作年度报告", "一、总体情况", "本年度我乡持续推进政务公开。", "二、主动公开政府信息情况"):
        document.add_paragraph(line)
    document.add_picture(io.BytesIO(_png()))
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    document.add_picture(io.BytesIO(_png()))
    document.inline_shapes[1]._inline.docPr.set("descr", "依申请公开情况统计表")
    for line in ("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "公开形式较为单一。"):
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(path)
    text = nlp.read_text(path)
    assert "［图片：依申请公开情况统计表］" in text.splitlines()
    missing = _missing(nlp.read_report(path))
    assert "table 二 is a picture in the file" in missing["active"].message  # no alternative text: none quoted
    assert "table 三 is a picture (alternative text 「依申请公开情况统计表」)" in missing["requests"].message
    assert "picture" not in missing["review_litigation"].message


def test_a_pdf_page_that_is_only_a_picture_under_a_table_title_is_said_to_be_the_table(tmp_path):
    import io

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "report.pdf"
    page = canvas.Canvas(str(path))

    def lines(texts):
        page.setFont("STSong-Light", 12)
        for i, text in enumerate(texts):
            page.drawString(72, 760 - 24 * i, text)
        page.showPage()

    lines(["某某乡人民政府2021年政府信息公开工作年度报告", "一、总体情况", "本年度我乡持续推进政务公开工作。", "二、主动公开政府信息情况", "本年度无规章和规范性文件。", "三、收到和处理政府信息公开申请情况"])
    picture = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(picture, format="PNG")
    page.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 72, 400, width=400, height=200)
    page.showPage()
    lines(["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "公开形式较为单一。"])
    page.save()
    assert "［图片］" in [line.strip() for line in nlp.read_text(path).splitlines()]
    missing = _missing(nlp.read_report(path))
    assert "table 三 is a picture in the file" in missing["requests"].message
    assert "picture" not in missing["review_litigation"].message


def test_a_pdf_of_pictures_only_is_still_refused_as_a_scan(tmp_path):
    import io

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from nlp.errors import ReadError

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    picture = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(picture, format="PNG")
    page.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 72, 400, width=400, height=200)
    page.showPage()
    page.save()
    with pytest.raises(ReadError, match="no text layer"):
        nlp.read_text(path)


def test_a_picture_line_is_still_one_once_normalised_and_is_no_paragraph():
    from nlp.normalize import normalize_text

    folded = normalize_text(picture_line("二、主动公开政府信息情况")).text  # full-width brackets and colon folded
    assert folded != picture_line("二、主动公开政府信息情况") and picture_alt(folded) == "二、主动公开政府信息情况"
    report = nlp.parse_text("某局2024年政府信息公开工作年度报告\n［图片］\n一、总体情况\n本年度我局全面推进政务公开。")
    assert not any("图片" in p.text for s in report.sections for p in s.paragraphs if p.kind != "meta")


def test_a_section_whose_heading_is_a_picture_opens_at_it(tmp_path):
    page = """<html><body><p><img src="/banner.png"></p><p>某某市2024年政府信息公开工作年度报告</p>
<p>本报告由某某市人民政府办公室编制。</p><p><img src="/h1.png"></p><p>（一）主动公开</p>
<p>全年主动公开政府信息1200条。</p><p>二、主动公开政府信息情况</p><p>第二十条第（一）项</p>
<p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p><p><img src="/h5.png"></p>
<p>一是公开内容不够全面。</p><p>二是解读形式较为单一。</p><p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p></body></html>"""
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    report = nlp.read_report(path)
    sections = {p.text: s.key for s in report.sections for p in s.paragraphs}
    assert sections["全年主动公开政府信息1200条。"] == "overview"
    assert sections["本报告由某某市人民政府办公室编制。"] != "overview"  # the banner before the title opens nothing
    assert sections["二是解读形式较为单一。"] == "problems_improvements"
    assert any("is a picture" in warning for warning in report.warnings)
    # Two pictures where one section is lost, past section 一: neither is taken for its heading.
    two = page.replace('<p><img src="/h5.png"></p>', '<p><img src="/h5.png"></p><p>一是公开内容不够全面。</p><p><img src="/photo.jpg"></p>', 1)
    path.write_text(two, encoding="utf-8")
    assert "problems_improvements" not in nlp.read_report(path).section_keys


def test_sections_whose_headings_are_pictures_in_a_row_open_at_them_in_order(tmp_path):
    page = """<html><body><p>某某市2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>全年主动公开政府信息1200条。</p>
<p>二、主动公开政府信息情况</p><p>第二十条第（一）项</p><p><img src="/h3.png"></p><p>本年度收到申请5件。</p>
<p><img src="/h4.png"></p><p>本年度未发生行政复议、行政诉讼。</p><p>五、存在的主要问题及改进情况</p><p>一是公开内容不够全面。</p>
<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p></body></html>"""
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    sections = {p.text: s.key for s in nlp.read_report(path).sections for p in s.paragraphs}
    assert sections["本年度收到申请5件。"] == "requests"
    assert sections["本年度未发生行政复议、行政诉讼。"] == "review_litigation"
    # One picture for two lost sections: which one it draws cannot be told, and neither is opened.
    path.write_text(page.replace('<p><img src="/h4.png"></p>', ""), encoding="utf-8")
    keys = nlp.read_report(path).section_keys
    assert "requests" not in keys and "review_litigation" not in keys
