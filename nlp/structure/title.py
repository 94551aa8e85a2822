"""A report's title and year, from its first lines (a title broken over two lines, a page's label before it)."""

from __future__ import annotations

import re

from nlp.agency import YEAR
from nlp.structure.kinds import SENTENCE, is_title_line


def find_title(lines: list[str], kinds: list[str], limit: int) -> tuple[int | None, str | None]:
    for index in range(min(limit, len(lines))):
        text = lines[index].strip()
        if kinds[index] == "meta":
            continue
        if is_title_line(text):
            return index, text
        # A title broken over two lines: "…政府信息公开工作" / "年度报告"
        if index + 1 < len(lines) and re.search(r"公开", text) and len(text) <= 40 and not SENTENCE.search(text):
            joined = text + lines[index + 1].strip()
            if is_title_line(joined) and len(lines[index + 1].strip()) <= 12:
                return index, joined
    return None, None


#: What a web page or a PDF's page header puts before a title: `标题：`, `Page 4 -`.
_TITLE_LABEL = re.compile(r"^(?:(?:文章)?(?:标题|题目)\s*[:：|]?|Page\s*\d+\s*[-—–]+)\s*", re.IGNORECASE)


def tidy_title(title: str) -> str:
    """Drop a label before the title and the spaces PDF and Word put between its characters, numbers and words."""
    return _TITLE_LABEL.sub("", re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", title.strip())).strip()


def year_of(title: str | None, text: str) -> int | None:
    for source in (title or "", text[:3000]):
        match = re.search(r"统计(?:期限|周期|时限)[^\d]{0,6}((?:19|20)\d{2})", source) if source is text[:3000] else None
        if match:
            return int(match.group(1))
        match = YEAR.search(source)
        if match and 2000 <= int(match.group(1)) <= 2100:
            return int(match.group(1))
    return None
