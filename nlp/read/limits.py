"""What one input file may cost the reader (`ReadLimits`), and the checks every format shares."""

from __future__ import annotations

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


def resolve_limits(limits: ReadLimits | None, max_bytes: int | None = None) -> ReadLimits:
    chosen = limits if limits is not None else ReadLimits()
    if max_bytes is not None and max_bytes != chosen.max_bytes:
        chosen = replace(chosen, max_bytes=max_bytes)
    return chosen


def check_chars(text: str, name: str, limits: ReadLimits) -> str:
    if len(text) > limits.max_chars:
        raise ReadLimitError(name, f"the file yields {len(text):,} characters of text, too many for one report", "max_chars", limits.max_chars)
    return text
