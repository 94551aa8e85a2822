"""Word 97–2003 (.doc), WPS (.wps) and RTF files, read as the same document saved as .docx reads.

The fixtures of `tests/fixtures/word/` were made by an independent writer, LibreOffice, from .docx files
holding the project's own texts (`scripts/make_word_fixtures.py`; README beside them). RTF as Word and
Chinese converters write it (GBK escapes, `\\uN`, raw bytes, Big5) is made by `makers.rtf_bytes`.
"""

from __future__ import annotations

import json
import random
import shutil
import struct
from functools import cache
from pathlib import Path

import pytest
from makers import RTF_ESCAPES, rtf_bytes, write_docx

import nlp
from nlp.errors import ReadError, ReadLimitError
from nlp.read import ReadLimits, read_bytes, read_text
from nlp.tables.extract import read_tables
from tests.conftest import gold_and_whole_report_texts

FIXTURES = Path(__file__).parent / "fixtures" / "word"
AUTHORED = Path(__file__).parent / "gold" / "authored_reports.jsonl"


@cache
def _authored() -> dict[str, str]:
    with AUTHORED.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return {r["doc_id"]: r["text"] for r in records if int(r["doc_id"][1:3]) % 2 == 1}  # development part only


def _source_docx(stem: str, folder: Path) -> Path:
    """The .docx a fixture was converted from: committed for `tables`, rewritten for an authored report."""
    if stem == "tables":
        return FIXTURES / "tables.docx"
    if "__" in stem:  # laid out in a page frame, in text boxes, …: `docx_frames`
        from docx_frames import FRAMES, rewrite_docx

        base, _, frame = stem.partition("__")
        return rewrite_docx(_source_docx(base, folder), folder / f"{stem}.docx", FRAMES[frame])
    numbered = stem.endswith("_numbered")  # headings numbered by Word, not in their text
    return write_docx(_authored()[stem.removesuffix("_numbered")], folder / f"{stem}.docx", word_numbering=numbered)


CONVERTED = sorted(path.name for path in FIXTURES.glob("*") if path.suffix in (".doc", ".rtf"))


def test_fixtures_are_there_and_small():
    assert {"A07_ybj_2023.doc", "A07_ybj_2023.rtf", "tables.doc", "tables.rtf"} <= set(CONVERTED)
    assert all((FIXTURES / name).stat().st_size < 100_000 for name in CONVERTED)


@pytest.mark.parametrize("name", CONVERTED)
def test_a_converted_file_reads_as_its_docx(name, tmp_path):
    """Paragraphs, table rows (cells merged across and down laid on the table's grid), a field's
    result without its code, a line break: the text equals the source .docx's."""
    path = FIXTURES / name
    expected = read_text(_source_docx(path.stem, tmp_path))
    assert read_text(path).rstrip("\n") == expected.rstrip("\n")


def test_the_tables_fixture_holds_what_it_tests():
    text = read_text(FIXTURES / "tables.doc")
    assert "通过政府信息公开专栏主动公开" in text and "HYPERLINK" not in text  # field result kept, code dropped
    assert "办理依申请公开事项9件，\n均在法定期限内答复。" in text  # vertical tab (Shift+Enter) → line break
    lines = text.split("\n")
    assert "信息内容\t本年制发件数\t本年废止件数\t现行有效件数" in lines
    # Table 三 nine columns wide: its rows' properties stand in the Data stream (sprmPHugePapx).
    assert "三、本年度办理结果\t（一）予以公开\t5\t1\t0\t0\t0\t0\t6" in lines and "\t（二）部分公开\t1\t0\t0\t0\t0\t0\t1" in lines
    assert "\t\t自然人\t法人或其他组织\t\t\t\t\t总计" in lines  # merged across and down
    assert "四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2 （含转办）" in lines  # a cell of two paragraphs


def test_numbers_word_draws_are_written_out():
    """Section headings numbered by a heading style, subheadings by their own list: the text holds
    `基本情况`, Word shows `一、基本情况`; written out as the .docx reader writes them."""
    assert "一、基本情况" in _authored()["A07_ybj_2023"].split("\n")
    for name in ("A07_ybj_2023_numbered.doc", "A07_ybj_2023_numbered.rtf"):
        lines = read_text(FIXTURES / name).split("\n")
        assert "一、基本情况" in lines and "（二）着力抓好依申请公开" in lines and "二、主动公开政府信息情况" in lines, name


