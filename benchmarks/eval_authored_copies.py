"""Copy-paste and checks across years on the clean-room copies set (`tests/gold/authored_copies/`).

30 reports of 10 agencies, 3 consecutive years each, written by a session that did not read the
project's rules (see that folder's README.md): paragraphs copied within a chain (last year's text) and
across agencies, exact or edited lightly or heavily, paragraphs of template language, originals; and 4
planted breaks of the tables' year-to-year continuity. Agencies with odd numbers are the `dev` part
(may be read), even numbers the `held` part (only ever scored).

Per part:
- **copy pairs** (`nlp.duplicates.find.find_duplicates` over the part's reports, as `analyze` runs it):
  recall of the planted copy links by edit grade (exact / light / heavy) and by kind (within a chain /
  across agencies); precision of the reported pairs, where a pair is right if both paragraphs descend
  from one source (a family), and pairs of two template-language paragraphs are counted apart;
- **year over year** (`year_over_year`): the share of a report's narrative characters the tool finds
  reused from the agency's previous year, against the gold share (paragraphs copied within the chain);
- **continuity** (`nlp.tables.continuity`): the planted breaks flagged on their link (`fail`, or
  `uncertain` where the rule asks a question), and other links flagged.

`--set ao` scores a writer's set of year pairs the same way (`tests/gold/authored_ao/`: 8 agencies, two consecutive
years each, an agency's pair on one side of the split; `years.jsonl` names each pair's copied paragraphs, exact or
edited, and its planted breaks), read from its files: its `generic` units count as template language.

Run: python benchmarks/eval_authored_copies.py [--set copies|ao] [--part dev|held|all] [--threshold 0.8] [--sweep]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import nlp  # noqa: E402

FOLDER = REPO / "tests" / "gold" / "authored_copies"
#: The sets this scores: the copies set (its own gold format) and writers' sets of year pairs (`years.jsonl`).
FOLDERS = {"copies": FOLDER, "ao": REPO / "tests" / "gold" / "authored_ao"}


def _records(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_gold(part: str = "all", folder: Path = FOLDER) -> list[dict]:
    records = _pairs_gold(folder) if (folder / "years.jsonl").exists() else _records(folder / "gold.jsonl")
    return [r for r in records if part == "all" or r["part"] == part]


def load_breaks(folder: Path = FOLDER) -> list[dict]:
    if (folder / "years.jsonl").exists():
        return [
            {"doc_id": pair["later"], "previous_doc_id": pair["earlier"], "kind": pair["breaks"][0]["check"]}
            for pair in _records(folder / "years.jsonl")
            if pair["breaks"]
        ]
    return _records(folder / "breaks.jsonl")


def _pairs_gold(folder: Path) -> list[dict]:
    """A writer's set of year pairs in the copies set's gold form: each report's narrative units as its paragraphs (a
    generic unit as template language), a later year's copied unit with its source in the earlier year (`edited`:
    a year or a figure changed, the copies set's `light`), both years under the pair's agency."""
    pairs = _records(folder / "years.jsonl")
    agency = {doc_id: pair["agency"] for pair in pairs for doc_id in (pair["earlier"], pair["later"])}
    sources = {
        (pair["later"], copy["later_para_index"]): ({"doc_id": pair["earlier"], "index": copy["earlier_para_index"]}, "exact" if copy["kind"] == "exact" else "light")
        for pair in pairs
        for copy in pair["copied"]
    }
    units: dict[str, list[dict]] = defaultdict(list)
    for unit in _records(folder / "labels.jsonl"):
        if unit["kind"] == "narrative":
            units[unit["doc_id"]].append(unit)
    golds = []
    for report in _records(folder / "reports.jsonl"):
        paragraphs = []
        for unit in units[report["doc_id"]]:
            item = {"index": unit["para_index"], "text": unit["text"], "template": bool(unit.get("generic"))}
            source = sources.get((report["doc_id"], unit["para_index"]))
            if source:
                item["source"], item["edit"] = source
            paragraphs.append(item)
        golds.append({"doc_id": report["doc_id"], "file": report["file"], "agency": agency.get(report["doc_id"], report["agency"]), "part": report["split"], "paragraphs": paragraphs})
    return golds


def read_reports(golds: list[dict], folder: Path = FOLDER) -> dict[str, nlp.Report]:
    reports = {}
    for gold in golds:
        report = nlp.read_report(folder / gold["file"])
        report.doc_id = gold["doc_id"]
        reports[gold["doc_id"]] = report
    return reports


def _squeezed(text: str) -> str:
    return "".join(text.split())


def paragraph_map(gold: dict, report: nlp.Report) -> dict[int, int]:
    """Gold paragraph index → the report's paragraph index holding its text (the first such)."""
    found: dict[int, int] = {}
    paragraphs = [(p.index, _squeezed(p.text)) for p in report.paragraphs]
    for item in gold["paragraphs"]:
        text = _squeezed(item["text"])
        for index, candidate in paragraphs:
            if text and (text == candidate or text in candidate):
                found[item["index"]] = index
                break
    return found


