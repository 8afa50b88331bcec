"""Segment status: each format's values mapped onto one vocabulary, and the filter that
--status, --skip-locked and --skip-matches make of it, with the skips counted in the report."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_tool.cli import cli
from qa_tool.model import Location, SegmentPair, SegmentState, SegmentStatus
from qa_tool.readers import ReadOptions, xliff
from qa_tool.segment_filter import FilteredPairs, SegmentFilter, SkipReason, parse_states

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"
NEW, DRAFT, TRANSLATED = SegmentState.NEW, SegmentState.DRAFT, SegmentState.TRANSLATED
REJECTED, REVIEWED, FINAL = SegmentState.REJECTED, SegmentState.REVIEWED, SegmentState.FINAL


def xliff_12(*units: str) -> bytes:
    return (
        f'<xliff xmlns="{XLIFF_12}" version="1.2"><file source-language="zh-CN" target-language="en" '
        f'original="a.txt" datatype="plaintext"><body>\n' + "\n".join(units) + "\n</body></file></xliff>\n"
    ).encode()


def trans_unit(number: int, target_attributes: str = "", unit_attributes: str = "") -> str:
    return (
        f'<trans-unit id="{number}"{unit_attributes}><source>第{number}段。</source>'
        f"<target{target_attributes}>Paragraph {number}.</target></trans-unit>"
    )


def read_statuses(data: bytes) -> list[SegmentStatus | None]:
    return [pair.status for pair in xliff.read(io.BytesIO(data), "test.xlf", ReadOptions())]


@pytest.mark.parametrize(
    ("target_attributes", "unit_attributes", "expected"),
    [
        (' state="new"', "", SegmentStatus(NEW, "new")),
        (' state="needs-translation"', "", SegmentStatus(NEW, "needs-translation")),
        (' state="needs-l10n"', "", SegmentStatus(DRAFT, "needs-l10n")),
        (' state="translated"', "", SegmentStatus(TRANSLATED, "translated")),
        (' state="needs-review-translation"', "", SegmentStatus(TRANSLATED, "needs-review-translation")),
        (' state="signed-off"', "", SegmentStatus(REVIEWED, "signed-off")),
        (' state="final"', "", SegmentStatus(FINAL, "final")),
        # approved="yes" is final whatever the state says; approved="no" says nothing.
        (' state="translated"', ' approved="yes"', SegmentStatus(FINAL, "translated, approved")),
        ("", ' approved="yes"', SegmentStatus(FINAL, "approved")),
        ("", ' approved="no"', None),
        # A custom state is kept as written, with no normalised state.
        (' state="x-pending"', "", SegmentStatus(None, "x-pending")),
        # No state at all: no status, not "new".
        ("", "", None),
        # state-qualifier: an exact match is 100 %, a match in context 101; other qualifiers are an origin only.
        (' state="translated" state-qualifier="exact-match"', "", SegmentStatus(TRANSLATED, "translated", match_percent=100.0, origin="exact-match")),
        (' state-qualifier="id-match"', "", SegmentStatus(None, None, match_percent=101.0, origin="id-match")),
        (' state-qualifier="fuzzy-match"', "", SegmentStatus(None, None, origin="fuzzy-match")),
    ],
)
def test_xliff_1_state_and_approved(target_attributes: str, unit_attributes: str, expected: SegmentStatus | None) -> None:
    assert read_statuses(xliff_12(trans_unit(1, target_attributes, unit_attributes))) == [expected]


def test_xliff_1_segmented_unit_gives_every_segment_the_target_state() -> None:
    unit = (
        '<trans-unit id="1"><source>一。二。</source>'
        '<seg-source><mrk mtype="seg" mid="1">一。</mrk><mrk mtype="seg" mid="2">二。</mrk></seg-source>'
        '<target state="needs-translation"><mrk mtype="seg" mid="1">One.</mrk><mrk mtype="seg" mid="2">Two.</mrk></target>'
        "</trans-unit>"
    )
    assert read_statuses(xliff_12(unit)) == [SegmentStatus(NEW, "needs-translation")] * 2


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ('state="initial"', SegmentStatus(NEW, "initial")),
        ('state="translated"', SegmentStatus(TRANSLATED, "translated")),
        ('state="reviewed"', SegmentStatus(REVIEWED, "reviewed")),
        ('state="final"', SegmentStatus(FINAL, "final")),
        ('state="final" subState="acme:done"', SegmentStatus(FINAL, "final")),
        ("", None),
    ],
)
def test_xliff_2_segment_state(state: str, expected: SegmentStatus | None) -> None:
    data = (
        f'<xliff xmlns="{XLIFF_2}" version="2.0" srcLang="zh" trgLang="en"><file id="f"><unit id="u">'
        f"<segment {state}><source>你好</source><target>Hello</target></segment></unit></file></xliff>"
    ).encode()
    assert read_statuses(data) == [expected]


def pair_with(status: SegmentStatus | None) -> SegmentPair:
    return SegmentPair("1", "你好", "Hello", Location("a.xlf"), status=status)


@pytest.mark.parametrize(
    ("segment_filter", "status", "reason"),
    [
        # --skip-locked: a locked segment is skipped, an unlocked one is not.
        (SegmentFilter(skip_locked=True), SegmentStatus(TRANSLATED, "Translated", locked=True), SkipReason.LOCKED),
        (SegmentFilter(skip_locked=True), SegmentStatus(TRANSLATED, "Translated"), None),
        (SegmentFilter(), SegmentStatus(TRANSLATED, "Translated", locked=True), None),
        # --skip-matches 100: at or above is skipped (context matches too), just under is not.
        (SegmentFilter(skip_matches=100), SegmentStatus(DRAFT, "Draft", match_percent=100.0), SkipReason.MATCH),
        (SegmentFilter(skip_matches=100), SegmentStatus(DRAFT, "Draft", match_percent=101.0), SkipReason.MATCH),
        (SegmentFilter(skip_matches=100), SegmentStatus(DRAFT, "Draft", match_percent=99.5), None),
        (SegmentFilter(skip_matches=100), SegmentStatus(DRAFT, "Draft"), None),
        # --status draft: other states are skipped; an unknown or absent state is checked.
        (SegmentFilter(states=frozenset({DRAFT})), SegmentStatus(FINAL, "ApprovedSignOff"), SkipReason.STATUS),
        (SegmentFilter(states=frozenset({DRAFT})), SegmentStatus(DRAFT, "Draft"), None),
        (SegmentFilter(states=frozenset({DRAFT})), SegmentStatus(None, "x-custom"), None),
        (SegmentFilter(states=frozenset({DRAFT})), None, None),
        # A pair with several reasons counts under the first: locked, then match, then status.
        (
            SegmentFilter(states=frozenset({DRAFT}), skip_locked=True, skip_matches=100),
            SegmentStatus(FINAL, "final", locked=True, match_percent=100.0),
            SkipReason.LOCKED,
        ),
        (
            SegmentFilter(states=frozenset({DRAFT}), skip_matches=100),
            SegmentStatus(FINAL, "final", match_percent=100.0),
            SkipReason.MATCH,
        ),
    ],
)
def test_reason_to_skip(segment_filter: SegmentFilter, status: SegmentStatus | None, reason: SkipReason | None) -> None:
    assert segment_filter.reason_to_skip(pair_with(status)) is reason


def test_filtered_pairs_count_the_skipped_by_reason() -> None:
    pairs = [
        pair_with(SegmentStatus(DRAFT, "Draft")),
        pair_with(SegmentStatus(TRANSLATED, "Translated", locked=True)),
        pair_with(SegmentStatus(FINAL, "final")),
        pair_with(SegmentStatus(FINAL, "final")),
    ]
    kept = FilteredPairs(pairs, SegmentFilter(states=frozenset({DRAFT}), skip_locked=True))
    assert list(kept) == pairs[:1]
    assert kept.skipped == {"locked": 1, "status": 2}


@pytest.mark.parametrize(
    ("values", "expected"),
    [(("draft",), {DRAFT}), (("new,Draft", " final "), {NEW, DRAFT, FINAL}), ((), set())],
)
def test_parse_states(values: tuple[str, ...], expected: set[SegmentState]) -> None:
    assert parse_states(values) == expected


def test_parse_states_names_the_wrong_one() -> None:
    with pytest.raises(ValueError, match="unknown segment status 'fuzzy'.*new, draft"):
        parse_states(["draft,fuzzy"])


# --- end to end ---------------------------------------------------------------------------

# Five units: one new, one draft-like (needs-l10n), one translated with an exact match, one
# final, and one with no state; unit 2's target repeats a word (a finding to see checked).
STATUS_FILE = xliff_12(
    trans_unit(1, ' state="new"'),
    '<trans-unit id="2"><source>第2段。</source><target state="needs-l10n">Paragraph the the 2.</target></trans-unit>',
    trans_unit(3, ' state="translated" state-qualifier="exact-match"'),
    trans_unit(4, ' state="final"'),
    trans_unit(5),
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def status_file(tmp_path: Path) -> Path:
    path = tmp_path / "status.xlf"
    path.write_bytes(STATUS_FILE)
    return path


def test_status_filter_counts_skips_in_the_json_summary(status_file: Path) -> None:
    result = run("check", str(status_file), "--isolated", "--status", "new,draft", "--skip-matches", "100", "-f", "json")
    report = json.loads(result.stdout)
    # Units 1, 2 and 5 (no state) are checked; 3 is an exact match, 4 is final.
    assert report["summary"]["pairs"] == 3
    assert report["summary"]["skipped"] == {"match": 1, "status": 1}
    assert report["files"][0]["skipped"] == {"match": 1, "status": 1}
    assert report["summary"]["segment_filter"] == {"status": ["new", "draft"], "skip_locked": False, "skip_matches": 100.0}
    assert [f["segment_id"] for f in report["files"][0]["findings"]] == ["a.txt#2"]


def test_without_filters_nothing_is_skipped(status_file: Path) -> None:
    report = json.loads(run("check", str(status_file), "--isolated", "-f", "json").stdout)
    assert report["summary"]["pairs"] == 5
    assert report["summary"]["skipped"] == {}


def test_human_report_says_how_many_were_skipped_and_why(status_file: Path) -> None:
    result = run("check", str(status_file), "--isolated", "--status", "draft", "--skip-matches", "100")
    assert "2 pairs, 3 not checked" in result.stdout
    assert "3 pairs not checked: 1 TM matches of 100% or more, 2 with a status other than draft" in result.stdout


def test_junit_properties_count_the_skips(status_file: Path) -> None:
    result = run("check", str(status_file), "--isolated", "--status", "final", "-f", "junit")
    assert '<property name="skipped_status" value="3"/>' in result.stdout


def test_a_file_whose_pairs_were_all_skipped_is_not_an_empty_file(status_file: Path) -> None:
    result = run("check", str(status_file), "--isolated", "--status", "rejected", "-f", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # Unit 5 records no state, so it is still checked.
    assert (report["summary"]["pairs"], report["summary"]["skipped"]) == (1, {"status": 4})


def test_config_sets_the_filter_and_the_command_line_wins(status_file: Path) -> None:
    (status_file.parent / ".qa-tool.toml").write_text('status = ["final"]\nskip-matches = 100\n')
    report = json.loads(run("check", str(status_file), "-f", "json").stdout)
    assert report["summary"]["skipped"] == {"match": 1, "status": 2}
    report = json.loads(run("check", str(status_file), "--status", "new,final", "--skip-matches", "101", "-f", "json").stdout)
    assert report["summary"]["skipped"] == {"status": 2}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('status = ["fuzzy"]', "status: unknown segment status 'fuzzy'"),
        ('skip-locked = "yes"', "skip-locked: expected true or false"),
        ("skip-matches = -1", "skip-matches: expected a number of 0 or more"),
    ],
)
def test_bad_filter_config_is_one_line_and_exit_2(status_file: Path, config: str, message: str) -> None:
    (status_file.parent / ".qa-tool.toml").write_text(config + "\n")
    result = run("check", str(status_file))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unknown_status_option_is_a_usage_error(status_file: Path) -> None:
    result = run("check", str(status_file), "--status", "fuzzy")
    assert result.exit_code == 2
    assert "unknown segment status 'fuzzy'" in result.stderr


def test_baseline_takes_the_same_filter(status_file: Path, tmp_path: Path) -> None:
    output = tmp_path / "baseline.json"
    result = run("baseline", str(status_file), "--isolated", "--status", "final", "-o", str(output))
    assert result.exit_code == 0, result.output
    assert "recorded 0 findings" in result.stderr
