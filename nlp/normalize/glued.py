"""Glued reports: one long line carrying many sections, cut back into headings, items and table rows."""

from __future__ import annotations

import re
from typing import Literal

from nlp.normalize.breaks import RUN_IN_TITLE, TITLE_CHAR, BreakModel, shipped_break_model
from nlp.normalize.furniture import SIGNATURE_LINE

# Which lines are glued is `gluedlines`' to say; its names stay importable from here, where callers look for them.
from nlp.normalize.gluedlines import (
    _GLUED_SECTION as _GLUED_SECTION,
    _TITLE_WORD as _TITLE_WORD,
    GLUED_HEADING as GLUED_HEADING,
    GLUED_LINE_MIN_CHARS as GLUED_LINE_MIN_CHARS,
    _holds_two_headings as _holds_two_headings,
    _is_flattened as _is_flattened,
    flattened_regions as flattened_regions,
    glued_line_spans as glued_line_spans,
    is_glued_report_line as is_glued_report_line,
)
from nlp.normalize.lines import CN_NUM, NOT_DECIMAL, UNIT_CHARS
from nlp.normalize.text import NormalizedText
from nlp.normalize.titles import TABLE_ROW_TITLE, WHOLE_TEMPLATE_TITLE

#: Boundaries that begin an enumerated item after a sentence end (the ANNOTATION.md unit rule).
_GLUED_ITEM = re.compile(
    r"(?<=[。；;！？!?])[ \t]*(?=[（(][" + CN_NUM + r"]{1,2}[)）]|[" + CN_NUM + r"]{1,2}、|\d{1,2}[、．]|\d{1,2}\." + NOT_DECIMAL + r"|[" + CN_NUM + r"]是|首先|其次|再次|最后)"
    r"|(?<=[。；;！？!?：:\u4e00-\u9fff\d”])[ \t]+(?=[（(][" + CN_NUM + r"]{1,2}[)）]|[" + CN_NUM + r"]{1,2}、)"
)
#: The same in a flattened page (`flattened_regions`), where the page's own paragraphs are what is put back:
#: lower-level items (`一是`, `1.`, `首先`) after a semicolon run on in one paragraph, and section or subsection
#: items (`（一）`, `一、`) after a colon begin one. Of the labelled units of ../shared and the authored
#: development parts, 121 hold `；二是` inside and 7 begin after a `；` (29 and 3 for `；2.`); 33 begin with `（X）`
#: after a colon and none holds one. After a full stop the blob rule stands (it is ANNOTATION.md's, for glued text),
#: with items numbered `（1）` as well (a report numbering its subsections `（1）`…, as some number their sections `1.`…).
_FLATTENED_ITEM = re.compile(
    r"(?<=[。！？!?])[ \t]*(?=[（(](?:[" + CN_NUM + r"]{1,2}|\d{1,2})[)）]|[" + CN_NUM + r"]{1,2}、|\d{1,2}[、．]|\d{1,2}\." + NOT_DECIMAL + r"|[" + CN_NUM + r"]是|首先|其次|再次|最后)"
    r"|(?<=[；;：:])[ \t]*(?=[（(][" + CN_NUM + r"]{1,2}[)）]|[" + CN_NUM + r"]{1,2}、)"
    r"|(?<=[：:\u4e00-\u9fff\d”])[ \t]+(?=[（(][" + CN_NUM + r"]{1,2}[)）]|[" + CN_NUM + r"]{1,2}、)"
)
#: Table rows run together (`…0 0 21二、上年结转…`, `220000022（二）部分公开`, `| 0 |（二）部分公开`): a row
#: label after the previous row's last number or cell border. Arabic-numbered labels are one digit (no table of the template has
#: more than eight items under one row), so `…01.本机关不掌握` is `…0` then `1.本机关不掌握`.
_GLUED_ROW = re.compile(
    r"(?<=[\d|])[ \t]*\|?[ \t]*(?=[（(][" + CN_NUM + r"]{1,2}[)）][\u4e00-\u9fff]|[" + CN_NUM + r"]{1,2}、[\u4e00-\u9fff]|[1-9][.．、][\u4e00-\u9fff]|总计|合计)"
    # The rows of table 三 by their template labels, after the header words as well.
    r"|(?<=[\u4e00-\u9fff\d）)])(?=[一二三四]、(?:本年新收|上年结转|本年度办理结果|结转下年度))"
)
#: A run-in subheading without a number after a sentence end (`…回应群众关切。依申请公开情况。2023年，我局…`):
#: a title (`breaks.RUN_IN_TITLE`; its `一是` branch is cut by `_FLATTENED_ITEM` anyway) as a sentence of its own.
#: Of the titles that name a topic in the labelled units of ../shared and the authored development parts (item
#: numbers taken off), 714 open a unit and 50 stand inside one. Only in a flattened page.
_FLATTENED_TITLE = re.compile(r"(?<=[。！？!?])[ \t]*(?=(?:" + RUN_IN_TITLE.pattern + r")。)")
#: A picture glued into a flattened page (ANNOTATION.md rule 8: its file name is `meta`, its caption a `heading`):
#: an image file's name starts a line and ends one, and so does a caption (`图为…`, `图1 …`) after a sentence's stop.
_IMAGE_FILE = r"[A-Za-z0-9_\-]{1,60}\.(?:jpe?g|png|gif|bmp|webp)(?![A-Za-z])"
_FLATTENED_PICTURE = re.compile(
    r"(?<![A-Za-z0-9_.\-/])[ \t]*(?=" + _IMAGE_FILE + ")"
    r"|(?:(?<=\.jpg)|(?<=\.jpeg)|(?<=\.png)|(?<=\.gif)|(?<=\.bmp)|(?<=\.webp))[ \t]*(?=[^\sA-Za-z])"
    r"|(?<=[。！？!?])[ \t]*(?=图[ \t]?\d{0,2}[为：: \t　])"
)
#: A caption has no stop of its own: it ends where a numbered item or heading follows it on its line.
_CAPTION_THEN_ITEM = re.compile(r"^图[ \t]?\d{0,2}[为：: \t　][^。！？!?\n]{2,40}?(?=[（(][" + CN_NUM + r"]{1,2}[)）]|[" + CN_NUM + r"]{1,2}、)", re.MULTILINE)
_BEFORE_ITEM = re.compile(r"(?=[（(][" + CN_NUM + r"]{1,2}[)）]|[" + CN_NUM + r"]{1,2}、)")
#: A statistical table glued after a sentence, where no heading before it says a table comes (a report whose
#: section headings are lost): its header's or its note's first words after a sentence end; and its end, where
#: a sentence follows its last cell (`…行政事业性收费\t0本年度新收政府信息公开申请0件，…`, `…\t102024年，我市…`): a
#: figure after a cell border, then words (or a year) running to a comma or stop before any other cell border.
#: Only in a flattened page.
_FLATTENED_TABLE = re.compile(
    r"(?<=[。！？!?])[ \t]*(?=第二十条第|信息内容[ \t|]*本年|[（(]本列数据|申请人情况|行政复议[ \t|]*(?:结果)?维持)"
    # The first table's header after a short title with no stop of its own (`…考核。统计数据第二十条第（一）项信息内容…`).
    r"|(?<=[。！？!?])[ \t]*(?=[\u4e00-\u9fff]{2,10}第二十条第[（(][一二三四五六七八][)）]项[ \t|]*信息内容)"
    r"|(?<=[\u4e00-\u9fff])[ \t]*(?=第二十条第[（(][一二三四五六七八][)）]项[ \t|]*信息内容)"
    r"|(?:(?<=[\t|]\d)|(?<=[\t|]\d\d)|(?<=[\t|]\d\d\d))(?=(?:[\u4e00-\u9fff（(“]|(?:19|20)\d\d年)[^\t|\n]{3,60}?[，。；])"
)
#: A table whose cells lost their borders too, run into the next section's first sentence (`…尚未审结总计
#: 000000000000000存在的主要问题：一是…`, `…总计10100000000500002023 年，洪泽区…`, `…未审结000…0001.信息公开不及时。`):
#: after the figures that follow a table's last header or row label (`总计`, `合计`, `审结`, `继续办理`, `复议后起诉`,
#: `收费`, `采购`), what opens a sentence — a year (`2023年`), a first item (`1.`, `（一）`) or words that are not
#: a unit (`件`, `元`, …) — running to a comma, colon or stop with no figure before it, begins a line. The
#: figures stay on the table's line as they are: where several cells ran together the table reader splits them
#: by the table's arithmetic or leaves them out with a warning; this rule never cuts between two cells. Group 1
#: is the empty span where the line breaks. Only in a flattened page.
#: What follows a figure in a sentence (`5件`, `2023年度`, `12万元`): a figure's unit (`UNIT_CHARS`, as the table
#: reader reads them), and amounts' `万`, `亿`, `元`.
_FIGURE_UNITS = re.escape("".join(sorted(UNIT_CHARS)) + "万亿元")
_BORDERLESS_TABLE_END = re.compile(
    r"(?<=总计|合计|审结|办理|起诉|收费|采购)[ \t]*\d[\d. \t]*?()(?="
    r"(?:(?:19|20)\d\d[ \t]*年|1[.．、][ \t]*(?=[\u4e00-\u9fff])|[（(][一1][)）])[^\d\t|\n]{0,60}?[，,。；;：:！？]"
    r"|(?![" + _FIGURE_UNITS + r"])[\u4e00-\u9fff“][^\d\t|\n]{3,60}?[，,。；;：:！？])"
)
#: The fee statement of section 六 (`本年度未收取信息处理费。`, which the template asks every report for) glued between
#: other sentences: a paragraph of its own. In the labelled narrative units of ../shared and the authored development
#: parts, 27 are the fee statement alone (all `application`) and 6 hold it in a longer unit; glued to the closing
#: (`…信息处理费。无其他需要报告的事项。`) or to the NPC/CPPCC proposals it took their label. Its start is cut after a
#: sentence end, its end before the next sentence. Only in a flattened page.
_FEE_SENTENCE = re.compile(
    r"(?:^|(?<=[。！？!?；;]))[^。！？!?；;\n]{0,40}?(?:收取[^。！？!?；;\n]{0,20}?信息处理费|信息处理费[^。！？!?；;\n]{0,10}?收取)[^。！？!?；;\n]{0,20}?[。！？!?]",
    re.MULTILINE,
)
#: A subheading without a number or a stop of its own, glued between the sentence before it and its first
#: sentence (`…2316户。依申请公开情况全年收到信息公开申请7件，…`): a title that closes with `情况` or `措施` and names a
#: topic (`_TOPIC_WORD`), then text. Not an opening that reports (`现将…情况报告如下`, `具体情况如下`, `其中…`,
#: `全文包括总体情况…`) nor one that goes on as a clause (`…情况良好`, `…情况和…`). Of the sentences of the labelled narrative units of ../shared
#: and the authored development parts that open so, none is left by these exclusions; the 13 unnumbered headings
#: of the kind are all such titles. It is a line of its own, as the written page had it. Only in a flattened page.
_GLUED_TITLE = re.compile(
    r"(?<=[。！？!?])[ \t]*(?!现将|具体|全年|其中|本报告|全文|为|对|及|并|每|在|经|按|根据|通过|结合|围绕)(" + TITLE_CHAR + r"{2,12}?(?:情况|措施))"
    r"(?=[\u4e00-\u9fff\d])(?!如下|报告|汇报|总结|是|提供|和|及|与|的|自查|良好|较好|总体|不|有|进行|开展|等)"
)
#: A run-in title as a short sentence of its own that opens a list of `一是` items (`…3182条。重点领域信息公开扎实推进。
#: 一是就业创业领域，…`): the title and its list are one paragraph, begun before the title. In the labelled narrative
#: units of ../shared and the authored development parts such a sentence before `一是` stands inside a unit 3 times
#: and ends one never (a unit of `一是` items opens after a heading, 83 times, all numbered). Only in a flattened page.
_TITLE_BEFORE_LIST = re.compile(r"(?<=[。！？!?])[ \t]*(?=" + TITLE_CHAR + r"{4,16}。[ \t]*[" + CN_NUM + r"]是)")
_ENDS_WITH_LIST_TITLE = re.compile(r"(?:^|[。！？!?\n])[ \t]*" + TITLE_CHAR + r"{4,16}。[ \t]*$")
_TOPIC_WORD = re.compile(r"公开|申请|管理|平台|建设|保障|组织|监督|解读|问题|改进|整改|基本|总体|复议|诉讼|收费|其[他它]")
#: The sign-off run on after the report's last sentence (`…无。某县水务局2017年3月20日（此件主动公开）`): a line
#: of its own, where it is read as the sign-off (`SIGNATURE_LINE`), not as the last paragraph's end.
_GLUED_SIGN_OFF = re.compile(r"(?<=[。！？!?])[ \t]*(?=" + SIGNATURE_LINE.pattern.removeprefix("^") + ")", re.MULTILINE)
#: The first words of a statistical table (its header or its note, or table 三's first row where the page
#: dropped the header), as they follow a glued section heading.
_TABLE_START = re.compile(r"[（(]?本列数据|第二十条第|信息内容|申请人情况|行政复议|[（(]?单位[:：]|(?:[一1][、.．]\s*)?(?:本年新收|上年结转)[^。，,]{0,12}申请数量")


