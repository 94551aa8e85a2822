"""A zip archive of report files (not a .docx or an .ofd, which are zips too) → its members.

Crawlers and agencies hand reports over zipped. `nlp.inputs` lists each report member of a `.zip` as an
input of its own (`archive.zip!member.docx`), read here one at a time; `nlp.read.read_bytes` reads an
archive with exactly one report member as that member, and refuses one with several, naming them.

Member names: a zip marks UTF-8 names with a flag (bit 11); without it the standard library reads them as
CP437, but Chinese zips made on Windows (its own tool, WinRAR, 360压缩) write GBK there. Such a name is
read as UTF-8 where it is valid UTF-8, else as GB18030 where that gives Chinese, else as CP437.

Limits (`ReadLimits`): an archive may hold `max_docx_members` members and unpack to `max_docx_unpacked`
bytes by its directory (the limits a .docx's zip has); each member read is streamed and refused past
`max_bytes`, the limit of one report file, whatever its directory entry says (a zip bomb lies there).
An archive inside an archive is refused: unpack the outer one first.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from nlp.errors import ReadError, ReadLimitError
from nlp.read.limits import ReadLimits, check_zip_directory

#: The UTF-8 flag of a zip entry's general purpose bits.
_UTF8_FLAG = 0x800
#: Members that are a zip's own furniture, never reports (macOS resource forks, hidden files).
_FURNITURE = re.compile(r"(?:^|/)(?:__MACOSX/|\.)")
#: Files that make a zip a document of its own (read by their own reader), not an archive of reports.
_DOCUMENT_PARTS = ("word/document.xml", "ofd.xml")
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, zlib.error, OSError)


@dataclass(frozen=True)
class Member:
    """A report file inside an archive."""

    #: Its path inside the archive, its name decoded as the archive's maker wrote it.
    name: str
    #: The zip's entry (its name as the standard library decoded it finds it again).
    info: zipfile.ZipInfo


def member_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as written: UTF-8 where flagged or valid, else GB18030 where it gives Chinese, else CP437."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:  # the archive was opened with another metadata encoding
        return info.filename
    if raw.isascii():
        return info.filename
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        name = raw.decode("gb18030")
    except UnicodeDecodeError:
        return info.filename
    return name if re.search(r"[\u3400-\u9fff]", name) else info.filename


def is_report_archive(archive: zipfile.ZipFile) -> bool:
    """A zip that is not itself a document (no Word or OFD main part): an archive of files."""
    names = {info.filename.lower() for info in archive.infolist()}
    return not any(part in names for part in _DOCUMENT_PARTS)


def open_archive(source: str | IO[bytes], name: str) -> zipfile.ZipFile:
    """The zip, or a `ReadError` saying it is damaged."""
    try:
        return zipfile.ZipFile(source)
    except _ZIP_ERRORS as exc:
        raise ReadError(name, f"damaged zip archive ({type(exc).__name__}: {exc})") from exc


def report_members(archive: zipfile.ZipFile, name: str, limits: ReadLimits, suffixes: tuple[str, ...]) -> list[Member]:
    """The archive's report files (by ending, as in a folder), in name order; a `ReadLimitError` where the
    archive holds too many members or unpacks too large by its directory; a `ReadError` where it holds none."""
    infos = check_zip_directory(archive, name, limits, "archive")
    members = []
    for info in infos:
        decoded = member_name(info)
        path = PurePosixPath(decoded)
        if info.is_dir() or _FURNITURE.search(decoded) or path.suffix.lower() not in suffixes or path.stem.upper().startswith("README"):
            continue
        members.append(Member(decoded, info))
    if not members:
        shown = ", ".join(member_name(info) for info in infos[:8]) + (", …" if len(infos) > 8 else "")
        raise ReadError(name, f"a zip archive holding no report file (it holds: {shown or 'nothing'})")
    return sorted(members, key=lambda member: member.name)


def read_member(archive: zipfile.ZipFile, member: Member, name: str, limits: ReadLimits) -> bytes:
    """A member's bytes, streamed and refused past `limits.max_bytes`; a damaged, encrypted or nested
    member raises (`name` is the member's own, `archive.zip!member`)."""
    if member.info.flag_bits & 0x1:
        raise ReadError(name, "an encrypted member of the archive; unpack it with its password first")
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(member.info) as stream:
            while block := stream.read(1 << 20):
                size += len(block)
                if size > limits.max_bytes:
                    raise ReadLimitError(name, f"unpacks to over {limits.max_bytes / 1e6:.1f} MB, the limit for one report", "max_bytes", limits.max_bytes)
                chunks.append(block)
    except _ZIP_ERRORS as exc:  # a wrong CRC, a cut member, an unknown compression method
        raise ReadError(name, f"a damaged member of the archive ({type(exc).__name__}: {exc})") from exc
    data = b"".join(chunks)
    if data.startswith(b"PK\x03\x04") and _is_archive_bytes(data):
        raise ReadError(name, "an archive inside an archive; unpack the outer archive first")
    return data


def _is_archive_bytes(data: bytes) -> bool:
    try:
        return is_report_archive(zipfile.ZipFile(io.BytesIO(data)))
    except _ZIP_ERRORS:
        return False


def only_member(data: bytes, name: str, limits: ReadLimits) -> tuple[bytes, str] | None:
    """For a file read on its own: the bytes and name (`archive.zip!member`) of its one report member;
    None where the zip is a document (a .docx, an .ofd) or too damaged to list; a `ReadError` naming the
    members where it holds several (each is a report of its own: `govreport analyze` reads them all)."""
    from nlp.files import REPORT_SUFFIXES

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS:
        return None  # the document reader says what is wrong with it
    if not is_report_archive(archive):
        return None
    members = report_members(archive, name, limits, REPORT_SUFFIXES)
    if len(members) > 1:
        shown = ", ".join(member.name for member in members[:8]) + (", …" if len(members) > 8 else "")
        raise ReadError(name, f"a zip archive of {len(members)} reports ({shown}): give it to `govreport analyze`, which reads each, or unpack it")
    inner = f"{name}!{members[0].name}"
    return read_member(archive, members[0], inner, limits), inner
