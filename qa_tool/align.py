"""Aligning Chinese paragraphs with the English paragraphs that translate them.

Gale–Church dynamic programming on lengths: each way of grouping 0–2 Chinese paragraphs with
0–2 English ones (1-1, 1-0, 0-1, 2-1, 1-2, 2-2) has a prior, and a group whose English length
is far from the length expected for its Chinese costs more. Numbers and Latin names (CME,
COVID-19) found on both sides of a group lower its cost, which settles cases that lengths
alone get wrong. The expected English length per Chinese character is estimated from the
texts themselves (see the figures below the priors).

The search keeps to a diagonal band of the (source × target) grid, so memory and time grow
with the number of paragraphs times the band width instead of with their product; the band
is doubled and the search rerun whenever the best path touches its edge.

Confidence of a group: its posterior probability, i.e. the total weight exp(-cost) of all
alignments in the band that contain this exact group divided by the total weight of all
alignments (forward–backward). A group that leaves one side empty (a paragraph with no
counterpart) can be certain and still never be a translation pair, so its posterior is also
multiplied by the prior odds of such a group against a 1-1 match (about 0.0056): it always
ranks below every real pairing while still showing the aligner's certainty.
"""

from __future__ import annotations

import math
import unicodedata
from array import array
from dataclasses import dataclass
from typing import Callable, Sequence

import regex

from qa_tool.languages.zh import PINYIN_ANNOTATION


