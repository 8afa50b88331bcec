"""Score stage: the MQM formula on hand-checked figures, the threshold and the signature."""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qa_tool import __version__
from qa_tool.engine import source_characters
from qa_tool.languages.en import word_count
from qa_tool.model import Finding, Location, SegmentPair, Severity
from qa_tool.normalise import NormalisedPair
from qa_tool.scoring import DEFAULT_THRESHOLD, MQM_WEIGHTS, ScoringPolicy, score

PAIR = SegmentPair("s1", "中文", "English", Location("t"))


def findings(*severities: Severity) -> list[Finding]:
    return [Finding("XX01", "x", severity, "Fluency/Grammar", "m", PAIR) for severity in severities]


def test_three_majors_and_a_neutral_over_724_words() -> None:
    # 3 × 5 + 0 = 15 points; 100 × (1 − 15/724) = 97.928...; 15/724 × 1000 = 20.718...
    result = score(findings(Severity.MAJOR, Severity.MAJOR, Severity.MAJOR, Severity.NEUTRAL), 724, ScoringPolicy())
    assert result.penalty == 15
    assert result.quality == pytest.approx(97.928, abs=1e-3)
    assert result.per_1000_words == pytest.approx(20.718, abs=1e-3)
    assert result.passed is False


@pytest.mark.parametrize(
    "severities, words, quality, passed",
    [
        ([], 100, 100.0, True),
        ([Severity.MINOR], 100, 99.0, True),  # exactly at the threshold passes
        ([Severity.MINOR, Severity.MINOR], 100, 98.0, False),
        ([Severity.CRITICAL] * 5, 100, 0.0, False),  # 125 points over 100 words: floored at 0
        ([], 0, 100.0, True),
        ([Severity.MINOR], 0, 0.0, False),
    ],
)
def test_quality_score(severities, words, quality, passed) -> None:
    result = score(findings(*severities), words, ScoringPolicy())
    assert result.quality == pytest.approx(quality)
    assert result.passed is passed


def test_default_weights_are_mqm_2() -> None:
    assert [MQM_WEIGHTS[s] for s in Severity] == [0, 1, 5, 25]
    assert DEFAULT_THRESHOLD == 99.0


def test_signature_names_everything_the_score_depends_on() -> None:
    signature = ScoringPolicy(threshold=95).signature(rule_count=6)
    assert signature == (
        "qa-tool|profile:mqm|weights(neutral/minor/major/critical):0/1/5/25"
        f"|basis:target-words|threshold:95|rules:6|version:{__version__}"
    )
    multiplied = ScoringPolicy(category_multipliers={"Fluency/Punctuation": 0.5}).signature(rule_count=6)
    assert "|categories:Fluency/Punctuation*0.5|" in multiplied


@pytest.mark.parametrize(
    "profile, category, severity, weight",
    [
        ("mqm", "Fluency/Punctuation", Severity.MINOR, 1.0),
        ("wmt", "Fluency/Punctuation", Severity.MINOR, 0.1),
        ("wmt", "Fluency/Punctuation", Severity.MAJOR, 5.0),  # only minor punctuation is discounted
        ("wmt", "Non-translation!", Severity.MAJOR, 25.0),
        ("wmt", "Accuracy/Mistranslation", Severity.NEUTRAL, 0.0),
    ],
)
def test_profile_weights(profile: str, category: str, severity: Severity, weight: float) -> None:
    assert ScoringPolicy(profile=profile).weight_of(category, severity) == weight


def test_category_multiplier_uses_the_longest_prefix() -> None:
    policy = ScoringPolicy(category_multipliers={"Fluency": 0.5, "Fluency/Grammar": 2.0})
    assert policy.weight_of("Fluency/Grammar", Severity.MAJOR) == 10.0
    assert policy.weight_of("Fluency/Spelling", Severity.MAJOR) == 2.5
    assert policy.weight_of("Accuracy/Omission", Severity.MAJOR) == 5.0


def read_dev(shared_dir: Path, name: str) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with (shared_dir / "dev" / "mqm_zhen_ted2021" / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_wmt_profile_reproduces_official_segment_scores(shared_dir: Path) -> None:
    """The official score of a segment is minus the mean over its raters of each rater's
    penalty; scoring the raters' own annotations with the WMT profile must give it exactly."""
    policy = ScoringPolicy(profile="wmt")
    severities = {"Major": Severity.MAJOR, "Minor": Severity.MINOR, "No-error": Severity.NEUTRAL}
    penalties: dict[tuple[str, str], float] = defaultdict(float)
    for row in read_dev(shared_dir, "annotations.tsv"):
        penalties[(row["system"], row["seg_id"])] += policy.weight_of(row["category"], severities[row["severity"]])
    rows = read_dev(shared_dir, "targets.tsv")
    assert len(rows) == 7935
    for row in rows:
        official = float(row["mqm_avg_score"])
        raters = int(row["n_raters"])
        assert -penalties[(row["system"], row["seg_id"])] / raters == pytest.approx(official, abs=1e-6), row["seg_id"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("state-owned enterprises", 2),  # a hyphen between letters joins
        ("COVID-19 in 2020-2021", 3),
        ("-a- b-", 2),  # hyphens at either end of a word join nothing
        ("a--b a - b", 4),  # nor do two hyphens, or one beside a space
        ("a'-b", 2),
        ("People's state-owned-ish", 2),
        ("-ab", 1),  # a hyphen that opens the text has nothing before it
        ("-", 0),
        ("", 0),
    ],
)
def test_word_count_joins_words_only_at_a_hyphen_between_letters_or_digits(text: str, words: int) -> None:
    # ASCII text is counted from folded_words, less the hyphens that join two of its words.
    assert word_count(text) == words


@hypothesis_settings(max_examples=300)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cn")), max_size=60)
    | st.from_regex(r"[A-Za-z0-9'’\- 中文éü_²①]{0,40}", fullmatch=True)
    # ASCII text, which is counted without the regular expression.
    | st.from_regex(r"[Aa0'\- _.]{0,40}", fullmatch=True)
)
def test_word_count_counts_letters_and_digits_of_any_script(text: str) -> None:
    # The scoring basis counts words as runs of Unicode letters and numbers (\p{L}\p{N}); the
    # regex module knows newer characters than Python's Unicode database, hence no Cn.
    unicode_words = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*['’]?")
    assert word_count(text) == len(unicode_words.findall(text))


def test_every_white_space_but_the_ascii_space_is_unprintable() -> None:
    # source_characters counts only spaces in a printable text: no other white space may be printable.
    printable_spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace() and chr(code).isprintable()]
    assert printable_spaces == [" "]


@pytest.mark.parametrize(
    ("source", "characters"),
    [
        ("服務(wù)人民", 4),  # the pinyin annotation is not counted
        ("我们 明天\u3000开会", 6),  # an ideographic space: not printable, split away
        ("第一\t第二\n第三", 6),
        ("a b\u00a0c", 3),
        (" 中 文 ", 2),  # printable: spaces at either end too
        ("", 0),
    ],
)
def test_source_characters_leave_out_white_space_of_any_kind(source: str, characters: int) -> None:
    assert source_characters(NormalisedPair(SegmentPair("1", source, "", Location("doc.txt")))) == characters


@hypothesis_settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(" \t\n\u3000\u00a0中文") | st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_source_characters_count_what_splitting_leaves(source: str) -> None:
    pair = NormalisedPair(SegmentPair("1", source, "", Location("doc.txt")))
    assert source_characters(pair) == len("".join(pair.source.text.split()))
