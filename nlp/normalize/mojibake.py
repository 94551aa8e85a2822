"""Text that a crawler decoded with the wrong codec (mojibake), decoded again from the bytes it came from.

Two shapes are common in saved Chinese pages, and both can be undone because the wrong decoding kept
the bytes:

- **UTF-8 read as GBK** (`鏀垮簻淇℃伅鍏紑` for 政府信息公开): a page declared `gb2312` but served as UTF-8,
  read by a tool that trusted the declaration. Encoding the text with GB18030 gives the bytes back, except
  where GBK refused a pair and put a replacement mark for its first byte. That byte is not gone without a
  trace: it is one GBK refuses before the byte that follows, and with the bytes around it it must make a
  UTF-8 character; of the characters that fit, the most frequent one in Chinese text is taken
  (`nlp/resources/char_frequencies.txt`).
- **Any bytes read as Latin-1 / Windows-1252** (`æ”¿åºœ` or `ÕþÕÐ`): an HTTP library's default when the
  server names no charset (`requests`' `Response.text`). Every byte survives, so UTF-8 and GBK pages
  alike come back whole; the codec of the bytes is then decided once for the document.

The document is judged first (its start shows runs of Latin-1 letters, or GBK's readings of UTF-8 lead
bytes with few common characters); then each line on its own, so a crawler's header in good Chinese
above a mangled body stays as it is: a line is decoded again where the new reading decodes without new
replacement marks and has no fewer common characters (`nlp.read.encoding.common_share`, the measure the
file reader uses to tell codecs apart).
Text that was read twice wrongly (`锟斤拷`: replacement marks saved as UTF-8 and read as GBK) has lost
its characters and cannot be decoded again; `is_destroyed` tells the file reader so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from nlp.normalize.text import NormalizedText
from nlp.read.encoding import READS_AS_CHINESE, common_share
from nlp.tokenize import RESOURCES, jieba_for

#: Windows-1252's characters for the bytes 0x80–0x9F (the five bytes it leaves undefined read as
#: Latin-1's control characters, as browsers and most tools read them).
_CP1252_HIGH = {char: byte for byte in range(0x80, 0xA0) if (char := bytes((byte,)).decode("cp1252", errors="ignore"))}
_CP1252_CLASS = "".join(_CP1252_HIGH)
#: Four characters in a row of Latin-1's upper half (or 1252's): a CJK character read byte by byte.
#: Chinese text has no such run (a `°`, `×` or `·` stands alone).
_LATIN1_RUN = re.compile(f"[\u0080-\u00ff{_CP1252_CLASS}]{{4,}}")
_LATIN1_CHAR = re.compile(f"[\u0080-\u00ff{_CP1252_CLASS}]")
#: The first two UTF-8 bytes of full-width forms (`（），：`) and of CJK punctuation (`、。《》`).
_PUNCTUATION_LEADS = ((0xEF, 0xBC), (0xEF, 0xBD), (0xE3, 0x80))
#: Section and item enumerators: `一、`, `（二）`, `三是`. A numeral lost before such a mark is read as one,
#: though a commoner character (`中`, `人`) shares its known bytes.
_NUMERALS = "一二三四五六七八九十"
_ENUMERATOR_OPENERS = frozenset(("", "（", "(", " ", "\u3000", "\t"))
_ENUMERATOR_MARKS = frozenset("、）)．.是")
_LINE_ENUMERATOR = re.compile(r"\s*([（(]?)([一二三四五六七八九十])[、）)]")


class _Enumerators:
    """The numerals a document's lines have opened with so far, by shape (`一、` or `（一）`), so that a
    numeral lost at a line's start is read as the next one (`六、` after `五、`, not `八、`): sections and
    items count up, and items start again at `（一）` under each new section."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}

    def preference(self, char: str, previous: str, following: str) -> int:
        """Above 0 for a numeral opening an enumerator; the more, the closer it follows the last one of its
        shape (a report may skip a number: `四、` then `六、`)."""
        if char not in _NUMERALS or previous not in _ENUMERATOR_OPENERS or following not in _ENUMERATOR_MARKS:
            return 0
        step = _NUMERALS.index(char) - self.last.get(_shape(previous), -1)
        return 1 + len(_NUMERALS) - step if step > 0 else 1

    def update(self, line: str) -> None:
        match = _LINE_ENUMERATOR.match(line)
        if match:
            shape = _shape(match.group(1))
            self.last[shape] = _NUMERALS.index(match.group(2))
            if shape == "section":
                self.last.pop("item", None)


