"""The authored reports as Word 97–2003 (.doc) and RTF files: end to end as their text, and read speed.

The 28 reports of `tests/gold/authored_reports.jsonl` are converted by LibreOffice, an independent writer,
into a folder first (not committed; LibreOffice is needed for this step only):

    python scripts/make_word_fixtures.py --authored all --output /tmp/authored_word --keep-docx
    python benchmarks/eval_word.py /tmp/authored_word [--part all|dev|held] [--rounds 5]

and, with `--against-docx FOLDER ...`, any folder of .docx files with their .doc and .rtf conversions (the 11
gold and 31 whole crawled reports of ../shared: `scripts/make_word_fixtures.py --shared --output FOLDER
--keep-docx`; with `--word-numbering`, headings numbered by Word): text, sections and cells against the .docx.

Prints, per format (the report's text as written, and its .docx, .doc and .rtf files read by `nlp.read`):
reports whose text equals the .docx reading, whose sections equal the text's, table cells equal to the
text's; the shipped classifier's labels end to end (read, structured, classified, matched to the
labelled units, as `benchmarks/eval_authored.py` scores them); and the reading speed (best of
`--rounds`: ms per report and MB/s of file).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

FORMATS = ("docx", "doc", "rtf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="the converted reports (scripts/make_word_fixtures.py --authored all)")
    parser.add_argument("--part", choices=("all", "dev", "held"), default="all")
    parser.add_argument("--rounds", type=int, default=5, help="reading rounds for the speed (the best is kept)")
    parser.add_argument("--against-docx", type=Path, nargs="*", default=[], metavar="FOLDER", help="folders of .docx with their conversions (see above)")
    args = parser.parse_args()

    from eval_authored import GOLD, authored_reports, in_part
    from eval_classify_layouts import labels_end_to_end

    from nlp.classify.evaluate import score_labels
    from nlp.classify.loading import load_model
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled
    from nlp.read import read_bytes
    from nlp.structure import parse_text
    from nlp.tables.extract import read_tables

    reports = authored_reports(args.part)
    files = {fmt: {r["doc_id"]: (args.folder / f"{r['doc_id']}.{fmt}").read_bytes() for r in reports} for fmt in FORMATS}
    units = [unit for unit in read_labelled([GOLD / "authored_labels.jsonl"]) if in_part(unit.doc_id, args.part)]
    gold = examples_from_units(units)
    wanted: dict[str, list[tuple[str, str]]] = {}
    for paragraph, label, doc_id in zip(gold.inputs, gold.labels, gold.groups, strict=True):
        wanted.setdefault(doc_id, []).append((paragraph.text, label))
    model = load_model()
    names = sorted(set(model.labels) | set(gold.labels))

    def shape(text: str, doc_id: str) -> tuple[list[str], list[tuple]]:
        report = parse_text(text, doc_id=doc_id)
        return report.section_keys, sorted((c.table, c.row, c.col, c.value) for c in read_tables(report).cells)

    print(f"part {args.part}: {len(reports)} authored reports, {len(gold.labels)} labelled narrative units")
    print("\n| read as | text = .docx's | sections = text's | cells = text's | macro-F1 | accuracy | units no paragraph holds |")
    print("|---|---|---|---|---|---|---|")
    for fmt in ("text", *FORMATS):
        same_text = same_sections = same_cells = missed = 0
        truth: list[str] = []
        predicted: list[str] = []
        for record in reports:
            doc_id, text = record["doc_id"], record["text"]
            read = text if fmt == "text" else read_bytes(files[fmt][doc_id], f"{doc_id}.{fmt}")
            same_text += read.rstrip("\n") == read_bytes(files["docx"][doc_id], "x.docx").rstrip("\n")
            sections, cells = shape(read, doc_id)
            want_sections, want_cells = shape(text, doc_id)
            same_sections += sections == want_sections
            same_cells += cells == want_cells
            labels, found, lost = labels_end_to_end(model, read, doc_id, wanted.get(doc_id, []))
            truth += labels
            predicted += found
            missed += lost
        scores = score_labels(truth, predicted, names)
        n = len(reports)
        print(f"| {fmt} | {same_text}/{n} | {same_sections}/{n} | {same_cells}/{n} | {scores.macro_f1:.3f} | {scores.accuracy:.3f} | {missed} |", flush=True)

    for folder in args.against_docx:
        against_docx(folder, shape)

    print("\n| format | files | MB | ms per report | MB/s |")
    print("|---|---|---|---|---|")
    for fmt in FORMATS:
        data = list(files[fmt].items())
        size = sum(len(blob) for _, blob in data)
        best = float("inf")
        for _ in range(args.rounds):
            started = time.perf_counter()
            for doc_id, blob in data:
                read_bytes(blob, f"{doc_id}.{fmt}")
            best = min(best, time.perf_counter() - started)
        print(f"| .{fmt} | {len(data)} | {size / 1e6:.2f} | {best / len(data) * 1000:.2f} | {size / 1e6 / best:.1f} |")
    return 0


def against_docx(folder: Path, shape) -> None:
    """Each .docx of the folder against its .doc and .rtf: text, sections, cells."""
    from nlp.read import read_text

    sources = sorted(folder.glob("*.docx"))
    print(f"\n{folder}: {len(sources)} reports")
    print("\n| read as | text = .docx's | sections = .docx's | cells = .docx's |")
    print("|---|---|---|---|")
    wanted = {path.stem: read_text(path) for path in sources}
    for fmt in ("doc", "rtf"):
        same_text = same_sections = same_cells = 0
        for doc_id, text in wanted.items():
            read = read_text(folder / f"{doc_id}.{fmt}")
            same_text += read.rstrip("\n") == text.rstrip("\n")
            (sections, cells), (want_sections, want_cells) = shape(read, doc_id), shape(text, doc_id)
            same_sections += sections == want_sections
            same_cells += cells == want_cells
        n = len(wanted)
        print(f"| {fmt} | {same_text}/{n} | {same_sections}/{n} | {same_cells}/{n} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
