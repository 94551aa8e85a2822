"""The files of an analysed batch besides each report's JSON: review pages, summary rows, the
copy-paste pairs, the workbook and `errors.jsonl`. Each reads the annotated `Report`, never its JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nlp.checkcounts import CheckCounts
from nlp.duplicates.lsh import DuplicatePair
from nlp.duplicates.pairstore import PairStore
from nlp.export import csv_sheet, write_csv, write_workbook
from nlp.files import atomic_write_text, atomic_writer
from nlp.report import Report
from nlp.reportjson import ReportStats
from nlp.tables.chinese import LABEL_COLUMNS, cell_labels

#: Columns of summary.csv before the paragraph count of each label (`paragraphs_<label>`).
SUMMARY_COLUMNS: tuple[str, ...] = (
    "doc_id", "page", "source", "title", "agency", "year", "template", "sections_found", "sections_merged", "sections_missing",
    "next_report_line", "part", "checks_failed", "audits_failed", "checks_uncertain", "checks_not_assessable", "checks_passed", "topics_missing", "boilerplate_share",
    "specificity_mean", "copied_share", "yoy_share",
    *("previous_doc_id", "next_doc_id", "continuity_fail", "continuity_uncertain", "continuity_versions"),
)  # fmt: skip
#: Columns of table_cells.csv and of the workbook's table_cells sheet.
CELL_COLUMNS: tuple[str, ...] = ("doc_id", "table", "row", "col", "value", *LABEL_COLUMNS)
#: copy_paste_pairs.csv: the two paragraphs by id (their texts are in copy_paste_paragraphs.csv, once each).
PAIR_COLUMNS: tuple[str, ...] = ("doc_a", "para_a", "doc_b", "para_b", "similarity")
PARAGRAPH_COLUMNS: tuple[str, ...] = ("doc_id", "para", "text")
#: Rows of the workbook's detail sheets (cells, pairs) at most: Excel is slow to write and to open
#: with more, and the CSV files hold every row.
DETAIL_SHEET_MAX_ROWS = 100_000
#: Columns that stay text in the workbook even where they look like numbers (doc_id "001", row "1").
TEXT_COLUMNS = frozenset(
    {"doc_id", "page", "source", "title", "agency", "template", "part", "sections_found", "sections_merged", "sections_missing", "topics_missing", "table", "row", "col"}
    | {"previous_doc_id", "next_doc_id", "continuity_versions"}
    | set(LABEL_COLUMNS)
    | {"doc_a", "para_a", "doc_b", "para_b", "para", "text"}
)


@dataclass
class Finished:
    """What the batch files take of a report finished in pass 2."""

    summary: dict[str, object]
    label_counts: dict[str, int]
    cells: list[list[object]]
    pairs: list[DuplicatePair] = field(default_factory=list)


def finished(report: Report, page: str, pairs: Sequence[DuplicatePair] = ()) -> Finished:
    """The report's row of summary.csv, its label counts, its rows of table_cells.csv and its pairs."""
    notes = report.annotations
    assert notes is not None, "an analysed report"
    stats = ReportStats.of(report)
    counts = CheckCounts.of(notes.tables.findings)
    reuse = notes.reuse
    summary: dict[str, object] = {
        "doc_id": report.doc_id,
        "page": page,
        "source": report.source,
        "title": report.title,
        "agency": report.agency,
        "year": report.year,
        "template": notes.tables.template,
        "sections_found": ",".join(s.key for s in report.sections if s.title),
        # A section found at a heading it shares with another, whose paragraphs hold its text: `review_litigation>requests`.
        "sections_merged": ",".join(f"{key}>{into}" for key, into in report.merged_sections.items()),
        "sections_missing": ",".join(report.missing_sections),
        # The line of the file where another report begins (a bound volume read with --no-split): only the first was read.
        "next_report_line": report.next_report_line,
        # Which report of a file holding several this is, read on its own (`2 of 3`); blank for a file's only report.
        "part": str(report.part) if report.part is not None else None,
        # Counted as `govreport check` counts them (nlp.checkcounts).
        "checks_failed": counts.failed,
        "audits_failed": counts.audits_failed,
        "checks_uncertain": counts.uncertain,
        "checks_not_assessable": counts.not_assessable,
        "checks_passed": counts.passed,
        "topics_missing": ",".join(stats.topics_missing),
        "boilerplate_share": stats.boilerplate_share,
        "specificity_mean": stats.specificity_mean,
        "copied_share": reuse.copied_share if reuse else None,
        "yoy_share": reuse.yoy_share if reuse else None,
        **years_columns(report),
    }
    cells = [[report.doc_id, c.table, c.row, c.col, c.value, *cell_labels(c.table, c.row, c.col)] for c in notes.tables.cells]
    return Finished(summary, stats.label_counts, cells, list(pairs))


