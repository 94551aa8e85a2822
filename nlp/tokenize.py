"""Word tokens for the models: jieba, initialised once and explicitly, with the domain dictionary.

There is no hidden global state: each `Tokenizer` owns its own `jieba.Tokenizer`, built on first
use with the shipped domain dictionary (`nlp/resources/domain_words.txt`) and stop words
(`nlp/resources/stopwords.txt`). A `Tokenizer` pickles without its jieba state (which is rebuilt
on first use after loading), so scikit-learn pipelines that use it can be saved with joblib.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

RESOURCES = resources.files("nlp") / "resources"
DOMAIN_DICTIONARY = "domain_words.txt"
STOPWORDS = "stopwords.txt"

#: Runs of figures become one placeholder token, so that "312条" and "45条" look alike to a model.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")


def read_word_list(name: str) -> list[str]:
    """Lines of a shipped word list, without comments and blanks (first column only)."""
    text = (RESOURCES / name).read_text(encoding="utf-8")
    return [line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#")]


class Tokenizer:
    """Callable text → list of word tokens (jieba precise mode, domain words kept whole).

    Parameters
    ----------
    dictionary: path of a jieba user dictionary (one word a line, optional frequency and tag);
        None for the shipped domain dictionary, "" for none.
    stopwords: iterable of words to drop; None for the shipped list, () for none.
    numbers: replace figures by the token "<num>" (True) or keep them (False).
    """

    def __init__(self, dictionary: str | None = None, stopwords: Iterable[str] | None = None, numbers: bool = True) -> None:
        self.dictionary = dictionary
        self.stopwords = frozenset(read_word_list(STOPWORDS) if stopwords is None else stopwords)
        self.numbers = numbers
        self._jieba: Any = None

    def _build(self) -> Any:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        if self.dictionary is None:
            with resources.as_file(RESOURCES / DOMAIN_DICTIONARY) as path:
                tokenizer.load_userdict(str(path))
        elif self.dictionary:
            tokenizer.load_userdict(str(Path(self.dictionary)))
        return tokenizer

    def initialize(self) -> Tokenizer:
        """Load jieba and the dictionary now rather than at the first call."""
        if self._jieba is None:
            self._jieba = self._build()
        return self

    def __call__(self, text: str) -> list[str]:
        if self._jieba is None:
            self.initialize()
        if self.numbers:
            text = _NUMBER.sub(" 0 ", text)
        tokens = []
        for token in self._jieba.cut(text, HMM=True):
            token = token.strip()
            if not token or token in self.stopwords:
                continue
            if token == "0" and self.numbers:
                token = "<num>"
            tokens.append(token)
        return tokens

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_jieba"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:
        return f"Tokenizer(dictionary={self.dictionary!r}, stopwords={len(self.stopwords)} words, numbers={self.numbers})"
