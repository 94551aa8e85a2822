"""Small command-line gaps: a foreign --index refused before analyze makes anything."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from nlp.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "qinghe_culture_tourism_2023.txt"


def _foreign_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE orders (id INTEGER, item TEXT)")
    db.commit()
    db.close()


@pytest.mark.parametrize("kind", ["another program's database", "a text file", "a folder"])
def test_analyze_refuses_a_foreign_index_before_making_anything(tmp_path, capsys, kind):
    index = tmp_path / "index.db"
    if kind == "a text file":
        index.write_text("名单\n", encoding="utf-8")
    elif kind == "a folder":
        index.mkdir()
    else:
        _foreign_sqlite(index)
    before = sorted(p.name for p in tmp_path.iterdir())
    report = tmp_path / "in" / "report.txt"
    report.parent.mkdir()
    report.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    output = tmp_path / "deep" / "out"
    assert main(["analyze", str(report), "-o", str(output), "--index", str(index), "--quiet"]) == 2
    assert "not a govreport index" in capsys.readouterr().err or kind == "a folder"
    assert not (tmp_path / "deep").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "in"])  # no journal beside the index


def test_analyze_takes_a_new_or_empty_index_file(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.sqlite").touch()
    assert main(["analyze", str(report), "-o", str(tmp_path / "out"), "--index", str(tmp_path / "empty.sqlite"), "--quiet"]) == 0
    assert (tmp_path / "empty.sqlite").stat().st_size > 0
    # The same index again, now of our own, into another folder.
    assert main(["analyze", str(report), "-o", str(tmp_path / "out2"), "--index", str(tmp_path / "empty.sqlite"), "--quiet"]) == 0


# -- fit-boilerplate --labels takes several labelled files, read as train reads them -------------


def _second_labels(first: Path, second: Path) -> None:
    """Other reports in a second file (a CSV, as a spreadsheet saves them): new doc_ids and sites."""
    import csv
    import json

    records = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    with second.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["doc_id", "text", "kind", "label", "generic", "url"])
        writer.writeheader()
        for record in records:
            doc = record["doc_id"][1:]
            writer.writerow({**{k: record[k] for k in ("text", "kind", "label")}, "doc_id": f"s{doc}", "generic": str(record["generic"]).lower(), "url": f"http://site{doc}.gov.cn/"})


@pytest.mark.parametrize("style", ["after the corpus", "repeated"])
def test_fit_boilerplate_pools_several_label_files(tmp_path, capsys, style):
    from nlp.labels import read_labelled
    from tests.test_boilerplate import write_labels

    first, second = tmp_path / "a.jsonl", tmp_path / "b.csv"
    write_labels(first)
    _second_labels(first, second)
    models = tmp_path / "models"
    labels = ["--labels", str(first), str(second)] if style == "after the corpus" else ["--labels", str(first), "--labels", str(second)]
    assert main(["fit-boilerplate", str(first), *labels, "--output-dir", str(models), "--folds", "2"]) == 0
    import json

    card = json.loads((models / "boilerplate_generic.json").read_text(encoding="utf-8"))
    assert card["training_data"] == [str(first), str(second)]
    pooled = [u for u in read_labelled([first, second], labels=None) if u.kind == "narrative"]
    assert card["n_reports"] == len({u.doc_id for u in pooled}) == 12
    capsys.readouterr()


def test_fit_boilerplate_names_a_missing_label_file(tmp_path, capsys):
    from tests.test_boilerplate import write_labels

    first = tmp_path / "a.jsonl"
    write_labels(first)
    code = main(["fit-boilerplate", str(first), "--labels", str(first), str(tmp_path / "gone.jsonl"), "--output-dir", str(tmp_path / "m")])
    assert code != 0 and "gone.jsonl" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()  # nothing written: not even the corpus model
