"""Scale: `govreport analyze` over generated corpora of N reports, with 1 and 2 jobs; kill and resume; corrupt files.

Corpora come from benchmarks/scale_corpus.py (mutations of the real reports of ../shared, with
year-over-year chains and copy-paste planted and listed in a manifest). Each run is the CLI in a
child process, in its own process group:

* wall seconds, reports/s (rows of summary.csv), paragraphs/s (all paragraphs of the per-report
  JSON documents in OUTPUT/reports, every kind: the parser's unit of work) and narrative/s (the
  labelled paragraphs: the sum of summary.csv's paragraphs_* columns);
* peak memory of that run alone: the process tree (the CLI and its loky workers) is polled with
  psutil every 0.2 s; `peak tree RSS` is the largest sum of the tree's RSS seen at one poll (it
  counts shared library pages once per process, so it overstates a little), `peak process RSS`
  the largest RSS of one process;
* the share of single-job time inside jieba: the pipeline in this process with one job on a sample
  of reports, every call of jieba's `Tokenizer.cut` timed (model loading not counted);
* whether the planted reuse was found: planted copies present in copy_paste_pairs.csv, and the
  year-over-year share analyze gives each planted chain link.

Modes:
  python benchmarks/bench_analyze.py --sizes 10000 100000 --jobs 1 2 [--keep] [--results runs.jsonl]
  python benchmarks/bench_analyze.py --kill-resume 10000 [--jobs 2]
      an uninterrupted run; a run killed (SIGKILL to its process group) when half the reports have
      their JSON, then `--resume` into the same output; the outputs compared byte for byte. Exit 1
      if a summary differs.
  python benchmarks/bench_analyze.py --corrupt-check 10000
      5% corrupt files: every input file must be a row of summary.csv or a line of errors.jsonl,
      exactly once; the corrupt ones expected to fail among the errors; analyze's exit code 1.
      Exit 1 otherwise.
  python benchmarks/bench_analyze.py --segment OUTPUT --sizes 100000 --jobs 1 --results runs.jsonl [--stop-after SECONDS]
      a run longer than the time at hand, in segments: the first starts the run into OUTPUT, each
      later one resumes it (`--resume`); `--stop-after` kills the segment's process group after
      that many seconds, as a kill would. Each segment is a line of --results; the segment that
      ends the run adds them up (seconds summed: the resumes' own work of reading back what is
      done counts too; peaks: the largest) and prints the table row. OUTPUT is kept.

`--keep` keeps generated corpora in --corpus-dir (one per size, seed and corrupt share) and reuses
them. Outputs go to temporary folders under --work and are deleted (`--keep-output` keeps them).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_corpus  # noqa: E402  (a sibling script, not a package)

REPO = scale_corpus.REPO
#: Outputs compared byte for byte by --kill-resume (those that exist are compared).
SUMMARY_FILES = ("summary.csv", "table_cells.csv", "copy_paste_pairs.csv", "errors.jsonl")
MB = 1024 * 1024


# -------------------------------------------------------------------------------------------------
# Corpora
# -------------------------------------------------------------------------------------------------


def corpus_for(size: int, seed: int, corrupt: float, args: argparse.Namespace, temporary: list[Path]) -> Path:
    """A finished corpus: reused from --corpus-dir with --keep, else generated in a temporary folder."""
    name = f"n{size}-s{seed}-c{corrupt:g}-v{scale_corpus.GENERATOR_VERSION}"
    if args.keep:
        folder = Path(args.corpus_dir) / name
        info = scale_corpus.corpus_info(folder)
        if info and info["size"] == size and info["seed"] == seed and info["corrupt_share"] == corrupt:
            print(f"corpus: reusing {folder}", file=sys.stderr)
            return folder
        if folder.exists():
            if not (folder / "manifest.jsonl").exists():
                raise SystemExit(f"{folder} exists and is not a corpus of this benchmark; remove it or choose --corpus-dir")
            print(f"corpus: {folder} is unfinished, generating it again", file=sys.stderr)
            shutil.rmtree(folder)
    else:
        folder = Path(tempfile.mkdtemp(prefix=f"corpus-{name}-", dir=args.work))
        temporary.append(folder)
    started = time.perf_counter()
    info = scale_corpus.generate(folder, size, seed=seed, corrupt=corrupt)
    print(f"corpus: {size:,} files in {time.perf_counter() - started:.0f} s ({folder}); "
          f"{info['chains']} chains, {info['copies']} planted copies, {info['corrupt']} corrupt", file=sys.stderr)
    return folder


# -------------------------------------------------------------------------------------------------
# One run of the CLI, its memory polled
# -------------------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float = 0.0
    exit_code: int | None = None
    peak_tree_rss: int = 0
    peak_process_rss: int = 0
    max_processes: int = 0
    polls: int = 0
    killed_at: int | None = None  # JSON documents present when the group was killed
    survivors: list[int] = field(default_factory=list)


def run_analyze(
    corpus: Path, output: Path, jobs: int, extra: tuple[str, ...] = (), kill_when: Callable[[], int | None] | None = None, poll: float = 0.2
) -> Run:
    """`python -m nlp analyze CORPUS -o OUTPUT --jobs N`, its process tree polled until it ends.

    `kill_when()` is asked at every poll; a number means: kill the whole process group now (the
    number is recorded). stdout and stderr go to OUTPUT.log beside the output folder.
    """
    command = [sys.executable, "-m", "nlp", "analyze", str(corpus), "-o", str(output), "--quiet", "--jobs", str(jobs), *extra]
    log = output.with_name(output.name + ".log")
    run = Run()
    with log.open("ab") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=REPO, stdout=sink, stderr=sink, start_new_session=True)
        try:
            _watch(child, run, kill_when, poll)
        except BaseException:  # the benchmark stopped (Ctrl-C, a bug): do not leave the run behind
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            raise
        run.exit_code = child.wait()
        run.seconds = time.perf_counter() - started
    if run.killed_at is not None:
        run.survivors = _survivors(child.pid)
    return run


def _watch(child: subprocess.Popen, run: Run, kill_when: Callable[[], int | None] | None, poll: float) -> None:
    """Poll the memory of the child's process tree until it ends; kill its group when `kill_when` says so."""
    import psutil

    root = psutil.Process(child.pid)
    while child.poll() is None:
        tree_rss, largest, count = 0, 0, 0
        try:
            members = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            members = []
        for process in members:
            try:
                rss = process.memory_info().rss
            except psutil.Error:  # ended between the listing and the reading
                continue
            tree_rss += rss
            largest = max(largest, rss)
            count += 1
        run.peak_tree_rss = max(run.peak_tree_rss, tree_rss)
        run.peak_process_rss = max(run.peak_process_rss, largest)
        run.max_processes = max(run.max_processes, count)
        run.polls += 1
        if kill_when is not None and run.killed_at is None:
            reached = kill_when()
            if reached is not None:
                run.killed_at = reached
                os.killpg(child.pid, signal.SIGKILL)
        time.sleep(poll)


