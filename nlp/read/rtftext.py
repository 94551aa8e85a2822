"""RTF → text, in the .docx reader's shape: a line per paragraph, a line of tab-separated cells per table
row (`nlp.read.cellgrid`).

Many "Word" files on Chinese government sites are RTF (often under a `.doc` name), with Chinese either
as `\\'xx` byte pairs in the code page of the font or document (`\\ansicpg936`, `\\fcharset134`: GBK) or
as `\\uN` escapes followed by a fallback to skip (`\\ucN`). A small tokenizer of our own rather than
`striprtf` (checked, 0.0.35): striprtf decodes both escapes, but writes a cell end as `|` and a paragraph
inside a cell as a line break, so a table row with a two-line cell came out as two broken rows and a
cell holding `|` could not be told from two cells; nor does it give the cells' edges, which a row needs
to line up with merged header cells as the .docx reader lines them up. Here:

- groups that are destinations (`{\\*\\…}`, font and style tables, pictures, headers, footers, footnotes,
  field instructions, shapes) are skipped, the font table read for each font's code page, a field's
  result kept; a shape's text box (`\\shptxt`) is read after the paragraph that anchors it;
- text bytes (`\\'xx`, and raw 8-bit bytes some writers leave unescaped) are collected and decoded
  together, so a double-byte character split over two escapes comes out whole;
- `\\par`, `\\sect`, `\\page` end a line, `\\line` breaks one; in a table (`\\intbl`, `\\itapN` for a table
  nested in a cell) they separate a cell's paragraphs, joined with a space as the .docx reader joins them;
  `\\cell` ends a cell and `\\row` a row, whose edges are `\\trleft` and its `\\cellx`; `\\nestcell` and
  `\\nestrow` a nested table's (`nlp.read.cellgrid.TableBuilder` keeps it in its cell, or reads a page frame).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from nlp.errors import ReadError
from nlp.read.cellgrid import TableBuilder
from nlp.read.docxnumbering import with_suffix
from nlp.read.limits import ReadLimits, check_chars

_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|[\r\n]+|([^\\{}\r\n]+)", re.DOTALL)
#: Groups whose text is not the document's (when they open with one of these words).
_DESTINATIONS = frozenset(
    "fonttbl colortbl stylesheet info pict object objdata header headerl headerr headerf footer footerl "
    "footerr footerf footnote annotation atnid atnauthor fldinst xe tc txe rxe shp shpinst shppict "
    "nonshppict do datafield listtable listoverridetable revtbl rsidtbl filetbl generator themedata "
    "colorschememapping latentstyles datastore xmlnstbl private template userprops docvar bkmkstart "
    "bkmkend pgdsctbl nonesttables shprslt".split()
)
#: Windows font charsets → Python codecs (the common ones; others fall back to the document's code page).
_CHARSETS = {128: "cp932", 129: "cp949", 134: "gb18030", 136: "big5hkscs", 161: "cp1253", 162: "cp1254", 177: "cp1255",
             178: "cp1256", 186: "cp1257", 204: "cp1251", 222: "cp874", 238: "cp1250"}
_SYMBOLS = {"~": "\xa0", "_": "-", "-": "", "{": "{", "}": "}", "\\": "\\", "|": "", ":": ""}
_WORDS = {"tab": "\t", "emdash": "\u2014", "endash": "\u2013", "emspace": "\u2003", "enspace": "\u2002",
          "qmspace": "\u2005", "bullet": "\u2022", "lquote": "\u2018", "rquote": "\u2019",
          "ldblquote": "\u201c", "rdblquote": "\u201d", "zwj": "\u200d", "zwnj": "\u200c"}
_BREAKS = frozenset(("par", "sect", "page"))
#: Destinations that hold a shape (`\\do`: Word 6/95's drawing objects, which WPS and old writers still
#: write): skipped, except for the text box inside (`\\shptxt`, `\\dptxbxtext`).
_SHAPES = frozenset(("shp", "shpinst", "do"))
_BOX_TEXT = frozenset(("shptxt", "dptxbxtext"))
#: Groups nested deeper than this are refused: Word's files nest a few dozen deep, while a file of nothing
#: but `{` would hold a state per byte (hundreds of MB for a file within the size limit).
MAX_RTF_DEPTH = 1_000


@dataclass
class _Group:
    skip: bool = False  # inside a destination whose text is not the document's
    font: int | None = None
    uc: int = 1  # fallback characters after a \uN
    fonts: bool = False  # inside the font table
    number: bool = False  # inside the number Word drew for a list paragraph (`\\listtext`, `\\pntext`)
    hidden: bool = False  # inside a destination other than a shape (a text box there is not the document's)
    parent_hidden: bool = False
    nest_props: bool = False  # inside `\\nesttableprops`: a nested table row's definition and its end
    box: bool = False  # the group of a text box's text (`\\shptxt`)
    depth: int = 0  # the table depth when the group opened: a paragraph property, which its end restores


@dataclass
class RowDefinition:
    """A row's definition: its left edge (`\\trleft`) and its cells' right edges (`\\cellx`), from `\\trowd`."""

    left: int = 0
    right_edges: list[int] = field(default_factory=list)

    def control(self, word: str, value: int | None) -> None:
        """Take a control word of a row's definition; any other word is not one."""
        if word == "trowd":
            self.left, self.right_edges = 0, []
        elif word == "trleft" and value is not None:
            self.left = value
        elif word == "cellx" and value is not None:
            self.right_edges.append(value)

    def edges(self) -> list[int] | None:
        """The left edge then each cell's right edge, or None where no cell was defined."""
        return [self.left, *self.right_edges] if self.right_edges else None


