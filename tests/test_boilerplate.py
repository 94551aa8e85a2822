"""Boilerplate scores: specificity, commonness, the generic model and their combination.

Example texts are written for these tests; the real labelled paragraphs come from ../shared through
the `labelled_records` fixture and are only ever scored by models that did not see their report.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict

import numpy as np
import pytest

from nlp.boilerplate.commonness import CommonnessModel, token_spans
from nlp.boilerplate.score import BoilerplateScorer, report_score
from nlp.boilerplate.specificity import SpecificityScorer
from nlp.boilerplate.train import CORPUS_MODEL, GENERIC_MODEL, fit_boilerplate, load_boilerplate_scorer
from nlp.cli import main
from nlp.errors import LabelFileError, ModelError
from nlp.tokenize import Tokenizer


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer(numbers=False).initialize()


@pytest.fixture(scope="module")
def shipped_scorer() -> BoilerplateScorer:
    return load_boilerplate_scorer()


# -- specificity -------------------------------------------------------------------------------


def kinds_of(spans) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for span in spans:
        found[span.kind].append(span.text)
    return found


def test_specificity_finds_figures_dates_and_named_documents(tokenizer):
    scorer = SpecificityScorer(tokenizer=tokenizer)
    text = "2023年，本局共受理申请17件，于3月15日印发《青石区政务公开工作方案》（青政办〔2023〕8号），依托“青石通”平台办理。"
    found = kinds_of(scorer.find(text))
    assert found["quantity"] == ["17件"]
    assert found["date"] == ["3月15日"]
    assert "《青石区政务公开工作方案》" in found["document"]
    assert "青政办〔2023〕8号" in found["document"]
    assert found["platform"] == ["“青石通”"]
    assert scorer.score(text).score > 0.1


def test_specificity_ignores_the_year_the_reporting_period_and_item_numbers(tokenizer):
    scorer = SpecificityScorer(tokenizer=tokenizer)
    assert scorer.find("2023年，我局认真贯彻落实条例要求，持续深化政务公开。") == []
    assert scorer.find("本报告统计期限自2023年1月1日起至2023年12月31日止。") == []
    assert scorer.find("1.加强组织领导。2、完善工作制度。") == []
    # the same sentence with a figure in it is concrete
    assert [s.text for s in scorer.find("2023年，我局召开专题会议4次。")] == ["4次"]
    assert scorer.score("2023年，我局认真贯彻落实条例要求。").score == 0.0


def test_names_shared_by_most_reference_reports_are_template_not_concrete(tokenizer):
    corpus = [
        [f"根据《信息公开示范条例》要求，第{i}区编制本报告。", f"开展“{name}”活动。"]
        for i, name in enumerate("甲乙丙丁戊己")
    ]
    scorer = SpecificityScorer(common_name_share=0.5, tokenizer=tokenizer).fit(corpus)
    assert scorer.find("根据《信息公开示范条例》要求编制。") == []
    assert kinds_of(scorer.find("开展“庚日”活动。"))["campaign"] == ["“庚日”"]


def test_the_agency_own_place_name_is_not_concrete(tokenizer):
    scorer = SpecificityScorer(tokenizer=tokenizer)
    text = "东湖县人民政府加强政务公开，与西山县开展交流。"
    places = kinds_of(scorer.find(text)).get("place", [])
    own = kinds_of(scorer.find(text, own_names=["东湖县人民政府"])).get("place", [])
    assert "东湖县" in places and "东湖县" not in own


# -- commonness --------------------------------------------------------------------------------


def test_token_spans_point_at_the_words(tokenizer):
    text = "全年主动公开政府信息312条。"
    for token, start, end in token_spans(tokenizer, text):
        assert text[start:end] == token


def test_commonness_marks_sentences_with_ngrams_most_reports_use(tokenizer):
    template = "我局高度重视政府信息公开工作。"
    corpus = [[template, f"本年度在第{i}街道新建公开栏{i + 2}处。"] for i in range(10)]
    model = CommonnessModel(n=3, min_share=0.5, tokenizer=tokenizer).fit(corpus)
    assert model.n_documents == 10
    common = model.score(template + "另在北区新建查阅点两处。")
    assert 0.0 < common.share < 1.0  # one of the two sentences is template
    assert common.spans and all(span.signal == "commonness" for span in common.spans)
    assert all(template.find(span.text) >= 0 for span in common.spans)
    assert model.score("在南岸码头设立便民查阅窗口。").share == 0.0


# -- the combination on held-out real reports ------------------------------------------------


def test_combination_beats_chance_and_each_signal_on_held_out_reports(labelled_records, tokenizer):
    """One grouped split: everything fitted on three quarters of the reports, scored on the rest."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    records = [r for r in labelled_records if r["kind"] == "narrative" and r["generic"] is not None]
    texts = [r["text"] for r in records]
    y = np.array([int(r["generic"]) for r in records])
    groups = np.array([r["doc_id"] for r in records])
    train, test = next(GroupKFold(4).split(texts, y, groups))
    assert not set(groups[train]) & set(groups[test])
    reference = defaultdict(list)
    for record in labelled_records:
        if record["doc_id"] in set(groups[train]):
            reference[record["doc_id"]].append(record["text"])
    commonness = CommonnessModel(tokenizer=tokenizer).fit(reference.values())
    specificity = SpecificityScorer(tokenizer=tokenizer).fit(reference.values())
    scorer = BoilerplateScorer(commonness, specificity, inner_folds=3).fit(
        [texts[i] for i in train], y[train], groups[train].tolist()
    )
    scores = scorer.score([texts[i] for i in test], explain=False)
    auc = {
        "boilerplate": roc_auc_score(y[test], [s.boilerplate for s in scores]),
        "generic": roc_auc_score(y[test], [s.generic for s in scores]),
        "specificity": roc_auc_score(y[test], [1 - s.specificity for s in scores]),
        "commonness": roc_auc_score(y[test], [s.commonness for s in scores]),
    }
    assert auc["boilerplate"] >= 0.9, auc
    assert auc["generic"] >= 0.85 and auc["specificity"] >= 0.8, auc
    assert auc["boilerplate"] > max(auc["generic"], auc["specificity"], auc["commonness"]), auc
    assert all(0.0 <= s.boilerplate <= 1.0 and 0.0 <= s.specificity <= 1.0 for s in scores)


