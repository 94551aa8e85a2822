"""Word 97–2003 binary documents (.doc) and WPS text (.wps, the same format) → text, in the .docx reader's
shape: a line per paragraph, a line of tab-separated cells per table row (`nlp.read.cellgrid`).

The text is read the documented way ([MS-DOC] 2.4.1): the File Information Block (FIB) at the start of
the `WordDocument` stream names the table stream (`0Table`/`1Table`) and the place of the CLX in it; the
CLX's piece table maps character positions to byte offsets in `WordDocument`, each piece either
"compressed" (one cp1252 byte a character) or UTF-16LE. The main document's characters are read (`ccpText`),
and the text boxes' story, each box after the paragraph that anchors it (`_text_boxes`); footnotes, headers
and comments lie between them and are left out, as the .docx reader leaves them out. A fast-saved file (`fComplex`) is read through the same piece table, each piece's property
modifier (`Prm`: how such a save changes paragraphs' properties after the fact) applied over them.

Word marks structure with characters in the text: 0x0D ends a paragraph, 0x07 ends a table cell and also
a table row. Which 0x07 ends a row is said only by the paragraph's properties (`sprmPFTtp`), so these are
read from the PAPX pages (`nlp.read.docprops`), which also give each row's cell edges and a paragraph's
table depth (a table nested in a cell ends its cells and rows at paragraph marks); `cellgrid.TableBuilder`
makes the lines, as for RTF. The OLE container
itself is opened with `olefile`.
"""

from __future__ import annotations

import io
import re
import struct
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from nlp.errors import ReadError, ReadLimitError
from nlp.read.cellgrid import TableBuilder
from nlp.read.docnumbering import DocNumbering
from nlp.read.docprops import ParagraphProps, PropsReader, modified, parse_sprms
from nlp.read.limits import ReadLimits

#: Streams that tell what a compound file is when it holds no `WordDocument`.
_OTHER_OLE = (
    (("Workbook",), "an Excel workbook (.xls)"),
    (("Book",), "an Excel 5/95 workbook (.xls)"),
    (("PowerPoint Document",), "a PowerPoint presentation (.ppt)"),
    (("EncryptionInfo", "EncryptedPackage"), "a password-protected Office 2007+ file (.docx/.xlsx); remove the password and save it as .docx"),
    (("__properties_version1.0",), "an Outlook message (.msg)"),
    (("VisioDocument",), "a Visio drawing (.vsd)"),
    (("CONTENTS",), "a Microsoft Works or WordPerfect-style document, not a Word document; save it as .docx"),
)
_ADVICE = "open it in Word or WPS and save it as .docx or PDF"
#: The last nFib of Word 6.0/95 (101–105), whose header and text have another layout. Word 97 and later
#: write 0x00C1 here (their own version stands further on); other writers may put another value above 105.
_NFIB_WORD95 = 105
_FIB_SIGNATURE = 0xA5EC
#: Indexes in FibRgFcLcb97 (pairs of fc, lcb): the style sheet, the PAPX pages, the CLX, the lists.
_STSH_PAIR, _PAPX_PAIR, _CLX_PAIR, _LST_PAIR, _LFO_PAIR = 1, 13, 33, 73, 74
#: Marks in Word's text ([MS-DOC] 2.8.x): paragraph end, cell/row end, field begin/separator/end.
_PARAGRAPH, _CELL, _FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\r", "\x07", "\x13", "\x14", "\x15"
_MARKS = re.compile("[\r\x07\x13\x14\x15]")
#: Characters kept as they are besides printable text; the rest of the C0 controls are dropped
#: (0x01 picture anchor, 0x08 drawn object, 0x02 footnote mark, 0x05 comment mark, 0x1F optional hyphen).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1d\x1f\x7f]")
_LINE_BREAK = re.compile("[\x0b\x0c]")  # vertical tab (Shift+Enter), page or section break


@dataclass(frozen=True)
class _Piece:
    """Characters [start, end) of the document stored from byte `offset` of WordDocument; `modifier`: the
    sprms its Prm applies to the paragraphs whose mark it holds (a fast-saved file's changes)."""

    start: int
    end: int
    offset: int
    compressed: bool
    modifier: dict[int, bytes] | None = None


