"""Write README.md (the data card) from the built jsonl files."""
import collections
import datetime
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


reports = load("reports.jsonl")
labels = load("labels.jsonl")
narr = [r for r in labels if r["kind"] == "narrative"]
kinds = collections.Counter(r["kind"] for r in labels)
labs = collections.Counter(r["label"] for r in narr)
per_doc = collections.Counter(r["doc_id"] for r in narr)
gen = collections.Counter(r["label"] for r in narr if r["generic"])
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

rows = "\n".join(
    "| {} | {} | {:d} | {} | {} | {} | {} ({}, {:d} pp.) | {} | {:d} |".format(
        r["doc_id"], r["agency"], r["year"], r["template"], r["level"], r["province"], r["file"],
        "Word→OFD" if r["producer"] == "word" else "PDF→OFD", r["pages"], r["split"], per_doc[r["doc_id"]])
    for r in reports)
labrows = "\n".join(f"| {k} | {labs[k]:d} | {gen[k]:d} |" for k in (
    "active_disclosure", "application", "info_management", "platform", "organization", "problem",
    "improvement", "other"))

text = """# Set AN — sixteen clean-room reports published as OFD (held-out set)

Written by a helper session of the govreport project on 2026-12-07 (built {now}), in the worktree
`wt-setan` (branch `setan`). Theme: reports published as **OFD** (GB/T 33190), 2022–2025, provincial and city
departments (财政厅, 人力资源和社会保障厅/局, 市场监督管理局, 医疗保障局, 税务局, 数据资源管理局, 政务服务管理局) of
广东, 浙江, 江苏, 福建, 山东 and 湖北; all on the 2021 template, with ordinary narrative and a 五 that names real
problems and concrete plans.

## Clean room
The only project files read while writing this set were `shared/ANNOTATION.md` and `shared/TABLES.md`. No other
project file, corpus, seed, label file or gold folder was opened, and no project code (`govreport`, `nlp`) was run
on these texts. Every report was written from general knowledge of how Chinese agencies write these reports; the
agencies are real-sounding, but every figure, document title, web address, street address, phone number and event
is invented. Each report was written as its own office would write it (its own wording for most units; a few
template sentences recur, as they do in real reports). Labels were given by hand while writing, without any model.

## Split
Odd numbers (`AN01`, `AN03`, …) are `dev`; even numbers are `held`.

## Files
| file | what |
|---|---|
| `AN01.ofd` … `AN16.ofd` | the reports as a user finds them (OFD packages, see *File shapes*) |
| `reports.jsonl` | one object a report: `doc_id, agency, year, template, title, level, province, file, format, split, text, page` (+ `producer`, `pages`) |
| `labels.jsonl` | one record per non-empty line of `text`: `doc_id, para_index, text, kind, label, mixed, generic` (+ `unsure` where I hesitated) |
| `sections.jsonl` | the six section headings of each report: `number, name, para_index` |
| `tables.jsonl` | every cell of the three 2021-template tables, keyed as TABLES.md says (blank cells none: every cell of these reports is printed, zeros as `0`) |
| `texts_a.py` … `texts_d.py` | the report texts (four reports a module), one line a unit with its label code |
| `make_set.py` | parses the texts, computes the tables (totals, 勾稽关系), lays the pages out and writes the OFD files and jsonl |
| `make_readme.py` | writes this card |
| `check_set.py` | the checks (below); last run: 0 errors |
| `render_page.py` | draws one OFD page as PNG to eyeball the layout (`python render_page.py AN01.ofd 3 out.png`) |

Rebuild: `python make_set.py && python make_readme.py && python check_set.py` (python with Pillow for `render_page.py` only).

## Reports
| id | agency | year | template | level | province | file | split | narrative units |
|---|---|---|---|---|---|---|---|---|
{rows}

## Counts
- {nrep} reports, {nlines} lines (label records).
- kinds: narrative {kn}, table {kt}, heading {kh}, meta {km}.
- narrative units per label (total / of them generic):

| label | units | generic |
|---|---|---|
{labrows}

- generic: {ngen} of {kn}; mixed: {nmix}; with an `unsure` label: {nuns}.

## File shapes
All files are OFD packages (zip): `OFD.xml` (DocInfo, `DocRoot` → `Doc_0/Document.xml`), `Doc_0/Document.xml`
(PhysicalBox `0 0 210 297`, pages `Pages/Page_N/Content.xml`, N from 0), `Doc_0/PublicRes.xml` (fonts),
`Doc_0/Pages/Page_N/Content.xml` (one Layer of `TextObject`s and `PathObject`s, units in mm, namespace
`http://www.ofdspec.org/2016`), and `Doc_0/Annots/Annotations.xml` → `Page_N/Annotation.xml` with a red round
`Stamp` annotation (the seal) over the sign-off on the last page. Body text is 三号 (5.644 mm) on a fixed 9.9 mm
line pitch between 28 and 182 mm, title 二号, tables 小五 with ruled cells (`PathObject` lines), running header at
y≈20 mm with a rule under it, footer `- N -` at y≈280 mm.

- **Word-to-OFD export** (odd numbers, 8 files): one `TextObject` per printed line, `DeltaX` written with `g`
  repeats (`g 24 5.644`, half-width digits breaking the runs); paragraphs wrap over lines and over pages (a
  sentence may continue on the next page after the header); page header and a footer `- N -` on every page (odd
  pages right, even pages left); the tables are drawn row by row, cell by cell, and a cell whose text does not fit
  its width (`商业企业`, `结果维持`, long row labels of table 三) is two or three `TextObject`s, one per line of the cell.
- **PDF-to-OFD conversion** (even numbers, 8 files): one `TextObject` per character (runs of digits/latin letters
  kept as short runs of at most 6), in drawing order: body text in reading order, but each table's rules first and
  then its cells **column by column** (all row labels, then the 自然人 column, …), and the running header and the
  footer drawn **last** on each page; fonts carry subset prefixes (`BCDHEE+FangSong_GB2312`); footer centred.
- Tables 二, 三 and 四 are laid out as the 2021 template prints them (table 三 with its three header rows and group
  lines `三、本年度办理结果`, `（三）不予公开` …; table 四 with 15 value columns); tables 二/三 run over a page break in
  most reports.

The `text` field is the clean reading: title, body lines, one line per table row (row label then its values,
header rows with their non-blank cells joined by spaces), sign-off and date. The running header and page numbers
are not in `text` (they are furniture a perfect reader drops); a paragraph broken across lines or pages is one line.

## What check_set.py checks
Every non-empty `text` line has its label record, in order, with valid kind/label/generic/mixed/unsure; at least 30
narrative units a report; split rule; each OFD opens (OFD.xml → Document.xml → pages, fonts in PublicRes, objects
inside the A4 page, `DeltaX` counts match, a seal annotation present); every narrative and heading line is found,
in order, in the text read back from the OFD (objects below the header band and above the footer band, sorted by
baseline then x, joined, compared without whitespace); Word exports carry whole lines, PDF conversions carry
single characters with header/footer drawn last; sections 1–6 point at heading lines of that name; every cell of
the three tables is present and the totals follow TABLES.md rules 1–4; the received-request count stated in the
narrative (收到/新收/受理…申请N件), and any 行政复议N件 / 行政诉讼N件, equal the tables.

## Labelling decisions where the guide is silent
- **Preamble lines** (statutory basis, statistical period, where to download, whom to ask) are `other`; they are
  `generic` unless they give a web address, a street address, a phone number or name a local/provincial document
  (rule 6); citing only national documents (the 条例, 国办公开办函〔2021〕30号, 税务总局办法) stays generic.
- **Opening summary of 一、总体情况** ("2022年，我厅…围绕预算管理改革…") is `other`, not generic where it names the
  agency's own priorities.
- **Fee statements** (未收取信息处理费) are `application` (rule 9) and `generic` (they state no figure of the agency),
  also where they cite the national 《政府信息公开信息处理费管理办法》.
- **"No reconsideration or litigation" statements** are `application`, `generic` (rule 6, like zero requests).
- **Numbers of reconsiderations/suits and their outcome** stated in 一（二） are `application`.
- **Handling of 人大建议/政协提案** under 六 is `other` (with `unsure: active_disclosure` where it says the replies are
  published): the guide lists it nowhere, and the unit is mainly about the proposals work.
- **Public data opening** (公共数据开放目录, datasets released, data-opening platform): publishing the catalogue or the
  datasets is `active_disclosure`; the opening platform and its functions are `platform`; desensitisation /
  security review before release is `info_management` (confidentiality review).
- **Hotlines** (12345/12366/12333/12393/12315 call volumes, answer rates) are `platform` (the guide lists hotlines as
  channels), even when the figures are service figures.
- **"双公示"/行政执法 publication of licensing and punishment decisions** is `active_disclosure`.
- **Clean-up of normative documents with the result published** is `info_management` (the clean-up is the point);
  one unit that is as much about publishing each new document within 5 days is `mixed` (AN11).
- **A disclosure rule (制度) that mainly regulates request handling** (AN10's 工作规定 with its three handling stages) is
  `organization` (rules and systems), `mixed` with `unsure: application`.
- **Third-party assessment / 社会监督员 / 体验官 reviewing disclosure** are `organization` (评议, 监督).
- **Remedies already carried out during the year** reported in 五 ("已于…核校…修改指南…；将…") are `improvement`, not
  mixed: both halves are remedies. A problem sentence with a remedy of comparable weight in the same line is `mixed`,
  labelled `problem` (rule 1; AN03).
- **A goal-phrased shortcoming in the problems list** ("三是需要进一步加强政策解读的通俗化…", AN14) is `problem` by rule 2,
  `unsure: improvement`.
- **Template closings in 五** ("持续加强政务公开培训和考核，不断提高…水平") are `improvement`, `generic`.
- **Table captions**: the section heading (二、主动公开政府信息情况 …) is the caption and is `heading`; the template's
  sub-captions inside the table (第二十条第（一）项, 三、本年度办理结果, （三）不予公开, the 勾稽关系 note) are `table`
  lines, since they are cells of the printed table.
- **Sign-off** (agency name and date under the text) is `meta`; the report title is `heading`.

## Unsure
Units carrying `unsure` are the ones I hesitated on (proposals work vs. disclosure, the data-catalogue standard
(`info_management` vs. `other`), a minister's radio-hotline appearance (`active_disclosure` vs. `platform`), a
problem stated through a complaint outcome (`problem` vs. `application`), evaluation by deputies
(`organization` vs. `active_disclosure`)).
""".format(now=now, rows=rows, labrows=labrows, nrep=len(reports), nlines=len(labels), kn=kinds["narrative"],
           kt=kinds["table"], kh=kinds["heading"], km=kinds["meta"], ngen=sum(r["generic"] for r in narr),
           nmix=sum(r["mixed"] for r in narr), nuns=sum("unsure" in r for r in narr))
with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as f:
    f.write(text)
print("README.md written")
