"""HTML page → visible text; table rows become lines with cells separated by tabs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.errors import ReadLimitError
from nlp.read.limits import HTML_PARSER_DEPTH, ReadLimits, resolve_limits

_BLOCK_TAGS = frozenset(("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr"))
#: Elements whose content is not visible text (their tail, the text after them, is).
_HIDDEN_TAGS = frozenset(("script", "style", "noscript", "head", "template", "iframe", "svg"))
_CELL_TAGS = frozenset(("td", "th"))


def html_to_text(html: str, limits: ReadLimits | None = None, name: str = "<html>") -> str:
    """Visible text of an HTML page; table rows become lines with cells separated by tabs.

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
    for piece in _visible_pieces(root, limits, name):
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
    return "\n".join(lines) + "\n" if lines else "\n"


class _Row(str):
    """A table row's finished line; its leading and trailing tabs are empty cells, which the
    whitespace collapsing of prose must not eat (a row of seven columns whose first three are
    blank would otherwise read as a row of four)."""


def _collapsed_lines(pieces: list[str]) -> list[str]:
    text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(pieces)).strip()
    return text.split("\n") if text else []


def _visible_pieces(root, limits: ReadLimits, name: str) -> Iterator[str]:
    """The page's visible strings in document order, with newlines around block elements and each
    table row (its direct cells, tab-separated, nested tables flattened into their cell) as a line."""
    from lxml import etree

    walker = etree.iterwalk(root, events=("start", "end"))
    depth = 0
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            depth += 1
            if depth > limits.max_html_depth:
                raise ReadLimitError(name, f"the HTML is nested over {limits.max_html_depth:,} elements deep", "max_html_depth", limits.max_html_depth)
            if tag in _HIDDEN_TAGS:
                walker.skip_subtree()
            elif tag == "tr":
                walker.skip_subtree()
                cells = [re.sub(r"\s+", " ", " ".join(_strings(cell))) for cell in element if isinstance(cell.tag, str) and cell.tag.lower() in _CELL_TAGS]
                if any(cells):  # a row of blank cells carries nothing
                    yield _Row("\t".join(cells))
            else:
                if tag in _BLOCK_TAGS:
                    yield "\n"
                if element.text:
                    yield element.text
            continue
        depth -= 1
        if tag in _BLOCK_TAGS and tag != "tr":
            yield "\n"
        if element.tail and element is not root:
            yield element.tail


def _strings(element) -> Iterator[str]:
    """The stripped, non-empty visible strings inside `element` (its own tail excluded)."""
    from lxml import etree

    walker = etree.iterwalk(element, events=("start", "end"))
    for event, child in walker:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if event == "start":
            if tag in _HIDDEN_TAGS:
                walker.skip_subtree()
            elif child.text and child.text.strip():
                yield child.text.strip()
        elif child is not element and child.tail and child.tail.strip():
            yield child.tail.strip()
