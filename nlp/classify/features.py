"""What the classifier sees of a paragraph: its text and its context, as one table; the feature pipeline.

Paragraphs arrive in many shapes (a string, a dict from JSONL with `text` and maybe `section`, a
`nlp.report.Paragraph`, a `ParagraphInput`); `paragraph_columns` turns any mix of them into one
table, a `text` column and one column per context field: as a dict of lists for prediction (read by
the model's inference twin, `nlp.inference.compose`, without pandas), and as a `pandas.DataFrame`
(`paragraph_frame`) for the scikit-learn `ColumnTransformer` of `build_features` in training.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from nlp.classify.context import UNKNOWN, Context
from nlp.classify.shape import paragraph_shape
from nlp.sections import heading_topic

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Context fields a model may use, in column order.
CONTEXT_FIELDS: tuple[str, ...] = ("section", "topic", "lead", "position", "slot")
#: Characters of a paragraph's opening, the `opening` column: how a paragraph opens (`下一步，`,
#: `一是`, `存在问题：`, `2024年，我局将`) says what it does apart from what it is about; an
#: improvement reads like the topic it improves except for its opening. 16 was better than 8 or 12
#: on site-grouped folds (docs/classifier.md).
OPENING_CHARS = 16
#: Characters of a paragraph's close, the `closing` column: where a paragraph ends up (`…的问题。`,
#: `…水平。`, `…公开42条。`) is the other half of what it does; used where `closing_weight` > 0.
CLOSING_CHARS = 16
#: Characters kept of each clause's opening and of its end, the `clauses` column: a stance is said at
#: a clause's edge wherever the clause stands (`…我局将着力…`, `…热线接通率偏低`, `下一步，…`,
#: `…的解读较少`), while the topic words fill the middle.
CLAUSE_CHARS = 4
#: Where a clause ends: full stops, semicolons, colons, commas and marks of both widths.
_CLAUSE_BREAKS = re.compile(r"[。；;：:，,！!？?]+")


def figures_folded(text: str) -> str:
    """`comparable` text with every figure one mark (`0` for a zero, `#` for any other:
    `nlp.boilerplate.generic.fold_figures`): years and counts are one report's, not a label's."""
    from nlp.boilerplate.generic import fold_figures
    from nlp.normalize import comparable

    return fold_figures(comparable(text))


def places_masked(text: str) -> str:
    """`comparable` text with place, township and street names masked (`nlp.classify.places.mask_places`)."""
    from nlp.classify.places import mask_places
    from nlp.normalize import comparable

    return mask_places(comparable(text))


def figures_places(text: str) -> str:
    """Both: figures folded and places masked."""
    return places_masked(figures_folded(text))


def text_form(name: str) -> Any:
    """The preprocessor of the character blocks for a `text_form` name: `plain` (`comparable`: punctuation
    widths folded), `figures`, `places`, `figures+places`."""
    from nlp.normalize import comparable

    forms = {"plain": comparable, "figures": figures_folded, "places": places_masked, "figures+places": figures_places}
    if name not in forms:
        raise ValueError(f"unknown text_form {name!r}; known: {', '.join(forms)}")
    return forms[name]


def opening_of(text: str) -> str:
    return text[:OPENING_CHARS]


def closing_of(text: str) -> str:
    return text[-CLOSING_CHARS:]


#: Where a paragraph's sentences end: a full stop, a semicolon, a question or exclamation mark.
_SENTENCE_ENDS = re.compile(r"(?<=[。；;！!？?])")
#: Characters a piece (`sentence_pieces`) needs to say something of its own.
PIECE_CHARS = 10


def sentence_pieces(text: str, minimum: int = PIECE_CHARS) -> list[str]:
    """The sentences of a paragraph (cut after `。；！？`) of `minimum` characters or more, where it has
    two such sentences or more; else none. An annual report's points (`一是…；二是…。`) are written
    one to a paragraph by some agencies and run together by others."""
    pieces = [piece.strip() for piece in _SENTENCE_ENDS.split(text)]
    pieces = [piece for piece in pieces if len(piece) >= minimum]
    return pieces if len(pieces) >= 2 else []


def clause_edges(text: str, width: int = CLAUSE_CHARS) -> str:
    """Every clause's first and last `width` characters, marked: `^head|tail$` (a short clause whole,
    `^clause$`), clause after clause. Character n-grams of this string hold `^今后`, `将着力`,
    `偏低$`, `较少$`: where a clause starts and how it ends, apart from what it is about."""
    out = []
    for clause in _CLAUSE_BREAKS.split(text):
        clause = clause.strip()
        if not clause:
            continue
        out.append(f"^{clause}$" if len(clause) <= 2 * width else f"^{clause[:width]}|{clause[-width:]}$")
    return "".join(out)


@dataclass(frozen=True)
class ParagraphInput:
    """One paragraph to classify: text and context (fields `none` where unknown)."""

    text: str
    context: Context = field(default_factory=Context)


def as_input(item: Any) -> ParagraphInput:
    """A ParagraphInput from a string, a dict (JSONL record), a Paragraph or a ParagraphInput."""
    if isinstance(item, ParagraphInput):
        return item
    if isinstance(item, str):
        return ParagraphInput(item)
    if isinstance(item, dict):
        text = item.get("text")
        if not isinstance(text, str):
            raise ValueError("a paragraph record needs a `text` string")
        values = {name: str(item[name]) for name in CONTEXT_FIELDS if item.get(name)}
        if "topic" not in values and item.get("heading"):
            # A record may name the heading it stands under instead of its topic.
            values["topic"] = heading_topic(str(item["heading"])) or UNKNOWN
        return ParagraphInput(text, Context(**values))
    text = getattr(item, "text", None)
    if isinstance(text, str):  # nlp.report.Paragraph or anything shaped like it
        section = getattr(item, "section", None)
        return ParagraphInput(text, Context(section=section or UNKNOWN))
    raise TypeError(f"cannot classify a {type(item).__name__}: give strings, dicts with `text`, or Paragraphs")


def paragraph_columns(items: Iterable[Any] | pd.DataFrame) -> Mapping[str, list[str]] | pd.DataFrame:
    """The model's input table: `text`, `opening`, `closing` plus the context columns, as a dict of
    lists (a DataFrame given stays one, with the derived columns added)."""
    if hasattr(items, "columns") and hasattr(items, "assign"):  # a pandas DataFrame
        return paragraph_frame(items)
    inputs = [as_input(item) for item in items]
    columns: dict[str, list[str]] = {"text": [p.text for p in inputs]}
    for name in CONTEXT_FIELDS:
        columns[name] = [getattr(p.context, name) for p in inputs]
    return _Columns(columns)


#: The columns cut from the text (`paragraph_columns`), by name.
_DERIVED = {"opening": opening_of, "closing": closing_of, "clauses": clause_edges, "shape": paragraph_shape}


class _Columns(Mapping):
    """The input table as a mapping of columns whose derived ones (`_DERIVED`) are cut from the text only when
    read: a model reads the blocks it was fitted with, and most use neither `closing` nor `clauses`."""

    def __init__(self, columns: dict[str, list[str]]) -> None:
        self._columns = columns

    def __getitem__(self, name: str) -> list[str]:
        if name not in self._columns and name in _DERIVED:
            self._columns[name] = [_DERIVED[name](text) for text in self._columns["text"]]
        return self._columns[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._columns), **dict.fromkeys(_DERIVED)})

    def __len__(self) -> int:
        return len(set(self._columns) | set(_DERIVED))


def paragraph_frame(items: Iterable[Any] | pd.DataFrame) -> pd.DataFrame:
    """The model's input table as a `pandas.DataFrame` (`paragraph_columns`), as scikit-learn reads it."""
    import pandas as pd

    if isinstance(items, pd.DataFrame):
        if "text" not in items.columns:
            return items
        derived = {name: items["text"].map(cut) for name, cut in _DERIVED.items() if name not in items.columns}
        return items.assign(**derived) if derived else items
    return pd.DataFrame(dict(paragraph_columns(items)))


