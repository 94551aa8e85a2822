"""The generic model's prediction path: its own n-gram counts and its top-n-gram choice must equal
scikit-learn's vectorizer and the plain sort they replace, on clean and damaged text."""

from __future__ import annotations

import random

import numpy as np
import pytest

from nlp.boilerplate.generic import GenericModel
from nlp.charngrams import CharNgramCounter, tfidf_transform
from tests.toymodels import fit_generic

_TEMPLATE = [
    "我局高度重视政府信息公开工作，进一步加强组织领导，完善工作机制。",
    "严格落实《中华人民共和国政府信息公开条例》，做到应公开尽公开。",
    "坚持以公开为常态、不公开为例外，不断提升政务公开质量。",
]
_SPECIFIC = [
    "全年主动公开政府信息1234条，其中规章3件，规范性文件17件。",
    "2023年共收到政府信息公开申请56件，上年结转4件，办结58件。",
    "通过“城南政务”微信公众号发布信息389条，回应关切21次，阅读量12.5万人次。",
]


def _damaged(text: str, rng: random.Random) -> str:
    """The kinds of damage real files carry: spaces and ideographic spaces inside words, tabs and
    line breaks, Latin letters of either case, characters beyond the basic plane, a lone surrogate."""
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        position = rng.randrange(len(chars) + 1)
        chars.insert(position, rng.choice([" ", "  ", "\u3000", "\t", "\n", "ABC", "Ab", "𠀀", "İ", "\ud800", "ß"]))
    return "".join(chars)


@pytest.fixture(scope="module")
def model() -> GenericModel:
    # figures read as they are: these tests compare the counting and the n-gram choice with
    # scikit-learn's on the very texts given (folded figures: tests/test_boilerplate_figures.py)
    return fit_generic(_TEMPLATE, _SPECIFIC, rounds=40, seed=7, fold_numbers=False)


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    clean = _TEMPLATE + _SPECIFIC + ["", " ", "A", "\u3000\t\n", "政府信息 公开 ABC def"]
    return clean + [_damaged(rng.choice(clean[:6]), rng) for _ in range(200)]


def test_counts_equal_the_vectorizer_on_damaged_text(model):
    vectorizer = model.pipeline_.named_steps["tfidf"]
    assert CharNgramCounter.applies(vectorizer)
    texts = _texts(1)
    expected = vectorizer.transform(texts)
    got = tfidf_transform(vectorizer, texts)
    assert type(got) is type(expected) and got.shape == expected.shape
    assert np.array_equal(got.indptr, expected.indptr)
    assert np.array_equal(got.indices, expected.indices)
    assert np.array_equal(got.data, expected.data)  # bit for bit, not approximately
    assert np.array_equal(model.predict_proba(texts), model.pipeline_.predict_proba(texts)[:, 1])


def test_other_vectorizer_settings_fall_back_to_scikit_learn():
    wider = GenericModel(ngram_range=(2, 4), min_df=1, fold_numbers=False).fit(_TEMPLATE + _SPECIFIC, [1, 1, 1, 0, 0, 0])
    assert not CharNgramCounter.applies(wider.pipeline_.named_steps["tfidf"])
    texts = _texts(2)
    assert np.array_equal(wider.predict_proba(texts), wider.pipeline_.predict_proba(texts)[:, 1])


def _spans_by_full_sort(model: GenericModel, text: str, row, top: int) -> list[tuple[int, int, str]]:
    """The choice made by a plain sort: every longest n-gram sorted by (weight, n-gram), the strongest four times
    `top` candidates each way, placed strongest first where they overlap none placed, at most `top` each way."""
    names = model.feature_names_
    lengths = np.array([len(str(name).strip()) for name in names])
    longest = lengths == model.ngram_range[1]
    coefficients = model.pipeline_.named_steps["model"].coef_[0]
    columns = row.indices[longest[row.indices]]
    weights = row.data[longest[row.indices]] * coefficients[columns]
    order = sorted(range(len(columns)), key=lambda i: (weights[i], str(names[columns[i]])))
    negative = [i for i in order if weights[i] < 0][: 4 * top]
    positive = [i for i in reversed(order) if weights[i] > 0][: 4 * top]
    spans: list[tuple[int, int, str]] = []
    shown = {True: 0, False: 0}
    for i in sorted(negative + positive, key=lambda i: -abs(weights[i])):
        gram = str(names[columns[i]]).strip()
        start = text.find(gram)
        if shown[weights[i] > 0] < top and start >= 0 and not any(s < start + len(gram) and start < e for s, e, _ in spans):
            spans.append((start, start + len(gram), gram))
            shown[weights[i] > 0] += 1
    return sorted(spans)


@pytest.mark.parametrize("top", [1, 3, 10])
def test_explanations_equal_a_full_sort(model, top):
    texts = _texts(3)
    _, explained = model.predict_and_explain(texts, top=top)
    matrix = model.pipeline_.named_steps["tfidf"].transform(texts).tocsr()
    for number, text in enumerate(texts):
        got = [(s.start, s.end, s.text) for s in explained[number]]
        assert got == _spans_by_full_sort(model, text, matrix[number], top)
    assert any(explained), "the fixture model explains nothing: the comparison would be empty"


_CONCRETE_BITS = [
    "详见http://www.example.gov.cn/xxgk。", "网址www.city.gov.cn", "邮箱xxgk@city.gov.cn", "电话0512-68881234", "热线12345",
    "手机13912345678", "国办公开办函〔2019〕60号", "国务院令第711号", "２０２３年３月５日", "1-12月", "12月31日",
    "收到申请５６件", "公开42条", "《某某市政务公开办法》", "“城南政务”微信公众号", "局长张三同志", "东湖县", "3.5万元",
    "第12号", "编号12", "12.cn", "@", "号", "www.", "http",
]


