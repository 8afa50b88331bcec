"""Triggers: a rule runs only on pairs where its trigger fires, and must then find exactly
what it finds when it runs on every pair."""

from __future__ import annotations

import csv
import itertools
import re
import sys
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qa_tool.checks import select_rules
from qa_tool.checks.base import (
    BEYOND_ASCII,
    CharacterClass,
    Characters,
    CheckSettings,
    InlineTags,
    Literals,
    Matching,
    Rule,
    RuleMeta,
    Scope,
    Trigger,
    all_of,
    any_of,
)
from qa_tool import engine
from qa_tool.engine import check_document
from qa_tool.languages.zh import HAN_CHARACTERS, HAN_RUN
from qa_tool.model import Location, SegmentPair, Severity, Side
from qa_tool.normalise import normalise
from qa_tool.packs import available_rules
from qa_tool.readers import ReadOptions, read_pairs
from qa_tool.rule_types.base import LoweredScreen, _screen, lower_case
from qa_tool.schedule import _TextTest
from qa_tool.schedule import RuleSchedule

# Pairs of each dev set checked both ways: enough to meet every rule's trigger many times.
DEV_SLICE = 3000


def _rule(code: str, trigger: Trigger | None) -> type[Rule]:
    class Probe(Rule):
        meta = RuleMeta(code, f"probe-{code.lower()}", "Fluency/Grammar", Severity.MINOR, "", "", (), trigger=trigger)

    return Probe


def _pair(source: str, target: str, source_tags: tuple = (), target_tags: tuple = ()) -> SegmentPair:
    return SegmentPair("1", source, target, Location("doc.txt"), source_tags=source_tags, target_tags=target_tags)


DIGITS = Characters(Side.TARGET, frozenset("0123456789"), "digits", matching_view=True)
WRITTEN_DIGITS = Characters(Side.TARGET, frozenset("0123456789"), "digits")
PERCENT = Characters(Side.SOURCE, frozenset("%"), "a percent sign", matching_view=True)

TRIGGER_CASES = [
    # (trigger, source, target, fires)
    (any_of(DIGITS), "三个", "three", False),
    (any_of(DIGITS), "三个", "3 of them", True),
    (any_of(DIGITS), "三个", "３ of them", True),  # the matching view (NFKC) is read too
    (any_of(WRITTEN_DIGITS), "三个", "３ of them", False),  # only where the condition says so
    (any_of(PERCENT), "增长５％", "rose by five percent", True),  # full-width ％ is % in the matching view
    (any_of(Characters(Side.SOURCE, frozenset("后"), "后", matching_view=True)), "以後", "later", True),  # simplified
    (any_of(Characters(Side.SOURCE, frozenset("w"), "w")), "服務(wù)", "serve", True),  # annotations count
    (any_of(Literals(Side.TARGET, ("http", "www."), "links")), "见网站", "see www.example.org", True),
    (any_of(Literals(Side.TARGET, ("http", "www."), "links")), "见网站", "see the website", False),
    (any_of(Matching(Side.TARGET, re.compile(r"[a-z][A-Z]"), "a case change")), "我们", "weSaid", True),
    (any_of(Matching(Side.TARGET, re.compile(r"[a-z][A-Z]"), "a case change")), "我们", "we said", False),
    (any_of(InlineTags(Side.SOURCE)), "好", "good", False),
    (any_of(CharacterClass(Side.TARGET, r"\d", "digits")), "三个", "٣ of them", True),  # any decimal digit
    (any_of(CharacterClass(Side.TARGET, r"\d", "digits")), "三个", "three", False),
    (any_of(CharacterClass(Side.TARGET, HAN_CHARACTERS, "Chinese")), "三个", "three 个", True),
    (any_of(CharacterClass(Side.TARGET, HAN_CHARACTERS, "Chinese")), "三个", "three", False),
    (any_of(DIGITS, PERCENT), "百分之五", "five percent", False),
    (any_of(DIGITS, PERCENT), "5%", "five percent", True),
    (all_of(DIGITS, PERCENT), "5%", "five percent", False),
    (all_of(DIGITS, PERCENT), "5%", "5 percent", True),
]


