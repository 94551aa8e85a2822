"""Deciding which row each group of numbers is.

Evidence for "group g is row r", strongest first: the row's words on the numbers' own line
(`inline`), in the loose text before them (a .docx label line, the first half of a wrapped PDF
label; the nearest label counts most), the inline text joined to the next line (`4. 无正` /
`当理由大量反复申请`), the bare item number (`7.`), and whether the numbers fill the row's
columns at all. Text after a group is not evidence by itself: it is as often the next row's label
as the end of this one's. Rows of table 三 are printed in template order, so its
groups are aligned to rows by dynamic programming: the assignment, in order, that collects the
most evidence. A group whose row differs between two equally good assignments is ambiguous and
left out: an unlabeled row of numbers is placed by its position only where its neighbours pin it
down. Table 二 is small and its labels distinct, but reports print its blocks in any order, so
each group simply takes the row its label names.

The points come from `nlp.tables.rowlabels`; the decisions and their revision (rows out of order,
shifted rows) are `nlp.tables.decisions`.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.tables.decisions import (
    AMBIGUOUS,
    Decision,
    decide,
    doubt_rows_after_left_out_rows,
    doubt_rows_after_orphans,
    labels_over_order,
    unpin_next_to_released_rows,
)
from nlp.tables.digits import Block
from nlp.tables.layout import Group
from nlp.tables.placement import MAX_EXTRA, Placement, place
from nlp.tables.rowlabels import BEFORE, INLINE, ITEM, PLACED, gather_evidence
from nlp.tables.schema import STRONG, TableSpec, match_rows
from nlp.tables.tokens import NUM, Token
from nlp.tables.wrapped import doubt_cut_last_numbers, rejoin_wrapped

__all__ = ["AMBIGUOUS", "Decision", "align_by_label", "align_ordered", "gather_evidence"]


def _pass_on_labels(table: TableSpec, groups: list[Group], placements: list[Placement]) -> None:
    """A stray number between a label and its row (`…缴纳费用` / `1` / `0 | 0 | …`) does not take
    the label with it: the next group, unless its own line names a row, sees the same loose text."""
    for i in range(len(groups) - 1):
        this, following = groups[i], groups[i + 1]
        if this.inline or placements[i].ok or following.before:
            continue
        if not following.inline or not match_rows(table, following.inline):
            following.before = list(this.before)


def _split_double_rows(
    groups: list[Group], placements: list[Placement], count: int, blocks: Sequence[Block]
) -> tuple[list[Group], list[Placement]]:
    """Two rows' numbers run together on one line (glued text: `…事项 0 0 0 0 0 0 010 0 0 0 0 0 10`,
    or one digit run), cut in two where the numbers fill exactly two rows that each add up; the
    second row keeps no label of its own (its label may be printed after it)."""
    if not blocks:
        return groups, placements
    double = tuple((start + offset, size) for offset in (0, count) for start, size in blocks)
    out: list[Group] = []
    out_placements: list[Placement] = []
    for group, placement in zip(groups, placements, strict=True):
        values = group.values
        both = None if placement.ok or not values or len(values) > 2 * count + MAX_EXTRA else place(values, 2 * count, double)
        if both is None or both.values is None:
            out.append(group)
            out_placements.append(placement)
            continue
        first = [Token(NUM, str(v), v) for v in both.values[:count]]
        second = [Token(NUM, str(v), v) for v in both.values[count:]]
        out.append(Group(first, group.inline, group.before, [], group.lines, group.source))
        out.append(Group(second, "", [], group.after, group.lines, group.source, second_of_two=True))
        out_placements.extend(place(part, count, blocks) for part in (first, second))
    return out, out_placements


def _labels_after(table: TableSpec, groups: Sequence[Group]) -> list[bool]:
    """Groups that may take the label printed just after them, as much as one before them.

    A PDF centres a row's numbers on its label cell: where the label wraps onto several lines the
    numbers may stand above it (`1 0 0 0 0 0 1` / `1.属于国家秘密` / `2.其他法律… 0 0 0 …`). A loose
    label between numbers with no text of their own and a row that carries its own text (or
    that itself takes the label after it, read from the end) is claimed from both sides; where
    both labels fit equally the alignment leaves the row out. Anywhere else the text after a group
    is the next row's label (.docx layouts, label cells a converter cut apart): no evidence.
    """
    flags = [False] * len(groups)
    for i in range(len(groups) - 2, -1, -1):
        group, following = groups[i], groups[i + 1]
        names_after = not group.inline and bool(group.after) and bool(match_rows(table, group.after[0]))
        # numbers stacked over lines are a .docx row, labelled before; but a second row cut from
        # the numbers of the one above (`_split_double_rows`) has no label but the one after
        flags[i] = names_after and (
            group.second_of_two or (len(group.lines) == 1 and (bool(following.inline) or flags[i + 1]))
        )
    return flags


def _scores(table: TableSpec, groups: list[Group], placements: list[Placement]) -> list[list[int | None]]:
    """Points for each (group, row); None where the group may not be that row.

    A row that some group's own line names outright is reserved: another group takes it only on
    evidence of its own, never by its position (rows printed out of order would otherwise lend
    their slot to a neighbour).
    """
    evidence = [gather_evidence(table, g, after) for g, after in zip(groups, _labels_after(table, groups), strict=True)]
    for variant in table.variants:
        # a variant row (the 2019 form's one-row （六）其他处理) only where named outright, never by a
        # group that also names a row it replaces (`（六）其他处理 1.申请人…逾期不补正`), and not at
        # all in a table where a row it replaces is named: the two forms exclude each other, and
        # `（六）其他处理` over a row whose own label was lost is that row
        replaced_named = any(ev.scores.get(r, 0) >= BEFORE[STRONG] for ev in evidence for r in variant.replaces)
        for ev in evidence:
            if replaced_named or ev.scores.get(variant.key, 0) < BEFORE[STRONG] or any(ev.scores.get(r, 0) > 0 for r in variant.replaces):
                ev.scores.pop(variant.key, None)
                if ev.labelled and not ev.scores:
                    ev.labelled = False
    variants = table.variant_keys
    reserved = {row for ev in evidence if ev.labelled for row, points in ev.scores.items() if points >= INLINE[STRONG]}
    scores: list[list[int | None]] = []
    for ev, placement in zip(evidence, placements, strict=True):
        row_scores: list[int | None] = []
        for key in table.row_keys:
            own = ev.scores.get(key, 0)
            if not ev.allowed(key, placement.ok) or (key in reserved and own < BEFORE[STRONG]) or (key in variants and not own):
                row_scores.append(None)
            else:
                row_scores.append(own + (PLACED if placement.ok else 0))
        scores.append(row_scores)
    return scores


def _optimal_choices(score: list[list[int | None]], count_r: int) -> list[set[int | None]]:
    """For each group, the rows (None: no row) it takes on some best in-order assignment."""
    count_g = len(score)
    # best[g][r]: most points collected by groups g.. using rows r..
    best = [[0] * (count_r + 1) for _ in range(count_g + 1)]
    for g in range(count_g - 1, -1, -1):
        following, here = best[g + 1], best[g]
        take = 0  # best of assigning group g to some row r2 >= r, kept as r falls
        here[count_r] = following[count_r]
        for r in range(count_r - 1, -1, -1):
            s = score[g][r]
            if s is not None and s > 0:
                take = max(take, s + following[r + 1])
            here[r] = max(following[r], take)
    choices: list[set[int | None]] = [set() for _ in range(count_g)]
    frontier = {0}  # row pointers reachable on best paths
    for g in range(count_g):
        reachable: set[int] = set()
        for r in frontier:
            target = best[g][r]
            if best[g + 1][r] == target:
                choices[g].add(None)
                reachable.add(r)
            for r2 in range(r, count_r):
                s = score[g][r2]
                if s is not None and s > 0 and s + best[g + 1][r2 + 1] == target:
                    choices[g].add(r2)
                    reachable.add(r2 + 1)
        frontier = reachable
    return choices


def align_ordered(table: TableSpec, groups: list[Group], blocks: Sequence[Block] = ()) -> list[Decision]:
    """Assign groups to the rows of an ordered table (三, whose rows share their columns) by
    dynamic programming; then rows printed out of order that their labels name."""
    table = table.with_variants()
    count = len(table.rows[0].columns)
    groups, placements = rejoin_wrapped(groups, [place(g.cells, count, blocks) for g in groups], count, blocks)
    groups, placements = _split_double_rows(groups, placements, count, blocks)
    _pass_on_labels(table, groups, placements)
    scores = _scores(table, groups, placements)
    choices = _optimal_choices(scores, len(table.rows))
    decisions = decide(table.row_keys, groups, choices, placements)
    unpin_next_to_released_rows(table, decisions, scores)
    decisions = labels_over_order(table, decisions)
    doubt_rows_after_orphans(table, decisions)
    doubt_rows_after_left_out_rows(table, decisions)
    return decisions


def align_by_label(table: TableSpec, groups: list[Group]) -> list[Decision]:
    """Assign groups to the rows their labels name (table 二, whose blocks come in any order)."""
    proposals: list[tuple[str | None, int, tuple[str, ...]]] = []
    for group in groups:
        ev = gather_evidence(table, group)
        scored = sorted(((s, row) for row, s in ev.scores.items() if s > ITEM), reverse=True)
        if not scored:
            proposals.append((None, 0, ()))
            continue
        top = scored[0][0]
        leaders = tuple(row for s, row in scored if s == top)
        proposals.append((leaders[0] if len(leaders) == 1 else AMBIGUOUS, top, leaders))
    claims: dict[str, list[int]] = {}
    for i, (row, _, _) in enumerate(proposals):
        if row not in (None, AMBIGUOUS):
            claims.setdefault(row, []).append(i)
    rows: list[str | None] = []
    placements: list[Placement | None] = []
    for i, group in enumerate(groups):
        row, strength, leaders = proposals[i]
        if row not in (None, AMBIGUOUS):
            rivals = [proposals[j][1] for j in claims[row] if j != i]
            if any(r > strength for r in rivals):
                row, leaders = None, ()
            elif any(r == strength for r in rivals):
                row, leaders = AMBIGUOUS, (row,)
        columns = len(table.row(row).columns) if row not in (None, AMBIGUOUS) else 0
        placements.append(place(group.cells, columns) if columns else None)
        rows.append(row)
        proposals[i] = (row, strength, leaders)
    counts = [len(table.row(row).columns) if row not in (None, AMBIGUOUS) else 0 for row in rows]
    doubt_cut_last_numbers(groups, placements, counts)
    return [
        Decision(group, row, proposals[i][2] if row == AMBIGUOUS else (), placements[i])
        for i, (group, row) in enumerate(zip(groups, rows, strict=True))
    ]
