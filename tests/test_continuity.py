"""Checks across years: generated chains with planted breaks, agency names, versions, the real chain.

Chains are made from the gold cells of ../shared (one gold report per year, its values bent so that
consecutive years join up), printed as whole reports in the layouts the tests know, read back,
and checked. Every planted break must be found (recall 1.0) and nothing else may fail.
"""

from __future__ import annotations

import json
import random
import re
from functools import cache

import pytest
from table_samples import LAYOUTS, render_report

import nlp
from nlp.agency import agency_key
from nlp.findings import FAIL, NOT_ASSESSABLE, PASS, REPORT, UNCERTAIN
from nlp.tables.continuity import YearRecord, build_chains, check_across_years, continuity_failures
from nlp.tables.schema import REQUEST_COLUMNS, get_template
from tests.conftest import SHARED

Values = dict[tuple[str, str, str], int | float | None]


@cache
def gold_values() -> dict[str, list[Values]]:
    """Complete gold value sets by template (cells the gold lacks are filled so the tables add up)."""
    out: dict[str, list[Values]] = {"2019": [], "2021": []}
    for name in ("seed_tables.jsonl", "reports_tables.jsonl"):
        path = SHARED / "gold" / name
        if not path.exists():
            pytest.skip("shared gold tables are absent (../shared)")
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("template") not in ("2019", "2021"):
                continue
            values: Values = {(c["table"], c["row"], c["col"]): c["value"] for c in record["cells"]}
            expected = {(t, r.key, c) for t in ("active", "requests", "review_litigation") for r in get_template(record["template"]).table(t).rows for c in r.columns}
            if expected <= set(values) and not any(v is None for v in values.values()):
                out[record["template"]].append(values)
    if not out["2021"] or not out["2019"]:
        pytest.skip("no complete gold report of each template in ../shared/gold")
    return out


def _requests_total(values: Values, row: str) -> None:
    values[("requests", row, "total")] = sum(values[("requests", row, c)] for c in REQUEST_COLUMNS[:-1])  # type: ignore[misc]


def _set_carried_over(values: Values, col: str, value: int) -> None:
    """Carried over := value, keeping rule 2 (一 + 二 = （七） + 四) of the year itself."""
    values[("requests", "carried_over", col)] = value
    received = values[("requests", "total_handled", col)] + values[("requests", "carried_forward", col)] - value  # type: ignore[operator]
    if received < 0:  # more carried in than handled and carried on: carry the rest forward
        values[("requests", "carried_forward", col)] -= received  # type: ignore[operator]
        received = 0
    values[("requests", "new_received", col)] = received


def plant_carried_over(values: Values, col: str, step: int) -> None:
    """上年结转 raised by `step`; 本年新收 lowered to keep rule 2, and where it cannot go lower, more
    requests granted (rules 1 and 3 kept too); 结转下年度 untouched, so the next year still joins up."""
    values[("requests", "carried_over", col)] += step  # type: ignore[operator]
    received = values[("requests", "new_received", col)] - step  # type: ignore[operator]
    if received < 0:
        for row in ("granted", "total_handled"):
            values[("requests", row, col)] += -received  # type: ignore[operator]
        received = 0
    values[("requests", "new_received", col)] = received
    for row in ("new_received", "carried_over", "granted", "total_handled"):
        _requests_total(values, row)


def make_chain(first_year: int, years: int, seed: int) -> list[tuple[int, str, Values]]:
    """(year, template, values) of consecutive years that join up, from the gold value sets."""
    rng = random.Random(seed)
    chain: list[tuple[int, str, Values]] = []
    for year in range(first_year, first_year + years):
        template = "2021" if year >= 2021 else "2019"
        values = dict(rng.choice(gold_values()[template]))
        if chain:
            prev = chain[-1][2]
            for col in REQUEST_COLUMNS[:-1]:
                _set_carried_over(values, col, prev[("requests", "carried_forward", col)])  # type: ignore[arg-type]
            if template == "2021" and chain[-1][1] == "2021":
                for row in ("regulations", "normative_documents"):
                    start = prev[("active", row, "in_force")] + values[("active", row, "issued")]  # type: ignore[operator]
                    values[("active", row, "repealed")] = min(values[("active", row, "repealed")], start)  # type: ignore[type-var]
                    values[("active", row, "in_force")] = start - values[("active", row, "repealed")]  # type: ignore[operator]
            if template == "2019" and chain[-1][1] == "2019":
                for row in ("licensing", "other_services", "punishment", "coercion", "fees"):
                    values[("active", row, "prev_items")] = prev[("active", row, "prev_items")] + prev[("active", row, "change")]  # type: ignore[operator]
        for row in ("new_received", "carried_over", "carried_forward"):
            _requests_total(values, row)
        chain.append((year, template, values))
    for _, _, values in chain:  # a year's items never fall below zero
        for row in ("licensing", "other_services", "punishment", "coercion", "fees"):
            key = ("active", row, "prev_items")
            if key in values and values[key] < 0:  # type: ignore[operator]
                values[key] = 0
    return chain


