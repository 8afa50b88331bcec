"""Which way a file translates, from the languages it declares: every reader hands out pairs
from the source language to the target language of the options, reading a file written the
other way round (en → zh) with its sides swapped."""

from __future__ import annotations

from qa_tool.errors import InputError
from qa_tool.languages.codes import same_language
from qa_tool.readers import ReadOptions


def is_swapped(source_lang: str | None, target_lang: str | None, options: ReadOptions, name: str, line: int | None) -> bool:
    """False when the file's languages fit the options (or are not given), True when they fit
    the other way round; other languages are an error naming ``line``."""

    def fits(code: str | None, wanted: str) -> bool:
        return not code or same_language(code, wanted)

    if fits(source_lang, options.source_lang) and fits(target_lang, options.target_lang):
        return False
    if fits(source_lang, options.target_lang) and fits(target_lang, options.source_lang):
        return True
    raise InputError(
        f"the file translates {source_lang or '?'} into {target_lang or '?'}, "
        f"but qa-tool is checking {options.source_lang} and {options.target_lang}",
        path=name,
        line=line,
    )
