"""`NormalizedText`: clean text that carries, for each character, its offset in the source text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np


@dataclass
class NormalizedText:
    """Clean text plus, for each of its characters, the index of the source character it came from."""

    text: str
    offsets: np.ndarray
    source_length: int
    #: True where the source's lines were a page's elements (`fragments`), not its paragraphs: there a
    #: line break does not say where a paragraph ends. Set by `normalize_text` on its result.
    element_lines: bool = False

    @classmethod
    def identity(cls, source: str) -> NormalizedText:
        return cls(source, np.arange(len(source), dtype=np.int64), len(source))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets (start, end) of the clean span [start, end)."""
        if end <= start or not len(self.offsets):
            position = int(self.offsets[start]) if start < len(self.offsets) else self.source_length
            return position, position
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1

    def sub(
        self, pattern: re.Pattern[str], replacement: str | Callable[[re.Match[str]], str], needs: Iterable[str] = ()
    ) -> NormalizedText:
        """`pattern.sub` that carries the offsets: kept text keeps its own, inserted text takes the match's.

        `needs`: strings (a str: characters) of which every match of `pattern` holds at least one.
        A text with none of them is returned as it is without the scan: most reports lack the
        furniture the normalising patterns look for, and `in` tells so faster than the pattern.
        """
        if needs and not any(needle in self.text for needle in needs):
            return self
        pieces: list[str] = []
        offset_pieces: list[np.ndarray] = []
        last = 0
        changed = False
        # A plain replacement needs no template expansion (`Match.expand` parses it again at every match).
        plain = None if callable(replacement) or "\\" in replacement else replacement
        for match in pattern.finditer(self.text):
            new = plain if plain is not None else replacement(match) if callable(replacement) else match.expand(replacement)
            if new == match.group(0):
                continue
            changed = True
            start, end = match.span()
            pieces.append(self.text[last:start])
            offset_pieces.append(self.offsets[last:start])
            if new:
                pieces.append(new)
                offset_pieces.append(_spread(self.offsets, start, end, len(new), self.source_length))
            last = end
        if not changed:
            return self
        pieces.append(self.text[last:])
        offset_pieces.append(self.offsets[last:])
        return NormalizedText("".join(pieces), np.concatenate(offset_pieces), self.source_length)

    def translate(self, table: dict[int, str]) -> NormalizedText:
        """Character-for-character mapping (the table must map one character to one character)."""
        return NormalizedText(self.text.translate(table), self.offsets, self.source_length)


def _spread(offsets: np.ndarray, start: int, end: int, length: int, source_length: int) -> np.ndarray:
    """Offsets for `length` new characters replacing clean span [start, end)."""
    if end > start:
        old = offsets[start:end]
        if len(old) == length:
            return old.copy()
        picks = np.minimum((np.arange(length) * len(old)) // max(length, 1), len(old) - 1)
        return old[picks]
    anchor = offsets[start] if start < len(offsets) else (offsets[-1] + 1 if len(offsets) else 0)
    return np.full(length, min(int(anchor), source_length), dtype=np.int64)
