"""Checks across years inside `govreport analyze`: a batch of generated chains with planted breaks.

The chains come from the gold cells of ../shared (see tests/test_continuity.py): three agencies
named alternately in full and short form, each year printed in another layout, under file names
that say nothing true about the year; breaks planted so that each year adds up on its own. A fourth
agency states last year's carried-over count wrongly in its narrative and has its second year twice
(the same report under two names). Every planted break must be on both reports' JSON and pages and
in both summary rows; nothing else may be `fail` or `uncertain`; a resumed run gives the same bytes.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest

from nlp.cli import main
from nlp.findings import FAIL, PASS, UNCERTAIN
from tests.test_continuity import _chain_texts, make_chain, report_text

EXTRA_AGENCY = ("第三县教育局", "第三县教育局")


def _write_batch(folder: Path, seed: int) -> tuple[list[tuple[str, str, str, str]], dict[str, int]]:
    """The batch's files; the planted breaks as (earlier doc_id, later doc_id, finding id, status)
    and each report's year."""
    texts, planted = _chain_texts(seed, 2019 if seed % 2 else 2021, 4, plant=2)
    breaks = [(f"{d.rsplit('_', 1)[0]}_{int(d.rsplit('_', 1)[1]) - 1}", d, fid, status.value) for d, fid, status in planted]
    (y1, t1, v1), (y2, t2, v2) = make_chain(2021, 2, seed + 100)
    forward = v1[("requests", "carried_forward", "total")]
    wrong = f"本年度上年结转政府信息公开申请{forward + 7}件。"  # type: ignore[operator]
    texts.append(("3_0", report_text(EXTRA_AGENCY[0], y1, t1, v1, "tab")))
    texts.append(("3_1", report_text(EXTRA_AGENCY[1], y2, t2, v2, "pipe", wrong)))
    texts.append(("3_1_web", report_text(EXTRA_AGENCY[1], y2, t2, v2, "pipe", wrong)))  # the same report, twice
    breaks.append(("3_0", "3_1", "continuity.narrative.carried_over", FAIL.value))
    folder.mkdir(parents=True)
    years = {}
    for doc_id, text in texts:
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        years[doc_id] = int(next(line for line in text.splitlines() if "年政府信息公开" in line).split("年政府信息公开")[0][-4:])
    return breaks, years


@pytest.fixture(scope="module", params=[1, 2])
def batch(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"years{request.param}")
    breaks, years = _write_batch(root / "in", request.param)
    assert main(["analyze", str(root / "in"), "-o", str(root / "out"), "--quiet"]) == 0
    return root, breaks, years


def _documents(output: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (output / "reports").glob("*.json")}


def _summary(output: Path) -> dict[str, dict[str, str]]:
    from nlp.export import read_csv

    return {row["doc_id"]: row for row in read_csv(output / "summary.csv")}


def test_every_planted_break_is_on_both_reports(batch):
    root, breaks, _ = batch
    documents = _documents(root / "out")
    for earlier, later, fid, status in breaks:
        for doc_id in (earlier, later):
            link = "with_next" if doc_id == earlier else "with_previous"
            found = [f for f in documents[doc_id]["years"][link] if f["id"] == fid]
            assert [f["status"] for f in found] == [status], (doc_id, fid, found)
            finding = found[0]
            assert {c["doc_id"] for c in finding["cells"]} >= {earlier} and earlier in finding["message"] and later in finding["message"]
            assert finding["expected"] is not None and finding["printed"] is not None and finding["expected"] != finding["printed"]
            page = (root / "out" / f"{doc_id}.html").read_text(encoding="utf-8")
            across = page.split("<h2>Across years</h2>", 1)[1].split("<h2>", 1)[0]
            other = later if doc_id == earlier else earlier
            part = across.split(f"<a href='{other}.html'>{other}</a></h3>", 1)[1].split("<h3", 1)[0]
            assert html.escape(finding["message"], quote=True) in part


def test_nothing_else_is_flagged_and_the_summary_counts_agree(batch):
    root, breaks, _ = batch
    documents = _documents(root / "out")
    summary = _summary(root / "out")
    planted = {(doc_id, fid) for earlier, later, fid, _ in breaks for doc_id in (earlier, later)}
    planted.add(("3_1_web", "continuity.narrative.carried_over"))  # the other version shares 3_1's links
    for doc_id, document in documents.items():
        years = document["years"]
        flagged = [f for f in years["with_previous"] + years["with_next"] + years["of_versions"] if f["status"] in (FAIL, UNCERTAIN)]
        assert {(doc_id, f["id"]) for f in flagged} <= planted, [f["message"] for f in flagged]
        row = summary[doc_id]
        assert int(row["continuity_fail"]) == sum(f["status"] == FAIL for f in flagged)
        assert int(row["continuity_uncertain"]) == sum(f["status"] == UNCERTAIN for f in flagged)
    expected_fail = {doc_id: 0 for doc_id in documents}
    for earlier, later, _, status in breaks:
        if status == FAIL:
            expected_fail[earlier] += 1
            expected_fail[later] += 1
    expected_fail["3_1_web"] = expected_fail["3_1"]
    assert {d: int(summary[d]["continuity_fail"]) for d in documents} == expected_fail


