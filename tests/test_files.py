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
