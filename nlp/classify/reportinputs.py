"""What the classifier sees of a structured report: each narrative paragraph with its context.

Used at prediction (`ParagraphClassifier.predict_reports`, the `classify` and `analyze` commands) and by
the weak labels of whole reports (`nlp.classify.weak`), so that both read a report the same way.
"""

from __future__ import annotations

from typing import Any

from nlp.classify.context import contexts_for_units
from nlp.classify.features import ParagraphInput
from nlp.report import SECTION_KEYS
from nlp.sections import heading_level


def report_inputs(report: Any) -> list[ParagraphInput]:
    """The narrative paragraphs of a structured `Report`, each with its context.

    The context comes from the report's heading paragraphs by the same walk as for labelled files
    (not from the parser's section choice), so that a model sees at prediction time what it saw in
    training; except in sections the parser opened at a heading the walk does not read as a section's
    (`（一）基本情况`, `1.总体情况`: a report numbering its sections as subsections), whose paragraphs take
    the parser's section.
    """
    paragraphs = list(report.paragraphs)
    contexts = contexts_for_units([p.kind for p in paragraphs], [p.text for p in paragraphs], promoted_sections(report))
    return [ParagraphInput(p.text, c) for p, c in zip(paragraphs, contexts, strict=True) if p.kind == "narrative"]


def promoted_sections(report: Any) -> list[str | None]:
    """For each paragraph, its section's key where the parser opened that section at a heading numbered
    below a section's level (None elsewhere: the headings' walk decides)."""
    out: list[str | None] = []
    for section in report.sections:
        opening = section.paragraphs[0] if section.paragraphs else None
        promoted = (
            section.key in SECTION_KEYS
            and opening is not None
            and opening.kind == "heading"
            and bool(section.title)
            and section.title in opening.text
            and heading_level(opening.text) >= 2
        )
        out.extend([section.key if promoted else None] * len(section.paragraphs))
    return out
