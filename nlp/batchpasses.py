"""The two passes of the batch runner (`nlp.batchrun`), here, on joblib workers or on a Dask cluster."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import signal
import threading
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future
from functools import lru_cache
from pathlib import Path

from nlp import batchfiles
from nlp.batchstate import (
    CHUNK_REPORTS,
    COSTLY_FAILURES,
    FAILED_FILE,
    FINISHED_FILE,
    PAGES_FILE,
    PAIRS_FILE,
    AnalysisConfig,
    BatchResult,
    Context,
    Done,
    ErrorRecord,
    FileTimeout,
    Item,
    Progress,
    Task,
    WorkerState,
    finish_report,
)
from nlp.duplicates.index import DuplicateIndex
from nlp.export import ExcelWriter, read_csv
from nlp.files import atomic_writer
from nlp.inputs import InputFailure, failure, read_one
from nlp.pipeline import Steps
from nlp.report import Report
from nlp.reportjson import read_report_json, write_report_json
from nlp.structure import read_report
from nlp.workerguard import watch_parent

Outcome = Report | ErrorRecord


# ---------------------------------------------------------------------------------------------
# Pass 1: read, analyse, index, write the JSON
# ---------------------------------------------------------------------------------------------


def pass_one(
    todo: list[Item],
    context: Context,
    config: AnalysisConfig,
    steps: Steps | None,
    index: DuplicateIndex,
    batch: BatchResult,
    on_progress: Progress | None,
) -> tuple[list[Done], int]:
    """Every file analysed (or, with `--resume`, found done by an earlier run); what the batch keeps
    of each report, and how many were analysed in this run."""
    finished_path = context.output / FINISHED_FILE
    known = read_finished(finished_path, index) if config.resume else {}
    failed_path = context.output / FAILED_FILE
    # Files that killed their worker or ran out of time in an earlier run: not tried again while unchanged.
    given_up = {} if config.retry_failed or not config.resume else read_failed(failed_path, todo)
    done: list[Done] = []
    analysed_now = 0
    with finished_path.open("a" if config.resume else "w", encoding="utf-8") as finished:
        if config.resume and finished_path.stat().st_size and not _ends_with(finished_path, b"\n"):
            finished.write("\n")  # the line a killed run cut short stays alone (and unread)
        costly = list(given_up.values())  # still given up on: kept for the next --resume
        for position, (item, outcome) in enumerate(_run_pass_one(todo, context, config, steps, known, given_up)):
            name = item.name
            if isinstance(outcome, dict):
                batch.errors.append(outcome)
                if outcome.get("kind") in COSTLY_FAILURES and name not in given_up:
                    costly.append(_failed_line(item, outcome))
            elif isinstance(outcome, Done):
                done.append(outcome)
            else:
                outcome.annotations.output_name = name  # type: ignore[union-attr]
                # Index first, then the JSON, then the line: a run killed in between redoes this report on --resume.
                index.add(outcome)
                write_report_json(context.results / f"{name}.json", outcome)
                entry = Done(name, outcome.doc_id, outcome.agency, outcome.year, tuple(outcome.annotations.labels))  # type: ignore[union-attr]
                finished.write(entry.to_line())
                finished.flush()
                done.append(entry)
                analysed_now += 1
            if on_progress:
                on_progress("read", position + 1, len(todo), str(item.path))
    if costly:
        with atomic_writer(failed_path) as handle:
            handle.writelines(costly)
    else:
        failed_path.unlink(missing_ok=True)
    return done, analysed_now


def read_finished(path: Path, index: DuplicateIndex | None = None) -> dict[str, Done]:
    """The reports an earlier run of this output finished in pass 1, by output name; with `index`,
    only those it holds (the index is not flushed per report, so a power cut may have undone the
    last additions while their lines survived)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    entries = [entry for entry in map(Done.from_line, lines) if entry is not None]
    if index is not None:
        indexed = {row["doc_id"] for row in index.documents()}
        entries = [entry for entry in entries if entry.doc_id in indexed]
    return {entry.name: entry for entry in entries}


def _stat(path: Path) -> list[int]:
    try:
        info = path.stat()
    except OSError:
        return [-1, -1]
    return [info.st_size, info.st_mtime_ns]


def _failed_line(item: Item, record: ErrorRecord) -> str:
    return json.dumps([item.name, str(item.path), *_stat(item.path), record], ensure_ascii=False) + "\n"


