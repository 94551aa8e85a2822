"""Rows whose blank cells were dropped, placed by the arithmetic of the whole table.

Many agencies print a zero as an empty cell, and a crawl or a copy drops the empty cells: a row of
table 三 arrives as `本年新收申请数量 123 7 8 2 140`, five numbers for seven columns. The row alone
cannot say which columns the numbers stand in, but the table as a whole often can: TABLES.md ties
every column (rule 2: 一 + 二 = （七）总计 + 四; rule 3: the outcomes （一）–（六） add up to （七）总计),
each row's applicant columns add up to its 总计 (rule 1), and a row's numbers keep their order.

A *reading* of a short row puts its numbers into columns in their order, the other columns blank
(null, counted as 0), such that rule 1 holds. A *fit* of the table picks one reading per short row
such that every rule holds on every column, the rows read in full included; the fits are searched by
dynamic programming over the rows, pruned per equation (`_fitting_readings`), with bounds on the work.
Where exactly one fit exists every short row is placed. Where several fit, a row is placed where all
of them give it the same reading, and otherwise only its cells on which all its fitting readings
agree (its 总计 always; a column blank in every one of them), its other cells left out with a warning
that says how many readings fit: no cell takes one fit's value over another's. A table with no fit at
all (an arithmetic error of the report, a row lost by the extraction) places nothing: the search
never makes a report consistent that is not. Every row so placed has `how` = `placed_by_arithmetic`,
a repair: the checks mark findings on it `uncertain`, never the report's fault.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from nlp.tables.decisions import AMBIGUOUS, Decision
from nlp.tables.digits import Block, blocks_hold
from nlp.tables.placement import UNPLACEABLE, Placement
from nlp.tables.schema import BALANCE_IN, BALANCE_OUT, TableSpec, outcome_rows

#: `Placement.how` of a row placed by the table's arithmetic (a repair: the checks never blame the report on it).
PLACED_BY_ARITHMETIC = "placed_by_arithmetic"
#: Readings of all short rows together past which the search gives up (a warning says so).
MAX_READINGS = 600
#: Partial fits (states of the search) after one row past which the search gives up (a warning says so).
MAX_STATES = 2_000

Values = tuple[int | float | None, ...]


class _Unknown:
    """A cell whose value differs between fits: left out, never given one fit's value."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()
#: A rule applied to every column: row → coefficient; the weighted sum of the row's cells is zero.
Rule = Mapping[str, int]


@dataclass
class Fit:
    """What the table's arithmetic says about its short rows."""

    #: Rows every fit reads the same way → their values (nulls where a cell was blank).
    placed: dict[str, Values] = field(default_factory=dict)
    #: Rows left out → how many of their readings some fit uses (≥ 2), or 0 where no fit exists.
    readings: dict[str, int] = field(default_factory=dict)
    #: Rows with several fitting readings → each cell's value where all of them agree, else UNKNOWN.
    agreed: dict[str, tuple[int | float | None | _Unknown, ...]] = field(default_factory=dict)
    #: Why nothing was placed (no fit, or the search's bounds), or "".
    reason: str = ""
    #: The search stopped at its bounds (`MAX_READINGS`, `MAX_STATES`): it says nothing of the table.
    gave_up: bool = False


def request_rules(row_keys: Sequence[str]) -> list[dict[str, int]]:
    """Rules 2 and 3 of TABLES.md over the rows of table 三 as printed, each to hold on every column."""
    balance = {**dict.fromkeys(BALANCE_IN, 1), **dict.fromkeys(BALANCE_OUT, -1)}
    outcomes = {**dict.fromkeys(outcome_rows(row_keys), 1), "total_handled": -1}
    return [balance, outcomes]


