"""PDF → text, page by page with form feeds between pages; stream bombs refused before parsing.

Lines wrapped at the right margin are joined back into their paragraphs from the page's geometry, as the
OFD reader joins them (`pagegrid.join_paragraphs`: margins, line pitch, first-line indent, paragraph
spacing, measured over the whole document, since a page alone may hold too few lines to tell): a paragraph
a line, as a .docx gives it, so that the normaliser need not guess the joins from line lengths. A heading,
a short last line, a wider gap, a row of fields set apart and a ruled table's rows keep their breaks; what
the layout cannot tell (a line that ends a sentence at the margin, in a document that marks its paragraphs
neither by indent nor by spacing) is left to the normaliser. Running heads and feet (a short line at the
same end of half the pages or more: the agency, the title, `- 3 -`) are dropped (`pagetext.running_lines`),
so that a paragraph running over a page break has only the page break between its halves; a page number
of its own stays a line for the normaliser to drop. The pages are assembled by `nlp.read.pagetext`, as the
OFD reader's are."""

from __future__ import annotations

import io
import itertools
import re

from nlp.errors import ReadError, ReadLimitError
from nlp.ocrlayer import OCR_LAYER_LINE
from nlp.pictures import picture_line
from nlp.read.columns import ColumnLayout
from nlp.read.limits import ReadLimits
from nlp.read.pagetext import PageParts, page_parts, pages_text, parts_size

#: Page breaks are kept as form feeds so that the normaliser can repair sentences cut by them.
PAGE_BREAK = "\f"

def read_pdf(data: bytes, name: str, limits: ReadLimits) -> str:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _check_pdf_streams(data, name, limits)
    # Each page as its ruled tables' rows (strings) and the lines of the text around them, kept until the
    # whole document's column is known; the characters themselves are let go page by page.
    pages: list[PageParts] = []
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
            pictured: list[int] = []  # pages with pictures and no text (a table scanned or pasted as an image)
            scanned = texted = 0  # pages of text over an image of the whole page (a scan's OCR layer), pages of text
            layout = ColumnLayout()  # whether a page has shown two columns (a gazette's)
            for page in pdf.pages:
                page = _upright(pdf, page)
                parts = page_parts(page.chars, page.find_tables, page.bbox, len(page.lines) + len(page.rects), layout)
                if not page.chars and page.images:
                    pictured.append(len(pages))
                if page.chars:
                    texted += 1
                    scanned += _under_a_page_image(page)
                page.flush_cache()
                chars += parts_size(parts) + 1
                if chars > limits.max_chars:
                    raise ReadLimitError(
                        name, f"the PDF yields over {limits.max_chars:,} characters of text by page {len(pages) + 1}", "max_chars", limits.max_chars
                    )
                pages.append(parts)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many types for a damaged file
        raise ReadError(name, f"damaged or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    texts = pages_text(pages)
    if not "".join(texts).strip():
        raise ReadError(name, "the PDF has no text layer (a scan?); run OCR on it first")
    for index in pictured:  # between pages of text, a page that is only a picture: its place as a line (`nlp.pictures`)
        texts[index] = picture_line(None)
    text = PAGE_BREAK.join(texts)
    # Most pages' text over an image of the whole page: a scan's OCR layer, which the checks may not take as the
    # report's own print (`nlp.ocrlayer`).
    return f"{OCR_LAYER_LINE}\n{text}" if scanned and 2 * scanned >= texted else text


#: The share of a page an image must cover for the page's text to be taken as a layer over a scan of it.
SCAN_COVER = 0.8


def _under_a_page_image(page) -> bool:
    """The page's text lies over one image covering most of the page: a scanned page and its OCR layer."""
    area = float(page.width) * float(page.height)
    return area > 0 and any(
        (float(image["x1"]) - float(image["x0"])) * (float(image["bottom"]) - float(image["top"])) >= SCAN_COVER * area for image in page.images
    )


def _upright(pdf, page):
    """The page as its text was set, where the page is turned (`/Rotate`) so that a viewer shows its text sideways
    or upside down: a page printed upright and turned by a tool, or a landscape table page stored turned. Read
    turned a quarter, its lines are columns of single characters and its tables are lost; turned a half, every line
    reads backwards, last line first. Most of its characters then read sideways (`upright` false) or upside down
    (their matrix turned a half: both scales negative), and the page is read again without the turn."""
    if not page.rotation or not page.chars:
        return page
    turned = sum(not char.get("upright", True) or _upside_down(char) for char in page.chars)
    if 2 * turned <= len(page.chars):
        return page
    from pdfplumber.page import Page

    page.flush_cache()
    page.page_obj.attrs["Rotate"] = 0
    page.page_obj.rotate = 0
    return Page(pdf, page.page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)


def _upside_down(char: dict) -> bool:
    matrix = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    return matrix[0] < 0 and matrix[3] < 0


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