def looks_like_ole(data: bytes) -> bool:
    """The compound file's signature (its first half: a file cut inside it is still told as a damaged one)."""
    return data.startswith(b"\xd0\xcf\x11\xe0")


def read_doc(data: bytes, name: str, limits: ReadLimits) -> str:
    """The text of a Word 97–2003 or WPS document; a `ReadError` saying what is wrong where it cannot be read."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, IndexError, struct.error, RecursionError) as exc:
        raise ReadError(name, f"damaged Word/OLE file: the compound file cannot be opened ({exc}); {_ADVICE}") from exc
    with ole:
        streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
        if "WordDocument" not in streams:
            raise ReadError(name, f"not a report: {_what_ole(streams)}")
        try:
            word = _stream(ole, "WordDocument")
            fib = _Fib.parse(word, name)
            table = _stream(ole, fib.table_stream) if fib.table_stream in streams else None
            data_stream = _stream(ole, "Data") if "Data" in streams else b""  # wide tables' row properties
        except (OSError, ValueError, IndexError, struct.error) as exc:
            raise ReadError(name, f"damaged Word file: a stream cannot be read ({exc}); {_ADVICE}") from exc
    if table is None:
        raise ReadError(name, f"damaged Word file: its table stream {fib.table_stream} is missing; {_ADVICE}")
    if fib.text_length > limits.max_chars:
        raise ReadLimitError(name, f"the Word file holds {fib.text_length:,} characters of text, too many for one report", "max_chars", limits.max_chars)
    try:
        pieces = _pieces(table, fib, len(word), name)
        text, offsets = _main_text(word, pieces)
        props = PropsReader(word, table, fib.papx_at, fib.papx_size, data_stream)
        numbering = DocNumbering.of(table, fib.pair(_LST_PAIR), fib.pair(_LFO_PAIR), fib.pair(_STSH_PAIR))
        anchored, unanchored = _text_boxes(text, offsets, props, table, fib)
        lines = _lines(text, offsets, props, numbering, (0, min(fib.text_length, len(text))), anchored)
        return "\n".join([*lines, *unanchored])
    except (ValueError, IndexError, struct.error) as exc:
        raise ReadError(name, f"damaged Word file: its structures do not hold together ({exc}); {_ADVICE}") from exc


def _stream(ole, path: str) -> bytes:
    with ole.openstream(path) as handle:
        return handle.read()


def _what_ole(streams: set[str]) -> str:
    for needed, what in _OTHER_OLE:
        if all(stream in streams for stream in needed):
            return f"the file is {what}"
    if any(stream.startswith("__substg1.0_") for stream in streams):
        return "the file is an Outlook message (.msg)"
    listed = ", ".join(sorted(streams)[:6]) or "none"
    return f"an OLE compound file without a Word document in it (streams: {listed})"


@dataclass(frozen=True)
class _Fib:
    """What the reader needs of the File Information Block ([MS-DOC] 2.5.1)."""

    table_stream: str
    text_length: int  # ccpText: characters of the main document
    clx_at: int
    clx_size: int
    papx_at: int
    papx_size: int
    pairs: tuple[tuple[int, int], ...]  # every (fc, lcb) of the FIB
    boxes_at: int = 0  # where the text boxes' story starts in the CP space (after the main text, notes, headers)
    boxes_length: int = 0  # ccpTxbx: its characters

    def pair(self, index: int) -> tuple[int, int]:
        """(offset, size) in the table stream of one structure; (0, 0) where the FIB is too short to name it."""
        return self.pairs[index] if index < len(self.pairs) else (0, 0)

    @classmethod
    def parse(cls, word: bytes, name: str) -> _Fib:
        if len(word) < 0x22:
            raise ReadError(name, f"damaged Word file: its WordDocument stream is {len(word)} bytes, too short for Word's header; {_ADVICE}")
        ident, nfib = struct.unpack_from("<HH", word, 0)
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if ident != _FIB_SIGNATURE:
            raise ReadError(name, f"damaged Word file: its header lacks Word's signature (0x{ident:04X}, not 0xA5EC); {_ADVICE}")
        if flags & 0x0100:  # fEncrypted (with fObfuscated: XOR; without: RC4)
            raise ReadError(name, "the Word file is password-protected (encrypted): remove the password in Word or WPS and save it again")
        if nfib <= _NFIB_WORD95:
            raise ReadError(name, f"a Word 6.0/95 document (nFib {nfib}), older than this reader reads (Word 97–2003); {_ADVICE}")
        position = 0x20
        (csw,) = struct.unpack_from("<H", word, position)
        position += 2 + 2 * csw
        (cslw,) = struct.unpack_from("<H", word, position)
        lw = position + 2
        position = lw + 4 * cslw
        (pairs,) = struct.unpack_from("<H", word, position)
        pairs_at = position + 2
        if cslw < 4 or pairs <= _CLX_PAIR or pairs_at + 8 * (_CLX_PAIR + 1) > len(word):
            raise ReadError(name, f"damaged Word file: its header (FIB) is cut short or zeroed; {_ADVICE}")
        (text_length,) = struct.unpack_from("<i", word, lw + 12)
        clx_at, clx_size = struct.unpack_from("<II", word, pairs_at + 8 * _CLX_PAIR)
        papx_at, papx_size = struct.unpack_from("<II", word, pairs_at + 8 * _PAPX_PAIR)
        if text_length < 0 or clx_size == 0:
            raise ReadError(name, f"damaged Word file: its header names no text (ccpText {text_length}, CLX of {clx_size} bytes); {_ADVICE}")
        listed = min(pairs, (len(word) - pairs_at) // 8)
        pair_list = tuple(struct.unpack_from("<II", word, pairs_at + 8 * index) for index in range(listed))
        # FibRgLw97: ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn, ccpTxbx from its fourth field on.
        stories = struct.unpack_from("<7i", word, lw + 12) if cslw >= 10 else (text_length, 0, 0, 0, 0, 0, 0)
        boxes_at, boxes_length = sum(stories[:6]), stories[6]
        if min(stories) < 0:
            boxes_at = boxes_length = 0  # a header that does not add up: the main text alone
        table_stream = "1Table" if flags & 0x0200 else "0Table"
        return cls(table_stream, text_length, clx_at, clx_size, papx_at, papx_size, pair_list, boxes_at, boxes_length)


def _pieces(table: bytes, fib: _Fib, word_size: int, name: str) -> list[_Piece]:
    """The piece table of the CLX ([MS-DOC] 2.9.38): property runs (Prc, type 1) are skipped up to the
    Pcdt (type 2), whose PlcPcd holds n + 1 character positions and n piece descriptors of 8 bytes."""
    clx = table[fib.clx_at : fib.clx_at + fib.clx_size]
    if len(clx) < fib.clx_size:
        raise ReadError(name, f"damaged Word file: its piece table lies past the end of the table stream (truncated?); {_ADVICE}")
    position = 0
    runs: list[bytes] = []  # the Prcs' sprms, which a piece's Prm names by index
    while position < len(clx) and clx[position] == 0x01:
        (size,) = struct.unpack_from("<h", clx, position + 1)
        if size < 0:
            raise ValueError("a property run of negative size")
        runs.append(clx[position + 3 : position + 3 + size])
        position += 3 + size
    if position >= len(clx) or clx[position] != 0x02:
        raise ReadError(name, f"damaged Word file: no piece table in its CLX; {_ADVICE}")
    (size,) = struct.unpack_from("<I", clx, position + 1)
    plc = clx[position + 5 : position + 5 + size]
    count = (len(plc) - 4) // 12
    if count < 1 or len(plc) != size or (size - 4) % 12:
        raise ReadError(name, f"damaged Word file: its piece table is cut or malformed; {_ADVICE}")
    starts = struct.unpack_from(f"<{count + 1}i", plc, 0)
    pieces = []
    read_to = fib.boxes_at + fib.boxes_length if fib.boxes_length else fib.text_length
    for index in range(count):
        start, end = starts[index], min(starts[index + 1], read_to)
        if start >= read_to:
            break
        if end < start or start < 0:
            raise ReadError(name, f"damaged Word file: its piece table's positions run backwards; {_ADVICE}")
        fc, prm = struct.unpack_from("<IH", plc, 4 * (count + 1) + 8 * index + 2)
        # A Prm with its lowest bit set names a Prc; without, it holds one sprm by a table index (not read).
        modifier = parse_sprms(runs[prm >> 1]) if prm & 1 and prm >> 1 < len(runs) else None
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        if offset + (end - start) * (1 if compressed else 2) > word_size:
            raise ReadError(name, f"damaged Word file: its text lies past the end of the file (truncated?); {_ADVICE}")
        pieces.append(_Piece(start, end, offset, compressed, modifier))
    return pieces


def _main_text(word: bytes, pieces: list[_Piece]) -> tuple[str, list[_Piece]]:
    """The main document's characters, and each piece placed in that text (its `start`), to find a
    character's place in WordDocument, which the paragraph properties are keyed by."""
    parts, offsets, length = [], [], 0
    for piece in pieces:
        count = piece.end - piece.start
        if piece.compressed:
            part = word[piece.offset : piece.offset + count].decode("cp1252", errors="replace")
        else:
            part = word[piece.offset : piece.offset + 2 * count].decode("utf-16-le", errors="replace")
        offsets.append(_Piece(length, length + len(part), piece.offset, piece.compressed, piece.modifier))
        parts.append(part)
        length += len(part)
    return "".join(parts), offsets


