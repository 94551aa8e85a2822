"""The main job: every step of the pipeline over a folder of reports, streamed, never stopped by one bad file.

Pass 1 reads each report once and runs the per-report steps (tables and their checks, paragraph
labels, boilerplate), writes its JSON document and adds its paragraphs to the copy-paste index.
Pass 2, once every report of the batch is in the index, finds each report's copied paragraphs and
its repetition of the same agency's previous year, then writes the review pages, the summary
spreadsheets and `errors.jsonl`. Reports are held in memory one at a time.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp.errors import GovReportError
from nlp.files import atomic_writer, distinct_name, iter_report_paths, remove_stale_temporaries
from nlp.labels import GUIDE_LABELS
from nlp.report import Report
from nlp.tokenize import Tokenizer

#: The labels whose presence a complete report should show (the template's required topics):
#: every label of the guide but `other`.
REQUIRED_TOPICS: tuple[str, ...] = tuple(label for label in GUIDE_LABELS if label != "other")


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


@dataclass
class Steps:
    """The loaded components, built once per process and reused for every report."""

    classifier: Any = None
    scorer: Any = None

    @classmethod
    def load(cls, config: AnalysisConfig) -> Steps:
        from nlp.boilerplate.train import load_boilerplate_scorer
        from nlp.classify.loading import load_model

        return cls(classifier=load_model(config.model, trust=config.trust_model), scorer=load_boilerplate_scorer())


@dataclass
class BatchResult:
    output: Path
    reports: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------------------------------------
# One report
# ---------------------------------------------------------------------------------------------


def analyze_report(report: Report, steps: Steps) -> dict[str, Any]:
    """Everything the per-report steps find, as one JSON-ready document."""
    return analyze_reports([report], steps)[0]


def analyze_reports(reports: Sequence[Report], steps: Steps) -> list[dict[str, Any]]:
    """`analyze_report` for several reports: the models run once over all their paragraphs."""
    narratives = [report.narrative() for report in reports]
    predictions = steps.classifier.predict_reports(reports)
    scores = steps.scorer.score_groups(
        [([p.text for p in narrative], [report.agency] if report.agency else []) for report, narrative in zip(reports, narratives, strict=True)]
    )
    return [
        _document(report, narrative, report_predictions, report_scores, steps)
        for report, narrative, report_predictions, report_scores in zip(reports, narratives, predictions, scores, strict=True)
    ]


def _document(report: Report, narrative: list[Any], predictions: list[dict[str, Any]], scores: list[Any], steps: Steps) -> dict[str, Any]:
    from nlp.tables.checks import check_report
    from nlp.tables.extract import read_tables

    extraction = read_tables(report)
    findings = check_report(report, extraction)
    section_titles = {id(p): s.title for s in report.sections for p in s.paragraphs}

    paragraphs = []
    by_index = {p.index: (prediction, score) for p, prediction, score in zip(narrative, predictions, scores, strict=True)}
    for paragraph in report.paragraphs:
        entry: dict[str, Any] = {
            "index": paragraph.index,
            "section": paragraph.section,
            "section_title": section_titles.get(id(paragraph), ""),
            "kind": paragraph.kind,
            "text": paragraph.text,
            "original": report.original(paragraph),
            "start": paragraph.start,
            "end": paragraph.end,
        }
        if paragraph.index in by_index:
            prediction, score = by_index[paragraph.index]
            entry["label"] = prediction["label"]
            entry["scores"] = prediction["scores"]
            entry["confidence"] = max(prediction["scores"].values())
            entry["boilerplate"] = round(score.boilerplate, 4)
            entry["specificity"] = round(score.specificity, 4)
            # The spans that pushed the score towards template (corpus-common or template n-grams).
            entry["boilerplate_spans"] = [[s.start, s.end, s.kind] for s in score.spans if s.weight > 0]
            entry["matches"] = []
        paragraphs.append(entry)

    labels = [p["label"] for p in paragraphs if "label" in p]
    counts = Counter(labels)
    lengths = [len(p["text"]) for p in paragraphs if "boilerplate" in p]
    boilerplate_share = (
        sum(p["boilerplate"] * len(p["text"]) for p in paragraphs if "boilerplate" in p) / sum(lengths) if lengths else None
    )
    return {
        "doc_id": report.doc_id,
        "source": report.source,
        "title": report.title,
        "agency": report.agency,
        "year": report.year,
        "template": extraction.template,
        "sections": [{"key": s.key, "title": s.title, "number": s.number} for s in report.sections],
        "sections_missing": report.missing_sections,
        "warnings": list(report.warnings),
        "labels": list(getattr(steps.classifier, "labels", [])),
        "label_counts": dict(counts),
        "label_shares": {k: v / len(labels) for k, v in counts.most_common()} if labels else {},
        "topics_missing": [t for t in REQUIRED_TOPICS if t not in counts],
        "boilerplate_share": boilerplate_share,
        "specificity_mean": (sum(p["specificity"] for p in paragraphs if "specificity" in p) / len(lengths)) if lengths else None,
        "tables": {
            "template": extraction.template,
            "cells": [c.to_dict() for c in extraction.cells],
            "findings": [f.to_dict() for f in findings],
            "warnings": [w.to_dict() for w in extraction.warnings],
        },
        "paragraphs": paragraphs,
    }


# ---------------------------------------------------------------------------------------------
# The batch
# ---------------------------------------------------------------------------------------------


def _results_folder(output: Path) -> Path:
    return output / "reports"


#: Near-copies listed per paragraph in its JSON and review page (the most similar); the rest are counted.
MATCHES_LISTED = 10
#: doc_id -> review page of every report of the batch, for the links between pages (internal, rewritten each run).
PAGES_FILE = ".pages.json"
#: Pairs found in pass 2, deduplicated on disk before copy_paste_pairs.csv is written, with the
#: names of the reports finished: a run killed in pass 2 and resumed skips them (removed at the end).
PAIRS_FILE = ".pairs.sqlite"


@dataclass(frozen=True)
class _Batch:
    """What finishing a report needs besides the report: the same for all, small (sent with each task)."""

    output: Path
    index: Path
    threshold: float
    #: Distinct per run: a worker process kept from an earlier run must not reuse that run's index or pages.
    run: str


def analyze(
    paths: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    config: AnalysisConfig | None = None,
    steps: Steps | None = None,
    on_progress: Callable[[str, int, int, str], None] | None = None,
) -> BatchResult:
    """Run the whole pipeline on every report under `paths`; write everything into `output`.

    Results do not depend on `jobs`, the backend, or on a run being resumed: copied paragraphs are
    looked up in pass 2, against the whole index, whatever order reports were added in.
    `on_progress(stage, done, total, item)`: stage `read` (pass 1) then `finish` (pass 2).
    Memory does not grow with the batch but for a few names per report: reports, pairs and summary
    rows go to disk as they are made.
    """
    import uuid

    from nlp.duplicates.index import DuplicateIndex

    config = config or AnalysisConfig()
    output = Path(output)
    results = _results_folder(output)
    results.mkdir(parents=True, exist_ok=True)
    for folder in (output, results):
        remove_stale_temporaries(folder)  # half-written files of a killed run
    index_path = Path(config.index) if config.index else output / "index.sqlite"
    batch = BatchResult(output=output)
    files = list(iter_report_paths(paths))
    used: set[str] = set()
    names = [distinct_name(path.stem, used) for path in files]
    done: dict[str, tuple[str, str | None, int | None]] = {}  # doc_id -> output name, agency, year
    labels: set[str] = set()
    analysed_now = 0  # reports pass 1 analysed in this run (with --resume, those not done before)
    todo = [(path, name) for path, name in zip(files, names, strict=True)]
    with DuplicateIndex(index_path) as index:
        for position, (path, name, outcome) in enumerate(_run_pass_one(todo, results, config, steps)):
            if isinstance(outcome, dict):
                batch.errors.append(outcome)
            else:
                report, document = outcome
                if report is not None:
                    # Index first, then the JSON: a run killed in between redoes this report on --resume.
                    index.add(report)
                    _write_json(results / f"{name}.json", document)
                    analysed_now += 1
                done[document["doc_id"]] = (name, document.get("agency"), document.get("year"))
                labels.update(document.get("labels") or [])
            if on_progress:
                on_progress("read", position + 1, len(files), str(path))
        index.search(config.threshold)  # the band table, built once before pass 2 reads it
        _write_json(output / PAGES_FILE, {doc_id: f"{name}.html" for doc_id, (name, _, _) in done.items()})
        previous = _previous_reports(done)
        tasks = [(name, doc_id, previous.get(doc_id)) for doc_id, (name, _, _) in done.items()]
        context = _Batch(output, index_path, config.threshold, uuid.uuid4().hex)
        # A kill in pass 2 leaves the reports it finished in the pair store; they stand if pass 1
        # had nothing left to do and the index and the tasks are those of the killed run.
        reuse = config.resume and not analysed_now
        _pass_two(tasks, context, config, index, sorted(labels), batch, on_progress, reuse)
    _write_errors(output, batch.errors)
    (output / PAGES_FILE).unlink(missing_ok=True)
    if hasattr(os, "sync"):
        os.sync()  # the reports' JSON and pages, written without a flush each, are on the disk when the run ends
    return batch


def _pass_two(
    tasks: list[tuple[str, str, str | None]],
    context: _Batch,
    config: AnalysisConfig,
    index: Any,
    labels: list[str],
    batch: BatchResult,
    on_progress: Callable[[str, int, int, str], None] | None,
    reuse: bool = False,
) -> None:
    """Finish every report (copies, reuse, page) and stream the batch files: summary, cells, pairs, index page.

    With `reuse`, the reports a killed run of the same batch finished (their pairs are in the
    store, their JSON and page written) are read back rather than done again.
    """
    from nlp.duplicates.pairstore import PairStore

    output = context.output
    label_totals: Counter[str] = Counter()
    with PairStore(output / PAIRS_FILE, batch=_batch_identity(tasks, context, index), reuse=reuse) as pairs:
        finished_before = pairs.done()
        with atomic_writer(output / "summary.csv") as summary_handle, atomic_writer(output / "table_cells.csv") as cells_handle:
            summary = csv.writer(summary_handle)
            summary.writerow([*SUMMARY_COLUMNS, *(f"paragraphs_{label}" for label in labels)])
            cells = csv.writer(cells_handle)
            cells.writerow(CELL_COLUMNS)
            for position, finished in enumerate(_run_pass_two(tasks, context, config, index, finished_before)):
                if on_progress:
                    on_progress("finish", position + 1, len(tasks), tasks[position][0])
                if "error" in finished:
                    batch.errors.append(finished)
                    continue
                row = finished["summary"]
                summary.writerow([*(row[c] for c in SUMMARY_COLUMNS), *(row["label_counts"].get(label, 0) for label in labels)])
                cells.writerows(finished["cells"])
                name = tasks[position][0]
                # A report finished before is noted in the store already: no transaction for nothing.
                pairs.add(finished["pairs"], done=None if name in finished_before else name)
                label_totals.update(row["label_counts"])
                batch.reports += 1
        with atomic_writer(output / "copy_paste_pairs.csv") as handle:
            writer = csv.writer(handle)
            writer.writerow(PAIR_COLUMNS)
            writer.writerows([pair.to_row()[c] for c in PAIR_COLUMNS] for pair in pairs)
        _write_workbook(output)
        with atomic_writer(output / "index.html") as handle, (output / "summary.csv").open(encoding="utf-8", newline="") as rows:
            from nlp.render import index_page_parts

            handle.writelines(index_page_parts(csv.DictReader(rows), batch.reports, label_totals, batch.errors))
        pairs.discard()  # every batch file is written: nothing is left to resume


def _batch_identity(tasks: list[tuple[str, str, str | None]], context: _Batch, index: Any) -> str:
    """What pass 2's results depend on besides the reports' JSON: the tasks, the threshold and the
    index's content (a report added or replaced gives a new document key)."""
    import hashlib

    described = json.dumps([tasks, context.threshold, index.version()], ensure_ascii=False)
    return hashlib.sha256(described.encode("utf-8")).hexdigest()


