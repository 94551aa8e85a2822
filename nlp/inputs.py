"""The one input layer: paths, folders and JSON Lines of reports → `Report | InputFailure`, in order.

Every command reads its reports through here (directly, or through `nlp.batch.map_reports`), so
that a file is found, read and structured the same way everywhere, and a file that cannot be read
becomes an `InputFailure` that names it — never an exception that stops the batch. Errors a user can
cause (the package's own exception types) say what is wrong with the file; anything else is a bug of
this package and is reported as such, naming the file.

A JSON Lines file holds one whole report per line (`doc_id`, `text`, optional `agency`, `year`),
structured by `nlp.structure.parse_text`; paragraph-level JSON Lines (records with an `id` or
`para_index`) are read by the commands that take paragraphs (`nlp.boilerplate.documents`,
`nlp.classify.inputs`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nlp.errors import GovReportError
from nlp.files import REPORT_SUFFIXES, doc_id_for, iter_report_inputs
from nlp.read import ReadLimits
from nlp.report import Report

#: File endings read as JSON Lines of reports.
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson")


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


def read_jsonl_reports(path: str | os.PathLike[str]) -> Iterator[Report | InputFailure]:
    """The whole reports of a JSON Lines file, one a line; a bad line is a failure naming its line."""
    from nlp.labels import iter_json_lines

    path = Path(path)
    try:
        lines = list(iter_json_lines(path))
    except OSError as exc:
        yield InputFailure(str(path), f"{path}: cannot open: {exc.strerror or exc}", doc_id_for(path))
        return
    except UnicodeDecodeError:
        yield InputFailure(str(path), f"{path}: not UTF-8 text; save the JSON Lines file as UTF-8", doc_id_for(path))
        return
    for number, record, problem in lines:
        where = f"{path}:{number}"
        if record is None:
            yield InputFailure(where, f"{where}: {problem or 'not a JSON object'}", f"{doc_id_for(path)}-{number}")
            continue
        doc_id = str(record.get("doc_id") or f"{doc_id_for(path)}-{number}")
        if not isinstance(record.get("text"), str):
            yield InputFailure(where, f"{where}: a report record needs a string field 'text' (and 'doc_id')", doc_id)
            continue
        try:
            yield report_from_record(record, doc_id, where)
        except Exception as exc:  # noqa: BLE001 - a batch never stops on one bad record
            yield failure(where, exc, doc_id)


def report_from_record(record: dict[str, object], doc_id: str, where: str) -> Report:
    """The report of a JSON Lines record holding a whole report's `text` (optional `agency`, `year`
    override what the text says). Raises what structuring raises; callers turn it into a failure."""
    from nlp.structure import parse_text

    report = parse_text(str(record["text"]), doc_id=doc_id, source=where)
    report.agency = str(record.get("agency") or "") or report.agency
    report.year = _year(record.get("year")) or report.year
    return report


def _year(value: object) -> int | None:
    try:
        return int(value) if value not in (None, "") else None  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], jsonl: bool = True, limits: ReadLimits | None = None, follow_links: bool = False
) -> Iterator[Report | InputFailure]:
    """Reports of files, folders (recursively, sorted) and, with `jsonl`, JSON Lines files of whole reports.

    Each file's doc_id is unique among the files (`nlp.files.iter_report_inputs`); a symbolic link out
    of a folder is a failure naming it unless `follow_links`; `limits` bounds what one file may cost.
    """
    from nlp.structure import read_report

    suffixes = REPORT_SUFFIXES + (JSONL_SUFFIXES if jsonl else ())
    skipped: list[tuple[Path, str]] = []
    found = list(iter_report_inputs(paths, suffixes=suffixes, follow_links=follow_links, skipped=skipped))
    for link, reason in skipped:
        yield InputFailure(str(link), reason, doc_id_for(link))
    for path, doc_id in found:
        if jsonl and path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl_reports(path)
        else:
            yield read_one(path, functools.partial(read_report, doc_id=doc_id, limits=limits))


__all__ = ["JSONL_SUFFIXES", "InputFailure", "failure", "read_inputs", "read_jsonl_reports", "read_one", "report_from_record"]