def read_failed(path: Path, todo: list[Item]) -> dict[str, str]:
    """Output name -> line of FAILED_FILE, for the files an earlier run gave up on that are unchanged since."""
    items = {item.name: item for item in todo}
    given_up = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except OSError:
        return {}
    for line in lines:
        try:
            name, source, size, mtime, record = json.loads(line)
        except ValueError:
            continue
        item = items.get(name)
        if item is not None and str(item.path) == source and _stat(item.path) == [size, mtime] and isinstance(record, dict):
            given_up[name] = line if line.endswith("\n") else line + "\n"
    return given_up


def _given_up_record(line: str) -> ErrorRecord:
    return json.loads(line)[4]


def _run_pass_one(
    todo: list[Item], context: Context, config: AnalysisConfig, steps: Steps | None, known: dict[str, Done], given_up: dict[str, str]
) -> Iterator[tuple[Item, Outcome | Done]]:
    """(item, analysed report or error record, or `Done` for a report an earlier run finished)
    per file, in input order, on the chosen backend."""
    kept = {item.name for item in todo if item.name in known and _complete_json(context.results / f"{item.name}.json")}
    pending = [item for item in todo if item.name not in kept and item.name not in given_up]
    chunks = [pending[start : start + CHUNK_REPORTS] for start in range(0, len(pending), CHUNK_REPORTS)]
    if config.jobs <= 1 and config.backend == "local":
        loaded = steps or _worker_steps(config.model, config.trust_model)
        computed: Iterator[list[Outcome]] = (process_files(chunk, config, loaded) for chunk in chunks)
    else:
        computed = _parallel(chunks, config)
    outcomes = (outcome for chunk in computed for outcome in chunk)
    for item in todo:
        if item.name in kept:
            yield item, known[item.name]
        elif item.name in given_up:
            yield item, _given_up_record(given_up[item.name])
        else:
            yield item, next(outcomes)


def process_files(chunk: list[Item], config: AnalysisConfig, steps: Steps | None = None) -> list[Outcome]:
    """Read and analyse some files (in a worker process or locally): an annotated report or an error record each.

    Should the batched analysis fail (or run out of time), each report is analysed alone, so that
    only the file at fault becomes an error.
    """
    steps = steps or _worker_steps(config.model, config.trust_model)
    outcomes: list[Outcome] = []
    for item in chunk:
        read = functools.partial(read_report, doc_id=item.doc_id, limits=config.limits)
        try:
            with _time_limit(config.file_timeout, item.path):
                report = read_one(item.path, read)
        except FileTimeout as exc:  # the timer ran out just as the reader returned
            report = failure(item.path, exc, item.doc_id)
        if isinstance(report, InputFailure):
            record = {**report.error_record(), "doc_id": item.doc_id}
            if isinstance(report.exception, FileTimeout):
                record["kind"] = "timeout"
            outcomes.append(record)
        else:
            outcomes.append(report)
    readable = [i for i, outcome in enumerate(outcomes) if isinstance(outcome, Report)]
    try:
        with _time_limit(config.file_timeout and config.file_timeout * max(1, len(readable)), None):
            steps.annotate([outcomes[i] for i in readable])  # type: ignore[misc]
    except Exception:  # noqa: BLE001 - find the file at fault, below
        for i in readable:
            try:
                with _time_limit(config.file_timeout, chunk[i].path):
                    steps.annotate([outcomes[i]])  # type: ignore[list-item]
            except Exception as exc:  # noqa: BLE001
                record = failure(chunk[i].path, exc, chunk[i].doc_id).error_record()
                if isinstance(exc, FileTimeout):
                    record["kind"] = "timeout"
                outcomes[i] = record
    return outcomes


