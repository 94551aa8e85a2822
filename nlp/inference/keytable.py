"""Exact integer keys → column numbers, looked up many at a time: an open-addressing hash table in numpy.

Character n-grams are packed into one exact uint64 key each (`nlp.charngrams`); finding a text's keys
in a vocabulary of 50,000 takes a hash lookup per key. A sorted array and `searchsorted` is six times
slower on real reports, a Python dict far slower still; `pandas.Index` is as fast but importing
pandas costs more than a small batch's lookups. Here every key of a batch probes at once: one
multiplicative (Fibonacci) hash, one gather, and further probes only for the few keys whose slot held
another key (the table is at most a quarter full).
"""

from __future__ import annotations

import numpy as np

#: Marks an empty slot. Packed n-gram keys use 63 bits, so no key has this value.
EMPTY = np.uint64(0xFFFF_FFFF_FFFF_FFFF)
_MULTIPLIER = np.uint64(0x9E37_79B9_7F4A_7C15)  # 2**64 / golden ratio
_ONE = np.uint64(1)


class KeyTable:
    """Look up uint64 keys (each below 2**64 − 1, all distinct), giving their values or −1."""

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.uint64)
        values = np.asarray(values, dtype=np.int64)
        if keys.shape != values.shape or keys.ndim != 1:
            raise ValueError("one value per key")
        if len(keys) and keys.max() == EMPTY:
            raise ValueError(f"a key equal to the empty mark {int(EMPTY)}")
        bits = max(4, int(4 * len(keys)).bit_length())
        self.shift = np.uint64(64 - bits)
        self.mask = np.uint64((1 << bits) - 1)
        self.keys = np.full(1 << bits, EMPTY, dtype=np.uint64)
        self.values = np.full(1 << bits, -1, dtype=np.int64)
        slots = self._slots(keys)
        owner = np.full(1 << bits, -1, dtype=np.int64)  # which key each slot went to, this round
        pending = np.arange(len(keys))
        while len(pending):
            at = slots[pending]
            free = self.keys[at] == EMPTY
            # Of the keys aiming at one free slot the last written stays; it is the one placed.
            tried, tried_at = pending[free], at[free]
            owner[tried_at] = tried
            placed = owner[tried_at] == tried
            # A key that meets its equal (in the table already, or placed in the same slot now) is a duplicate.
            if np.any(self.keys[at[~free]] == keys[pending[~free]]) or np.any(keys[owner[tried_at[~placed]]] == keys[tried[~placed]]):
                raise ValueError("two equal keys")
            self.keys[tried_at[placed]] = keys[tried[placed]]
            self.values[tried_at[placed]] = values[tried[placed]]
            done = np.zeros(len(keys), dtype=bool)
            done[tried[placed]] = True
            pending = pending[~done[pending]]
            slots[pending] = (slots[pending] + _ONE) & self.mask

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        return (keys * _MULTIPLIER) >> self.shift  # uint64 arithmetic wraps, as hashing wants

    def __len__(self) -> int:
        return int(np.count_nonzero(self.keys != EMPTY))

    def get(self, queries: np.ndarray) -> np.ndarray:
        """The value of each query key, −1 for a key not in the table."""
        queries = np.asarray(queries, dtype=np.uint64)
        at = self._slots(queries)
        found = self.keys[at]
        hit = found == queries
        out = np.where(hit, self.values[at], -1)
        # Misses whose slot holds another key probe on (about one query in seven, the table being at
        # most a quarter full); the others are settled by the first look.
        pending = np.flatnonzero(~hit & (found != EMPTY))
        at = at[pending]
        while len(pending):
            at = (at + _ONE) & self.mask
            found = self.keys[at]
            hit = found == queries[pending]
            out[pending[hit]] = self.values[at[hit]]
            more = ~hit & (found != EMPTY)
            pending, at = pending[more], at[more]
        return out


__all__ = ["EMPTY", "KeyTable"]
