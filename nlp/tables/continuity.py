"""Checks across years: one agency's consecutive reports must join up (issue 19).

The templates tie a year to the one before it:

* `requests.carried_over` of year N (二、上年结转) is `requests.carried_forward` of N−1
  (四、结转下年度继续办理), column by column. A break is the report's fault (`fail`);
* `active.<row>.in_force` of N (现行有效件数, 2021 template) should be in_force of N−1 + issued −
  repealed of N. Clean-ups (清理) legitimately change it without a repeal being counted, so a
  break is a question to the agency (`uncertain`, no fault), not a verdict;
* `active.<row>.prev_items` of N (2019 template, 上一年项目数量) is the number of items at the end
  of N−1: prev_items + change of N−1 (`fail`);
* a narrative statement of year N about N−1 (`上年结转3件`, `2022年共收到申请45件`) is checked
  against N−1's tables (TABLES.md rule 5 across the year boundary).

Reports are matched on `nlp.agency.agency_key` of their agency and on the year the report itself
states (never the file name). Two versions of one agency-year are reported (a finding naming
both) and not mixed: with different cells, no link through that year is checked.

Fairness (`docs/findings.md`): a cell that was not read makes a check `not_assessable`, never a
failure; a row placed by repair makes a break `uncertain` with `fault="extraction"`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nlp.agency import agency_key
from nlp.findings import EXTRACTION, FAIL, NOT_ASSESSABLE, PASS, REPORT, UNCERTAIN
from nlp.ocrlayer import doubted, read_from_ocr
from nlp.report import Finding, Years
from nlp.tables.extract import AS_PRINTED
from nlp.tables.schema import REQUEST_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from nlp.report import Report
    from nlp.tables.extract import TableExtraction

Key = tuple[str, str, str]  # (table, row, col)

#: Placements that are a plain reading of the printed row (anything else is a repair).
PLAIN = AS_PRINTED | {"by_order"}
#: Rule names: the first two are template arithmetic (a break fails), the others audits.
CARRIED_RULE, PREV_ITEMS_RULE, IN_FORCE_RULE = "carried_over_continuity", "prev_items_continuity", "in_force_continuity"
NARRATIVE_RULE, VERSIONS_RULE = "narrative_last_year", "one_version_per_year"
#: Rules whose failure makes `govreport check` exit non-zero, like the rules of TABLES.md.
CONTINUITY_RULES = frozenset({CARRIED_RULE, PREV_ITEMS_RULE, NARRATIVE_RULE})

IN_FORCE_ROWS = ("regulations", "normative_documents")
#: Counts of the year's movements: a blank one (a Word-made page drops empty cells) is none.
FLOW_COLUMNS = frozenset({"issued", "repealed", "change"})
PREV_ITEMS_ROWS = ("licensing", "other_services", "punishment", "coercion", "fees")
_ROW_NAMES = {
    "carried_over": "二 上年结转", "carried_forward": "四 结转下年度", "regulations": "规章", "normative_documents": "规范性文件",
    "licensing": "行政许可", "other_services": "其他对外管理服务事项", "punishment": "行政处罚", "coercion": "行政强制", "fees": "行政事业性收费",
}


@dataclass
class YearRecord:
    """What the checks across years need of one report: who, which year, its cells and how they were read."""

    doc_id: str
    agency: str | None
    year: int | None
    template: str | None = None
    cells: dict[Key, int | float | None] = field(default_factory=dict)
    #: (table, row) → how the row's numbers were placed (`exact`, `decoded`, …).
    placements: dict[tuple[str, str], str] = field(default_factory=dict)
    #: The narrative paragraphs, for statements about the year before.
    narrative: list[str] = field(default_factory=list)
    #: The report was read from a scan's OCR text layer (`nlp.ocrlayer`): a break it shows may be OCR's misreading.
    from_ocr: bool = False

    @classmethod
    def from_report(cls, report: Report, extraction: TableExtraction | None = None) -> YearRecord:
        if extraction is None:
            from nlp.tables.extract import read_tables

            extraction = read_tables(report)
        return cls(
            report.doc_id, report.agency, report.year, extraction.template, dict(extraction.values()),
            dict(extraction.placements), [p.text for p in report.narrative()], read_from_ocr(report.source_text),
        )

    @classmethod
    def from_annotated(cls, report: Report) -> YearRecord:
        """The record of a report the pipeline annotated (its tables read already, as stored in its JSON)."""
        if report.annotations is None:
            return cls.from_report(report)
        tables = report.annotations.tables
        cells = {(c.table, c.row, c.col): c.value for c in tables.cells}
        return cls(
            report.doc_id, report.agency, report.year, tables.template, cells, dict(tables.placements), [p.text for p in report.narrative()],
            read_from_ocr(report.source_text),
        )

    @property
    def key(self) -> str | None:
        return agency_key(self.agency) if self.agency else None

    def name(self) -> str:
        return f"{self.agency} {self.year} ({self.doc_id})"

    def repaired(self, table: str, row: str) -> bool:
        how = self.placements.get((table, row))
        return how is not None and how not in PLAIN

    def extraction(self) -> TableExtraction:
        """The cells as a `TableExtraction`, for the narrative checks."""
        from nlp.report import Cell
        from nlp.tables.extract import TableExtraction

        cells = [Cell(t, r, c, v) for (t, r, c), v in self.cells.items()]
        return TableExtraction(self.template, cells=cells, placements=dict(self.placements))


def _record(item: Report | YearRecord | tuple[Report, TableExtraction]) -> YearRecord:
    if isinstance(item, YearRecord):
        return item
    if isinstance(item, tuple):
        return YearRecord.from_report(*item)
    return YearRecord.from_report(item)


def _ref(record: YearRecord, key: Key) -> dict[str, str]:
    return {"doc_id": record.doc_id, "year": str(record.year), "table": key[0], "row": key[1], "col": key[2]}


# --------------------------------------------------------------------------------------------
# Chains
# --------------------------------------------------------------------------------------------


@dataclass
class Chain:
    """One agency's reports by year; `versions` holds the years printed more than once."""

    key: str
    years: dict[int, YearRecord] = field(default_factory=dict)
    versions: dict[int, list[YearRecord]] = field(default_factory=dict)


