"""Readers: encodings detected from the bytes, every format, and bad input refused clearly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from makers import write_docx, write_html, write_pdf

from nlp.errors import ReadError, ReadLimitError
from nlp.read import HTML_PARSER_DEPTH, MAX_BYTES, ReadLimits, html_to_text, read_bytes, read_text

SAMPLE = "某某镇2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息86条。\n规章\t0\t0\t0\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk", "big5"])
def test_text_encodings_are_detected_not_guessed(tmp_path, encoding):
    text = SAMPLE if encoding != "big5" else "某某鎮2023年政府信息公開工作年度報告\n一、總體情況\n全年主動公開政府信息86條。\n"
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text(path).replace("\ufeff", "") == text


def test_encoding_ignores_the_extension(tmp_path):
    path = tmp_path / "report.html"  # GB18030 text misnamed .html
    path.write_bytes(SAMPLE.encode("gb18030"))
    assert read_text(path) == SAMPLE


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    path = write_docx(SAMPLE, tmp_path / "r.docx")
    lines = read_text(path).split("\n")
    assert lines[:3] == SAMPLE.split("\n")[:3]
    assert lines[3] == "规章\t0\t0\t0"


def test_pdf_text_layer(tmp_path):
    path = write_pdf(SAMPLE, tmp_path / "r.pdf")
    text = read_text(path)
    assert "一、总体情况" in text and "全年主动公开政府信息86条。" in text
    assert "\f" in text or text.count("\n") >= 3


def test_html_visible_text_and_table_rows(tmp_path):
    path = write_html(SAMPLE, tmp_path / "r.html")
    text = read_text(path)
    assert "不是正文" not in text  # script content is not visible text
    assert "全年主动公开政府信息86条。" in text.split("\n")
    assert "规章\t0\t0\t0" in text.split("\n")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("photo.pdf", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 200, "JPEG"),
        ("fake.pdf", b"this is not a pdf at all", "not a PDF"),
        ("broken.pdf", b"%PDF-1.4\n garbage garbage", "PDF"),
        ("notdocx.docx", b"PK\x03\x04" + b"\x00" * 100, "zip"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "save it as .docx"),
    ],
)
def test_bad_files_raise_read_error_naming_file_and_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_text(path)
    assert name in str(info.value)
    assert reason.lower() in str(info.value).lower()


def test_zip_without_word_document(tmp_path):
    """A zip that is no Word document is an archive, whatever its name: it holds no report file here, and
    says so naming what it holds; holding one report file, it is read as that file (tests/test_read_crawled.py)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("picture.png", b"\x89PNG")
    path = tmp_path / "archive.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReadError, match="no report file.*picture.png"):
        read_text(path)


def test_huge_file_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: costs no disk
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(ReadError, match="over the"):
        read_text(path)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_text(tmp_path / "nope.txt")


# -- limits on what one file may cost (ReadLimits) -------------------------------------------------

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "qinghe_culture_tourism_2023.txt"


