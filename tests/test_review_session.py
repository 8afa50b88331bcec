"""The review session alone (no terminal): moving, filtering, deciding, undoing, and what a
save would write."""

from __future__ import annotations

import pytest

from qa_tool.model import Finding, InlineTag, Location, SegmentPair, Severity, Side, Span
from qa_tool.review import Action, Filter, ReviewRefused, ReviewSession, fix_kind


def pair(ident: str, target: str, path: str = "a.tsv") -> SegmentPair:
    return SegmentPair(ident, "中文", target, Location(path, int(ident)))


def finding(of: SegmentPair, code: str, start: int, end: int, replacement: str | None = None,
            severity: Severity = Severity.MINOR, safe: bool = True) -> Finding:
    return Finding(code, code.lower(), severity, "Fluency", f"{code} message", of,
                   (Span(Side.TARGET, start, end),), replacement, safe_fix=safe and replacement is not None)


ONE = pair("1", "Chongqings economy grew  fast")
TWO = pair("2", "It rose 5 %.", path="b.tsv")
APOSTROPHE = finding(ONE, "GR01", 0, 10, "Chongqing's")
DOUBLE_SPACE = finding(ONE, "GR03", 23, 25, " ")
OVERLAPPING = finding(ONE, "PU01", 5, 12, "x")
NO_FIX = finding(TWO, "NU01", 8, 9, None, Severity.MAJOR)


def session(*findings: Finding) -> ReviewSession:
    return ReviewSession(findings)


def test_accepting_fixes_changes_the_pair_and_moves_on() -> None:
    review = session(APOSTROPHE, DOUBLE_SPACE, NO_FIX)
    review.accept()
    assert review.position == 1
    review.accept()
    assert review.target_of(ONE) == "Chongqing's economy grew fast"
    assert review.changed_pairs() == {("a.tsv", ("1", 1)): (ONE, "Chongqing's economy grew fast")}
    assert review.counts()[Action.ACCEPTED] == 2 and review.unsaved == 2


@pytest.mark.parametrize(
    ("offered", "kind"),
    [
        (finding(ONE, "GR01", 0, 10, "Chongqing's"), "safe fix"),
        (finding(ONE, "NM01", 0, 10, "Chongqing's", safe=False), "suggestion"),
        (finding(ONE, "GR01", 0, 10, None), None),
        (finding(ONE, "GR01", 0, 10, "Chongqings"), None),  # the replacement is the text already there
        (Finding("PU04", "x", Severity.MINOR, "F", "m", ONE, (Span(Side.SOURCE, 0, 1),), "。", safe_fix=True), None),
    ],
)
def test_what_kind_of_fix_a_finding_offers(offered: Finding, kind: str | None) -> None:
    assert fix_kind(offered) == kind


def test_a_finding_without_a_fix_cannot_be_accepted_but_can_be_edited() -> None:
    review = session(NO_FIX)
    with pytest.raises(ReviewRefused, match="no fix"):
        review.accept()
    review.edit("It rose 5%.")
    assert review.decisions[0].action is Action.EDITED
    assert review.changed_pairs()[("b.tsv", ("2", 2))][1] == "It rose 5%."


def test_an_unchanged_edit_decides_nothing() -> None:
    review = session(NO_FIX)
    with pytest.raises(ReviewRefused, match="unchanged"):
        review.edit(TWO.target)
    assert not review.decisions and review.unsaved == 0


def test_an_overlapping_fix_is_refused_and_a_separate_one_is_not() -> None:
    review = session(APOSTROPHE, OVERLAPPING, DOUBLE_SPACE)
    review.accept()
    assert review.fix_preview(OVERLAPPING) is None
    with pytest.raises(ReviewRefused, match="overlaps another fix"):
        review.accept()
    review.move(1)
    review.accept()
    assert review.target_of(ONE) == "Chongqing's economy grew fast"


def test_after_a_hand_edit_the_pairs_fixes_are_refused() -> None:
    review = session(APOSTROPHE, DOUBLE_SPACE)
    review.edit("Chongqing's economy grew  quickly")
    assert review.fix_preview(DOUBLE_SPACE) is None
    with pytest.raises(ReviewRefused, match="edited by hand"):
        review.accept()


