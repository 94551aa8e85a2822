"""The package's own exception types: every error a user can cause is one of these.

The CLI turns them into one line naming the file and the reason, and a non-zero exit.
"""

from __future__ import annotations


class GovReportError(Exception):
    """Base class for every error the toolkit raises on purpose."""


class ReadError(GovReportError):
    """A file could not be read as a report (missing, empty, binary, wrong format, too large)."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class LabelFileError(GovReportError):
    """A labelled-data file is malformed (missing column, unknown label, empty, single class)."""


class ModelError(GovReportError):
    """A model file is missing, does not match its card, or cannot be used."""


class TrainingSettingError(GovReportError):
    """A training setting cannot be used: a file weight that is not a finite number ≥ 0, an unknown configuration."""


class IndexError_(GovReportError):
    """The duplicate index (SQLite) cannot be opened or written."""


class ReadLimitError(ReadError):
    """A file is over one of the reader's limits (`nlp.read.ReadLimits`): refused before it costs more.

    `limit` names the `ReadLimits` field that was exceeded, so that a caller can tell the user which
    setting to raise; `value` is that setting.
    """

    def __init__(self, path: object, reason: str, limit: str, value: int, advice: str = "raise it if the file is genuine") -> None:
        self.limit = limit
        self.value = value
        super().__init__(path, f"{reason} (limit ReadLimits.{limit}={value:,}; {advice})")
