"""Paragraph classifier: held-out quality against the two baselines, and speed of the shipped model.

    python benchmarks/bench_classify.py [--folds 5] [--seed 0] [--repeat 3]

1. Grouped cross-validation by doc_id on ../shared/labels/dev.jsonl (the same folds for all three):
   keyword rules, character 1–3-gram TF-IDF + logistic regression, and the shipped model's
   configuration (read from its card). Prints macro-F1 and per-label F1.
2. The shipped model (models/paragraphs.joblib): load time (hash check included), file size, and
   paragraphs classified per second on one core (BLAS threads pinned to 1), peak memory.
3. Side by side in one run, as whole processes (start, imports and model/dictionary load included):
   `govreport classify` on a JSONL of the labelled paragraphs, and jieba alone cutting the same
   paragraphs; the median of `--processes` runs each, and the ratio of their rates.

    python benchmarks/bench_classify.py --speed-only     # part 3 only

4. `--full-reports`: end to end on whole report files. A model of the shipped configuration is
   trained on dev.jsonl alone; each of the 31 crawled reports of ../shared/corpus/full_reports.jsonl
   is read and structured by the parser (numbers on lines of their own and all), its narrative
   paragraphs classified with their context, and matched to the hand-labelled units of
   ../shared/labels/full_reports.jsonl (same text once punctuation and spaces are folded, or one
   containing the other). Macro-F1 over the matched units; units no parsed paragraph matches are
   counted as missed (`none`). Development figure: these reports are the only whole ones in ../shared.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: set before numpy loads

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
LABELS = REPO.parent / "shared" / "labels" / "dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the paragraphs for the speed figure")
    parser.add_argument("--processes", type=int, default=3, help="runs of each process in the side-by-side speed test")
    parser.add_argument("--speed-only", action="store_true", help="only the side-by-side process speed test")
    parser.add_argument("--full-reports", action="store_true", help="only the end-to-end test on whole report files")
    args = parser.parse_args()
    if not LABELS.exists():
        print(f"skipped: {LABELS} not found (the ../shared folder is absent)")
        return 0

    import numpy as np

    from nlp.classify.baselines import KeywordRules, char_baseline
    from nlp.classify.evaluate import cross_validate, grouped_folds, score_labels
    from nlp.classify.features import CONTEXT_FIELDS, paragraph_frame
    from nlp.classify.loading import default_model_path, load_model
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled

    units = read_labelled([LABELS])
    examples = examples_from_units(units)
    if args.speed_only:
        side_by_side([p.text for p in examples.inputs], args.processes)
        return 0
    if args.full_reports:
        full_reports_end_to_end(examples)
        return 0
    labels = sorted(set(examples.labels))
    print(f"{len(examples)} labelled narrative paragraphs, {len(set(examples.groups))} reports; grouped {args.folds}-fold CV, seed {args.seed}")

    started = time.perf_counter()
    model = load_model()
    load_seconds = time.perf_counter() - started
    chosen = {k: tuple(v) if isinstance(v, list) else v for k, v in model.card["params"].items()}
    chosen["calibrate"] = False  # the label that wins does not depend on the temperature

    contenders = {
        "keyword rules": KeywordRules(),
        "char 1-3 TF-IDF + LR": char_baseline(random_state=args.seed),
    }
    rows = {}
    for name, estimator in contenders.items():
        t0 = time.perf_counter()
        predicted, _ = cross_validate(estimator, examples.inputs, examples.labels, examples.groups, args.folds, args.seed)
        rows[name] = score_labels(examples.labels, list(predicted), labels)
        print(f"  {name}: macro-F1 {rows[name].macro_f1:.4f} ({time.perf_counter() - t0:.0f} s)")

    # The shipped configuration, scored twice on the same held-out reports: with the context of their
    # headings, and given as bare text (context blanked), as a JSONL paragraph without `section` is.
    t0 = time.perf_counter()
    frame = paragraph_frame(examples.inputs)
    bare = frame.copy()
    bare[list(CONTEXT_FIELDS)] = "none"
    y = np.asarray(examples.labels, dtype=object)
    with_context = np.empty(len(y), dtype=object)
    text_only = np.empty(len(y), dtype=object)
    for train, test in grouped_folds(y, examples.groups, args.folds, args.seed):
        fold_model = ParagraphClassifier(**chosen).fit(frame.iloc[train].reset_index(drop=True), y[train])
        with_context[test] = fold_model.predict(frame.iloc[test])
        text_only[test] = fold_model.predict(bare.iloc[test])
    shipped_name = f"shipped: {model.card['chosen']}"
    rows[shipped_name] = score_labels(examples.labels, list(with_context), labels)
    rows["shipped, text only (no context)"] = score_labels(examples.labels, list(text_only), labels)
    print(f"  {shipped_name}: macro-F1 {rows[shipped_name].macro_f1:.4f} ({time.perf_counter() - t0:.0f} s)")

    width = max(len(name) for name in rows)
    print()
    print(f"{'model':<{width}}  macro-F1  " + "  ".join(f"{label[:8]:>8}" for label in labels))
    for name, metrics in rows.items():
        print(f"{name:<{width}}  {metrics.macro_f1:8.4f}  " + "  ".join(f"{metrics.per_label[label]['f1']:8.3f}" for label in labels))

    inputs = examples.inputs
    model.predict_proba(inputs[:10])  # first call builds jieba's dictionary: not part of the rate
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        model.predict_proba(inputs)
    seconds = time.perf_counter() - t0
    rate = len(inputs) * args.repeat / seconds
    size = default_model_path().stat().st_size
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"model file: {default_model_path().relative_to(REPO)} {size / 1e6:.2f} MB")
    print(f"model load (sha256 check + joblib): {load_seconds:.2f} s")
    print(f"classification, one core: {rate:,.0f} paragraphs/s ({len(inputs)} paragraphs x {args.repeat})")
    print(f"peak memory (whole run): {peak_mib:,.0f} MiB; load average now {os.getloadavg()[0]:.1f}")
    print()
    side_by_side([p.text for p in inputs], args.processes)
    return 0


def full_reports_end_to_end(dev: object) -> None:
    """Train on dev.jsonl (the whole reports unseen), classify the parsed full report files, score."""
    import json

    import numpy as np

    from nlp.classify.evaluate import score_labels
    from nlp.classify.loading import load_model
    from nlp.classify.model import ParagraphClassifier, report_inputs
    from nlp.normalize import comparable
    from nlp.structure import parse_text

    shared = REPO.parent / "shared"
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in load_model().card["params"].items()}
    params["calibrate"] = False
    model = ParagraphClassifier(**params).fit(dev.inputs, dev.labels)
    gold: dict[str, list[tuple[str, str]]] = {}
    for line in (shared / "labels" / "full_reports.jsonl").read_text(encoding="utf-8").splitlines():
        unit = json.loads(line)
        if unit["kind"] == "narrative" and unit["label"]:
            gold.setdefault(unit["doc_id"], []).append((comparable(unit["text"]), unit["label"]))
    truth, predicted, alone, missed = [], [], [], 0
    from nlp.classify.features import paragraph_frame
    from nlp.classify.validation import without_context

    for line in (shared / "corpus" / "full_reports.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        report = parse_text(record["text"], doc_id=record["doc_id"])
        inputs = report_inputs(report)
        if not inputs:
            missed += len(gold.get(record["doc_id"], []))
            continue
        frame = paragraph_frame(inputs)
        labels = model.predict(frame)
        bare = model.predict(without_context(frame))
        texts = [comparable(p.text) for p in inputs]
        for text, label in gold.get(record["doc_id"], []):
            # The parsed paragraph that holds the unit (or is held by it) with the most overlap.
            best = max(
                (i for i, t in enumerate(texts) if t and (text in t or t in text)),
                key=lambda i: min(len(texts[i]), len(text)),
                default=None,
            )
            truth.append(label)
            if best is None:
                missed += 1
                predicted.append("none")
                alone.append("none")
            else:
                predicted.append(str(labels[best]))
                alone.append(str(bare[best]))
    names = sorted(set(truth))
    with_context = score_labels(truth, predicted, names)
    without = score_labels(truth, alone, names)
    print(f"full report files, end to end: {len(truth)} labelled units of {len(gold)} reports, {missed} not found in the parse")
    print(f"  macro-F1 with context {with_context.macro_f1:.4f}, paragraphs alone {without.macro_f1:.4f}")
    print("  per label (with context): " + ", ".join(f"{k} {v['f1']:.3f}" for k, v in with_context.per_label.items()))
    print(f"  accuracy {with_context.accuracy:.4f}; share of units found {1 - missed / max(1, len(truth)):.3f}; "
          f"training paragraphs {len(dev.labels)}, seed 0, {np.unique(dev.groups).size} reports")


JIEBA_ALONE = """
import json, sys
import jieba
jieba.setLogLevel(60)
jieba.initialize()
with open(sys.argv[1], encoding="utf-8") as handle:
    texts = [json.loads(line)["text"] for line in handle]
