"""Specificity (Hope, Hu & Lu 2016): how much of a paragraph is concrete content.

Concrete content is what only this agency, this year, could have written: figures other than the
year, dates, quantities, named documents (《…》, document numbers), named systems, platforms and
campaigns (quoted names), web addresses and telephone numbers, people named with their post, and
place names other than the agency's own. Names that a large share of the reference corpus uses
(《中华人民共和国政府信息公开条例》, "先审后发") are template, not concrete; that share is
learned from the same reference corpus as the commonness model, not listed by hand.

Three options, off in the shipped scorer (measured in docs/classifier.md, "Boilerplate score", sixth
round: none held up on the authored held-out reports): `zeros_concrete=False` reads a count of zero as
no concrete content (ANNOTATION.md rule 6); `national_documents_concrete=False` reads national laws and
central documents as template (rule 6 names only local and provincial ones); `rare_word_share` counts
a word fewer reference reports use as a concrete term (`RARE_WORD`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nlp.boilerplate.commonness import token_spans
from nlp.boilerplate.spans import ReferenceCorpusModel, Span
from nlp.tokenize import Tokenizer, has_content

#: The kinds of concrete content, in the order the detectors claim text (earlier wins an overlap).
CATEGORIES: tuple[str, ...] = (
    "contact",
    "document",
    "platform",
    "campaign",
    "named",
    "date",
    "quantity",
    "figure",
    "person",
    "place",
)
#: A further kind, counted only by a scorer with `rare_word_share` set: a word few reference reports use.
RARE_WORD = "term"

_PHONE = r"(?<!\d)(?:0\d{2,3}[-－—]?)?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)"
_CONTACT = re.compile(
    r"(?:https?://|www\.)[\w./?=&%-]+|[\w.-]+\.(?:gov|com|org|net)\.cn\b|[\w.-]+@[\w-]+(?:\.[\w-]+)+|" + _PHONE
)
#: `_CONTACT` without its address alternatives, for a text that holds none of what an address needs
#: (`http`, `www.`, `.cn`, `@`): the same matches, without scanning every run of word characters
#: for a domain (most of the pattern's time on Chinese text, where every character is `\w`).
_CONTACT_NUMBERS = re.compile(_PHONE)
_ADDRESS_MARKS = ("http", "www.", ".cn", "@")
#: Any digit, as the patterns' `\d` reads one (full-width and other scripts' digits included).
_DIGIT = re.compile(r"\d")
#: What every telephone number holds (`_PHONE`: seven digits or more in a row).
_SEVEN_DIGITS = re.compile(r"\d{7}")
#: Every `_DATE` holds a figure and one of these (`2021-3-1`, `3月`, `5日`).
_DATE_MARKS = "-/.月日"
_TITLE = re.compile(r"《([^《》\n]{2,80})》")
#: Document numbers (`国办公开办函〔2019〕60号`) and decree numbers (`国务院令第711号`).
_DOCUMENT_TAIL = r"(?:[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]|令)\s*第?\s*\d+\s*号"
_DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,16}\s*" + _DOCUMENT_TAIL)
#: What every document number ends with: found quickly, where `_DOCUMENT_NUMBER` tries up to 16
#: lengths of the name at every Chinese character.
_DOCUMENT_TAIL_RE = re.compile(_DOCUMENT_TAIL)
_QUOTED = re.compile(r"[“\"「『]([^”\"」』\n]{2,30})[”\"」』]")
#: What follows a quoted name says what it names.
_PLATFORM_WORDS = re.compile(
    r"\s*(?:门户网站|网站|网|平台|公众号|微信|微博|客户端|APP|App|app|小程序|系统|专栏|栏目|专区|热线|号)"
)
_CAMPAIGN_WORDS = re.compile(r"\s*(?:专项行动|行动|活动|工程|专项|竞赛|评选|月|周|日|年)")
_DATE = re.compile(
    r"(?P<full>(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2})"
    r"|(?P<range>\d{1,2}\s*[-—–~至到]\s*\d{1,2}\s*月份?)"
    r"|(?:(?P<year>(?:19|20)\d{2})\s*年\s*)?(?P<month>\d{1,2})\s*月份?(?:\s*(?P<day>\d{1,2})\s*日)?"
    r"|(?<![\d月])(?P<dayonly>\d{1,2})\s*日(?![常报])"
)
_UNITS = (
    "个工作日|个百分点|人次|万元|亿元|余件|余条|余人|余次|余个|个月|平方米|公里|千米|小时|分钟|工作日"
    "|件|条|次|个|人|篇|期|场|份|家|项|户|元|万|亿|%|％|‰|名|天|年|台|套|块|处|页|册|张|位|起|宗|批|类|所|座|间|辆|吨|亩|倍|轮|周|余|多"
)
#: Units that count things when the number is written in Chinese; not 个, 届, 部 (四个意识, 十九届,
#: 六部分 are slogans and template phrasing, not figures).
_CHINESE_UNITS = "人次|万元|件|条|次|人|篇|期|场|份|家|项|户|元|名|天|批"
_NUMBER = r"\d+(?:[.,]\d+)*"
_QUANTITY = re.compile(
    rf"(?P<digits>{_NUMBER})\s*(?:{_UNITS})"
    # Chinese numerals count only with a unit, and not 一 alone (一是, 一批, 一站式 are not figures).
    rf"|(?P<chinese>[两二三四五六七八九十百千][一二三四五六七八九十百千万两]*)\s*(?:{_CHINESE_UNITS})"
)
#: A year: the report's own year is no concrete content (the generic test swaps it for another).
_YEAR_MENTION = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)(?:\s*年度?)?")
_FIGURE = re.compile(_NUMBER)
#: An item number: `1.` `2、` `(3)` at the start of a clause is numbering, not a figure: what may
#: stand before it (`_enumerator_before`: nothing, a space, or one of these).
_CLAUSE_OPENERS = frozenset("，,。；;：:（(")
_ENUMERATOR_AFTER = re.compile(r"^\s*[、.．)）](?!\d)")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_PERSON = re.compile(
    r"(?:书记|局长|主任|镇长|乡长|县长|区长|市长|主席|科长|处长|厅长|部长|站长|所长|队长|委员)"
    r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?=同志|为|任|担任|负责|分管|兼)"
)
#: National laws and the central government's documents: every agency's report cites the same ones,
#: so they are template (ANNOTATION.md rule 6 makes only local and provincial documents concrete).
_NATIONAL_TITLE = re.compile(r"^(?:中华人民共和国|国务院|中共中央|中央办公厅|全国人民代表大会|国家)")
#: The issuer codes of central documents, as they end a number's name (`国办发`, `国办公开办函`,
#: `国务院令`): matched at the end, since the name the number pattern takes may begin with other words.
_NATIONAL_NUMBER = re.compile(r"(?:国办[\u4e00-\u9fff]{0,4}|国发|国函|国务院|中发|中办发|厅字)\s*$")
#: A word that can be a term: two characters or more, all Chinese.
_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
#: Keys of words in the reference frequencies, apart from the names' (which are letters and figures only).
WORD_KEY = "w:"
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,}(?:省|市|县|区|镇|乡|街道|村|社区|州|旗|盟)$")
#: Leading characters that make a place-like word a generic reference (全市, 各乡镇, 本街道).
_NOT_A_PLACE_START = set("全各本我该此每其他两市县区乡镇省村")


_PLACE_SUFFIXES = frozenset({"省", "市", "县", "区", "镇", "乡", "街道", "村", "社区", "州", "旗", "盟"})
#: Last characters a `_PLACE` match can have (`$` also matches before a final line break): most
#: words end otherwise and are passed over without the regex.
_PLACE_ENDINGS = frozenset(suffix[-1] for suffix in _PLACE_SUFFIXES) | {"\n"}


def _is_zero(number: str | None) -> bool:
    """A count of nothing (`0`, `0.0`, `00`): ANNOTATION.md rule 6 makes a statement of zeros generic."""
    return number is not None and not number.strip("0.,")


def _enumerator_before(text: str, position: int) -> bool:
    """What stands before `position` lets a number there be an item number: the start of the text,
    a space (`\\s`, which is `str.isspace`) or a clause opener right before it. Looks at one
    character where a regex ending in `\\s*$` searched the whole text before every figure."""
    if position == 0:
        return True
    before = text[position - 1]
    return before in _CLAUSE_OPENERS or before.isspace()


def _join_place_suffixes(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """jieba splits unknown place names before their suffix (`东湖` `县`): join them again."""
    out: list[tuple[str, int, int]] = []
    for word, start, end in words:
        if (
            word in _PLACE_SUFFIXES
            and out
            and out[-1][2] == start
            and len(out[-1][0]) >= 2
            and out[-1][0][-1] not in "省市县区镇乡村州"
        ):
            previous = out.pop()
            out.append((previous[0] + word, previous[1], end))
        else:
            out.append((word, start, end))
    return out


@dataclass(frozen=True)
class _Screen:
    """Which patterns can match a text at all: each is skipped where the text lacks what every match
    of it needs (a digit; 号 with a digit; an address mark), which finds the same spans without
    scanning for them."""

    #: `_CONTACT`, `_CONTACT_NUMBERS` (no address mark in the text) or None (no run of seven digits either).
    contact: re.Pattern[str] | None
    #: the text has a digit (`_YEAR_MENTION`, `_FIGURE` need one).
    digits: bool
    #: the text has a document number's ending (`_DOCUMENT_NUMBER` needs it).
    document_number: bool
    #: the text has a digit and a date's mark (`_DATE` needs both).
    date: bool = True


def _screen(text: str) -> _Screen:
    digits = _DIGIT.search(text) is not None
    if any(mark in text for mark in _ADDRESS_MARKS):
        contact: re.Pattern[str] | None = _CONTACT
    else:
        contact = _CONTACT_NUMBERS if digits and _SEVEN_DIGITS.search(text) else None
    date = digits and any(mark in text for mark in _DATE_MARKS)
    document_number = digits and "号" in text and _DOCUMENT_TAIL_RE.search(text) is not None
    return _Screen(contact, digits, document_number, date)


@dataclass
class SpecificityResult:
    #: Concrete items per word of the paragraph (0–1).
    score: float
    #: Number of concrete items of each category.
    counts: dict[str, int] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)


def _name_key(name: str) -> str:
    """A name as compared across reports: letters and figures only (quote and bracket styles vary),
    figures folded (the years in a title differ between years)."""
    return re.sub(r"\d+", "0", "".join(ch for ch in name if ch.isalnum()))


class SpecificityScorer(ReferenceCorpusModel):
    """Finds concrete content in a paragraph and measures its share.

    Parameters
    ----------
    common_name_share: a name (document title, document number, quoted name) used by at least this
        share of the reference reports is template, not concrete. Without `fit`, every name counts.
    tokenizer: callable text → words (for place names and the word count); None for `Tokenizer()`,
        the settings `analyze` cuts paragraphs with, so that its words are reused, not cut again.
    """

    #: Defaults of models saved before the options existed (their state has no such field).
    zeros_concrete: bool = True
    national_documents_concrete: bool = True
    rare_word_share: float | None = None

    def __init__(
        self,
        common_name_share: float = 0.05,
        tokenizer: Any = None,
        zeros_concrete: bool = True,
        national_documents_concrete: bool = True,
        rare_word_share: float | None = None,
    ) -> None:
        self.common_name_share = common_name_share
        self.tokenizer = tokenizer
        self.zeros_concrete = zeros_concrete
        self.national_documents_concrete = national_documents_concrete
        self.rare_word_share = rare_word_share

    @property
    def categories(self) -> tuple[str, ...]:
        """The kinds of concrete content this scorer counts (`CATEGORIES`, plus `RARE_WORD` where set)."""
        return CATEGORIES + ((RARE_WORD,) if self.rare_word_share is not None else ())

    def unfitted(self, **changes: Any) -> SpecificityScorer:
        """A new scorer with the same parameters (and `changes`), not fitted."""
        params = {
            "common_name_share": self.common_name_share,
            "tokenizer": self.tokenizer,
            "zeros_concrete": self.zeros_concrete,
            "national_documents_concrete": self.national_documents_concrete,
            "rare_word_share": self.rare_word_share,
        }
        return type(self)(**{**params, **changes})

    # -- fitting: which names the reference corpus shares ------------------------------------

    def document_keys(self, texts: Iterable[str]) -> set[str]:
        """The names (titles, document numbers, quoted names) one reference document uses."""
        keys: set[str] = set()
        for text in texts:
            for pattern in (_TITLE, _QUOTED):
                keys.update(_name_key(m.group(1)) for m in pattern.finditer(text))
            keys.update(_name_key(m.group(0)) for m in _DOCUMENT_NUMBER.finditer(text))
            if self.rare_word_share is not None:
                keys.update(WORD_KEY + word for word, _, _ in token_spans(self._tokenizer(), text) if _WORD.match(word))
        return keys

    def fit_keys(self, key_sets: Iterable[set[str]]) -> SpecificityScorer:
        """Count the documents using each key; keep only keys shared enough to matter (a name below
        `common_name_share`, a word below `rare_word_share` is treated as unseen), which keeps the
        shipped table small."""
        super().fit_keys(key_sets)
        frequencies = self.frequencies_
        shares = [self.common_name_share] + ([self.rare_word_share] if self.rare_word_share is not None else [])
        floor = min(shares) * frequencies.n_documents
        frequencies.counts = {key: count for key, count in frequencies.counts.items() if count >= floor}
        return self

    def _is_common_name(self, name: str) -> bool:
        frequencies = getattr(self, "frequencies_", None)
        return frequencies is not None and frequencies.share(_name_key(name)) >= self.common_name_share

    def _is_template_title(self, title: str) -> bool:
        return self._is_common_name(title) or (
            not self.national_documents_concrete and _NATIONAL_TITLE.match(title) is not None
        )

    def _is_template_number(self, number: str) -> bool:
        return self._is_common_name(number) or (
            not self.national_documents_concrete
            and _NATIONAL_NUMBER.search(number[: _DOCUMENT_TAIL_RE.search(number).start()]) is not None
        )

    def _is_rare_word(self, word: str) -> bool:
        frequencies = getattr(self, "frequencies_", None)
        return (
            frequencies is not None
            and _WORD.match(word) is not None
            and frequencies.share(WORD_KEY + word) < self.rare_word_share
        )

    # -- finding ------------------------------------------------------------------------------

    def find(self, text: str, own_names: Sequence[str] = ()) -> list[Span]:
        """Concrete spans of `text` (non-overlapping, in text order).

        `own_names`: the agency's own name(s); places inside them are not concrete (the generic
        test is whether the text could stand in another agency's report with the name swapped).
        """
        return self._find(text, own_names, token_spans(self._tokenizer(), text))

    def _find(self, text: str, own_names: Sequence[str], words: list[tuple[str, int, int]]) -> list[Span]:
        claimed = bytearray(len(text))
        spans: list[Span] = []

        def claim(start: int, end: int, kind: str) -> None:
            if start < end and not any(claimed[start:end]):
                claimed[start:end] = b"\x01" * (end - start)
                spans.append(Span(start, end, text[start:end], "specificity", kind, -1.0))

        def block(start: int, end: int) -> None:
            """Mark text as seen but not concrete (template names, the year, period bounds)."""
            claimed[start:end] = b"\x01" * (end - start)

        screen = _screen(text)
        for match in screen.contact.finditer(text) if screen.contact is not None else ():
            claim(match.start(), match.end(), "contact")
        for match in _TITLE.finditer(text):
            if self._is_template_title(match.group(1)):
                block(match.start(), match.end())
            else:
                claim(match.start(), match.end(), "document")
        for match in _DOCUMENT_NUMBER.finditer(text) if screen.document_number else ():
            if self._is_template_number(match.group(0)):
                block(match.start(), match.end())
            else:
                claim(match.start(), match.end(), "document")
        for match in _QUOTED.finditer(text):
            if self._is_common_name(match.group(1)):
                block(match.start(), match.end())
                continue
            after = text[match.end() : match.end() + 6]
            kind = (
                "platform"
                if _PLATFORM_WORDS.match(after)
                else "campaign"
                if _CAMPAIGN_WORDS.match(after)
                else "named"
            )
            claim(match.start(), match.end(), kind)
        for match in _DATE.finditer(text) if screen.date else ():
            if self._is_whole_year(match):
                block(match.start(), match.end())
            else:
                claim(match.start(), match.end(), "date")
        for match in _YEAR_MENTION.finditer(text) if screen.digits else ():
            block(match.start(), match.end())
        for match in _QUANTITY.finditer(text):
            if not self.zeros_concrete and _is_zero(match.group("digits")):
                block(match.start(), match.end())
            else:
                claim(match.start(), match.end(), "quantity")
        for match in _FIGURE.finditer(text) if screen.digits else ():
            if self._is_year_or_item_number(text, match):
                continue
            if not self.zeros_concrete and _is_zero(match.group()):
                block(match.start(), match.end())
            else:
                claim(match.start(), match.end(), "figure")
        for match in _PERSON.finditer(text):
            claim(match.start("name"), match.end("name"), "person")
        own = [name for name in own_names if name]
        for word, start, end in _join_place_suffixes(words):
            if (
                word[-1:] in _PLACE_ENDINGS
                and _PLACE.match(word)
                and word[0] not in _NOT_A_PLACE_START
                and not any(word in name or name in word for name in own)
            ):
                claim(start, end, "place")
        if self.rare_word_share is not None:
            for word, start, end in words:
                if self._is_rare_word(word):
                    claim(start, end, RARE_WORD)
        return sorted(spans, key=lambda span: span.start)

    @staticmethod
    def _is_whole_year(match: re.Match[str]) -> bool:
        """Dates that only restate the reporting year: 1月1日, 12月31日, 1-12月."""
        if match.group("range"):
            bounds = [int(x) for x in re.findall(r"\d+", match.group("range"))]
            return bounds == [1, 12]
        if match.group("month"):
            month = int(match.group("month"))
            day = int(match.group("day")) if match.group("day") else None
            return (month, day) in {(1, 1), (12, 31)}
        return False

    @staticmethod
    def _is_year_or_item_number(text: str, match: re.Match[str]) -> bool:
        if _YEAR.fullmatch(match.group()):
            return True
        return bool(_enumerator_before(text, match.start()) and _ENUMERATOR_AFTER.match(text[match.end() : match.end() + 2]))

    def _tokenizer(self) -> Any:
        if self.tokenizer is None:
            self.tokenizer = Tokenizer()
        return self.tokenizer

    def score(self, text: str, own_names: Sequence[str] = ()) -> SpecificityResult:
        """Concrete items per word (Hope, Hu & Lu: the share of a text's words that are specific,
        each concrete item counted as one word), capped at 1."""
        words = [w for w in token_spans(self._tokenizer(), text) if has_content(w[0])]
        spans = self._find(text, own_names, words)
        counts = {category: 0 for category in self.categories}
        for span in spans:
            counts[span.kind] += 1
        return SpecificityResult(min(1.0, len(spans) / len(words)) if words else 0.0, counts, spans)

    def __repr__(self) -> str:
        fitted = f", {self.frequencies_.n_documents} documents" if hasattr(self, "frequencies_") else ""
        return f"SpecificityScorer(common_name_share={self.common_name_share}{fitted})"
