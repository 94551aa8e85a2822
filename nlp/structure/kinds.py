"""The kind of each clean line (ANNOTATION.md): narrative, heading, table or meta; and the table regions."""

from __future__ import annotations

import re

from nlp.normalize import TABLE_HEADER, is_furniture_line, looks_like_table_line
from nlp.normalize.furniture import SIGNATURE_LINE, is_page_field_line
from nlp.normalize.lines import NOT_DECIMAL
from nlp.normalize.titles import SECTION_NUMBER_CLOSERS, SECTION_NUMBER_OPENERS

#: A numbered title's numbering at any level: `（一）`, `一、`, `1.`, `第一部分`, and a number in brackets (`【一】`, `【1】`,
#: as reports numbering their sections in brackets number their subsections).
SUBHEADING = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}(?:[、．]|\." + NOT_DECIMAL + r")|第[一二三四五六七八九十\d]{1,3}[部分章节条项]+"
    r"|[" + SECTION_NUMBER_OPENERS + r"][一二三四五六七八九十\d]{1,3}[" + SECTION_NUMBER_CLOSERS + r"])"
)
#: A table cell holding only a unit of measure (`人`, `次`, `万元`) or a dash, as .docx tables leave them one a line.
_UNIT_CELL = re.compile(r"^(?:单位|人|人次|次|个|件|条|项|篇|期|场|天|小时|元|万元|家|户|[—–\-/]{1,4})$")
SENTENCE = re.compile(r"[。；!！?？]")


_REPORT_WORD = re.compile(r"(?:年度|工作|年)报告|年报")
_DISCLOSURE_WORD = re.compile(r"公开|政务")
_COMMA_OR_FINAL_STOP = re.compile(r"[，,]|。$")
#: Clause punctuation that a subheading has only at its end.
_CLAUSE_MARK = re.compile(r"[。；!！?？:：]")
#: What a short heading standing alone has none of: a figure or a clause's punctuation.
_FIGURE_OR_CLAUSE = re.compile(r"[\d，。；：,;:！？!?]")
#: What makes a numbered line a statement rather than a subheading: a count of things (`发布33条`,
#: `10余件`), or an end that goes on (`…有待进一步拓宽；`, `…，`).
_STATEMENT = re.compile(r"\d\s*[余多]?\s*(?:条|件|次|个|项|篇|人次?|万元|家|户|期|场)|[；;，,]$")
#: The words that state a shortcoming (`…不够`, `…有待提升`, `…偏少`), shared with the classifier's context, which
#: adds the nouns `问题` and `不足`: a title names those (`（一）存在的问题`) without stating one.
SHORTCOMING_WORDS = (
    r"不够|有待|较少|偏少|偏低|不高|滞后|欠缺|不强|不到位|不及时|不全面|不规范|不深入|不充分|不明显|参差不齐|不完善|不健全"
    r"|不平衡|不系统|薄弱|单一|不均衡|缺乏|不完整|不准确|未能|还需加强|仍需加强|尚需加强"
)
#: A numbered line that states a shortcoming in a sentence is an item of a problems list, not a title
#: (`1.政策解读不够通俗，群众理解存在一定困难。`); so is one saying a problem persists (`…现象仍有存在。`): a title
#: names problems (`存在的问题`) but never says they are still there. (The persisting words are the line kinds'
#: alone: the classifier's context has its own reading of problems and measures no gain from them.)
_SHORTCOMING = re.compile(SHORTCOMING_WORDS + r"|(?:仍|依然|仍然|还)(?:有|然)?存在")
#: A numbered title with its paragraph run on (glued text): a few words of title, then a sentence that opens
#: as a report's sentences do (`（二）着力抓好依申请公开本年度我局未收到申请。`); not a title that itself opens
#: with the year (`（二）本年度依申请公开情况。`).
_TITLE_RUN_ON = re.compile(
    r"^\S{3,5}?[^。，；：,;:\d]{4,20}?(?:本年度|今年|全年|我(?:局|委|办|镇|区|县|市|厅|乡|街道|中心)|本机关|本单位|(?:19|20)\d{2}年)[^。]{4,}。$"
)
#: A numbered item that is a sentence: it opens as a report's sentences do and ends with a full stop, with
#: no title word before the stop (`1.本年度未收取信息处理费。`, `2.我局全年未发生行政复议。`); not a title that
#: itself opens with the year (`（二）本年度依申请公开情况。`, `一、2019年政府信息公开工作的总体情况`).
_NUMBERED_SENTENCE = re.compile(
    r"^\S{1,5}?(?:本年度|本年|今年|全年|我(?:局|委|办|镇|区|县|市|厅|乡|街道|中心|单位|部门)|本机关|本单位|(?:19|20)\d{2}年度?)"
    r"[^。]{3,}(?<!情况|工作|方面|事项|建设|管理|概述|总结)。$"
)
#: How a report's sentences open, the subject then what it did or had not (`本年度我乡无…`, `我局未…`, `本机关均已…`);
#: a title naming the agency (`本机关基本情况`) has no such verb.
_SENTENCE_OPENING = re.compile(
    r"^(?:本年度|本年|今年|全年)?(?:我(?:局|委|办|镇|区|县|市|厅|乡|街道|中心|单位|部门)|本机关|本单位)[^，。]{0,6}?(?:无|未|没有|均|已)"
)
#: A numbered title with its one-word body run on (`2.信息公开处理费收取情况无。`, glued text's form of the title
#: and `无。` on two lines): a unit labelled by its body, not a heading.
_NOTHING_RUN_ON = re.compile(r"(?:情况|事项|方面)无[。.]?$")
#: An item's title alone on its line (`一是主动公开情况。`), the paragraphs under it on the lines after.
_ITEM_TITLE = re.compile(r"^[一二三四五六七八九十]是[^，。；：,;:\d]{2,14}[。：:]?$")
#: An attachment's mark with or without its title (`附件1：主动公开政府信息情况统计表`, `附件2`, `附表3 …`): a title.
_ATTACHMENT_TITLE = re.compile(r"^附[件表][ \t]*\d{0,2}(?:[：:、.．\s]+[^。；！？!?，,]{2,38})?$")
#: The words a table's note opens with (`注：…`, `说明：…`, `备注:…`): the table's, not prose after it
#: (`nlp.tables.tokens` reads such a line as one text token, never cells).
NOTE_OPENERS = "注|说明|备注"
#: A sentence however short: a clause, a comma, and a full stop at its end (`本年度未收到申请，故无不予公开情况。`).
_SHORT_SENTENCE = re.compile(r"[，,].*。$")
#: A sentence without a comma closed by a full stop, in one piece (no column gap: no cell of a row), with no figure
#: but a year: the prose after a table (`本年度我局未发生因政府信息公开引起的行政复议、行政诉讼。`, `2021年度未发生…`).
#: A row's label never closes with a full stop, and a row holds its figures. A table's note (`注：…。`, `说明：…。`)
#: is the table's.
_CLOSED_SENTENCE = re.compile(rf"^(?!{NOTE_OPENERS})(?=\S{{12,}}$)(?:[^\s\d]|(?:19|20)\d{{2}}(?=年))+。$")


