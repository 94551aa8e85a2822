"""Comparisons of boilerplate settings (`bench_boilerplate.py --paired`, `--authored`): the same grouped
cross-validation on ../shared for each setting, paired fold by fold; and each setting fitted on all of
../shared and scored on the authored reports, with intervals from resampling the reports."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from boiler_data import authored_dev_training, authored_dev_units  # noqa: E402
from boiler_settings import authored_dev_times, scorer_parts, setting_extra  # noqa: E402


def paired(specs: list[str], seeds: list[int], folds: int, texts, y, groups, reference, clusters, errors: Path | None = None) -> None:
    import json

    import numpy as np

    from nlp.boilerplate.evaluate import grouped_cross_validation
    from nlp.tokenize import Tokenizer

    tokenizer = Tokenizer()
    parts = [scorer_parts(spec, tokenizer) for spec in specs]
    per_fold = {spec: {"generic": [], "boilerplate": []} for spec in specs}
    out_of_fold = {spec: np.zeros(len(texts)) for spec in specs}
    for seed in seeds:
        for spec, (model, specificity) in zip(specs, parts, strict=True):
            evaluation = grouped_cross_validation(
                texts, y, groups, reference, folds=folds, clusters=clusters, generic=model, specificity=specificity, seed=seed,
                extra=setting_extra(spec),
            )
            for name in ("generic", "boilerplate"):
                per_fold[spec][name].extend(fold[name] for fold in evaluation.fold_auc)
            out_of_fold[spec] += evaluation.predictions["boilerplate"] / len(seeds)
            print(f"seed {seed}: {spec or 'reference'} done ({evaluation.seconds:.0f} s)", flush=True)
    if errors is not None:
        # the out-of-fold stacked score of every paragraph under each setting (mean over the seeds), to read the errors
        with errors.open("w", encoding="utf-8") as handle:
            for i, text in enumerate(texts):
                record = {"text": text, "generic": int(y[i]), "group": groups[i]}
                record.update({spec: round(float(out_of_fold[spec][i]), 4) for spec in specs})
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    reference_spec = specs[0]
    print(f"\n## Paired: {folds} folds x seeds {' '.join(map(str, seeds))}, reference {reference_spec or '(defaults)'}\n")
    print("| setting | generic AUC | stacked AUC | generic: diff (sd) | stacked: diff (sd) | stacked: folds up |")
    print("|---|---|---|---|---|---|")
    for spec in specs:
        cells = []
        for name in ("generic", "boilerplate"):
            cells.append(f"{np.mean(per_fold[spec][name]):.4f}")
        for name in ("generic", "boilerplate"):
            diff = np.asarray(per_fold[spec][name]) - np.asarray(per_fold[reference_spec][name])
            cells.append(f"{diff.mean():+.4f} ({diff.std(ddof=1):.4f})" if spec != reference_spec else "")
        diff = np.asarray(per_fold[spec]["boilerplate"]) - np.asarray(per_fold[reference_spec]["boilerplate"])
        cells.append(f"{int((diff > 0).sum())}/{len(diff)}" if spec != reference_spec else "")
        print(f"| {spec or '(defaults)'} | " + " | ".join(cells) + " |")


#: Report folds over the authored dev parts, for the dev scores of a setting that trains on them.
AUTHORED_DEV_FOLDS = 4


def authored(
    specs: list[str], draws: int, texts, y, groups, reference, sets: list[str], parts: list[str]
) -> None:
    """Each setting fitted on all of ../shared, scored on the authored reports: ROC AUC against the
    writer's flags, the second labeller's and the units both agree on, for each of `parts` (dev,
    held) of each of `sets` (a, b); against the first setting, the difference with its 95 % interval
    from resampling the part's reports (paired: the same draws for every setting). A setting with
    `authored_dev=N` also trains on the dev parts: its held scores come from a model trained on all
    of them, its dev scores from `AUTHORED_DEV_FOLDS` report folds (each dev report scored by a model
    that did not see it). The held parts are never trained on. Scores only: nothing of a unit is printed."""
    import numpy as np
    from eval_authored import SETS, in_part, second_labelling

    from nlp.boilerplate.score import BoilerplateScorer
    from nlp.labels import read_labelled
    from nlp.tokenize import Tokenizer

    tokenizer = Tokenizer()
    units_of = {}
    for which in sets:
        units_of[which] = [
            u for u in read_labelled([SETS[which][1]])
            if u.kind == "narrative" and u.label and u.generic is not None and any(in_part(u.doc_id, part) for part in parts)
        ]
    every = [u for which in sets for u in units_of[which]]
    dev_reports = sorted({u.doc_id for which in ("a", "b") for u in authored_dev_units(which)[0]})
    rng = np.random.default_rng(0)
    folds = [frozenset(dev_reports[i] for i in order) for order in np.array_split(rng.permutation(len(dev_reports)), AUTHORED_DEV_FOLDS)]

    def fitted(spec: str, leave_out: frozenset[str] = frozenset()):
        generic, specificity = scorer_parts(spec, tokenizer)
        specificity.fit(reference.values())
        times = authored_dev_times(spec)
        if not times:
            return BoilerplateScorer(None, specificity, generic).fit(texts, y, groups)
        extra = authored_dev_training(times, leave_out)
        return BoilerplateScorer(None, specificity, generic).fit(
            list(texts) + extra.texts, np.concatenate([y, extra.y]), list(groups) + extra.groups
        )

    scores = {}
    for spec in specs:
        scores[spec] = fitted(spec).predict_proba([u.text for u in every])[:, 1]
        if authored_dev_times(spec) and "dev" in parts:
            for fold in folds:
                rows = [i for i, u in enumerate(every) if u.doc_id in fold]
                scores[spec][rows] = fitted(spec, fold).predict_proba([every[i].text for i in rows])[:, 1]
        print(f"{spec or 'reference'} fitted and scored", flush=True)
    start = 0
    for which in sets:
        units = units_of[which]
        second = second_labelling(which)
        flags = {
            "writer": np.asarray([bool(u.generic) for u in units]),
            "second": np.asarray([bool(second.get((u.doc_id, u.para_index), {}).get("generic")) for u in units]),
        }
        part_scores = {spec: values[start : start + len(units)] for spec, values in scores.items()}
        start += len(units)
        for part in parts:
            _authored_part(
                f"{which} {part}", [in_part(u.doc_id, part) for u in units], [u.doc_id for u in units], flags, part_scores, specs, draws
            )


def report_resamples(doc_ids, rows, draws: int, seed: int = 0) -> list:
    """`draws` resamples of the reports of `rows` (with replacement), each as the row indices of its
    reports: the same draws serve every setting compared, so differences are paired."""
    import numpy as np

    rng = np.random.default_rng(seed)
    reports = sorted({doc_ids[i] for i in rows})
    by_report = {doc_id: [i for i in rows if doc_ids[i] == doc_id] for doc_id in reports}
    return [np.concatenate([by_report[reports[k]] for k in rng.integers(0, len(reports), len(reports))]) for _ in range(draws)]


def auc_difference(truth, new, old, keep, samples) -> tuple[float, float, float]:
    """ROC AUC of `new` minus that of `old` on the rows `keep` (a boolean mask over all rows), with the
    95 % interval over `samples` (`report_resamples`; a resample holding one class only is skipped)."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    rows = np.flatnonzero(keep)
    point = roc_auc_score(truth[rows], new[rows]) - roc_auc_score(truth[rows], old[rows])
    diffs = []
    for sample in samples:
        sample = sample[keep[sample]]
        if len(set(truth[sample].tolist())) == 2:
            diffs.append(roc_auc_score(truth[sample], new[sample]) - roc_auc_score(truth[sample], old[sample]))
    low, high = np.percentile(diffs, [2.5, 97.5])
    return float(point), float(low), float(high)