def test_skipping_patterns_that_cannot_match_finds_the_same_spans(monkeypatch):
    """The specificity screen (`_screen`) skips a pattern only where no match of it is possible:
    with every pattern run on every text the spans are the same."""
    import nlp.boilerplate.specificity as specificity
    from nlp.boilerplate.specificity import _CONTACT, SpecificityScorer, _Screen

    rng = random.Random(11)
    texts = [*_TEMPLATE, *_SPECIFIC, "", "号", "１２号"]
    for _ in range(400):
        pieces = [rng.choice(_TEMPLATE + _SPECIFIC)[: rng.randint(0, 30)], rng.choice(_CONCRETE_BITS), rng.choice(_CONCRETE_BITS)]
        rng.shuffle(pieces)
        texts.append(_damaged("".join(pieces) or "。", rng))
    scorer = SpecificityScorer()
    screened = [scorer.score(text, ["东湖县"]) for text in texts]
    monkeypatch.setattr(specificity, "_screen", lambda text: _Screen(_CONTACT, True, True))
    everything = [scorer.score(text, ["东湖县"]) for text in texts]
    assert screened == everything
    assert sum(len(result.spans) for result in screened) > len(texts)  # the texts do hold concrete items


def test_probabilities_equal_scikit_learns_for_the_shipped_models():
    """`positive_proba` (the generic model's and the stacker's probability without scikit-learn's
    input checks) gives scikit-learn's values bit for bit; a model of other parts is left to it."""
    from sklearn.base import clone
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import MinMaxScaler

    from nlp.boilerplate.generic import positive_proba
    from nlp.boilerplate.score import stack_features
    from nlp.boilerplate.train import load_boilerplate_scorer

    # the shipped models as loaded for prediction (inference twins) beside the real scikit-learn objects
    scorer, real = load_boilerplate_scorer(), load_boilerplate_scorer(twins=False)
    assert type(real.stacker_).__module__.startswith("sklearn.")
    assert not type(scorer.stacker_).__module__.startswith("sklearn.")
    texts = _texts(8)
    generic = scorer.generic_
    matrix = tfidf_transform(generic.pipeline_.named_steps["tfidf"], texts)
    expected_matrix = real.generic_.pipeline_.named_steps["tfidf"].transform(texts)
    assert np.array_equal(matrix.toarray(), expected_matrix.toarray())
    expected = real.generic_.pipeline_.named_steps["model"].predict_proba(expected_matrix)[:, 1]
    assert np.array_equal(positive_proba(generic.pipeline_.named_steps["model"], matrix), expected)
    assert np.array_equal(positive_proba(real.generic_.pipeline_.named_steps["model"], matrix), expected)
    features = stack_features(expected, scorer.unsupervised_signals(texts), texts)
    stacked = real.stacker_.predict_proba(features)[:, 1]
    assert np.array_equal(positive_proba(scorer.stacker_, features), stacked)
    assert np.array_equal(scorer.stacker_.predict_proba(features), real.stacker_.predict_proba(features))
    assert np.array_equal(scorer.stacker_.predict(features), real.stacker_.predict(features))
    assert len(set(stacked.round(3).tolist())) > 5  # the texts are scored differently
    other = Pipeline([("scale", MinMaxScaler()), ("model", clone(real.stacker_.named_steps["model"]))]).fit(features, (stacked > 0.5).astype(int))
    assert np.array_equal(positive_proba(other, features), other.predict_proba(features)[:, 1])


def _same_matrix(a, b) -> bool:
    return (
        a.shape == b.shape
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.data, b.data)
        and a.data.dtype == b.data.dtype
    )


def test_single_characters_looked_up_by_code_point_count_as_by_hash(model):
    """The table of single characters (`_unigram_columns`) against the hash of every n-gram, on the
    shipped model's vocabulary over the seed reports (clean and damaged) and on damaged text."""
    from nlp.boilerplate.loading import load_boilerplate_scorer
    from nlp.structure import parse_text
    from tests import damage
    from tests.conftest import shared_path

    texts = _texts(3)
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in (text, damage.join_lines(text), damage.remove_whitespace(text), damage.odd_label_spaces(text)):
            texts += [p.text for p in parse_text(variant).paragraphs]
    rng = random.Random(5)
    texts += [_damaged(text, rng) for text in texts[-200:]]
    for vectorizer in (load_boilerplate_scorer().generic_.pipeline_.named_steps["tfidf"], model.pipeline_.named_steps["tfidf"]):
        counter = CharNgramCounter(vectorizer)
        assert counter.unigrams is not None and (counter.unigrams >= 0).sum() > 10
        by_table = counter.counts(texts)
        counter.unigrams = None
        by_hash = counter.counts(texts)
        assert by_table.nnz > 1000 and _same_matrix(by_table, by_hash)


def test_a_vocabulary_with_a_character_beyond_the_table_counts_by_hash():
    rare = ["𠀀公开信息", "公开𠀀", "\U0010fffd信息"]
    wide = GenericModel(min_df=1).fit(_TEMPLATE + _SPECIFIC + rare, [1, 1, 1, 0, 0, 0, 0, 0, 0])
    vectorizer = wide.pipeline_.named_steps["tfidf"]
    assert CharNgramCounter.applies(vectorizer) and CharNgramCounter(vectorizer).unigrams is None
    texts = _texts(4) + rare
    assert _same_matrix(tfidf_transform(vectorizer, texts), vectorizer.transform(texts))
