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
_ENCLOSED = re.compile(r"<(script|style)\b[^<>]{0,800}>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK}){_ATTRIBUTES}/?>", re.IGNORECASE)
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE}){_ATTRIBUTES}/?>", re.IGNORECASE)
#: A block tag inside a cell (`<td><p>…</p></td>`, as Word makes them): the cell stays on its row's line.
_BLOCK_IN_CELL = re.compile(rf"</?(?:{_BLOCK}){_ATTRIBUTES}/?>(?=(?:(?!<t[dhr]\b|</tr|\n).){{0,2000}}?</t[dh]\s*>)", re.IGNORECASE | re.DOTALL)
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
    text = text.sub(_BLOCK_IN_CELL, "", needs="<")
    text = text.sub(_CELL_GAP, "\t", needs="<")
    text = text.sub(_ROW_START, "", needs="<")
    text = text.sub(_ROW_END, "\n", needs="<")
    text = text.sub(_CELL_END, "\t", needs="<")
    text = text.sub(_BLOCK_TAG, "\n", needs="<")
    text = text.sub(_INLINE_TAG, "", needs="<")
    if text is not before:
        text = text.sub(_TRAILING_TAB, "", needs="\t")
    return text


def _resolve(match: re.Match[str]) -> str:
    reference = match.group(0)
    if reference == "&nbsp":
        return "\u00a0"
    return html.unescape(reference)
