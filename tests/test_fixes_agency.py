"""One meaning of "the same agency" (`nlp.agency.agency_key`) in every check across years: the
previous report of analyze's pass 2, the checks across years between the passes, and year over year."""

from __future__ import annotations

import json

import pytest

from nlp.agency import agency_key
from nlp.batch.run import previous_reports
from nlp.batch.state import Done
from nlp.batch.years import neighbours
from nlp.boilerplate.documents import Document, Unit
from nlp.duplicates.families import year_over_year
from tests.conftest import shared_path


def _traditional(name: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(name)


def _full_width(name: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)


def _spaced(name: str) -> str:
    return " ".join(name[i : i + 2] for i in range(0, len(name), 2))


def _short(name: str) -> str:
    return name.replace("人民政府", "政府").replace("文化和旅游", "文旅").replace("办公室", "办")


#: Ways one agency's name is written differently from one year to the next.
DAMAGE = {"traditional": _traditional, "full width": _full_width, "spaces": _spaced, "short form": _short}

#: Names of the kind the reports carry: the same place or the same department, to stay apart.
NAMES = ["青禾县人民政府", "青禾县人民政府办公室", "青禾县文化和旅游局", "白沙县文化和旅游局", "AB区卫生健康委员会", "AB区民政局"]


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_name_written_otherwise_is_the_same_agency_and_others_stay_apart(damage):
    for name in NAMES:
        assert agency_key(DAMAGE[damage](name)) == agency_key(name), (damage, name)
    assert len({agency_key(DAMAGE[damage](name)) for name in NAMES}) == len(NAMES)


def _done(name: str, agency: str, year: int) -> Done:
    return Done(name, name, agency, year, ())


def _document(doc_id: str, agency: str, year: int, text: str) -> Document:
    paragraphs = [f"{text}第{n}项工作按照年度计划推进，全年共办理相关事项{n * 7}件，群众满意度进一步提高。" for n in range(1, 5)]
    return Document(doc_id, doc_id, [Unit(i, p) for i, p in enumerate(paragraphs)], agency, year)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_every_check_across_years_finds_last_years_report_under_another_spelling(damage):
    done = []
    documents = []
    for n, name in enumerate(NAMES):
        before, after = f"a{n}_2022", f"a{n}_2023"
        done += [_done(before, name, 2022), _done(after, DAMAGE[damage](name), 2023)]
        documents += [_document(before, name, 2022, name), _document(after, DAMAGE[damage](name), 2023, name)]
    expected = {f"a{n}_2023": f"a{n}_2022" for n in range(len(NAMES))}
    assert previous_reports(done) == expected
    groups = neighbours(done)
    assert sorted(sorted(d.doc_id for d in group) for group in groups) == sorted(sorted(pair) for pair in expected.items())
    rows = year_over_year(documents)
    assert {row.doc_id: row.previous_doc_id for row in rows} == expected
    assert all(row.reused_share > 0.9 for row in rows)  # each compared with its own last year, not a neighbour's


def test_the_corpus_agencies_under_damage():
    """Damage made from the shared corpus's agency names: each still matches itself, none another."""
    corpus = shared_path("corpus", "full_reports.jsonl")
    names = sorted({json.loads(line)["agency"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()})
    keys = {name: agency_key(name) for name in names}
    assert len(set(keys.values())) == len(names)
    for damage, change in DAMAGE.items():
        assert {name: agency_key(change(name)) for name in names} == keys, damage
