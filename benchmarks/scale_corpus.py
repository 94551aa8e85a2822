"""Realistic scale corpora for `govreport analyze`: N report files made from real reports, reuse planted.

Every generated report keeps the skeleton of a real one (title, headings, tables; figures changed
with one mapping per report, so the narrative and the tables mostly agree, though sums may not,
as in real reports), but its narrative paragraphs are rebuilt sentence by sentence: about half of a
paragraph's sentences are kept (a clause of some swapped), the others are drawn from a pool of
sentences found in the same section of any source, and place names, agency, years and figures are
changed. So an ordinary paragraph has few near-copies even in a batch of 100,000, as in the real
population, and reuse is present because it is planted, and written down in the manifest:

* year-over-year chains: some agencies get 2-4 consecutive years, each repeating 30-70% of the
  previous year's narrative paragraphs (verbatim, or with the years moved on by one);
* copy-paste: about 5% of the long narrative paragraphs are copied, verbatim or near-verbatim (the
  other agency's name replaced, a figure changed; Jaccard >= 0.8 over 5-character shingles), from
  another agency's report generated earlier.

Skeletons: the complete reports of ../shared (seeds/*.txt, reports/*: .txt, .md, the text PDF, the
blank 2021 .docx template) and the project's own example, whole; and the 232 web-page openings of
../shared/corpus/pages_dev.jsonl (their front matter and 总体情况) joined to the later sections of a
complete report of the same template. Sentence pools: the narrative paragraphs of all of them, by
section, plus the labelled narrative units of ../shared/labels/dev.jsonl for the sparse sections.

Files: OUT/000/r000000.txt ... (1,000 per subfolder); most are UTF-8 text, some Markdown, some in
traditional characters, GB18030 or UTF-8 with a BOM and CRLF line ends (`style` in the manifest).
`--corrupt 0.05` replaces that share of files by corrupt ones (empty, random binary, truncated or
garbled PDF, a JPEG named .pdf, a .docx that is not a zip or a broken zip, and text with no
headings, which is readable: it is expected as a report with warnings, not as an error).

OUT/manifest.jsonl has one line per file (in file order); OUT/corpus.json the parameters and
counts, written last: a folder without it is an unfinished corpus. Deterministic for a seed
(files, manifest, corpus.json but its `seconds`). Generated one report at a time, streamed to disk;
memory holds the sources, a reservoir of 3,000 paragraphs to copy from, the current chain and the
set of agency names used.

Run: python benchmarks/scale_corpus.py OUT --size 10000 [--seed 0] [--corrupt 0.05] [--profile 500]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "examples" / "qinghe_culture_tourism_2023.txt"

#: Files per subfolder.
SUBFOLDER_SIZE = 1000
#: Version of the generator: part of the cache key of benchmarks that keep corpora.
GENERATOR_VERSION = 1

#: The two statistical templates and the years generated for each (the 2019 format was used for
#: the 2019 and 2020 reports; older reports are generated in it too).
TEMPLATE_YEARS: dict[str, tuple[int, ...]] = {"2019": (2017, 2018, 2019, 2020), "2021": (2021, 2022, 2023, 2024, 2025)}

#: Output styles of valid reports and their shares.
STYLES: tuple[tuple[str, float], ...] = (
    ("plain", 0.78),
    ("markdown", 0.07),
    ("traditional", 0.04),
    ("gb18030", 0.05),
    ("bom_crlf", 0.06),
)

#: Kinds of corrupt file: (kind, suffix, expected outcome of `analyze`).
CORRUPT_KINDS: tuple[tuple[str, str, str], ...] = (
    ("empty", ".txt", "error"),
    ("binary", ".txt", "error"),
    ("pdf_truncated", ".pdf", "error"),
    ("pdf_garbled", ".pdf", "error"),
    ("jpeg_as_pdf", ".pdf", "error"),
    ("docx_not_zip", ".docx", "error"),
    ("docx_broken_zip", ".docx", "error"),
    ("no_headings", ".txt", "report"),
)

#: Narrative paragraphs at least this long (characters) can be copied and count as copy targets.
COPY_MIN_CHARS = 30
#: Paragraphs kept to copy from (a uniform sample of the reports generated so far).
RESERVOIR_SIZE = 3000

# -------------------------------------------------------------------------------------------------
# Names
# -------------------------------------------------------------------------------------------------

#: Characters of made-up place names (two of them, then 县/区/市/镇/乡/街道).
PLACE_CHARS = (
    "安平和兴华新宁康泰丰永长清河山江湖阳阴东西南北云龙凤鹤林松柏桃李杨柳金银玉石青白红黄"
    "德仁义礼信文武昌盛隆嘉祥瑞福寿富贵春秋冬夏明光辉远广宝川溪峰岭岗坪塘桥湾源泉泽洲沙"
)
DEPARTMENTS = (
    "教育局", "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局",
    "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局", "卫生健康委员会", "应急管理局",
    "审计局", "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "司法局", "退役军人事务局",
    "发展和改革委员会", "科学技术局", "工业和信息化局", "林业局", "体育局", "人民政府办公室",
    "行政审批局", "信访局", "政务服务和大数据管理局", "机关事务管理局", "档案馆",
)  # fmt: skip

_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(省|市|县|区|镇|乡|街道)")
#: Characters that make a match a phrase rather than a name (`为全街道`, `各乡镇`, `在本区`).
_NOT_IN_NAMES = set("为全我本各该在对向由从至和与及等的了是将把被于以其这那此每所省市县区镇乡街道一二三四五六七八九十个年月日")
_NOT_NAMES = {
    "开发区", "示范区", "试验区", "保护区", "功能区", "集聚区", "自治区", "服务区", "生活区", "居民区",
    "风景区", "商业区", "工业区", "产业区", "自贸区", "新城区", "老城区", "直辖市", "地级市", "县级市",
}  # fmt: skip
_LEVEL = {"省": "province", "市": "city", "县": "county", "区": "county", "镇": "township", "乡": "township", "街道": "township"}

_PLACE_HINT = re.compile(r"[省市县区镇乡道]")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<![\d〔\[【])((?:19|20)\d\d)(?=\s?年|[-/.－]\d)")
_COUNTED = re.compile(r"(?<![\d.第])(\d{1,6})(?=\s?(?:件|条|次|篇|个|项|期|家|人|份|场|户|名|批|余|多|万))")
_TABLE_NUMBER = re.compile(r"(?<![\d.\-:/（(第])(\d{1,6})(?![\d.、:：/）)%])")
_SENTENCE_END = re.compile(r"[。！？；：!?;:”’」』）)]$")
_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]+[”’」』）)]*|[^。！？；!?;]+$")
_AGENCY_MARK = "\x00"


def _place_name(rng: random.Random) -> str:
    return rng.choice(PLACE_CHARS) + rng.choice(PLACE_CHARS)


@dataclass(frozen=True)
class Agency:
    name: str
    county: str  # e.g. 平安县
    city: str
    township: str | None  # e.g. 新华镇 / 新华街道


def new_agency(rng: random.Random, used: set[str]) -> Agency:
    """A made-up agency whose name no other agency of the corpus has."""
    while True:
        county = _place_name(rng) + rng.choice("县县区区市")
        city = _place_name(rng) + "市"
        township = None
        draw = rng.random()
        if draw < 0.45:
            name = county + rng.choice(DEPARTMENTS)
        elif draw < 0.68:
            township = _place_name(rng) + rng.choice("镇镇乡")
            name = county + township + rng.choice(("人民政府", "人民政府", ""))
        elif draw < 0.88:
            township = _place_name(rng) + "街道"
            name = county + township + rng.choice(("办事处", "办事处", ""))
        elif draw < 0.95:
            name = county + "人民政府"
        else:
            name = city + rng.choice(DEPARTMENTS)
        if name not in used:
            used.add(name)
            return Agency(name, county, city, township)


# -------------------------------------------------------------------------------------------------
# Sources
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One paragraph of a skeleton: kind and section as the parser saw them, and where it comes from."""

    kind: str
    section: str
    text: str
    origin: int  # index into Sources.origins
    fill: bool = False  # a paragraph added to an empty section: made from the pool entirely