#: A sentence end's trailing spaces (possibly none), where `cut_paragraphs` puts a line break.
_SENTENCE_GAP = re.compile(r"(?<=[。！？；!?;：:])[ \t]*")


def split_glued_lines(
    text: NormalizedText, breaks: BreakModel | Literal["shipped"] | None = "shipped", page_flattened: bool = False, whole_page: bool = True
) -> NormalizedText:
    """Put line breaks back into text whose blocks were run together (web pages flattened to lines).

    A long line that carries several template sections is a glued report: its template section
    headings are cut out wherever they stand, glued on both sides or not, and its enumerated items
    and table rows are put on lines of their own (`cut_by_rules`). Where such lines are most of the
    text (a page flattened, not one long paragraph of a report that kept its lines), the paragraph
    breaks no enumerator marks are put back at the sentence ends the break model picks
    (`nlp.normalize.breaks`; `breaks`: that model, by default the shipped one, loaded at the first
    glued text; None: the rules' cuts alone). `page_flattened`: the text was a flattened page before an
    earlier call cut it (`normalize_text` calls again after joining wrapped lines): what is left glued is
    cut by a flattened page's rules (`_FLATTENED_ITEM`, not ANNOTATION.md's blob rule); the break model
    has cut it already. `whole_page`: False for one paragraph's text, which its length alone never makes a
    flattened page (`glued_line_spans`).
    """
    return split_glued_page(text, breaks, page_flattened, whole_page)[0]


