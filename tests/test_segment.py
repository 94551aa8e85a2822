"""Label-aware segmentation of glued paragraphs (`nlp.classify.segment`).

The damage is made here: the authored development reports and ../shared's whole reports glued into
one line (`tests.damage`), and small glued texts written here. The classifiers are the shipped one and
stand-ins written here that label a sentence by its words, with certainty.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from nlp.classify.context import Context
from nlp.classify.evaluate import match_units
from nlp.classify.loading import load_model
from nlp.classify.reportinputs import report_inputs
from nlp.classify.segment import best_cuts, glued_paragraphs, length_score, segment_report
from nlp.normalize.breaks import BreakModel
from nlp.normalize.glued import flattened_regions
from nlp.structure import parse_text
from tests import authored_sets, damage
from tests.conftest import REPO, gold_and_whole_report_texts, whole_reports

#: A break model with no opinion: every candidate at its threshold (log-odds 0), so the labels decide.
NEUTRAL = BreakModel({}, 0.0, 0.5)
GLUE = damage.TEXT_TRANSFORMS["join_lines"]


class WordLabeller:
    """A stand-in classifier: a segment's label is that of the first cue word it holds (`cues`), or
    `other`, with probability `sure`; the rest shared by the other labels."""

    def __init__(self, cues: dict[str, str], sure: float = 0.97) -> None:
        self.cues, self.sure = cues, sure
        self.labels = sorted({*cues.values(), "other", "problem", "improvement"})

    def predict_proba(self, items) -> np.ndarray:
        rows = []
        for item in items:
            label = next((label for word, label in self.cues.items() if word in item.text), "other")
            row = np.full(len(self.labels), (1 - self.sure) / (len(self.labels) - 1))
            row[self.labels.index(label)] = self.sure
            rows.append(row)
        return np.array(rows)


class EverySentenceDiffers(WordLabeller):
    """A stand-in that gives each segment another label than the last one asked: what would cut a piece at
    every sentence end if it were asked to."""

    def __init__(self) -> None:
        super().__init__({})
        self.asked = 0

    def predict_proba(self, items) -> np.ndarray:
        rows = []
        for _ in items:
            row = np.full(len(self.labels), 0.001)
            row[self.asked % len(self.labels)] = 1.0
            self.asked += 1
            rows.append(row / row.sum())
        return np.array(rows)


OVERVIEW = (
    "一、总体情况2023年，本局认真贯彻《条例》，坚持以公开为常态、不公开为例外，扎实推进政务公开工作，较好完成了年度任务。"
    "全年通过门户网站主动公开信息312条，其中政策文件45件、规划计划12件、财政预决算信息8条。主动公开信息均按规定时限发布。"
    "全年收到政府信息公开申请14件，其中网上申请9件、信函申请5件，均在法定期限内答复。申请内容主要涉及项目审批和统计数据。"
    "修订本局政府信息公开指南，完善保密审查制度，对拟公开信息逐条审查，全年未发生泄密事件。同步更新指南中的受理地址和电话。"
    "完成门户网站改版，开设政策解读专栏，政务微信公众号全年推送信息420篇。网站改版后新增无障碍浏览和智能问答功能。"
    "调整政务公开工作领导小组，局长任组长，分管副局长任副组长，办公室负责日常工作。领导小组全年召开专题会议3次。"
)
CUES = {"主动公开信息": "active_disclosure", "申请": "application", "指南": "info_management", "网站改版": "platform", "领导小组": "organization"}


# --- where it cuts ---------------------------------------------------------------------------------------


def test_a_piece_is_cut_where_the_label_changes_and_nowhere_else():
    found = best_cuts(OVERVIEW, Context(section="overview"), WordLabeller(CUES), NEUTRAL)
    parts = [OVERVIEW[start:end] for start, end in zip([0] + [end for _, end in found.cuts], [start for start, _ in found.cuts] + [len(OVERVIEW)], strict=True)]
    assert found.labels == ["other", "active_disclosure", "application", "info_management", "platform", "organization"]
    assert [part[:4] for part in parts] == ["一、总体", "全年通过", "全年收到", "修订本局", "完成门户", "调整政务"]


def test_a_sure_break_model_outweighs_a_weak_label_change_and_a_long_piece_is_cut_sooner():
    """The break model's log-odds weigh each cut: a model sure there is no paragraph break keeps a piece
    whole that a neutral one lets the labels cut."""
    unsure = WordLabeller(CUES, sure=0.6)
    assert len(best_cuts(OVERVIEW, Context(section="overview"), unsure, NEUTRAL).cuts) == 5
    assert best_cuts(OVERVIEW, Context(section="overview"), unsure, BreakModel({}, -30.0, 0.5)).cuts == []
    # A paragraph of a usual length scores higher than one three times as long (the length prior).
    assert length_score(120) > length_score(360) > length_score(1200)


def test_a_problem_and_its_plan_and_a_colons_lead_in_are_not_cut_apart():
    """ANNOTATION.md labels a unit holding a shortcoming and its fix by the problem: a change between
    problem and improvement is not a cut; nor is a lead-in ending in a colon cut from what it introduces."""
    text = "问题一：部分信息公开不够及时。改进措施：建立发布台账，按周督办。网站改版后栏目更清晰。"
    labeller = WordLabeller({"问题": "problem", "及时": "problem", "改进": "improvement", "台账": "improvement", "网站改版": "platform"})
    found = best_cuts(text, Context(section="problems_improvements", topic="problems"), labeller, NEUTRAL)
    assert [text[end : end + 4] for _, end in found.cuts] == ["网站改版"]


#: A page flattened: its sections' titles run on into their first paragraphs, a long overview of
#: paragraphs on five topics, a pointer to the tables under section 二.
FLATTENED = (
    "某县统计局2023年政府信息公开工作年度报告"
    + OVERVIEW
    + "二、主动公开政府信息情况详见附表。"
    + "三、收到和处理政府信息公开申请情况全年新收申请14件，予以公开10件。"
    + "四、政府信息公开行政复议、行政诉讼情况本年度未发生行政复议和行政诉讼。"
    + "五、存在的主要问题及改进情况政策解读形式较为单一。下一步，本局将丰富解读形式。"
    + "六、其他需要报告的事项无。"
)


def test_a_flattened_pages_section_titles_become_heading_lines_again():
    """Each section title run on into its first paragraph is cut off as the section's heading line, as the
    page was written, so the paragraph after it is labelled as it is on the written page."""
    whole = "".join(p.text for p in parse_text(FLATTENED).paragraphs)
    report = segment_report(parse_text(FLATTENED), WordLabeller(CUES), NEUTRAL)
    assert "".join(p.text for p in report.paragraphs) == whole  # cut, nothing lost
    assert len([p for p in report.narrative() if p.section == "overview"]) == 6  # the overview's six paragraphs
    headings = [p.text for p in report.paragraphs if p.kind == "heading"]
    assert "二、主动公开政府信息情况" in headings and "六、其他需要报告的事项" in headings
    assert "详见附表。" in [p.text for p in report.narrative()]
    assert [p.index for p in report.paragraphs] == list(range(len(report.paragraphs)))
    for paragraph in report.paragraphs:  # every part points at its own text in the source
        assert report.source_text[paragraph.start : paragraph.end].startswith(paragraph.text[:6])


def test_the_pipeline_cuts_a_flattened_pages_overview_by_its_labels():
    """`Steps.annotate` (the `analyze` command's steps) cuts the glued overview with the shipped classifier:
    its five topics are labelled apart."""
    from nlp.pipeline import Steps

    steps = Steps.load()
    report = steps.annotate([parse_text(FLATTENED)])[0]
    overview = [p for p in report.narrative() if p.section == "overview"]
    assert len(overview) >= 4
    assert len({p.annotations.label for p in overview}) >= 4
    # the same text with its line breaks: read and labelled as before, whatever the step would do
    written = FLATTENED.replace("二、", "\n二、").replace("三、", "\n三、")
    assert segment_report(parse_text(written), EverySentenceDiffers(), NEUTRAL).paragraphs == parse_text(written).paragraphs


# --- where it does not apply -----------------------------------------------------------------------------


def test_texts_with_their_line_breaks_are_structured_exactly_as_before():
    """Even a classifier that would cut every sentence end changes nothing in a report that kept its lines:
    the step only looks at a flattened page's glued lines."""
    texts = [record["text"] for record in whole_reports()] + list(gold_and_whole_report_texts().values())
    texts = [text for text in texts if max(map(len, text.split("\n"))) < 1000]  # seeds found glued are glued text
    texts += [record["text"] for record in authored_sets.records(REPO / "tests" / "gold" / "authored_reports.jsonl") if not authored_sets.held(record["doc_id"])]
    assert len(texts) >= 45
    for text in texts:
        report = parse_text(text)
        before = copy.deepcopy(report.paragraphs)
        assert flattened_regions(report.source_text) == []
        segment_report(report, EverySentenceDiffers(), NEUTRAL)
        assert report.paragraphs == before


def test_a_report_is_cut_once_whatever_calls_it_and_whether_read_back_from_its_json():
    """`nlp.segment_report` owns the mark (`Report.segmented`): a first call cuts and marks; a second call, or a call
    on the report read back from its JSON, changes nothing and asks the classifier nothing, even one that would cut
    the first call's parts further (the control: the same call with the mark cleared does cut)."""
    import json

    import nlp
    from nlp.pipeline import tables
    from nlp.reportjson import from_json, to_json

    before = len(parse_text(FLATTENED).paragraphs)
    report = nlp.segment_report(parse_text(FLATTENED), WordLabeller(CUES), NEUTRAL)
    assert report.segmented and len(report.paragraphs) > before  # the first call still cuts
    cut = [(p.text, p.start, p.kind) for p in report.paragraphs]

    control = copy.deepcopy(report)
    control.segmented = False
    nlp.segment_report(control, EverySentenceDiffers(), NEUTRAL)
    assert len(control.paragraphs) > len(cut)  # a second cut would change the report: what the mark prevents

    tables([report])
    back = from_json(json.loads(json.dumps(to_json(report), ensure_ascii=False)))
    for again in (report, back):
        asked = EverySentenceDiffers()
        assert nlp.segment_report(again, asked, NEUTRAL) is again
        assert [(p.text, p.start, p.kind) for p in again.paragraphs] == cut and asked.asked == 0


# --- glued reports: units merged with a neighbour of another label --------------------------------------


@pytest.mark.parametrize("glue", ["join_lines", "crawled_glued"])
def test_glued_authored_reports_lose_most_merges_of_units_with_other_labels(glue):
    """The authored development reports glued into one line: units that share a paragraph with a unit of
    another label (an overview's paragraphs run together) are at least halved, and no more units fall apart."""
    model = load_model()
    labelled = authored_sets.units_by_report(REPO / "tests" / "gold" / "authored_labels.jsonl")
    texts = {r["doc_id"]: r["text"] for r in authored_sets.records(REPO / "tests" / "gold" / "authored_reports.jsonl") if not authored_sets.held(r["doc_id"])}
    before = after = lost_before = lost_after = 0
    for doc_id, text in texts.items():
        units = [(u["text"], u["label"]) for u in labelled[doc_id] if u["label"]]
        report = parse_text(damage.TEXT_TRANSFORMS[glue](text), doc_id=doc_id)
        merged, lost = authored_sets.units_merged_or_lost(report, units)
        before, lost_before = before + merged, lost_before + lost
        assert glued_paragraphs(report)
        merged, lost = authored_sets.units_merged_or_lost(segment_report(report, model), units)
        after, lost_after = after + merged, lost_after + lost
    assert before >= 20
    assert after <= before / 2
    assert lost_after <= lost_before + 2


def test_glued_whole_reports_keep_their_labels_and_offsets():
    """../shared's whole reports glued: segmentation labels no fewer units right than the pipeline did
    without it, and every paragraph it makes points at its own text in the source."""
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled
    from tests.conftest import shared_path

    model = load_model()
    gold = examples_from_units(read_labelled([shared_path("labels", "full_reports.jsonl")]))
    wanted: dict[str, list[tuple[str, str]]] = {}
    for paragraph, label, doc_id in zip(gold.inputs, gold.labels, gold.groups, strict=True):
        wanted.setdefault(doc_id, []).append((paragraph.text, label))
    right = {False: 0, True: 0}
    for record in whole_reports():
        units = wanted.get(record["doc_id"], [])
        for segmented in (False, True):
            report = parse_text(GLUE(record["text"]), doc_id=record["doc_id"])
            if segmented:
                segment_report(report, model)
                for paragraph in report.paragraphs:
                    assert report.source_text[paragraph.start : paragraph.end].startswith(paragraph.text[:4])
            inputs = report_inputs(report)
            found = [str(label) for label in model.predict(inputs)] if inputs else []
            matched = match_units([text for text, _ in units], [p.text for p in inputs])
            right[segmented] += sum(index is not None and found[index] == label for (_, label), index in zip(units, matched, strict=True))
    assert right[False] >= 300
    assert right[True] >= right[False]
