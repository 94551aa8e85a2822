"""`extract_tables(report)`: the three statistical tables of a report as one tidy DataFrame.

One row per cell (`table`, `row`, `col`, `value`, `template`), in the keys of TABLES.md. A cell
that cannot be placed with confidence is left out and reported in `TableExtraction.warnings`
with the line it came from; no value is ever made up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from nlp.report import Cell
from nlp.tables.align import AMBIGUOUS, Decision, align_by_label, align_ordered
from nlp.tables.arithmetic import place_short_rows
from nlp.tables.blankrows import BLANK_CELLS, blank_review_table, blank_rows, shows_empty_cells
from nlp.tables.glued import unglue
from nlp.tables.layout import (
    EXACT,
    NUM,
    POSITIONAL,
    Group,
    Line,
    Placement,
    group_lines,
    tokenize_line,
)
from nlp.tables.regions import Region, is_prose, locate_regions, titles_present
from nlp.tables.reportlines import report_lines
from nlp.tables.review import review_table_decisions
from nlp.tables.schema import (
    ITEM_START,
    REQUEST_COLUMNS,
    STRONG,
    TABLE_KEYS,
    TableSpec,
    Template,
    get_template,
    match_rows,
    note_column,
    recognise_template,
)
from nlp.tables.statedlines import STATED, read_stated, stated_spans
from nlp.tables.transposed import TRANSPOSED, TransposedReading, read_transposed

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from nlp.report import Report

COLUMNS: tuple[str, ...] = ("table", "row", "col", "value", "template")

#: How a row was placed when its cells were read as the page prints them: every number in its column, the
#: empty cells standing on the row's line (between its numbers, or all of them: `blankrows.BLANK_CELLS`).
#: Anything else is a repair, and the checks never blame the report on it.
AS_PRINTED = frozenset({EXACT, POSITIONAL, BLANK_CELLS, TRANSPOSED})

#: Arithmetic used to place numbers: each block's last cell is the sum of the others.
REQUEST_BLOCKS = ((0, len(REQUEST_COLUMNS)),)
#: Marks a loose group whose number was given to a row by `_fill_from_noted_cells`.
CONSUMED = "consumed"


@dataclass
class TableWarning:
    table: str
    message: str
    line: str
    row: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"table": self.table, "message": self.message, "line": self.line}
        if self.row:
            out["row"] = self.row
        return out


@dataclass
class TableExtraction:
    """Everything the extractor found in one report."""

    template: str | None
    #: The cells (`nlp.Cell`, with the line each was read from).
    cells: list[Cell] = field(default_factory=list)
    warnings: list[TableWarning] = field(default_factory=list)
    #: How each row's numbers were placed: exact, positional, extra_dropped, decoded, by_order, note, transposed.
    placements: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Tables whose region was found (a title or rows), whether or not numbers were placed.
    regions: dict[str, Region] = field(default_factory=dict)
    #: Tables whose title line was seen (even with nothing under it).
    titles: set[str] = field(default_factory=set)
    #: Rows whose label was found but whose numbers could not be placed.
    unplaced_rows: dict[str, list[str]] = field(default_factory=dict)
    _values: dict[tuple[str, str, str], int | float | None] = field(default_factory=dict, repr=False, compare=False)
    _indexed: int = field(default=-1, repr=False, compare=False)

    def values(self) -> dict[tuple[str, str, str], int | float | None]:
        """(table, row, col) → value of every cell."""
        if self._indexed != len(self.cells):  # rebuilt whenever cells were added
            self._values = {(c.table, c.row, c.col): c.value for c in self.cells}
            self._indexed = len(self.cells)
        return self._values

    def rows(self, table: str) -> dict[str, dict[str, int | float | None]]:
        out: dict[str, dict[str, int | float | None]] = {}
        for cell in self.cells:
            if cell.table == table:
                out.setdefault(cell.row, {})[cell.col] = cell.value
        return out

    def repaired(self, table: str, row: str) -> bool:
        """The row was placed by a repair (not `AS_PRINTED`); False for a row not placed."""
        how = self.placements.get((table, row))
        return how is not None and how not in AS_PRINTED

    def how(self, table: str, row: str) -> str | None:
        """How a row's numbers were placed (`exact`, `decoded`, …), None if it was not."""
        return self.placements.get((table, row))

    def to_frame(self) -> pd.DataFrame:
        import pandas as pd

        records = [{**c.to_dict(), "template": self.template} for c in self.cells]
        frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
        frame["value"] = frame["value"].astype(object)
        frame.attrs["warnings"] = [w.to_dict() for w in self.warnings]
        return frame


