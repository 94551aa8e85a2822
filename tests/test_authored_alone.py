"""The blind labelling of the authored sets' held halves with each paragraph alone (tests/gold/authored_alone):
it covers every held narrative unit once, with a label of the guide, and it is scored, never trained on."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from authored_sets import held, records

GOLD = Path(__file__).parent / "gold"
ALONE = GOLD / "authored_alone" / "labels.jsonl"
SETS = {
    "a": GOLD / "authored_labels.jsonl",
    "b": GOLD / "authored_b" / "labels.jsonl",
    "c": GOLD / "authored_c" / "labels.jsonl",
    "e": GOLD / "authored_e" / "labels.jsonl",
    # a second batch, shuffled among these four
    **{which: GOLD / f"authored_{which}" / "labels.jsonl" for which in ("g", "l", "m", "n")},
    # a third batch, shuffled among the four writers the model reads worst alone, in two halves for two sessions
    **{which: GOLD / f"authored_{which}" / "labels.jsonl" for which in ("p", "z", "aa", "ae")},
}


def test_every_held_narrative_unit_is_labelled_alone_once_with_a_guide_label():
    from nlp.labels import GUIDE_LABELS

    alone = records(ALONE)
    keys = Counter((r["set"], r["doc_id"], r["para_index"]) for r in alone)
    assert max(keys.values()) == 1
    wanted = {
        (which, r["doc_id"], r["para_index"])
        for which, path in SETS.items()
        for r in records(path)
        if r["kind"] == "narrative" and held(r["doc_id"])
    }
    assert set(keys) == wanted
    assert {r["label"] for r in alone} <= set(GUIDE_LABELS)
    assert all(isinstance(r["needs_context"], bool) and isinstance(r["generic"], bool) for r in alone)


def test_the_annotator_alone_is_scored_against_the_writers_labels_not_copied_from_them():
    """Alone, some units must come out otherwise than with the report in view (else the file is a copy)."""
    labels = {(which, r["doc_id"], r["para_index"]): r["label"] for which, path in SETS.items() for r in records(path)}
    alone = records(ALONE)
    differ = sum(labels[(r["set"], r["doc_id"], r["para_index"])] != r["label"] for r in alone)
    assert 0 < differ < len(alone) // 5


@pytest.mark.parametrize("which", sorted(SETS))
def test_each_set_is_shuffled_into_the_others(which):
    """The annotator saw the units shuffled: a set's units are not one run of ids."""
    positions = [index for index, r in enumerate(records(ALONE)) if r["set"] == which]
    assert positions[-1] - positions[0] > 2 * len(positions)
