"""Reports set in two columns (a government gazette, 政府公报, reprinting them): as a PDF (`nlp.read.columns`) and as
the text `pdftotext -layout` makes of it, both columns side by side on each line (`nlp.normalize.sidebyside`).

The damage is made from the 31 whole crawled reports of ../shared, their headings and narrative as labelled
(`labels/full_reports.jsonl`): set in two columns of 22 characters, 38 lines a column, page after page. Read back,
every narrative unit must stand in one paragraph, in its section, as it does when the same lines are given one a
line; a report in one column must read as before.
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

import pytest

import nlp
from nlp.classify.evaluate import match_units
from nlp.normalize.sidebyside import unfold_columns
from nlp.normalize.text import NormalizedText
from nlp.read import read_bytes
from tests.conftest import shared_path

#: Characters a column's line holds, and lines a column holds on a page.
WIDTH = 22
HEIGHT = 38


@cache
def _reports() -> dict[str, list[dict]]:
    """Each whole report's headings and narrative units (its table lines left out), in order."""
    reports: dict[str, list[dict]] = {}
    with shared_path("labels", "full_reports.jsonl").open(encoding="utf-8") as handle:
        for record in map(json.loads, handle):
            if record["kind"] in ("heading", "narrative"):
                reports.setdefault(record["doc_id"], []).append(record)
    return reports


def _wrapped(units: list[dict]) -> list[str]:
    """The units as a column sets them: each paragraph's first line indented two characters, `WIDTH` a line."""
    lines = []
    for unit in units:
        text = ("  " if unit["kind"] == "narrative" else "") + unit["text"]
        lines += [text[i : i + WIDTH] for i in range(0, len(text), WIDTH)]
    return lines


def side_by_side(units: list[dict], seed: int = 0) -> str:
    """The units as `pdftotext -layout` writes a two-column page: the left column's line padded to its width, a
    gutter of three to six spaces (varying by line, as the tool rounds positions), the right column's line; a
    form feed between pages, each headed by the gazette's name and its page number."""
    rng = random.Random(seed)
    lines = _wrapped(units)
    pages = []
    for start in range(0, len(lines), 2 * HEIGHT):
        left, right = lines[start : start + HEIGHT], lines[start + HEIGHT : start + 2 * HEIGHT]
        rows = [
            (a.ljust(WIDTH + 2) + " " * rng.randint(3, 6) + b).rstrip() if b else a
            for a, b in zip(left, right + [""] * (len(left) - len(right)), strict=True)
        ]
        number = 17 + len(pages)  # the gazette's page number, outside on the head: right on odd pages, left on even
        head = f"{'某市人民政府公报 2024年第3期（总第215期）':<40}·{number}·" if number % 2 else f"·{number}·{'':<36}某市人民政府公报 2024年第3期（总第215期）"
        pages.append(head + "\n\n" + "\n".join(rows))
    return "\n\f".join(pages)


def _placed(text: str, units: list[dict]) -> tuple[int, int]:
    """(narrative units that one paragraph holds, units in their section as the one-a-line text gives them)."""
    report = nlp.parse_text(text)
    plain = nlp.parse_text("\n".join(unit["text"] for unit in units))
    wanted = [unit["text"] for unit in units if unit["kind"] == "narrative"]
    paragraphs = [(section.key, paragraph.text) for section in report.sections for paragraph in section.paragraphs]
    expected = [(section.key, paragraph.text) for section in plain.sections for paragraph in section.paragraphs]
    found = match_units(wanted, [text for _, text in paragraphs])
    where = match_units(wanted, [text for _, text in expected])
    held = sum(index is not None for index in found)
    in_section = sum(
        index is not None and other is not None and paragraphs[index][0] == expected[other][0] for index, other in zip(found, where, strict=True)
    )
    return held, in_section