@dataclass
class _Reader:
    name: str
    codepage: str = "cp1252"
    font_codecs: dict[int, str] = field(default_factory=dict)
    paragraph: list[str] = field(default_factory=list)
    pending: bytearray = field(default_factory=bytearray)  # text bytes not yet decoded
    depth: int = 0  # the paragraph's table depth: 0 outside tables (`\\pard`), 1 `\\intbl`, `\\itapN`
    builder: TableBuilder = field(default_factory=TableBuilder)
    row: RowDefinition = field(default_factory=lambda: RowDefinition())
    nested: RowDefinition = field(default_factory=lambda: RowDefinition())  # in `\\nesttableprops`, apart from its outer row's
    saved: list[tuple] = field(default_factory=list)  # the document's state while a text box is read
    box_lines: list[str] = field(default_factory=list)  # boxes read, waiting for their anchor's paragraph end
    skip_fallback: int = 0
    high_surrogate: int | None = None
    font_number: int | None = None  # the font being defined in the font table
    number: list[str] | None = None  # the text of the list number being read


def looks_like_rtf(data: bytes) -> bool:
    return data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf"  # the head only: no copy of a large file


def read_rtf(data: bytes, name: str, limits: ReadLimits) -> str:
    """The text of an RTF file; a `ReadError` where it is cut short or not RTF after its signature."""
    reader = _Reader(name)
    stack = [_Group()]
    position, depth = data.index(b"{\\rtf"), 0
    while position < len(data):
        match = _TOKEN.match(data, position)
        if match is None:  # a lone backslash at the very end
            break
        position = match.end()
        word, argument, hex_byte, symbol, brace, text = match.groups()
        group = stack[-1]
        if brace == b"{":
            _flush(reader, stack[-1])
            stack.append(_Group(group.skip, group.font, group.uc, group.fonts, group.number, group.hidden, group.hidden, depth=reader.depth))
            depth += 1
            if depth > MAX_RTF_DEPTH:
                raise ReadError(name, f"the RTF file nests its groups over {MAX_RTF_DEPTH:,} deep: not a document Word or WPS wrote")
            reader.skip_fallback = 0
            if data.startswith(b"\\*", position):
                stack[-1].skip = stack[-1].hidden = True  # an ignorable destination (a shape's is told below)
            continue
        if brace == b"}":
            _flush(reader, group)
            reader.skip_fallback = 0
            if len(stack) > 1:
                stack.pop()
                if group.number and not stack[-1].number:
                    _end_number(reader)
                if group.box:
                    _end_box(reader)
                # `{\\listtext\\pard …}` resets the paragraph's properties inside its group only.
                reader.depth = group.depth
            depth -= 1
            if depth == 0:
                break
            continue
        if hex_byte is not None or text is not None:
            if group.skip:
                continue
            raw = bytes.fromhex(hex_byte.decode()) if hex_byte is not None else text
            raw = _skip_fallback(reader, raw, escaped=hex_byte is not None)
            _add_bytes(reader, group, raw)
            continue
        if symbol is not None:
            if reader.skip_fallback:
                reader.skip_fallback -= 1
                continue
            if not group.skip:
                _flush(reader, group)
                if symbol in (b"\n", b"\r"):  # a backslash before a line break is a \par
                    _end_paragraph(reader)
                else:
                    _add_text(reader, _SYMBOLS.get(symbol.decode("latin-1"), ""))
            continue
        if word is not None:
            value = int(argument) if argument is not None else None
            position = _control(reader, stack, word.decode(), value, data, position)
    if depth > 0:
        raise ReadError(name, "the RTF file is cut short (its groups are not closed); save it again from Word or WPS")
    _flush(reader, stack[-1])
    while reader.saved:  # a text box left open by a file cut inside it
        _end_box(reader)
    _end_paragraph(reader, final=True)
    return check_chars("\n".join(reader.builder.close()), name, limits)


