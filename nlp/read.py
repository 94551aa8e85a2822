"""File → raw text. The only module that knows file formats.

Formats are recognised from the bytes, not the extension: PDF (`%PDF`), .docx (a zip holding
`word/document.xml`), HTML (markup in the decoded text), and plain text in any of the encodings
Chinese reports come in (UTF-8 with or without BOM, UTF-16, GB18030/GBK, Big5).
"""

from __future__ import annotations

import io
import itertools
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from nlp.errors import ReadError, ReadLimitError

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
    max_pdf_pages: pages of a PDF, counted before any page's text is extracted.
    max_pdf_unpacked: bytes the PDF's compressed (Flate) streams inflate to, images aside, counted by
        streaming each through the decompressor before the PDF is parsed (a stream bomb: 300 KB → 1 GB).
    max_docx_unpacked: bytes of a .docx's zip members once decompressed (a zip bomb: 4 MB → 1 GB),
        counted by streaming every member before the document is parsed.
    max_docx_members: members in a .docx's zip (a Word file has a few dozen).
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


def _limits(limits: ReadLimits | None, max_bytes: int | None = None) -> ReadLimits:
    chosen = limits if limits is not None else ReadLimits()
    if max_bytes is not None and max_bytes != chosen.max_bytes:
        chosen = replace(chosen, max_bytes=max_bytes)
    return chosen


def _check_chars(text: str, name: str, limits: ReadLimits) -> str:
    if len(text) > limits.max_chars:
        raise ReadLimitError(name, f"the file yields {len(text):,} characters of text, too many for one report", "max_chars", limits.max_chars)
    return text

#: Page breaks are kept as form feeds so that the normaliser can repair sentences cut by them.
PAGE_BREAK = "\f"

_MAGIC = {
    b"\xff\xd8\xff": "a JPEG image",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Word/Excel (OLE) file; save it as .docx",
    b"Rar!": "a RAR archive",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7z archive",
}
_HTML = re.compile(r"<\s*(?:html|body|div|p|table|meta|head|span|br)\b", re.IGNORECASE)


def read_text(path: str | os.PathLike[str], max_bytes: int | None = None, limits: ReadLimits | None = None) -> str:
    """The text of a report file, tables included in document order (cells separated by tabs).

    limits: what the file may cost (`ReadLimits()` when None); a file over one raises `ReadLimitError`.
    max_bytes: shorthand that overrides `limits.max_bytes` (kept for callers that only set the size).
    """
    limits = _limits(limits, max_bytes)
    max_bytes = limits.max_bytes
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "no such file")
    if path.is_dir():
        raise ReadError(path, "is a folder, not a file")
    size = path.stat().st_size
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
    limits = _limits(limits)
    if not data:
        raise ReadError(name, "empty file")
    if len(data) > limits.max_bytes:
        raise ReadLimitError(name, f"{len(data) / 1e6:.1f} MB, over the {limits.max_bytes / 1e6:.1f} MB limit for one report", "max_bytes", limits.max_bytes)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(name, f"not a report: the file is {what}")
    if data.startswith(b"%PDF"):
        return _read_pdf(data, name, limits)
    if data.startswith(b"PK\x03\x04"):
        return _read_docx(data, name, limits)
    if name.lower().endswith(".pdf"):
        raise ReadError(name, "not a PDF: the file does not start with %PDF")
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
    if _HTML.search(text[:5000]):
        return html_to_text(text, limits=limits, name=name)
    return _check_chars(text, name, limits)


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Bytes of a text file → str, detecting the encoding (never guessed from the file name).

    In order: a byte-order mark; UTF-16 text without one (ASCII leaves a NUL in every other byte);
    strict UTF-8 (Chinese text in GB18030 or Big5 is never valid UTF-8 past a few characters, while
    a UTF-8 page of ASCII markup decodes as *some* UTF-16 — so UTF-8 is tried before any guess);
    then the Chinese codecs, the page's own declared charset preferred where it reads as well as
    the best of them, and charset-normalizer where none decodes cleanly.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="replace"), name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"), name)  # a damaged or cut file: marks, not a crash
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(data.decode(utf16, errors="replace"), name)
    if b"\x00" in data[:4096]:
        # Mostly-CJK UTF-16 has too few NULs for the test above; anything else with NULs is binary.
        utf16 = _utf16_reading(data)
        if utf16 is None:
            raise ReadError(name, "binary file (NUL bytes), not text")
        return _checked(utf16, name)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    return _checked(_decode_chinese(data, declared_charset(data)), name)