def _fix_prev_items(chain: list[tuple[int, str, Values]]) -> None:
    for (_, t1, prev), (_, t2, cur) in zip(chain, chain[1:], strict=False):
        if t1 == t2 == "2019":
            for row in ("licensing", "other_services", "punishment", "coercion", "fees"):
                total = prev[("active", row, "prev_items")] + prev[("active", row, "change")]  # type: ignore[operator]
                if total < 0:
                    prev[("active", row, "change")] = -prev[("active", row, "prev_items")]  # type: ignore[operator]
                    total = 0
                cur[("active", row, "prev_items")] = total


def report_text(agency: str, year: int, template: str, values: Values, layout: str, narrative: str = "") -> str:
    text = render_report(template, values, layout, year=year)
    text = text.replace(f"示例县示例局{year}年", f"{agency}{year}年", 1)
    if narrative:
        text = text.replace("取得了较好成效。", f"取得了较好成效。{narrative}", 1)
    return text


def records_of(texts: list[tuple[str, str]]) -> list[YearRecord]:
    return [YearRecord.from_report(nlp.parse_text(text, doc_id=doc_id)) for doc_id, text in texts]


# --------------------------------------------------------------------------------------------
# Agency names
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("莆田市文旅局", "莆田市文化和旅游局"),
        ("示例县人社局", "示例县人力资源和社会保障局"),
        ("示例县林草局", "示例县林业和草原局"),
        ("示例市发改委", "示例市发展和改革委员会"),
        ("示例市住建局", "示例市住房和城乡建设局"),
        ("示例市市场监管局", "示例市 市场监督管理局"),
        ("示例区政府办", "示例区人民政府办公室"),
        ("示例市民宗局", "示例市民族与宗教事务局（示例市宗教局）"),
    ],
)
def test_one_agency_under_its_names_has_one_key(a, b):
    assert agency_key(a) == agency_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("莆田市文旅局", "厦门市文旅局"), ("示例市文旅局", "示例市人社局"), ("示例市教育局", "示例市教育考试院"), ("示例县文化和旅游局", "示例县卫生健康委员会")],
)
def test_different_agencies_keep_different_keys(a, b):
    assert agency_key(a) != agency_key(b)


# --------------------------------------------------------------------------------------------
# Generated chains
# --------------------------------------------------------------------------------------------

NAMES = (("示例市文化和旅游局", "示例市文旅局"), ("示例市人力资源和社会保障局", "示例市人社局"), ("另一市文化和旅游局", "另一市文旅局"))


def _chain_texts(seed: int, first_year: int, years: int, plant: int):
    """Three agencies' chains, names alternating between full and short; `plant` breaks planted at
    random. Returns the texts and the planted breaks as (doc_id, finding id prefix, status)."""
    rng = random.Random(seed)
    texts: list[tuple[str, str]] = []
    planted: list[tuple[str, str, str]] = []
    for a, names in enumerate(NAMES):
        chain = make_chain(first_year, years, seed * 10 + a)
        _fix_prev_items(chain)
        breakable = list(range(1, len(chain)))
        for index in rng.sample(breakable, min(plant, len(breakable))):
            year, template, values = chain[index]
            prev_template = chain[index - 1][1]
            kinds = ["carried_over"] + (["in_force"] if template == prev_template == "2021" else []) + (["prev_items"] if template == prev_template == "2019" else [])
            kind = rng.choice(kinds)
            doc_id = f"{a}_{index}"
            # each break is planted so that the year itself still adds up and the next link holds
            if kind == "carried_over":
                col = rng.choice(REQUEST_COLUMNS[:-1])
                plant_carried_over(values, col, rng.randint(1, 9))
                planted.append((doc_id, f"continuity.carried_over.{col}", FAIL))
                planted.append((doc_id, "continuity.carried_over.total", FAIL))
            elif kind == "in_force":
                row = rng.choice(["regulations", "normative_documents"])
                values[("active", row, "issued")] += rng.randint(1, 50)  # type: ignore[operator]
                planted.append((doc_id, f"continuity.in_force.{row}", UNCERTAIN))
            else:
                row = rng.choice(["licensing", "punishment", "coercion"])
                step = rng.randint(1, 9)
                values[("active", row, "prev_items")] += step  # type: ignore[operator]
                values[("active", row, "change")] -= step  # type: ignore[operator]
                planted.append((doc_id, f"continuity.prev_items.{row}", FAIL))
        for index, (year, template, values) in enumerate(chain):
            # the file name says nothing true about the year: the year comes from the report
            texts.append((f"{a}_{index}", report_text(names[index % 2], year, template, values, LAYOUTS[(index + a) % len(LAYOUTS)])))
    rng.shuffle(texts)
    return texts, planted


