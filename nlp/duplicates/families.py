"""From pairs to families of the same text across many reports, and year-over-year reuse.

Year over year (Brown & Tucker 2011): for one agency, how much of this year's report repeats the
previous report. Two measures: the share of this year's narrative text (in characters) that lies in
paragraphs nearly coinciding with a paragraph of the previous report (exact similarity, every pair of
the two reports compared), and Brown & Tucker's cosine similarity of the two reports' word-count
vectors (their modification score is 1 − cosine).
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nlp.agency import agency_key
from nlp.duplicates.find import DEFAULT_MIN_CHARS, Passage, as_documents, passages
from nlp.duplicates.lsh import DuplicatePair
from nlp.duplicates.shingles import DEFAULT_SHINGLE_SIZE, SIMILARITIES, shingles
from nlp.export import write_csv
from nlp.files import atomic_writer

Member = tuple[str, Hashable]


@dataclass
class Family:
    """Paragraphs linked by near-copy pairs (connected components): one text in many reports."""

    id: int
    members: list[Member]
    #: The member linked to the most others: the family's most typical wording.
    text: str
    documents: list[str] = field(default_factory=list)

    @property
    def n_documents(self) -> int:
        return len(self.documents)

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.id,
            "n_documents": self.n_documents,
            "n_paragraphs": len(self.members),
            "text": self.text,
            "members": [{"doc_id": doc, "para": para} for doc, para in self.members],
        }


def duplicate_families(pairs: Iterable[DuplicatePair]) -> list[Family]:
    """Group pairs into families (union-find), largest spread over reports first."""
    parent: dict[Member, Member] = {}

    def root(member: Member) -> Member:
        parent.setdefault(member, member)
        while parent[member] != member:
            parent[member] = parent[parent[member]]
            member = parent[member]
        return member

    degree: Counter[Member] = Counter()
    texts: dict[Member, str] = {}
    for pair in pairs:
        a, b = (pair.doc_a, pair.para_a), (pair.doc_b, pair.para_b)
        texts[a], texts[b] = pair.text_a, pair.text_b
        degree[a] += 1
        degree[b] += 1
        parent[root(a)] = root(b)
    groups: dict[Member, list[Member]] = defaultdict(list)
    for member in parent:
        groups[root(member)].append(member)
    families = []
    for members in groups.values():
        members.sort(key=lambda m: (m[0], str(m[1])))
        hub = max(members, key=lambda m: (degree[m], len(texts[m])))
        documents = sorted({doc for doc, _ in members})
        families.append(Family(0, members, texts[hub], documents))
    families.sort(key=lambda f: (-f.n_documents, -len(f.members), f.text))
    for number, family in enumerate(families, 1):
        family.id = number
    return families


@dataclass
class YearOverYear:
    agency: str
    year: int
    doc_id: str
    previous_year: int
    previous_doc_id: str
    paragraphs: int
    #: Paragraphs of this year's report with a near-copy in the previous one.
    reused_paragraphs: int
    #: Share of this year's compared text (characters) in such paragraphs (0–1).
    reused_share: float
    #: Brown & Tucker: cosine similarity of the two reports' word counts; modification = 1 − cosine.
    cosine: float

    @property
    def modification(self) -> float:
        return 1.0 - self.cosine

    def to_row(self) -> dict[str, Any]:
        row = dict(self.__dict__)
        row["reused_share"] = round(self.reused_share, 4)
        row["cosine"] = round(self.cosine, 4)
        row["modification"] = round(self.modification, 4)
        return row


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(count * b.get(word, 0) for word, count in a.items())
    norm = math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values()))
    return dot / norm if norm else 0.0


def year_over_year(
    documents: Sequence[Any],
    threshold: float = 0.8,
    measure: str = "jaccard",
    min_chars: int = DEFAULT_MIN_CHARS,
    shingle_size: int = DEFAULT_SHINGLE_SIZE,
    tokenizer: Any = None,
) -> list[YearOverYear]:
    """Each report compared with the same agency's previous report (the latest earlier year present).

    `documents`: Reports or Documents with `agency` and `year`; those without either are skipped.
    Agencies are matched as everywhere, on `nlp.agency.agency_key` (`文旅局` = `文化和旅游局`).
    """
    from nlp.tokenize import Tokenizer

    tokenizer = tokenizer or Tokenizer()
    similarity = SIMILARITIES[measure]
    by_agency: dict[str, dict[int, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for document in documents:
        if document.agency and document.year:
            by_agency[agency_key(document.agency)][int(document.year)].append(document)

    def prepared(document: Any) -> tuple[list[Passage], list[Any], Counter[str]]:
        chosen, sets = _shingled(document, min_chars, shingle_size)
        words: Counter[str] = Counter()
        for passage in chosen:
            # the words the pipeline cut already, where the report carries them (jieba runs once)
            words.update(passage.tokens if passage.tokens is not None else tokenizer(passage.text))
        return chosen, sets, words

    rows = []
    for by_year in by_agency.values():
        years = sorted(by_year)
        cache = {}
        for previous_year, year in zip(years, years[1:], strict=False):
            for document in by_year[year]:
                for previous in by_year[previous_year]:
                    for item in (document, previous):
                        if id(item) not in cache:
                            cache[id(item)] = prepared(item)
                    current, current_sets, current_words = cache[id(document)]
                    _, previous_sets, previous_words = cache[id(previous)]
                    reused, share = _reused(current, current_sets, previous_sets, similarity, threshold)
                    rows.append(
                        YearOverYear(
                            agency=document.agency,
                            year=year,
                            doc_id=document.doc_id,
                            previous_year=previous_year,
                            previous_doc_id=previous.doc_id,
                            paragraphs=len(current),
                            reused_paragraphs=sum(reused),
                            reused_share=share,
                            cosine=_cosine(current_words, previous_words),
                        )
                    )
    rows.sort(key=lambda r: (r.agency, r.year, r.doc_id))
    return rows


def _shingled(document: Any, min_chars: int, shingle_size: int) -> tuple[list[Passage], list[Any]]:
    chosen = passages(as_documents([document]), min_chars=min_chars)
    return chosen, [shingles(p.text, shingle_size) for p in chosen]


def _reused(current: Sequence[Passage], current_sets: Sequence[Any], previous_sets: Sequence[Any], similarity: Any, threshold: float) -> tuple[list[bool], float]:
    """Which of this year's passages nearly coincide with one of the previous report's, and the
    share of this year's characters in them."""
    reused = [any(similarity(mine, theirs) >= threshold for theirs in previous_sets) for mine in current_sets]
    total = sum(len(p.text) for p in current)
    reused_chars = sum(len(p.text) for p, hit in zip(current, reused, strict=True) if hit)
    return reused, reused_chars / total if total else 0.0


