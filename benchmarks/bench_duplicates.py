"""Copy-paste search: MinHash LSH against exact brute force, and how it grows with the corpus.

    python benchmarks/bench_duplicates.py [--sizes 5000 20000 100000] [--brute-max 20000]

The corpus: every real narrative paragraph in ../shared (labelled units, corpus page paragraphs,
seeds and reports), then paragraphs made of 2–4 real sentences drawn at random with their figures
changed (the template language these reports share, in new combinations), and planted copies of
earlier paragraphs with small edits: a few characters changed, figures changed, a sentence replaced
or dropped, so that the copies spread over similarities from about 0.4 to 1.

For the main size, in the same run: exact Jaccard over all pairs of paragraphs of different reports
(scipy sparse products of the shingle-incidence matrix, in row blocks: the vectorised brute force),
and the LSH search (numpy banding as datasketch's MinHashLSH, bands chosen for the threshold,
candidates verified exactly) at thresholds 0.5, 0.7 and 0.9: recall against the brute force, precision, time and speed-up.
Then time and peak memory of the LSH search at each size, each size in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

THRESHOLDS = (0.5, 0.7, 0.9)
PARAGRAPHS_PER_REPORT = 25


# -- the corpus ----------------------------------------------------------------------------------


def real_paragraphs() -> list[tuple[str, str]]:
    """(doc_id, text) of every real narrative paragraph in ../shared, once per report."""
    from nlp.duplicates.find import as_documents, passages
    from nlp.structure import parse_text, read_report

    if not SHARED.exists():
        sys.exit(f"shared data not available: {SHARED} (the ../shared folder is absent)")
    items: list = []
    with open(SHARED / "labels" / "dev.jsonl", encoding="utf-8") as handle:
        items.extend(json.loads(line) for line in handle if line.strip())
    with open(SHARED / "corpus" / "pages_dev.jsonl", encoding="utf-8") as handle:
        items.extend(
            parse_text(json.loads(line)["text"], doc_id=json.loads(line)["doc_id"])
            for line in handle
            if line.strip()
        )
    for folder in ("seeds", "reports"):
        for path in sorted((SHARED / folder).iterdir()):
            if path.suffix in (".txt", ".md", ".pdf", ".docx") and path.name != "README.md":
                items.append(read_report(path))
    seen, out = set(), []
    for passage in passages(as_documents(items)):
        if (passage.doc_id, passage.text) not in seen:
            seen.add((passage.doc_id, passage.text))
            out.append((passage.doc_id, passage.text))
    return out


_SENTENCE = re.compile(r"[^。；;！!？?]+[。；;！!？?]")
_DIGITS = re.compile(r"\d+")


def new_figures(text: str, rng: random.Random) -> str:
    return _DIGITS.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), text)


def small_edit(text: str, sentences: list[str], rng: random.Random) -> str:
    """A planted copy: light (a few characters), figures changed, or a sentence replaced or dropped."""
    kind = rng.random()
    if kind < 0.4:
        chars = list(text)
        for _ in range(rng.randint(1, max(1, len(chars) // 40))):
            chars[rng.randrange(len(chars))] = rng.choice("的和在对为及与将把更")
        return "".join(chars)
    if kind < 0.7:
        return new_figures(text, rng)
    parts = _SENTENCE.findall(text)
    if len(parts) >= 2:
        position = rng.randrange(len(parts))
        if rng.random() < 0.5:
            parts[position] = rng.choice(sentences)
        else:
            del parts[position]
        return "".join(parts)
    return text + rng.choice(sentences)


def build_corpus(size: int, seed: int = 13) -> list[tuple[str, int, str]]:
    """(doc_id, para_id, text) for `size` paragraphs: all real ones first, then generated ones."""
    rng = random.Random(seed)
    real = real_paragraphs()
    sentences = sorted({s for _, text in real for s in _SENTENCE.findall(text) if len(s) >= 10})
    corpus: list[tuple[str, int, str]] = []
    positions: dict[str, int] = {}
    for doc_id, text in real[:size]:
        positions[doc_id] = positions.get(doc_id, -1) + 1
        corpus.append((doc_id, positions[doc_id], text))
    generated = 0
    while len(corpus) < size:
        doc_id = f"gen-{generated // PARAGRAPHS_PER_REPORT:05d}"
        para_id = generated % PARAGRAPHS_PER_REPORT
        if rng.random() < 0.15:
            text = small_edit(rng.choice(corpus)[2], sentences, rng)
        else:
            text = new_figures("".join(rng.sample(sentences, rng.randint(2, 4))), rng)
        corpus.append((doc_id, para_id, text))
        generated += 1
    return corpus


# -- exact brute force ---------------------------------------------------------------------------


def brute_force_pairs(corpus, threshold: float, block: int = 1000) -> tuple[set, float]:
    """Every pair of paragraphs of different reports with exact Jaccard ≥ threshold, and the seconds taken
    (from texts: the same shingling as the LSH, incidence matrix, blocked sparse products)."""
    from scipy import sparse

    from nlp.duplicates.shingles import shingle_batch

    started = time.perf_counter()
    sets = shingle_batch([text for _, _, text in corpus])
    sizes = np.array([len(s) for s in sets], dtype=np.float64)
    values, columns = np.unique(np.concatenate(sets), return_inverse=True)
    rows = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
    incidence = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=(len(sets), len(values))
    )
    documents = np.array([doc for doc, _, _ in corpus])
    found = set()
    for start in range(0, len(sets), block):
        # only the upper triangle: this block's rows against themselves and every later row
        product = (incidence[start : start + block] @ incidence[start:].T).tocoo()
        a = product.row + start
        b = product.col + start
        keep = a < b
        a, b, common = a[keep], b[keep], product.data[keep]
        similarity = common / (sizes[a] + sizes[b] - common)
        keep = (similarity >= threshold - 1e-9) & (documents[a] != documents[b])
        found.update(zip(a[keep].tolist(), b[keep].tolist(), strict=True))
    return found, time.perf_counter() - started


def _item_pairs(pairs, corpus) -> set:
    item = {(doc, para): number for number, (doc, para, _) in enumerate(corpus)}
    return {tuple(sorted((item[(p.doc_a, p.para_a)], item[(p.doc_b, p.para_b)]))) for p in pairs}


def lsh_pairs(corpus, threshold: float) -> tuple[set, float, object]:
    """The batch LSH join (`near_duplicates`), from texts: shingles, signatures, bands, verification."""
    from nlp.duplicates.lsh import near_duplicates

    started = time.perf_counter()
    pairs, stats = near_duplicates(
        [(doc, para) for doc, para, _ in corpus], [text for _, _, text in corpus], threshold
    )
    return _item_pairs(pairs, corpus), time.perf_counter() - started, stats


def index_pairs(corpus, threshold: float) -> tuple[set, float, object]:
    """The same search the index's way: every report added to a DuplicateIndex file (its band table on
    disk), then each report's paragraphs looked up one report at a time."""
    from itertools import groupby

    from nlp.boilerplate.documents import Document, Unit
    from nlp.duplicates.index import DuplicateIndex
    from nlp.duplicates.shingles import shingle_batch

    documents = [
        Document(doc, f"{doc}.txt", [Unit(para, text) for _, para, text in rows])
        for doc, rows in groupby(sorted(corpus, key=lambda row: row[0]), key=lambda row: row[0])
    ]
    started = time.perf_counter()
    pairs = []
    with tempfile.TemporaryDirectory() as folder, DuplicateIndex(os.path.join(folder, "index.sqlite")) as index:
        for document in documents:
            index.add(document)
        search = index.search(threshold)
        for document in documents:
            texts = [unit.text for unit in document.units]
            sets = shingle_batch(texts, index.shingle_size)
            keys = [(document.doc_id, unit.id) for unit in document.units]
            pairs += search.matches(keys, texts, index.hasher.signatures(sets), sets)
    return _item_pairs(pairs, corpus), time.perf_counter() - started, search


