"""The three statistical tables of the 2019 and 2021 templates: row and column keys, label patterns.

Keys follow ``TABLES.md``. Label patterns are matched against *compact* label text (see
`compact`): NFKC-folded (full-width digits and brackets become ASCII), whitespace and table
furniture removed, so that ``行 政 许 可``, ``（七）总计`` and ``(七) 总计`` all read alike. Each row
has *strong* patterns (words only that row uses) and *weak* ones (words it shares with a
neighbour, such as ``行政机关不再处理`` in both 三（六）1 and 三（六）2). Patterns name what a row
is about rather than quote the template, so that agencies' rewordings (``本年度新收到``,
``上一年度结转``, ``行政规范性文件`` / ``规范性文件``) still match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

TABLE_KEYS: tuple[str, ...] = ("active", "requests", "review_litigation")
TEMPLATES: tuple[str, ...] = ("2019", "2021")

#: Columns of table 三 (both templates), in printed order.
REQUEST_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)
#: Columns of table 四 for each of its three rows, in printed order.
REVIEW_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other_result", "pending", "total")
REVIEW_ROWS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")


@cache
def compile_alternatives(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching wherever any of `patterns` does."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@dataclass(frozen=True)
class RowSpec:
    """One row of a table: its key, its columns and the words that name it."""

    key: str
    columns: tuple[str, ...]
    strong: tuple[str, ...]
    weak: tuple[str, ...] = ()
    #: The row's item number under its group (`3.` of `三（三）3.`), weak evidence for a bare `3.`.
    item: int | None = None
    chinese: str = ""
    #: For a variant row (`TableSpec.variants`): the template rows it stands in for.
    replaces: tuple[str, ...] = ()
    strong_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    weak_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "strong_re", compile_alternatives(self.strong))
        object.__setattr__(self, "weak_re", compile_alternatives(self.weak) if self.weak else None)


@dataclass(frozen=True)
class TableSpec:
    key: str
    rows: tuple[RowSpec, ...]
    #: Rows printed in template order, so that unlabeled rows may be placed by their position.
    ordered: bool = True
    #: Rows a report may print in place of some of the template's (`RowSpec.replaces`): agencies
    #: that kept the 2019 form's one-row （六）其他处理 in a 2021 table. They are read, never expected.
    variants: tuple[RowSpec, ...] = ()
    #: Any word of any row (strong or weak): most lines name none, and one search tells so.
    names_re: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = tuple(word for row in self.rows for word in (*row.strong, *row.weak))
        object.__setattr__(self, "names_re", compile_alternatives(words) if words else re.compile(r"(?!)"))

    def row(self, key: str) -> RowSpec:
        for variant in self.variants:
            if variant.key == key:
                return variant
        return self.rows[self.position(key)]

    def with_variants(self) -> TableSpec:
        """The table to read by: each variant row stands just before the first row it replaces."""
        if not self.variants or any(v.key in self.row_keys for v in self.variants):
            return self
        rows: list[RowSpec] = []
        for row in self.rows:
            rows.extend(v for v in self.variants if v.replaces[:1] == (row.key,))
            rows.append(row)
        return TableSpec(self.key, tuple(rows), self.ordered, self.variants)

    def position(self, key: str) -> int:
        for index, row in enumerate(self.rows):
            if row.key == key:
                return index
        raise KeyError(key)

    @property
    def row_keys(self) -> tuple[str, ...]:
        return tuple(row.key for row in self.rows)

    @property
    def variant_keys(self) -> frozenset[str]:
        """The keys of the rows another form prints instead of some of this table's (`variants`)."""
        return frozenset(variant.key for variant in self.variants)

    def keys_as_printed(self, read: Iterable[str]) -> tuple[str, ...]:
        """The rows a report that printed the rows `read` is expected to have: the template's, with
        a variant that was read in place of the rows it replaces (a 2021 table 三 with the 2019
        form's one-row （六）其他处理 has that row, not the three it stands for)."""
        read = set(read)
        used = [v for v in self.variants if v.key in read]
        if not used:
            return self.row_keys
        keys: list[str] = []
        for key in self.row_keys:
            keys.extend(v.key for v in used if v.replaces[:1] == (key,))
            if not any(key in v.replaces for v in used):
                keys.append(key)
        return tuple(keys)


@dataclass(frozen=True)
class Template:
    name: str
    tables: dict[str, TableSpec]

    def table(self, key: str) -> TableSpec:
        return self.tables[key]


# --------------------------------------------------------------------------------------------
# Compact label text
# --------------------------------------------------------------------------------------------

