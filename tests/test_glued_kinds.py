"""Kinds of loss in flattened pages and the rules that handle them (`nlp.normalize.glued`, `nlp.normalize.breaks`
`title_ends`, `nlp.classify.segment`).

The damage is made here: ../shared's whole reports and the authored development reports glued into one line
after another kind of loss (`tests.damage_glued`: headings gone, item numbers gone, a space between blocks), and
small flattened pages written here. Each test names the kind it checks.
"""

from __future__ import annotations

import re

import pytest

from nlp.classify.loading import load_model
from nlp.classify.segment import plan_turns, segment_report
from nlp.normalize import comparable, normalize_text
from nlp.normalize.breaks import BreakModel, candidates, title_ends
from nlp.normalize.glued import flattened_regions
from nlp.structure import parse_text
from tests import authored_sets, damage
from tests.conftest import REPO, shared_path, whole_reports
from tests.damage_glued import GLUED_SHAPES, glued_unheaded, glued_unnumbered, items_unnumbered

#: A run-in title that names a topic, at a unit's start (as `_FLATTENED_TITLE` finds them after a sentence end).
TOPIC_TITLE = re.compile(r"^[^。！？；：:，,、“”《》（）()\d]{2,14}(?:情况|方面|工作|建设|管理|保障|公开|监督|解读|关切)。")
#: Nothing, or a section's heading (a first paragraph runs on after it).
SECTION_HEADING = re.compile(r"(?:[一二三四五六七八九十]{1,2}、[^。]{2,30})?")
#: A break model that would cut at every sentence end it is offered.
CUT_EVERYWHERE = BreakModel({}, 50.0, 0.5)
GLUE = damage.TEXT_TRANSFORMS["join_lines"]

