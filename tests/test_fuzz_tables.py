"""Property-based tests of the table extractor: random valid tables, and reports mutated around them.

Hypothesis draws the numbers (consistent with the templates' arithmetic), the template, the layout,
the wording of every row, the year and the narrative around the tables; the printing itself is
`tests/table_samples.py`'s. Properties:

* a valid report gives back exactly the cells planted: every one, with its value, and no other;
* a mutated report (truncated, lines shuffled, random unicode, a huge line, random numbers in rows,
  other encodings through `read_bytes`, corrupted bytes) never raises anything but the package's
  documented errors (`nlp.errors`), and the rows the mutation left intact are still read exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pytest
from hypothesis import (
    HealthCheck,
    currently_in_test_context,
    example,
    given,
    note,
    settings,
    strategies as st,
)
from table_samples import ACTIVE_BLOCKS, LAYOUTS, Values, _cell, _render_rows, random_values, table_rows
from test_fuzz_parse import REPORT_ALPHABET

from nlp.errors import GovReportError
from nlp.read import read_bytes
from nlp.structure import parse_text
from nlp.tables import check_report, read_tables
from nlp.tables.extract import TableExtraction
from nlp.tables.schema import REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS, get_template

Key = tuple[str, str, str]

#: Deterministic (CI reruns the same examples) and database-free; modest sizes keep the file fast.
FUZZ = settings(
    max_examples=50, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
#: Section (0: the title, 1–6: under HEADINGS) → the table printed in it.
TABLE_SECTIONS = {2: "active", 3: "requests", 4: "review_litigation"}
#: Narrative written for these tests, with numbers a careless reader could take for cells.
NARRATIVE = (
    "本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作，全年主动公开政府信息312条。",
    "全年共收到政府信息公开申请45件，上年结转3件，均已在法定期限内答复。",
    "本年度发生政府信息公开行政复议2起、行政诉讼1起，均未被纠错。",
    "2023年全年召开政务公开专题会议4次，组织业务培训6场，培训人员120人次。",
    "一是公开内容还不够全面，二是解读形式较为单一。下一步将加强培训，提升公开质量和工作水平。",
    "本年度未收取信息处理费，无其他需要报告的事项。",
    "门户网站发布规章2件、规范性文件17件，办理行政许可事项3600余件。",
)
#: Short lines agencies print between a table's title and the table.
INTROS = ("具体情况见下表：", "（单位：件）", "单位：件、万元")

COUNT = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 99_999))
SMALL = st.one_of(st.just(0), st.integers(1, 40), st.integers(41, 3000))


# --------------------------------------------------------------------------------------------
# Planted reports
# --------------------------------------------------------------------------------------------


@st.composite
def planted_values(draw: st.DrawFn, template: str) -> Values:
    """The three tables, every cell drawn, consistent with the template's arithmetic (TABLES.md)."""
    spec = get_template(template)
    values: Values = {}
    blanks = draw(st.booleans())
    for row in spec.table("active").rows:  # no arithmetic: any count, decimal amounts, blanks
        for col in row.columns:
            if col == "amount":
                cell = st.one_of(st.just(0), st.integers(0, 10**8).map(lambda cents: cents / 100))
            elif col == "change":
                cell = st.integers(-500, 500)
            else:
                cell = COUNT
            values[("active", row.key, col)] = draw(st.one_of(cell, st.none()) if blanks else cell)
    rows = spec.table("requests").row_keys
    outcomes = rows[rows.index("granted") : rows.index("total_handled")]
    applicants = REQUEST_COLUMNS[:-1]
    for col in applicants:
        handled = 0
        for row in outcomes:
            values[("requests", row, col)] = value = draw(SMALL)
            handled += value
        forward = draw(SMALL)
        over = draw(st.integers(0, handled + forward))
        values[("requests", "total_handled", col)] = handled
        values[("requests", "carried_forward", col)] = forward
        values[("requests", "carried_over", col)] = over
        values[("requests", "new_received", col)] = handled + forward - over
    for row in rows:
        values[("requests", row, "total")] = sum(values[("requests", row, c)] for c in applicants)  # type: ignore[misc]
    for row in REVIEW_ROWS:
        parts = [draw(SMALL) for _ in REVIEW_COLUMNS[:-1]]
        for col, value in zip(REVIEW_COLUMNS, [*parts, sum(parts)], strict=True):
            values[("review_litigation", row, col)] = value
    return values