def _run_pass_two(
    tasks: list[tuple[str, str, str | None]], context: _Batch, config: AnalysisConfig, index: Any, finished_before: set[str]
) -> Iterator[dict[str, Any]]:
    """Finished reports in task order: here with one job, else on local worker processes (whatever the
    backend of pass 1: pass 2 reads the index file and writes the output folder, both on this machine).
    Those in `finished_before` whose JSON and page are whole are read back here."""
    results = _results_folder(context.output)
    kept = {name for name, _, _ in tasks if name in finished_before and _complete_json(results / f"{name}.json") and _complete_page(context.output / f"{name}.html")}
    pending = [task for task in tasks if task[0] not in kept]
    if config.jobs <= 1:
        from nlp.tokenize import Tokenizer

        tokenizer = Tokenizer()
        pages = json.loads((context.output / PAGES_FILE).read_text(encoding="utf-8"))
        computed: Iterator[dict[str, Any]] = (_finish_report(name, doc_id, previous, context, index, pages, tokenizer) for name, doc_id, previous in pending)
        yield from _in_task_order(tasks, kept, computed, context)
        return
    from joblib import Parallel, delayed, parallel_config

    with parallel_config(backend="loky", n_jobs=config.jobs):
        computed = Parallel(return_as="generator", batch_size=1, pre_dispatch="2*n_jobs")(
            delayed(_finish_report)(name, doc_id, previous, context) for name, doc_id, previous in pending
        )
        yield from _in_task_order(tasks, kept, computed, context)


