"""The property tests' examples depend on the test alone, not on what ran before it in the process.

Hypothesis draws some of its numbers from the literals of the project's modules that are imported when a
test runs (its "local constants", collected from `sys.modules`), `derandomize=True` notwithstanding: a
derandomized test then drew other examples after tests that imported other modules (a benchmark, the
command line), which is how `test_fuzz_tables::test_lines_shuffled_outside_the_tables` failed in one
order of a full run and passed alone. `tests/conftest.py` keeps that pool empty.
"""

from __future__ import annotations

import sys

from hypothesis import given, settings, strategies as st


def _drawn() -> list[tuple[int, int, int]]:
    drawn: list[tuple[int, int, int]] = []

    @settings(max_examples=200, derandomize=True, database=None, deadline=None)
    @given(st.integers(0, 99_999), st.integers(1, 3000), st.integers(2019, 2025))
    def draw(a: int, b: int, c: int) -> None:
        drawn.append((a, b, c))

    draw()
    return drawn


def test_derandomized_examples_do_not_depend_on_the_modules_imported(tmp_path, monkeypatch):
    before = _drawn()
    # a module of the project's kind (a local file, not a test) with literals in the drawn ranges
    literals = (
        ", ".join(str(n) for n in range(2019, 2026)) + ", " + ", ".join(str(7 * n + 13) for n in range(400))
    )
    (tmp_path / "lots_of_literals.py").write_text(
        f"NUMBERS = ({literals})\nWORDS = ('政府信息公开', '年度报告')\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import lots_of_literals  # noqa: F401

    try:
        assert _drawn() == before
    finally:
        del sys.modules["lots_of_literals"]
