"""The authored dev halves as training rows (`scripts/authored_dev_labels.py`): dev halves only, every set present, whole
reports; the writers are one list (`eval_authored.SETS`), a set not there yet skipped with a message."""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "benchmarks"))

from authored_dev_labels import dev_half_lines, training_sets  # noqa: E402
from eval_authored import SETS, in_part, present_sets  # noqa: E402


def test_only_dev_half_reports_of_every_training_set_are_written_whole() -> None:
    records = [json.loads(line) for line in dev_half_lines()]
    written = {record["doc_id"] for record in records}
    assert written and all(in_part(doc_id, "dev") and not in_part(doc_id, "held") for doc_id in written)
    assert {"a", "b", "c", "e", "f"} <= set(training_sets())
    for which in training_sets():
        with SETS[which][1].open(encoding="utf-8") as handle:
            units = [json.loads(line) for line in handle if line.strip()]
        dev = [u for u in units if in_part(u["doc_id"], "dev")]
        held_ids = {u["doc_id"] for u in units if in_part(u["doc_id"], "held")}
        assert held_ids and not held_ids & written, which  # a held report never trains
        # Every unit of a dev report, headings included: the context comes from them.
        assert {(u["doc_id"], u["para_index"]) for u in dev} <= {(r["doc_id"], r["para_index"]) for r in records}, which
        assert any(u["kind"] == "heading" for u in dev)


def test_the_written_file_trains_as_the_sets_dev_halves_score(tmp_path) -> None:
    # `govreport train` reads it as it reads ../shared's labels: the same narrative units, each with its headings' context.
    from nlp.classify.context import UNKNOWN
    from nlp.classify.train import examples_from_units
    from nlp.labels import check_trainable, read_labelled

    path = tmp_path / "authored_dev.jsonl"
    path.write_text("\n".join(dev_half_lines()) + "\n", encoding="utf-8")
    units = read_labelled([path])
    check_trainable(units)
    examples = examples_from_units(units, five_halves=False)
    expected = sum(
        len(examples_from_units([u for u in read_labelled([SETS[which][1]]) if in_part(u.doc_id, "dev")], five_halves=False).labels)
        for which in training_sets()
    )
    assert len(examples.labels) == expected > 700
    assert sum(p.context.section != UNKNOWN for p in examples.inputs) > 0.8 * len(examples.inputs)


def test_the_shipped_classifier_trained_on_these_dev_halves_and_no_held_report() -> None:
    """The card's authored file is what the script writes today for the sets its `made_by` names (the same sha256):
    their dev halves, no held report; a set it does not name is a writer the shipped model never read."""
    import hashlib
    import re

    card = json.loads((REPO / "models" / "paragraphs.json").read_text(encoding="utf-8"))
    entry = next(e for e in card["data"] if e["file"].endswith("authored_dev.jsonl"))
    named = re.search(r"authored sets ([a-z]+(?:, [a-z]+)*)", entry["made_by"])
    assert named, entry["made_by"]
    sets = tuple(named.group(1).split(", "))
    written = ("\n".join(dev_half_lines(sets)) + "\n").encode("utf-8")
    assert entry["sha256"] == hashlib.sha256(written).hexdigest()
    # Every writer's dev half trains the shipped model, so no held half is of a writer it never read: the held-out
    # figures are `eval_writers.py --writers`'s (each writer left out), as docs/classifier.md quotes them.
    assert set(sets) == set(training_sets()), (sets, training_sets())


def test_a_set_whose_folder_is_not_there_is_skipped_with_a_message() -> None:
    told: list[str] = []
    present = present_sets(["a", "g", "h"], say=told.append)
    assert present[0] == "a"
    for which in {"g", "h"} - set(present):
        assert any(f"authored set {which} skipped" in message and f"authored_{which}" in message for message in told)
    assert len(present) + len(told) == 3
