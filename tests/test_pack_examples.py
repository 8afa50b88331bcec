"""Every example of every shipped pack rule (the default pack and the example house pack) runs
as a test: a `fail` example must be flagged on its own pair, a `pass` example must not."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from qa_tool.checks.base import Example, RuleFactory
from qa_tool.engine import check_document
from qa_tool.model import Finding, Location, SegmentPair
from qa_tool.packs import PackRuleFactory, default_pack_dir, load_packs


def example_findings(rule: RuleFactory, example: Example) -> tuple[Finding, ...]:
    """What ``rule`` reports on an example's own pair (its ``earlier`` pairs are the document
    before it): an example is flagged when this is not empty."""
    texts = [*example.earlier, (example.source, example.target)]
    pairs = [SegmentPair(f"e{n}", zh, en, Location("example", line=n)) for n, (zh, en) in enumerate(texts, start=1)]
    result = check_document(pairs, "example", [rule])
    return tuple(finding for finding in result.findings if finding.pair is pairs[-1])


HOUSE_PACK = Path(__file__).resolve().parents[1] / "examples" / "house-pack"
PACK_RULES = load_packs([default_pack_dir(), HOUSE_PACK])


def _cases() -> list:
    cases = []
    for rule in PACK_RULES:
        counts = {True: 0, False: 0}
        for example in rule.meta.examples:
            verdict = "fail" if example.flagged else "pass"
            cases.append(pytest.param(rule, example, id=f"{rule.meta.code}-{verdict}-{counts[example.flagged]}"))
            counts[example.flagged] += 1
    return cases


@pytest.mark.parametrize("rule, example", _cases())
def test_pack_example_behaves_as_documented(rule: PackRuleFactory, example: Example) -> None:
    findings = example_findings(rule, example)
    assert bool(findings) == example.flagged, [finding.message for finding in findings]


def test_both_packs_are_loaded_with_every_rule_type() -> None:
    assert {rule.origin.pack for rule in PACK_RULES} == {"std", "house-pack"}
    house_types = {rule.rule_type for rule in PACK_RULES if rule.origin.pack == "house-pack"}
    assert house_types == {"existence", "substitution", "bilingual", "glossary", "consistency", "occurrence"}


@pytest.mark.parametrize("rule", PACK_RULES, ids=lambda rule: rule.meta.code)
def test_pack_rule_has_a_failing_and_a_passing_example(rule: PackRuleFactory) -> None:
    flags = [example.flagged for example in rule.meta.examples]
    assert True in flags and False in flags
    assert len(rule.meta.rationale) > 80


@pytest.mark.parametrize("rule", PACK_RULES, ids=lambda rule: rule.meta.code)
def test_pack_rule_survives_pickling_for_worker_processes(rule: PackRuleFactory) -> None:
    copy = pickle.loads(pickle.dumps(rule))
    assert copy.meta == rule.meta and copy.origin == rule.origin
    for example in rule.meta.examples:
        assert [f.message for f in example_findings(copy, example)] == [f.message for f in example_findings(rule, example)]
