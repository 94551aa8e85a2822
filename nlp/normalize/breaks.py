"""Paragraph breaks put back into glued text by a model learned from the line breaks of real reports.

`nlp.normalize.glued` cuts a glued region at headings, enumerated items and table rows; a paragraph
that began with none of these (`…存在不足。下一步，我局将…`, an overview's four paragraphs) stays glued
to the one before. Any report whose line breaks are intact shows where such paragraphs begin: glue
it, and its own breaks are the truth. `break_examples` does that to a text (cut by the rules first,
as a glued report is), `fit_break_model` fits a logistic regression on what is on both sides of each
sentence end, and `BreakModel.cut_positions` gives the sentence ends of a glued piece where a
paragraph begins.

The model is a plain table (feature string → weight, an intercept and the threshold chosen by
site-grouped validation), saved as the other models are (`nlp.modelfiles.store`, card and pinned sha256 in
`models/paragraph_breaks.*`) and applied without scikit-learn. `benchmarks/bench_breaks.py` trains,
validates and measures it; docs/reading.md ("Glued text") gives the figures.
"""

from __future__ import annotations

import math
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from nlp.errors import ModelError
from nlp.normalize.lines import CN_NUM, looks_like_table_line

#: The model file among the shipped models.
BREAK_MODEL = "paragraph_breaks.joblib"

#: A sentence end inside a piece, then the next sentence: where a paragraph may begin. The next
#: character must open text (not punctuation, which means the end mark belongs to what follows).
_CANDIDATE = re.compile(r"(?<=[。！？；!?;：:])[ \t]*(?=[^\s。！？；!?;：:，,、．.）)》〉」』”’】])")
#: Marks that open and close a span nothing may cut: quotations, book titles, brackets.
_OPENING = "“‘《〈「『（(【〔"
_CLOSING = "”’》〉」』）)】〕"
#: What follows a figure and its stop: its unit or the rest of the figure, whose point was read as a
#: stop (`12。5万`, `8：30`, `共12。件`): never cut there.
_UNIT_START = re.compile(r"(?<=\d[。：:；;])(?:[件条个项次人家万元亿%％‰份篇期场批]|\d)")
#: A quotation introduced by a colon stays with the words that introduce it.
_QUOTE_START = re.compile(r"(?<=[：:])[“‘「『\"]")
#: A line that opens with a heading's number and a short title: its first sentence end closes the
#: title (`（一）主动公开情况。2021年…` is one unit, ANNOTATION.md), not a paragraph.
_HEADING_LEAD = re.compile(
    r"^\s*(?:[" + CN_NUM + r"]{1,3}[、.．]|[（(][" + CN_NUM + r"\d]{1,3}[)）]|\d{1,2}[、.．]|第[" + CN_NUM + r"\d]{1,3}[部分章条项])[^。！？；!?;]{0,24}$"
)
#: A run-in title as a sentence of its own (`环境执法信息公开。`, `依申请公开情况。`, `一是加强组织领导。`): short, with
#: no comma, figure, quotation or colon, nor `无`/`未`/`没有`/`不` (`无收费及减免情况。` is a statement), that names
#: a topic (`情况`, `方面`, `工作`, `建设`, `公开`…) or opens an item (`一是`). Its stop closes the title of what
#: follows: in the labelled narrative units of ../shared and the authored development parts (item numbers taken
#: off) 893 such sentences go on in their unit and 5 end it.
TITLE_CHAR = r"[^。！？；!?;：:，,、“”‘’\"《》（）()\d\s无未没不]"
#: A run-in title worded as what was done (`强化组织领导。`, `细化年度任务。`, `进一步完善政府信息管理制度。`): a verb of the
#: kind work reports lead their points with, then its object. In the labelled narrative units of ../shared and the
#: authored development parts (item numbers taken off), 120 such sentences open a unit, 2 stand inside one (after
#: another title), none ends one.
ACTION_TITLE = (
    r"(?:加强|强化|细化|完善|健全|深化|推进|提升|规范|落实|优化|拓展|夯实|创新|抓好|做好|狠抓|注重|突出|聚焦|严格|压实|建立|坚持|"
    r"丰富|畅通|扎实|持续|着力|不断|切实|认真|积极|全面|稳步|有序|进一步)" + TITLE_CHAR + r"{2,12}"
)
RUN_IN_TITLE = re.compile(
    TITLE_CHAR + r"{2,14}(?:情况|方面|工作|建设|管理|保障|公开|监督|解读|关切)|[" + CN_NUM + "]是" + TITLE_CHAR + "{2,14}|" + ACTION_TITLE
)
#: What turns to the plans: a paragraph of its own after a short sentence, which is then no title.
_PLAN_TURN = re.compile(r"下一步|今后|下阶段|针对")
#: The marks a run-in title ends with and follows (a short clause after a semicolon ends a list: `…；接通率偏低。`).
_TITLE_STOPS = frozenset("。！？!?")
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_END_MARKS = frozenset("。！？；!?;：:")


