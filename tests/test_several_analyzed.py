"""Every report of a file that holds several is analysed as a report of its own: a county's departments bound into
one file (as text, a Word file and a web page), a column page showing this year's report above last year's.

The files are made from the whole reports of ../shared/corpus/full_reports.jsonl (each with its title line, as a
bound volume prints it); each report read out of such a file must read as the same report analysed alone (its
sections, their paragraphs, its table cells and checks). `analyze` runs here through `nlp.cli.main`, or through
`nlp.analyze.analyze` where a test replaces its steps.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

import nlp
from nlp.batch.state import Done
from nlp.cli import main
from nlp.export import read_csv
from nlp.reportjson import read_report_json
from tests.conftest import whole_reports
from tests.makers import write_docx, write_html

#: A county's bound volume: three departments' reports of 2023.
VOLUME = ("putian_slj_2023", "putian_tjj_2023", "putian_yjj_2023")
#: A column page: this year's report above last year's, of one agency.
YEARS = ("putian_wlj_2024", "putian_wlj_2023")
#: A file of one report.
ALONE = "putian_sjj_2023"
SEVERAL = "more than one report"


@cache
def _records() -> dict[str, dict]:
    return {record["doc_id"]: record for record in whole_reports()}


def _whole(doc_id: str) -> str:
    """A report as a bound volume or a page prints it: its title line, then its text."""
    record = _records()[doc_id]
    return record["title"] + "\n" + record["text"]


def _bound(doc_ids: tuple[str, ...]) -> str:
    return "\n\n".join(_whole(doc_id) for doc_id in doc_ids)


def _sections(report: nlp.Report) -> list[tuple[str, list[str]]]:
    """The template sections with their paragraphs (the front matter before them is the page's as much as the
    report's: a web page's breadcrumb stands there in the first report only)."""
    return [(section.key, [p.text for p in section.paragraphs]) for section in report.sections if section.key != "extra"]


def _cells(report: nlp.Report) -> dict[tuple[str, str, str], object]:
    assert report.annotations is not None
    return {(cell.table, cell.row, cell.col): cell.value for cell in report.annotations.tables.cells}


def _checks(report: nlp.Report) -> list[tuple[str, str]]:
    assert report.annotations is not None
    return [(finding.id, finding.status.value) for finding in report.annotations.tables.findings]


def _summary(output: Path) -> dict[str, dict[str, str]]:
    return {row["doc_id"]: row for row in read_csv(output / "summary.csv")}


def _errors(output: Path) -> list[dict]:
    return [json.loads(line) for line in (output / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


@dataclass
class Runs:
    inputs: Path
    #: `analyze` of the inputs (each report of a file a report of its own).
    output: Path
    #: `analyze` of each source report alone, one text file each, named by its doc_id.
    alone: Path


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Runs:
    root = tmp_path_factory.mktemp("several")
    inputs = root / "in"
    inputs.mkdir()
    (inputs / "county2023.txt").write_text(_bound(VOLUME), encoding="utf-8")
    write_docx(_bound(VOLUME), inputs / "bound.docx")
    write_html(_bound(YEARS), inputs / "culture.html")
    (inputs / "single.txt").write_text(_whole(ALONE), encoding="utf-8")
    alone = root / "alone_in"
    alone.mkdir()
    for doc_id in VOLUME + YEARS:
        (alone / f"{doc_id}.txt").write_text(_whole(doc_id), encoding="utf-8")
    runs = Runs(inputs, root / "out", root / "alone")
    assert main(["analyze", str(inputs), "-o", str(runs.output), "--jobs", "1", "--quiet"]) == 0
    assert main(["analyze", str(alone), "-o", str(runs.alone), "--jobs", "1", "--quiet"]) == 0
    return runs


def test_each_report_of_a_bound_volume_is_a_result_of_its_own(runs):
    for stem, suffix in (("county2023", ".txt"), ("bound", ".docx")):
        for number, doc_id in enumerate(VOLUME, 1):
            part = read_report_json(runs.output / "reports" / f"{stem}.{number}.json")
            alone = read_report_json(runs.alone / "reports" / f"{doc_id}.json")
            assert part.doc_id == f"{stem}.{number}"
            assert part.source == str(runs.inputs / f"{stem}{suffix}") + f"#{number}"
            assert part.part is not None and (part.part.number, part.part.of) == (number, 3)
            assert (part.agency, part.year) == (alone.agency, alone.year) == (_records()[doc_id]["agency"], 2023)
            assert [key for key, _ in _sections(part)] == list(nlp.SECTION_KEYS), (stem, doc_id)
            assert _sections(part) == _sections(alone), (stem, doc_id)
            assert _cells(part) and _cells(part) == _cells(alone), (stem, doc_id)
            assert _checks(part) == _checks(alone), (stem, doc_id)
            assert not any(SEVERAL in warning for warning in part.warnings)
    # Where each report begins in the file: the text volume's reports, at their title lines.
    lines = _bound(VOLUME).split("\n")
    for number, doc_id in enumerate(VOLUME, 1):
        begins = read_report_json(runs.output / "reports" / f"county2023.{number}.json").part.line  # type: ignore[union-attr]
        assert lines[begins - 1] == _records()[doc_id]["title"]


def test_the_summary_has_a_row_per_report_and_says_which_part_each_is(runs):
    rows = _summary(runs.output)
    expected = {f"{stem}.{n}" for stem in ("county2023", "bound") for n in (1, 2, 3)} | {"culture.1", "culture.2", "single"}
    assert set(rows) == expected and len(list(read_csv(runs.output / "summary.csv"))) == len(expected)
    assert [rows[f"county2023.{n}"]["part"] for n in (1, 2, 3)] == ["1 of 3", "2 of 3", "3 of 3"]
    assert rows["single"]["part"] == "" and rows["single"]["source"] == str(runs.inputs / "single.txt")
    assert all(rows[doc_id]["next_report_line"] == "" for doc_id in expected)
    alone = _summary(runs.alone)
    for number, doc_id in enumerate(VOLUME, 1):
        row = rows[f"county2023.{number}"]
        assert row["page"] == f"county2023.{number}.html" and (runs.output / row["page"]).is_file()
        assert row["source"].endswith(f"county2023.txt#{number}")
        for column in ("agency", "year", "template", "sections_found", "checks_failed", "checks_passed", "topics_missing"):
            assert row[column] == alone[doc_id][column], (doc_id, column)
    assert _errors(runs.output) == []
    index = (runs.output / "index.html").read_text(encoding="utf-8")
    assert index.count("report 2 of 3 of its file") == 2 and "another report from line" not in index


def test_the_reports_of_two_files_are_indexed_apart_and_found_as_copies(runs):
    """The text and the Word volume hold the same three reports: each report's copies are the other file's same report."""
    pairs = read_csv(runs.output / "copy_paste_pairs.csv")
    linked = {frozenset((pair["doc_a"], pair["doc_b"])) for pair in pairs}
    for number in (1, 2, 3):
        assert frozenset((f"county2023.{number}", f"bound.{number}")) in linked
    report = read_report_json(runs.output / "reports" / "county2023.2.json")
    copied = [m.doc_id for p in report.annotated() if p.annotations.copies for m in p.annotations.copies.matches]  # type: ignore[union-attr]
    assert "bound.2" in copied


def test_a_page_of_two_years_is_a_pair_of_years(runs):
    rows = _summary(runs.output)
    later, earlier = rows["culture.1"], rows["culture.2"]
    assert (later["year"], earlier["year"]) == ("2024", "2023")
    assert later["previous_doc_id"] == "culture.2" and earlier["next_doc_id"] == "culture.1"
    assert later["yoy_share"] != ""
    report = read_report_json(runs.output / "reports" / "culture.1.json")
    assert report.annotations is not None and report.annotations.years is not None
    assert report.annotations.years.previous == "culture.2"
    assert report.annotations.reuse is not None and report.annotations.reuse.yoy_previous == "culture.2"


def test_resume_finds_every_report_done_and_redoes_a_file_with_a_report_missing(runs, tmp_path, analysed_names):
    output = tmp_path / "out"
    shutil.copytree(runs.output, output)
    before = (output / "summary.csv").read_bytes()
    analysed_names.clear()
    assert main(["analyze", str(runs.inputs), "-o", str(output), "--resume", "--jobs", "1", "--quiet"]) == 0
    assert analysed_names == []
    assert (output / "summary.csv").read_bytes() == before
    (output / "reports" / "county2023.2.json").unlink()
    assert main(["analyze", str(runs.inputs), "-o", str(output), "--resume", "--jobs", "1", "--quiet"]) == 0
    assert analysed_names == ["county2023"]  # the file, all three of its reports
    assert (output / "summary.csv").read_bytes() == before
    finished = [Done.from_line(line) for line in (output / ".finished.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d.name, d.file, d.part, d.parts) for d in finished if d is not None and d.file == "county2023"] == [
        (f"county2023.{n}", "county2023", n, 3) for n in (1, 2, 3)
    ]


def test_two_jobs_give_the_same_results(runs, tmp_path):
    output = tmp_path / "out"
    assert main(["analyze", str(runs.inputs), "-o", str(output), "--jobs", "2", "--quiet"]) == 0
    assert (output / "summary.csv").read_bytes() == (runs.output / "summary.csv").read_bytes()
    assert (output / "table_cells.csv").read_bytes() == (runs.output / "table_cells.csv").read_bytes()
    for number in (1, 2, 3):
        name = f"reports/county2023.{number}.json"
        assert (output / name).read_bytes() == (runs.output / name).read_bytes()


def test_no_split_reads_the_first_report_of_each_file_as_before(runs, tmp_path):
    output = tmp_path / "out"
    assert main(["analyze", str(runs.inputs), "-o", str(output), "--jobs", "1", "--quiet", "--no-split"]) == 0
    rows = _summary(output)
    assert set(rows) == {"county2023", "bound", "culture", "single"}
    assert all(row["part"] == "" for row in rows.values())
    assert int(rows["county2023"]["next_report_line"]) == _whole(VOLUME[0]).count("\n") + 3
    assert rows["single"]["next_report_line"] == ""
    first = read_report_json(output / "reports" / "county2023.json")
    assert first.part is None and any(SEVERAL in w and "--no-split" in w for w in first.warnings)
    alone = read_report_json(runs.alone / "reports" / f"{VOLUME[0]}.json")
    assert _sections(first) == _sections(alone) and _cells(first) == _cells(alone)


def test_a_file_of_one_report_gives_the_same_files_as_without_split(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "single.txt").write_text(_whole(ALONE), encoding="utf-8")
    outputs = [tmp_path / "split", tmp_path / "no_split"]
    assert main(["analyze", str(inputs), "-o", str(outputs[0]), "--jobs", "1", "--quiet"]) == 0
    assert main(["analyze", str(inputs), "-o", str(outputs[1]), "--jobs", "1", "--quiet", "--no-split"]) == 0
    for name in ("reports/single.json", "single.html", "summary.csv", "table_cells.csv", ".finished.jsonl"):
        assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes(), name
    document = json.loads((outputs[0] / "reports" / "single.json").read_text(encoding="utf-8"))
    assert document["doc_id"] == "single" and "part" not in document


def test_a_corrupt_second_report_leaves_the_first_as_it_reads_alone(tmp_path):
    """The second report of a volume cut short after its tables and garbled (a damaged scan): the first reads as it
    does alone."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    second = _whole(VOLUME[1])
    damaged = second[: 4 * len(second) // 5] + "锟斤拷烫烫烫\n▇▇ ■□ ?? 屯屯屯\n" * 200
    (inputs / "damaged.txt").write_text(_whole(VOLUME[0]) + "\n\n" + damaged, encoding="utf-8")
    (inputs / "alone.txt").write_text(_whole(VOLUME[0]), encoding="utf-8")
    output = tmp_path / "out"
    main(["analyze", str(inputs), "-o", str(output), "--jobs", "1", "--quiet"])
    first = read_report_json(output / "reports" / "damaged.1.json")
    alone = read_report_json(output / "reports" / "alone.json")
    assert first.part is not None and first.part.of == 2
    assert _sections(first) == _sections(alone) and _cells(first) == _cells(alone) and _checks(first) == _checks(alone)
    assert "damaged.2" in _summary(output)


class _FailingSteps:
    """The real steps, but analysing the report `doc_id` raises `error` (a report the pipeline cannot analyse)."""

    def __init__(self, doc_id: str, error: Exception) -> None:
        from nlp.analyze import AnalysisConfig
        from nlp.batch.workers import PROCESS_STEPS

        self.real = PROCESS_STEPS.get(AnalysisConfig())
        self.doc_id = doc_id
        self.error = error

    def annotate(self, reports):
        if any(report.doc_id == self.doc_id for report in reports):
            raise self.error
        return self.real.annotate(reports)


def _volume_batch(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "county2023.txt").write_text(_bound(VOLUME), encoding="utf-8")
    (inputs / "single.txt").write_text(_whole(ALONE), encoding="utf-8")
    return inputs


def test_a_report_that_fails_to_analyse_is_an_error_of_its_own_and_the_others_go_on(tmp_path, analysed_names):
    from nlp.analyze import AnalysisConfig, analyze

    inputs = _volume_batch(tmp_path)
    output = tmp_path / "out"
    result = analyze([inputs], output, AnalysisConfig(), steps=_FailingSteps("county2023.2", ValueError("broken")))  # type: ignore[arg-type]
    assert not result.ok and result.reports == 3
    errors = _errors(output)
    assert [(e["doc_id"], e["source"]) for e in errors] == [("county2023.2", str(inputs / "county2023.txt") + "#2")]
    assert "internal error (ValueError: broken)" in errors[0]["error"]
    assert set(_summary(output)) == {"county2023.1", "county2023.3", "single"}
    # The file with a report missing is read again on --resume, whole; the other file is done.
    analysed_names.clear()
    assert main(["analyze", str(inputs), "-o", str(output), "--resume", "--jobs", "1", "--quiet"]) == 0
    assert analysed_names == ["county2023"]
    assert set(_summary(output)) == {"county2023.1", "county2023.2", "county2023.3", "single"} and _errors(output) == []


def test_a_report_over_the_time_limit_costs_its_whole_file(tmp_path, analysed_names):
    """A timeout is the file's: one error record naming the file, none of its reports kept, and `--resume` gives
    the file up (it is what `.failed.jsonl` names) until `--retry-failed`."""
    from nlp.analyze import AnalysisConfig, analyze
    from nlp.batch.state import FileTimeout

    inputs = _volume_batch(tmp_path)
    output = tmp_path / "out"
    analyze([inputs], output, AnalysisConfig(), steps=_FailingSteps("county2023.3", FileTimeout("took too long")))  # type: ignore[arg-type]
    errors = _errors(output)
    assert [(e["doc_id"], e["source"], e["kind"]) for e in errors] == [("county2023", str(inputs / "county2023.txt"), "timeout")]
    assert set(_summary(output)) == {"single"}
    analysed_names.clear()
    assert main(["analyze", str(inputs), "-o", str(output), "--resume", "--jobs", "1", "--quiet"]) == 1
    assert analysed_names == []
    assert main(["analyze", str(inputs), "-o", str(output), "--resume", "--retry-failed", "--jobs", "1", "--quiet"]) == 0
    assert analysed_names == ["county2023"]
    assert set(_summary(output)) == {"county2023.1", "county2023.2", "county2023.3", "single"}


def test_a_killed_worker_costs_the_whole_file(tmp_path):
    from tests.test_batch_failures import run_cli

    inputs = _volume_batch(tmp_path)
    (inputs / "county2023.txt").rename(inputs / "volume_KILLER.txt")
    result = run_cli(["analyze", "in", "-o", "out", "--quiet", "--jobs", "2"], tmp_path)
    assert result.returncode == 1, result.stderr
    errors = _errors(tmp_path / "out")
    assert [(e["doc_id"], e["kind"]) for e in errors] == [("volume_KILLER", "worker_killed")]
    assert set(_summary(tmp_path / "out")) == {"single"}


def test_a_report_named_like_another_input_gets_an_id_of_its_own(tmp_path):
    """`county2023.2.txt` (a text `govreport split` wrote) beside the volume it came from: no two reports share an id
    or an output file."""
    inputs = _volume_batch(tmp_path)
    (inputs / "county2023.2.txt").write_text(_whole(VOLUME[1]), encoding="utf-8")
    output = tmp_path / "out"
    assert main(["analyze", str(inputs), "-o", str(output), "--jobs", "1", "--quiet"]) == 0
    rows = list(read_csv(output / "summary.csv"))
    ids = [row["doc_id"] for row in rows]
    assert len(ids) == len(set(ids)) == 5
    assert "county2023.2" in ids and {"county2023-2.1", "county2023-2.2", "county2023-2.3"} <= set(ids)
    assert len({row["page"] for row in rows}) == 5
    assert read_report_json(output / "reports" / "county2023.2.json").part is None


def test_parse_and_tables_write_each_report(tmp_path):
    volume = tmp_path / "county2023.txt"
    volume.write_text(_bound(VOLUME), encoding="utf-8")
    assert main(["parse", str(volume), "-o", str(tmp_path / "parsed")]) == 0
    written = sorted(path.name for path in (tmp_path / "parsed").glob("*.json"))
    assert written == ["county2023.1.json", "county2023.2.json", "county2023.3.json"]
    second = json.loads((tmp_path / "parsed" / "county2023.2.json").read_text(encoding="utf-8"))
    assert second["source"] == f"{volume}#2" and second["part"]["number"] == 2 and second["part"]["of"] == 3
    assert main(["tables", str(volume), "-o", str(tmp_path / "cells.jsonl")]) == 0
    records = [json.loads(line) for line in (tmp_path / "cells.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [record["doc_id"] for record in records] == ["county2023.1", "county2023.2", "county2023.3"]
    assert main(["parse", str(volume), "-o", str(tmp_path / "first"), "--no-split"]) == 0
    assert [path.name for path in (tmp_path / "first").glob("*.json")] == ["county2023.json"]


def test_classify_labels_each_report_in_its_own_sections(tmp_path):
    volume = tmp_path / "culture.txt"
    volume.write_text(_bound(YEARS), encoding="utf-8")
    out = tmp_path / "labels.jsonl"
    assert main(["classify", str(volume), "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {record["doc_id"] for record in records} == {"culture.1", "culture.2"}
    assert main(["classify", str(volume), "-o", str(out), "--no-split"]) == 0
    assert {json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()} == {"culture"}


def _write_text(text: str, path: Path) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("maker", ["txt", "docx", "html"])
def test_read_reports_gives_each_report_as_it_reads_alone(tmp_path, maker):
    write = {"txt": _write_text, "docx": write_docx, "html": write_html}[maker]
    volume = write(_bound(VOLUME), tmp_path / f"volume.{maker}")
    reports = nlp.read_reports(volume)
    assert [report.doc_id for report in reports] == ["volume.1", "volume.2", "volume.3"]
    assert [str(report.part) for report in reports] == ["1 of 3", "2 of 3", "3 of 3"]
    for report, doc_id in zip(reports, VOLUME, strict=True):
        (alone,) = nlp.read_reports(write(_whole(doc_id), tmp_path / f"{doc_id}.{maker}"))
        assert alone.part is None and alone.doc_id == doc_id
        assert _sections(report) == _sections(alone), doc_id
        assert [s.key for s in report.sections if s.key != "extra"] == list(nlp.SECTION_KEYS)
    (first,) = nlp.read_reports(volume, split=False)
    assert first.doc_id == "volume" and first.part is None and first.next_report_line is not None


def test_a_finished_line_of_one_report_is_as_before_and_a_part_says_its_file():
    old = '["single", "single", "某局", 2023, ["overview"]]\n'
    entry = Done.from_line(old)
    assert entry == Done("single", "single", "某局", 2023, ("overview",)) and entry.to_line() == old
    part = Done("county2023.2", "county2023.2", "某局", 2023, (), "county2023", 2, 3)
    assert Done.from_line(part.to_line()) == part