# --------------------------------------------------------------------------------------------
# Lines of a report
# --------------------------------------------------------------------------------------------


def _as_lines(source: Report | str | Sequence[str]) -> tuple[list[str], int | None]:
    """Lines to read: a report's paragraphs; a text, structured first (normalised as a file would
    be); a sequence of lines, taken as already clean."""
    if isinstance(source, str):
        from nlp.structure import parse_text

        source = parse_text(source)
    elif isinstance(source, Sequence):
        return list(source), None
    return report_lines(source), source.year


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


def read_tables(source: Report | str | Sequence[str], year: int | None = None, template: str | None = None) -> TableExtraction:
    """Find and read the three tables of a report (a `Report`, its text, or its lines)."""
    raw_lines, report_year = _as_lines(source)
    raw_lines = unglue(raw_lines)
    year = year if year is not None else report_year
    lines = [line for i, text in enumerate(raw_lines) if (line := tokenize_line(text, i)) is not None]
    regions = locate_regions(lines)
    titles = titles_present(lines)
    region_lines = {table: _region_body(lines[r.start : r.end]) for table, r in regions.items()}
    # tables given as lines of counts (`本年新收…申请数量：3件`), prose included (`nlp.tables.statedlines`)
    stated = stated_spans(lines, regions)
    # the line after each table's last line (`blankrows`: was the table cut short there?)
    after = {id(line): lines[i + 1] for i, line in enumerate(lines[:-1])}
    following = {table: after.get(id(body[-1])) if body else None for table, body in region_lines.items()}
    # nothing to read, unless a table printed every cell blank shows its empty cells (`blankrows`)
    # (or table 四 printed blank under its full headers)
    shown = any(line.values or shows_empty_cells(line) for body in region_lines.values() for line in body)
    if not shown and not stated and not blank_review_table(region_lines.get("review_litigation", []), following.get("review_litigation")):
        return TableExtraction(None, regions=regions, titles=titles)
    if template is None:
        # header words anywhere in a region, not only in its body: a stray line can end the body
        # before the headers, and the year alone then names the wrong template
        region_texts = [line.text for r in regions.values() for line in lines[r.start : r.end] if not is_prose(line)]
        template = recognise_template(region_texts, year)
    if template is None:  # no header words and no year: the template that places more numbers
        readings = [_read(get_template(name), regions, region_lines, following, stated) for name in ("2021", "2019")]
        result = max(readings, key=lambda r: len([c for c in r.cells if c.value is not None]))
    else:
        result = _read(get_template(template), regions, region_lines, following, stated)
    result.titles = titles
    return result


def extract_tables(report: Report | str | Sequence[str]) -> pd.DataFrame:
    """The report's table cells as a tidy DataFrame (`table`, `row`, `col`, `value`, `template`).

    `frame.attrs["warnings"]` lists what could not be placed, each with the line it came from.
    """
    return read_tables(report).to_frame()


def _region_body(lines: Sequence[Line]) -> list[Line]:
    """A region's lines without prose; prose after the first numbers ends the table."""
    body: list[Line] = []
    seen_values = False
    for line in lines:
        if is_prose(line):
            if seen_values:
                break
            continue
        seen_values = seen_values or bool(line.values)
        body.append(line)
    return body


def _read(
    template: Template, regions: dict[str, Region], region_lines: dict[str, list[Line]], following: dict[str, Line | None], stated: dict[str, list[Line]]
) -> TableExtraction:
    result = TableExtraction(template.name, regions=regions)
    for table in TABLE_KEYS:
        if table in stated:
            _read_stated(template.table(table), stated[table], result)
            continue
        if table not in region_lines:
            continue
        transposed = read_transposed(template.table(table), region_lines[table])
        if transposed is not None:
            _collect_transposed(template.table(table), transposed, result)
        else:
            _read_table(template, table, region_lines[table], result, following.get(table))
        _warn_unread_rows(template.table(table), region_lines[table], result)
    return result


