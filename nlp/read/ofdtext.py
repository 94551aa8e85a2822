"""OFD (GB/T 33190-2016, 版式文档: China's fixed-layout format) → text, page by page with form feeds between
pages, ruled tables as tab-separated rows as the PDF reader gives them.

An OFD is a zip: `OFD.xml` names the document (`DocBody/DocRoot` → `Document.xml`), which lists the pages
(`Pages/Page@BaseLoc` → each page's `Content.xml`) and the template pages they draw on (`CommonData/
TemplatePage`: running heads, rules, a letterhead: what every page repeats, left out of the text). A page's
`Layer`s (and the `PageBlock`s nested in them)
hold `TextObject`s and `PathObject`s placed in millimetres, y growing down the page. A text object's glyphs
stand at its `Boundary` origin plus, through its optional `CTM`, each `TextCode`'s `X`/`Y` and the running
sum of its `DeltaX`/`DeltaY` (where `g n d` stands for `d` written `n` times); `Y` is the baseline.

Producers lay the same text out very differently (数科, 福昕, 书生 and converters from Word write a text
object per line, per run or per character, a table cell's text in its own objects), so nothing is read from
how the objects are cut: every glyph becomes a positioned character (in points, as pdfplumber gives a PDF's)
and the page's text is assembled from positions alone by `nlp.read.pagegrid`, the PDF reader's own assembly
(lines by baseline, words split at wide gaps, ruled tables read as grids of cells from the paths' rules).
The pages are then assembled as the PDF reader's are (`nlp.read.pagetext`): running heads and feet a producer
drew on the pages themselves rather than on a template page (a short line at the same end of half the pages or
more: the agency, the title, a page number) dropped, and lines wrapped at the document's right margin joined
into their paragraph where the next line goes on at the left margin at the usual pitch: a paragraph a line, as
a .docx gives it, and a paragraph cut by a page break with only the break between its halves.

Read with the standard library's zip and lxml (already a dependency; `xmlparts`: no entities, no network).
No OFD library on PyPI was well kept enough to depend on when this was written (the few there are small,
single-author converters), so the walk of the package is here.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
import zlib

from nlp.errors import ReadError, ReadLimitError
from nlp.read.limits import ReadLimits, check_zip_archive
from nlp.read.pagegrid import MAX_RULES
from nlp.read.pagetext import PageParts, page_parts, pages_text
from nlp.read.pdftext import PAGE_BREAK
from nlp.read.xmlparts import XMLFault, parse_xml

#: Points per millimetre: characters are handed to the shared assembly in points, whose tolerances
#: (a gap of 3 pt splits words, tops within 3 pt share a line) were set on PDFs.
_PT = 72 / 25.4
#: A glyph's box around its baseline, as a share of the font size (a CJK face's ascent and descent).
_ASCENT, _DESCENT = 0.86, 0.14
#: An A4 page in mm: the page box when a document names none.
_DEFAULT_BOX = (0.0, 0.0, 210.0, 297.0)
#: An image over this share of a page, with fewer glyphs than `_SCAN_GLYPHS` on it, makes it a scanned page.
_SCAN_COVER, _SCAN_GLYPHS = 0.5, 50
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ADVICE = "open it in an OFD reader (数科, 福昕, 书生) and export it as PDF or text"


def looks_like_ofd(data: bytes) -> bool:
    """A zip holding `OFD.xml` at its root (a .docx holds `word/document.xml` instead). A zip cut short has
    no directory to list (it stands at the end): its members' own headers name them."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return _LOCAL_OFD_XML.search(data) is not None
    return any(name.lstrip("/").lower() == "ofd.xml" for name in names)


#: A zip member's local header (signature, 22 bytes of fields, the name's length 7, the extra field's
#: length) followed by the name `OFD.xml`.
_LOCAL_OFD_XML = re.compile(rb"PK\x03\x04.{22}\x07\x00..OFD\.xml", re.DOTALL | re.IGNORECASE)


