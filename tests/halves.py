"""The development and held-out halves of the page openings in ../shared/labels/dev.jsonl.

Rules for pages broken at their inline elements were written reading misses of the development half
only; the held-out half is measured, never read (benchmarks/eval_full_reports.py --layouts,
tests/test_units_damage.py).
"""

from __future__ import annotations

import hashlib

from nlp.classify.groups import place_family, site_groups


def opening_halves(openings: dict[str, list[dict]]) -> dict[str, str]:
    """doc_id → `development` or `held-out` for the page openings of labels/dev.jsonl.

    By a stable hash of the report's validation cluster (`nlp.classify.groups.site_groups`: its site,
    near-duplicate texts), so that no site and no copied report sits on both sides.
    """
    urls = {doc: next((r.get("url") for r in records if r.get("url")), None) for doc, records in openings.items()}
    texts = {doc: "\n".join(r["text"] for r in records if r["kind"] == "narrative") for doc, records in openings.items()}
    clusters = site_groups(urls, texts, lambda doc: None if urls.get(doc) else place_family(doc))
    return {doc: "development" if hashlib.sha1(cluster.encode("utf-8")).digest()[0] % 2 == 0 else "held-out" for doc, cluster in clusters.items()}
