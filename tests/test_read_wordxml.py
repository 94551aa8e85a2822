"""Word 2003 XML (`<w:wordDocument>`, saved as .xml or under a .doc name) read in the shape the .docx reader
gives: paragraphs, Word's list numbers, tables one row a line on their grid.

Two writers: LibreOffice (`tests/fixtures/word/*.xml`, made by `scripts/make_word_fixtures.py` from the same
.docx sources as the .doc and RTF fixtures), and `word_xml` below, which writes what Word 2003 itself writes
and LibreOffice does not: `w:vmerge` cells below a vertical merge, the drawn number of a list paragraph
(`wx:t`), and the body inside `wx:sect`/`wx:sub-section`.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from test_read_word import FIXTURES, _authored, _source_docx

import nlp
from nlp.errors import ReadError, ReadLimitError
from nlp.read import ReadLimits, read_bytes, read_text
from nlp.tables.extract import read_tables
from tests.table_layouts import Cell, Layout, placed, report_parts, write_docx_layout

W = "http://schemas.microsoft.com/office/word/2003/wordml"
WX = "http://schemas.microsoft.com/office/word/2003/auxHint"


def _run(text: str) -> str:
    pieces = []
    for index, line in enumerate(text.split("\n")):
        if index:
            pieces.append("<w:br/>")
        pieces.extend(f"<w:t>{escape(part)}</w:t>" if i == 0 else f"<w:tab/><w:t>{escape(part)}</w:t>" for i, part in enumerate(line.split("\t")))
    return "<w:r>" + "".join(pieces) + "</w:r>"


def _paragraph(text: str, number: str | None = None) -> str:
    listed = f'<w:pPr><w:listPr><w:ilvl w:val="0"/><w:ilfo w:val="1"/><wx:t wx:val={quoteattr(number)}/></w:listPr></w:pPr>' if number else ""
    return f"<w:p>{listed}{_run(text) if text else ''}</w:p>"


def _table(layout: Layout) -> str:
    """Word's table: every grid position a cell, `w:gridSpan` across and `w:vmerge` (restart, then continue)
    down, as Word 2003 writes a merged cell."""
    cells, width = placed(layout)
    at = {(r, c): cell for r, c, cell in cells}
    covered = {(r + dr, c): cell for r, c, cell in cells for dr in range(1, cell.rows)}
    rows = []
    for r in range(len(layout)):
        out, c = [], 0
        while c < width:
            cell = at.get((r, c)) or covered.get((r, c))
            if cell is None:
                out.append("<w:tc><w:p/></w:tc>")
                c += 1
                continue
            span = f'<w:gridSpan w:val="{cell.cols}"/>' if cell.cols > 1 else ""
            if (r, c) in at:
                merge = '<w:vmerge w:val="restart"/>' if cell.rows > 1 else ""
                out.append(f"<w:tc><w:tcPr>{span}{merge}</w:tcPr>{_paragraph(cell.text)}</w:tc>")
            else:
                out.append(f"<w:tc><w:tcPr>{span}<w:vmerge/></w:tcPr><w:p/></w:tc>")
            c += cell.cols
        rows.append("<w:tr>" + "".join(out) + "</w:tr>")
    grid = "".join('<w:gridCol w:w="900"/>' for _ in range(width))
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def word_xml(parts: list, numbered: bool = False) -> bytes:
    """Paragraphs (strings) and tables (`Layout`s) as Word 2003 saves them; `numbered`: headings `一、…` written
    as list paragraphs whose number Word draws (`wx:t`), not in their text."""
    body = []
    for part in parts:
        if isinstance(part, str):
            number = part[:2] if numbered and len(part) > 2 and part[1] == "、" else None
            body.append(_paragraph(part[2:] if number else part, number))
        else:
            body.append(_table(part))
    half = len(body) // 2  # the body in a section and a sub-section, as Word writes a document with sections
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><?mso-application progid="Word.Document"?>'
        f'<w:wordDocument xmlns:w="{W}" xmlns:wx="{WX}" w:macrosPresent="no"><w:body><wx:sect>{"".join(body[:half])}'
        f'<wx:sub-section>{"".join(body[half:])}</wx:sub-section><w:sectPr/></wx:sect></w:body></w:wordDocument>'
    ).encode()


def _cells(report) -> list[tuple]:
    return sorted((c.table, c.row, c.col, c.value) for c in read_tables(report).cells)


@pytest.mark.parametrize("stem", ["A07_ybj_2023", "A07_ybj_2023_numbered"])
def test_libreoffice_word_xml_reads_as_its_docx(stem, tmp_path):
    """Paragraphs, tables and Word's list numbers (LibreOffice writes the lists, not the drawn numbers)."""
    assert read_text(FIXTURES / f"{stem}.xml") == read_text(_source_docx(stem, tmp_path))


