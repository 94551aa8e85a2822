"""Running one step over many report files (read by `nlp.inputs`): a bad file yields an error outcome, the run goes on."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from nlp.files import iter_report_inputs
from nlp.inputs import InputFailure, failure, read_one
from nlp.read import ReadLimits
from nlp.report import Report
from nlp.structure import read_report

T = TypeVar("T")


@dataclass
class Outcome(Generic[T]):
    """What one file gave: a value, or the reason it gave none."""

    path: Path
    value: T | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def error_record(self) -> dict[str, str]:
        return {"source": str(self.path), "doc_id": self.path.stem, "error": self.error or ""}


def map_reports(
    paths: Iterable[str | os.PathLike[str]],
    step: Callable[[Report], T],
    read: Callable[[Path], Report] | None = None,
    limits: ReadLimits | None = None,
    follow_links: bool = False,
) -> Iterator[Outcome[T]]:
    """Read each report file (folders recursively; `nlp.inputs.read_one`) and apply `step`, one file at a time.

    A file that cannot be read, or on which `step` fails, becomes an error outcome (see
    `nlp.inputs.failure`) without stopping the batch; so does a symbolic link out of an input folder
    that is not followed (`follow_links`). Each report's doc_id is unique in the run
    (`nlp.files.iter_report_inputs`); `limits` bounds what one file may cost the reader.
    """
    skipped: list[tuple[Path, str]] = []
    found = list(iter_report_inputs(paths, follow_links=follow_links, skipped=skipped))
    for link, reason in skipped:
        yield Outcome(link, error=reason)
    for path, doc_id in found:
        reader = read or functools.partial(read_report, doc_id=doc_id, limits=limits)
        report = read_one(path, reader)
        if isinstance(report, InputFailure):
            yield Outcome(path, error=report.error)
            continue
        try:
            yield Outcome(path, value=step(report))
        except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch of thousands
            yield Outcome(path, error=failure(path, exc).error)