@dataclass
class Row:
    """One printed row of a table: its label, its printed cells, and the cells they are."""

    table: str
    label: str
    cells: list[str]
    keys: tuple[Key, ...] = ()


@dataclass
class Rendered:
    lines: list[str]
    #: (row, first line, end line) of every row that carries cells.
    spans: list[tuple[Row, int, int]]
    #: (first line, end line) of the title (index 0) and of each section (1–6).
    sections: list[tuple[int, int]]

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def section_of(self, line: int) -> int:
        return next(i for i, (start, end) in enumerate(self.sections) if start <= line < end)


@dataclass
class Planted:
    template: str
    layout: str
    truth: Values
    #: The title, then each section: its heading, narrative lines and table rows, in reading order.
    sections: list[list[str | Row]] = field(default_factory=list)

    def render(self) -> Rendered:
        """The report's lines, with where each row and section is (noted for hypothesis' report)."""
        lines: list[str] = []
        spans: list[tuple[Row, int, int]] = []
        bounds: list[tuple[int, int]] = []
        for section in self.sections:
            start = len(lines)
            for part in section:
                if isinstance(part, str):
                    lines.append(part)
                    continue
                first = len(lines)
                lines.extend(_render_rows([(part.label, part.cells)], self.layout))
                if part.keys:
                    spans.append((part, first, len(lines)))
            bounds.append((start, len(lines)))
        rendered = Rendered(lines, spans, bounds)
        if currently_in_test_context():
            note(f"planted report ({self.template}, {self.layout}):\n{rendered.text}")
        return rendered

    def rows(self) -> list[Row]:
        return [p for section in self.sections for p in section if isinstance(p, Row) and p.keys]


def _printed_rows(template: str, values: Values, wordings: list[int]) -> dict[str, list[Row]]:
    """The rows of `table_samples.table_rows`, each in the wording drawn for it, with their keys."""
    spec = get_template(template)
    keys_in_order = {
        "active": [k for _, _, keys in ACTIVE_BLOCKS[template] for k in keys],
        "requests": list(spec.table("requests").row_keys),
        "review_litigation": [REVIEW_ROWS],
    }
    by_wording = [table_rows(template, values, w) for w in (0, 1)]
    out: dict[str, list[Row]] = {}
    counter = 0
    for table, rows in by_wording[0].items():
        data_rows = iter(keys_in_order[table])
        out[table] = []
        for i, (label, cells) in enumerate(rows):
            label = by_wording[wordings[counter % len(wordings)]][table][i][0]
            counter += 1
            if not cells:
                out[table].append(Row(table, label, cells))
                continue
            row_keys = next(data_rows)
            names = row_keys if isinstance(row_keys, tuple) else (row_keys,)
            keys = tuple((table, name, col) for name in names for col in spec.table(table).row(name).columns)
            out[table].append(Row(table, label, cells, keys))
    return out


def build_report(
    template: str, values: Values, layout: str, wordings: list[int] = [0], year: int = 2022, texts: dict[int, list[str]] | None = None  # noqa: B006
) -> Planted:
    """A report with the six section headings, `texts[i]` under heading i, and the tables."""
    rows = _printed_rows(template, values, wordings)
    texts = texts or {}
    sections: list[list[str | Row]] = [[f"示例县示例局{year}年政府信息公开工作年度报告"]]
    for i, heading in enumerate(HEADINGS, start=1):
        section: list[str | Row] = [heading, *texts.get(i, [])]
        if i in TABLE_SECTIONS:
            section += rows[TABLE_SECTIONS[i]]
        elif not section[1:]:
            section.append(NARRATIVE[4] if i == 5 else NARRATIVE[0])
        sections.append(section)
    return Planted(template, layout, values, sections)


@st.composite
def planted_reports(draw: st.DrawFn) -> Planted:
    template = draw(st.sampled_from(["2019", "2021"]))
    texts = {
        i: draw(st.lists(st.sampled_from(NARRATIVE), max_size=2)) + (draw(st.lists(st.sampled_from(INTROS), max_size=1)) if i in TABLE_SECTIONS else [])
        for i in range(1, len(HEADINGS) + 1)
    }
    return build_report(
        template,
        draw(planted_values(template)),
        draw(st.sampled_from(LAYOUTS)),
        draw(st.lists(st.integers(0, 1), min_size=1, max_size=60)),
        draw(st.integers(2019, 2025)),
        texts,
    )


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------


def cells_of(extraction: TableExtraction) -> dict[Key, int | float | None]:
    return {(c.table, c.row, c.col): c.value for c in extraction.cells}


