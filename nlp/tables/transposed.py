"""Table 三 printed transposed: the applicant types as rows, the request stages as columns.

The template prints table 三 with the stages as rows (本年新收…, 上年结转…, （一）予以公开 … （七）总计,
四、结转下年度继续办理) and the seven applicant columns. Some offices redraw it the other way round: a header row
(or two: 一、二、三、本年度办理结果、四 over the outcomes （一）…（七）) lists the stages, and each applicant row
(自然人, 商业企业 … 其他 — under 法人或其他组织 or not — and 总计) holds one figure per stage: 25 on the 2021
template, 23 on the 2019 one (its 其他处理 is one row) or on a 2021 table that kept that row.

The table is taken as transposed where at least two rows labelled with an applicant type hold more figures than a
template row can carry (`looks_transposed`). It is read only where one reading fits: the seven applicant rows each
once, every row as many figures as one form of the template has stages, and the order of the stages confirmed —
by the header, naming every stage in template order (the outcomes after 四 where the header has two rows), or,
where the header names no stage, by the table's own arithmetic (TABLES.md rules 1–3 on every column and stage).
Anything else (a row a figure short, a header in another order, numbers outside the applicant rows) leaves the
table out with a warning on each of its rows: never a guess. Cells read are as printed (`TRANSPOSED`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from nlp.tables.arithmetic import request_rules
from nlp.tables.digits import blocks_hold
from nlp.tables.placement import EXACT, MAX_EXTRA, POSITIONAL, place
from nlp.tables.schema import ITEM_START, REQUEST_COLUMNS, TableSpec, outcome_rows
from nlp.tables.tokens import EMPTY, TEXT, Line

#: `TableExtraction.placements` of a stage read from a transposed table: as printed (the checks may blame on it).
TRANSPOSED = "transposed"

#: An applicant row's label (compact): the type alone, after the spanning 法人或其他组织 (or a piece of it) where
#: the two-level label stands on the row's line.
_APPLICANT = re.compile(
    r"^(?:申请人情况)?(?:法人或者?其他组织|法人或者?|其他组织|法人)?"
    r"(?:(?P<natural_person>自然人)|(?P<commercial_enterprise>商业企业)|(?P<research_institution>科研机构)|"
    r"(?P<social_welfare_org>社会公益组织)|(?P<legal_service_org>法律服务机构)|(?P<other_org>其[他它])|(?P<total>总计|合计))$"
)
#: Figures past which a row is no template row of table 三 (`place` drops at most `MAX_EXTRA` surplus numbers).
_MORE_THAN_A_ROW = len(REQUEST_COLUMNS) + MAX_EXTRA
#: Rows labelled with an applicant type and holding more figures than a row can, that make the table transposed.
_ROWS_THAT_TELL = 2
#: Each column of table 三 is the sum of its six applicant columns (rule 1), read across a transposed table's rows.
_APPLICANT_BLOCK = ((0, len(REQUEST_COLUMNS)),)


@dataclass
class TransposedReading:
    """A transposed table 三: its cells (row, col, value, source line), or why it was left out."""

    cells: list[tuple[str, str, int | float | None, str]] = field(default_factory=list)
    #: Why the table was left out ("" where it was read), and the line to show with the warning.
    problem: str = ""
    line: str = ""
    #: Lines above the applicant rows whose numbers are none of the table's cells (a date under the title).
    unplaced: list[str] = field(default_factory=list)


def applicant_of(line: Line) -> str | None:
    """The applicant column a row's label names (`自然人`, `法人或其他组织商业企业`, `总计`), or None."""
    match = _APPLICANT.match(line.text)
    return next(key for key, value in match.groupdict().items() if value) if match else None


def _figures(line: Line) -> list:
    """A row's cells after its label: the label's spanned empty cells dropped; none where text follows a figure."""
    tokens = list(line.tokens)
    last_text = max((i for i, t in enumerate(tokens) if t.kind == TEXT), default=-1)
    cells = tokens[last_text + 1 :]
    if any(t.kind == TEXT for t in cells) or any(t.is_value for t in tokens[: last_text + 1]):
        return []
    while cells and cells[0].kind == EMPTY:
        cells.pop(0)
    return cells


def looks_transposed(lines: Sequence[Line]) -> bool:
    """Rows labelled with an applicant type hold more figures than any row of table 三 can."""
    telling = [line for line in lines if applicant_of(line) and len(line.values) > _MORE_THAN_A_ROW]
    return len(telling) >= _ROWS_THAT_TELL


