"""File → raw text. The only module that knows file formats.

Formats are recognised from the bytes, not the extension: PDF (`%PDF`), .docx (a zip holding
`word/document.xml`), HTML (markup in the decoded text), and plain text in any of the encodings
Chinese reports come in (UTF-8 with or without BOM, UTF-16, GB18030/GBK, Big5).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

from nlp.errors import ReadError

#: Larger files are refused: no annual report comes near this, a log or a dump does.
MAX_BYTES = 20 * 1024 * 1024

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


def read_text(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> str:
    """The text of a report file, tables included in document order (cells separated by tabs)."""
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "no such file")
    if path.is_dir():
        raise ReadError(path, "is a folder, not a file")
    size = path.stat().st_size
    if size == 0:
        raise ReadError(path, "empty file")
    if size > max_bytes:
        raise ReadError(path, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one report")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot open ({exc.strerror or exc})") from exc
    return read_bytes(data, name=str(path))


def read_bytes(data: bytes, name: str = "<bytes>") -> str:
    """As `read_text`, for bytes already in memory; `name` is used in error messages."""
    if not data:
        raise ReadError(name, "empty file")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(name, f"not a report: the file is {what}")
    if data.startswith(b"%PDF"):
        return _read_pdf(data, name)
    if data.startswith(b"PK\x03\x04"):
        return _read_docx(data, name)
    if name.lower().endswith(".pdf"):
        raise ReadError(name, "not a PDF: the file does not start with %PDF")
    text = decode(data, name)
    if _HTML.search(text[:5000]):
        return html_to_text(text)
    return text


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Bytes of a text file → str, detecting the encoding (never guessed from the file name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="replace"), name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"), name)  # a damaged or cut file: marks, not a crash
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(data.decode(utf16, errors="replace"), name)
    if b"\x00" in data[:4096]:
        raise ReadError(name, "binary file (NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    return _checked(_decode_chinese(data), name)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    # ASCII in UTF-16 leaves a NUL in every other byte; CJK does not, so test decodability too.
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if _cjk_share(text) > 0.5:
            return codec
    return None


def _cjk_share(text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or c in "，。、；：（）《》“”") / len(letters)


def _decode_chinese(data: bytes) -> str:
    """GB18030 or Big5, whichever reads as Chinese; charset-normalizer settles the rest."""
    candidates: list[tuple[float, str]] = []
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text), text))
    if candidates:
        return max(candidates, key=lambda item: item[0])[1]
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return data.decode("gb18030", errors="replace")
    return str(best)


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


def _read_pdf(data: bytes, name: str) -> str:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                page.flush_cache()
    except Exception as exc:  # pdfminer raises many types for a damaged file
        raise ReadError(name, f"damaged or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    text = PAGE_BREAK.join(pages)
    if not text.strip():
        raise ReadError(name, "the PDF has no text layer (a scan?); run OCR on it first")
    return text


def _read_docx(data: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if "word/document.xml" not in archive.namelist():
            raise ReadError(name, "a zip archive, but not a .docx (no word/document.xml)")
    except zipfile.BadZipFile as exc:
        raise ReadError(name, f"damaged .docx/zip file ({exc})") from exc
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises lxml and KeyError types for broken parts
        raise ReadError(name, f"damaged .docx file ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            lines.extend(_docx_table_rows(Table(block, document)))
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


_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr")


def html_to_text(html: str) -> str:
    """Visible text of an HTML page; table rows become lines with cells separated by tabs."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "head", "template", "iframe", "svg"]):
        tag.decompose()
    for row in soup.find_all("tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"], recursive=False)]
        row.replace_with(soup.new_string("\n" + "\t".join(cells) + "\n"))
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before(soup.new_string("\n"))
        tag.insert_after(soup.new_string("\n"))
    text = soup.get_text("")
    return re.sub(r"[ \t]*\n[ \t\n]*", "\n", text).strip() + "\n"
