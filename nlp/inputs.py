"""The one input layer: paths, folders and JSON Lines → `Report | ParagraphRecords | InputFailure`, in order.

Every command reads its inputs through here (directly, or through `nlp.batch.map_reports`), so
that a file is found, read and structured the same way everywhere, within the same limits, and an
input that cannot be read becomes an `InputFailure` that names it (`FILE`, or `FILE:LINE` for one
line of a JSON Lines file) — never an exception that stops the batch. Errors a user can cause (the
package's own exception types) say what is wrong with the input; anything else is a bug of this
package and is reported as such, naming the input.

A JSON Lines file holds whole reports or paragraph records (`nlp.jsonl`). One whole report a line
(`text`, optional `doc_id`, `title`, `agency`, `year`, `url`, as a crawler's export has them) is
structured by `nlp.structure.parse_text`: each line is one input of its own (`Input`, listed by
`iter_inputs`, read by `read_input`), so that every command gives one report per line and one
failure per bad line. Commands that take only reports read every JSON Lines file so (`read_inputs`);
commands that take paragraphs too (`read_sources`) decide per file, or as the user says
(`--jsonl reports|paragraphs`), and get a file of paragraph records as one `ParagraphRecords`, its
records unchanged, each bad line a failure of its own.

A file (an archive's member, an article of a JSON list) that holds several reports, a county's bound volume or a
page of several years, gives each as a report of its own (`read_input_reports`, `nlp.structure.parse_reports`:
`NAME.1`, `NAME.2` …); `split=False` reads its first, as `read_input` does.

What it hands out besides reports (`Input`, `ParagraphRecords`, `InputFailure`, `failure`) is defined in
`nlp.inputitems` and exported from here too.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from nlp.errors import GovReportError
from nlp.files import REPORT_SUFFIXES, doc_id_for, iter_report_inputs, part_name
from nlp.inputitems import Input, InputFailure, ParagraphRecords, failure
from nlp.jsonl import (
    JSONL_MODES,
    JSONL_SUFFIXES,
    PARAGRAPH_KEYS,
    JsonlMode,
    file_kind,
    is_jsonl,
    iter_lines,
    paragraph_key,
    paragraph_record,
    record_year,
    report_record,
)
from nlp.read import ReadLimits
from nlp.report import Report


def read_one(path: str | os.PathLike[str], read: Callable[[Path], Report] | None = None) -> Report | InputFailure:
    """One report file, structured; or why it could not be."""
    if read is None:
        from nlp.structure import read_report as read
    path = Path(path)
    try:
        return read(path)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch of thousands
        return failure(path, exc)


@dataclass(frozen=True)
class _ParagraphFile:
    """A JSON Lines file of paragraphs in a listing (read whole by `_read_paragraphs`)."""

    path: Path
    file_id: str
    #: The user said it holds paragraphs (else it was decided from its first records).
    said: bool


def _listing(
    paths: Iterable[str | os.PathLike[str]],
    jsonl: JsonlMode | None,
    follow_links: bool,
    skipped: list[tuple[Path, str]] | None,
    limits: ReadLimits | None,
    not_reports: list[tuple[Path, str]] | None = None,
) -> list[Input | _ParagraphFile | InputFailure]:
    """Every input under `paths`, in order; JSON Lines files read as `jsonl` says (None: not listed;
    "reports": a line each; "paragraphs": the whole file; "auto": each file as `nlp.jsonl.file_kind`
    finds it, or one failure naming the file where that is unclear). Ids as `iter_inputs` says.

    A `.json` file found in a folder that holds no article (`nlp.inputarchives.json_inputs`) is no input:
    it is appended to `not_reports` as (path, why); one named outright is read, and says why it cannot be."""
    paths = list(paths)
    named = {Path(raw) for raw in paths}
    suffixes = REPORT_SUFFIXES + (JSONL_SUFFIXES if jsonl else ())
    listed: list[Input | _ParagraphFile | InputFailure] = []
    for path, doc_id in iter_report_inputs(paths, suffixes=suffixes, follow_links=follow_links, skipped=skipped):
        if path.suffix.lower() == ".zip":
            from nlp.inputarchives import archive_inputs

            listed.extend(archive_inputs(path, doc_id, limits, not_reports))
            continue
        if path.suffix.lower() == ".json":
            from nlp.inputarchives import json_inputs

            inputs = json_inputs(Input(path, doc_id), None, limits, named=path in named)
            if isinstance(inputs, str):
                if not_reports is not None:
                    not_reports.append((path, inputs))
            else:
                listed.extend(inputs)
            continue
        if not (jsonl and is_jsonl(path) and path.is_file()):
            listed.append(Input(path, doc_id))
            continue
        try:
            kind = file_kind(path, jsonl, limits)
        except GovReportError as exc:
            listed.append(failure(path, exc, doc_id))
            continue
        if kind == "paragraphs":
            listed.append(_ParagraphFile(path, doc_id, jsonl == "paragraphs"))
            continue
        lines, keyed = _jsonl_inputs(path, doc_id, (limits or ReadLimits()).max_bytes)
        if lines and len(keyed) == len(lines):
            # Every line would be refused as a paragraph record: said once, for the file.
            listed.append(InputFailure(str(path), _paragraph_file(path, len(lines), *keyed[0]), doc_id))
        elif lines:
            listed.extend(lines)
        else:  # said, not skipped in silence (the batch's listing, `iter_inputs`, has nothing to read in it)
            listed.append(InputFailure(str(path), _empty(path), doc_id))
    counts = Counter(item.doc_id for item in listed if isinstance(item, Input))
    return _parts_stems([_distinct(item) if isinstance(item, Input) and counts[item.doc_id] > 1 else item for item in listed])


def _parts_stems(listed: list[Input | _ParagraphFile | InputFailure]) -> list[Input | _ParagraphFile | InputFailure]:
    """Each input with the stem its reports are numbered from should it hold several (`Input.parts_stem`, left
    empty for its doc_id): `DOC_ID-2` (`-3` …) where another input's id is such a name already (`county2023.2.txt`
    beside `county2023.pdf`), so that no two reports of a batch share an id."""
    ids = {item.doc_id for item in listed if isinstance(item, Input)}
    numbered = {match.group(1) for doc_id in ids if (match := _NUMBERED.match(doc_id))}
    stemmed: list[Input | _ParagraphFile | InputFailure] = []
    for item in listed:
        if isinstance(item, Input):
            stem, counter = item.doc_id, 2
            while stem in numbered:
                stem, counter = f"{item.doc_id}-{counter}", counter + 1
            if stem != item.doc_id:
                item = replace(item, parts_stem=stem)
        stemmed.append(item)
    return stemmed


#: An id as a report of a file holding several is named (`nlp.files.part_name`): its stem, then its number.
_NUMBERED = re.compile(r"^(.*)\.\d+$", re.DOTALL)


def _distinct(item: Input) -> Input:
    """An input whose id another shares, with a longer one: a line's `DOC_ID@FILE:LINE`, a member's
    `ARCHIVE_ID!MEMBER` (its path inside the archive, without the ending); a file's is unique already."""
    if item.line is not None:
        return replace(item, doc_id=f"{item.doc_id}@{item.path.name}:{item.line}")
    if item.member:
        number = f"!{item.article}" if item.article is not None else ""
        return replace(item, doc_id=f"{doc_id_for(item.path)}!{item.member.rsplit('.', 1)[0]}{number}")
    if item.article is not None:  # `LIST!3` was taken by a file's id: the list's path makes it unique
        return replace(item, doc_id=f"{item.path.with_suffix('').as_posix()}!{item.article}")
    return item