def _control(reader: _Reader, stack: list[_Group], word: str, value: int | None, data: bytes, position: int) -> int:
    """One control word; returns where reading goes on (after a \\bin's binary data)."""
    group = stack[-1]
    if word == "bin":
        return position + max(0, value or 0)
    if group.fonts:
        if word == "f" and value is not None:
            reader.font_number = value
        elif word == "fcharset" and value is not None and reader.font_number is not None and value in _CHARSETS:
            reader.font_codecs[reader.font_number] = _CHARSETS[value]
        return position
    if group.nest_props:
        _nested_row(reader, word, value)
        return position
    if word == "nesttableprops":
        group.nest_props = True
        return position
    if word in _DESTINATIONS:
        group.skip = True
        group.fonts = word == "fonttbl"
        group.hidden = group.parent_hidden if word in _SHAPES else True
        return position
    if word in _BOX_TEXT and not group.hidden:  # a text box's text: read, after its anchor's paragraph
        group.skip, group.box = False, True
        _start_box(reader)
        return position
    if word in ("listtext", "pntext") and not group.skip:
        group.number = True
        reader.number = []
        return position
    if word == "ansicpg" and value is not None:
        reader.codepage = _codec(f"cp{value}") or reader.codepage
        return position
    if word == "uc" and value is not None:
        group.uc = max(0, value)
        return position
    if group.skip:
        return position
    if reader.skip_fallback and word != "u":
        reader.skip_fallback -= 1
        return position
    _flush(reader, group)
    if word == "u" and value is not None:
        _add_unicode(reader, value % 0x10000)
        reader.skip_fallback = group.uc
    elif word == "f" and value is not None:
        group.font = value
    elif word in _WORDS:
        _add_text(reader, _WORDS[word])
    elif word in _BREAKS:
        _end_paragraph(reader)
    elif word == "line":  # a manual line break: a new line, joined inside a cell (`cellgrid.cell_field`)
        _add_text(reader, "\n")
    elif word == "pard":
        reader.depth = 0
    elif word == "intbl":
        reader.depth = max(reader.depth, 1)
    elif word == "itap" and value is not None:
        reader.depth = max(0, value)
    elif word in ("cell", "nestcell"):
        depth = 1 if word == "cell" else max(reader.depth, 2)
        _end_paragraph(reader, depth=depth)
        reader.builder.cell_end(depth)
    elif word == "row":
        if reader.paragraph:
            _end_paragraph(reader, depth=1)
        reader.builder.row_end(1, reader.row.edges())
    else:
        reader.row.control(word, value)
    return position


def _skip_fallback(reader: _Reader, raw: bytes, escaped: bool) -> bytes:
    """Drop the characters a \\uN's fallback spends (\\ucN of them: an escaped byte counts one)."""
    if not reader.skip_fallback:
        return raw
    if escaped:
        reader.skip_fallback -= 1
        return b""
    spent = min(reader.skip_fallback, len(raw))
    reader.skip_fallback -= spent
    return raw[spent:]


def _add_bytes(reader: _Reader, group: _Group, raw: bytes) -> None:
    if raw.isascii() and not reader.pending:
        _add_text(reader, raw.decode("ascii"))
        return
    if raw.isascii() and not _waits_for_trail(reader.pending, _codec_of(reader, group)):
        _flush(reader, group)
        _add_text(reader, raw.decode("ascii"))
        return
    reader.pending.extend(raw)


