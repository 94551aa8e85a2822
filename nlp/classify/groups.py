"""Validation groups: reports that repeat each other stay on one side of every split.

Grouping folds by `doc_id` alone flatters a model: the reports of one site (one agency, one template,
often one author year after year) share their wording, and a fold that tests one of them while
training on its siblings measures memory, not generalisation. `site_groups` puts every report in
a cluster made of
- its site: the host of its `url`, reduced to the site's own domain (`zwgk.changchun.gov.cn` and
  `js.changchun.gov.cn` are one city's portal); a report without a web address forms its own site
  unless a `family` rule below joins it to others;
- its family, given by the caller: e.g. a `doc_id` prefix that names one city's crawl;
- near-duplicate reports: two reports whose narrative texts have a character-shingle Jaccard
  similarity ≥ `duplicate_threshold` (MinHash LSH of nlp.duplicates) fall in one cluster, whatever
  their sites.
Clusters are the connected components of these relations (union-find).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

#: Second-level names under which a host's next label is still a generic suffix (`gov.cn`, `com.cn`).
_GENERIC_SECOND_LEVEL = frozenset({"gov", "com", "org", "net", "edu", "ac"})
#: Report-level Jaccard similarity from which two reports count as copies of one another.
DUPLICATE_THRESHOLD = 0.5


def site_of(url: str | None) -> str | None:
    """The site a web address belongs to: its registrable domain (`changchun.gov.cn`), None if no host."""
    if not url or "://" not in url:
        return None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return None
    labels = host.split(".")
    if labels[-1].isdigit():  # an IP address is its own site
        return host
    keep = 3 if len(labels) >= 3 and labels[-2] in _GENERIC_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def site_groups(
    doc_urls: Mapping[str, str | None],
    doc_texts: Mapping[str, str] | None = None,
    family: Callable[[str], str | None] | None = None,
    duplicate_threshold: float | None = DUPLICATE_THRESHOLD,
) -> dict[str, str]:
    """doc_id → cluster name (the smallest member key of its cluster, prefixed `site:`/`doc:`/`family:`).

    doc_urls: every report's web address (None where unknown).
    doc_texts: every report's narrative text, for the near-duplicate relation (None: not used).
    family: doc_id → a family name or None (reports of one family share a cluster).
    """
    sets = _UnionFind()
    for doc_id, url in doc_urls.items():
        sets.find(f"doc:{doc_id}")
        site = site_of(url)
        if site is not None:
            sets.union(f"doc:{doc_id}", f"site:{site}")
        name = family(doc_id) if family is not None else None
        if name:
            sets.union(f"doc:{doc_id}", f"family:{name}")
    if doc_texts and duplicate_threshold is not None:
        for a, b in duplicate_reports(doc_texts, duplicate_threshold):
            sets.union(f"doc:{a}", f"doc:{b}")
    return {doc_id: sets.find(f"doc:{doc_id}") for doc_id in doc_urls}


def duplicate_reports(doc_texts: Mapping[str, str], threshold: float = DUPLICATE_THRESHOLD) -> list[tuple[str, str]]:
    """Pairs of reports whose whole texts are near-duplicates (shingle Jaccard ≥ threshold)."""
    from nlp.duplicates.lsh import near_duplicates

    ids = [doc_id for doc_id, text in doc_texts.items() if text]
    pairs, _ = near_duplicates([(doc_id, 0) for doc_id in ids], [doc_texts[doc_id] for doc_id in ids], threshold=threshold)
    return [(pair.doc_a, pair.doc_b) for pair in pairs]


def groups_for(doc_ids: Sequence[str], clusters: Mapping[str, str]) -> list[str]:
    """The cluster of each unit's report (a report absent from `clusters` is its own cluster)."""
    return [clusters.get(doc_id, f"doc:{doc_id}") for doc_id in doc_ids]


def place_family(doc_id: str) -> str | None:
    """The place a `<place>_<agency>_<year>`-style doc_id names (`putian_cgj_2021` → `putian`), else None.

    Files named that way (a crawl of one city's portal) carry no web address per report; their
    reports share a portal and a template, so they must stay on one side of a split.
    """
    head, sep, rest = doc_id.partition("_")
    return head.lower() if sep and head.isalpha() and head.isascii() and rest else None


def unit_clusters(units: Sequence[Any], duplicate_threshold: float | None = DUPLICATE_THRESHOLD) -> dict[str, str]:
    """doc_id → validation cluster for labelled units (`nlp.labels.LabelledUnit`): site of the `url`
    column, place named by url-less doc_ids, near-duplicate narrative texts."""
    urls: dict[str, str | None] = {}
    texts: dict[str, list[str]] = {}
    for unit in units:
        url = unit.extra.get("url") if isinstance(unit.extra, dict) else None
        if urls.get(unit.doc_id) is None:
            urls[unit.doc_id] = url if isinstance(url, str) else None
        if unit.kind == "narrative" and unit.text:
            texts.setdefault(unit.doc_id, []).append(unit.text)

    def family(doc_id: str) -> str | None:
        return None if urls.get(doc_id) else place_family(doc_id)

    return site_groups(urls, {d: "\n".join(t) for d, t in texts.items()}, family, duplicate_threshold)
