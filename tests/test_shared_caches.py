"""Tables built once and cached are shared by every caller, so none of them can be changed by one."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.classify.places import place_table
from nlp.duplicates import shingles
from nlp.normalize import characters, mojibake


def test_cached_mappings_refuse_writes() -> None:
    tables = [place_table(), characters.character_table(), mojibake.char_frequencies()]
    for table in tables:
        key = next(iter(table))
        with pytest.raises(TypeError):
            table[key] = table[key]  # type: ignore[index]
    assert characters.character_table()[ord("\u3000")] == " "  # still the table the reader uses


def test_cached_byte_index_holds_tuples() -> None:
    mask = (True, False, True)
    index = mojibake._index_by_known_bytes(mask)
    assert index and all(isinstance(chars, tuple) for chars in index.values())
    with pytest.raises(TypeError):
        index[(0,)] = ()  # type: ignore[index]


def test_cached_comparable_table_is_read_only() -> None:
    table = shingles._comparable_table()
    assert table.dtype == np.uint32 and table[ord("5")] == ord("0")
    with pytest.raises(ValueError):
        table[ord("a")] = 0
