"""Word 97–2003 (.doc), RTF and Word 2003 XML files laid out around their tables: sections and cells against
the plain .docx, per layout and format, and the read time per file.

Every report of ../shared with gold cells is written to .docx (`tests/makers.py` `write_docx`), laid out as
`tests/docx_frames.py` lays it out (a page-frame table, content controls, tables in text boxes, labels wrapped
by hand in their cells), and converted by LibreOffice, an independent writer, into a folder outside the
repository (never committed; LibreOffice is needed for `--make` only, ~1 s a conversion):

    python benchmarks/eval_word_frames.py /tmp/word_frames --make
    python benchmarks/eval_word_frames.py /tmp/word_frames [--rounds 3]

Prints, per layout × format: the files LibreOffice made, those whose sections are the plain .docx's, the table
cells (of the plain .docx's reading) read alike, and ms per file (best of `--rounds`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

KINDS = {"doc": "doc", "rtf": "rtf", "xml": "xml:MS Word 2003 XML"}


def make(folder: Path) -> None:
    """The plain and laid-out .docx of every gold report, and LibreOffice's conversions of each."""
    if folder.resolve().is_relative_to(REPO):
        raise SystemExit("../shared's reports are never written into the repository: give a folder outside it")
    from conftest import SHARED, gold_and_whole_report_texts
    from docx_frames import FRAMES, rewrite_docx
    from makers import write_docx

    folder.mkdir(parents=True, exist_ok=True)
    texts = gold_and_whole_report_texts()
    # Word holds no control characters but tabs, line ends and form feeds.
    clean = lambda text: "".join(c for c in text if c in "\t\n\f" or ord(c) >= 0x20)  # noqa: E731
    sources = []
    gold = set()
    for name in ("seed_tables.jsonl", "reports_tables.jsonl"):
        gold |= {json.loads(line)["doc_id"] for line in (SHARED / "gold" / name).read_text(encoding="utf-8").splitlines() if line.strip()}
    for doc_id in sorted(gold & set(texts)):
        plain = write_docx(clean(texts[doc_id]), folder / f"{doc_id}.docx")
        sources.append(plain)
        for frame, transform in sorted(FRAMES.items()):
            framed = rewrite_docx(plain, folder / f"{doc_id}__{frame}.docx", transform)
            if framed.read_bytes() != plain.read_bytes():  # a report whose tables are lines of text has none to frame
                sources.append(framed)
            else:
                framed.unlink()
    for target in KINDS.values():
        # A profile of its own: a LibreOffice already running would refuse the call.
        profile = f"-env:UserInstallation={(folder / 'profile').resolve().as_uri()}"
        subprocess.run(["soffice", profile, "--headless", "--convert-to", target, "--outdir", str(folder), *map(str, sources)], check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--make", action="store_true", help="write the .docx files and convert them first")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.make:
        make(args.folder)

    from nlp.read import read_bytes, read_text
    from nlp.structure import parse_text
    from nlp.tables.extract import read_tables

    def shape(text: str, doc_id: str) -> tuple[list[str], dict]:
        report = parse_text(text, doc_id=doc_id)
        return report.section_keys, {(c.table, c.row, c.col): c.value for c in read_tables(report).cells}

    plain = {path.stem: shape(read_text(path), path.stem) for path in sorted(args.folder.glob("*.docx")) if "__" not in path.stem}
    rows: dict[tuple[str, str], list[float]] = {}
    for source in sorted(args.folder.glob("*.docx")):
        doc_id, _, frame = source.stem.partition("__")
        want_sections, want_cells = plain[doc_id]
        for kind in ("docx", *KINDS):
            path = source.with_suffix(f".{kind}")
            if not path.exists():
                continue
            data = path.read_bytes()
            best = float("inf")
            for _ in range(args.rounds):
                started = time.perf_counter()
                text = read_bytes(data, path.name)
                best = min(best, time.perf_counter() - started)
            sections, cells = shape(text, doc_id)
            row = rows.setdefault((frame or "plain", kind), [0, 0, 0, 0, 0.0])
            row[0] += 1
            row[1] += sections == want_sections
            row[2] += sum(cells.get(key) == value for key, value in want_cells.items())
            row[3] += len(want_cells)
            row[4] += best
    print("| layout | format | files | sections = plain .docx's | cells = plain .docx's | ms per file |")
    print("|---|---|---|---|---|---|")
    for (frame, kind), (files, sections, same, cells, seconds) in sorted(rows.items()):
        print(f"| {frame} | .{kind} | {files} | {sections}/{files} | {same:,}/{cells:,} | {seconds / files * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
