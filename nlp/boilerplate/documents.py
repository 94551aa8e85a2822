"""Inputs of the boilerplate and duplicate commands: report files or JSON Lines, as documents of units.

Files are found and report files read by the one input layer, `nlp.inputs` (its `InputFailure`
too). A report file (any format `nlp.read_report` reads) becomes one document whose units are its
paragraphs (id = paragraph index). A JSON Lines file holds records with `doc_id` and `text`:
a record with a paragraph id (`id`, or `para_index` as in the labelled files) is one paragraph of its
report; a record without one is a whole report's text, structured by `nlp.structure.parse_text`.
Optional `agency` and `year` fields say whose report it is and for which year. User text is
normalised with `nlp.normalize.clean_text`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.errors import GovReportError
from nlp.files import REPORT_SUFFIXES, doc_id_for, iter_report_paths
from nlp.inputs import JSONL_SUFFIXES, InputFailure, read_one, report_from_record
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


def _year(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def document_from_report(report: Report) -> Document:
    units = [Unit(p.index, p.text, p.kind, tokens=tuple(p.tokens) if p.tokens is not None else None) for p in report.paragraphs]
    return Document(report.doc_id, report.source, units, report.agency, report.year, report)


def _clean(text: str) -> str:
    from nlp.normalize import clean_text

    return clean_text(text)


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[Document | InputFailure]:
    """Documents of a JSON Lines file, in order of first appearance; bad lines become failures."""
    from nlp.labels import iter_json_lines

    path = Path(path)
    documents: dict[str, Document] = {}
    try:
        lines = list(iter_json_lines(path))
    except OSError as exc:
        yield InputFailure(str(path), f"cannot open: {exc.strerror or exc}")
        return
    except UnicodeDecodeError:
        yield InputFailure(str(path), "not UTF-8 text; save the JSON Lines file as UTF-8")
        return
    for number, record, problem in lines:
        where = f"{path}:{number}"
        if record is None:
            yield InputFailure(where, problem or "not a JSON object")
            continue
        if not isinstance(record.get("text"), str):
            yield InputFailure(where, "a record needs a string field 'text' (and 'doc_id')")
            continue
        doc_id = str(record.get("doc_id") or f"{doc_id_for(path)}-{number}")
        para_id = record.get("id", record.get("para_index"))
        if para_id is None:
            # A whole report's text in one record: structure it into paragraphs.
            try:
                report = report_from_record(record, doc_id, where)  # the same reading as every command's
            except Exception as exc:  # a batch never stops on one bad record
                yield InputFailure(where, _reason(exc), doc_id)
                continue
            document = documents.setdefault(doc_id, Document(doc_id, str(path), report=report))
            document.units.extend(Unit(p.index, p.text, p.kind) for p in report.paragraphs)
            document.agency = document.agency or report.agency
            document.year = document.year or report.year
            continue
        document = documents.setdefault(doc_id, Document(doc_id, str(path)))
        document.agency = document.agency or record.get("agency")
        document.year = document.year or _year(record.get("year"))
        document.units.append(
            Unit(para_id, _clean(record["text"]), str(record.get("kind") or "narrative"), record)
        )
    yield from documents.values()


def _reason(exc: Exception) -> str:
    if isinstance(exc, GovReportError):
        return str(exc)
    return f"internal error ({type(exc).__name__}: {exc}); please report it"


def read_documents(paths: Iterable[str | os.PathLike[str]], limits: ReadLimits | None = None) -> Iterator[Document | InputFailure]:
    """Documents from report files, folders of them, and JSON Lines files; failures are yielded, not
    raised (`nlp.inputs.InputFailure`, the class every command's input layer yields; a symbolic link out
    of a folder among them is one: it is not followed). `limits` bounds what a file may cost."""
    import functools

    from nlp.structure import read_report

    skipped: list[tuple[Path, str]] = []
    found = list(iter_report_paths(paths, suffixes=REPORT_SUFFIXES + JSONL_SUFFIXES, skipped=skipped))
    for link, reason in skipped:
        yield InputFailure(str(link), reason)
    for path in found:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(path)
            continue
        report = read_one(path, functools.partial(read_report, limits=limits))
        yield report if isinstance(report, InputFailure) else document_from_report(report)