def read_ofd(data: bytes, name: str, limits: ReadLimits) -> str:
    """The document's text: each page's paragraphs and table rows (its template pages left out), pages
    separated by `PAGE_BREAK`; a `ReadError` saying what is wrong for a package that cannot be read whole."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if any(member.flag_bits & 0x1 for member in archive.infolist()):
            raise ReadError(name, f"a password-protected (encrypted) OFD package; remove the password or {_ADVICE}")
        check_zip_archive(archive, name, limits, ".ofd")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, zlib.error) as exc:
        raise ReadError(name, f"damaged .ofd/zip file ({type(exc).__name__}: {exc}); download or export it again") from exc
    package = _Package(archive, name)
    document, document_path = package.document()
    default_box = _box(_first(document, "CommonData", "PageArea", "PhysicalBox"), _DEFAULT_BOX)
    pages = list(_children(_first(document, "Pages"), "Page"))
    if not pages:
        raise ReadError(name, f"the OFD document lists no pages; {_ADVICE}")
    if len(pages) > limits.max_pdf_pages:
        raise ReadLimitError(name, f"the OFD has {len(pages):,} pages, too many for one report", "max_pdf_pages", limits.max_pdf_pages)
    layouts: list[_PageLayout] = []
    glyphs = 0
    for number, page in enumerate(pages, 1):
        content = package.xml(package.resolve(page.get("BaseLoc", ""), document_path), f"page {number}'s content")
        # The page's own layers only: a template page (`Template`) holds what every page repeats (running
        # heads, rules, a letterhead), furniture by the standard's own account, which the text leaves out.
        layout = _PageLayout(_box(_first(content, "Area", "PhysicalBox"), default_box), limits.max_chars - glyphs)
        layout.add_layers(_first(content, "Content"))
        glyphs += len(layout.chars)
        if glyphs > limits.max_chars:  # counted before any text is assembled: each glyph is a character
            raise ReadLimitError(name, f"the OFD holds over {limits.max_chars:,} characters by page {number}", "max_chars", limits.max_chars)
        layouts.append(layout)
    # A page that is a picture of a page (an image over half of it, and hardly any text: a scanner's, or a
    # page number a producer added) would lose its words; a seal or a logo is a small image.
    scanned = [number for number, layout in enumerate(layouts, 1) if layout.image_cover >= _SCAN_COVER and len(layout.chars) < _SCAN_GLYPHS]
    if scanned:
        pages_named = ", ".join(map(str, scanned[:5])) + (" …" if len(scanned) > 5 else "")
        raise ReadError(name, f"the OFD's page {pages_named} is an image only (a scan) with no text layer; OCR it first")
    text = PAGE_BREAK.join(pages_text([layout.parts() for layout in layouts]))
    if not text.strip():
        raise ReadError(name, f"the OFD holds no text; {_ADVICE}")
    return text


class _Package:
    """The zip's members by their normalised path; each part parsed once, safely."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive = archive
        self.name = name
        self.members = {info.filename.lstrip("/").lower(): info.filename for info in archive.infolist()}
        self.parsed: dict[str, object] = {}
        self.encrypted = "encryptions.xml" in self.members

    def resolve(self, location: str, base: str) -> str:
        """A `BaseLoc`/`DocRoot` path: absolute from the package's root, else relative to `base`'s folder."""
        location = location.strip().replace("\\", "/")
        joined = location.lstrip("/") if location.startswith("/") else posixpath.join(posixpath.dirname(base), location)
        return posixpath.normpath(joined).lstrip("/") if location else ""

    def xml(self, path: str, what: str):
        if path in self.parsed:
            return self.parsed[path]
        member = self.members.get(path.lstrip("/").lower()) if path else None
        if member is None:
            why = "an encrypted package (GM/T 0099) keeps its parts elsewhere" if self.encrypted else "a cut package, or one holding only signatures?"
            raise ReadError(self.name, f"the OFD lacks {what} ({path or 'no location given'}: {why}); {_ADVICE}")
        try:
            root = parse_xml(self.archive.read(member))
        except XMLFault as exc:
            if self.encrypted:
                raise ReadError(self.name, f"an encrypted OFD (its {what} is not readable XML); decrypt it with the key, or {_ADVICE}") from exc
            raise ReadError(self.name, f"damaged OFD: {what} ({path}) is {exc}; {_ADVICE}") from exc
        self.parsed[path] = root
        return root

    def document(self):
        """The first document's root and path (a package may hold several; a report is one)."""
        root = self.xml(self.members["ofd.xml"], "its root OFD.xml")
        if _local(root) != "OFD":
            raise ReadError(self.name, f"OFD.xml is not an OFD root (<{_local(root)}>); {_ADVICE}")
        named = _first(root, "DocBody", "DocRoot")
        location = (named.text or "").strip() if named is not None else ""
        if not location:
            signed = any("signature" in member for member in self.members)
            what = "holds signatures but no document (a signed-only package)" if signed else "names no document (no DocBody/DocRoot)"
            raise ReadError(self.name, f"the OFD {what}; {_ADVICE}")
        path = self.resolve(location, "")
        return self.xml(path, "its document (DocRoot)"), path


