"""The narrative of one invented report: title, six sections of two to five sentences, sign-off.

The sentences are written for this set; the figures they state (requests received, handled, carried
forward, reviews and suits) are read from the report's own tables, so that TABLES.md's rule 5 holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from spec import APPLICANT_COLS

SECTION_TITLES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


@dataclass
class Agency:
    """Who publishes the report and for which year."""

    name: str  # 某某县人民政府 / 某某省自然资源厅 …
    province: str
    level: str  # township | county | city | province
    year: int
    published: str  # the sign-off date, e.g. 2023年1月18日


def _fig(cells: dict, table: str, row: str, col: str) -> int:
    return int(cells.get((table, row, col), 0))


def report_title(agency: Agency) -> str:
    return f"{agency.name}{agency.year}年政府信息公开工作年度报告"


def sections(agency: Agency, cells: dict, titles: list[str]) -> list[tuple[str, list[str]]]:
    """The six sections' titles (as printed) and their paragraphs, in order."""
    y = agency.year
    n = agency.name
    new = _fig(cells, "requests", "new_received", "total")
    over = _fig(cells, "requests", "carried_over", "total")
    handled = _fig(cells, "requests", "total_handled", "total")
    forward = _fig(cells, "requests", "carried_forward", "total")
    granted = _fig(cells, "requests", "granted", "total")
    persons = _fig(cells, "requests", "new_received", "natural_person")
    orgs = sum(_fig(cells, "requests", "new_received", c) for c in APPLICANT_COLS[1:])
    review = _fig(cells, "review_litigation", "review", "total")
    suits = _fig(cells, "review_litigation", "litigation_direct", "total") + _fig(
        cells, "review_litigation", "litigation_after_review", "total"
    )
    corrected = (
        _fig(cells, "review_litigation", "review", "corrected")
        + _fig(cells, "review_litigation", "litigation_direct", "corrected")
        + _fig(cells, "review_litigation", "litigation_after_review", "corrected")
    )
    body = [
        [
            f"{y}年，{n}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
            "围绕中心工作推进决策、执行、管理、服务、结果公开。",
            f"本报告根据条例第五十条的规定编制，所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
            "本年度机关调整了政务公开工作领导小组，明确一名分管负责同志和专职工作人员，"
            "将政务公开纳入年度绩效考核。",
        ],
        [
            "聚焦财政预决算、重大建设项目、公共资源配置和民生实事等重点领域，通过门户网站信息公开专栏及时发布有关信息。",
            "对新出台的政策文件同步开展解读，采用图解、问答等形式提高可读性。",
            "主动公开政府信息的具体情况见下表。",
        ],
        [
            f"本年度共新收政府信息公开申请{new}件，其中自然人申请{persons}件、法人或其他组织申请{orgs}件；"
            f"上年结转{over}件。",
            f"全年办结{handled}件，其中予以公开{granted}件，其余按条例规定分别作出部分公开、不予公开、无法提供等答复；"
            f"结转下年度继续办理{forward}件。",
            "所有申请均在法定期限内答复，未收取信息处理费。",
        ],
        [
            f"本年度因政府信息公开引起的行政复议{review}件，行政诉讼{suits}件，"
            + (f"其中被纠错{corrected}件。" if corrected else "未发生被纠错的情况。"),
            "对复议、诉讼中发现的答复不规范问题，逐件复盘并完善了答复文书格式。",
        ],
        [
            "工作中仍存在主动公开内容不够全面、政策解读形式较为单一、基层工作人员业务能力有待提高等问题。",
            "下一步将加强业务培训，健全公开内容动态更新机制，提升信息发布的及时性和准确性。",
        ],
        [
            "本年度未收取信息处理费。",
            "本机关按照上级部署完成了政务公开标准化规范化建设年度任务，人大代表建议和政协提案办理结果已全部公开。",
        ],
    ]
    return list(zip(titles, body, strict=True))


def sign_off(agency: Agency) -> list[str]:
    return [agency.name, agency.published]
