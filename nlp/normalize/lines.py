"""What one line is, by its shape: a table row or header, the opening of an enumerated item, a sentence's end.

Shared by the steps that join and cut lines (`wraps`, `fragments`, `glued`) and by the parser."""

from __future__ import annotations

import re

#: Chinese numerals of section and item numbering.
CN_NUM = "一二三四五六七八九十"
#: After an item's Arabic number and its stop: not a decimal's digits (`1.5万条`), but a year may follow
#: (`1.2024年政务公开要点落实情况` is item 1, not the figure 1.2024).
NOT_DECIMAL = r"(?!\d(?!\d{3}年))"
#: Characters that make a preceding number part of the text (`2020年`, `16 件`, `98.9%`): a figure's unit, not a
#: table cell. Here, not in `nlp.tables`, because the glued-page rules need it too and the tables package imports
#: this one.
UNIT_CHARS = frozenset("年月日号时分秒件条个项次人名户家所份期场篇例岁倍批套台辆张册字天周%％‰页")

#: Ends that close a sentence for sure, and ends (closing quotes, brackets) that may also fall at a wrap.
SENTENCE_END = tuple("。！？；!?;：:…")
WEAK_END = tuple("”\"）)】》’")
ENUMERATED_START = re.compile(
    r"^(?:[" + CN_NUM + r"]{1,3}[、.．]|[（(][" + CN_NUM + r"\d]{1,3}[)）]|\d{1,2}[、．.]" + NOT_DECIMAL + r"|第[" + CN_NUM + r"\d]{1,3}[部分章条项]|[" + CN_NUM + r"]是|附件|附表|注[:：])"
)
CONTINUATION_START = re.compile(r"^[，。、；：,.;:！？）)》”’%％]")

#: A run-in heading closed by a full stop (`（三）政府信息管理方面。`, `一是强化组织保障。`).
RUN_IN_HEADING = re.compile(r"^(?:[（(][" + CN_NUM + r"\d]{1,3}[)）]|[" + CN_NUM + r"]{1,3}[、.．]|\d{1,2}[、.．]|[" + CN_NUM + r"]是)[^。；，,！？]{2,30}。$")
#: A numbered title of two short phrases (`（一）强化组织领导，压实公开责任`), its comma not a clause's: an
#: item cut after a comma has a longer or a shorter second part (`2.在公文办理中,建立某某审查`).
_TWO_PHRASES = r"(?:[（(][" + CN_NUM + r"\d]{1,3}[)）]|[" + CN_NUM + r"]{1,3}[、.．]|\d{1,2}[、.．])\s*[\u4e00-\u9fff“”]{4,10}[，,][\u4e00-\u9fff“”]{4,10}"
TWO_PHRASE_TITLE = re.compile("^" + _TWO_PHRASES + "$")
_TWO_PHRASE_RUN_IN = re.compile("^" + _TWO_PHRASES + "。$")
#: A line of prose cut in its words: a clause's comma before, a Chinese character at its end.
MID_CLAUSE_END = re.compile(r"[，,；;][^。！？；;\n]*[\u4e00-\u9fff]$")


def ends_mid_clause(line: str) -> bool:
    """`MID_CLAUSE_END`, asked only of lines ending with a Chinese character (its search tries every comma)."""
    return bool(line) and "\u4e00" <= line[-1] <= "\u9fff" and MID_CLAUSE_END.search(line) is not None
#: Line ends no paragraph can have: a comma or enumeration comma, an opening bracket, quote or title mark.
OPEN_END = tuple("，,、《“（(〔<")
#: A whole report title (`某某镇2023年政府信息公开工作年度报告`): a line of its own, whatever stands around it.
WHOLE_REPORT_TITLE = re.compile(r"^[^，。；！？,;]{2,50}(?:19|20)\d{2}年度?[^，。；！？,;]{0,30}(?:年度?|工作)(?:报告|年报)$")
#: How a report's first sentence opens (`根据《条例》…`, `本年度报告…`).
_REPORT_OPENING = re.compile(r"^(?:根据|按照|依据|依照)《|^本(?:年度)?(?:报告|年报)")
#: A line this short without clause punctuation is a name, a date or a button, not a sentence's start.
_LABEL_LINE_CHARS = 40


#: What a sentence has and a name, a date or a page's field (`文号：某某〔2023〕1号`) has not.
#: A mark only sentences carry (a title, a label or a row has none).
SENTENCE_MARK = re.compile(r"[，。；,;！？]")


def after_label_line(line: str, following: str) -> bool:
    """Whether a short line without a sentence's punctuation (a name, a date, a button, a page's field)
    stands before a whole report title or a report's first sentence (`收藏` / `根据《条例》…`,
    `胡乐镇人民政府` / `某某镇2023年政府信息公开工作年度报告`): never one paragraph with it. A title named
    inside a sentence (`…，现公布` / `某某局2023年…年度报告` / `。`) has clauses before it."""
    # The ends that a title or an opening must have first: most pairs of lines are spared the patterns.
    if not following.endswith(("报告", "年报")) and not following.startswith(("根据", "按照", "依据", "依照", "本")):
        return False
    if len(line) > _LABEL_LINE_CHARS or SENTENCE_MARK.search(line):
        return False
    return bool(WHOLE_REPORT_TITLE.match(following) or _REPORT_OPENING.match(following))


