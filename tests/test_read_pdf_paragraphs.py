"""A PDF's lines wrapped at the right margin joined back into paragraphs from the page's layout
(`nlp.read.pdftext`, `nlp.read.pagegrid`), in every page style of `tests.pdf_pages`: no indent and no
spacing (only the right margin tells a wrap), a first-line indent, spacing between paragraphs, justified text."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from nlp.normalize.wraps import line_widths
from nlp.read import PAGE_BREAK, read_bytes
from nlp.read.pagegrid import TextLine, text_column
from nlp.structure import parse_text
from tests.conftest import SHARED, shared_path
from tests.pdf_pages import PAGE_STYLES, pdf_bytes

# Paragraphs of clauses long enough to wrap over two to four lines in every style, none ending a sentence
# inside: each must come out one line.
CLAUSES = ["本机关坚持以公开为常态、不公开为例外", "围绕重点领域加强信息发布和政策解读", "按规定及时更新政府信息公开指南和目录", "全年主动公开政府信息一千二百余条"]
PARAGRAPHS = ["，".join(CLAUSES[i:] + CLAUSES[:i]) * (1 + i % 3) + "。" for i in range(4)]
SHORT = "全年未收取信息处理费。"
HEADINGS = ["一、总体情况", "二、主动公开政府信息情况"]
FIELDS = "行政许可 27864"  # an unruled table's row: fields set apart by a gap
ROW = "规章\t0\t0\t3"  # a ruled table's row


def _report() -> str:
    return "\n".join(["示例县示例局2023年政府信息公开工作年度报告", HEADINGS[0], *PARAGRAPHS[:2], SHORT, HEADINGS[1], FIELDS, PARAGRAPHS[2], ROW, "行政规范性文件\t1\t0\t5", PARAGRAPHS[3]])


def _lines(read: str) -> list[str]:
    return [line.strip() for line in re.split(rf"[\n{PAGE_BREAK}]", read) if line.strip()]


@pytest.mark.parametrize("style", PAGE_STYLES)
def test_wrapped_paragraphs_read_one_a_line_and_nothing_else_is_joined(style):
    """Every paragraph written is one line of the text, although the page wrapped it; the headings, the short
    paragraph (its line ends short of the margin), the row of fields and the ruled table's rows stay lines of
    their own."""
    read = read_bytes(pdf_bytes(_report(), style), "r.pdf")
    lines = _lines(read)
    for paragraph in PARAGRAPHS:
        assert paragraph in lines, (style, paragraph[:20], lines)
    for line in (*HEADINGS, SHORT, FIELDS, ROW):
        assert line in lines, (style, line, lines)
    assert len(lines) == len(_report().split("\n"))


def test_without_indent_or_spacing_only_a_full_line_ending_a_sentence_goes_on():
    """In the style that marks paragraphs neither way, a line ending `。` that fills the line to the margin goes on
    to the next line (a sentence ends inside a paragraph more often than a paragraph ends exactly there), unless
    the next starts a numbered item; a line ending `。` a character short of the margin ended its paragraph."""
    full = _full_line_chars("plain")
    filled, short = "本" * (full - 1) + "。", "年" * (full - 2) + "。"
    goes_on = "全年办理依申请公开事项九件，均在法定期限内答复" * 3 + "。"
    item = "（一）主动公开情况。全年主动公开政府信息一千二百余条，其中政策文件三十件" * 2 + "。"
    text = "\n".join([filled + goes_on, short, goes_on, filled, item])
    lines = _lines(read_bytes(pdf_bytes(text, "plain"), "p.pdf"))
    assert lines == [filled + goes_on, short, goes_on, filled, item]


def _full_line_chars(style: str) -> int:
    """How many Chinese characters fill one line of the page style (from the PDF's own lines)."""
    import pdfplumber

    from nlp.read.pagegrid import text_lines

    with pdfplumber.open(io.BytesIO(pdf_bytes("示" * 400, style))) as pdf:
        return len(text_lines(pdf.pages[0].chars)[0].text)


def test_the_column_is_found_under_one_line_paragraphs_and_table_cells():
    """Where most paragraphs are one indented line, the left margin is still the wrapped lines' (not the
    indent); where a table's cells come one number a line, the right margin is still where lines wrap; rows of
    fields count for neither."""

    def line(text: str, x0: float, x1: float, top: float) -> TextLine:
        return TextLine(text, x0, x1, top, 10.0)

    lines = [line("本年度政务公开工作稳步推进。", 90.0, 230.0, 100.0 + 15 * i) for i in range(12)]  # one-line paragraphs
    lines += [line("全年主动公开政府信息一千二百余条，其中政策文件", 90.0, 520.0, 300.0), line("三十件，均按规定公开。", 70.0, 180.0, 315.0)]
    lines += [line("本机关坚持以公开为常态、不公开为例外，围绕", 70.0, 520.0 - (i % 2), 330.0 + 15 * i) for i in range(4)]
    lines += [line(str(n), 70.0, 80.0, 400.0 + 15 * n) for n in range(20)]  # a table's cells, a number a line
    lines += [line("行政许可 27864", 40.0, 300.0, 700.0 + 15 * i) for i in range(6)]  # rows of fields, further left
    column = text_column(lines)
    assert column is not None
    assert abs(column.left - 70.0) <= 5.0 and column.indented
    assert abs(column.right - 520.0) <= 5.0
    assert abs(column.pitch - 15.0) <= 2.5


def _authored_dev() -> list[dict]:
    """The first development reports of the authored set (odd numbers: `tests/gold/AUTHORED.md`)."""
    path = Path(__file__).parent / "gold" / "authored_reports.jsonl"
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [record for record in records if int(record["doc_id"][1:3]) % 2 == 1][:4]


@pytest.mark.parametrize("style", ["indent", "justified"])
def test_the_normaliser_finds_no_wrap_width_and_keeps_the_paragraphs(style):
    """A PDF read a paragraph a line has no wrap width for the normaliser to find (`line_widths`), so its wrap
    joins do not run paragraphs the layout set apart into one: each of the authored reports' paragraphs is whole
    after structuring, but for a paragraph cut by a page break, which the normaliser mends."""
    for record in _authored_dev():
        read = read_bytes(pdf_bytes(record["text"], style), f"{record['doc_id']}.pdf")
        assert line_widths(read.replace(PAGE_BREAK, "\n").split("\n")) is None
        found = {paragraph.text for paragraph in parse_text(read, doc_id="r").paragraphs}
        wanted = [p.text for p in parse_text(record["text"], doc_id="w").paragraphs if "\t" not in p.text]
        missed = [text for text in wanted if text not in found]
        assert len(missed) <= read.count(PAGE_BREAK), (style, record["doc_id"], missed)


@pytest.mark.parametrize("foot", ["— {page} —", "第 {page} 页 共 {pages} 页", "示例市示例局"])
def test_running_heads_and_feet_go_and_paragraphs_run_over_the_page_breaks(tmp_path, foot):
    """A running head across the top of every page and a foot under the text (a page number, or the agency's name)
    are no part of the report: they go, but for the first page's head (it may be the title), so that a paragraph
    running over a page break is one paragraph again once structured."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    head = "示例市示例局政府信息公开工作年度报告"

    def furniture(canvas, document) -> None:
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(40, A4[1] - 30, head)
        canvas.drawCentredString(A4[0] / 2, 25, foot.format(page=document.page, pages=9))

    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16, wordWrap="CJK", firstLineIndent=21)
    paragraphs = [f"{number}、{text}" for number, text in enumerate(PARAGRAPHS * 12, start=1)]
    path = tmp_path / "furniture.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=40, rightMargin=40).build(
        [Paragraph(text, body) for text in paragraphs], onFirstPage=furniture, onLaterPages=furniture
    )
    read = read_bytes(path.read_bytes(), "furniture.pdf")
    pages = read.split(PAGE_BREAK)
    assert len(pages) >= 3
    assert _lines(pages[0])[0] == head and all(head not in page for page in pages[1:])
    feet = {foot.format(page=number, pages=9) for number in range(1, len(pages) + 1)}
    assert not feet & set(_lines(read))
    found = [p.text for p in parse_text(read, doc_id="r").paragraphs if p.kind == "narrative"]
    assert found == paragraphs  # every one whole, those the page breaks cut too, and nothing else


def test_shared_pdfs_keep_their_sections():
    """The crawled PDFs of ../shared read with the layout join: all six template sections found, in order."""
    paths = sorted(shared_path("reports").glob("*.pdf")) + sorted((SHARED / "seeds").glob("*.pdf"))
    if not paths:
        pytest.skip("no PDF in ../shared/reports or ../shared/seeds")
    import nlp

    six = ["overview", "active", "requests", "review_litigation", "problems_improvements", "other_matters"]
    for path in paths:
        report = nlp.read_report(path)
        assert [key for key in report.section_keys if key in six] == six, (path.name, report.section_keys)
        assert report.paragraphs, path.name