def assert_rows_found(extraction: TableExtraction, expected: Values, allowed: set[Key] | frozenset[Key] = frozenset()) -> None:
    """Every expected cell is there with its value; any other cell is one of `allowed` (rows a
    mutation damaged, which may be read or left out): nothing is invented."""
    got = cells_of(extraction)
    missing = {k: (v, got.get(k, "absent")) for k, v in expected.items() if k not in got or got[k] != v}
    invented = {k: v for k, v in got.items() if k not in expected and k not in allowed}
    warnings = [w.to_dict() for w in extraction.warnings][:3]
    assert not missing, f"planted cells lost or changed (planted, got): {list(missing.items())[:5]}; warnings {warnings}"
    assert not invented, f"cells that were not planted: {list(invented.items())[:5]}"


def read_checked(text: str) -> TableExtraction | None:
    """`read_tables` and `check_report` on a text: a result, or None after a documented error."""
    try:
        report = parse_text(text, doc_id="fuzz")
        extraction = read_tables(report)
        findings = check_report(report, extraction)
    except GovReportError:
        return None
    assert all(f.status in ("pass", "fail", "uncertain", "not_assessable") for f in findings)
    return extraction


def truth_of(rows: list[Row], truth: Values) -> Values:
    return {k: truth[k] for row in rows for k in row.keys}


# --------------------------------------------------------------------------------------------
# 1. Valid tables
# --------------------------------------------------------------------------------------------


@FUZZ
@given(planted_reports(), st.sampled_from(["text", "report", "lines"]))
# a sentence naming a later section under a table's title ended the table before its rows
@example(build_report("2019", random_values("2019", 2), "tab", texts={4: [NARRATIVE[5]]}), "text")
def test_planted_tables_are_read_exactly(planted, given_as):
    rendered = planted.render()
    source = {"text": rendered.text, "report": parse_text(rendered.text, doc_id="fuzz"), "lines": rendered.lines}[given_as]
    extraction = read_tables(source)
    assert extraction.template == planted.template
    assert_rows_found(extraction, planted.truth)
    assert not extraction.warnings, [w.to_dict() for w in extraction.warnings][:3]


# --------------------------------------------------------------------------------------------
# 2. Mutated reports
# --------------------------------------------------------------------------------------------


@FUZZ
@given(planted_reports(), st.floats(0, 1))
def test_truncated_report_keeps_the_rows_before_the_cut(planted, where):
    rendered = planted.render()
    text = rendered.text
    cut = int(where * len(text))
    cut_line = text.count("\n", 0, cut)  # lines before it are whole; it is cut (or empty)
    extraction = read_checked(text[:cut])
    intact = [row for row, _, end in rendered.spans if end <= cut_line]
    damaged = {k for row, start, end in rendered.spans if start <= cut_line < end for k in row.keys}
    if extraction is None:
        assert not intact, "a documented error, though table rows were intact"
        return
    assert_rows_found(extraction, truth_of(intact, planted.truth), damaged)


@FUZZ
@given(planted_reports(), st.randoms(use_true_random=False))
def test_lines_shuffled_outside_the_tables(planted, rng):
    """The title, the narrative sections and their lines in any order; the tables' sections stay
    whole and in order: every cell is still read."""
    rendered = planted.render()
    outside = [line for i, line in enumerate(rendered.lines) if rendered.section_of(i) not in TABLE_SECTIONS]
    rng.shuffle(outside)
    cuts = sorted(rng.randint(0, len(outside)) for _ in TABLE_SECTIONS)
    lines: list[str] = []
    last = 0
    for cut, section in zip(cuts, TABLE_SECTIONS, strict=True):
        start, end = rendered.sections[section]
        lines += outside[last:cut] + rendered.lines[start:end]
        last = cut
    lines += outside[last:]
    note("shuffled:\n" + "\n".join(lines))
    extraction = read_checked("\n".join(lines))
    assert extraction is not None
    assert_rows_found(extraction, planted.truth)


