"""Markup a crawler left in a report's text: HTML character references and tags.

Crawled records often hold a page's text with some of its markup still in it: references (`&nbsp;`,
`&ldquo;`, `&#65307;`, or `&amp;nbsp;` where the site escaped them twice) and tags (`<p style=…>`,
`<br/>`, `<span>`, a table's `<td>`). The file reader parses real web pages (`nlp.read.htmltext`); this
step serves text that arrives as text (JSON Lines records, the Python API, a `.txt` whose tags come too
late for the reader to call it a page).

Only known tag names are taken for markup, so text that merely uses `<` and `>` stays as it is. Tags that
end a block (paragraph, line break, row, list item, heading) become line breaks, a cell's end becomes a
tab (as the readers join cells), and inline tags go; `<script>`/`<style>` go with their content and
comments with theirs.
"""

from __future__ import annotations

import html
import re

from nlp.normalize.text import NormalizedText

_REFERENCE = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)|&nbsp(?![A-Za-z0-9;])")
_BLOCK = "p|div|br|tr|li|ul|ol|dl|dt|dd|h[1-6]|table|tbody|thead|tfoot|section|article|center|blockquote|hr|pre"
_INLINE = "span|font|strong|b|i|em|u|a|img|sup|sub|label|small|big|o:p|st1:[a-z]+|td|th|caption|col|colgroup|nobr|wbr"
_ATTRIBUTES = r"(?:\s[^<>]{0,800})?"
#: A script, a style or a comment with its content. The content may not hold another opener, so that a
#: text of unclosed openers is read in one pass, not once from each of them to the end.
_ENCLOSED = re.compile(
    r"<(script|style)\b[^<>]{0,800}>(?:(?!<(?:script|style)\b).)*?</\1\s*>|<!--(?:(?!<!--).)*?-->",
    re.IGNORECASE | re.DOTALL,
)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK}){_ATTRIBUTES}/?>", re.IGNORECASE)
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE}){_ATTRIBUTES}/?>", re.IGNORECASE)
#: A block tag inside a cell (`<td><p>…</p></td>`, as Word makes them): the cell stays on its row's line.
#: Its cell must end within 400 characters (a cell's label with its inline tags), which also bounds the
#: look ahead from each tag of a text full of them.
_BLOCK_IN_CELL = re.compile(rf"</?(?:{_BLOCK}){_ATTRIBUTES}/?>(?=(?:(?!<t[dhr]\b|</tr|\n).){{0,400}}?</t[dh]\s*>)", re.IGNORECASE | re.DOTALL)
#: Cells are there only where a cell's tag is: `_BLOCK_IN_CELL` is not tried on text without one.
_CELL_TAGS = ("<td", "<th", "<TD", "<TH", "<Td", "<tD", "<Th", "<tH")
#: A cell's end where another cell follows (the source's own line breaks between cells go with it).
_CELL_GAP = re.compile(r"</t[dh]\s*>\s*(?=<t[dh]\b)", re.IGNORECASE)
_ROW_START = re.compile(r"<tr\b[^<>]{0,800}>\s*", re.IGNORECASE)
_ROW_END = re.compile(r"(?:</t[dh]\s*>)?\s*</tr\s*>[ \t]*\n?", re.IGNORECASE)
#: A cell's tab at the end of its row: the row's last cell ends the line, not another cell.
_TRAILING_TAB = re.compile(r"\t+(?=\n|$)")


def drop_markup(text: NormalizedText) -> NormalizedText:
    """`text` with a crawler's leftover HTML references resolved and its tags turned into line breaks,
    tabs or nothing (offsets carried: a reference's character takes the reference's place)."""
    if "&" in text.text:
        # Twice: a site that escaped its references shows `&amp;nbsp;`, which the first pass makes `&nbsp;`.
        for _ in range(2):
            resolved = text.sub(_REFERENCE, _resolve, needs="&")
            if resolved is text:
                break
            text = resolved
    if "<" not in text.text:
        return text
    before = text
    text = text.sub(_ENCLOSED, "", needs="<")
    # Rows first, each substitution keeping the offsets of what it keeps: a row's empty leading cells
    # are read again from the source (`nlp.tables.reportlines.report_lines`).
    text = text.sub(_BLOCK_IN_CELL, "", needs=_CELL_TAGS)
    text = text.sub(_CELL_GAP, "\t", needs="<")
    text = text.sub(_ROW_START, "", needs="<")
    text = text.sub(_ROW_END, "\n", needs="<")
    text = text.sub(_CELL_END, "\t", needs="<")
    if "|" in text.text:
        text = text.sub(_LINE_BREAK_TAG, _break_in_pipe_cell, needs="<")
    text = text.sub(_BLOCK_TAG, "\n", needs="<")
    text = text.sub(_INLINE_TAG, "", needs="<")
    if text is not before:
        text = text.sub(_TRAILING_TAB, "", needs="\t")
    return text


#: A line break tag (`<br>`, `<br/>`), which a Markdown converter writes for a line break inside a table's cell.
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _break_in_pipe_cell(match: re.Match[str]) -> str:
    """A line break inside a Markdown pipe row's cell (a `|` before it and after it on its line) goes: the cell's
    text runs on, as a cell's block tags do in an HTML row (`_BLOCK_IN_CELL`); elsewhere it stays a tag."""
    source, at = match.string, match.start()
    start, end = source.rfind("\n", 0, at) + 1, source.find("\n", match.end())
    end = len(source) if end < 0 else end
    return "" if "|" in source[start:at] and "|" in source[match.end() : end] else match.group()


def _resolve(match: re.Match[str]) -> str:
    reference = match.group(0)
    if reference == "&nbsp":
        return "\u00a0"
    return html.unescape(reference)