def test_shipped_scorer_ranks_template_above_concrete_text_and_shows_why(shipped_scorer):
    template = (
        "我局高度重视政府信息公开工作，进一步加强组织领导，不断完善工作机制，切实保障群众的知情权和监督权。"
    )
    concrete = "全年通过“青石发布”微信公众号发布信息389条，印发《青石区政务公开考核办法》，受理申请17件。"
    high, low = shipped_scorer.score([template, concrete])
    assert high.boilerplate > 0.5 > low.boilerplate
    assert low.specificity > high.specificity
    assert {"specificity"} <= {span.signal for span in low.spans}
    assert any(span.signal == "generic" and span.weight > 0 for span in high.spans)
    for text, score in ((template, high), (concrete, low)):
        assert all(text[span.start : span.end] == span.text for span in score.spans)
    summary = report_score([high, low], [template, concrete])
    assert low.boilerplate < summary.boilerplate < high.boilerplate


def test_explaining_a_batch_gives_each_paragraph_its_own_spans(shipped_scorer):
    """The batch path (one TF-IDF pass for a report) must explain each text as if it were alone."""
    texts = [
        "我局高度重视政府信息公开工作，进一步加强组织领导，不断完善工作机制。",
        "全年通过“青石发布”微信公众号发布信息389条，受理申请17件。",
        "无。",
    ]
    generic = shipped_scorer.generic_
    proba, spans = generic.predict_and_explain(texts)
    assert proba == pytest.approx(generic.predict_proba(texts))
    assert spans == [generic.explain(text) for text in texts]
    assert spans[0] and all(texts[0][s.start : s.end] == s.text for s in spans[0])
    assert spans[0] != spans[1]


def test_shipped_model_cards_carry_the_grouped_evaluation():
    from nlp.modelfiles.store import SHIPPED_MODELS, read_card

    card = read_card(SHIPPED_MODELS / GENERIC_MODEL)
    assert card["evaluation"]["method"].startswith("grouped")
    # The shipped scorer stacks no commonness (at chance held out), so its card reports no such AUC.
    assert set(card["evaluation"]["auc"]) == {"specificity", "generic", "boilerplate"}
    assert card["stack_features"] == list(load_boilerplate_scorer().stack_features)
    assert "commonness" not in card["stack_features"]
    assert "fit-boilerplate" in read_card(SHIPPED_MODELS / CORPUS_MODEL)["command"]


