"""Labels the labelling conventions fix where the training data has no example to learn them from.

A line that only points the reader to the statistical tables (`具体数据详见附表。`, `（见附表一，略）`)
says nothing of its section's topic: it is `other` (docs/labels.md, "Where the guide is silent").
The labelled data holds no such line, so a model gives it the label of the section it stands in;
the convention is applied to the model's probabilities instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

#: A whole unit that is only a pointer to tables or an attachment: an optional subject (具体统计数据,
#: 相关情况), a verb of referral (详见, 见, 参见), what it points to (附表一, 下表, 统计表, 附件2), and an
#: optional `略` (the table left out of the web page), in brackets or not.
_TABLE_POINTER = re.compile(
    r"^[（(]?"
    r"(?:(?:具体|相关|有关|各项|详细)?(?:统计)?(?:数据|情况|内容|数字)?)?"
    r"(?:请)?(?:详见|参见|见)"
    r"(?:本报告)?(?:所)?(?:附表|附件|统计表|下表|表格|附录)[一二三四五六七八九十\d、至和及]*"
    r"(?:[，,]?[（(]?略[）)]?)?"
    r"[）)]?[。.；;]?[）)]?$"
)

#: What the convention gives a pointer line.
POINTER_LABEL = "other"


def is_table_pointer(text: str) -> bool:
    """True for a unit that does nothing but point to the tables (whitespace ignored)."""
    return bool(_TABLE_POINTER.match(re.sub(r"\s+", "", text)))


def apply_conventions(probabilities: np.ndarray, texts: Sequence[str], classes: Sequence[str]) -> np.ndarray:
    """`probabilities` (rows × `classes`) with each pointer line's row put on `POINTER_LABEL`; the
    array is returned unchanged where no row is one or the model has no such label."""
    if POINTER_LABEL not in list(classes):
        return probabilities
    rows = [i for i, text in enumerate(texts) if is_table_pointer(text)]
    if not rows:
        return probabilities
    fixed = probabilities.copy()
    fixed[rows] = 0.0
    fixed[rows, list(classes).index(POINTER_LABEL)] = 1.0
    return fixed
