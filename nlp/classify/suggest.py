"""Paragraphs worth labelling next: those the model is least sure about (smallest margin between its
two best labels), one copy of each text, as rows in the labelled-file columns of ANNOTATION.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from nlp.classify.features import ParagraphInput
from nlp.labels import GUIDE_COLUMNS

#: Columns after the guide's: context for training on the file, and the model's guess as a hint.
HINT_COLUMNS: tuple[str, ...] = ("section", "topic", "suggested", "confidence", "runner_up", "source")


@dataclass(frozen=True)
class Candidate:
    """A paragraph that could be labelled, with where it comes from."""

    doc_id: str
    para_index: int
    paragraph: ParagraphInput
    source: str = ""


def least_confident(model: Any, candidates: Sequence[Candidate], n: int = 200) -> list[dict[str, Any]]:
    """The `n` candidates with the smallest top-two margin, as rows ready for labelling."""
    from nlp.normalize import comparable

    if not candidates or n <= 0:
        return []
    probabilities = model.predict_proba([c.paragraph for c in candidates])
    ordered = np.sort(probabilities, axis=1)
    margins = ordered[:, -1] - (ordered[:, -2] if probabilities.shape[1] > 1 else 0.0)
    labels = model.labels
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i in np.argsort(margins, kind="stable"):
        candidate = candidates[int(i)]
        key = comparable(candidate.paragraph.text)
        if key in seen:  # reports copy each other: one copy of a text is enough to label
            continue
        seen.add(key)
        ranking = np.argsort(-probabilities[i])
        row: dict[str, Any] = {column: "" for column in GUIDE_COLUMNS}
        row.update(
            doc_id=candidate.doc_id,
            para_index=candidate.para_index,
            text=candidate.paragraph.text,
            kind="narrative",
            section=candidate.paragraph.context.section,
            topic=candidate.paragraph.context.topic,
            suggested=labels[int(ranking[0])],
            confidence=round(float(probabilities[i, ranking[0]]), 4),
            runner_up=labels[int(ranking[1])] if len(ranking) > 1 else "",
            source=candidate.source,
        )
        rows.append(row)
        if len(rows) >= n:
            break
    return rows
