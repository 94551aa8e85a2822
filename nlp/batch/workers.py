"""Worker processes of the batch (`nlp.batch.passes`): joblib's loky workers or a Dask cluster, a
worker that dies, and the models a worker process keeps between the chunks it is given.

The one state a worker process keeps is its loaded models (`ProcessSteps`): loading them takes a
second or two, and a worker runs many chunks. It is held by an object the worker's entry point
reads, not by a cache keyed by the run: a process that is asked for other model settings drops the
old models and loads the new ones.
"""

from __future__ import annotations

import gc
import os
import re
import signal
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from nlp.batch.state import AnalysisConfig, ErrorRecord, Item
from nlp.pipeline import Steps
from nlp.report import Report
from nlp.workerguard import watch_parent

Outcome = Report | ErrorRecord
#: What one file gave: its reports (one, or each of the several a file holds), or its error record(s).
FileOutcomes = list[Outcome]
#: What runs on a worker: a chunk of files and the run's settings -> the outcomes of each file.
ChunkWork = Callable[[list[Item], AnalysisConfig], list[FileOutcomes]]
T = TypeVar("T")


@dataclass
class ProcessSteps:
    """The steps (loaded models) of one process, for the model settings they were loaded with."""

    settings: tuple[str | None, bool] | None = None
    steps: Steps | None = field(default=None, repr=False)
    #: Leave the loaded models out of later garbage collections (`gc.freeze`): only in a process
    #: the package owns (a worker, the command line), never in a caller's own process.
    freeze: bool = False

    def get(self, config: AnalysisConfig) -> Steps:
        """The steps for `config`'s model settings, loaded on first use and kept for the next chunks
        (the models are read-only and hash-checked)."""
        settings = (config.model, config.trust_model)
        if self.steps is None or self.settings != settings:
            if self.steps is not None and self.freeze:
                gc.unfreeze()  # the old models go (frozen below, they would stay) before the new ones are loaded
            self.steps = None
            # Loading builds a large graph of objects (vocabularies, trees): collections while it
            # grows would walk it again and again (~0.2 s of a small batch's start). Where the
            # process is the package's, what is loaded (it lives as long as the process) is then
            # left out of later collections, which would each walk it once more.
            collecting = gc.isenabled()
            gc.disable()
            try:
                self.steps = Steps.load(config.model, config.trust_model)
            finally:
                if collecting:
                    gc.enable()
            if self.freeze:
                gc.freeze()
            self.settings = settings
        return self.steps


#: This process's steps: a worker's, or the main process's when it runs the chunks itself (one job)
#: and was given none.
PROCESS_STEPS = ProcessSteps()


def run_chunks(chunks: list[list[Item]], config: AnalysisConfig, work: ChunkWork) -> Iterator[list[FileOutcomes]]:
    """`work(chunk, config)` for each chunk on local worker processes or on a Dask cluster, results in
    input order. `work` is a module-level function (workers import it by name)."""
    if config.backend != "dask":
        yield from _local_workers(chunks, config, work)
        return
    from distributed import Client
    from joblib import Parallel, delayed, parallel_config

    tasks = (delayed(work)(chunk, config) for chunk in chunks)
    client = Client(config.scheduler) if config.scheduler else Client(processes=False)
    try:
        with parallel_config(backend="dask"):
            yield from Parallel(n_jobs=-1, return_as="generator", batch_size=1)(tasks)
    finally:
        client.close()


def _local_workers(chunks: list[list[Item]], config: AnalysisConfig, work: ChunkWork) -> Iterator[list[FileOutcomes]]:
    """Chunks on `config.jobs` worker processes (loky, as joblib uses), results in input order.

    Through joblib's own executor (joblib's pool is one per process, shared with pass 2). A worker killed hard (the OOM killer, `ulimit -t`, `kill -9`) breaks the pool, and every chunk
    in flight is lost with it. Those chunks are then run again one at a time, so that a second
    death can be laid at one chunk's door; that chunk's files are run one by one, and the file whose
    worker dies alone becomes an error record (`worker killed: signal 9`). The others are analysed
    as usual, and the batch goes on.
    """
    from concurrent.futures.process import BrokenProcessPool

    from joblib.executor import get_memmapping_executor

    window = 2 * config.jobs
    env = _worker_env(config.jobs)
    waiting = deque(chunks)
    in_flight: deque[tuple[list[Item], Future]] = deque()
    while waiting or in_flight:
        executor = get_memmapping_executor(config.jobs, env=env, **watched_workers())
        while waiting and len(in_flight) < window:
            chunk = waiting.popleft()
            in_flight.append((chunk, executor.submit(in_worker, os.getpid(), work, chunk, config)))
        chunk, future = in_flight[0]
        try:
            result = future.result()
        except BrokenProcessPool:
            lost = list(in_flight)
            in_flight.clear()
            for lost_chunk, lost_future in lost:
                finished_well = lost_future.done() and not lost_future.cancelled() and lost_future.exception() is None
                yield lost_future.result() if finished_well else _isolated(lost_chunk, config, env, work)
            continue
        in_flight.popleft()
        yield result