@pytest.mark.parametrize(("trigger", "source", "target", "fires"), TRIGGER_CASES)
def test_a_rule_runs_only_where_its_trigger_fires(trigger: Trigger, source: str, target: str, fires: bool) -> None:
    probe, always = _rule("XX01", trigger)(CheckSettings()), _rule("XX02", None)(CheckSettings())
    plan = RuleSchedule([probe, always], []).plan(normalise(_pair(source, target)))
    assert plan.segment == ((probe, always) if fires else (always,))


def test_inline_tags_fire_a_tag_trigger() -> None:
    probe = _rule("XX01", any_of(InlineTags(Side.SOURCE)))(CheckSettings())
    schedule = RuleSchedule([probe], [])
    assert schedule.plan(normalise(_pair("好", "good", source_tags=(object(),)))).segment == (probe,)
    assert schedule.plan(normalise(_pair("好", "good", target_tags=(object(),)))).segment == ()


def test_pairs_that_run_the_same_rules_share_one_plan() -> None:
    """Pairs meeting different conditions but running the same rules get the same plan
    object: a large file meets thousands of patterns of conditions, and a plan holds a bound
    method a rule."""
    probe = _rule("XX01", any_of(DIGITS, PERCENT))(CheckSettings())
    schedule = RuleSchedule([probe], [])
    digits, percent, both = (
        schedule.plan(normalise(_pair(source, target))) for source, target in [("五个", "5"), ("5%", "five"), ("5%", "5")]
    )
    assert digits.segment == (probe,)
    assert digits is percent is both
    assert schedule.plan(normalise(_pair("好", "good"))) is not digits


def test_without_triggers_every_rule_runs() -> None:
    probe = _rule("XX01", any_of(DIGITS))(CheckSettings())
    assert RuleSchedule([probe], [], use_triggers=False).plan(normalise(_pair("好", "good"))).segment == (probe,)


def test_a_document_rule_skipped_is_handed_what_it_observes_on_nothing() -> None:
    class Counting(Rule):
        meta = RuleMeta(
            "XX03", "probe", "Fluency/Grammar", Severity.MINOR, "", "", (), scope=Scope.DOCUMENT, trigger=any_of(DIGITS)
        )
        splits_document_work = True
        nothing_observed = ()

    rule = Counting(CheckSettings())
    schedule = RuleSchedule([], [rule])
    assert schedule.plan(normalise(_pair("好", "good"))).observe == (False,)
    assert schedule.plan(normalise(_pair("好", "good 1"))).observe == (True,)


def test_a_pairs_observations_hold_each_observing_rules_result_in_its_place() -> None:
    def observing(code: str, trigger: Trigger) -> Rule:
        class Seeing(Rule):
            meta = RuleMeta(code, "probe", "Fluency/Grammar", Severity.MINOR, "", "", (), scope=Scope.DOCUMENT, trigger=trigger)
            splits_document_work = True
            nothing_observed = f"{code} saw nothing"

            def observe(self, pair: object) -> str:
                return f"{code} saw a pair"

        return Seeing(CheckSettings())

    schedule = RuleSchedule([], [observing("XX05", any_of(DIGITS)), observing("XX06", any_of(PERCENT))])

    def observations(source: str, target: str) -> tuple:
        return schedule.plan(normalise(_pair(source, target))).observations(normalise(_pair(source, target)))

    assert observations("好", "good") == ("XX05 saw nothing", "XX06 saw nothing")
    assert observations("好", "good 1") == ("XX05 saw a pair", "XX06 saw nothing")
    assert observations("5%", "good") == ("XX05 saw nothing", "XX06 saw a pair")
    assert observations("5%", "good 1") == ("XX05 saw a pair", "XX06 saw a pair")


