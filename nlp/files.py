"""Finding input files and writing outputs safely (atomically, never outside the output folder)."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

#: File endings the readers understand.
REPORT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")


def doc_id_for(path: str | os.PathLike[str]) -> str:
    """The report's id: its file name without extension."""
    return Path(path).stem


def iter_report_paths(paths: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...] = REPORT_SUFFIXES) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into report files.

    A path named explicitly is yielded whatever its ending, so that the reader can say
    why it cannot be read; inside folders only known endings are taken.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in suffixes and not child.name.startswith(".") and not child.stem.upper().startswith("README"):
                    yield child
        else:
            yield path


_UNSAFE = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


def safe_name(name: str, default: str = "report") -> str:
    """A file name that cannot climb out of a folder (no separators, no leading dots)."""
    cleaned = _UNSAFE.sub("_", name).strip("._")
    return cleaned[:150] or default


def distinct_name(stem: str, used: set[str]) -> str:
    """A safe output name for `stem`, distinct from those in `used` (which it joins).

    Two inputs with the same file name in different folders, or whose names only differ in
    characters `safe_name` replaces, get `name`, `name-2`, `name-3` ...
    """
    base = safe_name(stem)
    name, counter = base, 2
    while name in used:
        name, counter = f"{base}-{counter}", counter + 1
    used.add(name)
    return name


def safe_join(folder: str | os.PathLike[str], name: str) -> Path:
    """`folder/name`, with `name` made safe; never a path outside `folder`."""
    base = Path(folder).resolve()
    target = (base / safe_name(name)).resolve()
    if base != target.parent:
        raise ValueError(f"output name {name!r} would escape {base}")
    return target


@contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8", durable: bool = True) -> Iterator[IO]:
    """Write to a temporary file beside `path`, then rename it into place.

    A run killed halfway leaves either the old file or the new one, never half of one. `durable`
    also flushes the file to the disk before the rename (fsync), so that a power cut cannot leave a
    renamed file whose content is lost; without it a file costs a few milliseconds less, for the
    many small files of a batch whose completeness the batch checks itself.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        # mkstemp creates the file private (0600); give it the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


#: The temporary files `atomic_writer` makes (`.NAME.XXXXXXXX.tmp`, beside their target).
_RANDOM_SUFFIX = r"\.[A-Za-z0-9_]{8}\.tmp$"
_TEMPORARY = re.compile(r"^\..+" + _RANDOM_SUFFIX)


def remove_stale_temporaries(folder: str | os.PathLike[str], of: str | None = None) -> int:
    """Delete what a killed run of `atomic_writer` left in `folder` (not its subfolders); their count.

    Only files named as its temporaries are touched, and with `of` only those of the file of that
    name (for a folder that is not the tool's own). A run that is still writing into the same folder
    would lose them, so call this before writing, never beside another run.
    """
    pattern = re.compile(r"^\." + re.escape(of) + _RANDOM_SUFFIX) if of else _TEMPORARY
    removed = 0
    for path in Path(folder).glob(".*.tmp"):
        if path.is_file() and pattern.match(path.name):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    with atomic_writer(path) as handle:
        handle.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_writer(path, "wb") as handle:
        handle.write(data)