@dataclass(frozen=True)
class Origin:
    name: str
    year: int
    agency: str | None


@dataclass
class Skeleton:
    name: str
    template: str
    lines: list[Line]


@dataclass
class Sources:
    origins: list[Origin]
    full: list[Skeleton]  # complete reports
    heads: list[Skeleton]  # openings of web pages: front matter and overview
    pools: dict[str, list[tuple[str, int]]]  # section -> (sentence, origin)
    pdf: bytes | None = None

    def pool(self, section: str) -> list[tuple[str, int]]:
        chosen = self.pools.get(section, [])
        return chosen if len(chosen) >= 30 else self.pools["*"]


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s.strip()]


def _template_of(year: int) -> str:
    return "2019" if year <= 2020 else "2021"


#: Labels of the labelled units that fill the pools of sections with little narrative.
_LABEL_SECTIONS = {"problem": "problems_improvements", "improvement": "problems_improvements", "application": "requests"}


def load_sources(shared: Path = SHARED) -> Sources:
    """Parse the real reports once: skeletons and sentence pools (a few seconds, mostly the PDF)."""
    from nlp.structure import parse_text, read_report

    if not shared.exists():
        raise SystemExit(f"scale_corpus: the real reports are needed and {shared} is absent")
    origins: list[Origin] = []
    full: list[Skeleton] = []
    heads: list[Skeleton] = []
    pools: dict[str, dict[str, int]] = {}

    def add(report: Any, name: str) -> int | None:
        year = report.year or 2021  # the blank template: 2021 format
        origins.append(Origin(name, year, report.agency))
        origin = len(origins) - 1
        for paragraph in report.paragraphs:
            if paragraph.kind == "narrative":
                for sentence in split_sentences(paragraph.text):
                    if 8 <= len(sentence) <= 250 and _SENTENCE_END.search(sentence):
                        pools.setdefault(paragraph.section, {}).setdefault(sentence, origin)
                        pools.setdefault("*", {}).setdefault(sentence, origin)
        return origin

    files = sorted((shared / "seeds").glob("*.txt")) + sorted(p for p in (shared / "reports").glob("*") if p.suffix in (".txt", ".md", ".pdf", ".docx"))
    if EXAMPLE.exists():
        files.append(EXAMPLE)
    for path in files:
        report = read_report(path)
        origin = add(report, path.stem)
        lines = [Line(p.kind, p.section, p.text, origin) for p in report.paragraphs if p.text.strip()]
        full.append(Skeleton(path.stem, _template_of(origins[origin].year), lines))

    pages = shared / "corpus" / "pages_dev.jsonl"
    if pages.exists():
        with pages.open(encoding="utf-8") as handle:
            for row in map(json.loads, handle):
                report = parse_text(row["text"], doc_id=row["doc_id"])
                if report.year is None:
                    continue
                origin = add(report, row["doc_id"])
                head = [Line(p.kind, p.section, p.text, origin) for p in report.paragraphs if p.section in ("extra", "overview")]
                # The opening ends where the page was cut: drop a last paragraph cut mid-sentence.
                while head and head[-1].kind == "narrative" and not re.search(r"[。！？；：:]$", head[-1].text):
                    head.pop()
                if sum(1 for line in head if line.kind == "narrative" and len(line.text) >= 20) >= 2:
                    heads.append(Skeleton(row["doc_id"], _template_of(report.year), head))

    labels = shared / "labels" / "dev.jsonl"
    if labels.exists():
        origins.append(Origin("labels", 2021, None))
        with labels.open(encoding="utf-8") as handle:
            for row in map(json.loads, handle):
                section = _LABEL_SECTIONS.get(row.get("label") or "")
                if row.get("kind") == "narrative" and section:
                    for sentence in split_sentences(row["text"]):
                        if 8 <= len(sentence) <= 250 and _SENTENCE_END.search(sentence):
                            pools.setdefault(section, {}).setdefault(sentence, len(origins) - 1)
    pdf = next((p.read_bytes() for p in sorted((shared / "reports").glob("*.pdf"))), None)
    return Sources(origins, full, heads, {k: list(v.items()) for k, v in pools.items()}, pdf)


