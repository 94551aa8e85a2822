"""A batch run owns its output folder: a lock against a second run, and no results of an earlier run
mixed into this one's.

The lock is an advisory `flock` on `OUTPUT/.govreport.lock` (on Windows, `msvcrt.locking` of one byte
of it, far past the holder's process id written at its start): the system releases it when the process
ends however it ends (even SIGKILL), so a lock is never left stale. The file itself stays (removing
it while another process waits on it would let two runs in).

An earlier run's results (pages, JSON, summary, the default index in the folder) are never reused
or left mixed in silently: without `resume` the run refuses, or with `force` removes exactly those
files first and says so. Files of the user's own in the folder are not touched.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from nlp.errors import GovReportError

LOCK_FILE = ".govreport.lock"

#: Files a run writes at the top of its output folder (besides one NAME.html page per report).
RUN_FILES: tuple[str, ...] = (
    "index.html", "summary.csv", "summary.xlsx", "table_cells.csv", "copy_paste_pairs.csv",
    "copy_paste_paragraphs.csv", "errors.jsonl", ".finished.jsonl", ".pages.json",
    ".pairs.sqlite", ".pairs.sqlite-wal", ".pairs.sqlite-shm", ".pairs.sqlite-journal",
)  # fmt: skip
#: The index a run makes in its folder when no --index is given.
DEFAULT_INDEX = "index.sqlite"


class OutputBusyError(GovReportError):
    """Another run is writing into the output folder."""


class OutputInUseError(GovReportError):
    """The output folder holds an earlier run's results, and neither resume nor force was asked."""


def earlier_results(output: Path, own_index: bool) -> list[Path]:
    """The files of an earlier run in `output`; with `own_index`, its default index among them."""
    if not output.is_dir():
        return []
    names = list(RUN_FILES)
    if own_index:
        names += [DEFAULT_INDEX + ending for ending in ("", "-wal", "-shm", "-journal")]
    found = [output / name for name in names if (output / name).is_file()]
    reports = output / "reports"
    if reports.is_dir():
        found += sorted(reports.glob("*.json"))
    pages = {p.stem for p in found if p.parent == reports}
    # A page of the earlier run is a NAME.html next to a reports/NAME.json, or any page once the
    # run's index page is there (a report that failed in pass 2 has a JSON but no page).
    has_index_page = (output / "index.html").is_file()
    found += sorted(p for p in output.glob("*.html") if p.name != "index.html" and (p.stem in pages or has_index_page))
    return found


@contextlib.contextmanager
def claim_output(
    output: Path, *, resume: bool = False, force: bool = False, own_index: bool = True, note: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold `output` for one run: lock it, then refuse or clear an earlier run's results (see the module)."""
    output.mkdir(parents=True, exist_ok=True)
    with _locked(output):
        leftovers = earlier_results(output, own_index)
        if leftovers and not resume:
            example = ", ".join(str(p.relative_to(output)) for p in leftovers[:3]) + (", …" if len(leftovers) > 3 else "")
            if not force:
                raise OutputInUseError(
                    f"{output}: holds the results of an earlier run ({len(leftovers)} file(s): {example}); "
                    "add --resume to continue that run, --force to clear them first, or choose another --output"
                )
            for path in leftovers:
                path.unlink(missing_ok=True)
            if note:
                note(f"cleared {len(leftovers)} file(s) of an earlier run from {output} (--force)")
        yield


@contextlib.contextmanager
def _locked(output: Path) -> Iterator[None]:
    lock = platform_lock()
    if lock is None:  # a system with neither lock: the folder checks still apply
        yield
        return
    try_lock, unlock = lock
    handle = (output / LOCK_FILE).open("a+", encoding="utf-8")
    try:
        if not try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip()
            raise OutputBusyError(
                f"{output}: another govreport run is writing into this folder"
                + (f" (process {holder})" if holder else "")
                + "; wait for it to end or choose another --output"
            )
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            unlock(handle)
    finally:
        handle.close()


#: Where the lock sits on Windows: one byte far past the holder's process id at the start of the
#: file, since a Windows lock is mandatory (a locked byte cannot be read by another process) and the
#: run refused must still read whose run holds the folder.
WINDOWS_LOCK_OFFSET = 1 << 30


def platform_lock() -> tuple[Callable[[IO[str]], bool], Callable[[IO[str]], None]] | None:
    """(try to lock, unlock) an open lock file with this system's lock, which the system releases when
    the process ends however it ends: `flock` where there is one, `msvcrt.locking` on Windows; None
    on a system with neither."""
    try:
        import fcntl
    except ImportError:
        pass
    else:

        def try_flock(handle: IO[str]) -> bool:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

        return try_flock, lambda handle: fcntl.flock(handle, fcntl.LOCK_UN)
    try:
        import msvcrt
    except ImportError:
        return None

    def at_lock_byte(handle: IO[str], mode: int) -> None:
        # The position of the descriptor, not of the text wrapper: `locking` starts there.
        os.lseek(handle.fileno(), WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(handle.fileno(), mode, 1)
        finally:
            handle.seek(0)

    def try_locking(handle: IO[str]) -> bool:
        try:
            at_lock_byte(handle, msvcrt.LK_NBLCK)
        except OSError:  # held by another process (LK_NBLCK does not wait)
            return False
        return True

    return try_locking, lambda handle: at_lock_byte(handle, msvcrt.LK_UNLCK)


__all__ = ["LOCK_FILE", "WINDOWS_LOCK_OFFSET", "OutputBusyError", "OutputInUseError", "claim_output", "earlier_results", "platform_lock"]
