"""Files among the inputs that hold other than one report: each report member of a `.zip` is an input of its
own (`archive.zip!member.docx`), listed by `archive_inputs`; a `.json` that lists several articles (an API's page of
results) is an input per article (`list.json!0`), and one that holds no article is no input at all, whether it lies
in a folder or in an archive (`archive.zip!dir/page.json!0`): both judged by `json_inputs`. Each such input is read
by `read_contained_input` (through `nlp.inputs.iter_inputs` and `read_input`, so every command and the batch see them
as files).

An archive that cannot be listed (damaged, over `ReadLimits`, holding no report) is one failure naming
it; a member that cannot be read (damaged, encrypted, too large, an archive itself) is one failure
naming the member, and the other members go on. Members are read from the archive, never unpacked to disk.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path, PurePosixPath

from nlp.errors import GovReportError
from nlp.files import REPORT_SUFFIXES, doc_id_for
from nlp.inputitems import Input, InputFailure, failure
from nlp.read import ReadLimits, read_bytes
from nlp.read.archive import is_report_archive, open_archive, read_member, report_members
from nlp.read.encoding import decode
from nlp.read.jsontext import json_shape, json_value, looks_like_json, value_text
from nlp.read.limits import check_bytes
from nlp.report import Report


def archive_inputs(
    path: Path, archive_id: str, limits: ReadLimits | None, not_reports: list[tuple[Path, str]] | None = None
) -> list[Input | InputFailure]:
    """A zip archive's report members, each an input (its id the member's name without the ending), a `.json`
    member as `json_inputs` judges it (an input per article of a list; none where it holds no article, appended
    to `not_reports` as (`ARCHIVE!MEMBER`, why)); a .docx or .ofd under a `.zip` name is one input, read as what
    it is; an archive that cannot be listed (damaged, over the limits, holding no report) is one failure naming it."""
    limits = limits or ReadLimits()
    listed: list[Input | InputFailure] = []
    try:
        with open_archive(str(path), str(path)) as archive:
            if not is_report_archive(archive):
                return [Input(path, archive_id)]
            for member in report_members(archive, str(path), limits, REPORT_SUFFIXES):
                item = Input(path, doc_id_for(member.name), member=member.name)
                if PurePosixPath(member.name).suffix.lower() != ".json":
                    listed.append(item)
                    continue
                try:  # judged by its content, as in a folder; one that cannot be read is an input whose reading says why
                    data = read_member(archive, member, item.source, limits)
                except GovReportError:
                    listed.append(item)
                    continue
                judged = json_inputs(item, data, limits)
                if isinstance(judged, str):
                    if not_reports is not None:
                        not_reports.append((Path(item.source), judged))
                else:
                    listed.extend(judged)
    except GovReportError as exc:
        if not path.is_file():  # reading it says why (no such file, a folder)
            return [Input(path, archive_id)]
        return [failure(path, exc, archive_id)]
    return listed


def json_inputs(item: Input, data: bytes | None, limits: ReadLimits | None, named: bool = False) -> list[Input] | str:
    """The reports of a `.json` file or archive member (`item`, its bytes `data`; None: read the file), told from
    its content (`nlp.read.jsontext.json_shape`): the item as one input, or an input per article of a list
    (`…json!0`, id `LIST!0`, with where the article sits in the JSON, `Input.at`, so that its reader goes straight
    to it); or, where it holds no article (a crawler's configuration or metadata, a results file, an empty list)
    and was found in a folder or an archive, why (a file named outright is read, and says so as an error). A file
    that cannot be read or is over the limits is one input: reading it says what is wrong.

    The decoded text is dropped once judged: what travels is the articles' paths, a few keys each, never the text."""
    limits = limits or ReadLimits()
    try:
        if data is None:
            if item.path.stat().st_size > limits.max_bytes:
                return [item]
            data = item.path.read_bytes()
        text = decode(data, item.source)
    except (OSError, GovReportError):
        return [item]
    if not looks_like_json(text):  # a page or a text under a .json name: read as what it is
        return [item]
    shape = json_shape(text, item.source)
    if shape.reports == 0:
        return [item] if named else f"{item.source}: {shape.why}"
    if shape.reports == 1:
        return [item]
    return [replace(item, doc_id=f"{item.doc_id}!{number}", article=number, at=at) for number, at in enumerate(shape.articles)]


def read_contained_input(item: Input, limits: ReadLimits, split: bool = False) -> list[Report] | InputFailure:
    """A member of a zip archive (read from the archive, never unpacked to disk), an article of a JSON list, or
    an article of a JSON list that is a member, read and structured as a report of its own; with `split`, as each
    report it holds (`nlp.structure.parse_reports`)."""
    from nlp.structure import parse_reports, parse_text

    where = item.source
    try:
        if item.article is None:
            text = read_bytes(_input_bytes(item.path, item.member, limits), where, limits)
        else:
            text = value_text(_page_value(item, limits), where, limits, article=item.article, at=item.at)
        if split:
            return parse_reports(text, doc_id=item.doc_id, source=where)
        return [parse_text(text, doc_id=item.doc_id, source=where)]
    except Exception as exc:  # noqa: BLE001 - one broken member or article must not stop the batch
        return failure(where, exc, item.doc_id)


def _page_value(item: Input, limits: ReadLimits) -> object:
    """The JSON value of the file or member that lists `item`'s article. The articles of one page are listed one
    after another, so the last page parsed is kept (one, never more): reading its next article parses nothing
    again. Keyed by the file's size and time, so that a page saved again is read again."""
    status = item.path.stat()
    return _parsed_page(item.path, item.member, status.st_size, status.st_mtime_ns, limits)


@functools.lru_cache(maxsize=1)
def _parsed_page(path: Path, member: str, size: int, modified: int, limits: ReadLimits) -> object:
    where = f"{path}!{member}" if member else str(path)
    return json_value(decode(_input_bytes(path, member, limits), where), where)


def _input_bytes(path: Path, member: str, limits: ReadLimits) -> bytes:
    """The bytes of a file (checked again: it may have grown since it was listed) or of a member of an archive."""
    if not member:
        return check_bytes(path.read_bytes(), str(path), limits)
    where = f"{path}!{member}"
    with open_archive(str(path), where) as archive:
        members = {found.name: found for found in report_members(archive, where, limits, (PurePosixPath(member).suffix.lower(),))}
        if member not in members:
            raise GovReportError(f"{where}: no longer in the archive")
        return read_member(archive, members[member], where, limits)
