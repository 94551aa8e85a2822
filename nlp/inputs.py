"""The one input layer: paths, folders and JSON Lines of reports → `Report | InputFailure`, in order.

Every command reads its reports through here (directly, or through `nlp.batch.map_reports`), so
that a file is found, read and structured the same way everywhere, and a file that cannot be read
becomes an `InputFailure` that names it — never an exception that stops the batch. Errors a user can
cause (the package's own exception types) say what is wrong with the file; anything else is a bug of
this package and is reported as such, naming the file.

A JSON Lines file holds one whole report per line (`text`, optional `doc_id`, `title`, `agency`,
`year`, `url`, as `../shared/corpus/full_reports.jsonl` and a crawler's export have them), structured
by `nlp.structure.parse_text`: each line is one input of its own (`Input`, listed by `iter_inputs`,
read by `read_input`), so that every command, the batch of `analyze` included, gives one report per
line and one failure per bad line; paragraph-level JSON Lines (records with an `id` or
`para_index`) are read by the commands that take paragraphs (`nlp.boilerplate.documents`,
`nlp.classify.inputs`).
"""

from __future__ import annotations

import functools
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from nlp.errors import GovReportError, ReadError, ReadLimitError
from nlp.files import REPORT_SUFFIXES, doc_id_for, iter_report_inputs
from nlp.read import ReadLimits
from nlp.report import Report

#: File endings read as JSON Lines of reports.
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson")
#: Fields that make a JSON Lines record one paragraph of a report (as in the labelled files), not a whole report.
PARAGRAPH_KEYS: tuple[str, ...] = ("para_index", "id")


@dataclass
class InputFailure:
    """An input (a file, or one line of a JSON Lines file) that could not be used, and why."""

    source: str
    error: str
    #: The doc_id the input would have had (the file name without its ending, for a file).
    doc_id: str = ""
    #: The exception that made the input fail, where there was one (not serialised).
    exception: BaseException | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "error": self.error}

    def error_record(self) -> dict[str, str]:
        """The line of a batch's `errors.jsonl`."""
        return {"source": self.source, "doc_id": self.doc_id, "error": self.error}


def failure(source: str | os.PathLike[str], exc: BaseException, doc_id: str | None = None) -> InputFailure:
    """The failure of an input that raised `exc`: its own message for a user's error, else a bug report."""
    where = str(source)
    if isinstance(exc, GovReportError):
        message = str(exc)
    else:
        message = f"{where}: internal error ({type(exc).__name__}: {exc}); please report it"
    return InputFailure(where, message, doc_id if doc_id is not None else doc_id_for(where), exc)


def read_one(path: str | os.PathLike[str], read: Callable[[Path], Report] | None = None) -> Report | InputFailure:
    """One report file, structured; or why it could not be."""
    if read is None:
        from nlp.structure import read_report as read
    path = Path(path)
    try:
        return read(path)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch of thousands
        return failure(path, exc)


@dataclass(frozen=True)
class Input:
    """One report to read: a report file, or one line of a JSON Lines file of reports.

    Small and picklable, so that a batch can list its inputs first and read each in a worker; a
    line is found again by its byte `offset`, so that reading one line never re-reads the file.
    """

    path: Path
    #: The report's id, unique among the inputs of one listing (`iter_inputs`).
    doc_id: str
    #: For a line of a JSON Lines file: its number (from 1) and where it starts in the file.
    line: int | None = None
    offset: int = 0

    @property
    def source(self) -> str:
        """Where the report is, as messages and error records name it (`reports.jsonl:12` for a line)."""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]],
    jsonl: bool = True,
    follow_links: bool = False,
    skipped: list[tuple[Path, str]] | None = None,
    limits: ReadLimits | None = None,
) -> Iterator[Input]:
    """Every report under `paths`, in order: each report file once (`nlp.files.iter_report_inputs`)
    and, with `jsonl`, each non-blank line of a JSON Lines file in its place.

    Ids are unique among the inputs: a file's as `iter_report_inputs` gives it; a line's is its
    record's `doc_id` (else `FILE-LINE`), and where two inputs share one, the line's becomes
    `DOC_ID@FILE:LINE`, so that neither overwrites the other's results. Links out of a folder that
    are not followed are appended to `skipped`. A line is only looked at here for its `doc_id`: what
    is wrong with it is said when it is read (`read_input`), as one failure among the reports; a line
    over `limits.max_bytes` is not held in memory, here or there.
    """
    suffixes = REPORT_SUFFIXES + (JSONL_SUFFIXES if jsonl else ())
    listed: list[Input] = []
    for path, doc_id in iter_report_inputs(paths, suffixes=suffixes, follow_links=follow_links, skipped=skipped):
        if jsonl and path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            listed.extend(_jsonl_inputs(path, doc_id, (limits or ReadLimits()).max_bytes))
        else:
            listed.append(Input(path, doc_id))
    counts = Counter(item.doc_id for item in listed)
    for item in listed:
        if counts[item.doc_id] > 1 and item.line is not None:
            item = replace(item, doc_id=f"{item.doc_id}@{item.path.name}:{item.line}")
        yield item


