"""The paragraph properties of a Word 97–2003 file that its text needs to be read as tables ([MS-DOC]
2.8.x, 2.9.x): is a paragraph in a table cell (`sprmPFInTable`), does its mark end a table row
(`sprmPFTtp`), and the row's cell edges (`sprmTDefTable`, carried by the row's end mark).

The properties live in PAPX pages (FKPs of 512 bytes in `WordDocument`), found through the PlcBtePapx of
the table stream; each page maps ranges of byte offsets in `WordDocument` to a list of property
modifiers (sprms). A paragraph whose sprms outgrow its page (the end of a row of a wide table, whose
`sprmTDefTable` holds 22 bytes a cell) holds only `sprmPHugePapx`, pointing into the `Data` stream where
they are. A table nested in a cell has a depth (`sprmPItap` > 1); its cells and rows end at paragraph
marks (`sprmPFInnerTableCell`, `sprmPFInnerTtp`) rather than at 0x07.

A piece's own property modifier (`Prm`), by which a fast-saved file changes a paragraph's properties after
the fact, goes over them (`modified`).
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from dataclasses import dataclass, replace

_PAGE = 512
_IN_TABLE = 0x2416  # sprmPFInTable
_ROW_END = 0x2417  # sprmPFTtp
_INNER_CELL = 0x244B  # sprmPFInnerTableCell: a paragraph mark that ends a nested table's cell
_INNER_ROW_END = 0x244C  # sprmPFInnerTtp: the end of a nested table's row
_DEPTH = 0x6649  # sprmPItap: table depth
_DEF_TABLE = 0xD608  # sprmTDefTable: cell edges and cell descriptors
_ILFO, _ILVL = 0x460B, 0x260A  # sprmPIlfo, sprmPIlvl: the paragraph's list and level (nlp.read.docnumbering)
_HUGE = (0x6646, 0x6645)  # sprmPHugePapx (and its older code): the sprms are in the Data stream
#: Operand size by the sprm's spra (its top three bits); 6 is variable, -1 a three-byte operand.
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


@dataclass(frozen=True)
class ParagraphProps:
    in_table: bool = False
    row_end: bool = False  # the mark ends a table row (at `depth`: a 0x07 at depth 1, a paragraph mark deeper)
    edges: list[int] | None = None  # a row end's cell edges (twips), left to right
    depth: int = 0  # table depth (sprmPItap): 0 outside tables, 2 for a table nested in a cell
    cell_end: bool = False  # a paragraph mark that ends a nested table's cell (sprmPFInnerTableCell)
    style: int = 0  # istd: the paragraph's style
    list_instance: int | None = None  # its own sprmPIlfo (0 switches its style's numbering off)
    list_level: int | None = None  # its own sprmPIlvl


class PropsReader:
    """`at(offset)`: the properties of the paragraph holding the character at that byte offset."""

    def __init__(self, word: bytes, table: bytes, at: int, size: int, data: bytes = b"") -> None:
        self._word = word
        self._data = data
        self._pages: dict[int, tuple[list[int], list[ParagraphProps]]] = {}
        plc = table[at : at + size] if size >= 12 else b""
        count = (len(plc) - 4) // 8 if len(plc) >= 12 and (len(plc) - 4) % 8 == 0 else 0
        self._bounds = list(struct.unpack_from(f"<{count + 1}I", plc, 0)) if count else []
        self._page_numbers = list(struct.unpack_from(f"<{count}I", plc, 4 * (count + 1))) if count else []

    def at(self, offset: int) -> ParagraphProps:
        index = bisect_right(self._bounds, offset) - 1
        if index < 0 or index >= len(self._page_numbers):
            return ParagraphProps()
        number = self._page_numbers[index] & 0x3FFFFF
        if number not in self._pages:
            self._pages[number] = self._page(number)
        ends, props = self._pages[number]
        run = bisect_right(ends, offset) - 1
        return props[run] if 0 <= run < len(props) else ParagraphProps()

    def _page(self, number: int) -> tuple[list[int], list[ParagraphProps]]:
        """One PapxFkp: crun + 1 offsets, crun BxPap entries of 13 bytes (the first byte: where the
        run's PAPX lies, in words from the page's start), crun in the last byte."""
        page = self._word[number * _PAGE : (number + 1) * _PAGE]
        if len(page) < _PAGE:
            raise ValueError(f"paragraph property page {number} lies past the end of the file")
        runs = page[_PAGE - 1]
        if 4 * (runs + 1) + 13 * runs > _PAGE - 1:
            raise ValueError(f"paragraph property page {number} claims {runs} runs")
        ends = list(struct.unpack_from(f"<{runs + 1}I", page, 0))
        props = []
        for run in range(runs):
            where = 2 * page[4 * (runs + 1) + 13 * run]
            props.append(self._papx(page, where) if where else ParagraphProps())
        return ends, props

    def _papx(self, page: bytes, where: int) -> ParagraphProps:
        """A PapxInFkp: a size byte (in words; 0: the next byte holds it), the style index, the sprms."""
        size = page[where]
        if size == 0:
            start, length = where + 2, 2 * page[where + 1]
        else:
            start, length = where + 1, 2 * size - 1
        style = struct.unpack_from("<H", page, start)[0] if length >= 2 else 0
        sprms = parse_sprms(page[start + 2 : start + length])
        for code in _HUGE:
            if code in sprms and len(sprms[code]) == 4:
                # A PrcData in the Data stream: the sprms' size (2 bytes), then the sprms.
                (at,) = struct.unpack("<I", sprms[code])
                if at + 2 > len(self._data):
                    raise ValueError("a paragraph's properties lie past the end of the Data stream")
                (count,) = struct.unpack_from("<h", self._data, at)
                sprms = parse_sprms(self._data[at + 2 : at + 2 + max(0, count)])
        return _props(sprms, style)


def modified(props: ParagraphProps, sprms: dict[int, bytes]) -> ParagraphProps:
    """`props` with what `sprms` (a piece's Prm) sets in them."""
    changes: dict = {}
    if _IN_TABLE in sprms:
        changes["in_table"] = _flag(sprms[_IN_TABLE])
        changes["depth"] = max(props.depth, 1) if changes["in_table"] else 0
    if _ROW_END in sprms:
        changes["row_end"] = _flag(sprms[_ROW_END])
    if _DEF_TABLE in sprms:
        changes["edges"] = _edges(sprms[_DEF_TABLE])
    instance, level = list_fields(sprms)
    if instance is not None:
        changes["list_instance"] = instance
    if level is not None:
        changes["list_level"] = level
    return replace(props, **changes) if changes else props


def list_fields(sprms: dict[int, bytes]) -> tuple[int | None, int | None]:
    """(list instance, level) of a paragraph's or a style's sprms, None where it does not set one."""
    instance = struct.unpack("<h", sprms[_ILFO])[0] if len(sprms.get(_ILFO, b"")) == 2 else None
    level = sprms[_ILVL][0] if sprms.get(_ILVL) else None
    return instance, level


def _props(sprms: dict[int, bytes], style: int) -> ParagraphProps:
    itap = sprms.get(_DEPTH)
    depth = struct.unpack_from("<i", itap)[0] if itap is not None and len(itap) >= 4 else 0
    depth = max(depth, 1 if _flag(sprms.get(_IN_TABLE)) else 0)
    nested = depth > 1
    # A row of the outermost table ends at a 0x07 with sprmPFTtp; a nested table's at a paragraph mark
    # with sprmPFInnerTtp (and sprmPFInnerTableCell), its cells at paragraph marks with the latter alone.
    row_end = _flag(sprms.get(_INNER_ROW_END)) if nested else _flag(sprms.get(_ROW_END))
    instance, level = list_fields(sprms)
    edges = _edges(sprms.get(_DEF_TABLE)) if row_end else None
    cell_end = nested and _flag(sprms.get(_INNER_CELL))
    return ParagraphProps(depth > 0, row_end, edges, depth, cell_end, style=style, list_instance=instance, list_level=level)


def parse_sprms(data: bytes) -> dict[int, bytes]:
    """Each sprm's operand (the last one where a sprm repeats). Sizes follow the spra bits; the
    variable ones carry their size in a byte, sprmTDefTable in two (its operand outgrows a byte)."""
    found: dict[int, bytes] = {}
    position = 0
    while position + 2 <= len(data):
        (sprm,) = struct.unpack_from("<H", data, position)
        position += 2
        spra = sprm >> 13
        if sprm == _DEF_TABLE:
            if position + 2 > len(data):
                break
            size = struct.unpack_from("<H", data, position)[0] - 1
            position += 2
        elif spra == 6:
            if position >= len(data):
                break
            size = data[position]
            position += 1
        else:
            size = _OPERAND[spra]
        found[sprm] = data[position : position + size]
        position += size
    return found


def _flag(operand: bytes | None) -> bool:
    return bool(operand) and operand[0] == 1


def _edges(operand: bytes | None) -> list[int] | None:
    """sprmTDefTable's rgdxaCenter: itcMac (cells), then itcMac + 1 signed edges in twips."""
    if not operand:
        return None
    cells = operand[0]
    if len(operand) < 1 + 2 * (cells + 1):
        return None
    return list(struct.unpack_from(f"<{cells + 1}h", operand, 1))
