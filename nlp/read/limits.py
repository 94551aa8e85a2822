"""What one input file may cost the reader (`ReadLimits`), and the checks every format shares."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, replace

from nlp.errors import ReadLimitError

#: Larger files are refused: no annual report comes near this, a log or a dump does.
MAX_BYTES = 20 * 1024 * 1024

#: libxml2 stops building an HTML tree at this depth even with its "huge" option: text below it is lost.
HTML_PARSER_DEPTH = 2048


@dataclass(frozen=True)
class ReadLimits:
    """What one input file may cost the reader before it is refused with a `ReadLimitError`.

    Each default is far above any real annual report (the longest of the 31 crawled whole reports
    has under 6,000 characters; a report PDF has tens of pages) and far below what would stall a
    batch or exhaust memory. Every reader takes one explicitly; none is read from global state.

    max_bytes: size of the file on disk (or of the bytes given to `read_bytes`).
    max_chars: characters of text a file may yield, in any format.
    max_pdf_pages: pages of a PDF (or an OFD), counted before any page's text is extracted.
    max_pdf_unpacked: bytes the PDF's compressed (Flate) streams inflate to, images aside, counted by
        streaming each through the decompressor before the PDF is parsed (a stream bomb: 300 KB → 1 GB).
    max_docx_unpacked: bytes of a .docx's or .ofd's zip members once decompressed (a zip bomb: 4 MB →
        1 GB), counted by streaming every member before the document is parsed.
    max_docx_members: members in a .docx's or .ofd's zip (a Word file has a few dozen, an OFD a few per page).
    max_html_depth: element nesting of an HTML page (real pages: under 100); at most 2048, where
        the HTML parser itself stops.
    """

    max_bytes: int = MAX_BYTES
    max_chars: int = 2_000_000
    max_pdf_pages: int = 1_000
    max_pdf_unpacked: int = 256 * 1024 * 1024
    max_docx_unpacked: int = 200 * 1024 * 1024
    max_docx_members: int = 5_000
    max_html_depth: int = 1_000

    def __post_init__(self) -> None:
        for field in ("max_bytes", "max_chars", "max_pdf_pages", "max_docx_unpacked", "max_docx_members", "max_html_depth"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"ReadLimits.{field} must be a positive whole number, not {value!r}")
        if self.max_html_depth > HTML_PARSER_DEPTH:
            raise ValueError(f"ReadLimits.max_html_depth can be at most {HTML_PARSER_DEPTH} (the HTML parser's own limit)")


def resolve_limits(limits: ReadLimits | None, max_bytes: int | None = None) -> ReadLimits:
    chosen = limits if limits is not None else ReadLimits()
    if max_bytes is not None and max_bytes != chosen.max_bytes:
        chosen = replace(chosen, max_bytes=max_bytes)
    return chosen


def check_bytes(data: bytes, name: str, limits: ReadLimits) -> bytes:
    if len(data) > limits.max_bytes:
        raise ReadLimitError(name, f"{len(data) / 1e6:.1f} MB, over the {limits.max_bytes / 1e6:.1f} MB limit for one report", "max_bytes", limits.max_bytes)
    return data


def check_chars(text: str, name: str, limits: ReadLimits) -> str:
    if len(text) > limits.max_chars:
        raise ReadLimitError(name, f"the file yields {len(text):,} characters of text, too many for one report", "max_chars", limits.max_chars)
    return text


def check_zip_directory(archive: zipfile.ZipFile, name: str, limits: ReadLimits, kind: str) -> list[zipfile.ZipInfo]:
    """The archive's members, refused where its directory alone says it is too many files or unpacks too
    large (`max_docx_members`, `max_docx_unpacked`); kind: what the archive is, for the message."""
    members = archive.infolist()
    if len(members) > limits.max_docx_members:
        raise ReadLimitError(name, f"the {kind} holds {len(members):,} files", "max_docx_members", limits.max_docx_members)
    declared = sum(member.file_size for member in members)
    if declared > limits.max_docx_unpacked:
        raise ReadLimitError(name, f"the {kind} unpacks to {declared / 1e6:,.0f} MB (a zip bomb?)", "max_docx_unpacked", limits.max_docx_unpacked)
    return members


def check_zip_archive(archive: zipfile.ZipFile, name: str, limits: ReadLimits, kind: str) -> None:
    """Refuse a zip bomb (a .docx, an .ofd) before anything inflates it: count members, then stream every
    member through the decompressor counting bytes (the sizes in the zip's directory can lie).

    kind: what the archive is, for the message (".docx")."""
    members = check_zip_directory(archive, name, limits, kind)
    unpacked = 0
    for member in members:
        with archive.open(member) as stream:
            while block := stream.read(1 << 20):
                unpacked += len(block)
                if unpacked > limits.max_docx_unpacked:
                    raise ReadLimitError(
                        name, f"the {kind} unpacks to over {limits.max_docx_unpacked / 1e6:,.0f} MB (a zip bomb?)", "max_docx_unpacked", limits.max_docx_unpacked
                    )
