"""Atomic writes: the file is whole or absent, flushed to disk unless the caller checks completeness itself."""

from __future__ import annotations

import os

import pytest

from nlp.files import atomic_writer, remove_stale_temporaries


@pytest.mark.parametrize("durable", [True, False])
def test_atomic_writer_replaces_whole_and_flushes_only_when_durable(tmp_path, monkeypatch, durable):
    flushed = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (flushed.append(fd), real_fsync(fd)))
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with atomic_writer(target, durable=durable) as handle:
        handle.write("new")
        assert target.read_text(encoding="utf-8") == "old"  # nothing visible before the rename
    assert target.read_text(encoding="utf-8") == "new"
    assert bool(flushed) == durable
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(target, durable=False) as handle:
        handle.write("half")
        raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "old"
    assert remove_stale_temporaries(tmp_path) == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_written_files_get_the_permissions_of_a_plain_open(tmp_path, umask):
    from nlp.files import atomic_write_text

    previous = os.umask(umask)
    try:
        with open(tmp_path / "plain.txt", "w", encoding="utf-8") as handle:
            handle.write("x")
        with atomic_writer(tmp_path / "streamed.txt", durable=False) as handle:
            handle.write("x")
        atomic_write_text(tmp_path / "whole.txt", "x", durable=False)
    finally:
        os.umask(previous)
    modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    assert modes == dict.fromkeys(["plain.txt", "streamed.txt", "whole.txt"], 0o666 & ~umask)


def test_whole_writes_give_the_bytes_the_streamed_writer_gives(tmp_path):
    from nlp.files import atomic_write_bytes, atomic_write_text

    text = "第一行\r\n第二行\n<p>'&\"</p>\r" * 5000  # newlines kept as they are, more than one write's worth
    with atomic_writer(tmp_path / "streamed.txt", durable=False) as handle:
        handle.write(text)
    atomic_write_text(tmp_path / "whole.txt", text)
    atomic_write_text(tmp_path / "bom.txt", text, encoding="utf-8-sig", durable=False)
    atomic_write_bytes(tmp_path / "bytes.bin", text.encode("utf-8"))
    assert (tmp_path / "whole.txt").read_bytes() == (tmp_path / "streamed.txt").read_bytes() == (tmp_path / "bytes.bin").read_bytes()
    assert (tmp_path / "bom.txt").read_bytes() == b"\xef\xbb\xbf" + text.encode("utf-8")


def test_a_text_that_cannot_be_encoded_keeps_the_old_file(tmp_path):
    from nlp.files import atomic_write_text

    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, "half \ud800 a lone surrogate")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_a_missing_folder_is_made_and_a_taken_temporary_name_is_passed_over(tmp_path, monkeypatch):
    import secrets

    from nlp import files
    from nlp.files import atomic_write_text

    drawn = iter(["aaaaaaaa", "aaaaaaaa", "bbbbbbbb"])
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(drawn))
    folder = tmp_path / "new" / "deeper"
    with atomic_writer(folder / "a.json", durable=False) as handle:
        handle.write("first")
        # the writer's temporary, named as remove_stale_temporaries knows them
        (temporary,) = [p.name for p in folder.iterdir()]
        assert temporary == ".a.json.aaaaaaaa.tmp" and files._TEMPORARY.match(temporary)
        # another writer of the same file meanwhile draws the same name first: it takes another
        atomic_write_text(folder / "a.json", "second")
        assert (folder / ".a.json.aaaaaaaa.tmp").exists()
    assert (folder / "a.json").read_text(encoding="utf-8") == "first"
    assert [p.name for p in folder.iterdir()] == ["a.json"]


def test_an_earlier_runs_output_folder_inside_the_input_is_not_read(tmp_path):
    """Review pages and results JSON of an earlier run (its folder holds the run's lock file) are results,
    not reports: the walk does not enter the folder, and the note of skipped files names it."""
    from nlp.cli.common import skipped_files
    from nlp.files import iter_report_paths
    from nlp.outputdir import LOCK_FILE

    (tmp_path / "2023.txt").write_text("某局2023年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    output = tmp_path / "results"
    (output / "reports").mkdir(parents=True)
    (output / LOCK_FILE).write_text("1", encoding="utf-8")
    (output / "index.html").write_text("<html><body>政府信息公开</body></html>", encoding="utf-8")
    (output / "reports" / "2023.json").write_text("{}", encoding="utf-8")
    (output / "summary.csv").write_text("a,b\n", encoding="utf-8")
    assert [p.name for p in iter_report_paths([tmp_path])] == ["2023.txt"]
    note = skipped_files([tmp_path])
    assert "output folder" in note and str(output) in note and ".csv" not in note
    # given itself, an output folder is read as any folder (the user asked for it)
    assert {p.name for p in iter_report_paths([output])} == {"index.html", "2023.json"}
