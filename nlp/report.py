"""Plain data classes for a structured report: the object every later step annotates.

A `Report` is built once by `nlp.structure` and then annotated in place by later steps
(tables, classifier, boilerplate, duplicates), much as spaCy annotates a `Doc`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nlp.findings import Fault, FindingStatus

#: Canonical section keys, in template order.
SECTION_KEYS: tuple[str, ...] = (
    "overview",
    "active",
    "requests",
    "review_litigation",
    "problems_improvements",
    "other_matters",
)
#: Key for sections outside the six of the template (legacy or agency-specific ones) and for the
#: front matter before the first heading (title, preamble: the first section, with an empty title).
EXTRA_SECTION = "extra"

PARAGRAPH_KINDS: tuple[str, ...] = ("narrative", "heading", "table", "meta")


@dataclass
class Paragraph:
    """One unit of the report: a line of the clean text (see ANNOTATION.md)."""

    index: int
    kind: str
    text: str
    #: Offsets into `Report.source_text` (the text as read from the user's file).
    start: int
    end: int
    #: Key of the section the paragraph stands in (`extra` for the front matter).
    section: str = EXTRA_SECTION
    #: What the pipeline's steps found (narrative paragraphs of an analysed report; None before).
    annotations: ParagraphAnnotations | None = None
    #: The paragraph cut into words once (`nlp.tokenize.Tokenizer`), for every step that reads
    #: words; not serialised (rebuilt where needed).
    tokens: list[str] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


@dataclass
class Match:
    """A near-copy of a paragraph in another report of the index."""

    doc_id: str
    para: int
    #: Estimated Jaccard similarity of the two paragraphs' shingles, rounded to 4 places.
    similarity: float


@dataclass
class Copies:
    """What the copy-paste index holds of a paragraph (pass 2 of `analyze`)."""

    #: The most similar near-copies (at most `nlp.batch.run.MATCHES_LISTED`).
    matches: list[Match] = field(default_factory=list)
    #: How many near-copies there are in all (more than `matches` lists when many).
    count: int = 0
    #: True when the count stopped at the index's cap (there may be more).
    capped: bool = False


@dataclass
class ParagraphAnnotations:
    """A narrative paragraph's label, boilerplate score and copies (None: that step did not run)."""

    label: str | None = None
    #: The classifier's probability of each label (rounded to 4 places).
    scores: dict[str, float] = field(default_factory=dict)
    #: 0–1, higher is more template (rounded to 4 places).
    boilerplate: float | None = None
    specificity: float | None = None
    #: [start, end, kind] of the spans that pushed the score towards template (clean-text offsets).
    boilerplate_spans: list[tuple[int, int, str]] = field(default_factory=list)
    #: None until the copy-paste index was asked (pass 2).
    copies: Copies | None = None

    @property
    def confidence(self) -> float:
        return max(self.scores.values())


@dataclass
class Section:
    """A top-level section of the report."""

    key: str
    title: str
    #: The numbering as printed (`一`, `1`, `五` ...), None where the heading was missing.
    number: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    #: The key of the section whose paragraphs hold this one's text, where one heading names both
    #: (`三、收到和处理政府信息公开申请及行政复议、行政诉讼情况`) and no subheading of its own opens this one:
    #: it stands empty at that heading, merged, not missing nor empty. None for every other section.
    merged_into: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "number": self.number,
            "merged_into": self.merged_into,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }


@dataclass
class Cell:
    """One number of a statistical table, in the canonical keys of TABLES.md."""

    table: str
    row: str
    col: str
    value: int | float | None
    #: The clean-text line the value was read from, for warnings and review pages.
    line: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "col": self.col, "value": self.value}


@dataclass
class Finding:
    """The outcome of one check on a report (arithmetic rule, audit, narrative cross-check)."""

    id: str
    rule: str
    status: FindingStatus  # pass | fail | uncertain | not_assessable (a plain string is converted)
    message: str = ""
    cells: list[dict[str, str]] = field(default_factory=list)
    expected: float | None = None
    printed: float | None = None
    #: Whose fault a failure is: `report` (the agency's) or `extraction` (ours).
    fault: Fault | None = None

    def __post_init__(self) -> None:
        # Callers and stored records pass plain strings; an unknown value is an error here, not later.
        self.status = FindingStatus(self.status)
        self.fault = Fault(self.fault) if self.fault is not None else None

    def to_dict(self) -> dict[str, Any]:
        # By hand rather than dataclasses.asdict, which deep-copies every cell reference: a batch
        # writes millions of findings.
        return {
            "id": self.id,
            "rule": self.rule,
            "status": self.status.value,
            "message": self.message,
            "cells": [dict(cell) for cell in self.cells],
            "expected": self.expected,
            "printed": self.printed,
            "fault": self.fault.value if self.fault is not None else None,
        }


@dataclass
class Tables:
    """The statistical tables as read (`nlp.tables.extract.read_tables`) and their checks."""

    template: str | None
    cells: list[Cell] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: The extraction's warnings (`nlp.tables.extract.TableWarning`).
    warnings: list[Any] = field(default_factory=list)
    #: (table, row) -> how the row's numbers were placed (`exact`, `by_order`, a repair ...): the
    #: checks across years treat a break in a repaired row as the extraction's doubt.
    placements: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass
