"""The built-in rules, registered explicitly (one line each, sorted by code), and selection."""

from __future__ import annotations

from typing import Iterable, Sequence

from qa_tool.checks.base import RuleFactory
from qa_tool.checks.cs01_inconsistent_translation import InconsistentTranslation
from qa_tool.checks.cs02_same_translation_for_different_sources import SameTranslationForDifferentSources
from qa_tool.checks.fm01_missing_inline_tag import MissingInlineTag
from qa_tool.checks.fm02_extra_inline_tag import ExtraInlineTag
from qa_tool.checks.fm03_broken_tag_nesting import BrokenTagNesting
from qa_tool.checks.fm04_missing_placeholder import MissingPlaceholder
from qa_tool.checks.fm05_extra_placeholder import ExtraPlaceholder
from qa_tool.checks.fm06_changed_address import ChangedAddress
from qa_tool.checks.fm07_missing_code import MissingCode
from qa_tool.checks.gr01_missing_possessive_apostrophe import MissingPossessiveApostrophe
from qa_tool.checks.gr02_repeated_word import RepeatedWord
from qa_tool.checks.gr03_double_space import DoubleSpace
from qa_tool.checks.gr04_edge_whitespace_mismatch import EdgeWhitespaceMismatch
from qa_tool.checks.gr05_runaway_repetition import RunawayRepetition
from qa_tool.checks.nm01_misspelt_name import MisspeltName
from qa_tool.checks.nm02_misread_surname import MisreadSurname
from qa_tool.checks.nm03_pinned_name_not_used import PinnedNameNotUsed
from qa_tool.checks.nm04_missing_name import MissingName
from qa_tool.checks.nm05_inconsistent_name_spelling import InconsistentNameSpelling
from qa_tool.checks.nm06_name_order import NameOrder
from qa_tool.checks.nm07_inconsistent_title_rendering import InconsistentTitleRendering
from qa_tool.checks.nm08_inconsistent_title_capitals import InconsistentTitleCapitals
from qa_tool.checks.nu01_changed_number import ChangedNumber
from qa_tool.checks.nu02_missing_number import MissingNumber
from qa_tool.checks.nu03_changed_date import ChangedDate
from qa_tool.checks.nu04_misconverted_number_scale import MisconvertedNumberScale
from qa_tool.checks.nu05_added_number import AddedNumber
from qa_tool.checks.pu01_chinese_punctuation_in_target import ChinesePunctuationInTarget
from qa_tool.checks.pu02_unpaired_quotation_mark import UnpairedQuotationMark
from qa_tool.checks.pu03_unpaired_bracket import UnpairedBracket
from qa_tool.checks.pu04_end_punctuation_mismatch import EndPunctuationMismatch
from qa_tool.checks.pu05_missing_space_after_punctuation import MissingSpaceAfterPunctuation
from qa_tool.checks.pu06_space_before_punctuation import SpaceBeforePunctuation
from qa_tool.checks.pu07_mixed_quotation_style import MixedQuotationStyle
from qa_tool.checks.pu08_doubled_punctuation import DoubledPunctuation
from qa_tool.checks.sg01_empty_target import EmptyTarget
from qa_tool.checks.sg02_untranslated_segment import UntranslatedSegment
from qa_tool.checks.sg03_chinese_in_target import ChineseInTarget
from qa_tool.checks.sg04_damaged_source_text import DamagedSourceText
from qa_tool.checks.sg05_uncertain_alignment import UncertainAlignment
from qa_tool.checks.sg06_translation_much_shorter import TranslationMuchShorter
from qa_tool.checks.sg07_translation_cut_off import TranslationCutOff
from qa_tool.checks.sp01_misspelt_word import MisspeltWord
from qa_tool.checks.sp02_run_together_word import RunTogetherWord
from qa_tool.checks.sp03_wrong_english_variant import WrongEnglishVariant
from qa_tool.checks.tm01_glossary_term_not_used import GlossaryTermNotUsed
from qa_tool.checks.tm02_forbidden_term_used import ForbiddenTermUsed
from qa_tool.checks.tm03_do_not_translate_term_changed import DoNotTranslateTermChanged
from qa_tool.errors import InputError

BUILTIN_RULES: tuple[RuleFactory, ...] = (
    InconsistentTranslation,
    SameTranslationForDifferentSources,
    MissingInlineTag,
    ExtraInlineTag,
    BrokenTagNesting,
    MissingPlaceholder,
    ExtraPlaceholder,
    ChangedAddress,
    MissingCode,
    MissingPossessiveApostrophe,
    RepeatedWord,
    DoubleSpace,
    EdgeWhitespaceMismatch,
    RunawayRepetition,
    MisspeltName,
    MisreadSurname,
    PinnedNameNotUsed,
    MissingName,
    InconsistentNameSpelling,
    NameOrder,
    InconsistentTitleRendering,
    InconsistentTitleCapitals,
    ChangedNumber,
    MissingNumber,
    ChangedDate,
    MisconvertedNumberScale,
    AddedNumber,
    ChinesePunctuationInTarget,
    UnpairedQuotationMark,
    UnpairedBracket,
    EndPunctuationMismatch,
    MissingSpaceAfterPunctuation,
    SpaceBeforePunctuation,
    MixedQuotationStyle,
    DoubledPunctuation,
    EmptyTarget,
    UntranslatedSegment,
    ChineseInTarget,
    DamagedSourceText,
    UncertainAlignment,
    TranslationMuchShorter,
    TranslationCutOff,
    MisspeltWord,
    RunTogetherWord,
    WrongEnglishVariant,
    GlossaryTermNotUsed,
    ForbiddenTermUsed,
    DoNotTranslateTermChanged,
)


def _matches(rule: RuleFactory, selector: str) -> bool:
    """A selector is a code (GR01), a family (GR), a rule name, DEFAULT (the rules that are on
    by default) or ALL (every rule, opt-in ones too)."""
    wanted = selector.strip()
    code = rule.meta.code
    if wanted.upper() == "DEFAULT":
        return rule.meta.on_by_default
    return wanted.upper() in {"ALL", code, code[:2]} or wanted.lower() == rule.meta.name


def select_rules(
    select: Iterable[str] = ("DEFAULT",), ignore: Iterable[str] = (), rules: Sequence[RuleFactory] = BUILTIN_RULES
) -> tuple[RuleFactory, ...]:
    """The ``rules`` named by ``select`` minus those named by ``ignore``; unknown names are errors."""
    select, ignore = list(select), list(ignore)
    for selector in select + ignore:
        if selector.strip().upper() not in {"ALL", "DEFAULT"} and not any(_matches(rule, selector) for rule in rules):
            raise InputError(f"unknown rule, family or name {selector!r} (run 'qa-tool rules' to list them)")
    return tuple(
        rule
        for rule in rules
        if any(_matches(rule, s) for s in select) and not any(_matches(rule, s) for s in ignore)
    )
