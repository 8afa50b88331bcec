"""Baselines: today's findings recorded so that a gate fails only on new ones.

A finding's key is its rule code, a hash of its segment's normalised Chinese (pinyin
annotations stripped, NFKC, simplified script, white space collapsed) and the text it points
at. Line numbers, segment ids and order are not part of it, so reordering paragraphs or
editing other text keeps old findings known; fixing the text a finding points at, or editing
its source, makes it new."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Iterable, TextIO

from qa_tool import __version__
from qa_tool.errors import InputError
from qa_tool.model import Finding
from qa_tool.normalise import normalise

FORMAT_VERSION = 1


def finding_key(finding: Finding) -> str:
    source = " ".join(normalise(finding.pair).source_match.text.split())
    material = "\x1f".join((finding.code, source, " ".join(finding.match.split())))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:24]


def write_baseline(findings: Iterable[Finding], stream: TextIO, earlier: Counter[str] | None = None) -> int:
    """Record ``findings``, besides the ``earlier`` ones of a baseline being extended."""
    keys = Counter(earlier or ()) + Counter(finding_key(f) for f in findings)
    record = {"tool": "qa-tool", "version": __version__, "format": FORMAT_VERSION, "findings": dict(sorted(keys.items()))}
    json.dump(record, stream, indent=2)
    stream.write("\n")
    return sum(keys.values())


def load_baseline(path: str) -> Counter[str]:
    try:
        with open(path, encoding="utf-8") as stream:
            record = json.load(stream)
    except FileNotFoundError:
        raise InputError("no such baseline file; make one with 'qa-tool baseline FILE -o PATH'", path=path) from None
    except json.JSONDecodeError as error:
        raise InputError(f"not a qa-tool baseline (bad JSON: {error.msg})", path=path, line=error.lineno) from None
    findings = record.get("findings") if isinstance(record, dict) else None
    if record.get("format") != FORMAT_VERSION or not isinstance(findings, dict):
        raise InputError(f"not a qa-tool baseline of format {FORMAT_VERSION}", path=path)
    return Counter({str(key): int(count) for key, count in findings.items()})


def new_findings(findings: Iterable[Finding], baseline: Counter[str]) -> tuple[list[Finding], int]:
    """The findings the baseline does not account for, and how many it did account for."""
    remaining = Counter(baseline)
    new, known = [], 0
    for finding in findings:
        key = finding_key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
            known += 1
        else:
            new.append(finding)
    return new, known
