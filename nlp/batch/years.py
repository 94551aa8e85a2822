"""The batch's checks across years (issue 19), run once between the passes of `analyze`.

Pass 1 keeps of each report only a `Done` line (agency, year). Here the reports that have a
neighbour — the same agency (`nlp.agency.agency_key`) the year before or after, or another version
of the same year — are read back from their JSON, one agency at a time (so memory holds one chain,
never the batch), and `nlp.tables.continuity.link_years` gives each its `Years`: pass 2 puts them on
the report (JSON, page, summary row). Everything is derived from the JSON pass 1 wrote, so a resumed
run finds the same links.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from nlp.agency import agency_key
from nlp.batch.state import Done, KeptReports
from nlp.report import Years
from nlp.tables.continuity import YearRecord, link_years


def neighbours(done: Iterable[Done]) -> list[list[Done]]:
    """The batch's agencies with something to compare, each as its reports (one per doc_id):
    those of a year with another version or with a report the year before or after."""
    by_key: dict[str, dict[str, Done]] = defaultdict(dict)
    for d in done:
        if d.agency and d.year is not None:
            by_key[agency_key(d.agency)][d.doc_id] = d  # a later file of the same doc_id stands, as in pass 2
    groups = []
    for key in sorted(by_key):
        reports = list(by_key[key].values())
        years = [int(d.year) for d in reports]  # type: ignore[arg-type]
        linked = [d for d, y in zip(reports, years, strict=True) if years.count(y) > 1 or y - 1 in years or y + 1 in years]
        if linked:
            groups.append(linked)
    return groups


def batch_years(done: Iterable[Done], results: Path, kept: KeptReports | None = None) -> dict[str, Years]:
    """doc_id -> `Years` for every report of the batch that joins up with another (those `kept` in
    memory as they are, the others read from `results`)."""
    kept = kept or KeptReports()
    links: dict[str, Years] = {}
    for group in neighbours(done):
        records = [YearRecord.from_annotated(kept.get(d.name, results)) for d in group]
        links.update(link_years(records))
    return links


__all__ = ["batch_years", "neighbours"]
