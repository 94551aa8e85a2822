"""MinHash signatures (datasketch) and LSH search, with every candidate verified exactly.

Signatures are datasketch MinHashes (scheme `affine32`: the MurmurHash3 finaliser, then the
permutations `a·h + b mod 2³²` of `datasketch.MinHash.permutations`, minimum per permutation),
computed for many paragraphs at once; a test checks them against `MinHash.update_batch`.

The LSH bands are chosen for recall: the most rows per band such that a pair exactly at the
threshold still becomes a candidate with probability `min_recall`; pairs above it, more often still.
Two ways to search, same banding as datasketch's `MinHashLSH`: `near_duplicates` joins a whole
batch at once (numpy, see `banding`); `nlp.duplicates.stored.StoredLSH` looks up one report at a
time against the band table of an index file. Either way candidates are checked on the exact shingle
sets, so no pair below the threshold is ever reported.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from nlp.duplicates.banding import band_keys, candidate_pairs
from nlp.duplicates.shingles import DEFAULT_SHINGLE_SIZE, SIMILARITIES, shingle_batch
from nlp.duplicates.verify import pair_similarities

DEFAULT_NUM_PERM = 128
DEFAULT_SEED = 1
DEFAULT_MIN_RECALL = 0.995
Key = tuple[str, Hashable]


@dataclass(frozen=True)
class DuplicatePair:
    """Two paragraphs of different reports whose texts nearly coincide."""

    doc_a: str
    para_a: Any
    doc_b: str
    para_b: Any
    similarity: float
    text_a: str
    text_b: str

    def to_row(self) -> dict[str, Any]:
        return {
            "doc_a": self.doc_a,
            "para_a": self.para_a,
            "doc_b": self.doc_b,
            "para_b": self.para_b,
            "similarity": round(self.similarity, 4),
            "text_a": self.text_a,
            "text_b": self.text_b,
        }


def detection_probability(similarity: float, bands: int, rows: int) -> float:
    """Chance that LSH with `bands` bands of `rows` rows makes a pair of this Jaccard a candidate."""
    return 1.0 - (1.0 - similarity**rows) ** bands


def choose_bands(
    threshold: float, num_perm: int = DEFAULT_NUM_PERM, min_recall: float = DEFAULT_MIN_RECALL
) -> tuple[int, int]:
    """(bands, rows): the most rows per band (fewest false candidates) that keeps recall at the threshold."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if detection_probability(threshold, bands, rows) >= min_recall:
            return bands, rows
    return num_perm, 1


def lsh_threshold(threshold: float, measure: str, containment_ratio: float = 0.5) -> float:
    """The Jaccard the LSH must catch: the threshold itself, or for containment, the Jaccard a pair
    at the containment threshold has where the shorter text is `containment_ratio` of the longer."""
    if measure not in SIMILARITIES:
        raise ValueError(f"measure must be one of {', '.join(SIMILARITIES)}, got {measure!r}")
    if measure == "jaccard":
        return threshold
    return threshold * containment_ratio / (1 + containment_ratio - threshold * containment_ratio)


_FMIX_1 = np.uint32(0x85EBCA6B)
_FMIX_2 = np.uint32(0xC2B2AE35)


def affine32_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of datasketch's `MinHash(num_perm, seed, scheme="affine32").permutations`, drawn
    the same way (`MinHash._init_permutations`: odd `a`, any `b` below 2³², from one RandomState):
    importing datasketch costs ~0.4 s (its package imports its LSH, and scipy.integrate with it),
    most of a small batch's start. A test checks the signatures against datasketch's."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


