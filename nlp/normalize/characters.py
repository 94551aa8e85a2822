"""Character repairs: radicals and compatibility ideographs, full widths and odd spaces, pinyin glosses, traditional characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from nlp.normalize.text import NormalizedText

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


#: Characters that end a line: a line feed, a carriage return alone, Unicode's line and paragraph
#: separators (text from JSON fields and JavaScript strings), a vertical tab (Word's line break).
LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029", "\x0b")


@lru_cache(maxsize=1)
def character_table() -> Mapping[int, str]:
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
    for zero_width in ZERO_WIDTH:  # those `repair_characters` leaves (between two spaces, say)
        table[ord(zero_width)] = " "
    table.update({ord(mark): "\n" for mark in LINE_BREAKS if mark != "\n"})
    table[ord("\t")] = "\t"
    return MappingProxyType(table)  # cached and shared by every caller: read-only


@lru_cache(maxsize=1)
def _repaired_characters() -> re.Pattern[str]:
    """Any character that `character_table` changes (not those it maps to themselves)."""
    table = character_table()
    changed = "".join(re.escape(chr(code)) for code, new in sorted(table.items()) if new != chr(code))
    return re.compile(f"[{changed}]")


# Pinyin glosses that web converters put after each converted character: 現(xiàn), 關（guān）.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = (
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:[aeiouüv" + _TONED + r"]{1,3}(?:ng|n|r)?)"
)
#: A gloss after one character (`現(xiàn)`) or after a word, its syllables apart or run together (`政府(zhèng fǔ)`,
#: `实现（shíxiàn）`), as word-level converters leave them.
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]\s*(" + _SYLLABLE + r"(?:[\s'’]*" + _SYLLABLE + r"){0,3})\s*[)）]",
    re.IGNORECASE,
)
_TONE_MARK = re.compile("[" + _TONED + "]")
#: A gloss a line wrap cut in two (`據(j` / `ù)的`, a reposted page's fixed-width lines): one again before it is dropped.
_CUT_GLOSS = re.compile(r"([\u3400-\u9fff][(（][a-zü" + _TONED + r"' ]{0,10}?)[ \t]*\n[ \t]*([a-zü" + _TONED + r"' ]{0,10}[)）])", re.IGNORECASE)
#: A gloss a line wrap put at the start of the next line (`平穩` / `(wěn)、成效`): it carries a tone mark.
_GLOSS_AFTER_BREAK = re.compile(r"([\u3400-\u9fff])[ \t]*\n[ \t]*([(（][a-zü' ]*[" + _TONED + r"][a-zü" + _TONED + r"' ]{0,10}[)）])", re.IGNORECASE)
#: How every gloss starts: a bracket, then a syllable's first letter. Searched first: it opens with the
#: bracket, which `re` skips ahead to, where the gloss pattern (a look-behind first) tries every character.
_GLOSS_START = re.compile(r"[(（]\s*[a-zü" + _TONED + r"]", re.IGNORECASE)
#: Toneless glosses accepted only for syllables that are common in these converters' output.
_TONELESS_OK = frozenset({"de", "le", "me", "ne", "zi", "men", "ge", "zhe", "ma", "ba", "a"})


def _drop_gloss(match: re.Match[str]) -> str:
    """Dropped where every piece of the gloss carries a tone mark or is a common toneless syllable: `(APP)`,
    `(墙)`, `(ban)` stay."""
    pieces = match.group(1).lower().replace("'", " ").replace("’", " ").split()
    if all(_TONE_MARK.search(piece) or piece in _TONELESS_OK for piece in pieces):
        return ""
    return match.group(0)


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_only() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The characters written only in traditional text (`nlp/resources/traditional_only.txt`, taken from OpenCC's
    dictionaries by `scripts/make_traditional_only.py`), as two classes: those up to U+FFFF, and those beyond (a
    class holding any of these is tried character by character, some 70 times slower)."""
    from importlib import resources

    listed = (resources.files("nlp") / "resources" / "traditional_only.txt").read_text(encoding="utf-8")
    chars = "".join(line for line in listed.splitlines() if not line.startswith("#"))
    common = "".join(char for char in chars if char <= "\uffff")
    rare = "".join(char for char in chars if char > "\uffff")
    return re.compile(f"[{re.escape(common)}]"), re.compile(f"[{re.escape(rare)}]")


