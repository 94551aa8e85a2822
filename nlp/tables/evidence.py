"""Evidence in a report's text that a table, a row or a section is there although it was not read.

The checks (`nlp.tables.checks`), the audits (`nlp.tables.audits`) and the narrative cross-checks
(`nlp.tables.narrative`) blame the report only where the evidence is plain (`docs/findings.md`);
this module finds what would make a failure unfair: the words of a table, row or section standing
in the text, and stretches of text lost between two tables. It imports none of those modules, so
each of them can use it without an import cycle.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from nlp.tables.layout import is_prose_text
from nlp.tables.regions import TITLES
from nlp.tables.schema import (
    TABLE_KEYS,
    TEMPLATE_2019,
    TEMPLATE_2021,
    compact,
    compile_alternatives,
    get_template,
)

if TYPE_CHECKING:  # pragma: no cover
    from nlp.report import Report
    from nlp.tables.extract import TableExtraction

TABLE_NUMERALS = {"active": "二", "requests": "三", "review_litigation": "四"}

#: Column headers and row wording that only the tables print (prose rarely repeats them).
HEADER_WORDS: dict[str, re.Pattern[str]] = {
    "active": re.compile(r"第二十条第|信息内容|本年制发件数|本年废止件数|现行有效件数|本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增/?减|处理决定数量|本年收费金额"),
    "requests": re.compile(r"申请人情况|本年新收政府信息公开申请|上年结转政府信息公开申请|结转下年度继续办理|三安全一稳定|商业企业|科研机构|社会公益组织|法律服务机构"),
    "review_litigation": re.compile(r"结果维持|结果纠正|其他结果|尚未审结|未经复议直接起诉|复议后起诉"),
}
#: 2021 rows that a report may print merged into the 2019 row (`（六）其他处理` as one row).
MERGED_FORMS = {"other_overdue_correction": "other_handling", "other_unpaid_fee": "other_handling", "other_misc": "other_handling"}
#: A row label in prose counts as the table's only where a number follows it closely
#: (`（一）予以公开220000022` of a glued page), not in a sentence that merely names the outcome.
_NUMBER_AFTER = re.compile(r"^[^\d。；;]{0,6}\d")


@cache
def _label_screens(table: str) -> tuple[re.Pattern[str], ...]:
    """Patterns that together match wherever a strong label of a row of `table` (either template)
    does, and only there: the labels that open with a plain character in one alternation, each of
    the others alone. `re` skips ahead to the possible first characters of an alternation only where
    every branch opens with one; a single `(?` or `^` branch makes it try every branch everywhere."""
    words = dict.fromkeys(word for template in (TEMPLATE_2021, TEMPLATE_2019) for row in template.table(table).rows for word in row.strong)
    plain = tuple(word for word in words if _opens_plainly(word))
    others = tuple(compile_alternatives((word,)) for word in words if not _opens_plainly(word))
    return (compile_alternatives(plain), *others) if plain else others


def _opens_plainly(pattern: str) -> bool:
    """The pattern's first character is a literal that every match starts with (conservatively:
    anything that may be syntax counts as not)."""
    return bool(pattern) and pattern[0] not in "\\()[].^$|?*+{" and pattern[1:2] not in ("?", "*", "{")


def _first_label(table: str, text: str) -> int | None:
    """Where the first strong label of any row of `table` stands in `text` (None: nowhere)."""
    starts = [match.start() for screen in _label_screens(table) if (match := screen.search(text)) is not None]
    return min(starts) if starts else None


@dataclass
class Seen:
    """Where a table's words stand in the text: for messages, never for values."""

    what: str  # "title", "column header", "row label(s)"
    line: int  # 1-based line of the report's source text
    text: str
    #: The last line, where the words stand on several.
    last: int | None = None

    def describe(self) -> str:
        where = f"lines {self.line}–{self.last}" if self.last and self.last != self.line else f"line {self.line}"
        return f"{self.what} 「{self.text}」 at {where}"


