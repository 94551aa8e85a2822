"""Tables as attachments after the sign-off (`tests/damage_attachments.py`): the reports with gold cells of ../shared,
each table moved to the report's end under `附件N` and its title (three wordings), read again.

Per wording: reports changed, reports losing a section their undamaged text gives, and the gold cells' outcomes
(right, left out with a warning naming the row, left out silently, wrong, invented: `tests.table_layouts.cell_outcomes`).
Development figures (the shared gold's reports were read while the rules were written).

Run: python benchmarks/eval_attachments.py
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def main() -> int:
    from eval_tables_wild import SHARED, load_gold, source

    if not SHARED.exists():
        print(f"skipped: {SHARED} not found")
        return 0
    import nlp
    from tests.damage_attachments import ATTACHMENT_TITLES, tables_as_attachments
    from tests.table_layouts import report_cell_outcomes

    print("| attachment line | reports changed | losing a section | cells: right, warned, silent, wrong, invented |")
    print("|---|---:|---:|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name, titled in ATTACHMENT_TITLES.items():
            total: Counter = Counter()
            changed = lost = 0
            for doc_id, gold in sorted(load_gold().items()):
                text = nlp.read_text(source(doc_id))
                damaged = tables_as_attachments(text, titled)
                changed += damaged != text
                path = Path(folder) / f"{doc_id}.txt"
                path.write_text(damaged, encoding="utf-8")
                report = nlp.read_report(path)
                lost += not set(nlp.parse_text(text).section_keys) <= set(report.section_keys)
                counts, _ = report_cell_outcomes(gold, report)
                total.update(counts)
            scored = sum(total[o] for o in ("right", "warned", "silent", "wrong"))
            shown = "附件" + titled.format(n=1, title="…").replace(chr(10), " / ")
            print(f"| {name} (`{shown}`) | {changed} | {lost} | {total['right']}/{scored}, {total['warned']}, {total['silent']}, {total['wrong']}, {total['invented']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
