"""Decoding cells that a web page flattened into runs of digits.

Some pages drop the separators between table cells, so `规范性文件 62 33 440` arrives as
`规范性文件6233440` and the fifteen cells of table 四 as one run such as `21317000001324019`. A run
can be cut into numbers in many ways; the template's arithmetic (a row's total is the sum of its
other cells) rules most of them out. A split is kept only when it is the *only* one that satisfies
the rules: where several survive, the caller leaves the cells out and says why.
"""

from __future__ import annotations

from collections.abc import Sequence

#: A block of cells whose last cell is the sum of the others: (first index, number of cells).
Block = tuple[int, int]

#: No table cell of these reports needs more digits than this (3,985,758 punishments in a city).
MAX_PART_DIGITS = 9


def blocks_hold(values: Sequence[int | float | None], blocks: Sequence[Block]) -> bool | None:
    """True if every block's total equals the sum of its other cells, False if one does not,
    None if a block has a blank cell and cannot be judged (and none is violated)."""
    verdict: bool | None = True
    for start, size in blocks:
        cells = values[start : start + size]
        if len(cells) < size or any(v is None for v in cells):
            verdict = None
            continue
        *parts, total = cells
        if abs(sum(parts) - total) > 1e-6:  # type: ignore[arg-type]
            return False
    return verdict


def split_runs(runs: Sequence[str], count: int, blocks: Sequence[Block] = (), limit: int = 64) -> list[tuple[int, ...]]:
    """The ways to cut the digit strings `runs` (in order) into `count` integers.

    Every run is cut into at least one number; no number has a leading zero (except 0 itself) or
    more than MAX_PART_DIGITS digits; and, for each block, the block's last number equals the sum of
    the others. At most `limit` + 1 distinct splits are returned (enough to know it is not unique).
    """
    if not runs or any(not r.isdigit() for r in runs) or count < len(runs):
        return []
    total_digits = sum(len(r) for r in runs)
    if total_digits < count or total_digits > count * MAX_PART_DIGITS:
        return []
    # For each cell index: the block it closes (its sum must equal the others) or None.
    closes: dict[int, Block] = {start + size - 1: (start, size) for start, size in blocks if size > 1}
    solutions: list[tuple[int, ...]] = []
    parts: list[int] = []

    def remaining_digits(run_index: int, position: int) -> int:
        return len(runs[run_index]) - position + sum(len(r) for r in runs[run_index + 1 :])

    def walk(run_index: int, position: int) -> None:
        if len(solutions) > limit:
            return
        if run_index == len(runs):
            if len(parts) == count:
                solutions.append(tuple(parts))
            return
        run = runs[run_index]
        cells_left = count - len(parts)
        runs_left = len(runs) - run_index  # this run still needs at least one more cell
        if cells_left < runs_left:
            return
        digits_left = remaining_digits(run_index, position)
        if digits_left < cells_left or digits_left > cells_left * MAX_PART_DIGITS:
            return
        index = len(parts)
        if index in closes:
            start, size = closes[index]
            wanted = str(sum(parts[start : start + size - 1]))
            lengths: Sequence[int] = [len(wanted)] if run.startswith(wanted, position) else []
        else:
            lengths = range(1, min(MAX_PART_DIGITS, len(run) - position) + 1)
        for length in lengths:
            piece = run[position : position + length]
            if length > 1 and piece[0] == "0":
                break  # every longer piece has the same leading zero
            end = position + length
            if end == len(run):
                next_run, next_position = run_index + 1, 0
            else:
                if cells_left - 1 < runs_left:  # no cell left for the rest of this run
                    continue
                next_run, next_position = run_index, end
            parts.append(int(piece))
            walk(next_run, next_position)
            parts.pop()

    walk(0, 0)
    unique = list(dict.fromkeys(solutions))
    return unique[: limit + 1]


def decode_runs(runs: Sequence[str], count: int, blocks: Sequence[Block] = ()) -> tuple[tuple[int, ...] | None, list[tuple[int, ...]]]:
    """The one split of `runs` into `count` numbers that satisfies `blocks`, or None with the
    surviving candidates (empty if no split fits at all)."""
    candidates = split_runs(runs, count, blocks)
    if len(candidates) == 1:
        return candidates[0], candidates
    return None, candidates
