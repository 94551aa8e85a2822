"""How a paragraph is built: figures and finished work, or aims; a channel as the subject.

Read alone, a plan item (`2.进一步加大政策解读力度`, `加强业务培训`) is worded like the topic it improves, and
a platform paragraph (`12345热线全年受理诉求2.3万件`) like active disclosure. What tells them apart is how they
are built, whatever they are about: a count, a finished piece of work, a date in the past report work done; a
point that opens with a verb of intent and holds no figure states an aim; a channel named in the first clause
is what the paragraph is about. `paragraph_shape` writes these as marks (`SHAPE_MARKS`), the `shape` column
of the input table; the classifier's `shape` block (`ParagraphClassifier(shape_weight=…)`) learns a weight per
mark and per run of marks. The patterns are in `nlp/resources/paragraph_shape.txt`.
"""

from __future__ import annotations

import re
from functools import cache

from nlp.classify.patterns import read_patterns

#: The file of patterns, in `nlp/resources`.
SHAPE_FILE = "paragraph_shape.txt"
#: Marks of the `shape` column (ASCII letters: no Chinese n-gram holds them). `figure`: any digit past the
#: opening's enumerator; `bare`: no digit at all; `numbered`: the paragraph opens with an enumerator.
SHAPE_MARKS = {"numbered": "E", "aim": "A", "bare": "N", "figure": "G", "count": "F", "done": "P", "channel": "C"}
#: An enumerator opening a point: `2.`, `（三）`, `(1)`, `二是`, `第一，`.
_ENUMERATOR = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十\d]{1,3}\s*[、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、])\s*")
#: Where the first clause ends.
_CLAUSE_END = re.compile(r"[。；;：:，,！!？?]")


@cache
def shape_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    return read_patterns(SHAPE_FILE, ("count", "done", "aim", "channel"))


def paragraph_shape(text: str) -> str:
    """The marks of how `text` is built, in `SHAPE_MARKS` order (`""`: none)."""
    patterns = shape_patterns()
    enumerator = _ENUMERATOR.match(text)
    body = text[enumerator.end() :] if enumerator else text
    first_clause = _CLAUSE_END.split(body, 1)[0]
    has_digit = any(ch.isdigit() for ch in body)
    found = {
        "numbered": enumerator is not None,
        "aim": any(p.match(body) for p in patterns["aim"]),
        "bare": not has_digit,
        "figure": has_digit,
        "count": any(p.search(body) for p in patterns["count"]),
        "done": any(p.search(body) for p in patterns["done"]),
        "channel": any(p.search(first_clause) for p in patterns["channel"]),
    }
    return "".join(mark for kind, mark in SHAPE_MARKS.items() if found[kind])
