"""The generic model with figures folded (`GenericModel(fold_numbers=True)`): which figures a
paragraph holds does not move its score, a zero still does, explanations point into the original
text, and a model saved before the option reads figures as it always did.

Example texts are written for these tests; the labelled paragraphs of ../shared are only damaged
(their figures changed) and scored by the shipped model, never copied here.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from nlp.boilerplate.generic import GenericModel, fold_figures, fold_figures_marked, original_span
from tests.toymodels import fit_generic

_TEMPLATE = [
    "我局高度重视政府信息公开工作，进一步加强组织领导，完善工作机制。",
    "坚持以公开为常态、不公开为例外，不断提升政务公开质量。",
    "本年度共收到政府信息公开申请0件，未发生行政复议和行政诉讼。",
]
_SPECIFIC = [
    "全年主动公开政府信息1234条，其中规章3件，规范性文件17件。",
    "2023年共收到政府信息公开申请56件，上年结转4件，办结58件。",
    "通过“城南政务”微信公众号发布信息389条，回应关切21次，阅读量12.5万人次。",
]
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _fit(fold_numbers: bool) -> GenericModel:
    return fit_generic(_TEMPLATE, _SPECIFIC, rounds=30, seed=3, fold_numbers=fold_numbers)


@pytest.fixture(scope="module")
def folded() -> GenericModel:
    return _fit(True)


def _other_figures(text: str, rng: random.Random) -> str:
    """Every non-zero figure replaced by another non-zero one of another length (a zero stays a zero)."""

    def swap(match: re.Match[str]) -> str:
        if not match.group().strip("0.,"):
            return match.group()
        return str(rng.randint(1, 10 ** rng.randint(1, 6)))

    return _DIGITS.sub(swap, text)


def test_fold_figures_marks_zeros_apart_from_other_numbers():
    assert fold_figures("收到申请17件，结转0件，占0.5%，0.0%，１２件。") == "收到申请#件，结转0件，占#%，0%，#件。"
    assert fold_figures("没有数字的段落。") == "没有数字的段落。"
    assert fold_figures("") == ""


def test_marked_folding_points_each_character_back_to_the_original():
    for text in ["2023年共收到申请105件，结转0件，比例12.5%。", "0", "一二三", "１２３件0", "7", "无9数字99"]:
        folded, marks = fold_figures_marked(text)
        assert folded == fold_figures(text)
        pieces = [text[slice(*original_span(marks, i, i + 1))] for i in range(len(folded))]
        assert "".join(pieces) == text  # every original character once, in order
        assert [pieces[at] for at, _, _ in marks] == [text[start:end] for _, start, end in marks]
        # a span of several folded characters covers the same original text as its characters
        for i in range(len(folded)):
            for j in range(i + 1, len(folded) + 1):
                assert text[slice(*original_span(marks, i, j))] == "".join(pieces[i:j])
    folded, marks = fold_figures_marked("2023年共收到申请105件，结转0件，比例12.5%。")
    assert [text for text in ("2023", "105", "0", "12.5")] == [
        "2023年共收到申请105件，结转0件，比例12.5%。"[start:end] for _, start, end in marks
    ]


def test_changing_figures_leaves_the_score_but_a_zero_moves_it(folded):
    rng = random.Random(5)
    texts = _TEMPLATE + _SPECIFIC
    changed = [_other_figures(text, rng) for text in texts]
    assert changed != texts
    assert np.array_equal(folded.predict_proba(texts), folded.predict_proba(changed))
    # the same sentence reporting a count of nothing reads differently from one reporting a count
    zero, some = folded.predict_proba(["本年度共收到政府信息公开申请0件。", "本年度共收到政府信息公开申请7件。"])
    assert zero != some
    # figures read as they are: the same change moves the score
    unfolded = _fit(False)
    assert not np.array_equal(unfolded.predict_proba(texts), unfolded.predict_proba(changed))


def test_explanations_are_spans_of_the_original_text(folded):
    rng = random.Random(9)
    texts = [_other_figures(text, rng) for text in _SPECIFIC * 3] + _TEMPLATE
    _, explained = folded.predict_and_explain(texts, top=10)
    covered_figures = 0
    for text, spans in zip(texts, explained, strict=True):
        assert spans
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert span.text == text[span.start : span.end]
            assert "#" not in span.text
            covered_figures += bool(_DIGITS.search(span.text))
        starts = [span.start for span in spans]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert covered_figures, "no explanation covers a figure: the mapping back is not exercised"


def test_a_model_saved_before_the_option_reads_figures_as_they_are():
    old = _fit(False)
    del old.__dict__["fold_numbers"]  # the state of a model saved before the option existed
    assert old.fold_numbers is False
    texts = _SPECIFIC + _TEMPLATE
    assert np.array_equal(old.predict_proba(texts), old.pipeline_.predict_proba(texts)[:, 1])
    assert "fold_numbers=False" in repr(old)


def test_shipped_scores_of_labelled_paragraphs_ignore_which_figures_they_hold(labelled_records):
    """Damage made from the shared labels: each narrative paragraph with figures, its non-zero figures
    changed. The shipped generic model (figures folded) gives it the same probability."""
    from nlp.boilerplate.loading import load_boilerplate_scorer

    scorer = load_boilerplate_scorer()
    if not scorer.generic_.fold_numbers:
        pytest.skip("the shipped generic model reads figures as they are (fitted before fold_numbers)")
    rng = random.Random(13)
    texts = [
        r["text"] for r in labelled_records if r.get("kind") == "narrative" and r.get("text") and _DIGITS.search(r["text"])
    ][:400]
    assert len(texts) > 100
    changed = [_other_figures(text, rng) for text in texts]
    assert sum(a != b for a, b in zip(texts, changed, strict=True)) > 100
    assert np.array_equal(scorer.generic_.predict_proba(texts), scorer.generic_.predict_proba(changed))