_FURNITURE = re.compile(r"[\s|#*`>\u3000]+")
#: Characters folded by `compact`, one for one (`str.replace` per character: `str.translate` with a
#: mapping looks every character of a long paragraph up in a dict).
_QUOTES = (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("、", "."), ("．", "."), ("。", "."))


def compact(text: str) -> str:
    """Label text reduced for matching: NFKC, no spaces or table/markdown furniture, `、` → `.`."""
    folded = _FURNITURE.sub("", unicodedata.normalize("NFKC", text))
    for old, new in _QUOTES:
        if old in folded:
            folded = folded.replace(old, new)
    return folded


# --------------------------------------------------------------------------------------------
# Table 二 (active disclosure)
# --------------------------------------------------------------------------------------------

_REGULATIONS = (r"规章",)
_NORMATIVE = (r"规范性",)
_LICENSING = (r"行政许可",)
_OTHER_SERVICES = (r"对外管理服务", r"其他对外管", r"对外管理")
_PUNISHMENT = (r"行政处罚",)
_COERCION = (r"行政强制",)
_FEES = (r"事业性收费", r"行政收费", r"行政事业性")
_PROCUREMENT = (r"集中采购", r"政府采购", r"集中采")

ACTIVE_2021 = TableSpec(
    "active",
    (
        RowSpec("regulations", ("issued", "repealed", "in_force"), _REGULATIONS, chinese="规章"),
        RowSpec("normative_documents", ("issued", "repealed", "in_force"), _NORMATIVE, chinese="行政规范性文件"),
        RowSpec("licensing", ("decisions",), _LICENSING, chinese="行政许可"),
        RowSpec("punishment", ("decisions",), _PUNISHMENT, chinese="行政处罚"),
        RowSpec("coercion", ("decisions",), _COERCION, chinese="行政强制"),
        RowSpec("fees", ("amount",), _FEES, chinese="行政事业性收费"),
    ),
    ordered=False,
)
ACTIVE_2019 = TableSpec(
    "active",
    (
        RowSpec("regulations", ("new_made", "new_published", "total_published"), _REGULATIONS, chinese="规章"),
        RowSpec("normative_documents", ("new_made", "new_published", "total_published"), _NORMATIVE, chinese="规范性文件"),
        RowSpec("licensing", ("prev_items", "change", "decisions"), _LICENSING, chinese="行政许可"),
        RowSpec("other_services", ("prev_items", "change", "decisions"), _OTHER_SERVICES, chinese="其他对外管理服务事项"),
        RowSpec("punishment", ("prev_items", "change", "decisions"), _PUNISHMENT, chinese="行政处罚"),
        RowSpec("coercion", ("prev_items", "change", "decisions"), _COERCION, chinese="行政强制"),
        RowSpec("fees", ("prev_items", "change"), _FEES, chinese="行政事业性收费"),
        RowSpec("procurement", ("items", "amount"), _PROCUREMENT, chinese="政府集中采购"),
    ),
    ordered=False,
)

#: What the words of a cell's note say about its column (`22（其中修订16件）` is an issued count).
COLUMN_NOTE_WORDS: dict[str, tuple[str, ...]] = {
    "issued": (r"修订", r"修改", r"制发", r"制定", r"印发", r"出台", r"新增"),
    "repealed": (r"废止", r"失效", r"废除", r"宣布失效"),
    "in_force": (r"现行有效", r"有效"),
    "new_made": (r"新制作", r"制作"),
    "new_published": (r"新公开",),
    "total_published": (r"公开总", r"累计"),
}

# --------------------------------------------------------------------------------------------
# Table 三 (requests)
# --------------------------------------------------------------------------------------------

_NOT_PROCESSED_SHARED = (r"不再处理",)