#: A page written here with its line breaks: six sections, subheadings, items run in one paragraph after
#: semicolons, a lead-in closed by a colon, a picture and its caption.
WRITTEN = "\n".join(
    [
        "某县农业农村局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "2023年，本局认真贯彻《条例》，现将有关情况报告如下：",
        "（一）主动公开情况。全年通过门户网站主动公开信息312条，其中政策文件45件。",
        "（二）依申请公开情况。全年收到政府信息公开申请14件，均在法定期限内答复。",
        "（三）政府信息管理。本局抓好三项工作：一是修订公开指南；二是完善保密审查制度；三是清理规范性文件12件。",
        "photo_2023_meeting.jpg",
        "图为本局政务公开工作推进会现场",
        "（四）平台建设。完成门户网站改版，政务微信公众号全年推送信息420篇。",
        "二、主动公开政府信息情况",
        "详见附表。",
        "三、收到和处理政府信息公开申请情况",
        "全年新收申请14件，予以公开10件。",
        "四、政府信息公开行政复议、行政诉讼情况",
        "本年度未发生行政复议和行政诉讼。",
        "五、存在的主要问题及改进情况",
        "1.政策解读形式较为单一。",
        "2.工作人员均为兼职，业务能力有待提升。",
        "下一步，本局将丰富解读形式，组织业务培训。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _paragraphs(text: str) -> list[str]:
    return [comparable(p.text) for p in parse_text(text).paragraphs]


def _held_whole(line: str, paragraphs: list[str]) -> bool:
    """`line` lies whole inside one paragraph."""
    return any(comparable(line) in paragraph for paragraph in paragraphs)


def _stands_apart(line: str, paragraphs: list[str]) -> bool:
    """`line` is a paragraph of its own, or begins one (a heading's first paragraph may run on)."""
    wanted = comparable(line)
    return any(paragraph == wanted or paragraph.startswith(wanted) for paragraph in paragraphs)


# --- items: a paragraph's own items after a semicolon stay in it; a colon's list begins paragraphs -----------


def test_items_run_in_a_paragraph_after_semicolons_stay_in_it_when_a_page_is_flattened():
    """Kind: a unit cut into pieces. `一是…；二是…；三是…` written as one paragraph stays one in the flattened page;
    the blob rule (ANNOTATION.md) still cuts items after a full stop."""
    paragraphs = _paragraphs(GLUE(WRITTEN))
    assert _held_whole("（三）政府信息管理。本局抓好三项工作：一是修订公开指南；二是完善保密审查制度；三是清理规范性文件12件。", paragraphs)
    blob = GLUE(WRITTEN.replace("修订公开指南；二是", "修订公开指南。二是"))
    assert _stands_apart("二是完善保密审查制度；三是清理规范性文件12件。", _paragraphs(blob))


def test_the_rules_leave_items_run_after_semicolons_in_their_paragraph_in_glued_whole_reports():
    """Kind: a unit cut into pieces, on ../shared's whole reports glued: where a labelled unit runs items after
    semicolons (`…；二是…`), the rules start no line there (the break model may still cut, as anywhere)."""
    from nlp.labels import read_labelled

    units = [u for u in read_labelled([shared_path("labels", "full_reports.jsonl")]) if u.kind == "narrative"]
    running = [u for u in units if re.search(r"[；;][二三四五]是", u.text)]
    assert len(running) >= 5
    texts = {record["doc_id"]: record["text"] for record in whole_reports()}
    for unit in running:
        lines = [comparable(line) for line in _lines(normalize_text(GLUE(texts[unit.doc_id]), breaks=None).text)]
        for match in re.finditer(r"(?<=[；;])[二三四五]是[^；;。]{4,}", unit.text):
            assert not any(line.startswith(comparable(match.group(0))) for line in lines), match.group(0)


def test_a_colons_list_begins_paragraphs_in_a_flattened_page():
    """Kind: a lead-in merged into its list. `…报告如下：（一）主动公开情况。…` glued: the item begins a paragraph."""
    paragraphs = _paragraphs(GLUE(WRITTEN))
    assert _stands_apart("（一）主动公开情况。全年通过门户网站主动公开信息312条，其中政策文件45件。", paragraphs)
    assert not any("报告如下" in p and "主动公开信息312条" in p for p in paragraphs)


# --- run-in titles: a cut goes before a title, not after it ----------------------------------------------


def test_a_run_in_title_binds_to_what_follows():
    """Kind: a subheading cut off its paragraph. A short sentence with no comma between full stops closes a title:
    neither the break model nor the labels' cuts end a paragraph after it; a clause after a semicolon is no title."""
    line = "全年发布月报12期。环境执法信息公开。在监管平台公开抽查结果，全年处罚9件。无收费及减免情况。部分信息不够及时；热线接通率偏低。下一步将改进。"
    spans = candidates(line)
    after = {line[start - 9 : start] for index, (start, _) in enumerate(spans) if index in title_ends(line, spans)}
    assert after == {"环境执法信息公开。"}
    cut_after = [line[:start] for start, _ in CUT_EVERYWHERE.cut_positions(line)]
    assert not any(before.endswith("环境执法信息公开。") for before in cut_after)
    assert any(before.endswith("全年发布月报12期。") for before in cut_after)


def test_unnumbered_subheadings_begin_paragraphs_in_a_flattened_page():
    """Kind: paragraphs merged where their subheadings lost their numbers (`…关切。依申请公开情况。2023年…`):
    ../shared's whole reports with their item numbers gone, glued: a labelled unit's run-in topic title stands
    at the start of its paragraph (or after its section's heading, ANNOTATION.md's glued unit), nearly always."""
    from nlp.labels import read_labelled

    units = [u for u in read_labelled([shared_path("labels", "full_reports.jsonl")]) if u.kind == "narrative"]
    texts = {record["doc_id"]: record["text"] for record in whole_reports()}
    titles = [(u.doc_id, match.group(0)) for u in units if (match := TOPIC_TITLE.match(items_unnumbered(u.text)))]
    assert len(titles) >= 20
    paragraphs_of: dict[str, list[str]] = {}
    opened = 0
    for doc_id, title in titles:
        paragraphs = paragraphs_of.setdefault(doc_id, _paragraphs(glued_unnumbered(texts[doc_id])))
        holding = [paragraph for paragraph in paragraphs if comparable(title) in paragraph]
        opened += any(SECTION_HEADING.fullmatch(paragraph[: paragraph.index(comparable(title))]) for paragraph in holding)
    assert opened >= 0.95 * len(titles)


# --- section 五: a numbered problem and the plan glued after it ----------------------------------------------


def test_a_numbered_problem_and_the_plan_after_it_are_two_paragraphs():
    """Kind: a unit merged into a neighbour of another label (problem and plan). A plan after a numbered problem
    item is cut off it; after `二是` items (one paragraph, ANNOTATION.md rule 5) or an unnumbered problem it is not."""
    item = "2.工作人员均为兼职，业务能力有待提升。下一步，本局将组织业务培训。"
    assert [item[end : end + 3] for _, end in plan_turns(item)] == ["下一步"]
    assert plan_turns("一是公开不够及时。二是解读形式单一。下一步，本局将改进。") == []
    assert plan_turns("部分信息公开不够及时。下一步，本局将改进。") == []
    report = segment_report(parse_text(GLUE(WRITTEN)), load_model())
    texts = [comparable(p.text) for p in report.narrative()]
    assert comparable("2.工作人员均为兼职，业务能力有待提升。") in texts
    assert any(text.startswith(comparable("下一步，本局将")) for text in texts)


# --- pictures -----------------------------------------------------------------------------------------------


def test_a_pictures_file_name_and_caption_stand_apart_in_a_flattened_page():
    """Kind: picture captions glued on. The image's file name and its caption (which has no stop of its own, and
    runs on into the next item) are lines of their own, as in the written page."""
    paragraphs = _paragraphs(GLUE(WRITTEN))
    assert _stands_apart("photo_2023_meeting.jpg", paragraphs)
    assert comparable("图为本局政务公开工作推进会现场") in paragraphs
    assert _stands_apart("（四）平台建设。完成门户网站改版，政务微信公众号全年推送信息420篇。", paragraphs)


# --- sections lost: a page flattened with no heading left ------------------------------------------------------


def _authored_development() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """doc_id → (text, labelled narrative units) of both authored sets' development parts."""
    found = {}
    for reports, labels in (("authored_reports.jsonl", "authored_labels.jsonl"), ("authored_b/reports.jsonl", "authored_b/labels.jsonl")):
        labelled = authored_sets.units_by_report(REPO / "tests" / "gold" / labels)
        for record in authored_sets.records(REPO / "tests" / "gold" / reports):
            if not authored_sets.held(record["doc_id"]):
                found[record["doc_id"]] = (record["text"], [(u["text"], u["label"]) for u in labelled[record["doc_id"]] if u["label"]])
    return found


def test_a_page_flattened_without_its_headings_is_cut_into_its_paragraphs():
    """Kind: sections lost. A report whose section headings are gone, glued into one line, holds none of the
    headings or items the glued-region tests look for: it is still a flattened page (its length alone), its tables
    start and end lines of their own, and its pieces, not bounded by sections, are cut where their labels change
    however short. Few units share a paragraph with a unit of another label (117 of 384 before these rules, 48 after)."""
    model = load_model()
    units_total = merged_total = lost_total = 0
    for text, units in _authored_development().values():
        glued = glued_unheaded(text)
        assert flattened_regions(glued)
        report = segment_report(parse_text(glued), model)
        merged, lost = authored_sets.units_merged_or_lost(report, units)
        units_total, merged_total, lost_total = units_total + len(units), merged_total + merged, lost_total + lost
        tables = [line for line in _lines(text) if "\t" in line and len(comparable(line)) >= 6]
        for line in tables:  # no table row stands inside a narrative paragraph
            assert not any(comparable(line) in comparable(p.text) for p in report.narrative())
    assert units_total >= 300
    assert merged_total <= 0.15 * units_total
    assert lost_total <= 0.02 * units_total


@pytest.mark.parametrize("shape", sorted(GLUED_SHAPES))
def test_texts_with_their_line_breaks_have_no_flattened_page_and_glued_shapes_do(shape):
    """The new test for a flattened page (a long line that is most of its text) finds none in ../shared's whole
    reports or the authored development reports as written, and finds every one of them glued in each shape."""
    texts = [record["text"] for record in whole_reports()] + [text for text, _ in _authored_development().values()]
    for text in texts:
        assert flattened_regions(text) == []
        assert flattened_regions(GLUED_SHAPES[shape](text))


def test_one_long_paragraph_is_cleaned_whole_never_read_as_a_flattened_page():
    """A labelled unit or a user's paragraph as long as a short page (`clean_text`) is one paragraph: the test for a
    page flattened with no heading (its length alone) does not apply, so no line break (a space once joined) is put
    into it; the same text given as a page is cut."""
    from nlp.labels import read_labelled
    from nlp.normalize import clean_text

    units = [u for u in read_labelled([shared_path("labels", "full_reports.jsonl")]) if len(u.text) >= 450]
    assert units
    for unit in units:
        assert comparable(clean_text(unit.text)) == comparable(unit.text)
        assert " " not in clean_text(unit.text).strip() or " " in unit.text
    page = "".join(_lines(WRITTEN)).replace("一、总体情况", "").replace("二、主动公开政府信息情况", "")
    page = re.sub(r"[一二三四五六]、[^。]{2,24}?情况|六、其他需要报告的事项", "", page)
    assert flattened_regions(page) and "\n" in normalize_text(page, breaks=None).text