def test_text_with_two_columns_side_by_side_reads_every_unit_in_its_section():
    total = held = in_section = 0
    for doc_id, units in _reports().items():
        got_held, got_section = _placed(side_by_side(units, seed=len(doc_id)), units)
        total += sum(unit["kind"] == "narrative" for unit in units)
        held += got_held
        in_section += got_section
    assert total >= 390
    # Every unit in one paragraph and in its section (a unit the plain text's reading puts elsewhere counts as out).
    assert held == total, f"{held} of {total} units in one paragraph"
    assert in_section >= 0.99 * total, f"{in_section} of {total} units in their section"


def test_side_by_side_columns_are_read_left_then_right_with_offsets_kept():
    units = next(iter(_reports().values()))
    text = side_by_side(units)
    unfolded = unfold_columns(NormalizedText.identity(text))
    lines = [line.strip() for line in unfolded.text.split("\n") if line.strip() and "公报" not in line]
    assert "".join(lines) == "".join(line.strip() for line in _wrapped(units))
    # Every clean character points at the same character of the source.
    assert all(text[int(unfolded.offsets[i])] == char for i, char in enumerate(unfolded.text) if char != "\n")


def test_one_column_text_and_tables_laid_out_with_spaces_are_left_alone():
    """A report in one column, its tables as space-aligned columns (text copied out of a PDF with its layout):
    nothing is moved."""
    units = next(iter(_reports().values()))
    one_column = "\n".join(_wrapped(units))
    table = "\n".join(f"{label:<24}{a:>8}{b:>8}{c:>8}" for label, a, b, c in [("规章", 0, 0, 3), ("行政规范性文件", 2, 1, 14), ("行政许可", 30, 4, 812)] * 4)
    for text in (one_column, one_column + "\n" + table, table):
        assert unfold_columns(NormalizedText.identity(text)).text == text


def _two_column_pdf(units: list[dict], path: Path) -> bytes:
    """The units as a gazette prints them: a running head, a title across the page, then two columns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        FrameBreak,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
    )

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10, leading=15, wordWrap="CJK", firstLineIndent=20, alignment=4)
    head = ParagraphStyle("head", parent=body, firstLineIndent=0)
    title = ParagraphStyle("title", parent=head, fontSize=16, leading=22, alignment=1)
    width, height = A4
    margin, gutter = 50, 20
    column = (width - 2 * margin - gutter) / 2

    def running_head(canvas, document):
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(margin, height - 30, f"某市人民政府公报 2024年第3期（总第215期） ·{document.page + 16}·")

    first = PageTemplate("first", [Frame(margin, height - 140, width - 2 * margin, 90, id="title"),
                                   Frame(margin, 50, column, height - 200, id="left1"),
                                   Frame(margin + column + gutter, 50, column, height - 200, id="right1")], onPage=running_head)
    later = PageTemplate("later", [Frame(margin, 50, column, height - 100, id="left"),
                                   Frame(margin + column + gutter, 50, column, height - 100, id="right")], onPage=running_head)
    flow = [Paragraph("某市某局2023年政府信息公开工作年度报告", title), FrameBreak(), NextPageTemplate("later")]
    for unit in units:
        flow.append(Paragraph(unit["text"], body if unit["kind"] == "narrative" else head))
    BaseDocTemplate(str(path), pagesize=A4, pageTemplates=[first, later]).build(flow)
    return path.read_bytes()


def test_a_two_column_pdf_reads_every_unit_in_its_section(tmp_path):
    pytest.importorskip("reportlab")
    total = held = in_section = 0
    for doc_id, units in _reports().items():
        text = read_bytes(_two_column_pdf(units, tmp_path / f"{doc_id}.pdf"), f"{doc_id}.pdf")
        got_held, got_section = _placed(text, units)
        total += sum(unit["kind"] == "narrative" for unit in units)
        held += got_held
        in_section += got_section
    # One unit of 397 is joined to the next where the PDF's geometry runs them together (so in one column too); one
    # preamble ending in `）` whose last line fills the narrow column takes section 一's title into it, as a line
    # wrapped at the margin (its section's 6 units then stand before it; in one column that line is short).
    assert held >= 0.995 * total, f"{held} of {total} units in one paragraph"
    assert in_section >= 0.98 * total, f"{in_section} of {total} units in their section"
