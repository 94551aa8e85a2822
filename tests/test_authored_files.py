"""The authored held-out sets of whole report files, read from the file as users get it:

- set e (tests/gold/authored_e/README.md): 16 reports written by a fourth clean-room session as the Word documents
  and PDFs agencies publish (heading styles, soft returns, Word numbering, landscape and split tables; PDF
  paragraphs wrapped at the page width, running heads and feet, tables broken over pages, a cover page with a
  contents list);
- set f (tests/gold/authored_f/README.md): 16 reports written by a fifth as users get them after a conversion or
  from other channels (OCR text of a scanned print, Markdown from a converter, GB18030/Big5/UTF-16/GBK text, WeChat
  articles);
- set g (tests/gold/authored_g/README.md): 16 reports of sector and higher-level agencies by a sixth, structured off the
  template, as text and web pages;
- set h (tests/gold/authored_h/README.md): 16 reports of grassroots and county offices by a seventh, as Word files
  with automatic numbering;
- set i (tests/gold/authored_i/README.md): 16 reports of functional bureaus by an eighth, as PDF files exported from
  Word;
- set j (tests/gold/authored_j/README.md): 16 reports of coastal and municipal districts and cities by a ninth, seven
  on the old template, as archived text (GB18030, Big5, crawler headers, glued lines) and web pages;
- sets k, l, m, n (their READMEs): townships and zones, terse (.docx, .txt); city service agencies, mixed paragraphs
  (web pages, pasted text); the southwest and northwest (PDF, text copied out of a PDF); provincial offices with four
  levels of headings (.docx, portal pages; 12 reports);
- sets o, p, q, r (their READMEs): central bureaus and vertically managed branches (PDF with running heads, ministry
  pages); 2022–2025 reports in the newest vocabulary (article pages with tables as images, text copied on a phone);
  the old template 2008–2018 (GB2312/GBK pages of old sites, archive text); untidy drafts of small offices (.docx with
  soft breaks and a table as a picture, pasted text);
- sets s–y and z, aa, ab (their READMEs; the comments on `SETS` below): plans written every way, channels, whole
  governments, the northeast, the coastal south, central China, the pandemic years, plans worded as the year's work,
  the municipalities' districts, counties and townships of the southwest (.doc/.rtf/.docx, div-grid and column pages,
  PDFs, crawls with glosses and 繁體);

each labelled by the writer and blind by a second labeller, with the sections' heading lines and the table cells
as printed. The shipped classifier trained on every set's dev half (never a held report): the held parts are of
writers it has read, and their held-out figures are `benchmarks/eval_writers.py --writers`'s (each writer left out).

Floors are a little under what `benchmarks/eval_authored.py --set e|…|n --part held` and
`benchmarks/eval_authored_files.py --set e|…|n --part held` measure (docs/benchmarks.md), on the held part only (even
numbers: only ever scored).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import authored_sets

GOLD = Path(__file__).parent / "gold"


@dataclass(frozen=True)
class FileSet:
    folder: Path
    suffixes: frozenset[str]
    with_context: float
    alone: float
    end_to_end: float
    boilerplate: float
    cells_right: int
    units_scored: int
    reports: int = 16
    #: Held reports whose file gives fewer sections than its writer marked, on arrival (only ever scored, not read).
    sections_short: int = 0
    #: Held cells left out without a warning, measured (only ever scored, not read): the test fails if it grows.
    cells_silent: int = 0
    #: Held reports whose file puts fewer narrative units in their writer's section than its clean text does,
    #: measured on arrival (only ever scored, not read): the test fails if it grows.
    placed_short: int = 0
    #: Held cells read wrong, measured (only ever scored, not read): a scan's OCR text layer can misprint a figure the
    #: page shows right; the test fails if it grows.
    cells_wrong: int = 0


SETS = {
    #: Measured on the held part (121 narrative units, 8 reports): 0.983 with context, 0.859 alone, 0.968 end to end
    #: from the files; boilerplate ROC AUC 0.992 on the units whose flag both labellers agree on; 1,196 of 1,196
    #: table cells of the 2019/2021 reports right.
    "e": FileSet(GOLD / "authored_e", frozenset({".docx", ".pdf"}), 0.95, 0.82, 0.93, 0.96, 1150, 115),
    #: Measured on the held part (141 narrative units, 8 reports) on arrival: 0.975 with context, 0.929 alone, 0.958
    #: end to end from the files (5 units of one Markdown file lost); boilerplate ROC AUC 0.999 on the agreed units;
    #: 930 table cells right and 66 left out with a warning, none wrong. With the classifier retrained on the other
    #: writers' dev halves: 0.995, 0.976 and 0.978; the alone floor is the issue's target. The OCR reading merged after
    #: (docs/reading.md) read 833 cells right and left 163 out with a warning (one OCR file printing its zeros
    #: blank: 37 right), none wrong; with printed tables read by their field grid (nlp.tables.spacecolumns, built on
    #: damage from the shared gold and the dev OCR files, the held file only scored) 994 right and 2 warned.
    "f": FileSet(GOLD / "authored_f", frozenset({".txt", ".md", ".html"}), 0.97, 0.93, 0.95, 0.97, 980, 130, placed_short=1),
    #: Sector and higher-level agencies whose reports stray from the template (merged, missing or reordered sections,
    #: tables as attachments after the sign-off), as .txt and web pages. Held part (190 narrative units, 8 reports) on
    #: arrival, before any model read its writer: 0.951 with context, 0.910 alone, 0.952 end to end; boilerplate 0.966
    #: on the agreed units (a writer the shipped boilerplate score never read); 1,182 cells right and 10 left out
    #: silently, one section lost (both mended since from the dev half: 1,192 right, 48 of 48). The classifier has
    #: since trained on its dev half: 0.958 / 0.920 on the held part.
    "g": FileSet(GOLD / "authored_g", frozenset({".txt", ".html"}), 0.94, 0.89, 0.93, 0.95, 1150, 185),
    #: Grassroots and county offices as Word files with automatic numbering. Held part (167 units) on arrival: 0.979
    #: with context, 0.925 alone, 0.955 end to end (7 units no paragraph held; 4 since the dev half's mends);
    #: boilerplate 0.993 on the agreed units; 1,396 cells right. Since trained on its dev half: 0.979 / 0.954.
    "h": FileSet(GOLD / "authored_h", frozenset({".docx"}), 0.96, 0.92, 0.93, 0.97, 1350, 160),
    #: Functional bureaus (财政, 科技, 国资, 数据…) as PDF files exported from Word (pages breaking sentences, tables
    #: over page breaks with repeated headers, a landscape page, 附件 after the sign-off). Held part (191 units) on
    #: arrival: 0.982 with context, 0.944 alone, 0.982 end to end (no unit lost, 48 of 48 sections); boilerplate
    #: 0.987 on the agreed units; 1,192 cells right and 4 warned, none wrong.
    "i": FileSet(GOLD / "authored_i", frozenset({".pdf"}), 0.96, 0.91, 0.95, 0.96, 1150, 185),
    #: Coastal and municipal districts and cities, seven on the old template, as an evaluator's archive holds them
    #: (GB18030 and Big5 .txt, crawler headers, one line per section, 繁體 and simplified web pages). Held part (168
    #: units) on arrival: 0.973 with context, 0.956 alone, 0.964 end to end from the file as `govreport` reads it (no
    #: unit lost, 48 of 48 sections), 0.937 from the file's text as this test reads it; boilerplate 1.000 on the
    #: agreed units; 1,396 cells right.
    "j": FileSet(GOLD / "authored_j", frozenset({".txt", ".html"}), 0.95, 0.92, 0.92, 0.97, 1350, 160),
    #: Townships, counties and development zones of the central and northern provinces, terse, as .docx and .txt
    #: (tables as aligned columns, one cell a line, statistics as numbered lines). Held part (157 units) on arrival:
    #: 0.933 with context — under 0.973 alone, section 五/六's plans mistaken — then 1.000 once the context read those
    #: shapes; 0.920 end to end (6 units no paragraph held; 4 after the item lists); boilerplate 0.969 on the agreed
    #: units; 998 cells right, 14 silent (the numbered-line statistics, read since). Trained on its dev half since.
    "k": FileSet(GOLD / "authored_k", frozenset({".docx", ".txt"}), 0.98, 0.96, 0.95, 0.96, 990, 150),
    #: City service and enforcement agencies, mixed paragraphs, web pages (rich-text markup, tables as pictures) and
    #: pasted text broken at a fixed width. Held part (131 units) on arrival: 0.962 with context, 0.908 alone, 0.956
    #: end to end; boilerplate 0.979 on the agreed units; 1,198 cells right. Trained on its dev half since.
    "l": FileSet(GOLD / "authored_l", frozenset({".html", ".txt"}), 0.96, 0.90, 0.95, 0.96, 1150, 125),
    #: The southwest and northwest, 2008–2025: dev half PDF files, held half the text a user copies out of a PDF with its
    #: layout. Held part (97 units) on arrival: 0.909 with context, 0.888 alone, 0.905 end to end; 1,051 cells right,
    #: 33 wrong and 112 silent (top-aligned row labels in narrow columns; read since from PDFs of other sets' dev
    #: halves and the shared gold: 1,196 right). Trained on its dev half since.
    "m": FileSet(GOLD / "authored_m", frozenset({".pdf", ".txt"}), 0.91, 0.88, 0.89, 0.97, 1150, 90),
    #: Provincial offices with four levels of headings and short numbered items, .docx and portal pages; 12 reports.
    #: Held part (116 units once the sign-off lines were made meta) on arrival: 0.949 with context, 0.851 alone, 0.792
    #: end to end (35 units no paragraph held: numbered sentence items read as headings, and the sign-off lines;
    #: 0.956 and 4 since, the items read by their list); boilerplate on the agreed units 0.986 (left out). Trained on
    #: its dev half since.
    "n": FileSet(GOLD / "authored_n", frozenset({".docx", ".html"}), 0.95, 0.84, 0.93, 0.97, 980, 110, reports=12),
    #: Central bureaus and vertically managed branches, long mixed paragraphs; PDF with running heads and page numbers,
    #: ministry pages. Held part (170 units) on arrival: 0.990 with context, 0.960 alone, 0.990 end to end (no unit
    #: lost, 47 of 47 sections); boilerplate 0.959 on the agreed units (20 generic); 1,192 cells right, none wrong.
    "o": FileSet(GOLD / "authored_o", frozenset({".pdf", ".html"}), 0.97, 0.93, 0.97, 0.94, 1150, 165),
    #: 2022–2025 in the newest vocabulary; article pages (tables as images) and text copied on a phone. Held part (247
    #: units) on arrival: 0.970 with context, 0.892 alone, 0.962 end to end (2 units lost); boilerplate 0.985 on the
    #: agreed units; 1,385 cells right and 215 warned (tables as images), none wrong.
    "p": FileSet(GOLD / "authored_p", frozenset({".html", ".txt"}), 0.95, 0.87, 0.94, 0.97, 1350, 240),
    #: The old template 2008–2018 (no statistical tables); old sites' GB2312/GBK pages and archive text. Held part (246
    #: units) on arrival: 0.989 with context, 0.940 alone, 0.986 end to end (1 unit lost); boilerplate 0.987 on the
    #: agreed units; 40 of 41 sections (one report's section not found).
    "q": FileSet(GOLD / "authored_q", frozenset({".html", ".txt"}), 0.97, 0.92, 0.97, 0.97, 0, 240, sections_short=1),
    #: Untidy drafts of small offices (numbering that skips, run-on paragraphs, slips); .docx with soft breaks and a table
    #: as a picture, pasted text. Held part (95 units) on arrival: 0.986 with context, 0.976 alone, 0.972 end to end;
    #: boilerplate 1.000 on the agreed units; 1,383 cells right and 7 of a picture table read from its prose counted
    #: invented until picture cells were scored as gold (then 1,390 right, 3 warned). Trained on its dev half since.
    #: The twenty-one-writer model had context trail alone here, 0.969 against 0.990 (one unit fixed, three broken of
    #: 95); the twenty-four-writer model fixes one and breaks one (0.993 against 0.990).
    "r": FileSet(GOLD / "authored_r", frozenset({".docx", ".txt"}), 0.96, 0.95, 0.96, 0.98, 1350, 90),
    #: Plans and shortcomings written every way, city and county departments; legacy Word (.doc, .rtf) and .docx. Held
    #: part (249 units) on arrival: 0.951 with context, 0.916 alone, 0.950 end to end (1 unit lost); boilerplate 0.990
    #: on the agreed units; 1,598 cells right.
    "s": FileSet(GOLD / "authored_s", frozenset({".doc", ".rtf", ".docx"}), 0.94, 0.90, 0.94, 0.98, 1550, 245),
    #: Channels everywhere, townships and counties of the east and south; disclosure-platform pages with tables as div
    #: grids, text. Held part (248 units) on arrival: 0.960 with context, 0.911 alone, 0.960 end to end (no unit lost);
    #: boilerplate 0.978 on the agreed units; 1,598 cells right.
    "t": FileSet(GOLD / "authored_t", frozenset({".html", ".txt"}), 0.95, 0.90, 0.95, 0.96, 1550, 245),
    #: Whole-government reports of cities and districts, long and dense; PDF from Word with landscape table pages. Held
    #: part (258 units) on arrival: 0.976 with context, 0.945 alone, 0.935 end to end (4 units no paragraph holds);
    #: boilerplate 0.995 on the agreed units (second labels agree 95.7 %); 1,598 cells right.
    "u": FileSet(GOLD / "authored_u", frozenset({".pdf"}), 0.96, 0.93, 0.92, 0.98, 1550, 250),
    #: The northeast and north 2010–2025, mixed levels; provincial platform pages, text copied out of Word with its
    #: numbering lost. Held part (260 units) on arrival: 0.954 with context, 0.927 alone, 0.946 end to end (8 units no
    #: paragraph holds); boilerplate 0.985 on the agreed units; 1,394 cells right.
    "v": FileSet(GOLD / "authored_v", frozenset({".html", ".txt"}), 0.94, 0.91, 0.93, 0.97, 1350, 250),
    #: The coastal south 2019–2025, townships, street offices, zones and departments; half the writers dense with
    #: particulars, half nearly all template sentences; county column pages (empty or `-` zero cells) and crawler text
    #: (headers, glued paragraphs, numbers on their own lines). Held part (248 units) on arrival: 0.976 with context,
    #: 0.910 alone, 0.959 end to end (no unit lost, 48 of 48 sections); boilerplate 0.995 on the agreed units; 1,598
    #: cells right, no report blamed.
    "x": FileSet(GOLD / "authored_x", frozenset({".html", ".txt"}), 0.96, 0.89, 0.94, 0.98, 1550, 240),
    #: Central China 2016–2025, county departments and townships, section titles styled every other way; PDF from Word
    #: with running heads, .docx with heading styles and Word numbering. Held part (240 units) on arrival: 0.982 with
    #: context, 0.969 alone, 0.982 end to end (no unit lost); boilerplate 0.992 on the agreed units; 1,394 cells right;
    #: 47 of 48 sections (one report's `【一】` titles; 48 once bracketed numbers were read as a numbering style).
    "w": FileSet(GOLD / "authored_w", frozenset({".pdf", ".docx"}), 0.96, 0.94, 0.95, 0.97, 1350, 230),
    #: The 2019 template's first years and the pandemic, sector bureaus; .docx with merged table headers (dev), PDFs made
    #: from them (held). Held part (249 units) on arrival: 1.000 with context, 0.955 alone, 1.000 end to end (no unit
    #: lost, 48 of 48 sections); boilerplate 1.000 on the agreed units; 1,461 cells right and 133 of one PDF left out
    #: silently (its report was blamed for them on arrival, no longer: read only in part, the extraction's fault).
    "y": FileSet(GOLD / "authored_y", frozenset({".pdf", ".docx"}), 0.98, 0.93, 0.97, 0.97, 1400, 240, cells_silent=133),
    #: The northeast and northwest, provincial departments and city bureaus whose plans read as the year's work; text
    #: saved from PDFs (hard-wrapped, page lines, GB18030/GBK/UTF-16, tables as text rows) and PDFs from Word. Held part
    #: (318 units) on arrival: 0.990 with context, 0.918 alone, 0.990 end to end (no unit lost, 48 of 48 sections);
    #: boilerplate 0.964 on the agreed units; 1,396 cells right; 2 reports blamed for a count of documents published (no
    #: cell), none since. Its template sentences repeat across reports (one pool of sentences, its README says).
    "z": FileSet(GOLD / "authored_z", frozenset({".txt", ".pdf"}), 0.98, 0.90, 0.98, 0.95, 1390, 310),
    #: The four municipalities' districts, bureaus and street offices, long and deeply subdivided; district-site pages
    #: (paragraphs split by `<br>` in one `<p>`) and PDFs from Word (tables over page breaks). Held part (383 units) on
    #: arrival: 0.968 with context, 0.881 alone (improvement 0.49: plans worded as their topic), 0.968 end to end (no
    #: unit lost, 48 of 48 sections); boilerplate 0.993 on the agreed units; 1,598 cells right; 7 reports blamed for a
    #: count of requests picked out by an objection (a subset), none since.
    "aa": FileSet(GOLD / "authored_aa", frozenset({".html", ".pdf"}), 0.96, 0.87, 0.96, 0.97, 1590, 375),
    #: County governments and townships of the southwest and the middle, 2015–2024; crawls (one line, 繁體, pinyin glosses
    #: after words, cells one a line) and .docx with statistics as tabbed lines. Held part (250 units) on arrival: 1.000
    #: with context, 0.943 alone, 0.953 end to end (22 units of the glossed report in no paragraph; 1.000 once glosses
    #: after words were dropped); boilerplate 0.999 on the agreed units; 1,196 cells right, none blamed.
    "ab": FileSet(GOLD / "authored_ab", frozenset({".txt", ".docx"}), 0.99, 0.93, 0.99, 0.98, 1190, 245),
    #: Bodies that are not ordinary departments (zones, reserves, forest farms, housing funds, trading centres, records
    #: offices); .docx framed in a one-cell table or with a text-box title, GBK pages of an old CMS. Held part (245
    #: units) on arrival (the twenty-seven-writer model): 0.995 with context, 0.928 alone, 0.995 end to end (no unit
    #: lost, 48 of 48 sections); boilerplate 0.998 on the agreed units (second labels agree 98.8 %); 1,596 cells right;
    #: 1 report blamed.
    "ac": FileSet(GOLD / "authored_ac", frozenset({".docx", ".html"}), 0.98, 0.93, 0.98, 0.98, 1590, 240),
    #: Whole-government reports of provinces and prefectures, section 五 in three parts; WeChat articles (pictographs
    #: before headings, headings as pictures) and Word's plain-text export. Held part (257 units) on arrival: 0.971 with
    #: context, 0.943 alone, 0.907 end to end (24 of 48 sections from the files: 43 once pictographs were dropped, 47
    #: once sections opened at their headings' pictures); boilerplate 0.996 on the agreed units (generic flags agree
    #: 77.8 %); 1,600 cells right; 2 reports blamed.
    "ad": FileSet(GOLD / "authored_ad", frozenset({".html", ".txt"}), 0.98, 0.95, 0.94, 0.98, 1590, 250, sections_short=1, placed_short=1),
    #: Townships and street offices, short units in the newest vocabulary; web pages printed to PDF by a browser and
    #: select-all copies of them. Held part (255 units) on arrival: 0.953 with context, 0.905 alone, 0.947 end to end
    #: (2 units no paragraph holds); boilerplate 0.994 on the agreed units (second labels agree 99.2 %); 1,600 cells
    #: right, none blamed.
    "ae": FileSet(GOLD / "authored_ae", frozenset({".pdf", ".txt"}), 0.95, 0.90, 0.94, 0.98, 1590, 250),
    #: Reports reprinted in a government gazette, set in two columns: PDFs drawn so and `pdftotext -layout` text of
    #: them. Held part (242 units) on arrival (the thirty-writer model): 0.991 with context, 0.974 alone, **0.087**
    #: end to end (218 units in no paragraph, 38 of 48 sections: each line held half a sentence of each column);
    #: 0.974 once two columns were read one after the other (2 units lost, 47 of 48 sections, 3 reports with a unit out
    #: of its section); 1,598 cells right.
    "af": FileSet(GOLD / "authored_af", frozenset({".pdf", ".txt"}), 0.98, 0.95, 0.95, 0.96, 1590, 235, sections_short=1, placed_short=3),
    #: Long reports of provincial departments as Word files mid-edit (tracked changes, comments, content controls,
    #: tables of contents), .doc and .wps. Held part (252 units) on arrival: 1.000 with context, 0.974 alone, 0.931 end
    #: to end (34 units in no paragraph: a writer's full-width `１．` the benchmark did not fold, an inserted figure lost),
    #: 1.000 once tracked insertions were read; boilerplate 0.985 (writer's flags); 1,596 cells right; 1 report blamed.
    "ag": FileSet(GOLD / "authored_ag", frozenset({".docx", ".doc", ".wps"}), 0.98, 0.95, 0.98, 0.96, 1590, 245),
    #: County departments whose statistics tables the office redrew (table 三 transposed, tables split, counts with
    #: their unit, zeros as `/` `—` `无`, 1,204, full-width digits); portal pages and .docx. Held part (249 units) on
    #: arrival: 0.995 with context, 0.967 alone, 0.995 end to end (no unit lost); boilerplate 0.984 (writer's flags);
    #: 1,260 cells right and 336 left out with a warning (transposed tables), none wrong; 2 reports blamed. Once
    #: transposed tables were read (built on the shared gold and the dev half): 1,435 right, 161 warned, still 2 blamed.
    "ah": FileSet(GOLD / "authored_ah", frozenset({".html", ".docx"}), 0.98, 0.94, 0.98, 0.96, 1430, 245),
    #: County governments and departments that publish scans: page images with an invisible OCR text layer (OCR's
    #: letters for digits, dropped and doubled characters, spaced words, a seal read as a line). Held part (244 units)
    #: on arrival (the thirty-three-writer model, which read none of these writers): 1.000 with context, 0.977 alone,
    #: 0.943 end to end (18 units whose OCR'd words match no paragraph exactly, 46 of 48 sections); boilerplate 0.998
    #: on the agreed units; 1,256 cells right, 139 warned, 1 wrong, 1 report blamed. Once OCR's letters in figures were
    #: read as digits (shared-gold damage, the dev scans): 1,392 right, 3 warned, the 1 wrong and the blame left; once a
    #: template title misread by one character named its section: 48 of 48 sections. Once a scan's OCR layer was
    #: marked and its failures left uncertain (nlp.ocrlayer): no report blamed.
    "ai": FileSet(GOLD / "authored_ai", frozenset({".pdf"}), 0.98, 0.95, 0.93, 0.97, 1390, 240, sections_short=0, placed_short=8, cells_wrong=1),
    #: Vertically managed bodies (police, tax, fire, weather, customs, tobacco, survey teams); pages saved by Word or
    #: WPS as a web page (mso lists whose numbers stand only in conditional comments, `<o:p>`), some pasted into a
    #: CMS. Held part (242 units) on arrival: 0.987 with context, 0.930 alone, 0.987 end to end (no unit lost, 48 of
    #: 48 sections); boilerplate 0.988 on the agreed units; 1,600 cells right, none blamed.
    "aj": FileSet(GOLD / "authored_aj", frozenset({".htm"}), 0.97, 0.91, 0.97, 0.97, 1590, 240),
    #: Development, finance, audit, state-asset and housing-fund bodies; .docx made from a PDF by converters (a paragraph
    #: a printed line, page lines between, tables cut at pages; or every block in a positioned frame). Held part (256
    #: units) on arrival: 0.988 with context, 0.978 alone, 0.988 end to end (no unit lost, 48 of 48 sections; one
    #: report has a unit out of its section where this test strips page lines); boilerplate 0.995 on the agreed
    #: units; 1,596 cells right, none blamed.
    "ak": FileSet(GOLD / "authored_ak", frozenset({".docx"}), 0.97, 0.95, 0.97, 0.97, 1590, 250, placed_short=1),
    #: Bodies of ethnic autonomous areas publishing in two scripts (Korean, Mongolian, Uyghur, Tibetan beside the
    #: Chinese, paragraph by paragraph or version by version); portal pages and .docx. Held part (247 units) on
    #: arrival (the thirty-six-writer model, which read none of these writers): 0.948 with context, 0.900 alone (the
    #: lowest on arrival; second labels agree 96.8 %, on their agreed units 0.976 / 0.927), 0.948 end to end (no unit
    #: lost, 48 of 48 sections); boilerplate 0.999 on the agreed units; 1,598 cells right, none blamed.
    "al": FileSet(GOLD / "authored_al", frozenset({".html", ".docx"}), 0.94, 0.89, 0.94, 0.98, 1590, 240),
    #: Reports reposted by document-sharing sites (page by page, each printed line an element, hidden decoy characters
    #: and zero-width characters inside words, the site's watermark and buttons between pages) and portal pages
    #: crawled before their script ran (the report in a JSON string). Held part (254 units) on arrival: 0.992 with
    #: context, 0.979 alone, 0.712 end to end (114 units in no paragraph: every decoy spoilt its paragraph); boilerplate
    #: 0.999 on the agreed units; 1,421 cells right, 161 silent, 14 warned. Once inline elements a page hides were left
    #: out, the sites' lines dropped and a table's last figure no longer taken for a page number (built on the dev
    #: pages; one held page was looked at): 0.992 end to end, no unit lost, 1,596 cells right.
    "am": FileSet(GOLD / "authored_am", frozenset({".html"}), 0.98, 0.96, 0.98, 0.98, 1590, 250),
    #: Provincial and city departments publishing OFD (GB/T 33190), as a Word-to-OFD export writes it (a text object a
    #: line) and as a PDF-to-OFD converter does (a text object a character, drawn out of reading order). Held part (244
    #: units) on arrival: 0.992 with context, 0.971 alone, 0.992 end to end (no unit lost, 48 of 48 sections);
    #: boilerplate 0.997 on the agreed units; 1,600 cells right, none blamed.
    "an": FileSet(GOLD / "authored_an", frozenset({".ofd"}), 0.98, 0.96, 0.98, 0.98, 1590, 240),
    #: Eight agencies' two consecutive years (copies from last year, planted breaks across years: scored by
    #: tests/test_authored_copies.py); .docx, PDF, portal pages, crawled text. Held part (243 units) on arrival: 0.990
    #: with context, 0.962 alone, 0.990 end to end (no unit lost, 48 of 48 sections); boilerplate 0.994 on the agreed
    #: units; 1,593 cells right, 7 warned; 2 reports blamed (not examined: held; on the dev half the 2 blamed were the
    #: narrative check's, `其他组织2件` in a list of kinds of organisation and `研究答复意见11件`, mended).
    "ao": FileSet(GOLD / "authored_ao", frozenset({".docx", ".pdf", ".html", ".txt"}), 0.98, 0.95, 0.98, 0.98, 1590, 240),
    #: Townships, street offices and small county bodies whose statistics are sentences or `项目：数字` lines, not
    #: tables (four reports with tables as a control); .docx and portal pages. Held part (248 units) on arrival: 0.996
    #: with context, 0.947 alone, 0.996 end to end (no unit lost, 48 of 48 sections); boilerplate 0.998 on the agreed
    #: units; 810 cells right and 790 left out with a warning (the statistics stated in sentences are not read as
    #: cells), none wrong, none blamed.
    "ap": FileSet(GOLD / "authored_ap", frozenset({".docx", ".html"}), 0.98, 0.93, 0.98, 0.98, 800, 245),
}


def _records(which: str) -> list[dict]:
    return authored_sets.records(SETS[which].folder / "reports.jsonl")


@pytest.fixture(scope="module", params=sorted(SETS))
def which(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def held_units(which):
    return authored_sets.held_units(SETS[which].folder / "labels.jsonl")


@pytest.fixture(scope="module")
def file_texts(which) -> dict[str, str]:
    """Each report's file as `nlp.read_text` reads it, in simplified characters as the pipeline converts a portal's
    繁體 page (`to_simplified`; the labels are in simplified characters)."""
    import nlp

    return {r["doc_id"]: _without_marks(_to_simplified(nlp.read_text(SETS[which].folder / r["file"]))) for r in _records(which)}


#: What a file prints between a unit's words and no labelling holds: page lines saved from a PDF inside a paragraph
#: (`第 3 页 共 9 页`, `- 3 -`) and a converter's pinyin after words (`政府(zhèng fǔ)`). Written here, not taken from
#: `nlp`, so that the gold is checked independently of the reader.
_PAGE_LINE = re.compile(r"^\s*(?:第\s*\d+\s*页\s*共\s*\d+\s*页|[-—–]\s*\d+\s*[-—–])\s*$", re.MULTILINE)
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü' ]+[)）]")


def _without_marks(text: str) -> str:
    return _GLOSS.sub("", _PAGE_LINE.sub("", text))


def _to_simplified(text: str) -> str:
    from nlp.normalize.characters import to_simplified
    from nlp.normalize.text import NormalizedText

    return to_simplified(NormalizedText.identity(text)).text


def _writers_check(which: str):
    """Set f's own checker (its files need its shape's marks removed, a Big5 file converted back, to be compared)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"check_set_{which}", SETS[which].folder / "check_set.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("labels", ["labels.jsonl", "second_labels.jsonl"])
