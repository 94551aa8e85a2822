"""Finding input files and writing outputs safely (atomically, never outside the output folder)."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from nlp.outputdir import LOCK_FILE as OUTPUT_LOCK

#: File endings the readers understand: `.json` is a site's API response a crawler saved; a `.zip` is an
#: archive of such files, each an input of its own (`nlp.inputarchives`).
REPORT_SUFFIXES: tuple[str, ...] = (
    ".txt", ".md", ".docx", ".doc", ".wps", ".rtf", ".pdf", ".ofd", ".xml", ".html", ".htm", ".mht", ".mhtml", ".json", ".zip",
)


def doc_id_for(path: str | os.PathLike[str]) -> str:
    """The report's id: its file name without extension."""
    return Path(path).stem


def iter_report_paths(
    paths: Iterable[str | os.PathLike[str]],
    suffixes: tuple[str, ...] = REPORT_SUFFIXES,
    follow_links: bool = False,
    skipped: list[tuple[Path, str]] | None = None,
) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into report files, each once.

    A path named explicitly is yielded whatever its ending, so that the reader can say
    why it cannot be read; inside folders only known endings are taken. Inside a folder a symbolic
    link that leads out of it (to a file or a folder) is not followed unless `follow_links`: a folder
    from someone else must not make the tool read `/etc/passwd` into a page. Links not followed are
    appended to `skipped` as (path, reason), so that the caller can tell the user.
    """
    for path, _ in iter_report_inputs(paths, suffixes, follow_links, skipped):
        yield path


def iter_report_inputs(
    paths: Iterable[str | os.PathLike[str]],
    suffixes: tuple[str, ...] = REPORT_SUFFIXES,
    follow_links: bool = False,
    skipped: list[tuple[Path, str]] | None = None,
) -> Iterator[tuple[Path, str]]:
    """`iter_report_paths` with a report id for each file that no other file of the run shares.

    The id is the file name without its ending (`doc_id_for`), as everywhere in the package, where
    that is unique among the files found. Files that share it get their path relative to the folder
    they were found in (`2023/report`, `2024/report`), and where even that is shared (`a.txt` and
    `a.md`) their path with its ending (`a.txt`, `a.md`). So adding a same-named file to a batch
    changes the ids of both, never makes them one. A file reached twice (named, and inside a named
    folder) is yielded once.
    """
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child, relative, key in _walk(path, suffixes, follow_links, skipped):
                if key not in seen:
                    seen.add(key)
                    found.append((child, relative))
        else:
            key = path.resolve() if path.exists() else path.absolute()
            if key not in seen:
                seen.add(key)
                found.append((path, path.name))
    ids = [doc_id_for(path) for path, _ in found]
    # Ever longer ids for the files that share one: relative path without, then with its ending,
    # then the path as found (two folders given, each with a `report.txt`).
    for longer in (lambda path, rel: _without_suffix(rel), lambda path, rel: rel, lambda path, rel: path.as_posix()):
        shared = _shared(ids)
        ids = [longer(path, relative) if doc_id in shared else doc_id for doc_id, (path, relative) in zip(ids, found, strict=True)]
    yield from ((path, doc_id) for (path, _), doc_id in zip(found, ids, strict=True))


def _shared(ids: list[str]) -> set[str]:
    counts: dict[str, int] = {}
    for doc_id in ids:
        counts[doc_id] = counts.get(doc_id, 0) + 1
    return {doc_id for doc_id, count in counts.items() if count > 1}


def _without_suffix(relative: str) -> str:
    head, _, name = relative.rpartition("/")
    stem = Path(name).stem
    return f"{head}/{stem}" if head else stem


def _walk(
    folder: Path, suffixes: tuple[str, ...], follow_links: bool, skipped: list[tuple[Path, str]] | None
) -> Iterator[tuple[Path, str, Path]]:
    """Report files under `folder`, sorted by relative path, with that path (always with `/`) and
    the file's real path (what `Path.resolve` gives, for telling files reached twice apart).

    The folders are read with `os.scandir`, whose entries know their kind from the listing: a plain
    file costs no system call of its own, and its real path is its folder's (resolved once per
    folder) and its name. `Path.is_symlink`, `is_file` and `resolve` on every file cost ~8 calls
    each (`resolve` checks every folder of the path), ~11 per input with the listing done twice.
    Folders are visited as `os.walk` does, depth first in name order, so that of two links to one
    folder (with `follow_links`) the same one is kept."""
    root = folder.resolve()
    results: list[tuple[str, Path, Path]] = []
    visited = {root}  # followed links can make a cycle (a link to a parent folder)
    stack: list[tuple[Path, Path, str]] = [(folder, root, "")]  # folder as reached, its real path, its relative path
    while stack:
        base, real_base, prefix = stack.pop()
        try:
            with os.scandir(base) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue  # an unreadable folder holds nothing to read (as `os.walk` has it)
        if prefix and any(entry.name == OUTPUT_LOCK for entry in entries):
            continue  # an earlier run's output folder inside the input: results, not reports (`output_folders`)
        subfolders: list[tuple[Path, Path, str]] = []
        for entry in entries:
            name = entry.name
            child = base / name
            if _is(entry.is_dir):
                if name.startswith("."):
                    continue
                link = _is(entry.is_symlink)
                if link and not follow_links and not _inside(child, root):
                    _skip(skipped, child)
                real = child.resolve() if link else real_base / name
                if real in visited:
                    continue
                visited.add(real)
                if follow_links or not link:  # a link to a folder is not entered unless follow_links
                    subfolders.append((child, real, f"{prefix}{name}/"))
                continue
            if name.startswith(".") or child.suffix.lower() not in suffixes or child.stem.upper().startswith("README"):
                continue
            link = _is(entry.is_symlink)
            if link and not follow_links and not _inside(child, root):
                _skip(skipped, child)
                continue
            if _is(entry.is_file):
                results.append((f"{prefix}{name}", child, child.resolve() if link else real_base / name))
        stack.extend(reversed(subfolders))
    for relative, child, real in sorted(results):
        yield child, relative, real


def output_folders(folder: str | os.PathLike[str]) -> list[Path]:
    """The output folders of earlier runs below `folder` (they hold a run's lock file), which the walk
    does not enter: their review pages and JSON are results, not reports."""
    return sorted(lock.parent for lock in Path(folder).rglob(OUTPUT_LOCK) if lock.parent != Path(folder))


def _is(test: Callable[[], bool]) -> bool:
    """A `DirEntry` test, False where the entry cannot be looked at (as `Path.is_file` has it)."""
    try:
        return test()
    except OSError:
        return False


def _inside(link: Path, root: Path) -> bool:
    try:
        link.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):  # outside, or a loop of links
        return False
    return True


def _skip(skipped: list[tuple[Path, str]] | None, link: Path) -> None:
    if skipped is not None:
        try:
            target = os.readlink(link)
        except OSError:
            target = "?"
        skipped.append((link, f"{link}: a symbolic link to {target}, outside the folder; not followed (use --follow-links to read it)"))


_UNSAFE = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


#: Bytes an output name may have before its ending. File systems allow 255 bytes a name; the
#: atomic writer's temporary adds 14 (`.NAME.XXXXXXXX.tmp`) and the ending up to 5, and some
#: (eCryptfs, some network shares) allow only about 143. A Chinese character is 3 bytes in UTF-8.
NAME_BYTES = 120


def safe_name(name: str, default: str = "report", max_bytes: int = NAME_BYTES) -> str:
    """A file name that cannot climb out of a folder (no separators, no leading dots), at most
    `max_bytes` bytes in UTF-8. A longer name is cut on a character boundary and ends with a hash of
    the whole name, so that two long names that share their start stay distinct (and the same name
    always gives the same result)."""
    cleaned = _UNSAFE.sub("_", name).strip("._") or default
    encoded = cleaned.encode("utf-8")
    if len(encoded) <= max_bytes:
        return cleaned
    digest = hashlib.sha256(cleaned.encode("utf-8")).hexdigest()[:10]
    kept = encoded[: max_bytes - len(digest) - 1].decode("utf-8", errors="ignore").rstrip("._-")
    return f"{kept}-{digest}"


def part_name(stem: str, number: int) -> str:
    """The name of report `number` (from 1) of a file holding several, whose own name (or id) is `stem`: `county2023.2`.
    The doc_id of such a report read on its own, and the name `govreport split` gives its text (with `.txt`)."""
    return f"{stem}.{number}"


def part_source(source: str, number: int) -> str:
    """Where report `number` (from 1) of a file holding several is, as messages and error records name it:
    `county2023.pdf#2` (`nlp.inputitems.Input.source` names the file, the line or the member)."""
    return f"{source}#{number}"


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
    # A name with its ending, cut (if ever) only where the atomic writer's temporary would not fit.
    target = (base / safe_name(name, max_bytes=255 - 14)).resolve()
    if base != target.parent:
        raise ValueError(f"output name {name!r} would escape {base}")
    return target


@contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8", durable: bool = True) -> Iterator[IO]:
    """Write to a temporary file beside `path`, then rename it into place.

    A run killed halfway leaves either the old file or the new one, never half of one. `durable`
    also flushes the file to the disk before the rename (fsync), so that a power cut cannot leave a
    renamed file whose content is lost; without it a file costs a few milliseconds less, for the
    many small files of a batch whose completeness the batch checks itself. The file gets the
    permissions a plain open() would give it.
    """
    with _replacing(Path(path)) as fd:
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())


@contextmanager
def _replacing(target: Path) -> Iterator[int]:
    """A new temporary beside `target`, open for the block to write (and close): renamed onto
    `target` when the block ends, removed if it raises, so that `target` is whole or untouched."""
    fd, tmp = _temporary(target)
    try:
        yield fd
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


#: How the temporary is opened: a new file only (never through a link an attacker planted), not
#: inherited by child processes; read and write, as `tempfile.mkstemp` opens it.
_TEMPORARY_FLAGS = (
    os.O_RDWR | os.O_CREAT | os.O_EXCL
    | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOINHERIT", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)  # fmt: skip


def _temporary(target: Path) -> tuple[int, str]:
    """A new, empty file beside `target` (`.NAME.XXXXXXXX.tmp`, as `remove_stale_temporaries` knows
    them), open; its folder made if missing.

    Opened with mode 0o666, which the system narrows by the umask (and a folder's default ACL) as for
    a plain open(). `tempfile.mkstemp` made it private, so each file took a chmod and two umask calls
    besides, and mkstemp's own name-making and folder check: ~30 µs a file of a writer's ~100 on
    tmpfs (on a disk the system's creation of the file costs more, and stays)."""
    folder = target.parent
    for _ in range(100):
        tmp = os.path.join(folder, f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, _TEMPORARY_FLAGS, 0o666), tmp
        except FileExistsError:  # that name is taken (1 chance in 4 billion): draw another
            continue
        except FileNotFoundError:
            if folder.is_dir():
                raise
            folder.mkdir(parents=True, exist_ok=True)  # made on first use rather than checked per file
    raise FileExistsError(f"{folder}: no free temporary name for {target.name}")


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


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8", durable: bool = True) -> None:
    """`atomic_writer` for a whole text at once (newlines as they are), `durable` alike."""
    atomic_write_bytes(path, text.encode(encoding), durable)  # encoded first: a text that cannot be leaves no file


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, durable: bool = True) -> None:
    """`atomic_writer` for whole bytes at once: written with the system's calls, without the file
    objects (a third of the writer's own time, for the JSON and the page a batch writes per report)."""
    with _replacing(Path(path)) as fd:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
