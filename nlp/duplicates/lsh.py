"""MinHash signatures and LSH search (datasketch), with every candidate verified exactly.

Signatures are datasketch MinHashes of the paragraphs' shingles; the LSH bands are chosen for recall: the most rows
per band such that a pair exactly at the threshold is still found with probability `min_recall`;
pairs above the threshold are found more often still. Candidates are then checked on the exact
shingle sets (Jaccard or containment), so no pair below the threshold is ever reported.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from nlp.duplicates.shingles import DEFAULT_SHINGLE_SIZE, SIMILARITIES, comparable_text, shingles

DEFAULT_NUM_PERM = 128
DEFAULT_SEED = 1


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
    threshold: float, num_perm: int = DEFAULT_NUM_PERM, min_recall: float = 0.995
) -> tuple[int, int]:
    """(bands, rows): the most rows per band (fewest false candidates) that keeps recall at the threshold."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if detection_probability(threshold, bands, rows) >= min_recall:
            return bands, rows
    return num_perm, 1


class MinHasher:
    """datasketch MinHash signatures of shingle sets (scheme `affine32`, fixed so that signatures
    stored in an index stay comparable whatever datasketch's default becomes)."""

    scheme = "affine32"

    def __init__(self, num_perm: int = DEFAULT_NUM_PERM, seed: int = DEFAULT_SEED) -> None:
        self.num_perm = num_perm
        self.seed = seed

    def signatures(self, shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
        """(n, num_perm) uint32 signatures. datasketch's affine32 scheme hashes 32-bit values, so each
        64-bit shingle hash gives its upper half."""
        from datasketch import MinHash

        values = ((s >> np.uint64(32)).tolist() for s in shingle_sets)
        minhashes = MinHash.generator(
            values, num_perm=self.num_perm, seed=self.seed, hashfunc=int, scheme=self.scheme
        )
        out = np.empty((len(shingle_sets), self.num_perm), dtype=np.uint32)
        for row, minhash in enumerate(minhashes):
            out[row] = minhash.hashvalues
        return out

    def lean(self, signature: np.ndarray) -> Any:
        from datasketch import LeanMinHash

        return LeanMinHash(seed=self.seed, hashvalues=signature, scheme=self.scheme)


class LSHSearch:
    """Paragraphs in a datasketch MinHashLSH, searched for near-copies between different documents.

    Parameters
    ----------
    threshold: pairs with similarity at or above it are reported.
    measure: `jaccard` (the two texts nearly coincide) or `containment` (the shorter one lies in the
        longer one; found where the shorter is at least `containment_ratio` of the longer's length).
    num_perm, seed, shingle_size: MinHash and shingle settings (an index fixes them for its life).
    min_recall: chance that a pair exactly at the threshold becomes a candidate.
    """

    def __init__(
        self,
        threshold: float = 0.8,
        measure: str = "jaccard",
        num_perm: int = DEFAULT_NUM_PERM,
        seed: int = DEFAULT_SEED,
        shingle_size: int = DEFAULT_SHINGLE_SIZE,
        min_recall: float = 0.995,
        containment_ratio: float = 0.5,
    ) -> None:
        from datasketch import MinHashLSH

        if measure not in SIMILARITIES:
            raise ValueError(f"measure must be one of {', '.join(SIMILARITIES)}, got {measure!r}")
        self.threshold = threshold
        self.measure = measure
        self.shingle_size = shingle_size
        self.hasher = MinHasher(num_perm, seed)
        # The Jaccard a containment pair has at least, where the shorter text is `ratio` of the longer.
        lsh_threshold = (
            threshold
            if measure == "jaccard"
            else threshold * containment_ratio / (1 + containment_ratio - threshold * containment_ratio)
        )
        self.bands, self.rows = choose_bands(lsh_threshold, num_perm, min_recall)
        self._lsh = MinHashLSH(num_perm=num_perm, params=(self.bands, self.rows))
        self._similarity = SIMILARITIES[measure]
        self.keys: list[tuple[str, Hashable]] = []
        self.texts: list[str] = []
        self.signatures: list[np.ndarray] = []
        self._shingles: dict[int, np.ndarray] = {}
        self.candidates_checked = 0

    def __len__(self) -> int:
        return len(self.keys)

    def shingles_of(self, item: int) -> np.ndarray:
        found = self._shingles.get(item)
        if found is None:
            found = self._shingles[item] = shingles(self.texts[item], self.shingle_size)
        return found

    def add(
        self,
        keys: Sequence[tuple[str, Hashable]],
        texts: Sequence[str],
        signatures: np.ndarray | None = None,
    ) -> list[int]:
        """Add paragraphs ((doc_id, para_id) keys and texts); returns their item numbers.

        `signatures`: precomputed (from an index); otherwise computed here.
        """
        first = len(self.keys)
        if signatures is None:
            sets = [shingles(comparable_text(text), self.shingle_size, prepared=True) for text in texts]
            signatures = self.hasher.signatures(sets)
            for offset, shingle_set in enumerate(sets):
                self._shingles[first + offset] = shingle_set
        items = list(range(first, first + len(keys)))
        self.keys.extend((str(doc), para) for doc, para in keys)
        self.texts.extend(texts)
        with self._lsh.insertion_session() as session:
            for item, signature in zip(items, signatures, strict=True):
                self.signatures.append(signature)
                session.insert(item, self.hasher.lean(signature), check_duplication=False)
        return items

    def _candidates(self, signature: np.ndarray) -> list[int]:
        return self._lsh.query(self.hasher.lean(signature))

    def _verified(
        self, key: tuple[str, Hashable], text: str, shingle_set: np.ndarray, other: int
    ) -> DuplicatePair | None:
        self.candidates_checked += 1
        similarity = self._similarity(shingle_set, self.shingles_of(other))
        if similarity < self.threshold:
            return None
        other_doc, other_para = self.keys[other]
        return DuplicatePair(key[0], key[1], other_doc, other_para, similarity, text, self.texts[other])

    def pairs(self, items: Iterable[int] | None = None) -> list[DuplicatePair]:
        """Verified pairs between different documents that involve `items` (default: all pairs).

        A pair of two `items` is reported once, earlier item first; a pair of an item and an older
        entry has the item first.
        """
        items = list(range(len(self.keys))) if items is None else list(items)
        querying = set(items)
        found = []
        for item in items:
            doc = self.keys[item][0]
            for other in self._candidates(self.signatures[item]):
                if other == item or self.keys[other][0] == doc or (other in querying and other < item):
                    continue
                pair = self._verified(self.keys[item], self.texts[item], self.shingles_of(item), other)
                if pair is not None:
                    found.append(pair)
        return found

    def matches(
        self,
        keys: Sequence[tuple[str, Hashable]],
        texts: Sequence[str],
        signatures: np.ndarray,
        shingle_sets: Sequence[np.ndarray],
    ) -> list[DuplicatePair]:
        """Verified pairs between outside paragraphs and the entries, without adding the outside ones."""
        found = []
        for key, text, signature, shingle_set in zip(keys, texts, signatures, shingle_sets, strict=True):
            for other in self._candidates(signature):
                if self.keys[other][0] != key[0]:
                    pair = self._verified(key, text, shingle_set, other)
                    if pair is not None:
                        found.append(pair)
        return found