def test_every_line_of_a_report_is_one_labelled_unit_and_every_narrative_unit_is_in_its_file(which, labels, file_texts):
    units = authored_sets.units_by_report(SETS[which].folder / labels)
    reports = _records(which)
    assert len(reports) == SETS[which].reports and {Path(r["file"]).suffix for r in reports} == SETS[which].suffixes
    check = _writers_check(which) if which in ("f", "af", "ai", "ak", "am") else None
    if which in ("ai", "ak", "am"):
        # OCR's damage to a scan's text layer (set ai), page lines and running heads inside sentences of a converted
        # .docx (set ak), decoy characters hidden inside words of a reposted page (set am): the writer's own check
        # finds each narrative line in its file, with its allowance for them.
        for report in reports:
            assert [u["text"] for u in units[report["doc_id"]]] == [line for line in report["text"].split("\n") if line.strip()]
        assert check.main() == 0
        return
    for report in reports:
        if which == "af":
            # Two columns side by side: the writer's own column-wise reading of each file (its check_set.py).
            path = str(SETS[which].folder / report["file"])
            stream = check.pdf_stream(path) if path.endswith(".pdf") else check.txt_stream(path)
            authored_sets.assert_lines_labelled_and_narrative_in(units[report["doc_id"]], report["text"], stream)
        elif check:
            assert [u["text"] for u in units[report["doc_id"]]] == [line for line in report["text"].split("\n") if line.strip()]
            problems: list[str] = []
            check.check_in_file(report, units[report["doc_id"]], problems)
            assert not problems, problems
        else:
            authored_sets.assert_lines_labelled_and_narrative_in(
                units[report["doc_id"]], report["text"], file_texts[report["doc_id"]]
            )