def _with_members(docx_path: Path, out: Path, members: dict[str, bytes]) -> Path:
    """A copy of a real .docx with extra zip members (as a zip bomb or a stuffed archive carries)."""
    with zipfile.ZipFile(docx_path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for name, data in members.items():
            target.writestr(name, data)
    return out


@pytest.mark.parametrize(
    "field, value",
    [("max_bytes", 0), ("max_chars", -1), ("max_pdf_pages", 1.5), ("max_docx_members", True), ("max_html_depth", HTML_PARSER_DEPTH + 1)],
)
def test_read_limits_refuse_meaningless_settings(field, value):
    with pytest.raises(ValueError, match=field):
        ReadLimits(**{field: value})


def test_docx_zip_bomb_is_refused_before_parsing(tmp_path):
    good = write_docx(EXAMPLE.read_text(encoding="utf-8"), tmp_path / "good.docx")
    # 8 MB of zeros deflate to a few KB: the archive stays small, its content does not.
    bomb = _with_members(good, tmp_path / "bomb.docx", {"word/media/image1.bin": bytes(8 * 1024 * 1024)})
    assert bomb.stat().st_size < 200_000
    limits = ReadLimits(max_docx_unpacked=4 * 1024 * 1024)
    with pytest.raises(ReadLimitError, match="max_docx_unpacked") as info:
        read_text(bomb, limits=limits)
    assert info.value.limit == "max_docx_unpacked" and "bomb.docx" in str(info.value)
    assert isinstance(info.value, ReadError)  # callers that catch ReadError keep working
    # The same file under the default limits, and the good file under the tight one, still read.
    assert "年度报告" in read_text(bomb)
    assert "年度报告" in read_text(good, limits=limits)


def test_docx_with_a_lying_size_in_its_directory_is_damaged_not_inflated(tmp_path):
    good = write_docx(SAMPLE, tmp_path / "good.docx")
    stuffed = _with_members(good, tmp_path / "stuffed.docx", {"word/media/x.bin": bytes(3 * 1024 * 1024)})
    data = bytearray(stuffed.read_bytes())
    # Make the central directory claim 1,000 bytes for the 3 MB member (a bomb hiding from size checks).
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/media/x.bin"))
    data[entry + 24 : entry + 28] = (1000).to_bytes(4, "little")
    stuffed.write_bytes(bytes(data))
    with pytest.raises(ReadError, match="damaged"):
        read_text(stuffed, limits=ReadLimits(max_docx_unpacked=2 * 1024 * 1024))


def test_docx_with_too_many_members(tmp_path):
    good = write_docx(SAMPLE, tmp_path / "good.docx")
    stuffed = _with_members(good, tmp_path / "many.docx", {f"customXml/extra{i}.xml": b"<a/>" for i in range(60)})
    with pytest.raises(ReadLimitError, match="max_docx_members"):
        read_text(stuffed, limits=ReadLimits(max_docx_members=40))
    assert read_text(stuffed, limits=ReadLimits(max_docx_members=100)).startswith("某某镇")


def test_pdf_pages_and_characters_are_limited(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    pdf = write_pdf(text, tmp_path / "long.pdf", lines_per_page=6)
    pages = read_text(pdf).count("\f") + 1
    assert pages > 10
    with pytest.raises(ReadLimitError, match="max_pdf_pages") as info:
        read_text(pdf, limits=ReadLimits(max_pdf_pages=pages - 1))
    assert f"over {pages - 1:,} pages" in str(info.value)
    assert read_text(pdf, limits=ReadLimits(max_pdf_pages=pages)).count("\f") == pages - 1
    with pytest.raises(ReadLimitError, match="max_chars"):
        read_text(pdf, limits=ReadLimits(max_chars=len(text) // 3))


@pytest.mark.parametrize("kind", ["txt", "docx", "html"])
def test_characters_are_limited_in_every_format(tmp_path, kind):
    text = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / f"r.{kind}"
    if kind == "txt":
        path.write_bytes(text.encode("gb18030"))
    elif kind == "docx":
        write_docx(text, path)
    else:
        write_html(text, path)
    assert len(read_text(path)) > 1000
    with pytest.raises(ReadLimitError, match="max_chars"):
        read_text(path, limits=ReadLimits(max_chars=1000))


def test_text_far_over_the_character_limit_is_refused_before_decoding(monkeypatch):
    import nlp.read

    def no_decoding(data, name):
        raise AssertionError("decoded")

    monkeypatch.setattr(nlp.read, "decode", no_decoding)
    data = SAMPLE.encode("gb18030") * 50
    with pytest.raises(ReadLimitError, match="max_chars"):
        read_bytes(data, name="long.txt", limits=ReadLimits(max_chars=len(data) // 4 - 1))
    page = ("<html><body>" + "<div class='x'>公开</div>" * 200 + "</body></html>").encode("utf-8")
    with pytest.raises(AssertionError, match="decoded"):  # markup is not text: a page goes on to be read
        read_bytes(page, name="page.html", limits=ReadLimits(max_chars=len(page) // 4 - 1))


def test_bytes_in_memory_obey_the_size_limit():
    data = SAMPLE.encode("utf-8") * 100
    with pytest.raises(ReadLimitError, match="max_bytes"):
        read_bytes(data, name="mem.txt", limits=ReadLimits(max_bytes=len(data) - 1))
    assert read_bytes(data, name="mem.txt", limits=ReadLimits(max_bytes=len(data))).startswith("某某镇")


def _nested(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "<p>深处的正文</p>" + "</div>" * depth + "<p>页脚之后</p></body></html>"


def test_deeply_nested_html_is_refused_not_read_in_part():
    assert html_to_text(_nested(500)).split("\n")[:2] == ["深处的正文", "页脚之后"]
    with pytest.raises(ReadLimitError, match="max_html_depth"):
        html_to_text(_nested(1_500))
    assert "深处的正文" in html_to_text(_nested(1_500), limits=ReadLimits(max_html_depth=HTML_PARSER_DEPTH))
    # Past the parser's own depth no setting helps: refused, never silently cut to what was above it.
    with pytest.raises(ReadLimitError, match="past what the HTML parser reads"):
        html_to_text(_nested(100_000), limits=ReadLimits(max_html_depth=HTML_PARSER_DEPTH))


def test_html_text_extraction_keeps_rows_blocks_and_drops_hidden_content():
    page = (
        "<html><head><title>标题不是正文</title></head><body><div>首页 &gt; 公开<!-- 注释 -->尾</div>"
        "<p>一、总体情况<br>全年主动公开<b>86</b>条。</p><script>var x='脚本';</script>之后"
        "<table><tr><td>规章</td><td> 0 <span>1</span></td><th>2</th></tr>"
        "<tr><td><table><tr><td>内</td><td>表</td></tr></table></td><td>x<style>p{}</style>y</td></tr></table>"
        "<ul><li>甲</li><li>乙</li></ul><noscript>无脚本</noscript></body></html>"
    )
    lines = html_to_text(page).split("\n")
    assert lines == ["首页 > 公开尾", "一、总体情况", "全年主动公开86条。", "之后", "规章\t0 1\t2", "内 表\tx y", "甲", "乙", ""]


def test_html_given_as_text_ignores_a_stale_charset_declaration():
    page = '<?xml version="1.0" encoding="gbk"?><html><head><meta charset="big5"></head><body><p>政府信息公开</p></body></html>'
    assert html_to_text(page) == "政府信息公开\n"

# --------------------------------------------------------------------------------------------
# Saved web pages: encodings with and without the page's own declaration
# --------------------------------------------------------------------------------------------

PAGE_TEXT = "某某县2023年政府信息公开工作年度报告。一、总体情况。本年度主动公开政府信息86条，全年未收到政府信息公开申请。"
TRADITIONAL_TEXT = "某某縣2023年政府信息公開工作年度報告。一、總體情況。本年度主動公開政府信息86條，全年未收到政府信息公開申請。"


def _page(text: str, encoding: str, declared: str | None, markup: int = 1) -> bytes:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    padding = '<div class="nav"><a href="/index.html">index</a></div>' * markup  # ASCII furniture
    return f"<html><head>{meta}<title>report</title></head><body>{padding}<p>{text}</p></body></html>".encode(encoding)


def test_tiny_utf8_page_with_meta_charset_is_not_utf16():
    page = b'<html><head><meta charset="utf-8"></head><body><p>' + "一、总体情况".encode() + b"</p></body></html>"
    assert len(page) < 140  # a page this short once read as UTF-16-LE nonsense
    from nlp.read import read_bytes

    assert read_bytes(page, "tiny.html").strip() == "一、总体情况"


@pytest.mark.parametrize("markup", [1, 40])
def test_utf8_page_of_mostly_ascii_markup_without_declaration(markup):
    from nlp.read import read_bytes

    text = read_bytes(_page(PAGE_TEXT, "utf-8", None, markup), "page.html")
    assert PAGE_TEXT in text


@pytest.mark.parametrize(
    "encoding, declared, text",
    [
        ("gb18030", "gb2312", PAGE_TEXT),
        ("gb18030", "gbk", PAGE_TEXT),
        ("gb18030", None, PAGE_TEXT),
        ("gbk", "GBK", PAGE_TEXT),
        ("gbk", None, PAGE_TEXT),
        ("big5", "big5", TRADITIONAL_TEXT),
        ("big5", None, TRADITIONAL_TEXT),
        ("utf-8", "gb2312", PAGE_TEXT),  # a wrong declaration: the bytes are valid UTF-8
        ("gb18030", "utf-8", PAGE_TEXT),  # a wrong declaration the other way
        ("utf-16-le", None, PAGE_TEXT),
    ],
)
def test_chinese_pages_decode_with_or_without_declared_charset(encoding, declared, text):
    from nlp.read import read_bytes

    assert text in read_bytes(_page(text, encoding, declared), "page.html")


def test_declared_charset_names_the_codec_family():
    from nlp.read import declared_charset

    assert declared_charset(b'<meta charset="GB2312">') == "gb18030"
    assert declared_charset(b"<meta http-equiv='Content-Type' content='text/html; charset=big5'>") == "big5hkscs"
    assert declared_charset(b'<?xml version="1.0" encoding="UTF-8"?>') == "utf-8"
    assert declared_charset(b'<meta charset="x-unknown-thing">') is None
    assert declared_charset(b"<p>charset=gbk is mentioned in prose</p>") is None


def test_declared_big5_wins_where_gb18030_also_decodes():
    # Short Big5 text also decodes as GB18030; the declaration settles it when it reads as well.
    from nlp.read import read_bytes

    text = "總體情況"
    page = _page(text, "big5", "big5", markup=0)
    assert text in read_bytes(page, "page.html")


def test_html_table_rows_keep_their_empty_cells_at_either_end():
    # A row whose first cells are blank (table 四's 行政复议 columns of an agency with no cases):
    # the blanks are fields, not whitespace, or the numbers move into the wrong columns.
    page = (
        "<html><body><p>四、行政复议、行政诉讼情况</p><table>"
        "<tr><td></td><td> </td><td>3</td><td>0</td><td></td></tr>"
        "<tr><td></td><td></td></tr>"  # a row of blanks carries nothing
        "<tr><td>甲\n乙</td><td>1</td></tr></table><p>  正文  </p></body></html>"
    )
    assert html_to_text(page).split("\n") == ["四、行政复议、行政诉讼情况", "\t\t3\t0\t", "甲 乙\t1", "正文", ""]


def test_a_page_turned_sideways_reads_as_its_text_was_set(tmp_path):
    """A page turned a quarter (`/Rotate 90`, as a tool that turns a page leaves it): the viewer shows its text
    sideways and, read as shown, every line is a column of single characters. It is read as the text was set."""
    text = "\n".join(f"第{n}段，本年度我局主动公开政府信息{n * 7}条，办理申请{n}件。" for n in range(1, 40))
    plain = read_text(write_pdf(text, tmp_path / "plain.pdf", lines_per_page=12))
    turned = read_text(write_pdf(text, tmp_path / "turned.pdf", lines_per_page=12, turned=frozenset({1, 2})))
    assert turned == plain and "主动公开政府信息70条" in turned


@pytest.mark.parametrize("turn", [180, 270])
def test_a_page_turned_upside_down_or_the_other_way_reads_as_its_text_was_set(tmp_path, turn):
    """Turned a half (`/Rotate 180`), read as shown, every line reads backwards, last line first; turned three
    quarters, the lines are columns again. Both are read as the text was set."""
    text = "\n".join(f"第{n}段，本年度我局主动公开政府信息{n * 7}条，办理申请{n}件。" for n in range(1, 40))
    plain = read_text(write_pdf(text, tmp_path / "plain.pdf", lines_per_page=12))
    turned = read_text(write_pdf(text, tmp_path / "turned.pdf", lines_per_page=12, turned=frozenset({1, 2}), turn=turn))
    assert turned == plain and "主动公开政府信息70条" in turned