def _empty(path: Path) -> str:
    return f"{path}: an empty JSON Lines file (no line holds a record)"


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]],
    jsonl: bool = True,
    follow_links: bool = False,
    skipped: list[tuple[Path, str]] | None = None,
    limits: ReadLimits | None = None,
    failures: list[InputFailure] | None = None,
    not_reports: list[tuple[Path, str]] | None = None,
) -> Iterator[Input]:
    """Every report under `paths`, in order: each report file once (`nlp.files.iter_report_inputs`)
    and, with `jsonl`, each non-blank line of a JSON Lines file in its place.

    A JSON Lines file with nothing to read as a report (no line holds a record, or every line is a
    paragraph record) is no input; its one failure is appended to `failures` (where given), so that a
    batch can say so rather than pass over it in silence.

    Ids are unique among the inputs: a file's as `iter_report_inputs` gives it; a line's is its
    record's `doc_id` (else `FILE-LINE`), and where two inputs share one, the line's becomes
    `DOC_ID@FILE:LINE`, so that neither overwrites the other's results. Links out of a folder that
    are not followed are appended to `skipped`. A line is only looked at here for its `doc_id`: what
    is wrong with it is said when it is read (`read_input`), as one failure among the reports; a line
    over `limits.max_bytes` is not held in memory, here or there.

    A JSON file in a folder that holds no article (a crawler's configuration, govreport's own results)
    is no input; it is appended to `not_reports` as (path, why), for the note of files skipped. A JSON
    file that lists several articles is an input per article (`LIST.json!0`, `LIST.json!1` …).
    """
    # Read as reports, a JSON Lines file is only ever its lines, or one failure when it has none.
    for item in _listing(paths, "reports" if jsonl else None, follow_links, skipped, limits, not_reports):
        if isinstance(item, Input):
            yield item
        elif isinstance(item, InputFailure) and failures is not None:
            failures.append(item)


