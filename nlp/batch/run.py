"""The batch runner of `analyze`: two passes over a folder of reports, streamed, never stopped by one bad file.

Pass 1 reads each report once, runs the per-report steps (`nlp.pipeline.Steps`), adds its
paragraphs to the copy-paste index and writes its JSON; a line of the small `FINISHED_FILE` notes
each report done, so that `--resume` reads that file rather than every report's JSON (a report held
in memory for pass 2 waits for pass 2 to write both: `nlp.batch.state.KeptReports`). Between the
passes, `between_passes` is the place for work over the whole batch (the index's band table, which
report is whose previous year). Pass 2, once every report is in the index, looks up each report's
copied paragraphs and its repetition of the agency's previous year, then writes its page; the batch
files (`nlp.batch.files`) are streamed as reports finish. Reports are held in memory a few at a time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from nlp.batch.files import write_errors
from nlp.batch.ledger import open_finished, write_finished
from nlp.batch.passes import pass_one, pass_two
from nlp.batch.state import (
    CHUNK_REPORTS,
    FINISHED_FILE,
    MATCHES_LISTED,
    PAGES_FILE,
    PAIRS_FILE,
    AnalysisConfig,
    BatchResult,
    Context,
    Done,
    Item,
    KeptReports,
    Progress,
    Task,
)
from nlp.batch.years import batch_years
from nlp.duplicates.index import DuplicateIndex
from nlp.files import atomic_writer, distinct_name, remove_stale_temporaries
from nlp.inputs import Input, InputFailure, iter_inputs
from nlp.outputdir import claim_output
from nlp.pipeline import Steps
from nlp.report import Report
from nlp.reportjson import read_report_json


def analyze(
    paths: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    config: AnalysisConfig | None = None,
    steps: Steps | None = None,
    on_progress: Progress | None = None,
    on_note: Callable[[str], None] | None = None,
) -> BatchResult:
    """Run the whole pipeline on every report under `paths`; write everything into `output`.

    Results do not depend on `jobs`, the backend, or on a run being resumed: copied paragraphs are
    looked up in pass 2, against the whole index, whatever order reports were added in.
    `on_progress(stage, done, total, item)`: stage `read` (pass 1) then `finish` (pass 2).
    The run owns `output` (`nlp.outputdir.claim_output`: locked; an earlier run's results refused
    unless `config.resume` or `config.force`); `on_note(text)` hears what it cleared.
    """
    config = config or AnalysisConfig()
    output = Path(output)
    with claim_output(output, resume=config.resume, force=config.force, own_index=not config.index, note=on_note):
        return _analyze(paths, output, config, steps, on_progress, on_note)


def _analyze(
    paths: Iterable[str | os.PathLike[str]],
    output: Path,
    config: AnalysisConfig,
    steps: Steps | None,
    on_progress: Progress | None,
    on_note: Callable[[str], None] | None = None,
) -> BatchResult:
    context = Context(output, Path(config.index) if config.index else output / "index.sqlite", config.threshold)
    context.results.mkdir(parents=True, exist_ok=True)
    for folder in (output, context.results):
        remove_stale_temporaries(folder)  # half-written files of a killed run
    batch = BatchResult(output=output)
    skipped: list[tuple[Path, str]] = []
    unreadable: list[InputFailure] = []
    not_reports: list[tuple[Path, str]] = []
    files = list(iter_inputs(paths, follow_links=config.follow_links, skipped=skipped, limits=config.limits, failures=unreadable, not_reports=not_reports))
    batch.not_reports = [why for _, why in not_reports]
    if not_reports and on_note is not None:
        shown = "; ".join(batch.not_reports[:5]) + ("; …" if len(not_reports) > 5 else "")
        on_note(f"skipped {len(not_reports)} JSON file(s) that hold no report: {shown}")
    if on_note is not None:
        on_note(f"{_inputs_said(files)} on {_workers(config)}; loading the models…")
    batch.errors.extend({"source": str(link), "doc_id": "", "error": reason, "kind": "link_not_followed"} for link, reason in skipped)
    batch.errors.extend(listed.error_record() for listed in unreadable)  # an empty JSON Lines file, one of paragraphs
    used: set[str] = set()
    # Each input's report id is unique in the batch (`nlp.inputs.iter_inputs`: a file's path relative
    # to the folder given where names clash, a JSON Lines record's own doc_id), so that no two inputs
    # share a row, a page or a JSON file; its output name is that id made a safe file name.
    todo = [Item(f, distinct_name(f.doc_id, used)) for f in files]
    # Not flushed per report: the run ends with os.sync, and --resume redoes a report the index lacks.
    # With one job, pass 2 runs in this process: the reports pass 1 analysed stay in memory for it.
    kept = KeptReports(config.hold_characters if config.jobs <= 1 else 0)
    with DuplicateIndex(context.index, durable=False) as index, open_finished(output, config.resume) as kept.log:
        try:
            done, analysed_now = pass_one(todo, context, config, steps, index, batch, on_progress, kept)
            tasks = between_passes(done, context, index, kept)
            # A kill in pass 2 leaves the reports it finished in the pair store; they stand if pass 1
            # had nothing left to do and the index and the tasks are those of the killed run.
            pass_two(tasks, context, config, index, sorted({label for d in done for label in d.labels}), batch, on_progress, config.resume and not analysed_now, kept)
        finally:
            # The held reports pass 2 did not write (a run stopped by an error, Ctrl-C or SIGTERM;
            # an earlier file of a doc_id): written as pass 1 left them, so that --resume need not
            # analyse them again.
            kept.write_unwritten(context.results)
    write_finished(output, done)
    write_errors(output, batch.errors)
    (output / PAGES_FILE).unlink(missing_ok=True)
    if hasattr(os, "sync"):
        os.sync()  # the reports' JSON and pages, written without a flush each, are on the disk when the run ends
    return batch


def _inputs_said(files: list[Input]) -> str:
    """How many reports the run will read, and from how many files where that differs (`12 reports from 3 files`):
    what was listed, so that the count matches what is analysed (a JSON file without an article is not in it)."""
    paths = len({item.path for item in files})
    return f"{len(files)} input(s)" + (f" from {paths} file(s)" if paths != len(files) else "")


def _workers(config: AnalysisConfig) -> str:
    return f"{config.jobs} job(s)" if config.backend == "local" else "a Dask cluster"


def between_passes(done: list[Done], context: Context, index: DuplicateIndex, kept: KeptReports | None = None) -> list[Task]:
    """The work over the whole batch between the passes: the index's band table (built once before
    pass 2 reads it), the page of each report, which report is each one's previous year, and the
    checks across years (`nlp.batch.years`)."""
    index.search(context.threshold)
    pages = {d.doc_id: f"{d.name}.html" for d in done}
    with atomic_writer(context.output / PAGES_FILE) as handle:
        handle.write(json.dumps(pages, ensure_ascii=False, separators=(",", ":")))
    previous = previous_reports(done)
    years = batch_years(done, context.results, kept)  # the checks across years, on what pass 1 wrote
    # One task per doc_id (a later file of the same doc_id stands), in order of first appearance.
    by_doc = {d.doc_id: d for d in done}
    return [Task(d.name, doc_id, previous.get(doc_id), years.get(doc_id)) for doc_id, d in by_doc.items()]


def previous_reports(done: Iterable[Done]) -> dict[str, str]:
    """doc_id -> output name of the same agency's latest earlier report in this batch."""
    from nlp.agency import agency_key

    by_agency: dict[str, list[tuple[int, str, str]]] = {}
    for d in {d.doc_id: d for d in done}.values():
        if d.agency and d.year:
            by_agency.setdefault(agency_key(d.agency), []).append((int(d.year), d.doc_id, d.name))
    previous = {}
    for reports in by_agency.values():
        reports.sort()
        for (year_before, _, name_before), (year, doc_id, _) in zip(reports, reports[1:], strict=False):
            if year_before < year:
                previous[doc_id] = name_before
    return previous


def iter_results(output: str | os.PathLike[str]) -> Iterator[Report]:
    """The analysed reports of a batch (read back from their JSON), one at a time."""
    for path in sorted((Path(output) / "reports").glob("*.json")):
        yield read_report_json(path)


__all__ = [
    "CHUNK_REPORTS", "FINISHED_FILE", "MATCHES_LISTED", "PAGES_FILE", "PAIRS_FILE",
    "AnalysisConfig", "BatchResult", "analyze", "between_passes", "iter_results", "previous_reports",
]  # fmt: skip
