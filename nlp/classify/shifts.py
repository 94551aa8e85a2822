"""Validation splits that hold out more than a site: whole provinces, later (or earlier) years, an agency level.

Site-grouped folds (nlp.classify.groups) keep a site's reports on one side, but the training side
still holds the test sites' neighbours: the same province's template and slogans, the same years'
campaigns, reports of the same kind of agency. A model used on other sites meets all three shifts
at once. These splits make each one visible on labelled data:

- **province** (`province_folds`): each report's province, from its web address (a province
  portal's domain, `sthj.ln.gov.cn`) or the places named in its title, its agency or its page
  fields (`双塔区` → 辽宁, by the national administrative-division codes); provinces are spread over
  k folds, a report whose province is unknown forms a group of its own cluster;
- **year** (`year_folds`): reports up to `cut` against reports after it, both ways (train on the
  earlier, test on the later, and the reverse); the year is the report's title year (`20XX年…年度报告`),
  else the first year its text names;
- **level** (`level_folds`): the agency's layer of government (province, city, county/district,
  township/street; national bodies) from its name; each level is held out in turn; likewise the
  kind of agency (`kind_of`: a government or its office against a department).

In every split the training part also loses every report whose validation cluster (site, place,
near-duplicates) has a report in the test part, so a site never sits on both sides; rows whose
attribute is unknown are only ever trained on (year, level). Each row is tested at most once.

The place names come from the administrative-division table shipped by the `cpca` package
(`cpca/resources/adcodes.csv`: 3,500 provinces, cities and counties with their codes), read as a data
file only; it is a development dependency (`pip install cpca`), never needed to classify.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from nlp.classify.groups import site_of
from nlp.classify.places import LEVELS, places_in

#: Province codes (first two digits of an administrative-division code) of the domains the province
#: governments' portals use: `ln.gov.cn` and its departments' `sthj.ln.gov.cn`. Only domains that are
#: not also a city's (`gz.gov.cn` is Guangzhou's, `sx.gov.cn` Shaoxing's) are listed.
PROVINCE_DOMAINS: dict[str, str] = {
    "beijing": "11", "tj": "12", "hebei": "13", "shanxi": "14", "nmg": "15", "ln": "21", "jl": "22", "hlj": "23",
    "sh": "31", "jiangsu": "32", "js": "32", "zj": "33", "ah": "34", "fujian": "35", "fj": "35", "jiangxi": "36",
    "shandong": "37", "sd": "37", "henan": "41", "hubei": "42", "hunan": "43", "gd": "44", "gxzf": "45", "hainan": "46",
    "cq": "50", "sc": "51", "guizhou": "52", "yn": "53", "xizang": "54", "shaanxi": "61", "gansu": "62", "qinghai": "63",
    "nx": "64", "xinjiang": "65",
}
#: Agency words of a township or a street (the layer below a county).
_TOWNSHIP = re.compile(r"(?:镇|乡|街道|苏木)(?:人民政府|政府|办事处|办)?$|(?:镇|乡|街道|苏木)(?:人民政府|党委|办事处)")
#: National bodies: ministries, the State Council's administrations.
_NATIONAL = re.compile(r"^(?:中华人民共和国|国家|国务院|中国(?!共产党[^\s]{0,6}[省市县区]))|^[^省市县区旗州]{1,10}部$")
#: The title of an annual report (`…2023年政府信息公开工作年度报告`).
_REPORT_TITLE = re.compile(r"(?:政府|政务)?信息公开.{0,8}(?:年度)?(?:报告|年报)")



@dataclass(frozen=True)
class ReportFacts:
    """What a report's shift splits read: its province code, year and agency level (None: unknown)."""

    doc_id: str
    province: str | None
    year: int | None
    level: str | None
    kind: str | None = None  # `government` (a people's government, its office, a township) or `department`


#: The kinds of agency `kind_of` tells apart.
KINDS: tuple[str, ...] = ("government", "department")


def province_of_host(url: str | None) -> str | None:
    """The province code a province portal's address names (`https://sthj.ln.gov.cn/…` → `21`)."""
    site = site_of(url)
    if not site or not site.endswith(".gov.cn"):
        return None
    return PROVINCE_DOMAINS.get(site.split(".")[0])