def _jsonl_inputs(path: Path, file_id: str, max_bytes: int) -> tuple[list[Input], list[tuple[int, str]]]:
    """The non-blank lines of a JSON Lines file, each with its record's doc_id where it has one; and
    the (line, key) of each record that carries a paragraph key (`nlp.jsonl.PARAGRAPH_KEYS`)."""
    try:
        handle = path.open("rb")
    except OSError:
        return [Input(path, file_id)], []  # reading it says why it cannot be opened
    inputs: list[Input] = []
    keyed: list[tuple[int, str]] = []
    with handle:
        for number, offset, raw in iter_lines(handle, max_bytes):
            record_id, key = _record_facts(raw, offset == 0) if raw else ("", None)
            if key:
                keyed.append((number, key))
            inputs.append(Input(path, record_id or f"{file_id}-{number}", number, offset))
    return inputs, keyed


def _record_facts(raw: bytes, first: bool) -> tuple[str, str | None]:
    """A line's doc_id ("" where it has none) and its first paragraph key (None where it has none)."""
    try:
        record = json.loads(raw.decode("utf-8-sig" if first else "utf-8"))
    except ValueError:  # not UTF-8 or not JSON: said when the line is read
        return "", None
    if not isinstance(record, dict):
        return "", None
    return str(record.get("doc_id") or ""), paragraph_key(record)


def _paragraph_file(path: Path, records: int, line: int, key: str) -> str:
    return (
        f"{path}: a file of paragraph records (all {records} have a paragraph key; line {line} has '{key}'), not of "
        "whole reports: this command reads one report a line (classify, suggest, boilerplate, dupes and index add "
        "take files of paragraphs)"
    )


def read_input(item: Input, limits: ReadLimits | None = None, read: Callable[[Path], Report] | None = None) -> Report | InputFailure:
    """The report of one input, structured, within `limits`; or why it could not be (never raises). An input holding
    several reports gives its first, which says where the next begins (`read_input_reports` reads each).

    `read` replaces the reader of report files (not of JSON Lines records, archive members nor articles of a list)."""
    reports = read_input_reports(item, limits, read, split=False)
    return reports if isinstance(reports, InputFailure) else reports[0]


