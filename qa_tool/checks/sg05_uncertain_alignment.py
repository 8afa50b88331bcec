from __future__ import annotations

from typing import Iterator

from qa_tool.checks.base import Example, Rule, RuleMeta
from qa_tool.model import Finding, Severity
from qa_tool.normalise import NormalisedPair

# Below this confidence the aligner's pairing is as likely wrong as right; the value is the
# aligner's posterior-style confidence (see qa_tool/align.py).
UNCERTAIN_BELOW = 0.5


class UncertainAlignment(Rule):
    meta = RuleMeta(
        code="SG05",
        name="uncertain-alignment",
        category="Accuracy/Omission",
        severity=Severity.MINOR,
        summary="qa-tool paired this Chinese and English itself and is not sure they match.",
        rationale=(
            "Interleaved bilingual text does not say which English paragraph translates which "
            "Chinese one. When the counts differ, qa-tool aligns them by length and shared numbers; "
            "a low-confidence pairing usually means a paragraph was left out, merged or split. "
            "Check the pair, and use `qa-tool align` to export and fix the alignment. Pairs that "
            "the file itself aligns (TMX, XLIFF, TSV...) are never reported."
        ),
        examples=(
            Example("市对外友协参加调研。", "Lu Jin went to the association.", True, "paired with confidence 0.2", alignment=0.2),
            Example("市对外友协参加调研。", "The Friendship Association took part.", False, "paired with confidence 0.9", alignment=0.9),
            Example("市对外友协参加调研。", "The Friendship Association took part.", False, "paired by the file itself"),
        ),
    )

    def check_segment(self, pair: NormalisedPair) -> Iterator[Finding]:
        confidence = pair.pair.alignment
        if confidence is not None and confidence < UNCERTAIN_BELOW:
            yield self.finding(
                pair.pair,
                f"Automatic alignment is uncertain (confidence {confidence:.2f}): check that this English translates this Chinese.",
            )
