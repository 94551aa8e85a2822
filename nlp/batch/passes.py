"""The two passes of the batch runner (`nlp.batch.run`) and their resume; the worker processes they
run on (joblib's loky workers, a Dask cluster) are `nlp.batch.workers`."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import threading
from collections import Counter, deque
from collections.abc import Iterator
from pathlib import Path

from nlp.batch import files, ledger
from nlp.batch.state import (
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
    KeptReports,
    Progress,
    Task,
    WorkerState,
    finish_report,
)
from nlp.batch.workers import PROCESS_STEPS, FileOutcomes, Outcome, in_worker, run_chunks, watched_workers
from nlp.duplicates.index import DuplicateIndex, Prepared
from nlp.export import ExcelWriter, read_csv
from nlp.files import atomic_writer
from nlp.inputs import InputFailure, failure, read_input_reports, report_origin
from nlp.pipeline import Steps
from nlp.report import Report
from nlp.reportjson import read_report_json, write_report_json

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
    kept: KeptReports,
) -> tuple[list[Done], int]:
    """Every file analysed (or, with `--resume`, found done by an earlier run); what the batch keeps
    of each report, and how many were analysed in this run.

    The reports analysed go to `kept`; one it holds waits for pass 2 to write its JSON and its line
    of FINISHED_FILE (`KeptReports`), the others are written here, to `kept.log` (open, see
    `open_finished`)."""
    finished = kept.log
    assert finished is not None, "the finished reports' file, open (open_finished)"
    known = ledger.read_finished(context.output / FINISHED_FILE, index) if config.resume else {}
    failed_path = context.output / FAILED_FILE
    # Files that killed their worker or ran out of time in an earlier run: not tried again while unchanged.
    given_up = {} if config.retry_failed or not config.resume else ledger.read_failed(failed_path, todo)
    done: list[Done] = []
    analysed_now = 0
    costly = list(given_up.values())  # still given up on: kept for the next --resume
    position = 0
    names = {item.name for item in todo}  # the reports of a file holding several are named apart from them
    for group in _run_pass_one(todo, context, config, steps, known, given_up, index):
        lines: list[str] = []
        # The index additions of a chunk in one transaction (one commit instead of one per report),
        # then the lines of its reports: a report's line is written only once the index holds it,
        # so that a run killed before the commit redoes the chunk's reports on --resume.
        try:
            with index.adding():
                for item, results in group:
                    for outcome, prepared in results:
                        if isinstance(outcome, dict):
                            batch.errors.append(outcome)
                            if outcome.get("kind") in COSTLY_FAILURES and item.name not in given_up:
                                costly.append(ledger.failed_line(item, outcome))
                        elif isinstance(outcome, Done):
                            done.append(outcome)
                        else:
                            name = item.report_name(outcome, names)
                            outcome.annotations.output_name = name  # type: ignore[union-attr]
                            index.add(outcome, prepared=prepared)
                            entry = Done.of(name, outcome, item)
                            if not kept.keep(name, outcome, entry):
                                write_report_json(context.results / f"{name}.json", outcome)
                                lines.append(entry.to_line())
                            done.append(entry)
                            analysed_now += 1
                    position += 1  # files, not reports: a file's reports are known once it is read
                    if on_progress:
                        on_progress("read", position, len(todo), item.source)
        finally:
            # Also after an exception: the additions that returned are committed (`adding`).
            if lines:
                finished.writelines(lines)
                finished.flush()
    if costly:
        with atomic_writer(failed_path) as handle:
            handle.writelines(costly)
    else:
        failed_path.unlink(missing_ok=True)
    return done, analysed_now


def _run_pass_one(
    todo: list[Item],
    context: Context,
    config: AnalysisConfig,
    steps: Steps | None,
    known: dict[str, Done],
    given_up: dict[str, str],
    index: DuplicateIndex,
) -> Iterator[list[tuple[Item, list[tuple[Outcome | Done, Prepared | None]]]]]:
    """(item, what its file gave) per file, in input order, on the chosen backend: its analysed reports (one, or
    each of the several it holds) or its error records, or the `Done` of each report an earlier run finished;
    with what the index makes of an analysed report (`DuplicateIndex.prepare_many`, a chunk at a time). In
    groups, each ending with the last file of a chunk analysed, so that the caller's work on a group (its index
    additions, in one transaction) ends before the next chunk is analysed."""
    finished = ledger.finished_files(known, todo, context.results)
    pending = [item for item in todo if item.name not in finished and item.name not in given_up]
    chunks = [pending[start : start + CHUNK_REPORTS] for start in range(0, len(pending), CHUNK_REPORTS)]
    if config.jobs <= 1 and config.backend == "local":
        loaded = steps or PROCESS_STEPS.get(config)
        computed: Iterator[list[FileOutcomes]] = (process_files(chunk, config, loaded) for chunk in chunks)
    else:
        computed = run_chunks(chunks, config, process_files)
    outcomes = _prepared(computed, index)
    group: list[tuple[Item, list[tuple[Outcome | Done, Prepared | None]]]] = []
    ready: deque[list[tuple[Outcome, Prepared | None]]] = deque()
    for item in todo:
        if item.name in finished:
            group.append((item, [(entry, None) for entry in finished[item.name]]))
        elif item.name in given_up:
            group.append((item, [(ledger.given_up_record(given_up[item.name]), None)]))
        else:
            if not ready:
                ready.extend(next(outcomes))
            group.append((item, list(ready.popleft())))
            if not ready:  # the chunk's last file
                yield group
                group = []
    if group:
        yield group


def _prepared(computed: Iterator[list[FileOutcomes]], index: DuplicateIndex) -> Iterator[list[list[tuple[Outcome, Prepared | None]]]]:
    """The outcomes of each chunk's files, an analysed report with what the index makes of it (prepared
    for the chunk's reports together)."""
    for chunk in computed:
        ready = iter(index.prepare_many([outcome for found in chunk for outcome in found if isinstance(outcome, Report)]))
        yield [[(outcome, next(ready) if isinstance(outcome, Report) else None) for outcome in found] for found in chunk]