def read_input_reports(
    item: Input, limits: ReadLimits | None = None, read: Callable[[Path], Report] | None = None, split: bool = True
) -> list[Report] | InputFailure:
    """The reports of one input, structured, within `limits`; or why it could not be (never raises).

    With `split`, a file, an archive's member or an article of a JSON list that holds several reports (a bound
    volume, a page of several years) gives each as a report of its own (`nlp.structure.parse_reports`: ids
    `STEM.1`, `STEM.2` … from `Input.parts_stem`, sources `SOURCE#1` …); a JSON Lines record is one report (its
    fields name one). Without it, or for an input of one report, a list of one. `read` replaces the reader of
    report files (not of JSON Lines records, archive members nor articles of a list); what it reads is one report."""
    if item.member or item.article is not None:
        from nlp.inputarchives import read_contained_input

        return _numbered(read_contained_input(item, limits or ReadLimits(), split=split), item)
    if item.line is None:
        if read is not None:
            report = read_one(item.path, read)
            return report if isinstance(report, InputFailure) else [report]
        from nlp.structure import read_reports

        try:
            return _numbered(read_reports(item.path, doc_id=item.doc_id, limits=limits, split=split), item)
        except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch of thousands
            return failure(item.path, exc)
    report = _read_record(item, limits)
    return report if isinstance(report, InputFailure) else [report]


def report_origin(item: Input, report: Report) -> tuple[str, str]:
    """Where a report read from `item` is and its id, as messages and error records name them: the input's own
    (`Input.source`, `Input.doc_id`), or for one of several reports its part's (`FILE#2`, `STEM.2`)."""
    return (report.source, report.doc_id) if report.part is not None else (item.source, item.doc_id)


def _numbered(reports: list[Report] | InputFailure, item: Input) -> list[Report] | InputFailure:
    """The reports of an input holding several, numbered from its `parts_stem` where that is not its doc_id."""
    if isinstance(reports, list) and item.parts_stem:
        for report in reports:
            if report.part is not None:
                report.doc_id = part_name(item.parts_stem, report.part.number)
    return reports


def _read_record(item: Input, limits: ReadLimits | None) -> Report | InputFailure:
    """The report of a line of a JSON Lines file of reports, or why it could not be."""
    where = item.source
    limits = limits or ReadLimits()
    try:
        with item.path.open("rb") as handle:
            handle.seek(item.offset)
            raw = handle.readline(limits.max_bytes + 1)
    except OSError as exc:
        return InputFailure(where, f"{where}: cannot open: {exc.strerror or exc}", item.doc_id, exc)
    try:
        return report_from_record(report_record(raw, where, item.offset == 0, limits), item.doc_id, where)
    except Exception as exc:  # noqa: BLE001 - a batch never stops on one bad record
        return failure(where, exc, item.doc_id)


def read_jsonl_reports(path: str | os.PathLike[str], limits: ReadLimits | None = None) -> Iterator[Report | InputFailure]:
    """The whole reports of a JSON Lines file, one a line; a bad line is a failure naming its line."""
    for item in iter_inputs([path], limits=limits):
        yield read_input(item, limits)


def report_from_record(record: dict[str, object], doc_id: str, where: str) -> Report:
    """The report of a JSON Lines record holding a whole report's `text`; its optional `title`,
    `agency`, `year` and `url` (a crawler's record) stand over what the text says. Raises what
    structuring raises; callers turn it into a failure."""
    from nlp.structure import parse_text

    report = parse_text(str(record["text"]), doc_id=doc_id, source=where)
    report.title = str(record.get("title") or "").strip() or report.title
    report.agency = str(record.get("agency") or "").strip() or report.agency
    report.year = record_year(record.get("year")) or report.year
    url = str(record.get("url") or "").strip()
    if url:
        report.page_fields["url"] = url
    return report


