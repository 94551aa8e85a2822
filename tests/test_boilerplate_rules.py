"""Specificity's sixth-round options: zero counts (ANNOTATION.md rule 6), national documents, rare words.

Example texts are written for these tests; the labelled paragraphs of ../shared are only damaged
(their figures set to zero) and scored, never copied.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pytest

from nlp.boilerplate.generic import GenericModel
from nlp.boilerplate.score import STACK_FEATURES, BoilerplateScorer
from nlp.boilerplate.specificity import CATEGORIES, RARE_WORD, SpecificityScorer
from nlp.tokenize import Tokenizer

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer().initialize()


def kinds(spans) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for span in spans:
        found[span.kind].append(span.text)
    return dict(found)


# -- zeros -------------------------------------------------------------------------------------

ZEROS = "本年度新收政府信息公开申请0件，上年结转0件，本年度办结0件，未发生行政复议和行政诉讼（0.0万元）。"


def test_a_statement_of_zeros_has_no_concrete_content_when_zeros_are_not_concrete(tokenizer):
    rule = SpecificityScorer(tokenizer=tokenizer, zeros_concrete=False)
    assert rule.find(ZEROS) == []
    assert rule.score(ZEROS).score == 0.0
    # the same statement with real counts is concrete, and a zero beside them does not hide them
    counted = ZEROS.replace("申请0件", "申请17件").replace("办结0件", "办结15件")
    assert kinds(rule.find(counted))["quantity"] == ["17件", "15件"]
    assert rule.score(counted).score > 0
    # a bare zero figure (no unit) is not concrete either; a bare 5 is
    assert rule.find("累计数0，比上年增加5") and [s.text for s in rule.find("累计数0，比上年增加5")] == ["5"]


def test_by_default_and_in_models_saved_before_the_option_zeros_count(tokenizer):
    assert kinds(SpecificityScorer(tokenizer=tokenizer).find(ZEROS))["quantity"] == ["0件", "0件", "0件", "0.0万元"]
    old = SpecificityScorer(tokenizer=tokenizer, zeros_concrete=False)
    del old.__dict__["zeros_concrete"]  # the state of a scorer saved before the option existed
    assert len(old.find(ZEROS)) == 4


def _zero_counts(text: str, spans) -> str:
    """`text` with the figure of each counted quantity set to 0 (dates and years left alone)."""
    for span in sorted((s for s in spans if s.kind == "quantity" and _DIGITS.search(s.text)), key=lambda s: -s.start):
        text = text[: span.start] + _DIGITS.sub("0", span.text) + text[span.end :]
    return text


def test_zeroing_the_counts_of_labelled_paragraphs_leaves_no_concrete_count(labelled_records, tokenizer):
    """Damage made from the shared labels: every count of a paragraph set to 0 (a statement that
    reports nothing). No counted quantity is concrete then; the paragraphs whose only concrete items
    were counts have no concrete content left."""
    rule = SpecificityScorer(tokenizer=tokenizer, zeros_concrete=False)
    texts = [r["text"] for r in labelled_records if r.get("kind") == "narrative" and r.get("text") and _DIGITS.search(r["text"])]
    assert len(texts) > 200
    zeroed_some = counts_only = 0
    for text in texts[:400]:
        spans = rule.find(text)
        zeroed = _zero_counts(text, spans)
        if zeroed == text:
            continue
        zeroed_some += 1
        # (a count in Chinese numerals, 七次, has no figure to zero and stays)
        assert not [q for q in kinds(rule.find(zeroed)).get("quantity", []) if _DIGITS.search(q)], zeroed
        if all(s.kind == "quantity" and _DIGITS.search(s.text) for s in spans):
            counts_only += 1
            assert rule.score(zeroed).score == 0.0, zeroed
    assert zeroed_some > 100 and counts_only > 10, (zeroed_some, counts_only)


# -- national documents ------------------------------------------------------------------------

NATIONAL = (
    "根据《中华人民共和国政府信息公开条例》和《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》"
    "（国办函〔2020〕109号）规定，本年度未收取信息处理费。"
)
LOCAL = "按照《青石市政府信息公开规定》（青政办发〔2021〕5号）要求，编制本年度报告。"


def test_national_documents_are_template_local_documents_concrete(tokenizer):
    rule = SpecificityScorer(tokenizer=tokenizer, national_documents_concrete=False)
    assert rule.find(NATIONAL) == []
    assert kinds(rule.find(LOCAL))["document"] == ["《青石市政府信息公开规定》", "青政办发〔2021〕5号"]
    # as before, where the option is on (the default of a scorer saved before it)
    assert len(kinds(SpecificityScorer(tokenizer=tokenizer).find(NATIONAL))["document"]) == 3
    # a template paragraph that also names a local document keeps that one
    both = NATIONAL.replace("本年度", "按照《青石市政务公开考核办法》，本年度")
    assert kinds(rule.find(both))["document"] == ["《青石市政务公开考核办法》"]


def test_national_document_numbers_of_every_central_issuer_are_template(tokenizer):
    rule = SpecificityScorer(tokenizer=tokenizer, national_documents_concrete=False)
    for number in ("国办发〔2019〕29号", "国发〔2016〕55号", "国办公开办函〔2021〕30号", "国务院令第711号"):
        assert rule.find(f"按照{number}文件要求做好公开。") == [], number
    # a provincial number stays concrete, whatever words the number's pattern takes in before it
    for text in ("按照湘政办函〔2022〕12号文件要求做好公开。", "转发国务院通知的湘政办发〔2022〕3号文件已公开。"):
        (found,) = kinds(rule.find(text))["document"]
        assert found.endswith("〔2022〕12号") or found.endswith("〔2022〕3号"), text


# -- rare words --------------------------------------------------------------------------------

TEMPLATE = [
    "我局高度重视政府信息公开工作，加强组织领导，完善工作机制。",
    "认真落实政府信息公开条例，及时主动公开政府信息，做好政策解读。",
    "依申请公开工作规范有序，严格按照法定时限答复。",
    "下一步，我局将进一步加强业务培训，提高工作人员业务水平。",
]


def _corpus(n: int = 30) -> list[list[str]]:
    """`n` reference reports that share the template and each add a word of their own."""
    own = ["水利", "交通", "教育", "医保", "税务", "文旅", "农业", "林业", "民政", "审计"]
    return [TEMPLATE + [f"围绕{own[i % len(own)]}工作做好公开。"] for i in range(n)]


def test_words_few_reference_reports_use_are_concrete_terms(tokenizer):
    rule = SpecificityScorer(tokenizer=tokenizer, rare_word_share=0.2).fit(_corpus())
    assert rule.categories == CATEGORIES + (RARE_WORD,)
    assert rule.find(TEMPLATE[0]) == []
    measure = "我局将推进征地档案数字化，提高检索效率。"
    terms = kinds(rule.find(measure)).get(RARE_WORD, [])
    assert "征地" in terms and "档案" in terms
    assert rule.score(measure).counts[RARE_WORD] == len(terms)
    # a word a tenth of the reports use is below a share of 0.2: rare; the template's words are not
    assert kinds(rule.find("围绕水利工作做好公开。")).get(RARE_WORD) == ["水利"]
    # off (None, and a scorer saved before the option): no such kind is counted
    plain = SpecificityScorer(tokenizer=tokenizer, rare_word_share=None).fit(_corpus())
    assert RARE_WORD not in plain.score(measure).counts and plain.categories == CATEGORIES
    old = SpecificityScorer(tokenizer=tokenizer, rare_word_share=0.2).fit(_corpus())
    del old.__dict__["rare_word_share"]  # the state of a scorer saved before the option existed
    assert old.rare_word_share is None and RARE_WORD not in kinds(old.find(measure))


def test_the_fitted_table_keeps_only_keys_shared_enough_to_matter(tokenizer):
    rule = SpecificityScorer(common_name_share=0.2, tokenizer=tokenizer, rare_word_share=0.2).fit(_corpus())
    counts = rule.frequencies_.counts
    assert counts and min(counts.values()) >= 0.2 * 30
    assert "w:水利" not in counts and "w:工作人员" in counts
    # the table holds what the lower of the two shares needs: a name at 0.05 keeps words of 3 reports
    wide = SpecificityScorer(common_name_share=0.05, tokenizer=tokenizer, rare_word_share=0.2).fit(_corpus())
    assert wide.frequencies_.counts["w:水利"] == 3 and wide.find("围绕水利工作做好公开。")


def test_a_scorer_with_rare_words_stacks_their_count(tokenizer):
    generic = [text for report in _corpus(12) for text in report[:4]]
    specific = [f"全年受理{w}领域申请{i + 3}件，印发《青石市{w}公开办法》。" for i, w in enumerate("甲乙丙丁戊己庚辛壬癸子丑")]
    texts = generic[:24] + specific
    y = np.array([1] * 24 + [0] * len(specific))
    groups = [f"r{i % 6}" for i in range(len(texts))]
    specificity = SpecificityScorer(tokenizer=tokenizer, rare_word_share=0.2).fit(_corpus())
    scorer = BoilerplateScorer(None, specificity, GenericModel(), inner_folds=3).fit(texts, y, groups)
    assert scorer.stack_features == STACK_FEATURES + (f"n_{RARE_WORD}",)
    assert set(scorer.stack_weights) == set(scorer.stack_features)
    high, low = scorer.score([TEMPLATE[1], "印发《青石市征地公开办法》，受理征地申请9件。"], explain=False)
    assert high.boilerplate > low.boilerplate
    assert low.concrete[RARE_WORD] >= 1


def test_unfitted_copies_keep_every_option(tokenizer):
    rule = SpecificityScorer(0.1, tokenizer, zeros_concrete=False, national_documents_concrete=False, rare_word_share=0.03)
    copy = rule.unfitted()
    assert (copy.common_name_share, copy.zeros_concrete, copy.national_documents_concrete, copy.rare_word_share) == (
        0.1, False, False, 0.03,
    )
    assert copy.tokenizer is tokenizer and not hasattr(copy, "frequencies_")
    assert rule.unfitted(rare_word_share=None).categories == CATEGORIES


def test_fit_boilerplate_with_rare_words_writes_models_that_load_with_their_count(tmp_path):
    """The option goes through fitting, the cards and loading: the stacker's inputs saved with the
    model include the count of rare words, and the loaded scorer counts them."""
    from nlp.boilerplate.train import CORPUS_MODEL, GENERIC_MODEL, fit_boilerplate, load_boilerplate_scorer
    from tests.test_boilerplate import write_labels

    labels = tmp_path / "labels.jsonl"
    write_labels(labels)
    cards = fit_boilerplate([labels], labels=labels, output_dir=tmp_path / "m", folds=2, rare_word_share=0.5)
    assert cards[CORPUS_MODEL]["params"]["rare_word_share"] == 0.5
    assert cards[CORPUS_MODEL]["n_words_kept"] > 0
    assert cards[GENERIC_MODEL]["stack_features"][-1] == f"n_{RARE_WORD}"
    scorer = load_boilerplate_scorer(tmp_path / "m")
    assert scorer.specificity.rare_word_share == 0.5
    (score,) = scorer.score(["全年办理征地拆迁档案查询申请。"], explain=False)
    assert score.concrete[RARE_WORD] >= 1
