"""Words that say what a stated count is of: shared by the narrative checks (`nlp.tables.narrative`) and the
reading of statistics stated as lines (`nlp.tables.statedlines`)."""

from __future__ import annotations

import re

#: Table 四's outcome columns by the words a sentence or a line names them with, first match wins.
REVIEW_OUTCOMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("upheld", re.compile(r"维持")),
    ("corrected", re.compile(r"纠正|纠错")),
    ("other_result", re.compile(r"其他结果")),
    ("pending", re.compile(r"尚未审结|未审结|审理中|未结")),
)
#: The public's other dealings with an agency, by their nouns (`诉求`, `咨询`, `来信`): never a request for information.
PUBLIC_BUSINESS = r"诉求|投诉|举报|来信|来电|来访|咨询|工单"
#: Other business counted by its own noun (`全年受理法律援助案件427件`, `办理群众诉求86件`): no cell of the tables.
OTHER_BUSINESS = re.compile(r"案件|" + PUBLIC_BUSINESS + r"|援助|业务|事项")