def _waits_for_trail(pending: bytearray, codec: str) -> bool:
    """Does a double-byte character stand half-read at the end (its trail byte, 0x40–0x7E in GBK and
    Big5, may come as a plain ASCII character after an escaped lead byte)?"""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    decoder.decode(bytes(pending), final=False)
    return bool(decoder.getstate()[0])


def _codec_of(reader: _Reader, group: _Group) -> str:
    """The font's code page where its charset names one, else the document's (`\\ansicpg`)."""
    return reader.font_codecs.get(group.font, reader.codepage) if group.font is not None else reader.codepage


def _flush(reader: _Reader, group: _Group) -> None:
    """Decode the collected text bytes: in the font's code page, else the document's, else cp1252."""
    if not reader.pending:
        return
    raw = bytes(reader.pending)
    reader.pending.clear()
    for codec in dict.fromkeys((_codec_of(reader, group), reader.codepage, "cp1252")):
        try:
            _add_text(reader, raw.decode(codec))
            return
        except UnicodeDecodeError:
            continue
    _add_text(reader, raw.decode(_codec_of(reader, group), errors="replace"))


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _add_unicode(reader: _Reader, code: int) -> None:
    if 0xD800 <= code < 0xDC00:
        reader.high_surrogate = code
        return
    if 0xDC00 <= code < 0xE000 and reader.high_surrogate is not None:
        code = 0x10000 + ((reader.high_surrogate - 0xD800) << 10) + (code - 0xDC00)
    reader.high_surrogate = None
    if not 0xD800 <= code < 0xE000:
        _add_text(reader, chr(code))


def _add_text(reader: _Reader, text: str) -> None:
    if text:
        (reader.number if reader.number is not None else reader.paragraph).append(text)


def _end_number(reader: _Reader) -> None:
    """A list paragraph's number as Word drew it (`{\\listtext 一、\\tab}`) opens its text as the .docx
    reader writes a drawn number: the same suffix rule, no tab that would make the line a table row."""
    drawn = "".join(reader.number or [])
    reader.number = None
    number = drawn.strip()
    if number:
        reader.paragraph.append(with_suffix(number, "tab" if drawn != drawn.rstrip() else "nothing"))


def _end_paragraph(reader: _Reader, final: bool = False, depth: int | None = None) -> None:
    """The paragraph read so far, at `depth` (the paragraph's own where not given); then the text boxes
    anchored in it. The `final` one (text after the last paragraph mark of the document or of a box) stands
    outside any table, and only where it holds text."""
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", "".join(reader.paragraph))
    reader.paragraph = []
    depth = 0 if final else reader.depth if depth is None else depth
    if text.strip() or not final:
        reader.builder.paragraph(text, depth)
    for line in reader.box_lines:
        reader.builder.paragraph(line, depth)
    reader.box_lines = []


def _nested_row(reader: _Reader, word: str, value: int | None) -> None:
    """A control word of `\\nesttableprops`: a nested row's definition, then its end (`\\nestrow`)."""
    if word == "nestrow":
        if reader.paragraph:
            _end_paragraph(reader, depth=max(reader.depth, 2))
        reader.builder.row_end(max(reader.depth, 2), reader.nested.edges())
    else:
        reader.nested.control(word, value)


def _start_box(reader: _Reader) -> None:
    """A text box's text is read on its own, as a document of its own (its tables, its paragraphs)."""
    reader.saved.append((reader.builder, reader.paragraph, reader.depth, reader.row, reader.box_lines))
    reader.builder, reader.paragraph, reader.depth, reader.row, reader.box_lines = TableBuilder(), [], 0, RowDefinition(), []


def _end_box(reader: _Reader) -> None:
    """The box's lines wait for the end of the paragraph that anchors it, as the .docx reader reads a box
    after its paragraph."""
    if reader.paragraph:
        _end_paragraph(reader, final=True)
    lines = [*reader.builder.close(), *reader.box_lines]
    reader.builder, reader.paragraph, reader.depth, reader.row, reader.box_lines = reader.saved.pop()
    reader.box_lines.extend(lines)
