"""Raw extracted text → clean simplified text, with a map from every clean character back to the source.

Repairs what extraction does to these reports: traditional characters (OpenCC t2s), pinyin glosses
(`現(xiàn)`), Kangxi/CJK-radical code points emitted by PDF fonts, full-width digits and letters, page
furniture (breadcrumbs, runs of `|`, `[bookmark: …]`, page numbers), sentences broken by page breaks or
by PDF line wraps, and whole reports glued into one line.

Every step keeps `NormalizedText.offsets`: `offsets[i]` is the index in the source text of clean
character `i`, so any clean span can be shown as the user's file has it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# --------------------------------------------------------------------------------------------
# The offset-carrying text
# --------------------------------------------------------------------------------------------


@dataclass
class NormalizedText:
    """Clean text plus, for each of its characters, the index of the source character it came from."""

    text: str
    offsets: np.ndarray
    source_length: int

    @classmethod
    def identity(cls, source: str) -> NormalizedText:
        return cls(source, np.arange(len(source), dtype=np.int64), len(source))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets (start, end) of the clean span [start, end)."""
        if end <= start or not len(self.offsets):
            position = int(self.offsets[start]) if start < len(self.offsets) else self.source_length
            return position, position
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1

    def sub(self, pattern: re.Pattern[str], replacement: str | Callable[[re.Match[str]], str]) -> NormalizedText:
        """`pattern.sub` that carries the offsets: kept text keeps its own, inserted text takes the match's."""
        pieces: list[str] = []
        offset_pieces: list[np.ndarray] = []
        last = 0
        changed = False
        for match in pattern.finditer(self.text):
            new = replacement(match) if callable(replacement) else match.expand(replacement)
            if new == match.group(0):
                continue
            changed = True
            start, end = match.span()
            pieces.append(self.text[last:start])
            offset_pieces.append(self.offsets[last:start])
            if new:
                pieces.append(new)
                offset_pieces.append(_spread(self.offsets, start, end, len(new), self.source_length))
            last = end
        if not changed:
            return self
        pieces.append(self.text[last:])
        offset_pieces.append(self.offsets[last:])
        return NormalizedText("".join(pieces), np.concatenate(offset_pieces), self.source_length)

    def translate(self, table: dict[int, str]) -> NormalizedText:
        """Character-for-character mapping (the table must map one character to one character)."""
        return NormalizedText(self.text.translate(table), self.offsets, self.source_length)


def _spread(offsets: np.ndarray, start: int, end: int, length: int, source_length: int) -> np.ndarray:
    """Offsets for `length` new characters replacing clean span [start, end)."""
    if end > start:
        old = offsets[start:end]
        if len(old) == length:
            return old.copy()
        picks = np.minimum((np.arange(length) * len(old)) // max(length, 1), len(old) - 1)
        return old[picks]
    anchor = offsets[start] if start < len(offsets) else (offsets[-1] + 1 if len(offsets) else 0)
    return np.full(length, min(int(anchor), source_length), dtype=np.int64)


# --------------------------------------------------------------------------------------------
# Character-level repairs
# --------------------------------------------------------------------------------------------

#: CJK Radicals Supplement (U+2E80–U+2EF3) → the ordinary ideograph; NFKC does not cover this block.
_RADICALS_SUPPLEMENT = dict(
    zip(
        "⺁⺅⺆⺇⺉⺊⺋⺌⺍⺎⺏⺐⺒⺓⺔⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩⺪⺫⺬⺭⺮⺯⺰⺲⺳⺶⺷⺹⺺⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻈⻉⻋⻌⻍⻎⻏⻐⻑⻒⻓⻔⻖⻗⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳",
        "厂亻冂几刂卜㔾小小兀尣尢巳幺彑忄心扌攵旡日月歺母民氵氺灬爫爫丬牛犭王疋罒示礻竹糸纟罒㓁羊羊耂肀月臼艹艹艹虎衤覀西见角讠贝车辶辶辶阝钅長镸长门阝雨青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟",
        strict=True,
    )
)

#: Full-width forms kept as they are: the punctuation of Chinese prose.
_KEEP_FULL_WIDTH = set("，。、；：？！（）《》“”‘’【】〔〕…—")


@lru_cache(maxsize=1)
def character_table() -> dict[int, str]:
    """One-to-one character repairs: radicals, compatibility ideographs, width variants, odd spaces."""
    table: dict[int, str] = {}
    for code in range(0x2F00, 0x2FD6):  # Kangxi radicals
        table[code] = unicodedata.normalize("NFKC", chr(code))
    for code in range(0xF900, 0xFB00):  # CJK compatibility ideographs
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    table.update({ord(k): v for k, v in _RADICALS_SUPPLEMENT.items()})
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII → ASCII, except Chinese punctuation
        if chr(code) not in _KEEP_FULL_WIDTH:
            table[code] = chr(code - 0xFEE0)
    for space in "\u00a0\u2002\u2003\u2009\u3000\u202f\u205f\u2007":
        table[ord(space)] = " "
    for zero_width in "\u200b\u200c\u200d\u2060\ufeff":
        table[ord(zero_width)] = " "
    table.update({ord("\r"): "\n", ord("\u2028"): "\n", ord("\u2029"): "\n", ord("\x0b"): "\n", ord("\t"): "\t"})
    return table


# Pinyin glosses that web converters put after each converted character: 現(xiàn), 關（guān）.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = (
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:[aeiouüv" + _TONED + r"]{1,3}(?:ng|n|r)?)"
)
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]\s*(" + _SYLLABLE + r")\s*[)）]",
    re.IGNORECASE,
)
_TONE_MARK = re.compile("[" + _TONED + "]")
#: Toneless glosses accepted only for syllables that are common in these converters' output.
_TONELESS_OK = frozenset({"de", "le", "me", "ne", "zi", "men", "ge", "zhe", "ma", "ba", "a"})


