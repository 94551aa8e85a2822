"""The run's ledger in its output folder: which reports are finished (FINISHED_FILE), which files an
earlier run gave up on (FAILED_FILE), and whether a written output is whole. `--resume` reads it to
know what not to redo; `nlp.batch.passes` writes it as the passes go."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from nlp.batch.state import FINISHED_FILE, Done, ErrorRecord, Item
from nlp.duplicates.index import DuplicateIndex
from nlp.files import atomic_writer


@contextlib.contextmanager
def open_finished(output: Path, resume: bool) -> Iterator[TextIO]:
    """FINISHED_FILE of `output`, open for the run's lines: appended to with `resume` (read first by
    `read_finished`), else begun anew."""
    path = output / FINISHED_FILE
    with path.open("a" if resume else "w", encoding="utf-8") as finished:
        if resume and path.stat().st_size and not _ends_with(path, b"\n"):
            finished.write("\n")  # the line a killed run cut short stays alone (and unread)
        yield finished


def write_finished(output: Path, done: list[Done]) -> None:
    """FINISHED_FILE rewritten, once the run has written every report's JSON: one line per report
    in input order, whatever order their lines went in (pass 2 writes those of the reports held)
    and whatever an earlier run of a resumed output left (the lines it cut short, repeated)."""
    with atomic_writer(output / FINISHED_FILE, durable=False) as handle:  # the run ends with os.sync
        handle.writelines(entry.to_line() for entry in done)


def read_finished(path: Path, index: DuplicateIndex | None = None) -> dict[str, Done]:
    """The reports an earlier run of this output finished in pass 1, by output name; with `index`,
    only those it holds (the index is not flushed per report, so a power cut may have undone the
    last additions while their lines survived)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    entries = [entry for entry in map(Done.from_line, lines) if entry is not None]
    if index is not None:
        indexed = {row["doc_id"] for row in index.documents()}
        entries = [entry for entry in entries if entry.doc_id in indexed]
    return {entry.name: entry for entry in entries}


def finished_files(known: dict[str, Done], todo: list[Item], results: Path) -> dict[str, list[Done]]:
    """Output name of an input -> its reports an earlier run finished (`read_finished`), for the inputs all of whose
    reports it finished, with their JSON whole in `results`: a file's only report, or each of the several it holds
    (`Done.parts`; one missing, and the file is analysed again)."""
    by_file: dict[str, list[Done]] = {}
    for entry in known.values():
        by_file.setdefault(entry.file or entry.name, []).append(entry)
    finished = {}
    for item in todo:
        entries = sorted(by_file.get(item.name, ()), key=lambda entry: entry.part)
        if [entry.part for entry in entries] != list(range(1, entries[0].parts + 1) if entries and entries[0].parts else [0]):
            continue  # none, a report missing, or the reports of two readings of a file that changed
        if any(entry.parts != entries[0].parts for entry in entries):
            continue
        if all(complete_json(results / f"{entry.name}.json") for entry in entries):
            finished[item.name] = entries
    return finished


def _stat(path: Path) -> list[int]:
    try:
        info = path.stat()
    except OSError:
        return [-1, -1]
    return [info.st_size, info.st_mtime_ns]


def failed_line(item: Item, record: ErrorRecord) -> str:
    """FAILED_FILE's line for a file given up on: its name, path, size and mtime (a changed file is tried again), the error."""
    return json.dumps([item.name, str(item.path), *_stat(item.path), record], ensure_ascii=False) + "\n"


def read_failed(path: Path, todo: list[Item]) -> dict[str, str]:
    """Output name -> line of FAILED_FILE, for the files an earlier run gave up on that are unchanged since."""
    items = {item.name: item for item in todo}
    given_up = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except OSError:
        return {}
    for line in lines:
        try:
            name, source, size, mtime, record = json.loads(line)
        except ValueError:
            continue
        item = items.get(name)
        if item is not None and str(item.path) == source and _stat(item.path) == [size, mtime] and isinstance(record, dict):
            given_up[name] = line if line.endswith("\n") else line + "\n"
    return given_up


def given_up_record(line: str) -> ErrorRecord:
    """The error record of a FAILED_FILE line `read_failed` kept."""
    return json.loads(line)[4]


def complete_json(path: Path) -> bool:
    """True if `path` holds a whole JSON object as `write_report_json` writes it (it ends with its closing brace)."""
    return _ends_with(path, b"}")


def complete_page(path: Path) -> bool:
    """True if `path` holds a whole review page (`nlp.render.review_page` ends each so)."""
    return _ends_with(path, b"</html>")


def _ends_with(path: Path, ending: bytes) -> bool:
    """True if the file ends with `ending`: what a file written without a flush shows of being whole."""

    try:
        with path.open("rb") as handle:
            handle.seek(-len(ending), os.SEEK_END)
            return handle.read() == ending
    except OSError:  # missing, or shorter than `ending` (seek before the start)
        return False
