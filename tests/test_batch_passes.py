"""The batch's passes and workers: resume checks the index, a process keeps its models per settings,
and paragraph inputs come as `ParagraphBatch`es."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "qinghe_culture_tourism_2023.txt"


def _batch(folder: Path) -> Path:
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for year in (2021, 2022, 2023):
        (folder / f"r_{year}.txt").write_text(text.replace("2023", str(year)), encoding="utf-8")
    return folder


def _outputs(folder: Path) -> dict[str, bytes]:
    names = ["summary.csv", "table_cells.csv", "copy_paste_pairs.csv", "copy_paste_paragraphs.csv", *[p.name for p in folder.glob("*.html")]]
    names += [f"reports/{p.name}" for p in (folder / "reports").glob("*.json")]
    names.append(".finished.jsonl")  # in input order, whatever order the run wrote its lines in
    return {name: (folder / name).read_bytes() for name in names if (folder / name).exists()}


def test_resume_redoes_a_finished_report_the_index_lost(tmp_path, analysed_names):
    """The index is not flushed per report: after a power cut its last additions may be gone while
    their sidecar lines survived. --resume redoes those reports, and the outputs are as a whole run's."""
    from nlp.batch.state import FINISHED_FILE
    from nlp.duplicates.index import DuplicateIndex
    from nlp.reportjson import read_report_json

    inputs = _batch(tmp_path / "in")
    whole = tmp_path / "whole"
    assert main(["analyze", str(inputs), "-o", str(whole), "--quiet", "--jobs", "1"]) == 0
    names = [json.loads(line)[0] for line in (whole / FINISHED_FILE).read_text(encoding="utf-8").splitlines()]
    assert len(names) == 3
    resumed = tmp_path / "resumed"
    shutil.copytree(whole, resumed)
    for suffix in ("", "-wal", "-shm"):
        (resumed / f"index.sqlite{suffix}").unlink(missing_ok=True)
    with DuplicateIndex(resumed / "index.sqlite") as index:  # the index as the cut left it: the last report missing
        for name in names[:-1]:
            index.add(read_report_json(resumed / "reports" / f"{name}.json"))
    analysed = analysed_names
    analysed.clear()
    assert main(["analyze", str(inputs), "-o", str(resumed), "--quiet", "--resume", "--jobs", "1"]) == 0
    assert analysed == [names[-1]]
    assert _outputs(resumed) == _outputs(whole)
    with DuplicateIndex(resumed / "index.sqlite") as index:
        assert len(index) == 3


def test_a_process_keeps_its_steps_for_the_same_model_settings(monkeypatch):
    from nlp.batch import workers
    from nlp.batch.state import AnalysisConfig

    loaded: list[tuple[str | None, bool]] = []

    def fake_load(cls, model=None, trust_model=False):
        loaded.append((model, trust_model))
        return object()

    monkeypatch.setattr(workers.Steps, "load", classmethod(fake_load))
    holder = workers.ProcessSteps()
    first = holder.get(AnalysisConfig())
    assert holder.get(AnalysisConfig()) is first
    other = holder.get(AnalysisConfig(model="other.joblib"))
    assert other is not first and holder.get(AnalysisConfig(model="other.joblib")) is other
    assert loaded == [(None, False), ("other.joblib", False)]


