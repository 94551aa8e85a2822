"""Validation splits that hold out provinces, years and agency levels (nlp.classify.shifts), the place
table they read (nlp.classify.places), and the classifier's text forms and cross-site term rule."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from nlp.classify.places import mask_places, place_table, places_in
from nlp.classify.shifts import (
    KINDS,
    fill_by_cluster,
    kind_of,
    level_folds,
    level_of,
    province_folds,
    province_of_host,
    province_of_names,
    report_facts,
    year_folds,
)
from nlp.labels import LabelledUnit

#: The tests that read the division table (`cpca`, a development dependency); the rest need nothing.
needs_places = pytest.mark.skipif(
    importlib.util.find_spec("cpca") is None, reason="the division table comes with `cpca` (pip install cpca)"
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
LABEL_FILES = [SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"]


def test_a_province_portal_names_its_province_and_a_city_portal_does_not():
    assert province_of_host("https://sthj.ln.gov.cn/sthj/zfxxgk/index.shtml") == "21"
    assert province_of_host("http://xxgk.jl.gov.cn/a.html") == "22"
    assert province_of_host("https://scjgj.cq.gov.cn/x") == "50"
    # a city's portal, a Guangzhou domain that looks like a province abbreviation, no address at all
    assert province_of_host("http://zwgk.changchun.gov.cn/x") is None
    assert province_of_host("http://www.gz.gov.cn/x") is None
    assert province_of_host(None) is None and province_of_host("shared/reports/a.txt") is None


@needs_places
def test_places_are_found_longest_first_and_shared_names_name_no_province():
    table = place_table()
    assert table["双塔区"].province == "21" and table["双塔区"].level == "county"
    assert table["长春"].province == "22" and table["长春"].level == "city"
    assert table["吉林省"].level == "province"
    # a district name several provinces have says nothing of the province
    shared = [name for name, place in table.items() if place.province is None]
    assert "朝阳区" in shared
    assert [name for _, name, _ in places_in("辽宁省朝阳市双塔区前进街道")] == ["辽宁省", "朝阳市", "双塔区"]
    assert province_of_names("朝阳区某某街道", "双塔区前进街道") == "21"  # the first name of one province
    assert province_of_names("街道办事处", None) is None


@needs_places
@pytest.mark.parametrize(
    ("agency", "level"),
    [
        ("杨柳镇人民政府", "township"),
        ("双塔区前进街道", "township"),
        ("株洲市芦淞区龙泉街道办事处", "township"),
        ("广州市南沙区建设中心", "county"),
        ("资中县信访局", "county"),
        ("长春市公安局", "city"),
        ("辽宁省生态环境厅", "province"),
        ("国家统计局", "national"),
        ("办公室", None),
        (None, None),
    ],
)
def test_the_agency_level_is_its_deepest_place(agency, level):
    assert level_of(agency) == level


@pytest.mark.parametrize(
    ("agency", "kind"),
    [
        ("杨柳镇人民政府", "government"),
        ("双塔区前进街道", "government"),
        ("资中县人民政府办公室", "government"),  # the general office writes its government's report
        ("高新区管委会", "government"),
        ("长春市公安局", "department"),
        ("辽宁省生态环境厅", "department"),
        ("广州市南沙区建设中心", "department"),
        ("某某合作社", None),
        (None, None),
    ],
)
def test_the_kind_of_agency_tells_governments_from_departments(agency, kind):
    assert kind_of(agency) == kind


def test_level_folds_hold_out_each_kind_of_agency():
    kinds = ["government"] * 4 + ["department"] * 4 + [None] * 2
    clusters = ["a", "a", "b", "b", "c", "c", "d", "d", "e", "f"]
    folds = level_folds(kinds, clusters, min_rows=2, order=KINDS)
    assert [sorted(test) for _, test in folds] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert [sorted(train) for train, _ in folds] == [[4, 5, 6, 7, 8, 9], [0, 1, 2, 3, 8, 9]]


@needs_places
def test_place_names_are_masked_and_collectives_and_pronouns_are_not():
    assert mask_places("辽宁省朝阳市双塔区前进街道2020年报告") == "某省某市某区某街道2020年报告"
    assert mask_places("松江镇党委政府高度重视") == "某镇党委政府高度重视"
    for kept in ("全镇各乡镇和城乡社区", "我镇坚持", "加快推进乡村振兴", "街道认真执行《条例》规定"):
        assert mask_places(kept) == kept


def _unit(doc_id, index, text, kind="narrative", url=None, label="other"):
    return LabelledUnit(doc_id, index, text, kind, label if kind == "narrative" else None, extra={"url": url} if url else {})


@needs_places
def test_report_facts_read_title_fields_address_and_opening():
    units = [
        _unit("a", 0, "资中县信访局2021年政府信息公开工作年度报告", kind="heading", url="https://www.zizhong.gov.cn/1.shtml"),
        _unit("a", 1, "2021年，我局坚持公开为常态。", url="https://www.zizhong.gov.cn/1.shtml"),
        _unit("b", 0, "一、总体情况", kind="heading", url="https://sthj.ln.gov.cn/x"),
        _unit("b", 1, "2023年，厅认真贯彻《条例》。", url="https://sthj.ln.gov.cn/x"),
        _unit("c", 0, "一、总体情况", kind="heading"),
        _unit("c", 1, "2024年，文山市坚持以习近平新时代中国特色社会主义思想为指导。"),
        _unit("d", 0, "一、总体情况", kind="heading"),
        _unit("d", 1, "本年度，我单位认真贯彻。"),
    ]
    facts = report_facts(units)
    assert (facts["a"].province, facts["a"].year, facts["a"].level, facts["a"].kind) == ("51", 2021, "county", "department")
    assert (facts["b"].province, facts["b"].year) == ("21", 2023)
    assert facts["c"].province == "53"  # 文山市, named by the opening sentence
    assert facts["d"].province is None and facts["d"].year is None
    filled = fill_by_cluster(facts, {"a": "site:x", "d": "site:x", "b": "site:y", "c": "site:z"})
    assert filled["d"].province == "51" and filled["b"].province == "21"


def _rows(rng, n_reports=60):
    """Synthetic rows: reports with a province, a year, a level and a cluster (some clusters span
    provinces and years, as a city portal hosts its districts' reports)."""
    y, provinces, years, levels, clusters = [], [], [], [], []
    for report in range(n_reports):
        province = None if report % 7 == 0 else str(11 + report % 9)
        year = None if report % 11 == 0 else 2018 + report % 8
        level = [None, "city", "county", "township"][report % 4]
        cluster = f"site:{report // 3}"
        for _ in range(rng.integers(2, 6)):
            y.append(["other", "application", "platform"][rng.integers(3)])
            provinces.append(province)
            years.append(year)
            levels.append(level)
            clusters.append(cluster)
    return y, provinces, years, levels, clusters


def _no_cluster_on_both_sides(folds, clusters):
    clusters = np.asarray(clusters, dtype=object)
    for train, test in folds:
        assert len(test) and len(train)
        assert not set(clusters[train]) & set(clusters[test])


def test_province_folds_test_every_row_once_and_hold_out_whole_provinces():
    rng = np.random.default_rng(0)
    y, provinces, _, _, clusters = _rows(rng)
    folds = province_folds(y, provinces, clusters, folds=4, seed=1)
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested) == list(range(len(y)))
    _no_cluster_on_both_sides(folds, clusters)
    p = np.asarray(provinces, dtype=object)
    for train, test in folds:
        assert not {x for x in p[train] if x} & {x for x in p[test] if x}


