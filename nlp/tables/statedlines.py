"""Statistics stated as lines instead of a table: `1.本年新收政府信息公开申请数量：3件`, `（一）予以公开：5件`,
`其中自然人：2件；商业企业：1件`, `行政复议：维持0件，纠正0件，其他结果0件，尚未审结0件，总计0件`.

Small offices write their tables so. Such a line names a row by the words the table reader knows the row by
(`nlp.tables.schema.match_rows`) and a column by the words the narrative checks read outcomes by
(`nlp.tables.countwords`, as the narrative checks do), the applicant kinds, or the notes of table 二's columns
(`COLUMN_NOTE_WORDS`); each count is its number with a unit (`3件`, `12.5万元`). A count is read into a cell
only where its row and column are plain: its clause names one row (or the line's first clause did, or for a
line of applicants alone, `其中…`, the line before), and one column (or, naming none, the row's total; for
table 二's rows of one column, that column). Everything else the lines leave unstated is warned of by row;
nothing is filled in.

A table is read so only where its region's lines with numbers are mostly such statements (a count with its
unit, no column gaps): a printed grid's rows carry bare numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.tables.countwords import OTHER_BUSINESS, REVIEW_OUTCOMES
from nlp.tables.regions import MAX_TITLE_CHARS, TITLES, Region, closes_table
from nlp.tables.schema import (
    COLUMN_NOTE_WORDS,
    REQUEST_COLUMNS,
    STRONG,
    TABLE_KEYS,
    TableSpec,
    compact,
    match_rows,
)
from nlp.tables.tokens import Line

#: How a row's cells were placed when read from stated lines (`TableExtraction.placements`): not as printed in
#: a grid, so the checks leave a disagreement uncertain rather than blame the report on a reading of prose.
STATED = "stated"

#: A count: a figure and its unit, a figure right after a colon (`规章：0`, `申请数量：2（自然人2…）`), or a bare
#: figure right after a kind of applicant in a row's breakdown (`（自然人2，商业企业0，…）`).
_COUNT = re.compile(
    r"(?<![\d.])(\d{1,12}(?:\.\d+)?)\s*(?:件|宗|起|个|项|条|人次|万元|元)|[：:]\s*(\d{1,12}(?:\.\d+)?)\s*(?=$|[（(])"
    r"|(?:(?<=自然人)|(?<=商业企业)|(?<=科研机构)|(?<=社会公益组织)|(?<=法律服务机构)|(?<=其他))(\d{1,12})\s*(?=$|[）)])"
)
#: An item's number at the line's start (`1.`, `（一）`, `一、`, `3、`): no count.
_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])")
_CLAUSE = re.compile(r"[^，,；;。]+")
#: Where a count's unit ends a clause with no comma after it: lines without a stop at their end are joined as
#: wrapped text (`…总计0件行政诉讼（未经复议直接起诉）：维持0件`), the next label right after the unit; and where a row's
#: breakdown by applicant opens in brackets right after its count (`申请数量：120（自然人100，…）`).
_AFTER_UNIT = re.compile(r"(?<=[\d万人][件宗起个项条次元])(?=[^\d\s）)])|(?<=\d)(?=[（(](?:自然人|商业企业|法人))")
#: The applicant kinds of table 三's columns (`其他` last: 其他处理 is a row).
_APPLICANTS = dict(zip(REQUEST_COLUMNS[:-1], ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其[他它](?!处理)"), strict=True))
_TOTAL = re.compile(r"总计|合计|共计")
#: Words a clause may hold and name nothing by (`其中共计`, brackets, the colon).
_CONNECTIVES = re.compile(r"[其中共计合总为是有均各\s，、（）()：:]")
#: A clause giving one count to several things (`不予公开、不予处理及其他处理均为0件`): no row of them is read from it.
_SEVERAL_NAMED = re.compile(r"均|、")
#: A clause longer than this is a sentence about something, not a label and its count.
_MAX_CLAUSE = 40
#: What a sentence of counts may hold besides them, read as no clause of its own: its lead-in (`本年度，…`, `2023年，…`,
#: `办理结果为：`), a clause saying there was none of something (`未实施行政强制`: stated, but no figure to read), or
#: a count's note in brackets (`无法提供1件（本机关不掌握相关政府信息）`).
_LEAD_IN = re.compile(r"^(?:(?:本|今|全)年度?|(?:19|20)\d{2}年度?|[^\d，。；]{0,6}如下|办理结果(?:为|如下)?|均?(?:未|无|没有)[^\d]{0,20}|[（(][^）)\d]*[）)])[：:]?$")


@dataclass
class StatedCell:
    row: str
    col: str
    value: int | float
    line: str


@dataclass
class StatedReading:
    cells: list[StatedCell]
    #: Counts whose row or column is not plain (a group's sum `（三）不予公开：0件`, `其他处理（其他）`): (clause, line).
    unplaced: list[tuple[str, str]]


def _clauses(text: str) -> list[str]:
    return [piece for clause in _CLAUSE.findall(text) for piece in _AFTER_UNIT.split(clause) if piece.strip()]


def _without_lead_in(label: str) -> str:
    """A clause's label without the sentence's lead-in before a colon (`办理结果为：予以公开` → `予以公开`)."""
    colon = re.search(r"[：:]", label)
    if colon is None or not label[colon.end() :].strip() or not _LEAD_IN.match(label[: colon.start()].strip()):
        return label
    return label[colon.end() :]


def _count(clause: str) -> tuple[int | float, int] | None:
    """The clause's one count (value, where it starts); None for none or several."""
    found = [(next(g for g in m.groups() if g is not None), m.start()) for m in _COUNT.finditer(clause)]
    if len(found) != 1:
        return None
    text, start = found[0]
    return (float(text) if "." in text else int(text)), start