def _drop_gloss(match: re.Match[str]) -> str:
    syllable = match.group(1).lower()
    if _TONE_MARK.search(syllable) or syllable in _TONELESS_OK:
        return ""
    return match.group(0)


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: NormalizedText) -> NormalizedText:
    """OpenCC t2s, line by line so that a conversion that changes length moves offsets only locally."""
    converter = _opencc()
    converted = converter.convert(text.text)
    if len(converted) == len(text.text):
        return NormalizedText(converted, text.offsets, text.source_length)
    return text.sub(re.compile(r"[^\n]+"), lambda m: converter.convert(m.group(0)))


# --------------------------------------------------------------------------------------------
# Page furniture
# --------------------------------------------------------------------------------------------

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
#: Runs of `|` (table borders of web pages), with the spaces between them.
_PIPE_RUN = re.compile(r"(?:[ \t]*\|){2,}[ \t]*")
_LONE_PIPE_LINE = re.compile(r"(?m)^[ \t|]*\|[ \t|]*$")
_PIPE_EDGE = re.compile(r"(?m)(^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$)")
#: A page number as PDF and Word print it on a line of its own: `- 3 -`, `—— 3 ——`, `第3页，共12页`, `3/12`.
PAGE_NUMBER = (
    r"(?:[-—–－]+[ \t]*\d{1,3}[ \t]*[-—–－]+|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?"
    r"|\d{1,3}[ \t]*/[ \t]*\d{1,3})"
)
_PAGE_NUMBER_LINE = re.compile(rf"(?m)^[ \t]*{PAGE_NUMBER}[ \t]*$")
_FORM_FEED = re.compile(r"\f")
_TRAILING_SPACE = re.compile(r"(?m)[ \t]+$")
_LEADING_SPACE = re.compile(r"(?m)^[ \t]+")
_INNER_SPACES = re.compile(r"(?<=\S)[ ]{2,}(?=\S)")
_MARKDOWN = re.compile(r"(?m)^[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[*_]{2}(?=\S))|(?<=\S)[*_]{2}[ \t]*$")
def _drop_markdown(match: re.Match[str]) -> str:
    """Markdown's marks go, but not a `>` that closes an open `<`: a page saved element by element puts
    the angle brackets of a title inside a title (`《关于印发` / `<` / `某某制度` / `>` / `的通知》`) on lines of their own."""
    if match.group().strip() == ">":
        before = match.string[max(0, match.start() - 300) : match.start()]
        if before.rfind("<") > before.rfind(">"):
            return match.group()
    return ""


_MANY_BLANKS = re.compile(r"\n{3,}")


# --------------------------------------------------------------------------------------------
# Glued reports: one line carrying many sections
# --------------------------------------------------------------------------------------------

_CN_NUM = "一二三四五六七八九十"
#: A top-level heading that the template prescribes, by the words of its title.
SECTION_TITLE_WORDS = r"(?:总体情况|概述|总体概述|基本情况|主动公开|收到和处理|依申请公开|行政复议|行政诉讼|复议|诉讼|存在的主要问题|存在问题|主要问题|改进|其他需要报告|其他事项)"
#: The template's own section titles, whole (the 2019 and 2021 wordings and their common variants).
#: Glued text is cut at these without a sentence end before them: they do not occur inside prose.
TEMPLATE_TITLES = (
    r"(?:总体情况|基本情况|总体概述|概述)",
    r"主动公开政府信息(?:的)?情况",
    r"收到和处理政府信息公开申请(?:的)?情况",
    r"(?:因)?政府信息公开(?:申请)?(?:被申请)?行政复议[、，,和及]?(?:提起)?行政诉讼(?:的)?情况",
    r"(?:政府信息公开(?:工作)?)?存在的?主要问题(?:及|和)改进情况",
    r"其[他它]需要报告的事项",
)
_LONG_TITLE = "(?:" + "|".join(TEMPLATE_TITLES[1:]) + ")"
_ANY_TITLE = "(?:" + "|".join(TEMPLATE_TITLES) + ")"
#: `二、主动公开政府信息情况` or `2、主动公开政府信息情况` wherever it stands (not inside quotation marks or
#: a book title), its numbering run together with what precedes it or not (a glued number before an
#: arabic one is the previous row's: sections are one digit); or the longer titles without their numbering
#: at a sentence boundary (numbering lost with the markup). A title followed by a comma or a
#: semicolon is a listing of the report's parts (`本报告包括：1.总体情况，2.主动公开政府信息情况，…`).
_TEMPLATE_HEADING = re.compile(
    r"(?<![“‘\"'《〈「『])(?P<head>(?:[" + _CN_NUM + r"]{1,2}|[1-9])[ \t]*[、.．][ \t]*(?P<title>" + _ANY_TITLE + r"))(?![，,、；;])"
    r"|(?:^|(?<=[。！？!?]))[ \t]*(?P<bare>" + _LONG_TITLE + r")(?![，,、。；;])",
    re.MULTILINE,
)
_GLUED_SECTION = re.compile(r"(?:^|(?<=[。；;！？!?\s]))[ \t]*(?=[" + _CN_NUM + r"]{1,2}[、.．][ \t]*" + r"[^。\n]{0,12}" + SECTION_TITLE_WORDS + ")")
#: Boundaries that begin an enumerated item after a sentence end (the ANNOTATION.md unit rule).
_GLUED_ITEM = re.compile(
    r"(?<=[。；;！？!?])[ \t]*(?=[（(][" + _CN_NUM + r"]{1,2}[)）]|\d{1,2}[、．]|\d{1,2}\.(?!\d)|[" + _CN_NUM + r"]是|首先|其次|再次|最后)"
    r"|(?<=[。；;！？!?\u4e00-\u9fff\d”])[ \t]+(?=[（(][" + _CN_NUM + r"]{1,2}[)）]|[" + _CN_NUM + r"]{1,2}、)"
)
#: Table rows run together (`…0 0 21二、上年结转…`, `220000022（二）部分公开`, `| 0 |（二）部分公开`): a row
#: label after the previous row's last number or cell border. Arabic-numbered labels are one digit (no table of the template has
#: more than eight items under one row), so `…01.本机关不掌握` is `…0` then `1.本机关不掌握`.
_GLUED_ROW = re.compile(
    r"(?<=[\d|])[ \t]*\|?[ \t]*(?=[（(][" + _CN_NUM + r"]{1,2}[)）][\u4e00-\u9fff]|[" + _CN_NUM + r"]{1,2}、[\u4e00-\u9fff]|[1-9][.．、][\u4e00-\u9fff]|总计|合计)"
    # The rows of table 三 by their template labels, after the header words as well.
    r"|(?<=[\u4e00-\u9fff\d）)])(?=[一二三四]、(?:本年新收|上年结转|本年度办理结果|结转下年度))"
)
#: The first words of a statistical table (its header or its note), as they follow a glued section heading.
_TABLE_START = re.compile(r"[（(]?本列数据|第二十条第|信息内容|申请人情况|行政复议|[（(]?单位[:：]")
#: A line this long that holds at least two template section headings is a glued report.
GLUED_LINE_MIN_CHARS = 120