#: `<meta charset="gbk">`, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`,
#: `<?xml version="1.0" encoding="big5"?>`: the page's own word for its encoding.
_DECLARED = re.compile(rb"""(?:<meta[^>]{0,200}?charset|<\?xml[^>]{0,100}?encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,20})""", re.IGNORECASE)
#: Declared names → the codec that decodes what pages so labelled really hold (GBK and GB2312 pages
#: use GB18030 characters; Big5 pages use the HKSCS extensions).
_CODEC_FAMILY = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "big5": "big5hkscs", "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs", "cp950": "big5hkscs", "utf-8": "utf-8", "utf8": "utf-8",
    "utf-16": "utf-16", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be",
}


def declared_charset(data: bytes) -> str | None:
    """The codec a page's `<meta charset>`/`http-equiv`/XML declaration names, or None (unknown names too)."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    return _CODEC_FAMILY.get(match.group(1).decode("ascii").lower())


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by its NULs: ASCII in UTF-16 leaves one in every other byte.

    Text that is all CJK has no NULs; it is weighed against GB18030 and Big5 in `_decode_chinese`,
    because any even run of bytes — a UTF-8 page's ASCII markup too — decodes as some UTF-16.
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _utf16_reading(data: bytes) -> str | None:
    """The UTF-16 (either byte order) reading of `data` that is Chinese text, or None."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if _cjk_share(text[:4000]) >= 0.5 and _common_share(text[:20000]) >= _READS_AS_CHINESE:
            return text
    return None


def _cjk_share(text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or c in "，。、；：（）《》“”") / len(letters)


#: Below this share of common characters among its CJK ones, a decoding is taken for mojibake.
_READS_AS_CHINESE = 0.3


def _decode_chinese(data: bytes, declared: str | None = None) -> str:
    """GB18030, Big5 or BOM-less UTF-16, whichever reads as Chinese; charset-normalizer settles the rest.

    Each codec must decode the bytes strictly; the winner is the one whose CJK characters are most
    often common ones (a wrong codec yields rare characters). A declared charset is taken when it
    reads nearly as well as the best, since Big5 and GB18030 overlap on many byte pairs.
    """
    scored: dict[str, tuple[float, str]] = {}
    for codec in ("gb18030", "big5hkscs", "utf-16-le", "utf-16-be"):
        try:
            # A file cut in mid-character loses its last byte, not its reading.
            text = data[: len(data) // 2 * 2].decode(codec) if codec.startswith("utf-16") else data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec.startswith("utf-16") and _cjk_share(text[:4000]) < 0.5:
            continue
        scored[codec] = (_common_share(text[:20000]), text)
    if scored:
        best = max(scored, key=lambda codec: scored[codec][0])
        if declared in scored and scored[declared][0] >= scored[best][0] - 0.05 and scored[declared][0] >= _READS_AS_CHINESE:
            return scored[declared][1]
        if scored[best][0] >= _READS_AS_CHINESE or not _has_cjk(scored[best][1]):
            return scored[best][1]
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    if guess is not None and _common_share(str(guess)[:20000]) >= _READS_AS_CHINESE:
        return str(guess)
    if declared and declared in _CODEC_FAMILY.values():
        return data.decode(declared, errors="replace")
    if scored:
        return max(scored.values(), key=lambda item: item[0])[1]
    return data.decode("gb18030", errors="replace")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text[:20000])


#: Characters that any Chinese administrative text is full of; a wrong codec yields few of them.
_COMMON = frozenset("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")


def _common_share(text: str) -> float:
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in _COMMON) / len(cjk)


def _checked(text: str, name: str) -> str:
    """Refuse text that is mostly control characters or replacement marks: a binary file."""
    sample = text[:20000]
    if not sample.strip():
        raise ReadError(name, "no text in the file")
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    if bad > 0.02 * len(sample):
        raise ReadError(name, "binary or undecodable file: it does not read as text in any Chinese encoding")
    return text


# --------------------------------------------------------------------------------------------
# PDF, .docx, HTML
# --------------------------------------------------------------------------------------------


