"""An analysed `Report` as JSON and back: the one place that knows the document's keys.

The per-report JSON of `analyze` is this module's `to_json`; the review page, the summary row and
`--resume` read the `Report` that `from_json` gives back, never the dict. Figures derived from the
annotations (label counts and shares, boilerplate share ...) are computed by `ReportStats`, not
stored on the report, so they cannot disagree with it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.errors import GovReportError
from nlp.labels import GUIDE_LABELS
from nlp.report import (
    Cell,
    Copies,
    Finding,
    Match,
    Paragraph,
    ParagraphAnnotations,
    Report,
    ReportAnnotations,
    ReportPart,
    Reuse,
    Section,
    Tables,
    Years,
)

#: Version of the document's layout, written into it; `from_json` refuses a newer one.
#: 2: `tables.placements` (how each row was read) and `years` (the checks across years).
SCHEMA_VERSION = 2

#: The labels whose presence a complete report should show (the template's required topics):
#: every label of the guide but `other`.
REQUIRED_TOPICS: tuple[str, ...] = tuple(label for label in GUIDE_LABELS if label != "other")


@dataclass
class ReportStats:
    """Report-level figures derived from the paragraphs' annotations."""

    label_counts: dict[str, int]
    label_shares: dict[str, float]
    topics_missing: list[str]
    #: Length-weighted mean of the paragraphs' boilerplate scores (None without scored paragraphs).
    boilerplate_share: float | None
    specificity_mean: float | None

    @classmethod
    def of(cls, report: Report) -> ReportStats:
        annotated = [p for p in report.annotated()]
        labels = [p.annotations.label for p in annotated if p.annotations and p.annotations.label is not None]
        counts = Counter(labels)
        scored = [p for p in annotated if p.annotations and p.annotations.boilerplate is not None]
        length = sum(len(p.text) for p in scored)
        return cls(
            label_counts=dict(counts),
            label_shares={k: v / len(labels) for k, v in counts.most_common()} if labels else {},
            topics_missing=[t for t in REQUIRED_TOPICS if t not in counts],
            boilerplate_share=(sum(p.annotations.boilerplate * len(p.text) for p in scored) / length) if scored else None,  # type: ignore[union-attr, operator]
            specificity_mean=(sum(p.annotations.specificity for p in scored) / len(scored)) if scored else None,  # type: ignore[union-attr, misc]
        )


def copied_share(report: Report) -> float | None:
    """Share of the narrative characters in paragraphs with a near-copy in another report."""
    annotated = report.annotated()
    length = sum(len(p.text) for p in annotated)
    if not length:
        return None
    return sum(len(p.text) for p in annotated if p.annotations and p.annotations.copies and p.annotations.copies.matches) / length


def to_json(report: Report) -> dict[str, Any]:
    """The report's JSON document (as `analyze` writes it to `reports/NAME.json`)."""
    notes = report.annotations
    if notes is None:
        raise ValueError(f"{report.doc_id}: the report has not been analysed (no annotations)")
    stats = ReportStats.of(report)
    titles = {id(p): s.title for s in report.sections for p in s.paragraphs}
    document: dict[str, Any] = {
        "doc_id": report.doc_id,
        "source": report.source,
        "title": report.title,
        "agency": report.agency,
        "year": report.year,
        "template": notes.tables.template,
        "sections": [{"key": s.key, "title": s.title, "number": s.number, "merged_into": s.merged_into} for s in report.sections],
        "sections_missing": report.missing_sections,
        "warnings": list(report.warnings),
        "labels": list(notes.labels),
        "label_counts": stats.label_counts,
        "label_shares": stats.label_shares,
        "topics_missing": stats.topics_missing,
        "boilerplate_share": stats.boilerplate_share,
        "specificity_mean": stats.specificity_mean,
        "tables": {
            "template": notes.tables.template,
            "cells": [c.to_dict() for c in notes.tables.cells],
            "findings": [f.to_dict() for f in notes.tables.findings],
            "warnings": [w.to_dict() for w in notes.tables.warnings],
            "placements": [[table, row, how] for (table, row), how in notes.tables.placements.items()],
        },
        "paragraphs": [_paragraph_json(report, p, titles.get(id(p), "")) for p in report.paragraphs],
    }
    # Optional keys, written where they hold something (a document without them reads as before: none, not cut).
    if report.contents:
        document["contents"] = list(report.contents)
    if report.page_fields:
        document["page_fields"] = dict(report.page_fields)
    if report.segmented:
        document["segmented"] = True
    if report.next_report_line is not None:
        document["next_report_line"] = report.next_report_line
    if report.part is not None:
        document["part"] = report.part.to_dict()
    if notes.output_name is not None:
        document["output_name"] = notes.output_name
    if notes.reuse is not None:
        document["copied_share"] = notes.reuse.copied_share
        document["yoy_share"] = notes.reuse.yoy_share
        document["yoy_previous"] = notes.reuse.yoy_previous
    if notes.years is not None:
        document["years"] = years_json(notes.years)
    document["schema_version"] = SCHEMA_VERSION
    return document


def years_json(years: Years) -> dict[str, Any]:
    """The `years` block of the document (also what identifies a batch's links across years)."""
    return {
        "previous": years.previous,
        "next": years.next,
        "versions": list(years.versions),
        "with_previous": [f.to_dict() for f in years.with_previous],
        "with_next": [f.to_dict() for f in years.with_next],
        "of_versions": [f.to_dict() for f in years.of_versions],
    }