_BEYOND_FFFF = re.compile("[\U00010000-\U0010ffff]")


def holds_traditional(text: str) -> bool:
    """Whether `text` holds a character written only in traditional text: 國, 關, 現; not 覆, 乾, 於, which simplified
    text writes too."""
    common, rare = _traditional_only()
    return common.search(text) is not None or (_BEYOND_FFFF.search(text) is not None and rare.search(text) is not None)


_LINE = re.compile(r"[^\n]+")
_CHINESE = re.compile("[\u3400-\u9fff]")


def to_simplified(text: NormalizedText) -> NormalizedText:
    """OpenCC t2s where the text is traditional, one line at a time (a conversion that changes length moves
    offsets only locally). Run over simplified text, t2s's phrase segmentation changes words it should not
    (`公示覆盖` → `公示复盖`), so only lines holding a character written only in traditional text are converted
    (most reports hold none at all, which one search tells); in a text where most lines with Chinese hold one,
    every line is, as a short traditional line may hold only characters simplified text writes too (`一目瞭然`,
    `徵集`, a lone `於`)."""
    if not holds_traditional(text.text):
        return text
    converter = _opencc()
    lines = text.text.split("\n")
    if 2 * sum(1 for line in lines if holds_traditional(line)) > sum(1 for line in lines if _CHINESE.search(line)):
        converted = converter.convert(text.text)
        if len(converted) == len(text.text):
            return NormalizedText(converted, text.offsets, text.source_length)
        return text.sub(_LINE, lambda m: converter.convert(m.group(0)))

    def convert(line: re.Match[str]) -> str:
        return converter.convert(line.group(0)) if holds_traditional(line.group(0)) else line.group(0)

    return text.sub(_LINE, convert)


_BLANK_LINES = re.compile(r"\n\n+")


#: Characters that take no room: zero-width spaces and joiners, a BOM inside the text, soft hyphens.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
#: One between two characters that are not spaces: gone, so that `总体\u200b情况` is a section title again
#: (sites and editors put them inside words; as a space they would split the word).
_ZERO_WIDTH_INSIDE = re.compile(f"(?<=\\S)[{ZERO_WIDTH}]+(?=\\S)")


#: A year written in Chinese numerals (`二〇二三年`, `二○二三年度`, `一九九九年`): titles, sign-off dates.
_CHINESE_YEAR = re.compile("(?:一九|二[〇○零Ｏ])[〇○零Ｏ一二三四五六七八九]{2}(?=\\s*年)")
_CHINESE_DIGITS = str.maketrans("〇○零Ｏ一二三四五六七八九", "0000123456789")


def _arabic_year(match: re.Match[str]) -> str:
    return match.group(0).translate(_CHINESE_DIGITS)


def repair_characters(text: NormalizedText) -> NormalizedText:
    """One-to-one repairs, blank lines folded, pinyin glosses dropped, years in Chinese numerals written
    in figures (so that titles, dates and the year's rules read them as any other year), then
    traditional → simplified."""
    text = text.sub(_ZERO_WIDTH_INSIDE, "", needs=ZERO_WIDTH)
    text = text.sub(_CHINESE_YEAR, _arabic_year, needs="〇○零Ｏ九")
    # Most texts hold none of the characters to repair: one regex search says so, where `translate`
    # looks every character up in the table.
    if _repaired_characters().search(text.text) is not None:
        text = text.translate(character_table())
    text = text.sub(_BLANK_LINES, "\n\n", needs=("\n\n",))
    if _GLOSS_START.search(text.text) is not None:
        text = text.sub(_CUT_GLOSS, r"\1\2", needs="\n")
        text = text.sub(_GLOSS_AFTER_BREAK, r"\1\2", needs="\n")
        text = text.sub(_PINYIN_GLOSS, _drop_gloss)
    return to_simplified(text)
