"""Running one step over many report files (read by `nlp.inputs`): a bad file yields an error outcome, the run goes on."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from nlp.inputs import InputFailure, failure, iter_inputs, read_input_reports, report_origin
from nlp.read import ReadLimits
from nlp.report import Report

T = TypeVar("T")


@dataclass
class Outcome(Generic[T]):
    """What one file gave: a value, or the reason it gave none."""

    path: Path
    value: T | None = None
    error: str | None = None
    #: The report's id (a JSON Lines record's own); the file name without its ending where empty.
    doc_id: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None

    def error_record(self) -> dict[str, str]:
        return {"source": str(self.path), "doc_id": self.doc_id or self.path.stem, "error": self.error or ""}


def map_reports(
    paths: Iterable[str | os.PathLike[str]],
    step: Callable[[Report], T],
    read: Callable[[Path], Report] | None = None,
    limits: ReadLimits | None = None,
    follow_links: bool = False,
    split: bool = True,
) -> Iterator[Outcome[T]]:
    """Read each report (folders recursively; each line of a JSON Lines file of reports is one:
    `nlp.inputs.iter_inputs`, `read_input_reports`) and apply `step`, one report at a time.

    A report that cannot be read, or on which `step` fails, becomes an error outcome (see
    `nlp.inputs.failure`) without stopping the batch; so does a symbolic link out of an input folder
    that is not followed (`follow_links`). Each report's doc_id is unique in the run; an outcome's
    `path` is where the report is (`reports.jsonl:12` for a line, `volume.pdf#2` for the second report
    of a file holding several: with `split`, each is a report of its own; without, the first is read and
    says where the next begins); `limits` bounds what one file may cost the reader; `read` replaces the
    reader of report files.
    """
    skipped: list[tuple[Path, str]] = []
    unreadable: list[InputFailure] = []
    found = list(iter_inputs(paths, follow_links=follow_links, skipped=skipped, limits=limits, failures=unreadable))
    for link, reason in skipped:
        yield Outcome(link, error=reason)
    for listed in unreadable:
        yield Outcome(Path(listed.source), error=listed.error, doc_id=listed.doc_id)
    for item in found:
        reports = read_input_reports(item, limits, read, split)
        if isinstance(reports, InputFailure):
            yield Outcome(Path(item.source), error=reports.error, doc_id=item.doc_id)
            continue
        for report in reports:
            source, doc_id = report_origin(item, report)
            where = Path(source)
            try:
                yield Outcome(where, value=step(report), doc_id=doc_id)
            except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch of thousands
                yield Outcome(where, error=failure(where, exc, doc_id).error, doc_id=doc_id)
