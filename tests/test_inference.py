"""The inference-only path: the models' scikit-learn parts as numpy twins (`nlp.inference`), equal to
scikit-learn bit for bit on real paragraphs; the project's estimators keep scikit-learn's protocol
(`nlp.estimator`); and the commands that apply models never import scikit-learn, scipy.stats or pandas."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nlp.classify.context import Context
from nlp.classify.features import ParagraphInput

SHARED = Path(__file__).resolve().parents[2] / "shared"
LABELS = SHARED / "labels" / "dev.jsonl"


def _real_paragraphs(limit: int = 400) -> list[dict]:
    if not LABELS.exists():
        pytest.skip(f"no labelled paragraphs at {LABELS} (../shared is absent)")
    with LABELS.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    return [r for r in records if isinstance(r.get("text"), str) and r["text"].strip()][:limit]


def _damaged(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 5)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice([" ", "\u3000", "\t\n", "ABC", "𠀀", "（", ")"]))
    return "".join(chars)


def test_shipped_paragraph_model_twins_give_scikit_learns_probabilities_bit_for_bit():
    from nlp.classify.loading import load_model

    records = _real_paragraphs()
    rng = random.Random(5)
    items = records + [{**r, "text": _damaged(r["text"], rng)} for r in records[:100]] + [r["text"] for r in records[:50]]
    twin, real = load_model(), load_model(twins=False)
    assert type(twin.pipeline_).__name__ == "PipelineTwin"
    assert type(real.pipeline_).__module__ == "sklearn.pipeline"
    from nlp.classify.alone import pipeline_logits
    from nlp.classify.features import paragraph_frame

    # The main pipeline with the stance sub-model's probabilities beside its features (nlp.classify.alone).
    expected = pipeline_logits(real.pipeline_, real.stance_, paragraph_frame(items), **real._stance_settings(real.stance_), twins=False)
    got = pipeline_logits(twin.pipeline_, twin.stance_, items, **twin._stance_settings(twin.stance_))  # read as paragraph_columns
    assert np.array_equal(got, expected)
    assert np.array_equal(twin.predict_proba(items), real.predict_proba(items))
    assert len({row.argmax() for row in twin.predict_proba(items)}) > 3  # the paragraphs are told apart


def test_shipped_boilerplate_twins_give_scikit_learns_scores_bit_for_bit():
    from nlp.boilerplate.loading import load_boilerplate_scorer

    texts = [r["text"] for r in _real_paragraphs()]
    twin, real = load_boilerplate_scorer(), load_boilerplate_scorer(twins=False)
    assert np.array_equal(twin.generic_.predict_proba(texts), real.generic_.pipeline_.predict_proba(real.generic_.read(texts))[:, 1])
    ours = [s.to_dict() for s in twin.transform(texts)]
    theirs = [s.to_dict() for s in real.transform(texts)]
    assert ours == theirs
    assert np.array_equal(twin.predict_proba(texts), real.predict_proba(texts))


def test_a_model_outside_the_twins_subset_falls_back_to_scikit_learn(tmp_path):
    """Settings no twin reproduces (accent stripping, a 4-character n-gram range, a dropped one-hot
    category): the file loads as the real classes and predicts as before."""
    from nlp.classify.loading import load_model
    from nlp.classify.model import ParagraphClassifier
    from nlp.inference import twin_of
    from nlp.modelfiles.store import save_model

    records = _real_paragraphs(300)
    items = [ParagraphInput(r["text"], Context(section=str(r.get("section") or "none"))) for r in records]
    labels = [str(r.get("label") or "other") for r in records]
    model = ParagraphClassifier(char_ngrams=(1, 4), word_ngrams=None, context=("section",), calibrate=False).fit(items, labels)
    assert twin_of(model.pipeline_) is None  # 4-character n-grams: no twin
    path = tmp_path / "wide.joblib"
    save_model(model, path, {"name": "test"})
    loaded = load_model(path)
    features = loaded.pipeline_.steps[0][1]
    assert type(features).__module__.startswith("sklearn.compose")  # rebuilt as the real class
    assert twin_of(loaded.pipeline_) is None
    assert np.array_equal(loaded.predict_proba(items[:80]), model.predict_proba(items[:80]))
    # and one whose settings have twins (words and characters) is applied through them
    words = ParagraphClassifier(char_ngrams=(1, 2), word_ngrams=(1, 2), context=("section",), calibrate=False, tokenizer=str.split).fit(items, labels)
    twin = twin_of(words.pipeline_)
    assert twin is not None
    frame = __import__("nlp.classify.features", fromlist=["x"]).paragraph_frame(items[:80])
    assert np.array_equal(twin.decision_function(frame), words.pipeline_.decision_function(frame))


def test_the_project_estimators_keep_scikit_learns_protocol():
    from sklearn.base import clone, is_classifier
    from sklearn.utils import get_tags
    from sklearn.utils.validation import check_is_fitted

    from nlp.boilerplate.score import BoilerplateScorer
    from nlp.classify.baselines import KeywordRules
    from nlp.classify.model import ParagraphClassifier

    model = ParagraphClassifier(C=3.0, context=("section",))
    assert model.get_params()["C"] == 3.0 and "tokenizer" in model.get_params()
    copy = clone(model)
    assert copy is not model and copy.get_params() == model.get_params()
    copy.set_params(C=1.5)
    assert copy.C == 1.5 and model.C == 3.0
    with pytest.raises(ValueError, match="Invalid parameter"):
        copy.set_params(nonsense=1)
    assert is_classifier(model) and get_tags(model).estimator_type == "classifier"
    assert not is_classifier(BoilerplateScorer(None, None))
    rules = KeywordRules().fit(["下一步将继续加强", "主动公开政府信息"], ["improvement", "active_disclosure"])
    check_is_fitted(rules)
    assert rules.score(["下一步将继续加强"], ["improvement"]) == 1.0
    with pytest.raises(Exception, match="not fitted"):
        check_is_fitted(ParagraphClassifier())
    assert "C=3.0" in repr(model)
    # inside a Pipeline and through scikit-learn's cross-validation (clone, fit, score per fold)
    from sklearn.model_selection import cross_val_score
    from sklearn.pipeline import Pipeline

    texts = ["下一步将继续加强培训", "主动公开政府信息12条", "存在的问题是公开不够及时", "网站栏目更新"] * 5
    labels = ["improvement", "active_disclosure", "problem", "platform"] * 5
    scores = cross_val_score(Pipeline([("rules", KeywordRules())]), texts, labels, cv=2)
    assert scores.shape == (2,) and (scores > 0.5).all()


_RUN_AND_LIST = """
import runpy, sys
sys.argv = ["govreport", *sys.argv[1:]]
try:
    runpy.run_module("nlp", run_name="__main__")