def _authored_part(
    title: str, in_this_part: list[bool], doc_ids: list[str], flags: dict, scores: dict, specs: list[str], draws: int
) -> None:
    """One part's table of `authored`: AUC per setting and labelling, Δ against the first setting."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    agreed = flags["writer"] == flags["second"]
    rows = np.flatnonzero(in_this_part)
    samples = report_resamples(doc_ids, rows, draws)
    print(
        f"\n## Authored set {title} part: {len(set(doc_ids[i] for i in rows))} reports, {len(rows)} units; ROC AUC, "
        f"Δ against {specs[0] or '(defaults)'} [95 % over {draws} report resamples]\n"
    )
    print("| setting | writer | second labeller | both agree | Δ writer | Δ second | Δ agreed |")
    print("|---|---|---|---|---|---|---|")
    for spec in specs:
        cells, deltas = [], []
        for name in ("writer", "second", "agreed"):
            truth = flags["second" if name == "second" else "writer"]
            keep = np.zeros(len(truth), dtype=bool)
            keep[rows] = True
            if name == "agreed":
                keep &= agreed
            cells.append(f"{roc_auc_score(truth[keep], scores[spec][keep]):.3f}")
            if spec != specs[0]:
                point, low, high = auc_difference(truth, scores[spec], scores[specs[0]], keep, samples)
                deltas.append(f"{point:+.4f} [{low:+.4f}, {high:+.4f}]")
        print(f"| {spec or '(defaults)'} | " + " | ".join(cells + (deltas or ["", "", ""])) + " |", flush=True)
