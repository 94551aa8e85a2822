"""The paragraph-break model of glued text (`nlp.normalize.breaks`): train it, validate it, measure it.

Every text of ../shared with its line breaks intact is training data: its lines run together, cut by
the glued-text rules (`nlp.normalize.glued.cut_by_rules`), and each sentence end left inside a piece
is a candidate, true where the text had a line break. Sources: the 31 whole reports
(corpus/full_reports.jsonl), the page openings (corpus/pages_dev.jsonl), the units of labels/dev.jsonl
in order, and reports/*.md|txt. Validation clusters as the classifier's (`nlp.classify.groups`:
site of the url, the place a url-less doc_id names).

    python benchmarks/bench_breaks.py cv [--folds 5]         # boundary P/R/F1 on held-out site clusters, per threshold
    python benchmarks/bench_breaks.py train                  # fit on everything, write models/paragraph_breaks.* (then scripts/export_models.py)
    python benchmarks/bench_breaks.py end-to-end [--layouts …] [--pages] [--authored dev|held]
        # labels end to end (benchmarks/eval_classify_layouts.py, eval_authored.py) with a break model
        # that has not seen the texts scored: the whole reports with one trained without them, the page
        # openings with one trained without any page or dev unit; the authored set with the shipped one
    python benchmarks/bench_breaks.py segment-speed [--rounds 3]
        # CPU of the label-aware segmentation step (nlp.classify.segment) on structured reports, found and glued
    python benchmarks/bench_breaks.py speed --code OLD_TREE --code . [--rounds 3]
        # CPU of parse_text on whole reports and page openings as found and glued, trees alternating
        # (OLD_TREE: git archive 957bd92 nlp models | tar -x -C OLD_TREE)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

#: The C of the logistic regression and the least count of a feature, chosen by `cv`.
C = 1.0
MIN_COUNT = 2
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8)


def sources() -> list[tuple[str, str, str | None, str]]:
    """(doc id, text with its line breaks, url, source name) of every text used for training."""
    texts: list[tuple[str, str, str | None, str]] = []
    with (SHARED / "corpus" / "full_reports.jsonl").open(encoding="utf-8") as handle:
        for record in map(json.loads, handle):
            texts.append((record["doc_id"], record["text"], record.get("url"), "full_reports"))
    with (SHARED / "corpus" / "pages_dev.jsonl").open(encoding="utf-8") as handle:
        for record in map(json.loads, handle):
            texts.append((f"page:{record['doc_id']}", record["text"], record.get("url"), "pages_dev"))
    units: dict[str, list[tuple[int, str]]] = {}
    urls: dict[str, str | None] = {}
    with (SHARED / "labels" / "dev.jsonl").open(encoding="utf-8") as handle:
        for record in map(json.loads, handle):
            units.setdefault(record["doc_id"], []).append((record["para_index"], record["text"]))
            urls[record["doc_id"]] = urls.get(record["doc_id"]) or record.get("url")
    for doc_id, parts in units.items():
        texts.append((f"units:{doc_id}", "\n".join(text for _, text in sorted(parts)), urls[doc_id], "labels_dev"))
    for path in sorted((SHARED / "reports").glob("*")):
        if path.suffix in (".md", ".txt"):
            texts.append((path.stem, path.read_text(encoding="utf-8"), None, "reports"))
    return texts


def data_files() -> list[Path]:
    files = [SHARED / "corpus" / "full_reports.jsonl", SHARED / "corpus" / "pages_dev.jsonl", SHARED / "labels" / "dev.jsonl"]
    return files + sorted(path for path in (SHARED / "reports").glob("*") if path.suffix in (".md", ".txt"))


def clusters(texts) -> dict[str, str]:
    from nlp.classify.groups import place_family, site_groups

    return site_groups({doc_id: url for doc_id, _, url, _ in texts}, family=place_family, duplicate_threshold=None)


def examples_of(texts, groups: dict[str, str]):
    from nlp.normalize.breaks import BreakExamples, break_examples

    examples, sources_of = BreakExamples(), []
    for doc_id, text, _, source in texts:
        found = break_examples(text, groups[doc_id])
        examples.extend(found)
        sources_of += [source] * len(found.truth)
    return examples, sources_of


def subset(examples, keep):
    from nlp.normalize.breaks import BreakExamples

    return BreakExamples([examples.rows[i] for i in keep], [examples.truth[i] for i in keep], [examples.groups[i] for i in keep])


def train_without(excluded, threshold: float | None = None):
    """A model fitted on the texts `excluded(doc_id, source)` is false for (the end-to-end figures)."""
    from nlp.normalize.breaks import fit_break_model

    texts = [t for t in sources() if not excluded(t[0], t[3])]
    examples, _ = examples_of(texts, clusters(texts))
    return fit_break_model(examples, threshold=threshold or shipped_threshold(), c=C, min_count=MIN_COUNT)


def shipped_threshold() -> float:
    from nlp.normalize.breaks import load_break_model

    return load_break_model().threshold


def cross_validate(folds: int, seed: int) -> tuple[float, dict]:
    """Boundary scores on held-out site clusters per threshold; returns the best threshold by F1 and all scores."""
    import numpy as np

    from nlp.classify.evaluate import grouped_folds
    from nlp.normalize.breaks import boundary_scores, fit_break_model

    texts = sources()
    groups = clusters(texts)
    started = time.perf_counter()
    examples, origin = examples_of(texts, groups)
    truth = np.asarray(examples.truth, dtype=bool)
    print(
        f"{len(texts)} texts, {len(set(groups.values()))} site clusters, {len(truth):,} candidates, {int(truth.sum()):,} true breaks "
        f"({time.perf_counter() - started:.1f} s to build)"
    )
    print("by source: " + ", ".join(f"{name} {count:,}" for name, count in Counter(origin).items()))
    probabilities = np.zeros(len(truth))
    labels = np.asarray([str(value) for value in truth], dtype=object)
    for train, test in grouped_folds(labels, np.asarray(examples.groups, dtype=object), folds, seed):
        model = fit_break_model(subset(examples, train), c=C, min_count=MIN_COUNT)
        probabilities[test] = model.row_probabilities([examples.rows[i] for i in test])
    scores = {}
    print(f"\n| threshold | precision | recall | F1 | cuts / true breaks |  ({folds} site-grouped folds, held out)")
    print("|---|---|---|---|---|")
    for threshold in THRESHOLDS:
        found = probabilities >= threshold
        scores[threshold] = boundary_scores(truth.tolist(), found.tolist())
        s = scores[threshold]
        print(f"| {threshold} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['cuts']:,} / {s['breaks']:,} |")
    per_source = {}
    best = max(THRESHOLDS, key=lambda t: scores[t]["f1"])
    for name in sorted(set(origin)):
        keep = [i for i, source in enumerate(origin) if source == name]
        per_source[name] = boundary_scores(truth[keep].tolist(), (probabilities[keep] >= best).tolist())
        s = per_source[name]
        print(f"  at {best}, {name}: precision {s['precision']:.3f} recall {s['recall']:.3f} F1 {s['f1']:.3f} ({s['breaks']:,} breaks)")
    return best, {"thresholds": {str(t): s for t, s in scores.items()}, "per_source_at_threshold": per_source, "n_candidates": len(truth), "n_breaks": int(truth.sum()), "n_texts": len(texts), "n_clusters": len(set(groups.values()))}


def train(folds: int, seed: int) -> int:
    from nlp.modelfiles.store import SHIPPED_MODELS, save_model, sha256_of
    from nlp.normalize.breaks import BREAK_MODEL, fit_break_model

    best, validation = cross_validate(folds, seed)
    texts = sources()
    examples, _ = examples_of(texts, clusters(texts))
    model = fit_break_model(examples, threshold=best, c=C, min_count=MIN_COUNT)
    card = {
        "name": "paragraph_breaks",
        "what": "logistic regression over the characters around a sentence end of glued text (nlp.normalize.breaks.features), as a table of weights: where a paragraph begins",
        "command": "PYTHONPATH=. python benchmarks/bench_breaks.py train && PYTHONPATH=. python scripts/export_models.py",
        "data": [{"file": f"../{path.relative_to(REPO.parent)}", "sha256": sha256_of(path)} for path in data_files()],
        "truth": "each text's own line breaks, after its lines are run together and cut by nlp.normalize.glued.cut_by_rules",
        "parameters": {"C": C, "min_count": MIN_COUNT, "solver": "liblinear", "threshold": best, "n_features": len(model.weights)},
        "validation": {
            "method": f"{folds} folds grouped by site cluster (nlp.classify.groups.site_groups: url site, place of url-less doc_ids), seed {seed}; threshold = best F1 on the held-out folds",
            **validation,
        },
    }
    saved = save_model(model.to_state(), SHIPPED_MODELS / BREAK_MODEL, card)
    print(f"\nwrote {BREAK_MODEL}: {len(model.weights):,} weights, threshold {best}, {saved['size_bytes']:,} bytes; now run scripts/export_models.py to pin it")
    return 0


def end_to_end(args) -> int:
    """The end-to-end evaluations with a break model that has not seen what they score."""
    from unittest import mock

    import nlp.normalize.glued as glued
    from nlp.normalize.breaks import BreakModel, shipped_break_model

    never = BreakModel({}, -50.0, 0.5)  # cuts nothing: the rules alone, as before the model
    if args.authored:
        import eval_authored

        # Written outside ../shared: the shipped model (trained on all of ../shared) has not seen them.
        argv = ["eval_authored.py", "--part", args.authored] + (["--layouts", *args.layouts] if args.layouts else [])
        model = never if args.baseline else shipped_break_model()
        if args.threshold and not args.baseline:
            model = dataclasses.replace(model, threshold=args.threshold)
        print("no break model: the glued-text rules alone" if args.baseline else f"the shipped break model, threshold {model.threshold}")
        with mock.patch.object(glued, "shipped_break_model", lambda: model), mock.patch.object(sys, "argv", argv):
            return eval_authored.main()
    import eval_classify_layouts

    argv = ["eval_classify_layouts.py"] + (["--pages"] if args.pages else []) + (["--layouts", *args.layouts] if args.layouts else [])
    if args.baseline:
        print("no break model: the glued-text rules alone")
        with mock.patch.object(glued, "shipped_break_model", lambda: never), mock.patch.object(sys, "argv", argv):
            return eval_classify_layouts.main()
    if not args.pages:
        model = train_without(lambda doc_id, source: source == "full_reports", args.threshold)
        print(f"break model trained without full_reports: {len(model.weights):,} weights, threshold {model.threshold}")
        with mock.patch.object(glued, "shipped_break_model", lambda: model), mock.patch.object(sys, "argv", argv):
            return eval_classify_layouts.main()
    # The page openings: the classifier's folds (eval_classify_layouts.pages_end_to_end), and for each a
    # break model trained without the texts of that fold's site clusters (page, dev units or whole report).
    fold_of = classifier_folds(args.seed)
    models = {}
    for fold in sorted(set(fold_of.values())):
        models[fold] = train_without(lambda doc_id, source, fold=fold: fold_of.get(doc_id.split(":", 1)[-1]) == fold, args.threshold)
        print(f"fold {fold}: break model of {len(models[fold].weights):,} weights, threshold {models[fold].threshold}")
    current: list[BreakModel] = []
    original = eval_classify_layouts.labels_end_to_end

    def labels_with_fold_model(model, text, doc_id, wanted, damage=None):
        current[:] = [models[fold_of[doc_id]]]
        return original(model, text, doc_id, wanted, damage)

    with (
        mock.patch.object(glued, "shipped_break_model", lambda: current[0]),
        mock.patch.object(eval_classify_layouts, "labels_end_to_end", labels_with_fold_model),
        mock.patch.object(sys, "argv", argv + ["--seed", str(args.seed)]),
    ):
        return eval_classify_layouts.main()


def classifier_folds(seed: int, folds: int = 5) -> dict[str, int]:
    """doc_id → the fold eval_classify_layouts.pages_end_to_end holds it out in (same units, clusters and split)."""
    import numpy as np

    from nlp.classify.evaluate import grouped_folds
    from nlp.classify.groups import groups_for, unit_clusters
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled

    units = read_labelled([SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"])
    examples = examples_from_units(units, five_halves=False)
    groups = np.asarray(groups_for(examples.groups, unit_clusters(units)), dtype=object)
    labels = np.asarray(examples.labels, dtype=object)
    fold_of: dict[str, int] = {}
    for fold, (_, test) in enumerate(grouped_folds(labels, groups, folds, seed)):
        for i in test:
            fold_of[examples.groups[i]] = fold
    return fold_of


_SPEED_CHILD = """
import json, sys, time, tracemalloc
from nlp.structure import parse_text
batches = json.load(open(sys.argv[1], encoding="utf-8"))
out = {}
started = time.process_time()
import nlp.normalize.glued as glued
if hasattr(glued, "shipped_break_model"):
    glued.shipped_break_model()
