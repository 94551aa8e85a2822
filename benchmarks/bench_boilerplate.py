"""Boilerplate scores: held-out ROC AUC of each signal and of the combination, and scoring speed.

    python benchmarks/bench_boilerplate.py [--folds 5] [--repeat 3]

The AUC table is a grouped cross-validation on the narrative paragraphs of ../shared/labels/dev.jsonl
and full_reports.jsonl (hand-marked `generic` flag): validation clusters (site of the url, place,
near-duplicate reports: nlp.classify.groups) are held out whole; the reference document frequencies,
the generic model and the stacker's weights (nested) are fitted without the held-out clusters. The
reference corpus is the one the shipped model is fitted on (corpus pages, the 31 whole reports,
labelled units, seeds). Its last row is the 31 whole reports of one city held out as one group.

    python benchmarks/bench_boilerplate.py --refit   # also rewrite the shipped models (models/)
Speed: the shipped scorer on the same paragraphs, with and without the spans that explain scores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

#: Figures quoted in the issue for each signal alone, for comparison.
REFERENCE_AUC = {
    "commonness": "≈0.54",
    "specificity": "≈0.87 (crude heuristic)",
    "generic": "≈0.945 (char TF-IDF)",
    "boilerplate": "≥ 0.95 (aim)",
}


def peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--repeat", type=int, default=3, help="times the paragraphs are scored for the speed figures"
    )
    parser.add_argument("--refit", action="store_true", help="refit and rewrite the shipped boilerplate models first")
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"shared data not available: {SHARED} (the ../shared folder is absent)")

    from nlp.boilerplate.evaluate import SIGNALS, grouped_cross_validation
    from nlp.boilerplate.train import (
        fit_boilerplate,
        labelled_with_clusters,
        load_boilerplate_scorer,
        reference_documents,
    )

    labels = [SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"]
    corpus = [SHARED / "corpus" / "pages_dev.jsonl", SHARED / "corpus" / "full_reports.jsonl", *labels, SHARED / "seeds"]
    if args.refit:
        relative = [str(Path("..") / p.relative_to(SHARED.parent)) for p in labels]
        fit_boilerplate(
            corpus, labels=labels, folds=args.folds,
            command="fit-boilerplate via python benchmarks/bench_boilerplate.py --refit (corpus: pages_dev, full_reports, "
            f"labels, seeds; labels: {' '.join(relative)})",
        )
        print("shipped boilerplate models refitted (models/boilerplate_*.joblib)")
    texts, y, doc_ids, clusters = labelled_with_clusters(labels)
    groups = [clusters.get(doc_id, doc_id) for doc_id in doc_ids]
    reference, failures = reference_documents(corpus)
    print(
        f"{len(texts)} narrative paragraphs ({int(y.sum())} generic) from {len(set(groups))} reports; "
        f"reference corpus {len(reference)} reports"
        + (f" ({len(failures)} inputs failed)" if failures else "")
    )

    evaluation = grouped_cross_validation(texts, y, groups, reference, folds=args.folds, clusters=clusters)
    print(
        f"\n## Grouped {args.folds}-fold cross-validation ({len(set(groups))} site clusters held out; stacking nested)"
        f" — {evaluation.seconds:.0f} s\n"
    )
    print("| signal | ROC AUC, held-out reports | per fold (min – max) | issue's reference |")
    print("|---|---|---|---|")
    for name in SIGNALS:
        per_fold = [fold[name] for fold in evaluation.fold_auc]
        print(
            f"| {name} | {evaluation.auc[name]:.3f} | {min(per_fold):.3f} – {max(per_fold):.3f} | {REFERENCE_AUC[name]} |"
        )

    scorer = load_boilerplate_scorer()
    scorer.score(texts[:20])  # load jieba and warm the caches once
    total_chars = sum(len(t) for t in texts) * args.repeat
    print("\n## Scoring speed (shipped models, one process)\n")
    print("| mode | paragraphs/s | characters/s |")
    print("|---|---|---|")
    for explain in (False, True):
        started = time.perf_counter()
        for round_number in range(args.repeat):
            # a fresh copy of each text per round, so that no cache serves a repeated paragraph
            scorer.score([text + " " * (round_number + 1) for text in texts], explain=explain)
        seconds = time.perf_counter() - started
        mode = "with spans" if explain else "scores only"
        print(f"| {mode} | {len(texts) * args.repeat / seconds:,.0f} | {total_chars / seconds:,.0f} |")
    print(f"\npeak memory {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
