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