@pytest.mark.parametrize("seed", range(6))
def test_every_planted_break_is_found_and_nothing_else_fails(seed):
    first_year = 2019 if seed % 2 else 2021
    texts, planted = _chain_texts(seed, first_year, 5 if first_year == 2021 else 4, plant=2)
    records = records_of(texts)
    assert all(r.year is not None and r.agency is not None for r in records)
    chains, _ = build_chains(records)
    assert len(chains) == len(NAMES)  # full and short names joined, two cities kept apart
    findings = check_across_years(records)
    by_doc: dict[tuple[str, str], str] = {}
    for f in findings:
        doc = next(c["doc_id"] for c in reversed(f.cells)) if f.cells else ""
        by_doc[(doc, f.id)] = f.status
    for doc_id, fid, status in planted:
        assert by_doc.get((doc_id, fid)) == status, (doc_id, fid, [f.message for f in findings if f.id == fid])
    planted_ids = {(d, f) for d, f, _ in planted}
    unexpected = [f.message for f in findings if f.status in (FAIL, UNCERTAIN) and (next(c["doc_id"] for c in reversed(f.cells)), f.id) not in planted_ids]
    assert not unexpected
    fails = continuity_failures(findings)
    assert {(next(c["doc_id"] for c in reversed(f.cells)), f.id) for f in fails} == {(d, f) for d, f, s in planted if s == FAIL}
    for f in fails:
        assert f.fault == REPORT and len({c["doc_id"] for c in f.cells}) == 2  # both reports named
        assert f.expected is not None and f.printed is not None and f.expected != f.printed


def test_a_chain_that_joins_up_passes_every_check():
    chain = make_chain(2021, 4, 7)
    texts = [(f"d{y}", report_text("示例市文旅局", y, t, v, "tab")) for y, t, v in chain]
    findings = check_across_years(records_of(texts))
    assert findings and {f.status for f in findings if f.id.startswith("continuity.carried_over")} == {PASS}
    assert not [f for f in findings if f.status in (FAIL, UNCERTAIN)]


def test_a_year_gap_is_not_compared():
    chain = make_chain(2021, 3, 3)
    texts = [(f"d{y}", report_text("示例市文旅局", y, t, v, "tab")) for y, t, v in chain if y != 2022]
    assert check_across_years(records_of(texts)) == []


def chain_with_a_differing_version(seed: int) -> tuple[list[tuple[str, str]], list[tuple[int, str, Values]]]:
    """Three years of one agency (doc_id `d<year>`), the middle year twice: `d<year>_v2` under the
    agency's full name, with 4 more requests carried over (each version adds up on its own)."""
    chain = make_chain(2021, 3, seed)
    texts = [(f"d{y}", report_text("示例市文旅局", y, t, v, "tab")) for y, t, v in chain]
    year, template, values = chain[1]
    changed = dict(values)
    _set_carried_over(changed, "natural_person", values[("requests", "carried_over", "natural_person")] + 4)  # type: ignore[operator]
    for row in ("new_received", "carried_over", "carried_forward"):
        _requests_total(changed, row)
    texts.append((f"d{year}_v2", report_text("示例市文化和旅游局", year, template, changed, "pipe")))
    return texts, chain