def test_a_document_rule_that_does_not_split_its_work_observes_every_pair() -> None:
    class Whole(Rule):
        meta = RuleMeta(
            "XX04", "probe", "Fluency/Grammar", Severity.MINOR, "", "", (), scope=Scope.DOCUMENT, trigger=any_of(DIGITS)
        )

    assert RuleSchedule([], [Whole(CheckSettings())]).plan(normalise(_pair("好", "good"))).observe == (True,)


def test_a_trigger_needs_a_condition() -> None:
    with pytest.raises(ValueError):
        Trigger(())


def test_the_han_class_holds_every_han_character() -> None:
    han = [chr(code) for code in range(sys.maxunicode + 1) if HAN_RUN.match(chr(code))]
    outside = re.sub(f"[{HAN_CHARACTERS}]", "", "".join(han))
    assert len(han) > 90_000 and outside == ""


# Characters that a class's escaping must keep literal, a digit class and every character
# beyond ASCII (PU01's trigger), as one text test holds them.
_MARKS = '"#<]^-\\'
_CLASS_CONDITIONS = [
    (Characters(Side.TARGET, frozenset(_MARKS), "marks"), 1),
    (CharacterClass(Side.TARGET, r"\d", "digits"), 2),
    (CharacterClass(Side.TARGET, BEYOND_ASCII, "characters outside ASCII"), 4),
]


@hypothesis_settings(max_examples=300)
@given(st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from([*_MARKS, "0", "9", "a", "\x7f", "\x80", "٣"])))
@example("a\x80")  # beyond ASCII: the scan of every character but the ASCII ones left out
@example('x"] 9')  # ASCII only: the scan of the ASCII members
def test_a_class_of_every_character_beyond_ascii_scans_as_written_out(text: str) -> None:
    """The class of every character beyond ASCII is scanned as the ASCII characters it leaves
    out, negated (quick to compile): it must find what the class written out finds."""
    test = _TextTest(_CLASS_CONDITIONS)
    written_out = re.compile(f"[{re.escape(_MARKS)}\\d{BEYOND_ASCII}]")
    assert test._any_character is not None
    assert set(test._any_character.findall(text)) == set(written_out.findall(text))
    expected = 0
    for character in text:
        expected |= (character in _MARKS) | (2 if re.fullmatch(r"\d", character) else 0) | (4 if not character.isascii() else 0)
    assert test.held(text) == expected


def test_trigger_docs_name_every_condition() -> None:
    assert all_of(DIGITS, PERCENT).shown == "digits in the target and a percent sign in the source"


# --- equivalence: every rule, with and without triggers ------------------------------------

EVERY_RULE = select_rules(["ALL"], rules=available_rules())
# With a variant, so the rules that need one run too.
SETTINGS = CheckSettings(variant="en-GB")


def _read(path: Path) -> list[SegmentPair]:
    with path.open("rb") as stream:
        return list(read_pairs(stream, str(path), ReadOptions()))


def _dev_documents(dev: Path) -> Iterator[list[SegmentPair]]:
    """The first DEV_SLICE targets of a dev set, grouped into documents by system and document."""
    csv.field_size_limit(sys.maxsize)
    with (dev / "sources.tsv").open(encoding="utf-8", newline="") as stream:
        sources = {row["seg_id"]: row for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)}
    with (dev / "targets.tsv").open(encoding="utf-8", newline="") as stream:
        rows = list(itertools.islice(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE), DEV_SLICE))
    key = lambda row: (row["system"], sources[row["seg_id"]].get("doc", ""))  # noqa: E731
    for (system, doc), group in itertools.groupby(rows, key=key):
        location = Location(f"{system}/{doc}")
        yield [SegmentPair(row["seg_id"], sources[row["seg_id"]]["source"], row["target"], location) for row in group]


def _corpora(shared: Path) -> Iterator[tuple[str, list[SegmentPair]]]:
    yield from ((path.name, _read(path)) for path in sorted((shared / "samples").iterdir()))
    yield "tico19", _read(shared / "fixtures" / "tico19_en_zh" / "all.en-zh.tmx")
    yield "firefox-ios", _read(shared / "fixtures" / "xliff_firefoxios_zh-CN" / "firefox-ios.zh-CN.xliff")
    for dev in sorted((shared / "dev").iterdir()):
        for number, document in enumerate(_dev_documents(dev)):
            yield f"{dev.name} {number}", document


