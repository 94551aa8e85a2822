"""File → raw text. The only package that knows file formats.

Formats are recognised from the bytes, not the extension: PDF (`%PDF`), .docx (a zip holding
`word/document.xml`), OFD (a zip holding `OFD.xml`), Word 2003 XML (`<w:wordDocument>`), Word 97–2003
.doc and WPS .wps (an OLE compound file holding `WordDocument`), RTF (`{\rtf`), web archives (MHTML: a
MIME message holding the page), zip archives of reports (one report member is read; `archive`), JSON and
JSONP responses a crawler saved (the decoded text is JSON), HTML (markup in the decoded text), and plain
text in any of the encodings Chinese reports come in (UTF-8 with or without BOM, UTF-16, GB18030/GBK,
Big5). So an RTF, a web page or a .docx saved under a `.doc` name is read as what it is.

One module per format family: `pdftext`, `ofdtext` (both assembling a laid-out page with `pagegrid`),
`docxtext`, `wordxml`, `doctext` (with `docprops`, `docnumbering`), `rtftext`, `mhttext`, `archive`,
`jsontext` (with `bodies`, which string is the report), `htmltext` (with `scriptbody`, a page whose report
sits in a script), and `encoding` (plain text in any encoding); `cellgrid` lays the rows of a .doc or RTF
table on one grid as the .docx reader does; `limits` holds `ReadLimits` and the zip-bomb guard the .docx
and OFD readers share. This module
recognises the format and hands the bytes on.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from nlp.errors import ReadError, ReadLimitError
from nlp.read.archive import only_member
from nlp.read.doctext import looks_like_ole, read_doc
from nlp.read.docxtext import read_docx
from nlp.read.encoding import declared_charset, decode
from nlp.read.htmltext import html_to_text
from nlp.read.jsontext import json_text, looks_like_json
from nlp.read.limits import HTML_PARSER_DEPTH, MAX_BYTES, ReadLimits, check_bytes, check_chars, resolve_limits
from nlp.read.mhttext import looks_like_mht, mht_page
from nlp.read.ofdtext import looks_like_ofd, read_ofd
from nlp.read.pdftext import PAGE_BREAK, read_pdf
from nlp.read.rtftext import looks_like_rtf, read_rtf
from nlp.read.wordxml import looks_like_word_xml, read_word_xml

__all__ = [
    "HTML_PARSER_DEPTH",
    "MAX_BYTES",
    "PAGE_BREAK",
    "ReadLimits",
    "declared_charset",
    "decode",
    "html_to_text",
    "read_bytes",
    "read_text",
]

_MAGIC = {
    b"\xff\xd8\xff": "a JPEG image",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"Rar!": "a RAR archive",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7z archive",
}
_XHTML = re.compile(rb"<(?:html|HTML)\b")
_HTML = re.compile(r"<\s*(?:html|body|div|p|table|meta|head|span|br)\b", re.IGNORECASE)


def read_text(path: str | os.PathLike[str], max_bytes: int | None = None, limits: ReadLimits | None = None) -> str:
    """The text of a report file, tables included in document order (cells separated by tabs).

    limits: what the file may cost (`ReadLimits()` when None); a file over one raises `ReadLimitError`.
    max_bytes: shorthand that overrides `limits.max_bytes` (kept for callers that only set the size).
    """
    limits = resolve_limits(limits, max_bytes)
    max_bytes = limits.max_bytes
    path = Path(path)
    try:
        info = path.stat()  # once: what exists/is_dir/stat asked one call each
    except (FileNotFoundError, NotADirectoryError):
        raise ReadError(path, "no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a loop of links: as Path.exists says, nothing is there
            raise ReadError(path, "no such file") from None
        raise ReadError(path, f"cannot open ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(path, "is a folder, not a file")
    size = info.st_size
    if size == 0:
        raise ReadError(path, "empty file")
    if size > max_bytes:
        raise ReadLimitError(path, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit for one report", "max_bytes", max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot open ({exc.strerror or exc})") from exc
    return read_bytes(data, name=str(path), limits=limits)


def read_bytes(data: bytes, name: str = "<bytes>", limits: ReadLimits | None = None) -> str:
    """As `read_text`, for bytes already in memory; `name` is used in error messages."""
    limits = resolve_limits(limits)
    if not data:
        raise ReadError(name, "empty file")
    check_bytes(data, name, limits)
    if looks_like_ole(data):
        return read_doc(data, name, limits)
    if looks_like_rtf(data):
        return read_rtf(data, name, limits)
    if looks_like_mht(data):
        return read_bytes(mht_page(data, name), name, limits)  # the page inside, read as any page
    if looks_like_word_xml(data):  # checked before text: read as text it would be its markup
        return read_word_xml(data, name, limits)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(name, f"not a report: the file is {what}")
    if data.startswith(b"%PDF"):
        return read_pdf(data, name, limits)
    if data.startswith(b"PK\x03\x04"):
        member = only_member(data, name, limits)  # a zip of reports, not a document: its one report
        if member is not None:
            return read_bytes(member[0], member[1], limits)
        return read_ofd(data, name, limits) if looks_like_ofd(data) else read_docx(data, name, limits)
    if name.lower().endswith(".pdf"):
        raise ReadError(name, "not a PDF: the file does not start with %PDF")
    if name.lower().endswith(".xml") and not _XHTML.search(data[:5000]):  # XHTML is a page; other XML is data
        raise ReadError(name, "an XML file, but neither a Word 2003 XML document nor a web page: not a report this reader knows")
    # No encoding spends more than 4 bytes on a character: past 4 × max_chars the text is too long
    # whatever it decodes to, so refuse before decoding costs seconds and many times the file in memory.
    # (A web page is exempt: its markup is not text. UTF-16 is read as Latin-1 here, so such pages are not.)
    if len(data) > 4 * limits.max_chars and not _HTML.search(data[:5000].decode("latin-1")):
        raise ReadLimitError(
            name,
            f"{len(data) / 1e6:.1f} MB of text holds at least {len(data) // 4:,} characters, too many for one report",
            "max_chars",
            limits.max_chars,
        )
    text = decode(data, name)
    if looks_like_json(text):  # before markup: an API's body field holds `<p>` too
        return json_text(text, name, limits)
    if _HTML.search(text[:5000]):
        return html_to_text(text, limits=limits, name=name)
    return check_chars(text, name, limits)