def test_neighbours_and_versions_are_linked(batch):
    root, _, years = batch
    documents = _documents(root / "out")
    summary = _summary(root / "out")
    for doc_id in documents:
        agency = doc_id.split("_")[0]
        same = {d: y for d, y in years.items() if d.split("_")[0] == agency and d != doc_id}
        before = {d for d, y in same.items() if y == years[doc_id] - 1}
        after = {d for d, y in same.items() if y == years[doc_id] + 1}
        row = summary[doc_id]
        assert (row["previous_doc_id"] in before) if before else row["previous_doc_id"] == ""
        assert (row["next_doc_id"] in after) if after else row["next_doc_id"] == ""
        page = (root / "out" / f"{doc_id}.html").read_text(encoding="utf-8")
        for neighbour in filter(None, (row["previous_doc_id"], row["next_doc_id"])):
            assert f"<a href='{neighbour}.html'>{neighbour}</a>" in page
    assert summary["3_1"]["continuity_versions"] == "3_1_web" and summary["3_1_web"]["continuity_versions"] == "3_1"
    assert summary["3_0"]["continuity_versions"] == ""
    versions = documents["3_1"]["years"]["of_versions"]
    assert [f["status"] for f in versions] == [PASS]  # the same cells: noticed, one used, links checked
    assert "3_1" in versions[0]["message"] and "3_1_web" in versions[0]["message"]
    # the version not used carries the links of the one used (which its message names), not a second set
    assert documents["3_1_web"]["years"]["with_previous"] == documents["3_1"]["years"]["with_previous"]
    assert documents["3_1_web"]["years"]["previous"] == "3_0" and documents["3_0"]["years"]["next"] == "3_1"
    assert len([f for f in documents["3_0"]["years"]["with_next"] if f["id"] == "continuity.narrative.carried_over"]) == 1


def test_a_report_without_a_neighbour_has_no_years(tmp_path):
    (y1, t1, v1), _ = make_chain(2021, 2, 5)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(report_text("示例市文旅局", y1, t1, v1, "tab"), encoding="utf-8")
    (folder / "b.txt").write_text(report_text("另一市文旅局", y1 + 1, t1, v1, "tab"), encoding="utf-8")  # another city
    assert main(["analyze", str(folder), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    documents = _documents(tmp_path / "out")
    assert all("years" not in d for d in documents.values())
    assert all(row["previous_doc_id"] == row["continuity_fail"] == "" for row in _summary(tmp_path / "out").values())
    assert "Across years" not in (tmp_path / "out" / "a.html").read_text(encoding="utf-8")


def _outputs(folder: Path) -> dict[str, bytes]:
    names = ["summary.csv", "table_cells.csv", "copy_paste_pairs.csv", "errors.jsonl", *[p.name for p in folder.glob("*.html")]]
    names += [f"reports/{p.name}" for p in (folder / "reports").glob("*.json")]
    return {name: (folder / name).read_bytes() for name in names}


def test_resumed_and_parallel_runs_give_the_same_bytes(batch, tmp_path):
    root, _, _ = batch
    first = _outputs(root / "out")
    resumed = tmp_path / "resumed"
    shutil.copytree(root / "out", resumed)
    # a run killed in pass 1: a chain's middle report and a version not analysed yet
    for name in ("0_1", "3_1_web"):
        (resumed / "reports" / f"{name}.json").unlink()
        (resumed / f"{name}.html").unlink()
    (resumed / "summary.csv").unlink()
    assert main(["analyze", str(root / "in"), "-o", str(resumed), "--quiet", "--resume"]) == 0
    assert _outputs(resumed) == first
    assert main(["analyze", str(root / "in"), "-o", str(tmp_path / "two"), "--quiet", "--jobs", "2"]) == 0
    assert _outputs(tmp_path / "two") == first


def test_the_api_links_years_and_does_not_mix_differing_versions():
    import nlp
    from nlp.analyze import analyze_reports
    from nlp.pipeline import Steps
    from tests.test_continuity import chain_with_a_differing_version

    texts, chain = chain_with_a_differing_version(23)
    year = chain[1][0]
    reports = analyze_reports([nlp.parse_text(text, doc_id=doc_id) for doc_id, text in texts], Steps.load())
    years = {r.doc_id: r.annotations.years for r in reports}
    middle = years[f"d{year}"]
    assert middle.versions == [f"d{year}_v2"] and years[f"d{year}_v2"].versions == [f"d{year}"]
    assert [(f.id, f.status) for f in middle.of_versions] == [(f"continuity.versions.{year}", UNCERTAIN)]
    # the neighbours are named, but no link through the year of two differing versions is checked
    assert (middle.previous, middle.next) == (f"d{year - 1}", f"d{year + 1}")
    assert middle.with_previous == middle.with_next == [] and years[f"d{year - 1}"].with_next == []
    # the JSON carries the same and reads back
    from nlp.reportjson import from_json, to_json

    again = from_json(json.loads(json.dumps(to_json(reports[1]))))
    assert again.annotations.years == reports[1].annotations.years
    assert again.annotations.tables.placements == reports[1].annotations.tables.placements and again.annotations.tables.placements
    # a document of schema 1 (before the checks across years) still reads: no placements, no years
    old = to_json(reports[1])
    del old["tables"]["placements"], old["years"]
    old["schema_version"] = 1
    legacy = from_json(json.loads(json.dumps(old)))
    assert legacy.annotations.years is None and legacy.annotations.tables.placements == {}
