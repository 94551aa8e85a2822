"""Paragraphs to classify from user files: report files (their narrative paragraphs) or JSONL records.

A JSONL file holds one paragraph a line with at least `text` (and optionally `section`, `heading`
or `topic`). Where the records also carry `doc_id` and `kind` and include the headings (as labelled
files do), each paragraph gets its context from the headings above it, as in a report. Texts are
normalised as reports are (nlp.normalize.clean_text) before the model sees them; the records
themselves are returned unchanged.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.classify.context import Context, contexts_for_units
from nlp.classify.features import ParagraphInput, as_input
from nlp.errors import GovReportError
from nlp.read import ReadLimits

PARAGRAPH_FILE_SUFFIXES: tuple[str, ...] = (".jsonl",)


@dataclass
class ParagraphBatch:
    """The records of one input file; `inputs[i]` is what the model sees of `records[targets[i]]`."""

    source: str
    records: list[dict[str, Any]]
    targets: list[int] = field(default_factory=list)
    inputs: list[ParagraphInput] = field(default_factory=list)
    #: Line-level problems (bad JSON, no text): (line number, message); the rest of the file is used.
    errors: list[tuple[int, str]] = field(default_factory=list)
    #: Why nothing of this input can be classified (its message), or None.
    error: str | None = None


def is_paragraph_file(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in PARAGRAPH_FILE_SUFFIXES


def read_paragraph_file(path: str | os.PathLike[str]) -> ParagraphBatch:
    """Records of a JSONL paragraph file, with model inputs for the narrative ones."""
    from nlp.labels import iter_json_lines
    from nlp.normalize import clean_text

    path = Path(path)
    batch = ParagraphBatch(str(path), [])
    try:
        for number, record, problem in iter_json_lines(path):
            if record is None or not isinstance(record.get("text"), str):
                batch.errors.append((number, problem or "a JSON object with a `text` string is expected"))
                continue
            batch.records.append(record)
    except (OSError, UnicodeDecodeError) as exc:
        raise GovReportError(f"{path}: cannot read as UTF-8 JSON Lines ({exc})") from exc
    if not batch.records and not batch.errors:
        raise GovReportError(f"{path}: empty paragraph file")
    texts = [clean_text(record["text"]) for record in batch.records]
    contexts = _contexts_from_headings(batch.records, texts)
    for i, record in enumerate(batch.records):
        if record.get("kind", "narrative") != "narrative" or not texts[i]:
            continue
        given = as_input({**record, "text": texts[i]})
        context = given.context
        if contexts is not None:
            derived = contexts[i].as_dict()
            context = Context(**{**derived, **{k: v for k, v in given.context.as_dict().items() if v != "none"}})
        batch.targets.append(i)
        batch.inputs.append(ParagraphInput(texts[i], context))
    return batch


def _contexts_from_headings(records: list[dict[str, Any]], texts: list[str]) -> list[Context] | None:
    """Contexts from the heading records of each doc_id, or None where the file has no headings."""
    if not any(record.get("kind") == "heading" for record in records):
        return None
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        by_doc[str(record.get("doc_id", ""))].append(i)
    contexts: list[Context] = [Context()] * len(records)
    for indices in by_doc.values():
        indices.sort(key=lambda i: (_int(records[i].get("para_index"), i), i))
        derived = contexts_for_units([records[i].get("kind") or "narrative" for i in indices], [texts[i] for i in indices])
        for i, context in zip(indices, derived, strict=True):
            contexts[i] = context
    return contexts


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def report_records(report: Any) -> Iterator[dict[str, Any]]:
    """One output record per narrative paragraph of a structured report (without label)."""
    for paragraph in report.narrative():
        yield {
            "doc_id": report.doc_id,
            "source": report.source,
            "para_index": paragraph.index,
            "section": paragraph.section,
            "text": paragraph.text,
        }


def paragraph_batches(paths: Iterable[str], limits: ReadLimits | None = None) -> Iterator[ParagraphBatch]:
    """A `ParagraphBatch` for each input: a JSONL paragraph file, or each report of a report file or
    folder (read and structured, within `limits`). An input that fails is a batch with its `error`
    (and each bad line of a paragraph file one of its own), and the rest go on."""
    from nlp.batch import map_reports
    from nlp.classify.model import report_inputs

    for path in paths:
        if is_paragraph_file(path):
            try:
                batch = read_paragraph_file(path)
            except GovReportError as exc:
                yield ParagraphBatch(str(path), [], error=str(exc))
                continue
            for number, message in batch.errors:
                yield ParagraphBatch(str(path), [], error=f"{path}:{number}: {message}")
            yield batch
            continue
        for outcome in map_reports([path], lambda report: (list(report_records(report)), report_inputs(report)), limits=limits):
            if not outcome.ok:
                yield ParagraphBatch(str(outcome.path), [], error=outcome.error)
                continue
            records, inputs = outcome.value
            yield ParagraphBatch(str(outcome.path), records, list(range(len(records))), inputs)


def iter_reports(paths: Iterable[str], on_error: Callable[[str], None]) -> Iterator[Any]:
    """Structured reports from report files/folders and from JSONL files with one report (`doc_id`,
    `text`) a line, such as ../shared/corpus/pages_dev.jsonl, read by `nlp.inputs.read_inputs`.
    Each failure's message goes to `on_error`."""
    from nlp.inputs import InputFailure, read_inputs

    for item in read_inputs(paths):
        if isinstance(item, InputFailure):
            on_error(item.error)
        else:
            yield item