def province_of_names(*texts: str | None) -> str | None:
    """The province of the first place named (in `texts`, in order) that belongs to one province only."""
    for text in texts:
        for _, _, place in places_in(text or ""):
            if place.province:
                return place.province
    return None


#: A government itself, its general office, a township or street: the rest are departments (局, 委, 中心 …).
_GOVERNMENT = re.compile(r"(?:人民政府|政府办公室|政府办公厅|政府办|管理委员会|管委会|行政公署)$|(?:镇|乡|街道|苏木)(?:人民政府|政府|办事处|办)?$|^[^局委厅办署院所站队中心]*[县区市旗]$")
_DEPARTMENT = re.compile(r"(?:局|委员会|委|厅|办公室|办|署|中心|院|馆|所|站|队|分局|集团|公司)$")


def kind_of(agency: str | None) -> str | None:
    """`government` for a people's government, its general office, a development zone's committee,
    a township or a street; `department` for an agency under one (局, 委, 中心 …); None if neither."""
    if not agency:
        return None
    name = re.sub(r"[（(][^）)]*[）)]|\s", "", agency)
    if _GOVERNMENT.search(name):
        return "government"
    return "department" if _DEPARTMENT.search(name) else None


def level_of(agency: str | None) -> str | None:
    """The layer of government of an agency name: `national`, `province`, `city`, `county`, `township`.

    The deepest place its name starts with decides (`广州市南沙区建设中心` → county); a township's
    or a street's own words make it `township`; a name without a known place is None."""
    if not agency:
        return None
    name = re.sub(r"[（(][^）)]*[）)]|\s", "", agency)
    if _TOWNSHIP.search(name):
        return "township"
    if _NATIONAL.search(name):
        return "national"
    levels = [place.level for _, _, place in places_in(name)]
    return max(levels, key=LEVELS.index) if levels else None


def report_facts(units: Sequence[Any]) -> dict[str, ReportFacts]:
    """doc_id → ReportFacts for labelled units (`nlp.labels.LabelledUnit`, in reading order).

    The title is the first heading or narrative unit that names an annual report; the agency is the
    title's, else the one the page fields or the opening sentences name (`nlp.agency`)."""
    from nlp.agency import agency_from_opening, agency_from_page_fields, agency_from_title
    from nlp.structure.title import year_of

    by_doc: dict[str, list[Any]] = defaultdict(list)
    for unit in units:
        by_doc[unit.doc_id].append(unit)
    facts = {}
    for doc_id, members in by_doc.items():
        url = next((u.extra.get("url") for u in members if isinstance(u.extra, dict) and isinstance(u.extra.get("url"), str)), None)
        texts = [u.text or "" for u in members]
        title = next(
            (u.text for u in members[:6] if u.kind in ("heading", "narrative") and u.text and len(u.text) <= 80 and _REPORT_TITLE.search(u.text)),
            None,
        )
        narrative = [u.text for u in members if u.kind == "narrative" and u.text]
        meta = [u.text for u in members if u.kind == "meta" and u.text]
        agency = (agency_from_title(title) if title else None) or agency_from_page_fields(meta) or agency_from_opening(narrative)
        # The opening sentences name the reporting place (`2021年，文山市坚持…`) where title and fields are lost.
        opening = "".join(narrative[:2])[:400]
        province = province_of_host(url) or province_of_names(title, agency, *meta[:3], opening)
        facts[doc_id] = ReportFacts(doc_id, province, year_of(title, "\n".join(texts)), level_of(agency), kind_of(agency))
    return facts


def fill_by_cluster(facts: Mapping[str, ReportFacts], clusters: Mapping[str, str]) -> dict[str, ReportFacts]:
    """The facts with an unknown province taken from the other reports of its validation cluster (one
    site is one place): the province most of them name, if any does."""
    from dataclasses import replace

    named: dict[str, Counter] = defaultdict(Counter)
    for doc_id, fact in facts.items():
        if fact.province:
            named[clusters.get(doc_id, doc_id)][fact.province] += 1
    out = {}
    for doc_id, fact in facts.items():
        votes = named.get(clusters.get(doc_id, doc_id))
        out[doc_id] = replace(fact, province=votes.most_common(1)[0][0]) if fact.province is None and votes else fact
    return out


