"""Per-segment suppressions written where translators can write them: a note on the unit
(XLIFF/TMX <note>, a TSV/CSV notes column, JSONL "notes") saying

    qa-ignore: GR01 the client writes the name without an apostrophe
    qa-ignore: PU, NU02 reason...

Codes or families are required (a blanket ignore would hide future rules too); the reason
is free text. A suppression that hides nothing is reported, so stale ones get cleaned up."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from qa_tool.checks.base import Example, RuleMeta
from qa_tool.model import Finding, SegmentPair, Severity

# The reason runs to the end of the line or to the next directive: a one-line note (a TSV or
# CSV cell) can hold several, as `qa-tool review` writes them ("... | qa-ignore: PU07 ...").
_DIRECTIVE = regex.compile(
    r"qa-ignore\s*:\s*(?P<codes>[A-Za-z]{2}\d{0,2}(?:\s*,\s*[A-Za-z]{2}\d{0,2})*)(?P<reason>(?:(?!qa-ignore\s*:)[^\n])*)",
    regex.IGNORECASE,
)

# Between notes qa-tool adds to one field (a TSV/CSV notes cell, an annotation column).
NOTE_SEPARATOR = " | "

UNUSED_SUPPRESSION = RuleMeta(
    code="QA01",
    name="unused-suppression",
    category="Other",
    severity=Severity.NEUTRAL,
    summary="A qa-ignore note on this segment suppresses no finding.",
    rationale=(
        "A suppression that no longer hides anything (the text was fixed, or the code is "
        "wrong) would silently hide a future real error of that rule. It is reported, weighted "
        "neutral, so someone removes it. Reported by the engine, not by a rule of its own."
    ),
    examples=(
        Example("市对外友协参加调研。", "The Friendship Association took part.", True, "a note says 'qa-ignore: GR01' but GR01 finds nothing"),
        Example("市对外友协参加调研。", "The Friendship Association took part.", False, "no note"),
    ),
)


@dataclass
class _Directive:
    codes: tuple[str, ...]
    text: str
    used: bool = field(default=False)

    def covers(self, code: str) -> bool:
        return any(code == wanted or (len(wanted) == 2 and code.startswith(wanted)) for wanted in self.codes)


def directives_of(pair: SegmentPair) -> list[_Directive]:
    found = []
    for note in pair.notes:
        for match in _DIRECTIVE.finditer(note):
            codes = tuple(code.strip().upper() for code in match.group("codes").split(","))
            found.append(_Directive(codes, match.group(0).strip().rstrip("|").strip()))
    return found


class SuppressionLedger:
    """Remembers the directives of the pairs that have any (few), then sorts a document's
    findings into kept and suppressed and reports the directives that went unused."""

    def __init__(self) -> None:
        self._by_pair: dict[str, tuple[SegmentPair, list[_Directive]]] = {}

    def observe(self, pair: SegmentPair) -> None:
        if pair.notes:
            directives = directives_of(pair)
            if directives:
                self._by_pair[pair.id] = (pair, directives)

    @property
    def has_directives(self) -> bool:
        """Whether any pair observed so far has a directive (nearly no document has one)."""
        return bool(self._by_pair)

    def settle(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(kept findings plus unused-suppression findings, suppressed findings)."""
        kept, suppressed = [], []
        for finding in findings:
            (suppressed if self.suppresses(finding.segment_id, finding.code) else kept).append(finding)
        return kept + self.unused(), suppressed

    def suppresses(self, segment_id: str, code: str) -> bool:
        """Whether a directive of the segment hides a finding of ``code`` (the directive is
        then used)."""
        entry = self._by_pair.get(segment_id)
        directive = next((d for d in entry[1] if d.covers(code)), None) if entry else None
        if directive is None:
            return False
        directive.used = True
        return True

    def unused(self) -> list[Finding]:
        """A finding for each directive that has hidden nothing so far."""
        return [
            Finding(
                code=UNUSED_SUPPRESSION.code,
                rule=UNUSED_SUPPRESSION.name,
                severity=UNUSED_SUPPRESSION.severity,
                category=UNUSED_SUPPRESSION.category,
                message=f"'{directive.text}' suppresses nothing here: remove it or fix its codes.",
                pair=pair,
            )
            for pair, directives in self._by_pair.values()
            for directive in directives
            if not directive.used
        ]