def _shape(opener: str) -> str:
    return "item" if opener in ("（", "(") else "section"


@cache
def _gbk_of_utf8() -> re.Pattern[str]:
    """Any of the characters GBK gives a UTF-8 CJK character's lead byte (0xE4–0xE9) with a continuation
    byte (0x80–0xBF) after it: every other character of UTF-8 read as GBK, rare ones in Chinese text.
    Also the readings of full-width punctuation's and CJK punctuation's first two bytes (`锛`, `锝`, `銆`):
    a table row's label such as `（三）不` is nothing but those and would otherwise look intact.
    Built on first use, so that importing costs nothing."""
    readings = [bytes((lead, trail)).decode("gbk") for lead in range(0xE4, 0xEA) for trail in range(0x80, 0xC0)]
    readings += [bytes(pair).decode("gbk") for pair in _PUNCTUATION_LEADS]
    return re.compile("[" + "".join(sorted(readings)) + "]")
_REPLACEMENT = "\ufffd"
#: What is not part of an intact run: a lost byte (NUL) or a sequence it broke (a replacement mark).
_NOT_INTACT = re.compile("[\x00\ufffd]")
#: How much of the text's start is looked at before deciding a document needs no repair.
_SAMPLE = 5000
_LINE = re.compile(r"[^\n]+")
_DESTROYED = "锟斤拷"


def undo_mojibake(text: NormalizedText) -> NormalizedText:
    """`text` with every mangled line decoded again from its bytes (offsets spread over the new characters)."""
    sample = text.text[:_SAMPLE]
    latin1 = _LATIN1_RUN.search(sample) is not None
    gbk = _reads_as_gbk_of_utf8(sample)
    if not latin1 and not gbk:
        return text
    codec = _latin1_codec(text.text) if latin1 else None
    pairs = _intact_pairs(text.text) if gbk else None
    enumerators = _Enumerators()

    def repaired(match: re.Match[str]) -> str:
        line = _repaired_line(match.group(0), codec, pairs, enumerators)
        enumerators.update(line)
        return line

    return text.sub(_LINE, repaired)


def undo_mojibake_text(text: str) -> str:
    """`undo_mojibake` on a plain string (a paragraph, a title)."""
    return undo_mojibake(NormalizedText.identity(text)).text


def looks_like_mojibake(sample: str) -> bool:
    """Whether `sample` is one of the mangled shapes this module undoes, and undone reads as Chinese with few
    marks left (the file reader keeps such text although the replacement marks of the wrong decoding
    would otherwise make it refuse it; random bytes read as Latin-1 do not undo into Chinese)."""
    if _LATIN1_RUN.search(sample) is None and not _reads_as_gbk_of_utf8(sample):
        return False
    repaired = undo_mojibake_text(sample)
    return (
        repaired != sample
        and common_share(repaired) >= READS_AS_CHINESE
        and repaired.count(_REPLACEMENT) <= 0.02 * len(repaired)
    )


def is_destroyed(sample: str) -> bool:
    """Whether the text is mostly `锟斤拷` runs: characters lost to two wrong decodings, not recoverable."""
    runs = sample.count(_DESTROYED)
    return runs >= 5 and runs * len(_DESTROYED) * 4 >= sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")


def _reads_as_gbk_of_utf8(sample: str) -> bool:
    return len(_gbk_of_utf8().findall(sample)) >= 8 and common_share(sample) < READS_AS_CHINESE