def test_year_folds_train_on_one_side_of_the_cut_and_never_test_unknown_years():
    rng = np.random.default_rng(1)
    y, _, years, _, clusters = _rows(rng)
    folds = year_folds(years, clusters, cut=2021)
    _no_cluster_on_both_sides(folds, clusters)
    ys = np.asarray(years, dtype=object)
    (train_early, test_late), (train_late, test_early) = folds
    assert all(year > 2021 for year in ys[test_late]) and all(year <= 2021 for year in ys[test_early])
    assert all(year is None or year <= 2021 for year in ys[train_early])
    assert all(year is None or year > 2021 for year in ys[train_late])


def test_level_folds_hold_out_each_common_level():
    rng = np.random.default_rng(2)
    y, _, _, levels, clusters = _rows(rng)
    folds = level_folds(levels, clusters, min_rows=10)
    counts = Counter(level for level in levels if level)
    assert len(folds) == len(counts)
    _no_cluster_on_both_sides(folds, clusters)
    lv = np.asarray(levels, dtype=object)
    for train, test in folds:
        assert len(set(lv[test])) == 1 and lv[test][0] not in set(lv[train])


@needs_places
def test_shared_reports_get_provinces_that_agree_with_their_titles():
    """On the labelled reports: most get a province and a year; where the address names a province
    portal, the title's places agree with it (the two sources are independent)."""
    if not LABEL_FILES[0].exists():
        pytest.skip(f"{LABEL_FILES[0]} not found (../shared is absent)")
    from nlp.labels import read_labelled

    units = read_labelled([path for path in LABEL_FILES if path.exists()])
    facts = report_facts(units)
    known = [f for f in facts.values() if f.province]
    assert len(known) >= 0.6 * len(facts)
    assert sum(f.year is not None for f in facts.values()) >= 0.95 * len(facts)
    by_doc: dict[str, list] = {}
    for unit in units:
        by_doc.setdefault(unit.doc_id, []).append(unit)
    checked = agree = 0
    for members in by_doc.values():
        url = members[0].extra.get("url") if isinstance(members[0].extra, dict) else None
        host = province_of_host(url if isinstance(url, str) else None)
        title = next((u.text for u in members[:3] if u.kind == "heading" and "报告" in (u.text or "")), None)
        named = province_of_names(title) if title else None
        if host and named:
            checked += 1
            agree += host == named
    assert checked >= 5 and agree >= 0.9 * checked