#: Marks that open a pair; a paragraph closes every one it opens (`《中华人民共和` / `国政府信息公开条例》`).
_OPENERS = re.compile(r"[《（(“〔<〈【]")
_CLOSING = {"《": "》", "（": "）", "(": ")", "“": "”", "〔": "〕", "<": ">", "〈": "〉", "【": "】"}


def is_unclosed(line: str) -> bool:
    """Whether a line opens a bracket, quote or title mark that it does not close: it cannot end a paragraph."""
    found = _OPENERS.findall(line)
    if not found:  # most lines open none
        return False
    return any(found.count(opening) > line.count(_CLOSING[opening]) for opening in set(found))


#: The end of a numbered title cut at an inline element: a few characters without figures or clause
#: punctuation, then the title's full stop (`导。`, `审查披露机制。`, `情况。`).
_TITLE_END = re.compile(r"^([^\d\s。；，,！？!?：:;（）()《》“”]{1,8})。")
#: A heading answered in a word (`（五）其他` / `无。`): a sentence of its own, not the title's end.
_NIL_ANSWER = re.compile(r"^(?:无|暂无|没有|均无|未发生|不涉及)")


def completes_title(heading: str, following: str) -> bool:
    """Whether `following` opens with the last characters of `heading`'s run-in title, cut by the page.

    A numbered line without clause punctuation (`（一）强化组织领`, `1.深入推进主动公开工作`) followed by a
    line whose first few characters and a full stop make it a run-in title (`导。成立了…`, `情况。按照…`).
    A title that already ends with a title word (`（二）依申请公开情况`) is whole unless what follows
    continues that word (`工作` / `情况。`); a nil answer (`无。`) and an item of its own (`一是…。`) are
    sentences of their own.
    """
    end = _TITLE_END.match(following)
    if not end or _NIL_ANSWER.match(following) or ENUMERATED_START.match(following):
        return False
    title = heading + end.group(0)
    if not (RUN_IN_HEADING.match(title) or _TWO_PHRASE_RUN_IN.match(title)):
        return False
    return not heading.endswith(_TITLE_WORDS) or end.group(1).startswith(_TITLE_WORDS)


#: Words a numbered title ends with: after one of them a title is whole.
_TITLE_WORDS = (*("方面", "工作", "情况", "建设", "问题", "措施"), "机制", "管理", "保障", "制度", "事项", "平台", "监督", "领导")


_NUMBERS = re.compile(r"\d+(?:[.,]\d+)?")

_TRAILING_CELLS = re.compile(r"(?:(?:^|\s)(?:-?\d[\d,]*(?:\.\d+)?|[—–\-/无])){2,}\s*$")
_ALL_CELLS = re.compile(r"^[\d\s.,/—–\-无%]+$")


#: Headers and row labels that open a statistical table region.
TABLE_HEADER = re.compile(
    r"第二十条第|信息内容|本年制发件数|本年新制作数量|本年新公开数量|对外公开总数量|本年处理决定数量|本年收费金额|采购总金额|"
    r"申请人情况|自然人|商业企业|科研机构|本年新收|上年结转|予以公开|部分公开|不予公开|结果维持|结果纠正|尚未审结|未经复议直接起诉|复议后起诉|"
    r"勾稽关系|^行政复议\s*行政诉讼|^结果\s*维持|^维持\s*纠正"
)

def is_table_header(line: str) -> bool:
    """A header line of a statistical table (no clause punctuation, as prose would have)."""
    # The punctuation first: most lines are prose and have some, and `TABLE_HEADER`, whose anchored
    # branches keep `re` from skipping ahead, tries all its words at every character of the line.
    return "勾稽关系" in line or ("，" not in line and "。" not in line and "；" not in line and TABLE_HEADER.search(line) is not None)


def looks_like_table_line(line: str) -> bool:
    """Rows of the statistical tables: tabs or `|` between cells, or a run of bare numbers at the end.

    Prose from PDFs has spaced numbers too (`发布信息 393 件`), but each is followed by its unit.
    """
    stripped = line.strip()
    if not stripped:
        return False
    if "\t" in stripped or stripped.count("|") >= 2:
        return True
    if not _NUMBERS.search(stripped):
        return False
    if _ALL_CELLS.match(stripped):
        return True
    # Trailing cells end the line with a figure or a dash, slash or 无; checking that first spares
    # the search (tried at every position) on the prose lines that end otherwise.
    last = stripped[-1]
    if not (last.isdecimal() or last in "—–-/无"):
        return False
    return bool(_TRAILING_CELLS.search(stripped))


_FIGURES = re.compile(r"\d+")
_WHITESPACE = re.compile(r"\s")


def running_key(line: str) -> str:
    """A page's running head or foot as it repeats from page to page: spaces gone, figures blanked (`#`), since
    its page number changes (`第#页`, `- # -`) and OCR or a PDF may space its characters."""
    return _FIGURES.sub("#", _WHITESPACE.sub("", line))