def _read_stated(spec: TableSpec, lines: Sequence[Line], result: TableExtraction) -> None:
    """A table given as lines of counts: the cells they state plainly, and a warning for each row they leave
    (partly) unstated and for each count they do not place."""
    reading = read_stated(spec, lines)
    for cell in reading.cells:
        result.cells.append(Cell(spec.key, cell.row, cell.col, cell.value, cell.line))
        result.placements[(spec.key, cell.row)] = STATED
    if reading.unplaced:
        # One warning for the table, each clause named once: the same clause (`纠正0件`) stands on each line of table
        # 四's or 三's results, and a warning per line said the same thing again and again.
        clauses = list(dict.fromkeys(clause for clause, _ in reading.unplaced))
        result.warnings.append(
            TableWarning(spec.key, f"stated as lines, but the row or column of these is not plain: {'; '.join(clauses)}", reading.unplaced[0][1])
        )
    read = {(c.row, c.col) for c in reading.cells}
    rows_read = {row for row, _ in read}
    first = lines[0].raw if lines else ""
    # a variant row (2019's one （六）其他处理) and the rows it stands for exclude each other: one read, the other is no gap
    excluded = {key for v in spec.variants for key in ((v.key,) if rows_read & set(v.replaces) else v.replaces if v.key in rows_read else ())}
    for row in spec.with_variants().rows:
        unstated = [col for col in row.columns if (row.key, col) not in read]
        if unstated and row.key not in excluded:
            what = "no number" if len(unstated) == len(row.columns) else f"no number for {', '.join(unstated)}"
            result.warnings.append(TableWarning(spec.key, f"table given as lines: they state {what} of row {row.key}", first, row.key))


def _collect_transposed(spec: TableSpec, reading: TransposedReading, result: TableExtraction) -> None:
    """A table 三 printed transposed (`nlp.tables.transposed`): its cells as printed, or a warning on each of its rows
    where no one reading fits."""
    if reading.problem:
        for row in spec.with_variants().row_keys:
            result.warnings.append(TableWarning(spec.key, f"table printed transposed (applicant types as rows); left out: {reading.problem}", reading.line, row))
            result.unplaced_rows.setdefault(spec.key, []).append(row)
        return
    for row, col, value, line in reading.cells:
        result.cells.append(Cell(spec.key, row, col, value, line))
        result.placements[(spec.key, row)] = TRANSPOSED
    result.warnings += [TableWarning(spec.key, "numbers not placed in any row", line) for line in reading.unplaced]


def _warn_unread_rows(spec: TableSpec, lines: Sequence[Line], result: TableExtraction) -> None:
    """Rows whose label stands in the table but that gave no cells, each named in a warning with
    the line where its label was seen: the extraction lost them, the report did not leave them out."""
    read = {cell.row for cell in result.cells if cell.table == spec.key}
    warned = {w.row for w in result.warnings if w.table == spec.key and w.row}
    replaced = {r for variant in spec.variants if variant.key in read for r in variant.replaces}
    # a variant row (the 2019 form's one-row （六）其他处理) is lost as much as a template row
    # (unless a row it replaces was read: the two forms exclude each other)
    keys = [*spec.row_keys, *(v.key for v in spec.variants if v.key not in spec.row_keys and not read & set(v.replaces))]
    missing = [row for row in keys if row not in read and row not in warned and row not in replaced]
    if not missing:
        return
    # a short label (`3.其它`) names its row weakly; on a line whose numbers were left out it is
    # still the row the extraction lost there
    left_out = [w.line for w in result.warnings if w.table == spec.key]
    first_seen: dict[str, Line] = {}
    named = spec.with_variants()
    for line in lines:
        raw = line.raw.strip()
        on_left_out = bool(raw) and any(raw in text for text in left_out)
        # labels glued one after another on a left-out line each name their row
        pieces = [line.text, *(ITEM_START.split(line.text) if on_left_out else ())]
        for piece in pieces:
            for row, strength in match_rows(named, piece).items():
                if strength == STRONG or on_left_out:
                    first_seen.setdefault(row, line)
    for row in missing:
        seen = first_seen.get(row)
        if seen is None:
            continue
        result.warnings.append(TableWarning(spec.key, f"label of row {row} at line {seen.index + 1}; its numbers could not be read", seen.raw, row))
        result.unplaced_rows.setdefault(spec.key, []).append(row)