@pytest.mark.parametrize("value", [0, 7])
def test_first_line_repeated_after_a_table_cell_is_not_a_running_head(value):
    """A shuffle `test_lines_shuffled_outside_the_tables` drew in one order of a full run (its examples then
    depended on the modules imported before it: `tests/test_hypothesis_determinism.py`): a narrative
    sentence opens the report and comes again right after table 四's last cell, one cell a line. The sentence was taken
    for the title as a running head and the cell for its page number, and both went."""
    planted = build_report("2019", dict.fromkeys(random_values("2019", 1), value), "docx", texts={6: [NARRATIVE[5]]})
    rendered = planted.render()
    tables = [line for s in TABLE_SECTIONS for line in rendered.lines[slice(*rendered.sections[s])]]
    rest = [
        line
        for i, line in enumerate(rendered.lines)
        if rendered.section_of(i) not in TABLE_SECTIONS and line != NARRATIVE[5]
    ]
    extraction = read_checked("\n".join([NARRATIVE[5], *tables, NARRATIVE[5], *rest]))
    assert extraction is not None
    assert_rows_found(extraction, planted.truth)


@FUZZ
@given(planted_reports(), st.randoms(use_true_random=False), st.integers(1, 6))
def test_lines_shuffled_anywhere_never_raise(planted, rng, swaps):
    """Lines of the tables themselves swapped at random: cells may be lost, never an exception."""
    lines = planted.render().lines
    for _ in range(swaps):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    read_checked("\n".join(lines))


def _untouched_tables(planted: Planted, rendered: Rendered, touched_lines: set[int]) -> tuple[Values, set[Key]]:
    """Cells of the tables whose sections no mutation touched, and the keys of the others."""
    touched = {TABLE_SECTIONS[s] for s in map(rendered.section_of, touched_lines) if s in TABLE_SECTIONS}
    expected = {k: v for k, v in planted.truth.items() if k[0] not in touched}
    return expected, {k for k in planted.truth if k[0] in touched}


def _stray_numbers_before_table_two() -> tuple[Planted, list[tuple[float, str]]]:
    """A 2019 table in a 2021 report; junk breaks a sentence under 二 into two number-bearing lines,
    which ended table 二's body before its 2019 headers: the year then named the 2021 template and
    table 三's （六）其他处理 (2019 only) was lost."""
    planted = build_report("2019", random_values("2019", 5), "pdf", year=2021, texts={2: [NARRATIVE[2], NARRATIVE[3]]})
    text = planted.render().text
    at = text.index("政府信息公开行政复议2起")
    return planted, [((at + 0.5) / (len(text) - 1), "i4¾\x0cû.")]


@FUZZ
@given(planted_reports(), st.lists(st.tuples(st.floats(0, 1), st.text(REPORT_ALPHABET, min_size=1, max_size=12)), min_size=1, max_size=4))
@example(*_stray_numbers_before_table_two())
def test_random_unicode_inserted(planted, insertions):
    rendered = planted.render()
    text = rendered.text
    places = sorted(((int(where * (len(text) - 1)), junk) for where, junk in insertions), reverse=True)
    touched = {text.count("\n", 0, at) for at, _ in places}
    for at, junk in places:  # from the end, so the offsets into the planted text stay valid
        text = text[:at] + junk + text[at:]
    note(f"with {insertions!r} inserted:\n{text}")
    extraction = read_checked(text)
    assert extraction is not None
    # per table: junk with a digit in a header line, or a line break that strands a digit next to a
    # row, rightly changes that table's reading; the other tables must not notice
    assert_rows_found(extraction, *_untouched_tables(planted, rendered, touched))


HUGE_LINES = st.sampled_from(
    [
        "全年主动公开政府信息，" * 20_000,  # 220,000 characters of text without a full stop
        "1234567890" * 5_000,  # one 50,000-digit run
        "0\t" * 60_000,
        "| 3 " * 40_000,
        "规章 1 2 3 " * 15_000,
        "（其中修订16件）" * 20_000,
        "全年共收到政府信息公开申请" + "9" * 5_000 + "件，均已按时答复。",  # a count too long for int()
        "1" * 5_000 + "、总体情况",
    ]
)


@settings(FUZZ, max_examples=15)
@given(planted_reports(), HUGE_LINES, st.floats(0, 1))
# ValueError from int() before the fixes: a 50,000-digit run in a table line, a 5,000-digit count in prose
@example(build_report("2021", random_values("2021", 1), "tab"), "1234567890" * 5_000, 0.9)
@example(build_report("2019", random_values("2019", 1), "pdf"), "全年共收到政府信息公开申请" + "9" * 5_000 + "件，均已按时答复。", 0.1)
def test_huge_line(planted, huge, where):
    rendered = planted.render()
    at = int(where * len(rendered.lines))
    lines = rendered.lines[:at] + [huge] + rendered.lines[at:]
    extraction = read_checked("\n".join(lines))
    assert extraction is not None
    touched = {at} if at < len(rendered.lines) else {len(rendered.lines) - 1}
    touched |= {at - 1} if at else set()  # the line goes between two lines: either section's
    assert_rows_found(extraction, *_untouched_tables(planted, rendered, touched))


