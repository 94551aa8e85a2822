"""Inputs of the boilerplate and duplicate commands, as documents of units, read by the one input
layer (`nlp.inputs.read_sources`, its `InputFailure` too).

A report (a report file in any format `nlp.read_report` reads, or one line of a JSON Lines file of
whole reports) becomes one document whose units are its paragraphs (id = paragraph index). A JSON
Lines file of paragraph records (`--jsonl paragraphs`, or a file whose first records are paragraphs:
`nlp.jsonl.file_kind`) gives a document per `doc_id`, its records in file order, each one unit (id =
the record's `id`, else its `para_index`, else its place among the document's records), the record
kept so that outputs can extend it. Optional `agency` and `year` fields say whose report it is and for
which year. User text is normalised with `nlp.normalize.clean_text`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from nlp.inputs import InputFailure, JsonlMode, ParagraphRecords, read_sources
from nlp.jsonl import record_year
from nlp.read import ReadLimits
from nlp.report import Report


@dataclass
class Unit:
    """One paragraph of a document."""

    id: Any
    text: str
    kind: str = "narrative"
    #: The input record (JSON Lines) the unit came from, kept so that outputs can extend it.
    record: dict[str, Any] | None = None
    #: The paragraph's words where the pipeline cut them already (`Paragraph.tokens`).
    tokens: tuple[str, ...] | None = None


@dataclass
class Document:
    doc_id: str
    source: str
    units: list[Unit] = field(default_factory=list)
    agency: str | None = None
    year: int | None = None
    report: Report | None = None


def document_from_report(report: Report) -> Document:
    units = [Unit(p.index, p.text, p.kind, tokens=tuple(p.tokens) if p.tokens is not None else None) for p in report.paragraphs]
    return Document(report.doc_id, report.source, units, report.agency, report.year, report)


def documents_from_records(given: ParagraphRecords) -> list[Document]:
    """The documents of a file's paragraph records: one per doc_id, in order of first appearance."""
    from nlp.normalize import clean_text

    documents: dict[str, Document] = {}
    for i, record in enumerate(given.records):
        doc_id = given.doc_id(i)
        document = documents.setdefault(doc_id, Document(doc_id, given.source))
        document.agency = document.agency or (str(record["agency"]) if record.get("agency") else None)
        document.year = document.year or record_year(record.get("year"))
        para_id = record.get("id", record.get("para_index"))
        unit_id = para_id if para_id is not None else len(document.units)
        document.units.append(Unit(unit_id, clean_text(record["text"]), str(record.get("kind") or "narrative"), record))
    return list(documents.values())


def read_documents(
    paths: Iterable[str | os.PathLike[str]], limits: ReadLimits | None = None, jsonl: JsonlMode = "auto"
) -> Iterator[Document | InputFailure]:
    """Documents from report files, folders of them, and JSON Lines files of reports or of paragraphs
    (`jsonl`: "auto" decides per file); failures are yielded, not raised (`nlp.inputs.InputFailure`:
    a file, a line `FILE:LINE`, or a symbolic link out of a folder, which is not followed). `limits`
    bounds what a file, or a line, may cost."""
    for item in read_sources(paths, jsonl=jsonl, limits=limits):
        if isinstance(item, InputFailure):
            yield item
        elif isinstance(item, ParagraphRecords):
            yield from documents_from_records(item)
        else:
            yield document_from_report(item)
