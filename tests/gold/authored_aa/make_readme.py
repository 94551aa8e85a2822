"""Write README.md (data card) from the built jsonl files."""
import collections
import datetime
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
reps = [json.loads(ln) for ln in open(os.path.join(HERE, "reports.jsonl"), encoding="utf-8")]
labs = [json.loads(ln) for ln in open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8")]
nar = collections.Counter(r["doc_id"] for r in labs if r["kind"] == "narrative")
kinds = collections.Counter(r["kind"] for r in labs)
lab = collections.Counter(r["label"] for r in labs if r["kind"] == "narrative")
gen = collections.Counter((r["label"], r["generic"]) for r in labs if r["kind"] == "narrative")
now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
out = []
w = out.append
w("# Set AA: sixteen whole clean-room reports (held-out set)\n")
w(f"Written by a helper session of the govreport project on {now} (branch `setaa`), from the writer's own knowledge of how "
  "Chinese district agencies write 政府信息公开工作年度报告.\n")
w("**Clean room.** The only project files read were `shared/ANNOTATION.md` and `shared/TABLES.md`. No other project "
  "code, data, corpus, labels, seeds, reports, gold sets or models were opened, and no project code was run on these "
  "texts. Labels were given while writing, without any model. Every agency is a real-sounding name; every figure, "
  "document title, phone number, address, case and event is invented.\n")
w("**Theme.** The four municipalities (北京, 上海, 天津, 重庆), report years 2020–2025: district government offices, district "
  "bureaus (生态环境局, 住房和城乡建设委员会, 规划和自然资源局, 城市管理委员会, 退役军人事务局, 体育局) and 街道办事处. Long, deeply "
  "subdivided reports: 一's five subsections each hold `1.`/`2.` items and some `（1）` items (platforms, information "
  "management, organisation), application units with two cases, a 五 with three problems and three plans each its own unit. "
  "Fourteen reports use the 2021 template, two (AA06, AA11, year 2020) the 2019 template.\n")
w("**Split rule.** Odd numbers are `dev`, even numbers are `held`.\n")
w("## Files\n")
w("- `reports.jsonl`, `labels.jsonl`, `sections.jsonl`, `tables.jsonl` (formats as in the task brief; `labels.jsonl` also carries `unsure` where the writer hesitated).")
w("- `files/AA01.html` … `files/AA16.pdf`: the report files as a user finds them.")
w("- `texts_aa.py` (the sentence material, each sentence with its label and generic flag), `make_set.py` (composes each report "
  "from it with a per-report seed, computes the tables, writes the files and jsonl), `make_readme.py` (this card), "
  "`check_set.py` (the checks; last run output in `check_out.txt`).")
w("- Rebuild: `cd tests/gold/authored_aa && python make_set.py && python make_readme.py && python check_set.py` "
  "(needs python-docx, pdfplumber, bs4 and `soffice`).\n")
w("## Reports\n")
w("| id | agency | year | template | level | province | file | split | narrative units |")
w("|---|---|---|---|---|---|---|---|---|")
for r in reps:
    w("| {} | {} | {:d} | {} | {} | {} | {} | {} | {:d} |".format(r["doc_id"], r["agency"], r["year"], r["template"], r["level"],
                                                       r["province"], r["file"], r["split"], nar[r["doc_id"]]))
w("\n## Counts\n")
w("- reports: {:d}; lines (label records): {:d}; kinds: {}".format(len(reps), len(labs), ", ".join("{} {:d}".format(*kv) for kv in sorted(kinds.items()))))
w("- narrative units by label (generic true / false):\n")
w("| label | units | generic | not generic |")
w("|---|---|---|---|")
for lb in ["active_disclosure", "application", "info_management", "platform", "organization", "problem", "improvement", "other"]:
    w(f"| {lb} | {lab[lb]:d} | {gen[(lb, True)]:d} | {gen[(lb, False)]:d} |")
w(f"| **all** | {sum(lab.values()):d} | {sum(v for (lb, g), v in gen.items() if g):d} | {sum(v for (lb, g), v in gen.items() if not g):d} |")
w("\n- mixed: {:d}; with `unsure`: {:d}\n".format(sum(r["mixed"] for r in labs), sum("unsure" in r for r in labs)))
w("## File shapes\n")
w("- **HTML (AA01, 02, 05, 06, 09, 10, 13, 14)**: an article page of a modern district portal: header and nav, breadcrumb "
  "(`当前位置：首页 > 政务公开 > 政府信息公开年报`), an 索引号/发文机关/主题分类/成文日期 box, `<h1>` title, 发布时间 line, then the body in "
  "`<div class=\"TRS_Editor\">` with paragraphs as `<p style=\"text-indent:2em\">&nbsp;&nbsp;…</p>`, headings in `<strong>`, "
  "the three statistics tables as `<table>` whose captions (二、三、四 headings) are centred `<p>` lines; then 分享到, 打印/关闭, "
  "相关链接, footer (主办/承办, 网站标识码, ICP, address, phone). In **AA05 and AA10** every run of paragraphs between two "
  "headings sits in one `<p>` separated by `<br>`. The title appears in the page (title tag, box, h1) but not in the TRS body.")
w("- **PDF (AA03, 04, 07, 08, 11, 12, 15, 16)**: written as .docx with python-docx (WenQuanYi Zen Hei) and converted with "
  "`soffice --headless --convert-to pdf`. Running header = the report title on every page; footer page number `— n —`. The "
  "requests table (三) runs over two pages in every PDF; in **AA03, AA07, AA11, AA15** its three header rows are marked "
  "repeat-header and reappear at the top of the next page. Narrow first columns wrap row labels over several lines, and "
  "a row can be split between pages. Widow control is off on body paragraphs, so several paragraphs run across page "
  "breaks (with header and page number between their halves).")
w("- The `text` field is the clean reading: title, the body one unit a line, table rows one line each (cells joined "
  "by spaces, blank cells `—`), sign-off agency and date as `meta`. HTML furniture (nav, box, share, footer) and PDF "
  "running headers/page numbers are not in `text`.\n")
w("## Labelling decisions where the guide is silent\n")
for s in [
 "Report title line: `heading`. Sign-off agency name and date at the end: `meta`.",
 "Table captions (`二、主动公开政府信息情况` etc.) are both section headings and table captions: `heading`. Every table line, "
 "including header rows without numbers (`信息内容 本年制发件数…`, `三、本年度办理结果`, `（三）不予公开`) and the 勾稽关系 note, is `table`.",
 "Preamble sentences (legal basis, the six-part structure, statistical period plus the contact address/phone/URL) are `other`; "
 "the one naming this agency's URL, address and phone is not generic (guide rule 6); the 'six parts' sentence and '现将…报告如下' are generic.",
 "The overview sentence right under 一、总体情况 ('坚持以…为指导…各项工作有序推进') is `other`, generic.",
 "Parent item `4.强化政策解读…` and its `（1）（2）` sub-items are separate units (one line each), each labelled by its own text.",
 "Typical-case units (典型案例一/二) are `application`, not generic (they name a specific request).",
 "A unit stating how many reconsiderations/lawsuits arose, or that none arose, stands under （二）依申请公开 and is `application` "
 "(guide: litigation arising from requests); 'none arose' is generic like a zero-requests statement.",
 "政府开放日 activities are `active_disclosure` (public participation / responding to concerns), `unsure: organization`.",
 "12345 hotline / consultation phone unit is `platform` (a channel), not generic because it names the phone; `unsure: application`.",
 "Personal-information de-identification before publication is `info_management` (release review), `unsure: active_disclosure`.",
 "Social supervisors and a published supervision phone are `organization` (监督), `unsure: platform`.",
 "人大建议/政协提案办理结果公开 under 六 is `active_disclosure` (what was published), `unsure: other`.",
 "'年度任务全部按期完成' under 六 is `other` (general achievement), `unsure: organization`.",
 "Street offices' community 公开栏 postings of relief-fund lists are `active_disclosure` (content), `unsure: platform`; "
 "公开栏/查阅点 as facilities are `platform`.",
 "Policy-document clean-up (文件清理, 宣布失效/废止) is `info_management` even when the result is published.",
 "A 政务新媒体 'three-review' content-check unit is `platform` with `mixed: true` (`unsure: info_management`); a training unit "
 "that also assigns website-column maintenance is `organization` with `mixed: true` (`unsure: platform`).",
 "In 五, problems and plans are under their own sub-headings `（一）存在的主要问题` / `（二）改进情况` (both `heading`); every `一是/二是/三是` "
 "unit under the first is `problem`, under the second `improvement` (rule 2). Problem units naming a figure or this agency's "
 "focus areas are not generic; the rest are generic.",
 "Fee statements under 六 are `application` (rule 9). `…未收取信息处理费。` is generic (template sentence, like a zero-requests statement); `…发出收费通知0件，收取信息处理费0元` is not generic (it states the agency’s own counts).",
 "`generic` is false wherever a unit carries a figure, named platform/account/document/place, or the agency's own name "
 "inside a document title; a unit that only repeats the agency's name in the subject position can still be generic only if "
 "nothing else is particular (in this set such units carry figures, so they are non-generic).",
]:
    w("- " + s)
w("\n## Known limits\n")
w("- The reports are composed from one shared pool of sentences (with alternative wordings and per-report figures, "
  "agency-type specific active-disclosure, case and focus sentences), so reports of the same agency type share much wording; "
  "the set tests structure, labels and tables more than lexical variety.")
w("- Table figures are random but consistent (all TABLES.md sums hold; narrative counts of requests and of reconsideration/"
  "litigation agree with the tables).")
open(os.path.join(HERE, "README.md"), "w", encoding="utf-8").write("\n".join(out) + "\n")
