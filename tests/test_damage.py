"""The damage suite: every report with gold cells in ../shared, damaged the ways crawlers and converters
damage text (tests/damage.py), must still give its sections and its gold cells.

A cell may be left out only with a warning naming its row (the damage destroyed the reading, e.g. a digit
run with several readings and no arithmetic to choose); a wrong or invented value is never allowed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import nlp
from nlp.tables.extract import read_tables
from tests.conftest import source_file
from tests.damage import TEXT_TRANSFORMS, crawled_variants, html_variants

GOLD_DOCS = (
    "000_3fbb002993fdb7e6", "001_82d6f7fdece5d549", "002_8775b43b601402e9", "003_300c643672395d3d",
    "004_46deb1f51ba2e893", "huaian_2024", "sh_kewei_2024", "sh_office_2025", "shuyang_2025",
    "hongze_2023", "hongze_2024",
)
HTML_VARIANTS = html_variants()
#: Crawlers' forms (a JSON response, a script body, a zip): name → (the file's ending, the maker).
CRAWLED_FORMS = crawled_variants()
VARIANTS = tuple(TEXT_TRANSFORMS) + tuple(HTML_VARIANTS) + tuple(CRAWLED_FORMS)
#: Damage that loses nothing a reader needs: every gold cell must come back.
LOSSLESS = {
    "crawler_header", "utf8_read_as_latin1", "gbk_read_as_cp1252", "html_references_left", "html_tags_left",
    "line_breaks_cr", "line_separators", "zero_width_inside", "pinyin_glossed_words",
} | (set(HTML_VARIANTS) - {"html_reposted"}) | set(CRAWLED_FORMS)
# A document-sharing site's page (`html_reposted`) draws only what is printed: a table's blank cells leave no element,
# and a row's figures one a line do not say which columns were blank (a warning then names the row).
#: Share of gold cells that may go missing without a warning saying which row was left out.
UNWARNED_MISSING_ALLOWED = 0.02


@cache
def _original_text(doc_id: str) -> str:
    return nlp.read_text(source_file(doc_id))


@cache
def _damaged(doc_id: str, variant: str, folder: Path):
    text = _original_text(doc_id)
    if variant in HTML_VARIANTS:
        path = folder / f"{doc_id}.{variant}.html"
        path.write_bytes(HTML_VARIANTS[variant](text))
    elif variant in CRAWLED_FORMS:
        suffix, make = CRAWLED_FORMS[variant]
        path = folder / f"{doc_id}.{variant}{suffix}"
        path.write_bytes(make(text))
    else:
        path = folder / f"{doc_id}.{variant}.txt"
        path.write_text(TEXT_TRANSFORMS[variant](text), encoding="utf-8")
    report = nlp.read_report(path)
    return report, read_tables(report)


@cache
def _original_sections(doc_id: str) -> frozenset[str]:
    report = nlp.read_report(source_file(doc_id))
    return frozenset(report.section_keys) & set(nlp.SECTION_KEYS)


@pytest.fixture(scope="module")
def damage_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("damaged")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_sections_survive_damage(doc_id, variant, damage_dir):
    report, _ = _damaged(doc_id, variant, damage_dir)
    expected = _original_sections(doc_id)
    found = set(report.section_keys)
    assert expected <= found, f"{variant}: sections lost {sorted(expected - found)}; found {report.section_keys}"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_gold_cells_survive_damage(doc_id, variant, damage_dir, gold_tables):
    gold = gold_tables[doc_id]
    _, extraction = _damaged(doc_id, variant, damage_dir)
    ambiguous = {tuple(row) for row in gold.get("ambiguous_rows", [])}
    truth = {(c["table"], c["row"], c["col"]): c["value"] for c in gold["cells"] if (c["table"], c["row"]) not in ambiguous}
    got = {(c.table, c.row, c.col): c.value for c in extraction.cells}
    warned_rows = {(w.table, w.row) for w in extraction.warnings if w.row}
    wrong = sorted((key, truth[key], got[key]) for key in truth if key in got and got[key] != truth[key])
    invented = sorted(key for key in got if key not in truth and key[:2] not in ambiguous)
    missing = [key for key in truth if key not in got]
    unwarned = sorted(key for key in missing if key[:2] not in warned_rows)
    assert not wrong, f"{variant}: wrong values {wrong[:5]}"
    assert not invented, f"{variant}: invented cells {invented[:5]}"
    assert len(unwarned) <= UNWARNED_MISSING_ALLOWED * len(truth), f"{variant}: {len(unwarned)} of {len(truth)} cells missing without a warning, e.g. {unwarned[:5]}"
    if variant in LOSSLESS:
        assert len(missing) <= UNWARNED_MISSING_ALLOWED * len(truth), f"{variant}: {len(missing)} of {len(truth)} cells missing, e.g. {sorted(missing)[:5]}"
