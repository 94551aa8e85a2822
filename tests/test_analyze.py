"""`govreport analyze` end to end on the seeds, the example, planted copies and a corrupt file."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from nlp.cli import main
from tests.conftest import shared_path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "qinghe_culture_tourism_2023.txt"
sys.path.insert(0, str(REPO / "scripts"))
from screenshot import browser_available, render_dom, screenshot  # noqa: E402


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("in")
    for seed in sorted(shared_path("seeds").glob("*.txt")):
        shutil.copy(seed, inputs / seed.name)
    text = EXAMPLE.read_text(encoding="utf-8")
    (inputs / "qinghe_2023.txt").write_text(text, encoding="utf-8")
    # The same agency a year earlier, mostly the same words: year-over-year reuse.
    (inputs / "sub").mkdir()
    (inputs / "sub" / "qinghe_2022.txt").write_text(text.replace("2023", "2022").replace("186条", "152条"), encoding="gb18030")
    # Another agency that copied the example's paragraphs, with markup in its text: a script (dropped
    # with its content as a crawler's leftover) and a tag no report markup uses (kept as text).
    copied = text.replace("青禾县文化和旅游局", "白沙县农业农村局").replace(
        "本年度未收取信息处理费。", "<script>alert('x')</script>本年度<svg onload=alert('x')>未收取。"
    )
    (inputs / "baisha_2023.txt").write_text(copied, encoding="utf-8")
    (inputs / "corrupt.pdf").write_bytes(b"%PDF-1.7\n\x00\x01garbage")
    output = tmp_path_factory.mktemp("out")
    code = main(["analyze", str(inputs), "--output", str(output), "--quiet"])
    return code, output


def _document(output: Path, name: str) -> dict:
    return json.loads((output / "reports" / f"{name}.json").read_text(encoding="utf-8"))


def test_corrupt_file_is_an_error_and_nothing_else_is_lost(batch):
    code, output = batch
    assert code == 1
    errors = [json.loads(line) for line in (output / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["doc_id"] for e in errors] == ["corrupt"]
    assert "PDF" in errors[0]["error"]
    assert len(list((output / "reports").glob("*.json"))) == 8
    summary = pd.read_csv(output / "summary.csv")
    assert len(summary) == 8
    sheets = pd.read_excel(output / "summary.xlsx", sheet_name=None)
    assert set(sheets) == {"summary", "table_cells", "copy_paste_pairs", "copy_paste_paragraphs"}
    assert len(sheets["table_cells"]) > 500


def test_report_document_has_every_step(batch):
    _, output = batch
    document = _document(output, "qinghe_2023")
    assert document["agency"] == "青禾县文化和旅游局" and document["template"] == "2021"
    narrative = [p for p in document["paragraphs"] if p["kind"] == "narrative"]
    assert narrative and all({"label", "scores", "boilerplate", "specificity", "matches"} <= set(p) for p in narrative)
    by_text = {p["text"][:6]: p for p in narrative}
    assert by_text["全年通过县政"]["label"] == "active_disclosure"
    assert by_text["严格执行“先"]["label"] == "info_management"
    assert not [f for f in document["tables"]["findings"] if f["status"] == "fail"]


def test_copied_paragraphs_link_to_the_other_report(batch):
    _, output = batch
    document = _document(output, "baisha_2023")
    copied = [p for p in document["paragraphs"] if p.get("matches")]
    assert len(copied) >= 5
    assert {m["doc_id"] for p in copied for m in p["matches"]} >= {"qinghe_2023"}
    page = (output / "baisha_2023.html").read_text(encoding="utf-8")
    assert "href='qinghe_2023.html#p" in page
    pairs = pd.read_excel(output / "summary.xlsx", sheet_name="copy_paste_pairs")
    assert ((pairs.doc_a.isin(["baisha_2023", "qinghe_2023"])) & (pairs.doc_b.isin(["baisha_2023", "qinghe_2023"]))).sum() >= 5


def test_year_over_year_share(batch):
    _, output = batch
    document = _document(output, "qinghe_2023")
    assert document["yoy_previous"] == "qinghe_2022"
    assert document["yoy_share"] > 0.7
    assert _document(output, "000_3fbb002993fdb7e6")["yoy_share"] is None


def test_report_text_is_escaped(batch):
    _, output = batch
    page = (output / "baisha_2023.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<svg onload" not in page
    assert "&lt;svg onload=alert(&#x27;x&#x27;)&gt;" in page


def test_planted_table_error_is_marked_on_the_page(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("（七）总计\t14\t", "（七）总计\t19\t")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "wrong_total.txt").write_text(text, encoding="utf-8")
    assert main(["analyze", str(tmp_path / "in"), "--output", str(tmp_path / "out"), "--quiet"]) == 0
    document = _document(tmp_path / "out", "wrong_total")
    assert [f for f in document["tables"]["findings"] if f["status"] == "fail"]
    page = (tmp_path / "out" / "wrong_total.html").read_text(encoding="utf-8")
    assert "<td class='bad'>19</td>" in page


@pytest.mark.skipif(not browser_available(), reason="Chromium not installed (apt-get install chromium); .ci/run installs it")
def test_review_page_in_a_real_browser(batch, tmp_path):
    _, output = batch
    page = output / "qinghe_2023.html"
    dom = render_dom(page)
    coloured = re.findall(r"class=\"para narrative[^\"]*\" style=\"background:(#[0-9a-f]{6})", dom)
    assert len(set(coloured)) >= 5  # paragraphs coloured by at least five labels
    assert "check(s) passed" in dom and "<table class=\"grid\">" in dom
    picture = screenshot(page, tmp_path / "page.png")
    assert picture.stat().st_size > 20_000


def _small_batch(folder: Path) -> Path:
    folder.mkdir()
    for seed in sorted(shared_path("seeds").glob("*.txt"))[:3]:
        shutil.copy(seed, folder / seed.name)
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / "a_2023.txt").write_text(text, encoding="utf-8")
    (folder / "b_2022.txt").write_text(text.replace("2023", "2022"), encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04broken")
    return folder


def _outputs(folder: Path) -> dict[str, bytes]:
    names = ["summary.csv", "table_cells.csv", "copy_paste_pairs.csv", "copy_paste_paragraphs.csv", "errors.jsonl", *[p.name for p in folder.glob("*.html")]]
    names += [f"reports/{p.name}" for p in (folder / "reports").glob("*.json")]
    return {name: (folder / name).read_bytes() for name in names}


def test_results_identical_whatever_the_jobs_and_after_resume(tmp_path):
    inputs = _small_batch(tmp_path / "in")
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "one"), "--quiet"]) == 1
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "two"), "--quiet", "--jobs", "2"]) == 1
    one, two = _outputs(tmp_path / "one"), _outputs(tmp_path / "two")
    assert one == two
    # A run killed halfway: some reports done, the rest not; --resume completes it identically.
    resumed = tmp_path / "resumed"
    shutil.copytree(tmp_path / "one", resumed)
    reports = sorted((resumed / "reports").glob("*.json"))
    for path in reports[2:]:
        path.unlink()
    # What a power cut can leave of files written without fsync: one cut short, one empty.
    reports[1].write_bytes(reports[1].read_bytes()[: reports[1].stat().st_size // 2])
    reports[2].write_bytes(b"")
    for name in ("summary.csv", "summary.xlsx", "index.html", "errors.jsonl"):
        (resumed / name).unlink()
    # What a kill in pass 2 leaves: half-written temporaries of the atomic writes (a user's file stays).
    (resumed / ".table_cells.csv.k3j_x9q2.tmp").write_text("doc_id,table\nhalf", encoding="utf-8")
    (resumed / "reports" / ".a.json.0123abcd.tmp").write_text("{", encoding="utf-8")
    (resumed / ".my notes.tmp").write_text("mine", encoding="utf-8")
    assert main(["analyze", str(inputs), "-o", str(resumed), "--quiet", "--resume", "--jobs", "1"]) == 1
    assert _outputs(resumed) == one
    assert sorted(p.name for p in resumed.rglob(".*.tmp")) == [".my notes.tmp"]


class _Killed(Exception):
    """Stands for a kill: raised from the progress callback, it stops the run where it is."""


def _kill_at(report: int):
    def on_progress(stage: str, done: int, total: int, item: str) -> None:
        if stage == "finish" and done == report:
            raise _Killed
    return on_progress


def _count_finished(monkeypatch) -> list[str]:
    """The names of the reports pass 2 works out (in this process: one job)."""
    from nlp.batch import passes

    finished: list[str] = []
    real = passes.finish_report

    def counted(task, *args, **kwargs):
        finished.append(task.name)
        return real(task, *args, **kwargs)

    monkeypatch.setattr(passes, "finish_report", counted)
    return finished


def test_a_run_killed_in_pass_two_resumes_where_it_stopped(tmp_path, monkeypatch):
    from nlp.batch import run as analysis

    inputs = _small_batch(tmp_path / "in")
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "whole"), "--quiet"]) == 1
    with pytest.raises(_Killed):  # killed while the third report's results go into the batch files
        analysis.analyze([inputs], tmp_path / "killed", on_progress=_kill_at(3))
    assert (tmp_path / "killed" / analysis.PAIRS_FILE).exists()
    # Of the two reports stored before the kill, one lost the end of its page (a power cut).
    pages = json.loads((tmp_path / "killed" / analysis.PAGES_FILE).read_text(encoding="utf-8"))
    stored = [name for name in pages.values() if (tmp_path / "killed" / name).exists()][:2]
    cut = tmp_path / "killed" / stored[0]
    cut.write_bytes(cut.read_bytes()[:-10])
    finished = _count_finished(monkeypatch)
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "killed"), "--quiet", "--resume", "--jobs", "1"]) == 1
    reports = len(list((tmp_path / "whole" / "reports").glob("*.json")))
    assert len(finished) == reports - 1  # the other report stored before the kill is read back
    assert Path(stored[0]).stem in finished and Path(stored[1]).stem not in finished
    assert _outputs(tmp_path / "killed") == _outputs(tmp_path / "whole")
    assert not (tmp_path / "killed" / analysis.PAIRS_FILE).exists()


# The simulated kill leaves tasks in the workers' hands, which joblib cancels with this warning.
@pytest.mark.filterwarnings("ignore:.*tasks which were still being processed:UserWarning")
def test_a_run_of_two_jobs_killed_in_pass_two_resumes_identically(tmp_path):
    """With worker processes, reports are finished ahead of the parent, which stores them in order:
    those a worker finished but the parent had not stored are finished again, the same."""
    from nlp.batch import run as analysis

    inputs = _small_batch(tmp_path / "in")
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "whole"), "--quiet"]) == 1
    with pytest.raises(_Killed):
        analysis.analyze([inputs], tmp_path / "killed", analysis.AnalysisConfig(jobs=2), on_progress=_kill_at(3))
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "killed"), "--quiet", "--resume", "--jobs", "2"]) == 1
    assert _outputs(tmp_path / "killed") == _outputs(tmp_path / "whole")


def test_a_resumed_run_with_new_reports_finishes_every_report_again(tmp_path, monkeypatch):
    """A report added between the kill and the resume is in the index: what pass 2 found before may
    have missed its copies, so every report is finished again."""
    from nlp.batch import run as analysis

    inputs = _small_batch(tmp_path / "in")
    with pytest.raises(_Killed):
        analysis.analyze([inputs], tmp_path / "killed", on_progress=_kill_at(4))
    text = EXAMPLE.read_text(encoding="utf-8")
    (inputs / "c_2023.txt").write_text(text.replace("青禾县文化和旅游局", "白沙县农业农村局"), encoding="utf-8")
    finished = _count_finished(monkeypatch)
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "killed"), "--quiet", "--resume", "--jobs", "1"]) == 1
    assert len(finished) == len(list((tmp_path / "killed" / "reports").glob("*.json")))
    monkeypatch.undo()
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "whole"), "--quiet"]) == 1
    assert _outputs(tmp_path / "killed") == _outputs(tmp_path / "whole")


def test_a_report_cut_short_after_pass_two_is_done_again_in_both_passes(tmp_path, monkeypatch):
    """A power cut can cut short the JSON of a report pass 2 had finished: pass 1 analyses it again,
    and pass 2 then finishes every report again (the store's work cannot be trusted)."""
    from nlp.batch import run as analysis

    inputs = _small_batch(tmp_path / "in")
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "whole"), "--quiet"]) == 1
    with pytest.raises(_Killed):
        analysis.analyze([inputs], tmp_path / "killed", on_progress=_kill_at(4))
    first = json.loads((tmp_path / "killed" / analysis.PAGES_FILE).read_text(encoding="utf-8"))
    cut = tmp_path / "killed" / "reports" / f"{Path(sorted(first.values())[0]).stem}.json"
    cut.write_bytes(cut.read_bytes()[:100])
    finished = _count_finished(monkeypatch)
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "killed"), "--quiet", "--resume", "--jobs", "1"]) == 1
    assert len(finished) == len(list((tmp_path / "whole" / "reports").glob("*.json")))
    assert _outputs(tmp_path / "killed") == _outputs(tmp_path / "whole")


