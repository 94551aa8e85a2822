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
