"""Write the authored sets' dev halves as one labelled file, for `govreport train` (docs/classifier.md, twelfth and
thirteenth rounds).

The authored sets (tests/gold/AUTHORED.md; `benchmarks/eval_authored.py`'s `SETS`, the one list of the writers: a set
joins here by its entry there, and one whose folder is not there yet is skipped with a message) were each written by their own
clean-room session. Their dev halves (odd reports) may be trained on; their held halves (even reports) are only
ever scored, and a model trained on a set's dev half scores that set's held half as a writer it has read: quote
leave-one-writer-out figures for it (`benchmarks/eval_writers.py --writers`). Every unit of a dev-half report is
written (headings and meta lines too), so that `govreport train` derives the paragraphs' context from their
headings as it does for ../shared's labels.

    PYTHONPATH=. python scripts/authored_dev_labels.py --output build/authored_dev.jsonl [--sets a b c e f]

Default: every set present. The shipped model of the twelfth round was trained on `--sets a b c e` (its card's
`made_by`); the next one is to be trained on every set (docs/classifier.md, thirteenth round).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))


#: Sets written after the shipped models were trained (nineteenth round): their held halves were scored on arrival by
#: models that never read them. They join the training data at the next retraining (empty the tuple then, and say so
#: in the model cards); until then these commands rebuild the shipped models' data exactly.
NOT_YET_TRAINED: tuple[str, ...] = ("al", "am", "an", "ao", "ap")


def training_sets() -> tuple[str, ...]:
    """Every authored set present (`eval_authored.SETS` in its order; a missing folder is told and skipped), less the
    sets not yet trained on (`NOT_YET_TRAINED`)."""
    from eval_authored import present_sets

    return tuple(which for which in present_sets() if which not in NOT_YET_TRAINED)


def dev_half_lines(sets: tuple[str, ...] | None = None) -> list[str]:
    """The labelled lines of every dev-half report of `sets` (None: `training_sets()`), as the sets' label files hold them."""
    from eval_authored import SETS, in_part, present_sets

    lines = []
    for which in present_sets(sets if sets is not None else training_sets()):
        with SETS[which][1].open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and in_part(json.loads(line)["doc_id"], "dev"):
                    lines.append(line.rstrip("\n"))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", required=True, type=Path, help="the labelled .jsonl to write")
    parser.add_argument("--sets", nargs="+", metavar="SET", help="which sets (default: every one present)")
    args = parser.parse_args()
    if args.sets is None:
        args.sets = list(training_sets())
    else:
        from eval_authored import present_sets

        if len(present_sets(args.sets)) < len(args.sets):
            parser.error("a set asked for is not there (see above)")
    lines = dev_half_lines(tuple(args.sets))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} units of the dev halves of sets {', '.join(args.sets)} → {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