def test_two_versions_of_one_year_are_reported_not_mixed():
    texts, chain = chain_with_a_differing_version(5)
    year, template, values = chain[1]
    findings = check_across_years(records_of(texts))
    versions = [f for f in findings if f.id == f"continuity.versions.{year}"]
    assert len(versions) == 1 and versions[0].status == UNCERTAIN
    assert "d2022" in versions[0].message and "d2022_v2" in versions[0].message
    assert not [f for f in findings if f.id.startswith("continuity.carried_over")]  # no link through 2022
    # the same report twice (a PDF and its web page): noticed, and the links are checked
    same = [(f"d{y}", report_text("示例市文旅局", y, t, v, "tab")) for y, t, v in chain] + [("copy", report_text("示例市文旅局", year, template, values, "docx"))]
    findings = check_across_years(records_of(same))
    assert next(f for f in findings if f.id == f"continuity.versions.{year}").status == PASS
    assert [f for f in findings if f.id == "continuity.carried_over.total"]


def test_a_cell_not_read_is_not_assessable_never_a_failure():
    chain = make_chain(2021, 2, 11)
    prev, cur = (records_of([(f"d{y}", report_text("示例市文旅局", y, t, v, "tab"))])[0] for y, t, v in chain)
    del prev.cells[("requests", "carried_forward", "total")]
    cur.cells[("requests", "carried_over", "total")] = (cur.cells[("requests", "carried_over", "total")] or 0) + 5
    findings = {f.id: f for f in check_across_years([prev, cur])}
    assert findings["continuity.carried_over.total"].status == NOT_ASSESSABLE
    # a row placed by repair: a break is ours as likely as the report's
    cur.placements[("requests", "carried_over")] = "decoded"
    prev.cells[("requests", "carried_forward", "total")] = 0
    finding = {f.id: f for f in check_across_years([prev, cur])}["continuity.carried_over.total"]
    assert (finding.status, finding.fault) == (UNCERTAIN, "extraction")


def test_narrative_about_last_year_is_checked_against_last_years_tables():
    chain = make_chain(2021, 2, 13)
    (y1, t1, v1), (y2, t2, v2) = chain
    received = v1[("requests", "new_received", "total")]
    forward = v1[("requests", "carried_forward", "total")]
    right = f"{y1}年共收到政府信息公开申请{received}件。本年度上年结转政府信息公开申请{forward}件。"
    wrong = f"{y1}年共收到政府信息公开申请{received + 6}件。"
    for narrative, status in ((right, PASS), (wrong, FAIL)):
        texts = [("a", report_text("示例市文旅局", y1, t1, v1, "tab")), ("b", report_text("示例市文旅局", y2, t2, v2, "tab", narrative))]
        findings = check_across_years(records_of(texts))
        stated = [f for f in findings if f.id.startswith("continuity.narrative.received")]
        assert [f.status for f in stated] == [status], [f.message for f in findings]
        # the same report checked alone does not read last year's count as this year's
        report = nlp.parse_text(texts[1][1], doc_id="b")
        assert not [f for f in nlp.check_report(report) if f.id.startswith("narrative.received") and f.status == FAIL]
    carried = [f for f in check_across_years(records_of([("a", report_text("示例市文旅局", y1, t1, v1, "tab")), ("b", report_text("示例市文旅局", y2, t2, v2, "tab", right))])) if f.id.startswith("continuity.narrative.carried_over")]
    assert [f.status for f in carried] == [PASS]


