"""qa-tool: quality assurance for Chinese→English translation.

The Python API, for checking inside another program or as a map over a sharded corpus
(docs/scale.md):

    from qa_tool import SegmentPair, Location, check_pairs
    findings = check_pairs([SegmentPair("1", "重庆经济", "Chongqings economy", Location("doc.txt"))])

``check_pairs`` runs the rules that judge each pair alone; ``check_document`` runs any rules
over one document's pairs in order; ``check_run`` checks several documents, its consistency
rules comparing them with each other; ``by_scope`` splits a rule set between the ways.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

# Imported on first use, so `qa-tool --help` and `import qa_tool` stay fast.
_API = {
    "check_pairs": "qa_tool.engine",
    "check_document": "qa_tool.engine",
    "check_run": "qa_tool.engine",
    "DocumentInput": "qa_tool.engine",
    "Consistency": "qa_tool.engine",
    "by_scope": "qa_tool.engine",
    "DocumentResult": "qa_tool.engine",
    "CheckSettings": "qa_tool.checks.base",
    "Finding": "qa_tool.model",
    "Location": "qa_tool.model",
    "SegmentPair": "qa_tool.model",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'qa_tool' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(_API[name]), name)
