"""Placing a row's printed numbers into its columns: missing and extra numbers, digit runs, and when it cannot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from nlp.tables.digits import Block, blocks_hold, decode_runs
from nlp.tables.tokens import EMPTY, NUM, Token

EXACT, POSITIONAL, EXTRA_DROPPED, DECODED, UNPLACEABLE = "exact", "positional", "extra_dropped", "decoded", "unplaceable"
#: Empty cells shown between numbers read as blank, and the row's last cells taken as cut with its line's end
#: (a guess the row's arithmetic allows: a repair, unlike `POSITIONAL`, where every empty cell stands on the line).
POSITIONAL_CUT = "positional_cut"
#: How many surplus numbers a row may carry before we stop guessing which to drop.
MAX_EXTRA = 3


@dataclass
class Placement:
    values: tuple[int | float | None, ...] | None
    how: str
    detail: str = ""
    candidates: list[tuple] = field(default_factory=list)
    #: Columns whose cell is left out though the row is placed (`nlp.tables.arithmetic`: fits disagree on them).
    unknown: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return self.values is not None


def place(cells: Sequence[Token], count: int, blocks: Sequence[Block] = (), open_end: bool = False) -> Placement:
    """Fill `count` columns from a row's printed cells, or say why it cannot be done.

    * as many values as columns: taken in order;
    * fewer, but blank cells at the start of an unlabeled row, between numbers or after them (as many as
      the row has columns left) make up the count: the blanks are null cells; with `open_end` (an unlabeled row of a text that keeps its
      lines' leading blanks but not their trailing ones, as lines are stripped at their end), a row
      that keeps its blanks between numbers and stops short had its last blank cells cut with the
      line's end: they are null cells too, where the row's arithmetic (blanks as 0) allows it;
    * more: each way of dropping the surplus is tried; kept when all ways give the same values,
      or when exactly one satisfies the row's arithmetic (`blocks`);
    * fewer, printed as one or two long digit runs: `nlp.tables.digits` decodes them when exactly
      one split satisfies the arithmetic; a row without arithmetic (table 二) is decoded only when
      its run is all zeros, since a split forced by the digit count alone (`755` → 7, 5, 5) proves
      nothing.
    Anything else is unplaceable: the caller leaves the cells out and warns.
    """
    values = [t for t in cells if t.is_value]
    if len(values) == count:
        return Placement(tuple(t.value for t in values), EXACT)
    positional = [t for t in cells if t.is_value or t.kind == EMPTY]
    # blank cells shown after the last number beyond the row's columns: the page's padding, none of the row's
    while len(positional) > count and positional[-1].kind == EMPTY:
        positional.pop()
    if len(values) < count and len(positional) == count:
        return Placement(tuple(t.value for t in positional), POSITIONAL, "empty cells read as blank")
    if open_end and len(values) < count and len(positional) < count and any(t.kind == EMPTY for t in cells):
        padded = tuple(t.value for t in positional) + (None,) * (count - len(positional))
        if not blocks or blocks_hold(tuple(0 if v is None else v for v in padded), blocks) is not False:
            return Placement(padded, POSITIONAL_CUT, "empty cells read as blank; those after the last number were cut with the line's end")
    if len(values) > count:
        return _drop_extra(values, count, blocks)
    runs = [t.raw for t in values]
    glued = (
        values
        and all(t.kind == NUM and t.raw.isdigit() for t in values)
        # few long runs, or runs of which one must hold two cells: no number starts with 0
        # (`0 0 010 0` is 0, 0, 0, 10, 0)
        and (len(values) <= max(1, count // 3) or any(len(r) > 1 and r[0] == "0" for r in runs))
        and sum(len(r) for r in runs) >= count
    )
    if glued and not blocks and any(set(r) != {"0"} for r in runs):
        # Without arithmetic a split is unique only by digit count (`755` → 7, 5, 5), which is
        # no evidence: the run may be part of a row (`755-3578`). Only zeros are safe.
        return Placement(None, UNPLACEABLE, f"digit run {' '.join(runs)} for {count} columns and no arithmetic to split it by")
    if glued:
        decoded, candidates = decode_runs(runs, count, blocks)
        if decoded is not None:
            how = "split by the row's arithmetic" if blocks else "read as zeros"
            return Placement(decoded, DECODED, f"digit run {' '.join(runs)} {how}")
        if candidates:
            return Placement(None, UNPLACEABLE, f"digit run {' '.join(runs)} splits {len(candidates)}+ ways", candidates[:5])
        return Placement(None, UNPLACEABLE, f"digit run {' '.join(runs)} does not split into {count} cells that add up")
    return Placement(None, UNPLACEABLE, f"{len(values)} numbers for {count} columns")


def _drop_extra(values: Sequence[Token], count: int, blocks: Sequence[Block]) -> Placement:
    surplus = len(values) - count
    if surplus > MAX_EXTRA:
        return Placement(None, UNPLACEABLE, f"{len(values)} numbers for {count} columns")
    options = list(
        dict.fromkeys(
            tuple(t.value for i, t in enumerate(values) if i not in dropped) for dropped in combinations(range(len(values)), surplus)
        )
    )
    if len(options) == 1:
        return Placement(options[0], EXTRA_DROPPED, f"{surplus} surplus number(s) dropped; every choice gives the same cells")
    holding = [o for o in options if blocks_hold(o, blocks)] if blocks else []
    if len(holding) == 1:
        return Placement(holding[0], EXTRA_DROPPED, f"{surplus} surplus number(s) dropped; one choice satisfies the arithmetic")
    return Placement(None, UNPLACEABLE, f"{len(values)} numbers for {count} columns; {len(holding) or len(options)} readings fit", (holding or options)[:5])
