"""Near-copies between reports: `find_duplicates` over reports, paragraph records or an index."""

from __future__ import annotations

import os
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from nlp.duplicates.lsh import DEFAULT_NUM_PERM, DEFAULT_SEED, DuplicatePair, near_duplicates
from nlp.duplicates.shingles import DEFAULT_SHINGLE_SIZE, comparable_text
from nlp.export import write_csv

if TYPE_CHECKING:  # pragma: no cover
    from nlp.boilerplate.documents import Document

#: Columns of the pairs CSV.
PAIR_COLUMNS: tuple[str, ...] = ("doc_a", "para_a", "doc_b", "para_b", "similarity", "text_a", "text_b")
#: Paragraphs shorter than this (in comparable characters) are not compared: `无。` and
#: `（一）主动公开` coincide across all reports without being copied.
DEFAULT_MIN_CHARS = 20


class IndexedParagraphs(Protocol):
    """What `find_duplicates` reads of an index (`nlp.duplicates.index.DuplicateIndex`): its
    settings and its entries. A protocol, so that this module does not import the index (which
    imports it)."""

    num_perm: int
    shingle_size: int
    seed: int

    def entries(self) -> tuple[list[tuple[str, Hashable]], list[str], Any]: ...


@dataclass(frozen=True)
class Passage:
    """One paragraph to compare: whose it is, its id in its report, its text, and its words where
    the pipeline cut them already (`Paragraph.tokens`; None: cut when needed)."""

    doc_id: str
    para_id: Hashable
    text: str
    tokens: tuple[str, ...] | None = field(default=None, compare=False, repr=False)


def passages(documents: Iterable[Document], kinds: tuple[str, ...] | None = ("narrative",), min_chars: int = DEFAULT_MIN_CHARS) -> list[Passage]:
    """The comparable paragraphs of `documents` (`nlp.boilerplate.documents.Document`; see
    `as_documents` for reports and loose records): those of `kinds` (None: all) at least
    `min_chars` comparable characters long."""
    return [
        Passage(document.doc_id, unit.id, unit.text, unit.tokens)
        for document in documents
        for unit in document.units
        if (kinds is None or unit.kind in kinds) and len(comparable_text(unit.text)) >= min_chars
    ]


def as_documents(items: Iterable[Any]) -> Iterator[Document]:
    """Documents of what the public functions accept: Documents, Reports (their paragraphs, with the
    words the pipeline cut), paragraph dicts (`doc_id`, `id` or `para_index`, `text`, optional
    `kind`) or (doc_id, para_id, text) tuples, in order. Dict and tuple texts are user text and are
    normalised with `nlp.normalize.clean_text`; each becomes a document of one unit."""
    from nlp.boilerplate.documents import Document, Unit, document_from_report
    from nlp.normalize import clean_text
    from nlp.report import Report

    for item in items:
        if isinstance(item, Document):
            yield item
        elif isinstance(item, Report):
            yield document_from_report(item)
        elif isinstance(item, dict):
            unit = Unit(item.get("id", item.get("para_index")), clean_text(str(item["text"])), str(item.get("kind") or "narrative"))
            yield Document(str(item["doc_id"]), "", [unit])
        else:
            doc_id, para_id, text = item
            yield Document(str(doc_id), "", [Unit(para_id, clean_text(str(text)))])


def find_duplicates(
    items: Iterable[Any],
    threshold: float = 0.8,
    *,
    index: IndexedParagraphs | None = None,
    measure: str = "jaccard",
    min_chars: int = DEFAULT_MIN_CHARS,
    kinds: tuple[str, ...] | None = ("narrative",),
    num_perm: int = DEFAULT_NUM_PERM,
    shingle_size: int = DEFAULT_SHINGLE_SIZE,
    seed: int = DEFAULT_SEED,
) -> list[DuplicatePair]:
    """Pairs of paragraphs from different reports with similarity ≥ `threshold`, most similar first.

    `items`: see `as_documents`. With `index` (a DuplicateIndex), the items are also compared with every
    paragraph indexed (the items are not added to it; `DuplicateIndex.add` does that), using the
    index's shingle and MinHash settings. Pairs within the items have the earlier item first; pairs
    with an indexed paragraph have the item first.
    """
    if index is not None:
        num_perm, shingle_size, seed = index.num_perm, index.shingle_size, index.seed
        keys, texts, signatures = index.entries()
    else:
        keys, texts, signatures = [], [], None
    chosen = passages(as_documents(items), kinds, min_chars)
    first_new = len(keys)
    keys = keys + [(p.doc_id, p.para_id) for p in chosen]
    texts = texts + [p.text for p in chosen]
    pairs, _ = near_duplicates(
        keys,
        texts,
        threshold,
        measure,
        signatures=signatures,
        first_new=first_new,
        num_perm=num_perm,
        seed=seed,
        shingle_size=shingle_size,
    )
    return sort_pairs(pairs)


def sort_pairs(pairs: Iterable[DuplicatePair]) -> list[DuplicatePair]:
    return sorted(pairs, key=lambda p: (-p.similarity, p.doc_a, str(p.para_a), p.doc_b, str(p.para_b)))


def write_pairs_csv(pairs: Iterable[DuplicatePair], path: str | os.PathLike[str]) -> int:
    """Write pairs as CSV (columns PAIR_COLUMNS); returns the number of rows."""
    return write_csv(path, PAIR_COLUMNS, (pair.to_row() for pair in pairs))
