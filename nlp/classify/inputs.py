"""Paragraphs to classify from user inputs, read by the one input layer (`nlp.inputs.read_sources`).

Report files, folders and JSON Lines files of whole reports give their narrative paragraphs; a JSON
Lines file of paragraph records (`--jsonl paragraphs`, or a file whose first records are paragraphs:
`nlp.jsonl.file_kind`) gives its records, one paragraph a line with at least `text` (and optionally
`section`, `heading` or `topic`). Where the records also carry `doc_id` and `kind` and include the
headings (as labelled files do), each paragraph gets its context from the headings above it, as in a
report. Texts are normalised as reports are (nlp.normalize.clean_text) before the model sees them;
the records themselves are returned unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from nlp.classify.context import Context, contexts_for_units
from nlp.classify.features import ParagraphInput, as_input
from nlp.inputs import InputFailure, JsonlMode, ParagraphRecords, failure, read_sources
from nlp.read import ReadLimits
from nlp.report import Report


@dataclass
class ParagraphBatch:
    """The records of one input (a report, or a file of paragraph records); `inputs[i]` is what the
    model sees of `records[targets[i]]`."""

    source: str
    records: list[dict[str, Any]]
    targets: list[int] = field(default_factory=list)
    inputs: list[ParagraphInput] = field(default_factory=list)
    #: Why nothing of this input can be classified (its message: an `InputFailure`'s), or None.
    error: str | None = None


def records_batch(given: ParagraphRecords) -> ParagraphBatch:
    """The batch of a file's paragraph records: model inputs for the narrative ones, in context."""
    from nlp.normalize import clean_text

    records = given.records
    texts = [clean_text(record["text"]) for record in records]
    contexts = _contexts_from_headings(records, texts)
    batch = ParagraphBatch(given.source, records)
    for i, record in enumerate(records):
        if record.get("kind", "narrative") != "narrative" or not texts[i]:
            continue
        context = as_input({**record, "text": texts[i]}).context
        if contexts is not None:
            derived = contexts[i].as_dict()
            context = Context(**{**derived, **{k: v for k, v in context.as_dict().items() if v != "none"}})
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


def report_records(report: Report) -> Iterator[dict[str, Any]]:
    """One output record per narrative paragraph of a structured report (without label)."""
    for paragraph in report.narrative():
        yield {
            "doc_id": report.doc_id,
            "source": report.source,
            "para_index": paragraph.index,
            "section": paragraph.section,
            "text": paragraph.text,
        }


def report_batch(report: Report, classifier: Any = None) -> ParagraphBatch:
    """The batch of a structured report: its narrative paragraphs, each in its context; with `classifier`,
    a flattened page's glued paragraphs cut where its label changes first (`nlp.classify.segment`)."""
    from nlp.classify.reportinputs import report_inputs

    if classifier is not None:
        from nlp.pipeline import segment

        segment([report], classifier)  # once per report, as every path that labels one (`nlp.pipeline`)
    records = list(report_records(report))
    return ParagraphBatch(report.source, records, list(range(len(records))), report_inputs(report))


def paragraph_batches(
    paths: Iterable[str], limits: ReadLimits | None = None, jsonl: JsonlMode = "auto", classifier: Any = None, split: bool = True
) -> Iterator[ParagraphBatch]:
    """A `ParagraphBatch` for each input (`nlp.inputs.read_sources`: each report of a report file,
    folder or JSON Lines file of reports; each JSON Lines file of paragraph records), within `limits`.
    An input that fails, or one bad line of a file, is a batch with its `error` (the `InputFailure`'s
    message, naming `FILE` or `FILE:LINE`), and the rest go on. With `split`, each report of a file
    holding several is a batch of its own (`FILE#2`); without, only the first is read."""
    for item in read_sources(paths, jsonl=jsonl, limits=limits, split=split):
        if isinstance(item, InputFailure):
            yield ParagraphBatch(item.source, [], error=item.error)
            continue
        try:
            yield records_batch(item) if isinstance(item, ParagraphRecords) else report_batch(item, classifier)
        except Exception as exc:  # noqa: BLE001 - one broken input must not stop the others
            yield ParagraphBatch(item.source, [], error=failure(item.source, exc).error)


def iter_reports(paths: Iterable[str], on_error: Callable[[str], None], limits: ReadLimits | None = None) -> Iterator[Report]:
    """Structured reports from report files/folders and from JSON Lines files with one report (`doc_id`,
    `text`) a line, such as ../shared/corpus/pages_dev.jsonl, read by `nlp.inputs.read_inputs`.
    Each failure's message goes to `on_error`."""
    from nlp.inputs import read_inputs

    for item in read_inputs(paths, limits=limits):
        if isinstance(item, InputFailure):
            on_error(item.error)
        else:
            yield item