def _in_task_order(tasks: list[tuple[str, str, str | None]], kept: set[str], computed: Iterator[dict[str, Any]], context: _Batch) -> Iterator[dict[str, Any]]:
    """The reports finished before, read back, among those finished now: in task order."""
    for name, doc_id, _ in tasks:
        if name in kept:
            document = json.loads((_results_folder(context.output) / f"{name}.json").read_text(encoding="utf-8"))
            yield _finished(document, doc_id, f"{name}.html", pairs=[])  # its pairs are in the store
        else:
            yield next(computed)


def _finished(document: dict[str, Any], doc_id: str, page: str, pairs: list[Any]) -> dict[str, Any]:
    """What the batch files take of a finished report."""
    return {
        "summary": _summary_row(document, page),
        "cells": [[doc_id, c["table"], c["row"], c["col"], c["value"]] for c in document["tables"]["cells"]],
        "pairs": pairs,
    }


def _finish_report(
    name: str, doc_id: str, previous: str | None, context: _Batch, index: Any = None, pages: dict[str, str] | None = None, tokenizer: Any = None
) -> dict[str, Any]:
    """Pass 2 for one report: its copied paragraphs and reuse, its JSON again, its page; what the batch files need.

    In a worker process the index, the page names and the tokenizer are opened once per run and kept.
    """
    results = _results_folder(context.output)
    try:
        if index is None:
            index, pages, tokenizer = _worker_context(str(context.index), str(context.output / PAGES_FILE), context.run)
        document = json.loads((results / f"{name}.json").read_text(encoding="utf-8"))
        lookups = _copied_paragraphs(document, index, context.threshold)
        _add_reuse(document, lookups, previous, results, context.threshold, tokenizer)
        _write_json(results / f"{name}.json", document)
        page = _write_page(context.output, document, page_for=pages or {})
        return _finished(document, doc_id, page, pairs=[pair for lookup in lookups for pair in lookup.pairs])
    except (OSError, ValueError, GovReportError) as exc:
        return {"source": str(results / f"{name}.json"), "doc_id": doc_id, "error": f"{doc_id}: could not finish its analysis ({type(exc).__name__}: {exc})"}


