"""What every command shares: how errors are told and which exit code they give.

Exit codes: 0 all went well; 1 some inputs failed (the others were processed) or the work could
not be done (a `GovReportError`); 2 the command line asks for something impossible (`UsageError`:
an output over an input, a missing option); 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from nlp.errors import GovReportError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

#: Environment variable naming the default copy-paste index (read by the command line only).
INDEX_ENV = "GOVREPORT_INDEX"


class UsageError(GovReportError):
    """The command line cannot be carried out as given (exit code 2)."""


def error(message: str) -> None:
    """Tell the user one error, on standard error, in the one format of every command."""
    print(f"govreport: error: {message}", file=sys.stderr)


def failed(count: int) -> int:
    """The exit code of a command whose inputs gave `count` failures."""
    return EXIT_FAILED if count else EXIT_OK


def refuse_overwrite(output: str | os.PathLike[str] | None, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse to write over one of the inputs."""
    if output is None:
        return
    target = Path(output).resolve()
    if any(Path(item).resolve() == target for item in inputs):
        raise UsageError(f"{output}: the output would overwrite an input; choose another file")


def index_path(given: str | None) -> Path:
    """The copy-paste index a command uses: --index, else $GOVREPORT_INDEX, else the library's default."""
    from nlp.duplicates.index import DEFAULT_INDEX_FILE

    return Path(given or os.environ.get(INDEX_ENV) or DEFAULT_INDEX_FILE)


def documents(inputs: Iterable[str], limits=None) -> Iterator:
    """The light documents (`nlp.boilerplate.documents`) of report files, folders and JSON Lines;
    each failure is told here and yielded (as `InputFailure`) for the caller to count.
    `limits`: the reader's `nlp.read.ReadLimits` (None: the defaults)."""
    from nlp.boilerplate.documents import InputFailure, read_documents

    for item in read_documents(list(inputs), limits=limits):
        if isinstance(item, InputFailure):
            error(f"{item.source}: {item.error}")
        yield item
