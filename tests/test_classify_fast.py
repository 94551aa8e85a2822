"""The classifier's prediction path (`features.transform_columns`: character blocks counted by
`nlp.charngrams`, context one-hot by lookup) gives exactly scikit-learn's features and logits, on
real and damaged paragraphs, for the shipped model and for models of other settings."""

from __future__ import annotations

import random

import numpy as np
import pytest

from nlp.classify.context import Context
from nlp.classify.features import ParagraphInput, paragraph_frame, transform_columns
from nlp.classify.model import ParagraphClassifier

_PARAGRAPHS = [
    "全年主动公开政府信息1234条，其中规章3件，规范性文件17件。",
    "下一步，我局将进一步加强业务培训，提高公开质量。",
    "本年度共收到政府信息公开申请56件，上年结转4件，办结58件。",
    "通过“城南政务”微信公众号发布信息389条，回应关切21次。",
    "存在的主要问题：一是公开内容不够全面；二是解读形式单一。",
    "（三）政府信息管理。严格执行《中华人民共和国政府信息公开条例》。",
    "本年度未发生政府信息公开行政复议、行政诉讼案件。",
    "平台建设方面，完善政府网站信息公开专栏，优化栏目设置。",
]
_SECTIONS = ["overview", "active", "requests", "review_litigation", "problems_improvements", "none", "front", "unheard_of"]
_TOPICS = ["platform", "problems", "improvements", "none", "fees", "not_a_topic"]


def _damaged(text: str, rng: random.Random) -> str:
    """Damage real files carry: runs of spaces, ideographic spaces, tabs and line breaks, half- and
    full-width punctuation, Latin letters of either case, characters beyond the basic plane, a
    lone surrogate, text cut short."""
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        position = rng.randrange(len(chars) + 1)
        chars.insert(position, rng.choice([" ", "   ", "\u3000", "\t", "\n\n", "ABC", "Ab", "𠀀", "İ", "\ud800", "ß", "(", "（", "：", ":", "１２"]))
    damaged = "".join(chars)
    return damaged[: rng.randint(0, len(damaged))] if rng.random() < 0.1 else damaged


def _inputs(seed: int, count: int = 300) -> list[ParagraphInput]:
    rng = random.Random(seed)
    clean = _PARAGRAPHS + ["", " ", "A", "\u3000\t\n", "政府信息 公开 ABC def"]
    return [
        ParagraphInput(_damaged(rng.choice(clean), rng) if i >= len(clean) else clean[i], Context(section=rng.choice(_SECTIONS), topic=rng.choice(_TOPICS)))
        for i in range(count)
    ]


def _assert_same_features(model: ParagraphClassifier, items, reference: ParagraphClassifier | None = None) -> None:
    """`model`'s fast features and logits equal scikit-learn's, computed by `reference` (the same
    model with its real scikit-learn objects; default: `model` itself, fitted here)."""
    reference = model if reference is None else reference
    assert type(reference.pipeline_).__module__ == "sklearn.pipeline"
    frame = paragraph_frame(items)
    columns = model.pipeline_.named_steps["features"]
    fast = transform_columns(columns, frame)
    assert fast is not None, "the fast path should apply to these settings"
    slow = reference.pipeline_.named_steps["features"].transform(frame)
    assert fast.shape == slow.shape and (abs(fast - slow) > 0).nnz == 0
    assert np.array_equal(fast.indptr, slow.indptr) and np.array_equal(fast.indices, slow.indices)
    assert np.array_equal(fast.data, slow.data)  # bit for bit
    logits = _sklearn_logits(reference, frame)
    assert np.array_equal(model.decision_function(frame), _biased(model, logits))
    assert np.array_equal(model.decision_function(items), _biased(model, logits))


def _sklearn_logits(model: ParagraphClassifier, frame):
    """The logits scikit-learn's own objects give: the pipeline's, or (with a stance sub-model) its
    classifier's on its features beside the sub-model's weighted probabilities, those kept only in
    rows without context where the sub-model speaks only there."""
    import scipy.sparse as sp

    from nlp.classify.context import UNKNOWN

    stance = getattr(model, "stance_", None)
    if stance is None:
        return model.pipeline_.decision_function(frame)
    assert type(stance).__module__ == "sklearn.pipeline"
    probabilities = stance.predict_proba(frame)
    if getattr(model, "stance_form", "probability") == "log-odds":
        # written out here rather than taken from nlp.classify.alone: the reference must not share the code it checks
        # (log p − log(1 − p) of p kept off 0 and 1, the form compared bit for bit)
        p = np.clip(probabilities, 1e-12, 1 - 1e-12)
        probabilities = np.clip(np.log(p) - np.log1p(-p), -6.0, 6.0)
    probabilities = probabilities * model.stance_weight
    if model.stance_alone:
        known = np.zeros(len(frame), dtype=bool)
        for name in model.context:
            known |= (frame[name] != UNKNOWN).to_numpy()
        probabilities[known] = 0.0
    features = model.pipeline_.named_steps["features"].transform(frame)
    return model.pipeline_.named_steps["classifier"].decision_function(sp.hstack([features, sp.csr_matrix(probabilities)]).tocsr())