def _intact_pairs(text: str) -> Counter[str]:
    """Pairs of adjacent characters in what GBK read of the document without a mark: reports repeat their
    phrases (`本年`, `令第`), so an intact copy elsewhere is the best witness of a character lost here."""
    raw, _ = _bytes_back(text)  # a lost byte is a NUL there, which no pair holds
    pairs: Counter[str] = Counter()
    for piece in _NOT_INTACT.split(raw.decode("utf-8", errors="replace")):
        pairs.update(piece[i : i + 2] for i in range(len(piece) - 1))
    return pairs


def _bytes_back(text: str) -> tuple[bytearray, set[int]]:
    """The bytes GBK read as `text` (GB18030 reads GBK's pairs alike and gives back the pairs GBK cannot
    map), with a NUL for each byte GBK refused (a replacement mark), and the positions of those NULs."""
    raw = bytearray()
    lost: set[int] = set()
    for index, part in enumerate(text.split(_REPLACEMENT)):
        if index:
            lost.add(len(raw))
            raw.append(0)
        raw.extend(part.encode("gb18030"))
    return raw, lost


def _repaired_line(line: str, latin1_codec: str | None, pairs: Counter[str] | None, enumerators: _Enumerators) -> str:
    candidates = []
    if latin1_codec and _LATIN1_CHAR.search(line):
        candidates.append((_from_latin1(line, latin1_codec), _LATIN1_CHAR))
    if pairs is not None and (_REPLACEMENT in line or _gbk_of_utf8().search(line)):
        candidates.append((_from_gbk(line, pairs, enumerators), _gbk_of_utf8()))
    for candidate, mangled in candidates:
        if candidate is None or candidate == line:
            continue
        # A replacement mark the new reading adds says the bytes were not in that codec (a line that
        # was never mangled); marks the wrong decoding left may stay where no character fits.
        if candidate.count(_REPLACEMENT) > line.count(_REPLACEMENT):
            continue
        if _damage(candidate, mangled) < _damage(line, mangled) and _share(candidate) >= _share(line):
            return candidate
    return line


def _damage(line: str, mangled: re.Pattern[str]) -> int:
    return len(mangled.findall(line)) + line.count(_REPLACEMENT)


def _share(line: str) -> float:
    return common_share(line) if any("\u4e00" <= c <= "\u9fff" for c in line) else 0.0


def _latin1_bytes(line: str) -> bytes | None:
    """The bytes a Latin-1 / Windows-1252 reading of them gave `line`, or None where it holds other characters."""
    out = bytearray()
    for char in line:
        code = ord(char)
        if code < 0x100:
            out.append(code)
        elif char in _CP1252_HIGH:
            out.append(_CP1252_HIGH[char])
        else:
            return None
    return bytes(out)


def _latin1_codec(text: str) -> str | None:
    """The codec of the bytes behind the document's Latin-1 runs: UTF-8 where they decode as it, else the
    Chinese codec whose reading has the most common characters."""
    runs = b"\n".join(
        # Split at line feeds only: `str.splitlines` also splits at NEL (U+0085), one of the bytes read as Latin-1.
        raw for line in text.split("\n") if _LATIN1_RUN.search(line) and (raw := _latin1_bytes(line)) is not None
    )
    if not runs:
        return None
    try:
        runs.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    readings = {codec: common_share(runs.decode(codec, errors="replace")) for codec in ("gb18030", "big5hkscs")}
    return max(readings, key=readings.__getitem__)


def _from_latin1(line: str, codec: str) -> str | None:
    raw = _latin1_bytes(line)
    return None if raw is None else raw.decode(codec, errors="replace")


def _from_gbk(line: str, pairs: Counter[str], enumerators: _Enumerators) -> str:
    """The UTF-8 text that GBK read as `line`: its bytes back, each byte GBK refused found again from the
    characters that fit."""
    raw, lost = _bytes_back(line)
    if not lost:
        return raw.decode("utf-8", errors="replace")
    # Loaded only for such text (a second): the words a character makes with its neighbours choose it.
    words = jieba_for(None).FREQ
    out: list[str] = []
    start = 0
    position = 0
    while position < len(raw):
        byte = raw[position]
        if byte < 0x80 and position not in lost:
            position += 1
            continue
        size = _utf8_size(byte) if position not in lost else 3
        if not any(position + offset in lost for offset in range(size)):
            position += max(size, 1)
            continue
        out.append(raw[start:position].decode("utf-8", errors="replace"))
        previous = out[-1][-1:] or (out[-2][-1:] if len(out) > 1 else "")
        out.append(_likeliest_char(raw, position, lost, previous, (pairs, words), enumerators))
        position += 3
        start = position
    out.append(raw[start:].decode("utf-8", errors="replace"))
    return "".join(out)


