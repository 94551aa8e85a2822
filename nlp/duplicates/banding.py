"""LSH banding for a whole batch at once: the candidate pairs of a self-join, with numpy.

The same banding as datasketch's MinHashLSH (a pair is a candidate when all `rows` values of at
least one of the `bands` bands of their MinHash signatures agree), computed for all paragraphs in
a few sorts instead of one dictionary lookup per paragraph and band; used where every pair of a
large batch is wanted. `nlp.duplicates.stored` keeps the same keys in the index file for one-report lookups.
"""

from __future__ import annotations

import numpy as np

_BASE = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n, bands) 64-bit keys: one hash of each band's `rows` signature values."""
    signatures = signatures.astype(np.uint64)
    keys = np.zeros((len(signatures), bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for row in range(rows):
            keys = keys * _BASE + signatures[:, row : bands * rows : rows]
        keys = (keys ^ (keys >> np.uint64(29))) * _MIX
    return keys


def _pairs_in_groups(
    order: np.ndarray, starts: np.ndarray, sizes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """All pairs of members of each group (members `order[start:start+size]`), vectorised: the member
    at place p of a group of g is paired with the g − 1 − p members after it."""
    places = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    group_sizes = np.repeat(sizes, sizes)
    positions = np.repeat(starts, sizes) + places  # where each member sits in `order`
    later = group_sizes - 1 - places
    firsts = np.repeat(positions, later)
    steps = np.arange(int(later.sum())) - np.repeat(np.cumsum(later) - later, later) + 1
    return order[firsts], order[firsts + steps]


def candidate_pairs(
    keys: np.ndarray, groups: np.ndarray | None = None, first_new: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Unique candidate pairs (i < j) sharing a band key.

    `groups`: a group number per item (its report); pairs within one group are left out.
    `first_new`: items before it are old (already compared with each other): pairs of two old
    items are left out.
    """
    n = len(keys)
    codes = []
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        sorted_keys = keys[order, band]
        starts = np.flatnonzero(np.concatenate([[True], sorted_keys[1:] != sorted_keys[:-1]]))
        sizes = np.diff(np.append(starts, n))
        shared = sizes >= 2
        if not shared.any():
            continue
        a, b = _pairs_in_groups(order, starts[shared], sizes[shared])
        low, high = np.minimum(a, b), np.maximum(a, b)
        keep = high >= first_new
        if groups is not None:
            keep &= groups[low] != groups[high]
        codes.append(low[keep].astype(np.int64) * n + high[keep])
    if not codes:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    unique = np.unique(np.concatenate(codes))
    return unique // n, unique % n