def default_tokenizer() -> Any:
    """A shipped-dictionary Tokenizer. Cheap: the loaded jieba behind it is the process's one copy
    (`nlp.tokenize.jieba_for`, the package's only tokenizer cache)."""
    from nlp.tokenize import Tokenizer

    return Tokenizer()


def build_features(
    char_ngrams: tuple[int, int] | None,
    word_ngrams: tuple[int, int] | None,
    context: Sequence[str],
    context_weight: float,
    tokenizer: Any = None,
    opening_weight: float = 0.0,
    closing_weight: float = 0.0,
    char_max_df: float = 1.0,
    form: str = "plain",
    clause_weight: float = 0.0,
    shape_weight: float = 0.0,
) -> Any:
    """TF-IDF over characters and jieba words of `text`, one-hot context fields, side by side;
    with `opening_weight` > 0, also character 1–3-grams of the paragraph's opening (`opening`), with
    `closing_weight` > 0 the same of its close (`closing`), with `clause_weight` > 0 the same of every
    clause's edges (`clauses`: `clause_edges`), with `shape_weight` > 0 the same of the marks of how it is built
    (`shape`: `nlp.classify.shape`). `form`: how the character blocks read the text (`text_form`)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import OneHotEncoder

    preprocessor = text_form(form)
    parts: list[tuple[str, Any, Any]] = []
    weights: dict[str, float] = {}
    if char_ngrams:
        # `comparable` (every form starts with it) folds punctuation widths: `（一）` and `(一)` are one n-gram.
        parts.append(
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char", ngram_range=char_ngrams, sublinear_tf=True, min_df=2, max_df=char_max_df, preprocessor=preprocessor
                ),
                "text",
            )
        )
    for name, weight in (("opening", opening_weight), ("closing", closing_weight), ("clauses", clause_weight), ("shape", shape_weight)):
        if weight > 0:
            parts.append(
                (name, TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2, preprocessor=preprocessor), name)
            )
            weights[name] = weight
    if word_ngrams:
        if tokenizer is None:
            tokenizer = default_tokenizer()
        parts.append(
            (
                "words",
                TfidfVectorizer(
                    tokenizer=tokenizer, token_pattern=None, lowercase=False, ngram_range=word_ngrams, sublinear_tf=True, min_df=2
                ),
                "text",
            )
        )
    unknown = [name for name in context if name not in CONTEXT_FIELDS]
    if unknown:
        raise ValueError(f"unknown context fields {unknown}; known: {', '.join(CONTEXT_FIELDS)}")
    if context:
        parts.append(("context", OneHotEncoder(handle_unknown="ignore"), list(context)))
        weights["context"] = context_weight
    if not parts:
        raise ValueError("a model needs at least one of char_ngrams, word_ngrams, context")
    # Always sparse: the model stacks matrices (context-free copies) and keeps them small.
    return ColumnTransformer(parts, transformer_weights=weights or None, sparse_threshold=1.0)


def transform_columns(columns: Any, frame: Any) -> Any | None:
    """`columns.transform(frame)` of a fitted `ColumnTransformer` as `build_features` makes it (or its
    twin), through its inference twin (`nlp.inference.compose`): the character blocks counted by
    `nlp.charngrams`, the context one-hot encoded by a dict lookup, each weighted, side by side,
    without scikit-learn's per-call machinery. Equal to scikit-learn's result value for value; None
    where no twin stands for it (a block of another kind or setting: call `columns.transform`) or
    the table has no rows. `frame`: a DataFrame or a dict of columns (`paragraph_columns`)."""
    from nlp.inference import twin_of

    twin = twin_of(columns)
    rows = len(frame) if hasattr(frame, "columns") else len(next(iter(frame.values()), []))
    return twin.transform(frame) if twin is not None and rows else None


def keep_site_terms(features: Any, frame: Any, groups: Any, min_groups: int) -> None:
    """Refit `features` (a `build_features` transformer, fitted on `frame`) with its character blocks'
    vocabularies cut to the n-grams found in the paragraphs of `min_groups` distinct groups or more;
    document frequencies (idf) are counted on `frame` as before."""
    import warnings

    import numpy as np
    import scipy.sparse as sp

    _, group_index = np.unique(groups, return_inverse=True)
    membership = sp.csr_matrix((np.ones(len(groups)), (group_index, np.arange(len(groups)))))
    vocabularies = {}
    for name, vectorizer, column in features.transformers_:
        if name not in ("chars", "opening", "closing", "clauses") or not hasattr(vectorizer, "vocabulary_"):
            continue
        present = vectorizer.transform(frame[column])
        present.data[:] = 1
        spread = np.asarray(((membership @ present) > 0).sum(axis=0)).ravel()
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        vocabularies[f"{name}__vocabulary"] = [terms[i] for i in np.flatnonzero(spread >= min_groups)]
    features.set_params(**vocabularies)
    with warnings.catch_warnings():
        # The blocks' preprocessor replaces lower-casing: upper-case terms do match (scikit-learn warns).
        warnings.filterwarnings("ignore", message="Upper case characters found in vocabulary")
        features.fit(frame)