def stage_orders(spec: TableSpec) -> list[tuple[str, ...]]:
    """The stages as a transposed table may print them: the template's rows, and for a 2021 table also with the 2019
    form's one-row 其他处理 (`TableSpec.variants`)."""
    orders = [spec.row_keys]
    orders += [spec.keys_as_printed({variant.key}) for variant in spec.variants]
    return list(dict.fromkeys(orders))


def _two_level(order: Sequence[str]) -> tuple[str, ...]:
    """The stages as a two-row header reads: 一、二、(三)、四 on the first row, the outcomes （一）…（七）总计 on the second."""
    outcomes = [*outcome_rows(order), "total_handled"]
    return (*(key for key in order if key not in outcomes), *outcomes)


def named_stages(spec: TableSpec, header: Sequence[Line]) -> list[str]:
    """The stages the header lines name, in reading order (strong words only), each once. A cell of several items
    (`（三）不予公开1.属于国家秘密`) is cut at its item numbers; a variant row (the one-row 其他处理) named in a header
    that names a row it stands for is that row's group label, not a stage."""
    named: list[str] = []
    table = spec.with_variants()
    for line in header:
        for piece in ITEM_START.split(line.text):
            hits = []
            for row in table.rows:
                found = row.strong_re.search(piece)
                if found:
                    hits.append((found.start(), row.key))
            named += [key for _, key in sorted(hits) if key not in named]
    replaced = {key for variant in spec.variants for key in variant.replaces if key in named}
    variants = {variant.key for variant in spec.variants if replaced & set(variant.replaces)}
    return [key for key in named if key not in variants]


def _arithmetic_holds(order: Sequence[str], columns: dict[str, tuple]) -> bool:
    """TABLES.md rules 1–3 on a reading (blank cells as 0): each stage's 总计 row the sum of its six applicants, and
    on each applicant's row the balance (一 + 二 = （七） + 四) and the outcomes adding up to （七）总计."""
    zero = {col: tuple(0 if v is None else v for v in values) for col, values in columns.items()}
    for index in range(len(order)):
        if blocks_hold(tuple(zero[col][index] for col in REQUEST_COLUMNS), _APPLICANT_BLOCK) is False:
            return False
    position = {key: i for i, key in enumerate(order)}
    for rule in request_rules(order):
        for values in zero.values():
            if abs(sum(coefficient * values[position[key]] for key, coefficient in rule.items())) > 1e-6:
                return False
    return True


def read_transposed(spec: TableSpec, lines: Sequence[Line]) -> TransposedReading | None:
    """Table 三's region `lines` read as a transposed table; None where it is not printed transposed."""
    if spec.key != "requests" or not looks_transposed(lines):
        return None
    first = next(i for i, line in enumerate(lines) if applicant_of(line) and line.values)
    header = [line for line in lines[:first] if not line.values]
    unplaced = [line.raw for line in lines[:first] if line.values]
    rows: dict[str, Line] = {}
    for line in lines[first:]:
        applicant = applicant_of(line)
        if not line.values:
            continue
        if applicant is None:
            return TransposedReading(problem="numbers outside the applicant rows", line=line.raw)
        if applicant in rows:
            return TransposedReading(problem=f"applicant row {applicant} printed twice", line=line.raw)
        rows[applicant] = line
    shown = lines[first].raw
    missing = [col for col in REQUEST_COLUMNS if col not in rows]
    if missing:
        return TransposedReading(problem=f"no row for applicant column {', '.join(missing)}", line=shown)
    named = named_stages(spec, header)
    fits: list[tuple[tuple[str, ...], dict[str, tuple]]] = []
    for order in stage_orders(spec):
        placements = {col: place(_figures(rows[col]), len(order)) for col in REQUEST_COLUMNS}
        if not all(p.ok and p.how in (EXACT, POSITIONAL) for p in placements.values()):
            continue
        columns = {col: p.values for col, p in placements.items() if p.values is not None}
        if named and named not in (list(order), list(_two_level(order))):
            continue
        if not named and not _arithmetic_holds(order, columns):
            continue
        fits.append((order, columns))
    if len(fits) != 1:
        counts = sorted({len(_figures(line)) for line in rows.values()})
        what = f"{len(fits)} readings fit" if fits else "no reading fits"
        stages = f"the header names {len(named)} stages" if named else "no header names the stages"
        return TransposedReading(
            problem=f"{what} (figures per applicant row: {', '.join(map(str, counts))}; {stages}"
            f"{'' if named else ' and the arithmetic does not confirm their order'})",
            line=shown,
        )
    order, columns = fits[0]
    reading = TransposedReading(unplaced=unplaced)
    for col in REQUEST_COLUMNS:
        reading.cells += [(key, col, value, rows[col].raw) for key, value in zip(order, columns[col], strict=True)]
    return reading

