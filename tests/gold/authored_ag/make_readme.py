"""Write README.md (data card) of set AG from the jsonl files and the hand-written notes below."""
import collections
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def load(n):
    return [json.loads(ln) for ln in open(os.path.join(HERE, n), encoding="utf-8") if ln.strip()]


R, L = load("reports.jsonl"), load("labels.jsonl")
nar = [r for r in L if r["kind"] == "narrative"]
kinds = collections.Counter(r["kind"] for r in L)
labs = collections.Counter(r["label"] for r in nar)
gen = collections.Counter(r["label"] for r in nar if r["generic"])
unsure = [r for r in L if "unsure" in r]
mixed = [r for r in L if r["mixed"]]

rows = "\n".join("| {} | {} | {:d} | {} | {} | {} | {} | {} | {:d} |".format(
    r["doc_id"], r["agency"], r["year"], r["template"], r["level"], r["province"], r["file"], r["split"],
    sum(1 for x in nar if x["doc_id"] == r["doc_id"])) for r in R)
labrows = "\n".join(f"| {k} | {labs[k]:d} | {gen[k]:d} |" for k in
                    ["active_disclosure", "application", "info_management", "platform", "organization", "problem",
                     "improvement", "other"])
unsure_rows = "\n".join("- {} #{:d}: `{}`, unsure `{}`{}: {}".format(r["doc_id"], r["para_index"], r["label"], r["unsure"],
                        " (mixed)" if r["mixed"] else "", r["text"][:40] + "…") for r in unsure)
mixed_rows = "\n".join("- {} #{:d}: `{}`: {}".format(r["doc_id"], r["para_index"], r["label"], r["text"][:50] + "…")
                       for r in mixed)

