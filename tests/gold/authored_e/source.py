"""Read one hand-written source report (src/Dxx.txt) into plain records.

A source file is a header block (`key: value` lines), a line `---`, then one
report line per source line, written `CODE|text`:

- `T`  the report title (kind heading)
- `S1`…`S7` a section heading (kind heading; the number is the template's section)
- `H`  a subsection heading;  `C` a picture caption (heading, convention 8)
- `M`  meta (sign-off agency and date, contact lines, contents-list entries)
- `N:label[:g][:m][:u=other][:w]` a narrative paragraph: `g` generic, `m` mixed,
  `u=` the label I hesitated towards, `w` typeset with Word list numbering
- `TAB:active` / `TAB:requests` / `TAB:review` insert a statistical table; its
  figures come from the header keys `active`, `requests`, `review`.

Inside a text `‖` marks a soft line break (Word) or forced line break (PDF):
the clean line drops it. Table lines are generated here from the figures so
that the text, the Word table and the PDF table print the same cells.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from grid import Grid, build_grid

LABELS = (
    "active_disclosure", "application", "info_management", "platform",
    "organization", "problem", "improvement", "other",
)
SOFT_BREAK = "‖"


@dataclass
class Line:
    code: str                  # T, S1…S7, H, C, M, N, TAB
    text: str                  # the clean text (soft breaks dropped)
    raw: str                   # the text with soft-break marks, for the files
    kind: str
    label: str | None = None
    generic: bool | None = None
    mixed: bool = False
    unsure: str | None = None
    word_numbered: bool = False
    section: int | None = None
    grid: Grid | None = None   # table lines: the table's grid (same object for its rows)
    grid_row: int | None = None


@dataclass
class Report:
    doc_id: str
    meta: dict
    lines: list[Line]

    @property
    def template(self) -> str:
        return self.meta["template"]


# ---------------------------------------------------------------- parsing

def parse_code(code: str) -> dict:
    parts = code.split(":")
    head = parts[0]
    if head == "N":
        out = {"kind": "narrative", "label": parts[1], "generic": False}
        for flag in parts[2:]:
            if flag == "g":
                out["generic"] = True
            elif flag == "m":
                out["mixed"] = True
            elif flag == "w":
                out["word_numbered"] = True
            elif flag.startswith("u="):
                out["unsure"] = flag[2:]
            else:
                raise ValueError(f"unknown flag {flag!r} in {code!r}")
        if out["label"] not in LABELS:
            raise ValueError(f"unknown label in {code!r}")
        return out
    if head == "T" or head in ("H", "C"):
        return {"kind": "heading"}
    if head.startswith("S") and head[1:].isdigit():
        return {"kind": "heading", "section": int(head[1:])}
    if head == "M":
        return {"kind": "meta"}
    raise ValueError(f"unknown line code {code!r}")


def read_report(path: Path) -> Report:
    header, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta: dict = {}
    for line in header.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        meta[key.strip()] = json.loads(value) if value[:1] in "{[" else value
    meta["year"] = int(meta["year"])
    lines: list[Line] = []
    for number, source in enumerate(body.splitlines(), 1):
        if not source.strip() or source.startswith("#"):
            continue
        code, sep, raw = source.partition("|")
        if code.startswith("TAB:"):
            grid = build_grid(meta, code[4:])
            for i, row in enumerate(grid.rows):
                text = "\t".join(cell.text for cell in row)
                lines.append(Line("TAB", text, text, "table", grid=grid, grid_row=i))
            continue
        if not sep or not raw.strip():
            raise ValueError(f"{path.name}:{number}: no text")
        fields = parse_code(code)
        raw = raw.strip()
        lines.append(Line(code.split(":")[0], raw.replace(SOFT_BREAK, ""), raw, **fields))
    return Report(path.stem, meta, lines)


def read_all(folder: Path) -> list[Report]:
    return [read_report(p) for p in sorted((folder / "src").glob("D*.txt"))]