def process_files(chunk: list[Item], config: AnalysisConfig, steps: Steps | None = None) -> list[FileOutcomes]:
    """Read and analyse some files (in a worker process or locally): per file, its annotated reports (one, or each
    of the several a file holds: `config.split`) or its error record.

    Should the batched analysis fail (or run out of time), each report is analysed alone, so that only the
    report at fault becomes an error (its own record: the file's other reports go on); a report that runs out
    of time costs its whole file, as a file whose reading does (the file is what `--resume` gives up on).
    """
    steps = steps or PROCESS_STEPS.get(config)
    outcomes = [_read_file(item, config) for item in chunk]
    readable = [(i, j) for i, found in enumerate(outcomes) for j, outcome in enumerate(found) if isinstance(outcome, Report)]
    try:
        with _time_limit(config.file_timeout and config.file_timeout * max(1, len(readable)), None):
            steps.annotate([outcomes[i][j] for i, j in readable])  # type: ignore[misc]
    except Exception:  # noqa: BLE001 - find the report at fault, below
        timed_out: dict[int, ErrorRecord] = {}
        for i, j in readable:
            if i in timed_out:
                continue
            report: Report = outcomes[i][j]  # type: ignore[assignment]
            where, doc_id = report_origin(chunk[i].input, report)
            try:
                with _time_limit(config.file_timeout, where):
                    steps.annotate([report])
            except FileTimeout as exc:
                timed_out[i] = {**failure(chunk[i].input.source, exc, chunk[i].doc_id).error_record(), "kind": "timeout"}
            except Exception as exc:  # noqa: BLE001
                outcomes[i][j] = failure(where, exc, doc_id).error_record()
        for i, record in timed_out.items():
            outcomes[i] = [record]
    return outcomes


def _read_file(item: Item, config: AnalysisConfig) -> FileOutcomes:
    """The reports of one file, structured (each of several with `config.split`), or its error record."""
    try:
        with _time_limit(config.file_timeout, item.source):
            reports = read_input_reports(item.input, config.limits, split=config.split)
    except FileTimeout as exc:  # the timer ran out just as the reader returned
        reports = failure(item.input.source, exc, item.doc_id)
    if isinstance(reports, InputFailure):
        record = {**reports.error_record(), "doc_id": item.doc_id}
        if isinstance(reports.exception, FileTimeout):
            record["kind"] = "timeout"
        return [record]
    return list(reports)


