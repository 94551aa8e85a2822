"""A run-in title worded as what was done (`强化组织领导。`, `细化年度任务。`), glued into the text before it: the paragraph
is given back from the title on, not cut after the title (which lost the unit: its title ran on with the paragraph
before, its body with the one after). `nlp.normalize.breaks.ACTION_TITLE`; damage from the shared whole reports and
the authored development halves (odd numbers) glued with their item numbers dropped (`damage_glued.glued_unnumbered`),
and text written here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from nlp.normalize import comparable
from nlp.normalize.breaks import ACTION_TITLE
from nlp.structure import parse_text
from tests.authored_sets import records
from tests.conftest import shared_path, whole_reports
from tests.damage_glued import glued_unnumbered

GOLD = Path(__file__).resolve().parent / "gold"
#: A labelled unit that opens with such a title (its item number, if any, before it).
_OPENS = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|\d{1,2}[.、．])?\s*(" + ACTION_TITLE + r")。")


def _titles_given_back(text: str, units: Iterable[str]) -> tuple[int, int]:
    """(units opening with an action title, of them whose title opens a paragraph of the glued text read back)."""
    paragraphs = [comparable(p.text) for p in parse_text(glued_unnumbered(text)).paragraphs]
    total = found = 0
    for unit in units:
        match = _OPENS.match(unit)
        if match is None:
            continue
        total += 1
        title = comparable(match.group(1) + "。")
        found += any(p.startswith(title) for p in paragraphs)
    return total, found


def test_action_titles_in_a_section_glued_on_one_line_open_their_paragraphs():
    text = (
        "某区人民政府2018年政府信息公开工作年度报告\n"
        "一、概述2018年，我区扎实推进政务公开工作，取得新成效。强化组织领导。区政府常务会议两次专题研究政务公开，"
        "调整领导小组成员。细化年度任务。制定工作要点和任务分解表，明确具体任务，逐项落实责任单位。"
        "将政务公开纳入目标考核，年内开展专项考核。加强业务培训。全年举办专题培训三期，培训人员三百余人次。"
        "完善发布审查机制。印发审查办法，明确保密审查和发布程序。\n"
        "二、主动公开政府信息情况全年主动公开政府信息一万余条。\n"
    )
    paragraphs = [p.text for p in parse_text(text).paragraphs]
    for title in ("强化组织领导。", "细化年度任务。", "加强业务培训。", "完善发布审查机制。"):
        assert any(p.startswith(title) for p in paragraphs), (title, paragraphs)
        assert not any(p.endswith(title) for p in paragraphs), (title, paragraphs)
    # The sentence after a task's details stays with them: no title there to begin a paragraph.
    assert any(p.startswith("细化年度任务。") and p.endswith("年内开展专项考核。") for p in paragraphs), paragraphs


def test_action_titles_of_the_shared_whole_reports_glued_open_their_paragraphs():
    units: dict[str, list[str]] = {}
    with shared_path("labels", "full_reports.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            unit = json.loads(line)
            if unit["kind"] == "narrative":
                units.setdefault(unit["doc_id"], []).append(unit["text"])
    total = found = 0
    for record in whole_reports():
        counted = _titles_given_back(record["text"], units.get(record["doc_id"], ()))
        total, found = total + counted[0], found + counted[1]
    # measured: 5 of 10 before the titles were known, 7 after (the other three follow a heading glued on without a stop)
    assert total >= 10 and found >= 7, (found, total)


def test_action_titles_of_the_authored_development_halves_glued_open_their_paragraphs():
    total = found = 0
    for folder in sorted(GOLD.glob("authored_*")):
        if not (folder / "reports.jsonl").exists() or not (folder / "labels.jsonl").exists():
            continue
        units: dict[str, list[str]] = {}
        for unit in records(folder / "labels.jsonl"):
            if unit["kind"] == "narrative":
                units.setdefault(unit["doc_id"], []).append(unit["text"])
        for record in records(folder / "reports.jsonl"):
            number = "".join(ch for ch in record["doc_id"] if ch.isdigit())
            if not number or int(number) % 2 == 0 or "text" not in record:
                continue  # the held half (even numbers) is only ever scored
            counted = _titles_given_back(record["text"], units.get(record["doc_id"], ()))
            total, found = total + counted[0], found + counted[1]
    # measured: 64 of 130 before the titles were known, 121 after
    assert total >= 120 and found >= 118, (found, total)
