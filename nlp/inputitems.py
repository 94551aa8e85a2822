"""What the input layer (`nlp.inputs`) hands out besides reports: `Input` (one report to read, as a
listing found it), `ParagraphRecords` (a JSON Lines file of paragraph records) and `InputFailure`
(an input that could not be used, and why; `failure` makes one from an exception).

Plain data classes of their own, so that the modules that list and read inputs (`nlp.inputs`,
`nlp.inputarchives`) and the batch that ships an `Input` to a worker share them without importing
each other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.errors import GovReportError
from nlp.files import doc_id_for


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
    #: For a member of a zip archive (`path`): its path inside the archive (`nlp.read.archive.member_name`).
    member: str = ""
    #: For one article of a JSON file (or member) that lists several (`nlp.read.jsontext.json_articles`): its
    #: number, from 0, and where its object is in the JSON (keys and indexes, as the listing found it), so that
    #: reading it goes straight there (None: found again among the articles).
    article: int | None = None
    at: tuple[str | int, ...] | None = None
    #: Where the input holds several reports (`nlp.structure.parse_reports`), the id they are numbered from
    #: (`STEM.1`, `STEM.2` …) where it is not `doc_id` ("": `doc_id`): another input's id is such a name already
    #: (`nlp.inputs`).
    parts_stem: str = ""

    @property
    def source(self) -> str:
        """Where the report is, as messages and error records name it (`reports.jsonl:12` for a line,
        `reports.zip!2024/report.docx` for a member of an archive, `list.json!3` for an article of a list,
        `reports.zip!2024/list.json!3` for an article of a list in an archive). Each report of an input holding
        several adds its number: `volume.pdf#2` (`nlp.files.part_source`)."""
        where = f"{self.path}!{self.member}" if self.member else str(self.path)
        if self.article is not None:
            return f"{where}!{self.article}"
        return f"{where}:{self.line}" if self.line is not None else where


@dataclass
class ParagraphRecords:
    """The paragraph records of one JSON Lines file, as given and in order (bad lines are failures of their own).

    A record's report is its `doc_id`; one without is a report of its own, `FILE-LINE` (`doc_id`)."""

    path: Path
    #: The file's id among the inputs (its name without the ending, longer where another file shares it).
    file_id: str
    records: list[dict[str, Any]] = field(default_factory=list)
    #: The line number of each record.
    lines: list[int] = field(default_factory=list)

    @property
    def source(self) -> str:
        return str(self.path)

    def doc_id(self, i: int) -> str:
        """The report record `i` belongs to."""
        return str(self.records[i].get("doc_id") or f"{self.file_id}-{self.lines[i]}")


__all__ = ["Input", "InputFailure", "ParagraphRecords", "failure"]
