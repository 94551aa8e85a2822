"""The one input layer: files, folders and JSON Lines → Report | InputFailure, in order, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

from nlp.inputs import InputFailure, failure, read_inputs
from nlp.report import Report

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "qinghe_culture_tourism_2023.txt"


def test_files_folders_and_json_lines_in_order_with_failures_in_place(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4 cut short")
    lines = [
        json.dumps({"doc_id": "c", "text": text, "agency": "某某局", "year": 2021}, ensure_ascii=False),
        "{not json",
        json.dumps({"doc_id": "e", "body": text}, ensure_ascii=False),
    ]
    (folder / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([folder]))
    assert [type(item).__name__ for item in items] == ["Report", "InputFailure", "Report", "InputFailure", "InputFailure"]
    first, pdf, line_report, bad_json, no_text = items
    assert first.doc_id == "a" and first.narrative()
    assert pdf.doc_id == "b" and "b.pdf" in pdf.error
    # A record's own agency and year stand over what the text says.
    assert (line_report.doc_id, line_report.agency, line_report.year) == ("c", "某某局", 2021)
    assert bad_json.source.endswith("d.jsonl:2") and no_text.doc_id == "e" and "'text'" in no_text.error
    assert pdf.error_record() == {"source": str(folder / "b.pdf"), "doc_id": "b", "error": pdf.error}


def test_json_lines_are_plain_files_where_not_asked_for(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"doc_id": "c", "text": "x"}) + "\n", encoding="utf-8")
    assert list(read_inputs([tmp_path], jsonl=False)) == []


def test_a_bug_is_reported_as_one_naming_the_file():
    bug = failure("some/report.txt", KeyError("x"))
    assert isinstance(bug, InputFailure) and "internal error" in bug.error and "some/report.txt" in bug.error
    assert bug.doc_id == "report"
    assert not isinstance(bug, Report)


# -- report ids, links, index files -----------------------------------------------------------


def _touch(root: Path, *relatives: str) -> None:
    for relative in relatives:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("x", encoding="utf-8")


def test_report_ids_are_the_stem_unless_shared_then_the_relative_path(tmp_path):
    from nlp.files import iter_report_inputs

    _touch(tmp_path, "2023/report.txt", "2024/report.txt", "a.txt", "a.md", "only.txt", "x/y/z.pdf")
    ids = [doc_id for _, doc_id in iter_report_inputs([tmp_path])]
    assert sorted(ids) == sorted(["2023/report", "2024/report", "a.md", "a.txt", "only", "z"])
    assert len(set(ids)) == len(ids)


def test_two_folders_with_the_same_file_names_and_a_file_given_twice(tmp_path):
    from nlp.files import iter_report_inputs

    _touch(tmp_path, "one/report.txt", "two/report.txt")
    found = list(iter_report_inputs([tmp_path / "one", tmp_path / "two", tmp_path / "one" / "report.txt"]))
    assert len(found) == 2  # the file named again is not read twice
    assert len({doc_id for _, doc_id in found}) == 2


def test_links_out_of_a_folder_are_listed_not_followed(tmp_path):
    from nlp.files import iter_report_inputs

    _touch(tmp_path, "in/inside.txt", "outside/secret.txt", "outside/deeper/more.txt")
    (tmp_path / "in" / "to_file.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    (tmp_path / "in" / "to_folder").symlink_to(tmp_path / "outside", target_is_directory=True)
    (tmp_path / "in" / "same.txt").symlink_to(tmp_path / "in" / "inside.txt")  # inside: harmless, read once
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in", target_is_directory=True)
    skipped: list = []
    found = [path.name for path, _ in iter_report_inputs([tmp_path / "in"], skipped=skipped)]
    assert found == ["inside.txt"]
    assert sorted(path.name for path, _ in skipped) == ["to_file.txt", "to_folder"]
    followed = sorted(path.name for path, _ in iter_report_inputs([tmp_path / "in"], follow_links=True))
    # The loop ends; each file once (the secret through the first link met, in sorted order).
    assert followed == ["inside.txt", "more.txt", "to_file.txt"]


def _listed_by_os_walk(folder: Path, suffixes: tuple[str, ...], follow_links: bool) -> tuple[list[tuple[str, str]], list[str]]:
    """What a listing must find, the slow way: `os.walk` (depth first, folders in name order), every
    file's kind and real path asked of the file system (`Path.is_symlink`, `is_file`, `resolve`)."""
    import os

    root = folder.resolve()
    inside = lambda path: path.resolve().is_relative_to(root)  # noqa: E731
    found, skipped, visited = [], [], {root}
    for current, dirs, files in os.walk(folder, followlinks=follow_links):
        base = Path(current)
        kept = []
        for name in sorted(dirs):
            child = base / name
            if name.startswith("."):
                continue
            if child.is_symlink() and not follow_links and not inside(child):
                skipped.append(str(child))
            if child.resolve() not in visited:
                visited.add(child.resolve())
                kept.append(name)
        dirs[:] = kept
        for name in files:
            child = base / name
            if name.startswith(".") or child.suffix.lower() not in suffixes or child.stem.upper().startswith("README"):
                continue
            if child.is_symlink() and not follow_links and not inside(child):
                skipped.append(str(child))
            elif child.is_file():
                found.append((child.relative_to(folder).as_posix(), str(child.resolve())))
    return sorted(found), sorted(skipped)


