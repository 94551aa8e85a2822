"""What the batch runner (`nlp.batch.run`) shares with its passes and workers: its settings, the
records it keeps per report, and pass 2 of one report (copies, reuse, page)."""

from __future__ import annotations

import json
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from nlp.batch import files
from nlp.duplicates.index import DuplicateIndex
from nlp.duplicates.stored import ParagraphMatches
from nlp.errors import GovReportError
from nlp.files import part_name
from nlp.inputs import Input
from nlp.read import ReadLimits
from nlp.report import Copies, Match, Report, Reuse, Years
from nlp.reportjson import copied_share, read_report_json, write_report_json

#: Near-copies listed per paragraph in its JSON and review page (the most similar); the rest are counted.
MATCHES_LISTED = 10
#: doc_id -> review page of every report of the batch, for the links between pages (internal, rewritten each run).
PAGES_FILE = ".pages.json"
#: Pairs found in pass 2, deduplicated on disk before copy_paste_pairs.csv is written, with the
#: names of the reports finished: a run killed in pass 2 and resumed skips them (removed at the end).
PAIRS_FILE = ".pairs.sqlite"
#: One JSON line per report pass 1 finished (name, doc_id, agency, year, labels): what `--resume`
#: and pass 2 need of it, without reading its JSON back.
FINISHED_FILE = ".finished.jsonl"
#: Reports analysed together in one task: the models' per-call overhead is shared (about a fifth of
#: the time of one report analysed alone).
CHUNK_REPORTS = 8
#: One JSON line per input that killed its worker or ran over `--file-timeout` (output name, source,
#: size, mtime, error record): `--resume` does not try such a file again while it is unchanged, so a
#: file that kills every worker cannot stop a batch from ever finishing (`--retry-failed` tries it).
FAILED_FILE = ".failed.jsonl"
#: The `kind` of an error record whose file is not tried again on `--resume` (see FAILED_FILE).
COSTLY_FAILURES = frozenset({"worker_killed", "timeout"})
#: Characters of report text a one-job run holds in memory between the passes (`KeptReports`;
#: 30-50 bytes of memory a character, annotations included); the reports beyond are read back from
#: their JSON. Holding pays most where a run is short; in a long run it spares reading back only
#: the first reports, so the budget is kept small (about 100 MB): at 10 million characters a
#: 10,000-report run peaked at 976 MB, against 456 MB before reports were held.
KEPT_CHARACTERS = 2_000_000

ErrorRecord = dict[str, str]
Progress = Callable[[str, int, int, str], None]


@dataclass
class AnalysisConfig:
    """What `analyze` runs with. None for a path means the shipped default."""

    model: str | None = None
    trust_model: bool = False
    index: str | None = None
    jobs: int = 1
    #: `local` (joblib processes on this machine) or `dask` (a Dask cluster at `scheduler`).
    backend: str = "local"
    scheduler: str | None = None
    threshold: float = 0.8
    resume: bool = False
    #: Clear an earlier run's results in the output folder (else a run refuses them; `nlp.outputdir`).
    force: bool = False
    #: With `resume`: try again the files that killed their worker or ran out of time (FAILED_FILE).
    retry_failed: bool = False
    #: What one input file may cost the reader (`nlp.read.ReadLimits`; None: the defaults).
    limits: ReadLimits | None = None
    #: Seconds one file may take to read and analyse (None: no limit); see `nlp.batch.passes`.
    file_timeout: float | None = None
    #: Follow symbolic links that lead out of an input folder (`nlp.files.iter_report_paths`).
    follow_links: bool = False
    #: With one job: characters of report text held in memory between the passes (`KeptReports`);
    #: 0 holds none (each report's JSON written in pass 1 and read back in pass 2).
    hold_characters: int = KEPT_CHARACTERS
    #: Read each report of a file holding several (a bound volume, a page of several years) as a report of its own
    #: (`nlp.inputs.read_input_reports`); False reads the first only, which warns of the others.
    split: bool = True


