"""Who published a report: from its title, or where the page lost the title, from the page's fields or opening sentences.

Web pages often start below the title (the title sat in the page header), but the opening sentences
nearly always name the agency: `现公布白城市农业农村局2024年政府信息公开工作年度报告`, `2024年，广东省水利厅认真贯彻…`,
`…要求，黄龙县市场监督管理局结合单位实际…`. Only a name ending in an agency word (局, 办公室, 人民政府,
街道办事处, 镇 …) at one of these two places is taken: the announcement of the report, or the subject of
a clause followed by a verb of the template (认真, 坚持, 按照 …). Superiors named in the same sentences
(`根据某某县人民政府办公室《关于…》要求`) are neither. A government site's document fields name the
publisher too (`发布机构：某某街道`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from nlp.normalize.furniture import field_line, title_field

#: A year as titles and prose write it (`2023年`, `2023 年`).
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")

#: The last word of an agency's name, longest first.
_AGENCY_END = (
    r"(?:人民政府办公室|人民政府办公厅|人民政府|政府|街道办事处|办事处|管理委员会|管委会|委员会|办公室|办公厅|分局|"
    r"局|厅|委|办|署|中心|院|馆|所|站|队|镇|乡|街道|苏木|集团|公司)"
)
_NAME = rf"(?P<agency>[\u4e00-\u9fff（）()·]{{1,28}}?{_AGENCY_END})"
_YEAR_LEAD = r"(?:(?:19|20)\d{2}\s*年度?(?:以来|来)?\s*[，,]?\s*)?"
#: A place whose government publishes the report (`龙岗区`, `大理白族自治州`): a name, ending in a place word,
#: that only the report's announcement takes, right before the report's year.
_PLACE_NAME = r"(?P<agency>[\u4e00-\u9fff]{1,12}?(?:省|自治区|市|自治州|州|盟|县|自治县|旗|区))"
#: The report announced: `特向社会公布长春市公安局2023年政府信息公开年度工作报告`, `编制了《某某镇2020年…》`,
#: `现将龙岗区2020年政府信息公开年度报告进行公布`; or its publisher before the verb (`某某镇人民政府特向社会公布…`,
#: `由某某市人力资源和社会保障局编制`).
_REPORT_YEAR = r"\s*(?:19|20)\d{2}\s*年度?"
_REPORT_WORDS = r"(?:的)?(?:政府|政务)?(?:信息公开|政务公开)"
_ANNOUNCE = r"(?:公布|发布|编制|形成|向社会公开|现将)(?:了)?"
_ANNOUNCED = re.compile(
    rf"{_ANNOUNCE}(?:并向社会(?:公布|公开|发布))?(?:本单位|本机关)?\s*《?\s*{_YEAR_LEAD}{_NAME}(?:{_REPORT_YEAR})?{_REPORT_WORDS}"
)
_ANNOUNCING = re.compile(rf"(?:^|[，,。；;：:）)])\s*(?:由)?{_NAME}(?:特|现)?(?:向社会)?(?:公布|发布|编制|编写)")
_PLACE_ANNOUNCED = re.compile(rf"{_ANNOUNCE}\s*《?\s*{_PLACE_NAME}(?={_REPORT_YEAR}{_REPORT_WORDS})")
#: A channel the report is published through, not its publisher (`通过某某市政府网站发布`).
_CHANNEL = re.compile(r"网站|网页|平台|公众号|^通过|^报告")
#: Words that open a clause, not a name, right after the announcing verb.
_NOT_ANNOUNCED_NAME = re.compile(r"^(?:我|本|该|各|全|其|上级|下属|所属|有关|相关|上述|这|各级|一年来)")
#: A level without its place (`市应急局`, `镇政府`): another city's or township's name too, so never a report's
#: publisher (in a sentence about a count it is still another body: `nlp.tables.narrative`).
_LEVEL_ONLY = re.compile(r"^[省市县区旗州盟镇乡](?![\u4e00-\u9fff]*?[省市县区旗州盟镇乡])(?=[\u4e00-\u9fff])")
#: The agency as the subject of a clause: `2024年，广东省水利厅认真贯彻…`.
_SUBJECT = re.compile(
    rf"(?:^|[，,。；;：:])\s*{_YEAR_LEAD}{_NAME}(?=认真|坚持|严格|按照|根据|深入|全面|紧紧|始终|围绕|高度|积极|进一步|持续|扎实|不断|"
    r"结合|以习近平|在|把|将|切实|牢固|聚焦|着力|继续|立足|紧扣|强化|加强|全力|大力|主动|依法|贯彻|不折不扣)"
)
#: Pronouns and collective words that are not a name (`我局`, `各镇街`, `全市各级行政机关`).
_NOT_A_NAME = re.compile(
    r"^(?:我|本|该|各|全|其|度|并|上级|下属|所属|有关|相关|市委|区委|县委|党委|上述|这|由|经|对|向|为|从|在|据|根据|按照|及时|组织|您|当前|一年来)"
    r"|(?:党委|党组|党工委)$"
)
#: A name carries a place (`白城市…`, `…镇`) or a national body's word; `组织政府网站` does not.
_PLACE = re.compile(r"[省市县区旗州盟镇乡村]|街道|苏木|国家|中国|中华|全国")


#: Words a navigation title puts where the agency would be (`部门信息公开年报2022`).
_GENERIC = frozenset({"部门", "单位", "机关", "本单位", "本机关", "本部门", "新版", "各部门", "各单位", "乡镇", "镇街", "街道"})


def agency_from_title(title: str) -> str | None:
    """The agency named in a report's title (`某某县人民政府2023年政府信息公开工作年度报告` → `某某县人民政府`)."""
    year = YEAR.search(title)
    candidates = []
    if year:
        candidates.append(title[: year.start()])
        candidates.append(title[year.end() :])
    candidates.append(title)
    for candidate in candidates:
        candidate = re.sub(r"\s+", "", candidate)
        candidate = re.sub(r"^(?:关于)", "", candidate)
        candidate = re.split(r"(?:\d{4}年度?)?(?:关于)?(?:政府信息公开|政务公开|信息公开|政府信息|年度报告|工作年度报告)", candidate)[0]
        candidate = candidate.strip("的 　-—:：")
        if 2 <= len(candidate) <= 40 and candidate not in _GENERIC:
            return candidate
    return None


