"""JSON Lines inputs: one record a line within the reader's limits, and what a file holds.

A JSON Lines file given to a command holds either whole reports (one report's `text` a line, as a
crawler exports them) or paragraph records (one paragraph a line, as the labelled files and the
outputs of `classify` and `boilerplate` have them). Commands that take only reports read every line
as a report; commands that take both (`classify`, `suggest`, `boilerplate`, `dupes`, `index add`,
`fit-boilerplate`) let the user say which (`--jsonl reports|paragraphs`) or decide per file from its
first records (`file_kind`): a guess that the evidence does not carry is refused with one error that
names the file and the flag, never read one way when it could be the other.

Every line, of either kind, is read the same way (`iter_lines`, `parse_line`): at most
`ReadLimits.max_bytes` bytes of a line are held, UTF-8 (a byte-order mark on the first line is
allowed), one JSON object with a string `text` of at most `ReadLimits.max_chars` characters; what is
wrong is a `ReadError` naming `FILE:LINE`.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from nlp.errors import ReadError, ReadLimitError
from nlp.read import ReadLimits

#: File endings read as JSON Lines.
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson")
#: Fields that make a record one paragraph of a report, never a whole report (read as a report, it is refused).
PARAGRAPH_KEYS: tuple[str, ...] = ("para_index", "id")
#: Fields only paragraph records carry (the labelled files' columns, `classify`'s context fields):
#: evidence that a file holds paragraphs.
PARAGRAPH_FIELDS: tuple[str, ...] = (*PARAGRAPH_KEYS, "kind", "label", "heading", "generic", "mixed")

JsonlKind = Literal["reports", "paragraphs"]
JsonlMode = Literal["auto", "reports", "paragraphs"]
#: What `--jsonl` accepts: decide per file, or the user's word for every JSON Lines input.
JSONL_MODES: tuple[str, ...] = ("auto", "reports", "paragraphs")

#: How many records of a file `file_kind` looks at: the first of a file tell what it is, and a file of
#: 100,000 reports is not read twice. A later line that contradicts them is refused when it is read.
SAMPLE_RECORDS = 200
#: A record is evidence of a whole report when its text has at least this many non-blank lines…
REPORT_MIN_LINES = 3
#: …or, run into fewer lines (a page flattened to one line), this many characters and a section
#: heading of the template (on the development data: 594 of 617 flattened pages, 3 of 9,826 labelled units).
GLUED_REPORT_MIN_CHARS = 300
#: Where one kind of evidence is at least this share of a file's records, the rest is noise (a page
#: cut short, a paragraph of several lines); below it the file is unclear and refused.
CLEAR_SHARE = 0.9


def is_jsonl(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in JSONL_SUFFIXES


def iter_lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, int, bytes | None]]:
    """(line number from 1, byte offset, the line) for each non-blank line of an open binary file;
    the line is None where it is longer than `max_bytes`: its rest is skipped in pieces, never held."""
    offset, number = 0, 0
    while raw := handle.readline(max_bytes + 1):
        number += 1
        start = offset
        offset += len(raw)
        if not raw.endswith(b"\n") and len(raw) > max_bytes:
            while rest := handle.readline(1 << 20):
                offset += len(rest)
                if rest.endswith(b"\n"):
                    break
            yield number, start, None
        elif raw.strip():
            yield number, start, raw


def parse_line(raw: bytes | None, where: str, first: bool, limits: ReadLimits, what: str = "record") -> dict[str, Any]:
    """The JSON object of one line, with a string `text` within `limits`; a `ReadError` naming `where`
    (`FILE:LINE`) says what is wrong. `raw` None is a line over `limits.max_bytes`; `first`: the
    file's first line, which may start with a byte-order mark."""
    if raw is None or len(raw.rstrip(b"\r\n")) > limits.max_bytes:
        raise ReadLimitError(where, f"the line is too large for one {what}", "max_bytes", limits.max_bytes)
    try:
        text = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        raise ReadError(where, "not UTF-8 text; save the JSON Lines file as UTF-8") from None
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise ReadError(where, f"not valid JSON ({getattr(exc, 'msg', exc)})") from None
    if not isinstance(record, dict):
        raise ReadError(where, f"a JSON object is expected, found {type(record).__name__}")
    if not isinstance(record.get("text"), str):
        raise ReadError(where, f"a {what} record needs a string field 'text' (and 'doc_id')")
    if len(record["text"]) > limits.max_chars:
        raise ReadLimitError(where, f"the record's text has {len(record['text']):,} characters, too many for one {what}", "max_chars", limits.max_chars)
    return record