def test_fit_boilerplate_on_several_label_files(tmp_path):
    """Two label files are pooled, and the card lists every file with its sha256. (Their reports copy
    one pattern, so they form one near-duplicate cluster: the folds fall back to reports.)"""
    from nlp.modelfiles.store import sha256_of

    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_labels(first)
    records = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    # Other reports in a second file, each on its own site except two that share one.
    sites = {0: "http://www.one.gov.cn/1", 1: "http://zwgk.one.gov.cn/2", 2: "http://two.gov.cn/3",
             3: "http://three.gov.cn/4", 4: "http://four.gov.cn/5", 5: "http://five.gov.cn/6"}
    lines = []
    for record in records:
        doc = int(record["doc_id"][1:])
        lines.append(json.dumps({**record, "doc_id": f"s{doc}", "url": sites[doc]}, ensure_ascii=False))
    second.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cards = fit_boilerplate([first, second], labels=[first, second], output_dir=tmp_path / "m", folds=2)
    card = cards[GENERIC_MODEL]
    assert [entry["sha256"] for entry in card["data"]] == [sha256_of(first), sha256_of(second)]
    assert card["n_reports"] == 12 and "evaluation" in card
    assert 0.0 <= card["evaluation"]["auc"]["boilerplate"] <= 1.0
    assert "by doc_id" in card["evaluation"]["method"]


def test_shipped_models_refuse_a_tampered_file(tmp_path):
    from nlp.modelfiles.store import SHIPPED_MODELS

    for name in (CORPUS_MODEL, GENERIC_MODEL):
        for suffix in (".joblib", ".json"):
            shutil.copy(
                SHIPPED_MODELS / name.replace(".joblib", suffix), tmp_path / name.replace(".joblib", suffix)
            )
    assert load_boilerplate_scorer(tmp_path) is not None
    with open(tmp_path / GENERIC_MODEL, "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelError, match="sha256"):
        load_boilerplate_scorer(tmp_path)
    (tmp_path / CORPUS_MODEL.replace(".joblib", ".json")).unlink()
    with pytest.raises(ModelError, match="card"):
        load_boilerplate_scorer(tmp_path)


def test_loading_warns_when_the_tokenizer_word_lists_changed_since_fitting(monkeypatch):
    import nlp.boilerplate.loading as loading

    monkeypatch.setattr(loading, "tokenizer_resources", lambda: {"domain_words.txt": "another dictionary"})
    with pytest.warns(UserWarning, match="refitted"):
        load_boilerplate_scorer()


# -- fitting and the command line ---------------------------------------------------------------

GENERIC_EXAMPLES = [
    "我{0}高度重视政务公开工作，不断完善工作机制。",
    "下一步，我{0}将进一步加强业务培训，提升公开质量。",
    "严格落实信息发布审核制度，坚持涉密不上网。",
]
SPECIFIC_EXAMPLES = [
    "全年主动公开信息{1}条，其中政策解读{2}篇。",
    "本年度收到申请{2}件，已于{3}月{1}日前全部答复。",
    "印发《{0}政务公开考核细则》，开展“{0}开放日”活动{2}次。",
]


def write_labels(path, n_docs: int = 6) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for doc in range(n_docs):
            name = "东南西北中上"[doc] + "区"
            for index, (pattern, generic) in enumerate(
                [(p, True) for p in GENERIC_EXAMPLES] + [(p, False) for p in SPECIFIC_EXAMPLES]
            ):
                text = pattern.format(name, 10 + doc * 7 + index, 3 + doc, 1 + doc)
                record = {
                    "doc_id": f"d{doc}",
                    "para_index": index,
                    "text": text,
                    "kind": "narrative",
                    "label": "other",
                    "generic": generic,
                }
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_fit_boilerplate_writes_both_models_that_load_and_score(tmp_path):
    labels = tmp_path / "labels.jsonl"
    write_labels(labels)
    models = tmp_path / "models"
    code = main(
        ["fit-boilerplate", str(labels), "--labels", str(labels), "--output-dir", str(models), "--folds", "2"]
    )
    assert code == 0
    card = json.loads((models / "boilerplate_corpus.json").read_text(encoding="utf-8"))
    assert card["n_documents"] == 6
    scorer = load_boilerplate_scorer(models)
    generic, specific = scorer.score(
        ["我县高度重视政务公开工作，不断完善工作机制。", "全年主动公开信息88条，其中政策解读9篇。"]
    )
    assert generic.boilerplate > specific.boilerplate


def test_labels_with_a_single_class_are_refused(tmp_path):
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        "\n".join(
            json.dumps(
                {"doc_id": f"d{i}", "text": "无", "kind": "narrative", "label": "other", "generic": True}
            )
            for i in range(3)
        ),
        encoding="utf-8",
    )
    with pytest.raises(LabelFileError, match="generic true and false"):
        fit_boilerplate([labels], labels=labels, output_dir=tmp_path / "m")