def _read_pdf(data: bytes, name: str, limits: ReadLimits) -> str:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _check_pdf_streams(data, name, limits)
    pages: list[str] = []
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            # Count through the page tree, stopping one past the limit: the tree's own /Count can lie,
            # and building every page object of a 100,000-page file first would cost minutes.
            from pdfminer.pdfpage import PDFPage

            counted = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limits.max_pdf_pages + 1))
            if counted > limits.max_pdf_pages:
                raise ReadLimitError(
                    name,
                    f"the PDF has over {limits.max_pdf_pages:,} pages, too many for one report",
                    "max_pdf_pages",
                    limits.max_pdf_pages,
                )
            for page in pdf.pages:
                text = page.extract_text() or ""
                page.flush_cache()
                chars += len(text) + 1
                if chars > limits.max_chars:
                    raise ReadLimitError(
                        name, f"the PDF yields over {limits.max_chars:,} characters of text by page {len(pages) + 1}", "max_chars", limits.max_chars
                    )
                pages.append(text)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many types for a damaged file
        raise ReadError(name, f"damaged or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    text = PAGE_BREAK.join(pages)
    if not text.strip():
        raise ReadError(name, "the PDF has no text layer (a scan?); run OCR on it first")
    return text


_PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_PDF_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_PDF_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def _check_pdf_streams(data: bytes, name: str, limits: ReadLimits) -> None:
    """Refuse a PDF whose compressed streams inflate past the limit, before pdfminer inflates each
    whole in memory. Streams are found in the raw bytes (so object streams and streams the cross-
    reference table does not list count too); image streams are skipped, as text extraction never
    decodes them; a stream that is not zlib data is left to the parser."""
    total = 0
    for match in _PDF_STREAM.finditer(data):
        header_start = max(0, match.start() - 4096)
        objects = list(_PDF_OBJ.finditer(data, header_start, match.start()))
        header = data[objects[-1].end() if objects else header_start : match.start()]
        if _PDF_IMAGE.search(header):
            continue
        total += _inflated_size(data, match.end(), limits.max_pdf_unpacked - total)
        if total > limits.max_pdf_unpacked:
            raise ReadLimitError(
                name,
                f"the PDF's compressed streams inflate to over {limits.max_pdf_unpacked / 1e6:,.0f} MB (a stream bomb?)",
                "max_pdf_unpacked",
                limits.max_pdf_unpacked,
            )


def _inflated_size(data: bytes, start: int, budget: int) -> int:
    """Bytes the zlib stream at `start` inflates to, counting stops just past `budget` (0: not zlib)."""
    import zlib

    inflater = zlib.decompressobj()
    size, position, pending = 0, start, b""
    while not inflater.eof and size <= budget:
        if not pending:
            if position >= len(data):
                break
            pending, position = data[position : position + (1 << 16)], position + (1 << 16)
        try:
            size += len(inflater.decompress(pending, 1 << 20))
        except zlib.error:
            break  # not Flate data, or damaged: the parser decides
        pending = inflater.unconsumed_tail
    return size


def _check_docx_archive(archive: zipfile.ZipFile, name: str, limits: ReadLimits) -> None:
    """Refuse a zip bomb before python-docx inflates it: count members, then stream every member
    through the decompressor counting bytes (the sizes in the zip's directory can lie)."""
    members = archive.infolist()
    if len(members) > limits.max_docx_members:
        raise ReadLimitError(name, f"the .docx holds {len(members):,} files, not a Word document", "max_docx_members", limits.max_docx_members)
    declared = sum(member.file_size for member in members)
    if declared > limits.max_docx_unpacked:
        raise ReadLimitError(
            name, f"the .docx unpacks to {declared / 1e6:,.0f} MB (a zip bomb?)", "max_docx_unpacked", limits.max_docx_unpacked
        )
    unpacked = 0
    for member in members:
        with archive.open(member) as stream:
            while block := stream.read(1 << 20):
                unpacked += len(block)
                if unpacked > limits.max_docx_unpacked:
                    raise ReadLimitError(
                        name, f"the .docx unpacks to over {limits.max_docx_unpacked / 1e6:,.0f} MB (a zip bomb?)", "max_docx_unpacked", limits.max_docx_unpacked
                    )


def _read_docx(data: bytes, name: str, limits: ReadLimits) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if "word/document.xml" not in archive.namelist():
            raise ReadError(name, "a zip archive, but not a .docx (no word/document.xml)")
        _check_docx_archive(archive, name, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as exc:
        # A wrong CRC, a cut member or an unknown compression method: the zip itself is broken.
        raise ReadError(name, f"damaged .docx/zip file ({type(exc).__name__}: {exc})") from exc
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises lxml and KeyError types for broken parts
        raise ReadError(name, f"damaged .docx file ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    chars = 0
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            new = [Paragraph(block, document).text]
        elif tag == "tbl":
            new = _docx_table_rows(Table(block, document))
        else:
            continue
        chars += sum(len(line) + 1 for line in new)
        if chars > limits.max_chars:
            raise ReadLimitError(name, f"the .docx yields over {limits.max_chars:,} characters of text", "max_chars", limits.max_chars)
        lines.extend(new)
    return "\n".join(lines)


def _docx_table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            # A merged cell is repeated once per grid column it spans; keep it once.
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append("\t".join(cells))
    return rows


_BLOCK_TAGS = frozenset(("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr"))
#: Elements whose content is not visible text (their tail, the text after them, is).
_HIDDEN_TAGS = frozenset(("script", "style", "noscript", "head", "template", "iframe", "svg"))
_CELL_TAGS = frozenset(("td", "th"))


def html_to_text(html: str, limits: ReadLimits | None = None, name: str = "<html>") -> str:
    """Visible text of an HTML page; table rows become lines with cells separated by tabs.

    One pass over the parsed tree with an explicit stack (lxml's `iterwalk`), so the time is linear
    in the size of the page whatever its nesting; a page nested deeper than `limits.max_html_depth`
    is refused rather than read in part (the parser drops everything below its own depth limit).
    """
    from lxml import etree

    limits = _limits(limits)
    # Parsed as UTF-8 bytes: the text is already decoded, so a stale <meta charset> must not re-decode it.
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True)
    root = etree.fromstring(html.encode("utf-8", errors="surrogatepass"), parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise ReadLimitError(
            name, f"the HTML is nested over {HTML_PARSER_DEPTH:,} elements deep, past what the HTML parser reads",
            "max_html_depth", limits.max_html_depth, advice="no setting reads it: flatten the page first",
        )
    if root is None:
        return "\n"
    parts: list[str] = []
    size = 0
    for piece in _visible_pieces(root, limits, name):
        parts.append(piece)
        size += len(piece)
        if size > limits.max_chars:
            raise ReadLimitError(name, f"the page yields over {limits.max_chars:,} characters of text", "max_chars", limits.max_chars)
    text = "".join(parts)
    return re.sub(r"[ \t]*\n[ \t\n]*", "\n", text).strip() + "\n"


def _visible_pieces(root, limits: ReadLimits, name: str) -> Iterator[str]:
    """The page's visible strings in document order, with newlines around block elements and each
    table row (its direct cells, tab-separated, nested tables flattened into their cell) as a line."""
    from lxml import etree

    walker = etree.iterwalk(root, events=("start", "end"))
    depth = 0
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            depth += 1
            if depth > limits.max_html_depth:
                raise ReadLimitError(name, f"the HTML is nested over {limits.max_html_depth:,} elements deep", "max_html_depth", limits.max_html_depth)
            if tag in _HIDDEN_TAGS:
                walker.skip_subtree()
            elif tag == "tr":
                walker.skip_subtree()
                cells = [" ".join(_strings(cell)) for cell in element if isinstance(cell.tag, str) and cell.tag.lower() in _CELL_TAGS]
                yield "\n" + "\t".join(cells) + "\n"
            else:
                if tag in _BLOCK_TAGS:
                    yield "\n"
                if element.text:
                    yield element.text
            continue
        depth -= 1
        if tag in _BLOCK_TAGS and tag != "tr":
            yield "\n"
        if element.tail and element is not root:
            yield element.tail


def _strings(element) -> Iterator[str]:
    """The stripped, non-empty visible strings inside `element` (its own tail excluded)."""
    from lxml import etree

    walker = etree.iterwalk(element, events=("start", "end"))
    for event, child in walker:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if event == "start":
            if tag in _HIDDEN_TAGS:
                walker.skip_subtree()
            elif child.text and child.text.strip():
                yield child.text.strip()
        elif child is not element and child.tail and child.tail.strip():
            yield child.tail.strip()