def place_short_rows(table: TableSpec, decisions: Sequence[Decision], blocks: Sequence[Block]) -> None:
    """Rows of an ordered table (三) with fewer numbers than columns, placed where the table's arithmetic
    allows one reading only (`fit_table`); a row with several fitting readings keeps the cells they all
    agree on (`Placement.unknown` names the others), its detail saying how many readings fit.

    Searched only where the whole table is in hand: a group of numbers no row took, a row taken
    twice, or a row left out for another reason may be a row the rules count, and taking it as
    blank would make the fit a guess."""
    width = len(table.rows[0].columns)
    rows = set(table.row_keys)
    short = [d for d in decisions if d.row in rows and d.placement is not None and not d.placement.ok and len(d.group.values) < width]
    if not short:
        return
    decided = [d for d in decisions if d.row in rows]
    unsure = [d for d in decisions if d.row in (None, AMBIGUOUS) and d.group.values]
    if unsure or len({d.row for d in decided}) < len(decided) or any(d.placement is None or not (d.placement.ok or d in short) for d in decided):
        return
    fixed = {d.row: d.placement.values for d in decided if d.placement is not None and d.placement.values is not None}
    readings = {d.row: row_readings([t.value for t in d.group.values], width, blocks) for d in short}
    fit = fit_table(fixed, readings, request_rules(table.keys_as_printed(fixed.keys() | readings.keys())), width)  # type: ignore[arg-type]
    for decision in short:
        row, count = decision.row, len(decision.group.values)
        if row in fit.placed:
            detail = f"{count} numbers for {width} columns (blank cells dropped), placed by the table's arithmetic: the one reading that fits"
            decision.placement = Placement(fit.placed[row], PLACED_BY_ARITHMETIC, detail)  # type: ignore[index]
            continue
        if fit.gave_up:
            # too many partial fits to weigh: each row by its own sum (its 总计), as table 四's
            own = place_by_own_arithmetic([t.value for t in decision.group.values], width, blocks)  # type: ignore[misc]
            if own is not None:
                decision.placement = replace(own, detail=f"{own.detail} ({fit.reason})")
                continue
        why = fit.reason or f"{fit.readings[row]} readings fit the table's arithmetic"  # type: ignore[index]
        agreed = fit.agreed.get(row)  # type: ignore[arg-type]
        if agreed is None or all(value is UNKNOWN for value in agreed):
            decision.placement = Placement(None, UNPLACEABLE, f"{count} numbers for {width} columns; {why}")
            continue
        # the cells every fitting reading agrees on (the 总计 always; a column blank in all of them)
        # are placed, the others left out
        unknown = tuple(i for i, value in enumerate(agreed) if value is UNKNOWN)
        values = tuple(None if value is UNKNOWN else value for value in agreed)
        detail = f"{count} numbers for {width} columns (blank cells dropped); {why}: only the cells all of them agree on are placed"
        decision.placement = Placement(values, PLACED_BY_ARITHMETIC, detail, unknown=unknown)  # type: ignore[arg-type]


def place_by_own_arithmetic(numbers: Sequence[int | float], width: int, blocks: Sequence[Block]) -> Placement | None:
    """A row (or table 四's run of fifteen) short of numbers, with no other rows to weigh it against:
    its one reading that satisfies its `blocks`, or the cells all its readings agree on (each block's
    总计 where the blocks' bounds are sure); None where no cell is sure."""
    if len(numbers) >= width:
        return None
    readings = row_readings(numbers, width, blocks)
    if not readings:
        return None
    count = len(numbers)
    if len(readings) == 1:
        return Placement(readings[0], PLACED_BY_ARITHMETIC, f"{count} numbers for {width} columns (blank cells dropped): one reading adds up")
    agreed = tuple(_agreed(readings, column) for column in range(width))
    unknown = tuple(i for i, value in enumerate(agreed) if value is UNKNOWN)
    if len(unknown) == width:
        return None
    values = tuple(None if value is UNKNOWN else value for value in agreed)
    detail = f"{count} numbers for {width} columns (blank cells dropped); {len(readings)} readings add up: only the cells all of them agree on are placed"
    return Placement(values, PLACED_BY_ARITHMETIC, detail, unknown=unknown)  # type: ignore[arg-type]


def row_readings(numbers: Sequence[int | float], width: int, blocks: Sequence[Block]) -> list[Values]:
    """Every way to put `numbers` into `width` columns in their order, the rest blank, such that
    each block's last cell is the sum of its others (blank cells counted as 0)."""
    out: list[Values] = []
    for columns in combinations(range(width), len(numbers)):
        cells: list[int | float | None] = [None] * width
        for column, number in zip(columns, numbers, strict=True):
            cells[column] = number
        if blocks_hold([c or 0 for c in cells], blocks) is not False:
            out.append(tuple(cells))
    return out


def fit_table(fixed: Mapping[str, Values], short: Mapping[str, Sequence[Values]], rules: Sequence[Rule], width: int) -> Fit:
    """The short rows' readings that the table's `rules` allow, given the rows read in full (`fixed`).

    Rows named by a rule but in neither mapping are blank. Every rule must hold: an equation among
    the fixed rows alone that fails leaves no fit. See `_fitting_readings` for the search."""
    rows = list(short)
    empty = [row for row in rows if not short[row]]
    if empty:
        return Fit(readings=dict.fromkeys(rows, 0), reason=f"row {', '.join(empty)}: no reading adds up to its total")
    if sum(len(short[row]) for row in rows) > MAX_READINGS:
        return Fit(readings=dict.fromkeys(rows, 0), reason=f"more than {MAX_READINGS} readings to weigh; not searched", gave_up=True)
    fitting, reason = _fitting_readings(fixed, short, rules, width)
    if fitting is None:
        return Fit(readings=dict.fromkeys(rows, 0), reason=reason, gave_up=reason.startswith("more than"))
    result = Fit()
    for row in rows:
        readings = [short[row][j] for j in sorted(fitting[row])]
        if len(readings) == 1:
            result.placed[row] = readings[0]
        else:
            result.readings[row] = len(readings)
            result.agreed[row] = tuple(_agreed(readings, column) for column in range(width))
    return result


