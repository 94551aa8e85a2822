"""Read one hand-written report source (src/Fnn.txt) into its clean lines, labels, sections and cells.

Source format: a header of `key: value` lines, a line `---`, then one body line per paragraph:
  H1 一、总体情况          heading that opens template section 1 (H1..H7; H4,5 opens two)
  H （一）主动公开          any other heading (title, subsection, caption)
  M 2023年1月20日          meta (sign-off, date)
  T active|requests|review the statistical table at this point (its rows become table lines)
  N org g 正文…            narrative: label abbreviation, flags, text. Flags: `g` generic or `-` not,
                           then optional `,m` (mixed) and `,u=lab` (unsure: the other label considered)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import table_layout as tl

LABELS = {"ad": "active_disclosure", "app": "application", "im": "info_management", "plat": "platform",
          "org": "organization", "prob": "problem", "imp": "improvement", "oth": "other"}
SECTION_NAMES = {
    "2021": ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
             "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"],
    "old": ["概述", "主动公开政府信息情况", "依申请公开政府信息情况", "政府信息公开的收费及减免情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况", "政府信息公开工作存在的主要问题及改进情况",
            "其他需要报告的事项"],
}
SECTION_NAMES["2019"] = SECTION_NAMES["2021"]


@dataclass
class Line:
    text: str
    kind: str                    # narrative / heading / table / meta
    label: str | None = None
    generic: bool | None = None
    mixed: bool = False
    unsure: str | None = None
    sections: tuple[int, ...] = ()  # template sections this heading opens (old reports may merge two)
    table_row: list | None = None  # the Cell row, for table lines
    table: str | None = None

    @property
    def section(self) -> int | None:
        return self.sections[0] if self.sections else None


@dataclass
class Report:
    meta: dict
    lines: list[Line] = field(default_factory=list)
    tables: dict = field(default_factory=dict)   # table name -> rows of Cell

    @property
    def doc_id(self) -> str:
        return self.meta["doc_id"]

    @property
    def render(self) -> dict:
        opts = {}
        for part in self.meta.get("render", "").split():
            key, _, value = part.partition("=")
            opts[key] = value
        return opts

    def cells(self) -> list[dict]:
        out = []
        for name in ("active", "requests", "review"):
            if name in self.tables and "images" not in self.render.get("tables", ""):
                out += tl.keyed_cells(self.tables[name])
        return out


def _figures(spec: str) -> dict:
    out = {}
    for part in spec.split("|"):
        words = part.split()
        if words:
            out[words[0]] = [float(w) if "." in w else int(w) for w in words[1:]]
    return out


def parse(path: Path) -> Report:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = {}
    for raw in head.splitlines():
        key, _, value = raw.partition(":")
        meta[key.strip()] = value.strip()
    report = Report(meta)
    template = meta["template"]
    blank = meta.get("blank_zero", "")
    if "active" in meta:
        report.tables["active"] = tl.active_rows(template, _figures(meta["active"]))
    if "requests" in meta:
        vals = tl.request_values(template, _figures(meta["requests"]), "requests" in blank)
        report.tables["requests"] = tl.requests_rows(template, vals)
    if template != "old":  # table 四 all zeros unless figures are given
        report.tables["review"] = tl.review_rows(_figures(meta.get("review", "")))
    report.lines.append(Line(meta["title"], "heading"))
    for raw in body.splitlines():
        raw = raw.strip()
        if not raw or raw.startswith("//"):
            continue
        tag, _, rest = raw.partition(" ")
        if tag.startswith("H"):
            numbers = tuple(int(n) for n in tag[1:].split(",") if n)
            report.lines.append(Line(rest, "heading", sections=numbers))
        elif tag == "M":
            report.lines.append(Line(rest, "meta"))
        elif tag == "T":
            if "images" in report.render.get("tables", ""):
                continue  # printed as pictures: no table text for a reader to recover
            for row in report.tables[rest]:
                report.lines.append(Line("\t".join(c.text for c in row), "table", table_row=row, table=rest))
        elif tag == "N":
            lab, flags, text = rest.split(" ", 2)
            parts = flags.split(",")
            unsure = next((LABELS[p[2:]] for p in parts if p.startswith("u=")), None)
            report.lines.append(Line(text, "narrative", LABELS[lab], parts[0] == "g", "m" in parts, unsure))
        else:
            raise ValueError(f"{path.name}: unknown line tag {tag!r}: {raw}")
    return report


def records(report: Report, file_name: str, page: str, encoding: str) -> tuple[dict, list, dict]:
    m = report.meta
    text = "\n".join(line.text for line in report.lines)
    rep = {"doc_id": m["doc_id"], "agency": m["agency"], "year": int(m["year"]), "template": m["template"],
           "level": m["level"], "province": m["province"], "title": m["title"], "file": file_name,
           "format": m["format"], "encoding": encoding, "split": "dev" if int(m["doc_id"][1:]) % 2 else "held",
           "text": text, "page": page}
    labels = []
    for i, line in enumerate(report.lines):
        rec = {"doc_id": m["doc_id"], "para_index": i, "text": line.text, "kind": line.kind,
               "label": line.label, "mixed": line.mixed, "generic": line.generic}
        if line.unsure:
            rec["unsure"] = line.unsure
        labels.append(rec)
    names = SECTION_NAMES[m["template"]]
    found = {n: i for i, line in enumerate(report.lines) for n in line.sections}
    sections = {"doc_id": m["doc_id"], "template": m["template"],
                "sections": [{"number": n, "name": name, "para_index": found.get(n)}
                             for n, name in enumerate(names, 1)]}
    return rep, labels, sections