REPO = Path(__file__).resolve().parents[1]


def _bundled_corpora() -> Iterator[tuple[str, list[SegmentPair]]]:
    """What a checkout carries, so the exactness of triggers is tested wherever the suite runs:
    the bundled example, the project and CAT-tool test files, and every rule's documented
    examples (each chosen to flag or not, so each meets its rule's trigger and its edges)."""
    yield "example", _read(REPO / "examples" / "chongqing-fao-news.zh-en.txt")
    for path in sorted((REPO / "tests" / "data" / "cat").glob("*.zh-en.*")):
        yield path.name, _read(path)
    for path in sorted((REPO / "tests" / "data" / "project").glob("*.*")):
        if path.is_file() and path.suffix != ".md":
            yield path.name, _read(path)
    examples = [example for rule in EVERY_RULE for example in rule.meta.examples]
    yield "rule examples", [
        SegmentPair(str(number), example.source, example.target, Location("examples"), alignment=example.alignment)
        for number, example in enumerate(examples)
    ]


@pytest.mark.parametrize("name, pairs", list(_bundled_corpora()), ids=lambda value: value if isinstance(value, str) else "")
def test_triggers_change_no_finding_on_bundled_text(name: str, pairs: list[SegmentPair]) -> None:
    assert pairs
    triggered = check_document(pairs, name, EVERY_RULE, SETTINGS)
    untriggered = check_document(pairs, name, EVERY_RULE, SETTINGS, use_triggers=False)
    assert triggered == untriggered


def test_a_schedule_kept_from_chunk_to_chunk_changes_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document's chunks share one schedule, its plans and what it learnt of characters:
    chunks of a few pairs give what every rule run on every pair gives."""
    (_, pairs), *_ = [corpus for corpus in _bundled_corpora() if corpus[0] == "rule examples"]
    untriggered = check_document(pairs, "examples", EVERY_RULE, SETTINGS, use_triggers=False)
    monkeypatch.setattr(engine, "CHUNK_PAIRS", 7)

    assert check_document(pairs, "examples", EVERY_RULE, SETTINGS) == untriggered


def test_triggers_change_no_finding(shared_dir: Path) -> None:
    checked = 0
    for name, pairs in _corpora(shared_dir):
        triggered = check_document(pairs, name, EVERY_RULE, SETTINGS)
        untriggered = check_document(pairs, name, EVERY_RULE, SETTINGS, use_triggers=False)
        assert triggered == untriggered, name
        checked += len(pairs)
    assert checked > DEV_SLICE


# Letters whose case partners under re's IGNORECASE include characters outside ASCII
# (K and the Kelvin sign, s and the long s, i and the dotless i), with other text around them.
_CASED_TEXT = st.text(st.sampled_from("kKsSiIıİſKaB .-'\u00e9\u00c9"), max_size=12)


@hypothesis_settings(max_examples=500)
@given(st.lists(_CASED_TEXT.filter(str.strip), min_size=1, max_size=4), _CASED_TEXT)
def test_a_lowered_screen_finds_what_an_any_case_search_finds(literals: list[str], text: str) -> None:
    forms = [lower_case(literal) for literal in literals]
    screen = _screen(forms, ignorecase=True)
    any_case = re.compile("|".join(re.escape(form) for form in forms), re.IGNORECASE)
    assert (screen.search(text) is None) is (any_case.search(text) is None)


def test_a_lowered_screen_is_used_for_ascii_literals_only() -> None:
    assert isinstance(_screen(["one belt", "obor"], ignorecase=True), LoweredScreen)
    assert not isinstance(_screen(["ſtraße"], ignorecase=True), LoweredScreen)
    assert not isinstance(_screen(["one belt"], ignorecase=False), LoweredScreen)