def _tail_start(skeleton: Skeleton) -> int | None:
    """Index of the first line after the front matter and the overview (the tables' sections)."""
    return next((i for i, line in enumerate(skeleton.lines) if line.section not in ("extra", "overview")), None)


def compose(sources: Sources, rng: random.Random) -> tuple[str, str, list[Line]]:
    """(name, template, lines) of a report's skeleton: a complete report, or a page opening + a tail."""
    tails = [s for s in sources.full if _tail_start(s) is not None]
    if not sources.heads or rng.random() < 0.35:
        skeleton = rng.choice(sources.full)
        name, template, lines = f"full:{skeleton.name}", skeleton.template, list(skeleton.lines)
    else:
        head = rng.choice(sources.heads)
        same = [s for s in tails if s.template == head.template] or tails
        tail = rng.choice(same)
        name, template = f"head:{head.name}+tail:{tail.name}", tail.template
        # The opening stops where the page was cut; the report went on: more overview paragraphs.
        more = [Line("narrative", "overview", "", head.lines[-1].origin, fill=True) for _ in range(rng.randint(1, 5))]
        lines = head.lines + more + tail.lines[_tail_start(tail) :]
    # Sections 五 and 六 of the blank template (and of some openings' tails) have no text: real
    # reports do, so fill them from the pool.
    out: list[Line] = []
    for position, line in enumerate(lines):
        out.append(line)
        nxt = lines[position + 1] if position + 1 < len(lines) else None
        opens = line.kind == "heading" and line.section in ("problems_improvements", "other_matters")
        if opens and (nxt is None or nxt.section != line.section):
            out.extend(Line("narrative", line.section, "", line.origin, fill=True) for _ in range(rng.randint(1, 3)))
    return name, template, out