@lru_cache(maxsize=1)
def _worker_context(index_path: str, pages_path: str, run: str) -> tuple[Any, dict[str, str], Any]:
    from nlp.duplicates.index import DuplicateIndex

    pages = json.loads(Path(pages_path).read_text(encoding="utf-8"))
    return DuplicateIndex(index_path), pages, Tokenizer()


#: Reports analysed together in one task: the models' per-call overhead is shared (about a fifth of
#: the time of one report analysed alone).
CHUNK_REPORTS = 8


def _run_pass_one(todo: list[tuple[Path, str]], results: Path, config: AnalysisConfig, steps: Steps | None) -> Iterator[tuple[Path, str, Any]]:
    """(path, name, (report, document) or error record) per file, in input order, on the chosen backend.

    A report whose JSON is already complete is not redone with `--resume` (its report is None).
    """
    pending = [(path, name) for path, name in todo if not (config.resume and _complete_json(results / f"{name}.json"))]
    pending_set = {name for _, name in pending}
    chunks = [pending[start : start + CHUNK_REPORTS] for start in range(0, len(pending), CHUNK_REPORTS)]
    if config.jobs <= 1 and config.backend == "local":
        steps = steps or Steps.load(config)
        computed: Iterator[Any] = (_process_files(chunk, config, steps) for chunk in chunks)
    else:
        computed = _parallel(chunks, config)
    outcomes = (outcome for chunk in computed for outcome in chunk)
    for path, name in todo:
        if name not in pending_set:
            document = json.loads((results / f"{name}.json").read_text(encoding="utf-8"))
            yield path, name, (None, document)
        else:
            yield path, name, next(outcomes)


