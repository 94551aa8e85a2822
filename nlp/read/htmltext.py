"""HTML page → visible text; table rows become lines with cells separated by tabs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.errors import ReadLimitError
from nlp.pictures import picture_line
from nlp.read.hiddentext import PageHiding
from nlp.read.limits import HTML_PARSER_DEPTH, ReadLimits, resolve_limits

_BLOCK_TAGS = frozenset(("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr"))
#: Elements whose content is not visible text (their tail, the text after them, is).
_HIDDEN_TAGS = frozenset(("script", "style", "noscript", "head", "template", "iframe", "svg"))
_CELL_TAGS = frozenset(("td", "th"))


def html_to_text(html: str, limits: ReadLimits | None = None, name: str = "<html>", scripts: bool = True) -> str:
    """Visible text of an HTML page; table rows become lines with cells separated by tabs.

    With `scripts`, a page whose report sits in a script or a hidden textarea rather than in its visible
    body is read with that report in place (`nlp.read.scriptbody`); a page whose visible text holds
    the report reads as it shows.

    One pass over the parsed tree with an explicit stack (lxml's `iterwalk`), so the time is linear
    in the size of the page whatever its nesting; a page nested deeper than `limits.max_html_depth`
    is refused rather than read in part (the parser drops everything below its own depth limit).
    """
    from lxml import etree

    limits = resolve_limits(limits)
    # Parsed as UTF-8 bytes: the text is already decoded, so a stale <meta charset> must not re-decode it.
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True)
    root = etree.fromstring(html.encode("utf-8", errors="surrogatepass"), parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise ReadLimitError(
            name, f"the HTML is nested over {HTML_PARSER_DEPTH:,} elements deep, past what the HTML parser reads",
            "max_html_depth", limits.max_html_depth, advice="no setting reads it: flatten the page first",
        )
    if root is None:
        return "\n"
    lines: list[str] = []  # finished lines: prose runs with their whitespace collapsed, table rows as they are
    prose: list[str] = []
    size = 0
    for piece in _visible_pieces(root, limits, name, PageHiding.of(root)):
        size += len(piece)
        if size > limits.max_chars:
            raise ReadLimitError(name, f"the page yields over {limits.max_chars:,} characters of text", "max_chars", limits.max_chars)
        if isinstance(piece, _Row):
            lines.extend(_collapsed_lines(prose))
            prose.clear()
            lines.append(str(piece))
        else:
            prose.append(piece)
    lines.extend(_collapsed_lines(prose))
    text = "\n".join(lines) + "\n" if lines else "\n"
    if scripts:
        from nlp.read.scriptbody import script_body_page

        page = script_body_page(root, text)
        if page is not None:
            return html_to_text(page, limits, name, scripts=False)
    return text


class _Row(str):
    """A table row's finished line; its leading and trailing tabs are empty cells, which the
    whitespace collapsing of prose must not eat (a row of seven columns whose first three are
    blank would otherwise read as a row of four)."""


def _collapsed_lines(pieces: list[str]) -> list[str]:
    text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(pieces)).strip()
    return text.split("\n") if text else []


#: List markers a browser draws before the items of an `<ol>`, by `type` or CSS `list-style-type`.
_CJK_MARKERS = ("cjk-ideographic", "simp-chinese-informal", "trad-chinese-informal", "cjk-decimal", "simp-chinese-formal", "trad-chinese-formal")
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)")
#: An item whose text already carries its number (`一、`, `（二）`, `3.`, `第一`): the page numbers it itself.
_NUMBERED_TEXT = re.compile(r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[、.．)）]|第[一二三四五六七八九十])")


def _list_marker(ordered: object, number: int) -> str:
    """The marker a browser draws for item `number` of an `<ol>` element, '' where it draws none."""
    from nlp.read.docxnumbering import chinese_counting, format_number

    style = _LIST_STYLE.search((ordered.get("style") or "").lower())  # type: ignore[attr-defined]
    kind = style.group(1) if style else ""
    if kind in ("none", "disc", "circle", "square"):
        return ""
    if kind in _CJK_MARKERS:
        return chinese_counting(number) + "、"
    list_type = ordered.get("type") or ""  # type: ignore[attr-defined]
    formats = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
    kind_formats = {"lower-alpha": "lowerLetter", "lower-latin": "lowerLetter", "upper-alpha": "upperLetter", "upper-latin": "upperLetter", "lower-roman": "lowerRoman", "upper-roman": "upperRoman"}
    return format_number(number, kind_formats.get(kind) or formats.get(list_type, "decimal")) + "."


def _visible_pieces(root, limits: ReadLimits, name: str, hiding: PageHiding) -> Iterator[str]:
    """The page's visible strings in document order, with newlines around block elements and each
    table row (its direct cells, tab-separated, nested tables flattened into their cell) as a line;
    the numbers a browser draws before the items of an ordered list (`<ol>`) written out; characters the page hides
    inside its lines (`hiding`: anti-copy decoys, `nlp.read.hiddentext`) left out."""
    from lxml import etree

    walker = etree.iterwalk(root, events=("start", "end"))
    counters: dict[object, int] = {}  # <ol> element → number of its last item
    marker = ""  # an item's number, waiting for the item's first text (its content may open with a block)
    for piece in _pieces(root, walker, limits, name, counters, hiding):
        if isinstance(piece, _Marker):
            marker = str(piece)
        elif marker and piece.strip():
            yield piece if isinstance(piece, _Row) else marker + piece.lstrip()
            marker = ""
        else:
            yield piece


class _Marker(str):
    """The number a browser draws before a list item."""


def _pieces(root, walker, limits: ReadLimits, name: str, counters: dict[object, int], hiding: PageHiding) -> Iterator[str]:
    """`_visible_pieces` before the list markers are put in front of their items' text: the markers come
    as `_Marker` pieces where each item starts."""
    depth = 0
    groups: dict[object, _RowGroup] = {}  # a table's row group (tbody, thead, or the table) → its merged cells
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            depth += 1
            if depth > limits.max_html_depth:
                raise ReadLimitError(name, f"the HTML is nested over {limits.max_html_depth:,} elements deep", "max_html_depth", limits.max_html_depth)
            if tag in _HIDDEN_TAGS or (tag == "textarea" and _hidden(element)) or hiding.hides(element, tag):
                walker.skip_subtree()
            elif tag == "img":
                # A picture's place as a line of its own: a table printed as a picture is then reported as
                # such, not as missing (`nlp.pictures`). Its tail text follows on the next line.
                yield f"\n{picture_line(element.get('alt'))}\n"
            elif tag == "tr" and _is_layout_row(element, hiding):
                yield "\n"  # a page laid out in a table: its cells are the page's blocks, read as such
            elif tag == "tr":
                walker.skip_subtree()
                cells = [
                    (re.sub(r"\s+", " ", " ".join(_strings(cell, hiding))), _span(cell.get("rowspan"), _MAX_ROWSPAN), _span(cell.get("colspan"), _MAX_COLSPAN))
                    for cell in element
                    if isinstance(cell.tag, str) and cell.tag.lower() in _CELL_TAGS
                ]
                group = element.getparent()
                fields = groups.setdefault(group, _RowGroup()).fields(cells)
                if any(fields):  # a row of blank cells carries nothing
                    yield _Row("\t".join(fields))
            else:
                if tag in _BLOCK_TAGS:
                    yield "\n"
                if tag == "li":
                    yield from _item_marker(element, counters, hiding)
                if element.text:
                    yield element.text
            continue
        depth -= 1
        if tag in _BLOCK_TAGS or tag in _CELL_TAGS:  # a data row's end was never walked (its subtree skipped)
            yield "\n"
        if element.tail and element is not root:
            yield element.tail


#: Browsers' own limits on a cell's spans (HTML's table model): past them a span is clamped, so a hostile
#: `colspan` cannot make one row millions of fields.
_MAX_COLSPAN = 1_000
_MAX_ROWSPAN = 65_534
#: Grid columns past this are not tracked for cells reaching down (no report's table is that wide), which
#: bounds the work of a row whatever the page holds.
_MAX_TRACKED_COLUMNS = 1_000


def _span(value: str | None, most: int) -> int:
    """A `rowspan`/`colspan` attribute as a browser reads it: a missing or bad value is 1; `rowspan="0"`
    reaches to the end of the row group."""
    if value is None:
        return 1
    value = value.strip()
    digits = re.match(r"\d+", value)
    if not digits:
        return 1
    number = int(digits.group()[:7])
    if number == 0:
        return most if most == _MAX_ROWSPAN else 1
    return min(number, most)


class _RowGroup:
    """Cells of a table's row group that reach into the rows below (`rowspan`), so that each row's line keeps
    its cells in their grid columns: a position covered from above is an empty field, never the covering
    cell's text again (a group label such as `三、本年度办理结果` belongs to its first row only), and a cell
    spread over columns (`colspan`) is followed by empty fields for the columns it covers, as a .docx with
    merged cells and the template's flat copies read."""

    def __init__(self) -> None:
        self.row = -1
        #: (first column, width, last row) of the cells reaching down, by first column; they never overlap.
        self.spans: list[tuple[int, int, int]] = []

    def fields(self, cells: list[tuple[str, int, int]]) -> list[str]:
        self.row += 1
        if not cells:
            return []
        fields: list[str] = []
        kept: list[tuple[int, int, int]] = []  # spans met on this row and still reaching further down
        new: list[tuple[int, int, int]] = []
        column = index = 0
        for text, rows, cols in cells:
            # Only the spans left of this cell are looked at: the work is bounded by the fields written.
            while index < len(self.spans) and self.spans[index][0] <= column:
                start, width, last = self.spans[index]
                index += 1
                if last < self.row:
                    continue  # ended above this row
                if last > self.row:
                    kept.append((start, width, last))
                if start + width > column:
                    fields.extend([""] * (start + width - column))
                    column = start + width
            fields.append(text)
            fields.extend([""] * (cols - 1))
            if rows > 1 and column < _MAX_TRACKED_COLUMNS:
                new.append((column, cols, self.row + rows - 1))
            column += cols
        # A later cell's span may start left of a span not yet met (only with conflicting spans): sort.
        self.spans[:index] = kept
        if new:
            self.spans = sorted(self.spans + new)
        return fields


#: A cell of a page laid out in a table (old government sites put the whole page in one): it holds a table
#: of several rows, or paragraphs and more text than a table's cell. (A one-row table inside a data cell is
#: flattened into that cell.)
_LAYOUT_CELL_CHARS = 300
_PARAGRAPH_TAGS = frozenset(("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6"))


def _is_layout_row(row, hiding: PageHiding) -> bool:
    """A row whose cells are the page's blocks (a table of its own, or several paragraphs of text), not data."""
    for cell in row:
        if not isinstance(cell.tag, str) or cell.tag.lower() not in _CELL_TAGS:
            continue
        paragraphs = rows = 0
        for child in cell.iterdescendants():
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            rows += tag == "tr"
            paragraphs += tag in _PARAGRAPH_TAGS
        if rows >= 2 or (paragraphs >= 3 and sum(len(text) for text in _strings(cell, hiding)) > _LAYOUT_CELL_CHARS):
            return True
    return False


def _strings(element, hiding: PageHiding) -> Iterator[str]:
    """The stripped, non-empty visible strings inside `element` (its own tail excluded)."""
    from lxml import etree

    walker = etree.iterwalk(element, events=("start", "end"))
    for event, child in walker:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if event == "start":
            if tag in _HIDDEN_TAGS or (tag == "textarea" and _hidden(child)) or hiding.hides(child, tag):
                walker.skip_subtree()
            elif child.text and child.text.strip():
                yield child.text.strip()
        elif child is not element and child.tail and child.tail.strip():
            yield child.tail.strip()


def _hidden(element) -> bool:
    """A `<textarea>` the page does not show (`display:none` or `hidden`): sites keep an article's markup there
    for a script to render; its text is a candidate body (`nlp.read.scriptbody`), not visible text."""
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or element.get("hidden") is not None


def _item_marker(item, counters: dict[object, int], hiding: PageHiding) -> Iterator[str]:
    """The number of an `<li>` of an `<ol>` (its `value`, else one more than the item before, else the
    list's `start`), where the item's text does not carry a number of its own."""
    ordered = item.getparent()
    if ordered is None or not isinstance(ordered.tag, str) or ordered.tag.lower() != "ol":
        return
    value = item.get("value") or ""
    if value.strip().lstrip("-").isdigit():
        number = int(value)
    elif ordered in counters:
        number = counters[ordered] + 1
    else:
        start = (ordered.get("start") or "").strip()
        number = int(start) if start.lstrip("-").isdigit() else 1
    counters[ordered] = number
    marker = _list_marker(ordered, number)
    if marker and not _NUMBERED_TEXT.match(_opening(item, 8, hiding)):
        yield _Marker(marker)


def _opening(element, chars: int, hiding: PageHiding) -> str:
    """The first `chars` characters of the element's visible text (its strings read only that far: an item
    may hold a whole section)."""
    opening = ""
    for string in _strings(element, hiding):
        opening += string
        if len(opening) >= chars:
            break
    return opening[:chars]