class Families:
    """Union-find over (doc_id, gold index): a copy joins its source's family."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(self, key: tuple[str, int]) -> tuple[str, int]:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: tuple[str, int], b: tuple[str, int]) -> None:
        self.parent[self.find(a)] = self.find(b)


def copy_links(golds: list[dict], folder: Path = FOLDER) -> list[dict]:
    """Each planted copy: copy and source keys, edit grade, kind (chain / across)."""
    agency_of = {g["doc_id"]: g["agency"] for g in load_gold("all", folder)}
    links = []
    for gold in golds:
        for item in gold["paragraphs"]:
            sources = [item["source"]] if item.get("source") else []
            sources += item.get("also_from") or []
            for source in sources:
                kind = "chain" if agency_of.get(source["doc_id"]) == gold["agency"] else "across"
                links.append({"copy": (gold["doc_id"], item["index"]), "source": (source["doc_id"], source["index"]), "edit": item.get("edit") or "heavy", "kind": kind})
    return links


def score_copies(golds: list[dict], reports: dict[str, nlp.Report], threshold: float, folder: Path = FOLDER) -> dict:
    from nlp.duplicates.find import find_duplicates

    maps = {g["doc_id"]: paragraph_map(g, reports[g["doc_id"]]) for g in golds}
    back = {(doc_id, para): (doc_id, index) for doc_id, mapping in maps.items() for index, para in mapping.items()}
    template = {(g["doc_id"], p["index"]) for g in golds for p in g["paragraphs"] if p.get("template")}
    families = Families()
    links = copy_links(golds, folder)
    for link in links:
        families.join(link["copy"], link["source"])
    pairs = find_duplicates(list(reports.values()), threshold=threshold)
    found = set()
    verdicts: Counter = Counter()
    for pair in pairs:
        a, b = back.get((pair.doc_a, pair.para_a)), back.get((pair.doc_b, pair.para_b))
        if a is None or b is None:
            verdicts["unmapped"] += 1
            continue
        found.add(frozenset((a, b)))
        if a in template and b in template:
            verdicts["template"] += 1
        elif families.find(a) == families.find(b):
            verdicts["copy"] += 1
        else:
            verdicts["false"] += 1
    recall: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for link in links:
        hit = frozenset((link["copy"], link["source"])) in found
        for key in ((link["kind"], link["edit"]), ("all", link["edit"]), (link["kind"], "all"), ("all", "all")):
            recall[key]["found" if hit else "missed"] += 1
    unmapped_gold = sum(len(g["paragraphs"]) - len(maps[g["doc_id"]]) for g in golds)
    return {"pairs": len(pairs), "verdicts": verdicts, "recall": recall, "unmapped_gold": unmapped_gold}


def score_year_over_year(golds: list[dict], reports: dict[str, nlp.Report], threshold: float) -> list[tuple[str, float, float]]:
    from nlp.duplicates.families import year_over_year

    by_id = {g["doc_id"]: g for g in golds}
    rows = []
    for row in year_over_year([r for r in reports.values()], threshold=threshold):
        gold = by_id[row.doc_id]
        chars = sum(len(p["text"]) for p in gold["paragraphs"])
        copied = sum(
            len(p["text"]) for p in gold["paragraphs"] if p.get("source") and p["source"]["doc_id"] == row.previous_doc_id and p.get("edit") in ("exact", "light")
        )
        rows.append((row.doc_id, copied / chars if chars else 0.0, row.reused_share))
    return rows


def score_continuity(golds: list[dict], reports: dict[str, nlp.Report], folder: Path = FOLDER) -> dict:
    """Planted breaks flagged on their link (`fail`, or `uncertain` where the rule asks a question, as
    the in-force count does: documents may be cleaned up without being repealed), and links flagged
    that hold no planted break."""
    from nlp.findings import FAIL, UNCERTAIN
    from nlp.tables.continuity import YearRecord, link_years

    planted = {(b["doc_id"], b["previous_doc_id"]) for b in load_breaks(folder) if b["doc_id"] in reports}
    links = link_years([YearRecord.from_report(report) for report in reports.values()])
    flagged: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    statuses: Counter = Counter()
    for doc_id, years in links.items():
        for finding in years.with_previous:
            statuses[finding.status.value] += 1
            if finding.status in (FAIL, UNCERTAIN):
                flagged[(doc_id, years.previous)].add(finding.status.value)
    return {
        "planted": len(planted),
        "failed": sum("fail" in flagged.get(key, ()) for key in planted),
        "flagged": sum(bool(flagged.get(key)) for key in planted),
        "other_flagged_links": {key: sorted(v) for key, v in flagged.items() if key not in planted},
        "statuses": statuses,
    }


def _share_of(recall: dict) -> object:
    return lambda key: f"{recall[key]['found']}/{recall[key]['found'] + recall[key]['missed']}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(FOLDERS), default="copies", dest="set_name", help="the copies set, or a writer's set of year pairs")
    parser.add_argument("--part", choices=("dev", "held", "all"), default="all")
    parser.add_argument("--threshold", type=float, default=0.8, help="copy similarity threshold (analyze's default: 0.8)")
    parser.add_argument("--sweep", action="store_true", help="also recall and precision at thresholds 0.5–0.9")
    args = parser.parse_args(argv)
    parts = ("dev", "held") if args.part == "all" else (args.part,)
    folder = FOLDERS[args.set_name]
    for part in parts:
        golds = load_gold(part, folder)
        reports = read_reports(golds, folder)
        thresholds = (0.5, 0.6, 0.7, 0.8, 0.9) if args.sweep else (args.threshold,)
        print(f"\n{part}: {len(golds)} reports, {sum(len(g['paragraphs']) for g in golds)} gold paragraphs")
        for threshold in thresholds:
            result = score_copies(golds, reports, threshold, folder)
            cell = _share_of(result["recall"])
            verdicts = result["verdicts"]
            judged = verdicts["copy"] + verdicts["false"]
            print(
                f"  threshold {threshold}: pairs {result['pairs']} (copies {verdicts['copy']}, template {verdicts['template']}, false {verdicts['false']},"
                f" unmapped {verdicts['unmapped']}); precision without template pairs {verdicts['copy'] / judged if judged else float('nan'):.3f};"
                f" recall exact {cell(('all', 'exact'))} light {cell(('all', 'light'))} heavy {cell(('all', 'heavy'))}"
                f" | chain {cell(('chain', 'all'))} across {cell(('across', 'all'))}; gold paragraphs not found in the reports: {result['unmapped_gold']}"
            )
        rows = score_year_over_year(golds, reports, args.threshold)
        errors = [abs(gold - tool) for _, gold, tool in rows]
        print(f"  year over year ({len(rows)} reports): mean |tool − gold| reused share {sum(errors) / max(len(errors), 1):.3f}, max {max(errors, default=0):.3f}")
        continuity = score_continuity(golds, reports, folder)
        print(
            f"  continuity: planted breaks flagged {continuity['flagged']}/{continuity['planted']} (as fail {continuity['failed']});"
            f" other links flagged: {len(continuity['other_flagged_links'])}"
            f" {dict(continuity['statuses'])}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
