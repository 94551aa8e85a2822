"""OFD (GB/T 33190) read as producers write it: `tests/ofd_writer.py` lays reports out in three producer styles
(a text object per line, per character with absolute positions, per run with `g` shorthand and CTM scales),
with running heads on a template page, page numbers, ruled tables with merged cells and paragraphs broken
across pages. Read back, each gives the source's text, sections and cells; each kind of broken package a
`ReadError` saying what is wrong."""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
from functools import cache
from pathlib import Path

import pytest

import nlp
from nlp.errors import ReadError, ReadLimitError
from nlp.read import PAGE_BREAK, ReadLimits, read_bytes, read_text
from nlp.structure import parse_text
from nlp.tables.extract import read_tables
from tests.conftest import source_file
from tests.ofd_writer import NS, STYLES, furniture, ofd_bytes, text_parts, write_ofd

AUTHORED = Path(__file__).parent / "gold" / "authored_reports.jsonl"


@cache
def _authored() -> dict[str, str]:
    """The development part (odd numbers) of the authored reports: the held-out part is only scored."""
    with AUTHORED.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return {r["doc_id"]: r["text"] for r in records if int(r["doc_id"][1:3]) % 2 == 1}


def _without_furniture(text: str) -> str:
    """The text with the writer's running heads and page numbers left out, whitespace removed."""
    return "".join("".join(line for line in re.split(r"[\n\f]", text) if not furniture(line)).split())


def _cells(report) -> list[tuple]:
    return sorted((c.table, c.row, c.col, c.value) for c in read_tables(report).cells)


@pytest.mark.parametrize("style", STYLES)
def test_authored_reports_read_back_as_their_text(style):
    """Every development report: the same characters in the same order, the same sections and cells as the
    text itself gives; pages separated by form feeds."""
    for doc_id, text in _authored().items():
        data = ofd_bytes(text_parts(text), style)
        read = read_bytes(data, f"{doc_id}.ofd")
        assert _without_furniture(read) == "".join(text.split()), (style, doc_id)
        got, want = parse_text(read, doc_id=doc_id), parse_text(text, doc_id=doc_id)
        assert got.section_keys == want.section_keys and len(got.section_keys) >= 5, (style, doc_id)
        assert _cells(got) == _cells(want), (style, doc_id)
        pages = zipfile.ZipFile(io.BytesIO(data)).namelist()
        assert read.count(PAGE_BREAK) == sum("/Pages/Page_" in name for name in pages) - 1


@pytest.mark.parametrize("style", STYLES)
def test_table_rows_are_tab_separated_lines(style):
    """A table's rows come out one line each, cells tab-separated in order, as the .docx reader gives them."""
    text = "示例局2023年政府信息公开工作年度报告\n一、总体情况\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t1\t12\n行政规范性文件\t3\t0\t45"
    lines = read_bytes(ofd_bytes(text_parts(text), style), "t.ofd").split("\n")
    for row in text.split("\n")[2:]:
        assert row in lines, (style, row, lines)


@pytest.mark.parametrize("style", STYLES)
def test_gold_reports_tables_with_merged_cells(gold_tables, style, tmp_path):
    """The 11 gold reports of ../shared with table gold, tables laid out as the templates print them (merged
    labels centred in their span, wrapped in narrow cells): every gold cell right, none invented."""
    from tests.table_layouts import cell_outcomes, report_parts

    gold = {doc_id: record for doc_id, record in gold_tables.items() if record.get("template")}
    assert gold
    for doc_id, record in sorted(gold.items()):
        source_file(doc_id)
        path = write_ofd(report_parts(record), tmp_path / f"{doc_id}.ofd", style)
        counts, bad = cell_outcomes(record, read_tables(nlp.read_report(path)))
        assert counts["right"] > 0 and not bad, (style, doc_id, bad[:5])


