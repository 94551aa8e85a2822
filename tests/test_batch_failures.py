"""A batch never fails as a whole because of one file: a worker killed hard (SIGKILL, as the OOM
killer and `ulimit -t` do), a file that runs over `--file-timeout`, inputs that share a name, names too
long for the file system, outputs that cannot be written.

The worker-killing file is made by a test-only hook: a `sitecustomize.py` put first on the
`PYTHONPATH` of the child `govreport` (and so of its worker processes), which wraps the reader so that
reading a file whose name holds a marker kills the process reading it with SIGKILL. Nothing of it is
in the package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "qinghe_culture_tourism_2023.txt"

HOOK = '''
import os, signal, time
import nlp.structure as _structure

_real = _structure.read_text


def read_text(path, *args, **kwargs):
    name = os.path.basename(str(path))
    log = os.environ.get("HOOK_LOG")
    if log and ("KILLER" in name or "SLOW" in name):
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(name + "\\n")
    if "KILLER" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "SLOW" in name:
        time.sleep(120)
    return _real(path, *args, **kwargs)


_structure.read_text = read_text
'''


def _reports(folder: Path, count: int) -> list[Path]:
    """`count` distinct reports: the example with another agency and year each."""
    text = EXAMPLE.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        path = folder / f"county_{number:02d}.txt"
        path.write_text(text.replace("青禾县", f"第{number}号县").replace("2023", str(2000 + number)), encoding="utf-8")
        made.append(path)
    return made


def run_cli(args: list[str], tmp_path: Path, hooked: bool = True, log: Path | None = None) -> subprocess.CompletedProcess:
    paths = [str(REPO)]
    if hooked:
        hook_dir = tmp_path / "hook"
        hook_dir.mkdir(exist_ok=True)
        (hook_dir / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
        paths.insert(0, str(hook_dir))
    env = os.environ | {"PYTHONPATH": os.pathsep.join(paths), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    if log is not None:
        env["HOOK_LOG"] = str(log)
    return subprocess.run([sys.executable, "-m", "nlp", *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)


def _errors(output: Path) -> list[dict]:
    return [json.loads(line) for line in (output / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


def _summary_ids(output: Path) -> list[str]:
    from nlp.export import read_csv  # summary.csv carries a byte-order mark and escaped cells

    return [row["doc_id"] for row in read_csv(output / "summary.csv")]


def _files(output: Path) -> dict[str, bytes]:
    """Every file of a run but the index database, the workbook (a zip that holds its time of writing)
    and the output folder's lock (it names the process that holds it)."""
    skipped = ("index.sqlite", "summary.xlsx", ".govreport.lock")
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file() and p.name not in skipped}


def test_a_killed_worker_costs_its_file_and_resume_goes_past_it(tmp_path):
    inputs = tmp_path / "in"
    good = _reports(inputs, 11)
    killer = inputs / "county_05_KILLER.txt"
    killer.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    log = tmp_path / "hook.log"
    output = tmp_path / "out"

    first = run_cli(["analyze", "in", "-o", "out", "--jobs", "2", "--quiet"], tmp_path, log=log)
    assert first.returncode == 1, first.stderr[-3000:]
    assert "Traceback" not in first.stderr
    errors = _errors(output)
    assert [e["doc_id"] for e in errors] == [killer.stem]
    assert "worker killed: signal 9 (SIGKILL)" in errors[0]["error"] and errors[0]["kind"] == "worker_killed"
    assert str(killer.relative_to(tmp_path)) in errors[0]["error"]
    assert sorted(_summary_ids(output)) == sorted(p.stem for p in good)
    assert all((output / "reports" / f"{p.stem}.json").is_file() for p in good)
    tries = len(log.read_text(encoding="utf-8").splitlines())
    assert tries >= 2  # in its chunk, then alone (and maybe with its chunk alone first)
    whole = _files(output)

    again = run_cli(["analyze", "in", "-o", "out", "--jobs", "2", "--quiet", "--resume"], tmp_path, log=log)
    assert again.returncode == 1
    assert len(log.read_text(encoding="utf-8").splitlines()) == tries  # not tried again
    assert _files(output) == whole  # the same error, the same results, byte for byte

    retried = run_cli(["analyze", "in", "-o", "out", "--jobs", "2", "--quiet", "--resume", "--retry-failed"], tmp_path, log=log)
    assert retried.returncode == 1
    assert len(log.read_text(encoding="utf-8").splitlines()) > tries
    assert _errors(output) == errors

    # Once the file is fixed (changed), a plain --resume tries it again.
    killer.rename(inputs / "county_05_fixed.txt")
    fixed = run_cli(["analyze", "in", "-o", "out", "--jobs", "2", "--quiet", "--resume"], tmp_path, log=log)
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert "county_05_fixed" in _summary_ids(output)


