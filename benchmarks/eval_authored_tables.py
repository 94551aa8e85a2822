"""Tables on the authored table sets: reports written outside ../shared with complete tables.

Two sets, each written by a session that did not read the project's rules (see each folder's README.md):
`--set tables` (`tests/gold/authored_tables/`): whole reports as .txt and .html, in several encodings,
laid out as crawls of other sites print them; `--set docs` (`tests/gold/authored_docs/`): whole reports
as Word documents and PDFs. Each set's `dev` part (odd numbers) may be read; its `held` part (even
numbers) is only ever scored.

Per report: each gold cell is right, left out with a warning naming its row (`warned`), left out
silently, or wrong; a cell the gold does not have is `invented`, unless it is null as the report printed
it blank or `—` (the writer left such cells out); sections found; and the arithmetic
findings: a report with deliberate errors should get a `fault: report` failure, one without should not.

Run: python benchmarks/eval_authored_tables.py [--set tables|docs] [--part dev|held|all] [--detail] [--docs T01 ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import nlp  # noqa: E402
from nlp.tables.checks import blamed_on_report, check_report, rule_failures, tables_said_unread  # noqa: E402
from nlp.tables.extract import read_tables  # noqa: E402
from nlp.tables.pictures import table_pictures  # noqa: E402
from tests.table_layouts import GOLD_OUTCOMES, cell_outcomes  # noqa: E402

#: The sets by name: the folder under tests/gold holding each one's files and gold.jsonl.
SETS = {"tables": REPO / "tests" / "gold" / "authored_tables", "docs": REPO / "tests" / "gold" / "authored_docs"}
FOLDER = SETS["tables"]


def load_gold(part: str = "all", folder: Path = FOLDER) -> list[dict]:
    """The gold records of one part (`dev`, `held` or `all`) of the set in `folder`, in file order; each
    record's `path` is its file's."""
    with (folder / "gold.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [{**r, "path": str(folder / r["file"])} for r in records if part == "all" or r["part"] == part]


def _key(line: str) -> tuple[str, str, str]:
    """The cell key of a line of `cell_outcomes`'s bad list (`invented ('active', 'x', 'y') got=…`)."""
    return tuple(part.strip(" '") for part in line[line.index("(") + 1 : line.index(")")].split(","))


def score_report(gold: dict) -> dict:
    """One report's cell outcomes, sections found and whether the checks blame the report."""
    try:
        report = nlp.read_report(gold.get("path") or FOLDER / gold["file"])
    except Exception as exc:  # a file the reader refuses loses every cell: count it, say why
        return {"counts": Counter(silent=len(gold["cells"])), "bad": [f"unread: {exc}"], "sections": 0, "blamed": False, "template": None}
    extraction = read_tables(report)
    findings = check_report(report, extraction)
    # A table the checks say was not read (its title or a picture of it stands in the file) is warned of, not silent;
    # so are the cells left out of a table given as a picture whose figures were partly read from prose.
    unread = tables_said_unread(findings) | set(table_pictures(report.source_text))
    counts, bad = cell_outcomes(gold, extraction, unread)
    # The writer left out cells printed blank, `—` or `/`; read as null (TABLES.md) they agree with it.
    printed_null = {(c.table, c.row, c.col) for c in extraction.cells if c.value is None}
    nulls = sum(line.startswith("invented") and _key(line) in printed_null for line in bad)
    counts["invented"] -= nulls
    counts["null"] += nulls
    bad = [line for line in bad if not (line.startswith("invented") and _key(line) in printed_null)]
    failures = blamed_on_report(rule_failures(findings))
    return {
        "counts": counts,
        "bad": bad,
        "sections": len([s for s in report.sections if s.key in nlp.SECTION_KEYS]),
        "blamed": bool(failures),
        "template": extraction.template,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="tables", dest="set_name")
    parser.add_argument("--part", choices=("dev", "held", "all"), default="all")
    parser.add_argument("--docs", nargs="*", help="only these doc_ids")
    parser.add_argument("--detail", action="store_true", help="print each wrong or missing cell (dev part only)")
    args = parser.parse_args(argv)
    folder = SETS[args.set_name]
    if not (folder / "gold.jsonl").exists():
        print(f"no authored table set at {folder}")
        return 1
    totals: dict[str, Counter] = {}
    blame = Counter()
    sections = Counter()
    for gold in load_gold(args.part, folder):
        if args.docs and gold["doc_id"] not in args.docs:
            continue
        result = score_report(gold)
        part = gold["part"]
        totals.setdefault(part, Counter()).update(result["counts"])
        sections[part, "found"] += result["sections"]
        sections[part, "of"] += 6
        expected = bool(gold.get("errors"))
        blame[part, "errors_caught" if expected and result["blamed"] else "errors_missed" if expected else "false_blame" if result["blamed"] else "clean"] += 1
        counts = result["counts"]
        cells = sum(counts[o] for o in GOLD_OUTCOMES)
        print(
            f"{gold['doc_id']} {part:4} {gold['template']} template={result['template']}: right {counts['right']}/{cells}"
            f" warned {counts['warned']} silent {counts['silent']} wrong {counts['wrong']} invented {counts['invented']}"
            f" sections {result['sections']}/6 blamed={result['blamed']} (errors: {len(gold.get('errors', []))})  [{gold.get('layout', '')[:70]}]"
        )
        if args.detail and part == "dev":
            for line in result["bad"][:12]:
                print("    ", line)
    for part, counts in sorted(totals.items()):
        cells = sum(counts[o] for o in GOLD_OUTCOMES)
        print(
            f"\n{part}: right {counts['right']}/{cells} ({counts['right'] / max(cells, 1):.1%}), warned {counts['warned']},"
            f" silent {counts['silent']}, wrong {counts['wrong']}, invented {counts['invented']} (null as printed {counts['null']});"
            f" sections {sections[part, 'found']}/{sections[part, 'of']};"
            f" deliberate errors caught {blame[part, 'errors_caught']}/{blame[part, 'errors_caught'] + blame[part, 'errors_missed']},"
            f" clean reports blamed {blame[part, 'false_blame']}/{blame[part, 'false_blame'] + blame[part, 'clean']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
