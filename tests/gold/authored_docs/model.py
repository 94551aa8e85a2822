"""What a writer receives: one report's text, its tables as grids, and how the file lays them out."""

from __future__ import annotations

from dataclasses import dataclass

from grids import Grid


@dataclass
class PlacedTable:
    """One statistical table where the report prints it.

    `split` is the row of the first grid where the table breaks onto a new page (None: it does not),
    `repeat_header` whether the header rows are printed again after the break; `container` puts the
    table in a Word text box ("textbox") or in a one-cell layout table ("nested").
    """

    caption: str
    grids: list[Grid]
    split: int | None = None
    repeat_header: bool = False
    container: str = ""
    landscape: bool = False
    new_page: bool = False  # PDF: the table starts on a fresh page so that it is not broken


@dataclass
class Report:
    title: str
    sections: list[tuple[str, list[str]]]
    tables: dict[int, list[PlacedTable]]  # section index → tables printed after its paragraphs
    sign_off: list[str]
    headings: str = "style"  # Word: "style" | "bold" | "numbered"
    ruled: bool = True  # PDF: lines drawn
    furniture: bool = False  # PDF: running header, footer and page numbers
    font_size: float = 10.5
    wrap_labels: bool = False  # PDF: narrow label column, long labels wrap onto two lines
    split_runs: bool = False  # Word: each cell's text in two runs, as editing leaves it
