"""Text a crawler decoded with the wrong codec (mojibake) reads as the report it was.

Lossless shapes (Latin-1 / Windows-1252 readings) are in the damage suite (tests/test_damage.py); here:
the shapes on sentences written for this test, the lossy one (UTF-8 read as GBK, whose refused bytes are
found again from their neighbours) measured on the shared reports with bounds, text that must stay as it
is, and text that cannot be saved.
"""

from __future__ import annotations

import difflib

import pytest

import nlp
from nlp.errors import ReadError
from nlp.normalize import undo_mojibake_text
from nlp.read import read_bytes
from nlp.tables.extract import read_tables
from tests import damage
from tests.conftest import source_file, whole_reports

# Written for this test (not report text from ../shared).
WRITTEN = (
    "一、总体情况\n"
    "2024年，县林业局认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息86条。\n"
    "（一）主动公开\n"
    "通过门户网站公开规范性文件3件，政策解读5篇，回应公众关切12次。\n"
    "五、存在的主要问题及改进情况\n"
    "一是公开内容不够全面；二是解读形式较为单一。下一步，我局将进一步加强培训。\n"
)
GOLD_DOCS = ("000_3fbb002993fdb7e6", "002_8775b43b601402e9", "huaian_2024", "sh_kewei_2024", "shuyang_2025", "hongze_2023")


def _read(text: str) -> str:
    """The damaged text saved as UTF-8 and read back as a file is."""
    return read_bytes(text.encode("utf-8"), name="page.txt")


def _chars_wrong(got: str, want: str) -> int:
    matcher = difflib.SequenceMatcher(None, got, want, autojunk=False)
    return len(want) - sum(block.size for block in matcher.get_matching_blocks())


@pytest.mark.parametrize("shape", ["utf8_read_as_latin1", "gbk_read_as_cp1252"])
def test_latin1_readings_come_back_whole(shape):
    mangled = damage.MOJIBAKE_TRANSFORMS[shape](WRITTEN)
    assert mangled != WRITTEN
    assert undo_mojibake_text(_read(mangled)) == WRITTEN


def test_utf8_read_as_gbk_comes_back_nearly_whole():
    mangled = damage.utf8_read_as_gbk(WRITTEN)
    assert "\ufffd" in mangled  # GBK refused some bytes: those characters are found again, not read
    repaired = undo_mojibake_text(_read(mangled))
    assert _chars_wrong(repaired, WRITTEN) <= 0.05 * len(WRITTEN), repaired


def test_a_crawler_header_in_good_chinese_stays_as_it_is():
    header = "标题：县林业局2024年政府信息公开工作年度报告\n来源：县林业局\n"
    for shape in damage.MOJIBAKE_TRANSFORMS.values():
        repaired = undo_mojibake_text(header + shape(WRITTEN))
        assert repaired.startswith(header)
        assert "全年主动公开政府信息86条" in repaired


def test_report_parsed_from_mangled_text_has_its_sections():
    report = nlp.parse_text(damage.utf8_read_as_latin1(WRITTEN))
    assert {"overview", "problems_improvements"} <= set(report.section_keys)
    assert any("政策解读5篇" in p.text for p in report.paragraphs)


def test_text_destroyed_by_two_wrong_readings_is_refused_with_a_reason():
    destroyed = ("锟斤拷" * 3 + "2024年") * 20
    with pytest.raises(ReadError, match="锟斤拷"):
        _read(destroyed)


def test_text_that_is_not_mangled_is_left_alone():
    samples = [
        WRITTEN,
        "溫度為25°C，面積3×4米，張三·李四。",  # Latin-1 letters standing alone
        "鍏紑",  # a short run of rare characters is not a document read wrongly
        "Café résumé naïve",
    ]
    for text in samples:
        assert undo_mojibake_text(text) == text


@pytest.fixture(scope="module")
def full_reports():
    return [record["text"] for record in whole_reports()]


