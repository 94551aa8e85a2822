"""What a count in the narrative is not: the kinds of figure a sentence about requests or reviews states that are
no cell of this year's tables, so that a disagreement with the tables is never laid on the report for them.

`nlp.tables.narrative` reads a claim from a clause with a count (`收到申请96件`). Before it compares the count
with the tables it asks here whether the count is of that quantity at all:

* another thing counted by its noun right before the count (`人大建议18件`, `群众诉求350件`, `咨询电话120件次`):
  no claim (`counts_other_thing`);
* a figure that is no exact count: a range (`20至30件`), an estimate (`近20件`, `约30件`, `100件以上`), a
  cumulative one (`条例施行以来累计…300件`) or a change from last year (`比上年多收到5件`): no claim (`not_exact`,
  `a_difference`);
* a part of the year's requests picked out by how they were handled (`延期答复34件`, `征求第三方意见后作出答复
  11件`): no claim (`a_subset`);
* a count the sentence gives the agency in another role: as the body that decides reviews (`作为行政复议机关…受理
  行政复议申请25件`, `办理行政复议案件31件`), while table 四 counts the reviews brought against it; or handled
  by another body for it (`市政府办公室代为办理…`), or over a wider scope (`全系统共收到…`, `本局及所属分局…`): the
  claim stays, but a disagreement is `uncertain` without fault (`other_role`).
"""

from __future__ import annotations

import re

from nlp.tables.countwords import PUBLIC_BUSINESS

#: Nouns of other business counted right before the count (`人大代表建议18件`, `诉求350件`, `电话120件次`); a request
#: counted after them (`咨询及申请类诉求`) is still that business.
_OTHER_NOUN_BEFORE = re.compile(
    r"(?:建议|提案|议案|电话|热线|留言|" + PUBLIC_BUSINESS + r")(?:类|等)?"
    r"(?:服务|解答)?(?:共|均|已|全部)?(?:办理|办结|答复|回复|受理|收到|处理)?(?:了)?\s*$"
)
#: Around a count, words that make it no exact figure: a range's first end, an estimate, a lower or upper bound.
_RANGE_BEFORE = re.compile(r"\d\s*(?:件|宗|起)?\s*(?:至|到|-|~|～|—|－)\s*$")
_ESTIMATE_BEFORE = re.compile(r"(?:近|约|大约|超过|逾|不到|不足|将近|接近|上)\s*$")
_ESTIMATE_AFTER = re.compile(r"^(?:次)?\s*(?:左右|上下|以上|以下|之多)")
#: A figure summed over years (`条例施行以来`, `历年`); `今年以来` is this year's and a named year (`自2008年以来`)
#: is another year's (`narrative.claim_year`).
_CUMULATIVE = re.compile(r"(?:施行|实施|公布|颁布|开通|成立|运行)以来|历年|累计至今|至今累计|迄今")
#: A part of the requests picked out by how they were handled or came in: answers delayed, corrections asked, third
#: parties consulted, answered on the spot, by channel (`网上申请21件`), or those of them answered on time
#: (`其中按期办结93件`).
#: Or by what befell them: a count followed by its cause (`有2件申请因…`) or an objection raised against them; or the
#: replies a consultation or a review worked on (`研究答复意见11件`). Or by
#: the part of a government that received them (`其中市本级收到602件`, `市政府本级收到申请57件`, `省直部门收到…`), in a
#: report for all of it.
_SUBSET = re.compile(
    r"延期|延长答复|补正|征求.{0,6}意见|逾期|超期|当场|网上|当面|信函|邮寄|传真|电子邮件|(?:其中|有).{0,4}(?:按期|按时|如期)"
    r"|\d\s*(?:件|宗|起)(?:申请)?(?:因|由于)|异议"
    # replies worked on together, not the replies given (`召开会商会议7次，研究答复意见11件`, `法律审核答复文书20件`)
    r"|会商|(?:研究|讨论|审核|审查)[^，。；]{0,6}(?:答复|回复)(?:意见|文书|稿)"
    r"|[省市县区](?:人民)?(?:政府)?本级|[省市县区]直(?:部门|单位|机关)|[省市县区]级(?:部门|机关)|其中.{0,4}(?:各?(?:部门|乡镇|街道|县区|区县|县市区))"
)
#: A change from last year (`比上年多收到5件`, `同比增加受理申请12件`): the count is the difference.
_DIFFERENCE = re.compile(r"(?:比|较|同比|环比).{0,8}(?:增加|减少|增长|下降|多|少)")
#: A scope wider than the agency's tables: its whole system, the country or province, or the bodies under it
#: (`全系统共收到…`, `全国移民管理机构共受理…`, `本局及所属分局…`).
_WIDER_SCOPE = re.compile(r"全系统|本系统|系统内|全国|全省|所属|下属|直属|各级|及其?(?:分局|分支机构|派出机构|下级)")
#: The agency as the body that decides reviews (table 四 counts those brought against it: 被申请行政复议).
_REVIEWING_BODY = re.compile(r"作为.{0,6}复议机关|以本[^，。]{0,4}为(?:行政)?复议机关|对[^，。]{0,10}(?:分局|下级|所属)[^，。]{0,10}复议|(?<!被)(?:受理|办理|审理|审结|收到)(?:了)?(?:各类)?行政复议(?:申请|案件)")
_RESPONDENT = re.compile(r"被申请|被提起|被复议|被诉|作为被申请人")
#: Requests handled by another body for the agency or by a higher office (`代为办理`, `由上级机关统一受理`,
#: `由总局统一答复`).
_HANDLED_FOR = re.compile(
    r"代为|代理|统一(?:受理|答复|办理)|转交我|转办|转来|由[^，。；]{0,10}(?:总局|总署|上级|部机关|总行|总会)"
    r"|向[^，。；]{0,12}(?:总局|总署|上级|部机关|总行|总会)[^，。；]{0,6}提出"
)


