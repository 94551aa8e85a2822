"""The two baselines the classifier must beat: keyword rules, and character TF-IDF + logistic regression.

Both are scikit-learn estimators over the same input as `ParagraphClassifier` (anything
`paragraph_columns` accepts), so the benchmark runs them through the same grouped folds.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from nlp.classify.features import paragraph_columns
from nlp.estimator import Classifier

#: The cue words of each label's definition in ANNOTATION.md, tried in this order; the label with the
#: most cues wins, ties go to the earlier label, no cue at all gives `other`.
KEYWORD_RULES: tuple[tuple[str, str], ...] = (
    ("problem", r"存在.{0,12}(?:问题|不足)|有待(?:加强|提高|进一步)|不够(?:及时|全面|深入)|仍需|还需|薄弱|短板"),
    ("improvement", r"下一步|将进一步|今后|改进|整改|明年|将继续|将加强"),
    ("organization", r"领导小组|组长|培训|考核|评议|监督|责任追究|工作要点|分管领导|专人负责|制度"),
    ("info_management", r"审核|审查|保密|涉密|目录|指南|清理|归档|动态更新|规范性文件"),
    ("platform", r"网站|微信|微博|新媒体|公众号|公报|公开栏|查阅点|热线|平台|栏目"),
    ("application", r"依申请|公开申请|申请公开|答复|收费|复议|诉讼"),
    ("active_disclosure", r"主动公开|解读|回应关切|预决算|重点领域|公开.{0,8}\d+\s*[条件篇]"),
)
FALLBACK_LABEL = "other"


class KeywordRules(Classifier):
    """Label by cue words of the annotation guide (no learning: `fit` only records the labels)."""

    def __init__(self, rules: tuple[tuple[str, str], ...] = KEYWORD_RULES, fallback: str = FALLBACK_LABEL) -> None:
        self.rules = rules
        self.fallback = fallback

    def fit(self, X: Any, y: Any, **_: Any) -> KeywordRules:
        self.classes_ = np.array(sorted(set(y) | {self.fallback}), dtype=object)
        self.compiled_ = [(label, re.compile(pattern)) for label, pattern in self.rules if label in set(self.classes_)]
        return self

    def predict(self, X: Any) -> np.ndarray:
        texts = paragraph_columns(X)["text"]
        out = []
        for text in texts:
            hits = [(len(pattern.findall(text)), -order, label) for order, (label, pattern) in enumerate(self.compiled_)]
            best = max(hits, default=(0, 0, self.fallback))
            out.append(best[2] if best[0] > 0 else self.fallback)
        return np.array(out, dtype=object)


def char_baseline(C: float = 10.0, random_state: int = 0) -> Any:
    """Character 1–3-gram TF-IDF of the text + logistic regression; no words, no context."""
    from nlp.classify.model import ParagraphClassifier

    return ParagraphClassifier(
        char_ngrams=(1, 3), word_ngrams=None, context=(), C=C, class_weight="balanced", calibrate=False, random_state=random_state
    )