@pytest.mark.parametrize("name", ["A07_ybj_2023.doc", "tables.doc", "tables.rtf", "A07_ybj_2023_numbered.doc", "A07_ybj_2023_numbered.rtf"])
def test_sections_and_cells_as_from_the_docx(name, tmp_path):
    path = FIXTURES / name
    source = _source_docx(path.stem, tmp_path)
    got, want = nlp.read_report(path), nlp.read_report(source)
    assert got.section_keys == want.section_keys and len(got.section_keys) >= 5
    assert [p.text for p in got.paragraphs] == [p.text for p in want.paragraphs]
    cells = lambda report: sorted((c.table, c.row, c.col, c.value) for c in read_tables(report).cells)  # noqa: E731
    assert cells(got) == cells(want) and cells(got)


def test_the_bytes_decide_not_the_name(tmp_path):
    """A .doc renamed .wps (what WPS writes), and an RTF, a web page, a .docx or GBK text saved under a
    .doc name, each read as what it is."""
    text = _authored()["A07_ybj_2023"]
    expected = read_text(write_docx(text, tmp_path / "source.docx")).rstrip("\n")
    shutil.copy(FIXTURES / "A07_ybj_2023.doc", tmp_path / "report.wps")
    shutil.copy(FIXTURES / "A07_ybj_2023.rtf", tmp_path / "rtf.doc")
    shutil.copy(tmp_path / "source.docx", tmp_path / "docx.doc")
    (tmp_path / "page.doc").write_bytes(f"<html><body><p>{text.splitlines()[0]}</p></body></html>".encode())
    (tmp_path / "plain.doc").write_bytes(text.encode("gb18030"))
    for name in ("report.wps", "rtf.doc", "docx.doc"):
        assert read_text(tmp_path / name).rstrip("\n") == expected, name
    assert read_text(tmp_path / "page.doc").strip() == text.splitlines()[0]
    assert read_text(tmp_path / "plain.doc") == text


def _rtf_texts() -> dict[str, str]:
    texts = dict(_authored())
    try:
        texts.update(gold_and_whole_report_texts())
    except pytest.skip.Exception:
        pass  # ../shared absent: the authored reports alone
    return texts


@pytest.fixture(scope="module")
def docx_texts(tmp_path_factory) -> dict[str, tuple[str, str]]:
    """doc_id → (text as Word can hold it, that text written to .docx and read back): once for every variant."""
    folder = tmp_path_factory.mktemp("docx")
    texts = {}
    for doc_id, text in _rtf_texts().items():
        # Word holds no form feeds and drops control characters: the text as a .docx holds it.
        text = "".join(char for char in text if char in "\t\n\f" or ord(char) >= 0x20)
        texts[doc_id] = (text, read_text(write_docx(text, folder / "r.docx")).rstrip("\n"))
    return texts


@pytest.mark.parametrize("escapes", RTF_ESCAPES)
def test_rtf_as_chinese_writers_escape_it_reads_as_the_docx(escapes, docx_texts):
    """Every authored development report, gold and whole crawled report: RTF with Chinese as GBK escapes,
    \\uN escapes (with `?` or GBK fallbacks), raw GBK bytes or Big5, tables as \\cell/\\row."""
    import opencc

    convert = opencc.OpenCC("s2t").convert if escapes == "big5" else (lambda text: text)
    differ = [
        doc_id
        for doc_id, (text, expected) in docx_texts.items()
        if read_bytes(rtf_bytes(text, escapes), f"{doc_id}.rtf").rstrip("\n") != convert(expected)
    ]
    assert not differ


def test_a_gbk_trail_byte_written_as_ascii_joins_its_lead_byte():
    text = "朱镕基、珺、昇\t1\t2\n堃喆{与}\\"
    assert any(0x40 <= byte < 0x80 for byte in "镕珺昇".encode("gbk"))  # the case this test is about
    assert read_bytes(rtf_bytes(text, "gbk"), "x.rtf").rstrip("\n") == text


