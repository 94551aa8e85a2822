"""The development and held-out halves of the page openings in ../shared/labels/dev.jsonl.

Rules for pages broken at their inline elements were written reading misses of the development half
only; the held-out half is measured, never read (benchmarks/eval_full_reports.py --layouts,
tests/test_units_damage.py).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

from nlp.classify.groups import place_family, site_groups


def labelled_openings(shared: Path) -> tuple[dict[str, list[dict]], dict[str, dict]]:
    """The page openings of `shared` (../shared): doc_id → its labelled units (labels/dev.jsonl), and
    doc_id → its page record (corpus/pages_dev.jsonl), for the pages that have both."""
    units: dict[str, list[dict]] = defaultdict(list)
    with (shared / "labels" / "dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            units[record["doc_id"]].append(record)
    with (shared / "corpus" / "pages_dev.jsonl").open(encoding="utf-8") as handle:
        pages = {record["doc_id"]: record for record in map(json.loads, handle)}
    return {doc_id: records for doc_id, records in units.items() if doc_id in pages}, pages


def opening_halves(openings: dict[str, list[dict]]) -> dict[str, str]:
    """doc_id → `development` or `held-out` for the page openings of labels/dev.jsonl.

    By a stable hash of the report's validation cluster (`nlp.classify.groups.site_groups`: its site,
    near-duplicate texts), so that no site and no copied report sits on both sides.
    """
    urls = {doc: next((r.get("url") for r in records if r.get("url")), None) for doc, records in openings.items()}
    texts = {doc: "\n".join(r["text"] for r in records if r["kind"] == "narrative") for doc, records in openings.items()}
    clusters = site_groups(urls, texts, lambda doc: None if urls.get(doc) else place_family(doc))
    return {doc: "development" if hashlib.sha1(cluster.encode("utf-8")).digest()[0] % 2 == 0 else "held-out" for doc, cluster in clusters.items()}
