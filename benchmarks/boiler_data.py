"""The rows the boilerplate benchmarks train and score on (`bench_boilerplate.py`, `eval_boiler_writers.py`).

../shared's labelled narrative paragraphs with their validation clusters and the reference corpus the shipped
score is fitted on; the authored sets' dev rows added as training only (`TrainingOnly`): the agreed units of
sets a and b given N times (`authored_dev_*`), or every writer's dev half at a sample weight (`writers_*`),
each with what the model card says of it. The held halves are never read here for training.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def shared_files() -> tuple[list[Path], list[Path]]:
    """The labelled files of ../shared the shipped score is trained on, and its reference corpus."""
    labels = [SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"]
    return labels, [SHARED / "corpus" / "pages_dev.jsonl", SHARED / "corpus" / "full_reports.jsonl", *labels, SHARED / "seeds"]


def shared_data():
    """../shared's labelled narrative paragraphs (texts, generic flags, each one's validation cluster),
    the clusters by doc_id, the reference corpus (doc_id → texts) and the corpus inputs that failed."""
    from nlp.boilerplate.train import labelled_with_clusters, reference_documents

    labels, corpus = shared_files()
    texts, y, doc_ids, clusters = labelled_with_clusters(labels)
    groups = [clusters.get(doc_id, doc_id) for doc_id in doc_ids]
    reference, failures = reference_documents(corpus)
    return texts, y, groups, clusters, reference, failures


def authored_dev_units(which: str) -> tuple[list, Any]:
    """The dev part's narrative units of one authored set whose `generic` flag both labellers agree
    on, with that flag."""
    import numpy as np
    from eval_authored import SETS, in_part, second_labelling

    from nlp.labels import read_labelled

    second = second_labelling(which)
    units = [
        u for u in read_labelled([SETS[which][1]])
        if u.kind == "narrative" and u.label and u.generic is not None and in_part(u.doc_id, "dev")
        and bool(second.get((u.doc_id, u.para_index), {}).get("generic")) == bool(u.generic)
    ]
    return units, np.asarray([int(bool(u.generic)) for u in units])


def authored_dev_training(times: int, leave_out: frozenset[str] = frozenset()):
    """`TrainingOnly` paragraphs from both authored sets' dev parts (`authored_dev_units`), each given
    `times` times (in one group per report, so the stacker's inner folds keep its copies together),
    without the reports in `leave_out`."""
    import numpy as np

    from nlp.boilerplate.evaluate import TrainingOnly

    texts, y, groups = [], [], []
    for which in ("a", "b"):
        units, flags = authored_dev_units(which)
        for unit, flag in zip(units, flags, strict=True):
            if unit.doc_id not in leave_out:
                texts += [unit.text] * times
                y += [int(flag)] * times
                groups += [f"authored:{unit.doc_id}"] * times
    return TrainingOnly(texts, np.asarray(y, dtype=int), groups)


def authored_dev_card(times: int) -> dict:
    """What the model card says of `authored_dev_training(times)`: the files with their sha256 and the choice."""
    from eval_authored import SETS

    from nlp.modelfiles.store import sha256_of

    files = [path for which in ("a", "b") for path in SETS[which][1:]]
    return {
        "what": "the authored sets' dev parts (odd-numbered reports; the held parts are never trained on): "
        "narrative units whose generic flag the writer and the blind second labeller agree on",
        "times": times,
        "data": [{"file": str(path.relative_to(REPO)), "sha256": sha256_of(path)} for path in files],
    }


def writer_sets() -> list[str]:
    """The authored sets whose labels are present, in `eval_authored.SETS` order; a set announced but not
    landed yet (its label file absent) is skipped with a message."""
    from eval_authored import SETS

    present = []
    for which, (_, labels, _) in SETS.items():
        if labels.exists():
            present.append(which)
        else:
            print(f"authored set {which}: no labels at {labels}; skipped", file=sys.stderr)
    return present


def writer_units(which: str, part: str) -> list:
    """One authored set's narrative units of one half (`dev`, `held`) that carry a label and a `generic` flag."""
    from eval_authored import SETS, in_part

    from nlp.labels import read_labelled

    return [
        u for u in read_labelled([SETS[which][1]])
        if u.kind == "narrative" and u.label and u.text and u.generic is not None and in_part(u.doc_id, part)
    ]


def writers_training(weight: float, sets: list[str]):
    """`TrainingOnly` rows from the dev halves of `sets`: each narrative unit with its writer's `generic`
    flag, at sample weight `weight`, grouped by report (the stacker's inner folds keep a report together)."""
    import numpy as np

    from nlp.boilerplate.evaluate import TrainingOnly

    units = [(which, u) for which in sets for u in writer_units(which, "dev")]
    return TrainingOnly(
        [u.text for _, u in units],
        np.asarray([int(bool(u.generic)) for _, u in units], dtype=int),
        [f"authored_{which}:{u.doc_id}" for which, u in units],
        weights=np.full(len(units), float(weight)),
    )


def training_writer_sets() -> list[str]:
    """The sets whose dev halves the shipped models train on: those the paragraph classifier trains on
    (`scripts/authored_dev_labels.training_sets`), so that both models have read the same writers."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from authored_dev_labels import training_sets
    finally:
        sys.path.remove(str(REPO / "scripts"))
    return [which for which in writer_sets() if which in training_sets()]


def writers_dev_card(weight: float, sets: list[str]) -> dict:
    """What the model card says of `writers_training(weight, sets)`: the label files with their sha256 and the weight."""
    from eval_authored import SETS

    from nlp.modelfiles.store import sha256_of

    return {
        "what": "the authored sets' dev halves (odd-numbered reports; the held halves are never trained on): every "
        "narrative unit with its writer's generic flag, at a sample weight; the weight chosen leave one writer out "
        "(benchmarks/eval_boiler_writers.py)",
        "sets": sets,
        "weight": weight,
        "data": [{"file": str(SETS[which][1].relative_to(REPO)), "sha256": sha256_of(SETS[which][1])} for which in sets],
    }
