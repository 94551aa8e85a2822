"""Copy-paste lookups against a large index on disk: milliseconds per report, what they read, memory.

    python benchmarks/bench_lookup.py [--size 28000] [--queries 300] [--index PATH] [--corpus PATH]

What pass 2 of `analyze` does for each report, alone: the report's narrative paragraphs are looked up
in the index's band table (`nlp.duplicates.stored.StoredLSH.lookup`). The index holds the first
`--size` reports of a generated corpus (`scale_corpus.py`, mutations of the real reports of
../shared); the queries are the `--queries` reports after them, which the index does not hold, then
as many again that it holds (found in their own report, which a lookup leaves out). The index is
built once into `--index` (kept; reused when it holds reports: an `analyze` run's `index.sqlite`
of the same corpus too, `--corpus` naming that corpus).
Each round looks every query up again; the median and fastest rounds are printed, with the
candidates read and the pairs found, so that two versions of the code can be compared on the same
index (`PYTHONPATH=/other/checkout python benchmarks/bench_lookup.py --index SAME`).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale_corpus  # noqa: E402  (a sibling script, not a package)

from nlp.duplicates.find import as_documents, passages  # noqa: E402
from nlp.duplicates.index import DuplicateIndex  # noqa: E402
from nlp.duplicates.shingles import shingle_batch  # noqa: E402
from nlp.structure import read_report  # noqa: E402


def corpus_files(corpus: Path) -> list[Path]:
    """The report files of a generated corpus in the order they were generated."""
    return [corpus / entry["file"] for entry in scale_corpus.read_manifest(corpus) if entry.get("corrupt") is None]


def build(index_path: Path, files: list[Path]) -> None:
    started = time.perf_counter()
    with DuplicateIndex(index_path) as index:
        for number, path in enumerate(files, 1):
            index.add(read_report(path))
            if number % 5000 == 0:
                print(f"  indexed {number:,} reports, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        index.search(0.8)  # the band table, as pass 2 builds it
    print(f"index: {len(files):,} reports in {time.perf_counter() - started:.0f} s ({len(files) / (time.perf_counter() - started):.0f} reports/s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=28_000, help="reports in the index")
    parser.add_argument("--queries", type=int, default=300, help="reports looked up that the index does not hold (and as many that it holds)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--corpus", help="a corpus of scale_corpus.py with at least size + queries reports (default: generated beside the index)")
    parser.add_argument("--index", help="index file to build or reuse (default: in the system's temporary folder)")
    args = parser.parse_args()

    index_path = Path(args.index) if args.index else Path(tempfile.gettempdir()) / f"govreport-bench-lookup-{args.size}.sqlite"
    corpus = Path(args.corpus) if args.corpus else index_path.with_name(index_path.stem + "-corpus")
    if scale_corpus.corpus_info(corpus) is None:
        print(f"corpus: generating {args.size + args.queries:,} reports in {corpus}", file=sys.stderr)
        scale_corpus.generate(corpus, args.size + args.queries)
    files = corpus_files(corpus)
    if len(files) < max(args.size, args.queries):
        raise SystemExit(f"{corpus} holds {len(files):,} readable reports; --size and --queries need {max(args.size, args.queries):,}")
    # Outside queries are the reports after the indexed ones, as many as the corpus has (none when
    # the index holds the whole corpus, as that of an `analyze` run does).
    indexed, outside = files[: args.size], files[args.size : args.size + args.queries]
    with DuplicateIndex(index_path) as index:
        held = len(index)
    # A report whose text is another's (the corpus has a few) is not indexed twice: an index built
    # from `--size` reports holds a few less.
    if held > args.size:
        raise SystemExit(f"{index_path} holds {held:,} reports, more than --size {args.size:,}: remove it or choose --index")
    if held:
        print(f"index: reusing {index_path} ({held:,} reports)", file=sys.stderr)
    else:
        build(index_path, indexed)

    with DuplicateIndex(index_path) as index:
        search = index.search(args.threshold)
        queries = []
        for path in outside + indexed[: args.queries]:
            chosen = passages(as_documents([read_report(path)]), min_chars=index.min_chars)
            sets = shingle_batch([p.text for p in chosen], index.shingle_size)
            queries.append(([(p.doc_id, p.para_id) for p in chosen], [p.text for p in chosen], index.hasher.signatures(sets), sets))
        paragraphs = sum(len(query[0]) for query in queries)
        rounds = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            results = [search.lookup(*query) for query in queries]
            rounds.append((time.perf_counter() - started) / len(queries))
        rounds.sort()
        matches = [match for result in results for match in result]
        print(f"index: {len(index):,} reports, {index.n_paragraphs:,} paragraphs, {index_path.stat().st_size / 2**30:.2f} GB; "
              f"band table {search.table} ({search.bands} bands of {search.rows} rows), per_band {search.per_band}")
        print(f"queries: {len(queries)} reports ({len(outside)} outside the index, {len(queries) - len(outside)} in it), {paragraphs:,} paragraphs")
        print(f"lookup: median {rounds[len(rounds) // 2] * 1000:.1f} ms per report, fastest {rounds[0] * 1000:.1f} ms "
              f"({1 / rounds[len(rounds) // 2]:.0f} reports/s) over {args.rounds} rounds")
        print(f"found: {sum(len(m.pairs) for m in matches):,} verified pairs, {sum(m.unverified for m in matches):,} unverified copies, "
              f"{sum(m.capped for m in matches):,} of {len(matches):,} paragraphs capped")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
