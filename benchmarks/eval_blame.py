"""What is blamed on the report: every failure with `fault: report`, over every report with tables we hold.

A finding blames a report only on plain evidence. This counts the failures laid on reports, by rule family,
over the seeds and reports of ../shared, the 31 whole crawled reports, and the authored sets as files
(their writers made every table add up and the narrative agree with it, except the deliberate errors the
table set records in its `errors`). `--detail` prints each failure with its message, to read whether it is
the report's.

The writers' sets e–r count each half apart (`authored_o dev`, `authored_o held`); `--detail` never prints a held
half's failures (they are only ever counted).

Run: python benchmarks/eval_blame.py [--detail] [--sets NAME ...]
     python benchmarks/eval_blame.py --code DIR   # another tree's `nlp` (git archive REV nlp | tar -x -C DIR)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = REPO / "tests" / "gold"
#: The writers' sets of whole reports as files (`eval_authored_files.SETS`), scored by half: odd numbers `dev`, even `held`.
WRITERS_SETS = tuple("efghijklmnopqr")


def sources() -> dict[str, list[tuple[str, Path | str]]]:
    """Each source's reports as (name, file path or text)."""
    found: dict[str, list[tuple[str, Path | str]]] = {}
    if SHARED.is_dir():
        found["shared seeds and reports"] = [(p.name, p) for folder in ("seeds", "reports") for p in sorted((SHARED / folder).iterdir())
                                             if p.suffix in (".txt", ".md", ".pdf", ".docx") and not p.stem.upper().startswith("README")
                                             and "blank" not in p.stem]
        with (SHARED / "corpus" / "full_reports.jsonl").open(encoding="utf-8") as handle:
            found["31 whole reports"] = [(r["doc_id"], r["text"]) for r in map(json.loads, handle)]
    for name in ("authored_tables", "authored_docs"):
        folder = GOLD / name
        index = next((folder / f for f in ("reports.jsonl", "gold.jsonl") if (folder / f).exists()), None)
        if index is None:
            index = next(iter(sorted(folder.glob("*.jsonl"))), None) if folder.is_dir() else None
        if index is None:
            continue
        with index.open(encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        files = sorted({r["file"] for r in records if r.get("file") and (folder / r["file"]).exists()})
        if not files:
            files = sorted(p.name for p in folder.iterdir() if p.suffix in (".docx", ".pdf", ".txt", ".html") and p.stem[:1].isupper() and p.stem[1:].isdigit())
        found[name] = [(f, folder / f) for f in files]
    from tests.authored_sets import report_number

    for letter in WRITERS_SETS:  # the writers' sets as files, each half apart: the held half is only counted
        folder = GOLD / f"authored_{letter}"
        if not (folder / "reports.jsonl").exists():
            continue
        with (folder / "reports.jsonl").open(encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        for part, odd in (("dev", 1), ("held", 0)):
            found[f"authored_{letter} {part}"] = [(r["doc_id"], folder / r["file"]) for r in records
                                                  if r.get("file") and report_number(r["doc_id"]) % 2 == odd]
    for name, path in (("authored_a", GOLD / "authored_reports.jsonl"), ("authored_b", GOLD / "authored_b" / "reports.jsonl"),
                       ("authored_c", GOLD / "authored_c" / "reports.jsonl")):
        with path.open(encoding="utf-8") as handle:
            found[name] = [(r["doc_id"], r["text"]) for r in map(json.loads, handle)]
    return found


def held(source: str, name: str) -> bool:
    """A report of a held half (a writers' set's even numbers, `authored_tables` / `authored_docs` too): only counted."""
    if source.endswith(" held"):
        return True
    digits = "".join(ch for ch in Path(name).stem[1:3] if ch.isdigit())
    return source in ("authored_tables", "authored_docs") and digits != "" and int(digits) % 2 == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--detail", action="store_true", help="print every failure blamed on a report")
    parser.add_argument("--sets", nargs="*", help="only these sources (names as printed)")
    parser.add_argument("--code", type=Path, help="import `nlp` from this folder instead of the repo")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code or REPO))
    import nlp

    print("| source | reports | blamed on a report: reports | failures | of them narrative_agrees |")
    print("|---|---|---|---|---|")
    total = Counter()
    for source, reports in sources().items():
        if args.sets and source not in args.sets:
            continue
        counts = Counter()
        for name, item in reports:
            report = nlp.read_report(item) if isinstance(item, Path) else nlp.parse_text(item, doc_id=name)
            findings = nlp.check_report(report, nlp.read_tables(report))
            blamed = [f for f in findings if f.status == "fail" and f.fault == "report"]
            counts["reports"] += 1
            counts["blamed reports"] += bool(blamed)
            counts["failures"] += len(blamed)
            counts["narrative"] += sum(f.rule == "narrative_agrees" for f in blamed)
            for finding in blamed if args.detail and not held(source, name) else ():  # held halves: counts only
                print(f"  {source} {name}: {finding.id} {finding.message[:160]}")
        total.update(counts)
        print(f"| {source} | {counts['reports']} | {counts['blamed reports']} | {counts['failures']} | {counts['narrative']} |", flush=True)
    print(f"| all | {total['reports']} | {total['blamed reports']} | {total['failures']} | {total['narrative']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
