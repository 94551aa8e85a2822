"""The aligner's decisions, and their revision: rows printed out of order, rows a shift between labels
and numbers may have moved, rows placed by position next to a row its label released.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.tables.layout import Group
from nlp.tables.placement import Placement
from nlp.tables.rowlabels import PLACED
from nlp.tables.schema import STRONG, TableSpec, match_rows

#: Row keys an assignment gives, or AMBIGUOUS with the rows it hesitates between.
AMBIGUOUS = "?"


@dataclass
class Decision:
    group: Group
    row: str | None  # None: no row; AMBIGUOUS: several rows fit equally well
    candidates: tuple[str, ...] = ()
    placement: Placement | None = None


def doubt_rows_after_orphans(table: TableSpec, decisions: list[Decision]) -> None:
    """Rows that joining a page's lines may have shifted by one, left out.

    A page that prints numbers apart from their labels (a PDF centring them on a wrapped label
    cell; a converter stacking label cells over their rows), once its lines are joined, puts each
    label on numbers that need not be its own. What gives it away is the two ends of the shift: an
    orphan (a whole row of numbers with no label of its own, or a row's numbers with another row's
    run on) and a label with no numbers. Every labelled row between them reads as well with the
    numbers after its label as with the ones before it, and no arithmetic across rows tells the
    readings apart: such rows are left out (the extractor names them in a warning), never given
    their neighbour's numbers. Without a label short of numbers at the other end there is no shift.
    """
    rows = set(table.row_keys)
    variants = table.variant_keys

    def labelled(decision: Decision) -> bool:
        return decision.row in rows and bool(decision.group.inline)

    def labels(decision: Decision) -> int:
        texts = [decision.group.inline, *decision.group.before]
        # the 2019 form's one-row （六）其他处理 is named by the group label of the 2021 rows: not a second label
        named = len({row for text in texts for row, s in match_rows(table, text).items() if s == STRONG and row not in variants})
        # an item's label run into the next item's or group's (`3.其它（七）总计`): two labels even
        # where the short one names no row by itself
        return max(named, 2 if _TWO_ITEMS.search(decision.group.inline) else 0)

    def loose_before(decision: Decision) -> bool:
        return any(s == STRONG for text in decision.group.before for s in match_rows(table, text).values())

    doubted: set[int] = set()
    #: each doubted row's other reading: the group whose numbers it takes if the shift is real
    other: dict[int, set[int]] = {}
    for i, orphan in enumerate(decisions):
        if not _is_orphan(orphan, table):
            continue
        for step in (1, -1):
            chain: list[int] = []
            j = i + step
            while 0 <= j < len(decisions):
                decision = decisions[j]
                # the other end of a shift: a row the alignment could not decide, a label short of
                # numbers, or (forward) a line with two labels, (backward) loose labels before a row
                short = decision.placement is not None and not decision.placement.ok and len(decision.group.values) < len(table.rows[0].columns)
                if decision.row == AMBIGUOUS or (labelled(decision) and (short or (labels(decision) >= 2 if step == 1 else loose_before(decision)))):
                    ends = chain + ([j] if labelled(decision) else [])
                    doubted.update(ends)
                    # left-out bare rows in a row shift the labels by as many groups: every group from a
                    # row back to the last of them holds numbers the row's label may own
                    far = i
                    while 0 <= far - step < len(decisions) and _left_out_bare(decisions[far - step]):
                        far -= step
                    for k in ends:
                        other.setdefault(k, set()).update(range(k - step, far - step, -step))
                    break
                if not labelled(decision):
                    break
                chain.append(j)
                j += step
    for j in doubted:
        # a row whose numbers are the same under every reading (`0 0 0 0 0 0 0` next to `0 0 0 0 0 0 0`)
        # is right whichever is true
        if not all(_same_numbers(decisions[j], decisions[k]) for k in other[j]):
            _doubt(decisions[j])


def doubt_rows_after_left_out_rows(table: TableSpec, decisions: list[Decision]) -> None:
    """A row read by the loose labels before it, where the numbers just before those labels (a whole row with
    no text of its own) were left out: the labels stand between two rows of bare numbers and may be either's.

    A PDF centres numbers on their wrapped label cells (numbers above or below the label); a hard wrap that
    also cuts a label from its numbers (`3.补正后申请内容仍不明确` / `0 0 0 0 0 0 0`) leaves runs of bare rows
    with labels between them, and the alignment may give the labels to the later row while the earlier one
    is left out. Nothing tells which row the label right under the left-out numbers is: the later row that
    took it is left out too (warned)."""
    rows = set(table.row_keys)
    for previous, decision in zip(decisions, decisions[1:], strict=False):
        group = previous.group
        if previous.row is not None or group.inline or not group.after or previous.placement is None or not previous.placement.ok:
            continue
        if decision.row not in rows or decision.group.inline:
            continue
        # the label right under the left-out numbers (a PDF centres numbers on their label): the one a
        # later label in a stack of labels (a converter's label column) is not in doubt
        nearest = next((found for text in group.after if (found := {r for r, s in match_rows(table, text).items() if s == STRONG})), set())
        if decision.row in nearest:
            _doubt(decision)


_TWO_ITEMS = re.compile(r"[1-9][.、．][\u4e00-\u9fff]+(?:[（(][一二三四五六七八九十]{1,2}[）)]|[1-9][.、．](?=[\u4e00-\u9fff]))")


def _left_out_bare(decision: Decision) -> bool:
    """A whole row of numbers with no text on its line that no row took (loose labels may follow it)."""
    placement = decision.placement
    return decision.row is None and not decision.group.inline and placement is not None and placement.ok


def _same_numbers(decision: Decision, neighbour: Decision) -> bool:
    """Both groups placed as one row each, with equal values."""
    mine, theirs = decision.placement, neighbour.placement
    return mine is not None and theirs is not None and mine.ok and theirs.ok and mine.values == theirs.values


def _is_orphan(decision: Decision, table: TableSpec) -> bool:
    """Numbers with no row: a whole row that adds up, with no label next to it, or a labelled
    group holding a second row's numbers that could not be cut into two."""
    group, placement = decision.group, decision.placement
    if decision.row is None:
        return not (group.inline or group.before or group.after) and bool(group.values) and placement is not None and placement.ok
    count = len(table.rows[0].columns)
    # another row's worth of numbers (two of them may have run together: `0 670 40 …`), not a
    # surplus number or two
    return decision.row != AMBIGUOUS and (placement is None or not placement.ok) and len(group.values) >= 2 * count - 1


