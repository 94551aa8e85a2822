"""Tables printed as pictures: where a table was not read, whether a picture stands in its place.

The readers leave a picture's place in the text as a line (`nlp.pictures`). A table counts as a picture
where a picture line names its title in its alternative text (`<img alt="收到和处理政府信息公开申请情况">`),
or stands right after the table's title line (only blank lines between): the table the title announces
is the picture. A picture elsewhere (a logo, a QR code, a photo in the narrative) names no table.
"""

from __future__ import annotations

from nlp.pictures import picture_alt
from nlp.tables.regions import MAX_TITLE_CHARS, TITLES


def table_pictures(text: str) -> dict[str, str]:
    """For each table (TABLE_KEYS) a picture stands for in `text`, the picture's line as printed; first one wins."""
    found: dict[str, str] = {}
    titled: str | None = None  # the table whose title is the last non-blank line
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        alt = picture_alt(line)
        if alt is None:
            short = len(line) <= MAX_TITLE_CHARS
            titled = next((table for table, title in TITLES.items() if short and title.search(line)), None)
            continue
        named = next((table for table, title in TITLES.items() if title.search(alt)), None) or titled
        if named is not None:
            found.setdefault(named, line)
        # several pictures in a row after one title (a table over two screenshots) are all that table's
    return found