def test_models_load_with_the_collector_off_and_are_frozen_only_in_the_packages_processes(monkeypatch):
    """Loading runs without garbage collections; the collector is as it was after; the loaded
    models are frozen out of later collections only where `freeze` says the process is the
    package's (a worker, the command line), and unfrozen before other models replace them."""
    import gc

    from nlp.batch import workers
    from nlp.batch.state import AnalysisConfig

    during: list[bool] = []

    def fake_load(cls, model=None, trust_model=False):
        during.append(gc.isenabled())
        return [object()]

    monkeypatch.setattr(workers.Steps, "load", classmethod(fake_load))
    gc.unfreeze()
    try:
        caller = workers.ProcessSteps()
        caller.get(AnalysisConfig())
        assert gc.isenabled() and gc.get_freeze_count() == 0
        gc.disable()  # a caller that turned the collector off keeps it off
        workers.ProcessSteps().get(AnalysisConfig())
        assert not gc.isenabled()
        gc.enable()
        own = workers.ProcessSteps(freeze=True)
        own.get(AnalysisConfig())
        assert gc.isenabled() and gc.get_freeze_count() > 0
        gc.collect()
        frozen = gc.get_freeze_count()
        own.get(AnalysisConfig(model="other.joblib"))  # unfrozen, then the new models frozen
        assert gc.get_freeze_count() > 0
        assert during == [False, False, False, False]
        assert frozen > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_paragraph_batches_give_a_batch_per_input_and_one_per_failure(tmp_path):
    from nlp.classify.inputs import ParagraphBatch, paragraph_batches

    paragraphs = tmp_path / "p.jsonl"
    paragraphs.write_text(json.dumps({"text": "全年主动公开政府信息86条。"}, ensure_ascii=False) + "\nnot json\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    batches = list(paragraph_batches([str(paragraphs), str(EXAMPLE), str(missing)]))
    assert all(isinstance(batch, ParagraphBatch) for batch in batches)
    failed = [batch for batch in batches if batch.error is not None]
    # A bad line is a failure of its own, named FILE:LINE as in every command (nlp.inputs.InputFailure).
    assert [batch.source for batch in failed] == [f"{paragraphs}:2", str(missing)]
    assert failed[0].error.startswith(f"{paragraphs}:2:") and not failed[0].records
    good = [batch for batch in batches if batch.error is None]
    assert [batch.source for batch in good] == [str(paragraphs), str(EXAMPLE)]
    assert len(good[0].records) == 1 and good[0].targets == [0] and len(good[0].inputs) == 1
    report = good[1]
    assert len(report.records) > 5 and report.targets == list(range(len(report.records))) and len(report.inputs) == len(report.targets)


def test_reports_held_between_the_passes_give_the_files_read_back_ones_give(tmp_path, monkeypatch):
    """With one job, the reports pass 1 analysed stay in memory for pass 2 and the checks across
    years (up to a budget of characters); beyond it they are read back from their JSON. Held, read
    back or some of each: the same files, and a held report is never read back."""
    from nlp.batch import state

    inputs = _batch(tmp_path / "in")
    reads: list[str] = []
    real_read = state.read_report_json

    def counted(path):
        reads.append(Path(path).stem)
        return real_read(path)

    monkeypatch.setattr(state, "read_report_json", counted)
    one_report = len(EXAMPLE.read_text(encoding="utf-8")) + 100
    results = {}
    for budget in (0, one_report, state.KEPT_CHARACTERS):
        reads.clear()
        output = tmp_path / f"out{budget}"
        held = [] if budget == state.KEPT_CHARACTERS else ["--hold-characters", str(budget)]  # the default, and the flag
        assert main(["analyze", str(inputs), "-o", str(output), "--quiet", "--jobs", "1", *held]) == 0
        results[budget] = (_outputs(output), sorted(set(reads)))
    files = [outputs for outputs, _ in results.values()]
    assert files[0] == files[1] == files[2]
    assert len(files[0]) == 4 + 1 + 3 + 3 + 1  # the batch files, index.html, 3 pages, 3 JSON documents, FINISHED_FILE
    assert results[0][1] == ["r_2021", "r_2022", "r_2023"]  # nothing held: every report read back
    assert results[one_report][1] == ["r_2022", "r_2023"]  # the first held, the rest read back
    assert results[state.KEPT_CHARACTERS][1] == []


# ---------------------------------------------------------------------------------------------
# A held report's JSON is written once (by pass 2); a run stopped early writes the rest
# ---------------------------------------------------------------------------------------------


def _four_reports(folder: Path) -> Path:
    """Three years of one agency and a copy of its latest report by another agency."""
    _batch(folder)
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / "s_2023.txt").write_text(text.replace("青禾县文化和旅游局", "白沙县农业农村局"), encoding="utf-8")
    return folder


def _written(output: Path) -> tuple[list[str], list[str]]:
    """The names FINISHED_FILE lists and those whose JSON is whole; every listed one must be whole."""
    from nlp.batch.state import FINISHED_FILE

    lines = (output / FINISHED_FILE).read_text(encoding="utf-8").splitlines()
    listed = [json.loads(line)[0] for line in lines if line]
    whole = sorted(p.stem for p in (output / "reports").glob("*.json") if p.read_bytes().endswith(b"}"))
    assert set(listed) <= set(whole), "a line of FINISHED_FILE before its report's JSON"
    return listed, whole


@pytest.fixture
def whole_run(tmp_path) -> tuple[Path, dict[str, bytes]]:
    inputs = _four_reports(tmp_path / "in")
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "whole"), "--quiet", "--jobs", "1"]) == 0
    return inputs, _outputs(tmp_path / "whole")