def test_rtf_unicode_beyond_the_basic_plane_and_skipped_groups():
    data = rtf_bytes("𠀋字\n正文", "unicode")
    assert read_bytes(data, "x.rtf").rstrip("\n") == "𠀋字\n正文"  # a surrogate pair as two \uN
    text = read_bytes(data, "x.rtf")
    assert "页眉" not in text and "89504e47" not in text and "年度报告" not in text  # header, picture, \info


# -- damaged and foreign files: a clear ReadError, never a traceback ----------------------------------


def _word_stream_at(data: bytes) -> int:
    """File offset of the WordDocument stream (its FIB): the sector holding Word's signature."""
    for offset in range(512, len(data), 512):
        if data[offset : offset + 2] == b"\xec\xa5":
            return offset
    raise AssertionError("no FIB found")


def _renamed_stream(data: bytes, old: str, new: str) -> bytes:
    """The compound file with one directory entry renamed (name in UTF-16, then its length in bytes)."""
    encoded = old.encode("utf-16-le")
    at = data.index(encoded + b"\x00\x00")
    name = new.encode("utf-16-le") + b"\x00\x00"
    patched = bytearray(data)
    patched[at : at + 64] = name.ljust(64, b"\x00")
    patched[at + 64 : at + 66] = struct.pack("<H", len(name))
    return bytes(patched)


@pytest.fixture(scope="module")
def doc_bytes() -> bytes:
    return (FIXTURES / "A07_ybj_2023.doc").read_bytes()


def _patched(data: bytes, offset: int, new: bytes) -> bytes:
    return data[:offset] + new + data[offset + len(new) :]


def test_damaged_word_files_say_what_is_wrong(doc_bytes):
    fib = _word_stream_at(doc_bytes)
    flags = struct.unpack_from("<H", doc_bytes, fib + 0x0A)[0]
    cases = {
        "password-protected": _patched(doc_bytes, fib + 0x0A, struct.pack("<H", flags | 0x0100)),
        "Word 6.0/95": _patched(doc_bytes, fib + 2, struct.pack("<H", 0x0065)),
        "signature": _patched(doc_bytes, fib, bytes(0x200)),
        "zeroed": _patched(doc_bytes, fib + 0x20, bytes(0x200)),
        "table stream 0Table is missing": _patched(doc_bytes, fib + 0x0A, struct.pack("<H", flags & ~0x0200)),
        "Excel workbook": _renamed_stream(doc_bytes, "WordDocument", "Workbook"),
        "PowerPoint": _renamed_stream(doc_bytes, "WordDocument", "PowerPoint Document"),
        "without a Word document": _renamed_stream(doc_bytes, "WordDocument", "Something"),
        "damaged Word/OLE file": doc_bytes[:1000],
    }
    for expected, data in cases.items():
        with pytest.raises(ReadError) as caught:
            read_bytes(data, "r.doc")
        assert expected in str(caught.value) and "r.doc" in str(caught.value), (expected, str(caught.value))


@pytest.mark.parametrize("name", ["A07_ybj_2023.doc", "tables__text_boxes.doc"])
def test_a_word_file_cut_anywhere_is_refused_or_read_whole(name):
    """Also a file whose text boxes' story (after the main text) holds its tables."""
    doc_bytes = (FIXTURES / name).read_bytes()
    whole = read_bytes(doc_bytes, "r.doc")
    refused = 0
    for end in range(512, len(doc_bytes), 256):
        try:
            text = read_bytes(doc_bytes[:end], "r.doc")
        except ReadError:
            refused += 1
            continue
        assert text == whole, end  # read at all only where nothing it needs was cut off
    assert refused > len(doc_bytes) // 512


@pytest.mark.parametrize("name", ["A07_ybj_2023.doc", "tables.doc", "tables.rtf", "A07_ybj_2023.rtf", "A07_ybj_2023_numbered.doc",
                                  "tables__layout_table.doc", "tables__layout_table.rtf", "tables__text_boxes.doc", "tables__text_boxes.rtf"])
def test_random_damage_gives_text_or_a_read_error(name):
    data = (FIXTURES / name).read_bytes()
    chance = random.Random(7)
    for _ in range(150):
        damaged = bytearray(data)
        for _ in range(chance.choice((1, 4, 32))):
            at = chance.randrange(8, len(damaged))  # the signature kept: the format is still recognised
            damaged[at] = chance.randrange(256)
        try:
            assert isinstance(read_bytes(bytes(damaged), name), str)
        except ReadError:
            pass