def paragraph_field(record: dict[str, Any], fields: tuple[str, ...] = PARAGRAPH_FIELDS) -> str | None:
    """The first of `fields` that marks `record` as a paragraph record, or None.

    An `id` beside a whole report's text (`looks_like_report`) is a page's id, as crawlers export
    them, not a paragraph's: it marks nothing."""
    for key in fields:
        if record.get(key) is None:
            continue
        if key == "id" and isinstance(record.get("text"), str) and looks_like_report(record["text"]):
            continue
        return key
    return None


def paragraph_key(record: dict[str, Any]) -> str | None:
    """The first paragraph key (`PARAGRAPH_KEYS`) of `record`, which no whole report has, or None."""
    return paragraph_field(record, PARAGRAPH_KEYS)


def looks_like_report(text: str, glued: bool = True) -> bool:
    """Whether a record's text is a whole report: several lines, or (with `glued`) a long line that
    holds a section heading of the template (a web page flattened to one line; normalised first, so
    that traditional characters and odd widths do not hide it)."""
    if sum(1 for line in text.splitlines() if line.strip()) >= REPORT_MIN_LINES:
        return True
    if not glued or len(text) < GLUED_REPORT_MIN_CHARS:
        return False
    from nlp.normalize import clean_text
    from nlp.normalize.titles import TEMPLATE_HEADING

    return TEMPLATE_HEADING.search(clean_text(text)) is not None


@dataclass(frozen=True)
class Evidence:
    """What the first records of a JSON Lines file say about it."""

    #: Records with a paragraph field (`PARAGRAPH_FIELDS`); the first one's line and field.
    marked: int = 0
    first_marked: tuple[int, str] | None = None
    #: Records without one whose text is a whole report (`looks_like_report`); the first one's line.
    reports: int = 0
    first_report: int | None = None
    #: The other records: a short text without a paragraph field, read as a paragraph's.
    short: int = 0
    #: Records whose doc_id another record of the sample has too.
    shared_ids: int = 0

    @property
    def records(self) -> int:
        return self.marked + self.reports + self.short


def gather_evidence(path: str | os.PathLike[str], limits: ReadLimits | None = None, sample: int = SAMPLE_RECORDS) -> Evidence:
    """The evidence of the first `sample` readable records of a file (lines that cannot be read do
    not count: they are failures whichever way the file is read). Raises `OSError` if it cannot be opened."""
    limits = limits or ReadLimits()
    marked = reports = short = 0
    first_marked: tuple[int, str] | None = None
    first_report: int | None = None
    ids: Counter[str] = Counter()
    with Path(path).open("rb") as handle:
        for number, offset, raw in iter_lines(handle, limits.max_bytes):
            try:
                record = parse_line(raw, f"{path}:{number}", offset == 0, limits)
            except ReadError:
                continue
            if record.get("doc_id") not in (None, ""):
                ids[str(record["doc_id"])] += 1
            field = paragraph_field(record)
            if field:
                marked += 1
                first_marked = first_marked or (number, field)
            elif looks_like_report(record["text"]):
                reports += 1
                first_report = first_report or number
            else:
                short += 1
            if marked + reports + short >= sample:
                break
    shared = sum(n for n in ids.values() if n > 1)
    return Evidence(marked, first_marked, reports, first_report, short, shared)


