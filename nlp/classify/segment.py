"""Label-aware segmentation: a glued page's paragraphs cut where what they say changes.

A page flattened to one line loses its paragraph breaks. `nlp.normalize.glued` puts back those the
rules see (headings, items, table rows) and those the break model is sure of; what is left is a
piece holding several paragraphs of one section (an overview's organisation, disclosure, requests,
records and platform paragraphs in one run), which a classifier can give one label only. Here such a
piece is cut where the classifier's label changes with confidence, the break model's probability
weighing each cut: a small dynamic programme over the piece's sentence ends (`best_cuts`), each
sentence classified in the piece's context. A section title run on into its first paragraph is made
the section's heading line again (`split_opening_heading`).

Only narrative paragraphs of a flattened page are looked at (`nlp.normalize.glued.flattened_regions`
on the text as read): a text with its line breaks is structured and labelled exactly as without
this step. The step runs after structure and before the labels are given (`nlp.pipeline`), with the
classifier the labels come from.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from nlp.classify.context import IMPROVEMENTS, PROBLEMS, UNKNOWN, Context, lead_topic, section_five_halves
from nlp.classify.features import ParagraphInput
from nlp.classify.reportinputs import report_inputs
from nlp.normalize.breaks import BreakModel, candidates, features, shipped_break_model, title_ends
from nlp.normalize.glued import flattened_regions
from nlp.report import SECTION_KEYS, Paragraph, Report
from nlp.sections import opening_section

#: How much the classifier weighs against the break model's odds and the length prior: each sentence adds
#: this times its log-probability of its segment's label (2 was chosen on the authored development parts).
LABEL_WEIGHT = 2.0

#: Mean and standard deviation of the natural log of a narrative paragraph's length in characters: the
#: 3,165 labelled narrative units of ../shared (labels/dev.jsonl, full_reports.jsonl) give 4.70 and 0.75
#: (median 120 characters, 90% under 262).
PARAGRAPH_LOG_LENGTH = (4.70, 0.75)
#: A piece no longer than 9 in 10 of those units (262 characters) is taken for one paragraph: in real
#: reports glued, the rules' cuts (items, subheadings) leave such pieces whole paragraphs, whose
#: sentences' labels differ as a paragraph's may.
#: Not for a section's only narrative paragraph: where nothing cut a section's body, the piece is all of it.
MIN_PIECE_CHARS = 262
#: The template sections a glued page must show for `MIN_PIECE_CHARS` to hold: with fewer, its pieces are not
#: bounded by sections (a report written without headings, or whose headings were images, glued), and a short
#: piece may run the end of one section into the next (`…未发生行政复议和行政诉讼。主要问题是…`): every piece is
#: then cut where its labels say.
SECTIONS_THAT_BOUND = 2
#: The section whose problems and plans a glued piece may run together (`plan_turns`).
FIVE = "problems_improvements"
#: A piece that opens with a list's item number (`3.`, `（二）`): a problem item, after which a plan is a paragraph
#: of its own, not the item's (`3.工作人员均为兼职，业务能力有待提升。下一步，我局将…`). Not `二是`: a paragraph runs
#: those (ANNOTATION.md rule 5), its plan included (`…二是…较为单一。下一步，我局将…`, one unit labelled `problem`).
_LIST_ITEM = re.compile(r"\s*[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]")


#: A plan that opens a list of its own (`针对上述问题，下一步将重点做好以下工作：一是…`): a paragraph of its own after the
#: problems, whatever they are. In the labelled section 五 units of ../shared and the authored development parts, a
#: plan so opened after a problem is a unit of its own 13 times and runs on in the problem's unit never (a plain plan
#: after a plain problem: 11 and 19).
_PLAN_LIST = re.compile(r"[^。！？!?]{0,60}?[：:][ \t]*(?:[一1][是、.．]|[（(][一1][)）])")
#: Section 五's halves labelled (`存在的问题：…。改进措施：…`): two paragraphs, the labels' own (6 pairs in the labelled
#: units, none run on in one); an enumerated pair (`问题一：…。改进措施：…`, no colon right after `问题`) is one unit (3 of 3).
_PROBLEMS_LABEL = re.compile(r"\s*[^。，,：:；;\d]{0,8}(?:问题|不足)[：:]")
_PLANS_LABEL = re.compile(r"[ \t]*(?:[^。，,：:；;]{0,6}(?:改进|整改)(?:措施|方向|情况)|下一步(?:工作)?(?:打算|计划|措施)?)[：:]")


@dataclass(frozen=True)
class Segmentation:
    """Where a piece is cut: the candidate spans (`nlp.normalize.breaks.candidates`) turned into breaks,
    and the label the classifier gives each segment."""

    cuts: list[tuple[int, int]]
    labels: list[str]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


#: Labels one paragraph may hold together, which a change between does not cut: a shortcoming and the
#: plan that answers it (`…存在不足。下一步，我局将…`) are one unit as often as two (ANNOTATION.md labels such a
#: unit by its problem), and section 五's halves are told apart from the context (`section_five_halves`).
JOINED_LABELS = (frozenset({"problem", "improvement"}),)


def _kinds(labels: list[str]) -> tuple[list[str], list[list[int]]]:
    """The kinds a piece is cut between (`JOINED_LABELS` as one, each other label alone): their names (a
    joined kind by its first label) and the indexes of their labels."""
    kinds: list[list[int]] = []
    for i, label in enumerate(labels):
        group = next((g for g in JOINED_LABELS if label in g), None)
        at = next((k for k, members in enumerate(kinds) if group and labels[members[0]] in group), None)
        if at is None:
            kinds.append([i])
        else:
            kinds[at].append(i)
    return [labels[members[0]] for members in kinds], kinds


def segment_context(context: Context, before: str, text: str) -> Context:
    """The context a segment after the piece's start stands in: the piece's section, topic and slot, not
    the first under its heading, its own lead phrase; in section 五's halves, the half that what came
    before it and its own opening say (`section_five_halves`)."""
    topic = context.topic
    if topic == PROBLEMS and before:  # the plans half, once reached, goes on to the piece's end
        topic = section_five_halves([before, text])[1]
    return replace(context, topic=topic, lead=lead_topic(text) or UNKNOWN, position="next")


def best_cuts(text: str, context: Context, classifier: Any, breaks: BreakModel, weight: float = LABEL_WEIGHT) -> Segmentation:
    """The cuts of `text` (one narrative piece) that best agree with the break model and the labels.

    Each sentence (the text between two candidates, `nlp.normalize.breaks.candidates`; a colon's lead-in
    stays with what it introduces) is classified in the piece's context (`segment_context`). The piece is
    split into segments of consecutive sentences, each with one label, so that the sum is highest of:
    `weight` × each sentence's log-probability of its segment's label; each segment's `length_score`; the
    break model's log-odds against its threshold at each cut (negative where it did not cut: a cut costs
    more the surer the model was). The programme is semi-Markov over the sentence ends, quadratic in the
    sentences. Cuts between two segments of one label are dropped: the labels need only those where the
    label changes."""
    return cuts_of_pieces([(text, context)], classifier, breaks, weight)[0]


def cuts_of_pieces(pieces: Sequence[tuple[str, Context]], classifier: Any, breaks: BreakModel, weight: float = LABEL_WEIGHT) -> list[Segmentation]:
    """`best_cuts` of each (text, context) piece, their sentences classified in one call (a call's own cost
    outweighs a short page's sentences)."""
    found = [_sentences(text, context, breaks) for text, context in pieces]
    inputs = [item for sentences in found if sentences for item in sentences.inputs]
    rows = iter(classifier.predict_proba(inputs)) if inputs else iter(())
    labels = list(classifier.labels)
    return [
        _programme(sentences, [next(rows) for _ in sentences.inputs], labels, weight) if sentences else Segmentation([], [])
        for sentences in found
    ]


@dataclass(frozen=True)
class _Sentences:
    """A piece's sentences as `best_cuts` weighs them: the candidates kept, the break model's log-odds at each
    (against its threshold), where each sentence starts and stops, and each as the classifier's input."""

    spans: list[tuple[int, int]]
    bonus: list[float]
    starts: list[int]
    stops: list[int]
    inputs: list[ParagraphInput]


def _sentences(text: str, context: Context, breaks: BreakModel) -> _Sentences | None:
    """The sentences of `text` (None where it has one only)."""
    spans = candidates(text)
    offset = _logit(breaks.threshold)
    odds = [_logit(p) - offset for p in breaks.row_probabilities(features(text, spans))] if spans else []
    # A colon's lead-in (`问题一：`, `改进措施：`) and a run-in title (`环境执法信息公开。`) are read with what they
    # introduce: no label of their own.
    titles = title_ends(text, spans)
    kept = [k for k, (start, _) in enumerate(spans) if text[start - 1] not in "：:" and k not in titles]
    spans, bonus = [spans[k] for k in kept], [odds[k] for k in kept]
    if not spans:
        return None
    starts = [0] + [end for _, end in spans]
    stops = [start for start, _ in spans] + [len(text)]
    inputs = [
        ParagraphInput(text[start:stop], context if i == 0 else segment_context(context, text[: stops[i - 1]], text[start:stop]))
        for i, (start, stop) in enumerate(zip(starts, stops, strict=True))
    ]
    return _Sentences(spans, bonus, starts, stops, inputs)


def _programme(sentences: _Sentences, probabilities: Sequence[Any], classes: list[str], weight: float) -> Segmentation:
    """The best segmentation of a piece's `sentences` given each one's label `probabilities` (rows over `classes`)."""
    spans, bonus, starts, stops = sentences.spans, sentences.bonus, sentences.starts, sentences.stops
    labels, kinds = _kinds(classes)
    logs = [[weight * math.log(max(sum(float(row[i]) for i in members), 1e-9)) for members in kinds] for row in probabilities]
    # Semi-Markov: best[j][y] is the best score of sentences 0..j-1 with the last segment labelled y, back[j][y]
    # where that segment starts and the label before it. A segment scores its sentences' labels and its length.
    sums = [[0.0] * len(kinds)]
    for row in logs:
        sums.append([total + value for total, value in zip(sums[-1], row, strict=True)])
    count = len(logs)
    best = [[0.0] * len(kinds)] + [[-math.inf] * len(kinds) for _ in range(count)]
    back: list[list[tuple[int, int]]] = [[(0, -1)] * len(kinds) for _ in range(count + 1)]
    for j in range(1, count + 1):
        for i in range(j):
            length = length_score(stops[j - 1] - starts[i])
            before = max(range(len(kinds)), key=best[i].__getitem__)
            entry = (best[i][before] + bonus[i - 1]) if i else 0.0
            for y in range(len(kinds)):
                score = entry + sums[j][y] - sums[i][y] + length
                if score > best[j][y]:
                    best[j][y], back[j][y] = score, (i, before if i else -1)
    segments, j, y = [], count, max(range(len(kinds)), key=best[count].__getitem__)
    while j > 0:
        i, previous = back[j][y]
        segments.append((i, y))
        j, y = i, previous
    segments.reverse()
    cuts, found = [], [labels[segments[0][1]]]
    for i, y in segments[1:]:
        if labels[y] != found[-1]:  # a cut between two segments of one label is the break model's to make
            cuts.append(spans[i - 1])
            found.append(labels[y])
    return Segmentation(cuts, found)


def length_score(length: int) -> float:
    """The log-density of a narrative paragraph of `length` characters: log-normal, as the labelled units of
    real reports run (median ~110 characters; `PARAGRAPH_LOG_LENGTH`)."""
    mean, spread = PARAGRAPH_LOG_LENGTH
    z = (math.log(max(length, 1)) - mean) / spread
    return -0.5 * z * z - math.log(spread * math.sqrt(2 * math.pi))


def glued_paragraphs(report: Report, regions: Sequence[tuple[int, int]] | None = None) -> list[Paragraph]:
    """The narrative paragraphs of `report` that lie in a flattened page's glued lines (`regions`: those lines'
    source offsets, by default found in the report's text as read)."""
    regions = flattened_regions(report.source_text) if regions is None else regions
    return [p for p in report.narrative() if any(low <= p.start < high for low, high in regions)]


def segment_report(report: Report, classifier: Any, breaks: BreakModel | None = None, weight: float = LABEL_WEIGHT) -> Report:
    """Cut the glued narrative paragraphs of `report` (in place): a template section's title run on into its
    first paragraph becomes that section's heading line again (`split_opening_heading`), a numbered problem of
    section 五 and the plan glued after it two paragraphs (`plan_turns`), and a piece longer than
    `MIN_PIECE_CHARS` (any piece where the page shows fewer than `SECTIONS_THAT_BOUND` template sections, and a
    section's only narrative paragraph) is cut where `best_cuts` says; paragraphs are numbered again. A report that
    kept its line breaks is left as it is. Returns the report.

    Once per report: this function owns the mark (`Report.segmented`), set after the first call, so a report already
    cut (by any path, or read back from its JSON with the mark) is returned as it is and the classifier is not asked
    again (the paths that label a report each call it first, `nlp.pipeline.segment`)."""
    if report.segmented:
        return report
    _segment(report, classifier, breaks, weight)
    report.segmented = True
    return report


def _segment(report: Report, classifier: Any, breaks: BreakModel | None, weight: float) -> None:
    """`segment_report`'s cuts, whatever the mark says."""
    regions = flattened_regions(report.source_text)
    if not regions:
        return
    titled = _section_titles(report)
    _replace(report, {id(p): split_opening_heading(report.source_text, p, titled.get(id(p))) for p in glued_paragraphs(report, regions)})
    contexts = _contexts(report)
    turns = {id(p): split_paragraph(report.source_text, p, plan_turns(p.text)) for p in glued_paragraphs(report, regions) if contexts[id(p)].section == FIVE}
    if any(len(parts) > 1 for parts in turns.values()):
        _replace(report, turns)
        contexts = _contexts(report)
    floor = MIN_PIECE_CHARS if len(set(report.section_keys) & set(SECTION_KEYS)) >= SECTIONS_THAT_BOUND else 0
    # A section's only paragraph is its whole body run together where no item or subheading cut it (`一、概述` and three
    # plain paragraphs on organisation, the catalogue and the platform): cut where its labels say, however short.
    sole = _sole_paragraphs(report)
    pieces = [p for p in glued_paragraphs(report, regions) if len(p.text) > (0 if id(p) in sole else floor)]
    if not pieces:
        return
    model = breaks if breaks is not None else shipped_break_model()
    found = cuts_of_pieces([(p.text, contexts[id(p)]) for p in pieces], classifier, model, weight)
    _replace(report, {id(p): split_paragraph(report.source_text, p, cuts.cuts) for p, cuts in zip(pieces, found, strict=True)})


def _sole_paragraphs(report: Report) -> set[int]:
    """The ids of the narrative paragraphs that are their section's only one."""
    found = set()
    for section in report.sections:
        narrative = [p for p in section.paragraphs if p.kind == "narrative"]
        if len(narrative) == 1:
            found.add(id(narrative[0]))
    return found


def _contexts(report: Report) -> dict[int, Context]:
    """The context (`report_inputs`) of each narrative paragraph of `report`, by the paragraph's id."""
    return {id(p): item.context for p, item in zip(report.narrative(), report_inputs(report), strict=True)}


def plan_turns(text: str) -> list[tuple[int, int]]:
    """The sentence ends of a section 五 piece where its problems turn to the plans (`…业务能力有待提升。下一步，我局将…`,
    `…偏少。改进措施：加强…`): the halves `section_five_halves` reads its sentences in, at each change from the
    problems to the plans, in a piece that opens with a numbered item, where the plan opens a list (`_PLAN_LIST`), or
    where both halves are labelled (`_PROBLEMS_LABEL`, `_PLANS_LABEL`). A problem and its plan written as two plain
    paragraphs and glued are one piece whatever its length, which the labels' cuts (`JOINED_LABELS`) leave whole."""
    spans = [span for span in candidates(text, after_title=True) if text[span[0] - 1] not in "：:"]
    if not spans:
        return []
    starts = [0] + [end for _, end in spans]
    stops = [start for start, _ in spans] + [len(text)]
    halves = section_five_halves([text[start:stop] for start, stop in zip(starts, stops, strict=True)])
    numbered = bool(_LIST_ITEM.match(text))
    labelled = bool(_PROBLEMS_LABEL.match(text))
    return [
        spans[k - 1]
        for k in range(1, len(halves))
        if halves[k - 1] == PROBLEMS
        and halves[k] == IMPROVEMENTS
        and (numbered or _PLAN_LIST.match(text, starts[k], stops[k]) or (labelled and _PLANS_LABEL.match(text, starts[k], stops[k])))
    ]


def split_opening_heading(source_text: str, paragraph: Paragraph, section_title: str | None = None) -> list[Paragraph]:
    """A narrative paragraph that opens with a template section's title (`二、主动公开政府信息情况详见附表。`, as
    every section of a flattened page does) as the heading line and the paragraph after it, as the page was
    written; the paragraph alone where there is no such title or nothing after it. `section_title`: the title
    of the section the parser opened at this paragraph (`_section_titles`), read off its front after a number
    where the title alone does not say it opens a section (`1. 总体情况2024年，…`: a report numbering its six
    sections `1.`…`6.`, which `opening_section` leaves to the parser, as `1.主动公开情况` is as often a subsection)."""
    opened = opening_section(paragraph.text)
    end = opened.end if opened is not None else _numbered_title_end(paragraph.text, section_title)
    if end is None or not paragraph.text[end:].strip():
        return [paragraph]
    heading, body = split_paragraph(source_text, paragraph, [(end, end)])
    heading.kind = "heading"
    return [heading, body]


#: An arabic or Chinese section number as a glued section heading carries it (`1. `, `2、`, `（3）`, `四、`).
_SECTION_NUMBER = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,2}[）)]|[一二三四五六七八九十\d]{1,2}[、.．])\s*")