out["model load"] = time.process_time() - started
for name, texts in batches.items():
    parse_text(texts[0])
    tracemalloc.start()
    started = time.process_time()
    for text in texts:
        parse_text(text)
    out[name] = time.process_time() - started
    out[name + " peak MB"] = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
print(json.dumps(out))
"""


def _whole_reports_and_openings() -> tuple[list[str], list[str]]:
    """The texts of ../shared's 31 whole crawled reports and of its 586 page openings."""
    texts = []
    for name in ("full_reports.jsonl", "pages_dev.jsonl"):
        with (SHARED / "corpus" / name).open(encoding="utf-8") as handle:
            texts.append([record["text"] for record in map(json.loads, handle)])
    return texts[0], texts[1]


def speed(trees: list[Path], rounds: int) -> int:
    """CPU of reading and structuring (`parse_text`) whole reports and page openings, as found and glued,
    for each code tree in a child process, the trees alternating; the median of `rounds`."""
    import os
    import statistics
    import subprocess
    import tempfile

    from tests.damage import TEXT_TRANSFORMS

    glue = TEXT_TRANSFORMS["crawled_glued"]
    whole, pages = _whole_reports_and_openings()
    batches = {
        "31 whole reports as crawled": whole,
        "31 whole reports glued": [glue(text) for text in whole],
        "586 page openings as found": pages,
        "586 page openings glued": [glue(text) for text in pages],
    }
    results: dict[str, list[dict]] = {str(tree): [] for tree in trees}
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "texts.json"
        data.write_text(json.dumps(batches, ensure_ascii=False), encoding="utf-8")
        for _ in range(rounds):
            for tree in trees:
                env = {**os.environ, "PYTHONPATH": str(tree.resolve())}
                done = subprocess.run([sys.executable, "-c", _SPEED_CHILD, str(data)], env=env, cwd=folder, capture_output=True, text=True, check=True)
                results[str(tree)].append(json.loads(done.stdout))
    chars = {name: sum(map(len, texts)) for name, texts in batches.items()}
    print(f"parse_text CPU seconds (process time), median of {rounds} rounds, trees alternating")
    print("| tree | model load | " + " | ".join(batches) + " |")
    print("|---" * (2 + len(batches)) + "|")
    for tree, runs in results.items():
        cells = [f"{statistics.median(run['model load'] for run in runs):.3f} s"]
        for name in batches:
            seconds = statistics.median(run[name] for run in runs)
            peak = statistics.median(run[name + " peak MB"] for run in runs)
            cells.append(f"{seconds:.2f} s ({chars[name] / seconds / 1e6:.2f} M chars/s, peak {peak:.1f} MB)")
        print(f"| {tree} | " + " | ".join(cells) + " |")
    return 0