def test_a_cut_rtf_is_refused():
    data = (FIXTURES / "A07_ybj_2023.rtf").read_bytes()
    with pytest.raises(ReadError, match="cut short"):
        read_bytes(data[: len(data) // 2], "r.rtf")


@pytest.mark.parametrize("name", ["A07_ybj_2023.doc", "A07_ybj_2023.rtf"])
def test_the_character_limit_holds(name):
    with pytest.raises(ReadLimitError) as caught:
        read_bytes((FIXTURES / name).read_bytes(), name, ReadLimits(max_chars=200))
    assert caught.value.limit == "max_chars"


# -- a batch mixing formats -----------------------------------------------------------------------------


def test_analyze_reads_a_folder_of_mixed_formats(tmp_path):
    """`govreport analyze` on a folder: .doc, .wps, .rtf beside .txt and .docx; a damaged .doc and a
    spreadsheet named .doc are one error record each and the rest goes on; the .doc gives the sections and
    cells its .txt gives."""
    from nlp.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    text = _authored()["A07_ybj_2023"]
    (folder / "text.txt").write_text(text, encoding="utf-8")
    write_docx(_authored()["A13_xz_2017"], folder / "docx.docx")
    shutil.copy(FIXTURES / "A07_ybj_2023.doc", folder / "word.doc")
    shutil.copy(FIXTURES / "tables.doc", folder / "wps.wps")
    shutil.copy(FIXTURES / "tables.rtf", folder / "rich.rtf")
    data = (FIXTURES / "A13_xz_2017.doc").read_bytes()
    (folder / "cut.doc").write_bytes(data[: len(data) // 3])
    (folder / "sheet.doc").write_bytes(_renamed_stream(data, "WordDocument", "Workbook"))
    output = tmp_path / "out"
    assert main(["analyze", str(folder), "--output", str(output), "--quiet", "--jobs", "1"]) == 1
    errors = {e["doc_id"]: e["error"] for e in map(json.loads, (output / "errors.jsonl").read_text(encoding="utf-8").splitlines())}
    assert set(errors) == {"cut", "sheet"} and "Excel" in errors["sheet"] and "damaged" in errors["cut"]
    documents = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in (output / "reports").glob("*.json")}
    assert set(documents) == {"text", "docx", "word", "wps", "rich"}
    shape = lambda doc: (  # noqa: E731
        [s["key"] for s in doc["sections"]],
        sorted((c["table"], c["row"], c["col"], c["value"]) for c in doc["tables"]["cells"]),
    )
    assert shape(documents["word"]) == shape(documents["text"]) and shape(documents["word"])[1]
    assert shape(documents["wps"]) == shape(documents["rich"]) and shape(documents["wps"])[1]


def test_compressed_and_unicode_pieces_are_joined_in_order():
    """A piece table mixing "compressed" pieces (cp1252, as Word stores Latin-only runs) and UTF-16LE
    pieces, and each character's byte offset, by which paragraph properties are looked up."""
    from nlp.read.docprops import ParagraphProps
    from nlp.read.doctext import _main_text, _Piece, _props_at

    class Pages:  # a property reader that notes where it was asked
        def at(self, offset):
            asked.append(offset)
            return ParagraphProps()

    word = b"Rule \x93x\x94" + b"\x00" * 3 + "条例\r".encode("utf-16-le")
    text, offsets = _main_text(word, [_Piece(0, 8, 0, True), _Piece(8, 11, 11, False)])
    assert text == "Rule \u201cx\u201d条例\r"
    asked: list[int] = []
    for index in (0, 7, 8, 10):
        _props_at(offsets, [piece.start for piece in offsets], index, Pages())
    assert asked == [0, 7, 11, 15]


def test_a_fast_saved_pieces_modifier_goes_over_the_page_properties():
    """A fast-saved file changes paragraphs' properties through its pieces' Prm (a Prc of the CLX): a row
    end, a cell's paragraph, a list, read over what the PAPX pages say."""
    from nlp.read.docprops import ParagraphProps, modified

    row_end = {0x2416: b"\x01", 0x2417: b"\x01", 0xD608: bytes([2]) + struct.pack("<3h", 0, 1000, 2000) + bytes(40)}
    props = modified(ParagraphProps(style=3), row_end)
    assert props.in_table and props.row_end and props.edges == [0, 1000, 2000] and props.style == 3
    assert modified(ParagraphProps(in_table=True), {0x2416: b"\x00"}).in_table is False
    assert modified(ParagraphProps(), {0x460B: struct.pack("<h", 2), 0x260A: b"\x01"}) == ParagraphProps(list_instance=2, list_level=1)


def test_a_pieces_prm_names_its_property_run_in_the_clx():
    from nlp.read.doctext import _Fib, _pieces

    run = struct.pack("<HB", 0x2416, 1) + struct.pack("<HB", 0x2417, 1)
    plc = struct.pack("<2i", 0, 3) + struct.pack("<HIH", 0, 0x40000000 | 2 * 100, (0 << 1) | 1)
    clx = b"\x01" + struct.pack("<h", len(run)) + run + b"\x02" + struct.pack("<I", len(plc)) + plc
    fib = _Fib("1Table", 3, 0, len(clx), 0, 0, ())
    (piece,) = _pieces(clx, fib, 200, "r.doc")
    assert (piece.offset, piece.compressed, piece.modifier) == (100, True, {0x2416: b"\x01", 0x2417: b"\x01"})
    plain = plc[:-2] + struct.pack("<H", 0)  # Prm 0: no run named
    (piece,) = _pieces(b"\x02" + struct.pack("<I", len(plain)) + plain, _Fib("1Table", 3, 0, 5 + len(plain), 0, 0, ()), 200, "r.doc")
    assert piece.modifier is None


# -- Word's "single file web page" (MHTML), often published as .doc --------------------------------------


@pytest.mark.parametrize("transfer", ["quoted-printable", "base64"])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_a_web_archive_reads_as_its_page(transfer, encoding):
    """Every authored development, gold and whole report as a saved page inside an MHTML archive (under a
    .doc name): the text of the page itself, not the archive's headers and `=D6=D0` escapes."""
    from damage import html_page
    from makers import mht_bytes

    differ = []
    for doc_id, text in _rtf_texts().items():
        page = html_page(text, encoding, declare_charset=True)
        if read_bytes(mht_bytes(page, transfer, encoding), f"{doc_id}.doc") != read_bytes(page, f"{doc_id}.html"):
            differ.append(doc_id)
    assert not differ


def test_a_web_archive_without_a_page_is_refused():
    from makers import mht_bytes

    data = mht_bytes(b"<html><body><p>x</p></body></html>").replace(b"text/html", b"text/plain")
    with pytest.raises(ReadError, match="without a web page"):
        read_bytes(data, "r.mht")


def test_word_2003_xml_is_read_not_as_its_markup():
    data = ('<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>'
            '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r>'
            "<w:t>一、总体情况</w:t></w:r></w:p></w:body></w:wordDocument>").encode()
    assert read_bytes(data, "r.doc") == "一、总体情况"  # its text, under a .doc name too (tests/test_read_wordxml.py)


def test_rtf_nested_without_end_is_refused_before_it_costs_memory():
    from nlp.read.rtftext import MAX_RTF_DEPTH

    with pytest.raises(ReadError, match="nests its groups"):
        read_bytes(b"{\\rtf1 " + b"{" * (10 * MAX_RTF_DEPTH) + b"x" + b"}" * (10 * MAX_RTF_DEPTH + 1), "deep.rtf")
    shallow = b"{\\rtf1 " + b"{" * (MAX_RTF_DEPTH - 2) + b"x" + b"}" * (MAX_RTF_DEPTH - 1)
    assert read_bytes(shallow, "ok.rtf") == "x"


def test_a_web_archive_nested_past_the_stack_is_refused():
    data = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n'
    data += b"".join(b'--b%d\r\nContent-Type: multipart/related; boundary="b%d"\r\n\r\n' % (i - 1, i) for i in range(1, 3000))
    with pytest.raises(ReadError, match="damaged web archive"):
        read_bytes(data, "deep.mht")
