"""Issue 17, a user's first day: each numbered point of the issue, as a user meets it.

Reports are made here from the project's example (copied, renamed, damaged), never from shared data.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nlp.cli import Terminated, main
from nlp.duplicates.index import DuplicateIndex

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "qinghe_culture_tourism_2023.txt"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def govreport(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The command as a user runs it, in a process of its own (for pipes, signals, exit codes)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "nlp", *args], capture_output=True, text=True, env=env, timeout=600, **kwargs)


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("govreport: error: ")]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    """Two byte-identical reports analysed together."""
    inputs = tmp_path_factory.mktemp("twins")
    for name in ("a", "b"):
        (inputs / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    output = tmp_path_factory.mktemp("twins_out") / "out"
    assert main(["analyze", str(inputs), "--output", str(output), "--quiet", "--jobs", "1"]) == 0
    return inputs, output


# -- point 2: copy-paste is symmetric ------------------------------------------------------------


def test_byte_identical_reports_are_copies_of_each_other(twins):
    _, output = twins
    with (output / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        shares = {row["doc_id"]: float(row["copied_share"]) for row in csv.DictReader(handle)}
    assert shares == {"a": 1.0, "b": 1.0}
    for name, other in (("a", "b"), ("b", "a")):
        document = json.loads((output / "reports" / f"{name}.json").read_text(encoding="utf-8"))
        paragraphs = [p for p in document["paragraphs"] if "copies" in p]
        assert paragraphs and all(p["copies"] >= 1 for p in paragraphs), name
        assert all(other in {m["doc_id"] for m in p["matches"]} for p in paragraphs), name


def test_five_copies_each_point_at_the_other_four(tmp_path):
    from nlp.structure import parse_text

    with DuplicateIndex(tmp_path / "i.sqlite") as index:
        reports = [parse_text(TEXT, doc_id=f"copy{n}") for n in range(5)]
        for report in reports:
            index.add(report)
        for report in reports:
            found = {pair.doc_b for match in index.lookup(report, 0.8) for pair in match.pairs}
            assert found == {r.doc_id for r in reports} - {report.doc_id}


# -- point 3: a run owns its output folder ---------------------------------------------------------


def test_an_earlier_run_in_the_output_is_refused_or_cleared_with_force(tmp_path, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "old.txt").write_text(TEXT, encoding="utf-8")
    (second / "new.txt").write_text(TEXT.replace("青禾县文化和旅游局", "白沙县农业农村局"), encoding="utf-8")
    output = tmp_path / "out"
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["analyze", str(first), "--output", str(output), "--quiet", "--jobs", "1"]) == 0
    (output / "my_notes.txt").write_text("the user's own file", encoding="utf-8")
    capsys.readouterr()

    assert main(["analyze", str(second), "--output", str(output), "--quiet", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("govreport: error: ") and "earlier run" in err and "--force" in err and "--resume" in err
    assert not (output / "new.html").exists() and (output / "old.html").exists()

    assert main(["analyze", str(second), "--output", str(output), "--jobs", "1", "--force"]) == 0
    assert "cleared" in capsys.readouterr().err
    assert sorted(p.name for p in (output / "reports").glob("*.json")) == ["new.json"]
    assert not (output / "old.html").exists() and (output / "new.html").exists()
    assert (output / "my_notes.txt").read_text(encoding="utf-8") == "the user's own file"
    with (output / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # The old report is not in this batch: nothing of it is compared against, or listed.
    assert [(r["doc_id"], float(r["copied_share"])) for r in rows] == [("new", 0.0)]
    assert "old.html" not in (output / "index.html").read_text(encoding="utf-8")


def test_a_second_run_into_a_locked_folder_is_refused(tmp_path):
    from nlp.outputdir import OutputBusyError, claim_output

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from nlp.outputdir import claim_output\n"
         "with claim_output(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)", str(tmp_path / "out")],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputBusyError, match="another govreport run") as caught:
            with claim_output(tmp_path / "out"):
                pass
        assert str(holder.pid) in str(caught.value)
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
        result = govreport("analyze", str(tmp_path / "in"), "--output", str(tmp_path / "out"), "--quiet")
        assert result.returncode == 1 and "another govreport run" in one_error_line(result.stderr)
    finally:
        holder.kill()
        holder.wait()
    with claim_output(tmp_path / "out"):  # released when its holder died, even by SIGKILL
        pass


# -- point 4: one error path ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make_output, expected",
    [
        (lambda tmp: tmp / "a_file.txt", "names a file"),
        (lambda tmp: tmp / "a_file.txt" / "under", "cannot create"),
        (lambda tmp: Path("/proc/no/such/place"), "cannot create"),
    ],
)
def test_an_impossible_output_is_one_usage_error(tmp_path, capsys, make_output, expected):
    (tmp_path / "a_file.txt").write_text("not a folder", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(TEXT, encoding="utf-8")
    assert main(["analyze", str(tmp_path / "in"), "--output", str(make_output(tmp_path)), "--quiet"]) == 2
    assert expected in one_error_line(capsys.readouterr().err)
    assert (tmp_path / "a_file.txt").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("value", ["1.5", "-0.1", "lots"])
def test_a_threshold_out_of_range_is_one_usage_error(tmp_path, value):
    result = govreport("analyze", str(EXAMPLE), "--output", str(tmp_path / "out"), "--threshold", value)
    assert result.returncode == 2 and "--threshold" in one_error_line(result.stderr)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["tables", "check"])
def test_a_closed_pipe_ends_quietly(tmp_path, command):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(40):  # more output than a pipe holds, so the writer meets the closed end
        (inputs / f"r{n}.txt").write_text(TEXT.replace("青禾县", f"青禾{n}县"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    pipeline = subprocess.run(
        f"{sys.executable} -m nlp {command} {inputs} --all 2>{tmp_path / 'err'} | head -1; echo \"exit ${{PIPESTATUS[0]}}\"",
        shell=True, executable="/bin/bash", capture_output=True, text=True, env=env, timeout=600,
    ) if command == "check" else subprocess.run(
        f"{sys.executable} -m nlp {command} {inputs} 2>{tmp_path / 'err'} | head -1; echo \"exit ${{PIPESTATUS[0]}}\"",
        shell=True, executable="/bin/bash", capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    err = (tmp_path / "err").read_text(encoding="utf-8")
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    lines = pipeline.stdout.splitlines()
    assert len(lines) == 2 and lines[-1] in ("exit 0", "exit 1", "exit 141")


def test_version_and_every_argument_has_help():
    from nlp import __version__
    from nlp.cli import build_parser

    result = govreport("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"govreport {__version__}"
    parser = build_parser()
    stack = [parser]
    while stack:
        current = stack.pop()
        for action in current._actions:
            if action.choices and isinstance(action.choices, dict):
                stack.extend(action.choices.values())
            elif action.dest not in ("help", "version"):
                assert action.help, f"{current.prog} {action.dest} has no help"
    analyze_help = govreport("analyze", "--help").stdout
    assert "PATH" in analyze_help and "folder for the results" in analyze_help and "cores" in analyze_help


# -- point 5: SIGTERM like Ctrl-C; workers do not outlive their parent -------------------------------


def _children(pid: int) -> set[int]:
    """Every descendant of `pid` (from /proc)."""
    found: set[int] = set()
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == parent and int(entry.name) not in found:
                    found.add(int(entry.name))
                    frontier.append(int(entry.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _start_batch(tmp_path: Path) -> tuple[subprocess.Popen, set[int]]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(30):
        (inputs / f"r{n}.txt").write_text(TEXT.replace("青禾县", f"青禾{n}县"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "nlp", "analyze", str(inputs), "--output", str(tmp_path / "out"), "--jobs", "2", "--quiet"],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2 and process.poll() is None:
        time.sleep(0.5)
        workers = _children(process.pid)
    if len(workers) < 2:
        process.kill()
        pytest.skip("the batch ended before its workers could be seen")
    time.sleep(2)
    return process, _children(process.pid)


def _gone_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.5)
    return _alive(pids)


@pytest.mark.parametrize("signal_error, code, said", [(lambda: Terminated(), 143, "terminated"), (lambda: KeyboardInterrupt(), 130, "interrupted")])
def test_a_stop_that_breaks_a_librarys_clean_up_still_exits_as_a_stop(tmp_path, capsys, monkeypatch, signal_error, code, said):
    """A signal landing while joblib starts its worker threads makes joblib's own clean-up fail ("cannot join thread
    before it is started", raised while handling the stop): the command still says it was stopped, with the stop's
    exit code and no traceback (a race the SIGTERM test below meets now and then)."""
    import nlp.analyze as analyze_module

    def stopped_mid_start(*args, **kwargs):
        try:
            raise signal_error()
        except KeyboardInterrupt as stop:
            raise RuntimeError("cannot join thread before it is started") from stop

    monkeypatch.setattr(analyze_module, "analyze", stopped_mid_start)
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    assert main(["analyze", str(tmp_path / "r.txt"), "--output", str(tmp_path / "out"), "--quiet"]) == code
    assert capsys.readouterr().err.strip().endswith(f"govreport: {said}")


def test_an_error_that_is_no_stop_is_still_raised(tmp_path, monkeypatch):
    import nlp.analyze as analyze_module

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(analyze_module, "analyze", broken)
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(RuntimeError, match="a bug"):
        main(["analyze", str(tmp_path / "r.txt"), "--output", str(tmp_path / "out"), "--quiet"])


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see worker processes")
def test_sigterm_stops_the_workers_says_so_and_exits_143(tmp_path):
    process, workers = _start_batch(tmp_path)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 143 and "govreport: terminated" in stderr and "Traceback" not in stderr, stderr
    assert not _gone_within(workers, 30)


IDLE_WORKER_PARENT = r"""
import os, sys
from joblib.executor import get_memmapping_executor
from nlp.batch.workers import watched_workers
options = watched_workers() if sys.argv[1] == "watched" else {}
executor = get_memmapping_executor(2, **options)
executor.submit(os.getpid).result()  # one task: the other worker never gets one
print(" ".join(str(pid) for pid in executor._processes), flush=True)
os._exit(0)  # gone without stopping its pool, as under SIGKILL
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see worker processes")
@pytest.mark.parametrize("options", ["watched", "plain"])
def test_a_worker_that_never_got_a_task_exits_with_its_parent(options, tmp_path):
    # The pool's options make every worker watch its parent from its start; loky's own workers
    # (plain) wait for tasks until their idle timeout (minutes), which is what this guards against.
    # Output to a file: the workers hold the parent's standard streams, a pipe would wait for them.
    printed = tmp_path / "pids.txt"
    with printed.open("w") as out:
        parent = subprocess.run(
            [sys.executable, "-c", IDLE_WORKER_PARENT, options], stdout=out, stderr=subprocess.STDOUT, timeout=300,
            env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True,
        )  # fmt: skip
    assert parent.returncode == 0, printed.read_text()
    workers = {int(pid) for pid in printed.read_text().split()}
    assert len(workers) == 2, printed.read_text()
    left = _gone_within(workers, 15)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert (not left) if options == "watched" else bool(left)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see worker processes")
