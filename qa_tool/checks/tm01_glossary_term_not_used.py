from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from qa_tool.checks.acronyms import DefinedAcronyms, acronym_definitions, acronyms_used
from qa_tool.checks.base import CheckSettings, Example, Rule, RuleMeta, Scope, original_spans
from qa_tool.checks.near_miss import NearMisses
from qa_tool.glossary import RenderingPattern, Term, either, rendering_pattern, term_index
from qa_tool.model import Finding, SegmentPair, Severity, Side
from qa_tool.normalise import NormalisedPair

_PROVIDENT_FUND = "zh\ten\n强积金\tMandatory Provident Fund\n"
_GLOSSARY = "zh\ten\n外办\tForeign Affairs Office\n重庆邮电大学\tChongqing University of Posts and Telecommunications\n"


class GlossaryTermNotUsed(Rule):
    # The misses of a pair are found where it is normalised; the acronyms defined so far are
    # the document's state.
    splits_document_work = True
    meta = RuleMeta(
        code="TM01",
        name="glossary-term-not-used",
        category="Terminology/Inconsistent with terminology resource",
        severity=Severity.MINOR,
        summary="A glossary term is in the Chinese, but none of its approved English renderings is in the target.",
        rationale=(
            "A glossary (--glossary, TSV/CSV/TBX) fixes how recurring names and terms are "
            "translated, so readers meet one name for one thing. The Chinese is searched in the "
            "glossary's own script, folded to simplified only where glossary and text differ "
            "(發展 is not in 頭髮展覽); a two-character term must be a word of its sentence (合同 "
            "is not in 结合同类产品); when terms overlap the longest wins (重庆邮电大学, not 重庆). "
            "The English may use any approved rendering in any case, any word inflected or "
            "possessive, compounds open, hyphenated or closed, a bracketed part dropped or its "
            "acronym used alone, '&' for 'and', and a currency in any of its forms. "
            "The message names the approved renderings and quotes what the English has instead "
            "when a phrase ends in the same head word and reads nearly alike (\"found 'macro "
            "prudent policy'\" for macroprudential policy). An acronym the document defined "
            "earlier for an approved rendering counts as that rendering (\"the Mandatory Provident "
            "Fund (MPF)\", then \"the MPF\"); one defined later, or in another file, does not. "
            "Without a glossary the rule does nothing. Left to other rules: terms whose target "
            "uses a forbidden rendering (TM02), do-not-translate terms (TM03), and empty or "
            "untranslated targets (SG01, SG02)."
        ),
        examples=(
            Example(
                "市政府外办主任",
                "Director of the municipal foreign office",
                True,
                "glossary: 外办 → Foreign Affairs Office",
                glossary=_GLOSSARY,
            ),
            Example(
                "市政府外辦主任",
                "Director of the Foreign Affairs Office",
                False,
                "traditional 外辦 matches the simplified glossary entry",
                glossary=_GLOSSARY,
            ),
            Example(
                "重庆邮电大学副校长",
                "Vice President of Chongqing University of Posts and Telecommunications",
                False,
                "the longer term 重庆邮电大学 is matched, not 重庆 inside it",
                glossary="zh\ten\n重庆\tChongqing Municipality\n重庆邮电大学\tChongqing University of Posts and Telecommunications\n",
            ),
            Example(
                "强积金供款",
                "MPF contributions",
                False,
                "MPF was defined earlier in the document as the approved rendering",
                glossary=_PROVIDENT_FUND,
                earlier=(("推出强积金", "launched the Mandatory Provident Fund (MPF)"),),
            ),
            Example(
                "强积金供款",
                "MPF contributions",
                True,
                "the document never said what MPF stands for",
                glossary=_PROVIDENT_FUND,
                earlier=(("推出强积金", "launched the Mandatory Provident Fund"),),
            ),
            Example("市政府外办主任", "Director of the municipal foreign office", False, "no glossary given"),
        ),
        scope=Scope.DOCUMENT,
    )

    def __init__(self, settings: CheckSettings) -> None:
        super().__init__(settings)
        self._index = term_index(settings.glossaries)
        self._acronyms = DefinedAcronyms()
        # What each term found so far is looked for by, by source: a term is found in
        # thousands of pairs, and its patterns and message are the same in each.
        self._renderings: dict[str, _Renderings] = {}

    def prepare(self, pairs: Sequence[NormalisedPair]) -> None:
        if self._index is not None:
            self._index.prepare(pairs)

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        """The pair's findings, judged on the pair alone (a pack's glossary rule asks so)."""
        for finding, _ in self._misses(pair):
            yield finding

    def observe(self, pair: NormalisedPair) -> _Observed | None:
        if self._index is None:
            return None
        target = pair.target_match.text
        misses = tuple(self._misses(pair))
        definitions = acronym_definitions(target)
        if not misses and not definitions:
            return None
        used = acronyms_used(target) if misses else ()
        return _Observed(tuple((finding, approved, used) for finding, approved in misses), definitions)

    def absorb(self, pair: SegmentPair, observed: _Observed | None) -> Iterator[Finding]:
        if observed is None:
            return
        for finding, approved, used in observed.misses:
            if not self._acronyms.stand_for(approved, used):
                yield finding
        self._acronyms.record(observed.definitions)

    def _misses(self, pair: NormalisedPair) -> Iterator[tuple[Finding, tuple[str, ...]]]:
        """Each finding, with the approved renderings it names."""
        target = pair.target_match.text
        if self._index is None or not target.strip() or pair.pair.source.strip() == pair.pair.target.strip():
            return
        reported: set[str] = set()
        for match in self._index.find(pair.source_match.text, pair.source):
            term = match.term
            if term.do_not_translate or not term.approved or term.source in reported:
                continue
            renderings = self._renderings.get(term.source) or self._renderings_of(term)
            if renderings.approved.found_in(target):
                continue
            if renderings.forbidden is not None and renderings.forbidden.found_in(target):
                continue  # TM02 reports the forbidden rendering, with the approved one as its fix
            reported.add(term.source)
            spans = [*original_spans(pair.source_match, Side.SOURCE, [(match.start, match.end)])]
            found = renderings.near_misses.search(target)
            instead = ""
            if found is not None:
                spans += original_spans(pair.target_match, Side.TARGET, [found])
                instead = f" (found '{pair.pair.target[spans[-1].start : spans[-1].end]}')"
            finding = self.finding(pair.pair, f"{renderings.message_opening}{instead}.", spans=spans)
            yield finding, renderings.texts

    def _renderings_of(self, term: Term) -> _Renderings:
        texts = term.approved_texts
        forbidden = tuple(rendering.text for rendering in term.forbidden)
        renderings = _Renderings(
            texts,
            rendering_pattern(texts),
            rendering_pattern(forbidden) if forbidden else None,
            NearMisses(texts),
            f"'{term.source}' is in the glossary as {either(texts)}, which the translation does not use",
        )
        self._renderings[term.source] = renderings
        return renderings


@dataclass(frozen=True, slots=True)
class _Renderings:
    """A term's approved renderings as TM01 looks for them, and the start of its message."""

    texts: tuple[str, ...]
    approved: RenderingPattern
    forbidden: RenderingPattern | None
    near_misses: NearMisses
    message_opening: str


@dataclass(frozen=True, slots=True)
class _Observed:
    """What TM01 saw in one pair: its misses, each with the approved renderings and the words
    of the English that may be acronyms for them; and the acronyms the English defines."""

    misses: tuple[tuple[Finding, tuple[str, ...], tuple[str, ...]], ...]
    definitions: tuple[tuple[str, str], ...]