except SystemExit as done:
    code = done.code
else:
    code = 0
print("MODULES", *[name for name in ("sklearn", "scipy.stats", "pandas", "skops") if name in sys.modules])
print("EXIT", code)
"""


@pytest.mark.parametrize("command", ["analyze", "classify", "boilerplate"])
def test_applying_the_models_imports_no_scikit_learn_scipy_stats_or_pandas(tmp_path, command):
    report = tmp_path / "report.txt"
    report.write_text(
        "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我县高度重视政府信息公开工作，主动公开政府信息1234条。\n"
        "二、主动公开政府信息情况\n通过政府网站发布信息389条。\n五、存在的主要问题及改进情况\n下一步，我县将进一步加强培训。\n",
        encoding="utf-8",
    )
    args = {"analyze": ["analyze", str(report), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet"],
            "classify": ["classify", str(report), "-o", str(tmp_path / "labels.jsonl")],
            "boilerplate": ["boilerplate", str(report), "-o", str(tmp_path / "scores.jsonl")]}[command]
    done = subprocess.run([sys.executable, "-c", _RUN_AND_LIST, *args], capture_output=True, text=True, env=os.environ.copy(), timeout=600, cwd=tmp_path)
    lines = [line for line in done.stdout.splitlines() if line.startswith(("MODULES", "EXIT"))]
    assert lines[-1] == "EXIT 0", done.stdout[-2000:] + done.stderr[-2000:]
    assert lines[-2] == "MODULES", f"{command} imported {lines[-2].split()[1:]}"


def test_row_norms_are_summed_in_scikit_learns_order():
    """`normalize_rows_l2` against scikit-learn's Cython loop, bit for bit, on matrices where a
    pairwise sum would differ: rows long and short, empty rows, one row, both ways of summing."""
    import scipy.sparse as sp
    from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

    from nlp.inference.sparse import _row_sums_by_row, _row_sums_by_step, normalize_rows_l2

    rng = np.random.default_rng(11)
    pairwise_would_differ = 0
    for trial in range(30):
        rows = int(rng.integers(1, 300))
        matrix = sp.random(rows, 4000, density=float(rng.uniform(0.0005, 0.3)), format="csr", random_state=trial)
        matrix.data = np.log(matrix.data * 1000 + 1) + 1  # TF-IDF-like weights
        if rows > 3:
            matrix = sp.vstack([matrix[:2], sp.csr_matrix((1, 4000)), matrix[2:]]).tocsr()  # an empty row
        indptr = matrix.indptr.astype(np.int64)
        by_row, by_step = _row_sums_by_row(matrix.data, indptr), _row_sums_by_step(matrix.data, indptr, np.diff(indptr))
        assert np.array_equal(by_row, by_step)
        pairwise_would_differ += int((np.add.reduceat(matrix.data**2, matrix.indptr[:-1][np.diff(matrix.indptr) > 0]) != by_row[np.diff(indptr) > 0]).sum())
        expected, got = matrix.copy(), matrix.copy()
        inplace_csr_row_normalize_l2(expected)
        assert np.array_equal(normalize_rows_l2(got).data, expected.data)
    assert pairwise_would_differ > 0  # the data is one where the order of the sum shows


def test_the_key_table_finds_every_key_and_only_them():
    from nlp.inference.keytable import KeyTable

    rng = np.random.default_rng(4)
    keys = rng.choice(1 << 62, 20_000, replace=False).astype(np.uint64)
    table = KeyTable(keys, np.arange(len(keys)))
    assert len(table) == len(keys)
    queries = np.concatenate([keys[::-1], rng.choice(1 << 62, 20_000).astype(np.uint64) | np.uint64(1 << 62)])
    found = table.get(queries)
    assert np.array_equal(found[: len(keys)], np.arange(len(keys))[::-1]) and (found[len(keys) :] == -1).all()
    # keys that all collide on their slot's neighbourhood: multiples of a large power of two
    crowded = KeyTable(np.arange(500, dtype=np.uint64) << np.uint64(40), np.arange(500) * 3)
    assert np.array_equal(crowded.get(np.arange(500, dtype=np.uint64) << np.uint64(40)), np.arange(500) * 3)
    assert KeyTable(np.array([], np.uint64), np.array([], np.int64)).get(np.array([7], np.uint64)).tolist() == [-1]
    with pytest.raises(ValueError, match="two equal keys"):
        KeyTable(np.array([5, 9, 5], np.uint64), np.arange(3))


def test_expit_is_scipys_bit_for_bit():
    from scipy.special import expit as scipy_expit

    from nlp.inference.linear import expit

    rng = np.random.default_rng(2)
    values = np.concatenate([rng.normal(0, 4, 50_000), rng.uniform(-800, 800, 5_000), [0.0, -0.0, 709.8, -709.8, 745.2, -745.2, 1e4, -1e4, np.inf, -np.inf]])
    assert np.array_equal(expit(values.copy()), scipy_expit(values))
    assert np.isnan(expit(np.array([np.nan])))[0]


def test_twins_hand_other_inputs_to_scikit_learn(tmp_path):
    """Inputs outside a twin's fast path get scikit-learn's own answer or error."""
    import scipy.sparse as sp

    from nlp.boilerplate.loading import load_boilerplate_scorer
    from nlp.classify.loading import load_model

    scorer, real = load_boilerplate_scorer(), load_boilerplate_scorer(twins=False)
    stacker, real_stacker = scorer.stacker_, real.stacker_
    width = stacker.steps[0][1].n_features_in_
    features = np.random.default_rng(0).normal(size=(20, width))
    assert np.array_equal(stacker.predict_proba(features), real_stacker.predict_proba(features))
    assert np.array_equal(stacker.predict(features), real_stacker.predict(features))
    bad = features.copy()
    bad[3, 2] = np.nan
    with pytest.raises(ValueError) as ours:
        stacker.predict_proba(bad)
    with pytest.raises(ValueError) as theirs:
        real_stacker.predict_proba(bad)
    assert str(ours.value) == str(theirs.value)
    logistic = scorer.generic_.pipeline_.named_steps["model"]
    matrix = scorer.generic_.pipeline_.named_steps["tfidf"].transform(["政府信息公开", "全年受理申请12件"])
    as_csc = sp.csc_matrix(matrix)  # scikit-learn converts to CSR first: so does the twin, by handing over
    assert np.array_equal(logistic.decision_function(as_csc), real.generic_.pipeline_.named_steps["model"].decision_function(as_csc))
    with pytest.raises(ValueError):
        logistic.decision_function(matrix[:, :-1])  # a matrix of the wrong width
    model, real_model = load_model(), load_model(twins=False)
    columns = model.pipeline_.steps[0][1]
    with pytest.raises(ValueError, match="columns are missing"):
        columns.transform({"text": ["政府信息公开"]})
    encoder = columns.named_transformers_["context"]
    import pandas as pd

    frame = pd.DataFrame({"section": ["overview", "no such section", None], "topic": ["none", "fees", "none"]})
    real_encoder = real_model.pipeline_.steps[0][1].named_transformers_["context"]
    assert np.array_equal(encoder.transform(frame).toarray(), real_encoder.transform(frame).toarray())


def test_a_model_loaded_with_twins_saves_the_scikit_learn_objects_they_stand_for(tmp_path):
    """Saving a model loaded for prediction writes what saving the real objects writes (skops files
    carry object ids, so the files are compared as the objects they rebuild)."""
    import skops.io as sio

    from nlp.classify.loading import load_model
    from nlp.modelfiles.store import TRUSTED_TYPES, first_difference, model_bytes
    from nlp.modelpacking import unpack_tables

    twin, real = load_model(), load_model(twins=False)
    from_twin = unpack_tables(sio.loads(model_bytes(twin), trusted=list(TRUSTED_TYPES)))
    from_real = unpack_tables(sio.loads(model_bytes(real), trusted=list(TRUSTED_TYPES)))
    assert type(from_twin.pipeline_).__module__ == "sklearn.pipeline"
    assert first_difference(from_twin, from_real) is None
    assert type(twin.pipeline_).__name__ == "PipelineTwin"  # saving left the loaded model as it was


def test_a_scikit_learn_object_refitted_in_place_gets_a_new_twin():
    """`twin_of` keeps a live object's twin; fitting the same object again (or a step inside its
    pipeline) must not leave predictions to the twin of its earlier fit."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    from nlp.inference import twin_of

    records = _real_paragraphs(300)
    texts = [r["text"] for r in records]
    labels = [str(r.get("label") or "other") for r in records]
    pipeline = Pipeline([("tfidf", TfidfVectorizer(analyzer="char", ngram_range=(1, 2))), ("lr", LogisticRegression(max_iter=200))])
    pipeline.fit(texts[:150], labels[:150])
    first = twin_of(pipeline)
    assert first is not None and twin_of(pipeline) is first  # kept while nothing changes
    assert np.array_equal(first.decision_function(texts[150:]), pipeline.decision_function(texts[150:]))

    pipeline.fit(texts[150:], labels[150:])  # the same objects, fitted on other paragraphs
    second = twin_of(pipeline)
    assert second is not None and second is not first
    assert np.array_equal(second.decision_function(texts[:150]), pipeline.decision_function(texts[:150]))

    pipeline.named_steps["lr"].fit(pipeline.named_steps["tfidf"].transform(texts[:100]), labels[:100])  # one step only
    third = twin_of(pipeline)
    assert third is not second
    assert np.array_equal(third.decision_function(texts[100:]), pipeline.decision_function(texts[100:]))