def is_title_line(text: str) -> bool:
    # A comma or a full stop makes it a sentence announcing the report (`根据…，现公布…年度报告。`), not its title.
    return (
        bool(_REPORT_WORD.search(text))
        and bool(_DISCLOSURE_WORD.search(text))
        and len(text) <= 60
        and not SENTENCE.search(text[:-1])
        and not _COMMA_OR_FINAL_STOP.search(text)
    )


#: Letters of the other scripts a bilingual report of an autonomous area prints beside the Chinese (Hangul, Arabic
#: script for Uyghur and Kazakh, Tibetan, Mongolian, Yi, Cyrillic).
_OTHER_SCRIPT = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc\u0f00-\u0fff\u1800-\u18af\ua000-\ua4cf\u0400-\u04ff]")
_HAN = re.compile(r"[\u3400-\u9fff]")
#: Fewest letters of another script that make a line without Chinese one in that script.
_OTHER_SCRIPT_MIN = 3


def is_other_script_line(text: str) -> bool:
    """A line in another script and without a Chinese character: the other version of a bilingual report (延边's Korean,
    Xinjiang's Uyghur, Tibetan, Mongolian), which is `meta` — not classified, scored or compared as the report's
    prose (the Chinese version is)."""
    return _HAN.search(text) is None and len(_OTHER_SCRIPT.findall(text[:200])) >= _OTHER_SCRIPT_MIN