def _read_paragraphs(item: _ParagraphFile, limits: ReadLimits) -> Iterator[ParagraphRecords | InputFailure]:
    """A failure for each bad line of a paragraph file, then its records (if it has any)."""
    records = ParagraphRecords(item.path, item.file_id)
    number = 0
    try:
        with item.path.open("rb") as handle:
            for number, offset, raw in iter_lines(handle, limits.max_bytes):
                where = f"{item.path}:{number}"
                try:
                    record = paragraph_record(raw, where, offset == 0, limits, strict=not item.said)
                except GovReportError as exc:
                    yield failure(where, exc, f"{item.file_id}-{number}")
                    continue
                records.records.append(record)
                records.lines.append(number)
    except OSError as exc:
        yield InputFailure(str(item.path), f"{item.path}: cannot open: {exc.strerror or exc}", item.file_id, exc)
        return
    if records.records:
        yield records
    elif not number:
        yield InputFailure(str(item.path), _empty(item.path), item.file_id)


def read_sources(
    paths: Iterable[str | os.PathLike[str]],
    jsonl: JsonlMode = "auto",
    limits: ReadLimits | None = None,
    follow_links: bool = False,
    split: bool = True,
) -> Iterator[Report | ParagraphRecords | InputFailure]:
    """Reports of files and folders (recursively, sorted), and JSON Lines files read as `jsonl` says:
    "reports" (one report a line), "paragraphs" (one `ParagraphRecords` a file), or "auto" (each file
    as its first records show, `nlp.jsonl.file_kind`; an unclear file is one failure naming it and the
    `--jsonl` flag). For the commands that take paragraphs as well as reports.

    Each report's doc_id is unique among the inputs; a symbolic link out of a folder is a failure
    naming it unless `follow_links`; `limits` bounds what one file, or one line, may cost. With `split`, a
    file holding several reports gives each (`read_input_reports`); without, its first.
    """
    if jsonl not in JSONL_MODES:
        raise ValueError(f"jsonl must be one of {', '.join(JSONL_MODES)}, not {jsonl!r}")
    yield from _read(paths, jsonl, limits, follow_links, split)


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    jsonl: bool = True,
    limits: ReadLimits | None = None,
    follow_links: bool = False,
    split: bool = True,
) -> Iterator[Report | InputFailure]:
    """Reports of files, folders (recursively, sorted) and, with `jsonl`, JSON Lines files of whole
    reports (`iter_inputs`, then `read_input` each): `read_sources` for the commands that take only reports.

    Each report's doc_id is unique among the inputs; a symbolic link out of a folder is a failure
    naming it unless `follow_links`; `limits` bounds what one file (or line) may cost. With `split`, a file
    holding several reports gives each (`read_input_reports`); without, its first.
    """
    yield from (item for item in _read(paths, "reports" if jsonl else None, limits, follow_links, split) if not isinstance(item, ParagraphRecords))


def _read(
    paths: Iterable[str | os.PathLike[str]], jsonl: JsonlMode | None, limits: ReadLimits | None, follow_links: bool, split: bool = True
) -> Iterator[Report | ParagraphRecords | InputFailure]:
    skipped: list[tuple[Path, str]] = []
    found = _listing(paths, jsonl, follow_links, skipped, limits)
    for link, reason in skipped:
        yield InputFailure(str(link), reason, doc_id_for(link))
    for item in found:
        if isinstance(item, InputFailure):
            yield item
        elif isinstance(item, _ParagraphFile):
            yield from _read_paragraphs(item, limits or ReadLimits())
        else:
            reports = read_input_reports(item, limits, split=split)
            yield from [reports] if isinstance(reports, InputFailure) else reports


__all__ = [
    "JSONL_MODES", "JSONL_SUFFIXES", "PARAGRAPH_KEYS", "Input", "InputFailure", "JsonlMode", "ParagraphRecords", "failure",
    "iter_inputs", "read_input", "read_input_reports", "read_inputs", "read_jsonl_reports", "read_one", "read_sources", "report_from_record", "report_origin",
]  # fmt: skip