@contextlib.contextmanager
def _time_limit(seconds: float | None, path: str | Path | None) -> Iterator[None]:
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
    kept: KeptReports | None = None,
) -> None:
    """Finish every report (copies, reuse, page) and stream the batch files: summary, cells, pairs, index page.

    With `reuse`, the reports a killed run of the same batch finished (their pairs are in the
    store, their JSON and page written) are read back rather than done again.
    """
    from nlp.duplicates.pairstore import PairStore
    from nlp.render import index_page_parts

    output = context.output
    label_totals: Counter[str] = Counter()
    with PairStore(output / PAIRS_FILE, batch=_batch_identity(tasks, context, index), reuse=reuse, commit_every=4 * CHUNK_REPORTS) as pairs:
        finished_before = pairs.done()
        # For Excel: UTF-8 with its mark, cells escaped (nlp.export).
        with atomic_writer(output / "summary.csv", encoding="utf-8-sig") as summary_handle, atomic_writer(output / "table_cells.csv", encoding="utf-8-sig") as cells_handle:
            summary = ExcelWriter(summary_handle)
            summary.writerow([*files.SUMMARY_COLUMNS, *(f"paragraphs_{label}" for label in labels)])
            cells = ExcelWriter(cells_handle)
            cells.writerow(files.CELL_COLUMNS)
            for position, finished in enumerate(_run_pass_two(tasks, context, config, index, finished_before, kept or KeptReports())):
                if on_progress:
                    on_progress("finish", position + 1, len(tasks), tasks[position].name)
                if isinstance(finished, dict):
                    batch.errors.append(finished)
                    continue
                summary.writerow(files.summary_values(finished, labels))
                cells.writerows(finished.cells)
                name = tasks[position].name
                # A report finished before is noted in the store already: no transaction for nothing.
                pairs.add(finished.pairs, done=None if name in finished_before else name)
                label_totals.update(finished.label_counts)
                batch.reports += 1
        files.write_pairs(output, pairs)
        files.write_summary_workbook(output)
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
    tasks: list[Task], context: Context, config: AnalysisConfig, index: DuplicateIndex, finished_before: set[str], held: KeptReports
) -> Iterator[files.Finished | ErrorRecord]:
    """Finished reports in task order: here with one job, else on local worker processes (whatever the
    backend of pass 1: pass 2 reads the index file and writes the output folder, both on this machine).
    Those in `finished_before` whose JSON and page are whole are read back here."""
    kept = {
        t.name
        for t in tasks
        if t.name in finished_before and ledger.complete_json(context.results / f"{t.name}.json") and ledger.complete_page(context.output / f"{t.name}.html")
    }
    pending = [task for task in tasks if task.name not in kept]
    if config.jobs <= 1:
        pages = json.loads((context.output / PAGES_FILE).read_text(encoding="utf-8"))
        state = WorkerState(index, pages, held)
        yield from _in_task_order(tasks, kept, _finish_in_lots(pending, context, state), context)
        return
    from joblib import Parallel, delayed, parallel_config

    # Chunks of tasks, so that a worker opens its index and reads the page names once per chunk.
    chunks = [pending[start : start + 4 * CHUNK_REPORTS] for start in range(0, len(pending), 4 * CHUNK_REPORTS)]
    with parallel_config(backend="loky", n_jobs=config.jobs, **watched_workers()):
        computed = Parallel(return_as="generator", batch_size=1, pre_dispatch="2*n_jobs")(delayed(in_worker)(os.getpid(), _finish_chunk, chunk, context) for chunk in chunks)
        yield from _in_task_order(tasks, kept, (finished for chunk in computed for finished in chunk), context)
        # Every chunk is in; running joblib's generator to its end closes it as finished rather than
        # abandoned (which it reports with a warning about cancelled tasks).
        for _ in computed:
            pass


def _finish_chunk(chunk: list[Task], context: Context) -> list[files.Finished | ErrorRecord]:
    """Pass 2 of some reports on a worker process, with state opened for them and closed after."""
    state = WorkerState.open(context)
    try:
        return list(_finish_in_lots(chunk, context, state))
    finally:
        state.index.close()


def _finish_in_lots(tasks: list[Task], context: Context, state: WorkerState) -> Iterator[files.Finished | ErrorRecord]:
    """`finish_report` of each task, the lookups of `4 * CHUNK_REPORTS` reports at a time in one read
    transaction of the index (SQLite took its locks for every statement: a few per lookup)."""
    lot = 4 * CHUNK_REPORTS
    for start in range(0, len(tasks), lot):
        with state.index.reading():
            for task in tasks[start : start + lot]:
                yield finish_report(task, context, state)


def _in_task_order(
    tasks: list[Task], kept: set[str], computed: Iterator[files.Finished | ErrorRecord], context: Context
) -> Iterator[files.Finished | ErrorRecord]:
    """The reports finished before, read back, among those finished now: in task order."""
    for task in tasks:
        if task.name in kept:
            report = read_report_json(context.results / f"{task.name}.json")
            yield files.finished(report, f"{task.name}.html")  # its pairs are in the store
        else:
            yield next(computed)
