"""Table 四's reading: three rows of five cells (复议, 未经复议直接起诉, 复议后起诉), printed as three labelled rows or, in
the template's layout, as one unlabeled run of fifteen under three blocks of five column heads; printed blank, read
on plain evidence only (`nlp.tables.blankrows`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nlp.tables.align import Decision
from nlp.tables.arithmetic import place_by_own_arithmetic
from nlp.tables.blankrows import blank_review_table, blank_rows
from nlp.tables.layout import EXACT, NUM, UNPLACEABLE, Group, Line, Placement, place
from nlp.tables.regions import MARKERS
from nlp.tables.schema import REVIEW_COLUMNS, REVIEW_ROWS, TableSpec, match_rows
from nlp.tables.wrapped import rejoin_wrapped

#: Arithmetic used to place the run of fifteen: each block's last cell (总计) is the sum of the others.
REVIEW_BLOCKS = tuple((i * len(REVIEW_COLUMNS), len(REVIEW_COLUMNS)) for i in range(len(REVIEW_ROWS)))


def review_table_decisions(spec: TableSpec, groups: list[Group], lines: Sequence[Line], following: Line | None) -> list[Decision]:
    """The decisions for table 四's rows from its groups of numbers (`lines` its body, `following` the line after)."""
    # A text whose table lines keep their leading blanks (`\t\t结果维持…`) lost only the blanks at their end.
    decisions = _review_decisions(spec, groups, open_end=any(line.raw[:1] == "\t" for line in lines))
    if not any(MARKERS[spec.key].search(line.text) for line in lines):
        # No header stands over the cells: their order is the template's, not read off the page, so
        # the arithmetic checks do not blame the report for them (`checks`: placed by order).
        decisions = [_by_order(d) for d in decisions]
    decisions = decisions or blank_review_table(lines, following)
    # a labelled block printed blank (its label and five empty cells) beside blocks read by their numbers
    return decisions + blank_rows(spec, lines, decisions, following)


def _by_order(decision: Decision) -> Decision:
    placement = decision.placement
    if placement is None or not placement.ok or placement.how != EXACT:
        return decision
    return replace(decision, placement=replace(placement, how="by_order"))


def _review_decisions(spec: TableSpec, groups: list[Group], open_end: bool = False) -> list[Decision]:
    """Three rows of five cells, printed as three labelled rows or as one run of fifteen. `open_end`: the
    text's lines were stripped at their end only, so an unlabeled run that stops short lost blank cells
    there (`placement.place`)."""
    size = len(REVIEW_COLUMNS)
    groups = [g for g in groups if g.values]
    if not groups:
        return []
    # a row (or the run of fifteen) wrapped onto lines of bare numbers is one row again
    groups, per_row = rejoin_wrapped(groups, [place(g.cells, size, ((0, size),)) for g in groups], size, ((0, size),))
    run = len(REVIEW_ROWS) * size
    if len(groups) > 1 and not all(p.ok for p in per_row):
        joined, _ = rejoin_wrapped(groups, [place(g.cells, run, REVIEW_BLOCKS) for g in groups], run, REVIEW_BLOCKS)
        if len(joined) < len(groups):
            groups, per_row = joined, [place(g.cells, size, ((0, size),)) for g in joined]
    if 1 < len(groups) <= len(REVIEW_ROWS) and all(p.ok for p in per_row):
        named = []
        for group in groups:
            # the label on the numbers' own line first: a block printed blank (its label alone) stands before the next
            rows = set(match_rows(spec, group.inline)) or {row for text in group.before for row in match_rows(spec, text)}
            named.append(next(iter(rows)) if len(rows) == 1 else None)
        if all(named) and len(set(named)) == len(named):
            return [Decision(g, row, placement=p) for g, row, p in zip(groups, named, per_row, strict=True)]
        if len(groups) == len(REVIEW_ROWS):
            return [Decision(g, row, placement=p) for g, row, p in zip(groups, REVIEW_ROWS, per_row, strict=True)]
    merged = Group(
        [cell for g in groups for cell in g.cells],
        lines=[i for g in groups for i in g.lines],
        source=[s for g in groups for s in g.source],
    )
    placement = place(merged.cells, size * len(REVIEW_ROWS), REVIEW_BLOCKS)
    if not placement.ok and open_end and len(groups) == 1 and not groups[0].inline:
        placement = place(merged.cells, size * len(REVIEW_ROWS), REVIEW_BLOCKS, open_end=True)
    if not placement.ok and all(t.kind == NUM for t in merged.values):
        # zeros printed blank and dropped: the cells every reading that adds up agrees on
        placement = place_by_own_arithmetic([t.value for t in merged.values], size * len(REVIEW_ROWS), REVIEW_BLOCKS) or placement  # type: ignore[misc]
    if not placement.ok:
        return [Decision(merged, row, placement=Placement(None, UNPLACEABLE, placement.detail)) for row in REVIEW_ROWS]
    assert placement.values is not None
    decisions = []
    for i, row in enumerate(REVIEW_ROWS):
        part = placement.values[i * size : (i + 1) * size]
        unknown = tuple(k - i * size for k in placement.unknown if i * size <= k < (i + 1) * size)
        decisions.append(Decision(merged, row, placement=Placement(tuple(part), placement.how, placement.detail, unknown=unknown)))
    return decisions
