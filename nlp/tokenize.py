"""Word tokens for the models: jieba, initialised once and explicitly, with the domain dictionary.

A `Tokenizer` uses a `jieba.Tokenizer` loaded with the shipped domain dictionary
(`nlp/resources/domain_words.txt`) and stop words (`nlp/resources/stopwords.txt`). jieba's
dictionary takes a second and about a hundred megabytes to load, and the classifier, the boilerplate
scorer and the year-over-year comparison each carry a `Tokenizer`: so the loaded jieba is shared by
every `Tokenizer` of a process with the same dictionary (`jieba_for`), loaded on first use and never
changed afterwards. A `Tokenizer` pickles without it, so scikit-learn pipelines that use it can be
saved with joblib.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

RESOURCES = resources.files("nlp") / "resources"
DOMAIN_DICTIONARY = "domain_words.txt"
STOPWORDS = "stopwords.txt"

#: Runs of figures become one placeholder token, so that "312条" and "45条" look alike to a model.
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
#: The token a figure becomes when figures are folded (`Tokenizer(numbers=True)`).
NUMBER_TOKEN = "<num>"
#: A token with no letter, CJK character or digit (punctuation, brackets, symbols) carries no topic.
_CONTENT = re.compile(r"[^\W_]")


def has_content(token: str) -> bool:
    """The token holds a letter, CJK character or digit (`_CONTENT`). Most tokens are all of them,
    which `str.isalnum` tells without the regex (the regex's `\\w` is `str.isalnum` or `_`)."""
    return token.isalnum() or _CONTENT.search(token) is not None


def _dictionary_entries(text: str) -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) of a jieba dictionary text (`word [freq] [tag]`), comments skipped."""
    entries = []
    for line in text.splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        entries.append((parts[0], freq, tag))
    return entries


def read_word_list(name: str, columns: bool = False) -> list[Any]:
    """Words of a shipped word list, without comments and blanks (first column only, or
    (word, frequency, tag) entries with `columns=True`)."""
    entries = _dictionary_entries((RESOURCES / name).read_text(encoding="utf-8"))
    return entries if columns else [word for word, _, _ in entries]


def _import_jieba() -> Any:
    """jieba, imported without `pkg_resources` unless something imported that already.

    jieba's `_compat` imports pkg_resources only to open jieba's own data files, and opens them by
    their path when the import fails: the same files. Importing pkg_resources takes ~70 ms (a third
    of importing jieba, and a deprecation warning on newer setuptools). The entry that blocks it
    lives only while jieba's modules run, and is removed after.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` raises ImportError
    try:
        import jieba
    finally:
        if "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
            del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=4)
def jieba_for(dictionary: str | None) -> Any:
    """The process's jieba.Tokenizer with this user dictionary (None: the shipped domain words, "": none).

    Nothing may add words to it afterwards: every Tokenizer with the same dictionary reads it.
    """
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    # Added word by word rather than with jieba's load_userdict, which would take the comment
    # lines for words (and leaves the file it opens unclosed).
    if dictionary is None:
        entries = read_word_list(DOMAIN_DICTIONARY, columns=True)
    elif dictionary:
        entries = _dictionary_entries(Path(dictionary).read_text(encoding="utf-8"))
    else:
        entries = []
    for word, freq, tag in entries:
        tokenizer.add_word(word, freq, tag)
    return tokenizer


class Tokenizer:
    """Callable text → list of word tokens (jieba precise mode, domain words kept whole).

    Parameters
    ----------
    dictionary: path of a jieba user dictionary (one word a line, optional frequency and tag);
        None for the shipped domain dictionary, "" for none.
    stopwords: iterable of words to drop; None for the shipped list, () for none.
    numbers: replace figures by the token "<num>" (True) or keep them (False).

    Punctuation and symbol tokens are dropped, as are stop words.
    """

    def __init__(self, dictionary: str | None = None, stopwords: Iterable[str] | None = None, numbers: bool = True) -> None:
        self.dictionary = dictionary
        self.stopwords = frozenset(read_word_list(STOPWORDS) if stopwords is None else stopwords)
        self.numbers = numbers
        self._jieba: Any = None

    def initialize(self) -> Tokenizer:
        """Load jieba and the dictionary now rather than at the first call."""
        if self._jieba is None:
            self._jieba = jieba_for(self.dictionary)
        return self

    def __call__(self, text: str) -> list[str]:
        # Through the process-wide memo: `analyze` cuts each narrative paragraph once
        # (`Paragraph.tokens`) and the boilerplate signals, which ask again for the same text with
        # a tokenizer of the same settings, get those words instead of a second jieba pass.
        return list(_cut(self, text))

    def cut(self, text: str) -> list[str]:
        """The words of `text`, cut now (no memo)."""
        if self._jieba is None:
            self.initialize()
        if self.numbers:
            text = FIGURE.sub(" 0 ", text)
        tokens = []
        stopwords, numbers = self.stopwords, self.numbers
        for token in self._jieba.cut(text, HMM=True):
            token = token.strip()
            # `has_content`, written out: a call per token costs a third of this loop
            if not token or token in stopwords or not (token.isalnum() or _CONTENT.search(token)):
                continue
            if token == "0" and numbers:
                token = NUMBER_TOKEN
            tokens.append(token)
        return tokens

    # Equal settings cut equally: tokenizers compare (and hash) by them, so that caches keyed by the
    # tokenizer (`nlp.boilerplate.commonness.token_spans`) are shared by the models' own copies.
    def _settings(self) -> tuple[Any, ...]:
        return (self.dictionary, self.numbers, self.stopwords)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._settings() == other._settings()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._settings())

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_jieba"] = None
        # Sorted, so that the same tokenizer pickles to the same bytes in every process (a set's
        # order follows string hashing, which Python randomises per process).
        state["stopwords"] = tuple(sorted(self.stopwords))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.stopwords = frozenset(self.stopwords)

    def __repr__(self) -> str:
        return f"Tokenizer(dictionary={self.dictionary!r}, stopwords={len(self.stopwords)} words, numbers={self.numbers})"


#: Paragraphs whose words are remembered, per process. `analyze` annotates a few reports at a time
#: and every step that reads words runs within that batch, so a few thousand recent paragraphs are
#: enough; each costs a few kilobytes.
CUT_CACHE_SIZE = 1 << 12


@lru_cache(maxsize=CUT_CACHE_SIZE)
def _cut(tokenizer: Tokenizer, text: str) -> tuple[str, ...]:
    # Keyed by the tokenizer's settings (`Tokenizer.__hash__`): equal tokenizers cut equally.
    return tuple(tokenizer.cut(text))
