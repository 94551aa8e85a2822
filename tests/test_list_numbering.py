"""Numbers drawn by the program, not typed: Word's automatic numbering in a .docx (a numbered heading
style, a multilevel list) and a browser's numbers before the items of an HTML `<ol>`. A report must read
as it shows, `一、总体情况`, not `总体情况`. Checked on lists written here and on the gold and whole crawled
reports of ../shared made into such documents and pages."""

from __future__ import annotations

import io

import pytest

import nlp
from nlp.read.docxnumbering import chinese_counting, format_number
from nlp.read.docxtext import read_docx
from nlp.read.limits import ReadLimits
from nlp.structure import parse_text
from tests.conftest import gold_and_whole_report_texts
from tests.makers import list_numbered_html, numbered_heading_lines, write_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize(
    ("number", "expected"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"), (100, "一百"), (105, "一百零五"), (110, "一百一十")]
)
def test_chinese_counting(number, expected):
    assert chinese_counting(number) == expected


def test_number_formats():
    assert [format_number(3, f) for f in ("decimal", "chineseCounting", "decimalEnclosedCircle", "ideographTraditional", "upperLetter", "lowerRoman", "decimalFullWidth")] == [
        "3", "三", "③", "丙", "C", "iii", "３",
    ]
    assert format_number(27, "lowerLetter") == "aa" and format_number(7, "someFormatWordAddsLater") == "7"


def _document(levels_xml: str, paragraphs: list[tuple[str, str | None]], overrides: str = "") -> bytes:
    """A .docx with one list (abstractNum 90 / num 90, `overrides` inside the num) and paragraphs given as
    (text, numPr xml or None)."""
    import docx
    from lxml import etree

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, etree.fromstring(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">{levels_xml}</w:abstractNum>'))
    numbering.append(etree.fromstring(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/>{overrides}</w:num>'))
    for text, num_pr in paragraphs:
        paragraph = document.add_paragraph(text)
        if num_pr:
            paragraph._p.get_or_add_pPr().append(etree.fromstring(f'<w:numPr xmlns:w="{W}">{num_pr}</w:numPr>'))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _level(index: int, number_format: str, text: str, suffix: str = "nothing", start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{index}"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="{suffix}"/></w:lvl>'
    )


def _at(level: int, num_id: int = 90) -> str:
    return f'<w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'


def test_levels_count_restart_and_nest():
    legal = _level(2, "decimal", "%1.%3", suffix="space").replace("<w:start", "<w:isLgl/><w:start")
    levels = _level(0, "chineseCounting", "%1、") + _level(1, "chineseCounting", "（%2）") + legal
    data = _document(
        levels,
        [("总体情况", _at(0)), ("主动公开", _at(1)), ("要点", _at(2)), ("要点", _at(2)), ("依申请公开", _at(1)),
         ("不编号的段落。", None), ("", _at(1)), ("主动公开政府信息情况", _at(0)), ("第一小节", _at(1)), ("关闭编号", _at(0, num_id=0))],
    )
    assert read_docx(data, "a.docx", ReadLimits()).split("\n") == [
        "一、总体情况", "（一）主动公开", "1.1 要点", "1.2 要点", "（二）依申请公开", "不编号的段落。", "",
        # The empty numbered paragraph still counts (Word draws （三） on it); a new 二、 restarts the level below.
        "二、主动公开政府信息情况", "（一）第一小节", "关闭编号",
    ]


def test_start_overrides_bullets_and_styles():
    import docx
    from lxml import etree

    levels = _level(0, "decimal", "%1.", start=3) + _level(1, "bullet", "•")
    data = _document(levels, [("三号", _at(0)), ("圆点", _at(1)), ("四号", _at(0))], overrides='<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>')
    assert read_docx(data, "b.docx", ReadLimits()).split("\n") == ["7.三号", "圆点", "8.四号"]

    # Numbering through a style, inherited by a style based on it.
    document = docx.Document(io.BytesIO(data))
    heading = document.styles["Heading 1"].element.get_or_add_pPr()
    heading.append(etree.fromstring(f'<w:numPr xmlns:w="{W}">{_at(0)}</w:numPr>'))
    document.add_paragraph("标题一", style="Heading 1")
    document.add_paragraph("标题二", style="Title")  # not based on Heading 1: no number
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_docx(buffer.getvalue(), "c.docx", ReadLimits()).split("\n")[-2:] == ["9.标题一", "标题二"]


def test_reports_whose_headings_word_numbers_keep_their_sections(tmp_path):
    """The gold and whole reports as Word documents numbered by Word: every section the text gives is
    found (13 of 42 before the reader wrote the numbers out)."""
    texts = gold_and_whole_report_texts()
    numbered = lost = 0
    for doc_id, text in texts.items():
        numbered += sum(level == 0 for level in numbered_heading_lines(text.split("\n")).values())
        expected = set(parse_text(text).section_keys)
        found = set(parse_text(nlp.read_text(write_docx(text, tmp_path / f"{doc_id}.docx", word_numbering=True))).section_keys)
        lost += not expected <= found
    assert len(texts) >= 40 and numbered >= 5 * len(texts) // 2
    assert lost == 0


def test_browser_list_numbers_are_written_out():
    from nlp.read.htmltext import html_to_text

    page = (
        '<ol style="list-style-type: cjk-ideographic"><li><h2>总体情况</h2><p>正文。</p>'
        "<ol><li>甲项</li><li>乙项</li></ol></li>"
        "<li><b>主动公开政府信息情况</b><table><tr><td>规章</td><td>0</td></tr></table></li>"
        '<li value="5">存在的主要问题及改进情况</li><li>六、其他需要报告的事项</li></ol>'
        '<ol type="A" start="3"><li>丙</li></ol><ul><li>圆点</li></ul><ol style="list-style:none"><li>无号</li></ol>'
    )
    assert html_to_text(page).split("\n")[:-1] == [
        # The number waits for the item's first text (a heading inside it); `value` sets it; an item
        # that types its own number gets none; bullets and `list-style:none` draw nothing.
        "一、总体情况", "正文。", "1.甲项", "2.乙项", "二、主动公开政府信息情况", "规章\t0",
        "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "C.丙", "圆点", "无号",
    ]


def test_pages_whose_sections_are_list_items_keep_their_sections(tmp_path):
    """The gold and whole reports as pages whose sections are the items of an `<ol>` drawn with Chinese
    numbers: every section the text gives is found (8 of 35 before the reader wrote the numbers out;
    7 texts have no section numbers in sequence to turn into list items)."""
    made = lost = 0
    for doc_id, text in gold_and_whole_report_texts().items():
        try:
            page = list_numbered_html(text, tmp_path / f"{doc_id}.html")
        except ValueError:
            continue
        made += 1
        lost += not set(parse_text(text).section_keys) <= set(parse_text(nlp.read_text(page)).section_keys)
    assert made >= 30 and lost == 0


def test_damaged_numbering_reads_without_numbers():
    """Attributes that are not numbers (a damaged or hand-made file) give no number, never a crash."""
    levels = '<w:lvl w:ilvl="x"><w:start w:val="abc"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    data = _document(levels, [("正文", '<w:ilvl w:val="?"/><w:numId w:val="90"/>')], overrides='<w:lvlOverride w:ilvl=""><w:startOverride w:val="z"/></w:lvlOverride>')
    assert read_docx(data, "d.docx", ReadLimits()).split("\n") == ["1.正文"]


def test_a_member_whose_compressed_bytes_are_damaged_is_a_read_error(tmp_path):
    """zlib's own error on a damaged deflate stream is the .docx's damage, said as a ReadError: every
    damaged copy is read or refused cleanly, and some are refused."""
    import zipfile

    from nlp.errors import ReadError

    data = write_docx("一、总体情况\n本年度主动公开信息十条。", tmp_path / "e.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        member = archive.getinfo("word/document.xml")
    start = member.header_offset + 30 + len(member.filename.encode()) + len(member.extra)
    refused = 0
    for offset in range(0, min(member.compress_size, 64), 4):
        damaged = bytearray(data)
        damaged[start + offset] ^= 0xFF
        try:
            read_docx(bytes(damaged), "e.docx", ReadLimits())
        except ReadError:
            refused += 1
    assert refused >= 1