# -- the classifier's text forms and cross-site rule ---------------------------------------------

def _records(limit=500):
    if not LABEL_FILES[0].exists():
        pytest.skip(f"{LABEL_FILES[0]} not found (../shared is absent)")
    with LABEL_FILES[0].open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    return [r for r in records if r.get("kind") == "narrative" and r.get("label")][:limit]


@needs_places
def test_text_forms_fold_figures_and_mask_places_before_the_ngrams():
    from nlp.classify.features import figures_folded, figures_places, places_masked, text_form

    assert figures_folded("2023年收到申请17件，办结0件") == "#年收到申请#件,办结0件"  # widths folded first
    assert places_masked("长春市公安局（一）") == "某市公安局(一)"  # widths folded as before
    assert figures_places("双塔区2020年") == "某区#年"
    with pytest.raises(ValueError, match="unknown text_form"):
        text_form("digits")


@pytest.mark.parametrize(
    "params", [{"text_form": "figures"}, pytest.param({"text_form": "figures+places"}, marks=needs_places), {"min_groups": 3}]
)
def test_text_forms_and_cross_site_terms_are_applied_through_the_twins_bit_for_bit(params):
    from nlp.classify.features import paragraph_frame
    from nlp.classify.model import ParagraphClassifier
    from nlp.inference import twin_of

    records = _records()
    groups = [r["doc_id"][:4] for r in records]  # a coarse grouping: several reports per group
    model = ParagraphClassifier(word_ngrams=None, opening_weight=0.5, calibrate=False, **params)
    model.fit(records[:400], [r["label"] for r in records[:400]], groups=groups[:400])
    twin = twin_of(model.pipeline_)
    assert twin is not None
    frame = paragraph_frame(records[400:])
    assert np.array_equal(twin.decision_function(frame), model.pipeline_.decision_function(frame))
    vocabulary = model.pipeline_.named_steps["features"].named_transformers_["chars"].vocabulary_
    if "text_form" in params:
        assert not any(ch.isdigit() and ch != "0" for term in vocabulary for ch in term)
    if "places" in params.get("text_form", ""):
        assert "长春" not in vocabulary and "某" in vocabulary


