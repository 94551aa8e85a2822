"""Glued pages in the shapes the plain glue (`tests.damage.join_lines`) does not make: for the glued-text rules
(`nlp.normalize.glued`, `nlp.classify.segment`) and benchmarks/eval_glued.py.

Each takes a report's text with its line breaks and returns it flattened to one line after another kind of
loss: its section headings gone (a report written without them, or a page that drew them as images), its
blocks kept apart by a single space, its paragraphs' item numbers gone, its statistical tables dropped (a page whose tables were images), or its tables' cell separators
dropped with the line breaks (`glued_borderless*`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.damage import join_lines, remove_tabs
from tests.damage_sections import section_numbers_arabic

#: A section heading on a line of its own: a Chinese section number and a short title with no sentence in it.
_SECTION_HEADING_LINE = re.compile(r"^[ \t]*[一二三四五六七八九十]{1,2}[ \t]*[、.．][^。；;！？!?\n]{2,30}[ \t]*$\n?", re.MULTILINE)
#: A line of a statistical table: its cells kept apart by tabs (the gold reports' table rows).
_TABLE_LINE = re.compile(r"^[^\n]*\t[^\n]*$\n?", re.MULTILINE)


def sections_unheaded(text: str) -> str:
    """The section headings' lines dropped, the rest as it was (a report whose sections are not titled)."""
    return _SECTION_HEADING_LINE.sub("", text)


def glued_unheaded(text: str) -> str:
    """No section headings, and the whole report on one line."""
    return join_lines(sections_unheaded(text))


#: A paragraph's own item number at the start of its line: `（一）`, `1.`, `2、`, `一是` (not a section's `一、`).
_ITEM_NUMBER = re.compile(r"^([ \t]*)(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]是)[ \t]*", re.MULTILINE)


def items_unnumbered(text: str) -> str:
    """Paragraphs' item numbers dropped (`（一）`, `1.`, `一是`), section headings kept: a report whose paragraphs
    and subheadings are not numbered, so nothing but a sentence's end is left where a glued paragraph begins."""
    return _ITEM_NUMBER.sub(r"\1", text)


def glued_unnumbered(text: str) -> str:
    """No item numbers, and the whole report on one line."""
    return join_lines(items_unnumbered(text))


def glued_with_spaces(text: str) -> str:
    """The whole report on one line with a space between what were its lines (a page's blocks joined by a space)."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def glued_tables_dropped(text: str) -> str:
    """The statistical tables' rows dropped (drawn as images on the page), the rest on one line."""
    return join_lines(_TABLE_LINE.sub("", text))


def glued_borderless(text: str) -> str:
    """The whole report on one line, its tables' cell separators gone too (`…尚未审结总计000000000000000五、…`)."""
    return join_lines(remove_tabs(text))


def glued_borderless_unheaded(text: str) -> str:
    """No section headings, no cell separators, one line: a table's last cells run into the next section's
    first sentence (`…总计000000000000000存在的主要问题：一是…`)."""
    return join_lines(remove_tabs(sections_unheaded(text)))


def glued_arabic(text: str) -> str:
    """Sections numbered `1.`…`6.` (`tests.damage_sections.section_numbers_arabic`), and the whole report on one line:
    a section's title then stands between a sentence's end (or a table's last figure) and its first paragraph."""
    return join_lines(section_numbers_arabic(text))


GLUED_SHAPES: dict[str, Callable[[str], str]] = {
    "glued_arabic": glued_arabic,
    "glued_unheaded": glued_unheaded,
    "glued_with_spaces": glued_with_spaces,
    "glued_tables_dropped": glued_tables_dropped,
    "glued_unnumbered": glued_unnumbered,
    "glued_borderless": glued_borderless,
    "glued_borderless_unheaded": glued_borderless_unheaded,
}
