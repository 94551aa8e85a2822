"""What the one input layer costs on JSON Lines: deciding what a file holds, and reading paragraph records.

Run: python benchmarks/bench_inputs.py [--copies 4] [--rounds 3] [--listing]
`--listing`: the listing of a folder (`nlp.inputs.iter_inputs`, the walk and what it asks of each file) of the 31
whole reports of ../shared, `--copies` times, saved as .txt and as a site's JSON responses (a `.json` is read at
listing to tell an article, a list of articles and a file of another use apart), beside reading them.
`--lists N`: the same reports as an API's pages of N articles each (`{"data":{"list":[…]}}`), in a folder and zipped:
the listing, and reading every article (each article's input reads its file again, or its member of the archive).
Prints, for the JSON Lines files of ../shared (each repeated `--copies` times into a temporary file):
the time of `nlp.jsonl.file_kind` (the first 200 records), and the throughput of reading a paragraph
file through `nlp.inputs.read_sources` (per-line limits, checks, FILE:LINE failures) beside the
plain loop the paragraph commands used before (`nlp.labels.iter_json_lines`, records kept in a list, as they kept them), with peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from nlp.inputs import ParagraphRecords, iter_inputs, read_input, read_sources
from nlp.jsonl import file_kind
from nlp.labels import iter_json_lines

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FILES = ("corpus/pages_dev.jsonl", "corpus/full_reports.jsonl", "labels/dev.jsonl", "labels/full_reports.jsonl")


def copies(data: bytes, n: int) -> bytes:
    """The file's lines `n` times, each copy's doc_ids its own (`ID~2`): a file of reports that
    repeats its doc_ids is refused as unclear, rightly."""
    lines = [json.loads(line) for line in data.splitlines() if line.strip()]
    out = []
    for copy in range(1, n + 1):
        for record in lines:
            doc_id = record.get("doc_id")
            out.append(json.dumps({**record, "doc_id": f"{doc_id}~{copy}" if copy > 1 else doc_id}, ensure_ascii=False))
    return ("\n".join(out) + "\n").encode("utf-8")


def timed(work) -> tuple[float, int, object]:
    """(seconds, peak traced bytes, value): timed untraced (tracemalloc slows every allocation), then
    run once more under tracemalloc for its peak."""
    started = time.perf_counter()
    value = work()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, value


def listing(copies_of: int, rounds: int) -> None:
    """The listing of a folder of whole reports as .txt and as JSON responses, best of `rounds`, beside reading them."""
    records = [json.loads(line) for line in (SHARED / "corpus" / "full_reports.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as root:
        for ending in (".txt", ".json"):
            folder = Path(root) / ending.strip(".")
            folder.mkdir()
            for copy in range(copies_of):
                for record in records:
                    text = record["text"]
                    if ending == ".json":
                        response = {"code": 0, "data": {"title": text.strip().split("\n", 1)[0][:80], "content": text}}
                        data = json.dumps(response, ensure_ascii=False).encode("utf-8")
                    else:
                        data = text.encode("utf-8")
                    (folder / f"{record['doc_id']}~{copy}{ending}").write_bytes(data)
            listed = min(timed(lambda folder=folder: list(iter_inputs([folder])))[0] for _ in range(rounds))
            items = list(iter_inputs([folder]))
            started = time.perf_counter()
            for item in items:
                read_input(item)
            reading = time.perf_counter() - started
            print(f"listing {len(items)} {ending} files: {listed * 1000:.1f} ms ({listed / len(items) * 1e6:.0f} µs a file); reading and structuring them: {reading:.2f} s")


def lists(per_page: int, copies_of: int, rounds: int) -> None:
    """Pages of `per_page` articles, loose and in a zip: listing them and reading every article, best of `rounds`."""
    import zipfile

    records = [json.loads(line) for line in (SHARED / "corpus" / "full_reports.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [record["text"] for _ in range(copies_of) for record in records]
    pages = []
    for start in range(0, len(texts), per_page):
        articles = [{"id": start + n, "title": text.strip().split("\n", 1)[0][:80], "content": text} for n, text in enumerate(texts[start : start + per_page])]
        pages.append(json.dumps({"code": 0, "data": {"total": len(articles), "list": articles}}, ensure_ascii=False).encode("utf-8"))
    with tempfile.TemporaryDirectory() as root:
        loose, zipped = Path(root) / "loose", Path(root) / "zipped"
        loose.mkdir()
        zipped.mkdir()
        with zipfile.ZipFile(zipped / "pages.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            for number, data in enumerate(pages):
                (loose / f"page{number}.json").write_bytes(data)
                archive.writestr(f"pages/page{number}.json", data)
        for folder in (loose, zipped):
            listed = min(timed(lambda folder=folder: list(iter_inputs([folder])))[0] for _ in range(rounds))
            items = list(iter_inputs([folder]))
            readings = []
            for _ in range(rounds):
                started = time.perf_counter()
                outcomes = [read_input(item) for item in items]
                readings.append(time.perf_counter() - started)
            failed = sum(type(outcome).__name__ == "InputFailure" for outcome in outcomes)
            print(
                f"{folder.name}: {len(pages)} pages of {per_page} → {len(items)} input(s), {failed} failed; listing {listed * 1000:.0f} ms; "
                f"reading them {min(readings):.2f} s ({min(readings) / len(items) * 1000:.1f} ms an input)"
            )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=4, help="how many times each file is repeated")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, alternating the readers (the best is kept)")
    parser.add_argument("--listing", action="store_true", help="measure the listing of a folder of .txt and .json reports instead")
    parser.add_argument("--lists", type=int, metavar="N", help="measure pages of N articles each (a folder and a zip) instead")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"{SHARED} is absent: nothing to measure", file=sys.stderr)
        return 1
    if args.listing:
        listing(args.copies, args.rounds)
        return 0
    if args.lists:
        lists(args.lists, args.copies, args.rounds)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        for name in FILES:
            data = copies((SHARED / name).read_bytes(), args.copies)
            path = Path(folder) / name.replace("/", "_")
            path.write_bytes(data)
            best_kind = min(timed(lambda path=path: file_kind(path))[0] for _ in range(args.rounds))
            kind, lines = file_kind(path), data.count(b"\n")
            print(f"{name} ×{args.copies}: {lines} lines, {len(data) / 1e6:.1f} MB; file_kind → {kind} in {best_kind * 1000:.1f} ms")
            if kind != "paragraphs":
                continue
            layer, plain = [], []
            for _ in range(args.rounds):  # alternate, so that a change in the machine's load hits both
                layer.append(timed(lambda path=path: sum(len(i.records) for i in read_sources([path]) if isinstance(i, ParagraphRecords))))
                plain.append(timed(lambda path=path: len([record for _, record, _ in iter_json_lines(path) if record is not None])))
            (t_layer, m_layer, n_layer), (t_plain, m_plain, n_plain) = min(layer, key=lambda r: r[0]), min(plain, key=lambda r: r[0])
            print(f"  read_sources: {n_layer} records in {t_layer:.3f} s ({n_layer / t_layer:,.0f} records/s), peak {m_layer / 1e6:.1f} MB")
            print(f"  plain json loop (before): {n_plain} records in {t_plain:.3f} s ({n_plain / t_plain:,.0f} records/s), peak {m_plain / 1e6:.1f} MB")
    print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
