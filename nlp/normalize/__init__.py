"""Raw extracted text → clean simplified text, with a map from every clean character back to the source.

Repairs what extraction does to these reports: text a crawler decoded with the wrong codec (mojibake),
HTML references and tags left in text, traditional characters (OpenCC t2s), pinyin glosses
(`現(xiàn)`), Kangxi/CJK-radical code points emitted by PDF fonts, full-width digits and letters, page
furniture (breadcrumbs, runs of `|`, `[bookmark: …]`, page numbers), sentences broken by page breaks or
by PDF line wraps, and whole reports glued into one line.

Every step keeps `NormalizedText.offsets`: `offsets[i]` is the index in the source text of clean
character `i`, so any clean span can be shown as the user's file has it.

The steps, one module each, in the order `normalize_text` runs them: `mojibake` (text decoded with
the wrong codec, decoded again from its bytes), `markup` (a crawler's leftover HTML references and
tags), `markdown` (a converter's escapes, image links and pipe tables, the tables' empty cells kept), `sidebyside` (two
columns laid side by side read one after the other), `ocr` (an
OCR tool's letter-spacing closed, its half-width punctuation made full-width, running heads between pages dropped,
a section number set apart joined again, lines of an indented page joined into its paragraphs), `characters`
(one-to-one repairs, pinyin glosses, t2s), `furniture` (bookmarks, borders, markdown, page numbers, spaces), `titles.join_broken_titles` (section titles
broken over lines),
`fragments` (pages saved element by element), `glued` (whole reports on one line), `wraps` (page
breaks and PDF wraps). `text` holds `NormalizedText`; `lines` the line shapes they share; `titles`
the section titles (the template's and agencies' wordings) that the joiners, the splitter and the parser read.
"""

from __future__ import annotations

import re
from typing import Literal

from nlp.normalize.breaks import BreakModel
from nlp.normalize.characters import character_table, repair_characters, to_simplified
from nlp.normalize.fragments import (
    BARE_NUMBER,
    FRAGMENTED_MIN_NUMBERS,
    is_fragmented,
    rejoin_fragments,
    table_region_lines,
)
from nlp.normalize.furniture import (
    LEADING_SPACE,
    MANY_BLANKS,
    PAGE_NUMBER,
    SPACES,
    TRAILING_SPACE,
    drop_furniture,
    is_furniture_line,
)
from nlp.normalize.glued import GLUED_LINE_MIN_CHARS, split_glued_lines, split_glued_page
from nlp.normalize.lines import TABLE_HEADER, looks_like_table_line
from nlp.normalize.markdown import drop_markdown_marks
from nlp.normalize.markup import drop_markup
from nlp.normalize.mojibake import undo_mojibake, undo_mojibake_text
from nlp.normalize.ocr import (
    close_letter_spacing,
    drop_running_heads,
    full_width_punctuation,
    join_indented_lines,
    join_split_numbers,
    repair_ocr_digits,
)
from nlp.normalize.sidebyside import unfold_columns
from nlp.normalize.text import NormalizedText
from nlp.normalize.titles import SECTION_TITLE_WORDS, TEMPLATE_TITLES, join_broken_titles
from nlp.normalize.wraps import join_broken_lines

__all__ = [
    "BARE_NUMBER",
    "FRAGMENTED_MIN_NUMBERS",
    "GLUED_LINE_MIN_CHARS",
    "PAGE_NUMBER",
    "SECTION_TITLE_WORDS",
    "TABLE_HEADER",
    "TEMPLATE_TITLES",
    "NormalizedText",
    "character_table",
    "clean_text",
    "comparable",
    "drop_markup",
    "is_fragmented",
    "is_furniture_line",
    "join_broken_lines",
    "looks_like_table_line",
    "normalize_text",
    "rejoin_fragments",
    "split_glued_lines",
    "table_region_lines",
    "to_simplified",
    "undo_mojibake",
    "undo_mojibake_text",
]


def normalize_text(source: str, breaks: BreakModel | Literal["shipped"] | None = "shipped", one_paragraph: bool = False) -> NormalizedText:
    """Clean a report's raw text; see the module docstring for what is repaired.

    breaks: the model that puts paragraph breaks back into glued text (`nlp.normalize.breaks`): the
        shipped one, another, or None for the rules' cuts alone.
    one_paragraph: the text is one paragraph (`clean_text`), never a page flattened for its length alone.
    """
    # Mangled text first: its characters are bytes of other characters, which the repairs below would change.
    # A Markdown table's `|  |` are empty cells, before the furniture reads runs of `|` as a page's borders.
    # OCR's letter-spacing closed before the characters' repairs (a pinyin gloss is one only closed) and the
    # furniture step, which closes runs of spaces: letter-spacing is told from a column gap by them.
    text = drop_markdown_marks(drop_markup(undo_mojibake(NormalizedText.identity(source))))
    # Two columns laid side by side (a gazette's page as `pdftotext -layout` writes it) read one after the other,
    # before any step reads a line as a paragraph's piece or closes its runs of spaces.
    text = unfold_columns(text)
    # OCR's letters inside figures (`2O54`, `3l`) after the width repairs, which make `Ｏ` an `O` first.
    text = repair_ocr_digits(repair_characters(close_letter_spacing(text)))
    text = join_indented_lines(join_split_numbers(drop_running_heads(full_width_punctuation(text))))
    text = drop_furniture(text)
    # Before any joiner: a title's second half alone on its line would be glued to the paragraph after it.
    text = join_broken_titles(text)
    # Fragments first: a glued report cut into pieces by its numbers is glued again, then split as one.
    element_lines = False
    if "\f" not in source:  # PDF text (pages in form feeds) wraps by width: join_broken_lines' concern
        rejoined = rejoin_fragments(text)
        element_lines = rejoined is not text
        text = rejoined
    whole_page = not one_paragraph
    text, flattened = split_glued_page(text, breaks, whole_page=whole_page)
    text = text.sub(LEADING_SPACE, "", needs=SPACES)
    text = text.sub(TRAILING_SPACE, "", needs=SPACES)
    text = join_broken_lines(text)
    # A glued blob that a PDF or a converter also wrapped is whole again only now.
    text = split_glued_lines(text, breaks, page_flattened=flattened, whole_page=whole_page)
    text = text.sub(MANY_BLANKS, "\n\n", needs=("\n\n\n",))
    text.element_lines = element_lines  # made by this call (`identity` or a step's result): not shared
    return text


def clean_text(text: str) -> str:
    """Normalise one paragraph's text (user-supplied JSONL and the like) to a single clean line."""
    # One paragraph: the break model's cuts would only be joined again (with a space they did not have).
    cleaned = normalize_text(text, breaks=None, one_paragraph=True).text
    return re.sub(r"\s*\n\s*", " ", cleaned).strip()


#: Punctuation folded by `comparable`: variants that carry no meaning for comparing texts (one
#: `str.replace` each, cheaper than `str.translate`'s lookup of every character in a mapping).
_COMPARABLE = (("（", "("), ("）", ")"), ("，", ","), ("：", ":"), ("；", ";"), ("？", "?"), ("！", "!"), ("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"))
_SPACES = re.compile(r"\s+")


def comparable(text: str) -> str:
    """A form of clean text for comparing passages: punctuation widths folded, spaces removed."""
    for old, new in _COMPARABLE:
        if old in text:
            text = text.replace(old, new)
    return _SPACES.sub("", text)