class MinHasher:
    """datasketch MinHash signatures of shingle sets, for many sets at once (scheme `affine32`, fixed
    so that signatures stored in an index stay comparable whatever datasketch's default becomes)."""

    scheme = "affine32"

    def __init__(
        self, num_perm: int = DEFAULT_NUM_PERM, seed: int = DEFAULT_SEED, chunk: int = 1 << 16
    ) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self.chunk = chunk
        self._a, self._b = affine32_permutations(num_perm, seed)

    @staticmethod
    def _fmix32(values: np.ndarray) -> np.ndarray:
        values = values ^ (values >> np.uint32(16))
        values = values * _FMIX_1
        values = values ^ (values >> np.uint32(13))
        values = values * _FMIX_2
        return values ^ (values >> np.uint32(16))

    def signatures(self, shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
        """(n, num_perm) uint32 signatures. The 32-bit value hashed for a shingle is the upper half of
        its 64-bit hash; an empty set keeps the empty signature (all values maximal)."""
        out = np.full((len(shingle_sets), self.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        lengths = np.fromiter((len(s) for s in shingle_sets), dtype=np.int64, count=len(shingle_sets))
        start = 0
        while start < len(shingle_sets):
            stop = start + max(1, int(np.searchsorted(np.cumsum(lengths[start:]), self.chunk, side="right")))
            batch_lengths = lengths[start:stop]
            filled = np.flatnonzero(batch_lengths)
            if len(filled):
                values = (np.concatenate(shingle_sets[start:stop]) >> np.uint64(32)).astype(np.uint32)
                # (permutations × shingles): each permutation's row is contiguous for the reduction
                with np.errstate(over="ignore"):
                    permuted = np.multiply.outer(self._a, self._fmix32(values))
                    permuted += self._b[:, None]
                offsets = np.concatenate([[0], np.cumsum(batch_lengths)[:-1]])[filled]
                out[start + filled] = np.minimum.reduceat(permuted, offsets, axis=1).T
            start = stop
        return out

    def lean(self, signature: np.ndarray) -> Any:
        from datasketch import LeanMinHash

        return LeanMinHash(seed=self.seed, hashvalues=signature, scheme=self.scheme)


@dataclass
class SearchStats:
    bands: int
    rows: int
    #: Pairs sharing a band.
    candidates: int = 0
    #: Candidates checked exactly (after the MinHash estimate).
    verified: int = 0
    pairs: int = 0


def _agreement(
    signatures: np.ndarray, first: np.ndarray, second: np.ndarray, chunk: int = 1 << 16
) -> np.ndarray:
    """Share of equal signature values of each pair: the MinHash estimate of their Jaccard."""
    out = np.empty(len(first))
    for start in range(0, len(first), chunk):
        stop = start + chunk
        out[start:stop] = (signatures[first[start:stop]] == signatures[second[start:stop]]).mean(axis=1)
    return out


def near_duplicates(
    keys: Sequence[Key],
    texts: Sequence[str],
    threshold: float = 0.8,
    measure: str = "jaccard",
    *,
    signatures: np.ndarray | None = None,
    first_new: int = 0,
    num_perm: int = DEFAULT_NUM_PERM,
    seed: int = DEFAULT_SEED,
    shingle_size: int = DEFAULT_SHINGLE_SIZE,
    min_recall: float = DEFAULT_MIN_RECALL,
    containment_ratio: float = 0.5,
    estimate_margin: float | None = 0.2,
) -> tuple[list[DuplicatePair], SearchStats]:
    """All verified pairs of paragraphs of different documents with similarity ≥ threshold.

    `keys`: (doc_id, para_id) per text. `signatures`: precomputed (an index's) for the first rows,
    or for all. `first_new`: items before it are already compared with each other (an index's
    entries); only pairs with at least one later item are sought. The earlier item of a pair is
    `b` where it is old, `a` otherwise. `estimate_margin`: candidates whose MinHash estimate is below
    the threshold by more than this are not checked (None: check every candidate).
    """
    bands, rows = choose_bands(lsh_threshold(threshold, measure, containment_ratio), num_perm, min_recall)
    stats = SearchStats(bands, rows)
    if not len(texts):
        return [], stats
    hasher = MinHasher(num_perm, seed)
    sets: list[np.ndarray | None] = [None] * len(texts)
    known = 0 if signatures is None else len(signatures)
    if known < len(texts):
        fresh = shingle_batch(texts[known:], shingle_size)
        sets[known:] = fresh
        computed = hasher.signatures(fresh)
        signatures = computed if signatures is None else np.concatenate([signatures, computed])
    numbers: dict[str, int] = {}
    documents = np.fromiter(
        (numbers.setdefault(str(doc), len(numbers)) for doc, _ in keys), dtype=np.int64, count=len(keys)
    )
    first, second = candidate_pairs(band_keys(signatures, bands, rows), documents, first_new)
    stats.candidates = len(first)
    # Candidates whose signatures agree far less than the threshold asks are dropped before the exact
    # check: with 128 permutations the estimate's spread is ≤ 0.045, so `estimate_margin` 0.2 is over
    # four spreads and loses a true pair about once in 100,000.
    if estimate_margin is not None and len(first):
        estimate = _agreement(signatures, first, second)
        plausible = estimate >= lsh_threshold(threshold, measure, containment_ratio) - estimate_margin
        first, second = first[plausible], second[plausible]
    stats.verified = len(first)
    missing = sorted({int(i) for i in np.concatenate([first, second]) if sets[i] is None})
    for item, shingle_set in zip(
        missing, shingle_batch([texts[i] for i in missing], shingle_size), strict=True
    ):
        sets[item] = shingle_set
    similarity = pair_similarities(sets, first, second, measure)
    keep = np.flatnonzero(similarity >= threshold)
    pairs = []
    for k in keep:
        i, j = int(first[k]), int(second[k])
        if i < first_new:  # an old entry goes second
            i, j = j, i
        pairs.append(
            DuplicatePair(
                str(keys[i][0]),
                keys[i][1],
                str(keys[j][0]),
                keys[j][1],
                float(similarity[k]),
                texts[i],
                texts[j],
            )
        )
    stats.pairs = len(pairs)
    return pairs, stats
