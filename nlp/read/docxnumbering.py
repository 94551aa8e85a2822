"""Word's automatic numbering, written out: the `一、` `（二）` `3.` that Word draws before a paragraph.

A .docx whose headings are numbered by Word (a numbered heading style, a multilevel list) stores no
number in the text: python-docx gives `总体情况` where the page shows `一、总体情况`. The parser finds
sections and subsections by those numbers, so the reader puts them back: each numbered paragraph's list
(`w:numPr` on the paragraph or on its style), the level's format (`chineseCounting`, `decimal`, …), its
pattern (`lvlText`, `%1、`) and the counters Word keeps, level by level. Bullets and levels with no
number add nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def chinese_counting(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's `chineseCounting`)."""
    if number <= 0:
        return str(number)
    if number < 10:
        return _DIGITS[number]
    if number < 20:
        return "十" + (_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        return _DIGITS[number // 10] + "十" + (_DIGITS[number % 10] if number % 10 else "")
    if number < 1000:
        rest = number % 100
        tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else (_DIGITS[1] if rest < 20 else "") + chinese_counting(rest))
        return _DIGITS[number // 100] + "百" + tail
    return str(number)


def _letters(number: int) -> str:
    # Word's letter numbering repeats the letter: a … z, aa … zz.
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += numeral
            number -= value
    return out


def format_number(number: int, number_format: str) -> str:
    """A counter in one of Word's number formats; formats not known here are written as decimals."""
    if number_format in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(number)
    if number_format == "decimalFullWidth":
        return str(number).translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    if number_format == "decimalZero":
        return f"{number:02d}"
    if number_format == "decimalEnclosedCircle" and 1 <= number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    if number_format == "ideographDigital" and number >= 0:  # digit by digit: 10 is 一〇
        return "".join("〇一二三四五六七八九"[int(digit)] for digit in str(number))
    if number_format == "ideographTraditional" and 1 <= number <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[number - 1]
    if number_format == "ideographZodiac" and 1 <= number <= len(_EARTHLY_BRANCHES):
        return _EARTHLY_BRANCHES[number - 1]
    if number_format in ("lowerLetter", "upperLetter"):
        letters = _letters(number)
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in ("lowerRoman", "upperRoman"):
        numeral = _roman(number)
        return numeral.upper() if number_format == "upperRoman" else numeral
    return str(number)


def with_suffix(number: str, suffix: str) -> str:
    """A drawn number as the line's text starts with it: Word puts a tab or a space after the number
    (`suffix` "tab", "space"; "nothing"); after `、` `.` `）` the text reads as typed without it, and a
    tab would make the line look like a table row."""
    return number if suffix == "nothing" or number[-1:] in "、.．)）:：" else number + " "


def whole_number(text: str | None, default: int) -> int:
    """A whole number from an attribute, `default` where it is missing or not one (a damaged file)."""
    text = (text or "").strip()
    return int(text) if text.lstrip("-").isdigit() else default


def child_val(element: Any, tag: str, namespace: str = _W) -> str | None:
    """The `w:val` of the element's child `tag` (None where either is missing); `namespace` is the schema's
    `{uri}` (.docx's by default; the Word 2003 XML reader gives its own)."""
    child = element.find(namespace + tag) if element is not None else None
    return None if child is None else child.get(namespace + "val")


@dataclass(frozen=True)
class Level:
    start: int = 1
    number_format: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    #: `w:isLgl`: the level shows every level's counter as a decimal (`1.1`, not `一.1`).
    legal: bool = False


@dataclass
class Numbering:
    """The lists of one document and Word's counters while its paragraphs are read in order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → ilvl → Level
    lists: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # (numId, ilvl) → start override
    style_numbers: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → ilvl → last number
    started: set[str] = field(default_factory=set)  # numIds whose start overrides were applied

    @classmethod
    def of(cls, document: Any) -> Numbering | None:
        """The numbering of a python-docx `Document`, None where it has none."""
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError, ValueError, SyntaxError):  # none, or a damaged part (lxml's errors are SyntaxErrors)
            return None
        result = cls()
        for abstract in numbering.iterfind(_W + "abstractNum"):
            levels: dict[int, Level] = {}
            for level in abstract.iterfind(_W + "lvl"):
                levels[whole_number(level.get(_W + "ilvl"), 0)] = Level(
                    start=whole_number(child_val(level, "start"), 1),
                    number_format=child_val(level, "numFmt") or "decimal",
                    text=child_val(level, "lvlText") or "",
                    suffix=child_val(level, "suff") or "tab",
                    legal=level.find(_W + "isLgl") is not None and child_val(level, "isLgl") not in ("0", "false"),
                )
            result.levels[abstract.get(_W + "abstractNumId", "")] = levels
        for instance in numbering.iterfind(_W + "num"):
            num_id = instance.get(_W + "numId", "")
            result.lists[num_id] = child_val(instance, "abstractNumId") or ""
            for override in instance.iterfind(_W + "lvlOverride"):
                start = child_val(override, "startOverride")
                if start is not None:
                    result.starts[num_id, whole_number(override.get(_W + "ilvl"), 0)] = whole_number(start, 1)
        try:
            styles = document.styles.element
        except (KeyError, NotImplementedError, AttributeError, ValueError, SyntaxError):
            styles = None
        if styles is not None:
            result.style_numbers = _style_numbers(styles)
        return result if result.lists else None

    def label(self, paragraph: Any) -> str:
        """The number Word draws before this paragraph (a `w:p` element), '' where it draws none;
        counts it, so paragraphs must be asked in document order."""
        found = self._num_pr(paragraph)
        return "" if found is None else self.number(*found)

    def number(self, num_id: str, level_index: int) -> str:
        """The number Word draws for the next paragraph of list `num_id` at `level_index` (counted);
        the .doc reader asks this directly (`nlp.read.docnumbering`)."""
        abstract = self.lists.get(num_id)
        levels = self.levels.get(abstract or "", {})
        level = levels.get(level_index)
        if abstract is None or level is None:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for (override_id, override_level), start in self.starts.items():
                if override_id == num_id:
                    counters[override_level] = start - 1
        counters[level_index] = counters.get(level_index, levels[level_index].start - 1) + 1
        for deeper in [index for index in counters if index > level_index]:
            del counters[deeper]  # a new item restarts the levels below it
        if level.number_format in ("bullet", "none") or "%" not in level.text:
            return ""
        text = level.text
        for index in range(9, -1, -1):  # %10 before %1
            placeholder = f"%{index + 1}"
            if placeholder in text:
                shown = levels.get(index, Level())
                value = counters.get(index, shown.start)
                # Each counter in its own level's format (Word shows `一.1`), all decimal on a legal level.
                text = text.replace(placeholder, format_number(value, "decimal" if level.legal else shown.number_format))
        return with_suffix(text, level.suffix)

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        properties = paragraph.find(_W + "pPr")
        num_pr = properties.find(_W + "numPr") if properties is not None else None
        if num_pr is not None:
            num_id = child_val(num_pr, "numId")
            if num_id is None or num_id == "0":  # numId 0 switches a style's numbering off
                return None
            return num_id, whole_number(child_val(num_pr, "ilvl"), 0)
        style = child_val(properties, "pStyle") if properties is not None else None
        return self.style_numbers.get(style) if style else None


def _style_numbers(styles: Any) -> dict[str, tuple[str, int]]:
    """styleId → (numId, ilvl) for the paragraph styles that number their paragraphs, by their own
    `w:numPr` or the one of the style they are based on."""
    own: dict[str, tuple[str | None, int]] = {}
    based_on: dict[str, str] = {}
    for style in styles.iterfind(_W + "style"):
        style_id = style.get(_W + "styleId", "")
        parent = child_val(style, "basedOn")
        if parent:
            based_on[style_id] = parent
        properties = style.find(_W + "pPr")
        num_pr = properties.find(_W + "numPr") if properties is not None else None
        if num_pr is not None:
            own[style_id] = (child_val(num_pr, "numId"), whole_number(child_val(num_pr, "ilvl"), 0))
    result: dict[str, tuple[str, int]] = {}
    for style_id in {*own, *based_on}:
        current, seen = style_id, set()
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based_on.get(current, "")
        if current in own:
            num_id, level = own[current]
            if num_id and num_id != "0":
                result[style_id] = (num_id, level)
    return result
