"""Running one step over many report files: a bad file yields an error record, the run goes on."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from nlp.errors import GovReportError
from nlp.files import iter_report_paths
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
    """Read each report file (folders recursively) and apply `step`, one file at a time.

    Errors a user can cause (the package's own exception types) become error outcomes; any other
    exception is a bug in this package and is reported as such, naming the file, without stopping
    the batch.
    """
    if read is None:
        from nlp.structure import read_report as read
    for path in iter_report_paths(paths):
        try:
            yield Outcome(path, value=step(read(path)))
        except GovReportError as exc:
            yield Outcome(path, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch of thousands
            yield Outcome(path, error=f"{path}: internal error ({type(exc).__name__}: {exc}); please report it")
