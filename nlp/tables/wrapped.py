"""A row's numbers hard-wrapped onto the next line, put back together by the row's arithmetic.

Converters and crawlers that break lines at a fixed width cut table rows wherever the width falls:
between two cells (`一、本年新收… 3001 53 0` / `0 61 4 3119`) or inside a number (`（一）予以公开 1288 21 0 0
50 3 13` / `62`, `… 72 64 178 37 351 13 4 8 1 2` / `6 12 1 1 6 20`). The piece after the cut is a line of
bare numbers. Read as they stand, the first piece is a row short of numbers (left out) or, where the cut
fell inside the last number, a row of the right count with a wrong total (`13` for `1362`), and the second
is an orphan.

`rejoin_wrapped` reads a row followed by such bare pieces both ways at every cut (the pieces' numbers
side by side, or the two numbers at the cut one number) and keeps a reading only where it fills the row's
columns exactly and every block adds up (table 三's 总计, table 四's 总计 of each part). Exactly one such
reading: the pieces are one row. Several: the row is left out. None: the pieces stay as they are, except
a row of the right count whose total does not add up and whose last number runs on into a bare piece: its
last number may be cut, so it is left out (unplaceable), never read with a number's first digits.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

from nlp.tables.digits import Block, blocks_hold
from nlp.tables.layout import NUM, UNPLACEABLE, Group, Placement, Token, place

#: A row is cut into at most this many pieces after its first (a width of 20 cuts a row of table 四 twice).
MAX_PIECES = 3


def _digits(token: Token) -> bool:
    return token.kind == NUM and token.raw.isdigit()


def _bare(group: Group) -> bool:
    """Numbers alone on one line, nothing between them and the group before (a wrapped row's rest)."""
    return not group.inline and not group.before and len(group.lines) == 1 and bool(group.values) and all(_digits(t) for t in group.values)


def _readings(pieces: Sequence[Sequence[Token]], count: int) -> list[tuple[int, ...]]:
    """Every way to read `pieces` as one row of `count` numbers: at each cut the numbers either side
    are two cells or one number cut in two (no number starts with 0)."""
    out: list[tuple[int, ...]] = []
    for joins in product((False, True), repeat=len(pieces) - 1):
        values: list[str] = [t.raw for t in pieces[0]]
        valid = True
        for join, piece in zip(joins, pieces[1:], strict=True):
            raws = [t.raw for t in piece]
            if join:
                if not (values and values[-1].isdigit() and raws[0].isdigit()) or values[-1] == "0":
                    valid = False
                    break
                values[-1] += raws[0]
                raws = raws[1:]
            values.extend(raws)
        if valid and len(values) == count and all(v.isdigit() for v in values):
            out.append(tuple(int(v) for v in values))
    return list(dict.fromkeys(out))


def rejoin_wrapped(
    groups: list[Group], placements: list[Placement], count: int, blocks: Sequence[Block]
) -> tuple[list[Group], list[Placement]]:
    """Groups whose row was wrapped onto lines of bare numbers joined back into one row (see the module
    docstring); tables without arithmetic (`blocks` empty) are left as they are."""
    if not blocks:
        return groups, placements
    out: list[Group] = []
    out_placements: list[Placement] = []
    i = 0
    while i < len(groups):
        group, placement = groups[i], placements[i]
        values = group.values
        # most rows have no bare numbers after them: nothing to join, asked first
        followed = i + 1 < len(groups) and _bare(groups[i + 1])
        if not followed or group.stacked or not values or len(values) > count or (
            placement.ok and blocks_hold(placement.values or (), blocks) is not False
        ) or not all(_digits(t) for t in values):
            out.append(group)
            out_placements.append(placement)
            i += 1
            continue
        found: list[tuple[int, ...]] = []
        used = 0
        pieces: list[Sequence[Token]] = [values]
        for k in range(1, MAX_PIECES + 1):
            if i + k >= len(groups) or not _bare(groups[i + k]):
                break
            pieces.append(groups[i + k].values)
            if sum(len(p) for p in pieces) - k > count:
                break  # even with every cut inside a number, too many cells
            found = [r for r in _readings(pieces, count) if blocks_hold(r, blocks) is True]
            if found:
                used = k
                break
        if len(found) == 1:
            parts = groups[i : i + used + 1]
            merged = Group(
                [Token(NUM, str(v), v) for v in found[0]],
                group.inline,
                group.before,
                parts[-1].after,
                [n for g in parts for n in g.lines],
                [s for g in parts for s in g.source],
            )
            out.append(merged)
            out_placements.append(place(merged.cells, count, blocks))
            i += used + 1
            continue
        out.append(group)
        if len(found) > 1:
            out_placements.append(Placement(None, UNPLACEABLE, f"numbers wrapped onto the next line read {len(found)} ways that add up"))
        elif placement.ok and len(groups[i + 1].values) < count:
            # the right count, a total that does not add up, and bare numbers right after: the last
            # number may be the first digits of one the wrap cut
            out_placements.append(Placement(None, UNPLACEABLE, "total does not add up and its last number may run on to the next line"))
        else:
            out_placements.append(placement)
        i += 1
    return out, out_placements


def doubt_cut_last_numbers(groups: Sequence[Group], placements: list[Placement | None], counts: Sequence[int]) -> None:
    """Rows of a table without arithmetic (二) whose last number may run on into the bare numbers after them.

    `规范性文件 | 13 | 0 | 5` / `5`: the wrap cut `55`, and nothing tells `5` from `55`. A row that fills its
    columns and is followed, with nothing between, by bare numbers too few for a row of its own is left out
    (its placement made unplaceable in place); `counts` gives each group's number of columns (0: no row)."""
    for i, (group, placement, count) in enumerate(zip(groups, placements, counts, strict=True)):
        if placement is None or not placement.ok or not count or i + 1 >= len(groups):
            continue
        following = groups[i + 1]
        values = group.values
        if values and _digits(values[-1]) and _bare(following) and len(following.values) < max(count, 2):
            placements[i] = Placement(None, UNPLACEABLE, "its last number may run on to the bare numbers on the next line")
