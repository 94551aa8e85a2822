"""Column widths of the workbooks: a character of East Asian width (from U+2E80) counts twice."""

from __future__ import annotations

import random

from nlp.export import _display_width, _widths


def _counted_one_by_one(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def test_display_width_counts_wide_characters_twice():
    assert _display_width("政府信息公开") == 12
    assert _display_width("2023年") == 6
    assert _display_width(None) == 0
    assert _display_width(12.5) == 4
    # Around the boundary, beyond the basic plane, and a lone surrogate (a file read with
    # surrogateescape can hold one): the same count as character by character.
    edge = ["\u2e7f", "\u2e80", "\u3000", "\uff0c", "\U0001f600", "\U0010ffff", "\ud800", "a", " "]
    chooser = random.Random(7)
    for _ in range(2000):
        text = "".join(chooser.choice(edge) for _ in range(chooser.randint(0, 12)))
        assert _display_width(text) == _counted_one_by_one(text)


def test_columns_are_as_wide_as_their_widest_sampled_cell_within_bounds():
    widths = _widths(["doc_id", "text"], [["a", "短"], ["bb", "长" * 100]])
    assert widths == [8.0, 60.0]  # "doc_id" + 2; the long text capped at 60