@dataclass
class BatchResult:
    output: Path
    reports: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)
    #: Files found in the input folders that hold no report (a `.json` without an article: a crawler's
    #: configuration, a results file), each "PATH: why"; not errors.
    not_reports: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Done:
    """What the batch keeps of a report pass 1 finished (a line of `FINISHED_FILE`)."""

    name: str
    doc_id: str
    agency: str | None
    year: int | None
    labels: tuple[str, ...]
    #: For one of several reports of a file (`Report.part`): the file's output name (`Item.name`), which report of it
    #: this is and how many it holds, so that `--resume` knows a file done only when all of them are. "", 0 and 0
    #: for a file's only report.
    file: str = ""
    part: int = 0
    parts: int = 0

    @classmethod
    def of(cls, name: str, report: Report, item: Item) -> Done:
        """The line of `report`, analysed from `item`'s file under the output `name`."""
        labels = tuple(report.annotations.labels) if report.annotations is not None else ()
        if report.part is None:
            return cls(name, report.doc_id, report.agency, report.year, labels)
        return cls(name, report.doc_id, report.agency, report.year, labels, item.name, report.part.number, report.part.of)

    def to_line(self) -> str:
        fields: list[object] = [self.name, self.doc_id, self.agency, self.year, list(self.labels)]
        if self.parts:  # a file's only report: the line as it always was
            fields += [self.file, self.part, self.parts]
        return json.dumps(fields, ensure_ascii=False) + "\n"

    @classmethod
    def from_line(cls, line: str) -> Done | None:
        try:
            name, doc_id, agency, year, labels, *of = json.loads(line)
            file, part, parts = of or ("", 0, 0)
        except ValueError:  # the last line of a killed run, cut short
            return None
        return cls(name, doc_id, agency, year, tuple(labels), str(file), int(part), int(parts))


class FileTimeout(GovReportError):
    """A file took longer than `AnalysisConfig.file_timeout` to read and analyse."""


@dataclass(frozen=True)
class Item:
    """One input of pass 1 (`nlp.inputs.Input`: a file, or a line of a JSON Lines file, with its
    report id) and its output name."""

    input: Input
    name: str

    @property
    def path(self) -> Path:
        return self.input.path

    @property
    def source(self) -> str:
        """Where the input is, as messages name it (`FILE`, `FILE:LINE`, `ARCHIVE!MEMBER`)."""
        return self.input.source

    @property
    def doc_id(self) -> str:
        return self.input.doc_id

    def report_name(self, report: Report, taken: Container[str]) -> str:
        """The output name of a report read from this input: its own `name` for its only report; for report N of
        several (`Report.part`), `NAME.N` (as `govreport split` names the texts), made distinct from the batch's
        other inputs' names (`taken`): `NAME.N-2`. The same in every run of the same inputs, resumed or not."""
        if report.part is None:
            return self.name
        base = name = part_name(self.name, report.part.number)
        counter = 2
        while name in taken:
            name, counter = f"{base}-{counter}", counter + 1
        return name


@dataclass(frozen=True)
class Task:
    """Pass 2 of one report: its output name, its doc_id, and the output name of its previous year's report."""

    name: str
    doc_id: str
    previous: str | None = None
    #: The report's links with the same agency's other years (`nlp.batch.years`), None without any.
    years: Years | None = None


@dataclass(frozen=True)
class Context:
    """What finishing a report needs besides the report: the same for all, small (sent with each task)."""

    output: Path
    index: Path
    threshold: float

    @property
    def results(self) -> Path:
        return self.output / "reports"


@dataclass
class KeptReports:
    """The reports pass 1 analysed in this process, held for pass 2 up to `budget` characters of
    text, so that pass 2 and the checks across years need not read back the JSON pass 1 just wrote
    (reading it back was a tenth of a one-job run's own time). What pass 2 reads of a report is
    what its JSON holds of it; the words the pipeline cut are not (and are let go here).

    A held report's JSON is written once, by pass 2, rather than by pass 1 and again by pass 2 (the
    first write was a tenth of a one-job run). Until then it is `unwritten`, with its line of
    FINISHED_FILE, which goes to `log` only after its JSON, so that `--resume` never trusts a report
    without one. A run that stops early writes them as pass 1 left them (`write_unwritten`, from the
    batch runner's `finally`); only a process killed outright (SIGKILL, a power cut) loses them, and
    `--resume` then analyses them again: at most `budget` characters of work.
    """

    budget: int = 0
    reports: dict[str, Report] = field(default_factory=dict)
    used: int = 0
    #: Held reports whose JSON is not written yet, with what their line of FINISHED_FILE will say.
    unwritten: dict[str, Done] = field(default_factory=dict)
    #: FINISHED_FILE, open for appending, where the lines of the unwritten reports go once written.
    log: TextIO | None = None

    def keep(self, name: str, report: Report, entry: Done | None = None) -> bool:
        """Hold `report` if the budget allows; with `entry` (and a `log`), its JSON and line wait
        for pass 2. True if held."""
        size = len(report.source_text)
        if self.used + size > self.budget:
            return False
        for paragraph in report.paragraphs:
            paragraph.tokens = None
        self.reports[name] = report
        self.used += size
        if entry is not None and self.log is not None:
            self.unwritten[name] = entry
        return True

    def get(self, name: str, results: Path) -> Report:
        """The report of output name `name`: the one held, else read from its JSON in `results`."""
        report = self.reports.get(name)
        return report if report is not None else read_report_json(results / f"{name}.json")

    def written(self, name: str) -> None:
        """Pass 2 wrote the JSON of `name`: its line of FINISHED_FILE follows (if it was waiting)."""
        entry = self.unwritten.pop(name, None)
        if entry is not None and self.log is not None:
            self.log.write(entry.to_line())
            self.log.flush()  # a killed process loses no line of a report whose JSON is written

    def drop(self, name: str, results: Path) -> None:
        """Forget a report (pass 2 failed on it): its JSON is what stands, the one pass 1 made
        where pass 2 had not written one (written now, unless the disk refuses it: the run's end
        tries again)."""
        report = self.reports.get(name)
        if report is None:
            return
        if name in self.unwritten:
            try:
                self._write_as_pass_one_left(name, results)
            except OSError:
                return  # held as pass 1 left it, still unwritten
        self.reports.pop(name, None)

    def write_unwritten(self, results: Path) -> None:
        """Write the JSON (as pass 1 left the report) and line of every held report pass 2 did not
        write: those of a run that stopped early, and a report that no task finishes (an earlier
        file of the same doc_id)."""
        for name in list(self.unwritten):
            self._write_as_pass_one_left(name, results)

    def _write_as_pass_one_left(self, name: str, results: Path) -> None:
        report = self.reports[name]
        as_pass_one_left(report)
        write_report_json(results / f"{name}.json", report)
        self.written(name)


