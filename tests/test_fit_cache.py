"""The disk cache of `benchmarks/eval_writers.py` is keyed on what a fit reads: its rows, configuration and
seed, and the code the classifier's fit runs (the import graph of `nlp.classify.model` and `train`), so that a
change to unrelated code keeps the fitted models and a change to the features refits them."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from tests.conftest import REPO, benchmark_module


@pytest.fixture()
def code_copy(tmp_path):
    """A copy of the package's sources, to edit."""
    shutil.copytree(REPO / "nlp", tmp_path / "nlp", ignore=shutil.ignore_patterns("__pycache__", "*.joblib", "models"))
    return tmp_path


def rows(weight: float = 1.0) -> tuple:
    frame = pd.DataFrame({"text": ["本机关主动公开政府信息。", "下一步，我局将建立月通报制度。"], "heading": ["概述", "改进"]})
    return frame, np.asarray(["A", "B"], dtype=object), np.asarray(["d1", "d2"], dtype=object), np.full(2, weight)


def key(root, params=None, seed: int = 0, weight: float = 1.0) -> str:
    writers = benchmark_module("eval_writers")
    return writers.FittedModels._key(params or {"C": 1.0}, seed, rows(weight), root)


def touch(path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def test_editing_code_no_fit_runs_keeps_the_key(code_copy):
    before = key(code_copy)
    assert key(code_copy) == before
    for module in ("nlp/tables/extract.py", "nlp/pipeline.py"):
        touch(code_copy / module)
    assert key(code_copy) == before


@pytest.mark.parametrize(
    "module",
    [
        "nlp/classify/features.py",  # imported by the model at the top
        "nlp/boilerplate/generic.py",  # imported by the features inside a function (figures folded)
        "nlp/classify/train.py",
    ],
)
def test_editing_code_a_fit_runs_changes_the_key(code_copy, module):
    before = key(code_copy)
    touch(code_copy / module)
    assert key(code_copy) != before


def test_the_configuration_the_seed_and_the_weights_are_in_the_key(code_copy):
    before = key(code_copy)
    assert key(code_copy, params={"C": 2.0}) != before
    assert key(code_copy, seed=1) != before
    assert key(code_copy, weight=2.0) != before


def test_the_closure_follows_imports_and_stops_where_it_is_told():
    fit_cache = benchmark_module("fit_cache")
    files = {str(path.relative_to(REPO)) for path in fit_cache.code_closure(["nlp.classify.model"])}
    assert {"nlp/classify/model.py", "nlp/classify/features.py", "nlp/boilerplate/generic.py"} <= files
    cut = {str(path.relative_to(REPO)) for path in fit_cache.code_closure(["nlp.classify.model"], not_followed=["nlp.pipeline"])}
    assert "nlp/pipeline.py" in files and "nlp/pipeline.py" not in cut
    assert not any(name.startswith("nlp/tables/") for name in cut)