@pytest.mark.parametrize("style", STYLES)
def test_paragraphs_come_out_a_line_each_and_template_pages_are_left_out(style):
    """Lines wrapped at the margin are joined into their paragraph (by the first line's indent, or the space
    between paragraphs): each source paragraph is one line of the text, except where a page break cuts it.
    The running head on the template page is not in the text, nor, in a report of two pages or more, are the page
    numbers drawn under the text of each page (a running foot, `pagetext.running_lines`)."""
    from tests.ofd_writer import RUNNING_HEAD

    for doc_id, text in _authored().items():
        read = read_bytes(ofd_bytes(text_parts(text), style), f"{doc_id}.ofd")
        lines = {"".join(line.split()) for line in re.split(r"[\n\f]", read)}  # spaces as the page sets them
        cut = [line for line in text.split("\n") if "\t" not in line and line.strip() and "".join(line.split()) not in lines]
        assert len(cut) <= read.count(PAGE_BREAK), (style, doc_id, cut)
        assert RUNNING_HEAD not in read
        assert any(furniture(line) for line in lines) == (PAGE_BREAK not in read), (style, doc_id)


def test_a_paragraph_broken_across_pages_is_one_paragraph_again():
    paragraph = "本机关坚持以公开为常态、不公开为例外，" * 30 + "全年主动公开信息一千二百条。"
    parts = ["示例县示例局2023年政府信息公开工作年度报告", "一、总体情况", *(["本年度政务公开工作稳步推进。"] * 30), paragraph, "二、主动公开政府信息情况"]
    read = read_bytes(ofd_bytes(parts, "run"), "p.ofd")
    assert PAGE_BREAK in read
    report = parse_text(read, doc_id="p")
    assert any(paragraph in p.text for p in report.paragraphs)


@pytest.mark.parametrize("style", STYLES)
def test_a_running_head_drawn_on_every_page_goes_and_the_paragraph_it_cut_is_whole(style):
    """A producer that uses no template page draws its running head (the agency's name) on every page itself, so
    that it stands between the halves of a paragraph a page break cuts. It goes, as a PDF's does, but on the first
    page (it may be the report's title), and the page numbers under the text go too: the paragraph is one again
    once structured, and nothing of the report's own is lost."""
    head = "示例县示例局"
    paragraph = "本机关坚持以公开为常态、不公开为例外，" * 30 + "全年主动公开信息一千二百条。"
    parts = ["示例县示例局2023年政府信息公开工作年度报告", "一、总体情况", *(["本年度政务公开工作稳步推进。"] * 30), paragraph, "二、主动公开政府信息情况", "本年度主动公开文件二十件。"]
    read = read_bytes(ofd_bytes(parts, style, page_head=head), "h.ofd")
    pages = read.split(PAGE_BREAK)
    assert len(pages) >= 2
    assert pages[0].split("\n")[0] == head and all(head not in page for page in pages[1:])
    assert not any(furniture(line) for page in pages for line in page.split("\n"))
    assert "".join(read.replace(PAGE_BREAK, "").split()) == head + "".join("".join(parts).split())
    assert paragraph in [p.text for p in parse_text(read, doc_id="h").paragraphs]


def _package(data: bytes, change) -> bytes:
    """The package with its members changed: `change(name, bytes)` gives the new bytes, or None to drop it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            new = change(name, source.read(name))
            if new is not None:
                target.writestr(name, new)
    return buffer.getvalue()


@cache
def _good() -> bytes:
    return ofd_bytes(text_parts(next(iter(_authored().values()))), "line")


def _with_password_flag(data: bytes) -> bytes:
    """The zip's members marked encrypted (bit 0 of their flags), as a password-protected zip has them."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        for match in re.finditer(re.escape(signature), data):
            flags = struct.unpack_from("<H", out, match.start() + offset)[0]
            struct.pack_into("<H", out, match.start() + offset, flags | 0x1)
    return bytes(out)