def build_chains(records: Iterable[YearRecord]) -> tuple[list[Chain], list[YearRecord]]:
    """Group records by agency key and year; records without agency or year are returned apart."""
    grouped: dict[str, dict[int, list[YearRecord]]] = defaultdict(lambda: defaultdict(list))
    unplaced: list[YearRecord] = []
    for record in records:
        if record.key is None or record.year is None:
            unplaced.append(record)
            continue
        grouped[record.key][record.year].append(record)
    chains = []
    for key in sorted(grouped):
        chain = Chain(key)
        for year in sorted(grouped[key]):
            versions = grouped[key][year]
            chain.years[year] = versions[0]
            if len(versions) > 1:
                chain.versions[year] = versions
        chains.append(chain)
    return chains, unplaced


def _versions_finding(chain: Chain, year: int) -> Finding:
    versions = chain.versions[year]
    names = ", ".join(v.doc_id for v in versions)
    first = versions[0].cells
    differing = sorted({k for v in versions[1:] for k in set(first) | set(v.cells) if v.cells.get(k) != first.get(k)})
    fid = f"continuity.versions.{year}"
    if not differing:
        return Finding(fid, VERSIONS_RULE, PASS, f"{versions[0].agency} {year} is here {len(versions)} times ({names}) with the same cells; one is used")
    shown = "; ".join(f"{t}.{r}.{c}: " + " / ".join(str(v.cells.get((t, r, c), "—")) for v in versions) for t, r, c in differing[:4])
    message = (
        f"{versions[0].agency} {year} is here in {len(versions)} versions that differ ({names}): {shown}"
        f"{'…' if len(differing) > 4 else ''}; the links through {year} are not checked"
    )
    cells = [_ref(v, k) for k in differing[:4] for v in versions]
    return Finding(fid, VERSIONS_RULE, UNCERTAIN, message, cells)


def _usable(chain: Chain, year: int) -> bool:
    """A year with versions that differ is not used (the versions are not mixed)."""
    versions = chain.versions.get(year)
    return not versions or all(v.cells == versions[0].cells for v in versions)


# --------------------------------------------------------------------------------------------
# The checks on a pair of consecutive years
# --------------------------------------------------------------------------------------------


