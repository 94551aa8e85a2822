"""Writes README.md from the built jsonl files (run after make_set.py)."""
import collections
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
L = [json.loads(ln) for ln in open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8")]
R = [json.loads(ln) for ln in open(os.path.join(HERE, "reports.jsonl"), encoding="utf-8")]
n = [x for x in L if x["kind"] == "narrative"]
kinds = collections.Counter(x["kind"] for x in L)
labs = collections.Counter(x["label"] for x in n)
gen = collections.Counter(x["label"] for x in n if x["generic"])
rows = "\n".join(f"| {r['doc_id']} | {r['agency']} | {r['year']} | {r['template']} | {r['level']} | {r['province']} | {r['file']} | {r['split']} | {sum(1 for x in n if x['doc_id'] == r['doc_id'])} |" for r in R)
labrows = "\n".join(f"| {k} | {v} | {gen.get(k, 0)} |" for k, v in labs.most_common())
uns = "\n".join(f"- {x['doc_id']} #{x['para_index']}: {x['label']} (unsure: {x['unsure']}) — {x['text']}" for x in n if "unsure" in x)
mixed = "\n".join(f"- {x['doc_id']} #{x['para_index']}: {x['label']} — {x['text']}" for x in n if x["mixed"])
txt = f"""# Set AI: scanned county reports (held-out authored set)

Written by a helper session of the govreport project on 2026-12-07, 13:14–13:25 UTC, in branch `setai`.

**Clean room.** The only project files read while writing were `/work/shared/ANNOTATION.md` and
`/work/shared/TABLES.md`. No other project code, data, gold set, corpus or model was opened or run; every label was
given by hand while the text was written. All agencies are real-sounding county governments and county departments
of 河北, 河南, 山西, 安徽; every figure, document title, phone number, address, web address and event is invented.
Each report was written on its own (no shared sentence pool); template sentences (statistical period, 无其他需要报告的事项,
未收取信息处理费) recur as they do in real reports.

**Split rule.** Odd numbers (`AI01`, `AI03`, …) are `dev`, even numbers are `held`.

## Files

| file | what |
|---|---|
| `AI01.pdf` … `AI16.pdf` | the reports as a user finds them: scans with an OCR text layer (see below) |
| `reports.jsonl` | one object a report: doc_id, agency, year, template, title, level, province, file, format, split, text (clean reading, one unit a line), page |
| `labels.jsonl` | one record per non-empty line of `text`: doc_id, para_index, text, kind, label, mixed, generic (+ `unsure` where I hesitated) |
| `sections.jsonl` | the numbered section headings (一、… 六、; old template 一、… 七、) and their para_index |
| `tables.jsonl` | every cell of the three tables of the 14 reports on the 2019/2021 templates, keyed as TABLES.md; blank (`/`) cells are null |
| `texts_a.py` … `texts_d.py` | the report texts, one line a unit, each line prefixed by its label code (`ad ap im pf og pb iv ot`, `g` generic, `x` mixed, `?xx` unsure; `H` heading, `M` meta, `T` table; `@T2/@T3/@T4` expand to the tables) |
| `make_set.py` | builds the PDFs and the jsonl files (totals of the request table are computed, never typed) |
| `check_set.py` | the checks; it says `0 errors` |
| `make_readme.py` | writes this card |

Rebuild: `/work/main/.venv/bin/python make_set.py && /work/main/.venv/bin/python check_set.py && /work/main/.venv/bin/python make_readme.py`.

## Reports

| id | agency | year | template | level | province | file | split | narrative units |
|---|---|---|---|---|---|---|---|---|
{rows}

2 old template (2018), 4 on the 2019 template (2019–2020), 10 on the 2021 template (2021–2023); 8 county governments
(`county`), 8 county departments (`county_department`).

## Counts

Lines (units): {len(L)} — narrative {kinds['narrative']}, table {kinds['table']}, heading {kinds['heading']}, meta {kinds['meta']}.

| label | narrative units | of which generic |
|---|---|---|
{labrows}

Generic: {sum(x['generic'] for x in n)} of {len(n)}. Mixed: {sum(x['mixed'] for x in n)}. Unsure: {sum('unsure' in x for x in n)}.

## File shape

Every file is a PDF whose pages are JPEG images (A4 at 150 dpi, quality 55) of the printed report: body text in a
CJK sans font, headings double-struck, the three tables drawn with rules (the request table in 28 rows, long row
labels wrapped in small type), speckle noise, and about half of the pages rotated by 0.5–1°. The sign-off carries a
red round seal (ring text of the issuing office, star) drawn over the office name and date.
Over each image lies an **invisible OCR text layer** (text render mode 3), one text line for each printed line,
positioned where the line is printed (axis-aligned, as OCR programs write line boxes). About 7 % of body lines and
12 % of table rows carry one typical OCR error: `0`→`O`, `1`→`l`, `已`→`己`, `日`→`曰`, a dropped or doubled
character, a full-width comma or bracket turned half-width, `政府信息`→`政 府 信 息`, or a table cell's digits split
(`12`→`1 2`). The seal's text is OCR'd as a garbled line of its own (e.g. `★窒公办府政民…`) below the date.
No page numbers are printed. A unit that wraps on the page is several lines in the text layer; the `text` field is
the clean reading of the printed page, one unit a line (the seal's garble is not in it).
Table rows in `text` are the printed row: row label, then the cells separated by single spaces (`/` for a blank).

## What check_set.py checks

Every non-empty text line has its label record in order; kinds and labels valid; ≥ 30 narrative units a report;
every narrative line found in order in the pdfplumber text of the file, comparing without whitespace after NFKC and
after mapping the OCR confusions `O/o→0`, `l→1`, `己→已`, `曰→日`; lines with a dropped/doubled character are matched
fuzzily (difflib ratio ≥ 0.9 at an exact 6-character anchor) and counted; sections point at heading lines with that
name; 2019/2021 tables have every template row and column, rows add to `total`, columns balance
(new + carried over = handled + carried forward), `total_handled` is the sum of the outcome rows, review/litigation
totals add up; the narrative's received-request count equals `new_received`, and stated 办结 / 结转 / 行政复议 figures
equal the table's.

## Labelling decisions where the guide is silent

- **OCR damage is not in `text`.** The unit is the clean printed line; the garbled seal line is not a unit (it is not
  printed words), and neither are OCR errors.
- **Old template (2018) sections** are numbered as printed: 一、概述 … 七、其他需要报告的事项. The figures in prose under
  四、收费及减免 (no fees) and 五、行政复议/诉讼 are `application` (rule 9 and the label's own definition).
- **No-fee statements** (未收取信息处理费 / 任何费用) are `application` and `generic` (template language, nothing
  particular), like zero-request statements (rule 6). A statement that there was no reconsideration or litigation is
  `application`, generic.
- **Report-structure and download sentences** (全文包括…六个部分, 本报告电子版可在…网站…栏目下载) are `other`,
  generic unless they give a web address or phone number.
- **Announcement of the plans** (针对以上问题，我们将重点做好以下几个方面的工作：) is `improvement`, generic; the
  opening sentence of 五 (…但仍存在一些问题和不足) is `problem`, generic.
- **A problem list that opens with a clause (仍存在以下问题：一是…)** is labelled by the problem it states; the
  preamble does not make it mixed.
- **Plans that are training, assessment or supervision** inside 五 (三是每半年举办一次业务培训; 四是将考核分值纳入…考核)
  are `organization` by rule 3, marked `unsure: improvement` (the section argues for `improvement`, rule 2).
- **Remedies already taken, stated in 五** (…已约谈承办部门负责人; 已于12月开展了专项检查…逐一整改) are
  `improvement` (the guide: 改进情况), `unsure: problem` where they name the problem they answer.
- **A problem plus the remedy already under way in one sentence** (四是依申请公开答复说理不够充分，目前已要求…) is
  `problem`, `mixed: true`.
- **Achievement statements** (获评全县政务公开先进单位; 人大建议政协提案办理) are `other`, not generic.
- **Overview lines under 一、总体情况 that state the request count** are `application` even where they stand before
  the （二）依申请公开 subsection (rule 7).
- **Table lines**: the 2021 table 二 sub-header rows (信息内容 本年制发件数 …), the 勾稽关系 note above table 三, the
  column headers and the single 15-number row of table 四 are all `table`; the section headings 二、三、四、 are
  `heading`. A sentence under table 四 that restates its figures is `application`.
- **Sign-off** (office name) and **date** are `meta`.
- **Public-resource statements** (公开栏 as facilities, 查阅点, 咨询电话, 触摸屏, 校务公开栏 set up) are `platform`;
  postings of content on a 公开栏 (扶贫资金公示张贴) are `active_disclosure`.
- **Privacy redaction before publication** (隐去身份证号, 脱敏处理) is `info_management` (release review).

## Units I was unsure of

{uns}

Mixed units:
{mixed}
"""
open(os.path.join(HERE, "README.md"), "w", encoding="utf-8").write(txt)
print("README written")
