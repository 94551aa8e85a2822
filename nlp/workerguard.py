"""Worker processes that end when the process that started them is gone.

A batch's workers (joblib's loky processes) are stopped by their parent on an exception, Ctrl-C or
SIGTERM; but a parent killed outright (SIGKILL, the out-of-memory killer) cannot stop them, and
they would sit for minutes holding hundreds of megabytes and the index file. Each worker therefore
watches its parent: once the parent's process id is no longer its own parent's (it was re-parented
to init or a subreaper), it exits.
"""

from __future__ import annotations

import os
import threading

#: Seconds between two looks at the parent.
POLL_SECONDS = 1.0

# The watching thread of this process, if any: one per worker process, started by its first task.
# A process-wide fact by nature (a process has one parent), not a cache of results.
_watching: list[int] = []


def watch_parent(parent_pid: int) -> None:
    """In a worker started by `parent_pid`: exit this process once that parent is gone. Nothing in
    the parent itself (a batch run on one job calls the same task functions)."""
    if os.getpid() == parent_pid or _watching:
        return
    if os.getppid() != parent_pid:  # the parent died before this task arrived
        os._exit(1)
    _watching.append(parent_pid)
    thread = threading.Thread(target=_watch, args=(parent_pid,), name="govreport-parent-watch", daemon=True)
    thread.start()


def _watch(parent_pid: int) -> None:
    import time

    while os.getppid() == parent_pid:
        time.sleep(POLL_SECONDS)
    # No cleanup to wait for: the parent that would read our results is gone, and every file a
    # worker writes is written atomically.
    os._exit(1)


__all__ = ["POLL_SECONDS", "watch_parent"]