def test_the_shipped_classifier_holds_on_the_held_part(which, held_units):
    scores = authored_sets.scores_with_context_and_alone(held_units)
    assert scores.with_context >= SETS[which].with_context, scores
    assert scores.alone >= SETS[which].alone, scores
    # On a writer the model has read, alone comes near its ceiling and context can trail it by a paragraph (m of the
    # twenty-four-writer model: none fixed, one broken of 97, 0.930 against 0.942; r of the twenty-one-writer model:
    # one fixed, three broken); each writer left out (eval_writers.py) is the clean check, and pooled over every set
    # context must lead clearly (below).
    assert not scores.trails_alone(), scores


def test_context_leads_alone_pooled_over_every_held_part():
    units = [unit for which in sorted(SETS) for unit in authored_sets.held_units(SETS[which].folder / "labels.jsonl")]
    scores = authored_sets.scores_with_context_and_alone(units)
    assert scores.with_context > scores.alone + 0.01, scores
    assert scores.fixes > 3 * scores.breaks, scores


def test_the_shipped_classifier_holds_end_to_end_on_the_files(which, held_units, file_texts):
    scored, score = authored_sets.end_to_end_score(held_units, file_texts)
    assert scored >= SETS[which].units_scored
    assert score >= SETS[which].end_to_end, score


