"""PDF → text, page by page with form feeds between pages; stream bombs refused before parsing.

Lines wrapped at the right margin are joined back into their paragraphs from the page's geometry, as the
OFD reader joins them (`pagegrid.join_paragraphs`: margins, line pitch, first-line indent, paragraph
spacing, measured over the whole document, since a page alone may hold too few lines to tell): a paragraph
a line, as a .docx gives it, so that the normaliser need not guess the joins from line lengths. A heading,
a short last line, a wider gap, a row of fields set apart and a ruled table's rows keep their breaks; what
the layout cannot tell (a line that ends a sentence at the margin, in a document that marks its paragraphs
neither by indent nor by spacing) is left to the normaliser. Running heads and feet (a short line at the
same end of half the pages or more: the agency, the title, `- 3 -`) are dropped (`pagegrid.running_lines`),
so that a paragraph running over a page break has only the page break between its halves; a page number
of its own stays a line for the normaliser to drop."""

from __future__ import annotations

import io
import itertools
import re

from nlp.errors import ReadError, ReadLimitError
from nlp.read.limits import ReadLimits
from nlp.read.pagegrid import (
    TextLine,
    grid_page_parts,
    join_paragraphs,
    running_lines,
    text_column,
    text_lines,
)

#: Page breaks are kept as form feeds so that the normaliser can repair sentences cut by them.
PAGE_BREAK = "\f"

def read_pdf(data: bytes, name: str, limits: ReadLimits) -> str:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _check_pdf_streams(data, name, limits)
    # Each page as its ruled tables' rows (strings) and the lines of the text around them, kept until the
    # whole document's column is known; the characters themselves are let go page by page.
    pages: list[list[str | list[TextLine]]] = []
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
                parts = _page_parts(page)
                page.flush_cache()
                chars += sum(len(part) if isinstance(part, str) else sum(len(line.text) + 1 for line in part) for part in parts) + 1
                if chars > limits.max_chars:
                    raise ReadLimitError(
                        name, f"the PDF yields over {limits.max_chars:,} characters of text by page {len(pages) + 1}", "max_chars", limits.max_chars
                    )
                pages.append(parts)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many types for a damaged file
        raise ReadError(name, f"damaged or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    pages = [_without_running_lines(parts, drops) for parts, drops in zip(pages, running_lines([_page_ends(parts) for parts in pages]), strict=True)]
    column = text_column([line for parts in pages for part in parts if not isinstance(part, str) for line in part])
    text = PAGE_BREAK.join(_page_text(parts, column) for parts in pages)
    if not text.strip():
        raise ReadError(name, "the PDF has no text layer (a scan?); run OCR on it first")
    return text


def _page_parts(page) -> list[str | list[TextLine]]:
    """A page's ruled tables one row a line, cells tab-separated in their grid columns (`nlp.read.pagegrid`,
    shared with the OFD reader), and the lines of the text around them; a page without a grid one run of
    lines."""
    rules = len(page.lines) + len(page.rects)
    parts = grid_page_parts(page.chars, page.find_tables, page.bbox, rules)
    if parts is None:
        return [text_lines(page.chars)]
    return [part if isinstance(part, str) else text_lines(part) for part in parts]


def _page_ends(parts: list[str | list[TextLine]]) -> tuple[list[TextLine], list[TextLine]]:
    """The lines of text at the page's top and at its bottom (none at an end where a table row stands)."""
    if not parts:
        return [], []
    first, last = parts[0], parts[-1]
    return ([] if isinstance(first, str) else first), ([] if isinstance(last, str) else last)


def _without_running_lines(parts: list[str | list[TextLine]], drops: tuple[set[int], set[int]]) -> list[str | list[TextLine]]:
    """The page's parts without its running head (in its first part) and foot (in its last)."""
    head, foot = drops
    if not head and not foot:
        return parts
    kept = list(parts)
    ends = {0: head} if len(parts) > 1 else {0: head | foot}
    if len(parts) > 1:
        ends[len(parts) - 1] = foot
    for at, drop in ends.items():
        part = kept[at]
        if drop and not isinstance(part, str):
            kept[at] = [line for index, line in enumerate(part) if index not in drop]
    return kept


def _page_text(parts: list[str | list[TextLine]], column) -> str:
    """The page's text: table rows as they are, the lines around them joined into paragraphs."""
    texts = [part if isinstance(part, str) else join_paragraphs(part, column) for part in parts]
    return "\n".join(text for text in texts if text)


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
