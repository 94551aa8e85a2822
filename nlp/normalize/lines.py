"""What one line is, by its shape: a table row or header, the opening of an enumerated item, a sentence's end.

Shared by the steps that join and cut lines (`wraps`, `fragments`, `glued`) and by the parser."""

from __future__ import annotations

import re

#: Chinese numerals of section and item numbering.
CN_NUM = "一二三四五六七八九十"

#: Ends that close a sentence for sure, and ends (closing quotes, brackets) that may also fall at a wrap.
SENTENCE_END = tuple("。！？；!?;：:…")
WEAK_END = tuple("”\"）)】》’")
ENUMERATED_START = re.compile(
    r"^(?:[" + CN_NUM + r"]{1,3}[、.．]|[（(][" + CN_NUM + r"\d]{1,3}[)）]|\d{1,2}[、．.](?!\d)|第[" + CN_NUM + r"\d]{1,3}[部分章条项]|[" + CN_NUM + r"]是|附件|附表|注[:：])"
)
CONTINUATION_START = re.compile(r"^[，。、；：,.;:！？）)》”’%％]")
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