def _request_rows(other_rows: tuple[RowSpec, ...]) -> tuple[RowSpec, ...]:
    c = REQUEST_COLUMNS
    head = (
        RowSpec("new_received", c, (r"新收", r"新受理", r"本年度?(?:新)?(?:收到|受理|接收)", r"本年度?申请数"), chinese="一、本年新收"),
        RowSpec("carried_over", c, (r"上一?年度?(?:结转|转结|遗留)", r"往年结转", r"上年度?未办结"), chinese="二、上年结转"),
        RowSpec("granted", c, (r"予以公开", r"同意公开", r"全部公开"), chinese="（一）予以公开"),
        RowSpec("partially_granted", c, (r"部分公开",), chinese="（二）部分公开"),
        RowSpec("denied_state_secret", c, (r"国家秘密",), item=1, chinese="不予公开 1. 属于国家秘密"),
        RowSpec("denied_prohibited", c, (r"行政法规禁止", r"法律法规禁止", r"禁止公开", r"其他法律\.?行政"), item=2, chinese="不予公开 2. 其他法律行政法规禁止公开"),
        RowSpec("denied_security_stability", c, (r"三安全一稳定", r"危及"), item=3, chinese="不予公开 3. 危及“三安全一稳定”"),
        RowSpec("denied_third_party", c, (r"第三方",), item=4, chinese="不予公开 4. 保护第三方合法权益"),
        RowSpec("denied_internal_affairs", c, (r"内部事务",), item=5, chinese="不予公开 5. 属于三类内部事务信息"),
        RowSpec("denied_process_info", c, (r"过程性",), item=6, chinese="不予公开 6. 属于四类过程性信息"),
        RowSpec("denied_enforcement_files", c, (r"执法案卷",), item=7, chinese="不予公开 7. 属于行政执法案卷"),
        RowSpec("denied_admin_query", c, (r"行政查询", r"查询事项"), item=8, chinese="不予公开 8. 属于行政查询事项"),
        RowSpec("unavailable_not_held", c, (r"不掌握", r"未掌握"), item=1, chinese="无法提供 1. 本机关不掌握相关政府信息"),
        RowSpec("unavailable_needs_creation", c, (r"另行制作", r"没有现成", r"无现成"), item=2, chinese="无法提供 2. 没有现成信息需要另行制作"),
        RowSpec("unavailable_unclear", c, (r"仍不明确", r"补正后"), item=3, chinese="无法提供 3. 补正后申请内容仍不明确"),
        RowSpec("not_processed_complaint", c, (r"信访", r"举报", r"投诉"), item=1, chinese="不予处理 1. 信访举报投诉类申请"),
        RowSpec("not_processed_duplicate", c, (r"重复申请",), item=2, chinese="不予处理 2. 重复申请"),
        RowSpec("not_processed_publication", c, (r"出版物",), item=3, chinese="不予处理 3. 要求提供公开出版物"),
        RowSpec("not_processed_mass_repeat", c, (r"大量反复", r"反复申请"), item=4, chinese="不予处理 4. 无正当理由大量反复申请"),
        RowSpec(
            "not_processed_confirmation", c, (r"重新出具", r"确认或", r"已获取(?:的)?信息"), item=5,
            chinese="不予处理 5. 要求行政机关确认或重新出具已获取信息",
        ),
    )
    tail = (
        RowSpec("total_handled", c, (r"\(?七\)?\.?(?:总计|合计)",), weak=(r"^总计$", r"^合计$"), chinese="（七）总计"),
        RowSpec(
            "carried_forward", c, (r"结转下", r"转下一?年", r"下一?年度?继续", r"结转至下", r"转入下", r"顺延"),
            chinese="四、结转下年度继续办理",
        ),
    )
    return head + other_rows + tail


_OTHER_HANDLING = (r"其他处理", r"其它处理")
REQUESTS_2019 = TableSpec("requests", _request_rows((RowSpec("other_handling", REQUEST_COLUMNS, _OTHER_HANDLING),)))
REQUESTS_2021 = TableSpec(
    "requests",
    _request_rows(
        (
            RowSpec(
                "other_overdue_correction", REQUEST_COLUMNS, (r"逾期不补", r"不补正", r"无正当理由逾期"),
                weak=_NOT_PROCESSED_SHARED, item=1, chinese="其他处理 1. 逾期不补正",
            ),
            RowSpec(
                "other_unpaid_fee", REQUEST_COLUMNS, (r"收费通知", r"缴纳费用", r"未按.{0,4}缴", r"逾期未按", r"缴费"),
                weak=_NOT_PROCESSED_SHARED, item=2, chinese="其他处理 2. 逾期未缴费",
            ),
            RowSpec("other_misc", REQUEST_COLUMNS, (r"^(?:\d\.?|\(?三\)?\.?)?其[他它]$",), item=3, chinese="其他处理 3. 其他"),
        )
    ),
    variants=(
        RowSpec(
            "other_handling", REQUEST_COLUMNS, _OTHER_HANDLING, chinese="（六）其他处理 as one row (2019 form)",
            replaces=("other_overdue_correction", "other_unpaid_fee", "other_misc"),
        ),
    ),
)

#: Rule 2 of TABLES.md, per column: the rows in (一 本年新收 + 二 上年结转) equal the rows out ((七) 总计 + 四 结转下年度).
BALANCE_IN: tuple[str, ...] = ("new_received", "carried_over")
BALANCE_OUT: tuple[str, ...] = ("total_handled", "carried_forward")