def _props_at(offsets: list[_Piece], starts: list[int], index: int, props: PropsReader) -> ParagraphProps:
    """The properties of the paragraph whose mark is character `index`: its page's, then its piece's Prm."""
    piece = offsets[bisect_right(starts, index) - 1]
    found = props.at(piece.offset + (index - piece.start) * (1 if piece.compressed else 2))
    return modified(found, piece.modifier) if piece.modifier else found


#: FibRgFcLcb97's pairs for the shapes anchored in the main text (PlcSpaMom) and the text boxes' story
#: (PlcftxbxTxt).
_SPA_PAIR, _TXBX_PAIR = 40, 56
_PARAGRAPH_END = re.compile("[\r\x07]")


def _text_boxes(text: str, offsets: list[_Piece], props: PropsReader, table: bytes, fib: _Fib) -> tuple[dict[int, list[str]], list[str]]:
    """The text boxes' lines ([MS-DOC] 2.9.103, 2.9.253): the story after the main text, notes and headers
    holds every box's text; PlcftxbxTxt cuts it into boxes, each naming its shape (`lid`), and PlcSpaMom
    gives each shape's anchor in the main text. Returns {the mark ending the anchor's paragraph: lines}
    (read after that paragraph, as the .docx reader reads a box) and the lines of boxes whose shape is not
    found (read at the end: never lost)."""
    if not fib.boxes_length or len(text) < fib.boxes_at + fib.boxes_length:
        return {}, []
    boxes_at, boxes_end = fib.boxes_at, fib.boxes_at + fib.boxes_length
    at, size = fib.pair(_TXBX_PAIR)
    plc = table[at : at + size]
    count = (len(plc) - 4) // 26 if len(plc) >= 30 and (len(plc) - 4) % 26 == 0 else 0
    if not count:  # no map of the story: its text is read whole, at the end
        return {}, [line for line in _lines(text, offsets, props, None, (boxes_at, boxes_end)) if line.strip()]
    cps = struct.unpack_from(f"<{count + 1}i", plc, 0)
    at, size = fib.pair(_SPA_PAIR)
    spa = table[at : at + size]
    shapes = (len(spa) - 4) // 30 if len(spa) >= 34 and (len(spa) - 4) % 30 == 0 else 0
    anchors: dict[int, int] = {}  # shape id → its anchor's character position
    anchor_cps = struct.unpack_from(f"<{shapes + 1}i", spa, 0) if shapes else ()
    for index in range(shapes):
        (lid,) = struct.unpack_from("<i", spa, 4 * (shapes + 1) + 26 * index)
        anchors.setdefault(lid, anchor_cps[index])
    marks = [match.start() for match in _PARAGRAPH_END.finditer(text, 0, fib.text_length)]
    anchored: dict[int, list[str]] = {}
    unanchored: list[str] = []
    read_to = boxes_at  # each character of the story is read once, whatever a damaged map says
    for index in range(count):
        start, end = max(boxes_at + cps[index], read_to), min(boxes_at + cps[index + 1], boxes_end)
        reusable, lid = struct.unpack_from("<hxxxxi", plc, 4 * (count + 1) + 22 * index + 8)
        if reusable or start >= end:
            continue  # a free slot of Word's, or the story's closing mark
        read_to = end
        lines = _lines(text, offsets, props, None, (start, end))
        if len(lines) > 1 and not lines[-1]:
            lines.pop()  # the mark that closes the box in the story, after its own last paragraph
        anchor = anchors.get(lid, -1)
        after = bisect_left(marks, anchor) if 0 <= anchor < fib.text_length else len(marks)
        if after < len(marks):
            anchored.setdefault(marks[after], []).extend(lines)
        else:
            unanchored.extend(lines)
    return anchored, unanchored


