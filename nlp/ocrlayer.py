"""Text read from an OCR layer, as the readers say so in the text: one line `［OCR文字层］` before the report.

Counties publish scans: each page an image of the printed page, with a text layer an OCR program put over it. The
PDF reader reads that layer as any text, but it is the program's reading, not the report's print: a `0` read as `8`,
a character doubled or dropped. A sum that fails, a count that disagrees, a title misread, may be the program's error
as well as the report's; the ground rule (blame a report only on plain evidence) then leaves every such failure
`uncertain`, the extraction's fault, with the reason in its message (`nlp.tables.checks.check_report`).

The reader writes the line first in the text (`nlp.read.pdftext`), the normaliser drops it (no paragraph), and the
checks look for it in `Report.source_text`. This module is the one place that knows the line's shape.
"""

from __future__ import annotations

import re
from dataclasses import replace

from nlp.findings import EXTRACTION, FAIL, REPORT, UNCERTAIN
from nlp.report import Finding

#: The line the readers write before a text read from an OCR layer.
OCR_LAYER_LINE = "［OCR文字层］"
#: The same in either width (normalising folds full-width brackets), alone on its line.
OCR_LAYER = re.compile(r"(?m)^[ \t]*[［\[]OCR文字层[］\]][ \t]*$")
#: What a finding on such a text says of itself.
OCR_DOUBT = "the text is an OCR layer over page images: a figure or word it misread cannot be told from the report's own"


def read_from_ocr(text: str) -> bool:
    """Whether a reader marked `text` as read from an OCR layer (the mark stands on the first lines)."""
    return "OCR文字层" in text[:200] and OCR_LAYER.search(text[:200]) is not None


def doubted(finding: Finding) -> Finding:
    """A failure laid on a report read from an OCR layer: `uncertain`, the extraction's fault, saying why; any other
    finding as it is."""
    if finding.status != FAIL or finding.fault != REPORT:
        return finding
    return replace(finding, status=UNCERTAIN, fault=EXTRACTION, message=f"{finding.message} ({OCR_DOUBT} error)")


__all__ = ["OCR_DOUBT", "OCR_LAYER", "OCR_LAYER_LINE", "doubted", "read_from_ocr"]