BROKEN = {
    "cut short": (lambda data: data[: len(data) // 2], "damaged .ofd/zip"),
    "a page's XML broken": (lambda data: _package(data, lambda n, b: b[: len(b) // 2] if n.endswith("Page_0/Content.xml") else b), "not well-formed XML"),
    "a page missing": (lambda data: _package(data, lambda n, b: None if n.endswith("Page_0/Content.xml") else b), "lacks page 1's content"),
    "the document missing": (lambda data: _package(data, lambda n, b: None if n.endswith("Document.xml") else b), "lacks its document"),
    "no document named": (lambda data: _package(data, lambda n, b: re.sub(rb"<ofd:DocRoot>.*</ofd:DocRoot>", b"", b) if n == "OFD.xml" else b), "names no document"),
    "signed only": (lambda data: _signed_only(data), "signed-only"),
    "encrypted (GM/T 0099)": (lambda data: _encrypted(data), "encrypted OFD"),
    "password-protected zip": (_with_password_flag, "password-protected"),
    "a scanned page": (None, "image only"),
    "no pages": (lambda data: _package(data, lambda n, b: re.sub(rb"<ofd:Pages>.*</ofd:Pages>", b"<ofd:Pages/>", b) if n.endswith("Document.xml") else b), "lists no pages"),
    "not an OFD root": (lambda data: _package(data, lambda n, b: b.replace(b"ofd:OFD", b"ofd:Other") if n == "OFD.xml" else b), "not an OFD root"),
}


def _encrypted(data: bytes) -> bytes:
    """Members encrypted as GM/T 0099 does it (bytes that are no XML), an `Encryptions.xml` beside them."""
    changed = _package(data, lambda n, b: bytes(range(256)) * 4 if n.endswith("Document.xml") else b)
    return _add_member(changed, "Encryptions.xml", f'<ofd:Encryptions xmlns:ofd="{NS}"/>'.encode())


def _signed_only(data: bytes) -> bytes:
    """A package holding its signatures but not the document they sign (OFD.xml names no DocRoot)."""
    signed = b"<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>"
    kept = _package(data, lambda n, b: re.sub(rb"<ofd:DocRoot>.*</ofd:DocRoot>", signed, b) if n == "OFD.xml" else (None if n.endswith("Document.xml") else b))
    return _add_member(kept, "Doc_0/Signs/Signatures.xml", f'<ofd:Signatures xmlns:ofd="{NS}"/>'.encode())


def _add_member(data: bytes, name: str, content: bytes) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_each_broken_package_kind_is_a_clear_error(kind):
    damage, message = BROKEN[kind]
    text = next(iter(_authored().values()))
    data = ofd_bytes(text_parts(text), "char", scanned_page=True) if damage is None else damage(_good())
    with pytest.raises(ReadError, match=re.escape(message)) as raised:
        read_bytes(data, "broken.ofd")
    assert "broken.ofd" in str(raised.value)


def test_a_page_holding_a_small_image_only_is_a_seal_not_a_scan():
    """A page holding only a small image (a seal, a signature) is no scan: the text around it is read. A page
    covered by an image with only a page number on it is one."""
    data = _package(_good(), lambda n, b: b)
    pages = sorted(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "/Pages/" in n)
    last = pages[-1]
    seal = f'<?xml version="1.0"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1"><ofd:ImageObject ID="2" Boundary="0 0 50 50" ResourceID="3"/></ofd:Layer></ofd:Content></ofd:Page>'
    text = read_bytes(_package(data, lambda n, b: seal.encode() if n == last else b), "sealed.ofd")
    assert text.endswith(PAGE_BREAK) and "政府信息公开" in text
    numbered = seal.replace('Boundary="0 0 50 50"', 'Boundary="5 5 200 280"').replace(
        "</ofd:Layer>", '<ofd:TextObject ID="4" Boundary="100 285 20 6" Size="4"><ofd:TextCode X="0" Y="4">— 2 —</ofd:TextCode></ofd:TextObject></ofd:Layer>'
    )
    with pytest.raises(ReadError, match=f"page {len(pages)} is an image only"):
        read_bytes(_package(data, lambda n, b: numbered.encode() if n == last else b), "scanned.ofd")


def test_limits_hold_for_ofd():
    """A zip bomb (members inflating past the limit), too many pages, too much text: `ReadLimitError`."""
    data = _good()
    with pytest.raises(ReadLimitError, match="zip bomb"):
        read_bytes(data, "b.ofd", ReadLimits(max_docx_unpacked=2_000))
    bomb = _add_member(data, "Doc_0/Res/padding.bin", b"\0" * 3_000_000)
    assert len(bomb) < 100_000
    with pytest.raises(ReadLimitError, match="zip bomb"):
        read_bytes(bomb, "b.ofd", ReadLimits(max_docx_unpacked=2_000_000))
    with pytest.raises(ReadLimitError, match="pages"):
        read_bytes(data, "b.ofd", ReadLimits(max_pdf_pages=1))
    with pytest.raises(ReadLimitError, match="characters"):
        read_bytes(data, "b.ofd", ReadLimits(max_chars=500))


def test_a_docx_is_still_read_as_a_docx(tmp_path):
    from makers import write_docx

    text = next(iter(_authored().values()))
    path = write_docx(text, tmp_path / "r.ofd")  # a .docx under an .ofd name: the bytes decide
    assert read_text(path).split("\n")[0] == text.split("\n")[0]


def test_a_folder_mixing_ofd_with_other_formats(tmp_path):
    """`govreport analyze` on a folder of .ofd, .docx, Word 2003 XML and .txt reports with one broken .ofd:
    one error record, for the broken file, and every other report analysed."""
    from makers import write_docx

    from nlp.cli import main
    from nlp.export import read_csv

    texts = list(_authored().items())[:4]
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / f"{texts[0][0]}.ofd").write_bytes(ofd_bytes(text_parts(texts[0][1]), "char"))
    (inputs / f"{texts[1][0]}.ofd").write_bytes(ofd_bytes(text_parts(texts[1][1]), "run"))
    write_docx(texts[2][1], inputs / f"{texts[2][0]}.docx")
    (inputs / f"{texts[3][0]}.txt").write_text(texts[3][1], encoding="utf-8")
    (inputs / "broken.ofd").write_bytes(_good()[:2000])
    (inputs / "tables.xml").write_bytes((Path(__file__).parent / "fixtures" / "word" / "tables.xml").read_bytes())
    output = tmp_path / "out"
    assert main(["analyze", str(inputs), "-o", str(output), "--quiet"]) == 1
    errors = [json.loads(line) for line in (output / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["doc_id"] for e in errors] == ["broken"] and "damaged .ofd/zip" in errors[0]["error"]
    assert sorted(row["doc_id"] for row in read_csv(output / "summary.csv")) == sorted([*(doc_id for doc_id, _ in texts), "tables"])


def _hand_made(page: str) -> bytes:
    """A package written by hand, not by the writer: default namespace without a prefix, relative paths."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", f'<OFD xmlns="{NS}" Version="1.0"><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>')
        archive.writestr(
            "Doc_0/Document.xml",
            f'<Document xmlns="{NS}"><CommonData><PageArea><PhysicalBox>0 0 210 297</PhysicalBox></PageArea></CommonData>'
            '<Pages><Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></Pages></Document>',
        )
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", f'<Page xmlns="{NS}"><Content><Layer ID="2">{page}</Layer></Content></Page>')
    return buffer.getvalue()


def test_glyph_positions_as_the_standard_places_them():
    """`g n d` shorthand, a TextCode without X going on where the one before ended, a CTM that scales and
    moves, a gap wide enough to be a space, a hostile repeat count; each line's glyphs in x order whatever
    the order of the objects."""
    page = (
        # Written second on the line but placed first: x order decides.
        '<TextObject ID="3" Boundary="20 40 100 10" Size="5"><TextCode X="0" Y="5" DeltaX="g 2 5">第一行</TextCode></TextObject>'
        '<TextObject ID="4" Boundary="0 0 210 297" Size="5"><TextCode X="35" Y="45" DeltaX="5 5">的后半</TextCode>'
        '<TextCode Y="45">段</TextCode></TextObject>'
        # Twice the size scaled by half and moved 40 mm right: lands at x = 20 + 40, y = 60.
        '<TextObject ID="5" Boundary="20 50 100 20" Size="10" CTM="0.5 0 0 0.5 40 0"><TextCode X="0" Y="20" DeltaX="g 1000000000 10">第二行</TextCode></TextObject>'
        '<TextObject ID="6" Boundary="20 50 100 20" Size="5"><TextCode X="0" Y="10">左</TextCode><TextCode X="20" Y="10">右</TextCode></TextObject>'
    )
    assert read_bytes(_hand_made(page), "hand.ofd") == "第一行的后半段\n左 右 第二行"


@pytest.mark.parametrize("style", STYLES)
def test_the_order_objects_are_written_in_does_not_matter(style):
    """Producers write a page's objects in their own order (a table column by column, a page number first,
    runs as they were edited): the text depends on where glyphs stand, not on the order they come in."""
    import random

    from lxml import etree

    def shuffled(name: str, data: bytes) -> bytes:
        if "/Pages/" not in name:
            return data
        root = etree.fromstring(data)
        for parent in root.iter(f"{{{NS}}}Layer", f"{{{NS}}}PageBlock"):
            children = list(parent)
            random.Random(len(children)).shuffle(children)
            parent[:] = children
        return etree.tostring(root)

    for doc_id, text in list(_authored().items())[:5]:
        data = ofd_bytes(text_parts(text), style)
        assert read_bytes(_package(data, shuffled), "s.ofd") == read_bytes(data, "o.ofd"), (style, doc_id)


def test_a_hostile_page_is_refused_before_it_fills_memory():
    """A page of 300,000 glyphs, another of 200,000 rules: the glyphs kept stop one past the character
    limit (refused for it), rules past what a table draws are counted, not kept (the page is read as text)."""
    import tracemalloc

    glyphs = '<TextObject ID="3" Boundary="0 0 210 297" Size="1"><TextCode X="0" Y="5" DeltaX="g 999999 0.01">' + "字" * 300_000 + "</TextCode></TextObject>"
    tracemalloc.start()
    with pytest.raises(ReadLimitError, match="characters"):
        read_bytes(_hand_made(glyphs), "glyphs.ofd", ReadLimits(max_chars=10_000))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 100_000_000  # the page's XML; a dictionary per glyph would be ten times it
    rules = '<PathObject ID="4" Boundary="0 0 210 297"><AbbreviatedData>' + "M 0 0 L 1 0 " * 200_000 + "</AbbreviatedData></PathObject>"
    words = '<TextObject ID="5" Boundary="20 20 100 10" Size="5"><TextCode X="0" Y="5">一、总体情况</TextCode></TextObject>'
    assert read_bytes(_hand_made(rules + words), "rules.ofd") == "一、总体情况"


def test_wrapped_lines_join_but_rows_of_fields_do_not():
    """Lines set at the margins and pitch of the document: a line wrapped mid-sentence joins the next; an
    unruled table's rows, which reach the margin too, stay rows (their fields are set apart); a heading after
    a line that ends a sentence at the margin stays a heading."""
    from nlp.read.pagegrid import Column, TextLine, join_paragraphs

    column = Column(left=70.0, right=520.0, pitch=20.0, indented=True)

    def line(text: str, x0: float, x1: float, top: float) -> TextLine:
        return TextLine(text, x0, x1, top, 11.0)

    lines = [
        line("本机关全年主动公开政府信息一千二百条，其中", 92.0, 520.0, 100.0),
        line("政策文件三十件。", 70.0, 160.0, 120.0),
        line("行政许可 27864", 70.0, 519.0, 140.0),
        line("行政处罚 312", 70.0, 519.0, 160.0),
        line("全年办理依申请公开事项九件，均在法定期限内答复。", 92.0, 520.0, 180.0),
        line("二、主动公开政府信息情况", 70.0, 200.0, 200.0),
    ]
    assert join_paragraphs(lines, column).split("\n") == [
        "本机关全年主动公开政府信息一千二百条，其中政策文件三十件。",
        "行政许可 27864",
        "行政处罚 312",
        "全年办理依申请公开事项九件，均在法定期限内答复。",
        "二、主动公开政府信息情况",
    ]