def test_held_reports_are_written_once(tmp_path, monkeypatch):
    """With one job and the reports held, each report's JSON is written once (by pass 2)."""
    from nlp.batch import passes, state

    inputs = _four_reports(tmp_path / "in")
    writes: list[str] = []
    real = state.write_report_json

    def counted(path, report):
        writes.append(Path(path).stem)
        return real(path, report)

    monkeypatch.setattr(state, "write_report_json", counted)
    monkeypatch.setattr(passes, "write_report_json", counted)
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "out"), "--quiet", "--jobs", "1"]) == 0
    assert sorted(writes) == sorted(set(writes)) and len(writes) == 4


def test_a_run_interrupted_in_pass_one_resumes_without_analysing_its_held_reports_again(tmp_path, whole_run, analysed_names):
    from nlp.batch.run import AnalysisConfig, analyze

    inputs, whole = whole_run

    def interrupt(stage: str, done: int, total: int, item: str) -> None:
        if stage == "read" and done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        analyze([inputs], tmp_path / "out", AnalysisConfig(), on_progress=interrupt)
    listed, whole_json = _written(tmp_path / "out")
    assert listed == whole_json == ["r_2021", "r_2022"]  # held in memory, written as the run stopped
    analysed_names.clear()
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "out"), "--quiet", "--resume", "--jobs", "1"]) == 0
    assert analysed_names == ["r_2023", "s_2023"]
    assert _outputs(tmp_path / "out") == whole


def test_a_run_interrupted_in_the_middle_of_pass_two_resumes_without_pass_one(tmp_path, whole_run, analysed_names, monkeypatch):
    """Ctrl-C (or SIGTERM, which the command line raises as an exception) while pass 2 works on a
    report: the held reports pass 2 had not written are written as pass 1 left them, even the one
    pass 2 had half done; --resume analyses nothing again."""
    from nlp.batch import state
    from nlp.batch.run import AnalysisConfig, analyze

    inputs, whole = whole_run
    real = state.add_reuse
    calls: list[str] = []

    def interrupted(report, *args, **kwargs):
        calls.append(report.doc_id)
        if len(calls) == 3:  # its copies are on it already, its reuse not yet
            raise KeyboardInterrupt
        return real(report, *args, **kwargs)

    monkeypatch.setattr(state, "add_reuse", interrupted)
    with pytest.raises(KeyboardInterrupt):
        analyze([inputs], tmp_path / "out", AnalysisConfig())
    monkeypatch.undo()
    listed, whole_json = _written(tmp_path / "out")
    assert sorted(listed) == whole_json == ["r_2021", "r_2022", "r_2023", "s_2023"]
    half_done = json.loads((tmp_path / "out" / "reports" / f"{calls[-1]}.json").read_text(encoding="utf-8"))
    assert "copied_share" not in half_done and not any("copies" in p for p in half_done["paragraphs"])
    finished_before = json.loads((tmp_path / "out" / "reports" / f"{calls[0]}.json").read_text(encoding="utf-8"))
    assert "copied_share" in finished_before  # pass 2 wrote it, and it stays
    analysed_names.clear()
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "out"), "--quiet", "--resume", "--jobs", "1"]) == 0
    assert analysed_names == []
    assert _outputs(tmp_path / "out") == whole


KILLED_IN_PASS_TWO = """
import os, signal, sys
from nlp.batch.run import AnalysisConfig, analyze

def kill(stage, done, total, item):
    if stage == "finish" and done == 2:
        os.kill(os.getpid(), signal.SIGKILL)

analyze([sys.argv[1]], sys.argv[2], AnalysisConfig(), on_progress=kill)
"""


@pytest.mark.skipif(not hasattr(os, "kill") or sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_run_killed_outright_in_pass_two_redoes_only_its_unwritten_reports(tmp_path, whole_run, analysed_names):
    """SIGKILL runs no `finally`: the held reports pass 2 had not written are lost, and --resume
    analyses them again (never a report listed as done without its JSON)."""
    inputs, whole = whole_run
    killed = subprocess.run([sys.executable, "-c", KILLED_IN_PASS_TWO, str(inputs), str(tmp_path / "out")], capture_output=True, timeout=600)
    assert killed.returncode == -9, killed.stderr.decode()[-2000:]
    listed, whole_json = _written(tmp_path / "out")
    assert sorted(listed) == whole_json == ["r_2021", "r_2022"]  # the two pass 2 finished before the kill
    analysed_names.clear()
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "out"), "--quiet", "--resume", "--jobs", "1"]) == 0
    assert analysed_names == ["r_2023", "s_2023"]
    assert _outputs(tmp_path / "out") == whole