def test_the_boilerplate_score_ranks_the_agreed_generic_units(which, held_units):
    generic, auc = authored_sets.agreed_boilerplate_auc(held_units, SETS[which].folder / "second_labels.jsonl")
    assert generic >= 20
    assert auc >= SETS[which].boilerplate, auc


def test_the_files_give_the_writers_sections_and_narrative_in_its_section(which, file_texts):
    """Read from the file, every held report has each section its writer marked, and its narrative units stand in
    the section the writer put them in, as from its clean text (set f: all but the units of one file, which no
    paragraph of the file holds)."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from eval_authored_files import read_jsonl, score_reading

    from nlp.structure import parse_text

    folder = SETS[which].folder
    labels: dict[str, list[dict]] = {}
    for unit in read_jsonl("labels.jsonl", folder):
        labels.setdefault(unit["doc_id"], []).append(unit)
    sections = {s["doc_id"]: s for s in read_jsonl("sections.jsonl", folder)}
    short = sections_short = 0
    for record in (r for r in _records(which) if authored_sets.held(r["doc_id"])):
        doc_id = record["doc_id"]
        from_file = score_reading(parse_text(file_texts[doc_id], doc_id=doc_id), record, sections[doc_id], labels[doc_id])
        from_text = score_reading(parse_text(record["text"], doc_id=doc_id), record, sections[doc_id], labels[doc_id])
        sections_short += from_file["sections"] < from_file["sections_wanted"]
        short += from_file["placed"] < from_text["placed"]
    assert sections_short <= SETS[which].sections_short
    assert short <= SETS[which].placed_short


def test_the_files_give_every_table_cell_right_or_warned_and_none_wrong(which):
    """Every gold cell of the held reports on the 2019/2021 templates is read right from the file, or left out with
    a warning naming its row: none wrong, none invented, none left out silently."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from eval_authored_files import read_jsonl
    from eval_authored_tables import score_report

    folder = SETS[which].folder
    tables = {t["doc_id"]: t for t in read_jsonl("tables.jsonl", folder)}
    right = silent = wrong = 0
    for record in (r for r in _records(which) if authored_sets.held(r["doc_id"]) and r["doc_id"] in tables):
        outcome = score_report({**tables[record["doc_id"]], "path": str(folder / record["file"])})
        counts = outcome["counts"]
        assert counts["invented"] == 0, (record["doc_id"], outcome["bad"][:3])
        right += counts["right"]
        silent += counts["silent"]
        wrong += counts["wrong"]
    assert right >= SETS[which].cells_right, right
    assert silent <= SETS[which].cells_silent, silent
    assert wrong <= SETS[which].cells_wrong, wrong
