"""Lists of wording patterns in the package's resources: one pattern a line, its kind, a tab, a regular expression.

Read by `nlp.classify.shape` (how a paragraph is built); a list of one's own wording patterns can be read the same way.
"""

from __future__ import annotations

import re
from importlib import resources


def read_patterns(file: str, kinds: tuple[str, ...] | dict[str, str]) -> dict[str, tuple[re.Pattern[str], ...]]:
    """The compiled patterns of a `kind<TAB>pattern` file in `nlp/resources`, by kind (every kind of `kinds`)."""
    text = (resources.files("nlp") / "resources" / file).read_text(encoding="utf-8")
    patterns: dict[str, list[re.Pattern[str]]] = {kind: [] for kind in kinds}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, expression = line.partition("\t")
        if kind not in patterns or not expression:
            raise ValueError(f"{file} line {number}: expected a kind ({', '.join(kinds)}), a tab and a pattern")
        patterns[kind].append(re.compile(expression))
    return {kind: tuple(found) for kind, found in patterns.items()}