def test_shared_reports_are_left_alone(full_reports):
    assert all(undo_mojibake_text(text) == text for text in full_reports)


def test_shared_reports_read_as_gbk_come_back(full_reports):
    """Measured: about 1.5 % of characters wrong (95,254 characters of 31 reports); bound 3 %."""
    wrong = total = 0
    for text in full_reports:
        wrong += _chars_wrong(undo_mojibake_text(_read(damage.utf8_read_as_gbk(text))), text)
        total += len(text)
    assert wrong <= 0.03 * total


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_gold_cells_of_reports_read_as_gbk(doc_id, gold_tables, tmp_path):
    """No cell is wrong or invented; rows whose label lost a character for good may be left out
    (measured: at most one row of a table, 7 cells; bound 8 %)."""
    path = tmp_path / f"{doc_id}.txt"
    path.write_text(damage.utf8_read_as_gbk(nlp.read_text(source_file(doc_id))), encoding="utf-8")
    extraction = read_tables(nlp.read_report(path))
    gold = gold_tables[doc_id]
    ambiguous = {tuple(row) for row in gold.get("ambiguous_rows", [])}
    truth = {(c["table"], c["row"], c["col"]): c["value"] for c in gold["cells"] if (c["table"], c["row"]) not in ambiguous}
    got = {(c.table, c.row, c.col): c.value for c in extraction.cells}
    assert not [key for key in truth if key in got and got[key] != truth[key]]
    assert not [key for key in got if key not in truth and key[:2] not in ambiguous]
    assert sum(key in got for key in truth) >= 0.92 * len(truth)


def test_random_bytes_are_still_refused_as_binary():
    import random

    rng = random.Random(0)
    for _ in range(5):
        data = rng.randbytes(5000).replace(b"\x00", b"\x01")
        with pytest.raises(ReadError, match="binary"):
            read_bytes(data, name="noise.txt")


# Written for this test: section and item enumerators whose numeral loses a byte when UTF-8 is read as GBK.
ENUMERATED = (
    "一、总体情况\n本年度，区司法局主动公开政府信息45条。\n"
    "二、主动公开政府信息情况\n详见下表。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "（一）予以公开\t2\n（二）部分公开\t0\n（三）不予公开\t1\n（四）无法提供\t0\n（五）不予处理\t0\n（六）其他处理\t0\n"
    "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议和行政诉讼。\n"
    "六、其他需要报告的事项\n本年度未收取信息处理费。\n"
)


def test_enumerators_read_as_gbk_come_back_in_sequence():
    """A numeral that lost a byte is read as the next of its shape (`六、` after `四、`, not `八、`), items
    start again under a new section, and a line of nothing but full-width marks and a numeral is repaired."""
    mangled = damage.utf8_read_as_gbk(ENUMERATED)
    assert mangled != ENUMERATED
    repaired = undo_mojibake_text(_read(mangled))
    # Only the enumerated lines: a lost byte in prose is chosen by word frequency (`本年` may come back `末年`).
    enumerated = [index for index, line in enumerate(ENUMERATED.splitlines()) if line[0] in "一二三四五六（"]
    assert len(enumerated) == 11
    assert [repaired.splitlines()[i][:4] for i in enumerated] == [ENUMERATED.splitlines()[i][:4] for i in enumerated]


def test_lost_numerals_of_shared_reports_read_as_gbk():
    """Section titles of the gold reports keep their numerals (measured: 2 of 6 section keys lost in one
    traditional-character seed, by other characters of its titles; 5 before numerals were read in sequence)."""
    lost = 0
    for doc_id in GOLD_DOCS:
        text = nlp.read_text(source_file(doc_id))
        want = {s.key for s in nlp.parse_text(text).sections}
        got = {s.key for s in nlp.parse_text(undo_mojibake_text(_read(damage.utf8_read_as_gbk(text)))).sections}
        lost += len(want - got)
    assert lost == 0