def _fold(text: str) -> str:
    """Figures and Latin letters as classes: `2021年，` and `2023年，` are one cue."""
    return _LATIN.sub("a", _DIGIT.sub("0", text))


_CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_BRACKET = re.compile("[" + re.escape(_OPENING + _CLOSING) + "]")
_END = re.compile("[" + re.escape("".join(sorted(_END_MARKS))) + "]")


def _pairs(text: str) -> set[str]:
    """The character pairs of `text` made of Chinese characters (figures and marks say no topic)."""
    return {run[i : i + 2] for run in _CHINESE_RUN.findall(text) for i in range(len(run) - 1)}


def _bucket(length: int) -> int:
    return min(int(math.log2(length + 1)), 9)


def candidates(line: str, after_title: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the spans of `line` (a sentence end's trailing spaces, usually empty) that a
    break would replace, at the sentence ends no rule protects: inside quotation, book-title or
    bracket marks, before a figure's unit or the rest of a figure, between a colon and the quotation it
    introduces, after a heading's title (`after_title`: there too, where what follows decides, as a plan after a
    numbered problem does). A table row has none."""
    if looks_like_table_line(line):
        return []
    # Depth of quotation and bracket marks where it changes: (position, depth from there on).
    depth, changes = 0, [(-1, 0)]
    for match in _BRACKET.finditer(line):
        if match.group() in _OPENING:
            depth += 1
        elif depth:
            depth -= 1
        changes.append((match.start(), depth))
    positions = [position for position, _ in changes]
    found = []
    for match in _CANDIDATE.finditer(line):
        start, end = match.span()
        if changes[bisect_right(positions, start - 1) - 1][1] or end >= len(line):
            continue
        if _UNIT_START.match(line, end) or _QUOTE_START.match(line, end):
            continue
        if not found and not after_title and _HEADING_LEAD.match(line[: start - 1]):
            continue
        found.append((start, end))
    return found


def title_ends(line: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """The indexes of the candidates of `line` (`candidates`) that close a run-in title (`RUN_IN_TITLE`, between
    the line's start or a full stop and a full stop, `_TITLE_STOPS`): a paragraph does not begin there, its title binds to
    what follows (`…183期。环境执法信息公开。在…平台公开…` is cut before the title, not after it)."""
    found = set()
    for index, (start, end) in enumerate(spans):
        if line[start - 1] not in _TITLE_STOPS:
            continue
        opening = max(line.rfind(mark, 0, start - 1) for mark in _END_MARKS) + 1
        if _PLAN_TURN.match(line, end):  # a short last problem, then the plans (`…形式单一。下一步，…`)
            continue
        if (opening == 0 or line[opening - 1] in _TITLE_STOPS) and RUN_IN_TITLE.fullmatch(line, opening, start - 1):
            found.add(index)
    return found


def features(line: str, spans: Sequence[tuple[int, int]], breaks: Sequence[bool] | None = None) -> list[list[str]]:
    """The features of each candidate of `line` (`candidates`): the characters on both sides (the
    next and previous few, anchored at the boundary and as bigrams, figures folded), the end mark,
    the openings of the sentences on both sides and their lengths, a topic shift, and how far the last
    paragraph break is (`breaks`: which candidates are breaks, as in training; default none)."""
    walk = _walk(line, spans)
    rows: list[list[str]] = []
    row = next(walk, None)
    for is_break in breaks if breaks is not None else [False] * len(spans):
        if row is None:
            break
        rows.append(row)
        row = _next_row(walk, is_break)
    return rows


def _next_row(walk: Generator[list[str], bool, None], is_break: bool) -> list[str] | None:
    """The next candidate's features from `_walk`, after telling it whether the last one was a break."""
    try:
        return walk.send(is_break)
    except StopIteration:
        return None


def _walk(line: str, spans: Sequence[tuple[int, int]]) -> Generator[list[str], bool, None]:
    """The features of each candidate in turn; the caller sends whether a break is made there (what
    `since` and the paragraph so far count from)."""
    ends = [match.start() for match in _END.finditer(line)]
    pairs: dict[tuple[int, int], set[str]] = {}

    def pairs_of(a: int, b: int) -> set[str]:
        if (a, b) not in pairs:
            pairs[(a, b)] = _pairs(line[a:b])
        return pairs[(a, b)]

    last_break, read_to, paragraph = 0, 0, set()
    for rank, (start, end) in enumerate(spans):
        mark = line[start - 1]
        right = _fold(line[end : end + 6])
        left = _fold(line[max(0, start - 7) : start - 1])
        at = bisect_left(ends, start - 1)
        previous_end = ends[at - 1] if at else -1
        following = bisect_left(ends, end)
        next_end = ends[following] if following < len(ends) else len(line)
        opening = _fold(line[previous_end + 1 : previous_end + 3].lstrip())
        closing = line[next_end] if next_end < len(line) else "$"
        row = [f"m={mark}", f"mr={mark}{right[:2]}", f"po={opening}", f"nc={closing}", f"mc={mark}{closing}"]
        row += [f"r{k}={right[:k]}" for k in range(1, 7) if len(right) >= k]
        row += [f"l{k}={left[-k:]}" for k in range(1, 5) if len(left) >= k]
        row += [f"rb={right[i : i + 2]}" for i in range(len(right) - 1)]
        row += [f"lb={left[i : i + 2]}" for i in range(len(left) - 1)]
        # Topic shift: how many of the next sentence's character pairs the sentence before, and the
        # paragraph so far, have.
        before, after = pairs_of(previous_end + 1, start - 1), pairs_of(end, next_end)
        paragraph |= pairs_of(read_to, start - 1)
        read_to = end
        shared = len(before & after) / min(len(before), len(after)) if before and after else 0.0
        held = len(paragraph & after) / len(after) if after else 0.0
        row += [
            f"co={min(int(shared * 8), 4)}",
            f"cp={min(int(held * 8), 5)}",
            f"ps={_bucket(start - 1 - previous_end)}",
            f"ns={_bucket(next_end - end)}",
            f"since={_bucket(start - last_break)}",
            f"after={_bucket(len(line) - end)}",
            f"rank={min(rank, 3)}",
        ]
        if (yield row):
            last_break, paragraph = end, set()


@dataclass
class BreakModel:
    """A logistic regression over `features`, as a table: where its probability reaches `threshold`,
    a paragraph begins."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    #: What it was trained and validated on (from the card); not used to predict.
    info: dict[str, Any] = field(default_factory=dict, compare=False)

    def row_probabilities(self, rows: Iterable[list[str]]) -> list[float]:
        weights = self.weights
        # Each feature once, in the row's order: a set's order follows the hash seed, and so would the last
        # bits of the float sum.
        scores = (self.intercept + sum(weights.get(name, 0.0) for name in dict.fromkeys(row)) for row in rows)
        return [1.0 / (1.0 + math.exp(-min(max(score, -50.0), 50.0))) for score in scores]

    def cut_positions(self, line: str) -> list[tuple[int, int]]:
        """The spans of `line` to replace by a line break (each a paragraph's start), decided from
        the first on: how far the last cut is counts."""
        spans = candidates(line)
        if not spans:
            return []
        cuts: list[tuple[int, int]] = []
        titles = title_ends(line, spans)
        walk = _walk(line, spans)
        row = next(walk)
        for index, span in enumerate(spans):
            cut = index not in titles and self.row_probabilities([row])[0] >= self.threshold
            if cut:
                cuts.append(span)
            row = _next_row(walk, cut)
        return cuts

    def to_state(self) -> dict[str, Any]:
        import numpy as np

        names = sorted(self.weights)
        # Feature names as one list (packed into an array by the store) and weights as one array:
        # two nodes in the file, where a dict would be one per feature.
        return {
            "names": names,
            "weights": np.array([self.weights[name] for name in names], dtype=np.float64),
            "intercept": float(self.intercept),
            "threshold": float(self.threshold),
        }

    @classmethod
    def from_state(cls, state: Any, info: dict[str, Any] | None = None) -> BreakModel:
        try:
            names, weights = list(state["names"]), [float(w) for w in state["weights"]]
            intercept, threshold = float(state["intercept"]), float(state["threshold"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"a paragraph-break model file does not hold what it should ({exc})") from exc
        if len(names) != len(weights) or not all(isinstance(name, str) for name in names) or not 0.0 < threshold < 1.0:
            raise ModelError("a paragraph-break model file holds names and weights that do not match")
        return cls(dict(zip(names, weights, strict=True)), intercept, threshold, dict(info or {}))


def load_break_model(path: str | os.PathLike[str] | None = None, trust: bool = False) -> BreakModel:
    """The model at `path` (default: the shipped one), its sha256 checked first (`nlp.modelfiles.store`)."""
    from nlp.modelfiles.store import SHIPPED_MODELS, load_verified

    path = Path(path) if path is not None else SHIPPED_MODELS / BREAK_MODEL
    state, card = load_verified(path, trust=trust)
    return BreakModel.from_state(state, card)


@cache
def shipped_break_model() -> BreakModel:
    """The shipped model, loaded at the first glued region a process meets and kept (it is a
    constant of the installed package, as the tokenizer's dictionaries are)."""
    return load_break_model()


# -- training data: real texts with their line breaks, glued -----------------------------------------


@dataclass
class BreakExamples:
    """Candidates of glued texts: their features, whether a line break stood there, and whose text."""

    rows: list[list[str]] = field(default_factory=list)
    truth: list[bool] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    def extend(self, other: BreakExamples) -> None:
        self.rows += other.rows
        self.truth += other.truth
        self.groups += other.groups


def glued_pieces(text: str) -> tuple[list[str], list[list[int]], set[int], list[tuple[int, int]]]:
    """`text` (with its line breaks) read, its lines run together, then cut by the glued-text rules
    as a glued report is: the pieces, each piece's characters' offsets in the glued text, the
    offsets where the text's own lines began, and the spans of its lines that were glued already
    (a page found flattened: where its paragraphs began is not known)."""
    from nlp.normalize import normalize_text
    from nlp.normalize.glued import cut_by_rules, is_glued_report_line
    from nlp.normalize.text import NormalizedText

    # Read without the model's own cuts: the truth is the text's lines, whatever a model would add.
    read = normalize_text(text, breaks=None)
    # Lines of the source that are glued reports: their paragraphs' starts are not known.
    flattened = [match.span() for match in re.finditer(r"[^\n]+", text) if is_glued_report_line(match.group(0))]
    lines, from_flattened = [], []
    for match in re.finditer(r"[^\n]+", read.text):
        line = match.group(0).strip()
        if line:
            lines.append(line)
            source = int(read.offsets[match.start()]) if match.start() < len(read.offsets) else -1
            from_flattened.append(any(low <= source < high for low, high in flattened))
    starts, unknown, position = set(), [], 0
    for line, flat in zip(lines, from_flattened, strict=True):
        starts.add(position)
        if flat:
            unknown.append((position, position + len(line)))
        position += len(line)
    glued = NormalizedText.identity("".join(lines))
    cut = cut_by_rules(glued, [(0, len(glued.text))])
    pieces, offsets, at = [], [], 0
    for piece in cut.text.split("\n"):
        pieces.append(piece)
        offsets.append([int(offset) for offset in cut.offsets[at : at + len(piece)]])
        at += len(piece) + 1
    return pieces, offsets, starts, unknown


def break_examples(text: str, group: str) -> BreakExamples:
    """The candidates of `text` glued (`glued_pieces`), each true where the text had a line break."""
    examples = BreakExamples()
    pieces, offsets, starts, unknown = glued_pieces(text)
    for piece, piece_offsets in zip(pieces, offsets, strict=True):
        spans = [
            (start, end) for start, end in candidates(piece) if not any(low < piece_offsets[end] < high for low, high in unknown)
        ]
        if not spans:
            continue
        truth = [piece_offsets[end] in starts for _, end in spans]
        # The last break and the paragraph so far as the model sees them when it cuts from the first
        # candidate on (there: its own cuts; here: the text's breaks, which the cuts are to find).
        examples.rows += features(piece, spans, truth)
        examples.truth += truth
        examples.groups += [group] * len(spans)
    return examples


def fit_break_model(examples: BreakExamples, threshold: float = 0.5, c: float = 1.0, min_count: int = 2) -> BreakModel:
    """A logistic regression over the features seen at least `min_count` times (scikit-learn, imported here)."""
    from collections import Counter

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for row in examples.rows for name in set(row))
    names = sorted(name for name, count in counts.items() if count >= min_count)
    index = {name: i for i, name in enumerate(names)}
    matrix = _matrix(examples.rows, index)
    truth = np.asarray(examples.truth, dtype=bool)
    if truth.all() or not truth.any():
        raise ModelError("paragraph-break training data hold only one kind of candidate")
    regression = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    regression.fit(matrix, truth)
    coefficients = regression.coef_[0]
    weights = {name: float(coefficients[i]) for name, i in index.items() if coefficients[i] != 0.0}
    return BreakModel(weights, float(regression.intercept_[0]), threshold)


def _matrix(rows: Iterable[list[str]], index: dict[str, int]) -> Any:
    import numpy as np
    from scipy.sparse import csr_matrix

    columns, pointers = [], [0]
    for row in rows:
        columns += sorted({index[name] for name in row if name in index})
        pointers.append(len(columns))
    data = np.ones(len(columns), dtype=np.float64)
    return csr_matrix((data, np.asarray(columns, dtype=np.int64), np.asarray(pointers, dtype=np.int64)), shape=(len(pointers) - 1, len(index)))


def boundary_scores(truth: Sequence[bool], found: Sequence[bool]) -> dict[str, float]:
    """Precision, recall and F1 of the cuts made (`found`) against the true breaks."""
    hits = sum(t and f for t, f in zip(truth, found, strict=True))
    made, wanted = sum(found), sum(truth)
    precision = hits / made if made else 0.0
    recall = hits / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "breaks": wanted, "cuts": made}


__all__ = [
    "BREAK_MODEL",
    "BreakExamples",
    "BreakModel",
    "boundary_scores",
    "break_examples",
    "candidates",
    "features",
    "fit_break_model",
    "glued_pieces",
    "title_ends",
    "RUN_IN_TITLE",
    "load_break_model",
    "shipped_break_model",
]