def _lines(text: str, offsets: list[_Piece], props: PropsReader, numbering: DocNumbering | None,
           span: tuple[int, int], boxes: dict[int, list[str]] | None = None) -> list[str]:
    """Paragraphs and table rows of the characters in `span` as lines (`cellgrid.TableBuilder`: tables nested
    in cells, page frames); field codes dropped, their results kept; Word's list numbers written before
    their paragraphs (in a page frame too; not in a data cell's field, as the .docx reader writes it); `boxes`: the lines of
    the text boxes anchored in the paragraph that ends at a mark, read after it."""
    starts = [piece.start for piece in offsets]
    builder = TableBuilder()
    fields: list[bool] = []  # open fields: True once past the separator (in the result)
    piece: list[str] = []  # text of the paragraph being read
    start, end = span
    position = start
    for match in _MARKS.finditer(text, start, end):
        mark = match.group()
        if not any(not shown for shown in fields):
            piece.append(text[position : match.start()])
        position = match.end()
        if mark == _FIELD_BEGIN:
            fields.append(False)
            continue
        if mark == _FIELD_SEPARATOR:
            if fields:
                fields[-1] = True
            continue
        if mark == _FIELD_END:
            if fields:
                fields.pop()
            continue
        paragraph = _clean("".join(piece))
        piece = []
        found = _props_at(offsets, starts, match.start(), props) if starts else ParagraphProps()
        depth = max(found.depth, 1) if mark == _CELL else found.depth
        if found.row_end and (mark == _CELL or depth > 1):
            if paragraph.strip():  # no text stands before a row's end mark; kept where some does
                builder.paragraph(paragraph, depth)
            builder.row_end(depth, found.edges)
        elif mark == _CELL or (depth > 1 and found.cell_end):
            builder.paragraph(paragraph, depth)
            builder.cell_end(depth)
        else:
            # Word counts a numbered paragraph even where it is empty; a page frame's paragraphs are numbered
            # (a data cell's field is written without its number, as the .docx reader writes it).
            label = numbering.label(found.style, found.list_instance, found.list_level) if numbering is not None else ""
            builder.paragraph(paragraph, depth, label)
        for line in (boxes or {}).get(match.start(), []):
            builder.paragraph(line, depth)
    tail = "" if any(not shown for shown in fields) else text[position:end]
    lines = builder.close()
    if tail.strip():
        lines.append(_clean(tail))
    return lines


def _clean(paragraph: str) -> str:
    """A paragraph's text without Word's control characters: a line break (0x0B) or a page break a new line
    (`cellgrid.cell_field` joins it inside a cell), 0x1E a non-breaking hyphen."""
    paragraph = _LINE_BREAK.sub("\n", paragraph.replace("\x1e", "-"))
    return _CONTROLS.sub("", paragraph)
