"""Write the authored sets' dev halves as one labelled file, for `govreport train` (docs/classifier.md, twelfth round).

The authored sets (tests/gold/AUTHORED.md; `benchmarks/eval_authored.py`'s `SETS`) were each written by their own
clean-room session. Their dev halves (odd reports) may be trained on; their held halves (even reports) are only
ever scored, and a model trained on a set's dev half scores that set's held half as a writer it has read: quote
leave-one-writer-out figures for it (`benchmarks/eval_writers.py --writers`). Every unit of a dev-half report is
written (headings and meta lines too), so that `govreport train` derives the paragraphs' context from their
headings as it does for ../shared's labels.

    PYTHONPATH=. python scripts/authored_dev_labels.py --output build/authored_dev.jsonl [--sets a b c e]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
#: The sets whose dev halves train; set f is kept as a writer the shipped model never read.
TRAINING_SETS = ("a", "b", "c", "e")


def dev_half_lines(sets: tuple[str, ...] = TRAINING_SETS) -> list[str]:
    """The labelled lines of every dev-half report of `sets`, as the sets' label files hold them."""
    from eval_authored import SETS, in_part

    lines = []
    for which in sets:
        with SETS[which][1].open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and in_part(json.loads(line)["doc_id"], "dev"):
                    lines.append(line.rstrip("\n"))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", required=True, type=Path, help="the labelled .jsonl to write")
    parser.add_argument("--sets", nargs="+", default=list(TRAINING_SETS), choices=TRAINING_SETS)
    args = parser.parse_args()
    lines = dev_half_lines(tuple(args.sets))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} units of the dev halves of sets {', '.join(args.sets)} → {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
