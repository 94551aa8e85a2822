"""The writers' flags as weighted training rows of the boilerplate score (issue 15, leave one writer out):
sample weights reach the generic model and the stacker, `TrainingOnly.joined` keeps an unweighted fit as it
was, and the benchmarks take the writers' rows from the dev halves only and skip a set not landed yet."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from nlp.boilerplate.evaluate import TrainingOnly, grouped_cross_validation
from nlp.boilerplate.generic import GenericModel
from nlp.boilerplate.score import BoilerplateScorer
from nlp.boilerplate.specificity import SpecificityScorer
from nlp.boilerplate.train import labelled_with_clusters
from tests.conftest import benchmark_module
from tests.test_boilerplate_training import measures

REPO = Path(__file__).resolve().parents[1]
#: A concrete plan in words no training paragraph uses, and a template plan.
UNSEEN_PLAN = "下一步，我委将建立环评档案月通报制度，编制环评答复文书参考范本。"


@pytest.fixture()
def labelled(labels_file):
    return labelled_with_clusters(labels_file)


def weighted(extra: TrainingOnly, weight: float) -> TrainingOnly:
    return TrainingOnly(extra.texts, extra.y, extra.groups, weights=np.full(len(extra), weight))


def test_joined_keeps_an_unweighted_fit_unweighted_and_weighs_only_the_added_rows():
    extra = measures("m")
    texts, y, groups = ["甲", "乙"], np.asarray([1, 0]), ["d1", "d2"]
    all_texts, all_y, all_groups, weights = extra.joined(texts, y, groups)
    assert weights is None
    assert all_texts == texts + extra.texts and all_groups == groups + extra.groups and all_y.tolist() == [1, 0] + extra.y.tolist()
    *_, weights = weighted(extra, 0.5).joined(texts, y, groups)
    assert weights.tolist() == [1.0, 1.0] + [0.5] * len(extra)


def test_a_heavier_weight_on_concrete_plans_moves_an_unseen_plan_further_towards_concrete(labelled, tokenizer):
    texts, y, doc_ids, _ = labelled
    specificity = SpecificityScorer(tokenizer=tokenizer)
    scores = {}
    for weight in (0.2, 3.0):
        joined = weighted(measures("m"), weight).joined(texts, y, doc_ids)
        scorer = BoilerplateScorer(None, specificity, GenericModel(), inner_folds=3).fit(*joined[:3], sample_weight=joined[3])
        scores[weight] = (scorer.predict_proba([UNSEEN_PLAN])[0, 1], scorer.generic_.predict_proba([UNSEEN_PLAN])[0])
    assert scores[3.0][1] < scores[0.2][1]
    assert scores[3.0][0] < scores[0.2][0]


def test_the_cross_validation_passes_the_rows_weights_to_every_fold(labelled, tokenizer):
    texts, y, doc_ids, _ = labelled
    reference = {doc_id: [t for t, d in zip(texts, doc_ids, strict=True) if d == doc_id] for doc_id in set(doc_ids)}
    common = dict(folds=3, specificity=SpecificityScorer(tokenizer=tokenizer))
    light = grouped_cross_validation(texts, y, doc_ids, reference, extra=weighted(measures("m"), 0.1), **common)
    heavy = grouped_cross_validation(texts, y, doc_ids, reference, extra=weighted(measures("m"), 5.0), **common)
    assert light.n_paragraphs == heavy.n_paragraphs == len(texts)
    assert not np.allclose(light.predictions["generic"], heavy.predictions["generic"])


@pytest.fixture(scope="module")
def bench():
    return benchmark_module("boiler_data"), benchmark_module("boiler_compare"), benchmark_module("eval_boiler_writers")


def test_the_writers_rows_are_the_dev_halves_with_the_writers_flags(bench):
    data, _, _ = bench
    from nlp.labels import read_labelled

    sets = data.writer_sets()
    assert {"a", "b"} <= set(sets)
    extra = data.writers_training(0.5, sets[:2])
    assert len(extra) > 100 and set(extra.weights.tolist()) == {0.5}
    assert all(int(group.split(":", 1)[1][1:3]) % 2 == 1 for group in extra.groups)
    assert {group.split(":", 1)[0] for group in extra.groups} == {f"authored_{which}" for which in sets[:2]}
    from eval_authored import SETS

    flags = {}
    for which in sets[:2]:
        for unit in read_labelled([SETS[which][1]]):
            flags.setdefault(unit.text, set()).add(bool(unit.generic))
    assert all(bool(flag) in flags[text] for text, flag in zip(extra.texts, extra.y.tolist(), strict=True))
    # the writer's flags, not only the agreed ones: more rows than the agreed-units training of a and b
    assert len(data.writers_training(1.0, ["a", "b"])) > len(data.authored_dev_training(1))


def test_a_set_announced_but_not_landed_is_skipped_with_a_message(bench, monkeypatch, capsys, tmp_path):
    data, _, _ = bench
    import eval_authored

    missing = tmp_path / "authored_g"
    monkeypatch.setitem(eval_authored.SETS, "g", (missing / "reports.jsonl", missing / "labels.jsonl", missing / "second_labels.jsonl"))
    sets = data.writer_sets()
    assert "g" not in sets and "a" in sets
    assert "authored set g" in capsys.readouterr().err


def test_a_held_half_is_scored_against_every_labelling_it_has(bench):
    _, _, writers = bench
    held = writers.half("a", "held")
    assert held.texts and all(int(doc_id[1:3]) % 2 == 0 for doc_id in held.doc_ids)
    scored = writers.labellings(held)
    assert set(scored) == {"writer", "second", "agreed", "alone annotator"}
    truth, keep = scored["agreed"]
    assert keep.sum() < len(held.texts) and (held.writer[keep] == held.second[keep]).all()
    # the alone annotator labelled held halves only: a dev half has no such column
    assert "alone annotator" not in writers.labellings(writers.half("a", "dev"))


def test_the_paired_difference_is_zero_for_the_same_scores_and_positive_for_better_ones(bench):
    _, compare, _ = bench
    rng = np.random.default_rng(0)
    doc_ids = [f"d{i // 5}" for i in range(60)]
    truth = np.asarray([i % 2 for i in range(60)])
    noisy = truth + rng.normal(0, 0.8, 60)
    cleaner = truth + rng.normal(0, 0.2, 60)
    keep = np.ones(60, dtype=bool)
    samples = compare.report_resamples(doc_ids, range(60), 200)
    assert compare.auc_difference(truth, noisy, noisy, keep, samples) == (0.0, 0.0, 0.0)
    point, low, high = compare.auc_difference(truth, cleaner, noisy, keep, samples)
    assert point > 0 and low <= point <= high


def test_the_shipped_models_train_on_the_sets_the_classifier_trains_on_and_the_card_pins_their_files(bench):
    data, _, _ = bench
    from eval_authored import SETS

    from nlp.modelfiles.store import sha256_of

    sets = data.training_writer_sets()
    # `training_writer_sets` imported the classifier's list of its sets (scripts/authored_dev_labels.py)
    scripts = sys.modules["authored_dev_labels"]
    # the classifier trains on every writer present but those scored only until the next retraining; the boilerplate
    # models on the same sets
    assert sets and set(sets) == set(data.writer_sets()) - set(scripts.NOT_YET_TRAINED) == set(scripts.training_sets())
    card = data.writers_dev_card(0.5, sets)
    assert card["weight"] == 0.5 and card["sets"] == sets
    assert [entry["file"] for entry in card["data"]] == [str(SETS[which][1].relative_to(REPO)) for which in sets]
    assert all(entry["sha256"] == sha256_of(REPO / entry["file"]) for entry in card["data"])