class _PageLayout:
    """A page's glyphs as pdfplumber character dictionaries (points), its rules as pdfplumber edges."""

    def __init__(self, box: tuple[float, float, float, float], glyph_budget: int) -> None:
        self.box = box
        #: Glyphs kept at most (one more than the characters the file may still yield: enough to be refused
        #: for it), so that a hostile page cannot fill memory before the limit is checked.
        self.glyph_budget = glyph_budget + 1
        self.chars: list[dict] = []
        self.edges: list[dict] = []
        self.segments = 0
        self.image_cover = 0.0  # the largest share of the page one image covers

    def add_layers(self, parent) -> None:
        if parent is None:
            return
        for child in parent:
            if not isinstance(child.tag, str):
                continue  # a comment or a processing instruction
            kind = _local(child)
            if kind == "TextObject":
                self._text(child)
            elif kind == "PathObject":
                self._path(child)
            elif kind == "ImageObject":
                numbers = _numbers(child.get("Boundary"))
                if len(numbers) >= 4 and self.box[2] > 0 and self.box[3] > 0:
                    share = abs(numbers[2] * numbers[3]) / (self.box[2] * self.box[3])
                    self.image_cover = max(self.image_cover, min(share, 1.0))
            elif kind in ("Layer", "PageBlock", "Content"):
                self.add_layers(child)

    def parts(self) -> PageParts:
        """The page's ruled tables as rows of cells and the lines of text around them (`pagetext.page_parts`)."""
        box = self.box
        bbox = (box[0] * _PT, box[1] * _PT, (box[0] + box[2]) * _PT, (box[1] + box[3]) * _PT)
        return page_parts(self.chars, lambda: _tables(self.edges, bbox), bbox, self.segments)

    def _text(self, element) -> None:
        left, top = _origin(element)
        matrix = _matrix(element.get("CTM"))
        size = _float(element.get("Size"), 3.5)
        scale = abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]) ** 0.5 or 1.0
        x = y = 0.0
        for code in _children(element, "TextCode"):
            text = code.text or ""
            x, y = _float(code.get("X"), x), _float(code.get("Y"), y)
            deltas_x = _deltas(code.get("DeltaX"), len(text) - 1)
            deltas_y = _deltas(code.get("DeltaY"), len(text) - 1)
            for index, char in enumerate(text):
                if len(self.chars) > self.glyph_budget:
                    return  # over the limit already: the reader refuses the file, the rest is not placed
                natural = size if unicodedata.east_asian_width(char) in "WF" else size / 2
                # Past the end of DeltaX (always for the last glyph) a glyph takes its font's advance, estimated.
                advance = deltas_x[index] if index < len(deltas_x) else natural
                if not char.isspace():
                    page_x = left + matrix[0] * x + matrix[2] * y + matrix[4]
                    base = top + matrix[1] * x + matrix[3] * y + matrix[5]
                    glyph = size * scale
                    x0 = page_x * _PT
                    self.chars.append({
                        "text": char,
                        "x0": x0,
                        "x1": x0 + min(advance if advance > 0 else natural, natural) * abs(matrix[0] or scale) * _PT,
                        "top": (base - _ASCENT * glyph) * _PT,
                        "bottom": (base + _DESCENT * glyph) * _PT,
                        "doctop": (base - _ASCENT * glyph) * _PT,
                        "upright": True,
                        "size": glyph * _PT,
                        "object_type": "char",
                    })
                x += advance
                y += deltas_y[index] if index < len(deltas_y) else 0.0

    def _path(self, element) -> None:
        left, top = _origin(element)
        matrix = _matrix(element.get("CTM"))
        data = _first(element, "AbbreviatedData")
        if data is None or not data.text:
            return

        def place(point: tuple[float, float]) -> tuple[float, float]:
            px, py = point
            return (left + matrix[0] * px + matrix[2] * py + matrix[4]) * _PT, (top + matrix[1] * px + matrix[3] * py + matrix[5]) * _PT

        for start, end in _segments(data.text):
            self.segments += 1
            if self.segments > MAX_RULES:
                continue  # past what a table draws: the page is read as text (`grid_page_parts`), no edge is used
            (x0, y0), (x1, y1) = place(start), place(end)
            if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= 0.5:
                self.edges.append(_edge("h", min(x0, x1), y0, max(x0, x1), y0))
            elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= 0.5:
                self.edges.append(_edge("v", x0, min(y0, y1), x0, max(y0, y1)))


