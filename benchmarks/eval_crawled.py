"""Reports as crawlers save them (tests/damage_crawled.py): sections and table cells per form.

For each crawled form (a JSON API response with escaped HTML, JSONP, JSON encoded twice, a JSON array with
a text body, a script variable, `document.write`, a state object, a template script, a hidden textarea,
a zip) the reports are wrapped at run time and read back:
* the 11 reports with gold cells in ../shared: reports keeping every template section their own file
  gives, and their gold cells (right, left out with a warning, left out silently, wrong, invented);
* the 31 whole crawled reports of ../shared/corpus/full_reports.jsonl: reports whose sections, and
  whose table cells, are those of the record read as text.
A form that raises counts as nothing kept (the errors are counted). `--code DIR` measures the `nlp` of
another tree (`git archive main nlp | tar -x -C DIR`), for the figures before a change. `--speed` times
instead the reading of ordinary pages (the 11 gold reports as UTF-8 pages, tests/damage.py `html_page`),
the path every page takes, whose report is visible: the script check is all it adds there.

`--hostile` times pages whose one script is built to make a scanner quadratic (unclosed quotes, thousands
of assignments, long words, a huge state array).

Run: python benchmarks/eval_crawled.py [--forms NAME ...] [--code DIR] [--speed | --hostile]
The forms were written for this change and its rules read against them: development figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CODE = Path(sys.argv[sys.argv.index("--code") + 1]).resolve() if "--code" in sys.argv[:-1] else REPO
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(CODE))

import nlp  # noqa: E402  (the measured code: imported before eval_tables_wild puts this checkout first on the path)
from nlp.tables.extract import read_tables  # noqa: E402

sys.path.insert(0, str(REPO / "benchmarks"))
from eval_tables_wild import load_gold, score, source  # noqa: E402

from tests.damage import crawled_variants  # noqa: E402


def _read(path: Path, doc_id: str):
    try:
        return nlp.read_report(path, doc_id=doc_id)
    except Exception:  # noqa: BLE001 - counted: a form the code cannot read
        return None


def _cells(report) -> list[tuple]:
    return sorted((c.table, c.row, c.col, c.value) for c in read_tables(report).cells)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", nargs="*", help="crawled forms (default: all)")
    parser.add_argument("--code", type=Path, default=REPO, help="a folder holding the `nlp` to measure (default: this checkout)")
    parser.add_argument("--speed", action="store_true", help="time the reading of ordinary pages instead")
    parser.add_argument("--hostile", action="store_true", help="time pages with hostile scripts instead")
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"eval_crawled: {SHARED} is absent")
    if args.speed:
        return speed()
    if args.hostile:
        return hostile()
    forms = crawled_variants()
    names = args.forms or list(forms)
    gold = load_gold()
    plain_gold = {doc_id: nlp.read_text(source(doc_id)) for doc_id in sorted(gold)}
    expected = {doc_id: set(nlp.parse_text(text, doc_id=doc_id).section_keys) & set(nlp.SECTION_KEYS) for doc_id, text in plain_gold.items()}
    with (SHARED / "corpus" / "full_reports.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    plain_whole = {r["doc_id"]: nlp.parse_text(r["text"], doc_id=r["doc_id"]) for r in records}
    print(f"code: {Path(nlp.__file__).parent.parent}")
    print(f"| form | gold reports, all sections kept (of {len(gold)}) | gold cells right | left out, warned | left out, silent | wrong | invented "
          f"| whole reports, sections as plain (of {len(records)}) | whole reports, cells as plain | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            suffix, make = forms[name]
            cells: Counter = Counter()
            kept = errors = same_sections = same_cells = 0
            for doc_id, text in plain_gold.items():
                path = Path(folder) / f"{doc_id}{suffix}"
                path.write_bytes(make(text))
                report = _read(path, doc_id)
                if report is None:
                    errors += 1
                    cells["silent"] += len(gold[doc_id]["cells"])
                    continue
                kept += expected[doc_id] <= set(report.section_keys)
                cells.update(score(gold[doc_id], report)[0])
            for record in records:
                path = Path(folder) / f"{record['doc_id']}{suffix}"
                path.write_bytes(make(record["text"]))
                report = _read(path, record["doc_id"])
                if report is None:
                    errors += 1
                    continue
                plain = plain_whole[record["doc_id"]]
                same_sections += report.section_keys == plain.section_keys
                same_cells += _cells(report) == _cells(plain)
            total = sum(cells[k] for k in ("right", "warned", "silent", "wrong"))
            print(f"| {name} | {kept} | {cells['right']}/{total} | {cells['warned']} | {cells['silent']} | {cells['wrong']} | {cells['invented']} "
                  f"| {same_sections} | {same_cells} | {errors} |")
    return 0


def speed(repeats: int = 50) -> int:
    """Milliseconds to read each gold report as an ordinary UTF-8 page (best of `repeats` per page, summed)."""
    import time

    from nlp.read import read_bytes
    from tests.damage import html_page

    pages = [html_page(nlp.read_text(source(doc_id)), "utf-8", True) for doc_id in sorted(load_gold())]
    best = []
    for page in pages:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            read_bytes(page, "page.html")
            times.append(time.perf_counter() - start)
        best.append(min(times))
    print(f"code: {Path(nlp.__file__).parent.parent}: {len(pages)} pages, {sum(best) * 1000:.1f} ms in all (best of {repeats} each), {sum(best) / len(best) * 1000:.2f} ms a page")
    return 0


def hostile() -> int:
    """Seconds to read a page whose one script is hostile (each a few MB)."""
    import time

    from nlp.read import read_bytes

    shapes = {
        "300,000 `x = {`": "x = {" * 300_000,
        "an unclosed quote, 800,000 escaped quotes": '"' + '\\"' * 800_000,
        "an unclosed backtick, 600,000 characters": "`" + "政" * 600_000,
        "a word of 600,000 characters": "政" * 600_000,
        "300,000 literals joined by +": "'政府' + " * 300_000,
        "a state array of 200,000 strings": 'window.s = {"a": [' + ",".join(['"政府信息公开"'] * 200_000) + "]};",
    }
    for name, script in shapes.items():
        page = f"<html><body><p>标题</p><script>{script}</script></body></html>".encode()
        start = time.perf_counter()
        chars = len(read_bytes(page, "page.html"))
        print(f"{name}: {len(page) / 1e6:.1f} MB, {time.perf_counter() - start:.2f} s, {chars:,} characters read")
    return 0


if __name__ == "__main__":
    sys.exit(main())
