"""glossary: a pack's own glossary file, checked as --glossary files are (the built-in TM01,
TM02 and TM03 do the matching), but reported under the pack rule's code, severity and category,
so a house can ship its termbase as one rule of its pack."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator, Literal

from qa_tool.checks.base import CheckSettings, Characters, Rule, RuleMeta, Trigger
from qa_tool.checks.tm01_glossary_term_not_used import GlossaryTermNotUsed
from qa_tool.checks.tm02_forbidden_term_used import ForbiddenTermUsed
from qa_tool.checks.tm03_do_not_translate_term_changed import DoNotTranslateTermChanged
from qa_tool.errors import InputError
from qa_tool.glossary import Term, load_glossary, term_index
from qa_tool.model import Finding, Side
from qa_tool.normalise import NormalisedPair
from qa_tool.rule_types.base import PackRule, RuleFile, RuleType, SideName, doc

GlossaryCheck = Literal["missing", "forbidden", "do-not-translate"]

# Each check: the built-in rule that does it, and whether a term gives it anything to find.
_CHECKS: dict[str, tuple[type[Rule], Callable[[Term], bool]]] = {
    "missing": (GlossaryTermNotUsed, lambda term: bool(term.approved) and not term.do_not_translate),
    "forbidden": (ForbiddenTermUsed, lambda term: bool(term.forbidden)),
    "do-not-translate": (DoNotTranslateTermChanged, lambda term: term.do_not_translate),
}


@dataclass(frozen=True, kw_only=True)
class GlossaryOptions:
    glossary: str = field(
        metadata=doc("The glossary file (TSV, CSV or TBX, as for --glossary), relative to this .yml file.")
    )
    checks: tuple[GlossaryCheck, ...] = field(
        default=("missing", "forbidden", "do-not-translate"),
        metadata=doc(
            "Which checks run: missing (a term's approved English is not in the target, as TM01), "
            "forbidden (the target uses a forbidden rendering, as TM02), do-not-translate (a fixed "
            "form is missing or changed, as TM03)."
        ),
    )


@dataclass(frozen=True, slots=True)
class GlossaryFile:
    path: str
    checks: tuple[GlossaryCheck, ...]


def compile_glossary(options: GlossaryOptions, side: SideName | None, rule_file: RuleFile) -> GlossaryFile:
    if not options.checks:
        raise rule_file.error("'checks' is empty, so the rule never matches", "checks")
    path = Path(rule_file.path).parent / options.glossary
    if not path.is_file():
        raise rule_file.error(f"the glossary file '{options.glossary}' is not there (looked for {path})", "glossary")
    try:
        terms = load_glossary(str(path)).terms
    except InputError as error:
        if error.line is not None:
            raise  # a bad line of the glossary: its own file and line say the most
        raise rule_file.error(
            f"the glossary '{options.glossary}' cannot be used, so the rule would never match: {error.message}", "glossary"
        ) from None
    if not any(_CHECKS[check][1](term) for check in options.checks for term in terms):
        raise rule_file.error(
            f"no term of '{options.glossary}' has anything for the checks {', '.join(options.checks)} "
            "(approved renderings, forbidden ones or a do-not-translate mark), so the rule never matches",
            "checks",
        )
    return GlossaryFile(str(path), tuple(dict.fromkeys(options.checks)))


def _trigger(compiled: GlossaryFile) -> Trigger | None:
    """Every check reports a term found in the source's matching view, so the source holds
    each character of that term's form there. A pair is asked about when its source holds the
    characters every form shares (一, 带 and 路 for a glossary of 一带一路 alone), or else the last
    character of some form: a pair without them has no term, and most pairs have none."""
    index = term_index((compiled.path,))
    forms = index.forms if index is not None else ()
    if not forms:
        return None
    shared = set(forms[0]).intersection(*forms[1:])
    if shared:
        return Trigger(
            tuple(Characters(Side.SOURCE, frozenset(character), f"'{character}'", matching_view=True) for character in sorted(shared)),
            require_all=True,
        )
    last = frozenset(form[-1] for form in forms)
    return Trigger((Characters(Side.SOURCE, last, "the last character of a term", matching_view=True),))


class GlossaryRule(PackRule[GlossaryFile]):
    def __init__(self, settings: CheckSettings, meta: RuleMeta, message: str, compiled: GlossaryFile) -> None:
        super().__init__(settings, meta, message, compiled)
        own = replace(settings, glossaries=(compiled.path,))
        self._checks = [_CHECKS[check][0](own) for check in compiled.checks]

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        for check in self._checks:
            for found in check.check_segment(pair):
                message = self.say(details=found.message, match=found.match, replacement=found.replacement or "")
                yield self.finding(found.pair, message, spans=found.spans, replacement=found.replacement)


GLOSSARY: RuleType[GlossaryFile] = RuleType(
    name="glossary",
    summary="The pack's own glossary file: approved terms used, forbidden ones not, fixed forms kept.",
    options=GlossaryOptions,
    compile=compile_glossary,
    rule=GlossaryRule,
    placeholders={
        "details": "what the glossary check found, in its own words (names the term and its approved English)",
        "match": "the text the finding points at: the Chinese term, or the wrong English",
        "replacement": "the approved or fixed English offered as the fix (empty when there is none)",
    },
    default_message="{details}",
    trigger=_trigger,
)
