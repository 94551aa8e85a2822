"""The per-report steps of `analyze`, each with one calling shape: it annotates the reports it is given.

`Steps` holds the loaded components (classifier, boilerplate scorer, tokenizer), built once per
process; `Steps.annotate(reports)` runs every step over a few reports at once (the models' per-call
overhead is shared) and leaves the results on the reports (`nlp.report.ReportAnnotations`,
`ParagraphAnnotations`). The batch (files, passes, copies across reports) is `nlp.batch.run`.

Which paragraphs a classifier labels is decided here, once: `segment` cuts a flattened page's glued paragraphs where
the classifier's label changes and marks the report (`Report.segmented`), and every path that labels a report runs it
first — `Steps.annotate` (`analyze`, `analyze_report`), `classify` and so `classify_report` (the API), the `classify`
and `suggest` commands (`nlp.classify.inputs.report_batch`), `ParagraphClassifier.predict_report(s)` and the weak
labels given a classifier. `parse_text` has no classifier and structures only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nlp.report import Paragraph, ParagraphAnnotations, Report, ReportAnnotations, Tables


def segment(reports: Sequence[Report], classifier: Any) -> None:
    """Cut a flattened page's glued paragraphs where the classifier's label changes (`nlp.classify.segment`),
    before anything reads the paragraphs; a report with its line breaks is left as it is. Once per report: one
    already cut (`Report.segmented`, also when read back from its JSON) is not cut again, so paths that each
    segment before labelling agree, and the classifier is not asked twice (`segment_report` keeps the mark)."""
    from nlp.classify.segment import segment_report

    for report in reports:
        segment_report(report, classifier)  # a no-op on a report already cut: the function owns the mark


def tokenize(reports: Sequence[Report], tokenizer: Callable[[str], list[str]]) -> None:
    """Cut each narrative paragraph into words once (`Paragraph.tokens`), for every step that reads words."""
    for report in reports:
        for paragraph in report.narrative():
            if paragraph.tokens is None:
                paragraph.tokens = tokenizer(paragraph.text)


def tables(reports: Sequence[Report], labels: Sequence[str] = ()) -> None:
    """Read the statistical tables and check them: `report.annotations.tables`."""
    from nlp.tables.checks import check_report
    from nlp.tables.extract import read_tables

    for report in reports:
        extraction = read_tables(report)
        findings = check_report(report, extraction)
        table_notes = Tables(extraction.template, list(extraction.cells), findings, list(extraction.warnings), dict(extraction.placements))
        if report.annotations is None:
            report.annotations = ReportAnnotations(tables=table_notes, labels=list(labels))
        else:
            report.annotations.tables = table_notes


def _notes(paragraph: Paragraph) -> ParagraphAnnotations:
    if paragraph.annotations is None:
        paragraph.annotations = ParagraphAnnotations()
    return paragraph.annotations


def classify(reports: Sequence[Report], classifier: Any) -> None:
    """Label each narrative paragraph (`label`, `scores`), one pass of the model over all of them; a flattened
    page's glued paragraphs are cut first (`segment`, a no-op where `Steps.annotate` already ran it)."""
    segment(reports, classifier)
    for report, predictions in zip(reports, classifier.predict_reports(reports), strict=True):
        for paragraph, prediction in zip(report.narrative(), predictions, strict=True):
            notes = _notes(paragraph)
            notes.label = prediction["label"]
            notes.scores = prediction["scores"]


def boilerplate(reports: Sequence[Report], scorer: Any) -> None:
    """Score each narrative paragraph's boilerplate (score, specificity, the spans that made it)."""
    groups = [([p.text for p in report.narrative()], [report.agency] if report.agency else []) for report in reports]
    for report, scores in zip(reports, scorer.score_groups(groups), strict=True):
        for paragraph, score in zip(report.narrative(), scores, strict=True):
            notes = _notes(paragraph)
            notes.boilerplate = round(score.boilerplate, 4)
            notes.specificity = round(score.specificity, 4)
            # The spans that pushed the score towards template (corpus-common or template n-grams).
            notes.boilerplate_spans = [(s.start, s.end, s.kind) for s in score.spans if s.weight > 0]


def classify_report(report: Report, classifier: Any) -> Report:
    """The report labelled as `analyze` labels it, without the other steps: a flattened page's glued paragraphs cut
    where the label changes (`segment`), then each narrative paragraph's `annotations.label` and `scores` set
    (`classify`). Returns the report, changed in place. `parse_text` then `classify_report` gives the paragraphs
    and labels that `analyze_report` gives."""
    classify([report], classifier)
    return report


@dataclass
class Steps:
    """The loaded components, built once per process and reused for every report."""

    classifier: Any = None
    scorer: Any = None
    #: The project's tokenizer (`nlp.tokenize.Tokenizer`); None: paragraphs are not pre-cut.
    tokenizer: Any = field(default=None)

    @classmethod
    def load(cls, model: str | None = None, trust_model: bool = False) -> Steps:
        from nlp.boilerplate.loading import load_boilerplate_scorer
        from nlp.classify.loading import load_model
        from nlp.tokenize import Tokenizer

        return cls(classifier=load_model(model, trust=trust_model), scorer=load_boilerplate_scorer(), tokenizer=Tokenizer())

    def annotate(self, reports: Sequence[Report]) -> list[Report]:
        """Run every step over `reports` (annotated in place; returned for chaining)."""
        if self.classifier is not None:
            segment(reports, self.classifier)
        if self.tokenizer is not None:
            tokenize(reports, self.tokenizer)
        tables(reports, list(getattr(self.classifier, "labels", [])))
        classify(reports, self.classifier)
        boilerplate(reports, self.scorer)
        return list(reports)


__all__ = ["Steps", "boilerplate", "classify", "classify_report", "segment", "tables", "tokenize"]
