"""Labels the labelling guide fixes by a unit's shape, where the training data has (almost) no example
to learn them from; applied to the model's probabilities after the model.

- A line that only points the reader to the statistical tables (`具体数据详见附表。`, `（见附表一，略）`)
  says nothing of its section's topic: it is `other` (docs/labels.md, "Where the guide is silent"). The
  labelled data holds no such line, so a model gives it the label of the section it stands in.
- A unit laid out as a problem and then its remedy (`问题一：……。改进措施：……`) is `problem`: the guide's
  rule 1 labels problems followed by remedies by what comes first. The labelled data holds two such
  units; given alone, a model reads the remedy's words and says `improvement`.
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

#: A unit that opens by naming a problem (`问题一：`, `（二）存在问题：`, `工作中存在以下主要问题:`) and later turns to its remedy
#: under a label of its own (`改进措施：`, `整改措施:`, `改进方向：`).
_PROBLEM_THEN_REMEDY = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]?)?"
    r"(?!针对|对照)[^，。；：,;:]{0,10}?(?:问题[一二三四五六七八九十\d]{0,2}|存在(?:以下|的)?(?:主要)?问题|主要问题)[：:]"
    r".{4,}?(?:改进|整改)(?:措施|方向|举措|办法)[：:]"
)


#: Each convention: the shape it recognises (matched on the text without whitespace) and the label it gives, in
#: the order they are tried.
CONVENTIONS: tuple[tuple[re.Pattern[str], str], ...] = ((_TABLE_POINTER, POINTER_LABEL), (_PROBLEM_THEN_REMEDY, "problem"))

_SPACE = re.compile(r"\s+")


def is_table_pointer(text: str) -> bool:
    """True for a unit that does nothing but point to the tables (whitespace ignored)."""
    return bool(_TABLE_POINTER.match(_SPACE.sub("", text)))


def opens_problem_then_remedy(text: str) -> bool:
    """True for a unit laid out as `问题…：…改进措施：…` (whitespace ignored)."""
    return bool(_PROBLEM_THEN_REMEDY.match(_SPACE.sub("", text)))


def convention_label(text: str) -> str | None:
    """The label a convention gives `text`, or None where none applies."""
    bare = _SPACE.sub("", text)
    return next((label for shape, label in CONVENTIONS if shape.match(bare)), None)


def apply_conventions(probabilities: np.ndarray, texts: Sequence[str], classes: Sequence[str]) -> np.ndarray:
    """`probabilities` (rows × `classes`) with each row a convention applies to put on its label; the
    array is returned unchanged where none applies (or the model has no such label)."""
    columns = {str(label): i for i, label in enumerate(classes)}
    fixed = probabilities
    for row, text in enumerate(texts):
        label = convention_label(text)
        if label is None or label not in columns:
            continue
        if fixed is probabilities:
            fixed = probabilities.copy()
        fixed[row] = 0.0
        fixed[row, columns[label]] = 1.0
    return fixed