def _compare(
    fid: str, rule: str, prev: YearRecord, cur: YearRecord, left: Sequence[tuple[YearRecord, Key, int]], printed_key: Key,
    what: str, question: bool = False,
) -> Finding:
    """sum(sign × left cells) (the expected) against `cur`'s `printed_key` cell."""
    refs = [_ref(r, k) for r, k, _ in left] + [_ref(cur, printed_key)]
    involved = [(r, k) for r, k, _ in left] + [(cur, printed_key)]
    missing = [f"{r.year} {k[1]}.{k[2]}" for r, k in involved if k not in r.cells]
    if missing:
        return Finding(fid, rule, NOT_ASSESSABLE, f"{what}: cells not read ({', '.join(missing[:4])})", refs)
    cells = {(r.doc_id, k): (0 if r.cells[k] is None and k[2] in FLOW_COLUMNS else r.cells[k]) for r, k in involved}
    values = list(cells.values())
    if any(v is None for v in values):
        if all(v in (None, 0) for v in values):  # blank and zero agree: nothing carried
            return Finding(fid, rule, PASS, f"{what}: blank or zero in both years", refs, 0.0, 0.0)
        return Finding(fid, rule, NOT_ASSESSABLE, f"{what}: blank cells", refs)
    expected = float(sum(sign * cells[(r.doc_id, k)] for r, k, sign in left))  # type: ignore[misc]
    printed = float(cells[(cur.doc_id, printed_key)])  # type: ignore[arg-type]
    terms = " ".join(f"{'+' if sign > 0 else '−'} {cells[(r.doc_id, k)]:g}" for r, k, sign in left).lstrip("+ ")
    if abs(expected - printed) < 1e-6:
        return Finding(fid, rule, PASS, f"{what}: {terms} = {printed:g}", refs, expected, printed)
    repaired = sorted({f"{r.year} {k[1]}" for r, k in involved if r.repaired(k[0], k[1])})
    detail = f"{what}: expected {expected:g} ({terms}), the {cur.year} report prints {printed:g}; reports {prev.name()} and {cur.name()}"
    if repaired:
        return Finding(fid, rule, UNCERTAIN, f"{detail} (rows {', '.join(repaired)} were placed by repair)", refs, expected, printed, EXTRACTION)
    if question:
        message = f"{detail}. Were documents cleaned up (清理) or counted differently without being reported as repealed?"
        return Finding(fid, rule, UNCERTAIN, message, refs, expected, printed)
    return Finding(fid, rule, FAIL, detail, refs, expected, printed, REPORT)


def carried_over_findings(prev: YearRecord, cur: YearRecord) -> list[Finding]:
    """二 上年结转 of N = 四 结转下年度 of N−1, every column."""
    read = any(k[:2] == ("requests", "carried_over") for k in cur.cells) or any(k[:2] == ("requests", "carried_forward") for k in prev.cells)
    # with neither row read, one finding says the link could not be checked (not seven)
    return [
        _compare(
            f"continuity.carried_over.{col}", CARRIED_RULE, prev, cur, [(prev, ("requests", "carried_forward", col), 1)],
            ("requests", "carried_over", col), f"三 {col}: {cur.year} 上年结转 = {prev.year} 结转下年度",
        )
        for col in (REQUEST_COLUMNS if read else ("total",))
    ]


def in_force_findings(prev: YearRecord, cur: YearRecord) -> list[Finding]:
    """现行有效件数 of N = that of N−1 + 本年制发 − 本年废止 of N (both on the 2021 template)."""
    if prev.template != "2021" or cur.template != "2021":
        return []
    findings = []
    for row in IN_FORCE_ROWS:
        left = [(prev, ("active", row, "in_force"), 1), (cur, ("active", row, "issued"), 1), (cur, ("active", row, "repealed"), -1)]
        what = f"二 {_ROW_NAMES[row]}: {cur.year} 现行有效 = {prev.year} 现行有效 + {cur.year} 制发 − 废止"
        findings.append(_compare(f"continuity.in_force.{row}", IN_FORCE_RULE, prev, cur, left, ("active", row, "in_force"), what, question=True))
    return findings


def prev_items_findings(prev: YearRecord, cur: YearRecord) -> list[Finding]:
    """上一年项目数量 of N = 上一年项目数量 + 本年增/减 of N−1 (both on the 2019 template)."""
    if prev.template != "2019" or cur.template != "2019":
        return []
    findings = []
    for row in PREV_ITEMS_ROWS:
        if not any(k[:2] == ("active", row) for k in cur.cells) and not any(k[:2] == ("active", row) for k in prev.cells):
            continue  # other_services and fees are often left out of the table altogether
        left = [(prev, ("active", row, "prev_items"), 1), (prev, ("active", row, "change"), 1)]
        what = f"二 {_ROW_NAMES[row]}: {cur.year} 上一年项目数量 = {prev.year} 上一年项目数量 + 本年增/减"
        findings.append(_compare(f"continuity.prev_items.{row}", PREV_ITEMS_RULE, prev, cur, left, ("active", row, "prev_items"), what))
    return findings


