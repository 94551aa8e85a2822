"""`govreport train` with per-file weights and a fixed configuration (`--weight FILE=W`, `--config NAME`).

The labelled reports here are written for these tests (places and figures invented): two files, the second worded
otherwise (its plans open with 今后 and its shortcomings with 主要是), so that its weight shows in the model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nlp.classify.model import ParagraphClassifier
from nlp.classify.train import DEFAULT_CANDIDATES, SHIPPED, check_weights, fixed_configuration, train_model
from nlp.cli import main
from nlp.errors import TrainingSettingError

PLACES = "白鹭 青松 石桥 柳湾 梅岭 桃源 竹溪 枫林 荷塘 杏花 金沙 银滩 云台 月湖 星港 霞浦".split()

#: (kind, label, text with {place} and {n}); section headings give the narrative units their context.
FIRST = [
    ("heading", None, "{place}镇人民政府2023年政府信息公开工作年度报告"),
    ("narrative", "other", "{place}镇本报告依据《中华人民共和国政府信息公开条例》编制，统计期限自2023年1月1日起至12月31日止，共{n}页。"),
    ("heading", None, "一、总体情况"),
    ("heading", None, "（一）主动公开"),
    ("narrative", "active_disclosure", "全年通过{place}镇政府网站主动公开政府信息{n}条，其中政策解读{n}篇。"),
    ("heading", None, "（二）依申请公开"),
    ("narrative", "application", "本年度共收到政府信息公开申请{n}件，均在法定期限内答复{place}群众。"),
    ("heading", None, "（三）政府信息管理"),
    ("narrative", "info_management", "严格落实信息发布保密审查制度，坚持先审后发，{place}镇更新公开指南{n}次。"),
    ("heading", None, "（四）平台建设"),
    ("narrative", "platform", "对{place}镇政府网站政务公开专栏进行改版，微信公众号全年发布信息{n}条。"),
    ("heading", None, "（五）监督保障"),
    ("narrative", "organization", "成立由{place}镇镇长任组长的政务公开工作领导小组，全年组织培训{n}次。"),
    ("heading", None, "五、存在的主要问题及改进情况"),
    ("narrative", "problem", "一是{place}镇信息公开不够及时；二是政策解读形式较为单一，仅{n}篇。"),
    ("narrative", "improvement", "下一步，{place}镇将进一步加强业务培训{n}次，丰富政策解读形式。"),
]
SECOND = [
    (kind, label, text.replace("一是", "主要是").replace("下一步，", "今后，")) for kind, label, text in FIRST
]


def _records(template, places, prefix):
    records = []
    for number, place in enumerate(places):
        for index, (kind, label, text) in enumerate(template):
            records.append(
                {"doc_id": f"{prefix}{number:02d}_{place}", "para_index": index, "text": text.format(place=place, n=7 * number + index + 3),
                 "kind": kind, "label": label}
            )
    return records


def _write(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture()
def files(tmp_path):
    first = _write(tmp_path / "first.jsonl", _records(FIRST, PLACES[:10], "R"))
    second = _write(tmp_path / "second.jsonl", _records(SECOND, PLACES[10:], "S"))
    return first, second


#: A quick configuration (no stance sub-model) for the tests that fit many times; `--config` is tested on the shipped one.
QUICK = {"quick": {"word_ngrams": None, "context": ("section", "topic"), "context_weight": 0.5}}
PROBES = ["今后，将加强培训。", "主要是公开不够及时。", "下一步将丰富解读形式。", "全年主动公开信息30条。", "网站专栏改版。"]


def _train(paths, **options):
    options = {"candidates": QUICK, "folds": 3, "nested": False, **options}
    return train_model(paths, **options)


def _logits(model: ParagraphClassifier) -> np.ndarray:
    return model.decision_function(PROBES)


def test_a_file_at_weight_zero_is_as_if_left_out_and_the_card_says_so(files):
    first, second = files
    alone = _train([first])
    zero = _train([first, second], weights=[1, 0])
    one = _train([first, second])
    assert zero.card["paragraphs"] == alone.card["paragraphs"] < one.card["paragraphs"]
    assert zero.card["metrics"] == alone.card["metrics"]
    np.testing.assert_allclose(_logits(zero.model), _logits(alone.model))
    assert not np.allclose(_logits(one.model), _logits(alone.model))
    entries = {Path(e["file"]).name: e for e in zero.card["data"]}
    assert entries["second.jsonl"]["weight"] == 0 and entries["first.jsonl"]["weight"] == 1
    assert len(entries["second.jsonl"]["sha256"]) == 64


def test_weight_two_is_nearest_to_listing_the_rows_twice(files, tmp_path):
    """Listed twice, a report's rows also count twice in the TF-IDF document frequencies and in the copies'
    own cluster: the coefficients then differ a little, but weight 2 lands much nearer them than weight 1."""
    first, second = files
    copy = _write(tmp_path / "copy.jsonl", [{**r, "doc_id": "C" + r["doc_id"]} for r in _records(SECOND, PLACES[10:], "S")])
    twice = _train([first, second, copy]).model
    weighted = _train([first, second], weights=[1, 2]).model
    plain = _train([first, second]).model

    def coefficients(model):
        vocabulary = model.pipeline_.named_steps["features"].get_feature_names_out()
        return dict(zip(vocabulary, model.pipeline_.named_steps["classifier"].coef_.T, strict=True))

    target, near, far = coefficients(twice), coefficients(weighted), coefficients(plain)
    shared = sorted(set(target) & set(near) & set(far))
    assert len(shared) > 0.8 * len(target)
    distance = lambda a: np.linalg.norm(np.array([a[k] - target[k] for k in shared]))  # noqa: E731
    assert distance(near) < 0.5 * distance(far), (distance(near), distance(far))
    np.testing.assert_array_equal(weighted.predict(PROBES), twice.predict(PROBES))


def test_the_weights_reach_every_fit_and_the_scores_count_each_row_once(files, monkeypatch):
    seen = []
    original = ParagraphClassifier.fit

    def spy(self, X, y, groups=None, sample_weight=None):
        from nlp.classify.features import paragraph_frame

        # each row's weight beside whether it comes from the second file (its places are the last six)
        second = paragraph_frame(X)["text"].map(lambda text: any(place in text for place in PLACES[10:])).to_numpy()
        seen.append((None if sample_weight is None else np.asarray(sample_weight, dtype=float), second))
        return original(self, X, y, groups=groups, sample_weight=sample_weight)

    monkeypatch.setattr(ParagraphClassifier, "fit", spy)
    two = {**QUICK, "quick, no context": {"word_ngrams": None, "context": ()}}
    result = _train(list(files), weights=[1, 3], nested=True, seeds=[0], inner_folds=2, candidates=two)
    # the grouped CV (2 candidates × 3 folds), the nested CV (3 outer folds, each with 2 candidates × 2 inner folds,
    # the chosen one and the baseline) and the final fit
    assert len(seen) == 2 * 3 + 3 * (2 * 2 + 1 + 1) + 1
    assert all(w is not None and np.array_equal(w, np.where(second, 3.0, 1.0)) for w, second in seen)
    assert sum(second.any() for _, second in seen) > len(seen) / 2
    assert seen[-1][1].sum() == 6 * 8  # the final fit: the second file's 6 reports of 8 paragraphs each
    # scored once per held-out paragraph: the pooled CV counts every labelled paragraph, whatever its weight
    assert result.card["metrics"]["n"] == sum(v["support"] for v in result.card["metrics"]["per_label"].values()) == result.card["paragraphs"]


def test_bad_weights_are_refused_clearly(files, tmp_path, capsys):
    first, second = files
    for weights, said in (
        ([1, -1], "≥ 0"), ([1, float("nan")], "finite"), ([1, "two"], "not a number"), ([0, 0], "nothing to train on"), ([1], "one per file"),
    ):
        with pytest.raises(TrainingSettingError, match=said):
            check_weights([first, second], weights)
    output = tmp_path / "m.joblib"
    for option, said in (
        (f"{second}=heavy", "not a number"), (f"{tmp_path / 'other.jsonl'}=2", "not one of the labelled files"),
        ("2", "LABELLED=W"), (f"{second}=-2", "≥ 0"),
    ):
        assert main(["train", str(first), str(second), "--weight", option, "--output", str(output), "--no-nested"]) == 2
        assert said in capsys.readouterr().err
        assert not output.exists()


def test_the_command_weighs_a_file_whose_path_holds_colons_and_equals(files, tmp_path, capsys):
    first, second = files
    odd = tmp_path / "c:extra=v2.jsonl"
    odd.write_bytes(second.read_bytes())
    output = tmp_path / "m.joblib"
    code = main(["train", str(first), str(odd), "--weight", f"{odd}=2.5", "--output", str(output), "--no-nested", "--folds", "3"])
    assert code == 0, capsys.readouterr().err
    card = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    assert [entry["weight"] for entry in card["data"]] == [1.0, 2.5]
    assert "×2.5" in capsys.readouterr().out


def test_a_fixed_configuration_skips_the_selection_and_keeps_a_validation_with_spread(files, tmp_path, monkeypatch):
    shipped_name, shipped = fixed_configuration(SHIPPED)
    assert shipped == DEFAULT_CANDIDATES[shipped_name]
    with pytest.raises(TrainingSettingError, match="--config takes one of"):
        fixed_configuration("chars1-9")
    result = train_model(list(files), config=SHIPPED, folds=3, seeds=[0, 1], weights=[1, 2])
    card = result.card
    assert card["chosen"] == shipped_name and [c["name"] for c in card["candidates"]] == [shipped_name]
    validation = card["validation"]
    assert validation["outer_folds"] == 6 and "no inner folds" in validation["scheme"]
    assert validation["chosen_in_outer_folds"] == {shipped_name: 6}
    assert validation["macro_f1"]["sd"] >= 0 and "baseline_macro_f1" in validation
    # The outer folds of the first seed are the grouped CV's: its metrics are theirs, not a second run.
    assert round(card["metrics"]["macro_f1"], 4) == validation["pooled"]["0"]["with_context"]
    assert "fixed by --config" in card["evaluation"]


def test_a_misspelt_setting_is_refused_before_any_file_is_read(tmp_path, capsys):
    missing = tmp_path / "not_written_yet.jsonl"
    output = tmp_path / "m.joblib"
    assert main(["train", str(missing), "--config", "chars1-9", "--output", str(output)]) == 2
    assert "--config takes one of" in capsys.readouterr().err
    assert main(["train", str(missing), "--weight", f"{missing}=-1", "--output", str(output)]) == 2
    assert "≥ 0" in capsys.readouterr().err
    assert main(["train", str(missing), "--output", str(output)]) == 1  # and the file itself, once the settings are good
    assert "not_written_yet.jsonl" in capsys.readouterr().err


def test_the_weak_label_check_weighs_the_hand_labelled_rows_as_the_files_say(monkeypatch):
    from nlp.classify.evaluate import cross_validate
    from nlp.classify.features import ParagraphInput
    from nlp.classify.weak import WeakExample

    records = _records(FIRST, PLACES[:6], "R") + _records(SECOND, PLACES[10:14], "S")
    narrative = [r for r in records if r["kind"] == "narrative"]
    texts, labels, groups = [r["text"] for r in narrative], [r["label"] for r in narrative], [r["doc_id"] for r in narrative]
    weights = [2.0 if doc.startswith("S") else 1.0 for doc in groups]
    weak = [WeakExample("W1", ParagraphInput("今后，将继续完善。"), "improvement")]
    seen = []
    original = ParagraphClassifier.fit

    def spy(self, X, y, groups=None, sample_weight=None):
        seen.append(np.asarray(sample_weight, dtype=float))
        return original(self, X, y, groups=groups, sample_weight=sample_weight)

    monkeypatch.setattr(ParagraphClassifier, "fit", spy)
    cross_validate(ParagraphClassifier(calibrate=False, **QUICK["quick"]), texts, labels, groups, 3, 0, weak=weak, weak_weight=0.5, sample_weight=weights)
    assert len(seen) == 3
    for fitted in seen:  # the hand rows at their files' weights (1 and 2), the weak row at 0.5 last
        assert set(np.unique(fitted[:-1])) <= {1.0, 2.0} and fitted[-1] == 0.5 and (fitted == 2.0).any()