def test_workers_of_a_killed_parent_exit_soon(tmp_path):
    process, workers = _start_batch(tmp_path)
    process.kill()
    process.wait()
    left = _gone_within(workers, 60)
    for pid in left:  # do not leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert not left


# -- point 6: paths that do not exist, folders without reports ------------------------------------


def test_a_missing_path_is_one_error_and_writes_nothing(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nowhere"), "--output", str(tmp_path / "out")]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert line.count("nowhere") == 1 and "no such file" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [["boilerplate"], ["dupes"], ["index", "add"]])
def test_other_commands_name_a_missing_path_once(tmp_path, capsys, command):
    extra = ["--index", str(tmp_path / "i.sqlite")] if command[0] == "index" else ["--output", str(tmp_path / "o.csv")]
    code = main([*command, str(tmp_path / "nowhere.txt"), *extra])
    err = capsys.readouterr().err
    assert code == 1 and err.count("nowhere.txt") == 1 and "Traceback" not in err, err


@pytest.mark.parametrize("files", [[], ["scan.jpg", "figures.xls"]])
def test_a_folder_without_reports_says_what_it_skipped(tmp_path, capsys, files):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in files:
        (folder / name).write_bytes(b"\xd0\xcf\x11\xe0 not a report")
    assert main(["analyze", str(folder), "--output", str(tmp_path / "out")]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert "no report files" in line
    assert all(name in line for name in files) and (".jpg" in line if files else "empty" in line)
    assert not (tmp_path / "out").exists()


# -- point 7: commands that must not surprise ------------------------------------------------------


def _label_rows(tmp_path: Path, labelled: bool) -> Path:
    """A labelled sheet written here: paragraphs of the example under two labels, a few unlabelled."""
    rows = []
    paragraphs = [line for line in TEXT.splitlines() if len(line) > 30][:12]
    for n, text in enumerate(paragraphs):
        label = ("platform" if n % 2 else "active_disclosure") if labelled and n < 10 else ""
        rows.append({"doc_id": f"d{n % 4}", "para_index": n, "text": text, "label": label, "kind": "narrative"})
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_fit_boilerplate_will_not_replace_the_shipped_models_without_force(tmp_path, capsys):
    from nlp.modelfiles.store import SHIPPED_MODELS

    before = {p.name: p.stat().st_mtime_ns for p in SHIPPED_MODELS.iterdir()}
    assert main(["fit-boilerplate", str(EXAMPLE)]) == 2
    assert "--force" in one_error_line(capsys.readouterr().err)
    assert {p.name: p.stat().st_mtime_ns for p in SHIPPED_MODELS.iterdir()} == before


def test_index_info_without_an_index_creates_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOVREPORT_INDEX", raising=False)
    assert main(["index", "info"]) == 1
    assert "no index" in one_error_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


def test_train_says_how_many_rows_it_left_out(tmp_path, capsys):
    labels = _label_rows(tmp_path, labelled=True)
    main(["train", str(labels), "--output", str(tmp_path / "m.joblib"), "--folds", "2"])
    assert "training on 10 of 12 row(s); left out 2 without a label" in capsys.readouterr().err


def test_evaluate_on_a_sheet_without_labels_says_so(tmp_path, capsys):
    from nlp.modelfiles.store import SHIPPED_MODELS

    labels = _label_rows(tmp_path, labelled=False)
    assert main(["evaluate", str(SHIPPED_MODELS / "paragraphs.joblib"), str(labels)]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert "no labelled paragraphs to evaluate" in line and "train" not in line


@pytest.mark.parametrize("value", ["0", "-3"])
def test_suggest_needs_at_least_one_paragraph(tmp_path, value):
    result = govreport("suggest", str(EXAMPLE), "--n", value, "--output", str(tmp_path / "s.csv"))
    assert result.returncode == 2 and "--n" in one_error_line(result.stderr)
    assert not (tmp_path / "s.csv").exists()


# -- points 8 and 9: outputs for Excel and Chinese readers; counts that agree --------------------


@pytest.fixture(scope="module")
def mixed_batch(tmp_path_factory):
    """The example, the example with a total that does not add up, and one with a doubled word (an
    audit) and a title a spreadsheet would run as a formula."""
    inputs = tmp_path_factory.mktemp("mixed")
    (inputs / "clean.txt").write_text(TEXT, encoding="utf-8")
    broken = TEXT.replace("（七）总计\t14\t2\t0\t1\t1\t0\t18", "（七）总计\t14\t2\t0\t1\t1\t0\t81")
    assert broken != TEXT
    (inputs / "bad_total.txt").write_text(broken, encoding="utf-8")
    # Its file name, hence its doc_id, is a formula to a spreadsheet.
    doubled = TEXT.replace("所有申请均在法定期限内答复", "所有申请申请均在法定期限内答复")
    (inputs / "=audit.txt").write_text(doubled, encoding="utf-8")
    output = tmp_path_factory.mktemp("mixed_out") / "out"
    code = main(["analyze", str(inputs), "--output", str(output), "--quiet", "--jobs", "1"])
    return inputs, output, code


def test_csv_files_open_in_excel(mixed_batch):
    from nlp.export import read_csv

    _, output, _ = mixed_batch
    for name in ("summary.csv", "table_cells.csv", "copy_paste_pairs.csv", "copy_paste_paragraphs.csv"):
        assert (output / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    raw = (output / "summary.csv").read_text(encoding="utf-8-sig")
    ids = {row["doc_id"] for row in read_csv(output / "summary.csv")}
    assert "=audit" in ids and "\n'=audit," in raw  # escaped on disk, given back whole
    cells = list(read_csv(output / "table_cells.csv"))
    assert {(c["row"], c["row_label"]) for c in cells} >= {("new_received", "一、本年新收"), ("total_handled", "（七）总计")}
    assert {(c["col"], c["col_label"]) for c in cells} >= {("natural_person", "自然人"), ("in_force", "现行有效件数")}


def test_the_workbook_is_made_for_people(mixed_batch):
    import openpyxl

    _, output, _ = mixed_batch
    book = openpyxl.load_workbook(output / "summary.xlsx")
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(sheet.column_dimensions[letter].width >= 6 for letter in ("A", "B")), sheet.title
    summary = book["summary"]
    header = [c.value for c in summary[1]]
    ids = [row[header.index("doc_id")] for row in summary.iter_rows(min_row=2)]
    hostile = [cell for cell in ids if str(cell.value).startswith("=")]
    assert [c.value for c in hostile] == ["=audit"] and hostile[0].data_type != "f"  # text, never a formula
    assert summary.column_dimensions[chr(ord("A") + header.index("title"))].width > summary.column_dimensions["A"].width
    cells = book["table_cells"]
    columns = [c.value for c in cells[1]]
    assert columns[:5] == ["doc_id", "table", "row", "col", "value"] and {"row_label", "col_label"} <= set(columns)


def test_pages_speak_chinese(mixed_batch):
    _, output, _ = mixed_batch
    page = (output / "clean.html").read_text(encoding="utf-8")
    assert "一、本年新收" in page and "自然人" in page and "三、收到和处理政府信息公开申请情况" in page
    assert ">new_received<" not in page and ">natural_person<" not in page  # keys only on hover
    index = (output / "index.html").read_text(encoding="utf-8")
    assert "3 份报告" in index and "reports" in index


def test_one_report_is_one_report_not_one_reports():
    from nlp.render import index_page_parts

    page = "".join(index_page_parts([], 1, {}))
    assert "1 reports" not in page and "1 份报告" in page and "(1 report)" in page


def test_check_summary_and_index_count_failures_alike(mixed_batch, capsys):
    from nlp.export import read_csv

    inputs, output, code = mixed_batch
    rows = {row["doc_id"]: row for row in read_csv(output / "summary.csv")}
    failing = {doc for doc, row in rows.items() if int(row["checks_failed"])}
    assert failing == {"bad_total"}
    assert int(rows["=audit"]["audits_failed"]) >= 1 and int(rows["=audit"]["checks_failed"]) == 0
    capsys.readouterr()
    assert main(["check", str(inputs), "--no-years"]) == 1
    out = capsys.readouterr().out
    assert f"{len(failing)} report(s) with failures" in out
    index = (output / "index.html").read_text(encoding="utf-8")
    cells = {doc: index.split(f"href='{row['page']}'")[1].split("</tr>")[0] for doc, row in rows.items()}
    assert [doc for doc, row in cells.items() if f"<td>{rows[doc]['checks_failed']}</td>" in row] == list(cells)
    assert main(["check", str(inputs), "--no-years", "--strict"]) == 1
    assert "2 report(s) with failures" in capsys.readouterr().out


def test_jobs_default_to_the_cores_this_process_may_use():
    from nlp.cli import build_parser
    from nlp.cli.common import available_cores

    args = build_parser().parse_args(["analyze", str(EXAMPLE), "--output", "x"])
    assert args.jobs == available_cores() == len(os.sched_getaffinity(0))


def test_progress_starts_at_once_without_an_empty_bar(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    result = govreport("analyze", str(tmp_path / "in"), "--output", str(tmp_path / "out"), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("govreport: ") and "loading the models" in first
    # The bar of a run that has not counted anything yet: `0input [00:00, ?input/s]` (`report` in pass 2).
    assert not re.search(r"(?:^|\r)\s*0(?:input|report) \[", result.stderr, re.M), result.stderr
    assert "input/s" in result.stderr or "input]" in result.stderr  # pass 1 counts the inputs


@pytest.mark.parametrize("command", [["dupes", "-o", "p.csv"], ["boilerplate", "-o", "b.jsonl"], ["index", "add", "--index", "i.sqlite"], ["tables"], ["check"]])
def test_every_command_refuses_a_folder_without_reports(tmp_path, capsys, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert main([*command[:2], "in", *command[2:]] if command[0] == "index" else [command[0], "in", *command[1:]]) == 1
    assert "old.xls" in one_error_line(capsys.readouterr().err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no empty outputs
