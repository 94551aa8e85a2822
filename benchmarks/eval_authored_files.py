"""Whole reports as files: sections, narrative in its section, labels and table cells, file against clean text.

`tests/gold/authored_e/` (`--set e`) holds reports written for the project in a clean room (see its README), each as
clean text (a paragraph a line, table cells by tabs) and as the Word or PDF file its agency would publish
(headings in styles or bold, first-line indents, soft returns, Word numbering; PDF paragraphs wrapped at
the page width, running headers and page numbers, tables ruled and unruled and broken over pages, cover
pages and contents lists), with every line labelled (`labels.jsonl`), the sections' heading lines
(`sections.jsonl`) and the table cells as printed (`tables.jsonl`, keys of TABLES.md).

For each report, the file is read by `nlp.read_report`'s reader and the clean text as text, each parsed and
scored:
- sections: the writer's sections (their heading lines) whose template key the parser opened with a title;
- narrative in its section: labelled narrative units held by a paragraph of the section the writer put
  them in (old-template sections mapped to the template's keys by their names; a 收费 section is not scored);
- labels end to end: the shipped classifier on what the pipeline read, each unit matched to a paragraph
  (`none` where none holds it), macro-F1 against the writer's labels;
- table cells (2019/2021 reports): right, warned, silent, wrong, invented (`eval_authored_tables.score_report`),
  and whether the checks blame the report (the writer's tables add up: any blame is false unless the file
  prints a deliberate error, which this set does not).

`tests/gold/authored_f/` (`--set f`) holds reports in the same form as users get them after a conversion or from
other channels: OCR output of a scanned print, Markdown from a converter, legacy encodings (GB18030, Big5 in
traditional characters, UTF-16, a GBK archive page) and WeChat articles (see its README). `--set g`: sector and
higher-level agencies whose reports stray from the template's structure (merged, missing or reordered sections,
tables as attachments after the sign-off), as `.txt` and web pages; `--set h`: grassroots and county offices as
Word files with automatic numbering (numbers in the numbering definitions, not the text).

`--part dev|held|all` (odd / even numbers; the held part is only ever scored), `--detail` prints per-report
misses (dev part only).

Run: python benchmarks/eval_authored_files.py [--set e|f|g|h|i|j|k|l|m|n] [--part dev|held|all] [--detail]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
from tests.authored_sets import report_number  # noqa: E402

SETS = {name: REPO / "tests" / "gold" / f"authored_{name}" for name in ("e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "aa", "ab", "ac", "ad", "ae", "af", "ag", "ah", "ai", "aj", "ak", "al", "am", "an", "ao", "ap")}
FOLDER = SETS["e"]

#: Old-template section names, by the template key whose matter they hold (first match wins).
_OLD_NAMES = (
    ("problems_improvements", ("问题", "不足", "改进")),
    ("other_matters", ("其他",)),
    ("review_litigation", ("复议", "诉讼")),
    ("requests", ("依申请",)),
    ("active", ("主动公开",)),
    ("overview", ("概述", "总体", "基本情况", "概况")),
)


def in_part(doc_id: str, part: str) -> bool:
    """Odd numbers are `dev`, even `held` (each part holds the same number of files of each shape)."""
    return part == "all" or (report_number(doc_id) % 2 == 1) == (part == "dev")


def read_jsonl(name: str, folder: Path | None = None) -> list[dict]:
    with ((folder or FOLDER) / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def section_key(template: str, number: int | None, name: str) -> str | None:
    """The template key of a writer's section: by its number on the 2019/2021 templates, by its name on the old."""
    from nlp.report import SECTION_KEYS

    if template != "old" and number and 1 <= number <= len(SECTION_KEYS):
        return SECTION_KEYS[number - 1]
    if "收费" in name:
        return None
    return next((key for key, words in _OLD_NAMES if any(word in name for word in words)), None)


