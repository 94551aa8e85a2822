"""An output that cannot be written (read-only, full, a file where a folder is wanted) as one clear
line and exit 2, instead of a traceback.

The batch writes every file atomically and notes each finished report only after its JSON is whole,
so what was written before the failure stands: after making room, `--resume` finishes the run and
gives the same files as an uninterrupted one.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nlp.cli.common import UsageError
from nlp.errors import IndexError_

_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)
_DENIED = (errno.EROFS, errno.EACCES, errno.EPERM)
_NOT_A_FOLDER = (errno.ENOTDIR, errno.EEXIST)


def describe(exc: BaseException, output: str | os.PathLike[str], resumable: bool = True) -> str | None:
    """What a user should be told of `exc`, raised while writing `output`; None if it is not about the output."""
    where = str(output)
    after = " Make room and run the same command again with --resume: what was finished is kept." if resumable else ""
    if isinstance(exc, OSError) and exc.errno is not None:
        name = exc.filename or where
        if exc.errno in _FULL:
            return f"{where}: no space left on the device{f' while writing {exc.filename}' if exc.filename else ''}.{after}"
        if exc.errno in _DENIED:
            return f"{where}: cannot write {name} ({os.strerror(exc.errno)}); choose an output folder you can write to"
        if exc.errno in _NOT_A_FOLDER:
            blocking = _file_in_the_way(Path(str(name)))
            return f"{where}: {blocking} is a file, not a folder; give a folder for the output (or move the file away)"
        return None
    text = str(exc).lower()
    if isinstance(exc, sqlite3.OperationalError | IndexError_):
        if "disk is full" in text or "disk i/o error" in text:
            return f"{where}: no space left on the device while writing a database of the run.{after}"
        if "readonly" in text or "read-only" in text:
            return f"{where}: cannot write a database of the run (read-only); choose an output folder you can write to"
    return None


def _file_in_the_way(path: Path) -> Path:
    """The file that stands where a folder of `path` should be (the nearest existing part of it)."""
    for part in (path, *path.parents):
        if part.exists():
            return part
    return path


@contextmanager
def output_errors(output: str | os.PathLike[str], resumable: bool = True) -> Iterator[None]:
    """Turn a failure to write `output` into a `UsageError` (one line, exit 2); leave every other error alone."""
    try:
        yield
    except (OSError, sqlite3.Error, IndexError_) as exc:
        told = describe(exc, output, resumable)
        if told is None:
            raise
        raise UsageError(told) from exc