def file_kind(path: str | os.PathLike[str], mode: str = "auto", limits: ReadLimits | None = None) -> JsonlKind:
    """What a JSON Lines file holds: `mode` where the user said it, else what its first records show.

    Paragraphs: records with a paragraph field (`para_index`, `id`, `kind`, `label`, `heading`, …),
    or short one-line texts, or most records sharing their doc_id with others. Reports: records whose
    text is a whole report (several lines, or a section heading of the template inside one long line).
    A `ReadError` naming the file and `--jsonl` where they disagree (a paragraph field beside whole
    reports; whole reports that share their doc_ids) or where neither is at least `CLEAR_SHARE` of
    the records. A file without a readable record is read as reports: each line is then its own failure.
    """
    if mode not in JSONL_MODES:
        raise ValueError(f"jsonl mode must be one of {', '.join(JSONL_MODES)}, not {mode!r}")
    if mode != "auto":
        return mode  # type: ignore[return-value]
    try:
        seen = gather_evidence(path, limits)
    except OSError:
        return "reports"  # reading it says why it cannot be opened, as for any input
    advice = "say what the file holds with --jsonl reports or --jsonl paragraphs"
    if seen.marked and seen.reports:
        line, field = seen.first_marked or (0, "")
        raise ReadError(
            path,
            f"mixed JSON Lines: line {line} is a paragraph record (it has '{field}') but line {seen.first_report} holds a "
            f"whole report (several lines of text, no paragraph field); put reports and paragraphs in separate files, or {advice}",
        )
    if seen.reports and seen.shared_ids * 2 > seen.records:
        raise ReadError(
            path,
            f"unclear JSON Lines: its records hold whole reports (line {seen.first_report}) but {seen.shared_ids} of "
            f"{seen.records} share their doc_id with another, as paragraphs of one report do; {advice}",
        )
    if seen.reports >= CLEAR_SHARE * seen.records:
        return "reports"
    if seen.reports == 0 or seen.short >= CLEAR_SHARE * seen.records:
        return "paragraphs"
    raise ReadError(
        path,
        f"unclear JSON Lines: of its first {seen.records} records {seen.reports} hold a whole report and "
        f"{seen.short} a short text without paragraph fields; {advice}",
    )


def paragraph_record(raw: bytes | None, where: str, first: bool, limits: ReadLimits, strict: bool) -> dict[str, Any]:
    """One paragraph record, checked (`parse_line`); with `strict` (the file's kind was guessed), a record
    that is a whole report of several lines rather than a paragraph is refused, naming the flag that
    reads it anyway. (A long line that holds a template heading is not refused here: a paragraph run
    together with its heading looks so too, and in a file of paragraphs it is one.)"""
    record = parse_line(raw, where, first, limits, what="paragraph")
    if strict and not paragraph_field(record) and looks_like_report(record["text"], glued=False):
        raise ReadError(
            where,
            "a whole report's text in a file read as paragraphs (from its first records); put it in a file of reports, "
            "or say what the file holds with --jsonl reports or --jsonl paragraphs",
        )
    return record


def report_record(raw: bytes | None, where: str, first: bool, limits: ReadLimits) -> dict[str, Any]:
    """One report record, checked (`parse_line`); a paragraph record (`PARAGRAPH_KEYS`) is refused."""
    record = parse_line(raw, where, first, limits, what="report")
    key = paragraph_key(record)
    if key:
        raise ReadError(
            where,
            f"a paragraph record (it has '{key}'), not a whole report: this command reads one report a line "
            "(classify, suggest, boilerplate, dupes and index add take files of paragraphs)",
        )
    return record


def record_year(value: object) -> int | None:
    """A record's `year` as a number, or None where it has none that reads as one."""
    try:
        return int(value) if value not in (None, "") else None  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
