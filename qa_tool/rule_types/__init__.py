"""The rule types YAML pack rules extend (``extends: existence``), registered explicitly."""

from __future__ import annotations

from typing import Any

from qa_tool.rule_types.base import RuleType
from qa_tool.rule_types.bilingual import BILINGUAL
from qa_tool.rule_types.consistency import CONSISTENCY
from qa_tool.rule_types.existence import EXISTENCE
from qa_tool.rule_types.glossary import GLOSSARY
from qa_tool.rule_types.occurrence import OCCURRENCE
from qa_tool.rule_types.substitution import SUBSTITUTION

RULE_TYPES: dict[str, RuleType[Any]] = {
    rule_type.name: rule_type
    for rule_type in (EXISTENCE, SUBSTITUTION, BILINGUAL, GLOSSARY, CONSISTENCY, OCCURRENCE)
}
