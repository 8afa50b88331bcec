"""TM01 beyond matching: the near miss its message quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_tool.checks import select_rules
from qa_tool.checks.base import CheckSettings
from qa_tool.checks.near_miss import near_miss
from qa_tool.engine import check_document
from qa_tool.model import Finding, Location, SegmentPair

GLOSSARY = (
    "zh\ten\n"
    "宏观审慎政策\tmacroprudential policy\n"
    "外办\tForeign Affairs Office\n"
    "货币政策\tmonetary policy\n"
    "金管局\tHong Kong Monetary Authority\n"
    "检疫\tquarantine\n"
)


def tm01(tmp_path: Path, texts: list[tuple[str, str]], glossary: str = GLOSSARY) -> tuple[Finding, ...]:
    path = tmp_path / "glossary.tsv"
    path.write_text(glossary, encoding="utf-8")
    pairs = [SegmentPair(f"s{n}", zh, en, Location("doc.txt", line=n)) for n, (zh, en) in enumerate(texts, start=1)]
    return check_document(pairs, "doc.txt", select_rules(["TM01"]), CheckSettings(glossaries=(str(path),))).findings


# (Chinese, English, the near miss quoted, or None): each quoted one next to a close English
# whose phrase is not the rendering's.
NEAR_MISSES = [
    ("实施宏观审慎政策", "to apply a macro prudent policy", "macro prudent policy"),
    ("实施宏观审慎政策", "to apply a prudent fiscal policy", None),  # same head word, other words
    ("市政府外办主任", "Director of the Foreign Afairs Office", "Foreign Afairs Office"),
    ("市政府外办主任", "Director of the municipal foreign office", None),  # a word short: another rendering
    ("金管局发言人", "a spokesman for the Hong Kong Monetry Authorities", "Hong Kong Monetry Authorities"),
    ("金管局发言人", "a spokesman for the central bank authority", None),
    ("货币政策", "fiscal policy", None),  # another policy, not a slip
    ("检疫", "quarantaine", None),  # one-word renderings have no head word to anchor on
    ("实施宏观审慎政策", "prudent measures. Policy", None),  # not across the end of a clause
]


@pytest.mark.parametrize(("zh", "en", "quoted"), NEAR_MISSES)
def test_tm01_quotes_a_near_miss_and_only_one(tmp_path: Path, zh: str, en: str, quoted: str | None) -> None:
    (finding,) = tm01(tmp_path, [(zh, en)])
    if quoted is None:
        assert "found" not in finding.message
        assert len(finding.spans) == 1
        return
    assert finding.message.endswith(f", which the translation does not use (found '{quoted}').")
    target_span = finding.spans[1]
    assert (target_span.side.value, en[target_span.start : target_span.end]) == ("target", quoted)


def test_tm01_names_every_approved_rendering(tmp_path: Path) -> None:
    (finding,) = tm01(tmp_path, [("外办", "the bureau")], "zh\ten\n外办\tForeign Affairs Office; FAO\n")
    assert finding.message == "'外办' is in the glossary as 'Foreign Affairs Office' or 'FAO', which the translation does not use."


def test_near_miss_looks_at_a_bounded_number_of_head_words() -> None:
    text = "the policy " * 20_000 + "macro prudent policy"
    assert near_miss(("macroprudential policy",), text) is None
    assert near_miss(("macroprudential policy",), "macro prudent policy " + text) == (0, 20)