def _read_table(template: Template, table: str, lines: list[Line], result: TableExtraction, following: Line | None = None) -> None:
    groups = group_lines(lines)
    spec = template.table(table)
    if table == "review_litigation":
        decisions = review_table_decisions(spec, groups, lines, following)
    elif spec.ordered:
        decisions = align_ordered(spec, groups, REQUEST_BLOCKS)
        decisions += blank_rows(spec, lines, decisions, following)  # before the search: blank rows are rows in hand
        # rows whose blank cells were dropped: placed where the table's arithmetic allows one reading
        place_short_rows(spec.with_variants(), decisions, REQUEST_BLOCKS)
    else:
        decisions = align_by_label(spec, groups)
        _fill_from_noted_cells(spec, decisions)
        decisions += blank_rows(spec, lines, decisions, following)
    _collect(spec, decisions, result)


def _collect(spec: TableSpec, decisions: list[Decision], result: TableExtraction) -> None:
    taken: set[str] = set()
    for decision in decisions:
        group, row = decision.group, decision.row
        line = group.source_text
        if row == CONSUMED:
            continue
        if row is None:
            if any(t.kind == NUM for t in group.values):
                result.warnings.append(TableWarning(spec.key, "numbers not placed in any row", line))
            continue
        if row == AMBIGUOUS:
            rows = ", ".join(decision.candidates) or "?"
            result.warnings.append(TableWarning(spec.key, f"numbers could be row {rows}; left out", line))
            continue
        placement = decision.placement
        if placement is None or not placement.ok:
            detail = placement.detail if placement else "no placement"
            _warn_once(result, TableWarning(spec.key, f"row left out: {detail}", line, row))
            result.unplaced_rows.setdefault(spec.key, []).append(row)
            continue
        if row in taken:
            continue
        taken.add(row)
        how = placement.how
        if spec.key == "requests" and how == EXACT and not match_rows(spec, group.inline) and not any(match_rows(spec, t) for t in group.before):
            how = "by_order"
        if placement.unknown:  # some cells left out: each row's own warning (rows may share a line and a message)
            result.warnings.append(TableWarning(spec.key, f"read with repair: {placement.detail}", line, row))
        elif how not in AS_PRINTED and how != "by_order":
            _warn_once(result, TableWarning(spec.key, f"read with repair: {placement.detail}", line, row))
        columns = spec.row(row).columns
        assert placement.values is not None
        result.placements[(spec.key, row)] = how
        for i, (col, value) in enumerate(zip(columns, placement.values, strict=True)):
            if i not in placement.unknown:
                result.cells.append(Cell(spec.key, row, col, value, line))


def _warn_once(result: TableExtraction, warning: TableWarning) -> None:
    """One warning per message and line (table 四's three rows share one line and one repair)."""
    if not any(w.message == warning.message and w.line == warning.line for w in result.warnings):
        result.warnings.append(warning)


# --------------------------------------------------------------------------------------------
# Table 二: cells a conversion pulled out of their row
# --------------------------------------------------------------------------------------------


def _fill_from_noted_cells(spec: TableSpec, decisions: list[Decision]) -> None:
    """Rows short of one number, completed by loose noted numbers (`22` / `（其中修订16件）`).

    PDF converters pull multi-line cells out of the table: the row keeps its other numbers and the
    cell stands alone with its note. The note says the column (修订 → issued, 失效 → repealed);
    the loose numbers are taken in order, one per short row, and only where the counts agree.
    """
    short = [d for d in decisions if d.row not in (None, AMBIGUOUS) and d.placement is not None and not d.placement.ok]
    short = [d for d in short if len(d.group.values) == len(spec.row(d.row).columns) - 1]  # type: ignore[arg-type]
    loose = [d for d in decisions if d.row is None and not d.group.inline and len(d.group.values) == 1]
    if not short or len(short) != len(loose):
        return
    for target, orphan in zip(short, loose, strict=True):
        columns = spec.row(target.row).columns  # type: ignore[arg-type]
        token = orphan.group.values[0]
        note = token.note or (orphan.group.after[0] if orphan.group.after else "")
        column = note_column(note, columns) if note else None
        if column is None:
            continue
        own = iter(t.value for t in target.group.values)
        values = tuple(token.value if c == column else next(own) for c in columns)
        target.placement = Placement(values, "note", f"cell {token.raw} ({note}) printed outside its row, placed by its note")
        target.group = Group(
            target.group.cells,
            target.group.inline,
            target.group.before,
            target.group.after,
            target.group.lines + orphan.group.lines,
            target.group.source + orphan.group.source,
        )
        orphan.row = CONSUMED


# --------------------------------------------------------------------------------------------
# Table 四: fifteen cells in one or three rows
# --------------------------------------------------------------------------------------------
