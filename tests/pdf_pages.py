"""Page styles for the authored reports written as PDF (`tests.table_layouts.write_pdf_parts`): how a
producer sets its paragraphs varies, and the PDF reader joins lines wrapped at the margin from the page's
geometry, so each style changes one thing that geometry rests on."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.ofd_writer import text_parts
from tests.table_layouts import write_pdf_parts

#: `write_pdf_parts`'s `page`: body `ParagraphStyle` fields and the side margins (points).
PAGE_STYLES: dict[str, dict] = {
    # No indent, no space between paragraphs: only the right margin tells a wrap from a paragraph's end.
    "plain": {},
    # The official template's way: a two-character first-line indent.
    "indent": {"firstLineIndent": 21},
    # Space between paragraphs, a larger font and wider margins.
    "spaced": {"fontSize": 12, "leading": 18, "spaceAfter": 8, "margin": 72},
    # Justified text, indented, a smaller font: every wrapped line ends exactly at the margin.
    "justified": {"fontSize": 9, "leading": 13, "firstLineIndent": 18, "alignment": 4, "margin": 50},
}


def pdf_bytes(text: str, style: str) -> bytes:
    """The text (a report as the gold holds it) as a PDF in the page style, its tables ruled."""
    with tempfile.TemporaryDirectory() as folder:
        return write_pdf_parts(text_parts(text), Path(folder) / "report.pdf", page=PAGE_STYLES[style]).read_bytes()


#: The page styles as layouts of `benchmarks/eval_classify_layouts.py` (a report's text → the PDF's bytes).
PDF_LAYOUTS = {f"pdf_{style}": (lambda text, style=style: pdf_bytes(text, style)) for style in PAGE_STYLES}