def test_dask_backend_gives_the_same_results(tmp_path):
    distributed = pytest.importorskip("distributed")
    inputs = _small_batch(tmp_path / "in")
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "local"), "--quiet"]) == 1
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code = main(["analyze", str(inputs), "-o", str(tmp_path / "dask"), "--quiet", "--backend", "dask", "--scheduler", cluster.scheduler_address])
    assert code == 1
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")


def test_a_paragraph_copied_into_many_reports_lists_the_closest_and_counts_them_all(tmp_path, monkeypatch):
    from nlp.batch import files, run as analysis, state

    monkeypatch.setattr(state, "MATCHES_LISTED", 3)
    monkeypatch.setattr(files, "DETAIL_SHEET_MAX_ROWS", 50)
    text = EXAMPLE.read_text(encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number, place in enumerate("东西南北中新", 1):
        (inputs / f"{number:03d}.txt").write_text(text.replace("青禾县", f"{place}河县"), encoding="utf-8")
    result = analysis.analyze([inputs], tmp_path / "out")
    assert result.ok and result.reports == 6
    narrative = [p for p in _document(tmp_path / "out", "001")["paragraphs"] if "label" in p]
    assert max(p["copies"] for p in narrative) == 5
    for paragraph in narrative:
        assert len(paragraph["matches"]) == min(3, paragraph["copies"])
        similarities = [m["similarity"] for m in paragraph["matches"]]
        assert similarities == sorted(similarities, reverse=True)
    page = (tmp_path / "out" / "001.html").read_text(encoding="utf-8")
    assert "and 2 more" in page
    # Every pair once in the CSV, whichever side found it.
    pairs = pd.read_csv(tmp_path / "out" / "copy_paste_pairs.csv", dtype=str)
    keys = list(zip(pairs.doc_a, pairs.para_a, pairs.doc_b, pairs.para_b, strict=True))
    assert len(keys) == len(set(keys)) and all(a < b for a, _, b, _ in keys)
    assert not (tmp_path / "out" / analysis.PAIRS_FILE).exists()
    # The workbook's detail sheets stop at their cap and say where the rest is; ids stay text.
    sheets = pd.read_excel(tmp_path / "out" / "summary.xlsx", sheet_name=None, dtype=object)
    assert len(sheets["table_cells"]) == 51 and "table_cells.csv" in str(sheets["table_cells"].iloc[-1, 0])
    assert sheets["summary"]["doc_id"].tolist() == [f"{n:03d}" for n in range(1, 7)]


def test_a_report_that_breaks_a_step_is_an_error_and_its_chunk_mates_are_kept(tmp_path, monkeypatch):
    import nlp.tables.extract as extract
    from nlp.batch import run as analysis

    original = extract.read_tables

    def failing(report, *args, **kwargs):
        if report.doc_id == "r3":
            raise RuntimeError("simulated bug on one report")
        return original(report, *args, **kwargs)

    monkeypatch.setattr(extract, "read_tables", failing)
    inputs = tmp_path / "in"
    inputs.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for number in range(5):
        (inputs / f"r{number}.txt").write_text(text.replace("青禾县", f"第{number}县"), encoding="utf-8")
    result = analysis.analyze([inputs], tmp_path / "out")
    assert result.reports == 4
    assert [(e["doc_id"], "simulated bug" in e["error"]) for e in result.errors] == [("r3", True)]
    summary = pd.read_csv(tmp_path / "out" / "summary.csv")
    assert sorted(summary.doc_id) == ["r0", "r1", "r2", "r4"]


def test_every_document_reads_back_into_the_same_report(batch):
    """from_json is to_json's inverse on every analysed document: the review page and the summary read the object."""
    from nlp.render import review_page
    from nlp.reportjson import from_json, to_json

    _, output = batch
    paths = sorted((output / "reports").glob("*.json"))
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    assert documents
    pages = {d["doc_id"]: f"{d['output_name']}.html" for d in documents}
    for document in documents:
        report = from_json(document)
        assert to_json(report) == document
        assert [p.text for p in report.paragraphs] == [p["text"] for p in document["paragraphs"]]
        # The page the batch wrote is the page of the report read back.
        assert review_page(report, page_for=pages) == (output / pages[document["doc_id"]]).read_text(encoding="utf-8")


def test_a_document_of_a_newer_schema_is_refused(batch):
    from nlp.errors import GovReportError
    from nlp.reportjson import SCHEMA_VERSION, from_json

    _, output = batch
    document = json.loads(next((output / "reports").glob("*.json")).read_text(encoding="utf-8"))
    document["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(GovReportError, match="schema"):
        from_json(document)


def test_pairs_refer_to_paragraphs_whose_texts_are_listed_once(batch):
    _, output = batch
    pairs = pd.read_csv(output / "copy_paste_pairs.csv", dtype=str)
    texts = pd.read_csv(output / "copy_paste_paragraphs.csv", dtype=str)
    assert list(pairs.columns) == ["doc_a", "para_a", "doc_b", "para_b", "similarity"]
    assert len(pairs) >= 5
    keys = list(zip(texts.doc_id, texts.para, strict=True))
    assert len(keys) == len(set(keys))
    sides = set(zip(pairs.doc_a, pairs.para_a, strict=True)) | set(zip(pairs.doc_b, pairs.para_b, strict=True))
    assert sides == set(keys)
    # Each text is that paragraph's text in its report's JSON.
    for doc_id, para, text in texts.itertuples(index=False):
        document = json.loads((output / "reports" / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert next(p["text"] for p in document["paragraphs"] if str(p["index"]) == para) == text


def test_resume_reads_the_sidecar_and_redoes_a_report_it_does_not_list(tmp_path, analysed_names):
    from nlp.batch import run

    inputs = _small_batch(tmp_path / "in")
    output = tmp_path / "out"
    assert main(["analyze", str(inputs), "-o", str(output), "--quiet"]) == 1
    whole = _outputs(output)
    sidecar = output / run.FINISHED_FILE
    lines = sidecar.read_text(encoding="utf-8").splitlines()
    # A run killed after a report's JSON but before its line: the line is missing (and the last one cut short).
    dropped = json.loads(lines[1])[0]
    sidecar.write_text("\n".join([lines[0], *lines[2:]])[:-3], encoding="utf-8")
    last = json.loads(lines[-1])[0]
    analysed = analysed_names
    analysed.clear()
    assert main(["analyze", str(inputs), "-o", str(output), "--quiet", "--resume", "--jobs", "1"]) == 1
    # Redone: the report without a line, the one whose line was cut, and the file that failed (it has no line).
    assert sorted(analysed) == sorted({dropped, last, "broken"})
    assert _outputs(output) == whole
    # The lines written after the cut one are whole: a second resume redoes nothing but the failed file.
    analysed.clear()
    assert main(["analyze", str(inputs), "-o", str(output), "--quiet", "--resume", "--jobs", "1"]) == 1
    assert analysed == ["broken"]


def test_review_pages_name_the_labels_in_chinese(batch):
    """Each labelled paragraph's chip gives the guide's Chinese name of its label, the key as its title."""
    from nlp.labels import GUIDE_LABELS, LABEL_NAMES

    _, output = batch
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((output / "reports").glob("*.json"))]
    checked = 0
    for document in documents:
        page = (output / f"{document['output_name']}.html").read_text(encoding="utf-8")
        for label in {p["label"] for p in document["paragraphs"] if p.get("label")}:
            assert f"<span class='tag' title='{label}'>{LABEL_NAMES[label]} " in page
            checked += 1
    assert checked >= 3
    assert set(LABEL_NAMES) == set(GUIDE_LABELS)
