"""Exact similarity of many candidate pairs at once (the check every LSH candidate goes through)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nlp.duplicates.shingles import segment_indices


def pair_similarities(
    sets: Sequence[np.ndarray | None], first: np.ndarray, second: np.ndarray, measure: str = "jaccard"
) -> np.ndarray:
    """Jaccard or containment of the shingle sets of each pair (first[k], second[k]).

    Shingles are renumbered densely once; then, one item of `first` at a time, its shingles are
    marked in a boolean table and all its partners' shingles are looked up in it together.
    """
    if measure not in ("jaccard", "containment"):
        raise ValueError(f"measure must be jaccard or containment, got {measure!r}")
    result = np.zeros(len(first), dtype=np.float64)
    if not len(first):
        return result
    involved, inverse = np.unique(np.concatenate([first, second]), return_inverse=True)
    first_at, second_at = inverse[: len(first)], inverse[len(first) :]
    arrays = [sets[int(i)] for i in involved]
    sizes = np.fromiter((len(a) for a in arrays), dtype=np.int64, count=len(arrays))
    _, columns = np.unique(np.concatenate(arrays), return_inverse=True)
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    marked = np.zeros(int(columns.max()) + 1 if len(columns) else 0, dtype=bool)
    order = np.argsort(first_at, kind="stable")
    grouped = first_at[order]
    boundaries = np.flatnonzero(np.concatenate([[True], grouped[1:] != grouped[:-1]]))
    for group_start, group_end in zip(boundaries, np.append(boundaries[1:], len(order)), strict=True):
        rows = order[group_start:group_end]
        mine = int(first_at[rows[0]])
        own = columns[offsets[mine] : offsets[mine + 1]]
        partners = second_at[rows]
        lengths = sizes[partners]
        marked[own] = True
        running = np.concatenate(
            [[0], np.cumsum(marked[columns[segment_indices(offsets[partners], lengths)]])]
        )
        marked[own] = False
        ends = np.cumsum(lengths)
        common = running[ends] - running[ends - lengths]
        if measure == "jaccard":
            union = sizes[mine] + lengths - common
            result[rows] = np.where(union > 0, common / np.maximum(union, 1), 0.0)
        else:
            smaller = np.minimum(sizes[mine], lengths)
            result[rows] = np.where(smaller > 0, common / np.maximum(smaller, 1), 0.0)
    return result