@dataclass(frozen=True, slots=True)
class AlignedGroup:
    """Source paragraphs (indexes) that translate to target paragraphs (indexes)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    # Posterior probability of this grouping (see the module docstring), 0..1.
    confidence: float


# (source paragraphs, target paragraphs) → prior probability. Gale & Church (1993): 1-1 0.89,
# 1-0 or 0-1 0.0099, 2-1 or 1-2 0.089, 2-2 0.011; each mirrored pair shares its figure evenly.
MATCH_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.00495,
    (0, 1): 0.00495,
    (2, 1): 0.0445,
    (1, 2): 0.0445,
    (2, 2): 0.011,
}
_MATCH_COSTS = {match: -math.log(prior) for match, prior in MATCH_PRIORS.items()}
_UNPAIRED_ODDS = MATCH_PRIORS[(1, 0)] / MATCH_PRIORS[(1, 1)]

# Length model, measured with source_length()/target_length() below on real zh→en pairs
# (ratio = English characters per Chinese character; variance of (en − ratio·zh) per Chinese
# character):
#   ../shared/dev/mqm_zhen_ted2021/sources.tsv, source vs ref_B, 529 TED sentences:
#       15,363 zh / 41,493 en chars, ratio 2.70 (per talk 2.57–2.83), variance 5.73 = 0.79·ratio²
#   ../shared/samples/chongqing-fao-news.zh-en.txt, the 11 aligned news paragraphs:
#       866 zh / 3,914 en chars, ratio 4.52, variance 16.3 = 0.80·ratio²
#       (counting the pinyin reading aids: 1,401 zh chars, ratio 2.79, variance 19.6 = 2.5·ratio²)
# The ratio depends on the genre (spoken TED vs official news) far more than paragraphs of one
# text differ, while the variance relative to ratio² is the same in both. So the variance is
# RELATIVE_VARIANCE·ratio², and the ratio is taken from the texts being aligned (their total
# lengths), pulled towards PRIOR_RATIO as if PRIOR_WEIGHT Chinese characters at that ratio had
# been seen too, so that a short text or a missing paragraph cannot swing it far.
PRIOR_RATIO = 3.5  # between the two measured genres (geometric mean of 2.70 and 4.52)
RELATIVE_VARIANCE = 0.8
PRIOR_WEIGHT = 100.0
# The whole text's ratio is still biased by paragraphs left without counterpart (a missing
# 600-character English paragraph of the sample moves it by a third). So unless the text
# aligns at that ratio with at least CLEAN_SHARE of its groups 1-1, it is also aligned from
# ratios around it, RATIO_STEP_COUNT steps of RATIO_STEP either way (×0.64 to ×1.57), and each
# result is judged at the ratio of its own 1-1 groups.
RATIO_STEP = 1.12
RATIO_STEP_COUNT = 4
CLEAN_SHARE = 0.9

# Reward (in the cost's units, natural log) for each number or Latin name found on both sides
# of a group; capped so that anchors settle close calls without overriding the lengths.
ANCHOR_BONUS = 1.5
MAX_ANCHORS_COUNTED = 3

# A 1-1 pairing is plausible when its length deviation is within this many standard
# deviations (two-sided p ≈ 0.0005). The largest among the sample's 11 pairs is 2.9: an
# 11-character line whose English spells out an abbreviated name.
PLAUSIBLE_DEVIATION = 3.5

# Band half-width (in paragraphs) of the first search; doubled while the path touches it.
_INITIAL_BAND = 8

_WHITESPACE = regex.compile(r"\s+")
# Thousands separators, so that 1,000 and 1000 are the same anchor.
_THOUSANDS_COMMA = regex.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NUMBER = regex.compile(r"\d+(?:\.\d+)?")
# A Latin token with a capital letter (CME, COVID-19, iPhone): lower-case pinyin and ordinary
# words are not names, and ASCII letters glued to an accented one (guān) are not a token.
# Han characters may touch it (COVID-19疫情).
_LATIN_NAME = regex.compile(
    r"(?<![\p{Latin}\d])(?=[A-Za-z\d-]*[A-Z])[A-Za-z][A-Za-z\d]*(?:-[A-Za-z\d]+)*(?![\p{Latin}\d])"
)


def source_length(text: str) -> int:
    """Length of a Chinese paragraph: its characters that are not spaces, without pinyin
    reading aids."""
    return len(_WHITESPACE.sub("", PINYIN_ANNOTATION.sub("", text)))


def target_length(text: str) -> int:
    """Length of an English paragraph: its characters that are not spaces."""
    return len(_WHITESPACE.sub("", text))


def anchors(text: str) -> frozenset[str]:
    """Numbers and capitalised Latin tokens of a paragraph, in a form comparable across
    languages (full-width digits and thousands separators folded, names case-folded)."""
    folded = _THOUSANDS_COMMA.sub("", unicodedata.normalize("NFKC", text))
    numbers = {_canonical_number(match.group()) for match in _NUMBER.finditer(folded)}
    names = {match.group().casefold() for match in _LATIN_NAME.finditer(folded) if len(match.group()) > 1}
    return frozenset(numbers | names)


def _canonical_number(digits: str) -> str:
    # Leading zeros stripped as text: int() refuses numbers of more than 4,300 digits.
    whole, _, fraction = digits.partition(".")
    whole = whole.lstrip("0") or "0"
    return f"{whole}.{fraction}" if fraction else whole


def mean_ratio(source_lengths: Sequence[int], target_lengths: Sequence[int]) -> float:
    """English characters expected per Chinese character for these texts (see PRIOR_RATIO)."""
    return (sum(target_lengths) + PRIOR_RATIO * PRIOR_WEIGHT) / (sum(source_lengths) + PRIOR_WEIGHT)


def length_deviation(source_chars: int, target_chars: int, ratio: float) -> float:
    """How many standard deviations the English length is from the one expected for the
    Chinese (Gale–Church's delta; positive when the English is longer)."""
    # Gale–Church measure the spread on the mean of both lengths in source units.
    spread = math.sqrt(RELATIVE_VARIANCE * (source_chars + target_chars / ratio) / 2)
    if spread == 0:
        return 0.0
    return (target_chars / ratio - source_chars) / spread


def plausible_pairs(source_texts: Sequence[str], target_texts: Sequence[str]) -> bool:
    """True when every source_texts[k] could be translated by target_texts[k] going by
    lengths (equal numbers of paragraphs assumed)."""
    source_lengths = [source_length(text) for text in source_texts]
    target_lengths = [target_length(text) for text in target_texts]
    ratio = mean_ratio(source_lengths, target_lengths)
    return all(
        abs(length_deviation(source, target, ratio)) <= PLAUSIBLE_DEVIATION
        for source, target in zip(source_lengths, target_lengths, strict=True)
    )


def _negative_log_two_sided_tail(deviation: float) -> float:
    """−log P(|Z| ≥ |deviation|) for a standard normal Z, without underflow."""
    z = abs(deviation)
    tail = math.erfc(z / math.sqrt(2))
    if tail > 1e-300:
        return -math.log(tail)
    # Asymptotic expansion of the normal tail: 2φ(z)/z.
    return z * z / 2 + math.log(z) + 0.5 * math.log(math.pi / 2)


def align(source_texts: Sequence[str], target_texts: Sequence[str]) -> list[AlignedGroup]:
    """Align Chinese paragraphs with English paragraphs; the groups cover every index of both
    sequences exactly once, in order."""
    return align_lengths(
        [source_length(text) for text in source_texts],
        [target_length(text) for text in target_texts],
        [anchors(text) for text in source_texts],
        [anchors(text) for text in target_texts],
    )


def align_lengths(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    source_anchors: Sequence[frozenset[str]] | None = None,
    target_anchors: Sequence[frozenset[str]] | None = None,
) -> list[AlignedGroup]:
    """Align by lengths alone, or by lengths and anchors (one set per paragraph)."""
    if any(length < 0 for length in (*source_lengths, *target_lengths)):
        raise ValueError("paragraph lengths cannot be negative")
    source_anchors = source_anchors or [frozenset()] * len(source_lengths)
    target_anchors = target_anchors or [frozenset()] * len(target_lengths)
    if len(source_anchors) != len(source_lengths) or len(target_anchors) != len(target_lengths):
        raise ValueError("give one anchor set per paragraph")

    def scorer(ratio: float) -> _GroupScorer:
        return _GroupScorer(source_lengths, target_lengths, source_anchors, target_anchors, ratio)

    ratio, band_width = _self_consistent_ratio(scorer, source_lengths, target_lengths)
    lattice = _search(scorer(ratio), band_width)
    return lattice.groups(lattice.best_path())


def _self_consistent_ratio(
    scorer: Callable[[float], _GroupScorer],
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
) -> tuple[float, int]:
    """A ratio and the band width its search needed.

    The ratio is that of the 1-1 groups of a best path, for the path that costs least at its
    own ratio among the paths found from ratios around the whole text's: costing each path at
    its own ratio keeps a ratio that merely suits a wrong path (one that swallows a missing
    paragraph into a merge) from winning. When the path at the whole text's ratio is almost
    all 1-1, no gap can have biased that ratio and the other ratios are not tried."""
    whole_ratio = mean_ratio(source_lengths, target_lengths)

    def judged(step: int, band_width: int = _INITIAL_BAND) -> tuple[float, float, int, bool]:
        lattice = _search(scorer(whole_ratio * RATIO_STEP**step), band_width)
        path = lattice.best_path()
        one_to_one = [(i, j) for i, j, di, dj in path if di == dj == 1]
        own_ratio = mean_ratio([source_lengths[i] for i, _ in one_to_one], [target_lengths[j] for _, j in one_to_one])
        rescorer = scorer(own_ratio)
        cost = sum(rescorer.cost(*group) for group in path)
        return cost, own_ratio, lattice.band_width, len(one_to_one) >= CLEAN_SHARE * len(path)

    best_cost, best_ratio, best_band_width, clean = judged(0)
    if clean:
        return best_ratio, best_band_width
    # The other ratios' paths are likely to stray as far: start where the first search ended.
    first_band_width = best_band_width
    for step in (*range(-RATIO_STEP_COUNT, 0), *range(1, RATIO_STEP_COUNT + 1)):
        cost, own_ratio, band_width, _ = judged(step, first_band_width)
        if cost < best_cost:
            best_cost, best_ratio, best_band_width = cost, own_ratio, band_width
    return best_ratio, best_band_width


def _search(scorer: _GroupScorer, band_width: int = _INITIAL_BAND) -> _Lattice:
    """The lattice of the narrowest band (from band_width, doubling) whose best path keeps
    off the band's edges."""
    while True:
        lattice = _Lattice(scorer, band_width)
        if lattice.covers_everything or not lattice.touches_edge(lattice.best_path()):
            return lattice
        band_width *= 2


class _GroupScorer:
    """Cost of grouping source[i:i+di] with target[j:j+dj]: −log prior − log P(length
    deviation) − anchor bonus.

    NOTE: a group with an empty side costs its prior only. Charging it Gale–Church's length
    term as well (English length 0) makes a long untranslated paragraph always look cheaper
    merged into a neighbour than left alone, so a missing translation would never show."""

    def __init__(
        self,
        source_lengths: Sequence[int],
        target_lengths: Sequence[int],
        source_anchors: Sequence[frozenset[str]],
        target_anchors: Sequence[frozenset[str]],
        ratio: float,
    ) -> None:
        self.source_count = len(source_lengths)
        self.target_count = len(target_lengths)
        self._source_prefix = _prefix_sums(source_lengths)
        self._target_prefix = _prefix_sums(target_lengths)
        self._source_anchors = source_anchors
        self._target_anchors = target_anchors
        self.ratio = ratio

    def cost(self, i: int, j: int, di: int, dj: int) -> float:
        cost = _MATCH_COSTS[(di, dj)]
        if di == 0 or dj == 0:
            return cost
        source_chars = self._source_prefix[i + di] - self._source_prefix[i]
        target_chars = self._target_prefix[j + dj] - self._target_prefix[j]
        cost += _negative_log_two_sided_tail(length_deviation(source_chars, target_chars, self.ratio))
        source_anchors = self._source_anchors[i] if di == 1 else self._source_anchors[i] | self._source_anchors[i + 1]
        if source_anchors:
            target_anchors = (
                self._target_anchors[j] if dj == 1 else self._target_anchors[j] | self._target_anchors[j + 1]
            )
            cost -= ANCHOR_BONUS * min(len(source_anchors & target_anchors), MAX_ANCHORS_COUNTED)
        return cost


def _prefix_sums(lengths: Sequence[int]) -> list[int]:
    sums = [0]
    for length in lengths:
        sums.append(sums[-1] + length)
    return sums


_MOVES: tuple[tuple[int, int], ...] = tuple(MATCH_PRIORS)
_Path = list[tuple[int, int, int, int]]


class _Lattice:
    """The banded grid: cell (i, j) means source[:i] and target[:j] are aligned. Row i keeps
    the cells j in [starts[i], ends[i]], a band around the straight line from (0, 0) to
    (n, m) that is wide enough for neighbouring rows to overlap whatever the slope, so every
    cell of the band can be reached. Cells are stored per row at offset j − starts[i]."""

    def __init__(self, scorer: _GroupScorer, band_width: int) -> None:
        n, m = scorer.source_count, scorer.target_count
        if n == 0:
            self._starts, self._ends = [0], [m]
        else:
            self._starts = [max(0, math.floor((i - 1) * m / n) - band_width) for i in range(n + 1)]
            self._ends = [min(m, math.ceil((i + 1) * m / n) + band_width) for i in range(n + 1)]
        self._target_count = m
        self.band_width = band_width
        self.covers_everything = all(s == 0 and e == m for s, e in zip(self._starts, self._ends))
        # Per row, in flat arrays (8 bytes a number, not a Python object): the cost of each
        # move into each cell (at offset × len(_MOVES) + move; inf where the move would leave
        # the band), the cheapest total cost to reach each cell, and the move that achieves it.
        self._move_costs: list[array[float]] = []
        self._best: list[array[float]] = []
        self._best_move: list[array[int]] = []
        self._fill(scorer)

    def _fill(self, scorer: _GroupScorer) -> None:
        starts, ends = self._starts, self._ends
        for i in range(len(starts)):
            cells = ends[i] - starts[i] + 1
            costs_row = array("d", [math.inf]) * (cells * len(_MOVES))
            best_row = array("d", [math.inf]) * cells
            move_row = array("b", [-1]) * cells
            for offset, j in enumerate(range(starts[i], ends[i] + 1)):
                best, best_move = (0.0, -1) if i == j == 0 else (math.inf, -1)
                for move, (di, dj) in enumerate(_MOVES):
                    from_i, from_j = i - di, j - dj
                    if from_i < 0 or from_j < starts[from_i] or from_j > ends[from_i]:
                        continue
                    cost = scorer.cost(from_i, from_j, di, dj)
                    costs_row[offset * len(_MOVES) + move] = cost
                    before = (self._best[from_i] if di else best_row)[from_j - starts[from_i]]
                    if before + cost < best:
                        best, best_move = before + cost, move
                best_row[offset] = best
                move_row[offset] = best_move
            self._move_costs.append(costs_row)
            self._best.append(best_row)
            self._best_move.append(move_row)

    @property
    def best_cost(self) -> float:
        return self._best[-1][-1]

    def best_path(self) -> _Path:
        """The cheapest alignment as (i, j, di, dj) groups, in order."""
        path = []
        i, j = len(self._starts) - 1, self._ends[-1]
        while i or j:
            di, dj = _MOVES[self._best_move[i][j - self._starts[i]]]
            i, j = i - di, j - dj
            path.append((i, j, di, dj))
        path.reverse()
        return path

    def touches_edge(self, path: _Path) -> bool:
        """True when the path runs along a band edge that is not the grid's own edge, where a
        wider band might have let it go elsewhere."""
        return any(
            (self._starts[i] > 0 and j <= self._starts[i] + 1)
            or (self._ends[i] < self._target_count and j >= self._ends[i] - 1)
            for i, j, _, _ in path
        )

    def _forward(self) -> list[array[float]]:
        """Log of the summed weight exp(−cost) of all paths from the start to each cell."""
        starts = self._starts
        forward: list[array[float]] = []
        for i, costs_row in enumerate(self._move_costs):
            row = array("d", [0.0]) * (len(costs_row) // len(_MOVES))
            for offset in range(1 if i == 0 else 0, len(row)):
                incoming = [
                    (forward[i - di] if di else row)[offset + starts[i] - dj - starts[i - di]] - cost
                    for (di, dj), cost in zip(_MOVES, costs_row[offset * len(_MOVES) : (offset + 1) * len(_MOVES)])
                    if cost != math.inf
                ]
                row[offset] = _log_sum_exp(incoming)
            forward.append(row)
        return forward

    def _backward(self) -> list[array[float]]:
        """Log of the summed weight of all paths from each cell to the end."""
        starts, ends = self._starts, self._ends
        last = len(starts) - 1
        backward = [array("d", [-math.inf]) * (ends[i] - starts[i] + 1) for i in range(last + 1)]
        for i in range(last, -1, -1):
            row = backward[i]
            for j in range(ends[i], starts[i] - 1, -1):
                if i == last and j == ends[i]:
                    row[j - starts[i]] = 0.0
                    continue
                outgoing = []
                for move, (di, dj) in enumerate(_MOVES):
                    to_i, to_j = i + di, j + dj
                    if to_i > last or to_j > ends[to_i] or to_j < starts[to_i]:
                        continue
                    offset = to_j - starts[to_i]
                    outgoing.append(backward[to_i][offset] - self._move_costs[to_i][offset * len(_MOVES) + move])
                row[j - starts[i]] = _log_sum_exp(outgoing)
        return backward

    def groups(self, path: _Path) -> list[AlignedGroup]:
        """The path's groups with their posterior confidence (see the module docstring)."""
        forward, backward = self._forward(), self._backward()
        starts = self._starts
        total = forward[-1][-1]
        groups = []
        for i, j, di, dj in path:
            end_offset = j + dj - starts[i + di]
            cost = self._move_costs[i + di][end_offset * len(_MOVES) + _MOVES.index((di, dj))]
            log_posterior = forward[i][j - starts[i]] - cost + backward[i + di][end_offset] - total
            confidence = min(1.0, math.exp(log_posterior))
            if di == 0 or dj == 0:
                confidence *= _UNPAIRED_ODDS
            groups.append(AlignedGroup(tuple(range(i, i + di)), tuple(range(j, j + dj)), confidence))
        return groups


def _log_sum_exp(values: list[float]) -> float:
    if not values:
        return -math.inf
    high = max(values)
    if high == -math.inf:
        return high
    return high + math.log(math.fsum(math.exp(value - high) for value in values))