def test_libreoffice_tables_keep_their_rows(tmp_path):
    """LibreOffice leaves out the cells a vertical merge covers (Word writes them as `w:vmerge`): a row short
    of the grid is filled from the left, which is right for every row but a header with merges on both
    sides. Every row holding numbers is as the .docx gives it; sections and cells are the same."""
    got = read_text(FIXTURES / "tables.xml").split("\n")
    want = read_text(_source_docx("tables", tmp_path)).split("\n")
    assert [line for line in want if any(ch.isdigit() for ch in line)] == [line for line in got if any(ch.isdigit() for ch in line)]
    assert len([line for line in got if line not in want]) <= 1
    report, source = nlp.read_report(FIXTURES / "tables.xml"), nlp.read_report(FIXTURES / "tables.docx")
    assert report.section_keys == source.section_keys and _cells(report) == _cells(source) and _cells(report)


def test_authored_reports_as_word_writes_them(tmp_path):
    """Each development report, headings numbered by Word, as Word 2003 XML: the text of its .docx."""
    from makers import write_docx

    for doc_id, text in _authored().items():
        parts: list = []
        for line in text.split("\n"):
            if "\t" not in line:
                parts.append(line)
            elif parts and isinstance(parts[-1], list):
                parts[-1].append([Cell(field) for field in line.split("\t")])
            else:
                parts.append([[Cell(field) for field in line.split("\t")]])
        # Rows of unequal length are padded by the reader to the table's grid, as the .docx reader pads them.
        got = read_bytes(word_xml(parts, numbered=True), f"{doc_id}.doc")
        want = read_text(write_docx(text, tmp_path / f"{doc_id}.docx"))
        assert [line.rstrip("\t") for line in got.split("\n")] == [line.rstrip("\t") for line in want.split("\n")], doc_id


def test_gold_reports_tables_merged_as_word_merges_them(gold_tables, tmp_path):
    """The gold reports of ../shared with table gold, tables merged across (`gridSpan`) and down (`vmerge`):
    the text the .docx of the same layout gives, every gold cell right."""
    from tests.table_layouts import cell_outcomes

    gold = {doc_id: record for doc_id, record in gold_tables.items() if record.get("template")}
    assert gold
    for doc_id, record in sorted(gold.items()):
        path = tmp_path / f"{doc_id}.xml"
        path.write_bytes(word_xml(report_parts(record)))
        assert read_text(path) == read_text(write_docx_layout(record, tmp_path / f"{doc_id}.docx")), doc_id
        counts, bad = cell_outcomes(record, read_tables(nlp.read_report(path)))
        assert counts["right"] > 0 and not bad, (doc_id, bad[:5])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="' + W.encode() + b'"><w:body><w:p>', "not well-formed"),
        (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><other/>', "not a Word 2003 document"),
        (b'<w:wordDocument xmlns:w="' + W.encode() + b'"><w:docPr/></w:wordDocument>', "without a body"),
        (b'<?mso-application progid="Word.Document"?><pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"/>', "Word 2007"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><w:wordDocument xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:wordDocument>', "DTD"),
    ],
    ids=["cut short", "another root", "no body", "flat package", "entities"],
)
def test_broken_word_xml_is_a_clear_error(data, message):
    with pytest.raises(ReadError, match=message):
        read_bytes(data, "r.xml")


def test_an_xml_file_that_is_not_word_is_refused_and_a_page_is_read():
    with pytest.raises(ReadError, match="neither a Word 2003 XML document nor a web page"):
        read_bytes(b'<?xml version="1.0"?><urlset><url><loc>http://example.gov.cn/</loc></url></urlset>', "sitemap.xml")
    page = '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>一、总体情况</p></body></html>'
    assert read_bytes(page.encode(), "page.xml").strip() == "一、总体情况"


def test_word_xml_respects_the_character_limit():
    data = word_xml(["一、总体情况", "本机关" * 400])
    with pytest.raises(ReadLimitError, match="characters"):
        read_bytes(data, "long.xml", ReadLimits(max_chars=500))


def test_fixtures_are_small():
    assert all(path.stat().st_size < 100_000 for path in Path(FIXTURES).glob("*.xml"))