#: Arguments each path command takes (GB/T 33190 §9.3.2); `S`/`M` start a subpath, `C` closes it.
_PATH_ARGS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0, "Z": 0}


def _segments(data: str) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of an `AbbreviatedData` path (curves end where they end, drawing no rule)."""
    tokens = data.split()
    segments = []
    current = start = (0.0, 0.0)
    index = 0
    while index < len(tokens):
        command = tokens[index]
        count = _PATH_ARGS.get(command)
        if count is None:
            index += 1  # a stray number or an unknown command: skipped
            continue
        values = [_float(token, 0.0) for token in tokens[index + 1 : index + 1 + count]]
        index += 1 + count
        if len(values) < count:
            break
        if command in ("S", "M"):
            current = start = (values[0], values[1])
        elif command == "L":
            segments.append((current, (values[0], values[1])))
            current = (values[0], values[1])
        elif command in ("C", "Z"):
            if current != start:
                segments.append((current, start))
            current = start
        else:
            current = (values[-2], values[-1])
    return segments


class _RuledPage:
    """What pdfplumber's `TableFinder` reads of a page under its default settings (the rules), so that an
    OFD page's tables are found exactly as a PDF page's are."""

    def __init__(self, edges: list[dict], bbox: tuple[float, float, float, float]) -> None:
        self.edges = edges
        self.bbox = bbox


def _tables(edges: list[dict], bbox: tuple[float, float, float, float]) -> list:
    from pdfplumber.table import TableFinder

    return TableFinder(_RuledPage(edges, bbox)).tables


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {
        "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
        "width": x1 - x0, "height": bottom - top, "orientation": orientation, "object_type": "line",
    }


def _deltas(value: str | None, needed: int) -> list[float]:
    """A `DeltaX`/`DeltaY` list with `g n d` (n times d) written out, at most `needed` long (a hostile count
    cannot make it larger than the text it spaces)."""
    if not value or needed <= 0:
        return []
    tokens = value.split()
    out: list[float] = []
    index = 0
    while index < len(tokens) and len(out) < needed:
        if tokens[index] == "g" and index + 2 < len(tokens):
            count = int(_float(tokens[index + 1], 0))
            out.extend([_float(tokens[index + 2], 0.0)] * max(0, min(count, needed - len(out))))
            index += 3
        else:
            out.append(_float(tokens[index], 0.0))
            index += 1
    return out


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _numbers(value: str | None) -> list[float]:
    """The numbers of a space-separated attribute (a hot path: one call per object); anything else in it
    is read number by number."""
    if not value:
        return []
    try:
        return [float(token) for token in value.split()]
    except ValueError:
        return [float(n) for n in _NUMBER.findall(value)]


def _matrix(value: str | None) -> tuple[float, ...]:
    numbers = _numbers(value) if value else []
    return tuple(numbers[:6]) if len(numbers) >= 6 else _IDENTITY


def _origin(element) -> tuple[float, float]:
    numbers = _numbers(element.get("Boundary"))
    return (numbers[0], numbers[1]) if len(numbers) >= 2 else (0.0, 0.0)


def _box(element, default: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    numbers = _numbers(element.text) if element is not None else []
    return (numbers[0], numbers[1], numbers[2], numbers[3]) if len(numbers) >= 4 and numbers[2] > 0 and numbers[3] > 0 else default


def _float(value: str | None, default: float) -> float:
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        return default
    return number if number == number and abs(number) != float("inf") else default  # no NaN, no infinity


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _children(parent, kind: str):
    return (child for child in (parent if parent is not None else ()) if _local(child) == kind)


def _first(parent, *path: str):
    """The first element down `path` of local names (producers differ in prefixes and namespaces)."""
    for kind in path:
        if parent is None:
            return None
        parent = next(_children(parent, kind), None)
    return parent