def outcome_rows(row_keys: Sequence[str]) -> list[str]:
    """Rule 3's outcome rows （一）–（六） of table 三 as printed (`TableSpec.keys_as_printed`): they add up to （七）总计."""
    start, end = row_keys.index("granted"), row_keys.index("total_handled")
    return list(row_keys[start:end])


# --------------------------------------------------------------------------------------------
# Table 四 (review and litigation)
# --------------------------------------------------------------------------------------------

REVIEW = TableSpec(
    "review_litigation",
    (
        RowSpec("review", REVIEW_COLUMNS, (r"行政复议",), chinese="行政复议"),
        RowSpec("litigation_direct", REVIEW_COLUMNS, (r"未经复议", r"直接起诉"), chinese="行政诉讼·未经复议直接起诉"),
        RowSpec("litigation_after_review", REVIEW_COLUMNS, (r"复议后",), chinese="行政诉讼·复议后起诉"),
    ),
)

TEMPLATE_2019 = Template("2019", {"active": ACTIVE_2019, "requests": REQUESTS_2019, "review_litigation": REVIEW})
TEMPLATE_2021 = Template("2021", {"active": ACTIVE_2021, "requests": REQUESTS_2021, "review_litigation": REVIEW})


def get_template(name: str) -> Template:
    if name == "2019":
        return TEMPLATE_2019
    if name == "2021":
        return TEMPLATE_2021
    raise ValueError(f"unknown template {name!r} (expected one of {TEMPLATES})")


# --------------------------------------------------------------------------------------------
# Recognising the template
# --------------------------------------------------------------------------------------------

#: Header words only one template prints (compact text).
TEMPLATE_MARKERS: dict[str, re.Pattern[str]] = {
    "2021": re.compile(
        r"本年制发|本年废止|废止件数|现行有效件数|本年收费金额|逾期不补正|收费通知|缴纳费用|不再处理其政府信息"
    ),
    "2019": re.compile(
        r"本年新制作|新制作数量|本年新公开|新公开数量|对外公开总|上一年项目|本年增/?减|采购项目数|采购总金额|对外管理服务事项"
    ),
}


def template_votes(texts: list[str]) -> dict[str, int]:
    """How many lines carry each template's own header words."""
    votes = {name: 0 for name in TEMPLATE_MARKERS}
    for text in texts:
        for name, pattern in TEMPLATE_MARKERS.items():
            if pattern.search(text):
                votes[name] += 1
    return votes


def recognise_template(texts: list[str], year: int | None = None) -> str | None:
    """The template named by the table headers in `texts` (compact lines); the year breaks ties."""
    votes = template_votes(texts)
    if votes["2021"] > votes["2019"]:
        return "2021"
    if votes["2019"] > votes["2021"]:
        return "2019"
    if year is not None:
        return "2021" if year >= 2021 else "2019"
    return None


# --------------------------------------------------------------------------------------------
# Matching labels to rows
# --------------------------------------------------------------------------------------------

STRONG, WEAK = 2, 1
#: Where an item label starts (`3、其它`, `（六）其他处理`), to cut labels glued together (`compact` text or raw).
ITEM_START = re.compile(r"(?=[1-9][.、．](?=[\u4e00-\u9fff]))|(?=[（(][一二三四五六七八九十]{1,2}[）)])")


def match_rows(table: TableSpec, text: str) -> dict[str, int]:
    """Rows of `table` named in compact `text`: row key → STRONG or WEAK."""
    found: dict[str, int] = {}
    if not text or not table.names_re.search(text):
        return found
    for row in table.rows:
        if row.strong_re.search(text):
            found[row.key] = STRONG
        elif row.weak_re is not None and row.weak_re.search(text):
            found[row.key] = WEAK
    return found


def names_any_row(table: str, text: str) -> bool:
    """True if compact `text` names a row of `table` in either template (strong words only)."""
    return any(
        name for template in (TEMPLATE_2019, TEMPLATE_2021) for name, s in match_rows(template.table(table), text).items() if s == STRONG
    )


def note_column(note: str, columns: tuple[str, ...]) -> str | None:
    """The column a cell note names (`其中修订16件` → issued), if exactly one of `columns` fits."""
    text = compact(note)
    hits = [c for c in columns if any(re.search(w, text) for w in COLUMN_NOTE_WORDS.get(c, ()))]
    return hits[0] if len(hits) == 1 else None