def _survivors(group: int, patience: float = 5.0) -> list[int]:
    """Processes of a killed group still running (zombies awaiting their reaping aside) after `patience` s."""
    import psutil

    deadline = time.monotonic() + patience
    while True:
        alive = []
        for process in psutil.process_iter():
            try:
                if _group_of(process.pid) == group and process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(process.pid)
            except psutil.Error:
                continue
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def _group_of(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


def _cpu_busy(seconds: float = 1.0) -> float:
    """Percent of all CPUs busy over `seconds` while this benchmark waits: other people's work."""
    import psutil

    return psutil.cpu_percent(interval=seconds)


def count_json(folder: Path) -> int:
    try:
        return sum(1 for entry in os.scandir(folder) if entry.name.endswith(".json"))
    except FileNotFoundError:
        return 0


# -------------------------------------------------------------------------------------------------
# Reading the outputs
# -------------------------------------------------------------------------------------------------


def summary_rows(output: Path) -> list[dict[str, str]]:
    path = output / "summary.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def error_records(output: Path) -> list[dict[str, Any]]:
    path = output / "errors.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def paragraph_counts(output: Path) -> dict[str, int]:
    """Paragraphs of every kind (from the JSON documents) and labelled narrative ones (summary.csv)."""
    rows = summary_rows(output)
    narrative = sum(int(v or 0) for row in rows for k, v in row.items() if k.startswith("paragraphs_"))
    paragraphs = 0
    for path in (output / "reports").glob("*.json"):
        paragraphs += len(json.loads(path.read_bytes())["paragraphs"])
    return {"reports": len(rows), "paragraphs": paragraphs, "narrative": narrative}


def planted_reuse_found(corpus: Path, output: Path) -> dict[str, Any]:
    """How much of the reuse planted in the corpus analyze reports."""
    pairs: set[tuple[str, str, str, str]] = set()
    with (output / "copy_paste_pairs.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            pairs.add((row["doc_a"], row["para_a"], row["doc_b"], row["para_b"]))
            pairs.add((row["doc_b"], row["para_b"], row["doc_a"], row["para_a"]))
    copies: Counter[str] = Counter()
    found: Counter[str] = Counter()
    report_pairs = {(a, b) for a, _, b, _ in pairs}
    found_report_pair = 0
    links, with_share, planted_shares, found_shares = 0, 0, [], []
    yoy = {row["doc_id"]: row.get("yoy_share") for row in summary_rows(output)}
    for entry in scale_corpus.read_manifest(corpus):
        for copy in entry.get("copies") or []:
            copies[copy["mode"]] += 1
            found[copy["mode"]] += (entry["doc_id"], str(copy["para"]), copy["from"], str(copy["from_para"])) in pairs
            found_report_pair += (entry["doc_id"], copy["from"]) in report_pairs
        chain = entry.get("chain")
        if chain and chain.get("previous") and entry["doc_id"] in yoy:
            links += 1
            share = yoy[entry["doc_id"]]
            if share not in (None, ""):
                with_share += 1
                planted_shares.append(entry["repeated_chars_share"] or 0.0)
                found_shares.append(float(share))
    return {
        "copies_planted": dict(copies),
        "copies_found": dict(found),
        "copies_whose_reports_are_paired": found_report_pair,
        "chain_links": links,
        "chain_links_with_yoy_share": with_share,
        "planted_repeated_share_mean": _mean(planted_shares),
        "found_yoy_share_mean": _mean(found_shares),
    }


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


# -------------------------------------------------------------------------------------------------
# jieba's share
# -------------------------------------------------------------------------------------------------


def jieba_share(corpus: Path, sample: int, work: Path) -> dict[str, float]:
    """Single-job analysis of `sample` reports in this process; the time spent in jieba's cut."""
    import jieba

    from nlp.analyze import AnalysisConfig, Steps, analyze

    files = [corpus / e["file"] for e in scale_corpus.read_manifest(corpus) if e["expect"] == "report"][:sample]
    config = AnalysisConfig(jobs=1)
    steps = Steps.load(config.model, config.trust_model)
    with tempfile.TemporaryDirectory(dir=work) as warm:
        analyze(files[:2], Path(warm) / "out", config=config, steps=steps)  # first calls: lazy loading
    original = jieba.Tokenizer.cut
    spent = [0.0]
    depth = [0]

    def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
        if depth[0]:  # jieba calling itself (lcut -> cut): timed once, outside
            return original(self, *args, **kwargs)
        depth[0] += 1
        started = time.perf_counter()
        try:
            tokens = list(original(self, *args, **kwargs))
        finally:
            spent[0] += time.perf_counter() - started
            depth[0] -= 1
        return iter(tokens)

    jieba.Tokenizer.cut = timed
    try:
        with tempfile.TemporaryDirectory(dir=work) as folder:
            started = time.perf_counter()
            analyze(files, Path(folder) / "out", config=config, steps=steps)
            total = time.perf_counter() - started
    finally:
        jieba.Tokenizer.cut = original
    return {"reports": len(files), "seconds": round(total, 2), "jieba_seconds": round(spent[0], 2), "share": spent[0] / total}


# -------------------------------------------------------------------------------------------------
# Modes
# -------------------------------------------------------------------------------------------------


def provenance() -> dict[str, Any]:
    def git(*command: str) -> str:
        result = subprocess.run(["git", *command], cwd=REPO, capture_output=True, text=True, check=False)
        return result.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty_nlp": bool(git("status", "--porcelain", "--", "nlp")),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }


def record(args: argparse.Namespace, entry: dict[str, Any]) -> None:
    if args.results:
        with open(args.results, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({**entry, **provenance()}, ensure_ascii=False) + "\n")


def table_header(last: str) -> list[str]:
    """The header of the table the scale runs print (its last column: `last`)."""
    return [f"| reports | jobs | seconds | reports/s | paragraphs/s | narrative/s | peak tree RSS (MB) | peak process RSS (MB) | {last} |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]


def table_line(size: int, jobs: int, seconds: float, rows: int, counts: dict[str, int], peak_tree_mb: float, peak_process_mb: float, last: int) -> str:
    return (f"| {size:,} | {jobs} | {seconds:.0f} | {rows / seconds:.1f} | {counts['paragraphs'] / seconds:,.0f} | "
            f"{counts['narrative'] / seconds:,.0f} | {peak_tree_mb:,.0f} | {peak_process_mb:,.0f} | {last} |")


def scale(args: argparse.Namespace, temporary: list[Path]) -> int:
    lines = table_header("processes")
    print("\n".join(lines), flush=True)
    share = None
    notes = []
    for size in args.sizes:
        corpus = corpus_for(size, args.seed, args.corrupt or 0.0, args, temporary)
        counts: dict[str, int] | None = None
        for jobs in args.jobs:
            output = Path(tempfile.mkdtemp(prefix=f"out-{size}-j{jobs}-", dir=args.work)) / "out"
            busy = _cpu_busy()  # other work on the machine makes the times worse than they are
            run = run_analyze(corpus, output, jobs, poll=args.poll)
            if counts is None:
                counts = paragraph_counts(output)
                found = planted_reuse_found(corpus, output)
                notes.append(f"{size:,} reports: {counts['paragraphs']:,} paragraphs ({counts['narrative']:,} labelled narrative); planted reuse found: {json.dumps(found)}")
            rows = len(summary_rows(output))
            line = table_line(size, jobs, run.seconds, rows, counts, run.peak_tree_rss / MB, run.peak_process_rss / MB, run.max_processes)
            print(line, flush=True)
            lines.append(line)
            if busy > 25:
                notes.append(f"{size:,} reports, {jobs} job(s): other work kept the CPUs {busy:.0f}% busy just before the run: its times are pessimistic")
            if run.exit_code not in (0, 1) or rows == 0:
                notes.append(f"{size:,} reports, {jobs} job(s): analyze exited {run.exit_code} with {rows} rows; see {output}.log")
            record(args, {"mode": "scale", "size": size, "seed": args.seed, "jobs": jobs, "reports_ok": rows, "errors": len(error_records(output)),
                          **{k: v for k, v in counts.items() if k != "reports"}, "reports_per_s": rows / run.seconds,
                          "paragraphs_per_s": counts["paragraphs"] / run.seconds, "narrative_per_s": counts["narrative"] / run.seconds,
                          "peak_tree_rss_mb": run.peak_tree_rss / MB, "peak_process_rss_mb": run.peak_process_rss / MB, "cpu_busy_before_percent": busy, **asdict(run)})
            if not args.keep_output:
                # Deleted at the end, not now: deleting files on ext4 slows the creation of files for
                # minutes after (recently deleted inodes are skipped), which would fall on the next run.
                temporary.append(output.parent)
        if share is None and args.jieba_sample:
            share = jieba_share(corpus, args.jieba_sample, Path(args.work))
            record(args, {"mode": "jieba", "size": size, "seed": args.seed, **share})
    for note in notes:
        print(note)
    if share is not None:
        print(f"share of single-job time inside jieba (cut timed, {share['reports']} reports in process, "
              f"{share['seconds']} s of which {share['jieba_seconds']} s in jieba): {share['share']:.0%}")
    return 0


def segment(args: argparse.Namespace, temporary: list[Path]) -> int:
    size, jobs = args.sizes[0], args.jobs[0]
    corpus = corpus_for(size, args.seed, args.corrupt or 0.0, args, temporary)
    output = Path(args.segment).resolve()
    resumed = output.exists()
    started = time.perf_counter()

    def kill_when() -> int | None:
        if args.stop_after is None or time.perf_counter() - started < args.stop_after:
            return None
        return count_json(output / "reports")

    busy = _cpu_busy()
    run = run_analyze(corpus, output, jobs, extra=("--resume",) if resumed else (), kill_when=kill_when, poll=args.poll)
    pages = sum(1 for entry in os.scandir(output) if entry.name.endswith(".html") and entry.name != "index.html")
    entry = {"mode": "scale_segment", "output": str(output), "size": size, "seed": args.seed, "jobs": jobs, "resumed": resumed,
             "pages_written": pages, "cpu_busy_before_percent": busy, **asdict(run),
             "peak_tree_rss_mb": run.peak_tree_rss / MB, "peak_process_rss_mb": run.peak_process_rss / MB}
    record(args, entry)
    if run.killed_at is not None:
        print(f"segment stopped after {run.seconds:.0f} s ({pages:,} review pages written); run the same command again to resume it")
        return 0
    earlier = [json.loads(line) for line in Path(args.results).read_text(encoding="utf-8").splitlines() if line.strip()]
    segments = [row for row in earlier if row.get("mode") == "scale_segment" and row.get("output") == str(output)]
    # An earlier run into the same OUTPUT (since deleted) is not this run's: this run began with its
    # last segment that was not a resume.
    starts = [position for position, row in enumerate(segments) if not row.get("resumed")]
    segments = segments[starts[-1]:] if starts else segments
    seconds = sum(row["seconds"] for row in segments)
    rows = len(summary_rows(output))
    counts = paragraph_counts(output)
    found = planted_reuse_found(corpus, output)
    peak_tree = max(row["peak_tree_rss_mb"] for row in segments)
    peak_process = max(row["peak_process_rss_mb"] for row in segments)
    print("\n".join([*table_header("segments"), table_line(size, jobs, seconds, rows, counts, peak_tree, peak_process, len(segments))]))
    print(f"{size:,} reports: {counts['paragraphs']:,} paragraphs ({counts['narrative']:,} labelled narrative); planted reuse found: {json.dumps(found)}")
    record(args, {"mode": "scale_segmented", "output": str(output), "size": size, "seed": args.seed, "jobs": jobs, "segments": len(segments),
                  "reports_ok": rows, "errors": len(error_records(output)), **{k: v for k, v in counts.items() if k != "reports"},
                  "seconds": seconds, "reports_per_s": rows / seconds, "paragraphs_per_s": counts["paragraphs"] / seconds,
                  "narrative_per_s": counts["narrative"] / seconds, "peak_tree_rss_mb": peak_tree, "peak_process_rss_mb": peak_process,
                  "exit_code": run.exit_code, "planted": found})
    return 0 if run.exit_code in (0, 1) and rows else 1


def compare_outputs(reference: Path, resumed: Path) -> tuple[list[str], bool]:
    """Lines saying identical/different per output; True if every summary is identical."""
    lines, same = [], True
    for name in SUMMARY_FILES:
        a, b = reference / name, resumed / name
        if not a.exists() and not b.exists():
            lines.append(f"{name}: absent from both outputs")
            continue
        equal = a.exists() and b.exists() and a.read_bytes() == b.read_bytes()
        same &= equal
        lines.append(f"{name}: {'identical' if equal else 'DIFFERENT'} ({_size(a)} / {_size(b)} bytes)")
    lines.append("summary.xlsx: " + _compare_workbooks(reference / "summary.xlsx", resumed / "summary.xlsx"))
    for label, pattern in (("reports/*.json", "reports/*.json"), ("review pages *.html", "*.html")):
        names = sorted({p.relative_to(reference).as_posix() for p in reference.glob(pattern)} | {p.relative_to(resumed).as_posix() for p in resumed.glob(pattern)})
        differing = [n for n in names if not ((reference / n).exists() and (resumed / n).exists() and (reference / n).read_bytes() == (resumed / n).read_bytes())]
        if label.startswith("reports"):
            same &= not differing
        lines.append(f"{label}: {len(names) - len(differing)} identical, {len(differing)} different" + (f" (e.g. {differing[:3]})" if differing else ""))
    leftovers = sorted(p.relative_to(resumed).as_posix() for p in resumed.rglob(".*.tmp"))
    lines.append(f"temporary files left in the resumed output: {len(leftovers)}" + (f" (e.g. {leftovers[:3]})" if leftovers else ""))
    return lines, same


def _size(path: Path) -> str:
    return f"{path.stat().st_size:,}" if path.exists() else "absent"


def _compare_workbooks(a: Path, b: Path) -> str:
    if not (a.exists() and b.exists()):
        return f"absent ({_size(a)} / {_size(b)})"
    if a.read_bytes() == b.read_bytes():
        return "identical"
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        members = sorted(set(za.namelist()) | set(zb.namelist()))
        differing = [m for m in members if m not in za.namelist() or m not in zb.namelist() or za.read(m) != zb.read(m)]
    if differing == ["docProps/core.xml"]:
        return "bytes differ only by the workbook's creation time (docProps/core.xml); every sheet identical"
    return f"DIFFERENT parts: {differing}"


def kill_resume(args: argparse.Namespace, temporary: list[Path]) -> int:
    size, jobs = args.kill_resume, max(args.jobs)
    corrupt = 0.02 if args.corrupt is None else args.corrupt
    corpus = corpus_for(size, args.seed, corrupt, args, temporary)
    work = Path(tempfile.mkdtemp(prefix=f"kill-resume-{size}-", dir=args.work))
    reference, resumed = work / "uninterrupted", work / "resumed"
    first = run_analyze(corpus, reference, jobs, poll=args.poll)
    documents = count_json(reference / "reports")
    print(f"uninterrupted: exit {first.exit_code}, {first.seconds:.0f} s, {documents} report documents")
    target = max(1, round(documents * args.kill_at))
    what = "report documents (pass 1)" if args.kill_in == "pass1" else "review pages (pass 2)"

    def kill_when() -> int | None:
        # Pass 1 writes the JSON documents; pass 2 rewrites each and writes its review page.
        if args.kill_in == "pass1":
            done = count_json(resumed / "reports")
        else:
            done = sum(1 for page in resumed.glob("*.html") if page.name != "index.html")
        return done if done >= target else None

    killed = run_analyze(corpus, resumed, jobs, kill_when=kill_when, poll=args.poll)
    if killed.killed_at is None:
        print(f"the run ended (exit {killed.exit_code}) before {target} {what} were written: nothing was killed; use a larger size")
        return 1
    print(f"killed (SIGKILL to the process group) after {killed.seconds:.0f} s with {killed.killed_at}/{documents} {what} written; "
          f"processes of the group still running 5 s later: {len(killed.survivors)}")
    again = run_analyze(corpus, resumed, jobs, extra=("--resume",), poll=args.poll)
    print(f"--resume: exit {again.exit_code}, {again.seconds:.0f} s (uninterrupted run: {first.seconds:.0f} s)")
    lines, same = compare_outputs(reference, resumed)
    for line in lines:
        print("  " + line)
    same &= first.exit_code == again.exit_code
    print("RESULT: summaries byte-identical" if same else "RESULT: DIFFERENT (see above)")
    record(args, {"mode": "kill_resume", "size": size, "seed": args.seed, "jobs": jobs, "corrupt": corrupt, "kill_in": args.kill_in, "identical": same, "comparison": lines,
                  "uninterrupted_seconds": first.seconds, "killed_at": killed.killed_at, "documents": documents, "resume_seconds": again.seconds})
    if not args.keep_output:
        shutil.rmtree(work)
    else:
        print(f"outputs kept in {work}")
    return 0 if same else 1


def corrupt_check(args: argparse.Namespace, temporary: list[Path]) -> int:
    from nlp.files import iter_report_paths

    size, jobs = args.corrupt_check, max(args.jobs)
    corrupt = 0.05 if args.corrupt is None else args.corrupt
    corpus = corpus_for(size, args.seed, corrupt, args, temporary)
    output = Path(tempfile.mkdtemp(prefix=f"corrupt-{size}-", dir=args.work)) / "out"
    run = run_analyze(corpus, output, jobs, poll=args.poll)
    inputs = {str(p.resolve()) for p in iter_report_paths([corpus])}
    as_report = Counter(str(Path(row["source"]).resolve()) for row in summary_rows(output))
    as_error = Counter(str(Path(e["source"]).resolve()) for e in error_records(output))
    seen = as_report + as_error
    missing = sorted(inputs - set(seen))
    twice = sorted(p for p, n in seen.items() if n > 1)
    unknown = sorted(set(seen) - inputs)
    manifest = list(scale_corpus.read_manifest(corpus))
    planted = Counter(e["corrupt"] for e in manifest if e["corrupt"])
    by_kind: dict[str, Counter[str]] = {}
    message: dict[str, str] = {}
    wrong = []
    for entry in manifest:
        path = str((corpus / entry["file"]).resolve())
        outcome = "error" if as_error[path] else ("report" if as_report[path] else "missing")
        if entry["corrupt"]:
            by_kind.setdefault(entry["corrupt"], Counter())[outcome] += 1
            if outcome == "error":
                message.setdefault(entry["corrupt"], next(e["error"] for e in error_records(output) if str(Path(e["source"]).resolve()) == path))
        if outcome != entry["expect"]:
            wrong.append((entry["file"], entry["corrupt"], entry["expect"], outcome))
    print(f"inputs: {len(inputs):,} files ({len(manifest):,} in the manifest), {sum(planted.values())} corrupt planted: {dict(sorted(planted.items()))}")
    print(f"accounted for: {len(as_report):,} summary rows + {len(as_error):,} error lines = {sum(seen.values()):,}; "
          f"missing {len(missing)}, twice {len(twice)}, not an input {len(unknown)}")
    for kind, outcomes in sorted(by_kind.items()):
        print(f"  {kind}: {dict(outcomes)}" + (f" e.g. {message[kind].split(': ', 1)[-1][:90]}" if kind in message else ""))
    print(f"files whose outcome is not the expected one: {len(wrong)}" + (f" e.g. {wrong[:5]}" if wrong else ""))
    print(f"analyze exit code: {run.exit_code} (expected 1), {run.seconds:.0f} s")
    for label, paths in (("missing", missing), ("twice", twice), ("not an input", unknown)):
        if paths:
            print(f"  {label}: {paths[:5]}")
    ok = not missing and not twice and not unknown and not wrong and run.exit_code == 1 and len(inputs) == len(manifest)
    print("RESULT: every file accounted for exactly once" if ok else "RESULT: FAILED (see above)")
    record(args, {"mode": "corrupt_check", "size": size, "seed": args.seed, "jobs": jobs, "corrupt": corrupt, "ok": ok, "inputs": len(inputs),
                  "reports": len(as_report), "errors": len(as_error), "missing": len(missing), "twice": len(twice), "unknown": len(unknown),
                  "unexpected": len(wrong), "exit_code": run.exit_code, "by_kind": {k: dict(v) for k, v in by_kind.items()}})
    if not args.keep_output:
        shutil.rmtree(output.parent)
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts (kill-resume and corrupt-check use the largest)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corrupt", type=float, help="share of corrupt files (default: 0; 0.02 for --kill-resume; 0.05 for --corrupt-check)")
    parser.add_argument("--kill-resume", type=int, metavar="SIZE")
    parser.add_argument("--kill-at", type=float, default=0.5, help="share of the reports done when the run is killed (default 0.5)")
    parser.add_argument("--kill-in", choices=("pass1", "pass2"), default="pass1",
                        help="kill while the reports are analysed (pass1: JSON documents counted) or while copies are looked up and pages written (pass2)")
    parser.add_argument("--corrupt-check", type=int, metavar="SIZE")
    parser.add_argument("--segment", metavar="OUTPUT", help="run (or resume) the run of the first --sizes and --jobs into OUTPUT, as one segment")
    parser.add_argument("--stop-after", type=float, metavar="SECONDS", help="with --segment: kill the segment after this many seconds")
    parser.add_argument("--keep", action="store_true", help="keep generated corpora in --corpus-dir and reuse them")
    parser.add_argument("--corpus-dir", default=str(Path(tempfile.gettempdir()) / "govreport-bench-corpora"))
    parser.add_argument("--work", default=None, help="folder for outputs (default: the system's temporary folder)")
    parser.add_argument("--keep-output", action="store_true", help="do not delete the analyze outputs")
    parser.add_argument("--results", metavar="FILE", help="append one JSON line per run to FILE")
    parser.add_argument("--jieba-sample", type=int, default=200, help="reports of the jieba profile (0: skip it)")
    parser.add_argument("--poll", type=float, default=0.2, help="seconds between memory polls")
    args = parser.parse_args(argv)
    try:
        import psutil  # noqa: F401 - checked before anything is generated or run
    except ImportError:
        raise SystemExit("bench_analyze.py needs psutil (in the dev extra: pip install -e '.[dev]')") from None
    args.work = args.work or tempfile.gettempdir()
    Path(args.work).mkdir(parents=True, exist_ok=True)
    temporary: list[Path] = []
    try:
        if args.kill_resume:
            return kill_resume(args, temporary)
        if args.corrupt_check:
            return corrupt_check(args, temporary)
        if args.segment:
            if not args.results:
                raise SystemExit("--segment needs --results: the segments are added up from it")
            return segment(args, temporary)
        return scale(args, temporary)
    finally:
        for folder in temporary:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
