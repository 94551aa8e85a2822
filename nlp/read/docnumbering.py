"""Word's automatic numbering in a Word 97–2003 file, written out as the .docx reader writes it
(`nlp.read.docxnumbering`): a heading numbered by its style or its list shows `一、总体情况` in Word, while
the file's text holds `总体情况`, and the parser finds sections by those numbers.

Where it is ([MS-DOC] 2.9.x): the lists (`PlfLst`: one LSTF per list, followed by its LVLs, each with its
start, number format `nfc`, the text after the number `ixchFollow`, and the number's pattern `xst`, in which
the characters 0x00–0x08 stand for the levels' counters), the list instances (`PlfLfo`, by which a
paragraph names its list: `sprmPIlfo`, with `sprmPIlvl` its level), and the style sheet (`STSH`), where a
heading style carries the same two sprms, or inherits them from the style it is based on. The counting,
the formats and the suffix rule are `docxnumbering`'s. Not read: a list instance's overrides of a level
(`LFOLVL`: a restart at another number).
"""

from __future__ import annotations

import struct

from nlp.read.docprops import list_fields, parse_sprms
from nlp.read.docxnumbering import Level, Numbering

#: [MS-DOC] nfc → the OOXML name `docxnumbering.format_number` knows (the others are written as decimals).
NFC_FORMATS = {0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter", 10: "ideographDigital", 14: "decimalFullWidth",
            18: "decimalEnclosedCircle", 22: "decimalZero", 23: "bullet", 30: "ideographTraditional", 31: "ideographZodiac",
            33: "taiwaneseCounting", 35: "taiwaneseCountingThousand", 37: "chineseCounting", 38: "chineseLegalSimplified",
            39: "chineseCountingThousand", 255: "none"}
_SUFFIXES = {0: "tab", 1: "space", 2: "nothing"}
_NO_STYLE = 0x0FFF


class DocNumbering:
    """`label(style, instance, level)`: the number Word draws before the next paragraph of that style
    with its own list sprms (None where it has none; instance 0 switches the style's list off); ''
    where none. Paragraphs must be asked in document order."""

    def __init__(self, numbering: Numbering, styles: dict[int, tuple[int | None, int | None]]) -> None:
        self._numbering = numbering
        self._styles = styles

    @classmethod
    def of(cls, table: bytes, lists: tuple[int, int], instances: tuple[int, int], stylesheet: tuple[int, int]) -> DocNumbering | None:
        """The numbering of a file from its table stream and the (offset, size) of PlfLst, PlfLfo and
        STSH; None where it has no list. A damaged structure raises ValueError or struct.error."""
        if not lists[1] or not instances[1]:
            return None
        numbering = Numbering(levels=_lists(table, lists[0]), lists=_instances(table, instances[0]))
        if not numbering.lists:
            return None
        return cls(numbering, _styles(table, *stylesheet) if stylesheet[1] else {})

    def label(self, style: int, instance: int | None, level: int | None) -> str:
        inherited_instance, inherited_level = self._styles.get(style, (None, None))
        instance = instance if instance is not None else inherited_instance
        if not instance:
            return ""
        level = level if level is not None else (inherited_level or 0)
        return self._numbering.number(str(instance), min(max(level, 0), 8))


def _lists(table: bytes, at: int) -> dict[str, dict[int, Level]]:
    """lsid → level → Level: the LSTFs (28 bytes each), then each list's LVLs in the same order."""
    (count,) = struct.unpack_from("<h", table, at)
    position = at + 2 + 28 * max(0, count)
    found: dict[str, dict[int, Level]] = {}
    for index in range(max(0, count)):
        lsid = struct.unpack_from("<i", table, at + 2 + 28 * index)[0]
        simple = table[at + 2 + 28 * index + 26] & 0x01
        levels = {}
        for level in range(1 if simple else 9):
            levels[level], position = _level(table, position)
        found[str(lsid)] = levels
    return found


def _level(table: bytes, at: int) -> tuple[Level, int]:
    """One LVL: LVLF (28 bytes), its paragraph and character sprms, then the number's pattern (Xst)."""
    start, nfc, flags = struct.unpack_from("<iBB", table, at)
    follow = table[at + 15]
    chpx, papx = table[at + 24], table[at + 25]
    position = at + 28 + papx + chpx
    (length,) = struct.unpack_from("<H", table, position)
    raw = table[position + 2 : position + 2 + 2 * length]
    if len(raw) < 2 * length:
        raise ValueError("a list level lies past the end of the table stream")
    pattern = "".join(f"%{ord(char) + 1}" if ord(char) < 9 else char for char in raw.decode("utf-16-le", errors="replace"))
    level = Level(start=start, number_format=NFC_FORMATS.get(nfc, "decimal"), text=pattern, suffix=_SUFFIXES.get(follow, "tab"), legal=bool(flags & 0x04))
    return level, position + 2 + 2 * length


def _instances(table: bytes, at: int) -> dict[str, str]:
    """1-based list instance → lsid (LFOs of 16 bytes after their count)."""
    (count,) = struct.unpack_from("<i", table, at)
    if count < 0 or at + 4 + 16 * count > len(table):
        raise ValueError("the list instances lie past the end of the table stream")
    return {str(index + 1): str(struct.unpack_from("<i", table, at + 4 + 16 * index)[0]) for index in range(count)}


def _styles(table: bytes, at: int, size: int) -> dict[int, tuple[int | None, int | None]]:
    """Style index → its list sprms, its own or the nearest of the styles it is based on."""
    (header,) = struct.unpack_from("<H", table, at)
    count, base_size = struct.unpack_from("<HH", table, at + 2)
    position, end = at + 2 + header, at + size
    own: dict[int, tuple[int | None, int | None]] = {}
    based_on: dict[int, int] = {}
    for istd in range(count):
        if position + 2 > end:
            break
        (length,) = struct.unpack_from("<H", table, position)
        std = table[position + 2 : position + 2 + length]
        position += 2 + length
        if length < 10 or len(std) < length:
            continue
        kind, base = std[2] & 0x0F, struct.unpack_from("<H", std, 2)[0] >> 4
        based_on[istd] = base
        if kind != 1:  # not a paragraph style
            continue
        (name_length,) = struct.unpack_from("<H", std, base_size)
        upx = base_size + 2 + 2 * name_length + 2
        if upx + 4 > len(std):
            continue
        (upx_size,) = struct.unpack_from("<H", std, upx)
        fields = list_fields(parse_sprms(std[upx + 4 : upx + 2 + upx_size]))
        if fields != (None, None):
            own[istd] = fields
    result = {}
    for istd in based_on:
        current, seen = istd, set()
        while current in based_on and current not in own and current not in seen and current != _NO_STYLE:
            seen.add(current)
            current = based_on[current]
        if current in own:
            result[istd] = own[current]
    return result

