"""Texts holding more than one report (`nlp.structure.several`): a county's departments bound into one file, a
column page showing two years, a page a crawler saved twice. The first report is read as it would be alone and the
report says where the others begin; one report alone is never cut.

The damage is made from the 31 whole crawled reports of ../shared (development data): each followed by the next one
of the file, as printed and glued into one line, and followed by itself.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

import nlp
from nlp.tables.extract import read_tables
from tests.conftest import shared_path

SEVERAL = "more than one report"
#: A sign-off line (the agency's name alone, the date, `（此件主动公开）`), written here apart from the reader's patterns:
#: where one report's sign-off meets the next one's title, either may take such a line.
_SIGN_OFF = re.compile(r"^(?:[\u4e00-\u9fff]{2,20}(?:局|委|办|政府|中心|公司)|[\d年月日 ]+|[（(]此[件份].*[）)]|(?:翻译|搜索|复制|打印|关闭)+)$")


@cache
def _records() -> list[dict]:
    path = shared_path("corpus", "full_reports.jsonl")
    with path.open(encoding="utf-8") as handle:
        return [record for record in map(json.loads, handle) if record]


def _texts() -> list[tuple[str, str]]:
    """(doc_id, text) of each whole report, as crawled: the page's body, without its title."""
    return [(record["doc_id"], record["text"]) for record in _records()]


def _shape(report: nlp.Report) -> list[tuple[str | None, list[str]]]:
    return [(section.key, [paragraph.text for paragraph in section.paragraphs]) for section in report.sections]


def _cells(report: nlp.Report) -> dict[tuple[str, str, str], object]:
    return {(cell.table, cell.row, cell.col): cell.value for cell in read_tables(report).cells}


def _first_report_problems(alone: nlp.Report, both: nlp.Report) -> list[str]:
    """How the first of two reports (`both`) reads otherwise than alone: its sections, their paragraphs (but for
    sign-off lines at the end), its cells; and at most three lines more at its end."""
    problems = []
    if [s.key for s in both.sections] != [s.key for s in alone.sections]:
        return [f"sections {[s.key for s in both.sections]}"]
    for (key, kept), (_, read) in zip(_shape(alone)[:-1], _shape(both)[:-1], strict=True):
        if kept != read:
            problems.append(f"section {key}")
    kept, read = (_shape(report)[-1][1] for report in (alone, both))
    if [t for t in kept if not _SIGN_OFF.match(t)] != [t for t in read if not _SIGN_OFF.match(t)][: len([t for t in kept if not _SIGN_OFF.match(t)])]:
        problems.append("last section's paragraphs")
    if len(read) > len(kept) + 3:
        problems.append(f"last section {len(read) - len(kept)} paragraphs longer")
    if _cells(both) != _cells(alone):
        problems.append("cells")
    return problems


def _pairs() -> list[tuple[str, str, str]]:
    """(doc_id, first text, second report) for each report and the next of the file; the second with its title
    line, as a bound volume or a page of several years prints each report."""
    records = _records()
    return [
        (record["doc_id"], record["text"], records[(i + 1) % len(records)]["title"] + "\n" + records[(i + 1) % len(records)]["text"])
        for i, record in enumerate(records)
    ]


def test_one_report_alone_is_never_cut():
    cut = [doc_id for doc_id, text in _texts() if any(SEVERAL in w for w in nlp.parse_text(text).warnings)]
    assert len(_texts()) == 31
    assert not cut


@pytest.mark.parametrize("joiner", ["\n", "\n\n\n"], ids=["next_line", "blank_lines"])
def test_the_first_of_two_reports_reads_as_it_does_alone(joiner):
    mismatched, unwarned = [], []
    for doc_id, first, second in _pairs():
        alone = nlp.parse_text(first)
        both = nlp.parse_text(first.rstrip() + joiner + second)
        if not any(SEVERAL in w for w in both.warnings):
            unwarned.append(doc_id)
        if problems := _first_report_problems(alone, both):
            mismatched.append((doc_id, problems))
    assert not unwarned, f"two reports read as one: {unwarned}"
    assert not mismatched, f"the first report read otherwise than alone: {mismatched}"


def test_without_its_title_the_second_report_still_leaves_the_first_reports_tables_and_sections():
    """A crawled body without its title line: the second report begins after the first one's sign-off where it has
    one; where it has none, its preamble stays at the end of the first report's section 六, and no more."""
    for doc_id, first, second in _texts_and_next():
        alone, both = nlp.parse_text(first), nlp.parse_text(first.rstrip() + "\n\n" + second)
        assert any(SEVERAL in w for w in both.warnings), doc_id
        problems = _first_report_problems(alone, both)
        # The second report's preamble may stay at the end of section 六; nothing else may change.
        assert all(p == "cells" or p.startswith("last section") and "longer" in p for p in problems) and "cells" not in problems, (doc_id, problems)


def _texts_and_next() -> list[tuple[str, str, str]]:
    texts = _texts()
    return [(texts[i][0], texts[i][1], texts[(i + 1) % len(texts)][1]) for i in range(len(texts))]


