"""Character shingles of a paragraph, hashed to stable 64-bit integers, and exact set similarities.

Texts are compared in `nlp.normalize.comparable` form (punctuation widths folded, spaces removed) with
every digit read as `0`, so that a paragraph copied with other punctuation or spacing, or reused with its
year and counts changed (`2022年，我局共受理申请12件` → `2023年，我局共受理申请15件`), still matches. The hash is a polynomial
over code points with a 64-bit mixer, computed with numpy: stable across runs and machines (the
persistent index relies on that), unlike Python's `hash`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

#: Characters per shingle: five Chinese characters are about two words.
DEFAULT_SHINGLE_SIZE = 5

_BASE = np.uint64(1_000_003)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)


#: Every digit compared as `0` (one for one, so a text keeps its length and its characters' positions).
_FIGURES = str.maketrans("123456789", "000000000")


def comparable_text(text: str) -> str:
    from nlp.normalize import comparable

    return comparable(text).translate(_FIGURES)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads polynomial hashes over all 64 bits."""
    values = values ^ (values >> np.uint64(30))
    values = values * _MIX_1
    values = values ^ (values >> np.uint64(27))
    values = values * _MIX_2
    return values ^ (values >> np.uint64(31))


def shingles(text: str, size: int = DEFAULT_SHINGLE_SIZE, prepared: bool = False) -> np.ndarray:
    """Sorted unique 64-bit hashes of the text's `size`-character shingles.

    A text shorter than `size` is one shingle; an empty text has none. `prepared`: the text is
    already in comparable form.
    """
    if not prepared:
        text = comparable_text(text)
    if not text:
        return np.empty(0, dtype=np.uint64)
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    width = min(size, len(points))
    count = len(points) - width + 1
    with np.errstate(over="ignore"):
        hashes = np.zeros(count, dtype=np.uint64)
        for offset in range(width):
            hashes = hashes * _BASE + points[offset : offset + count]
        hashes = _mix(hashes + np.uint64(width))
    return np.unique(hashes)


@lru_cache(maxsize=1)
def _comparable_table() -> np.ndarray:
    """For every code point below 0x10000, its code point in `comparable_text` form (0: dropped).

    `comparable` maps characters one to one and drops whitespace, so one call on all characters
    gives the table; a batch is then folded with one numpy lookup instead of a call per text.
    """
    from nlp.normalize import comparable

    codes = np.array(
        [c for c in range(1, 0x10000) if not 0xD800 <= c < 0xE000 and not chr(c).isspace()], dtype=np.uint32
    )
    text = "".join(map(chr, codes.tolist()))
    folded = comparable(text)
    table = np.zeros(0x10000, dtype=np.uint32)
    if len(folded) == len(text):
        table[codes] = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
    else:  # comparable changed its nature; fall back to one call per character
        for code in codes.tolist():
            out = comparable(chr(code))
            table[code] = ord(out) if len(out) == 1 else 0
    for digit in "123456789":  # as `comparable_text` does
        table[table == ord(digit)] = ord("0")
    table.flags.writeable = False  # cached and shared by every caller
    return table


def _comparable_points(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Code points of all texts in comparable form, concatenated, and each text's length.

    Characters beyond the table (above 0xFFFF) are neither punctuation nor whitespace: kept as they are.
    """
    points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    raw_lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    mapped = np.where(points < 0x10000, _comparable_table()[np.minimum(points, 0xFFFF)], points)
    kept = mapped != 0
    lengths = np.bincount(np.repeat(np.arange(len(texts)), raw_lengths)[kept], minlength=len(texts)).astype(
        np.int64
    )
    return mapped[kept], lengths


def segment_indices(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Indices start[k] .. start[k] + lengths[k] - 1 for every k, concatenated."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(starts - (ends - lengths), lengths)


def shingle_batch(texts: Sequence[str], size: int = DEFAULT_SHINGLE_SIZE) -> list[np.ndarray]:
    """`shingles` of many texts at once (the same arrays, computed in a few vectorised passes)."""
    points, lengths = _comparable_points(texts)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    out: list[np.ndarray] = [np.empty(0, dtype=np.uint64)] * len(texts)
    for number in np.flatnonzero((lengths > 0) & (lengths < size)).tolist():
        short = "".join(map(chr, points[starts[number] : starts[number] + lengths[number]].tolist()))
        out[number] = shingles(short, size, prepared=True)
    long = np.flatnonzero(lengths >= size)
    # Texts are numbered within a chunk as uint16, which numpy's stable sort orders by radix.
    for first in range(0, len(long), _CHUNK_TEXTS):
        numbers = long[first : first + _CHUNK_TEXTS]
        chunk_points = points[segment_indices(starts[numbers], lengths[numbers])]
        for number, hashes in zip(
            numbers.tolist(), _shingle_chunk(chunk_points, lengths[numbers], size), strict=True
        ):
            out[number] = hashes
    return out


_CHUNK_TEXTS = 1 << 16


def _shingle_chunk(points: np.ndarray, lengths: np.ndarray, size: int) -> list[np.ndarray]:
    """Sorted unique shingle hashes of texts (concatenated code points) all at least `size` long."""
    points = points.astype(np.uint64)
    text_starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    counts = lengths - size + 1
    owner = np.repeat(np.arange(len(lengths), dtype=np.uint16), counts)
    window_starts = segment_indices(text_starts, counts)
    with np.errstate(over="ignore"):
        hashes = np.zeros(len(window_starts), dtype=np.uint64)
        for offset in range(size):
            hashes = hashes * _BASE + points[window_starts + offset]
        hashes = _mix(hashes + np.uint64(size))
    by_hash = np.argsort(hashes)  # then a stable sort by text: sorted hashes within each text
    order = by_hash[np.argsort(owner[by_hash], kind="stable")]
    hashes, owner = hashes[order], owner[order]
    keep = np.ones(len(hashes), dtype=bool)
    keep[1:] = (hashes[1:] != hashes[:-1]) | (owner[1:] != owner[:-1])
    hashes, owner = hashes[keep], owner[keep]
    bounds = np.searchsorted(owner, np.arange(len(lengths) + 1))
    return [hashes[bounds[k] : bounds[k + 1]] for k in range(len(lengths))]


def intersection_size(a: np.ndarray, b: np.ndarray) -> int:
    """|A ∩ B| of two sorted unique arrays."""
    if not a.size or not b.size:
        return 0
    if a.size > b.size:
        a, b = b, a
    positions = np.minimum(np.searchsorted(b, a), b.size - 1)
    return int(np.count_nonzero(b[positions] == a))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """|A ∩ B| / |A ∪ B| of two shingle sets (sorted unique arrays)."""
    if not a.size and not b.size:
        return 0.0
    common = intersection_size(a, b)
    return common / (a.size + b.size - common)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """|A ∩ B| / min(|A|, |B|): how much of the shorter text lies in the longer one."""
    if not a.size or not b.size:
        return 0.0
    return intersection_size(a, b) / min(a.size, b.size)


SIMILARITIES = {"jaccard": jaccard, "containment": containment}