def filter_pairs(pairs: set, corpus, threshold: float) -> set:
    """Pairs of a lower threshold's exact set that reach `threshold` (recomputed exactly)."""
    from nlp.duplicates.shingles import jaccard, shingles

    cache: dict[int, np.ndarray] = {}

    def of(i: int) -> np.ndarray:
        if i not in cache:
            cache[i] = shingles(corpus[i][2])
        return cache[i]

    return {(a, b) for a, b in pairs if jaccard(of(a), of(b)) >= threshold - 1e-9}


# -- one size in a fresh process (for its peak memory) ------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited across fork+exec)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(corpus_file: str, size: int, method: str, threshold: float) -> None:
    with open(corpus_file, encoding="utf-8") as handle:
        corpus = [tuple(json.loads(line)) for _, line in zip(range(size), handle, strict=False)]
    import datasketch  # noqa: F401 - loaded before the baseline, as the work needs it
    import scipy.sparse  # noqa: F401

    import nlp.duplicates.lsh  # noqa: F401

    baseline = peak_rss_mb()
    if method == "lsh":
        found, seconds, _ = lsh_pairs(corpus, threshold)
    elif method == "index":
        found, seconds, _ = index_pairs(corpus, threshold)
    else:
        found, seconds = brute_force_pairs(corpus, threshold)
    print(
        json.dumps(
            {
                "size": size,
                "method": method,
                "seconds": seconds,
                "pairs": len(found),
                "peak_mb": peak_rss_mb(),
                "growth_mb": peak_rss_mb() - baseline,
            }
        )
    )