def _process_files(chunk: list[tuple[Path, str]], config: AnalysisConfig, steps: Steps | None = None) -> list[Any]:
    """Read and analyse some files (in a worker process or locally): (report, document) or an error record each.

    Should the batched analysis fail, each report is analysed alone, so that only the file at fault
    becomes an error.
    """
    steps = steps or _worker_steps(config.model, config.trust_model)
    outcomes: list[Any] = []
    for path, _ in chunk:
        try:
            outcomes.append(_read(path))
        except Exception as exc:  # noqa: BLE001 - a bug on one file must not lose the others
            outcomes.append(_error_record(path, exc))
    readable = [i for i, outcome in enumerate(outcomes) if not isinstance(outcome, dict)]
    try:
        analysed = dict(zip(readable, analyze_reports([outcomes[i] for i in readable], steps), strict=True))
    except Exception:  # noqa: BLE001 - find the file at fault, below
        analysed = {}
        for i in readable:
            try:
                analysed[i] = analyze_report(outcomes[i], steps)
            except Exception as exc:  # noqa: BLE001
                outcomes[i] = _error_record(chunk[i][0], exc)
    for i, document in analysed.items():
        document["output_name"] = chunk[i][1]
        outcomes[i] = (outcomes[i], document)
    return outcomes


def _error_record(path: Path, exc: Exception) -> dict[str, str]:
    if isinstance(exc, GovReportError):
        return {"source": str(path), "doc_id": path.stem, "error": str(exc)}
    return {"source": str(path), "doc_id": path.stem, "error": f"{path}: internal error ({type(exc).__name__}: {exc})"}


@lru_cache(maxsize=2)
def _worker_steps(model: str | None, trust_model: bool) -> Steps:
    """The steps of one worker process, loaded on its first report and kept for the rest."""
    return Steps.load(AnalysisConfig(model=model, trust_model=trust_model))


def _parallel(chunks: list[list[tuple[Path, str]]], config: AnalysisConfig) -> Iterator[list[Any]]:
    """Pass one on joblib workers (local processes) or on a Dask cluster, results in input order."""
    from joblib import Parallel, delayed, parallel_config

    tasks = (delayed(_process_files)(chunk, config) for chunk in chunks)
    if config.backend == "dask":
        from distributed import Client

        client = Client(config.scheduler) if config.scheduler else Client(processes=False)
        try:
            with parallel_config(backend="dask"):
                yield from Parallel(n_jobs=-1, return_as="generator", batch_size=1)(tasks)
        finally:
            client.close()
    else:
        with parallel_config(backend="loky", n_jobs=config.jobs):
            yield from Parallel(return_as="generator", batch_size=1, pre_dispatch="2*n_jobs")(tasks)


def _copied_paragraphs(document: dict[str, Any], index: Any, threshold: float) -> list[Any]:
    """What the index holds of each narrative paragraph of this report, from the other reports
    (`nlp.duplicates.stored.ParagraphMatches`, one per paragraph compared)."""
    from nlp.duplicates.find import passages
    from nlp.duplicates.shingles import shingle_batch

    chosen = passages([_as_document(document)], min_chars=index.min_chars)
    if not chosen:
        return []
    sets = shingle_batch([p.text for p in chosen], index.shingle_size)
    signatures = index.hasher.signatures(sets)
    keys = [(p.doc_id, p.para_id) for p in chosen]
    return index.search(threshold).lookup(keys, [p.text for p in chosen], signatures, sets)