#: A numbered section title at a line's end after a sentence's end (`…推进政府信息公开工作。 二、主动公开政府信息情况`): a
#: heading glued to the paragraph before it, where the line is no glued report (one heading, any length).
_TRAILING_TITLE = re.compile(r"(?m)([。；;！？!?])[ \t]*([一二三四五六七][ \t]*[、.．][^\n。；;！？!?]{2,40})$")


def _cut_trailing_title(match: re.Match[str]) -> str:
    title = match.group(2)
    if WHOLE_TEMPLATE_TITLE.match(title) is None or TABLE_ROW_TITLE.search(title):
        return match.group(0)
    return f"{match.group(1)}\n{title}"


def cut_trailing_titles(text: NormalizedText) -> NormalizedText:
    """A template section title glued onto the end of the paragraph before it goes on a line of its own."""
    return text.sub(_TRAILING_TITLE, _cut_trailing_title, needs="、.．")


def split_glued_page(
    text: NormalizedText, breaks: BreakModel | Literal["shipped"] | None = "shipped", page_flattened: bool = False, whole_page: bool = True
) -> tuple[NormalizedText, bool]:
    """`split_glued_lines`, and whether the text was a flattened page (what a later call's `page_flattened` is)."""
    text = cut_trailing_titles(text)
    glued = glued_line_spans(text.text, whole_page)
    if not glued:
        return text, False
    # Glued regions in source offsets, which stay valid while newlines are put in.
    regions = [text.source_span(*span) for span in glued]
    flattened = _is_flattened(text.text, glued)
    text = cut_by_rules(text, regions, flattened or page_flattened)
    if breaks is not None and flattened:
        text = cut_paragraphs(text, regions, shipped_break_model() if breaks == "shipped" else breaks)
    return text, flattened