def counts_other_thing(clause: str, start: int) -> bool:
    """The noun right before the count at `start` of `clause` is other business, not requests."""
    return _OTHER_NOUN_BEFORE.search(clause[max(0, start - 8) : start]) is not None


def not_exact(clause: str, sentence: str, start: int, end: int) -> bool:
    """The count at `start:end` of `clause` is a range's end, an estimate, or a figure over several years."""
    before, after = clause[max(0, start - 8) : start], clause[end : end + 4]
    return (
        _RANGE_BEFORE.search(before) is not None
        or _ESTIMATE_BEFORE.search(before) is not None
        or _ESTIMATE_AFTER.search(after) is not None
        or _CUMULATIVE.search(sentence) is not None
    )


#: A comparison with another year before the count (`比上年收到的41件增加`, `较2022年减少收到申请3件`): the count is
#: that year's figure or the change from it.
_COMPARED_YEAR = re.compile(r"(?:比|较|与|同)(?:上一?年度?|去年|前一?年|(?:19|20)\d{2}\s*年度?)")


def a_difference(clause: str, start: int = -1) -> bool:
    """The count at `start` of `clause` is a change from another year's (`较上年减少收到申请3件`) or that year's
    figure given in the comparison (`比上年收到的41件增加`)."""
    return _DIFFERENCE.search(clause) is not None or (start > 0 and _COMPARED_YEAR.search(clause[:start]) is not None)


def a_subset(clause: str) -> bool:
    """A count of requests picked out by how they were handled (`延期答复34件`, `征求第三方意见后作出答复11件`) or by the
    part of a government that received them (`其中市本级收到602件`)."""
    return _SUBSET.search(clause) is not None


def other_role(kind: str, sentence: str) -> str | None:
    """The role the sentence gives the agency where its count of `kind` is not the table's quantity, None where it is."""
    if kind.startswith("review") and _REVIEWING_BODY.search(sentence) and not _RESPONDENT.search(sentence):
        return "the agency as the body deciding reviews (table 四 counts reviews brought against it)"
    if not kind.startswith(("review", "litigation", "both")) and _HANDLED_FOR.search(sentence):
        return "requests handled by another body for the agency"
    if _WIDER_SCOPE.search(sentence):
        return "a scope wider than the agency's own (its system, or the bodies under it)"
    return None
