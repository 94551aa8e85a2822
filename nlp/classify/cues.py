"""Stance cues: the wording of a plan, a remedy or a shortcoming, pooled over its variants.

Given alone, a plan is told from the topic it improves only by how it is worded (`下一步`, `今后`,
`2022年，我局将着重…`, `…将进一步完善…`), a remedy by `针对…问题` or `已整改`, a shortcoming by
`偏低`, `不够`, `有待提高`. Character n-grams see each variant as its own feature, and a variant
`../shared` shows rarely (`我委将` where it has `我局将`, a year before `将` at any distance) weighs
little. The cue list (`nlp/resources/stance_cues.txt`) pools them: the `cues` column of a paragraph
holds one mark per kind of cue found (`CUE_MARKS`), and the classifier's `cues` block learns a weight
per kind and pair of kinds (`ParagraphClassifier(cue_weight=…)`).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

#: The file of cues, in `nlp/resources`.
CUE_FILE = "stance_cues.txt"
#: The mark of each kind of cue in the `cues` column (ASCII letters: no Chinese n-gram holds them).
CUE_MARKS = {"plan": "p", "remedy": "r", "shortfall": "s"}


@cache
def cue_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, compiled pattern) of every cue of the shipped list, in its order."""
    text = (resources.files("nlp") / "resources" / CUE_FILE).read_text(encoding="utf-8")
    patterns = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, expression = line.partition("\t")
        if kind not in CUE_MARKS or not expression:
            raise ValueError(f"{CUE_FILE} line {number}: expected a kind ({', '.join(CUE_MARKS)}), a tab and a pattern")
        patterns.append((kind, re.compile(expression)))
    return tuple(patterns)


def stance_cues(text: str) -> str:
    """The marks of the kinds of cue found in `text`, in `CUE_MARKS` order (`""`: none)."""
    found = {kind for kind, pattern in cue_patterns() if pattern.search(text)}
    return "".join(mark for kind, mark in CUE_MARKS.items() if kind in found)