def test_check_command_runs_the_checks_across_years(tmp_path, capsys):
    from nlp.cli import main

    chain = make_chain(2021, 2, 17)
    (y1, t1, v1), (y2, t2, v2) = chain
    _set_carried_over(v2, "total", 0)
    v2[("requests", "carried_over", "natural_person")] = v1[("requests", "carried_forward", "natural_person")] + 3  # type: ignore[operator]
    _set_carried_over(v2, "natural_person", v2[("requests", "carried_over", "natural_person")])  # type: ignore[arg-type]
    for row in ("new_received", "carried_over", "carried_forward"):
        _requests_total(v2, row)
    (tmp_path / "first.txt").write_text(report_text("示例市文化和旅游局", y1, t1, v1, "tab"), encoding="utf-8")
    (tmp_path / "second.txt").write_text(report_text("示例市文旅局", y2, t2, v2, "tab"), encoding="utf-8")
    code = main(["check", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert re.search(r"FAIL\s+rule\s+continuity\.carried_over\.natural_person", out)
    assert "across years: 1 agencies, 1 pair(s)" in out
    assert main(["check", "--no-years", str(tmp_path)]) == 0


# --------------------------------------------------------------------------------------------
# The real chain of ../shared
# --------------------------------------------------------------------------------------------


@cache
def putian_records() -> list[YearRecord]:
    path = SHARED / "corpus" / "full_reports.jsonl"
    if not path.exists():
        pytest.skip("../shared/corpus/full_reports.jsonl is absent")
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            report = nlp.parse_text(item["title"] + "\n" + item["text"], doc_id=item["doc_id"])
            records.append(YearRecord.from_report(report))
    return records


def test_the_real_chain_is_matched_by_agency_and_year():
    records = putian_records()
    chains, unplaced = build_chains(records)
    assert not unplaced
    by_key = {c.key: c for c in chains}
    wlj = by_key[agency_key("莆田市文旅局")]
    assert sorted(wlj.years) == list(range(2019, 2026)) and not wlj.versions
    assert all(len(c.years) <= 3 for c in chains if c is not wlj)  # the others: 2023 + 2025, a few more


def test_the_real_chain_has_no_break_blamed_on_a_cell_not_read():
    records = putian_records()
    findings = check_across_years(records)
    for finding in continuity_failures(findings):
        # a failure only on cells that were read: every cell it names is in its report's cells
        for cell in finding.cells:
            record = next(r for r in records if r.doc_id == cell["doc_id"])
            assert (cell["table"], cell["row"], cell["col"]) in record.cells
    pairs = {(f.cells[0]["doc_id"], f.cells[-1]["doc_id"]) for f in findings if f.cells}
    assert all(a.split("_")[1] == b.split("_")[1] for a, b in pairs)  # only one agency's years are compared


def test_blank_movement_cells_count_as_none():
    # Word-made pages drop empty cells: a 行政规范性文件 row printed `0`, `2` has no 废止 count
    chain = make_chain(2021, 2, 19)
    prev, cur = (records_of([(f"d{y}", report_text("示例市文旅局", y, t, v, "tab"))])[0] for y, t, v in chain)
    key = ("active", "normative_documents")
    prev.cells[(*key, "in_force")] = 5
    cur.cells[(*key, "repealed")] = None
    cur.cells[(*key, "issued")] = 0
    cur.cells[(*key, "in_force")] = prev.cells[(*key, "in_force")]
    finding = {f.id: f for f in check_across_years([prev, cur])}["continuity.in_force.normative_documents"]
    assert finding.status == PASS
    cur.cells[(*key, "in_force")] = None  # the stock itself blank: nothing to compare
    finding = {f.id: f for f in check_across_years([prev, cur])}["continuity.in_force.normative_documents"]
    assert finding.status == NOT_ASSESSABLE


def test_a_break_across_years_read_from_a_scans_ocr_layer_is_not_laid_on_the_reports():
    """Last year's 结转下年度 5 against this year's 上年结转 3: `fail`, the reports' fault, as printed; where either year
    was read from a scan's OCR layer (`nlp.ocrlayer`) the figure may be OCR's misreading: `uncertain`, saying why."""
    from nlp.findings import EXTRACTION, FAIL, REPORT, UNCERTAIN
    from nlp.tables.continuity import YearRecord, check_pair

    def record(doc_id: str, year: int, cells: dict, from_ocr: bool = False) -> YearRecord:
        return YearRecord(doc_id, "某县人民政府办公室", year, "2021", cells, from_ocr=from_ocr)

    before = {("requests", "carried_forward", "total"): 5}
    after = {("requests", "carried_over", "total"): 3}
    total = "continuity.carried_over.total"
    printed = {f.id: f for f in check_pair(record("a", 2022, before), record("b", 2023, after))}
    assert (printed[total].status, printed[total].fault) == (FAIL, REPORT)
    for prev_ocr, cur_ocr in ((True, False), (False, True)):
        read = {f.id: f for f in check_pair(record("a", 2022, before, prev_ocr), record("b", 2023, after, cur_ocr))}
        assert (read[total].status, read[total].fault) == (UNCERTAIN, EXTRACTION) and "OCR" in read[total].message
        assert not any(f.status == FAIL for f in read.values())