def years_columns(report: Report) -> dict[str, object]:
    """The summary columns of the checks across years: the neighbours, the breaks (`fail`), the
    questions (`uncertain`: a break the extraction or a clean-up may explain; cells not read are not
    counted) and the other versions of the report's agency-year. Blank where the batch holds no
    neighbour."""
    years = report.annotations.years if report.annotations is not None else None
    if years is None:
        return dict.fromkeys(("previous_doc_id", "next_doc_id", "continuity_fail", "continuity_uncertain", "continuity_versions"))
    return {
        "previous_doc_id": years.previous,
        "next_doc_id": years.next,
        "continuity_fail": sum(f.status == "fail" for f in years.findings),
        "continuity_uncertain": sum(f.status == "uncertain" for f in years.findings),
        "continuity_versions": ",".join(years.versions),
    }


def summary_values(row: Finished, labels: Sequence[str]) -> list[object]:
    return [*(row.summary[c] for c in SUMMARY_COLUMNS), *(row.label_counts.get(label, 0) for label in labels)]


def write_page(output: Path, report: Report, name: str, page_for: dict[str, str]) -> str:
    """Write the report's review page; return its file name."""
    from nlp.render import review_page

    page = f"{name}.html"
    atomic_write_text(output / page, review_page(report, page_for=page_for), durable=False)  # flushed with the run's other files at its end
    return page


def write_pairs(output: Path, store: PairStore) -> None:
    """copy_paste_pairs.csv (pairs by paragraph id) and copy_paste_paragraphs.csv (each paragraph
    of a pair once, with its text: the store deduplicates them on disk)."""
    rows = ([p.doc_a, p.para_a, p.doc_b, p.para_b, round(p.similarity, 4)] for p in store)
    write_csv(output / "copy_paste_pairs.csv", PAIR_COLUMNS, rows)
    write_csv(output / "copy_paste_paragraphs.csv", PARAGRAPH_COLUMNS, store.paragraphs())


def write_summary_workbook(output: Path) -> None:
    """summary.xlsx: the summary, the table cells and the pairs, streamed from their CSV files."""
    parts = [
        csv_sheet("summary", output / "summary.csv", text_columns=TEXT_COLUMNS),
        csv_sheet("table_cells", output / "table_cells.csv", DETAIL_SHEET_MAX_ROWS, TEXT_COLUMNS),
        csv_sheet("copy_paste_pairs", output / "copy_paste_pairs.csv", DETAIL_SHEET_MAX_ROWS, TEXT_COLUMNS),
        csv_sheet("copy_paste_paragraphs", output / "copy_paste_paragraphs.csv", DETAIL_SHEET_MAX_ROWS, TEXT_COLUMNS),
    ]
    try:
        write_workbook(output / "summary.xlsx", [sheet for sheet, _ in parts])
    finally:
        for _, handle in parts:
            handle.close()


def write_errors(output: Path, errors: Iterable[dict[str, str]]) -> None:
    with atomic_writer(output / "errors.jsonl") as handle:
        handle.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