class Years:
    """How the report joins up with the same agency's reports of other years in its batch
    (`nlp.tables.continuity`): its neighbours by doc_id and the findings of each link (each finding
    names both reports; a check has the same id in both links of a middle year)."""

    #: The same agency's report of the year before / after (None where the batch has none).
    previous: str | None = None
    next: str | None = None
    #: Other versions of the same agency-year (a PDF and its web page, a corrected reissue).
    versions: list[str] = field(default_factory=list)
    #: The findings of the link with `previous`, of the link with `next`, and of the versions.
    with_previous: list[Finding] = field(default_factory=list)
    with_next: list[Finding] = field(default_factory=list)
    of_versions: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [*self.of_versions, *self.with_previous, *self.with_next]


@dataclass
class Reuse:
    """How much of the report is copied: from other reports, and from the agency's previous year."""

    #: Share of the narrative characters in paragraphs with a near-copy elsewhere.
    copied_share: float | None = None
    #: Share repeated from `yoy_previous`, the same agency's latest earlier report of the batch.
    yoy_share: float | None = None
    yoy_previous: str | None = None


@dataclass
class ReportAnnotations:
    """Report-level results of the pipeline; per-paragraph ones are on the paragraphs."""

    tables: Tables
    #: The classifier's labels, in its order.
    labels: list[str] = field(default_factory=list)
    #: None until the copy-paste index was asked (pass 2).
    reuse: Reuse | None = None
    #: The name of the report's files in a batch's output folder (None outside a batch).
    output_name: str | None = None
    #: None until the batch's checks across years ran (between the passes).
    years: Years | None = None


@dataclass(frozen=True)
class ReportPart:
    """Which report of a file holding several (a bound volume, a page of several years: `nlp.structure.several`)
    a report is, read on its own."""

    #: Its place among the file's reports, from 1, and how many the file holds.
    number: int
    of: int
    #: The line of the file (from 1) where this report begins.
    line: int = 1

    def __str__(self) -> str:
        return f"{self.number} of {self.of}"

    def to_dict(self) -> dict[str, int]:
        return {"number": self.number, "of": self.of, "line": self.line}

    @classmethod
    def from_dict(cls, document: dict[str, Any]) -> ReportPart:
        return cls(int(document["number"]), int(document["of"]), int(document.get("line", 1)))


@dataclass
class Report:
    """A structured annual report."""

    doc_id: str
    source: str
    #: The text as read from the file, before normalisation; paragraph offsets point here.
    source_text: str
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Fields of a web page's or crawler's header (`标题`, `发布机构`, `发布时间`, `原文链接` ...) by key.
    page_fields: dict[str, str] = field(default_factory=dict)
    #: The paragraphs (their `index`) of a table of contents before the sections (`nlp.structure.contents`), found
    #: by the parser; the table reader leaves them out (it would read tables 二–四's titles there).
    contents: list[int] = field(default_factory=list)
    #: Where the text as read holds another report after this one (a bound volume, a page of several years:
    #: `nlp.structure.several`), the line it begins on (from 1); this report is the text before it. None: one report.
    next_report_line: int | None = None
    #: Where the file holds several reports and each is read on its own (`nlp.structure.parse_reports`): which one
    #: this is. None: the file's only report (or its first, read alone, with `next_report_line`).
    part: ReportPart | None = None
    #: The label-aware segmentation ran on it (`nlp.pipeline.segment`): a flattened page's glued paragraphs were cut
    #: where the classifier's label changes, once; False for a report as the parser left it.
    segmented: bool = False
    #: What the pipeline's steps found about the whole report (None before they ran).
    annotations: ReportAnnotations | None = None

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    def narrative(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "narrative"]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def holding_section(self, key: str) -> Section | None:
        """The section whose paragraphs hold section `key`'s text: its own, or the one it is merged into."""
        section = self.section(key)
        if section is not None and section.merged_into is not None:
            return self.section(section.merged_into) or section
        return section

    @property
    def merged_sections(self) -> dict[str, str]:
        """Each section merged into another under one heading (`Section.merged_into`): its key → that one's key."""
        return {s.key: s.merged_into for s in self.sections if s.merged_into is not None}

    @property
    def section_keys(self) -> list[str]:
        return [s.key for s in self.sections]

    @property
    def missing_sections(self) -> list[str]:
        found = set(self.section_keys)
        return [k for k in SECTION_KEYS if k not in found]

    def annotated(self) -> list[Paragraph]:
        """The paragraphs the pipeline labelled and scored (the narrative ones), in order."""
        return [p for p in self.paragraphs if p.annotations is not None]

    def original(self, paragraph: Paragraph) -> str:
        """The paragraph as the user's file has it (before normalisation)."""
        return self.source_text[paragraph.start : paragraph.end]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "agency": self.agency,
            "year": self.year,
            "sections": [s.to_dict() for s in self.sections],
            "missing_sections": self.missing_sections,
            "warnings": list(self.warnings),
            **({"part": self.part.to_dict()} if self.part else {}),
        }