def test_boilerplate_command_scores_paragraph_records_and_keeps_going_after_a_bad_line(tmp_path):
    source = tmp_path / "paragraphs.jsonl"
    lines = [
        json.dumps(
            {"doc_id": "a", "id": "p1", "text": "我局高度重视政务公开工作，不断完善工作机制。", "extra": 1},
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps(
            {"doc_id": "a", "id": "p2", "text": "全年主动公开信息312条，其中政策解读21篇。"},
            ensure_ascii=False,
        ),
        json.dumps(
            {"doc_id": "a", "id": "p3", "text": "一、总体情况", "kind": "heading"}, ensure_ascii=False
        ),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert main(["boilerplate", str(source), "--output", str(output)]) == 1  # the bad line fails the run
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    errors = [r for r in records if "error" in r]
    scored = {r["id"]: r for r in records if "id" in r}
    assert len(errors) == 1 and ":2" in errors[0]["source"]
    assert scored["p1"]["extra"] == 1 and scored["p1"]["boilerplate"] > scored["p2"]["boilerplate"]
    assert 0 <= scored["p2"]["specificity"] <= 1 and scored["p2"]["spans"]
    assert scored["p3"]["boilerplate"] is None  # headings are passed through, not scored

    report_level = tmp_path / "reports.jsonl"
    assert main(["boilerplate", str(source), "--level", "report", "--output", str(report_level)]) == 1
    reports = [
        json.loads(line)
        for line in report_level.read_text(encoding="utf-8").splitlines()
        if '"doc_id"' in line
    ]
    assert (
        reports[0]["doc_id"] == "a"
        and reports[0]["n_paragraphs"] == 2
        and 0 <= reports[0]["boilerplate"] <= 1
    )


def test_boilerplate_command_refuses_to_overwrite_its_input(tmp_path, capsys):
    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"doc_id": "a", "id": 1, "text": "无"}) + "\n", encoding="utf-8")
    assert main(["boilerplate", str(source), "--output", str(source)]) == 2  # a usage error: the same exit code in every command (nlp.cli.common)
    assert "overwrite" in capsys.readouterr().err
    assert json.loads(source.read_text(encoding="utf-8"))["text"] == "无"


def test_scorer_is_a_scikit_learn_estimator(tmp_path, tokenizer):
    """fit / transform / predict_proba / predict / score(X, y), cloneable, rebuilt from its parts."""
    from sklearn.base import clone

    labels = tmp_path / "labels.jsonl"
    write_labels(labels)
    records = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    texts = [r["text"] for r in records]
    y = np.array([int(r["generic"]) for r in records])
    groups = [r["doc_id"] for r in records]
    reference = defaultdict(list)
    for record in records:
        reference[record["doc_id"]].append(record["text"])
    commonness = CommonnessModel(tokenizer=tokenizer).fit(reference.values())
    specificity = SpecificityScorer(tokenizer=tokenizer).fit(reference.values())
    scorer = BoilerplateScorer(commonness, specificity, inner_folds=3)
    assert clone(scorer).get_params()["inner_folds"] == 3
    scorer.fit(texts, y, groups)
    rows = scorer.transform(texts[:3], explain=False)
    assert len(rows) == 3 and all(0.0 <= r.boilerplate <= 1.0 for r in rows)
    proba = scorer.predict_proba(texts)
    assert proba.shape == (len(texts), 2) and np.allclose(proba.sum(axis=1), 1.0)
    assert set(scorer.predict(texts)) <= {0, 1}
    auc = scorer.score(texts, y)
    assert isinstance(auc, float) and 0.5 < auc <= 1.0, "fitted on these paragraphs, it must rank them"
    assert [r.boilerplate for r in scorer.score(texts[:3], explain=False)] == [r.boilerplate for r in rows]
    rebuilt = BoilerplateScorer.from_parts(commonness, specificity, scorer.generic_, scorer.stacker_)
    assert np.allclose(rebuilt.predict_proba(texts), proba)