#: The rules `cut_by_rules` applies in turn, each with the strings one of which its every match holds (none: no
#: such string), that a text without them is not scanned for: a glued section in a text with its lines (the blob
#: rule of ANNOTATION.md), and a page flattened.
_BLOB_RULES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = ((_GLUED_SECTION, ()), (_GLUED_ITEM, ()), (_GLUED_ROW, ()), (_GLUED_SIGN_OFF, ()))
_FLATTENED_RULES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_GLUED_SECTION, ()),
    (_FLATTENED_ITEM, ()),
    (_FLATTENED_TITLE, ()),
    (_TITLE_BEFORE_LIST, ("是",)),
    (_FLATTENED_TABLE, ("\t", "|", "第二十条第", "信息内容", "本列数据", "申请人情况", "行政复议")),
    (_FLATTENED_PICTURE, (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", "图")),
    (_GLUED_ROW, ()),
    (_GLUED_SIGN_OFF, ()),
)


def cut_by_rules(text: NormalizedText, regions: list[tuple[int, int]], flattened: bool = False) -> NormalizedText:
    """Line breaks at the template headings, enumerated items and table rows of the glued `regions`
    (source offsets); `flattened`: the regions are a page flattened (`_FLATTENED_ITEM`'s items)."""
    text = _cut_template_headings(text, regions, flattened)
    patterns = _FLATTENED_RULES if flattened else _BLOB_RULES
    for pattern, needs in patterns:
        current = text

        def break_line(match: re.Match[str], current: NormalizedText = current, pattern: re.Pattern[str] = pattern) -> str:
            position = match.start()
            if position == 0 or current.text[position - 1] == "\n" or position >= len(current.offsets):
                return match.group(0)
            if pattern is _FLATTENED_ITEM and _lists_after_title(current.text, match.end()):
                return match.group(0)  # the cut goes before the list's title (`_TITLE_BEFORE_LIST`), not after it
            source = current.offsets[position]
            if any(start <= source < end for start, end in regions):
                return "\n"
            return match.group(0)

        text = current.sub(pattern, break_line, needs=needs)
    if not flattened:
        return text
    text = _cut_around(_cut_caption_ends(text, regions), regions, _FEE_SENTENCE, ("信息处理费",))
    text = _cut_around(text, regions, _GLUED_TITLE, ("情况", "措施"), group=1, accept=_TOPIC_WORD)
    return _cut_around(text, regions, _BORDERLESS_TABLE_END, ("总计", "合计", "审结", "办理", "起诉", "收费", "采购"), group=1)


def _lists_after_title(text: str, position: int) -> bool:
    """An `一是` item at `position` of `text` right after a run-in title's short sentence (`_TITLE_BEFORE_LIST`)."""
    return text.startswith("是", position + 1) and _ENDS_WITH_LIST_TITLE.search(text, max(0, position - 24), position) is not None


def _cut_caption_ends(text: NormalizedText, regions: list[tuple[int, int]]) -> NormalizedText:
    """A line break after each picture caption of the glued `regions` that runs on into a numbered item
    (`图为…现场（五）监督保障…`)."""
    ends = {match.end() for match in _CAPTION_THEN_ITEM.finditer(text.text) if _in_regions(text, match.start(), regions)}
    if not ends:
        return text
    return text.sub(_BEFORE_ITEM, lambda match: "\n" if match.start() in ends else match.group(0))


def _cut_around(
    text: NormalizedText,
    regions: list[tuple[int, int]],
    pattern: re.Pattern[str],
    needs: tuple[str, ...],
    group: int = 0,
    accept: re.Pattern[str] | None = None,
) -> NormalizedText:
    """A line break before and after each match of `pattern` (its `group`) in the glued `regions` that shares its
    line; a text with none of `needs` is not scanned; `accept`: a match is cut only where this pattern is found in it."""
    if not any(need in text.text for need in needs):
        return text
    cuts: set[int] = set()
    for match in pattern.finditer(text.text):
        if _in_regions(text, match.start(group), regions) and (accept is None or accept.search(match.group(group))):
            cuts.update(position for position in match.span(group) if 0 < position < len(text.text) and "\n" not in text.text[position - 1 : position + 1])
    if not cuts:
        return text
    return text.sub(_GAP, lambda match: "\n" if match.start() in cuts else match.group(0))


#: The spaces (possibly none) at any position, where a line break is put at chosen positions.
_GAP = re.compile(r"[ \t]*")


def _in_regions(text: NormalizedText, position: int, regions: list[tuple[int, int]]) -> bool:
    """Whether `position` of `text` lies in one of the `regions` (source offsets)."""
    return position < len(text.offsets) and any(start <= text.offsets[position] < end for start, end in regions)


def cut_paragraphs(text: NormalizedText, regions: list[tuple[int, int]], breaks: BreakModel) -> NormalizedText:
    """A line break at each sentence end of a glued region's pieces where `breaks` says a paragraph
    begins (never in a table row, a quotation or book title, a heading's title, before a unit)."""
    cuts: set[int] = set()
    for match in re.finditer(r"[^\n]+", text.text):
        start = match.start()
        if start >= len(text.offsets) or not any(low <= text.offsets[start] < high for low, high in regions):
            continue
        cuts.update(start + span_start for span_start, _ in breaks.cut_positions(match.group(0)))
    if not cuts:
        return text
    return text.sub(_SENTENCE_GAP, lambda match: "\n" if match.start() in cuts else match.group(0))


def _cut_template_headings(text: NormalizedText, regions: list[tuple[int, int]], flattened: bool = False) -> NormalizedText:
    """A line break before and after each template heading of a glued region that shares its line with other text.

    A heading that opens its own line with its first paragraph glued on (`一、总体情况 2021年，…`) is
    left alone outside glued regions: that is one unit (ANNOTATION.md), and the parser reads it. In a flattened
    page (`flattened`) a title without its number (`…完成。其他需要报告的事项本年度未收取…`) is a line of its own: the
    parser reads a title off a glued line's front only after a number, and the page's own lines are what is put back.
    """

    def cut(match: re.Match[str]) -> str:
        if match.start() >= len(text.offsets) or not any(start <= text.offsets[match.start()] < end for start, end in regions):
            return match.group(0)
        heading = match.group("head") or match.group("bare") or match.group("loose")
        if match.group("loose") and TABLE_ROW_TITLE.search(heading):
            return match.group(0)
        before, after = match.start(), match.end()
        line_start = text.text.rfind("\n", 0, before) + 1
        line_end = text.text.find("\n", after)
        line_end = len(text.text) if line_end < 0 else line_end
        lead = "" if not text.text[line_start:before].strip() else "\n"
        rest = text.text[after:line_end].lstrip()
        # A heading with its first paragraph glued on is one unit (ANNOTATION.md's blob rule); with its
        # table glued on, the table's header starts a line of its own, where the table reader looks.
        tail = "\n" if _TABLE_START.match(rest) or (flattened and match.group("bare") and rest) else ""
        if match.group("bare") and not tail and not lead:
            return match.group(0)
        return lead + heading + tail

    return text.sub(GLUED_HEADING, cut)
