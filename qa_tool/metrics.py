"""Reference metrics (sacrebleu) when a reference translation is given: corpus BLEU, chrF++
and TER with their signatures, and sentence chrF to point at the segments furthest from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from qa_tool.languages.codes import primary_subtag

# How many of the lowest sentence-chrF segments a report lists.
OUTLIERS = 5


@dataclass(frozen=True, slots=True)
class SegmentScore:
    segment_id: str
    location: str
    chrf: float


@dataclass(frozen=True, slots=True)
class ReferenceScores:
    segments: int
    bleu: float
    bleu_signature: str
    chrf: float
    chrf_signature: str
    ter: float
    ter_signature: str
    # The segments with the lowest sentence-level chrF, lowest first.
    outliers: tuple[SegmentScore, ...]


def reference_scores(
    hypotheses: Sequence[str],
    references: Sequence[str],
    segment_ids: Sequence[str],
    locations: Sequence[str],
    target_lang: str,
) -> ReferenceScores:
    # sacrebleu pulls in numpy: import it only when a reference is given.
    from sacrebleu.metrics import BLEU, CHRF, TER

    # 13a is sacrebleu's default for English; Chinese needs its own tokeniser.
    tokenize = "zh" if primary_subtag(target_lang) == "zh" else "13a"
    bleu, chrf, ter = BLEU(tokenize=tokenize), CHRF(word_order=2), TER(asian_support=tokenize == "zh")
    refs = [list(references)]
    sentence_chrf = CHRF(word_order=2)
    per_segment = sorted(
        (
            SegmentScore(segment_id, location, sentence_chrf.sentence_score(hypothesis, [reference]).score)
            for segment_id, location, hypothesis, reference in zip(segment_ids, locations, hypotheses, references)
        ),
        key=lambda s: s.chrf,
    )
    return ReferenceScores(
        segments=len(hypotheses),
        bleu=bleu.corpus_score(hypotheses, refs).score,
        bleu_signature=str(bleu.get_signature()),
        chrf=chrf.corpus_score(hypotheses, refs).score,
        chrf_signature=str(chrf.get_signature()),
        ter=ter.corpus_score(hypotheses, refs).score,
        ter_signature=str(ter.get_signature()),
        outliers=tuple(per_segment[:OUTLIERS]),
    )