def _numbered_title_end(text: str, title: str | None) -> int | None:
    """Where `title` ends in `text` that opens with a section number and then `title`; None otherwise."""
    if not title:
        return None
    number = _SECTION_NUMBER.match(text)
    if number is None or not text.startswith(title, number.end()):
        return None
    return number.end() + len(title)


def _section_titles(report: Report) -> dict[int, str]:
    """The title of each template section the parser opened at a narrative paragraph (its heading glued to the
    paragraph, no heading line of its own), by that paragraph's id."""
    return {
        id(section.paragraphs[0]): section.title
        for section in report.sections
        if section.key in SECTION_KEYS and section.title and section.paragraphs and section.paragraphs[0].kind == "narrative"
    }


def _replace(report: Report, parts: dict[int, list[Paragraph]]) -> None:
    """Each paragraph of `report` whose id is in `parts` replaced by those parts; all numbered again."""
    if all(len(found) == 1 for found in parts.values()):
        return
    for section in report.sections:
        section.paragraphs = [part for paragraph in section.paragraphs for part in parts.get(id(paragraph), [paragraph])]
    for index, paragraph in enumerate(report.paragraphs):
        paragraph.index = index


#: Punctuation widths folded where a part's opening is looked for in the source (one character for one).
_WIDTHS = str.maketrans("，；：？！", ",;:?!")