@contextlib.contextmanager
def _time_limit(seconds: float | None, path: Path | None) -> Iterator[None]:
    """Raise `FileTimeout` in this thread after `seconds` (an interval timer: a signal, so only in the
    main thread of a process, where workers and the command line run files). Code that never returns
    to Python (a regular expression deep in C) is not interrupted; the reader's limits bound those."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        where = f"{path}: " if path else ""
        raise FileTimeout(f"{where}took longer than {seconds:g} s to read and analyse (--file-timeout); skipped")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@lru_cache(maxsize=2)
def _worker_steps(model: str | None, trust_model: bool) -> Steps:
    """The steps of one process, loaded on its first report and kept for the rest: they depend only
    on the model settings (the models are read-only and hash-checked)."""
    return Steps.load(model, trust_model)


def _parallel(chunks: list[list[Item]], config: AnalysisConfig) -> Iterator[list[Outcome]]:
    """Pass one on local worker processes or on a Dask cluster, results in input order."""
    if config.backend != "dask":
        yield from _local_workers(chunks, config)
        return
    from distributed import Client
    from joblib import Parallel, delayed, parallel_config

    tasks = (delayed(process_files)(chunk, config) for chunk in chunks)
    client = Client(config.scheduler) if config.scheduler else Client(processes=False)
    try:
        with parallel_config(backend="dask"):
            yield from Parallel(n_jobs=-1, return_as="generator", batch_size=1)(tasks)
    finally:
        client.close()


def _local_workers(chunks: list[list[Item]], config: AnalysisConfig) -> Iterator[list[Outcome]]:
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
        executor = get_memmapping_executor(config.jobs, env=env)
        while waiting and len(in_flight) < window:
            chunk = waiting.popleft()
            in_flight.append((chunk, executor.submit(_in_worker, os.getpid(), process_files, chunk, config)))
        chunk, future = in_flight[0]
        try:
            result = future.result()
        except BrokenProcessPool:
            lost = list(in_flight)
            in_flight.clear()
            for lost_chunk, lost_future in lost:
                finished_well = lost_future.done() and not lost_future.cancelled() and lost_future.exception() is None
                yield lost_future.result() if finished_well else _isolated(lost_chunk, config, env)
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


def _isolated(chunk: list[Item], config: AnalysisConfig, env: dict[str, str]) -> list[Outcome]:
    """A chunk whose worker may have died, run again alone; should it die again, its files one by one."""
    try:
        return _alone(chunk, config, env)
    except WorkerDied:
        pass
    outcomes: list[Outcome] = []
    for item in chunk:
        try:
            outcomes.extend(_alone([item], config, env))
        except WorkerDied as death:
            outcomes.append({"source": str(item.path), "doc_id": item.doc_id, "error": f"{item.path}: {death}; skipped (the rest of the batch went on)", "kind": "worker_killed"})
    return outcomes


class WorkerDied(Exception):
    """The worker process running a task ended without returning (killed, or crashed)."""


def _alone(chunk: list[Item], config: AnalysisConfig, env: dict[str, str]) -> list[Outcome]:
    """`process_files(chunk)` on a worker process with nothing else in flight: a death is this chunk's."""
    from concurrent.futures.process import BrokenProcessPool

    from joblib.executor import get_memmapping_executor

    executor = get_memmapping_executor(config.jobs, env=env)
    try:
        return executor.submit(_in_worker, os.getpid(), process_files, chunk, config).result()
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


def _in_worker(parent_pid: int, function, *args):
    """`function(*args)` on a local worker that exits should its parent be killed (`nlp.workerguard`)."""
    watch_parent(parent_pid)
    return function(*args)


# ---------------------------------------------------------------------------------------------
# Pass 2: copies, reuse, pages; the batch files
# ---------------------------------------------------------------------------------------------


def pass_two(
    tasks: list[Task],
    context: Context,
    config: AnalysisConfig,
    index: DuplicateIndex,
    labels: list[str],
    batch: BatchResult,
    on_progress: Progress | None,
    reuse: bool = False,
) -> None:
    """Finish every report (copies, reuse, page) and stream the batch files: summary, cells, pairs, index page.

    With `reuse`, the reports a killed run of the same batch finished (their pairs are in the
    store, their JSON and page written) are read back rather than done again.
    """
    from nlp.duplicates.pairstore import PairStore
    from nlp.render import index_page_parts

    output = context.output
    label_totals: Counter[str] = Counter()
    with PairStore(output / PAIRS_FILE, batch=_batch_identity(tasks, context, index), reuse=reuse) as pairs:
        finished_before = pairs.done()
        # For Excel: UTF-8 with its mark, cells escaped (nlp.export).
        with atomic_writer(output / "summary.csv", encoding="utf-8-sig") as summary_handle, atomic_writer(output / "table_cells.csv", encoding="utf-8-sig") as cells_handle:
            summary = ExcelWriter(summary_handle)
            summary.writerow([*batchfiles.SUMMARY_COLUMNS, *(f"paragraphs_{label}" for label in labels)])
            cells = ExcelWriter(cells_handle)
            cells.writerow(batchfiles.CELL_COLUMNS)
            for position, finished in enumerate(_run_pass_two(tasks, context, config, index, finished_before)):
                if on_progress:
                    on_progress("finish", position + 1, len(tasks), tasks[position].name)
                if isinstance(finished, dict):
                    batch.errors.append(finished)
                    continue
                summary.writerow(batchfiles.summary_values(finished, labels))
                cells.writerows(finished.cells)
                name = tasks[position].name
                # A report finished before is noted in the store already: no transaction for nothing.
                pairs.add(finished.pairs, done=None if name in finished_before else name)
                label_totals.update(finished.label_counts)
                batch.reports += 1
        batchfiles.write_pairs(output, pairs)
        batchfiles.write_summary_workbook(output)
        with atomic_writer(output / "index.html") as handle:
            handle.writelines(index_page_parts(read_csv(output / "summary.csv"), batch.reports, label_totals, batch.errors))
        pairs.discard()  # every batch file is written: nothing is left to resume


