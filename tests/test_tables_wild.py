"""Tables as found in the wild, made from reports written here: PDF rows whose numbers stand above
their wrapped label, and 2021 tables that keep the 2019 form's one-row （六）其他处理.

Each kind of damage is applied to every row it can hit, in both wordings; the property that
matters most holds throughout: a cell is right or left out, never wrong.
"""

from __future__ import annotations

import random

import pytest
from table_samples import REQUEST_LABELS, random_values, render_report

from nlp.tables.extract import read_tables
from nlp.tables.schema import REQUEST_COLUMNS, get_template


def cells_of(extraction) -> dict:
    return {(c.table, c.row, c.col): c.value for c in extraction.cells}


def _pdf_lines(template: str, seed: int, wording: int) -> tuple[dict, list[str]]:
    truth = random_values(template, seed)
    text = render_report(template, truth, "tab", wording)
    # a PDF's text: cells separated by single spaces, the group label and the item on one line
    return truth, [line.replace("\t", " ") for line in text.split("\n")]


def _numbers_above(lines: list[str], index: int) -> list[str]:
    """Row `index` printed with its numbers on the line above its label (a label wrapped in a PDF
    cell, the numbers centred on it)."""
    words = lines[index].split(" ")
    numbers = [w for w in words if w.replace(".", "").isdigit()]
    label = " ".join(w for w in words if w not in numbers or not w.replace(".", "").isdigit())
    return [*lines[:index], " ".join(numbers), label, *lines[index + 1 :]]


def _request_row_lines(lines: list[str], template: str, wording: int) -> dict[str, int]:
    """Line index of each row of table 三 (rows whose label line carries its numbers)."""
    spec = get_template(template).table("requests")
    start = next(i for i, line in enumerate(lines) if line.startswith("三、收到和处理"))
    found = {}
    for row in spec.row_keys:
        label = REQUEST_LABELS[row][wording].replace("\t", " ")
        for i in range(start, len(lines)):
            if lines[i].startswith(label) and any(ch.isdigit() for ch in lines[i][len(label) :]):
                found[row] = i
                break
    return found


@pytest.mark.parametrize("wording", [0, 1])
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_numbers_printed_above_their_label_are_read(template, wording):
    """Any one row of table 三 (but the first) with its numbers above its label: every cell right."""
    truth, lines = _pdf_lines(template, 11 + wording, wording)
    rows = _request_row_lines(lines, template, wording)
    spec = get_template(template).table("requests")
    tried = 0
    for row in spec.row_keys[1:]:
        if row not in rows:
            continue
        following = spec.row_keys[spec.position(row) + 1] if spec.position(row) + 1 < len(spec.row_keys) else None
        if following is None or following not in rows:
            continue  # the next row must carry its own label for the label above to be free
        damaged = _numbers_above(lines, rows[row])
        got = cells_of(read_tables(damaged))
        assert got == truth, (row, sorted((k, truth.get(k), v) for k, v in got.items() if truth.get(k) != v)[:5])
        tried += 1
    assert tried >= 15


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_runs_of_rows_with_numbers_above_their_labels_are_never_wrong(template):
    """Two to four consecutive rows so printed: read from the end, cells right or left out."""
    kept = total = 0
    for trial in range(30):
        rng = random.Random(trial)
        wording = rng.randint(0, 1)
        truth, lines = _pdf_lines(template, 40 + trial, wording)
        rows = _request_row_lines(lines, template, wording)
        spec = get_template(template).table("requests")
        keys = [k for k in spec.row_keys if k in rows]
        first = rng.randrange(1, len(keys) - 5)
        for row in sorted(keys[first : first + rng.randint(2, 4)], key=lambda k: -rows[k]):
            lines = _numbers_above(lines, rows[row])
        got = cells_of(read_tables(lines))
        wrong = {k: (truth.get(k), v) for k, v in got.items() if truth.get(k) != v}
        assert not wrong, (trial, list(wrong.items())[:5])
        kept += len(got)
        total += len(truth)
    assert kept / total > 0.95


def _one_row_other_handling(truth: dict, wording: int) -> tuple[dict, str]:
    """A 2021 table whose （六） is the 2019 form's single row; the truth to match."""
    other_rows = ("other_overdue_correction", "other_unpaid_fee", "other_misc")
    text = render_report("2021", truth, "tab", wording)
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if "其他处理" in line or "其它处理" in line)
    sums = [sum(truth[("requests", r, c)] for r in other_rows) for c in REQUEST_COLUMNS]
    lines[first : first + 3] = ["（六）其他处理\t" + "\t".join(map(str, sums))]
    expected = {k: v for k, v in truth.items() if k[1] not in other_rows}
    expected.update({("requests", "other_handling", c): s for c, s in zip(REQUEST_COLUMNS, sums, strict=True)})
    return expected, "\n".join(lines)


@pytest.mark.parametrize("seed", range(6))
def test_a_2021_table_with_the_2019_one_row_other_handling(seed):
    expected, text = _one_row_other_handling(random_values("2021", 70 + seed), seed % 2)
    extraction = read_tables(text)
    assert extraction.template == "2021"
    assert cells_of(extraction) == expected


def test_the_one_row_form_is_not_read_where_the_2021_rows_are_named():
    """`（六）其他处理` over a 2021 row whose own label was lost is that row, not the 2019 form."""
    truth = random_values("2021", 5)
    lines = render_report("2021", truth, "docx").split("\n")
    index = next(i for i, line in enumerate(lines) if "逾期不补正" in line)
    del lines[index]
    got = cells_of(read_tables(lines))
    assert not any(k[1] == "other_handling" for k in got)
    assert all(truth[k] == v for k, v in got.items())
