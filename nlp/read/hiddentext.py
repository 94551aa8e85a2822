"""Characters a page hides from its reader: anti-copy decoys.

Document-sharing sites that repost reports (文库-style sites), and some portals, put stray characters inside the
words of a page, hidden from view, so that copied or scraped text is spoiled: `政府信<span style="display:none">道
</span>息`, a `<span style="font-size:0">`, or a class the page's own `<style>` declares `display:none`. A browser
shows `政府信息`; read with the hidden characters, every paragraph has a stray character in its words, matches
nothing the report printed, and its tokens are wrong.

Only inline elements (a `<span>`, `<font>`, `<i>` …) hidden by their style, their class or the `hidden` attribute
are dropped: a hidden block (a `<div style="display:none">`) may hold the article a script shows, and is read as
before (`nlp.read.scriptbody` looks for such bodies). Zero-width characters inside words are the normaliser's
concern (`nlp.normalize.characters`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Elements that sit inside a line of text: hidden, they hide characters of the line, not a block of the page.
INLINE_TAGS = frozenset(
    ("span", "font", "i", "em", "b", "strong", "s", "u", "small", "big", "sup", "sub", "label", "a", "ins", "del", "q",
     "cite", "code", "tt", "var", "abbr", "mark", "bdi", "bdo", "kbd", "samp", "dfn", "time", "data", "nobr")
)
#: A declaration that hides an element's text: not displayed, invisible, or drawn at size zero.
_HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:!important\s*)?(?:;|$)", re.IGNORECASE)
#: One rule of a style sheet: its selectors and its declarations (comments removed first).
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
#: A selector naming one class alone (`.w6d`, `span.w6d`), the only kind a decoy's class is declared with.
_CLASS_SELECTOR = re.compile(r"^(?:[a-z][a-z0-9]*)?\.([\w-]+)$", re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
#: Style sheets longer than this are not read for hidden classes (a page's own `<style>` is small; a framework's
#: inlined sheet is not where decoys are declared, and reading it would cost time on every page).
_MAX_STYLE_CHARS = 200_000


def hiding_declarations(style: str) -> bool:
    """Whether a style attribute's or a rule's declarations hide the element's text."""
    return bool(style) and _HIDING.search(style) is not None


@dataclass(frozen=True)
class PageHiding:
    """What one page hides: the classes its `<style>` elements declare hidden."""

    classes: frozenset[str] = frozenset()

    @classmethod
    def of(cls, root) -> PageHiding:
        """The hidden classes of the page under `root` (an lxml element)."""
        sheets = []
        size = 0
        for style in root.iter("style"):
            text = style.text or ""
            size += len(text)
            if size > _MAX_STYLE_CHARS:
                break
            sheets.append(text)
        classes: set[str] = set()
        for selectors, declarations in _RULE.findall(_COMMENT.sub("", "\n".join(sheets))):
            if not hiding_declarations(declarations):
                continue
            for selector in selectors.split(","):
                named = _CLASS_SELECTOR.match(selector.strip())
                if named:
                    classes.add(named.group(1))
        return cls(frozenset(classes))

    def hides(self, element, tag: str) -> bool:
        """Whether `element` (its lower-case tag `tag`) is an inline element the page hides from view."""
        if tag not in INLINE_TAGS:
            return False
        if element.get("hidden") is not None or hiding_declarations(element.get("style") or ""):
            return True
        if self.classes:
            names = (element.get("class") or "").split()
            return any(name in self.classes for name in names)
        return False


__all__ = ["INLINE_TAGS", "PageHiding", "hiding_declarations"]