def agency_from_opening(paragraphs: Sequence[str], limit: int = 1500) -> str | None:
    """The agency named in the first `limit` characters of a report's prose, or None.

    `paragraphs` are the narrative paragraphs in reading order; the announcement of the report is
    preferred to a clause's subject, and an earlier mention to a later one.
    """
    opening = "\n".join(paragraphs)[:limit]
    for pattern, not_a_name in ((_ANNOUNCED, _NOT_ANNOUNCED_NAME), (_ANNOUNCING, _NOT_A_NAME)):
        for match in pattern.finditer(opening):
            name = match.group("agency")
            if len(name) >= 3 and not not_a_name.search(name) and not _CHANNEL.search(name) and not _LEVEL_ONLY.search(name) and _PLACE.search(name):
                return name
    for match in _PLACE_ANNOUNCED.finditer(opening):
        if len(match.group("agency")) >= 2 and not _NOT_ANNOUNCED_NAME.search(match.group("agency")) and not _LEVEL_ONLY.search(match.group("agency")):
            return match.group("agency")
    for match in _SUBJECT.finditer(opening):
        name = match.group("agency")
        if len(name) >= 3 and not _NOT_A_NAME.search(name) and not _CHANNEL.search(name) and not _LEVEL_ONLY.search(name) and _PLACE.search(name):
            return name
    return None


#: Field lines of a crawler's header or a site's document page (`标题: …`, `发布机构：…`, `原文链接: …`),
#: by label → the key they are kept under in `Report.page_fields`.
_FIELD_KEYS = {
    "标题": "title", "文章标题": "title", "题目": "title", "发布时间": "published", "发布日期": "published",
    "发文日期": "published", "成文日期": "written", "发布机构": "publisher", "发文机关": "publisher",
    "发布单位": "publisher", "发文单位": "publisher", "来源": "source", "信息来源": "source", "文章来源": "source",
    "索引号": "index", "文号": "number", "原文链接": "url", "原文地址": "url", "链接": "url", "网址": "url", "URL": "url",
}
_FIELD_LINE = re.compile(
    r"^\s*(?P<label>" + "|".join(sorted(_FIELD_KEYS, key=len, reverse=True)) + r")\s*[:：]\s*(?P<value>\S.*?)\s*$", re.IGNORECASE
)
#: The rule a crawler puts between its header and the page's text (`==== 正文 ====`).
CRAWLER_RULE = re.compile(r"^\s*[=\-—*#]{2,}\s*(?:正文|内容|全文)?\s*[=\-—*#]{2,}\s*$")


def page_fields(lines: Sequence[str]) -> dict[str, str]:
    """The labelled fields among a page's header lines (`标题`, `发布时间`, `发布机构`, `原文链接` …), first of each kind."""
    fields: dict[str, str] = {}
    for line in lines:
        match = _FIELD_LINE.match(field_line(line))
        title = title_field(line)
        if title and not match:  # a running head (`Page 4 - …`) or a field named otherwise (`名称:`)
            fields.setdefault("title", title)
        if match:
            key = _FIELD_KEYS.get(match.group("label")) or _FIELD_KEYS.get(match.group("label").upper(), "url")
            fields.setdefault(key, match.group("value"))
    return fields