def test_min_groups_drops_the_ngrams_only_one_group_writes():
    from nlp.classify.model import ParagraphClassifier

    texts = ["甲乙丙主动公开信息", "甲乙丙主动公开文件", "丁戊己依申请公开", "丁戊己依申请答复", "庚辛壬主动公开", "庚辛壬依申请"] * 2
    labels = ["active", "active", "application", "application", "active", "application"] * 2
    groups = ["g1", "g1", "g2", "g2", "g3", "g3"] * 2
    plain = ParagraphClassifier(word_ngrams=None, context=(), calibrate=False).fit(texts, labels)
    sites = ParagraphClassifier(word_ngrams=None, context=(), calibrate=False, min_groups=2).fit(texts, labels, groups=groups)
    plain_terms = plain.pipeline_.named_steps["features"].named_transformers_["chars"].vocabulary_
    site_terms = sites.pipeline_.named_steps["features"].named_transformers_["chars"].vocabulary_
    assert "甲乙丙" in plain_terms and "甲乙丙" not in site_terms  # one group's own words
    assert "主动公开" not in site_terms and "主动公" in site_terms and "公开" in site_terms
    # without groups the rule cannot apply: the model is the plain one
    again = ParagraphClassifier(word_ngrams=None, context=(), calibrate=False, min_groups=2).fit(texts, labels)
    assert again.pipeline_.named_steps["features"].named_transformers_["chars"].vocabulary_ == plain_terms


def test_a_model_saved_before_text_forms_reads_text_as_before():
    from nlp.classify.model import ParagraphClassifier

    records = _records(200)
    model = ParagraphClassifier(word_ngrams=None, calibrate=False).fit(records, [r["label"] for r in records])
    expected = model.predict_proba(records[:50])
    for name in ("text_form", "min_groups"):
        delattr(model, name)  # as unpickled from a file of an earlier version
    refitted = model.fit(records, [r["label"] for r in records])
    assert np.array_equal(refitted.predict_proba(records[:50]), expected)


def test_year_folds_by_cluster_keep_every_cluster_whole_on_the_side_of_most_of_its_years():
    years = [2020, 2020, 2023, 2024, 2024, 2021, None, 2025]
    clusters = ["a", "a", "a", "b", "b", "c", "c", "d"]
    (train_early, test_late), (train_late, test_early) = year_folds(years, clusters, cut=2022, by_cluster=True)
    assert sorted(test_late) == [3, 4, 7] and sorted(train_early) == [0, 1, 2, 5, 6]
    assert sorted(test_early) == [0, 1, 2, 5, 6] and sorted(train_late) == [3, 4, 7]
    # without by_cluster, cluster a (2020 and 2023) is tested in both splits and never trained on
    (train_early, test_late), (train_late, _) = year_folds(years, clusters, cut=2022)
    assert 2 in test_late and not {0, 1, 2} & (set(train_early) | set(train_late))


@pytest.mark.parametrize("form", ["figures", pytest.param("figures+places", marks=needs_places)])
def test_a_model_with_a_text_form_saves_and_loads_as_twins_with_equal_scores(tmp_path, form):
    from nlp.classify.loading import load_model
    from nlp.classify.model import ParagraphClassifier
    from nlp.modelfiles.store import save_model

    records = _records(300)
    model = ParagraphClassifier(word_ngrams=None, opening_weight=0.5, calibrate=False, text_form=form)
    model.fit(records, [r["label"] for r in records])
    path = tmp_path / "form.joblib"
    save_model(model, path, {"name": "test"})
    loaded = load_model(path)
    assert type(loaded.pipeline_.steps[0][1]).__module__ == "nlp.inference.compose"  # applied without scikit-learn
    assert loaded.text_form == form
    assert np.array_equal(loaded.predict_proba(records[:60]), model.predict_proba(records[:60]))