def writers_sections(sections: dict) -> list[dict]:
    """A set's `sections.jsonl` record as a list of `number`, `name`, `para_index`: each writer keyed it their own way
    (a list of `number`/`n` with `name`/`title`, or a mapping of number to heading line)."""
    listed = sections.get("sections", [])
    if isinstance(listed, dict):
        return [{"number": int(number), "name": "", "para_index": index} for number, index in listed.items()]
    return [
        {"number": entry.get("number", entry.get("n")), "name": entry.get("name") or entry.get("title") or "", "para_index": entry.get("para_index")}
        for entry in listed
    ]


def gold_sections(record: dict, sections: dict, labels: list[dict]) -> tuple[set[str], dict[int, str | None]]:
    """The writer's section keys, and for each labelled line the key of the section it stands in."""
    entries = sorted(
        ((s["para_index"], section_key(record["template"], s["number"], s["name"])) for s in writers_sections(sections) if s["para_index"] is not None),
        key=lambda entry: entry[0],  # two sections may share a heading line (an old template's 收费 with 复议)
    )
    where: dict[int, str | None] = {}
    for unit in labels:
        opened = [key for index, key in entries if index <= unit["para_index"]]
        where[unit["para_index"]] = opened[-1] if opened else None
    return {key for _, key in entries if key}, where