def _batch_identity(tasks: list[Task], context: Context, index: DuplicateIndex) -> str:
    """What pass 2's results depend on besides the reports' JSON: the tasks, the threshold and the
    index's content (a report added or replaced gives a new document key)."""
    from nlp.reportjson import years_json

    links = [[t.name, t.doc_id, t.previous, years_json(t.years) if t.years else None] for t in tasks]
    described = json.dumps([links, context.threshold, index.version()], ensure_ascii=False)
    return hashlib.sha256(described.encode("utf-8")).hexdigest()


def _run_pass_two(
    tasks: list[Task], context: Context, config: AnalysisConfig, index: DuplicateIndex, finished_before: set[str]
) -> Iterator[batchfiles.Finished | ErrorRecord]:
    """Finished reports in task order: here with one job, else on local worker processes (whatever the
    backend of pass 1: pass 2 reads the index file and writes the output folder, both on this machine).
    Those in `finished_before` whose JSON and page are whole are read back here."""
    kept = {
        t.name
        for t in tasks
        if t.name in finished_before and _complete_json(context.results / f"{t.name}.json") and _complete_page(context.output / f"{t.name}.html")
    }
    pending = [task for task in tasks if task.name not in kept]
    if config.jobs <= 1:
        pages = json.loads((context.output / PAGES_FILE).read_text(encoding="utf-8"))
        state = WorkerState(index, pages)
        yield from _in_task_order(tasks, kept, (finish_report(task, context, state) for task in pending), context)
        return
    from joblib import Parallel, delayed, parallel_config

    # Chunks of tasks, so that a worker opens its index and reads the page names once per chunk.
    chunks = [pending[start : start + 4 * CHUNK_REPORTS] for start in range(0, len(pending), 4 * CHUNK_REPORTS)]
    with parallel_config(backend="loky", n_jobs=config.jobs):
        computed = Parallel(return_as="generator", batch_size=1, pre_dispatch="2*n_jobs")(delayed(_in_worker)(os.getpid(), _finish_chunk, chunk, context) for chunk in chunks)
        yield from _in_task_order(tasks, kept, (finished for chunk in computed for finished in chunk), context)


def _finish_chunk(chunk: list[Task], context: Context) -> list[batchfiles.Finished | ErrorRecord]:
    """Pass 2 of some reports on a worker process, with state opened for them and closed after."""
    state = WorkerState.open(context)
    try:
        return [finish_report(task, context, state) for task in chunk]
    finally:
        state.index.close()


def _in_task_order(
    tasks: list[Task], kept: set[str], computed: Iterator[batchfiles.Finished | ErrorRecord], context: Context
) -> Iterator[batchfiles.Finished | ErrorRecord]:
    """The reports finished before, read back, among those finished now: in task order."""
    for task in tasks:
        if task.name in kept:
            report = read_report_json(context.results / f"{task.name}.json")
            yield batchfiles.finished(report, f"{task.name}.html")  # its pairs are in the store
        else:
            yield next(computed)


def _complete_json(path: Path) -> bool:
    """True if `path` holds a whole JSON object as `write_report_json` writes it (it ends with its closing brace)."""
    return _ends_with(path, b"}")


def _complete_page(path: Path) -> bool:
    """True if `path` holds a whole review page (`nlp.render.review_page` ends each so)."""
    return _ends_with(path, b"</html>")


def _ends_with(path: Path, ending: bytes) -> bool:
    """True if the file ends with `ending`: what a file written without a flush shows of being whole."""

    try:
        with path.open("rb") as handle:
            handle.seek(-len(ending), os.SEEK_END)
            return handle.read() == ending
    except OSError:  # missing, or shorter than `ending` (seek before the start)
        return False