def _previous_reports(done: dict[str, tuple[str, str | None, int | None]]) -> dict[str, str]:
    """doc_id -> output name of the same agency's latest earlier report in this batch."""
    from nlp.duplicates.shingles import comparable_text

    by_agency: dict[str, list[tuple[int, str, str]]] = {}
    for doc_id, (name, agency, year) in done.items():
        if agency and year:
            by_agency.setdefault(comparable_text(agency), []).append((int(year), doc_id, name))
    previous = {}
    for reports in by_agency.values():
        reports.sort()
        for (year_before, _, name_before), (year, doc_id, _) in zip(reports, reports[1:], strict=False):
            if year_before < year:
                previous[doc_id] = name_before
    return previous


def _read(path: Path) -> Report:
    from nlp.structure import read_report

    return read_report(path)


def _write_json(path: Path, document: dict[str, Any]) -> None:
    # One compact string: json's C encoder (indent= falls back to the pure-Python one, ~10x slower).
    # Not fsynced one by one (most of a report's write time while a batch writes; bench_writes.py):
    # `--resume` redoes a report whose JSON a power cut cut short (`_complete_json`), and the run
    # flushes everything once when it ends.
    with atomic_writer(path, durable=False) as handle:
        handle.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))


def _complete_json(path: Path) -> bool:
    """True if `path` holds a whole JSON object as `_write_json` writes it (it ends with its closing brace)."""
    return _ends_with(path, b"}")


def _ends_with(path: Path, ending: bytes) -> bool:
    """True if the file ends with `ending`: what a file written without a flush shows of being whole."""
    try:
        with path.open("rb") as handle:
            handle.seek(-len(ending), os.SEEK_END)
            return handle.read() == ending
    except OSError:  # missing, or shorter than `ending` (seek before the start)
        return False


def _as_document(result: dict[str, Any]) -> Any:
    """A light `Document` (nlp.boilerplate.documents) of an analysed report's narrative paragraphs."""
    from nlp.boilerplate.documents import Document, Unit

    units = [Unit(p["index"], p["text"], p["kind"]) for p in result["paragraphs"] if p["kind"] == "narrative"]
    return Document(result["doc_id"], result["source"], units, agency=result.get("agency"), year=result.get("year"))


def _add_reuse(document: dict[str, Any], lookups: list[Any], previous: str | None, results: Path, threshold: float, tokenizer: Any = None) -> None:
    """Copied paragraphs (other reports of the index) and the share repeated from the agency's previous report."""
    found = {lookup.key[1]: lookup for lookup in lookups}
    narrative = [p for p in document["paragraphs"] if "label" in p]
    for paragraph in narrative:
        lookup = found.get(paragraph["index"])
        pairs = lookup.pairs if lookup else []
        paragraph["matches"] = [
            {"doc_id": pair.doc_b, "para": pair.para_b, "similarity": round(float(pair.similarity), 4)} for pair in pairs[:MATCHES_LISTED]
        ]
        paragraph["copies"] = lookup.copies if lookup else 0
        paragraph["copies_capped"] = bool(lookup and lookup.capped)
    length = sum(len(p["text"]) for p in narrative)
    document["copied_share"] = (sum(len(p["text"]) for p in narrative if p["matches"]) / length) if length else None
    document["yoy_share"] = None
    document["yoy_previous"] = None
    if previous:
        from nlp.duplicates.families import year_over_year

        before = json.loads((results / f"{previous}.json").read_text(encoding="utf-8"))
        rows = [r for r in year_over_year([_as_document(before), _as_document(document)], threshold=threshold, tokenizer=tokenizer) if r.doc_id == document["doc_id"]]
        if rows:
            document["yoy_share"] = round(rows[0].reused_share, 4)
            document["yoy_previous"] = rows[0].previous_doc_id


def _write_page(output: Path, document: dict[str, Any], page_for: dict[str, str]) -> str:
    """Write the report's review page; return its file name."""
    from nlp.render import review_page

    page = f"{document['output_name']}.html"
    with atomic_writer(output / page, durable=False) as handle:  # flushed with the run's other files at its end
        handle.write(review_page(document, page_for=page_for))
    return page


def _complete_page(path: Path) -> bool:
    """True if `path` holds a whole review page (`nlp.render.review_page` ends each so)."""
    return _ends_with(path, b"</html>")