def split_glued_lines(text: NormalizedText) -> NormalizedText:
    """Put line breaks back into text whose blocks were run together (web pages flattened to lines).

    A long line that carries several template sections is a glued report: its template section
    headings are cut out wherever they stand, glued on both sides or not, and its enumerated items
    and table rows are put on lines of their own.
    """
    # Glued regions in source offsets, which stay valid while newlines are put in.
    regions = [
        text.source_span(*match.span())
        for match in re.finditer(r"[^\n]+", text.text)
        if len(match.group(0)) >= GLUED_LINE_MIN_CHARS
        and len(_GLUED_SECTION.findall(match.group(0))) + len(_TEMPLATE_HEADING.findall(match.group(0))) >= 2
    ]
    if not regions:
        return text
    text = _cut_template_headings(text, regions)
    for pattern in (_GLUED_SECTION, _GLUED_ITEM, _GLUED_ROW):
        current = text

        def break_line(match: re.Match[str], current: NormalizedText = current) -> str:
            position = match.start()
            if position == 0 or current.text[position - 1] == "\n" or position >= len(current.offsets):
                return match.group(0)
            source = current.offsets[position]
            if any(start <= source < end for start, end in regions):
                return "\n"
            return match.group(0)

        text = current.sub(pattern, break_line)
    return text


def _cut_template_headings(text: NormalizedText, regions: list[tuple[int, int]]) -> NormalizedText:
    """A line break before and after each template heading of a glued region that shares its line with other text.

    A heading that opens its own line with its first paragraph glued on (`一、总体情况 2021年，…`) is
    left alone outside glued regions: that is one unit (ANNOTATION.md), and the parser reads it.
    """

    def cut(match: re.Match[str]) -> str:
        if match.start() >= len(text.offsets) or not any(start <= text.offsets[match.start()] < end for start, end in regions):
            return match.group(0)
        heading = match.group("head") or match.group("bare")
        before, after = match.start(), match.end()
        line_start = text.text.rfind("\n", 0, before) + 1
        line_end = text.text.find("\n", after)
        line_end = len(text.text) if line_end < 0 else line_end
        lead = "" if not text.text[line_start:before].strip() else "\n"
        rest = text.text[after:line_end].lstrip()
        # A heading with its first paragraph glued on is one unit (ANNOTATION.md's blob rule); with its
        # table glued on, the table's header starts a line of its own, where the table reader looks.
        tail = "\n" if _TABLE_START.match(rest) else ""
        if match.group("bare") and not tail and not lead:
            return match.group(0)
        return lead + heading + tail

    return text.sub(_TEMPLATE_HEADING, cut)


# --------------------------------------------------------------------------------------------
# Lines broken by page breaks and PDF wraps
# --------------------------------------------------------------------------------------------

#: Ends that close a sentence for sure, and ends (closing quotes, brackets) that may also fall at a wrap.
_SENTENCE_END = tuple("。！？；!?;：:…")
_WEAK_END = tuple("”\"）)】》’")
_ENUMERATED_START = re.compile(
    r"^(?:[" + _CN_NUM + r"]{1,3}[、.．]|[（(][" + _CN_NUM + r"\d]{1,3}[)）]|\d{1,2}[、．.](?!\d)|第[" + _CN_NUM + r"\d]{1,3}[部分章条项]|[" + _CN_NUM + r"]是|附件|附表|注[:：])"
)
_CONTINUATION_START = re.compile(r"^[，。、；：,.;:！？）)》”’%％]")
_NUMBERS = re.compile(r"\d+(?:[.,]\d+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")