def test_a_page_saved_twice_keeps_one_copy():
    for record in _records()[:10]:
        doc_id, text = record["doc_id"], record["title"] + "\n" + record["text"]
        report = nlp.parse_text(text + "\n\n" + text)
        warning = next((w for w in report.warnings if SEVERAL in w), None)
        assert warning is not None, doc_id
        assert not _first_report_problems(nlp.parse_text(text), report), doc_id


def test_two_reports_glued_into_one_line_are_cut_between_them():
    """A crawler that dropped every line break: the second report's title and section 一 are still found."""
    warned = 0
    for _, first, second in _pairs():
        glued = "".join(line.strip() for line in (first + "\n" + second).splitlines())
        report = nlp.parse_text(glued)
        alone = nlp.parse_text("".join(line.strip() for line in first.splitlines()))
        if any(SEVERAL in w for w in report.warnings):
            warned += 1
            assert [s.key for s in report.sections] == [s.key for s in alone.sections]
    assert warned == len(_pairs()), f"{warned} of {len(_pairs())} glued pairs cut"


def test_an_overview_item_inside_a_later_section_starts_no_report():
    """`（一）总体情况` as an item under section 六 (a report on a special campaign) is no second report."""
    first = _texts()[0][1]
    item = "\n（一）总体情况\n本年度开展政务公开专项检查一次。\n（二）主动公开\n发布专项信息12条。\n（三）收到和处理政府信息公开申请\n无。\n"
    report = nlp.parse_text(first.rstrip() + item)
    assert not any(SEVERAL in w for w in report.warnings)
    assert any("本年度开展政务公开专项检查一次。" in p.text for p in report.sections[-1].paragraphs)


# `govreport split` and `nlp.split_reports`, on the project's own example report (a second year made from it).


def _example() -> str:
    from pathlib import Path

    return next((Path(__file__).parents[1] / "examples").glob("*.txt")).read_text(encoding="utf-8")


def _volume() -> str:
    """The example report, the same office's next year after it, and a third office's report, as a bound volume."""
    first = _example()
    return first + "\n\n" + first.replace("2023", "2024") + "\n\n" + first.replace("文化和旅游局", "水利局")


def test_split_reports_gives_each_report_and_loses_nothing():
    volume = _volume()
    parts = nlp.split_reports(volume)
    assert len(parts) == 3
    assert "".join(parts) == volume
    assert [nlp.parse_text(part).year for part in parts] == [2023, 2024, 2023]
    assert all(not any(SEVERAL in w for w in nlp.parse_text(part).warnings) for part in parts)
    assert nlp.split_reports(_example()) == [_example()]


def test_split_command_writes_each_report_and_never_overwrites(tmp_path, capsys):
    from nlp.cli import main

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "volume.txt").write_text(_volume(), encoding="gb18030")
    (inputs / "single.txt").write_text(_example(), encoding="utf-8")
    (inputs / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    out = tmp_path / "out"
    assert main(["split", str(inputs), "--output", str(out)]) == 1  # the broken file is a failure; the others go on
    said = capsys.readouterr()
    assert "broken.docx" in said.err
    written = sorted(p.name for p in out.iterdir())
    assert written == ["volume.1.txt", "volume.2.txt", "volume.3.txt"]
    assert "".join((out / name).read_text(encoding="utf-8") for name in written) == _volume()
    assert "single.txt: one report" in said.out
    before = (out / "volume.1.txt").read_text(encoding="utf-8")
    (inputs / "broken.docx").unlink()
    assert main(["split", str(inputs / "volume.txt"), "--output", str(out)]) == 1
    assert "not overwritten" in capsys.readouterr().err
    assert (out / "volume.1.txt").read_text(encoding="utf-8") == before


def test_one_report_with_its_sections_out_of_order_is_not_cut():
    """Section 一 printed after 二, 三 and 五 (a report out of template order) is one report: each section once."""
    text = _example()
    lines = text.split("\n")
    starts = {key: next(i for i, line in enumerate(lines) if line.startswith(key)) for key in ("一、", "二、", "四、", "五、", "六、")}
    first, second = starts["一、"], starts["二、"]
    five, six = starts["五、"], starts["六、"]
    moved = lines[:first] + lines[second:five] + lines[five:six] + lines[first:second] + lines[six:]
    report = nlp.parse_text("\n".join(moved))
    assert not any(SEVERAL in w for w in report.warnings)
    assert any("out of template order" in w for w in report.warnings)


def test_analyze_without_split_says_in_the_summary_where_another_report_begins(tmp_path):
    """With --no-split, a batch of thousands shows its bound volumes in summary.csv (`next_report_line`), blank for
    one report (by default each report is read: tests/test_several_analyzed.py)."""
    import csv

    from nlp.cli import main

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "volume.txt").write_text(_volume(), encoding="utf-8")
    (inputs / "single.txt").write_text(_example(), encoding="utf-8")
    assert main(["analyze", str(inputs), "--output", str(tmp_path / "out"), "--no-split"]) == 0
    with (tmp_path / "out" / "summary.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["doc_id"]: row for row in csv.DictReader(handle)}
    assert sorted(rows) == ["single", "volume"] and rows["volume"]["part"] == ""
    assert rows["single"]["next_report_line"] == ""
    assert int(rows["volume"]["next_report_line"]) == _example().count("\n") + 3
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert index.count("another report from line") == 1 and f"another report from line {rows['volume']['next_report_line']}" in index
