"""Language codes as CAT tools write them: zh, zh-CN, ZH-TW, zh_Hans, zh-Hant-HK, en-US..."""

from __future__ import annotations

from functools import lru_cache


# A TMX file names the language of each variant of each unit, and a file uses a few codes:
# remembered, they cost a lookup instead of four string operations twice a variant.
@lru_cache(maxsize=256)
def primary_subtag(code: str) -> str:
    """'zh-Hant-TW' → 'zh', 'EN_us' → 'en'."""
    return code.strip().replace("_", "-").split("-", 1)[0].lower()


# Asked for each variant of each TMX unit, of the same few codes.
@lru_cache(maxsize=256)
def same_language(code: str | None, wanted: str) -> bool:
    """True when ``code`` names the language ``wanted`` (compared by primary subtag)."""
    return code is not None and primary_subtag(code) == primary_subtag(wanted)
