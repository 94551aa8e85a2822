"""What every command shares: how errors are told and which exit code they give.

Exit codes: 0 all went well; 1 some inputs failed (the others were processed) or the work could
not be done (a `GovReportError`); 2 the command line asks for something impossible (`UsageError`:
an output over an input, a missing option); 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nlp.errors import GovReportError

if TYPE_CHECKING:  # the readers load heavy modules: imported when a command runs, not for --help
    from nlp.boilerplate.documents import Document
    from nlp.inputs import InputFailure, JsonlMode
    from nlp.read import ReadLimits

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


def check_index(path: str | os.PathLike[str]) -> None:
    """Refuse a --index that is not a govreport index (`ForeignIndexError`, exit 2) before the command
    makes anything: a new name or an empty file is a new index, an existing index of our own opens."""
    from nlp.duplicates.index import DuplicateIndex, check_index_file

    check_index_file(path)
    if Path(path).is_file() and Path(path).stat().st_size:
        DuplicateIndex(path).close()  # refuses another program's database before it writes a byte


def told_documents(inputs: Iterable[str], limits: ReadLimits | None = None, jsonl: JsonlMode = "auto") -> Iterator[Document | InputFailure]:
    """The light documents (`nlp.boilerplate.documents`) of report files, folders and JSON Lines;
    each failure is told here and yielded (as `InputFailure`) for the caller to count.
    `limits`: the reader's `nlp.read.ReadLimits` (None: the defaults); `jsonl`: what the JSON Lines
    files hold (`--jsonl`)."""
    from nlp.boilerplate.documents import InputFailure, read_documents

    for item in read_documents(list(inputs), limits=limits, jsonl=jsonl):
        if isinstance(item, InputFailure):
            tell_failure(item)
        yield item


def tell_failure(item: InputFailure) -> None:
    """One error line for a failed input (an `InputFailure`), naming it once: the message of a
    user's error names its file already."""
    error(item.error if item.error.startswith(item.source) else f"{item.source}: {item.error}")


# -- arguments checked where they are parsed: a wrong value is a usage error before any work -----


def fraction(text: str) -> float:
    """An argparse type: a number from 0 to 1 (a similarity or a share)."""
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is outside 0..1")
    return value


def _whole_number(text: str, least: int) -> int:
    import argparse

    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"{text} is less than {least}")
    return value


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    return _whole_number(text, 1)


def non_negative_int(text: str) -> int:
    """An argparse type: a whole number of at least 0 (`2,000,000` and `2_000_000` read as 2000000)."""
    return _whole_number(text, 0)


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and `taskset` narrow),
    else the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def output_folder(path: str | os.PathLike[str]) -> Path:
    """The output folder a command writes into, created if missing; a usage error if it names a file
    or cannot be made (a file on the way, no permission)."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{path}: --output names a file; give a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{path}: cannot create the output folder ({exc.strerror or exc})") from exc
    return folder


def output_file(path: str | os.PathLike[str]) -> Path:
    """An output file a command writes: a usage error if it names a folder or its folder cannot be made."""
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{path}: --output names a folder; give a file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{path}: cannot create its folder ({exc.strerror or exc})") from exc
    return target


def existing_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The inputs as given, once each is known to exist; one error naming every missing one otherwise
    (a failed input: exit 1, before anything is written)."""
    given = [str(p) for p in paths]
    missing = [p for p in given if not os.path.lexists(p)]
    if missing:
        raise GovReportError(f"{', '.join(missing)}: no such file or folder" + ("; nothing was done" if len(missing) == len(given) else "; nothing was done (fix or leave out the missing ones)"))
    return given


def skipped_files(paths: Iterable[str | os.PathLike[str]], limit: int = 5) -> str:
    """What the folders among `paths` hold that is not read as a report, for a message: counts by
    ending and a few names (`3 .jpg, 1 .xls: a.jpg, b.jpg, …`); empty if nothing."""
    from collections import Counter

    from nlp.files import REPORT_SUFFIXES, output_folders

    endings: Counter[str] = Counter()
    names: list[str] = []
    outputs: list[Path] = []
    for raw in paths:
        folder = Path(raw)
        if not folder.is_dir():
            continue
        outputs += output_folders(folder)
        for child in sorted(folder.rglob("*")):
            if any(child.is_relative_to(output) for output in outputs):
                continue
            if child.suffix.lower() not in REPORT_SUFFIXES and child.is_file():  # the ending first: no stat for reports
                endings[child.suffix.lower() or "(no ending)"] += 1
                if len(names) < limit:
                    names.append(str(child))
    said = f"{len(outputs)} output folder(s) of earlier runs ({', '.join(map(str, outputs[:limit]))})" if outputs else ""
    if not endings:
        return said
    counts = ", ".join(f"{n} {ending}" for ending, n in endings.most_common())
    more = ", …" if sum(endings.values()) > len(names) else ""
    return "; ".join(filter(None, (said, f"{counts}: {', '.join(names)}{more}")))


def no_reports_error(paths: Sequence[str]) -> GovReportError:
    """The error of inputs that hold no report file: which endings are read, and what was skipped."""
    from nlp.files import REPORT_SUFFIXES

    skipped = skipped_files(paths)
    read = " ".join(REPORT_SUFFIXES)
    if skipped:
        return GovReportError(f"{', '.join(paths)}: no report files ({read}); skipped {skipped}")
    return GovReportError(f"{', '.join(paths)}: no report files ({read}); the folder is empty")


#: Positional arguments that name report inputs, by command (the guard of `require_reports`).
INPUT_ARGUMENTS: tuple[str, ...] = ("paths", "inputs", "corpus")


def require_reports(paths: Sequence[str]) -> None:
    """Refuse inputs that are only folders without a report (or .jsonl) file in them: an empty
    folder, or one of images only, would otherwise give empty outputs and exit 0. A file
    named outright is left to its command, which says why it cannot be read."""
    from nlp.files import REPORT_SUFFIXES
    from nlp.jsonl import JSONL_SUFFIXES

    folders = [Path(p) for p in paths if Path(p).is_dir()]
    if len(folders) != len(paths):
        return
    readable = (*REPORT_SUFFIXES, *JSONL_SUFFIXES)
    for folder in folders:
        if any(child.is_file() and child.suffix.lower() in readable for child in folder.rglob("*")):
            return
    raise no_reports_error(list(paths))
