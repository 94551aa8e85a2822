"""What the text around a group of numbers says about its row: points for each row its words name.

The row's words on the numbers' own line count most (`INLINE`), then the loose lines before them
(`BEFORE`, the nearest label most), a bare item number (`ITEM`); `PLACED` is added by the aligner
where the numbers fill the row's columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.tables.layout import Group
from nlp.tables.schema import STRONG, TableSpec, match_rows

INLINE = {STRONG: 6, 1: 3}
BEFORE = {STRONG: 4, 1: 2}
ITEM = 1
PLACED = 2


def _before_evidence(table: TableSpec, lines: Sequence[str]) -> dict[str, int]:
    """Points for rows named in the loose lines before a group, nearest line first.

    In one-cell-per-line layouts the label is the line just above the numbers; labels further up
    (a block's earlier rows whose numbers were lost) count one point less.
    """
    points: dict[str, int] = {}
    named_nearer = False
    for i in range(len(lines) - 1, -1, -1):
        found = match_rows(table, lines[i])
        if i > 0:  # a label wrapped onto two lines
            whole_before = match_rows(table, lines[i - 1])
            for row, strength in match_rows(table, lines[i - 1] + lines[i]).items():
                if row not in whole_before:  # the previous line's own label (a row left blank) is not wrapped
                    found[row] = max(found.get(row, 0), strength)
        for row, strength in found.items():
            weight = BEFORE[strength] - (1 if named_nearer else 0)
            points[row] = max(points.get(row, 0), weight)
        # an item label naming no row (`2.其他法律行政止公开`, garbled) is still a row's label,
        # weak evidence for the rows of its number; labels above it are another row's
        item = _ITEM_LABEL.match(lines[i]) if not found else None
        if item and not named_nearer:
            for spec in table.rows:
                if spec.item == int(item.group(1)):
                    points[spec.key] = max(points.get(spec.key, 0), ITEM)
        named_nearer = named_nearer or bool(found) or bool(item)
    for row, strength in match_rows(table, "".join(lines)).items() if len(lines) > 2 else ():
        points.setdefault(row, BEFORE[strength] - 1)
    return points


_ITEM_LABEL = re.compile(r"^([1-9])\.[^\d]")
_LEADING_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+\.|\([一二三四五六七八九十]\))?[^\d]{0,2}?(\d)\.")


@dataclass
class Evidence:
    scores: dict[str, int]
    #: Its own line names rows: only those rows are allowed.
    labelled: bool

    def allowed(self, row: str, placeable: bool) -> bool:
        """Rows a group may take: those its own line names; else any row its numbers fill, or a
        row named strongly in the text around it (a labelled row whose numbers are broken)."""
        if self.labelled:
            return row in self.scores
        return placeable or self.scores.get(row, 0) >= BEFORE[STRONG]


def gather_evidence(table: TableSpec, group: Group, label_after: bool = False) -> Evidence:
    """What the text around `group` says about its row; with `label_after`, the loose label just
    after it counts too (weaker than any label before it), see `nlp.tables.align`."""
    inline = match_rows(table, group.inline) if group.inline else {}
    if STRONG in inline.values():  # a label that names its row outright is not also a neighbour's
        inline = {row: s for row, s in inline.items() if s == STRONG}
    scores: dict[str, int] = {row: INLINE[s] for row, s in inline.items()}
    before = _before_evidence(table, group.before)
    if group.inline and set(inline) <= table.variant_keys:
        # A label cut short on the numbers' line (`4. 无正`) may end on the next line; so may an item's label
        # after its group's name (`（六）其他处理 1.申请人无` / `正当理由逾期不补正…`), which alone names only the
        # 2019 form's one-row （六）其他处理.
        for row, strength in match_rows(table, group.inline + "".join(group.after[:1])).items():
            before[row] = max(before.get(row, 0), BEFORE[strength])
    for row, points in before.items():
        scores[row] = scores.get(row, 0) + points
    if label_after:
        for row, strength in match_rows(table, group.after[0]).items():
            scores[row] = max(scores.get(row, 0), BEFORE[strength])
    if not inline and group.inline:
        item = _LEADING_ITEM.match(group.inline)
        if item:
            for spec in table.rows:
                if spec.item == int(item.group(1)):
                    scores[spec.key] = scores.get(spec.key, 0) + ITEM
    return Evidence(scores, labelled=bool(inline))