RANDOM_CELL = st.one_of(st.integers(0, 10**7), st.integers(-99, 0), st.integers(0, 10**6).map(lambda c: c / 100), st.none())
#: (which row, new cells — the first as many as the row has, one more where it gains one, — and
#: whether it keeps its count (0), loses its last number (-1) or gains one (+1)).
ROW_CHANGES = st.lists(
    st.tuples(st.integers(0, 200), st.lists(RANDOM_CELL, min_size=16, max_size=16), st.sampled_from([0, 0, 0, -1, 1])), max_size=8
)


@FUZZ
@given(planted_reports(), ROW_CHANGES)
# .docx layout, 行政处罚 printed with no number: the next row's number was read as either row's
@example(build_report("2021", random_values("2021", 1), "docx"), [(3, [0] * 16, -1)])
def test_random_numbers_in_table_rows(planted, changes):
    """Rows whose numbers are redrawn at random (no arithmetic holds) are read with the new numbers;
    rows given one number too many or too few may be left out, but no other row suffers."""
    truth = dict(planted.truth)
    damaged: set[Key] = set()
    rows = planted.rows()
    changed = {rows[index % len(rows)].keys: (cells, change) for index, cells, change in changes}
    for section in planted.sections:
        for i, part in enumerate(section):
            if not isinstance(part, Row) or part.keys not in changed:
                continue
            new_values, change = changed[part.keys]
            new_values = new_values[: len(part.keys) + change]
            if change:
                damaged |= set(part.keys)
            else:
                truth.update(zip(part.keys, new_values, strict=True))
            section[i] = replace(part, cells=[_cell(v) for v in new_values])
    extraction = read_checked(planted.render().text)
    assert extraction is not None
    assert_rows_found(extraction, {k: v for k, v in truth.items() if k not in damaged}, damaged)


ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be")


@FUZZ
@given(planted_reports(), st.sampled_from(ENCODINGS))
def test_report_in_any_supported_encoding(planted, encoding):
    text = planted.render().text
    read = read_bytes(text.encode(encoding), name="fuzz.txt")
    extraction = read_checked(read)
    assert extraction is not None
    assert_rows_found(extraction, planted.truth)


@FUZZ
@given(
    planted_reports(),
    st.lists(st.tuples(st.floats(0, 1), st.sampled_from(["gb18030", "utf-16", "utf-16-le", "big5", "utf-8"])), min_size=1, max_size=4),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=6),
)
def test_mixed_encodings_and_corrupted_bytes(planted, pieces, corruptions):
    """Parts of a report in different encodings (Big5 cannot hold simplified characters: replaced),
    then random bytes overwritten: read or refused with `ReadError`, never another exception."""
    text = planted.render().text
    cuts = sorted({int(where * len(text)) for where, _ in pieces} | {0, len(text)})
    codecs = [codec for _, codec in pieces]
    data = bytearray()
    for i, (start, end) in enumerate(zip(cuts, cuts[1:], strict=False)):
        data += text[start:end].encode(codecs[i % len(codecs)], errors="replace")
    for where, byte in corruptions:
        data[int(where * (len(data) - 1))] = byte
    try:
        read = read_bytes(bytes(data), name="fuzz.txt")
    except GovReportError:
        return
    assert isinstance(read, str)
    read_checked(read)


@pytest.mark.parametrize("tail", [b"\x00", b"\x00\xd8\x41\x00"], ids=["odd-length", "lone-surrogate"])
def test_damaged_utf16_with_bom_is_read_or_refused_cleanly(tail):
    data = build_report("2021", random_values("2021", 1), "tab").render().text.encode("utf-16") + tail
    try:
        text = read_bytes(data, name="fuzz.txt")
    except GovReportError:
        return
    assert "一、总体情况" in text


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_generator_plants_every_cell_once(template, layout):
    """The generator itself: every key of the template printed in exactly one row, once."""
    planted = build_report(template, random_values(template, 3), layout, [0, 1, 1])
    keys = [k for row in planted.rows() for k in row.keys]
    assert len(keys) == len(set(keys)) and set(keys) == set(planted.truth)
    rendered = planted.render()
    assert [rendered.lines[start] for _, start, _ in rendered.spans]  # every row printed somewhere
    assert rendered.sections[-1][1] == len(rendered.lines)