# -------------------------------------------------------------------------------------------------
# One report
# -------------------------------------------------------------------------------------------------


@dataclass
class Localizer:
    """Puts a source text into the generated report: its agency, places, year and figures."""

    agency: Agency
    year: int
    rng: random.Random
    origins: list[Origin]
    places: dict[str, str] = field(default_factory=dict)
    figures: dict[int, int] = field(default_factory=dict)
    scale: float = 1.0
    _level_used: set[str] = field(default_factory=set)

    def place(self, match: re.Match[str]) -> str:
        prefix, suffix = match.group(1), match.group(2)
        token = match.group(0)
        if token in _NOT_NAMES or any(c in _NOT_IN_NAMES for c in prefix):
            return token
        if token not in self.places:
            level = _LEVEL[suffix]
            own = {"county": self.agency.county, "city": self.agency.city, "township": self.agency.township}.get(level)
            if level == "province":
                self.places[token] = token  # real provinces stay
            elif own and level not in self._level_used:
                self.places[token] = own
                self._level_used.add(level)
            else:
                self.places[token] = _place_name(self.rng) + suffix
        return self.places[token]

    def figure(self, value: int) -> int:
        if value not in self.figures:
            if value == 0:
                self.figures[value] = 0 if self.rng.random() < 0.85 else self.rng.randint(1, 3)
            else:
                self.figures[value] = max(0, round(value * self.scale * self.rng.uniform(0.7, 1.3)))
        return self.figures[value]

    def __call__(self, text: str, origin: int, table: bool = False) -> str:
        if table and text.isdigit() and len(text) <= 6:  # a table cell on its own line (.docx text)
            return str(self.figure(int(text)))
        source = self.origins[origin]
        named = bool(source.agency) and len(source.agency) >= 2 and source.agency in text
        if named:
            text = text.replace(source.agency, _AGENCY_MARK)
        if _PLACE_HINT.search(text):
            text = _PLACE.sub(self.place, text)
        if _DIGIT.search(text):
            delta = self.year - source.year
            if delta:
                text = _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)
            numbers = _TABLE_NUMBER if table else _COUNTED
            text = numbers.sub(lambda m: str(self.figure(int(m.group(1)))), text)
        return text.replace(_AGENCY_MARK, self.agency.name) if named else text


def shift_years(text: str, delta: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)


def _swap_clause(sentence: str, other: str, rng: random.Random) -> str:
    clauses = re.split(r"(?<=[，,])", sentence)
    donors = [c for c in re.split(r"(?<=[，,])", other.rstrip("。！？；")) if len(c) >= 5]
    if len(clauses) < 2 or not donors:
        return sentence
    position = rng.randrange(len(clauses) - 1)  # not the last: it carries the sentence's end
    donor = rng.choice(donors)
    clauses[position] = donor if donor.endswith(("，", ",")) else donor + "，"
    return "".join(clauses)


def rebuild_paragraph(line: Line, localize: Localizer, sources: Sources, rng: random.Random) -> str:
    """A narrative paragraph rebuilt at the sentence level from its own sentences and the pool's.

    At most 60% of its sentences are kept (the first more often: it often carries the paragraph's
    lead, `一是加强组织领导。`), a clause of some swapped; the others are replaced by sentences of
    the same section drawn from the pool (with a clause swapped too) or dropped. So two reports
    made from the same skeleton rarely have paragraphs that are near-copies of each other.
    """
    pool = sources.pool(line.section)

    def drawn() -> str:
        text, origin = rng.choice(pool)
        text = localize(text, origin)
        return _swap_clause(text, rng.choice(pool)[0], rng) if rng.random() < 0.7 else text

    if line.fill:
        return "".join(drawn() for _ in range(rng.randint(2, 4)))
    sentences = split_sentences(line.text)
    count = len(sentences)
    if count == 1 and not re.search(r"[，,]", sentences[0]):
        kept = [rng.random() < 0.15]  # no clause to swap: kept whole, it would recur too often
    else:
        kept = [rng.random() < (0.75 if position == 0 and count > 1 else 0.5) for position in range(count)]
    while sum(kept) > max(1, round(0.6 * count)):
        kept[rng.choice([p for p, k in enumerate(kept) if k])] = False
    out = []
    for sentence, keep in zip(sentences, kept, strict=True):
        if keep:
            own = localize(sentence, line.origin)
            # A one-sentence paragraph kept whole would recur in every report of its skeleton.
            out.append(_swap_clause(own, drawn(), rng) if count == 1 or rng.random() < 0.3 else own)
        elif rng.random() < 0.85:
            out.append(drawn())
    if rng.random() < 0.15:
        out.insert(rng.randint(0, len(out)), drawn())
    text = "".join(out) or drawn()
    # A paragraph that does not end a sentence is joined to the next line by the reader (as a
    # sentence broken by a page break would be): end it.
    return text if _SENTENCE_END.search(text) else text + "。"