def is_statement(line: Line) -> bool:
    """A line of counts with their units and no column gaps (`label：3件`, `维持0件，纠正0件`). A sentence
    (`is_prose`) is one only where each of its clauses is a count (`行政复议维持1件，纠正0件。`), not where it goes
    on about something else (`共收到申请5件，均已按时办结。`)."""
    raw = _ITEM.sub("", line.raw.strip())
    if line.separated or "\t" in raw or re.search(r"\S {2,}\S", raw):
        return False
    figures = re.findall(r"\d+(?:\.\d+)?", raw)
    clauses = [clause for clause in _clauses(raw) if not _LEAD_IN.match(clause.strip())]
    counted = sum(1 for clause in clauses if _count(clause) is not None)
    if line.prose and counted < len(clauses):
        return False
    return bool(figures) and counted >= 1 and counted * 2 >= len(figures)


def stated_spans(lines: Sequence[Line], regions: dict[str, Region]) -> dict[str, list[Line]]:
    """The lines of each table given as statements (`states_table`): its region, or where the table's rows were
    not found (statements are sentences, no table's words), the lines from its title to the next title."""
    spans: dict[str, list[Line]] = {}
    for table in TABLE_KEYS:
        region = regions.get(table)
        if region is not None:
            span = list(lines[region.start : region.end])
        else:
            start = next((i for i, line in enumerate(lines) if not line.values and len(line.text) <= MAX_TITLE_CHARS and TITLES[table].search(line.text)), None)
            if start is None:
                continue
            end = next((i for i in range(start + 1, len(lines)) if closes_table(lines[i])), len(lines))
            span = list(lines[start + 1 : end])
        if states_table(span):
            spans[table] = span
    return spans


def states_table(lines: Sequence[Line]) -> bool:
    """The lines with numbers are mostly statements (at least two): the table is given as lines."""
    numbered = [line for line in lines if re.search(r"\d", _ITEM.sub("", line.raw.strip()))]
    stated = [line for line in numbered if is_statement(line)]
    counts = sum(1 for line in stated for clause in _clauses(line.raw) if _count(clause) is not None)
    return counts >= 2 and len(stated) * 2 > len(numbered)


def _rows(spec: TableSpec, label: str) -> list[str]:
    """Rows `label` names strongly; a variant row yields to a row it replaces (`其他处理（逾期不补正）`)."""
    rows = [row for row, strength in match_rows(spec, compact(label)).items() if strength == STRONG]
    replaced = {r for v in spec.variants for r in v.replaces if v.key in rows}
    if replaced & set(rows):
        rows = [row for row in rows if row not in {v.key for v in spec.variants}]
    return rows


