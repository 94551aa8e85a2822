"""The evidence behind a score: character spans of a paragraph, and which signal marked them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Span:
    """A stretch of a paragraph that pushed its boilerplate score up or down.

    `signal` names the signal that found it (`commonness`, `specificity`, `generic`); `kind` says
    what it is (`common_ngram`, `figure`, `date`, `document`, `template_ngram`, ...); `weight` is
    positive where the span makes the text more template-like, negative where it makes it concrete.
    """

    start: int
    end: int
    text: str
    signal: str
    kind: str
    weight: float = 1.0

    def to_dict(self) -> dict:
        out = asdict(self)
        out["weight"] = round(self.weight, 4)
        return out


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching (start, end) ranges joined into disjoint ones, sorted."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def covered_length(ranges: Iterable[tuple[int, int]]) -> int:
    return sum(end - start for start, end in merge_ranges(ranges))


class DocumentFrequency:
    """How many documents of a reference corpus use each key (an n-gram, a document title ...).

    Keys used by a single document are dropped after counting: they cannot be common, and the
    table stays small enough to ship.
    """

    def __init__(self, counts: dict[str, int], n_documents: int) -> None:
        self.counts = counts
        self.n_documents = n_documents

    @classmethod
    def from_sets(cls, key_sets: Iterable[Iterable[str]], min_count: int = 2) -> DocumentFrequency:
        counter: Counter[str] = Counter()
        n_documents = 0
        for keys in key_sets:
            counter.update(set(keys))
            n_documents += 1
        return cls({key: count for key, count in counter.items() if count >= min_count}, n_documents)

    def share(self, key: str) -> float:
        """Share of the reference documents that use `key` (0 for an unseen key)."""
        if not self.n_documents:
            return 0.0
        return self.counts.get(key, 0) / self.n_documents

    def __len__(self) -> int:
        return len(self.counts)


class ReferenceCorpusModel:
    """Base of the models fitted on a reference corpus by counting the documents that use each key.

    A subclass says which keys a document uses (`document_keys`); `fit` counts them. `fit_keys` takes
    key sets already made, so that a cross-validation tokenises the corpus once for all its folds.
    """

    def document_keys(self, texts: Iterable[str]) -> set[str]:
        raise NotImplementedError

    def fit(self, documents: Iterable[Iterable[str]]):
        """Count, over the reference documents (each an iterable of texts), how many use each key."""
        return self.fit_keys(self.document_keys(texts) for texts in documents)

    def fit_keys(self, key_sets: Iterable[set[str]]):
        self.frequencies_ = DocumentFrequency.from_sets(key_sets)
        return self