def split_paragraph(source_text: str, paragraph: Paragraph, cuts: Sequence[tuple[int, int]]) -> list[Paragraph]:
    """`paragraph` cut at `cuts` (spans of its text, dropped), each part with its source offsets: where the
    clean text is the source's span itself, exactly; otherwise where the part's opening is found in it."""
    if not cuts:
        return [paragraph]
    text = paragraph.text
    source = source_text[paragraph.start : paragraph.end]
    bounds = [(0, cuts[0][0])] + [(cuts[k][1], cuts[k + 1][0]) for k in range(len(cuts) - 1)] + [(cuts[-1][1], len(text))]
    parts: list[Paragraph] = []
    # The normaliser reads half-width punctuation between Chinese text full-width (`nlp.normalize.ocr`).
    folded = source.translate(_WIDTHS)
    at = 0
    for number, (low, high) in enumerate(bounds):
        if source == text:
            start = paragraph.start + low
        elif number == 0:
            start = paragraph.start
        else:
            found = folded.find(text[low : low + 6].translate(_WIDTHS), at)
            start = paragraph.start + (found if found >= 0 else at)
        at = max(at, start - paragraph.start)
        parts.append(replace(paragraph, text=text[low:high].strip(), start=start, end=paragraph.end, annotations=None, tokens=None))
    for part, following in zip(parts, parts[1:], strict=False):
        part.end = max(part.start, following.start)
    return parts


__all__ = ["LABEL_WEIGHT", "Segmentation", "best_cuts", "cuts_of_pieces", "plan_turns", "glued_paragraphs", "segment_context", "segment_report", "split_paragraph"]