def shingle_set(text: str, size: int = 5) -> set[str]:
    text = re.sub(r"\s+", "", text)
    return {text[i : i + size] for i in range(max(1, len(text) - size + 1))} if text else set()


def jaccard(a: str, b: str) -> float:
    sa, sb = shingle_set(a), shingle_set(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


@dataclass
class Generated:
    lines: list[tuple[str, str]]  # (kind, text), one per output paragraph
    narrative: dict[int, int]  # skeleton line index -> output paragraph index


def render(skeleton: list[Line], localize: Localizer, sources: Sources, rng: random.Random, carried: dict[int, str] | None = None) -> Generated:
    """The paragraphs of one report. `carried`: skeleton line index -> text taken from last year's report."""
    carried = carried or {}
    out: list[tuple[str, str]] = []
    narrative: dict[int, int] = {}
    for position, line in enumerate(skeleton):
        if line.kind == "narrative":
            text = carried[position] if position in carried else rebuild_paragraph(line, localize, sources, rng)
            narrative[position] = len(out)
        else:
            text = localize(line.text, line.origin, table=line.kind == "table")
        if text.strip():
            out.append((line.kind, text.strip()))
        else:
            narrative.pop(position, None)
    # The title: the agency must be named in it, or the batch cannot tell agencies apart.
    name = localize.agency.name
    title = next((i for i, (kind, text) in enumerate(out[:15]) if kind == "heading" and len(text) <= 60 and _TITLE_END.search(text)), None)
    near_title = " ".join(text for _, text in out[max(0, (title or 0) - 1) : (title or 0) + 2])
    if title is None or name not in near_title:
        title_text = f"{name}{localize.year}年政府信息公开工作年度报告"
        if title is None:
            out.insert(0, ("heading", title_text))
            narrative = {k: v + 1 for k, v in narrative.items()}
        else:
            out[title] = ("heading", title_text)
    return Generated(out, narrative)


# -------------------------------------------------------------------------------------------------
# Files
# -------------------------------------------------------------------------------------------------

_TITLE_END = re.compile(r"(?:报告|年报)\s*$")
_MARKDOWN_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]+部分)")


def encode(lines: list[tuple[str, str]], style: str) -> tuple[str, bytes]:
    """(suffix, bytes) of a report's paragraphs written in one of the STYLES."""
    texts = []
    for position, (kind, text) in enumerate(lines):
        if style == "markdown" and kind == "heading":
            if position == 0 or re.search(r"报告$", text):
                text = "# " + text
            elif _MARKDOWN_HEADING.match(text):
                text = "## " + text
        texts.append((kind, text))
    parts = []
    for position, (kind, text) in enumerate(texts):
        if position:
            # Table rows follow each other; paragraphs are separated by a blank line.
            parts.append("\n" if kind == "table" and texts[position - 1][0] == "table" else "\n\n")
        parts.append(text)
    body = "".join(parts) + "\n"
    if style == "traditional":
        body = _s2t().convert(body)
    if style == "gb18030":
        return ".txt", body.encode("gb18030", errors="replace")
    if style == "bom_crlf":
        return ".txt", body.replace("\n", "\r\n").encode("utf-8-sig")
    return (".md" if style == "markdown" else ".txt"), body.encode("utf-8")


_CONVERTER: list[Any] = []


def _s2t() -> Any:
    if not _CONVERTER:
        import opencc

        _CONVERTER.append(opencc.OpenCC("s2t"))
    return _CONVERTER[0]


#: A paragraph opening with a numbered title run in: `4.主动公开类信息公开情况。…`, `（二）依申请公开。…`.
_RUN_IN_TITLE = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]|[一二三四五六七八九十]是)[^，。；：,;:]{2,20}[。：:]")


