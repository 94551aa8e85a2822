"""Training the boilerplate scorer on paragraphs beside its labelled files (`TrainingOnly`): the
cross-validation trains on them in every fold and never scores them, `fit_boilerplate` records them in
the card, and the exported model scores as the one fitted in memory. The authored sets' dev parts, the
extra training of the shipped model, are chosen as the model card says (odd reports, agreed flags)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nlp.boilerplate.evaluate import TrainingOnly, grouped_cross_validation
from nlp.boilerplate.generic import GenericModel
from nlp.boilerplate.score import BoilerplateScorer
from nlp.boilerplate.specificity import SpecificityScorer
from nlp.boilerplate.train import (
    GENERIC_MODEL,
    fit_boilerplate,
    labelled_with_clusters,
    load_boilerplate_scorer,
)
from tests.conftest import benchmark_module

REPO = Path(__file__).resolve().parents[1]

#: Concrete measures in the frame of a plan (`下一步，我局将…`): the kind the shared labels rarely mark
#: not generic, written for this test in the words of several lines of work.
MEASURES = [
    "下一步，我{0}将建立{1}档案月通报制度，编制{1}答复文书参考范本。",
    "下一步，我{0}将在{1}高峰期增加咨询专线席位，上线{1}政策智能问答。",
]
FIELDS = ["征地", "招生", "医保", "排污", "工伤", "院落"]


def measures(doc_prefix: str) -> TrainingOnly:
    texts, groups = [], []
    for number, field in enumerate(FIELDS):
        for pattern in MEASURES:
            texts.append(pattern.format("局", field))
            groups.append(f"{doc_prefix}{number}")
    return TrainingOnly(texts, np.zeros(len(texts), dtype=int), groups)


def test_extra_paragraphs_are_trained_on_in_every_fold_and_never_scored(labels_file, tokenizer):
    texts, y, doc_ids, _ = labelled_with_clusters(labels_file)
    reference = {doc_id: [t for t, d in zip(texts, doc_ids, strict=True) if d == doc_id] for doc_id in set(doc_ids)}
    common = dict(folds=3, specificity=SpecificityScorer(tokenizer=tokenizer))
    plain = grouped_cross_validation(texts, y, doc_ids, reference, **common)
    extra = measures("m")
    trained = grouped_cross_validation(texts, y, doc_ids, reference, extra=extra, **common)
    # the figures are those of the labelled paragraphs only
    assert trained.n_paragraphs == plain.n_paragraphs == len(texts)
    assert len(trained.predictions["boilerplate"]) == len(texts)
    # ... but every fold learnt from the extra paragraphs (its generic model saw the plan frame marked concrete)
    assert not np.allclose(trained.predictions["generic"], plain.predictions["generic"])


def test_a_scorer_trained_on_concrete_plans_scores_an_unseen_one_more_concrete(labels_file, tokenizer):
    texts, y, doc_ids, _ = labelled_with_clusters(labels_file)
    specificity = SpecificityScorer(tokenizer=tokenizer)
    extra = measures("m")
    plain = BoilerplateScorer(None, specificity, GenericModel(), inner_folds=3).fit(texts, y, doc_ids)
    trained = BoilerplateScorer(None, specificity, GenericModel(), inner_folds=3).fit(
        texts + extra.texts, np.concatenate([y, extra.y]), doc_ids + extra.groups
    )
    unseen = "下一步，我委将建立环评档案月通报制度，编制环评答复文书参考范本。"
    generic_plan = "下一步，我委将进一步加强业务培训，提升公开质量。"
    assert trained.predict_proba([unseen])[0, 1] < plain.predict_proba([unseen])[0, 1]
    assert trained.predict_proba([generic_plan])[0, 1] > trained.predict_proba([unseen])[0, 1]


def test_fit_boilerplate_records_the_extra_training_and_exports_the_fitted_model(labels_file, tmp_path):
    extra = measures("m")
    card_says = {"what": "written plans", "data": [{"file": "x.jsonl", "sha256": "0" * 64}]}
    cards = fit_boilerplate([labels_file], labels=labels_file, output_dir=tmp_path / "m", folds=2, extra=extra, extra_card=card_says)
    card = cards[GENERIC_MODEL]
    assert card["extra_training"]["what"] == "written plans"
    assert card["extra_training"]["n_paragraphs"] == len(extra) and card["extra_training"]["n_generic"] == 0
    # the card's own figures count the labelled paragraphs only
    assert card["evaluation"]["n_paragraphs"] == card["n_paragraphs"] == len(labelled_with_clusters(labels_file)[0])
    # the exported model scores as one fitted in memory on the same paragraphs
    loaded = load_boilerplate_scorer(tmp_path / "m")
    texts, y, doc_ids, _ = labelled_with_clusters(labels_file)
    fitted = BoilerplateScorer(None, loaded.specificity, GenericModel()).fit(
        texts + extra.texts, np.concatenate([y, extra.y]), doc_ids + extra.groups
    )
    probe = texts[:4] + ["下一步，我委将建立环评档案月通报制度。", "严格落实信息发布审核制度。"]
    assert np.allclose(loaded.predict_proba(probe), fitted.predict_proba(probe), atol=1e-6)


@pytest.fixture(scope="module")
def bench():
    return benchmark_module("boiler_data")


def test_the_authored_dev_training_takes_odd_reports_and_agreed_flags_only(bench):
    extra = bench.authored_dev_training(2)
    reports = {group.split(":", 1)[1] for group in extra.groups}
    assert reports and all(int(doc_id[1:3]) % 2 == 1 for doc_id in reports)
    # every unit twice, with its flag; each flag one both labellers gave
    assert len(extra) % 2 == 0 and extra.texts[0::2] == extra.texts[1::2]
    units = {}
    for which in ("a", "b"):
        _, labels, second = _set_files(which)
        firsts = {(r["doc_id"], r["para_index"]): r for r in _records(labels)}
        seconds = {(r["doc_id"], r["para_index"]): r for r in _records(second)}
        for key, record in firsts.items():
            if record["kind"] == "narrative" and record.get("generic") is not None and key[0] in reports:
                units.setdefault(record["text"], set()).add((bool(record["generic"]), bool(seconds[key].get("generic"))))
    for text, flag in zip(extra.texts, extra.y.tolist(), strict=True):
        assert (bool(flag), bool(flag)) in units[text]
    # a unit the labellers disagree on is left out
    disagreed = {text for text, flags in units.items() if all(a != b for a, b in flags)}
    assert disagreed and not disagreed & set(extra.texts)
    # reports left out are left out
    one = sorted(reports)[0]
    fewer = bench.authored_dev_training(1, frozenset({one}))
    assert f"authored:{one}" not in fewer.groups and len(fewer) < len(extra) // 2


def _set_files(which: str) -> tuple[Path, Path, Path]:
    gold = REPO / "tests" / "gold"
    if which == "a":
        return gold / "authored_reports.jsonl", gold / "authored_labels.jsonl", gold / "authored_second_labels.jsonl"
    return gold / "authored_b" / "reports.jsonl", gold / "authored_b" / "labels.jsonl", gold / "authored_b" / "second_labels.jsonl"


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_shipped_card_names_the_extra_training_files_as_they_are():
    """The shipped generic model says what it was trained on beside ../shared: the authored label files,
    whose sha256 must be those of the files in the checkout (a relabelled file means a refit)."""
    from nlp.modelfiles.store import SHIPPED_MODELS, read_card, sha256_of

    card = read_card(SHIPPED_MODELS / GENERIC_MODEL)
    extra = card.get("extra_training")
    if extra is None:
        pytest.skip("the shipped boilerplate model has no extra training")
    # copies of each unit (`times`) or a sample weight (`weight`): either way the rows count
    assert (extra.get("times", 0) >= 1 or extra.get("weight", 0) > 0) and extra["n_paragraphs"] > 0
    for entry in extra["data"]:
        assert sha256_of(REPO / entry["file"]) == entry["sha256"], entry["file"]


#: The shipped boilerplate score on the held parts (even reports, never trained on), on the units whose flag
#: both labellers agree on. Before the thirteenth round 0.972 (set a) and 0.985 (set b); the shipped score now
#: also trains on the dev halves of sets a, b, c, e (writers it has read: 0.989 / 0.989); leave one writer out,
#: 0.989 / 0.986 (docs/classifier.md, thirteenth round). The floors stay those of a score that never read them.
HELD_FLOOR = {"a": 0.965, "b": 0.98}


@pytest.mark.parametrize("which", ["a", "b"])
def test_the_shipped_score_ranks_the_held_parts_agreed_units(which):
    from sklearn.metrics import roc_auc_score

    _, labels, second = _set_files(which)
    seconds = {(r["doc_id"], r["para_index"]): r for r in _records(second)}
    units = [
        r for r in _records(labels)
        if r["kind"] == "narrative" and r.get("label") and r.get("generic") is not None and int(r["doc_id"][1:3]) % 2 == 0
        and bool(seconds[(r["doc_id"], r["para_index"])].get("generic")) == bool(r["generic"])
    ]
    flags = [bool(r["generic"]) for r in units]
    assert len(units) > 100 and any(flags) and not all(flags)
    probability = load_boilerplate_scorer().predict_proba([r["text"] for r in units])[:, 1]
    assert roc_auc_score(flags, probability) >= HELD_FLOOR[which]


@pytest.mark.parametrize("zeros_concrete", [True, False])
def test_fit_boilerplate_passes_the_choice_of_zeros_to_the_specificity_it_writes(labels_file, tmp_path, zeros_concrete):
    """A refit may read a count of zero as not concrete (`zeros_concrete=False`); the default is the shipped choice."""
    from nlp.boilerplate.train import CORPUS_MODEL
    from nlp.modelfiles.store import load_verified

    options = {} if zeros_concrete else {"zeros_concrete": False}
    cards = fit_boilerplate([labels_file], output_dir=tmp_path / "m", **options)
    assert cards[CORPUS_MODEL]["params"]["zeros_concrete"] is zeros_concrete
    corpus, _ = load_verified(tmp_path / "m" / CORPUS_MODEL, allow_pickle=True)
    specificity = corpus["specificity"]
    assert specificity.zeros_concrete is zeros_concrete
    # the choice shows in what is counted: a figure of zero is concrete content only where zeros count
    assert bool(specificity.find("本年度收到行政复议申请0件。")) is zeros_concrete
