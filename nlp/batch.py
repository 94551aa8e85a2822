"""Running one step over many report files (read by `nlp.inputs`): a bad file yields an error outcome, the run goes on."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from nlp.files import iter_report_paths
from nlp.inputs import InputFailure, failure, read_one
from nlp.report import Report

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
) -> Iterator[Outcome[T]]:
    """Read each report file (folders recursively; `nlp.inputs.read_one`) and apply `step`, one file at a time.

    A file that cannot be read, or on which `step` fails, becomes an error outcome (see
    `nlp.inputs.failure`) without stopping the batch.
    """
    for path in iter_report_paths(paths):
        report = read_one(path, read)
        if isinstance(report, InputFailure):
            yield Outcome(path, error=report.error)
            continue
        try:
            yield Outcome(path, value=step(report))
        except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch of thousands
            yield Outcome(path, error=failure(path, exc).error)