def _doubt(decision: Decision) -> None:
    decision.candidates = (decision.row,)  # type: ignore[assignment]
    decision.row = AMBIGUOUS


def unpin_next_to_released_rows(table: TableSpec, decisions: list[Decision], scores: list[list[int | None]]) -> None:
    """A row a group's own label names is kept from the groups placed by position (`nlp.tables.align`); when
    that group was given another row after all (a converter moved the label onto a neighbour's
    line), the named row is free, and a group placed by position next to it could as well be it:
    such a group is ambiguous, never shifted one row off."""
    rows = table.row_keys
    named = {row for d in decisions for row, s in match_rows(table, d.group.inline).items() if s == STRONG}
    taken = {d.row for d in decisions}
    released = {rows.index(row) for row in named - taken if row in rows}
    if not released:
        return
    index = [rows.index(d.row) if d.row in rows else None for d in decisions]
    for i, decision in enumerate(decisions):
        r = index[i]
        if r is None or scores[i][r] != PLACED:
            continue  # not placed by position alone
        before = next((index[j] for j in range(i - 1, -1, -1) if index[j] is not None), -1)
        after = next((index[j] for j in range(i + 1, len(decisions)) if index[j] is not None), len(rows))
        free = [k for k in range(before + 1, after) if k in released]
        if free:
            decision.candidates = tuple(rows[k] for k in sorted({r, *free}))
            decision.row = AMBIGUOUS


def decide(rows: Sequence[str], groups: list[Group], choices: list[set[int | None]], placements: list[Placement]) -> list[Decision]:
    decisions: list[Decision] = []
    for g, group in enumerate(groups):
        picked = choices[g]
        if len(picked) == 1:
            only = next(iter(picked))
            row = None if only is None else rows[only]
            decisions.append(Decision(group, row, placement=placements[g]))
        else:
            names = tuple(sorted((rows[r] for r in picked if r is not None), key=rows.index))
            decisions.append(Decision(group, AMBIGUOUS, names, placements[g]))
    return decisions


def labels_over_order(table: TableSpec, decisions: list[Decision]) -> list[Decision]:
    """Rows printed out of template order: a group left out by the alignment whose own line names
    exactly one row, which no other group took, is that row."""
    named = [_named_outright(table, d.group.inline) for d in decisions]
    claims = Counter(rows[0] for rows in named if len(rows) == 1)
    taken = {d.row for d in decisions}
    for decision, rows in zip(decisions, named, strict=True):
        if decision.row in (None, AMBIGUOUS) and len(rows) == 1 and claims[rows[0]] == 1 and rows[0] not in taken:
            decision.row, decision.candidates = rows[0], ()
            taken.add(rows[0])
    return decisions


def _named_outright(table: TableSpec, text: str) -> list[str]:
    """Rows `text` names strongly; a variant row yields to a row it replaces named beside it."""
    named = [row for row, s in match_rows(table, text).items() if s == STRONG]
    for variant in table.variants:
        if variant.key in named and any(r in named for r in variant.replaces):
            named.remove(variant.key)
    return named