def score_reading(report, record: dict, sections: dict, labels: list[dict]) -> dict:
    """Sections found and narrative units standing in their section, for one parsed report."""
    from nlp.classify.evaluate import match_units

    wanted_keys, where = gold_sections(record, sections, labels)
    found_keys = {s.key for s in report.sections if s.title}
    paragraphs = [(p.text, s.key) for s in report.sections for p in s.paragraphs]
    # every narrative unit is matched, in reading order (a `无。` under 收费, not scored, is the first paragraph `无。`),
    # and those in a scored section kept
    every = [u for u in labels if u["kind"] == "narrative"]
    matched = match_units([u["text"] for u in every], [text for text, _ in paragraphs])
    narrative = [u for u in every if where.get(u["para_index"])]
    indexes = [index for u, index in zip(every, matched, strict=True) if where.get(u["para_index"])]
    # A section merged under another's heading (`Section.merged_into`) has its text in that one's paragraphs.
    holder = {key: report.merged_sections.get(key, key) for key in set(where.values()) if key}
    placed = [index is not None and paragraphs[index][1] == holder[where[u["para_index"]]] for u, index in zip(narrative, indexes, strict=True)]
    misplaced = [(u["para_index"], where[u["para_index"]], None if index is None else paragraphs[index][1], u["text"][:40]) for u, index, ok in zip(narrative, indexes, placed, strict=True) if not ok]
    return {
        "sections": len(wanted_keys & found_keys),
        "sections_wanted": len(wanted_keys),
        "placed": sum(placed),
        "narrative": len(narrative),
        "misplaced": misplaced,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=sorted(SETS), default="e", help="e: Word and PDF files; f: OCR, Markdown, legacy encodings, WeChat articles; g: sector and higher-level agencies, structures off the template (.txt, .html); h: grassroots offices as Word files with automatic numbering; i: functional bureaus as PDF files made from Word; j: coastal and municipal districts as archived .txt (GB18030, Big5, crawler headers, glued) and .html")
    parser.add_argument("--part", choices=("dev", "held", "all"), default="all")
    parser.add_argument("--detail", action="store_true", help="per-report misses (dev part only)")
    parser.add_argument("--folder", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    global FOLDER
    FOLDER = args.folder or SETS[args.set]
    if not FOLDER.exists():
        print(f"no set at {FOLDER}")
        return 1

    from eval_authored_tables import score_report
    from eval_classify_layouts import labels_end_to_end

    import nlp
    from nlp.classify.evaluate import score_labels
    from nlp.classify.loading import load_model
    from nlp.structure import parse_text

    records = [r for r in read_jsonl("reports.jsonl") if in_part(r["doc_id"], args.part)]
    labels_by_doc: dict[str, list[dict]] = {}
    for unit in read_jsonl("labels.jsonl"):
        labels_by_doc.setdefault(unit["doc_id"], []).append(unit)
    sections_by_doc = {s["doc_id"]: s for s in read_jsonl("sections.jsonl")}
    tables_by_doc = {t["doc_id"]: t for t in read_jsonl("tables.jsonl")} if (FOLDER / "tables.jsonl").exists() else {}
    model = load_model()

    totals: Counter = Counter()
    truth: dict[str, list[str]] = {"file": [], "text": []}
    predicted: dict[str, list[str]] = {"file": [], "text": []}
    for record in records:
        doc_id, path = record["doc_id"], FOLDER / record["file"]
        labels = labels_by_doc.get(doc_id, [])
        sections = sections_by_doc.get(doc_id, {})
        wanted = [(u["text"], u["label"]) for u in labels if u["kind"] == "narrative" and u["label"]]
        try:
            read = nlp.read_text(path)
        except Exception as exc:  # a file the reader refuses loses everything: count it, say why
            print(f"{doc_id}: unread ({type(exc).__name__}: {exc})")
            read = ""
        line = [f"{doc_id} {'dev ' if in_part(doc_id, 'dev') else 'held'} {record['template']:4} {path.suffix:5}:"]
        for source, text in (("file", read), ("text", record["text"])):
            reading = score_reading(parse_text(text, doc_id=doc_id), record, sections, labels)
            gold_labels, found, lost = labels_end_to_end(model, text, doc_id, wanted)
            truth[source] += gold_labels
            predicted[source] += found
            totals[f"{source}_sections"] += reading["sections"]
            totals[f"{source}_placed"] += reading["placed"]
            totals[f"{source}_lost"] += lost
            if source == "file":
                totals["sections_wanted"] += reading["sections_wanted"]
                totals["narrative"] += reading["narrative"]
            line.append(f"{source}: sections {reading['sections']}/{reading['sections_wanted']}, in section {reading['placed']}/{reading['narrative']}, units lost {lost};")
            if args.detail and in_part(doc_id, "dev") and source == "file":
                for miss in reading["misplaced"][:12]:
                    line.append(f"\n    misplaced {miss}")
        if doc_id in tables_by_doc and record["template"] != "old":
            outcome = score_report({**tables_by_doc[doc_id], "path": str(path)})
            totals.update({f"cells_{k}": v for k, v in outcome["counts"].items()})
            totals["blamed"] += bool(outcome["blamed"])
            line.append(f"cells {dict(outcome['counts'])}, blamed {outcome['blamed']}")
            if args.detail and in_part(doc_id, "dev"):
                line.extend(f"\n    {bad}" for bad in outcome["bad"][:12])
        print(" ".join(line), flush=True)

    t = totals
    print(
        f"\n{args.part}: {len(records)} reports. Sections file {t['file_sections']} / text {t['text_sections']} of {t['sections_wanted']}; "
        f"narrative in its section file {t['file_placed']} / text {t['text_placed']} of {t['narrative']}; units no paragraph holds file {t['file_lost']} / text {t['text_lost']}"
    )
    cells = {k[6:]: v for k, v in t.items() if k.startswith("cells_")}
    if cells:
        print(f"table cells (2019/2021 reports): {cells}; reports blamed: {t['blamed']}")
    names = sorted(set(model.labels))
    print("\n| labels end to end | units | macro-F1 | accuracy | " + " | ".join(names) + " |")
    print("|---" * (4 + len(names)) + "|")
    for source, title in (("file", "from the file"), ("text", "from the clean text")):
        scores = score_labels(truth[source], predicted[source], names)
        per_label = " | ".join(f"{scores.per_label[label]['f1']:.2f}" for label in names)
        print(f"| {title} | {len(truth[source])} | {scores.macro_f1:.3f} | {scores.accuracy:.3f} | {per_label} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
