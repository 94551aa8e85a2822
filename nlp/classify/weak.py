"""Weak labels: narrative paragraphs of unlabelled reports labelled by the heading they stand under.

Under `存在的主要问题` a paragraph is most likely a `problem`, under `（四）平台建设` most likely about
`platform`. The heading's topic (nlp.sections.heading_topic) gives the label; where the heading names
no single label (总体情况), the paragraph's own run-in heading does (`（三）政府信息管理。严格落实…`, its
`lead`); paragraphs with neither get none. Under 存在的主要问题及改进情况 without subheadings, the
half of section 五 a paragraph stands in is its topic (nlp.classify.context.section_five_halves). Against the hand labels
of ../shared, these weak labels agree on 86 % of the whole reports' paragraphs and 88 % of the page
openings' (docs/classifier.md). Whether these
noisy examples help is measured on held-out hand labels (nlp.classify.train) before they are used.

A report flattened to one line keeps glued pieces of several paragraphs, which only a classifier cuts
(`nlp.classify.segment`). Training a first model there is none: such a piece (a glued page's narrative paragraph
longer than one paragraph runs, `MIN_PIECE_CHARS`) is left unlabelled and counted (`WeakLabels.uncut_pieces`),
rather than given its heading's label as one unit it is not; the `train` command says how many.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from nlp.classify.features import ParagraphInput
from nlp.classify.reportinputs import report_inputs
from nlp.sections import heading_level

#: Heading topic → the label of ANNOTATION.md a paragraph under it most likely has.
LABEL_FOR_TOPIC: dict[str, str] = {
    "problems": "problem",
    "improvements": "improvement",
    "active": "active_disclosure",
    "requests": "application",
    "review_litigation": "application",
    "fees": "application",
    "management": "info_management",
    "platform": "platform",
    "supervision": "organization",
}


@dataclass(frozen=True)
class WeakExample:
    doc_id: str
    paragraph: ParagraphInput
    label: str


@dataclass(frozen=True)
class WeakLabels:
    """The weak examples of some reports, and what was left unlabelled because no classifier could cut it: the
    glued pieces too long to be one paragraph, and how many reports held one."""

    examples: list[WeakExample]
    uncut_pieces: int = 0
    uncut_reports: int = 0


def weak_examples(reports: Iterable, skip_texts: frozenset[str] = frozenset(), classifier: Any = None) -> list[WeakExample]:
    """The examples of `weak_labels`."""
    return weak_labels(reports, skip_texts, classifier).examples


def weak_labels(reports: Iterable, skip_texts: frozenset[str] = frozenset(), classifier: Any = None) -> WeakLabels:
    """Weakly labelled narrative paragraphs of structured reports (`nlp.report.Report`).

    skip_texts: paragraph texts already labelled by hand (their hand label wins). `classifier`: where one is at
    hand, a flattened page's glued paragraphs are cut first as every labelling path cuts them (`nlp.pipeline.segment`);
    without one (training a first model) a glued piece longer than a paragraph is not labelled, only counted.
    """
    from nlp.classify.segment import MIN_PIECE_CHARS, glued_paragraphs

    examples: list[WeakExample] = []
    uncut_pieces = uncut_reports = 0
    for report in reports:
        uncut: set[int] = set()
        if classifier is not None:
            from nlp.pipeline import segment

            segment([report], classifier)
        elif not report.segmented:
            uncut = {id(p) for p in glued_paragraphs(report) if len(p.text) > MIN_PIECE_CHARS}
            uncut_pieces += len(uncut)
            uncut_reports += bool(uncut)
        for source, paragraph in zip(report.narrative(), report_inputs(report), strict=True):
            if id(source) in uncut:
                continue
            # A run-in subheading (`（三）政府信息管理。…`) closes the one above; an enumerated point
            # (`一是加强培训。`) does not, and its words often name a topic the heading contradicts.
            topic, lead = LABEL_FOR_TOPIC.get(paragraph.context.topic), LABEL_FOR_TOPIC.get(paragraph.context.lead)
            label = (lead or topic) if heading_level(paragraph.text) == 2 else (topic or lead)
            if label is None or paragraph.text in skip_texts or len(paragraph.text) < 8:
                continue
            examples.append(WeakExample(report.doc_id, paragraph, label))
    return WeakLabels(examples, uncut_pieces, uncut_reports)