def paragraph_kind(text: str, in_table: bool) -> str:
    """narrative, heading, table or meta (ANNOTATION.md) for one clean line."""
    stripped = text.strip()
    if is_furniture_line(stripped) or is_page_field_line(stripped) or is_other_script_line(stripped):
        return "meta"
    if in_table or looks_like_table_line(stripped) or _UNIT_CELL.match(stripped):
        return "table"
    if is_title_line(stripped):
        return "heading"
    if SUBHEADING.match(stripped) and len(stripped) <= 32 and not _CLAUSE_MARK.search(stripped[:-1]) and not _STATEMENT.search(stripped):
        if (
            not (_SHORTCOMING.search(stripped) and stripped.endswith(("。", "；", ";")))
            and not _TITLE_RUN_ON.match(stripped) and not _NOTHING_RUN_ON.search(stripped)
            and not _NUMBERED_SENTENCE.match(stripped)
        ):
            return "heading"
    # an item title (`一是主动公开情况。`), unless the item states a shortcoming (`二是政策解读的通俗性有待提高。`), as
    # a numbered line above
    if (_ITEM_TITLE.match(stripped) and not _SHORTCOMING.search(stripped)) or _ATTACHMENT_TITLE.match(stripped):
        return "heading"
    # A short unpunctuated line standing alone (`改进措施`) is a heading; `无` is not, nor a sentence whose stop was
    # left off (`本年度我乡无其他需要报告的事项`: it opens as a report's sentences do).
    if 4 <= len(stripped) <= 16 and not _FIGURE_OR_CLAUSE.search(stripped) and not _SENTENCE_OPENING.match(stripped):
        return "heading"
    return "narrative"


def sign_off_headings(lines: list[str], kinds: list[str]) -> list[int]:
    """Lines of the report's sign-off read as headings: after its last content, the agency's name alone
    (`某某镇人民政府`) among the date, `（此件主动公开）` and the page's furniture. They are `meta`
    (ANNOTATION.md); an agency's name alone at the top of a page may be half of the title, and stays."""
    closing = []
    # Attachments after the sign-off (`附件1` and a table): the sign-off stands before the first of them.
    end = len(lines)
    attachments = [i for i, line in enumerate(lines) if "附" in line and _ATTACHMENT_TITLE.match(line.strip())]
    if attachments and "narrative" not in kinds[attachments[0] :]:
        end = attachments[0]
    for index in range(end - 1, -1, -1):
        if kinds[index] != "meta" and not SIGNATURE_LINE.match(lines[index].strip()):
            break
        closing.append(index)
    if not closing or "narrative" not in kinds[: closing[-1]]:
        return []
    # A glued page's sign-off is one line, the name and the date run together: narrative by its figures.
    return [index for index in closing if kinds[index] in ("heading", "narrative")]


def region_shapes(lines: list[str]) -> list[tuple[bool, bool]]:
    """(prose, opens a table) of each line, as `table_region_flags` reads them: a table header that
    is not prose opens a region, prose ends one."""
    shapes = []
    for text in lines:
        stripped = text.strip()
        prose = (
            len(stripped) >= 40 and bool(SENTENCE.search(stripped))
            or len(stripped) >= 12 and bool(_SHORT_SENTENCE.search(stripped))
            or stripped.endswith("。") and _CLOSED_SENTENCE.match(stripped) is not None
        ) and not looks_like_table_line(stripped)
        header = not prose and bool(TABLE_HEADER.search(stripped)) and (len(stripped) <= 60 or looks_like_table_line(stripped) or _rows_run_together(stripped))
        shapes.append((prose, header))
    return shapes


def _rows_run_together(line: str) -> bool:
    """A table's header and rows run together into one line (glued text whose cells lost their
    separators: `第二十条第（一）项信息内容本年制发件数…规章0行政规范性文件12…`): three or more of the tables'
    header words and no sentence. Prose that names them has its sentences' stops."""
    return not SENTENCE.search(line) and len(TABLE_HEADER.findall(line)) >= 3


def table_region_flags(lines: list[str], section_lines: set[int], shapes: list[tuple[bool, bool]] | None = None) -> list[bool]:
    """True for lines inside a statistical table: from a table header until prose or a section heading.

    `shapes`: `region_shapes(lines)`, where the caller asks for several sets of section lines."""
    shapes = region_shapes(lines) if shapes is None else shapes
    flags = [False] * len(lines)
    inside = False
    for index, (prose, header) in enumerate(shapes):
        if index in section_lines:
            inside = False
            continue
        if prose:
            inside = False
        elif header:
            inside = True
        flags[index] = inside and not prose
    return flags
