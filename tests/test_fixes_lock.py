"""The output folder's lock on a system without `flock` (Windows: `msvcrt.locking`), run here
against a stand-in of `msvcrt` that behaves as Windows does: a locked byte range is refused to every
other lock, and the lock is on the bytes at the descriptor's position."""

from __future__ import annotations

import os
import sys
import types

import pytest

from nlp.outputdir import LOCK_FILE, WINDOWS_LOCK_OFFSET, OutputBusyError, claim_output, platform_lock


def _windows_like(monkeypatch) -> list[tuple[int, int, int]]:
    """No `fcntl`; a `msvcrt` whose locks are held per file and byte range, as Windows holds them.
    The calls made (position, mode, bytes) are returned for the test to look at."""
    calls: list[tuple[int, int, int]] = []
    held: set[tuple[int, int, int]] = set()

    def locking(fd: int, mode: int, count: int) -> None:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        info = os.fstat(fd)
        key = (info.st_dev, info.st_ino, position)
        calls.append((position, mode, count))
        if mode == fake.LK_UNLCK:
            if key not in held:
                raise OSError(13, "Permission denied")  # Windows: unlocking what is not locked
            held.discard(key)
        elif key in held:
            raise OSError(36, "Resource deadlock avoided")  # what LK_NBLCK raises on a held range
        else:
            held.add(key)

    fake = types.ModuleType("msvcrt")
    fake.LK_UNLCK, fake.LK_LOCK, fake.LK_NBLCK = 0, 1, 2
    fake.locking = locking
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` raises ImportError
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    return calls


def test_a_second_run_is_refused_naming_the_first_and_the_folder_is_free_after(tmp_path, monkeypatch):
    calls = _windows_like(monkeypatch)
    output = tmp_path / "out"
    with claim_output(output):
        assert (output / LOCK_FILE).read_text(encoding="utf-8") == str(os.getpid())  # readable: the lock is elsewhere
        with pytest.raises(OutputBusyError, match="another govreport run is writing into this folder") as caught:
            with claim_output(output):
                pass
        assert f"(process {os.getpid()})" in str(caught.value) and "choose another --output" in str(caught.value)
    with claim_output(output):  # released when the run ended
        pass
    assert calls and all(position == WINDOWS_LOCK_OFFSET and count == 1 for position, _, count in calls)
    assert [mode for _, mode, _ in calls] == [2, 2, 0, 2, 0]  # lock, refused, unlock, lock, unlock


def test_an_error_in_the_run_releases_the_lock(tmp_path, monkeypatch):
    _windows_like(monkeypatch)
    with pytest.raises(RuntimeError):
        with claim_output(tmp_path):
            raise RuntimeError("the run failed")
    with claim_output(tmp_path):
        pass


def test_the_lock_on_this_system_and_on_one_with_neither(tmp_path, monkeypatch):
    if hasattr(os, "fork"):  # flock here: the Windows stand-in above is not what runs
        lock = platform_lock()
        assert lock is not None and lock[0].__name__ == "try_flock"
    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    assert platform_lock() is None
    with claim_output(tmp_path):  # no lock to take: the folder checks alone
        with claim_output(tmp_path):
            pass