def _summary_row(document: dict[str, Any], page: str) -> dict[str, Any]:
    """The report's row of summary.csv (and its label counts)."""
    findings = document["tables"]["findings"]
    return {
        "doc_id": document["doc_id"],
        "page": page,
        "source": document["source"],
        "title": document["title"],
        "agency": document["agency"],
        "year": document["year"],
        "template": document["template"],
        "sections_found": ",".join(s["key"] for s in document["sections"] if s["title"]),
        "sections_missing": ",".join(document["sections_missing"]),
        "checks_failed": sum(f["status"] == "fail" for f in findings),
        "checks_uncertain": sum(f["status"] in ("uncertain", "not_assessable") for f in findings),
        "checks_passed": sum(f["status"] == "pass" for f in findings),
        "topics_missing": ",".join(document["topics_missing"]),
        "boilerplate_share": document["boilerplate_share"],
        "specificity_mean": document["specificity_mean"],
        "copied_share": document.get("copied_share"),
        "yoy_share": document.get("yoy_share"),
        "label_counts": document["label_counts"],
    }


#: Columns of summary.csv before the paragraph count of each label (`paragraphs_<label>`).
SUMMARY_COLUMNS: tuple[str, ...] = (
    "doc_id", "page", "source", "title", "agency", "year", "template", "sections_found", "sections_missing",
    "checks_failed", "checks_uncertain", "checks_passed", "topics_missing", "boilerplate_share",
    "specificity_mean", "copied_share", "yoy_share",
)  # fmt: skip
#: Columns of table_cells.csv and of the workbook's table_cells sheet.
CELL_COLUMNS: tuple[str, ...] = ("doc_id", "table", "row", "col", "value")
PAIR_COLUMNS: tuple[str, ...] = ("doc_a", "para_a", "doc_b", "para_b", "similarity", "text_a", "text_b")
#: Rows an Excel sheet holds (a header row and 1,048,575 more).
EXCEL_MAX_ROWS = 1_048_575
#: Rows of the workbook's detail sheets (cells, pairs) at most: Excel is slow to write and to open
#: with more, and the CSV files hold every row.
DETAIL_SHEET_MAX_ROWS = 100_000


def _write_workbook(output: Path) -> None:
    """summary.xlsx: the summary, the table cells and the pairs, streamed from their CSV files into a
    write-only workbook."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet, limit in (("summary", EXCEL_MAX_ROWS), ("table_cells", DETAIL_SHEET_MAX_ROWS), ("copy_paste_pairs", DETAIL_SHEET_MAX_ROWS)):
        name = f"{sheet}.csv"
        with (output / name).open(encoding="utf-8", newline="") as handle:
            _fill_sheet(workbook.create_sheet(sheet), csv.reader(handle), limit, name)
    with atomic_writer(output / "summary.xlsx", "wb") as handle:
        workbook.save(handle)


def _fill_sheet(sheet: Any, rows: Iterable[list[Any]], limit: int, whole: str) -> None:
    """A header and at most `limit` rows (numbers as numbers, but in text columns); a last row says where the rest is."""
    numeric: list[bool] = []
    for number, row in enumerate(rows):
        if number == 0:
            numeric = [name not in _TEXT_COLUMNS for name in row]
        elif number > limit:
            sheet.append([f"cut at {limit:,} rows: every row is in {whole}"])
            break
        else:
            row = [_number(v) if wanted and isinstance(v, str) else v for v, wanted in zip(row, numeric, strict=False)]
        sheet.append(row)


#: Columns that stay text in the workbook even where they look like numbers (doc_id "001", row "1").
_TEXT_COLUMNS = frozenset(
    {"doc_id", "page", "source", "title", "agency", "template", "sections_found", "sections_missing", "topics_missing", "table", "row", "col"}
    | {"doc_a", "para_a", "doc_b", "para_b", "text_a", "text_b"}
)


def _number(value: str) -> Any:
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def _write_errors(output: Path, errors: list[dict[str, str]]) -> None:
    with atomic_writer(output / "errors.jsonl") as handle:
        handle.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)


def iter_results(output: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The per-report JSON documents of an analysed batch, one at a time."""
    for path in sorted(_results_folder(Path(output)).glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


__all__ = ["AnalysisConfig", "BatchResult", "Steps", "analyze", "analyze_report", "analyze_reports", "iter_results"]
