"""The invented narrative of an authored report: the six sections, two to five sentences each,
stating the request and review figures that the tables hold (rule 5 of TABLES.md)."""

from __future__ import annotations

import random

SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


# Narrative phrases per topic; a report takes one of each, so sections differ between reports.
PHRASES = {
    "active": [
        "全年通过{site}主动公开政府信息{n1}条，重点公开财政预决算、重大建设项目等领域信息。",
        "本年度在{site}发布各类信息{n1}条，发布政策解读{n2}篇，其中图解、视频解读{n3}篇。",
        "围绕“放管服”改革、乡村振兴、民生保障等重点领域，累计公开信息{n1}条。",
        "及时公开权责清单、行政执法结果等信息{n1}条，回应社会关切{n2}次。",
    ],
    "management": [
        "严格落实信息发布审核和保密审查制度，坚持“先审查、后公开”“一事一审”。",
        "动态更新政府信息公开目录和指南，开展规范性文件清理，及时标注失效文件。",
        "建立信息公开属性源头认定机制，公文起草时同步明确公开方式。",
    ],
    "platform": [
        "持续优化{site}栏目设置，做好政务新媒体日常运维。",
        "规范政务新媒体管理，在便民服务中心设置政府信息公开查阅点。",
        "推进政务公开专区建设，整合公开栏、查阅点和线上平台。",
    ],
    "oversight": [
        "将政府信息公开工作纳入年度绩效考核，组织业务培训{n3}次。",
        "明确分管领导和专职工作人员，定期开展自查和整改。",
        "主动接受社会监督，本年度未发生因政府信息公开工作被追责的情形。",
    ],
    "problems": [
        "一是主动公开的深度和广度仍有不足；二是工作人员业务水平有待提高。",
        "存在的问题主要是政策解读形式较为单一，部分栏目更新不够及时。",
        "基层政务公开标准化规范化建设仍需加强，公开内容的实用性有待提升。",
    ],
    "plans": [
        "{next}年，将进一步加强业务培训，提升依申请公开办理质量。",
        "下一步，将健全信息发布协调机制，丰富政策解读形式。",
        "下一步，将对照公开事项标准目录，逐项梳理完善公开内容。",
    ],
}
# the 2021 template asks for the fees charged (信息处理费) in section six
FEES_2021 = [
    "本年度未收取信息处理费。",
    "本机关依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。",
    "本年度发出收费通知0件，实际收取信息处理费0元。",
]
FEES_2019 = ["本年度未收取任何费用。", "本年度未发生政府信息公开收费情况。"]
SUBHEAD_NUMBERS = [
    ["（一）", "（二）", "（三）", "（四）", "（五）"],
    ["1.", "2.", "3.", "4.", "5."],
    ["一是", "二是", "三是", "四是", "五是"],
]


def narrative(rng: random.Random, agency: str, year: int, fig: dict) -> dict[int, list[str]]:
    """Two to five sentences a section, with the request and review figures the tables hold."""
    req, rev = fig["requests"], fig["review_litigation"]
    new, handled, fwd = (
        req["new_received"]["total"],
        req["total_handled"]["total"],
        req["carried_forward"]["total"],
    )
    n_review = rev["review"]["total"]
    n_suit = rev["litigation_direct"]["total"] + rev["litigation_after_review"]["total"]
    fill = {
        "site": rng.choice(["政府门户网站", "政府信息公开专栏", "政务公开平台"]),
        "n1": rng.randint(40, 900),
        "n2": rng.randint(2, 30),
        "n3": rng.randint(1, 6),
        "next": year + 1,
    }

    def say(topic: str) -> str:
        return rng.choice(PHRASES[topic]).format(**fill)

    nums = rng.choice(SUBHEAD_NUMBERS)
    heads = ["主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"]
    bodies = [
        say("active"),
        f"全年新收政府信息公开申请{new}件，办结{handled}件，结转下年度继续办理{fwd}件。",
        say("management"),
        say("platform"),
        say("oversight"),
    ]
    sep = "。" if nums[0] == "（一）" else "：" if nums[0] == "1." else ""
    section_one = [
        f"{n}{h}{sep}{b}" if sep else f"{n}{b}" for n, h, b in zip(nums, heads, bodies, strict=True)
    ]
    return {
        0: [
            f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作推进政府信息公开。"
        ]
        + section_one,
        1: [rng.choice(["本年度主动公开政府信息情况如下：", "具体情况见下表。"])],
        2: [
            f"本年度共新收政府信息公开申请{new}件，上年结转{req['carried_over']['total']}件，"
            f"已办结{handled}件，结转下年度继续办理{fwd}件。具体情况如下："
        ],
        3: [f"本年度因政府信息公开被申请行政复议{n_review}件，被提起行政诉讼{n_suit}件。具体情况如下："],
        4: [say("problems"), say("plans")],
        5: [rng.choice(FEES_2019 if year <= 2020 else FEES_2021), "无其他需要报告的事项。"],
    }
