"""Files among the inputs that hold other than one report: each report member of a `.zip` is an input of its
own (`archive.zip!member.docx`), listed by `archive_inputs` and read by `read_member_input`; a `.json` that
lists several articles (an API's page of results) is an input per article (`list.json!0`), listed by
`json_inputs` and read by `read_article_input`, and one that holds no article is no input at all (both
through `nlp.inputs.iter_inputs` and `read_input`, so every command and the batch see them as files).

An archive that cannot be listed (damaged, over `ReadLimits`, holding no report) is one failure naming
it; a member that cannot be read (damaged, encrypted, too large, an archive itself) is one failure
naming the member, and the other members go on. Members are read from the archive, never unpacked to disk.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from nlp.errors import GovReportError
from nlp.files import REPORT_SUFFIXES, doc_id_for
from nlp.inputs import Input, InputFailure, failure
from nlp.read import ReadLimits, read_bytes
from nlp.read.archive import is_report_archive, open_archive, read_member, report_members
from nlp.read.encoding import decode
from nlp.read.jsontext import json_shape, json_text, looks_like_json
from nlp.read.limits import check_bytes
from nlp.report import Report


def archive_inputs(path: Path, archive_id: str, limits: ReadLimits | None) -> list[Input | InputFailure]:
    """A zip archive's report members, each an input (its id the member's name without the ending); a
    .docx or .ofd under a `.zip` name is one input, read as what it is; an archive that cannot be listed
    (damaged, over the limits, holding no report) is one failure naming it."""
    try:
        with open_archive(str(path), str(path)) as archive:
            if not is_report_archive(archive):
                return [Input(path, archive_id)]
            members = report_members(archive, str(path), limits or ReadLimits(), REPORT_SUFFIXES)
    except GovReportError as exc:
        if not path.is_file():  # reading it says why (no such file, a folder)
            return [Input(path, archive_id)]
        return [failure(path, exc, archive_id)]
    return [Input(path, doc_id_for(member.name), member=member.name) for member in members]


def read_member_input(item: Input, limits: ReadLimits) -> Report | InputFailure:
    """A member of a zip archive, read from the archive (never unpacked to disk) and structured."""
    from nlp.structure import parse_text

    where = item.source
    try:
        with open_archive(str(item.path), where) as archive:
            members = {member.name: member for member in report_members(archive, where, limits, (PurePosixPath(item.member).suffix.lower(),))}
            if item.member not in members:
                return InputFailure(where, f"{where}: no longer in the archive", item.doc_id)
            data = read_member(archive, members[item.member], where, limits)
        return parse_text(read_bytes(data, where, limits), doc_id=item.doc_id, source=where)
    except Exception as exc:  # noqa: BLE001 - one broken member must not stop the batch
        return failure(where, exc, item.doc_id)


def json_inputs(path: Path, doc_id: str, limits: ReadLimits | None, named: bool = False) -> list[Input] | str:
    """The reports of a `.json` file, told from its content (`nlp.read.jsontext.json_shape`): the file as one
    input, or an input per article of a list (`LIST.json!0`, id `LIST!0`); or, where it holds no article
    (a crawler's configuration or metadata, a results file, an empty list) and was found in a folder, why
    (a file named outright is read, and says so as an error). A file that cannot be read or is over the
    limits is one input: reading it says what is wrong."""
    limits = limits or ReadLimits()
    try:
        if path.stat().st_size > limits.max_bytes:
            return [Input(path, doc_id)]
        text = decode(path.read_bytes(), str(path))
    except (OSError, GovReportError):
        return [Input(path, doc_id)]
    if not looks_like_json(text):  # a page or a text under a .json name: read as what it is
        return [Input(path, doc_id)]
    shape = json_shape(text, str(path))
    if shape.reports == 0:
        return [Input(path, doc_id)] if named else f"{path}: {shape.why}"
    if shape.reports == 1:
        return [Input(path, doc_id)]
    return [Input(path, f"{doc_id}!{number}", article=number) for number in range(shape.reports)]


def read_article_input(item: Input, limits: ReadLimits) -> Report | InputFailure:
    """One article of a JSON file that lists several, read and structured as a report of its own."""
    from nlp.structure import parse_text

    where = item.source
    try:
        data = check_bytes(item.path.read_bytes(), where, limits)  # the file may have grown since it was listed
        text = decode(data, where)
        return parse_text(json_text(text, where, limits, article=item.article), doc_id=item.doc_id, source=where)
    except Exception as exc:  # noqa: BLE001 - one broken article must not stop the batch
        return failure(where, exc, item.doc_id)
