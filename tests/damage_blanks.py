"""Zeros printed as empty cells, the cells kept: whole rows, whole columns or a whole table blank.

Many agencies print a zero as an empty cell. Unlike `tests/damage_zeros.py` (the empty cells then
dropped by a crawl), here the table keeps its shape: the report is written from its gold cells with the
templates' layout (`tests/table_layouts.py`), the chosen zeros made empty, and laid out

* `tabs`: one printed row a line, cells parted by tabs, the empty ones kept (`规章\\t\\t\\t`);
* `collapsed`: one printed row a line, the empty cells dropped and the rest parted by a space
  (a row all blank is its label alone);
* `html`: an HTML page whose tables have empty `<td>`s (read through the HTML reader);
* `tabs_review_rows`, `collapsed_review_rows`: as `tabs` and `collapsed`, table 四 printed as three labelled rows
  under its five heads (`tests.table_layouts.review_rows_layout`) instead of one row of fifteen.

Scopes (`SCOPES`): `rows` blanks every zero of the rows that are all zero; `columns` every zero of the
columns that are zero in every row of their table; `table` every zero of every table. `blanked_gold`
gives the gold as the damaged page prints it: a blanked cell is null (blank), so a reader must give it
back as null, never as a figure and never as a zero it did not see.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.table_layouts import Layout, report_parts, review_rows_layout, write_html_layout

SCOPES = ("rows", "columns", "table")
BLANK = ""  # the value `tests.table_layouts._number` prints as an empty cell


def blanked_cells(gold: dict, scope: str) -> set[tuple[str, str, str]]:
    """The (table, row, col) of the zero cells `scope` makes empty."""
    if scope == "none":  # the layout alone, for comparison
        return set()
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    zeros = {(c["table"], c["row"], c["col"]) for c in gold["cells"] if c["value"] == 0}
    if scope == "table":
        return zeros
    cells = [(c["table"], c["row"], c["col"]) for c in gold["cells"]]
    if scope == "rows":
        rows = {key[:2] for key in cells}
        whole = {row for row in rows if all(key in zeros for key in cells if key[:2] == row)}
        return {key for key in zeros if key[:2] in whole}
    columns = {(t, c) for t, _, c in cells}
    whole = {col for col in columns if all(key in zeros for key in cells if (key[0], key[2]) == col)}
    return {key for key in zeros if (key[0], key[2]) in whole}


def blanked_gold(gold: dict, scope: str) -> dict:
    """The gold with the blanked cells null: what the damaged page prints."""
    blank = blanked_cells(gold, scope)
    return {**gold, "cells": [{**c, "value": None} if (c["table"], c["row"], c["col"]) in blank else c for c in gold["cells"]]}


def _printing(gold: dict, scope: str) -> dict:
    """The gold the layout writers print: blanked cells as an empty string (a null would print `—`)."""
    blank = blanked_cells(gold, scope)
    return {**gold, "cells": [{**c, "value": BLANK} if (c["table"], c["row"], c["col"]) in blank else c for c in gold["cells"]]}


def _text(gold: dict, keep_empty: bool, review_rows: bool = False) -> str:
    lines: list[str] = []
    for part in report_parts(gold):
        if isinstance(part, str):
            lines.append(part)
            continue
        if review_rows and part[0][0].text == "行政复议":  # table 四: printed as three labelled rows instead
            part = review_rows_layout(gold)
        lines += [_row(row, keep_empty) for row in part]
    return "\n".join(line for line in lines if line.strip())


def _row(row: list, keep_empty: bool) -> str:
    texts = [cell.text for cell in row]
    if keep_empty:
        return "\t".join(texts)
    return " ".join(text for text in texts if text)


def blank_text(gold: dict, scope: str, layout: str) -> str:
    """The report as text, its `scope` zeros empty, in the `tabs` or `collapsed` layout; `…_review_rows`: with
    table 四 printed as three labelled rows (`tests.table_layouts.review_rows_layout`)."""
    kind, _, review = layout.partition("_")
    if kind not in ("tabs", "collapsed") or review not in ("", "review_rows"):
        raise ValueError(f"unknown text layout {layout!r}")
    return _text(_printing(gold, scope), keep_empty=kind == "tabs", review_rows=bool(review))


def blank_html(gold: dict, scope: str, path: Path) -> Path:
    """The report as an HTML page, its `scope` zeros empty `<td>`s."""
    return write_html_layout(_printing(gold, scope), path)


def _layouts_of(gold: dict) -> list[Layout]:
    return [part for part in report_parts(gold) if not isinstance(part, str)]


#: The text layouts by name (the HTML one needs a path: `blank_html`).
TEXT_LAYOUTS: dict[str, Callable[[dict, str], str]] = {
    "tabs": lambda gold, scope: blank_text(gold, scope, "tabs"),
    "collapsed": lambda gold, scope: blank_text(gold, scope, "collapsed"),
    "tabs_review_rows": lambda gold, scope: blank_text(gold, scope, "tabs_review_rows"),
    "collapsed_review_rows": lambda gold, scope: blank_text(gold, scope, "collapsed_review_rows"),
}