def _held_out(keys: Sequence[str | None], clusters: np.ndarray, test_keys: set[str]) -> tuple[np.ndarray, np.ndarray]:
    """(train, test) rows: test = rows whose key is in `test_keys`; train = the rest, less every row of
    a cluster that has a test row."""
    in_test = np.array([key in test_keys for key in keys])
    touched = set(clusters[in_test])
    train = np.flatnonzero(~in_test & ~np.isin(clusters, list(touched)))
    return train, np.flatnonzero(in_test)


def province_folds(
    y: Sequence[str], provinces: Sequence[str | None], clusters: Sequence[str], folds: int = 5, seed: int = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """k folds over provinces (stratified by label, as `grouped_folds`); a row of unknown province is
    grouped by its cluster instead. Every row is tested once."""
    from nlp.classify.evaluate import grouped_folds

    clusters = np.asarray(clusters, dtype=object)
    keys = [f"province:{p}" if p else f"cluster:{c}" for p, c in zip(provinces, clusters, strict=True)]
    out = []
    for _, test in grouped_folds(list(y), keys, folds, seed):
        out.append(_held_out(keys, clusters, {keys[i] for i in test}))
    return out


def year_folds(
    years: Sequence[int | None], clusters: Sequence[str], cut: int = 2022, by_cluster: bool = False
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Two splits: train on reports of years ≤ `cut`, test on the later ones; and the reverse. Rows of
    unknown year are trained on only.

    by_cluster: each cluster goes whole to the side most of its rows' years fall on (a site that
    reported both before and after the cut is not lost to training; its minority years are on the
    other side of the cut)."""
    keys = [None if year is None else ("early" if year <= cut else "late") for year in years]
    clusters = np.asarray(clusters, dtype=object)
    if by_cluster:
        votes: dict[str, Counter] = defaultdict(Counter)
        for key, cluster in zip(keys, clusters, strict=True):
            if key:
                votes[cluster][key] += 1
        side = {cluster: counts.most_common(1)[0][0] for cluster, counts in votes.items()}
        keys = [side.get(cluster) for cluster in clusters]
    return [_held_out(keys, clusters, {"late"}), _held_out(keys, clusters, {"early"})]


def level_folds(
    levels: Sequence[str | None], clusters: Sequence[str], min_rows: int = 100, order: Sequence[str] = LEVELS
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each agency level (of `order`: `LEVELS`, or `KINDS` for the kind of agency) with `min_rows`
    rows or more held out in turn; rows of unknown or rarer values are trained on only."""
    counts = Counter(level for level in levels if level)
    clusters = np.asarray(clusters, dtype=object)
    return [_held_out(list(levels), clusters, {level}) for level in order if counts[level] >= min_rows]


def fact_columns(doc_ids: Sequence[str], facts: Mapping[str, ReportFacts]) -> dict[str, list[Any]]:
    """Per row (paragraph), the facts of its report: `province`, `year`, `level`, `kind`."""
    empty = ReportFacts("", None, None, None)
    return {name: [getattr(facts.get(doc_id, empty), name) for doc_id in doc_ids] for name in ("province", "year", "level", "kind")}


def matched_folds(
    folds: Sequence[tuple[np.ndarray, np.ndarray]], clusters: Sequence[str], seed: int = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each (train, test) fold, one of random site clusters with about as many rows on each side:
    the control that tells what a shift split costs from what its smaller training part costs (a year
    split trains on less than half the rows). Whole clusters, never on both sides."""
    clusters = np.asarray(clusters, dtype=object)
    names, inverse = np.unique(clusters, return_inverse=True)
    sizes = np.bincount(inverse)
    rng = np.random.default_rng(seed)
    out = []
    for train, test in folds:
        order = rng.permutation(len(names))
        filled = np.cumsum(sizes[order])
        n_test = int(np.searchsorted(filled, len(test))) + 1
        rest = order[n_test:]
        n_train = int(np.searchsorted(np.cumsum(sizes[rest]), len(train))) + 1
        out.append((np.flatnonzero(np.isin(inverse, rest[:n_train])), np.flatnonzero(np.isin(inverse, order[:n_test]))))
    return out