def as_pass_one_left(report: Report) -> None:
    """Undo what pass 2 adds to a report (copies, reuse, links across years), which a run stopped
    in the middle of a report's pass 2 may have added in part."""
    notes = report.annotations
    if notes is not None:
        notes.reuse = None
        notes.years = None
    for paragraph in report.paragraphs:
        if paragraph.annotations is not None:
            paragraph.annotations.copies = None


@dataclass
class WorkerState:
    """What pass 2 opens once per process, or once per chunk of tasks on a worker: passed explicitly."""

    index: DuplicateIndex
    pages: dict[str, str]
    #: Reports pass 1 left in this process's memory (one job), else none.
    kept: KeptReports = field(default_factory=KeptReports)

    @classmethod
    def open(cls, context: Context) -> WorkerState:
        pages = json.loads((context.output / PAGES_FILE).read_text(encoding="utf-8"))
        return cls(DuplicateIndex(context.index), pages)


def finish_report(task: Task, context: Context, state: WorkerState) -> files.Finished | ErrorRecord:
    """Pass 2 for one report: its copied paragraphs and reuse, its JSON again, its page; what the batch files need."""
    path = context.results / f"{task.name}.json"
    try:
        report = state.kept.get(task.name, context.results)
        lookups = state.index.lookup(report, context.threshold)
        add_copies(report, lookups)
        add_reuse(report, task.previous, context, state)
        report.annotations.years = task.years  # type: ignore[union-attr]
        write_report_json(path, report)
        state.kept.written(task.name)
        page = files.write_page(context.output, report, task.name, state.pages)
        return files.finished(report, page, [pair for lookup in lookups for pair in lookup.pairs])
    except (OSError, ValueError, GovReportError) as exc:
        state.kept.drop(task.name, context.results)
        return {"source": str(path), "doc_id": task.doc_id, "error": f"{task.doc_id}: could not finish its analysis ({type(exc).__name__}: {exc})"}


def add_copies(report: Report, lookups: list[ParagraphMatches]) -> None:
    """Each labelled paragraph's near-copies in other reports of the index (`ParagraphAnnotations.copies`)."""
    found = {lookup.key[1]: lookup for lookup in lookups}
    for paragraph in report.annotated():
        lookup = found.get(paragraph.index)
        pairs = lookup.pairs if lookup else []
        matches = [Match(pair.doc_b, pair.para_b, round(float(pair.similarity), 4)) for pair in pairs[:MATCHES_LISTED]]  # type: ignore[arg-type]
        paragraph.annotations.copies = Copies(matches, lookup.copies if lookup else 0, bool(lookup and lookup.capped))  # type: ignore[union-attr]


def add_reuse(report: Report, previous: str | None, context: Context, state: WorkerState) -> None:
    """The copied share, and the share repeated from the agency's previous report (`ReportAnnotations.reuse`)."""
    reuse = Reuse(copied_share=copied_share(report))
    if previous:
        from nlp.duplicates.families import reused_share

        before = state.kept.get(previous, context.results)
        # the share only: year_over_year's word counts (Brown & Tucker's cosine) are not kept here,
        # and would cut both reports' words again (the JSON does not carry them)
        reuse.yoy_share = round(reused_share(report, before, threshold=context.threshold), 4)
        reuse.yoy_previous = before.doc_id
    report.annotations.reuse = reuse  # type: ignore[union-attr]
