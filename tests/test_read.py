"""Readers: encodings detected from the bytes, every format, and bad input refused clearly."""

from __future__ import annotations

import io
import zipfile

import pytest
from makers import write_docx, write_html, write_pdf

from nlp.errors import ReadError
from nlp.read import MAX_BYTES, read_text

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
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    path = tmp_path / "archive.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReadError, match="not a .docx"):
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
