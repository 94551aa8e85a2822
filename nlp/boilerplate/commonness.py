"""Corpus commonness (Lang & Stice-Lawrence 2015): the share of a text that lies in sentences using
word n-grams found in a large share of the reports of a reference corpus.

The reference document frequencies are fitted once (`govreport fit-boilerplate CORPUS...`) and shipped.
Figures are kept as they are (not folded into a placeholder), so that "收到申请6件" is only common
where the same figure recurs: a template sentence with the agency's own figures in it is not template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from nlp.boilerplate.spans import ReferenceCorpusModel, Span, merge_ranges
from nlp.tokenize import FIGURE as _FIGURE, NUMBER_TOKEN, Tokenizer

#: A sentence: text up to and including its closing punctuation.
_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]*")
#: Tokens with no letter or character of a word (punctuation, symbols) do not make n-grams.
_WORDLIKE = re.compile(r"\w")
#: Separator of the words of an n-gram key.
_JOIN = "\x1f"


def token_spans(tokenizer: Any, text: str) -> list[tuple[str, int, int]]:
    """Tokens of `text` with their character offsets.

    The tokenizer returns words only; each word is found again in the text from where the last one
    ended. A token the text does not contain literally (a tokenizer that rewrites words) gets an
    empty span at the current position rather than a wrong one. Results are cached: commonness and
    specificity tokenise the same paragraphs, and cross-validation scores them once per fold.
    """
    return list(_token_spans(tokenizer, text))


#: Paragraphs whose words are kept. `analyze` needs the few of the report at hand (commonness and
#: specificity cut the same paragraph one after the other); training reuses them across folds. Each
#: costs ~7 KB: 65,536 of them made ~450 MB of every worker of a long batch.
TOKEN_CACHE_SIZE = 1 << 13


@lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _token_spans(tokenizer: Any, text: str) -> tuple[tuple[str, int, int], ...]:
    out = []
    position = 0
    for token in tokenizer(text):
        if token == NUMBER_TOKEN:
            # A tokenizer that folds figures (`Tokenizer(numbers=True)`) stands for the next figure.
            figure = _FIGURE.search(text, position)
            if figure is not None:
                out.append((token, figure.start(), figure.end()))
                position = figure.end()
                continue
        found = text.find(token, position)
        if found < 0:
            out.append((token, position, position))
            continue
        out.append((token, found, found + len(token)))
        position = found + len(token)
    return tuple(out)


@dataclass
class CommonnessResult:
    #: Share of the paragraph's words that stand in sentences with a common n-gram (0–1).
    share: float
    spans: list[Span] = field(default_factory=list)


class CommonnessModel(ReferenceCorpusModel):
    """Word n-gram document frequencies over a reference corpus, and the commonness of a text.

    Parameters
    ----------
    n: length of the word n-grams (jieba words).
    min_share: an n-gram used by at least this share of the reference reports is common.
    tokenizer: callable text → words; None for `nlp.tokenize.Tokenizer(numbers=False)`.
    """

    def __init__(self, n: int = 3, min_share: float = 0.3, tokenizer: Any = None) -> None:
        self.n = n
        self.min_share = min_share
        self.tokenizer = tokenizer

    def _tokenizer(self) -> Any:
        if self.tokenizer is None:
            self.tokenizer = Tokenizer(numbers=False)
        return self.tokenizer

    def _sentence_ngrams(
        self, text: str
    ) -> list[tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]]:
        """For each sentence: its words, and its n-grams as (key, start, end)."""
        # The whole text is tokenised once and its words dealt to the sentences: jieba cuts at
        # punctuation anyway, so the words are those of each sentence cut alone, and the specificity
        # signal, which tokenises the same paragraph, finds them in the cache.
        spans = token_spans(self._tokenizer(), text)
        out = []
        position = 0
        for sentence in _SENTENCE.finditer(text):
            words = []
            while position < len(spans) and spans[position][1] < sentence.end():
                words.append(spans[position])
                position += 1
            words = [w for w in words if _WORDLIKE.search(w[0])]
            grams = [
                (_JOIN.join(w[0] for w in words[i : i + self.n]), words[i][1], words[i + self.n - 1][2])
                for i in range(len(words) - self.n + 1)
            ]
            out.append((words, grams))
        return out

    def document_keys(self, texts: Iterable[str]) -> set[str]:
        """The set of n-grams one reference document uses (its texts: paragraphs or lines)."""
        keys: set[str] = set()
        for text in texts:
            for _, grams in self._sentence_ngrams(text):
                keys.update(key for key, _, _ in grams)
        return keys

    @property
    def n_documents(self) -> int:
        return self.frequencies_.n_documents

    def score(self, text: str) -> CommonnessResult:
        """Lang & Stice-Lawrence boilerplate share of one text, with its common n-grams as spans."""
        frequencies = self.frequencies_
        total_words = 0
        common_words = 0
        ranges = []
        for words, grams in self._sentence_ngrams(text):
            total_words += len(words)
            common = [(start, end) for key, start, end in grams if frequencies.share(key) >= self.min_share]
            if common:
                common_words += len(words)
                ranges.extend(common)
        share = common_words / total_words if total_words else 0.0
        spans = [Span(s, e, text[s:e], "commonness", "common_ngram", 1.0) for s, e in merge_ranges(ranges)]
        return CommonnessResult(share, spans)

    def __repr__(self) -> str:
        fitted = f", {self.frequencies_.n_documents} documents" if hasattr(self, "frequencies_") else ""
        return f"CommonnessModel(n={self.n}, min_share={self.min_share}{fitted})"