def _years(block: dict[str, Any] | None) -> Years | None:
    if block is None:
        return None
    findings = {key: [Finding(**f) for f in block.get(key) or []] for key in ("with_previous", "with_next", "of_versions")}
    return Years(block.get("previous"), block.get("next"), list(block.get("versions") or []), **findings)


def _paragraph_json(report: Report, paragraph: Paragraph, section_title: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "index": paragraph.index,
        "section": paragraph.section,
        "section_title": section_title,
        "kind": paragraph.kind,
        "text": paragraph.text,
        "original": report.original(paragraph),
        "start": paragraph.start,
        "end": paragraph.end,
    }
    notes = paragraph.annotations
    if notes is None:
        return entry
    if notes.label is not None:
        entry["label"] = notes.label
        entry["scores"] = notes.scores
        entry["confidence"] = notes.confidence
    if notes.boilerplate is not None:
        entry["boilerplate"] = notes.boilerplate
        entry["specificity"] = notes.specificity
        entry["boilerplate_spans"] = [list(span) for span in notes.boilerplate_spans]
    copies = notes.copies
    entry["matches"] = [{"doc_id": m.doc_id, "para": m.para, "similarity": m.similarity} for m in copies.matches] if copies else []
    if copies is not None:
        entry["copies"] = copies.count
        entry["copies_capped"] = copies.capped
    return entry


def from_json(document: dict[str, Any]) -> Report:
    """The analysed `Report` a `to_json` document describes (its source text holds each paragraph's
    original text at its offsets, blanks elsewhere: what the document keeps of it)."""
    from nlp.tables.extract import TableWarning

    version = document.get("schema_version", 1)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise GovReportError(f"{document.get('doc_id')}: analysis document of schema {version!r}; this version reads up to {SCHEMA_VERSION}")
    entries = document["paragraphs"]
    size = max((int(e["end"]) for e in entries), default=0)
    text = [" "] * size
    for entry in entries:
        text[entry["start"] : entry["end"]] = entry.get("original", entry["text"])
    sections = [Section(s["key"], s["title"], s.get("number"), merged_into=s.get("merged_into")) for s in document["sections"]]
    position = 0
    for entry in entries:
        paragraph = Paragraph(entry["index"], entry["kind"], entry["text"], entry["start"], entry["end"], entry["section"], _annotations(entry))
        # The sections and the paragraphs are both in document order: a paragraph stands in the
        # first section from the current one with its key and title.
        for candidate in range(position, len(sections)):
            if sections[candidate].key == entry["section"] and sections[candidate].title == entry.get("section_title", ""):
                position = candidate
                break
        else:
            raise GovReportError(f"{document.get('doc_id')}: paragraph {entry['index']} stands in no section of the document")
        sections[position].paragraphs.append(paragraph)
    tables = document["tables"]
    reuse = Reuse(document.get("copied_share"), document.get("yoy_share"), document.get("yoy_previous")) if "copied_share" in document else None
    notes = ReportAnnotations(
        tables=Tables(
            tables.get("template"),
            [Cell(c["table"], c["row"], c["col"], c["value"]) for c in tables["cells"]],
            [Finding(**f) for f in tables["findings"]],
            [TableWarning(**w) for w in tables["warnings"]],
            {(table, row): how for table, row, how in tables.get("placements") or []},  # schema 1 did not keep them
        ),
        labels=list(document.get("labels") or []),
        reuse=reuse,
        output_name=document.get("output_name"),
        years=_years(document.get("years")),
    )
    return Report(
        doc_id=document["doc_id"],
        source=document["source"],
        source_text="".join(text),
        title=document.get("title"),
        agency=document.get("agency"),
        year=document.get("year"),
        sections=sections,
        warnings=list(document.get("warnings") or []),
        page_fields={str(key): str(value) for key, value in (document.get("page_fields") or {}).items()},
        contents=[int(index) for index in document.get("contents") or []],
        segmented=bool(document.get("segmented")),
        next_report_line=int(document["next_report_line"]) if document.get("next_report_line") is not None else None,
        part=ReportPart.from_dict(document["part"]) if document.get("part") else None,
        annotations=notes,
    )


def _annotations(entry: dict[str, Any]) -> ParagraphAnnotations | None:
    if "label" not in entry and "boilerplate" not in entry:
        return None
    copies = None
    if "copies" in entry:
        matches = [Match(m["doc_id"], m["para"], m["similarity"]) for m in entry.get("matches") or []]
        copies = Copies(matches, entry["copies"], bool(entry.get("copies_capped")))
    return ParagraphAnnotations(
        label=entry.get("label"),
        scores=entry.get("scores") or {},
        boilerplate=entry.get("boilerplate"),
        specificity=entry.get("specificity"),
        boilerplate_spans=[(s, e, k) for s, e, k in entry.get("boilerplate_spans") or []],
        copies=copies,
    )


def write_report_json(path: str | Path, report: Report) -> None:
    """Write the report's document atomically (not fsynced one by one: see `nlp.batch.run`)."""
    from nlp.files import atomic_write_text

    # One compact string: json's C encoder (indent= falls back to the pure-Python one, ~10x slower).
    atomic_write_text(path, json.dumps(to_json(report), ensure_ascii=False, separators=(",", ":")), durable=False)


def read_report_json(path: str | Path) -> Report:
    """The analysed report of a document `write_report_json` wrote."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GovReportError(f"{path}: cannot read the analysis document ({type(exc).__name__}: {exc})") from exc
    return from_json(document)


__all__ = ["REQUIRED_TOPICS", "SCHEMA_VERSION", "ReportStats", "copied_share", "from_json", "read_report_json", "to_json", "write_report_json", "years_json"]