def _worker_env(jobs: int) -> dict[str, str]:
    """The thread limits joblib's loky backend gives its workers (one share of the cores each), so that
    `jobs` workers do not each start a thread per core in the numeric libraries."""
    from joblib import cpu_count
    from joblib._parallel_backends import LokyBackend

    shared = str(max(cpu_count() // jobs, 1))
    return {var: os.environ.get(var, shared) for var in LokyBackend.MAX_NUM_THREADS_VARS}


def _isolated(chunk: list[Item], config: AnalysisConfig, env: dict[str, str], work: ChunkWork) -> list[FileOutcomes]:
    """A chunk whose worker may have died, run again alone; should it die again, its files one by one (a file whose
    worker dies is one error record, whatever reports it holds)."""
    try:
        return _alone(chunk, config, env, work)
    except WorkerDied:
        pass
    outcomes: list[FileOutcomes] = []
    for item in chunk:
        try:
            outcomes.extend(_alone([item], config, env, work))
        except WorkerDied as death:
            outcomes.append([{"source": item.source, "doc_id": item.doc_id, "error": f"{item.source}: {death}; skipped (the rest of the batch went on)", "kind": "worker_killed"}])
    return outcomes


class WorkerDied(Exception):
    """The worker process running a task ended without returning (killed, or crashed)."""


def _alone(chunk: list[Item], config: AnalysisConfig, env: dict[str, str], work: ChunkWork) -> list[FileOutcomes]:
    """`work(chunk)` on a worker process with nothing else in flight: a death is this chunk's."""
    from concurrent.futures.process import BrokenProcessPool

    from joblib.executor import get_memmapping_executor

    executor = get_memmapping_executor(config.jobs, env=env, **watched_workers())
    try:
        return executor.submit(in_worker, os.getpid(), work, chunk, config).result()
    except BrokenProcessPool as exc:
        raise WorkerDied(_death_reason(exc)) from exc


_EXIT_CODES = re.compile(r"exit codes of the workers are \{([^}]*)\}")
_SIGNAL = re.compile(r"SIG[A-Z0-9]+\((-?\d+)\)|(-?\d+)")


def _death_reason(exc: BaseException) -> str:
    """`worker killed: signal 9 (SIGKILL)`, or what is known of a worker's end, from loky's message."""
    found = _EXIT_CODES.search(str(exc))
    for code in _SIGNAL.finditer(found.group(1) if found else ""):
        number = int(code.group(1) or code.group(2))
        if number < 0:
            try:
                name = signal.Signals(-number).name
            except ValueError:
                name = "unknown signal"
            hint = " — out of memory, or killed by a limit" if -number in (signal.SIGKILL, getattr(signal, "SIGXCPU", 0)) else ""
            return f"worker killed: signal {-number} ({name}){hint}"
        return f"worker exited with status {number}"
    return "worker killed (the reason is unknown)"


def watched_workers() -> dict[str, Any]:
    """Executor options (loky's `initializer`) under which each worker watches this process from its
    start (`nlp.workerguard`), not from its first task: a worker that never got one (pass 2 of a
    small batch, a pool started again) would otherwise outlive a parent killed outright by minutes."""
    return {"initializer": watch_parent, "initargs": (os.getpid(),)}


def in_worker(parent_pid: int, function: Callable[..., T], *args: Any) -> T:
    """`function(*args)` on a local worker that exits should its parent be killed (`nlp.workerguard`)."""
    watch_parent(parent_pid)
    PROCESS_STEPS.freeze = True  # a worker process is the package's own
    return function(*args)


__all__ = ["PROCESS_STEPS", "ChunkWork", "FileOutcomes", "Outcome", "ProcessSteps", "WorkerDied", "in_worker", "run_chunks", "watched_workers"]
