"""`benchmarks/eval_writers.py`'s candidates (issue 15, fourteenth round): a candidate is the shipped configuration
with some parameters changed, refused before any fit when a name is not a parameter, and the dev half it is chosen
on holds no report of the held half it is scored on once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def eval_writers():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import eval_writers
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return eval_writers


def test_a_candidate_changes_only_what_it_names(eval_writers):
    shipped = eval_writers.shipped_params()
    candidate = eval_writers.candidate_params({"text_form": "figures", "char_ngrams": [1, 4]})
    assert candidate["text_form"] == "figures"
    # JSON gives lists; the model's ranges are tuples, and a list would change the cache key of the same model.
    assert candidate["char_ngrams"] == (1, 4)
    assert {k: v for k, v in candidate.items() if k not in ("text_form", "char_ngrams")} == {
        k: v for k, v in shipped.items() if k not in ("text_form", "char_ngrams")
    }
    assert eval_writers.candidate_params({}) == shipped


def test_an_unknown_parameter_is_refused_before_any_fit(eval_writers):
    with pytest.raises(SystemExit, match="figure_form"):
        eval_writers.candidate_params({"figure_form": "figures"})


@pytest.mark.parametrize("which", ["a", "g"])
def test_the_dev_half_chosen_on_shares_no_report_with_the_held_half(eval_writers, which):
    from eval_authored import present_sets

    if which not in present_sets([which], say=lambda message: None):
        pytest.skip(f"authored set {which} is not there")
    dev, held = eval_writers.writer_rows(which, "dev", False), eval_writers.writer_rows(which, "held", False)
    assert len(dev[1]) and len(held[1])
    assert not set(dev[2]) & set(held[2])
    assert all(int(report.split(":")[1][1:3]) % 2 == 1 for report in dev[2])