_TRAILING_CELLS = re.compile(r"(?:(?:^|\s)(?:-?\d[\d,]*(?:\.\d+)?|[—–\-/无])){2,}\s*$")
_ALL_CELLS = re.compile(r"^[\d\s.,/—–\-无%]+$")


#: Headers and row labels that open a statistical table region.
TABLE_HEADER = re.compile(
    r"第二十条第|信息内容|本年制发件数|本年新制作数量|本年新公开数量|对外公开总数量|本年处理决定数量|本年收费金额|采购总金额|"
    r"申请人情况|自然人|商业企业|科研机构|本年新收|上年结转|予以公开|部分公开|不予公开|结果维持|结果纠正|尚未审结|未经复议直接起诉|复议后起诉|"
    r"勾稽关系|^行政复议\s*行政诉讼|^结果\s*维持|^维持\s*纠正"
)

def _is_table_header(line: str) -> bool:
    """A header line of a statistical table (no clause punctuation, as prose would have)."""
    return "勾稽关系" in line or (bool(TABLE_HEADER.search(line)) and not re.search(r"[，。；]", line))


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
    return bool(_TRAILING_CELLS.search(stripped)) and not stripped.endswith("。")


def _line_widths(lines: list[str]) -> int | None:
    """The wrap width of a PDF's text lines, or None when lines are not wrapped at a fixed width.

    Wrapped text has a strong peak of line lengths near the page width, and most of those lines
    end in mid-sentence. Table rows are left out: a text file's tab-separated rows have lengths of
    their own and would make an unwrapped report look wrapped. The peak is found on a window of
    lengths (digits and Latin letters let a full line hold a few more characters), and the width is
    the commonest length in it: the window's centre drifts towards the longer lines with digits.
    """
    stripped = [line.strip() for line in lines if len(line.strip()) >= 15 and not looks_like_table_line(line)]
    if len(stripped) < 8:
        return None
    counts = Counter(len(line) for line in stripped)
    centre, _ = max(counts.items(), key=lambda kv: (sum(counts.get(kv[0] + d, 0) for d in range(-2, 3)), kv[0]))
    width = max(range(centre - 2, centre + 3), key=lambda length: (counts.get(length, 0), length))
    near = [line for line in stripped if abs(len(line) - width) <= 3]
    if len(near) < 0.4 * len(stripped) or width < 22:
        return None
    open_ended = sum(1 for line in near if not line.endswith(_SENTENCE_END + _WEAK_END))
    return width if open_ended >= 0.6 * len(near) else None