def _fitting_readings(
    fixed: Mapping[str, Values], short: Mapping[str, Sequence[Values]], rules: Sequence[Rule], width: int
) -> tuple[dict[str, set[int]] | None, str]:
    """Each short row's readings that some fit uses, or None and why.

    Dynamic programming over the short rows: a state is the running left-hand side of every
    equation (rule × column), starting from the rows read in full; a fit ends at all zeros. Forward,
    the states each row can be reached in (pruned where the rows still to come cannot bring an
    equation back to zero: every cell is a count, so each row's share lies between its readings'
    least and greatest), with each step's (state, reading, next state); backward, the states from
    which all zeros is still reached. A reading fits where a step with it links two such states.
    Rows that close a rule (a negative coefficient: （七）总计, 四) come first: their readings fix
    what the others must fill, which keeps the states few. The states of one row are a numpy array."""
    import numpy as np

    equations = [(rule, column) for rule in rules for column in range(width)]
    # rows that close a rule first, then the larger rows: the small ones, which could go most ways, come
    # last, where the capacity left in each column is nearly spent
    names = sorted(short, key=lambda row: (not any(rule.get(row, 0) < 0 for rule in rules), -max(abs(v or 0) for r in short[row] for v in r)))
    cells = [reading[column] for row in names for reading in short[row] for column in range(width)]
    cells += [values[column] for values in fixed.values() for column in range(width)]
    if any(isinstance(cell, float) and not cell.is_integer() for cell in cells):
        return None, "cells with decimals: not searched"
    start = np.array(
        [[sum(c * int(fixed[row][column] or 0) for row, c in rule.items() if row in fixed and row not in short) for rule, column in equations]],
        dtype=np.int64,
    )
    deltas = [np.array([[rule.get(row, 0) * int(reading[column] or 0) for rule, column in equations] for reading in short[row]], dtype=np.int64) for row in names]
    # least and greatest share of the rows from each position on, per equation
    low = np.zeros((len(names) + 1, len(equations)), dtype=np.int64)
    high = np.zeros((len(names) + 1, len(equations)), dtype=np.int64)
    for i in range(len(names) - 1, -1, -1):
        low[i] = low[i + 1] + deltas[i].min(axis=0)
        high[i] = high[i + 1] + deltas[i].max(axis=0)
    if not np.all((-start >= low[0]) & (-start <= high[0])):
        return None, "no reading of the short rows satisfies the table's arithmetic"
    layer = start
    steps: list[tuple] = []  # per row: (state index, reading, next state index) of each step kept
    for i, delta in enumerate(deltas):
        following = (layer[:, None, :] + delta[None, :, :]).reshape(-1, len(equations))
        state = np.repeat(np.arange(len(layer)), len(delta))
        reading = np.tile(np.arange(len(delta)), len(layer))
        kept = np.all((-following >= low[i + 1]) & (-following <= high[i + 1]), axis=1)
        if not kept.any():
            return None, "no reading of the short rows satisfies the table's arithmetic"
        layer, index = np.unique(following[kept], axis=0, return_inverse=True)
        if len(layer) > MAX_STATES:
            return None, f"more than {MAX_STATES} partial fits to weigh; not searched"
        steps.append((state[kept], reading[kept], index.reshape(-1), len(layer)))
    good = np.all(layer == 0, axis=1)
    if not good.any():
        return None, "no reading of the short rows satisfies the table's arithmetic"
    fitting: dict[str, set[int]] = {}
    for i in range(len(names) - 1, -1, -1):
        state, reading, following_index, _ = steps[i]
        used = good[following_index]
        fitting[names[i]] = {int(j) for j in np.unique(reading[used])}
        size = steps[i - 1][3] if i else 1
        good = np.zeros(size, dtype=bool)
        good[state[used]] = True
    return fitting, ""


def _agreed(readings: Sequence[Values], column: int) -> int | float | None | _Unknown:
    values = {reading[column] for reading in readings}
    return next(iter(values)) if len(values) == 1 else UNKNOWN