def test_a_held_report_pass_two_fails_on_keeps_the_json_pass_one_made(tmp_path, monkeypatch):
    from nlp.batch import state

    inputs = _four_reports(tmp_path / "in")
    real = state.add_reuse

    def failing(report, *args, **kwargs):
        if report.doc_id == "r_2022":
            raise ValueError("planted")
        return real(report, *args, **kwargs)

    monkeypatch.setattr(state, "add_reuse", failing)
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "out"), "--quiet", "--jobs", "1"]) == 1
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["doc_id"] for e in errors] == ["r_2022"] and "planted" in errors[0]["error"]
    listed, whole_json = _written(tmp_path / "out")
    assert listed == whole_json == ["r_2021", "r_2022", "r_2023", "s_2023"]
    document = json.loads((tmp_path / "out" / "reports" / "r_2022.json").read_text(encoding="utf-8"))
    assert "copied_share" not in document and document["output_name"] == "r_2022"
    # the report after it, whose previous year r_2022 is, reads it as pass 1 left it
    assert json.loads((tmp_path / "out" / "reports" / "r_2023.json").read_text(encoding="utf-8"))["yoy_previous"] == "r_2022"


KILLED_BEFORE_A_CHUNK_COMMITS = """
import contextlib, os, signal, sys
from nlp.batch import passes, run
from nlp.batch.run import AnalysisConfig, analyze
from nlp.duplicates.index import DuplicateIndex

passes.CHUNK_REPORTS = 2  # two chunks of the four reports
real = DuplicateIndex.adding
blocks = []

@contextlib.contextmanager
def adding(self):
    with real(self):
        yield self
        blocks.append(len(self))
        if len(blocks) == 2:  # the second chunk's additions made and its JSON written, not committed
            os.kill(os.getpid(), signal.SIGKILL)

DuplicateIndex.adding = adding
analyze([sys.argv[1]], sys.argv[2], AnalysisConfig(hold_characters=0))  # nothing held: pass 1 writes each JSON and line itself
"""


@pytest.mark.skipif(not hasattr(os, "kill") or sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_run_killed_before_a_chunks_index_additions_commit_redoes_that_chunk(tmp_path, whole_run, analysed_names):
    """Pass 1 adds a chunk's reports to the index in one transaction and writes their lines of
    FINISHED_FILE after it commits: killed in between, the index and the file both lack the chunk
    (its JSON may be written), and --resume analyses the chunk again, nothing else."""
    from nlp.duplicates.index import DuplicateIndex

    inputs, whole = whole_run
    killed = subprocess.run([sys.executable, "-c", KILLED_BEFORE_A_CHUNK_COMMITS, str(inputs), str(tmp_path / "out")], capture_output=True, timeout=600)
    assert killed.returncode == -9, killed.stderr.decode()[-2000:]
    listed, whole_json = _written(tmp_path / "out")
    assert listed == ["r_2021", "r_2022"]  # the first chunk, committed
    assert whole_json == ["r_2021", "r_2022", "r_2023", "s_2023"]  # the second's JSON, written before the kill
    with DuplicateIndex(tmp_path / "out" / "index.sqlite") as index:
        assert sorted(row["doc_id"] for row in index.documents()) == ["r_2021", "r_2022"]
    analysed_names.clear()
    assert main(["analyze", str(inputs), "-o", str(tmp_path / "out"), "--quiet", "--resume", "--jobs", "1"]) == 0
    assert analysed_names == ["r_2023", "s_2023"]
    assert _outputs(tmp_path / "out") == whole


def test_hold_characters_is_checked_and_its_help_names_the_default(capsys):
    """The flag refuses what is not a whole number of 0 or more, and the default its help names
    (written there so that building the parser imports no batch code) is the one the batch uses."""
    from nlp.batch import state
    from nlp.cli import main

    assert state.AnalysisConfig().hold_characters == state.KEPT_CHARACTERS
    for wrong in ("-1", "lots"):
        assert main(["analyze", "x.txt", "-o", "out", "--hold-characters", wrong]) == 2
        assert "--hold-characters" in capsys.readouterr().err
    assert main(["analyze", "--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert f"default: {state.KEPT_CHARACTERS:,}" in shown