def segment_speed(rounds: int) -> int:
    """CPU of the label-aware segmentation step (`nlp.classify.segment.segment_report`, with the shipped
    classifier) on reports already structured, as found and glued; and of the classifier labelling them after
    it, for scale. The median of `rounds`."""
    import statistics

    from nlp.classify.loading import load_model
    from nlp.classify.reportinputs import report_inputs
    from nlp.classify.segment import segment_report
    from nlp.structure import parse_text
    from tests.damage import TEXT_TRANSFORMS
    from tests.damage_glued import glued_unheaded

    glue = TEXT_TRANSFORMS["crawled_glued"]
    whole, pages = _whole_reports_and_openings()
    batches = {
        "31 whole reports as crawled": whole,
        "31 whole reports glued": [glue(t) for t in whole],
        "31 whole reports glued, section headings gone": [glued_unheaded(t) for t in whole],
        "586 page openings glued": [glue(t) for t in pages],
    }
    model = load_model()
    segment_report(parse_text(batches["31 whole reports glued"][0]), model)  # loads the break model
    print(f"segmentation CPU seconds (process time), median of {rounds} rounds; the labels after it for scale")
    print("| texts | segmentation | labels (predict_proba of the narrative paragraphs) | paragraphs before → after |")
    print("|---|---|---|---|")
    for name, texts in batches.items():
        timings, labelling = [], []
        for _ in range(rounds):
            reports = [parse_text(text) for text in texts]
            before = sum(len(r.paragraphs) for r in reports)
            started = time.process_time()
            for report in reports:
                segment_report(report, model)
            timings.append(time.process_time() - started)
            started = time.process_time()
            model.predict_proba([item for report in reports for item in report_inputs(report)])
            labelling.append(time.process_time() - started)
            after = sum(len(r.paragraphs) for r in reports)
        print(f"| {name} | {statistics.median(timings):.2f} s | {statistics.median(labelling):.2f} s | {before} → {after} |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("cv", "train", "end-to-end", "speed", "segment-speed"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--layouts", nargs="*", metavar="NAME")
    parser.add_argument("--pages", action="store_true")
    parser.add_argument("--authored", choices=("dev", "held"))
    parser.add_argument("--baseline", action="store_true", help="end-to-end: without the model (the rules alone)")
    parser.add_argument("--threshold", type=float, help="end-to-end: this threshold instead of the shipped one")
    parser.add_argument("--code", type=Path, action="append", help="speed: a code tree (nlp/ and models/) to time; repeat to compare (default: this one)")
    parser.add_argument("--rounds", type=int, default=3, help="speed: rounds, the trees alternating")
    args = parser.parse_args()
    if args.command == "cv":
        cross_validate(args.folds, args.seed)
        return 0
    if args.command == "train":
        return train(args.folds, args.seed)
    if args.command == "end-to-end":
        return end_to_end(args)
    if args.command == "segment-speed":
        return segment_speed(args.rounds)
    return speed(args.code or [REPO], args.rounds)


if __name__ == "__main__":
    sys.exit(main())
