"""Pictures in a report's file, as the readers write them into the text: one line `［图片：ALT］` per picture.

A page or document may print a table as a picture (a scan or a screenshot pasted in). Its cells cannot be
read from the text, but the reader should be told that the table is a picture rather than that it is
missing. The readers write a picture's place as a line of its own (`picture_line`); the parser treats that
line as page furniture (it is no paragraph), and the table checks look for it where a table was not read
(`nlp.tables.pictures`). This module is the one place that knows the line's shape.
"""

from __future__ import annotations

import re

#: The line a picture leaves in the text: full-width brackets, `图片`, and its alternative text if any; in either
#: width, since normalising folds full-width brackets and colons (`[图片:ALT]`), and the parser reads normalised lines.
PICTURE_LINE = re.compile(r"^[［\[]图片(?:[：:](?P<alt>[^\n]*))?[］\]]$")
#: Alternative text past this is cut: it is for a message, never read for values.
_MAX_ALT_CHARS = 80


def picture_line(alt: str | None) -> str:
    """The line written for a picture whose alternative text is `alt` (None or blank: none given)."""
    alt = re.sub(r"\s+", " ", (alt or "").replace("］", "]")).strip()[:_MAX_ALT_CHARS]
    return f"［图片：{alt}］" if alt else "［图片］"


def is_picture_line(line: str) -> bool:
    return PICTURE_LINE.match(line.strip()) is not None


def picture_alt(line: str) -> str | None:
    """The alternative text of a picture line ('' where none was given); None for any other line."""
    match = PICTURE_LINE.match(line.strip())
    return None if match is None else match.group("alt") or ""
