"""OFD files as producers write them (tests/ofd_writer.py: a text object per line, per character, per run
with `g` shorthand and CTM scales), read back and scored against the same reports as text.

* Authored reports (tests/gold/authored_reports.jsonl, `--part`): the text read back equal to the source
  (whitespace and the writer's running heads and page numbers aside), section keys and table cells equal to
  those of the source read as text, and the source's paragraphs the OFD's do not hold whole; each style with
  its running head on a template page, and again drawn on every page itself (`+ head on pages`), where a
  reader that does not drop it finds it between the halves of a paragraph cut by a page break.
* The 11 gold reports of ../shared with table gold, their tables laid out as the templates print them
  (merged cells: tests/table_layouts.report_parts): each gold cell right / left out with a warning / left
  out silently / wrong, and cells invented, as benchmarks/eval_tables_wild.py scores them; the same reports
  as a ruled PDF beside them.
* Read speed: milliseconds per authored report, as .ofd per style, as .docx and as a ruled PDF.

Run: python benchmarks/eval_ofd.py [--part all|dev|held] [--skip-gold] [--skip-speed] [--rounds 3]
Labels end to end: python benchmarks/eval_authored.py --layouts ofd_line ofd_char ofd_run
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import nlp  # noqa: E402
from nlp.read import read_bytes  # noqa: E402
from nlp.structure import parse_text  # noqa: E402
from nlp.tables.extract import read_tables  # noqa: E402
from tests.ofd_writer import RUNNING_HEAD, STYLES, furniture, ofd_bytes, text_parts  # noqa: E402
from tests.table_layouts import OUTCOME_HEADER, outcome_columns  # noqa: E402

SHARED = REPO.parent / "shared"


def same_text(read: str, source: str) -> bool:
    kept = [line for line in re.split(r"[\n\f]", read) if not furniture(line)]
    return "".join("".join(kept).split()) == "".join(source.split())


def cells(report) -> list[tuple]:
    return sorted((c.table, c.row, c.col, c.value) for c in read_tables(report).cells)


def authored_table(part: str) -> None:
    from eval_authored import authored_reports

    reports = authored_reports(part)
    print(f"## authored reports ({part}): {len(reports)}, as OFD per producer style, against the same text")
    print("| style | text equal | sections equal | cells equal | cells (as text) | paragraphs not whole |")
    print("|---|---:|---:|---:|---:|---:|")
    wanted = {r["doc_id"]: parse_text(r["text"], doc_id=r["doc_id"]) for r in reports}
    total_cells = sum(len(cells(report)) for report in wanted.values())
    for style, page_head in [(style, head) for head in (None, RUNNING_HEAD) for style in STYLES]:
        text_ok = sections_ok = cells_ok = broken = 0
        for record in reports:
            read = read_bytes(ofd_bytes(text_parts(record["text"]), style, page_head=page_head), f"{record['doc_id']}.ofd")
            report = parse_text(read, doc_id=record["doc_id"])
            want = wanted[record["doc_id"]]
            text_ok += same_text(read, record["text"])
            sections_ok += report.section_keys == want.section_keys
            cells_ok += cells(report) == cells(want)
            found = {paragraph.text for paragraph in report.paragraphs}
            broken += sum(paragraph.text not in found for paragraph in want.paragraphs)
        n = len(reports)
        paragraphs = sum(len(report.paragraphs) for report in wanted.values())
        name = f"ofd_{style}" + (" + head on pages" if page_head else "")
        print(f"| {name} | {text_ok}/{n} | {sections_ok}/{n} | {cells_ok}/{n} | {total_cells} | {broken} of {paragraphs} |", flush=True)


def gold_table() -> None:
    from eval_tables_wild import load_gold, score

    from tests.ofd_writer import write_ofd
    from tests.table_layouts import report_parts, write_pdf_layout

    gold = {doc_id: record for doc_id, record in load_gold().items() if record.get("template")}
    print(f"\n## the {len(gold)} gold reports' tables laid out with merged cells")
    print(f"| layout | {OUTCOME_HEADER} |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    writers = {f"ofd_{style}": (".ofd", lambda g, p, s=style: write_ofd(report_parts(g), p, s)) for style in STYLES}
    writers["pdf_ruled (for comparison)"] = (".pdf", write_pdf_layout)
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, write) in writers.items():
            total: Counter = Counter()
            for doc_id, record in sorted(gold.items()):
                path = write(record, Path(folder) / f"{doc_id}{suffix}")
                counts, _ = score(record, nlp.read_report(path))
                total.update(counts)
            print(f"| {name} | {outcome_columns(total)} |", flush=True)


def speed_table(part: str, rounds: int) -> None:
    from eval_authored import authored_reports
    from makers import write_docx

    from tests.table_layouts import write_pdf_parts

    reports = authored_reports(part)
    files: dict[str, list[bytes]] = {f"ofd_{style}": [ofd_bytes(text_parts(r["text"]), style) for r in reports] for style in STYLES}
    with tempfile.TemporaryDirectory() as folder:
        files["docx"] = [write_docx(r["text"], Path(folder) / f"{r['doc_id']}.docx").read_bytes() for r in reports]
        files["pdf (ruled tables)"] = [write_pdf_parts(text_parts(r["text"]), Path(folder) / f"{r['doc_id']}.pdf").read_bytes() for r in reports]
    print(f"\n## read speed: {len(reports)} authored reports, best of {rounds} rounds")
    print("| format | KB per report | ms per report |")
    print("|---|---:|---:|")
    for name, datas in files.items():
        best = float("inf")
        for _ in range(rounds):
            started = time.perf_counter()
            for data in datas:
                read_bytes(data, "report")
            best = min(best, time.perf_counter() - started)
        print(f"| {name} | {sum(map(len, datas)) / len(datas) / 1024:.1f} | {best * 1000 / len(datas):.1f} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("all", "dev", "held"), default="all")
    parser.add_argument("--skip-gold", action="store_true", help="skip the gold reports of ../shared")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "tests"))
    authored_table(args.part)
    if not args.skip_gold:
        if SHARED.exists():
            gold_table()
        else:
            print(f"\n{SHARED} is absent: no gold reports")
    if not args.skip_speed:
        speed_table(args.part, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
