"""Weak labels of a flattened report (`nlp.classify.weak.weak_labels`): with no classifier to cut its glued pieces
(training a first model), a piece longer than one paragraph is left unlabelled and counted, not labelled as one unit;
given one, the pieces are cut first and none is left. The glued report is written here (`tests.test_segment`'s
`FLATTENED`: a page flattened to one line whose overview runs five paragraphs together)."""

from __future__ import annotations

import json

from nlp.classify.segment import MIN_PIECE_CHARS, glued_paragraphs
from nlp.classify.weak import weak_examples, weak_labels
from nlp.structure import parse_text
from tests.test_segment import FLATTENED, WordLabeller

#: The same report with its line breaks: every paragraph apart, nothing glued.
WRITTEN = FLATTENED
for _start in ("一、", "全年通过", "全年收到", "修订本局", "完成门户", "调整政务", "二、", "三、", "四、", "五、", "六、"):
    WRITTEN = WRITTEN.replace(_start, "\n" + _start, 1)


def test_without_a_classifier_a_glued_piece_longer_than_a_paragraph_is_counted_not_labelled():
    report = parse_text(FLATTENED, doc_id="flat")
    long_pieces = {p.text for p in glued_paragraphs(report) if len(p.text) > MIN_PIECE_CHARS}
    assert long_pieces  # the damage the test is about: the overview's five paragraphs in one piece
    found = weak_labels([report])
    assert (found.uncut_pieces, found.uncut_reports) == (len(long_pieces), 1)
    assert not {w.paragraph.text for w in found.examples} & long_pieces
    assert found.examples == weak_examples([parse_text(FLATTENED, doc_id="flat")])  # the list alone, as before


def test_a_report_with_its_line_breaks_has_nothing_uncut():
    found = weak_labels([parse_text(WRITTEN, doc_id="written")])
    assert (found.uncut_pieces, found.uncut_reports) == (0, 0)
    assert found.examples


def test_given_a_classifier_the_pieces_are_cut_first_and_none_is_left():
    from tests.test_segment import CUES

    report = parse_text(FLATTENED, doc_id="flat")
    found = weak_labels([report], classifier=WordLabeller(CUES))
    assert report.segmented and (found.uncut_pieces, found.uncut_reports) == (0, 0)
    assert {w.paragraph.text for w in found.examples} <= {p.text for p in report.narrative()}
    # a report already cut (marked `segmented`, as one read back from its JSON is) is not counted as uncut either
    assert weak_labels([report]).uncut_pieces == 0


def test_the_train_command_says_how_many_pieces_it_left_and_the_card_keeps_it(shared, tmp_path, capsys):
    from nlp.cli import main

    records = [json.loads(line) for line in (shared / "labels" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = sorted({r["doc_id"] for r in records})[::3]
    train_file = tmp_path / "train.jsonl"
    train_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records if r["doc_id"] in docs), encoding="utf-8")
    glued = tmp_path / "weak"
    glued.mkdir()
    (glued / "flat.txt").write_text(FLATTENED, encoding="utf-8")
    (glued / "written.txt").write_text(WRITTEN, encoding="utf-8")
    model_path = tmp_path / "m.joblib"
    capsys.readouterr()
    assert main(["train", str(train_file), "--weak-reports", str(glued), "--output", str(model_path), "--folds", "2", "--no-nested"]) == 0
    out = capsys.readouterr().out
    assert "1 glued piece(s) of 1 flattened report(s)" in out
    card = json.loads(model_path.with_suffix(".json").read_text(encoding="utf-8"))
    assert card["weak_labels"]["uncut_glued"] == {"pieces": 1, "reports": 1}