words = sum(len(jieba.lcut(text)) for text in texts)
print(words)
"""


def side_by_side(texts: list[str], runs: int) -> None:
    """Wall time of two whole processes on the same paragraphs: `govreport classify` and jieba alone."""
    import json
    import statistics
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "paragraphs.jsonl"
        source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        commands = {
            "jieba alone (lcut)": [sys.executable, "-c", JIEBA_ALONE, str(source)],
            "govreport classify": [sys.executable, "-m", "nlp", "classify", str(source), "--output", str(Path(folder) / "out.jsonl")],
        }
        timings: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():  # interleaved: both see the same machine load
                (Path(folder) / "out.jsonl").unlink(missing_ok=True)
                started = time.perf_counter()
                subprocess.run(command, env=env, check=True, capture_output=True, cwd=str(REPO))
                timings[name].append(time.perf_counter() - started)
    rates = {name: len(texts) / statistics.median(values) for name, values in timings.items()}
    print(f"side by side, whole processes, {len(texts)} paragraphs, median of {runs} runs:")
    for name, values in timings.items():
        print(f"  {name:<20} {statistics.median(values):6.2f} s  {rates[name]:8,.0f} paragraphs/s")
    ratio = rates["govreport classify"] / rates["jieba alone (lcut)"]
    print(f"  classify / jieba-alone speed: {ratio:.2f}x; load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    sys.exit(main())