def test_the_listing_finds_what_asking_the_file_system_of_every_file_finds(tmp_path):
    """The listing reads each file's kind from its folder's entries (`os.scandir`) and its real path
    from its folder's: the same files, ids, links skipped and real paths as asking of each file, on a
    tree of links in and out, a loop, a broken link, hidden and README files, a folder given through a link."""
    import os

    from nlp.files import REPORT_SUFFIXES, _walk

    _touch(tmp_path, "in/a/b/r.txt", "in/a/r.txt", "in/r.md", "in/README.txt", "in/.h.txt", "in/.hid/z.txt", "in/n.doc", "in/c/d/e/deep.pdf", "out/x.txt", "out/sub/y.md")
    links = {"in/lnk.txt": "out/x.txt", "in/lnkdir": "out", "in/a2": "in/a", "in/a/loop": "in", "in/broken.txt": "nowhere.txt", "in/a/inside.md": "in/r.md", "given": "in", "in/c/up": "in/c/d"}
    for link, target in links.items():
        os.symlink(tmp_path / target, tmp_path / link)
    for folder in (tmp_path / "in", tmp_path / "given", tmp_path / "in" / "c"):
        for follow in (False, True):
            skipped: list = []
            listed = sorted((relative, str(real)) for _, relative, real in _walk(folder, REPORT_SUFFIXES, follow, skipped))
            assert (listed, sorted(str(path) for path, _ in skipped)) == _listed_by_os_walk(folder, REPORT_SUFFIXES, follow)
    walked = [relative for _, relative, _ in _walk(tmp_path / "in", REPORT_SUFFIXES, True, None)]
    assert "a2/r.txt" not in walked and "a/r.txt" in walked  # of two ways into one folder, the first in name order


def test_safe_names_fit_a_byte_budget_and_stay_distinct():
    from nlp.files import NAME_BYTES, distinct_name, safe_name

    assert safe_name("年度报告") == "年度报告"
    assert safe_name("../../etc/passwd") == "etc_passwd"
    long_names = ["关于" * 60 + tail for tail in "甲乙丙"]
    cut = [safe_name(name) for name in long_names]
    assert all(len(name.encode("utf-8")) <= NAME_BYTES for name in cut)
    assert len(set(cut)) == 3 and cut == [safe_name(name) for name in long_names]
    used: set[str] = set()
    assert [distinct_name("a/b", used), distinct_name("a_b", used)] == ["a_b", "a_b-2"]


def _foreign_sqlite(path: Path) -> bytes:
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    db.execute("INSERT INTO customers VALUES (1, '张三')")
    db.commit()
    db.close()
    return path.read_bytes()


def test_a_foreign_sqlite_file_or_a_text_file_is_refused_as_an_index_untouched(tmp_path):
    import pytest

    from nlp.duplicates.index import DuplicateIndex, ForeignIndexError

    foreign = tmp_path / "crm.sqlite"
    before = _foreign_sqlite(foreign)
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    for path, data in ((foreign, before), (text, text.read_bytes())):
        with pytest.raises(ForeignIndexError, match="not a govreport index"):
            DuplicateIndex(path)
        assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.sqlite", "notes.txt"]  # no journal left beside them
    assert before[18:20] == b"\x01\x01"  # still a rollback-journal database, not switched to WAL
    # An index of our own still opens, and an empty file becomes one.
    with DuplicateIndex(tmp_path / "ours.sqlite") as index:
        assert len(index) == 0
    with DuplicateIndex(tmp_path / "ours.sqlite") as index:
        assert len(index) == 0
    (tmp_path / "empty.sqlite").touch()
    with DuplicateIndex(tmp_path / "empty.sqlite") as index:
        assert len(index) == 0


def test_the_command_line_refuses_a_foreign_index_with_one_line_and_exit_2(tmp_path, capsys):
    from nlp.cli import main

    foreign = tmp_path / "crm.sqlite"
    before = _foreign_sqlite(foreign)
    report = tmp_path / "report.txt"
    report.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    for args in (["index", "add", str(report), "--index", str(foreign)], ["analyze", str(report), "-o", str(tmp_path / "out"), "--index", str(foreign), "--quiet"]):
        capsys.readouterr()
        assert main(args) == 2
        lines = capsys.readouterr().err.strip().splitlines()
        assert lines == [f"govreport: error: {foreign}: cannot open: not a govreport index (an SQLite database with other tables (customers)); left untouched. Give another --index file, or a new name"]
        assert foreign.read_bytes() == before