def _variant_item(spec: TableSpec, rows: list[str], label: str) -> list[str]:
    """Where the one row named is a variant (the 2019 form's one row for several: `其他处理`) and the label says in
    brackets which of its rows it is (`其他处理（申请人逾期未按收费通知…）`, `其他处理（其他）`): that row, by the
    bracket's words alone; none where they name no single one."""
    variant = next((v for v in spec.variants if rows == [v.key]), None)
    after = variant.strong_re.split(compact(label), maxsplit=1)[-1] if variant is not None else ""
    bracket = re.search(r"[（(]([^）)]+)[）)]", after)
    if variant is None or bracket is None:
        return rows
    items = TableSpec(spec.key, tuple(spec.row(key) for key in variant.replaces))
    return _rows(items, bracket.group(1))


def _column(spec: TableSpec, row: str, label: str, names_row: bool) -> str | None:
    """The column `label` names in `row`; `names_row`: the label names the row itself (its words are no column's)."""
    columns = spec.row(row).columns
    if spec.key == "requests":
        if names_row:  # `其他处理`, `本年新收`: the row's total (a kind of applicant stands in a clause of its own)
            return "total"
        if "法人" in label:  # `法人或其他组织1件`: all organisations together, a cell of no column
            return None
        named = [col for col, words in _APPLICANTS.items() if re.search(words, label)]
        if named:
            return named[0] if len(named) == 1 else None
        # naming nothing, the row's total (`其中…共3件`); naming something no column is (`无法提供1件` after `予以公开2件`:
        # a group of rows), none
        return "total" if not _CONNECTIVES.sub("", label) else None
    if spec.key == "review_litigation":
        named = [outcome for outcome, pattern in REVIEW_OUTCOMES if pattern.search(label)] + (["total"] if _TOTAL.search(label) else [])
        return named[0] if len(named) == 1 else "total" if not named and names_row else None
    if len(columns) == 1:
        return columns[0]
    hits = [col for col in columns if any(re.search(word, label) for word in COLUMN_NOTE_WORDS.get(col, ()))]
    return hits[0] if len(hits) == 1 else None


def read_stated(spec: TableSpec, lines: Sequence[Line]) -> StatedReading:
    """The cells the statement lines of a table's region state plainly, and the counts they do not place."""
    table = spec.with_variants()
    cells: dict[tuple[str, str], StatedCell] = {}
    clashes: set[tuple[str, str]] = set()
    unplaced: list[tuple[str, str]] = []
    previous: str | None = None  # the row the line before named
    for line in lines:
        if not is_statement(line):
            previous = None
            continue
        raw = line.raw.strip()  # the item's number kept: `（七）总计` names its row by it
        current: str | None = None
        applicants_only = _ITEM.sub("", raw).startswith("其中")
        for clause in _clauses(raw):
            count = _count(clause)
            if count is None or len(clause) > _MAX_CLAUSE:
                if count is not None:
                    unplaced.append((clause, line.raw))
                continue
            value, start = count
            label = _without_lead_in(clause[:start])
            named = _rows(table, label)
            rows = _variant_item(table, named, label)
            if len(rows) > 1 or (named and not rows) or (not rows and OTHER_BUSINESS.search(label)) or _SEVERAL_NAMED.search(label):
                # several rows, a variant's item not plain (`其他处理（其他）` on the 2021 template), other business
                unplaced.append((clause, line.raw))
                continue
            row = rows[0] if rows else current or (previous if applicants_only else None)
            col = _column(table, row, label, bool(rows)) if row else None
            if row is None or col is None:
                unplaced.append((clause, line.raw))  # no row, or no column the clause names
                continue
            current = row
            key = (row, col)
            if key in cells and cells[key].value != value:
                clashes.add(key)
            cells.setdefault(key, StatedCell(row, col, value, line.raw))
        previous = current
    for key in clashes:  # the lines state two numbers for one cell: neither is read
        unplaced.append((f"{key[0]} {key[1]} stated twice", cells.pop(key).line))
    return StatedReading(list(cells.values()), unplaced)