#: The publisher field of a government site's document page (`发布机构 | 某某街道 | 发文日期 | …`); its source field
#: where that names an agency of a place (`来源:某某县发展和改革局`, not `来源：本网`).
_PUBLISHER_FIELD = re.compile(
    "(?:" + "|".join(r"\s*".join(label) for label in ("发布机构", "发文机关", "发布单位", "发文单位")) + ")"
    r"\s*[:：|]?\s*(?P<agency>[\u4e00-\u9fff（）()·]{2,30})"
)
_SOURCE_FIELD = re.compile(r"(?:信息|文章)?来\s*源\s*[:：|]\s*" + _NAME + r"(?![\u4e00-\u9fff])")


def agency_from_page_fields(lines: Sequence[str]) -> str | None:
    """The publisher named in a web page's document fields (the page furniture above the report), or None."""
    for line in lines:
        match = _PUBLISHER_FIELD.search(line)
        if match and match.group("agency") not in _GENERIC:
            return match.group("agency")
    return None


def agency_from_source_field(lines: Sequence[str]) -> str | None:
    """The agency a page's source field names (`来源:某某县发展和改革局`): a last resort, after the report's own
    sentences, since a county's site puts itself there over its townships' reports."""
    for line in lines:
        match = _SOURCE_FIELD.search(line)
        if match and _PLACE.search(match.group("agency")) and not _NOT_A_NAME.search(match.group("agency")) and not _LEVEL_ONLY.search(match.group("agency")):
            return match.group("agency")
    return None


# --------------------------------------------------------------------------------------------
# One agency under several names (checks across years)
# --------------------------------------------------------------------------------------------

#: Department words whose short form is not the initials of their conjuncts, longest first. The
#: general rule below covers the rest (文化和旅游 → 文旅, 人力资源和社会保障 → 人社, 林业和草原 → 林草).
AGENCY_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("人民政府办公室", "政府办"),
    ("人民政府办公厅", "政府办"),
    ("住房和城乡建设", "住建"),
    ("住房城乡建设", "住建"),
    ("市场监督管理", "市场监管"),
    ("城市管理综合执法", "城管"),
    ("城市管理", "城管"),
    ("卫生健康", "卫健"),
    ("卫生和健康", "卫健"),
    ("科学技术", "科技"),
    ("工业和信息化", "工信"),
    ("民族宗教事务", "民宗"),
    ("民族和宗教事务", "民宗"),
    ("退役军人事务", "退役军人"),
    ("医疗保障", "医保"),
    ("应急管理", "应急"),
    ("人民政府", "政府"),
    ("委员会", "委"),
    ("办公室", "办"),
)
#: The places a name starts with: `某某省` `某某市` `某某县` `某某区` …, possibly several.
_PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}?(?:自治区|自治州|自治县|省|市|州|盟|地区|县|旗|区))*")
_AGENCY_TAIL = re.compile(r"(局|委|厅|办|署|中心|院|馆|站|所|队|政府|街道办事处|街道|镇|乡)$")
_CONJUNCT = re.compile(r"[和与及、]")
_NOISE = re.compile(r"[（(][^）)]*[）)]|[\s·•.,，、:：\"'“”‘’《》<>]")


@lru_cache(maxsize=4096)
def agency_key(name: str) -> str:
    """A key that is equal for one agency's names: `莆田市文旅局` and `莆田市文化和旅游局` alike.

    This is what "the same agency" means everywhere (year over year, families, checks across years).
    The name is first cleaned as report text is (`nlp.normalize.clean_text`: traditional characters
    to simplified, full-width letters and digits to plain), since a name given in a JSON Lines record
    or a title is not always the text's. Spaces, punctuation and parenthesised additions
    (`（莆田市文物局）`) go; the words of
    `AGENCY_ABBREVIATIONS` take their short form; then the general rule of Chinese agency
    abbreviations: a department named by two to four conjuncts (`文化和旅游`, `人力资源和社会保障`,
    `民族与宗教事务`) is written with each conjunct's first character (`文旅`, `人社`, `民宗`). The
    place stays part of the key: `文旅局` of two cities are two agencies.
    """
    from nlp.normalize import clean_text

    text = _NOISE.sub("", clean_text(name))
    place = _PLACE_PREFIX.match(text).group(0)  # type: ignore[union-attr]
    rest = text[len(place) :]
    for long, short in AGENCY_ABBREVIATIONS:
        rest = rest.replace(long, short)
    tail = _AGENCY_TAIL.search(rest)
    middle, end = (rest[: tail.start()], tail.group(0)) if tail else (rest, "")
    parts = [p for p in _CONJUNCT.split(middle) if p]
    if 2 <= len(parts) <= 4 and all(len(p) >= 2 for p in parts):
        middle = "".join(p[0] for p in parts)
    for long, short in AGENCY_ABBREVIATIONS:
        place = place.replace(long, short)
    return place + middle + end