def test_the_shipped_model_gives_scikit_learns_logits_on_damaged_paragraphs():
    from nlp.classify.loading import load_model

    model, real = load_model(), load_model(twins=False)  # as loaded for prediction (twins), and as scikit-learn objects
    items = _inputs(1)
    _assert_same_features(model, items, real)
    assert model.scores(items) == [
        {"label": model.labels[int(row.argmax())], "scores": {label: round(float(p), 4) for label, p in zip(model.labels, row, strict=True)}}
        for row in _softmax(_biased(model, _sklearn_logits(real, paragraph_frame(items))), model.temperature_)
    ]


def _biased(model, logits):
    biases = getattr(model, "biases_", None)  # the shipped model predates bias tuning
    return logits if biases is None else logits + biases


def _softmax(logits, temperature):
    from nlp.classify.calibration import softmax

    return softmax(logits, temperature)


def test_the_shipped_model_gives_scikit_learns_logits_on_real_reports(shared):
    from nlp.classify.loading import load_model
    from nlp.structure import read_report

    model = load_model()
    paragraphs = [p for path in sorted((shared / "seeds").glob("*.txt")) for p in read_report(path).narrative()]
    assert paragraphs
    _assert_same_features(model, paragraphs, load_model(twins=False))


@pytest.mark.parametrize(
    "params",
    [
        {"word_ngrams": (1, 2), "context": ("section", "topic", "position"), "opening_weight": 0.5, "closing_weight": 0.3},
        {"char_ngrams": (2, 3), "word_ngrams": None, "context": ("section",)},
        {"word_ngrams": None, "context": ("section", "topic"), "opening_weight": 0.5, "clause_weight": 0.3, "piece_weight": 0.5},
        {"word_ngrams": None, "context": ("section", "topic"), "stance_weight": 3.0, "stance_alone": True, "stance_labels": ("improvement",)},
        {"word_ngrams": None, "context": ("section",), "stance_weight": 1.0, "clause_weight": 0.3},
        {"word_ngrams": None, "context": ("section", "topic"), "stance_weight": 0.5, "stance_alone": True, "stance_form": "log-odds"},
        {"char_ngrams": (1, 1), "word_ngrams": None, "context": (), "char_max_df": 0.9},
    ],
)
def test_models_of_other_settings_give_scikit_learns_logits(params):
    rng = random.Random(3)
    texts = [_damaged(rng.choice(_PARAGRAPHS), rng) + rng.choice(_PARAGRAPHS) for _ in range(120)]
    labels = [["active", "improvement", "application", "platform"][i % 4] for i in range(len(texts))]
    items = [ParagraphInput(text, Context(section=rng.choice(_SECTIONS[:5]), topic=rng.choice(_TOPICS[:4]), position="first")) for text in texts]
    model = ParagraphClassifier(calibrate=False, **params).fit(items, labels)
    _assert_same_features(model, _inputs(2, 150))


def test_encoder_settings_it_does_not_reproduce_fall_back_to_scikit_learn():
    rng = random.Random(4)
    texts = [rng.choice(_PARAGRAPHS) for _ in range(60)]
    items = [ParagraphInput(text, Context(section=rng.choice(_SECTIONS[:4]))) for text in texts]
    model = ParagraphClassifier(word_ngrams=None, context=("section",), calibrate=False).fit(items, [str(i % 3) for i in range(60)])
    encoder = model.pipeline_.named_steps["features"].named_transformers_["context"]
    encoder.set_params(handle_unknown="error")
    frame = paragraph_frame(_inputs(5, 20)[:5])
    assert transform_columns(model.pipeline_.named_steps["features"], frame) is None
    known = paragraph_frame(items[:10])
    assert np.array_equal(model.decision_function(known), _biased(model, model.pipeline_.decision_function(known)))


@pytest.mark.parametrize(
    "settings",
    [
        {"analyzer": "char", "ngram_range": (1, 3)},
        {"analyzer": "char", "ngram_range": (2, 3), "lowercase": False},
        {"analyzer": "char", "ngram_range": (1, 2), "strip_accents": "unicode"},
        {"analyzer": "char_wb", "ngram_range": (1, 3)},
        {"analyzer": "char_wb", "ngram_range": (3, 3), "strip_accents": "ascii"},
    ],
)
def test_counts_equal_the_vectorizers_own_for_each_analyser_and_preprocessing(settings):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from nlp.charngrams import CharNgramCounter, tfidf_transform

    rng = random.Random(6)
    texts = [_damaged(rng.choice(_PARAGRAPHS), rng) + " Éé  Ab\t\tcd" for _ in range(80)]
    vectorizer = TfidfVectorizer(sublinear_tf=True, **settings).fit(texts)
    assert CharNgramCounter.applies(vectorizer)
    others = [item.text for item in _inputs(7, 200)]
    expected, got = vectorizer.transform(others), tfidf_transform(vectorizer, others)
    assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
    assert np.array_equal(got.data, expected.data)