def _jsonl_inputs(path: Path, file_id: str, max_bytes: int) -> Iterator[Input]:
    """The non-blank lines of a JSON Lines file, each with its record's doc_id where it has one; a
    line longer than `max_bytes` is skipped over in pieces (reading it will refuse it)."""
    try:
        handle = path.open("rb")
    except OSError:
        yield Input(path, file_id)  # reading it says why it cannot be opened
        return
    with handle:
        offset, number = 0, 0
        while raw := handle.readline(max_bytes + 1):
            number += 1
            start = offset
            offset += len(raw)
            if not raw.endswith(b"\n") and len(raw) > max_bytes:
                while rest := handle.readline(1 << 20):  # the rest of an over-long line, never held whole
                    offset += len(rest)
                    if rest.endswith(b"\n"):
                        break
                yield Input(path, f"{file_id}-{number}", number, start)
            elif raw.strip():
                yield Input(path, _record_id(raw, start == 0) or f"{file_id}-{number}", number, start)


def _record_id(raw: bytes, first: bool) -> str:
    try:
        record = json.loads(raw.decode("utf-8-sig" if first else "utf-8"))
    except ValueError:  # not UTF-8 or not JSON: said when the line is read
        return ""
    return str(record.get("doc_id") or "") if isinstance(record, dict) else ""


def read_input(item: Input, limits: ReadLimits | None = None, read: Callable[[Path], Report] | None = None) -> Report | InputFailure:
    """The report of one input, structured, within `limits`; or why it could not be (never raises).

    `read` replaces the reader of report files (not of JSON Lines records)."""
    if item.line is None:
        if read is None:
            from nlp.structure import read_report

            read = functools.partial(read_report, doc_id=item.doc_id, limits=limits)
        return read_one(item.path, read)
    where = item.source
    try:
        with item.path.open("rb") as handle:
            handle.seek(item.offset)
            raw = handle.readline((limits or ReadLimits()).max_bytes + 1)
    except OSError as exc:
        return InputFailure(where, f"{where}: cannot open: {exc.strerror or exc}", item.doc_id, exc)
    try:
        record = _line_record(raw, item, limits or ReadLimits())
        return report_from_record(record, item.doc_id, where)
    except Exception as exc:  # noqa: BLE001 - a batch never stops on one bad record
        return failure(where, exc, item.doc_id)


def _line_record(raw: bytes, item: Input, limits: ReadLimits) -> dict[str, object]:
    """The JSON object of one line, checked; a `GovReportError` naming the line says what is wrong."""
    where = item.source
    if len(raw.rstrip(b"\r\n")) > limits.max_bytes:
        raise ReadLimitError(where, "the line is too large for one report", "max_bytes", limits.max_bytes)
    try:
        text = raw.decode("utf-8-sig" if item.offset == 0 else "utf-8")
    except UnicodeDecodeError:
        raise ReadError(where, "not UTF-8 text; save the JSON Lines file as UTF-8") from None
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise ReadError(where, f"not valid JSON ({getattr(exc, 'msg', exc)})") from None
    if not isinstance(record, dict):
        raise ReadError(where, f"a JSON object is expected, found {type(record).__name__}")
    if not isinstance(record.get("text"), str):
        raise ReadError(where, "a report record needs a string field 'text' (and 'doc_id')")
    paragraph_key = next((key for key in PARAGRAPH_KEYS if record.get(key) is not None), None)
    if paragraph_key:
        raise ReadError(
            where,
            f"a paragraph record (it has '{paragraph_key}'), not a whole report: this command reads one report a line "
            "(classify, boilerplate and dupes take files of paragraphs)",
        )
    if len(record["text"]) > limits.max_chars:
        raise ReadLimitError(where, f"the record's text has {len(record['text']):,} characters, too many for one report", "max_chars", limits.max_chars)
    return record


def read_jsonl_reports(path: str | os.PathLike[str], limits: ReadLimits | None = None) -> Iterator[Report | InputFailure]:
    """The whole reports of a JSON Lines file, one a line; a bad line is a failure naming its line."""
    for item in iter_inputs([path]):
        yield read_input(item, limits)


def report_from_record(record: dict[str, object], doc_id: str, where: str) -> Report:
    """The report of a JSON Lines record holding a whole report's `text`; its optional `title`,
    `agency`, `year` and `url` (a crawler's record) stand over what the text says. Raises what
    structuring raises; callers turn it into a failure."""
    from nlp.structure import parse_text

    report = parse_text(str(record["text"]), doc_id=doc_id, source=where)
    report.title = str(record.get("title") or "").strip() or report.title
    report.agency = str(record.get("agency") or "").strip() or report.agency
    report.year = _year(record.get("year")) or report.year
    url = str(record.get("url") or "").strip()
    if url:
        report.page_fields["url"] = url
    return report


def _year(value: object) -> int | None:
    try:
        return int(value) if value not in (None, "") else None  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], jsonl: bool = True, limits: ReadLimits | None = None, follow_links: bool = False
) -> Iterator[Report | InputFailure]:
    """Reports of files, folders (recursively, sorted) and, with `jsonl`, JSON Lines files of whole
    reports (`iter_inputs`, then `read_input` each).

    Each report's doc_id is unique among the inputs; a symbolic link out of a folder is a failure
    naming it unless `follow_links`; `limits` bounds what one file (or line) may cost.
    """
    skipped: list[tuple[Path, str]] = []
    found = list(iter_inputs(paths, jsonl=jsonl, follow_links=follow_links, skipped=skipped, limits=limits))
    for link, reason in skipped:
        yield InputFailure(str(link), reason, doc_id_for(link))
    for item in found:
        yield read_input(item, limits)


__all__ = [
    "JSONL_SUFFIXES", "Input", "InputFailure", "failure", "iter_inputs", "read_input", "read_inputs", "read_jsonl_reports",
    "read_one", "report_from_record",
]  # fmt: skip
