"""CPU seconds of `parse_text` (normalising, joining lines, structure) for one or more code trees side by
side, alternating: on all the real texts of ../shared/corpus (`bench_vs_jieba.write_texts`: the 31 whole
reports and the raw page openings), and on the whole reports alone, which are pages saved element by
element (every number and inline element on a line of its own), where the line-joining rules work most.

Each figure is the best of 5 passes inside a child process (`time.process_time`), the median of
`--rounds` rounds is printed (see `trees.py`). Run it from outside the repository:

    cd /tmp && PYTHONPATH=/path/to/repo python /path/to/repo/benchmarks/bench_joins.py --code OLD_TREE --code NEW_TREE
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from trees import print_medians, run_trees, tree_arguments  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
import nlp
from nlp.structure import parse_text

texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(Path(sys.argv[1]).glob("*.txt"))}
element_pages = [text for doc_id, text in texts.items() if doc_id.startswith("putian_")]
for text in list(texts.values())[:5]:
    parse_text(text)  # OpenCC's dictionaries and the patterns load once
def best(batch, passes=5):
    fastest = float("inf")
    for _ in range(passes):
        started = time.process_time()
        for text in batch:
            parse_text(text)
        fastest = min(fastest, time.process_time() - started)
    return fastest
print(json.dumps({
    "nlp": str(Path(nlp.__file__).parent),
    "all texts": best(list(texts.values())),
    "whole reports (element pages)": best(element_pages),
}))
"""


def main() -> int:
    args = tree_arguments(__doc__.splitlines()[0])
    files, characters, runs = run_trees(CHILD, args.code, args.rounds, args.limit)
    print(f"{files} texts, {characters:,} characters; best of 5 passes in each round")
    print_medians(runs, ("all texts", "whole reports (element pages)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