text = f"""# Set AG: sixteen whole clean-room reports of provincial departments, left mid-edit (held-out set)

Written by a helper session of the govreport project on 2026-12-07, between 12:31 and 13:20 UTC, in the
worktree branch `setag`. Every report, figure, document title, phone number, address and event is invented
(agency names are real-sounding provincial departments); each report's years are consistent (report year Y,
statistical period Y, published in January Y+1, plans for Y+1).

## Clean room

The writer read only `shared/ANNOTATION.md` and `shared/TABLES.md` of the project. No other project file
(code, tests, other gold sets, corpus, labels, seeds, docs, models) was opened, and no project code or model
was run on these texts. The labels were given by hand while writing, in the report texts themselves
(`texts1.py` … `texts4.py`, one line code per unit). Each report was written as its own office would write
it; a few template sentences (fees, `无其他需要报告的事项`, secrecy formulas) recur as they do in real reports.

## Split

Odd numbers are `dev` (AG01, AG03, …), even numbers are `held` (AG02, AG04, …).

## Files

| file | what |
|---|---|
| `texts1.py` … `texts4.py` | the report texts, table figures and labels (line codes explained at the top of `texts1.py`) |
| `tables_def.py` | the three tables' rows, printed labels and totals (computed, so they add up by TABLES.md's rules) |
| `make_set.py` | builds `reports.jsonl`, `labels.jsonl`, `sections.jsonl`, `tables.jsonl` and `files/` |
| `make_readme.py` | writes this card |
| `check_set.py` | checks the set; prints `0 errors` when clean |
| `files/AG01.docx` … `files/AG16.doc` | the report files (`file` in reports.jsonl is relative to this folder) |

Rebuild: `/work/main/.venv/bin/python make_set.py && /work/main/.venv/bin/python make_readme.py &&
/work/main/.venv/bin/python check_set.py` (needs `soffice` for the .doc/.wps files and their check).

## The reports

Theme: long reports of provincial departments of 江西, 湖南, 四川, 吉林, 甘肃, 海南, 2020–2025; 2021 template
except three on the 2019 one (AG04, AG09, AG14, all for 2020); 一、总体情况 with （一）…（五） and numbered items,
concrete problems and plans in 五. No old-template report.

| id | agency | year | template | level | province | file | split | narrative units |
|---|---|---|---|---|---|---|---|---|
{rows}

## Counts

- reports: {len(R)}; lines (label records): {len(L)}
- kinds: narrative {kinds['narrative']}, table {kinds['table']}, heading {kinds['heading']}, meta {kinds['meta']}
- narrative units per report: {min(sum(1 for x in nar if x['doc_id'] == r['doc_id']) for r in R)}–{max(sum(1 for x in nar if x['doc_id'] == r['doc_id']) for r in R)}
- generic: {sum(gen.values())} of {len(nar)}; mixed: {len(mixed)}; with `unsure`: {len(unsure)}

| label | units | of which generic |
|---|---|---|
{labrows}

## File shapes

- **AG01–AG08, `.docx`, mid-edit.** Word tracked changes not yet accepted: in the request paragraph the
  received-request figure is corrected (old number in `w:del`, new one in `w:ins`); one clause of an
  active-disclosure item and of an improvement item is a `w:ins`; in most, a `还` is deleted (`w:del`) in a
  problem item; one whole paragraph (a draft sentence, often with a figure, e.g. a stale request count in AG02)
  is deleted with its paragraph mark (`w:pPr/w:rPr/w:del`) and all its runs in `w:del`. The `text` field is the
  document with every change accepted. Reviewers' comments (`comments.xml`, `w:commentRangeStart/End`,
  `w:commentReference`) on one request paragraph and one paragraph of 五; comment text
  is not report text. Block-level content controls (`w:sdt`) around the title and the date. The portal address
  is a `w:hyperlink`. AG02, AG03, AG05, AG08 open with a table of contents: a `目录` line and a TOC field
  (`fldChar begin`, `instrText TOC \\o "1-1" \\h \\z \\u`, `separate`, cached result, `end` and a page break)
  whose lines repeat the six section titles with dot leaders (`……`) and page numbers. The three tables are Word
  tables laid out as the national templates (merged header and row-label cells).
- **AG09–AG16, Word 97–2003.** Made the same way as .docx with every change accepted and no comments, then
  converted by `soffice --convert-to doc`. Content controls are not carried into these files (Word 97–2003 has
  none; LibreOffice's .doc export of a content control repeats its text, so they are left out of the source
  .docx of these eight, as Word flattens them when saving to .doc). AG10 and AG13 have the table of contents.
  AG12 and AG15 are the same kind of file renamed `.wps`, as WPS Office leaves them (`format` = `wps`; the
  bytes are OLE2 Word 97–2003).
- `check_set.py` reads the .docx with python-docx (all `w:t` of the body, so `w:delText` and comments drop out)
  and the .doc/.wps with `soffice --convert-to txt`; every non-table line must be found, in order, in that text.

## Labelling decisions where the guide is silent

1. **Table of contents.** The `目录` line and every TOC line (`一、总体情况……………………1`) are `meta`, not
   `heading`; `sections.jsonl` points at the real section headings after the TOC.
2. **Title** of the report: `heading`. Sign-off (agency name) and the date: `meta`.
3. **Table lines.** Each printed row of a table is one `table` line, cells joined by ` | ` (header rows,
   `第二十条第（一）项` captions, row labels with their numbers). The section heading above a table
   (`二、主动公开政府信息情况`) is a `heading`. A blank cell printed `/` (AG07: 行政强制, 行政事业性收费) is `null`.
4. **Lead-in lines of 五** (`针对上述问题，我厅采取以下改进措施：`, `下一步，我厅将：`, `2023年，我厅…还存在以下不足：`)
   take the label of the list they open (`improvement` / `problem`) and are generic.
5. **`（一）存在的问题` / `（二）改进措施` alone on a line** are headings; with text after them on the same line
   (AG03) they are narrative labelled by the text.
6. **Rectification of last year's problems** (AG02 `（一）2022年度问题整改情况`) is `improvement` (the guide's
   `改进情况`).
7. **A problem sentence that also states its remedy** in comparable amounts (AG09 `三是政策解读形式较为单一；对此，我厅将…`)
   is `mixed`, labelled `problem` (rule 1). A remedy that only names the problem it answers is `improvement`.
8. **Plans for training or staffing inside 五** are `improvement` (rule 2: the section decides), not
   `organization`.
9. **Hotlines and reporting platforms** (12320, 12328, 12336, 12345, 12369) are `platform`, even when their
   figures are about complaints rather than disclosure; **a supervision phone published for disclosure work**
   is `organization` (supervision), with `unsure: platform` where I hesitated.
10. **Third-party evaluation, self-evaluation and their results** (AG03, AG05, AG11) are `organization`
    (assessment and evaluation), `unsure: other` where it reads as an achievement statement.
11. **Handling of NPC/CPPCC proposals** (建议提案办理) under 六 is `other`; publishing the replies as a column
    of the portal under 主动公开 (AG04) is `active_disclosure`.
12. **Administrative reconsideration and litigation sentences** in the narrative are `application`; `本年度未发生…行政复议和行政诉讼`
    alone is generic.
13. **Archiving of request files** (AG11, under 政府信息管理) is `info_management`, `unsure: application`.
14. **Fees statements** (`本年度未收取信息处理费`) are `application` (rule 9) and generic, also with a year in front.
15. **Preambles**: one naming only the national 条例 is generic; one naming a provincial notice, the portal address,
    a phone or an address is not (rule 6).
16. **Deleted paragraphs and comments** of the .docx files are not in `text` and have no label record.

Units where I hesitated (`unsure`):
{unsure_rows}

Mixed units:
{mixed_rows}
"""
open(os.path.join(HERE, "README.md"), "w", encoding="utf-8").write(text)
print("README written")