def test_a_hand_edit_after_a_fix_starts_from_the_fixed_text_and_undo_restores_it() -> None:
    review = session(APOSTROPHE, DOUBLE_SPACE)
    review.accept()
    review.edit(review.target_of(ONE).replace("fast", "quickly"))
    assert review.target_of(ONE) == "Chongqing's economy grew  quickly"
    review.undo()
    assert review.target_of(ONE) == "Chongqing's economy grew  fast"
    assert review.position == 1 and 1 not in review.decisions


def test_ignoring_needs_a_reason_and_is_listed_for_saving() -> None:
    review = session(APOSTROPHE, NO_FIX)
    with pytest.raises(ReviewRefused, match="say why"):
        review.ignore("   ")
    review.ignore("  the client's   style ")
    assert review.ignored() == [(APOSTROPHE, "the client's style")]
    assert review.changed_pairs() == {}


def test_an_accepted_fix_is_not_ignored_until_undone() -> None:
    review = session(APOSTROPHE)
    review.accept()
    with pytest.raises(ReviewRefused, match="undo"):
        review.ignore("no")
    review.undo()
    review.ignore("house style")
    assert review.ignored() == [(APOSTROPHE, "house style")]


def test_undo_takes_back_decisions_in_reverse_order() -> None:
    review = session(APOSTROPHE, DOUBLE_SPACE, NO_FIX)
    review.accept()
    review.accept()
    review.ignore("checked")
    review.undo()
    assert review.position == 2 and 2 not in review.decisions
    review.undo()
    assert review.target_of(ONE) == "Chongqing's economy grew  fast"
    review.undo()
    assert review.target_of(ONE) == ONE.target and review.changed_pairs() == {}
    with pytest.raises(ReviewRefused, match="nothing to undo"):
        review.undo()


def test_moving_stays_within_the_findings_in_view() -> None:
    review = session(APOSTROPHE, DOUBLE_SPACE, NO_FIX)
    review.move(-1)
    assert review.position == 0
    review.move(1)
    review.move(1)
    review.move(1)
    assert review.position == 2


@pytest.mark.parametrize(
    ("field", "steps", "wanted", "in_view"),
    [
        ("rule", 1, Filter(rule="GR01"), [0]),
        ("rule", 2, Filter(rule="GR03"), [1]),
        ("rule", 4, Filter(), [0, 1, 2]),  # GR01, GR03, NU01, then all again
        ("severity", 1, Filter(severity=Severity.MAJOR), [2]),
        ("path", 2, Filter(path="b.tsv"), [2]),
    ],
)
def test_filters_cycle_through_the_values_present(field: str, steps: int, wanted: Filter, in_view: list[int]) -> None:
    review = session(APOSTROPHE, DOUBLE_SPACE, NO_FIX)
    for _ in range(steps):
        review.cycle_filter(field)
    assert review.filter == wanted
    assert review.visible == in_view
    assert review.position in in_view


@pytest.mark.parametrize(
    ("chosen", "said"),
    [
        (Filter(), ""),
        (Filter(rule="GR01"), "rule GR01"),
        (Filter(severity=Severity.MAJOR, path="b.tsv"), "severity major, file b.tsv"),
    ],
)
def test_a_filter_says_what_it_lets_through(chosen: Filter, said: str) -> None:
    assert chosen.description == said


def test_a_filter_that_hides_the_current_finding_moves_to_one_in_view() -> None:
    review = session(APOSTROPHE, DOUBLE_SPACE, NO_FIX)
    review.move(1)
    review.cycle_filter("path", 2)  # all → a.tsv → b.tsv
    assert review.current is NO_FIX


def test_a_decision_skips_to_the_next_undecided_finding_in_view() -> None:
    review = session(APOSTROPHE, DOUBLE_SPACE, NO_FIX)
    review.move(1)
    review.ignore("fine")
    review.move(-1)
    review.accept()
    assert review.position == 2


def test_saving_clears_the_unsaved_count_but_keeps_undo() -> None:
    review = session(APOSTROPHE)
    review.accept()
    review.saved()
    assert review.unsaved == 0
    review.undo()
    assert review.unsaved == 1


def test_a_fix_that_would_cut_through_an_inline_tag_is_refused() -> None:
    tagged = SegmentPair("3", "中文", "Chongqings economy", Location("a.tsv", 3), target_tags=(InlineTag("g", "1", 5),))
    review = session(finding(tagged, "GR01", 0, 10, "Chongqing's"))
    with pytest.raises(ReviewRefused, match="inline tag"):
        review.accept()
