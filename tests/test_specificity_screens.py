"""The specificity signal's shortcuts find the spans the plain scans find.

`SpecificityScorer` skips each pattern on a paragraph that lacks what every match of it holds (an
address mark, seven digits in a row, a date's mark, a document number's ending), tells an item
number by the one character before it, and a word by `str.isalnum` first: each is compared here with
the plain computation, on the seed reports' paragraphs (and damaged copies) and on paragraphs
written to hold every kind of concrete content.
"""

from __future__ import annotations

import random
import re
import sys

import pytest

from nlp.boilerplate import specificity
from nlp.boilerplate.specificity import (
    _CONTACT,
    SpecificityScorer,
    _enumerator_before,
    _Screen,
)
from nlp.structure import parse_text
from tests import damage
from tests.conftest import shared_path

#: The regex `_enumerator_before` stands for, searched over the text before the figure.
_ENUMERATOR_BEFORE = re.compile(r"(?:^|[\s，,。；;：:（(])\s*$")

WRITTEN = [
    "联系电话：0512-68881234，手机13912345678，网址www.example.gov.cn，邮箱office@example.gov.cn。",
    "依据《中华人民共和国政府信息公开条例》（国务院令第711号）和苏政办发〔2021〕12号文件，1.全年发布信息312条；2、办理申请45件。",
    "2021年1月1日至12月31日，3-5月开展“阳光政务”专项行动，2021-06-30前完成，5日内答复。",
    "局长张三同志分管，东湖县、西山镇、全市各乡镇，共计十二件，98.5%，（3）落实。",
    "http://www.example.com.cn/a?b=1 与 user.name@mail.example.org 的 8位号码 12345678、１２３４５６７。",
    "第 3 项 ， 4 、 5. 6) 7）  8\u3000、 9\n、",
]


def _paragraph_texts() -> list[str]:
    texts = list(WRITTEN)
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in (text, damage.join_lines(text), damage.odd_label_spaces(text)):
            texts += [p.text for p in parse_text(variant).narrative()]
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _paragraph_texts()


def test_the_screened_search_finds_the_spans_of_the_full_search(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    scorer = SpecificityScorer()
    names = ["东湖县人民政府"]
    screened = [scorer.score(text, names) for text in texts]
    monkeypatch.setattr(specificity, "_screen", lambda text: _Screen(_CONTACT, digits=True, document_number=True, date=True))
    kinds: set[str] = set()
    for text, fast in zip(texts, screened, strict=True):
        slow = scorer.score(text, names)
        assert fast == slow, text
        kinds.update(span.kind for span in slow.spans)
    assert {"contact", "document", "date", "figure", "quantity"} <= kinds


def test_the_character_before_a_figure_says_what_the_regex_over_the_text_before_it_says() -> None:
    rng = random.Random(11)
    # every code point once as the character before the figure, and random prefixes
    checked = 0
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        text = "甲" + chr(code) + "1"
        assert _enumerator_before(text, 2) == bool(_ENUMERATOR_BEFORE.search(text[:2])), hex(code)
        checked += 1
    alphabet = ["甲", " ", "\n", "\t", "，", "。", "(", "（", "a", "1", "、", ";", "\u3000", "\x85"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(8)))
        for position in range(len(text) + 1):
            assert _enumerator_before(text, position) == bool(_ENUMERATOR_BEFORE.search(text[:position]))
    assert checked > 1_000_000
