"""Every path that labels a report labels the same paragraphs (`nlp.pipeline.segment`, once per report): the
`analyze` steps, `classify_report` of the API, the `classify` and `suggest` commands' batches and the weak labels
given a classifier. Made from ../shared's whole reports glued into one line (`tests.damage`), where the label-aware
segmentation cuts; `parse_text` alone structures only and leaves the glued pieces whole."""

from __future__ import annotations

import functools
import json

import pytest

from nlp.classify.inputs import paragraph_batches, report_batch
from nlp.classify.loading import load_model
from nlp.classify.weak import weak_examples
from nlp.pipeline import Steps, classify_report, segment
from nlp.reportjson import from_json, to_json
from nlp.structure import parse_text
from tests import damage
from tests.conftest import whole_reports

GLUE = damage.TEXT_TRANSFORMS["join_lines"]


@functools.cache
def _model():
    return load_model()


class Counting:
    """The shipped classifier, counting the paragraphs it is asked about."""

    def __init__(self, model) -> None:
        self.model, self.asked = model, 0
        self.labels = model.labels

    def predict_proba(self, items):
        items = list(items)
        self.asked += len(items)
        return self.model.predict_proba(items)

    def scores(self, items):
        items = list(items)
        self.asked += len(items)
        return self.model.scores(items)

    def predict_reports(self, reports):
        return self.model.predict_reports(reports)


@functools.cache
def _glued() -> tuple[tuple[str, str], ...]:
    """(doc_id, text) of whole reports glued into one line whose segmentation cuts something: the damage the test is about."""
    found = []
    for record in whole_reports():
        text = GLUE(record["text"])
        report = segment_parse(text, record["doc_id"])
        if _narrative(report) != _narrative(parse_text(text, doc_id=record["doc_id"])):
            found.append((record["doc_id"], text))
        if len(found) == 4:
            break
    return tuple(found)


def segment_parse(text: str, doc_id: str):
    report = parse_text(text, doc_id=doc_id)
    segment([report], _model())
    return report


def _narrative(report) -> list[str]:
    return [p.text for p in report.narrative()]


def test_the_damage_makes_pieces_that_segmentation_cuts():
    glued = _glued()
    assert len(glued) >= 3  # the paths below compare reports whose paragraphs the step changes


def test_the_api_and_the_analyze_steps_label_the_same_paragraphs():
    steps = Steps.load()
    for doc_id, text in _glued():
        by_steps = steps.annotate([parse_text(text, doc_id=doc_id)])[0]
        by_api = classify_report(parse_text(text, doc_id=doc_id), _model())
        assert by_api.segmented and by_steps.segmented
        assert _narrative(by_api) == _narrative(by_steps), doc_id
        assert [p.annotations.label for p in by_api.narrative()] == [p.annotations.label for p in by_steps.narrative()]
        assert _narrative(by_api) != _narrative(parse_text(text, doc_id=doc_id))  # parse_text alone: pieces whole


def test_the_classify_and_suggest_batches_hold_the_paragraphs_the_api_labels(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    glued = _glued()
    for doc_id, text in glued:
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    batches = {batch.source: batch for batch in paragraph_batches([folder], classifier=_model())}
    for doc_id, text in glued:
        batch = batches[str(folder / f"{doc_id}.txt")]
        expected = classify_report(parse_text(text, doc_id=doc_id), _model())
        assert [item.text for item in batch.inputs] == _narrative(expected), doc_id
        assert [record["text"] for record in batch.records] == _narrative(expected)


def test_the_suggest_command_offers_the_paragraphs_the_model_labels(tmp_path):
    from nlp.cli import main

    doc_id, text = _glued()[0]
    (tmp_path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    output = tmp_path / "suggest.csv"
    assert main(["suggest", str(tmp_path / f"{doc_id}.txt"), "-o", str(output), "--n", "1000"]) == 0
    import pandas as pd

    offered = set(pd.read_csv(output, dtype=str, keep_default_na=False)["text"])
    expected = set(_narrative(classify_report(parse_text(text, doc_id=doc_id), _model())))
    assert offered and offered <= expected
    whole = set(_narrative(parse_text(text, doc_id=doc_id))) - expected  # the glued pieces the step cut
    assert whole and not offered & whole


def test_a_report_is_cut_once_whatever_paths_it_takes():
    doc_id, text = _glued()[0]
    counting = Counting(_model())
    report = parse_text(text, doc_id=doc_id)
    segment([report], counting)
    asked, cut = counting.asked, _narrative(report)
    assert asked  # the step asked the classifier about the glued pieces' sentences
    report_batch(report, counting)
    classify_report(report, counting)
    segment([report], counting)
    assert _narrative(report) == cut and counting.asked == asked  # none asked again to cut


def test_a_report_read_back_from_its_json_is_not_cut_again():
    from nlp.pipeline import tables

    doc_id, text = _glued()[0]
    report = classify_report(parse_text(text, doc_id=doc_id), _model())
    tables([report])
    back = from_json(json.loads(json.dumps(to_json(report), ensure_ascii=False)))
    assert back.segmented
    counting = Counting(_model())
    segment([back], counting)
    assert counting.asked == 0 and _narrative(back) == _narrative(report)


@pytest.mark.parametrize("with_classifier", [False, True])
def test_weak_labels_given_a_classifier_are_of_the_paragraphs_it_labels(with_classifier):
    doc_id, text = _glued()[0]
    report = parse_text(text, doc_id=doc_id)
    examples = weak_examples([report], classifier=_model() if with_classifier else None)
    texts = {example.paragraph.text for example in examples}
    labelled = set(_narrative(classify_report(parse_text(text, doc_id=doc_id), _model())))
    structured = set(_narrative(parse_text(text, doc_id=doc_id)))
    assert texts
    assert texts <= (labelled if with_classifier else structured)


def test_the_models_own_predict_report_labels_the_paragraphs_classify_report_labels():
    doc_id, text = _glued()[0]
    expected = _narrative(classify_report(parse_text(text, doc_id=doc_id), _model()))
    report = parse_text(text, doc_id=doc_id)
    predictions = _model().predict_report(report)
    assert report.segmented and _narrative(report) == expected and len(predictions) == len(expected)
