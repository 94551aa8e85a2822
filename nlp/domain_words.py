"""Gathering the domain dictionary from the data: terms that recur across reports but that jieba splits.

A candidate is a run of 2–8 Chinese characters that
- occurs in at least `min_docs` reports and `min_count` times,
- holds together: every way of cutting it in two gives parts that co-occur far more often than
  chance (pointwise mutual information ≥ `min_pmi`),
- stands free: the characters seen before and after it vary (boundary entropy ≥ `min_entropy`),
  so that `政府信息公` (always followed by 开) is not a word but `政府信息公开` is,
- starts and ends where jieba, cutting the sentences it stands in, puts a word boundary in most of
  its occurrences (so that `力推进`, from 大力推进 and 全力推进, is not a word),
- and is cut into two or more pieces by jieba's own dictionary (otherwise jieba knows it already).

The shipped `nlp/resources/domain_words.txt` is made by one command (see `main`):

    python -m nlp.domain_words ../shared/labels/dev.jsonl ../shared/corpus/pages_dev.jsonl \\
        --output nlp/resources/domain_words.txt
"""

from __future__ import annotations

import argparse
import logging
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
#: Characters that do not start or end a term (particles, conjunctions, prepositions).
_EDGE_STOP = set("的了和与及等在对将把是为从以于也并或而被由就都还又所之其各该本我你他她它这那有")
#: Function words that make a run a phrase rather than a term (`通过政府门户网站`, `关于政务公开工作`).
_EDGE_WORDS = frozenset({"关于", "通过", "作为", "按照", "根据", "存在", "需要", "一些", "进一步", "没有", "内容", "包括", "涵盖"})


@dataclass(frozen=True)
class Term:
    word: str
    count: int
    docs: int
    pmi: float
    entropy: float


def _entropy(counter: Counter[str]) -> float:
    total = sum(counter.values())
    return -sum(n / total * math.log(n / total) for n in counter.values()) if total else 0.0


def gather_terms(
    documents: Iterable[tuple[str, str]],
    min_len: int = 2,
    max_len: int = 8,
    min_count: int = 10,
    min_docs: int = 5,
    min_pmi: float = 3.0,
    min_entropy: float = 1.0,
    min_boundary_agreement: float = 0.7,
    limit: int = 600,
) -> list[Term]:
    """Domain terms from (doc_id, text) pairs, most widespread first."""
    import jieba

    counts: Counter[str] = Counter()
    doc_sets: dict[str, set[str]] = defaultdict(set)
    left: dict[str, Counter[str]] = defaultdict(Counter)
    right: dict[str, Counter[str]] = defaultdict(Counter)
    runs: list[str] = []
    for doc_id, text in documents:
        for run in _CJK_RUN.findall(text):
            runs.append(run)
            for n in range(1, max_len + 1):
                for i in range(len(run) - n + 1):
                    gram = run[i : i + n]
                    counts[gram] += 1
                    if n >= min_len:
                        doc_sets[gram].add(doc_id)
                        left[gram][run[i - 1] if i else "^"] += 1
                        right[gram][run[i + n] if i + n < len(run) else "$"] += 1
    total_chars = sum(len(run) for run in runs)
    if not total_chars:
        return []
    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()  # jieba's own dictionary only: which terms does it not know?
    base.initialize()
    candidates: dict[str, Term] = {}
    for gram, count in counts.items():
        if len(gram) < min_len or count < min_count or gram[0] in _EDGE_STOP or gram[-1] in _EDGE_STOP:
            continue
        docs = len(doc_sets[gram])
        if docs < min_docs:
            continue
        pmi = min(math.log(count * total_chars / (counts[gram[:k]] * counts[gram[k:]])) for k in range(1, len(gram)))
        if pmi < min_pmi:
            continue
        entropy = min(_entropy(left[gram]), _entropy(right[gram]))
        if entropy < min_entropy:
            continue
        pieces = base.lcut(gram, HMM=False)
        if len(pieces) < 2 or pieces[0] in _EDGE_WORDS or pieces[-1] in _EDGE_WORDS:
            continue
        candidates[gram] = Term(gram, count, docs, round(pmi, 2), round(entropy, 2))
    agreement = _boundary_agreement(runs, candidates.keys(), base, max_len)
    terms = [term for word, term in candidates.items() if agreement.get(word, 0.0) >= min_boundary_agreement]
    terms.sort(key=lambda t: (-t.docs, -t.count, t.word))
    return terms[:limit]


def _boundary_agreement(runs: Sequence[str], candidates: Iterable[str], tokenizer, max_len: int) -> dict[str, float]:
    """Share of each candidate's occurrences whose both ends fall on jieba's word boundaries."""
    wanted = set(candidates)
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for run in runs:
        found = [(i, n) for n in range(2, max_len + 1) for i in range(len(run) - n + 1) if run[i : i + n] in wanted]
        if not found:
            continue
        boundaries = {0}
        position = 0
        for token in tokenizer.cut(run, HMM=False):
            position += len(token)
            boundaries.add(position)
        for i, n in found:
            gram = run[i : i + n]
            seen[gram] += 1
            if i in boundaries and i + n in boundaries:
                hits[gram] += 1
    return {gram: hits[gram] / seen[gram] for gram in seen}


def read_documents(paths: Sequence[str | Path]) -> list[tuple[str, str]]:
    """(doc_id, clean text) from JSONL files with `text` (and `doc_id`) or plain text files."""
    from nlp.labels import iter_json_lines
    from nlp.normalize import clean_text

    documents: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.suffix.lower() == ".jsonl":
            for number, record, problem in iter_json_lines(path):
                if record is None:
                    raise ValueError(f"{path}:{number}: {problem}")
                doc_id = str(record.get("doc_id") or f"{path.name}:{number}")
                documents.append((doc_id, clean_text(str(record.get("text", "")))))
        else:
            documents.append((path.stem, clean_text(path.read_text(encoding="utf-8", errors="replace"))))
    return documents


def format_dictionary(terms: Sequence[Term], sources: Sequence[str]) -> str:
    header = [
        "# Domain words for jieba (one a line), gathered from the data by `python -m nlp.domain_words`:",
        "# recurring, cohesive, free-standing character runs that jieba's own dictionary splits.",
        f"# Sources: {', '.join(sources)}. Most widespread first.",
    ]
    # jieba reads `word [freq] [tag]`; without a frequency it picks one that keeps the word whole.
    return "\n".join(header + [t.word for t in terms]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlp.domain_words", description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", help="JSONL files with `text` (and `doc_id`), or text files")
    parser.add_argument("--output", required=True, help="dictionary file to write (e.g. nlp/resources/domain_words.txt)")
    parser.add_argument("--min-docs", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=10)
    parser.add_argument("--limit", type=int, default=600)
    args = parser.parse_args(argv)
    from nlp.files import atomic_write_text

    documents = read_documents(args.inputs)
    terms = gather_terms(documents, min_docs=args.min_docs, min_count=args.min_count, limit=args.limit)
    atomic_write_text(args.output, format_dictionary(terms, [Path(p).name for p in args.inputs]))
    print(f"{len(terms)} terms from {len({d for d, _ in documents})} reports -> {args.output}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