def run_child(corpus_file: str, size: int, method: str, threshold: float) -> dict:
    command = [sys.executable, __file__, "--child", corpus_file, str(size), method, str(threshold)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- main ----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000, 100000])
    parser.add_argument("--main-size", type=int, default=20000, help="corpus size of the recall/speed table")
    parser.add_argument("--brute-max", type=int, default=20000, help="largest size also run by brute force")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        corpus_file, size, method, threshold = args.child
        child(corpus_file, int(size), method, float(threshold))
        return

    started = time.perf_counter()
    largest = max(args.sizes + [args.main_size])
    corpus = build_corpus(largest)
    n_real = sum(1 for doc, _, _ in corpus if not doc.startswith("gen-"))
    print(
        f"corpus: {largest:,} paragraphs ({n_real:,} real from ../shared, the rest generated: "
        f"real sentences recombined, 15% planted near-copies); built in {time.perf_counter() - started:.1f} s"
    )

    # -- recall, precision and speed at the main size, in this process ---------------------------
    main_corpus = corpus[: args.main_size]
    reports = len({doc for doc, _, _ in main_corpus})
    print(
        f"\n## LSH vs exact brute force, {len(main_corpus):,} paragraphs in {reports:,} reports "
        f"(all {len(main_corpus) * (len(main_corpus) - 1) // 2:,} pairs)\n"
    )
    truth_lowest, brute_seconds = brute_force_pairs(main_corpus, min(THRESHOLDS))
    print(
        f"brute force (exact Jaccard, all pairs, threshold {min(THRESHOLDS)}): {brute_seconds:.1f} s, {len(truth_lowest):,} pairs\n"
    )
    print(
        "| threshold | bands×rows | true pairs | LSH pairs | recall | precision | candidates | checked exactly | LSH s | brute-force s | speed-up |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for threshold in THRESHOLDS:
        truth = filter_pairs(truth_lowest, main_corpus, threshold)
        found, seconds, stats = lsh_pairs(main_corpus, threshold)
        recall = len(found & truth) / len(truth) if truth else float("nan")
        precision = len(found & truth) / len(found) if found else float("nan")
        # brute force's time is the same whatever the threshold: all pairs are computed
        print(
            f"| {threshold} | {stats.bands}×{stats.rows} | {len(truth):,} | {len(found):,} | {recall:.4f} | {precision:.4f} | "
            f"{stats.candidates:,} | {stats.verified:,} | {seconds:.1f} | {brute_seconds:.1f} | {brute_seconds / seconds:.0f}× |"
        )
    truth = filter_pairs(truth_lowest, main_corpus, 0.7)
    found, seconds, _ = index_pairs(main_corpus, 0.7)
    print(
        f"\nthe same search at 0.7 through an index file (band table on disk), report by report (analyze's way): "
        f"recall {len(found & truth) / len(truth):.4f}, {seconds:.1f} s ({brute_seconds / seconds:.0f}× faster than brute force)"
    )

    # -- growth ------------------------------------------------------------------------------------
    with tempfile.TemporaryDirectory() as folder:
        corpus_file = os.path.join(folder, "corpus.jsonl")
        with open(corpus_file, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in corpus)
        print(
            "\n## Growth (threshold 0.8; each run in a fresh process; peak RSS of the process, growth over its baseline)\n"
        )
        print("| paragraphs | method | seconds | pairs | peak RSS MB | growth MB |")
        print("|---|---|---|---|---|---|")
        for size in sorted(args.sizes):
            methods = ["lsh"] + (["brute"] if size <= args.brute_max else [])
            for method in methods:
                row = run_child(corpus_file, size, method, 0.8)
                print(
                    f"| {size:,} | {'LSH' if method == 'lsh' else 'brute force'} | {row['seconds']:.1f} | {row['pairs']:,} | "
                    f"{row['peak_mb']:.0f} | {row['growth_mb']:.0f} |"
                )

    # -- the persistent index --------------------------------------------------------------------
    from nlp.boilerplate.documents import Document, Unit
    from nlp.duplicates.index import DuplicateIndex

    by_doc: dict[str, list] = {}
    for doc, para, text in main_corpus:
        by_doc.setdefault(doc, []).append(Unit(para, text))
    with (
        tempfile.TemporaryDirectory() as folder,
        DuplicateIndex(os.path.join(folder, "index.sqlite")) as index,
    ):
        begun = time.perf_counter()
        for doc, units in by_doc.items():
            index.add(Document(doc, doc, units))
        added = time.perf_counter() - begun
        begun = time.perf_counter()
        again = [index.add(Document(doc, doc, units)).status for doc, units in list(by_doc.items())[:200]]
        readd = time.perf_counter() - begun
        size_mb = os.path.getsize(index.path) / 2**20
        print(
            f"\n## SQLite index\n\nadding {len(by_doc):,} reports ({index.n_paragraphs:,} paragraphs), one transaction each: "
            f"{added:.1f} s ({index.n_paragraphs / added:,.0f} paragraphs/s); file {size_mb:.1f} MB; "
            f"adding 200 of them again: {readd:.1f} s, all {set(again)}"
        )
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