def narrative_findings(prev: YearRecord, cur: YearRecord) -> list[Finding]:
    """Statements in N's narrative about N−1, checked against N−1's tables.

    `上年结转N件` (二 of N) must equal 四 of N−1. A clause naming N−1 by its number or as 上年 /
    去年 with a count of requests (`2022年共收到申请45件`) is read like a claim of N−1's own
    report and checked against N−1's cells; comparisons (`比上年增加5件`) are not.
    """
    from nlp.tables.narrative import Claim, check_claim, claim_year, claims_in

    findings: list[Finding] = []
    previous = prev.extraction()
    seen: dict[str, int] = defaultdict(int)
    for text in cur.narrative:
        for claim in claims_in(text):
            year = claim_year(claim, cur.year)
            if claim.kind == "carried_over" and year == cur.year:
                moved = Claim("carried_forward", claim.value, claim.sentence, claim.clause)  # this year's 二 is last year's 四
                findings.append(_narrative(check_claim(moved, previous, ""), prev, cur, seen, "carried_over"))
            elif year == prev.year:
                findings.append(_narrative(check_claim(claim, previous, ""), prev, cur, seen, claim.kind))
    return findings


def _narrative(finding: Finding, prev: YearRecord, cur: YearRecord, seen: dict[str, int], kind: str) -> Finding:
    seen[kind] += 1
    suffix = f".{seen[kind]}" if seen[kind] > 1 else ""
    finding.id = f"continuity.narrative.{kind}{suffix}"
    finding.rule = NARRATIVE_RULE
    finding.message = f"{cur.name()} about {prev.year}, against {prev.name()}: {finding.message}"
    finding.cells = [{"doc_id": prev.doc_id, "year": str(prev.year), **c} for c in finding.cells]
    return finding


def check_pair(prev: YearRecord, cur: YearRecord) -> list[Finding]:
    """Every check between a report and the same agency's report of the year before; where either was read from a
    scan's OCR layer, no break is laid on the reports (`nlp.ocrlayer`)."""
    findings = carried_over_findings(prev, cur) + in_force_findings(prev, cur) + prev_items_findings(prev, cur) + narrative_findings(prev, cur)
    return [doubted(finding) for finding in findings] if prev.from_ocr or cur.from_ocr else findings


def check_across_years(reports: Iterable[Report | YearRecord | tuple[Report, TableExtraction]]) -> list[Finding]:
    """The checks across years on many reports (any order, any agencies): a list of `Finding`s.

    Each item is a `Report` (its tables are read), a `(report, extraction)` pair, or a
    `YearRecord`. Every finding names both reports in its message and its cells (`doc_id`,
    `year`). Pairs are the same agency's consecutive years; a year printed in two versions that
    differ gets a `continuity.versions.<year>` finding and is skipped.
    """
    chains, _ = build_chains(_record(r) for r in reports)
    findings: list[Finding] = []
    for chain in chains:
        for year in chain.versions:
            findings.append(_versions_finding(chain, year))
        for year, cur in chain.years.items():
            prev = chain.years.get(year - 1)
            if prev is None or not _usable(chain, year) or not _usable(chain, year - 1):
                continue
            findings.extend(check_pair(prev, cur))
    return findings


def link_years(reports: Iterable[Report | YearRecord]) -> dict[str, Years]:
    """The checks across years, attached to the reports: doc_id → `Years` (neighbours, versions,
    and every finding of the links the report is part of — a link's findings go to both reports).

    Only reports with the same agency's report of the year before or after, or with another
    version of their year, get an entry. A `Report` item that the pipeline annotated is read from
    its annotations (`YearRecord.from_annotated`), its tables are not read again.
    """
    records = [r if isinstance(r, YearRecord) else YearRecord.from_annotated(r) for r in reports]
    chains, _ = build_chains(records)
    links: dict[str, Years] = {}

    def entry(record: YearRecord) -> Years:
        return links.setdefault(record.doc_id, Years())

    for chain in chains:
        for year, versions in chain.versions.items():
            finding = _versions_finding(chain, year)
            for version in versions:
                entry(version).versions = [v.doc_id for v in versions if v.doc_id != version.doc_id]
                entry(version).of_versions.append(finding)
        for year, cur in chain.years.items():
            prev = chain.years.get(year - 1)
            if prev is None:
                continue
            # every version of each year names its neighbours, even where the link is not checked
            for record in chain.versions.get(year, [cur]):
                entry(record).previous = prev.doc_id
            for record in chain.versions.get(year - 1, [prev]):
                entry(record).next = cur.doc_id
            if not _usable(chain, year) or not _usable(chain, year - 1):
                continue
            findings = check_pair(prev, cur)
            for record in chain.versions.get(year - 1, [prev]):
                entry(record).with_next.extend(findings)
            for record in chain.versions.get(year, [cur]):
                entry(record).with_previous.extend(findings)
    return links


def continuity_failures(findings: Sequence[Finding]) -> list[Finding]:
    """Breaks that are the report's fault (what makes `govreport check` exit non-zero)."""
    return [f for f in findings if f.status == FAIL and f.rule in CONTINUITY_RULES]