def test_scorer_without_commonness_scores_and_says_commonness_is_not_computed(labelled_records):
    """Commonness left out: the stacker has no such input, every score still ranks held-out
    reports, and the field reads None (not a made-up 0) in paragraph and report scores."""
    from sklearn.model_selection import GroupKFold

    from nlp.boilerplate.score import STACK_FEATURES

    records = [r for r in labelled_records if r["kind"] == "narrative" and r["generic"] is not None]
    texts = [r["text"] for r in records]
    y = np.array([int(r["generic"]) for r in records])
    groups = np.array([r["doc_id"] for r in records])
    train, test = next(GroupKFold(4).split(texts, y, groups))
    reference = defaultdict(list)
    for record in labelled_records:
        if record["doc_id"] in set(groups[train]):
            reference[record["doc_id"]].append(record["text"])
    scorer = BoilerplateScorer(None, SpecificityScorer().fit(reference.values()), inner_folds=3).fit(
        [texts[i] for i in train], y[train], groups[train].tolist()
    )
    assert scorer.stack_features == STACK_FEATURES and set(scorer.stack_weights) == set(STACK_FEATURES)
    held_out = [texts[i] for i in test]
    assert scorer.score(held_out, y[test]) >= 0.9
    scores = scorer.score(held_out[:3])
    assert all(s.commonness is None and s.to_dict()["commonness"] is None for s in scores)
    assert not any(span.signal == "commonness" for s in scores for span in s.spans)
    assert report_score(scores, held_out[:3]).commonness is None


def test_boilerplate_signals_reuse_the_words_analyze_cut(monkeypatch):
    """`analyze` cuts each narrative paragraph once (`Paragraph.tokens`, `Tokenizer()`); the
    specificity signal asks for the same words with the same settings and must not cut again."""
    from nlp.tokenize import Tokenizer as Cutter

    text = "全年通过“青石发布”微信公众号发布信息4711条，在东湖县设立查阅点12处，受理申请9件。"
    pipeline_words = Cutter()(text)  # what the pipeline's tokenize step leaves on the paragraph
    calls = []
    original = Cutter.cut
    monkeypatch.setattr(Cutter, "cut", lambda self, t: calls.append(t) or original(self, t))
    result = SpecificityScorer().score(text)
    assert calls == [], "the paragraph was cut a second time"
    assert result.counts["quantity"] >= 2 and result.counts["platform"] == 1
    words = token_spans(Cutter(), text)
    assert [w for w, _, _ in words] == pipeline_words
    # Folded figures point at the figures they stand for, so spans stay exact.
    assert [text[s:e] for w, s, e in words if w == "<num>"] == ["4711", "12", "9"]


def test_fit_boilerplate_reads_its_corpus_with_the_limits_and_jsonl_mode_it_is_given(tmp_path, capsys):
    """The command's --max-chars and --jsonl reach the corpus reader: a report over the limit is one
    error (exit 1) and the rest is fitted; --jsonl reports reads short lines as reports, not as
    paragraphs pooled by doc_id."""
    from nlp.cli import main

    labels = tmp_path / "labels.jsonl"
    write_labels(labels)
    long_report = tmp_path / "long.txt"
    long_report.write_text("一、总体情况\n" + "本机关全年主动公开政府信息。" * 40 + "\n", encoding="utf-8")

    code = main(["fit-boilerplate", str(labels), str(long_report), "--output-dir", str(tmp_path / "a"), "--max-chars", "300"])
    err = capsys.readouterr().err
    assert code == 1 and "long.txt" in err
    card = json.loads((tmp_path / "a" / CORPUS_MODEL.replace(".joblib", ".json")).read_text(encoding="utf-8"))
    assert card["n_documents"] == 6

    short = tmp_path / "short.jsonl"
    texts = ["本区政务公开工作稳步推进。", "全年发布政策解读十二篇。", "依申请公开办理及时规范。", "公开平台运行平稳有序。"]
    short.write_text(
        "".join(json.dumps({"doc_id": "xy"[n % 2], "text": text}, ensure_ascii=False) + "\n" for n, text in enumerate(texts)),
        encoding="utf-8",
    )
    counts = {}
    for mode in ("auto", "reports"):
        assert main(["fit-boilerplate", str(short), "--output-dir", str(tmp_path / mode), "--jsonl", mode]) == 0
        card = json.loads((tmp_path / mode / CORPUS_MODEL.replace(".joblib", ".json")).read_text(encoding="utf-8"))
        counts[mode] = card["n_documents"]
    assert counts == {"auto": 2, "reports": 4}