def corrupt_bytes(kind: str, rng: random.Random, sources: Sources, readable: list[tuple[str, str]]) -> bytes:
    """The bytes of a corrupt file of `kind` (see CORRUPT_KINDS)."""
    size = rng.randint(500, 20000)
    if kind == "empty":
        return b""
    if kind == "binary":  # no NUL byte: the reader has to try the text encodings before refusing it
        return rng.randbytes(size).replace(b"\x00", b"\x01")
    if kind == "docx_not_zip":
        return b"\x00" + rng.randbytes(size)
    if kind == "pdf_truncated" and sources.pdf:
        return sources.pdf[: rng.randint(len(sources.pdf) // 100, len(sources.pdf) * 9 // 10)]
    if kind in ("pdf_truncated", "pdf_garbled"):
        return f"%PDF-1.{rng.randint(3, 7)}\n".encode() + rng.randbytes(size)
    if kind == "jpeg_as_pdf":
        return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(size)
    if kind == "docx_broken_zip":
        return b"PK\x03\x04" + rng.randbytes(size)
    if kind == "no_headings":
        # The narrative of a report with its title, headings and tables gone: readable, unsectioned. A
        # paragraph that opens with a numbered title of its own (`4.主动公开类信息公开情况。…`) carries a
        # heading, run in: left out, or the text would not be without headings.
        body = "\n\n".join(text for k, text in readable if k == "narrative" and not _RUN_IN_TITLE.match(text)) or "本年度无其他需要报告的事项。"
        return body.encode("utf-8")
    raise ValueError(f"unknown corrupt kind {kind!r}")


# -------------------------------------------------------------------------------------------------
# The corpus
# -------------------------------------------------------------------------------------------------


@dataclass
class Chain:
    agency: Agency
    skeleton: tuple[str, str, list[Line]]
    years: list[int]
    share: float
    chain_id: int
    member: int = 0
    previous_file: str | None = None
    previous: Generated | None = None


def file_stem(number: int) -> str:
    return f"r{number:06d}"


def relative_path(number: int, suffix: str) -> str:
    return f"{number // SUBFOLDER_SIZE:03d}/{file_stem(number)}{suffix}"


def generate(
    folder: str | Path,
    size: int,
    seed: int = 0,
    corrupt: float = 0.0,
    chain_share: float = 0.15,
    copy_share: float = 0.05,
    sources: Sources | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Write `size` report files, OUT/manifest.jsonl and (last) OUT/corpus.json; return corpus.json's content."""
    folder = Path(folder).resolve()
    if folder == SHARED.resolve() or SHARED.resolve() in folder.parents:
        raise SystemExit(f"scale_corpus: refusing to write into the shared data ({folder})")
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"scale_corpus: {folder} is not empty; give a new folder")
    started = time.perf_counter()
    sources = sources or load_sources()
    folder.mkdir(parents=True, exist_ok=True)
    plan = random.Random(f"{seed}:plan")
    # Corrupt files: positions drawn at random, kinds dealt in turn (every kind present from 8 on).
    corrupt_rng = random.Random(f"{seed}:corrupt")
    positions = sorted(corrupt_rng.sample(range(size), round(corrupt * size))) if corrupt else []
    kinds = list(CORRUPT_KINDS)
    corrupt_rng.shuffle(kinds)
    corrupt_at = {position: kinds[turn % len(kinds)] for turn, position in enumerate(positions)}
    # A chain of L reports starts with probability q at a free position: q*L/(q*L + 1 - q) = share.
    mean_length = 3.0
    start_chain = chain_share / (mean_length - chain_share * (mean_length - 1)) if chain_share > 0 else 0.0
    used: set[str] = set()
    reservoir: list[tuple[str, int, str, str]] = []  # (file, paragraph, agency, text)
    seen_for_reservoir = 0
    chain: Chain | None = None
    chains = 0
    counts: dict[str, int] = {"files": 0, "reports": 0, "corrupt": 0, "paragraphs": 0, "narrative": 0, "copy_targets": 0, "copies": 0, "repeated": 0, "chain_reports": 0}
    styles = [s for s, _ in STYLES]
    style_weights = [w for _, w in STYLES]
    last_readable: list[tuple[str, str]] = []
    made_folders: set[int] = set()
    with (folder / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for number in range(size):
            rng = random.Random(f"{seed}:{number}")
            if number // SUBFOLDER_SIZE not in made_folders:
                (folder / f"{number // SUBFOLDER_SIZE:03d}").mkdir(exist_ok=True)
                made_folders.add(number // SUBFOLDER_SIZE)
            if number in corrupt_at:
                kind, suffix, expect = corrupt_at[number]
                name = relative_path(number, suffix)
                (folder / name).write_bytes(corrupt_bytes(kind, rng, sources, last_readable))
                entry: dict[str, Any] = {"file": name, "doc_id": file_stem(number), "corrupt": kind, "expect": expect, "chain": None, "repeated": [], "copies": []}
                counts["corrupt"] += 1
            else:
                if chain is None and plan.random() < start_chain:
                    chains += 1
                    skeleton = compose(sources, plan)
                    years_of = TEMPLATE_YEARS[skeleton[1]]
                    length = min(plan.choice((2, 3, 3, 4)), len(years_of))
                    first = plan.randrange(len(years_of) - length + 1)
                    chain = Chain(new_agency(plan, used), skeleton, list(years_of[first : first + length]), plan.uniform(0.3, 0.7), chains)
                entry = _report(folder, number, rng, sources, chain, used, reservoir, copy_share, styles, style_weights, counts)
                last_readable = entry.pop("_lines")
                seen_for_reservoir = _feed_reservoir(reservoir, entry.pop("_offer"), seen_for_reservoir, plan)
                if chain is not None and chain.member >= len(chain.years):
                    chain = None
                counts["reports"] += 1
            counts["files"] += 1
            manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
            if on_progress:
                on_progress(number + 1)
    info = {
        "generator_version": GENERATOR_VERSION,
        "size": size,
        "seed": seed,
        "corrupt_share": corrupt,
        "chain_share": chain_share,
        "copy_share": copy_share,
        "chains": chains,
        **counts,
        "copied_share": counts["copies"] / counts["copy_targets"] if counts["copy_targets"] else 0.0,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (folder / "corpus.json").write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return info


def _feed_reservoir(reservoir: list, offered: list, seen: int, rng: random.Random) -> int:
    """Reservoir sampling: every paragraph offered so far has the same chance to be in it."""
    for item in offered:
        seen += 1
        if len(reservoir) < RESERVOIR_SIZE:
            reservoir.append(item)
        else:
            slot = rng.randrange(seen)
            if slot < RESERVOIR_SIZE:
                reservoir[slot] = item
    return seen


def _report(
    folder: Path,
    number: int,
    rng: random.Random,
    sources: Sources,
    chain: Chain | None,
    used: set[str],
    reservoir: list,
    copy_share: float,
    styles: list[str],
    style_weights: list[float],
    counts: dict[str, int],
) -> dict[str, Any]:
    entry: dict[str, Any] = {"doc_id": file_stem(number), "corrupt": None, "expect": "report"}
    carried: dict[int, str] = {}
    repeated: list[dict[str, Any]] = []
    if chain is not None:
        agency, (skeleton_name, template, skeleton) = chain.agency, chain.skeleton
        year = chain.years[chain.member]
        entry["chain"] = {"id": chain.chain_id, "member": chain.member, "length": len(chain.years), "previous": chain.previous_file}
        if chain.previous is not None:
            entry["chain"]["planted_share"] = round(chain.share, 3)
            for position, before in chain.previous.narrative.items():
                if rng.random() < chain.share:
                    text = chain.previous.lines[before][1]
                    mode = "verbatim" if rng.random() < 0.5 else "year_updated"
                    carried[position] = text if mode == "verbatim" else shift_years(text, year - chain.years[chain.member - 1])
                    repeated.append({"position": position, "from_para": before, "mode": mode})
    else:
        agency = new_agency(rng, used)
        skeleton_name, template, skeleton = compose(sources, rng)
        year = rng.choice(TEMPLATE_YEARS[template])
        entry["chain"] = None
    localize = Localizer(agency, year, rng, sources.origins, scale=rng.lognormvariate(0, 0.6))
    generated = render(skeleton, localize, sources, rng, carried)
    lines = generated.lines
    for item in repeated:
        item["para"] = generated.narrative[item.pop("position")]
    # Copy-paste from another agency's report (generated earlier), verbatim or nearly.
    copies = []
    offer = []
    carried_out = {generated.narrative[p] for p in carried if p in generated.narrative}
    for para in sorted(generated.narrative.values()):
        text = lines[para][1]
        if len(text) < COPY_MIN_CHARS:
            continue
        counts["copy_targets"] += 1
        if para not in carried_out and reservoir and rng.random() < copy_share:
            donor_file, donor_para, donor_agency, donor_text = rng.choice(reservoir)
            if donor_agency == agency.name:
                continue
            mode, copied = "verbatim", donor_text
            if rng.random() < 0.5:
                near = _COUNTED.sub(lambda m: str(int(m.group(1)) + rng.randint(1, 9)), donor_text.replace(donor_agency, agency.name), count=1)
                if near != donor_text and jaccard(near, donor_text) >= 0.8:
                    mode, copied = "near", near
            lines[para] = ("narrative", copied)
            copies.append({"para": para, "from": donor_file, "from_para": donor_para, "mode": mode, "jaccard": round(jaccard(copied, donor_text), 3)})
            counts["copies"] += 1
        elif para not in carried_out:
            offer.append((entry["doc_id"], para, agency.name, text))
    style = rng.choices(styles, style_weights)[0]
    suffix, data = encode(lines, style)
    name = relative_path(number, suffix)
    (folder / name).write_bytes(data)
    narrative_count = len(generated.narrative)
    counts["paragraphs"] += len(lines)
    counts["narrative"] += narrative_count
    counts["repeated"] += len(repeated)
    if chain is not None:
        counts["chain_reports"] += 1
        chain.previous_file = entry["doc_id"]
        chain.previous = Generated(list(lines), dict(generated.narrative))
        chain.member += 1
    narrative_chars = sum(len(lines[p][1]) for p in generated.narrative.values())
    repeated_chars = sum(len(lines[r["para"]][1]) for r in repeated)
    entry.update(
        {
            "file": name,
            "agency": agency.name,
            "year": year,
            "template": template,
            "skeleton": skeleton_name,
            "style": style,
            "paragraphs": len(lines),
            "narrative": narrative_count,
            "repeated": repeated,
            "repeated_chars_share": round(repeated_chars / narrative_chars, 4) if repeated else None,
            "copies": copies,
            "_lines": lines,
            "_offer": offer,
        }
    )
    return {"file": entry.pop("file"), **entry}


# -------------------------------------------------------------------------------------------------
# Reading a corpus back
# -------------------------------------------------------------------------------------------------


def read_manifest(folder: str | Path) -> Iterator[dict[str, Any]]:
    with (Path(folder) / "manifest.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def paragraphs_of(path: str | Path) -> list[str]:
    """The paragraphs of a generated report as written (the manifest's `para` indexes them)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return [re.sub(r"^#+ ", "", line.strip()) for line in text.splitlines() if line.strip()]


def corpus_info(folder: str | Path) -> dict[str, Any] | None:
    """corpus.json of a finished corpus, or None (absent: not generated, or generation stopped)."""
    path = Path(folder) / "corpus.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def near_copy_profile(folder: str | Path, sample: int = 500, threshold: float = 0.8, seed: int = 0, min_chars: int = 20) -> dict[str, Any]:
    """How many near-copies (Jaccard >= threshold over 5-character shingles) sampled paragraphs have.

    The paragraphs `analyze` compares: every readable file parsed by the project's reader, its
    narrative paragraphs of at least `min_chars` comparable characters; exact Jaccard through a
    sparse shingle matrix. Planted copies count too: set chain_share and copy_share to 0 to see
    the ordinary paragraphs alone.
    """
    import numpy as np
    from scipy import sparse

    from nlp.normalize import comparable
    from nlp.structure import read_report

    texts: list[str] = []
    for entry in read_manifest(folder):
        if entry["expect"] != "report":
            continue
        for paragraph in read_report(Path(folder) / entry["file"]).paragraphs:
            text = comparable(paragraph.text)
            if paragraph.kind == "narrative" and len(text) >= min_chars:
                texts.append(text)
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, text in enumerate(texts):
        for shingle in shingle_set(text):
            rows.append(row)
            cols.append(vocabulary.setdefault(shingle, len(vocabulary)))
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(texts), len(vocabulary)))
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    chosen = sorted(random.Random(seed).sample(range(len(texts)), min(sample, len(texts))))
    shared = (matrix[chosen] @ matrix.T).toarray()
    union = sizes[chosen][:, None] + sizes[None, :] - shared
    counts = ((shared / np.maximum(union, 1)) >= threshold).sum(axis=1) - 1  # not itself
    return {
        "paragraphs": len(texts),
        "sampled": len(chosen),
        "median": float(np.median(counts)),
        "p90": float(np.percentile(counts, 90)),
        "p99": float(np.percentile(counts, 99)),
        "max": int(counts.max()) if len(counts) else 0,
        "share_without_copies": round(float((counts == 0).mean()), 3) if len(counts) else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="new (or empty) folder to write the corpus into")
    parser.add_argument("--size", type=int, required=True, help="number of files")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corrupt", type=float, default=0.0, help="share of corrupt files, e.g. 0.05")
    parser.add_argument("--chain-share", type=float, default=0.15, help="share of reports in year-over-year chains")
    parser.add_argument("--copy-share", type=float, default=0.05, help="share of long narrative paragraphs copied from another agency")
    parser.add_argument("--profile", type=int, metavar="N", help="then print the near-copy counts of N sampled paragraphs")
    args = parser.parse_args(argv)
    step = max(1, args.size // 20)

    def progress(done: int) -> None:
        if done % step == 0 or done == args.size:
            print(f"\r{done:,}/{args.size:,} files", end="", file=sys.stderr, flush=True)

    info = generate(args.folder, args.size, args.seed, args.corrupt, args.chain_share, args.copy_share, on_progress=progress)
    print(file=sys.stderr)
    print(json.dumps(info, ensure_ascii=False))
    if args.profile:
        print("near-copies at Jaccard 0.8:", json.dumps(near_copy_profile(args.folder, sample=args.profile)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