def _utf8_size(lead: int) -> int:
    return 3 if 0xE0 <= lead < 0xF0 else 2 if 0xC0 <= lead < 0xE0 else 4 if 0xF0 <= lead < 0xF8 else 1


def _likeliest_char(
    raw: bytearray, start: int, lost: set[int], previous: str, witnesses: tuple[Counter[str], Mapping[str, int]], enumerators: _Enumerators
) -> str:
    """The likeliest three-byte character whose known bytes are those at `start` and whose lost bytes are
    ones GBK refuses before the byte that follows each; a replacement mark where none fits.

    Likeliest: the one whose pairs with its neighbours stand most often intact elsewhere in the document,
    then in jieba's dictionary as words, then the most frequent character alone."""
    window = raw[start : start + 3]
    if len(window) < 3:
        return _REPLACEMENT
    known = tuple(None if start + offset in lost else window[offset] for offset in range(3))
    after = raw[start + 3] if start + 3 < len(raw) and start + 3 not in lost else None
    following = ""
    if not any(start + 3 + offset in lost for offset in range(3)):
        following = bytes(raw[start + 3 : start + 6]).decode("utf-8", errors="ignore")[:1]
    best, best_score = _REPLACEMENT, (-1, -1, -1, -1)
    for rank, (char, encoded) in enumerate(_chars_matching(known)):
        nexts = (*encoded[1:], after)
        if not all(known[offset] is not None or _refused(encoded[offset], nexts[offset]) for offset in range(3)):
            continue
        neighbours = [pair for pair in (previous + char if previous else "", char + following if following else "") if pair]
        score = (enumerators.preference(char, previous, following), *(sum(witness.get(pair, 0) for pair in neighbours) for witness in witnesses), -rank)
        if score > best_score:
            best, best_score = char, score
    return best


def _refused(lead: int, following: int | None) -> bool:
    """Whether GBK reads `lead` alone, as a mark, before `following` (anything, where that is lost too)."""
    if following is None:
        return True
    try:
        bytes((lead, following)).decode("gbk")
    except UnicodeDecodeError:
        return True
    return False


def _chars_matching(known: tuple[int | None, ...]) -> tuple[tuple[str, bytes], ...]:
    """Characters (most frequent first) whose UTF-8 bytes agree with `known` where it is not None."""
    mask = tuple(byte is not None for byte in known)
    key = tuple(byte for byte in known if byte is not None)
    return _index_by_known_bytes(mask).get(key, ())


@cache
def _index_by_known_bytes(mask: tuple[bool, ...]) -> Mapping[tuple[int, ...], tuple[tuple[str, bytes], ...]]:
    index: dict[tuple[int, ...], list[tuple[str, bytes]]] = {}
    for char in char_frequencies():
        encoded = char.encode("utf-8")
        if len(encoded) == 3:
            index.setdefault(tuple(b for b, keep in zip(encoded, mask, strict=True) if keep), []).append((char, encoded))
    # cached and shared by every caller: read-only
    return MappingProxyType({key: tuple(chars) for key, chars in index.items()})


#: Punctuation of Chinese text, as frequent as its most frequent characters.
_PUNCTUATION = "，。、；：？！“”‘’（）《》【】—…　"


@cache
def char_frequencies() -> Mapping[str, int]:
    """CJK characters and punctuation, most frequent first (`nlp/resources/char_frequencies.txt`), read once."""
    counts: dict[str, int] = dict.fromkeys(_PUNCTUATION, 0)
    for line in (RESOURCES / "char_frequencies.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, count = line.split()
            counts[char] = int(count)
    return MappingProxyType(counts)  # cached and shared by every caller: read-only
