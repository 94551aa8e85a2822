"""Character shingles of a paragraph, hashed to stable 64-bit integers, and exact set similarities.

Texts are compared in `nlp.normalize.comparable` form (punctuation widths folded, spaces removed), so
that a paragraph copied with other punctuation or spacing still matches. The hash is a polynomial
over code points with a 64-bit mixer, computed with numpy: stable across runs and machines (the
persistent index relies on that), unlike Python's `hash`.
"""

from __future__ import annotations

import numpy as np

#: Characters per shingle: five Chinese characters are about two words.
DEFAULT_SHINGLE_SIZE = 5

_BASE = np.uint64(1_000_003)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)


def comparable_text(text: str) -> str:
    from nlp.normalize import comparable

    return comparable(text)


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


def intersection_size(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.intersect1d(a, b, assume_unique=True).size)


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