def _is_heading_like(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if _ENUMERATED_START.match(stripped) and len(stripped) <= 30 and "。" not in stripped[:-1]:
        return True
    return False


def join_broken_lines(text: NormalizedText) -> NormalizedText:
    """Join a line to the next where a page break or a PDF wrap cut a sentence.

    A line is continued when it does not end a sentence and is not a heading or a table row, and
    the next non-blank line neither starts a heading/enumerated item nor is a table row; for text
    wrapped at a fixed width the line must fill that width, otherwise it must be long enough to be
    prose (a short unpunctuated line is a title or a heading).
    """
    lines = text.text.split("\n")
    width = _line_widths(lines)
    joins: set[int] = set()  # indices of newline characters (in line terms: after line i) to remove
    blank_runs: dict[int, int] = {}
    joined_into: set[int] = set()  # lines that continue the line before them
    index = 0
    while index < len(lines):
        line = lines[index].rstrip()
        nxt = index + 1
        while nxt < len(lines) and not lines[nxt].strip():
            nxt += 1
        if nxt >= len(lines) or not line.strip():
            index += 1
            continue
        following = lines[nxt].strip()
        continued = index in joined_into
        if _should_join(line.strip(), following, width, blank_lines=nxt - index - 1, continued=continued):
            joins.add(index)
            blank_runs[index] = nxt
            joined_into.add(nxt)
        index += 1
    if not joins:
        return text
    return _join_lines_at(text, lines, {index: blank_runs[index] for index in joins})


def _join_lines_at(text: NormalizedText, lines: list[str], joins: dict[int, int]) -> NormalizedText:
    """Remove the line break(s) after each line `i` of `joins` up to line `joins[i]` (blank lines between go too).

    Latin words keep a space between them; Chinese text and numbers are joined without one.
    """
    starts = []
    position = 0
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    pieces: list[str] = []
    offset_pieces: list[np.ndarray] = []
    last = 0
    for index in sorted(joins):
        nxt = joins[index]
        cut_start = starts[index] + len(lines[index].rstrip())
        cut_end = starts[nxt] + (len(lines[nxt]) - len(lines[nxt].lstrip()))
        left, right = lines[index].rstrip()[-1:], lines[nxt].lstrip()[:1]
        glue = " " if (left.isascii() and left.isalpha() and right.isascii() and right.isalpha()) else ""
        pieces.append(text.text[last:cut_start])
        offset_pieces.append(text.offsets[last:cut_start])
        if glue:
            pieces.append(glue)
            offset_pieces.append(text.offsets[cut_start : cut_start + 1])
        last = cut_end
    pieces.append(text.text[last:])
    offset_pieces.append(text.offsets[last:])
    return NormalizedText("".join(pieces), np.concatenate(offset_pieces), text.source_length)


# --------------------------------------------------------------------------------------------
# Fragmented text: every number (and every inline element) on a line of its own
# --------------------------------------------------------------------------------------------

#: A line holding one number and nothing else (`2023`, `170.42`, `100%`).
BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?%?$")
#: What a number in prose is followed by: a unit, a date word, a clause's punctuation.
_NUMBER_CONTINUES = re.compile(r"^(?:[年月日号条件个项次人家份篇期万亿余多%％元）)〕]|[，。、；：,.;:])")
#: Lines that a table region starts at: a table's title or header words, alone on a short line.
_TABLE_OPENS = re.compile(r"^(?:第二十条第|信息内容|[（(]本列数据|申请人情况|行政复议$|结果维持$|复议后起诉|未经复议直接起诉)")
#: A run-in heading closed by a full stop (`（三）政府信息管理方面。`, `一是强化组织保障。`).
_RUN_IN_HEADING = re.compile(r"^(?:[（(][" + _CN_NUM + r"\d]{1,3}[)）]|[" + _CN_NUM + r"]{1,3}[、.．]|\d{1,2}[、.．]|[" + _CN_NUM + r"]是)[^。；，,！？]{2,30}。$")
#: A signature line: the agency's name alone, or a full date (`莆田市审计局`, `2020年1月2日`), or a
#: page's button labels after it (`翻译`, `搜索`, `复制`).
_SIGNATURE = re.compile(
    r"^(?:[\u4e00-\u9fff（）()]{2,24}(?:局|委员会|办公室|人民政府|中心|委|办|厅)|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|"
    r"[（(]此件[^）)]*[）)]|翻译|搜索|复制|打印|关闭)$"
)
_DATE_AHEAD = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")
#: A date in pieces spans at most this many elements (`20` / `22` / `年` / `1` / `月` / `14` / `日`).
_DATE_PIECES = 7
#: A report's title standing alone (`某某街道2020年政府信息公开年度报告`): a heading, never continued.
_REPORT_TITLE = re.compile(r"^[^，。；！？]{0,50}(?:年度?|工作)(?:报告|年报)$")
#: An enumeration label with nothing after it (`（一）`, `一、`, `1.`, `一是`).
_BARE_LABEL = re.compile(r"^(?:[（(][" + _CN_NUM + r"\d]{1,3}[)）]|[" + _CN_NUM + r"]{1,3}[、.．]|\d{1,2}[、.．]|[" + _CN_NUM + r"]是)$")
#: A line that may be a fragment: a bare number or a piece of at most three characters.
_SHORT_LINE = re.compile(r"(?m)^(?:\d+(?:\.\d+)?%?|\S{1,3})$")
#: A line ending where no paragraph can (after a comma or an opening mark): see `_breaks_clause`.
_OPEN_ENDED_LINE = re.compile(r"(?m)[，,、《“（(〔<]$")
#: Fragmented pages: at least this many numbers standing alone in the middle of a sentence.
FRAGMENTED_MIN_NUMBERS = 3


def table_region_lines(lines: list[str]) -> list[bool]:
    """True for the lines of a statistical table: from its title or header until a section heading or prose.

    The normaliser's view, before sections are known: a table ends at a numbered template heading or
    a long line of clauses. Inside it, number lines stay lines (the table reader places them).
    """
    flags = [False] * len(lines)
    inside = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if _TEMPLATE_HEADING.match(stripped) and _TEMPLATE_HEADING.match(stripped).group("head"):
            inside = False
            continue
        if _BARE_LABEL.match(stripped) and index + 1 < len(lines):
            heading = _TEMPLATE_HEADING.match(stripped + lines[index + 1].strip())
            if heading and heading.group("head"):
                inside = False  # `五、` / `存在的主要问题及改进情况`: a numbered heading in two elements
                continue
        if len(stripped) >= 40 and re.search(r"[。；]", stripped) and not looks_like_table_line(stripped):
            inside = False
            continue
        if _TABLE_OPENS.match(stripped) or (_is_table_header(stripped) and len(stripped) <= 60):
            inside = True
        flags[index] = inside
    return flags


#: Header words of the template's tables; a page that splits them over lines splits inline elements.
_HEADER_WORDS = (
    "商业企业", "科研机构", "社会公益组织", "法律服务机构", "本年制发件数", "本年废止件数", "现行有效件数",
    "本年处理决定数量", "结果维持", "结果纠正", "其他结果", "尚未审结",
)


def is_fragmented(lines: list[str], in_table: list[bool]) -> bool:
    """A page saved element by element: numbers alone in mid-sentence, or table header words split over lines.

    Neither occurs in text extracted from a .docx or a page whose inline elements stay in their
    paragraph; PDF text, whose header cells wrap, is not looked at (see `normalize_text`).
    """
    numbers = sum(1 for i in range(len(lines)) if not in_table[i] and _number_breaks_sentence(lines, i))
    if numbers >= FRAGMENTED_MIN_NUMBERS:
        return True
    # Pages whose numbers stay inline still break lines where no paragraph can end (after a comma or
    # an opening bracket, before a closing one); a PDF's wraps do too, but at a fixed width.
    broken = sum(1 for i in range(len(lines) - 1) if not (in_table[i] or in_table[i + 1]) and _breaks_clause(lines[i].strip(), lines[i + 1].strip()))
    # … and put a heading's number apart from its title (`1.` / `主动公开情况`).
    broken += sum(1 for i in range(len(lines) - 1) if _BARE_LABEL.match(lines[i].strip()) and lines[i + 1].strip() and not BARE_NUMBER.match(lines[i + 1].strip()))
    if broken >= FRAGMENTED_MIN_NUMBERS and _line_widths(lines) is None:
        return True
    stripped = [line.strip() for line in lines if line.strip()]
    split_words = sum(
        1
        for first, second in zip(stripped, stripped[1:], strict=False)
        if len(first) < 4 and any(word.startswith(first + second) or first + second == word for word in _HEADER_WORDS)
    )
    return split_words >= FRAGMENTED_MIN_NUMBERS


#: Line ends no paragraph can have: a comma or enumeration comma, an opening bracket, quote or title mark.
_OPEN_END = tuple("，,、《“（(〔<")


def _breaks_clause(line: str, following: str) -> bool:
    """A line break inside a clause: after a comma or an opener, or before a clause's punctuation."""
    if not line or not following or _BARE_LABEL.match(line):
        return False  # `一、` / `总体情况` is counted as a heading's number put apart
    if line.endswith(_OPEN_END):
        return not _opens_unit(following)
    return bool(_CONTINUATION_START.match(following)) and not line.endswith(_SENTENCE_END)


def _number_breaks_sentence(lines: list[str], index: int) -> bool:
    """A bare number line between a line that does not end a sentence and one that continues it."""
    if not BARE_NUMBER.match(lines[index].strip()) or index == 0 or index + 1 >= len(lines):
        return False
    before, after = lines[index - 1].strip(), lines[index + 1].strip()
    return bool(before) and not before.endswith(_SENTENCE_END) and bool(_NUMBER_CONTINUES.match(after))


def _opens_unit(line: str) -> bool:
    """A line that starts a unit of its own: a heading, an enumerated item, a template title, page furniture."""
    return bool(
        _ENUMERATED_START.match(line)
        or _BARE_LABEL.match(line)
        or (line and all(c in _CN_NUM for c in line) and len(line) <= 3)  # `二` / `、` / `主动公开…`
        or _TEMPLATE_HEADING.match(line)
        or is_furniture_line(line)
        or line.startswith(("#", "[", "|"))
    )


def _is_heading_line(line: str) -> bool:
    """An enumerated or template heading standing alone: no sentence inside it, no full stop after it."""
    if _IN_SENTENCE_ITEM.match(line):
        return False  # `一是加强…` items run on into their sentence; a title never starts so
    return bool(_ENUMERATED_START.match(line) or _TEMPLATE_HEADING.match(line)) and len(line) <= 40 and not re.search(r"[。；！？，：:]", line)


#: The opening of a bracketed label cut by the page's elements (`（` / `四` / `）平台建设方面`).
_PARTIAL_LABEL = re.compile(r"^[（(][" + _CN_NUM + r"\d]{0,3}$")
_LABEL_AHEAD = re.compile(r"^[（(][" + _CN_NUM + r"\d]{1,3}[)）]")
#: An enumerated title ending in a colon, nothing else in it (`（二）信息公开处理费收取情况：`).
_INTRODUCING_HEADING = re.compile(r"^(?:[（(][" + _CN_NUM + r"\d]{1,3}[)）]|[" + _CN_NUM + r"]{1,3}[、.．]|\d{1,2}[、.．])[^。；，,！？：:]{2,30}[：:]$")
#: An item counted inside a sentence (`一是…；二是…`), unlike `1.` or `（一）`, which open units.
_IN_SENTENCE_ITEM = re.compile(r"^[" + _CN_NUM + r"]是|^[" + _CN_NUM + r"]$")
#: Ends after which such an item runs on in the same sentence: a colon, semicolon or comma.
_LISTING_END = tuple("：:；;，,")
#: At most this many characters may follow a heading standing alone as the tail of its own title
#: (`方面`, `工作`, `。`); a paragraph's first line is longer.
_TITLE_TAIL_CHARS = 3
#: Words that end a heading's title (`（一）主动公开` / `方面` / `。`), and its closing punctuation.
_TITLE_TAIL_WORDS = ("方面", "工作", "情况", "建设", "问题", "措施")
#: A heading's title cut after at most this many characters (`（三）加强` / `政府信息管理。`) may continue.
_TITLE_HEAD_CHARS = 4


def _completes_heading(heading: str, lines: list[str], start: int) -> bool:
    """Whether the lines from `start` finish the heading's title rather than begin its paragraph.

    A short piece without digits (`方面`, `工作`, `。`) is the title's tail; longer pieces are when the
    title so far is a word or two and, up to the first full stop within a few lines, they make a run-in
    heading with it (`（三）加强` / `政府信息管理。`), never when a piece opens a unit or holds a number.
    """
    first = lines[start].strip()
    if not first or _opens_unit(first) or re.search(r"\d", first):
        return False
    if len(first) <= _TITLE_TAIL_CHARS:
        # `方面`, `工作`, `。`; a paragraph's opening word (`根据`, `我局`) runs on into what follows
        following = lines[start + 1].strip() if start + 1 < len(lines) else ""
        word = first.rstrip("。：:")
        return not word or (heading + word).endswith(_TITLE_TAIL_WORDS) or bool(re.fullmatch(r"[。：:]", following))
    label = _ENUMERATED_START.match(heading)
    if _TEMPLATE_HEADING.match(heading) or not label or len(heading) - label.end() > _TITLE_HEAD_CHARS:
        return False  # a whole title already: what follows is its paragraph
    title = heading
    for line in lines[start : start + 4]:
        piece = line.strip()
        if not piece or _opens_unit(piece) or re.search(r"\d", piece):
            return False
        title += piece
        if re.search(r"[。；，,！？：:]", piece):
            return bool(_RUN_IN_HEADING.match(title))
    return False


def rejoin_fragments(text: NormalizedText) -> NormalizedText:
    """Join the pieces of paragraphs that a page's markup put on lines of their own.

    Word-made pages, saved element by element, put every number and every inline element on a line
    (`20` / `23` / `年市海洋与渔业局…`, `（一）主动公开情况。` / `莆田市林业局坚持…`). Such a page is
    recognised by its numbers standing alone in mid-sentence; then, outside table regions, a line is
    continued by the next unless the next opens a unit (a heading, an enumerated item, furniture) or
    the line is a heading standing alone. A number line continues a line that has not ended its
    sentence, whatever follows. Blank lines and table regions are never crossed, so table rows keep
    their number lines for the table reader.
    """
    # Most texts have no short, bare-number or open-ended lines at all: skip the line analysis for them.
    if len(_SHORT_LINE.findall(text.text)) + len(_OPEN_ENDED_LINE.findall(text.text)) < FRAGMENTED_MIN_NUMBERS:
        return text
    lines = text.text.split("\n")
    in_table = table_region_lines(lines)
    if not is_fragmented(lines, in_table):
        return text
    joins: dict[int, int] = {}
    paragraph = ""  # the text of the unit being built, to tell a heading alone from a fragment
    for index in range(len(lines) - 1):
        line, following = lines[index].strip(), lines[index + 1].strip()
        paragraph = paragraph + line if index - 1 in joins else line
        if not line or not following or in_table[index] or in_table[index + 1]:
            continue
        after = lines[index + 2].strip() if index + 2 < len(lines) else ""
        if (
            _BARE_LABEL.match(paragraph)
            or _PARTIAL_LABEL.match(paragraph)
            or (paragraph in _CN_NUM and (following[:1] in "、.．" or following.startswith("是")))
        ):
            join = True  # `一、` / `总体情况`, `一` / `是加大…`: the numbering of a heading put apart from its title
        elif _is_heading_line(paragraph) and _completes_heading(paragraph, lines, index + 1):
            join = True  # `（一）主动公开` / `方面` / `。`: the rest of the heading's title, in pieces
        elif _IN_SENTENCE_ITEM.match(following) and paragraph.endswith(_LISTING_END) and not _is_heading_line(paragraph):
            join = True  # `…力度：` / `一是` / `严抓…`: items enumerated inside a sentence
        elif _PARTIAL_LABEL.match(following) and _LABEL_AHEAD.match("".join(s.strip() for s in lines[index + 1 : index + 4])):
            join = False  # `（` / `四` / `）…`: a label in pieces opens a unit
        elif _INTRODUCING_HEADING.match(paragraph):
            join = False  # `（二）信息公开处理费收取情况：` / `无。`: a title that introduces its content
        elif is_furniture_line(paragraph) or _REPORT_TITLE.search(paragraph):
            join = False
        elif _SIGNATURE.match(paragraph) and _DATE_AHEAD.match("".join(s.strip() for s in lines[index + 1 : index + 1 + _DATE_PIECES])):
            join = False  # `莆田市审计局` / `2020` / `年` / `1` / `月` / `2` / `日`: the name, then the date
        elif following.startswith(("（此件", "(此件")) or (
            _SIGNATURE.match(following) and (not after or BARE_NUMBER.match(after) or _SIGNATURE.match(after))
        ):
            join = False  # the signature block: the agency's name, the date, `（此件主动公开）`
        elif BARE_NUMBER.match(following) and re.match(r"[、．.）)](?!\d)", after):
            join = False  # `1` / `、总体情况`: the number of an item, which opens a unit
        elif BARE_NUMBER.match(following):
            # `一、总体情况` / `2023` is a heading and its paragraph; `（一）` / `2024` / `年工作中…` one heading.
            join = not paragraph.endswith(_SENTENCE_END) and (not _is_heading_line(paragraph) or bool(_BARE_LABEL.match(paragraph)))
        elif BARE_NUMBER.match(line) and _NUMBER_CONTINUES.match(following):
            join = True
        elif _opens_unit(following) or _is_heading_line(paragraph):
            join = False
        else:
            # A sentence's end ends the element: a run-in heading (`（三）政府信息管理方面。`) is an
            # element of its own on more pages than it shares one with its paragraph.
            join = not line.endswith(("。", "！", "？"))
        if join:
            joins[index] = index + 1
    return _join_lines_at(text, lines, joins) if joins else text


def _should_join(line: str, following: str, width: int | None, blank_lines: int, continued: bool = False) -> bool:
    if not _CJK.search(line[-3:] + following[:3]):
        return False
    if looks_like_table_line(line) or looks_like_table_line(following):
        return False
    if _is_table_header(line) or _is_table_header(following):
        return False
    if is_furniture_line(line) or is_furniture_line(following):
        return False
    if _ENUMERATED_START.match(following) or following.startswith(("#", "[", "|")):
        return False
    if _CONTINUATION_START.match(following) and not line.endswith(_SENTENCE_END):
        return True
    if _is_heading_like(line):
        return False
    fills_width = width is not None and blank_lines <= 2 and len(line) >= width - 4
    if fills_width and not line.endswith(_SENTENCE_END):
        return True
    # The last, short line of a wrapped paragraph that stops in mid-sentence: a page break follows.
    if continued and width is not None and not line.endswith(_SENTENCE_END + _WEAK_END):
        return True
    # A sentence that ends exactly where the PDF wraps: more often inside a paragraph than at its end.
    if fills_width and len(line) >= width and line.endswith(("。", "；")):
        return True
    if line.endswith(_SENTENCE_END + _WEAK_END):
        return False
    # A page break: a line of prose (long, or with clauses, unpunctuated at its end) cut in mid-sentence.
    prose = len(line) >= 40 or (len(line) >= 20 and bool(re.search(r"[，。；,]", line)))
    return prose and blank_lines <= 3


# --------------------------------------------------------------------------------------------
# Page furniture lines (kept as `meta` paragraphs, never joined to prose)
# --------------------------------------------------------------------------------------------

_FURNITURE = re.compile(
    r"^(?:[•·▪►>»]\s*)?(?:您(?:现在)?的?当前位置|您现在的位置|当前位置|位置[:：]|首页\s*[>»/]|发布(?:时间|日期|机构|单位|者)|更新(?:时间|日期)|"
    r"信息(?:来源|提供日期)|来源[:：]|文章来源|浏览(?:次数|量)?[:：]?|点击(?:数|量|率)|阅读(?:次数|量)|查看[:：]|评论[:：]|字号|【?\s*字体|【?\s*打印|打印本页|关闭(?:窗口|本页)|"
    r"分享(?:到)?[:：]?|责任编辑|索引号|主题分类|发文(?:机关|日期)|成文日期|文号[:：]|正文$|附件[:：]?\s*$|扫一扫|扫码|无障碍|本站支持|网站地图|联系我们|联络我们|"
    r"相关(?:词条|链接|文章|阅读)|上一篇|下一篇|返回顶部|投稿[:：]|日期[:：]|时间[:：]|P\.\s*\d+$|您访问的链接即将离开|"
    r"(?:联系)?电话[:：]|传真[:：]|邮编[:：]|地址[:：]|电子邮箱[:：]|E-?mail[:：]|"
    # A crawler's header: `标题: …`, `原文链接: …`, and its rule `==== 正文 ====`.
    r"(?:文章)?标题\s*[:：]|题目\s*[:：]|原文(?:链接|地址)|(?:链接|网址|URL)\s*[:：]|[=\-—*#]{2,}\s*(?:正文|内容|全文)?\s*[=\-—*#]{2,}\s*$)",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    r"^[(（]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]?$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
#: A site's breadcrumb trail (`网站首页 > 信息公开 > 某某镇信息公开年报`): two or more short steps
#: between arrows, or one step from the home page. Its last step often names the report, and would
#: otherwise pass for the report's title.
_BREADCRUMB = re.compile(
    r"^(?:(?:网站)?(?:首页|主页)\s*(?:>{1,2}|»|›|→)"
    r"|(?:(?:>{1,2}|»|›|→)\s*)?[^。，；;>»›→]{1,30}(?:\s*(?:>{1,2}|»|›|→)\s*[^。，；;>»›→]{1,30}){2,}\s*$)"
)
#: Short lines of a site's navigation menu (`• 新闻资讯`).
_MENU_ITEM = re.compile(r"^[•·▪►]\s*\S{1,12}$")


def is_furniture_line(line: str) -> bool:
    """Breadcrumbs, publication dates, contact lines, share buttons, menus: not report content."""
    stripped = line.strip()
    return bool(
        _FURNITURE.match(stripped) or _DATE_LINE.match(stripped) or _MENU_ITEM.match(stripped) or _BREADCRUMB.match(stripped)
    )


# --------------------------------------------------------------------------------------------
# The pipeline
# --------------------------------------------------------------------------------------------


def normalize_text(source: str) -> NormalizedText:
    """Clean a report's raw text; see the module docstring for what is repaired."""
    text = NormalizedText.identity(source)
    text = text.translate(character_table())
    text = text.sub(re.compile(r"\n\n+"), "\n\n")
    text = text.sub(_PINYIN_GLOSS, _drop_gloss)
    text = to_simplified(text)
    text = text.sub(_BOOKMARK, "")
    text = text.sub(_LONE_PIPE_LINE, "")
    text = text.sub(_PIPE_RUN, " ")
    text = text.sub(_PIPE_EDGE, "")
    text = text.sub(_MARKDOWN, _drop_markdown)
    text = text.sub(_FORM_FEED, "\n")
    text = text.sub(_PAGE_NUMBER_LINE, "")
    text = text.sub(_TRAILING_SPACE, "")
    text = text.sub(_LEADING_SPACE, "")
    text = text.sub(_INNER_SPACES, " ")
    # Fragments first: a glued report cut into pieces by its numbers is glued again, then split as one.
    if "\f" not in source:  # PDF text (pages in form feeds) wraps by width: join_broken_lines' concern
        text = rejoin_fragments(text)
    text = split_glued_lines(text)
    text = text.sub(_LEADING_SPACE, "")
    text = text.sub(_TRAILING_SPACE, "")
    text = join_broken_lines(text)
    # A glued blob that a PDF or a converter also wrapped is whole again only now.
    text = split_glued_lines(text)
    text = text.sub(_MANY_BLANKS, "\n\n")
    return text


def clean_text(text: str) -> str:
    """Normalise one paragraph's text (user-supplied JSONL and the like) to a single clean line."""
    cleaned = normalize_text(text).text
    return re.sub(r"\s*\n\s*", " ", cleaned).strip()


#: Punctuation folded by `comparable`: variants that carry no meaning for comparing texts.
_COMPARABLE = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "“": '"', "”": '"', "‘": "'", "’": "'"})


def comparable(text: str) -> str:
    """A form of clean text for comparing passages: punctuation widths folded, spaces removed."""
    return re.sub(r"\s+", "", text.translate(_COMPARABLE))
