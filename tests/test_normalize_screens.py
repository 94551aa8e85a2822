"""The shortcuts of reading and normalising find what the plain scans find.

Normalising screens each pattern with `in` (`NormalizedText.sub`'s `needs`), the glued-line test stops
at its second heading, and the binary-file test counts bad characters with one regex: each is checked
here against the plain computation on the seed reports, damaged the ways crawlers and converters
damage them, and on furniture written for the purpose.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from nlp.errors import ReadError
from nlp.normalize import characters as characters_module, normalize_text
from nlp.normalize.furniture import FURNITURE_STEPS, LEADING_SPACE, MANY_BLANKS, SPACES, TRAILING_SPACE
from nlp.normalize.glued import _GLUED_SECTION, _holds_two_headings
from nlp.normalize.text import NormalizedText
from nlp.normalize.titles import TEMPLATE_HEADING
from nlp.read.encoding import _checked
from tests import damage
from tests.conftest import shared_path

#: Furniture that the screens look for, in the shapes pages and converters leave it.
FURNITURE = (
    "[bookmark: _Toc123]一、总体情况\n"
    "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n  |  |  \n"
    "## 二、主动公开政府信息情况\n> 引用的一段话\n**加粗的标题**\n__下划线__  \n"
    "第一页\f第二页\n- 3 -\n第 2 页，共 12 页\n现(xiàn)在的(de)工作  （guān）\n"
    "\t行首有制表符\t\n\u3000\u3000全角空格开头\n正文  中间  两个空格\n\n\n\n多个空行\n"
)


def _damaged_texts() -> list[str]:
    texts = [FURNITURE, FURNITURE.replace("\n", "\r\n"), damage.join_lines(FURNITURE)]
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [
            text,
            damage.join_lines(text),
            damage.numbers_on_own_lines(text),
            damage.crawler_header(text),
            damage.wrap_at_random_widths(text, seed=3),
            damage.furniture_between_lines(text, seed=5),
            damage.odd_label_spaces(text),
            # furniture spliced in at random lines
            _splice(text, FURNITURE.split("\n"), seed=len(text)),
        ]
    return texts


def _splice(text: str, pieces: list[str], seed: int) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    for piece in pieces:
        lines.insert(rng.randrange(len(lines) + 1), piece)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _damaged_texts()


def _holds_one(match: str, needs: tuple[str, ...] | str) -> bool:
    return any(needle in match for needle in needs)


def test_every_match_of_a_screened_pattern_holds_what_its_screen_looks_for(texts: list[str]) -> None:
    table = characters_module.character_table()
    screened = [
        *((pattern, needs) for pattern, _, needs in FURNITURE_STEPS if needs),
        (LEADING_SPACE, SPACES),
        (TRAILING_SPACE, SPACES),
        (MANY_BLANKS, ("\n\n\n",)),
        (characters_module._BLANK_LINES, ("\n\n",)),
    ]
    matched = 0
    for text in texts:
        for candidate in (text, text.translate(table)):
            for pattern, needs in screened:
                for match in pattern.finditer(candidate):
                    assert _holds_one(match.group(0), needs), (pattern.pattern, match.group(0))
                    matched += 1
    assert matched > 100  # the texts do carry the furniture


def test_every_pinyin_gloss_starts_where_its_screen_finds_one(texts: list[str]) -> None:
    glosses = ["現(xiàn)在", "關（guān）", "的(de)", "們( MEN )", "綠(LǛ)", "是(shì)", "(ſhi)", "子(zi)", "(K)"]
    found = 0
    for text in [*texts, "".join(glosses)]:
        for match in characters_module._PINYIN_GLOSS.finditer(text):
            assert characters_module._GLOSS_START.match(text, match.start()), match.group(0)
            found += 1
    assert found >= 5


def test_normalising_with_the_screens_equals_normalising_without(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    screened = [normalize_text(text) for text in texts]
    plain_sub = NormalizedText.sub

    def unscreened(self, pattern, replacement, needs=()):  # noqa: ANN001
        return plain_sub(self, pattern, replacement)

    monkeypatch.setattr(NormalizedText, "sub", unscreened)
    for text, fast in zip(texts, screened, strict=True):
        slow = normalize_text(text)
        assert fast.text == slow.text
        assert np.array_equal(fast.offsets, slow.offsets)
        assert fast.element_lines == slow.element_lines


def test_a_screen_returns_the_text_itself_where_the_pattern_could_not_match() -> None:
    text = NormalizedText.identity("没有竖线的文字\n第二行")
    assert text.sub(re.compile(r"\|+"), "", needs="|") is text
    piped = NormalizedText.identity("甲||乙")
    out = piped.sub(re.compile(r"\|+"), "", needs="|")
    assert out.text == "甲乙"
    assert out.offsets.tolist() == [0, 3]


def test_the_glued_line_test_agrees_with_counting_every_heading(texts: list[str]) -> None:
    long_lines = [line for text in texts for line in text.split("\n") if len(line) >= 120]
    glued = 0
    for line in long_lines:
        count = len(_GLUED_SECTION.findall(line)) + len(TEMPLATE_HEADING.findall(line))
        assert _holds_two_headings(line) == (count >= 2)
        glued += count >= 2
    assert glued and glued < len(long_lines)  # both answers occur


def test_every_heading_of_a_glued_line_holds_a_title_word(texts: list[str]) -> None:
    from nlp.normalize.glued import _TITLE_WORD

    found = 0
    for text in [*texts, *TEMPLATE_TITLE_VARIANTS]:
        for pattern in (_GLUED_SECTION, TEMPLATE_HEADING):
            for match in pattern.finditer(text):
                # the glued-section pattern matches the spaces before a lookahead: its words follow
                window = text[match.start() : match.end() + 40] if pattern is _GLUED_SECTION else match.group(0)
                assert _TITLE_WORD.search(window), window
                found += 1
    assert found > 50


#: The template's section titles in their wordings, numbered in each system.
TEMPLATE_TITLE_VARIANTS = [
    f"{number}{mark}{title}"
    for number in ("一", "二", "十", "1", "9")
    for mark in ("、", ".", "．", " 、 ")
    for title in (
        "总体情况", "基本情况", "总体概述", "概述", "主动公开政府信息情况", "主动公开政府信息的情况", "收到和处理政府信息公开申请情况",
        "因政府信息公开申请行政复议、行政诉讼情况", "政府信息公开行政复议和行政诉讼情况", "政府信息公开被申请行政复议提起行政诉讼的情况",
        "存在的主要问题及改进情况", "政府信息公开工作存在主要问题和改进情况", "其他需要报告的事项", "其它需要报告的事项",
        "依申请公开情况", "存在问题", "其他事项", "行政复议", "行政诉讼",
    )
]


def _bad_count(text: str) -> int:
    """The definition: control characters other than line/page breaks and tabs, and U+FFFD."""
    return sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")


@pytest.mark.parametrize("seed", range(6))
def test_the_binary_file_test_counts_as_the_definition(seed: int) -> None:
    rng = random.Random(seed)
    controls = [chr(c) for c in range(32)] + ["\ufffd", "\x7f", "\u2028", "\x85"]
    body = "政府信息公开工作年度报告。" * 200
    for rate in (0.0, 0.01, 0.019, 0.021, 0.05):
        chars = list(body)
        for i in rng.sample(range(len(chars)), int(rate * len(chars))):
            chars[i] = rng.choice(controls)
        text = "".join(chars)
        refused = _bad_count(text) > 0.02 * len(text)
        if refused:
            with pytest.raises(ReadError):
                _checked(text, "report.txt")
        else:
            assert _checked(text, "report.txt") == text


def test_the_repair_screen_finds_exactly_the_characters_the_table_changes() -> None:
    import sys

    table = characters_module.character_table()
    screen = characters_module._repaired_characters()
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        changes = table.get(code, chr(code)) != chr(code)
        assert (screen.fullmatch(chr(code)) is not None) == changes, hex(code)


def test_repairing_characters_with_the_screen_equals_translating_every_text(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    odd = ["全角１２３ＡＢＣ\u3000空格\r\n⺁部首\u2f00康熙\uf900兼容\u200b零宽", "只有制表符\t和普通文字"]
    cases = [*texts, *odd]
    screened = [characters_module.repair_characters(NormalizedText.identity(text)) for text in cases]
    monkeypatch.setattr(characters_module, "_repaired_characters", lambda: re.compile(""))  # always translate
    for text, fast in zip(cases, screened, strict=True):
        slow = characters_module.repair_characters(NormalizedText.identity(text))
        assert fast.text == slow.text
        assert np.array_equal(fast.offsets, slow.offsets)
    assert screened[-2].text != odd[0]  # the odd characters were repaired


def test_the_table_header_test_asks_the_punctuation_first_and_says_what_the_plain_test_says(texts: list[str]) -> None:
    from nlp.normalize.lines import TABLE_HEADER, is_table_header

    def plain(line: str) -> bool:
        return "勾稽关系" in line or (bool(TABLE_HEADER.search(line)) and not re.search(r"[，。；]", line))

    lines = [line for text in texts for line in text.split("\n")]
    lines += ["信息内容，本年制发件数", "行政复议 行政诉讼", "结果 维持。", "勾稽关系，见下", "本年新收；", "申请人情况\t自然人"]
    headers = 0
    for line in lines:
        for variant in (line, line.strip()):
            assert is_table_header(variant) == plain(variant), variant
            headers += plain(variant)
    assert headers > 20 and headers < len(lines)
