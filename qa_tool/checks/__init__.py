"""The built-in rules, registered explicitly (one line each, sorted by code), and selection."""

from __future__ import annotations

from typing import Iterable

from qa_tool.checks.base import RuleFactory
from qa_tool.checks.gr01_missing_possessive_apostrophe import MissingPossessiveApostrophe
from qa_tool.checks.sg01_empty_target import EmptyTarget
from qa_tool.checks.sg02_untranslated_segment import UntranslatedSegment
from qa_tool.checks.sg03_chinese_in_target import ChineseInTarget
from qa_tool.checks.sg04_damaged_source_text import DamagedSourceText
from qa_tool.checks.sg05_uncertain_alignment import UncertainAlignment
from qa_tool.errors import InputError

BUILTIN_RULES: tuple[RuleFactory, ...] = (
    MissingPossessiveApostrophe,
    EmptyTarget,
    UntranslatedSegment,
    ChineseInTarget,
    DamagedSourceText,
    UncertainAlignment,
)


def _matches(rule: RuleFactory, selector: str) -> bool:
    """A selector is a code (GR01), a family (GR), a rule name, or ALL."""
    wanted = selector.strip()
    code = rule.meta.code
    return wanted.upper() in {"ALL", code, code[:2]} or wanted.lower() == rule.meta.name


def select_rules(select: Iterable[str] = ("ALL",), ignore: Iterable[str] = ()) -> tuple[RuleFactory, ...]:
    """The rules named by ``select`` minus those named by ``ignore``; unknown names are errors."""
    select, ignore = list(select), list(ignore)
    for selector in select + ignore:
        if not any(_matches(rule, selector) for rule in BUILTIN_RULES):
            raise InputError(f"unknown rule, family or name {selector!r} (run 'qa-tool rules' to list them)")
    return tuple(
        rule
        for rule in BUILTIN_RULES
        if any(_matches(rule, s) for s in select) and not any(_matches(rule, s) for s in ignore)
    )