def reused_share(
    document: Any, previous: Any, threshold: float = 0.8, measure: str = "jaccard", min_chars: int = DEFAULT_MIN_CHARS, shingle_size: int = DEFAULT_SHINGLE_SIZE
) -> float:
    """`YearOverYear.reused_share` of `document` against `previous` alone, without the word counts
    (no tokenizer runs): what `analyze` keeps of year over year."""
    current, current_sets = _shingled(document, min_chars, shingle_size)
    _, previous_sets = _shingled(previous, min_chars, shingle_size)
    return _reused(current, current_sets, previous_sets, SIMILARITIES[measure], threshold)[1]


def write_families_jsonl(families: Iterable[Family], path: str | os.PathLike[str]) -> int:
    """One family a line, atomically; returns the number written."""
    count = 0
    with atomic_writer(path) as handle:
        for family in families:
            handle.write(json.dumps(family.to_dict(), ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


#: Columns of the year-over-year CSV.
YEAR_OVER_YEAR_COLUMNS: tuple[str, ...] = tuple(YearOverYear.__dataclass_fields__) + ("modification",)


def write_year_over_year_csv(rows: Iterable[YearOverYear], path: str | os.PathLike[str]) -> int:
    return write_csv(path, YEAR_OVER_YEAR_COLUMNS, (row.to_row() for row in rows))
