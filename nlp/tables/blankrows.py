"""Rows printed with every cell blank: read as blank cells where the layout shows them empty.

Many agencies print a zero as an empty cell, so a row of zeros is its label and nothing else. Read
line by line such a row holds no numbers, and without this step it ended as "label of row … ; its
numbers could not be read" (the extraction's fault), though the page is plain. The same line is also
what a row looks like whose numbers were lost (a converter that dropped them, a PDF whose numbers
stand on another line, a table cut short), so a label alone is read as blank only on plain evidence:

* *cells shown empty* (`EMPTY_CELLS`): the line keeps its cell separators (tabs, `|`, an HTML table
  read as tabs) and holds, after its label, at least as many empty cells as the row has columns.
  Whatever columns the label spans, every column of the row is empty on the page.
* *one row a line, blanks collapsed* (`COLLAPSED`): the line is the label alone, and the table is laid
  out one row a line — every group of its numbers stands on its own label's line and was given a row
  — and the rows printed right before and after it (in the template's order) were read that way too.
  Rows after the table's last row read are read so only where the next table's title or a section
  heading follows (nothing but labels and block headers between): a table cut short ends in the text's
  end or in prose, not in the next title. In a layout
  that prints numbers on a line of their own (below or above their labels), or where a group of
  numbers found no row, a label alone is no evidence and the row stays left out (warned).

Table 四 printed all blank (`blank_review_table`) has no row labels of its own in the template's layout:
its fifteen cells stand on one line under fifteen column heads, and a line of empty cells is whitespace,
dropped before the reader sees it. It is read blank where its headers are plain — each of the five
heads printed for each of the three blocks (行政复议, 未经复议直接起诉, 复议后起诉), no number anywhere in the
table — and after its last header line comes nothing but a line of empty cells (at least fifteen:
`BLANK_CELLS`) or, with that line gone, the table's end: a table's title or a section heading
(`BLANK_COLLAPSED`, a repair). Headers followed by prose or by the text's end are a table cut short.

Printed as three rows labelled with the blocks (`行政复议` / `未经复议直接起诉` / `复议后起诉`) under the five heads
printed once (`_labelled_blank_rows`), table 四 is read blank where each row shows its five empty cells
(`BLANK_CELLS`), or where the three labels stand alone, in order, and the table's end follows (`BLANK_COLLAPSED`).

Either way, where a group of the table's numbers found no row (or several), no row is read blank: those
numbers may be its own. Rows so read are all null (blank, counted 0 by the checks). Collapsed rows are marked
`BLANK_COLLAPSED` (`TableExtraction.how`): a finding over them is `uncertain` (the row's numbers might
have been lost), never the report's fault; rows with their empty cells shown are `BLANK_CELLS`, read as
printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp.tables.align import AMBIGUOUS, Decision
from nlp.tables.digits import MAX_PART_DIGITS
from nlp.tables.layout import DECODED, EMPTY, NUM, TEXT, Group, Line, Placement
from nlp.tables.regions import closes_table
from nlp.tables.schema import REVIEW_COLUMNS, REVIEW_ROWS, STRONG, TableSpec, match_rows

#: How a row read as blank was placed: its empty cells shown on its line, or collapsed (one row a line).
BLANK_CELLS, BLANK_COLLAPSED = "blank_cells", "blank_collapsed"


def _own_row(spec: TableSpec, line: Line) -> str | None:
    """The one row a line without numbers names strongly (its label, maybe after its group's), else None.
    A variant row named with one of the rows it replaces (`（六）其他处理 1.申请人…`: the group's label and
    the item's) is the item's row."""
    if line.values or line.prose or not line.text:
        return None
    strong = {row for row, strength in match_rows(spec, line.text).items() if strength == STRONG}
    for variant in spec.variants:
        if variant.key in strong and strong & set(variant.replaces):
            strong.discard(variant.key)
    return next(iter(strong)) if len(strong) == 1 else None


def _empty_after_label(line: Line) -> int:
    """Empty cells after the line's last text token (0 unless the line keeps its separators)."""
    if not line.separated:
        return 0
    last_text = max((i for i, t in enumerate(line.tokens) if t.kind == TEXT), default=-1)
    return sum(t.kind == EMPTY for t in line.tokens[last_text + 1 :])


def _one_row(decision: Decision, spec: TableSpec, order: dict[str, int]) -> bool:
    """A group printed as one row on its label's line: given a row, no more numbers than the row has columns
    (surplus numbers may be a blank-looking row's, run on), no digit run that may hold several rows' cells."""
    group, row = decision.group, decision.row
    if not group.inline or row not in order:
        return False
    # a number of more digits than a cell has, or starting with 0, is cells glued together (`0000000`)
    digits = [re.sub(r"[^\d.]", "", t.raw).split(".")[0] for t in group.values if t.kind == NUM]
    digits_ok = all(len(d) <= MAX_PART_DIGITS and not (len(d) > 1 and d[0] == "0") for d in digits)
    placement = decision.placement
    return digits_ok and len(group.values) <= len(spec.row(row).columns) and not (placement is not None and placement.how == DECODED)


def shows_empty_cells(line: Line) -> bool:
    """A label followed by empty cells on a line that keeps its separators: a row printed blank, maybe."""
    return _empty_after_label(line) > 0 and any(t.kind == TEXT for t in line.tokens)


def blank_rows(spec: TableSpec, lines: Sequence[Line], decisions: Sequence[Decision], following: Line | None = None) -> list[Decision]:
    """Decisions for the rows of `spec` printed all blank (see the module's doc); `lines` and `decisions` are
    the table's, `following` the line after its last one (None at the text's end)."""
    taken = {d.row for d in decisions if d.row not in (None, AMBIGUOUS)}
    # the 2019 form's one-row （六）其他处理 in a 2021 table (`TableSpec.variants`): the forms exclude each other
    spec = spec.with_variants()
    excluded = {v.key for v in spec.variants if taken & set(v.replaces)}
    excluded |= {r for v in spec.variants if v.key in taken for r in v.replaces}
    order = {row: i for i, row in enumerate(spec.row_keys)}
    # one row a line: every group with numbers stands on its label's line, was given a row, and holds no
    # more numbers than its row has columns (surplus numbers may be a blank-looking row's own, run on)
    numbered = [d for d in decisions if d.group.values]
    if any(d.row in (None, AMBIGUOUS) for d in numbered):
        return []  # numbers no row took may be a blank-looking row's own (a label over stacked cells)
    one_row_a_line = bool(numbered) and all(_one_row(d, spec, order) for d in numbered)
    by_line = {i: d for d in numbered if d.row in order for i in d.group.lines}
    found: list[Decision] = []
    for position, line in enumerate(lines):
        row = _own_row(spec, line)
        if row is None or row in taken or row in excluded or row not in order:
            continue
        width = len(spec.row(row).columns)
        if _empty_after_label(line) >= width:
            how, detail = BLANK_CELLS, f"every cell printed blank ({width} empty cells after the label)"
        elif one_row_a_line and not line.separated and _neighbours_read(order[row], position, [*lines, *([following] if following else [])], by_line, order):
            how, detail = BLANK_COLLAPSED, "the label alone on its line between rows read on theirs: every cell printed blank"
        else:
            continue
        group = Group([], inline=line.text, lines=[line.index], source=[line.raw])
        found.append(Decision(group, row, placement=Placement((None,) * width, how, detail)))
        taken.add(row)
        variant = next((v for v in spec.variants if v.key == row), None)
        excluded |= set(variant.replaces) if variant else {v.key for v in spec.variants if row in v.replaces}
    return found


def _neighbours_read(rank: int, position: int, lines: Sequence[Line], by_line: dict[int, Decision], order: dict[str, int]) -> bool:
    """The nearest rows read before and after the label's line come before and after it in the template
    (no numbers in between that could be its own); after the table's last row read, a table's title or a
    section heading follows (the labels between are blank rows too, or block headers)."""
    before = next((by_line[line.index] for line in reversed(lines[:position]) if line.index in by_line), None)
    after = next((by_line[line.index] for line in lines[position + 1 :] if line.index in by_line), None)
    if before is not None and order[before.row] >= rank:  # type: ignore[index]
        return False
    if after is None:  # no row read after it: a table's title or a section heading must close the table
        return any(closes_table(line) for line in lines[position + 1 :])
    return order[after.row] > rank  # type: ignore[index]


#: Table 四's five column heads (the printed words, compact) and the words naming its three blocks.
_REVIEW_HEADS = tuple(re.compile(p) for p in (r"(?:结果)?维持", r"(?:结果)?纠正", r"其[他它]结果", r"未审结", r"总计|合计"))
_REVIEW_BLOCKS = tuple(re.compile(p) for p in (r"行政复议", r"未经复议|直接起诉", r"复议后"))


def _is_review_header(line: Line) -> bool:
    return not line.values and not line.prose and any(head.search(line.text) for head in _REVIEW_HEADS)


def blank_review_table(lines: Sequence[Line], following: Line | None) -> list[Decision]:
    """Decisions for table 四 printed all blank (see the module's doc), or none; `lines` are the table's
    body, `following` the line after it (None at the text's end)."""
    if not lines or any(line.values for line in lines):
        return []
    last_head = max((i for i, line in enumerate(lines) if _is_review_header(line)), default=None)
    if last_head is None:
        return []
    heads = "".join(line.text for line in lines[: last_head + 1] if _is_review_header(line))
    rest = lines[last_head + 1 :]
    if any(line.text for line in rest):
        # text after the headers: the three blocks as labelled rows, or notes — not the template's one line of cells
        return _labelled_blank_rows(heads, rest, following)
    # fifteen column heads: each head once for each of the three blocks, and the three blocks named
    if any(len(head.findall(heads)) < len(REVIEW_ROWS) for head in _REVIEW_HEADS):
        return []
    if not all(block.search("".join(line.text for line in lines)) for block in _REVIEW_BLOCKS):
        return []
    width = len(REVIEW_ROWS) * len(REVIEW_COLUMNS)
    shown = next((line for line in rest if _empty_after_label(line) >= width), None)
    if shown is not None:
        how, detail, where = BLANK_CELLS, f"every cell printed blank ({width} empty cells under the headers)", shown
    elif following is not None and closes_table(following):
        how, detail, where = BLANK_COLLAPSED, "the headers alone, then the table's end: every cell printed blank", lines[last_head]
    else:
        return []  # headers, then prose or the text's end: the cells may have been lost
    group = Group([], inline="", lines=[where.index], source=[where.raw])
    empty = (None,) * len(REVIEW_COLUMNS)
    return [Decision(group, row, placement=Placement(empty, how, detail)) for row in REVIEW_ROWS]


#: Table 四's three blocks as the labels of rows of their own (`行政复议`, `行政诉讼（未经复议直接起诉）`, `复议后起诉`), in order.
_BLOCK_LABELS = tuple(
    re.compile(p) for p in (r"^行政复议$", r"^(?:行政诉讼)?[（(]?未经复议(?:直接)?起诉[)）]?$", r"^(?:行政诉讼)?[（(]?(?:经)?复议后(?:再)?起诉[)）]?$")
)


def _labelled_blank_rows(heads: str, rest: Sequence[Line], following: Line | None) -> list[Decision]:
    """Table 四 printed blank as three labelled rows under its five column heads (each head printed once or more):
    the rows after the headers are the three blocks' labels, in order, and nothing else. Each row shows its five
    empty cells (`BLANK_CELLS`), or all three are their labels alone and a table's title or a section heading
    follows (`BLANK_COLLAPSED`: blanks collapsed). Anything else (a label missing, a note, prose or the text's end
    after the labels alone) is no plain evidence: nothing is read."""
    if any(not head.search(heads) for head in _REVIEW_HEADS):
        return []
    labelled = [line for line in rest if line.text]
    if len(labelled) != len(_BLOCK_LABELS) or not all(label.match(line.text) for label, line in zip(_BLOCK_LABELS, labelled, strict=True)):
        return []
    width = len(REVIEW_COLUMNS)
    if all(_empty_after_label(line) >= width for line in labelled):
        how, detail = BLANK_CELLS, f"every cell printed blank ({width} empty cells after each block's label)"
    elif not any(_empty_after_label(line) for line in labelled) and following is not None and closes_table(following):
        how, detail = BLANK_COLLAPSED, "the three blocks' labels alone under the headers, then the table's end: every cell printed blank"
    else:
        return []
    empty = (None,) * width
    return [
        Decision(Group([], inline=line.text, lines=[line.index], source=[line.raw]), row, placement=Placement(empty, how, detail))
        for row, line in zip(REVIEW_ROWS, labelled, strict=True)
    ]
