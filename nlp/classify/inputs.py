"""Paragraphs to classify from user files: report files (their narrative paragraphs) or JSONL records.

A JSONL file holds one paragraph a line with at least `text` (and optionally `section`, `heading`
or `topic`). Where the records also carry `doc_id` and `kind` and include the headings (as labelled
files do), each paragraph gets its context from the headings above it, as in a report. Texts are
normalised as reports are (nlp.normalize.clean_text) before the model sees them; the records
themselves are returned unchanged.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.classify.context import Context, contexts_for_units
from nlp.classify.features import ParagraphInput, as_input
from nlp.errors import GovReportError

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


def is_paragraph_file(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in PARAGRAPH_FILE_SUFFIXES


def read_paragraph_file(path: str | os.PathLike[str]) -> ParagraphBatch:
    """Records of a JSONL paragraph file, with model inputs for the narrative ones."""
    from nlp.normalize import clean_text

    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GovReportError(f"{path}: cannot read as UTF-8 JSON Lines ({exc})") from exc
    batch = ParagraphBatch(str(path), [])
    numbers: list[int] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            batch.errors.append((number, f"not valid JSON ({exc.msg})"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            batch.errors.append((number, "a JSON object with a `text` string is expected"))
            continue
        batch.records.append(record)
        numbers.append(number)
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