def test_a_file_over_the_time_limit_is_one_error(tmp_path):
    inputs = tmp_path / "in"
    good = _reports(inputs, 2)
    (inputs / "county_SLOW.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli(["analyze", "in", "-o", "out", "--quiet", "--file-timeout", "3"], tmp_path)
    assert result.returncode == 1, result.stderr[-2000:]
    errors = _errors(tmp_path / "out")
    assert [(e["doc_id"], e["kind"]) for e in errors] == [("county_SLOW", "timeout")]
    assert "--file-timeout" in errors[0]["error"]
    assert sorted(_summary_ids(tmp_path / "out")) == sorted(p.stem for p in good)


def test_inputs_with_the_same_name_never_share_a_row_a_page_or_a_file(tmp_path):
    from nlp.cli import main

    text = EXAMPLE.read_text(encoding="utf-8")
    inputs = tmp_path / "in"
    for relative, year in (("2023/report.txt", "2023"), ("2024/report.txt", "2024"), ("a.txt", "2021"), ("a.md", "2020")):
        (inputs / relative).parent.mkdir(parents=True, exist_ok=True)
        (inputs / relative).write_text(text.replace("2023", year), encoding="utf-8")
    # 82 characters, 246 bytes: the input's name fits (255 bytes), the temporary beside an output would not
    long_stem = "青禾县文化和旅游局" * 9 + "甲"
    (inputs / f"{long_stem}.txt").write_text(text.replace("2023", "2019"), encoding="utf-8")
    output = tmp_path / "out"
    assert main(["analyze", str(inputs), "-o", str(output), "--quiet"]) == 0
    ids = _summary_ids(output)
    assert sorted(ids) == sorted(["2023/report", "2024/report", "a.md", "a.txt", long_stem])
    pages = {p.name for p in output.glob("*.html")} - {"index.html"}
    jsons = {p.name for p in (output / "reports").glob("*.json")}
    assert len(pages) == len(jsons) == 5
    assert all(len(name.encode("utf-8")) <= 130 for name in pages | jsons)
    # Each JSON holds its own report (the year tells them apart).
    years = sorted(json.loads(p.read_text(encoding="utf-8"))["year"] for p in (output / "reports").glob("*.json"))
    assert years == [2019, 2020, 2021, 2023, 2024]


def test_long_names_parse_and_stay_distinct(tmp_path):
    from nlp.cli import main
    from nlp.files import safe_name

    text = EXAMPLE.read_text(encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    stems = ["青禾县文化和旅游局" * 9 + tail for tail in ("甲", "乙")]  # share their first 81 characters
    for stem in stems:
        (inputs / f"{stem}.txt").write_text(text, encoding="utf-8")
    assert main(["parse", str(inputs), "-o", str(tmp_path / "out")]) == 0
    written = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert len(written) == 2 and written[0] != written[1]
    assert safe_name(stems[0]) == safe_name(stems[0])  # stable: a rerun writes the same file
    for name in written:
        assert len(name.encode("utf-8")) <= 130


def test_symlinks_out_of_the_folder_are_not_followed_unless_asked(tmp_path):
    from nlp.cli import main

    inputs = tmp_path / "in"
    _reports(inputs, 1)
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(EXAMPLE.read_text(encoding="utf-8").replace("青禾县", "秘密县"), encoding="utf-8")
    (inputs / "link.txt").symlink_to(secret)
    (inputs / "linked_folder").symlink_to(secret.parent, target_is_directory=True)
    output = tmp_path / "out"
    assert main(["analyze", str(inputs), "-o", str(output), "--quiet"]) == 1
    errors = _errors(output)
    assert sorted(Path(e["source"]).name for e in errors) == ["link.txt", "linked_folder"]
    assert all("--follow-links" in e["error"] for e in errors)
    assert _summary_ids(output) == ["county_00"]
    assert not any("秘密县" in p.read_text(encoding="utf-8") for p in output.glob("*.html"))

    followed = tmp_path / "followed"
    assert main(["analyze", str(inputs), "-o", str(followed), "--quiet", "--follow-links"]) == 0
    # The same file through two links is read once.
    assert sorted(_summary_ids(followed)) == ["county_00", "link"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_is_one_line_and_exit_2(tmp_path):
    inputs = tmp_path / "in"
    _reports(inputs, 1)
    output = tmp_path / "out"
    output.mkdir()
    output.chmod(0o500)
    try:
        result = run_cli(["analyze", "in", "-o", "out", "--quiet"], tmp_path, hooked=False)
    finally:
        output.chmod(0o700)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("govreport: error: out")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["analyze", "--quiet"], ["parse"]])
def test_an_output_that_is_a_file_is_one_line_and_exit_2(tmp_path, command):
    inputs = tmp_path / "in"
    _reports(inputs, 1)
    (tmp_path / "out").write_text("mine", encoding="utf-8")
    result = run_cli([command[0], "in", "-o", "out", *command[1:]], tmp_path, hooked=False)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("govreport: error: out: ") and "file" in line and "folder" in line, line
    assert (tmp_path / "out").read_text(encoding="utf-8") == "mine"


@pytest.fixture
def small_disk(tmp_path):
    """A 300 KB tmpfs (needs root and mount rights; skipped otherwise), unmounted after the test."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mount_point)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({made.stderr.strip() or 'mount failed'})")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def _comparable(output: Path) -> dict[str, bytes]:
    return {name: data for name, data in _files(output).items() if not name.startswith(".")}


def test_a_full_disk_is_one_line_and_exit_2_and_resume_after_making_room_gives_the_same_files(tmp_path, small_disk):
    _reports(tmp_path / "in", 20)  # about 500 KB of output: more than the disk holds
    full = run_cli(["analyze", "in", "-o", str(small_disk / "out"), "--quiet"], tmp_path, hooked=False)
    assert full.returncode == 2, full.stderr[-2000:]
    assert "Traceback" not in full.stderr
    assert full.stderr.strip().splitlines()[-1].startswith(f"govreport: error: {small_disk / 'out'}: no space left on the device")
    assert "--resume" in full.stderr
    kept = list((small_disk / "out" / "reports").glob("*.json"))
    assert kept and all(p.read_bytes().endswith(b"}") for p in kept)  # what was written is whole

    subprocess.run(["mount", "-o", "remount,size=50m", str(small_disk)], check=True)
    resumed = run_cli(["analyze", "in", "-o", str(small_disk / "out"), "--quiet", "--resume"], tmp_path, hooked=False)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    fresh = run_cli(["analyze", "in", "-o", "fresh", "--quiet"], tmp_path, hooked=False)
    assert fresh.returncode == 0
    assert _comparable(small_disk / "out") == _comparable(tmp_path / "fresh")


def test_a_read_only_disk_is_one_line_and_exit_2(tmp_path, small_disk):
    _reports(tmp_path / "in", 1)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = run_cli(["analyze", "in", "-o", str(small_disk / "out"), "--quiet"], tmp_path, hooked=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"govreport: error: {small_disk / 'out'}: ") and "Read-only file system" in line, line