class TextEvidence:
    """The report's paragraphs as one compact string, searchable across lines and glued text alike.

    Crawled pages glue a whole table into one line and Word-made pages put every cell on a line of
    its own; joining the compact paragraphs lets one search serve both, and a match maps back to
    the paragraph and the line of the user's file it came from.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self.paragraphs = [p for p in report.paragraphs if p.kind != "meta"]
        pieces: list[str] = []
        #: Where each paragraph starts in `text`.
        self.starts: list[int] = []
        # Whether a paragraph is prose, asked only of those where a row label stands.
        self._prose: dict[int, bool] = {}
        offset = 0
        for paragraph in self.paragraphs:
            piece = compact(paragraph.text)
            self.starts.append(offset)
            pieces.append(piece)
            offset += len(piece)
        self.text = "".join(pieces)

    def _is_prose(self, i: int) -> bool:
        if i not in self._prose:
            self._prose[i] = is_prose_text(self.paragraphs[i].text)
        return self._prose[i]

    def paragraph_at(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.starts, position) - 1)

    def line_of(self, position: int) -> int:
        """The 1-based line of the source text where compact `position` stands (approximately
        inside a long glued line: compact text has lost the spaces)."""
        i = self.paragraph_at(position)
        paragraph = self.paragraphs[i]
        source = self.report.source_text
        at = min(paragraph.start + (position - self.starts[i]), max(paragraph.end - 1, paragraph.start))
        return source.count("\n", 0, max(0, at)) + 1 if source else paragraph.index + 1

    def first(self, pattern: re.Pattern[str], what: str) -> Seen | None:
        match = pattern.search(self.text)
        return Seen(what, self.line_of(match.start()), match.group(0)) if match else None

    def row_labels(self, table: str, rows: Sequence[str] | None = None) -> dict[str, Seen]:
        """Rows of `table` (either template) whose strong label stands in a table line, or in prose
        with a number right after it."""
        found: dict[str, Seen] = {}
        # No row's label can stand before the first place where any of them does: most texts (pages
        # without tables) have none, and each row's search then starts there rather than at 0.
        first = _first_label(table, self.text)
        if first is None:
            return found
        for template in (TEMPLATE_2021, TEMPLATE_2019):
            for row in template.table(table).rows:
                if row.key in found or (rows is not None and row.key not in rows):
                    continue
                for match in row.strong_re.finditer(self.text, first):
                    i = self.paragraph_at(match.start())
                    if not self._is_prose(i) or _NUMBER_AFTER.match(self.text[match.end() : match.end() + 12]):
                        found[row.key] = Seen("row label", self.line_of(match.start()), match.group(0))
                        break
        return found

    def table_seen(self, table: str) -> list[Seen]:
        """Title, column headers and row labels of `table` found in the text, in that order."""
        seen = [self.first(TITLES[table], "title"), self.first(HEADER_WORDS[table], "column header")]
        labels = sorted(self.row_labels(table).values(), key=lambda s: s.line)
        if labels:
            names = "、".join(s.text for s in labels[:3]) + ("…" if len(labels) > 3 else "")
            seen.append(Seen(f"{len(labels)} row label(s)", labels[0].line, names, labels[-1].line))
        return [s for s in seen if s is not None]


class LazyEvidence:
    """A report's `TextEvidence`, built at the first ask and then shared: the table checks and the
    audits of one report look in the same text (most reports never need it)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._evidence: TextEvidence | None = None

    def get(self) -> TextEvidence:
        if self._evidence is None:
            self._evidence = TextEvidence(self.report)
        return self._evidence


@dataclass
class LostStretch:
    """Text lost between two tables: one stops short of its last rows, the next starts past its first.

    Converters and crawlers drop a page or a stretch of lines; an agency that leaves rows out of
    its tables leaves scattered ones, not the end of one table and the start of the next.
    """

    before: str
    after: str
    tail: list[str]
    head: list[str]

    def describe(self) -> str:
        return (
            f"table {TABLE_NUMERALS[self.before]} stops before row {self.tail[0]} and table {TABLE_NUMERALS[self.after]} "
            f"resumes after row {self.head[-1]}: the text between them seems lost in conversion"
        )


def absent_rows(extraction: TableExtraction, table: str, rows: Sequence[str] | None = None) -> list[str]:
    """Rows of the recognised template with neither cells nor an unplaced label (`rows`: the rows
    read, where the caller has them)."""
    if extraction.template is None:
        return []
    read = set(rows) if rows is not None else {k[1] for k in extraction.values() if k[0] == table}
    unplaced = set(extraction.unplaced_rows.get(table, []))
    return [r for r in get_template(extraction.template).table(table).keys_as_printed(read) if r not in read and r not in unplaced]


def _run(keys, gone: set[str]) -> list[str]:
    """The leading keys that are all in `gone`."""
    run: list[str] = []
    for key in keys:
        if key not in gone:
            break
        run.append(key)
    return run


def lost_stretches(extraction: TableExtraction) -> list[LostStretch]:
    """Places where a stretch of text between two read tables seems lost (see `LostStretch`)."""
    if extraction.template is None:
        return []
    template = get_template(extraction.template)
    read: dict[str, set[str]] = {table: set() for table in TABLE_KEYS}
    for table, row, _ in extraction.values():
        read.setdefault(table, set()).add(row)
    found: list[LostStretch] = []
    for before, after in zip(TABLE_KEYS, TABLE_KEYS[1:], strict=False):
        # a table stands where rows gave cells or their labels stand in it (a table printed all blank, one
        # row a line, its rows left out): the stretch lost lies beyond them
        if not (read[before] or extraction.unplaced_rows.get(before)) or not (read[after] or extraction.unplaced_rows.get(after)):
            continue
        # rows with no cells, whether or not their label was seen: a label seen elsewhere (a
        # summary table's header naming 本年新收 …) does not bring back the text that was lost
        before_keys = template.table(before).keys_as_printed(read[before])
        after_keys = template.table(after).keys_as_printed(read[after])
        tail = _run(reversed(before_keys), set(before_keys) - read[before])[::-1]
        head = _run(after_keys, set(after_keys) - read[after])
        if tail and head:
            found.append(LostStretch(before, after, tail, head))
    return found
